// What the user can do, each as one function that coordinates the state modules and the
// API. Views and keyboard shortcuts call these; nothing here touches the DOM directly.

import * as api from "../api";
import type { Added, Feed, Settings } from "../bindings";
import { errorMessage } from "../logic/errors";
import { plural } from "../logic/format";
import type { Action } from "../logic/shortcuts";
import { ALL, BOOKMARKS, UNREAD, viewQuery, type View } from "../logic/views";
import type { Range } from "../logic/virtual";
import { articles } from "./articles.svelte";
import { imageCache } from "./cache.svelte";
import { notices } from "./notices.svelte";
import { reader } from "./reader.svelte";
import { refresh } from "./refresh.svelte";
import { search } from "./search.svelte";
import { settings } from "./settings.svelte";
import { shortcuts } from "./shortcuts.svelte";
import { subscriptions, type UnreadChange } from "./subscriptions.svelte";
import { ui } from "./ui.svelte";

function fail(e: unknown): void {
  notices.show(errorMessage(e), "error");
}

// ---- navigation ----------------------------------------------------------------------

/** A sidebar choice: the list shows `view`, the search is over, the reader empties. */
export async function goTo(view: View): Promise<void> {
  search.forget();
  reader.clear();
  await articles.show(view);
}

/** From the reader (author, category): the open article stays open and selected. */
export async function showRelated(view: View): Promise<void> {
  search.forget();
  await articles.show(view, { keepSelection: true });
}

export async function openArticle(id: number): Promise<void> {
  const meta = await reader.open(id);
  if (meta && !meta.read) await setRead([id], true);
}

/** Click (or arrow key) on row `index`. */
export async function openAt(index: number): Promise<void> {
  const row = await articles.ensureRow(index);
  if (!row) return;
  articles.select(index, row.id);
  await openArticle(row.id);
}

export async function next(): Promise<void> {
  const row = await articles.step(1);
  if (row) await openArticle(row.id);
}

export async function prev(): Promise<void> {
  const row = await articles.step(-1);
  if (row) await openArticle(row.id);
}

/** The list scrolled: fetches the pages of the rows in `range` it does not have yet. */
export function scrollList(range: Range): Promise<void> {
  return articles.ensureRange(range);
}

// ---- search --------------------------------------------------------------------------

/** Typing in the search box: searches after a pause; emptying the box ends the search. */
export function typeSearch(text: string): void {
  search.input(text);
}

/** Enter in the search box: searches now. */
export function searchNow(): Promise<void> {
  return search.submit();
}

/** Escape or the clear button: empties the box and goes back to where the search started. */
export function clearSearch(): Promise<void> {
  return search.clear();
}

// ---- reading state -------------------------------------------------------------------

/** The article shortcuts act on: the open one, else the selected row. */
function current(): { id: number; read: boolean; bookmarked: boolean } | null {
  if (reader.meta) return reader.meta;
  const row = articles.rowAt(articles.selectedIndex);
  return row ?? null;
}

/** What marking `ids` read (or unread) does to the sidebar's counts, from what the window
 * knows of them: the open article (with its categories) or its row in the list. */
function unreadChanges(ids: number[], read: boolean): UnreadChange[] {
  const changes: UnreadChange[] = [];
  for (const id of ids) {
    const meta = reader.meta?.id === id ? reader.meta : undefined;
    const known = meta ?? articles.rowAt(articles.indexOfId(id));
    if (!known || known.read === read) continue;
    changes.push({ feedId: known.feed_id, author: known.author, categories: meta?.categories ?? [], delta: read ? -1 : 1 });
  }
  return changes;
}

export async function setRead(ids: number[], read: boolean): Promise<void> {
  if (ids.length === 0) return;
  // Show the change at once; the echo of our own write must not re-query the list.
  articles.noteOwnWrite();
  const changes = unreadChanges(ids, read);
  subscriptions.adjustUnread(changes);
  articles.patch(ids, { read });
  reader.patch(ids, { read });
  try {
    await api.setRead(ids, read);
  } catch (e) {
    articles.patch(ids, { read: !read });
    reader.patch(ids, { read: !read });
    subscriptions.adjustUnread(changes.map((c) => ({ ...c, delta: -c.delta })));
    fail(e);
  }
  subscriptions.loadSoon();
}

export async function setBookmarked(ids: number[], bookmarked: boolean): Promise<void> {
  if (ids.length === 0) return;
  articles.noteOwnWrite();
  articles.patch(ids, { bookmarked });
  reader.patch(ids, { bookmarked });
  try {
    await api.setBookmarked(ids, bookmarked);
  } catch (e) {
    articles.patch(ids, { bookmarked: !bookmarked });
    reader.patch(ids, { bookmarked: !bookmarked });
    fail(e);
  }
  void subscriptions.load();
}

export async function toggleRead(): Promise<void> {
  const a = current();
  if (a) await setRead([a.id], !a.read);
}

export async function toggleBookmark(): Promise<void> {
  const a = current();
  if (a) await setBookmarked([a.id], !a.bookmarked);
}

/** "Mark all as read" for the list's view (for a search: the results shown). */
export async function markAllRead(): Promise<void> {
  const view = articles.view;
  const loaded = articles.loadedRows().map((r) => r.id);
  articles.noteOwnWrite();
  try {
    if (view.kind === "search") {
      const unread = articles.loadedRows().filter((r) => !r.read).map((r) => r.id);
      if (unread.length) await api.setRead(unread, true);
    } else {
      await api.markAllRead(viewQuery(view));
    }
    articles.patchAllRead();
    reader.patch(loaded, { read: true });
  } catch (e) {
    fail(e);
  }
  void subscriptions.load();
}

/** "Load full article": the page's text (and its images) for the open article. It reached
 * the network, so a standing offline notice is wrong now. */
export async function loadFullArticle(): Promise<void> {
  if (await reader.loadFullText()) refresh.markOnline();
}

/** Between the page's full text and what the feed itself carried. */
export async function toggleArticleVersion(): Promise<void> {
  await reader.toggleVersion();
}

export async function openInBrowser(): Promise<void> {
  const url = reader.meta?.url;
  if (url) await openLink(url);
}

/** Any outside link: handed to the system browser or mail app, never opened in the window. */
export async function openLink(url: string | null | undefined): Promise<void> {
  try {
    await api.openExternal(url);
  } catch (e) {
    fail(e);
  }
}

// ---- refreshing ----------------------------------------------------------------------

async function afterChange(): Promise<void> {
  await Promise.all([subscriptions.load(), articles.reload()]);
}

export async function refreshFeeds(feedId: number | null = null): Promise<void> {
  if (refresh.running && feedId == null) return;
  refresh.begin();
  try {
    const report = await api.refreshFeeds(feedId);
    refresh.onFinished(report);
  } catch (e) {
    refresh.abort();
    fail(e);
  }
  await afterChange();
}

export const refreshAll = () => refreshFeeds(null);

// ---- subscriptions -------------------------------------------------------------------

/** Subscribes and shows the new feed. Rejects with the CommandError for the dialog to show. */
export async function addFeed(url: string, folder: string | null): Promise<Added> {
  const added = await api.addFeed(url.trim(), folder?.trim() || null);
  refresh.markOnline();
  await subscriptions.load();
  await goTo({ kind: "feed", feedId: added.feed.id });
  notices.show(
    added.already_subscribed
      ? `You were already subscribed to ${added.feed.title}.`
      : `Subscribed to ${added.feed.title}${added.new > 0 ? ` — ${plural(added.new, "article")}` : ""}.`,
  );
  return added;
}

export async function removeFeed(feed: Feed): Promise<void> {
  try {
    await api.removeFeed(feed.id);
  } catch (e) {
    fail(e);
    return;
  }
  notices.show(`Unsubscribed from ${feed.title}.`);
  if (articles.view.kind === "feed" && articles.view.feedId === feed.id) {
    await subscriptions.load();
    await goTo(ALL);
  } else {
    if (reader.meta?.feed_id === feed.id && !reader.meta.bookmarked) reader.clear();
    await afterChange();
  }
}

export async function renameFeed(feed: Feed, title: string): Promise<void> {
  try {
    subscriptions.replaceFeed(await api.renameFeed(feed.id, title.trim() || null));
  } catch (e) {
    fail(e);
    return;
  }
  await afterChange();
}

export async function moveFeed(feed: Feed, folder: string): Promise<void> {
  try {
    subscriptions.replaceFeed(await api.moveFeed(feed.id, folder.trim() || null));
  } catch (e) {
    fail(e);
    return;
  }
  await afterChange();
}

/** Turns "always fetch full text" on or off for a feed. */
export async function setFullText(feed: Feed, on: boolean): Promise<void> {
  try {
    subscriptions.replaceFeed(await api.setFullText(feed.id, on));
  } catch (e) {
    fail(e);
  }
}

export async function importOpml(): Promise<void> {
  try {
    const path = await api.chooseOpmlToImport();
    if (!path) return;
    const report = await api.importOpml(path);
    await subscriptions.load();
    ui.openDialog({ kind: "import", report });
    // Import only subscribes; fetch the new feeds so there is something to read.
    if (report.added.length > 0) void refreshAll();
  } catch (e) {
    fail(e);
  }
}

export async function exportOpml(): Promise<void> {
  try {
    const path = await api.chooseOpmlExportPath();
    if (!path) return;
    const n = await api.exportOpml(path);
    notices.show(`Exported ${plural(n, "subscription")}.`);
  } catch (e) {
    fail(e);
  }
}

// ---- settings ------------------------------------------------------------------------

/** A change in the Settings dialog: applied at once, saved shortly after. */
export function changeSettings(patch: Partial<Settings>): void {
  settings.update(patch);
}

/** Closing the Settings dialog: a change not saved yet is saved now. */
export function saveSettings(): Promise<void> {
  return settings.flush();
}

/** How much the saved images take, asked for when the Settings dialog opens. */
export function showSavedImages(): Promise<void> {
  return imageCache.load();
}

export function clearSavedImages(): Promise<void> {
  return imageCache.clear();
}

// ---- keyboard ------------------------------------------------------------------------

const RUN: Record<Action, () => unknown> = {
  next,
  prev,
  scrollDown: () => ui.scrollReader(1),
  scrollUp: () => ui.scrollReader(-1),
  toggleBookmark,
  toggleRead,
  openInBrowser,
  refresh: refreshAll,
  focusSearch: () => ui.focusSearch(),
  goAll: () => goTo(ALL),
  goUnread: () => goTo(UNREAD),
  goBookmarks: () => goTo(BOOKMARKS),
  markAllRead,
  addFeed: () => ui.openDialog({ kind: "add" }),
  settings: () => ui.openDialog({ kind: "settings" }),
  help: () => ui.openDialog({ kind: "shortcuts" }),
  escape: () => {
    if (ui.dialog) ui.closeDialog();
    else if (search.active || search.text) void clearSearch();
  },
};

export function runAction(action: Action): void {
  void RUN[action]();
}

/** The window's keydown handler (also fed by keys pressed inside the article's iframe). */
export function handleKeydown(e: KeyboardEvent): void {
  // Dialogs and menus handle their own keys.
  if (e.defaultPrevented || ui.dialog) return;
  const action = shortcuts.handle(e);
  if (!action) return;
  e.preventDefault();
  runAction(action);
}

// ---- start-up and backend events -----------------------------------------------------

/** "Open with Tidings" on a feed: ask, with the Add feed dialog filled in. */
function offerSubscription(url: string): void {
  ui.openDialog({ kind: "add", url });
}

/** The list's first page, asked for by `askForList` before the window was mounted. */
let listAsked: Promise<void> | null = null;

/** Asks for the article list before the window is mounted: mounting and the first layout
 * take a few hundred milliseconds in a software-rendered webview, and the queries can run
 * meanwhile. `start` picks the answer up. */
export function askForList(): void {
  listAsked ??= articles.show(ALL);
}

/** Resolves once the frame after the current one has begun, so the current one is on screen
 * (also how the benchmark probe knows a change was painted). */
export function afterPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== "function") return Promise.resolve();
  return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
}

/** Loads what the window shows first and follows the backend's events; resolves to the
 * function that stops listening. */
export async function start(): Promise<() => void> {
  // Inert unless the app runs under the benchmark probe, which watches the first paint.
  void import("./probe").then((p) => p.runProbe()).catch(() => undefined);
  const listening = Promise.allSettled([
    api.onEvent("refresh-progress", (p) => refresh.onProgress(p)),
    api.onEvent("refresh-finished", (report) => {
      refresh.onFinished(report);
      void afterChange();
    }),
    api.onEvent("feeds-changed", () => void subscriptions.load()),
    api.onEvent("open-request", (url) => offerSubscription(url)),
    api.onEvent("articles-changed", () => {
      if (articles.isEcho()) {
        subscriptions.loadSoon();
      } else {
        void subscriptions.load();
        void articles.reload();
      }
    }),
  ]);
  // The list's queries go first, so they find a free reading connection; the sidebar's
  // counts over the whole library are the slow ones. Drawing the sidebar takes the page a
  // few hundred milliseconds at thousands of feeds, so it waits until the list is on screen.
  const list = listAsked ?? articles.show(ALL);
  listAsked = null;
  // (An empty list has nothing to show first: then the sidebar, which decides whether the
  // welcome screen shows, comes as soon as it can.)
  const sidebar = subscriptions.load(list.then(() => (articles.total > 0 ? afterPaint() : undefined)));
  const [results] = await Promise.all([listening, settings.load(), list, sidebar]);
  void api.takeOpenRequest().then((url) => url && offerSubscription(url)).catch(() => undefined);
  const stops = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const failed = results.find((r) => r.status === "rejected");
  // Without events the window still works; it just will not follow changes made elsewhere.
  if (failed) notices.show(`Live updates are unavailable: ${errorMessage((failed as PromiseRejectedResult).reason)}`, "error");
  return () => stops.forEach((stop) => stop());
}
