// The only door to the Rust side: one typed function per command, one typed map of events.
// Nothing else imports @tauri-apps/api (core/event) or the plugins, so tests mock this file.

import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { open as openDialog, save as saveDialog } from "@tauri-apps/plugin-dialog";
import { openUrl } from "@tauri-apps/plugin-opener";
import type {
  Added,
  ArticleMeta,
  ArticleQuery,
  ArticleRow,
  CacheInfo,
  Feed,
  ImportReport,
  NameCount,
  RefreshProgress,
  RefreshReport,
  Settings,
} from "./bindings";
import { articleBodyUrl, isOpenableUrl } from "./logic/urls";

// Pure, but part of what the shell serves: views take it from here or from logic/urls.
export { feedIconUrl } from "./logic/urls";

// ---- commands ------------------------------------------------------------------------

export const listFeeds = () => invoke<Feed[]>("list_feeds");
export const listFolders = () => invoke<NameCount[]>("list_folders");
export const listCategories = () => invoke<NameCount[]>("list_categories");
export const listAuthors = () => invoke<NameCount[]>("list_authors");

export const listArticles = (query: ArticleQuery) => invoke<ArticleRow[]>("list_articles", { query });
export const countArticles = (query: ArticleQuery) => invoke<number>("count_articles", { query });
export const getArticle = (id: number) => invoke<ArticleMeta>("get_article", { id });
export const searchArticles = (query: string, limit: number) =>
  invoke<ArticleRow[]>("search_articles", { query, limit });
/** Extracts the article's page now (if not done yet) and saves its images; fetch the body
 * again afterwards, it is then the full text. */
export const loadFullArticle = (id: number) => invoke<void>("load_full_article", { id });

export const setRead = (ids: number[], read: boolean) => invoke<number>("set_read", { ids, read });
export const markAllRead = (query: ArticleQuery) => invoke<number>("mark_all_read", { query });
export const setBookmarked = (ids: number[], bookmarked: boolean) =>
  invoke<number>("set_bookmarked", { ids, bookmarked });

export const addFeed = (url: string, folder: string | null) => invoke<Added>("add_feed", { url, folder });
export const removeFeed = (id: number) => invoke<Feed>("remove_feed", { id });
export const renameFeed = (id: number, title: string | null) => invoke<Feed>("rename_feed", { id, title });
export const moveFeed = (id: number, folder: string | null) => invoke<Feed>("move_feed", { id, folder });
/** The feed's "always fetch full text" setting. */
export const setFullText = (id: number, on: boolean) => invoke<Feed>("set_full_text", { id, on });

export const importOpml = (path: string) => invoke<ImportReport>("import_opml", { path });
export const exportOpml = (path: string) => invoke<number>("export_opml", { path });

export const refreshFeeds = (feedId: number | null) => invoke<RefreshReport>("refresh_feeds", { feedId });

export const getSettings = () => invoke<Settings>("get_settings");
/** A feed handed over by "Open with Tidings" at launch, once. */
export const takeOpenRequest = () => invoke<string | null>("take_open_request");
// The benchmark probe (bench/desktop.py): inert unless the app runs with TIDINGS_PROBE.
export const probeEnabled = () => invoke<boolean>("probe_enabled");
export const probeMark = (name: string) => invoke<void>("probe_mark", { name });
export const probeReport = (report: unknown) => invoke<void>("probe_report", { report });
export const setSettings = (settings: Settings) => invoke<Settings>("set_settings", { settings });

export const cacheInfo = () => invoke<CacheInfo>("cache_info");
export const clearImageCache = () => invoke<void>("clear_image_cache");

// ---- events --------------------------------------------------------------------------

export interface Events {
  "refresh-progress": RefreshProgress;
  "refresh-finished": RefreshReport;
  "feeds-changed": null;
  "articles-changed": null;
  /** "Open with Tidings" handed over a feed while the app was running. */
  "open-request": string;
}

/** Subscribes to a backend event; resolves to the function that unsubscribes. */
export async function onEvent<K extends keyof Events>(
  name: K,
  handler: (payload: Events[K]) => void,
): Promise<() => void> {
  return listen<Events[K]>(name, (event) => handler(event.payload));
}

// ---- article body --------------------------------------------------------------------

/** Which text of an article: "best" is the page's full text once extracted, else the feed's;
 * "feed" is always what the feed itself carried. */
export type BodyVersion = "best" | "feed";

/** The sanitized HTML fragment of an article, served by the shell's custom protocol (never
 * over invoke: bodies can be large and the protocol streams them). */
export async function fetchArticleBody(id: number, signal?: AbortSignal, version: BodyVersion = "best"): Promise<string> {
  // "best" is the protocol's default, so its URL stays the plain one.
  const url = version === "feed" ? `${articleBodyUrl(id)}?version=feed` : articleBodyUrl(id);
  const res = await fetch(url, { signal });
  if (!res.ok) {
    throw { kind: "body", message: `could not load the article text (status ${res.status})` };
  }
  return res.text();
}

// ---- the outside world ---------------------------------------------------------------

/** Opens an http(s)/mailto URL with the system; anything else is refused (returns false). */
export async function openExternal(url: string | null | undefined): Promise<boolean> {
  if (!isOpenableUrl(url)) return false;
  await openUrl(url.trim());
  return true;
}

const OPML_FILTERS = [{ name: "OPML", extensions: ["opml", "xml"] }];

export async function chooseOpmlToImport(): Promise<string | null> {
  const path = await openDialog({ title: "Import OPML", multiple: false, directory: false, filters: OPML_FILTERS });
  return typeof path === "string" ? path : null;
}

export async function chooseOpmlExportPath(): Promise<string | null> {
  return saveDialog({ title: "Export OPML", defaultPath: "Tidings subscriptions.opml", filters: OPML_FILTERS });
}
