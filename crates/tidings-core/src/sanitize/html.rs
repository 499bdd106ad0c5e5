//! The sanitizer proper: ammonia configured from [`super::allow`], plus
//! resolution of relative URLs against each article's base.

use super::allow;
use ammonia::{Builder, UrlRelative};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::LazyLock;
use url::Url;

thread_local! {
    /// The base URL of the article being cleaned on this thread. ammonia's
    /// builder is expensive to build and not Clone, so one shared builder
    /// resolves URLs through this instead of a per-article builder.
    static BASE: RefCell<Option<Url>> = const { RefCell::new(None) };
}

static CLEANER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut b = Builder::empty();
    for (tag, attrs) in allow::TAGS {
        b.add_tags([*tag]);
        b.add_tag_attributes(*tag, attrs.iter().copied());
    }
    b.add_generic_attributes(allow::GENERIC_ATTRIBUTES.iter().copied());
    b.clean_content_tags(allow::DROP_WITH_CONTENT.iter().copied().collect::<HashSet<_>>());
    b.url_schemes(allow::URL_SCHEMES.iter().copied().collect());
    b.link_rel(Some(allow::LINK_REL));
    b.url_relative(UrlRelative::PassThrough);
    b.strip_comments(true);
    b.attribute_filter(filter_attribute);
    b
});

fn filter_attribute<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    if allow::URL_ATTRIBUTES.contains(&attribute) {
        if ammonia_checked_url(element, attribute) && (value.starts_with("https://") || value.starts_with("http://")) {
            // Most URLs in feeds: absolute http(s) that ammonia has already
            // parsed and accepted (it checks the scheme of these attributes
            // before calling this filter, and drops what does not parse).
            // Parsing it again to serialize it again changes nothing a
            // browser would not.
            return Some(Cow::Borrowed(value));
        }
        return resolve(value).map(Cow::Owned);
    }
    if allow::SRCSET_ATTRIBUTES.contains(&attribute) {
        let candidates: Vec<String> = value
            .split(',')
            .filter_map(|c| {
                let mut parts = c.split_whitespace();
                let url = resolve(parts.next()?)?;
                Some(parts.fold(url, |acc, d| acc + " " + d))
            })
            .collect();
        return (!candidates.is_empty()).then(|| Cow::Owned(candidates.join(", ")));
    }
    Some(Cow::Borrowed(value))
}

/// The URL attributes whose scheme ammonia checks itself (its
/// `is_url_attr`) against [`allow::URL_SCHEMES`]; `cite` is not one.
fn ammonia_checked_url(element: &str, attribute: &str) -> bool {
    matches!(attribute, "href" | "src") || (element == "video" && attribute == "poster")
}

/// An absolute http(s)/mailto URL, or nothing.
fn resolve(value: &str) -> Option<String> {
    let value = value.trim();
    let url = match Url::parse(value) {
        Ok(u) => u,
        Err(_) => BASE.with(|b| b.borrow().as_ref().and_then(|base| base.join(value).ok()))?,
    };
    allow::URL_SCHEMES.contains(&url.scheme()).then(|| url.into())
}

/// Cleans feed HTML for storage: only allowed tags and attributes remain,
/// URLs are absolute (against `base`), links get `rel="noopener
/// noreferrer"`. Relative URLs are dropped when there is no base.
pub fn sanitize_html(raw: &str, base: Option<&Url>) -> String {
    BASE.with(|b| *b.borrow_mut() = base.cloned());
    let document = CLEANER.clean(raw);
    BASE.with(|b| *b.borrow_mut() = None);
    // Serialized straight into one buffer: `to_string` would serialize into
    // a growing buffer and then copy it into the String.
    let mut html = Vec::with_capacity(raw.len());
    let clean = match document.write_to(&mut html).map(|()| String::from_utf8(html)) {
        Ok(Ok(clean)) => clean,
        _ => document.to_string(),
    };
    match clean.trim() {
        trimmed if trimmed.len() == clean.len() => clean,
        trimmed => trimmed.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(raw: &str) -> String {
        sanitize_html(raw, Url::parse("https://news.example/2024/05/story.html").ok().as_ref())
    }

    /// Known XSS vectors: each must come out without anything executable.
    #[test]
    fn xss_vectors_are_neutralised() {
        let vectors = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
            "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
            "<svg onload=alert(1)><script>alert(1)</script></svg>",
            "<math><mtext><script>alert(1)</script></mtext></math>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<style>body{background:url(javascript:alert(1))}</style>",
            "<form action=\"https://evil.example\"><input name=x></form>",
            "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
            "<base href=\"https://evil.example/\">",
            "<body onload=alert(1)>",
            "<p onclick=\"alert(1)\" onmouseover=\"alert(1)\">x</p>",
            "<img src=\"x\" srcset=\"javascript:alert(1) 1x\">",
            "<video poster=\"javascript:alert(1)\"></video>",
            "<scr<script>ipt>alert(1)</script>",
            "<!--<script>alert(1)</script>-->",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
            "<a href=\"vbscript:msgbox(1)\">x</a>",
            "<link rel=stylesheet href=\"https://evil.example/x.css\">",
            "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
            "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
        ];
        for v in vectors {
            let out = clean(v);
            // Escaped text is harmless; what matters is every real tag.
            for tag in out.split('<').skip(1).map(|t| t.split('>').next().unwrap_or("").to_lowercase()) {
                let name: String =
                    tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
                assert!(allow::TAGS.iter().any(|(t, _)| *t == name), "{v:?} -> {out:?}: tag {name}");
                for bad in ["javascript:", "vbscript:", "data:", "style=", " on"] {
                    assert!(!tag.contains(bad), "{v:?} -> {out:?}: {bad} in <{tag}>");
                }
            }
        }
    }

    #[test]
    fn relative_urls_become_absolute_and_links_get_rel() {
        let out =
            clean("<a href=\"../other.html\">o</a><img src=\"/i.png\" srcset=\"a.png 1x, //cdn.example/b.png 2x\">");
        assert!(out.contains("href=\"https://news.example/2024/other.html\""), "{out}");
        assert!(out.contains("rel=\"noopener noreferrer\""), "{out}");
        assert!(out.contains("src=\"https://news.example/i.png\""), "{out}");
        assert!(
            out.contains("srcset=\"https://news.example/2024/05/a.png 1x, https://cdn.example/b.png 2x\""),
            "{out}"
        );
    }

    /// Absolute URLs are taken as they stand once ammonia has parsed them:
    /// what does not parse must still go.
    #[test]
    fn absolute_urls_that_do_not_parse_are_dropped() {
        let out = clean("<a href=\"https://exa mple.com/\">x</a><img src=\"http://[::1\" alt=\"i\"><a href=\"https://ok.example/a\">y</a>");
        assert_eq!(
            out,
            "<a rel=\"noopener noreferrer\">x</a><img alt=\"i\"><a href=\"https://ok.example/a\" rel=\"noopener noreferrer\">y</a>"
        );
    }

    #[test]
    fn safe_markup_survives() {
        let html = "<p>Hi <b>you</b></p><blockquote cite=\"https://a.example/\">q</blockquote><figure><img src=\"https://a.example/x.jpg\" alt=\"X\"><figcaption>c</figcaption></figure><pre><code>x</code></pre>";
        assert_eq!(clean(html), html);
    }

    #[test]
    fn text_of_unknown_tags_stays() {
        assert_eq!(clean("<custom>kept <blink>text</blink></custom>"), "kept text");
    }
}
