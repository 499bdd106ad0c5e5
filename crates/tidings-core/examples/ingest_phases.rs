//! Where a cold refresh spends its CPU, without the network: parse, prepare
//! (sanitize + text + hash) and store every feed file of a directory into a
//! new library, timing each phase.
//!
//! cargo run --release -p tidings-core --example ingest_phases -- DIR DB

use std::time::{Duration, Instant};
use tidings_core::parse::parse_feed;
use tidings_core::prepare::prepare_entries;
use tidings_core::store::{self, write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().ok_or("usage: ingest_phases DIR DB")?;
    let db = args.next().ok_or("usage: ingest_phases DIR DB")?;
    let mut files: Vec<_> = std::fs::read_dir(&dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    let (mut t_parse, mut t_prepare) = (Duration::ZERO, Duration::ZERO);
    let mut bytes = 0;
    let mut prepared = Vec::new();
    for f in &files {
        let data = std::fs::read(f)?;
        bytes += data.len();
        let base =
            url::Url::parse(&format!("http://127.0.0.1/{}", f.file_name().unwrap_or_default().to_string_lossy()))?;
        let t = Instant::now();
        let Ok(feed) = parse_feed(&data, None, Some(&base)) else { continue };
        t_parse += t.elapsed();
        let t = Instant::now();
        let articles = prepare_entries(&feed, Some(&base));
        t_prepare += t.elapsed();
        prepared.push((base.to_string(), feed, articles));
    }
    let _ = std::fs::remove_file(&db);
    let mut conn = store::open(std::path::Path::new(&db))?;
    let t = Instant::now();
    let mut n = 0;
    let tx = conn.transaction()?;
    let mut index = write::SearchBatch::default();
    let now = store::now();
    for (url, feed, articles) in &prepared {
        n += articles.len();
        let id = write::insert_feed(&tx, url, feed.title.as_deref(), None, now)?.ok_or("duplicate")?;
        let rec = write::FetchRecord { etag: None, last_modified: None, body_hash: None, moved_to: None };
        write::store_fetch(&tx, id, Some((feed, articles)), Some(false), &rec, &mut index, now)?;
    }
    let t_rows = t.elapsed();
    index.write(&tx)?;
    let t_index = t.elapsed() - t_rows;
    tx.commit()?;
    let t_store = t.elapsed();
    if std::env::var_os("COMPARE_TOKENIZERS").is_some() {
        compare(&conn)?;
    }
    let mb = bytes as f64 / 1e6;
    println!("{} files, {:.1} MB, {n} articles", files.len(), mb);
    println!("parse    {:>7.2} s  {:>6.1} MB/s", t_parse.as_secs_f64(), mb / t_parse.as_secs_f64());
    println!("prepare  {:>7.2} s  {:>6.1} MB/s", t_prepare.as_secs_f64(), mb / t_prepare.as_secs_f64());
    println!(
        "store    {:>7.2} s  (rows {:.2} s, search index {:.2} s, commit {:.2} s)",
        t_store.as_secs_f64(),
        t_rows.as_secs_f64(),
        t_index.as_secs_f64(),
        (t_store - t_rows - t_index).as_secs_f64()
    );
    Ok(())
}

#[allow(dead_code)]
fn compare(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    let tune =
        "INSERT INTO s2(s2, rank) VALUES('hashsize', 33554432); INSERT INTO s2(s2, rank) VALUES('automerge', 8);";
    for (tok, opts) in [
        ("tidings", ""),
        ("tidings", ", content='', contentless_delete=1"),
        ("unicode61 remove_diacritics 2", ", content='', contentless_delete=1"),
    ] {
        conn.execute_batch(&format!(
            "DROP TABLE IF EXISTS s2; CREATE VIRTUAL TABLE s2 USING fts5(title, body, author, categories, feed, date UNINDEXED, tokenize = '{tok}'{opts}); {tune}"
        ))?;
        let t = Instant::now();
        conn.execute_batch("BEGIN; INSERT INTO s2(rowid, title, body, author, categories, feed, date) SELECT rowid, title, body, author, categories, feed, date FROM search; COMMIT;")?;
        println!("{tok}{opts:40} {:.2} s", t.elapsed().as_secs_f64());
    }
    Ok(())
}
