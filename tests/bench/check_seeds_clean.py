"""Check the cleaner on real articles saved as plain text (../shared/seeds/*.txt).

Usage::

    python tests/bench/check_seeds_clean.py [SEEDS_DIR]

The seeds are read by path; this script holds only short boilerplate markers. For each seed it
splits the original text into paragraphs and classifies them with its OWN list below (not the
cleaner's rules):

* a paragraph containing a LINE_MARKER, or a bare form-field label, is boilerplate;
* a BLOCK_MARKER paragraph and every paragraph after it are boilerplate (related-story boxes
  and sign-up boxes that run to the end of the page);
* every other paragraph is article text.

Checks, each printed PASS/FAIL:

* removal: no boilerplate paragraph (nor any marker) survives in the cleaned text;
* keeper: every sentence of every article paragraph is still in the cleaned text (or is the
  title), word for word after normalization.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from brief.clean import clean_plain_document
from brief.normalize import normalize_text

LINE_MARKERS = (
    "Read More:",
    "Also read",
    "Show Comments",
    "Leave a Comment",
    "Leave a Reply",
    "Your email address will not be published",
    "Required fields are marked",
    "is now on WhatsApp",
    "on Telegram",
    "Click here",
    "Subscribe to get",
    "Subscribe to our",
    "Share this",
    "uses cookies",
    "Updated:",
)
BLOCK_MARKERS = (
    "You May Also Like",
    "Related posts",
    "Related Articles",
    "More from",
    "Discover more from",
)
FIELD_LABEL = re.compile(r"^\W*(?:comment|name|e-?mail|website)\s*\*\s*$", re.IGNORECASE)
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


def classify(text: str) -> tuple[list[str], list[str]]:
    """(article paragraphs, boilerplate paragraphs) of a normalized text, by the markers."""
    article: list[str] = []
    boiler: list[str] = []
    in_block = False
    for para in text.split("\n\n"):
        low = para.lower()
        if any(m.lower() in low for m in BLOCK_MARKERS) and len(para.split()) <= 8:
            in_block = True
        if in_block or FIELD_LABEL.match(para) or any(m.lower() in low for m in LINE_MARKERS):
            boiler.append(para)
        else:
            article.append(para)
    return article, boiler


def check(path: Path) -> tuple[int, int]:
    original = normalize_text(path.read_text(encoding="utf-8", errors="replace"))
    doc = clean_plain_document(original, source_name=path.name)
    cleaned = doc.text
    kept_paragraphs = set(cleaned.split("\n\n"))
    article, boiler = classify(original)
    passed = failed = 0

    def report(ok: bool, what: str) -> None:
        nonlocal passed, failed
        passed += ok
        failed += not ok
        print(f"  {'PASS' if ok else 'FAIL'}  {what}")

    print(f"{path.name}: title={doc.title!r}, {len(doc.removed)} removals")
    for marker in LINE_MARKERS + BLOCK_MARKERS:
        if marker.lower() in original.lower():
            report(marker.lower() not in cleaned.lower(), f"removal: marker {marker!r} gone")
    if boiler:
        survivors = [p for p in boiler if p in kept_paragraphs]
        report(not survivors, f"removal: all {len(boiler)} boilerplate paragraphs gone")
        for p in survivors:
            print(f"        still there: {p[:60]!r}")
    sentences = [s for p in article for s in SENTENCE_SPLIT.split(p) if s.strip()]
    lost = [s for s in sentences if s not in cleaned and s not in (doc.title or "")]
    report(not lost, f"keeper: all {len(sentences)} article sentences kept")
    for s in lost:
        print(f"        lost: {s[:60]!r}")
    return passed, failed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("seeds_dir", nargs="?", default="../shared/seeds", type=Path)
    args = ap.parse_args(argv)
    paths = sorted(args.seeds_dir.glob("*.txt"))
    if not paths:
        print(f"no .txt seeds under {args.seeds_dir}", file=sys.stderr)
        return 2
    total_pass = total_fail = 0
    for path in paths:
        p, f = check(path)
        total_pass += p
        total_fail += f
    print(f"\n{total_pass} checks passed, {total_fail} failed on {len(paths)} seeds")
    return 1 if total_fail else 0


if __name__ == "__main__":
    sys.exit(main())
