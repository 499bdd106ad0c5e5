//! Plain data that flows through the pipeline: what the parser makes of a
//! document, before anything is stored.

use chrono::{DateTime, Utc};

/// The syndication format of a document, named as Python's feedparser names
/// them (`rss20`, `atom10`, `json11`, ...), so that output can be compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedFormat {
    Rss090,
    Rss091U,
    Rss091N,
    Rss092,
    Rss093,
    Rss094,
    Rss20,
    /// RSS without a version we recognise.
    Rss,
    Rss10,
    Atom03,
    Atom10,
    Json10,
    Json11,
}

impl FeedFormat {
    /// feedparser's version string.
    pub fn as_str(self) -> &'static str {
        match self {
            FeedFormat::Rss090 => "rss090",
            FeedFormat::Rss091U => "rss091u",
            FeedFormat::Rss091N => "rss091n",
            FeedFormat::Rss092 => "rss092",
            FeedFormat::Rss093 => "rss093",
            FeedFormat::Rss094 => "rss094",
            FeedFormat::Rss20 => "rss20",
            FeedFormat::Rss => "rss",
            FeedFormat::Rss10 => "rss10",
            FeedFormat::Atom03 => "atom03",
            FeedFormat::Atom10 => "atom10",
            FeedFormat::Json10 => "json10",
            FeedFormat::Json11 => "json11",
        }
    }
}

/// A person named by a feed: an author or contributor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Person {
    pub name: Option<String>,
    pub email: Option<String>,
    pub uri: Option<String>,
}

impl Person {
    /// The name to show: the name, else the email address.
    pub fn display_name(&self) -> Option<&str> {
        self.name.as_deref().or(self.email.as_deref())
    }
}

/// Enclosures leave the engine as they are parsed.
pub use crate::view::Enclosure;

/// One entry as the parser read it. HTML fields are raw (unsanitized) here;
/// text fields are plain text.
#[derive(Debug, Clone, Default)]
pub struct ParsedEntry {
    pub guid: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub authors: Vec<Person>,
    pub published: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    pub categories: Vec<String>,
    /// The short form (RSS description, Atom summary), raw HTML.
    pub summary_html: Option<String>,
    /// The full form (content:encoded, Atom content, JSON content_html), raw HTML.
    pub content_html: Option<String>,
    pub comments_url: Option<String>,
    /// A feed of the comments (wfw:commentRss).
    pub comments_feed_url: Option<String>,
    pub enclosures: Vec<Enclosure>,
    /// The URL that relative links in the entry's HTML resolve against.
    pub base_url: Option<String>,
}

/// A whole document as the parser read it.
#[derive(Debug, Clone)]
pub struct ParsedFeed {
    pub format: FeedFormat,
    pub title: Option<String>,
    pub site_url: Option<String>,
    /// Where the feed says it lives (`atom:link rel="self"`, JSON Feed's `feed_url`).
    pub feed_url: Option<String>,
    pub description: Option<String>,
    pub language: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    pub icon_url: Option<String>,
    pub authors: Vec<Person>,
    pub entries: Vec<ParsedEntry>,
    /// Things the parser repaired or skipped; never fatal.
    pub warnings: Vec<String>,
    /// The encoding the bytes were decoded from.
    pub encoding: &'static str,
}
