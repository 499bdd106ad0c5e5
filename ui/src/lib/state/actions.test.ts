import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import type { ArticleMeta, ArticleQuery, ArticleRow } from "../bindings";
import { ALL, UNREAD } from "../logic/views";
import * as actions from "./actions";
import { articles } from "./articles.svelte";
import { imageCache } from "./cache.svelte";
import { notices } from "./notices.svelte";
import { reader } from "./reader.svelte";
import { refresh } from "./refresh.svelte";
import { search } from "./search.svelte";
import { settings } from "./settings.svelte";
import { ui } from "./ui.svelte";
import { filterRows, makeRows } from "./test-api";

vi.mock("../api", async () => (await import("./test-api")).apiMock());

let library: ArticleRow[];

function metaOf(row: ArticleRow): ArticleMeta {
  return {
    id: row.id,
    feed_id: row.feed_id,
    feed_title: row.feed_title,
    site_url: "https://example.org/",
    url: `https://example.org/${row.id}`,
    title: row.title,
    author: row.author,
    author_email: null,
    author_url: null,
    published: row.published,
    updated: null,
    categories: ["News"],
    comments_url: null,
    enclosures: [],
    read: row.read,
    bookmarked: row.bookmarked,
    has_full_text: false,
    full_text_error: null,
  };
}

beforeEach(async () => {
  vi.clearAllMocks();
  library = makeRows(30);
  vi.mocked(api.countArticles).mockImplementation(async (q: ArticleQuery) => filterRows(library, q).length);
  vi.mocked(api.listArticles).mockImplementation(async (q: ArticleQuery) =>
    filterRows(library, q).slice(q.offset ?? 0, (q.offset ?? 0) + (q.limit ?? 100)),
  );
  vi.mocked(api.getArticle).mockImplementation(async (id: number) => metaOf(library.find((r) => r.id === id)!));
  ui.closeDialog();
  notices.dismiss();
  await actions.goTo(ALL);
});

describe("reading", () => {
  it("marks an unread article read when it opens, in the list and the reader", async () => {
    // Row 2 (index 1) is unread in the fixture.
    await actions.openAt(1);
    expect(api.getArticle).toHaveBeenCalledWith(2);
    expect(api.fetchArticleBody).toHaveBeenCalledWith(2, expect.anything(), "best");
    expect(api.setRead).toHaveBeenCalledWith([2], true);
    expect(reader.meta?.read).toBe(true);
    expect(articles.rowAt(1)?.read).toBe(true);
    expect(reader.body).toBe("<p>body</p>");
  });

  it("does not write when the article was already read", async () => {
    await actions.openAt(0);
    expect(reader.meta?.id).toBe(1);
    expect(api.setRead).not.toHaveBeenCalled();
  });

  it("j and k open the next and previous articles", async () => {
    await actions.next();
    await actions.next();
    expect(reader.meta?.id).toBe(2);
    await actions.prev();
    expect(reader.meta?.id).toBe(1);
    expect(articles.selectedIndex).toBe(0);
  });

  it("s bookmarks the open article and m toggles it unread", async () => {
    await actions.openAt(0);
    await actions.toggleBookmark();
    expect(api.setBookmarked).toHaveBeenCalledWith([1], true);
    expect(reader.meta?.bookmarked).toBe(true);
    expect(articles.rowAt(0)?.bookmarked).toBe(true);
    await actions.toggleRead();
    expect(api.setRead).toHaveBeenLastCalledWith([1], false);
    expect(reader.meta?.read).toBe(false);
    expect(articles.rowAt(0)?.read).toBe(false);
  });

  it("puts the state back and says why when a write fails", async () => {
    await actions.openAt(0);
    vi.mocked(api.setBookmarked).mockRejectedValueOnce({ kind: "store", message: "disk is full" });
    await actions.toggleBookmark();
    expect(reader.meta?.bookmarked).toBe(false);
    expect(articles.rowAt(0)?.bookmarked).toBe(false);
    expect(notices.current).toEqual({ text: "Disk is full.", tone: "error" });
  });

  it("loads the full article for the open one, and takes it as proof of being online", async () => {
    await actions.openAt(0);
    refresh.onFinished({ offline: true, feeds: [], offline_copy: null, cleanup: null, after_store_errors: [] });
    vi.mocked(api.getArticle).mockImplementation(async (id: number) => ({ ...metaOf(library.find((r) => r.id === id)!), has_full_text: true }));
    await actions.loadFullArticle();
    expect(api.loadFullArticle).toHaveBeenCalledWith(1);
    expect(reader.meta?.has_full_text).toBe(true);
    expect(refresh.offline).toBe(false);
    await actions.toggleArticleVersion();
    expect(api.fetchArticleBody).toHaveBeenLastCalledWith(1, expect.anything(), "feed");
    expect(reader.version).toBe("feed");
  });

  it("shows a failed full-text load in the reader, not as a notice", async () => {
    await actions.openAt(0);
    refresh.onFinished({ offline: true, feeds: [], offline_copy: null, cleanup: null, after_store_errors: [] });
    vi.mocked(api.loadFullArticle).mockRejectedValueOnce({ kind: "network", message: "could not reach example.org" });
    await actions.loadFullArticle();
    expect(reader.fullTextError).toBe("Could not reach example.org.");
    expect(notices.current).toBeNull();
    expect(refresh.offline).toBe(true);
    refresh.onFinished({ offline: false, feeds: [], offline_copy: null, cleanup: null, after_store_errors: [] });
  });

  it("opens the article's page in the browser with o", async () => {
    await actions.openAt(0);
    await actions.openInBrowser();
    expect(api.openExternal).toHaveBeenCalledWith("https://example.org/1");
  });
});

describe("mark all as read", () => {
  it("uses the current view's query", async () => {
    await actions.goTo({ kind: "feed", feedId: 2 });
    await actions.markAllRead();
    expect(api.markAllRead).toHaveBeenCalledWith({ feed_id: 2 });
    expect(articles.loadedRows().every((r) => r.read)).toBe(true);
  });

  it("marks the shown results of a search", async () => {
    vi.mocked(api.searchArticles).mockResolvedValue(library.slice(0, 4));
    actions.typeSearch("west");
    await actions.searchNow();
    await actions.markAllRead();
    expect(api.markAllRead).not.toHaveBeenCalled();
    // Of ids 1–4 only 1 was read already.
    expect(api.setRead).toHaveBeenCalledWith([2, 3, 4], true);
  });
});

describe("search", () => {
  it("searches from the box at once on Enter, and goes back to the view it started from", async () => {
    vi.mocked(api.searchArticles).mockResolvedValue(library.slice(0, 4));
    await actions.goTo(UNREAD);
    actions.typeSearch("  west ");
    await actions.searchNow();
    expect(api.searchArticles).toHaveBeenCalledWith("west", expect.any(Number));
    expect(articles.view).toEqual({ kind: "search", query: "west" });
    expect(articles.total).toBe(4);
    await actions.clearSearch();
    expect(search.text).toBe("");
    expect(articles.view).toEqual(UNREAD);
  });
});

describe("settings", () => {
  it("applies a change at once and saves it when the dialog closes", async () => {
    actions.changeSettings({ font_size: 21 });
    expect(settings.fontSize).toBe(21);
    expect(api.setSettings).not.toHaveBeenCalled();
    await actions.saveSettings();
    expect(api.setSettings).toHaveBeenCalledWith(expect.objectContaining({ font_size: 21 }));
  });

  it("shows and clears the saved images", async () => {
    vi.mocked(api.cacheInfo).mockResolvedValueOnce({ bytes: 2048, images: 3, dir: "/cache/images" });
    await actions.showSavedImages();
    expect(imageCache.info?.images).toBe(3);
    await actions.clearSavedImages();
    expect(api.clearImageCache).toHaveBeenCalledTimes(1);
    expect(imageCache.info?.images).toBe(0);
  });
});

describe("keyboard", () => {
  const press = (key: string, more: Partial<KeyboardEvent> = {}) => {
    const e = { key, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, target: null, defaultPrevented: false, preventDefault: vi.fn(), ...more };
    actions.handleKeydown(e as unknown as KeyboardEvent);
    return e;
  };

  it("runs g u and g b", async () => {
    press("g");
    press("u");
    await vi.waitFor(() => expect(articles.view).toEqual(UNREAD));
    press("g");
    press("b");
    await vi.waitFor(() => expect(articles.view).toEqual({ kind: "bookmarks" }));
  });

  it("opens the shortcuts dialog with ? and leaves keys to an open dialog", () => {
    const e = press("?", { shiftKey: true });
    expect(e.preventDefault).toHaveBeenCalled();
    expect(ui.dialog).toEqual({ kind: "shortcuts" });
    const j = press("j");
    expect(j.preventDefault).not.toHaveBeenCalled();
    expect(api.getArticle).not.toHaveBeenCalled();
  });

  it("refreshes with r", async () => {
    press("r");
    await vi.waitFor(() => expect(api.refreshFeeds).toHaveBeenCalledWith(null));
  });

  it("lets unknown keys through", () => {
    expect(press("x").preventDefault).not.toHaveBeenCalled();
  });

  it("clears a search with Escape", async () => {
    actions.typeSearch("west");
    await actions.searchNow();
    press("Escape");
    await vi.waitFor(() => expect(articles.view).toEqual(ALL));
  });
});

describe("backend events", () => {
  async function handlers() {
    const map = new Map<string, (payload: unknown) => void>();
    vi.mocked(api.onEvent).mockImplementation(async (name: string, handler: (p: never) => void) => {
      map.set(name, handler as (payload: unknown) => void);
      return () => {};
    });
    await actions.start();
    vi.mocked(api.listArticles).mockClear();
    return map;
  }

  it("re-query the list when articles changed elsewhere, but not for our own write", async () => {
    const on = await handlers();
    // Earlier tests wrote too; step past their echo window.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 60_000);
    on.get("articles-changed")!(null);
    await vi.waitFor(() => expect(api.listArticles).toHaveBeenCalled());
    vi.mocked(api.listArticles).mockClear();
    await actions.setRead([5], true);
    on.get("articles-changed")!(null);
    await Promise.resolve();
    expect(api.listArticles).not.toHaveBeenCalled();
    vi.useRealTimers();
  });

  it("offer the feed that Open with Tidings handed over, without subscribing", async () => {
    vi.mocked(api.takeOpenRequest).mockResolvedValueOnce("https://news.example/feed.xml");
    const on = await handlers();
    await vi.waitFor(() => expect(ui.dialog).toEqual({ kind: "add", url: "https://news.example/feed.xml" }));
    ui.closeDialog();
    on.get("open-request")!("https://other.example/rss");
    expect(ui.dialog).toEqual({ kind: "add", url: "https://other.example/rss" });
    expect(api.addFeed).not.toHaveBeenCalled();
    ui.closeDialog();
  });

  it("show the offline state from refresh-finished", async () => {
    const on = await handlers();
    on.get("refresh-finished")!({ offline: true, feeds: [], offline_copy: null, cleanup: null, after_store_errors: [] });
    expect(refresh.offline).toBe(true);
    on.get("refresh-finished")!({ offline: false, feeds: [], offline_copy: null, cleanup: null, after_store_errors: [] });
    expect(refresh.offline).toBe(false);
  });

  it("say offline once: no notice per failed feed, and gone after a refresh gets through", async () => {
    const on = await handlers();
    const failed = (feed_id: number) => ({
      feed_id,
      url: `https://f${feed_id}.example/`,
      title: `Feed ${feed_id}`,
      outcome: "error" as const,
      new: 0,
      updated: 0,
      error: "network unreachable",
      error_kind: "network",
      retry_after: null,
    });
    on.get("refresh-progress")!({ kind: "started", total: 2 });
    on.get("refresh-progress")!({ kind: "feed_done", done: 1, total: 2, feed: failed(1) });
    on.get("refresh-progress")!({ kind: "feed_done", done: 2, total: 2, feed: failed(2) });
    on.get("refresh-finished")!({ offline: true, feeds: [failed(1), failed(2)] });
    expect(refresh.offline).toBe(true);
    expect(refresh.outcome).toBeNull();
    expect(notices.current).toBeNull();
    on.get("refresh-finished")!({
      offline: false,
      feeds: [],
      offline_copy: { articles: 3, full_texts: 0, full_text_errors: 0, images: 12, image_errors: 1, image_bytes: 900_000 },
      cleanup: { articles: 0, images: 0 },
    });
    expect(refresh.offline).toBe(false);
    expect(refresh.outcome).toBe("Saved 12 images for offline reading");
  });
});
