"""Schema and forward migrations. ``PRAGMA user_version`` holds the schema version."""

from __future__ import annotations

SCHEMA_VERSION = 2

_V1 = """
        CREATE TABLE feeds (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            title TEXT,
            site_url TEXT,
            folder TEXT,
            etag TEXT,
            last_modified TEXT,
            last_fetched TEXT,
            last_status INTEGER,
            last_error TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            gone INTEGER NOT NULL DEFAULT 0,
            added_at TEXT
        );
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            headline TEXT NOT NULL DEFAULT '',
            summary TEXT NOT NULL DEFAULT '',
            why TEXT NOT NULL DEFAULT '[]',
            sources TEXT NOT NULL DEFAULT '[]',
            size INTEGER NOT NULL DEFAULT 0,
            unread INTEGER NOT NULL DEFAULT 0,
            starred INTEGER NOT NULL DEFAULT 0,
            dismissed INTEGER NOT NULL DEFAULT 0,
            facts_stale INTEGER NOT NULL DEFAULT 0,
            first_seen TEXT,
            last_seen TEXT,
            updated_at TEXT
        );
        CREATE INDEX stories_last_seen ON stories(last_seen);
        CREATE INDEX stories_facts_stale ON stories(facts_stale) WHERE facts_stale = 1;
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            external_id TEXT,
            feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
            url TEXT,
            canonical_url TEXT,
            source TEXT,
            title TEXT NOT NULL DEFAULT '',
            byline TEXT,
            published TEXT,
            published_inferred INTEGER NOT NULL DEFAULT 0,
            fetched_at TEXT,
            text TEXT NOT NULL DEFAULT '',
            content_hash TEXT,
            lang TEXT,
            read INTEGER NOT NULL DEFAULT 0,
            starred INTEGER NOT NULL DEFAULT 0,
            dismissed INTEGER NOT NULL DEFAULT 0,
            duplicate_of INTEGER REFERENCES articles(id) ON DELETE SET NULL,
            story_id INTEGER REFERENCES stories(id) ON DELETE SET NULL,
            pinned INTEGER NOT NULL DEFAULT 0,
            removed TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX articles_story ON articles(story_id);
        CREATE INDEX articles_canonical ON articles(canonical_url);
        CREATE INDEX articles_hash ON articles(content_hash);
        CREATE INDEX articles_feed_ext ON articles(feed_id, external_id);
        CREATE INDEX articles_ext ON articles(external_id);
        CREATE INDEX articles_dup ON articles(duplicate_of);
        -- every feed and URL an article came from (a duplicate is stored once)
        CREATE TABLE article_sources (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
            url TEXT,
            external_id TEXT,
            source TEXT,
            seen_at TEXT
        );
        CREATE INDEX article_sources_article ON article_sources(article_id);
        CREATE INDEX article_sources_url ON article_sources(url);
        CREATE INDEX article_sources_ext ON article_sources(feed_id, external_id);
        CREATE TABLE facts (
            id INTEGER PRIMARY KEY,
            story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            rank INTEGER NOT NULL,
            text TEXT NOT NULL,
            value REAL,
            unit TEXT,
            qualifier TEXT,
            sources TEXT NOT NULL DEFAULT '[]',
            article_ids TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX facts_story ON facts(story_id);
        CREATE TABLE quotes (
            id INTEGER PRIMARY KEY,
            story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            rank INTEGER NOT NULL,
            speaker TEXT,
            role TEXT,
            text TEXT NOT NULL,
            sources TEXT NOT NULL DEFAULT '[]',
            article_ids TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX quotes_story ON quotes(story_id);
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            rank INTEGER NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            mentions INTEGER NOT NULL DEFAULT 0,
            sources TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX entities_story ON entities(story_id);
        CREATE TABLE timeline_events (
            id INTEGER PRIMARY KEY,
            story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            rank INTEGER NOT NULL,
            date TEXT NOT NULL,
            precision TEXT NOT NULL,
            inferred INTEGER NOT NULL DEFAULT 0,
            text TEXT NOT NULL,
            sources TEXT NOT NULL DEFAULT '[]',
            article_ids TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX timeline_story ON timeline_events(story_id);
        CREATE TABLE conflicts (
            id INTEGER PRIMARY KEY,
            story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            rank INTEGER NOT NULL,
            kind TEXT NOT NULL,
            subject TEXT NOT NULL,
            "values" TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX conflicts_story ON conflicts(story_id);
        -- the clustering index, persisted so a restart never reclusters
        CREATE TABLE story_index (
            key INTEGER PRIMARY KEY,
            state TEXT NOT NULL
        );
        CREATE TABLE cluster_df (
            term TEXT PRIMARY KEY,
            n INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE article_index (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            features TEXT,
            signature BLOB
        );
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT
        );
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='id', tokenize='porter unicode61'
        );
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
                VALUES ('delete', old.id, old.title, old.text);
        END;
        CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
                VALUES ('delete', old.id, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
"""


# Version 2: a figure's context (the clause it stands in). Facts computed before stay without
# one until their story changes.
_V2 = """
        ALTER TABLE facts ADD COLUMN context TEXT;
"""

#: MIGRATIONS[n] is the SQL script that upgrades a database at version n to n + 1.
#: Append only: never edit a migration that has shipped.
MIGRATIONS: list[str] = [_V1, _V2]
assert len(MIGRATIONS) == SCHEMA_VERSION
