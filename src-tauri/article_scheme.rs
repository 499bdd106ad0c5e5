//! The `tidings:` URI scheme: `tidings://localhost/article/ID` answers an
//! article's sanitized HTML. The UI fetches it and shows it in a sandboxed
//! iframe without scripts; article content thus never travels through IPC,
//! and a sanitizer miss still cannot run. (On Windows the same handler
//! answers `http://tidings.localhost/…`.)

use crate::state::AppState;
use tauri::http::{header, Request, Response, StatusCode};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

pub const SCHEME: &str = "tidings";

/// Everything an article body may load: images and media from the web (the
/// offline cache replaces this in a later version), inline styles. No
/// scripts, no frames, no forms, no plugins.
const BODY_CSP: &str =
    "default-src 'none'; img-src https: http: data:; media-src https: http:; style-src 'unsafe-inline'";

pub fn handle<R: Runtime>(ctx: UriSchemeContext<'_, R>, request: Request<Vec<u8>>, responder: UriSchemeResponder) {
    let app = ctx.app_handle().clone();
    let path = request.uri().path().to_string();
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        responder.respond(respond(&state, &path));
    });
}

fn respond(state: &AppState, path: &str) -> Response<Vec<u8>> {
    let article = path.strip_prefix("/article/").and_then(|id| id.parse::<i64>().ok());
    let Some(id) = article else {
        return plain(StatusCode::NOT_FOUND, "not found");
    };
    match state.library.article_content(id) {
        Ok(html) => Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
            .header(header::CONTENT_SECURITY_POLICY, BODY_CSP)
            .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
            .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
            .header(header::CACHE_CONTROL, "no-store")
            .body(html.into_bytes())
            .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "response")),
        Err(e) => plain(StatusCode::NOT_FOUND, &e.to_string()),
    }
}

fn plain(status: StatusCode, text: &str) -> Response<Vec<u8>> {
    let mut resp = Response::new(text.as_bytes().to_vec());
    *resp.status_mut() = status;
    resp.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, header::HeaderValue::from_static("*"));
    resp
}
