"""Screenshots of the app at 80x24 and 120x40 (pytest-textual-snapshot).

Ages are computed against a fixed clock, so the screens are the same on any day. After an
intended change of the look, review and accept with ``pytest tests/test_tui_snapshots.py
--snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from brief.services import Library
from tests.test_tui import NOW, build_library
from tui.ages import fixed_clock
from tui.app import BriefApp, create_app
from tui.config import Settings

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def app(tmp_path: Path) -> Any:
    library: Library = build_library(tmp_path / "brief.db")
    settings = Settings(path=Path("~/.config/brief/config.toml"))
    yield create_app(library, settings, clock=fixed_clock(NOW))
    library.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen(snap_compare: Any, app: BriefApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reader(snap_compare: Any, app: BriefApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, press=["enter", "j", "enter"], terminal_size=size)


def test_reader_beside_the_panes_on_a_wide_terminal(snap_compare: Any, app: BriefApp) -> None:
    """From 160 columns up the reader has room beside the list and the facts."""
    assert snap_compare(app, press=["enter", "j", "enter"], terminal_size=(180, 45))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reader_with_removed_blocks(snap_compare: Any, app: BriefApp,
                                   size: tuple[int, int]) -> None:
    assert snap_compare(app, press=["enter", "j", "enter", "x"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare: Any, app: BriefApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, press=["question_mark"], terminal_size=size)


def test_hostile_story_selected(snap_compare: Any, app: BriefApp) -> None:
    """Markup and escapes from a feed appear as typed, at the widest layout."""
    assert snap_compare(app, press=["j", "j"], terminal_size=(120, 40))
