"""Feed parsing: every format a reader meets, and documents that are broken or hostile."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brief.feeds import FeedError, parse_feed

RSS2 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>The Harbour Ledger</title>
  <link>https://ledger.example/</link>
  <item>
    <title>Ferry fares rise by &amp;pound;2 at Saltmarsh pier</title>
    <link>/news/ferry-fares</link>
    <guid isPermaLink="false">ledger-1001</guid>
    <description>&lt;p&gt;The ferry operator said fares would rise.&lt;/p&gt;</description>
    <content:encoded><![CDATA[<p>The ferry operator Brackwater Lines said on Monday that fares
      would rise from March.</p><p>Commuters at Saltmarsh pier were unhappy.</p>]]></content:encoded>
    <dc:creator>Mira Okonjo</dc:creator>
    <pubDate>Tue, 03 Nov 2026 08:15:00 +0100</pubDate>
  </item>
  <item>
    <description>A lighthouse keeper retired after forty years. More follows later.</description>
  </item>
  <item>
    <title>Second item with only a permalink guid</title>
    <guid>https://ledger.example/news/guid-link</guid>
  </item>
</channel>
</rss>"""

RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://valley.example/">
    <title>Valley Courier</title><link>https://valley.example/</link>
    <description>Local news</description>
  </channel>
  <item rdf:about="https://valley.example/orchard-fire">
    <title>Orchard fire contained near Pellham</title>
    <link>https://valley.example/orchard-fire</link>
    <description>Crews contained the fire by dawn.</description>
    <dc:date>2026-10-30T06:00:00Z</dc:date>
  </item>
</rdf:RDF>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Northfield Dispatch</title>
  <link rel="alternate" href="https://dispatch.example/"/>
  <id>urn:uuid:dispatch</id>
  <updated>2026-11-01T10:00:00Z</updated>
  <entry>
    <title type="html">Council approves &lt;em&gt;tram&lt;/em&gt; extension</title>
    <link rel="alternate" href="https://dispatch.example/tram"/>
    <id>tag:dispatch.example,2026:tram</id>
    <updated>2026-11-01T09:30:00Z</updated>
    <author><name>Ilse Varga</name></author>
    <summary>The vote passed eleven to four.</summary>
    <content type="html">&lt;p&gt;The vote passed eleven to four after a long debate.&lt;/p&gt;</content>
  </entry>
</feed>"""

JSON_FEED = json.dumps({
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Kestrel Weekly",
    "home_page_url": "https://kestrel.example/",
    "items": [
        {"id": "k-7", "url": "https://kestrel.example/bridge", "title": "Bridge reopens",
         "content_html": "<p>The old stone bridge reopened to walkers.</p>",
         "date_published": "2026-10-12T14:00:00+02:00", "authors": [{"name": "Tomas Eide"}]},
        {"id": 8, "content_text": "No title, no link, just words about a market day."},
    ],
}).encode()


def test_rss2_entry_fields() -> None:
    feed = parse_feed(RSS2, "https://ledger.example/feed.xml")
    assert feed.title == "The Harbour Ledger"
    assert feed.site_url == "https://ledger.example/"
    first = feed.entries[0]
    assert first.external_id == "ledger-1001"
    assert first.url == "https://ledger.example/news/ferry-fares"  # relative link resolved
    assert first.title == "Ferry fares rise by £2 at Saltmarsh pier"  # HTML in titles decoded
    assert "Brackwater Lines" in first.content
    assert first.author == "Mira Okonjo"
    assert first.published == datetime(2026, 11, 3, 7, 15, tzinfo=UTC)


def test_entry_without_title_link_or_date_is_kept_with_a_derived_title() -> None:
    feed = parse_feed(RSS2)
    untitled = feed.entries[1]
    assert untitled.title == "A lighthouse keeper retired after forty years."
    assert untitled.has_title is False
    assert untitled.url is None
    assert untitled.published is None
    assert untitled.external_id  # a stable id from its text
    assert parse_feed(RSS2).entries[1].external_id == untitled.external_id


def test_permalink_guid_stands_in_for_a_missing_link() -> None:
    third = parse_feed(RSS2).entries[2]
    assert third.url == "https://ledger.example/news/guid-link"


def test_rss1() -> None:
    feed = parse_feed(RSS1)
    assert feed.title == "Valley Courier"
    (entry,) = feed.entries
    assert entry.title == "Orchard fire contained near Pellham"
    assert entry.url == "https://valley.example/orchard-fire"
    assert entry.published == datetime(2026, 10, 30, 6, 0, tzinfo=UTC)


def test_atom() -> None:
    feed = parse_feed(ATOM)
    assert feed.title == "Northfield Dispatch"
    (entry,) = feed.entries
    assert entry.title == "Council approves tram extension"  # markup dropped from the title
    assert entry.author == "Ilse Varga"
    assert entry.url == "https://dispatch.example/tram"
    assert "eleven to four" in entry.content
    assert entry.published == datetime(2026, 11, 1, 9, 30, tzinfo=UTC)


def test_json_feed() -> None:
    feed = parse_feed(JSON_FEED)
    assert feed.title == "Kestrel Weekly"
    bridge, market = feed.entries
    assert bridge.title == "Bridge reopens"
    assert bridge.author == "Tomas Eide"
    assert bridge.published == datetime(2026, 10, 12, 12, 0, tzinfo=UTC)
    assert market.external_id == "8"
    assert market.url is None
    assert market.title.startswith("No title, no link")


def test_rss_091_without_dates() -> None:
    doc = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>Old Mill Gazette</title>
    <link>http://mill.example/</link><description>d</description>
    <item><title>Mill wheel repaired</title><link>http://mill.example/wheel</link></item>
    </channel></rss>"""
    (entry,) = parse_feed(doc).entries
    assert entry.title == "Mill wheel repaired"
    assert entry.published is None
    assert entry.external_id == "http://mill.example/wheel"


def test_latin1_feed_without_declaration_reads_accents_right() -> None:
    doc = ("<rss version='2.0'><channel><title>Jornal da Serra</title><item>"
           "<title>Eleição na câmara</title><link>http://serra.example/a</link>"
           "<description>Notícias da região</description></item></channel></rss>").encode("latin-1")
    (entry,) = parse_feed(doc).entries
    assert entry.title == "Eleição na câmara"


def test_declared_encoding_and_bom() -> None:
    doc = ('<?xml version="1.0" encoding="GB2312"?><rss version="2.0"><channel><title>山城日报</title>'
           "<item><title>新桥通车</title><link>http://shancheng.example/q</link></item>"
           "</channel></rss>").encode("gb2312")
    assert parse_feed(doc).entries[0].title == "新桥通车"
    bom = b"\xef\xbb\xbf" + RSS1
    assert parse_feed(bom).title == "Valley Courier"


def test_future_dates_and_enormous_titles_are_tamed() -> None:
    doc = ("<rss version='2.0'><channel><title>T</title><item><title>" + "Long " * 5000
           + "</title><link>http://t.example/1</link><pubDate>Sat, 01 Jan 2450 00:00:00 GMT"
           "</pubDate></item></channel></rss>").encode()
    (entry,) = parse_feed(doc).entries
    assert entry.published is None  # centuries ahead: treated as unknown
    assert len(entry.title) <= 301


def test_duplicate_guids_are_kept_once() -> None:
    item = "<item><title>Same</title><guid>dup-1</guid><link>http://d.example/1</link></item>"
    doc = f"<rss version='2.0'><channel><title>D</title>{item}{item}</channel></rss>".encode()
    assert len(parse_feed(doc).entries) == 1


def test_links_to_other_schemes_are_dropped() -> None:
    doc = (b"<rss version='2.0'><channel><title>X</title><item><title>Local</title>"
           b"<link>file:///etc/passwd</link><guid>x1</guid></item>"
           b"<item><title>Script</title><link>javascript:alert(1)</link></item></channel></rss>")
    assert [e.url for e in parse_feed(doc).entries] == [None, None]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"   \n ", "empty"),
        (b"<html><head><title>Home</title></head><body>Hi</body></html>", "HTML page"),
        (b"%PDF-1.7 binary", "PDF"),
        (b"\x00\x01\x02\x03binary\x00", "binary"),
        (b"<rss version='2.0'><channel><title>cut off", "not a usable feed"),
        (b"{\"not\": \"a feed\"}", "JSON"),
        (b"{broken json", "invalid JSON"),
        (b"plain words, not a feed at all", "not a usable feed"),
    ],
)
def test_unusable_documents_give_one_clear_line(data: bytes, words: str) -> None:
    with pytest.raises(FeedError) as err:
        parse_feed(data)
    message = str(err.value)
    assert words in message
    assert "\n" not in message


def test_billion_laughs_does_not_expand() -> None:
    lol = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>Laughs</title><link>http://l.example/1</link></item></channel></rss>"""
    try:
        feed = parse_feed(lol)
    except FeedError:
        return
    assert len(feed.title or "") < 10_000
    assert all(len(e.title) < 10_000 for e in feed.entries)


def test_bytes_argument_is_never_opened_as_a_file(tmp_path: object) -> None:
    # feedparser would open a str/bytes argument naming a file; parse_feed must not.
    with pytest.raises(FeedError):
        parse_feed(b"/etc/hostname")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise_anything_but_feed_error(data: bytes) -> None:
    try:
        parse_feed(data)
    except FeedError as e:
        assert "\n" not in str(e)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200), st.text(max_size=200))
def test_arbitrary_item_text_never_raises(title: str, body: str) -> None:
    from xml.sax.saxutils import escape

    doc = (f"<rss version='2.0'><channel><title>F</title><item><title>{escape(title)}</title>"
           f"<description>{escape(body)}</description></item></channel></rss>")
    try:
        feed = parse_feed(doc.encode("utf-8", "surrogatepass"))
    except (FeedError, UnicodeEncodeError):
        return
    for e in feed.entries:
        assert e.title


def test_links_to_lan_and_loopback_hosts_are_kept() -> None:
    doc = (b"<rss version='2.0'><channel><title>Home server</title>"
           b"<item><title>Backup done</title><link>http://192.168.1.20:8080/log/7</link>"
           b"<guid>nas-7</guid></item>"
           b"<item><title>Printer low</title><link>http://127.0.0.1:9000/p</link></item>"
           b"</channel></rss>")
    entries = parse_feed(doc).entries
    assert [e.url for e in entries] == ["http://192.168.1.20:8080/log/7", "http://127.0.0.1:9000/p"]
    assert entries[1].external_id == "http://127.0.0.1:9000/p"
