import { describe, expect, it } from "vitest";
import { isTypingTarget, SEQUENCE_TIMEOUT_MS, ShortcutDispatcher, SHORTCUTS, type Action, type KeyInput } from "./shortcuts";

const key = (k: string, more: Partial<KeyInput> = {}): KeyInput => ({ key: k, ...more });
const el = (tagName: string, extra: Record<string, unknown> = {}) => ({
  tagName,
  getAttribute: (name: string) => (extra.role && name === "role" ? (extra.role as string) : null),
  ...extra,
});

describe("ShortcutDispatcher", () => {
  it.each([
    ["j", "next"],
    ["k", "prev"],
    ["s", "toggleBookmark"],
    ["m", "toggleRead"],
    ["o", "openInBrowser"],
    ["r", "refresh"],
    ["/", "focusSearch"],
    ["?", "help"],
    ["n", "addFeed"],
    [",", "settings"],
    ["A", "markAllRead"],
    ["Escape", "escape"],
  ] as [string, Action][])("maps %s to %s", (k, action) => {
    expect(new ShortcutDispatcher().handle(key(k, { shiftKey: k === "?" || k === "A" }))).toBe(action);
  });

  it("scrolls with space and back with shift+space", () => {
    const d = new ShortcutDispatcher();
    expect(d.handle(key(" "))).toBe("scrollDown");
    expect(d.handle(key(" ", { shiftKey: true }))).toBe("scrollUp");
  });

  it.each([
    ["a", "goAll"],
    ["u", "goUnread"],
    ["b", "goBookmarks"],
  ] as [string, Action][])("reads g then %s as %s", (second, action) => {
    const d = new ShortcutDispatcher();
    expect(d.handle(key("g"), 1000)).toBeNull();
    expect(d.pending).toBe(true);
    expect(d.handle(key(second), 1200)).toBe(action);
    expect(d.pending).toBe(false);
  });

  it("does not take the second key of a sequence as a shortcut of its own", () => {
    const d = new ShortcutDispatcher();
    d.handle(key("g"), 0);
    // "u" alone means nothing, but "b" after g must not become something else either.
    expect(d.handle(key("b"), 10)).toBe("goBookmarks");
    // And a key that is a shortcut on its own cancels the sequence without firing.
    d.handle(key("g"), 20);
    expect(d.handle(key("j"), 30)).toBeNull();
    expect(d.handle(key("j"), 40)).toBe("next");
  });

  it("forgets a g that waited too long", () => {
    const d = new ShortcutDispatcher();
    d.handle(key("g"), 0);
    expect(d.handle(key("a"), SEQUENCE_TIMEOUT_MS + 1)).toBeNull();
    expect(d.handle(key("j"), SEQUENCE_TIMEOUT_MS + 2)).toBe("next");
  });

  it("leaves keys alone while the user types", () => {
    const d = new ShortcutDispatcher();
    expect(d.handle(key("j", { target: el("INPUT", { type: "search" }) }))).toBeNull();
    expect(d.handle(key("s", { target: el("TEXTAREA") }))).toBeNull();
    expect(d.handle(key("/", { target: el("DIV", { isContentEditable: true }) }))).toBeNull();
    expect(d.handle(key("g", { target: el("INPUT", { type: "text" }) }))).toBeNull();
    expect(d.pending).toBe(false);
    // A checkbox takes no text: shortcuts still work there.
    expect(d.handle(key("j", { target: el("INPUT", { type: "checkbox" }) }))).toBe("next");
  });

  it("leaves combinations with Ctrl, Alt or Meta to the system", () => {
    const d = new ShortcutDispatcher();
    expect(d.handle(key("r", { ctrlKey: true }))).toBeNull();
    expect(d.handle(key("s", { metaKey: true }))).toBeNull();
    expect(d.handle(key("j", { altKey: true }))).toBeNull();
  });

  it("lets space press a focused button instead of scrolling", () => {
    const d = new ShortcutDispatcher();
    expect(d.handle(key(" ", { target: el("BUTTON") }))).toBeNull();
    expect(d.handle(key(" ", { target: el("DIV", { role: "menuitem" }) }))).toBeNull();
    expect(d.handle(key(" ", { target: el("DIV", { role: "listbox" }) }))).toBe("scrollDown");
  });

  it("ignores keys that mean nothing", () => {
    expect(new ShortcutDispatcher().handle(key("z"))).toBeNull();
  });
});

describe("isTypingTarget", () => {
  it("knows text fields from other elements", () => {
    expect(isTypingTarget(el("INPUT"))).toBe(true);
    expect(isTypingTarget(el("SELECT"))).toBe(true);
    expect(isTypingTarget(el("BUTTON"))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe("SHORTCUTS", () => {
  it("lists every key the brief requires, once per action", () => {
    const actions = SHORTCUTS.map((s) => s.action);
    expect(new Set(actions).size).toBe(actions.length);
    for (const required of ["next", "prev", "scrollDown", "toggleBookmark", "toggleRead", "openInBrowser", "refresh", "focusSearch", "goAll", "goUnread", "goBookmarks", "help"]) {
      expect(actions).toContain(required);
    }
  });

  it("documents what the dispatcher does", () => {
    // Each listed key, typed as shown, produces the listed action.
    for (const s of SHORTCUTS) {
      const d = new ShortcutDispatcher();
      let result: Action | null = null;
      for (const part of s.keys.split(" ")) {
        const shift = part.startsWith("Shift+");
        const name = shift ? part.slice(6) : part;
        const k = name === "Space" ? " " : shift && name.length === 1 ? name.toUpperCase() : name;
        result = d.handle(key(k, { shiftKey: shift || k === "?" }), 0);
      }
      expect(result, s.keys).toBe(s.action);
    }
  });
});
