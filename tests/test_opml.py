"""OPML import/export: nested folders, round trips, and files that are not OPML."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brief.opml import OpmlError, OpmlFeed, parse_opml, render_opml

NESTED = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>My reading</title></head>
  <body>
    <outline text="Loose Leaf Review" type="rss" xmlUrl="https://looseleaf.example/rss"/>
    <outline text="News">
      <outline text="World">
        <outline title="Meridian Wire" text="Meridian" type="rss"
                 xmlUrl="https://meridian.example/world.xml" htmlUrl="https://meridian.example/"/>
      </outline>
      <outline text="Harbour Ledger" type="rss" xmlUrl="https://ledger.example/feed"/>
    </outline>
    <outline text="Broken" type="rss" xmlUrl="file:///etc/passwd"/>
    <outline text="Twice" type="rss" xmlUrl="https://looseleaf.example/rss"/>
  </body>
</opml>"""


def test_nested_outlines_become_folder_paths() -> None:
    feeds = parse_opml(NESTED)
    assert feeds == [
        OpmlFeed("https://looseleaf.example/rss", "Loose Leaf Review", None),
        OpmlFeed("https://meridian.example/world.xml", "Meridian Wire", "News/World"),
        OpmlFeed("https://ledger.example/feed", "Harbour Ledger", "News"),
    ]


def test_round_trip_keeps_folders_titles_and_order() -> None:
    feeds = [
        OpmlFeed("https://a.example/feed", "Alpha & Omega <Daily>", "News/World"),
        OpmlFeed("https://b.example/rss?x=1&y=2", None, None),
        OpmlFeed("https://c.example/atom", "Café \"Quotes\"", "Hobbies"),
        OpmlFeed("https://d.example/j.json", "Deep", "News/World/Europe"),
        OpmlFeed("https://e.example/f", "Near", "News"),
    ]
    back = parse_opml(render_opml(feeds).encode("utf-8"))
    assert sorted(back, key=lambda f: f.url) == sorted(feeds, key=lambda f: f.url)


def test_import_of_an_export_of_an_import_is_stable() -> None:
    once = parse_opml(NESTED)
    assert parse_opml(render_opml(once).encode()) == once


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"<opml><body><outline", "invalid XML"),
        (b"<rss version='2.0'><channel/></rss>", "root element"),
        (b"<opml version='2.0'><head/></opml>", "no <body>"),
        (b"\x89PNG\r\n\x1a\n binary", "invalid XML"),
    ],
)
def test_invalid_opml_is_one_clear_error(data: bytes, words: str) -> None:
    with pytest.raises(OpmlError) as err:
        parse_opml(data)
    assert words in str(err.value)
    assert "\n" not in str(err.value)


def test_entities_are_not_expanded() -> None:
    doc = b"""<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x "xxxxxxxxxxxxxxxxxxxx">
    <!ENTITY y "&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;">]>
    <opml version="2.0"><body><outline text="&y;" xmlUrl="https://e.example/f"/></body></opml>"""
    try:
        feeds = parse_opml(doc)
    except OpmlError:
        return
    assert all(len(f.title or "") < 100 for f in feeds)


_name = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=20
).map(lambda s: " ".join(s.replace("/", "").split())).filter(bool)


@settings(max_examples=60, deadline=None)
@given(st.lists(
    st.tuples(st.from_regex(r"[a-z]{1,8}", fullmatch=True), st.none() | _name,
              st.none() | st.lists(_name, min_size=1, max_size=3).map("/".join)),
    max_size=12, unique_by=lambda t: t[0],
))
def test_round_trip_property(items: list[tuple[str, str | None, str | None]]) -> None:
    feeds = [OpmlFeed(f"https://{host}.example/feed", title, folder)
             for host, title, folder in items]
    back = parse_opml(render_opml(feeds).encode("utf-8"))
    assert sorted(back, key=lambda f: f.url) == sorted(feeds, key=lambda f: f.url)
