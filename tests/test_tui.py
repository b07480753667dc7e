"""The Textual app, driven by key presses on a small invented library (Pilot tests)."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Input, OptionList, Static

from brief.convert import article_to_row, story_facts_to_rows
from brief.models import (
    Article,
    Conflict,
    ConflictValue,
    Entity,
    Fact,
    Quote,
    Removal,
    StoryFacts,
    TimelineEvent,
)
from brief.services import Library
from tui.ages import fixed_clock
from tui.app import BriefApp, create_app
from tui.commands import COMMANDS
from tui.config import ConfigError, Settings, load_settings, save_theme
from tui.help_screen import HelpScreen
from tui.main_screen import MainScreen
from tui.prompt_screen import PromptScreen
from tui.search_screen import SearchScreen
from tui.status_bar import StatusBar
from tui.story_picker import StoryPicker

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
HOSTILE_TITLE = "[bold]Quarry[/bold] strike \x1b[31menters\x1b[0m second week\x07"


def _article(title: str, source: str, hours_ago: float, text: str, **kw: object) -> Article:
    slug = title.lower().replace(" ", "-")[:40]
    return Article(
        id=None, external_id=slug, title=title, text=text, source=source,
        url=f"https://{source.lower().replace(' ', '')}.example/{slug}",
        published=NOW - timedelta(hours=hours_ago), fetched_at=NOW - timedelta(hours=hours_ago),
        **kw,  # type: ignore[arg-type]
    )


def build_library(path: Path) -> Library:
    """Six invented stories, written directly into the store (no pipeline needed)."""
    lib = Library.open(path)
    store = lib.store
    store.add_feed("https://velmoracourier.example/feed.xml", "Velmora Courier")

    def story(headline: str, summary: str, articles: list[Article],
              facts: StoryFacts | None = None, copies: dict[int, int] | None = None) -> int:
        sid = store.new_story_id()
        ids = []
        for a in articles:
            aid = store.insert_article(article_to_row(a))
            store.set_story(aid, sid)
            ids.append(aid)
        for copy, original in (copies or {}).items():
            store.update_article(ids[copy], duplicate_of=ids[original])
        store.update_story(sid, headline=headline, summary=summary)
        store.refresh_story_stats([sid])
        if facts:
            store.replace_story_details(sid, story_facts_to_rows(facts))
        return sid

    bridge_text = (
        "The Velmora harbour bridge will close to traffic for fourteen days from Monday.\n\n"
        "Engineers found corroded cables during an inspection last week, the city said.\n\n"
        "Ferries will run every twenty minutes while the bridge is shut."
    )
    story(
        "Velmora harbour bridge closes for cable repairs",
        "The harbour bridge shuts for 14 days after an inspection found corroded cables; "
        "outlets disagree on the repair bill.",
        [
            _article("Harbour bridge to shut for two weeks", "Velmora Courier", 3, bridge_text,
                     byline="Petra Lind",
                     removed=[Removal("Sign up for our morning newsletter", "newsletter promo"),
                              Removal("Read more: Ferry timetables explained", "teaser link")]),
            _article("Bridge closure: what drivers need to know", "Northern Ledger", 5,
                     "Drivers face detours as the harbour bridge closes.\n\n"
                     "The repair bill is put at 4 million crowns."),
            _article("Harbour bridge to shut for two weeks", "Coastline Daily", 2, bridge_text),
        ],
        StoryFacts(
            facts=[Fact("closed for 14 days", 14, "days", sources=("Velmora Courier",
                                                                   "Northern Ledger")),
                   Fact("repair cost 3.2 million crowns", 3.2e6, "crowns",
                        sources=("Velmora Courier",))],
            quotes=[Quote("Ilse Brandt", "We will not take risks with the cables", "mayor",
                          sources=("Velmora Courier",))],
            entities=[Entity("Ilse Brandt", "person", 3), Entity("Velmora", "place", 5)],
            timeline=[TimelineEvent("2026-03-02", "day", "Inspection finds corroded cables",
                                    sources=("Velmora Courier",)),
                      TimelineEvent("2026-03-09", "day", "Bridge closes to traffic",
                                    sources=("Northern Ledger",))],
            conflicts=[Conflict("figure", "repair cost", (
                ConflictValue("3.2 million crowns", ("Velmora Courier",)),
                ConflictValue("4 million crowns", ("Northern Ledger",))))],
        ),
        copies={2: 0},
    )
    story(
        "Tallow Valley orchards report record pear harvest",
        "Growers picked more pears than in any year on record.",
        [
            _article("Record pear harvest in Tallow Valley", "Northern Ledger", 20,
                     "Growers in Tallow Valley picked 12,000 tonnes of pears."),
            _article("Pear growers celebrate bumper year", "Orchard Weekly", 26,
                     "A bumper year: 12,000 tonnes, say the growers."),
        ],
        StoryFacts(facts=[Fact("12,000 tonnes of pears", 12000, "tonnes",
                               sources=("Northern Ledger", "Orchard Weekly"))]),
    )
    story(HOSTILE_TITLE, "[red]Workers[/red] walked out \x1b]0;pwned\x07 again.",
          [_article(HOSTILE_TITLE, "Stonegate [i]Post[/i]", 30,
                    "Quarry workers stayed out for an eighth day. [link=x]click[/link]")])
    sid = story("Observatory on Mount Keld spots a new comet",
                "Astronomers at Mount Keld found a faint comet.",
                [_article("Mount Keld astronomers find comet", "Skyline Review", 50,
                          "The comet is faint but growing brighter.")])
    lib.set_story_starred(sid, True)
    sid = story("City council approves night-tram trial",
                "Night trams will run on Fridays for six months.",
                [_article("Night trams approved", "Velmora Courier", 80,
                          "The council voted for a six-month trial.")])
    lib.set_story_read(sid, True)
    sid = story("Lost parrot flies home after a month",
                "A parrot returned to its owner.",
                [_article("Parrot comes home", "Coastline Daily", 90, "It knocked on the window.")])
    lib.set_story_dismissed(sid, True)
    return lib


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = build_library(tmp_path / "brief.db")
    yield lib
    lib.close()


# -- helpers -------------------------------------------------------------------------------------


def make_app(library: Library, **settings: object) -> BriefApp:
    return create_app(library, Settings(**settings), clock=fixed_clock(NOW))  # type: ignore[arg-type]


def screen_of(app: BriefApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen), screen
    return screen


def listed(app: BriefApp) -> list[str]:
    lst = screen_of(app).stories
    return [s.headline for i in range(lst.count) if (s := lst.story_at(i))]


def selected_headline(app: BriefApp) -> str:
    story = screen_of(app).stories.current
    assert story is not None
    return story.headline


def static_text(app: BriefApp, selector: str) -> str:
    widget = app.screen.query_one(selector, Static)
    return str(widget.render())


def row_text(app: BriefApp, index: int) -> str:
    """What the stories pane shows for the story at ``index`` (one or two lines)."""
    lst = screen_of(app).stories
    h = lst.row_height
    return "\n".join(lst.render_line(index * h + i).text for i in range(h))


async def saved(pilot: Any, app: BriefApp) -> None:
    """Wait until the app's queued read/star/dismiss writes are stored and shown."""
    await pilot.pause()
    main = next(s for s in app.screen_stack if isinstance(s, MainScreen))
    main.writer.join()
    await pilot.pause()


def reopened(library: Library) -> Library:
    """A fresh connection: what a restart would see."""
    return Library.open(library.store.path)


def notifications(app: BriefApp) -> list[str]:
    return [n.message for n in app._notifications]


# -- opening --------------------------------------------------------------------------------------


async def test_opens_on_the_stored_stories_newest_first(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert listed(app) == [
            "Velmora harbour bridge closes for cable repairs",
            "Tallow Valley orchards report record pear harvest",
            HOSTILE_TITLE,
            "Observatory on Mount Keld spots a new comet",
            "City council approves night-tram trial",
        ]  # the dismissed story is not in "all"
        assert selected_headline(app).startswith("Velmora harbour bridge")
        head = static_text(app, "#brief-head")
        assert "outlets disagree on the repair bill" in head
        assert "story 1 · 3 outlets · 3 articles · updated 2 hours ago" in head
        facts = static_text(app, "#facts-body")
        assert "repair cost" in facts and "4 million crowns" in facts
        assert "closed for 14 days  ×2" in facts
        assert "Ilse Brandt, mayor" in facts
        assert "2026-03-02" in facts and "Inspection finds corroded cables" in facts
        status = static_text(app, "#status-text")
        assert "5 listed · 4 unread" in status and "5 stories · 9 articles · 1 feed" in status
        assert "never refreshed" in status


async def test_story_rows_show_sources_age_unread_and_star(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        lines = [row_text(app, i) for i in range(5)]
        assert "●" in lines[0] and "3 sources" in lines[0] and "2 hours ago" in lines[0]
        assert "★" in lines[3] and "2 days ago" in lines[3]
        assert "●" not in lines[4]  # the council story is read


async def test_the_brief_lists_articles_by_outlet_with_copies(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        options = screen_of(app).brief.article_list
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert len(prompts) == 2  # the syndicated copy is folded into its original
        assert any("Velmora Courier" in p and "also in 1 outlet: Coastline Daily" in p
                   for p in prompts)
        assert any(p.startswith("● Northern Ledger") for p in prompts)


# -- movement -----------------------------------------------------------------------------------


async def test_movement_keys(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        scr = screen_of(app)
        await pilot.press("j")
        assert selected_headline(app).startswith("Tallow Valley")
        assert scr.story_id == scr.stories.current_id
        assert "Tallow Valley" in static_text(app, "#brief-head")
        await pilot.press("down", "down")
        assert selected_headline(app).startswith("Observatory")
        await pilot.press("k")
        assert selected_headline(app) == HOSTILE_TITLE
        await pilot.press("up")
        assert selected_headline(app).startswith("Tallow Valley")
        await pilot.press("G")
        assert selected_headline(app).startswith("City council")
        await pilot.press("g")
        assert selected_headline(app).startswith("Velmora")
        await pilot.press("end")
        assert selected_headline(app).startswith("City council")
        await pilot.press("home")
        assert selected_headline(app).startswith("Velmora")
        await pilot.press("pagedown")
        assert selected_headline(app).startswith("City council")
        await pilot.press("pageup")
        assert selected_headline(app).startswith("Velmora")
        await pilot.press("space")
        assert selected_headline(app).startswith("City council")
        await pilot.press("b")
        assert selected_headline(app).startswith("Velmora")


async def test_enter_opens_story_then_reader_and_escape_goes_back(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        scr = screen_of(app)
        await pilot.press("enter")
        assert app.focused is scr.brief.article_list
        await pilot.press("j", "k", "enter")  # first article: Northern Ledger (older first)
        await pilot.pause()
        assert scr.brief.reading and app.focused is scr.brief.reader
        body = static_text(app, "#reader-body")
        assert body.startswith("Bridge closure: what drivers need to know\nNorthern Ledger")
        assert "Tue 10 Mar 2026 07:00 UTC (5 hours ago)" in body
        assert "https://northernledger.example/" in body
        assert "Drivers face detours as the harbour bridge closes.\n\nThe repair bill" in body
        # reading saved at once: the story has one unread article left
        await saved(pilot, app)
        assert reopened(library).story(scr.story_id or 0).unread == 1  # type: ignore[union-attr]
        await pilot.press("escape")
        assert not scr.brief.reading and app.focused is scr.brief.article_list
        await pilot.press("escape")
        assert app.focused is scr.stories


async def test_reader_shows_byline_and_what_the_cleaner_removed(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "j", "enter")  # Velmora Courier's article
        body = static_text(app, "#reader-body")
        assert "Velmora Courier · by Petra Lind" in body
        assert "2 block(s) removed by the cleaner: press x to see them." in body
        assert "Sign up for our morning newsletter" not in body
        await pilot.press("x")
        body = static_text(app, "#reader-body")
        assert "[newsletter promo] Sign up for our morning newsletter" in body
        assert "[teaser link] Read more: Ferry timetables explained" in body
        await pilot.press("x")
        assert "Sign up for our morning newsletter" not in static_text(app, "#reader-body")


async def test_narrow_terminal_reader_takes_the_screen(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        scr = screen_of(app)
        await pilot.press("enter", "enter")
        assert scr.maximized is scr.brief.reader
        await pilot.press("escape")
        assert scr.maximized is None and not scr.brief.reading
        await pilot.press("enter")
        assert scr.maximized is scr.brief.reader
        await pilot.press("tab")  # to the facts: the panes come back, the reader stays open
        assert scr.maximized is None and app.focused is scr.facts and scr.brief.reading


async def test_medium_terminal_reader_takes_the_facts_room_beside_the_list(
        library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        scr = screen_of(app)
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert scr.brief.reading and scr.maximized is None
        assert scr.stories.display and not scr.facts.display  # the list stays in sight
        assert scr.brief.reader.size.width >= 60
        await pilot.press("escape")
        await pilot.pause()
        assert not scr.brief.reading and scr.facts.display
        await pilot.press("enter")
        await pilot.press("tab")  # to the facts: they come back, the reader stays open
        await pilot.pause()
        assert scr.facts.display and app.focused is scr.facts and scr.brief.reading


async def test_keys_that_arrive_together_act_in_turn(library: Library) -> None:
    """A terminal can deliver several keys in one read (typed fast, pasted, tmux send-keys):
    the second enter acts where the first one put the focus, and opens the article."""
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(2):
            app.post_message(events.Key("enter", "\r"))
        await pilot.pause()
        assert screen_of(app).brief.reading
        for _ in range(2):
            app.post_message(events.Key("escape", "\x1b"))
        await pilot.pause()
        assert not screen_of(app).brief.reading and app.focused is screen_of(app).stories


async def test_key_hints_show_the_reader_keys_while_reading(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Filter" in static_text(app, "#key-hints")
        await pilot.press("enter", "enter")
        await pilot.pause()
        hints = static_text(app, "#key-hints")
        assert "Back" in hints and "Removed" in hints and "Filter" not in hints
        await pilot.press("escape")
        await pilot.pause()
        assert "Filter" in static_text(app, "#key-hints")


async def test_tab_cycles_the_panes(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        scr = screen_of(app)
        assert app.focused is scr.stories
        await pilot.press("tab")
        assert app.focused is scr.brief.article_list
        await pilot.pause()
        assert scr.brief.has_class("-has-focus")  # its border lights up
        await pilot.press("tab")
        assert app.focused is scr.facts
        await pilot.pause()
        assert not scr.brief.has_class("-has-focus")
        await pilot.press("tab")
        assert app.focused is scr.stories
        await pilot.press("shift+tab")
        assert app.focused is scr.facts
        await pilot.press("j")  # movement keys scroll the focused pane, not the list
        assert selected_headline(app).startswith("Velmora")


async def test_n_and_p_jump_between_unread_stories(library: Library) -> None:
    library.set_story_read(2, True)  # Tallow Valley
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        assert selected_headline(app) == HOSTILE_TITLE
        await pilot.press("n")
        assert selected_headline(app).startswith("Observatory")
        await pilot.press("n")  # nothing unread below: stays, says so
        assert selected_headline(app).startswith("Observatory")
        assert any("No more unread" in m for m in notifications(app))
        await pilot.press("p", "p")
        assert selected_headline(app).startswith("Velmora")


# -- triage ---------------------------------------------------------------------------------------


async def test_m_toggles_read_and_saves_it(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await saved(pilot, app)
        assert reopened(library).story(1).unread == 0  # type: ignore[union-attr]
        assert "●" not in row_text(app, 0)
        await pilot.press("m")
        await saved(pilot, app)
        assert reopened(library).story(1).unread == 2  # type: ignore[union-attr]
        assert "●" in row_text(app, 0)


async def test_m_marks_the_articles_shown_even_if_a_refresh_moved_one(library: Library) -> None:
    """A refresh in another connection re-forms the story while it is on screen: one of
    its articles moves to a story of its own. m still marks every article the brief showed,
    and not the stories' other articles."""
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = [v.article.id for v in screen_of(app).brief.views]
        assert len(shown) == 2 and all(a is not None for a in shown)
        moved = shown[1]
        assert moved is not None
        other = reopened(library)
        new_sid = other.store.new_story_id()
        other.store.set_story(moved, new_sid)
        other.store.update_story(new_sid, headline="A story of its own", summary="Moved.")
        other.store.refresh_story_stats([1, new_sid])
        other.close()
        await pilot.press("m")
        await saved(pilot, app)
        after = reopened(library)
        assert after.article(moved).read  # type: ignore[union-attr]
        assert all(a.read for a in map(after.article, shown))  # type: ignore[union-attr]
        assert after.story(new_sid).unread == 0  # type: ignore[union-attr]
        assert after.story(2).unread > 0  # type: ignore[union-attr]  # untouched


async def test_s_stars_and_d_dismisses_and_u_undoes(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await saved(pilot, app)
        assert reopened(library).story(1).starred  # type: ignore[union-attr]
        assert "★" in row_text(app, 0)
        await pilot.press("d")
        await saved(pilot, app)
        assert reopened(library).story(1).dismissed  # type: ignore[union-attr]
        assert "Velmora harbour bridge closes for cable repairs" not in listed(app)
        assert selected_headline(app).startswith("Tallow Valley")  # the next one slides up
        await pilot.press("j", "u")
        await saved(pilot, app)
        assert not reopened(library).story(1).dismissed  # type: ignore[union-attr]
        assert listed(app)[0].startswith("Velmora")
        assert selected_headline(app).startswith("Velmora")  # back on the restored story
        await pilot.press("u")  # and the star
        await saved(pilot, app)
        assert not reopened(library).story(1).starred  # type: ignore[union-attr]
        await pilot.press("u")
        assert any("Nothing to undo" in m for m in notifications(app))


async def test_A_marks_every_listed_story_read_and_u_restores(library: Library) -> None:
    library.set_article_read(1, True)  # one bridge article already read before
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("A")
        await saved(pilot, app)
        fresh = reopened(library)
        assert fresh.story_count("unread") == 0
        await pilot.press("u")
        await saved(pilot, app)
        fresh = reopened(library)
        assert fresh.story_count("unread") == 4
        assert fresh.article(1).read  # type: ignore[union-attr]  # read before: stays read


async def test_f_cycles_the_filters(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f")  # all -> dismissed
        assert listed(app) == ["Lost parrot flies home after a month"]
        assert " dismissed " in static_text(app, "#status-text")
        await pilot.press("f")  # -> unread
        assert "City council approves night-tram trial" not in listed(app)
        assert len(listed(app)) == 4
        await pilot.press("f")  # -> starred
        assert listed(app) == ["Observatory on Mount Keld spots a new comet"]
        await pilot.press("f")  # -> all
        assert len(listed(app)) == 5


async def test_filter_from_the_config(library: Library) -> None:
    app = make_app(library, filter="starred")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert listed(app) == ["Observatory on Mount Keld spots a new comet"]


# -- search ---------------------------------------------------------------------------------------


async def test_slash_searches_and_opens_the_hit(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"pears", "enter")
        await pilot.pause()
        message = static_text(app, "#search-message")
        assert message.startswith("2 articles")
        await pilot.press("enter")
        await pilot.pause()
        scr = screen_of(app)
        assert selected_headline(app).startswith("Tallow Valley")
        assert scr.brief.reading
        assert "pears" in static_text(app, "#reader-body")


@pytest.mark.parametrize("query", ['"unclosed', "AND OR (", "*", "NEAR(", "zzzznothing"])
async def test_any_search_text_gives_results_or_a_clear_message(
    library: Library, query: str
) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        app.screen.query_one("#search-input", Input).value = query
        await pilot.press("enter")
        await pilot.pause()
        message = static_text(app, "#search-message")
        # results, or one line that names the query
        assert "\n" not in message
        assert message.startswith(("1 article", "2 articles")) or query in message, message
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


# -- links ----------------------------------------------------------------------------------------


async def test_o_opens_the_article_in_the_browser(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def record(url: str) -> bool:  # no browser in a test run: record what would open
        opened.append(url)
        return True

    monkeypatch.setattr("webbrowser.open", record)
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")
        await pilot.press("o")
        await app.workers.wait_for_complete()
        assert opened == ["https://northernledger.example/bridge-closure:-what-drivers-need-to-kno"]


async def test_y_copies_the_link(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j", "y")  # from the list: the story's first article
        assert app.clipboard == "https://orchardweekly.example/pear-growers-celebrate-bumper-year"


# -- help, palette, quit ----------------------------------------------------------------------------


async def test_question_mark_lists_every_binding(library: Library) -> None:
    app = make_app(library, keys={"star": "asterisk"})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        lines = str(app.screen.query_one("#help-body", Static).render()).splitlines()
        for command in COMMANDS:
            assert any(command.help in line and f"[{command.id}]" in line for line in lines), \
                command.id
        assert any(line.split()[:1] == ["*"] and "Star or unstar" in line for line in lines)
        assert any(line.split()[:2] == ["j", "↓"] and "Move down" in line for line in lines)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_keys_can_be_changed_in_the_config(library: Library) -> None:
    app = make_app(library, keys={"star": "asterisk", "down": "ctrl+n"})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await saved(pilot, app)
        assert not reopened(library).story(1).starred  # type: ignore[union-attr]
        await pilot.press("asterisk")
        await saved(pilot, app)
        assert reopened(library).story(1).starred  # type: ignore[union-attr]
        await pilot.press("ctrl+n")
        assert selected_headline(app).startswith("Tallow Valley")


async def test_unknown_command_in_config_keys_is_reported_not_fatal(library: Library) -> None:
    app = make_app(library, keys={"explode": "e"})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert any("unknown command id(s) in [keys]: explode" in m for m in notifications(app))
        await pilot.press("j")
        assert selected_headline(app).startswith("Tallow Valley")


async def test_palette_offers_the_app_commands(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for wanted in ("Refresh", "Add feed", "Import OPML", "Export briefing", "Theme",
                       "Merge stories", "Move article", "Search", "Filter"):
            assert wanted in titles


async def test_q_quits(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert app._exit


# -- untrusted text ---------------------------------------------------------------------------------


async def test_markup_and_escapes_in_titles_are_shown_literally(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(260, 50)) as pilot:
        await pilot.pause()
        lst = screen_of(app).stories
        row = lst.render_line(2 * lst.row_height)
        assert "[bold]Quarry[/bold] strike enters second week" in row.text
        assert "\x1b" not in "".join(seg.text for seg in row)
        assert not any(seg.style and seg.style.bold and seg.text == "Quarry" for seg in row)
        await pilot.press("j", "j")
        head = static_text(app, "#brief-head")
        assert "[bold]Quarry[/bold] strike enters second week" in head
        assert "[red]Workers[/red] walked out again." in head  # OSC title sequence removed
        await pilot.press("enter", "enter")
        body = static_text(app, "#reader-body")
        assert "Stonegate [i]Post[/i]" in body
        assert "[link=x]click[/link]" in body
        assert "\x1b" not in body and "\x07" not in body


# -- refresh in the background ------------------------------------------------------------------------


async def test_failed_refresh_is_a_notification_not_a_crash(
    library: Library, tmp_path: Path
) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        # the database file becomes unreachable for the refresh's own connection
        gone = tmp_path / "gone"
        gone.mkdir()
        library.store.path = gone
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any(m.startswith("Refresh failed: database path is a directory")
                   for m in notifications(app))
        assert "OFFLINE" in static_text(app, "#status-text")
        assert selected_headline(app).startswith("Tallow Valley")  # still reading
        await pilot.press("j")
        assert selected_headline(app) == HOSTILE_TITLE


FEED_XML = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Velmora Courier</title><link>https://velmoracourier.example/</link>
<description>News from Velmora</description>
<item>
  <title>Velmora zoo welcomes twin snow leopard cubs</title>
  <link>https://velmoracourier.example/zoo-cubs</link>
  <guid>https://velmoracourier.example/zoo-cubs</guid>
  <pubDate>Tue, 10 Mar 2026 11:30:00 +0000</pubDate>
  <description>Keepers at Velmora zoo announced the birth of twin snow leopard cubs on
  Sunday. The cubs, a male and a female, weigh about 500 grams each and are being cared for
  by their mother in a quiet enclosure. Visitors will be able to see them in early summer,
  the zoo director Amos Kell said, once the cubs are strong enough.</description>
</item>
</channel></rss>
"""


def feed_transport(calls: list[str], gate: threading.Event | None = None) -> object:
    import httpx

    def handle(request: httpx.Request) -> httpx.Response:
        if gate is not None:
            gate.wait(10)  # hold the refresh until the test has looked at the screen
        calls.append(str(request.url))
        if request.url.path == "/feed.xml":
            return httpx.Response(200, content=FEED_XML,
                                  headers={"content-type": "application/rss+xml"})
        return httpx.Response(404, text="not here")

    return httpx.MockTransport(handle)


async def test_r_refreshes_in_the_background_and_keeps_the_place(library: Library) -> None:
    calls: list[str] = []
    gate = threading.Event()
    app = create_app(library, Settings(), clock=fixed_clock(NOW),
                     transport=feed_transport(calls, gate))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        assert selected_headline(app).startswith("Tallow Valley")
        await pilot.press("r")
        await pilot.pause(0.2)
        assert "refreshing 0/1 feeds" in static_text(app, "#status-text")
        assert screen_of(app).query_one(StatusBar).has_class("-refreshing")  # progress bar
        await pilot.press("j")  # reading goes on while the worker runs
        assert selected_headline(app) == HOSTILE_TITLE
        await pilot.press("enter", "enter")
        assert "eighth day" in static_text(app, "#reader-body")
        await pilot.press("escape", "escape")
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "https://velmoracourier.example/feed.xml" in calls
        assert listed(app)[0] == "Velmora zoo welcomes twin snow leopard cubs"
        assert selected_headline(app) == HOSTILE_TITLE  # moved down one row, still selected
        assert screen_of(app).stories.cursor == 3
        status = static_text(app, "#status-text")
        assert "6 listed" in status and "refreshed" in status and "OFFLINE" not in status
        assert any("1 new articles" in m or "1 new article" in m for m in notifications(app))
        assert reopened(library).last_refresh() is not None


async def test_stories_written_by_another_process_appear_in_place(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        other = reopened(library)  # e.g. `brief fetch` in another terminal
        aid = other.store.insert_article(article_to_row(_article(
            "Keld bakery wins national bread prize", "Skyline Review", 0.5,
            "The bakery on Mill Lane won the prize for its rye loaf.")))
        sid = other.store.new_story_id()
        other.store.set_story(aid, sid)
        other.store.update_story(sid, headline="Keld bakery wins national bread prize")
        other.store.refresh_story_stats([sid])
        other.close()
        screen_of(app).check_outside_changes()  # what the 5-second timer does
        await pilot.pause()
        assert listed(app)[0] == "Keld bakery wins national bread prize"
        assert selected_headline(app).startswith("Tallow Valley")  # the place is kept
        assert "6 listed" in static_text(app, "#status-text")


async def test_refresh_with_every_feed_unreachable_shows_offline(library: Library) -> None:
    import httpx

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("network is unreachable", request=request)

    app = create_app(library, Settings(), clock=fixed_clock(NOW),
                     transport=httpx.MockTransport(refuse))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "OFFLINE" in static_text(app, "#status-text")
        assert len(listed(app)) == 5


# -- commands from the palette -------------------------------------------------------------------


async def answer_prompt(pilot: object, app: BriefApp, text: str) -> None:
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, PromptScreen), app.screen
    app.screen.query_one(Input).value = text
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_palette_runs_import_opml(library: Library, tmp_path: Path) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body>'
        '<outline text="Towns"><outline text="Harbour Gazette" type="rss" '
        'xmlUrl="https://harbourgazette.example/rss"/></outline>'
        '<outline text="Keld Skies" type="rss" xmlUrl="https://keldskies.example/atom"/>'
        "</body></opml>", encoding="utf-8")
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"Import OPML")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await answer_prompt(pilot, app, str(opml))
        urls = {f.url: f for f in reopened(library).feeds()}
        assert "https://harbourgazette.example/rss" in urls
        assert urls["https://harbourgazette.example/rss"].folder == "Towns"
        assert "https://keldskies.example/atom" in urls
        assert "3 feeds" in static_text(app, "#status-text")


async def test_import_of_a_bad_opml_file_is_a_notification(library: Library,
                                                           tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("just some notes", encoding="utf-8")
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await screen_of(app).run_action("import_opml")
        await answer_prompt(pilot, app, str(bad))
        assert any("not OPML" in m for m in notifications(app))
        await screen_of(app).run_action("import_opml")
        await answer_prompt(pilot, app, str(tmp_path / "missing.opml"))
        assert any("Cannot read" in m for m in notifications(app))
        assert len(reopened(library).feeds()) == 1


async def test_export_briefing_writes_markdown_of_the_listed_stories(
    library: Library, tmp_path: Path
) -> None:
    out = tmp_path / "briefing.md"
    app = make_app(library, filter="starred")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await screen_of(app).run_action("export_briefing")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "briefing-2026-03-10.md"
        await answer_prompt(pilot, app, str(out))
        text = out.read_text(encoding="utf-8")
        assert "Observatory on Mount Keld spots a new comet" in text
        assert "Velmora" not in text  # not starred, not listed


async def pick_story(pilot: object, app: BriefApp, typed: str, *keys: str) -> None:
    """Type into the story picker, then press keys (enter picks the highlighted story)."""
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, StoryPicker), app.screen
    await pilot.press(*typed)  # type: ignore[attr-defined]
    await pilot.press(*keys)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


def picker_lines(app: BriefApp) -> list[str]:
    options = app.screen.query_one("#picker-results", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_merge_and_move_correct_the_clustering(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await screen_of(app).run_action("merge_story")  # merge Tallow Valley (2) into bridge (1)
        await pilot.pause()
        # the picker lists the other stories; typed words narrow it by full-text search
        assert not any("Velmora harbour bridge" in line for line in picker_lines(app))
        assert any("Tallow Valley" in line for line in picker_lines(app))
        await pick_story(pilot, app, "pear harvest")
        assert len(picker_lines(app)) == 1 and "Tallow Valley" in picker_lines(app)[0]
        await pilot.press("enter")
        await pilot.pause()
        assert "Tallow Valley orchards report record pear harvest" not in listed(app)
        fresh = reopened(library)
        assert fresh.story(2) is None
        assert len(fresh.story(1).article_ids) == 5  # type: ignore[union-attr]
        # move the highlighted article (Orchard Weekly's, the oldest) out to a story of its own
        await pilot.press("enter")
        options = screen_of(app).brief.article_list
        assert "Orchard Weekly" in str(options.get_option_at_index(0).prompt)
        await screen_of(app).run_action("move_article")
        await pilot.pause()
        assert "a new story of its own" in picker_lines(app)[0]
        await pilot.press("enter")  # nothing typed: the first choice, a story of its own
        await pilot.pause()
        fresh = reopened(library)
        assert len(fresh.story(1).article_ids) == 4  # type: ignore[union-attr]
        assert any(m.startswith("Moved the article to story") for m in notifications(app))
        # an id typed as digits is taken as it is; escape cancels
        await screen_of(app).run_action("merge_story")
        await pick_story(pilot, app, "999", "enter")
        assert isinstance(app.screen, StoryPicker)  # no such story: nothing to pick
        assert picker_lines(app) == []
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, StoryPicker)
        assert len(reopened(library).story(1).article_ids) == 4  # type: ignore[union-attr]


async def test_story_picker_is_keyboard_driven(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await screen_of(app).run_action("merge_story")  # into the bridge story (1)
        await pilot.pause()
        lines = picker_lines(app)
        await pilot.press("down", "down", "enter")  # to the list, one story down, pick it
        await pilot.pause()
        picked = lines[1].split()[0]
        assert picked.isdigit() and reopened(library).story(int(picked)) is None
        assert any(m == f"Merged story {picked} into 1." for m in notifications(app))


async def test_add_feed_subscribes_in_the_background(library: Library) -> None:
    calls: list[str] = []
    app = create_app(library, Settings(), clock=fixed_clock(NOW),
                     transport=feed_transport(calls))
    library.store.remove_feed(1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await screen_of(app).run_action("add_feed")
        await answer_prompt(pilot, app, "https://velmoracourier.example/feed.xml")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [f.url for f in reopened(library).feeds()] == [
            "https://velmoracourier.example/feed.xml"]
        assert any(m.startswith("Subscribed to Velmora Courier") for m in notifications(app))
        await screen_of(app).run_action("add_feed")
        await answer_prompt(pilot, app, "ftp://nowhere.example/")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any(m.startswith("Cannot subscribe") for m in notifications(app))


# -- settings -------------------------------------------------------------------------------------


def test_settings_from_a_toml_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\nfilter = "unread"\n[keys]\nstar = "asterisk"\n',
                    encoding="utf-8")
    s = load_settings(path)
    assert (s.theme, s.filter, s.keys) == ("nord", "unread", {"star": "asterisk"})
    assert load_settings(tmp_path / "absent.toml") == Settings(path=tmp_path / "absent.toml")


@pytest.mark.parametrize("text, problem", [
    ("theme = ", "not valid TOML"),
    ('filter = "everything"', "filter must be one of"),
    ("[keys]\nstar = 5", "[keys] must map command ids"),
])
def test_broken_settings_say_what_is_wrong(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(problem)):
        load_settings(path)


async def test_theme_from_the_config_and_a_broken_config_still_opens(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\n', encoding="utf-8")
    monkeypatch.setenv("BRIEF_CONFIG", str(path))
    app = create_app(library, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
    path.write_text("filter = [", encoding="utf-8")
    app = create_app(library, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert any("not valid TOML" in m for m in notifications(app))
        assert len(listed(app)) == 5


# -- a long list --------------------------------------------------------------------------------


@pytest.fixture
def long_library(tmp_path: Path) -> Iterator[Library]:
    """250 one-article stories, an hour apart: more than two pages of the list."""
    lib = Library.open(tmp_path / "long.db")
    store = lib.store
    with store.transaction():
        for n in range(250):
            aid = store.insert_article(article_to_row(_article(
                f"Harbour notice number {n}", "Velmora Courier", n,
                f"Notice {n} about the harbour.")))
            sid = store.new_story_id()
            store.set_story(aid, sid)
            store.update_story(sid, headline=f"Harbour notice number {n}")
            store.refresh_story_stats([sid])
    yield lib
    lib.close()


async def test_a_long_list_is_read_a_page_at_a_time(long_library: Library) -> None:
    app = make_app(long_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        lst = screen_of(app).stories
        assert lst.count == 250  # counted just after the first frame
        assert "250 listed" in static_text(app, "#status-text")
        assert set(lst._pages) == {0}  # only the first page was read
        await pilot.press("G")
        assert selected_headline(app) == "Harbour notice number 249"
        assert set(lst._pages) == {0, 2}
        await pilot.press("k", "up", "pageup")
        assert lst.cursor < 247  # the keys move the cursor, not just the view
        await pilot.press("down")
        assert selected_headline(app) == f"Harbour notice number {lst.cursor}"
        await pilot.press("g")
        assert selected_headline(app) == "Harbour notice number 0"
        # a refresh elsewhere adds a story on top: the place is kept across pages
        await pilot.press("G")
        other = reopened(long_library)
        aid = other.store.insert_article(article_to_row(_article(
            "Harbour reopens", "Velmora Courier", 0.1, "The harbour is open again.")))
        sid = other.store.new_story_id()
        other.store.set_story(aid, sid)
        other.store.update_story(sid, headline="Harbour reopens")
        other.store.refresh_story_stats([sid])
        other.close()
        screen_of(app).check_outside_changes()
        await pilot.pause()
        assert selected_headline(app) == "Harbour notice number 249"
        assert lst.cursor == 250


async def test_A_on_a_long_list_works_in_the_background(
    long_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.main_screen.MARK_ALL_IN_BACKGROUND", 100)
    long_library.set_story_read(3, True)
    app = make_app(long_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("A")
        assert any(m.startswith("Marking 250 stories read") for m in notifications(app))
        await pilot.press("j")  # the list still answers meanwhile
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert reopened(long_library).story_count("unread") == 0
        assert "0 unread" in static_text(app, "#status-text")
        await pilot.press("u")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert reopened(long_library).story_count("unread") == 249  # story 3 was read before


async def test_an_empty_library_says_what_to_do_and_no_key_breaks_it(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "empty.db")
    app = make_app(lib)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lst = screen_of(app).stories
        assert "No articles yet. Add a feed" in lst.render_line(1).text
        for key in ["j", "k", "G", "g", "pagedown", "enter", "escape", "tab", "n", "p", "m",
                    "s", "d", "u", "A", "o", "y", "x", "f"]:
            await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert "No stories here. Press f" not in lst.render_line(1).text  # still: no articles
        assert " dismissed " in static_text(app, "#status-text")  # f: all -> dismissed
    lib.close()


def test_save_theme_keeps_the_rest_of_the_config(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('# mine\nfilter = "unread"\n\n[keys]\nstar = "asterisk"\ntheme = "x"\n',
                    encoding="utf-8")
    save_theme(path, "gruvbox")
    s = load_settings(path)
    assert (s.theme, s.filter, s.keys) == ("gruvbox", "unread", {"star": "asterisk", "theme": "x"})
    assert path.read_text(encoding="utf-8").startswith('theme = "gruvbox"\n# mine\n')
    save_theme(path, "nord")
    assert load_settings(path).theme == "nord"
    assert path.read_text(encoding="utf-8").count("theme = ") == 2  # one top-level, one in [keys]


async def test_a_theme_picked_in_the_app_is_remembered(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "brief" / "config.toml"
    app = create_app(library, Settings(path=path), clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.theme = "nord"  # what the palette's theme picker does
        await pilot.pause()
    assert load_settings(path).theme == "nord"


async def test_keys_do_not_wait_for_another_writer(library: Library) -> None:
    """While `brief fetch` (here: a second connection) holds the write lock, s and j still
    answer at once; the stars are stored, in order, as soon as the lock is free."""
    import sqlite3

    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        other = sqlite3.connect(str(library.store.path), isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # the write lock, as a refresh batch holds it
        try:
            started = time.perf_counter()
            await pilot.press("s", "s", "s", "j")  # star, unstar, star: then move on
            assert time.perf_counter() - started < 5  # not the 15 s busy timeout
            assert selected_headline(app).startswith("Tallow Valley")
            assert not reopened(library).story(1).starred  # type: ignore[union-attr]
        finally:
            other.execute("COMMIT")
            other.close()
        await saved(pilot, app)
        assert reopened(library).story(1).starred  # type: ignore[union-attr]
        await pilot.press("k", "s")
        await saved(pilot, app)
        assert not reopened(library).story(1).starred  # type: ignore[union-attr]


async def test_resizing_between_wide_and_narrow_keeps_the_selection(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        lst = screen_of(app).stories
        assert lst.row_height == 1 and app.screen.has_class("-wide")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.has_class("-narrow")
        assert lst.row_height == 1  # the list spans the whole width when narrow
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert lst.row_height == 2  # a third of a 120-column screen: two lines a story
        assert selected_headline(app).startswith("Tallow Valley")
        assert "Tallow Valley" in row_text(app, 1)


async def test_n_while_reading_goes_to_the_next_story_ready_to_read(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        scr = screen_of(app)
        await pilot.press("enter", "enter")
        assert scr.brief.reading and scr.maximized is scr.brief.reader
        await pilot.press("n")
        await pilot.pause()
        assert selected_headline(app).startswith("Tallow Valley")
        assert not scr.brief.reading and scr.maximized is None
        assert app.focused is scr.brief.article_list
        await pilot.press("enter")
        assert "12,000 tonnes" in static_text(app, "#reader-body")


async def test_outside_changes_wait_until_the_reader_closes(library: Library) -> None:
    """In the unread list, the story being read must not vanish (taking the reader with it)
    because some other writer committed meanwhile."""
    app = make_app(library, filter="unread")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        scr = screen_of(app)
        await pilot.press("j", "j", "j")
        assert selected_headline(app).startswith("Observatory")
        await pilot.press("enter", "enter")  # its only article: now the story is read
        await saved(pilot, app)
        scr.check_outside_changes()  # our own write is no news
        other = reopened(library)
        other.set_story_starred(2, True)  # someone else writes
        other.close()
        scr.check_outside_changes()
        await pilot.pause()
        assert scr.brief.reading and scr.story_id == 4
        assert "Observatory on Mount Keld spots a new comet" in listed(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "Observatory on Mount Keld spots a new comet" not in listed(app)
        assert len(listed(app)) == 3
