//! Autodiscovery and inspect.

use crate::util::{library, rss};
use tidings_core::AddOptions;
use tidings_testkit::{Route, Server};

#[tokio::test]
async fn site_url_finds_linked_feed() {
    let server = Server::start();
    server.route(
        "/",
        Route::html(r#"<html><head><link rel="alternate" type="application/atom+xml" href="/blog/atom.xml"></head><body>Home</body></html>"#),
    );
    server.route(
        "/blog/atom.xml",
        Route::xml(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Site Blog</title><link href="/"/><author><name>Ann</name></author>
               <entry><id>urn:1</id><title>Hello</title><link href="/p/1"/><updated>2024-05-01T00:00:00Z</updated><content type="html">&lt;p&gt;Hi&lt;/p&gt;</content></entry></feed>"#,
        ),
    );
    let lib = library();
    let added = lib.add_feed(&server.url("/"), &AddOptions::default()).await.unwrap();
    assert_eq!(added.feed.url, server.url("/blog/atom.xml"));
    assert_eq!(added.feed.title, "Site Blog");
    assert_eq!(added.new, 1);
    let a = &lib.articles(&Default::default()).unwrap()[0];
    assert_eq!(a.url.as_deref(), Some(server.url("/p/1").as_str()));
    assert_eq!(a.author.as_deref(), Some("Ann"), "Atom entries inherit the feed's author");
}

#[tokio::test]
async fn site_without_links_tries_usual_paths() {
    let server = Server::start();
    server.route("/", Route::html("<html><body>No links here</body></html>"));
    server.route("/feed.json", Route::ok(
        r#"{"version":"https://jsonfeed.org/version/1.1","title":"JSON Site","home_page_url":"https://j.example/",
            "items":[{"id":"1","url":"https://j.example/1","title":"From JSON","content_html":"<p>x</p>","tags":["News"],
            "authors":[{"name":"Jay"}],"date_published":"2024-05-01T10:00:00+02:00"}]}"#,
        "application/feed+json",
    ));
    let lib = library();
    let added = lib.add_feed(&server.url("/"), &AddOptions::default()).await.unwrap();
    assert_eq!(added.feed.url, server.url("/feed.json"));
    let a = &lib.articles(&Default::default()).unwrap()[0];
    assert_eq!(
        (a.title.as_str(), a.author.as_deref(), a.published.as_deref()),
        ("From JSON", Some("Jay"), Some("2024-05-01T08:00:00Z"))
    );
    assert_eq!(a.categories, ["News"]);
}

#[tokio::test]
async fn inspect_reads_url_and_file_without_a_library() {
    let server = Server::start();
    server.route("/i.xml", Route::xml(rss("Inspected", &[("x", "Entry", "<p>Body <script>x</script></p>")])));
    let f = tidings_core::inspect(&server.url("/i.xml")).await.unwrap();
    assert_eq!((f.format.as_str(), f.title.as_deref(), f.entries.len()), ("rss20", Some("Inspected"), 1));
    assert_eq!(f.entries[0].content_html, "<p>Body </p>");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.xml");
    std::fs::write(&path, rss("From file", &[])).unwrap();
    let f = tidings_core::inspect(path.to_str().unwrap()).await.unwrap();
    assert_eq!(f.title.as_deref(), Some("From file"));
    assert!(tidings_core::inspect("/no/such/file.xml").await.is_err());
}
