//! The search language of BRIEF.md, parsed into an FTS5 expression and SQL
//! conditions:
//!
//! - words: all must match (`rust kernel`); `word*` matches a prefix;
//! - `"a phrase"`: the words in that order;
//! - `-word`, `-"a phrase"`: must not match;
//! - `a OR b`: either (binds tighter than the implicit AND);
//! - filters `feed:`, `folder:`, `author:`, `category:` (a part of the
//!   name, ignoring case; quote names with spaces: `author:"Jane Doe"`),
//!   `is:unread`, `is:read`, `is:bookmarked`, `after:YYYY-MM-DD`,
//!   `before:YYYY-MM-DD`.
//!
//! Case and diacritics are ignored and CJK text matches by words inside
//! unsegmented runs: both are the tokenizer's work (store/fts.rs); here a
//! term only has to be quoted so FTS5 hands it to the tokenizer whole.

use super::Conditions;
use crate::error::{Error, Result};
use crate::store::fts;
use chrono::{NaiveDate, TimeZone, Utc};
use rusqlite::types::Value;

/// A search term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Word { text: String, prefix: bool },
    Phrase(String),
}

/// A parsed search query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// Groups that must all match; the terms of a group are alternatives (OR).
    pub groups: Vec<Vec<Term>>,
    /// Terms that must not match.
    pub excluded: Vec<Term>,
    pub feeds: Vec<String>,
    pub folders: Vec<String>,
    pub authors: Vec<String>,
    pub categories: Vec<String>,
    pub unread: Option<bool>,
    pub bookmarked: bool,
    pub after: Option<i64>,
    pub before: Option<i64>,
}

/// One lexical piece of the query.
#[derive(Debug, PartialEq)]
enum Piece {
    Term { term: Term, negated: bool },
    Filter { key: String, value: String },
    Or,
}

impl SearchQuery {
    /// Parses a query. Fails only on a filter with a bad value (such as an
    /// impossible date); unknown `key:` prefixes are searched as words.
    pub fn parse(input: &str) -> Result<SearchQuery> {
        let mut q = SearchQuery::default();
        let mut pending_or = false;
        for piece in lex(input) {
            match piece {
                Piece::Or => pending_or = !q.groups.is_empty(),
                Piece::Term { term, negated: true } => {
                    q.excluded.push(term);
                    pending_or = false;
                }
                Piece::Term { term, negated: false } => {
                    match q.groups.last_mut() {
                        Some(group) if pending_or => group.push(term),
                        _ => q.groups.push(vec![term]),
                    }
                    pending_or = false;
                }
                Piece::Filter { key, value } => {
                    q.apply_filter(&key, &value)?;
                    pending_or = false;
                }
            }
        }
        Ok(q)
    }

    fn apply_filter(&mut self, key: &str, value: &str) -> Result<()> {
        match key {
            "feed" => self.feeds.push(value.to_string()),
            "folder" => self.folders.push(value.to_string()),
            "author" | "by" => self.authors.push(value.to_string()),
            "category" | "tag" => self.categories.push(value.to_string()),
            "is" => match value.to_ascii_lowercase().as_str() {
                "unread" => self.unread = Some(true),
                "read" => self.unread = Some(false),
                "bookmarked" | "starred" | "saved" => self.bookmarked = true,
                other => {
                    return Err(Error::Invalid(format!(
                        "unknown filter is:{other} (use is:unread, is:read or is:bookmarked)"
                    )))
                }
            },
            "after" => self.after = Some(day_start(key, value)?),
            "before" => self.before = Some(day_start(key, value)?),
            _ => unreachable!("lex only yields known filter keys"),
        }
        Ok(())
    }

    /// True when there is text to match (not only filters or exclusions).
    pub fn has_terms(&self) -> bool {
        !self.groups.is_empty()
    }

    /// The FTS5 expression of the positive terms (and exclusions), or None
    /// when there are no positive terms.
    pub fn fts_expression(&self) -> Option<String> {
        if self.groups.is_empty() {
            return None;
        }
        let mut expr = self
            .groups
            .iter()
            .map(|g| match g.as_slice() {
                [one] => fts_term(one),
                many => format!("({})", many.iter().map(fts_term).collect::<Vec<_>>().join(" OR ")),
            })
            .collect::<Vec<_>>()
            .join(" AND ");
        for t in &self.excluded {
            expr.push_str(" NOT ");
            expr.push_str(&fts_term(t));
        }
        Some(expr)
    }

    /// The exclusions alone as one FTS5 expression (for queries with no
    /// positive terms, where FTS5's binary NOT has nothing to subtract from).
    pub fn excluded_expression(&self) -> Option<String> {
        (!self.excluded.is_empty()).then(|| self.excluded.iter().map(fts_term).collect::<Vec<_>>().join(" OR "))
    }

    /// SQL conditions of the filters, on `articles a`, `feeds f`.
    pub fn conditions(&self, c: &mut Conditions) {
        let like = |s: &str| Value::Text(like_pattern(s));
        let any = |c: &mut Conditions, values: &[String], clause: &str| {
            if values.is_empty() {
                return;
            }
            let ors = vec![clause; values.len()].join(" OR ");
            let params: Vec<Value> =
                values.iter().flat_map(|v| clause.matches('?').map(|_| like(v)).collect::<Vec<_>>()).collect();
            c.push(&format!("({ors})"), params);
        };
        any(
            c,
            &self.feeds,
            "(coalesce(f.custom_title, f.title, a.origin_title, '') LIKE ? ESCAPE '\\' OR f.url LIKE ? ESCAPE '\\')",
        );
        any(c, &self.folders, "f.folder_id IN (SELECT id FROM folders WHERE name LIKE ? ESCAPE '\\')");
        any(c, &self.authors, "a.author_id IN (SELECT id FROM authors WHERE name LIKE ? ESCAPE '\\')");
        any(
            c,
            &self.categories,
            "EXISTS (SELECT 1 FROM article_categories ac WHERE ac.article_id = a.id AND ac.category_id IN (SELECT id FROM categories WHERE name LIKE ? ESCAPE '\\'))",
        );
        match self.unread {
            Some(true) => c.push("a.read = 0", []),
            Some(false) => c.push("a.read = 1", []),
            None => {}
        }
        if self.bookmarked {
            c.push("a.bookmarked = 1", []);
        }
        if let Some(t) = self.after {
            c.push("a.sort_date >= ?", [Value::Integer(t)]);
        }
        if let Some(t) = self.before {
            c.push("a.sort_date < ?", [Value::Integer(t)]);
        }
    }
}

/// The LIKE pattern (with `ESCAPE '\\'`) that finds `s` anywhere in a
/// name, ignoring case as LIKE does.
pub fn like_pattern(s: &str) -> String {
    format!("%{}%", s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"))
}

fn day_start(key: &str, value: &str) -> Result<i64> {
    let d = NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| Error::Invalid(format!("{key}: needs a date as YYYY-MM-DD, not {value:?}")))?;
    Ok(Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default()).timestamp())
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn fts_term(t: &Term) -> String {
    match t {
        Term::Phrase(p) => quote(p),
        Term::Word { text, prefix } => {
            // A single CJK character is only a prefix of the bigrams that
            // hold it (see store/fts.rs).
            let single_cjk = {
                let mut chars = text.chars();
                matches!((chars.next(), chars.next()), (Some(c), None) if fts::is_cjk(c))
            };
            if *prefix || single_cjk {
                format!("{} *", quote(text))
            } else {
                quote(text)
            }
        }
    }
}

const FILTER_KEYS: &[&str] = &["feed", "folder", "author", "by", "category", "tag", "is", "after", "before"];

/// True when the text would give the tokenizer at least one token.
fn has_token(s: &str) -> bool {
    let mut any = false;
    fts::tokenize(s, true, |_| {
        any = true;
        false
    });
    any
}

fn lex(input: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let chars: Vec<char> = input.chars().collect();
    let mut i = 0;
    let read_quoted = |i: &mut usize| -> String {
        // At an opening quote: read to the closing one (or the end).
        *i += 1;
        let start = *i;
        while *i < chars.len() && chars[*i] != '"' {
            *i += 1;
        }
        let s: String = chars[start..*i].iter().collect();
        *i += 1;
        s
    };
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() || c == '(' || c == ')' {
            i += 1;
            continue;
        }
        let negated = c == '-' && i + 1 < chars.len() && !chars[i + 1].is_whitespace();
        if negated {
            i += 1;
        }
        if chars[i] == '"' {
            let phrase = read_quoted(&mut i);
            if has_token(&phrase) {
                pieces.push(Piece::Term { term: Term::Phrase(phrase), negated });
            }
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && !matches!(chars[i], '"' | '(' | ')') {
            i += 1;
        }
        let bare: String = chars[start..i].iter().collect();
        if let Some((key, rest)) = bare.split_once(':') {
            let key = key.to_ascii_lowercase();
            if !negated && FILTER_KEYS.contains(&key.as_str()) {
                let value = if rest.is_empty() && i < chars.len() && chars[i] == '"' {
                    read_quoted(&mut i)
                } else {
                    rest.to_string()
                };
                if !value.trim().is_empty() {
                    pieces.push(Piece::Filter { key, value });
                }
                continue;
            }
        }
        let word = bare;
        if word == "OR" && !negated {
            pieces.push(Piece::Or);
            continue;
        }
        let (text, prefix) = match word.strip_suffix('*') {
            Some(stem) => (stem.to_string(), true),
            None => (word, false),
        };
        if has_token(&text) {
            pieces.push(Piece::Term { term: Term::Word { text, prefix }, negated });
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expr(q: &str) -> Option<String> {
        SearchQuery::parse(q).unwrap().fts_expression()
    }

    #[test]
    fn words_phrases_negation_or() {
        assert_eq!(expr("rust kernel").as_deref(), Some("\"rust\" AND \"kernel\""));
        assert_eq!(expr("\"west china\" -japan").as_deref(), Some("\"west china\" NOT \"japan\""));
        assert_eq!(expr("a OR b c").as_deref(), Some("(\"a\" OR \"b\") AND \"c\""));
        assert_eq!(expr("secur*").as_deref(), Some("\"secur\" *"));
        assert_eq!(expr("西").as_deref(), Some("\"西\" *"));
        assert_eq!(expr("say \"hi\"\"").as_deref(), Some("\"say\" AND \"hi\""));
        assert_eq!(expr("-only"), None);
        assert_eq!(expr("!!! ---"), None);
    }

    #[test]
    fn filters() {
        let q = SearchQuery::parse(
            "author:\"Jane Doe\" feed:bbc is:unread is:bookmarked after:2024-05-01 before:2024-06-01 china",
        )
        .unwrap();
        assert_eq!(q.authors, ["Jane Doe"]);
        assert_eq!(q.feeds, ["bbc"]);
        assert_eq!(q.unread, Some(true));
        assert!(q.bookmarked);
        assert_eq!(q.after, Some(1714521600));
        assert_eq!(q.before, Some(1717200000));
        assert_eq!(q.fts_expression().as_deref(), Some("\"china\""));
        assert!(SearchQuery::parse("after:yesterday").is_err());
        // An unknown key is just a word.
        assert_eq!(expr("http://x").as_deref(), Some("\"http://x\""));
    }
}
