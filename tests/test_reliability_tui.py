"""The reader (Textual) on hostile feed content fetched through the real refresh path.

Titles, bodies, outlet names and bylines carry Rich/Textual markup (including an unmatched
closing tag, which raises MarkupError if parsed, and ``[@click=...]`` action markup, which
would run an app action), ANSI/OSC escapes and control characters. The app must open every
pane on them without an error, show the markup as literal text and strip the escapes.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import Static

from brief.refresh import refresh
from brief.services import Library
from tests import faultserver as fsv
from tests.test_faults import FAST
from tui.ages import fixed_clock
from tui.app import create_app
from tui.config import Settings
from tui.main_screen import MainScreen

MARKUP = "[/bold] [@click=app.quit]quit[/] [link=file:///etc/passwd]x[/link] [blink]b[/blink]"
ESCAPES = "\x1b[2J\x1b]0;owned\x07\x9b31m\x1b]52;c;Zm9v\x07\u202e"


@pytest.fixture
def hostile_library(tmp_path: Path) -> Library:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"Marsh {ESCAPES} Gazette {MARKUP}",
        "items": [{
            "id": f"m{i}", "url": f"http://127.0.0.1/marsh/{i}",
            "title": f"Sluice gate {i} {MARKUP} {ESCAPES} reopens",
            "content_text": (f"Report {i}. The sluice gate at Fenwick {MARKUP} reopened on "
                             f"Tuesday {ESCAPES}, the drainage board said. ") * 6,
            "authors": [{"name": f"Ada {MARKUP} Reed"}],
            "date_published": "2026-11-20T08:00:00Z",
        } for i in range(3)],
    }
    with fsv.serve() as fs:
        lib = Library.open(tmp_path / "tui.db")
        lib.store.add_feed(fs.add("/marsh.json", fsv.respond(
            json.dumps(doc).encode(), content_type="application/feed+json")))
        summary = refresh(lib.store, articles=False, limits=FAST)
    assert summary.new_articles == 3, summary.errors
    return lib


def shown(app: object, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


async def test_reader_shows_hostile_markup_literally_and_strips_escapes(
    hostile_library: Library,
) -> None:
    lib = hostile_library
    app = create_app(lib, Settings(), clock=fixed_clock(datetime(2026, 11, 21, tzinfo=UTC)))
    seen: list[str] = []
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        seen += [shown(app, "#brief-head"), shown(app, "#facts-body"), shown(app, "#status-text")]
        await pilot.press("enter")  # the story's articles
        await pilot.press("enter")  # the reader on the first article
        await pilot.pause()
        seen.append(shown(app, "#reader-body"))
        await pilot.press("escape", "escape", "tab", "tab", "tab")
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"sluice", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running  # [@click=app.quit] never became an action
        assert isinstance(app.screen, MainScreen)
    text = "\n".join(seen)
    assert "[@click=app.quit]quit[/]" in text
    assert "[link=file:///etc/passwd]x[/link]" in text
    assert "[/bold]" in text
    for ch in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert ch not in text
    reader = seen[3]
    assert "sluice gate at Fenwick" in reader and "drainage board" in reader
    lib.close()
