// Keyboard shortcuts: one table (shown by `?`) and a dispatcher that turns key events into
// actions, including the two-key "g then a/u/b" sequences.

export type Action =
  | "next"
  | "prev"
  | "scrollDown"
  | "scrollUp"
  | "toggleBookmark"
  | "toggleRead"
  | "openInBrowser"
  | "refresh"
  | "focusSearch"
  | "goAll"
  | "goUnread"
  | "goBookmarks"
  | "markAllRead"
  | "addFeed"
  | "settings"
  | "help"
  | "escape";

export interface Shortcut {
  /** Keys as shown to people; a space separates the keys of a sequence. */
  keys: string;
  action: Action;
  description: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: "j", action: "next", description: "Next article" },
  { keys: "k", action: "prev", description: "Previous article" },
  { keys: "Space", action: "scrollDown", description: "Scroll the article down" },
  { keys: "Shift+Space", action: "scrollUp", description: "Scroll the article up" },
  { keys: "s", action: "toggleBookmark", description: "Bookmark or unbookmark" },
  { keys: "m", action: "toggleRead", description: "Mark read or unread" },
  { keys: "o", action: "openInBrowser", description: "Open in browser" },
  { keys: "Shift+A", action: "markAllRead", description: "Mark all in this list as read" },
  { keys: "r", action: "refresh", description: "Refresh all feeds" },
  { keys: "/", action: "focusSearch", description: "Search articles" },
  { keys: "g a", action: "goAll", description: "Go to All articles" },
  { keys: "g u", action: "goUnread", description: "Go to Unread" },
  { keys: "g b", action: "goBookmarks", description: "Go to Bookmarks" },
  { keys: "n", action: "addFeed", description: "Add a feed" },
  { keys: ",", action: "settings", description: "Settings" },
  { keys: "?", action: "help", description: "Show keyboard shortcuts" },
  { keys: "Escape", action: "escape", description: "Close a dialog or clear the search" },
];

/** The parts of a KeyboardEvent the dispatcher looks at (so tests need no DOM). */
export interface KeyInput {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  target?: unknown;
}

const SINGLE: Record<string, Action> = {
  j: "next",
  k: "prev",
  s: "toggleBookmark",
  m: "toggleRead",
  o: "openInBrowser",
  r: "refresh",
  "/": "focusSearch",
  "?": "help",
  A: "markAllRead",
  n: "addFeed",
  ",": "settings",
  Escape: "escape",
};

const AFTER_G: Record<string, Action> = {
  a: "goAll",
  u: "goUnread",
  b: "goBookmarks",
};

/** How long the "g" of a sequence waits for its second key. */
export const SEQUENCE_TIMEOUT_MS = 1500;

/** True when keys belong to what the user is typing into (inputs, text areas, selects,
 * contenteditable), so single-letter shortcuts must not fire. */
export function isTypingTarget(target: unknown): boolean {
  if (!target || typeof target !== "object") return false;
  const el = target as { tagName?: unknown; isContentEditable?: unknown; type?: unknown };
  if (el.isContentEditable === true) return true;
  const tag = typeof el.tagName === "string" ? el.tagName.toUpperCase() : "";
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") {
    const type = typeof el.type === "string" ? el.type.toLowerCase() : "text";
    // Buttons-like inputs take no text; everything else does.
    return !["button", "submit", "reset", "checkbox", "radio", "range", "color", "file", "image"].includes(type);
  }
  return false;
}

const ACTIVATABLE_TAGS = new Set(["BUTTON", "A", "SUMMARY", "AUDIO", "VIDEO"]);
const ACTIVATABLE_ROLES = new Set(["button", "link", "menuitem", "checkbox", "radio", "switch", "tab", "option"]);

/** True for controls that Space activates; Space must keep doing that there. */
export function isActivatableTarget(target: unknown): boolean {
  if (!target || typeof target !== "object") return false;
  const el = target as { tagName?: unknown; getAttribute?: unknown };
  const tag = typeof el.tagName === "string" ? el.tagName.toUpperCase() : "";
  if (ACTIVATABLE_TAGS.has(tag)) return true;
  const role = typeof el.getAttribute === "function" ? (el.getAttribute as (n: string) => string | null).call(el, "role") : null;
  return role != null && ACTIVATABLE_ROLES.has(role);
}

export class ShortcutDispatcher {
  #pendingG = false;
  #pendingAt = 0;

  /** True between a "g" and its second key (for a quiet on-screen hint). */
  get pending(): boolean {
    return this.#pendingG;
  }

  /** The action for a key press, or null to let the key do its default thing. */
  handle(ev: KeyInput, now: number = Date.now()): Action | null {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) {
      this.#pendingG = false;
      return null;
    }
    if (isTypingTarget(ev.target)) return null;
    const key = ev.key;

    if (this.#pendingG) {
      this.#pendingG = false;
      if (now - this.#pendingAt <= SEQUENCE_TIMEOUT_MS) {
        const action = AFTER_G[key];
        if (action) return action;
        // A stray key after "g" cancels the sequence; Escape still means Escape.
        return key === "Escape" ? "escape" : null;
      }
    }

    if (key === "g" && !ev.shiftKey) {
      this.#pendingG = true;
      this.#pendingAt = now;
      return null;
    }
    if (key === " " || key === "Spacebar") {
      if (isActivatableTarget(ev.target)) return null;
      return ev.shiftKey ? "scrollUp" : "scrollDown";
    }
    return SINGLE[key] ?? null;
  }

  reset(): void {
    this.#pendingG = false;
  }
}
