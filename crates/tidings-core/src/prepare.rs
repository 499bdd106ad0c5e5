//! Between parse and store: each parsed entry becomes the article the store
//! writes — HTML sanitized (the last transform; nothing downstream sees raw
//! feed HTML), plain text for the summary and the search index, an identity
//! key and a content hash to tell an update from a repeat.

use crate::model::{Enclosure, ParsedEntry, ParsedFeed, Person};
use crate::parse::{html_to_text, TextValue};
use crate::sanitize::sanitize_html;
use chrono::{DateTime, Utc};
use std::hash::Hasher;
use twox_hash::XxHash3_64;
use url::Url;

/// Longest summary kept, in characters.
const SUMMARY_CHARS: usize = 400;

/// An entry ready to be stored.
#[derive(Debug, Clone)]
pub struct PreparedArticle {
    /// Identity within its feed: the guid, else the link, else a hash of
    /// title and date.
    pub key: String,
    pub guid: Option<String>,
    pub url: Option<String>,
    pub title: String,
    pub author: Option<Person>,
    pub published: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    pub categories: Vec<String>,
    /// Plain text.
    pub summary: String,
    /// Sanitized HTML.
    pub content_html: String,
    /// Plain text of the content, for search.
    pub body_text: String,
    pub comments_url: Option<String>,
    pub comments_feed_url: Option<String>,
    pub enclosures: Vec<Enclosure>,
    /// Changes whenever anything stored above changes.
    pub content_hash: i64,
}

/// Prepares every entry of a feed. `document_url` is where the feed came
/// from (the base for relative URLs when the feed sets none).
pub fn prepare_entries(feed: &ParsedFeed, document_url: Option<&Url>) -> Vec<PreparedArticle> {
    let mut seen = std::collections::HashSet::new();
    feed.entries
        .iter()
        .enumerate()
        .map(|(i, e)| prepare_entry(e, i, document_url))
        // A feed that repeats an item: the first one counts.
        .filter(|a| seen.insert(a.key.clone()))
        .collect()
}

fn prepare_entry(e: &ParsedEntry, position: usize, document_url: Option<&Url>) -> PreparedArticle {
    let base = e.base_url.as_deref().and_then(|b| Url::parse(b).ok()).or_else(|| document_url.cloned());
    let content_raw = e.content_html.as_deref().or(e.summary_html.as_deref()).unwrap_or("");
    let content_html = sanitize_html(content_raw, base.as_ref());
    let body_text = html_to_text(&content_html);
    let summary = match (&e.summary_html, &e.content_html) {
        // Plain text only: the text scanner skips scripts and styles, so
        // the summary needs no sanitizing pass of its own.
        (Some(s), Some(_)) => summarise(&html_to_text(s)),
        _ => summarise(&body_text),
    };
    let title = e.title.clone().filter(|t| !t.is_empty()).unwrap_or_else(|| untitled(&summary));
    let url = e.url.clone().filter(|u| is_web_url(u));
    let guid = e.guid.clone().map(|g| g.trim().to_string()).filter(|g| !g.is_empty());
    let key = guid.clone().or_else(|| url.clone()).unwrap_or_else(|| {
        let mut h = XxHash3_64::default();
        h.write(title.as_bytes());
        h.write(e.published.or(e.updated).map(|d| d.timestamp()).unwrap_or(0).to_string().as_bytes());
        h.write(summary.as_bytes());
        if e.title.is_none() && summary.is_empty() {
            // Nothing tells such entries apart but where they stand.
            h.write_usize(position);
        }
        format!("hash:{:016x}", h.finish())
    });
    let author = e.authors.iter().find(|p| p.display_name().is_some()).cloned();
    let mut a = PreparedArticle {
        key,
        guid,
        url,
        title,
        author,
        published: e.published,
        updated: e.updated,
        categories: e.categories.clone(),
        summary,
        content_html,
        body_text,
        comments_url: e.comments_url.clone().filter(|u| is_web_url(u)),
        comments_feed_url: e.comments_feed_url.clone().filter(|u| is_web_url(u)),
        enclosures: e.enclosures.iter().filter(|en| is_web_url(&en.url)).cloned().collect(),
        content_hash: 0,
    };
    a.content_hash = hash_article(&a);
    a
}

use crate::parse::is_web_url;

fn hash_article(a: &PreparedArticle) -> i64 {
    let mut h = XxHash3_64::default();
    let mut field = |s: &str| {
        h.write(s.as_bytes());
        h.write_u8(0xff);
    };
    field(a.url.as_deref().unwrap_or(""));
    field(&a.title);
    if let Some(p) = &a.author {
        field(p.name.as_deref().unwrap_or(""));
        field(p.email.as_deref().unwrap_or(""));
        field(p.uri.as_deref().unwrap_or(""));
    }
    field(&a.published.map(|d| d.timestamp()).unwrap_or(0).to_string());
    field(&a.updated.map(|d| d.timestamp()).unwrap_or(0).to_string());
    for c in &a.categories {
        field(c);
    }
    field(&a.summary);
    field(&a.content_html);
    field(a.comments_url.as_deref().unwrap_or(""));
    for e in &a.enclosures {
        field(&e.url);
    }
    h.finish() as i64
}

/// The start of a text, on one line, cut at a word near [`SUMMARY_CHARS`].
fn summarise(text: &str) -> String {
    // Only the start matters: look at a little more than will be kept.
    let head = match text.char_indices().nth(SUMMARY_CHARS * 2) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    truncate_words(&TextValue::Text(head.to_string()).into_plain(), SUMMARY_CHARS)
}

/// The title of an entry without one: the start of its text.
fn untitled(summary: &str) -> String {
    if summary.is_empty() {
        "Untitled".to_string()
    } else {
        truncate_words(summary, 80)
    }
}

/// Cuts text at a word boundary near `max` characters, adding "…".
pub fn truncate_words(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    // CJK text has no spaces: cut anywhere. Elsewhere, at the last space.
    let cut = match cut.rfind(' ') {
        Some(i) if i > cut.len() / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_feed;

    fn prepared(xml: &str) -> Vec<PreparedArticle> {
        let base = Url::parse("https://news.example/feed.xml").unwrap();
        let feed = parse_feed(xml.as_bytes(), None, Some(&base)).unwrap();
        prepare_entries(&feed, Some(&base))
    }

    #[test]
    fn identity_is_guid_then_link_then_hash() {
        let a = prepared(
            "<rss version='2.0'><channel><title>T</title>
              <item><guid isPermaLink='false'>g1</guid><link>https://news.example/1</link><title>one</title></item>
              <item><link>https://news.example/2</link><title>two</title></item>
              <item><title>three</title><description>text</description></item>
              <item><guid isPermaLink='false'>g1</guid><title>repeat</title></item>
            </channel></rss>",
        );
        assert_eq!(a.len(), 3);
        assert_eq!(a[0].key, "g1");
        assert_eq!(a[1].key, "https://news.example/2");
        assert!(a[2].key.starts_with("hash:"));
    }

    #[test]
    fn content_is_sanitized_and_summarised() {
        let a = prepared(
            "<rss version='2.0'><channel><item><title>Hi &amp; bye</title>
             <description>&lt;p onclick='x()'&gt;Short &lt;a href='/more'&gt;more&lt;/a&gt;&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description>
             </item></channel></rss>",
        );
        assert_eq!(a[0].title, "Hi & bye");
        assert_eq!(a[0].summary, "Short more");
        assert!(a[0].content_html.contains("href=\"https://news.example/more\""), "{}", a[0].content_html);
        assert!(!a[0].content_html.contains("script") && !a[0].content_html.contains("onclick"));
    }

    #[test]
    fn truncation_keeps_words() {
        assert_eq!(truncate_words("one two three four", 9), "one two…");
        assert_eq!(truncate_words("西部地区投资", 3), "西部地…");
    }
}
