"""StoryIndex scoring is exact: the fast paths give the very floats the plain formulas give
(the same products summed in the same order), so stories never depend on which path ran."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta

import pytest

from brief.cluster import StoryIndex
from brief.features import Features

WORDS = [f"w{i}" for i in range(300)]


def _features(rng: random.Random) -> Features:
    terms = {w: 1.0 + math.log(rng.randint(1, 6)) for w in rng.sample(WORDS, rng.randint(5, 90))}
    entities = {f"e{rng.randint(0, 40)}": rng.choice([1.0, 1.7]) for _ in range(rng.randint(0, 4))}
    numbers = {str(rng.randint(2, 60)): 1.0 for _ in range(rng.randint(0, 2))}
    return Features(terms=terms, entities=entities, numbers=numbers, display={})


def _index(n: int, seed: int = 1, spread: int = 1) -> StoryIndex:
    rng = random.Random(seed)
    index = StoryIndex()
    start = datetime(2030, 1, 1, tzinfo=UTC)
    for i in range(n):
        when = None if rng.random() < 0.1 else start + timedelta(days=rng.uniform(0, 40))
        index.assign(i * spread, _features(rng), when)
    return index


def _plain_idf(index: StoryIndex, key: str) -> float:
    return max(0.0, math.log((index._idf_n + 1) / (index._df.get(key, 0) + 1)))


def _plain_norm(index: StoryIndex, doc) -> float:  # type: ignore[no-untyped-def]
    return math.sqrt(sum([(w * _plain_idf(index, k)) ** 2
                          for k, w in zip(doc.keys, doc.raw, strict=False)]))


def _plain_sim(index: StoryIndex, qvec: dict[str, float], qnorm: float, qts: float | None,
               doc) -> float:  # type: ignore[no-untyped-def]
    factor = index._time_factor(qts, doc.ts)
    if factor == 0.0 or qnorm == 0.0:
        return 0.0
    dnorm = index._norm(doc)
    if dnorm == 0.0:
        return 0.0
    dot = 0.0
    for k, w in zip(doc.keys, doc.raw, strict=False):
        q = qvec.get(k)
        if q is not None:
            i = _plain_idf(index, k)
            dot += q * w * i * i
    return factor * dot / (qnorm * dnorm)


def test_norms_and_similarities_are_the_plain_formulas_to_the_last_bit() -> None:
    index = _index(400)
    docs = list(index._docs.values())
    rng = random.Random(5)
    for doc in rng.sample(docs, 60):
        doc.epoch = -1  # made again with today's document frequencies
        assert index._norm(doc) == _plain_norm(index, doc)
    for a in rng.sample(docs, 40):
        qvec = dict(zip(a.keys, a.raw, strict=False))
        qnorm = index._norm(a)
        others = rng.sample(docs, 30)
        plain = [_plain_sim(index, qvec, qnorm, a.ts, b) for b in others]
        assert index._sims(index._with_idf(a.keys, a.raw), qnorm, a.ts, others) == plain
        assert [index._sim_docs(a, b) for b in others] == plain
        floored = index._sims(index._with_idf(a.keys, a.raw), qnorm, a.ts, others, 0.15)
        for f, p in zip(floored, plain, strict=True):
            assert f == p or (f == 0.0 and p < 0.15)


@pytest.mark.parametrize("spread", [1, 10_000_019])  # article ids close together, or far apart
def test_candidates_are_the_plain_vote_count_even_with_an_article_listed_twice(spread: int) -> None:
    index = _index(300, seed=2, spread=spread)
    cfg = index.config

    def plain(qvec: dict[str, float]) -> list[int]:
        ranked = sorted(((w * index._idf(k), k) for k, w in qvec.items()), reverse=True)
        votes: dict[int, float] = {}
        used = 0
        for w, k in ranked:
            plist = index._postings.get(k)
            if not plist:
                continue
            for aid in list(reversed(plist))[: cfg.postings_read]:
                votes[aid] = votes.get(aid, 0.0) + w
            used += 1
            if used >= cfg.query_keys:
                break
        if len(votes) <= cfg.candidates:
            return list(votes)
        return [a for a, _ in sorted(votes.items(), key=lambda kv: kv[1],
                                     reverse=True)[: cfg.candidates]]

    rng = random.Random(3)
    queries = [dict(zip(d.keys, d.raw, strict=False)) for d in rng.sample(list(index._docs.values()), 40)]
    for q in queries:  # the same articles (in any order: each is scored on its own)
        got = index._candidates(q)
        assert len(got) == len(set(got)) and set(got) == set(plain(q))
    for plist in index._postings.values():  # an article posted twice (as a re-indexed one can be)
        if len(plist) > 3:
            plist.append(plist[-2])
    for q in queries:
        assert sorted(index._candidates(q)) == sorted(plain(q))


class _NoSkip(StoryIndex):
    """Every similarity computed (none skipped on the time-decay bound)."""

    def _sims(self, qidf, qnorm, qts, docs, floor=None):  # type: ignore[no-untyped-def, override]
        return super()._sims(qidf, qnorm, qts, docs)


def test_skipping_on_the_bound_changes_nothing_with_or_without_removals() -> None:
    for removals in (False, True):
        rng = random.Random(9)
        start = datetime(2030, 1, 1, tzinfo=UTC)
        stream = [(_features(rng), start + timedelta(days=rng.uniform(0, 60))) for _ in range(300)]
        states = []
        for index in (StoryIndex(), _NoSkip()):
            for i, (f, when) in enumerate(stream):
                index.assign(i, f, when)
                if removals and i % 25 == 24:
                    index.remove(i - 10, stream[i - 10][0])
            assert (index._df_fell >= 0) == removals
            states.append((index.story_states(), index.meta_state(),
                           {a: d.nbrs for a, d in index._docs.items()}))
        assert states[0] == states[1]


def test_key_numbers_keep_the_document_frequencies_through_removals_and_a_reload() -> None:
    rng = random.Random(4)
    index = StoryIndex()
    start = datetime(2030, 1, 1, tzinfo=UTC)
    stream = [(_features(rng), start + timedelta(days=rng.uniform(0, 20))) for _ in range(240)]
    states: dict[int, str] = {}
    df: dict[str, int] = {}
    for i, (f, when) in enumerate(stream):
        index.assign(i, f, when)
        if i % 30 == 29:
            index.remove(i - 7, stream[i - 7][0])
        if i == 150:
            states.update(index.story_states())
            df.update(index.df_updates())
            index = StoryIndex.from_states(states.items(), df=df, meta=index.meta_state())
    assert all(index._counts[n] == index._df.get(k, 0) for k, n in index._kid.items())
    for doc in index._docs.values():
        doc.epoch = -1
        assert index._norm(doc) == _plain_norm(index, doc)
