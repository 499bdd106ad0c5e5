// WCAG AA for both themes: 4.5:1 for text, 3:1 for UI parts (borders of controls, icons,
// focus rings). Reads the colour tokens straight from app.css.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { READER_PALETTE } from "./srcdoc";

const css = readFileSync(new URL("../../app.css", import.meta.url), "utf8");

function block(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no ${selector} block`);
  const body = css.slice(start, css.indexOf("}", start));
  const vars: Record<string, string> = {};
  for (const m of body.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;/g)) vars[m[1]] = m[2];
  return vars;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const TEXT_PAIRS: [string, string][] = [
  ["fg", "bg-window"],
  ["fg", "bg-sidebar"],
  ["fg", "bg-list"],
  ["fg", "bg-reader"],
  ["fg", "bg-raised"],
  ["fg", "bg-hover"],
  ["fg", "bg-selected"],
  ["fg", "bg-chip"],
  ["fg", "bg-input"],
  ["fg-muted", "bg-window"],
  ["fg-muted", "bg-sidebar"],
  ["fg-muted", "bg-list"],
  ["fg-muted", "bg-reader"],
  ["fg-muted", "bg-raised"],
  ["fg-muted", "bg-hover"],
  ["fg-muted", "bg-selected"],
  ["fg-muted", "bg-input"],
  ["accent", "bg-reader"],
  ["accent", "bg-raised"],
  ["accent", "bg-sidebar"],
  ["on-accent", "accent"],
  ["on-accent", "accent-hover"],
  ["danger", "bg-raised"],
  ["danger", "bg-sidebar"],
  ["on-danger", "danger"],
  ["mark-fg", "mark-bg"],
];

const UI_PAIRS: [string, string][] = [
  ["control-border", "bg-input"],
  ["control-border", "bg-raised"],
  ["focus", "bg-window"],
  ["focus", "bg-list"],
  ["focus", "bg-reader"],
  ["focus", "bg-raised"],
  ["unread-dot", "bg-list"],
  ["unread-dot", "bg-hover"],
  ["unread-dot", "bg-selected"],
  ["star", "bg-list"],
  ["star", "bg-selected"],
  ["star", "bg-reader"],
];

const THEMES = {
  light: block(":root"),
  dark: { ...block(":root"), ...block(':root[data-theme="dark"]') },
};

describe.each(Object.entries(THEMES))("the %s theme", (_name, vars) => {
  it.each(TEXT_PAIRS)("text %s on %s is at least 4.5:1", (fg, bg) => {
    expect(vars[fg], fg).toBeDefined();
    expect(vars[bg], bg).toBeDefined();
    expect(contrast(vars[fg], vars[bg])).toBeGreaterThanOrEqual(4.5);
  });

  it.each(UI_PAIRS)("%s against %s is at least 3:1", (fg, bg) => {
    expect(contrast(vars[fg], vars[bg])).toBeGreaterThanOrEqual(3);
  });
});

describe.each(["light", "dark"] as const)("the %s reader", (theme) => {
  const p = READER_PALETTE[theme];

  it("has readable body text, links, captions, quotes, code and highlights", () => {
    for (const [fg, bg] of [
      [p.fg, p.bg],
      [p.muted, p.bg],
      [p.link, p.bg],
      [p.quote, p.bg],
      [p.codeFg, p.codeBg],
      [p.link, p.codeBg],
      [p.markFg, p.markBg],
    ]) {
      expect(contrast(fg, bg), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("sits seamlessly on the reader pane", () => {
    expect(p.bg).toBe(THEMES[theme]["bg-reader"]);
  });
});
