"""Fetching and refreshing against a real HTTP server on 127.0.0.1 (tests/loopback.py)."""

from __future__ import annotations

import asyncio
import gzip
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from brief.fetch import Fetcher, FetchError, FetchLimits
from brief.refresh import RefreshProgress, fetch_article, refresh
from cache.store import Store
from tests.loopback import Loopback, Request, Route, serve

FAST = FetchLimits(backoff=0.01, read_timeout=2.0, total_timeout=5.0, max_retry_after=2.0)

WORDS = (
    "The regional water board confirmed on Thursday that the reservoir above Dunmere had "
    "reached its lowest level in a decade, and asked households to limit garden watering. "
    "Engineers said repairs to the eastern spillway would finish before the spring rains. "
)


def rss(title: str, items: list[dict[str, str]]) -> bytes:
    parts = []
    for it in items:
        fields = "".join(f"<{k}>{v}</{k}>" for k, v in it.items() if k != "content")
        if "content" in it:
            fields += f"<content:encoded><![CDATA[{it['content']}]]></content:encoded>"
        parts.append(f"<item>{fields}</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{title}</title><link>http://127.0.0.1/</link>{''.join(parts)}</channel></rss>"
    ).encode()


def page(headline: str, body: str) -> bytes:
    nav = "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(12))
    return (
        f"<html><head><title>{headline} | Dunmere Echo</title></head><body>"
        f"<nav><ul>{nav}</ul></nav><header><a href='/subscribe'>Subscribe now</a></header>"
        f"<article><h1>{headline}</h1><p>{body}</p><p>{body}</p></article>"
        "<footer><p>Copyright Dunmere Echo. All rights reserved.</p>"
        "<a href='/privacy'>Privacy</a></footer></body></html>"
    ).encode()


@pytest.fixture
def server() -> Iterator[Loopback]:
    with serve() as lb:
        yield lb


def article_count(store: Store) -> int:
    return int(store.scalar("SELECT count(*) FROM articles"))


def summary_feed(lb: Loopback, name: str, n: int = 3, **route: object) -> str:
    items = [{"title": f"{name} item {i}", "link": lb.url(f"/{name}/a{i}"),
              "guid": f"{name}-{i}", "description": f"Short summary {i} of {name}."}
             for i in range(n)]
    return lb.add(f"/{name}.xml", Route(rss(name.title(), items), **route))  # type: ignore[arg-type]


# -- conditional GET ------------------------------------------------------------------------------


def test_second_refresh_is_all_304_and_writes_nothing(server: Loopback, store: Store) -> None:
    url_a = summary_feed(server, "alpha", etag='"v1"')
    url_b = summary_feed(server, "beta", last_modified="Mon, 02 Nov 2026 10:00:00 GMT")
    store.add_feed(url_a)
    store.add_feed(url_b)
    first = refresh(store, articles=False, limits=FAST)
    assert (first.feeds_ok, first.new_articles) == (2, 6)
    changes = store.conn.total_changes
    second = refresh(store, articles=False, limits=FAST)
    assert (second.feeds_ok, second.feeds_unchanged, second.new_articles) == (0, 2, 0)
    assert store.conn.total_changes == changes  # a 304 writes nothing
    assert server.hits("/alpha.xml")[-1].headers["if-none-match"] == '"v1"'
    assert server.hits("/beta.xml")[-1].headers["if-modified-since"] == \
        "Mon, 02 Nov 2026 10:00:00 GMT"


def test_user_agent_and_compression_are_announced(server: Loopback, store: Store) -> None:
    store.add_feed(summary_feed(server, "gamma"))
    refresh(store, articles=False, limits=FAST)
    headers = server.hits("/gamma.xml")[0].headers
    assert headers["user-agent"].startswith("brief/0.1 (+https://")
    assert "gzip" in headers["accept-encoding"] and "br" in headers["accept-encoding"]


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_compressed_feeds(server: Loopback, store: Store, encoding: str) -> None:
    store.add_feed(summary_feed(server, "zipped", n=4, encoding=encoding))
    summary = refresh(store, articles=False, limits=FAST)
    assert summary.new_articles == 4, summary.errors


# -- one feed's failure is its own ------------------------------------------------------------------


def test_failures_are_stored_per_feed_and_others_unaffected(server: Loopback, store: Store) -> None:
    good = summary_feed(server, "good")
    missing = server.url("/nowhere.xml")
    broken = server.add("/broken.xml", Route(b"<rss><channel><title>half"))
    down = server.add("/down.xml", Route(b"oops", status=500))
    pdf = server.add("/paper.xml", Route(b"%PDF-1.5 ...", content_type="application/pdf"))
    ids = {u: store.add_feed(u) for u in (good, missing, broken, down, pdf)}
    summary = refresh(store, articles=False, limits=FAST)
    assert summary.feeds_ok == 1 and summary.feeds_failed == 4
    assert summary.new_articles == 3
    errors = dict(summary.errors)
    rows = {u: store.feed_row(i) for u, i in ids.items()}
    assert rows[good]["last_error"] is None and rows[good]["last_status"] == 200
    assert rows[missing]["last_error"] == errors[missing] == "HTTP 404 Not Found"
    assert rows[missing]["gone"] == 1
    assert "not a usable feed" in rows[broken]["last_error"]
    assert rows[down]["last_error"] == "HTTP 500 Internal Server Error"
    assert len(server.hits("/down.xml")) == 3  # two retries with backoff
    assert rows[down]["failures"] == 1 and rows[down]["gone"] == 0
    assert "PDF" in rows[pdf]["last_error"]
    # a gone feed is not fetched again on the next refresh (but is on request)
    before = len(server.hits("/nowhere.xml"))
    again = refresh(store, articles=False, limits=FAST)
    assert again.skipped_gone == 1
    assert len(server.hits("/nowhere.xml")) == before
    day_ago = (datetime.now(UTC) - timedelta(hours=25)).isoformat()
    store.update_feed(ids[missing], last_fetched=day_ago)  # a 404 rests a day, then is retried
    refresh(store, articles=False, limits=FAST)
    assert len(server.hits("/nowhere.xml")) == before + 1
    assert store.feed_row(ids[missing])["failures"] == 2
    store.update_feed(ids[missing], last_fetched=day_ago)  # ... and two days after two 404s
    assert refresh(store, articles=False, limits=FAST).skipped_gone == 1
    before += 1
    refresh(store, articles=False, limits=FAST, feed_ids=[ids[missing]])
    assert len(server.hits("/nowhere.xml")) == before + 1
    assert store.feed_row(ids[down])["failures"] == 4


def test_a_recovered_feed_clears_its_error(server: Loopback, store: Store) -> None:
    state = {"ok": False}
    body = rss("Flaky", [{"title": "Back", "link": server.url("/flaky/1"), "guid": "f1"}])

    def flaky(req: Request) -> Route:
        return Route(body) if state["ok"] else Route(b"", status=503)

    feed_id = store.add_feed(server.add("/flaky.xml", flaky))
    refresh(store, articles=False, limits=FAST)
    assert store.feed_row(feed_id)["last_error"].startswith("HTTP 503")
    state["ok"] = True
    refresh(store, articles=False, limits=FAST)
    row = store.feed_row(feed_id)
    assert row["last_error"] is None and row["failures"] == 0 and row["title"] == "Flaky"


def test_only_http_urls_are_fetched(store: Store) -> None:
    feed_id = store.add_feed("file:///etc/passwd")
    summary = refresh(store, articles=False, limits=FAST)
    assert summary.feeds_failed == 1
    assert "only http and https" in store.feed_row(feed_id)["last_error"]


# -- redirects ---------------------------------------------------------------------------------------


def test_redirects_are_followed_but_bounded(server: Loopback, store: Store) -> None:
    target = summary_feed(server, "moved")
    server.add("/old.xml", Route(status=301, headers={"Location": target}))
    for i in range(8):
        server.add(f"/hop{i}", Route(status=302, headers={"Location": f"/hop{i + 1}"}))
    server.add("/loop-a", Route(status=302, headers={"Location": "/loop-b"}))
    server.add("/loop-b", Route(status=302, headers={"Location": "/loop-a"}))
    ok = store.add_feed(server.url("/old.xml"))
    long_chain = store.add_feed(server.url("/hop0"))
    loop = store.add_feed(server.url("/loop-a"))
    summary = refresh(store, articles=False, limits=FAST)
    assert summary.feeds_ok == 1
    assert store.feed_row(ok)["last_error"] is None
    assert store.feed_row(ok)["url"] == target  # a 301 to a working feed: the subscription moves
    assert store.feed_row(long_chain)["last_error"] == "too many redirects (more than 5)"
    assert store.feed_row(loop)["last_error"].startswith("redirect loop")


def test_redirect_to_another_scheme_is_refused(server: Loopback, store: Store) -> None:
    server.add("/sneaky.xml", Route(status=302, headers={"Location": "file:///etc/passwd"}))
    feed_id = store.add_feed(server.url("/sneaky.xml"))
    refresh(store, articles=False, limits=FAST)
    assert store.feed_row(feed_id)["last_error"] == \
        "refused redirect to a non-HTTP URL: file:///etc/passwd"


# -- size caps, slow servers, resets -----------------------------------------------------------------


def run(coro_fn, limits: FetchLimits = FAST, sleep=None):  # type: ignore[no-untyped-def]
    async def go():  # type: ignore[no-untyped-def]
        async with Fetcher(limits=limits, sleep=sleep) as f:
            return await coro_fn(f)

    return asyncio.run(go())


def test_size_cap_on_plain_and_compressed_bodies(server: Loopback) -> None:
    small = FetchLimits(max_bytes=100_000, max_compressed_bytes=100_000, backoff=0.01)
    big = server.add("/big", Route(b"x" * 300_000))
    bomb = server.add("/bomb", Route(b"\x00" * 5_000_000, encoding="gzip"))  # ~5 KB on the wire
    chunked = server.add("/chunked", Route(chunks=[b"y" * 50_000] * 6))
    for url, words in ((big, "response too large"), (bomb, "once decompressed"),
                       (chunked, "response too large")):
        with pytest.raises(FetchError) as err:
            run(lambda f, u=url: f.get(u), small)
        assert words in err.value.message
    ok = server.add("/ok", Route(gzip.compress(b"z" * 1000), headers={"Content-Encoding": "gzip"}))
    assert run(lambda f: f.get(ok), small).content == b"z" * 1000


def test_retry_after_is_honoured_and_capped(server: Loopback) -> None:
    calls = {"n": 0}

    def busy(req: Request) -> Route:
        calls["n"] += 1
        if calls["n"] == 1:
            return Route(status=503, headers={"Retry-After": "1"})
        return Route(b"fine")

    slept: list[float] = []

    async def fake_sleep(s: float) -> None:
        slept.append(s)

    url = server.add("/busy", busy)
    assert run(lambda f: f.get(url), FAST, fake_sleep).content == b"fine"
    assert slept == [1.0]

    slept.clear()
    later = server.add("/later", Route(status=429, headers={"Retry-After": "3600"}))
    with pytest.raises(FetchError) as err:
        run(lambda f: f.get(later), FAST, fake_sleep)
    assert slept == []  # an hour is not worth waiting for inside a refresh
    assert err.value.message == "HTTP 429 Too Many Requests (server asks to retry after 3600 s)"
    assert len(server.hits("/later")) == 1


def test_slow_and_broken_servers_time_out_with_a_clear_message(server: Loopback) -> None:
    limits = FetchLimits(read_timeout=0.3, total_timeout=1.0, retries=0)
    slow = server.add("/slow", Route(b"late", delay=1.5))
    trickle = server.add("/trickle", Route(chunks=[b"a"] * 20, chunk_delay=0.2))
    reset = server.add("/reset", Route(b"b" * 10_000, reset_after=100))
    with pytest.raises(FetchError) as err:
        run(lambda f: f.get(slow), limits)
    assert "stopped responding" in err.value.message
    with pytest.raises(FetchError) as err:
        run(lambda f: f.get(trickle), limits)
    assert err.value.message == "took longer than 1 s"
    with pytest.raises(FetchError) as err:
        run(lambda f: f.get(reset), limits)
    assert "broke off mid-response" in err.value.message


def test_unreachable_and_unresolvable_hosts() -> None:
    limits = FetchLimits(retries=0, connect_timeout=2.0)
    with pytest.raises(FetchError) as err:
        run(lambda f: f.get("http://no-such-host.invalid/feed"), limits)
    assert err.value.message.startswith(("DNS lookup failed", "could not connect"))
    with pytest.raises(FetchError) as err:
        run(lambda f: f.get("http://127.0.0.1:9/feed"), limits)
    assert "refused" in err.value.message or "could not connect" in err.value.message


def test_per_host_limit_is_respected() -> None:
    active = {"now": 0, "peak": 0}
    lock = threading.Lock()

    def slow(req: Request) -> Route:
        with lock:
            active["now"] += 1
            active["peak"] = max(active["peak"], active["now"])
        time.sleep(0.05)
        with lock:
            active["now"] -= 1
        return Route(b"ok")

    with serve() as lb:
        urls = [lb.add(f"/p{i}", slow) for i in range(12)]

        async def many(f: Fetcher) -> list[bytes]:
            return [r.content for r in await asyncio.gather(*(f.get(u) for u in urls))]

        assert run(many, FetchLimits(per_host=3, concurrency=10)) == [b"ok"] * 12
    assert active["peak"] == 3


# -- entries, duplicates and full text ---------------------------------------------------------------


def test_guid_change_and_same_url_in_two_feeds_do_not_duplicate(
    server: Loopback, store: Store,
) -> None:
    link = server.url("/shared/story")
    first = rss("One", [{"title": "Dam report", "link": link, "guid": "one-1",
                         "description": WORDS}])
    route = Route(first)
    a = store.add_feed(server.add("/one.xml", route))
    refresh(store, articles=False, limits=FAST)
    assert article_count(store) == 1
    route.body = rss("One", [{"title": "Dam report", "link": link, "guid": "one-1-renamed",
                              "description": WORDS}])
    other = rss("Two", [{"title": "Dam report (syndicated)", "link": link, "guid": "two-9",
                         "description": WORDS}])
    store.add_feed(server.add("/two.xml", Route(other)))
    summary = refresh(store, articles=False, limits=FAST)
    assert summary.feeds_ok == 2 and summary.new_articles == 0
    assert article_count(store) == 1
    assert store.feed_row(a)["last_error"] is None


def test_full_text_comes_from_the_page_and_boilerplate_is_dropped(
    server: Loopback, store: Store,
) -> None:
    body = WORDS * 2
    server.add("/echo/dam", Route(page("Reservoir at decade low", body),
                                  content_type="text/html; charset=utf-8"))
    feed = rss("Dunmere Echo", [{"title": "Reservoir at decade low",
                                 "link": server.url("/echo/dam"), "guid": "e1",
                                 "description": "The reservoir is low."}])
    store.add_feed(server.add("/echo.xml", Route(feed)))
    seen: list[RefreshProgress] = []
    summary = refresh(store, articles=True, limits=FAST, progress=seen.append)
    assert summary.new_articles == 1 and summary.pages_fetched == 1
    (row,) = store.query("SELECT * FROM articles")
    assert "eastern spillway" in row["text"]
    assert "Section 3" not in row["text"] and "All rights reserved" not in row["text"]
    assert row["source"] == "Dunmere Echo"
    last = seen[-1]
    assert (last.feeds_done, last.feeds_total, last.articles_done, last.articles_total) == \
        (1, 1, 1, 1)


def test_complete_feed_content_needs_no_page_fetch(server: Loopback, store: Store) -> None:
    long_content = "<p>" + WORDS * 10 + "</p>"
    feed = rss("Full Feed", [{"title": "All here", "link": server.url("/full/1"),
                              "guid": "full-1", "content": long_content}])
    store.add_feed(server.add("/full.xml", Route(feed)))
    summary = refresh(store, articles=True, limits=FAST)
    assert summary.new_articles == 1
    assert server.hits("/full/1") == []
    assert "spillway" in store.query("SELECT text FROM articles")[0]["text"]


def test_failed_article_page_keeps_the_feed_summary(server: Loopback, store: Store) -> None:
    feed = rss("Summary Only", [{"title": "Gate repairs", "link": server.url("/missing/1"),
                                 "guid": "m1", "description": "Gate repairs start Monday."}])
    store.add_feed(server.add("/summ.xml", Route(feed)))
    summary = refresh(store, articles=True, limits=FAST)
    assert summary.new_articles == 1 and summary.pages_failed == 1 and summary.feeds_ok == 1
    assert store.query("SELECT text FROM articles")[0]["text"] == "Gate repairs start Monday."


def test_fetch_article_for_ingest(server: Loopback) -> None:
    url = server.add("/one-page", Route(page("Ferry timetable changes", WORDS * 2),
                                        content_type="text/html"))
    clean = fetch_article(url)
    assert "eastern spillway" in clean.text
    assert "Subscribe now" not in clean.text
    pdf = server.add("/file.pdf", Route(b"%PDF-1.4", content_type="application/pdf"))
    with pytest.raises(FetchError) as err:
        fetch_article(pdf)
    assert "not an HTML page" in err.value.message


# -- subscribing: discovery ---------------------------------------------------------------------------


def test_subscribe_discovers_the_feed_a_site_page_advertises(server: Loopback, store: Store) -> None:
    from brief.subscribe import subscribe

    feed_url = summary_feed(server, "ridge")
    server.add("/", Route(
        b"<html><head><title>Ridge Times</title>"
        b"<link rel='alternate' type='application/rss+xml' title='Comments' href='/c.xml'>"
        b"<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Ridge Times\" "
        b"href=\"/ridge.xml\"></head><body>Welcome</body></html>",
        content_type="text/html",
    ))
    feed = subscribe(store, server.url("/"), folder="Local")
    assert feed.url == feed_url
    assert feed.title == "Ridge"
    assert feed.folder == "Local"
    assert store.find_feed(feed_url) is not None


def test_subscribe_falls_back_to_common_feed_paths(server: Loopback, store: Store) -> None:
    from brief.subscribe import subscribe

    server.add("/blog", Route(b"<html><body>No link tags here</body></html>",
                              content_type="text/html"))
    server.add("/feed", Route(rss("Quiet Blog", [{"title": "Hello", "guid": "q1",
                                                  "link": server.url("/blog/1")}])))
    feed = subscribe(store, server.url("/blog"))
    assert feed.url == server.url("/feed")


def test_subscribe_to_a_page_without_feed_is_a_clear_error(server: Loopback, store: Store) -> None:
    from brief.subscribe import subscribe

    server.add("/plain", Route(b"<html><body>Nothing</body></html>", content_type="text/html"))
    with pytest.raises(ValueError, match="no feed found at"):
        subscribe(store, server.url("/plain"))
    with pytest.raises(ValueError, match="only http and https"):
        subscribe(store, "ftp://files.example/feed")
    assert store.feed_rows() == []


def test_feed_links_prefer_feeds_over_comment_feeds() -> None:
    from brief.discover import feed_links

    html = (b"<head><base href='https://site.example/news/'>"
            b"<link rel='alternate' type='application/atom+xml' title='Comments' href='c.atom'>"
            b"<link rel='alternate stylesheet' type='text/css' href='x.css'>"
            b"<link type='application/feed+json' rel='alternate' href='/feed.json'>"
            b"<link rel='alternate' type='application/rss+xml' href='rss.xml'></head>")
    assert [f.url for f in feed_links(html, "https://site.example/")] == [
        "https://site.example/news/rss.xml",
        "https://site.example/feed.json",
        "https://site.example/news/c.atom",
    ]


def test_script_only_and_empty_pages_keep_the_feed_text(server: Loopback, store: Store) -> None:
    server.add("/js/1", Route(b"<html><head><script>var a=1;" + b"x" * 5000 + b"</script></head>"
                              b"<body><script>render()</script></body></html>",
                              content_type="text/html"))
    server.add("/empty/1", Route(b"", content_type="text/html"))
    feed = rss("Odd Pages", [
        {"title": "Script page", "link": server.url("/js/1"), "guid": "o1",
         "description": "Tide tables for the week."},
        {"title": "Empty page", "link": server.url("/empty/1"), "guid": "o2",
         "description": "Harbour closed on Sunday."},
    ])
    store.add_feed(server.add("/odd.xml", Route(feed)))
    summary = refresh(store, articles=True, limits=FAST)
    assert summary.new_articles == 2 and summary.feeds_ok == 1
    texts = sorted(r["text"] for r in store.query("SELECT text FROM articles"))
    assert texts == ["Harbour closed on Sunday.", "Tide tables for the week."]


def test_progress_bar_on_a_terminal_and_summary_line(server: Loopback, store: Store) -> None:
    import io

    from rich.console import Console

    from brief.refresh import run_with_progress

    store.add_feed(summary_feed(server, "bar"))
    out = io.StringIO()
    summary = run_with_progress(store, articles=False, console=Console(file=out, force_terminal=True))
    assert summary.new_articles == 3
    assert str(summary).startswith("1 feeds ok, 0 unchanged, 0 failed; 3 new articles")
    assert summary.to_json()["new_articles"] == 3
    quiet = run_with_progress(store, articles=False, show_progress=False)
    assert quiet.feeds_unchanged == 0 and quiet.feeds_ok == 1  # no validators: fetched again


def test_untrusted_certificate_is_a_clear_tls_error(tmp_path: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a self-signed certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
         "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    with serve(tls=(str(cert), str(key))) as lb:
        url = lb.add("/feed.xml", Route(rss("Secure", [])))
        with pytest.raises(FetchError) as err:
            run(lambda f: f.get(url), FetchLimits(retries=0))
    assert err.value.message.startswith("TLS error with 127.0.0.1")
    assert "\n" not in err.value.message


# -- content decoding ----------------------------------------------------------------------------------


@pytest.mark.parametrize("coding", ["gzip", "deflate-zlib", "deflate-raw", "br", "identity"])
def test_every_content_encoding_decodes_within_the_cap(coding: str) -> None:
    import zlib

    import brotli

    from brief.fetch import _Decoder

    text = ("Quayside market reopens after the storm. " * 500).encode()
    wire = {
        "gzip": lambda: gzip.compress(text),
        "deflate-zlib": lambda: zlib.compress(text),
        "deflate-raw": lambda: zlib.compress(text)[2:-4],
        "br": lambda: brotli.compress(text),
        "identity": lambda: text,
    }[coding]()
    header = coding.split("-")[0]
    dec = _Decoder(header, limit=len(text))
    for i in range(0, len(wire), 100):  # arrives in small chunks
        dec.feed(wire[i:i + 100])
    assert dec.finish() == text
    small = _Decoder(header, limit=len(text) - 1)
    with pytest.raises(FetchError, match="response too large"):
        small.feed(wire)
        small.finish()


def test_unknown_or_corrupt_encodings_are_clear_errors() -> None:
    from brief.fetch import _Decoder

    with pytest.raises(FetchError, match="unsupported Content-Encoding: zstd"):
        _Decoder("zstd", 1000)
    dec = _Decoder("gzip", 1000)
    with pytest.raises(FetchError, match="corrupt gzip response body"):
        dec.feed(b"\x1f\x8b\x08\x00not really gzip at all")


@pytest.mark.parametrize("coding", ["gzip", "deflate", "br"])
def test_arbitrary_bytes_under_an_encoding_never_raise_anything_else(coding: str) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from brief.fetch import _Decoder

    @settings(max_examples=80, deadline=None)
    @given(st.lists(st.binary(max_size=64), max_size=5))
    def check(chunks: list[bytes]) -> None:
        dec = _Decoder(coding, 10_000)
        try:
            for c in chunks:
                dec.feed(c)
            assert len(dec.finish()) <= 10_000
        except FetchError:
            pass

    check()


def test_a_slow_server_is_not_retried(server: Loopback) -> None:
    limits = FetchLimits(read_timeout=0.3, total_timeout=5.0, retries=2, backoff=0.01)
    slow = server.add("/sluggish", Route(b"late", delay=1.0))
    with pytest.raises(FetchError):
        run(lambda f: f.get(slow), limits)
    assert len(server.hits("/sluggish")) == 1


def test_an_interrupted_refresh_loses_nothing(server: Loopback, db_path: Path) -> None:
    import signal
    import subprocess
    import sys

    from cache.store import open_store

    store = open_store(db_path)
    for f in range(6):
        items = [{"title": f"Pier report {f}-{i}", "link": server.url(f"/pier{f}/{i}"),
                  "guid": f"pier-{f}-{i}", "description": f"Short note {f} {i}."}
                 for i in range(5)]
        store.add_feed(server.add(f"/pier{f}.xml", Route(rss(f"Pier {f}", items), etag=f'"p{f}"')))
        for i in range(5):
            server.add(f"/pier{f}/{i}", Route(
                page(f"Pier report {f}-{i}", f"Report {f} {i} from the pier. " + WORDS),
                content_type="text/html", delay=0.8 if f >= 3 else 0.0))
    store.close()
    script = (
        "import sys\n"
        "from cache.store import open_store\n"
        "from brief.refresh import refresh\n"
        "try:\n"
        "    refresh(open_store(sys.argv[1]), articles=True)\n"
        "except KeyboardInterrupt:\n"
        "    pass\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(db_path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=30)
    store = open_store(db_path)
    assert store.integrity_ok()
    refresh(store, articles=True, limits=FAST)  # the next refresh completes the job
    urls = [r["url"] for r in store.query("SELECT url FROM articles")]
    assert len(urls) == 30 == len(set(urls))


def test_feed_links_never_raise_on_arbitrary_markup() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from brief.discover import feed_links

    tags = st.sampled_from([
        "<link rel='alternate' type='application/rss+xml' href='{}'>", "<base href='{}'>",
        "<link rel=alternate type=application/atom+xml href={}>", "<a href='{}'>", "{}",
    ])

    @settings(max_examples=150, deadline=None)
    @given(st.lists(st.tuples(tags, st.text(max_size=30)), max_size=6), st.binary(max_size=50))
    def check(parts: list[tuple[str, str]], noise: bytes) -> None:
        html = "".join(t.format(v) for t, v in parts).encode("utf-8", "surrogatepass") + noise
        for link in feed_links(html, "https://site.example/"):
            assert link.url.startswith(("http://", "https://"))

    check()


def test_after_a_refresh_every_story_shows_its_facts(server: Loopback, store: Store) -> None:
    """A refresh with many new stories computes their facts in the worker processes: when it
    returns, every story has its summary and key figures stored (none left for later)."""
    from brief.services import Library

    syllables = ["kal", "mor", "ves", "tin", "pra", "dul", "oth", "ren", "sab", "quo"]

    def word(i: int, j: int) -> str:  # invented words, different for every item
        return syllables[i] + syllables[(i + j) % 10] + syllables[(3 * i + 7 * j) % 10]

    items = [{"title": f"{word(i, 1).title()} {word(i, 2)} moves {12 + i} {word(i, 3)}",
              "link": server.url(f"/w/{i}"), "guid": f"w-{i}",
              "description": f"The {word(i, 4)} {word(i, 5)} moved {12 + i} {word(i, 3)} to "
                             f"{word(i, 6).title()} on Thursday, said {word(i, 7).title()} "
                             f"{word(i, 8).title()}. The {word(i, 9)} {word(i, 2)} follows."}
             for i in range(10)]
    store.add_feed(server.add("/words.xml", Route(rss("Words", items))))
    summary = refresh(store, articles=False, limits=FAST)
    assert summary.new_articles == len(items)
    assert store.stale_story_ids() == []
    lib = Library(store)
    stories = lib.stories("all")
    assert len(stories) >= 8  # enough for the facts to go to the worker processes
    for story in stories:
        facts = lib.story_facts(story.id)
        assert facts.summary
        assert any(f.value in range(12, 22) for f in facts.facts)
