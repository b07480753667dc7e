"""Extractive story summary: two or three lead sentences, chosen for how central they are
across the story's articles (word overlap with the other outlets' leads) and how early they
come in their article, without repeating each other."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from brief.sentences import split_sentences, strip_dateline

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+|\d[\d,.]*")
_STOP = frozenset(
    [
        "the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "with", "by", "and",
        "or", "but", "as", "than", "that", "which", "who", "this", "these", "those", "their",
        "its", "his", "her", "our", "were", "was", "is", "are", "be", "been", "being", "have",
        "has", "had", "do", "does", "did", "will", "would", "could", "should", "may", "might",
        "can", "not", "no", "it", "they", "them", "he", "she", "we", "you", "so", "also",
        "just", "more", "most", "other", "said", "says", "there", "here", "about", "into",
        "over", "after", "before", "since", "while", "when"
    ]
)
_LEAD = 3  # sentences taken from the top of each article


@dataclass(frozen=True, slots=True)
class SummaryText:
    title: str
    text: str
    independent: str


def _vector(sentence: str) -> Counter[str]:
    if "İ" in sentence or "K" in sentence:  # letters whose lower case is, or holds, an ASCII one
        return Counter(
            w.lower().rstrip(".,") for w in _WORD.findall(sentence) if w.lower() not in _STOP
        )
    # the same words, found in the lower-cased sentence
    return Counter(w.rstrip(".,") for w in _WORD.findall(sentence.lower()) if w not in _STOP)


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    if not dot:
        return 0.0
    return dot / (_norm(a) * _norm(b))


def _norm(v: Counter[str]) -> float:
    return math.sqrt(sum(x * x for x in v.values()))


def _is_sentence(s: str) -> bool:
    words = s.split()
    return 8 <= len(words) <= 60 and s.rstrip()[-1:] in '.!?"”’' and not s.endswith("?")


def _open_quote(s: str) -> bool:
    """A sentence that opens a quotation it does not close (the quote runs on)."""
    return s.count("“") > s.count("”") or s.count('"') % 2 == 1


def summarize(articles: Sequence[SummaryText], max_sentences: int = 3) -> str:
    cands: list[tuple[str, str, int, Counter[str]]] = []
    seen_indep: set[str] = set()
    for a in articles:
        if a.independent in seen_indep:
            continue  # near-copies add nothing
        seen_indep.add(a.independent)
        taken = 0
        for s in split_sentences(a.text):
            if taken >= _LEAD:
                break
            if not _is_sentence(s.text) or s.text.startswith(("“", '"', "‘")) or _open_quote(s.text):
                continue
            sentence = strip_dateline(s.text)
            cands.append((sentence, a.independent, taken, _vector(sentence)))
            taken += 1
    if not cands:
        return ""
    titles = _vector(" ".join(a.title for a in articles))
    # Centrality = mean cosine to the other outlets' lead sentences, computed in linear time:
    # the mean of cosines is the dot product with the sum of the others' unit vectors.
    units = []
    total: Counter[str] = Counter()
    per_outlet: dict[str, Counter[str]] = {}
    count: Counter[str] = Counter()
    for _, indep, _, vec in cands:
        n = _norm(vec) or 1.0
        unit = {k: v / n for k, v in vec.items()}
        units.append(unit)
        total.update(unit)
        per_outlet.setdefault(indep, Counter()).update(unit)
        count[indep] += 1
    scored = []
    for (text, indep, pos, vec), unit in zip(cands, units, strict=True):
        n_others = len(cands) - count[indep]
        own = per_outlet[indep]
        centrality = (
            sum(v * (total[k] - own[k]) for k, v in unit.items()) / n_others if n_others else 0.0
        )
        score = centrality + 0.3 * _cosine(vec, titles) + 0.15 / (1 + pos)
        scored.append((score, text, vec))
    scored.sort(key=lambda t: -t[0])
    chosen: list[tuple[str, Counter[str]]] = []
    for _, text, vec in scored:
        if any(_cosine(vec, v) > 0.5 for _, v in chosen):
            continue
        chosen.append((text, vec))
        if len(chosen) >= max_sentences:
            break
    if len(chosen) == 3 and len(" ".join(t for t, _ in chosen).split()) > 90:
        chosen = chosen[:2]
    return " ".join(t for t, _ in chosen)
