"""Score what the pipeline makes of the demo corpus against the gold in ``manifest.json``.

    python -m brief.demo.evaluate              # loads the demo into a temporary database
    python -m brief.demo.evaluate --db PATH    # scores an existing demo database
    python -m brief.demo.evaluate --json       # one JSON object instead of the report

It talks to the pipeline only through the CLI's JSON contract (``export``, ``stories --json
--all``, ``show ID --json``), so it measures exactly what a user sees. Printed figures:

* coverage: gold articles found in the store;
* cleaning: per article, the share of the source paragraphs kept (recall) and the lines kept
  that are not in the source (boilerplate residue, e.g. "Read More:" teasers, comment forms);
* dedupe: gold near-copy pairs found, and other articles wrongly marked as duplicates;
* clustering: pairwise precision / recall / F1 and B-cubed F1 of stories against the gold;
* facts: planted figure/date conflicts reported in the story holding the conflicting articles;
* timeline: gold key dates (``stories[].timeline``) present in that story's timeline.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from brief.demo import demo_dir, load_manifest

CLI = [sys.executable, "-c", "from brief.cli import main; main()"]


def run_cli(db: Path, *args: str) -> str:
    done = subprocess.run(
        [*CLI, "--db", str(db), *args], capture_output=True, text=True, timeout=600, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"brief {' '.join(args)} failed: {done.stderr.strip()[-500:]}")
    return done.stdout


def json_lines(text: str) -> list[dict[str, Any]]:
    text = text.strip()
    if not text:
        return []
    if text.startswith("["):
        rows: list[dict[str, Any]] = json.loads(text)
        return rows
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def canonical(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path, "", ""))


def normalise(text: str) -> str:
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    return " ".join(text.split())


def source_paragraphs(article_id: str) -> list[str]:
    raw = (demo_dir() / "source" / f"{article_id}.txt").read_text(encoding="utf-8")
    body = raw.partition("\n\n")[2]
    return [normalise(p) for p in body.split("\n\n") if p.strip()]


def match_gold(rows: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[str, dict]:
    """Gold ref -> exported row (by canonical URL, or by file name for local files)."""
    by_url = {canonical(g["url"]): g["ref"] for g in gold if g["url"]}
    by_file = {Path(g["file"]).name: g["ref"] for g in gold if not g["url"]}
    found: dict[str, dict] = {}
    for row in rows:
        ref = None
        for key in ("url", "canonical_url"):
            if row.get(key):
                ref = by_url.get(canonical(row[key]))
                if ref:
                    break
        if ref is None and row.get("external_id"):
            ref = by_file.get(Path(str(row["external_id"])).name)
        if ref is not None and ref not in found:
            found[ref] = row
    return found


def cleaning_scores(found: dict[str, dict], gold: list[dict[str, Any]]) -> dict[str, Any]:
    recalls: list[float] = []
    residue: Counter[str] = Counter()
    articles_with_residue = 0
    for g in gold:
        row = found.get(g["ref"])
        if row is None:
            continue
        paras = source_paragraphs(g["id"])
        text = normalise(row.get("text") or "")
        kept = sum(1 for p in paras if p[:80] in text)
        recalls.append(kept / len(paras))
        extra = []
        for line in (row.get("text") or "").splitlines():
            line = normalise(line)
            if line and not any(line[:60] in p for p in paras) and line != normalise(g["title"]):
                extra.append(line)
        if extra:
            articles_with_residue += 1
        residue.update(line[:70] for line in extra)
    return {
        "paragraph_recall_mean": round(sum(recalls) / len(recalls), 3) if recalls else 0.0,
        "articles_fully_kept": sum(1 for r in recalls if r == 1.0),
        "articles_with_residue": articles_with_residue,
        "residue_lines": sum(residue.values()),
        "top_residue": residue.most_common(8),
    }


def clustering_scores(found: dict[str, dict], manifest: dict[str, Any]) -> dict[str, Any]:
    gold_story = {ref: s["name"] for s in manifest["stories"] for ref in s["articles"]}
    refs = [r for r in gold_story if r in found]
    predicted = {r: found[r].get("story_id") for r in refs}
    # an article without a story, or a duplicate, stands alone unless it shares the story id
    for r in refs:
        if predicted[r] is None:
            predicted[r] = f"alone:{r}"
    tp = fp = fn = 0
    for a, b in combinations(refs, 2):
        same_gold = gold_story[a] == gold_story[b]
        same_pred = predicted[a] == predicted[b]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    bp = br = 0.0
    for r in refs:
        pred_group = {x for x in refs if predicted[x] == predicted[r]}
        gold_group = {x for x in refs if gold_story[x] == gold_story[r]}
        both = len(pred_group & gold_group)
        bp += both / len(pred_group)
        br += both / len(gold_group)
    bp, br = bp / len(refs), br / len(refs)
    b3 = 2 * bp * br / (bp + br) if bp + br else 0.0
    clusters: dict[Any, list[str]] = {}
    for r in refs:
        clusters.setdefault(predicted[r], []).append(gold_story[r])
    mixed = [sorted(set(v)) for v in clusters.values() if len(set(v)) > 1]
    split = [
        name
        for name in {s["name"] for s in manifest["stories"]}
        if len({predicted[r] for r in refs if gold_story[r] == name}) > 1
    ]
    return {
        "gold_stories": len(manifest["stories"]),
        "predicted_stories": len(clusters),
        "pairwise_precision": round(precision, 3),
        "pairwise_recall": round(recall, 3),
        "pairwise_f1": round(f1, 3),
        "bcubed_f1": round(b3, 3),
        "mixed_clusters": mixed,
        "split_stories": sorted(split),
    }


def dedupe_scores(found: dict[str, dict], manifest: dict[str, Any]) -> dict[str, Any]:
    by_id = {row["id"]: ref for ref, row in found.items()}
    marked = {
        frozenset((ref, by_id.get(row["duplicate_of"], "?")))
        for ref, row in found.items()
        if row.get("duplicate_of") is not None
    }
    gold = {frozenset(pair) for pair in manifest["near_copies"]}
    return {
        "near_copy_pairs": len(gold),
        "found": len(gold & marked),
        "wrongly_marked": sorted(sorted(pair) for pair in marked - gold),
    }


def conflict_found(conflict: dict[str, Any], reported: list[dict[str, Any]]) -> bool:
    """A reported conflict of the same kind whose values cover every planted value."""
    wanted = []
    for value in conflict["values"]:
        if conflict["kind"] == "date":
            wanted.append(value["value"])
        else:
            number = re.search(r"\d[\d,.]*", value["value"])
            wanted.append(
                number.group(0).replace(",", "").rstrip(".") if number else value["value"]
            )
    for candidate in reported:
        if candidate.get("kind") != conflict["kind"]:
            continue
        values = " | ".join(str(v.get("value", "")) for v in candidate.get("values", []))
        values = values.replace(",", "")
        if all(w in values for w in wanted):
            return True
    return False


def facts_scores(db: Path, found: dict[str, dict], manifest: dict[str, Any]) -> dict[str, Any]:
    shown: dict[int, dict[str, Any]] = {}
    results = []
    for conflict in manifest["conflicts"]:
        refs = [r for v in conflict["values"] for r in v["articles"] if r in found]
        story_ids: Counter[int] = Counter(
            int(found[r]["story_id"]) for r in refs if found[r].get("story_id") is not None
        )
        hit = False
        for story_id, _ in story_ids.most_common(2):
            if story_id not in shown:
                shown[story_id] = json.loads(run_cli(db, "show", str(story_id), "--json"))
            if conflict_found(conflict, shown[story_id].get("conflicts", [])):
                hit = True
                break
        results.append({"story": conflict["story"], "subject": conflict["subject"], "found": hit})
    timeline_hits = timeline_total = 0
    missed_dates: list[str] = []
    for story in manifest["stories"]:
        for event in story.get("timeline", []):
            refs = [r for r in event["articles"] if r in found]
            ids: Counter[int] = Counter(
                int(found[r]["story_id"]) for r in refs if found[r].get("story_id") is not None
            )
            timeline_total += 1
            hit = False
            for story_id, _ in ids.most_common(1):
                if story_id not in shown:
                    shown[story_id] = json.loads(run_cli(db, "show", str(story_id), "--json"))
                dates = {str(t.get("date")) for t in shown[story_id].get("timeline", [])}
                hit = event["date"] in dates
            timeline_hits += hit
            if not hit:
                missed_dates.append(f"{story['name']} {event['date']} {event['event']}")
    reported = sum(len(s.get("conflicts", [])) for s in shown.values())
    return {
        "planted": len(results),
        "found": sum(r["found"] for r in results),
        "reported_in_those_stories": reported,
        "detail": results,
        "timeline_dates": timeline_total,
        "timeline_dates_found": timeline_hits,
        "timeline_missed": missed_dates,
    }


def evaluate(db: Path) -> dict[str, Any]:
    manifest = load_manifest()
    gold = manifest["articles"]
    rows = json_lines(run_cli(db, "export"))
    found = match_gold(rows, gold)
    return {
        "articles_in_store": len(rows),
        "gold_articles": len(gold),
        "gold_articles_found": len(found),
        "missing": sorted(g["ref"] for g in gold if g["ref"] not in found),
        "cleaning": cleaning_scores(found, gold),
        "dedupe": dedupe_scores(found, manifest),
        "clustering": clustering_scores(found, manifest),
        "facts": facts_scores(db, found, manifest),
    }


def report(result: dict[str, Any]) -> str:
    c, d, k, f = result["cleaning"], result["dedupe"], result["clustering"], result["facts"]
    lines = [
        f"articles: {result['gold_articles_found']}/{result['gold_articles']} gold articles found"
        f" ({result['articles_in_store']} in store)",
        f"cleaning: paragraph recall {c['paragraph_recall_mean']:.3f},"
        f" {c['articles_fully_kept']} articles fully kept,"
        f" {c['articles_with_residue']} with residue ({c['residue_lines']} lines)",
    ]
    lines += [f"    residue x{n}: {text}" for text, n in c["top_residue"]]
    lines += [
        f"dedupe: {d['found']}/{d['near_copy_pairs']} near-copy pairs found,"
        f" {len(d['wrongly_marked'])} wrongly marked",
        f"clustering: {k['predicted_stories']} stories for {k['gold_stories']} gold;"
        f" pairwise P {k['pairwise_precision']:.3f} R {k['pairwise_recall']:.3f}"
        f" F1 {k['pairwise_f1']:.3f}; B-cubed F1 {k['bcubed_f1']:.3f}",
    ]
    if k["mixed_clusters"]:
        lines.append(f"    mixed: {k['mixed_clusters']}")
    if k["split_stories"]:
        lines.append(f"    split: {k['split_stories']}")
    lines.append(f"facts: {f['found']}/{f['planted']} planted conflicts found")
    lines += [
        f"    {'found' if r['found'] else 'MISSED'}: {r['story']} / {r['subject']}"
        for r in f["detail"]
    ]
    lines.append(
        f"timeline: {f['timeline_dates_found']}/{f['timeline_dates']} gold key dates in the"
        " timeline of the story holding their articles"
    )
    lines += [f"    missed: {m}" for m in f["timeline_missed"]]
    if result["missing"]:
        lines.append(f"missing: {result['missing']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m brief.demo.evaluate", description=__doc__)
    parser.add_argument("--db", type=Path, help="an existing demo database (default: load anew)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "demo.db"
            run_cli(db, "demo", "--no-tui")
        result = evaluate(db)
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
