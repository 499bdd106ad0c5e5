//! Bytes to text. The order of evidence is: a byte-order mark, then the
//! charset the HTTP server declared, then the XML prolog, then UTF-8 and
//! finally windows-1252 — but a declaration that does not decode cleanly is a
//! lie and the next candidate is tried, and bytes that are valid multi-byte
//! UTF-8 are read as UTF-8 whatever a legacy declaration says (real feeds get
//! this wrong far more often than legacy text happens to be valid UTF-8).

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use std::borrow::Cow;

/// Decoded text and the name of the encoding it came from.
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static str,
    /// Set when the declared encoding could not be used.
    pub warning: Option<String>,
}

/// Decodes a feed document. `http_charset` is the `charset` parameter of the
/// Content-Type header, if any.
pub fn decode<'a>(bytes: &'a [u8], http_charset: Option<&str>) -> Decoded<'a> {
    if let Some(d) = decode_by_bom(bytes) {
        return d;
    }
    if let Some(d) = decode_utf32_by_pattern(bytes) {
        return d;
    }
    // UTF-16 without a BOM shows itself by the zero bytes around "<?".
    if bytes.starts_with(&[0, b'<', 0, b'?']) {
        return decode_with(bytes, UTF_16BE, None);
    }
    if bytes.starts_with(&[b'<', 0, b'?', 0]) {
        return decode_with(bytes, UTF_16LE, None);
    }

    let declared_prolog = prolog_encoding(bytes);
    let mut candidates: Vec<(&str, Option<&'static Encoding>)> = Vec::new();
    if let Some(label) = http_charset {
        candidates.push((label, Encoding::for_label_no_replacement(label.trim().as_bytes())));
    }
    if let Some(label) = declared_prolog.as_deref() {
        candidates.push((label, Encoding::for_label_no_replacement(label.as_bytes())));
    }

    let utf8_ok = std::str::from_utf8(bytes).is_ok();
    let mut warning = None;
    for (label, enc) in &candidates {
        let Some(enc) = enc else {
            warning = Some(format!("unknown encoding {label:?}"));
            continue;
        };
        // UTF-16 declared on a byte stream that is not UTF-16 (no zero bytes
        // pattern above) is a lie by construction.
        if *enc == UTF_16LE || *enc == UTF_16BE {
            warning = Some(format!("declared encoding {label} does not match the bytes"));
            continue;
        }
        if *enc == UTF_8 {
            if utf8_ok {
                return utf8(bytes, warning);
            }
            warning = Some(format!("declared encoding {label} does not match the bytes"));
            continue;
        }
        if utf8_ok && !bytes.is_ascii() {
            return utf8(bytes, Some(format!("declared encoding {label}, but the bytes are UTF-8")));
        }
        if let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
            return Decoded { text, encoding: enc.name(), warning };
        }
        warning = Some(format!("declared encoding {label} does not match the bytes"));
    }
    if utf8_ok {
        return utf8(bytes, warning);
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    Decoded { text, encoding: WINDOWS_1252.name(), warning }
}

fn utf8(bytes: &[u8], warning: Option<String>) -> Decoded<'_> {
    Decoded {
        // Checked by the caller.
        text: Cow::Borrowed(std::str::from_utf8(bytes).unwrap_or_default()),
        encoding: "UTF-8",
        warning,
    }
}

fn decode_with<'a>(bytes: &'a [u8], enc: &'static Encoding, warning: Option<String>) -> Decoded<'a> {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Decoded { text, encoding: enc.name(), warning }
}

fn decode_by_bom(bytes: &[u8]) -> Option<Decoded<'_>> {
    // UTF-32 first: its little-endian BOM begins with UTF-16LE's.
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        return Some(decode_utf32(&bytes[4..], false));
    }
    if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Some(decode_utf32(&bytes[4..], true));
    }
    let (enc, len) = Encoding::for_bom(bytes)?;
    let (text, _) = enc.decode_without_bom_handling(&bytes[len..]);
    Some(Decoded { text, encoding: enc.name(), warning: None })
}

fn decode_utf32_by_pattern(bytes: &[u8]) -> Option<Decoded<'_>> {
    if bytes.starts_with(&[0, 0, 0, b'<']) {
        return Some(decode_utf32(bytes, true));
    }
    if bytes.starts_with(&[b'<', 0, 0, 0]) {
        return Some(decode_utf32(bytes, false));
    }
    None
}

/// UTF-32 is not in the WHATWG encoding standard, so encoding_rs does not
/// have it; it is four bytes per scalar value and needs no table.
fn decode_utf32(bytes: &[u8], big_endian: bool) -> Decoded<'static> {
    let text: String = bytes
        .chunks_exact(4)
        .map(|c| {
            let v = if big_endian {
                u32::from_be_bytes([c[0], c[1], c[2], c[3]])
            } else {
                u32::from_le_bytes([c[0], c[1], c[2], c[3]])
            };
            char::from_u32(v).unwrap_or(char::REPLACEMENT_CHARACTER)
        })
        .collect();
    Decoded { text: Cow::Owned(text), encoding: if big_endian { "UTF-32BE" } else { "UTF-32LE" }, warning: None }
}

/// The `encoding="..."` of an XML declaration at the start of the bytes.
pub fn prolog_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(1024)];
    let start = find(head, b"<?xml")?;
    let end = start + find(&head[start..], b"?>")?;
    let decl = &head[start..end];
    let at = find(decl, b"encoding")?;
    let rest = &decl[at + 8..];
    let rest = trim_start(rest);
    let rest = trim_start(rest.strip_prefix(b"=")?);
    let quote = *rest.first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let value = &rest[1..];
    let close = value.iter().position(|&b| b == quote)?;
    let label = std::str::from_utf8(&value[..close]).ok()?.trim();
    (!label.is_empty()).then(|| label.to_string())
}

/// The charset parameter of a Content-Type header value.
pub fn charset_of_content_type(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(|c| c == '"' || c == '\''))
            .filter(|v| !v.is_empty())
    })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8], http: Option<&str>, expect_text: &str, expect_enc: &str) {
        let d = decode(bytes, http);
        assert!(d.text.contains(expect_text), "{:?} lacks {expect_text:?}", d.text);
        assert_eq!(d.encoding, expect_enc);
    }

    #[test]
    fn prolog_declares_legacy_encodings() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<?xml version='1.0' encoding='gb2312'?><t>西部地区</t>");
        check(&gbk, None, "西部地区", "GBK");
        let (big5, _, _) = encoding_rs::BIG5.encode("<?xml version=\"1.0\" encoding=\"big5\"?><t>臺灣新聞</t>");
        check(&big5, None, "臺灣新聞", "Big5");
        let (sjis, _, _) =
            encoding_rs::SHIFT_JIS.encode("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><t>日本語のニュース</t>");
        check(&sjis, None, "日本語のニュース", "Shift_JIS");
        let (w1252, _, _) =
            WINDOWS_1252.encode("<?xml version=\"1.0\" encoding=\"windows-1252\"?><t>café “quoted”</t>");
        check(&w1252, None, "café “quoted”", "windows-1252");
    }

    #[test]
    fn http_charset_wins_over_prolog() {
        let (koi, _, _) = encoding_rs::KOI8_R.encode("<?xml version=\"1.0\" encoding=\"utf-8\"?><t>Новости</t>");
        check(&koi, Some("koi8-r"), "Новости", "KOI8-R");
    }

    #[test]
    fn a_lying_declaration_falls_back() {
        let (w1252, _, _) = WINDOWS_1252.encode("<?xml version=\"1.0\" encoding=\"utf-8\"?><t>Notícias</t>");
        check(&w1252, None, "Notícias", "windows-1252");
        check("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><t>Notícias</t>".as_bytes(), None, "Notícias", "UTF-8");
    }

    #[test]
    fn boms_and_wide_encodings() {
        let mut le = vec![0xFF, 0xFE];
        for u in "<t>héllo</t>".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        check(&le, Some("iso-8859-1"), "héllo", "UTF-16LE");
        let mut be = Vec::new();
        for u in "<?xml version='1.0'?><t>é</t>".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        check(&be, None, "<t>é</t>", "UTF-16BE");
        let mut w32 = vec![0, 0, 0xFE, 0xFF];
        for c in "<t>日</t>".chars() {
            w32.extend_from_slice(&(c as u32).to_be_bytes());
        }
        check(&w32, None, "<t>日</t>", "UTF-32BE");
    }

    #[test]
    fn content_type_charset() {
        assert_eq!(charset_of_content_type("text/xml; charset=\"Big5\""), Some("Big5"));
        assert_eq!(charset_of_content_type("application/rss+xml"), None);
    }
}
