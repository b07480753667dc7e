"""The help screen: every command, its key (as configured) and what it does."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.commands import COMMANDS, display_keys, effective_keys

KEY_WIDTH = 14


def help_text(overrides: dict[str, str]) -> Text:
    """Every command by group: its keys (as configured), what it does, and its id (dim)."""
    out = Text()
    group = None
    for c in COMMANDS:
        if c.group != group:
            group = c.group
            if out:
                out.append("\n")
            out.append(group, "bold underline")
            out.append("\n")
        keys = effective_keys(c, overrides)
        label = display_keys(keys) if keys else "palette"
        out.append(f"  {label:<{KEY_WIDTH}}", "bold" if keys else "italic dim")
        out.append(c.help)
        out.append(f"  [{c.id}]", "dim")
        out.append("\n")
    out.append("\n")
    out.append(f"  {'ctrl+p':<{KEY_WIDTH}}", "bold")
    out.append("Command palette: every command by name\n")
    return out


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
            yield Static(help_text(self.overrides), id="help-body")
            yield Static(Text(f"Change keys and theme in {self.config_hint}", style="dim"))

    def action_scroll(self, delta: int) -> None:
        self.query_one(VerticalScroll).scroll_relative(y=delta, animate=False)
