"""The cleaner: every kind of boilerplate goes, every sentence of the article stays."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brief.clean import clean_plain_document, clean_text, guess_language
from brief.normalize import normalize_text

# An invented article with the furniture real pages carry around it.
KEEPERS = [
    "Harbour Council Votes to Restore the Night Ferry",  # headline-like subheading inside text
    "The Millbrook harbour council voted 7-2 on Tuesday to restore the night ferry to "
    "Gull Island, ending a four-year gap that islanders say cut them off after dark.",
    '"We have waited long enough," said councillor Ada Brennick, who tabled the motion. '
    '"Nurses, bakers and students have been sleeping on friends\' sofas."',
    "About 4,000 commuters subscribe to the monthly ferry pass, the council said, and the "
    "operator expects that number to grow once the late crossings return.",
    "What happens next",
    "The operator, Tidewater Lines, must now hire two crews before the first sailing in May.",
    "Frequently asked questions",
    "When will the first night sailing leave?",
    "The first crossing is planned for 11.30pm on May 4, weather permitting.",
    "Will fares go up?",
    "No. The council said the night fare will match the daytime fare of 3.20 pounds.",
]

BOILERPLATE = {
    "Read More: Storm closes coastal road for a second day": "teaser",
    "Also read - Lighthouse keeper retires after 40 years": "teaser",
    "Share this article": "share",
    "Facebook Twitter WhatsApp Email": "share",
    "This website uses cookies to improve your experience. By using this site you agree.": "cookies",
    "Advertisement": "advert",
    "Updated: March 5, 2024 10:15 am": "timestamp",
    "Join our Telegram channel for breaking news and alerts!": "promo",
    "Exciting news! The Millbrook Gazette is now on WhatsApp. Click here!": "promo",
    "Subscribe to our newsletter to get the latest stories delivered to your inbox.": "promo",
    "Follow us on Twitter @millbrookgazette": "promo",
    "Click here to download our app": "promo",
    "Leave a Comment": "comments",
    "Show Comments": "comments",
    "Your email address will not be published. Required fields are marked *": "comments",
    "comment *": "comments",
    "name *": "comments",
    "email *": "comments",
    "website *": "comments",
    "Media playback is unsupported on your device": "media",
    "Skip to main content": "navigation",
    "(AP Photo/Jo Quill)": "credits",
    "Image copyright Gull Island Camera Club": "credits",
    "If you buy something through a link on this page, we may earn a commission.": "disclosure",
    '[button link="/tips"]Send us your story[/button]': "markup",
    "Copyright 2024 Millbrook Gazette. All rights reserved.": "footer",
    "Thanks for signing up!": "promo",
    "This story was originally published by the Harbour Review.": "republished",
    "Listen to this article 4 min": "media",
    "Sign in to comment": "comments",
    "Report an error": "footer",
}

RELATED_BLOCK = [
    "You May Also Like",
    "Ferry strike",
    "Ferry workers walk out over pay for third time this year",
    "The union representing deckhands said the latest offer from the operator was ...",
    "Island school to close",
    "Parents protest plan to merge Gull Island primary with mainland school",
    "A petition signed by more than 600 residents asks the education board to ...",
]


def _article() -> str:
    parts = [
        "Skip to main content",
        "Updated: March 5, 2024 10:15 am",
        KEEPERS[1],
        "Share this article",
        "Facebook Twitter WhatsApp Email",
        KEEPERS[2],
        "Read More: Storm closes coastal road for a second day",
        KEEPERS[3],
        "Advertisement",
        "Media playback is unsupported on your device",
        "(AP Photo/Jo Quill)",
        KEEPERS[4],
        KEEPERS[5],
        "Also read - Lighthouse keeper retires after 40 years",
        KEEPERS[0],
        "Join our Telegram channel for breaking news and alerts!",
        "Image copyright Gull Island Camera Club",
        *KEEPERS[6:],
        "Exciting news! The Millbrook Gazette is now on WhatsApp. Click here!",
        "Subscribe to our newsletter to get the latest stories delivered to your inbox.",
        "Follow us on Twitter @millbrookgazette",
        "Click here to download our app",
        "If you buy something through a link on this page, we may earn a commission.",
        '[button link="/tips"]Send us your story[/button]',
        "Thanks for signing up!",
        "This website uses cookies to improve your experience. By using this site you agree.",
        "Leave a Comment",
        "  \u2022 Show Comments",
        "Your email address will not be published. Required fields are marked *",
        "comment *",
        "  \u2022 name *",
        "  \u2022 email *",
        "  \u2022 website *",
        "Copyright 2024 Millbrook Gazette. All rights reserved.",
        "This story was originally published by the Harbour Review.",
        "Listen to this article 4 min",
        "Sign in to comment",
        "Report an error",
        *RELATED_BLOCK,
    ]
    return "\n\n".join(parts)


def test_every_article_sentence_is_kept() -> None:
    text, _ = clean_text(_article())
    paragraphs = text.split("\n\n")
    for keeper in KEEPERS:
        assert normalize_text(keeper) in paragraphs


def test_every_kind_of_boilerplate_is_removed_with_its_reason() -> None:
    text, removed = clean_text(_article())
    reasons = {r.text.lstrip("\u2022 "): r.reason for r in removed}
    for line, reason in BOILERPLATE.items():
        assert line not in text
        assert reasons.get(normalize_text(line)) == reason, line


def test_related_block_goes_with_its_teasers_to_the_end() -> None:
    text, removed = clean_text(_article())
    for line in RELATED_BLOCK:
        assert normalize_text(line) not in text
    related = [r.text for r in removed if r.reason == "related"]
    assert related == [normalize_text(x) for x in RELATED_BLOCK]


def test_removals_are_exactly_what_was_cut() -> None:
    original = normalize_text(_article()).split("\n\n")
    text, removed = clean_text(_article())
    kept = text.split("\n\n")
    assert sorted(kept + [r.text for r in removed]) == sorted(original)


def test_cleaning_clean_text_changes_nothing() -> None:
    text, _ = clean_text(_article())
    assert clean_text(text) == (text, [])


def test_reporting_that_mentions_subscriptions_or_apps_is_kept() -> None:
    reporting = [
        "The streaming service said 2 million households subscribe to its basic plan.",
        "Regulators asked why the app sent notifications to children after midnight.",
        "Readers of the newsletter were told about the closure a week before the council.",
        "She said she would follow the court's ruling closely.",
        "Also - and this matters to the islanders - the fare will not rise this year.",
        "More: the council will publish the timetable in April.",
    ]
    text, removed = clean_text("\n\n".join(reporting))
    assert removed == []
    assert text.split("\n\n") == reporting


def test_related_header_mid_article_spares_the_next_subheading_and_prose() -> None:
    text = "\n\n".join(
        [
            "The bridge reopened on Friday after a three-week closure for repairs to its deck.",
            "Most read",
            "Baker wins county prize",
            "New bus timetable starts Monday",
            "Traffic returns",
            "By Saturday morning queues had formed on both approaches, the police said.",
        ]
    )
    cleaned, removed = clean_text(text)
    assert "Traffic returns" in cleaned
    assert "By Saturday morning queues had formed" in cleaned
    assert [r.text for r in removed] == [
        "Most read",
        "Baker wins county prize",
        "New bus timetable starts Monday",
    ]


def test_headline_bullet_lists_are_links_but_ordinary_lists_are_content() -> None:
    links = [
        "- Gull Island Ferry Timetable Explained in Five Charts",
        "- Why the Harbour Dredging Took Two Years Longer Than Planned",
        "- Photos: The Last Day Crossing Before the Winter Storms",
    ]
    lists = [
        "- bring a torch and warm clothes",
        "- check the weather before you leave",
        "- keep your ticket until the end of the crossing",
    ]
    prose = "Passengers were given this advice by the crew before boarding the boat."
    cleaned, removed = clean_text("\n\n".join([prose, *lists, prose + " Again.", *links]))
    for item in lists:
        assert item in cleaned
    assert [r.text for r in removed] == links


def test_dates_inside_a_timeline_are_kept_but_a_stamp_at_the_top_goes() -> None:
    text = "\n\n".join(
        [
            "Tue, 5 Mar 2024 09:12 GMT",
            "The dispute began long before this week's vote, as a timeline shows.",
            "The operator cut the late crossings to save fuel, citing costs.",
            "Islanders started a petition that gathered 1,200 names.",
            "4 March 2024",
            "The council scheduled the vote after a public meeting.",
            "The vote passed.",
        ]
    )
    cleaned, removed = clean_text(text)
    assert [r.reason for r in removed] == ["timestamp"]
    assert "4 March 2024" in cleaned


def test_title_repeated_at_the_top_is_dropped() -> None:
    title = "Night ferry to return to Gull Island | Millbrook Gazette"
    text = "Night ferry to return to Gull Island\n\nThe council voted on Tuesday to bring it back."
    cleaned, removed = clean_text(text, title=title)
    assert cleaned == "The council voted on Tuesday to bring it back."
    assert removed[0].reason == "title"


def test_bylines_and_credits_belong_in_metadata() -> None:
    text = "\n\n".join(
        [
            "By Ada Brennick and Tom Quill",
            "The council voted on Tuesday to bring the night ferry back to Gull Island.",
            "By the numbers, the crossing carried 90 people a night before it was cut.",
            "Reporting by Tom Quill; Editing by Ada Brennick",
        ]
    )
    cleaned, removed = clean_text(text)
    assert [r.reason for r in removed] == ["byline", "credits"]
    assert "By the numbers" in cleaned


@pytest.mark.parametrize(
    ("lang", "body", "block"),
    [
        (
            "de",
            "Der Rat hat am Dienstag entschieden, dass die Nachtfähre wieder fahren wird.",
            ["Das könnte Sie auch interessieren", "Neue Fähre für die Insel"],
        ),
        (
            "fr",
            "Le conseil a voté mardi pour le retour du ferry de nuit vers l'île.",
            ["À lire aussi", "Le phare ferme ses portes"],
        ),
        (
            "es",
            "El consejo votó el martes a favor de recuperar el ferry nocturno a la isla.",
            ["Noticias relacionadas", "El puerto amplía su horario"],
        ),
    ],
)
def test_related_blocks_in_other_languages(lang: str, body: str, block: list[str]) -> None:
    cleaned, removed = clean_text("\n\n".join([body, *block]), lang=lang)
    assert cleaned == body
    assert [r.text for r in removed] == block


def test_language_guess() -> None:
    english = (
        "The council said that the ferry would return and that it was the right thing to do "
        "for the island and for the people who live there."
    )
    german = (
        "Der Rat hat gesagt, dass die Fähre wieder fahren wird und dass es für die Insel und "
        "für die Menschen auf der Insel das Richtige ist."
    )
    assert guess_language(english) == "en"
    assert guess_language(german) == "de"
    assert guess_language("Ferry") is None


def test_plain_document_with_headline_first_line() -> None:
    doc = clean_plain_document(
        "Night Ferry Returns to Gull Island\n\nThe council voted on Tuesday to restore it.\n\n"
        "Leave a Comment",
        source_name="ferry.txt",
    )
    assert doc.title == "Night Ferry Returns to Gull Island"
    assert doc.text == "The council voted on Tuesday to restore it."
    assert [r.reason for r in doc.removed] == ["comments"]


def test_plain_document_without_headline_derives_title_from_first_sentence() -> None:
    body = (
        "The Millbrook harbour council voted on Tuesday to restore the night ferry to Gull "
        "Island after a four-year gap that islanders say cut them off. The vote was 7-2.\n"
        "Councillors will meet again in May."
    )
    doc = clean_plain_document(body)
    assert doc.title is not None
    assert doc.title.startswith("The Millbrook harbour council voted on Tuesday")
    assert len(doc.title) <= 91
    assert doc.text.startswith("The Millbrook harbour council voted")  # the sentence stays


def test_plain_document_that_is_empty_is_named_after_its_file() -> None:
    doc = clean_plain_document("", source_name="/tmp/gull_island-ferry.txt")
    assert doc.text == ""
    assert doc.title == "gull island ferry"


# --- properties ---------------------------------------------------------------------------

_LINES = st.sampled_from(
    KEEPERS + list(BOILERPLATE) + RELATED_BLOCK + ["", "- a bullet", "Most read", "By Jo Doe"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_LINES, st.text(max_size=80)), max_size=25))
def test_clean_text_is_idempotent_and_never_raises(lines: list[str]) -> None:
    text = "\n\n".join(lines)
    once, removed = clean_text(text, title=lines[0] if lines else None)
    assert clean_text(once, title=lines[0] if lines else None) == (once, [])
    for r in removed:
        assert r.text and r.reason


@settings(max_examples=200, deadline=None)
@given(st.text(), st.one_of(st.none(), st.text(max_size=5)), st.one_of(st.none(), st.text()))
def test_clean_text_accepts_any_input(text: str, lang: str | None, title: str | None) -> None:
    cleaned, _ = clean_text(text, lang=lang, title=title)
    assert isinstance(cleaned, str)
    doc = clean_plain_document(text, source_name=title)
    assert isinstance(doc.text, str)


def test_site_and_date_line_at_the_top_is_a_timestamp() -> None:
    doc = clean_plain_document(
        "Gull Island ferry returns\n\nMillbrook Gazette | Tuesday, March 5, 2024\n"
        "By Tom Quill\n\nThe council voted on Tuesday to restore the night ferry."
    )
    assert doc.title == "Gull Island ferry returns"
    assert doc.text == "The council voted on Tuesday to restore the night ferry."
    assert [r.reason for r in doc.removed] == ["timestamp", "byline"]


def test_a_schedule_of_dated_lines_at_the_end_is_content() -> None:
    schedule = [
        "Sept. 12 \u2014 Harbour Hall, Millbrook",
        "Sept. 14 \u2014 The Old Mill, Gull Island",
        "Sept. 20 \u2014 Riverside Arena, Kessford",
    ]
    text = "\n\n".join(["The band will play three shows on its autumn tour:", *schedule])
    cleaned, removed = clean_text(text)
    assert removed == []
    assert cleaned.split("\n\n")[1:] == schedule


def test_stamp_with_byline_and_explore_further_box() -> None:
    text = "\n\n".join(
        [
            "5:45 AM PST 3/5/2024 by Tom Quill",
            "The council voted on Tuesday to restore the night ferry to Gull Island.",
            "Explore further",
            "Harbour dredging finished ahead of schedule",
        ]
    )
    cleaned, removed = clean_text(text)
    assert cleaned == "The council voted on Tuesday to restore the night ferry to Gull Island."
    assert [r.reason for r in removed] == ["timestamp", "related", "related"]


def test_plain_document_language_comes_from_its_words() -> None:
    english = clean_plain_document(
        "Ferry returns\n\nThe council said that the ferry would return and that it was the "
        "right thing to do for the island and for the people who live there."
    )
    german = clean_plain_document(
        "Fähre kehrt zurück\n\nDer Rat hat gesagt, dass die Fähre wieder fahren wird und dass "
        "es für die Insel und für die Menschen auf der Insel das Richtige ist."
    )
    assert (english.lang, german.lang) == ("en", "de")


def test_plain_document_with_a_markdown_heading() -> None:
    doc = clean_plain_document("# Night Ferry Returns\n\nThe council voted on Tuesday.")
    assert doc.title == "Night Ferry Returns"
    assert doc.text == "The council voted on Tuesday."
    underlined = clean_plain_document("Night Ferry Returns\n=================\n\nThe council voted.")
    assert underlined.title == "Night Ferry Returns"
    assert underlined.text == "The council voted."


def test_advice_in_reporting_is_not_a_promotion() -> None:
    reporting = [
        "Residents can sign up for the county's emergency alerts on its website, officials said.",
        "Officials urged islanders to stay informed by checking the harbour office's notices.",
        "The foundation pledged 2 million pounds to support local journalism in the region.",
        "Drivers must download the ferry app to book a car space, the operator said.",
    ]
    cleaned, removed = clean_text("\n\n".join(reporting))
    assert removed == []
    promos = [
        "Sign up for the Gazette's morning briefing.",
        "Stay up to date with the Gazette by turning on notifications.",
        "Download the Gazette app today.",
    ]
    cleaned, removed = clean_text("\n\n".join(promos))
    assert cleaned == ""
    assert {r.reason for r in removed} == {"promo"}


def test_a_subheading_about_newsletters_is_not_a_sign_up_box() -> None:
    text = "\n\n".join(
        [
            "Local papers are finding new readers by e-mail, the survey of editors found.",
            "The rise of the newsletter",
            "You can reach 40,000 readers for the price of a stamp, one editor said.",
            "Pick Six Newsletter",
            "Get the day's big stories delivered to your inbox.",
        ]
    )
    cleaned, removed = clean_text(text)
    assert "The rise of the newsletter" in cleaned
    assert "You can reach 40,000 readers" in cleaned
    assert [r.text for r in removed] == [
        "Pick Six Newsletter",
        "Get the day's big stories delivered to your inbox.",
    ]


def test_version_numbers_and_words_containing_promo_words_are_kept() -> None:
    text = "\n\n".join(
        [
            "3.8.11",
            "Fixed a crash when the timetable file was empty.",
            "Get ready for an hour on why the harbour's new app-based ticketing lost its appeal.",
            "Please see our developers site for the full list of changes.",
            "3.8.10",
        ]
    )
    cleaned, removed = clean_text(text)
    assert removed == []


def test_stamp_above_the_headline_is_not_the_title() -> None:
    doc = clean_plain_document(
        "Updated: March 5, 2024 10:15 am\n\nNight Ferry Returns to Gull Island\n\n"
        "The council voted on Tuesday to restore it.\n\nBreaking\n\nMore islanders are expected."
    )
    assert doc.title == "Night Ferry Returns to Gull Island"
    assert doc.text == (
        "The council voted on Tuesday to restore it.\n\nBreaking\n\nMore islanders are expected."
    )
    assert [r.reason for r in doc.removed] == ["timestamp"]


def test_plain_document_takes_its_date_and_byline_from_the_lines_it_removes() -> None:
    doc = clean_plain_document(
        "Night Ferry Returns\n\nMillbrook Gazette | Tuesday, March 5, 2024\nBy Tom Quill\n\n"
        "The council voted on Tuesday to restore the night ferry."
    )
    assert doc.published == datetime(2024, 3, 5)
    assert doc.byline == "Tom Quill"
    undated = clean_plain_document("Night Ferry Returns\n\nThe council voted on Tuesday.")
    assert undated.published is None and undated.byline is None
