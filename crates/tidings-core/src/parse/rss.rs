//! RSS 0.90, 0.91–0.94, 1.0 (RDF) and 2.0, with the namespaces news feeds
//! use: Dublin Core, content:encoded, media RSS, iTunes, wfw, and Atom links
//! inside RSS.

use super::date::parse_date;
use super::xml::{Document, Element, Ns};
use super::{non_empty, person_from_text, push_category, split_keywords, TextValue};
use crate::model::{Enclosure, FeedFormat, ParsedEntry, ParsedFeed, Person};

/// Where RSS's own elements live: no namespace (0.9x/2.0) or RSS 1.0/0.90's.
const RSS: &[Ns] = &[Ns::None, Ns::Rss10, Ns::Rss090];
const DC: &[Ns] = &[Ns::Dc];
const DCTERMS: &[Ns] = &[Ns::DcTerms];
const ATOM: &[Ns] = &[Ns::Atom10, Ns::Atom03];
const ITUNES: &[Ns] = &[Ns::Itunes];
const MEDIA: &[Ns] = &[Ns::Media];
const CONTENT: &[Ns] = &[Ns::Content];
const XHTML: &[Ns] = &[Ns::Xhtml];

pub fn parse(doc: &Document, format: FeedFormat) -> ParsedFeed {
    let root = &doc.root;
    let channel = if root.name == "channel" { Some(root) } else { root.child(RSS, "channel") };
    let empty = Element {
        ns: Ns::None,
        name: String::new(),
        attrs: Vec::new(),
        children: Vec::new(),
        text: String::new(),
        inner: 0..0,
        base: root.base.clone(),
    };
    let ch = channel.unwrap_or(&empty);

    let mut feed = ParsedFeed {
        format,
        title: first_plain(ch, doc, &[(RSS, "title"), (DC, "title"), (ATOM, "title")]),
        site_url: channel_link(ch),
        feed_url: atom_link(ch, "self"),
        description: first_plain(
            ch,
            doc,
            &[(RSS, "description"), (DC, "description"), (ITUNES, "summary"), (ITUNES, "subtitle")],
        ),
        language: first_text(ch, &[(RSS, "language"), (DC, "language")])
            .or_else(|| root.attr_ns(Ns::Xml, "lang").or(root.attr("lang")).map(str::to_string))
            .map(|l| l.replace('_', "-")),
        published: first_date(ch, &[(RSS, "pubdate"), (DCTERMS, "issued")]),
        updated: first_date(ch, &[(RSS, "lastbuilddate"), (DC, "date"), (DCTERMS, "modified"), (ATOM, "updated")]),
        icon_url: channel_image(ch, root),
        authors: people(ch, doc, &[(RSS, "managingeditor"), (DC, "creator"), (ITUNES, "author")]),
        entries: Vec::new(),
        warnings: Vec::new(),
        encoding: "UTF-8",
    };
    if channel.is_none() {
        feed.warnings.push("no <channel> element".into());
    }
    // Items belong in the channel (RSS 0.9x/2.0) or beside it (RSS 1.0);
    // broken feeds put them in either place, so both are read.
    let items =
        ch.children.iter().chain(root.children.iter().filter(|_| channel.is_some_and(|c| !std::ptr::eq(c, root))));
    for item in items.filter(|e| e.is(RSS, "item")) {
        feed.entries.push(parse_item(item, doc));
    }
    feed
}

fn parse_item(item: &Element, doc: &Document) -> ParsedEntry {
    let guid_el = item.child(RSS, "guid");
    let guid = guid_el.and_then(Element::text).map(str::to_string);
    let guid_is_link =
        guid_el.is_some_and(|g| g.attr("ispermalink").is_none_or(|v| v.trim().eq_ignore_ascii_case("true")));
    let rdf_about = item.attr_ns(Ns::Rdf, "about").map(str::to_string);

    let url = non_empty(item.child(RSS, "link").and_then(|l| l.text()).map(|l| item.resolve(l)))
        .or_else(|| atom_link(item, "alternate"))
        .or_else(|| guid.as_ref().filter(|g| guid_is_link && url::Url::parse(g).is_ok()).map(|g| item.resolve(g)));

    let mut categories = Vec::new();
    for c in item.children.iter() {
        if c.is(RSS, "category") || c.is(DC, "subject") || c.is(MEDIA, "category") {
            if let Some(t) = c.text() {
                push_category(&mut categories, t);
            }
        } else if c.is(ATOM, "category") {
            if let Some(t) = c.attr("term").or(c.attr("label")) {
                push_category(&mut categories, t);
            }
        } else if c.is(ITUNES, "keywords") || c.is(MEDIA, "keywords") {
            for k in split_keywords(&c.text) {
                push_category(&mut categories, &k);
            }
        } else if c.is(RSS, "categories") {
            // A wrapper some publishers put around their <category> list.
            for t in c.children_named(RSS, "category").filter_map(Element::text) {
                push_category(&mut categories, t);
            }
        } else if c.is(ITUNES, "category") {
            itunes_categories(c, &mut categories);
        }
    }
    for m in media_children(item) {
        for c in m.children_named(MEDIA, "category") {
            if let Some(t) = c.text() {
                push_category(&mut categories, t);
            }
        }
        for k in m.children_named(MEDIA, "keywords").flat_map(|k| split_keywords(&k.text)) {
            push_category(&mut categories, &k);
        }
    }

    // `<summary>` and `<body>` without a namespace: Atom's and XHTML's
    // elements written into RSS by feeds that forgot to declare them.
    let summary = first_html(
        item,
        doc,
        &[(RSS, "description"), (DC, "description"), (ATOM, "summary"), (ITUNES, "summary"), (RSS, "summary")],
    )
    .or_else(|| media_description(item));
    let content = first_html(
        item,
        doc,
        &[(CONTENT, "encoded"), (XHTML, "body"), (RSS, "body"), (RSS, "fullitem"), (ATOM, "content")],
    );

    let mut enclosures = Vec::new();
    for e in item.children_named(RSS, "enclosure") {
        if let Some(u) = e.attr("url").or(e.attr("href")).filter(|u| !u.trim().is_empty()) {
            enclosures.push(Enclosure {
                url: e.resolve(u),
                mime_type: e.attr("type").map(|t| t.trim().to_string()).filter(|t| !t.is_empty()),
                length: e.attr("length").and_then(|l| l.trim().parse().ok()),
            });
        }
    }
    for l in item.children_named(ATOM, "link").filter(|l| l.attr("rel") == Some("enclosure")) {
        if let Some(href) = l.attr("href") {
            enclosures.push(Enclosure {
                url: l.resolve(href),
                mime_type: l.attr("type").map(str::to_string),
                length: l.attr("length").and_then(|v| v.trim().parse().ok()),
            });
        }
    }

    ParsedEntry {
        guid: guid.or(rdf_about),
        url,
        title: first_plain(item, doc, &[(RSS, "title"), (DC, "title"), (ATOM, "title"), (MEDIA, "title")]).or_else(
            || {
                // Media RSS puts the title of a video or podcast item inside
                // media:group or media:content.
                media_children(item).find_map(|m| first_plain(m, doc, &[(MEDIA, "title")]))
            },
        ),
        authors: {
            let mut p = people(item, doc, &[(RSS, "author"), (DC, "creator"), (ITUNES, "author"), (DC, "author")]);
            let atom: Vec<Person> = super::atom::authors(item).into_iter().filter(|a| !p.contains(a)).collect();
            p.extend(atom);
            p
        },
        published: first_date(
            item,
            &[(RSS, "pubdate"), (DCTERMS, "issued"), (ATOM, "published"), (DCTERMS, "created")],
        ),
        updated: first_date(item, &[(DC, "date"), (DCTERMS, "modified"), (ATOM, "updated"), (RSS, "lastbuilddate")]),
        categories,
        summary_html: summary,
        content_html: content,
        comments_url: non_empty(item.child(RSS, "comments").and_then(Element::text).map(|c| item.resolve(c)))
            .or_else(|| atom_link(item, "replies")),
        comments_feed_url: non_empty(
            item.child(&[Ns::Wfw], "commentrss").and_then(Element::text).map(|c| item.resolve(c)),
        ),
        enclosures,
        base_url: item.base.as_ref().map(|b| b.to_string()),
    }
}

/// An iTunes category and the subcategories nested in it (their names are
/// in the `text` attribute).
fn itunes_categories(c: &Element, out: &mut Vec<String>) {
    if let Some(t) = c.attr("text") {
        push_category(out, t);
    }
    for sub in c.children_named(ITUNES, "category") {
        itunes_categories(sub, out);
    }
}

/// The media:description of an item, or of its media:group or
/// media:content (where video feeds such as YouTube's put the only text of
/// an entry), as HTML. Plain text unless it says `type="html"`.
pub(crate) fn media_description(item: &Element) -> Option<String> {
    std::iter::once(item).chain(media_children(item)).find_map(|m| {
        let d = m.child(MEDIA, "description")?;
        let text = d.text.trim().to_string();
        let value = if d.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("html")) {
            TextValue::Html(text)
        } else {
            TextValue::Text(text)
        };
        (!value.is_empty()).then(|| value.into_html())
    })
}

/// media:group and media:content elements of an item (and the contents of
/// its groups).
fn media_children(item: &Element) -> impl Iterator<Item = &Element> {
    item.children
        .iter()
        .filter(|c| c.ns == Ns::Media && (c.name == "group" || c.name == "content"))
        .flat_map(|g| std::iter::once(g).chain(g.children.iter().filter(|c| c.ns == Ns::Media && c.name == "content")))
}

fn channel_link(ch: &Element) -> Option<String> {
    ch.children_named(RSS, "link").find_map(|l| l.text().map(|t| ch.resolve(t))).or_else(|| atom_link(ch, "alternate"))
}

/// An `atom:link` with this rel (alternate also matches a link without rel).
fn atom_link(parent: &Element, rel: &str) -> Option<String> {
    parent
        .children_named(ATOM, "link")
        .find(|l| l.attr("rel").map_or(rel == "alternate", |r| r.trim() == rel))
        .and_then(|l| l.attr("href"))
        .map(|h| parent.resolve(h))
}

fn channel_image(ch: &Element, root: &Element) -> Option<String> {
    let image = ch.child(RSS, "image").or_else(|| root.child(RSS, "image"));
    image
        .and_then(|i| {
            i.child(RSS, "url")
                .and_then(Element::text)
                .map(|u| i.resolve(u))
                .or_else(|| i.attr_ns(Ns::Rdf, "resource").map(|u| i.resolve(u)))
        })
        .or_else(|| ch.child(ITUNES, "image").and_then(|i| i.attr("href")).map(|u| ch.resolve(u)))
}

type Names<'a> = &'a [(&'a [Ns], &'a str)];

fn first_text(el: &Element, names: Names) -> Option<String> {
    names.iter().find_map(|(ns, name)| el.child(ns, name).and_then(Element::text).map(str::to_string))
}

fn first_date(el: &Element, names: Names) -> Option<chrono::DateTime<chrono::Utc>> {
    names.iter().find_map(|(ns, name)| el.children_named(ns, name).find_map(|c| c.text().and_then(parse_date)))
}

/// An RSS element that holds HTML: escaped, in CDATA, or (broken but common)
/// as unescaped markup.
pub(crate) fn html_value(el: &Element, doc: &Document) -> Option<TextValue> {
    if el.ns == Ns::Atom10 || el.ns == Ns::Atom03 {
        return super::atom::text_construct(el, doc);
    }
    let v =
        if el.children.is_empty() { el.text.clone() } else { super::strip_cdata_markers(el.inner_markup(&doc.src)) };
    let v = TextValue::Html(v);
    (!v.is_empty()).then_some(v)
}

fn first_html(el: &Element, doc: &Document, names: Names) -> Option<String> {
    names.iter().find_map(|(ns, name)| el.child(ns, name).and_then(|c| html_value(c, doc)).map(TextValue::into_html))
}

fn first_plain(el: &Element, doc: &Document, names: Names) -> Option<String> {
    names
        .iter()
        .find_map(|(ns, name)| el.child(ns, name).and_then(|c| html_value(c, doc)).map(TextValue::into_plain))
        .filter(|t| !t.is_empty())
}

fn people(el: &Element, doc: &Document, names: Names) -> Vec<Person> {
    let mut out: Vec<Person> = Vec::new();
    for (ns, name) in names {
        for c in el.children_named(ns, name) {
            // Some feeds structure the person: <author><name>…</name><email>…
            let structured = c.children.iter().find(|n| n.name == "name").and_then(Element::text).map(|n| Person {
                name: Some(super::text::collapse_whitespace(n)),
                email: c.children.iter().find(|e| e.name == "email").and_then(Element::text).map(str::to_string),
                uri: None,
            });
            let person = structured.or_else(|| {
                let text = html_value(c, doc).map(TextValue::into_plain).unwrap_or_default();
                person_from_text(&text)
            });
            if let Some(p) = person {
                if !out.iter().any(|o| o.name == p.name && o.email == p.email) {
                    out.push(p);
                }
            }
        }
    }
    out
}
