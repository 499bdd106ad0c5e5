//! How WebKitGTK presents the page, chosen before it starts.
//!
//! Without a GPU (a virtual machine, a remote or headless desktop), WebKitGTK's
//! DMA-BUF renderer hands each frame from the web process to the window
//! through Mesa's software GL. Measured on such a machine (docs/PERFORMANCE.md),
//! its other path, which `WEBKIT_DISABLE_DMABUF_RENDERER=1` selects, opens an
//! article in half the time and holds 100 MiB less. So with no GPU render
//! node, Tidings asks for that path, unless the user set the variable.
//!
//! Not under WebDriver: tauri-driver sets `TAURI_WEBVIEW_AUTOMATION` for the
//! app it starts, and WebKitWebDriver hangs on that path here, so the
//! end-to-end tests run WebKit's default path, the one machines with a GPU
//! use. The other path is started by the smoke test in e2e/test_smoke.py and
//! by every desktop benchmark.

use std::path::Path;

const DMABUF_VARIABLE: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";

/// Call first thing, before any thread starts (it sets an environment
/// variable, which the web process inherits).
pub fn choose() {
    let automated = ["TAURI_WEBVIEW_AUTOMATION", "TAURI_AUTOMATION"].iter().any(|v| std::env::var_os(v).is_some());
    let user_chose = std::env::var_os(DMABUF_VARIABLE).is_some();
    if skip_dmabuf(automated, user_chose, has_render_node(Path::new("/dev/dri"))) {
        std::env::set_var(DMABUF_VARIABLE, "1");
    }
}

fn skip_dmabuf(automated: bool, user_chose: bool, gpu: bool) -> bool {
    !automated && !user_chose && !gpu
}

/// A GPU the kernel lets programs render with shows up as `renderD*`.
fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri)
        .map(|entries| entries.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD")))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_gpu_less_machines_outside_webdriver_switch_paths() {
        assert!(skip_dmabuf(false, false, false));
        assert!(!skip_dmabuf(false, false, true), "a GPU keeps WebKit's default");
        assert!(!skip_dmabuf(true, false, false), "WebDriver keeps WebKit's default");
        assert!(!skip_dmabuf(false, true, false), "the user's own setting wins");
    }

    #[test]
    fn a_render_node_is_a_gpu() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!has_render_node(dir.path()));
        assert!(!has_render_node(&dir.path().join("missing")));
        std::fs::write(dir.path().join("card0"), b"").unwrap();
        assert!(!has_render_node(dir.path()), "a display card alone is not a render node");
        std::fs::write(dir.path().join("renderD128"), b"").unwrap();
        assert!(has_render_node(dir.path()));
    }
}
