"""Scrollable panes whose scrollbars repaint only when what they draw has changed.

Textual repaints a widget's scrollbars whenever it lays the widget out with a new size or
virtual size (``Widget._scroll_update``; for a line-API ``ScrollView`` such as the story list
that is every layout pass, as its own virtual size is never the layout's) and whenever it
restyles the widget (every scrollbar colour is set again, changed or not: each focus move).
Those repaints are asked for after the frame being drawn was laid out, or from the widget's
own focus handler, so each costs a frame of its own a timer tick (1/60 s) later, which draws
the same scrollbar again. ``QuietScrollBar`` drops a repaint when nothing it draws changed;
its sizes and position are reactives, so a real change still repaints it.
"""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from textual.scrollbar import ScrollBar
from textual.widget import Widget


class QuietScrollBar(ScrollBar):
    _drawn: tuple[Any, ...] | None = None  # what the last render drew from

    def _looks(self) -> tuple[Any, ...] | None:
        parent = self.parent
        if not isinstance(parent, Widget) or not self.is_attached:
            return None
        styles = parent.styles
        return (
            self.window_virtual_size, self.window_size, self.position, self.thickness,
            self.vertical, self.mouse_over, self.grabbed, self.size,
            styles.scrollbar_background, styles.scrollbar_background_hover,
            styles.scrollbar_background_active, styles.scrollbar_color,
            styles.scrollbar_color_hover, styles.scrollbar_color_active,
            parent.background_colors, self.screen.styles.scrollbar_color,
        )

    def render(self) -> RenderableType:
        self._drawn = self._looks()
        return super().render()

    def refresh(self, *regions: Any, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> QuietScrollBar:
        if (repaint and not regions and not layout and not recompose
                and self._drawn is not None and self._drawn == self._looks()):
            return self
        super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
        return self


class QuietScrollbars(Widget):
    """A scrollable widget whose scrollbars are ``QuietScrollBar``s."""

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        if self._vertical_scrollbar is None:
            self._vertical_scrollbar = self._quiet_bar(True, self.scrollbar_size_vertical)
        return self._vertical_scrollbar

    @property
    def horizontal_scrollbar(self) -> ScrollBar:
        if self._horizontal_scrollbar is None:
            self._horizontal_scrollbar = self._quiet_bar(False, self.scrollbar_size_horizontal)
        return self._horizontal_scrollbar

    def _quiet_bar(self, vertical: bool, thickness: int) -> QuietScrollBar:
        """A hidden scrollbar started as Textual starts its own (``Widget.vertical_scrollbar``)."""
        bar = QuietScrollBar(vertical=vertical, name="vertical" if vertical else "horizontal",
                             thickness=thickness)
        bar.display = False
        self.app._start_widget(self, bar)
        return bar
