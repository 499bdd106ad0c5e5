//! Regressions of the issue "One contract, one store" (bugs the structure
//! caused), each named after what it broke.

use crate::util::{library, refresh, rss};
use tidings_core::{AddOptions, FeedRef, Outcome};
use tidings_testkit::{Route, Server};

/// `add …/feed/` after `add …/feed` found no subscription (the lookup
/// matched exact URLs) and stored a duplicate, which `remove` then found.
#[tokio::test]
async fn a_trailing_slash_names_the_same_feed() {
    let server = Server::start();
    let items = rss("F", &[("a", "A", "x")]);
    server.route("/feed", Route::xml(items.clone()));
    server.route("/feed/", Route::xml(items));
    let lib = library();
    let first = lib.add_feed(&server.url("/feed"), &AddOptions::default()).await.unwrap();
    let again = lib.add_feed(&server.url("/feed/"), &AddOptions::default()).await.unwrap();
    assert!(again.already_subscribed, "the same feed");
    assert_eq!(again.feed.id, first.feed.id);
    assert_eq!(lib.feeds().unwrap().len(), 1);
    // Every lookup agrees: with a fragment, host case, default port.
    let port = server.port();
    for name in
        [server.url("/feed/"), format!("http://127.0.0.1:{port}/feed#top"), format!("HTTP://127.0.0.1:{port}/feed")]
    {
        assert_eq!(lib.find_feed(&FeedRef::Url(name.clone())).unwrap().id, first.feed.id, "{name}");
    }
    lib.remove_feed(&FeedRef::Url(server.url("/feed/"))).unwrap();
    assert!(lib.feeds().unwrap().is_empty());
    // An OPML import of the other spelling is a duplicate too.
    lib.add_feed(&server.url("/feed"), &AddOptions::default()).await.unwrap();
    let opml =
        format!(r#"<opml version="2.0"><body><outline text="F" xmlUrl="{}"/></body></opml>"#, server.url("/feed/"));
    let report = lib.import_opml(opml.as_bytes()).unwrap();
    assert_eq!((report.added.len(), report.duplicates.len()), (0, 1));
}

/// An OPML file in GBK lost its folder and feed names (the faces decoded it
/// as UTF-8, lossily).
#[test]
fn an_opml_file_in_gbk_keeps_its_names() {
    let text = r#"<?xml version="1.0" encoding="GBK"?><opml version="1.0"><body>
        <outline text="新闻"><outline text="新华社" xmlUrl="https://xinhua.example/rss"/></outline></body></opml>"#;
    let (bytes, _, _) = encoding_rs::GBK.encode(text);
    let lib = library();
    lib.import_opml(&bytes).unwrap();
    let feeds = lib.feeds().unwrap();
    assert_eq!(feeds[0].title, "新华社");
    assert_eq!(feeds[0].folder.as_deref(), Some("新闻"));
}

/// A refresh that stored every feed failed as a whole when the offline copy
/// hit one error (here: the cache directory cannot be made, as a file
/// stands in its place); the report was lost and the next refresh failed
/// again.
#[tokio::test]
async fn errors_after_the_commit_are_reported_not_fatal() {
    let server = Server::start();
    let body = format!(r#"<p>Photo: <img src="{}"></p>"#, server.url("/photo.png"));
    server.route("/f.xml", Route::xml(rss("F", &[("a", "With a photo", &body)])));
    server.route("/photo.png", Route::ok(crate::offline::PNG.to_vec(), "image/png"));
    let lib = library();
    lib.import_opml(
        format!(r#"<opml version="2.0"><body><outline xmlUrl="{}"/></body></opml>"#, server.url("/f.xml")).as_bytes(),
    )
    .unwrap();
    std::fs::write(lib.file_cache().dir(), b"not a directory").unwrap();
    for _ in 0..2 {
        let report = refresh(&lib).await;
        assert!(report.feeds.iter().all(|f| f.outcome != Outcome::Error), "{:?}", report.feeds);
        let copy = report.offline_copy.expect("the offline copy ran");
        assert_eq!(copy.failed.len(), 1, "the article's copy failed, and says so: {copy:?}");
    }
    assert_eq!(lib.search("photo", 10).unwrap().len(), 1, "the article is stored and searchable");
}
