//! The shapes that leave the engine: what `tidings --json` prints and what
//! the desktop window receives over IPC. Field names are those of BRIEF.md;
//! both faces use these types, so they cannot drift apart, and the window's
//! TypeScript types are generated from them (`specta::Type`; the desktop
//! shell's test `bindings_are_current` fails when `ui/src/lib/bindings.ts`
//! is stale). Every type that crosses a boundary is defined here.

use crate::error::ErrorKind;
use serde::{Deserialize, Serialize};
use specta::Type;

/// A feed's health.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Type)]
#[serde(rename_all = "lowercase")]
pub enum FeedStatus {
    Ok,
    Error,
    /// It answered 410 Gone and is no longer fetched.
    Gone,
}

impl FeedStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FeedStatus::Ok => "ok",
            FeedStatus::Error => "error",
            FeedStatus::Gone => "gone",
        }
    }

    /// The status column's value (anything unknown reads as an error).
    pub fn from_column(s: &str) -> FeedStatus {
        match s {
            "ok" => FeedStatus::Ok,
            "gone" => FeedStatus::Gone,
            _ => FeedStatus::Error,
        }
    }
}

impl std::fmt::Display for FeedStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A media file attached to an entry (podcast audio, an image, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Enclosure {
    pub url: String,
    pub mime_type: Option<String>,
    pub length: Option<u64>,
}

/// A subscription with its counts and health.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Type)]
pub struct Feed {
    pub id: i64,
    pub url: String,
    /// The user's name for it, else the feed's own title, else the URL.
    pub title: String,
    pub site_url: Option<String>,
    pub folder: Option<String>,
    pub unread: i64,
    pub total: i64,
    pub status: FeedStatus,
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
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Type)]
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
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Type)]
pub struct NameCount {
    pub name: String,
    pub count: i64,
    pub unread: i64,
}

/// `inspect`: a document as Tidings understands it, without storing it.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
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
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
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
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Type)]
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
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Type)]
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
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq, Type)]
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

/// The reader's colours.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq, Type)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    Light,
    Dark,
    /// Follow the system's light or dark preference.
    #[default]
    System,
}

/// The desktop app's preferences, kept in the library file. (Every field
/// is always sent; a stored value from an older version that lacks some
/// gets their defaults, `Settings::from_stored`.)
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Type)]
pub struct Settings {
    /// An unknown theme (a newer version's) reads as the system's.
    #[serde(deserialize_with = "theme_or_system")]
    #[specta(type = Theme)]
    pub theme: Theme,
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

fn theme_or_system<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Theme, D::Error> {
    Ok(serde_json::Value::deserialize(d).ok().and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default())
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            theme: Theme::System,
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

/// An inclusive range a setting is kept in.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Type)]
pub struct Range {
    pub min: u32,
    pub max: u32,
}

impl Range {
    fn clamp(self, v: u32) -> u32 {
        v.clamp(self.min, self.max)
    }
}

/// The allowed range of every numeric setting: the engine clamps to these,
/// and the window's inputs take their bounds from them (exported with the
/// generated bindings), so the two cannot disagree.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Type)]
pub struct SettingsRanges {
    /// Below 12 px text is hard to read; above 32 a line holds too few words.
    pub font_size: Range,
    /// Up to once a day; 0 is "never".
    pub refresh_minutes: Range,
    pub retention_days: Range,
    pub image_limit_mb: Range,
    pub article_images_limit_mb: Range,
    /// At least 16 MiB, or a single article's images would not fit.
    pub cache_limit_mb: Range,
}

pub const SETTINGS_RANGES: SettingsRanges = SettingsRanges {
    font_size: Range { min: 12, max: 32 },
    refresh_minutes: Range { min: 0, max: 24 * 60 },
    retention_days: Range { min: 0, max: 36_500 },
    image_limit_mb: Range { min: 1, max: 256 },
    article_images_limit_mb: Range { min: 1, max: 1024 },
    cache_limit_mb: Range { min: 16, max: 1 << 20 },
};

impl Settings {
    /// Settings as stored (JSON), fields missing or unreadable taking their
    /// defaults, every value in its range.
    pub fn from_stored(json: &str) -> Settings {
        let mut merged = serde_json::to_value(Settings::default()).unwrap_or_default();
        if let (Some(into), Ok(serde_json::Value::Object(stored))) =
            (merged.as_object_mut(), serde_json::from_str::<serde_json::Value>(json))
        {
            let defaults = into.clone();
            for (key, value) in stored {
                // A value of the wrong type keeps the default rather than losing every setting.
                let mut candidate = defaults.clone();
                candidate.insert(key.clone(), value.clone());
                if serde_json::from_value::<Settings>(serde_json::Value::Object(candidate)).is_ok() {
                    into.insert(key, value);
                }
            }
        }
        serde_json::from_value::<Settings>(merged).unwrap_or_default().clamped()
    }

    /// The same settings with every value in its allowed range.
    pub fn clamped(mut self) -> Settings {
        let r = SETTINGS_RANGES;
        self.font_size = r.font_size.clamp(self.font_size);
        self.refresh_minutes = r.refresh_minutes.clamp(self.refresh_minutes);
        self.retention_days = r.retention_days.clamp(self.retention_days);
        self.image_limit_mb = r.image_limit_mb.clamp(self.image_limit_mb);
        self.article_images_limit_mb = r.article_images_limit_mb.clamp(self.article_images_limit_mb);
        self.cache_limit_mb = r.cache_limit_mb.clamp(self.cache_limit_mb);
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

/// The result of subscribing (`add`).
#[derive(Debug, Clone, Serialize, Type)]
pub struct Added {
    pub feed: Feed,
    /// Articles stored by the first fetch.
    pub new: usize,
    /// True when the feed was already subscribed (nothing changed).
    pub already_subscribed: bool,
}

/// A feed entry of an OPML file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct OpmlFeed {
    pub url: String,
    pub title: Option<String>,
    pub site_url: Option<String>,
    pub folder: Option<String>,
}

/// An OPML entry that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct OpmlSkipped {
    pub entry: String,
    pub reason: String,
}

/// The result of an OPML import.
#[derive(Debug, Clone, Serialize, Default, Type)]
pub struct ImportReport {
    pub added: Vec<OpmlFeed>,
    pub duplicates: Vec<String>,
    pub skipped: Vec<OpmlSkipped>,
}

/// `export -o FILE`: where the subscriptions went.
#[derive(Debug, Clone, Serialize, Type)]
pub struct Exported {
    pub file: String,
    pub feeds: usize,
}

/// `export` to standard output with `--json`.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ExportedOpml {
    pub opml: String,
}

/// How many articles a reading-state command changed.
#[derive(Debug, Clone, Serialize, Type)]
pub struct Changed {
    pub changed: usize,
}

/// How one feed's refresh ended.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Type)]
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
#[derive(Debug, Clone, Serialize, Type)]
pub struct FeedOutcome {
    pub feed_id: i64,
    pub url: String,
    pub title: String,
    pub outcome: Outcome,
    pub new: usize,
    pub updated: usize,
    pub error: Option<String>,
    pub error_kind: Option<ErrorKind>,
    /// RFC 3339 time before which the feed will not be fetched.
    pub retry_after: Option<String>,
}

/// What a refresh did.
#[derive(Debug, Clone, Serialize, Default, Type)]
pub struct RefreshReport {
    pub feeds: Vec<FeedOutcome>,
    /// True when every fetch that failed, failed for lack of a network
    /// (and at least one did): the machine is probably offline.
    pub offline: bool,
    /// What the offline copy (full texts, images) did, when it ran.
    pub offline_copy: Option<OfflineReport>,
    /// What retention removed, when it ran.
    pub cleanup: Option<Cleanup>,
    /// What failed after the articles were stored (icons, the offline copy,
    /// retention): reported, never fatal, as the articles are safe.
    pub after_store_errors: Vec<String>,
}

impl RefreshReport {
    pub fn failed(&self) -> usize {
        self.feeds.iter().filter(|f| f.outcome == Outcome::Error).count()
    }
    pub fn new_articles(&self) -> usize {
        self.feeds.iter().map(|f| f.new).sum()
    }
}

/// Progress of a refresh, as it happens.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RefreshProgress {
    Started { total: usize },
    FeedDone { done: usize, total: usize, feed: FeedOutcome },
    Finished { total: usize },
}

/// What making articles readable offline did.
#[derive(Debug, Clone, Default, Serialize, Type)]
pub struct OfflineReport {
    pub articles: usize,
    pub full_texts: usize,
    pub full_text_errors: usize,
    pub images: usize,
    pub image_errors: usize,
    pub image_bytes: u64,
    /// Articles whose offline copy failed for a reason of ours (a full
    /// disk, a broken cache directory), each with its reason; they are
    /// tried again at the next refresh.
    pub failed: Vec<String>,
}

/// The image cache as the settings show it.
#[derive(Debug, Clone, Serialize, Type)]
pub struct CacheInfo {
    pub bytes: u64,
    pub images: i64,
    pub dir: String,
}

/// What retention removed.
#[derive(Debug, Clone, Default, Serialize, Type)]
pub struct Cleanup {
    pub articles: usize,
    pub images: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_settings_are_completed_and_clamped_by_the_engine() {
        // An older version's settings: fewer fields, an unknown theme, values out of range.
        let s =
            Settings::from_stored(r#"{"theme":"neon","font_size":99,"refresh_minutes":"often","remote_images":true}"#);
        assert_eq!(s.theme, Theme::System);
        assert_eq!(s.font_size, SETTINGS_RANGES.font_size.max);
        assert_eq!(
            s.refresh_minutes,
            Settings::default().refresh_minutes,
            "a value of the wrong type keeps its default"
        );
        assert!(s.remote_images);
        assert_eq!(s.cache_limit_mb, Settings::default().cache_limit_mb);
        assert_eq!(Settings::from_stored("not json"), Settings::default());
        let low = Settings { font_size: 1, cache_limit_mb: 0, ..Settings::default() }.clamped();
        assert_eq!((low.font_size, low.cache_limit_mb), (12, 16));
    }
}
