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
    let mut text = PlainText::new(s.len(), false);
    text.push(s);
    text.out
}

/// Plain text being written: runs of whitespace become one space, and
/// (when lines are kept) line breaks stay, with the spaces around them and
/// empty lines dropped. Written by hand, one pass and no allocation per
/// word or line, because every stored article goes through it.
struct PlainText {
    out: String,
    keep_lines: bool,
    /// Whitespace seen since the last word, on the same line.
    space: bool,
    /// A line break seen since the last word.
    line_break: bool,
}

impl PlainText {
    fn new(capacity: usize, keep_lines: bool) -> Self {
        PlainText { out: String::with_capacity(capacity), keep_lines, space: false, line_break: false }
    }

    fn push(&mut self, s: &str) {
        // Most text between two tags: printable ASCII words, one space
        // apart. Taken whole, not word by word (a third of the time spent
        // preparing articles went here).
        if is_plain_run(s) {
            let words = s.trim_matches(' ');
            self.space |= words.len() < s.len() && s.starts_with(' ');
            if !words.is_empty() {
                self.word(words);
                self.space = s.ends_with(' ');
            }
            return;
        }
        self.push_word_by_word(s);
    }

    fn push_word_by_word(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let (c, len) = char_at(s, i);
            if c == '\n' && self.keep_lines {
                self.break_line();
            } else if c.is_whitespace() {
                self.space = true;
            } else {
                let start = i;
                i += len;
                while i < bytes.len() {
                    let (c, len) = char_at(s, i);
                    if c.is_whitespace() {
                        break;
                    }
                    i += len;
                }
                self.word(&s[start..i]);
                continue;
            }
            i += len;
        }
    }

    fn break_line(&mut self) {
        self.line_break = true;
    }

    fn word(&mut self, w: &str) {
        if !self.out.is_empty() {
            if self.line_break {
                self.out.push('\n');
            } else if self.space {
                self.out.push(' ');
            }
        }
        self.space = false;
        self.line_break = false;
        self.out.push_str(w);
    }
}

/// Text with nothing to collapse: no control characters (tabs and line
/// breaks among them), no two spaces in a row, and no whitespace but the
/// ASCII space. Accented and Chinese text qualifies too: of its characters,
/// only those that start like one of the few non-ASCII whitespace
/// characters (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000: lead bytes
/// C2, E1, E2, E3) are decoded and looked at.
fn is_plain_run(s: &str) -> bool {
    let bytes = s.as_bytes();
    // `fold`, not `any`: a pass without early exit is vectorized.
    if bytes.iter().fold(false, |control, &b| control | (b < 0x20)) || memchr::memmem::find(bytes, b"  ").is_some() {
        return false;
    }
    // A lead byte is always at a character boundary.
    let whitespace_at = |i: usize| s[i..].chars().next().is_some_and(char::is_whitespace);
    bytes.is_ascii()
        || !(memchr::memchr3_iter(0xC2, 0xE2, 0xE3, bytes).any(whitespace_at)
            || memchr::memchr_iter(0xE1, bytes).any(whitespace_at))
}

/// The character at byte `i` of `s` and its length, ASCII without decoding.
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        (b as char, 1)
    } else {
        let c = s[i..].chars().next().unwrap_or(' ');
        (c, c.len_utf8())
    }
}

/// The elements whose start and end break a line of text (any case).
fn is_block_tag(name: &str) -> bool {
    // Lowered into a buffer as long as the longest name, "figcaption".
    let mut lower = [0u8; 10];
    let Some(lower) = lower.get_mut(..name.len()) else {
        return false;
    };
    lower.copy_from_slice(name.as_bytes());
    lower.make_ascii_lowercase();
    matches!(
        &*lower,
        b"p" | b"br"
            | b"div"
            | b"li"
            | b"ul"
            | b"ol"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"blockquote"
            | b"pre"
            | b"tr"
            | b"table"
            | b"hr"
            | b"figure"
            | b"figcaption"
            | b"section"
            | b"article"
            | b"header"
            | b"footer"
            | b"dd"
            | b"dt"
            | b"dl"
    )
}

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
    let mut text = PlainText::new(html.len(), true);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        text.push(&super::xml::unescape_lenient(&rest[..lt], &no_entities));
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |e| &rest[e + 3..]);
            continue;
        }
        let Some(gt) = tag_end(rest) else {
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name = tag.trim_start_matches('/');
        let name = &name[..name.bytes().position(|b| !b.is_ascii_alphanumeric()).unwrap_or(name.len())];
        if !closing && (name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style")) {
            rest = find_closing_tag(rest, name).map_or("", |i| &rest[i..]);
            continue;
        }
        if is_block_tag(name) {
            text.break_line();
        }
    }
    text.push(&super::xml::unescape_lenient(rest, &no_entities));
    text.out
}

/// The `>` that closes the tag at the start of `s`, skipping quoted
/// attribute values (which may contain `>`).
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in s.as_bytes().iter().enumerate().skip(1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Where `</name` starts in `hay`, in any case.
fn find_closing_tag(hay: &str, name: &str) -> Option<usize> {
    let needle_len = name.len() + 2;
    hay.as_bytes()
        .windows(needle_len)
        .position(|w| w.starts_with(b"</") && w[2..].eq_ignore_ascii_case(name.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole-run shortcut of `PlainText::push` ends where the word by
    /// word path would, on ASCII, accented, Chinese and every kind of
    /// whitespace.
    #[test]
    fn plain_runs_are_taken_whole_only_when_nothing_collapses() {
        let samples = [
            "plain words here",
            " leading and trailing ",
            "two  spaces",
            "caf\u{e9} na\u{ef}ve Stra\u{df}e",
            "\u{4e2d}\u{6587}\u{65b0}\u{95fb}\u{3002}\u{4eca}\u{5929}",
            "\u{4e2d}\u{3000}\u{6587}",
            "no\u{a0}break",
            "next\u{85}line",
            "ogham\u{1680}space",
            "thin\u{2009}space and\u{202f}narrow",
            "line\u{2028}sep para\u{2029}sep math\u{205f}space",
            "tab\there",
            "new\nline",
            "\u{a9} 2025 \u{2014} \u{20ac}5 \u{201c}quoted\u{201d}",
            " ",
            "",
        ];
        for first in ["", "word", "word "] {
            for sample in samples {
                for keep_lines in [false, true] {
                    let mut whole = PlainText::new(0, keep_lines);
                    let mut by_word = PlainText::new(0, keep_lines);
                    whole.push(first);
                    by_word.push_word_by_word(first);
                    whole.push(sample);
                    by_word.push_word_by_word(sample);
                    whole.push("end");
                    by_word.push_word_by_word("end");
                    assert_eq!(whole.out, by_word.out, "{first:?} then {sample:?}");
                }
            }
        }
        assert!(is_plain_run("caf\u{e9} \u{4e2d}\u{6587}\u{3002}"));
        assert!(!is_plain_run("caf\u{e9}\u{a0}au lait"));
        assert!(!is_plain_run("\u{4e2d}\u{3000}\u{6587}"));
    }

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
        // Spaces between tags join words once; line breaks and empty lines.
        assert_eq!(html_to_text("a <b>b</b>c <i> d </i> e"), "a bc d e");
        assert_eq!(html_to_text("<p> one \n\n two\t</p><div>&nbsp;</div><P>three</P>four"), "one\ntwo\nthree\nfour");
        assert_eq!(html_to_text("a<SCRIPT>x</Script>b<style"), "ab<style");
        // Line breaks stay, empty lines and the spaces around lines go.
        assert_eq!(html_to_text("<p> one \n\n two\t</p><div>&nbsp;</div><P>three</P>four"), "one\ntwo\nthree\nfour");
        assert_eq!(html_to_text("a<SCRIPT>x</Script>b<style"), "ab<style");
    }

    #[test]
    fn plain_text_becomes_html() {
        assert_eq!(TextValue::Text("a < b".into()).into_html(), "a &lt; b");
        assert_eq!(TextValue::Text("one\n\ntwo\nlines".into()).into_html(), "<p>one</p><p>two<br>lines</p>");
        assert_eq!(TextValue::Html("<i>T</i>  itle".into()).into_plain(), "T itle");
    }
}
