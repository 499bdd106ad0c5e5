//! [`Library`]: the façade both faces use. Every operation the CLI and the
//! desktop app offer is one method here, grouped by what the user does:
//! `subscriptions.rs` (add, remove, rename, move, OPML, refresh),
//! `reading.rs` (lists, articles, search, read and bookmark state),
//! `offline.rs` (full texts, images, icons, retention) and `settings.rs`.
//!
//! **The rule of the database and the runtime:** a sync method touches only
//! the database (and is fast); an async method does network work and sends
//! every database touch to tokio's blocking pool ([`Library::db`]), so a
//! tokio worker never waits on SQLite. Every SQL statement lives in
//! `store/`; these files say what to do, `store/` says how it is kept.

mod offline;
mod reading;
mod settings;
mod subscriptions;

pub use offline::Version;
pub use subscriptions::{AddOptions, RefreshOptions};

use crate::error::{Error, Result};
use crate::fetch::{FetchConfig, Fetcher};
use crate::store;
use crate::view::Settings;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

/// The application identifier; the desktop app keeps its data in a
/// directory of this name, and the CLI finds the shared library there.
pub const APP_ID: &str = "org.tidings.Tidings";

/// The library both faces share when neither `--db` nor `$TIDINGS_DB` says
/// otherwise: `tidings.db` in the desktop app's data directory.
pub fn default_library_path() -> PathBuf {
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join(APP_ID).join("tidings.db")
}

/// An open library: the SQLite file plus the HTTP client. Cheap to clone
/// (the clones share everything), so async methods can hand a clone to the
/// blocking pool.
#[derive(Clone)]
pub struct Library(Arc<Shared>);

struct Shared {
    path: PathBuf,
    /// All writes go through this connection, one transaction at a time
    /// (the refresh's writer thread takes it for each batch).
    writer: Arc<Mutex<Connection>>,
    /// Reads use their own connections so that they never wait for a
    /// refresh's writes (WAL), nor for each other.
    readers: Readers,
    fetcher: Fetcher,
    /// The desktop preferences as last read or saved: the article scheme
    /// asks for them on every article opened.
    settings: Mutex<Option<Settings>>,
}

/// Locks a connection. A panic while holding the lock leaves SQLite
/// consistent (it rolls back the open transaction), so a poisoned lock is
/// still usable.
pub(crate) fn lock(m: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// How many connections serve reads.
const READERS: usize = 3;

/// A few reading connections: the window asks for the sidebar's counts, an
/// article and a list page at once, and one slow query (counts over
/// 100,000 articles) must not make the article wait behind it. A read takes
/// whichever connection is free, and waits on a condition variable (never a
/// sleep loop) when all are busy.
struct Readers {
    idle: Mutex<Vec<Connection>>,
    returned: Condvar,
}

/// A reading connection, back in the pool when dropped.
pub(crate) struct Reader<'a> {
    conn: Option<Connection>,
    pool: &'a Readers,
}

impl std::ops::Deref for Reader<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        // Some until dropped.
        self.conn.as_ref().expect("a reader holds its connection until dropped")
    }
}

impl std::ops::DerefMut for Reader<'_> {
    fn deref_mut(&mut self) -> &mut Connection {
        self.conn.as_mut().expect("a reader holds its connection until dropped")
    }
}

impl Drop for Reader<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            self.pool.idle.lock().unwrap_or_else(|p| p.into_inner()).push(conn);
            self.pool.returned.notify_one();
        }
    }
}

impl Readers {
    fn open(path: &Path) -> Result<Readers> {
        let conns = (0..READERS).map(|_| store::open(path)).collect::<Result<_>>()?;
        Ok(Readers { idle: Mutex::new(conns), returned: Condvar::new() })
    }

    fn get(&self) -> Reader<'_> {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if let Some(conn) = idle.pop() {
                return Reader { conn: Some(conn), pool: self };
            }
            idle = self.returned.wait(idle).unwrap_or_else(|p| p.into_inner());
        }
    }

    /// Runs `f` on every idle connection (busy ones are skipped).
    fn each_idle(&self, f: fn(&Connection)) {
        self.idle.lock().unwrap_or_else(|p| p.into_inner()).iter().for_each(f);
    }
}

impl Library {
    /// Opens the library at `path`, creating it if needed.
    pub fn open(path: impl AsRef<Path>) -> Result<Library> {
        Library::open_with(path, FetchConfig::default())
    }

    /// Opens with a fetcher of these limits (tests use short timeouts).
    pub fn open_with(path: impl AsRef<Path>, config: FetchConfig) -> Result<Library> {
        let path = path.as_ref().to_path_buf();
        let writer = store::open(&path)?;
        let readers = Readers::open(&path)?;
        Ok(Library(Arc::new(Shared {
            path,
            writer: Arc::new(Mutex::new(writer)),
            readers,
            fetcher: Fetcher::new(config)?,
            settings: Mutex::new(None),
        })))
    }

    /// Where the library file is.
    pub fn path(&self) -> &Path {
        &self.0.path
    }

    /// Hands back the page caches of every connection after a burst of
    /// work (a refresh fills the writer's, the sidebar's counts the
    /// readers'). A long-running app calls it; they refill on demand.
    pub fn release_memory(&self) {
        store::shrink_memory(&lock(&self.0.writer));
        self.0.readers.each_idle(store::shrink_memory);
    }

    /// A connection for reading.
    pub(crate) fn reader(&self) -> Reader<'_> {
        self.0.readers.get()
    }

    pub(crate) fn fetcher(&self) -> &Fetcher {
        &self.0.fetcher
    }

    /// Runs `f` in one immediate transaction of the writer.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&rusqlite::Transaction) -> Result<T>) -> Result<T> {
        let mut conn = lock(&self.0.writer);
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs database work of an async method on tokio's blocking pool.
    pub(crate) async fn db<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Library) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let library = self.clone();
        tokio::task::spawn_blocking(move || f(&library)).await.map_err(Error::from_join)?
    }
}

#[cfg(test)]
mod tests;
