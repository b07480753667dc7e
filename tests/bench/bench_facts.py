"""Speed of story_facts on a 20-article story (target: under 200 ms).

    python tests/bench/bench_facts.py [SEEDS_DIR] [--articles 20] [--repeat 5]

The story is built from the real seed articles (../shared/seeds, read at run time, 001..004
cycled with distinct outlet names and no publish dates, so the inference path runs too).
Without the seeds, it falls back to a synthetic story written here.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from brief.facts import story_facts
from brief.models import Article

SYNTHETIC = (
    "The Korsa dam collapsed on Tuesday night, flooding 40 homes in the valley, officials "
    "said. About 300 residents were moved to the sports hall. “We had less than an hour to get "
    "everyone out,” said Mayor Ilse Varga. Engineers had warned about cracks on Jan. 28, and "
    "repairs were planned for April. The regional water board said nearly 350 people left.\n"
) * 6


def build(folder: Path, n: int, run: int = 0) -> list[Article]:
    """``n`` articles; every text is made unique (run and outlet in a first line) so that no
    per-text cache is shared between articles or between timed runs."""
    files = sorted(folder.glob("00[1-4]*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in files] or [SYNTHETIC]
    return [
        Article(id=i + 1, external_id=None, title=texts[i % len(texts)].split("\n", 1)[0],
                text=f"Run {run}, outlet {i}.\n" + texts[i % len(texts)],
                source=f"outlet{i:02d}")
        for i in range(n)
    ]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("seeds", nargs="?", default="../shared/seeds")
    ap.add_argument("--articles", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    arts = build(Path(args.seeds), args.articles)
    chars = sum(len(a.text) for a in arts)
    story_facts(arts)  # warm-up (regex compilation, imports)
    times = []
    for run in range(1, args.repeat + 1):
        arts = build(Path(args.seeds), args.articles, run)
        t0 = time.perf_counter()
        sf = story_facts(arts)
        times.append((time.perf_counter() - t0) * 1000)
    print(f"story_facts: {len(arts)} articles, {chars} chars")
    print(f"  min {min(times):.1f} ms, median {statistics.median(times):.1f} ms, "
          f"max {max(times):.1f} ms over {args.repeat} runs (target < 200 ms)")
    print(f"  {len(sf.facts)} facts, {len(sf.quotes)} quotes, {len(sf.entities)} entities, "
          f"{len(sf.timeline)} timeline entries, {len(sf.conflicts)} conflicts")
    return 0 if statistics.median(times) < 200 else 1


if __name__ == "__main__":
    sys.exit(main())
