//! The SQLite library file: opening it (pragmas, tokenizer, migrations),
//! writing what a refresh brings, and reading it back for the faces.
//!
//! The file is shared by the desktop app and any number of `tidings`
//! commands (cron): WAL lets readers go on during a write, and a busy
//! timeout makes concurrent writers wait for each other instead of failing.

pub mod fts;
mod identity;
pub mod media;
mod rank;
pub mod read;
mod schema;
pub mod write;

pub use identity::url_key;

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
    // 16 MiB of page cache (default 2 MiB): index merges and the article
    // indexes stay in memory during a refresh.
    conn.pragma_update(None, "cache_size", -16384)?;
    conn.set_prepared_statement_cache_capacity(64);
    register_functions(conn)
}

/// Our tokenizer, ranking and URL identity, which the schema uses.
fn register_functions(conn: &Connection) -> Result<()> {
    fts::register(conn)?;
    rank::register(conn)?;
    identity::register(conn)?;
    Ok(())
}

/// Hands back a connection's page cache (it refills on demand).
pub fn shrink_memory(conn: &Connection) {
    let _ = conn.execute_batch("PRAGMA shrink_memory");
}

/// Seconds since the epoch, the time unit of every column.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Copies the write-ahead log into the database file from a thread of its
/// own while a refresh writes. SQLite would otherwise checkpoint on the
/// writer's thread every 1000 pages, so the one thread that cannot run in
/// parallel would also do all of the copying. Stops (after a last
/// checkpoint) when dropped; the writer's own automatic checkpoints are off
/// meanwhile.
pub struct Checkpointer {
    stop: Option<std::sync::mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Checkpointer {
    pub fn start(path: &Path, writer: &Connection) -> Checkpointer {
        let _ = writer.pragma_update(None, "wal_autocheckpoint", 0);
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let path = path.to_path_buf();
        let thread = std::thread::Builder::new()
            .name("checkpoint".into())
            .spawn(move || {
                let Ok(conn) = Connection::open(&path) else { return };
                let _ = conn.busy_timeout(Duration::from_millis(100));
                loop {
                    let done = !matches!(
                        stopped.recv_timeout(Duration::from_millis(300)),
                        Err(std::sync::mpsc::RecvTimeoutError::Timeout)
                    );
                    // PASSIVE never blocks the writer; it copies what it can.
                    let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                    if done {
                        break;
                    }
                }
            })
            .ok();
        Checkpointer { stop: Some(stop), thread }
    }

    /// Stops the thread and gives the writer back its automatic checkpoints.
    pub fn finish(mut self, writer: &Connection) {
        self.shutdown();
        let _ = writer.pragma_update(None, "wal_autocheckpoint", 1000);
    }

    fn shutdown(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.shutdown();
    }
}
