"""The library a user reads from: what the TUI and CLI ask of brief.

Every method is a short query or a small write through ``cache``; heavy stages (cleaning,
clustering) are imported only by the methods that need them, so the TUI starts fast.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from brief.convert import (
    article_from_row,
    datetime_from_db,
    datetime_to_db,
    feed_from_row,
    story_facts_from_rows,
    story_from_row,
)
from brief.models import Article, Feed, Story, StoryFacts
from cache.store import Store, StoreError, open_store

FILTERS = ("unread", "starred", "all", "dismissed")

_FILTER_SQL = {
    "unread": "unread > 0 AND dismissed = 0",
    "starred": "starred = 1",
    "all": "dismissed = 0",
    "dismissed": "dismissed = 1",
}


MAX_QUERY_CHARS = 1000


class SearchError(ValueError):
    """A search query the index cannot run; the message is one clear line."""


@dataclass(slots=True)
class SearchHit:
    article: Article
    snippet: str


@dataclass(slots=True)
class ArticleView:
    """An article as the brief shows it: with the outlets that carry copies of it."""

    article: Article
    also_in: list[str]


@dataclass(slots=True)
class Counts:
    stories: int
    unread_stories: int
    articles: int
    feeds: int


class Library:
    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def open(cls, path: str | Path | None = None) -> Library:
        return cls(open_store(path))

    def close(self) -> None:
        self.store.close()

    # -- stories ------------------------------------------------------------------------------

    def stories(
        self, filter: str = "all", *, since: timedelta | None = None, limit: int | None = None,
        offset: int = 0,
    ) -> list[Story]:
        where, params = self._story_where(filter, since)
        rows = self.store.story_rows(where=where, params=params, limit=limit, offset=offset)
        return [story_from_row(r) for r in rows]

    def story_count(self, filter: str = "all", *, since: timedelta | None = None) -> int:
        where, params = self._story_where(filter, since)
        return self.store.story_count(where=where, params=params)

    @staticmethod
    def _story_where(filter: str, since: timedelta | None) -> tuple[str, list[Any]]:
        if filter not in _FILTER_SQL:
            raise ValueError(f"unknown filter {filter!r} (choose from {', '.join(FILTERS)})")
        where = _FILTER_SQL[filter]
        params: list[Any] = []
        if since is not None:
            where += " AND last_seen >= ?"
            params.append(datetime_to_db(datetime.now(UTC) - since))
        return where, params

    def story(self, story_id: int) -> Story | None:
        row = self.store.story_row(story_id)
        if row is None:
            return None
        return story_from_row(row, self.store.story_article_ids(story_id))

    def story_articles(self, story_id: int) -> list[ArticleView]:
        """Originals first (by date), each with the outlets of its near-copies."""
        articles = [article_from_row(r) for r in self.store.story_article_rows(story_id)]
        copies: dict[int, list[str]] = {}
        for a in articles:
            if a.duplicate_of is not None:
                copies.setdefault(a.duplicate_of, []).append(a.source or "unknown outlet")
        ids = {a.id for a in articles}
        originals = [a for a in articles if a.duplicate_of not in ids]
        return [
            ArticleView(a, sorted(set(copies.get(a.id or -1, [])) - {a.source or ""}))
            for a in originals
        ]

    def story_facts(self, story_id: int) -> StoryFacts:
        row = self.store.story_row(story_id)
        summary = row["summary"] if row else ""
        return story_facts_from_rows(self.store.story_details(story_id), summary)

    def article(self, article_id: int) -> Article | None:
        row = self.store.article_row(article_id)
        return article_from_row(row) if row else None

    def article_links(self, article_id: int) -> list[str]:
        """Every URL this article was seen at (a duplicate is stored once)."""
        urls = [r["url"] for r in self.store.article_source_rows(article_id) if r["url"]]
        return list(dict.fromkeys(urls))

    # -- state ----------------------------------------------------------------------------------

    def _with_copies(self, article_ids: list[int]) -> list[int]:
        out = list(article_ids)
        for aid in article_ids:
            out += self.store.copies_of(aid)
            row = self.store.article_row(aid)
            if row and row.get("duplicate_of"):
                orig = int(row["duplicate_of"])
                out += [orig, *self.store.copies_of(orig)]
        return list(dict.fromkeys(out))

    def set_article_read(self, article_id: int, read: bool = True) -> None:
        """Reading one copy marks its copies read."""
        self.store.set_article_flag(self._with_copies([article_id]), "read", read)

    def set_story_read(self, story_id: int, read: bool = True) -> None:
        self.store.set_story_flag([story_id], "read", read)

    def set_stories_read(self, story_ids: list[int], read: bool = True) -> None:
        self.store.set_story_flag(story_ids, "read", read)

    def set_story_starred(self, story_id: int, starred: bool) -> None:
        self.store.set_story_flag([story_id], "starred", starred)

    def set_story_dismissed(self, story_id: int, dismissed: bool) -> None:
        self.store.set_story_flag([story_id], "dismissed", dismissed)

    # -- search ---------------------------------------------------------------------------------

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Full-text search. Plain words match as typed; FTS5 syntax is used when it parses."""
        query = query.strip()
        if len(query) > MAX_QUERY_CHARS:  # a pasted page would take seconds to match
            query = query[:MAX_QUERY_CHARS].rsplit(" ", 1)[0]
        if not query:
            return []
        shown = query if len(query) <= 60 else query[:60] + "…"  # messages stay one short line
        try:
            rows = self.store.search_rows(query, limit)
        except sqlite3.OperationalError:
            words = [f'"{w}"' for w in re.findall(r"\w+", query)
                     if w not in ("AND", "OR", "NOT", "NEAR")]
            if not words:
                raise SearchError(f"nothing to search for in {shown!r}") from None
            try:
                rows = self.store.search_rows(" ".join(words), limit)
            except sqlite3.OperationalError as e:
                raise SearchError(f"cannot search for {shown!r}: {e}") from e
        return [SearchHit(article_from_row(r), r.get("snippet") or "") for r in rows]

    # -- feeds ------------------------------------------------------------------------------------

    def feeds(self) -> list[Feed]:
        return [feed_from_row(r) for r in self.store.feed_rows()]

    # -- status ---------------------------------------------------------------------------------

    def counts(self) -> Counts:
        return Counts(
            stories=self.store.story_count(where=_FILTER_SQL["all"]),
            unread_stories=self.store.story_count(where=_FILTER_SQL["unread"]),
            articles=self.store.article_count(),
            feeds=int(self.store.scalar("SELECT count(*) FROM feeds") or 0),
        )

    def last_refresh(self) -> datetime | None:
        return datetime_from_db(self.store.get_meta("last_refresh"))

    def record_refresh(self, when: datetime | None = None) -> None:
        self.store.set_meta("last_refresh", datetime_to_db(when or datetime.now(UTC)) or "")

    # -- writes through the pipeline --------------------------------------------------------------

    def refresh(
        self, *, articles: bool = True, progress: Callable[[Any], None] | None = None,
        transport: Any = None,
    ) -> Any:
        """Fetch every subscription (see brief.refresh); returns its RefreshSummary."""
        from brief.refresh import refresh

        summary = refresh(self.store, articles=articles, progress=progress,
                          transport=transport or self.offline_transport())
        self.record_refresh()
        return summary

    def offline_transport(self) -> Any:
        """The demo database refreshes from the bundled corpus, never the network."""
        if self.store.get_meta("demo") != "1":
            return None
        from brief.demo import demo_transport

        return demo_transport()

    def merge_stories(self, keep: int, gone: int) -> None:
        from brief.pipeline import Pipeline

        Pipeline(self.store).merge_stories(keep, gone)

    def move_article(self, article_id: int, story_id: int | None) -> int:
        from brief.pipeline import Pipeline

        return Pipeline(self.store).move_article(article_id, story_id)


__all__ = [
    "FILTERS",
    "ArticleView",
    "Counts",
    "Library",
    "SearchError",
    "SearchHit",
    "StoreError",
]
