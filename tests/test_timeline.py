"""Per-story timelines: dated events from every outlet, merged, ordered, conflicts flagged."""

from __future__ import annotations

from datetime import date, datetime

from brief.timeline import DatedArticle, build_timeline, infer_references, period_start


def _art(source: str, text: str, published: str | None = None, key: str | None = None):
    pub = datetime.fromisoformat(published) if published else None
    return DatedArticle(None, source, key or source, text, pub)


def test_relative_dates_resolve_against_each_articles_publish_date() -> None:
    timeline, _ = build_timeline(
        [
            _art("Velmora Post", "The Korsa ferry resumed service on Monday after repairs.",
                 "2024-03-14"),
            _art("Coast Daily", "The harbour master resigned yesterday over the ferry delays.",
                 "2024-03-20"),
        ]
    )
    assert [(t.date, t.sources) for t in timeline] == [
        ("2024-03-11", ("Velmora Post",)),
        ("2024-03-19", ("Coast Daily",)),
    ]
    assert not any(t.inferred for t in timeline)


def test_entries_are_in_chronological_order_across_precisions() -> None:
    text = (
        "The regional water board approved new dam repairs last month. "
        "Engineers reported cracks in the dam wall on Jan. 28. "
        "The Korsa dam burst on Tuesday night, flooding the lower valley. "
        "The plant was first built in 1987 by the old Velmora council."
    )
    timeline, _ = build_timeline([_art("Velmora Post", text, "2024-03-14")])
    assert [t.date for t in timeline] == ["1987", "2024-01-28", "2024-02", "2024-03-12"]
    assert [t.precision for t in timeline] == ["year", "day", "month", "day"]
    starts = [period_start(t.date) for t in timeline]
    assert starts == sorted(starts)  # type: ignore[type-var]


def test_same_event_from_several_outlets_is_one_entry() -> None:
    timeline, conflicts = build_timeline(
        [
            _art("Velmora Post", "Engineers first reported cracks in the Korsa dam wall on "
                 "Jan. 28, officials said.", "2024-03-14"),
            _art("Coast Daily", "Cracks in the Korsa dam wall were reported by engineers on "
                 "January 28.", "2024-03-14"),
        ]
    )
    assert len(timeline) == 1
    assert timeline[0].date == "2024-01-28"
    assert timeline[0].sources == ("Velmora Post", "Coast Daily")
    assert conflicts == []


def test_outlets_disagreeing_on_the_day_are_flagged() -> None:
    _, conflicts = build_timeline(
        [
            _art("Velmora Post", "The Korsa dam collapsed on Tuesday night, flooding the valley.",
                 "2024-03-14"),
            _art("Coast Daily", "The Korsa dam collapsed on Wednesday, the water board said.",
                 "2024-03-14"),
            _art("Harbour FM", "Residents blamed the board after the Korsa dam collapsed "
                 "on March 13.", "2024-03-15"),
        ]
    )
    (c,) = conflicts
    assert c.kind == "date"
    assert [(v.value, v.sources) for v in c.values] == [
        ("2024-03-12", ("Velmora Post",)),
        ("2024-03-13", ("Coast Daily", "Harbour FM")),
    ]


def test_one_outlet_dating_two_similar_events_is_not_a_conflict() -> None:
    _, conflicts = build_timeline(
        [
            _art("Velmora Post", "A drone strike hit the Korsa depot on Monday. A second "
                 "strike hit the Korsa depot on Wednesday.", "2024-03-14"),
        ]
    )
    assert conflicts == []


def test_undated_article_gets_an_inferred_reference_from_its_story() -> None:
    arts = [
        _art("Velmora Post", "The regatta was cancelled on March 9, 2024, after the storm."),
        _art("Coast Daily", "Organisers met again on Tuesday (March 12) to pick a new date. "
             "They said on Wednesday that the race would be held in May."),
    ]
    refs = infer_references(arts)
    assert [r.day if r else None for r, _ in refs] == [date(2024, 3, 12), date(2024, 3, 12)]
    assert all(inferred for _, inferred in refs)
    timeline, _ = build_timeline(arts)
    by_text = {t.text[:20]: t for t in timeline}
    assert by_text["The regatta was canc"].date == "2024-03-09"
    assert not by_text["The regatta was canc"].inferred  # the year was stated
    assert by_text["Organisers met again"].date == "2024-03-12"
    assert by_text["Organisers met again"].inferred


def test_no_year_is_invented_when_nothing_supports_one() -> None:
    arts = [
        _art("Velmora Post", "Engineers found cracks on Jan. 28. The dam burst on Feb. 8 "
             "and the valley was evacuated the same night."),
        _art("Coast Daily", "Repairs are expected to start in mid-March, the board said."),
    ]
    timeline, _ = build_timeline(arts)
    assert [t.date for t in timeline] == ["--01-28", "--02-08", "--03"]
    assert all(t.inferred for t in timeline)


def test_weekday_next_to_a_date_lets_weekdays_resolve_without_a_year() -> None:
    arts = [
        _art("Velmora Post", "Talks resumed on Thursday (February 8) in Korsa. The strike "
             "began on Monday, union leaders said."),
    ]
    timeline, _ = build_timeline(arts)
    assert [t.date for t in timeline] == ["--02-05", "--02-08"]


def test_year_anchored_by_another_article_of_the_story() -> None:
    arts = [
        _art("Velmora Post", "The strike began on Feb. 2 and spread to three ports."),
        _art("Coast Daily", "Port workers walked out on February 2, 2024, in Korsa."),
    ]
    timeline, _ = build_timeline(arts)
    assert {t.date for t in timeline} == {"2024-02-02"}


def test_wire_datelines_are_not_part_of_the_event_text() -> None:
    timeline, _ = build_timeline(
        [_art("Valley Wire", "KORSA (Valley Wire) — The Korsa dam burst on Tuesday night.",
              "2024-03-14")]
    )
    assert [t.text for t in timeline] == ["The Korsa dam burst on Tuesday night."]


def test_dates_inside_quoted_words_are_not_timeline_entries() -> None:
    text = (
        "The Korsa ferry sailed again on Monday. “Today, the engines were perfect,” said the "
        "captain, Ilse Mora, on Tuesday."
    )
    timeline, _ = build_timeline([_art("Velmora Post", text, "2024-03-14")])
    # the second sentence dates when the captain spoke, and its words are a quotation
    assert [(t.date, t.text) for t in timeline] == [
        ("2024-03-11", "The Korsa ferry sailed again on Monday.")
    ]


def _entries(text: str, published: str = "2024-03-14") -> list[tuple[str, str]]:
    timeline, _ = build_timeline([_art("Velmora Post", text, published)])
    return [(t.date, t.text) for t in timeline]


def test_a_sentence_never_shows_the_same_words_on_two_dates() -> None:
    # published Thursday 2024-03-14: the strike is on Friday, the union spoke on Wednesday
    text = (
        "About 900 tram drivers in Velmora will strike for 24 hours from 6 a.m. on Friday, "
        "their union confirmed on Wednesday, after pay talks with the city broke down."
    )
    assert _entries(text) == [
        ("2024-03-15", "About 900 tram drivers in Velmora will strike for 24 hours from 6 a.m. "
                       "on Friday, their union confirmed on Wednesday."),
    ]


def test_two_events_in_one_sentence_get_their_own_clauses() -> None:
    text = (
        "Work crews began laying a temporary pontoon of 300 floating sections across the "
        "Korsa inlet on Tuesday, and the harbour board expects it to be open by March 22."
    )
    assert _entries(text) == [
        ("2024-03-12", "Work crews began laying a temporary pontoon of 300 floating sections "
                       "across the Korsa inlet on Tuesday."),
        ("2024-03-22", "The harbour board expects it to be open by March 22."),
    ]


def test_long_sentences_are_cut_to_the_clause_of_the_date() -> None:
    text = (
        "The Korsa dam gave way early on Tuesday, sending a wall of brown water through the "
        "lower valley and into the villages of Amsel and Drey, where rescue crews worked "
        "through the night to reach families stranded on their roofs, the regional water "
        "board said."
    )
    assert _entries(text) == [("2024-03-12", "The Korsa dam gave way early on Tuesday.")]
    postponed = (
        "The opening of the Velmora footbridge, the first new crossing of the river in forty "
        "years and a project the council has argued over since the last election, has been "
        "pushed back to Sunday after Tuesday's load test was abandoned in high winds."
    )
    (test_day, test), (opening_day, opening) = _entries(postponed)
    assert (test_day, test) == ("2024-03-12", "Tuesday's load test was abandoned in high winds.")
    # a clause too long to show whole keeps its subject and the words around its date
    assert opening_day == "2024-03-17"
    assert opening.startswith("The opening of the Velmora footbridge")
    assert opening.endswith("has been pushed back to Sunday.")
    assert len(opening.split()) <= 34


def test_quotations_are_not_entry_text() -> None:
    text = (
        "“We had the pumps running from midnight, and it still was not enough,” the harbour "
        "master, Ilse Mora, said on Tuesday.\n"
        "Ilse Mora said the pier was closed on Monday, “because nobody could tell us whether "
        "the pilings would hold for another night of this.”"
    )
    assert _entries(text) == [("2024-03-11", "Ilse Mora said the pier was closed on Monday.")]


def test_a_starting_point_is_not_an_entry_next_to_the_event() -> None:
    text = (
        "Lifeboat crews have made nine rescues in the bay since Monday, the coastguard said, "
        "including two on Wednesday night."
    )
    assert [d for d, _ in _entries(text)] == ["2024-03-13"]


def test_a_clock_time_can_end_a_sentence() -> None:
    text = "The Korsa road was closed at 9 a.m. All schools in the valley stay shut until Monday."
    assert _entries(text) == [
        ("2024-03-18", "All schools in the valley stay shut until Monday."),
    ]


def test_dates_inside_british_quotes_are_not_entries() -> None:
    text = (
        "Councillor Ada Brell said on Tuesday: ‘We’ll have the pier open again by Friday, "
        "whatever it takes.’"
    )
    assert [d for d, _ in _entries(text)] == ["2024-03-12"]


def test_a_long_clause_with_two_dates_is_one_entry() -> None:
    text = (
        "Four days after the Korsa dam gave way, valley residents spent Monday shovelling mud "
        "out of their kitchens and barns and asking the water board why the cracks that its "
        "own engineers had flagged earlier this month in a routine report had never been "
        "repaired by anyone."
    )
    assert [d for d, _ in _entries(text, "2024-03-19")] == ["2024-03-18"]


def test_an_event_is_told_in_the_words_of_a_report_after_it() -> None:
    timeline, _ = build_timeline(
        [
            _art("Velmora Post", "The opening of the Korsa footbridge has been pushed back to "
                 "Sunday.", "2024-03-14"),
            _art("Coast Daily", "The Korsa footbridge opened to walkers on Sunday morning, "
                 "three days late.", "2024-03-18"),
        ]
    )
    assert [(t.date, t.text, t.sources) for t in timeline] == [
        ("2024-03-17", "The Korsa footbridge opened to walkers on Sunday morning, three days "
                       "late.", ("Velmora Post", "Coast Daily")),
    ]


def test_a_date_in_a_short_phrase_keeps_the_clause_that_describes_it() -> None:
    text = (
        "The town of Korsa has asked the regional government for $4 million in emergency aid "
        "after Tuesday's storm, which the council says damaged more than 60 homes on the "
        "seafront."
    )
    assert _entries(text) == [
        ("2024-03-12", "Tuesday's storm, which the council says damaged more than 60 homes on "
                       "the seafront."),
    ]


def test_fast_quote_phase_and_statement_checks_match_the_plain_rules() -> None:
    """``_inside_quote`` reads only the quote marks, ``_phase`` skips patterns whose words are
    absent, and the statement check searches only the last words: each gives what the plain
    rule gives."""
    import random

    from brief import timeline as T

    def inside_by_chars(sentence: str, mention: str) -> bool:
        pos = sentence.find(mention)
        if pos < 0:
            return False
        first = next(((i, c) for i, c in enumerate(sentence) if c in "“”\""), (0, ""))
        inside = first[1] == "”" or (
            first[1] == '"' and sentence.count('"') % 2 == 1
            and sentence[first[0] - 1 : first[0]] in (",", ".", "?", "!")
        )
        for i, ch in enumerate(sentence[:pos]):
            if ch == "“" or ch == "‘" and (i == 0 or not sentence[i - 1].isalnum()):
                inside = True
            elif ch == "”" or ch == "’" and not sentence[i + 1 : i + 2].isalnum():
                inside = False
            elif ch == '"':
                inside = not inside
        return inside

    def phase_by_search(text: str) -> str | None:
        rules = (("end", T._END_WORDS), ("ongoing", T._ONGOING_WORDS), ("start", T._START_WORDS))
        found = [name for name, rx in rules if rx.search(text)]
        return found[0] if len(found) == 1 else None

    pieces = ["“", "”", "‘", "’", '"', "a", " ", ",", ".", "Tuesday", "can’t", "said", "on",
              "SAID", "told", "him", "\n", "ended", "Ends", "back to work", "still", "from",
              "will", "began", "ſtill", "second day", "continued", "-ended", "were lifted"]
    rng = random.Random(4)
    for _ in range(3000):
        s = "".join(rng.choice(pieces) + rng.choice(["", " ", "  "]) for _ in range(12))
        mention = rng.choice(["Tuesday", "on", "said"])
        assert T._inside_quote(s, mention) == inside_by_chars(s, mention), s
        assert T._phase(s) == phase_by_search(s), s
        pos = s.find(mention)
        if pos > 0:
            whole = T._STATEMENT_BEFORE.search(s[:pos])
            tail = T._STATEMENT_BEFORE.search(s, T._tail_start(s, pos, 4), pos)
            assert bool(whole) == bool(tail), s
