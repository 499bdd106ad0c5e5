//! The search tokenizer, registered with SQLite's FTS5 as `tidings`.
//!
//! Why our own: FTS5's `unicode61` tokenizer treats a run of Chinese or
//! Japanese characters as one token, so "西部" never finds "西部地区投资";
//! the `trigram` tokenizer finds it but cannot match two-character words,
//! makes the index twice as large and inserts 4.5× slower. News in Chinese,
//! Japanese and Korean is normal content for Tidings, so this tokenizer
//! does what Lucene's CJK analyzer does:
//!
//! - outside CJK scripts, a token is a run of letters and digits, folded to
//!   lower case with diacritics removed ("Café" → "cafe"), as `unicode61
//!   remove_diacritics 2` would;
//! - a run of CJK characters becomes overlapping bigrams ("西部地区" →
//!   "西部" "部地" "地区"), so any word of two or more characters is a phrase
//!   of bigrams; the run's last character is also indexed alone (at the same
//!   position), so a one-character query, run as a prefix query, finds every
//!   occurrence.
//!
//! Offsets point into the original text, so FTS5's `snippet()` highlights
//! the original words. rusqlite has no safe binding for FTS5 tokenizers, so
//! this module uses SQLite's C API directly; the unsafe code is confined to
//! registration and the three callbacks.

use rusqlite::ffi;
use rusqlite::Connection;
use std::ffi::{c_char, c_int, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// The name tables use in `tokenize='tidings'`.
pub const TOKENIZER_NAME: &str = "tidings";

/// True for the scripts written without spaces between words, which are
/// indexed as bigrams: Han, Hiragana, Katakana, Hangul and their extensions.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF       // Hangul Jamo
        | 0x2E80..=0x2FDF     // CJK radicals, Kangxi radicals
        | 0x3005..=0x3007     // 々 〆 〇
        | 0x3040..=0x30FF     // Hiragana, Katakana
        | 0x3130..=0x318F     // Hangul compatibility Jamo
        | 0x31F0..=0x31FF     // Katakana phonetic extensions
        | 0x3400..=0x4DBF     // CJK Extension A
        | 0x4E00..=0x9FFF     // CJK Unified Ideographs
        | 0xA960..=0xA97F     // Hangul Jamo Extended-A
        | 0xAC00..=0xD7AF     // Hangul syllables
        | 0xF900..=0xFAFF     // CJK compatibility ideographs
        | 0xFF66..=0xFF9F     // half-width Katakana
        | 0x20000..=0x3134F   // CJK Extensions B–G
    )
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Appends `c` folded: lower case, without diacritics.
fn push_folded(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    // Most CJK text: ideographs have neither case nor decomposition.
    if matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF) {
        out.push(c);
        return;
    }
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            out.extend(d.to_lowercase());
        }
    });
}

/// A token as FTS5 wants it: text and the byte range it came from.
#[derive(Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    /// Same position as the token before (an alternative form).
    pub colocated: bool,
}

/// Splits `text` into tokens, calling `emit` for each; stops early when
/// `emit` returns false. `query` is true when FTS5 tokenizes a query.
pub fn tokenize(text: &str, query: bool, mut emit: impl FnMut(Token<'_>) -> bool) {
    let bytes = text.as_bytes();
    let mut word = String::new();
    let mut word_start = 0;
    let mut in_word = false;
    let mut cjk: Vec<(usize, char)> = Vec::new();
    let mut buf = String::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let b = bytes[pos];
        // ASCII, most of most feeds, without decoding characters: a word
        // that is all lower-case ASCII is handed over as it stands.
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                if in_word {
                    in_word = false;
                    if !flush_word(&mut word, word_start, pos, &mut emit) {
                        return;
                    }
                }
                pos += 1;
                continue;
            }
            let start = pos;
            let mut upper = false;
            while pos < bytes.len() && bytes[pos].is_ascii_alphanumeric() {
                upper |= bytes[pos].is_ascii_uppercase();
                pos += 1;
            }
            let continues = in_word || (pos < bytes.len() && bytes[pos] >= 0x80);
            if continues {
                // Part of a word with non-ASCII letters ("café"): build it.
                if !in_word {
                    in_word = true;
                    word_start = start;
                    word.clear();
                }
                word.push_str(&text[start..pos]);
                word.make_ascii_lowercase();
                continue;
            }
            let keep_going = if upper {
                buf.clear();
                buf.push_str(&text[start..pos]);
                buf.make_ascii_lowercase();
                emit(Token { text: &buf, start, end: pos, colocated: false })
            } else {
                emit(Token { text: &text[start..pos], start, end: pos, colocated: false })
            };
            if !keep_going {
                return;
            }
            continue;
        }
        // `pos` is at the start of a character: ASCII bytes are always
        // whole characters and every other step moves by a whole character.
        let c = text[pos..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
        if is_cjk(c) {
            if in_word && !flush_word(&mut word, word_start, pos, &mut emit) {
                return;
            }
            in_word = false;
            cjk.clear();
            let mut end = pos;
            for (i, n) in text[pos..].char_indices() {
                if !is_cjk(n) {
                    break;
                }
                cjk.push((pos + i, n));
                end = pos + i + n.len_utf8();
            }
            if !emit_cjk_run(&cjk, end, query, &mut buf, &mut emit) {
                return;
            }
            pos = end;
            continue;
        }
        if is_word_char(c) {
            if !in_word {
                in_word = true;
                word_start = pos;
                word.clear();
            }
            push_folded(&mut word, c);
        } else if in_word {
            in_word = false;
            if !flush_word(&mut word, word_start, pos, &mut emit) {
                return;
            }
        }
        pos += c.len_utf8();
    }
    if in_word {
        flush_word(&mut word, word_start, text.len(), &mut emit);
    }
}

fn flush_word(word: &mut String, start: usize, end: usize, emit: &mut impl FnMut(Token<'_>) -> bool) -> bool {
    if word.is_empty() {
        return true;
    }
    emit(Token { text: word, start, end, colocated: false })
}

fn emit_cjk_run(
    run: &[(usize, char)],
    run_end: usize,
    query: bool,
    buf: &mut String,
    emit: &mut impl FnMut(Token<'_>) -> bool,
) -> bool {
    let end_of = |i: usize| run.get(i + 1).map_or(run_end, |&(p, _)| p);
    if run.len() == 1 {
        buf.clear();
        push_folded(buf, run[0].1);
        return emit(Token { text: buf, start: run[0].0, end: run_end, colocated: false });
    }
    for i in 0..run.len() - 1 {
        buf.clear();
        push_folded(buf, run[i].1);
        push_folded(buf, run[i + 1].1);
        if !emit(Token { text: buf, start: run[i].0, end: end_of(i + 1), colocated: false }) {
            return false;
        }
    }
    if !query {
        let last = run.len() - 1;
        buf.clear();
        push_folded(buf, run[last].1);
        return emit(Token { text: buf, start: run[last].0, end: run_end, colocated: true });
    }
    true
}

// ---- registration with FTS5 -------------------------------------------------

/// Registers the tokenizer on this connection. Every connection that reads
/// or writes the search table must call this first.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    // SAFETY: the handle is valid for the life of `conn`; fts5_api is
    // obtained exactly as the FTS5 documentation prescribes, and the
    // tokenizer struct we pass is copied by FTS5.
    unsafe {
        let db = conn.handle();
        let api = fts5_api(db)?;
        if api.is_null() || (*api).iVersion < 2 {
            return Err(unavailable("FTS5 is not available"));
        }
        let mut tokenizer =
            ffi::fts5_tokenizer { xCreate: Some(x_create), xDelete: Some(x_delete), xTokenize: Some(x_tokenize) };
        let create = (*api).xCreateTokenizer.ok_or_else(|| unavailable("FTS5 has no xCreateTokenizer"))?;
        let rc = create(api, c"tidings".as_ptr(), ptr::null_mut(), &mut tokenizer, None);
        if rc != ffi::SQLITE_OK {
            return Err(rusqlite::Error::SqliteFailure(
                ffi::Error::new(rc),
                Some("registering the tidings tokenizer".into()),
            ));
        }
    }
    Ok(())
}

pub(super) fn unavailable(what: &str) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(ffi::Error::new(ffi::SQLITE_ERROR), Some(what.to_string()))
}

pub(super) unsafe fn fts5_api(db: *mut ffi::sqlite3) -> rusqlite::Result<*mut ffi::fts5_api> {
    let mut api: *mut ffi::fts5_api = ptr::null_mut();
    let mut stmt: *mut ffi::sqlite3_stmt = ptr::null_mut();
    let rc = ffi::sqlite3_prepare_v2(db, c"SELECT fts5(?1)".as_ptr(), -1, &mut stmt, ptr::null_mut());
    if rc != ffi::SQLITE_OK {
        return Err(rusqlite::Error::SqliteFailure(ffi::Error::new(rc), Some("FTS5 is not compiled in".into())));
    }
    ffi::sqlite3_bind_pointer(stmt, 1, (&mut api as *mut *mut ffi::fts5_api).cast(), c"fts5_api_ptr".as_ptr(), None);
    ffi::sqlite3_step(stmt);
    ffi::sqlite3_finalize(stmt);
    Ok(api)
}

/// Tokenizer instances carry no state; FTS5 only needs a distinct pointer.
unsafe extern "C" fn x_create(
    _ctx: *mut c_void,
    _args: *mut *const c_char,
    _n: c_int,
    out: *mut *mut ffi::Fts5Tokenizer,
) -> c_int {
    *out = Box::into_raw(Box::new(0u8)).cast();
    ffi::SQLITE_OK
}

unsafe extern "C" fn x_delete(tok: *mut ffi::Fts5Tokenizer) {
    if !tok.is_null() {
        drop(Box::from_raw(tok.cast::<u8>()));
    }
}

type TokenCallback = unsafe extern "C" fn(*mut c_void, c_int, *const c_char, c_int, c_int, c_int) -> c_int;

unsafe extern "C" fn x_tokenize(
    _tok: *mut ffi::Fts5Tokenizer,
    ctx: *mut c_void,
    flags: c_int,
    text: *const c_char,
    len: c_int,
    callback: Option<TokenCallback>,
) -> c_int {
    let Some(callback) = callback else {
        return ffi::SQLITE_ERROR;
    };
    if text.is_null() || len <= 0 {
        return ffi::SQLITE_OK;
    }
    let bytes = std::slice::from_raw_parts(text.cast::<u8>(), len as usize);
    let query = flags & ffi::FTS5_TOKENIZE_QUERY != 0;
    let result = catch_unwind(AssertUnwindSafe(|| {
        let mut rc = ffi::SQLITE_OK;
        let mut tokenize_at = |valid: &str, offset: usize| {
            tokenize(valid, query, |t| {
                let flag = if t.colocated { ffi::FTS5_TOKEN_COLOCATED } else { 0 };
                rc = callback(
                    ctx,
                    flag,
                    t.text.as_ptr().cast(),
                    t.text.len() as c_int,
                    (offset + t.start) as c_int,
                    (offset + t.end) as c_int,
                );
                rc == ffi::SQLITE_OK
            });
            rc == ffi::SQLITE_OK
        };
        // Text from SQLite is UTF-8 in practice, checked in one pass
        // (`from_utf8` is several times faster than `utf8_chunks`); should
        // it not be, invalid bytes are skipped without disturbing the
        // offsets of the valid parts.
        if let Ok(text) = std::str::from_utf8(bytes) {
            tokenize_at(text, 0);
        } else {
            let mut offset = 0;
            for chunk in bytes.utf8_chunks() {
                if !tokenize_at(chunk.valid(), offset) {
                    break;
                }
                offset += chunk.valid().len() + chunk.invalid().len();
            }
        }
        rc
    }));
    result.unwrap_or(ffi::SQLITE_ERROR)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str, query: bool) -> Vec<String> {
        let mut out = Vec::new();
        tokenize(text, query, |t| {
            out.push(format!("{}{}@{}..{}", if t.colocated { "+" } else { "" }, t.text, t.start, t.end));
            true
        });
        out
    }

    #[test]
    fn words_fold_case_and_diacritics() {
        assert_eq!(tokens("Café, NAÏVE-test 42", false), ["cafe@0..5", "naive@7..13", "test@14..18", "42@19..21"]);
    }

    #[test]
    fn cjk_runs_become_bigrams() {
        // Each Han character is three bytes.
        assert_eq!(tokens("西部地区", false), ["西部@0..6", "部地@3..9", "地区@6..12", "+区@9..12"]);
        assert_eq!(tokens("西部地区", true), ["西部@0..6", "部地@3..9", "地区@6..12"]);
        assert_eq!(tokens("在China投资", false), ["在@0..3", "china@3..8", "投资@8..14", "+资@11..14"]);
    }

    #[test]
    fn search_through_sqlite() {
        let conn = Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        conn.execute_batch(
            "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='tidings');
             INSERT INTO t(rowid, body) VALUES (1, 'Record-breaking investments in 西部地区投资 and the Café');
             INSERT INTO t(rowid, body) VALUES (2, '日本語のニュースです');",
        )
        .unwrap();
        let hits = |q: &str| -> Vec<i64> {
            let mut s = conn.prepare("SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid").unwrap();
            s.query_map([q], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
        };
        assert_eq!(hits("\"西部\""), [1]);
        assert_eq!(hits("\"地区投资\""), [1]);
        assert_eq!(hits("\"cafe\""), [1]);
        assert_eq!(hits("\"CAFÉ\""), [1]);
        assert_eq!(hits("\"ニュース\""), [2]);
        assert_eq!(hits("\"资\" *"), [1]);
        assert_eq!(hits("\"西区\""), Vec::<i64>::new());
        // Bytes that are not UTF-8 are skipped; the words around them count.
        conn.execute_batch("INSERT INTO t(rowid, body) VALUES (3, CAST(X'6F6E65FF74776F' AS TEXT) || ' three')")
            .unwrap();
        assert_eq!(hits("one"), [3]);
        assert_eq!(hits("two"), [3]);
        assert_eq!(hits("three"), [3]);
        let snippet: String = conn
            .query_row("SELECT snippet(t, 0, '[', ']', '…', 8) FROM t WHERE t MATCH '\"地区\"'", [], |r| r.get(0))
            .unwrap();
        assert!(snippet.contains("[地区]"), "{snippet}");
    }
}
