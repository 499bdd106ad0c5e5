import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import { cacheSummary } from "../logic/format";
import { ImageCache } from "./cache.svelte";

vi.mock("../api", async () => (await import("./test-api")).apiMock());

const n = (x: number) => new Intl.NumberFormat().format(x);

beforeEach(() => vi.clearAllMocks());

describe("the saved-images line", () => {
  it("reads 'Saved images: 1,234 (56.7 MB)'", () => {
    expect(cacheSummary({ images: 1234, bytes: 56_712_334 })).toBe(`Saved images: ${n(1234)} (56.7 MB)`);
    expect(cacheSummary({ images: 1, bytes: 812 })).toBe("Saved images: 1 (812 B)");
    expect(cacheSummary({ images: 0, bytes: 0 })).toBe("Saved images: none");
  });
});

describe("the image cache", () => {
  it("shows the size the shell reports", async () => {
    vi.mocked(api.cacheInfo).mockResolvedValueOnce({ bytes: 4_000_000, images: 20, dir: "/cache/images" });
    const c = new ImageCache();
    await c.load();
    expect(c.info).toEqual({ bytes: 4_000_000, images: 20, dir: "/cache/images" });
  });

  it("clears, then asks for the size again", async () => {
    vi.mocked(api.cacheInfo).mockResolvedValueOnce({ bytes: 4_000_000, images: 20, dir: "/cache/images" });
    const c = new ImageCache();
    await c.load();
    const done = c.clear();
    expect(c.clearing).toBe(true);
    await done;
    expect(api.clearImageCache).toHaveBeenCalledTimes(1);
    expect(api.cacheInfo).toHaveBeenCalledTimes(2);
    expect(c.info?.images).toBe(0);
    expect(c.clearing).toBe(false);
  });

  it("says why clearing failed", async () => {
    vi.mocked(api.clearImageCache).mockRejectedValueOnce({ kind: "io", message: "permission denied" });
    const c = new ImageCache();
    await c.clear();
    expect(c.error).toBe("Permission denied.");
    expect(c.clearing).toBe(false);
  });
});
