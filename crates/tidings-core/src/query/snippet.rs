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

/// What a pass over a text found: its matches, and where each position (a
/// token and its alternatives, such as a CJK run's last character) starts
/// and ends. Matching as the tokenizer goes, rather than keeping every
/// token to match afterwards, because a snippet tokenizes each result's
/// whole text: the window asks for 300, and copying each token out was
/// most of a search's time.
#[derive(Default)]
struct Scan {
    /// (position, byte start, byte end), in order.
    matches: Vec<(usize, usize, usize)>,
    /// Byte range of each position's first token.
    positions: Vec<(usize, usize)>,
}

/// A needle of several tokens matched up to a point.
struct Partial {
    needle: usize,
    start: usize,
    start_byte: usize,
    /// Tokens matched so far; the next is wanted at position `start + matched`.
    matched: usize,
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
        let Scan { matches, positions } = self.scan(text);
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
        let start = if start_pos == 0 { 0 } else { positions[start_pos].0 };
        let end = if end_pos == positions.len() { text.len() } else { positions[end_pos - 1].1 };
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
        let matches = self.scan(text).matches;
        if matches.is_empty() {
            return None;
        }
        let marks: Vec<(usize, usize)> = matches.iter().map(|&(_, s, e)| (s, e)).collect();
        Some(mark(text, 0, &marks))
    }

    /// The matches of every needle in `text`, each where its first token
    /// is, with the first token at a position that fits taken for it.
    fn scan(&self, text: &str) -> Scan {
        let mut scan = Scan::default();
        let mut partials: Vec<Partial> = Vec::new();
        // The position each needle last started a match at: one start per position.
        let mut started = vec![usize::MAX; self.needles.len()];
        fts::tokenize(text, false, |t| {
            if !t.colocated || scan.positions.is_empty() {
                scan.positions.push((t.start, t.end));
                let p = scan.positions.len() - 1;
                // A partial match that found nothing at the position before ends.
                partials.retain(|m| m.start + m.matched == p);
            }
            let p = scan.positions.len() - 1;
            let fits = |n: &Needle, j: usize| {
                let want = n.tokens[j].as_str();
                t.text == want || (j == n.tokens.len() - 1 && n.prefix && t.text.starts_with(want))
            };
            partials.retain_mut(|m| {
                let n = &self.needles[m.needle];
                if m.start + m.matched != p || !fits(n, m.matched) {
                    return true;
                }
                m.matched += 1;
                if m.matched < n.tokens.len() {
                    return true;
                }
                scan.matches.push((m.start, m.start_byte, t.end));
                false
            });
            for (i, n) in self.needles.iter().enumerate() {
                if started[i] != p && fits(n, 0) {
                    started[i] = p;
                    if n.tokens.len() == 1 {
                        scan.matches.push((p, t.start, t.end));
                    } else {
                        partials.push(Partial { needle: i, start: p, start_byte: t.start, matched: 1 });
                    }
                }
            }
            true
        });
        scan.matches.sort_unstable();
        scan
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

    /// The matcher `scan` replaced, kept as the reference it must agree
    /// with: every token kept by position, then each needle tried at each.
    fn reference_matches(h: &Highlighter, text: &str) -> Scan {
        let mut positions: Vec<Vec<(String, usize, usize)>> = Vec::new();
        fts::tokenize(text, false, |t| {
            if !t.colocated || positions.is_empty() {
                positions.push(Vec::new());
            }
            positions.last_mut().unwrap().push((t.text.to_string(), t.start, t.end));
            true
        });
        let mut found = Vec::new();
        for n in &h.needles {
            let len = n.tokens.len();
            for i in 0..(positions.len() + 1).saturating_sub(len) {
                let hits: Option<Vec<(usize, usize)>> = (0..len)
                    .map(|j| {
                        let want = &n.tokens[j];
                        let prefix = j == len - 1 && n.prefix;
                        positions[i + j]
                            .iter()
                            .find(|(t, _, _)| t == want || (prefix && t.starts_with(want.as_str())))
                            .map(|&(_, s, e)| (s, e))
                    })
                    .collect();
                if let Some(hits) = hits {
                    found.push((i, hits[0].0, hits[len - 1].1));
                }
            }
        }
        found.sort_unstable();
        Scan { matches: found, positions: positions.iter().map(|p| (p[0].1, p[0].2)).collect() }
    }

    #[test]
    fn scanning_finds_what_trying_every_position_finds() {
        // Words that fold alike, prefixes, CJK runs (bigrams and their
        // last character), punctuation; texts and queries drawn from them.
        let words = [
            "Open",
            "open",
            "source",
            "SOURCE",
            "Café",
            "cafe",
            "café",
            "security",
            "secure",
            "sec",
            "数据库",
            "数据",
            "安全",
            "据",
            "社区",
            "研究数据",
            "a",
            "A",
            "naïve",
            "naive",
            ",",
            ".",
            "—",
            "\n",
            "open-source",
        ];
        let queries = [
            "open",
            "\"open source\"",
            "secur*",
            "sec*",
            "café",
            "数据库",
            "数据",
            "据",
            "安全 社区",
            "\"数据 安全\"",
            "open open",
            "\"open open\"",
            "naive OR cafe",
            "\"a a a\"",
            "研究",
            "a*",
            "\"open sec*\"",
        ];
        let mut seed = 0x2545_f491_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for round in 0..400 {
            let len = next(60);
            let text: Vec<&str> = (0..len).map(|_| words[next(words.len())]).collect();
            let text = text.join(if round % 3 == 0 { "" } else { " " });
            for q in queries {
                let h = Highlighter::new(&SearchQuery::parse(q).unwrap());
                let (scan, reference) = (h.scan(&text), reference_matches(&h, &text));
                assert_eq!(
                    (scan.matches, scan.positions),
                    (reference.matches, reference.positions),
                    "{q:?} in {text:?}"
                );
            }
        }
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
