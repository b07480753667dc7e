"""Explicit converters between store rows (plain dicts) and domain dataclasses."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from brief.models import (
    Article,
    Conflict,
    ConflictValue,
    Entity,
    Fact,
    Feed,
    Quote,
    Removal,
    Story,
    StoryFacts,
    TimelineEvent,
)

Row = Mapping[str, Any]


def datetime_to_db(value: datetime | None) -> str | None:
    """UTC ISO-8601 (naive datetimes are taken as UTC), so text order is time order."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).replace(microsecond=0).isoformat()


def datetime_from_db(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _json_list(value: str | None) -> list[Any]:
    if not value:
        return []
    try:
        out = json.loads(value)
    except ValueError:
        return []
    return out if isinstance(out, list) else []


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def removals_to_db(removed: list[Removal]) -> str:
    return _dumps([{"text": r.text, "reason": r.reason} for r in removed])


def removals_from_db(value: str | None) -> list[Removal]:
    return [
        Removal(str(d.get("text", "")), str(d.get("reason", "")))
        for d in _json_list(value)
        if isinstance(d, dict)
    ]


def article_to_row(a: Article) -> dict[str, Any]:
    row: dict[str, Any] = {
        "external_id": a.external_id,
        "feed_id": a.feed_id,
        "url": a.url,
        "canonical_url": a.canonical_url,
        "source": a.source,
        "title": a.title,
        "byline": a.byline,
        "published": datetime_to_db(a.published),
        "published_inferred": int(a.published_inferred),
        "fetched_at": datetime_to_db(a.fetched_at),
        "text": a.text,
        "content_hash": a.content_hash,
        "lang": a.lang,
        "read": int(a.read),
        "starred": int(a.starred),
        "dismissed": int(a.dismissed),
        "duplicate_of": a.duplicate_of,
        "story_id": a.story_id,
        "removed": removals_to_db(a.removed),
    }
    if row["fetched_at"] is None:
        del row["fetched_at"]
    if a.id is not None:
        row["id"] = a.id
    return row


def article_from_row(r: Row) -> Article:
    return Article(
        id=r["id"],
        external_id=r.get("external_id"),
        title=r.get("title") or "",
        text=r.get("text") or "",
        source=r.get("source"),
        url=r.get("url"),
        canonical_url=r.get("canonical_url"),
        feed_id=r.get("feed_id"),
        byline=r.get("byline"),
        published=datetime_from_db(r.get("published")),
        published_inferred=bool(r.get("published_inferred")),
        fetched_at=datetime_from_db(r.get("fetched_at")),
        content_hash=r.get("content_hash"),
        lang=r.get("lang"),
        read=bool(r.get("read")),
        starred=bool(r.get("starred")),
        dismissed=bool(r.get("dismissed")),
        duplicate_of=r.get("duplicate_of"),
        story_id=r.get("story_id"),
        removed=removals_from_db(r.get("removed")),
    )


def feed_from_row(r: Row) -> Feed:
    return Feed(
        id=r["id"],
        url=r["url"],
        title=r.get("title"),
        site_url=r.get("site_url"),
        folder=r.get("folder"),
        etag=r.get("etag"),
        last_modified=r.get("last_modified"),
        last_fetched=datetime_from_db(r.get("last_fetched")),
        last_status=r.get("last_status"),
        last_error=r.get("last_error"),
        failures=int(r.get("failures") or 0),
        gone=bool(r.get("gone")),
        item_count=int(r.get("item_count") or 0),
        unread_count=int(r.get("unread_count") or 0),
    )


def story_from_row(r: Row, article_ids: list[int] | None = None) -> Story:
    return Story(
        id=r["id"],
        headline=r.get("headline") or "",
        size=int(r.get("size") or 0),
        sources=[str(s) for s in _json_list(r.get("sources"))],
        first_seen=datetime_from_db(r.get("first_seen")),
        last_seen=datetime_from_db(r.get("last_seen")),
        article_ids=article_ids or [],
        why=[str(s) for s in _json_list(r.get("why"))],
        summary=r.get("summary") or "",
        unread=int(r.get("unread") or 0),
        starred=bool(r.get("starred")),
        dismissed=bool(r.get("dismissed")),
    )


def story_facts_to_rows(sf: StoryFacts) -> dict[str, list[dict[str, Any]]]:
    return {
        "facts": [
            {
                "text": f.text, "value": f.value, "unit": f.unit, "qualifier": f.qualifier,
                "sources": _dumps(list(f.sources)), "article_ids": _dumps(list(f.article_ids)),
                "context": f.context,
            }
            for f in sf.facts
        ],
        "quotes": [
            {
                "speaker": q.speaker, "role": q.role, "text": q.text,
                "sources": _dumps(list(q.sources)), "article_ids": _dumps(list(q.article_ids)),
            }
            for q in sf.quotes
        ],
        "entities": [
            {"name": e.name, "kind": e.kind, "mentions": e.mentions,
             "sources": _dumps(list(e.sources))}
            for e in sf.entities
        ],
        "timeline_events": [
            {
                "date": t.date, "precision": t.precision, "inferred": int(t.inferred),
                "text": t.text, "sources": _dumps(list(t.sources)),
                "article_ids": _dumps(list(t.article_ids)),
            }
            for t in sf.timeline
        ],
        "conflicts": [
            {
                "kind": c.kind, "subject": c.subject,
                "values": _dumps([{"value": v.value, "sources": list(v.sources)} for v in c.values]),
            }
            for c in sf.conflicts
        ],
    }


def _tuple(value: str | None) -> tuple[Any, ...]:
    return tuple(_json_list(value))


def story_facts_from_rows(details: Mapping[str, Sequence[Row]], summary: str = "") -> StoryFacts:
    return StoryFacts(
        summary=summary,
        facts=[
            Fact(
                text=r["text"], value=float(r["value"]) if r["value"] is not None else 0.0,
                unit=r.get("unit") or "", qualifier=r.get("qualifier"),
                sources=_tuple(r.get("sources")), article_ids=_tuple(r.get("article_ids")),
                context=r.get("context"),
            )
            for r in details.get("facts", [])
        ],
        quotes=[
            Quote(
                speaker=r.get("speaker"), text=r["text"], role=r.get("role"),
                sources=_tuple(r.get("sources")), article_ids=_tuple(r.get("article_ids")),
            )
            for r in details.get("quotes", [])
        ],
        entities=[
            Entity(name=r["name"], kind=r["kind"], mentions=int(r.get("mentions") or 0),
                   sources=_tuple(r.get("sources")))
            for r in details.get("entities", [])
        ],
        timeline=[
            TimelineEvent(
                date=r["date"], precision=r["precision"], text=r["text"],
                inferred=bool(r.get("inferred")), sources=_tuple(r.get("sources")),
                article_ids=_tuple(r.get("article_ids")),
            )
            for r in details.get("timeline_events", [])
        ],
        conflicts=[
            Conflict(
                kind=r["kind"], subject=r["subject"],
                values=tuple(
                    ConflictValue(value=str(v.get("value")), sources=tuple(v.get("sources", ())))
                    for v in _json_list(r.get("values"))
                    if isinstance(v, dict)
                ),
            )
            for r in details.get("conflicts", [])
        ],
    )
