// Arithmetic of the virtualized article list: rows have a fixed height, so which rows to
// render and which pages to fetch follow from the scroll position alone.

export interface Range {
  /** First index to render (inclusive). */
  start: number;
  /** One past the last index to render. */
  end: number;
}

/** Rows intersecting the viewport, widened by `overscan` rows on each side, clamped to [0, total). */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  total: number,
  overscan = 6,
): Range {
  if (total <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const top = Math.max(0, scrollTop);
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight);
  const start = Math.min(total, Math.max(0, first - overscan));
  const end = Math.min(total, Math.max(start, last + overscan));
  return { start, end };
}

/** Rows of a list that starts `listTop` px down a scrolling area's content and that intersect
 * its viewport, widened by `overscan` rows on each side; empty when the list is out of view.
 * `rowPitch` is a row's height plus the gap after it. */
export function listWindow(
  listTop: number,
  total: number,
  scrollTop: number,
  viewportHeight: number,
  rowPitch: number,
  overscan: number,
): Range {
  if (total <= 0 || rowPitch <= 0) return { start: 0, end: 0 };
  const from = Math.floor((scrollTop - listTop) / rowPitch) - overscan;
  const to = Math.ceil((scrollTop + Math.max(0, viewportHeight) - listTop) / rowPitch) + overscan;
  const start = Math.min(total, Math.max(0, from));
  const end = Math.min(total, Math.max(start, to));
  return { start, end };
}

/** The scrollTop that brings row `index` fully into view with the least movement
 * (unchanged when it is already visible). */
export function revealScrollTop(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const rowTop = index * rowHeight;
  const rowBottom = rowTop + rowHeight;
  if (rowTop < scrollTop) return rowTop;
  if (rowBottom > scrollTop + viewportHeight) return Math.max(0, rowBottom - viewportHeight);
  return scrollTop;
}

/** Page numbers covering [start, end). */
export function pagesFor(range: Range, pageSize: number): number[] {
  if (range.end <= range.start) return [];
  const first = Math.floor(range.start / pageSize);
  const last = Math.floor((range.end - 1) / pageSize);
  const pages: number[] = [];
  for (let p = first; p <= last; p++) pages.push(p);
  return pages;
}

/** Index reached by moving `delta` rows from `current` (-1 = nothing selected), clamped. */
export function stepIndex(current: number, delta: number, total: number): number {
  if (total <= 0) return -1;
  // From no selection, both directions start at the top, where the newest articles are.
  if (current < 0) return 0;
  return Math.min(total - 1, Math.max(0, current + delta));
}
