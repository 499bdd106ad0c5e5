//! The engine's layout rules (docs/ARCHITECTURE.md), checked on its source.

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A file's code without its unit tests (everything from `#[cfg(test)]` on).
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    match text.find("#[cfg(test)]") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Data flows one way: the store never reaches up into what uses it.
#[test]
fn store_imports_no_feature_module() {
    let mut files = Vec::new();
    sources(&src().join("store"), &mut files);
    assert!(!files.is_empty());
    for file in files {
        let code = code(&file);
        for module in ["library", "refresh", "offline", "opml", "discover", "inspect", "extract", "cache"] {
            assert!(!code.contains(&format!("crate::{module}")), "{} uses crate::{module}", file.display());
        }
    }
}

/// Every SQL statement lives in `store/`.
#[test]
fn sql_lives_in_the_store() {
    let mut files = Vec::new();
    sources(&src(), &mut files);
    let store = src().join("store");
    for file in files.iter().filter(|f| !f.starts_with(&store) && !f.ends_with("tests.rs")) {
        let code = code(file);
        for call in [".prepare(", ".prepare_cached(", ".execute(", ".execute_batch(", ".query_row(", "pragma_update("] {
            assert!(!code.contains(call), "{} runs SQL ({call}) outside store/", file.display());
        }
    }
}
