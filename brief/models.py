"""Domain dataclasses shared by every stage of the pipeline.

Stages (clean, dedupe, cluster, facts, dates, timeline) are pure functions over these types;
the store (``cache``) deals in plain rows, and ``brief.convert`` turns rows into these objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Removal:
    """A block the cleaner dropped, and why (shown in the reader and ``clean --json``)."""

    text: str
    reason: str


@dataclass(slots=True)
class CleanArticle:
    """What the cleaner makes of one page, file or record, before it is stored."""

    text: str
    title: str | None = None
    byline: str | None = None
    published: datetime | None = None
    site: str | None = None
    lang: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    removed: list[Removal] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    """One stored article (a feed entry, a page, a local file or a JSONL record)."""

    id: int | None
    external_id: str | None
    title: str
    text: str
    source: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    feed_id: int | None = None
    byline: str | None = None
    published: datetime | None = None
    published_inferred: bool = False
    fetched_at: datetime | None = None
    content_hash: str | None = None
    lang: str | None = None
    read: bool = False
    starred: bool = False
    dismissed: bool = False
    duplicate_of: int | None = None
    story_id: int | None = None
    removed: list[Removal] = field(default_factory=list)
    # Pure per-article work (see brief.pipeline.prepare_article), done ahead of the store,
    # e.g. in a cleaning worker process; the pipeline computes whatever is missing.
    features_json: str | None = None
    signature: bytes | None = None


@dataclass(slots=True)
class Feed:
    id: int | None
    url: str
    title: str | None = None
    site_url: str | None = None
    folder: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_fetched: datetime | None = None
    last_status: int | None = None
    last_error: str | None = None
    failures: int = 0
    gone: bool = False
    item_count: int = 0
    unread_count: int = 0


@dataclass(slots=True)
class Story:
    """A cluster of articles about one event, as listed in the stories pane."""

    id: int
    headline: str
    size: int = 0
    sources: list[str] = field(default_factory=list)
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    article_ids: list[int] = field(default_factory=list)
    why: list[str] = field(default_factory=list)
    summary: str = ""
    unread: int = 0
    starred: bool = False
    dismissed: bool = False


@dataclass(frozen=True, slots=True)
class Fact:
    """A figure: a number with what it counts, and the outlets that state it."""

    text: str
    value: float
    unit: str
    qualifier: str | None = None
    sources: tuple[str, ...] = ()
    article_ids: tuple[int, ...] = ()
    #: what the figure is about, in the words of the article that states it best: the clause
    #: around it ("the authority has offered a 3.5% rise"); None when the figure is the clause
    context: str | None = None

    @staticmethod
    def in_context(text: str, context: str | None, side: int | None = None
                   ) -> tuple[str, str, str] | None:
        """(words before, figure, words after) of a figure ``text`` in its ``context``; None
        when there is no context to show it in. ``side`` keeps at most that many words either
        side (a "," after the figure counts as one), "…" where more were cut."""
        if not context or text not in context:
            return None
        before, _, after = context.partition(text)
        if side is None:
            return before, text, after
        head, tail = before.split(), after.split()
        lead = " ".join(head[-side:])
        if len(head) > side or (head and head[0] == "…"):
            lead = "… " + " ".join(w for w in head[-side:] if w != "…")
        trail = " ".join(tail[:side])
        if len(tail) > side and not trail.endswith("…"):
            trail += " …"
        if trail and after[:1] not in {",", ";", ":"}:
            trail = " " + trail
        return (lead + " " if lead.strip() else ""), text, trail


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: str | None
    text: str
    role: str | None = None
    sources: tuple[str, ...] = ()
    article_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    kind: str  # "person" | "org" | "place" | "other"
    mentions: int = 0
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    # ISO as precision says: "2024-02-02", "2024-W05", "2024-02", "2024"; a year nothing
    # supports is left out: "--02-02", "--02" (brief.dates.describe_date writes them for people)
    date: str
    precision: str  # "day" | "week" | "month" | "year"
    text: str
    inferred: bool = False
    sources: tuple[str, ...] = ()
    article_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ConflictValue:
    value: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Conflict:
    kind: str  # "figure" | "date"
    subject: str
    values: tuple[ConflictValue, ...] = ()


@dataclass(slots=True)
class StoryFacts:
    """Everything the facts/timeline pane and ``show --json`` need for one story."""

    summary: str = ""
    facts: list[Fact] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
