import type { Feed, NameCount } from "../bindings";

export interface FolderNode {
  name: string;
  feeds: Feed[];
  unread: number;
}

export interface FeedTree {
  folders: FolderNode[];
  /** Feeds in no folder, shown after the folders. */
  loose: Feed[];
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

/** Folders (sorted) holding their feeds (sorted by title), then feeds without a folder. */
export function buildTree(feeds: readonly Feed[]): FeedTree {
  const groups = new Map<string, Feed[]>();
  const loose: Feed[] = [];
  for (const feed of feeds) {
    const folder = feed.folder?.trim();
    if (!folder) {
      loose.push(feed);
      continue;
    }
    let list = groups.get(folder);
    if (!list) groups.set(folder, (list = []));
    list.push(feed);
  }
  const byTitle = (a: Feed, b: Feed) => collator.compare(a.title || a.url, b.title || b.url);
  const folders = [...groups.entries()]
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([name, list]) => ({
      name,
      feeds: list.sort(byTitle),
      unread: list.reduce((sum, f) => sum + f.unread, 0),
    }));
  return { folders, loose: loose.sort(byTitle) };
}

/** Names for the sidebar's Categories/Authors: most-used first, then by name. */
export function sortByCount(items: readonly NameCount[]): NameCount[] {
  return [...items].sort((a, b) => b.count - a.count || collator.compare(a.name, b.name));
}

/** A short, stable hue for a feed's letter avatar (we never load remote icons). */
export function hueFor(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h % 360;
}

/** Icons the webview may show without touching the network: ones the shell serves or inlines. */
export function isLocalIcon(url: string | null | undefined): url is string {
  return !!url && (/^tidings:/i.test(url) || /^http:\/\/tidings\.localhost\//i.test(url) || /^data:image\//i.test(url));
}
