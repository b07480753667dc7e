"""Pick a story for a correction (merge into, move an article to) by typing words from it.

With nothing typed it lists the newest stories of the current filter; typed words search every
article (FTS5 through Library.search) and list the stories of the articles found. A story id
typed as digits is taken as it is. Returns the picked story id as text, ``"new"`` for a story
of its own (when offered), or None when cancelled.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from brief.models import Story
from brief.services import Library, SearchError
from tui.ages import Clock, age
from tui.safe_text import clean, literal

PICK_MAX = 50  # stories listed at most
NEW_STORY = "new"


def story_choice(story: Story, now: datetime) -> Text:
    """One line per story: its id (what a typed answer would be), headline, outlets, age."""
    out = Text()
    out.append(f"{story.id:>6}  ", "dim")
    out.append_text(literal(story.headline or "(untitled)", "bold"))
    outlets = ", ".join(clean(s, single_line=True) for s in story.sources[:3])
    if len(story.sources) > 3:
        outlets += f" +{len(story.sources) - 3}"
    out.append(f"  {outlets}" if outlets else "", "dim")
    out.append(f"  {age(story.last_seen, now)}", "dim")
    out.no_wrap = True
    out.overflow = "ellipsis"
    return out


class StoryPicker(ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "results", "Results", show=False),
    ]

    def __init__(self, library: Library, clock: Clock, question: str, *,
                 exclude: int | None = None, filter: str = "all",
                 offer_new: bool = False) -> None:
        super().__init__()
        self.library = library
        self.clock = clock
        self.question = question
        self.exclude = exclude
        self.filter = filter
        self.offer_new = offer_new

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(Text(self.question, style="bold"))
            yield Input(placeholder="words from the story, or its id", id="picker-input")
            yield Static(id="picker-message")
            yield OptionList(id="picker-results")

    def on_mount(self) -> None:
        self.list_stories("")
        self.query_one(Input).focus()

    def _found(self, query: str) -> tuple[list[Story], str]:
        """The stories to offer and a line that says what they are."""
        if not query:
            stories = self.library.stories(self.filter, limit=PICK_MAX + 1)
            return stories, f"Newest {self.filter} stories — type to search every article."
        if query.isdigit():
            story = self.library.story(int(query))
            if story is None:
                return [], f"No story {query}."
            return [story], "Enter to pick it."
        try:
            hits = self.library.search(query, limit=200)
        except SearchError as e:
            return [], str(e)
        ids = list(dict.fromkeys(h.article.story_id for h in hits
                                 if h.article.story_id is not None))
        stories = [s for s in map(self.library.story, ids[: PICK_MAX + 1]) if s is not None]
        if not stories:
            return [], f"No story matches {query!r}."
        return stories, "Enter to pick the highlighted story; down to browse."

    def list_stories(self, query: str) -> None:
        stories, message = self._found(query.strip())
        stories = [s for s in stories if s.id != self.exclude][:PICK_MAX]
        results = self.query_one(OptionList)
        results.clear_options()
        if self.offer_new:
            results.add_option(Option(Text("a new story of its own", style="italic"),
                                      id=NEW_STORY))
        now = self.clock()
        results.add_options(Option(story_choice(s, now), id=str(s.id)) for s in stories)
        if results.option_count:
            results.highlighted = 1 if self.offer_new and stories and query.strip() else 0
        self.query_one("#picker-message", Static).update(literal(message, "dim"))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.list_stories(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        results = self.query_one(OptionList)
        index = results.highlighted
        if index is not None and results.option_count:
            self.dismiss(results.get_option_at_index(index).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_results(self) -> None:
        results = self.query_one(OptionList)
        if results.option_count:
            results.focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
