use std::time::Duration;
use tidings_core::fetch::FetchConfig;
use tidings_core::{Library, RefreshOptions, RefreshReport};

/// A library in a temporary directory, with short timeouts so fault tests
/// stay quick.
pub struct TestLib {
    pub lib: Library,
    /// Kept so the directory lives as long as the library.
    _dir: tempfile::TempDir,
}

impl std::ops::Deref for TestLib {
    type Target = Library;
    fn deref(&self) -> &Library {
        &self.lib
    }
}

pub fn library() -> TestLib {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = FetchConfig {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(2),
        ..FetchConfig::default()
    };
    let lib = Library::open_with(dir.path().join("tidings.db"), config).expect("open library");
    TestLib { lib, _dir: dir }
}

pub async fn refresh(lib: &Library) -> RefreshReport {
    lib.refresh(&RefreshOptions::default(), &|_| {}).await.expect("refresh runs")
}

/// An RSS 2.0 document with these (guid, title, body) items.
pub fn rss(title: &str, items: &[(&str, &str, &str)]) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>{title}</title><link>https://site.example/</link>\n"
    );
    for (i, (guid, t, body)) in items.iter().enumerate() {
        s.push_str(&format!(
            "<item><guid isPermaLink=\"false\">{guid}</guid><title>{t}</title><link>https://site.example/{guid}</link>\
             <pubDate>Thu, {:02} May 2024 10:00:00 GMT</pubDate><description><![CDATA[{body}]]></description></item>\n",
            i + 1
        ));
    }
    s.push_str("</channel></rss>\n");
    s
}
