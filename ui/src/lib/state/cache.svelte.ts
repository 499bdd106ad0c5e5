import * as api from "../api";
import type { CacheInfo } from "../bindings";
import { errorMessage } from "../logic/errors";

/** The saved-images cache as the Settings dialog shows it: its size, and emptying it. Asked
 * for when shown (cache_info), not kept live: refreshes change it all the time. */
export class ImageCache {
  info = $state.raw<CacheInfo | null>(null);
  /** clear_image_cache is running. */
  clearing = $state(false);
  error = $state<string | null>(null);

  #gen = 0;

  async load(): Promise<void> {
    const gen = ++this.#gen;
    try {
      const info = await api.cacheInfo();
      if (gen !== this.#gen) return;
      this.info = info;
      this.error = null;
    } catch (e) {
      if (gen === this.#gen) this.error = errorMessage(e);
    }
  }

  /** Deletes every saved image, then shows the size again (what is left, if anything). */
  async clear(): Promise<void> {
    if (this.clearing) return;
    this.clearing = true;
    this.error = null;
    try {
      await api.clearImageCache();
    } catch (e) {
      this.error = errorMessage(e);
      return;
    } finally {
      this.clearing = false;
    }
    await this.load();
  }
}

export const imageCache = new ImageCache();
