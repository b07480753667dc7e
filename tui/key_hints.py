"""The bottom line of key hints, made from the command table (a cheap stand-in for Footer).

Textual's Footer mounts a widget per key and recomposes on every focus change; one Static
is enough here, and it shows the keys as the user configured them.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui.commands import COMMANDS, display_keys, effective_keys

READER_HINTS = ("back", "next_unread", "removed", "browser", "copy_link", "help")


def hints_text(overrides: dict[str, str], key_style: str = "bold",
               only: tuple[str, ...] | None = None) -> Text:
    """The footer commands' keys, or (only) the named commands' in that order."""
    out = Text(no_wrap=True, overflow="ellipsis")
    if only is None:
        commands = [c for c in COMMANDS if c.footer]
    else:
        by_id = {c.id: c for c in COMMANDS}
        commands = [by_id[name] for name in only if name in by_id]
    for c in commands:
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

    reading = False

    def on_mount(self) -> None:
        self._show()

    def show_reading(self, reading: bool) -> None:
        """The reader's keys while an article is open, the main keys otherwise."""
        if reading != self.reading:
            self.reading = reading
            self._show()

    def _show(self) -> None:
        color = self.app.theme_variables.get("footer-key-foreground", "")
        self.update(hints_text(self.overrides, f"bold {color}".strip(),
                               READER_HINTS if self.reading else None), layout=False)
