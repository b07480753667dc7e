"""How one story looks in the stories list: one line when there is room, else two."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rich.style import Style
from rich.text import Text

from brief.models import Story
from tui.ages import age
from tui.safe_text import clean

UNREAD_MARK = "●"
STAR_MARK = "★"
WIDE_ROW = 64  # at this width and above a story takes one line


@dataclass(frozen=True, slots=True)
class RowStyles:
    unread_mark: Style = Style(bold=True)
    star: Style = Style(bold=True)
    unread: Style = Style(bold=True)
    read: Style = Style(dim=True)
    meta: Style = Style(dim=True)


PLAIN = RowStyles()


def row_height(width: int) -> int:
    return 1 if width >= WIDE_ROW else 2


def sources_label(story: Story) -> str:
    n = len(story.sources) or (1 if story.size else 0)
    return f"{n} source" if n == 1 else f"{n} sources"


def story_row(
    story: Story, now: datetime, width: int, styles: RowStyles = PLAIN
) -> list[Text]:
    """The lines of one story in the list, each exactly ``width`` cells wide."""
    headline = clean(story.headline, single_line=True) or "(no headline)"
    marks = Text.assemble(
        (UNREAD_MARK if story.unread else " ", styles.unread_mark),
        " ",
        (STAR_MARK if story.starred else " ", styles.star),
        " ",
    )
    title_style = styles.unread if story.unread else styles.read
    when = age(story.last_seen, now)
    if row_height(width) == 1:
        right = Text(f" {sources_label(story):>10}  {when:>14}", style=styles.meta)
        room = max(1, width - marks.cell_len - right.cell_len)
        title = Text(headline, style=title_style)
        title.truncate(room, overflow="ellipsis", pad=True)
        line = Text.assemble(marks, title, right)
        line.truncate(width, overflow="ellipsis", pad=True)
        return [line]
    title = Text(headline, style=title_style)
    title.truncate(max(1, width - marks.cell_len), overflow="ellipsis", pad=True)
    first = Text.assemble(marks, title)
    outlets = ", ".join(clean(s, single_line=True) for s in story.sources[:3])
    meta = f"    {sources_label(story)} · {when}" + (f" · {outlets}" if outlets else "")
    second = Text(meta, style=styles.meta)
    second.truncate(width, overflow="ellipsis", pad=True)
    return [first, second]
