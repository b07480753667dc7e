"""Date expressions: span rules and resolution against a publish date."""

from __future__ import annotations

from datetime import date

import pytest

from brief.dates import DateMention, Reference, describe_date, find_dates, find_dates_ref
from tests.labelled_sets import load_labelled

# the main set, and a smaller one written later and measured before any rule was tuned on it
LABELLED = [
    "dates.jsonl",
    "dates_heldout.jsonl",
    # round two: future-looking verbs ("pushed back to Sunday", "going into Friday"), year
    # ranges; written before the rules for them (first run 14/22)
    "dates_round2.jsonl",
]


def _records() -> list[dict]:
    return load_labelled(*LABELLED)


def _match(mentions: list[DateMention], expr: str) -> DateMention | None:
    for m in mentions:
        if m.text == expr:
            return m
    for m in mentions:
        if expr in m.text or m.text in expr:
            return m
    return None


def labelled_results() -> tuple[int, list[str]]:
    records = _records()
    wrong = []
    for r in records:
        ref = date.fromisoformat(r["published"]) if r["published"] else None
        m = _match(find_dates(r["text"], ref), r["expr"])
        got = (m.date, m.precision) if m else None
        if got != (r["date"], r["precision"]):
            wrong.append(f"{r['text']!r} [{r['expr']}] want {r['date']} {r['precision']}, got {got}")
    return len(records), wrong


def test_labelled_set_is_big_enough() -> None:
    assert len(_records()) >= 60


def test_labelled_dates_resolve_at_least_95_percent() -> None:
    total, wrong = labelled_results()
    accuracy = 1 - len(wrong) / total
    assert accuracy >= 0.95, "\n".join(wrong)


def resolve(text: str, published: str | None) -> list[tuple[str, str | None, str]]:
    ref = date.fromisoformat(published) if published else None
    return [(m.text, m.date, m.precision) for m in find_dates(text, ref)]


def test_bare_weekday_is_the_publish_day_itself_when_it_matches() -> None:
    # 2024-05-10 is a Friday
    assert resolve("The vote took place on Friday.", "2024-05-10") == [
        ("Friday", "2024-05-10", "day")
    ]


def test_bare_weekday_is_the_most_recent_one() -> None:
    assert resolve("The ferry ran aground on Saturday.", "2024-05-10")[0][1] == "2024-05-04"


def test_last_weekday_is_strictly_before_the_publish_day() -> None:
    assert resolve("The market closed last Friday.", "2024-05-10")[0][1] == "2024-05-03"


def test_future_tense_weekday_looks_ahead() -> None:
    assert resolve("The court will rule on Tuesday.", "2024-05-10")[0][1] == "2024-05-14"


def test_year_less_date_takes_the_nearest_year_looking_back() -> None:
    # In early January, "Dec. 20" is last December, not eleven months ahead.
    assert resolve("Pay talks stalled on Dec. 20.", "2025-01-04")[0][1] == "2024-12-20"
    # ...but a date a few days ahead stays in the same year.
    assert resolve("Pay talks resume on Jan. 9.", "2025-01-04")[0][1] == "2025-01-09"


def test_no_year_is_invented_without_a_reference() -> None:
    found = resolve("Inspectors arrived on Jan. 28 and left in March.", None)
    assert found == [("Jan. 28", "--01-28", "day"), ("March", "--03", "month")]


def test_relative_expressions_stay_unresolved_without_a_reference() -> None:
    found = resolve("Crews were called out yesterday and again last week.", None)
    assert [d for _, d, _ in found] == [None, None]
    assert [p for _, _, p in found] == ["day", "week"]


def test_weekday_paired_with_a_date_is_one_mention() -> None:
    found = find_dates("Talks resumed on Thursday (March 7) in Korsa.", date(2024, 3, 9))
    assert len(found) == 1
    assert found[0].date == "2024-03-07"
    assert found[0].weekday == 3


def test_numbers_that_are_not_dates_are_ignored() -> None:
    text = "The 2,500 workers at Tower 22 say 85 of them may march in 12 groups."
    assert [m.text for m in find_dates(text, date(2024, 3, 1))] == []


def test_modal_may_is_not_a_month() -> None:
    assert find_dates("Officials may extend the curfew.", date(2024, 3, 1)) == []


def test_sentence_is_reported_with_the_mention() -> None:
    text = "The pier reopened. Repairs had started on June 3, 2023, after a storm."
    (m,) = find_dates(text, None)
    assert m.sentence == "Repairs had started on June 3, 2023, after a storm."
    assert text[m.start : m.end] == "June 3, 2023"


def test_placeholder_year_reference_keeps_results_year_less() -> None:
    ref = Reference(date(2000, 2, 8), year_known=False, weekday_known=False)
    found = find_dates_ref("It happened on Jan. 28, and again last month on Monday.", ref)
    assert [(m.text, m.date) for m in found] == [
        ("Jan. 28", "--01-28"),
        ("last month", "--01"),
        ("Monday", None),
    ]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Shops shut on Christmas Eve.", "2023-12-24"),
        ("The parade is held on Thanksgiving.", "2023-11-23"),
        ("Rents rose on 1/15/2024 across the city.", "2024-01-15"),
    ],
)
def test_holidays_and_numeric_dates(text: str, want: str) -> None:
    assert resolve(text, "2024-01-20")[0][1] == want


@pytest.mark.parametrize(
    ("iso", "text"),
    [
        ("2024-02-08", "8 Feb 2024"),
        ("2024-W05", "week of 29 Jan 2024"),
        ("2024-02", "Feb 2024"),
        ("2024", "2024"),
        ("--01-28", "28 Jan"),
        ("--10", "Oct"),
        ("not a date", "not a date"),
    ],
)
def test_describe_date(iso: str, text: str) -> None:
    assert describe_date(iso) == text


def test_future_clause_moves_a_month_ahead() -> None:
    found = resolve("Two more launches are scheduled before the end of March.", "2026-11-23")
    assert found == [("the end of March", "2027-03", "month")]
    # without a future marker, the nearest March (looking back) is meant
    assert resolve("Sales fell in March.", "2026-11-23")[0][1] == "2026-03"


def test_bracketed_date_after_a_relative_word_wins() -> None:
    assert resolve("The study was published today (Nov. 18) in a journal.", "2019-11-20") == [
        ("Nov. 18", "2019-11-18", "day")
    ]


def test_black_friday_is_a_holiday_not_a_weekday() -> None:
    assert resolve("Shoppers queued from dawn on Black Friday.", "2019-12-03") == [
        ("Black Friday", "2019-11-29", "day")
    ]


_PIECES = [
    "Jan.", "January", "Feb", "March", "May", "Sept.", "12", "3rd", "31st", "of", "the", "2024",
    "1999", "2024-02-08", "12/3/2024", "Monday", "Tuesday's", "Friday night", "last", "this",
    "next", "earlier", "late", "week", "weekend", "month", "year", "days", "ago", "three", "an",
    "a", "yesterday", "Today", "TONIGHT", "the day before yesterday", "this morning",
    "Christmas", "New Year’s Day", "Thanksgiving", "last year", "$2024", "-", "/", ",", ".",
    "(", ")", "%", "mid-", "in", "since", "3 days ago", "two weeks\nago", "12 of\tMarch", "ſ",
    "AGO", "Mond", "Decem",
]  # fmt: skip


def test_pattern_matches_are_those_of_a_full_scan() -> None:
    """The dates' patterns are tried only where a match can start; that finds what trying
    each at every position of the text (``finditer``) finds."""
    import random

    from brief.dates import _PATTERNS, _TRIGGERS, _raw_matches

    rng = random.Random(7)
    seps = [" ", "  ", "\n", "\t", "", ", ", "\u00a0"]
    for _ in range(3000):
        text = "".join(rng.choice(_PIECES) + rng.choice(seps) for _ in range(rng.randint(1, 12)))
        low = text.lower()
        full = [
            (i, m.span())
            for i, (pattern, _) in enumerate(_PATTERNS)
            if not _TRIGGERS[i] or any(t in low for t in _TRIGGERS[i])
            for m in pattern.finditer(text)
        ]
        assert [(i, m.span()) for i, m in _raw_matches(text)] == full, text


def test_future_check_skips_the_search_only_when_it_cannot_match() -> None:
    import random

    from brief.dates import _CLAUSE_CUT, _FUTURE_BEFORE, _FUTURE_JUST_BEFORE, _is_future

    def by_search(before: str) -> bool:
        if _FUTURE_JUST_BEFORE.search(before[-70:]):
            return True
        return bool(_FUTURE_BEFORE.search(_CLAUSE_CUT.split(before[-60:])[-1]))

    pieces = ["will", "WON'T", "won’t", "we'll", "shall", "rescheduled", "Set to", "due",
              "plans to", "is to", "going to", "would", "postponed until", "put off until",
              "no earlier than", "opens at", "until", "ſhall", "the", "meeting", " ", ",",
              ".", "and", "a.m.", "when", "on", "next", "said"]
    rng = random.Random(6)
    for _ in range(3000):
        before = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        before += rng.choice([" ", " on ", " in the ", ""])
        assert _is_future(before) == by_search(before), before


def test_lead_patterns_found_from_the_last_words_as_from_the_start() -> None:
    import random

    from brief.dates import _MONTH_LEAD, _WD_LEAD, _YEAR_LEAD, _last_words_start

    pieces = ["in", "In", "the", "end", "of", "the end of", "mid", "mid-", "-", " - ", "early",
              "late", "last", "this past", "next", "since", "2019", "to", "–", "(", ",", ".",
              "\n", "  ", "ſince", "LAST", "of-"]
    rng = random.Random(9)
    for _ in range(3000):
        before = "".join(
            rng.choice(pieces) + rng.choice(["", " ", "  ", "-", "\n"])
            for _ in range(rng.randint(1, 10))
        )
        for pattern in (_MONTH_LEAD, _YEAR_LEAD, _WD_LEAD):
            whole = pattern.search(before)
            tail = pattern.search(before, _last_words_start(before))
            assert (whole and (whole.span(), whole.groupdict())) == (
                tail and (tail.span(), tail.groupdict())
            ), before
