"""The help screen: every command, its key (as configured) and what it does."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.commands import COMMANDS, display_keys, effective_keys


def help_table(overrides: dict[str, str]) -> Table:
    table = Table(box=None, expand=True, show_header=True, header_style="bold", padding=(0, 1))
    table.add_column("Key", no_wrap=True)
    table.add_column("Does", ratio=1)
    table.add_column(Text("Id (for [keys])"), style="dim", no_wrap=True)
    group = None
    for c in COMMANDS:
        if c.group != group:
            group = c.group
            table.add_row(Text(group, style="bold underline"), "", "")
        keys = effective_keys(c, overrides)
        table.add_row(
            Text(display_keys(keys) if keys else "palette", style="bold" if keys else "italic dim"),
            Text(c.help),
            Text(c.id),
        )
    table.add_row("", "", "")
    table.add_row(Text("ctrl+p", style="bold"), Text("Command palette (every command by name)"), "")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", show=True),
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
    ]

    def __init__(self, overrides: dict[str, str], config_hint: str) -> None:
        super().__init__()
        self.overrides = overrides
        self.config_hint = config_hint

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Text("brief — keys", style="bold"), id="help-title")
            yield Static(help_table(self.overrides))
            yield Static(Text(f"Change keys and theme in {self.config_hint}", style="dim"))

    def action_scroll(self, delta: int) -> None:
        self.query_one(VerticalScroll).scroll_relative(y=delta, animate=False)
