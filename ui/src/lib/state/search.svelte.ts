import { ALL, type View } from "../logic/views";
import { articles, type ArticleList } from "./articles.svelte";

export const SEARCH_DEBOUNCE_MS = 200;

/** The search box: typing searches after a pause, Enter at once, Escape (or emptying the
 * box) returns to the view the search started from. */
export class Search {
  text = $state("");
  #previous: View | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #list: ArticleList;

  constructor(list: ArticleList) {
    this.#list = list;
  }

  get active(): boolean {
    return this.#list.view.kind === "search";
  }

  /** The view to return to when the search is cleared. */
  get previous(): View | null {
    return this.#previous;
  }

  input(text: string): void {
    this.text = text;
    this.#cancel();
    if (!text.trim()) {
      void this.clear();
      return;
    }
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.run();
    }, SEARCH_DEBOUNCE_MS);
  }

  /** Enter: search now. */
  submit(): Promise<void> {
    this.#cancel();
    return this.run();
  }

  async run(): Promise<void> {
    const query = this.text.trim();
    if (!query) return;
    const current = this.#list.view;
    if (current.kind === "search" && current.query === query) return;
    if (current.kind !== "search") this.#previous = current;
    await this.#list.show({ kind: "search", query }, { keepSelection: true });
  }

  /** Escape: empties the box and goes back to where the search started. */
  async clear(): Promise<void> {
    this.#cancel();
    this.text = "";
    if (this.active) {
      const back = this.#previous ?? ALL;
      this.#previous = null;
      await this.#list.show(back, { keepSelection: true });
    }
  }

  /** The user navigated elsewhere: the search is over and there is nothing to go back to. */
  forget(): void {
    this.#cancel();
    this.text = "";
    this.#previous = null;
  }

  #cancel(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}

export const search = new Search(articles);
