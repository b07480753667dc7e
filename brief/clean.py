"""Text-level cleaning: drop what surrounds an article, keep every sentence of it.

``clean_text`` runs on extractor output and on plain text users save or paste alike. It works
paragraph by paragraph on normalized text (see ``brief.normalize``) with the rules in
``brief.boilerplate`` and records every paragraph it drops as a ``Removal(text, reason)``.
Cleaning repeats until nothing more is removed, so cleaning clean text changes nothing.
Neither function raises: on an internal error the normalized text is returned unchanged.

Removal reasons (``Removal.reason``), for display: ``title`` (the headline repeated),
``related`` (a "You may also like" box or a list of links to other stories, with its teasers),
``teaser`` ("Read more: <headline>"), ``newsletter`` (a sign-up box), ``promo`` (subscribe,
follow, download, "click here"), ``comments`` (comment forms and counts), ``share``,
``cookies``, ``advert``, ``media`` (player notices), ``navigation``, ``timestamp`` (date
stamps and "Updated:" lines), ``byline``, ``credits`` (photo and reporting credits),
``footer`` (copyright, tags, legal links), ``contact`` ("Have a tip?"), ``republished``,
``disclosure`` (affiliate notes), ``markup`` (leftover shortcodes), ``url`` (a bare address
above the article).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from brief import boilerplate as bp
from brief.models import CleanArticle, Removal
from brief.normalize import normalize_text

_log = logging.getLogger(__name__)
_FLAGS = re.IGNORECASE | re.UNICODE
_WORD_RE = re.compile(r"\w+")
_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9@])")
_BULLET_RE = re.compile(r"^(?:[-*\u2022\u25cf\u25aa\u25b8\u25ba\u2013\u2014>]|\d{1,2}[.)])\s+\S")
_YOU_RE = re.compile(r"\byou(?:r)?\b", _FLAGS)
_URL_RE = re.compile(r"(?:https?://|www\.)\S+")
_LEADING_BULLET_RE = re.compile(r"^(?:[-*\u2022\u25cf\u25aa\u25b8\u25ba>]\s*)+")
_ELLIPSIS_END_RE = re.compile(r"(?:\.\.\.|\u2026)\W{0,3}$")
_TRAILING_PUNCT = " .:!?\u2026|\u00bb\u203a>-\u2013\u2014*"
# 17:45, 9h30, 9.30 a.m., 5 PM -- a dotted time only with its a.m./p.m. (3.8.11 is a version).
_TIME_RE = re.compile(
    r"(?<![\d.])(?:\d{1,2}[:h]\d{2}\b|\d{1,2}\.\d{2}\s*[ap]\.?\s?m\b|\d{1,2}\s*[ap]\.?\s?m\b)\.?",
    _FLAGS,
)
# 2019-11-19, 19.11.2019, 11/19/19 -- but not a version number such as 3.8.11.
_NUMERIC_DATE_RE = re.compile(
    r"\b(?:(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2}"
    r"|\d{1,2}[-/]\d{1,2}[-/]\d{2})\b"
)
_DATELINE_SPLIT_RE = re.compile(r"\s[|\u00b7\u2022/]\s|\s[-\u2013\u2014]\s")
_LETTERS_DIGITS_RE = re.compile(r"[^\W_]+")
_STAMP_TAIL_RE = re.compile(r"\s+(?:by|von|par|por)\s+|\s*[|\u2022\u00b7]\s*")
_HEADER_LEAD_RE = re.compile(r"^[-*\u2022\u25cf\u25aa>#\s]+")
_YEAR_RE = re.compile(r"\b(?:1[89]|20)\d{2}\b")
_WEEKDAYS = frozenset(bp.WEEKDAYS)
_NUMBER_TOKEN_RE = re.compile(r"\d+(?:st|nd|rd|th|h)?")
_TITLE_SPLIT_RE = re.compile(r"\s+(?:[|\u2014\u2013\u00b7\u2022:]|-|::)\s+")
_BYLINE_RE = re.compile(
    r"(?:(?:written|words|text|story|reporting|report)\s+)?(?:by|von|par|por)\s*:?\s+(.{2,90})", _FLAGS
)
_BYLINE_JOINERS = {
    "and", "&", "|", "-", "of", "de", "da", "van", "von", "der", "den", "le", "la", "di", "du",
    "bin", "al", "el", "y", "e", "et", "und", "in", "for", "at", "the", "staff", "writer",
    "reporter", "correspondent", "editor", "contributor", "with", ",", "/",
}
_CREDITS_RE = re.compile(
    r"(?:\(?(?:additional )?(?:reporting|writing|editing|compiled|produced|graphics?|photos?|"
    r"research|fact-checking) by [^.]{2,120}[;,.)]*\s*){1,5}",
    _FLAGS,
)


@dataclass(frozen=True)
class _Rules:
    lines: tuple[tuple[str, int, bool, tuple[str, ...], re.Pattern[str]], ...]
    block_header: re.Pattern[str]
    inline_teaser: re.Pattern[str]
    inline_teaser_weak: re.Pattern[str]
    promo: re.Pattern[str]
    promo_opener: re.Pattern[str]
    promo_verb: re.Pattern[str]
    promo_vocab: re.Pattern[str]
    tagged_teaser: re.Pattern[str]
    newsletter_header: re.Pattern[str]
    timestamp_prefix: re.Pattern[str]


def _groups(table: dict[str, tuple[str, ...]], english_only: bool) -> list[str]:
    return [p for key, ps in table.items() if not english_only or key in ("*", "en") for p in ps]


def _alternation(phrases: list[str] | tuple[str, ...]) -> str:
    return "|".join(f"(?:{p})" for p in phrases) or r"(?!x)x"


@lru_cache(maxsize=2)
def _rules(english_only: bool = False) -> _Rules:
    # Rules are written in lower case and applied to lower-cased text: without IGNORECASE,
    # Python's regex engine scans a long alternation several times faster. Text that reads as
    # English gets the English and common phrases only (the commonest case, and the fastest);
    # any other text gets every language's phrases: a page's declared language is often
    # wrong, and widgets are often in English whatever the article's language.

    def compile_(pattern: str) -> re.Pattern[str]:
        return re.compile(pattern)

    lines = tuple(
        (
            rule.reason,
            rule.max_words,
            rule.search,
            rule.triggers,
            compile_(_alternation(_groups(rule.phrases, english_only))),
        )
        for rule in bp.LINE
    )
    verbs = "|".join(re.escape(v) for v in bp.PROMO_VERBS)
    return _Rules(
        lines=lines,
        block_header=compile_(_alternation(_groups(bp.BLOCK_HEADERS, english_only))),
        inline_teaser=compile_(
            rf"(?:{_alternation(_groups(bp.INLINE_TEASER, english_only))}){bp.INLINE_SEPARATORS}(\S.*)"
        ),
        inline_teaser_weak=compile_(
            rf"(?:{_alternation(_groups(bp.INLINE_TEASER_WEAK, english_only))})"
            rf"{bp.INLINE_SEPARATORS_WEAK}(\S.*[^.])"
        ),
        promo=compile_(_alternation(_groups(bp.PROMO, english_only))),
        promo_opener=compile_(rf"\W*(?:please\s+)?(?:{_alternation(bp.PROMO_OPENERS)})"),
        promo_verb=compile_(rf"\W*(?:please\s+)?(?:{verbs})\b"),
        promo_vocab=compile_(r"\b(?:" + "|".join(bp.PROMO_VOCAB) + r")\b"),
        tagged_teaser=compile_(bp.TAGGED_TEASER),
        newsletter_header=compile_(bp.NEWSLETTER_HEADER),
        timestamp_prefix=compile_(
            rf"(?:{_alternation(list(bp.TIMESTAMP_PREFIXES))})\s*[:|\u2014\u2013-]?\s*(.*)"
        ),
    )


_DATE_WORDS = frozenset(bp.DATE_WORDS)
_DATE_NAMES = frozenset(bp.DATE_WORDS) - frozenset(bp.DATE_FILLERS)
_BYLINE_STOP = frozenset(bp.BYLINE_STOPWORDS)


def _lang_key(lang: str | None) -> str | None:
    if not lang or not isinstance(lang, str):
        return None
    key = lang.strip().lower().replace("_", "-").split("-")[0]
    return key if key.isalpha() and 2 <= len(key) <= 3 else None


_STOPWORDS = {lang: frozenset(words) for lang, words in bp.STOPWORDS.items()}
_ENGLISH_WORDS = _STOPWORDS["en"]
_NOUN_CAPS_WORDS = frozenset(w for lang in bp.NOUN_CAPITALISING for w in _STOPWORDS[lang])
_LETTERS_RE = re.compile(r"[^\W\d_]+")


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` from its commonest words, or None when unsure."""
    tokens = _LETTERS_RE.findall(text[:2000].lower())
    if len(tokens) < 20:
        return None
    counts = Counter(tokens)
    scores = sorted(
        ((sum(counts[w] for w in words), lang) for lang, words in _STOPWORDS.items()),
        reverse=True,
    )
    (best, lang), (second, _) = scores[0], scores[1]
    return lang if best >= 0.15 * len(tokens) and best >= 1.5 * second else None


def _words(text: str) -> int:
    return len(text.split())


# ---------------------------------------------------------------------------------------------
# Paragraph classifiers
# ---------------------------------------------------------------------------------------------


def _is_date_stamp(text: str) -> bool:
    """A bare date and/or time: "Tue., Nov. 19, 2019 5:31 PM EST", "2019-11-19 08:00"."""
    tokens = _LETTERS_DIGITS_RE.findall(text.lower())
    if not tokens or len(tokens) > 14:
        return False
    numbers = 0
    for tok in tokens:
        if _NUMBER_TOKEN_RE.fullmatch(tok):
            numbers += 1
        elif tok not in _DATE_WORDS:
            return False
    if not numbers or sum(1 for t in tokens if t in _DATE_NAMES and t not in _WEEKDAYS) > 1:
        return False
    if len(_YEAR_RE.findall(text)) > 1 or len(_TIME_RE.findall(text)) > 1:
        return False  # a range ("29 November 2018 | 20 January 2019") or opening hours
    return bool(
        any(t in _DATE_NAMES for t in tokens) or _NUMERIC_DATE_RE.search(text) or _TIME_RE.search(text)
    )


def _dateline(text: str) -> bool:
    """A date stamp beside a short label or a byline: "Kessford Bulletin | Saturday, November
    21, 2026", "5:45 AM PST 11/19/2019 by Jo Quill"."""
    stamp, by, name = text.rpartition(" by ")
    if by and _is_date_stamp(stamp) and _byline("By " + name):
        return True
    parts = [p.strip() for p in _DATELINE_SPLIT_RE.split(text) if p.strip()]
    if not 2 <= len(parts) <= 4:
        return False
    stamps = [p for p in parts if _is_date_stamp(p)]
    others = [p for p in parts if p not in stamps]
    return len(stamps) == 1 and all(_words(p) <= 6 and not p.endswith(".") for p in others)


def _timestamp(text: str, rules: _Rules) -> bool:
    if _words(text) > 18:
        return False
    m = rules.timestamp_prefix.fullmatch(text.lower())
    if not m:
        return False
    rest = _STAMP_TAIL_RE.split(m.group(1), maxsplit=1)[0]
    return _is_date_stamp(rest.strip(" .,;:"))


def _byline(text: str) -> bool:
    m = _BYLINE_RE.fullmatch(text)
    if not m:
        return False
    rest = m.group(1).strip(" .")
    words = rest.replace(",", " , ").split()
    if not words or len(words) > 12 or words[0].lower().strip(".,") in _BYLINE_STOP:
        return False
    if not words[0][:1].isupper():
        return False
    return all(
        w[:1].isupper() or w.lower() in _BYLINE_JOINERS or "@" in w or w[:1] in "(|" for w in words
    )


def _tagged(text: str, rules: _Rules) -> bool:
    """A short link line ending in a bracketed tag: "... [VIDEO]"."""
    return (
        text.rstrip(" |,.").endswith("]")
        and _words(text) <= bp.TAGGED_TEASER_MAX_WORDS
        and rules.tagged_teaser.fullmatch(text.lower()) is not None
    )


def _subheading(text: str) -> bool:
    return _words(text) <= 8 and not text.rstrip("\"')]").endswith((".", "...", "\u2026", ","))


_MINOR_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "vs", "with", "via", "is", "are"]
)


def _headline_bullet(text: str) -> bool:
    if not _BULLET_RE.match(text) or text.rstrip("\"')]").endswith((".", ":", ";", ",")):
        return False
    words = _LEADING_BULLET_RE.sub("", text).split()
    low, high = bp.RELATED_ITEM_WORDS
    if not low <= len(words) <= high:
        return False
    if not _NOUN_CAPS_WORDS.isdisjoint(w.lower() for w in words):
        return False  # German capitalises every noun: capitals say nothing there
    content = [w for w in words if w.lower() not in _MINOR_WORDS and w[:1].isalpha()]
    caps = sum(1 for w in content if w[:1].isupper())
    return bool(content) and caps >= 0.75 * len(content)


def _headline_bullets(paras: list[str], start: int) -> int:
    """Length of the run of headline-style bullet items starting at ``start`` (0 if too short)."""
    j = start
    while j < len(paras) and _headline_bullet(paras[j]):
        j += 1
    run = j - start
    return run if run >= bp.RELATED_RUN_MIN else 0


def byline_name(line: str) -> str | None:
    """The names in a byline line: "By Ada Brennick and Tom Quill" -> "Ada Brennick and Tom Quill"."""
    m = _BYLINE_RE.fullmatch(line.strip())
    return m.group(1).strip(" .,|") or None if m else None


def _stamp_part(text: str) -> str:
    """The date in a stamp line: "Updated: March 5, 2024" -> "March 5, 2024"."""
    m = _rules().timestamp_prefix.fullmatch(text.lower())
    if m:
        text = text[len(text) - len(m.group(1)) :] if m.group(1) else ""
    stamp, by, _name = text.rpartition(" by ")
    if by:
        text = stamp
    parts = [p.strip() for p in _DATELINE_SPLIT_RE.split(text) if p.strip()]
    return next((p for p in parts if _is_date_stamp(p)), text).strip(" .,;:|")


def stamp_date(removed: list[Removal], lang: str | None = None) -> datetime | None:
    """The date of the first date stamp the cleaner removed (for texts without metadata)."""
    stamps = [r.text for r in removed if r.reason == "timestamp"]
    if not stamps:
        return None
    import dateparser  # heavy: only for texts that carry a stamp

    languages = [lang] if lang in _DATEPARSER_LANGUAGES else ["en"]
    for stamp in stamps:
        try:
            when = dateparser.parse(
                _stamp_part(stamp),
                languages=languages,
                settings={"REQUIRE_PARTS": ["day", "month", "year"]},
            )
        except Exception:
            continue
        if when is not None:
            return when
    return None


_DATEPARSER_LANGUAGES = frozenset({"en", "de", "fr", "es", "pt", "it", "nl"})


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_SPLIT_RE.split(text) if s.strip()]


def _promo_sentence(sentence: str, rules: _Rules) -> bool:
    low = sentence.lower()
    if rules.promo.search(low) or rules.promo_opener.match(low):
        return True
    return bool(rules.promo_verb.match(low) and rules.promo_vocab.search(low))


def _promo(text: str, rules: _Rules) -> bool:
    total = _words(text)
    if total > bp.PROMO_MAX_WORDS:
        return False
    promo_words = sum(_words(s) for s in _sentences(text) if _promo_sentence(s, rules))
    if not promo_words:
        return False
    return promo_words * 2 >= total or (total <= 45 and promo_words * 4 >= total)


def _header_key(text: str) -> str:
    text = _HEADER_LEAD_RE.sub("", text)
    return text.rstrip(_TRAILING_PUNCT)


def _newsletter_name(text: str, rules: _Rules) -> bool:
    """ "Pick Six Newsletter": a named sign-up box (not "The rise of the newsletter")."""
    key = _header_key(text)
    if not rules.newsletter_header.fullmatch(key.lower()):
        return False
    name = key.split()[:-1]
    if name and name[0].lower() in ("the", "our"):
        name = name[1:]
    return all(w[:1].isupper() and w.lower() not in _MINOR_WORDS for w in name)


def _block_header(text: str, rules: _Rules) -> bool:
    if _words(text) > bp.BLOCK_HEADER_MAX_WORDS:
        return False
    key = _header_key(text).lower()
    return bool(key) and rules.block_header.fullmatch(key) is not None


def _teaser(text: str, rules: _Rules, *, loose: bool) -> bool:
    """A line under a "related" header: headline, truncated lead, bullet item, tagged link."""
    words = _words(text)
    if _ELLIPSIS_END_RE.search(text) and words <= 60:
        return True
    if _BULLET_RE.match(text) and words <= 40:
        return True
    if _tagged(text, rules):
        return True
    if not loose:
        return False
    if words <= 16 and not text.rstrip("\"')]").endswith("."):
        return True
    return _line_reason(text, rules) is not None or _promo(text, rules)


def _line_reason(text: str, rules: _Rules) -> str | None:
    words = _words(text)
    text = text.lower()
    debulleted = _LEADING_BULLET_RE.sub("", text)
    bare = text.strip(" .!:;|*\u2022-")
    for reason, max_words, search, triggers, pattern in rules.lines:
        if words > max_words or (triggers and not any(t in text for t in triggers)):
            continue
        if search:
            if pattern.search(text):
                return reason
            continue
        if (
            pattern.fullmatch(text)
            or (debulleted != text and pattern.fullmatch(debulleted))
            or (bare != text and bare != debulleted and pattern.fullmatch(bare))
        ):
            return reason
    return None


def _title_variants(title: str) -> list[tuple[str, ...]]:
    parts = [title, *_TITLE_SPLIT_RE.split(title)]
    variants = []
    for part in parts:
        toks = tuple(_WORD_RE.findall(part.lower()))
        if len(toks) >= 2 or (toks and len(parts) == 1):
            variants.append(toks)
    return variants


def _is_title(text: str, variants: list[tuple[str, ...]]) -> bool:
    if _words(text) > 40:
        return False
    for toks in _title_variants(text):
        for var in variants:
            if toks == var and len(toks) >= 3:
                return True
            short, long_ = (toks, var) if len(toks) < len(var) else (var, toks)
            if len(short) >= 4 and long_[: len(short)] == short and len(short) >= 0.75 * len(long_):
                return True
    full = tuple(_WORD_RE.findall(text.lower()))
    return bool(full) and full in variants


# ---------------------------------------------------------------------------------------------
# One pass over the paragraphs
# ---------------------------------------------------------------------------------------------


_MAX_RULE_WORDS = max(
    bp.PROMO_MAX_WORDS, 60, *(rule.max_words for rule in bp.LINE)
)  # longer paragraphs are article prose to every rule


class _Classifier:
    """The context-free verdicts on one paragraph, memoized across the passes of one call."""

    def __init__(self, lang: str | None) -> None:
        # Only the declared language and each paragraph's own words choose the rules: what
        # is decided from the whole text could change once boilerplate is gone, and cleaning
        # clean text must change nothing.
        self.foreign = lang is not None and lang != "en"
        self.lang = lang
        self.paras: list[str] = []  # the paragraphs of the current pass
        self._text_lang: tuple[str | None] | None = None  # guessed for them, once asked
        self._memo: dict[tuple[str, str], object] = {}

    def start_pass(self, paras: list[str]) -> None:
        self.paras = paras
        self._text_lang = None

    def title_case(self) -> bool:
        """Whether headlines are told by capitals (not in German: it capitalises every noun).

        Judged on the paragraphs as they stand in this pass, so that the last pass (which
        removes nothing) judges exactly what a second cleaning would see; guessed only when
        asked, since few texts hold a list that needs it.
        """
        if self._text_lang is None:
            self._text_lang = (guess_language("\n\n".join(self.paras)),)
        text_lang = self._text_lang[0]
        if text_lang is not None:
            return text_lang in bp.TITLE_CASE_LANGUAGES
        return self.lang is None or self.lang in bp.TITLE_CASE_LANGUAGES

    def rules_for(self, text: str) -> _Rules:
        """English phrases for a paragraph with English words in it, every language's else."""
        if self.foreign or _ENGLISH_WORDS.isdisjoint(_LETTERS_RE.findall(text.lower())):
            return _rules(english_only=False)
        return _rules(english_only=True)

    def _get(self, kind: str, text: str, fn: Callable[[str], object]) -> Any:
        key = (kind, text)
        if key not in self._memo:
            self._memo[key] = fn(text)
        return self._memo[key]

    def stamp(self, text: str) -> bool:
        """A bare date stamp, or one beside a short label ("Gazette | March 5, 2024")."""
        return self._get(  # type: ignore[no-any-return]
            "stamp", text, lambda t: _words(t) <= 16 and (_is_date_stamp(t) or _dateline(t))
        )

    def reason(self, text: str, edge: bool, last: bool, lone: bool = True) -> str | None:
        """Why a paragraph that opens no block is boilerplate, or None.

        ``edge``: among the first or last paragraphs; ``lone``: no neighbouring paragraph is a
        date stamp too (a run of dated lines is a schedule or a timeline, not a stamp).
        """
        words = _words(text)
        if words > _MAX_RULE_WORDS:
            return None
        reason = self._get("line", text, self._line)
        if reason is None and edge and lone and self.stamp(text):
            reason = "timestamp"
        if reason is None and edge and words <= 14 and _byline(text):
            reason = "byline"
        if reason is None and last and words <= 40 and _CREDITS_RE.fullmatch(text):
            reason = "credits"
        return reason

    def _line(self, text: str) -> str | None:
        rules = self.rules_for(text)
        words = _words(text)
        reason = _line_reason(text, rules)
        if reason is None and _tagged(text, rules):
            reason = "teaser"
        if reason is None and words <= 18 and _timestamp(text, rules):
            reason = "timestamp"
        if reason is None and _promo(text, rules):
            reason = "promo"
        return reason

    def opener(self, text: str) -> tuple[str, str] | None:
        """(kind, reason) when the paragraph opens a block: related, newsletter or teaser."""
        return self._get("opener", text, self._opener)  # type: ignore[no-any-return]

    def _opener(self, text: str) -> tuple[str, str] | None:
        words = _words(text)
        if words > bp.INLINE_TEASER_MAX_WORDS + 4:
            return None
        rules = self.rules_for(text)
        if _block_header(text, rules):
            return ("loose", "related")
        if words <= 7 and _newsletter_name(text, rules):
            return ("newsletter", "newsletter")
        low = text.lower()
        m = rules.inline_teaser.fullmatch(low) or rules.inline_teaser_weak.fullmatch(low)
        if m and _words(m.group(1)) <= bp.INLINE_TEASER_MAX_WORDS:
            return ("strict", "teaser")
        return None

    def follows(self, text: str, kind: str) -> bool:
        """Whether a paragraph continues a block opened by an ``opener`` of this kind."""
        return self._get("follows-" + kind, text, lambda t: self._follows(t, kind))  # type: ignore[no-any-return]

    def _follows(self, text: str, kind: str) -> bool:
        rules = self.rules_for(text)
        if kind == "newsletter":
            words = _words(text)
            if _teaser(text, rules, loose=False):  # links listed under a sign-up box
                return True
            return words <= 30 and bool(
                words <= 4
                or rules.promo_verb.match(text.lower())
                or _YOU_RE.search(text)
                or _promo(text, rules)
            )
        if _teaser(text, rules, loose=False):
            return True
        return _teaser(text, rules, loose=kind == "loose")


def _pass(
    paras: list[str], cls: _Classifier, title: list[tuple[str, ...]] | None
) -> tuple[list[str], list[Removal]]:
    keep: list[str] = []
    removed: list[Removal] = []
    n = len(paras)
    i = 0
    while i < n:
        p = paras[i]
        if title and len(keep) < 3 and _is_title(p, title):
            removed.append(Removal(p, "title"))
            i += 1
            continue
        if i == 0 and _URL_RE.fullmatch(p):
            removed.append(Removal(p, "url"))  # the page's own address above the article
            i += 1
            continue
        opened = cls.opener(p)
        if opened:
            kind, block_reason = opened
            removed.append(Removal(p, block_reason))
            j = i + 1
            while j < n and cls.follows(paras[j], kind):
                j += 1
            # A short line right before the prose where the run stopped is that prose's
            # subheading, not one more teaser.
            if kind == "loose" and j < n and j > i + 1 and _subheading(paras[j - 1]):
                j -= 1
            removed.extend(Removal(x, block_reason) for x in paras[i + 1 : j])
            i = j
            continue
        run = _headline_bullets(paras, i)
        if run and not cls.title_case():
            run = 0
        if run:
            removed.extend(Removal(x, "related") for x in paras[i : i + run])
            i += run
            continue
        lone = not ((i > 0 and cls.stamp(paras[i - 1])) or (i + 1 < n and cls.stamp(paras[i + 1])))
        reason = cls.reason(p, edge=len(keep) < 3 or i >= n - 2, last=i >= n - 2, lone=lone)
        if reason is None:
            keep.append(p)
        else:
            removed.append(Removal(p, reason))
        i += 1
    return keep, removed


def clean_text(
    text: str, *, lang: str | None = None, title: str | None = None
) -> tuple[str, list[Removal]]:
    """Remove boilerplate paragraphs from ``text``; return the clean text and what was removed.

    ``lang`` (ISO 639-1, e.g. "de") narrows the phrase tables to that language plus English;
    ``title`` lets a leading repeat of the headline be dropped (reason "title").
    """
    try:
        return _clean(text, lang, title)
    except Exception:  # pragma: no cover - the cleaner must never raise
        _log.debug("clean_text failed; returning the text uncleaned", exc_info=True)
        return normalize_text(text), []


def _clean(text: str, lang: str | None, title: str | None) -> tuple[str, list[Removal]]:
    normalized = normalize_text(text)
    if not normalized:
        return "", []
    # The text's own words outvote a declared language (templates often declare the wrong one);
    # when they do not tell, every language's phrases are used.
    classifier = _Classifier(_lang_key(lang))
    variants = _title_variants(normalize_text(title)) if isinstance(title, str) and title else None
    paras = normalized.split("\n\n")
    removed: list[Removal] = []
    for _ in range(len(paras) + 1):
        classifier.start_pass(paras)
        paras, dropped = _pass(paras, classifier, variants)
        if not dropped:
            break
        removed.extend(dropped)
    return "\n\n".join(paras), removed


# ---------------------------------------------------------------------------------------------
# Plain-text documents
# ---------------------------------------------------------------------------------------------

_HEADLINE_MAX_WORDS = 25
_MARKDOWN_HEADING_RE = re.compile(r"^#{1,6}\s+|\s+#{1,6}$")
_RULE_LINE_RE = re.compile(r"[=\-_*~#]{3,}")


def _looks_like_headline(line: str) -> bool:
    words = _words(line)
    if not 2 <= words <= _HEADLINE_MAX_WORDS or len(line) > 200:
        return False
    if line.rstrip("\"')]").endswith((".", ",", ";", ":")) and not line.endswith("..."):
        return False
    if _BULLET_RE.match(line):
        return False
    return any(ch.isalpha() for ch in line)


def _title_from_sentence(paragraph: str, limit: int = 90) -> str:
    sentence = _sentences(paragraph)[0] if paragraph else ""
    sentence = sentence.strip().rstrip(".")
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return cut + "\u2026"


def _title_from_name(source_name: str | None) -> str | None:
    if not source_name:
        return None
    stem = Path(str(source_name)).stem
    stem = re.sub(r"[_\-]+", " ", stem).strip()
    return stem or None


def clean_plain_document(text: str, *, source_name: str | None = None) -> CleanArticle:
    """Turn a plain-text article (a .txt file, pasted text) into a ``CleanArticle``.

    Boilerplate goes first (a date stamp or a section label above the headline is not the
    headline); then the first line is the title when it reads like a headline (a few words, no
    closing period); otherwise a title is derived from the first sentence, which stays in the
    text, or from the file name.
    """
    try:
        normalized = normalize_text(text)
        paras = [p for p in normalized.split("\n\n") if p]
        title: str | None = None
        if paras:
            heading = _MARKDOWN_HEADING_RE.sub("", paras[0])
            if heading != paras[0] and heading:  # "# Title" is a title whatever it says
                title, paras = heading, paras[1:]
        cleaned, removed = clean_text("\n\n".join(paras), title=title)
        body = [p for p in cleaned.split("\n\n") if p]
        if title is None and len(body) > 1 and _looks_like_headline(body[0]):
            title, body = body[0], body[1:]
            cleaned, more = clean_text("\n\n".join(body), title=title)
            removed += more
            body = [p for p in cleaned.split("\n\n") if p]
        if body and _RULE_LINE_RE.fullmatch(body[0]):  # a "=====" underline
            body = body[1:]
            cleaned = "\n\n".join(body)
        if title is None:
            title = _title_from_sentence(body[0] if body else "") or _title_from_name(source_name)
        lang = guess_language(cleaned)
        return CleanArticle(
            text=cleaned,
            title=title or None,
            byline=next((byline_name(r.text) for r in removed if r.reason == "byline"), None),
            published=stamp_date(removed, lang),
            lang=lang,
            removed=removed,
        )
    except Exception:  # pragma: no cover - must never raise
        return CleanArticle(text=normalize_text(text), title=_title_from_name(source_name))
