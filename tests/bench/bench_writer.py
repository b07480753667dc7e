"""CPU the single writer spends per article in ``Pipeline.ingest`` (run by hand).

    python tests/bench/bench_writer.py [--summaries 4000] [--full 600] [--fetch 4000] [--facts]
    python tests/bench/bench_writer.py --compare OLD_CHECKOUT [...]   # old vs new, one run

Articles are generated (invented words, stories of related articles; the generator of
bench_cluster_scale) and prepared as the refresh workers prepare them
(``brief.pipeline.prepare_article``) before the clock starts; then ``Pipeline(store).ingest``
stores them into a fresh SQLite file in batches of 100 (the refresh's ``WRITE_BATCH``), as
feed entries (a feed id, a GUID, a URL; a few exact and near duplicates among them). Prints
CPU milliseconds (``time.process_time``) per article for summary-only entries (title and a
sentence or two) and for full articles (title and ~7 paragraphs).

``--dump FILE`` writes what was stored (every table, times of day left out) so two checkouts
can be compared for the same results; ``--compare`` runs this script under an old checkout
(``PYTHONPATH``) and under this one, alternately, and prints both side by side, and whether
the stored results are the same.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def make_fetch_entries(n: int, seed: int) -> list[Any]:
    """Feed entries as bench_fetch's newsboat comparison serves them (a title and a one-sentence
    description of random words; 20 items per feed, dated within nine days)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_fetch import sentence

    from brief.models import Article
    from brief.pipeline import prepare_article

    rng = random.Random(seed)
    out = []
    for j in range(n):
        f, i = divmod(j, 20)
        title = sentence(rng, 7)[:-1]
        text = sentence(rng)
        when = datetime(2026, 11, 1 + i % 9, i % 10, tzinfo=UTC)
        out.append(Article(id=None, external_id=f"f{f}-i{i}", feed_id=1 + f % 20,
                           url=f"http://127.0.0.1/f{f}/story-{i}", title=title, text=text,
                           source=f"Bench feed {f}", published=when))
    return [prepare_article(a) for a in out]


def make_articles(n: int, full: bool, seed: int) -> list[Any]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_cluster_scale import Generator

    from brief.models import Article
    from brief.pipeline import prepare_article

    gen = Generator(n, seed=seed)
    rng = random.Random(seed)
    out: list[Article] = []
    tag = "full" if full else "sum"
    for i, title, body, when, _story in gen.articles():
        if full:
            paras = [" ".join(gen.sentence(gen.plans[i], rng.randint(12, 22)) for _ in range(4))
                     for _ in range(7)]
            text = "\n\n".join([body, *paras])
        else:
            text = body.split(". ")[0] + "." if rng.random() < 0.7 else ". ".join(
                body.split(". ")[:2]) + "."
        feed = 1 + i % 20
        url = f"https://outlet{feed}.example/{tag}/{i}"
        r = rng.random()
        if r < 0.03 and out:  # the same entry from another feed (an exact duplicate)
            prev = rng.choice(out[-50:])
            out.append(Article(id=None, external_id=f"{tag}-{i}", feed_id=feed, url=prev.url,
                               title=prev.title, text=prev.text, source=f"outlet{feed}",
                               published=prev.published))
            continue
        if r < 0.05 and out and full:  # a near-copy (a syndicated article, a line changed)
            prev = rng.choice(out[-50:])
            text = prev.text + " " + gen.sentence(gen.plans[i], 10)
            title = prev.title
        out.append(Article(id=None, external_id=f"{tag}-{i}", feed_id=feed, url=url,
                           title=title, text=text, source=f"outlet{feed}", published=when))
    return [prepare_article(a) for a in out]


TIME_COLUMNS = {"fetched_at", "seen_at", "updated_at", "added_at"}


def dump(db: Path, out: Path) -> None:
    conn = sqlite3.connect(db)
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'articles_fts%' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    with out.open("w", encoding="utf-8") as f:
        for t in tables:
            cur = conn.execute(f"SELECT * FROM {t}")
            cols = [c[0] for c in cur.description]
            rows = []
            for r in cur:
                rows.append([v.hex() if isinstance(v, bytes) else v
                             for c, v in zip(cols, r, strict=True) if c not in TIME_COLUMNS])
            # article_sources has no key: its order is the insertion order; others by key
            f.write(json.dumps({"table": t, "cols": [c for c in cols if c not in TIME_COLUMNS],
                                "rows": rows}) + "\n")
        n = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'ka OR ba'"
                         ).fetchone()[0]
        f.write(json.dumps({"fts_matches": n}) + "\n")


def run(args: argparse.Namespace) -> dict[str, float]:
    from brief.pipeline import Pipeline
    from cache.store import open_store

    result: dict[str, float] = {}
    for kind, n in (("summary", args.summaries), ("full", args.full), ("fetch", args.fetch)):
        if not n:
            continue
        if kind == "fetch":
            arts = make_fetch_entries(n, seed=7)
        else:
            arts = make_articles(n, kind == "full", seed=3 if kind == "full" else 2)
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "w.db"
            store = open_store(db)
            for f in range(1, 21):
                store.add_feed(f"https://outlet{f}.example/feed.xml", f"Outlet {f}")
            pipe = Pipeline(store)
            import gc

            gc.collect()
            t0 = time.process_time()
            w0 = time.perf_counter()
            # as a refresh does: batches without the repair pass, then one pass for the run
            # (checkouts from before the pass have no ``relink``)
            extra = {"relink": False} if hasattr(pipe, "relink") else {}
            ids: list[int] = []
            for i in range(0, len(arts), 100):
                ids += pipe.ingest(arts[i : i + 100], facts=False, batch_size=100,
                                   **extra).article_ids
            if extra:
                pipe.relink(ids)
            t1 = time.process_time()
            w1 = time.perf_counter()
            result[f"{kind}_ms"] = 1000 * (t1 - t0) / len(arts)
            result[f"{kind}_wall_ms"] = 1000 * (w1 - w0) / len(arts)
            if args.facts:
                t2 = time.process_time()
                pipe.update_stale_facts()
                result[f"{kind}_facts_ms"] = 1000 * (time.process_time() - t2) / len(arts)
            store.close()
            if args.dump:
                dump(db, Path(f"{args.dump}.{kind}"))
    return result


def compare(args: argparse.Namespace) -> None:
    rounds: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
    tmp = Path(tempfile.mkdtemp(prefix="bench_writer_"))
    base = [sys.executable, str(Path(__file__).resolve()), "--summaries", str(args.summaries),
            "--full", str(args.full), "--fetch", str(args.fetch), "--json"] + (["--facts"] if args.facts else [])
    for r in range(args.rounds):
        for name, path in (("old", args.compare), ("new", str(ROOT))):
            env = {**os.environ, "PYTHONPATH": path, "PYTHONHASHSEED": "0"}  # the same words
            cmd = [*base, "--dump", str(tmp / f"{name}{r}")]
            out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True,
                                 cwd=path).stdout
            rounds[name].append(json.loads(out.strip().splitlines()[-1]))
    keys = list(rounds["old"][0])
    print(f"{'CPU ms/article (best of ' + str(args.rounds) + ')':34} {'old':>8} {'new':>8} {'x':>6}")
    for k in keys:
        old = min(d[k] for d in rounds["old"])
        new = min(d[k] for d in rounds["new"])
        print(f"{k:34} {old:8.3f} {new:8.3f} {old / new if new else 0:6.2f}")
    for kind in ("summary", "full", "fetch"):
        a, b = tmp / f"old0.{kind}", tmp / f"new0.{kind}"
        if a.exists() and b.exists():
            same = a.read_bytes() == b.read_bytes()
            print(f"stored results ({kind}): {'same' if same else 'DIFFERENT: diff ' + str(a) + ' ' + str(b)}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--summaries", type=int, default=4000)
    ap.add_argument("--full", type=int, default=600)
    ap.add_argument("--fetch", type=int, default=4000,
                    help="entries like bench_fetch's newsboat comparison (random words)")
    ap.add_argument("--facts", action="store_true", help="also time update_stale_facts")
    ap.add_argument("--dump")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--compare", metavar="OLD_CHECKOUT")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    if args.compare:
        compare(args)
        return
    sys.path.insert(0, str(ROOT)) if "PYTHONPATH" not in os.environ else None
    result = run(args)
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k}: {v:.3f} ms/article")


if __name__ == "__main__":
    main()
