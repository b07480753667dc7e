"""The Markdown of a story (``brief show``, ``brief briefing``): what a reader sees."""

from __future__ import annotations

from brief.briefing import story_markdown


def _story(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {"headline": "Harbour board and dockers far apart on pay",
                               "sources": ["Velmora Post", "Coast Daily"], "articles": []}
    return {**base, **kw}


def test_a_key_figure_is_shown_in_its_own_words_with_the_figure_in_bold() -> None:
    md = story_markdown(_story(facts=[
        {"text": "2.5%", "context": "The harbour board has offered a 2.5% rise this year",
         "sources": ["Velmora Post", "Coast Daily"]},
        {"text": "60 trawlers", "context": None, "sources": ["Coast Daily"]},
    ]))
    assert "- The harbour board has offered a **2.5%** rise this year (2 outlets: Velmora Post, " \
           "Coast Daily)" in md
    assert "- 60 trawlers (1 outlet: Coast Daily)" in md


def test_markdown_in_a_figure_context_is_escaped() -> None:
    md = story_markdown(_story(facts=[
        {"text": "40 boats", "context": "*all* 40 boats [sank](http://x)", "sources": ["Coast Daily"]},
    ]))
    assert "\\*all\\* **40 boats** \\[sank\\](http://x)" in md


def test_disputed_dates_read_as_dates() -> None:
    md = story_markdown(_story(conflicts=[
        {"kind": "date", "subject": "The quay wall gave way",
         "values": [{"value": "2026-11-16", "sources": ["Velmora Post"]},
                    {"value": "2026-11-17", "sources": ["Coast Daily"]}]},
    ]))
    assert "- The quay wall gave way: 16 Nov 2026 (Velmora Post); 17 Nov 2026 (Coast Daily)" in md
    assert "2026-11-16" not in md
