// The benchmark probe (bench/desktop.py, docs/PERFORMANCE.md): when the app
// runs with TIDINGS_PROBE, report when the article list is first painted
// and how long opening articles takes, measured in the page itself so that
// no WebDriver round trip is counted. Does nothing otherwise.

import * as api from "../api";
import * as actions from "./actions";
import { articles } from "./articles.svelte";
import { reader } from "./reader.svelte";
import { subscriptions } from "./subscriptions.svelte";


/** Resolves once `check` is true, polling each frame. */
async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error("probe: timed out");
    await new Promise((r) => requestAnimationFrame(r));
  }
}

/** Resolves once `check` is true, checking after every change to the document: unlike
 * polling each frame, this adds no frame of waiting to what is measured. */
function whenDocument(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  return new Promise((done, fail) => {
    if (check()) return done();
    const observer = new MutationObserver(() => {
      if (!check()) return;
      finish();
      done();
    });
    const timer = setTimeout(() => {
      finish();
      fail(new Error("probe: timed out"));
    }, timeoutMs);
    const finish = () => {
      observer.disconnect();
      clearTimeout(timer);
    };
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
}

/** The page's own marks (performance.mark("tidings-…")), each at its first time. */
function firstMarks(): Record<string, number> {
  const marks: Record<string, number> = {};
  for (const m of performance.getEntriesByType("mark")) {
    const name = m.name.replace(/^tidings-/, "");
    if (name !== m.name && !(name in marks)) marks[name] = Math.round(m.startTime);
  }
  return marks;
}

/** Call first thing at start: it watches for the list's first paint. */
export async function runProbe(): Promise<void> {
  let enabled = false;
  try {
    enabled = await api.probeEnabled();
  } catch {
    // No probe command (tests, the dev server): nothing to measure.
  }
  if (!enabled) return;
  // Every frame until the list is painted, and when the sidebar arrived: where the time
  // between the rows and their paint goes (slow frames, or none drawn at all).
  const frameTimes: number[] = [];
  let sidebarAt = -1;
  let watching = true;
  const watch = (t: number) => {
    frameTimes.push(Math.round(t));
    if (sidebarAt < 0 && subscriptions.loaded) sidebarAt = Math.round(performance.now());
    if (watching) requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
  // Painted: the list's rows (or, in an empty library, its empty state) are in the document
  // and a frame has been drawn since.
  const empty = () => subscriptions.loaded && !articles.loading && articles.total === 0;
  await whenDocument(() => document.querySelector('[role="listbox"][aria-label="Articles"] [role="option"]') != null || empty(), 30_000);
  await actions.afterPaint();
  const paintedAt = performance.now();
  watching = false;
  await api.probeMark("list_painted");
  // Articles are opened once the whole window has loaded, as a user would.
  await until(() => subscriptions.loaded, 30_000);
  const opens: number[] = [];
  const loads: number[] = [];
  const shownAt: number[] = [];
  const count = Math.min(20, articles.total);
  // How many articles the body's frame has shown (ArticleBody counts them in data-shown).
  const frame = () => document.querySelector<HTMLIFrameElement>("article iframe");
  const shownCount = () => Number(frame()?.dataset.shown ?? 0);
  for (let i = 0; i < count; i++) {
    const row = await articles.ensureRow(i);
    if (!row) break;
    const t0 = performance.now();
    // Opening also marks the article read; that write is not part of showing it, so it is
    // not timed, but it finishes before the next article is opened.
    const [frameBefore, before] = [frame(), shownCount()];
    // A frame that stays counts on; a new one counts from its first article.
    const shown = whenDocument(() => shownCount() > 0 && (frame() !== frameBefore || shownCount() !== before));
    const loaded = whenDocument(() => reader.meta?.id === row.id && reader.body != null).then(() =>
      loads.push(performance.now() - t0),
    );
    const opening = actions.openAt(i);
    await shown;
    shownAt.push(performance.now() - t0);
    await actions.afterPaint();
    opens.push(performance.now() - t0);
    await Promise.all([loaded, opening]);
  }
  const tenths = (xs: number[]) => xs.map((x) => Math.round(x * 10) / 10);
  const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  await api.probeReport({
    list_painted_since_navigation_ms: Math.round(paintedAt),
    // Where the time before the list went, since navigation start.
    phases_ms: {
      document_loaded: Math.round(nav?.responseEnd ?? -1),
      dom_content_loaded: Math.round(nav?.domContentLoadedEventEnd ?? -1),
      ...firstMarks(),
      painted: Math.round(paintedAt),
      sidebar_loaded: sidebarAt,
    },
    frames_ms: frameTimes,
    rows: articles.total,
    open_ms: tenths(opens),
    open_median_ms: median(opens),
    open_max_ms: Math.max(...opens),
    loaded_ms: tenths(loads),
    loaded_median_ms: median(loads),
    // Until the frame's document had loaded (before the two frames that show it).
    frame_loaded_median_ms: median(shownAt),
  });
}
