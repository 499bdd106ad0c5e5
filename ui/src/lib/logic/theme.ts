import type { Settings } from "../bindings";
import type { ResolvedTheme } from "./srcdoc";

/** "system" follows the OS colour scheme; the others are fixed. */
export function resolveTheme(theme: Settings["theme"], prefersDark: boolean): ResolvedTheme {
  if (theme === "light" || theme === "dark") return theme;
  return prefersDark ? "dark" : "light";
}

export const DEFAULT_SETTINGS: Settings = { theme: "system", font_size: 18, refresh_minutes: 30 };

/** Settings as the engine should store them: known theme, font size 14–24, minutes ≥ 0. */
export function normalizeSettings(s: Partial<Settings>): Settings {
  const theme = s.theme === "light" || s.theme === "dark" || s.theme === "system" ? s.theme : DEFAULT_SETTINGS.theme;
  const size = Number(s.font_size);
  const minutes = Number(s.refresh_minutes);
  return {
    theme,
    font_size: Number.isFinite(size) ? Math.min(24, Math.max(14, Math.round(size))) : DEFAULT_SETTINGS.font_size,
    refresh_minutes: Number.isFinite(minutes) ? Math.min(24 * 60, Math.max(0, Math.round(minutes))) : DEFAULT_SETTINGS.refresh_minutes,
  };
}
