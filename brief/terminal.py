"""Make article-derived text safe to print: nothing from a feed may drive the terminal.

ANSI CSI/OSC escapes and C0/C1 control characters are removed (tab and newline kept).
Rich markup is not touched here: the TUI renders through ``rich.text.Text``, which never
parses markup, and the CLI prints plain strings.
"""

from __future__ import annotations

import json
import re
from typing import Any

#: Terminal escapes: OSC (ESC ] ... BEL or ST, or to the end), 8-bit OSC, CSI (ESC [ or the
#: 8-bit introducer), DCS/PM/APC strings, and other ESC sequences (ESC ( B, ESC =, ...).
ESCAPE_RE = re.compile(
    r"""
    \x1b\][^\x07\x1b]*(?:\x07|\x1b\\|$)
  | \x9d[^\x07\x1b\x9c]*(?:\x07|\x9c|\x1b\\|$)
  | (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?
  | \x1b[PX^_][^\x1b]*(?:\x1b\\|$)
  | \x1b[ -/]*[0-~]?
    """,
    re.VERBOSE,
)
#: C0 controls but tab and newline, DEL, C1, zero-width and bidirectional overrides.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str | None, *, single_line: bool = False) -> str:
    """``text`` with escapes and control characters removed (newlines too if single_line)."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out = CONTROL_RE.sub("", ESCAPE_RE.sub("", text))
    if single_line:
        out = " ".join(out.split())
    return out


def safe_json(value: Any) -> str:
    """JSON with every control character escaped (json escapes C0; this also escapes C1,
    zero-width and bidi controls, losslessly)."""
    s = json.dumps(value, ensure_ascii=False, default=str)
    return re.sub(r"[\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]",
                  lambda m: f"\\u{ord(m.group()):04x}", s)
