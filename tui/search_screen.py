"""Full-text search over every article (FTS5 through Library.search)."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from brief.services import Library, SearchError, SearchHit
from tui.ages import Clock, age
from tui.safe_text import clean, literal


def hit_text(hit: SearchHit, now: datetime) -> Text:
    a = hit.article
    out = Text()
    out.append(clean(a.source, single_line=True) or "unknown outlet", "bold")
    out.append("  ")
    out.append_text(literal(a.title or "(untitled)"))
    out.append(f"  {age(a.published or a.fetched_at, now)}", "dim")
    snippet = clean(hit.snippet, single_line=True)
    if snippet:
        out.append("\n    ")
        out.append(snippet, "dim italic")
    return out


class SearchScreen(ModalScreen[int | None]):
    """Type words and press enter; pick an article to read it. Returns an article id."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "results", "Results", show=False),
    ]

    def __init__(self, library: Library, clock: Clock, query: str = "") -> None:
        super().__init__()
        self.library = library
        self.clock = clock
        self.query_text = query
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="search"):
            yield Input(value=self.query_text, placeholder="search every article (FTS5: "
                        "words, \"a phrase\", word*, a OR b)", id="search-input")
            yield Static(id="search-message")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        if self.query_text:
            self.run_search(self.query_text)

    def run_search(self, query: str) -> None:
        message = self.query_one("#search-message", Static)
        results = self.query_one(OptionList)
        results.clear_options()
        query = query.strip()
        if not query:
            message.update(Text("Type some words to search for.", style="italic"))
            self.hits = []
            return
        try:
            self.hits = self.library.search(query)
        except SearchError as e:
            self.hits = []
            message.update(literal(str(e), "bold red"))
            return
        if not self.hits:
            message.update(literal(f"No article matches {query!r}.", "italic"))
            return
        n = len(self.hits)
        message.update(Text(f"{n}{'+' if n >= 50 else ''} article{'s' if n != 1 else ''} — "
                            "enter to read, escape to close", style="dim"))
        now = self.clock()
        results.add_options(
            Option(hit_text(h, now), id=str(h.article.id)) for h in self.hits
        )
        results.highlighted = 0

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.run_search(event.value)
        if self.hits:
            self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(int(event.option.id))

    def action_results(self) -> None:
        if self.hits:
            self.query_one(OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
