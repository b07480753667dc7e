"""Normalization: what a reader sees is the same text however it arrived."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from brief.normalize import normalize_text


def test_terminal_escapes_are_removed() -> None:
    colored = "\x1b[1;31mAlert:\x1b[0m the \x1b[4mriver\x1b[24m is rising"
    assert normalize_text(colored) == "Alert: the river is rising"
    # OSC 8 hyperlink as terminals print it
    link = "See \x1b]8;;https://example.org/flood\x07the flood map\x1b]8;;\x07 today"
    assert normalize_text(link) == "See the flood map today"


def test_zero_width_and_control_characters_are_removed() -> None:
    assert normalize_text("Mill\u200bbrook coun\u00adcil\ufeff") == "Millbrook council"
    assert normalize_text("bell\x07 and\x00 null") == "bell and null"
    assert normalize_text("tab\tseparated") == "tab separated"


def test_joiners_inside_emoji_and_words_survive() -> None:
    technologist = "\U0001f469\u200d\U0001f4bb"
    assert normalize_text(f"Coder {technologist} at work") == f"Coder {technologist} at work"
    assert normalize_text("a\u200db") == "ab"  # a joiner between ASCII letters means nothing


def test_html_entities_are_decoded_once_and_for_all() -> None:
    assert normalize_text("Lamb &amp; Rye &#8211; a caf&eacute;") == "Lamb & Rye \u2013 a café"
    assert normalize_text("double &amp;amp; escaped") == "double & escaped"
    # Without the closing semicolon it is not an entity: URLs keep their parameters.
    assert normalize_text("https://example.org/?a=1&copy=2") == "https://example.org/?a=1&copy=2"


def test_unicode_is_composed() -> None:
    assert normalize_text("Cafe\u0301 Mu\u0308ller") == "Café Müller"


def test_quotes_and_dashes_take_one_form() -> None:
    text = "\u201cWe are ready,\u201d said O\u2019Hara \u2012 twice -- loudly \u2015 at 9\u201010."
    assert normalize_text(text) == "\"We are ready,\" said O'Hara \u2013 twice \u2014 loudly \u2014 at 9-10."
    assert normalize_text("\u00abVoil\u00e0\u00bb") == '"Voil\u00e0"'


def test_paragraphs_are_separated_by_exactly_one_blank_line() -> None:
    text = "  First  paragraph. \r\n\r\n\r\n\n Second\u00a0one.\nThird line\u2029Fourth"
    assert normalize_text(text) == "First paragraph.\n\nSecond one.\n\nThird line\n\nFourth"


def test_hard_wrapped_text_is_rejoined() -> None:
    wrapped = (
        "The harbour authority said on Monday that the new ferry route would\n"
        "open in the spring, after two years of delays caused by dredging and\n"
        "a dispute over landing fees.\n"
        "\n"
        "Short second paragraph."
    )
    assert normalize_text(wrapped) == (
        "The harbour authority said on Monday that the new ferry route would open in the "
        "spring, after two years of delays caused by dredging and a dispute over landing fees."
        "\n\nShort second paragraph."
    )


def test_lists_are_not_glued_together() -> None:
    text = "Items to bring:\n\n- a torch\n- warm clothes and a blanket for the night\n- water"
    assert normalize_text(text) == (
        "Items to bring:\n\n- a torch\n\n- warm clothes and a blanket for the night\n\n- water"
    )


def test_empty_and_non_string_input() -> None:
    assert normalize_text("") == ""
    assert normalize_text(" \n\t \n") == ""
    assert normalize_text(None) == ""  # type: ignore[arg-type]


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_normalize_is_idempotent_and_never_raises(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


_PIECES = st.sampled_from(
    ["&amp;", "&", "amp;", "&#", "8203;", "\u200b", "\u200d", "\x1b", "[", "31m", "]", "\x07",
     "\r", "\n", "\u2028", " ", "\u00a0", "e", "\u0301", "K", "\u212a", ";", "\u037e", "--",
     "\u201c", "a", "\x00", "\x9b"]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_normalize_is_idempotent_on_escape_soup(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


def test_short_lines_in_a_block_are_not_taken_for_wrapped_text() -> None:
    text = (
        "Millbrook Gazette | Tuesday, March 5, 2024\nBy Tom Quill\n\n"
        "The council voted on Tuesday to restore the night ferry to the island."
    )
    assert normalize_text(text).split("\n\n") == [
        "Millbrook Gazette | Tuesday, March 5, 2024",
        "By Tom Quill",
        "The council voted on Tuesday to restore the night ferry to the island.",
    ]
