"""Every command of the app, defined once: its key, its help line, its action.

The table generates the main screen's BINDINGS (so the footer shows them), the help screen
and the command palette. Keys can be changed in the config file (``[keys]`` by command id),
which the app applies as a Textual keymap.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True, slots=True)
class Command:
    id: str
    keys: str  # Textual key names, comma separated ("" = palette only)
    title: str  # short: footer and palette
    help: str  # one line for the help screen and palette
    action: str  # action on the main screen
    group: str = "Stories"
    footer: bool = False
    palette: bool = True


COMMANDS: tuple[Command, ...] = (
    # movement
    Command("down", "j,down", "Down", "Move down", "move(1)", "Move", palette=False),
    Command("up", "k,up", "Up", "Move up", "move(-1)", "Move", palette=False),
    Command("top", "g,home", "Top", "Go to the top", "move_to('top')", "Move", palette=False),
    Command("bottom", "G,end", "Bottom", "Go to the bottom", "move_to('bottom')", "Move",
            palette=False),
    Command("page_down", "pagedown,space", "Page down", "Move one page down", "page(1)", "Move",
            palette=False),
    Command("page_up", "pageup,b", "Page up", "Move one page up", "page(-1)", "Move",
            palette=False),
    Command("open", "enter", "Open", "Open the story, or the article in the reader", "open",
            "Move", footer=True, palette=False),
    Command("back", "escape", "Back", "Back from the reader, or to the stories", "back", "Move",
            palette=False),
    Command("next_pane", "tab", "Next pane", "Cycle the panes: stories, brief, facts",
            "cycle_pane(1)", "Move", palette=False),
    Command("prev_pane", "shift+tab", "Previous pane", "Cycle the panes backwards",
            "cycle_pane(-1)", "Move", palette=False),
    Command("next_unread", "n", "Next unread", "Go to the next unread story", "next_unread(1)",
            "Move"),
    Command("prev_unread", "p", "Previous unread", "Go to the previous unread story",
            "next_unread(-1)", "Move"),
    # triage
    Command("toggle_read", "m", "Read/unread", "Mark the story read or unread", "toggle_read"),
    Command("star", "s", "Star", "Star or unstar the story", "toggle_star"),
    Command("dismiss", "d", "Dismiss", "Dismiss the story (u undoes)", "toggle_dismiss"),
    Command("undo", "u", "Undo", "Undo the last read, star, dismiss or mark-all", "undo"),
    Command("mark_all_read", "A", "All read", "Mark every story in the list read",
            "mark_all_read"),
    Command("filter", "f", "Filter", "Cycle the list: unread, starred, all, dismissed",
            "cycle_filter", footer=True),
    Command("search", "slash", "Search", "Full-text search of every article", "search",
            footer=True),
    # articles
    Command("browser", "o", "Browser", "Open the article (or the story's first) in the browser",
            "open_browser", "Articles"),
    Command("copy_link", "y", "Copy link", "Copy the article's link to the clipboard",
            "copy_link", "Articles"),
    Command("removed", "x", "Removed", "Reader: show what the cleaner removed, and why",
            "toggle_removed", "Articles"),
    # library
    Command("refresh", "r", "Refresh", "Fetch every feed in the background", "refresh",
            "Library", footer=True),
    Command("add_feed", "", "Add feed", "Subscribe to a feed by URL", "add_feed", "Library"),
    Command("import_opml", "", "Import OPML", "Subscribe to the feeds in an OPML file",
            "import_opml", "Library"),
    Command("export_briefing", "", "Export briefing",
            "Write a Markdown briefing of the listed stories", "export_briefing", "Library"),
    Command("merge_story", "", "Merge stories",
            "Merge another story (by id) into the selected one", "merge_story", "Library"),
    Command("move_article", "", "Move article",
            "Move the highlighted article to another story (by id) or a new one",
            "move_article", "Library"),
    Command("theme", "", "Theme", "Change the colour theme", "app.change_theme", "App"),
    Command("help", "question_mark", "Help", "Show every key", "help", "App", footer=True),
    Command("quit", "q", "Quit", "Quit brief", "app.quit", "App", footer=True),
)

BY_ID = {c.id: c for c in COMMANDS}


def bindings() -> list[Binding | tuple[str, str] | tuple[str, str, str]]:
    """The main screen's bindings, each with its command id so the keymap can rebind it."""
    return [
        Binding(c.keys, c.action, c.title, show=c.footer, id=c.id)
        for c in COMMANDS
        if c.keys
    ]


def keymap(overrides: dict[str, str]) -> dict[str, str]:
    """A Textual keymap from the config's ``[keys]``; unknown ids raise ValueError."""
    unknown = sorted(set(overrides) - set(BY_ID))
    if unknown:
        raise ValueError(
            f"unknown command id(s) in [keys]: {', '.join(unknown)} "
            f"(known: {', '.join(c.id for c in COMMANDS)})"
        )
    return {k: v.replace(" ", "") for k, v in overrides.items() if v.strip()}


def effective_keys(command: Command, overrides: dict[str, str]) -> str:
    return overrides.get(command.id, command.keys)


_KEY_NAMES = {
    "question_mark": "?", "slash": "/", "space": "Space", "escape": "Esc", "enter": "Enter",
    "pagedown": "PgDn", "pageup": "PgUp", "shift+tab": "Shift+Tab", "tab": "Tab",
    "down": "↓", "up": "↑", "home": "Home", "end": "End", "asterisk": "*",
}


def display_keys(keys: str) -> str:
    return " ".join(_KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(",") if k.strip())
