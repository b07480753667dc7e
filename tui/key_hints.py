"""The bottom line of key hints, made from the command table (a cheap stand-in for Footer).

Textual's Footer mounts a widget per key and recomposes on every focus change; one Static
is enough here, and it shows the keys as the user configured them.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui.commands import COMMANDS, display_keys, effective_keys


def hints_text(overrides: dict[str, str], key_style: str = "bold") -> Text:
    out = Text(no_wrap=True, overflow="ellipsis")
    for c in COMMANDS:
        if not c.footer:
            continue
        keys = effective_keys(c, overrides)
        first = keys.split(",")[0] if keys else ""
        if not first:
            continue
        out.append(f" {display_keys(first)} ", key_style)
        out.append(f"{c.title} ")
    out.append(" ^p ", key_style)
    out.append("palette")
    return out


class KeyHints(Static):
    DEFAULT_CSS = """
    KeyHints {
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self, overrides: dict[str, str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.overrides = overrides

    def on_mount(self) -> None:
        color = self.app.theme_variables.get("footer-key-foreground", "")
        self.update(hints_text(self.overrides, f"bold {color}".strip()))
