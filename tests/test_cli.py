"""The CLI contract: command names, JSON fields, exit codes and one-line errors."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from brief.cli import parse_duration
from tests.cli_helpers import run_cli

FLOOD_A = """River Alder bursts its banks in Millbrook

The River Alder overflowed on Tuesday night and flooded at least 140 homes in Millbrook, the town council said on Wednesday.

"We have never seen the water rise this quickly," said council leader Priya Venn. Emergency crews moved 300 residents to the sports hall on Dunmore Road.

The Alder reached 4.2 metres at the Kestrel Bridge gauge, the highest level since records began in 1961, according to the regional water agency.

Read More: Local bakery wins regional prize

Forecasters expect more rain on Friday. Schools in the valley will stay closed until Monday, the education office said.

Share this article
"""

FLOOD_B = """Hundreds leave homes as Alder floods Millbrook

Floodwater from the River Alder swept into Millbrook late on Tuesday, damaging about 150 homes, officials said.

"The water came up faster than anyone expected," council leader Priya Venn told reporters at the sports hall, where 300 residents spent the night.

The regional water agency said the river peaked at 4.2 metres at Kestrel Bridge. Rain is forecast again for Friday, and valley schools remain shut until Monday.

Leave a Comment
Your email address will not be published. Required fields are marked *
"""

BUDGET = """Harlow council passes budget after long night

Harlow's council approved a 48 million pound budget for next year in a late-night vote on Thursday, ending weeks of argument over library closures.

"This budget protects the services people rely on most," said finance chair Omar Lind. Opposition members said the cuts to library hours would hurt older residents.

The plan raises parking charges by 5 percent and keeps all six branch libraries open, with shorter hours at three of them.

Subscribe to our newsletter for the latest local news.
"""


run = run_cli


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "flood-a.txt").write_text(FLOOD_A, encoding="utf-8")
    (d / "flood-b.txt").write_text(FLOOD_B, encoding="utf-8")
    (d / "budget.txt").write_text(BUDGET, encoding="utf-8")
    return d


def test_help_for_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    for cmd in (["--help"], ["demo", "--help"], ["add", "--help"], ["remove", "--help"],
                ["feeds", "--help"], ["opml", "import", "--help"], ["opml", "export", "--help"],
                ["fetch", "--help"], ["ingest", "--help"], ["clean", "--help"],
                ["stories", "--help"], ["show", "--help"], ["search", "--help"],
                ["export", "--help"], ["briefing", "--help"], ["story", "merge", "--help"],
                ["story", "move", "--help"]):
        code, out, _ = run(cmd, capsys)
        assert code == 0 and "Usage:" in out, cmd


@pytest.mark.parametrize("args, needle", [
    (["nosuchcommand"], "No such command"),
    (["ingest", "/nonexistent/file.txt"], "no such file"),
    (["clean", "/nonexistent/file.txt"], "no such file"),
    (["ingest", "ftp://example.org/x"], "only http(s)"),
    (["stories", "--since", "soon"], "invalid duration"),
    (["show", "notanumber"], "not a valid integer"),
    (["show", "999"], "no story 999"),
    (["add", "not a url"], "not an http(s) URL"),
    (["opml", "import", "/nonexistent.opml"], "No such file"),
    (["remove", "nothing-here"], "no such feed"),
    (["ingest", "x.txt", "--published", "someday"], "invalid --published"),
])
def test_bad_input_is_one_line_and_status_2(
    args: list[str], needle: str, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["--db", str(db_path), *args], capsys)
    assert code == 2
    assert len(err.strip().splitlines()) == 1, err
    assert needle.lower() in err.lower()
    assert "Traceback" not in err


def test_unreadable_database_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 500)
    code, _, err = run(["--db", str(bad), "stories"], capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert bad.read_bytes() == b"garbage" * 500


def test_db_from_environment(tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    env_db = tmp_path / "env.db"
    monkeypatch.setenv("BRIEF_DB", str(env_db))
    code, _, err = run(["ingest", str(corpus / "budget.txt")], capsys)
    assert code == 0, err
    assert env_db.exists()


def test_parse_duration() -> None:
    assert parse_duration("90m").total_seconds() == 5400
    assert parse_duration("1d12h").total_seconds() == 36 * 3600
    assert parse_duration("2w").days == 14


def test_ingest_stories_show_export_search(
    corpus: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(db_path)]
    code, out, err = run([*db, "ingest", str(corpus), "--published", "2026-11-19T08:00:00+00:00",
                          "--source", "Valley Post"], capsys)
    assert code == 0, err
    assert "3 new articles" in out

    code, out, _ = run([*db, "stories", "--json"], capsys)
    stories = [json.loads(line) for line in out.splitlines()]
    assert {"id", "headline", "size", "sources", "first_seen", "last_seen",
            "article_ids"} <= set(stories[0])
    sizes = sorted(s["size"] for s in stories)
    assert sizes == [1, 2], stories  # the two flood reports are one story, the budget another
    flood = next(s for s in stories if s["size"] == 2)

    code, out, _ = run([*db, "show", str(flood["id"]), "--json"], capsys)
    shown = json.loads(out)
    assert {"id", "headline", "summary", "articles", "facts", "quotes", "timeline",
            "conflicts"} <= set(shown)
    assert {"id", "external_id", "title", "source", "url", "published"} <= set(shown["articles"][0])
    assert {a["external_id"] for a in shown["articles"]} == {"flood-a.txt", "flood-b.txt"}
    assert "Millbrook" in shown["headline"]

    code, out, _ = run([*db, "show", str(flood["id"])], capsys)
    assert code == 0 and "Millbrook" in out

    code, out, _ = run([*db, "export"], capsys)
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 3
    assert {"id", "external_id", "url", "title", "source", "published", "story_id",
            "duplicate_of", "text"} <= set(rows[0])
    # the cleaner ran: boilerplate is gone from what was stored
    assert all("Share this article" not in r["text"] and "Leave a Comment" not in r["text"]
               for r in rows)

    code, out, _ = run([*db, "search", "libraries", "--json"], capsys)
    hits = [json.loads(line) for line in out.splitlines()]
    assert [h["title"] for h in hits] == ["Harlow council passes budget after long night"]

    code, out, _ = run([*db, "briefing", "--all"], capsys)
    assert code == 0 and out.startswith("# Briefing") and "Millbrook" in out


def test_ingest_again_creates_no_duplicates(
    corpus: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(db_path)]
    run([*db, "ingest", str(corpus)], capsys)
    code, out, _ = run([*db, "ingest", str(corpus)], capsys)
    assert code == 0 and "0 new articles" in out
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3


def test_jsonl_bad_line_reported_good_lines_kept(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "records.jsonl"
    f.write_text(
        json.dumps({"id": "r1", "title": "Budget vote", "text": BUDGET.split("\n", 2)[2],
                    "published": "2026-11-20T10:00:00Z", "source": "Harlow Echo"}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "r3", "title": "Flood", "text": FLOOD_B.split("\n", 2)[2]}) + "\n",
        encoding="utf-8",
    )
    code, out, err = run(["--db", str(db_path), "ingest", str(f)], capsys)
    assert code == 0
    assert "records.jsonl:2" in err
    assert "2 new articles" in out
    code, out, _ = run(["--db", str(db_path), "export"], capsys)
    rows = {r["external_id"]: r for r in map(json.loads, out.splitlines())}
    assert set(rows) == {"r1", "r3"}
    assert rows["r1"]["source"] == "Harlow Echo"
    assert rows["r1"]["published"].startswith("2026-11-20T10:00")


def test_clean_json_lists_removals_with_reasons(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["clean", str(corpus / "flood-a.txt"), "--json"], capsys)
    assert code == 0
    obj = json.loads(out)
    assert {"path", "title", "byline", "published", "site", "lang", "text", "removed"} <= set(obj)
    assert obj["title"] == "River Alder bursts its banks in Millbrook"
    assert "Read More" not in obj["text"] and "Share this article" not in obj["text"]
    assert "never seen the water rise" in obj["text"]
    removed = " ".join(r["text"] for r in obj["removed"])
    assert "Read More" in removed and all(r["reason"] for r in obj["removed"])


def test_output_never_carries_terminal_escapes(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "evil.jsonl"
    f.write_text(json.dumps({
        "id": "e1", "title": "Evil \x1b[31mred\x1b[0m [bold]title[/bold] \x1b]0;pwned\x07",
        "text": "A council meeting was held on Monday about the harbour wall repairs. " * 5,
    }) + "\n", encoding="utf-8")
    run(["--db", str(db_path), "ingest", str(f)], capsys)
    code, out, _ = run(["--db", str(db_path), "stories"], capsys)
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "[bold]title[/bold]" in out


def test_story_merge_and_move(corpus: Path, db_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(db_path)]
    run([*db, "ingest", str(corpus)], capsys)
    _, out, _ = run([*db, "stories", "--json"], capsys)
    stories = {s["size"]: s for s in map(json.loads, out.splitlines())}
    flood, budget = stories[2], stories[1]
    code, out, err = run([*db, "story", "merge", str(flood["id"]), str(budget["id"])], capsys)
    assert code == 0, err
    _, out, _ = run([*db, "stories", "--json"], capsys)
    assert [s["size"] for s in map(json.loads, out.splitlines())] == [3]
    moved = budget["article_ids"][0]
    code, out, err = run([*db, "story", "move", str(moved), "new"], capsys)
    assert code == 0, err
    _, out, _ = run([*db, "stories", "--json"], capsys)
    assert sorted(s["size"] for s in map(json.loads, out.splitlines())) == [1, 2]
    # a later ingest does not undo the correction
    extra = corpus / "more"
    extra.mkdir()
    (extra / "flood-c.txt").write_text(FLOOD_A.replace("140", "145").replace(
        "River Alder bursts its banks", "Alder flood: Millbrook counts the damage"), encoding="utf-8")
    run([*db, "ingest", str(extra)], capsys)
    _, out, _ = run([*db, "export"], capsys)
    rows = {r["id"]: r for r in map(json.loads, out.splitlines())}
    assert rows[moved]["story_id"] not in {rows[i]["story_id"] for i in flood["article_ids"]}


def test_jsonl_record_without_a_date_is_dated_by_its_stamp(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record with no ``published`` takes the date stamp its text opened with (removed from
    the text), as a local file does; a record's own ``published`` wins over its stamp."""
    body = FLOOD_B.split("\n", 2)[2]
    f = tmp_path / "records.jsonl"
    f.write_text(
        json.dumps({"id": "s1", "title": "Flood", "text": "Updated: March 5, 2024 10:15 am\n" + body})
        + "\n"
        + json.dumps({"id": "s2", "title": "Budget vote", "published": "2026-11-20T10:00:00Z",
                      "text": "Updated: March 5, 2024 10:15 am\n" + BUDGET.split("\n", 2)[2]})
        + "\n",
        encoding="utf-8",
    )
    code, _out, err = run(["--db", str(db_path), "ingest", str(f)], capsys)
    assert code == 0, err
    code, out, _ = run(["--db", str(db_path), "export"], capsys)
    rows = {r["external_id"]: r for r in map(json.loads, out.splitlines())}
    assert rows["s1"]["published"].startswith("2024-03-05T10:15")
    assert "Updated" not in rows["s1"]["text"]
    assert rows["s2"]["published"].startswith("2026-11-20T10:00")
