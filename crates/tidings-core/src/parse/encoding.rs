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
    for label in [http_charset, declared_prolog.as_deref()].into_iter().flatten() {
        if is_ibm855(label) {
            return Decoded { text: Cow::Owned(decode_ibm855(bytes)), encoding: "IBM855", warning: None };
        }
        candidates.push((label, lookup(label)));
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

/// An encoding by its label, with the aliases real feeds use that the
/// WHATWG list lacks.
fn lookup(label: &str) -> Option<&'static Encoding> {
    let label = label.trim();
    match label.to_ascii_lowercase().as_str() {
        "maccyrillic" | "mac-cyrillic" | "x-mac-ukrainian" => Some(encoding_rs::X_MAC_CYRILLIC),
        _ => Encoding::for_label_no_replacement(label.as_bytes()),
    }
}

fn is_ibm855(label: &str) -> bool {
    matches!(label.trim().to_ascii_lowercase().as_str(), "ibm855" | "cp855" | "855" | "csibm855")
}

/// IBM855 (DOS Cyrillic) is not in the WHATWG encoding standard, so
/// encoding_rs lacks it; Russian feeds of the 2000s still use it. The upper
/// half of the code page, generated from Python's `cp855` codec.
const IBM855_HIGH: [char; 128] = [
    '\u{0452}', '\u{0402}', '\u{0453}', '\u{0403}', '\u{0451}', '\u{0401}', '\u{0454}', '\u{0404}', '\u{0455}',
    '\u{0405}', '\u{0456}', '\u{0406}', '\u{0457}', '\u{0407}', '\u{0458}', '\u{0408}', '\u{0459}', '\u{0409}',
    '\u{045A}', '\u{040A}', '\u{045B}', '\u{040B}', '\u{045C}', '\u{040C}', '\u{045E}', '\u{040E}', '\u{045F}',
    '\u{040F}', '\u{044E}', '\u{042E}', '\u{044A}', '\u{042A}', '\u{0430}', '\u{0410}', '\u{0431}', '\u{0411}',
    '\u{0446}', '\u{0426}', '\u{0434}', '\u{0414}', '\u{0435}', '\u{0415}', '\u{0444}', '\u{0424}', '\u{0433}',
    '\u{0413}', '\u{00AB}', '\u{00BB}', '\u{2591}', '\u{2592}', '\u{2593}', '\u{2502}', '\u{2524}', '\u{0445}',
    '\u{0425}', '\u{0438}', '\u{0418}', '\u{2563}', '\u{2551}', '\u{2557}', '\u{255D}', '\u{0439}', '\u{0419}',
    '\u{2510}', '\u{2514}', '\u{2534}', '\u{252C}', '\u{251C}', '\u{2500}', '\u{253C}', '\u{043A}', '\u{041A}',
    '\u{255A}', '\u{2554}', '\u{2569}', '\u{2566}', '\u{2560}', '\u{2550}', '\u{256C}', '\u{00A4}', '\u{043B}',
    '\u{041B}', '\u{043C}', '\u{041C}', '\u{043D}', '\u{041D}', '\u{043E}', '\u{041E}', '\u{043F}', '\u{2518}',
    '\u{250C}', '\u{2588}', '\u{2584}', '\u{041F}', '\u{044F}', '\u{2580}', '\u{042F}', '\u{0440}', '\u{0420}',
    '\u{0441}', '\u{0421}', '\u{0442}', '\u{0422}', '\u{0443}', '\u{0423}', '\u{0436}', '\u{0416}', '\u{0432}',
    '\u{0412}', '\u{044C}', '\u{042C}', '\u{2116}', '\u{00AD}', '\u{044B}', '\u{042B}', '\u{0437}', '\u{0417}',
    '\u{0448}', '\u{0428}', '\u{044D}', '\u{042D}', '\u{0449}', '\u{0429}', '\u{0447}', '\u{0427}', '\u{00A7}',
    '\u{25A0}', '\u{00A0}',
];

fn decode_ibm855(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| if b < 0x80 { b as char } else { IBM855_HIGH[(b - 0x80) as usize] }).collect()
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
    fn cyrillic_code_pages_outside_whatwg() {
        let bytes = [&b"<?xml version='1.0' encoding='IBM855'?><t>"[..], &[0xDD, 0xB7], &b"</t>"[..]].concat();
        check(&bytes, None, "<t>Пи</t>", "IBM855");
        let (mac, _, _) =
            encoding_rs::X_MAC_CYRILLIC.encode("<?xml version='1.0' encoding='MacCyrillic'?><t>Новости</t>");
        check(&mac, None, "Новости", "x-mac-cyrillic");
    }

    #[test]
    fn content_type_charset() {
        assert_eq!(charset_of_content_type("text/xml; charset=\"Big5\""), Some("Big5"));
        assert_eq!(charset_of_content_type("application/rss+xml"), None);
    }
}
