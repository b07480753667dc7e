"""The store's statements for the single writer: each gives what the general ones it stands in
for give (so ``Pipeline.ingest`` stores the same rows with fewer statements)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from brief.convert import article_to_row
from brief.models import Article
from cache.store import Store, now_iso


def _row(n: int, **kw: object) -> dict:
    a = Article(id=None, external_id=kw.pop("external_id", f"g{n}"), title=f"Title {n}",  # type: ignore[arg-type]
                text=f"Text number {n}.", **kw)  # type: ignore[arg-type]
    return article_to_row(a)


def _sources(store: Store, article_id: int) -> list[tuple]:
    return [(r["feed_id"], r["url"], r["external_id"], r["source"])
            for r in store.article_source_rows(article_id)]


def test_existing_article_id_is_the_id_find_existing_article_finds(store: Store) -> None:
    feed = store.add_feed("https://f.example/feed.xml")
    other = store.add_feed("https://g.example/feed.xml")
    a = store.insert_article(_row(1, url="https://a.example/1?utm=x", canonical_url="https://a.example/1",
                                  feed_id=feed, content_hash="h1"))
    b = store.insert_article(_row(2, url="https://b.example/2", canonical_url="https://b.example/2",
                                  feed_id=other, external_id="guid-2", content_hash="h2"))
    store.add_article_source(b, {"feed_id": feed, "url": "https://mirror.example/2",
                                 "external_id": "m2", "source": "Mirror"})
    probes = [
        {"canonical_url": "https://a.example/1", "feed_id": None, "external_id": None,
         "content_hash": None},  # canonical URL of an article
        {"canonical_url": "https://a.example/1?utm=x", "feed_id": None, "external_id": None,
         "content_hash": None},  # a source's URL
        {"canonical_url": "https://mirror.example/2", "feed_id": None, "external_id": None,
         "content_hash": None},
        {"canonical_url": None, "feed_id": feed, "external_id": "m2", "content_hash": None},
        {"canonical_url": None, "feed_id": other, "external_id": "m2", "content_hash": None},
        {"canonical_url": None, "feed_id": other, "external_id": "guid-2", "content_hash": None},
        {"canonical_url": "", "feed_id": None, "external_id": "", "content_hash": "h2"},
        {"canonical_url": "https://new.example/", "feed_id": feed, "external_id": "new",
         "content_hash": "h1"},  # only the text is the same
        {"canonical_url": "https://new.example/", "feed_id": feed, "external_id": "new",
         "content_hash": "new"},
        {"canonical_url": None, "feed_id": None, "external_id": None, "content_hash": None},
    ]
    found = []
    for p in probes:
        row = store.find_existing_article(**p)
        assert store.existing_article_id(**p) == (row["id"] if row else None), p
        found.append(row["id"] if row else None)
    assert found == [a, a, b, b, None, b, b, a, None, None]


@pytest.mark.parametrize("canonical", [None, "https://a.example/x", "https://a.example/x?ref=feed"])
def test_insert_new_article_stores_what_insert_article_stores(store: Store, canonical: str | None) -> None:
    feed = store.add_feed("https://f.example/feed.xml")
    kw = {"url": "https://a.example/x?ref=feed", "canonical_url": canonical, "feed_id": feed,
          "source": "A"}
    old = store.insert_article(_row(1, **kw))
    new = store.insert_new_article({**_row(1, **kw), "external_id": "g1b",
                                    "url": "https://b.example/x?ref=feed",
                                    "canonical_url": canonical and canonical.replace("a.", "b.")})
    assert new == old + 1
    strip = [(f, u and u.replace("b.", "a."), e and e.replace("g1b", "g1"), s)
             for f, u, e, s in _sources(store, new)]
    assert strip == _sources(store, old)
    assert store.article_row(new)["title"] == "Title 1"  # type: ignore[index]
    assert store.search_rows("number")  # the full-text index has it


def test_next_article_id_is_the_id_sqlite_gives(store: Store) -> None:
    assert store.next_article_id() == 1
    with store.transaction():
        first = store.next_article_id()
        assert store.insert_article(_row(1)) == first
        assert store.next_article_id() == first + 1
        store.insert_new_article({**_row(2), "id": first + 1})
    assert store.insert_article(_row(3)) == first + 2


def test_headline_rows_and_many_story_updates(store: Store) -> None:
    s1, s2, s3 = store.new_story_id(), store.new_story_id(), store.new_story_id()
    when = [datetime(2026, 1, d, tzinfo=UTC) for d in (3, 1, 2)]
    ids = []
    for n, (sid, day) in enumerate(zip((s1, s1, s2), when, strict=True)):
        row = article_to_row(Article(id=None, external_id=f"x{n}", title=f"T{n}", text=f"b{n}",
                                     published=day))
        row["story_id"] = sid
        ids.append(store.insert_article(row))
    heads = store.story_headline_rows([s1, s2, s3])
    assert heads == {s1: [(ids[1], "T1", None), (ids[0], "T0", None)], s2: [(ids[2], "T2", None)]}
    assert [[r[0] for r in heads[s]] for s in (s1, s2)] == [
        store.story_article_ids(s) for s in (s1, s2)]
    store.update_stories_many([(s1, {"headline": "One", "why": "[]", "facts_stale": 1}),
                               (s2, {"headline": "Two", "why": '["x"]', "facts_stale": 1})])
    r1, r2 = store.story_row(s1), store.story_row(s2)
    assert r1 and r2 and (r1["headline"], r2["headline"], r2["why"]) == ("One", "Two", '["x"]')
    assert r1["facts_stale"] == r2["facts_stale"] == 1 and r1["updated_at"]


def test_transaction_joins_rolls_back_and_releases_the_lock(store: Store) -> None:
    with store.transaction() as conn, store.transaction() as inner:  # nested: joins it
        assert inner is conn and conn.in_transaction
        store.insert_article(_row(1))
    assert not store.conn.in_transaction and store.article_count() == 1
    with pytest.raises(RuntimeError), store.transaction():
        store.insert_article(_row(2))
        with store.transaction():
            store.insert_article(_row(3))
            raise RuntimeError("crash")
    assert not store.conn.in_transaction and store.article_count() == 1
    entered = threading.Event()

    def other() -> None:  # another thread gets the store's lock after the failed transaction
        with store.transaction():
            entered.set()

    t = threading.Thread(target=other)
    t.start()
    t.join(5)
    assert entered.is_set()


def test_now_iso_is_the_current_second() -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    stamp = now_iso()
    after = datetime.now(UTC).replace(microsecond=0)
    assert before <= datetime.fromisoformat(stamp) <= after
    assert stamp.endswith("+00:00") and len(stamp) == 25
