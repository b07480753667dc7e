"""Near-duplicate detection on edited copies of real articles vs same-topic different articles.

    python tests/bench/bench_neardup.py [../shared/eval/clustering/ecbplus.jsonl]

Positives: each ECB+ article of at least 40 words is edited the way reprints are (paragraphs
reordered, a byline/dateline and a copyright line added, the ending trimmed by 10-40%, a few
words changed) and looked up in an index of all originals: found = its original.
Negatives: each article is looked up in an index of the *other* articles of its topic (same
subject, often the same event, different writers): anything found is a false positive, unless the
corpus itself holds a near-copy (word 3-gram containment >= 0.6 computed exactly), reported apart.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

from brief.dedupe import NearDuplicateIndex, _shingles

BYLINES = [
    "By Casey Morrow, Staff Reporter",
    "By Lena Ostrova | Northwind Wire",
    "From our correspondent in the field",
    "By Sam Iqbal and Rita Fenn, Harbor Press",
]
FOOTERS = [
    "Copyright 2024 Northwind Wire. All rights reserved.",
    "Additional reporting by the Harbor Press desk.",
    "This story has been updated.",
]
SWAPS = {"said": "stated", "says": "stated", "after": "following", "also": "additionally",
         "police": "officers", "people": "persons", "about": "around", "big": "large"}


def edit(text: str, rng: random.Random) -> str:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    ops = rng.sample(["reorder", "byline", "trim", "words"], k=rng.randint(2, 4))
    if "words" in ops:
        lines = [" ".join(SWAPS.get(w, w) if rng.random() < 0.5 else w for w in ln.split())
                 for ln in lines]
    if "reorder" in ops and len(lines) > 2:
        head, rest = lines[:1], lines[1:]
        cut = rng.randint(1, len(rest) - 1) if len(rest) > 1 else 0
        rest = rest[cut:] + rest[:cut]  # move a block of paragraphs
        if len(rest) > 3:
            i, j = rng.sample(range(len(rest)), 2)
            rest[i], rest[j] = rest[j], rest[i]
        lines = head + rest
    if "trim" in ops and len(lines) > 3:
        keep = max(2, round(len(lines) * rng.uniform(0.6, 0.9)))
        lines = lines[:keep]
    if "byline" in ops:
        lines = [rng.choice(BYLINES), "Updated 14:05 GMT"] + lines + [rng.choice(FOOTERS)]
    return "\n".join(lines)


def containment(a: str, b: str) -> float:
    sa, sb = _shingles(a), _shingles(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def main(path: str) -> None:
    docs = [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]
    rng = random.Random(7)
    long_docs = [i for i, d in enumerate(docs) if len(d["text"].split()) >= 40]

    t0 = time.perf_counter()
    index = NearDuplicateIndex()
    for i, d in enumerate(docs):
        index.add(i, d["text"])
    t_add = time.perf_counter() - t0

    tp = fn = fp_pos = 0
    t0 = time.perf_counter()
    for i in long_docs:
        copy = edit(docs[i]["text"], rng)
        found = index.find(copy)
        if found == i:
            tp += 1
        elif found is None:
            fn += 1
        elif containment(docs[found]["text"], docs[i]["text"]) >= 0.6:
            tp += 1  # the corpus holds another copy of the same wire text
        else:
            fp_pos += 1
    t_find = (time.perf_counter() - t0) / max(1, len(long_docs))

    by_topic: dict[int, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        by_topic[d["topic"]].append(i)
    neg = fp = real_copies = 0
    examples = []
    for members in by_topic.values():
        for q in members:
            if q not in long_docs:
                continue
            idx = NearDuplicateIndex()
            for o in members:
                if o != q:
                    idx.add(o, docs[o]["text"])
            found = idx.find(docs[q]["text"])
            if found is not None and containment(docs[found]["text"], docs[q]["text"]) >= 0.6:
                real_copies += 1  # a genuine near-copy inside the corpus: not a negative
                continue
            neg += 1
            if found is not None:
                fp += 1
                examples.append((docs[q]["id"], docs[found]["id"]))
    recall = tp / max(1, tp + fn + fp_pos)
    precision = tp / max(1, tp + fp + fp_pos)
    print(f"articles: {len(docs)}; positives (edited copies): {len(long_docs)}; "
          f"same-topic negatives: {neg} (+{real_copies} genuine near-copies in the corpus, excluded)")
    print(f"recall {recall:.4f}  ({tp} found, {fn} missed, {fp_pos} matched the wrong article)")
    print(f"precision {precision:.4f}  ({fp} same-topic articles wrongly flagged: {examples[:5]})")
    print(f"false-positive rate on negatives {fp / max(1, neg):.4f}")
    print(f"index add {1000 * t_add / len(docs):.2f} ms/article, find {1000 * t_find:.2f} ms/query")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/eval/clustering/ecbplus.jsonl")
