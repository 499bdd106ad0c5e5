import { describe, expect, it } from "vitest";
import { listWindow, pagesFor, revealScrollTop, stepIndex, visibleRange } from "./virtual";

describe("visibleRange", () => {
  it("covers the viewport plus the overscan at the top of the list", () => {
    // 10 rows of 50 px fit in 500 px; nothing above to overscan.
    expect(visibleRange(0, 500, 50, 100_000, 3)).toEqual({ start: 0, end: 13 });
  });

  it("follows the scroll position", () => {
    // Row 200 is at 10,000 px; rows 200..210 are (partly) visible.
    expect(visibleRange(10_000, 500, 50, 100_000, 3)).toEqual({ start: 197, end: 213 });
    // A partly scrolled row counts as visible.
    expect(visibleRange(10_025, 500, 50, 100_000, 0)).toEqual({ start: 200, end: 211 });
  });

  it("renders only a window of a huge list", () => {
    const r = visibleRange(4_000_000, 800, 92, 100_000);
    expect(r.end - r.start).toBeLessThan(30);
    expect(r.start).toBe(Math.floor(4_000_000 / 92) - 6);
  });

  it("clamps at the end and for short or empty lists", () => {
    expect(visibleRange(4_900, 500, 50, 100, 3)).toEqual({ start: 95, end: 100 });
    expect(visibleRange(0, 500, 50, 4, 3)).toEqual({ start: 0, end: 4 });
    expect(visibleRange(0, 500, 50, 0, 3)).toEqual({ start: 0, end: 0 });
    // Scrolled past the end (the list just shrank): still a valid, empty-or-tail range.
    const r = visibleRange(1_000_000, 500, 50, 10, 3);
    expect(r.start).toBeLessThanOrEqual(r.end);
    expect(r.end).toBe(10);
  });

  it("treats negative scroll (elastic overscroll) as the top", () => {
    expect(visibleRange(-80, 500, 50, 100, 0)).toEqual({ start: 0, end: 10 });
  });
});

describe("listWindow", () => {
  // A list of 1,000 rows of 31 px starting 600 px down, in a 400 px viewport.
  const at = (scrollTop: number, overscan = 0) => listWindow(600, 1000, scrollTop, 400, 31, overscan);

  it("is empty while the list is below the viewport, and starts with it", () => {
    expect(at(0)).toEqual({ start: 0, end: 0 });
    expect(at(0, 3)).toEqual({ start: 0, end: 0 });
    expect(at(250)).toEqual({ start: 0, end: 2 });
  });

  it("follows the scroll through the list, widened by the overscan", () => {
    expect(at(600 + 31 * 100)).toEqual({ start: 100, end: 113 });
    expect(at(600 + 31 * 100, 5)).toEqual({ start: 95, end: 118 });
  });

  it("is empty once the list is above the viewport, and clamps at its end", () => {
    expect(at(600 + 31 * 1000 + 10)).toEqual({ start: 1000, end: 1000 });
    expect(at(600 + 31 * 995, 20)).toEqual({ start: 975, end: 1000 });
    expect(listWindow(0, 0, 0, 400, 31, 5)).toEqual({ start: 0, end: 0 });
  });
});

describe("revealScrollTop", () => {
  it("leaves a visible row alone", () => {
    expect(revealScrollTop(5, 0, 500, 50)).toBe(0);
  });

  it("scrolls up to a row above the viewport", () => {
    expect(revealScrollTop(2, 400, 500, 50)).toBe(100);
  });

  it("scrolls down just enough for a row below the viewport", () => {
    // Row 12 spans 600..650; the viewport must end at 650.
    expect(revealScrollTop(12, 0, 500, 50)).toBe(150);
  });
});

describe("pagesFor", () => {
  it("lists the pages a range touches", () => {
    expect(pagesFor({ start: 0, end: 20 }, 100)).toEqual([0]);
    expect(pagesFor({ start: 95, end: 120 }, 100)).toEqual([0, 1]);
    expect(pagesFor({ start: 100, end: 200 }, 100)).toEqual([1]);
    expect(pagesFor({ start: 10, end: 10 }, 100)).toEqual([]);
  });
});

describe("stepIndex", () => {
  it("moves and clamps", () => {
    expect(stepIndex(3, 1, 10)).toBe(4);
    expect(stepIndex(3, -1, 10)).toBe(2);
    expect(stepIndex(9, 1, 10)).toBe(9);
    expect(stepIndex(0, -1, 10)).toBe(0);
  });

  it("starts at the top when nothing is selected", () => {
    expect(stepIndex(-1, 1, 10)).toBe(0);
    expect(stepIndex(-1, -1, 10)).toBe(0);
    expect(stepIndex(-1, 1, 0)).toBe(-1);
  });
});
