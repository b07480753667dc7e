"""From clean articles to stored, deduplicated, clustered stories with facts.

``Pipeline.ingest`` is the one write path for new articles, whatever their origin (feed, page,
file, JSONL record). Each batch is one transaction: an interrupted ingest leaves the database
as it was before the batch. The clustering and near-duplicate indexes are loaded from the
database once per Pipeline and saved with every batch, so a restart never reclusters.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from brief.convert import article_from_row, article_to_row, datetime_to_db, story_facts_to_rows
from brief.models import Article, Removal, StoryFacts
from cache.store import Store

if TYPE_CHECKING:
    from brief.cluster import StoryIndex
    from brief.dedupe import NearDuplicateIndex

BATCH_SIZE = 200
#: Longest article text stored (characters); longer text is cut, and the cut recorded.
MAX_TEXT_CHARS = 500_000


@dataclass(slots=True)
class IngestReport:
    new: int = 0
    duplicates: int = 0  # exact duplicates: stored once, their source remembered
    near_duplicates: int = 0  # near-copies: stored, marked duplicate_of their original
    article_ids: list[int] = field(default_factory=list)
    stories: set[int] = field(default_factory=set)

    def add(self, other: IngestReport) -> None:
        self.new += other.new
        self.duplicates += other.duplicates
        self.near_duplicates += other.near_duplicates
        self.article_ids += other.article_ids
        self.stories |= other.stories


@dataclass(slots=True)
class _Batch:
    """What the writer keeps while it stores one batch."""

    next_id: int  # the id the next article stored gets
    stories: set[int] = field(default_factory=set)  # stories known to have a row
    index_rows: list[tuple[int, str | None, bytes | None]] = field(default_factory=list)


class Pipeline:
    """Dedupe, cluster, extract facts and store. Not thread-safe: one writer at a time."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._index: StoryIndex | None = None
        self._near: NearDuplicateIndex | None = None

    # -- indexes, loaded lazily from the database ------------------------------------------------

    @property
    def index(self) -> StoryIndex:
        if self._index is None:
            from brief.cluster import StoryIndex

            self._index = StoryIndex.from_states(
                self.store.index_states(),
                df=self.store.df_rows(),
                meta=self.store.get_meta("cluster_meta"),
                new_key=self.store.new_story_id,
            )
        return self._index

    @property
    def near(self) -> NearDuplicateIndex:
        if self._near is None:
            from brief.dedupe import NearDuplicateIndex

            near = NearDuplicateIndex()
            for row in self.store.article_index_rows():
                if row["signature"]:
                    near.add_signature(row["article_id"], row["signature"])
            self._near = near
        return self._near

    def reload(self) -> None:
        """Forget in-memory indexes (after a failed batch, or another writer's changes)."""
        self._index = None
        self._near = None

    # -- ingest -------------------------------------------------------------------------------------

    def ingest(self, articles: Iterable[Article], *, batch_size: int = BATCH_SIZE,
               facts: bool = True, relink: bool = True) -> IngestReport:
        """Store ``articles`` in batches (one transaction each).

        Story counters, headlines and the clustering index are updated with every batch; the
        costlier facts and timeline are marked stale and computed once per story at the end
        (``facts=False`` leaves that to a later :meth:`update_stale_facts`, e.g. at the end of
        a refresh that ingests many batches). A stale mark survives a crash, so the next
        ingest finishes the work.
        """
        report = IngestReport()
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                report.add(self.ingest_batch(batch))
                batch = []
        if batch:
            report.add(self.ingest_batch(batch))
        if relink and report.article_ids:
            report.stories |= self.relink(report.article_ids)
        if facts:
            self.update_stale_facts()
        return report

    def ingest_batch(self, batch: Sequence[Article]) -> IngestReport:
        report = IngestReport()
        try:
            with self.store.transaction():
                work = _Batch(self.store.next_article_id())
                for article in batch:
                    self._ingest_one(article, report, work)
                self.store.save_article_indexes(work.index_rows)
                report.stories |= self._save_index()
                self.update_stories(report.stories, facts=False)
        except BaseException:
            self.reload()  # the in-memory indexes hold articles the rollback removed
            raise
        return report

    def relink(self, article_ids: Sequence[int]) -> set[int]:
        """Offer these articles, if they have fewer links than the index keeps, the links
        today's document frequencies give them (see :meth:`StoryIndex.relink`); store the
        stories that changes. Returns the stories changed (their facts are marked stale)."""
        try:
            with self.store.transaction():
                if not self.index.relink(article_ids):
                    return set()
                touched = self._save_index()
                self.update_stories(touched, facts=False)
        except BaseException:
            self.reload()
            raise
        return touched

    def update_stale_facts(self, chunk: int = 50, executor: Executor | None = None) -> int:
        """Compute facts for every story marked stale (a few stories per transaction).

        With ``executor`` (a process pool), the facts — a pure function of a story's
        articles — are computed in its workers, several stories at a time, while this
        thread stores the ones already done; what is stored is the same."""
        if executor is not None:
            return self._update_stale_facts_in(executor, chunk)
        done = 0
        while True:
            ids = self.store.stale_story_ids(chunk)
            if not ids:
                return done
            self.update_stories(ids)
            done += len(ids)

    def _update_stale_facts_in(self, executor: Executor, chunk: int) -> int:
        done = 0
        last = 0
        in_flight: deque[tuple[list[int], list[tuple], Future[list[FactsResult]]]] = deque()
        while True:
            if len(in_flight) < 8:  # keep the workers busy while earlier results are stored
                ids = self.store.stale_story_ids(chunk, after=last)
                if ids:
                    last = ids[-1]
                    step = max(1, len(ids) // 4)  # a few jobs per chunk: one for each worker
                    for i in range(0, len(ids), step):
                        part = ids[i : i + step]
                        rows = [self.store.story_article_rows(s) for s in part]
                        stories = [[article_from_row(r) for r in rs] for rs in rows]
                        in_flight.append((part, [_articles_key(rs) for rs in rows],
                                          executor.submit(story_facts_jobs, stories)))
                    continue
            if not in_flight:
                return done
            part, keys, future = in_flight.popleft()
            self.update_stories(part, computed={
                sid: (key, result)
                for sid, key, result in zip(part, keys, future.result(), strict=True)})
            done += len(part)

    def _ingest_one(self, article: Article, report: IngestReport, work: _Batch) -> None:
        store = self.store
        if len(article.text) > MAX_TEXT_CHARS:
            cut = article.text.rfind("\n\n", 0, MAX_TEXT_CHARS)
            cut = cut if cut > MAX_TEXT_CHARS // 2 else MAX_TEXT_CHARS
            dropped = len(article.text) - cut
            article.text = article.text[:cut]
            article.removed = [*article.removed, Removal(
                f"[{dropped} characters]", f"article longer than {MAX_TEXT_CHARS} characters")]
            article.signature = article.features_json = article.content_hash = None
        if article.features_json is None or article.content_hash is None:
            set_exact_keys(article)  # else prepare_article set them (in a worker)
        row = article_to_row(article)
        existing = store.existing_article_id(
            canonical_url=article.canonical_url,
            feed_id=article.feed_id,
            external_id=article.external_id,
            content_hash=article.content_hash,
        )
        if existing is not None:
            store.add_article_source(existing, row)
            report.duplicates += 1
            return
        _add_index_inputs(article)  # MinHash and features: only for articles not already stored
        signature = article.signature
        original: int | None = None
        orig: tuple[int | None, int] | None = None
        if signature and len(article.text.split(maxsplit=29)) >= 30:  # 30 words or more
            original = self.near.find_signature(signature)
        if original is not None:
            orig = store.article_story_and_read(original)
            if orig is None:
                original = None
        row["duplicate_of"] = original
        row.pop("story_id", None)
        # The article's id is known before it is stored (the next rowid: the batch holds the
        # write lock), so it is stored once, with its story.
        article_id = int(row["id"]) if "id" in row else work.next_id
        work.next_id = max(work.next_id, article_id + 1)

        from brief.features import Features

        features = Features.from_json(article.features_json or "{}")
        if orig is not None and orig[0]:
            report.near_duplicates += 1
            story_id = int(orig[0])
            if orig[1]:
                row["read"] = 1
        else:
            assignment = self.index.assign(article_id, features, article.published, why=False)
            story_id = int(assignment.story_key)
        if story_id not in work.stories:  # the story row exists from here to the batch's end
            store.ensure_story(story_id)
            work.stories.add(story_id)
        row["story_id"] = story_id
        row["id"] = article_id
        stored = store.insert_new_article(row)
        assert stored == article_id, (stored, article_id)
        article.id = article_id
        report.new += 1
        report.article_ids.append(article_id)
        if signature:
            self.near.add_signature(article_id, signature)
        work.index_rows.append((article_id, article.features_json, signature or None))
        report.stories.add(story_id)

    def _save_index(self) -> set[int]:
        """Persist the index's changes; apply the stories it re-formed (an article whose story
        split or merged moves, with its near-copies). Returns the stories that changed."""
        if self._index is None:
            return set()
        touched: set[int] = set()
        for article_id, key in self._index.reassigned().items():
            row = self.store.article_story_and_read(article_id)
            if row is None or row[0] == key:
                continue
            self.store.ensure_story(key)
            for aid in [article_id, *self.store.copies_of(article_id)]:
                self.store.set_story(aid, key)
            touched.add(key)
            if row[0] is not None:
                touched.add(int(row[0]))
        states = self._index.story_states()
        live = {k: v for k, v in states.items() if v}
        if live:
            self.store.save_index_states(live)
        gone = [k for k, v in states.items() if not v]
        if gone:
            self.store.delete_index_states(gone)
            touched.update(gone)
        df = self._index.df_updates()
        if df:
            self.store.save_df(df)
        self.store.set_meta("cluster_meta", self._index.meta_state())
        return touched

    # -- stories --------------------------------------------------------------------------------

    def update_stories(
        self, story_ids: Iterable[int], *, facts: bool = True,
        computed: dict[int, tuple[tuple, FactsResult]] | None = None,
    ) -> None:
        """Recompute counters, headline and why of these stories, and their facts (or mark
        the facts stale when ``facts`` is false), in one transaction. ``computed`` holds
        :func:`story_facts_job` results made ahead (in a worker) with the key of the articles
        they were made from (:func:`_articles_key`); a story whose articles changed since, by
        another writer, has its facts made again here."""
        ids = sorted(set(story_ids))
        with self.store.transaction():
            self.store.refresh_story_stats(ids)
            if not facts:  # counters, headline and why: no article text is read
                heads = self.store.story_headline_rows(ids)
                self.store.update_stories_many([
                    (sid, {"headline": self._pick_headline(sid, heads[sid]),
                           "why": json.dumps(self._why(sid), ensure_ascii=False),
                           "facts_stale": 1})
                    for sid in ids if sid in heads])
                return
            for sid in ids:
                rows = self.store.story_article_rows(sid)
                if not rows:
                    continue
                articles = [article_from_row(r) for r in rows]
                fields: dict[str, object] = {
                    "headline": self._headline(sid, articles),
                    "why": json.dumps(self._why(sid), ensure_ascii=False),
                    "facts_stale": 1,
                }
                if facts:
                    ahead = computed.get(sid) if computed is not None else None
                    done = ahead[1] if ahead is not None and ahead[0] == _articles_key(rows) else None
                    dates, found = done if done is not None else story_facts_job(articles)
                    if self._store_inferred_dates(dates):
                        self.store.refresh_story_stats([sid])
                    fields.update(summary=found.summary, facts_stale=0)
                    self.store.replace_story_details(sid, story_facts_to_rows(found))
                self.store.update_story(sid, **fields)

    def _store_inferred_dates(self, dates: dict[int, str | None]) -> bool:
        """Store the publish dates :func:`story_facts_job` gave undated articles (marked
        inferred). Returns whether any stored date changed."""
        changed = False
        for aid, stored in dates.items():
            row = self.store.article_row(aid) or {}
            if row.get("published") != stored:
                self.store.update_article(aid, published=stored,
                                          published_inferred=int(stored is not None))
                changed = True
        return changed

    def _headline(self, story_id: int, articles: list[Article]) -> str:
        """The title of the story's most central article (an original, not a copy)."""
        return self._pick_headline(story_id, [(a.id, a.title, a.duplicate_of) for a in articles])

    def _pick_headline(self, story_id: int,
                       articles: Sequence[tuple[int | None, str, int | None]]) -> str:
        """:meth:`_headline` from the (id, title, duplicate_of) of the story's articles."""
        central = self.index.central_article(story_id)
        titles = {aid: title for aid, title, _dup in articles}
        if central in titles and titles[central]:
            return titles[central]
        originals = [a for a in articles if a[2] is None and a[1]] or articles
        return originals[0][1] if originals else ""

    def _why(self, story_id: int) -> list[str]:
        return list(self.index.why(story_id))

    # -- corrections ------------------------------------------------------------------------------

    def merge_stories(self, keep: int, gone: int) -> None:
        if keep == gone:
            return
        with self.store.transaction():
            if self.store.story_row(keep) is None or self.store.story_row(gone) is None:
                raise KeyError(f"no story {gone if self.store.story_row(keep) else keep}")
            self.store.merge_stories(keep, gone)
            self.index.merge(keep, gone)
            self.update_stories({keep, *self._save_index()})

    def move_article(self, article_id: int, story_id: int | None) -> int:
        """Move an article (and its copies) to another story, or to a new one. Returns its story."""
        from brief.features import Features, article_features

        with self.store.transaction():
            row = self.store.article_row(article_id)
            if row is None:
                raise KeyError(f"no article {article_id}")
            if story_id is not None and self.store.story_row(story_id) is None:
                raise KeyError(f"no story {story_id}")
            old = row.get("story_id")
            raw = self.store.article_features(article_id)
            features = Features.from_json(raw) if raw else article_features(
                row.get("title") or "", row.get("text") or "")
            target = int(self.index.move(article_id, features, story_id))
            self.store.ensure_story(target)
            for aid in [article_id, *self.store.copies_of(article_id)]:
                self.store.set_story(aid, target, pinned=True)
            changed = self._save_index()
            self.update_stories({*changed, *(s for s in (old, target) if s is not None)})
            return target



#: What :func:`story_facts_job` returns: the stored publish date of each undated article
#: (None: none inferred) and the story's facts.
FactsResult = tuple[dict[int, str | None], StoryFacts]


def story_facts_job(articles: list[Article]) -> FactsResult:
    """A story's facts from its articles, and the publish dates its undated articles get
    (the date the story's stated dates imply). Pure (it changes only the given objects), so
    it can run in a worker process.

    An inferred date is recomputed as the story grows, so it is passed to the facts stage as
    unknown; a year is never invented (the facts stage returns none without support)."""
    from brief.facts import inferred_publish_dates, story_facts

    for a in articles:
        if a.published_inferred:
            a.published = None
    undated = [a for a in articles if a.published is None]
    dates: dict[int, str | None] = {}
    if undated:
        inferred = inferred_publish_dates(articles)
        for a in undated:
            day = inferred.get(a.id or -1)
            value = datetime(day.year, day.month, day.day, 12, tzinfo=UTC) if day else None
            dates[a.id or -1] = datetime_to_db(value)
    return dates, story_facts(articles)


def _articles_key(rows: Sequence[dict]) -> tuple:
    """What a story's facts are made from: its articles and their texts' hashes and dates."""
    return tuple((r.get("id"), r.get("content_hash"), r.get("published"), r.get("duplicate_of"))
                 for r in rows)


def story_facts_jobs(stories: list[list[Article]]) -> list[FactsResult]:
    """Worker job: :func:`story_facts_job` for several stories."""
    return [story_facts_job(articles) for articles in stories]


def prepare_article(article: Article) -> Article:
    """Fill in the article's pure, CPU-bound index inputs (canonical URL, text hash, MinHash
    signature, clustering features) where missing. Safe to run in a worker process; returns
    the same article."""
    set_exact_keys(article)
    return _add_index_inputs(article)


def _add_index_inputs(article: Article) -> Article:
    """The MinHash signature and clustering features, where missing (the costly part of
    :func:`prepare_article`, once the exact keys are set)."""
    if article.signature is None:
        article.signature = _near_hasher().signature(article.text) if article.text.strip() else b""
    if article.features_json is None:
        from brief.features import article_features

        article.features_json = article_features(article.title, article.text).to_json()
    return article


def set_exact_keys(article: Article) -> None:
    """The cheap keys exact duplicates are found by: canonical URL and normalized-text hash."""
    from brief.dedupe import canonical_url, content_hash

    if article.canonical_url or article.url:
        article.canonical_url = canonical_url(article.canonical_url or article.url or "")
    if article.content_hash is None and article.text.strip():
        article.content_hash = content_hash(article.text)


_HASHER: NearDuplicateIndex | None = None


def _near_hasher() -> NearDuplicateIndex:
    global _HASHER
    if _HASHER is None:
        from brief.dedupe import NearDuplicateIndex

        _HASHER = NearDuplicateIndex()
    return _HASHER
