"""Per-story timeline: dated events from every article, merged across outlets, in order, with
date disagreements between outlets flagged.

An article without a publish date gets a reference date inferred from the explicit dates that it
and the other articles of its story mention (the latest of them, roughly: news is written after
what it reports). Resolutions that depend on that inferred reference are marked ``inferred``.
A year is only used when something supports it (a date stated with its year, or a dated
article); otherwise dates stay year-less (``--02-08``), see :mod:`brief.dates`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from brief.dates import DateMention, Reference, find_dates_ref, nearest_year_for
from brief.entities import find_entity_mentions, places_in
from brief.models import Conflict, ConflictValue, TimelineEvent
from brief.sentences import as_label, clause_text, short_text, strip_dateline

# patterns used in function bodies, compiled once
_SINCE_BEFORE = re.compile(r"\b(?:since|from)\s+(?:the\s+)?$", re.IGNORECASE)
_AFTER_BEFORE = re.compile(r"\bafter\s+(?:the\s+)?$", re.IGNORECASE)
_QUOTE_THEN_WORD = re.compile(r"[,?!]?[”’\"]\s+\S+")

_Date = date  # dataclass fields below are named ``date``

MAX_MENTIONS = 150  # date mentions looked at per article (a news article has a few dozen)
_GENERIC_PLACES = frozenset({"U.S.", "US", "USA", "United States", "America"})
_ANCHOR_STOP = frozenset({"the", "of", "and", "for", "u.s.", "united", "states", "new", "national",
                          "city", "north", "south", "east", "west", "general"})
_EVENT_WORDS = {
    "strike": "strike", "strikes": "strike", "airstrike": "strike", "airstrikes": "strike",
    "struck": "strike", "bombing": "strike", "bombed": "strike", "raid": "raid",
    "raids": "raid", "attack": "attack", "attacks": "attack", "attacked": "attack",
    "assault": "attack", "explosion": "blast", "blast": "blast", "killing": "killing",
    "killed": "killing", "death": "killing", "died": "killing", "election": "election",
    "vote": "vote", "voted": "vote", "referendum": "vote", "meeting": "meeting",
    "met": "meeting", "summit": "meeting", "talks": "talks", "announced": "announcement",
    "announcement": "announcement", "deal": "deal", "agreement": "deal", "signed": "deal",
    "ceasefire": "ceasefire", "cease-fire": "ceasefire", "truce": "ceasefire",
    "arrest": "arrest", "arrested": "arrest", "protest": "protest", "protests": "protest",
    "crash": "crash", "crashed": "crash", "earthquake": "earthquake", "quake": "earthquake",
    "storm": "storm", "hurricane": "storm", "fire": "fire", "wildfire": "fire",
    "shooting": "shooting", "invasion": "invasion", "invaded": "invasion",
    "offensive": "offensive", "launched": "launch", "launch": "launch", "release": "release",
    "released": "release", "trial": "trial", "ruling": "ruling", "ruled": "ruling",
    "verdict": "ruling", "resigned": "resignation", "resignation": "resignation",
    "scrubbed": "halt", "cancelled": "halt", "canceled": "halt", "postponed": "halt",
    "halted": "halt", "suspended": "halt", "aborted": "halt", "walkout": "strike",
    "visit": "visit", "visited": "visit", "speech": "speech", "hearing": "hearing",
    "flood": "flood", "floods": "flood", "flooding": "flood", "flooded": "flood",
    "outage": "outage", "collapse": "collapse", "collapsed": "collapse", "burst": "collapse",
    "breach": "collapse", "breached": "collapse", "failed": "collapse", "failure": "collapse",
    "derailed": "crash", "derailment": "crash", "sank": "sinking", "sinking": "sinking",
    "capsized": "sinking", "evacuated": "evacuation", "evacuation": "evacuation",
    "opened": "opening", "opening": "opening", "closed": "closure", "closure": "closure",
}  # fmt: skip
_EVENT_PHRASES = {
    "walked out": "strike", "walked off": "strike", "called off": "halt", "gave way": "collapse",
    "went down": "crash", "broke out": "fire", "took office": "inauguration",
    "sworn in": "inauguration", "lifted off": "launch",
}  # fmt: skip
_PHRASE_FIRST = frozenset(p.split()[0] for p in _EVENT_PHRASES)
_STATEMENT_BEFORE = re.compile(
    r"\b(?:said|says|told|announced|confirmed|reported|stated|added|warned|claimed|wrote|"
    r"tweeted|posted|issued|published|released|defended|insisted|declared|estimated|"
    r"acknowledged|denied|disclosed|revealed)\b(?:\s+\S+){0,2}?\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r"[,;]\s*(?:as|after|before|while|when|because|but|although|though|since|until|even)\b|;|"
    r"\s(?:after|before|because|while|although)\s"
)
_END_WORDS = re.compile(
    r"(?<!-)\b(?:ended|ends|came to an end|at the end of|back to work|went back|returned to work|"
    r"resumed|(?:was|were|is|are) lifted|concluded|reopened)\b",
    re.IGNORECASE,
)
_START_WORDS = re.compile(
    r"\b(?:began|begun|begins|started|starts|walked (?:out|off)|broke out|erupted|from|"
    r"will|first day)\b",
    re.IGNORECASE,
)
_ONGOING_WORDS = re.compile(
    r"\b(?:enter(?:s|ed)|drag(?:s|ged)|stretch(?:es|ed)|continu(?:es|ed)|(?:second|third|"
    r"fourth|fifth|sixth|seventh) day|still)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_STOP = frozenset(
    [
        "the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "with", "by", "and",
        "or", "but", "as", "than", "that", "which", "who", "this", "these", "those", "their",
        "its", "his", "her", "our", "were", "was", "is", "are", "be", "been", "being", "have",
        "has", "had", "do", "does", "did", "will", "would", "could", "should", "may", "might",
        "can", "not", "no", "when", "where", "while", "if", "after", "before", "since",
        "during", "until", "about", "into", "over", "under", "between", "per", "each", "all",
        "both", "such", "said", "says", "there", "here", "it", "they", "them", "he", "she",
        "we", "you", "so", "also", "just", "more", "most", "other", "including", "january",
        "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "last", "next", "week", "month", "year", "today", "yesterday",
        "earlier", "later", "ago", "night", "morning", "evening", "afternoon"
    ]
)


@dataclass(frozen=True, slots=True)
class DatedArticle:
    """What the timeline needs from one article."""

    article_id: int | None
    source: str
    independent: str
    text: str
    published: datetime | None = None


@dataclass(slots=True)
class _Event:
    date: str
    precision: str
    sort_key: _Date
    text: str
    inferred: bool
    sources: dict[str, None] = field(default_factory=dict)
    ids: dict[int, None] = field(default_factory=dict)
    indep: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    kind: str | None = None
    kinds: frozenset[str] = frozenset()
    phase: str | None = None  # "start" | "end" of a lasting event (strike, closure...)
    told_after: bool = False  # the article is dated on or after the event: a report of it


def period_start(iso: str) -> date | None:
    """First day of an ISO period as used in timelines ("2024-02", "2024-W05", "2024")."""
    try:
        if "-W" in iso:
            y, w = iso.split("-W")
            return date.fromisocalendar(int(y), int(w), 1)
        parts = iso.split("-")
        if len(parts) == 1:
            return date(int(parts[0]), 1, 1)
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1)
        return date.fromisoformat(iso)
    except ValueError:
        return None


def _explicit_day_mentions(text: str) -> list[DateMention]:
    return [
        m
        for m in find_dates_ref(text, None)
        if m.explicit and m.precision == "day" and m.date is not None
    ]


def _weekday_year(month: int, day: int, weekday: int, around: int) -> int | None:
    """The year nearest ``around`` in which month/day fell on ``weekday`` (placeholder use)."""
    for delta in range(0, 12):
        for y in (around - delta, around + delta):
            try:
                if date(y, month, day).weekday() == weekday:
                    return y
            except ValueError:
                continue
    return None


def infer_references(articles: Sequence[DatedArticle]) -> list[tuple[Reference | None, bool]]:
    """For each article: the reference to resolve its dates against, and whether inferred."""
    explicit = [_explicit_day_mentions(a.text) for a in articles]
    published = [a.published.date() for a in articles if a.published is not None]
    full: list[date] = [m.sort_key for ms in explicit for m in ms if m.year_given and m.sort_key]
    anchors = full + published
    out: list[tuple[Reference | None, bool]] = []
    if anchors:
        anchor = max(anchors)

        def resolve(m: DateMention) -> date | None:
            if m.year_given:
                return m.sort_key
            assert m.date is not None
            mo, d = int(m.date[2:4]), int(m.date[5:7])
            try:
                return date(nearest_year_for(mo, d, anchor), mo, d)
            except ValueError:
                return None

        per_article = [[d for d in (resolve(m) for m in ms) if d] for ms in explicit]
        story_max = max([d for ds in per_article for d in ds] + published, default=None)
        for a, ds in zip(articles, per_article, strict=True):
            if a.published is not None:
                out.append((Reference(a.published.date()), False))
                continue
            own = max(ds, default=None)
            ref = story_max
            if own is not None and story_max is not None and (story_max - own).days > 7:
                ref = own
            out.append((Reference(ref), True) if ref else (None, False))
        return out
    # No year anywhere: work with month/day only, on a placeholder year.
    md = sorted({(int(m.date[2:4]), int(m.date[5:7])) for ms in explicit for m in ms if m.date})
    if not md:
        return [(None, False) for _ in articles]
    latest = _latest_circular(md)
    weekday = next(
        (
            m.weekday
            for ms in explicit
            for m in ms
            if m.weekday is not None and m.date and (int(m.date[2:4]), int(m.date[5:7])) == latest
        ),
        None,
    )
    year = 2000
    known_wd = False
    if weekday is not None:
        y = _weekday_year(latest[0], latest[1], weekday, datetime.now().year)
        if y is not None:
            year, known_wd = y, True
    try:
        ref_day = date(year, *latest)
    except ValueError:
        ref_day = date(2000, *latest)
    no_year = Reference(ref_day, year_known=False, weekday_known=known_wd)
    return [(no_year, True) for _ in articles]


def _latest_circular(md: list[tuple[int, int]]) -> tuple[int, int]:
    """Latest of year-less dates: the one before the widest gap around the calendar circle."""
    days = sorted({(m - 1) * 31 + d for m, d in md})
    if len(days) == 1:
        return md[0]
    best_gap, best = -1, days[-1]
    for i, d in enumerate(days):
        nxt = days[(i + 1) % len(days)] + (372 if i == len(days) - 1 else 0)
        if nxt - d > best_gap:
            best_gap, best = nxt - d, d
    return ((best - 1) // 31 + 1, (best - 1) % 31 + 1)


def _lower_words(text: str) -> list[str]:
    """``_WORD`` words of ``text``, lower-cased (found in the lower-cased text: the same words,
    but for the two letters whose lower case is, or holds, an ASCII letter)."""
    if "İ" in text or "K" in text:
        return [w.lower() for w in _WORD.findall(text)]
    return _WORD.findall(text.lower())


def _content(sentence: str) -> set[str]:
    return {w for w in _lower_words(sentence) if len(w) > 2} - _STOP


def _event_kind(sentence: str, mention: DateMention) -> str | None:
    """The event word nearest the date mention in its sentence ("strikes" -> "strike")."""
    offset = sentence.find(mention.text)
    best: tuple[int, str] | None = None
    for m in _WORD.finditer(sentence):
        k = _EVENT_WORDS.get(m.group().lower())
        if k:
            dist = abs(m.start() - offset) if offset >= 0 else m.start()
            if best is None or dist < best[0]:
                best = (dist, k)
    return best[1] if best else None


def _event_kinds(text: str) -> frozenset[str]:
    """Every kind of event a piece of sentence speaks of."""
    words = _lower_words(text)
    kinds = {_EVENT_WORDS.get(w) for w in words}
    kinds.update(
        _EVENT_PHRASES.get(f"{a} {b}")
        for a, b in zip(words, words[1:], strict=False)
        if a in _PHRASE_FIRST
    )
    return frozenset(k for k in kinds if k)


def _mention_kinds(segment: str, mention: str) -> frozenset[str]:
    """Kinds of event a date mention dates. "officials said on Wednesday that the strike…"
    dates a statement, not the strike."""
    pos = segment.find(mention)
    if pos > 0 and _STATEMENT_BEFORE.search(segment, _tail_start(segment, pos, 4), pos):
        return frozenset({"statement"})
    return _event_kinds(segment)


def _tail_start(text: str, end: int, n: int) -> int:
    """Where the last ``n`` whitespace-separated words of ``text[:end]`` start. A match of
    _STATEMENT_BEFORE (its verb, at most three words, then spaces to the end) starts no
    earlier than four words from the end, so the search can start there."""
    i = end
    for _ in range(n):
        while i > 0 and text[i - 1].isspace():
            i -= 1
        while i > 0 and not text[i - 1].isspace():
            i -= 1
    return i


# words one of which each phase pattern's match holds (in the lower-cased text)
_PHASE_HINTS = (
    ("end", _END_WORDS, ("end", "back", "work", "resumed", "lifted", "concluded", "reopened")),
    ("ongoing", _ONGOING_WORDS, ("enter", "drag", "stretch", "continu", " day", "still")),
    ("start", _START_WORDS,
     ("beg", "start", "walked", "broke", "erupted", "from", "will", "first day")),
)  # fmt: skip


def _phase(text: str) -> str | None:
    """Which part of a lasting event (a strike, a closure) a piece of sentence dates."""
    low = text.lower()
    exotic = "İ" in text or "ı" in text or "ſ" in text  # case-fold unlike lower()
    found = [
        name
        for name, rx, hints in _PHASE_HINTS
        if (exotic or any(h in low for h in hints)) and rx.search(text)
    ]
    return found[0] if len(found) == 1 else None


def _segments(text: str, mentions: list[DateMention]) -> list[str]:
    """For each mention, the part of its sentence that belongs to it: the whole sentence, or
    when a sentence holds several dates, the words between the neighbouring mentions."""
    out = []
    for k, m in enumerate(mentions):
        s_start = m.start - max(0, m.sentence.find(m.text))
        s_end = s_start + len(m.sentence)
        prev_end = mentions[k - 1].end if k and mentions[k - 1].sentence == m.sentence else s_start
        nxt = mentions[k + 1] if k + 1 < len(mentions) else None
        next_start = nxt.start if nxt is not None and nxt.sentence == m.sentence else s_end
        lo, hi = max(s_start, prev_end), max(next_start, m.end)
        # keep to the mention's own clause: "…said on Thursday, as a walkout that began…"
        for brk in _CLAUSE_BREAK.finditer(text, lo, m.start):
            lo = brk.end()
        after = _CLAUSE_BREAK.search(text, m.end, hi)
        if after:
            hi = after.start()
        out.append(text[lo:hi])
    return out


def _anchors(sentence: str) -> set[str]:
    """Places and names an event sentence is about, as lower-case words of gazetteer places
    and capitalized names ("Port Alder Harbour Authority" -> port, alder, harbour, authority),
    so that a name and a longer name containing it still meet."""
    names = set(places_in(sentence)) - _GENERIC_PLACES
    names.update(m.name for m in find_entity_mentions(sentence, skip_headlines=False))
    return {
        w.lower()
        for n in names
        if n not in _GENERIC_PLACES
        for w in n.split()
        if len(w) > 2 and w.lower() not in _ANCHOR_STOP
    }


_DOUBLE_MARK = re.compile(r"[“”\"]")
_QUOTE_MARK = re.compile(r"[“‘”’\"]")


def _inside_quote(sentence: str, mention: str) -> bool:
    """Whether the date is inside someone's quoted words ("“Today, the rocket was perfect,” she
    said"): it dates what they say, and such a sentence makes a poor timeline entry."""
    pos = sentence.find(mention)
    if pos < 0:
        return False
    fm = _DOUBLE_MARK.search(sentence)
    first = (fm.start(), fm.group()) if fm else (0, "")
    # the sentence starts in the middle of a quotation: its first quote mark closes one
    inside = first[1] == "”" or (
        first[1] == '"' and sentence.count('"') % 2 == 1 and sentence[first[0] - 1 : first[0]]
        in (",", ".", "?", "!")
    )
    for qm in _QUOTE_MARK.finditer(sentence, 0, pos):  # only the marks change ``inside``
        i, ch = qm.start(), qm.group()
        if ch == "“" or ch == "‘" and (i == 0 or not sentence[i - 1].isalnum()):
            inside = True
        elif ch == "”" or ch == "’" and not sentence[i + 1 : i + 2].isalnum():
            inside = False
        elif ch == '"':
            inside = not inside
    return inside


_STATEMENT_JUST_BEFORE = re.compile(
    r"\b(?:said|says|told\s+\S+(?:\s+\S+)?|confirmed|announced|estimated|reported|stated|"
    r"added|warned)\s+(?:(?:late|early)\s+)?(?:on\s+)?$",
    re.IGNORECASE,
)

def _mention_rank(sentence: str, start: int, end: int) -> int:
    """How much a date is what its sentence is about: 0 the event itself, 1 when the sentence
    says it was said then ("officials said on Wednesday"), 2 a date used as a label ("Tuesday's
    flood"), 3 a starting point ("since Monday")."""
    after = sentence[end : end + 3]
    before = sentence[max(0, start - 40) : start]
    if _SINCE_BEFORE.search(before):
        return 3
    if after[:2] in ("'s", "’s") or _AFTER_BEFORE.search(before):
        return 2
    if _STATEMENT_JUST_BEFORE.search(before):
        return 1
    return 0


def _starts_with_quote(sentence: str) -> bool:
    """“…,” she said on Friday. - the date tells when something was said, and the entry would
    be a bare quotation."""
    return sentence[:1] in "“‘\"" and bool(_QUOTE_THEN_WORD.search(sentence[1:]))


def _similar(a: _Event, b: _Event) -> bool:
    if a.kinds and b.kinds and not (a.kinds & b.kinds):
        return False
    shared_places = a.places & b.places
    if a.kinds & b.kinds and shared_places:
        return True
    if not a.words or not b.words:
        return False
    inter = len(a.words & b.words)
    if a.date == b.date:  # same day: a looser test is enough to call it one event
        return inter >= 2 and inter / min(len(a.words), len(b.words)) >= 0.25
    return inter >= 3 and inter / min(len(a.words), len(b.words)) >= 0.4


def build_timeline(
    articles: Sequence[DatedArticle], limit: int = 40
) -> tuple[list[TimelineEvent], list[Conflict]]:
    refs = infer_references(articles)
    events: list[_Event] = []  # merged across outlets, for the timeline
    raw: list[_Event] = []  # one per mention, for finding disagreements
    by_date: dict[tuple[str, str], list[_Event]] = {}
    for art, (ref, inferred) in zip(articles, refs, strict=True):
        mentions = find_dates_ref(art.text, ref)[:MAX_MENTIONS]
        shown = _entry_texts(art.text, mentions, ref)
        for m, segment, text in zip(mentions, _segments(art.text, mentions), shown, strict=True):
            if m.date is None or m.sort_key is None:
                continue
            sentence = m.sentence.strip()
            if len(sentence.split()) < 4 or _inside_quote(sentence, m.text):
                continue
            raw_only = text is None  # another date of the sentence is its entry
            ev = _Event(
                date=m.date,
                precision=m.precision,
                sort_key=m.sort_key,
                text=text or short_text(strip_dateline(sentence)),
                inferred=inferred and not m.year_given,
                words=_content(sentence),
                places=_anchors(sentence),
                kind=_event_kind(sentence, m),
                kinds=_mention_kinds(segment, m.text),
                phase=_phase(segment),
                told_after=ref is not None and ref.year_known and ref.day >= m.sort_key
                and m.precision == "day",
            )
            ev.sources[art.source] = None
            if art.article_id is not None:
                ev.ids[art.article_id] = None
            ev.indep.add(art.independent)
            raw.append(ev)
            if raw_only:
                continue
            ev = _Event(**{f: getattr(ev, f) for f in _Event.__dataclass_fields__})
            ev.sources, ev.ids, ev.indep = dict(ev.sources), dict(ev.ids), set(ev.indep)
            same_day = by_date.setdefault((ev.date, ev.precision), [])
            for other in same_day:
                if other.indep & ev.indep and ev.kind and other.kind == ev.kind:
                    break  # the same outlet telling the same thing again: keep the first
                if other.phase and ev.phase and other.phase != ev.phase:
                    continue
                if other.text == ev.text or (not (other.indep & ev.indep) and _similar(other, ev)):
                    if ev.told_after and not other.told_after:
                        # what happened, in the words of a report of it, rather than the plan
                        # ("lifted off on Sunday" over "pushed back to Sunday")
                        other.text, other.told_after = ev.text, True
                    other.sources.update(ev.sources)
                    other.ids.update(ev.ids)
                    other.indep |= ev.indep
                    other.inferred = other.inferred and ev.inferred
                    break
            else:
                events.append(ev)
                same_day.append(ev)

    conflicts = _date_conflicts(raw)
    prec_rank = {"year": 0, "month": 1, "week": 2, "day": 3}
    # Year-less dates cannot be ordered against dated ones: dated first, then year-less.
    events.sort(
        key=lambda e: (
            e.date.startswith("--"),
            e.sort_key,
            prec_rank.get(e.precision, 3),
            -len(e.indep),
        )
    )
    if len(events) > limit:
        keep = sorted(sorted(events, key=lambda e: -len(e.indep))[:limit], key=events.index)
        events = keep
    timeline = [
        TimelineEvent(
            date=e.date,
            precision=e.precision,
            text=e.text,
            inferred=e.inferred,
            sources=tuple(e.sources),
            article_ids=tuple(e.ids),
        )
        for e in events
    ]
    return timeline, conflicts


def _entry_texts(
    text: str, mentions: list[DateMention], ref: Reference | None
) -> list[str | None]:
    """The entry text of each mention (see :func:`brief.sentences.clause_text`); None for a
    mention whose sentence gives the same entry text for another, better date: one sentence never shows the
    same words on two dates, and the date kept is the one the words are about ("…will strike
    on Thursday, their union confirmed on Wednesday" is listed on Thursday)."""
    out: list[str | None] = []
    best: dict[tuple[int, str], tuple[tuple[int, int, int], int]] = {}
    prec = {"day": 0, "week": 1, "month": 2, "year": 3}
    for k, m in enumerate(mentions):
        sentence = m.sentence
        s_start = text.find(sentence, max(0, m.end - len(sentence)))
        if s_start < 0 or m.date is None or m.sort_key is None:
            out.append(None)
            continue
        lead = len(sentence) - len(strip_dateline(sentence))
        clean = sentence[lead:]
        lo, hi = m.start - s_start - lead, m.end - s_start - lead
        if _inside_quote(clean, m.text) or _starts_with_quote(clean):
            out.append(None)  # quoted words are no entry, nor is when they were said
            continue
        words = clause_text(clean, max(0, lo), max(0, hi))
        out.append(words)
        whole = clause_text(clean, max(0, lo), max(0, hi), limit=1_000)  # before any cut
        away = abs((m.sort_key - ref.day).days) if ref is not None else 0
        rank = (_mention_rank(clean, max(0, lo), max(0, hi)), prec.get(m.precision, 3), away)
        key = (s_start, whole)
        if key not in best or rank < best[key][0]:
            best[key] = (rank, k)
    keep = {k for _, k in best.values()}
    # "…made 11 crossings since Monday, including one on Wednesday night": a starting point is
    # no entry of its own when its sentence dates something else
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for (s_start, _), (rank, k) in best.items():
        by_sentence.setdefault(s_start, []).append((rank[0], k))
    for ranked in by_sentence.values():
        if any(r < 3 for r, _ in ranked):
            keep -= {k for r, k in ranked if r == 3}
    return [w if k in keep else None for k, w in enumerate(out)]


def _date_conflicts(events: list[_Event]) -> list[Conflict]:
    """Same event told by different outlets with different days: the same kind of event
    (strike, launch, collapse...) about the same place or name, one day apart (statements excluded: when a thing was said is not when it happened).
    Closest pairs are joined first; a group never holds two days from one outlet (an outlet
    giving both days is telling two events)."""
    days = [e for e in events if e.precision == "day" and e.kinds]
    pairs: list[tuple[float, int, int]] = []
    by_day: dict[date, list[int]] = {}
    for i, e in enumerate(days):
        by_day.setdefault(e.sort_key, []).append(i)
    for i, a in enumerate(days):
        for j in by_day.get(a.sort_key + timedelta(days=1), []):
            b = days[j]
            if a.date == b.date or a.indep & b.indep:
                continue
            gap = abs((b.sort_key - a.sort_key).days)
            shared = a.places & b.places
            if gap > 1 or not (a.kinds & b.kinds) - {"statement"} or not shared:
                continue
            if a.phase and b.phase and a.phase != b.phase:
                continue  # e.g. the start and the end of one strike
            score = len(shared) + 0.5 * len(a.words & b.words) - gap
            pairs.append((score, i, j))
    pairs.sort(key=lambda t: -t[0])
    group_of: dict[int, set[int]] = {}
    for _, i, j in pairs:
        gi, gj = group_of.get(i, {i}), group_of.get(j, {j})
        if gi is gj:
            continue
        merged = gi | gj
        day_by_outlet: dict[str, str] = {}
        ok = True
        for k in merged:
            for outlet in days[k].indep:
                if day_by_outlet.setdefault(outlet, days[k].date) != days[k].date:
                    ok = False
        if not ok:
            continue
        for k in merged:
            group_of[k] = merged
    conflicts: list[Conflict] = []
    seen: list[set[int]] = []
    for group in group_of.values():
        if any(group is g for g in seen):
            continue
        seen.append(group)
        members = sorted(group)
        by_date: dict[str, dict[str, None]] = {}
        for k in members:
            by_date.setdefault(days[k].date, {}).update(days[k].sources)
        if len(by_date) < 2:
            continue
        lead = max(members, key=lambda k: (len(days[k].indep), -k))
        values = tuple(ConflictValue(value=d, sources=tuple(s)) for d, s in sorted(by_date.items()))
        conflicts.append(Conflict(kind="date", subject=as_label(days[lead].text), values=values))
    return conflicts
