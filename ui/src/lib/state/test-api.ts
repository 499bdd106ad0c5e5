// A stand-in for ../api in state tests: every command is a vi.fn with an empty answer,
// which a test points at its own rows (makeRows, filterRows), so tests can both drive
// behaviour and assert the calls made.
import { vi } from "vitest";
import type { ArticleQuery, ArticleRow, CacheInfo, Settings } from "../bindings";
import { DEFAULT_SETTINGS } from "../logic/settings-defaults";
import { feedIconUrl } from "../logic/urls";

export function makeRows(n: number, start = 1): ArticleRow[] {
  return Array.from({ length: n }, (_, i) => ({
    id: start + i,
    feed_id: 1 + (i % 3),
    feed_title: `Feed ${1 + (i % 3)}`,
    title: `Article ${start + i}`,
    author: i % 2 ? "Xinhua" : null,
    published: new Date(Date.UTC(2024, 4, 23) - i * 3_600_000).toISOString(),
    summary: `Summary ${start + i}`,
    read: i % 4 === 0,
    bookmarked: false,
    snippet: null,
  }));
}

export function filterRows(rows: ArticleRow[], q: ArticleQuery): ArticleRow[] {
  return rows.filter(
    (r) =>
      (q.feed_id == null || r.feed_id === q.feed_id) &&
      (q.author == null || r.author === q.author) &&
      (!q.unread || !r.read) &&
      (!q.bookmarked || r.bookmarked),
  );
}

export function apiMock() {
  return {
    listFeeds: vi.fn(async () => []),
    listFolders: vi.fn(async () => []),
    listCategories: vi.fn(async () => []),
    listAuthors: vi.fn(async () => []),
    listArticles: vi.fn(async (_q: ArticleQuery): Promise<ArticleRow[]> => []),
    countArticles: vi.fn(async (_q: ArticleQuery) => 0),
    getArticle: vi.fn(),
    searchArticles: vi.fn(async (_q: string, _limit: number): Promise<ArticleRow[]> => []),
    loadFullArticle: vi.fn(async (_id: number): Promise<null> => null),
    setRead: vi.fn(async (ids: number[]) => ids.length),
    markAllRead: vi.fn(async () => 0),
    setBookmarked: vi.fn(async (ids: number[]) => ids.length),
    addFeed: vi.fn(),
    removeFeed: vi.fn(),
    renameFeed: vi.fn(),
    moveFeed: vi.fn(),
    setFullText: vi.fn(),
    importOpml: vi.fn(),
    exportOpml: vi.fn(),
    refreshFeeds: vi.fn(async () => ({ feeds: [], offline: false })),
    getSettings: vi.fn(async (): Promise<Settings> => ({ ...DEFAULT_SETTINGS })),
    setSettings: vi.fn(async (s: Settings) => s),
    cacheInfo: vi.fn(async (): Promise<CacheInfo> => ({ bytes: 0, images: 0, dir: "/cache/images" })),
    clearImageCache: vi.fn(async (): Promise<null> => null),
    onEvent: vi.fn(async () => () => {}),
    fetchArticleBody: vi.fn(async (_id: number, _signal?: AbortSignal, _version?: "best" | "feed") => "<p>body</p>"),
    feedIconUrl,
    openExternal: vi.fn(async () => true),
    chooseOpmlToImport: vi.fn(async () => null),
    chooseOpmlExportPath: vi.fn(async () => null),
    takeOpenRequest: vi.fn(async (): Promise<string | null> => null),
    probeEnabled: vi.fn(async () => false),
    probeMark: vi.fn(async () => undefined),
    probeReport: vi.fn(async () => undefined),
  };
}
