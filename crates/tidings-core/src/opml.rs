//! OPML subscription lists: reading what other readers export (folders
//! kept, one level deep) and writing OPML 2.0 that they can read back.

use crate::error::{Error, Result};
use crate::parse::html_escape;
use crate::parse::xml::{parse_document, Element};
use crate::view::Feed;
pub use crate::view::{OpmlFeed, OpmlSkipped};

/// What an OPML file holds.
#[derive(Debug, Default)]
pub struct OpmlDocument {
    pub feeds: Vec<OpmlFeed>,
    pub skipped: Vec<OpmlSkipped>,
}

/// Reads an OPML document. Outlines with an `xmlUrl` are feeds; outlines
/// with children are folders (the innermost one names the feed's folder).
/// Feed URLs must be http or https (`feed:` is read as the http URL it
/// stands for); anything else is reported and skipped.
///
/// Takes the file's bytes and decodes them as a feed is decoded (BOM, then
/// the XML prolog's encoding): OPML files from older Chinese and European
/// readers are often GBK, Big5 or windows-1252.
pub fn parse_opml(bytes: &[u8]) -> Result<OpmlDocument> {
    let text = crate::parse::encoding::decode(bytes, None).text;
    let doc = parse_document(&text, None).ok_or_else(|| Error::Opml("not an XML document".into()))?;
    if doc.root.name != "opml" {
        return Err(Error::Opml(format!("the root element is <{}>, not <opml>", doc.root.name)));
    }
    let body =
        doc.root.children.iter().find(|c| c.name == "body").ok_or_else(|| Error::Opml("no <body> element".into()))?;
    let mut out = OpmlDocument::default();
    for outline in body.children.iter().filter(|c| c.name == "outline") {
        walk(outline, None, &mut out);
    }
    Ok(out)
}

fn attr<'a>(el: &'a Element, name: &str) -> Option<&'a str> {
    el.attr(name).map(str::trim).filter(|v| !v.is_empty())
}

fn walk(outline: &Element, folder: Option<&str>, out: &mut OpmlDocument) {
    let title = attr(outline, "title").or(attr(outline, "text")).map(str::to_string);
    if let Some(url) = attr(outline, "xmlurl") {
        match http_url(url) {
            Some(url) => out.feeds.push(OpmlFeed {
                url,
                title,
                site_url: attr(outline, "htmlurl").and_then(http_url),
                folder: folder.map(str::to_string),
            }),
            None => out.skipped.push(OpmlSkipped {
                entry: title.map_or_else(|| url.to_string(), |t| format!("{t} ({url})")),
                reason: "not an http or https URL".into(),
            }),
        }
        return;
    }
    let children: Vec<&Element> = outline.children.iter().filter(|c| c.name == "outline").collect();
    if children.is_empty() {
        // An outline that is neither a feed nor a folder: a link, a note.
        if let Some(t) = title {
            out.skipped.push(OpmlSkipped { entry: t, reason: "no feed URL (xmlUrl)".into() });
        }
        return;
    }
    let name = title.as_deref().or(folder);
    for child in children {
        walk(child, name, out);
    }
}

fn http_url(url: &str) -> Option<String> {
    let url = url.trim();
    // `feed:https://x` and `feed://x` name the http feed they wrap.
    let url = match url.strip_prefix("feed:") {
        Some(rest) if rest.starts_with("//") => format!("http:{rest}"),
        Some(rest) => rest.to_string(),
        None => url.to_string(),
    };
    crate::fetch::parse_http_url(&url).ok().map(String::from)
}

/// Writes OPML 2.0: feeds without a folder at the top, then one outline per
/// folder holding its feeds.
pub fn write_opml(feeds: &[Feed], now: &str) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n");
    out.push_str(&format!(
        "    <title>Tidings subscriptions</title>\n    <dateCreated>{}</dateCreated>\n",
        html_escape(now)
    ));
    out.push_str("  </head>\n  <body>\n");
    let outline = |f: &Feed, indent: &str| {
        let mut s = format!(
            "{indent}<outline type=\"rss\" text=\"{t}\" title=\"{t}\" xmlUrl=\"{u}\"",
            t = html_escape(&f.title),
            u = html_escape(&f.url)
        );
        if let Some(site) = &f.site_url {
            s.push_str(&format!(" htmlUrl=\"{}\"", html_escape(site)));
        }
        s.push_str("/>\n");
        s
    };
    for f in feeds.iter().filter(|f| f.folder.is_none()) {
        out.push_str(&outline(f, "    "));
    }
    let mut folders: Vec<&str> = Vec::new();
    for name in feeds.iter().filter_map(|f| f.folder.as_deref()) {
        if !folders.contains(&name) {
            folders.push(name);
        }
    }
    for folder in folders {
        out.push_str(&format!("    <outline text=\"{n}\" title=\"{n}\">\n", n = html_escape(folder)));
        for f in feeds.iter().filter(|f| f.folder.as_deref() == Some(folder)) {
            out.push_str(&outline(f, "      "));
        }
        out.push_str("    </outline>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_and_bad_entries() {
        let doc = parse_opml(
            br#"<?xml version="1.0"?><opml version="1.0"><head/><body>
              <outline text="Top" xmlUrl="https://a.example/feed"/>
              <outline text="News"><outline title="BBC" xmlUrl="http://bbc.example/rss" htmlUrl="http://bbc.example/"/>
                <outline text="Local"><outline text="Town" xmlURL="https://town.example/atom"/></outline></outline>
              <outline text="Evil" xmlUrl="javascript:alert(1)"/>
              <outline text="File" xmlUrl="file:///etc/passwd"/>
              <outline text="Wrapped" xmlUrl="feed://w.example/rss"/>
              <outline text="Just a link" type="link" url="https://x.example/"/>
            </body></opml>"#,
        )
        .unwrap();
        let got: Vec<(&str, Option<&str>)> = doc.feeds.iter().map(|f| (f.url.as_str(), f.folder.as_deref())).collect();
        assert_eq!(
            got,
            [
                ("https://a.example/feed", None),
                ("http://bbc.example/rss", Some("News")),
                ("https://town.example/atom", Some("Local")),
                ("http://w.example/rss", None)
            ]
        );
        assert_eq!(doc.skipped.len(), 3);
    }

    #[test]
    fn legacy_encodings_keep_their_names() {
        // 新闻 (news) and 科技 (technology) in GBK, Big5's 新聞, windows-1252's "Café".
        for (encoding, folder, title) in
            [("GBK", "新闻", "科技"), ("Big5", "新聞", "科技"), ("windows-1252", "Café", "Élysée")]
        {
            let text = format!(
                r#"<?xml version="1.0" encoding="{encoding}"?><opml version="1.0"><body>
                  <outline text="{folder}"><outline text="{title}" xmlUrl="https://a.example/feed"/></outline>
                </body></opml>"#
            );
            let (bytes, _, lossy) = encoding_rs::Encoding::for_label(encoding.as_bytes()).unwrap().encode(&text);
            assert!(!lossy);
            let doc = parse_opml(&bytes).unwrap();
            assert_eq!(doc.feeds[0].folder.as_deref(), Some(folder), "{encoding}");
            assert_eq!(doc.feeds[0].title.as_deref(), Some(title), "{encoding}");
        }
    }

    #[test]
    fn not_opml() {
        assert!(parse_opml(b"<rss/>").is_err());
        assert!(parse_opml(b"garbage").is_err());
    }
}
