//! The shapes that leave the engine: what `tidings --json` prints and what
//! the desktop window receives over IPC. Field names are those of BRIEF.md;
//! both faces use these types, so they cannot drift apart.

use crate::model::Enclosure;
use serde::{Deserialize, Serialize};

/// A subscription with its counts and health.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Feed {
    pub id: i64,
    pub url: String,
    /// The user's name for it, else the feed's own title, else the URL.
    pub title: String,
    pub site_url: Option<String>,
    pub folder: Option<String>,
    pub unread: i64,
    pub total: i64,
    /// "ok", "error" or "gone".
    pub status: String,
    pub last_error: Option<String>,
    pub icon_url: Option<String>,
    pub last_fetched: Option<String>,
    /// Set while the server asked us to wait (Retry-After).
    pub retry_after: Option<String>,
    /// Whether articles get their full text from their pages.
    pub full_text: bool,
    /// Whether an icon is cached for the feed (served by the window).
    pub icon_cached: bool,
}

/// An article, in full.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Article {
    pub id: i64,
    /// None when the feed was removed but the article was kept (bookmarked).
    pub feed_id: Option<i64>,
    pub feed_title: Option<String>,
    pub guid: Option<String>,
    pub url: Option<String>,
    pub title: String,
    pub author: Option<String>,
    pub author_email: Option<String>,
    pub author_url: Option<String>,
    pub published: Option<String>,
    pub updated: Option<String>,
    pub categories: Vec<String>,
    pub summary: String,
    pub content_html: String,
    pub comments_url: Option<String>,
    pub enclosures: Vec<Enclosure>,
    pub read: bool,
    pub bookmarked: bool,
    /// For search results: the best passage, HTML-escaped, matches in `<mark>`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub snippet: Option<String>,
}

/// A name with the number of articles under it (folders, categories, authors).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct NameCount {
    pub name: String,
    pub count: i64,
    pub unread: i64,
}

/// `inspect`: a document as Tidings understands it, without storing it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InspectedFeed {
    pub format: String,
    pub title: Option<String>,
    pub site_url: Option<String>,
    pub language: Option<String>,
    pub updated: Option<String>,
    pub encoding: String,
    pub warnings: Vec<String>,
    pub entries: Vec<InspectedEntry>,
}

/// An entry of an inspected feed: an article without id and states.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InspectedEntry {
    pub guid: Option<String>,
    pub url: Option<String>,
    pub title: String,
    pub author: Option<String>,
    pub author_email: Option<String>,
    pub author_url: Option<String>,
    pub published: Option<String>,
    pub updated: Option<String>,
    pub categories: Vec<String>,
    pub summary: String,
    pub content_html: String,
    pub comments_url: Option<String>,
    pub enclosures: Vec<Enclosure>,
}

/// A row of the article list: what the list shows, without the content
/// (which never travels with lists, and never over IPC).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ArticleRow {
    pub id: i64,
    pub feed_id: Option<i64>,
    pub feed_title: Option<String>,
    pub title: String,
    pub author: Option<String>,
    pub published: Option<String>,
    pub summary: String,
    pub read: bool,
    pub bookmarked: bool,
    /// Search results only: HTML-escaped text, matches in `<mark>`.
    pub snippet: Option<String>,
}

/// Everything the reader shows around an article's body.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ArticleMeta {
    pub id: i64,
    pub feed_id: Option<i64>,
    pub feed_title: Option<String>,
    pub site_url: Option<String>,
    pub url: Option<String>,
    pub title: String,
    pub author: Option<String>,
    pub author_email: Option<String>,
    pub author_url: Option<String>,
    pub published: Option<String>,
    pub updated: Option<String>,
    pub categories: Vec<String>,
    pub comments_url: Option<String>,
    pub enclosures: Vec<Enclosure>,
    pub read: bool,
    pub bookmarked: bool,
    /// The page's full text has been extracted (the reader shows it).
    pub has_full_text: bool,
    /// Why the full text could not be extracted, if it was tried.
    pub full_text_error: Option<String>,
}

impl From<Article> for ArticleRow {
    fn from(a: Article) -> ArticleRow {
        ArticleRow {
            id: a.id,
            feed_id: a.feed_id,
            feed_title: a.feed_title,
            title: a.title,
            author: a.author,
            published: a.published.or(a.updated),
            summary: a.summary,
            read: a.read,
            bookmarked: a.bookmarked,
            snippet: a.snippet,
        }
    }
}

/// Which articles a window wants: the sidebar's views as data.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct ArticleQuery {
    pub feed_id: Option<i64>,
    pub folder: Option<String>,
    pub category: Option<String>,
    pub author: Option<String>,
    pub unread: bool,
    pub bookmarked: bool,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

impl From<ArticleQuery> for crate::query::ArticleFilter {
    fn from(q: ArticleQuery) -> Self {
        crate::query::ArticleFilter {
            feed: q.feed_id.map(crate::query::FeedRef::Id),
            folder: q.folder,
            category: q.category,
            author: q.author,
            unread: q.unread,
            bookmarked: q.bookmarked,
            limit: q.limit,
            offset: q.offset,
        }
    }
}

/// The desktop app's preferences, kept in the library file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct Settings {
    /// "light", "dark" or "system".
    pub theme: String,
    /// Reader font size in CSS pixels.
    pub font_size: u32,
    /// Automatic refresh interval; 0 turns it off.
    pub refresh_minutes: u32,
    /// Load images the cache does not hold from the web (which also lets
    /// tracking pixels through). Off by default.
    pub remote_images: bool,
    /// Read articles older than this are deleted (bookmarks never); 0 keeps all.
    pub retention_days: u32,
    /// Image cache limits, in MiB: one image, one article, the whole cache.
    pub image_limit_mb: u32,
    pub article_images_limit_mb: u32,
    pub cache_limit_mb: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            theme: "system".into(),
            font_size: 18,
            refresh_minutes: 30,
            remote_images: false,
            retention_days: 90,
            image_limit_mb: 8,
            article_images_limit_mb: 32,
            cache_limit_mb: 2048,
        }
    }
}

impl Settings {
    /// The same settings with every value in its allowed range.
    pub fn clamped(mut self) -> Settings {
        if !matches!(self.theme.as_str(), "light" | "dark" | "system") {
            self.theme = "system".into();
        }
        self.font_size = self.font_size.clamp(12, 32);
        self.refresh_minutes = self.refresh_minutes.min(24 * 60);
        self.image_limit_mb = self.image_limit_mb.clamp(1, 256);
        self.article_images_limit_mb = self.article_images_limit_mb.clamp(1, 1024);
        self.cache_limit_mb = self.cache_limit_mb.clamp(16, 1 << 20);
        self
    }

    /// The image cache limits these settings give.
    pub fn cache_limits(&self) -> crate::cache::CacheLimits {
        crate::cache::CacheLimits {
            per_image: u64::from(self.image_limit_mb) << 20,
            per_article: u64::from(self.article_images_limit_mb) << 20,
            total: u64::from(self.cache_limit_mb) << 20,
            ..crate::cache::CacheLimits::default()
        }
    }
}
