import * as api from "../api";
import type { BodyVersion } from "../api";
import type { ArticleMeta } from "../bindings";
import { errorMessage } from "../logic/errors";

/** The open article: its header data (get_article) and its sanitized body (custom protocol),
 * in the version asked for (the page's full text or the feed's own). */
export class Reader {
  meta = $state.raw<ArticleMeta | null>(null);
  body = $state.raw<string | null>(null);
  /** The version `body` is: "best" is the full text once extracted, else the feed's. */
  version = $state<BodyVersion>("best");
  loading = $state(false);
  error = $state<string | null>(null);
  /** load_full_article is running for the open article. */
  fetchingFullText = $state(false);
  /** Why "Load full article" failed, as a sentence. */
  fullTextError = $state<string | null>(null);
  /** Bumped per loaded text, so the reader pane scrolls back to the top. */
  epoch = $state(0);

  #gen = 0;
  #abort: AbortController | null = null;
  /** Bumped by each full-text request and by leaving the article, so a late answer for one
   * article never touches another's busy state or error. */
  #fullTextRun = 0;

  get id(): number | null {
    return this.meta?.id ?? null;
  }

  /** Loads article `id`; resolves to its meta (null if superseded or failed). */
  async open(id: number): Promise<ArticleMeta | null> {
    this.#forgetFullText();
    return this.#load(id, "best");
  }

  /** Shows the open article's full text ("best") or the feed's own version. */
  async showVersion(version: BodyVersion): Promise<void> {
    const meta = this.meta;
    if (meta) await this.#load(meta.id, version);
  }

  async toggleVersion(): Promise<void> {
    await this.showVersion(this.version === "feed" ? "best" : "feed");
  }

  /** "Load full article": has the shell extract the page (and save its images), then loads
   * the article again, whose body is then the full text. Resolves to whether it worked. */
  async loadFullText(): Promise<boolean> {
    const meta = this.meta;
    if (!meta || this.fetchingFullText) return false;
    const run = ++this.#fullTextRun;
    this.fetchingFullText = true;
    this.fullTextError = null;
    try {
      await api.loadFullArticle(meta.id);
      if (run !== this.#fullTextRun) return false;
      // The meta says whether there is a full text now (or why not); the body follows it.
      const loaded = await this.#load(meta.id, "best");
      if (run !== this.#fullTextRun) return false;
      if (!loaded) this.fullTextError = this.error;
      return loaded != null;
    } catch (e) {
      if (run === this.#fullTextRun) this.fullTextError = errorMessage(e);
      return false;
    } finally {
      if (run === this.#fullTextRun) this.fetchingFullText = false;
    }
  }

  clear(): void {
    this.#gen++;
    this.#abort?.abort();
    this.#abort = null;
    this.#forgetFullText();
    this.meta = null;
    this.body = null;
    this.version = "best";
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

  #forgetFullText(): void {
    this.#fullTextRun++;
    this.fetchingFullText = false;
    this.fullTextError = null;
  }

  /** Fetches meta and body of `id` together; the latest call wins. */
  async #load(id: number, version: BodyVersion): Promise<ArticleMeta | null> {
    const gen = ++this.#gen;
    const again = this.meta?.id === id;
    this.#abort?.abort();
    const abort = (this.#abort = typeof AbortController === "function" ? new AbortController() : null);
    this.loading = true;
    this.error = null;
    try {
      const [meta, body] = await Promise.all([
        api.getArticle(id),
        // A body that fails to load still leaves the header (and "Open in browser") usable.
        api.fetchArticleBody(id, abort?.signal, version).catch((e: unknown) => {
          if (gen === this.#gen) this.error = errorMessage(e);
          return null;
        }),
      ]);
      if (gen !== this.#gen) return null;
      this.meta = meta;
      this.body = body;
      this.version = version;
      // A new text (another article, or the other version of this one) is read from its start.
      this.epoch++;
      return meta;
    } catch (e) {
      if (gen !== this.#gen) return null;
      // Loading the open article again (other version, full text) keeps what it showed.
      if (!again) {
        this.meta = null;
        this.body = null;
      }
      this.error = errorMessage(e);
      return null;
    } finally {
      if (gen === this.#gen) this.loading = false;
    }
  }
}

export const reader = new Reader();
