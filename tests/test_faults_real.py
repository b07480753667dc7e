"""Real feed files, mangled the ways broken servers and proxies mangle them.

Reads the real feed files in ``../shared/eval/feeds`` (skipped when that folder is absent, as on
a fresh clone; the files are read at run time, never copied). Each file is cut short, cut
mid-character, overwritten with random bytes from 60 % on, given a lying encoding, a BOM, a NUL,
doubled, or served gzip-compressed without saying so. ``parse_feed`` must raise nothing but
``FeedError`` and what it returns must keep its invariants; a refresh of every truncated file
from the fault server must complete with entries or a stored one-line error per feed.
"""

from __future__ import annotations

import gzip
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from brief.feeds import FeedError, parse_feed
from brief.refresh import refresh
from cache.store import open_store
from tests import faultserver as fsv
from tests.test_faults import FAST

FEEDS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "feeds"
FILES = sorted(p for p in FEEDS.glob("*") if p.is_file() and p.name != "LICENSE") \
    if FEEDS.is_dir() else []

pytestmark = pytest.mark.skipif(not FILES, reason="../shared/eval/feeds is not here")


def _garble(data: bytes) -> bytes:
    rng = random.Random(len(data))
    cut = int(len(data) * 0.6)
    return data[:cut] + bytes(rng.randrange(256) for _ in range(min(len(data) - cut, 20_000)))


def _utf16_lie(data: bytes) -> bytes:
    return data.decode("utf-8", "replace").encode("utf-16-le")  # no BOM, prolog says utf-8


MANGLES: dict[str, Callable[[bytes], bytes]] = {
    "cut in half": lambda d: d[: len(d) // 2],
    "cut 7 bytes short": lambda d: d[:-7],
    "random bytes from 60%": _garble,
    "UTF-16 under a UTF-8 prolog": _utf16_lie,
    "BOM added": lambda d: b"\xef\xbb\xbf" + d,
    "NUL in the middle": lambda d: d[: len(d) // 2] + b"\x00" + d[len(d) // 2:],
    "document twice": lambda d: d + d,
    "gzip without Content-Encoding": gzip.compress,
}


@pytest.mark.parametrize("mangle", list(MANGLES), ids=list(MANGLES))
def test_mangled_real_feeds_raise_only_feed_error(mangle: str) -> None:
    outcomes = {"entries": 0, "errors": 0}
    for f in FILES:
        data = MANGLES[mangle](f.read_bytes())
        try:
            parsed = parse_feed(data, "http://127.0.0.1/feed")
        except FeedError as e:
            assert str(e) and "\n" not in str(e), f.name
            outcomes["errors"] += 1
            continue
        ids = [e.external_id for e in parsed.entries]
        assert len(ids) == len(set(ids)), f.name
        for e in parsed.entries:
            assert e.title and len(e.title) <= 301, f.name
            assert e.url is None or e.url.startswith(("http://", "https://")), f.name
        outcomes["entries"] += 1
    assert outcomes["entries"] + outcomes["errors"] == len(FILES)


def test_refresh_of_every_truncated_real_feed(tmp_path: Path) -> None:
    store = open_store(tmp_path / "real.db")
    with fsv.serve() as fs:
        ids = {}
        for f in FILES:
            data = f.read_bytes()
            ids[f.name] = store.add_feed(fs.add(f"/real/{f.name}",
                                                fsv.respond(data[: int(len(data) * 0.55)])))
        summary = refresh(store, articles=False, limits=FAST)
    assert summary.feeds_ok + summary.feeds_failed == len(FILES)
    with_entries = 0
    for name, fid in ids.items():
        row = store.feed_row(fid)
        assert row is not None
        n = store.scalar("SELECT count(*) FROM article_sources WHERE feed_id = ?", (fid,))
        if row["last_error"]:
            assert "\n" not in row["last_error"], name
        else:
            assert row["last_status"] == 200, name
            with_entries += n > 0
    assert with_entries >= len(FILES) // 2  # most feeds keep the items before the cut
    assert store.integrity_ok()
    store.close()
