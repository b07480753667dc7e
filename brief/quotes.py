"""Direct quotations and who said them.

Handles curly and straight quotes, quote-first ("“…,” said spokesman John Kirby." / "“…,” he
said.") and speaker-first ("Kirby said: “…”", "Esper said, “…”") attributions, quotes that run
on after an attribution ("“…,” he said. “…”" - the second part keeps the speaker), and pronouns
("he", "she") resolved to the last person named before the quote. Quotes of fewer than four
words (scare quotes, nicknames) are skipped.

``merge_quotes`` folds the same quote from several outlets into one :class:`~brief.models.Quote`
(fuzzy match on normalized text) and aligns short and full speaker names across the story.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import accumulate

from brief.entities import PERSON_TITLES, find_entity_mentions, resolved_mentions
from brief.models import Quote
from brief.sentences import (
    Sentence,
    paragraphs,
    sentence_end_after,
    sentence_start_before,
    split_sentences,
)

# patterns used in function bodies, compiled once
_SPACE_LOWER = re.compile(r"\s+[a-z]")
_SPACE_RUN = re.compile(r"\s+")
_PHRASE_CUT = re.compile(r",\s+(?:who|which|whose|adding|noting|in an?|at an?|on)\b|\s+\(")
_LEAD_CONJ = re.compile(r"^(?:and|but|then|so)\s+", re.I)
_CAP_WORDS = re.compile(r"(?:[A-Z][\w’'.-]+\s?){1,4}")
_LEAD_THE = re.compile(r"^(?:The|the)\s+")
_LEAD_ARTICLE = re.compile(r"^(?:[Tt]he|[Aa]n?)\b\s*")
_LEAD_A = re.compile(r"^(?:a|an)\s+")
_COMMA = re.compile(r",\s*")
_BARE_NUMBER = re.compile(r"\s*\d+\s*")
_RELATIVE = re.compile(r"\s*(?:who|which|whose|where)\b")
_NOT_WORD = re.compile(r"[^\w\s']")

VERBS = (
    "said|says|say|added|adds|stated|states|told|tells|wrote|writes|noted|notes|explained|"
    "declared|warned|warns|insisted|argued|asked|replied|continued|remarked|announced|"
    "tweeted|posted|claimed|acknowledged|admitted|recalled|concluded|emphasized|emphasised|"
    "stressed|urged|vowed|cautioned|observed|conceded|quipped|responded|commented|"
    "maintained|pointed out|went on|told reporters|said in a statement|reported|reports|"
    "confirmed|alleged|predicted|promised|recounted|shouted|whispered|joked|complained|pleaded|"
    "called|describes|described|countered|cried|yelled|begged|recalls|admits|agreed|asks|"
    "explains|insists|argues|continues|concludes|replies|reiterated|reiterates|repeated|"
    "testified|stressed|underlined|tells"
)
_PRONOUNS = {"he", "she", "him", "her"}
_PRONOUN_RE = re.compile(r"\b(?:he|she|him|her)\b", re.IGNORECASE)
_SPEAKS = re.compile(rf"\s+(?:{VERBS})\b")
_VERB_RE = re.compile(rf"\b(?:{VERBS})\b")
_AFTER_INVERTED = re.compile(rf"^[\s,—–-]*(?:{VERBS})\s+(?P<sp>.+?)\s*[.,;!?]?\s*$", re.S)
_AFTER_NORMAL = re.compile(
    rf"^[\s,—–-]*(?P<sp>[^;:“”\"]{{1,160}}?)\s+(?:(?:also|further|later|then|had|has|have|"
    rf"once|previously|again)\s+)?(?:{VERBS})\b",
    re.S,
)
_BEFORE = re.compile(
    rf"(?P<sp>[^“”\"]{{1,160}}?)\s+(?:(?:also|further|later|then|had|has|have|once|previously|"
    rf"again|simply|bluntly|flatly)\s+)?(?:{VERBS})\b(?P<tail>[^“”\"]{{0,120}})$",
    re.S,
)
_BEFORE_INVERTED = re.compile(
    rf"^[\s,—–-]*(?:{VERBS})\s+(?P<sp>[^“”\"]{{1,120}}?)[\s,:—–-]*$", re.S
)
_ACCORDING = re.compile(r"\b[Aa]ccording to (?P<sp>[^“”\"]{2,100}?),\s*$")
_ROLE_START = re.compile(
    r"^(?:the\s+|a\s+|an\s+|one\s+|our\s+|their\s+|its\s+)?"
    r"(?:(?:former|senior|deputy|acting|chief|top|new|retired|local|U\.S\.|US|[A-Z][a-z]+’s|"
    r"[A-Z][a-z]+'s)\s+)*(?:[\w'’-]+\s+)?(?:spokes(?:man|woman|person)|minister|secretary|"
    r"president|commander|director|head|chief|leader|official|officer|adviser|advisor|"
    r"ambassador|envoy|analyst|professor|chair(?:man|woman)?|founder|lawyer|attorney|mayor|"
    r"governor|senator|lawmaker|editor|researcher|economist|general|member|manager|executive|"
    r"ceo|coach|captain|owner|expert|fellow|scientist|doctor|nurse|resident|witness|student|"
    r"teacher|author|principal|fisherman|farmer|engineer|worker|driver|passenger|survivor|"
    r"mother|father|neighbou?r|organi[sz]er|activist|lecturer|spokesperson)\b"
)
_HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr"})
# "Tomas Herrera was carrying…": a name that is the subject of a verb can be "he" later
_SUBJECT_VERB = re.compile(r"\s+(?:was|is|had|has|did|does|[a-z]{3,}ed)\b")
_ABBR_TITLES = {
    "Gen.": "General", "Lt.": "Lieutenant", "Col.": "Colonel", "Sen.": "Senator",
    "Rep.": "Representative", "Gov.": "Governor", "Adm.": "Admiral", "Maj.": "Major",
    "Sgt.": "Sergeant", "Capt.": "Captain", "Brig.": "Brigadier", "Cmdr.": "Commander",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class QuoteMention:
    text: str
    speaker: str | None
    role: str | None
    start: int
    end: int
    how: str  # "after", "before", "continued", "pronoun", "according" or "none"


_QUOTE_CHARS = re.compile(r"[“”\"]")


def _quote_spans(
    text: str, p_start: int, p_end: int, marks: list[tuple[int, str]] | None = None
) -> list[tuple[int, int]]:
    """(start, end) of each quotation's inner text within one paragraph: double quotes (see
    :func:`_double_spans`; ``marks``: the paragraph's double quote marks, when known), then
    single ones (‘…’ and '…', British style) outside them."""
    spans = _double_spans(text, p_start, p_end, marks)
    if text.find("‘", p_start, p_end) >= 0 or text.find("'", p_start, p_end) >= 0:
        spans = sorted(spans + _single_spans(text, p_start, p_end, spans))
    return spans


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Sorted (start, end) of the quoted words in ``text`` (every quotation, however short)."""
    return [span for _, _, spans in _paragraph_quotes(text) for span in spans]


@lru_cache(maxsize=256)
def _paragraph_quotes(
    text: str,
) -> tuple[tuple[int, int, tuple[tuple[int, int], ...]], ...]:
    """Each paragraph's span and its quotations' spans (cached: the figures and the quotes of
    a text both read them)."""
    marks = [(m.start(), m.group()) for m in _QUOTE_CHARS.finditer(text)]  # one pass
    at = [pos for pos, _ in marks]
    out = []
    for p0, p1 in paragraphs(text):
        own = marks[bisect_left(at, p0) : bisect_left(at, p1)]
        out.append((p0, p1, tuple(_quote_spans(text, p0, p1, own))))
    return tuple(out)


def inside_quotation(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` is inside one of the sorted ``spans`` of :func:`quotation_spans`."""
    return _inside(spans, pos)


_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–:-]))(?P<q>[‘'])(?=[A-Za-z])", re.M)
_ELISIONS = frozenset({"tis", "twas", "em", "n", "cause", "til", "till", "bout"})
_SINGLE_MARK = re.compile(r"[‘']")
_LEAD_LETTERS = re.compile(r"[A-Za-z]+")


def _single_open(text: str, pos: int, end: int) -> re.Match[str] | None:
    """``_SINGLE_OPEN.search(text, pos, end)``, tried only at the quote marks (its match is
    the mark: the rest are look-arounds), not at every position."""
    for mark in _SINGLE_MARK.finditer(text, pos, end):
        m = _SINGLE_OPEN.match(text, mark.start(), end)
        if m is not None:
            return m
    return None


def _closers(text: str, closer: str, lo: int, hi: int, p_end: int) -> list[int]:
    """Offsets in [lo, hi) of ``closer`` marks that can close a quotation: ending a word and
    not followed by a letter or digit."""
    out = []
    j = text.find(closer, lo, hi)
    while j >= 0:
        if not text[j - 1].isspace() and not (j + 1 < p_end and text[j + 1].isalnum()):
            out.append(j)
        j = text.find(closer, j + 1, hi)
    return out


def _single_spans(
    text: str, p_start: int, p_end: int, doubles: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """‘…’ and '…' quotations. An apostrophe is never taken for a quote mark: an opening mark
    follows a space or bracket and comes before a letter, a closing one ends a word and is not
    followed by a letter ("can’t", "river’s" are words); "nurses’ union" is passed over when a
    later mark can close the quotation."""
    out: list[tuple[int, int]] = []
    pos = p_start
    while True:
        m = _single_open(text, pos, p_end)
        if m is None:
            break
        op = m.start()
        q = m["q"]
        closer = "’" if q == "‘" else "'"
        word = _LEAD_LETTERS.match(text[op + 1 : op + 8])
        if _inside(doubles, op) or (q == "'" and word and word.group().lower() in _ELISIONS):
            pos = op + 1
            continue
        if q == "‘":  # a quotation closes before the next opening mark
            nxt = text.find("‘", op + 1, p_end)
            limit = p_end if nxt < 0 else nxt
        else:
            nxt_open = _single_open(text, op + 1, p_end)
            limit = nxt_open.start() if nxt_open and nxt_open["q"] == q else p_end
        candidates = _closers(text, closer, op + 2, limit, p_end)
        end = None
        for n, j in enumerate(candidates):
            plural_possessive = text[j - 1] == "s" and _SPACE_LOWER.match(text[j + 1 : j + 3])
            if plural_possessive and n + 1 < len(candidates):
                continue
            end = j
            break
        if end is None:
            pos = op + 1
            continue
        if len(text[op + 1 : end].split()) >= 4:  # 'Half-Life', ‘safe streets’: titles
            out.append((op + 1, end))
        pos = end + 1
    return out


def _double_spans(
    text: str, p_start: int, p_end: int, marks: list[tuple[int, str]] | None = None
) -> list[tuple[int, int]]:
    """Curly quotes pair “ with the next ” (a “ with no ” runs to the end of the paragraph, the
    convention for quotes that continue in the next one; a stray ” is ignored); straight
    quotes pair in order."""
    spans: list[tuple[int, int]] = []
    if marks is None:
        marks = [(m.start(), m.group()) for m in _QUOTE_CHARS.finditer(text, p_start, p_end)]
    k = 0
    while k < len(marks):
        pos, ch = marks[k]
        if ch == "“":
            j = k + 1
            while j < len(marks) and marks[j][1] == '"':
                j += 1
            if j < len(marks) and marks[j][1] == "“":
                k = j  # an opening quote never closed before the next one: restart there
                continue
            end = marks[j][0] if j < len(marks) else p_end
            spans.append((pos + 1, end))
            k = j + 1
        elif ch == '"':
            j = k + 1
            while j < len(marks) and marks[j][1] != '"':
                j += 1
            if j >= len(marks):
                break
            spans.append((pos + 1, marks[j][0]))
            k = j + 1
        else:
            k += 1
    return spans


def _clean_speaker(phrase: str) -> tuple[str | None, str | None, bool]:
    """(speaker, role, is_pronoun) from an attribution phrase."""
    phrase = _SPACE_RUN.sub(" ", phrase).strip(" ,.;:—–-")
    phrase = _PHRASE_CUT.split(phrase)[0]
    phrase = _LEAD_CONJ.sub("", phrase)
    if not phrase:
        return None, None, False
    if phrase.lower() in _PRONOUNS:
        return None, None, True
    if phrase.lower() in {"they", "it", "we", "i", "you"}:
        return None, None, False
    # apposition: "Name, role" / "role, Name"
    # ages ("Ravi Kapoor, 17,") are no part of a name or role
    parts = [p.strip() for p in phrase.split(",") if p.strip() and not p.strip().isdigit()]
    head = parts[0]
    appos = parts[1:] if len(parts) > 1 else []
    if appos and _ROLE_START.match(head) and not _ROLE_START.match(appos[-1]):
        head, appos = appos[-1], [head]
    mentions = find_entity_mentions(head, skip_headlines=False)
    person = next((m for m in mentions if m.kind in ("person", "person?")), None)
    if person is None and appos:
        for i, part in enumerate(appos):
            pm = [m for m in find_entity_mentions(part, skip_headlines=False)
                  if m.kind in ("person", "person?")]
            if pm:
                appos = [head] + appos[:i] + appos[i + 1 :]
                head, mentions, person = part, pm, pm[0]
                break
    org = next((m for m in mentions if m.kind == "org"), None)
    if org is None:
        org = next((m for m in mentions if m.kind == "place" and m.end - m.start >= len(head) - 4),
                   None)
    chosen = person or org
    if chosen is None:
        cap = _CAP_WORDS.fullmatch(head)
        if cap and len(head.split()) <= 4 and head.split()[0] not in ("The", "A", "An"):
            return head.strip(), ", ".join(appos) or None, False
        words = head.split()
        if len(words) > 8 or not words:
            return None, None, False
        desc = _LEAD_THE.sub("", head)
        return desc, ", ".join(appos) or None, False
    name = chosen.name
    prefix = head[: chosen.start].strip(" ,")
    suffix = head[chosen.end :].strip(" ,")
    role_parts = []
    prefix = _LEAD_ARTICLE.sub("", prefix)
    if prefix:
        words = prefix.split()
        words = [_ABBR_TITLES.get(w, w) for w in words if w.rstrip(".") not in _HONORIFICS]
        if words:
            role_parts.append(" ".join(words))
    if suffix and not suffix.lower().startswith(("of ", "from ")):
        pass
    elif suffix:
        role_parts.append(suffix)
    role_parts.extend(_LEAD_A.sub("", a) for a in appos)
    role = ", ".join(role_parts) or None
    if role and (role in PERSON_TITLES or role.rstrip(".") in ("Mr", "Mrs", "Ms", "Dr")):
        role = role if role not in ("Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms") else None
    return name, role, False


def _people_positions(text: str) -> tuple[list[tuple[int, str]], dict[str, str]]:
    """Positions of person names (full names and surnames of already named people), and the
    title written before each name ("President")."""
    mentions = [
        m
        for m, kind in resolved_mentions(text)
        if kind == "person"
        # a name followed by a speech verb is someone speaking: "Varga said the town..."
        or (kind == "other" and _SPEAKS.match(text, m.end))
        or (kind == "other" and m.kind == "person?" and _SUBJECT_VERB.match(text, m.end))
    ]
    mentions += [
        m for m in find_entity_mentions(text) if m.kind == "initial" and _SPEAKS.match(text, m.end)
    ]
    by_last: dict[str, set[str]] = {}
    for m in mentions:
        if " " in m.name:
            by_last.setdefault(m.name.split()[-1], set()).add(m.name)
    known = {k: next(iter(v)) for k, v in by_last.items() if len(v) == 1}
    found: dict[int, str] = {}
    titles: dict[str, str] = {}
    for m in mentions:
        found[m.start] = known.get(m.name, m.name)
        if m.title and m.kind == "person":
            titles[known.get(m.name, m.name)] = m.title
    if known:
        # the names already found cover these spans; a surname inside one is no new mention
        spans = sorted((s, s + len(n)) for s, n in found.items())
        starts = [s for s, _ in spans]
        reach = list(accumulate((e for _, e in spans), max))  # furthest end so far
        added_end = 0  # the surnames below come in text order: their spans start before
        for at, surname in _surnames_in(text, list(known)):
            i = bisect_right(starts, at) - 1
            if (i >= 0 and reach[i] > at) or at < added_end:
                continue
            found[at] = known[surname]
            added_end = max(added_end, at + len(found[at]))
    return sorted(found.items()), titles


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what ``\w`` matches in a str pattern


def _surnames_in(text: str, names: list[str]) -> list[tuple[int, str]]:
    """(offset, name) of each match of ``\b(name1|name2|...)\b`` in ``text``, as ``finditer``
    gives them (the first name that fits wins at an offset; a match hides those it overlaps),
    found with ``str.find`` rather than a pattern compiled for each text."""
    cands = []
    for order, name in enumerate(names):
        i = text.find(name)
        while i >= 0:
            cands.append((i, order))
            i = text.find(name, i + 1)
    cands.sort()
    out = []
    end = 0
    n = len(text)
    for at, order in cands:
        if at < end:
            continue
        name = names[order]
        e = at + len(name)
        before = at > 0 and _is_word(text[at - 1])
        after = e < n and _is_word(text[e])
        if before == _is_word(name[0]) or after == _is_word(name[-1]):
            continue  # no word boundary at one end
        out.append((at, name))
        end = e
    return out


def find_quotes(text: str) -> list[QuoteMention]:
    """Direct quotations in ``text`` with their speakers (None when unattributed)."""
    return list(_find_quotes(text))


@lru_cache(maxsize=256)
def _find_quotes(text: str) -> tuple[QuoteMention, ...]:
    """Cached: a story's facts are made again as it grows, from the same article texts."""
    return tuple(_quotes_in(text))


def _quotes_in(text: str) -> list[QuoteMention]:
    if not any(spans for _, _, spans in _paragraph_quotes(text)):
        return []  # no quotation at all: nobody to look for
    people, titles = _people_positions(text)
    genders = _genders(text, people, titles)
    sentences = split_sentences(text)
    quoted = quotation_spans(text)
    people = [(pos, n) for pos, n in people if not _inside(quoted, pos)]
    full_names = _full_names(people)
    out: list[QuoteMention] = []
    last_speaker: tuple[str | None, str | None] | None = None
    for p_start, p_end, spans in _paragraph_quotes(text):
        prev_end = p_start
        para_first = True
        for qs, qe in spans:
            inner = text[qs:qe].strip()
            close = qe + 1 if qe < p_end else qe
            words = inner.split()
            if len(words) < 4:
                prev_end = close
                continue
            speaker: str | None = None
            role: str | None = None
            how = "none"
            pronoun = False
            # 1. attribution right after the quote: “…,” said X. / “…,” X said.
            sent_end = sentence_end_after(text, close, min(p_end, close + 600))
            nxt = text.find("“", close, p_end)
            after = text[close : sent_end if nxt == -1 else min(sent_end, nxt)]
            last = inner.rstrip("’'\"”)]").rstrip()[-1:]
            if after.strip() and (last in ",?!—-" or after.lstrip()[:1] in ",—-"):
                m = _AFTER_INVERTED.match(after)
                if m:
                    speaker, role, pronoun = _clean_speaker(m["sp"])
                else:
                    m = _AFTER_NORMAL.match(after)
                    if m:
                        speaker, role, pronoun = _clean_speaker(m["sp"])
                if speaker or pronoun:
                    how = "after"
            # 2. attribution before the quote in the same sentence: X said: “…”
            b_start = max(prev_end, sentence_start_before(text, qs - 1, max(p_start, qs - 600)))
            before = text[b_start : qs - 1]
            if not speaker and not pronoun:
                m = _ACCORDING.search(before)
                inv = _BEFORE_INVERTED.match(before) if prev_end > p_start else None
                if m:
                    speaker, role, pronoun = _clean_speaker(m["sp"])
                    how = "according"
                elif inv:  # “…,” said X, “…”
                    speaker, role, pronoun = _clean_speaker(inv["sp"])
                    how = "before"
                elif m := _BEFORE.search(before):
                    sp = m["sp"]
                    # the speaker is the last clause before the verb ("Speaking to
                    # reporters, Esper said"), keeping a trailing apposition
                    chunks = [
                        c
                        for c in _COMMA.split(sp)
                        if c.strip()
                        and not _BARE_NUMBER.fullmatch(c)
                        and not _RELATIVE.match(c)
                    ]
                    if len(chunks) >= 2 and _ROLE_START.match(chunks[-1].strip()):
                        sp = ", ".join(chunks[-2:])
                    elif chunks:
                        sp = chunks[-1]
                    speaker, role, pronoun = _clean_speaker(sp)
                    how = "before"
            if not speaker and not pronoun and before.rstrip().endswith(":"):
                # "Professor Ines Dupont put it simply: “…”"
                named = _between(people, b_start, qs)
                if named:
                    speaker, how = named[-1], "before"
            # 3. pronoun -> the subject (first person named) of the nearest sentence naming one
            if pronoun:
                pw = _PRONOUN_RE.search(after if how == "after" else before)
                want = None if pw is None else ("f" if pw.group().lower() in ("she", "her") else "m")
                speaker = _antecedent(people, sentences, b_start, qs, want, genders)
                if speaker and want:
                    genders.setdefault(speaker, want)
                role = titles.get(speaker or "")
                how = "pronoun"
            # 4. a quote running on from an attributed one with nothing in between
            if not speaker and out and last_speaker and last_speaker[0]:
                b0 = max(prev_end, sentence_start_before(text, qs - 1, max(p_start, qs - 600)))
                between = text[b0 : qs - 1]
                gap_ok = not _VERB_RE.search(between) and not _between(people, b0, qs)
                if para_first and qs - 1 == p_start:
                    gap_ok = gap_ok and out[-1].end >= prev_para_end(text, p_start) - 3
                if (
                    gap_ok
                    and (not para_first or qs - 1 == p_start or between.strip() == "")
                    or gap_ok
                    and len(between.strip()) < 3
                ):
                    speaker, role = last_speaker
                    how = "continued"
            if speaker and " " not in speaker and speaker in full_names:
                speaker = full_names[speaker]
                role = role or titles.get(speaker)
            if inner[-1:] == "," and how != "none":
                inner = inner[:-1]
            out.append(QuoteMention(inner, speaker, role, qs, qs + len(inner), how))
            if speaker:
                last_speaker = (speaker, role)
            prev_end = close
            para_first = False
    return out


def _between(people: list[tuple[int, str]], lo: int, hi: int) -> list[str]:
    """Names of the (sorted) ``people`` whose position is in [lo, hi)."""
    i = bisect_left(people, (lo, ""))
    out = []
    while i < len(people) and people[i][0] < hi:
        out.append(people[i][1])
        i += 1
    return out


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` falls in one of the sorted, non-overlapping ``spans``."""
    i = bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _full_names(people: list[tuple[int, str]]) -> dict[str, str]:
    """Surname -> full name, for surnames that belong to exactly one named person."""
    by_last: dict[str, set[str]] = {}
    for _, n in people:
        if " " in n:
            by_last.setdefault(n.split()[-1], set()).add(n)
    return {k: next(iter(v)) for k, v in by_last.items() if len(v) == 1}


_FEMALE = frozenset(
    """mrs ms miss queen princess lady dame madam spokeswoman chairwoman congresswoman
    businesswoman actress mother grandmother wife daughter sister widow policewoman
    councilwoman aunt niece girl woman""".split()
)
_MALE = frozenset(
    """mr king prince lord sir spokesman chairman congressman businessman actor father
    grandfather husband son brother widower policeman councilman uncle nephew boy man""".split()
)


_LETTERS = re.compile(r"[A-Za-z]+")


def _genders(text: str, people: list[tuple[int, str]], titles: dict[str, str]) -> dict[str, str]:
    """"f"/"m" for people whose title or the words just before their name say so."""
    out: dict[str, str] = {}
    title_words: dict[str, list[str]] = {}
    for pos, name in people:
        if name in out:
            continue  # the first mention that says decides
        words = _LETTERS.findall(text[max(0, pos - 30) : pos].lower())[-3:]
        if name not in title_words:
            title_words[name] = _LETTERS.findall(titles.get(name, "").lower())
        words += title_words[name]
        if any(w in _FEMALE for w in words):
            out.setdefault(name, "f")
        elif any(w in _MALE for w in words):
            out.setdefault(name, "m")
    return out


def _antecedent(
    people: list[tuple[int, str]],
    sentences: list[Sentence],
    seg_start: int,
    qs: int,
    want: str | None = None,
    genders: dict[str, str] | None = None,
) -> str | None:
    """Who "he"/"she" most likely is: the first person named in the quote's own sentence before
    the quote, else in the nearest earlier sentence that names someone (up to seven back),
    passing over people known to be of the other gender."""
    genders = genders or {}

    def pick(named: list[str]) -> str | None:
        for n in named:
            if want is None or genders.get(n) in (None, want):
                return n
        return None

    found = pick(_between(people, seg_start, qs))
    if found:
        return found
    idx = bisect_right([s.start for s in sentences], seg_start) - 1
    for i in range(idx, max(-1, idx - 8), -1):
        s = sentences[i]
        found = pick(_between(people, s.start, min(s.end, seg_start)))
        if found:
            return found
    return None


def prev_para_end(text: str, p_start: int) -> int:
    i = p_start - 1
    while i > 0 and text[i].isspace():
        i -= 1
    return i + 1


# --- merging across outlets ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourcedQuotes:
    article_id: int | None
    source: str
    independent: str
    quotes: Sequence[QuoteMention]


def normalize_quote(text: str) -> str:
    t = text.lower().replace("’", "'")
    t = _NOT_WORD.sub(" ", t)
    return _SPACE_RUN.sub(" ", t).strip()


def same_quote(a: str, b: str) -> bool:
    """Fuzzy match on normalized text (also when one outlet quotes part of the other's quote)."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 20 and short in long_:
        return True
    wa, wb = set(a.split()), set(b.split())
    if not wa or not wb or len(wa & wb) / min(len(wa), len(wb)) < 0.6:
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.8


def merge_quotes(articles: Sequence[SourcedQuotes], limit: int = 30) -> list[Quote]:
    """One Quote per distinct quotation, ranked by independent outlets, then first appearance."""
    # full names seen as speakers, for aligning "Kirby" with "John Kirby"
    full = {q.speaker for a in articles for q in a.quotes if q.speaker and " " in q.speaker}
    by_last: dict[str, set[str]] = {}
    for n in full:
        by_last.setdefault(n.split()[-1], set()).add(n)

    def canon(name: str | None) -> str | None:
        if name and " " not in name and len(by_last.get(name, ())) == 1:
            return next(iter(by_last[name]))
        return name

    groups: list[dict] = []
    for ai, art in enumerate(articles):
        for qi, q in enumerate(art.quotes):
            norm = normalize_quote(q.text)
            if not norm:
                continue
            speaker = canon(q.speaker)
            for g in groups:
                if same_quote(norm, g["norm"]):
                    break
            else:
                g = {
                    "norm": norm,
                    "text": q.text,
                    "speakers": {},
                    "roles": {},
                    "sources": {},
                    "ids": {},
                    "indep": set(),
                    "order": (ai, qi),
                }
                groups.append(g)
            if len(q.text) > len(g["text"]):
                g["text"], g["norm"] = q.text, norm
            if speaker:
                g["speakers"][speaker] = g["speakers"].get(speaker, 0) + 1
                if q.role:
                    g["roles"].setdefault(speaker, q.role)
            g["sources"][art.source] = None
            if art.article_id is not None:
                g["ids"][art.article_id] = None
            g["indep"].add(art.independent)
    # a fragment woven into the reporter's sentence (“within ten working days”) says little
    # on its own: full quotations first
    groups.sort(key=lambda g: (-len(g["indep"]), g["text"][:1].islower(), g["order"]))
    # a speaker's role, wherever in the story it was given ("he said" quotes have none)
    any_role: dict[str, str] = {}
    for g in groups:
        for sp, r in g["roles"].items():
            any_role.setdefault(sp, r)
    out = []
    for g in groups[:limit]:
        speaker = max(g["speakers"], key=lambda s: (g["speakers"][s], len(s)), default=None)
        out.append(
            Quote(
                speaker=speaker,
                text=g["text"],
                role=(g["roles"].get(speaker) or any_role.get(speaker)) if speaker else None,
                sources=tuple(g["sources"]),
                article_ids=tuple(g["ids"]),
            )
        )
    return out
