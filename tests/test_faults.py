"""Hostile and broken servers, through the real refresh path (tests/faultserver.py, 127.0.0.1).

Every case runs the same way: two feeds are subscribed and refreshed once while both are
healthy; one article of the victim feed is marked read and starred; every stored row is
snapshotted. Then the victim feed's server turns hostile (or its content does), the healthy
feed gains two entries, and a second refresh runs under tracemalloc. Each case checks that

* the refresh returns (no exception) and the healthy feed gets its new articles,
* the victim's failure is stored on its feed (``feeds.last_error``) as one clear line, or
  its odd-but-usable content is stored sanely,
* nothing stored earlier changed (articles, their sources, read/starred state),
* the peak Python memory of the refresh stays bounded.

Set BRIEF_FAULT_REPORT=path to get a JSON list of (case, outcome, peak memory) for
docs/reliability.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from brief.fetch import FetchLimits
from brief.refresh import RefreshSummary, refresh
from brief.services import Library
from cache.store import Store, open_store
from tests import faultserver as fsv
from tests.faultserver import FaultServer

# Small timeouts and retry caps keep every case fast; the byte caps stay at their defaults.
FAST = FetchLimits(connect_timeout=2.0, read_timeout=0.5, total_timeout=2.0, retries=1,
                   backoff=0.01, max_retry_after=1.5)
MEMORY_LIMIT = 64 * 1024 * 1024  # peak Python allocations during one refresh
MARKER = "SECRET-LOCAL-FILE-7f3a9c"  # the content of a local file no feed may make us read

REPORT: list[dict[str, Any]] = []

PARA = ("The Wrenfield ferry board said on Monday that the evening crossing to Gull Island "
        "would run on a winter timetable from next week, after a survey of the slipway.")


def items(prefix: str, n: int, start: int = 0) -> list[dict[str, str]]:
    return [{"title": f"{prefix} report number {i}", "link": f"http://127.0.0.1/{prefix}/{i}",
             "guid": f"{prefix}-{i}", "description": f"{PARA} Item {i} of {prefix}.",
             "pubDate": "Mon, 16 Nov 2026 08:00:00 GMT"}
            for i in range(start, start + n)]


@pytest.fixture(scope="module", autouse=True)
def _write_report() -> Iterator[None]:
    yield
    path = os.environ.get("BRIEF_FAULT_REPORT")
    if path and REPORT:
        old = json.loads(Path(path).read_text()) if Path(path).exists() else []
        names = {r["case"] for r in REPORT}
        Path(path).write_text(json.dumps([r for r in old if r["case"] not in names] + REPORT,
                                         indent=1, ensure_ascii=False))


@pytest.fixture(scope="module")
def fs() -> Iterator[FaultServer]:
    with fsv.serve() as server:
        yield server


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    p = tmp_path / "secret.txt"
    p.write_text(MARKER + "\n", encoding="utf-8")
    return p


# -- the world each case runs in ------------------------------------------------------------------


@dataclass
class World:
    fs: FaultServer
    store: Store
    db: Path
    tag: str
    healthy: int
    victim: int
    victim_path: str
    before_articles: list[dict[str, Any]] = field(default_factory=list)
    before_sources: list[tuple[Any, ...]] = field(default_factory=list)
    flagged: int = 0

    def set_victim(self, fault: fsv.Fault) -> None:
        self.fs.add(self.victim_path, fault)

    def set_victim_url(self, url: str) -> None:
        self.store.update_feed(self.victim, url=url)

    def victim_row(self) -> dict[str, Any]:
        row = self.store.feed_row(self.victim)
        assert row is not None
        return row

    def victim_articles(self) -> list[dict[str, Any]]:
        return self.store.query(
            "SELECT a.* FROM articles a WHERE a.id IN (SELECT article_id FROM article_sources "
            "WHERE feed_id = ?) ORDER BY a.id", (self.victim,))

    def refresh(self, *, articles: bool = False, limits: FetchLimits = FAST
                ) -> tuple[RefreshSummary, int]:
        tracemalloc.start()
        try:
            summary = refresh(self.store, articles=articles, limits=limits)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        return summary, peak


@pytest.fixture
def world(fs: FaultServer, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[World]:
    tag = "t" + hashlib.sha1(request.node.nodeid.encode()).hexdigest()[:8]
    db = tmp_path / "faults.db"
    store = open_store(db)
    healthy_path, victim_path = f"/{tag}/healthy.xml", f"/{tag}/victim.xml"
    fs.add(healthy_path, fsv.respond(fsv.rss("Healthy Herald", items(f"{tag}-h", 3))))
    fs.add(victim_path, fsv.respond(fsv.rss("Victim Villager", items(f"{tag}-v", 2))))
    w = World(fs, store, db, tag, store.add_feed(fs.url(healthy_path)),
              store.add_feed(fs.url(victim_path)), victim_path)
    first = refresh(store, articles=False, limits=FAST)
    assert first.feeds_ok == 2 and first.new_articles == 5, first.errors
    lib = Library(store)
    w.flagged = w.victim_articles()[0]["id"]
    lib.set_article_read(w.flagged)
    lib.set_story_starred(int(store.article_row(w.flagged)["story_id"]), True)  # type: ignore[index]
    w.before_articles = store.query("SELECT * FROM articles ORDER BY id")
    w.before_sources = [tuple(r.values()) for r in
                        store.query("SELECT rowid, * FROM article_sources ORDER BY rowid")]
    # the healthy feed moves on: two new entries next time
    fs.add(healthy_path, fsv.respond(fsv.rss("Healthy Herald", items(f"{tag}-h", 5))))
    yield w
    store.close()


def check_world(w: World, summary: RefreshSummary, peak: int, case: str, *,
                error: str | None, what: str | None = None) -> dict[str, Any]:
    """The checks every case shares. ``error`` is a regex the stored error must match
    (None: the victim feed must have been read without error)."""
    row = w.victim_row()
    # the healthy feed got its new articles
    healthy = w.store.feed_row(w.healthy)
    assert healthy is not None and healthy["last_error"] is None
    n_healthy = w.store.scalar(
        "SELECT count(DISTINCT article_id) FROM article_sources WHERE feed_id = ?", (w.healthy,))
    assert n_healthy == 5, summary.errors
    # the victim's outcome, stored on its feed
    if error is None:
        assert row["last_error"] is None, row["last_error"]
    else:
        assert row["last_error"] is not None, "no error stored"
        assert re.search(error, row["last_error"]), row["last_error"]
        assert "\n" not in row["last_error"] and len(row["last_error"]) <= 500
        assert row["failures"] >= 1
        assert (w.store.feed_row(w.victim) or {})["url"]  # still subscribed
        assert any(u == row["url"] for u, _ in summary.errors)
    # nothing stored earlier changed (but the story it is filed under: clustering may re-form
    # stories as articles arrive, by design)
    after = {r["id"]: r for r in w.store.query("SELECT * FROM articles ORDER BY id")}
    for old in w.before_articles:
        new = after.get(old["id"])
        assert new is not None, f"article {old['id']} lost"
        assert {**new, "story_id": None} == {**old, "story_id": None}, f"article {old['id']} changed"
    sources = {t[0]: t for t in (tuple(r.values()) for r in
               w.store.query("SELECT rowid, * FROM article_sources ORDER BY rowid"))}
    for t in w.before_sources:
        assert sources.get(t[0]) == t
    flagged = after[w.flagged]
    assert flagged["read"] == 1 and flagged["starred"] == 1
    assert w.store.integrity_ok()
    # a feed can never make brief read a local file
    dump = "\n".join(w.store.conn.iterdump())
    assert MARKER not in dump
    # memory stayed bounded
    assert peak < MEMORY_LIMIT, f"peak {peak / 1e6:.1f} MB"
    outcome = what or (f"stored error: {row['last_error']}" if error else "read normally")
    record = {"case": case, "outcome": outcome, "peak_mb": round(peak / (1024 * 1024), 1),
              "status": row["last_status"], "gone": bool(row["gone"])}
    REPORT.append(record)
    return record


# -- network faults --------------------------------------------------------------------------------


def test_slower_than_the_read_timeout(world: World) -> None:
    world.set_victim(fsv.slow(fsv.respond(fsv.rss("Late", items("late", 1))), 1.2))
    summary, peak = world.refresh()
    check_world(world, summary, peak, "response slower than the read timeout",
                error=r"^127\.0\.0\.1 stopped responding \(nothing for 0\.5 s\)$")


def test_trickling_body_hits_the_total_deadline(world: World) -> None:
    world.set_victim(fsv.trickle(b"<!-- drip -->", count=100, interval=0.1))
    summary, peak = world.refresh(limits=replace(FAST, retries=0))
    check_world(world, summary, peak, "body trickled slower than the total deadline",
                error=r"^took longer than 2 s$")


def test_connection_reset_mid_body(world: World) -> None:
    body = fsv.rss("Reset", items("reset", 40))
    world.set_victim(fsv.reset_mid_body(body, after=len(body) // 3))
    summary, peak = world.refresh()
    check_world(world, summary, peak, "connection reset mid-body",
                error=r"^connection to 127\.0\.0\.1 broke off mid-response")


def test_not_http_at_all(world: World) -> None:
    world.set_victim(fsv.not_http())
    summary, peak = world.refresh()
    check_world(world, summary, peak, "server answers with bytes that are not HTTP",
                error=r"127\.0\.0\.1")


PROTOCOL_CASES = [
    ("body shorter than its Content-Length (clean close)",
     lambda: fsv.short_body(b"<rss><channel>", 5000), r"broke off mid-response"),
    ("1 MB of response headers", lambda: fsv.huge_headers(1 << 20),
     r"broke off mid-response|127\.0\.0\.1"),
    ("headers dripped one by one, never finished", lambda: fsv.slow_headers(100, 0.1),
     r"took longer than 2 s|stopped responding"),
    ("Content-Encoding: gzip on a plain body",
     lambda: fsv.respond(b"<rss>plain</rss>", headers={"Content-Encoding": "gzip"}),
     r"corrupt gzip response body|broke off"),
    ("unknown Content-Encoding", lambda: fsv.respond(b"\x28\xb5\x2f\xfd", headers={
        "Content-Encoding": "zstd-nonsense"}), r"unsupported Content-Encoding|broke off"),
    ("unassigned status HTTP 399 with a text body", lambda: fsv.status(399),
     r"not a usable feed|HTTP 399"),
]


@pytest.mark.parametrize(("case", "make", "error"), PROTOCOL_CASES,
                         ids=[c[0] for c in PROTOCOL_CASES])
def test_broken_http(world: World, case: str, make: Callable[[], fsv.Fault], error: str) -> None:
    world.set_victim(make())
    summary, peak = world.refresh(limits=replace(FAST, retries=0))
    check_world(world, summary, peak, case, error=error)


def test_dns_failure(world: World) -> None:
    world.set_victim_url("http://victim-feed.invalid/rss.xml")
    summary, peak = world.refresh()
    check_world(world, summary, peak, "DNS failure (.invalid host)",
                error=r"^DNS lookup failed for victim-feed\.invalid$")


def test_connection_refused(world: World) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    world.set_victim_url(f"http://127.0.0.1:{port}/feed.xml")
    summary, peak = world.refresh()
    check_world(world, summary, peak, "connection refused",
                error=r"^connection refused by 127\.0\.0\.1$")


def test_tls_error(world: World) -> None:
    world.set_victim_url(world.fs.url(world.victim_path, scheme="https"))
    summary, peak = world.refresh()
    check_world(world, summary, peak, "TLS error (https to a plain-http port)",
                error=r"^TLS error with 127\.0\.0\.1")


@pytest.mark.parametrize(
    ("code", "retry_after", "hits", "error"),
    [
        (429, None, 2, r"^HTTP 429 Too Many Requests$"),
        (429, "3600", 1, r"^HTTP 429 Too Many Requests \(server asks to retry after 3600 s\)$"),
        (500, None, 2, r"^HTTP 500 Internal Server Error$"),
        (500, "7200", 1, r"^HTTP 500 Internal Server Error \(server asks to retry after 7200 s\)$"),
        (503, None, 2, r"^HTTP 503 Service Unavailable$"),
        (503, "Wed, 21 Oct 2099 07:28:00 GMT", 1,
         r"^HTTP 503 Service Unavailable \(server asks to retry after \d+ s\)$"),
    ],
)
def test_server_errors_with_and_without_retry_after(
    world: World, code: int, retry_after: str | None, hits: int, error: str,
) -> None:
    world.set_victim(fsv.status(code, retry_after=retry_after))
    before = world.fs.count(world.victim_path)
    summary, peak = world.refresh()
    label = f"HTTP {code}" + (f" with Retry-After: {retry_after}" if retry_after
                              else " without Retry-After")
    check_world(world, summary, peak, label, error=error,
                what=f"stored error: {world.victim_row()['last_error']}; "
                     f"{hits} request{'s' * (hits > 1)} (retries only when worth waiting)")
    assert world.fs.count(world.victim_path) - before == hits
    assert world.victim_row()["gone"] == 0


def test_short_retry_after_is_waited_for_and_then_succeeds(world: World) -> None:
    good = fsv.respond(fsv.rss("Victim Villager", items(f"{world.tag}-v", 3)))
    world.set_victim(fsv.sequence(fsv.status(503, retry_after="1"), good))
    summary, peak = world.refresh()
    check_world(world, summary, peak, "HTTP 503 with Retry-After: 1, then 200", error=None,
                what="waited 1 s, retried once, stored the new entry")
    assert len(world.victim_articles()) == 3


@pytest.mark.parametrize(("code", "rest_days"), [(404, 1), (410, 7)])
def test_gone_feed_is_marked_and_checked_less_often(world: World, code: int,
                                                    rest_days: int) -> None:
    world.set_victim(fsv.status(code))
    summary, peak = world.refresh()
    check_world(world, summary, peak, f"HTTP {code}", error=rf"^HTTP {code} ",
                what=f"stored error: {world.victim_row()['last_error']}; feed marked gone; "
                     f"refreshes skip it for {rest_days} day{'s' * (rest_days > 1)}")
    assert world.victim_row()["gone"] == 1
    hits = world.fs.count(world.victim_path)

    def fetched_ago(days: float) -> None:
        when = datetime.now(UTC) - timedelta(days=days)
        world.store.update_feed(world.victim,
                                last_fetched=when.replace(microsecond=0).isoformat())

    again = refresh(world.store, articles=False, limits=FAST)
    assert again.skipped_gone == 1 and world.fs.count(world.victim_path) == hits
    fetched_ago(rest_days - 0.5)  # still resting
    again = refresh(world.store, articles=False, limits=FAST)
    assert again.skipped_gone == 1 and world.fs.count(world.victim_path) == hits
    # after its rest it is tried again; when it is back, the mark is cleared
    fetched_ago(rest_days + 0.1)
    world.set_victim(fsv.respond(fsv.rss("Victim Villager", items(f"{world.tag}-v", 2))))
    refresh(world.store, articles=False, limits=FAST)
    assert world.fs.count(world.victim_path) == hits + 1
    row = world.victim_row()
    assert row["gone"] == 0 and row["last_error"] is None


def test_redirect_loop(world: World) -> None:
    a, b = f"/{world.tag}/loop-a", f"/{world.tag}/loop-b"
    world.fs.add(a, fsv.redirect(b))
    world.fs.add(b, fsv.redirect(a))
    world.set_victim(fsv.redirect(a, 301))
    summary, peak = world.refresh()
    check_world(world, summary, peak, "redirect loop", error=r"^redirect loop at ")


def test_endless_redirect_chain(world: World) -> None:
    for i in range(20):
        world.fs.add(f"/{world.tag}/hop{i}", fsv.redirect(f"/{world.tag}/hop{i + 1}"))
    world.set_victim(fsv.redirect(f"/{world.tag}/hop0"))
    summary, peak = world.refresh()
    check_world(world, summary, peak, "endless redirect chain",
                error=r"^too many redirects \(more than 5\)$")


@pytest.mark.parametrize("scheme", ["file", "ftp", "data", "javascript", "gopher"])
def test_redirect_to_a_non_http_scheme(world: World, secret_file: Path, scheme: str) -> None:
    target = {
        "file": secret_file.as_uri(),
        "ftp": "ftp://127.0.0.1/feed.xml",
        "data": "data:text/xml;base64,PHJzcz48L3Jzcz4=",
        "javascript": "javascript:alert(1)",
        "gopher": "gopher://127.0.0.1:70/feed",
    }[scheme]
    world.set_victim(fsv.redirect(target))
    summary, peak = world.refresh()
    check_world(world, summary, peak, f"redirect to a {scheme}: URL",
                error=r"^refused redirect to (a|an invalid or) non-HTTP URL")


def test_feed_url_too_long_for_http(world: World) -> None:
    world.set_victim_url(world.fs.url("/" + "x" * 70_000))
    summary, peak = world.refresh()
    check_world(world, summary, peak, "subscription URL of 70 000 characters",
                error=r"^not a valid URL \(URL too long\)")


def test_feed_url_that_is_a_local_file(world: World, secret_file: Path) -> None:
    world.set_victim_url(secret_file.as_uri())
    summary, peak = world.refresh()
    check_world(world, summary, peak, "subscription URL is file:///…",
                error=r"only http and https")


# -- content faults --------------------------------------------------------------------------------


def _victim_feed(world: World, body: bytes, content_type: str = "application/rss+xml",
                 headers: dict[str, str] | None = None) -> None:
    world.set_victim(fsv.respond(body, content_type=content_type, headers=headers))


def test_invalid_xml(world: World) -> None:
    _victim_feed(world, b"<rss version='2.0'><channel><title>Broken</title><item><title>a</ti"
                        b"tle <<< & </item></rss>")
    summary, peak = world.refresh()
    row = world.victim_row()
    # a lenient parser may salvage the item; either way it is a clean outcome
    if row["last_error"] is None:
        check_world(world, summary, peak, "invalid XML", error=None,
                    what="salvaged what parsed")
    else:
        check_world(world, summary, peak, "invalid XML", error=r"^not a usable feed")


def test_truncated_xml_keeps_the_complete_items(world: World) -> None:
    body = fsv.rss("Victim Villager", items(f"{world.tag}-v", 6))
    _victim_feed(world, body[: int(len(body) * 0.7)])
    summary, peak = world.refresh()
    rec = check_world(world, summary, peak, "truncated XML (cut at 70%)", error=None,
                      what="the complete items before the cut are stored")
    titles = {r["title"] for r in world.victim_articles()}
    assert {f"{world.tag}-v report number {i}" for i in range(3)} <= titles
    assert rec["outcome"]


WRONG_OR_MISSING_CHARSET_CASES = [
    ("latin-1 without any declaration",
     "<rss version='2.0'><channel><title>Caf\xe9 Gazette</title><item><title>Cr\xe8me br\xfbl\xe9e "
     "festival opens</title><guid>enc-1</guid><description>Na\xefve art in the caf\xe9."
     "</description></item></channel></rss>".encode("latin-1"),
     "application/rss+xml", "Crème brûlée festival opens"),
    ("latin-1 body labelled utf-8 by the server",
     "<?xml version='1.0' encoding='iso-8859-1'?><rss version='2.0'><channel><title>T</title>"
     "<item><title>Se\xf1ora Mu\xf1oz wins the regatta</title><guid>enc-2</guid>"
     "<description>D\xe9j\xe0 vu at the harbour.</description></item></channel></rss>"
     .encode("latin-1"),
     "application/rss+xml; charset=utf-8", "Muñoz wins the regatta"),
    ("GB2312 declared in the prolog",
     "<?xml version='1.0' encoding='gb2312'?><rss version='2.0'><channel><title>新闻</title>"
     "<item><title>港口新渡轮今日启航</title><guid>enc-3</guid><description>渡轮公司表示"
     "</description></item></channel></rss>".encode("gb2312"),
     "text/xml", "港口新渡轮今日启航"),
    ("UTF-8 with a byte-order mark",
     b"\xef\xbb\xbf" + "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
     "<title>T</title><item><title>Zoë’s bakery reopens</title><guid>enc-4</guid>"
     "<description>Fresh bread again.</description></item></channel></rss>".encode(),
     "application/xml", "Zoë’s bakery reopens"),
    ("UTF-16 with a byte-order mark",
     "<?xml version='1.0' encoding='utf-16'?><rss version='2.0'><channel><title>T</title>"
     "<item><title>Łódź tram line extended</title><guid>enc-5</guid><description>Two new "
     "stops.</description></item></channel></rss>".encode("utf-16"),
     "application/xml", "Łódź tram line extended"),
    ("charset the server names does not exist",
     b"<rss version='2.0'><channel><title>T</title><item><title>Plain ascii headline"
     b"</title><guid>enc-6</guid><description>Body.</description></item></channel></rss>",
     "application/rss+xml; charset=x-no-such-charset", "Plain ascii headline"),
]


@pytest.mark.parametrize(
    ("case", "body", "content_type", "expect"),
    WRONG_OR_MISSING_CHARSET_CASES,
    ids=[c[0] for c in WRONG_OR_MISSING_CHARSET_CASES],
)
def test_wrong_or_missing_charset(world: World, case: str, body: bytes, content_type: str,
                                  expect: str) -> None:
    _victim_feed(world, body, content_type)
    summary, peak = world.refresh()
    check_world(world, summary, peak, case, error=None, what=f"read as {expect!r}")
    titles = [r["title"] for r in world.victim_articles()]
    assert any(expect in t for t in titles), titles


def test_billion_laughs_does_not_expand(world: World) -> None:
    ents = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{"&lol%s;" % ("" if i == 1 else i - 1) * 10}">' for i in range(1, 10)
    ]
    body = (f'<?xml version="1.0"?><!DOCTYPE rss [{"".join(ents)}]><rss version="2.0"><channel>'
            "<title>Laughs</title><item><title>&lol9;</title><guid>lol</guid>"
            "<description>&lol9;</description></item></channel></rss>").encode()
    _victim_feed(world, body)
    summary, peak = world.refresh()
    row = world.victim_row()
    if row["last_error"] is None:
        check_world(world, summary, peak, "billion laughs (entity expansion)", error=None,
                    what="DOCTYPE dropped; entities left unexpanded")
    else:
        check_world(world, summary, peak, "billion laughs (entity expansion)",
                    error=r"refused|not a usable feed")
    total = sum(len(r["title"]) + len(r["text"]) for r in world.victim_articles())
    assert total < 100_000
    assert peak < 32 * 1024 * 1024


XXE = {
    "external entity pointing at a local file":
        '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{uri}">]><rss version="2.0"><channel><title>X'
        "</title><item><title>Leak &xxe;</title><guid>xxe-1</guid><description>Body &xxe; here."
        "</description></item></channel></rss>",
    "DOCTYPE with a SYSTEM id that is a local file":
        '<!DOCTYPE rss SYSTEM "{uri}"><rss version="2.0"><channel><title>X</title><item>'
        "<title>Plain</title><guid>xxe-2</guid></item></channel></rss>",
    "parameter entity from a local file":
        '<!DOCTYPE rss [<!ENTITY % p SYSTEM "{uri}"> %p;]><rss version="2.0"><channel>'
        "<title>X</title><item><title>Plain</title><guid>xxe-3</guid></item></channel></rss>",
    "XInclude of a local file":
        '<rss version="2.0" xmlns:xi="http://www.w3.org/2001/XInclude"><channel><title>X</title>'
        '<item><title>Inc <xi:include href="{uri}" parse="text"/></title><guid>xxe-4</guid>'
        '<description><xi:include href="{uri}" parse="text"/></description></item></channel></rss>',
    "Atom with an external entity":
        '<!DOCTYPE feed [<!ENTITY x SYSTEM "{uri}">]><feed xmlns="http://www.w3.org/2005/Atom">'
        '<title>&x;</title><entry><id>xxe-5</id><title>E &x;</title><content type="html">&x;'
        "</content></entry></feed>",
}


@pytest.mark.parametrize("case", list(XXE), ids=list(XXE))
def test_external_entities_never_read_a_local_file(world: World, secret_file: Path,
                                                    case: str) -> None:
    body = ('<?xml version="1.0"?>' + XXE[case].format(uri=secret_file.as_uri())).encode()
    _victim_feed(world, body)
    summary, peak = world.refresh()
    row = world.victim_row()
    check_world(world, summary, peak, case,
                error=None if row["last_error"] is None else r".",
                what="not resolved; the file is never read (the entry is stored without it)"
                if row["last_error"] is None else None)


def test_gzip_bomb(world: World) -> None:
    world.set_victim(fsv.gzip_bomb(1 << 30))  # 1 GB of zeros in about 1 MB
    summary, peak = world.refresh()
    check_world(world, summary, peak, "gzip bomb (1 GB in 1 MB)",
                error=r"^response too large: more than 10 MB once decompressed$")


def test_fifty_megabytes_with_content_length(world: World) -> None:
    world.set_victim(fsv.stream(50 * 1024 * 1024))
    summary, peak = world.refresh()
    check_world(world, summary, peak, "50 MB response (Content-Length)",
                error=r"^response too large: 50 MB \(limit 10 MB\)$")


def test_fifty_megabytes_streamed_without_length(world: World) -> None:
    world.set_victim(fsv.stream(50 * 1024 * 1024, declare_length=False))
    summary, peak = world.refresh()
    check_world(world, summary, peak, "50 MB response (chunked, no length)",
                error=r"^response too large: more than 10 MB$")


CONTENT_THAT_IS_NOT_A_FEED_CASES = [
    ("PDF document", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n" + bytes(range(256)) * 8,
     "application/pdf", r"PDF"),
    ("binary data (octet-stream)", bytes(range(256)) * 64, "application/octet-stream",
     r"binary|not a usable feed"),
    ("PNG image", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 500, "image/png",
     r"binary|not a usable feed"),
    ("an HTML page that is all script",
     b"<!doctype html><html><head><script>" + b"var x = 1;" * 2000 +
     b"</script></head><body><script>boot()</script></body></html>",
     "text/html", r"HTML page"),
    ("empty body", b"", "application/rss+xml", r"^empty document"),
    ("whitespace only", b"   \n\n\t  ", "application/rss+xml", r"^empty document"),
    ("JSON that is not a JSON Feed", b'{"status": "ok", "data": [1, 2, 3]}',
     "application/json", r"JSON"),
    ("deeply nested XML", b"<rss><channel>" + b"<x>" * 200_000 + b"</x>" * 200_000 +
     b"</channel></rss>", "application/xml", r"."),
]


@pytest.mark.parametrize(
    ("case", "body", "content_type", "error"),
    CONTENT_THAT_IS_NOT_A_FEED_CASES,
    ids=[c[0] for c in CONTENT_THAT_IS_NOT_A_FEED_CASES],
)
def test_content_that_is_not_a_feed(world: World, case: str, body: bytes, content_type: str,
                                    error: str) -> None:
    _victim_feed(world, body, content_type)
    summary, peak = world.refresh()
    check_world(world, summary, peak, case, error=error)


def test_items_without_links_titles_or_dates(world: World) -> None:
    body = fsv.rss("Victim Villager", [
        {"description": "Harbour master Odile Brack said the lock gates will close at dusk."},
        {"title": "Only a title here"},
        {"link": "http://news.example/bare/only-a-link-story"},
        {"guid": "just-a-guid", "description": "Guid and text, nothing else."},
        {},  # an empty item: nothing to store
    ])
    _victim_feed(world, body)
    summary, peak = world.refresh()
    check_world(world, summary, peak, "items without links, titles or dates", error=None,
                what="stored with titles derived from text or URL; empty item skipped")
    titles = sorted(r["title"] for r in world.victim_articles())
    assert "Harbour master Odile Brack said the lock gates will close at dusk." in titles
    assert "Only a title here" in titles
    assert "Only a link story" in titles
    assert "Guid and text, nothing else." in titles
    assert all(t.strip() for t in titles)


def test_dates_far_in_the_future(world: World) -> None:
    body = fsv.rss("Victim Villager", [
        {"title": "Year 2999", "guid": "f1", "description": "Dated far ahead.",
         "pubDate": "Tue, 01 Jan 2999 00:00:00 GMT"},
        {"title": "Year 9999", "guid": "f2", "description": "At the end of time.",
         "pubDate": "9999-12-31T23:59:59Z"},
        {"title": "Year 99999", "guid": "f3", "description": "Out of range entirely.",
         "pubDate": "Sat, 01 Jan 99999 00:00:00 GMT"},
        {"title": "Nonsense date", "guid": "f4", "description": "Not a date at all.",
         "pubDate": "the day after tomorrow-ish"},
    ])
    _victim_feed(world, body)
    summary, peak = world.refresh()
    check_world(world, summary, peak, "dates far in the future or invalid", error=None,
                what="stored with no publish date (a future date is treated as unknown)")
    rows = [r for r in world.victim_articles() if r["title"].startswith(("Year", "Nonsense"))]
    assert len(rows) == 4
    now = datetime.now(UTC) + timedelta(days=3)
    for r in rows:
        assert r["published"] is None or datetime.fromisoformat(r["published"]) < now
    lib = Library(world.store)
    for s in lib.stories("all"):
        assert s.last_seen is None or s.last_seen < now


def test_duplicate_guids_are_stored_once(world: World) -> None:
    dup = [{"title": f"Copy {i} of the same entry", "guid": "same-guid",
            "description": f"Text of copy {i}."} for i in range(5)]
    _victim_feed(world, fsv.rss("Victim Villager", dup))
    summary, peak = world.refresh()
    check_world(world, summary, peak, "duplicate GUIDs (5 items, one GUID)", error=None,
                what="stored once")
    n = world.store.scalar("SELECT count(*) FROM article_sources WHERE feed_id = ? "
                           "AND external_id = 'same-guid'", (world.victim,))
    assert n == 1
    again = refresh(world.store, articles=False, limits=FAST)
    assert again.new_articles == 0


def test_enormous_titles_are_cut(world: World) -> None:
    huge = "Enormous " * 250_000  # 2.25 MB
    _victim_feed(world, fsv.rss(huge, [{"title": huge, "guid": "big-1",
                                        "description": "Short body."}]))
    summary, peak = world.refresh()
    check_world(world, summary, peak, "enormous titles (2 MB feed and item titles)", error=None,
                what="titles cut to 300 characters")
    row = next(r for r in world.victim_articles() if r["external_id"] == "big-1")
    assert 0 < len(row["title"]) <= 301
    assert len(world.victim_row()["title"] or "") <= 301


def test_links_to_local_files_and_scripts_are_never_followed(
    world: World, secret_file: Path,
) -> None:
    body = fsv.rss("Victim Villager", [
        {"title": "File link", "link": secret_file.as_uri(), "guid": "lnk-1",
         "description": "A link to a local file."},
        {"title": "Script link", "link": "javascript:alert(document.cookie)", "guid": "lnk-2",
         "description": "A script link."},
    ])
    _victim_feed(world, body)
    summary, peak = world.refresh(articles=True)
    check_world(world, summary, peak, "entry links to file:// and javascript:", error=None,
                what="links dropped; the feed's own text is stored; no page fetched")
    rows = {r["external_id"]: r for r in world.victim_articles()}
    assert rows["lnk-1"]["url"] is None and rows["lnk-2"]["url"] is None
    assert summary.pages_fetched == 0


# -- hostile article pages (full-text refresh) ------------------------------------------------------


def test_hostile_article_pages_keep_the_feed_text(world: World, secret_file: Path) -> None:
    t = world.tag
    pages: dict[str, tuple[fsv.Fault, str]] = {
        "script": (fsv.respond(b"<html><head><script>" + b"a();" * 5000 + b"</script></head>"
                               b"<body><script>b()</script></body></html>",
                               content_type="text/html"), "an all-script page"),
        "empty": (fsv.respond(b"", content_type="text/html"), "an empty page"),
        "pdf": (fsv.respond(b"%PDF-1.4\n" + b"\x00" * 1000, content_type="application/pdf"),
                "a PDF"),
        "bomb": (fsv.gzip_bomb(1 << 30), "a gzip bomb"),
        "huge": (fsv.stream(50 * 1024 * 1024, declare_length=False, content_type="text/html"),
                 "50 MB of HTML"),
        "tofile": (fsv.redirect(secret_file.as_uri()), "a redirect to file://"),
        "reset": (fsv.reset_mid_body(b"<html>" + b"x" * 50_000, 1000), "a reset connection"),
        "slow": (fsv.slow(fsv.respond(b"<html></html>", content_type="text/html"), 1.2),
                 "a page slower than the timeout"),
        "gone": (fsv.status(410), "HTTP 410"),
    }
    entries = []
    for name, (fault, label) in pages.items():
        url = world.fs.add(f"/{t}/page/{name}", fault)
        entries.append({"title": f"Page case {name}", "link": url, "guid": f"page-{name}",
                        "description": f"Feed text for the {name} case: {label}."})
    _victim_feed(world, fsv.rss("Victim Villager", entries))
    summary, peak = world.refresh(articles=True)
    check_world(world, summary, peak,
                "article pages: all-script, empty, PDF, gzip bomb, 50 MB, redirect to file://, "
                "reset, slow, 410", error=None,
                what="each article keeps the feed's own text; the feed is not failed")
    rows = {r["external_id"]: r for r in world.victim_articles()}
    for name, (_, label) in pages.items():
        assert rows[f"page-{name}"]["text"] == f"Feed text for the {name} case: {label}.", name
    assert summary.pages_failed >= 6


# -- several faults at once -------------------------------------------------------------------------


def test_many_hostile_feeds_in_one_refresh(fs: FaultServer, tmp_path: Path) -> None:
    store = open_store(tmp_path / "many.db")
    good = fs.add("/many/good.xml", fsv.respond(fsv.rss("Good", items("many-good", 4))))
    hostile: dict[str, Callable[[], fsv.Fault]] = {
        "slow": lambda: fsv.slow(fsv.respond(b""), 1.2),
        "reset": lambda: fsv.reset_mid_body(b"<rss>" + b" " * 10_000, 100),
        "bomb": lambda: fsv.gzip_bomb(1 << 30),
        "huge": lambda: fsv.stream(50 * 1024 * 1024, declare_length=False),
        "e500": lambda: fsv.status(500),
        "e404": lambda: fsv.status(404),
        "loop": lambda: fsv.redirect("/many/loop"),
        "pdf": lambda: fsv.respond(b"%PDF-1.4 x", content_type="application/pdf"),
        "html": lambda: fsv.respond(b"<html><body>hi</body></html>", content_type="text/html"),
        "garbage": lambda: fsv.not_http(),
    }
    ids = {name: store.add_feed(fs.add(f"/many/{name}", make())) for name, make in
           hostile.items()}
    fs.add("/many/loop", fsv.redirect("/many/loop"))
    good_id = store.add_feed(good)
    tracemalloc.start()
    try:
        summary = refresh(store, articles=False, limits=FAST)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert summary.feeds_ok == 1 and summary.feeds_failed == len(hostile)
    assert summary.new_articles == 4
    assert (store.feed_row(good_id) or {})["last_error"] is None
    for name, fid in ids.items():
        err = (store.feed_row(fid) or {})["last_error"]
        assert err and "\n" not in err, name
    assert peak < MEMORY_LIMIT
    REPORT.append({"case": "ten hostile feeds and one good feed in one refresh",
                   "outcome": "good feed stored 4 articles; each hostile feed has its own error",
                   "peak_mb": round(peak / (1024 * 1024), 1), "status": None, "gone": False})
    store.close()


# -- whole-process memory (C allocations too: lxml, zlib, feedparser-rs) -----------------------------

RSS_PROBE = r"""
import json, resource, sys
from brief.feeds import parse_feed
from brief.fetch import FetchLimits
from brief.refresh import clean_fragment, clean_page, refresh
from cache.store import open_store



def peak_kb():
    # VmHWM: this process image's peak resident set (ru_maxrss would carry the parent's
    # peak across fork and exec)
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


store = open_store(sys.argv[1])
parse_feed(b"<rss version='2.0'><channel><title>w</title><item><title>w</title></item></channel></rss>")
clean_page(b"<html><body><article><p>" + b"Warm up words for the extractor. " * 10
           + b"</p></article></body></html>", "utf-8", "http://localhost/w")
clean_fragment("<p>warm up</p>")
before = peak_kb()
summary = refresh(store, articles=sys.argv[2] == "pages", limits=FetchLimits(
    connect_timeout=2.0, read_timeout=0.5, total_timeout=2.0, retries=0, backoff=0.01))
after = peak_kb()
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"before_kb": before, "after_kb": after, "children_kb": children,
                  "failed": summary.feeds_failed, "ok": summary.feeds_ok,
                  "pages_failed": summary.pages_failed}))
"""


def test_peak_rss_of_a_hostile_refresh(fs: FaultServer, tmp_path: Path) -> None:
    """The same hostile feeds and pages, refreshed in a fresh process: its resident set (all
    allocations, not only Python's) grows by a bounded amount."""
    import subprocess
    import sys

    db = tmp_path / "rss.db"
    store = open_store(db)
    laughs = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + "a" * 100 + '">'
              + "".join(f'<!ENTITY a{i} "{"&a;" if i == 0 else f"&a{i - 1};" * 10}">'
                        for i in range(8)) + ']><rss version="2.0"><channel><title>L</title>'
              "<item><title>&a7;</title><guid>l</guid></item></channel></rss>").encode()
    hostile = {
        "bomb": fsv.gzip_bomb(1 << 30),
        "huge": fsv.stream(50 * 1024 * 1024, declare_length=False),
        "nested": fsv.respond(b"<rss><channel>" + b"<x>" * 300_000 + b"</x>" * 300_000
                              + b"</channel></rss>"),
        "laughs": fsv.respond(laughs),
        "titles": fsv.respond(fsv.rss("T" * 3_000_000, [
            {"title": "Enormous " * 300_000, "guid": "big"}])),
    }
    for name, fault in hostile.items():
        store.add_feed(fs.add(f"/rss/{name}.xml", fault))
    pages = {"pbomb": fsv.gzip_bomb(1 << 30),
             "phuge": fsv.stream(50 * 1024 * 1024, declare_length=False,
                                 content_type="text/html")}
    entries = [{"title": f"Page {n}", "link": fs.add(f"/rss/{n}", f), "guid": n,
                "description": f"Feed text for {n}."} for n, f in pages.items()]
    store.add_feed(fs.add("/rss/pages.xml", fsv.respond(fsv.rss("Pages", entries))))
    store.close()
    results = {}
    for mode in ("feeds", "pages"):
        out = subprocess.run([sys.executable, "-c", RSS_PROBE, str(db), mode], cwd=ROOT_DIR,
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr[-2000:]
        r = json.loads(out.stdout.strip().splitlines()[-1])
        assert (r["failed"], r["ok"]) == (3, 3)  # bomb, huge, nested fail; laughs, titles read
        growth_mb = (r["after_kb"] - r["before_kb"]) / 1024
        results[mode] = (growth_mb, r["after_kb"] / 1024, r["children_kb"] / 1024)
        assert growth_mb < 200, f"resident set grew by {growth_mb:.0f} MB"
    growth, peak, children = results["pages"]
    REPORT.append({"case": "peak resident set, whole process (5 hostile feeds + hostile pages)",
                   "outcome": f"grew {results['feeds'][0]:.0f} MB (feeds) / {growth:.0f} MB "
                              f"(with pages) over the warmed-up process; peak {peak:.0f} MB"
                              + (f"; cleaning workers peak {children:.0f} MB" if children else ""),
                   "peak_mb": round(peak, 1), "status": None, "gone": False})


ROOT_DIR = Path(__file__).resolve().parents[1]


# -- the disk fills up -------------------------------------------------------------------------------


def test_disk_full_loses_nothing_and_recovers(world: World) -> None:
    """SQLite's max_page_count stands in for a full disk: the refresh's writes fail."""
    big = [{"title": f"Long report {i}", "guid": f"{world.tag}-full-{i}",
            "link": f"http://127.0.0.1/full/{i}",
            "description": f"Report {i}. " + PARA * 40} for i in range(30)]
    world.set_victim(fsv.respond(fsv.rss("Victim Villager", items(f"{world.tag}-v", 2) + big)))
    pages = int(world.store.scalar("PRAGMA page_count"))
    world.store.conn.execute(f"PRAGMA max_page_count = {pages + 3}")
    summary, _ = world.refresh()
    assert summary.new_articles == 0
    errors = dict(summary.errors)
    assert any("full" in e for e in errors.values()), errors
    after = {r["id"]: r for r in world.store.query("SELECT * FROM articles")}
    assert len(after) == len(world.before_articles)  # nothing half-stored
    for old in world.before_articles:
        assert after[old["id"]] == old  # a failed batch moved nothing either
    assert world.store.integrity_ok()
    # space again: the next refresh stores everything (no validator was stored meanwhile)
    world.store.conn.execute("PRAGMA max_page_count = 1073741823")
    again = refresh(world.store, articles=False, limits=FAST)
    assert again.feeds_failed == 0, again.errors
    assert len(world.victim_articles()) == 32
    assert world.victim_row()["last_error"] is None
    REPORT.append({"case": "disk full while storing (SQLite max_page_count)",
                   "outcome": f"refresh completed; nothing stored, earlier rows unchanged; "
                              f"reported: {sorted(set(errors.values()))[0]}; the next refresh "
                              "with space stored all 32 entries",
                   "peak_mb": None, "status": None, "gone": False})


def test_a_feed_that_is_slow_to_parse_does_not_starve_the_others(
    fs: FaultServer, tmp_path: Path,
) -> None:
    """1.5 MB of items nested 110 deep: feedparser-rs refuses it, feedparser takes seconds. The
    healthy feeds, answering after 0.1-0.3 s with a 0.5 s read timeout, must not time out meanwhile."""
    import time

    item = (b"<item><title>deep</title><guid>%d</guid><x>" + b"<y>" * 110 + b"</y>" * 110
            + b"</x></item>")
    body = b"".join(item.replace(b"%d", str(i).encode()) for i in range(3 * 512 * 1024 // len(item)))
    store = open_store(tmp_path / "slowparse.db")
    deep = store.add_feed(fs.add("/slowparse/deep.xml", fsv.respond(
        b"<rss version='2.0'><channel><title>Deep</title>" + body + b"</channel></rss>")))
    healthy = [store.add_feed(fs.add(f"/slowparse/ok{i}.xml", fsv.slow(fsv.respond(
        fsv.rss("Ok", items(f"slowparse-{i}", 2))), 0.1 + 0.1 * i))) for i in range(3)]
    started = time.perf_counter()
    summary = refresh(store, articles=False, limits=FAST)
    took = time.perf_counter() - started
    for fid in healthy:
        assert (store.feed_row(fid) or {})["last_error"] is None, summary.errors
    deep_row = store.feed_row(deep) or {}
    assert deep_row["last_error"] is None or "\n" not in deep_row["last_error"]
    REPORT.append({"case": "a 1.5 MB feed nested 110 deep (slow to parse) beside 3 slow healthy feeds",
                   "outcome": f"parsed off the event loop; the healthy feeds, answering after "
                              f"0.1-0.3 s (read timeout 0.5 s), all stored; refresh {took:.1f} s",
                   "peak_mb": None, "status": None, "gone": False})
    store.close()


@pytest.mark.parametrize("charset", ["idna", "punycode", "undefined", "unicode_escape", "utf-16",
                                     "x-no-such-thing", "base64", "rot13"])
def test_article_page_with_a_hostile_charset(world: World, charset: str) -> None:
    page = (f'<html><head><meta charset="{charset}"><title>Gate</title></head><body><article>'
            "<h1>Sluice gate reopens</h1>" + "<p>The sluice gate at Fenwick reopened on Tuesday "
            "after repairs, the drainage board said, and caf\xe9 owners cheered. \\N{BEL}</p>" * 8
            + "</article></body></html>").encode("latin-1")
    url = world.fs.add(f"/{world.tag}/page", fsv.respond(page, content_type="text/html"))
    _victim_feed(world, fsv.rss("Victim Villager", [
        {"title": "Sluice gate reopens", "link": url, "guid": f"cs-{charset}",
         "description": "Feed text about the sluice gate."}]))
    summary, peak = world.refresh(articles=True)
    check_world(world, summary, peak, f"article page declaring charset {charset!r}", error=None,
                what="page read or the feed's own text kept; the feed is not failed")
    row = next(r for r in world.victim_articles() if r["external_id"] == f"cs-{charset}")
    assert "sluice gate" in row["text"].lower()
    assert "\x07" not in row["text"]


STRESS_PROBE = r"""
import json, sys
from brief.fetch import FetchLimits
from brief.refresh import refresh
from cache.store import open_store


def hwm():
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    return 0


store = open_store(sys.argv[1])
before = hwm()
s = refresh(store, articles=False, limits=FetchLimits(retries=0, read_timeout=5.0,
                                                      total_timeout=30.0, per_host=64))
errors = sorted({e.split(":")[0] for _, e in s.errors})
print(json.dumps({"before": before, "after": hwm(), "failed": s.feeds_failed, "errors": errors}))
"""


@pytest.mark.skipif(not os.environ.get("BRIEF_STRESS") or not Path("/proc/self/status").exists(),
                    reason="stress run: set BRIEF_STRESS=1 (Linux; needs about 1 GB of memory)")
@pytest.mark.parametrize("kind", ["50 MB bodies", "gzip bombs"])
def test_sixty_four_hostile_hosts_at_once(fs: FaultServer, tmp_path: Path, kind: str) -> None:
    """The worst case for memory: every slot of the global limit (64) busy with a hostile
    body at once (per-host limit raised to 64 to stand in for 64 different hosts)."""
    import subprocess
    import sys

    store = open_store(tmp_path / "stress.db")
    for i in range(64):
        fault = fsv.stream(50 * 1024 * 1024, declare_length=False) if kind == "50 MB bodies" \
            else fsv.gzip_bomb(1 << 30)
        store.add_feed(fs.add(f"/stress/{kind.split()[-1]}/{i}", fault))
    store.close()
    out = subprocess.run([sys.executable, "-c", STRESS_PROBE, str(tmp_path / "stress.db")],
                         cwd=ROOT_DIR, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    r = json.loads(out.stdout.strip().splitlines()[-1])
    assert r["failed"] == 64
    assert r["errors"] == ["response too large"], r["errors"]
    limits = FetchLimits()
    bound_mb = limits.concurrency * limits.max_bytes * 1.5 / (1024 * 1024) + 200
    assert r["after"] < bound_mb, r
    REPORT.append({"case": f"64 hostile hosts at once ({kind}; stress run)",
                   "outcome": f"all 64 refused; whole-process peak {r['after']} MB "
                              f"(from {r['before']} MB)", "peak_mb": float(r["after"]),
                   "status": None, "gone": False})
