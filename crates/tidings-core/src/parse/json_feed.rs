//! JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1). Read through
//! `serde_json::Value` rather than typed structs, because real feeds put
//! numbers where strings belong (ids, sizes) and a typed read would reject
//! the whole document for one such field.

use super::date::parse_date;
use super::xml::resolve_url;
use super::{non_empty, push_category, NotAFeed, TextValue};
use crate::model::{Enclosure, FeedFormat, ParsedEntry, ParsedFeed, Person};
use serde_json::Value;
use url::Url;

pub fn parse(text: &str, base_url: Option<&Url>) -> Result<ParsedFeed, NotAFeed> {
    let v: Value = serde_json::from_str(text).map_err(|e| NotAFeed(format!("invalid JSON: {e}")))?;
    let version = v.get("version").and_then(Value::as_str).unwrap_or("");
    let items = v.get("items").and_then(Value::as_array);
    if !version.contains("jsonfeed.org") && items.is_none() {
        return Err(NotAFeed("JSON, but not a JSON Feed".into()));
    }
    let format =
        if version.ends_with("/1") || version.ends_with("/1.0") { FeedFormat::Json10 } else { FeedFormat::Json11 };
    let feed_base = str_field(&v, "feed_url").and_then(|u| Url::parse(&u).ok()).or_else(|| base_url.cloned());
    let base = feed_base.as_ref();
    let feed_authors = people(&v, base);
    let entries = items
        .map(|items| items.iter().filter(|i| i.is_object()).map(|i| parse_item(i, base, &feed_authors)).collect())
        .unwrap_or_default();
    Ok(ParsedFeed {
        format,
        title: str_field(&v, "title").map(|t| TextValue::Text(t).into_plain()),
        site_url: str_field(&v, "home_page_url").map(|u| resolve_url(base, &u)),
        feed_url: str_field(&v, "feed_url"),
        description: str_field(&v, "description"),
        language: str_field(&v, "language"),
        published: None,
        updated: None,
        icon_url: str_field(&v, "icon").or_else(|| str_field(&v, "favicon")).map(|u| resolve_url(base, &u)),
        authors: feed_authors,
        entries,
        warnings: Vec::new(),
        encoding: "UTF-8",
    })
}

fn parse_item(item: &Value, base: Option<&Url>, feed_authors: &[Person]) -> ParsedEntry {
    let mut categories = Vec::new();
    match item.get("tags") {
        Some(Value::Array(tags)) => {
            for t in tags.iter().filter_map(scalar_string) {
                push_category(&mut categories, &t);
            }
        }
        // Not what the spec says (an array), but what some feeds write:
        // "tag one,tag two".
        Some(Value::String(tags)) => {
            for t in super::split_keywords(tags) {
                push_category(&mut categories, &t);
            }
        }
        _ => {}
    }
    let content = str_field(item, "content_html")
        .or_else(|| str_field(item, "content_text").map(|t| TextValue::Text(t).into_html()));
    let enclosures = item
        .get("attachments")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|att| {
                    Some(Enclosure {
                        url: resolve_url(base, &str_field(att, "url")?),
                        mime_type: str_field(att, "mime_type"),
                        length: att
                            .get("size_in_bytes")
                            .and_then(|s| s.as_u64().or_else(|| s.as_str()?.trim().parse().ok())),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let authors = people(item, base);
    let url =
        non_empty(str_field(item, "url")).or_else(|| str_field(item, "external_url")).map(|u| resolve_url(base, &u));
    ParsedEntry {
        guid: item.get("id").and_then(scalar_string).filter(|s| !s.is_empty()),
        url,
        title: str_field(item, "title").map(|t| TextValue::Text(t).into_plain()).filter(|t| !t.is_empty()),
        authors: if authors.is_empty() { feed_authors.to_vec() } else { authors },
        published: str_field(item, "date_published").and_then(|d| parse_date(&d)),
        updated: str_field(item, "date_modified").and_then(|d| parse_date(&d)),
        categories,
        summary_html: str_field(item, "summary").map(|s| TextValue::Text(s).into_html()),
        content_html: content,
        comments_url: None,
        comments_feed_url: None,
        enclosures,
        base_url: base.map(|b| b.to_string()),
    }
}

/// `authors` (1.1) or `author` (1.0).
fn people(v: &Value, base: Option<&Url>) -> Vec<Person> {
    let one = |a: &Value| {
        let p =
            Person { name: str_field(a, "name"), email: None, uri: str_field(a, "url").map(|u| resolve_url(base, &u)) };
        match p.uri.as_deref().and_then(|u| u.strip_prefix("mailto:")) {
            Some(email) => Some(Person { email: Some(email.to_string()), uri: None, ..p }),
            None => p.name.is_some().then_some(p),
        }
    };
    match (v.get("authors").and_then(Value::as_array), v.get("author")) {
        (Some(list), _) => list.iter().filter_map(one).collect(),
        (None, Some(a)) => one(a).into_iter().collect(),
        _ => Vec::new(),
    }
}

fn str_field(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

fn scalar_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
