//! What the shell keeps: the library, and a lock so that two refreshes
//! (a click and the timer) never run at once.

use std::sync::Arc;
use tidings_core::Library;

pub struct AppState {
    pub library: Arc<Library>,
    pub refreshing: tokio::sync::Mutex<()>,
    /// A feed handed over by "Open with Tidings", until the UI takes it.
    pub open_request: std::sync::Mutex<Option<String>>,
}

impl AppState {
    pub fn new(library: Library) -> AppState {
        AppState {
            library: Arc::new(library),
            refreshing: tokio::sync::Mutex::new(()),
            open_request: std::sync::Mutex::new(None),
        }
    }
}

/// The library file: `$TIDINGS_DB`, else the shared one in the data
/// directory (the same file `tidings` uses).
pub fn library_path() -> std::path::PathBuf {
    std::env::var_os("TIDINGS_DB")
        .filter(|p| !p.is_empty())
        .map(std::path::PathBuf::from)
        .unwrap_or_else(tidings_core::default_library_path)
}
