"""Sentence spans: the fast paths give what the plain rules give."""

from __future__ import annotations

import random

from brief import sentences as S


def _abbreviation_by_pattern(text: str, dot: int) -> bool:
    """The rule as first written: the letters and periods before the dot, by a pattern."""
    m = S._WORD_BEFORE.search(text, max(0, dot - 24), dot)
    if not m:
        return False
    word = m.group(1).strip(".").lower()
    if not word:
        return False
    if len(word) == 1:
        return True
    if word in ("a.m", "p.m"):
        nxt = S._NEXT_WORD.match(text, dot + 1)
        return not (nxt and nxt.group(1).lower() not in S._AFTER_CLOCK)
    return word in S.ABBREVIATIONS


def test_abbreviation_check_matches_the_pattern_rule() -> None:
    pieces = ["Mr", "Gen", "a.m", "U.S", "x", " ", ".", "\n", "A", "St", "é", "1", "(", "Jan",
              "p.m", " Friday", " All"]
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 16)))
        for dot in range(len(text)):
            assert S._is_abbreviation(text, dot) == _abbreviation_by_pattern(text, dot), (
                text, dot
            )


def test_sentences_split_at_ends_not_at_abbreviations() -> None:
    text = "Gen. Ryder spoke at 9 a.m. Friday. The U.S. said no.\nA new line starts here."
    assert [s.text for s in S.split_sentences(text)] == [
        "Gen. Ryder spoke at 9 a.m. Friday.", "The U.S. said no.", "A new line starts here."
    ]


def test_datelines_are_stripped_as_a_multiline_substitution_strips_them() -> None:
    pieces = ["KORSA", "KORSA, Nov. 20", " (", ")", "Wire", " —", "—", " - ", " – ", "The dam",
              "\n", "Port Alder", ", England", "(AP) —", " ", "A", "B.", "“Q"]
    rng = random.Random(5)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        assert S.strip_datelines(text) == S._DATELINE_LINES.sub("", text), text
