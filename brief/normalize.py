"""Text normalization: one canonical form for every article text.

``normalize_text`` returns paragraphs as single lines separated by exactly one blank line, in
Unicode NFC, with HTML entities decoded, terminal escapes, zero-width and control characters
removed, and quotes and dashes in one consistent style. It is idempotent and never raises.
"""

from __future__ import annotations

import html
import re
import unicodedata

from brief.terminal import ESCAPE_RE

_ANSI_RE = ESCAPE_RE  # terminal escapes (see brief.terminal)

# Entities with a terminating semicolon only: "&copy=2" in a URL must stay as it is.
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

# Invisible characters dropped outright (zero-width space, word joiner, BOM, soft hyphen,
# bidi marks and embeddings, invisible operators, Mongolian vowel separator).
_INVISIBLE = dict.fromkeys(
    (
        "\u200b\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
        "\u2066\u2067\u2068\u2069\u2061\u2062\u2063\u2064\u180e\u034f"
    ),
    "",
)
# ZWJ/ZWNJ are meaningful inside words (Persian, Indic scripts) and emoji sequences: keep them
# only between two non-ASCII, non-space characters.
_JOINER_RE = re.compile(r"(?<![^\x00-\x7f])[\u200c\u200d]|[\u200c\u200d](?![^\x00-\x7f])")
_JOINER_RUN_RE = re.compile(r"[\u200c\u200d]{2,}")
_JOINER_EDGE_RE = re.compile(r"(?<=\s)[\u200c\u200d]+|[\u200c\u200d]+(?=\s)")

_SPACES = dict.fromkeys(
    ("\t\x0b\x0c\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
        "\u2008\u2009\u200a\u202f\u205f\u3000"),
    " ",
)
_QUOTES_DASHES: dict[str, str] = dict(
    {
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"',
        "\u00bb": '"', "\u2033": '"', "\uff02": '"',
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u02bc": "'", "\uff07": "'", "\u2039": "'", "\u203a": "'",
        "\u2010": "-", "\u2011": "-", "\u2043": "-",
        "\u2012": "\u2013",  # figure dash -> en dash
        "\u2015": "\u2014", "\u2e3a": "\u2014", "\u2e3b": "\u2014", "\ufe58": "\u2014",
        "\u2e3e": "\u2014",
    }
)
_DOUBLE_HYPHEN_RE = re.compile(r"(?<= )-{2,3}(?= )")
_NEWLINES: dict[str, str] = dict(
    {"\r": "\n", "\u2028": "\n", "\u2029": "\n\n", "\x85": "\n", "\x0b": "\n", "\x0c": "\n",
     "\x1c": "\n", "\x1d": "\n", "\x1e": "\n"}
)
# C0/C1 controls except tab, newline and the escape introducers the ANSI pattern consumes.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9a\x9c\x9e\x9f]")
_CONTROL_CHARS = frozenset(
    chr(c) for c in (*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), *range(0x7F, 0x9B),
                     0x9C, 0x9E, 0x9F)
)
_MULTISPACE_RE = re.compile(r" {2,}")
_BLANKS_RE = re.compile(r"\n[ \n]*\n")

_TERMINAL = tuple('.!?:;"\')]\u2026')
_BULLET_RE = re.compile(r"^(?:[-*\u2022\u25cf\u25aa\u2013\u2014>]|\d{1,3}[.)])\s")


def _translate(text: str, table: dict[str, str], chars: set[str]) -> str:
    # Faster than str.translate with a dict: most texts hold none or few of these characters.
    for ch in table.keys() & chars:
        text = text.replace(ch, table[ch])
    return text


def _unwrap(lines: list[str], width: int) -> list[str]:
    """Join the hard-wrapped lines of one block of text filled to ``width`` columns.

    A line was wrapped only if the next line's first word would not have fitted on it: that
    keeps "Site | date" and "By Name" on separate lines however long they are.
    """
    if len(lines) < 2:
        return lines
    joined: list[str] = [lines[0]]
    for line in lines[1:]:
        prev = joined[-1]
        first_word = line.split(" ", 1)[0]
        wrapped = (
            not _BULLET_RE.match(line)
            and (not prev.endswith(_TERMINAL) or line[:1].islower())
            and len(prev.rsplit("\n", 1)[-1]) + 1 + len(first_word) > width
        )
        if wrapped:
            joined[-1] = prev + "\n" + line
        else:
            joined.append(line)
    return [x.replace("\n", " ") for x in joined]


def normalize_text(text: str) -> str:
    """Return ``text`` in the canonical form described in the module docstring."""
    try:
        return _normalize(text)
    except Exception:  # pragma: no cover - last resort, normalization must never raise
        return str(text) if text is not None else ""


def _characters(text: str) -> str:
    """One round of character-level cleanup; repeated until nothing changes.

    ``chars`` is taken once per round: what a step introduces (an entity decoded to a curly
    quote, say) is handled by the next round.
    """
    chars = set(text)
    text = _translate(text, _NEWLINES, chars)
    if not chars.isdisjoint("\x1b\x9b\x9d"):
        text = _ANSI_RE.sub("", text)
    if not chars.isdisjoint(_CONTROL_CHARS):
        text = _CONTROL_RE.sub("", text)
    if "&" in chars:
        text = _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _translate(text, _INVISIBLE, chars)
    text = _translate(text, _SPACES, chars)
    text = _translate(text, _QUOTES_DASHES, chars)  # before the joiner test, which looks at ASCII
    if "\u200c" in chars or "\u200d" in chars:
        text = _JOINER_RUN_RE.sub(lambda m: m.group(0)[0], text)
        text = _JOINER_EDGE_RE.sub("", text)
        text = _JOINER_RE.sub("", text)
    return text


def _normalize(text: str) -> str:
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if not text:
        return ""
    # Every step of a round only deletes or shortens, so the loop reaches a fixed point;
    # looping makes "&amp;amp;" or an escape hidden behind an entity end in one stable form.
    for _ in range(12):
        new = _characters(text)
        if new == text:
            break
        text = new
    if "--" in text:
        text = _DOUBLE_HYPHEN_RE.sub("\u2014", text)
    text = _MULTISPACE_RE.sub(" ", text)

    blocks = [
        [line for line in (raw.strip() for raw in block.split("\n")) if line]
        for block in _BLANKS_RE.split(text)
    ]
    # Hard-wrapped text (e-mail, saved terminal output) separates paragraphs by blank lines
    # and never runs a line past ~100 columns; its wrap width is its longest line.
    width = max((len(line) for block in blocks for line in block), default=0)
    if len(blocks) > 1 and 40 <= width <= 100:
        blocks = [_unwrap(block, width) for block in blocks]
    return "\n\n".join(line for block in blocks for line in block)
