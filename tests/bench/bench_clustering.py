"""Story clustering quality with the default configuration (what users get).

    python tests/bench/bench_clustering.py [ECBPLUS_JSONL] [SEEDS_DIR] [--half] [--clean] [--neardup]

1. ECB+ (982 documents, 86 stories in 43 topics, no dates): every document goes through
   ``article_features`` and ``StoryIndex.assign`` online, once in file order and in 5 shuffled
   orders; prints B-cubed precision/recall/F1 for each. ``--half`` also prints the figures on the
   odd topics (where parameters were chosen) and even topics (held out) separately.
   ``--clean`` first runs each text through ``brief.clean.clean_text`` as ``brief ingest`` does
   for JSONL records (it drops the repeated title line, timestamps and bylines); ``--neardup``
   puts near-copies (``NearDuplicateIndex``) in their original's story instead of clustering
   them, as ``brief.pipeline`` does.
2. Seeds: the two articles about the strikes on 85 targets must share a story, the two about
   the Baghdad drone strike on a militia commander must share another, and the 2020 article
   must be in neither.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

from brief.cluster import StoryIndex
from brief.features import article_features


def bcubed(gold: dict[str, str], pred: dict[str, int]) -> tuple[float, float, float]:
    gold_sets: dict[str, set[str]] = defaultdict(set)
    pred_sets: dict[int, set[str]] = defaultdict(set)
    for doc, g in gold.items():
        gold_sets[g].add(doc)
    for doc, p in pred.items():
        pred_sets[p].add(doc)
    p_sum = r_sum = 0.0
    for doc in gold:
        g, p = gold_sets[gold[doc]], pred_sets[pred[doc]]
        inter = len(g & p)
        p_sum += inter / len(p)
        r_sum += inter / len(g)
    p, r = p_sum / len(gold), r_sum / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


CLEAN = False  # --clean: texts go through brief.clean.clean_text first, as `brief ingest` does


NEARDUP = False  # --neardup: near-copies go to their original's story, as the pipeline does


def cluster_docs(docs: list[dict]) -> dict[str, int]:
    index = StoryIndex()
    near = None
    if NEARDUP:
        from brief.dedupe import NearDuplicateIndex

        near = NearDuplicateIndex()
    copy_of: dict[int, int] = {}
    for n, doc in enumerate(docs):
        title, text = doc.get("title") or "", doc.get("text") or ""
        if CLEAN:
            from brief.clean import clean_text

            text, _removed = clean_text(text, title=title)
        if near is not None:
            sig = near.signature(text)
            original = near.find_signature(sig) if len(text.split()) >= 30 else None
            near.add_signature(n, sig)
            if original is not None:
                copy_of[n] = copy_of.get(original, original)
                continue
        feats = article_features(title, text)
        index.assign(n, feats, None)
    index.relink(range(len(docs)))  # the repair pass that ends each ingest run
    # stories as they stand after the last article (links found later may have split or
    # merged earlier stories; the pipeline applies those through StoryIndex.reassigned())
    return {
        doc["id"]: index.story_of(copy_of.get(n, n)) or -n for n, doc in enumerate(docs)
    }


def run_ecb(path: Path, half: bool) -> None:
    docs = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    subsets = {"all topics": docs}
    if half:
        subsets["odd topics (tuning half)"] = [d for d in docs if d["topic"] % 2 == 1]
        subsets["even topics (held out)"] = [d for d in docs if d["topic"] % 2 == 0]
    for name, subset in subsets.items():
        gold = {d["id"]: d["story"] for d in subset}
        print(f"ECB+ {name}: {len(subset)} docs, {len(set(gold.values()))} stories")
        f1s = []
        for order in ["file"] + [f"shuffle {s}" for s in range(5)]:
            seq = list(subset)
            if order != "file":
                random.Random(int(order.split()[1])).shuffle(seq)
            t0 = time.perf_counter()
            pred = cluster_docs(seq)
            dt = time.perf_counter() - t0
            p, r, f = bcubed(gold, pred)
            f1s.append(f)
            print(f"  {order:10s} B3 P {p:.3f} R {r:.3f} F1 {f:.3f}  "
                  f"({len(set(pred.values()))} stories, {1000 * dt / len(seq):.2f} ms/doc)")
        print(f"  mean F1 over orders {sum(f1s) / len(f1s):.3f}, min {min(f1s):.3f}")


def run_seeds(seeds: Path) -> bool:
    files = sorted(seeds.glob("*.txt"))
    if not files:
        print(f"seeds: none found in {seeds}")
        return False
    index = StoryIndex()
    where = {}
    for n, f in enumerate(files):
        raw = f.read_text()
        lines = [ln for ln in raw.splitlines() if ln.strip()]
        title, text = lines[0], "\n".join(lines[1:])
        index.assign(n, article_features(title, text), None)
    for n, f in enumerate(files):
        where[f.name[:3]] = index.story_of(n)
    strikes = where["002"] == where["003"]
    drone = where["001"] == where["004"]
    apart = where["000"] not in {where["002"], where["001"]} and where["002"] != where["001"]
    print(f"seeds: stories {where}")
    print(f"  85-target strikes together: {strikes}; Baghdad drone strike together: {drone}; "
          f"2020 article and the two stories apart: {apart}")
    return strikes and drone and apart


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    ecb = Path(args[0] if args else "../shared/eval/clustering/ecbplus.jsonl")
    seeds = Path(args[1] if len(args) > 1 else "../shared/seeds")
    global CLEAN, NEARDUP
    CLEAN = "--clean" in argv
    NEARDUP = "--neardup" in argv
    run_ecb(ecb, "--half" in argv)
    ok = run_seeds(seeds)
    print("seeds check:", "PASS" if ok else "FAIL")


if __name__ == "__main__":
    main(sys.argv[1:])
