//! Offline reading in full: the text of article pages (for feeds that give
//! only a summary), the images articles show, and feed icons, all stored
//! with the library; the reader's HTML pointing at those copies; and the
//! retention that keeps the library from growing forever.
//!
//! Each article's copy is its own item: one that fails (a full disk, a
//! broken cache directory) is reported and tried again at the next refresh,
//! and never stops the others.

use super::Library;
use crate::cache::{image_urls, rewrite_images, sniff_image, CacheLimits, FileCache};
use crate::error::{Error, Result};
use crate::fetch::{Fetcher, Validators};
use crate::parse::encoding::{charset_of_content_type, decode};
use crate::sanitize::sanitize_html;
use crate::store::{self, media};
use crate::view::{CacheInfo, Cleanup, OfflineReport};
use futures_util::stream::{self, StreamExt};
use std::sync::atomic::{AtomicU64, Ordering};
use url::Url;

/// Articles processed at once when caching for offline reading.
const JOBS: usize = 8;
/// Articles read from the library at a time when caching for offline
/// reading: memory holds one page of HTML however large the first refresh.
const PAGE: usize = 256;
/// A failed image or icon download is tried again after a day, not at
/// every refresh.
const RETRY_AFTER_SECS: i64 = 86_400;

/// Which version of an article the reader shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// The page's full text when there is one, else the feed's.
    Best,
    /// What the feed gave.
    Feed,
}

/// What caching one article did, to be recorded with its page.
#[derive(Default)]
struct CachedArticle {
    id: i64,
    report: OfflineReport,
    fetched: Vec<media::ImageRecord>,
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
    /// the article or image, or in the report, and never stop the others.
    pub async fn cache_for_offline(&self, limits: CacheLimits) -> Result<OfflineReport> {
        let mut report = OfflineReport::default();
        let mut page = self.db(|l| media::pending_articles(&l.reader(), 0, PAGE)).await?;
        if page.is_empty() {
            // Most refreshes bring nothing new: no walk over the cache's files.
            return Ok(report);
        }
        let cache = self.file_cache();
        let used = AtomicU64::new(cache.size());
        while let Some(last) = page.last() {
            let after = last.id;
            let done: Vec<(i64, Result<CachedArticle>)> = stream::iter(page)
                .map(|p| async {
                    let id = p.id;
                    (id, self.cache_article(p, &cache, limits, &used).await)
                })
                .buffer_unordered(JOBS)
                .collect()
                .await;
            let mut cached = Vec::with_capacity(done.len());
            for (id, result) in done {
                match result {
                    Ok(article) => cached.push(article),
                    Err(e) => report.failed.push(format!("article {id}: {e}")),
                }
            }
            let cached = self
                .db(move |l| {
                    l.write(|tx| {
                        for a in &cached {
                            media::record_offline_copy(tx, a.id, &a.fetched, &a.shown)?;
                        }
                        Ok(())
                    })?;
                    Ok(cached)
                })
                .await?;
            for article in cached {
                let r = article.report;
                report.articles += r.articles;
                report.full_texts += r.full_texts;
                report.full_text_errors += r.full_text_errors;
                report.images += r.images;
                report.image_errors += r.image_errors;
                report.image_bytes += r.image_bytes;
            }
            page = self.db(move |l| media::pending_articles(&l.reader(), after, PAGE)).await?;
        }
        Ok(report)
    }

    /// One article's offline copy: its full text (stored at once, it is
    /// content) and its images (the bookkeeping is returned, for the page's
    /// transaction).
    async fn cache_article(
        &self,
        p: media::PendingArticle,
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
        let urls: Vec<String> = image_urls(&html).into_iter().take(limits.images_per_article).collect();
        let known = {
            let urls = urls.clone();
            self.db(move |l| media::known_images(&l.reader(), &urls, store::now() - RETRY_AFTER_SECS)).await?
        };
        let mut article_bytes = 0u64;
        for url in urls {
            if let Some((hash, bytes)) = known.get(&url) {
                if hash.is_some() {
                    article_bytes += *bytes as u64;
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
                fetch_image(self.fetcher(), &url, room).await
            };
            let mut row = media::ImageRecord { url: url.clone(), fetched_at: store::now(), ..Default::default() };
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
            let fetched =
                self.fetcher().fetch_limited(page_url, &Validators::default(), crate::limits::PAGE_BYTES).await?;
            let body =
                fetched.body.ok_or_else(|| Error::NotAFeed { url: page_url.into(), reason: "empty page".into() })?;
            let final_url = fetched.final_url;
            tokio::task::spawn_blocking(move || {
                let text = decode(&body.bytes, body.content_type.as_deref().and_then(charset_of_content_type))
                    .text
                    .into_owned();
                let raw = crate::extract::main_content(&text, &final_url).map_err(Error::Invalid)?;
                // Sanitized here, the last step before the store: full text
                // enters the library by this path only.
                Ok::<_, Error>(sanitize_html(&raw, Some(&final_url)))
            })
            .await
            .map_err(Error::from_join)?
        }
        .await;
        let outcome = match &result {
            Ok(html) => Ok(html.clone()),
            Err(e) => Err(e.to_string()),
        };
        self.db(move |l| {
            l.write(|tx| match &outcome {
                Ok(html) => media::store_full_text(tx, id, html),
                Err(msg) => media::record_full_text_error(tx, id, msg),
            })
        })
        .await?;
        result
    }

    /// The full text of an article, extracting it now if it has not been
    /// (the reader's "Load full article", `tidings show --full`).
    pub async fn full_text(&self, id: i64) -> Result<String> {
        let (url, full) = self
            .db(move |l| media::link_and_full_text(&l.reader(), id))
            .await?
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
        let conn = self.reader();
        let (content, full) =
            media::versions(&conn, id)?.ok_or_else(|| Error::NotFound { what: "article", name: id.to_string() })?;
        let html = match (version, full) {
            (Version::Best, Some(full)) => full,
            _ => content,
        };
        let cached = media::cached_images_of(&conn, id)?;
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
        let hash = media::icon_hash(&self.reader(), feed_id).ok()??;
        self.cached_image(&hash)
    }

    /// Fetches and caches the icons of feeds that have none yet: the
    /// feed's own image, else the site's favicon.
    pub async fn cache_feed_icons(&self) -> Result<usize> {
        let feeds = self.db(|l| media::feeds_without_icon(&l.reader(), store::now() - RETRY_AFTER_SECS)).await?;
        let cache = self.file_cache();
        let tried: Vec<(i64, Option<String>)> = stream::iter(feeds)
            .map(|feed| {
                let cache = cache.clone();
                async move {
                    let favicon =
                        |base: &str| Url::parse(base).ok().and_then(|u| u.join("/favicon.ico").ok()).map(String::from);
                    let mut candidates: Vec<String> =
                        [feed.icon_url, feed.site_url.as_deref().and_then(favicon), favicon(&feed.url)]
                            .into_iter()
                            .flatten()
                            .collect();
                    // The site and the feed are often on one host: one favicon.
                    candidates.dedup();
                    for candidate in candidates {
                        if let Ok((bytes, _)) = fetch_image(self.fetcher(), &candidate, crate::limits::ICON_BYTES).await
                        {
                            if let Ok(hash) = cache.store(&bytes) {
                                return (feed.id, Some(hash));
                            }
                        }
                    }
                    (feed.id, None)
                }
            })
            .buffer_unordered(JOBS)
            .collect()
            .await;
        let found = tried.iter().filter(|(_, hash)| hash.is_some()).count();
        self.db(move |l| l.write(|tx| media::record_icons(tx, &tried, store::now()))).await?;
        Ok(found)
    }

    /// Size of the image cache.
    pub fn cache_info(&self) -> Result<CacheInfo> {
        let cache = self.file_cache();
        let images = media::cached_image_count(&self.reader())?;
        Ok(CacheInfo { bytes: cache.size(), images, dir: cache.dir().display().to_string() })
    }

    /// Deletes every cached image (articles keep their text; images show
    /// their alt text until cached again).
    pub fn clear_image_cache(&self) -> Result<()> {
        self.write(media::forget_images)?;
        let cache = self.file_cache();
        cache.clear().map_err(|source| Error::Io { path: cache.dir().display().to_string(), source })
    }

    /// Retention: deletes read articles older than `days` that their feed
    /// no longer lists, and the cached images nothing needs any more.
    /// Bookmarked articles and their images are never touched.
    pub fn cleanup(&self, days: u32) -> Result<Cleanup> {
        let cutoff = store::now() - i64::from(days) * 86_400;
        let (articles, unused) = self.write(|tx| media::delete_expired(tx, cutoff))?;
        let cache = self.file_cache();
        for hash in &unused {
            cache.remove(hash);
        }
        Ok(Cleanup { articles, images: unused.len() })
    }

    /// Whether any feed's host answers a TCP connection: the window uses
    /// it to notice that the network is back.
    pub async fn network_available(&self) -> bool {
        let hosts: Vec<String> = self
            .db(|l| l.feeds())
            .await
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
