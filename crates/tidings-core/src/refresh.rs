//! Refreshing many feeds at once: fetch in parallel (bounded overall and
//! per host), parse and sanitize on the blocking pool, and store through one
//! writer thread. One feed's failure is recorded on that feed and never
//! stops or slows the others.
//!
//! The writer commits whatever has queued up as one transaction (each feed
//! inside its own savepoint, so a feed that fails to store rolls back alone)
//! and writes the batch's search rows at once: when fetching is faster than
//! storing, batches grow, and the cost of FTS5 segment flushes and merges is
//! paid per batch rather than per feed.

use crate::error::{Error, Result};
use crate::fetch::{Fetched, Fetcher, Validators};
use crate::model::ParsedFeed;
use crate::parse::parse_feed;
use crate::prepare::{prepare_entries, PreparedArticle};
use crate::store::{self, write};
use crate::view::{FeedOutcome, FeedStatus, Outcome, RefreshProgress, RefreshReport};
use futures_util::stream::{self, StreamExt};
use rusqlite::Connection;
use std::hash::Hasher;
use std::sync::{Arc, Mutex};
use twox_hash::XxHash3_64;

/// Default number of feeds fetched at once.
pub const DEFAULT_JOBS: usize = 16;

/// A batch is committed once it holds this many new or changed articles.
const BATCH_ARTICLES: usize = 1000;

/// A feed as the refresh needs it.
#[derive(Debug, Clone)]
pub(crate) struct Due {
    pub id: i64,
    pub url: String,
    pub title: String,
    pub validators: Validators,
    pub body_hash: Option<i64>,
    pub status: FeedStatus,
    pub retry_after: Option<i64>,
}

/// The feeds to refresh (all, or one).
pub(crate) fn due_feeds(conn: &Connection, only: Option<i64>) -> Result<Vec<Due>> {
    Ok(store::read::feeds_to_fetch(conn, only)?
        .into_iter()
        .map(|f| Due {
            id: f.id,
            url: f.url,
            title: f.title,
            validators: Validators { etag: f.etag, last_modified: f.last_modified },
            body_hash: f.body_hash,
            status: f.status,
            retry_after: f.retry_after,
        })
        .collect())
}

/// Hash of a response body: the same bytes need no parse.
pub(crate) fn body_hash(bytes: &[u8]) -> i64 {
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

/// What the writer is asked to do for one feed.
enum WriteJob {
    /// Nothing to write (gone, postponed).
    Done(FeedOutcome),
    /// A successful fetch; `parsed` is None when the content did not change.
    Store { due: Due, fetched: FetchMeta, parsed: Option<Box<(ParsedFeed, Vec<PreparedArticle>)>> },
    /// A failed fetch or parse.
    Fail { due: Due, error: Error },
}

struct FetchMeta {
    validators: Validators,
    body_hash: Option<i64>,
    moved_to: Option<String>,
}

/// Refreshes `feeds`, `jobs` at a time, reporting each as it is stored.
pub(crate) async fn refresh_feeds(
    fetcher: &Fetcher,
    writer: Arc<Mutex<Connection>>,
    feeds: Vec<Due>,
    jobs: usize,
    progress: &(dyn Fn(RefreshProgress) + Send + Sync),
) -> RefreshReport {
    let total = feeds.len();
    progress(RefreshProgress::Started { total });
    let (job_tx, job_rx) = tokio::sync::mpsc::channel::<WriteJob>(jobs.max(1));
    let (done_tx, mut done_rx) = tokio::sync::mpsc::unbounded_channel::<FeedOutcome>();
    let writer_task = tokio::task::spawn_blocking(move || write_loop(&writer, job_rx, done_tx));
    let parsers = Arc::new(tokio::sync::Semaphore::new(parse_threads()));

    let produce = async move {
        stream::iter(feeds)
            .for_each_concurrent(jobs.max(1), |due| {
                let job_tx = job_tx.clone();
                let parsers = parsers.clone();
                async move {
                    let job = fetch_and_prepare(fetcher, due, &parsers).await;
                    // The writer only stops early if it panicked; the
                    // report then lacks this feed, which is all we can do.
                    let _ = job_tx.send(job).await;
                }
            })
            .await;
    };
    let mut results = Vec::with_capacity(total);
    let consume = async {
        while let Some(feed) = done_rx.recv().await {
            results.push(feed.clone());
            progress(RefreshProgress::FeedDone { done: results.len(), total, feed });
        }
    };
    tokio::join!(produce, consume);
    if let Err(e) = writer_task.await {
        tracing::error!("the refresh writer failed: {e}");
    }
    progress(RefreshProgress::Finished { total });
    results.sort_by_key(|f| f.feed_id);
    let failures: Vec<&FeedOutcome> = results.iter().filter(|f| f.outcome == Outcome::Error).collect();
    let offline = !failures.is_empty() && failures.iter().all(|f| f.error_kind == Some(crate::ErrorKind::Network));
    RefreshReport { feeds: results, offline, ..RefreshReport::default() }
}

/// How many feeds are parsed and sanitized at once: one per core. This
/// step only uses the CPU, so more threads gain nothing; with one per feed
/// being fetched (16) they held 15–20 MB more memory at the peak of a cold
/// refresh and evicted each other's caches.
fn parse_threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// Fetch, then parse and prepare on the blocking pool.
async fn fetch_and_prepare(fetcher: &Fetcher, due: Due, parsers: &tokio::sync::Semaphore) -> WriteJob {
    let now = store::now();
    if due.status == FeedStatus::Gone {
        let error = Some("the feed is gone (HTTP 410); remove it or add it again".to_string());
        return WriteJob::Done(FeedOutcome { error, ..outcome(&due, Outcome::Gone) });
    }
    if let Some(until) = due.retry_after.filter(|t| *t > now) {
        return WriteJob::Done(FeedOutcome { retry_after: rfc3339(until), ..outcome(&due, Outcome::Postponed) });
    }
    let fetched: Fetched = match fetcher.fetch(&due.url, &due.validators).await {
        Ok(f) => f,
        Err(error) => return WriteJob::Fail { due, error },
    };
    let moved_to = fetched.moved_to.as_ref().map(|u| u.to_string());
    let Some(body) = fetched.body else {
        let meta = FetchMeta { validators: Validators::default(), body_hash: None, moved_to };
        return WriteJob::Store { due, fetched: meta, parsed: None };
    };
    let hash = body_hash(&body.bytes);
    let meta = FetchMeta { validators: fetched.validators, body_hash: Some(hash), moved_to };
    if due.body_hash == Some(hash) {
        return WriteJob::Store { due, fetched: meta, parsed: None };
    }
    let final_url = fetched.final_url;
    let url = due.url.clone();
    let _parser = parsers.acquire().await;
    let parsed = tokio::task::spawn_blocking(move || {
        let mut feed = parse_feed(&body.bytes, body.content_type.as_deref(), Some(&final_url))
            .map_err(|e| Error::NotAFeed { url, reason: e.0 })?;
        let articles = prepare_entries(&feed, Some(&final_url));
        // The writer wants the feed's own fields and the prepared articles;
        // the parsed entries, raw HTML and all, would only wait in the write
        // queue beside them (a third of a queued feed's memory).
        feed.entries = Vec::new();
        Ok::<_, Error>((feed, articles))
    })
    .await
    .unwrap_or_else(|e| Err(Error::from_join(e)));
    match parsed {
        Ok(p) => WriteJob::Store { due, fetched: meta, parsed: Some(Box::new(p)) },
        Err(error) => WriteJob::Fail { due, error },
    }
}

fn write_loop(
    writer: &Mutex<Connection>,
    mut jobs: tokio::sync::mpsc::Receiver<WriteJob>,
    done: tokio::sync::mpsc::UnboundedSender<FeedOutcome>,
) {
    while let Some(first) = jobs.blocking_recv() {
        let mut batch = vec![first];
        let mut articles = batch[0].article_count();
        while articles < BATCH_ARTICLES {
            match jobs.try_recv() {
                Ok(job) => {
                    articles += job.article_count();
                    batch.push(job);
                }
                Err(_) => break,
            }
        }
        let outcomes = {
            let mut conn = writer.lock().unwrap_or_else(|p| p.into_inner());
            write_batch(&mut conn, batch)
        };
        for o in outcomes {
            let _ = done.send(o);
        }
    }
}

impl WriteJob {
    fn article_count(&self) -> usize {
        match self {
            WriteJob::Store { parsed: Some(p), .. } => p.1.len(),
            _ => 1,
        }
    }
}

/// Commits a batch in one transaction. Should storing one feed fail (which
/// takes a broken database or a bug), the batch is rolled back and its feeds
/// are stored one transaction each, so that the failure stays with its feed.
/// (Savepoints per feed would isolate failures too, but they make SQLite
/// copy every page a feed touches into a sub-journal: measured, a sixth of
/// the writer's time.)
fn write_batch(conn: &mut Connection, batch: Vec<WriteJob>) -> Vec<FeedOutcome> {
    if batch.len() > 1 {
        match try_write(conn, &batch) {
            Ok(outcomes) => return outcomes,
            Err(e) => tracing::warn!("a batch of {} feeds failed ({e}); storing them one by one", batch.len()),
        }
    }
    batch
        .iter()
        .map(|job| match try_write(conn, std::slice::from_ref(job)) {
            Ok(mut o) => o.pop().unwrap_or_else(|| job.failed(&Error::Invalid("nothing stored".into()))),
            Err(e) => job.failed(&e),
        })
        .collect()
}

fn try_write(conn: &mut Connection, batch: &[WriteJob]) -> Result<Vec<FeedOutcome>> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let mut index = write::SearchBatch::default();
    let now = store::now();
    let outcomes = batch.iter().map(|job| write_one(&tx, job, &mut index, now)).collect::<Result<Vec<_>>>()?;
    index.write(&tx)?;
    tx.commit()?;
    Ok(outcomes)
}

fn write_one<'a>(
    tx: &rusqlite::Transaction,
    job: &'a WriteJob,
    index: &mut write::SearchBatch<'a>,
    now: i64,
) -> Result<FeedOutcome> {
    match job {
        WriteJob::Done(o) => Ok(o.clone()),
        WriteJob::Fail { due, error } => {
            let (retry_after, gone) = match error {
                Error::RetryLater { retry_after, .. } => (Some(now + retry_after.as_secs() as i64), false),
                Error::Gone { .. } => (None, true),
                _ => (None, false),
            };
            let message = error.to_string();
            write::record_failure(tx, due.id, &message, retry_after, gone, now)?;
            let kind = match error {
                Error::Gone { .. } => Outcome::Gone,
                Error::RetryLater { .. } => Outcome::Postponed,
                _ => Outcome::Error,
            };
            Ok(FeedOutcome {
                error: Some(message),
                error_kind: Some(error.kind()),
                retry_after: retry_after.and_then(rfc3339),
                ..outcome(due, kind)
            })
        }
        WriteJob::Store { due, fetched, parsed } => {
            let rec = write::FetchRecord {
                etag: fetched.validators.etag.as_deref(),
                last_modified: fetched.validators.last_modified.as_deref(),
                body_hash: fetched.body_hash,
                moved_to: fetched.moved_to.as_deref(),
            };
            let parsed = parsed.as_deref().map(|(feed, articles)| (feed, articles.as_slice()));
            let counts = write::store_fetch(tx, due.id, parsed, None, &rec, index, now)?;
            Ok(match parsed {
                None => outcome(due, Outcome::NotModified),
                Some(_) => FeedOutcome { new: counts.new, updated: counts.updated, ..outcome(due, Outcome::Updated) },
            })
        }
    }
}

impl WriteJob {
    /// The outcome of this feed when storing it failed.
    fn failed(&self, e: &Error) -> FeedOutcome {
        match self {
            WriteJob::Done(o) => o.clone(),
            WriteJob::Store { due, .. } | WriteJob::Fail { due, .. } => {
                FeedOutcome { error: Some(e.to_string()), error_kind: Some(e.kind()), ..outcome(due, Outcome::Error) }
            }
        }
    }
}
