//! Writes: subscriptions, the outcome of each fetch, and the articles a
//! feed brings. Article writes are upserts keyed by (feed, identity key):
//! a repeat costs one hash comparison, an update rewrites the content in
//! place and keeps read and bookmark state.

use crate::error::Result;
use crate::model::{ParsedFeed, Person};
use crate::prepare::PreparedArticle;
use rusqlite::{params, OptionalExtension, Transaction};
use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;

/// Separates categories in the search column (a unit separator, so that
/// category names with spaces or commas stay whole).
pub const CATEGORY_SEPARATOR: char = '\u{1f}';

/// Counts of what a store did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct StoreCounts {
    pub new: usize,
    pub updated: usize,
}

/// The folder with this name, created if needed.
pub fn ensure_folder(tx: &Transaction, name: &str) -> Result<i64> {
    let id = tx
        .prepare_cached(
            "INSERT INTO folders(name) VALUES (?1) ON CONFLICT(name) DO UPDATE SET name = folders.name RETURNING id",
        )?
        .query_row([name.trim()], |r| r.get(0))?;
    Ok(id)
}

/// A feed's items are "short" (and full text is switched on for it) when
/// their median text is shorter than this many characters: a summary and a
/// "read more" link, rarely more.
pub const SHORT_ITEM_CHARS: usize = 500;

/// Adds a subscription; returns its id, or None when the URL (by its
/// identity, store/identity.rs) is already subscribed.
pub fn insert_feed(
    tx: &Transaction,
    url: &str,
    title: Option<&str>,
    folder_id: Option<i64>,
    now: i64,
) -> Result<Option<i64>> {
    let key = super::url_key(url);
    if tx.prepare_cached("SELECT 1 FROM feeds WHERE url_key = ?1")?.exists([&key])? {
        return Ok(None);
    }
    let id = tx
        .prepare_cached("INSERT INTO feeds(url, url_key, title, folder_id, added_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(url) DO NOTHING RETURNING id")?
        .query_row(params![url, key, title, folder_id, now], |r| r.get(0))
        .optional()?;
    Ok(id)
}

/// Sets the site a feed belongs to (an OPML file's `htmlUrl`).
pub fn set_site_url(tx: &Transaction, feed_id: i64, site_url: &str) -> Result<()> {
    tx.prepare_cached("UPDATE feeds SET site_url = ?2 WHERE id = ?1")?.execute(params![feed_id, site_url])?;
    Ok(())
}

/// Puts a feed into a folder (None: out of any).
pub fn set_folder(tx: &Transaction, feed_id: i64, folder_id: Option<i64>) -> Result<()> {
    tx.prepare_cached("UPDATE feeds SET folder_id = ?2 WHERE id = ?1")?.execute(params![feed_id, folder_id])?;
    Ok(())
}

/// Removes folders that hold no feed.
pub fn remove_empty_folders(tx: &Transaction) -> Result<()> {
    tx.prepare_cached("DELETE FROM folders WHERE id NOT IN (SELECT folder_id FROM feeds WHERE folder_id IS NOT NULL)")?
        .execute([])?;
    Ok(())
}

/// Marks articles read or unread; returns how many changed.
pub fn set_read(tx: &Transaction, ids: &[i64], read: bool, now: i64) -> Result<usize> {
    let mut stmt = tx.prepare_cached(
        "UPDATE articles SET read = ?2, read_at = CASE WHEN ?2 THEN ?3 END WHERE id = ?1 AND read != ?2",
    )?;
    let mut changed = 0;
    for id in ids {
        changed += stmt.execute(params![id, read, now])?;
    }
    Ok(changed)
}

/// Adds or removes bookmarks; returns how many changed.
pub fn set_bookmarked(tx: &Transaction, ids: &[i64], bookmarked: bool, now: i64) -> Result<usize> {
    let mut stmt = tx.prepare_cached(
        "UPDATE articles SET bookmarked = ?2, bookmarked_at = CASE WHEN ?2 THEN ?3 END WHERE id = ?1 AND bookmarked != ?2",
    )?;
    let mut changed = 0;
    for id in ids {
        changed += stmt.execute(params![id, bookmarked, now])?;
    }
    Ok(changed)
}

/// Stores a setting.
pub fn set_setting(tx: &Transaction, key: &str, value: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, value])?;
    Ok(())
}

/// The store step of a successful fetch, shared by `add` and refresh: the
/// feed's own fields, whether it gets full text (`full_text`, else decided
/// from its items the first time), its articles (their search rows into
/// `index`, which the caller writes before committing), and the fetch's
/// validators. `parsed` is None when the content did not change (304, or
/// the same body as before).
pub fn store_fetch<'a>(
    tx: &Transaction,
    feed_id: i64,
    parsed: Option<(&ParsedFeed, &'a [PreparedArticle])>,
    full_text: Option<bool>,
    rec: &FetchRecord,
    index: &mut SearchBatch<'a>,
    now: i64,
) -> Result<StoreCounts> {
    let mut counts = StoreCounts::default();
    if let Some((feed, articles)) = parsed {
        update_feed_meta(tx, feed_id, feed)?;
        match full_text {
            Some(on) => set_full_text(tx, feed_id, on)?,
            None => decide_full_text(tx, feed_id, articles)?,
        }
        counts = store_articles(tx, feed_id, articles, now, index)?;
    }
    record_success(tx, feed_id, rec, now)?;
    Ok(counts)
}

/// What a successful fetch tells us about the feed itself.
pub struct FetchRecord<'a> {
    pub etag: Option<&'a str>,
    pub last_modified: Option<&'a str>,
    pub body_hash: Option<i64>,
    pub moved_to: Option<&'a str>,
}

/// Records a successful fetch (200 or 304).
pub fn record_success(tx: &Transaction, feed_id: i64, rec: &FetchRecord, now: i64) -> Result<()> {
    tx.prepare_cached(
        "UPDATE feeds SET status = 'ok', last_error = NULL, error_count = 0, retry_after = NULL,
                last_fetched_at = ?2, last_success_at = ?2,
                etag = coalesce(?3, etag), last_modified = coalesce(?4, last_modified),
                body_hash = coalesce(?5, body_hash)
         WHERE id = ?1",
    )?
    .execute(params![feed_id, now, rec.etag, rec.last_modified, rec.body_hash])?;
    if let Some(new_url) = rec.moved_to {
        // A permanent redirect moves the subscription, unless the user is
        // already subscribed to the new address.
        tx.prepare_cached(
            "UPDATE OR IGNORE feeds SET url = ?2, url_key = ?3
             WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM feeds WHERE url_key = ?3 AND id != ?1)",
        )?
        .execute(params![feed_id, new_url, super::url_key(new_url)])?;
    }
    Ok(())
}

/// Records a failed fetch. `retry_after` is a unix time the server asked us
/// to wait until; `gone` stops fetching for good.
pub fn record_failure(
    tx: &Transaction,
    feed_id: i64,
    error: &str,
    retry_after: Option<i64>,
    gone: bool,
    now: i64,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE feeds SET status = CASE WHEN ?5 THEN 'gone' ELSE 'error' END, last_error = ?2,
                error_count = error_count + 1, last_fetched_at = ?3, retry_after = ?4
         WHERE id = ?1",
    )?
    .execute(params![feed_id, error, now, retry_after, gone])?;
    Ok(())
}

/// Updates the feed's own metadata from a parsed document.
fn update_feed_meta(tx: &Transaction, feed_id: i64, feed: &ParsedFeed) -> Result<()> {
    tx.prepare_cached(
        "UPDATE feeds SET title = coalesce(?2, title), site_url = coalesce(?3, site_url), description = ?4,
                language = ?5, icon_url = coalesce(?6, icon_url), format = ?7
         WHERE id = ?1",
    )?
    .execute(params![
        feed_id,
        feed.title,
        feed.site_url,
        feed.description,
        feed.language,
        feed.icon_url,
        feed.format.as_str()
    ])?;
    Ok(())
}

/// Stores the articles of one fetch of a feed. Their search-index rows go
/// into `index`, which the caller writes before committing.
fn store_articles<'a>(
    tx: &Transaction,
    feed_id: i64,
    articles: &'a [PreparedArticle],
    now: i64,
    index: &mut SearchBatch<'a>,
) -> Result<StoreCounts> {
    tx.prepare_cached("UPDATE feeds SET last_parsed_at = ?2 WHERE id = ?1")?.execute(params![feed_id, now])?;
    let feed_title: Rc<str> = tx
        .prepare_cached("SELECT coalesce(custom_title, title, url) FROM feeds WHERE id = ?1")?
        .query_row([feed_id], |r| r.get::<_, String>(0))?
        .into();
    let mut existing: HashMap<String, (i64, i64)> = HashMap::new();
    {
        let mut stmt = tx.prepare_cached("SELECT key, id, content_hash FROM articles WHERE feed_id = ?1")?;
        let rows = stmt.query_map([feed_id], |r| Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?))))?;
        for row in rows {
            let (k, v) = row?;
            existing.insert(k, v);
        }
    }
    let mut counts = StoreCounts::default();
    let mut seen_before = Vec::new();
    let mut ids = NameIds::default();
    for a in articles {
        match existing.get(&a.key) {
            Some(&(id, hash)) if hash == a.content_hash => seen_before.push(id),
            Some(&(id, _)) => {
                update_article(tx, id, a, &mut ids)?;
                index.replace(id, a, &feed_title);
                counts.updated += 1;
                seen_before.push(id);
            }
            None => {
                let id = insert_article(tx, feed_id, a, now, &mut ids)?;
                index.add(id, a, &feed_title);
                counts.new += 1;
            }
        }
    }
    if !seen_before.is_empty() {
        let mut stmt = tx.prepare_cached("UPDATE articles SET last_seen = ?2 WHERE id = ?1")?;
        for id in seen_before {
            stmt.execute(params![id, now])?;
        }
    }
    Ok(counts)
}

/// Inserts an article; returns its id.
fn insert_article(tx: &Transaction, feed_id: i64, a: &PreparedArticle, now: i64, ids: &mut NameIds) -> Result<i64> {
    let author_id = a.author.as_ref().map(|p| ids.author(tx, p)).transpose()?.flatten();
    let sort_date = a.published.or(a.updated).map_or(now, |d| d.timestamp().min(now));
    // Not `RETURNING id`: SQLite gathers returned rows in a temporary
    // table, which costs more than the insert of a small row.
    tx.prepare_cached(
        "INSERT INTO articles(feed_id, key, guid, url, title, author_id, published, updated, sort_date, summary,
                              content_html, comments_url, comments_feed_url, enclosures, content_hash, first_seen, last_seen)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)",
    )?
    .execute(params![
        feed_id,
        a.key,
        a.guid,
        a.url,
        a.title,
        author_id,
        a.published.map(|d| d.timestamp()),
        a.updated.map(|d| d.timestamp()),
        sort_date,
        a.summary,
        a.content_html,
        a.comments_url,
        a.comments_feed_url,
        enclosures_json(a),
        a.content_hash,
        now
    ])?;
    let id = tx.last_insert_rowid();
    link_categories(tx, id, &a.categories, ids)?;
    Ok(id)
}

fn update_article(tx: &Transaction, id: i64, a: &PreparedArticle, ids: &mut NameIds) -> Result<()> {
    let author_id = a.author.as_ref().map(|p| ids.author(tx, p)).transpose()?.flatten();
    tx.prepare_cached(
        "UPDATE articles SET guid = ?2, url = ?3, title = ?4, author_id = ?5, published = ?6, updated = ?7,
                summary = ?8, content_html = ?9, comments_url = ?10, comments_feed_url = ?11, enclosures = ?12,
                content_hash = ?13,
                sort_date = CASE WHEN ?6 IS NOT NULL THEN min(?6, sort_date) ELSE sort_date END
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        a.guid,
        a.url,
        a.title,
        author_id,
        a.published.map(|d| d.timestamp()),
        a.updated.map(|d| d.timestamp()),
        a.summary,
        a.content_html,
        a.comments_url,
        a.comments_feed_url,
        enclosures_json(a),
        a.content_hash
    ])?;
    tx.prepare_cached("DELETE FROM article_categories WHERE article_id = ?1")?.execute([id])?;
    link_categories(tx, id, &a.categories, ids)?;
    Ok(())
}

fn enclosures_json(a: &PreparedArticle) -> Option<String> {
    (!a.enclosures.is_empty()).then(|| serde_json::to_string(&a.enclosures).unwrap_or_default())
}

/// The ids of the authors and categories one feed's articles name. A feed
/// names the same few again and again: each is looked up once, and written
/// only when it is new or has changed, since an upsert on every article was
/// a sixth of the writer's time on a first refresh.
#[derive(Default)]
struct NameIds {
    authors: HashMap<Person, Option<i64>>,
    categories: HashMap<String, i64>,
}

impl NameIds {
    fn author(&mut self, tx: &Transaction, p: &Person) -> Result<Option<i64>> {
        if let Some(&id) = self.authors.get(p) {
            return Ok(id);
        }
        let id = upsert_author(tx, p)?;
        self.authors.insert(p.clone(), id);
        Ok(id)
    }

    fn category(&mut self, tx: &Transaction, name: &str) -> Result<i64> {
        if let Some(&id) = self.categories.get(name) {
            return Ok(id);
        }
        let found = tx
            .prepare_cached("SELECT id FROM categories WHERE name = ?1")?
            .query_row([name], |r| r.get(0))
            .optional()?;
        let id = match found {
            Some(id) => id,
            None => {
                tx.prepare_cached("INSERT INTO categories(name) VALUES (?1)")?.execute([name])?;
                tx.last_insert_rowid()
            }
        };
        self.categories.insert(name.to_string(), id);
        Ok(id)
    }
}

fn upsert_author(tx: &Transaction, p: &Person) -> Result<Option<i64>> {
    let Some(name) = p.display_name() else {
        return Ok(None);
    };
    let found: Option<(i64, Option<String>, Option<String>)> = tx
        .prepare_cached("SELECT id, email, uri FROM authors WHERE name = ?1")?
        .query_row([name], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    if let Some((id, email, uri)) = &found {
        // Known, and nothing new to add about them: no write.
        let adds = |new: &Option<String>, old: &Option<String>| new.is_some() && new != old;
        if !adds(&p.email, email) && !adds(&p.uri, uri) {
            return Ok(Some(*id));
        }
    }
    let id = tx
        .prepare_cached(
            "INSERT INTO authors(name, email, uri) VALUES (?1, ?2, ?3)
             ON CONFLICT(name) DO UPDATE SET email = coalesce(excluded.email, authors.email), uri = coalesce(excluded.uri, authors.uri)
             RETURNING id",
        )?
        .query_row(params![name, p.email, p.uri], |r| r.get(0))?;
    Ok(Some(id))
}

fn link_categories(tx: &Transaction, article_id: i64, categories: &[String], ids: &mut NameIds) -> Result<()> {
    if categories.is_empty() {
        return Ok(());
    }
    let mut link =
        tx.prepare_cached("INSERT OR IGNORE INTO article_categories(article_id, category_id) VALUES (?1, ?2)")?;
    for c in categories {
        link.execute(params![article_id, ids.category(tx, c)?])?;
    }
    Ok(())
}

/// Search-index rows written together, once per transaction.
///
/// Why batch: every statement that writes to an FTS5 table inside a
/// transaction opens a statement savepoint, and FTS5 flushes its in-memory
/// index to disk at every savepoint. One INSERT per article thus writes one
/// tiny segment per article and spends most of a refresh merging them. The
/// rows wait here and reach the index in one multi-row INSERT: one segment
/// per batch of feeds. They borrow the articles' text (a batch lives no
/// longer than the articles it indexes), so no article is copied on its way.
#[derive(Default)]
pub struct SearchBatch<'a> {
    rows: Vec<SearchRow<'a>>,
    /// Articles whose old index entry must go first (updated in place).
    replaced: Vec<i64>,
}

struct SearchRow<'a> {
    id: i64,
    title: Cow<'a, str>,
    body: Cow<'a, str>,
    author: Cow<'a, str>,
    categories: String,
    feed: Rc<str>,
}

/// Rows per INSERT statement: six parameters each, under SQLite's limit of
/// 32,766 parameters. A batch is about a thousand rows, so one statement.
const ROWS_PER_INSERT: usize = 5000;

impl<'a> SearchBatch<'a> {
    fn add(&mut self, id: i64, a: &'a PreparedArticle, feed_title: &Rc<str>) {
        let author = a.author.as_ref().and_then(|p| p.display_name()).unwrap_or("");
        self.rows.push(SearchRow {
            id,
            categories: a.categories.join(&CATEGORY_SEPARATOR.to_string()),
            title: Cow::Borrowed(&a.title),
            body: Cow::Borrowed(&a.body_text),
            author: Cow::Borrowed(author),
            feed: Rc::clone(feed_title),
        });
    }

    fn replace(&mut self, id: i64, a: &'a PreparedArticle, feed_title: &Rc<str>) {
        self.replaced.push(id);
        self.add(id, a, feed_title);
    }

    /// Writes the waiting rows to the index (in `tx`) and empties the batch.
    pub fn write(&mut self, tx: &Transaction) -> Result<()> {
        if !self.replaced.is_empty() {
            tx.prepare_cached("DELETE FROM search WHERE rowid IN (SELECT value FROM json_each(?1))")?
                .execute([serde_json::to_string(&self.replaced).unwrap_or_default()])?;
            self.replaced.clear();
        }
        for rows in self.rows.chunks(ROWS_PER_INSERT) {
            // Not cached: the number of rows differs from batch to batch.
            let mut insert = tx.prepare(&insert_rows_sql(rows.len()))?;
            for (i, r) in rows.iter().enumerate() {
                let first = i * 6 + 1;
                insert.raw_bind_parameter(first, r.id)?;
                insert.raw_bind_parameter(first + 1, &*r.title)?;
                insert.raw_bind_parameter(first + 2, &*r.body)?;
                insert.raw_bind_parameter(first + 3, &*r.author)?;
                insert.raw_bind_parameter(first + 4, &r.categories)?;
                insert.raw_bind_parameter(first + 5, &*r.feed)?;
            }
            insert.raw_execute()?;
        }
        self.rows.clear();
        Ok(())
    }
}

/// `INSERT INTO search … VALUES (?, …), …` for `rows` rows.
fn insert_rows_sql(rows: usize) -> String {
    format!(
        "INSERT INTO search(rowid, title, body, author, categories, feed) VALUES {}",
        vec!["(?,?,?,?,?,?)"; rows].join(",")
    )
}

/// Sets whether a feed's articles get their full text from their pages.
pub fn set_full_text(tx: &Transaction, feed_id: i64, on: bool) -> Result<()> {
    tx.prepare_cached("UPDATE feeds SET full_text = ?2 WHERE id = ?1")?.execute(params![feed_id, on])?;
    Ok(())
}

/// The first time a feed is read, full text is switched on if its items
/// are short (a summary and a "read more" link), off otherwise.
fn decide_full_text(tx: &Transaction, feed_id: i64, articles: &[PreparedArticle]) -> Result<()> {
    if articles.is_empty() {
        return Ok(());
    }
    // Counted only as far as the threshold: long items are long enough.
    let limit = SHORT_ITEM_CHARS;
    let mut lengths: Vec<usize> = articles.iter().map(|a| a.body_text.chars().take(limit).count()).collect();
    lengths.sort_unstable();
    let short = lengths[lengths.len() / 2] < limit;
    tx.prepare_cached("UPDATE feeds SET full_text = ?2 WHERE id = ?1 AND full_text IS NULL")?
        .execute(params![feed_id, short])?;
    Ok(())
}

/// Renames a feed for the user; the search index follows (its rows are
/// rebuilt from the stored articles, as the index keeps no text of its own).
pub fn rename_feed(tx: &Transaction, feed_id: i64, title: Option<&str>) -> Result<()> {
    tx.prepare_cached("UPDATE feeds SET custom_title = ?2 WHERE id = ?1")?.execute(params![feed_id, title])?;
    let mut index = SearchBatch::default();
    {
        let mut stmt = tx.prepare_cached(
            "SELECT a.id, a.title, a.content_html, au.name,
                    (SELECT group_concat(k.name, char(31)) FROM article_categories ac JOIN categories k ON k.id = ac.category_id
                     WHERE ac.article_id = a.id),
                    (SELECT coalesce(custom_title, title, url) FROM feeds WHERE id = ?1)
             FROM articles a LEFT JOIN authors au ON au.id = a.author_id WHERE a.feed_id = ?1",
        )?;
        let rows = stmt.query_map([feed_id], |r| {
            Ok(SearchRow {
                id: r.get(0)?,
                title: Cow::Owned(r.get(1)?),
                body: Cow::Owned(crate::parse::html_to_text(&r.get::<_, String>(2)?)),
                author: Cow::Owned(r.get::<_, Option<String>>(3)?.unwrap_or_default()),
                categories: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                feed: r.get::<_, String>(5)?.into(),
            })
        })?;
        for row in rows {
            let row = row?;
            index.replaced.push(row.id);
            index.rows.push(row);
        }
    }
    index.write(tx)
}

/// Removes a subscription and its articles, except bookmarked ones, which
/// stay (with the feed's title) until the user removes the bookmark.
pub fn remove_feed(tx: &Transaction, feed_id: i64) -> Result<usize> {
    tx.prepare_cached(
        "UPDATE articles SET origin_title = (SELECT coalesce(custom_title, title, url) FROM feeds WHERE id = ?1)
         WHERE feed_id = ?1 AND bookmarked = 1",
    )?
    .execute([feed_id])?;
    let deleted =
        tx.prepare_cached("DELETE FROM articles WHERE feed_id = ?1 AND bookmarked = 0")?.execute([feed_id])?;
    tx.prepare_cached("DELETE FROM feeds WHERE id = ?1")?.execute([feed_id])?;
    Ok(deleted)
}
