"""Every real feed file goes through the fetcher from a loopback server (run by hand).

    python tests/bench/check_real_feeds.py [../shared/eval/feeds]

Each file is served from 127.0.0.1 and refreshed with ``brief.refresh.refresh`` (summaries
only: the entries link to the real web, which is not reachable from here). Checks that nothing
raises and that each feed either yields entries or has a stored, one-line error; prints one line
per feed, the parser that read it, and the time spent parsing with feedparser-rs and feedparser.
Exit status 1 if a check fails.
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from brief.feeds import FeedError, parse_feed  # noqa: E402
from brief.refresh import refresh  # noqa: E402
from cache.store import open_store  # noqa: E402
from tests.loopback import Route, serve  # noqa: E402


def main() -> int:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared/eval/feeds")
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.name != "LICENSE")
    if not files:
        print(f"no feed files in {folder}")
        return 1
    failures = 0
    with serve() as lb, tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "real.db")
        ids = {}
        for f in files:
            url = lb.add(f"/{f.name}", Route(f.read_bytes(), content_type="application/xml"))
            ids[f.name] = store.add_feed(url)
        start = time.perf_counter()
        try:
            summary = refresh(store, articles=False)
        except Exception as e:  # the check: this must never happen
            print(f"FAIL refresh raised {type(e).__name__}: {e}")
            return 1
        elapsed = time.perf_counter() - start
        for f in files:
            row = store.feed_row(ids[f.name])
            assert row is not None
            n = store.scalar("SELECT count(DISTINCT article_id) FROM article_sources WHERE feed_id = ?",
                             (row["id"],))
            try:
                parser = parse_feed(f.read_bytes()).parser
            except FeedError:
                parser = "-"
            error = row["last_error"]
            if n:
                status = f"ok   {n:4d} entries  ({parser})"
            elif error and "\n" not in error:
                status = f"err  stored: {error}"
            elif row["last_status"] == 200:
                status = f"ok      0 entries  ({parser}; a valid feed with no usable entries)"
            else:
                status = "FAIL no entries and no stored error"
                failures += 1
            print(f"{f.name[:34]:34s} {status}")
        print(f"\n{summary}  [{elapsed:.2f} s, {len(files)} feeds]")
        store.close()

    import feedparser
    import feedparser_rs

    datas = [f.read_bytes() for f in files]
    t = time.perf_counter()
    for d in datas:
        try:
            feedparser_rs.parse(d)
        except Exception:
            pass
    rs = time.perf_counter() - t
    t = time.perf_counter()
    for d in datas:
        feedparser.parse(io.BytesIO(d))
    fp = time.perf_counter() - t
    t = time.perf_counter()
    for d in datas:
        try:
            parse_feed(d)
        except FeedError:
            pass
    ours = time.perf_counter() - t
    print(f"parse time for {len(datas)} files: feedparser-rs {rs:.3f} s, feedparser {fp:.3f} s, "
          f"brief.feeds.parse_feed (rs + fallback + normalising) {ours:.3f} s")
    print("FAILED" if failures else "all feeds: entries or a stored, clear error; nothing raised")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
