"""Date expressions in news text, found with our own span rules and resolved against a reference
(usually the article's publish date) with our own calendar code (no dateparser on the hot path).

Resolved dates are ISO strings whose shape follows the precision:

- ``day``:   ``2024-02-01``
- ``week``:  ``2024-W05`` (ISO week: "last week", "earlier this week")
- ``month``: ``2024-02``
- ``year``:  ``2024``

When nothing supports a year (no year in the expression and no reference year), the year is
left out rather than invented, ISO 8601 style: ``--02-01`` (day) or ``--02`` (month).
Expressions that cannot be resolved without a reference ("yesterday" with no reference) keep
``date=None``.

Rules for relative expressions (news conventions):

- a bare weekday ("on Wednesday", "Thursday night", "Wednesday's strike") is the most recent
  such day on or before the reference (the reference day itself counts), unless the words just
  before it are future ("will meet on Friday"), then it is the next one on or after it;
- "last Friday" is the most recent Friday strictly before the reference; "next Friday" the first
  one strictly after it; "this Friday" the one in the reference's Monday-Sunday week;
- a date without a year ("Jan. 28", "2 February", "in October") takes the year that puts it
  nearest the reference, counting days in the future three times (news looks back more often);
- "last week"/"this week"/"earlier this week" are ISO weeks; "last month" a month; "last year" a
  year; "N days/weeks/months/years ago" subtract from the reference.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from brief.sentences import split_sentences

# patterns used in function bodies, compiled once
_SPACE_RUN = re.compile(r"\s+")
_BRACKET_GAP = re.compile(r"\s*[(,]\s*")

_Date = date  # dataclass fields below are named ``date``

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "several": None, "few": None,
}  # fmt: skip

_MON = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|"
    r"Dec\.?)"
)
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d{2})"
_REL_YEAR = r"(?P<ryear>last year|this year|next year|the previous year|the year before)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_MOD = (
    r"(?P<mod>early|mid|late|the end of|end of|the beginning of|beginning of|the start of|"
    r"start of|the middle of|middle of)"
)
_WD_BEFORE = re.compile(rf"{_WD}(?:,\s*|\s+\(\s*|\s+(?:the\s+)?)$")
_MONTH_LEAD = re.compile(
    r"(?:\b(?P<mod>early|mid|late|the end of|end of|the beginning of|beginning of|the start of|"
    r"start of|the middle of|middle of)[\s-]+|\b(?P<rel>last|this|next|past)\s+|"
    r"\b(?P<prep>in|since|by|until|from|during|through|before|after|of)\s+)$",
    re.IGNORECASE,
)
_WD_LEAD = re.compile(
    r"\b(?:(?P<rel>last|next|this past|this|previous|past)\s+)?(?:(?:early|late)\s+)?$",
    re.IGNORECASE,
)
_YEAR_LEAD = re.compile(
    r"(?:\b(?:in|since|by|until|from|during|through|before|after|of|early|late)\s+"
    r"(?:the\s+)?|\b[Tt]he\s+|\bmid-|\b(?:1[89]|20)\d\d\s*(?:to|and|or|-|–)\s*)$",
    re.IGNORECASE,
)
# the clause a weekday belongs to starts after the last of these
_CLAUSE_CUT = re.compile(r"\b(?:after|since|when|while|because|but|and|as)\b|[,;:—]")
_FUTURE_BEFORE = re.compile(
    r"\b(will|won't|won’t|'ll|’ll|shall|scheduled|set to|due to|due|expected|forecast|plans? to|planning to|"
    r"is to|are to|going to|would|pushed back to|postponed (?:to|until)|moved to|"
    r"rescheduled (?:for|to)|delayed (?:to|until)|put off (?:to|until)|no earlier than|"
    r"opens? (?:at|on)|until)\b(?:[^.!?]|\.(?=\S)|(?<=\b[ap]\.m)\.)*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression in a text and what it resolves to."""

    text: str
    start: int
    end: int
    date: str | None  # ISO as ``precision`` says; None when it cannot be resolved
    precision: str  # "day" | "week" | "month" | "year"
    sentence: str
    explicit: bool  # a calendar date ("Jan. 28", "2024") rather than a relative one
    year_given: bool  # the expression itself states the year
    sort_key: _Date | None = None  # first day of the period, for ordering (may use a placeholder
    # year when ``date`` has none)
    weekday: int | None = None  # weekday stated next to an explicit date ("Thursday (Feb. 8)")


@dataclass(frozen=True, slots=True)
class Reference:
    """What relative expressions are resolved against.

    ``year_known=False`` means ``day.year`` is a placeholder: results then carry no year.
    ``weekday_known`` says whether ``day.weekday()`` is trustworthy (always with a real year;
    with a placeholder year only when the text paired the date with its weekday).
    """

    day: date
    year_known: bool = True
    weekday_known: bool = True


# --- calendar helpers ---------------------------------------------------------------------


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _nearest(candidates: list[date], ref: date) -> date:
    def score(d: date) -> int:
        delta = (d - ref).days
        return -delta if delta <= 0 else 3 * delta

    return min(candidates, key=score)


def nearest_year_for(month: int, day: int | None, ref: date) -> int:
    """The year that puts month/day nearest ``ref`` (future days count triple)."""
    cands = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        d = _safe_date(y, month, day or 15)
        if d is None and day == 29 and month == 2:
            d = date(y, 2, 28)
        if d is not None:
            cands.append(d)
    return _nearest(cands, ref).year


def _iso_day(d: date, year_known: bool) -> str:
    return d.isoformat() if year_known else f"--{d.month:02d}-{d.day:02d}"


def _iso_month(y: int, m: int, year_known: bool) -> str:
    return f"{y:04d}-{m:02d}" if year_known else f"--{m:02d}"


def _iso_week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def _add_months(y: int, m: int, delta: int) -> tuple[int, int]:
    total = y * 12 + (m - 1) + delta
    return total // 12, total % 12 + 1


def _num(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


# --- resolution --------------------------------------------------------------------------


@dataclass(slots=True)
class _Resolved:
    date: str | None
    precision: str
    explicit: bool
    year_given: bool
    sort_key: _Date | None
    weekday: int | None = None
    extend: int = 0  # characters before the match that belong to the expression


def _unresolved(precision: str, explicit: bool, extend: int = 0) -> _Resolved:
    return _Resolved(None, precision, explicit, False, None, None, extend)


Resolver = Callable[[re.Match[str], Reference | None, str], _Resolved | None]


# a date right after a verb that moves or stretches something forward: "moved the regatta to",
# "adjourned until", "going into", "slated for" (checked on the words just before the date)
_FUTURE_JUST_BEFORE = re.compile(
    r"\b(?:(?:moved|moves|pushed|put|postponed|postpones|delayed|delays|deferred|defers|"
    r"rescheduled|brought|adjourned|adjourns|shifted|switched|extended|extends)\b"
    r"[^.!?;:]{0,40}?\s(?:to|until|till|for|into)"
    r"|(?:going|heading|head|heads|run|runs|stretch|stretches|spill|spills|continue|"
    r"continues|go|goes|carry|carries)\s+(?:on\s+)?into"
    r"|(?:slated|pencilled|penciled|earmarked|planned|set|booked)(?:\s+in)?\s+for"
    r"|(?:opens?|closes?|starts?|begins?|ends?|resumes?|reopens?|returns?|kicks? off|runs?|"
    r"finish(?:es)?)"
    r"(?:\s+(?:at|by)\s+(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am|pm)?|noon|midnight|"
    r"dawn|dusk))?\s+(?:on|in)"
    r")\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _last_words_start(before: str, n: int = 3) -> int:
    """Where the last ``n`` words of ``before`` start, words parted by spaces and hyphens. The
    lead patterns (_MONTH_LEAD, _YEAR_LEAD, _WD_LEAD: "the end of", "in the", "this past
    early", then spaces to the end) match at most three such words, so searching from here
    finds what searching all of ``before`` finds (their search tries every position)."""
    i = len(before)
    for _ in range(n):
        while i > 0 and (before[i - 1].isspace() or before[i - 1] == "-"):
            i -= 1
        while i > 0 and not (before[i - 1].isspace() or before[i - 1] == "-"):
            i -= 1
    return i


def _is_future(before: str) -> bool:
    """Whether the clause leading up to a date speaks of the future ("will meet on", "was
    pushed back to", "closes at midnight on")."""
    if _FUTURE_JUST_BEFORE.search(before[-70:]):
        return True
    clause = _CLAUSE_CUT.split(before[-60:])[-1]
    low = clause.lower()
    if not any(h in low for h in _FUTURE_HINTS) and not (
        "İ" in clause or "ı" in clause or "ſ" in clause  # letters that case-fold unlike lower()
    ):
        return False  # none of _FUTURE_BEFORE's words: its search cannot match
    return bool(_FUTURE_BEFORE.search(clause))


# what each of _FUTURE_BEFORE's alternatives holds (lower-cased)
_FUTURE_HINTS = (
    "will", "won't", "won’t", "'ll", "’ll", "shall", "scheduled", "set to", "due", "expected",
    "forecast", "plan", "is to", "are to", "going to", "would", "pushed back to", "postponed",
    "moved to", "delayed", "put off", "no earlier than", "open", "until",
)  # fmt: skip


def _r_iso(m: re.Match[str], ref: Reference | None, before: str) -> _Resolved | None:
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if d is None:
        return None
    return _Resolved(d.isoformat(), "day", True, True, d)


def _r_numeric(m: re.Match[str], ref: Reference | None, before: str) -> _Resolved | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    month, day = (a, b) if a <= 12 else (b, a)  # US order unless impossible
    d = _safe_date(y, month, day)
    if d is None:
        return None
    return _Resolved(d.isoformat(), "day", True, True, d)


def _r_month_day(m: re.Match[str], ref: Reference | None, before: str) -> _Resolved | None:
    month = _month(m["mon"])
    day = int(m["day"])
    wdm = _WD_BEFORE.search(before)
    wd = WEEKDAYS[wdm["wd"].lower()] if wdm else None
    ext = len(wdm.group()) if wdm else 0
    if m["year"]:
        d = _safe_date(int(m["year"]), month, day)
        if d is None:
            return None
        return _Resolved(d.isoformat(), "day", True, True, d, wd, ext)
    if _safe_date(2000, month, day) is None:
        return None
    if ref is None:
        return _Resolved(f"--{month:02d}-{day:02d}", "day", True, False, None, wd, ext)
    d = _safe_date(nearest_year_for(month, day, ref.day), month, day)
    if d is None:
        d = date(nearest_year_for(month, day, ref.day), 2, 28)
    return _Resolved(_iso_day(d, ref.year_known), "day", True, False, d, wd, ext)


def _r_month(m: re.Match[str], ref: Reference | None, before: str) -> _Resolved | None:
    month = _month(m["mon"])
    g = m.groupdict()
    lead_m = _MONTH_LEAD.search(before, _last_words_start(before))
    bare = not g.get("year") and not g.get("ryear")
    if bare and lead_m is None:
        return None  # "May" alone is too often not a month
    ext = len(lead_m.group()) if lead_m and not lead_m["prep"] else 0
    if g.get("year"):
        y = int(g["year"])
        return _Resolved(f"{y:04d}-{month:02d}", "month", True, True, date(y, month, 1),
                         None, ext)
    rel = (g.get("ryear") or "").lower()
    lead = (lead_m["rel"] or "").lower() if lead_m else ""
    if ref is None:
        if rel:
            return _unresolved("month", True, ext)
        return _Resolved(f"--{month:02d}", "month", True, False, None, None, ext)
    r = ref.day
    if rel in ("last year", "the previous year", "the year before"):
        y = r.year - 1
    elif rel == "next year":
        y = r.year + 1
    elif rel == "this year":
        y = r.year
    elif lead in ("last", "past"):
        y = r.year if month < r.month else r.year - 1
    elif lead == "next":
        y = r.year if month > r.month else r.year + 1
    elif lead == "this":
        y = r.year
    elif _is_future(before[: len(before) - ext]):
        y = r.year if month >= r.month else r.year + 1  # "scheduled before the end of March"
    else:
        y = nearest_year_for(month, None, r)
    if rel and not ref.year_known:
        return _unresolved("month", True, ext)
    return _Resolved(_iso_month(y, month, ref.year_known), "month", True, False,
                     date(y, month, 1), None, ext)


def _r_year(m: re.Match[str], ref: Reference | None, before: str) -> _Resolved | None:
    if not _YEAR_LEAD.search(before, _last_words_start(before)):
        return None
    y = int(m["year"])
    return _Resolved(f"{y:04d}", "year", True, True, date(y, 1, 1))


def _day_result(d: date, ref: Reference) -> _Resolved:
    return _Resolved(_iso_day(d, ref.year_known), "day", False, False, d)


def _r_day_word(m: re.Match[str], ref: Reference | None, before: str) -> _Resolved | None:
    if ref is None:
        return _unresolved("day", False)
    word = m.group().lower()
    r = ref.day
    if "before yesterday" in word:
        d = r - timedelta(days=2)
    elif "after tomorrow" in word:
        d = r + timedelta(days=2)
    elif word.startswith("yesterday") or word == "last night":
        d = r - timedelta(days=1)
    elif word.startswith("tomorrow"):
        d = r + timedelta(days=1)
    else:  # today, tonight, this morning...
        d = r
    return _day_result(d, ref)


def _r_weekday(m: re.Match[str], ref: Reference | None, before: str) -> _Resolved | None:
    lead = _WD_LEAD.search(before, _last_words_start(before))
    ext = len(lead.group()) if lead else 0
    if ref is None or not ref.weekday_known:
        return _unresolved("day", False, ext)
    wd = WEEKDAYS[m["wd"].lower()]
    rel = ((lead["rel"] if lead else None) or "").lower()
    r = ref.day
    back = (r.weekday() - wd) % 7
    if rel == "last":
        d = r - timedelta(days=back or 7)
    elif rel == "next":
        fwd = (wd - r.weekday()) % 7
        d = r + timedelta(days=fwd or 7)
    elif rel == "this":
        d = r - timedelta(days=r.weekday()) + timedelta(days=wd)
    elif rel in ("this past", "past", "previous", "the previous"):
        d = r - timedelta(days=back or 7)
    elif _is_future(before[: len(before) - ext]):
        d = r + timedelta(days=(wd - r.weekday()) % 7)
    else:
        d = r - timedelta(days=back)
    res = _day_result(d, ref)
    res.extend = ext
    return res


def _r_relative_unit(m: re.Match[str], ref: Reference | None, before: str) -> _Resolved | None:
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    if ref is None:
        return _Resolved(None, "week" if unit.startswith("week") else unit, False, False, None)
    r = ref.day
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[rel]
    if unit in ("week", "weekend"):
        if not ref.weekday_known or not ref.year_known:
            return _unresolved("week", False)
        monday = r - timedelta(days=r.weekday()) + timedelta(weeks=step)
        return _Resolved(_iso_week(monday), "week", False, False, monday)
    if unit == "month":
        y, mo = _add_months(r.year, r.month, step)
        return _Resolved(_iso_month(y, mo, ref.year_known), "month", False, False, date(y, mo, 1))
    if not ref.year_known:
        return _unresolved("year", False)
    y = r.year + step
    return _Resolved(f"{y:04d}", "year", False, False, date(y, 1, 1))


def _r_ago(m: re.Match[str], ref: Reference | None, before: str) -> _Resolved | None:
    n = _num(m["n"])
    unit = m["unit"].lower().rstrip("s")
    if ref is None or n is None:
        return _Resolved(None, unit, False, False, None)
    r = ref.day
    if unit == "day":
        return _day_result(r - timedelta(days=n), ref)
    if unit == "week":
        if not ref.year_known or not ref.weekday_known:
            return _unresolved("week", False)
        d = r - timedelta(weeks=n)
        monday = d - timedelta(days=d.weekday())
        return _Resolved(_iso_week(monday), "week", False, False, monday)
    if unit == "month":
        y, mo = _add_months(r.year, r.month, -n)
        return _Resolved(_iso_month(y, mo, ref.year_known), "month", False, False, date(y, mo, 1))
    if not ref.year_known:
        return _unresolved("year", False)
    y = r.year - n
    return _Resolved(f"{y:04d}", "year", False, False, date(y, 1, 1))


def _thanksgiving(y: int) -> date:
    first = date(y, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


_HOLIDAYS: dict[str, Callable[[int], date]] = {
    "new year's eve": lambda y: date(y, 12, 31),
    "new year's day": lambda y: date(y, 1, 1),
    "christmas eve": lambda y: date(y, 12, 24),
    "christmas day": lambda y: date(y, 12, 25),
    "christmas": lambda y: date(y, 12, 25),
    "boxing day": lambda y: date(y, 12, 26),
    "valentine's day": lambda y: date(y, 2, 14),
    "halloween": lambda y: date(y, 10, 31),
    "independence day": lambda y: date(y, 7, 4),
    "thanksgiving": _thanksgiving,
    "thanksgiving day": _thanksgiving,
    "black friday": lambda y: _thanksgiving(y) + timedelta(days=1),
    "cyber monday": lambda y: _thanksgiving(y) + timedelta(days=4),
}


def _r_holiday(m: re.Match[str], ref: Reference | None, before: str) -> _Resolved | None:
    name = _SPACE_RUN.sub(" ", m["hol"].lower().replace("’", "'"))
    fn = _HOLIDAYS[name]
    if m["year"]:
        d = fn(int(m["year"]))
        return _Resolved(d.isoformat(), "day", True, True, d)
    if ref is None:
        if name in ("thanksgiving", "thanksgiving day", "black friday", "cyber monday"):
            return _unresolved("day", True)
        d = fn(2000)
        return _Resolved(f"--{d.month:02d}-{d.day:02d}", "day", True, False, None)
    r = ref.day
    rel = (m["ryear"] or "").lower()
    if rel:
        if not ref.year_known:
            return _unresolved("day", True)
        y = r.year + (1 if rel == "next year" else 0 if rel == "this year" else -1)
        d = fn(y)
    else:
        d = _nearest([fn(y) for y in (r.year - 1, r.year, r.year + 1)], r)
    return _Resolved(_iso_day(d, ref.year_known), "day", True, False, d)


_PATTERNS: list[tuple[re.Pattern[str], Resolver]] = [
    (re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)\b"), _r_iso),
    (re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d{2})\b"), _r_numeric),
    (
        re.compile(
            rf"(?<![\w.]){_MON}\s+{_DAY}\b(?!\s*(?:%|percent|per cent))"
            rf"(?:,?\s+{_YEAR}\b)?\)?"
        ),
        _r_month_day,
    ),
    (
        re.compile(rf"(?<![\w.,]){_DAY}\s+(?:of\s+)?{_MON}(?![a-z])(?:,?\s+{_YEAR}\b)?\)?"),
        _r_month_day,
    ),
    (
        re.compile(
            rf"(?i:\b(?P<hol>new year[’']s (?:eve|day)|christmas(?: eve| day)?|boxing day|"
            rf"valentine[’']s day|halloween|thanksgiving(?: day)?|independence day|black friday|"
            rf"cyber monday))"
            rf"(?:,?\s+{_YEAR}\b|\s+(?i:{_REL_YEAR}))?"
        ),
        _r_holiday,
    ),
    (re.compile(rf"(?<!\w){_MON}(?:,?\s+{_YEAR}\b|\s+{_REL_YEAR}\b)"), _r_month),
    (re.compile(rf"(?<!\w){_MON}(?![a-z])(?!\.?\s*\d)"), _r_month),
    (re.compile(rf"(?<![\w,.$€£]){_YEAR}\b(?![,.]?\d)(?!\s*(?:%|percent))"), _r_year),
    (
        re.compile(
            r"(?i:\b(?:the day before yesterday|the day after tomorrow|yesterday|today|tonight|"
            r"tomorrow|last night|this (?:morning|afternoon|evening))\b)"
            r"(?i:\s+(?:morning|afternoon|evening|night)\b)?"
        ),
        _r_day_word,
    ),
    (re.compile(rf"(?<!\w){_WD}(?:[’']s)?(?i:{_PART})\b"), _r_weekday),
    (
        re.compile(
            r"(?i:\b(?:(?:earlier|later|early|late)\s+)?(?P<rel>last|this|next|past|previous|"
            r"coming)\s+(?P<unit>week|weekend|month|year)\b)"
        ),
        _r_relative_unit,
    ),
    (
        re.compile(
            r"(?i:\b(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
            r"twelve)\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b)"
        ),
        _r_ago,
    ),
]


@lru_cache(maxsize=256)
def _raw_matches(text: str) -> tuple[tuple[int, re.Match[str]], ...]:
    """Every pattern's matches in ``text`` (cached: one text is read by several stages), in
    pattern order, each pattern's in text order: what ``pattern.finditer(text)`` gives, found
    by trying each pattern only where one of its matches can start (see :class:`_Starts`)."""
    low = text.lower()
    exotic = "İ" in text or "ı" in text or "ſ" in text  # case-folds unlike str.lower()
    starts = _Starts(text, low)
    seen: dict[str, bool] = {}

    def has(word: str) -> bool:  # ``word in low``, ruled out at once when a word in it is not
        if word not in seen:
            part = _TRIGGER_PART.get(word)
            seen[word] = (part is None or has(part)) and word in low
        return seen[word]

    out: list[tuple[int, re.Match[str]]] = []
    for i, (pattern, _) in enumerate(_PATTERNS):
        if _TRIGGERS[i] and not any(has(t) for t in _TRIGGERS[i]):
            continue
        if exotic:
            out.extend((i, m) for m in pattern.finditer(text))
            continue
        end = 0
        for pos in starts.of(i):
            if pos < end:
                continue
            m = pattern.match(text, pos)
            if m is not None:
                out.append((i, m))
                end = m.end()
    return tuple(out)


_MONTH_START = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_WEEKDAY_HEADS = frozenset({"Mon", "Tues", "Wednes", "Thurs", "Fri", "Satur", "Sun"})
_DAY_WORD_STARTS = (
    "the day before yesterday", "the day after tomorrow", "yesterday", "today", "tonight",
    "tomorrow", "last night", "this morning", "this afternoon", "this evening",
)  # fmt: skip
_HOLIDAY_STARTS = (
    "new year", "christmas", "boxing day", "valentine", "halloween", "thanksgiving",
    "independence day", "black friday", "cyber monday",
)  # fmt: skip


def _find_all(text: str, needle: str) -> list[int]:
    out = []
    i = text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what ``\w`` matches in a str pattern


def _runs_before(text: str, pos: int, n: int) -> list[int]:
    """Starts of the (up to ``n``) runs of word characters right before ``pos``, each run
    followed by whitespace: "12 of |March" gives the starts of "of" and "12"."""
    out = []
    for _ in range(n):
        j = pos
        while j > 0 and text[j - 1].isspace():
            j -= 1
        if j == pos:
            break
        k = j
        while k > 0 and _is_word(text[k - 1]):
            k -= 1
        if k == j:
            break
        out.append(k)
        pos = k
    return out


class _Starts:
    """Where each of :data:`_PATTERNS` can start a match in a text: a sorted superset of its
    ``finditer`` match starts, found with fast literal scans (a ``finditer`` of these patterns
    tries every position of the text, which costs most of finding dates). Each list rests on
    what the pattern's match must begin with or hold: a month name, a weekday, a year, a
    number followed by "days ago", a "-" four digits in ("2024-02-08")... Positions in the
    lower-cased text are those of the text (callers rule out the few letters for which that
    or case-insensitive matching differs)."""

    def __init__(self, text: str, low: str) -> None:
        self.text, self.low = text, low
        self._months: list[int] | None = None

    def months(self) -> list[int]:
        if self._months is None:
            self._months = [m.start() for m in _MONTH_START.finditer(self.text)]
        return self._months

    def of(self, i: int) -> list[int]:
        text, low = self.text, self.low
        if i == 0:  # 2024-02-08
            return [q - 4 for q in _find_all(text, "-") if q >= 4]
        if i == 1:  # 2/8/2024
            return sorted({p for q in _find_all(text, "/") for p in (q - 2, q - 1) if p >= 0})
        if i in (2, 5, 6):  # Feb. 8 / February 2024 / February
            return self.months()
        if i == 3:  # 8 February / 8th of February: the day is one or two words before
            return sorted({p for q in self.months() for p in _runs_before(text, q, 2)})
        if i == 4:
            return sorted(p for w in _HOLIDAY_STARTS for p in _find_all(low, w))
        if i == 7:  # a year starts with 18, 19 or 20 (a literal search is fast)
            return sorted(p for two in ("18", "19", "20") for p in _find_all(text, two))
        if i == 8:
            return sorted(p for w in _DAY_WORD_STARTS for p in _find_all(low, w))
        if i == 9:  # the "day" of a weekday, its name before it
            return sorted(
                q - n
                for q in _find_all(text, "day")
                for n in (3, 4, 5, 6)
                if q >= n and text[q - n : q] in _WEEKDAY_HEADS
            )
        if i == 10:  # (earlier) last week: one or two words before the unit
            return sorted({
                p for w in ("week", "month", "year") for q in _find_all(low, w)
                for p in _runs_before(text, q, 2)
            })
        if i == 11:  # three days ago: two words before "ago"
            return sorted({
                r[1] for q in _find_all(low, "ago") if len(r := _runs_before(text, q, 2)) == 2
            })
        raise IndexError(i)


# words one of which must be in the (lower-cased) text for a pattern to be tried at all
_TRIGGERS: list[tuple[str, ...]] = [
    ("-",),
    ("/",),
    (),
    (),
    ("year's", "year’s", "christmas", "boxing day", "valentine", "halloween", "thanksgiving",
     "independence day", "black friday", "cyber monday"),
    (),
    (),
    (),
    ("yesterday", "today", "tonight", "tomorrow", "last night", "this morning",
     "this afternoon", "this evening"),
    ("day",),
    ("week", "month", "year"),
    (" ago",),
]


# a shorter trigger word inside a trigger word: without it, the longer one is not there either
_TRIGGER_PART = {
    "year's": "year", "year’s": "year", "boxing day": "day", "independence day": "day",
    "black friday": "day", "cyber monday": "day", "yesterday": "day", "today": "day",
    "tonight": "night", "last night": "night", "this morning": "this ",
    "this afternoon": "this ", "this evening": "this ",
}  # fmt: skip


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    i = bisect_left(spans, (s, s))
    return (i < len(spans) and spans[i][0] < e) or (i > 0 and spans[i - 1][1] > s)


def find_dates_ref(text: str, reference: Reference | None) -> list[DateMention]:
    """Date mentions in ``text`` resolved against ``reference`` (see module docstring)."""
    return list(_find_dates_ref(text, reference))


@lru_cache(maxsize=512)
def _find_dates_ref(text: str, reference: Reference | None) -> tuple[DateMention, ...]:
    """Cached: a story's facts read one text's dates several times (figures, the inferred
    publish dates, the timeline), with and without a reference."""
    found: list[tuple[int, int, _Resolved]] = []
    taken: list[tuple[int, int]] = []  # sorted, non-overlapping spans already claimed
    for i, m in _raw_matches(text):
        s, e = m.start(), m.end()
        if e - s < 3 or _overlaps(taken, s, e):
            continue
        res = _PATTERNS[i][1](m, reference, text[max(0, s - 60) : s])
        if res is None:
            continue  # not a date after all ("May" as a verb, "February 30")
        s -= res.extend
        if _overlaps(taken, s, e):
            continue
        insort(taken, (s, e))
        found.append((s, e, res))
    found.sort(key=lambda t: t[0])
    # "today (Nov. 18)": the date in brackets says which day "today" was; keep that one
    found = [
        f
        for k, f in enumerate(found)
        if not (
            not f[2].explicit
            and k + 1 < len(found)
            and found[k + 1][2].explicit
            and _BRACKET_GAP.fullmatch(text[f[1] : found[k + 1][0]])
        )
    ]
    sentences = split_sentences(text) if found else []
    out: list[DateMention] = []
    si = 0
    for s, e, res in found:
        while si < len(sentences) - 1 and sentences[si].end <= s:
            si += 1
        sent = sentences[si].text if sentences else text
        span = text[s:e].strip()
        if span.endswith(")") and "(" not in span:
            span = span[:-1].rstrip()
        out.append(
            DateMention(
                text=span,
                start=s,
                end=s + len(span),
                date=res.date,
                precision=res.precision,
                sentence=sent,
                explicit=res.explicit,
                year_given=res.year_given,
                sort_key=res.sort_key,
                weekday=res.weekday,
            )
        )
    return tuple(out)


def find_dates(text: str, reference: date | None = None) -> list[DateMention]:
    """Date mentions in ``text``, resolved relative to ``reference`` (the publish date).

    Without a reference, only explicit dates resolve; year-less ones as ``--MM-DD``.
    """
    ref = Reference(reference) if reference is not None else None
    return find_dates_ref(text, ref)


_MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def describe_date(iso: str) -> str:
    """A timeline date as a reader would write it: "8 Feb 2024", "week of 29 Jan 2024",
    "Feb 2024", "2024", and for year-less dates "8 Feb" / "Feb" (see the module docstring)."""
    try:
        if iso.startswith("--"):
            parts = iso[2:].split("-")
            month = _MONTH_ABBR[int(parts[0]) - 1]
            return f"{int(parts[1])} {month}" if len(parts) == 2 else month
        if "-W" in iso:
            y, w = iso.split("-W")
            monday = date.fromisocalendar(int(y), int(w), 1)
            return f"week of {monday.day} {_MONTH_ABBR[monday.month - 1]} {monday.year}"
        parts = iso.split("-")
        if len(parts) == 3:
            return f"{int(parts[2])} {_MONTH_ABBR[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{_MONTH_ABBR[int(parts[1]) - 1]} {parts[0]}"
        return iso
    except (ValueError, IndexError):
        return iso
