"""ECB+ through the product path: `brief ingest ecbplus.jsonl`, then B-cubed F1 of the stored
stories against the gold `story` ids. One fixed default configuration (what users get).

    python tests/bench/bench_ecb_ingest.py [../shared/eval/clustering/ecbplus.jsonl]
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path


def bcubed(pred: dict[str, int], gold: dict[str, str]) -> tuple[float, float, float]:
    by_pred: dict[int, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for d, c in pred.items():
        by_pred[c].add(d)
    for d, g in gold.items():
        by_gold[g].add(d)
    p = r = 0.0
    for d in gold:
        same_pred = by_pred[pred[d]]
        same_gold = by_gold[gold[d]]
        inter = len(same_pred & same_gold)
        p += inter / len(same_pred)
        r += inter / len(same_gold)
    p, r = p / len(gold), r / len(gold)
    return p, r, 2 * p * r / (p + r)


def main() -> None:
    data = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/eval/clustering/ecbplus.jsonl")
    gold = {}
    for line in data.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        gold[str(rec["id"])] = str(rec["story"])
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "ecb.db")
        brief = [sys.executable, "-m", "brief.cli", "--db", db]
        t = time.perf_counter()
        subprocess.run([*brief, "ingest", str(data)], check=True, capture_output=True)
        seconds = time.perf_counter() - t
        out = subprocess.run([*brief, "export"], check=True, capture_output=True, text=True).stdout
        # an exact duplicate is stored once; every record it came as is in article_sources
        with sqlite3.connect(db) as conn:
            sources = conn.execute(
                "SELECT s.external_id, a.story_id FROM article_sources s "
                "JOIN articles a ON a.id = s.article_id WHERE s.external_id IS NOT NULL"
            ).fetchall()
    pred = {}
    for line in out.splitlines():
        row = json.loads(line)
        pred[str(row["external_id"])] = int(row["story_id"])
    stored = len(pred)
    for ext, story in sources:
        pred.setdefault(str(ext), int(story))
    missing = set(gold) - set(pred)
    for d in missing:
        pred[d] = -hash(d)
    p, r, f = bcubed(pred, gold)
    print(json.dumps({"documents": len(gold), "stored": stored, "unaccounted": len(missing),
                      "stories": len(set(pred.values())), "bcubed_precision": round(p, 4),
                      "bcubed_recall": round(r, 4), "bcubed_f1": round(f, 4),
                      "ingest_seconds": round(seconds, 1)}, indent=1))


if __name__ == "__main__":
    main()
