// The only door to the Rust side: one typed function per command, one typed map of events.
// Nothing else imports @tauri-apps/api (core/event) or the plugins, so tests mock this file.

import { listen } from "@tauri-apps/api/event";
import { open as openDialog, save as saveDialog } from "@tauri-apps/plugin-dialog";
import { openUrl } from "@tauri-apps/plugin-opener";
import { commands, type RefreshProgress, type RefreshReport } from "./bindings";
import { articleBodyUrl, isOpenableUrl } from "./logic/urls";

// Pure, but part of what the shell serves: views take it from here or from logic/urls.
export { feedIconUrl } from "./logic/urls";

// ---- commands ------------------------------------------------------------------------
// Generated from the Rust command list (src-tauri/ipc.rs) with their types: see bindings.ts.

export const {
  listFeeds,
  listFolders,
  listCategories,
  listAuthors,
  listArticles,
  countArticles,
  getArticle,
  searchArticles,
  /** Extracts the article's page now (if not done yet) and saves its images; fetch the body
   * again afterwards, it is then the full text. */
  loadFullArticle,
  setRead,
  markAllRead,
  setBookmarked,
  addFeed,
  removeFeed,
  renameFeed,
  moveFeed,
  /** The feed's "always fetch full text" setting. */
  setFullText,
  importOpml,
  exportOpml,
  refreshFeeds,
  getSettings,
  setSettings,
  /** A feed handed over by "Open with Tidings" at launch, once. */
  takeOpenRequest,
  // The benchmark probe (bench/desktop.py): inert unless the app runs with TIDINGS_PROBE.
  probeEnabled,
  probeMark,
  probeReport,
  cacheInfo,
  clearImageCache,
} = commands;

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
