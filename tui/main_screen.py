"""The main screen: stories | brief or reader | facts and timeline, plus the status bar.

The screen owns the selection (``story_id``) and binds it into the panes; every key is a
command from ``tui.commands``, dispatched here to whichever pane has focus.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable
from dataclasses import dataclass
from time import monotonic
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import OptionList

from brief.services import FILTERS, Counts, Library
from tui.commands import bindings
from tui.key_hints import KeyHints
from tui.library_commands import LibraryCommands
from tui.panes import ArticleList, BriefPane, FactsPane, Reader
from tui.state_writer import StateWriter, Write, WriteDone
from tui.status_bar import Status, StatusBar
from tui.story_list import EMPTY_FILTER, EMPTY_LIBRARY, StoryList, all_stories

if TYPE_CHECKING:
    from tui.app import BriefApp


KEY_REPEAT = 0.06  # seconds: moves closer together than this are a held key
OUTSIDE_CHECK = 5.0  # seconds between looks for other writers' changes
MARK_ALL_IN_BACKGROUND = 500  # stories: longer lists are marked read by a worker


@dataclass(slots=True)
class Undo:
    what: str
    run: Callable[[], None]
    story_id: int | None = None  # selected again once undone


def progress_parts(event: Any) -> tuple[int | None, int | None, str]:
    """(done, total, label) from a refresh progress report (brief.refresh.RefreshProgress)."""
    feeds_done = getattr(event, "feeds_done", None)
    feeds_total = getattr(event, "feeds_total", None)
    if not isinstance(feeds_done, int) or not isinstance(feeds_total, int):
        return None, None, str(event)[:60]
    articles_done = int(getattr(event, "articles_done", 0) or 0)
    articles_total = int(getattr(event, "articles_total", 0) or 0)
    label = f"{feeds_done}/{feeds_total} feeds"
    if articles_total:
        label += f", {articles_done}/{articles_total} articles"
    return feeds_done + articles_done, feeds_total + articles_total, label


class RefreshProgress(Message):
    def __init__(self, done: int | None, total: int | None, label: str) -> None:
        super().__init__()
        self.done, self.total, self.label = done, total, label


class RefreshFinished(Message):
    def __init__(self, summary: Any, error: str | None) -> None:
        super().__init__()
        self.summary, self.error = summary, error


class Written(Message):
    """A state write (read, star, dismiss, undo) reached the database."""

    def __init__(self, done: WriteDone) -> None:
        super().__init__()
        self.done = done


class MainScreen(Screen[None]):
    BINDINGS = bindings()
    ALLOW_IN_MAXIMIZED_VIEW = "StatusBar, KeyHints"  # refresh progress stays in sight

    story_id: reactive[int | None] = reactive(None, repaint=False)
    # Textual's Screen.focused repaints the whole screen on every focus move (enter, escape,
    # tab): the widgets that gain and lose focus restyle and repaint themselves already
    focused: reactive[Widget | None] = reactive(None, repaint=False)

    def __init__(self, library: Library, clock: Any, filter: str = "all",
                 transport: Any = None) -> None:
        super().__init__()
        self.library = library
        self.clock = clock
        self.transport = transport
        self.status = Status(filter=filter)
        self.undo_stack: list[Undo] = []
        self._initial_filter = filter
        self._last_move = 0.0
        self._pane_timer: Timer | None = None
        self._followed: int | None = None  # the list's story the panes were last sent to
        self.library_commands = LibraryCommands(self)
        self._reload_waiting = False
        self._data_version = 0
        self.writer = StateWriter(library.store.path, library,
                                  lambda done: self.post_message(Written(done)))
        # flags written but maybe not stored yet, so a second s before the first lands toggles
        self._pending: dict[object, tuple[bool, int]] = {}  # tag -> (value, writes queued)

    @property
    def brief_app(self) -> BriefApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield StoryList(self.library, self.clock, self._initial_filter, id="stories")
            with Horizontal(id="detail"):
                yield BriefPane(self.library, self.clock, id="brief",
                                on_reading=self._reading).data_bind(MainScreen.story_id)
                yield FactsPane(self.library, id="facts").data_bind(MainScreen.story_id)
        yield StatusBar(id="status")
        yield KeyHints(self.brief_app.overrides, id="key-hints")

    def _reading(self, reading: bool) -> None:
        self.query_one(KeyHints).show_reading(reading)

    @property
    def stories(self) -> StoryList:
        return self.query_one(StoryList)

    @property
    def brief(self) -> BriefPane:
        return self.query_one(BriefPane)

    @property
    def facts(self) -> FactsPane:
        return self.query_one(FactsPane)

    def on_mount(self) -> None:
        self.stories.border_title = "Stories"
        self.brief.border_title = "Brief"
        self.facts.border_title = "Facts & timeline"
        self.stories.load_first_page()
        self.stories.focus()
        # counts scan the whole database: fill the status bar just after the first frame
        self.call_after_refresh(self.update_status)
        self.call_after_refresh(self._freeze_startup_objects)
        self.set_interval(60, self._minute)
        self._data_version = self._outside_version()
        self.set_interval(OUTSIDE_CHECK, self.check_outside_changes)

    async def _on_idle(self, event: events.Idle) -> None:
        # Textual starts a frame as soon as this screen's queue runs dry; widgets woken by
        # the same key (their repaint messages on the way) get one turn of the event loop
        # first, so they are drawn in that frame rather than in one of their own 1/60 s later.
        # Only between a key and its frame: the screen idles hundreds of times while it
        # mounts, and waiting each time made the first frame ~40 ms later
        if not self.brief_app.key_frame_pending:
            return
        await asyncio.sleep(0)
        if not self._message_queue.empty():
            event.prevent_default()  # the next idle, after their messages, starts the frame

    def _compositor_refresh(self) -> None:
        """Draw, in the frame being drawn, every widget on screen that asked for a repaint.

        A widget's repaint reaches the screen as a message from the widget's own task,
        after it goes idle; one asked for while the key was handled can miss the frame that
        the first message starts (the key hints as the reader opens), and one asked for
        during the layout pass (a scrollbar whose article got longer) always does. Each
        then costs a frame of its own a timer tick (1/60 s) later. Their dirty regions are
        taken now instead, so the message that follows finds nothing left to do."""
        late = [w for w in self._compositor.visible_widgets if w._repaint_required]
        if late:
            for widget in late:
                widget._repaint_required = False
            self._compositor.update_widgets(set(late))
        super()._compositor_refresh()

    def _freeze_startup_objects(self) -> None:
        """What start-up made (modules, styles, widgets: ~70,000 objects) lives as long as the
        app: it is moved out of the garbage collector's sight, so a full collection that
        falls inside a key's frame scans only what was made since (40-110 ms otherwise on
        the benchmark database). Given back to the collector when the screen goes."""
        gc.collect()
        gc.freeze()

    def watch_focused(self) -> None:
        # the brief pane's border follows the focus in the same frame (its own handlers only
        # hear of it from a message, a frame later)
        if self.is_mounted and self.query(BriefPane):
            self.brief.mark_focus()

    def _minute(self) -> None:
        """Ages ("3 minutes ago") move on: redraw them."""
        self.update_status(recount=False)
        self.stories.redraw_ages()

    def _outside_version(self) -> int:
        """SQLite's data_version: changes when another connection (``brief fetch`` in another
        terminal, or the refresh worker) commits; cheap enough to poll."""
        return int(self.library.store.scalar("PRAGMA data_version") or 0)

    def check_outside_changes(self) -> None:
        """Show stories written by someone else, without losing the user's place."""
        version = self._outside_version()
        if version == self._data_version:
            return
        self._data_version = version
        self.reload_when_free()
        self.update_status()

    def reload_when_free(self) -> None:
        """Re-query the list for changes the user did not ask for (a refresh, another process),
        but not under someone reading: in the unread list the story being read would drop
        out and the reader with it. Then it waits until the reader closes."""
        if self.brief.reading:
            self._reload_waiting = True
            return
        self._reload_waiting = False
        keep = self.stories.current_id
        self.stories.reload(keep=keep)
        if self.story_id is not None and self.story_id == keep:
            self.brief.load()
            self.facts.load()

    @on(BriefPane.ReaderClosed)
    def _reader_closed(self) -> None:
        if self._reload_waiting:
            self.reload_when_free()

    # -- selection ---------------------------------------------------------------------------

    @on(StoryList.Highlighted)
    def _highlighted(self, event: StoryList.Highlighted) -> None:
        self.follow_list()

    def follow_list(self) -> None:
        """The panes follow the list's selection: in the same frame for a single key press
        (movement actions call this straight after moving, so the list and the panes are
        drawn together), and while a movement key repeats, only once it pauses (so holding
        j stays smooth). The list's Highlighted message then finds nothing left to do."""
        current = self.stories.current_id
        if current == self._followed and (self._pane_timer is not None
                                          or current == self.story_id):
            return
        self._followed = current
        now = monotonic()
        repeating = now - self._last_move < KEY_REPEAT
        self._last_move = now
        if self._pane_timer is not None:
            self._pane_timer.stop()
            self._pane_timer = None
        if repeating:
            self._pane_timer = self.set_timer(KEY_REPEAT, self.flush_selection)
        else:
            self.flush_selection()

    def flush_selection(self) -> None:
        """Bring the panes to the list's story now (actions call this before they act)."""
        if self._pane_timer is not None:
            self._pane_timer.stop()
            self._pane_timer = None
        self.story_id = self.stories.current_id

    @on(StoryList.Counted)
    def _counted(self) -> None:
        self.update_status(recount=False)

    @on(StoryList.Selected)
    def _selected(self, event: StoryList.Selected) -> None:
        self.action_open()

    @on(BriefPane.ArticleOpened)
    def _article_opened(self, event: BriefPane.ArticleOpened) -> None:
        article = event.article
        if event.was_unread and article.id is not None:
            aid = article.id
            self.write(lambda lib: lib.set_article_read(aid, True), story_id=article.story_id)

    def update_status(self, counts: Counts | None = None, *, recount: bool = True) -> None:
        """Show the filter, the list's length and the library's counts. The counts scan the
        whole library (5 ms on 100,000 articles): ``recount=False`` keeps the last ones when
        nothing was written (a filter change, the minute tick, the list's own count)."""
        self.status.filter = self.stories.filter
        self.status.listed = self.stories.count
        if counts is not None:
            self.status.counts = counts
        elif recount or self.status.counts is None:
            self.status.counts = self.library.counts()
        assert self.status.counts is not None
        empty = EMPTY_LIBRARY if not self.status.counts.articles else EMPTY_FILTER
        if self.stories.empty_message != empty:
            self.stories.empty_message = empty
            self.stories.refresh()
        self.status.last_refresh = self.library.last_refresh()
        self.query_one(StatusBar).show(self.status, self.clock())

    def state_changed(self, *, relist: bool = False, story_id: int | None = None,
                      select: int | None = None, counts: Counts | None = None) -> None:
        """After a read/star/dismiss: redraw the list (relist: re-query it) and the panes."""
        if relist or select is not None:
            self.stories.reload(keep=select or self.stories.current_id)
            if select is not None:
                self.flush_selection()
            self.facts.load()
        else:
            sid = story_id if story_id is not None else self.story_id
            if sid is not None:
                self.stories.refresh_story(sid)
        self.brief.load()
        self.update_status(counts)

    # -- writes ------------------------------------------------------------------------------

    def write(self, write: Write, *, story_id: int | None = None, relist: bool = False,
              select: int | None = None, pending: tuple[int, str, bool] | None = None) -> None:
        """Queue a state write; the screen redraws when it is stored (see StateWriter)."""
        tag = None
        if pending is not None:
            tag = (pending[0], pending[1])
            queued = self._pending.get(tag, (False, 0))[1]
            self._pending[tag] = (pending[2], queued + 1)
        self.writer.submit(write, story_id=story_id, relist=relist, select=select, tag=tag)

    @on(Written)
    def _written(self, event: Written) -> None:
        done = event.done
        if done.tag in self._pending:
            value, queued = self._pending[done.tag]
            if queued > 1:
                self._pending[done.tag] = (value, queued - 1)
            else:
                del self._pending[done.tag]
        if done.error:
            self.notify(f"Not saved: {done.error}", severity="error", timeout=8, markup=False)
        # our own write is not news from outside: do not let the next check re-query for it
        self._data_version = self._outside_version()
        self.state_changed(relist=done.relist, story_id=done.story_id, select=done.select,
                           counts=done.counts)

    def _flag(self, story: Any, flag: str) -> bool:
        """The story's flag as the user last set it (a queued write wins over the database)."""
        pending = self._pending.get((story.id, flag))
        if pending is not None:
            return pending[0]
        return bool(story.unread == 0) if flag == "read" else bool(getattr(story, flag))

    def on_unmount(self) -> None:
        self.writer.close()
        gc.unfreeze()
        self.brief_app.resume_gc()  # a key that quit the app drew no frame to resume it

    # -- movement ----------------------------------------------------------------------------

    def _panes(self) -> list[Widget]:
        brief: Widget = self.brief.reader if self.brief.reading else self.brief.article_list
        return [self.stories, brief, self.facts]

    def action_move(self, delta: int) -> None:
        w = self.focused or self.stories
        if isinstance(w, StoryList):
            w.move(delta)
            self.follow_list()
        elif isinstance(w, OptionList):
            for _ in range(abs(delta)):
                w.action_cursor_down() if delta > 0 else w.action_cursor_up()
        elif w is not None and w.is_scrollable:
            w.scroll_relative(y=delta, animate=False)

    def action_move_to(self, where: str) -> None:
        w = self.focused or self.stories
        if isinstance(w, StoryList):
            w.move_to(where)
            self.follow_list()
        elif isinstance(w, OptionList):
            w.action_first() if where == "top" else w.action_last()
        elif w is not None and w.is_scrollable:
            w.scroll_home(animate=False) if where == "top" else w.scroll_end(animate=False)

    def action_page(self, direction: int) -> None:
        w = self.focused or self.stories
        if isinstance(w, StoryList):
            w.page(direction)
            self.follow_list()
        elif isinstance(w, OptionList):
            w.action_page_down() if direction > 0 else w.action_page_up()
        elif w is not None and w.is_scrollable:
            if direction > 0:
                w.scroll_page_down(animate=False)
            else:
                w.scroll_page_up(animate=False)

    def action_open(self) -> None:
        self.flush_selection()
        w = self.focused or self.stories
        if isinstance(w, StoryList) or w is self.facts:
            if self.story_id is None:
                return
            if self.brief.reading:
                self.set_focus(self.brief.reader)
            elif self.brief.views:
                self.set_focus(self.brief.article_list)
        elif isinstance(w, ArticleList):
            self.brief.open_highlighted()

    def action_back(self) -> None:
        w = self.focused or self.stories
        if isinstance(w, Reader) or (self.brief.reading and w is self.facts):
            self.brief.close_reader()
        elif w is not self.stories:
            self.set_focus(self.stories)

    def action_cycle_pane(self, direction: int) -> None:
        self.flush_selection()
        panes = self._panes()
        try:
            i = panes.index(self.focused) if self.focused is not None else -1
        except ValueError:
            i = -1
        if self.maximized is not None:  # the reader had the screen: show every pane again
            self.minimize()
        self.brief.show_facts()
        self.set_focus(panes[(i + direction) % len(panes)])

    def action_next_unread(self, direction: int) -> None:
        lst = self.stories
        i = lst.cursor + direction
        while 0 <= i < lst.count:
            s = lst.story_at(i)
            if s is not None and s.unread:
                lst.set_cursor(i)
                self.follow_list()
                return
            i += direction
        self.notify("No more unread stories " + ("below." if direction > 0 else "above."),
                    timeout=2)

    # -- triage ------------------------------------------------------------------------------

    def current_story(self) -> Any:
        self.flush_selection()
        story = self.library.story(self.story_id) if self.story_id is not None else None
        if story is None:
            self.notify("No story selected.", timeout=2)
        return story

    def _push_undo(self, what: str, run: Callable[[], None], story_id: int | None = None) -> None:
        self.undo_stack.append(Undo(what, run, story_id))
        del self.undo_stack[:-50]

    def action_toggle_read(self) -> None:
        story = self.current_story()
        if story is None:
            return
        sid = story.id
        # the articles the brief shows (each marks its copies) are the ones marked: a refresh
        # re-forming the story meanwhile must not leave one the user saw unread, nor mark
        # one that joined unseen
        article_ids = [v.article.id for v in self.brief.views if v.article.id is not None]
        if self.brief.story_id != sid or not article_ids:
            article_ids = list(story.article_ids)
        before = {a.id: a.read for a in map(self.library.article, article_ids) if a and a.id}
        read = not self._flag(story, "read")

        def mark(lib: Library) -> None:
            with lib.store.transaction():
                for aid in article_ids:
                    lib.set_article_read(aid, read)

        self.write(mark, story_id=sid, pending=(sid, "read", read))

        def restore(lib: Library) -> None:
            with lib.store.transaction():
                for aid, was in before.items():
                    lib.set_article_read(aid, was)

        self._push_undo(f"mark {'read' if read else 'unread'}",
                        lambda: self.write(restore, story_id=sid, select=sid), sid)

    def action_toggle_star(self) -> None:
        story = self.current_story()
        if story is None:
            return
        sid, starred = story.id, not self._flag(story, "starred")
        self.write(lambda lib: lib.set_story_starred(sid, starred), story_id=sid,
                   pending=(sid, "starred", starred))
        self._push_undo("star" if starred else "unstar", lambda: self.write(
            lambda lib: lib.set_story_starred(sid, not starred), story_id=sid, select=sid), sid)

    def action_toggle_dismiss(self) -> None:
        story = self.current_story()
        if story is None:
            return
        sid, dismissed = story.id, not self._flag(story, "dismissed")
        self.write(lambda lib: lib.set_story_dismissed(sid, dismissed), story_id=sid,
                   relist=True, pending=(sid, "dismissed", dismissed))
        self._push_undo("dismiss" if dismissed else "restore", lambda: self.write(
            lambda lib: lib.set_story_dismissed(sid, not dismissed), story_id=sid, select=sid),
            sid)
        if dismissed:
            self.notify("Dismissed. Press u to undo.", timeout=3)

    def action_mark_all_read(self) -> None:
        if self.stories.count > MARK_ALL_IN_BACKGROUND:
            self.notify(f"Marking {self.stories.count:,} stories read…", timeout=3)
            self._set_read_worker(self.stories.filter, None, True)
            return
        unread = [s for s in self.stories.visible_stories() if s.unread]
        if not unread:
            self.notify("Every story here is already read.", timeout=2)
            return
        # remember exactly which articles were unread, so u restores partly read stories
        was_unread = [
            a.article.id for s in unread for a in self.library.story_articles(s.id)
            if not a.article.read and a.article.id is not None
        ]
        ids = [s.id for s in unread]
        self.write(lambda lib: lib.set_stories_read(ids, True), relist=True)

        def restore(lib: Library) -> None:
            with lib.store.transaction():
                for aid in was_unread:
                    lib.set_article_read(aid, False)

        self._push_undo("mark all read", lambda: self.write(restore, relist=True))
        self.notify(f"Marked {len(unread):,} stories read. Press u to undo.", timeout=3)

    @work(thread=True, group="mark-all", exclusive=True)
    def _set_read_worker(self, filter: str, story_ids: list[int] | None, read: bool) -> None:
        """Mark a long list read (or its stories unread again) on a second connection."""
        try:
            library = self.worker_library()
            try:
                if story_ids is None:
                    story_ids = [s.id for s in all_stories(library, filter) if s.unread]
                library.set_stories_read(story_ids, read)
            finally:
                if library is not self.library:
                    library.close()
        except Exception as e:
            self.app.call_from_thread(self.notify, f"Cannot mark stories: {e}",
                                      severity="error", markup=False)
            return
        self.app.call_from_thread(self._set_read_done, story_ids, read)

    def _set_read_done(self, story_ids: list[int], read: bool) -> None:
        if read:
            filter = self.stories.filter

            def undo() -> None:
                self._set_read_worker(filter, story_ids, False)

            self._push_undo("mark all read", undo)
            self.notify(f"Marked {len(story_ids):,} stories read. Press u to undo.", timeout=3)
        self.state_changed(relist=True)

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.notify("Nothing to undo.", timeout=2)
            return
        undo = self.undo_stack.pop()
        undo.run()  # queues the writes; the list follows once they are stored
        self.notify(f"Undone: {undo.what}.", timeout=2)

    def action_cycle_filter(self) -> None:
        i = FILTERS.index(self.stories.filter) if self.stories.filter in FILTERS else -1
        self.set_filter(FILTERS[(i + 1) % len(FILTERS)])

    def set_filter(self, name: str) -> None:
        self.stories.reload(keep=self.stories.current_id, filter=name)
        self.update_status(recount=False)
        self.notify(f"Showing {name} stories ({self.stories.count:,}).", timeout=2)

    # -- articles ----------------------------------------------------------------------------

    def current_article(self) -> Any:
        self.flush_selection()
        article = self.brief.highlighted
        if article is None:
            self.notify("No article selected.", timeout=2)
        return article

    def action_open_browser(self) -> None:
        article = self.current_article()
        if article is None:
            return
        url = article.url or article.canonical_url
        if not url:
            self.notify("This article has no link.", severity="warning", timeout=3)
            return
        self._open_url(url)

    @work(thread=True, group="browser")
    def _open_url(self, url: str) -> None:
        import webbrowser

        try:
            ok = webbrowser.open(url)
        except Exception as e:  # a broken browser setting must not crash the app
            ok = False
            self.app.call_from_thread(self.notify, f"Cannot open a browser: {e}",
                                      severity="error", markup=False)
            return
        if not ok:
            self.app.call_from_thread(self.notify, "No browser available; press y to copy the link.",
                                      severity="warning")

    def action_copy_link(self) -> None:
        article = self.current_article()
        if article is None:
            return
        url = article.url or article.canonical_url
        if not url:
            self.notify("This article has no link.", severity="warning", timeout=3)
            return
        self.app.copy_to_clipboard(url)
        self.notify(f"Copied {url}", timeout=2, markup=False)

    def action_toggle_removed(self) -> None:
        if not self.brief.reading:
            self.notify("Open an article (enter) to see what the cleaner removed.", timeout=3)
            return
        self.brief.show_removed = not self.brief.show_removed

    # -- search ------------------------------------------------------------------------------

    def action_search(self) -> None:
        from tui.search_screen import SearchScreen  # imported when first needed: faster start

        self.app.push_screen(SearchScreen(self.library, self.clock), self._search_done)

    def _search_done(self, article_id: int | None) -> None:
        if article_id is None:
            return
        article = self.library.article(article_id)
        if article is None:
            return
        if article.story_id is not None:
            index = self.stories.find(article.story_id, self.stories.cursor)
            if index is None and self.stories.filter != "all":
                self.stories.reload(filter="all")
                index = self.stories.find(article.story_id, 0)
            if index is not None:
                self.stories.set_cursor(index)
            self.story_id = article.story_id
        self.brief.open_article(article_id)

    # -- library commands (from the palette; see tui.library_commands) -------------------------

    def action_add_feed(self) -> None:
        self.library_commands.add_feed()

    def action_import_opml(self) -> None:
        self.library_commands.import_opml()

    def action_export_briefing(self) -> None:
        self.library_commands.export_briefing()

    def action_merge_story(self) -> None:
        self.library_commands.merge_story()

    def action_move_article(self) -> None:
        self.library_commands.move_article()

    def forget_undo(self) -> None:
        """After a correction story ids change: older undos could act on the wrong story."""
        self.undo_stack.clear()

    def worker_library(self) -> Library:
        """A second connection for a worker thread, so the screen keeps reading meanwhile."""
        path = self.library.store.path
        return Library.open(path) if path is not None else self.library

    # -- help --------------------------------------------------------------------------------

    def action_help(self) -> None:
        self.brief_app.show_help()

    # -- refresh in the background ---------------------------------------------------------

    def action_refresh(self) -> None:
        if self.status.refreshing:
            self.notify("A refresh is already running.", timeout=2)
            return
        self.status.refreshing = "refreshing…"
        self.query_one(StatusBar).progress(None, None)
        self.update_status(recount=False)
        self._refresh_worker()

    @work(thread=True, exclusive=True, group="refresh")
    def _refresh_worker(self) -> None:
        summary: Any = None
        error: str | None = None
        try:
            library = self.worker_library()
            try:
                summary = library.refresh(
                    progress=self._post_progress,
                    transport=self.transport,
                )
            finally:
                if library is not self.library:
                    library.close()
        except Exception as e:  # any failure becomes a notification
            error = f"{type(e).__name__}: {e}" if not str(e) else str(e)
        self.post_message(RefreshFinished(summary, error))

    def _post_progress(self, event: Any) -> None:
        """Called from the worker thread: post_message is thread-safe."""
        self.post_message(RefreshProgress(*progress_parts(event)))

    @on(RefreshProgress)
    def _refresh_progress(self, event: RefreshProgress) -> None:
        self.status.refreshing = ("refreshing " + event.label).strip()[:60]
        self.query_one(StatusBar).progress(event.done, event.total)
        self.query_one(StatusBar).show(self.status, self.clock())

    @on(RefreshFinished)
    def _refresh_finished(self, event: RefreshFinished) -> None:
        self.status.refreshing = ""
        if event.error is not None:
            self.notify(f"Refresh failed: {event.error}", title="Refresh", severity="error",
                        timeout=8, markup=False)
            self.status.offline = True
        else:
            self.status.offline = self._offline()
            text = str(event.summary) if event.summary is not None else "done"
            failed = int(getattr(event.summary, "feeds_failed", 0) or 0)
            self.notify(f"Refresh: {text}", title="Refresh", timeout=6 if failed else 4,
                        severity="warning" if failed else "information", markup=False)
        self.reload_when_free()
        self.update_status()

    def _offline(self) -> bool:
        """Offline when there are feeds and none of them answered the last refresh."""
        feeds = self.library.feeds()
        return bool(feeds) and all(f.last_error and not f.last_status for f in feeds)
