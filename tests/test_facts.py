"""story_facts end to end, on a small invented story told by four outlets."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from brief.facts import independent_keys, story_facts
from brief.models import Article, StoryFacts

POST = (
    "The Korsa dam collapsed on Tuesday night, flooding 40 homes in the valley below, "
    "regional officials said. About 300 residents were moved to the sports hall.\n"
    "“We had less than an hour to get everyone out,” said Korsa Mayor Ilse Varga.\n"
    "Engineers first reported cracks in the dam wall on Jan. 28, according to a report seen "
    "by the Velmora Post."
)
DAILY = (
    "Floodwater from the broken Korsa dam has damaged 40 homes, and nearly 350 residents had "
    "to leave, the regional water board said. The Korsa dam collapsed on Wednesday, the board "
    "said.\n"
    "Mayor Ilse Varga said: “We had less than an hour to get everyone out.”\n"
    "Cracks in the Korsa dam wall were first reported by engineers on January 28."
)
RADIO = (
    "Residents of Korsa spent a second night in the sports hall after the dam collapse. "
    "Varga said the town would ask the regional government for emergency funds next week. "
    "“Nobody in this valley will be left without a roof,” she said."
)


def _story() -> list[Article]:
    pub = datetime(2024, 3, 14, 9, 0)
    return [
        Article(1, None, "Korsa dam collapses", POST, source="Velmora Post", published=pub),
        Article(2, None, "Dam breach floods 40 homes", DAILY, source="Coast Daily",
                published=pub),
        Article(3, None, "Korsa residents wait", RADIO, source="Harbour FM"),
        # a wire copy of the Post's story: must not count as another outlet
        Article(4, None, "Korsa dam collapses", POST, source="Valley Wire", published=pub,
                duplicate_of=1),
    ]


def test_independent_keys_follow_duplicate_of() -> None:
    keys = independent_keys(_story())
    assert keys[0] == keys[3]
    assert len(set(keys)) == 3


def test_figures_are_corroborated_and_ranked() -> None:
    sf = story_facts(_story())
    top = sf.facts[0]
    assert (top.value, top.unit) == (40.0, "homes")
    assert top.sources == ("Velmora Post", "Coast Daily", "Valley Wire")
    assert top.article_ids == (1, 2, 4)


def test_conflicting_resident_counts_are_flagged() -> None:
    sf = story_facts(_story())
    figure = [c for c in sf.conflicts if c.kind == "figure"]
    assert len(figure) == 1
    assert [(v.value, v.sources) for v in figure[0].values] == [
        ("About 300 residents", ("Velmora Post", "Valley Wire")),
        ("nearly 350 residents", ("Coast Daily",)),
    ]


def test_conflicting_collapse_day_is_flagged() -> None:
    sf = story_facts(_story())
    dates = [c for c in sf.conflicts if c.kind == "date"]
    assert len(dates) == 1
    assert [v.value for v in dates[0].values] == ["2024-03-12", "2024-03-13"]


def test_quotes_are_merged_and_attributed() -> None:
    sf = story_facts(_story())
    first = sf.quotes[0]
    assert first.text.startswith("We had less than an hour")
    assert first.speaker == "Ilse Varga"
    assert first.sources == ("Velmora Post", "Coast Daily", "Valley Wire")
    roof = next(q for q in sf.quotes if q.text.startswith("Nobody in this valley"))
    assert roof.speaker == "Ilse Varga"  # "she", in an article naming her by surname only
    assert roof.sources == ("Harbour FM",)


def test_timeline_merges_outlets_and_marks_inferred_dates() -> None:
    sf = story_facts(_story())
    cracks = [t for t in sf.timeline if t.date == "2024-01-28"]
    assert len(cracks) == 1
    assert set(cracks[0].sources) == {"Velmora Post", "Coast Daily", "Valley Wire"}
    assert not cracks[0].inferred
    # the radio piece has no date: "next week" rests on a reference inferred from the others
    week = [t for t in sf.timeline if t.precision == "week"]
    assert [(t.date, t.inferred, t.sources) for t in week] == [
        ("2024-W12", True, ("Harbour FM",))
    ]


def test_entities_and_summary() -> None:
    sf = story_facts(_story())
    names = {e.name: e for e in sf.entities}
    assert names["Ilse Varga"].kind == "person"
    assert set(names["Ilse Varga"].sources) == {"Velmora Post", "Coast Daily", "Harbour FM",
                                                "Valley Wire"}
    sentences = [s for s in sf.summary.split(". ") if s]
    assert 2 <= len(sentences) <= 3
    assert "Korsa dam" in sf.summary


def test_empty_and_odd_input_gives_empty_facts() -> None:
    assert story_facts([]) == StoryFacts()
    odd = Article(None, None, "", "", source=None)
    assert story_facts([odd]) == StoryFacts()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400),
                min_size=1, max_size=4))
def test_never_raises(texts: list[str]) -> None:
    arts = [
        Article(i, None, t[:20], t, source=None if i % 2 else f"s{i}",
                duplicate_of=(i - 1) if i % 3 == 2 else None)
        for i, t in enumerate(texts)
    ]
    sf = story_facts(arts)
    assert isinstance(sf, StoryFacts)


def test_pathological_text_stays_fast() -> None:
    # run-on text without sentence ends, thousands of dates, quotes and numbers: the
    # stages must stay roughly linear (this once took minutes)
    import time

    text = (
        "On Monday, Jan. 5, 2024 and last Friday, mid-October last year, "
        "“a quote of several plain words”, said John Smith, 1,200 people "
    ) * 1500
    t0 = time.perf_counter()
    sf = story_facts([Article(1, None, "t", text, source="a")])
    assert time.perf_counter() - t0 < 5.0
    assert sf.timeline


def test_inferred_publish_dates_only_for_undated_articles() -> None:
    from datetime import date

    from brief.facts import inferred_publish_dates

    assert inferred_publish_dates(_story()) == {3: date(2024, 3, 14)}
    undated = [Article(7, None, "t", "The pier closed on Jan. 28 after the storm.", source="a")]
    assert inferred_publish_dates(undated) == {}  # no year anywhere: nothing is invented


_NEWSY = st.lists(
    st.sampled_from(
        list("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:'\"“”’()—-%$\n")
        + [" said ", " Monday ", " Jan. ", " 2024 ", " last ", " week ", " the ", " three ",
           " he said", "Mayor Ilse Varga", " New Year's Eve ", " 1,200 ", " nearly ",
           " Thanksgiving ", "Thursday (February 8)", "Feb. 29", " 2 weeks ago ", " in March "]
    ),
    max_size=120,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(_NEWSY, st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)))
def test_stages_do_not_raise_on_newsy_noise(text: str, day: date) -> None:
    # story_facts swallows stage errors (and logs them); the stages themselves must not raise
    from brief.dates import find_dates
    from brief.entities import find_entities
    from brief.figures import find_figures
    from brief.quotes import find_quotes
    from brief.timeline import DatedArticle, build_timeline

    find_dates(text, day)
    find_dates(text, None)
    find_quotes(text)
    find_figures(text)
    find_entities(text)
    build_timeline([DatedArticle(1, "a", "a", text, None), DatedArticle(2, "b", "b", text,
                                                                          datetime(2024, 1, 5))])
    build_timeline([DatedArticle(1, "a", "a", text, None), DatedArticle(2, "b", "b", text[::-1])])


WIRE_A = (
    "VELMORA, March 14 (Valley Wire) - Nearly 200 homes in Korsa were flooded on Tuesday "
    "after the dam burst, the regional water board said.\n"
    "Engineers will inspect the remains of the dam wall on Friday."
)
WIRE_B = (
    "KORSA, Elland (Coast Agency) -- About 150 homes in Korsa were flooded on Tuesday after "
    "the dam burst, the water board said.\n"
    "KORSA — The valley road stays closed until the engineers report."
)


def test_wire_datelines_are_shown_nowhere() -> None:
    pub = datetime(2024, 3, 14, 9, 0)
    sf = story_facts(
        [
            Article(1, None, "Dam floods Korsa", WIRE_A, source="Valley Wire", published=pub),
            Article(2, None, "Korsa homes flooded", WIRE_B, source="Coast Agency",
                    published=pub),
        ]
    )
    shown = [sf.summary, *(t.text for t in sf.timeline), *(c.subject for c in sf.conflicts)]
    shown += [e.name for e in sf.entities]
    assert any(c.kind == "figure" for c in sf.conflicts)  # 200 vs 150 homes
    assert sf.timeline and sf.summary
    for text in shown:
        for leak in ("VELMORA", "Valley Wire", "Coast Agency", "KORSA", "March 14 ("):
            assert leak not in text, text
    assert sf.summary.startswith(("Nearly 200 homes", "About 150 homes"))
    assert "2024-03-14" not in {t.date for t in sf.timeline}  # the dateline's date is no event


def test_summary_sentences_do_not_run_into_a_quotation() -> None:
    text = (
        "The Korsa harbour master said the pier would stay shut all week, “because nobody can "
        "tell us whether the pilings will hold.\n"
        "The Korsa pier was closed on Monday after divers found cracks in three of its pilings.\n"
        "‘We are not taking any chances with the pier this winter,’ the harbour master said."
    )
    sf = story_facts([Article(1, None, "Korsa pier shut", text, source="Velmora Post")])
    assert sf.summary == (
        "The Korsa pier was closed on Monday after divers found cracks in three of its pilings."
    )
