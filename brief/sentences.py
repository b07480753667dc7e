"""Sentence and paragraph spans for the facts stages (figures, quotes, dates, summary).

Rule-based: a sentence ends at ``.``, ``!`` or ``?`` (plus closing quotes/brackets) followed by
whitespace and a capital letter, digit or opening quote, unless the word before the period is a
known abbreviation ("Gen.", "Jan.", "U.S.") or a single initial. A line break always ends one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# patterns used in function bodies, compiled once
_LINE = re.compile(r"[^\n]+")
_LEAD_CONJ = re.compile(r"(?:and|but|or|yet|so)\s+")
_ENDS_ABBREVIATED = re.compile(r"\b(?:[ap]\.m|[A-Z])\.$")

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
    for m in _LINE.finditer(text):
        if m.group().strip():
            spans.append((m.start(), m.end()))
    return spans


_LETTERS_DOTS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz."


def _is_abbreviation(text: str, dot: int) -> bool:
    lo = max(0, dot - 24)
    if dot > lo and text[dot - 1] == "\n":  # where "$" also matches before the line break
        m = _WORD_BEFORE.search(text, lo, dot)
        run = m.group(1) if m else ""
    else:  # what _WORD_BEFORE finds: the letters and periods right before the dot
        window = text[lo:dot]
        run = window[len(window.rstrip(_LETTERS_DOTS)) :]
    if not run:
        return False
    word = run.strip(".").lower()
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
            if not (text[m.start()] == "." and _is_abbreviation(text, m.start()))
        ]
        start = p_start
        index = 0
        for end in [*ends, p_end]:
            pieces = ((start, end),) if end - start <= MAX_SENTENCE else _cut_long(text, start, end)
            for s, e in pieces:
                chunk = text[s:e]
                stripped = chunk.strip()
                if stripped:
                    lead = len(chunk) - len(chunk.lstrip())
                    out.append(Sentence(s + lead, s + lead + len(stripped), stripped, p_index,
                                        index))
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
    return _strip_datelines(text)


@lru_cache(maxsize=256)
def _strip_datelines(text: str) -> str:
    """What ``_DATELINE_LINES.sub("", text)`` gives (cached: the inferred publish dates and the
    facts of a story read each text), trying the pattern only at the start of each line (its
    "^"), not at every position."""
    pieces = []
    done = 0  # text[:done] is copied or dropped
    pos = 0
    while pos >= 0:
        if pos >= done:
            m = _DATELINE_LINES.match(text, pos)
            if m is not None:
                pieces.append(text[done : m.start()])
                done = m.end()
        nl = text.find("\n", pos)
        pos = -1 if nl < 0 else nl + 1
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def short_text(sentence: str, limit: int = 32) -> str:
    """At most ``limit`` words of ``sentence``, "…" when cut."""
    words = sentence.split()
    return sentence if len(words) <= limit else " ".join(words[:limit]) + " …"


# where a sentence splits into clauses: the kind says what the following clause is
_CLAUSE_SPLIT = re.compile(
    r"(?P<hard>;\s+|\s+[—–]\s+)"
    r"|,\s+(?P<coord>and|but|while|whereas|yet)\s+(?=(?:the|a|an|its|their|his|her|it|they|"
    r"he|she|we|this|that|these|those|some|many|most|all|no|both|each|every|either|neither|"
    r"one|two|three|other|others|[A-Z0-9$])\b|(?!(?:says|is|was|has|does|goes|remains|adds|"
    r"expects|plans|wants|warns|hopes|calls|gives|takes|makes|runs|lasts|finishes)\b)"
    r"[a-z]+s\b)"
    r"|,\s+(?P<sub>as|after|before|when|although|though|because|since|once|until|while)\s+"
    r"|\s(?P<sub2>after|before|because|although|whereas)\s+(?=\S+\s+\S)"
    r"|,\s+(?P<part>[a-z]{3,}ing)\s+"
    r"|,\s+(?P<rel>which|who|whose|where)\s+"
    r"|[,:]\s+(?P<quote>[“‘\"])"
)
_ATTRIBUTION = re.compile(
    r"^(?:[^,“”\"]{1,70}?\s)?(?:said|says|told\s+\S+|confirmed|announced|estimated|reported|"
    r"added|warned|stated)\b(?:\s+\S+){0,5}?\.?$",
)


# "a day after", "shortly before": no new clause
_NOT_BEFORE_SUB = frozenset(
    "day days hour hours week weeks month months year years minutes shortly soon just long "
    "moments right only even".split()
)


@lru_cache(maxsize=512)
def _clauses(sentence: str) -> tuple[tuple[int, int, str | None], ...]:
    """(start, end, kind of the split before it) of each clause of a sentence."""
    out: list[tuple[int, int, str | None]] = []
    start, kind = 0, None
    for m in _CLAUSE_SPLIT.finditer(sentence):
        if m.start() <= start:
            continue
        if m.lastgroup == "sub2" and (
            sentence[: m.start()].rsplit(None, 1)[-1:] or [""]
        )[0].lower() in _NOT_BEFORE_SUB:
            continue
        out.append((start, m.start(), kind))
        kind = "sub" if m.lastgroup == "sub2" else m.lastgroup
        if kind in ("part", "rel"):
            start = m.start(kind)
        elif kind == "quote":
            start = m.start("quote")
        else:
            start = m.end()
    out.append((start, len(sentence), kind))
    return tuple(out)


def _finish(text: str, date_at: int | None = None, limit: int = 32) -> str:
    """A clause as an entry: capitalized, ended, cut before an unclosed quotation, at most
    ``limit`` words (keeping the date at ``date_at``, an offset in ``text``)."""
    stripped = text.strip(" ,;:—–-")
    if date_at is not None:
        date_at -= text.find(stripped)
    text = stripped
    lead = _LEAD_CONJ.match(text)
    if lead:
        text = text[lead.end() :]
        date_at = None if date_at is None else date_at - lead.end()
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    # a piece that opens a quotation and never closes it ends before the quotation
    for opener, closer in (("“", "”"), ("‘", "’")):
        i = text.rfind(opener)
        if i > 0 and closer not in text[i:] and len(text[:i].split()) >= 5:
            text = text[:i].rstrip(" ,;:")
    if text.count('"') % 2 == 1:
        i = text.rfind('"')
        if len(text[:i].split()) >= 5:
            text = text[:i].rstrip(" ,;:")
    if text and text[-1].isalnum():
        text += "."
    words = text.split()
    if len(words) <= limit:
        return text
    # too long: the start (who or what) and the words around the date
    at = len(text[:date_at].split()) if date_at is not None and date_at <= len(text) else 0
    if at <= limit - 2:
        return " ".join(words[:limit]) + " …"
    tail = words[max(12, at - (limit - 16)) : at + 4]
    return " ".join(words[:10]) + " … " + " ".join(tail) + (" …" if at + 4 < len(words) else "")


def clause_text(
    sentence: str, start: int, end: int, long_sentence: int = 25, limit: int = 32
) -> str:
    """The words of ``sentence`` shown for the date or figure at ``sentence[start:end]``: the
    sentence when it is short and one clause; otherwise the clause that holds it ("…on Thursday,
    and the authority expects it to be finished by Nov. 27" gives "The authority expects it to
    be finished by Nov. 27." for Nov. 27), with the main clause kept before a bare attribution
    ("…will strike on Thursday, their union confirmed on Wednesday") or a participle or
    relative clause that holds the date, cut before a quotation that it does not close."""
    clauses = _clauses(sentence)
    if len(sentence.split()) <= long_sentence and len(clauses) == 1:
        return _finish(sentence, start, limit)
    k = next((i for i, (s, e, _) in enumerate(clauses) if s <= start < e), len(clauses) - 1)
    s0, e0, kind = clauses[k]
    # a clause that cannot stand alone takes the one before it
    while k > 0 and (kind in ("part", "rel", "quote") or _ATTRIBUTION.match(
        sentence[s0:e0].strip()
    )):
        k -= 1
        s0, kind = clauses[k][0], clauses[k][2]
        if kind == "quote" or clauses[k + 1][2] == "quote":
            e0 = clauses[k][1]  # the date is in quoted words after a comma: the lead-in
    piece = sentence[s0:e0]
    j = k + 1
    while len(piece.split()) < 5 and j < len(clauses) and clauses[j][2] in ("rel", "part"):
        # "…after Tuesday's flood, which caused $18.5 million in damage"
        e0 = clauses[j][1]
        piece = sentence[s0:e0]
        j += 1
    if len(piece.split()) < 5:
        return _finish(sentence, start, limit)
    return _finish(piece, start - s0, limit)


def as_label(text: str, limit: int = 18) -> str:
    """A clause as a short label (a conflict's subject): no closing period, at most ``limit``
    words."""
    words = text.split()
    if len(words) > limit:
        return " ".join(words[:limit]).rstrip(",;:") + " …"
    if text.endswith(".") and not _ENDS_ABBREVIATED.search(text):
        return text[:-1]
    return text
