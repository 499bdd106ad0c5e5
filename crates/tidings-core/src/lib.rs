//! The Tidings engine: everything a news reader does short of drawing it.
//!
//! Feed URLs and OPML go in; a local, searchable library comes out. The
//! SQLite file is the ground state, and everything the desktop window or
//! the `tidings` command shows is derived from it by a query. Data flows one
//! way: fetch → parse → sanitize → store → query.
//!
//! # Brief overview
//!
//! - [`Library`] is the façade: open a file, subscribe, refresh, read,
//!   bookmark, search. Both faces (the desktop app and the CLI) call only it
//!   and [`inspect`].
//! - [`fetch::Fetcher`] does HTTP (conditional GET, size cap, redirects).
//! - [`parse::parse_feed`] turns bytes into a [`model::ParsedFeed`], whatever
//!   the format or encoding.
//! - [`sanitize::sanitize_html`] is the allow-list every piece of feed HTML
//!   passes before it is stored.
//! - [`query::search::SearchQuery`] is the search language.
//! - [`view`] holds the serializable shapes the faces print or send.
//!
//! ```
//! let xml = br#"<rss version="2.0"><channel><title>News</title>
//!   <item><title>Hello</title><link>https://example.com/1</link></item>
//! </channel></rss>"#;
//! let feed = tidings_core::parse::parse_feed(xml, None, None).unwrap();
//! assert_eq!(feed.title.as_deref(), Some("News"));
//! assert_eq!(feed.entries[0].url.as_deref(), Some("https://example.com/1"));
//! ```

pub mod cache;
pub mod discover;
pub mod error;
pub mod extract;
pub mod fetch;
mod inspect;
mod library;
pub mod limits;
pub mod model;
pub mod opml;
pub mod parse;
pub mod prepare;
pub mod query;
pub mod refresh;
pub mod sanitize;
pub mod store;
pub mod view;

pub use cache::CacheLimits;
pub use error::{Error, ErrorKind, Result};
pub use inspect::{inspect, inspected, subscription_url_for};
pub use library::{default_library_path, AddOptions, Library, RefreshOptions, Version, APP_ID};
pub use query::{ArticleFilter, FeedRef};
pub use view::{
    Added, CacheInfo, Cleanup, FeedOutcome, ImportReport, OfflineReport, Outcome, RefreshProgress, RefreshReport,
};
