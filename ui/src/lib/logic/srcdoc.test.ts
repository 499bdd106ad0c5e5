import { describe, expect, it } from "vitest";
import { BODY_ID, buildSrcdoc, clampFontSize, READER_PALETTE } from "./srcdoc";

const FRAGMENT = '<p>西部地区 <a href="https://example.com/">investment</a></p><figure><img src="tidings://localhost/image/1" alt="A hall"><figcaption>The fair</figcaption></figure>';

describe("buildSrcdoc", () => {
  it("wraps the fragment, unchanged, in a complete UTF-8 document", () => {
    const doc = buildSrcdoc(FRAGMENT, { theme: "light", fontSize: 18 });
    expect(doc.startsWith("<!doctype html>")).toBe(true);
    expect(doc).toContain('<meta charset="utf-8">');
    expect(doc).toContain(`<div id="${BODY_ID}">${FRAGMENT}</div>`);
  });

  it("adds no script of its own", () => {
    const doc = buildSrcdoc(FRAGMENT, { theme: "dark", fontSize: 18 });
    expect(doc.toLowerCase()).not.toContain("<script");
    expect(doc).not.toMatch(/\son[a-z]+=/i);
    // And forbids scripts even if the sandbox were ever loosened.
    expect(doc).toContain("script-src 'none'");
  });

  it("carries the theme as a class and its colours", () => {
    const light = buildSrcdoc("<p>x</p>", { theme: "light", fontSize: 18 });
    const dark = buildSrcdoc("<p>x</p>", { theme: "dark", fontSize: 18 });
    expect(light).toContain('class="theme-light"');
    expect(dark).toContain('class="theme-dark"');
    expect(light).toContain(`background: ${READER_PALETTE.light.bg}`);
    expect(dark).toContain(`background: ${READER_PALETTE.dark.bg}`);
    expect(dark).toContain("color-scheme: dark");
  });

  it("sets the reader's font size and a readable measure", () => {
    const doc = buildSrcdoc("<p>x</p>", { theme: "light", fontSize: 21 });
    expect(doc).toContain("font-size: 21px");
    expect(doc).toMatch(/line-height: 1\.6/);
    expect(doc).toContain("max-width: 100%");
    expect(doc).toContain("Noto Serif CJK SC");
    expect(doc).toMatch(/pre \{[^}]*overflow-x: auto/);
    expect(doc).toMatch(/table \{[^}]*overflow-x: auto/);
  });

  it("keeps font sizes within 14–24 px", () => {
    expect(clampFontSize(9)).toBe(14);
    expect(clampFontSize(40)).toBe(24);
    expect(clampFontSize(Number.NaN)).toBe(18);
    expect(buildSrcdoc("", { theme: "light", fontSize: 100 })).toContain("font-size: 24px");
  });

  it("shows an image that was not saved as a quiet box with its alt text in italics", () => {
    const fragment = '<p>Before <span class="missing-image">A chart of trade volume</span> after</p>';
    for (const theme of ["light", "dark"] as const) {
      const doc = buildSrcdoc(fragment, { theme, fontSize: 18 });
      expect(doc).toContain(fragment);
      const rule = /\.missing-image \{([^}]*)\}/.exec(doc)?.[1] ?? "";
      expect(rule).toMatch(/border: 1px \w+ /);
      expect(rule).toContain(READER_PALETTE[theme].rule);
      expect(rule).toContain("font-style: italic");
      expect(rule).toContain(`color: ${READER_PALETTE[theme].muted}`);
      // An image without alt text was decorative: no empty box.
      expect(doc).toMatch(/\.missing-image:empty \{ display: none; \}/);
    }
  });
});
