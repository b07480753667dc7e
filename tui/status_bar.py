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


def status_text(s: Status, now: datetime) -> Text:
    """Most important first, so a narrow terminal cuts only the least useful part."""
    out = Text(no_wrap=True, overflow="ellipsis")
    out.append(f" {s.filter} ", "reverse bold")
    if s.offline:
        out.append(" ")
        out.append(" OFFLINE ", "bold reverse red")
    out.append(f" {s.listed:,} listed")
    if s.counts is not None:
        out.append(f" · {s.counts.unread_stories:,} unread")
    if s.refreshing:
        out.append(f" · {s.refreshing}", "bold")
    elif s.last_refresh is not None:
        out.append(f" · refreshed {age(min(s.last_refresh, now), now)}")
    else:
        out.append(" · never refreshed", "dim")
    if s.counts is not None:
        c = s.counts
        out.append(f" · {c.stories:,} stories · {c.articles:,} articles · "
                   f"{c.feeds:,} feed{'' if c.feeds == 1 else 's'}", "dim")
    return out


class StatusBar(Horizontal):
    DEFAULT_CSS = """
    StatusBar { height: 1; }
    StatusBar #status-text { width: 1fr; height: 1; }
    StatusBar ProgressBar { width: auto; height: 1; display: none; }
    StatusBar.-refreshing ProgressBar { display: block; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="status-text")

    def show(self, status: Status, now: datetime) -> None:
        self.query_one("#status-text", Static).update(status_text(status, now))
        self.set_class(bool(status.refreshing), "-refreshing")

    def progress(self, done: int | None, total: int | None) -> None:
        """Move the progress bar (mounted on the first refresh, not at start-up)."""
        bars = self.query(ProgressBar)
        if bars:
            bar = bars.first()
        else:
            bar = ProgressBar(total=None, show_eta=False, id="refresh-progress")
            self.mount(bar)
        bar.update(total=total if total else None, progress=float(done or 0))
