"""The SQLite store: connection set-up, migrations and every SQL statement brief runs.

Rows go in and out as plain dicts; ``brief.convert`` turns them into domain objects.
This module knows nothing of ``brief``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from cache.schema import MIGRATIONS, SCHEMA_VERSION

Row = dict[str, Any]

BUSY_TIMEOUT_MS = 15_000


class StoreError(Exception):
    """The database cannot be used; the message is one clear line for the user."""


def default_db_path() -> Path:
    env = os.environ.get("BRIEF_DB")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("brief", appauthor=False)) / "brief.db"


def now_iso() -> str:
    """The current time to the second, ISO 8601 in UTC (made once a second)."""
    global _NOW
    t = int(time.time())
    if _NOW[0] != t:
        _NOW = (t, datetime.fromtimestamp(t, UTC).isoformat())
    return _NOW[1]


_NOW: tuple[int, str] = (-1, "")


class _Transaction:
    """The context manager :meth:`Store.transaction` returns (a class: the writer enters one
    for every statement it runs, and a generator-based one costs several times as much)."""

    __slots__ = ("store", "outer")

    def __init__(self, store: Store) -> None:
        self.store = store
        self.outer = False

    def __enter__(self) -> sqlite3.Connection:
        store = self.store
        store._lock.acquire()
        try:
            self.outer = not store.conn.in_transaction
            if self.outer:
                store.conn.execute("BEGIN IMMEDIATE")
        except BaseException:
            store._lock.release()
            raise
        return store.conn

    def __exit__(self, typ: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        store = self.store
        try:
            if self.outer:
                if typ is None:
                    store.conn.commit()
                else:
                    store.conn.rollback()
        finally:
            store._lock.release()


class Store:
    """One SQLite database. Use :func:`open_store` to get one."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.conn = conn
        self.path = path
        self._lock = threading.RLock()

    @property
    def db(self) -> Any:
        """The same connection through sqlite-utils (table introspection, bulk helpers).
        Imported on first use: it costs ~0.1-0.2 s at start-up, which the CLI and TUI skip."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        try:
            self.conn.close()
        except sqlite3.Error:
            pass

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self) -> _Transaction:
        """All writes inside happen or none do (BEGIN IMMEDIATE takes the write lock up front);
        nested, it joins the outer transaction."""
        return _Transaction(self)

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
        cur = self.conn.execute(sql, params)
        cols = [c[0] for c in cur.description or ()]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    @property
    def schema_version(self) -> int:
        return int(self.scalar("PRAGMA user_version"))

    def integrity_ok(self) -> bool:
        return self.scalar("PRAGMA integrity_check") == "ok"

    # -- meta --------------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        return self.scalar("SELECT value FROM meta WHERE key = ?", (key,))

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # -- feeds -------------------------------------------------------------------------------

    def add_feed(
        self, url: str, title: str | None = None, folder: str | None = None,
        site_url: str | None = None,
    ) -> int:
        with self.transaction():
            row = self.conn.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
            if row:
                return int(row[0])
            cur = self.conn.execute(
                "INSERT INTO feeds(url, title, folder, site_url, added_at) VALUES (?, ?, ?, ?, ?)",
                (url, title, folder, site_url, now_iso()),
            )
            return int(cur.lastrowid or 0)

    def feed_rows(self) -> list[Row]:
        return self.query(
            """
            SELECT f.*,
              (SELECT count(*) FROM articles a WHERE a.feed_id = f.id) AS item_count,
              (SELECT count(*) FROM articles a WHERE a.feed_id = f.id AND a.read = 0
                 AND a.duplicate_of IS NULL) AS unread_count
            FROM feeds f ORDER BY coalesce(f.folder, ''), lower(coalesce(f.title, f.url))
            """
        )

    def feed_row(self, feed_id: int) -> Row | None:
        rows = self.query("SELECT * FROM feeds WHERE id = ?", (feed_id,))
        return rows[0] if rows else None

    def find_feed(self, key: str) -> Row | None:
        """A feed by id, exact URL or exact title."""
        if key.isdigit():
            rows = self.query("SELECT * FROM feeds WHERE id = ?", (int(key),))
            if rows:
                return rows[0]
        rows = self.query("SELECT * FROM feeds WHERE url = ? OR title = ?", (key, key))
        return rows[0] if rows else None

    def update_feed(self, feed_id: int, **fields: Any) -> None:
        if not fields:
            return
        cols = ", ".join(f"{k} = ?" for k in fields)
        with self.transaction():
            self.conn.execute(f"UPDATE feeds SET {cols} WHERE id = ?", (*fields.values(), feed_id))

    def remove_feed(self, feed_id: int) -> None:
        """Unsubscribe; articles already stored stay readable (their feed becomes NULL)."""
        with self.transaction():
            self.conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))

    # -- articles ----------------------------------------------------------------------------

    def article_row(self, article_id: int) -> Row | None:
        rows = self.query("SELECT * FROM articles WHERE id = ?", (article_id,))
        return rows[0] if rows else None

    def article_rows(self, ids: Iterable[int]) -> list[Row]:
        ids = list(ids)
        out: list[Row] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            out += self.query(f"SELECT * FROM articles WHERE id IN ({marks})", chunk)
        order = {a: n for n, a in enumerate(ids)}
        out.sort(key=lambda r: order.get(r["id"], 0))
        return out

    def story_article_rows(self, story_id: int) -> list[Row]:
        return self.query(
            "SELECT * FROM articles WHERE story_id = ? "
            "ORDER BY coalesce(published, fetched_at), id",
            (story_id,),
        )

    def find_existing_article(
        self, *, canonical_url: str | None, feed_id: int | None, external_id: str | None,
        content_hash: str | None,
    ) -> Row | None:
        """An exact duplicate: same canonical URL, same feed GUID, or same normalized text."""
        if canonical_url:
            r = self.query(
                "SELECT * FROM articles WHERE canonical_url = ? LIMIT 1", (canonical_url,)
            )
            if r:
                return r[0]
            r = self.query(
                "SELECT a.* FROM article_sources s JOIN articles a ON a.id = s.article_id "
                "WHERE s.url = ? LIMIT 1",
                (canonical_url,),
            )
            if r:
                return r[0]
        if external_id:
            r = self.query(
                "SELECT a.* FROM article_sources s JOIN articles a ON a.id = s.article_id "
                "WHERE s.feed_id IS ? AND s.external_id = ? LIMIT 1",
                (feed_id, external_id),
            )
            if r:
                return r[0]
        if content_hash:
            r = self.query("SELECT * FROM articles WHERE content_hash = ? LIMIT 1", (content_hash,))
            if r:
                return r[0]
        return None

    def existing_article_id(
        self, *, canonical_url: str | None, feed_id: int | None, external_id: str | None,
        content_hash: str | None,
    ) -> int | None:
        """The id of :meth:`find_existing_article`'s article, in one statement."""
        return self.scalar(
            "SELECT coalesce("
            "(SELECT id FROM articles WHERE canonical_url = :c LIMIT 1), "
            "(SELECT a.id FROM article_sources s JOIN articles a ON a.id = s.article_id "
            " WHERE s.url = :c LIMIT 1), "
            "(SELECT a.id FROM article_sources s JOIN articles a ON a.id = s.article_id "
            " WHERE s.feed_id IS :f AND s.external_id = :e LIMIT 1), "
            "(SELECT id FROM articles WHERE content_hash = :h LIMIT 1))",
            {"c": canonical_url or None, "f": feed_id, "e": external_id or None,
             "h": content_hash or None},
        )

    def next_article_id(self) -> int:
        """The id SQLite gives the next article inserted without one (in a transaction, the
        ids of the articles it inserts next: this one, plus one, ...)."""
        return int(self.scalar("SELECT max(id) FROM articles") or 0) + 1

    def insert_new_article(self, row: Row) -> int:
        """:meth:`insert_article` of an article :meth:`existing_article_id` found no copy of
        (so no source has its URL or canonical URL yet): the same rows, fewer statements."""
        row = dict(row)
        row.setdefault("fetched_at", now_iso())
        with self.transaction():
            cols = ", ".join(row)
            marks = ", ".join("?" * len(row))
            cur = self.conn.execute(
                f"INSERT INTO articles({cols}) VALUES ({marks})", tuple(row.values())
            )
            article_id = int(cur.lastrowid or 0)
            seen = now_iso()
            feed_id, url, canonical = row.get("feed_id"), row.get("url"), row.get("canonical_url")
            self.conn.execute(
                "INSERT INTO article_sources(article_id, feed_id, url, external_id, source, "
                "seen_at) VALUES (?, ?, ?, ?, ?, ?)",
                (article_id, feed_id, url, row.get("external_id"), row.get("source"), seen),
            )
            if canonical and canonical != url:
                self.conn.execute(
                    "INSERT INTO article_sources(article_id, feed_id, url, source, seen_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (article_id, feed_id, canonical, row.get("source"), seen),
                )
            return article_id

    def article_story_and_read(self, article_id: int) -> tuple[int | None, int] | None:
        """(story_id, read) of an article, or None when there is no such article."""
        row = self.conn.execute(
            "SELECT story_id, read FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return (row[0], row[1]) if row is not None else None

    def known_entry(self, feed_id: int | None, external_id: str | None, url: str | None) -> bool:
        """Whether a feed entry is already stored (so the fetcher can skip its page)."""
        if external_id and self.scalar(
            "SELECT 1 FROM article_sources WHERE feed_id IS ? AND external_id = ? LIMIT 1",
            (feed_id, external_id),
        ):
            return True
        if url and self.scalar(
            "SELECT 1 FROM article_sources WHERE url = ? LIMIT 1", (url,)
        ):
            return True
        return False

    def insert_article(self, row: Row) -> int:
        row = dict(row)
        row.setdefault("fetched_at", now_iso())
        with self.transaction():
            cols = ", ".join(row)
            marks = ", ".join("?" * len(row))
            cur = self.conn.execute(
                f"INSERT INTO articles({cols}) VALUES ({marks})", tuple(row.values())
            )
            article_id = int(cur.lastrowid or 0)
            self.add_article_source(article_id, row)
            return article_id

    def add_article_source(self, article_id: int, row: Row) -> None:
        with self.transaction():
            exists = self.scalar(
                "SELECT 1 FROM article_sources WHERE article_id = ? AND feed_id IS ? "
                "AND url IS ? AND external_id IS ?",
                (article_id, row.get("feed_id"), row.get("url"), row.get("external_id")),
            )
            if not exists:
                self.conn.execute(
                    "INSERT INTO article_sources(article_id, feed_id, url, external_id, source, "
                    "seen_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (article_id, row.get("feed_id"), row.get("url"), row.get("external_id"),
                     row.get("source"), now_iso()),
                )
            canonical = row.get("canonical_url")
            if canonical and canonical != row.get("url") and not self.scalar(
                "SELECT 1 FROM article_sources WHERE url = ? LIMIT 1", (canonical,)
            ):
                self.conn.execute(
                    "INSERT INTO article_sources(article_id, feed_id, url, source, seen_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (article_id, row.get("feed_id"), canonical, row.get("source"), now_iso()),
                )

    def article_source_rows(self, article_id: int) -> list[Row]:
        return self.query(
            "SELECT * FROM article_sources WHERE article_id = ? ORDER BY seen_at", (article_id,)
        )

    def update_article(self, article_id: int, **fields: Any) -> None:
        if not fields:
            return
        cols = ", ".join(f"{k} = ?" for k in fields)
        with self.transaction():
            self.conn.execute(
                f"UPDATE articles SET {cols} WHERE id = ?", (*fields.values(), article_id)
            )

    def copies_of(self, article_id: int) -> list[int]:
        return [
            r["id"] for r in self.query(
                "SELECT id FROM articles WHERE duplicate_of = ?", (article_id,)
            )
        ]

    def set_article_flag(self, article_ids: Sequence[int], flag: str, value: bool) -> list[int]:
        """Set read/starred/dismissed on articles; returns the stories touched."""
        if flag not in ("read", "starred", "dismissed"):
            raise ValueError(flag)
        ids = list(article_ids)
        if not ids:
            return []
        with self.transaction():
            marks = ",".join("?" * len(ids))
            self.conn.execute(
                f"UPDATE articles SET {flag} = ? WHERE id IN ({marks})", (int(value), *ids)
            )
            stories = [
                r[0] for r in self.conn.execute(
                    f"SELECT DISTINCT story_id FROM articles WHERE id IN ({marks}) "
                    "AND story_id IS NOT NULL",
                    ids,
                )
            ]
            self.refresh_story_stats(stories)
        return stories

    def set_story_flag(self, story_ids: Sequence[int], flag: str, value: bool) -> None:
        """Set read/starred/dismissed on every article of these stories (one statement per
        chunk, no article rows read)."""
        if flag not in ("read", "starred", "dismissed"):
            raise ValueError(flag)
        ids = [int(s) for s in story_ids]
        with self.transaction():
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                marks = ",".join("?" * len(chunk))
                self.conn.execute(
                    f"UPDATE articles SET {flag} = ? WHERE story_id IN ({marks})",
                    (int(value), *chunk),
                )
            self.refresh_story_stats(ids)

    def article_count(self) -> int:
        return int(self.scalar("SELECT count(*) FROM articles") or 0)

    def all_article_rows(self, batch: int = 1000) -> Iterator[Row]:
        last = 0
        while True:
            rows = self.query(
                "SELECT a.*, (SELECT id FROM stories s WHERE s.id = a.story_id) AS sid "
                "FROM articles a WHERE a.id > ? ORDER BY a.id LIMIT ?",
                (last, batch),
            )
            if not rows:
                return
            yield from rows
            last = rows[-1]["id"]

    # -- stories -----------------------------------------------------------------------------

    def ensure_story(self, story_id: int) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT OR IGNORE INTO stories(id, updated_at) VALUES (?, ?)", (story_id, now_iso())
            )

    def new_story_id(self) -> int:
        with self.transaction():
            sid = int(self.scalar(
                "SELECT max(coalesce((SELECT max(id) FROM stories), 0), "
                "coalesce((SELECT max(key) FROM story_index), 0))")) + 1
            self.conn.execute(
                "INSERT INTO stories(id, updated_at) VALUES (?, ?)", (sid, now_iso())
            )
            return sid

    def set_story(self, article_id: int, story_id: int | None, *, pinned: bool | None = None) -> None:
        with self.transaction():
            if story_id is not None:
                self.ensure_story(story_id)
            if pinned is None:
                self.conn.execute(
                    "UPDATE articles SET story_id = ? WHERE id = ?", (story_id, article_id)
                )
            else:
                self.conn.execute(
                    "UPDATE articles SET story_id = ?, pinned = ? WHERE id = ?",
                    (story_id, int(pinned), article_id),
                )

    def story_headline_rows(self, story_ids: Sequence[int]) -> dict[int, list[tuple[int, str, int | None]]]:
        """(id, title, duplicate_of) of each story's articles, in :meth:`story_article_rows`
        order, by story (a story without articles is left out)."""
        out: dict[int, list[tuple[int, str, int | None]]] = {}
        ids = list(story_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for sid, aid, title, dup in self.conn.execute(
                f"SELECT story_id, id, title, duplicate_of FROM articles "
                f"WHERE story_id IN ({marks}) "
                "ORDER BY story_id, coalesce(published, fetched_at), id",
                chunk,
            ):
                out.setdefault(sid, []).append((aid, title or "", dup))
        return out

    def update_stories_many(self, rows: Sequence[tuple[int, dict[str, Any]]]) -> None:
        """:meth:`update_story` for many stories setting the same columns (one statement)."""
        if not rows:
            return
        names = list(rows[0][1])
        cols = ", ".join(f"{k} = ?" for k in [*names, "updated_at"])
        now = now_iso()
        with self.transaction():
            self.conn.executemany(
                f"UPDATE stories SET {cols} WHERE id = ?",
                [(*(f[k] for k in names), now, sid) for sid, f in rows],
            )

    def refresh_story_stats(self, story_ids: Iterable[int]) -> None:
        """Recompute the denormalized counters the story list shows, for these stories."""
        with self.transaction():
            for sid in set(story_ids):
                self.conn.execute(
                    """
                    UPDATE stories SET
                      size = (SELECT count(*) FROM articles WHERE story_id = :s),
                      unread = (SELECT count(*) FROM articles WHERE story_id = :s AND read = 0
                                AND duplicate_of IS NULL),
                      starred = coalesce((SELECT max(starred) FROM articles WHERE story_id = :s), 0),
                      dismissed = coalesce((SELECT min(dismissed) FROM articles
                                            WHERE story_id = :s), 0),
                      first_seen = (SELECT min(coalesce(published, fetched_at)) FROM articles
                                    WHERE story_id = :s),
                      last_seen = (SELECT max(coalesce(published, fetched_at)) FROM articles
                                   WHERE story_id = :s),
                      sources = coalesce((SELECT json_group_array(source) FROM
                                 (SELECT DISTINCT source FROM articles WHERE story_id = :s
                                  AND source IS NOT NULL ORDER BY source)), '[]')
                    WHERE id = :s
                    """,
                    {"s": sid},
                )
            ids = ",".join(str(int(s)) for s in set(story_ids)) or "0"
            self.conn.execute(f"DELETE FROM stories WHERE size = 0 AND id IN ({ids})")

    def stale_story_ids(self, limit: int = 50, after: int = 0) -> list[int]:
        return [
            int(r[0]) for r in self.conn.execute(
                "SELECT id FROM stories WHERE facts_stale = 1 AND id > ? ORDER BY id LIMIT ?",
                (after, limit),
            )
        ]

    def update_story(self, story_id: int, **fields: Any) -> None:
        if not fields:
            return
        fields["updated_at"] = now_iso()
        cols = ", ".join(f"{k} = ?" for k in fields)
        with self.transaction():
            self.conn.execute(f"UPDATE stories SET {cols} WHERE id = ?", (*fields.values(), story_id))

    def story_row(self, story_id: int) -> Row | None:
        rows = self.query("SELECT * FROM stories WHERE id = ?", (story_id,))
        return rows[0] if rows else None

    def story_rows(
        self, *, where: str = "1", params: Sequence[Any] = (), limit: int | None = None,
        offset: int = 0,
    ) -> list[Row]:
        sql = (
            f"SELECT * FROM stories WHERE size > 0 AND ({where}) "
            "ORDER BY last_seen DESC, id DESC"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return self.query(sql, params)

    def story_count(self, *, where: str = "1", params: Sequence[Any] = ()) -> int:
        return int(
            self.scalar(f"SELECT count(*) FROM stories WHERE size > 0 AND ({where})", params) or 0
        )

    def story_article_ids(self, story_id: int) -> list[int]:
        return [r["id"] for r in self.story_article_rows(story_id)]

    def merge_stories(self, keep: int, gone: int) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE articles SET story_id = ?, pinned = 1 WHERE story_id = ?", (keep, gone)
            )
            self.conn.execute("DELETE FROM stories WHERE id = ?", (gone,))
            self.refresh_story_stats([keep])

    # -- story details (facts, quotes, entities, timeline, conflicts) -------------------------

    _DETAIL_TABLES = ("facts", "quotes", "entities", "timeline_events", "conflicts")

    def replace_story_details(self, story_id: int, details: dict[str, list[Row]]) -> None:
        with self.transaction():
            for table in self._DETAIL_TABLES:
                self.conn.execute(f"DELETE FROM {table} WHERE story_id = ?", (story_id,))
                for rank, row in enumerate(details.get(table, [])):
                    row = {**row, "story_id": story_id, "rank": rank}
                    cols = ", ".join(f'"{c}"' for c in row)
                    marks = ", ".join("?" * len(row))
                    self.conn.execute(
                        f"INSERT INTO {table}({cols}) VALUES ({marks})", tuple(row.values())
                    )

    def story_details(self, story_id: int) -> dict[str, list[Row]]:
        return {
            t: self.query(f"SELECT * FROM {t} WHERE story_id = ? ORDER BY rank", (story_id,))
            for t in self._DETAIL_TABLES
        }

    # -- clustering index ----------------------------------------------------------------------

    def save_index_states(self, states: dict[int, str]) -> None:
        with self.transaction():
            self.conn.executemany(
                "INSERT INTO story_index(key, state) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET state = excluded.state",
                list(states.items()),
            )

    def save_df(self, counts: dict[str, int]) -> None:
        with self.transaction():
            self.conn.executemany(
                "INSERT INTO cluster_df(term, n) VALUES (?, ?) "
                "ON CONFLICT(term) DO UPDATE SET n = excluded.n",
                list(counts.items()),
            )

    def df_rows(self) -> Iterator[tuple[str, int]]:
        cur = self.conn.execute("SELECT term, n FROM cluster_df")
        while True:
            rows = cur.fetchmany(5000)
            if not rows:
                return
            yield from ((str(t), int(n)) for t, n in rows)

    def delete_index_states(self, keys: Iterable[int]) -> None:
        with self.transaction():
            self.conn.executemany("DELETE FROM story_index WHERE key = ?", [(k,) for k in keys])

    def index_states(self) -> Iterator[tuple[int, str]]:
        cur = self.conn.execute("SELECT key, state FROM story_index ORDER BY key")
        while True:
            rows = cur.fetchmany(1000)
            if not rows:
                return
            yield from ((int(k), s) for k, s in rows)

    def save_article_index(self, article_id: int, features: str | None, signature: bytes | None) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO article_index(article_id, features, signature) VALUES (?, ?, ?) "
                "ON CONFLICT(article_id) DO UPDATE SET features = excluded.features, "
                "signature = excluded.signature",
                (article_id, features, signature),
            )

    def save_article_indexes(self, rows: Sequence[tuple[int, str | None, bytes | None]]) -> None:
        """:meth:`save_article_index` for many (article_id, features, signature) rows."""
        with self.transaction():
            self.conn.executemany(
                "INSERT INTO article_index(article_id, features, signature) VALUES (?, ?, ?) "
                "ON CONFLICT(article_id) DO UPDATE SET features = excluded.features, "
                "signature = excluded.signature",
                rows,
            )

    def article_index_rows(self, with_features: bool = False) -> Iterator[Row]:
        cols = "article_id, signature" + (", features" if with_features else "")
        cur = self.conn.execute(f"SELECT {cols} FROM article_index ORDER BY article_id")
        names = [c[0] for c in cur.description]
        while True:
            rows = cur.fetchmany(1000)
            if not rows:
                return
            for r in rows:
                yield dict(zip(names, r, strict=True))

    def article_features(self, article_id: int) -> str | None:
        return self.scalar("SELECT features FROM article_index WHERE article_id = ?", (article_id,))

    # -- search --------------------------------------------------------------------------------

    def search_rows(self, fts_query: str, limit: int = 50) -> list[Row]:
        """Articles matching an FTS5 query, best first. Raises sqlite3.OperationalError on bad syntax."""
        return self.query(
            """
            SELECT a.*, snippet(articles_fts, 1, '', '', ' … ', 12) AS snippet
            FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
            WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 5.0, 1.0) LIMIT ?
            """,
            (fts_query, limit),
        )


def open_store(path: str | os.PathLike[str] | None = None, *, create: bool = True) -> Store:
    """Open (and create or migrate) the database. Raises StoreError with a one-line message."""
    p = Path(path) if path is not None else default_db_path()
    if str(p) != ":memory:":
        if p.exists() and p.is_dir():
            raise StoreError(f"database path is a directory: {p}")
        if not p.exists():
            if not create:
                raise StoreError(f"no database at {p}")
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise StoreError(f"cannot create database directory {p.parent}: {e.strerror}") from e
    try:
        conn = sqlite3.connect(
            str(p), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
            check_same_thread=False,
        )
    except sqlite3.Error as e:
        raise StoreError(f"cannot open database {p}: {e}") from e
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            conn.close()
            raise StoreError(
                f"database {p} has schema version {version}, newer than this brief "
                f"understands ({SCHEMA_VERSION}); upgrade brief (the database was left untouched)"
            )
        if version == 0 and conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1"
        ).fetchone():  # not ours: refuse before WAL mode rewrites its header
            raise sqlite3.DatabaseError("it has tables but no brief schema version")
        if str(p) != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        _migrate(conn, version)
    except sqlite3.DatabaseError as e:
        conn.close()
        raise StoreError(f"cannot use database {p}: {e} (is it a brief database?)") from e
    return Store(conn, None if str(p) == ":memory:" else p)


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    if version == 0:
        # A non-empty database without our version is not ours: refuse rather than write into it.
        names = {
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if names:
            raise sqlite3.DatabaseError("it has tables but no brief schema version")
    for n in range(version, SCHEMA_VERSION):
        try:
            conn.executescript(
                f"BEGIN IMMEDIATE;\n{MIGRATIONS[n]}\nPRAGMA user_version = {n + 1};\nCOMMIT;"
            )
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
