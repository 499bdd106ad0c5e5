// The article body is rendered in a sandboxed, script-less iframe through `srcdoc`. This
// module builds that document: the reader stylesheet around a wrapper for the engine's
// sanitized fragment. ArticleBody loads it once (empty) and puts each article into the
// wrapper, so that opening an article loads no new document.

export type ResolvedTheme = "light" | "dark";

/** Reader colours. The background equals the app's --bg-reader so the iframe is seamless. */
export const READER_PALETTE: Record<ResolvedTheme, Record<string, string>> = {
  light: {
    bg: "#ffffff",
    fg: "#232326",
    muted: "#5c5c61",
    link: "#1f55c0",
    rule: "#dcdcd8",
    quote: "#46464b",
    codeBg: "#f3f3f0",
    codeFg: "#2a2a2e",
    markBg: "#fde68a",
    markFg: "#1f1f21",
  },
  dark: {
    bg: "#1d1d20",
    fg: "#dddde1",
    muted: "#a3a3aa",
    link: "#8ab4ff",
    rule: "#3a3a41",
    quote: "#c3c3c9",
    codeBg: "#27272b",
    codeFg: "#e2e2e6",
    markBg: "#5c4a00",
    markFg: "#fff3c4",
  },
};

export const SERIF_STACK =
  '"Iowan Old Style", "Charter", "Source Serif 4", "Source Serif Pro", Georgia, "Noto Serif", "DejaVu Serif", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "PingFang SC", "Microsoft YaHei", serif';
export const SANS_STACK =
  'system-ui, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
export const MONO_STACK =
  'ui-monospace, "SF Mono", "Cascadia Mono", "JetBrains Mono", "DejaVu Sans Mono", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace';

/** The id of the element wrapping the fragment; the parent measures it to size the iframe. */
export const BODY_ID = "tidings-article";

export interface SrcdocOptions {
  theme: ResolvedTheme;
  /** Reader font size in CSS pixels. */
  fontSize: number;
}

export function clampFontSize(size: number): number {
  if (!Number.isFinite(size)) return 18;
  return Math.min(24, Math.max(14, Math.round(size)));
}

// An image the shell could not save (and may not load from the web) arrives as
// <span class="missing-image">alt text</span>: a quiet box saying what is missing. Without
// alt text the image was decorative, so there is nothing to say.
export function readerStylesheet({ theme, fontSize }: SrcdocOptions): string {
  const c = READER_PALETTE[theme];
  const size = clampFontSize(fontSize);
  return `
:root { color-scheme: ${theme}; }
html { background: ${c.bg}; color: ${c.fg}; font-family: ${SERIF_STACK}; font-size: ${size}px; line-height: 1.65;
  -webkit-text-size-adjust: 100%; text-rendering: optimizeLegibility; overflow: hidden; }
body { margin: 0; padding: 0; }
#${BODY_ID} { display: flow-root; overflow-wrap: break-word; word-wrap: break-word; hyphens: auto; padding-bottom: 0.5rem; }
#${BODY_ID} > :first-child { margin-top: 0; }
:lang(zh), :lang(ja), :lang(ko) { line-height: 1.8; hyphens: none; }
p { margin: 0 0 1.05em; }
h1, h2, h3, h4, h5, h6 { font-family: ${SANS_STACK}; line-height: 1.3; margin: 1.7em 0 0.55em; font-weight: 650; letter-spacing: -0.005em; }
h1 { font-size: 1.5em; } h2 { font-size: 1.3em; } h3 { font-size: 1.12em; } h4, h5, h6 { font-size: 1em; }
h5, h6 { color: ${c.muted}; }
a { color: ${c.link}; text-decoration-line: underline; text-decoration-thickness: 1px; text-underline-offset: 0.18em; }
a:hover { text-decoration-thickness: 2px; }
a:focus-visible { outline: 2px solid ${c.link}; outline-offset: 2px; border-radius: 2px; }
strong, b { font-weight: 650; }
img, video, svg, canvas, picture, iframe, embed, object { max-width: 100%; height: auto; }
img, video { border-radius: 3px; }
img { display: inline-block; vertical-align: middle; }
p > img:only-child, a > img:only-child { display: block; margin: 1.4em auto; }
iframe { border: 0; aspect-ratio: 16 / 9; width: 100%; }
figure { margin: 1.6em 0; padding: 0; }
figure img, figure video { display: block; margin: 0 auto; }
figcaption, .caption, .wp-caption-text { font-family: ${SANS_STACK}; font-size: 0.8em; line-height: 1.45; color: ${c.muted}; margin-top: 0.6em; text-align: center; }
blockquote { margin: 1.5em 0; padding: 0.1em 0 0.1em 1.2em; border-left: 3px solid ${c.rule}; color: ${c.quote}; }
blockquote p:last-child { margin-bottom: 0; }
pre, code, kbd, samp { font-family: ${MONO_STACK}; font-size: 0.86em; }
code, kbd { background: ${c.codeBg}; color: ${c.codeFg}; padding: 0.1em 0.35em; border-radius: 4px; }
pre { background: ${c.codeBg}; color: ${c.codeFg}; padding: 0.9em 1.1em; border-radius: 6px; overflow-x: auto; line-height: 1.5;
  white-space: pre; tab-size: 4; margin: 1.4em 0; }
pre code { background: none; padding: 0; font-size: inherit; border-radius: 0; }
table { display: block; max-width: 100%; overflow-x: auto; border-collapse: collapse; margin: 1.4em 0;
  font-family: ${SANS_STACK}; font-size: 0.86em; line-height: 1.45; }
th, td { border: 1px solid ${c.rule}; padding: 0.4em 0.7em; text-align: left; vertical-align: top; }
th { font-weight: 650; }
hr { border: 0; border-top: 1px solid ${c.rule}; margin: 2.2em 0; }
ul, ol { padding-left: 1.5em; margin: 0 0 1.05em; }
li { margin: 0.3em 0; }
li > ul, li > ol { margin-bottom: 0; }
dt { font-weight: 650; } dd { margin: 0 0 0.6em 1.5em; }
mark { background: ${c.markBg}; color: ${c.markFg}; padding: 0 0.1em; }
abbr[title] { text-decoration: underline dotted; }
sup, sub { line-height: 0; }
.missing-image { display: inline-block; max-width: 100%; margin: 0.2em 0; padding: 0.35em 0.7em; border: 1px dashed ${c.rule};
  border-radius: 4px; font-family: ${SANS_STACK}; font-size: 0.85em; font-style: italic; line-height: 1.45; color: ${c.muted}; }
.missing-image:empty { display: none; }
small { font-size: 0.85em; }
@media (prefers-reduced-motion: no-preference) { html { scroll-behavior: smooth; } }
`;
}

/** A complete document for the iframe's srcdoc. The fragment is inserted as is: the engine
 * sanitized it at ingest, and the sandbox (no allow-scripts) keeps anything left inert. */
export function buildSrcdoc(fragment: string, opts: SrcdocOptions): string {
  return (
    "<!doctype html>" +
    `<html class="theme-${opts.theme}" data-theme="${opts.theme}">` +
    "<head>" +
    '<meta charset="utf-8">' +
    // Defence in depth on top of the sandbox; it restricts nothing the article needs.
    `<meta http-equiv="Content-Security-Policy" content="script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'">` +
    `<meta name="color-scheme" content="${opts.theme}">` +
    `<style>${readerStylesheet(opts)}</style>` +
    "</head>" +
    `<body><div id="${BODY_ID}">${fragment}</div></body>` +
    "</html>"
  );
}
