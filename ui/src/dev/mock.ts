// A fake library for `npm run dev` in a plain browser (no Tauri): lets the UI be seen and
// clicked through without the Rust side. Only loaded in development (see main.ts).
// URL switches: ?empty (first start), ?offline (refresh reports offline, pages cannot be
// fetched), ?articles=N.

import { mockIPC } from "@tauri-apps/api/mocks";
import { DEFAULT_SETTINGS } from "../lib/logic/settings-defaults";
import type {
  ArticleMeta,
  CacheInfo,
  ArticleQuery,
  ArticleRow,
  Feed,
  FeedOutcome,
  NameCount,
  RefreshProgress,
  RefreshReport,
  Settings,
} from "../lib/bindings";

const params = new URLSearchParams(location.search);
const EMPTY = params.has("empty");
const OFFLINE = params.has("offline");
const COUNT = Number(params.get("articles") ?? 2400);

interface Stored extends ArticleMeta {
  summary: string;
  /** Bodies are built when fetched, so they follow the remote_images setting. */
  zh: boolean;
}

const HOUR = 3_600_000;
const now = Date.now();

let nextFeedId = 1;
function feed(
  title: string,
  url: string,
  site: string | null,
  folder: string | null,
  status: Feed["status"] = "ok",
  error: string | null = null,
  extra: Partial<Feed> = {},
): Feed {
  return {
    id: nextFeedId++,
    url,
    title,
    site_url: site,
    folder,
    unread: 0,
    total: 0,
    status,
    last_error: error,
    icon_url: null,
    last_fetched: new Date(now - 2 * HOUR).toISOString(),
    retry_after: null,
    full_text: false,
    icon_cached: false,
    ...extra,
  };
}

let feeds: Feed[] = EMPTY
  ? []
  : [
      feed("Xinhua English", "http://www.news.cn/english/rss/worldrss.xml", "http://english.news.cn/", "World"),
      feed("新华网 · 科技", "http://www.news.cn/tech/rss.xml", "http://www.news.cn/tech/", "World"),
      // Its articles come with their pages' full text. Its icon is "saved", but a plain
      // browser cannot load tidings: URLs, so it shows the letter fallback.
      feed("The Quiet Engineer", "https://quiet.example.org/feed.xml", "https://quiet.example.org/", null, "ok", null, {
        full_text: true,
        icon_cached: true,
      }),
      feed("Circuit Notes", "https://circuit.example.com/atom.xml", "https://circuit.example.com/", "Tech", "error", "connection timed out after 30 s"),
      feed("An Old Blog", "https://old.example.net/rss", "https://old.example.net/", "Tech", "gone", "the server says this feed is gone (HTTP 410)"),
      feed("Field Recordings Weekly", "https://pod.example.com/feed", "https://pod.example.com/", null),
    ];

const PIXEL =
  "data:image/svg+xml;utf8," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675"><defs><linearGradient id="g" x1="0" x2="1" y1="0" y2="1"><stop offset="0" stop-color="#8fb3de"/><stop offset="1" stop-color="#c9d8c5"/></linearGradient></defs><rect width="1200" height="675" fill="url(#g)"/><path d="M0 520 L260 360 L430 470 L700 250 L960 430 L1200 300 L1200 675 L0 675Z" fill="#5f7d6a" opacity=".7"/></svg>',
  );

const LEAD = [
  "Record investment deals signed at a western trade fair",
  "Why quiet software is harder to build than loud software",
  "A field guide to conditional GET",
  "Notes on reading more and scrolling less",
  "The long road to a dependable bus timetable",
  "What the river sounded like at dawn",
  "Ten years of maintaining a small library",
  "How a regional port doubled its throughput",
  "On keeping a reading list that you actually read",
  "A gentle introduction to full-text search",
];
const ZH = ["西部地区投资创新高，多个重大项目集中签约", "人工智能助力制造业转型升级", "新能源汽车出口持续增长", "科技创新推动区域协调发展"];
const AUTHORS = ["Xinhua", "Li Wei", "Maria Okafor", "Jonas Berg", "Ana Ruiz", null];
const CATEGORIES = ["News", "Economy", "Technology", "Culture", "Science", "Travel"];

/** What the shell serves for an image it could not save: the image itself only when the
 * user lets remote images load, else its alt text. */
function missingImage(src: string, alt: string): string {
  return settings.remote_images ? `<img src="${src}" alt="${alt}">` : `<span class="missing-image">${alt}</span>`;
}

/** The page's text, longer than what the feed carried. */
function fullBodyFor(i: number, title: string, zh: boolean): string {
  const more = zh
    ? "<p>（全文）与会代表还参观了当地的智能制造基地和物流园区。</p><p>主办方表示，明年的博览会将进一步扩大规模。</p>"
    : `<p><em>The full article from the page.</em> Delegates also toured the new logistics park, where the first trains are due next spring.</p>
<p>${missingImage("https://quiet.example.org/img/park.jpg", "The logistics park under construction")}</p>
<p>Organisers expect next year's fair to be larger still, with a hall given over entirely to small firms.</p>`;
  return bodyFor(i, title, zh) + more;
}

function bodyFor(i: number, title: string, zh: boolean): string {
  if (zh) {
    return `<p>${title}。在为期四天的博览会上，来自四十个国家和地区的一千七百多家企业参展，签约项目涵盖智能网联新能源汽车、智能装备和现代金融等领域。</p>
<p>专家表示，西部地区在生产要素成本和发展潜力方面具有显著优势，扩大开放将为区域经济注入持续动力。</p>
<blockquote><p>“开放带来互利共赢。”一位与会代表说。</p></blockquote>
<p>据统计，二〇二三年西部地区进出口总额达三点七万亿元，较二〇一九年增长百分之三十七。</p>`;
  }
  return `<p>The fair opened on a grey morning, and by noon the hall was loud with the particular optimism of people signing things. ${title} is, in the end, a story about patience: most of the projects announced this week were years in the making.</p>
<figure><img src="${PIXEL}" alt="Hills above the river valley at dawn" width="1200" height="675"><figcaption>The valley east of the city, where several of the new plants will be built.</figcaption></figure>
<p>Organisers said more than <strong>1,700 companies</strong> from 40 countries took part, and that the contracts signed cover <a href="https://example.org/energy">new energy vehicles</a>, smart equipment and modern finance.<sup><a href="#note-${i}">1</a></sup></p>
<h2>What changes for the region</h2>
<p>Economists point to three things: cheaper factors of production, better transport links, and a policy push that has been unusually consistent.</p>
<ul><li>Rail freight times to the coast have fallen by a third.</li><li>Two new bonded logistics zones opened last year.</li><li>Local universities now run joint labs with manufacturers.</li></ul>
<blockquote><p>“Opening up leads to mutual benefit,” one delegate said, “but only if the roads are finished first.”</p></blockquote>
<p>Not everything is settled. A long table of figures circulated at the fair:</p>
<table><thead><tr><th>Year</th><th>Trade volume (trillion yuan)</th><th>Change</th><th>Notes on the methodology used by the provincial statistics bureau</th></tr></thead><tbody><tr><td>2019</td><td>2.7</td><td>—</td><td>baseline</td></tr><tr><td>2023</td><td>3.7</td><td>+37%</td><td>includes re-exports</td></tr></tbody></table>
<p>For the technically minded, the organisers even published their scheduling script:</p>
<pre><code>for project in signed_projects:
    if project.region == "west" and project.value_cny &gt; 1_000_000_000:
        schedule_site_visit(project, within_days=30)  # a deliberately long line to show horizontal scrolling in code blocks
</code></pre>
<p>An image that could not be saved keeps its words: ${missingImage("https://invalid.example/missing.png", "Chart: trade volume by year")}</p>
<p id="note-${i}"><small>1. Figures from the fair's closing press conference.</small></p>`;
}

let settings: Settings = { ...DEFAULT_SETTINGS };

let cache: CacheInfo = EMPTY
  ? { bytes: 0, images: 0, dir: "/home/reader/.cache/tidings/images" }
  : { bytes: 56_712_334, images: 1234, dir: "/home/reader/.cache/tidings/images" };

const store: Stored[] = [];
if (!EMPTY) {
  for (let i = 0; i < COUNT; i++) {
    const f = feeds[i % feeds.length];
    const zh = f.title.startsWith("新华");
    const title = zh ? ZH[i % ZH.length] : LEAD[i % LEAD.length] + (i >= LEAD.length ? ` (${Math.floor(i / LEAD.length) + 1})` : "");
    const author = zh ? "新华社" : AUTHORS[i % AUTHORS.length];
    const published = new Date(now - i * 0.37 * HOUR - (i % 7) * 60_000).toISOString();
    const podcast = f.title.startsWith("Field");
    store.push({
      id: i + 1,
      feed_id: f.id,
      feed_title: f.title,
      site_url: f.site_url,
      url: `${f.site_url}articles/${i + 1}`,
      title,
      author,
      author_email: author === "Xinhua" ? "english@news.example.cn" : null,
      author_url: author && author !== "Xinhua" ? `${f.site_url}people/${encodeURIComponent(author)}` : null,
      published,
      updated: null,
      categories: i % 3 === 0 ? [CATEGORIES[i % CATEGORIES.length]] : [CATEGORIES[i % CATEGORIES.length], CATEGORIES[(i + 2) % CATEGORIES.length]],
      comments_url: i % 2 === 0 ? `${f.site_url}articles/${i + 1}#comments` : null,
      enclosures: podcast ? [{ url: `https://pod.example.com/audio/episode-${i + 1}.mp3`, mime_type: "audio/mpeg", length: 48_213_004 }] : [],
      read: i > 40 && i % 5 !== 0,
      bookmarked: i % 17 === 3,
      summary: zh
        ? "在为期四天的博览会上，来自四十个国家和地区的一千七百多家企业参展，签约项目涵盖多个领域。"
        : "The fair opened on a grey morning, and by noon the hall was loud with the particular optimism of people signing things; most projects were years in the making.",
      zh,
      has_full_text: f.full_text,
      // Now and then a page had nothing to extract.
      full_text_error: !f.full_text && i % 11 === 5 ? "the page has no readable article text" : null,
    });
  }
}


function recount(): void {
  feeds = feeds.map((f) => {
    const mine = store.filter((a) => a.feed_id === f.id);
    return { ...f, total: mine.length, unread: mine.filter((a) => !a.read).length };
  });
}
recount();

function matches(a: Stored, q: ArticleQuery): boolean {
  if (q.feed_id != null && a.feed_id !== q.feed_id) return false;
  if (q.folder != null && feeds.find((f) => f.id === a.feed_id)?.folder !== q.folder) return false;
  if (q.category != null && !a.categories.includes(q.category)) return false;
  if (q.author != null && a.author !== q.author) return false;
  if (q.unread && a.read) return false;
  if (q.bookmarked && !a.bookmarked) return false;
  return true;
}

function row(a: Stored, snippet: string | null = null): ArticleRow {
  return {
    id: a.id,
    feed_id: a.feed_id,
    feed_title: a.feed_title,
    title: a.title,
    author: a.author,
    published: a.published,
    summary: a.summary,
    read: a.read,
    bookmarked: a.bookmarked,
    snippet,
  };
}

function meta(a: Stored): ArticleMeta {
  const { summary: _s, zh: _z, ...m } = a;
  return m;
}

function names(pick: (a: Stored) => string[]): NameCount[] {
  const map = new Map<string, NameCount>();
  for (const a of store) {
    for (const name of pick(a)) {
      const n = map.get(name) ?? { name, count: 0, unread: 0 };
      n.count++;
      if (!a.read) n.unread++;
      map.set(name, n);
    }
  }
  return [...map.values()];
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function emit(event: string, payload: unknown): void {
  const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke: (c: string, a: unknown) => Promise<unknown> } }).__TAURI_INTERNALS__;
  void internals.invoke("plugin:event|emit", { event, payload });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function refresh(feedId: number | null): Promise<RefreshReport> {
  const targets = feeds.filter((f) => feedId == null || f.id === feedId);
  emit("refresh-progress", { kind: "started", total: targets.length } satisfies RefreshProgress);
  const outcomes: FeedOutcome[] = [];
  for (const [i, f] of targets.entries()) {
    await sleep(220);
    const failed = OFFLINE || f.status !== "ok";
    const outcome: FeedOutcome = {
      feed_id: f.id,
      url: f.url,
      title: f.title,
      outcome: OFFLINE ? "error" : f.status === "gone" ? "gone" : failed ? "error" : i % 2 ? "not_modified" : "updated",
      new: failed ? 0 : i % 2 ? 0 : 2,
      updated: 0,
      error: OFFLINE ? "network unreachable" : f.last_error,
      error_kind: OFFLINE ? "network" : failed ? "http" : null,
      retry_after: null,
    };
    outcomes.push(outcome);
    emit("refresh-progress", { kind: "feed_done", done: i + 1, total: targets.length, feed: outcome } satisfies RefreshProgress);
  }
  emit("refresh-progress", { kind: "finished", total: targets.length } satisfies RefreshProgress);
  const fresh = outcomes.reduce((n, o) => n + o.new, 0);
  const images = OFFLINE ? 0 : 3 * fresh;
  cache = { ...cache, images: cache.images + images, bytes: cache.bytes + images * 180_000 };
  const report: RefreshReport = {
    feeds: outcomes,
    offline: OFFLINE,
    offline_copy: OFFLINE ? null : { articles: fresh, full_texts: Math.floor(fresh / 2), full_text_errors: 0, images, image_errors: 1, image_bytes: images * 180_000, failed: [] },
    cleanup: OFFLINE ? null : { articles: 0, images: 0 },
    after_store_errors: [],
  };
  emit("refresh-finished", report);
  return report;
}

type Args = Record<string, unknown>;

mockIPC(
  async (cmd, raw) => {
    const args = (raw ?? {}) as Args;
    const q = (args.query ?? {}) as ArticleQuery;
    switch (cmd) {
      case "list_feeds":
        return feeds;
      case "list_folders":
        return names((a) => {
          const folder = feeds.find((f) => f.id === a.feed_id)?.folder;
          return folder ? [folder] : [];
        });
      case "list_categories":
        return names((a) => a.categories);
      case "list_authors":
        return names((a) => (a.author ? [a.author] : []));
      case "list_articles": {
        const offset = q.offset ?? 0;
        const limit = q.limit ?? 100;
        await sleep(30);
        return store.filter((a) => matches(a, q)).slice(offset, offset + limit).map((a) => row(a));
      }
      case "count_articles":
        return store.filter((a) => matches(a, q)).length;
      case "get_article": {
        const a = store.find((x) => x.id === args.id);
        if (!a) throw { kind: "not_found", message: `no article ${String(args.id)}` };
        return meta(a);
      }
      case "load_full_article": {
        const a = store.find((x) => x.id === args.id);
        if (!a) throw { kind: "not_found", message: `no article ${String(args.id)}` };
        await sleep(1200);
        if (OFFLINE) throw { kind: "network", message: `could not reach ${new URL(a.url!).hostname}` };
        if (a.id % 13 === 0) {
          a.full_text_error = "the page has no readable article text";
          throw { kind: "invalid", message: a.full_text_error };
        }
        a.has_full_text = true;
        a.full_text_error = null;
        return null;
      }
      case "search_articles": {
        const text = String(args.query).toLowerCase().replace(/"/g, "").trim();
        const words = text.split(/\s+/).filter((w) => w && !w.includes(":"));
        const hits = store.filter((a) => words.every((w) => (a.title + " " + a.summary).toLowerCase().includes(w)));
        return hits.slice(0, Number(args.limit)).map((a) => {
          let snippet = escape(`${a.title} — ${a.summary}`);
          for (const w of words) snippet = snippet.replace(new RegExp(`(${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")})`, "gi"), "<mark>$1</mark>");
          return row(a, snippet);
        });
      }
      case "set_read": {
        const ids = new Set(args.ids as number[]);
        store.forEach((a) => ids.has(a.id) && (a.read = args.read as boolean));
        recount();
        setTimeout(() => emit("articles-changed", null), 50);
        return ids.size;
      }
      case "set_bookmarked": {
        const ids = new Set(args.ids as number[]);
        store.forEach((a) => ids.has(a.id) && (a.bookmarked = args.bookmarked as boolean));
        setTimeout(() => emit("articles-changed", null), 50);
        return ids.size;
      }
      case "mark_all_read": {
        let n = 0;
        store.forEach((a) => {
          if (matches(a, q) && !a.read) {
            a.read = true;
            n++;
          }
        });
        recount();
        setTimeout(() => emit("articles-changed", null), 50);
        return n;
      }
      case "add_feed": {
        await sleep(900);
        const url = String(args.url);
        if (/fail|nothing/.test(url)) throw { kind: "no_feed_found", message: `no feed found at ${url}` };
        const f = feed(new URL(url.includes("://") ? url : `https://${url}`).hostname, url, url, (args.folder as string | null) ?? null);
        feeds = [...feeds, f];
        return { feed: f, new: 0, already_subscribed: false };
      }
      case "remove_feed": {
        const f = feeds.find((x) => x.id === args.id)!;
        feeds = feeds.filter((x) => x.id !== args.id);
        return f;
      }
      case "rename_feed":
      case "move_feed": {
        const i = feeds.findIndex((x) => x.id === args.id);
        feeds[i] =
          cmd === "rename_feed"
            ? { ...feeds[i], title: (args.title as string | null) ?? feeds[i].url }
            : { ...feeds[i], folder: (args.folder as string | null) ?? null };
        feeds = [...feeds];
        return feeds[i];
      }
      case "set_full_text": {
        const i = feeds.findIndex((x) => x.id === args.id);
        feeds[i] = { ...feeds[i], full_text: Boolean(args.on) };
        feeds = [...feeds];
        return feeds[i];
      }
      case "import_opml":
        return {
          added: [{ url: "https://new.example.com/feed", title: "New Example", site_url: null, folder: "Imported" }],
          duplicates: ["https://quiet.example.org/feed.xml"],
          skipped: [{ entry: "Broken entry", reason: "no xmlUrl attribute" }],
        };
      case "export_opml":
        return feeds.length;
      case "refresh_feeds":
        return refresh((args.feedId as number | null) ?? null);
      case "get_settings":
        return settings;
      case "set_settings":
        settings = args.settings as Settings;
        return settings;
      case "cache_info":
        await sleep(120);
        return cache;
      case "clear_image_cache":
        await sleep(600);
        cache = { ...cache, bytes: 0, images: 0 };
        return null;
      case "plugin:dialog|open":
        return "/home/reader/subscriptions.opml";
      case "plugin:dialog|save":
        return "/home/reader/Tidings subscriptions.opml";
      case "plugin:opener|open_url":
        console.info("[mock] open", args.url);
        return null;
      default:
        throw { kind: "unknown_command", message: `the mock has no ${cmd}` };
    }
  },
  { shouldMockEvents: true },
);

// The article body comes over the custom protocol in the app; here, from the store.
const realFetch = window.fetch.bind(window);
window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
  const url = String(input instanceof Request ? input.url : input);
  const m = /^(?:tidings:\/\/localhost|http:\/\/tidings\.localhost)\/article\/(\d+)(\?version=feed)?$/.exec(url);
  if (!m) return realFetch(input, init);
  const a = store.find((x) => x.id === Number(m[1]));
  if (!a) return new Response("", { status: 404 });
  // The default is the best version: the full text once extracted.
  const body = !m[2] && a.has_full_text ? fullBodyFor(a.id - 1, a.title, a.zh) : bodyFor(a.id - 1, a.title, a.zh);
  return new Response(body, { headers: { "content-type": "text/html; charset=utf-8" } });
};

// The shell refreshes once at start.
if (!EMPTY) setTimeout(() => void refresh(null), 1500);
