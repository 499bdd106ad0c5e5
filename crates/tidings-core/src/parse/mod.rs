//! Feed documents to [`ParsedFeed`]: decode the bytes, sniff the format,
//! read the tree, map it. Parsing never fails on a partly broken feed: what
//! can be read is returned, with warnings; only a document that is not a
//! feed at all is an error.
//!
//! Each format has its own module that turns the tree into the one model
//! (`rss` covers RSS 0.9x, 1.0/RDF and 2.0; `atom` covers 0.3 and 1.0;
//! `json_feed` covers JSON Feed 1.0 and 1.1). Later steps never see a
//! format-specific type.

mod atom;
pub mod date;
pub mod encoding;
mod json_feed;
mod rss;
mod text;
pub mod xml;

use crate::model::{FeedFormat, ParsedFeed, Person};
use url::Url;
use xml::{Element, Ns};

pub use text::{html_escape, html_to_text, TextValue};

/// Why a document could not be read as a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAFeed(pub String);

impl std::fmt::Display for NotAFeed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parses a feed from raw bytes. `content_type` is the HTTP Content-Type, if
/// any (its charset is used for decoding); `base_url` is where the document
/// came from, so that relative links can be resolved.
pub fn parse_feed(bytes: &[u8], content_type: Option<&str>, base_url: Option<&Url>) -> Result<ParsedFeed, NotAFeed> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(NotAFeed("the document is empty".into()));
    }
    let http_charset = content_type.and_then(encoding::charset_of_content_type);
    let decoded = encoding::decode(bytes, http_charset);
    let text: &str = &decoded.text;
    let trimmed = text.trim_start_matches(|c: char| c == '\u{FEFF}' || c.is_whitespace());

    let mut feed =
        if trimmed.starts_with('{') { json_feed::parse(trimmed, base_url)? } else { parse_xml(text, base_url)? };
    feed.encoding = decoded.encoding;
    // Only web links leave the parser: a site link of `javascript:` is a
    // trap, and `mailto:`, `ftp:` or a relative path is no site.
    feed.site_url = feed.site_url.filter(|u| is_web_url(u));
    feed.icon_url = feed.icon_url.filter(|u| is_web_url(u));
    feed.feed_url = feed.feed_url.filter(|u| is_web_url(u));
    if let Some(w) = decoded.warning {
        feed.warnings.insert(0, w);
    }
    Ok(feed)
}

fn parse_xml(text: &str, base_url: Option<&Url>) -> Result<ParsedFeed, NotAFeed> {
    let doc = xml::parse_document(text, base_url).ok_or_else(|| NotAFeed("no XML element found".into()))?;
    let root = &doc.root;
    let mut feed = match (root.ns, root.name.as_str()) {
        (_, "rss") => rss::parse(&doc, rss_version(root)),
        (Ns::Rdf, "rdf") | (Ns::Rss10 | Ns::Rss090, "channel") => {
            let format = match root.children.iter().find(|c| c.name == "channel").map(|c| c.ns) {
                Some(Ns::Rss090) => FeedFormat::Rss090,
                _ => FeedFormat::Rss10,
            };
            rss::parse(&doc, format)
        }
        (Ns::Atom03, "feed") => atom::parse(&doc, FeedFormat::Atom03),
        // A standalone Atom Entry Document (RFC 4287 §4.1.2): a feed of one.
        (Ns::Atom10 | Ns::Atom03, "entry") => atom::parse_entry_document(&doc),
        (Ns::Atom10 | Ns::None, "feed") => {
            let format = if root.attr("version") == Some("0.3") { FeedFormat::Atom03 } else { FeedFormat::Atom10 };
            atom::parse(&doc, format)
        }
        (_, "html") | (Ns::Xhtml, _) => return Err(NotAFeed("an HTML page".into())),
        (_, "opml") => return Err(NotAFeed("an OPML subscription list".into())),
        (_, name) => return Err(NotAFeed(format!("unknown document type <{name}>"))),
    };
    let mut warnings = doc.warnings;
    warnings.append(&mut feed.warnings);
    feed.warnings = warnings;
    Ok(feed)
}

fn rss_version(root: &Element) -> FeedFormat {
    match root.attr("version").map(str::trim) {
        Some("0.91") => FeedFormat::Rss091U,
        Some("0.92") => FeedFormat::Rss092,
        Some("0.93") => FeedFormat::Rss093,
        Some("0.94") => FeedFormat::Rss094,
        Some(v) if v.starts_with("2.") => FeedFormat::Rss20,
        _ => FeedFormat::Rss,
    }
}

/// Reads an RSS-style person: `jane@example.com (Jane Doe)`,
/// `Jane Doe <jane@example.com>`, or just a name or an address.
pub(crate) fn person_from_text(s: &str) -> Option<Person> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let email_at = s.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '<' | '>')).find(|w| {
        let w = w.trim_start_matches("mailto:");
        w.contains('@') && w.contains('.') && !w.starts_with('@')
    });
    let Some(email) = email_at else {
        return Some(Person { name: Some(s.to_string()), ..Person::default() });
    };
    let rest = s.replacen(email, "", 1).replace("()", "").replace("<>", "");
    let name = rest.trim().trim_start_matches(['(', '<']).trim_end_matches([')', '>']).trim();
    Some(Person {
        name: (!name.is_empty()).then(|| name.to_string()),
        email: Some(email.trim_start_matches("mailto:").to_string()),
        uri: None,
    })
}

/// An absolute http or https URL.
pub fn is_web_url(u: &str) -> bool {
    url::Url::parse(u.trim()).is_ok_and(|p| (p.scheme() == "http" || p.scheme() == "https") && p.host_str().is_some())
}

/// Splits a comma-separated keyword list (itunes:keywords, media:keywords).
pub(crate) fn split_keywords(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(',').map(str::trim).filter(|k| !k.is_empty()).map(str::to_string)
}

/// Adds a category unless it is empty or already there (case-insensitively).
pub(crate) fn push_category(out: &mut Vec<String>, name: &str) {
    let name = text::collapse_whitespace(name);
    if !name.is_empty() && !out.iter().any(|c| c.to_lowercase() == name.to_lowercase()) {
        out.push(name);
    }
}

/// Raw inner markup used as HTML: CDATA sections become their content.
pub(crate) fn strip_cdata_markers(s: &str) -> String {
    s.replace("<![CDATA[", "").replace("]]>", "")
}

/// A link that is only whitespace or a fragment is no link.
pub(crate) fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_in_rss_notation() {
        let p = person_from_text("jane@example.com (Jane Doe)").unwrap();
        assert_eq!((p.name.as_deref(), p.email.as_deref()), (Some("Jane Doe"), Some("jane@example.com")));
        let p = person_from_text("Jane Doe <jane@example.com>").unwrap();
        assert_eq!((p.name.as_deref(), p.email.as_deref()), (Some("Jane Doe"), Some("jane@example.com")));
        let p = person_from_text("Xinhua").unwrap();
        assert_eq!((p.name.as_deref(), p.email), (Some("Xinhua"), None));
    }

    fn one_entry(doc: &str) -> crate::model::ParsedEntry {
        parse_feed(doc.as_bytes(), None, None).unwrap().entries.remove(0)
    }

    /// Atom carries text of a non-text, non-XML MIME type, and Atom 0.3
    /// anything with mode="base64", base64-encoded.
    #[test]
    fn base64_text_constructs_are_decoded() {
        // "Tea <i>time</i>" and "<p>Scones &amp; jam</p>"
        let feed = parse_feed(
            b"<feed xmlns='http://www.w3.org/2005/Atom'>
              <title type='application/octet-stream'>
                VGVhIDxpPnRpbWU8L2k+
              </title>
              <entry><title>t</title><content type='text/html' mode='base64'>PHA+U2NvbmVzICZhbXA7IGphbTwvcD4=</content></entry>
            </feed>",
            None,
            None,
        )
        .unwrap();
        assert_eq!(feed.title.as_deref(), Some("Tea <i>time</i>"));
        assert_eq!(feed.entries[0].content_html.as_deref(), Some("<p>Scones &amp; jam</p>"));
        // Not base64 after all: kept as written.
        let e = one_entry(
            "<feed xmlns='http://www.w3.org/2005/Atom'><entry>
               <title type='application/octet-stream'>not base64!</title></entry></feed>",
        );
        assert_eq!(e.title.as_deref(), Some("not base64!"));
    }

    /// `<body>` and `<summary>` without a namespace in an RSS item are the
    /// XHTML body and Atom summary their feed forgot to declare.
    #[test]
    fn undeclared_body_and_summary_in_rss_items_are_read() {
        let e = one_entry(
            "<rss version='2.0'><channel><item><title>a</title>
               <summary>Short version</summary>
               <body><p>The <b>long</b> version</p></body>
             </item></channel></rss>",
        );
        assert_eq!(e.summary_html.as_deref(), Some("Short version"));
        assert_eq!(e.content_html.as_deref(), Some("<p>The <b>long</b> version</p>"));
    }

    /// Categories in a `<categories>` wrapper, iTunes categories with their
    /// subcategories, and media keywords inside media:content.
    #[test]
    fn categories_in_wrappers_itunes_and_media_content() {
        let e = one_entry(
            "<rss version='2.0' xmlns:itunes='http://www.itunes.com/dtds/podcast-1.0.dtd'
                  xmlns:media='http://search.yahoo.com/mrss/'><channel><item><title>a</title>
               <categories><category>Garden</category><category>Birds</category></categories>
               <itunes:category text='Science'><itunes:category text='Nature'/></itunes:category>
               <media:content url='https://example.org/v.mp4'><media:keywords>owls, wrens</media:keywords></media:content>
             </item></channel></rss>",
        );
        assert_eq!(e.categories, ["Garden", "Birds", "Science", "Nature", "owls", "wrens"]);
    }

    /// JSON Feed `tags` should be an array; a comma-separated string is
    /// read as its tags rather than dropped.
    #[test]
    fn json_feed_tags_given_as_a_string() {
        let e = one_entry(
            r#"{"version": "https://jsonfeed.org/version/1.1", "title": "j",
                "items": [{"id": "1", "content_text": "x", "tags": "knitting, wool,  "}]}"#,
        );
        assert_eq!(e.categories, ["knitting", "wool"]);
    }

    /// Video feeds put an entry's only text in media:description, inside
    /// media:group or media:content.
    #[test]
    fn media_description_is_the_summary_when_there_is_none() {
        let atom = one_entry(
            "<feed xmlns='http://www.w3.org/2005/Atom' xmlns:media='http://search.yahoo.com/mrss/'>
               <entry><id>v1</id><title>Clip</title>
                 <media:group><media:title>Clip</media:title>
                   <media:description>Otters &amp; a
river</media:description></media:group></entry></feed>",
        );
        assert_eq!(atom.summary_html.as_deref(), Some("<p>Otters &amp; a<br>river</p>"));
        let rss = one_entry(
            "<rss version='2.0' xmlns:media='http://search.yahoo.com/mrss/'><channel><item><title>a</title>
               <media:content url='https://example.org/a.mp4'>
                 <media:description type='html'>&lt;b&gt;Loud&lt;/b&gt;</media:description></media:content>
             </item></channel></rss>",
        );
        assert_eq!(rss.summary_html.as_deref(), Some("<b>Loud</b>"));
        let both = one_entry(
            "<rss version='2.0' xmlns:media='http://search.yahoo.com/mrss/'><channel><item>
               <description>Own words</description><media:description>Other</media:description>
             </item></channel></rss>",
        );
        assert_eq!(both.summary_html.as_deref(), Some("Own words"));
    }

    #[test]
    fn atom_language_from_dublin_core() {
        let feed = parse_feed(
            b"<feed xmlns='http://purl.org/atom/ns#' version='0.3' xmlns:dc='http://purl.org/dc/elements/1.1/'>
              <title>t</title><dc:language>nl-BE</dc:language></feed>",
            None,
            None,
        )
        .unwrap();
        assert_eq!(feed.language.as_deref(), Some("nl-BE"));
        let feed = parse_feed(
            b"<feed xmlns='http://www.w3.org/2005/Atom' xml:lang='fr' xmlns:dc='http://purl.org/dc/elements/1.1/'>
              <dc:language>nl-BE</dc:language></feed>",
            None,
            None,
        )
        .unwrap();
        assert_eq!(feed.language.as_deref(), Some("fr"), "xml:lang comes first");
    }

    #[test]
    fn html_and_empty_documents_are_not_feeds() {
        assert!(parse_feed(b"<!DOCTYPE html><html><body>hi</body></html>", None, None).is_err());
        assert!(parse_feed(b"   ", None, None).is_err());
        assert!(parse_feed(b"<opml version='2.0'><body/></opml>", None, None).is_err());
    }
}
