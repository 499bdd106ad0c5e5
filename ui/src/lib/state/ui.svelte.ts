import type { Feed, ImportReport } from "../bindings";

export type DialogState =
  | { kind: "add"; url?: string }
  | { kind: "settings" }
  | { kind: "shortcuts" }
  | { kind: "rename"; feed: Feed }
  | { kind: "move"; feed: Feed }
  | { kind: "remove"; feed: Feed }
  | { kind: "import"; report: ImportReport };

/** Which dialog is open (one at a time), and the few DOM elements shortcuts act on. */
export class Ui {
  dialog = $state.raw<DialogState | null>(null);

  #searchInput: HTMLInputElement | null = null;
  #reader: HTMLElement | null = null;

  openDialog(d: DialogState): void {
    this.dialog = d;
  }

  closeDialog(): void {
    this.dialog = null;
  }

  /** Registers an element; returns the function that unregisters it (for $effect/attachments). */
  registerSearchInput(el: HTMLInputElement): () => void {
    this.#searchInput = el;
    return () => {
      if (this.#searchInput === el) this.#searchInput = null;
    };
  }

  registerReader(el: HTMLElement): () => void {
    this.#reader = el;
    return () => {
      if (this.#reader === el) this.#reader = null;
    };
  }

  focusSearch(): void {
    this.#searchInput?.focus();
    this.#searchInput?.select();
  }

  /** Space / Shift+Space: a page of the reader, minus a little overlap to keep one's place. */
  scrollReader(direction: 1 | -1): void {
    const el = this.#reader;
    if (!el) return;
    const reduce = globalThis.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
    el.scrollBy({ top: direction * Math.max(40, el.clientHeight - 60), behavior: reduce ? "auto" : "smooth" });
  }
}

export const ui = new Ui();
