//! Subscriptions: adding (with autodiscovery), removing, renaming and moving
//! feeds, OPML in and out, and refreshing.

use super::{lock, Library};
use crate::discover::discover;
use crate::error::{Error, Result};
use crate::fetch::parse_http_url;
use crate::opml::{parse_opml, write_opml};
use crate::prepare::prepare_entries;
use crate::query::FeedRef;
use crate::refresh;
use crate::store::{self, read, write};
use crate::view::{Added, Feed, ImportReport, RefreshProgress, RefreshReport};

/// Options of [`Library::add_feed`].
#[derive(Debug, Clone, Default)]
pub struct AddOptions {
    pub folder: Option<String>,
    /// Fetch every article's page for its full text. None: decided from
    /// the feed (on when its items are short).
    pub full_text: Option<bool>,
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

impl Library {
    /// Subscribes to a feed URL, or to the feed a site URL links to; fetches
    /// it once. Stores nothing when no feed is found.
    pub async fn add_feed(&self, url: &str, options: &AddOptions) -> Result<Added> {
        if let Some(added) = self.already_subscribed(parse_http_url(url)?.to_string()).await? {
            return Ok(added);
        }
        let found = discover(self.fetcher(), url).await?;
        let feed_url = found.url.to_string();
        if let Some(added) = self.already_subscribed(feed_url.clone()).await? {
            return Ok(added);
        }
        let final_url = found.fetched.final_url.clone();
        let validators = found.fetched.validators.clone();
        let body_hash = found.fetched.body.as_ref().map(|b| refresh::body_hash(&b.bytes));
        let options = options.clone();
        let feed = found.feed;
        self.db(move |l| {
            let articles = prepare_entries(&feed, Some(&final_url));
            let now = store::now();
            let (id, counts) = l.write(|tx| {
                let folder = options.folder.as_deref().filter(|f| !f.trim().is_empty());
                let folder_id = folder.map(|f| write::ensure_folder(tx, f)).transpose()?;
                let id = write::insert_feed(tx, &feed_url, feed.title.as_deref(), folder_id, now)?
                    .ok_or_else(|| Error::Invalid(format!("already subscribed to {feed_url}")))?;
                let rec = write::FetchRecord {
                    etag: validators.etag.as_deref(),
                    last_modified: validators.last_modified.as_deref(),
                    body_hash,
                    moved_to: None,
                };
                let mut index = write::SearchBatch::default();
                let counts =
                    write::store_fetch(tx, id, Some((&feed, &articles)), options.full_text, &rec, &mut index, now)?;
                index.write(tx)?;
                Ok((id, counts))
            })?;
            Ok(Added { feed: l.feed(id)?, new: counts.new, already_subscribed: false })
        })
        .await
    }

    /// The answer to `add` when `url` is subscribed already.
    async fn already_subscribed(&self, url: String) -> Result<Option<Added>> {
        self.db(move |l| {
            let conn = l.reader();
            let Some(id) = read::find_feed_opt(&conn, &FeedRef::Url(url))? else { return Ok(None) };
            Ok(Some(Added { feed: read::feed(&conn, id)?, new: 0, already_subscribed: true }))
        })
        .await
    }

    /// Unsubscribes. Bookmarked articles of the feed are kept.
    pub fn remove_feed(&self, feed: &FeedRef) -> Result<Feed> {
        let before = self.find_feed(feed)?;
        self.write(|tx| write::remove_feed(tx, before.id).map(|_| ()))?;
        Ok(before)
    }

    /// Turns full-text fetching on or off for a feed.
    pub fn set_full_text(&self, feed: &FeedRef, on: bool) -> Result<Feed> {
        self.change_feed(feed, |tx, id| write::set_full_text(tx, id, on))
    }

    /// Gives a feed the user's own title (None: back to the feed's title).
    pub fn rename_feed(&self, feed: &FeedRef, title: Option<&str>) -> Result<Feed> {
        let title = title.map(str::trim).filter(|t| !t.is_empty());
        self.change_feed(feed, |tx, id| write::rename_feed(tx, id, title))
    }

    /// Moves a feed into a folder (None: out of any folder). Folders left
    /// empty are removed.
    pub fn move_feed(&self, feed: &FeedRef, folder: Option<&str>) -> Result<Feed> {
        let folder = folder.map(str::trim).filter(|f| !f.is_empty());
        self.change_feed(feed, |tx, id| {
            let folder_id = folder.map(|f| write::ensure_folder(tx, f)).transpose()?;
            write::set_folder(tx, id, folder_id)?;
            write::remove_empty_folders(tx)
        })
    }

    /// Finds a feed, changes it in one transaction, and reads it back.
    fn change_feed(
        &self,
        feed: &FeedRef,
        change: impl FnOnce(&rusqlite::Transaction, i64) -> Result<()>,
    ) -> Result<Feed> {
        let id = read::find_feed(&self.reader(), feed)?;
        self.write(|tx| change(tx, id))?;
        self.feed(id)
    }

    /// Subscribes to every feed of an OPML file (its bytes, in whatever
    /// encoding it declares), keeping its folders. Fetches nothing;
    /// duplicates are skipped, unusable entries reported.
    pub fn import_opml(&self, bytes: &[u8]) -> Result<ImportReport> {
        let doc = parse_opml(bytes)?;
        let mut report = ImportReport { skipped: doc.skipped, ..ImportReport::default() };
        self.write(|tx| {
            let now = store::now();
            for f in doc.feeds {
                let folder_id = f.folder.as_deref().map(|name| write::ensure_folder(tx, name)).transpose()?;
                match write::insert_feed(tx, &f.url, f.title.as_deref(), folder_id, now)? {
                    Some(id) => {
                        if let Some(site) = &f.site_url {
                            write::set_site_url(tx, id, site)?;
                        }
                        report.added.push(f);
                    }
                    None => report.duplicates.push(f.url),
                }
            }
            // A folder whose feeds were all duplicates elsewhere stays empty.
            write::remove_empty_folders(tx)
        })?;
        Ok(report)
    }

    /// OPML 2.0 of every subscription with its folder.
    pub fn export_opml(&self) -> Result<String> {
        let now = chrono::Utc::now().to_rfc2822();
        Ok(write_opml(&self.feeds()?, &now))
    }

    /// Fetches all feeds (or one) now. Once the articles are stored, what
    /// follows (icons, the offline copy, retention) can only add to the
    /// report: its errors are listed there, never returned.
    pub async fn refresh(
        &self,
        options: &RefreshOptions,
        progress: &(dyn Fn(RefreshProgress) + Send + Sync),
    ) -> Result<RefreshReport> {
        let only = options.feed.clone();
        let due = self
            .db(move |l| {
                let conn = l.reader();
                let only = only.map(|f| read::find_feed(&conn, &f)).transpose()?;
                refresh::due_feeds(&conn, only)
            })
            .await?;
        let writer = self.0.writer.clone();
        let path = self.path().to_path_buf();
        let checkpointer = self.db(move |_| Ok(store::Checkpointer::start(&path, &lock(&writer)))).await?;
        let mut report =
            refresh::refresh_feeds(self.fetcher(), self.0.writer.clone(), due, options.jobs, progress).await;
        // With no network, every download would fail: leave the offline
        // copy for the next refresh instead of recording failures.
        if options.offline_copy && !report.offline {
            self.after_store(&mut report).await;
        }
        let writer = self.0.writer.clone();
        let finished = self.db(move |_| {
            checkpointer.finish(&lock(&writer));
            Ok(())
        });
        if let Err(e) = finished.await {
            report.after_store_errors.push(format!("checkpoint: {e}"));
        }
        Ok(report)
    }

    /// Icons, the offline copy and retention, after a refresh stored its
    /// articles. Each step's failure is reported and the next still runs.
    async fn after_store(&self, report: &mut RefreshReport) {
        let settings = self.db(|l| l.settings()).await.unwrap_or_default();
        if let Err(e) = self.cache_feed_icons().await {
            report.after_store_errors.push(format!("feed icons: {e}"));
        }
        match self.cache_for_offline(settings.cache_limits()).await {
            Ok(copy) => report.offline_copy = Some(copy),
            Err(e) => report.after_store_errors.push(format!("offline copy: {e}")),
        }
        if settings.retention_days > 0 {
            let days = settings.retention_days;
            match self.db(move |l| l.cleanup(days)).await {
                Ok(cleanup) => report.cleanup = Some(cleanup),
                Err(e) => report.after_store_errors.push(format!("retention: {e}")),
            }
        }
    }
}
