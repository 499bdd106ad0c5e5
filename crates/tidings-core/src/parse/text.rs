//! Text and HTML values as feeds give them, and the plain-text view of HTML.

use std::collections::HashMap;

/// A value a feed gave either as plain text or as HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextValue {
    Text(String),
    Html(String),
}

impl TextValue {
    /// As HTML (plain text escaped, line breaks kept as paragraphs).
    pub fn into_html(self) -> String {
        match self {
            TextValue::Html(h) => h,
            TextValue::Text(t) => text_to_html(&t),
        }
    }

    /// As plain text on one line (for titles, names, categories).
    pub fn into_plain(self) -> String {
        match self {
            TextValue::Text(t) => collapse_whitespace(&t),
            TextValue::Html(h) => collapse_whitespace(&html_to_text(&h)),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            TextValue::Text(s) | TextValue::Html(s) => s.trim().is_empty(),
        }
    }
}

/// Escapes text for use in HTML content or attribute values.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn text_to_html(t: &str) -> String {
    let t = t.trim();
    if !t.contains('\n') {
        return html_escape(t);
    }
    t.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", html_escape(p).replace('\n', "<br>")))
        .collect()
}

/// Collapses runs of whitespace to one space and trims.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "br",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "tr",
    "table",
    "hr",
    "figure",
    "figcaption",
    "section",
    "article",
    "header",
    "footer",
    "dd",
    "dt",
    "dl",
];

/// The text of an HTML fragment: tags removed, entities decoded, block
/// elements separated by line breaks, script and style content dropped.
/// Written by hand because it runs on every stored article (sanitized HTML,
/// so well-formed) and on titles, where a full HTML parser would be most of
/// the cost of a refresh.
pub fn html_to_text(html: &str) -> String {
    if !html.contains(['<', '&']) {
        return html.to_string();
    }
    let no_entities = HashMap::new();
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut out, &rest[..lt], &no_entities);
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |e| &rest[e + 3..]);
            continue;
        }
        let Some(gt) = tag_end(rest) else {
            push_decoded(&mut out, rest, &no_entities);
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if (name == "script" || name == "style") && !tag.starts_with('/') {
            let close = format!("</{name}");
            rest = find_ignore_case(rest, &close).map_or("", |i| &rest[i..]);
            continue;
        }
        if BLOCK_TAGS.contains(&name.as_str()) && !out.ends_with('\n') && !out.is_empty() {
            out.push('\n');
        }
    }
    push_decoded(&mut out, rest, &no_entities);
    tidy_lines(&out)
}

/// The `>` that closes the tag at the start of `s`, skipping quoted
/// attribute values (which may contain `>`).
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn push_decoded(out: &mut String, s: &str, entities: &HashMap<String, String>) {
    out.push_str(&super::xml::unescape_lenient(s, entities).replace('\u{a0}', " "));
}

fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes().windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Collapses spaces within lines and drops empty lines.
fn tidy_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.lines() {
        let line = collapse_whitespace(line);
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_of_html() {
        assert_eq!(
            html_to_text("<p>Hello <b>world</b> &amp; you</p><p>Two&nbsp;lines</p>"),
            "Hello world & you\nTwo lines"
        );
        assert_eq!(html_to_text("a<script>alert(1)</script>b<style>p{}</style>c"), "abc");
        assert_eq!(html_to_text("Plain"), "Plain");
        assert_eq!(html_to_text("x <!-- hidden --> y"), "x y");
        assert_eq!(html_to_text("<a title=\"x > y\">dog</a>"), "dog");
    }

    #[test]
    fn plain_text_becomes_html() {
        assert_eq!(TextValue::Text("a < b".into()).into_html(), "a &lt; b");
        assert_eq!(TextValue::Text("one\n\ntwo\nlines".into()).into_html(), "<p>one</p><p>two<br>lines</p>");
        assert_eq!(TextValue::Html("<i>T</i>  itle".into()).into_plain(), "T itle");
    }
}
