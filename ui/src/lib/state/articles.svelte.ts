import * as api from "../api";
import type { ArticleRow } from "../bindings";
import { errorMessage } from "../logic/errors";
import { ALL, pagedQuery, viewQuery, type View } from "../logic/views";
import { pagesFor, stepIndex, type Range } from "../logic/virtual";

/** Rows fetched per list_articles call. */
export const PAGE_SIZE = 100;
/** Search has no paging in the contract; this many best matches are shown. */
export const SEARCH_LIMIT = 300;
/** After our own write, an articles-changed arriving this soon is its echo. */
export const ECHO_WINDOW_MS = 1500;

function chunk(rows: ArticleRow[]): Map<number, ArticleRow[]> {
  const pages = new Map<number, ArticleRow[]>();
  for (let i = 0; i < rows.length; i += PAGE_SIZE) pages.set(i / PAGE_SIZE, rows.slice(i, i + PAGE_SIZE));
  return pages;
}

/** Search results come whole (no paging in the contract), cut into pages like the rest. */
async function searchPages(query: string): Promise<{ total: number; pages: Map<number, ArticleRow[]> }> {
  const rows = await api.searchArticles(query, SEARCH_LIMIT);
  return { total: rows.length, pages: chunk(rows) };
}

/** The article list: which view it shows, a sparse cache of pages, and the selection.
 * Pages are $state.raw and replaced whole, so 100,000 rows cost nothing until seen. */
export class ArticleList {
  view = $state.raw<View>(ALL);
  total = $state(0);
  pages = $state.raw<ReadonlyMap<number, ArticleRow[]>>(new Map());
  /** True while a view's first page is on its way. */
  loading = $state(false);
  error = $state<string | null>(null);
  selectedId = $state<number | null>(null);
  /** Where the selection is in the list (-1: not in it, or nothing selected). */
  selectedIndex = $state(-1);
  /** Bumped when a new view's rows arrive, so the list scrolls back to the top. */
  epoch = $state(0);

  // Every replacement of the list bumps the generation; answers for older ones are dropped.
  #gen = 0;
  #inflight = new Map<number, Promise<void>>();
  #visible: Range = { start: 0, end: PAGE_SIZE };
  #quietUntil = 0;

  rowAt(index: number): ArticleRow | undefined {
    if (index < 0 || index >= this.total) return undefined;
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  /** Index of a loaded row by article id, or -1. */
  indexOfId(id: number): number {
    for (const [page, rows] of this.pages) {
      const i = rows.findIndex((r) => r.id === id);
      if (i >= 0) return page * PAGE_SIZE + i;
    }
    return -1;
  }

  /** Every loaded row (search results are always all loaded). */
  loadedRows(): ArticleRow[] {
    return [...this.pages.values()].flat();
  }

  /** Switches to a view. With keepSelection the open article stays selected when it is in
   * the new list (author and category links from the reader). */
  async show(view: View, opts: { keepSelection?: boolean } = {}): Promise<void> {
    const gen = ++this.#gen;
    this.#inflight.clear();
    this.view = view;
    this.loading = true;
    this.error = null;
    if (!opts.keepSelection) this.selectedId = null;
    this.selectedIndex = -1;
    this.#visible = { start: 0, end: PAGE_SIZE };
    try {
      let total: number;
      let pages: Map<number, ArticleRow[]>;
      if (view.kind === "search") {
        ({ total, pages } = await searchPages(view.query));
      } else {
        performance.mark("tidings-list-asked");
        const [count, rows] = await Promise.all([
          api.countArticles(viewQuery(view)),
          api.listArticles(pagedQuery(view, 0, PAGE_SIZE)),
        ]);
        total = Math.max(count, rows.length);
        pages = new Map([[0, rows]]);
      }
      if (gen !== this.#gen) return;
      this.total = total;
      this.pages = pages;
      performance.mark("tidings-list-rows");
      this.selectedIndex = this.selectedId == null ? -1 : this.indexOfId(this.selectedId);
      this.epoch++;
    } catch (e) {
      if (gen !== this.#gen) return;
      this.error = errorMessage(e);
      this.total = 0;
      this.pages = new Map();
    } finally {
      if (gen === this.#gen) this.loading = false;
    }
  }

  /** Re-queries the current view in place (after a refresh or a change made elsewhere):
   * the visible pages are fetched again and swapped in at once, the selection follows its
   * article, other cached pages are dropped. */
  async reload(): Promise<void> {
    const view = this.view;
    const gen = ++this.#gen;
    this.#inflight.clear();
    try {
      let total: number;
      let pages: Map<number, ArticleRow[]>;
      if (view.kind === "search") {
        ({ total, pages } = await searchPages(view.query));
      } else {
        const wanted = new Set(pagesFor(this.#visible, PAGE_SIZE));
        if (this.selectedIndex >= 0) wanted.add(Math.floor(this.selectedIndex / PAGE_SIZE));
        if (wanted.size === 0) wanted.add(0);
        const order = [...wanted];
        const [count, lists] = await Promise.all([
          api.countArticles(viewQuery(view)),
          Promise.all(order.map((p) => api.listArticles(pagedQuery(view, p * PAGE_SIZE, PAGE_SIZE)))),
        ]);
        total = count;
        pages = new Map(order.map((p, i) => [p, lists[i]]));
      }
      if (gen !== this.#gen) return;
      this.total = total;
      this.pages = pages;
      this.error = null;
      if (this.selectedId != null) {
        const found = this.indexOfId(this.selectedId);
        if (found >= 0) this.selectedIndex = found;
        else if (this.selectedIndex >= total) this.selectedIndex = total - 1;
      }
    } catch (e) {
      if (gen === this.#gen) this.error = errorMessage(e);
    }
  }

  /** Called by the list as it scrolls: fetches the pages covering `range` that are missing. */
  ensureRange(range: Range): Promise<void> {
    this.#visible = range;
    if (this.view.kind === "search") return Promise.resolve();
    const loads = pagesFor(range, PAGE_SIZE)
      .filter((p) => p * PAGE_SIZE < this.total)
      .map((p) => this.#loadPage(p));
    return Promise.all(loads).then(() => undefined);
  }

  /** The row at `index`, fetching its page when needed. */
  async ensureRow(index: number): Promise<ArticleRow | undefined> {
    const loaded = this.rowAt(index);
    if (loaded || index < 0 || index >= this.total) return loaded;
    await this.#loadPage(Math.floor(index / PAGE_SIZE));
    return this.rowAt(index);
  }

  #loadPage(page: number): Promise<void> {
    if (this.pages.has(page)) return Promise.resolve();
    const running = this.#inflight.get(page);
    if (running) return running;
    const gen = this.#gen;
    const view = this.view;
    if (view.kind === "search") return Promise.resolve();
    const promise = api
      .listArticles(pagedQuery(view, page * PAGE_SIZE, PAGE_SIZE))
      .then((rows) => {
        if (gen !== this.#gen) return;
        const next = new Map(this.pages);
        next.set(page, rows);
        this.pages = next;
      })
      .catch((e) => {
        if (gen === this.#gen) this.error = errorMessage(e);
      })
      .finally(() => {
        if (this.#inflight.get(page) === promise) this.#inflight.delete(page);
      });
    this.#inflight.set(page, promise);
    return promise;
  }

  select(index: number, id: number): void {
    this.selectedIndex = index;
    this.selectedId = id;
  }

  clearSelection(): void {
    this.selectedIndex = -1;
    this.selectedId = null;
  }

  /** Moves the selection by `delta` rows (j/k) and returns the newly selected row, or null
   * at either end. If the selected article left the list (read in the Unread view and the
   * list re-queried), its successor now sits at its index, so "next" lands there. */
  async step(delta: number): Promise<ArticleRow | null> {
    if (this.total <= 0) return null;
    let current = this.selectedIndex;
    let exact = current >= 0 && this.selectedId != null && this.rowAt(current)?.id === this.selectedId;
    if (!exact && this.selectedId != null) {
      const found = this.indexOfId(this.selectedId);
      if (found >= 0) {
        current = found;
        exact = true;
      }
    }
    let target: number;
    if (current < 0 || this.selectedId == null) target = stepIndex(-1, delta, this.total);
    else if (exact) target = stepIndex(current, delta, this.total);
    else target = delta > 0 ? Math.min(current, this.total - 1) : stepIndex(current, delta, this.total);
    if (target < 0 || (exact && target === current)) return null;
    const row = await this.ensureRow(target);
    if (!row) return null;
    this.select(target, row.id);
    return row;
  }

  /** Applies a change to loaded rows (read/bookmark state) without re-querying. */
  patch(ids: Iterable<number>, change: Partial<Pick<ArticleRow, "read" | "bookmarked">>): void {
    const wanted = new Set(ids);
    let changed = false;
    const next = new Map<number, ArticleRow[]>();
    for (const [page, rows] of this.pages) {
      if (rows.some((r) => wanted.has(r.id))) {
        changed = true;
        next.set(page, rows.map((r) => (wanted.has(r.id) ? { ...r, ...change } : r)));
      } else {
        next.set(page, rows);
      }
    }
    if (changed) this.pages = next;
  }

  /** Marks every loaded row read (after "Mark all as read"). */
  patchAllRead(): void {
    const next = new Map<number, ArticleRow[]>();
    for (const [page, rows] of this.pages) next.set(page, rows.map((r) => (r.read ? r : { ...r, read: true })));
    this.pages = next;
  }

  /** Notes a write of ours, whose articles-changed echo should not re-query the list
   * (re-querying would pull a just-read article out of the Unread view under the reader). */
  noteOwnWrite(now: number = Date.now()): void {
    this.#quietUntil = now + ECHO_WINDOW_MS;
  }

  isEcho(now: number = Date.now()): boolean {
    return now < this.#quietUntil;
  }
}

export const articles = new ArticleList();
