"""The store: schema, migrations, transactions, state counters and full-text search."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from brief.convert import article_from_row, article_to_row
from brief.models import Article, Removal
from brief.services import Library, SearchError
from cache.schema import SCHEMA_VERSION
from cache.store import Store, StoreError, open_store


def _article(title: str, text: str, **kw: object) -> Article:
    return Article(id=None, external_id=kw.pop("external_id", title), title=title, text=text,
                   **kw)  # type: ignore[arg-type]


def test_new_database_has_schema_wal_and_foreign_keys(store: Store) -> None:
    assert store.schema_version == SCHEMA_VERSION
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA foreign_keys") == 1
    assert store.integrity_ok()
    assert {"feeds", "articles", "article_sources", "stories", "facts", "quotes", "entities",
            "timeline_events", "conflicts", "articles_fts"} <= set(store.db.table_names())


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE x (y)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer"):
        open_store(path)
    assert path.read_bytes() == before


def test_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not|brief"):
        open_store(path)


def test_corrupt_file_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError):
        open_store(path)


def test_transaction_rolls_back_everything_on_error(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.add_feed("https://a.example/feed")
        store.insert_article(article_to_row(_article("One", "body")))
        raise RuntimeError("interrupted")
    assert store.feed_rows() == []
    assert store.article_count() == 0


def test_article_round_trips_through_row(store: Store) -> None:
    a = _article("Title", "Para one.\n\nPara two.", source="Gazette", url="https://g.example/1",
                 published=datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
                 removed=[Removal("Leave a Comment", "comment form")])
    aid = store.insert_article(article_to_row(a))
    back = article_from_row(store.article_row(aid) or {})
    assert back.title == "Title" and back.text == a.text and back.source == "Gazette"
    assert back.published == a.published
    assert back.removed == [Removal("Leave a Comment", "comment form")]


def test_story_counters_follow_article_state(library: Library, store: Store) -> None:
    ids = [store.insert_article(article_to_row(_article(f"T{i}", f"text {i}", source=f"S{i}")))
           for i in range(3)]
    sid = store.new_story_id()
    for aid in ids:
        store.set_story(aid, sid)
    store.refresh_story_stats([sid])
    story = library.story(sid)
    assert story is not None and story.size == 3 and story.unread == 3
    assert story.sources == ["S0", "S1", "S2"]
    library.set_article_read(ids[0])
    assert (library.story(sid) or story).unread == 2
    library.set_story_starred(sid, True)
    assert [s.id for s in library.stories("starred")] == [sid]
    library.set_story_dismissed(sid, True)
    assert library.stories("all") == [] and [s.id for s in library.stories("dismissed")] == [sid]
    library.set_story_dismissed(sid, False)
    library.set_story_read(sid)
    assert library.stories("unread") == []


def test_state_survives_reopen(db_path: Path) -> None:
    with open_store(db_path) as s:
        aid = s.insert_article(article_to_row(_article("Kept", "text")))
        s.set_article_flag([aid], "starred", True)
    with open_store(db_path) as s:
        assert (s.article_row(aid) or {})["starred"] == 1


def test_search_finds_words_and_survives_bad_syntax(library: Library, store: Store) -> None:
    store.insert_article(article_to_row(_article("Harbour flood", "The tide rose over the quay.")))
    store.insert_article(article_to_row(_article("Budget vote", "Council approves spending.")))
    assert [h.article.title for h in library.search("flood")] == ["Harbour flood"]
    assert [h.article.title for h in library.search("quay")] == ["Harbour flood"]
    # FTS5 syntax errors fall back to a plain word search instead of failing
    assert library.search('"unbalanced') == []
    assert [h.article.title for h in library.search('"tide rose')] == ["Harbour flood"]
    assert [h.article.title for h in library.search("council AND (")] == ["Budget vote"]
    assert library.search("   ") == []
    with pytest.raises(SearchError):
        library.search("((( )))")


def test_removing_a_feed_keeps_its_articles(store: Store) -> None:
    fid = store.add_feed("https://a.example/feed", title="A")
    store.insert_article(article_to_row(_article("Kept", "text", feed_id=fid)))
    store.remove_feed(fid)
    assert store.article_count() == 1
    assert (store.article_rows([1])[0])["feed_id"] is None


def test_version_1_database_moves_to_version_2_keeping_its_facts(tmp_path: Path) -> None:
    """A database written by the first release opens: facts gain an empty context column and
    everything stored before is still there."""
    from cache.schema import MIGRATIONS

    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0])
    conn.execute("INSERT INTO stories(id, headline) VALUES (1, 'Quay wall')")
    conn.execute("INSERT INTO facts(story_id, rank, text, value, unit) "
                 "VALUES (1, 0, '40 metres', 40, 'metres')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    store = open_store(path)
    try:
        assert store.schema_version == SCHEMA_VERSION >= 2
        (row,) = store.query("SELECT text, context FROM facts WHERE story_id = 1")
        assert row == {"text": "40 metres", "context": None}
        assert store.integrity_ok()
    finally:
        store.close()
