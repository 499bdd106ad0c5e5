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

export interface RefreshReport {
  feeds: FeedOutcome[];
  offline: boolean;
}

export type RefreshProgress =
  | { kind: "started"; total: number }
  | { kind: "feed_done"; done: number; total: number; feed: FeedOutcome }
  | { kind: "finished"; total: number };

export interface Settings {
  theme: "light" | "dark" | "system";
  font_size: number;
  refresh_minutes: number;
}

/** Every command rejects with this shape. */
export interface CommandError {
  kind: string;
  message: string;
}
