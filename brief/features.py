"""What an article is about, as sparse weighted keys for story clustering.

``article_features(title, text)`` turns one cleaned article into :class:`Features`:

- ``terms``: content words (lower-cased, lightly stemmed, stopwords dropped) weighted by where
  they occur — the title counts most, then the lead (first sentences), then the body;
- ``entities``: names (people, organisations, places, events) found as capitalised sequences,
  with a rough kind for display;
- ``numbers``: figures and years (``85``, ``7.1``, ``2013``), which tell two similar events apart
  (two earthquakes, two strikes on different dates).

Weights are raw (no IDF): document frequencies change as articles arrive, so
:class:`brief.cluster.StoryIndex` applies IDF when it scores. Everything is plain dicts of
floats, so ``to_json``/``from_json`` round-trip exactly and the store can keep it as a text row.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, compress
from operator import itemgetter

TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
BODY_WEIGHT = 1.0
LEAD_WORDS = 60  # words after the title that count as the lead
MAX_TERMS = 120  # keep the strongest terms of long articles (memory, speed)
MAX_ENTITIES = 40
MAX_NUMBERS = 20

STOPWORDS = frozenset(
    ["a", "about", "above", "according", "across", "actually", "after", "afterwards", "again", "against", "ago", "all", "almost", "alone", "along", "already", "also", "although", "always", "am", "among", "amongst", "an", "and", "another", "any", "anyone", "anything", "anyway", "anywhere", "are", "around", "as", "at", "away", "back", "be", "became", "because", "become", "becomes", "been", "before", "beforehand", "behind", "being", "below", "beside", "besides", "between", "beyond", "both", "but", "by", "can", "cannot", "could", "did", "do", "does", "doing", "done", "down", "during", "each", "either", "else", "elsewhere", "enough", "etc", "even", "ever", "every", "everyone", "everything", "everywhere", "except", "few", "first", "for", "former", "formerly", "from", "further", "get", "gets", "getting", "give", "given", "go", "goes", "going", "gone", "got", "had", "has", "have", "having", "he", "hence", "her", "here", "hereafter", "hereby", "herein", "hers", "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "including", "indeed", "into", "is", "it", "its", "itself", "just", "last", "latter", "least", "less", "like", "likely", "made", "make", "many", "may", "me", "meanwhile", "might", "mine", "more", "moreover", "most", "mostly", "much", "must", "my", "myself", "namely", "neither", "never", "nevertheless", "new", "next", "no", "nobody", "none", "nor", "not", "nothing", "now", "nowhere", "of", "off", "often", "on", "once", "one", "only", "onto", "or", "other", "others", "otherwise", "our", "ours", "ourselves", "out", "over", "own", "per", "perhaps", "please", "put", "rather", "re", "really", "said", "same", "say", "says", "see", "seem", "seemed", "seeming", "seems", "several", "she", "should", "since", "so", "some", "somehow", "someone", "something", "sometime", "sometimes", "somewhere", "still", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "thence", "there", "thereafter", "thereby", "therefore", "therein", "these", "they", "this", "those", "though", "through", "throughout", "thru", "thus", "to", "together", "too", "toward", "towards", "under", "until", "up", "upon", "us", "very", "via", "was", "we", "well", "were", "what", "whatever", "when", "whence", "whenever", "where", "whereafter", "whereas", "whereby", "wherein", "whether", "which", "while", "whither", "who", "whoever", "whole", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet", "you", "your", "yours", "yourself", "yourselves", "told", "tell", "tells", "telling", "reported", "reports", "report", "reporting", "according", "news", "today", "yesterday", "tomorrow", "week", "weeks", "day", "days", "year", "years", "month", "months", "time", "times", "including", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr", "mrs", "ms", "dr", "s", "t", "don", "didn", "doesn", "isn", "wasn", "weren", "won", "wouldn", "couldn", "shouldn", "ve", "ll", "m", "d"]
)

# Capitalised words that start a sentence or a name but are not names themselves.
_NOT_NAMES = STOPWORDS | frozenset(
    ["according", "after", "although", "and", "as", "at", "before", "but", "by", "during", "for", "from", "he", "her", "his", "however", "if", "in", "it", "its", "mr", "mrs", "ms", "dr", "sir", "gen", "general", "sen", "senator", "rep", "president", "prime", "minister", "chancellor", "king", "queen", "prince", "governor", "mayor", "judge", "officer", "chief", "secretary", "spokesman", "spokeswoman", "spokesperson", "director", "minister", "lt", "col", "sgt", "capt", "maj", "adm", "pope", "the", "this", "that", "these", "those", "there", "they", "we", "you", "our", "their", "she", "his", "them", "then", "when", "where", "while", "who", "why", "what", "which", "with", "within", "breaking", "update", "updated", "live", "watch", "read", "more", "photo", "video", "image", "file"]
)

_TITLES = frozenset(
    ["mr", "mrs", "ms", "dr", "sir", "gen", "general", "sen", "senator", "rep", "president", "prime", "minister", "chancellor", "king", "queen", "prince", "governor", "mayor", "judge", "officer", "chief", "secretary", "spokesman", "spokeswoman", "spokesperson", "director", "lt", "col", "sgt", "capt", "maj", "adm", "pope", "rev", "st"]
)

_CONNECTORS = frozenset({"of", "de", "del", "da", "di", "la", "le", "van", "von", "bin", "al", "el", "for", "&"})

_ORG_WORDS = frozenset(
    ["inc", "corp", "corporation", "company", "co", "ltd", "llc", "plc", "group", "party", "council", "ministry", "department", "agency", "university", "college", "school", "hospital", "bank", "court", "committee", "commission", "association", "union", "federation", "force", "forces", "army", "navy", "police", "guard", "guards", "board", "institute", "foundation", "organization", "organisation", "network", "news", "times", "post", "press", "airlines", "airways", "club", "fc", "team", "league", "senate", "congress", "parliament", "assembly", "brigade", "brigades", "hezbollah", "taliban", "cabinet", "office", "center", "centre", "service", "services"]
)
_PLACE_WORDS = frozenset(
    ["city", "county", "province", "state", "states", "island", "islands", "river", "mountain", "mountains", "valley", "bay", "sea", "ocean", "street", "avenue", "road", "highway", "district", "region", "republic", "kingdom", "coast", "lake", "park", "airport", "square"]
)

_WORD_RE = re.compile(r"[^\W\d_][\w'’\-]*", re.UNICODE)
_TOKEN_RE = re.compile(r"[^\W_][\w'’\-.]*[^\W_]|[^\W_]", re.UNICODE)
_NUMBER_RE = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\w])")
_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n+")


@dataclass(slots=True)
class Features:
    """Raw weighted keys of one article (see module docstring)."""

    terms: dict[str, float] = field(default_factory=dict)
    entities: dict[str, float] = field(default_factory=dict)
    numbers: dict[str, float] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # entity -> person|org|place|other
    display: dict[str, str] = field(default_factory=dict)  # key -> how to show it ("Betty Ford")

    def to_json(self) -> str:
        return json.dumps(
            {
                "t": self.terms,
                "e": self.entities,
                "n": self.numbers,
                "k": self.kinds,
                "d": self.display,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, data: str) -> Features:
        try:
            raw = json.loads(data)
            return cls(
                terms={str(k): float(v) for k, v in raw.get("t", {}).items()},
                entities={str(k): float(v) for k, v in raw.get("e", {}).items()},
                numbers={str(k): float(v) for k, v in raw.get("n", {}).items()},
                kinds={str(k): str(v) for k, v in raw.get("k", {}).items()},
                display={str(k): str(v) for k, v in raw.get("d", {}).items()},
            )
        except (ValueError, TypeError, AttributeError):
            return cls()

    def keys(self) -> dict[str, float]:
        """All keys in one namespace, as the clustering index sees them.

        Terms are bare words, entities ``e:<name>``, numbers ``n:<number>``.
        """
        out: dict[str, float] = dict(self.terms)
        for name, w in self.entities.items():
            out["e:" + name] = w
        for num, w in self.numbers.items():
            out["n:" + num] = w
        return out


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light, conservative English stemmer (plurals and common verb endings)."""
    w = word
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("sses"):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
        if len(w) > 2 and w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
        if len(w) > 2 and w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
    return w


@lru_cache(maxsize=1 << 16)
def _norm_word(word: str) -> str:
    w = word.casefold().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return w.strip("'-")


def content_words(text: str) -> list[str]:
    """Stemmed, lower-cased content words of ``text`` in order."""
    return [w for w, _shown in _content_words_shown(text)]


def _content_words_shown(text: str) -> list[tuple[str, str]]:
    return list(chain.from_iterable(map(_word_parts, _WORD_RE.findall(text))))


@lru_cache(maxsize=1 << 17)
def _word_parts(token: str) -> tuple[tuple[str, str], ...]:
    """(stem, word) of each content word in one token (one per part of a hyphenated
    compound; none for a stopword)."""
    w = _norm_word(token)
    if len(w) < 2 or w in STOPWORDS:
        return ()
    # hyphenated compounds count as their parts
    return tuple(
        (stem(part), part)
        for part in (w.split("-") if "-" in w else (w,))
        if len(part) >= 2 and part not in STOPWORDS
    )


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def _entity_kind(tokens: list[str], prev: str | None) -> str:
    low = [t.casefold().strip(".") for t in tokens]
    if any(t in _ORG_WORDS for t in low) or (len(tokens) == 1 and tokens[0].isupper() and len(tokens[0]) > 1):
        return "org"
    if any(t in _PLACE_WORDS for t in low) or (prev or "").casefold() in {"in", "at", "near", "from", "to"}:
        return "place"
    if (prev or "").casefold().strip(".") in _TITLES or len(tokens) in (2, 3):
        return "person"
    return "other"


def _normalize_entity(tokens: list[str]) -> str:
    parts = []
    for t in tokens:
        t = t.replace("’", "'")
        if t.endswith("'s"):
            t = t[:-2]
        parts.append(t.replace(".", "").casefold())
    return " ".join(p for p in parts if p)


def extract_entities(text: str) -> list[tuple[str, str]]:
    """Names in ``text`` as (name as written, kind), one per mention, in order.

    Rule-based: maximal runs of capitalised tokens (with connectors like "of", "al"), without
    leading titles ("President", "Gen."); a lone capitalised word that starts a sentence counts
    only when it is not a common word.
    """
    return [(shown, kind) for _key, shown, kind in _entity_mentions(text)]


def name_words(text: str, seen: dict[str, tuple[list[str], bool]] | None = None) -> set[str]:
    """Case-folded words written with a capital inside a sentence somewhere in ``text``
    (names, as far as capitals tell); a Title Case headline is judged by them.

    ``seen``, if given, gets each sentence's tokens and whether it is a headline, for
    :func:`_entity_mentions` of the same article's sentences."""
    out: set[str] = set()
    for sentence in _SENTENCE_SPLIT_RE.split(text):
        tokens = _TOKEN_RE.findall(sentence)
        headline = len(tokens) >= 3 and _headline_case(sentence, tokens)  # < 3: never
        if seen is not None:
            seen[sentence] = (tokens, headline)
        if len(tokens) < 2 or headline:
            continue
        inner = tokens[1:]  # t[:1].isupper() of each (never empty), in C:
        out.update(map(str.casefold, compress(inner, map(str.isupper, map(_first, inner)))))
    return out


_first = itemgetter(0)


def lowercase_words(text: str) -> set[str]:
    """Words that occur in lower case somewhere in ``text``."""
    words = set(_WORD_RE.findall(text))  # w[:1].islower() of each (never empty), in C:
    return set(compress(words, map(str.islower, map(_first, words))))


def _headline_case(sentence: str, tokens: list[str] | tuple[str, ...]) -> bool:
    """A headline in Title Case ("Lindsay Lohan Checks Into Rehab"): capitals mark no names."""
    if sentence.rstrip().endswith((".", "!", "?", ":", ";")) or len(tokens) > 25:
        return False
    words = [
        t for t in tokens if len(t) >= 3 and t[:1].isalpha() and t.casefold() not in STOPWORDS
    ]
    if len(words) < 3:
        return False
    return sum(1 for t in words if t[:1].isupper()) >= 0.75 * len(words)


def _entity_mentions(
    text: str, names: set[str] | None = None, lower: set[str] | None = None,
    seen: dict[str, tuple[list[str], bool]] | None = None,
) -> list[tuple[str, str, str]]:
    """(normalized key, display form, kind) for each name mention in ``text``.

    ``names``: words the article capitalizes inside its sentences (see :func:`name_words`); in a
    Title Case headline only those count as names. ``seen``: sentences already tokenized.
    """
    found: list[tuple[str, str, str]] = []
    mention = _mention
    for sentence in _SENTENCE_SPLIT_RE.split(text):
        known = seen.get(sentence) if seen is not None else None
        tokens = known[0] if known is not None else _TOKEN_RE.findall(sentence)
        is_cap = list(map(str.isupper, map(_first, tokens)))  # t[:1].isupper(), never empty
        if True not in is_cap:  # no capitalized token, no name (a headline's are a subset)
            continue
        n = len(tokens)
        caps = list(compress(range(n), is_cap))
        if names is not None and (
            known[1] if known is not None else _headline_case(sentence, tokens)
        ):
            is_cap = [
                is_cap[k]
                and t.casefold() in names
                and t.casefold() not in STOPWORDS
                and t.casefold() not in _NOT_NAMES
                for k, t in enumerate(tokens)
            ]
            caps = [k for k in caps if is_cap[k]]
        end = 0
        for i in caps:  # each run starts at a capitalized token after the previous run
            if i < end:
                continue
            start = i
            j = i
            run: list[str] = []
            while j < n:
                t = tokens[j]
                if is_cap[j] or (
                    t.casefold() in _CONNECTORS
                    and run
                    and j + 1 < n
                    and is_cap[j + 1]
                ):
                    run.append(t)
                    j += 1
                else:
                    break
            end = j
            # strip leading non-names and titles ("The", "President", "Gen.")
            while run:
                first = run[0].casefold()
                if not (
                    first.strip(".") in _LEADING_NOT_NAMES
                    or (start == 0 and lower is not None and first in lower)
                ):
                    break
                run.pop(0)
                start += 1
            while run and run[-1].casefold() in _CONNECTORS:
                run.pop()
            if not run:
                continue
            m = mention(tuple(run), start == 0, tokens[start - 1] if start > 0 else None)
            if m is not None:
                found.append(m)
    return found


def _mention(run: tuple[str, ...], at_start: bool, prev: str | None
             ) -> tuple[str, str, str] | None:
    """(key, display form, kind) of one run of name tokens, or None if it is no name."""
    if len(run) == 1:
        w = _norm_word(run[0]).replace(".", "")
        if len(w) < 2 or w in STOPWORDS or w in _NOT_NAMES:
            return None
        if at_start and not run[0].isupper() and w in _COMMON_SENTENCE_STARTS:
            return None
    tokens = list(run)
    name = _normalize_entity(tokens)
    if not name:
        return None
    shown = " ".join(run).replace("’s", "").replace("'s", "")
    return (name, shown, _entity_kind(tokens, prev))


_LEADING_NOT_NAMES = _NOT_NAMES | _TITLES  # stripped from the front of a run


# Words often capitalised only because they start a sentence.
_COMMON_SENTENCE_STARTS = frozenset(
    ["police", "officials", "authorities", "witnesses", "residents", "people", "many", "some", "several", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "hundreds", "thousands", "dozens", "reports", "earlier", "later", "meanwhile", "instead", "still", "yet", "now", "today", "tonight", "officers", "rescuers", "firefighters", "troops", "soldiers", "investigators", "experts", "analysts", "critics", "fans", "friends", "family", "sources", "members", "workers", "students", "doctors"]
)


def _numbers(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for m in _NUMBER_RE.finditer(text):
        whole = m.group(1).replace(",", "")
        frac = (m.group(2) or "").rstrip("0")
        value = whole.lstrip("0") or "0"
        if frac:
            value += "." + frac
        if value in {"0", "1"}:
            continue
        out[value] = out.get(value, 0.0) + 1.0
    return out


def _split_lead(title: str, text: str) -> tuple[str, str]:
    """(lead, body) of ``text``: the first ~LEAD_WORDS words after a repeated title."""
    body = text
    t = title.strip()
    if t and body.lstrip().startswith(t):
        body = body.lstrip()[len(t):]
    words = body.split()
    if len(words) <= LEAD_WORDS:
        return body, ""
    # cut at a word boundary
    cut = 0
    for count, m in enumerate(re.finditer(r"\S+", body), start=1):
        if count == LEAD_WORDS:
            cut = m.end()
            break
    return body[:cut], body[cut:]


def _sublinear(counts: dict[str, float]) -> dict[str, float]:
    # counts take few distinct values: each one's logarithm once
    table = {v: 1.0 + math.log(v) if v >= 1.0 else v for v in set(counts.values())}
    return dict(zip(counts, map(table.__getitem__, counts.values()), strict=True))


def _top(d: dict[str, float], n: int) -> dict[str, float]:
    """The ``n`` largest, by weight then key: sorted by key, then (stable) by weight
    descending, which is the order (-weight, key) without a key function per item."""
    if len(d) <= n:
        return d
    ranked = sorted(d.items())  # keys are unique: compared by key alone
    ranked.sort(key=_second, reverse=True)  # reverse keeps equal weights in key order
    return dict(ranked[:n])


_second = itemgetter(1)


def article_features(title: str, text: str) -> Features:
    """Weighted terms, entities and numbers of one article (never raises)."""
    try:
        return _article_features(title or "", text or "")
    except Exception:  # noqa: BLE001 - a bad article must not stop the pipeline
        return Features()


def _article_features(title: str, text: str) -> Features:
    lead, body = _split_lead(title, text)
    words = [_WORD_RE.findall(part) for part in (title, lead, body)]
    terms: dict[str, float] = {}
    surface: dict[str, str] = {}
    for tokens, weight in zip(words, (TITLE_WEIGHT, LEAD_WEIGHT, BODY_WEIGHT), strict=True):
        for w, shown in chain.from_iterable(map(_word_parts, tokens)):
            terms[w] = terms.get(w, 0.0) + weight
            if w not in surface:
                surface[w] = shown

    entities: dict[str, float] = {}
    display: dict[str, str] = {}
    kinds: dict[str, str] = {}
    kind_votes: dict[str, dict[str, int]] = {}
    tokenized: dict[str, tuple[list[str], bool]] = {}  # sentence -> tokens, headline
    names = name_words(text, tokenized)
    # lowercase_words(title + "\n" + text) from the words already found: lead and body are
    # the text split where a word ends (and less the title it may repeat at its start,
    # which then must end where a word ends too, or the text is scanned again)
    seen = set(words[0])
    after_title = (lead or body)[:1]
    if len(lead) + len(body) != len(text) and after_title and not after_title.isspace():
        seen.update(_WORD_RE.findall(text))  # a word may run on from the title: scan it all
    else:
        seen.update(words[1])
        seen.update(words[2])
    lower = set(compress(seen, map(str.islower, map(_first, seen))))
    for part, weight in ((title, TITLE_WEIGHT), (lead, LEAD_WEIGHT), (body, BODY_WEIGHT)):
        for name, shown, kind in _entity_mentions(part, names, lower, tokenized):
            entities[name] = entities.get(name, 0.0) + weight
            if name not in display:
                display[name] = shown
            votes = kind_votes.setdefault(name, {})
            votes[kind] = votes.get(kind, 0) + 1
            tokens = name.split()
            if len(tokens) > 1 and kind == "person":
                # "Lindsay Lohan" is later just "Lohan"
                last = tokens[-1]
                entities[last] = entities.get(last, 0.0) + weight * 0.5
                if last not in display:
                    display[last] = shown.split()[-1]
    for name, votes in kind_votes.items():
        kinds[name] = max(votes.items(), key=lambda kv: (kv[1], kv[0]))[0]

    numbers: dict[str, float] = {}
    for part, weight in ((title, TITLE_WEIGHT), (lead, LEAD_WEIGHT), (body, BODY_WEIGHT)):
        for num, c in _numbers(part).items():
            numbers[num] = numbers.get(num, 0.0) + c * weight

    entities = _top(_sublinear(entities), MAX_ENTITIES)
    terms = _top(_sublinear(terms), MAX_TERMS)
    shown_keys = {"e:" + k: display[k] for k in entities if display.get(k, k) != k}
    for k in list(_top(terms, 20)):
        if surface.get(k, k) != k:
            shown_keys[k] = surface[k]
    return Features(
        terms=terms,
        entities=entities,
        numbers=_top(_sublinear(numbers), MAX_NUMBERS),
        kinds={k: v for k, v in kinds.items() if k in entities},
        display=shown_keys,
    )
