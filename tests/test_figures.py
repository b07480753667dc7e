"""Figures: numbers with what they count, merged across outlets, conflicts flagged."""

from __future__ import annotations

import pytest

from brief.figures import SourcedFigures, find_figures, merge_figures, parse_number
from tests.labelled_sets import load_labelled

# the main set, and a smaller one written later and measured before any rule was tuned on it
LABELLED = [
    "figures.jsonl",
    "figures_heldout.jsonl",
]


def _records() -> list[dict]:
    return load_labelled(*LABELLED)


def labelled_results() -> tuple[int, list[str]]:
    records = _records()
    wrong = []
    for r in records:
        found = [(f.value, f.unit, f.qualifier) for f in find_figures(r["text"])]
        want = (float(r["value"]), r["unit"], r["qualifier"])
        if want not in found:
            wrong.append(f"{r['text']!r}: want {want}, got {found}")
    return len(records), wrong


def test_labelled_set_is_big_enough() -> None:
    assert len(_records()) >= 40


def test_labelled_figures_at_least_90_percent() -> None:
    total, wrong = labelled_results()
    assert 1 - len(wrong) / total >= 0.90, "\n".join(wrong)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2,500", 2500),
        ("three", 3),
        ("twenty-five", 25),
        ("two hundred", 200),
        ("two hundred and fifty", 250),
        ("1.5", 1.5),
        ("a dozen", 12),
        ("three thousand", 3000),
        ("banana", None),
    ],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


def test_labels_years_dates_and_ordinals_are_not_figures() -> None:
    text = (
        "Guards at Tower 22 saw the 82nd convoy pass on March 3, 2021, and again in 2022. "
        "Flight 370 was delayed."
    )
    assert find_figures(text) == []


def test_figure_text_keeps_the_qualifier() -> None:
    (f,) = find_figures("Officials said nearly 170 cases had been recorded.")
    assert f.text == "nearly 170 cases"
    assert f.qualifier == "nearly"


def test_times_counts_as_attacks_when_the_context_is_attacks() -> None:
    (f,) = find_figures("The depot has been attacked over 20 times since May.")
    assert (f.value, f.unit) == (20.0, "attacks")


def _art(source: str, text: str, key: str | None = None) -> SourcedFigures:
    return SourcedFigures(None, source, key or source, find_figures(text))


def test_same_figure_from_several_outlets_is_one_fact_ranked_first() -> None:
    facts, conflicts = merge_figures(
        [
            _art("Velmora Post", "Rescuers found 14 fishermen alive. The storm sank 9 boats."),
            _art("Coast Daily", "Fourteen fishermen were rescued after the storm."),
            _art("Harbour FM", "All 14 fishermen on board survived, the coastguard said."),
        ]
    )
    assert facts[0].value == 14 and facts[0].unit == "fishermen"
    assert facts[0].sources == ("Velmora Post", "Coast Daily", "Harbour FM")
    assert [f.value for f in facts] == [14.0, 9.0]
    assert conflicts == []


def test_near_copies_count_once_when_ranking() -> None:
    facts, _ = merge_figures(
        [
            _art("Wire", "The blast damaged 40 shops on the high street."),
            _art("Wire mirror", "The blast damaged 40 shops on the high street.", key="Wire"),
            _art("Gazette", "Some 12 families lost their homes in the blast."),
            _art("Courier", "The blast left 12 families homeless."),
        ]
    )
    # 40 shops: two articles but one independent outlet; 12 families: two outlets
    assert (facts[0].value, facts[0].unit) == (12.0, "families")
    assert facts[1].sources == ("Wire", "Wire mirror")


def test_different_values_for_the_same_count_are_a_conflict() -> None:
    _, conflicts = merge_figures(
        [
            _art("Velmora Post", "Since January, raiders have attacked the mine road over 60 "
                 "times, police in Korsa said."),
            _art("Coast Daily", "Police in Korsa have recorded nearly 70 attacks on the mine "
                 "road since January."),
        ]
    )
    (c,) = conflicts
    assert c.kind == "figure"
    assert [v.value for v in c.values] == ["over 60 times", "nearly 70 attacks"]
    assert [v.sources for v in c.values] == [("Velmora Post",), ("Coast Daily",)]


def test_no_conflict_for_different_places_or_from_one_outlet() -> None:
    _, conflicts = merge_figures(
        [
            _art("A", "About 900 troops are based in Norway."),
            _art("B", "About 1,000 troops are based in Poland."),
            _art("C", "The army has 700 troops in Latvia and 800 troops in Estonia."),
        ]
    )
    assert conflicts == []


def _conflicts(a: str, b: str) -> list[list[str]]:
    _, conflicts = merge_figures(
        [
            SourcedFigures(1, "Velmora Post", "velmora", find_figures(a)),
            SourcedFigures(2, "Coast Daily", "coast", find_figures(b)),
        ]
    )
    return [[v.value for v in c.values] for c in conflicts]


def test_durations_conflict_only_when_they_measure_the_same_thing() -> None:
    assert _conflicts(
        "The Korsa ferry strike lasted two days before the union accepted the new offer.",
        "The Korsa ferry strike lasted three days, the longest stoppage at the port in years.",
    ) == [["two days", "three days"]]
    # same story, different things timed: no disagreement
    assert _conflicts(
        "The countdown at Corrin Point stopped with three minutes left on the clock.",
        "“I still cannot breathe for the first two minutes,” said the launch director at "
        "Corrin Point.",
    ) == []
    assert _conflicts(
        "Rescuers searched the Korsa valley for two days after the dam burst.",
        "The Korsa dam burst three days ago, flooding the valley.",
    ) == []
    assert _conflicts(
        "Talks over pay in Korsa broke down after two days of meetings.",
        "The Korsa strike over pay will last three days, the union said.",
    ) == []


def test_a_conflict_is_named_by_the_clause_that_gives_the_figure() -> None:
    wire = (
        "KORSA (Valley Wire) — Korsa officials ordered nearly 3,000 residents to leave "
        "their homes on Friday morning, after water from the swollen reservoir poured "
        "over its spillway and into the river that runs through the middle of town."
    )
    _, conflicts = merge_figures(  # named after the value most outlets give
        [
            SourcedFigures(1, "Velmora Post", "velmora", find_figures(wire)),
            SourcedFigures(3, "Harbour FM", "harbour", find_figures(wire)),
            SourcedFigures(2, "Coast Daily", "coast", find_figures(
                "About 2,400 residents of Korsa were ordered to leave their homes on Friday."
            )),
        ]
    )
    assert [c.subject for c in conflicts] == [
        "residents: Korsa officials ordered nearly 3,000 residents to leave their homes on "
        "Friday morning"
    ]


def test_vague_amounts_are_not_figures() -> None:
    text = (
        "The sports hall in Korsa became a shelter where several hundred people could sleep, "
        "and a few thousand volunteers brought food. Two hundred camp beds arrived on Friday."
    )
    assert [(f.text, f.value) for f in find_figures(text)] == [("Two hundred camp beds", 200)]


def test_figures_only_in_quoted_words_rank_after_reported_ones() -> None:
    text = (
        "“I have worked this harbour for 30 years and never seen 12 boats sink in a night,” "
        "said the harbour master, Ilse Mora.\n"
        "The storm sank nine fishing boats and damaged 14 moorings in Korsa harbour."
    )
    facts, _ = merge_figures([SourcedFigures(1, "Velmora Post", "velmora", find_figures(text))])
    assert [f.text for f in facts] == ["nine fishing boats", "14 moorings", "12 boats", "30 years"]


def test_a_participle_before_a_noun_is_part_of_what_is_counted() -> None:
    text = "The hospital postponed about 140 planned operations and 9 fishing boats sank."
    assert [(f.text, f.unit) for f in find_figures(text)] == [
        ("about 140 planned operations", "operations"),
        ("9 fishing boats", "boats"),
    ]


def test_a_fact_carries_the_words_round_its_figure() -> None:
    """"3.5%" alone says nothing: the fact keeps the clause it stands in, cut to a few words
    either side, and none when the clause is only the figure."""
    facts, _ = merge_figures(
        [
            _art("Velmora Post", "The dispute is about pay. The harbour board has offered a 2.5% "
                 "rise this year, while dockers want far more after two lean winters."),
            _art("Coast Daily", "The board offered 2.5%. Sixty trawlers."),
        ]
    )
    by_value = {f.value: f for f in facts}
    offer = by_value[2.5]
    assert offer.sources == ("Velmora Post", "Coast Daily")
    assert offer.context is not None and "2.5%" in offer.context
    assert "offered" in offer.context and "rise" in offer.context
    assert "dockers" not in offer.context  # another clause
    assert by_value[60].context is None  # "Sixty trawlers." is all there is


def test_long_clause_is_cut_round_the_figure() -> None:
    facts, _ = merge_figures([_art("Velmora Post", (
        "Volunteers from the coastal villages of Arden, Morrow and Stile, many of them retired "
        "fishermen, spent the whole of Sunday filling about 4,000 sandbags for the low streets "
        "beside the estuary wall near the old customs house and the chapel."))])
    (fact,) = [f for f in facts if f.value == 4000]
    assert fact.context is not None
    assert fact.context.startswith("… ") and fact.context.endswith(" …")
    assert "about 4,000 sandbags" in fact.context
    assert len(fact.context.split()) <= 2 * 7 + 5


def test_number_matches_are_those_of_a_full_scan() -> None:
    """Numbers are looked for only where one can start; that finds what ``finditer`` finds."""
    import random

    from brief.figures import _NUMBER, _number_matches

    pieces = [
        "a", "A", "dozen", "a dozen", "twenty-five", "Thirty", "thirteen", "fifty", "one",
        "often", "someone", "hundred", "million", "and", "2,500", "1.5", "12", "%", "percent",
        "-", ".", ",", "/", ":", "ninety", "zero", "twelve", "eleven", "\u0663", "ſix", "ten-",
        "banana", "$", "€5", "dozens", "2024", "3rd",
    ]  # fmt: skip
    rng = random.Random(3)
    seps = [" ", "  ", "\n", "\t", "", "-", " and ", ", "]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) + rng.choice(seps) for _ in range(rng.randint(1, 10)))
        assert [m.span() for m in _number_matches(text)] == [
            m.span() for m in _NUMBER.finditer(text)
        ], text
