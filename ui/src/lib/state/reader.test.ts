import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import type { ArticleMeta } from "../bindings";
import { Reader } from "./reader.svelte";

vi.mock("../api", async () => (await import("./test-api")).apiMock());

function meta(over: Partial<ArticleMeta> = {}): ArticleMeta {
  return {
    id: 7,
    feed_id: 1,
    feed_title: "Feed",
    site_url: "https://example.org/",
    url: "https://example.org/7",
    title: "Seven",
    author: null,
    author_email: null,
    author_url: null,
    published: null,
    updated: null,
    categories: [],
    comments_url: null,
    enclosures: [],
    read: true,
    bookmarked: false,
    has_full_text: false,
    full_text_error: null,
    ...over,
  };
}

/** A promise settled from outside, to hold a command in flight. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** A library of one article whose page has not been extracted yet. */
let extracted: boolean;

beforeEach(() => {
  vi.clearAllMocks();
  extracted = false;
  vi.mocked(api.getArticle).mockImplementation(async (id: number) => meta({ id, has_full_text: extracted }));
  vi.mocked(api.fetchArticleBody).mockImplementation(async (_id: number, _signal?: AbortSignal, version = "best") =>
    extracted && version === "best" ? "<p>full text</p>" : "<p>feed text</p>",
  );
  vi.mocked(api.loadFullArticle).mockImplementation(async () => {
    extracted = true;
    return null;
  });
});

describe("load full article", () => {
  it("runs the command, then loads meta and body again, now the full text", async () => {
    const r = new Reader();
    await r.open(7);
    expect(r.body).toBe("<p>feed text</p>");
    vi.mocked(api.getArticle).mockClear();
    vi.mocked(api.fetchArticleBody).mockClear();

    const done = r.loadFullText();
    expect(r.fetchingFullText).toBe(true);
    await expect(done).resolves.toBe(true);

    expect(api.loadFullArticle).toHaveBeenCalledWith(7);
    expect(api.getArticle).toHaveBeenCalledWith(7);
    expect(api.fetchArticleBody).toHaveBeenCalledWith(7, expect.anything(), "best");
    expect(vi.mocked(api.loadFullArticle).mock.invocationCallOrder[0]).toBeLessThan(
      vi.mocked(api.fetchArticleBody).mock.invocationCallOrder[0],
    );
    expect(r.meta?.has_full_text).toBe(true);
    expect(r.body).toBe("<p>full text</p>");
    expect(r.version).toBe("best");
    expect(r.fetchingFullText).toBe(false);
    expect(r.fullTextError).toBeNull();
  });

  it("says why it failed and keeps the article as it was", async () => {
    const r = new Reader();
    await r.open(7);
    vi.mocked(api.getArticle).mockClear();
    vi.mocked(api.loadFullArticle).mockRejectedValueOnce({ kind: "network", message: "could not reach example.org" });

    await expect(r.loadFullText()).resolves.toBe(false);

    expect(r.fullTextError).toBe("Could not reach example.org.");
    expect(r.fetchingFullText).toBe(false);
    expect(r.meta?.id).toBe(7);
    expect(r.body).toBe("<p>feed text</p>");
    expect(api.getArticle).not.toHaveBeenCalled();
    // Trying again clears the old error.
    const again = r.loadFullText();
    expect(r.fullTextError).toBeNull();
    await again;
    expect(r.body).toBe("<p>full text</p>");
  });

  it("runs once at a time", async () => {
    const r = new Reader();
    await r.open(7);
    const gate = deferred<null>();
    vi.mocked(api.loadFullArticle).mockReturnValueOnce(gate.promise);
    const first = r.loadFullText();
    await expect(r.loadFullText()).resolves.toBe(false);
    gate.resolve(null);
    await first;
    expect(api.loadFullArticle).toHaveBeenCalledTimes(1);
  });

  it("drops a late answer once another article is open", async () => {
    const r = new Reader();
    await r.open(7);
    const gate = deferred<null>();
    vi.mocked(api.loadFullArticle).mockReturnValueOnce(gate.promise);
    const late = r.loadFullText();
    await r.open(8);
    expect(r.fetchingFullText).toBe(false);
    vi.mocked(api.getArticle).mockClear();
    gate.reject({ kind: "network", message: "too late" });
    await expect(late).resolves.toBe(false);
    expect(r.meta?.id).toBe(8);
    expect(r.fullTextError).toBeNull();
    expect(api.getArticle).not.toHaveBeenCalled();
  });
});

describe("the version toggle", () => {
  it("switches between the full text and the feed's version", async () => {
    extracted = true;
    const r = new Reader();
    await r.open(7);
    expect(r.version).toBe("best");
    expect(r.body).toBe("<p>full text</p>");
    const epoch = r.epoch;

    await r.toggleVersion();
    expect(api.fetchArticleBody).toHaveBeenLastCalledWith(7, expect.anything(), "feed");
    expect(r.version).toBe("feed");
    expect(r.body).toBe("<p>feed text</p>");
    // Another text starts at its top.
    expect(r.epoch).toBe(epoch + 1);

    await r.toggleVersion();
    expect(api.fetchArticleBody).toHaveBeenLastCalledWith(7, expect.anything(), "best");
    expect(r.version).toBe("best");
    expect(r.body).toBe("<p>full text</p>");
  });

  it("starts every article on its best version", async () => {
    extracted = true;
    const r = new Reader();
    await r.open(7);
    await r.showVersion("feed");
    await r.open(8);
    expect(r.version).toBe("best");
    expect(api.fetchArticleBody).toHaveBeenLastCalledWith(8, expect.anything(), "best");
  });

  it("keeps the header when the other version cannot be loaded", async () => {
    extracted = true;
    const r = new Reader();
    await r.open(7);
    vi.mocked(api.fetchArticleBody).mockRejectedValueOnce({ kind: "body", message: "could not load the article text (status 500)" });
    await r.showVersion("feed");
    expect(r.meta?.id).toBe(7);
    expect(r.body).toBeNull();
    expect(r.error).toBe("Could not load the article text (status 500).");
    // And the way back still works.
    await r.showVersion("best");
    expect(r.body).toBe("<p>full text</p>");
    expect(r.error).toBeNull();
  });
});
