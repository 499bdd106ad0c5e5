//! "Open with Tidings": the desktop hands us a `feed:` link, a web address
//! or a feed file as a command-line argument (at start, or through the
//! single-instance plugin when Tidings already runs). We never subscribe
//! on our own: the UI shows the Add feed dialog filled in, and the user
//! decides.

use crate::events;
use crate::state::AppState;
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// The first argument that names something to subscribe to, as a URL.
pub fn from_args(args: &[String]) -> Option<String> {
    args.iter().skip(1).filter(|a| !a.starts_with('-')).find_map(|a| match tidings_core::subscription_url_for(a) {
        Ok(url) => Some(url),
        Err(e) => {
            tracing::warn!("cannot open {a}: {e}");
            None
        }
    })
}

/// Keeps the request until the UI asks for it, and tells a running UI.
pub fn offer<R: Runtime>(app: &AppHandle<R>, url: String) {
    if let Some(state) = app.try_state::<AppState>() {
        *state.open_request.lock().unwrap_or_else(|p| p.into_inner()) = Some(url.clone());
    }
    let _ = app.emit(events::OPEN_REQUEST, url);
}

/// The UI takes the pending request once, at start or on the event.
#[tauri::command]
#[specta::specta]
pub fn take_open_request(state: tauri::State<'_, AppState>) -> Option<String> {
    state.open_request.lock().unwrap_or_else(|p| p.into_inner()).take()
}

#[cfg(test)]
mod tests {
    use super::from_args;

    fn args(list: &[&str]) -> Vec<String> {
        std::iter::once("tidings-desktop").chain(list.iter().copied()).map(String::from).collect()
    }

    #[test]
    fn feed_links_and_web_addresses_become_subscription_urls() {
        assert_eq!(from_args(&args(&["feed://example.com/rss"])).as_deref(), Some("http://example.com/rss"));
        assert_eq!(from_args(&args(&["feed:https://example.com/a"])).as_deref(), Some("https://example.com/a"));
        assert_eq!(from_args(&args(&["--flag", "https://example.com/"])).as_deref(), Some("https://example.com/"));
    }

    #[test]
    fn a_feed_file_names_its_online_address() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("saved.rss");
        std::fs::write(
            &file,
            r#"<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>T</title>
            <atom:link rel="self" href="https://example.com/feed.xml"/></channel></rss>"#,
        )
        .unwrap();
        assert_eq!(from_args(&args(&[file.to_str().unwrap()])).as_deref(), Some("https://example.com/feed.xml"));
    }

    #[test]
    fn nothing_to_open_is_none() {
        assert_eq!(from_args(&args(&[])), None);
        assert_eq!(from_args(&args(&["/no/such/file.rss", "javascript:alert(1)"])), None);
    }
}
