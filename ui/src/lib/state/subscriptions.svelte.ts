import * as api from "../api";
import type { Feed, NameCount } from "../bindings";
import { errorMessage } from "../logic/errors";
import { reuseUnchanged } from "../logic/reuse";
import { buildTree, sortByCount } from "../logic/tree";

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

  feed(id: number | null | undefined): Feed | undefined {
    return id == null ? undefined : this.byId.get(id);
  }

  /** Re-queries everything the sidebar shows. */
  load(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      try {
        do {
          this.#again = false;
          await this.#loadOnce();
        } while (this.#again);
      } finally {
        this.#running = null;
      }
    })();
    return this.#running;
  }

  async #loadOnce(): Promise<void> {
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
