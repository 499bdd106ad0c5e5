import { describe, expect, it } from "vitest";
import { ALL, BOOKMARKS, pagedQuery, sameView, UNREAD, viewKey, viewQuery, viewTitle, type View } from "./views";

describe("viewQuery", () => {
  it("maps every list view onto the engine's query", () => {
    expect(viewQuery(ALL)).toEqual({});
    expect(viewQuery(UNREAD)).toEqual({ unread: true });
    expect(viewQuery(BOOKMARKS)).toEqual({ bookmarked: true });
    expect(viewQuery({ kind: "feed", feedId: 7 })).toEqual({ feed_id: 7 });
    expect(viewQuery({ kind: "folder", name: "World" })).toEqual({ folder: "World" });
    expect(viewQuery({ kind: "category", name: "News" })).toEqual({ category: "News" });
    expect(viewQuery({ kind: "author", name: "Xinhua" })).toEqual({ author: "Xinhua" });
  });

  it("adds paging without losing the filter", () => {
    expect(pagedQuery({ kind: "author", name: "Xinhua" }, 200, 100)).toEqual({ author: "Xinhua", offset: 200, limit: 100 });
    expect(pagedQuery(UNREAD, 0, 100)).toEqual({ unread: true, offset: 0, limit: 100 });
  });
});

describe("view identity", () => {
  it("tells views apart by kind and value", () => {
    expect(sameView({ kind: "feed", feedId: 1 }, { kind: "feed", feedId: 1 })).toBe(true);
    expect(sameView({ kind: "feed", feedId: 1 }, { kind: "feed", feedId: 2 })).toBe(false);
    expect(sameView({ kind: "category", name: "A" }, { kind: "author", name: "A" })).toBe(false);
    expect(sameView(ALL, null)).toBe(false);
    const keys = new Set(
      ([ALL, UNREAD, BOOKMARKS, { kind: "folder", name: "x" }, { kind: "search", query: "x" }] as View[]).map(viewKey),
    );
    expect(keys.size).toBe(5);
  });
});

describe("viewTitle", () => {
  it("names the author view as the reader links to it", () => {
    expect(viewTitle({ kind: "author", name: "Xinhua" })).toBe("Other posts by Xinhua");
  });

  it("uses the feed's title when known", () => {
    expect(viewTitle({ kind: "feed", feedId: 3 }, (id) => (id === 3 ? "Xinhua English" : undefined))).toBe("Xinhua English");
    expect(viewTitle({ kind: "feed", feedId: 4 })).toBe("Feed");
    expect(viewTitle(ALL)).toBe("All articles");
    expect(viewTitle({ kind: "search", query: "west" })).toContain("west");
  });
});
