"""Figures: a number with what it counts ("85 targets", "three U.S. service members",
"nearly 170 cases"), merged across the outlets of a story, with disagreements flagged.

``find_figures(text)`` finds the mentions in one text; ``merge_figures`` turns the mentions of a
story's articles into ranked :class:`~brief.models.Fact` objects (same counted thing + same value
from several outlets = one fact) and :class:`~brief.models.Conflict` objects (same counted thing,
close but different values from different outlets, in a similar context).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from brief.dates import find_dates_ref
from brief.entities import COMMON_CAPS, places_in
from brief.models import Conflict, ConflictValue, Fact
from brief.quotes import inside_quotation, quotation_spans
from brief.sentences import Sentence, as_label, clause_text, split_sentences, strip_dateline

# patterns used in function bodies, compiled once
_WORD_SEP = re.compile(r"[\s-]+")
_GLUE = re.compile(r"[,;:]*")

_SMALL = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "one": 1, "dozen": 12,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}  # fmt: skip
_NUMWORD = "|".join(sorted([*_SMALL, *_SCALES], key=len, reverse=True))

QUALIFIERS = [
    "more than", "fewer than", "less than", "at least", "at most", "up to", "as many as",
    "as few as", "upwards of", "in excess of", "close to", "just over", "just under",
    "well over", "nearly", "almost", "about", "around", "roughly", "approximately", "some",
    "over", "under", "an estimated", "estimated", "only", "just", "exactly", "precisely",
]  # fmt: skip
_QUAL = "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))

_NUMBER = re.compile(
    r"(?<![\w.,/:-])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w/:-])|\d+(?:\.\d+)?(?![\w/:-]|,\d)"
    rf"|(?i:a\s+dozen\b|(?:{_NUMWORD})(?:(?:\s+and\s+|\s+|-)(?:{_NUMWORD}))*\b(?!-)))"
    r"(?:\s+(?P<scale>(?i:hundred|thousand|million|billion|trillion))\b)?"
    r"(?P<pct>\s*%|\s+percent\b|\s+per cent\b)?"
)
_DIGIT = re.compile(r"\d")
# what every number word starts with ("thirt" for thirteen and thirty, "six" for sixty...)
_NUMWORD_STARTS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirt", "fift", "twenty", "forty", "dozen", "hundred", "thousand",
    "million", "billion", "trillion",
)  # fmt: skip
_SPACED_TOKEN = re.compile(r"[ \t]*([A-Za-z][A-Za-z.'’-]*)")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+")
_VAGUE_BEFORE_SCALE = re.compile(
    r"\b(?:several|a few|few|many|some|hundreds|thousands)\s+$", re.IGNORECASE
)
_LABEL_BEFORE = re.compile(r"([A-Z][\w.]*)\s$")
_YEARLIKE = re.compile(r"(?:19|20)\d\d")
_SENTENCE_BEFORE = re.compile(r"(^|[.!?\n][\"'”’]?)\s*[\"'“‘]?$")
# what may stand right before a number: a qualifier ("nearly") and/or a currency sign
_BEFORE_NUMBER = re.compile(
    rf"(?:\b(?P<qual>(?i:{_QUAL}))\s+)?(?P<cur>[$€£]\s?)?$"
)
# a qualifier in the (lower-cased) words before a number: without one, or a currency sign, there
# is nothing for _BEFORE_NUMBER to find
_QUAL_HINT = re.compile("|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True)))
_TOKEN = re.compile(r"[A-Za-z][A-Za-z.'’-]*")
_STOP = frozenset(
    [
        "of", "in", "on", "at", "to", "for", "from", "with", "by", "and", "or", "but", "as",
        "than", "that", "which", "who", "whom", "whose", "the", "a", "an", "this", "these",
        "those", "their", "its", "his", "her", "our", "your", "my", "were", "was", "is", "are",
        "be", "been", "being", "have", "has", "had", "do", "does", "did", "will", "would",
        "could", "should", "may", "might", "can", "must", "not", "no", "when", "where", "while",
        "if", "after", "before", "since", "during", "until", "about", "into", "onto", "over",
        "under", "between", "among", "per", "each", "every", "all", "both", "such", "said",
        "says", "say", "there", "here", "it", "they", "them", "he", "she", "we", "you", "i",
        "so", "also", "again", "just", "more", "most", "other", "another", "than", "then",
        "including", "across", "against", "through", "toward", "towards", "around", "near",
        "within", "without", "via", "amid"
    ]
)
_VERBISH_OK = frozenset({"wounded", "injured", "killed", "dead", "missing"})
# Counted nouns that mean the same thing, mapped to one label.
_SYNONYMS = {
    "troop": "troops", "soldier": "troops", "service member": "troops",
    "servicemember": "troops", "serviceman": "troops", "servicemen": "troops",
    "personnel": "troops", "marine": "troops", "sailor": "troops",
    "people": "people", "person": "people", "individual": "people",
    "target": "targets", "installation": "targets", "location": "targets",
    "facility": "facilities", "site": "facilities",
    "attack": "attacks", "assault": "attacks",
    "strike": "strikes", "airstrike": "strikes", "air strike": "strikes",
    "dollar": "dollars", "percent": "percent", "per cent": "percent",
}  # fmt: skip
_CLOCK_AFTER = re.compile(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o['’]clock|:\d\d|h\d\d)", re.IGNORECASE)
_CURRENCIES = {"$": "dollars", "€": "euros", "£": "pounds"}
# counts too generic to call two different values a disagreement
_NO_CONFLICT_UNITS = frozenset(
    {"percent", "seconds", "minutes", "hours", "days", "weeks", "months", "years", "times"}
)
# ...except durations said of clearly the same thing ("the strike lasted two days" / "three
# days"): their nearby words must agree
_DURATIONS = frozenset({"seconds", "minutes", "hours", "days", "weeks", "months", "years"})
_RANKED_LOWER = _NO_CONFLICT_UNITS - {"percent"}  # durations and counts of times
_NEVER_CONFLICT = _NO_CONFLICT_UNITS - _DURATIONS  # percent and times
_EVENT_COUNT = frozenset({"time", "case", "incident", "occasion"})
_ATTACK_WORDS = re.compile(r"\b(attack\w*|target(?:ed|ing)|assault\w*|struck|hit)\b", re.I)
_CONTENT_STOP = _STOP | {"us", "u.s.", "u.s", "united", "states", "also", "new", "one", "two"}


@dataclass(frozen=True, slots=True)
class FigureMention:
    text: str  # the figure as written: "nearly 170 cases"
    value: float
    unit: str  # canonical counted thing: "troops", "attacks", "targets"
    phrase: str  # the counted noun phrase as written: "U.S. service members"
    qualifier: str | None
    start: int
    end: int
    sentence: str
    context: frozenset[str]  # content words of the sentence and the one before
    places: frozenset[str]  # gazetteer places named in the sentence
    near: frozenset[str] = frozenset()  # content words within a few words of the figure
    quoted: bool = False  # inside someone's quoted words


def parse_number(text: str) -> float | None:
    """ "2,500" -> 2500, "three" -> 3, "twenty-five" -> 25, "two hundred" -> 200, "1.5" -> 1.5."""
    t = text.strip().lower().replace(",", "")
    if not t:
        return None
    try:
        return float(t)
    except ValueError:
        pass
    if t in ("a dozen", "dozen"):
        return 12.0
    total = 0
    current = 0
    seen = False
    for word in _WORD_SEP.split(t):
        if word == "and":
            continue
        if word in _SMALL:
            current += _SMALL[word]
            seen = True
        elif word == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
            seen = True
        else:
            return None
    return float(total + current) if seen else None


def _singular(word: str) -> str:
    w = word.lower().rstrip(".")
    if w in ("people", "personnel", "police", "series", "news", "species"):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def _canonical_unit(tokens: list[str]) -> str:
    if not tokens:
        return ""
    last = _singular(tokens[-1])
    if len(tokens) >= 2:
        two = f"{tokens[-2].lower()} {last}"
        if two in _SYNONYMS:
            return _SYNONYMS[two]
    if last in _SYNONYMS:
        return _SYNONYMS[last]
    return tokens[-1].lower()


def _content_words(text: str) -> frozenset[str]:
    """The lower-cased content words of ``text`` (cached: a sentence holding several figures,
    or coming before one, is read for each)."""
    return _content_words_of(text)


@lru_cache(maxsize=4096)
def _content_words_of(text: str) -> frozenset[str]:
    return frozenset(_content_tokens(_lower_tokens(text)))


def _lower_tokens(text: str) -> list[str]:
    """``_TOKEN`` words of ``text``, lower-cased (found in the lower-cased text: the same words,
    but for the two letters whose lower case is, or holds, an ASCII letter)."""
    if "İ" in text or "K" in text:
        return [w.lower() for w in _TOKEN.findall(text)]
    return _TOKEN.findall(text.lower())


def _content_tokens(tokens: list[str]) -> set[str]:
    """The content words among lower-cased tokens."""
    return {w.strip(".'’") for w in tokens if len(w) > 2} - _CONTENT_STOP


_UNCOUNTABLE = frozenset(
    {
        "people", "police", "staff", "crew", "sheep", "aircraft", "cattle", "deer", "fish",
        "personnel", "militia", "livestock", "spacecraft", "offspring", "poultry", "youth",
        "clergy", "infantry",
    }
)  # fmt: skip


def _plural_like(word: str) -> bool:
    return _plural_like_low(word.lower().rstrip("."))


def _plural_like_low(w: str) -> bool:
    """:func:`_plural_like` of a word already lower-cased, its trailing periods stripped."""
    if w in _UNCOUNTABLE or (w.endswith("men") and len(w) > 4):
        return True
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous"))


def _counted_phrase(text: str, pos: int) -> tuple[list[str], int]:
    """Tokens of the noun phrase right after a number (up to its plural head), and its end."""
    tokens: list[tuple[str, int]] = []
    plural: list[bool] = []  # _plural_like of each token
    i = pos
    while len(tokens) < 4:
        t = _SPACED_TOKEN.match(text, i)  # spaces or tabs, then a word
        if not t:
            break
        j = t.start(1)
        if j == i and tokens:
            break
        word = t.group(1).rstrip("'’")
        low = word.lower()
        if low in _STOP:
            break
        plain = low.rstrip(".")  # the token lower-cased, as _plural_like reads it
        if tokens and plain in ("ago", "percent", "years", "year"):
            break
        verbish = low.endswith(("ed", "ing")) and "-" not in low
        if verbish and low not in _VERBISH_OK and not _noun_follows(text, j + len(word)):
            break  # "12 boats sank" ends here; "140 planned operations" does not
        if word[0].isupper() and tokens and not _looks_like_modifier(word):
            break
        keep_dot = "." in word and bool(_INITIALS.fullmatch(word))  # "U.S."
        clean = word if keep_dot else word.rstrip(".")
        tokens.append((clean, j + len(clean)))
        plural.append(_plural_like_low(plain))
        i = j + len(clean)
        if low in _VERBISH_OK:
            break
    head = next((k for k, p in enumerate(plural) if p), None)
    if head is not None:
        if head + 1 < len(tokens) and plural[head + 1]:
            head += 1  # "crew members", "police officers"
        tokens = tokens[: head + 1]
    else:
        tokens = [
            (w, e) for w, e in tokens[:1] if not w.lower().endswith("ly") and w[0].islower()
        ]
    # a trailing modifier is not what is counted ("three U.S.")
    while tokens and (tokens[-1][0][0].isupper() or tokens[-1][0].endswith("-")):
        tokens.pop()
    return [w for w, _ in tokens], (tokens[-1][1] if tokens else pos)


_NEXT_TOKEN = re.compile(r"[ \t]+([a-z][a-z'’-]*)")


def _noun_follows(text: str, pos: int) -> bool:
    """Whether a plural noun comes right after ``pos`` ("fishing | boats")."""
    m = _NEXT_TOKEN.match(text, pos)
    if m is None:
        return False
    word = m.group(1)
    return word not in _STOP and _plural_like(word) and not word.endswith(("ed", "ing"))


def _looks_like_modifier(word: str) -> bool:
    return word in ("U.S.", "US", "UN", "U.N.", "EU", "UK", "U.K.", "NATO") or word.endswith(
        ("an", "ian", "ish", "ese", "i")
    )


def _date_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in find_dates_ref(text, None)]


def _number_matches(text: str) -> list[re.Match[str]]:
    """What ``_NUMBER.finditer(text)`` gives, trying the pattern only where a number can start:
    at a digit, a number word ("thirt" in "thirty") or the "a" of "a dozen" (the pattern is
    costly to try at every position of a text)."""
    if "İ" in text or "ı" in text or "ſ" in text:  # letters that case-fold unlike lower()
        return list(_NUMBER.finditer(text))
    low = text.lower()
    starts = [m.start() for m in _DIGIT.finditer(text)]
    for w in _NUMWORD_STARTS:
        i = low.find(w)
        while i >= 0:
            starts.append(i)
            if w == "dozen":  # "a dozen": the "a" before the spaces
                j = i
                while j > 0 and text[j - 1].isspace():
                    j -= 1
                if 0 < j < i:
                    starts.append(j - 1)
            i = low.find(w, i + 1)
    out = []
    end = 0
    for pos in sorted(set(starts)):
        if pos < end:
            continue
        m = _NUMBER.match(text, pos)
        if m is not None:
            out.append(m)
            end = m.end()
    return out


def _before_number(text: str, s: int) -> re.Match[str] | None:
    """``_BEFORE_NUMBER`` searched in the 30 characters before ``s``, or None when it could
    find neither a qualifier nor a currency sign there (the search is costly: it tries the
    qualifiers at each of the 30 positions)."""
    window = text[max(0, s - 30) : s]
    if (
        "$" in window
        or "€" in window
        or "£" in window
        or "İ" in window  # letters that case-fold unlike lower()
        or "ı" in window
        or "ſ" in window
        or _QUAL_HINT.search(window.lower())
    ):
        return _BEFORE_NUMBER.search(text, max(0, s - 30), s)
    return None


def find_figures(text: str) -> list[FigureMention]:
    """Figures in ``text``: numbers followed by what they count (dates and labels are skipped)."""
    return list(_find_figures(text))


@lru_cache(maxsize=256)
def _find_figures(text: str) -> tuple[FigureMention, ...]:
    """Cached: a story's facts are made again as it grows, from the same article texts."""
    return tuple(_figures_in(text))


def _figures_in(text: str) -> list[FigureMention]:
    dates = sorted(_date_spans(text))
    date_starts = [d[0] for d in dates]
    sentences = split_sentences(text)
    quoted = quotation_spans(text)
    out: list[FigureMention] = []
    si = 0
    for m in _number_matches(text):
        s, e = m.start("num"), m.end()
        k = bisect_right(date_starts, s) - 1
        if k >= 0 and dates[k][0] <= s < dates[k][1]:
            continue
        raw = m["num"]
        if not raw[0].isdigit() and s > 0 and text[s - 1].isalnum():
            continue  # inside a word
        pre = _before_number(text, s)
        qual_text = pre["qual"] if pre and pre["qual"] else None
        cur = pre["cur"].strip() if pre and pre["cur"] else None
        first = pre.start() if pre and (qual_text or cur) else s
        value = parse_number(raw)
        if value is None:
            continue
        low = raw.lower()
        is_word = not raw[0].isdigit()
        if is_word and low.split()[0] in _SCALES and _VAGUE_BEFORE_SCALE.search(
            text[max(0, s - 12) : s]
        ):
            continue  # "several hundred people": no figure to corroborate
        if low == "one" or (
            is_word
            and raw[0].isupper()
            and s > 0
            and text[s - 1] not in ".\n"
            and not _starts_sentence(text, s)
        ):
            continue
        if m["scale"]:
            value *= _SCALES[m["scale"].lower()]
        # labels such as "Tower 22", "Resolution 2334": a capitalized word right before
        before = text[max(0, s - 30) : s]
        if (
            not qual_text
            and not cur
            and (label := _LABEL_BEFORE.search(before))
            and not _starts_sentence(text, s)
            and label.group(1) not in COMMON_CAPS
        ):
            continue
        if not is_word and _YEARLIKE.fullmatch(raw) and not cur:
            continue  # a year
        if _CLOCK_AFTER.match(text, e):
            continue  # a time of day: "at 7 a.m.", "4:30"
        if m["pct"]:
            tokens, end = ["percent"], e
        elif cur:
            # money: the currency is the unit; a noun after it says what the money is
            tokens, end = [_CURRENCIES[cur]], e
        else:
            tokens, end = _counted_phrase(text, e)
        if not tokens:
            continue
        unit = _canonical_unit(tokens)
        while si < len(sentences) - 1 and sentences[si].end <= s:
            si += 1
        sent = sentences[si] if sentences else None
        sentence = sent.text if sent else text
        prev = sentences[si - 1].text if sent and si > 0 else ""
        if _singular(tokens[-1]) in _EVENT_COUNT and (
            _ATTACK_WORDS.search(sentence) or _ATTACK_WORDS.search(prev)
        ):
            unit = "attacks"
        start = first
        qual = qual_text.lower() if qual_text else None
        places = places_in(sentence)
        out.append(
            FigureMention(
                text=text[start:end],
                value=value,
                unit=unit,
                phrase=" ".join(tokens),
                qualifier=qual,
                start=start,
                end=end,
                sentence=sentence,
                # the words of "sentence prev", read apart (no word spans the space)
                context=_content_words(sentence) | _content_words(prev),
                places=places,
                near=frozenset(_near_words(text, start, end, sent)),
                quoted=inside_quotation(quoted, start),
            )
        )
    return out


_NEAR = 6  # words either side of a figure that say what it measures
_NEAR_STOP = frozenset({"more", "less", "than", "about", "around", "nearly", "almost", "first",
                        "last", "after", "before", "some", "only", "just", "another", "over"})


def _near_words(text: str, start: int, end: int, sent: Sentence | None) -> set[str]:
    lo, hi = (sent.start, sent.end) if sent else (0, len(text))
    before = _lower_tokens(text[max(lo, start - 80) : start])[-_NEAR:]
    after = _lower_tokens(text[end : min(hi, end + 80)])[:_NEAR]
    return _content_tokens(before + after) - _NEAR_STOP


def _starts_sentence(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3) : pos]
    return pos == 0 or bool(_SENTENCE_BEFORE.search(before))


@dataclass(frozen=True, slots=True)
class SourcedFigures:
    """The figures of one article, with who published it."""

    article_id: int | None
    source: str
    independent: str  # key shared by an article and its near-copies
    figures: Sequence[FigureMention]


def _fmt_value(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else f"{value:,}"


def merge_figures(articles: Sequence[SourcedFigures]) -> tuple[list[Fact], list[Conflict]]:
    """Facts ranked by independent outlets, and conflicting figures across outlets."""
    groups: dict[tuple[str, float], list[tuple[SourcedFigures, FigureMention]]] = {}
    order: dict[tuple[str, float], tuple[int, int]] = {}
    for ai, art in enumerate(articles):
        for fi, fig in enumerate(art.figures):
            key = (fig.unit, fig.value)
            groups.setdefault(key, []).append((art, fig))
            order.setdefault(key, (fi, ai))

    facts: list[tuple[tuple[int, int, int], Fact]] = []
    for key, items in groups.items():
        if len(items) == 1:  # one mention (most facts): what the general case gives for it
            art, fig = items[0]
            n_independent, quoted = 1, fig.quoted
            sources: tuple[str, ...] = (art.source,)
            ids: tuple[int, ...] = () if art.article_id is None else (art.article_id,)
            qual, text, shown = fig.qualifier, fig.text, fig
        else:
            n_independent = len({a.independent for a, _ in items})
            quoted = all(f.quoted for _, f in items)
            sources = tuple(dict.fromkeys(a.source for a, _ in items))
            ids = tuple(dict.fromkeys(a.article_id for a, _ in items if a.article_id is not None))
            quals = Counter(f.qualifier for _, f in items)
            qual, n = quals.most_common(1)[0]
            if n * 2 <= len(items) and len(quals) > 1:
                qual = None if None in quals else qual
            text = next((f.text for _, f in items if f.qualifier == qual), items[0][1].text)
            shown = next((f for _, f in items if not f.quoted), items[0][1])
        fact = Fact(
            text=text, value=key[1], unit=key[0], qualifier=qual, sources=sources, article_ids=ids,
            context=_context(shown),
        )
        # durations and clock-like counts ("48 hours", "three years") say less about the
        # story than what it counts: they rank one outlet lower
        weight = n_independent - (1 if key[0] in _RANKED_LOWER else 0)
        # a figure only ever met inside someone's quoted words ("for the first two minutes")
        # is colour more than fact
        weight -= 1 if quoted else 0
        facts.append(((-weight, *order[key]), fact))
    facts.sort(key=lambda t: t[0])

    conflicts: list[Conflict] = []
    by_unit: dict[str, list[tuple[str, float]]] = {}
    for key in groups:
        by_unit.setdefault(key[0], []).append(key)
    seen_pairs: set[tuple[tuple[str, float], tuple[str, float]]] = set()
    for unit, keys in by_unit.items():
        if unit in _NEVER_CONFLICT or len(keys) < 2:
            continue
        keys.sort(key=lambda k: k[1])
        for i, ka in enumerate(keys):
            for kb in keys[i + 1 :]:
                a_val, b_val = ka[1], kb[1]
                if a_val <= 0 or b_val / a_val > 1.5:
                    continue
                if _figures_conflict(groups[ka], groups[kb]):
                    seen_pairs.add((ka, kb))
    # one conflict per connected set of values
    merged: list[set[tuple[str, float]]] = []
    for ka, kb in sorted(seen_pairs):
        for comp in merged:
            if ka in comp or kb in comp:
                comp.update((ka, kb))
                break
        else:
            merged.append({ka, kb})
    for comp in merged:
        keys_sorted = sorted(comp, key=lambda k: k[1])
        values = []
        for k in keys_sorted:
            items = groups[k]
            texts = Counter(f.text for _, f in items)
            values.append(
                ConflictValue(
                    value=texts.most_common(1)[0][0],
                    sources=tuple(dict.fromkeys(a.source for a, _ in items)),
                )
            )
        # what is counted, in the words of the best-corroborated value's first sentence
        best = max(keys_sorted, key=lambda k: len({a.independent for a, _ in groups[k]}))
        first = groups[best][0][1]
        said = strip_dateline(first.sentence)
        at = max(0, said.find(first.text))
        clause = clause_text(said, at, at + len(first.text), limit=18)
        subject = f"{keys_sorted[0][0]}: {as_label(clause)}"
        conflicts.append(Conflict(kind="figure", subject=subject, values=tuple(values)))
    return [f for _, f in facts], conflicts


def _context(fig: FigureMention, side: int = 7) -> str | None:
    """The figure in the words round it, from its clause: at most ``side`` words either side,
    "…" where the clause goes on ("… proposed a property tax rise of 3.9%, the largest in eight
    years"). None when those words add nothing to the figure."""
    said = strip_dateline(fig.sentence)
    at = said.find(fig.text)
    if at < 0:
        return None
    clause = clause_text(said, at, at + len(fig.text), limit=60)
    i = clause.find(fig.text)
    if i < 0:
        return None
    head = clause[:i].split()
    tail = clause[i + len(fig.text) :]
    glue = _GLUE.match(tail).group()  # type: ignore[union-attr]  # always matches
    rest = tail[len(glue) :].split()
    out = " ".join([*head[-side:], fig.text + glue, *rest[:side]]).rstrip(" .,;:")
    if len(head) > side:
        out = "… " + out
    if len(rest) > side:
        out += " …"
    said_of = _content_words(fig.text)
    for w in _lower_tokens(out):  # a content word the figure itself does not hold
        if len(w) > 2 and (c := w.strip(".'’")) not in _CONTENT_STOP and c not in said_of:
            return out
    return None


def _figures_conflict(
    a: list[tuple[SourcedFigures, FigureMention]], b: list[tuple[SourcedFigures, FigureMention]]
) -> bool:
    a_indep = {x.independent for x, _ in a}
    b_indep = {x.independent for x, _ in b}
    if a_indep & b_indep:
        return False  # one outlet gives both values: two different quantities
    for _, fa in a:
        for _, fb in b:
            if fa.places and fb.places and not (fa.places & fb.places):
                continue
            if fa.unit in _DURATIONS:
                # the same measured thing: what surrounds both figures agrees
                if len(fa.near & fb.near) >= 2 and len(fa.context & fb.context) >= 4:
                    return True
                continue
            shared = (fa.context & fb.context) - {fa.unit, fb.unit}
            if len(shared) >= 2:
                return True
    return False
