"""The reader open while ``brief`` writes in another process.

The TUI's side is simulated by threads in this process doing what the reader does, through
``Library``: list stories, count, search, open a story's facts and articles, mark stories
read, and open fresh connections. Meanwhile a separate ``brief ingest`` process writes a
few hundred articles (and, in the second test, another writer process runs alongside it).
No reader call may fail (in particular no "database is locked"), no write may be lost,
and the longest wait any reader call had is reported.
"""

from __future__ import annotations

import json
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from brief.services import Library
from cache.store import BUSY_TIMEOUT_MS
from tests.test_crash import ROOT, brief_cmd, check_consistent, env, no_duplicates, write_jsonl

N = 250


class Reader(threading.Thread):
    """Does what the TUI does, in a loop, until told to stop."""

    def __init__(self, db: Path, stop: threading.Event, writes: bool) -> None:
        super().__init__(daemon=True)
        self.db, self.stop, self.writes = db, stop, writes
        self.errors: list[str] = []
        self.calls = 0
        self.slowest = 0.0
        self.slowest_by: dict[str, float] = {}
        self.marked: set[int] = set()

    def timed(self, fn: Any, *args: Any) -> Any:
        t = time.perf_counter()
        out = fn(*args)
        took = time.perf_counter() - t
        self.slowest = max(self.slowest, took)
        name = getattr(fn, "__name__", "?")
        self.slowest_by[name] = max(self.slowest_by.get(name, 0.0), took)
        self.calls += 1
        return out

    def run(self) -> None:
        try:
            lib = Library.open(self.db)
        except Exception as e:  # noqa: BLE001
            self.errors.append(f"open: {type(e).__name__}: {e}")
            return
        try:
            while not self.stop.is_set():
                try:
                    stories = self.timed(lambda: lib.stories("unread", limit=50))
                    self.timed(lib.counts)
                    self.timed(lib.search, "ferry harbour")
                    self.timed(lib.search, 'bridge AND "residents signed')  # FTS5 syntax error
                    for s in stories[:3]:
                        self.timed(lib.story_facts, s.id)
                        self.timed(lib.story_articles, s.id)
                    if self.writes and stories:
                        # marking a story read (its membership may be re-formed meanwhile by
                        # the writer's clustering), and reading one article (unambiguous)
                        self.timed(lib.set_story_read, stories[-1].id, True)
                        ids = lib.store.story_article_ids(stories[0].id)
                        if ids:
                            self.timed(lib.set_article_read, ids[0], True)
                            self.marked.add(ids[0])
                    fresh = self.timed(Library.open, self.db)  # the reader starting up
                    fresh.close()
                    time.sleep(0.02)  # a person reads between key presses
                except Exception as e:  # noqa: BLE001
                    self.errors.append(f"{type(e).__name__}: {e}")
                    if len(self.errors) > 20:
                        return
        finally:
            lib.close()


def start_readers(db: Path, n: int = 3) -> tuple[threading.Event, list[Reader]]:
    stop = threading.Event()
    readers = [Reader(db, stop, writes=(i == 0)) for i in range(n)]
    for r in readers:
        r.start()
    return stop, readers


def seed(db: Path, tmp_path: Path) -> None:
    first = write_jsonl(tmp_path / "seed.jsonl", 30, prefix="seed", seed=3)
    subprocess.run(brief_cmd(db, "ingest", str(first)), check=True, capture_output=True,
                   env=env(tmp_path), cwd=ROOT)


def test_reader_while_another_process_ingests(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    seed(db, tmp_path)
    big = write_jsonl(tmp_path / "big.jsonl", N)
    stop, readers = start_readers(db)
    try:
        done = subprocess.run(brief_cmd(db, "ingest", str(big), "--json"), capture_output=True,
                              text=True, env=env(tmp_path), cwd=ROOT, timeout=120)
    finally:
        time.sleep(0.2)
        stop.set()
        for r in readers:
            r.join(timeout=30)
    assert done.returncode == 0, done.stderr
    assert "locked" not in done.stderr
    assert json.loads(done.stdout)["new"] == N
    for r in readers:
        assert r.errors == [], r.errors[:3]
        assert r.calls > 20
    # no lost writes: every ingested article, and every story the reader marked read
    assert no_duplicates(db) == (N + 30, N + 30)
    lib = Library.open(db)
    try:
        marked = readers[0].marked
        assert marked
        unread = [a for a in marked if not (lib.store.article_row(a) or {}).get("read")]
        assert unread == []
    finally:
        lib.close()
    check_consistent(db)
    slowest = max(r.slowest for r in readers)
    by = {k: round(max(r.slowest_by.get(k, 0.0) for r in readers), 2)
          for k in readers[0].slowest_by}
    print(f"slowest reader call while ingest wrote: {slowest:.2f} s {by}")
    # reads never wait (WAL); a write (marking read) waits for the ingest's current batch
    # transaction, within the busy timeout, so the user never sees "database is locked"
    assert slowest < BUSY_TIMEOUT_MS / 1000


def test_two_writer_processes_and_a_reader(tmp_path: Path) -> None:
    db = tmp_path / "two.db"
    seed(db, tmp_path)
    a = write_jsonl(tmp_path / "a.jsonl", 120, prefix="a", seed=11)
    b = write_jsonl(tmp_path / "b.jsonl", 120, prefix="b", seed=12)
    stop, readers = start_readers(db, 2)
    try:
        procs = [subprocess.Popen(brief_cmd(db, "ingest", str(f)), env=env(tmp_path), cwd=ROOT,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for f in (a, b)]
        outs = [p.communicate(timeout=120) for p in procs]
    finally:
        stop.set()
        for r in readers:
            r.join(timeout=30)
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert "locked" not in err
    for r in readers:
        assert r.errors == [], r.errors[:3]
    assert no_duplicates(db) == (270, 270)
    check_consistent(db)


def test_reader_while_brief_fetch_writes(tmp_path: Path) -> None:
    """The case the reader meets daily: ``brief fetch`` in another terminal."""
    from cache.store import open_store
    from tests import faultserver as fsv
    from tests.test_crash import PARA_WORDS

    db = tmp_path / "fetch.db"
    seed(db, tmp_path)
    n_feeds, per_feed = 5, 40
    with fsv.serve() as fs:
        with open_store(db) as store:
            for i in range(n_feeds):
                items = [{"title": f"Feed {i} item {j}", "guid": f"f{i}-{j}",
                          "link": f"http://127.0.0.1/f{i}/{j}",
                          "description": f"Item {j} of feed {i}. " + PARA_WORDS[(i + j) % 10]}
                         for j in range(per_feed)]
                store.add_feed(fs.add(f"/f{i}.xml", fsv.respond(fsv.rss(f"Feed {i}", items))))
        stop, readers = start_readers(db)
        try:
            done = subprocess.run(brief_cmd(db, "fetch", "--no-articles", "--json"),
                                  capture_output=True, text=True, env=env(tmp_path), cwd=ROOT,
                                  timeout=120)
        finally:
            time.sleep(0.2)
            stop.set()
            for r in readers:
                r.join(timeout=30)
    assert done.returncode == 0, done.stderr
    assert "locked" not in done.stderr
    summary = json.loads(done.stdout)
    assert summary["feeds_ok"] == n_feeds and summary["new_articles"] == n_feeds * per_feed
    for r in readers:
        assert r.errors == [], r.errors[:3]
    print(f"slowest reader call while brief fetch wrote: {max(r.slowest for r in readers):.2f} s")
    marked = readers[0].marked
    assert marked
    lib = Library.open(db)
    try:
        assert all((lib.store.article_row(a) or {}).get("read") for a in marked)
        assert lib.counts().articles == 30 + n_feeds * per_feed
    finally:
        lib.close()
    check_consistent(db)
