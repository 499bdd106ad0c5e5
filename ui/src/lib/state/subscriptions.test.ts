import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import type { ArticleQuery, Feed } from "../bindings";
import { RELOAD_DELAY_MS, Subscriptions } from "./subscriptions.svelte";

vi.mock("../api", async () => (await import("./test-api")).apiMock());

const FEED: Feed = {
  id: 1, url: "https://x.example/feed", title: "X", site_url: null, folder: "News", unread: 4, total: 9,
  status: "ok", last_error: null, icon_url: null, last_fetched: null, retry_after: null, full_text: false, icon_cached: false,
};

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(api.listFeeds).mockResolvedValue([FEED] as never);
  vi.mocked(api.countArticles).mockImplementation(async (q: ArticleQuery) => (q.unread ? 4 : q.bookmarked ? 2 : 9));
});

describe("subscriptions", () => {
  it("load feeds, names and the three top counts", async () => {
    const s = new Subscriptions();
    await s.load();
    expect(s.feeds).toEqual([FEED]);
    expect(s.counts).toEqual({ all: 9, unread: 4, bookmarks: 2 });
    expect(s.tree.folders[0]).toMatchObject({ name: "News", unread: 4 });
    expect(s.feed(1)?.title).toBe("X");
  });

  it("ask at once but hold the answers back until told (the list is drawn first at start)", async () => {
    const s = new Subscriptions();
    let release!: () => void;
    const loading = s.load(new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 0));
    expect(api.listFeeds).toHaveBeenCalledTimes(1);
    expect(s.loaded).toBe(false);
    expect(s.feeds).toEqual([]);
    release();
    await loading;
    expect(s.loaded).toBe(true);
    expect(s.feeds).toEqual([FEED]);
  });

  it("drop held answers that a change made while they waited has outdated", async () => {
    const s = new Subscriptions();
    let release!: () => void;
    let second!: (feeds: Feed[]) => void;
    vi.mocked(api.listFeeds)
      .mockResolvedValueOnce([] as never)
      .mockReturnValueOnce(new Promise((r) => (second = r)) as never);
    const loading = s.load(new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 0));
    void s.load(); // a feed was added meanwhile
    release();
    await new Promise((r) => setTimeout(r, 0));
    // The empty library the first round saw is never drawn.
    expect(s.loaded).toBe(false);
    second([FEED]);
    await loading;
    expect(s.loaded).toBe(true);
    expect(s.feeds).toEqual([FEED]);
  });

  it("coalesce a burst of reloads into one more round", async () => {
    const s = new Subscriptions();
    await Promise.all([s.load(), s.load(), s.load(), s.load()]);
    expect(api.listFeeds).toHaveBeenCalledTimes(2);
  });

  it("move unread counts at once when the window marks articles read, and recount later", async () => {
    vi.mocked(api.listCategories).mockResolvedValue([{ name: "News", count: 9, unread: 4 }] as never);
    vi.mocked(api.listAuthors).mockResolvedValue([{ name: "Xinhua", count: 9, unread: 4 }] as never);
    const s = new Subscriptions();
    await s.load();
    vi.clearAllMocks();
    vi.useFakeTimers();
    try {
      s.adjustUnread([
        { feedId: 1, author: "XINHUA", categories: ["news"], delta: -1 },
        { feedId: 1, author: null, categories: [], delta: -1 },
      ]);
      expect(s.feed(1)?.unread).toBe(2);
      expect(s.tree.folders[0].unread).toBe(2);
      expect(s.counts.unread).toBe(2);
      expect(s.authors[0].unread).toBe(3);
      expect(s.categories[0].unread).toBe(3);
      // Counts never go below zero, whatever the window believed.
      s.adjustUnread([{ feedId: 1, author: null, categories: [], delta: -5 }]);
      expect(s.feed(1)?.unread).toBe(0);
      s.loadSoon();
      s.loadSoon();
      vi.advanceTimersByTime(RELOAD_DELAY_MS - 1);
      expect(api.listFeeds).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(api.listFeeds).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("remember collapsed folders", () => {
    const s = new Subscriptions();
    s.toggleFolder("News");
    expect(s.collapsed.has("News")).toBe(true);
    s.toggleFolder("News");
    expect(s.collapsed.has("News")).toBe(false);
  });
});

describe("a partly failing backend", () => {
  it("still shows what did load", async () => {
    vi.mocked(api.listAuthors).mockRejectedValueOnce({ kind: "store", message: "no such table: authors" });
    const s = new Subscriptions();
    await s.load();
    expect(s.feeds).toEqual([FEED]);
    expect(s.counts.unread).toBe(4);
    expect(s.error).toBe("No such table: authors.");
  });
});
