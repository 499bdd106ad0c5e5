import type { RefreshProgress, RefreshReport } from "../bindings";
import { plural } from "./format";

/** What the refresh status line knows. Pure data so the transitions can be tested. */
export interface RefreshStatus {
  running: boolean;
  done: number;
  total: number;
  /** Set by a report with offline: true; cleared only by a later report that was online. */
  offline: boolean;
  /** ISO time of the last finished refresh. */
  lastFinished: string | null;
  /** Feeds that failed in the last online refresh. */
  failed: number;
  /** Articles new in the last refresh. */
  fresh: number;
  /** Full texts and images the last refresh saved for offline reading. */
  savedFullTexts: number;
  savedImages: number;
}

export const INITIAL_STATUS: RefreshStatus = {
  running: false,
  done: 0,
  total: 0,
  offline: false,
  lastFinished: null,
  failed: 0,
  fresh: 0,
  savedFullTexts: 0,
  savedImages: 0,
};

export function onProgress(s: RefreshStatus, p: RefreshProgress): RefreshStatus {
  switch (p.kind) {
    case "started":
      return { ...s, running: true, done: 0, total: p.total };
    case "feed_done":
      // Events can overtake each other; progress never goes backwards.
      return { ...s, running: true, done: Math.max(s.done, p.done), total: p.total };
    case "finished":
      return { ...s, running: false, done: p.total, total: p.total };
  }
}

export function onFinished(s: RefreshStatus, report: RefreshReport, now: Date = new Date()): RefreshStatus {
  const failed = report.feeds.filter((f) => f.outcome === "error" || f.outcome === "gone").length;
  const fresh = report.feeds.reduce((sum, f) => sum + (f.new || 0), 0);
  return {
    ...s,
    running: false,
    done: s.total,
    offline: report.offline,
    lastFinished: now.toISOString(),
    // Offline, every feed "fails" for the same reason; the one offline notice says it all.
    failed: report.offline ? 0 : failed,
    fresh,
    // Failures to save are not reported: the reader says so where an image is missing.
    savedFullTexts: report.offline_copy?.full_texts ?? 0,
    savedImages: report.offline_copy?.images ?? 0,
  };
}

/** "Refreshing 12/40" while running, else null. */
export function progressLabel(s: RefreshStatus): string | null {
  if (!s.running) return null;
  return s.total > 0 ? `Refreshing ${Math.min(s.done, s.total)}/${s.total}` : "Refreshing…";
}

export const OFFLINE_LABEL = "Offline — showing saved articles";

/** The quiet one-line outcome of the last refresh, or null when there is nothing to say. */
export function outcomeLabel(s: RefreshStatus): string | null {
  if (s.running || s.offline || !s.lastFinished) return null;
  const parts: string[] = [];
  if (s.fresh > 0) parts.push(plural(s.fresh, "new article"));
  if (s.failed > 0) parts.push(`${plural(s.failed, "feed")} could not be updated`);
  const saved = savedLabel(s);
  if (saved) parts.push(saved);
  return parts.length ? parts.join(" · ") : null;
}

/** "Saved 12 images for offline reading", or null when nothing was. One clause only: the
 * sidebar's status line is narrow, and images are what a reader misses offline; full texts
 * are named only when they are all there is. */
export function savedLabel(s: Pick<RefreshStatus, "savedFullTexts" | "savedImages">): string | null {
  if (s.savedImages > 0) return `Saved ${plural(s.savedImages, "image")} for offline reading`;
  if (s.savedFullTexts > 0) return `Saved ${plural(s.savedFullTexts, "full article")} for offline reading`;
  return null;
}
