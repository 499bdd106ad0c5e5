//! Atom 1.0 and its predecessor 0.3, including the text constructs
//! (text, html, xhtml) and xml:base-relative links.

use super::date::parse_date;
use super::xml::{Document, Element, Ns};
use super::{non_empty, push_category, TextValue};
use crate::model::{Enclosure, FeedFormat, ParsedEntry, ParsedFeed, Person};

/// Atom elements; a `<feed>` without a namespace is read as Atom too.
const ATOM: &[Ns] = &[Ns::Atom10, Ns::Atom03, Ns::None];
const DC: &[Ns] = &[Ns::Dc];
const DCTERMS: &[Ns] = &[Ns::DcTerms];

pub fn parse(doc: &Document, format: FeedFormat) -> ParsedFeed {
    let root = &doc.root;
    let feed_authors = authors(root);
    let mut feed = ParsedFeed {
        format,
        title: plain(root, doc, "title").or_else(|| dc_text(root, "title")),
        site_url: link(root, "alternate"),
        feed_url: link(root, "self"),
        description: plain(root, doc, "subtitle").or_else(|| plain(root, doc, "tagline")),
        language: root
            .attr_ns(Ns::Xml, "lang")
            .or(root.attr("lang"))
            .map(|l| l.trim().replace('_', "-"))
            .filter(|l| !l.is_empty())
            // Atom 0.3 feeds often say it with Dublin Core.
            .or_else(|| dc_text(root, "language")),
        published: date(root, &["published", "issued"]),
        updated: date(root, &["updated", "modified"]),
        icon_url: root
            .child(ATOM, "icon")
            .or_else(|| root.child(ATOM, "logo"))
            .and_then(Element::text)
            .map(|u| root.resolve(u)),
        authors: feed_authors.clone(),
        entries: Vec::new(),
        warnings: Vec::new(),
        encoding: "UTF-8",
    };
    for entry in root.children_named(ATOM, "entry") {
        let mut e = parse_entry(entry, doc);
        // RFC 4287 §4.2.1: an entry without an author has the feed's.
        if e.authors.is_empty() {
            e.authors = entry
                .child(ATOM, "source")
                .map(authors)
                .filter(|a| !a.is_empty())
                .unwrap_or_else(|| feed_authors.clone());
        }
        feed.entries.push(e);
    }
    feed
}

/// A standalone Atom Entry Document: a feed of that one entry.
pub fn parse_entry_document(doc: &Document) -> ParsedFeed {
    let format = if doc.root.ns == Ns::Atom03 { FeedFormat::Atom03 } else { FeedFormat::Atom10 };
    ParsedFeed {
        format,
        title: None,
        site_url: None,
        feed_url: None,
        description: None,
        language: doc.root.attr_ns(Ns::Xml, "lang").map(|l| l.trim().to_string()),
        published: None,
        updated: None,
        icon_url: None,
        authors: Vec::new(),
        entries: vec![parse_entry(&doc.root, doc)],
        warnings: Vec::new(),
        encoding: "UTF-8",
    }
}

fn dc_text(el: &Element, name: &str) -> Option<String> {
    el.child(DC, name).and_then(Element::text).map(super::text::collapse_whitespace)
}

fn dc_date(el: &Element) -> Option<chrono::DateTime<chrono::Utc>> {
    el.children
        .iter()
        .filter(|c| c.is(DC, "date") || c.is(DCTERMS, "modified"))
        .find_map(|c| c.text().and_then(parse_date))
}

fn parse_entry(entry: &Element, doc: &Document) -> ParsedEntry {
    let mut categories = Vec::new();
    for c in &entry.children {
        if c.is(ATOM, "category") {
            if let Some(t) = c.attr("term").filter(|t| !t.trim().is_empty()).or(c.attr("label")).or(c.text()) {
                push_category(&mut categories, t);
            }
        } else if c.is(DC, "subject") {
            if let Some(t) = c.text() {
                push_category(&mut categories, t);
            }
        }
    }
    let enclosures = entry
        .children_named(ATOM, "link")
        .filter(|l| l.attr("rel").map(str::trim) == Some("enclosure"))
        .filter_map(|l| {
            Some(Enclosure {
                url: l.resolve(l.attr("href").filter(|h| !h.trim().is_empty())?),
                mime_type: l.attr("type").map(|t| t.trim().to_string()),
                length: l.attr("length").and_then(|v| v.trim().parse().ok()),
            })
        })
        .collect();
    let content = entry.child(ATOM, "content").filter(|c| c.attr("src").is_none()).and_then(|c| text_construct(c, doc));
    let comments_url = entry
        .children_named(ATOM, "link")
        .find(|l| l.attr("rel") == Some("replies") && l.attr("type").is_none_or(is_html_type))
        .and_then(|l| l.attr("href").map(|h| l.resolve(h)));
    let comments_feed_url =
        entry.child(&[Ns::Wfw], "commentrss").and_then(Element::text).map(|u| entry.resolve(u)).or_else(|| {
            entry
                .children_named(ATOM, "link")
                .find(|l| l.attr("rel") == Some("replies"))
                .and_then(|l| l.attr("href").map(|h| l.resolve(h)))
        });
    ParsedEntry {
        guid: entry.child(ATOM, "id").and_then(Element::text).map(str::to_string),
        url: link(entry, "alternate"),
        title: plain(entry, doc, "title").or_else(|| dc_text(entry, "title")),
        authors: {
            let atom = authors(entry);
            if atom.is_empty() {
                // Atom 0.3 feeds often name people with Dublin Core.
                entry
                    .children_named(DC, "creator")
                    .filter_map(Element::text)
                    .filter_map(super::person_from_text)
                    .collect()
            } else {
                atom
            }
        },
        published: date(entry, &["published", "issued", "created"])
            .or_else(|| entry.child(DCTERMS, "issued").and_then(Element::text).and_then(parse_date)),
        updated: date(entry, &["updated", "modified"]).or_else(|| dc_date(entry)),
        categories,
        summary_html: entry
            .child(ATOM, "summary")
            .and_then(|s| text_construct(s, doc))
            .map(TextValue::into_html)
            .or_else(|| super::rss::media_description(entry)),
        content_html: content.map(TextValue::into_html),
        comments_url: comments_url.or_else(|| comments_feed_url.clone()),
        comments_feed_url,
        enclosures,
        base_url: entry.base.as_ref().map(|b| b.to_string()),
    }
}

fn is_html_type(t: &str) -> bool {
    let t = t.trim().to_ascii_lowercase();
    t.is_empty() || t == "text/html" || t == "application/xhtml+xml" || t == "html"
}

/// The href of the link with this rel (a link without rel is "alternate"),
/// preferring one of an HTML type.
fn link(el: &Element, rel: &str) -> Option<String> {
    let with_rel = || el.children_named(ATOM, "link").filter(|l| l.attr("rel").map_or("alternate", str::trim) == rel);
    let chosen = with_rel().find(|l| l.attr("type").is_none_or(is_html_type)).or_else(|| with_rel().next())?;
    // Some feeds write the URL as the element's text instead of `href`.
    non_empty(chosen.attr("href").or_else(|| chosen.text()).map(|h| chosen.resolve(h)))
}

fn plain(el: &Element, doc: &Document, name: &str) -> Option<String> {
    el.child(ATOM, name).and_then(|t| text_construct(t, doc)).map(TextValue::into_plain).filter(|t| !t.is_empty())
}

fn date(el: &Element, names: &[&str]) -> Option<chrono::DateTime<chrono::Utc>> {
    names.iter().find_map(|n| el.children_named(ATOM, n).find_map(|c| c.text().and_then(parse_date)))
}

/// The people of Atom `author` elements.
pub(crate) fn authors(el: &Element) -> Vec<Person> {
    el.children
        .iter()
        .filter(|c| {
            c.is(&[Ns::Atom10, Ns::Atom03], "author")
                || (c.ns == Ns::None && c.name == "author" && !c.children.is_empty())
        })
        .filter_map(|a| {
            let field = |name: &str| {
                a.children
                    .iter()
                    .find(|c| c.name == name)
                    .map(|c| super::text::collapse_whitespace(&c.deep_text()))
                    .filter(|v| !v.is_empty())
            };
            let p = Person {
                name: field("name"),
                email: field("email"),
                uri: field("uri").or_else(|| field("url")).map(|u| a.resolve(&u)),
            };
            (p.name.is_some() || p.email.is_some()).then_some(p)
        })
        .collect()
}

/// An Atom text construct: `type="text"`, `"html"` or `"xhtml"` (and Atom
/// 0.3's MIME types and `mode`).
pub(crate) fn text_construct(el: &Element, doc: &Document) -> Option<TextValue> {
    let kind = el.attr("type").map(|t| t.trim().to_ascii_lowercase()).unwrap_or_default();
    let mode = el.attr("mode").unwrap_or("");
    if mode == "base64" || is_opaque_mime_type(&kind) {
        if let Some(decoded) = decode_base64(&el.text) {
            let html = matches!(kind.as_str(), "html" | "text/html" | "xhtml" | "application/xhtml+xml");
            let value = if html { TextValue::Html(decoded) } else { TextValue::Text(decoded) };
            return (!value.is_empty()).then_some(value);
        }
    }
    let value = match kind.as_str() {
        "xhtml" | "application/xhtml+xml" => {
            let inner =
                el.children.iter().find(|c| c.name == "div" && (c.ns == Ns::Xhtml || c.ns == el.ns)).unwrap_or(el);
            TextValue::Html(inner.inner_markup(&doc.src).to_string())
        }
        _ if mode == "xml" || !el.children.is_empty() => TextValue::Html(el.inner_markup(&doc.src).to_string()),
        "html" | "text/html" => TextValue::Html(el.text.clone()),
        "" | "text" | "text/plain" if mode != "escaped" => TextValue::Text(el.text.clone()),
        _ => TextValue::Html(el.text.clone()),
    };
    (!value.is_empty()).then_some(value)
}

/// A MIME type whose content Atom carries base64-encoded (RFC 4287
/// §4.1.3.3): neither text nor XML.
fn is_opaque_mime_type(kind: &str) -> bool {
    kind.contains('/') && !kind.starts_with("text/") && !kind.ends_with("+xml") && !kind.ends_with("/xml")
}

/// Base64 text as UTF-8 (lossy), ignoring the whitespace feeds wrap it in;
/// None when it is not base64 after all.
fn decode_base64(s: &str) -> Option<String> {
    use base64::Engine;
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    let bytes = engine.decode(compact).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}
