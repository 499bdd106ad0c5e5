import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import { DEFAULT_SETTINGS, resolveTheme } from "../logic/settings-defaults";
import { SettingsState } from "./settings.svelte";

vi.mock("../api", async () => (await import("./test-api")).apiMock());

beforeEach(() => {
  vi.clearAllMocks();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe("theme", () => {
  it("follows the system only for 'system'", () => {
    expect(resolveTheme("system", true)).toBe("dark");
    expect(resolveTheme("system", false)).toBe("light");
    expect(resolveTheme("light", true)).toBe("light");
    expect(resolveTheme("dark", false)).toBe("dark");
  });

  it("is derived live from the setting and the OS preference", () => {
    const s = new SettingsState();
    s.prefersDark = true;
    expect(s.resolvedTheme).toBe("dark");
    s.update({ theme: "light" });
    expect(s.resolvedTheme).toBe("light");
  });
});

describe("settings", () => {
  it("load what the library stores", async () => {
    const stored = {
      theme: "dark",
      font_size: 21,
      refresh_minutes: 0,
      remote_images: true,
      retention_days: 0,
      image_limit_mb: 4,
      article_images_limit_mb: 16,
      cache_limit_mb: 512,
    } as const;
    vi.mocked(api.getSettings).mockResolvedValue(stored);
    const s = new SettingsState();
    await s.load();
    expect(s.current).toEqual(stored);
    expect(s.remoteImages).toBe(true);
    expect(s.retentionDays).toBe(0);
    expect(s.loaded).toBe(true);
  });

  it("save the offline-reading settings with the rest", async () => {
    const s = new SettingsState();
    s.update({ remote_images: true });
    s.update({ retention_days: 30 });
    s.update({ image_limit_mb: 2, article_images_limit_mb: 10, cache_limit_mb: 1024 });
    await s.flush();
    expect(api.setSettings).toHaveBeenCalledTimes(1);
    expect(api.setSettings).toHaveBeenCalledWith({
      theme: "system",
      font_size: 18,
      refresh_minutes: 30,
      remote_images: true,
      retention_days: 30,
      image_limit_mb: 2,
      article_images_limit_mb: 10,
      cache_limit_mb: 1024,
    });
    // What the library answers is what stays.
    vi.mocked(api.setSettings).mockResolvedValueOnce({ ...s.current, retention_days: 60 });
    s.update({ retention_days: 45 });
    await s.flush();
    expect(s.retentionDays).toBe(60);
  });

  it("save a burst of changes once, after it settles", async () => {
    const s = new SettingsState();
    s.update({ font_size: 19 });
    s.update({ font_size: 20 });
    s.update({ font_size: 22 });
    expect(s.fontSize).toBe(22);
    expect(api.setSettings).not.toHaveBeenCalled();
    await vi.runAllTimersAsync();
    expect(api.setSettings).toHaveBeenCalledTimes(1);
    expect(api.setSettings).toHaveBeenCalledWith({ ...DEFAULT_SETTINGS, font_size: 22 });
  });

  it("save a pending change at once on flush (closing the dialog)", async () => {
    const s = new SettingsState();
    s.update({ refresh_minutes: 60 });
    await s.flush();
    expect(api.setSettings).toHaveBeenCalledWith({ ...DEFAULT_SETTINGS, refresh_minutes: 60 });
    await s.flush();
    expect(api.setSettings).toHaveBeenCalledTimes(1);
  });
});
