"""Online story clustering: each new article joins an existing story or starts one.

How it decides
--------------
Every article becomes a sparse TF-IDF vector over the keys of :class:`brief.features.Features`
(terms, ``e:`` entities, ``n:`` numbers; entities and numbers weigh more, because they tell two
similar events apart — two earthquakes, two strikes). Document frequencies are counted online.

Stories are the connected pieces of a *nearest-neighbour graph*: each article links to the
``neighbours`` (2) articles most similar to it — among those before it and those that come after
— when the similarity (cosine, times a time decay) reaches ``link_threshold``. A new article:

1. finds candidate articles through an inverted index (its strongest keys, the most recent
   articles of each posting list, so time per article stays flat as the corpus grows);
2. links to its two nearest ones, and becomes a nearer neighbour of some of them, which may drop
   a weaker link they had;
3. joins the story of the articles it links to (starting one if it links to none; joining two
   stories it bridges); a dropped link may leave a story in two pieces, which then become two
   stories (an early article of a second, similar event that first went with the wrong story
   moves out once articles of its own event arrive).

Nearest neighbours (rather than similarity to a story's average) keep two similar events apart:
an article's closest match is nearly always about the same event even when its average
similarity to the other event's articles is high. Unknown dates are not decayed.

Story keys
----------
The index allocates story keys from a counter kept in :meth:`StoryIndex.meta_state`; the caller
may use them as story ids. A caller that must allocate ids (e.g. from a database sequence) passes
``new_key=callable`` returning a fresh int.

Persistence (the index lives in the database)
---------------------------------------------
- :meth:`story_states` -> ``{key: json}`` of stories changed since the last call (members with
  their vectors and links); ``""`` means the story is gone (merged, split away, emptied).
- :meth:`reassigned` -> ``{article_id: story_key}`` of articles that changed story since the last
  call other than through the :meth:`assign` that placed them (splits and merges).
- :meth:`df_updates` -> ``{key: document_frequency}`` changed since the last call.
- :meth:`meta_state` -> one small JSON (article count, key counter, aliases of merged stories).
- :meth:`StoryIndex.from_states` rebuilds from those rows; nothing is reclustered.

Corrections
-----------
:meth:`merge`, :meth:`move` and :meth:`remove` apply a user's corrections. A story a user merged
into or moved an article into is *locked*: it never merges with another story or splits on its
own, and articles moved by hand stay where they were put (assigning one again returns its story).
New articles still join a locked story when their nearest neighbours are in it.
"""

from __future__ import annotations

import json
import math
import sys
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import chain, compress, repeat
from operator import add, mul, truediv
from typing import cast

import numpy as np

from brief.features import Features

STATE_VERSION = 2
NEAR_MISS = 0.8  # the repair pass looks again at articles whose best similarity came this close


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """The one default configuration users get (see docs/benchmarks.md for how it was chosen)."""

    entity_weight: float = 1.0  # multiplier of entity keys (their words also count as terms)
    number_weight: float = 1.5  # multiplier of number keys
    neighbours: int = 2  # links kept per article
    link_threshold: float = 0.15  # cosine (after time decay) needed for a link
    grace_days: float = 2.0  # no decay between articles this close in time
    decay_days: float = 4.0  # beyond the grace: similarity *= exp(-extra_days / decay_days)
    max_gap_days: float = 21.0  # articles further apart are never linked
    min_docs_for_idf: int = 50  # IDF treats a young index as if it held this many articles
    article_keys: int = 60  # strongest keys kept per article
    query_keys: int = 20  # keys of a new article used to find candidates
    postings_read: int = 200  # most recent articles read per key
    postings_keep: int = 400  # posting list length kept per key
    candidates: int = 60  # candidate articles scored exactly
    bridge_threshold: float = 0.35  # an article linking two stories this strongly merges them
    absorb_size: int = 2  # ... or any link merges them when one has at most this many articles
    summary_members: int = 60  # most recent members used for why() and central_article()


@dataclass(frozen=True, slots=True)
class Assignment:
    story_key: int
    is_new: bool
    score: float
    why: list[str] = field(default_factory=list)


class _Doc:
    """One article in the index: its vector (raw weights), time, links and story."""

    __slots__ = ("aid", "story", "keys", "raw", "ts", "nbrs", "rev", "pinned", "norm", "epoch",
                 "ids", "seen", "miss")

    def __init__(
        self,
        aid: int,
        story: int,
        keys: tuple[str, ...],
        raw: array,
        ts: float | None,
        pinned: bool = False,
    ) -> None:
        self.aid = aid
        self.story = story
        self.keys = keys
        self.raw = raw
        self.ts = ts
        self.nbrs: list[tuple[float, int]] = []  # (similarity, article id), best first
        self.rev: set[int] | None = None  # articles that have this one among their nbrs
        self.pinned = pinned
        self.norm = 0.0
        self.epoch = -1
        self.ids: array | None = None  # the index's numbers of its keys (made when first normed)
        self.seen = 0  # articles in the index when this one's links were last looked for
        self.miss = 0.0  # the best similarity under the link threshold found then

    def to_list(self) -> list:
        return [
            list(self.keys),
            list(map(round, self.raw, repeat(5))),
            self.ts,
            [[round(s, 5), j] for s, j in self.nbrs],
            1 if self.pinned else 0,
            round(self.miss, 4),
        ]


@dataclass(slots=True)
class _Story:
    key: int
    members: dict[int, None] = field(default_factory=dict)  # insertion ordered
    locked: bool = False
    apart: set[int] = field(default_factory=set)
    first: float | None = None
    last: float | None = None
    display: dict[str, str] = field(default_factory=dict)
    summary: tuple[list[str], int | None] | None = None  # cached (why, central)


class _IdfByDf(dict[int, float]):
    """IDF by document frequency for the current N (``idf[df]`` never misses): the cache of
    :meth:`StoryIndex._idf`, cleared when N moves to the next step."""

    __slots__ = ("n",)

    def __init__(self) -> None:
        super().__init__()
        self.n = 0

    def __missing__(self, df: int) -> float:
        v = self[df] = max(0.0, math.log((self.n + 1) / (df + 1)))
        return v


def _timestamp(published: datetime | None) -> float | None:
    if published is None:
        return None
    try:
        if published.tzinfo is None:
            published = published.replace(tzinfo=UTC)
        return published.timestamp()
    except (OverflowError, OSError, ValueError, AttributeError):
        return None


class StoryIndex:
    """Online story clustering over :class:`Features` (see module docstring)."""

    def __init__(
        self,
        config: ClusterConfig | None = None,
        new_key: Callable[[], int] | None = None,
    ) -> None:
        self.config = config or ClusterConfig()
        self._new_key_fn = new_key
        self._next_key = 1
        self._n_docs = 0
        self._df: dict[str, int] = {}
        self._df_dirty: set[str] = set()
        self._idf_by_df = _IdfByDf()  # idf by document frequency
        self._idf_n = 0
        self._epoch = 0
        self._df_fell = -1  # the last epoch in which a document frequency went down
        self._docs: dict[int, _Doc] = {}
        self._stories: dict[int, _Story] = {}
        self._dirty: set[int] = set()
        self._gone: set[int] = set()
        self._moved: dict[int, int] = {}
        self._postings: dict[str, list[int]] = {}
        self._aliases: dict[int, int] = {}
        self._scratch: tuple[np.ndarray, np.ndarray] = (np.zeros(0), np.zeros(0, dtype=np.int64))
        # _df by key number (_counts[_kid[key]] == _df.get(key, 0) for every numbered key):
        # documents' norms read their keys' frequencies by number, not by string
        self._kid: dict[str, int] = {}
        self._counts = array("q")

    # ------------------------------------------------------------------ public API

    def assign(
        self, article_id: int, features: Features, published: datetime | None = None,
        *, why: bool = True,
    ) -> Assignment:
        """Put ``article_id`` into the story of its nearest articles, or a new one (never raises).
        ``why=False`` leaves out the words it shares with its nearest article (``why``)."""
        try:
            return self._assign(article_id, features, published, why)
        except Exception as exc:  # noqa: BLE001 - clustering must not stop ingestion
            doc = self._docs.get(article_id)
            if doc is not None and doc.story in self._stories:
                return Assignment(doc.story, False, 0.0, [f"error: {exc}"])
            story = self._new_story()
            self._docs[article_id] = _Doc(article_id, story.key, (), array("f"), None)
            story.members[article_id] = None
            return Assignment(story.key, True, 0.0, [f"error: {exc}"])

    def story_of(self, article_id: int) -> int | None:
        doc = self._docs.get(article_id)
        return doc.story if doc is not None else None

    def members(self, story_key: int) -> list[int]:
        story = self._stories.get(self.resolve(story_key))
        return list(story.members) if story else []

    def stories(self) -> list[int]:
        return list(self._stories)

    def resolve(self, story_key: int) -> int:
        """The live key of a story that may have been merged away."""
        seen = 0
        while story_key in self._aliases and seen < 100:
            story_key = self._aliases[story_key]
            seen += 1
        return story_key

    def why(self, story_key: int, limit: int = 6) -> list[str]:
        """Top shared entities, numbers and terms of a story, for display."""
        story = self._stories.get(self.resolve(story_key))
        if story is None:
            return []
        return self._summary(story)[0][:limit]

    def central_article(self, story_key: int) -> int | None:
        """The article most representative of the story (for its headline)."""
        story = self._stories.get(self.resolve(story_key))
        if story is None or not story.members:
            return None
        return self._summary(story)[1]

    def reassigned(self) -> dict[int, int]:
        """Articles moved to another story since the last call (by a split or a merge)."""
        out = {aid: self._docs[aid].story for aid in self._moved if aid in self._docs}
        self._moved.clear()
        return out

    def remove(self, article_id: int, features: Features | None = None) -> None:
        """Forget an article (deleted, or found to be a copy). ``features`` updates the counts."""
        try:
            doc = self._docs.get(article_id)
            if doc is None:
                return
            self._unlink(doc)
            story = self._stories.get(doc.story)
            del self._docs[article_id]
            if story is not None:
                story.members.pop(article_id, None)
                self._touch(story)
                if not story.members:
                    self._drop_story(story)
                elif not story.locked:
                    self._split_if_disconnected(story)
            if features is not None:
                for k in self._weighted_keys(features):
                    if k in self._df:
                        self._df[k] = max(0, self._df[k] - 1)
                        self._df_dirty.add(k)
                        self._df_fell = self._epoch
                        if k in self._kid:
                            self._counts[self._kid[k]] = self._df[k]
                self._n_docs = max(0, self._n_docs - 1)
                self._refresh_idf()
        except Exception:  # noqa: BLE001
            return

    def move(self, article_id: int, features: Features, to_key: int | None) -> int:
        """Move an article to story ``to_key`` (or a new story if None); returns its story key.

        The article is pinned there and the target story locked (see module docstring). When
        split into a new story, that story is kept apart from the one it left.
        """
        if to_key is not None:
            to_key = self.resolve(to_key)
            if to_key not in self._stories:
                to_key = None
        doc = self._docs.get(article_id)
        if doc is None:
            # not indexed yet: index it first, then move
            self._assign(article_id, features, None)
            doc = self._docs[article_id]
        source = self._stories.get(doc.story)
        if source is not None and source.key == to_key:
            doc.pinned = True
            source.locked = True
            self._touch(source)
            return source.key
        if source is not None:
            source.members.pop(article_id, None)
            self._touch(source)
        if to_key is None:
            target = self._new_story()
            if source is not None:
                target.apart.add(source.key)
                source.apart.add(target.key)
        else:
            target = self._stories[to_key]
        self._place(doc, target)
        doc.pinned = True
        target.locked = True
        if source is not None:
            if not source.members:
                self._drop_story(source)
            elif not source.locked:
                self._split_if_disconnected(source)
        return target.key

    def merge(self, a: int, b: int) -> int:
        """Merge story ``b`` into story ``a`` (a user correction); returns the surviving key."""
        a, b = self.resolve(a), self.resolve(b)
        sa, sb = self._stories.get(a), self._stories.get(b)
        if sa is None or sb is None or a == b:
            return a if sa is not None else b
        self._absorb(sa, sb)
        sa.locked = True
        sa.apart.discard(b)
        return a

    def repair(self, keys: Iterable[int] | None = None) -> list[tuple[int, int]]:
        """Split stories that are no longer connected (default: those changed since the last
        :meth:`story_states`). Locked stories are left alone. Returns (old key, new key) pairs.
        """
        out: list[tuple[int, int]] = []
        todo = list(keys) if keys is not None else list(self._dirty)
        for key in todo:
            story = self._stories.get(self.resolve(key))
            if story is None or story.locked:
                continue
            out.extend(self._split_if_disconnected(story))
        return out

    def relink(self, article_ids: Iterable[int], limit: int | None = None) -> int:
        """A repair pass after a run of assignments (``article_ids``): articles that have
        fewer links than ``neighbours`` are offered the links today's document frequencies
        give them. Frequencies move as articles arrive, so a pair that scored under the
        threshold when the later article was assigned may score over it now. Looked at: the
        run's articles and, within ``max_gap_days`` of their dates, earlier ones, each only
        if articles have arrived since its links were last looked for and its best
        similarity then was a near miss (``NEAR_MISS`` of the threshold); at most ``limit``
        (default: twice the run, at least 200), newest first. A new link merges the two
        stories by the rule of :meth:`assign`. Returns the links added."""
        cfg = self.config
        k_nb, threshold = cfg.neighbours, cfg.link_threshold
        docs = self._docs
        n_now = self._n_docs
        todo = {a: docs[a] for a in article_ids if a in docs}
        if limit is None:
            limit = max(200, 2 * len(todo))
        stamps = [d.ts for d in todo.values() if d.ts is not None]
        if stamps:
            span = cfg.max_gap_days * 86400.0
            lo, hi = min(stamps) - span, max(stamps) + span
            for d in docs.values():
                if d.ts is not None and lo <= d.ts <= hi and len(d.nbrs) < k_nb:
                    todo[d.aid] = d
        near = NEAR_MISS * threshold
        due = [d for d in todo.values()
               if len(d.nbrs) < k_nb and d.seen < n_now and d.miss >= near and not d.pinned
               and d.story in self._stories]
        due.sort(key=lambda d: (d.ts if d.ts is not None else math.inf, d.aid), reverse=True)
        added = 0
        for doc in due[:limit]:
            doc.seen = n_now
            qvec = dict(zip(doc.keys, doc.raw, strict=False))
            qnorm = self._norm(doc)
            if qnorm == 0.0:
                continue
            qidf = self._with_idf(doc.keys, doc.raw)
            have = {j for _s, j in doc.nbrs} | (doc.rev or set())
            have.add(doc.aid)
            cands = [o for o in map(docs.get, self._candidates(qvec))
                     if o is not None and o.aid not in have and o.story in self._stories]
            scored = self._sims(qidf, qnorm, doc.ts, cands, floor=threshold)
            found = [(s, o.aid) for s, o in zip(scored, cands, strict=True) if s >= threshold]
            doc.miss = max((s for s in scored if s < threshold), default=0.0)
            if not found:
                continue
            found.sort(reverse=True)
            for s, j in found[: k_nb - len(doc.nbrs)]:
                doc.nbrs.append((s, j))
                self._add_rev(docs[j], doc.aid)
                self._join(doc, docs[j], s)
                added += 1
            doc.nbrs.sort(reverse=True)
            self._dirty.add(doc.story)
        return added

    def _join(self, doc: _Doc, other: _Doc, s: float) -> None:
        a, b = self._stories.get(doc.story), self._stories.get(other.story)
        if a is None or b is None or a is b or a.locked or b.locked:
            return
        if b.key in a.apart or a.key in b.apart:
            return
        if self._link_merges(s, a, b):
            keep, gone = (a, b) if (len(a.members), -a.key) >= (len(b.members), -b.key) else (b, a)
            self._absorb(keep, gone)

    def _link_merges(self, s: float, a: _Story, b: _Story) -> bool:
        """Whether a link of similarity ``s`` between stories ``a`` and ``b`` merges them:
        a strong link (``bridge_threshold``) always, any link when either story is small
        (``absorb_size``)."""
        cfg = self.config
        return s >= cfg.bridge_threshold or min(len(a.members), len(b.members)) <= cfg.absorb_size

    # ------------------------------------------------------------------ persistence

    def story_states(self) -> dict[int, str]:
        """JSON of each story changed since the last call; ``""`` for a story that is gone."""
        out: dict[int, str] = {key: "" for key in self._gone}
        for key in self._dirty:
            story = self._stories.get(key)
            if story is None:
                out[key] = ""
                continue
            out[key] = json.dumps(
                {
                    "v": STATE_VERSION,
                    "m": {
                        str(aid): self._docs[aid].to_list()
                        for aid in story.members
                        if aid in self._docs
                    },
                    "l": 1 if story.locked else 0,
                    "a": sorted(story.apart),
                    "f": story.first,
                    "t": story.last,
                    "d": story.display,
                },
                ensure_ascii=False,
                separators=(",", ":"),
            )
        self._dirty.clear()
        self._gone.clear()
        return out

    def df_updates(self) -> dict[str, int]:
        """Document frequencies changed since the last call (persist as a key/count table)."""
        out = {k: self._df.get(k, 0) for k in self._df_dirty}
        self._df_dirty.clear()
        return out

    def meta_state(self) -> str:
        return json.dumps(
            {
                "v": STATE_VERSION,
                "n": self._n_docs,
                "next": self._next_key,
                "alias": {str(k): v for k, v in self._aliases.items()},
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_states(
        cls,
        states: Iterable[tuple[int, str]],
        df: Mapping[str, int] | Iterable[tuple[str, int]] | None = None,
        meta: str | None = None,
        config: ClusterConfig | None = None,
        new_key: Callable[[], int] | None = None,
    ) -> StoryIndex:
        """Rebuild an index from persisted rows (no reclustering; bad rows are skipped)."""
        index = cls(config=config, new_key=new_key)
        intern = sys.intern
        max_key = 0
        for key, data in states:
            if not data:
                continue
            try:
                raw = json.loads(data)
                if raw.get("v") != STATE_VERSION:
                    continue
                story = _Story(
                    key=int(key),
                    locked=bool(raw.get("l")),
                    apart={int(x) for x in raw.get("a", [])},
                    first=raw.get("f"),
                    last=raw.get("t"),
                    display={str(k): str(v) for k, v in raw.get("d", {}).items()},
                )
                for aid_s, entry in raw.get("m", {}).items():
                    keys, weights, ts, nbrs, pinned = entry[:5]
                    aid = int(aid_s)
                    doc = _Doc(
                        aid,
                        story.key,
                        tuple(intern(str(k)) for k in keys),
                        array("f", (float(w) for w in weights)),
                        float(ts) if ts is not None else None,
                        pinned=bool(pinned),
                    )
                    doc.nbrs = [(float(s), int(j)) for s, j in nbrs]
                    # (states written before near misses were kept: worth a second look)
                    doc.miss = float(entry[5]) if len(entry) > 5 else index.config.link_threshold
                    index._docs[aid] = doc
                    story.members[aid] = None
            except (ValueError, TypeError, AttributeError, KeyError):
                continue
            index._stories[story.key] = story
            max_key = max(max_key, story.key)
        for doc in index._docs.values():
            for _s, j in doc.nbrs:
                other = index._docs.get(j)
                if other is not None:
                    if other.rev is None:
                        other.rev = set()
                    other.rev.add(doc.aid)
        if df is not None:
            items = df.items() if isinstance(df, Mapping) else df
            index._df = {intern(str(k)): int(v) for k, v in items}
        n_docs = len(index._docs)
        if meta:
            try:
                m = json.loads(meta)
                n_docs = int(m.get("n", n_docs))
                index._next_key = int(m.get("next", 1))
                index._aliases = {int(k): int(v) for k, v in m.get("alias", {}).items()}
            except (ValueError, TypeError, AttributeError):
                pass
        index._n_docs = n_docs
        index._next_key = max(index._next_key, max_key + 1)
        index._refresh_idf()
        for doc in sorted(index._docs.values(), key=lambda d: (d.ts or 0.0, d.aid)):
            index._post(doc)
            doc.seen = n_docs
        return index

    # ------------------------------------------------------------------ internals: weights

    def _allocate_key(self) -> int:
        if self._new_key_fn is not None:
            return int(self._new_key_fn())
        key = self._next_key
        self._next_key += 1
        return key

    def _new_story(self) -> _Story:
        key = self._allocate_key()
        while key in self._stories:
            key = self._allocate_key()
        story = _Story(key=key)
        self._stories[key] = story
        self._dirty.add(key)
        self._gone.discard(key)
        return story

    def _idf(self, key: str) -> float:
        """log((N + 1) / (df + 1)), N rounded down to a step of 2% so values can be cached."""
        return self._idf_by_df[self._df.get(key, 0)]

    def _refresh_idf(self) -> None:
        n = max(self._n_docs, self.config.min_docs_for_idf)
        step = math.floor(math.log(n) / math.log(1.02))
        n_used = int(1.02**step)
        if n_used != self._idf_n:
            self._idf_by_df.clear()
            self._idf_by_df.n = self._idf_n = n_used
            self._epoch += 1  # document norms are cached until N moves to the next step
        elif self._n_docs <= self.config.min_docs_for_idf:
            self._epoch += 1  # ... or, in a young index (N held), until any frequency moves

    def _weighted_keys(self, features: Features) -> dict[str, float]:
        cfg = self.config
        out: dict[str, float] = dict(features.terms)
        for name, w in features.entities.items():
            out["e:" + name] = w * cfg.entity_weight
        for num, w in features.numbers.items():
            out["n:" + num] = w * cfg.number_weight
        return out

    def _key_ids(self, keys: Iterable[str]) -> array:
        """The numbers of ``keys``, numbering new ones."""
        kid = self._kid
        keys = list(keys)
        ids = list(map(kid.get, keys))
        if None in ids:
            counts, df = self._counts, self._df
            for j, k in enumerate(keys):
                if ids[j] is None:
                    i = kid.get(k)  # (numbered just now, if listed twice)
                    if i is None:
                        i = kid[k] = len(counts)
                        counts.append(df.get(k, 0))
                    ids[j] = i
        return array("i", ids)

    def _norm(self, doc: _Doc) -> float:
        if doc.epoch != self._epoch:
            ids = doc.ids
            if ids is None:
                ids = doc.ids = self._key_ids(doc.keys)
            idf = map(self._idf_by_df.__getitem__, map(self._counts.__getitem__, ids))
            doc.norm = math.sqrt(sum(map(pow, map(mul, doc.raw, idf), repeat(2.0))))
            doc.epoch = self._epoch
        return doc.norm

    def _time_factor(self, a: float | None, b: float | None) -> float:
        if a is None or b is None:
            return 1.0
        gap = abs(a - b) / 86400.0
        if gap > self.config.max_gap_days:
            return 0.0
        extra = gap - self.config.grace_days
        return 1.0 if extra <= 0 else math.exp(-extra / self.config.decay_days)

    def _sim_to(self, qvec: dict[str, float], qnorm: float, qts: float | None, doc: _Doc) -> float:
        """Cosine of a query (raw weights ``qvec``) and a stored article, with time decay."""
        return self._sim_q(self._with_idf(qvec.keys(), qvec.values()), qnorm, qts, doc)

    def _with_idf(self, keys: Iterable[str], weights: Iterable[float]) -> dict[str, tuple[float, float]]:
        """``{key: (raw weight, idf)}``: a query as :meth:`_sim_q` takes it."""
        idf = map(self._idf_by_df.__getitem__, map(self._df.get, keys, repeat(0)))
        return dict(zip(keys, zip(weights, idf, strict=False), strict=False))

    def _sim_q(self, qidf: dict[str, tuple[float, float]], qnorm: float, qts: float | None,
               doc: _Doc) -> float:
        """:meth:`_sim_to` of a query given with its keys' idf (:meth:`_with_idf`)."""
        return self._sims(qidf, qnorm, qts, [doc])[0]

    def _sims(self, qidf: dict[str, tuple[float, float]], qnorm: float, qts: float | None,
              docs: list[_Doc], floor: float | None = None) -> list[float]:
        """:meth:`_sim_q` of each of ``docs`` (norms computed in that order). With ``floor``,
        a similarity the time decay alone keeps below it is given as 0.0, not computed."""
        out: list[float] = []
        if qnorm == 0.0:
            return [0.0] * len(docs)
        epoch = self._epoch
        # A cosine is at most 1: the query's norm and a document's (cached this epoch, when no
        # document frequency went down, so with idf at least today's) bound the dot product.
        # The margin covers rounding.
        skip = floor / (1.0 + 1e-9) if floor is not None and self._df_fell != epoch else 0.0
        qget = qidf.get
        cfg = self.config
        max_gap, grace, decay, exp = cfg.max_gap_days, cfg.grace_days, cfg.decay_days, math.exp
        for doc in docs:
            if qts is None or doc.ts is None:
                factor = 1.0
            else:  # _time_factor, inline
                gap = abs(qts - doc.ts) / 86400.0
                if gap > max_gap:
                    out.append(0.0)
                    continue
                extra = gap - grace
                factor = 1.0 if extra <= 0 else exp(-extra / decay)
                if factor == 0.0:
                    out.append(0.0)
                    continue
            dnorm = doc.norm if doc.epoch == epoch else self._norm(doc)
            if dnorm == 0.0 or factor < skip:
                out.append(0.0)
                continue
            # the keys both have, in the document's order (the order the dot product is summed in)
            qs = list(map(qget, doc.keys))
            both = cast("Iterator[tuple[float, float]]", compress(qs, qs))
            dot = 0.0
            for (q, i), w in zip(both, compress(doc.raw, qs), strict=False):
                dot += q * w * i * i
            out.append(factor * dot / (qnorm * dnorm))
        return out

    def _sim_docs(self, a: _Doc, b: _Doc) -> float:
        return self._sim_q(self._with_idf(a.keys, a.raw), self._norm(a), a.ts, b)

    # ------------------------------------------------------------------ internals: graph

    def _post(self, doc: _Doc) -> None:
        keep = self.config.postings_keep
        postings = self._postings
        for k in doc.keys:
            plist = postings.get(k)
            if plist is None:
                postings[k] = [doc.aid]
            else:
                plist.append(doc.aid)
                if len(plist) > 2 * keep:
                    del plist[: len(plist) - keep]

    def _candidates(self, qvec: dict[str, float], idfs: Iterable[float] | None = None) -> list[int]:
        """The articles most voted for by the query's strongest keys (``idfs``: of its keys, in
        order, when known): each key's most recent articles get its weight * idf."""
        cfg = self.config
        if idfs is None:
            idfs = map(self._idf, qvec)
        ranked = sorted(zip(map(mul, qvec.values(), idfs), qvec, strict=False), reverse=True)
        recent: list[list[int]] = []
        weights: list[float] = []
        postings = self._postings
        newest = -cfg.postings_read - 1
        for w, k in ranked:
            plist = postings.get(k)
            if not plist:
                continue
            recent.append(plist[:newest:-1])  # the key's most recent articles, newest first
            weights.append(w)
            if len(recent) >= cfg.query_keys:
                break
        if not recent:
            return []
        sizes = list(map(len, recent))
        total = sum(sizes)
        listed = np.fromiter(chain.from_iterable(recent), np.int64, total)
        lo = int(listed.min())
        slot = listed - lo
        span = int(slot.max()) + 1
        each = np.repeat(np.array(weights), sizes)
        # votes[aid] = 0.0 + w + w' + ..., added in the order listed (ufunc.at adds in order),
        # for the articles in the order first listed
        if span <= max(1 << 20, 16 * total):  # ids close together (as a database's are)
            order = np.arange(total)
            sums, firsts = self._vote_scratch(span)
            try:
                np.add.at(sums, slot, each)
                np.minimum.at(firsts, slot, order)  # where each is listed first
                once = slot[firsts[slot] == order]
                votes = sums[once]
            finally:  # the scratch arrays are left as found
                sums[slot] = 0.0
                firsts[slot] = _NEVER
        else:
            uniq, first, where = np.unique(slot, return_index=True, return_inverse=True)
            sums = np.zeros(len(uniq))
            np.add.at(sums, where, each)
            by_first = np.argsort(first, kind="stable")
            once, votes = uniq[by_first], sums[by_first]
        n = cfg.candidates
        if len(once) <= n:
            return cast("list[int]", (once + lo).tolist())
        # The n most voted for, ties to the earliest listed (the order does not matter: each is
        # scored on its own, and the links made are sorted).
        kth = np.partition(votes, len(votes) - n)[len(votes) - n]  # the n-th largest vote
        above = np.flatnonzero(votes > kth)
        tied = np.flatnonzero(votes == kth)[: n - len(above)]
        return cast("list[int]", (once[np.concatenate((above, tied))] + lo).tolist())

    def _vote_scratch(self, size: int) -> tuple[np.ndarray, np.ndarray]:
        """Two arrays of at least ``size`` (vote sums, all 0.0; first places, all _NEVER),
        kept between calls; the caller leaves them so."""
        sums, firsts = self._scratch
        if len(sums) < size:
            size = max(size, 2 * len(sums), 1024)
            sums, firsts = np.zeros(size), np.full(size, _NEVER, dtype=np.int64)
            self._scratch = (sums, firsts)
        return sums, firsts

    def _assign(
        self, article_id: int, features: Features, published: datetime | None,
        why: bool = True,
    ) -> Assignment:
        existing = self._docs.get(article_id)
        if existing is not None and existing.story in self._stories:
            return Assignment(existing.story, False, 1.0, ["already in this story"])
        cfg = self.config
        ts = _timestamp(published)
        raw = self._weighted_keys(features)
        df = self._df
        intern = sys.intern
        names = list(map(intern, raw))
        ids = self._key_ids(names)
        counts = list(map(add, map(df.get, names, repeat(0)), repeat(1)))
        df.update(zip(names, counts, strict=True))
        by_id = self._counts
        for i, c in zip(ids, counts, strict=True):
            by_id[i] = c
        self._df_dirty.update(names)
        self._n_docs += 1
        self._refresh_idf()
        byd, dfget = self._idf_by_df.__getitem__, df.get
        if len(raw) > cfg.article_keys:
            # the strongest keys by weight * idf, strongest first (ties in the features' order)
            items = list(raw.items())
            score = list(map(mul, raw.values(), map(byd, map(dfget, raw, repeat(0)))))
            top = sorted(range(len(items)), key=score.__getitem__, reverse=True)
            raw = dict(items[i] for i in top[: cfg.article_keys])
        idfs = list(map(byd, map(dfget, raw, repeat(0))))
        if 0.0 in idfs:
            raw = {k: w for (k, w), i in zip(raw.items(), idfs, strict=True) if i > 0.0}
            idfs = [i for i in idfs if i > 0.0]
        qnorm = math.sqrt(sum(map(pow, map(mul, raw.values(), idfs), repeat(2.0))))

        sims: list[tuple[float, int]] = []
        threshold = cfg.link_threshold
        qidf = dict(zip(raw, zip(raw.values(), idfs, strict=True), strict=True))
        docs = self._docs
        others = [d for d in map(docs.get, self._candidates(raw, idfs)) if d is not None]
        miss = 0.0
        for s, other in zip(self._sims(qidf, qnorm, ts, others, threshold), others, strict=True):
            if s >= threshold:
                sims.append((s, other.aid))
            elif s > miss and self._time_factor(ts, other.ts) >= threshold:
                miss = s  # (a pair the time decay alone keeps under it is no near miss)
        sims.sort(reverse=True)

        doc = _Doc(article_id, -1, tuple(intern(k) for k in raw), array("f", raw.values()), ts)
        doc.seen = self._n_docs
        doc.miss = miss
        self._docs[article_id] = doc
        k_nb = cfg.neighbours
        doc.nbrs = sims[:k_nb]
        for _s, j in doc.nbrs:
            self._add_rev(self._docs[j], article_id)
        dropped: list[tuple[int, int]] = []  # (a, b): a no longer lists b
        for s, j in sims:
            other = self._docs[j]
            # refresh the other article's links with today's weights, then offer this one
            fresh = []
            query: dict[str, tuple[float, float]] | None = None  # made once per article
            for _old, o in other.nbrs:
                od = self._docs.get(o)
                if od is None:
                    so = 0.0
                else:
                    if query is None:
                        query = self._with_idf(other.keys, other.raw)
                    so = self._sim_q(query, self._norm(other), other.ts, od)  # = _sim_docs
                if so >= threshold:
                    fresh.append((so, o))
                else:
                    dropped.append((j, o))
            if len(fresh) < k_nb or s > min(fresh)[0]:
                fresh.append((s, article_id))
                self._add_rev(doc, j)
            fresh.sort(reverse=True)
            while len(fresh) > k_nb:
                _ls, lost = fresh.pop()
                dropped.append((j, lost))
            if fresh != other.nbrs:
                other.nbrs = fresh
                self._dirty.add(other.story)
        for a, b in dropped:
            db = self._docs.get(b)
            if db is not None and db.rev is not None:
                db.rev.discard(a)
        self._post(doc)

        target, is_new = self._choose_story(doc, sims)
        self._place(doc, target)
        self._note_display(target, features)
        for a, b in dropped:
            da, db = self._docs.get(a), self._docs.get(b)
            if da is None or db is None or da.story != db.story:
                continue
            story = self._stories.get(da.story)
            if story is not None and not story.locked and not self._linked(a, b):
                self._split_if_disconnected(story, start=a, other=b)
        key = doc.story
        if is_new or not sims:
            return Assignment(key, True, round(sims[0][0], 4) if sims else 0.0, [])
        best = self._docs[sims[0][1]]
        return Assignment(key, False, round(sims[0][0], 4), self._shared(doc, best) if why else [])

    def _add_rev(self, doc: _Doc, aid: int) -> None:
        if doc.rev is None:
            doc.rev = set()
        doc.rev.add(aid)

    def _linked(self, a: int, b: int) -> bool:
        """Whether articles a and b are still linked in either direction."""
        da, db = self._docs.get(a), self._docs.get(b)
        if da is None or db is None:
            return False
        return any(j == b for _s, j in da.nbrs) or any(j == a for _s, j in db.nbrs)

    def _adjacent(self, doc: _Doc) -> set[int]:
        out = {j for _s, j in doc.nbrs}
        if doc.rev:
            out |= doc.rev
        return out

    def _choose_story(self, doc: _Doc, sims: list[tuple[float, int]]) -> tuple[_Story, bool]:
        """The story of the new article's links; bridging links merge unlocked stories."""
        linked: dict[int, float] = {}
        for j in self._adjacent(doc):
            other = self._docs.get(j)
            if other is None or other.story not in self._stories:
                continue
            s = next((x for x, o in sims if o == j), 0.0)
            linked[other.story] = max(linked.get(other.story, 0.0), s)
        if not linked:
            return self._new_story(), True
        best_key = max(linked, key=lambda k: (linked[k], -k))
        best = self._stories[best_key]
        if best.locked:
            return best, False
        others = [
            self._stories[k]
            for k in linked
            if k != best_key
            and not self._stories[k].locked
            and self._link_merges(linked[k], best, self._stories[k])
        ]
        if others:
            group = [best, *others]
            keep = max(group, key=lambda st: (len(st.members), -st.key))
            for st in group:
                if st is not keep and st.key not in keep.apart:
                    self._absorb(keep, st)
            best = keep
        return best, False

    def _place(self, doc: _Doc, story: _Story) -> None:
        doc.story = story.key
        story.members[doc.aid] = None
        if doc.ts is not None:
            story.first = _min(story.first, doc.ts)
            story.last = _max(story.last, doc.ts)
        self._touch(story)

    def _note_display(self, story: _Story, features: Features) -> None:
        if len(story.display) < 40:
            for k, label in features.display.items():
                story.display.setdefault(sys.intern(k), label)

    def _touch(self, story: _Story) -> None:
        story.summary = None
        self._dirty.add(story.key)

    def _absorb(self, keep: _Story, gone: _Story) -> None:
        for aid in gone.members:
            doc = self._docs.get(aid)
            if doc is not None:
                doc.story = keep.key
                self._moved[aid] = keep.key
            keep.members[aid] = None
        for k, label in gone.display.items():
            if len(keep.display) < 30:
                keep.display.setdefault(k, label)
        keep.first = _min(keep.first, gone.first)
        keep.last = _max(keep.last, gone.last)
        keep.apart |= {x for x in gone.apart if x != keep.key}
        for x in gone.apart:
            other = self._stories.get(x)
            if other is not None:
                other.apart.discard(gone.key)
                other.apart.add(keep.key)
                self._dirty.add(x)
        keep.locked = keep.locked or gone.locked
        gone.members = {}
        self._drop_story(gone)
        self._aliases[gone.key] = keep.key
        self._touch(keep)

    def _drop_story(self, story: _Story) -> None:
        self._stories.pop(story.key, None)
        self._dirty.discard(story.key)
        self._gone.add(story.key)
        for x in story.apart:
            other = self._stories.get(x)
            if other is not None:
                other.apart.discard(story.key)
                self._dirty.add(x)

    def _unlink(self, doc: _Doc) -> None:
        for _s, j in doc.nbrs:
            other = self._docs.get(j)
            if other is not None and other.rev:
                other.rev.discard(doc.aid)
        for j in list(doc.rev or ()):
            other = self._docs.get(j)
            if other is not None:
                other.nbrs = [(s, o) for s, o in other.nbrs if o != doc.aid]
                self._dirty.add(other.story)
        doc.nbrs = []
        doc.rev = None

    def _component(self, start: int, story: _Story) -> set[int]:
        seen = {start}
        todo = [start]
        members = story.members
        while todo:
            doc = self._docs.get(todo.pop())
            if doc is None:
                continue
            for j in self._adjacent(doc):
                if j not in seen and j in members:
                    seen.add(j)
                    todo.append(j)
        return seen

    def _split_if_disconnected(
        self, story: _Story, start: int | None = None, other: int | None = None
    ) -> list[tuple[int, int]]:
        """Split ``story`` into its connected pieces (largest keeps the key)."""
        out: list[tuple[int, int]] = []
        if not story.members or len(story.members) > 5000:
            return out
        first = start if start is not None and start in story.members else next(iter(story.members))
        comp = self._component(first, story)
        if len(comp) == len(story.members):
            return out
        if other is not None and other in comp:
            return out
        pieces = [comp]
        rest = [a for a in story.members if a not in comp]
        while rest:
            c = self._component(rest[0], story)
            pieces.append(c)
            rest = [a for a in rest if a not in c]
        pieces.sort(key=lambda p: (-len(p), min(p)))
        for piece in pieces[1:]:
            new = self._new_story()
            for aid in [a for a in story.members if a in piece]:
                story.members.pop(aid, None)
                doc = self._docs.get(aid)
                if doc is not None:
                    self._place(doc, new)
                    self._moved[aid] = new.key
            new.display = dict(story.display)
            out.append((story.key, new.key))
        story.first = story.last = None
        for aid in story.members:
            doc = self._docs.get(aid)
            if doc is not None and doc.ts is not None:
                story.first = _min(story.first, doc.ts)
                story.last = _max(story.last, doc.ts)
        self._touch(story)
        return out

    # ------------------------------------------------------------------ internals: display

    def _summary(self, story: _Story) -> tuple[list[str], int | None]:
        if story.summary is not None:
            return story.summary
        self._refresh_idf()
        cfg = self.config
        members = list(story.members)[-cfg.summary_members :]
        byd, dfget = self._idf_by_df.__getitem__, self._df.get
        centroid: dict[str, float] = {}
        get = centroid.get
        count: Counter[str] = Counter()
        for aid in members:
            doc = self._docs.get(aid)
            if doc is None:
                continue
            norm = self._norm(doc) or 1.0
            # centroid[k] += w * idf(k) / norm, member after member
            idf = map(byd, map(dfget, doc.keys, repeat(0)))
            parts = zip(doc.keys, map(truediv, map(mul, doc.raw, idf), repeat(norm)), strict=False)
            if centroid:
                for k, c in parts:
                    centroid[k] = get(k, 0.0) + c
            else:  # the first member's: 0.0 + c is c
                centroid.update(parts)
            count.update(doc.keys if len(doc.keys) <= len(doc.raw) else doc.keys[: len(doc.raw)])
        central = None
        best = -1.0
        scan = members
        if len(members) == 1:  # its similarity to the centroid is >= 0 > best: it is central
            central = members[0] if members[0] in self._docs else None
            scan = []
        for aid in scan:
            doc = self._docs.get(aid)
            if doc is None:
                continue
            norm = self._norm(doc) or 1.0
            idf = map(byd, map(dfget, doc.keys, repeat(0)))
            s = sum(map(mul, map(mul, map(get, doc.keys, repeat(0.0)), doc.raw), idf)) / norm
            if s > best:
                best, central = s, aid
        need = 2 if len(members) > 1 else 1
        scored = sorted(
            ((v * _LABEL_WEIGHT.get(k[:2], 1.0), k) for k, v in centroid.items()
             if count[k] >= need and not (k[:2] == "n:" and len(k) < 4)),
            reverse=True,
        )
        why = self._labels([k for _v, k in scored], story.display, 8)
        story.summary = (why, central)
        return story.summary

    def _shared(self, a: _Doc, b: _Doc, limit: int = 5) -> list[str]:
        bw = dict(zip(b.keys, b.raw, strict=False))
        idf = self._idf
        scored = sorted(
            (
                (w * bw[k] * idf(k) ** 2 * _LABEL_WEIGHT.get(k[:2], 1.0), k)
                for k, w in zip(a.keys, a.raw, strict=False)
                if k in bw and not (k[:2] == "n:" and len(k) < 4)
            ),
            reverse=True,
        )
        story = self._stories.get(a.story)
        return self._labels([k for _v, k in scored], story.display if story else {}, limit)

    def _labels(self, keys: list[str], display: Mapping[str, str], limit: int) -> list[str]:
        out: list[str] = []
        for k in keys:
            shown = display.get(k) or (k[2:] if k[:2] in ("e:", "n:") else k)
            words = set(shown.casefold().split())
            if not words or any(words <= set(o.casefold().split()) for o in out):
                continue  # "Reid" after "Tara Reid"
            # "Tara Reid" after "Reid": the full name replaces the part
            out = [o for o in out if not set(o.casefold().split()) < words]
            out.append(shown)
            if len(out) >= limit:
                break
        return out


# what the reader sees first in "why": names, then words, then figures
_LABEL_WEIGHT = {"e:": 2.0, "n:": 0.7}


_NEVER = np.iinfo(np.int64).max  # no place in a list


def _min(a: float | None, b: float | None) -> float | None:
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b)


def _max(a: float | None, b: float | None) -> float | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)
