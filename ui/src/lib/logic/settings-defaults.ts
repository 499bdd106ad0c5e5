import type { Settings } from "../bindings";
import type { ResolvedTheme } from "./srcdoc";

// The settings' defaults and bounds (what a library without a setting, or with a bad one,
// gets), and the theme a setting stands for.

/** "system" follows the OS colour scheme; the others are fixed. */
export function resolveTheme(theme: Settings["theme"], prefersDark: boolean): ResolvedTheme {
  if (theme === "light" || theme === "dark") return theme;
  return prefersDark ? "dark" : "light";
}

export const DEFAULT_SETTINGS: Settings = {
  theme: "system",
  font_size: 18,
  refresh_minutes: 30,
  remote_images: false,
  retention_days: 90,
  image_limit_mb: 8,
  article_images_limit_mb: 32,
  cache_limit_mb: 2048,
};

/** A whole number in [min, max], or `fallback` for anything that is not a number. */
function whole(value: unknown, min: number, max: number, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.round(n))) : fallback;
}

// Upper bounds only keep the numbers sane (the engine stores u32): ten years, 1 GiB per
// image and article, 1 TiB of images.
const MAX_RETENTION_DAYS = 3650;
const MAX_ITEM_MB = 1024;
const MAX_CACHE_MB = 1024 * 1024;

/** Settings as the engine should store them: known theme, font size 14–24, minutes ≥ 0,
 * days ≥ 0 (0 keeps everything), image limits of at least 1 MiB. Fields an older library
 * does not have yet get their defaults. */
export function normalizeSettings(s: Partial<Settings>): Settings {
  const d = DEFAULT_SETTINGS;
  const theme = s.theme === "light" || s.theme === "dark" || s.theme === "system" ? s.theme : d.theme;
  return {
    theme,
    font_size: whole(s.font_size, 14, 24, d.font_size),
    refresh_minutes: whole(s.refresh_minutes, 0, 24 * 60, d.refresh_minutes),
    remote_images: typeof s.remote_images === "boolean" ? s.remote_images : d.remote_images,
    retention_days: whole(s.retention_days, 0, MAX_RETENTION_DAYS, d.retention_days),
    image_limit_mb: whole(s.image_limit_mb, 1, MAX_ITEM_MB, d.image_limit_mb),
    article_images_limit_mb: whole(s.article_images_limit_mb, 1, MAX_ITEM_MB, d.article_images_limit_mb),
    cache_limit_mb: whole(s.cache_limit_mb, 1, MAX_CACHE_MB, d.cache_limit_mb),
  };
}
