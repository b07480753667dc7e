"""Make article-derived text safe to print: nothing from a feed may drive the terminal.

ANSI CSI/OSC escapes and C0/C1 control characters are removed (tab and newline kept).
Rich markup is not touched here: the TUI renders through ``rich.text.Text``, which never
parses markup, and the CLI prints plain strings.
"""

from __future__ import annotations

import json
import re
from typing import Any

# CSI ... final byte, OSC ... BEL/ST, other two-byte ESC sequences, then lone controls.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[@-Z\\-_]?"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str | None, *, single_line: bool = False) -> str:
    """``text`` with escapes and control characters removed (newlines too if single_line)."""
    if not text:
        return ""
    out = _CONTROLS.sub("", _ESCAPES.sub("", text))
    if single_line:
        out = " ".join(out.split())
    return out


def safe_json(value: Any) -> str:
    """JSON with every control character escaped (json escapes C0; this also escapes C1,
    zero-width and bidi controls, losslessly)."""
    s = json.dumps(value, ensure_ascii=False, default=str)
    return re.sub(r"[\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]",
                  lambda m: f"\\u{ord(m.group()):04x}", s)
