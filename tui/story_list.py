"""The stories pane: a virtual list that reads stories from the library a page at a time.

Only the pages on screen (and a few recently seen) are held in memory, so a database of
100,000 articles opens as fast as an empty one. The cursor is an index into the filtered list;
``reload`` keeps the user's place (the same story, wherever it moved) after a refresh.
"""

from __future__ import annotations

from collections import OrderedDict

from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from brief.models import Story
from brief.services import Library
from tui.ages import Clock
from tui.scrollbars import QuietScrollbars
from tui.story_rows import RowStyles, row_height, story_row

EMPTY_FILTER = "No stories here. Press f for another filter, r to refresh."
EMPTY_LIBRARY = ("No articles yet. Add a feed (ctrl+p, Add feed), then press r to fetch; "
                 "or try `brief demo`.")
PAGE_SIZE = 100
MAX_PAGES = 12  # pages kept in memory
FIND_PAGES = 20  # how far (in pages) reload looks for the story the user was on
ROWS_KEPT = 4 * PAGE_SIZE  # stories whose drawn rows are kept


def all_stories(library: Library, filter: str) -> list[Story]:
    """Every story under ``filter``, read 1,000 at a time."""
    out: list[Story] = []
    while True:
        page = library.stories(filter, limit=1000, offset=len(out))
        out += page
        if len(page) < 1000:
            return out


class StoryList(ScrollView, QuietScrollbars, can_focus=True, inherit_bindings=False):
    """Stories, newest first; one line each when wide, two when narrow.

    No bindings of its own (not even the scroll keys it would inherit): the screen's
    movement commands move the cursor, and the view follows it.
    """

    COMPONENT_CLASSES = {
        "story-list--cursor",
        "story-list--unread",
        "story-list--read",
        "story-list--meta",
        "story-list--mark",
        "story-list--star",
        "story-list--empty",
    }

    DEFAULT_CSS = """
    StoryList { overflow-x: hidden; }
    """

    cursor: reactive[int] = reactive(0, init=False, always_update=False, repaint=False)

    class Highlighted(Message):
        def __init__(self, story_id: int | None) -> None:
            super().__init__()
            self.story_id = story_id

    class Selected(Message):
        def __init__(self, story_id: int) -> None:
            super().__init__()
            self.story_id = story_id

    def __init__(
        self, library: Library, clock: Clock, filter: str = "all", *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.library = library
        self.clock = clock
        self.filter = filter
        self.count = 0
        self._pages: OrderedDict[int, list[Story]] = OrderedDict()
        self.empty_message = EMPTY_FILTER
        # each story's rows as drawn (before the cursor and the pane's own style), so a
        # repaint of the whole list (a focus move, a scroll) draws only what changed;
        # an entry holds its story, so a story re-read from the library is drawn afresh
        self._rows: dict[int, tuple[Story, list[Strip]]] = {}
        self._rows_drawn_with: tuple[object, ...] = ()
        self._ages = 0  # bumped when ages are to be drawn again

    # -- data --------------------------------------------------------------------------------

    def _page(self, n: int) -> list[Story]:
        page = self._pages.get(n)
        if page is None:
            page = self.library.stories(self.filter, limit=PAGE_SIZE, offset=n * PAGE_SIZE)
            self._pages[n] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(n)
        return page

    def story_at(self, index: int) -> Story | None:
        if not 0 <= index < self.count:
            return None
        page = self._page(index // PAGE_SIZE)
        i = index % PAGE_SIZE
        return page[i] if i < len(page) else None

    @property
    def current(self) -> Story | None:
        return self.story_at(self.cursor)

    @property
    def current_id(self) -> int | None:
        story = self.current
        return story.id if story else None

    def find(self, story_id: int, near: int = 0) -> int | None:
        """The index of a story in the list, looking outward from ``near``; None if not close."""
        for n, page in self._pages.items():
            for i, s in enumerate(page):
                if s.id == story_id:
                    return n * PAGE_SIZE + i
        pages = max(1, -(-self.count // PAGE_SIZE))
        start = near // PAGE_SIZE
        order = [start]
        for d in range(1, FIND_PAGES):
            order += [start + d, start - d]
        for n in order:
            if 0 <= n < pages:
                for i, s in enumerate(self._page(n)):
                    if s.id == story_id:
                        return n * PAGE_SIZE + i
        return None

    def visible_stories(self) -> list[Story]:
        """Every story in the list (for 'mark all read' and the briefing export)."""
        return all_stories(self.library, self.filter)

    def refresh_story(self, story_id: int) -> None:
        """Redraw one story after its state changed, leaving it in place even if the filter
        would now hide it (the list is re-queried on the next reload)."""
        story = self.library.story(story_id)
        for n, page in self._pages.items():
            for i, s in enumerate(page):
                if s.id == story_id:
                    if story is not None:
                        page[i] = story
                    self._refresh_row(n * PAGE_SIZE + i)

    def load_first_page(self) -> None:
        """Start-up: show the first page at once and count the rest after the first frame
        (counting scans every story; the first page is an index walk)."""
        self._pages.clear()
        page = self._page(0)
        self.count = len(page)
        self._update_virtual_size()
        self.set_cursor(0, force=True)
        self.refresh()
        if len(page) == PAGE_SIZE:
            self.call_after_refresh(self._count_all)

    def _count_all(self) -> None:
        self.count = self.library.story_count(self.filter)
        self._update_virtual_size()
        self.post_message(self.Counted(self.count))

    class Counted(Message):
        """The list's length is known (after a start-up with the first page only)."""

        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count

    def reload(self, keep: int | None = None, *, filter: str | None = None) -> None:
        """Re-read the list (after a refresh or a state change), staying on ``keep`` if listed."""
        if filter is not None:
            self.filter = filter
        old_cursor = self.cursor
        self._pages.clear()
        self.count = self.library.story_count(self.filter)
        index = self.find(keep, old_cursor) if keep is not None else None
        if index is None:
            index = min(old_cursor, max(0, self.count - 1))
        self._update_virtual_size()
        self.set_cursor(index, force=True)
        self.refresh()

    # -- movement ----------------------------------------------------------------------------

    @property
    def row_height(self) -> int:
        return row_height(self.scrollable_content_region.width or self.size.width or 80)

    def set_cursor(self, index: int, *, force: bool = False) -> None:
        index = max(0, min(index, self.count - 1)) if self.count else 0
        changed = index != self.cursor
        if changed:
            old = self.cursor
            self.cursor = index
            self._refresh_row(old)
            self._refresh_row(index)
        self._scroll_to_cursor()
        if changed or force:
            self.post_message(self.Highlighted(self.current_id))

    def move(self, delta: int) -> None:
        self.set_cursor(self.cursor + delta)

    def move_to(self, where: str) -> None:
        self.set_cursor(0 if where == "top" else self.count - 1)

    def page(self, direction: int) -> None:
        rows = max(1, self.scrollable_content_region.height // self.row_height - 1)
        self.set_cursor(self.cursor + direction * rows)

    def select(self) -> None:
        story_id = self.current_id
        if story_id is not None:
            self.post_message(self.Selected(story_id))

    def _scroll_to_cursor(self) -> None:
        rh = self.row_height
        self.scroll_to_region(
            Region(0, self.cursor * rh, 1, rh), animate=False, force=True, immediate=True
        )

    def _refresh_row(self, index: int) -> None:
        rh = self.row_height
        y = index * rh - int(self.scroll_offset.y)
        self.refresh(Region(0, y, self.size.width, rh))

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.count * self.row_height)

    def on_resize(self, event: events.Resize) -> None:
        self._update_virtual_size()
        self._scroll_to_cursor()

    def redraw_ages(self) -> None:
        """Draw every age ("3 minutes ago") against the clock again."""
        self._ages += 1
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        index = (event.y + int(self.scroll_offset.y)) // self.row_height
        if 0 <= index < self.count:
            self.set_cursor(index)
            if event.chain >= 2:
                self.select()

    # -- rendering ---------------------------------------------------------------------------

    def _styles(self) -> RowStyles:
        def style(name: str) -> Style:
            return self.get_component_rich_style(name, partial=True)

        return RowStyles(
            unread_mark=style("story-list--mark"),
            star=style("story-list--star"),
            unread=style("story-list--unread"),
            read=style("story-list--read"),
            meta=style("story-list--meta"),
        )

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        line = y + int(self.scroll_offset.y)
        rh = self.row_height
        index, sub = divmod(line, rh)
        if self.count == 0:
            if y == 1:
                text = Text("  " + self.empty_message, style=self.get_component_rich_style(
                    "story-list--empty"))
                text.truncate(width, overflow="ellipsis", pad=True)
                return Strip(list(text.render(self.app.console)), width).apply_style(base)
            return Strip.blank(width, base)
        story = self.story_at(index)
        if story is None:
            return Strip.blank(width, base)
        strip = self._story_rows(story, width)[sub]
        if index == self.cursor:
            cursor = self.get_component_rich_style("story-list--cursor", partial=True)
            strip = strip.apply_style(cursor)
        return strip.apply_style(base)

    def _story_rows(self, story: Story, width: int) -> list[Strip]:
        styles = self._styles()
        drawn_with = (width, styles, self._ages)
        if drawn_with != self._rows_drawn_with or len(self._rows) > ROWS_KEPT:
            self._rows.clear()
            self._rows_drawn_with = drawn_with
        entry = self._rows.get(story.id)
        if entry is None or entry[0] is not story:
            console = self.app.console
            strips = [Strip(list(text.render(console)), width)
                      for text in story_row(story, self.clock(), width, styles)]
            entry = self._rows[story.id] = (story, strips)
        return entry[1]
