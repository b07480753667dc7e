"""Extractive story summary: two or three lead sentences, chosen for how central they are
across the story's articles (word overlap with the other outlets' leads) and how early they
come in their article, without repeating each other."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from brief.sentences import split_sentences

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
    return Counter(
        w.lower().rstrip(".,") for w in _WORD.findall(sentence) if w.lower() not in _STOP
    )


def _cosine(a: Counter[str], b: Counter[str], na: float | None = None,
            nb: float | None = None) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b, na, nb = b, a, nb, na
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    if not dot:
        return 0.0
    return dot / ((na or _norm(a)) * (nb or _norm(b)))


def _norm(v: Counter[str]) -> float:
    return math.sqrt(sum(x * x for x in v.values()))


def _is_sentence(s: str) -> bool:
    words = s.split()
    return 8 <= len(words) <= 60 and s.rstrip()[-1:] in '.!?"”’' and not s.endswith("?")


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
            if not _is_sentence(s.text) or s.text.startswith(("“", '"')):
                continue
            cands.append((s.text, a.independent, taken, _vector(s.text)))
            taken += 1
    if not cands:
        return ""
    titles = _vector(" ".join(a.title for a in articles))
    norms = {id(v): _norm(v) for _, _, _, v in cands}  # the vectors live as long as ``cands``
    scored = []
    for text, indep, pos, vec in cands:
        nv = norms[id(vec)]
        others = [_cosine(vec, v, nv, norms[id(v)]) for t, i, _, v in cands if i != indep]
        centrality = sum(others) / len(others) if others else 0.0
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
