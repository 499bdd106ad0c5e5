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
}

impl Error {
    /// A short machine-readable name of the kind of error, for the UI to branch on.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Network { .. } => "network",
            Error::HttpStatus { .. } => "http",
            Error::RetryLater { .. } => "retry_later",
            Error::Gone { .. } => "gone",
            Error::TooManyRedirects { .. } | Error::BadRedirect { .. } => "redirect",
            Error::TooLarge { .. } => "too_large",
            Error::InvalidUrl { .. } => "invalid_url",
            Error::NotAFeed { .. } => "not_a_feed",
            Error::NoFeedFound { .. } => "no_feed_found",
            Error::NotFound { .. } => "not_found",
            Error::Invalid(_) => "invalid",
            Error::Io { .. } => "io",
            Error::Opml(_) => "opml",
            Error::Store(_) | Error::Migration(_) => "store",
        }
    }

    /// True when the failure says nothing about the feed itself: the machine
    /// is offline or the host cannot be reached.
    pub fn is_network(&self) -> bool {
        matches!(self, Error::Network { .. })
    }
}

/// The engine's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
