"""The status bar: filter, counts, last refresh, offline indicator and refresh progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static

from brief.services import Counts
from tui.ages import age


@dataclass(slots=True)
class Status:
    filter: str = "all"
    listed: int = 0
    counts: Counts | None = None
    last_refresh: datetime | None = None
    offline: bool = False
    refreshing: str = ""  # what the refresh is doing, while it runs


def status_text(s: Status, now: datetime, width: int | None = None) -> Text:
    """Most important first; a narrow terminal drops whole items from the end (never half
    of one), so what is left reads as it is."""
    parts: list[tuple[str, str]] = [(f" {s.filter} ", "reverse bold")]
    if s.offline:
        parts += [(" ", ""), (" OFFLINE ", "bold reverse red")]
    parts.append((f" {s.listed:,} listed", ""))
    if s.counts is not None:
        parts.append((f" · {s.counts.unread_stories:,} unread", ""))
    if s.refreshing:
        parts.append((f" · {s.refreshing}", "bold"))
    elif s.last_refresh is not None:
        parts.append((f" · refreshed {age(min(s.last_refresh, now), now)}", ""))
    else:
        parts.append((" · never refreshed", "dim"))
    if s.counts is not None:
        c = s.counts
        parts += [(f" · {c.stories:,} stories", "dim"), (f" · {c.articles:,} articles", "dim"),
                  (f" · {c.feeds:,} feed{'' if c.feeds == 1 else 's'}", "dim")]
    out = Text(no_wrap=True, overflow="ellipsis")
    for i, (text, style) in enumerate(parts):
        if width is not None and i > 2 and out.cell_len + len(text) > width:
            break
        out.append(text, style)
    return out


class StatusBar(Horizontal):
    DEFAULT_CSS = """
    StatusBar { height: 1; }
    StatusBar #status-text { width: 1fr; height: 1; }
    StatusBar ProgressBar { width: auto; height: 1; display: none; }
    StatusBar.-refreshing ProgressBar { display: block; }
    """

    _shown: tuple[Status, datetime] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="status-text")

    def show(self, status: Status, now: datetime) -> None:
        self._shown = (status, now)
        self.set_class(bool(status.refreshing), "-refreshing")
        text = self.query_one("#status-text", Static)
        text.update(status_text(status, now, text.size.width or None), layout=False)

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)

    def progress(self, done: int | None, total: int | None) -> None:
        """Move the progress bar (mounted on the first refresh, not at start-up)."""
        bars = self.query(ProgressBar)
        if bars:
            bar = bars.first()
        else:
            bar = ProgressBar(total=None, show_eta=False, id="refresh-progress")
            self.mount(bar)
        bar.update(total=total if total else None, progress=float(done or 0))
