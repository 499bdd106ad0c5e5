//! From a URL the user typed to a feed: the URL itself if it is a feed,
//! else the feeds its page links to (`<link rel="alternate">`), else the
//! places sites usually put them. Nothing is stored here.

use crate::error::{Error, Result};
use crate::fetch::{parse_http_url, Body, Fetched, Fetcher, Validators};
use crate::model::ParsedFeed;
use crate::parse::parse_feed;
use url::Url;

/// Paths tried, in order, when a page links to no feed.
const COMMON_PATHS: &[&str] = &[
    "/feed",
    "/rss",
    "/feed.xml",
    "/rss.xml",
    "/atom.xml",
    "/index.xml",
    "/feed.json",
    "/feed/",
    "/rss/",
    "/index.rss",
    "/feeds/posts/default",
    "/?feed=rss2",
];

/// Link types that announce a feed.
const FEED_TYPES: &[&str] = &[
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
];

/// A feed found for a URL.
pub struct Discovered {
    /// The address to subscribe to.
    pub url: Url,
    pub fetched: Fetched,
    pub feed: ParsedFeed,
}

/// Finds the feed for `input`: the URL itself, or one its page links to, or
/// one at a usual path of its site.
pub async fn discover(fetcher: &Fetcher, input: &str) -> Result<Discovered> {
    let url = parse_http_url(input)?;
    let first = fetcher.fetch(url.as_str(), &Validators::default()).await?;
    let Some(body) = &first.body else {
        return Err(Error::NoFeedFound { url: url.to_string() });
    };
    if let Ok(feed) = parse_feed(&body.bytes, body.content_type.as_deref(), Some(&first.final_url)) {
        let subscribe_to = first.moved_to.clone().unwrap_or(url);
        return Ok(Discovered { url: subscribe_to, fetched: first, feed });
    }
    let page_url = first.final_url.clone();
    let mut candidates = linked_feeds(body, &page_url);
    for path in COMMON_PATHS {
        if let Ok(u) = page_url.join(path) {
            candidates.push(u);
        }
    }
    let mut tried = std::collections::HashSet::new();
    for candidate in candidates {
        if candidate == page_url || !tried.insert(candidate.clone()) {
            continue;
        }
        let Ok(fetched) = fetcher.fetch(candidate.as_str(), &Validators::default()).await else {
            continue;
        };
        let Some(body) = &fetched.body else { continue };
        if let Ok(feed) = parse_feed(&body.bytes, body.content_type.as_deref(), Some(&fetched.final_url)) {
            let subscribe_to = fetched.moved_to.clone().unwrap_or(candidate);
            return Ok(Discovered { url: subscribe_to, fetched, feed });
        }
    }
    Err(Error::NoFeedFound { url: input.trim().to_string() })
}

/// The feed URLs an HTML page announces, in page order.
pub fn linked_feeds(body: &Body, page_url: &Url) -> Vec<Url> {
    let head = &body.bytes[..body.bytes.len().min(2 * 1024 * 1024)];
    let html = String::from_utf8_lossy(head);
    let doc = scraper::Html::parse_document(&html);
    let base = scraper::Selector::parse("base[href]")
        .ok()
        .and_then(|s| doc.select(&s).next().and_then(|b| b.value().attr("href")).and_then(|h| page_url.join(h).ok()))
        .unwrap_or_else(|| page_url.clone());
    let Ok(links) = scraper::Selector::parse("link[href]") else {
        return Vec::new();
    };
    doc.select(&links)
        .filter(|l| {
            let v = l.value();
            let rel = v.attr("rel").unwrap_or("").to_ascii_lowercase();
            let kind = v.attr("type").unwrap_or("").trim().to_ascii_lowercase();
            rel.split_whitespace().any(|r| r == "alternate" || r == "feed") && FEED_TYPES.contains(&kind.as_str())
        })
        .filter_map(|l| base.join(l.value().attr("href")?.trim()).ok())
        .filter(|u| u.scheme() == "http" || u.scheme() == "https")
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_alternate_links() {
        let page = br#"<html><head><base href="https://example.com/blog/">
            <link rel="stylesheet" href="s.css">
            <link rel="alternate" type="application/rss+xml" title="RSS" href="feed.xml">
            <link rel="alternate" type="application/atom+xml" href="/atom.xml">
            <link rel="alternate" type="text/html" href="/other">
            <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
            </head><body></body></html>"#;
        let body = Body { bytes: page.to_vec(), content_type: Some("text/html".into()) };
        let found = linked_feeds(&body, &Url::parse("https://example.com/").unwrap());
        let found: Vec<&str> = found.iter().map(Url::as_str).collect();
        assert_eq!(found, ["https://example.com/blog/feed.xml", "https://example.com/atom.xml"]);
    }
}
