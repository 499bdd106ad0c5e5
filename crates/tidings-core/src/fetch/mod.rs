//! HTTP for feeds: one shared client, conditional GET, redirects followed by
//! hand (so that only permanent ones move a subscription), a hard cap on the
//! decompressed body, Retry-After, and a limit of connections per host.

use crate::error::{Error, Result};
use futures_util::StreamExt;
use reqwest::header::{
    HeaderMap, HeaderValue, ACCEPT, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, LOCATION,
    RETRY_AFTER,
};
use reqwest::StatusCode;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use url::Url;

/// The User-Agent every request carries.
pub const USER_AGENT: &str =
    concat!("Tidings/", env!("CARGO_PKG_VERSION"), " (feed reader; +https://github.com/tidings-reader/tidings)");

const ACCEPT_FEEDS: &str = "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.7, */*;q=0.5";

/// Limits and timeouts of the fetcher.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    pub connect_timeout: Duration,
    /// For the whole exchange, body included.
    pub timeout: Duration,
    pub max_redirects: usize,
    /// Cap on the body after decompression.
    pub max_body_bytes: u64,
    /// Connections at once to one host.
    pub per_host: usize,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_redirects: 5,
            max_body_bytes: crate::limits::FEED_BYTES,
            per_host: 4,
        }
    }
}

/// What we remember from the last response, to ask "has it changed?".
#[derive(Debug, Clone, Default)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A successful exchange.
#[derive(Debug)]
pub struct Fetched {
    /// Where the content finally came from, after redirects.
    pub final_url: Url,
    /// Set when every redirect on the way was permanent (301/308): the
    /// subscription should move here.
    pub moved_to: Option<Url>,
    /// None for 304 Not Modified.
    pub body: Option<Body>,
    pub validators: Validators,
}

/// A response body and its type.
#[derive(Debug)]
pub struct Body {
    pub bytes: Vec<u8>,
    pub content_type: Option<String>,
}

/// The HTTP client of the engine. Cheap to share (`Arc`).
pub struct Fetcher {
    client: reqwest::Client,
    config: FetchConfig,
    hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
}

impl Fetcher {
    pub fn new(config: FetchConfig) -> Result<Fetcher> {
        let client = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .gzip(true)
            .brotli(true)
            .deflate(true)
            .pool_idle_timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| Error::Invalid(format!("cannot build the HTTP client: {e}")))?;
        Ok(Fetcher { client, config, hosts: Mutex::new(HashMap::new()) })
    }

    /// GETs a URL, conditionally when validators are given.
    pub async fn fetch(&self, url: &str, validators: &Validators) -> Result<Fetched> {
        self.fetch_limited(url, validators, self.config.max_body_bytes).await
    }

    /// Like [`Fetcher::fetch`], with a body cap of `limit` bytes (images,
    /// pages and icons have their own limits).
    pub async fn fetch_limited(&self, url: &str, validators: &Validators, limit: u64) -> Result<Fetched> {
        let start = parse_http_url(url)?;
        let mut current = start.clone();
        let mut all_permanent = true;
        let mut moved_to = None;
        for _ in 0..=self.config.max_redirects {
            let _permit = self.host_permit(&current).await;
            let mut req = self.client.get(current.clone()).header(ACCEPT, ACCEPT_FEEDS);
            if let Some(etag) = &validators.etag {
                req = req.header(IF_NONE_MATCH, etag);
            }
            if let Some(lm) = &validators.last_modified {
                req = req.header(IF_MODIFIED_SINCE, lm);
            }
            let resp = req.send().await.map_err(|e| network_error(url, &e))?;
            let status = resp.status();
            if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
                let location = resp
                    .headers()
                    .get(LOCATION)
                    .and_then(|l| l.to_str().ok())
                    .ok_or_else(|| Error::HttpStatus { url: url.to_string(), status: status.as_u16() })?;
                let next = current
                    .join(location.trim())
                    .map_err(|_| Error::BadRedirect { url: url.to_string(), location: location.to_string() })?;
                if next.scheme() != "http" && next.scheme() != "https" {
                    return Err(Error::BadRedirect { url: url.to_string(), location: next.to_string() });
                }
                let permanent = status == StatusCode::MOVED_PERMANENTLY || status == StatusCode::PERMANENT_REDIRECT;
                all_permanent &= permanent;
                if all_permanent {
                    moved_to = Some(next.clone());
                }
                current = next;
                continue;
            }
            return self.finish(url, current, moved_to, resp, limit).await;
        }
        Err(Error::TooManyRedirects { url: url.to_string(), max: self.config.max_redirects })
    }

    async fn finish(
        &self,
        url: &str,
        final_url: Url,
        moved_to: Option<Url>,
        resp: reqwest::Response,
        limit: u64,
    ) -> Result<Fetched> {
        let status = resp.status();
        let headers = resp.headers().clone();
        let validators =
            Validators { etag: header_string(&headers, ETAG), last_modified: header_string(&headers, LAST_MODIFIED) };
        match status {
            StatusCode::NOT_MODIFIED => return Ok(Fetched { final_url, moved_to, body: None, validators }),
            StatusCode::GONE => return Err(Error::Gone { url: url.to_string() }),
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => {
                let retry_after = headers.get(RETRY_AFTER).and_then(|v| v.to_str().ok()).and_then(parse_retry_after);
                return match (status, retry_after) {
                    (_, Some(d)) => {
                        Err(Error::RetryLater { url: url.to_string(), status: status.as_u16(), retry_after: d })
                    }
                    // 429 always means "later"; an hour is a polite default.
                    (StatusCode::TOO_MANY_REQUESTS, None) => Err(Error::RetryLater {
                        url: url.to_string(),
                        status: 429,
                        retry_after: Duration::from_secs(3600),
                    }),
                    _ => Err(Error::HttpStatus { url: url.to_string(), status: status.as_u16() }),
                };
            }
            s if !s.is_success() => return Err(Error::HttpStatus { url: url.to_string(), status: s.as_u16() }),
            _ => {}
        }
        if resp.content_length().is_some_and(|n| n > limit) {
            return Err(Error::TooLarge { url: url.to_string(), limit });
        }
        let content_type = header_string(&headers, CONTENT_TYPE);
        let mut bytes = Vec::with_capacity(resp.content_length().unwrap_or(64 * 1024).min(limit) as usize);
        let mut stream = resp.bytes_stream();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| network_error(url, &e))?;
            if (bytes.len() + chunk.len()) as u64 > limit {
                return Err(Error::TooLarge { url: url.to_string(), limit });
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(Fetched { final_url, moved_to, body: Some(Body { bytes, content_type }), validators })
    }

    async fn host_permit(&self, url: &Url) -> Option<OwnedSemaphorePermit> {
        let host = format!("{}:{}", url.host_str().unwrap_or(""), url.port_or_known_default().unwrap_or(0));
        let sem = {
            // Poisoning cannot leave the map inconsistent: it is only ever
            // inserted into.
            let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
            hosts.entry(host).or_insert_with(|| Arc::new(Semaphore::new(self.config.per_host.max(1)))).clone()
        };
        sem.acquire_owned().await.ok()
    }
}

/// Parses a URL the user or a feed gave, accepting only http and https.
pub fn parse_http_url(url: &str) -> Result<Url> {
    let parsed =
        Url::parse(url.trim()).map_err(|e| Error::InvalidUrl { url: url.to_string(), reason: e.to_string() })?;
    match parsed.scheme() {
        "http" | "https" if parsed.host_str().is_some_and(|h| !h.is_empty()) => Ok(parsed),
        "http" | "https" => Err(Error::InvalidUrl { url: url.to_string(), reason: "no host".into() }),
        other => Err(Error::InvalidUrl {
            url: url.to_string(),
            reason: format!("the {other}: scheme is not allowed, only http and https"),
        }),
    }
}

fn header_string(headers: &HeaderMap, name: reqwest::header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v: &HeaderValue| v.to_str().ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// Retry-After is seconds or an HTTP date; capped at a week.
fn parse_retry_after(v: &str) -> Option<Duration> {
    let v = v.trim();
    let secs = match v.parse::<u64>() {
        Ok(s) => s,
        Err(_) => {
            let when = crate::parse::date::parse_date(v)?;
            (when - chrono::Utc::now()).num_seconds().max(0) as u64
        }
    };
    Some(Duration::from_secs(secs.min(7 * 24 * 3600)))
}

/// A one-line reason from reqwest's error chain (its top message names
/// only the URL).
fn network_error(url: &str, e: &reqwest::Error) -> Error {
    let reason = if e.is_timeout() {
        "timed out".to_string()
    } else {
        let mut innermost: &dyn std::error::Error = e;
        while let Some(next) = innermost.source() {
            innermost = next;
        }
        let detail = innermost.to_string();
        if e.is_connect() {
            format!("cannot connect: {detail}")
        } else if e.is_body() || e.is_decode() {
            format!("transfer failed: {detail}")
        } else {
            detail
        }
    };
    Error::Network { url: url.to_string(), reason }
}

/// "2 h 5 min", "40 s": for messages.
pub fn human_duration(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0..=119 => format!("{s} s"),
        120..=7199 => format!("{} min", s / 60),
        _ => format!("{} h {} min", s / 3600, (s % 3600) / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_urls() {
        assert!(parse_http_url("https://example.com/feed").is_ok());
        assert!(parse_http_url("file:///etc/passwd").is_err());
        assert!(parse_http_url("javascript:alert(1)").is_err());
        assert!(parse_http_url("not a url").is_err());
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after("120"), Some(Duration::from_secs(120)));
        assert_eq!(parse_retry_after("99999999"), Some(Duration::from_secs(7 * 24 * 3600)));
        assert!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT").is_some());
        assert_eq!(parse_retry_after("soon"), None);
    }
}
