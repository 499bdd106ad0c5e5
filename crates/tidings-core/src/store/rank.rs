//! The search ranking, registered with FTS5 as `tidings_bm25`.
//!
//! Why our own: FTS5's `bm25()` is Okapi BM25, whose IDF needs, for each
//! phrase of the query, the number of articles that contain it, and FTS5
//! counts them by walking every one of those articles. At 100,000 articles
//! that walk was more than half of a search (a common word has 30,000
//! matches; a prefix or a phrase costs more per match), although a search
//! ranks only the newest 500 matches (store/read.rs). This is the same
//! formula (k1 1.2, b 0.75, a weight per column), but the count is exact
//! only up to [`EXACT_HITS`] articles; past that it is estimated from how
//! far into the library the walk got. IDF is a logarithm and changes
//! little among common words, so the ranking keeps what matters: a rare
//! word weighs more than a common one, a title more than a body.
//!
//! Called as `tidings_bm25(search, FIRST_ROWID, LAST_ROWID)`, the range of
//! the table's rowids, which the estimate needs and FTS5's API does not
//! give; without them every count is exact, as in `bm25()`.

use super::fts;
use rusqlite::ffi;
use rusqlite::Connection;
use std::ffi::{c_int, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

/// The SQL name of the function.
const NAME: &std::ffi::CStr = c"tidings_bm25";

/// Weight of a match in each column of the search table: title, body,
/// author, categories, feed. A title match is worth 8 in the body.
pub const COLUMN_WEIGHTS: [f64; 5] = [8.0, 1.0, 4.0, 4.0, 2.0];

/// Matching articles counted one by one for a phrase's IDF; beyond this,
/// the count is estimated.
pub const EXACT_HITS: i64 = 2_000;

const K1: f64 = 1.2;
const B: f64 = 0.75;

/// How many articles contain a phrase, from a walk through them in rowid
/// order that found `hits` and stopped at rowid `stopped_at` (`None`: it
/// saw them all). The walk covered the rowids from `first` to where it
/// stopped; the phrase is taken to be as frequent in the rest.
fn estimated_hits(hits: i64, stopped_at: Option<i64>, first: i64, last: i64, rows: i64) -> f64 {
    let Some(reached) = stopped_at else {
        return hits as f64;
    };
    let span = (last - first + 1).max(1) as f64;
    let walked = ((reached - first + 1) as f64).clamp(1.0, span);
    (hits as f64 * span / walked).clamp(hits as f64, rows.max(hits) as f64)
}

/// BM25's inverse document frequency, kept above zero as FTS5 keeps it, so
/// a word in more than half the articles still counts a little.
fn idf(rows: i64, hits: f64) -> f64 {
    let idf = ((rows as f64 - hits + 0.5) / (hits + 0.5)).ln();
    if idf > 0.0 {
        idf
    } else {
        1e-6
    }
}

/// The BM25 score of one article, negated so that better sorts first, as
/// FTS5's `rank` does. `freq[i]` is phrase i's weighted count in the
/// article, `length` the article's length in tokens.
fn score(idf: &[f64], freq: &[f64], length: f64, average_length: f64) -> f64 {
    let norm = K1 * (1.0 - B + B * length / average_length.max(f64::MIN_POSITIVE));
    -idf.iter().zip(freq).map(|(idf, f)| idf * f * (K1 + 1.0) / (f + norm)).sum::<f64>()
}

// ---- registration with FTS5 -------------------------------------------------

/// Registers `tidings_bm25` on this connection (with the tokenizer, by
/// `store::open`).
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    // SAFETY: the handle is valid for the life of `conn`; the function has
    // no context to free.
    unsafe {
        let api = fts::fts5_api(conn.handle())?;
        if api.is_null() {
            return Err(fts::unavailable("FTS5 is not available"));
        }
        let create = (*api).xCreateFunction.ok_or_else(|| fts::unavailable("FTS5 has no xCreateFunction"))?;
        let rc = create(api, NAME.as_ptr(), ptr::null_mut(), Some(rank_row), None);
        if rc != ffi::SQLITE_OK {
            return Err(rusqlite::Error::SqliteFailure(
                ffi::Error::new(rc),
                Some(format!("registering {}", NAME.to_string_lossy())),
            ));
        }
    }
    Ok(())
}

/// What a query's rows share: each phrase's IDF, the average length, and
/// room for one row's counts. Kept by FTS5 as the function's aux data for
/// the life of the query.
struct QueryStats {
    idf: Vec<f64>,
    average_length: f64,
    freq: Vec<f64>,
}

unsafe extern "C" fn drop_stats(p: *mut c_void) {
    if !p.is_null() {
        drop(Box::from_raw(p.cast::<QueryStats>()));
    }
}

/// A walk through a phrase's articles (FTS5's `xQueryPhrase`).
struct Walk {
    hits: i64,
    limit: i64,
    stopped_at: Option<i64>,
}

unsafe extern "C" fn count_hit(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    walk: *mut c_void,
) -> c_int {
    let walk = &mut *walk.cast::<Walk>();
    walk.hits += 1;
    if walk.hits >= walk.limit {
        walk.stopped_at = (*api).xRowid.map(|rowid| rowid(fts));
        return ffi::SQLITE_DONE; // ends the walk; xQueryPhrase returns OK
    }
    ffi::SQLITE_OK
}

unsafe extern "C" fn rank_row(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    n_args: c_int,
    args: *mut *mut ffi::sqlite3_value,
) {
    let result = catch_unwind(AssertUnwindSafe(|| rank(&*api, fts, n_args, args)));
    match result {
        Ok(Ok(score)) => ffi::sqlite3_result_double(ctx, score),
        Ok(Err(rc)) => ffi::sqlite3_result_error_code(ctx, rc),
        Err(_) => ffi::sqlite3_result_error(ctx, c"tidings_bm25 failed".as_ptr(), -1),
    }
}

/// Turns an SQLite result code into a `Result`.
fn ok(rc: c_int) -> Result<(), c_int> {
    if rc == ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(rc)
    }
}

unsafe fn rank(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    n_args: c_int,
    args: *mut *mut ffi::sqlite3_value,
) -> Result<f64, c_int> {
    let missing = ffi::SQLITE_MISUSE;
    let stats = &mut *query_stats(api, fts, n_args, args)?;
    stats.freq.iter_mut().for_each(|f| *f = 0.0);
    let mut instances = 0;
    ok(api.xInstCount.ok_or(missing)?(fts, &mut instances))?;
    let inst = api.xInst.ok_or(missing)?;
    for i in 0..instances {
        let (mut phrase, mut column, mut offset) = (0, 0, 0);
        ok(inst(fts, i, &mut phrase, &mut column, &mut offset))?;
        if let Some(f) = stats.freq.get_mut(phrase as usize) {
            *f += COLUMN_WEIGHTS.get(column as usize).copied().unwrap_or(1.0);
        }
    }
    let mut length = 0;
    ok(api.xColumnSize.ok_or(missing)?(fts, -1, &mut length))?;
    Ok(score(&stats.idf, &stats.freq, length as f64, stats.average_length))
}

/// The query's [`QueryStats`], computed at its first row.
unsafe fn query_stats(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    n_args: c_int,
    args: *mut *mut ffi::sqlite3_value,
) -> Result<*mut QueryStats, c_int> {
    let missing = ffi::SQLITE_MISUSE;
    let kept = api.xGetAuxdata.ok_or(missing)?(fts, 0).cast::<QueryStats>();
    if !kept.is_null() {
        return Ok(kept);
    }
    let range = (n_args >= 2).then(|| (ffi::sqlite3_value_int64(*args), ffi::sqlite3_value_int64(*args.add(1))));
    let mut rows = 0;
    ok(api.xRowCount.ok_or(missing)?(fts, &mut rows))?;
    let mut tokens = 0;
    ok(api.xColumnTotalSize.ok_or(missing)?(fts, -1, &mut tokens))?;
    let phrases = api.xPhraseCount.ok_or(missing)?(fts).max(0);
    let query_phrase = api.xQueryPhrase.ok_or(missing)?;
    // Without the range, nothing to estimate over: every count exact.
    let limit = if range.is_some() { EXACT_HITS } else { i64::MAX };
    let (first, last) = range.unwrap_or((0, 0));
    let mut idfs = Vec::with_capacity(phrases as usize);
    for i in 0..phrases {
        let mut walk = Walk { hits: 0, limit, stopped_at: None };
        ok(query_phrase(fts, i, (&mut walk as *mut Walk).cast(), Some(count_hit)))?;
        idfs.push(idf(rows, estimated_hits(walk.hits, walk.stopped_at, first, last, rows)));
    }
    let stats = Box::into_raw(Box::new(QueryStats {
        idf: idfs,
        average_length: tokens as f64 / rows.max(1) as f64,
        freq: vec![0.0; phrases as usize],
    }));
    // On failure FTS5 has already called `drop_stats` on it.
    ok(api.xSetAuxdata.ok_or(missing)?(fts, stats.cast(), Some(drop_stats)))?;
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finished_walk_is_the_count() {
        assert_eq!(estimated_hits(7, None, 1, 100_000, 100_000), 7.0);
    }

    #[test]
    fn a_stopped_walk_extrapolates_over_the_rowids() {
        // 2,000 hits in the first fifth of the rowids: 10,000 in all.
        assert_eq!(estimated_hits(2_000, Some(20_000), 1, 100_000, 100_000), 10_000.0);
        // Never fewer than were seen, never more than there are rows.
        assert_eq!(estimated_hits(2_000, Some(200_000), 1, 100_000, 100_000), 2_000.0);
        assert_eq!(estimated_hits(2_000, Some(1), 1, 100_000, 50_000), 50_000.0);
        // A range that makes no sense does not divide by zero.
        assert!(estimated_hits(2_000, Some(5), 10, 3, 4_000).is_finite());
    }

    #[test]
    fn rarer_words_weigh_more_and_never_below_zero() {
        assert!(idf(100_000, 10.0) > idf(100_000, 1_000.0));
        assert_eq!(idf(100_000, 90_000.0), 1e-6);
    }

    #[test]
    fn scores_grow_with_matches_and_shrink_with_length() {
        let idf = [2.0];
        assert!(score(&idf, &[2.0], 100.0, 100.0) < score(&idf, &[1.0], 100.0, 100.0));
        assert!(score(&idf, &[1.0], 50.0, 100.0) < score(&idf, &[1.0], 500.0, 100.0));
        assert_eq!(score(&idf, &[0.0], 100.0, 100.0), 0.0);
    }

    /// A search table as the library's, with the tokenizer and the ranking.
    fn search_table() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        fts::register(&conn).unwrap();
        register(&conn).unwrap();
        conn.execute_batch(
            "CREATE VIRTUAL TABLE t USING fts5(title, body, author, categories, feed, tokenize = 'tidings');",
        )
        .unwrap();
        conn
    }

    /// Each match of `q` with its rank by the SQL function call `f`.
    fn ranks(conn: &Connection, f: &str, q: &str) -> Vec<(i64, f64)> {
        let sql = format!("SELECT rowid, {f} FROM t WHERE t MATCH ?1 ORDER BY rowid");
        let mut s = conn.prepare(&sql).unwrap();
        s.query_map([q], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
    }

    /// FTS5's own bm25() with our column weights.
    fn fts5_bm25() -> String {
        format!("bm25(t, {})", COLUMN_WEIGHTS.map(|w| w.to_string()).join(", "))
    }

    fn assert_same(ours: &[(i64, f64)], theirs: &[(i64, f64)], q: &str) {
        assert_eq!(ours.len(), theirs.len(), "{q}");
        assert!(!ours.is_empty(), "{q}");
        for ((a, x), (b, y)) in ours.iter().zip(theirs) {
            assert_eq!(a, b);
            assert!((x - y).abs() < 1e-9, "{q}: row {a}: {x} vs {y}");
        }
    }

    /// The same ranking as FTS5's own bm25() when every count is exact (no
    /// rowid range given), on a table small enough to walk.
    #[test]
    fn equals_fts5_bm25_when_counts_are_exact() {
        let conn = search_table();
        conn.execute_batch(
            "INSERT INTO t(rowid, title, body) VALUES (1, 'Rust news', 'a kernel in rust, rust everywhere');
             INSERT INTO t(rowid, title, body) VALUES (2, 'Kernel', 'the kernel release');
             INSERT INTO t(rowid, title, body) VALUES (3, 'Other', 'nothing about it at all, only café');
             INSERT INTO t(rowid, title, body, author) VALUES (4, 'Weekly', 'rust and more rust', 'Rusty');",
        )
        .unwrap();
        for q in ["rust", "kernel", "rust OR kernel", "\"kernel release\"", "rust NOT news"] {
            let ours = ranks(&conn, "tidings_bm25(t)", q);
            assert_same(&ours, &ranks(&conn, &fts5_bm25(), q), q);
        }
    }

    /// Past EXACT_HITS the count is estimated; for a word spread evenly
    /// over the rowids the estimate is exact, and so is the ranking.
    #[test]
    fn estimated_counts_of_an_even_word_rank_as_bm25() {
        let conn = search_table();
        // "common" in every 4th article (2,500: the walk stops at the
        // 2,000th, rowid 8,000, and estimates 2,500), "rare" in every 10th.
        let rows = 5 * EXACT_HITS;
        let mut insert = conn.prepare("INSERT INTO t(rowid, title, body) VALUES (?1, ?2, ?3)").unwrap();
        for id in 1..=rows {
            let title = if id % 8 == 0 { "common title" } else { "title" };
            let common = if id % 4 == 0 { "common" } else { "usual" };
            let rare = if id % 10 == 0 { " rare" } else { "" };
            let body = format!("{common}{rare} {}", "filler ".repeat((id % 7) as usize));
            insert.execute(rusqlite::params![id, title, body]).unwrap();
        }
        let q = "common rare";
        let ours = ranks(&conn, &format!("tidings_bm25(t, 1, {rows})"), q);
        assert_eq!(ours.len(), (rows / 20) as usize);
        assert_same(&ours, &ranks(&conn, &fts5_bm25(), q), q);
    }
}
