"""The palette's library commands: add a feed, import OPML, export a briefing, and the
corrections (merge two stories, move an article). Each asks one question (the corrections
pick a story from a list narrowed by typed words: tui.story_picker), then acts."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from tui.prompt_screen import PromptScreen
from tui.safe_text import clean

if TYPE_CHECKING:
    from tui.main_screen import MainScreen

BRIEFING_MAX = 500  # stories written by "export briefing"


def shortened(text: str, limit: int) -> str:
    """A title cut to ``limit`` characters at a word, with an ellipsis when cut."""
    text = clean(text, single_line=True)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:-") + "…"


class LibraryCommands:
    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    def _ask(self, question: str, answered: Callable[[str | None], None],
             placeholder: str = "", value: str = "") -> None:
        self.screen.app.push_screen(PromptScreen(question, placeholder, value), answered)

    def _say(self, message: str, *, error: bool = False, timeout: float = 4) -> None:
        self.screen.notify(message, severity="error" if error else "information",
                           timeout=8 if error else timeout, markup=False)

    # -- add a feed ---------------------------------------------------------------------------

    def add_feed(self) -> None:
        self._ask("Subscribe to a feed (or a site whose feed should be found):",
                  self._add_feed, "https://example.org/feed.xml")

    def _add_feed(self, url: str | None) -> None:
        if url:
            self._say(f"Looking for a feed at {url}…", timeout=3)
            self.screen.run_worker(partial(self._subscribe, url), thread=True,
                                   group="subscribe")

    def _subscribe(self, url: str) -> None:
        """In a worker thread: discovering the feed goes over the network."""
        from brief.subscribe import subscribe

        screen = self.screen
        try:
            library = screen.worker_library()
            try:
                feed = subscribe(library.store, url, transport=screen.transport)
            finally:
                if library is not screen.library:
                    library.close()
        except Exception as e:  # any failure is a notification
            screen.app.call_from_thread(self._say, f"Cannot subscribe: {e}", error=True)
            return
        title = clean(feed.title or feed.url, single_line=True)
        screen.app.call_from_thread(self._say, f"Subscribed to {title}. Press r to fetch it.")
        screen.app.call_from_thread(screen.update_status)

    # -- import OPML --------------------------------------------------------------------------

    def import_opml(self) -> None:
        self._ask("Import feeds from an OPML file:", self._import_opml, "subscriptions.opml")

    def _import_opml(self, path: str | None) -> None:
        if not path:
            return
        from brief.opml import OpmlError, parse_opml

        try:
            entries = parse_opml(Path(path).expanduser().read_bytes())
        except OSError as e:
            self._say(f"Cannot read {path}: {e.strerror}", error=True)
            return
        except OpmlError as e:
            self._say(f"{path}: {e}", error=True)
            return
        store = self.screen.library.store
        with store.transaction():
            for entry in entries:
                store.add_feed(entry.url, title=entry.title, folder=entry.folder)
        self.screen.update_status()
        self._say(f"Imported {len(entries)} feeds. Press r to fetch them.", timeout=5)

    # -- export a briefing --------------------------------------------------------------------

    def export_briefing(self) -> None:
        screen = self.screen
        self._ask(f"Write a Markdown briefing of the {screen.stories.filter} stories to:",
                  self._export_briefing, value=f"briefing-{screen.clock():%Y-%m-%d}.md")

    def _export_briefing(self, path: str | None) -> None:
        if not path:
            return
        from brief.briefing import briefing_markdown, story_json

        library = self.screen.library
        stories = library.stories(self.screen.stories.filter, limit=BRIEFING_MAX)
        text = briefing_markdown([story_json(library, s.id) for s in stories])
        target = Path(path).expanduser()
        try:
            target.write_text(clean(text) + "\n", encoding="utf-8")
        except OSError as e:
            self._say(f"Cannot write {target}: {e.strerror}", error=True)
            return
        self._say(f"Wrote {len(stories)} stories to {target}", timeout=5)

    # -- corrections (the story is picked from a list filtered by typed words) ----------------------------------------------------------------------------

    def _pick(self, question: str, answered: Callable[[str | None], None], *,
              exclude: int | None, offer_new: bool = False) -> None:
        from tui.story_picker import StoryPicker  # loaded on first use: faster start

        screen = self.screen
        screen.app.push_screen(
            StoryPicker(screen.library, screen.clock, question, exclude=exclude,
                        filter=screen.stories.filter, offer_new=offer_new),
            answered)

    def merge_story(self) -> None:
        story = self.screen.current_story()
        if story is not None:
            headline = shortened(story.headline, 60)
            self._pick(f"Merge which story into “{headline}”?",
                       partial(self._merge, story.id), exclude=story.id)

    def _merge(self, keep: int, answer: str | None) -> None:
        if not answer:
            return
        library = self.screen.library
        if not answer.isdigit() or library.story(int(answer)) is None:
            self._say(f"No story {answer!r}.", error=True)
            return
        if int(answer) == keep:
            self._say("A story cannot be merged into itself.")
            return
        library.merge_stories(keep, int(answer))
        self.screen.forget_undo()
        self.screen.state_changed(relist=True)
        self._say(f"Merged story {answer} into {keep}.", timeout=3)

    def move_article(self) -> None:
        article = self.screen.current_article()
        if article is not None and article.id is not None:
            title = shortened(article.title or "the article", 50)
            self._pick(f"Move “{title}” to which story?", partial(self._move, article.id),
                       exclude=article.story_id, offer_new=True)

    def _move(self, article_id: int, answer: str | None) -> None:
        if not answer:
            return
        library = self.screen.library
        target: int | None
        if answer.lower() == "new":
            target = None
        elif answer.isdigit() and library.story(int(answer)) is not None:
            target = int(answer)
        else:
            self._say(f"No story {answer!r}.", error=True)
            return
        new_id = library.move_article(article_id, target)
        self.screen.forget_undo()
        self.screen.state_changed(relist=True)
        self._say(f"Moved the article to story {new_id}.", timeout=3)
