//! The desktop shell: the Tauri builder, its plugins, the `tidings:` scheme,
//! the window (with a navigation guard) and the IPC commands. No business
//! logic lives here; everything is a call into `tidings_core::Library`.

mod article_scheme;
mod bindings;
mod commands;
mod error;
mod events;
mod memory;
mod open_request;
mod probe;
mod refresh;
#[cfg(target_os = "linux")]
mod rendering;
mod state;

use tauri::{AppHandle, Manager, RunEvent, Runtime, WebviewUrl, WebviewWindowBuilder};

/// Where the window may navigate: the app itself and the article iframes.
/// Anything else (a link that escaped the UI's handling) opens in the
/// system browser instead, if it is http(s) or mailto, and never replaces
/// the app.
fn allow_navigation(url: &url::Url) -> bool {
    let internal = matches!(url.scheme(), "tauri" | "about" | "data")
        || (url.scheme() == "http" && url.host_str() == Some("tauri.localhost"))
        || (cfg!(debug_assertions) && url.host_str() == Some("localhost") && url.port() == Some(5173));
    if !internal && matches!(url.scheme(), "http" | "https" | "mailto") {
        let _ = tauri_plugin_opener::open_url(url.as_str(), None::<&str>);
    }
    internal
}

/// Builds and runs the app.
pub fn run() {
    probe::process_started();
    memory::tune_allocator();
    #[cfg(target_os = "linux")]
    rendering::choose();
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("TIDINGS_LOG").unwrap_or_else(|_| "warn".into()))
        .try_init();
    tauri::Builder::default()
        // First, so that a second launch hands over before anything starts.
        .plugin(tauri_plugin_single_instance::init(|app, args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
            if let Some(url) = open_request::from_args(&args) {
                open_request::offer(app, url);
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .register_asynchronous_uri_scheme_protocol(article_scheme::SCHEME, article_scheme::handle)
        .setup(|app| {
            probe::mark("setup");
            let path = state::library_path();
            let library = tidings_core::Library::open(&path)
                .map_err(|e| format!("cannot open the library {}: {e}", path.display()))?;
            let state = state::AppState::new(library);
            *state.open_request.lock().unwrap_or_else(|p| p.into_inner()) =
                open_request::from_args(&std::env::args().collect::<Vec<_>>());
            app.manage(state);
            // Retention at start, before the window reads (NetNewsWire's rule).
            let library = app.state::<state::AppState>().library.clone();
            tauri::async_runtime::spawn_blocking(move || {
                let days = library.settings().map(|s| s.retention_days).unwrap_or(0);
                if days > 0 {
                    if let Err(e) = library.cleanup(days) {
                        tracing::warn!("retention: {e}");
                    }
                }
            });
            WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
                .title("Tidings")
                .inner_size(1280.0, 800.0)
                .min_inner_size(720.0, 480.0)
                .on_navigation(allow_navigation)
                .build()?;
            probe::mark("window_built");
            refresh::start_timer(app.handle().clone());
            Ok(())
        })
        .invoke_handler(bindings::builder().invoke_handler())
        .build(tauri::generate_context!())
        .expect("Tidings failed to start")
        .run(on_run_event);
}

/// macOS hands a file or link opened with Tidings to the app as an Apple
/// event, not as an argument; it joins the same open request.
fn on_run_event<R: Runtime>(app: &AppHandle<R>, event: RunEvent) {
    #[cfg(target_os = "macos")]
    if let RunEvent::Opened { urls } = event {
        let args: Vec<String> = std::iter::once(String::new())
            .chain(urls.iter().map(|u| match u.to_file_path() {
                Ok(path) if u.scheme() == "file" => path.display().to_string(),
                _ => u.to_string(),
            }))
            .collect();
        if let Some(url) = open_request::from_args(&args) {
            open_request::offer(app, url);
        }
    }
    #[cfg(not(target_os = "macos"))]
    let _ = (app, event);
}
