//! The one error type of the engine. Messages are lowercase, name the thing
//! that failed, and carry no trailing period.

use std::time::Duration;

/// Everything that can go wrong in the engine.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The network failed: DNS, connection, TLS, timeout, truncated transfer.
    #[error("{url}: {reason}")]
    Network { url: String, reason: String },
    /// The server answered with an HTTP status we treat as a failure.
    #[error("{url}: HTTP {status}")]
    HttpStatus { url: String, status: u16 },
    /// The server asked us to come back later (429/503 with or without Retry-After).
    #[error("{url}: server busy (HTTP {status}), retry in {}", crate::fetch::human_duration(*retry_after))]
    RetryLater { url: String, status: u16, retry_after: Duration },
    /// 410 Gone: the feed was removed for good.
    #[error("{url}: the feed is gone (HTTP 410)")]
    Gone { url: String },
    /// More than the allowed number of redirects, or a redirect loop.
    #[error("{url}: too many redirects (more than {max})")]
    TooManyRedirects { url: String, max: usize },
    /// A redirect to something that is not http or https.
    #[error("{url}: redirect to a forbidden location {location}")]
    BadRedirect { url: String, location: String },
    /// The body grew past the size cap (after decompression).
    #[error("{url}: response larger than {limit} bytes, cut off")]
    TooLarge { url: String, limit: u64 },
    /// Not a URL we can fetch.
    #[error("invalid URL {url}: {reason}")]
    InvalidUrl { url: String, reason: String },
    /// The document is not a feed (an HTML page, an image, an empty body, ...).
    #[error("{url}: not a feed ({reason})")]
    NotAFeed { url: String, reason: String },
    /// Autodiscovery found nothing that is a feed.
    #[error("{url}: no feed found (not a feed, and no feed linked from the page or at the usual paths)")]
    NoFeedFound { url: String },
    /// A feed, article, folder ... the user named does not exist.
    #[error("{what} not found: {name}")]
    NotFound { what: &'static str, name: String },
    /// The user asked for something that conflicts with what is stored.
    #[error("{0}")]
    Invalid(String),
    /// Reading a local file failed.
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    /// A malformed OPML document.
    #[error("OPML: {0}")]
    Opml(String),
    /// The database failed.
    #[error("database: {0}")]
    Store(#[from] rusqlite::Error),
    /// The database schema could not be brought up to date.
    #[error("database migration: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// A background task panicked or was cancelled: a bug, not bad input.
    #[error("internal error: {0}")]
    Task(String),
}

/// What kind of error it is, for the faces to branch on (the window shows
/// "Offline" for `Network`, the CLI's exit status does not care).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Network,
    Http,
    RetryLater,
    Gone,
    Redirect,
    TooLarge,
    InvalidUrl,
    NotAFeed,
    NoFeedFound,
    NotFound,
    Invalid,
    Io,
    Opml,
    Store,
    Internal,
}

impl Error {
    /// The kind of error, for the faces to branch on.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Network { .. } => ErrorKind::Network,
            Error::HttpStatus { .. } => ErrorKind::Http,
            Error::RetryLater { .. } => ErrorKind::RetryLater,
            Error::Gone { .. } => ErrorKind::Gone,
            Error::TooManyRedirects { .. } | Error::BadRedirect { .. } => ErrorKind::Redirect,
            Error::TooLarge { .. } => ErrorKind::TooLarge,
            Error::InvalidUrl { .. } => ErrorKind::InvalidUrl,
            Error::NotAFeed { .. } => ErrorKind::NotAFeed,
            Error::NoFeedFound { .. } => ErrorKind::NoFeedFound,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::Invalid(_) => ErrorKind::Invalid,
            Error::Io { .. } => ErrorKind::Io,
            Error::Opml(_) => ErrorKind::Opml,
            Error::Store(_) | Error::Migration(_) => ErrorKind::Store,
            Error::Task(_) => ErrorKind::Internal,
        }
    }

    /// A task of the blocking pool that panicked (or was cancelled).
    pub(crate) fn from_join(e: tokio::task::JoinError) -> Error {
        Error::Task(e.to_string())
    }

    /// True when the failure says nothing about the feed itself: the machine
    /// is offline or the host cannot be reached.
    pub fn is_network(&self) -> bool {
        matches!(self, Error::Network { .. })
    }
}

/// The engine's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
