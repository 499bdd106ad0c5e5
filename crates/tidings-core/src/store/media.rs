//! What the offline copy keeps beside the articles: full texts, the cached
//! images (rows here, files in `<library>.cache/`), feed icons, and the
//! retention that deletes what nobody needs any more.

use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::HashMap;

/// An article whose offline copy is not made yet.
pub struct PendingArticle {
    pub id: i64,
    pub url: Option<String>,
    /// Its feed asks for the full text of every article.
    pub full_text: bool,
    pub content_html: String,
    pub full_html: Option<String>,
    /// Extracting its full text was tried (and failed).
    pub tried_full: bool,
}

/// The next `limit` articles after `after` (by id) whose offline copy is
/// not made yet.
pub fn pending_articles(conn: &Connection, after: i64, limit: usize) -> Result<Vec<PendingArticle>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.url, coalesce(f.full_text, 0), a.content_html, a.full_html, a.full_error IS NOT NULL
         FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id
         WHERE a.media_done = 0 AND a.id > ?1 ORDER BY a.id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![after, limit as i64], |r| {
        Ok(PendingArticle {
            id: r.get(0)?,
            url: r.get(1)?,
            full_text: r.get(2)?,
            content_html: r.get(3)?,
            full_html: r.get(4)?,
            tried_full: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Images among `urls` that need no download now: cached (Some hash, with
/// its size), or failed after `retry_failed_after` (None).
pub fn known_images(
    conn: &Connection,
    urls: &[String],
    retry_failed_after: i64,
) -> Result<HashMap<String, (Option<String>, i64)>> {
    let mut stmt =
        conn.prepare_cached("SELECT hash, bytes FROM images WHERE url = ?1 AND (hash IS NOT NULL OR fetched_at > ?2)")?;
    let mut known = HashMap::new();
    for url in urls {
        if let Some(row) =
            stmt.query_row(params![url, retry_failed_after], |r| Ok((r.get(0)?, r.get(1)?))).optional()?
        {
            known.insert(url.clone(), row);
        }
    }
    Ok(known)
}

/// An image download, as the `images` table records it.
#[derive(Default)]
pub struct ImageRecord {
    pub url: String,
    pub hash: Option<String>,
    pub mime: Option<&'static str>,
    pub bytes: i64,
    pub error: Option<String>,
    pub fetched_at: i64,
}

/// Records an article's offline copy as made: the images downloaded for
/// it and every image it shows.
pub fn record_offline_copy(tx: &Transaction, article_id: i64, fetched: &[ImageRecord], shown: &[String]) -> Result<()> {
    let mut image = tx.prepare_cached(
        "INSERT OR REPLACE INTO images(url, hash, mime, bytes, error, fetched_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for img in fetched {
        image.execute(params![img.url, img.hash, img.mime, img.bytes, img.error, img.fetched_at])?;
    }
    let mut show = tx.prepare_cached("INSERT OR IGNORE INTO article_images(article_id, url) VALUES (?1, ?2)")?;
    for url in shown {
        show.execute(params![article_id, url])?;
    }
    tx.prepare_cached("UPDATE articles SET media_done = 1 WHERE id = ?1")?.execute([article_id])?;
    Ok(())
}

/// Stores an article's extracted full text (sanitized); its images are
/// looked at again.
pub fn store_full_text(tx: &Transaction, id: i64, html: &str) -> Result<()> {
    tx.prepare_cached("UPDATE articles SET full_html = ?2, full_error = NULL, media_done = 0 WHERE id = ?1")?
        .execute(params![id, html])?;
    Ok(())
}

/// Records why an article's full text could not be extracted.
pub fn record_full_text_error(tx: &Transaction, id: i64, error: &str) -> Result<()> {
    tx.prepare_cached("UPDATE articles SET full_error = ?2 WHERE id = ?1")?.execute(params![id, error])?;
    Ok(())
}

/// An article's link and its full text, if extracted (None: no article).
pub fn link_and_full_text(conn: &Connection, id: i64) -> Result<Option<(Option<String>, Option<String>)>> {
    Ok(conn
        .prepare_cached("SELECT url, full_html FROM articles WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// An article's two versions, the feed's and the page's (None: no article).
pub fn versions(conn: &Connection, id: i64) -> Result<Option<(String, Option<String>)>> {
    Ok(conn
        .prepare_cached("SELECT content_html, full_html FROM articles WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The cached images an article shows: URL → content hash.
pub fn cached_images_of(conn: &Connection, article_id: i64) -> Result<HashMap<String, String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.url, i.hash FROM article_images ai JOIN images i ON i.url = ai.url
         WHERE ai.article_id = ?1 AND i.hash IS NOT NULL",
    )?;
    let rows = stmt.query_map([article_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A feed's cached icon (its content hash).
pub fn icon_hash(conn: &Connection, feed_id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT icon_hash FROM feeds WHERE id = ?1")?
        .query_row([feed_id], |r| r.get(0))
        .optional()?
        .flatten())
}

/// A feed with no cached icon.
pub struct IconlessFeed {
    pub id: i64,
    pub icon_url: Option<String>,
    pub site_url: Option<String>,
    pub url: String,
}

/// Feeds without an icon, not looked for since `tried_before`.
pub fn feeds_without_icon(conn: &Connection, tried_before: i64) -> Result<Vec<IconlessFeed>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, icon_url, site_url, url FROM feeds
         WHERE icon_hash IS NULL AND status != 'gone' AND coalesce(icon_tried_at, 0) < ?1",
    )?;
    let rows = stmt.query_map([tried_before], |r| {
        Ok(IconlessFeed { id: r.get(0)?, icon_url: r.get(1)?, site_url: r.get(2)?, url: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records the icons looked for now (a hash when one was found).
pub fn record_icons(tx: &Transaction, tried: &[(i64, Option<String>)], now: i64) -> Result<()> {
    let mut stmt = tx.prepare_cached("UPDATE feeds SET icon_hash = ?2, icon_tried_at = ?3 WHERE id = ?1")?;
    for (id, hash) in tried {
        stmt.execute(params![id, hash, now])?;
    }
    Ok(())
}

/// How many images are cached.
pub fn cached_image_count(conn: &Connection) -> Result<i64> {
    Ok(conn.prepare_cached("SELECT count(*) FROM images WHERE hash IS NOT NULL")?.query_row([], |r| r.get(0))?)
}

/// Forgets every cached image and icon (the files go separately); every
/// article's offline copy is to be made again.
pub fn forget_images(tx: &Transaction) -> Result<()> {
    tx.execute_batch(
        "DELETE FROM article_images; DELETE FROM images; UPDATE articles SET media_done = 0; UPDATE feeds SET icon_hash = NULL;",
    )?;
    Ok(())
}

/// Retention: deletes read articles stored before `cutoff` that their feed
/// no longer lists (never a bookmarked one), then the image rows nothing
/// shows. Returns how many articles went, and the content hashes of image
/// files that nothing uses any more (for the caller to delete).
pub fn delete_expired(tx: &Transaction, cutoff: i64) -> Result<(usize, Vec<String>)> {
    let articles = tx.execute(
        // The covering index finds the candidates without reading article rows (which
        // carry the content); by date, SQLite read every old row: 0.4 s at 100,000
        // articles, at every start, beside the window's first queries.
        "DELETE FROM articles INDEXED BY articles_facts WHERE bookmarked = 0 AND read = 1 AND sort_date < ?1
           AND (feed_id IS NULL OR last_seen < coalesce((SELECT last_parsed_at FROM feeds f WHERE f.id = articles.feed_id), 0))",
        [cutoff],
    )?;
    let mut orphans: Vec<String> = Vec::new();
    {
        let mut stmt = tx.prepare("SELECT url, hash FROM images WHERE url NOT IN (SELECT url FROM article_images)")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?)))?;
        let mut delete = tx.prepare_cached("DELETE FROM images WHERE url = ?1")?;
        for row in rows {
            let (url, hash) = row?;
            delete.execute([&url])?;
            orphans.extend(hash);
        }
    }
    // A file stays while any image row or feed icon still uses it.
    let mut used = tx.prepare_cached(
        "SELECT EXISTS(SELECT 1 FROM images WHERE hash = ?1) OR EXISTS(SELECT 1 FROM feeds WHERE icon_hash = ?1)",
    )?;
    let mut unused = Vec::with_capacity(orphans.len());
    for hash in orphans {
        if !used.query_row([&hash], |r| r.get::<_, bool>(0))? {
            unused.push(hash);
        }
    }
    Ok((articles, unused))
}
