//! A real HTTP server on 127.0.0.1 for the tests of Tidings, scripted per
//! path: canned bodies with ETag support, redirects, delays, endless bodies
//! and gzip bombs. It runs on its own thread, so synchronous tests (which
//! run the `tidings` binary) and async tests use it alike.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use axum::Router;
use std::collections::HashMap;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the server answers on one path.
#[derive(Clone, Debug)]
pub struct Route {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    delay: Option<Duration>,
    endless: bool,
    etag: Option<String>,
}

impl Route {
    /// 200 with this body and Content-Type.
    pub fn ok(body: impl Into<Vec<u8>>, content_type: &str) -> Route {
        Route {
            status: 200,
            headers: vec![("content-type".into(), content_type.into())],
            body: body.into(),
            delay: None,
            endless: false,
            etag: None,
        }
    }

    /// An RSS/Atom/any XML document.
    pub fn xml(body: impl Into<Vec<u8>>) -> Route {
        Route::ok(body, "application/xml")
    }

    /// An HTML page.
    pub fn html(body: impl Into<Vec<u8>>) -> Route {
        Route::ok(body, "text/html; charset=utf-8")
    }

    /// An empty response with this status.
    pub fn status(status: u16) -> Route {
        Route { status, ..Route::ok(Vec::new(), "text/plain") }
    }

    /// A redirect.
    pub fn redirect(status: u16, location: &str) -> Route {
        Route::status(status).header("location", location)
    }

    /// Adds a response header.
    pub fn header(mut self, name: &str, value: &str) -> Route {
        self.headers.push((name.to_ascii_lowercase(), value.to_string()));
        self
    }

    /// Answers 304 when the request carries `If-None-Match: <etag>`.
    pub fn etag(mut self, etag: &str) -> Route {
        self.etag = Some(etag.to_string());
        self
    }

    /// Waits before answering.
    pub fn delay(mut self, d: Duration) -> Route {
        self.delay = Some(d);
        self
    }

    /// A body that never ends (1 MiB chunks of "<").
    pub fn endless() -> Route {
        Route { endless: true, ..Route::ok(Vec::new(), "application/xml") }
    }

    /// `body` gzip-compressed, served with Content-Encoding: gzip.
    pub fn gzip(body: &[u8], content_type: &str) -> Route {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(body).expect("gzip to memory");
        Route::ok(enc.finish().expect("gzip to memory"), content_type).header("content-encoding", "gzip")
    }

    /// A gzip bomb: `size` bytes of zeros compressed to a few kilobytes.
    pub fn gzip_bomb(size: usize) -> Route {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let chunk = vec![b' '; 1 << 20];
        let mut left = size;
        while left > 0 {
            let n = left.min(chunk.len());
            enc.write_all(&chunk[..n]).expect("gzip to memory");
            left -= n;
        }
        Route::ok(enc.finish().expect("gzip to memory"), "application/xml").header("content-encoding", "gzip")
    }
}

/// A request the server saw.
#[derive(Clone, Debug)]
pub struct Seen {
    pub path: String,
    pub headers: HashMap<String, String>,
}

#[derive(Default)]
struct Shared {
    routes: Mutex<HashMap<String, Route>>,
    seen: Mutex<Vec<Seen>>,
}

/// The server. Stops when dropped.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Starts on a free port of 127.0.0.1.
    pub fn start() -> Server {
        Server::start_on(0)
    }

    /// Starts on a given port (0: any free one).
    pub fn start_on(port: u16) -> Server {
        let shared = Arc::new(Shared::default());
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let state = shared.clone();
        let thread = std::thread::spawn(move || {
            let rt =
                tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.expect("bind 127.0.0.1");
                addr_tx.send(listener.local_addr().expect("local addr")).expect("report address");
                let app = Router::new().fallback(handle).with_state(state);
                // Not a graceful shutdown: a stopped server must stop at once,
                // even with a slow or endless response in flight.
                tokio::select! {
                    _ = axum::serve(listener, app) => {}
                    _ = stop_rx => {}
                }
            });
            // Endless bodies may still be streaming: do not wait for them.
            rt.shutdown_timeout(Duration::from_millis(100));
        });
        let addr = addr_rx.recv().expect("server address");
        Server { addr, shared, stop: Some(stop_tx), thread: Some(thread) }
    }

    /// `http://127.0.0.1:PORT/path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Sets what `path` answers (replacing any previous route).
    pub fn route(&self, path: &str, route: Route) {
        self.shared.routes.lock().expect("routes").insert(path.to_string(), route);
    }

    /// Every request so far, in order.
    pub fn requests(&self) -> Vec<Seen> {
        self.shared.seen.lock().expect("seen").clone()
    }

    /// Requests to one path.
    pub fn requests_to(&self, path: &str) -> Vec<Seen> {
        self.requests().into_iter().filter(|r| r.path == path).collect()
    }

    /// Stops the server; later connections are refused.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}

async fn handle(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    let path = req.uri().path_and_query().map(|p| p.as_str().to_string()).unwrap_or_default();
    let headers: HashMap<String, String> =
        req.headers().iter().map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string())).collect();
    shared.seen.lock().expect("seen").push(Seen { path: path.clone(), headers: headers.clone() });
    let route = {
        let routes = shared.routes.lock().expect("routes");
        routes.get(&path).or_else(|| routes.get(req.uri().path())).cloned()
    };
    let Some(route) = route else {
        return Response::builder().status(404).body(Body::from("not found")).expect("response");
    };
    if let Some(d) = route.delay {
        tokio::time::sleep(d).await;
    }
    let mut map = HeaderMap::new();
    for (k, v) in &route.headers {
        if let (Ok(k), Ok(v)) = (HeaderName::try_from(k.as_str()), HeaderValue::try_from(v.as_str())) {
            map.append(k, v);
        }
    }
    if let Some(etag) = &route.etag {
        map.insert("etag", HeaderValue::try_from(etag.as_str()).expect("etag header"));
        if headers.get("if-none-match") == Some(etag) {
            let mut resp = Response::builder().status(304).body(Body::empty()).expect("response");
            *resp.headers_mut() = map;
            return resp;
        }
    }
    let body = if route.endless {
        let chunk = axum::body::Bytes::from(vec![b'<'; 1 << 20]);
        Body::from_stream(futures_util::stream::repeat_with(move || Ok::<_, std::io::Error>(chunk.clone())))
    } else {
        Body::from(route.body)
    };
    let mut resp = Response::builder()
        .status(StatusCode::from_u16(route.status).unwrap_or(StatusCode::OK))
        .body(body)
        .expect("response");
    *resp.headers_mut() = map;
    resp
}
