"""Ingest-and-cluster at scale with generated articles: is time per article flat?

    python tests/bench/bench_cluster_scale.py [N=100000] [--neardup] [--pipeline M] [--days D]

Generates N pre-cleaned articles (title + ~120-word body) for stories spread over N/1000 days
(a constant rate of about 1,000 articles a day, so 10k articles are the first ten days of
100k; ``--days D`` spreads any N over D days instead, e.g. to compare 10k and 100k articles
over the same 100 days, ten times sparser at 10k):
each story has its own people, place, organisation, figures and words, drawn partly from one of
200 shared topics (so stories on one topic look alike), and a Zipf background vocabulary.
Each article goes through ``article_features`` and ``StoryIndex.assign`` (and, with
``--neardup``, ``NearDuplicateIndex.find``/``add``), in publication order. Prints time per
article over the first 10k and the last 10k articles, the ratio, total time, peak RSS, and the
B-cubed F1 against the generated stories. Every 200 articles the changed story states and
document frequencies are serialized, as the pipeline does after each batch. ``--pipeline M`` additionally runs M articles through
``brief.pipeline.Pipeline.ingest`` into a temporary SQLite database (the full path).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path

from brief.cluster import StoryIndex
from brief.features import article_features

SYLLABLES = [a + b for a in "bcdfghklmnprstvwz" for b in ["a", "e", "i", "o", "u", "ai", "ou", "ar", "en", "il"]]


def word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


@dataclass
class Plan:
    story: int
    when: datetime
    people: list[str]
    place: str
    org: str
    numbers: list[str]
    words: list[str]


class Generator:
    def __init__(self, n: int, seed: int = 1, days: float | None = None) -> None:
        rng = self.rng = random.Random(seed)
        self.vocab = list({word(rng, rng.choice([2, 3, 3, 4])) for _ in range(30000)})
        weights = [1.0 / (i + 1) ** 1.05 for i in range(len(self.vocab))]
        total = sum(weights)
        self.cum = []
        acc = 0.0
        for w in weights:
            acc += w / total
            self.cum.append(acc)
        self.topics = [rng.sample(self.vocab[300:8000], 40) for _ in range(200)]
        start = datetime(2030, 1, 1, tzinfo=UTC)
        span = days if days is not None else max(1.0, n / 1000.0)
        plans: list[Plan] = []
        story = 0
        while len(plans) < n:
            story += 1
            size = min(40, 1 + int(rng.expovariate(1 / 3.5)))
            t0 = start + timedelta(days=rng.uniform(0, span))
            topic = rng.choice(self.topics)
            people = [word(rng, 2).title() + " " + word(rng, 3).title() for _ in range(2)]
            place, org = word(rng, 3).title(), word(rng, 2).title() + " " + rng.choice(
                ["Council", "Group", "Agency", "Party", "Bank"])
            numbers = [str(rng.randint(2, 999)) for _ in range(2)]
            words = rng.sample(topic, 8) + rng.sample(self.vocab[2000:30000], 6)
            for _ in range(size):
                when = t0 + timedelta(hours=rng.expovariate(1 / 20))
                plans.append(Plan(story, when, people, place, org, numbers, words))
        plans = plans[:n]
        plans.sort(key=lambda p: p.when)
        self.plans = plans
        self.span = span

    def background(self) -> str:
        import bisect

        return self.vocab[min(len(self.vocab) - 1, bisect.bisect(self.cum, self.rng.random()))]

    def sentence(self, p: Plan, n_words: int) -> str:
        rng = self.rng
        out = []
        for _ in range(n_words):
            r = rng.random()
            if r < 0.25:
                out.append(rng.choice(p.words))
            elif r < 0.31:
                out.append(rng.choice(p.people + [p.place, p.org, "the " + p.org]))
            elif r < 0.33:
                out.append(rng.choice(p.numbers))
            else:
                out.append(self.background())
        return out[0].capitalize() + " " + " ".join(out[1:]) + "."

    def articles(self) -> Iterator[tuple[int, str, str, datetime, int]]:
        for i, p in enumerate(self.plans):
            title = self.sentence(p, 8).rstrip(".")
            body = " ".join(self.sentence(p, self.rng.randint(12, 22)) for _ in range(7))
            yield i, title, body, p.when, p.story


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def bcubed_f1(gold: dict[int, int], pred: dict[int, int]) -> float:
    gs: dict[int, set[int]] = defaultdict(set)
    ps: dict[int, set[int]] = defaultdict(set)
    for k, v in gold.items():
        gs[v].add(k)
    for k, v in pred.items():
        ps[v].add(k)
    p = r = 0.0
    for k in gold:
        inter = len(gs[gold[k]] & ps[pred[k]])
        p += inter / len(ps[pred[k]])
        r += inter / len(gs[gold[k]])
    p, r = p / len(gold), r / len(gold)
    return 2 * p * r / (p + r)


def run_index(n: int, neardup: bool, days: float | None = None) -> None:
    t_gen = time.perf_counter()
    gen = Generator(n, days=days)
    print(f"generated plans for {n} articles in {len(set(p.story for p in gen.plans))} stories "
          f"({time.perf_counter() - t_gen:.1f}s); rss {peak_rss_mib():.0f} MiB")
    index = StoryIndex()
    near = None
    if neardup:
        from brief.dedupe import NearDuplicateIndex

        near = NearDuplicateIndex()
    gold: dict[int, int] = {}
    pred: dict[int, int] = {}
    window = 10000
    marks: dict[int, float] = {}
    busy = 0.0  # CPU time spent in features + index (not in generating the text)
    in_window = 0.0
    t_start = time.perf_counter()
    for i, title, body, when, story in gen.articles():
        t_a = time.process_time()
        feats = article_features(title, body)
        if near is not None:
            near.find(body)
            near.add(i, body)
        a = index.assign(i, feats, when)
        if (i + 1) % 200 == 0:  # what the pipeline persists after each batch
            saved = index.story_states()
            index.df_updates()
            index.meta_state()
            index.reassigned()
            del saved
        dt = time.process_time() - t_a
        busy += dt
        in_window += dt
        gold[i], pred[i] = story, a.story_key
        if (i + 1) % window == 0:
            marks[i + 1] = in_window
            in_window = 0.0
            print(f"  {i + 1:>7} articles: {1000 * marks[i + 1] / window:.3f} ms/article "
                  f"(this window), {len(index.stories())} stories, rss {peak_rss_mib():.0f} MiB",
                  flush=True)
    wall = time.perf_counter() - t_start
    first = marks.get(window, busy) / window
    last_key = max(marks) if marks else n
    last = marks.get(last_key, busy) / window
    print(f"articles {n}: features+clustering CPU {busy:.1f}s ({1000 * busy / n:.3f} ms/article); "
          f"wall time incl. generating the text {wall:.1f}s")
    print(f"time per article: first 10k {1000 * first:.3f} ms, last 10k (to {last_key}) "
          f"{1000 * last:.3f} ms, ratio {last / first:.2f}")
    print(f"peak RSS {peak_rss_mib():.0f} MiB; stories {len(index.stories())}; "
          f"B-cubed F1 vs generated stories {bcubed_f1(gold, pred):.3f}")


def run_pipeline(m: int, days: float | None = None, window: int = 10000) -> None:
    try:
        from brief.models import Article
        from brief.pipeline import Pipeline
        from cache.store import open_store
    except ImportError as exc:
        print(f"pipeline: not available ({exc})")
        return
    gen = Generator(m, seed=2, days=days)
    window = min(window, m)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.db")
        pipe = Pipeline(store)
        arts = (  # generated as ingested: the benchmark holds no corpus of its own in memory
            Article(id=None, external_id=f"gen-{i}", title=title, text=body, published=when,
                    source=f"outlet{i % 17}", url=f"https://outlet{i % 17}.example/{i}")
            for i, title, body, when, _story in gen.articles()
        )
        # one `ingest` run per window of articles (as successive refreshes would add them),
        # each timed: wall time and this process's CPU time
        walls: list[float] = []
        cpus: list[float] = []
        done = 0
        t0 = time.perf_counter()
        while done < m:
            size = min(window, m - done)
            w0, c0 = time.perf_counter(), time.process_time()
            pipe.ingest(islice(arts, size))
            walls.append(time.perf_counter() - w0)
            cpus.append(time.process_time() - c0)
            done += size
            print(f"  {done:>7} articles: {1000 * walls[-1] / size:.2f} ms/article wall, "
                  f"{1000 * cpus[-1] / size:.2f} CPU (this window); rss {peak_rss_mib():.0f} MiB",
                  flush=True)
        total = time.perf_counter() - t0
        per_first = 1000 * walls[0] / window
        per_all = 1000 * sum(walls) / m
        cpu_first = 1000 * cpus[0] / window
        cpu_all = 1000 * sum(cpus) / m
        last_n = m - window * (len(walls) - 1)
        per_last = 1000 * walls[-1] / last_n
        print(f"pipeline.ingest {m} articles over {gen.span:.0f} days: total {total:.1f}s; "
              f"peak RSS {peak_rss_mib():.0f} MiB")
        print(f"time per article at {window} (the first window) {per_first:.2f} ms wall / "
              f"{cpu_first:.2f} CPU; at {m} (all) {per_all:.2f} wall / {cpu_all:.2f} CPU: "
              f"ratio {per_all / per_first:.2f} wall, {cpu_all / cpu_first:.2f} CPU; "
              f"last window {per_last:.2f} ms wall ({per_last / per_first:.2f}x the first)")


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description="ingest-and-cluster at scale (generated articles)")
    ap.add_argument("n", nargs="?", type=int, default=100000, help="articles (index only)")
    ap.add_argument("--neardup", action="store_true", help="also the near-duplicate lookup")
    ap.add_argument("--pipeline", type=int, metavar="M", help="M articles through Pipeline.ingest")
    ap.add_argument("--days", type=float, help="spread the articles over D days (default N/1000)")
    ap.add_argument("--window", type=int, default=10000, help="articles per timed ingest run")
    args = ap.parse_args(argv)
    if args.pipeline:
        run_pipeline(args.pipeline, args.days, args.window)
        return
    run_index(args.n, args.neardup, args.days)


if __name__ == "__main__":
    main(sys.argv[1:])
