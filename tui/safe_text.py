"""Text from feeds and pages, made safe to show: nothing in it may drive the terminal or Rich.

Titles, bodies, outlet names and links are untrusted. They are turned into ``rich.text.Text``
objects (never parsed as markup) after ANSI/OSC escape sequences and control characters are
removed, so ``[bold]`` shows as typed and ``\\x1b[31m`` shows as nothing.
"""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text

# CSI, OSC (ended by BEL or ST), DCS/SOS/PM/APC strings, other ESC pairs, 8-bit CSI.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[ -/]*[0-~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|\x9d[^\x07\x9c]*[\x07\x9c]?"
)
# C0 (but tab and newline), DEL, C1, zero-width and bidirectional overrides.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")


def clean(text: str | None, *, single_line: bool = False) -> str:
    """``text`` without escapes or control characters; ``single_line`` also folds whitespace."""
    if not text:
        return ""
    out = _CONTROLS.sub("", _ESCAPES.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))
    if single_line:
        out = _SPACES.sub(" ", out).strip()
    return out


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
