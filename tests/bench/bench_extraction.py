"""Extraction benchmark: brief.extract.extract_html against trafilatura alone.

Usage::

    python tests/bench/bench_extraction.py [DATA_DIR] [--worst N] [--only NAME ...] [--dump DIR]

DATA_DIR (default ../shared/eval/extraction) holds ``ground-truth.json`` and ``html/<id>.html.gz``
(the layout of the Scrapinghub article-extraction-benchmark). Scoring follows that benchmark:
tokens are ``\\w+`` runs, shingles are word 4-grams counted as multisets; per page
precision = tp/(tp+fp) and recall = tp/(tp+fn) (a page with neither fp nor fn scores 1, 1);
precision and recall are averaged over pages and F1 is taken of the two means.

CPU time is ``time.process_time`` around each extraction call. The extractors are interleaved
page by page (so load from other processes hits them alike), each page is run ``--repeat``
times and its fastest run kept, and those per-page times are averaged, after a warm-up.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter[str]:
    tokens = _TOKEN_RE.findall(text or "")
    grams = [" ".join(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))]
    return Counter(g for g in grams if g)


def match(true: str, pred: str) -> tuple[int, int, int]:
    t, p = shingles(true), shingles(pred)
    tp = fp = fn = 0
    for key in t.keys() | p.keys():
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    return tp, fp, fn


def precision(tp: int, fp: int, fn: int) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall(tp: int, fp: int, fn: int) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def load(data_dir: Path) -> list[tuple[str, str, str, bytes]]:
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        path = data_dir / "html" / f"{key}.html.gz"
        if not path.exists():
            continue
        raw = gzip.decompress(path.read_bytes())
        pages.append((key, truth[key].get("url") or "", truth[key].get("articleBody") or "", raw))
    return pages


def _decode_for_trafilatura(raw: bytes) -> str:
    # trafilatura accepts bytes too, but giving every extractor the same input keeps the
    # comparison about extraction; its own decoding is used (bytes) for the baselines.
    return raw.decode("utf-8", errors="replace")


def extractors() -> dict[str, Callable[[bytes, str], str]]:
    import trafilatura

    from brief.extract import extract_html

    def traf(**kw: object) -> Callable[[bytes, str], str]:
        def run(raw: bytes, url: str) -> str:
            return trafilatura.extract(raw, url=url or None, **kw) or ""  # type: ignore[arg-type]

        return run

    return {
        "trafilatura default": traf(),
        "trafilatura fast=True": traf(fast=True),
        "trafilatura favor_precision": traf(favor_precision=True),
        "brief extract_html": lambda raw, url: extract_html(raw, url=url or None).text,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("data_dir", nargs="?", default="../shared/eval/extraction", type=Path)
    ap.add_argument("--worst", type=int, default=0, help="list the N worst pages of extract_html")
    ap.add_argument("--only", nargs="*", help="run only extractors whose name contains one of these")
    ap.add_argument("--dump", type=Path, help="write extract_html output per page into this dir")
    ap.add_argument("--repeat", type=int, default=3, help="runs per page; the fastest is kept")
    args = ap.parse_args(argv)

    pages = load(args.data_dir)
    if not pages:
        print(f"no pages found under {args.data_dir}", file=sys.stderr)
        return 2
    print(f"{len(pages)} pages from {args.data_dir}")

    runs = extractors()
    if args.only:
        runs = {k: v for k, v in runs.items() if any(o in k for o in args.only)}
    # Warm-up: the first calls pay for imports and lazy initialisation.
    for fn in runs.values():
        for _key, url, _truth, raw in pages[:3]:
            fn(raw, url)

    print(f"{'extractor':30} {'precision':>9} {'recall':>7} {'F1':>7} {'cpu ms/page':>12}")
    outputs: dict[str, list[str]] = {name: [] for name in runs}
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _key, url, _truth, raw in pages:
        best = dict.fromkeys(runs, float("inf"))
        for _ in range(max(1, args.repeat)):
            for name, fn in runs.items():
                t0 = time.process_time()
                out = fn(raw, url)
                best[name] = min(best[name], time.process_time() - t0)
        for name, fn in runs.items():
            outputs[name].append(fn(raw, url))
            times[name].append(best[name])
    results: dict[str, list[tuple[str, float, float, str]]] = {}
    cpu: dict[str, float] = {}
    for name in runs:
        per_page = []
        for (key, _url, truth, _raw), out in zip(pages, outputs[name], strict=True):
            tp, fp, fn_ = match(truth, out)
            per_page.append((key, precision(tp, fp, fn_), recall(tp, fp, fn_), out))
        p = statistics.mean(x[1] for x in per_page)
        r = statistics.mean(x[2] for x in per_page)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        cpu[name] = statistics.mean(times[name]) * 1000
        results[name] = per_page
        print(f"{name:30} {p:9.4f} {r:7.4f} {f1:7.4f} {cpu[name]:12.2f}")

    if "brief extract_html" in cpu and "trafilatura fast=True" in cpu:
        ratio = cpu["brief extract_html"] / cpu["trafilatura fast=True"]
        print(f"CPU ratio extract_html / trafilatura fast=True: {ratio:.2f}x")

    mine = results.get("brief extract_html")
    if mine and args.worst:
        print(f"\nworst {args.worst} pages for extract_html (key precision recall):")
        for key, p, r, _ in sorted(mine, key=lambda x: x[1] + x[2])[: args.worst]:
            print(f"  {key[:16]} P={p:.3f} R={r:.3f}")
    if mine and args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for key, _p, _r, out in mine:
            (args.dump / f"{key[:16]}.txt").write_text(out, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
