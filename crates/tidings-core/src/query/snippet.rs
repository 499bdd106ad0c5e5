//! Search snippets: the passage of an article that best shows why it
//! matched, HTML-escaped, with the matching words in `<mark>`.
//!
//! Why not FTS5's `snippet()`: it needs the index to keep a copy of every
//! article's text, and that copy cost a sixth of the time of a refresh and
//! a quarter of the library's size. The article's text is at hand anyway
//! (its HTML), so snippets for the few results shown are made here, with
//! the same tokenizer the index uses, so that what is marked is exactly
//! what matched.

use super::search::{SearchQuery, Term};
use crate::parse::html_escape;
use crate::store::fts::{self, Token};

/// Tokens of context in a snippet.
const WINDOW: usize = 28;
/// Only the start of very long articles is searched for a passage.
const SCAN_BYTES: usize = 32 * 1024;

/// A term as the index sees it: the token sequence, and whether its last
/// token may be a prefix.
struct Needle {
    tokens: Vec<String>,
    prefix: bool,
}

/// What to look for, from the query's positive terms.
pub struct Highlighter {
    needles: Vec<Needle>,
}

/// The tokens of a text by position (a position holds a token and its
/// alternatives, such as a CJK run's last character), with their byte
/// ranges in the text. The tokens' text lives in one buffer: a snippet
/// tokenizes each result's whole text, and a String per token was most of
/// a search's allocations.
#[derive(Default)]
struct Positions {
    folded: String,
    /// (range in `folded`, range in the text), in order.
    tokens: Vec<((usize, usize), (usize, usize))>,
    /// Index in `tokens` of each position's first token.
    starts: Vec<usize>,
}

impl Positions {
    fn of(text: &str) -> Positions {
        let mut p = Positions::default();
        fts::tokenize(text, false, |t| {
            if !t.colocated || p.starts.is_empty() {
                p.starts.push(p.tokens.len());
            }
            let at = p.folded.len();
            p.folded.push_str(t.text);
            p.tokens.push(((at, p.folded.len()), (t.start, t.end)));
            true
        });
        p
    }

    fn len(&self) -> usize {
        self.starts.len()
    }

    /// The tokens at position `i`: text, start and end in the text.
    fn at(&self, i: usize) -> impl Iterator<Item = (&str, usize, usize)> {
        let end = self.starts.get(i + 1).copied().unwrap_or(self.tokens.len());
        self.tokens[self.starts[i]..end].iter().map(|&((fs, fe), (s, e))| (&self.folded[fs..fe], s, e))
    }

    /// Where the first token at position `i` starts and ends in the text.
    fn range(&self, i: usize) -> (usize, usize) {
        self.tokens[self.starts[i]].1
    }
}

impl Highlighter {
    pub fn new(q: &SearchQuery) -> Highlighter {
        let needles = q
            .groups
            .iter()
            .flatten()
            .map(|t| {
                let (text, prefix) = match t {
                    Term::Word { text, prefix } => (text.as_str(), *prefix),
                    Term::Phrase(p) => (p.as_str(), false),
                };
                let mut tokens = Vec::new();
                fts::tokenize(text, true, |tok: Token<'_>| {
                    tokens.push(tok.text.to_string());
                    true
                });
                // A lone CJK character is searched as a prefix of bigrams.
                let single_cjk =
                    tokens.len() == 1 && tokens[0].chars().count() == 1 && tokens[0].chars().all(fts::is_cjk);
                Needle { tokens, prefix: prefix || single_cjk }
            })
            .filter(|n| !n.tokens.is_empty())
            .collect();
        Highlighter { needles }
    }

    /// A passage of `text` around its best cluster of matches, or None when
    /// nothing in it matches.
    pub fn snippet(&self, text: &str) -> Option<String> {
        let text = cut(text, SCAN_BYTES);
        let positions = Positions::of(text);
        let matches = self.find(&positions);
        if matches.is_empty() {
            return None;
        }
        // The window of WINDOW positions holding the most matches.
        let mut best = (0, 0);
        for (i, &(p, _, _)) in matches.iter().enumerate() {
            let count = matches[i..].iter().take_while(|m| m.0 < p + WINDOW).count();
            if count > best.1 {
                best = (i, count);
            }
        }
        let first = matches[best.0].0;
        // A few tokens of lead-in, but no shorter than a full window.
        let start_pos = first.saturating_sub(4).min(positions.len().saturating_sub(WINDOW));
        let end_pos = (start_pos + WINDOW).min(positions.len());
        let start = if start_pos == 0 { 0 } else { positions.range(start_pos).0 };
        let end = if end_pos == positions.len() { text.len() } else { positions.range(end_pos - 1).1 };
        let marks: Vec<(usize, usize)> =
            matches.iter().map(|&(_, s, e)| (s.max(start), e.min(end))).filter(|(s, e)| s < e).collect();
        let mut out = String::new();
        if start > 0 {
            out.push('…');
        }
        out.push_str(&mark(&text[start..end], start, &marks));
        if end < text.len() {
            out.push('…');
        }
        Some(out)
    }

    /// The whole of a short text (a title) with its matches marked.
    pub fn mark_all(&self, text: &str) -> Option<String> {
        let matches = self.find(&Positions::of(text));
        if matches.is_empty() {
            return None;
        }
        let marks: Vec<(usize, usize)> = matches.iter().map(|&(_, s, e)| (s, e)).collect();
        Some(mark(text, 0, &marks))
    }

    /// Matches as (position, byte start, byte end), in order.
    fn find(&self, positions: &Positions) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        for n in &self.needles {
            let len = n.tokens.len();
            if len > positions.len() {
                continue;
            }
            for i in 0..=positions.len() - len {
                let mut range = None;
                let ok = (0..len).all(|j| {
                    let want = &n.tokens[j];
                    let last = j == len - 1;
                    let hit = positions
                        .at(i + j)
                        .find(|&(t, _, _)| t == want || (last && n.prefix && t.starts_with(want.as_str())));
                    if let Some((_, s, e)) = hit {
                        range = Some(match range {
                            None => (s, e),
                            Some((rs, _)) => (rs, e),
                        });
                    }
                    hit.is_some()
                });
                if let (true, Some((s, e))) = (ok, range) {
                    found.push((i, s, e));
                }
            }
        }
        found.sort_unstable();
        found
    }
}

/// `text` (which starts at byte `offset` of the original) escaped, with the
/// given original byte ranges wrapped in `<mark>`.
fn mark(text: &str, offset: usize, ranges: &[(usize, usize)]) -> String {
    let mut ranges: Vec<(usize, usize)> = ranges.to_vec();
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let mut out = String::with_capacity(text.len() + 32);
    let mut at = 0;
    for (s, e) in merged {
        let (s, e) = (s - offset, e - offset);
        out.push_str(&html_escape(&text[at..s]));
        out.push_str("<mark>");
        out.push_str(&html_escape(&text[s..e]));
        out.push_str("</mark>");
        at = e;
    }
    out.push_str(&html_escape(&text[at..]));
    out
}

fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(query: &str, text: &str, expected: Option<&str>) {
        let h = Highlighter::new(&SearchQuery::parse(query).unwrap());
        assert_eq!(h.snippet(text).as_deref(), expected, "{query}");
    }

    #[test]
    fn marks_words_phrases_prefixes_and_cjk() {
        check("cafe", "A <new> Café opens", Some("A &lt;new&gt; <mark>Café</mark> opens"));
        check("\"record high\"", "A record high of 196", Some("A <mark>record high</mark> of 196"));
        check("secur*", "Security first", Some("<mark>Security</mark> first"));
        check("西部", "在西部地区投资", Some("在<mark>西部</mark>地区投资"));
        check("资", "在西部地区投资", Some("在西部地区投<mark>资</mark>"));
        check("missing", "Nothing here", None);
    }

    #[test]
    fn long_texts_get_a_window_around_the_matches() {
        let text = format!("{} needle here {}", "word ".repeat(100), "tail ".repeat(100));
        let s = Highlighter::new(&SearchQuery::parse("needle").unwrap()).snippet(&text).unwrap();
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("<mark>needle</mark> here"), "{s}");
        assert!(s.len() < 250, "{s}");
    }
}
