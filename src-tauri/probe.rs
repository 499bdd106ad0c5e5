//! The benchmark probe: with `TIDINGS_PROBE=1`, the UI reports when the
//! article list is first painted and how long opening articles takes, the
//! shell prints one `TIDINGS_PROBE {...}` line on stdout and quits. Without
//! the variable, both commands do nothing. Used by bench/desktop.py.

use std::sync::{Mutex, OnceLock};
use std::time::Instant;
use tauri::{AppHandle, Runtime};

static STARTED: OnceLock<Instant> = OnceLock::new();
static MARKS: Mutex<Vec<(String, u128)>> = Mutex::new(Vec::new());

/// Call first thing in `run()`: the process's start, as near as we get.
pub fn process_started() {
    let _ = STARTED.set(Instant::now());
}

fn enabled() -> bool {
    std::env::var_os("TIDINGS_PROBE").is_some()
}

#[tauri::command]
#[specta::specta]
pub fn probe_enabled() -> bool {
    enabled()
}

/// Records milliseconds since the process started under `name`.
pub fn mark(name: &str) {
    if let (true, Some(start)) = (enabled(), STARTED.get()) {
        MARKS.lock().unwrap_or_else(|p| p.into_inner()).push((name.to_string(), start.elapsed().as_millis()));
    }
}

/// The page's marks (see `mark`).
#[tauri::command]
#[specta::specta]
pub fn probe_mark(name: String) {
    mark(&name);
}

/// Prints the marks and the UI's own measurements, then quits.
#[tauri::command]
#[specta::specta]
pub fn probe_report<R: Runtime>(app: AppHandle<R>, report: serde_json::Value) {
    if !enabled() {
        return;
    }
    let marks = MARKS.lock().unwrap_or_else(|p| p.into_inner());
    let marks: serde_json::Map<String, serde_json::Value> =
        marks.iter().map(|(k, v)| (k.clone(), (*v as u64).into())).collect();
    println!("TIDINGS_PROBE {}", serde_json::json!({ "process_ms": marks, "ui": report }));
    app.exit(0);
}
