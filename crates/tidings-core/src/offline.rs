//! Offline reading in full: the text of article pages (for feeds that give
//! only a summary), the images articles show, and feed icons, all stored
//! with the library; the reader's HTML pointing at those copies; and the
//! retention that keeps the library from growing forever.

use crate::cache::{image_urls, rewrite_images, sniff_image, CacheLimits, FileCache};
use crate::error::{Error, Result};
use crate::fetch::{Fetcher, Validators};
use crate::library::Library;
use crate::parse::encoding::{charset_of_content_type, decode};
use crate::sanitize::sanitize_html;
use crate::store;
use futures_util::stream::{self, StreamExt};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use std::sync::atomic::{AtomicU64, Ordering};
use url::Url;

/// Articles processed at once when caching for offline reading.
const JOBS: usize = 8;
/// A feed's items are "short" (and full text is switched on for it) when
/// their median text is shorter than this many characters.
pub const SHORT_ITEM_CHARS: usize = 500;

/// What an offline pass did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct OfflineReport {
    pub articles: usize,
    pub full_texts: usize,
    pub full_text_errors: usize,
    pub images: usize,
    pub image_errors: usize,
    pub image_bytes: u64,
}

/// Which version of an article the reader shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// The page's full text when there is one, else the feed's.
    Best,
    /// What the feed gave.
    Feed,
}

/// The cache as the settings show it.
#[derive(Debug, Clone, Serialize)]
pub struct CacheInfo {
    pub bytes: u64,
    pub images: i64,
    pub dir: String,
}

/// What retention removed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Cleanup {
    pub articles: usize,
    pub images: usize,
}

/// Articles read from the library at a time when caching for offline reading.
const PAGE: usize = 256;

struct Pending {
    id: i64,
    url: Option<String>,
    full_text: bool,
    content_html: String,
    full_html: Option<String>,
    tried_full: bool,
}

/// An image download, as the `images` table records it.
#[derive(Default)]
struct FetchedImage {
    url: String,
    hash: Option<String>,
    mime: Option<&'static str>,
    bytes: i64,
    error: Option<String>,
    fetched_at: i64,
}

/// What caching one article did, to be written with its page.
#[derive(Default)]
struct CachedArticle {
    id: i64,
    report: OfflineReport,
    fetched: Vec<FetchedImage>,
    /// Every image the article shows (downloaded now or before).
    shown: Vec<String>,
}

impl Library {
    /// The image and icon cache of this library.
    pub fn file_cache(&self) -> FileCache {
        FileCache::beside(self.path())
    }

    /// Makes the articles not yet cached readable offline: full text where
    /// their feed asks for it, then their images. Failures are recorded on
    /// the article or image and never stop the others.
    ///
    /// Works through the articles a page at a time, so memory holds one
    /// page of HTML however large the first refresh was, and each page's
    /// bookkeeping is written in one transaction.
    pub async fn cache_for_offline(&self, limits: CacheLimits) -> Result<OfflineReport> {
        let mut report = OfflineReport::default();
        let mut page = self.pending_page(0)?;
        if page.is_empty() {
            // Most refreshes bring nothing new: no walk over the cache's files.
            return Ok(report);
        }
        let cache = self.file_cache();
        let used = AtomicU64::new(cache.size());
        while let Some(last) = page.last() {
            let after = last.id;
            let done: Vec<Result<CachedArticle>> = stream::iter(page)
                .map(|p| self.cache_article(p, &cache, limits, &used))
                .buffer_unordered(JOBS)
                .collect()
                .await;
            let done = done.into_iter().collect::<Result<Vec<_>>>()?;
            self.write(|tx| {
                let mut image = tx.prepare_cached(
                    "INSERT OR REPLACE INTO images(url, hash, mime, bytes, error, fetched_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?;
                let mut shown = tx.prepare_cached("INSERT OR IGNORE INTO article_images(article_id, url) VALUES (?1, ?2)")?;
                let mut finished = tx.prepare_cached("UPDATE articles SET media_done = 1 WHERE id = ?1")?;
                for article in &done {
                    for img in &article.fetched {
                        image.execute(params![img.url, img.hash, img.mime, img.bytes, img.error, img.fetched_at])?;
                    }
                    for url in &article.shown {
                        shown.execute(params![article.id, url])?;
                    }
                    finished.execute([article.id])?;
                }
                Ok(())
            })?;
            for article in done {
                let r = article.report;
                report.articles += r.articles;
                report.full_texts += r.full_texts;
                report.full_text_errors += r.full_text_errors;
                report.images += r.images;
                report.image_errors += r.image_errors;
                report.image_bytes += r.image_bytes;
            }
            page = self.pending_page(after)?;
        }
        Ok(report)
    }

    /// The next articles (by id) whose offline copy is not made yet.
    fn pending_page(&self, after: i64) -> Result<Vec<Pending>> {
        let conn = self.reader.get();
        let mut stmt = conn.prepare_cached(
            "SELECT a.id, a.url, coalesce(f.full_text, 0), a.content_html, a.full_html, a.full_error IS NOT NULL
             FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id
             WHERE a.media_done = 0 AND a.id > ?1 ORDER BY a.id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![after, PAGE as i64], |r| {
            Ok(Pending {
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

    /// One article's offline copy: its full text (stored at once, it is
    /// content) and its images (the bookkeeping is returned, for the page's
    /// transaction).
    async fn cache_article(
        &self,
        p: Pending,
        cache: &FileCache,
        limits: CacheLimits,
        used: &AtomicU64,
    ) -> Result<CachedArticle> {
        let mut done = CachedArticle {
            id: p.id,
            report: OfflineReport { articles: 1, ..Default::default() },
            ..Default::default()
        };
        let report = &mut done.report;
        let needs_full_text = p.full_text && p.full_html.is_none() && !p.tried_full;
        let mut html = p.full_html.unwrap_or(p.content_html);
        if needs_full_text {
            if let Some(url) = p.url.as_deref() {
                match self.extract_full_text(p.id, url).await {
                    Ok(full) => {
                        report.full_texts += 1;
                        html = full;
                    }
                    Err(_) => report.full_text_errors += 1,
                }
            }
        }
        let mut article_bytes = 0u64;
        for url in image_urls(&html).into_iter().take(limits.images_per_article) {
            // A failed download is tried again after a day.
            let known: Option<(Option<String>, i64)> = self
                .reader
                .get()
                .prepare_cached(
                    "SELECT hash, bytes FROM images WHERE url = ?1 AND (hash IS NOT NULL OR fetched_at > ?2)",
                )?
                .query_row(params![&url, store::now() - 86_400], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            if let Some((hash, bytes)) = known {
                if hash.is_some() {
                    article_bytes += bytes as u64;
                }
                done.shown.push(url);
                continue;
            }
            let room = limits.per_article.saturating_sub(article_bytes).min(limits.per_image);
            let outcome = if used.load(Ordering::Relaxed) >= limits.total {
                Err("the image cache is full".to_string())
            } else if room == 0 {
                Err("the article's image allowance is used up".to_string())
            } else {
                fetch_image(&self.fetcher, &url, room).await
            };
            let mut row = FetchedImage { url: url.clone(), fetched_at: store::now(), ..Default::default() };
            match outcome {
                Ok((bytes, mime)) => {
                    let hash = cache
                        .store(&bytes)
                        .map_err(|source| Error::Io { path: cache.dir().display().to_string(), source })?;
                    used.fetch_add(bytes.len() as u64, Ordering::Relaxed);
                    article_bytes += bytes.len() as u64;
                    report.images += 1;
                    report.image_bytes += bytes.len() as u64;
                    row.hash = Some(hash);
                    row.mime = Some(mime);
                    row.bytes = bytes.len() as i64;
                }
                Err(reason) => {
                    report.image_errors += 1;
                    row.error = Some(reason);
                }
            }
            done.fetched.push(row);
            done.shown.push(url);
        }
        Ok(done)
    }

    /// Fetches an article's page, extracts its main content locally,
    /// sanitizes it and stores it beside the feed's version. A failure is
    /// recorded on the article (and returned).
    pub async fn extract_full_text(&self, id: i64, page_url: &str) -> Result<String> {
        let result = async {
            let fetched = self
                .fetcher
                .fetch_limited(page_url, &Validators::default(), crate::extract::MAX_PAGE_BYTES as u64)
                .await?;
            let body =
                fetched.body.ok_or_else(|| Error::NotAFeed { url: page_url.into(), reason: "empty page".into() })?;
            let final_url = fetched.final_url;
            tokio::task::spawn_blocking(move || {
                let text = decode(&body.bytes, body.content_type.as_deref().and_then(charset_of_content_type))
                    .text
                    .into_owned();
                let raw = crate::extract::main_content(&text, &final_url).map_err(Error::Invalid)?;
                Ok::<_, Error>(sanitize_html(&raw, Some(&final_url)))
            })
            .await
            .map_err(|e| Error::Invalid(format!("extraction failed: {e}")))?
        }
        .await;
        let stored = match &result {
            Ok(html) => self.write(|tx| {
                tx.prepare_cached(
                    "UPDATE articles SET full_html = ?2, full_error = NULL, media_done = 0 WHERE id = ?1",
                )?
                .execute(params![id, html])?;
                Ok(())
            }),
            Err(e) => {
                let msg = e.to_string();
                self.write(|tx| {
                    tx.prepare_cached("UPDATE articles SET full_error = ?2 WHERE id = ?1")?
                        .execute(params![id, msg])?;
                    Ok(())
                })
            }
        };
        stored?;
        result
    }

    /// The full text of an article, extracting it now if it has not been
    /// (the reader's "Load full article", `tidings show --full`).
    pub async fn full_text(&self, id: i64) -> Result<String> {
        let (url, full): (Option<String>, Option<String>) = self
            .reader
            .get()
            .prepare_cached("SELECT url, full_html FROM articles WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| Error::NotFound { what: "article", name: id.to_string() })?;
        if let Some(full) = full {
            return Ok(full);
        }
        let url = url.ok_or_else(|| Error::Invalid(format!("article {id} has no link to fetch its full text from")))?;
        self.extract_full_text(id, &url).await
    }

    /// The HTML the reader shows: the chosen version, with images pointing
    /// at their cached copies (`image_base` + hash), or at the web when
    /// `allow_remote`, or replaced by their alt text.
    pub fn reader_html(&self, id: i64, version: Version, image_base: &str, allow_remote: bool) -> Result<String> {
        self.article_html(id, version, &|hash| format!("{image_base}{hash}"), allow_remote)
    }

    /// The article's HTML with cached images as `file://` URLs of the cache
    /// (for `tidings show`, which prints HTML to read without a network).
    pub fn article_html_with_local_images(&self, id: i64, version: Version) -> Result<String> {
        let cache = self.file_cache();
        self.article_html(id, version, &|hash| cache.file_url(hash).unwrap_or_default(), true)
    }

    fn article_html(
        &self,
        id: i64,
        version: Version,
        image_url: &dyn Fn(&str) -> String,
        allow_remote: bool,
    ) -> Result<String> {
        let conn = self.reader.get();
        let (content, full): (String, Option<String>) = conn
            .prepare_cached("SELECT content_html, full_html FROM articles WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| Error::NotFound { what: "article", name: id.to_string() })?;
        let html = match (version, full) {
            (Version::Best, Some(full)) => full,
            _ => content,
        };
        let mut cached = std::collections::HashMap::new();
        {
            let mut stmt = conn.prepare_cached(
                "SELECT i.url, i.hash FROM article_images ai JOIN images i ON i.url = ai.url WHERE ai.article_id = ?1 AND i.hash IS NOT NULL",
            )?;
            for row in stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
                let (u, h) = row?;
                cached.insert(u, h);
            }
        }
        Ok(rewrite_images(&html, |url| match cached.get(url) {
            Some(hash) => Some(image_url(hash)),
            None if allow_remote => Some(url.to_string()),
            None => None,
        }))
    }

    /// A cached image's bytes and type.
    pub fn cached_image(&self, hash: &str) -> Option<(Vec<u8>, String)> {
        let bytes = self.file_cache().read(hash)?;
        let mime = sniff_image(&bytes)?.to_string();
        Some((bytes, mime))
    }

    /// A feed's cached icon.
    pub fn feed_icon(&self, feed_id: i64) -> Option<(Vec<u8>, String)> {
        let hash: Option<String> = self
            .reader
            .get()
            .prepare_cached("SELECT icon_hash FROM feeds WHERE id = ?1")
            .ok()?
            .query_row([feed_id], |r| r.get(0))
            .ok()?;
        self.cached_image(&hash?)
    }

    /// Fetches and caches the icons of feeds that have none yet: the
    /// feed's own image, else the site's favicon.
    pub async fn cache_feed_icons(&self) -> Result<usize> {
        let feeds: Vec<(i64, Option<String>, Option<String>, String)> = {
            let conn = self.reader.get();
            let mut stmt = conn.prepare_cached(
                "SELECT id, icon_url, site_url, url FROM feeds
                 WHERE icon_hash IS NULL AND status != 'gone' AND coalesce(icon_tried_at, 0) < ?1",
            )?;
            // A feed without an icon is asked again after a day, not on every refresh.
            let rows = stmt.query_map([store::now() - 86_400], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let cache = self.file_cache();
        let tried: Vec<(i64, Option<String>)> = stream::iter(feeds)
            .map(|(id, icon, site, url)| {
                let cache = cache.clone();
                async move {
                    let favicon =
                        |base: &str| Url::parse(base).ok().and_then(|u| u.join("/favicon.ico").ok()).map(String::from);
                    let mut candidates: Vec<String> =
                        [icon, site.as_deref().and_then(favicon), favicon(&url)].into_iter().flatten().collect();
                    // The site and the feed are often on one host: one favicon.
                    candidates.dedup();
                    for candidate in candidates {
                        if let Ok((bytes, _)) = fetch_image(&self.fetcher, &candidate, 1 << 20).await {
                            if let Ok(hash) = cache.store(&bytes) {
                                return (id, Some(hash));
                            }
                        }
                    }
                    (id, None)
                }
            })
            .buffer_unordered(JOBS)
            .collect()
            .await;
        let now = store::now();
        self.write(|tx| {
            let mut stmt = tx.prepare_cached("UPDATE feeds SET icon_hash = ?2, icon_tried_at = ?3 WHERE id = ?1")?;
            for (id, hash) in &tried {
                stmt.execute(params![id, hash, now])?;
            }
            Ok(())
        })?;
        Ok(tried.iter().filter(|(_, hash)| hash.is_some()).count())
    }

    /// Size of the image cache.
    pub fn cache_info(&self) -> Result<CacheInfo> {
        let cache = self.file_cache();
        let images: i64 =
            self.reader.get().query_row("SELECT count(*) FROM images WHERE hash IS NOT NULL", [], |r| r.get(0))?;
        Ok(CacheInfo { bytes: cache.size(), images, dir: cache.dir().display().to_string() })
    }

    /// Deletes every cached image (articles keep their text; images show
    /// their alt text until cached again).
    pub fn clear_image_cache(&self) -> Result<()> {
        self.write(|tx| {
            tx.execute_batch("DELETE FROM article_images; DELETE FROM images; UPDATE articles SET media_done = 0; UPDATE feeds SET icon_hash = NULL;")?;
            Ok(())
        })?;
        self.file_cache()
            .clear()
            .map_err(|source| Error::Io { path: self.file_cache().dir().display().to_string(), source })
    }

    /// Retention: deletes read articles older than `days` that their feed
    /// no longer lists, and the cached images nothing needs any more.
    /// Bookmarked articles and their images are never touched.
    pub fn cleanup(&self, days: u32) -> Result<Cleanup> {
        let cutoff = store::now() - i64::from(days) * 86_400;
        let cache = self.file_cache();
        let (articles, orphans) = self.write(|tx| {
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
                let mut stmt = tx.prepare(
                    "SELECT url, hash FROM images WHERE url NOT IN (SELECT url FROM article_images)",
                )?;
                let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?)))?;
                for row in rows {
                    let (url, hash) = row?;
                    tx.prepare_cached("DELETE FROM images WHERE url = ?1")?.execute([&url])?;
                    if let Some(h) = hash {
                        orphans.push(h);
                    }
                }
            }
            // A file stays while any image row or feed icon still uses it.
            orphans.retain(|h| {
                let used: bool = tx
                    .query_row(
                        "SELECT EXISTS(SELECT 1 FROM images WHERE hash = ?1) OR EXISTS(SELECT 1 FROM feeds WHERE icon_hash = ?1)",
                        [h],
                        |r| r.get(0),
                    )
                    .unwrap_or(true);
                !used
            });
            Ok((articles, orphans))
        })?;
        for h in &orphans {
            cache.remove(h);
        }
        Ok(Cleanup { articles, images: orphans.len() })
    }

    /// Whether any feed's host answers a TCP connection: the window uses
    /// it to notice that the network is back.
    pub async fn network_available(&self) -> bool {
        let hosts: Vec<String> = self
            .feeds()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|f| {
                let u = Url::parse(&f.url).ok()?;
                Some(format!("{}:{}", u.host_str()?, u.port_or_known_default()?))
            })
            .take(3)
            .collect();
        for host in hosts {
            let attempt =
                tokio::time::timeout(std::time::Duration::from_secs(3), tokio::net::TcpStream::connect(host)).await;
            if matches!(attempt, Ok(Ok(_))) {
                return true;
            }
        }
        false
    }
}

/// Downloads an image of at most `max` bytes and checks that it is one.
async fn fetch_image(fetcher: &Fetcher, url: &str, max: u64) -> std::result::Result<(Vec<u8>, &'static str), String> {
    let fetched = fetcher.fetch_limited(url, &Validators::default(), max).await.map_err(|e| e.to_string())?;
    let body = fetched.body.ok_or_else(|| "empty response".to_string())?;
    let mime = sniff_image(&body.bytes).ok_or_else(|| format!("{url}: not an image (by its content)"))?;
    Ok((body.bytes, mime))
}
