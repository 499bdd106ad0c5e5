import { describe, expect, it } from "vitest";
import type { FeedOutcome, RefreshReport } from "../bindings";
import { OFFLINE_LABEL } from "../logic/refresh";
import { RefreshState } from "./refresh.svelte";

function outcome(over: Partial<FeedOutcome>): FeedOutcome {
  return { feed_id: 1, url: "u", title: "t", outcome: "updated", new: 0, updated: 0, error: null, error_kind: null, retry_after: null, ...over };
}

const after = { offline_copy: null, cleanup: null, after_store_errors: [] };

const offline: RefreshReport = {
  ...after,
  offline: true,
  feeds: [outcome({ outcome: "error", error: "network unreachable" }), outcome({ feed_id: 2, outcome: "error" })],
};
const online: RefreshReport = {
  ...after,
  offline: false,
  feeds: [outcome({ new: 3 }), outcome({ feed_id: 2, outcome: "not_modified" }), outcome({ feed_id: 3, outcome: "error", error: "timeout" })],
};

describe("refresh progress", () => {
  it("counts feeds as they finish and reads 'Refreshing 12/40'", () => {
    const r = new RefreshState();
    r.onProgress({ kind: "started", total: 40 });
    expect(r.running).toBe(true);
    expect(r.progress).toBe("Refreshing 0/40");
    r.onProgress({ kind: "feed_done", done: 12, total: 40, feed: outcome({}) });
    expect(r.progress).toBe("Refreshing 12/40");
    // An event that arrives late never moves the count back.
    r.onProgress({ kind: "feed_done", done: 11, total: 40, feed: outcome({}) });
    expect(r.progress).toBe("Refreshing 12/40");
    r.onProgress({ kind: "finished", total: 40 });
    expect(r.running).toBe(false);
    expect(r.progress).toBeNull();
  });
});

describe("the offline indicator", () => {
  it("appears after an offline refresh, without per-feed errors", () => {
    const r = new RefreshState();
    expect(r.offline).toBe(false);
    r.onFinished(offline);
    expect(r.offline).toBe(true);
    expect(r.offlineLabel).toBe(OFFLINE_LABEL);
    expect(r.outcome).toBeNull();
    expect(r.status.failed).toBe(0);
  });

  it("stays through later progress and goes only when a refresh gets through", () => {
    const r = new RefreshState();
    r.onFinished(offline);
    r.onProgress({ kind: "started", total: 3 });
    expect(r.offline).toBe(true);
    r.onFinished(offline);
    expect(r.offline).toBe(true);
    r.onFinished(online);
    expect(r.offline).toBe(false);
  });

  it("goes when something else reached the network", () => {
    const r = new RefreshState();
    r.onFinished(offline);
    r.markOnline();
    expect(r.offline).toBe(false);
  });
});

describe("the outcome line", () => {
  it("sums new articles and failed feeds of an online refresh", () => {
    const r = new RefreshState();
    r.onFinished(online);
    expect(r.outcome).toBe("3 new articles · 1 feed could not be updated");
  });

  it("mentions what was saved for offline reading", () => {
    const r = new RefreshState();
    const copy = { articles: 5, full_texts: 0, full_text_errors: 2, images: 12, image_errors: 3, image_bytes: 1_200_000, failed: [] };
    r.onFinished({ ...online, offline_copy: copy });
    expect(r.outcome).toBe("3 new articles · 1 feed could not be updated · Saved 12 images for offline reading");
    r.onFinished({ ...after, offline: false, feeds: [], offline_copy: { ...copy, full_texts: 1, images: 1 }, cleanup: { articles: 40, images: 9 } });
    expect(r.outcome).toBe("Saved 1 image for offline reading");
    r.onFinished({ ...after, offline: false, feeds: [], offline_copy: { ...copy, full_texts: 2, images: 0 } });
    expect(r.outcome).toBe("Saved 2 full articles for offline reading");
    r.onFinished({ ...after, offline: false, feeds: [], offline_copy: { ...copy, images: 0 } });
    expect(r.outcome).toBeNull();
    // Offline nothing is saved, and the offline notice is all that is said.
    r.onFinished({ ...offline, offline_copy: copy });
    expect(r.outcome).toBeNull();
  });

  it("says nothing when nothing happened", () => {
    const r = new RefreshState();
    r.onFinished({ ...after, offline: false, feeds: [outcome({ outcome: "not_modified" })] });
    expect(r.outcome).toBeNull();
    expect(r.status.lastFinished).not.toBeNull();
  });
});
