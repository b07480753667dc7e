"""Sentence and paragraph spans for the facts stages (figures, quotes, dates, summary).

Rule-based: a sentence ends at ``.``, ``!`` or ``?`` (plus closing quotes/brackets) followed by
whitespace and a capital letter, digit or opening quote, unless the word before the period is a
known abbreviation ("Gen.", "Jan.", "U.S.") or a single initial. A line break always ends one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Words that end with a period without ending the sentence.
ABBREVIATIONS = frozenset(
    [
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "cpt", "maj", "adm",
        "sen", "rep", "gov", "st", "jr", "sr", "rev", "hon", "pres", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "vs", "v", "etc",
        "inc", "corp", "co", "ltd", "bros", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
        "d.c", "st", "mt", "ft", "fig", "gov", "gen", "brig", "cmdr", "cdr", "pvt", "spc"
    ]
)

_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # index of the paragraph (block of text between line breaks)
    index: int  # index of the sentence within its paragraph


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of non-blank lines."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            spans.append((m.start(), m.end()))
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, dot - 24), dot)
    if not m:
        return False
    word = m.group(1).strip(".").lower()
    if not word:
        return False
    if len(word) == 1:  # an initial: "John F. Kennedy"
        return True
    if word in ("a.m", "p.m"):  # "at 9 a.m. All schools…" ends; "at 9 a.m. Friday" does not
        nxt = _NEXT_WORD.match(text, dot + 1)
        return not (nxt and nxt.group(1).lower() not in _AFTER_CLOCK)
    return word in ABBREVIATIONS


_NEXT_WORD = re.compile(r"\s+[\"“‘(]?([A-Z][a-z]+)\b")
_AFTER_CLOCK = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december jan feb mar apr jun jul aug sep sept "
    "oct nov dec eastern pacific central mountain atlantic local greenwich".split()
)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with their offsets (cached: several stages read the same text)."""
    return list(_split_sentences(text))


MAX_SENTENCE = 600  # longer runs without a sentence end are cut (lists, run-on junk)


@lru_cache(maxsize=256)
def _split_sentences(text: str) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(paragraphs(text)):
        ends = [
            m.end()
            for m in _END.finditer(text, p_start, p_end)
            if not (m.group()[0] == "." and _is_abbreviation(text, m.start()))
        ]
        start = p_start
        index = 0
        for end in [*ends, p_end]:
            for s, e in _cut_long(text, start, end):
                chunk = text[s:e]
                if chunk.strip():
                    lead = len(chunk) - len(chunk.lstrip())
                    out.append(Sentence(s + lead, s + lead + len(chunk.strip()), chunk.strip(),
                                        p_index, index))
                    index += 1
            start = end
    return tuple(out)


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) in pieces of at most MAX_SENTENCE characters, cut after a comma or space."""
    pieces = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = max(text.rfind(", ", start, limit), text.rfind("; ", start, limit))
        if cut <= start:
            cut = text.rfind(" ", start, limit)
        cut = cut + 1 if cut > start else limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def sentence_start_before(text: str, pos: int, floor: int = 0) -> int:
    """Start of the sentence that contains ``pos`` (searching no further back than ``floor``)."""
    start = floor
    for m in _END.finditer(text, floor, min(len(text), pos + 4)):
        if m.end() > pos:
            break
        if m.group()[0] == "." and _is_abbreviation(text, m.start()):
            continue
        start = m.end()
    while start < pos and text[start].isspace():
        start += 1
    return start


def sentence_end_after(text: str, pos: int, limit: int | None = None) -> int:
    """End of the sentence that contains ``pos`` (at most ``limit``)."""
    limit = len(text) if limit is None else limit
    for m in _END.finditer(text, pos, limit):
        if m.group()[0] == "." and _is_abbreviation(text, m.start()):
            continue
        return m.end()
    return limit


_DL_CITY = r"[A-Z][A-Z.'’-]+(?:[ ]+[A-Z][A-Z.'’-]*)*"  # "CORRIN POINT", "ST. JOHN'S"
_DL_PLACE = r"[A-Z][a-z][A-Za-z.'’-]*(?:[ ]+[A-Z][A-Za-z.'’-]+)?"  # "Brenmoor", "Port Alder"
_DL_REGION = r"(?:,[ ]+[A-Z][A-Za-z.'’-]+(?:[ ]+[A-Z][A-Za-z.'’-]+)?)"  # ", England", ", N.Y."
_DL_DATE = (
    r"(?:,?[ ]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ ]+\d{1,2}"
    r"(?:,[ ]+\d{4})?)"
)
_DL_AGENCY = r"(?:[ ]*\([^)]{1,40}\))"
_DL_DASH = r"(?:[ ]+[—–-]{1,2}|[ ]*[—–]{1,2})[ ]*"
_DATELINE = re.compile(
    rf"^(?:{_DL_CITY}{_DL_REGION}{{0,2}}{_DL_DATE}?,?{_DL_AGENCY}?"  # KESSFORD, Nov. 20 (Wire)
    rf"|{_DL_PLACE}{_DL_REGION}{{0,2}}{_DL_DATE}?{_DL_AGENCY}"  # Kessford (Wire)
    rf"|{_DL_AGENCY})"  # (Wire)
    rf"{_DL_DASH}(?=[A-Z“‘\"'])"
)


def strip_dateline(sentence: str) -> str:
    """Drop a wire dateline from the start of a sentence: "KORSA (Wire) — The dam…",
    "KORSA, Nov. 20 (Wire) - The dam…", "KORSA, Elland —", "(Wire) —" -> "The dam…"."""
    return _DATELINE.sub("", sentence, count=1)


_DATELINE_LINES = re.compile(_DATELINE.pattern, re.MULTILINE)


def strip_datelines(text: str) -> str:
    """``text`` without the wire dateline at the start of any paragraph (what the facts stages
    read: a dateline is not a place the story is about, nor a sentence of it)."""
    if "(" not in text and "—" not in text and "–" not in text and " -" not in text:
        return text
    return _DATELINE_LINES.sub("", text)
