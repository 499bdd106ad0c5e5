//! The `tidings:` URI scheme, which serves what the reader shows from the
//! library, so that it reads the same with no network:
//!
//! - `tidings://localhost/article/ID` an article's sanitized HTML (its full
//!   text when extracted; `?version=feed` for the feed's own), with images
//!   pointing at their cached copies;
//! - `tidings://localhost/image/HASH` a cached image;
//! - `tidings://localhost/icon/FEED` a feed's cached icon.
//!
//! The UI fetches article HTML from here and shows it in a sandboxed iframe
//! without scripts: article content never travels through IPC, and a
//! sanitizer miss still cannot run. (On Windows the same handler answers
//! `http://tidings.localhost/…`.)

use crate::state::AppState;
use tauri::http::{header, Request, Response, StatusCode};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};
use tidings_core::Version;

pub const SCHEME: &str = "tidings";

/// What an article body may load: cached images (and, when the user allows
/// it, images from the web), inline styles. No scripts, frames or forms.
fn body_csp(remote_images: bool) -> String {
    let web = if remote_images { " https: http:" } else { "" };
    format!(
        "default-src 'none'; img-src tidings: http://tidings.localhost data:{web}; media-src https: http:; style-src 'unsafe-inline'"
    )
}

pub fn handle<R: Runtime>(ctx: UriSchemeContext<'_, R>, request: Request<Vec<u8>>, responder: UriSchemeResponder) {
    let app = ctx.app_handle().clone();
    let uri = request.uri().clone();
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        responder.respond(respond(&state, &uri));
    });
}

fn respond(state: &AppState, uri: &tauri::http::Uri) -> Response<Vec<u8>> {
    let path = uri.path();
    // The same origin the request used: tidings://localhost or http://tidings.localhost.
    let origin = match uri.scheme_str() {
        Some("http") | Some("https") => "http://tidings.localhost",
        _ => "tidings://localhost",
    };
    let lib = &state.library;
    if let Some(id) = path.strip_prefix("/article/").and_then(|id| id.parse::<i64>().ok()) {
        let version =
            if uri.query().is_some_and(|q| q.contains("version=feed")) { Version::Feed } else { Version::Best };
        let remote = lib.settings().map(|s| s.remote_images).unwrap_or(false);
        return match lib.reader_html(id, version, &format!("{origin}/image/"), remote) {
            Ok(html) => ok("text/html; charset=utf-8", html.into_bytes(), Some(&body_csp(remote))),
            Err(e) => plain(StatusCode::NOT_FOUND, &e.to_string()),
        };
    }
    if let Some(hash) = path.strip_prefix("/image/") {
        return match lib.cached_image(hash) {
            Some((bytes, mime)) => ok(&mime, bytes, None),
            None => plain(StatusCode::NOT_FOUND, "not cached"),
        };
    }
    if let Some(id) = path.strip_prefix("/icon/").and_then(|id| id.parse::<i64>().ok()) {
        return match lib.feed_icon(id) {
            Some((bytes, mime)) => ok(&mime, bytes, None),
            None => plain(StatusCode::NOT_FOUND, "no icon"),
        };
    }
    plain(StatusCode::NOT_FOUND, "not found")
}

fn ok(mime: &str, body: Vec<u8>, csp: Option<&str>) -> Response<Vec<u8>> {
    let mut b = Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, mime)
        .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .header(header::CACHE_CONTROL, "no-store");
    if let Some(csp) = csp {
        b = b.header(header::CONTENT_SECURITY_POLICY, csp);
    }
    b.body(body).unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "response"))
}

fn plain(status: StatusCode, text: &str) -> Response<Vec<u8>> {
    let mut resp = Response::new(text.as_bytes().to_vec());
    *resp.status_mut() = status;
    resp.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, header::HeaderValue::from_static("*"));
    resp
}
