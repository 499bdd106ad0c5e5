//! Reads: everything the faces show is a query over the library file.

use super::write::CATEGORY_SEPARATOR;
use crate::error::{Error, Result};
use crate::parse::date::format_rfc3339;
use crate::parse::html_escape;
use crate::query::search::{like_pattern, SearchQuery};
use crate::query::snippet::Highlighter;
use crate::query::{ArticleFilter, Conditions, FeedRef};
use crate::view::{Article, ArticleMeta, ArticleRow, Feed, FeedStatus, NameCount};
use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension, Row};

const ARTICLE_COLUMNS: &str = "a.id, a.feed_id, coalesce(f.custom_title, f.title, a.origin_title, f.url), a.guid, a.url, a.title,
    au.name, au.email, au.uri, a.published, a.updated, a.summary, a.content_html, a.comments_url, a.enclosures, a.read, a.bookmarked,
    (SELECT group_concat(k.name, char(31)) FROM article_categories ac JOIN categories k ON k.id = ac.category_id WHERE ac.article_id = a.id)";

const ARTICLE_JOINS: &str = "LEFT JOIN feeds f ON f.id = a.feed_id LEFT JOIN authors au ON au.id = a.author_id";

fn time(t: Option<i64>) -> Option<String> {
    t.and_then(|t| DateTime::<Utc>::from_timestamp(t, 0)).map(|d| format_rfc3339(&d))
}

/// The categories column of a query (names joined by the separator).
fn category_names(joined: Option<String>) -> Vec<String> {
    joined.map(|c| c.split(CATEGORY_SEPARATOR).map(str::to_string).collect()).unwrap_or_default()
}

/// The enclosures column (JSON).
fn enclosures(json: Option<String>) -> Vec<crate::view::Enclosure> {
    json.and_then(|e| serde_json::from_str(&e).ok()).unwrap_or_default()
}

fn article_from_row(r: &Row) -> rusqlite::Result<Article> {
    Ok(Article {
        id: r.get(0)?,
        feed_id: r.get(1)?,
        feed_title: r.get(2)?,
        guid: r.get(3)?,
        url: r.get(4)?,
        title: r.get(5)?,
        author: r.get(6)?,
        author_email: r.get(7)?,
        author_url: r.get(8)?,
        published: time(r.get(9)?),
        updated: time(r.get(10)?),
        summary: r.get(11)?,
        content_html: r.get(12)?,
        comments_url: r.get(13)?,
        enclosures: enclosures(r.get(14)?),
        read: r.get(15)?,
        bookmarked: r.get(16)?,
        categories: category_names(r.get(17)?),
        snippet: None,
    })
}

/// The columns `feed_from_row` reads, for `feeds` and `feed`.
macro_rules! feed_select {
    () => {
        "SELECT f.id, f.url, coalesce(f.custom_title, f.title, f.url) AS t, f.site_url, fo.name,
                (SELECT count(*) FROM articles a WHERE a.feed_id = f.id AND a.read = 0),
                (SELECT count(*) FROM articles a WHERE a.feed_id = f.id),
                f.status, f.last_error, f.icon_url, f.last_fetched_at, f.retry_after,
                coalesce(f.full_text, 0), f.icon_hash IS NOT NULL
         FROM feeds f LEFT JOIN folders fo ON fo.id = f.folder_id"
    };
}

fn feed_from_row(r: &rusqlite::Row, now: i64) -> rusqlite::Result<Feed> {
    Ok(Feed {
        id: r.get(0)?,
        url: r.get(1)?,
        title: r.get(2)?,
        site_url: r.get(3)?,
        folder: r.get(4)?,
        unread: r.get(5)?,
        total: r.get(6)?,
        status: FeedStatus::from_column(&r.get::<_, String>(7)?),
        last_error: r.get(8)?,
        icon_url: r.get(9)?,
        last_fetched: time(r.get(10)?),
        retry_after: time(r.get::<_, Option<i64>>(11)?.filter(|t| *t > now)),
        full_text: r.get(12)?,
        icon_cached: r.get(13)?,
    })
}

/// Every subscription with its counts, by folder then title.
pub fn feeds(conn: &Connection) -> Result<Vec<Feed>> {
    let mut stmt = conn.prepare_cached(concat!(
        feed_select!(),
        " ORDER BY fo.name IS NOT NULL, fo.name COLLATE NOCASE, t COLLATE NOCASE, f.id"
    ))?;
    let now = super::now();
    let rows = stmt.query_map([], |r| feed_from_row(r, now))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One feed. (Counting every feed to find one cost 20 ms at 2,000 feeds, on each article opened.)
pub fn feed(conn: &Connection, id: i64) -> Result<Feed> {
    let now = super::now();
    conn.prepare_cached(concat!(feed_select!(), " WHERE f.id = ?1"))?
        .query_row([id], |r| feed_from_row(r, now))
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "feed", name: id.to_string() })
}

/// The id of a feed named by id or URL: the one lookup every caller uses.
/// A URL matches by its identity (store/identity.rs: `https://site/feed/`
/// finds `https://site/feed`); should an old library hold two URLs of one
/// identity, the exact one wins, else the oldest.
pub fn find_feed(conn: &Connection, feed: &FeedRef) -> Result<i64> {
    find_feed_opt(conn, feed)?.ok_or_else(|| Error::NotFound { what: "feed", name: feed.to_string() })
}

/// Like [`find_feed`], None when there is no such feed.
pub fn find_feed_opt(conn: &Connection, feed: &FeedRef) -> Result<Option<i64>> {
    Ok(match feed {
        FeedRef::Id(id) => {
            conn.prepare_cached("SELECT id FROM feeds WHERE id = ?1")?.query_row([id], |r| r.get(0)).optional()?
        }
        FeedRef::Url(url) => conn
            .prepare_cached("SELECT id FROM feeds WHERE url_key = ?1 ORDER BY url = ?2 DESC, id LIMIT 1")?
            .query_row([super::url_key(url), url.trim().to_string()], |r| r.get(0))
            .optional()?,
    })
}

/// A feed as a refresh needs it.
pub struct FeedToFetch {
    pub id: i64,
    pub url: String,
    pub title: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub body_hash: Option<i64>,
    pub status: FeedStatus,
    pub retry_after: Option<i64>,
}

/// The feeds a refresh fetches: all of them, or `only` that one.
pub fn feeds_to_fetch(conn: &Connection, only: Option<i64>) -> Result<Vec<FeedToFetch>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, url, coalesce(custom_title, title, url), etag, last_modified, body_hash, status, retry_after
         FROM feeds WHERE ?1 IS NULL OR id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([only], |r| {
        Ok(FeedToFetch {
            id: r.get(0)?,
            url: r.get(1)?,
            title: r.get(2)?,
            etag: r.get(3)?,
            last_modified: r.get(4)?,
            body_hash: r.get(5)?,
            status: FeedStatus::from_column(&r.get::<_, String>(6)?),
            retry_after: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Folders with their article counts (and unread counts).
pub fn folders(conn: &Connection) -> Result<Vec<NameCount>> {
    names(
        conn,
        "SELECT fo.name, count(a.id), coalesce(sum(a.read = 0), 0) FROM folders fo
         LEFT JOIN feeds f ON f.folder_id = fo.id LEFT JOIN articles a ON a.feed_id = f.id
         GROUP BY fo.id ORDER BY fo.name COLLATE NOCASE",
    )
}

/// Categories with their article counts.
pub fn categories(conn: &Connection) -> Result<Vec<NameCount>> {
    names(
        conn,
        "SELECT k.name, count(*), coalesce(sum(a.read = 0), 0) FROM categories k
         JOIN article_categories ac ON ac.category_id = k.id
         JOIN articles a INDEXED BY articles_facts ON a.id = ac.article_id
         GROUP BY k.id ORDER BY k.name COLLATE NOCASE",
    )
}

/// Authors with their article counts.
pub fn authors(conn: &Connection) -> Result<Vec<NameCount>> {
    names(
        conn,
        "SELECT au.name, count(*), coalesce(sum(a.read = 0), 0) FROM authors au JOIN articles a ON a.author_id = au.id
         GROUP BY au.id ORDER BY au.name COLLATE NOCASE",
    )
}

fn names(conn: &Connection, sql: &str) -> Result<Vec<NameCount>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([], |r| Ok(NameCount { name: r.get(0)?, count: r.get(1)?, unread: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Articles matching a filter, newest first.
pub fn articles(conn: &Connection, filter: &ArticleFilter) -> Result<Vec<Article>> {
    let c = filter.conditions();
    query_articles(conn, &c, "ORDER BY a.sort_date DESC, a.id DESC", filter.limit, filter.offset)
}

fn query_articles(
    conn: &Connection,
    c: &Conditions,
    order: &str,
    limit: Option<usize>,
    offset: Option<usize>,
) -> Result<Vec<Article>> {
    let sql = format!(
        "SELECT {ARTICLE_COLUMNS} FROM articles a {ARTICLE_JOINS} {} {order} LIMIT {} OFFSET {}",
        c.where_sql(),
        limit.map_or(-1, |l| l as i64),
        offset.unwrap_or(0)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(c.params.iter()), article_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// List rows: the article columns without the content.
pub fn article_rows(conn: &Connection, filter: &ArticleFilter) -> Result<Vec<ArticleRow>> {
    let c = filter.conditions();
    let sql = format!(
        "SELECT a.id, a.feed_id, coalesce(f.custom_title, f.title, a.origin_title, f.url), a.title, au.name,
                coalesce(a.published, a.updated), a.summary, a.read, a.bookmarked
         FROM articles a {ARTICLE_JOINS} {} ORDER BY a.sort_date DESC, a.id DESC LIMIT {} OFFSET {}",
        c.where_sql(),
        filter.limit.map_or(-1, |l| l as i64),
        filter.offset.unwrap_or(0)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(c.params.iter()), |r| {
        Ok(ArticleRow {
            id: r.get(0)?,
            feed_id: r.get(1)?,
            feed_title: r.get(2)?,
            title: r.get(3)?,
            author: r.get(4)?,
            published: time(r.get(5)?),
            summary: r.get(6)?,
            read: r.get(7)?,
            bookmarked: r.get(8)?,
            snippet: None,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many articles match a filter.
pub fn count_articles(conn: &Connection, filter: &ArticleFilter) -> Result<i64> {
    let c = filter.conditions();
    let sql = format!("SELECT count(*) FROM articles a {ARTICLE_JOINS} {}", c.where_sql());
    Ok(conn.prepare_cached(&sql)?.query_row(params_from_iter(c.params.iter()), |r| r.get(0))?)
}

/// An article's sanitized HTML.
pub fn article_content(conn: &Connection, id: i64) -> Result<String> {
    conn.prepare_cached("SELECT content_html FROM articles WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "article", name: id.to_string() })
}

/// The ids of the articles matching a filter (for "mark all read").
pub fn article_ids(conn: &Connection, filter: &ArticleFilter) -> Result<Vec<i64>> {
    let c = filter.conditions();
    let sql = format!("SELECT a.id FROM articles a {ARTICLE_JOINS} {}", c.where_sql());
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(c.params.iter()), |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One article.
pub fn article(conn: &Connection, id: i64) -> Result<Article> {
    let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles a {ARTICLE_JOINS} WHERE a.id = ?1");
    conn.prepare_cached(&sql)?
        .query_row([id], article_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "article", name: id.to_string() })
}

/// Everything the reader shows around an article's body, in one query that
/// reads neither its HTML nor the feed's counts.
pub fn article_meta(conn: &Connection, id: i64) -> Result<ArticleMeta> {
    conn.prepare_cached(
        "SELECT a.id, a.feed_id, coalesce(f.custom_title, f.title, a.origin_title, f.url), f.site_url, a.url, a.title,
                au.name, au.email, au.uri, a.published, a.updated, a.comments_url, a.enclosures, a.read, a.bookmarked,
                a.full_html IS NOT NULL, a.full_error,
                (SELECT group_concat(k.name, char(31)) FROM article_categories ac JOIN categories k ON k.id = ac.category_id
                 WHERE ac.article_id = a.id)
         FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id LEFT JOIN authors au ON au.id = a.author_id
         WHERE a.id = ?1",
    )?
    .query_row([id], |r| {
        Ok(ArticleMeta {
            id: r.get(0)?,
            feed_id: r.get(1)?,
            feed_title: r.get(2)?,
            site_url: r.get(3)?,
            url: r.get(4)?,
            title: r.get(5)?,
            author: r.get(6)?,
            author_email: r.get(7)?,
            author_url: r.get(8)?,
            published: time(r.get(9)?),
            updated: time(r.get(10)?),
            comments_url: r.get(11)?,
            enclosures: enclosures(r.get(12)?),
            read: r.get(13)?,
            bookmarked: r.get(14)?,
            has_full_text: r.get(15)?,
            full_text_error: r.get(16)?,
            categories: category_names(r.get(17)?),
        })
    })
    .optional()?
    .ok_or_else(|| Error::NotFound { what: "article", name: id.to_string() })
}

/// The first of `ids` that names no article, if any.
pub fn missing_article(conn: &Connection, ids: &[i64]) -> Result<Option<i64>> {
    let mut stmt = conn.prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
    for id in ids {
        if !stmt.exists([id])? {
            return Ok(Some(*id));
        }
    }
    Ok(None)
}

/// `?N` placeholders of a clause shifted by `by` (to put it after others).
fn renumber(clause: &str, by: usize) -> String {
    let mut out = String::with_capacity(clause.len());
    let mut chars = clause.chars().peekable();
    while let Some(ch) = chars.next() {
        out.push(ch);
        if ch == '?' {
            let mut n = String::new();
            while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                n.push(*d);
                chars.next();
            }
            if let Ok(v) = n.parse::<usize>() {
                out.push_str(&(v + by).to_string());
            } else {
                out.push_str(&n);
            }
        }
    }
    out
}

/// Matches a search ranks at most: the newest this many (see [`search`]).
const RANKED_CANDIDATES: usize = 500;

/// Full-text search, best match first (bm25 with the title weighted most,
/// ties broken by recency), each result with a snippet.
pub fn search(conn: &Connection, query: &str, limit: usize) -> Result<Vec<Article>> {
    let q = SearchQuery::parse(query)?;
    if !names_exist(conn, &q)? {
        return Ok(Vec::new());
    }
    let mut c = Conditions::default();
    let Some(expr) = q.fts_expression() else {
        // Only filters (and perhaps exclusions): the newest articles that pass.
        q.conditions(&mut c);
        if let Some(excluded) = q.excluded_expression() {
            c.push("a.id NOT IN (SELECT rowid FROM search WHERE search MATCH ?)", [Value::Text(excluded)]);
        }
        let mut out = query_articles(conn, &c, "ORDER BY a.sort_date DESC, a.id DESC", Some(limit), None)?;
        for a in &mut out {
            a.snippet = Some(html_escape(&a.summary));
        }
        return Ok(out);
    };
    // Two steps: the best `limit` ids (ranking only ids, through an index
    // that holds what filters test, never the article rows), then those
    // articles in full.
    //
    // Ranked are the newest `candidates` matches, not every match: bm25
    // costs FTS5 a lookup per row it scores (the row's length), so at
    // 100,000 articles a common word (30,000 matches) took 65 ms to rank in
    // full, and the window keeps any search at a few milliseconds whatever
    // the library's size. A news reader's best matches are among the
    // recent ones; older ones are one `before:` away.
    let candidates = limit.max(RANKED_CANDIDATES);
    q.conditions(&mut c);
    // The ranking (store/rank.rs) estimates how common a word is over the
    // range of article ids.
    let (first_id, last_id): (i64, i64) = conn
        .prepare_cached(
            "SELECT coalesce((SELECT min(id) FROM articles), 0), coalesce((SELECT max(id) FROM articles), 0)",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let ranked: Vec<(i64, f64, i64)> = if c.clauses.is_empty() {
        // No filter: FTS5's own ordered top-N, no join at all.
        let mut stmt = conn.prepare_cached(
            "SELECT search.rowid, search.rank, a.sort_date FROM
               (SELECT rowid, tidings_bm25(search, ?3, ?4) AS rank FROM search WHERE search MATCH ?1
                ORDER BY rowid DESC LIMIT ?2) AS search
             JOIN articles a INDEXED BY articles_facts ON a.id = search.rowid",
        )?;
        let rows = stmt.query_map(rusqlite::params![expr, candidates as i64, first_id, last_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    } else {
        let mut all = Conditions::default();
        all.push("search MATCH ?", [Value::Text(expr)]);
        all.clauses.extend(c.clauses.iter().map(|cl| renumber(cl, 1)));
        all.params.extend(c.params.iter().cloned());
        let range = all.next_param();
        all.params.extend([Value::Integer(first_id), Value::Integer(last_id)]);
        let sql = format!(
            "SELECT search.rowid, tidings_bm25(search, ?{range}, ?{}), a.sort_date
             FROM search JOIN articles a INDEXED BY articles_facts ON a.id = search.rowid {ARTICLE_JOINS}
             {} ORDER BY search.rowid DESC LIMIT {candidates}",
            range + 1,
            all.where_sql()
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(all.params.iter()), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut ranked = ranked;
    // bm25 first, then the newer article.
    ranked.sort_by(|a, b| a.1.total_cmp(&b.1).then(b.2.cmp(&a.2)));
    ranked.truncate(limit);
    let mut by_id: std::collections::HashMap<i64, Article> = std::collections::HashMap::new();
    {
        let ids = serde_json::to_string(&ranked.iter().map(|r| r.0).collect::<Vec<_>>()).unwrap_or_default();
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles a {ARTICLE_JOINS} WHERE a.id IN (SELECT value FROM json_each(?1))"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        for a in stmt.query_map([ids], article_from_row)? {
            let a = a?;
            by_id.insert(a.id, a);
        }
    }
    let mut out: Vec<Article> = ranked.iter().filter_map(|r| by_id.remove(&r.0)).collect();
    let marker = Highlighter::new(&q);
    for a in &mut out {
        let body = marker.snippet(&crate::parse::html_to_text(&a.content_html));
        a.snippet = Some(body.or_else(|| marker.mark_all(&a.title)).unwrap_or_else(|| html_escape(&a.summary)));
    }
    Ok(out)
}

/// False when an `author:`, `folder:` or `category:` filter names nothing
/// in the library. Such a search has no results, and is answered without
/// walking every match of its words to test the filter on each (a common
/// word under an author that does not exist took 30 ms at 100,000
/// articles). These are small tables; `feed:` also matches the kept titles
/// of removed feeds' articles, so it is not checked here.
fn names_exist(conn: &Connection, q: &SearchQuery) -> Result<bool> {
    for (table, names) in [("authors", &q.authors), ("folders", &q.folders), ("categories", &q.categories)] {
        if names.is_empty() {
            continue;
        }
        let any = vec!["name LIKE ? ESCAPE '\\'"; names.len()].join(" OR ");
        let exists: bool = conn
            .prepare_cached(&format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE {any})"))?
            .query_row(params_from_iter(names.iter().map(|n| like_pattern(n))), |r| r.get(0))?;
        if !exists {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A setting's value.
pub fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.prepare_cached("SELECT value FROM settings WHERE key = ?1")?.query_row([key], |r| r.get(0)).optional()?)
}
