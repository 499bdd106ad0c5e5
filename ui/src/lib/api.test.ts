// The one place that reaches the system: only http, https and mailto URLs may leave.
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn(async () => null) }));
vi.mock("@tauri-apps/api/event", () => ({ listen: vi.fn(async () => () => {}) }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn() }));
vi.mock("@tauri-apps/plugin-opener", () => ({ openUrl: vi.fn(async () => {}) }));

import { invoke } from "@tauri-apps/api/core";
import { openUrl } from "@tauri-apps/plugin-opener";
import * as api from "./api";

beforeEach(() => vi.clearAllMocks());

describe("openExternal", () => {
  it.each(["https://example.com/a", "http://example.com", "mailto:editor@example.com"])("opens %s", async (url) => {
    await expect(api.openExternal(url)).resolves.toBe(true);
    expect(openUrl).toHaveBeenCalledWith(url);
  });

  it.each(["javascript:alert(1)", "file:///etc/passwd", "tidings://localhost/article/1", "data:text/html,x", "about:blank", "", null])(
    "refuses %s",
    async (url) => {
      await expect(api.openExternal(url)).resolves.toBe(false);
      expect(openUrl).not.toHaveBeenCalled();
    },
  );
});

describe("commands", () => {
  it("send camelCase argument keys, as Tauri expects", async () => {
    await api.refreshFeeds(null);
    expect(invoke).toHaveBeenCalledWith("refresh_feeds", { feedId: null });
    await api.listArticles({ unread: true, limit: 100, offset: 0 });
    expect(invoke).toHaveBeenCalledWith("list_articles", { query: { unread: true, limit: 100, offset: 0 } });
    await api.setBookmarked([1, 2], true);
    expect(invoke).toHaveBeenCalledWith("set_bookmarked", { ids: [1, 2], bookmarked: true });
    await api.searchArticles("west", 300);
    expect(invoke).toHaveBeenCalledWith("search_articles", { query: "west", limit: 300 });
  });

  it("name the offline-reading commands as the shell does", async () => {
    await api.loadFullArticle(12);
    expect(invoke).toHaveBeenCalledWith("load_full_article", { id: 12 });
    await api.cacheInfo();
    expect(invoke).toHaveBeenCalledWith("cache_info");
    await api.clearImageCache();
    expect(invoke).toHaveBeenCalledWith("clear_image_cache");
  });
});

describe("fetchArticleBody", () => {
  it("reads the body over the custom protocol, never over invoke", async () => {
    const fetchMock = vi.fn(async () => new Response("<p>hi</p>"));
    vi.stubGlobal("fetch", fetchMock);
    vi.stubGlobal("navigator", { userAgent: "Mozilla/5.0 (X11; Linux x86_64)" });
    await expect(api.fetchArticleBody(9)).resolves.toBe("<p>hi</p>");
    expect(fetchMock).toHaveBeenCalledWith("tidings://localhost/article/9", expect.anything());
    expect(invoke).not.toHaveBeenCalled();
    fetchMock.mockResolvedValueOnce(new Response("", { status: 404 }));
    await expect(api.fetchArticleBody(10)).rejects.toMatchObject({ kind: "body" });
    vi.unstubAllGlobals();
  });

  it("asks for the feed's own version with ?version=feed, and for the best one by default", async () => {
    const fetchMock = vi.fn(async () => new Response("<p>hi</p>"));
    vi.stubGlobal("fetch", fetchMock);
    vi.stubGlobal("navigator", { userAgent: "Mozilla/5.0 (X11; Linux x86_64)" });
    const signal = new AbortController().signal;
    await api.fetchArticleBody(9, signal, "feed");
    expect(fetchMock).toHaveBeenLastCalledWith("tidings://localhost/article/9?version=feed", { signal });
    await api.fetchArticleBody(9, signal, "best");
    expect(fetchMock).toHaveBeenLastCalledWith("tidings://localhost/article/9", { signal });
    await api.fetchArticleBody(9);
    expect(fetchMock).toHaveBeenLastCalledWith("tidings://localhost/article/9", expect.anything());
    vi.stubGlobal("navigator", { userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edg/120.0" });
    await api.fetchArticleBody(9, signal, "feed");
    expect(fetchMock).toHaveBeenLastCalledWith("http://tidings.localhost/article/9?version=feed", { signal });
    vi.unstubAllGlobals();
  });
});

describe("feedIconUrl", () => {
  it("uses the custom scheme on Linux and macOS", () => {
    vi.stubGlobal("navigator", { userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15" });
    expect(api.feedIconUrl(3)).toBe("tidings://localhost/icon/3");
    vi.stubGlobal("navigator", { userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15" });
    expect(api.feedIconUrl(14)).toBe("tidings://localhost/icon/14");
    vi.unstubAllGlobals();
  });

  it("uses the http form WebView2 needs on Windows", () => {
    vi.stubGlobal("navigator", { userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edg/120.0" });
    expect(api.feedIconUrl(3)).toBe("http://tidings.localhost/icon/3");
    vi.unstubAllGlobals();
  });
});
