import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import type { ArticleQuery, ArticleRow } from "../bindings";
import { ALL, UNREAD } from "../logic/views";
import { ArticleList, ECHO_WINDOW_MS, PAGE_SIZE } from "./articles.svelte";
import { filterRows, makeRows } from "./test-api";

vi.mock("../api", async () => (await import("./test-api")).apiMock());

let library: ArticleRow[];

function serve() {
  vi.mocked(api.countArticles).mockImplementation(async (q: ArticleQuery) => filterRows(library, q).length);
  vi.mocked(api.listArticles).mockImplementation(async (q: ArticleQuery) => {
    const offset = q.offset ?? 0;
    return filterRows(library, q).slice(offset, offset + (q.limit ?? PAGE_SIZE));
  });
}

beforeEach(() => {
  vi.clearAllMocks();
  library = makeRows(250);
  serve();
});

describe("showing a view", () => {
  it("counts the view and fetches its first page only", async () => {
    const list = new ArticleList();
    await list.show(ALL);
    expect(list.total).toBe(250);
    expect(api.countArticles).toHaveBeenCalledWith({});
    expect(api.listArticles).toHaveBeenCalledTimes(1);
    expect(api.listArticles).toHaveBeenCalledWith({ offset: 0, limit: PAGE_SIZE });
    expect(list.rowAt(0)?.id).toBe(1);
    expect(list.rowAt(99)?.id).toBe(100);
    expect(list.rowAt(100)).toBeUndefined();
    expect(list.loading).toBe(false);
  });

  it("passes the view's filter to both queries", async () => {
    const list = new ArticleList();
    await list.show(UNREAD);
    expect(api.countArticles).toHaveBeenCalledWith({ unread: true });
    expect(api.listArticles).toHaveBeenCalledWith({ unread: true, offset: 0, limit: PAGE_SIZE });
    expect(list.total).toBe(filterRows(library, { unread: true }).length);
  });

  it("drops the answer of a view the user already left", async () => {
    const list = new ArticleList();
    let releaseSlow!: () => void;
    vi.mocked(api.listArticles).mockImplementationOnce(
      (q) => new Promise((resolve) => (releaseSlow = () => resolve(filterRows(library, q).slice(0, 1)))),
    );
    const slow = list.show(ALL);
    await list.show({ kind: "author", name: "Xinhua" });
    releaseSlow();
    await slow;
    expect(list.view).toEqual({ kind: "author", name: "Xinhua" });
    expect(list.rowAt(0)?.author).toBe("Xinhua");
    expect(list.total).toBe(125);
  });

  it("shows all search results as one list with their snippets", async () => {
    const hits = makeRows(150).map((r) => ({ ...r, snippet: `<mark>${r.title}</mark>` }));
    vi.mocked(api.searchArticles).mockResolvedValue(hits);
    const list = new ArticleList();
    await list.show({ kind: "search", query: "west" });
    expect(api.searchArticles).toHaveBeenCalledWith("west", expect.any(Number));
    expect(api.countArticles).not.toHaveBeenCalled();
    expect(list.total).toBe(150);
    expect(list.rowAt(149)?.snippet).toBe("<mark>Article 150</mark>");
    await list.ensureRange({ start: 100, end: 150 });
    expect(api.listArticles).not.toHaveBeenCalled();
  });

  it("reports a failed query instead of showing stale rows", async () => {
    const list = new ArticleList();
    await list.show(ALL);
    vi.mocked(api.countArticles).mockRejectedValueOnce({ kind: "store", message: "database is locked" });
    await list.show(UNREAD);
    expect(list.error).toBe("Database is locked.");
    expect(list.total).toBe(0);
  });
});

describe("paging as the user scrolls", () => {
  it("fetches the missing pages of the visible range once, even when asked twice", async () => {
    const list = new ArticleList();
    await list.show(ALL);
    vi.mocked(api.listArticles).mockClear();
    await Promise.all([list.ensureRange({ start: 90, end: 130 }), list.ensureRange({ start: 95, end: 135 })]);
    expect(api.listArticles).toHaveBeenCalledTimes(1);
    expect(api.listArticles).toHaveBeenCalledWith({ offset: 100, limit: PAGE_SIZE });
    expect(list.rowAt(120)?.id).toBe(121);
    await list.ensureRange({ start: 0, end: 150 });
    expect(api.listArticles).toHaveBeenCalledTimes(1);
  });

  it("never asks for pages past the end", async () => {
    const list = new ArticleList();
    await list.show(ALL);
    vi.mocked(api.listArticles).mockClear();
    await list.ensureRange({ start: 240, end: 400 });
    expect(api.listArticles).toHaveBeenCalledTimes(1);
    expect(api.listArticles).toHaveBeenCalledWith({ offset: 200, limit: PAGE_SIZE });
  });
});

describe("selection", () => {
  it("steps through the list and stops at both ends", async () => {
    const list = new ArticleList();
    await list.show(ALL);
    expect((await list.step(1))?.id).toBe(1);
    expect((await list.step(1))?.id).toBe(2);
    expect((await list.step(-1))?.id).toBe(1);
    expect(await list.step(-1)).toBeNull();
    expect(list.selectedId).toBe(1);
  });

  it("fetches the next page when j crosses a page boundary", async () => {
    const list = new ArticleList();
    await list.show(ALL);
    list.select(99, 100);
    const row = await list.step(1);
    expect(row?.id).toBe(101);
    expect(list.selectedIndex).toBe(100);
    expect(api.listArticles).toHaveBeenLastCalledWith({ offset: 100, limit: PAGE_SIZE });
  });

  it("stops at the last article", async () => {
    const list = new ArticleList();
    await list.show(ALL);
    await list.ensureRange({ start: 200, end: 250 });
    list.select(249, 250);
    expect(await list.step(1)).toBeNull();
    expect(list.selectedIndex).toBe(249);
  });

  it("follows its article when a reload moves it", async () => {
    const list = new ArticleList();
    await list.show(ALL);
    list.select(4, 5);
    library = [...makeRows(3, 1000), ...library];
    await list.reload();
    expect(list.total).toBe(253);
    expect(list.selectedIndex).toBe(7);
    expect(list.rowAt(7)?.id).toBe(5);
  });

  it("goes on with the article that took the place of one that left the list", async () => {
    const list = new ArticleList();
    await list.show(UNREAD);
    const first = await list.step(1);
    const second = list.rowAt(1)!;
    // Read elsewhere; the Unread view no longer holds it.
    library = library.map((r) => (r.id === first!.id ? { ...r, read: true } : r));
    await list.reload();
    expect((await list.step(1))?.id).toBe(second.id);
  });

  it("keeps the open article selected when switching to a view that holds it", async () => {
    const list = new ArticleList();
    await list.show(ALL);
    list.select(1, 2);
    await list.show({ kind: "author", name: "Xinhua" }, { keepSelection: true });
    expect(list.selectedId).toBe(2);
    expect(list.selectedIndex).toBe(0);
    await list.show(ALL);
    expect(list.selectedId).toBeNull();
  });
});

describe("local changes", () => {
  it("patches loaded rows without a query and replaces the page arrays", async () => {
    const list = new ArticleList();
    await list.show(ALL);
    const before = list.pages;
    vi.mocked(api.listArticles).mockClear();
    list.patch([2, 3], { read: true, bookmarked: true });
    expect(list.rowAt(1)).toMatchObject({ id: 2, read: true, bookmarked: true });
    expect(list.rowAt(3)?.bookmarked).toBe(false);
    expect(list.pages).not.toBe(before);
    expect(api.listArticles).not.toHaveBeenCalled();
  });

  it("marks every loaded row read", async () => {
    const list = new ArticleList();
    await list.show(ALL);
    list.patchAllRead();
    expect(list.loadedRows().every((r) => r.read)).toBe(true);
  });

  it("recognises the echo of its own write for a moment only", () => {
    const list = new ArticleList();
    expect(list.isEcho(1000)).toBe(false);
    list.noteOwnWrite(1000);
    expect(list.isEcho(1000 + ECHO_WINDOW_MS - 1)).toBe(true);
    expect(list.isEcho(1000 + ECHO_WINDOW_MS + 1)).toBe(false);
  });
});
