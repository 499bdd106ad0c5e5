//! A forgiving XML reader: quick-xml underneath, with the repairs that real
//! feeds need before they are well-formed (junk before the prolog, bare `&`,
//! HTML entities XML does not define, control characters, stray `<`,
//! mismatched or missing end tags). It builds a small owned tree with
//! namespaces resolved to the few we know, because feed mapping is easiest
//! as tree look-ups. DTDs are read only for their internal entity
//! declarations; nothing external is ever fetched.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;
use url::Url;

/// The namespaces the feed mappers look at, canonicalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    /// No namespace (RSS 0.9x/2.0 elements, plain attributes).
    None,
    Atom10,
    Atom03,
    Rss10,
    Rss090,
    Rdf,
    Dc,
    DcTerms,
    Content,
    Media,
    Itunes,
    Wfw,
    Slash,
    Xhtml,
    Xml,
    Other,
}

fn ns_of_uri(uri: &str) -> Ns {
    let u = uri.trim().to_ascii_lowercase();
    let u = u.trim_end_matches(['/', '#']);
    match u {
        "http://www.w3.org/2005/atom" => Ns::Atom10,
        "http://purl.org/rss/1.0" | "http://purl.org/net/rss1.1" => Ns::Rss10,
        "http://my.netscape.com/rdf/simple/0.9" => Ns::Rss090,
        "http://www.w3.org/1999/02/22-rdf-syntax-ns" => Ns::Rdf,
        "http://purl.org/dc/elements/1.1" | "http://purl.org/dc/elements/1.0" => Ns::Dc,
        "http://purl.org/dc/terms" => Ns::DcTerms,
        "http://purl.org/rss/1.0/modules/content" => Ns::Content,
        "http://search.yahoo.com/mrss" => Ns::Media,
        "http://www.itunes.com/dtds/podcast-1.0.dtd" => Ns::Itunes,
        "http://wellformedweb.org/commentapi" => Ns::Wfw,
        "http://purl.org/rss/1.0/modules/slash" => Ns::Slash,
        "http://www.w3.org/1999/xhtml" => Ns::Xhtml,
        "http://www.w3.org/xml/1998/namespace" => Ns::Xml,
        "http://backend.userland.com/rss2"
        | "http://backend.userland.com/rss"
        | "http://blogs.law.harvard.edu/tech/rss"
        | "" => Ns::None,
        _ if u.starts_with("http://purl.org/atom/ns") => Ns::Atom03,
        _ => Ns::Other,
    }
}

/// Prefixes used without being declared: feeds do this, so we read them as
/// the namespace everyone means by them.
fn ns_of_undeclared_prefix(prefix: &str) -> Ns {
    match prefix {
        "dc" => Ns::Dc,
        "dcterms" => Ns::DcTerms,
        "content" => Ns::Content,
        "media" => Ns::Media,
        "itunes" => Ns::Itunes,
        "wfw" => Ns::Wfw,
        "slash" => Ns::Slash,
        "atom" | "atom10" => Ns::Atom10,
        "rdf" => Ns::Rdf,
        "xhtml" => Ns::Xhtml,
        "xml" => Ns::Xml,
        _ => Ns::Other,
    }
}

/// An attribute with its name lowercased.
#[derive(Debug, Clone)]
pub struct Attr {
    pub ns: Ns,
    pub name: String,
    pub value: String,
}

/// An element of the tree. Names are lowercased, as feedparser does.
#[derive(Debug, Clone)]
pub struct Element {
    pub ns: Ns,
    pub name: String,
    pub attrs: Vec<Attr>,
    pub children: Vec<Element>,
    /// Direct character data, entities resolved, CDATA included.
    pub text: String,
    /// Where the element's content (between its tags) is in the source.
    pub inner: Range<usize>,
    /// The base URL in scope (xml:base resolved against the document URL).
    pub base: Option<Arc<Url>>,
}

impl Element {
    /// True when the element has this name in one of these namespaces.
    pub fn is(&self, ns: &[Ns], name: &str) -> bool {
        self.name == name && ns.contains(&self.ns)
    }

    /// The first child with this name in one of these namespaces.
    pub fn child(&self, ns: &[Ns], name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.is(ns, name))
    }

    /// Every child with this name in one of these namespaces.
    pub fn children_named<'a>(&'a self, ns: &'a [Ns], name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.is(ns, name))
    }

    /// An attribute without a namespace prefix.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attr_ns(Ns::None, name)
    }

    /// An attribute in a namespace.
    pub fn attr_ns(&self, ns: Ns, name: &str) -> Option<&str> {
        self.attrs.iter().find(|a| a.ns == ns && a.name == name).map(|a| a.value.as_str())
    }

    /// The direct text, trimmed; None when empty.
    pub fn text(&self) -> Option<&str> {
        let t = self.text.trim();
        (!t.is_empty()).then_some(t)
    }

    /// All text of the element and its descendants, in document order as far
    /// as the tree keeps it (direct text first).
    pub fn deep_text(&self) -> String {
        let mut out = self.text.clone();
        for c in &self.children {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            out.push_str(&c.deep_text());
        }
        out
    }

    /// The raw markup between the element's tags.
    pub fn inner_markup<'a>(&self, src: &'a str) -> &'a str {
        src.get(self.inner.clone()).unwrap_or("")
    }

    /// Resolves a possibly relative URL against the base in scope.
    pub fn resolve(&self, href: &str) -> String {
        resolve_url(self.base.as_deref(), href)
    }
}

/// Resolves `href` against `base` when it is relative; returns it trimmed
/// otherwise.
pub fn resolve_url(base: Option<&Url>, href: &str) -> String {
    let href = href.trim();
    match base {
        Some(base) if Url::parse(href).is_err() => {
            base.join(href).map(String::from).unwrap_or_else(|_| href.to_string())
        }
        _ => href.to_string(),
    }
}

/// A parsed document: the repaired source (element spans point into it), the
/// root element and what had to be repaired.
pub struct Document {
    pub src: String,
    pub root: Element,
    pub warnings: Vec<String>,
}

/// Reads a document into a tree. Returns None when there is no element at all.
pub fn parse_document(text: &str, base: Option<&Url>) -> Option<Document> {
    let mut warnings = Vec::new();
    let src = repair(text, &mut warnings).into_owned();
    let root = build_tree(&src, base.cloned().map(Arc::new), &mut warnings)?;
    Some(Document { src, root, warnings })
}

/// Fixes what quick-xml cannot read: bare `&`, a `<` that opens no tag,
/// control characters and junk before the first tag. Content of CDATA
/// sections and comments is copied as is (minus control characters).
fn repair<'a>(text: &'a str, warnings: &mut Vec<String>) -> Cow<'a, str> {
    let text = text.trim_start_matches('\u{FEFF}');
    let start = text.find('<').unwrap_or(text.len());
    if !text[..start].trim().is_empty() {
        warnings.push("junk before the first tag skipped".into());
    }
    let text = &text[start..];
    let b = text.as_bytes();
    let Some(first) = first_repair(text) else {
        return Cow::Borrowed(text);
    };
    warnings.push("malformed characters repaired (bare &, stray <, or control characters)".into());
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str(&text[..first]);
    let mut i = first;
    while i < b.len() {
        let c = b[i];
        if c == b'<' && b[i..].starts_with(b"<![CDATA[") {
            let end = find_from(b, i, b"]]>").map_or(b.len(), |e| e + 3);
            push_without_controls(&mut out, &text[i..end]);
            i = end;
        } else if c == b'<' && b[i..].starts_with(b"<!--") {
            let end = find_from(b, i, b"-->").map_or(b.len(), |e| e + 3);
            push_without_controls(&mut out, &text[i..end]);
            i = end;
        } else if is_control(c) {
            i += 1;
        } else if c == b'&' && !is_reference(&b[i..]) {
            out.push_str("&amp;");
            i += 1;
        } else if c == b'<' && !opens_markup(&text[i + 1..]) {
            out.push_str("&lt;");
            i += 1;
        } else {
            // Copy up to the next byte that may need attention.
            let next = (i + 1..b.len()).find(|&j| matches!(b[j], b'<' | b'&') || b[j] < 0x20).unwrap_or(b.len());
            out.push_str(&text[i..next]);
            i = next;
        }
    }
    Cow::Owned(out)
}

fn is_control(c: u8) -> bool {
    c < 0x20 && c != b'\t' && c != b'\n' && c != b'\r'
}

/// Where the first repair is needed, scanning as `repair` copies: CDATA
/// sections and comments are passed over whole (only control characters
/// count there), so the copy can start at the returned position.
fn first_repair(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = 0;
    let needs_a_look = |c: u8| c < 0x20 || c == b'<' || c == b'&';
    while i < b.len() {
        let c = b[i];
        // Nearly every byte needs no look: go to the next one that does, 32
        // bytes at a time (a test the compiler vectorizes).
        if !needs_a_look(c) {
            let chunk = &b[i..b.len().min(i + 32)];
            let any = match <&[u8; 32]>::try_from(chunk) {
                Ok(whole) => whole.iter().fold(false, |any, &c| any | needs_a_look(c)),
                Err(_) => true,
            };
            i += if any { chunk.iter().position(|&c| needs_a_look(c)).unwrap_or(chunk.len()) } else { 32 };
            continue;
        }
        let literal = if b[i..].starts_with(b"<![CDATA[") {
            Some(find_from(b, i, b"]]>").map_or(b.len(), |e| e + 3))
        } else if b[i..].starts_with(b"<!--") {
            Some(find_from(b, i, b"-->").map_or(b.len(), |e| e + 3))
        } else {
            None
        };
        match literal {
            Some(end) if b[i..end].iter().any(|&c| is_control(c)) => return Some(i),
            Some(end) => i = end,
            None if is_control(c)
                || (c == b'&' && !is_reference(&b[i..]))
                || (c == b'<' && !opens_markup(&text[i + 1..])) =>
            {
                return Some(i)
            }
            None => i += 1,
        }
    }
    None
}

fn push_without_controls(out: &mut String, s: &str) {
    out.extend(s.chars().filter(|&c| c >= ' ' || c == '\t' || c == '\n' || c == '\r'));
}

fn find_from(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&b[from..], needle).map(|p| p + from)
}

/// `&name;`, `&#123;` or `&#x1F;` at the start of `b`.
fn is_reference(b: &[u8]) -> bool {
    let body = &b[1..b.len().min(40)];
    let Some(semi) = body.iter().position(|&c| c == b';') else {
        return false;
    };
    let name = &body[..semi];
    match name {
        [b'#', b'x' | b'X', hex @ ..] => !hex.is_empty() && hex.iter().all(u8::is_ascii_hexdigit),
        [b'#', dec @ ..] => !dec.is_empty() && dec.iter().all(u8::is_ascii_digit),
        [first, rest @ ..] => {
            first.is_ascii_alphabetic()
                && rest.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_'))
        }
        [] => false,
    }
}

fn opens_markup(after: &str) -> bool {
    after.chars().next().is_some_and(|c| c.is_alphabetic() || matches!(c, '_' | ':' | '/' | '!' | '?'))
}

struct Builder<'s> {
    src: &'s str,
    stack: Vec<Element>,
    /// Raw (prefixed, lowercased) names, parallel to `stack`, to match end tags.
    raw_names: Vec<String>,
    scopes: Vec<Vec<(String, Ns)>>,
    entities: HashMap<String, String>,
    root: Option<Element>,
}

/// `bytes` as text. quick-xml reads from the decoded document, so what it
/// hands over is nearly always a slice of `src`, already known to be UTF-8:
/// that slice is taken back without checking all of it again (most bytes of
/// a feed are its articles' text, and the check was 3% of a refresh).
fn source_str<'a>(src: &'a str, bytes: &'a [u8]) -> Cow<'a, str> {
    let start = (bytes.as_ptr() as usize).wrapping_sub(src.as_ptr() as usize);
    match start.checked_add(bytes.len()).and_then(|end| src.get(start..end)) {
        Some(s) if s.as_ptr() == bytes.as_ptr() => Cow::Borrowed(s),
        _ => String::from_utf8_lossy(bytes),
    }
}

fn build_tree(src: &str, base: Option<Arc<Url>>, warnings: &mut Vec<String>) -> Option<Element> {
    let mut reader = Reader::from_str(src);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.check_comments = false;
    config.expand_empty_elements = false;

    let mut b = Builder {
        src,
        stack: Vec::new(),
        raw_names: Vec::new(),
        scopes: Vec::new(),
        entities: HashMap::new(),
        root: None,
    };
    let document_base = base;
    let mut errors = 0;
    loop {
        let before = reader.buffer_position() as usize;
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                if e.name().as_ref().is_empty() {
                    b.push_text("<");
                    continue;
                }
                let el = b.open(&e, &document_base, reader.buffer_position() as usize);
                b.raw_names.push(String::from_utf8_lossy(e.name().as_ref()).to_ascii_lowercase());
                b.stack.push(el);
            }
            Ok(Event::Empty(e)) => {
                let pos = reader.buffer_position() as usize;
                let mut el = b.open(&e, &document_base, pos);
                el.inner = pos..pos;
                b.scopes.pop();
                b.attach(el);
            }
            Ok(Event::End(e)) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).to_ascii_lowercase();
                if let Some(depth) = b.raw_names.iter().rposition(|n| *n == name) {
                    if depth + 1 != b.stack.len() {
                        warnings.push(format!("missing end tag before </{name}>"));
                    }
                    while b.stack.len() > depth {
                        b.close(before);
                    }
                } else {
                    warnings.push(format!("unexpected end tag </{name}>"));
                }
            }
            Ok(Event::Text(t)) => {
                let raw = source_str(src, t.as_ref());
                b.push_text(&raw);
            }
            Ok(Event::CData(t)) => {
                let raw = source_str(src, t.as_ref()).into_owned();
                b.push_text(&raw);
            }
            Ok(Event::GeneralRef(r)) => {
                let name = source_str(src, r.as_ref());
                let resolved = resolve_entity(&name, &b.entities);
                match resolved {
                    Some(s) => b.push_text(&s),
                    None => {
                        warnings.push(format!("undefined entity &{name};"));
                        b.push_text(&format!("&{name};"));
                    }
                }
            }
            Ok(Event::DocType(d)) => {
                let raw = String::from_utf8_lossy(d.as_ref()).into_owned();
                read_internal_entities(&raw, &mut b.entities);
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                errors += 1;
                warnings.push(format!("XML error at byte {before}: {e}"));
                if errors > 100 || reader.buffer_position() as usize == before {
                    break;
                }
            }
        }
    }
    if !b.stack.is_empty() {
        warnings.push("document ends before its elements are closed".into());
    }
    while !b.stack.is_empty() {
        b.close(src.len());
    }
    b.root
}

impl Builder<'_> {
    fn open(&mut self, e: &BytesStart, document_base: &Option<Arc<Url>>, inner_start: usize) -> Element {
        let qname = String::from_utf8_lossy(e.name().as_ref()).into_owned();
        let mut scope = Vec::new();
        let mut raw_attrs = Vec::new();
        for a in e.attributes().with_checks(false).flatten() {
            let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
            let value = unescape_lenient(&source_str(self.src, &a.value), &self.entities).into_owned();
            if key == "xmlns" {
                scope.push((String::new(), ns_of_uri(&value)));
            } else if let Some(prefix) = key.strip_prefix("xmlns:") {
                scope.push((prefix.to_string(), ns_of_uri(&value)));
            } else {
                raw_attrs.push((key, value));
            }
        }
        self.scopes.push(scope);
        let (ns, local) = self.resolve_name(&qname, true);
        let attrs: Vec<Attr> = raw_attrs
            .into_iter()
            .map(|(key, value)| {
                let (ns, name) = if key.contains(':') {
                    self.resolve_name(&key, false)
                } else {
                    (Ns::None, key.to_ascii_lowercase())
                };
                Attr { ns, name, value }
            })
            .collect();
        let parent_base = self.stack.last().map_or_else(|| document_base.clone(), |p| p.base.clone());
        let base = match attrs.iter().find(|a| a.ns == Ns::Xml && a.name == "base") {
            Some(a) => match (&parent_base, Url::parse(a.value.trim())) {
                (_, Ok(abs)) => Some(Arc::new(abs)),
                (Some(p), Err(_)) => p.join(a.value.trim()).ok().map(Arc::new).or(parent_base.clone()),
                (None, Err(_)) => None,
            },
            None => parent_base,
        };
        Element {
            ns,
            name: local,
            attrs,
            children: Vec::new(),
            text: String::new(),
            inner: inner_start..inner_start,
            base,
        }
    }

    fn resolve_name(&self, qname: &str, is_element: bool) -> (Ns, String) {
        let (prefix, local) = match qname.split_once(':') {
            Some((p, l)) => (p, l),
            None => ("", qname),
        };
        let local = local.to_ascii_lowercase();
        if prefix.is_empty() && !is_element {
            return (Ns::None, local);
        }
        let declared = self.scopes.iter().rev().flat_map(|s| s.iter()).find(|(p, _)| p == prefix).map(|(_, ns)| *ns);
        let ns = match declared {
            Some(ns) => ns,
            None if prefix.is_empty() => Ns::None,
            None => ns_of_undeclared_prefix(&prefix.to_ascii_lowercase()),
        };
        (ns, local)
    }

    fn close(&mut self, inner_end: usize) {
        let Some(mut el) = self.stack.pop() else {
            return;
        };
        self.raw_names.pop();
        self.scopes.pop();
        el.inner.end = inner_end.max(el.inner.start).min(self.src.len());
        self.attach(el);
    }

    fn attach(&mut self, el: Element) {
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(el),
            None => {
                if self.root.is_none() {
                    self.root = Some(el);
                }
            }
        }
    }

    fn push_text(&mut self, s: &str) {
        if let Some(top) = self.stack.last_mut() {
            top.text.push_str(s);
        }
    }
}

/// Resolves an entity name (without `&` and `;`): character references, the
/// five XML entities, entities the document's DTD declared, then HTML's.
/// Named ones are borrowed: feeds escape their articles' HTML, so most
/// references are `&lt;` and `&gt;`, and the XML reader hands over each as
/// an event of its own.
fn resolve_entity(name: &str, declared: &HashMap<String, String>) -> Option<Cow<'static, str>> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        // Windows-1252 code points written as references: what the author meant.
        let c = match code {
            0x80..=0x9F => {
                let byte = [code as u8];
                encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte).0.chars().next()?
            }
            _ => char::from_u32(code)?,
        };
        return Some(Cow::Owned(c.to_string()));
    }
    let predefined = match name {
        "amp" => Some("&"),
        "lt" => Some("<"),
        "gt" => Some(">"),
        "quot" => Some("\""),
        "apos" => Some("'"),
        _ => None,
    };
    if let Some(s) = predefined {
        return Some(Cow::Borrowed(s));
    }
    if let Some(v) = declared.get(name) {
        return Some(Cow::Owned(v.clone()));
    }
    quick_xml::escape::resolve_html5_entity(name).map(Cow::Borrowed)
}

/// Unescapes text or an attribute value, leaving anything that is not a
/// known reference as it stands.
pub fn unescape_lenient<'a>(raw: &'a str, declared: &HashMap<String, String>) -> Cow<'a, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match after.find(';').filter(|&semi| semi <= 40) {
            Some(semi) => match resolve_entity(&after[..semi], declared) {
                Some(s) => {
                    out.push_str(&s);
                    rest = &after[semi + 1..];
                }
                None => {
                    out.push('&');
                    rest = after;
                }
            },
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `<!ENTITY name "value">` declarations of an internal DTD subset. External
/// and parameter entities are ignored on purpose (no fetching, no XXE, no
/// billion laughs: values are not expanded recursively).
fn read_internal_entities(doctype: &str, out: &mut HashMap<String, String>) {
    let mut rest = doctype;
    while let Some(at) = rest.find("<!ENTITY") {
        rest = &rest[at + 8..];
        let decl_end = rest.find('>').unwrap_or(rest.len());
        let decl = rest[..decl_end].trim();
        rest = &rest[decl_end..];
        if decl.starts_with('%') {
            continue;
        }
        let mut parts = decl.splitn(2, char::is_whitespace);
        let (Some(name), Some(value)) = (parts.next(), parts.next()) else {
            continue;
        };
        let value = value.trim();
        if value.starts_with("SYSTEM") || value.starts_with("PUBLIC") {
            continue;
        }
        let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'');
        if let Some(q) = quote {
            if let Some(end) = value[1..].find(q) {
                let v = unescape_lenient(&value[1..1 + end], &HashMap::new()).into_owned();
                if v.len() <= 4096 && out.len() < 1000 {
                    out.insert(name.to_string(), v);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(src: &str) -> (Document, Element) {
        let doc = parse_document(src, None).expect("a document");
        let root = doc.root.clone();
        (doc, root)
    }

    #[test]
    fn repairs_bare_ampersands_and_html_entities() {
        let (_, r) = root("<a>AT&T&nbsp;x &amp; &#233; &bogus; a < b</a>");
        assert_eq!(r.text, "AT&T\u{a0}x & é &bogus; a < b");
    }

    /// The pre-scan skips plain text 32 bytes at a time: whatever its
    /// offset, the first byte that needs repairing is found, and plain
    /// markup needs none.
    #[test]
    fn first_repair_is_found_at_any_offset() {
        for len in 0..80 {
            let plain = format!("<a href=\"x\">{}</a>", "é".repeat(len / 2) + &"w".repeat(len % 7));
            assert_eq!(first_repair(&plain), None, "{plain:?}");
            for bad in ["&", "\u{1}", "< "] {
                let at = 3 + len;
                let doc = format!("<a>{}{bad}{}</a>", "x".repeat(len), "y".repeat(40));
                assert_eq!(first_repair(&doc), Some(at), "{doc:?}");
            }
        }
    }

    #[test]
    fn cdata_is_left_alone() {
        let (doc, r) = root("<a><g><![CDATA[a&b <c>]]></g><h>x & y</h></a>");
        assert_eq!(r.children[0].text, "a&b <c>");
        assert_eq!(r.children[1].text, "x & y");
        let (doc2, _) = root("<a><![CDATA[a&b]]></a>");
        assert!(doc2.warnings.is_empty());
        drop(doc);
    }

    #[test]
    fn junk_before_prolog_and_control_characters() {
        let (doc, r) = root("\u{FEFF}  junk <?xml version='1.0'?><a>x\u{1}y</a>");
        assert_eq!(r.text, "xy");
        assert!(!doc.warnings.is_empty());
    }

    #[test]
    fn namespaces_resolve_and_undeclared_prefixes_guess() {
        let (_, r) = root("<rss xmlns:c='http://purl.org/rss/1.0/modules/content/'><c:encoded>x</c:encoded><dc:creator>me</dc:creator></rss>");
        assert_eq!(r.children[0].ns, Ns::Content);
        assert_eq!(r.children[1].ns, Ns::Dc);
    }

    #[test]
    fn mismatched_and_missing_end_tags() {
        let (_, r) = root("<a><b>x</a><c>y</c>");
        assert_eq!(r.children.len(), 1);
        let (_, r) = root("<a><b>one<c>two");
        assert_eq!(r.children[0].children[0].text, "two");
    }

    #[test]
    fn internal_entities_only() {
        let (_, r) =
            root("<!DOCTYPE r [<!ENTITY me \"Tidings\"><!ENTITY ext SYSTEM \"file:///etc/passwd\">]><r>&me; &ext;</r>");
        assert_eq!(r.text, "Tidings &ext;");
    }

    #[test]
    fn xml_base_resolves() {
        let base = Url::parse("http://example.com/feed/").unwrap();
        let doc = parse_document(
            "<feed xml:base='/blog/'><entry xml:base='post/'><link href='a.html'/></entry></feed>",
            Some(&base),
        )
        .unwrap();
        let link = &doc.root.children[0].children[0];
        assert_eq!(link.resolve(link.attr("href").unwrap()), "http://example.com/blog/post/a.html");
    }

    #[test]
    fn inner_markup_is_kept() {
        let (doc, r) = root("<a><div xmlns='http://www.w3.org/1999/xhtml'><p>Hi <b>there</b></p></div></a>");
        assert_eq!(r.children[0].inner_markup(&doc.src), "<p>Hi <b>there</b></p>");
    }
}
