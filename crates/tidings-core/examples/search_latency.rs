//! Search latency over a real library (docs/PERFORMANCE.md): each query of
//! a fixed mix (common and rare words, phrases, prefixes, accents, CJK,
//! filters) run `ROUNDS` times after a warm-up, the best 20 results with
//! snippets, as the window and `tidings search` ask for them.
//!
//! cargo run --release -p tidings-core --example search_latency -- LIBRARY.db [ROUNDS]

use std::time::Instant;
use tidings_core::Library;

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
    "author:wang linux",
    "category:security network",
    "folder:tech engine",
    "is:unread browser",
    "after:2025-05-01 model",
    "研究 is:bookmarked",
];

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let db = args.next().ok_or("usage: search_latency LIBRARY.db [ROUNDS]")?;
    let rounds: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(50);
    let lib = Library::open(&db)?;
    let total: i64 = lib.count_articles(&Default::default())?;
    println!("{total} articles, {rounds} rounds per query, best 20 with snippets\n");
    println!("{:<28} {:>7} {:>9} {:>9} {:>9}", "query", "hits", "median", "p95", "p99");
    let mut all = Vec::new();
    for q in QUERIES {
        let hits = lib.search(q, 20)?.len();
        let mut times = Vec::with_capacity(rounds);
        for _ in 0..rounds {
            let t = Instant::now();
            let r = lib.search(q, 20)?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(r);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{:<28} {:>7} {:>7.2}ms {:>7.2}ms {:>7.2}ms",
            q,
            hits,
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            percentile(&times, 0.99)
        );
        all.extend(times);
    }
    all.sort_by(f64::total_cmp);
    println!(
        "\nall queries: median {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        percentile(&all, 0.5),
        percentile(&all, 0.95),
        percentile(&all, 0.99),
        all[all.len() - 1]
    );
    Ok(())
}
