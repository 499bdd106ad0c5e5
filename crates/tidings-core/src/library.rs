//! [`Library`]: the façade both faces use. Every operation the CLI and the
//! desktop app offer is one method here.

use crate::discover::discover;
use crate::error::{Error, Result};
use crate::fetch::{parse_http_url, FetchConfig, Fetcher, Validators};
use crate::model::ParsedFeed;
use crate::opml::{parse_opml, write_opml, OpmlFeed, OpmlSkipped};
use crate::parse::parse_feed;
use crate::prepare::prepare_entries;
use crate::query::{ArticleFilter, FeedRef};
use crate::refresh::{self, RefreshProgress, RefreshReport};
use crate::store::{self, read, write};
use crate::view::{Article, ArticleMeta, ArticleRow, Feed, InspectedEntry, InspectedFeed, NameCount, Settings};
use rusqlite::Connection;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

/// The application identifier; the desktop app keeps its data in a
/// directory of this name, and the CLI finds the shared library there.
pub const APP_ID: &str = "org.tidings.Tidings";

/// The library both faces share when neither `--db` nor `$TIDINGS_DB` says
/// otherwise: `tidings.db` in the desktop app's data directory.
pub fn default_library_path() -> PathBuf {
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join(APP_ID).join("tidings.db")
}

/// Options of [`Library::add_feed`].
#[derive(Debug, Clone, Default)]
pub struct AddOptions {
    pub folder: Option<String>,
    /// Fetch every article's page for its full text. None: decided from
    /// the feed (on when its items are short).
    pub full_text: Option<bool>,
}

/// The result of [`Library::add_feed`].
#[derive(Debug, Clone, Serialize)]
pub struct Added {
    pub feed: Feed,
    /// Articles stored by the first fetch.
    pub new: usize,
    /// True when the feed was already subscribed (nothing changed).
    pub already_subscribed: bool,
}

/// The result of [`Library::import_opml`].
#[derive(Debug, Clone, Serialize, Default)]
pub struct ImportReport {
    pub added: Vec<OpmlFeed>,
    pub duplicates: Vec<String>,
    pub skipped: Vec<OpmlSkipped>,
}

/// Options of [`Library::refresh`].
#[derive(Debug, Clone)]
pub struct RefreshOptions {
    pub feed: Option<FeedRef>,
    pub jobs: usize,
    /// After storing, make new articles readable offline (full text where
    /// the feed asks for it, images, feed icons) and apply retention.
    pub offline_copy: bool,
}

impl Default for RefreshOptions {
    fn default() -> Self {
        RefreshOptions { feed: None, jobs: refresh::DEFAULT_JOBS, offline_copy: true }
    }
}

/// An open library: the SQLite file plus the HTTP client.
pub struct Library {
    path: PathBuf,
    /// All writes go through this connection, one transaction at a time.
    pub(crate) writer: Arc<Mutex<Connection>>,
    /// Reads use their own connections so that they never wait for a
    /// refresh's writes (WAL), nor for each other.
    pub(crate) reader: Readers,
    pub(crate) fetcher: Fetcher,
}

pub(crate) fn lock(m: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    // A panic while holding the lock leaves SQLite consistent (it rolls
    // back the open transaction), so a poisoned lock is still usable.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// How many connections serve reads.
const READERS: usize = 3;

/// A few reading connections: the window asks for the sidebar's counts, an
/// article and a list page at once, and one slow query (counts over
/// 100,000 articles) must not make the article wait behind it.
pub(crate) struct Readers(Vec<Mutex<Connection>>);

impl Readers {
    fn open(path: &Path) -> Result<Readers> {
        Ok(Readers((0..READERS).map(|_| store::open(path).map(Mutex::new)).collect::<Result<_>>()?))
    }

    pub(crate) fn all(&self) -> impl Iterator<Item = &Mutex<Connection>> {
        self.0.iter()
    }

    /// A free connection, else the first to become free. (Polled: reads
    /// take milliseconds, and waiting on one connection in particular made
    /// a list page wait behind the slowest count at start.)
    pub(crate) fn get(&self) -> MutexGuard<'_, Connection> {
        loop {
            for m in &self.0 {
                match m.try_lock() {
                    Ok(conn) => return conn,
                    Err(std::sync::TryLockError::Poisoned(p)) => return p.into_inner(),
                    Err(std::sync::TryLockError::WouldBlock) => {}
                }
            }
            std::thread::sleep(std::time::Duration::from_micros(500));
        }
    }
}

impl Library {
    /// Opens the library at `path`, creating it if needed.
    pub fn open(path: impl AsRef<Path>) -> Result<Library> {
        Library::open_with(path, FetchConfig::default())
    }

    /// Opens with a fetcher of these limits (tests use short timeouts).
    pub fn open_with(path: impl AsRef<Path>, config: FetchConfig) -> Result<Library> {
        let path = path.as_ref().to_path_buf();
        let writer = store::open(&path)?;
        let reader = Readers::open(&path)?;
        Ok(Library { path, writer: Arc::new(Mutex::new(writer)), reader, fetcher: Fetcher::new(config)? })
    }

    /// Where the library file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    // ---- subscriptions ---------------------------------------------------

    /// Subscribes to a feed URL, or to the feed a site URL links to; fetches
    /// it once. Stores nothing when no feed is found.
    pub async fn add_feed(&self, url: &str, options: &AddOptions) -> Result<Added> {
        let existing = refresh::subscribed(&self.reader.get(), parse_http_url(url)?.as_str())?;
        if let Some(id) = existing {
            return Ok(Added { feed: self.feed(id)?, new: 0, already_subscribed: true });
        }
        let found = discover(&self.fetcher, url).await?;
        let feed_url = found.url.to_string();
        let existing = refresh::subscribed(&self.reader.get(), &feed_url)?;
        if let Some(id) = existing {
            return Ok(Added { feed: self.feed(id)?, new: 0, already_subscribed: true });
        }
        let final_url = found.fetched.final_url.clone();
        let validators = found.fetched.validators.clone();
        let body_hash = found.fetched.body.as_ref().map(|b| refresh::body_hash(&b.bytes));
        let folder = options.folder.clone();
        let full_text = options.full_text;
        let feed = found.feed;
        let writer = self.writer.clone();
        let (id, counts) = tokio::task::spawn_blocking(move || -> Result<(i64, write::StoreCounts)> {
            let articles = prepare_entries(&feed, Some(&final_url));
            let now = store::now();
            let mut conn = lock(&writer);
            let tx = conn.transaction()?;
            let folder_id =
                folder.as_deref().filter(|f| !f.trim().is_empty()).map(|f| write::ensure_folder(&tx, f)).transpose()?;
            let id = write::insert_feed(&tx, &feed_url, feed.title.as_deref(), folder_id, now)?
                .ok_or_else(|| Error::Invalid(format!("already subscribed to {feed_url}")))?;
            write::update_feed_meta(&tx, id, &feed)?;
            match full_text {
                Some(on) => write::set_full_text(&tx, id, on)?,
                None => write::decide_full_text(&tx, id, &articles)?,
            }
            let mut index = write::SearchBatch::default();
            let counts = write::store_articles(&tx, id, &articles, now, &mut index)?;
            index.write(&tx)?;
            let rec = write::FetchRecord {
                etag: validators.etag.as_deref(),
                last_modified: validators.last_modified.as_deref(),
                body_hash,
                moved_to: None,
            };
            write::record_success(&tx, id, &rec, now)?;
            tx.commit()?;
            Ok((id, counts))
        })
        .await
        .map_err(|e| Error::Invalid(format!("add task failed: {e}")))??;
        Ok(Added { feed: self.feed(id)?, new: counts.new, already_subscribed: false })
    }

    /// Unsubscribes. Bookmarked articles of the feed are kept.
    pub fn remove_feed(&self, feed: &FeedRef) -> Result<Feed> {
        let id = read::feed_id(&self.reader.get(), feed)?;
        let before = self.feed(id)?;
        self.write(|tx| write::remove_feed(tx, id).map(|_| ()))?;
        Ok(before)
    }

    /// Turns full-text fetching on or off for a feed.
    pub fn set_full_text(&self, feed: &FeedRef, on: bool) -> Result<Feed> {
        let id = read::feed_id(&self.reader.get(), feed)?;
        self.write(|tx| write::set_full_text(tx, id, on))?;
        self.feed(id)
    }

    /// Gives a feed the user's own title (None: back to the feed's title).
    pub fn rename_feed(&self, feed: &FeedRef, title: Option<&str>) -> Result<Feed> {
        let id = read::feed_id(&self.reader.get(), feed)?;
        let title = title.map(str::trim).filter(|t| !t.is_empty());
        self.write(|tx| write::rename_feed(tx, id, title))?;
        self.feed(id)
    }

    /// Moves a feed into a folder (None: out of any folder). Folders left
    /// empty are removed.
    pub fn move_feed(&self, feed: &FeedRef, folder: Option<&str>) -> Result<Feed> {
        let id = read::feed_id(&self.reader.get(), feed)?;
        let folder = folder.map(str::trim).filter(|f| !f.is_empty());
        self.write(|tx| {
            let folder_id = folder.map(|f| write::ensure_folder(tx, f)).transpose()?;
            tx.execute("UPDATE feeds SET folder_id = ?2 WHERE id = ?1", rusqlite::params![id, folder_id])?;
            tx.execute(
                "DELETE FROM folders WHERE id NOT IN (SELECT folder_id FROM feeds WHERE folder_id IS NOT NULL)",
                [],
            )?;
            Ok(())
        })?;
        self.feed(id)
    }

    /// Subscribes to every feed of an OPML document, keeping its folders.
    /// Fetches nothing; duplicates are skipped, unusable entries reported.
    pub fn import_opml(&self, text: &str) -> Result<ImportReport> {
        let doc = parse_opml(text)?;
        let mut report = ImportReport { skipped: doc.skipped, ..ImportReport::default() };
        self.write(|tx| {
            let now = store::now();
            for f in doc.feeds {
                let folder_id = f.folder.as_deref().map(|name| write::ensure_folder(tx, name)).transpose()?;
                match write::insert_feed(tx, &f.url, f.title.as_deref(), folder_id, now)? {
                    Some(id) => {
                        if let Some(site) = &f.site_url {
                            tx.execute("UPDATE feeds SET site_url = ?2 WHERE id = ?1", rusqlite::params![id, site])?;
                        }
                        report.added.push(f);
                    }
                    None => report.duplicates.push(f.url),
                }
            }
            // A folder whose feeds were all duplicates elsewhere stays empty.
            tx.execute(
                "DELETE FROM folders WHERE id NOT IN (SELECT folder_id FROM feeds WHERE folder_id IS NOT NULL)",
                [],
            )?;
            Ok(())
        })?;
        Ok(report)
    }

    /// OPML 2.0 of every subscription with its folder.
    pub fn export_opml(&self) -> Result<String> {
        let now = chrono::Utc::now().to_rfc2822();
        Ok(write_opml(&self.feeds()?, &now))
    }

    /// Fetches all feeds (or one) now.
    pub async fn refresh(
        &self,
        options: &RefreshOptions,
        progress: &(dyn Fn(RefreshProgress) + Send + Sync),
    ) -> Result<RefreshReport> {
        let due = {
            let conn = self.reader.get();
            let only = options.feed.as_ref().map(|f| read::feed_id(&conn, f)).transpose()?;
            refresh::due_feeds(&conn, only)?
        };
        let checkpointer = store::Checkpointer::start(&self.path, &lock(&self.writer));
        let mut report = refresh::refresh_feeds(&self.fetcher, self.writer.clone(), due, options.jobs, progress).await;
        // With no network, every download would fail: leave the offline
        // copy for the next refresh instead of recording failures.
        if options.offline_copy && !report.offline {
            let settings = self.settings()?;
            self.cache_feed_icons().await?;
            report.offline_copy = Some(self.cache_for_offline(settings.cache_limits()).await?);
            if settings.retention_days > 0 {
                report.cleanup = Some(self.cleanup(settings.retention_days)?);
            }
        }
        checkpointer.finish(&lock(&self.writer));
        Ok(report)
    }

    /// Hands back the page caches of every connection after a burst of
    /// work (a refresh fills the writer's, the sidebar's counts the
    /// readers'). A long-running app calls it; they refill on demand.
    pub fn release_memory(&self) {
        for conn in std::iter::once(&*self.writer).chain(self.reader.all()) {
            let _ = lock(conn).execute_batch("PRAGMA shrink_memory");
        }
    }

    // ---- reading ---------------------------------------------------------

    pub fn feeds(&self) -> Result<Vec<Feed>> {
        read::feeds(&self.reader.get())
    }

    pub fn feed(&self, id: i64) -> Result<Feed> {
        read::feed(&self.reader.get(), id)
    }

    pub fn folders(&self) -> Result<Vec<NameCount>> {
        read::folders(&self.reader.get())
    }

    pub fn categories(&self) -> Result<Vec<NameCount>> {
        read::categories(&self.reader.get())
    }

    pub fn authors(&self) -> Result<Vec<NameCount>> {
        read::authors(&self.reader.get())
    }

    /// Articles, newest first.
    pub fn articles(&self, filter: &ArticleFilter) -> Result<Vec<Article>> {
        read::articles(&self.reader.get(), filter)
    }

    pub fn article(&self, id: i64) -> Result<Article> {
        read::article(&self.reader.get(), id)
    }

    /// Full-text search, best match first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Article>> {
        read::search(&self.reader.get(), query, limit)
    }

    /// Rows of the article list (no content), newest first.
    pub fn article_rows(&self, filter: &ArticleFilter) -> Result<Vec<ArticleRow>> {
        read::article_rows(&self.reader.get(), filter)
    }

    /// How many articles a filter matches (limit and offset ignored).
    pub fn count_articles(&self, filter: &ArticleFilter) -> Result<i64> {
        read::count_articles(&self.reader.get(), filter)
    }

    /// The reader's header data for an article.
    pub fn article_meta(&self, id: i64) -> Result<ArticleMeta> {
        let a = self.article(id)?;
        let full: (bool, Option<String>) = self
            .reader
            .get()
            .prepare_cached("SELECT full_html IS NOT NULL, full_error FROM articles WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let site_url = match a.feed_id {
            Some(f) => self.feed(f)?.site_url,
            None => None,
        };
        Ok(ArticleMeta {
            id: a.id,
            feed_id: a.feed_id,
            feed_title: a.feed_title,
            site_url,
            url: a.url,
            title: a.title,
            author: a.author,
            author_email: a.author_email,
            author_url: a.author_url,
            published: a.published,
            updated: a.updated,
            categories: a.categories,
            comments_url: a.comments_url,
            enclosures: a.enclosures,
            read: a.read,
            bookmarked: a.bookmarked,
            has_full_text: full.0,
            full_text_error: full.1,
        })
    }

    /// An article's sanitized HTML body.
    pub fn article_content(&self, id: i64) -> Result<String> {
        read::article_content(&self.reader.get(), id)
    }

    /// Search results as list rows.
    pub fn search_rows(&self, query: &str, limit: usize) -> Result<Vec<ArticleRow>> {
        Ok(self.search(query, limit)?.into_iter().map(ArticleRow::from).collect())
    }

    // ---- reading state ---------------------------------------------------

    /// Marks articles read or unread; returns how many changed.
    pub fn set_read(&self, ids: &[i64], read: bool) -> Result<usize> {
        self.require_articles(ids)?;
        self.write(|tx| {
            let mut stmt = tx.prepare_cached(
                "UPDATE articles SET read = ?2, read_at = CASE WHEN ?2 THEN ?3 END WHERE id = ?1 AND read != ?2",
            )?;
            let now = store::now();
            let mut changed = 0;
            for id in ids {
                changed += stmt.execute(rusqlite::params![id, read, now])?;
            }
            Ok(changed)
        })
    }

    /// Marks every article matching the filter read.
    pub fn mark_all_read(&self, filter: &ArticleFilter) -> Result<usize> {
        let filter = ArticleFilter { unread: true, limit: None, offset: None, ..filter.clone() };
        let ids = read::article_ids(&self.reader.get(), &filter)?;
        self.set_read(&ids, true)
    }

    /// Adds or removes bookmarks; returns how many changed.
    pub fn set_bookmarked(&self, ids: &[i64], bookmarked: bool) -> Result<usize> {
        self.require_articles(ids)?;
        self.write(|tx| {
            let mut stmt = tx.prepare_cached(
                "UPDATE articles SET bookmarked = ?2, bookmarked_at = CASE WHEN ?2 THEN ?3 END WHERE id = ?1 AND bookmarked != ?2",
            )?;
            let now = store::now();
            let mut changed = 0;
            for id in ids {
                changed += stmt.execute(rusqlite::params![id, bookmarked, now])?;
            }
            Ok(changed)
        })
    }

    fn require_articles(&self, ids: &[i64]) -> Result<()> {
        let conn = self.reader.get();
        let mut stmt = conn.prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
        for id in ids {
            if !stmt.exists([id])? {
                return Err(Error::NotFound { what: "article", name: id.to_string() });
            }
        }
        Ok(())
    }

    // ---- settings --------------------------------------------------------

    /// The desktop app's preferences (defaults until saved).
    pub fn settings(&self) -> Result<Settings> {
        let stored = self.setting("desktop")?;
        Ok(stored.and_then(|s| serde_json::from_str::<Settings>(&s).ok()).unwrap_or_default().clamped())
    }

    /// Saves the desktop app's preferences; returns them as stored.
    pub fn save_settings(&self, settings: Settings) -> Result<Settings> {
        let settings = settings.clamped();
        let json = serde_json::to_string(&settings).map_err(|e| Error::Invalid(e.to_string()))?;
        self.set_setting("desktop", &json)?;
        Ok(settings)
    }

    /// A setting stored in the library (the desktop app's preferences).
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        read::setting(&self.reader.get(), key)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                rusqlite::params![key, value],
            )?;
            Ok(())
        })
    }

    pub(crate) fn write<T>(&self, f: impl FnOnce(&rusqlite::Transaction) -> Result<T>) -> Result<T> {
        let mut conn = lock(&self.writer);
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

/// What "Open with Tidings" (a `feed:` link, a web address, or a feed file
/// handed over by the desktop) should subscribe to: an http(s) URL. A feed
/// file must say where it lives online (`atom:link rel="self"`).
pub fn subscription_url_for(arg: &str) -> Result<String> {
    let arg = arg.trim();
    let web = match arg.strip_prefix("feed:") {
        Some(rest) if rest.starts_with("//") => Some(format!("http:{rest}")),
        Some(rest) => Some(rest.to_string()),
        None if arg.starts_with("http://") || arg.starts_with("https://") => Some(arg.to_string()),
        None => None,
    };
    if let Some(url) = web {
        return Ok(parse_http_url(&url)?.to_string());
    }
    let path = arg.strip_prefix("file://").unwrap_or(arg);
    let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.to_string(), source })?;
    let feed = parse_feed(&bytes, None, None).map_err(|e| Error::NotAFeed { url: path.to_string(), reason: e.0 })?;
    feed.feed_url
        .ok_or_else(|| Error::Invalid(format!("{path}: the feed file does not say where the feed lives online")))
}

/// Reads a feed from a URL or a local file without any library: the feed as
/// Tidings understands it.
pub async fn inspect(source: &str) -> Result<InspectedFeed> {
    let looks_like_url = source.starts_with("http://") || source.starts_with("https://");
    let (feed, base) = if looks_like_url {
        let fetcher = Fetcher::new(FetchConfig::default())?;
        let fetched = fetcher.fetch(source, &Validators::default()).await?;
        let body =
            fetched.body.ok_or_else(|| Error::NotAFeed { url: source.to_string(), reason: "empty response".into() })?;
        let feed = parse_feed(&body.bytes, body.content_type.as_deref(), Some(&fetched.final_url))
            .map_err(|e| Error::NotAFeed { url: source.to_string(), reason: e.0 })?;
        (feed, Some(fetched.final_url))
    } else {
        let bytes = std::fs::read(source).map_err(|e| Error::Io { path: source.to_string(), source: e })?;
        let feed =
            parse_feed(&bytes, None, None).map_err(|e| Error::NotAFeed { url: source.to_string(), reason: e.0 })?;
        (feed, None)
    };
    Ok(inspected(&feed, base.as_ref()))
}

/// The inspect view of a parsed feed.
pub fn inspected(feed: &ParsedFeed, base: Option<&url::Url>) -> InspectedFeed {
    let fmt = |d: &chrono::DateTime<chrono::Utc>| crate::parse::date::format_rfc3339(d);
    InspectedFeed {
        format: feed.format.as_str().to_string(),
        title: feed.title.clone(),
        site_url: feed.site_url.clone(),
        language: feed.language.clone(),
        updated: feed.updated.as_ref().map(fmt),
        encoding: feed.encoding.to_string(),
        warnings: feed.warnings.clone(),
        entries: prepare_entries(feed, base)
            .into_iter()
            .map(|a| InspectedEntry {
                guid: a.guid,
                url: a.url,
                title: a.title,
                author: a.author.as_ref().and_then(|p| p.display_name().map(str::to_string)),
                author_email: a.author.as_ref().and_then(|p| p.email.clone()),
                author_url: a.author.as_ref().and_then(|p| p.uri.clone()),
                published: a.published.as_ref().map(fmt),
                updated: a.updated.as_ref().map(fmt),
                categories: a.categories,
                summary: a.summary,
                content_html: a.content_html,
                comments_url: a.comments_url,
                enclosures: a.enclosures,
            })
            .collect(),
    }
}
