import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import { normalizeSettings, resolveTheme } from "../logic/theme";
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
    vi.mocked(api.getSettings).mockResolvedValue({ theme: "dark", font_size: 21, refresh_minutes: 0 });
    const s = new SettingsState();
    await s.load();
    expect(s.current).toEqual({ theme: "dark", font_size: 21, refresh_minutes: 0 });
    expect(s.loaded).toBe(true);
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
    expect(api.setSettings).toHaveBeenCalledWith({ theme: "system", font_size: 22, refresh_minutes: 30 });
  });

  it("save a pending change at once on flush (closing the dialog)", async () => {
    const s = new SettingsState();
    s.update({ refresh_minutes: 60 });
    await s.flush();
    expect(api.setSettings).toHaveBeenCalledWith({ theme: "system", font_size: 18, refresh_minutes: 60 });
    await s.flush();
    expect(api.setSettings).toHaveBeenCalledTimes(1);
  });

  it("keep values in range", () => {
    expect(normalizeSettings({ theme: "neon" as never, font_size: 40, refresh_minutes: -5 })).toEqual({
      theme: "system",
      font_size: 24,
      refresh_minutes: 0,
    });
  });
});
