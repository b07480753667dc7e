"""What the app draws after a key: the whole change in one frame, and nothing left stale.

The app skips repaints Textual would do twice (scrollbars, the rows of the story list, the
panes under the brief's focus border) and draws late repaints in the frame under way; these
tests look at the drawn screen to check that what should change on it still does.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from rich.style import Style

from brief.convert import article_to_row
from brief.services import Library
from tests.test_tui import NOW, _article, build_library, row_text, screen_of, static_text
from tui.ages import fixed_clock
from tui.app import BriefApp, create_app
from tui.config import Settings
from tui.story_list import StoryList

LONG_TEXT = "\n\n".join(
    f"Paragraph {i} of the long inquiry report, with enough words to wrap over a line or two "
    "in the reader at any width the app supports." for i in range(1, 61)
)


def add_story(library: Library, headline: str, hours_ago: float, text: str) -> int:
    store = library.store
    sid = store.new_story_id()
    aid = store.insert_article(article_to_row(_article(headline, "Velmora Courier", hours_ago,
                                                       text)))
    store.set_story(aid, sid)
    store.update_story(sid, headline=headline, summary=text.split(".")[0] + ".")
    store.refresh_story_stats([sid])
    return sid


def busy_library(path: Path) -> Library:
    """The six test stories, a newest one whose article is long (the reader scrolls), and
    sixty older ones (the list scrolls)."""
    library = build_library(path)
    add_story(library, "Harbour inquiry report published", 1, LONG_TEXT)
    for n in range(60):
        add_story(library, f"Filler story number {n}", 100 + n, "Filler text.")
    return library


def long_story_library(path: Path) -> Library:
    """The six test stories, then a newest one whose single article is long."""
    library = build_library(path)
    add_story(library, "Harbour inquiry report published", 1, LONG_TEXT)
    return library


def drawn(app: BriefApp) -> list[list[tuple[str, Style]]]:
    """The screen as drawn: per line, one (character, style) per cell."""
    lines = []
    for strip in app.screen._compositor.render_strips():
        cells: list[tuple[str, Style]] = []
        for segment in strip:
            style = segment.style or Style()
            cells += [(ch, style) for ch in segment.text]
        lines.append(cells)
    return lines


def column(app: BriefApp, x: int, top: int, bottom: int) -> list[tuple[str, Style]]:
    lines = drawn(app)
    return [lines[y][x] for y in range(top, bottom)]


def frames_of(app: BriefApp) -> list[int]:
    """Counts the frames handed to the terminal (appends 1 per frame)."""
    frames: list[int] = []
    display = app._display

    def counted(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None:
            frames.append(1)

    app._display = counted  # type: ignore[method-assign]
    return frames


def scrollbar(app: BriefApp, widget: Any) -> list[tuple[str, Style]]:
    """The widget's vertical scrollbar as drawn."""
    region = widget.vertical_scrollbar.region
    assert widget.show_vertical_scrollbar and region.width == 1
    return column(app, region.x, region.y, region.bottom)


def reader_scrollbar(app: BriefApp) -> list[tuple[str, Style]]:
    return scrollbar(app, screen_of(app).brief.reader)


async def test_a_key_draws_its_whole_change_in_one_frame(tmp_path: Path) -> None:
    """j moves the cursor (and the list's scrollbar once it scrolls) and refills the brief
    and facts panes; enter moves the focus (and its border), then opens the reader; escape
    closes it, then gives the focus back: each is drawn in one frame, with no second frame
    a tick later for a scrollbar or a pane whose repaint came late. (The story is read already: opening an unread article draws
    its read mark once it is stored, a frame of its own.)"""
    library = busy_library(tmp_path / "brief.db")
    newest = library.stories("all", limit=1)[0]
    assert newest.headline == "Harbour inquiry report published"
    library.set_story_read(newest.id, True)
    app = create_app(library, Settings(), clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        frames = frames_of(app)
        keys = ["j", "k", "enter", "enter", "escape", "escape"] + ["j"] * 25  # the list scrolls
        for n, key in enumerate(keys):
            frames.clear()
            await pilot.press(key)
            await pilot.pause(0.1)
            assert len(frames) == 1, (n, key)
            if key == "enter" and screen_of(app).brief.reading:
                assert "Paragraph 60 of the long inquiry" in static_text(app, "#reader-body")
        lst = screen_of(app).stories
        assert lst.cursor == 25 and lst.scroll_offset.y > 0
    library.close()


async def test_the_focused_pane_has_the_lit_border(tmp_path: Path) -> None:
    library = build_library(tmp_path / "brief.db")
    app = create_app(library, Settings(), clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        scr = screen_of(app)
        accent = app.theme_variables["accent"].lower()

        def lit() -> list[str]:
            lines = drawn(app)
            out = []
            for name, pane in (("stories", scr.stories), ("brief", scr.brief),
                               ("facts", scr.facts)):
                _, style = lines[pane.region.y][pane.region.x]  # the top-left corner
                if style.color is not None and style.color.triplet is not None \
                        and style.color.triplet.hex == accent:
                    out.append(name)
            return out

        assert lit() == ["stories"]
        for expected in (["brief"], ["facts"], ["stories"]):
            await pilot.press("tab")
            await pilot.pause()
            assert lit() == expected
        await pilot.press("enter")  # the story's articles take the focus
        await pilot.pause()
        assert lit() == ["brief"]
        await pilot.press("escape")
        await pilot.pause()
        assert lit() == ["stories"]
    library.close()


async def test_the_reader_scrollbar_follows_the_text(tmp_path: Path) -> None:
    library = long_story_library(tmp_path / "brief.db")
    app = create_app(library, Settings(), clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert screen_of(app).stories.current is not None
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert screen_of(app).brief.reading
        at_top = reader_scrollbar(app)
        await pilot.press("space")
        await pilot.pause()
        paged = reader_scrollbar(app)
        assert paged != at_top  # the thumb moved down
        await pilot.press("G")
        await pilot.pause()
        at_end = reader_scrollbar(app)
        assert at_end not in (at_top, paged)
        await pilot.press("g")
        await pilot.pause()
        assert reader_scrollbar(app) == at_top
    library.close()


async def test_a_new_theme_redraws_the_scrollbars(tmp_path: Path) -> None:
    """The list's scrollbar is drawn in the new theme's colours, as in an app started with
    that theme."""
    library = busy_library(tmp_path / "brief.db")

    def list_scrollbar(app: BriefApp) -> list[tuple[str, Style]]:
        return scrollbar(app, app.screen.query_one(StoryList))

    app = create_app(library, Settings(), clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        before = list_scrollbar(app)
        app.theme = "nord"
        await pilot.pause(0.2)
        switched = list_scrollbar(app)
    fresh = create_app(library, Settings(theme="nord"), clock=fixed_clock(NOW))
    async with fresh.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        started = list_scrollbar(fresh)
    assert switched != before
    assert switched == started
    library.close()


async def test_story_ages_move_on_with_the_clock(tmp_path: Path) -> None:
    """The list keeps its drawn rows, but the minute tick draws the ages again."""
    library = build_library(tmp_path / "brief.db")
    now = [NOW]

    def clock() -> datetime:
        return now[0]

    app = create_app(library, Settings(), clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "2 hours ago" in row_text(app, 0)
        now[0] = NOW + timedelta(hours=3)
        screen_of(app)._minute()
        await pilot.pause()
        assert "5 hours ago" in row_text(app, 0)
    library.close()


async def test_the_collector_is_paused_only_until_the_frame(tmp_path: Path) -> None:
    """Garbage collection waits from a key until its frame is written, then runs again;
    a key that draws nothing gives it back after at most two seconds."""
    import gc

    library = build_library(tmp_path / "brief.db")
    app = create_app(library, Settings(), clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert gc.isenabled()
        await pilot.press("j")  # draws: the collector is back 20 ms after the frame
        await pilot.pause(0.1)
        assert gc.isenabled()
        await pilot.press("k", "k")  # the second k, at the top, draws nothing
        await pilot.pause(2.2)
        assert gc.isenabled()
        await pilot.press("q")  # quits: no frame follows
    assert gc.isenabled()
    library.close()


async def test_the_facts_scrollbar_fits_each_story(tmp_path: Path) -> None:
    """Stories with long and longer facts: after moving onto a story, the facts pane's
    scrollbar is drawn as in an app that opened on that story (no thumb left over from the
    story before)."""
    from brief.convert import story_facts_to_rows
    from brief.models import Fact, StoryFacts

    library = build_library(tmp_path / "brief.db")
    for sid, n in ((1, 30), (2, 60), (3, 45)):
        facts = [Fact(f"figure number {i} of story {sid}", float(i), "units",
                      sources=("Velmora Courier",)) for i in range(n)]
        library.store.replace_story_details(sid, story_facts_to_rows(StoryFacts(facts=facts)))

    async def facts_bar(moves: int) -> list[tuple[str, Style]]:
        app = create_app(library, Settings(), clock=fixed_clock(NOW))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            for _ in range(moves):
                await pilot.press("j")
                await pilot.pause()
            return scrollbar(app, screen_of(app).facts)

    app = create_app(library, Settings(), clock=fixed_clock(NOW))
    walked = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(3):
            walked.append(scrollbar(app, screen_of(app).facts))
            await pilot.press("j")
            await pilot.pause()
    assert len({str(bar) for bar in walked}) == 3  # three lengths, three thumbs
    for moves, bar in enumerate(walked):
        assert bar == await facts_bar(moves)
    library.close()


async def test_start_up_runs_without_the_collector_until_its_first_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Start-up makes the objects the app keeps for its life: the collector stays off while
    the screen mounts, and is back once the first frame is drawn."""
    import gc

    from tui.main_screen import MainScreen

    seen: list[bool] = []
    mount = MainScreen.on_mount

    def on_mount(self: MainScreen) -> None:
        seen.append(gc.isenabled())
        mount(self)

    monkeypatch.setattr(MainScreen, "on_mount", on_mount)
    library = build_library(tmp_path / "brief.db")
    app = create_app(library, Settings(), clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.1)
        assert seen == [False]
        assert gc.isenabled()
    assert gc.isenabled()
    library.close()
