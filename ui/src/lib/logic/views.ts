import type { ArticleQuery } from "../bindings";

/** What the article list shows. Everything but search maps onto an ArticleQuery. */
export type View =
  | { kind: "all" }
  | { kind: "unread" }
  | { kind: "bookmarks" }
  | { kind: "feed"; feedId: number }
  | { kind: "folder"; name: string }
  | { kind: "category"; name: string }
  | { kind: "author"; name: string }
  | { kind: "search"; query: string };

export type ListView = Exclude<View, { kind: "search" }>;

export const ALL: ListView = { kind: "all" };
export const UNREAD: ListView = { kind: "unread" };
export const BOOKMARKS: ListView = { kind: "bookmarks" };

/** The list_articles/count_articles/mark_all_read query for a view (without paging). */
export function viewQuery(view: ListView): ArticleQuery {
  switch (view.kind) {
    case "all":
      return {};
    case "unread":
      return { unread: true };
    case "bookmarks":
      return { bookmarked: true };
    case "feed":
      return { feed_id: view.feedId };
    case "folder":
      return { folder: view.name };
    case "category":
      return { category: view.name };
    case "author":
      return { author: view.name };
  }
}

export function pagedQuery(view: ListView, offset: number, limit: number): ArticleQuery {
  return { ...viewQuery(view), limit, offset };
}

/** A stable string identity, for comparing views and keying caches. */
export function viewKey(view: View): string {
  switch (view.kind) {
    case "all":
    case "unread":
    case "bookmarks":
      return view.kind;
    case "feed":
      return `feed:${view.feedId}`;
    case "search":
      return `search:${view.query}`;
    default:
      return `${view.kind}:${view.name}`;
  }
}

export function sameView(a: View | null | undefined, b: View | null | undefined): boolean {
  return !!a && !!b && viewKey(a) === viewKey(b);
}

/** The list header's title. */
export function viewTitle(view: View, feedTitle: (id: number) => string | undefined = () => undefined): string {
  switch (view.kind) {
    case "all":
      return "All articles";
    case "unread":
      return "Unread";
    case "bookmarks":
      return "Bookmarks";
    case "feed":
      return feedTitle(view.feedId) ?? "Feed";
    case "folder":
      return view.name;
    case "category":
      return view.name;
    case "author":
      return `Other posts by ${view.name}`;
    case "search":
      return `Results for “${view.query}”`;
  }
}

/** What an empty list says, per view: a hint of what would fill it. */
export function emptyMessage(view: View): string {
  switch (view.kind) {
    case "unread":
      return "All caught up. Nothing unread.";
    case "bookmarks":
      return "No bookmarks yet. Press S on an article to keep it here.";
    case "search":
      return "No articles match this search.";
    case "feed":
      return "This feed has no articles yet. Try refreshing it.";
    default:
      return "No articles here yet.";
  }
}
