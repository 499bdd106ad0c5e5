//! Search latency over a real library (docs/PERFORMANCE.md), as its two
//! faces ask: the window (`search_articles` → `Library::search_rows`, the
//! best 300 with snippets) and `tidings search` (`Library::search`, its
//! default of 50). Each kind has its own `Library` (its own connections and
//! page cache, as the app and the CLI do), so each query's first run of a
//! kind is timed apart from its repeats. Queries are interleaved: every round
//! runs the whole mix, in an order rotated each round, each query as the
//! window and then as the CLI asks it.
//!
//! cargo run --release -p tidings-core --example search_latency -- LIBRARY.db [REPEATS]

use std::time::Instant;
use tidings_core::Library;

/// The window's request: ui/src/lib/state/articles.svelte.ts, SEARCH_LIMIT.
const WINDOW_LIMIT: usize = 300;
/// The CLI's: `tidings search --limit`'s default (crates/tidings-cli/src/args.rs).
const CLI_LIMIT: usize = 50;

/// Common and rare words, phrases, prefixes, accents, CJK and filters. The
/// author filters name authors of the benchmark's generated library
/// (`gen_feeds.py`: "First Last", and Chinese names), so that they filter
/// rather than answer "nobody" at once.
const QUERIES: &[&str] = &[
    "database",
    "rust kernel",
    "\"open source\"",
    "secur*",
    "performance -memory",
    "release OR update",
    "café",
    "数据库",
    "数据",
    "安全 社区",
    "author:\"Alice Smith\" linux",
    "author:王伟 数据",
    "category:security network",
    "folder:tech engine",
    "is:unread browser",
    "after:2025-05-01 model",
    "研究 is:bookmarked",
];

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1]
}

/// Milliseconds of one call, and how many results it gave.
fn timed<T>(f: impl FnOnce() -> tidings_core::Result<Vec<T>>) -> tidings_core::Result<(f64, usize)> {
    let t = Instant::now();
    let r = f()?;
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    Ok((ms, std::hint::black_box(r).len()))
}

/// One request kind's times for one query.
#[derive(Default)]
struct Times {
    hits: usize,
    first: f64,
    repeats: Vec<f64>,
}

fn sorted(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    v
}

fn summary(name: &str, kinds: &[Times]) {
    let firsts = sorted(kinds.iter().map(|t| t.first).collect());
    let repeats = sorted(kinds.iter().flat_map(|t| t.repeats.iter().copied()).collect());
    let all = sorted(firsts.iter().chain(&repeats).copied().collect());
    println!(
        "{name}: all runs median {:.2} ms, p99 {:.2} ms, max {:.2} ms | first runs median {:.2} ms, max {:.2} ms | repeats median {:.2} ms, p99 {:.2} ms",
        percentile(&all, 0.5),
        percentile(&all, 0.99),
        all[all.len() - 1],
        percentile(&firsts, 0.5),
        firsts[firsts.len() - 1],
        percentile(&repeats, 0.5),
        percentile(&repeats, 0.99),
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let db = args.next().ok_or("usage: search_latency LIBRARY.db [REPEATS]")?;
    let repeats: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(30);
    let window = Library::open(&db)?;
    let cli = Library::open(&db)?;
    let total: i64 = window.count_articles(&Default::default())?;
    println!(
        "{total} articles; window: search_rows(q, {WINDOW_LIMIT}), CLI: search(q, {CLI_LIMIT}); \
         first run of each query, then {repeats} repeats, queries interleaved\n"
    );
    let mut w: Vec<Times> = QUERIES.iter().map(|_| Times::default()).collect();
    let mut c: Vec<Times> = QUERIES.iter().map(|_| Times::default()).collect();
    for round in 0..=repeats {
        for k in 0..QUERIES.len() {
            let i = (k + round) % QUERIES.len();
            let q = QUERIES[i];
            let (wt, wn) = timed(|| window.search_rows(q, WINDOW_LIMIT))?;
            let (ct, cn) = timed(|| cli.search(q, CLI_LIMIT))?;
            for (times, t, n) in [(&mut w[i], wt, wn), (&mut c[i], ct, cn)] {
                if round == 0 {
                    times.first = t;
                    times.hits = n;
                } else {
                    times.repeats.push(t);
                }
            }
        }
    }
    println!(
        "{:<30} | {:>5} {:>8} {:>8} {:>8} | {:>5} {:>8} {:>8} {:>8}",
        "query", "hits", "first", "median", "p99", "hits", "first", "median", "p99"
    );
    println!("{:<30} | {:^32} | {:^32}", "", format!("window ({WINDOW_LIMIT})"), format!("CLI ({CLI_LIMIT})"));
    for (i, q) in QUERIES.iter().enumerate() {
        let row = |t: &Times| {
            let r = sorted(t.repeats.clone());
            format!("{:>5} {:>8.2} {:>8.2} {:>8.2}", t.hits, t.first, percentile(&r, 0.5), percentile(&r, 0.99))
        };
        println!("{:<30} | {} | {}", q, row(&w[i]), row(&c[i]));
    }
    println!();
    summary(&format!("window ({WINDOW_LIMIT})"), &w);
    summary(&format!("CLI ({CLI_LIMIT})"), &c);
    Ok(())
}
