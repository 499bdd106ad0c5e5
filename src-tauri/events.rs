//! Names of the events the shell broadcasts. They only say that something
//! changed (the UI re-queries), except the refresh events, which carry the
//! progress and the report. Mirrored in ui/src/lib/api.ts.

/// Payload: `tidings_core::RefreshProgress`.
pub const REFRESH_PROGRESS: &str = "refresh-progress";
/// Payload: `tidings_core::RefreshReport`.
pub const REFRESH_FINISHED: &str = "refresh-finished";
/// The subscriptions themselves changed (added, removed, renamed, moved, their
/// settings), or their icons.
pub const FEEDS_CHANGED: &str = "feeds-changed";
/// Articles were added, updated or changed state (read, bookmarked): every
/// count in the sidebar may have moved.
pub const ARTICLES_CHANGED: &str = "articles-changed";
/// Payload: the URL that "Open with Tidings" asks to subscribe to.
pub const OPEN_REQUEST: &str = "open-request";
