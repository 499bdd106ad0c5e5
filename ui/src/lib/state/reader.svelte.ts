import * as api from "../api";
import type { ArticleMeta } from "../bindings";
import { errorMessage } from "../logic/errors";

/** The open article: its header data (get_article) and its sanitized body (custom protocol). */
export class Reader {
  meta = $state.raw<ArticleMeta | null>(null);
  body = $state.raw<string | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** Bumped per opened article, so the reader pane scrolls back to the top. */
  epoch = $state(0);

  #gen = 0;
  #abort: AbortController | null = null;

  get id(): number | null {
    return this.meta?.id ?? null;
  }

  /** Loads article `id`; resolves to its meta (null if superseded or failed). */
  async open(id: number): Promise<ArticleMeta | null> {
    const gen = ++this.#gen;
    this.#abort?.abort();
    const abort = (this.#abort = typeof AbortController === "function" ? new AbortController() : null);
    this.loading = true;
    this.error = null;
    try {
      const [meta, body] = await Promise.all([
        api.getArticle(id),
        // A body that fails to load still leaves the header (and "Open in browser") usable.
        api.fetchArticleBody(id, abort?.signal).catch((e: unknown) => {
          if (gen === this.#gen) this.error = errorMessage(e);
          return null;
        }),
      ]);
      if (gen !== this.#gen) return null;
      this.meta = meta;
      this.body = body;
      this.epoch++;
      return meta;
    } catch (e) {
      if (gen !== this.#gen) return null;
      this.meta = null;
      this.body = null;
      this.error = errorMessage(e);
      return null;
    } finally {
      if (gen === this.#gen) this.loading = false;
    }
  }

  clear(): void {
    this.#gen++;
    this.#abort?.abort();
    this.#abort = null;
    this.meta = null;
    this.body = null;
    this.error = null;
    this.loading = false;
  }

  /** Reflects a state change made elsewhere (list, shortcuts) in the open article. */
  patch(ids: Iterable<number>, change: Partial<Pick<ArticleMeta, "read" | "bookmarked">>): void {
    const meta = this.meta;
    if (!meta) return;
    for (const id of ids) {
      if (id === meta.id) {
        this.meta = { ...meta, ...change };
        return;
      }
    }
  }
}

export const reader = new Reader();
