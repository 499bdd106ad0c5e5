// The IPC contract with the Rust shell (src-tauri). Field names are snake_case because
// these mirror the engine's `view` types, shared with the CLI's --json output.
// Keep in step with the Rust side; when it generates this file (ts-rs/specta), the
// generated version replaces this one.

export interface Feed {
  id: number;
  url: string;
  title: string;
  site_url: string | null;
  folder: string | null;
  unread: number;
  total: number;
  status: "ok" | "error" | "gone";
  last_error: string | null;
  icon_url: string | null;
  last_fetched: string | null;
  retry_after: string | null;
  /** Its articles get their full text from their pages, not just what the feed carries. */
  full_text: boolean;
  /** The shell has the site's icon saved; it serves it at /icon/{id} (api.ts feedIconUrl). */
  icon_cached: boolean;
}

export interface NameCount {
  name: string;
  count: number;
  unread: number;
}

export interface Enclosure {
  url: string;
  mime_type: string | null;
  length: number | null;
}

/** A row of the article list (no content). Search results carry `snippet`: HTML-escaped
 * text with matches wrapped in <mark>, safe to render with {@html}. */
export interface ArticleRow {
  id: number;
  feed_id: number | null;
  feed_title: string | null;
  title: string;
  author: string | null;
  published: string | null;
  summary: string;
  read: boolean;
  bookmarked: boolean;
  snippet: string | null;
}

/** The reader's header data. The body is fetched separately (see api.ts articleBodyUrl). */
export interface ArticleMeta {
  id: number;
  feed_id: number | null;
  feed_title: string | null;
  site_url: string | null;
  url: string | null;
  title: string;
  author: string | null;
  author_email: string | null;
  author_url: string | null;
  published: string | null;
  updated: string | null;
  categories: string[];
  comments_url: string | null;
  enclosures: Enclosure[];
  read: boolean;
  bookmarked: boolean;
  /** The page's full text was extracted: the body the reader fetches is then the full text
   * (the feed's own version stays available, see api.ts fetchArticleBody). */
  has_full_text: boolean;
  /** Why the last extraction failed (engine wording), if it did. */
  full_text_error: string | null;
}

export interface ArticleQuery {
  feed_id?: number | null;
  folder?: string | null;
  category?: string | null;
  author?: string | null;
  unread?: boolean;
  bookmarked?: boolean;
  limit?: number;
  offset?: number;
}

export interface Added {
  feed: Feed;
  new: number;
  already_subscribed: boolean;
}

export interface ImportReport {
  added: { url: string; title: string | null; site_url: string | null; folder: string | null }[];
  duplicates: string[];
  skipped: { entry: string; reason: string }[];
}

export interface FeedOutcome {
  feed_id: number;
  url: string;
  title: string;
  outcome: "updated" | "not_modified" | "error" | "gone" | "postponed";
  new: number;
  updated: number;
  error: string | null;
  error_kind: string | null;
  retry_after: string | null;
}

/** What a refresh saved for reading offline: pages' full texts and the articles' images. */
export interface OfflineCopyReport {
  articles: number;
  full_texts: number;
  full_text_errors: number;
  images: number;
  image_errors: number;
  image_bytes: number;
}

/** What a refresh deleted under the retention setting (bookmarks are never deleted). */
export interface CleanupReport {
  articles: number;
  images: number;
}

export interface RefreshReport {
  feeds: FeedOutcome[];
  offline: boolean;
  offline_copy?: OfflineCopyReport | null;
  cleanup?: CleanupReport | null;
}

export type RefreshProgress =
  | { kind: "started"; total: number }
  | { kind: "feed_done"; done: number; total: number; feed: FeedOutcome }
  | { kind: "finished"; total: number };

export interface Settings {
  theme: "light" | "dark" | "system";
  font_size: number;
  refresh_minutes: number;
  /** Load images that are not saved from the web (default false). That also lets tracking
   * pixels through, which is why it is off. */
  remote_images: boolean;
  /** Read articles older than this are deleted (bookmarks never); 0 keeps everything. Default 90. */
  retention_days: number;
  /** Images larger than this are not saved (MiB, default 8). */
  image_limit_mb: number;
  /** At most this much of one article's images is saved (MiB, default 32). */
  article_images_limit_mb: number;
  /** The whole image cache stays under this (MiB, default 2048). */
  cache_limit_mb: number;
}

/** The saved-images cache (cache_info). */
export interface CacheInfo {
  bytes: number;
  images: number;
  /** Where it lives on disk. */
  dir: string;
}

/** Every command rejects with this shape. */
export interface CommandError {
  kind: string;
  message: string;
}
