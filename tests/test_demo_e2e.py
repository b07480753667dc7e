"""`brief demo` end to end: bundled feeds fetched offline, cleaned, stored, grouped and shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brief.cli import main
from brief.demo import load_manifest
from brief.services import Library
from tests.cli_helpers import run_cli
from tui.app import create_app

run = run_cli


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(path), "demo", "--no-tui", "--json"])
    assert exc.value.code == 0
    return path


def _export(db: Path, capsys: pytest.CaptureFixture[str]) -> list[dict]:
    code, out, _ = run(["--db", str(db), "export"], capsys)
    assert code == 0
    return [json.loads(line) for line in out.splitlines()]


def test_every_demo_article_is_stored_cleaned(demo_db: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    rows = _export(demo_db, capsys)
    manifest = load_manifest()
    assert len(rows) == len(manifest["articles"]) == 30
    for r in rows:
        assert r["title"] and r["source"] and r["published"], r["id"]
        for junk in ("Leave a Comment", "Required fields are marked", "Read More:",
                     "You May Also Like", "newsletter"):
            assert junk.lower() not in r["text"].lower(), (junk, r["title"])


def test_the_syndicated_copy_is_marked(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _export(demo_db, capsys)
    [[a_url, b_url]] = load_manifest()["near_copies"]
    by_url = {r["url"].split("?")[0]: r for r in rows if r["url"]}
    a, b = by_url[a_url], by_url[b_url]
    assert a["story_id"] == b["story_id"]
    assert {a["duplicate_of"], b["duplicate_of"]} - {None} <= {a["id"], b["id"]}
    assert (a["duplicate_of"] is None) != (b["duplicate_of"] is None)


def test_markup_in_a_title_is_kept_literally(demo_db: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--db", str(demo_db), "search", "rainy-day fund"], capsys)
    assert code == 0
    assert "Council debates [bold] budget line" in out and "\x1b" not in out


def test_rerunning_demo_refuses_a_non_demo_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = tmp_path / "mine.db"
    code, _, err = run(["--db", str(own), "ingest", str(tmp_path)], capsys)
    assert code == 0
    code, _, err = run(["--db", str(own), "demo", "--no-tui"], capsys)
    assert code == 2 and "not a demo database" in err


async def test_the_app_starts_on_the_demo_database(demo_db: Path) -> None:
    lib = Library.open(demo_db)
    try:
        app = create_app(lib)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            text = " ".join(str(w.render()) for w in app.screen.query("*") if w.display)
            assert "Lyrebird-2" in text
    finally:
        lib.close()


def test_refreshing_the_demo_stays_offline_and_unchanged(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = len(_export(demo_db, capsys))
    code, out, _ = run(["--db", str(demo_db), "fetch", "--json"], capsys)
    assert code == 0
    summary = json.loads(out)
    assert summary["feeds_failed"] == 0
    assert summary["feeds_unchanged"] == 6 and summary["new_articles"] == 0
    assert len(_export(demo_db, capsys)) == before
