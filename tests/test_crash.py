"""kill -9 in the middle of a large ingest and of a refresh loses nothing.

A real ``brief`` process (``python -m brief.cli``) is killed with SIGKILL once it has
committed part of its work. Afterwards: ``PRAGMA integrity_check`` (and the FTS index's own
check) is ok, read/starred state set before the crash is intact, and running the same
command again completes and creates no duplicates.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from brief.services import Library
from cache.store import open_store
from tests import faultserver as fsv

ROOT = Path(__file__).resolve().parents[1]

TOWNS = ["Ashcombe", "Brindle", "Corvey", "Dunmere", "Elsworth", "Farrow", "Glenmoor",
         "Hartwell", "Islay Cross", "Jessop"]
THINGS = ["bridge", "library", "ferry", "school", "market", "harbour", "clinic", "railway",
          "park", "reservoir"]
VERBS = ["approved", "delayed", "reopened", "closed", "expanded", "inspected", "funded", "sold",
         "rebuilt", "cancelled"]


PARA_WORDS = [
    f"The {thing} in {town} was {verb} after a long public meeting on a wet evening, and "
    f"officials said more work on the {thing} would follow in the spring."
    for thing, town, verb in zip(THINGS, TOWNS, VERBS, strict=True)
]


def record(i: int, rng: random.Random, prefix: str = "gen") -> dict[str, str]:
    paras = [" ".join(
        f"The {rng.choice(THINGS)} in {rng.choice(TOWNS)} was {rng.choice(VERBS)} on day "
        f"{rng.randint(1, 28)} after {rng.randint(2, 900)} residents signed a letter."
        for _ in range(3)) for _ in range(4)]
    return {"id": f"{prefix}-{i}",
            "title": f"{rng.choice(TOWNS)} {rng.choice(THINGS)} {rng.choice(VERBS)} (item {i})",
            "text": "\n\n".join(paras), "source": f"Outlet {i % 7}",
            "published": f"2026-11-{1 + i % 20:02d}T08:00:00Z"}


def write_jsonl(path: Path, n: int, prefix: str = "gen", seed: int = 7) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(record(i, rng, prefix)) + "\n")
    return path


def brief_cmd(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "brief.cli", "--db", str(db), *args]


def env(tmp_path: Path) -> dict[str, str]:
    e = dict(os.environ)
    e["HOME"] = str(tmp_path / "home")
    e["XDG_DATA_HOME"] = str(tmp_path / "home" / "data")
    e.pop("BRIEF_DB", None)
    return e


def count_articles(db: Path) -> int:
    """Committed articles, read by a separate connection (as another process would)."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return 0
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0
    finally:
        conn.close()


def kill_when(proc: subprocess.Popen[bytes], db: Path, at_least: int, extra: float,
              timeout: float = 60.0) -> int:
    """SIGKILL ``proc`` (and its workers) ``extra`` seconds after ``at_least`` articles are
    committed. Returns the count seen at the moment of the kill."""
    deadline = time.monotonic() + timeout
    while count_articles(db) < at_least:
        if proc.poll() is not None:
            pytest.fail(f"the process finished before it could be killed (rc={proc.returncode})")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("no progress before the deadline")
        time.sleep(0.05)
    time.sleep(extra)
    seen = count_articles(db)
    os.killpg(proc.pid, signal.SIGKILL)  # the process group we started: brief and its workers
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    return seen


def check_consistent(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        orphans = conn.execute(
            "SELECT count(*) FROM articles WHERE story_id IS NULL OR story_id NOT IN "
            "(SELECT id FROM stories)").fetchone()[0]
        assert orphans == 0
        wrong = conn.execute(
            "SELECT count(*) FROM stories s WHERE size != (SELECT count(*) FROM articles a "
            "WHERE a.story_id = s.id)").fetchone()[0]
        assert wrong == 0
    finally:
        conn.close()


def no_duplicates(db: Path) -> tuple[int, int]:
    conn = sqlite3.connect(db)
    try:
        total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        distinct = conn.execute(
            "SELECT count(DISTINCT coalesce(external_id, url)) FROM articles").fetchone()[0]
        return int(total), int(distinct)
    finally:
        conn.close()


def mark_state(db: Path) -> tuple[int, int]:
    """Mark one stored article read and its story starred; return (article id, story id)."""
    with open_store(db) as store:
        lib = Library(store)
        row = store.query("SELECT id, story_id FROM articles ORDER BY id LIMIT 1")[0]
        lib.set_article_read(row["id"])
        lib.set_story_starred(row["story_id"], True)
        return int(row["id"]), int(row["story_id"])


def state_intact(db: Path, article_id: int, story_id: int) -> None:
    """The article is still read and starred, and so is the story it is in now (clustering
    may re-form stories as articles arrive: state lives on the articles)."""
    with open_store(db) as store:
        row = store.article_row(article_id)
        assert row is not None and row["read"] == 1 and row["starred"] == 1
        story = store.story_row(int(row["story_id"]))
        assert story is not None and story["starred"] == 1


def test_kill_9_during_a_large_ingest(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    early = write_jsonl(tmp_path / "early.jsonl", 3, prefix="early", seed=1)
    subprocess.run(brief_cmd(db, "ingest", str(early)), check=True, capture_output=True,
                   env=env(tmp_path), cwd=ROOT)
    article_id, story_id = mark_state(db)
    big = write_jsonl(tmp_path / "big.jsonl", 600)
    proc = subprocess.Popen(brief_cmd(db, "ingest", str(big)), env=env(tmp_path), cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    seen = kill_when(proc, db, at_least=4, extra=0.4)
    print(f"ingest killed with {seen} of 603 articles committed")
    assert 3 < seen < 603  # killed part-way: some batches committed, not all
    check_consistent(db)
    state_intact(db, article_id, story_id)
    # the same command again completes, and nothing is stored twice
    done = subprocess.run(brief_cmd(db, "ingest", str(big), "--json"), capture_output=True,
                          env=env(tmp_path), cwd=ROOT, text=True)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["new"] + report["duplicates"] == 600
    assert report["new"] == 603 - seen
    assert no_duplicates(db) == (603, 603)
    check_consistent(db)
    state_intact(db, article_id, story_id)


def test_kill_9_during_a_refresh(tmp_path: Path) -> None:
    db = tmp_path / "refresh.db"
    n_feeds, per_feed = 6, 12
    with fsv.serve() as fs:
        def article_page(i: int, j: int) -> fsv.Fault:
            body = (f"<html><head><title>Feed {i} story {j}</title></head><body><article>"
                    f"<h1>Feed {i} story {j}</h1>" + "".join(
                        f"<p>Paragraph {k} of story {j} from feed {i}: the {THINGS[(j + k) % 10]}"
                        f" in {TOWNS[(i + k) % 10]} was {VERBS[(i * j + k) % 10]} after a long "
                        "public meeting in the town hall on a wet evening.</p>"
                        for k in range(6)) + "</article></body></html>").encode()
            return fsv.slow(fsv.respond(body, content_type="text/html"), 0.15 + 0.05 * (j % 4))

        ids = []
        with open_store(db) as store:
            for i in range(n_feeds):
                entries = []
                for j in range(per_feed):
                    url = fs.add(f"/f{i}/s{j}", article_page(i, j))
                    entries.append({"title": f"Feed {i} story {j}", "link": url,
                                    "guid": f"f{i}-s{j}", "description": f"Summary {i}.{j}."})
                ids.append(store.add_feed(fs.add(f"/f{i}.xml",
                                                 fsv.respond(fsv.rss(f"Feed {i}", entries)))))
            # a first refresh; one of its articles is then read and starred
            subprocess.run(brief_cmd(db, "fetch"), check=True, capture_output=True,
                           env=env(tmp_path), cwd=ROOT)
        assert count_articles(db) == n_feeds * per_feed
        article_id, story_id = mark_state(db)
        # every feed gains new entries; the refresh fetching them is killed part-way
        with open_store(db) as store:
            for i in range(n_feeds):
                entries = []
                for j in range(per_feed, 3 * per_feed):
                    url = fs.add(f"/f{i}/s{j}", article_page(i, j))
                    entries.append({"title": f"Feed {i} story {j}", "link": url,
                                    "guid": f"f{i}-s{j}", "description": f"Summary {i}.{j}."})
                # with an ETag: had the refresh stored it before the feed's articles were
                # committed, the run after the crash would get a 304 and lose those entries
                fs.add(f"/f{i}.xml", fsv.conditional(fsv.rss(f"Feed {i}", entries), f'"v2-{i}"'))
        before = count_articles(db)
        proc = subprocess.Popen(brief_cmd(db, "fetch"), env=env(tmp_path), cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        seen = kill_when(proc, db, at_least=before + 1, extra=0.2)
        total = n_feeds * 3 * per_feed
        print(f"refresh killed with {seen} of {total} articles committed")
        assert before < seen < total
        check_consistent(db)
        state_intact(db, article_id, story_id)
        with open_store(db) as store:
            stored_etags = int(store.scalar("SELECT count(*) FROM feeds WHERE etag LIKE '\"v2-%'"))
        print(f"{stored_etags} feeds had their new ETag stored at the kill")
        done = subprocess.run(brief_cmd(db, "fetch", "--json"), capture_output=True, text=True,
                              env=env(tmp_path), cwd=ROOT)
        assert done.returncode == 0, done.stderr
        summary = json.loads(done.stdout)
        assert summary["feeds_failed"] == 0, summary["errors"]
        assert summary["feeds_unchanged"] == stored_etags  # stored before the kill: 304 now
    assert no_duplicates(db) == (total, total)
    check_consistent(db)
    state_intact(db, article_id, story_id)


def test_ctrl_c_during_a_refresh(tmp_path: Path) -> None:
    """SIGINT to the whole process group, as a terminal sends it: one line, status 130, no
    traceback from brief or its cleaning workers, nothing half-stored."""
    db = tmp_path / "ctrlc.db"
    with fsv.serve() as fs:
        with open_store(db) as store:
            for i in range(4):
                entries = []
                for j in range(15):
                    body = (f"<html><body><article><h1>Feed {i} story {j}</h1>" + "".join(
                        f"<p>Story {j} of feed {i}, paragraph {k}: the {THINGS[(i + j + k) % 10]} "
                        f"in {TOWNS[(i * j + k) % 10]} was {VERBS[(j + k) % 10]} after a meeting."
                        "</p>" for k in range(6)) + "</article></body></html>").encode()
                    url = fs.add(f"/c{i}/s{j}", fsv.slow(fsv.respond(body, content_type="text/html"),
                                                         0.2))
                    entries.append({"title": f"Feed {i} story {j}", "link": url,
                                    "guid": f"c{i}-{j}", "description": f"Summary {i}.{j}."})
                store.add_feed(fs.add(f"/c{i}.xml", fsv.respond(fsv.rss(f"Feed {i}", entries))))
        proc = subprocess.Popen(brief_cmd(db, "fetch"), env=env(tmp_path), cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        deadline = time.monotonic() + 60
        while count_articles(db) < 1 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.2)
        os.killpg(proc.pid, signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            pytest.fail("brief fetch did not stop within 30 s of Ctrl-C")
        assert proc.returncode == 130, err
        lines = [ln for ln in err.splitlines() if ln.strip()]
        assert lines in (["brief: aborted"], ["brief: interrupted"]), err
        check_consistent(db)
        done = subprocess.run(brief_cmd(db, "fetch", "--json"), capture_output=True, text=True,
                              env=env(tmp_path), cwd=ROOT)
        assert done.returncode == 0, done.stderr
    assert no_duplicates(db) == (60, 60)
    check_consistent(db)
