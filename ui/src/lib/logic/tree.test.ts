import { describe, expect, it } from "vitest";
import type { Feed } from "../bindings";
import { buildTree, isLocalIcon, sortByCount } from "./tree";

function feed(id: number, title: string, folder: string | null, unread = 0, status: Feed["status"] = "ok"): Feed {
  return { id, url: `https://f${id}.example/`, title, site_url: null, folder, unread, total: unread, status, last_error: null, icon_url: null, last_fetched: null, retry_after: null, full_text: false, icon_cached: false };
}

describe("buildTree", () => {
  it("groups feeds by folder, sorted, with summed unread counts", () => {
    const tree = buildTree([
      feed(1, "Zeta", "World", 3),
      feed(2, "alpha", "World", 2, "error"),
      feed(3, "Loose", null, 1),
      feed(4, "Beta", "Tech", 0),
      feed(5, "Another", "  ", 4),
    ]);
    expect(tree.folders.map((f) => f.name)).toEqual(["Tech", "World"]);
    const world = tree.folders[1];
    expect(world.feeds.map((f) => f.title)).toEqual(["alpha", "Zeta"]);
    expect(world.unread).toBe(5);
    // A blank folder name means no folder.
    expect(tree.loose.map((f) => f.title)).toEqual(["Another", "Loose"]);
  });
});

describe("sortByCount", () => {
  it("puts the most used names first", () => {
    expect(sortByCount([{ name: "b", count: 1, unread: 0 }, { name: "a", count: 5, unread: 0 }, { name: "c", count: 1, unread: 0 }]).map((n) => n.name)).toEqual(["a", "b", "c"]);
  });
});

describe("isLocalIcon", () => {
  it("allows only icons that need no network", () => {
    expect(isLocalIcon("tidings://localhost/icon/3")).toBe(true);
    expect(isLocalIcon("http://tidings.localhost/icon/3")).toBe(true);
    expect(isLocalIcon("data:image/png;base64,AAAA")).toBe(true);
    expect(isLocalIcon("https://example.com/favicon.ico")).toBe(false);
    expect(isLocalIcon(null)).toBe(false);
  });
});
