import * as api from "../api";
import type { Settings } from "../bindings";
import { errorMessage } from "../logic/errors";
import { DEFAULT_SETTINGS, resolveTheme } from "../logic/settings-defaults";

const SAVE_DELAY_MS = 350;

/** Theme, reader font size, refresh interval and what is kept for offline reading. Stored in
 * the library through get_settings/set_settings; nobody else talks to storage. */
export class SettingsState {
  theme = $state<Settings["theme"]>(DEFAULT_SETTINGS.theme);
  fontSize = $state(DEFAULT_SETTINGS.font_size);
  refreshMinutes = $state(DEFAULT_SETTINGS.refresh_minutes);
  remoteImages = $state(DEFAULT_SETTINGS.remote_images);
  retentionDays = $state(DEFAULT_SETTINGS.retention_days);
  imageLimitMb = $state(DEFAULT_SETTINGS.image_limit_mb);
  articleImagesLimitMb = $state(DEFAULT_SETTINGS.article_images_limit_mb);
  cacheLimitMb = $state(DEFAULT_SETTINGS.cache_limit_mb);
  /** The OS preference, followed live for theme "system". */
  prefersDark = $state(false);
  loaded = $state(false);
  error = $state<string | null>(null);

  resolvedTheme = $derived(resolveTheme(this.theme, this.prefersDark));

  #timer: ReturnType<typeof setTimeout> | null = null;

  get current(): Settings {
    return {
      theme: this.theme,
      font_size: this.fontSize,
      refresh_minutes: this.refreshMinutes,
      remote_images: this.remoteImages,
      retention_days: this.retentionDays,
      image_limit_mb: this.imageLimitMb,
      article_images_limit_mb: this.articleImagesLimitMb,
      cache_limit_mb: this.cacheLimitMb,
    };
  }

  async load(): Promise<void> {
    try {
      this.#apply(await api.getSettings());
      this.error = null;
    } catch (e) {
      this.error = errorMessage(e);
    } finally {
      this.loaded = true;
    }
  }

  /** Applies a change at once and saves it shortly after (sliders send many changes). */
  update(patch: Partial<Settings>): void {
    this.#apply({ ...this.current, ...patch });
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  /** Saves a pending change now (closing the dialog should not lose it). */
  async flush(): Promise<void> {
    if (!this.#timer) return;
    clearTimeout(this.#timer);
    this.#timer = null;
    try {
      this.#apply(await api.setSettings(this.current));
      this.error = null;
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  /** Follows the OS light/dark preference; returns the function that stops following. */
  watchSystemTheme(win: Window = window): () => void {
    const query = win.matchMedia?.("(prefers-color-scheme: dark)");
    if (!query) return () => {};
    this.prefersDark = query.matches;
    const onChange = (e: MediaQueryListEvent) => (this.prefersDark = e.matches);
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }

  #apply(n: Settings): void {
    this.theme = n.theme;
    this.fontSize = n.font_size;
    this.refreshMinutes = n.refresh_minutes;
    this.remoteImages = n.remote_images;
    this.retentionDays = n.retention_days;
    this.imageLimitMb = n.image_limit_mb;
    this.articleImagesLimitMb = n.article_images_limit_mb;
    this.cacheLimitMb = n.cache_limit_mb;
  }
}

export const settings = new SettingsState();
