//! The SQLite library file: opening it (pragmas, tokenizer, migrations),
//! writing what a refresh brings, and reading it back for the faces.
//!
//! The file is shared by the desktop app and any number of `tidings`
//! commands (cron): WAL lets readers go on during a write, and a busy
//! timeout makes concurrent writers wait for each other instead of failing.

pub mod fts;
pub mod read;
mod schema;
pub mod write;

use crate::error::Result;
use rusqlite::Connection;
use std::path::Path;
use std::time::Duration;

/// Opens (creating if needed) the library at `path` and brings its schema up
/// to date.
pub fn open(path: &Path) -> Result<Connection> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| crate::Error::Io { path: dir.display().to_string(), source })?;
    }
    let mut conn = Connection::open(path)?;
    configure(&conn)?;
    schema::migrations().to_latest(&mut conn)?;
    Ok(conn)
}

/// Opens an in-memory library (tests, `inspect`).
pub fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    schema::migrations().to_latest(&mut conn)?;
    Ok(conn)
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(30))?;
    // Before the first table exists (no effect later): articles are a few
    // KB each, and 16 KiB pages keep most in one page instead of a chain of
    // overflow pages; FTS5 segments also write fewer, larger pages.
    conn.pragma_update(None, "page_size", 16384)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // 32 MiB of page cache (default 2 MiB): index merges and the article
    // indexes stay in memory during a refresh.
    conn.pragma_update(None, "cache_size", -32768)?;
    conn.set_prepared_statement_cache_capacity(64);
    fts::register(conn)?;
    Ok(())
}

/// Seconds since the epoch, the time unit of every column.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
