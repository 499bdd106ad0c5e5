/** One quiet, transient message at a time ("Subscribed to …", "Exported 12 feeds"), read out
 * by a polite live region. Errors stay until replaced or dismissed. */
export interface Notice {
  text: string;
  tone: "info" | "error";
}

export class Notices {
  current = $state<Notice | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;

  show(text: string, tone: Notice["tone"] = "info", ms = tone === "error" ? 12_000 : 6_000): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.current = { text, tone };
    this.#timer = setTimeout(() => this.dismiss(), ms);
  }

  dismiss(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.current = null;
  }
}

export const notices = new Notices();
