//! Reading a feed without a library: `inspect` (the feed exactly as Tidings
//! understands it) and "Open with Tidings" (which feed a link or a feed file
//! handed over by the desktop names).

use crate::error::{Error, Result};
use crate::fetch::{parse_http_url, FetchConfig, Fetcher, Validators};
use crate::model::ParsedFeed;
use crate::parse::parse_feed;
use crate::prepare::prepare_entries;
use crate::view::{InspectedEntry, InspectedFeed};

/// What "Open with Tidings" (a `feed:` link, a web address, or a feed file
/// handed over by the desktop) should subscribe to: an http(s) URL. A feed
/// file must say where it lives online (`atom:link rel="self"`).
pub fn subscription_url_for(arg: &str) -> Result<String> {
    let arg = arg.trim();
    let web = match arg.strip_prefix("feed:") {
        Some(rest) if rest.starts_with("//") => Some(format!("http:{rest}")),
        Some(rest) => Some(rest.to_string()),
        None if arg.starts_with("http://") || arg.starts_with("https://") => Some(arg.to_string()),
        None => None,
    };
    if let Some(url) = web {
        return Ok(parse_http_url(&url)?.to_string());
    }
    let path = arg.strip_prefix("file://").unwrap_or(arg);
    let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.to_string(), source })?;
    let feed = parse_feed(&bytes, None, None).map_err(|e| Error::NotAFeed { url: path.to_string(), reason: e.0 })?;
    feed.feed_url
        .ok_or_else(|| Error::Invalid(format!("{path}: the feed file does not say where the feed lives online")))
}

/// Reads a feed from a URL or a local file without any library: the feed as
/// Tidings understands it.
pub async fn inspect(source: &str) -> Result<InspectedFeed> {
    let looks_like_url = source.starts_with("http://") || source.starts_with("https://");
    let (feed, base) = if looks_like_url {
        let fetcher = Fetcher::new(FetchConfig::default())?;
        let fetched = fetcher.fetch(source, &Validators::default()).await?;
        let body =
            fetched.body.ok_or_else(|| Error::NotAFeed { url: source.to_string(), reason: "empty response".into() })?;
        let feed = parse_feed(&body.bytes, body.content_type.as_deref(), Some(&fetched.final_url))
            .map_err(|e| Error::NotAFeed { url: source.to_string(), reason: e.0 })?;
        (feed, Some(fetched.final_url))
    } else {
        let bytes = std::fs::read(source).map_err(|e| Error::Io { path: source.to_string(), source: e })?;
        let feed =
            parse_feed(&bytes, None, None).map_err(|e| Error::NotAFeed { url: source.to_string(), reason: e.0 })?;
        (feed, None)
    };
    Ok(inspected(&feed, base.as_ref()))
}

/// The inspect view of a parsed feed.
pub fn inspected(feed: &ParsedFeed, base: Option<&url::Url>) -> InspectedFeed {
    let fmt = |d: &chrono::DateTime<chrono::Utc>| crate::parse::date::format_rfc3339(d);
    InspectedFeed {
        format: feed.format.as_str().to_string(),
        title: feed.title.clone(),
        site_url: feed.site_url.clone(),
        language: feed.language.clone(),
        updated: feed.updated.as_ref().map(fmt),
        encoding: feed.encoding.to_string(),
        warnings: feed.warnings.clone(),
        entries: prepare_entries(feed, base)
            .into_iter()
            .map(|a| InspectedEntry {
                guid: a.guid,
                url: a.url,
                title: a.title,
                author: a.author.as_ref().and_then(|p| p.display_name().map(str::to_string)),
                author_email: a.author.as_ref().and_then(|p| p.email.clone()),
                author_url: a.author.as_ref().and_then(|p| p.uri.clone()),
                published: a.published.as_ref().map(fmt),
                updated: a.updated.as_ref().map(fmt),
                categories: a.categories,
                summary: a.summary,
                content_html: a.content_html,
                comments_url: a.comments_url,
                enclosures: a.enclosures,
            })
            .collect(),
    }
}
