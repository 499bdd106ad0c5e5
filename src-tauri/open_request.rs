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
pub fn take_open_request(state: tauri::State<'_, AppState>) -> Option<String> {
    state.open_request.lock().unwrap_or_else(|p| p.into_inner()).take()
}
