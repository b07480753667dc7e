"""The brief/reader pane and the facts pane. Both follow the main screen's selected story."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import ContentSwitcher, OptionList, Static
from textual.widgets.option_list import Option

from brief.models import Article
from brief.services import ArticleView, Library
from tui.ages import Clock
from tui.brief_text import article_line, brief_header, reader_text
from tui.facts_text import facts_text
from tui.safe_text import literal
from tui.scrollbars import QuietScrollbars

READER_MIN_WIDTH = 60  # columns: a narrower reader pane takes the whole screen instead


class OnePassLayout(Widget):
    """A widget whose new size is laid out in the same pass that gave it that size.

    Textual lays the screen out once more whenever a widget's size changed in a layout
    pass (the size is a reactive that asks for layout), which costs another frame, ~15 ms
    later, after each story change or reader switch. For a text, or a plain box of panes
    that already arranged its children for the new size, that second pass has nothing to
    do: the size is recorded without asking for one. (Scrollbars appearing still ask for
    layout on their own.)
    """

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size,
                      layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)


class PaneText(Static, OnePassLayout):
    """A pane's text."""


class PaneBox(Vertical, OnePassLayout):
    """The brief's view of the story (its header over its articles)."""


class PaneSwitcher(ContentSwitcher, OnePassLayout):
    """The brief or the reader."""


class ArticleList(OptionList, QuietScrollbars):
    """The articles of the selected story, by outlet."""

    _wrapped_width = -1

    def action_select(self) -> None:
        # enter opens the article at once (OptionList would post a message, handled a
        # frame later)
        pane = next((a for a in self.ancestors if isinstance(a, BriefPane)), None)
        if pane is None:
            super().action_select()
        else:
            pane.open_highlighted()

    def on_resize(self, event: events.Resize) -> None:
        # OptionList drops its rendered lines on every resize, which repaints it in a frame
        # of its own after each story change (new options: a new virtual height). Only a
        # new width changes how options wrap; set_options has already dropped the rest.
        event.prevent_default()
        if event.size.width != self._wrapped_width:
            self._wrapped_width = event.size.width
            self._clear_caches()


class Reader(VerticalScroll, OnePassLayout, QuietScrollbars, can_focus=True):
    """One article, scrolled with the movement keys."""

    ALLOW_MAXIMIZE = True


class BriefPane(Vertical, OnePassLayout):
    """The brief of the selected story, or the reader for one of its articles."""

    story_id: reactive[int | None] = reactive(None, repaint=False)
    show_removed: reactive[bool] = reactive(False, repaint=False)

    class ReaderClosed(Message):
        """The reader gave way to the brief."""

    class ArticleOpened(Message):
        """The reader opened an article (the screen stores that it is read)."""

        def __init__(self, article: Article, was_unread: bool) -> None:
            super().__init__()
            self.article = article
            self.was_unread = was_unread

    def __init__(self, library: Library, clock: Clock, *, id: str | None = None,
                 on_reading: Callable[[bool], None] | None = None) -> None:
        super().__init__(id=id)
        self.library = library
        self.clock = clock
        self.on_reading = on_reading  # told at once when the reader opens and closes
        self.views: list[ArticleView] = []
        self.article: Article | None = None  # open in the reader
        self._stale = False  # the story changed under the reader: reload when it closes

    def compose(self) -> ComposeResult:
        with PaneSwitcher(initial="brief-view", id="brief-switcher"):
            with PaneBox(id="brief-view"):
                yield PaneText(id="brief-head")
                yield ArticleList(id="brief-articles")
            with Reader(id="reader"):
                yield PaneText(id="reader-body")

    # a class rather than :focus-within in the CSS: much cheaper to restyle on each focus move
    def on_descendant_focus(self) -> None:
        self.mark_focus()

    def on_descendant_blur(self) -> None:
        self.mark_focus()

    def mark_focus(self) -> None:
        focused = self.screen.focused
        has_focus = focused is not None and self in focused.ancestors
        if has_focus != self.has_class("-has-focus"):
            # only the pane's own border and title follow the class (no rule in brief.tcss
            # styles anything inside it by it), so only the pane is restyled, not the
            # article list and the reader under it as a class change would
            self.set_class(has_focus, "-has-focus", update=False)
            self.app.stylesheet.update_nodes([self], animate=True)

    # -- state -------------------------------------------------------------------------------

    @property
    def reading(self) -> bool:
        return self.query_one(ContentSwitcher).current == "reader"

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def highlighted(self) -> Article | None:
        """The article in the reader, else the one highlighted in the brief."""
        if self.reading and self.article is not None:
            return self.article
        index = self.article_list.highlighted
        if index is not None and 0 <= index < len(self.views):
            return self.views[index].article
        return self.views[0].article if self.views else None

    def watch_story_id(self, story_id: int | None) -> None:
        # another story (n, p, a search hit): the reader closes; if it had the focus, the new
        # story's articles get it, so enter opens the next one
        reading_focused = self.reading and self.screen.focused is self.reader
        self.close_reader(focus=reading_focused)
        self.load()

    def load(self) -> None:
        """(Re)read the story and its articles, keeping the highlighted article. While the
        reader hides them, they are read when it closes (a hidden refill would still cost
        a layout pass and a frame)."""
        if self.reading:
            self._stale = True
            return
        self._stale = False
        head = self.query_one("#brief-head", Static)
        articles = self.article_list
        keep = articles.highlighted
        story = self.library.story(self.story_id) if self.story_id is not None else None
        if story is None:
            self.views = []
            head.update(literal("No story selected.", "italic dim"))
            articles.clear_options()
            return
        head.update(brief_header(story, story.summary, self.clock()))
        self.views = self.library.story_articles(story.id)
        now = self.clock()
        articles.set_options(
            Option(article_line(v, now), id=str(v.article.id)) for v in self.views
        )
        if self.views:
            articles.highlighted = min(keep or 0, len(self.views) - 1)

    # -- reader ------------------------------------------------------------------------------

    def open_article(self, article_id: int, *, focus: bool = True) -> Article | None:
        article = self.library.article(article_id)
        if article is None:
            return None
        was_unread = not article.read
        article.read = True
        self.article = article
        self.show_removed = False
        self._render_reader()
        self.query_one(ContentSwitcher).current = "reader"
        self.border_title = "Reader"
        self.reader.scroll_home(animate=False)
        if self.size.width < READER_MIN_WIDTH:
            facts = self._facts_pane()
            if (not self.screen.has_class("-narrow") and facts is not None
                    and self.size.width + facts.outer_size.width >= READER_MIN_WIDTH):
                # the reader takes the facts pane's room, beside the list (escape or tab
                # gives it back); cheaper to undo than taking the whole screen, which
                # restyles and repaints every pane
                facts.display = False
            else:
                # too cramped beside the other panes: the reader takes the screen (tab or
                # escape gives the panes back)
                self.screen.maximize(self.reader, container=False)
        if focus:
            self.screen.set_focus(self.reader)
        if self.on_reading is not None:
            self.on_reading(True)
        self.post_message(self.ArticleOpened(article, was_unread))
        return article

    def close_reader(self, *, focus: bool = True) -> None:
        if self.article is not None:
            self.article = None
            if self.screen.maximized is not None:
                self.screen.minimize()
            self.show_facts()
            self.query_one(ContentSwitcher).current = "brief-view"
            if self._stale:
                self.load()
            self.border_title = "Brief"
            if self.on_reading is not None:
                self.on_reading(False)
            self.post_message(self.ReaderClosed())
        if focus:
            self.screen.set_focus(self.article_list)

    def _facts_pane(self) -> FactsPane | None:
        parent = self.parent
        if parent is None:
            return None
        return next((w for w in parent.children if isinstance(w, FactsPane)), None)

    def show_facts(self) -> None:
        """Give the facts pane its room back, if the reader took it."""
        facts = self._facts_pane()
        if facts is not None and not facts.display:
            facts.display = True

    def watch_show_removed(self) -> None:
        if self.article is not None:
            self._render_reader()

    def _render_reader(self) -> None:
        a = self.article
        if a is None or a.id is None:
            return
        body = reader_text(a, self.library.article_links(a.id), self.clock(),
                           show_removed=self.show_removed)
        self.query_one("#reader-body", Static).update(body)

    def open_highlighted(self) -> Article | None:
        """Open the highlighted article (enter: at once, not a message later, so the reader
        is drawn in the key's own frame)."""
        index = self.article_list.highlighted
        if index is None or not 0 <= index < len(self.views):
            return None
        article_id = self.views[index].article.id
        if article_id is None:
            return None
        opened = self.open_article(article_id)
        self.load()  # the read mark; done when the reader closes
        return opened

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # a click; enter opens through open_highlighted
        if event.option.id is not None:
            self.open_article(int(event.option.id))
            self.load()


class FactsPane(VerticalScroll, OnePassLayout, QuietScrollbars, can_focus=True):
    """Figures with corroboration, conflicts, quotes, timeline and entities of the story."""

    story_id: reactive[int | None] = reactive(None, repaint=False)

    def __init__(self, library: Library, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library = library

    def compose(self) -> ComposeResult:
        yield PaneText(id="facts-body")

    def watch_story_id(self, story_id: int | None) -> None:
        self.load()

    def load(self) -> None:
        body = self.query_one("#facts-body", Static)
        if self.story_id is None:
            body.update(literal("", ""))
            return
        body.update(facts_text(self.library.story_facts(self.story_id)))
        self.scroll_home(animate=False)
