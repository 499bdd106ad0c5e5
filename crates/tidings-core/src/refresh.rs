//! Refreshing many feeds at once: fetch in parallel (bounded overall and
//! per host), parse and sanitize on the blocking pool, store each feed in
//! its own transaction. One feed's failure is recorded on that feed and
//! never stops or slows the others.

use crate::error::{Error, Result};
use crate::fetch::{Fetched, Fetcher, Validators};
use crate::parse::parse_feed;
use crate::prepare::prepare_entries;
use crate::store::{self, write};
use futures_util::stream::{self, StreamExt};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use std::hash::Hasher;
use std::sync::{Arc, Mutex};
use twox_hash::XxHash3_64;

/// Default number of feeds fetched at once.
pub const DEFAULT_JOBS: usize = 16;

/// How one feed's refresh ended.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Fetched and stored (perhaps with nothing new).
    Updated,
    /// 304, or the same body as last time: nothing to do.
    NotModified,
    /// The fetch or the parse failed; see `error`.
    Error,
    /// 410: the feed is gone and is no longer fetched.
    Gone,
    /// The server asked us to wait (Retry-After); not fetched now.
    Postponed,
}

/// The result of refreshing one feed.
#[derive(Debug, Clone, Serialize)]
pub struct FeedOutcome {
    pub feed_id: i64,
    pub url: String,
    pub title: String,
    pub outcome: Outcome,
    pub new: usize,
    pub updated: usize,
    pub error: Option<String>,
    /// The kind of error, as [`Error::kind`] names it.
    pub error_kind: Option<String>,
    /// RFC 3339 time before which the feed will not be fetched.
    pub retry_after: Option<String>,
}

/// What a refresh did.
#[derive(Debug, Clone, Serialize, Default)]
pub struct RefreshReport {
    pub feeds: Vec<FeedOutcome>,
    /// True when every fetch that failed, failed for lack of a network
    /// (and at least one did): the machine is probably offline.
    pub offline: bool,
}

impl RefreshReport {
    pub fn failed(&self) -> usize {
        self.feeds.iter().filter(|f| f.outcome == Outcome::Error).count()
    }
    pub fn new_articles(&self) -> usize {
        self.feeds.iter().map(|f| f.new).sum()
    }
}

/// Progress, as it happens.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RefreshProgress {
    Started { total: usize },
    FeedDone { done: usize, total: usize, feed: FeedOutcome },
    Finished { total: usize },
}

/// A feed as the refresh needs it.
#[derive(Debug, Clone)]
pub(crate) struct Due {
    pub id: i64,
    pub url: String,
    pub title: String,
    pub validators: Validators,
    pub body_hash: Option<i64>,
    pub status: String,
    pub retry_after: Option<i64>,
}

pub(crate) fn due_feeds(conn: &Connection, only: Option<i64>) -> Result<Vec<Due>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, url, coalesce(custom_title, title, url), etag, last_modified, body_hash, status, retry_after
         FROM feeds WHERE ?1 IS NULL OR id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([only], |r| {
        Ok(Due {
            id: r.get(0)?,
            url: r.get(1)?,
            title: r.get(2)?,
            validators: Validators { etag: r.get(3)?, last_modified: r.get(4)? },
            body_hash: r.get(5)?,
            status: r.get(6)?,
            retry_after: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn body_hash(bytes: &[u8]) -> i64 {
    let mut h = XxHash3_64::default();
    h.write(bytes);
    h.finish() as i64
}

fn outcome(due: &Due, outcome: Outcome) -> FeedOutcome {
    FeedOutcome {
        feed_id: due.id,
        url: due.url.clone(),
        title: due.title.clone(),
        outcome,
        new: 0,
        updated: 0,
        error: None,
        error_kind: None,
        retry_after: None,
    }
}

fn rfc3339(t: i64) -> Option<String> {
    chrono::DateTime::from_timestamp(t, 0).map(|d| crate::parse::date::format_rfc3339(&d))
}

/// Refreshes `feeds`, `jobs` at a time, reporting each as it finishes.
pub(crate) async fn refresh_feeds(
    fetcher: &Fetcher,
    writer: Arc<Mutex<Connection>>,
    feeds: Vec<Due>,
    jobs: usize,
    progress: &(dyn Fn(RefreshProgress) + Send + Sync),
) -> RefreshReport {
    let total = feeds.len();
    progress(RefreshProgress::Started { total });
    let done = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<FeedOutcome> = stream::iter(feeds)
        .map(|due| {
            let writer = writer.clone();
            let done = &done;
            async move {
                let result = refresh_one(fetcher, writer, &due).await;
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                progress(RefreshProgress::FeedDone { done: n, total, feed: result.clone() });
                result
            }
        })
        .buffer_unordered(jobs.max(1))
        .collect()
        .await;
    progress(RefreshProgress::Finished { total });
    let mut feeds = results;
    feeds.sort_by_key(|f| f.feed_id);
    let failures: Vec<&FeedOutcome> = feeds.iter().filter(|f| f.outcome == Outcome::Error).collect();
    let offline = !failures.is_empty() && failures.iter().all(|f| f.error_kind.as_deref() == Some("network"));
    RefreshReport { feeds, offline }
}

async fn refresh_one(fetcher: &Fetcher, writer: Arc<Mutex<Connection>>, due: &Due) -> FeedOutcome {
    let now = store::now();
    if due.status == "gone" {
        return FeedOutcome {
            error: Some("the feed is gone (HTTP 410); remove it or add it again".into()),
            ..outcome(due, Outcome::Gone)
        };
    }
    if let Some(until) = due.retry_after.filter(|t| *t > now) {
        return FeedOutcome { retry_after: rfc3339(until), ..outcome(due, Outcome::Postponed) };
    }
    let result = match fetcher.fetch(&due.url, &due.validators).await {
        Ok(fetched) => store_fetched(writer.clone(), due, fetched).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(o) => o,
        Err(e) => {
            let (retry_after, gone) = match &e {
                Error::RetryLater { retry_after, .. } => (Some(now + retry_after.as_secs() as i64), false),
                Error::Gone { .. } => (None, true),
                _ => (None, false),
            };
            let message = e.to_string();
            let id = due.id;
            let msg = message.clone();
            let recorded = tokio::task::spawn_blocking(move || -> Result<()> {
                let mut conn = writer.lock().unwrap_or_else(|p| p.into_inner());
                let tx = conn.transaction()?;
                write::record_failure(&tx, id, &msg, retry_after, gone, now)?;
                tx.commit()?;
                Ok(())
            })
            .await;
            if let Ok(Err(store_error)) = recorded {
                tracing::error!("recording the failure of feed {id}: {store_error}");
            }
            let kind = match &e {
                Error::Gone { .. } => Outcome::Gone,
                Error::RetryLater { .. } => Outcome::Postponed,
                _ => Outcome::Error,
            };
            FeedOutcome {
                error: Some(message),
                error_kind: Some(e.kind().to_string()),
                retry_after: retry_after.and_then(rfc3339),
                ..outcome(due, kind)
            }
        }
    }
}

/// Parses, prepares and stores a fetched feed (or records a 304).
async fn store_fetched(writer: Arc<Mutex<Connection>>, due: &Due, fetched: Fetched) -> Result<FeedOutcome> {
    let due = due.clone();
    let handle = tokio::task::spawn_blocking(move || -> Result<FeedOutcome> {
        let now = store::now();
        let moved_to = fetched.moved_to.as_ref().map(|u| u.to_string());
        let Some(body) = fetched.body else {
            let mut conn = writer.lock().unwrap_or_else(|p| p.into_inner());
            let tx = conn.transaction()?;
            let rec =
                write::FetchRecord { etag: None, last_modified: None, body_hash: None, moved_to: moved_to.as_deref() };
            write::record_success(&tx, due.id, &rec, now)?;
            tx.commit()?;
            return Ok(outcome(&due, Outcome::NotModified));
        };
        let hash = body_hash(&body.bytes);
        let rec = write::FetchRecord {
            etag: fetched.validators.etag.as_deref(),
            last_modified: fetched.validators.last_modified.as_deref(),
            body_hash: Some(hash),
            moved_to: moved_to.as_deref(),
        };
        if due.body_hash == Some(hash) {
            let mut conn = writer.lock().unwrap_or_else(|p| p.into_inner());
            let tx = conn.transaction()?;
            write::record_success(&tx, due.id, &rec, now)?;
            tx.commit()?;
            return Ok(outcome(&due, Outcome::NotModified));
        }
        let feed = parse_feed(&body.bytes, body.content_type.as_deref(), Some(&fetched.final_url))
            .map_err(|e| Error::NotAFeed { url: due.url.clone(), reason: e.0 })?;
        let articles = prepare_entries(&feed, Some(&fetched.final_url));
        let mut conn = writer.lock().unwrap_or_else(|p| p.into_inner());
        let tx = conn.transaction()?;
        write::update_feed_meta(&tx, due.id, &feed)?;
        let counts = write::store_articles(&tx, due.id, &articles, now)?;
        write::record_success(&tx, due.id, &rec, now)?;
        tx.commit()?;
        Ok(FeedOutcome { new: counts.new, updated: counts.updated, ..outcome(&due, Outcome::Updated) })
    });
    handle.await.map_err(|e| Error::Invalid(format!("refresh task failed: {e}")))?
}

/// The id of a feed's row, if the URL is subscribed.
pub(crate) fn subscribed(conn: &Connection, url: &str) -> Result<Option<i64>> {
    Ok(conn.prepare_cached("SELECT id FROM feeds WHERE url = ?1")?.query_row([url], |r| r.get(0)).optional()?)
}
