import * as api from "../api";
import type { Feed, NameCount } from "../bindings";
import { errorMessage } from "../logic/errors";
import { reuseUnchanged } from "../logic/reuse";
import { buildTree, sortByCount } from "../logic/tree";

/** After marking articles read (or unread), a full recount waits this long for the next
 * change: reading with j, j, j would otherwise recount 100,000 articles on every key. */
export const RELOAD_DELAY_MS = 1500;

/** One article whose read state the window just changed: its unread counts move by `delta`. */
export interface UnreadChange {
  feedId: number | null;
  author: string | null;
  /** Empty when not known (a list row); the delayed recount settles those. */
  categories: readonly string[];
  delta: number;
}

export interface Counts {
  all: number;
  unread: number;
  bookmarks: number;
}

/** Feeds, folders, categories, authors and the three top-level counts, as the sidebar shows
 * them. Reloads coalesce: many quick changes (j, j, j marking articles read) cost one query
 * round after the one in flight. */
export class Subscriptions {
  feeds = $state.raw<Feed[]>([]);
  folders = $state.raw<NameCount[]>([]);
  categories = $state.raw<NameCount[]>([]);
  authors = $state.raw<NameCount[]>([]);
  counts = $state.raw<Counts>({ all: 0, unread: 0, bookmarks: 0 });
  loaded = $state(false);
  error = $state<string | null>(null);
  /** Folders the user collapsed (kept for the session only). */
  collapsed = $state.raw<ReadonlySet<string>>(new Set());

  tree = $derived(buildTree(this.feeds));
  byId = $derived(new Map(this.feeds.map((f) => [f.id, f])));
  sortedCategories = $derived(sortByCount(this.categories));
  sortedAuthors = $derived(sortByCount(this.authors));
  folderNames = $derived(this.tree.folders.map((f) => f.name));

  #running: Promise<void> | null = null;
  #again = false;
  #soon: ReturnType<typeof setTimeout> | undefined;

  feed(id: number | null | undefined): Feed | undefined {
    return id == null ? undefined : this.byId.get(id);
  }

  /** Re-queries everything the sidebar shows. With `holdUntil`, the answers wait for it
   * before they are drawn (at start: until the article list is on screen). */
  load(holdUntil?: Promise<unknown>): Promise<void> {
    clearTimeout(this.#soon);
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      try {
        do {
          this.#again = false;
          await this.#loadOnce(holdUntil);
          holdUntil = undefined;
        } while (this.#again);
      } finally {
        this.#running = null;
      }
    })();
    return this.#running;
  }

  async #loadOnce(holdUntil?: Promise<unknown>): Promise<void> {
    // Each part stands alone: one failing query must not blank the whole sidebar.
    const [feeds, folders, categories, authors, all, unread, bookmarks] = await Promise.allSettled([
      api.listFeeds(),
      api.listFolders(),
      api.listCategories(),
      api.listAuthors(),
      api.countArticles({}),
      api.countArticles({ unread: true }),
      api.countArticles({ bookmarked: true }),
    ]);
    if (holdUntil) {
      await holdUntil.catch(() => undefined);
      // Something changed while these answers waited (a feed added at start): they are stale,
      // and drawing them would flash an empty library before the next round lands.
      if (this.#again) return;
    }
    // Unchanged rows stay the same objects, so only what changed is drawn again.
    if (feeds.status === "fulfilled") this.feeds = reuseUnchanged(this.feeds, feeds.value, (f) => f.id);
    if (folders.status === "fulfilled") this.folders = reuseUnchanged(this.folders, folders.value, (n) => n.name);
    if (categories.status === "fulfilled")
      this.categories = reuseUnchanged(this.categories, categories.value, (n) => n.name);
    if (authors.status === "fulfilled") this.authors = reuseUnchanged(this.authors, authors.value, (n) => n.name);
    const count = (r: PromiseSettledResult<number>, old: number) => (r.status === "fulfilled" ? r.value : old);
    this.counts = {
      all: count(all, this.counts.all),
      unread: count(unread, this.counts.unread),
      bookmarks: count(bookmarks, this.counts.bookmarks),
    };
    const failed = [feeds, folders, categories, authors, all, unread, bookmarks].find((r) => r.status === "rejected");
    this.error = failed ? errorMessage((failed as PromiseRejectedResult).reason) : null;
    this.loaded = true;
  }

  /** A reload after RELOAD_DELAY_MS of quiet; calls in between push it back. */
  loadSoon(): void {
    clearTimeout(this.#soon);
    this.#soon = setTimeout(() => void this.load(), RELOAD_DELAY_MS);
  }

  /** Moves the unread counts of the window's own read-state changes at once, without a
   * query (see loadSoon for the recount that follows). */
  adjustUnread(changes: readonly UnreadChange[]): void {
    if (changes.length === 0) return;
    const byFeed = new Map<number, number>();
    const byAuthor = new Map<string, number>();
    const byCategory = new Map<string, number>();
    const add = <K>(m: Map<K, number>, k: K, d: number) => m.set(k, (m.get(k) ?? 0) + d);
    let total = 0;
    for (const c of changes) {
      total += c.delta;
      if (c.feedId != null) add(byFeed, c.feedId, c.delta);
      // Authors and categories are matched without regard to case, as the library does.
      if (c.author) add(byAuthor, c.author.toLowerCase(), c.delta);
      for (const name of c.categories) add(byCategory, name.toLowerCase(), c.delta);
    }
    const moved = (n: number, d: number | undefined) => Math.max(0, n + (d ?? 0));
    if (byFeed.size) this.feeds = this.feeds.map((f) => (byFeed.has(f.id) ? { ...f, unread: moved(f.unread, byFeed.get(f.id)) } : f));
    const names = (list: NameCount[], by: Map<string, number>) =>
      by.size === 0 ? list : list.map((n) => (by.has(n.name.toLowerCase()) ? { ...n, unread: moved(n.unread, by.get(n.name.toLowerCase())) } : n));
    this.authors = names(this.authors, byAuthor);
    this.categories = names(this.categories, byCategory);
    this.counts = { ...this.counts, unread: moved(this.counts.unread, total) };
  }

  toggleFolder(name: string): void {
    const next = new Set(this.collapsed);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    this.collapsed = next;
  }

  /** Replaces one feed in place after rename/move, before the full reload lands. */
  replaceFeed(feed: Feed): void {
    this.feeds = this.feeds.map((f) => (f.id === feed.id ? feed : f));
  }
}

export const subscriptions = new Subscriptions();
