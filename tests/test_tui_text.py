"""What the panes render from untrusted text: escapes gone, markup literal, ages humanized."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from rich.console import Console

from brief.models import Article, Conflict, ConflictValue, Fact, Quote, Removal, Story, StoryFacts
from brief.services import ArticleView, Counts
from tui.ages import age
from tui.brief_text import article_line, brief_header, reader_text
from tui.facts_text import facts_text
from tui.library_commands import shortened
from tui.safe_text import clean, literal, paragraphs
from tui.status_bar import Status, status_text
from tui.story_rows import row_height, story_row

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("raw, shown", [
    ("plain words", "plain words"),
    ("\x1b[31mred\x1b[0m alert", "red alert"),
    ("title\x1b]0;window title\x07 here", "title here"),
    ("title\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\", "titlelink"),
    ("bell\x07 and backspace\x08 and null\x00", "bell and backspace and null"),
    ("c1 \x9b31m csi", "c1  csi"),
    ("bidi \u202egnirts\u202c", "bidi gnirts"),
    ("[bold]not bold[/bold]", "[bold]not bold[/bold]"),
])
def test_clean_strips_escapes_and_controls_but_keeps_markup_text(raw: str, shown: str) -> None:
    assert clean(raw) == shown


def test_clean_single_line_folds_whitespace() -> None:
    assert clean("a\n\n b\tc\r\nd", single_line=True) == "a b c d"


def rendered(text: object, width: int = 100) -> str:
    console = Console(width=width, record=True, force_terminal=True, color_system="truecolor")
    console.print(text)
    return console.export_text()


def test_literal_never_interprets_markup() -> None:
    out = rendered(literal("[bold red]Alarm[/] [link=https://x.example]here[/link]"))
    assert "[bold red]Alarm[/] [link=https://x.example]here[/link]" in out


def test_paragraphs_split_on_blank_lines_or_single_newlines() -> None:
    assert paragraphs("One.\n\nTwo\nstill two.\n\n\nThree.") == ["One.", "Two still two.",
                                                                  "Three."]
    assert paragraphs("Line one.\nLine two.") == ["Line one.", "Line two."]
    assert paragraphs("\x1b[2J") == []


@pytest.mark.parametrize("delta, text", [
    (timedelta(seconds=20), "just now"),
    (timedelta(hours=3), "3 hours ago"),
    (timedelta(days=1, hours=2), "a day ago"),
    (timedelta(days=-2), "in 2 days"),
    (timedelta(days=13), "13 days ago"),
    (timedelta(days=18), "2 weeks ago"),  # not "a month ago", as humanize would have it
    (timedelta(days=30), "4 weeks ago"),
    (timedelta(days=-20), "in 2 weeks"),
    (timedelta(days=70), "2 months ago"),
])
def test_ages_are_humanized_against_the_clock(delta: timedelta, text: str) -> None:
    assert age(NOW - delta, NOW) == text
    assert age(None, NOW) == "undated"


def story(**kw: object) -> Story:
    base = dict(id=7, headline="Keld ferry resumes after storm", size=3,
                sources=["Harbour Gazette", "Keld Weekly"], last_seen=NOW - timedelta(hours=3),
                unread=2)
    base.update(kw)
    return Story(**base)  # type: ignore[arg-type]


def test_story_row_is_one_line_when_wide_and_two_when_narrow() -> None:
    wide = story_row(story(), NOW, 90)
    assert row_height(90) == 1 and len(wide) == 1
    assert wide[0].cell_len == 90
    assert wide[0].plain.startswith("●   Keld ferry resumes after storm")
    assert wide[0].plain.rstrip().endswith("2 sources     3 hours ago")
    narrow = story_row(story(starred=True, unread=0), NOW, 40)
    assert row_height(40) == 2 and len(narrow) == 2
    assert narrow[0].plain.startswith("  ★ Keld ferry")
    assert narrow[1].plain.strip() == "2 sources · 3 hours ago · Harbour G…"
    assert all(line.cell_len == 40 for line in narrow)


def test_story_row_cuts_long_headlines_with_an_ellipsis() -> None:
    line = story_row(story(headline="word " * 40), NOW, 70)[0]
    assert "…" in line.plain and line.cell_len == 70
    assert "3 hours ago" in line.plain


def test_brief_header_and_article_lines() -> None:
    head = brief_header(story(), "Ferries run again.\x1b[5m", NOW).plain
    assert head.splitlines() == [
        "Keld ferry resumes after storm",
        "Ferries run again.",
        "story 7 · 2 outlets · 3 articles · updated 3 hours ago · 2 unread",
    ]
    art = Article(id=1, external_id=None, title="Ferry back [i]on[/i] time", text="",
                  source="Keld Weekly", published=NOW - timedelta(hours=5))
    line = article_line(ArticleView(art, ["Harbour Gazette", "Isle Radio"]), NOW).plain
    assert line == ("● Keld Weekly  Ferry back [i]on[/i] time  5 hours ago  "
                    "(also in 2 outlets: Harbour Gazette, Isle Radio)")


def test_reader_text_has_title_meta_link_paragraphs_and_removals() -> None:
    art = Article(id=1, external_id=None, title="Ferry back", text="First.\n\nSecond.",
                  source="Keld Weekly", byline="Ana Ruiz", url="https://keld.example/ferry",
                  published=NOW - timedelta(days=2), published_inferred=True,
                  removed=[Removal("Subscribe now!", "promo")])
    plain = reader_text(art, [], NOW).plain
    assert plain.splitlines()[:3] == [
        "Ferry back",
        "Keld Weekly · by Ana Ruiz · Sun 08 Mar 2026 12:00 UTC (2 days ago), date inferred",
        "https://keld.example/ferry",
    ]
    assert "\nFirst.\n\nSecond.\n" in plain
    assert "Subscribe now!" not in plain and "1 block(s) removed" in plain
    shown = reader_text(art, [], NOW, show_removed=True).plain
    assert "[promo] Subscribe now!" in shown


def test_facts_text_marks_conflicts_and_counts_corroboration() -> None:
    facts = StoryFacts(
        facts=[Fact("40 cars per crossing", 40, "cars", sources=("Keld Weekly", "Isle Radio")),
               Fact("fare of 6 crowns", 6, "crowns", sources=("Keld Weekly",))],
        quotes=[Quote(None, "We are back", sources=("Isle Radio",))],
        conflicts=[Conflict("figure", "fare", (ConflictValue("6 crowns", ("Keld Weekly",)),
                                               ConflictValue("7 crowns", ("Isle Radio",))))],
    )
    plain = facts_text(facts).plain
    assert "⚠ fare (figure)" in plain
    assert "6 crowns  — Keld Weekly" in plain and "7 crowns  — Isle Radio" in plain
    assert "• 40 cars per crossing  ×2 Keld Weekly, Isle Radio" in plain
    assert "⚠ fare of 6 crowns  ×1" in plain  # the disputed figure is marked
    assert "— unattributed (Isle Radio)" in plain
    assert facts_text(StoryFacts()).plain.startswith("No figures, quotes or dates")


def test_reader_text_stops_at_a_sane_length() -> None:
    art = Article(id=1, external_id=None, title="Minutes", text="Minute taken.\n\n" * 40_000,
                  source="Keld Council")
    plain = reader_text(art, [], NOW).plain
    assert len(plain) < 210_000
    assert plain.rstrip().endswith("more characters: press o to read it in the browser]")


def test_status_bar_drops_whole_items_when_narrow() -> None:
    status = Status(filter="unread", listed=8, counts=Counts(8, 8, 30, 6),
                    last_refresh=NOW - timedelta(minutes=5))
    wide = status_text(status, NOW, 120).plain
    assert wide.endswith("· 8 stories · 30 articles · 6 feeds")
    narrow = status_text(status, NOW, 72).plain
    assert narrow == " unread  8 listed · 8 unread · refreshed 5 minutes ago · 8 stories"
    # the filter, the count listed and unread stay even when nothing else fits
    assert status_text(status, NOW, 20).plain.startswith(" unread  8 listed · 8 unread")


def test_long_titles_in_questions_are_cut_at_a_word() -> None:
    title = "Glass River ferry operators agree to extra night sailings through the winter"
    assert shortened(title, 40) == "Glass River ferry operators agree to…"
    assert shortened("Short headline", 40) == "Short headline"
    assert shortened("[red]Alarm[/red] over the weir", 80) == "[red]Alarm[/red] over the weir"


def test_only_figures_outlets_disagree_on_are_marked() -> None:
    facts = StoryFacts(
        facts=[Fact("over 160 homes", 160, "homes", sources=("Keld Weekly",)),
               Fact("16 homes", 16, "homes", sources=("Isle Radio",))],
        conflicts=[Conflict("figure", "homes flooded",
                            (ConflictValue("over 160 homes", ("Keld Weekly",)),
                             ConflictValue("nearly 170 homes", ("Isle Radio",))))],
    )
    plain = facts_text(facts).plain
    assert "⚠ over 160 homes" in plain
    assert "• 16 homes" in plain


def test_figures_show_in_their_own_words_and_disputed_dates_as_dates() -> None:
    facts = StoryFacts(
        facts=[Fact("6 crowns", 6, "crowns", sources=("Keld Weekly",),
                    context="the fare rose to 6 crowns [bold]a trip[/bold]"),
               Fact("40 cars", 40, "cars", sources=("Isle Radio",))],
        conflicts=[Conflict("date", "The ferry stopped running",
                            (ConflictValue("2026-11-16", ("Keld Weekly",)),
                             ConflictValue("2026-11-17", ("Isle Radio",))))],
    )
    text = facts_text(facts)
    plain = text.plain
    assert "• the fare rose to 6 crowns [bold]a trip[/bold]  ×1 Keld Weekly" in plain
    assert "• 40 cars  ×1 Isle Radio" in plain
    assert "16 Nov 2026  — Keld Weekly" in plain and "17 Nov 2026  — Isle Radio" in plain
    start = plain.index("6 crowns [")
    assert any(s.start <= start and s.end >= start + len("6 crowns") and "bold" in str(s.style)
               for s in text.spans)


def test_a_figure_keeps_only_a_few_words_either_side_in_the_narrow_pane() -> None:
    facts = StoryFacts(facts=[Fact("6 crowns", 6, "crowns", sources=("Keld Weekly",),
                                   context="… the island council said the return fare rose to 6 "
                                           "crowns, the steepest rise in a decade of winters …")])
    plain = facts_text(facts).plain
    assert "• … return fare rose to 6 crowns, the steepest rise …  ×1 Keld Weekly" in plain
