"""The brief Textual app. ``create_app(library)`` is what the CLI runs and the tests drive."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterable
from typing import Any

from rich.console import RenderableType
from textual import events
from textual.app import App, SystemCommand
from textual.screen import Screen

from brief.services import Library
from tui.ages import Clock, system_clock
from tui.commands import COMMANDS, keymap
from tui.config import ConfigError, Settings, config_path, load_settings, save_theme
from tui.main_screen import MainScreen

GC_RESUME_AFTER_FRAME = 0.02  # seconds: time for the driver's writer thread to write a frame
GC_PAUSE_LIMIT = 0.5  # seconds paused, after which the collector runs after the next frame
GC_PAUSE_HARD_LIMIT = 2.0  # seconds paused, after which it runs anyway (a key that drew nothing)


class BriefApp(App[None]):
    CSS_PATH = "brief.tcss"
    TITLE = "brief"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    ENABLE_COMMAND_PALETTE = True
    ESCAPE_TO_MINIMIZE = False  # escape is "back": it closes the reader itself

    def __init__(
        self, library: Library, settings: Settings | None = None, *,
        clock: Clock | None = None, transport: Any = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.settings = settings or Settings()
        self.clock = clock or system_clock
        self.transport = transport
        self.startup_warnings: list[str] = []
        try:
            self.overrides = keymap(self.settings.keys)
        except ValueError as e:
            self.overrides = {}
            self.startup_warnings.append(str(e))

    # -- garbage collection around keys ------------------------------------------------------
    # Drawing allocates (each line drawn is several objects), so the collector often runs
    # inside a key's frame; a full collection is 15-20 ms even with start-up's objects frozen
    # (MainScreen). It is paused from a key until that key's frame has been handed to the
    # terminal and written (the driver writes from a thread, which a collection holding the
    # interpreter lock would hold up), and catches up then, between keys. Keys that follow
    # each other closer than that keep it paused; after GC_PAUSE_LIMIT it runs right after
    # the next frame, and after GC_PAUSE_HARD_LIMIT in any case.

    _gc_paused = False
    _gc_overdue = False  # paused long enough: resume right after the next frame
    _gc_pauses = 0  # counts pauses, so a watchdog only ends the pause it was set for
    key_frame_pending = False  # a key was handled and its frame is not drawn yet

    async def _process_messages(self, *args: Any, **kwargs: Any) -> None:
        # Start-up, from the stylesheets to the first frame, is paused the same way: it makes
        # the ~70,000 objects MainScreen then freezes, and collections amid them cost first
        # paint ~25 ms (8%) for nothing. The first frame resumes it (or the watchdog).
        if gc.isenabled():
            self._pause_gc(GC_PAUSE_HARD_LIMIT, first=False)
        try:
            await super()._process_messages(*args, **kwargs)
        finally:
            self.resume_gc()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self.key_frame_pending = True
            if not self._gc_paused and gc.isenabled():
                self._pause_gc(GC_PAUSE_LIMIT, first=True)
        await super().on_event(event)

    def _pause_gc(self, limit: float, *, first: bool) -> None:
        """Pause the collector, with a watchdog after ``limit`` seconds (see
        :meth:`_gc_watchdog`)."""
        gc.disable()
        self._gc_paused = True
        self._gc_pauses += 1
        asyncio.get_running_loop().call_later(limit, self._gc_watchdog, self._gc_pauses, first)

    def resume_gc(self) -> None:
        if self._gc_paused:
            self._gc_paused = False
            self._gc_overdue = False
            gc.enable()

    def _gc_watchdog(self, pause: int, first: bool) -> None:
        if not self._gc_paused or pause != self._gc_pauses:
            return
        if first and self.key_frame_pending:  # not in the middle of a key: after its frame
            self._gc_overdue = True
            asyncio.get_running_loop().call_later(
                GC_PAUSE_HARD_LIMIT - GC_PAUSE_LIMIT, self._gc_watchdog, pause, False)
        else:
            self.resume_gc()

    def _resume_gc_after_frame(self) -> None:
        if not self.key_frame_pending:  # else the next key's frame resumes it
            self.resume_gc()

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        super()._display(screen, renderable)
        if renderable is not None:
            self.key_frame_pending = False
            if self._gc_overdue:
                self.resume_gc()
            elif self._gc_paused:
                asyncio.get_running_loop().call_later(GC_RESUME_AFTER_FRAME,
                                                      self._resume_gc_after_frame)

    def on_mount(self) -> None:
        if self.settings.theme:
            if self.settings.theme in self.available_themes:
                self.theme = self.settings.theme
            else:
                self.notify(f"Unknown theme {self.settings.theme!r} in the config; "
                            f"try one of: {', '.join(sorted(self.available_themes))}",
                            severity="warning", markup=False)
        if self.overrides:
            self.set_keymap(self.overrides)
        for warning in self.startup_warnings:
            self.notify(warning, severity="warning", markup=False, timeout=10)
        self.push_screen(MainScreen(self.library, self.clock, self.settings.filter,
                                    transport=self.transport))
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: Any) -> None:
        """A theme picked in the app is written to the config file (when there is one to
        write: settings passed in by a test or a caller without a path are left alone)."""
        name = getattr(theme, "name", None)
        path = self.settings.path
        if not name or path is None or name == self.settings.theme:
            return
        self.settings.theme = name
        try:
            save_theme(path, name)
        except OSError as e:
            self.notify(f"Cannot save the theme to {path}: {e.strerror}", severity="warning",
                        markup=False)

    def show_help(self) -> None:
        from tui.help_screen import HelpScreen

        hint = str(self.settings.path or config_path())
        self.push_screen(HelpScreen(self.overrides, hint))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        ours = [c for c in COMMANDS if c.palette]
        titles = {c.title.lower() for c in ours}
        for c in ours:
            target = self if c.action.startswith("app.") else screen
            action = c.action.removeprefix("app.")
            yield SystemCommand(c.title, c.help, _runner(target, action))
        for cmd in super().get_system_commands(screen):
            if cmd.title.lower() not in titles:
                yield cmd


def _runner(target: Any, action: str) -> Any:
    async def run() -> None:
        await target.run_action(action)

    return run


def create_app(
    library: Library, settings: Settings | None = None, *, clock: Clock | None = None,
    transport: Any = None,
) -> BriefApp:
    """The app on ``library``. ``settings`` default to the user's config file (a broken file
    gives the defaults and a notification); ``clock`` fixes "now" for ages; ``transport`` is
    handed to refresh and subscribe (an httpx transport, for tests)."""
    problem = None
    if settings is None:
        try:
            settings = load_settings()
        except ConfigError as e:
            settings, problem = Settings(), str(e)
    app = BriefApp(library, settings, clock=clock, transport=transport)
    if problem:
        app.startup_warnings.append(problem)
    return app
