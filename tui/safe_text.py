"""Text from feeds and pages, made safe to show: nothing in it may drive the terminal or Rich.

Titles, bodies, outlet names and links are untrusted. They are turned into ``rich.text.Text``
objects (never parsed as markup) after ANSI/OSC escape sequences and control characters are
removed, so ``[bold]`` shows as typed and ``\\x1b[31m`` shows as nothing.
"""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text

from brief.terminal import printable

_SPACES = re.compile(r"\s+")


def clean(text: str | None, *, single_line: bool = False) -> str:
    """``text`` without escapes or control characters; ``single_line`` also folds whitespace."""
    return printable(text, single_line=single_line)


def literal(
    text: str | None, style: str | Style = "", *, single_line: bool = True
) -> Text:
    """A Text that shows ``text`` exactly as written (markup is never interpreted)."""
    return Text(clean(text, single_line=single_line), style=style)


def paragraphs(text: str | None) -> list[str]:
    """The paragraphs of an article body: blank-line separated blocks, each on one line."""
    body = clean(text)
    blocks = re.split(r"\n\s*\n", body)
    if len(blocks) == 1 and "\n" in body:  # one paragraph per line
        blocks = body.split("\n")
    return [p for p in (_SPACES.sub(" ", b).strip() for b in blocks) if p]
