"""Online story clustering: each new article joins an existing story or starts one.

How it decides
--------------
Every article becomes a sparse TF-IDF vector over the keys of :class:`brief.features.Features`
(terms, ``e:`` entities, ``n:`` numbers; entities and numbers weigh more, because they tell two
similar events apart — two earthquakes, two strikes). Document frequencies are counted online as
articles arrive. Each story keeps a centroid (the sum of its members' unit vectors, capped to its
strongest keys). Candidates come from an inverted index over the stories' strongest keys, reading
only the rarest keys of the article and the most recently active stories of each posting list, so
the time per article stays flat as the corpus grows. The best candidate's cosine, multiplied by a
time decay (days between the article and the story's first/last article, beyond a grace period),
must reach ``join_threshold``; otherwise the article starts a new story. Unknown dates do not
decay.

Story keys
----------
The index allocates story keys itself from a counter that is part of :meth:`StoryIndex.meta_state`;
the caller may use them directly as story ids. A caller that must allocate ids (e.g. from a DB
sequence) passes ``new_key=callable`` returning a fresh int.

Persistence (the index lives in the database)
---------------------------------------------
- :meth:`story_states` -> ``{key: json}`` for stories changed since the last call; an empty string
  means the story is gone (merged or emptied): delete its row.
- :meth:`df_updates` -> ``{key: document_frequency}`` changed since the last call (a term table).
- :meth:`meta_state` -> one small JSON (article count, key counter, aliases of merged stories).
- :meth:`StoryIndex.from_states` rebuilds from those rows; nothing is reclustered.

Corrections
-----------
:meth:`merge`, :meth:`move` and :meth:`remove` apply a user's corrections. A moved article is
pinned to its story (assigning it again returns that story); a story split off by hand is kept
apart from its source by :meth:`repair`; merged stories keep the surviving key and alias the other.
"""

from __future__ import annotations

import heapq
import json
import math
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice

from brief.features import Features

STATE_VERSION = 1


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """The one default configuration users get (chosen on half of ECB+, see docs/benchmarks.md)."""

    entity_weight: float = 1.6  # multiplier of entity keys relative to terms
    number_weight: float = 0.8  # multiplier of number keys
    join_threshold: float = 0.26  # cosine (after time decay) needed to join a story
    grace_days: float = 2.0  # no decay within this many days of the story's span
    decay_days: float = 4.0  # beyond the grace: score *= exp(-extra_days / decay_days)
    max_gap_days: float = 21.0  # stories further away are not even considered
    min_docs_for_idf: int = 50  # IDF treats a young index as if it held this many articles
    query_keys: int = 14  # rarest strong keys of an article used to find candidates
    postings_read: int = 150  # most recent stories read per key
    postings_keep: int = 400  # posting list length kept per key
    candidates: int = 40  # stories scored exactly per article
    centroid_keys: int = 120  # keys kept per story centroid
    indexed_keys: int = 30  # strongest centroid keys that go into the inverted index
    article_keys: int = 80  # keys of an article vector
    merge_threshold: float = 0.5  # repair(): merge two stories at least this similar


@dataclass(frozen=True, slots=True)
class Assignment:
    story_key: int
    is_new: bool
    score: float
    why: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Story:
    key: int
    centroid: dict[str, float] = field(default_factory=dict)
    members: list[int] = field(default_factory=list)
    pinned: set[int] = field(default_factory=set)
    apart: set[int] = field(default_factory=set)  # stories a user split from this one
    first: float | None = None  # POSIX seconds
    last: float | None = None
    central: int | None = None
    central_score: float = -1.0
    display: dict[str, str] = field(default_factory=dict)
    norm: float = 0.0
    norm_n: int = -1  # article count when ``norm`` was computed

    def to_json(self) -> str:
        return json.dumps(
            {
                "v": STATE_VERSION,
                "c": {k: round(v, 6) for k, v in self.centroid.items()},
                "m": self.members,
                "p": sorted(self.pinned),
                "a": sorted(self.apart),
                "f": self.first,
                "l": self.last,
                "ce": self.central,
                "cs": round(self.central_score, 6),
                "d": self.display,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, key: int, data: str) -> _Story:
        raw = json.loads(data)
        return cls(
            key=key,
            centroid={str(k): float(v) for k, v in raw.get("c", {}).items()},
            members=[int(x) for x in raw.get("m", [])],
            pinned={int(x) for x in raw.get("p", [])},
            apart={int(x) for x in raw.get("a", [])},
            first=raw.get("f"),
            last=raw.get("l"),
            central=raw.get("ce"),
            central_score=float(raw.get("cs", -1.0)),
            display={str(k): str(v) for k, v in raw.get("d", {}).items()},
        )


def _timestamp(published: datetime | None) -> float | None:
    if published is None:
        return None
    try:
        if published.tzinfo is None:
            published = published.replace(tzinfo=UTC)
        return published.timestamp()
    except (OverflowError, OSError, ValueError):
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
        self._stories: dict[int, _Story] = {}
        self._dirty: set[int] = set()
        self._article_story: dict[int, int] = {}
        self._postings: dict[str, dict[int, None]] = {}
        self._aliases: dict[int, int] = {}

    # ------------------------------------------------------------------ public API

    def assign(
        self, article_id: int, features: Features, published: datetime | None = None
    ) -> Assignment:
        """Put ``article_id`` into the best matching story or a new one (never raises)."""
        try:
            return self._assign(article_id, features, published)
        except Exception as exc:  # noqa: BLE001 - clustering must not stop ingestion
            key = self._allocate_key()
            self._stories[key] = _Story(key=key, members=[article_id], central=article_id)
            self._article_story[article_id] = key
            self._dirty.add(key)
            return Assignment(key, True, 0.0, [f"error: {exc}"])

    def story_of(self, article_id: int) -> int | None:
        return self._article_story.get(article_id)

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
        return self._why(story.centroid, story.display, limit, shared_with=None)

    def central_article(self, story_key: int) -> int | None:
        """The article most representative of the story (for its headline)."""
        story = self._stories.get(self.resolve(story_key))
        if story is None or not story.members:
            return None
        if story.central in story.members:
            return story.central
        return story.members[0]

    def remove(self, article_id: int, features: Features | None = None) -> None:
        """Forget an article (deleted, or a duplicate). ``features`` lets its weight leave too."""
        try:
            key = self._article_story.pop(article_id, None)
            if key is None:
                return
            story = self._stories.get(key)
            if story is None:
                return
            self._detach(story, article_id, features)
            if features is not None:
                for k in self._weighted_keys(features):
                    if k in self._df:
                        self._df[k] = max(0, self._df[k] - 1)
                        self._df_dirty.add(k)
                self._n_docs = max(0, self._n_docs - 1)
        except Exception:  # noqa: BLE001
            return

    def move(self, article_id: int, features: Features, to_key: int | None) -> int:
        """Move an article to story ``to_key`` (or a new story if None); returns its story key.

        The article is pinned there: assigning it again and :meth:`repair` leave it in place.
        When split into a new story, that story is kept apart from the one it left.
        """
        source_key = self._article_story.get(article_id)
        source = self._stories.get(source_key) if source_key is not None else None
        if to_key is not None:
            to_key = self.resolve(to_key)
            if to_key not in self._stories:
                to_key = None
        if source is not None and source.key == to_key:
            source.pinned.add(article_id)
            self._dirty.add(source.key)
            return source.key
        if source is not None:
            self._detach(source, article_id, features)
        vec = self._vector(features)
        if to_key is None:
            target = self._new_story()
            if source is not None and source.key in self._stories:
                target.apart.add(source.key)
                source.apart.add(target.key)
        else:
            target = self._stories[to_key]
        self._attach(target, article_id, features, vec, None, score=self._score(vec, target, None))
        target.pinned.add(article_id)
        return target.key

    def merge(self, a: int, b: int) -> int:
        """Merge story ``b`` into story ``a``; returns the surviving key (``a``).

        ``b`` becomes an alias of ``a`` (see :meth:`resolve`); its members are pinned to ``a``.
        """
        a, b = self.resolve(a), self.resolve(b)
        sa, sb = self._stories.get(a), self._stories.get(b)
        if sa is None or sb is None or a == b:
            return a if sa is not None else b
        for k, v in sb.centroid.items():
            sa.centroid[k] = sa.centroid.get(k, 0.0) + v
        for k, label in sb.display.items():
            sa.display.setdefault(k, label)
        sa.members.extend(sb.members)
        sa.pinned.update(sb.members)
        sa.pinned.update(sa.members)
        sa.apart.update(x for x in sb.apart if x != a)
        sa.apart.discard(b)
        for x in sb.apart:
            other = self._stories.get(x)
            if other is not None:
                other.apart.discard(b)
                other.apart.add(a)
                self._dirty.add(x)
        for aid in sb.members:
            self._article_story[aid] = a
        sa.first = _min(sa.first, sb.first)
        sa.last = _max(sa.last, sb.last)
        if sb.central_score > sa.central_score and sb.central is not None:
            sa.central, sa.central_score = sb.central, sb.central_score
        self._prune(sa)
        self._index_story(sa)
        del self._stories[b]
        self._aliases[b] = a
        self._dirty.update((a, b))
        return a

    def repair(self, keys: Iterable[int] | None = None) -> list[tuple[int, int]]:
        """Merge stories that grew together (centroid cosine >= ``merge_threshold``).

        Looks at ``keys`` (default: stories changed since the last :meth:`story_states`).
        Never touches stories a user corrected (split apart, moved into, merged).
        Returns the (kept, merged) pairs.
        """
        merged: list[tuple[int, int]] = []
        todo = list(keys) if keys is not None else list(self._dirty)
        for key in todo:
            key = self.resolve(key)
            story = self._stories.get(key)
            if story is None or story.pinned or story.apart:
                continue
            vec = self._story_unit_vector(story)
            best = None
            best_score = self.config.merge_threshold
            for cand_key in self._candidates(vec):
                if cand_key == key or cand_key in story.apart:
                    continue
                cand = self._stories.get(cand_key)
                if cand is None or cand.pinned or cand.apart:
                    continue
                s = self._score(vec, cand, story.first, story.last)
                if s >= best_score:
                    best, best_score = cand_key, s
            if best is not None:
                keep, gone = (best, key) if best < key else (key, best)
                self.merge(keep, gone)
                merged.append((keep, gone))
        return merged

    # ------------------------------------------------------------------ persistence

    def story_states(self) -> dict[int, str]:
        """JSON of each story changed since the last call; ``""`` for a story that is gone."""
        out: dict[int, str] = {}
        for key in self._dirty:
            story = self._stories.get(key)
            out[key] = story.to_json() if story is not None else ""
        self._dirty.clear()
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
        max_key = 0
        for key, data in states:
            if not data:
                continue
            try:
                story = _Story.from_json(int(key), data)
            except (ValueError, TypeError, AttributeError):
                continue
            index._stories[story.key] = story
            max_key = max(max_key, story.key)
            for aid in story.members:
                index._article_story[aid] = story.key
        if df is not None:
            items = df.items() if isinstance(df, Mapping) else df
            index._df = {str(k): int(v) for k, v in items}
        n_docs = len(index._article_story)
        if meta:
            try:
                raw = json.loads(meta)
                n_docs = int(raw.get("n", n_docs))
                index._next_key = int(raw.get("next", 1))
                index._aliases = {int(k): int(v) for k, v in raw.get("alias", {}).items()}
            except (ValueError, TypeError, AttributeError):
                pass
        index._n_docs = n_docs
        index._next_key = max(index._next_key, max_key + 1)
        # rebuild postings, oldest activity first so recency order is kept
        order = sorted(index._stories.values(), key=lambda s: (s.last or 0.0, s.key))
        for story in order:
            index._index_story(story)
        return index

    # ------------------------------------------------------------------ internals

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
        return story

    def _idf(self, key: str) -> float:
        n = max(self._n_docs, self.config.min_docs_for_idf)
        df = self._df.get(key, 0) + 1
        return max(0.0, math.log((n + 1) / df))

    def _weighted_keys(self, features: Features) -> dict[str, float]:
        cfg = self.config
        out: dict[str, float] = dict(features.terms)
        for name, w in features.entities.items():
            out["e:" + name] = w * cfg.entity_weight
        for num, w in features.numbers.items():
            out["n:" + num] = w * cfg.number_weight
        return out

    def _vector(self, features: Features) -> dict[str, float]:
        """Unit TF-IDF vector of an article, capped to its strongest keys."""
        raw = self._weighted_keys(features)
        vec = {k: w * self._idf(k) for k, w in raw.items()}
        vec = {k: v for k, v in vec.items() if v > 0.0}
        if len(vec) > self.config.article_keys:
            vec = dict(heapq.nlargest(self.config.article_keys, vec.items(), key=lambda kv: kv[1]))
        norm = math.sqrt(sum(v * v for v in vec.values()))
        if norm == 0.0:
            return {}
        return {k: v / norm for k, v in vec.items()}

    def _story_norm(self, story: _Story) -> float:
        n = self._n_docs
        if story.norm_n < 0 or n > story.norm_n * 1.05 + 5:
            story.norm = math.sqrt(
                sum((v * self._idf(k)) ** 2 for k, v in story.centroid.items())
            )
            story.norm_n = n
        return story.norm

    def _story_unit_vector(self, story: _Story) -> dict[str, float]:
        norm = self._story_norm(story)
        if norm == 0.0:
            return {}
        return {k: v * self._idf(k) / norm for k, v in story.centroid.items()}

    def _time_factor(
        self, t_first: float | None, t_last: float | None, story: _Story
    ) -> float:
        if t_first is None or story.first is None or story.last is None:
            return 1.0
        if t_last is None:
            t_last = t_first
        gap = max(0.0, story.first - t_last, t_first - story.last) / 86400.0
        if gap > self.config.max_gap_days:
            return 0.0
        extra = gap - self.config.grace_days
        if extra <= 0:
            return 1.0
        return math.exp(-extra / self.config.decay_days)

    def _score(
        self,
        vec: dict[str, float],
        story: _Story,
        t_first: float | None,
        t_last: float | None = None,
    ) -> float:
        factor = self._time_factor(t_first, t_last, story)
        if factor == 0.0:
            return 0.0
        norm = self._story_norm(story)
        if norm == 0.0:
            return 0.0
        c = story.centroid
        dot = 0.0
        for k, v in vec.items():
            w = c.get(k)
            if w is not None:
                dot += v * w * self._idf(k)
        return factor * dot / norm

    def _candidates(self, vec: dict[str, float]) -> list[int]:
        cfg = self.config
        # the article's strongest keys that some story is indexed under (a key no story has
        # yet, like a rare word, says nothing about candidates); each posting list is read
        # from its most recently active story, at most ``postings_read`` deep
        votes: dict[int, float] = {}
        used = 0
        postings = self._postings
        for k, w in sorted(vec.items(), key=lambda kv: kv[1], reverse=True):
            plist = postings.get(k)
            if not plist:
                continue
            for sk in islice(reversed(plist), cfg.postings_read):
                votes[sk] = votes.get(sk, 0.0) + w
            used += 1
            if used >= cfg.query_keys:
                break
        if len(votes) <= cfg.candidates:
            return list(votes)
        return [sk for sk, _ in heapq.nlargest(cfg.candidates, votes.items(), key=lambda kv: kv[1])]

    def _assign(
        self, article_id: int, features: Features, published: datetime | None
    ) -> Assignment:
        existing = self._article_story.get(article_id)
        if existing is not None and existing in self._stories:
            return Assignment(existing, False, 1.0, ["already in this story"])
        ts = _timestamp(published)
        vec = self._vector(features)
        best: _Story | None = None
        best_score = 0.0
        for sk in self._candidates(vec):
            story = self._stories.get(sk)
            if story is None or not story.members:
                continue
            s = self._score(vec, story, ts)
            if s > best_score:
                best, best_score = story, s
        # count the article's keys (after scoring: its own df is the +1 in _idf)
        df = self._df
        for k in self._weighted_keys(features):
            k = sys.intern(k)
            df[k] = df.get(k, 0) + 1
            self._df_dirty.add(k)
        self._n_docs += 1
        if best is not None and best_score >= self.config.join_threshold:
            why = self._why(vec, features.display, 5, shared_with=best.centroid)
            self._attach(best, article_id, features, vec, ts, score=best_score)
            return Assignment(best.key, False, round(best_score, 4), why)
        story = self._new_story()
        self._attach(story, article_id, features, vec, ts, score=0.0)
        return Assignment(story.key, True, round(best_score, 4), [])

    def _attach(
        self,
        story: _Story,
        article_id: int,
        features: Features,
        vec: dict[str, float],
        ts: float | None,
        score: float,
    ) -> None:
        c = story.centroid
        intern = sys.intern
        for k, v in vec.items():
            idf = self._idf(k)
            if idf > 0:
                c[intern(k)] = c.get(k, 0.0) + v / idf
        if len(story.display) < 24:
            for k, label in features.display.items():
                if k in vec and k[:2] == "e:":
                    story.display.setdefault(intern(k), label)
        story.members.append(article_id)
        self._article_story[article_id] = story.key
        if ts is not None:
            story.first = _min(story.first, ts)
            story.last = _max(story.last, ts)
        if story.central is None or score > story.central_score:
            story.central, story.central_score = article_id, score
        self._prune(story)
        story.norm_n = -1
        self._index_story(story)
        self._dirty.add(story.key)

    def _detach(self, story: _Story, article_id: int, features: Features | None) -> None:
        if article_id in story.members:
            story.members.remove(article_id)
        story.pinned.discard(article_id)
        self._article_story.pop(article_id, None)
        if features is not None:
            vec = self._vector(features)
            for k, v in vec.items():
                if k in story.centroid:
                    idf = self._idf(k)
                    left = story.centroid[k] - (v / idf if idf > 0 else 0.0)
                    if left <= 1e-9:
                        del story.centroid[k]
                    else:
                        story.centroid[k] = left
        if story.central == article_id:
            story.central = story.members[0] if story.members else None
            story.central_score = -1.0
        story.norm_n = -1
        self._dirty.add(story.key)
        if not story.members:
            del self._stories[story.key]
            for other in story.apart:
                o = self._stories.get(other)
                if o is not None:
                    o.apart.discard(story.key)
                    self._dirty.add(other)

    def _prune(self, story: _Story) -> None:
        cap = self.config.centroid_keys
        if len(story.centroid) > cap * 1.5:
            items = heapq.nlargest(
                cap, story.centroid.items(), key=lambda kv: kv[1] * self._idf(kv[0])
            )
            story.centroid = dict(items)
            if len(story.display) > 40:
                story.display = {k: v for k, v in story.display.items() if k in story.centroid}

    def _index_story(self, story: _Story) -> None:
        cfg = self.config
        top = heapq.nlargest(
            cfg.indexed_keys, story.centroid.items(), key=lambda kv: kv[1] * self._idf(kv[0])
        )
        for k, _w in top:
            plist = self._postings.get(k)
            if plist is None:
                plist = self._postings[k] = {}
            else:
                plist.pop(story.key, None)
            plist[story.key] = None
            if len(plist) > cfg.postings_keep:
                del plist[next(iter(plist))]

    def _why(
        self,
        vec: Mapping[str, float],
        display: Mapping[str, str],
        limit: int,
        shared_with: Mapping[str, float] | None,
    ) -> list[str]:
        scored = []
        for k, v in vec.items():
            if shared_with is not None:
                other = shared_with.get(k)
                if other is None:
                    continue
                v = min(v, other * self._idf(k))
            elif shared_with is None and vec is not None:
                v = v * self._idf(k)
            bonus = 1.5 if k.startswith("e:") else 1.0
            scored.append((v * bonus, k))
        scored.sort(reverse=True)
        out: list[str] = []
        seen: set[str] = set()
        for _v, k in scored:
            shown = display.get(k) or (k[2:] if k[:2] in ("e:", "n:") else k)
            low = shown.casefold()
            if low in seen or any(low in s.split() for s in seen):
                continue
            seen.add(low)
            out.append(shown)
            if len(out) >= limit:
                break
        return out


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
