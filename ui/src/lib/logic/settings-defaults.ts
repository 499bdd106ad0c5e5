import type { Settings } from "../bindings";
import type { ResolvedTheme } from "./srcdoc";

// The settings' defaults (what the window shows until the engine has answered) and the theme
// a setting stands for. Ranges and clamping are the engine's alone (SETTINGS_RANGES in
// bindings.ts): the window shows what the engine stored.

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
