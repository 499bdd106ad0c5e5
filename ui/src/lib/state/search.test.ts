import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import { ALL, UNREAD } from "../logic/views";
import { ArticleList } from "./articles.svelte";
import { Search, SEARCH_DEBOUNCE_MS } from "./search.svelte";
import { makeRows } from "./test-api";

vi.mock("../api", async () => (await import("./test-api")).apiMock());

beforeEach(() => {
  vi.clearAllMocks();
  vi.useFakeTimers();
  vi.mocked(api.searchArticles).mockResolvedValue(makeRows(3).map((r) => ({ ...r, snippet: "<mark>x</mark>" })));
});

afterEach(() => vi.useRealTimers());

async function setup() {
  const list = new ArticleList();
  await list.show(UNREAD);
  return { list, search: new Search(list) };
}

describe("search", () => {
  it("waits for a pause in typing, then searches once with the whole text", async () => {
    const { list, search } = await setup();
    search.input("w");
    search.input("we");
    search.input("west");
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 10);
    expect(api.searchArticles).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(20);
    expect(api.searchArticles).toHaveBeenCalledTimes(1);
    expect(api.searchArticles).toHaveBeenCalledWith("west", expect.any(Number));
    expect(list.view).toEqual({ kind: "search", query: "west" });
    expect(search.active).toBe(true);
  });

  it("searches at once on Enter", async () => {
    const { search } = await setup();
    search.input("is:unread feed:xinhua");
    await search.submit();
    expect(api.searchArticles).toHaveBeenCalledWith("is:unread feed:xinhua", expect.any(Number));
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS * 2);
    expect(api.searchArticles).toHaveBeenCalledTimes(1);
  });

  it("returns to the view it started from on Escape", async () => {
    const { list, search } = await setup();
    search.input("west");
    await search.submit();
    search.input("western");
    await search.submit();
    await search.clear();
    expect(search.text).toBe("");
    expect(list.view).toEqual(UNREAD);
  });

  it("returns when the box is emptied by typing", async () => {
    const { list, search } = await setup();
    search.input("west");
    await search.submit();
    search.input("");
    await vi.runAllTimersAsync();
    expect(list.view).toEqual(UNREAD);
  });

  it("has nowhere to return after the user navigated away", async () => {
    const { list, search } = await setup();
    search.input("west");
    await search.submit();
    search.forget();
    await list.show(ALL);
    await search.clear();
    expect(list.view).toEqual(ALL);
    expect(search.previous).toBeNull();
  });
});
