//! When two feed URLs name the same subscription. Every lookup of a feed by
//! URL (adding, removing, `--feed URL`, a redirect that moves a feed) goes
//! through [`url_key`] and the `feeds.url_key` column it fills, so they all
//! agree. The rules:
//!
//! - scheme and host are compared without case (`HTTPS://Example.COM` is
//!   `https://example.com`), and an internationalised host in its ASCII form;
//! - a port that is the scheme's default is dropped (`:80` for http, `:443`
//!   for https);
//! - the fragment is dropped (`#top` never reaches the server);
//! - one trailing slash of the path is ignored (`/feed/` is `/feed`, and a
//!   bare host is its `/`): sites and people add and drop it freely;
//! - everything else is kept as written: `http` and `https` stay apart (a
//!   site may serve different feeds on each), as do `www.` and the bare
//!   host, the path's case, and the query (`?format=rss` vs `?format=atom`).
//!
//! The subscription keeps the URL the user gave; only the key is normalised.

/// The identity of a feed URL (see the module's rules). Something that does
/// not parse as a URL is its own key, trimmed.
pub fn url_key(url: &str) -> String {
    let url = url.trim();
    let Ok(mut parsed) = url::Url::parse(url) else {
        return url.to_string();
    };
    // Parsing already lowercased scheme and host and dropped a default port.
    parsed.set_fragment(None);
    let path = parsed.path();
    if path.len() > 1 && path.ends_with('/') {
        let trimmed = path[..path.len() - 1].to_string();
        parsed.set_path(&trimmed);
    }
    let mut key = String::from(parsed);
    // A bare host serializes with a "/" path ("https://a.example/"): key it
    // without, so that "https://a.example" and "https://a.example/" agree
    // however they were typed.
    if parsed_path_is_root(&key) {
        key.pop();
    }
    key
}

fn parsed_path_is_root(serialized: &str) -> bool {
    // "scheme://host[:port]/" with nothing after the slash.
    serialized.ends_with('/') && serialized.matches('/').count() == 3
}

/// Registers `tidings_url_key(url)` for SQL (the migration that fills the
/// column of existing libraries uses it).
pub(super) fn register(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "tidings_url_key",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(url_key(&ctx.get::<String>(0)?)),
    )
}

#[cfg(test)]
mod tests {
    use super::url_key;

    fn same(a: &str, b: &str) {
        assert_eq!(url_key(a), url_key(b), "{a} and {b} should be one feed");
    }

    fn different(a: &str, b: &str) {
        assert_ne!(url_key(a), url_key(b), "{a} and {b} should be two feeds");
    }

    #[test]
    fn the_same_feed() {
        same("https://site.example/feed", "https://site.example/feed/");
        same("HTTPS://Site.Example/feed", "https://site.example/feed");
        same("http://site.example:80/feed", "http://site.example/feed");
        same("https://site.example:443/feed", "https://site.example/feed");
        same("https://site.example/feed#latest", "https://site.example/feed");
        same("https://site.example", "https://site.example/");
        same("  https://site.example/feed ", "https://site.example/feed");
        same("https://bücher.example/feed", "https://xn--bcher-kva.example/feed");
        same("https://site.example/feed/?a=1", "https://site.example/feed?a=1");
    }

    #[test]
    fn different_feeds() {
        different("http://site.example/feed", "https://site.example/feed");
        different("https://www.site.example/feed", "https://site.example/feed");
        different("https://site.example/Feed", "https://site.example/feed");
        different("https://site.example/feed?format=rss", "https://site.example/feed?format=atom");
        different("https://site.example:8080/feed", "https://site.example/feed");
        different("https://site.example/feed//", "https://site.example/feed");
    }

    #[test]
    fn not_a_url_is_its_own_key() {
        assert_eq!(url_key(" not a url "), "not a url");
    }
}
