"""HTML pages to clean articles: main text, metadata, encodings, and nothing that raises."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from brief.extract import decode_html, extract_html

PARAGRAPHS = [
    "The Millbrook harbour council voted seven to two on Tuesday to restore the night ferry to "
    "Gull Island, ending a four-year gap that islanders say cut them off after dark.",
    "\u201cWe have waited long enough,\u201d said councillor Ada Brennick, who tabled the motion "
    "after a petition gathered more than 1,200 signatures from island households.",
    "The operator, Tidewater Lines, must now hire two crews before the first sailing, which "
    "is planned for the fourth of May if the weather allows the crossing.",
    "Fares for the late crossings will match the daytime price, the council said, and season "
    "tickets bought before the summer will remain valid on every sailing.",
    "Islanders welcomed the decision but warned that the timetable must suit shift workers, "
    "who make up a large share of the passengers on the evening boats.",
]


def _page(
    body_extra: str = "",
    head_extra: str = "",
    charset: str = "utf-8",
    body: list[str] | None = None,
) -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in (body or PARAGRAPHS))
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head>
<meta charset="{charset}">
<title>Night ferry to return to Gull Island | Millbrook Gazette</title>
<meta property="og:title" content="Night ferry to return to Gull Island">
<meta property="og:site_name" content="Millbrook Gazette">
<meta name="author" content="Tom Quill">
<meta property="article:published_time" content="2024-03-05T09:12:00+00:00">
<link rel="canonical" href="/news/night-ferry-returns">
{head_extra}
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<main><article>
<h1>Night ferry to return to Gull Island</h1>
{paragraphs}
<p>Read More: Storm closes coastal road for a second day</p>
<p>Subscribe to our newsletter to get the latest stories delivered to your inbox.</p>
{body_extra}
</article></main>
<footer><p>&copy; 2024 Millbrook Gazette. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a></footer>
</body></html>"""


def test_article_text_and_metadata() -> None:
    art = extract_html(_page(), url="https://gazette.example/news/night-ferry-returns?ref=rss")
    for p in PARAGRAPHS:
        assert p.replace("\u201c", '"').replace("\u201d", '"') in art.text
    assert "Read More" not in art.text
    assert "newsletter" not in art.text
    assert "Privacy policy" not in art.text
    assert art.title == "Night ferry to return to Gull Island"
    assert art.byline == "Tom Quill"
    assert art.site == "Millbrook Gazette"
    assert art.lang == "en"
    assert art.canonical_url == "https://gazette.example/news/night-ferry-returns"
    assert art.url == "https://gazette.example/news/night-ferry-returns?ref=rss"
    assert art.published == datetime(2024, 3, 5, 9, 12, tzinfo=timezone(timedelta(0)))
    reasons = {r.reason for r in art.removed}
    assert {"teaser", "promo"} <= reasons


def test_headline_is_not_repeated_in_the_text() -> None:
    art = extract_html(_page())
    assert not art.text.startswith("Night ferry to return")


def test_declared_legacy_charset_is_honoured() -> None:
    page = _page(body_extra="<p>Le caf\u00e9 du port ouvre t\u00f4t.</p>", charset="iso-8859-1")
    art = extract_html(page.replace("\u201c", '"').replace("\u201d", '"').encode("cp1252"))
    assert "Le caf\u00e9 du port ouvre t\u00f4t." in art.text


def test_byte_order_mark_wins_over_guessing() -> None:
    page = _page(body_extra="<p>Gr\u00fc\u00dfe aus M\u00fcnchen.</p>").replace('charset="utf-8"', "")
    assert "Gr\u00fc\u00dfe" in decode_html(b"\xef\xbb\xbf" + page.encode("utf-8"))
    assert "Gr\u00fc\u00dfe" in decode_html(b"\xff\xfe" + page.encode("utf-16-le"))


def test_undeclared_utf8_and_undecodable_bytes() -> None:
    assert decode_html("<p>na\u00efve</p>".encode()) == "<p>na\u00efve</p>"
    assert decode_html(b"<p>caf\xe9</p>") == "<p>caf\u00e9</p>"  # not UTF-8: cp1252


def test_feed_fragment_is_extracted() -> None:
    fragment = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    art = extract_html(fragment)
    assert PARAGRAPHS[0] in art.text
    assert PARAGRAPHS[2] in art.text


def test_empty_and_broken_input_gives_an_empty_article() -> None:
    for junk in (b"", "", "   ", "<html></html>", "<html><body><div></div></body></html>", b"\x00" * 10):
        art = extract_html(junk, url="https://gazette.example/empty")
        assert art.text == ""
        assert art.removed == []
        assert art.url == "https://gazette.example/empty"


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.binary(max_size=400), st.text(max_size=400)))
def test_extract_html_never_raises(data: bytes | str) -> None:
    art = extract_html(data, url="https://gazette.example/x")
    assert isinstance(art.text, str)


def test_heavy_libraries_load_only_when_extracting() -> None:
    code = (
        "import sys, brief.extract, brief.clean, brief.normalize;"
        "print(any(m in sys.modules for m in ('trafilatura', 'htmldate', 'dateparser')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_language_of_the_text_beats_a_wrong_declaration() -> None:
    german = [
        f"Der Rat der Stadt hat am {day} entschieden, dass die Nachtfähre zur Insel wieder "
        "fahren wird, und die Bewohner der Insel haben die Entscheidung begrüßt."
        for day in ("Montag", "Dienstag", "Mittwoch", "Donnerstag")
    ]
    art = extract_html(_page(body=german))
    assert german[1] in art.text
    assert art.lang == "de"  # the template says lang="en-GB"


def test_byline_line_in_the_text_becomes_the_byline() -> None:
    page = _page(body_extra="").replace('<meta name="author" content="Tom Quill">', "")
    page = page.replace("<h1>Night ferry to return to Gull Island</h1>",
                        "<h1>Night ferry to return to Gull Island</h1><p>By Ada Brennick</p>")
    art = extract_html(page)
    assert art.byline == "Ada Brennick"
    assert "By Ada Brennick" not in art.text


def test_fragment_headings_and_links_stay_in_their_paragraphs() -> None:
    fragment = (
        '<div>After <b>May 2024</b>, the <a href="/t">night timetable</a> applies to every '
        "crossing.<br><br><h2>What changes for passengers</h2>Tickets bought before May remain "
        "valid on every sailing, the operator said.</div>"
    )
    art = extract_html(fragment)
    assert art.title is None
    assert "After May 2024, the night timetable applies to every crossing." in art.text
    assert "What changes for passengers" in art.text
