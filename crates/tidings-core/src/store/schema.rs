//! The database schema, as versioned migrations. A migration, once
//! released, is never edited: add a new one.

use rusqlite_migration::{Migrations, M};

const V1: &str = r#"
CREATE TABLE folders (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE feeds (
    id              INTEGER PRIMARY KEY,
    url             TEXT NOT NULL UNIQUE,
    title           TEXT,              -- the feed's own title
    custom_title    TEXT,              -- the user's name for it
    site_url        TEXT,
    description     TEXT,
    language        TEXT,
    icon_url        TEXT,
    format          TEXT,
    folder_id       INTEGER REFERENCES folders(id) ON DELETE SET NULL,
    etag            TEXT,
    last_modified   TEXT,
    body_hash       INTEGER,           -- of the last body parsed: same body, no parse
    status          TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'error', 'gone')),
    last_error      TEXT,
    error_count     INTEGER NOT NULL DEFAULT 0,
    added_at        INTEGER NOT NULL,
    last_fetched_at INTEGER,
    last_success_at INTEGER,
    retry_after     INTEGER            -- unix time the server asked us to wait until
);
CREATE INDEX feeds_by_folder ON feeds(folder_id);

CREATE TABLE authors (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL UNIQUE COLLATE NOCASE,
    email  TEXT,
    uri    TEXT
);

CREATE TABLE categories (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE COLLATE NOCASE
);

-- Reading state lives in the article row: an update from the feed rewrites
-- the content columns only, so read and bookmark state survive it.
CREATE TABLE articles (
    id                 INTEGER PRIMARY KEY,
    feed_id            INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
    origin_title       TEXT,            -- the feed's title, kept if the feed is removed
    key                TEXT NOT NULL,   -- identity: guid, else link, else hash
    guid               TEXT,
    url                TEXT,
    title              TEXT NOT NULL,
    author_id          INTEGER REFERENCES authors(id),
    published          INTEGER,
    updated            INTEGER,
    sort_date          INTEGER NOT NULL,
    summary            TEXT NOT NULL,
    content_html       TEXT NOT NULL,
    comments_url       TEXT,
    comments_feed_url  TEXT,
    enclosures         TEXT,            -- JSON array, NULL when none
    content_hash       INTEGER NOT NULL,
    first_seen         INTEGER NOT NULL,
    last_seen          INTEGER NOT NULL,
    read               INTEGER NOT NULL DEFAULT 0,
    read_at            INTEGER,
    bookmarked         INTEGER NOT NULL DEFAULT 0,
    bookmarked_at      INTEGER
);
CREATE UNIQUE INDEX articles_identity ON articles(feed_id, key);
CREATE INDEX articles_by_date ON articles(sort_date DESC, id DESC);
CREATE INDEX articles_by_feed ON articles(feed_id, sort_date DESC, id DESC);
CREATE INDEX articles_by_author ON articles(author_id, sort_date DESC);
CREATE INDEX articles_unread ON articles(feed_id) WHERE read = 0;
CREATE INDEX articles_bookmarked ON articles(sort_date DESC) WHERE bookmarked = 1;

CREATE TABLE article_categories (
    article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    category_id  INTEGER NOT NULL REFERENCES categories(id),
    PRIMARY KEY (article_id, category_id)
) WITHOUT ROWID;
CREATE INDEX article_categories_by_category ON article_categories(category_id, article_id);

-- Full-text index; rowid = articles.id. See store/fts.rs for the tokenizer.
-- Contentless: the index keeps no copy of the text (snippets are made from
-- the article itself, query/snippet.rs), and contentless_delete lets rows be
-- deleted by rowid alone.
CREATE VIRTUAL TABLE search USING fts5(title, body, author, categories, feed, tokenize = 'tidings',
                                       content = '', contentless_delete = 1);
CREATE TRIGGER articles_leave_search AFTER DELETE ON articles BEGIN
    DELETE FROM search WHERE rowid = old.id;
END;

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
"#;

/// FTS5 tuning, measured on the refresh benchmark (1,000 feeds): an 8 MiB
/// in-memory index (default 1 MiB) writes fewer, larger segments, and
/// merging 8 segments at a time (default 4) halves merge work while feeds
/// pour in. 32 MiB was slower again (a hash table that size misses the CPU
/// caches) and costs memory. (The `rank` set here is FTS5's bm25 with our
/// column weights; searches now call `tidings_bm25`, store/rank.rs, with
/// the same weights.)
const V2: &str = r#"
INSERT INTO search(search, rank) VALUES ('hashsize', 8388608);
INSERT INTO search(search, rank) VALUES ('automerge', 8);
-- Ranking: bm25 with a match in the title worth 8 in the body, author and
-- categories 4, the feed's name 2.
INSERT INTO search(search, rank) VALUES ('rank', 'bm25(8.0, 1.0, 4.0, 4.0, 2.0)');
"#;

/// Offline reading: full text beside the feed's version, cached images and
/// icons (files in `<library>.cache/`, rows here), and which articles have
/// had their offline copy made.
const V3: &str = r#"
ALTER TABLE feeds ADD COLUMN full_text INTEGER;          -- NULL: decided at the first fetch
ALTER TABLE feeds ADD COLUMN icon_hash TEXT;
ALTER TABLE articles ADD COLUMN full_html TEXT;          -- sanitized, from the article's page
ALTER TABLE articles ADD COLUMN full_error TEXT;
ALTER TABLE articles ADD COLUMN media_done INTEGER NOT NULL DEFAULT 0;
CREATE INDEX articles_media_pending ON articles(id) WHERE media_done = 0;

CREATE TABLE images (
    url         TEXT PRIMARY KEY,
    hash        TEXT,                -- content address of the file; NULL when the download failed
    mime        TEXT,
    bytes       INTEGER NOT NULL DEFAULT 0,
    error       TEXT,
    fetched_at  INTEGER NOT NULL
);
CREATE INDEX images_by_hash ON images(hash);

CREATE TABLE article_images (
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    url         TEXT NOT NULL,
    PRIMARY KEY (article_id, url)
) WITHOUT ROWID;
CREATE INDEX article_images_by_url ON article_images(url);
"#;

/// When a feed's icon was last looked for, so a feed without one is asked
/// again a day later rather than on every refresh.
const V4: &str = r#"
ALTER TABLE feeds ADD COLUMN icon_tried_at INTEGER;
"#;

/// What the sidebar counts and search filters test of an article, in
/// indexes, so that they never read the article rows, which carry the
/// content (a 16 KiB page holds about two). At 100,000 articles the
/// categories' counts went from 2 s to 0.2 s. `articles_feed_read` serves
/// what `articles_unread` did.
const V5: &str = r#"
CREATE INDEX articles_feed_read ON articles(feed_id, read);
CREATE INDEX articles_author_read ON articles(author_id, read);
CREATE INDEX articles_facts ON articles(id, feed_id, author_id, sort_date, read, bookmarked, origin_title);
DROP INDEX articles_unread;
"#;

/// When a feed's content was last read (a 200 that was parsed), unlike
/// `last_success_at`, which a 304 also moves. Retention asks whether an
/// article is still in its feed by comparing its `last_seen` with this: with
/// `last_success_at`, every read article of a feed answering 304 looked
/// gone, was deleted, and came back unread when the feed next changed.
/// Existing feeds start from the newest `last_seen` of their articles.
const V6: &str = r#"
ALTER TABLE feeds ADD COLUMN last_parsed_at INTEGER;
UPDATE feeds SET last_parsed_at = (SELECT max(last_seen) FROM articles WHERE feed_id = feeds.id);
"#;

/// A feed's URL identity (store/identity.rs), so that every lookup by URL
/// agrees: `https://site/feed/` finds `https://site/feed`. Not unique:
/// libraries from before may hold two URLs of one key, and keep both.
const V7: &str = r#"
ALTER TABLE feeds ADD COLUMN url_key TEXT;
UPDATE feeds SET url_key = tidings_url_key(url);
CREATE INDEX feeds_by_url_key ON feeds(url_key);
"#;

pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(V1), M::up(V2), M::up(V3), M::up(V4), M::up(V5), M::up(V6), M::up(V7)])
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        super::super::register_functions(&conn).unwrap();
        super::migrations().to_latest(&mut conn).unwrap();
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE name IN ('feeds', 'articles', 'search')", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(tables, 3);
    }
}
