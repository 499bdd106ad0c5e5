//! Subscriptions, dedup across refreshes, updates in place, reading state,
//! bookmarks, OPML, folders, categories and authors.

use crate::util::{library, refresh, rss};
use tidings_core::{AddOptions, ArticleFilter, FeedRef, Outcome};
use tidings_testkit::{Route, Server};

fn all(lib: &tidings_core::Library) -> Vec<tidings_core::view::Article> {
    lib.articles(&ArticleFilter::default()).unwrap()
}

#[tokio::test]
async fn refresh_never_duplicates_and_updates_in_place() {
    let server = Server::start();
    server.route("/f.xml", Route::xml(rss("F", &[("a", "First", "<p>v1</p>"), ("b", "Second", "<p>v1</p>")])));
    let lib = library();
    lib.add_feed(&server.url("/f.xml"), &AddOptions::default()).await.unwrap();
    assert_eq!(all(&lib).len(), 2);
    let first = all(&lib).into_iter().find(|a| a.title == "First").unwrap();
    lib.set_read(&[first.id], true).unwrap();
    lib.set_bookmarked(&[first.id], true).unwrap();

    // Same items again, one of them edited, plus a new one; no validators,
    // so the body is fetched and compared item by item.
    server.route(
        "/f.xml",
        Route::xml(rss(
            "F",
            &[("a", "First (corrected)", "<p>v2</p>"), ("b", "Second", "<p>v1</p>"), ("c", "Third", "x")],
        )),
    );
    let report = refresh(&lib).await;
    assert_eq!(report.feeds[0].outcome, Outcome::Updated);
    assert_eq!((report.feeds[0].new, report.feeds[0].updated), (1, 1));
    let articles = all(&lib);
    assert_eq!(articles.len(), 3, "no duplicates");
    let edited = lib.article(first.id).unwrap();
    assert_eq!(edited.title, "First (corrected)");
    assert!(edited.content_html.contains("v2"));
    assert!(edited.read && edited.bookmarked, "state survives the update");
    assert_eq!(lib.search("corrected", 10).unwrap().len(), 1, "the index follows the update");
    assert!(lib.search("v1 First", 10).unwrap().is_empty(), "the old text left the index");

    // The same body again: nothing to do.
    let again = refresh(&lib).await;
    assert_eq!(again.feeds[0].outcome, Outcome::NotModified);
}

#[tokio::test]
async fn items_without_guid_are_identified_by_link_then_hash() {
    let server = Server::start();
    let doc = "<rss version='2.0'><channel><title>N</title>
        <item><title>Linked</title><link>https://n.example/1</link></item>
        <item><title>Bare</title><description>no link, no guid</description></item>
        </channel></rss>";
    server.route("/n.xml", Route::xml(doc));
    let lib = library();
    lib.add_feed(&server.url("/n.xml"), &AddOptions::default()).await.unwrap();
    server.route("/n.xml", Route::xml(format!("{doc}\n")));
    refresh(&lib).await;
    assert_eq!(all(&lib).len(), 2);
}

#[tokio::test]
async fn remove_keeps_bookmarks_and_reading_state() {
    let server = Server::start();
    server.route("/r.xml", Route::xml(rss("Removable", &[("a", "Keep me", "x"), ("b", "Lose me", "x")])));
    let lib = library();
    let added = lib
        .add_feed(&server.url("/r.xml"), &AddOptions { folder: Some("Tech".into()), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(added.feed.folder.as_deref(), Some("Tech"));
    let keep = all(&lib).into_iter().find(|a| a.title == "Keep me").unwrap();
    lib.set_bookmarked(&[keep.id], true).unwrap();
    lib.remove_feed(&FeedRef::Url(server.url("/r.xml"))).unwrap();
    assert!(lib.feeds().unwrap().is_empty());
    let left = all(&lib);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].title, "Keep me");
    assert!(left[0].bookmarked);
    assert_eq!(left[0].feed_title.as_deref(), Some("Removable"), "the feed's name stays with the article");
    assert!(lib.remove_feed(&FeedRef::Id(999)).is_err());
}

#[tokio::test]
async fn add_refuses_what_is_not_a_feed_and_stores_nothing() {
    let server = Server::start();
    server.route("/page", Route::html("<html><head><title>Just a page</title></head><body>hello</body></html>"));
    let lib = library();
    let err = lib.add_feed(&server.url("/page"), &AddOptions::default()).await.unwrap_err();
    assert_eq!(err.kind(), tidings_core::ErrorKind::NoFeedFound, "{err}");
    assert!(lib.feeds().unwrap().is_empty());
    let err = lib.add_feed("ftp://example.com/feed", &AddOptions::default()).await.unwrap_err();
    assert_eq!(err.kind(), tidings_core::ErrorKind::InvalidUrl);
    let dead = format!("http://127.0.0.1:{}/feed", {
        let s = Server::start();
        s.port()
    });
    assert!(lib.add_feed(&dead, &AddOptions::default()).await.is_err());
    assert!(lib.feeds().unwrap().is_empty());
}

#[tokio::test]
async fn adding_twice_is_harmless() {
    let server = Server::start();
    server.route("/t.xml", Route::xml(rss("Twice", &[("a", "A", "x")])));
    let lib = library();
    lib.add_feed(&server.url("/t.xml"), &AddOptions::default()).await.unwrap();
    let again = lib.add_feed(&server.url("/t.xml"), &AddOptions::default()).await.unwrap();
    assert!(again.already_subscribed);
    assert_eq!(lib.feeds().unwrap().len(), 1);
    assert_eq!(all(&lib).len(), 1);
}

#[tokio::test]
async fn seed_like_article_has_categories_author_contact_and_comments() {
    let server = Server::start();
    server.route(
        "/news.xml",
        Route::xml(
            r#"<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wfw="http://wellformedweb.org/CommentAPI/">
            <channel><title>World News</title><link>https://news.example/</link>
            <item><title>Record-breaking investments highlight growing potential of western China</title>
              <link>https://news.example/2024/05/west</link><guid>https://news.example/?p=1</guid>
              <author>desk@xinhua.example (Xinhua)</author><category>News</category>
              <comments>https://news.example/2024/05/west#comments</comments>
              <wfw:commentRss>https://news.example/2024/05/west/feed</wfw:commentRss>
              <pubDate>Thu, 23 May 2024 10:00:00 +0800</pubDate>
              <description><![CDATA[<p>A record high of 196 major projects were signed.</p><p>The four-day event in Chongqing.</p>]]></description></item>
            <item><title>Another post</title><link>https://news.example/2</link><dc:creator>Xinhua</dc:creator><category>Economy</category></item>
            </channel></rss>"#,
        ),
    );
    let lib = library();
    lib.add_feed(&server.url("/news.xml"), &AddOptions::default()).await.unwrap();
    let a = all(&lib).into_iter().find(|a| a.title.starts_with("Record")).unwrap();
    assert_eq!(a.categories, ["News"]);
    assert_eq!(a.author.as_deref(), Some("Xinhua"));
    assert_eq!(a.author_email.as_deref(), Some("desk@xinhua.example"));
    assert_eq!(a.comments_url.as_deref(), Some("https://news.example/2024/05/west#comments"));
    assert_eq!(a.published.as_deref(), Some("2024-05-23T02:00:00Z"));
    assert_eq!(a.summary, "A record high of 196 major projects were signed. The four-day event in Chongqing.");
    let by_author = lib.articles(&ArticleFilter { author: Some("xinhua".into()), ..Default::default() }).unwrap();
    assert_eq!(by_author.len(), 2, "other posts by Xinhua");
    let authors = lib.authors().unwrap();
    assert_eq!((authors[0].name.as_str(), authors[0].count), ("Xinhua", 2));
    let news = lib.articles(&ArticleFilter { category: Some("news".into()), ..Default::default() }).unwrap();
    assert_eq!(news.len(), 1);
}

#[tokio::test]
async fn opml_round_trip_keeps_folders_and_titles() {
    let lib = library();
    let report = lib
        .import_opml(
            r#"<opml version="2.0"><head/><body>
              <outline text="Plain" xmlUrl="https://plain.example/rss"/>
              <outline text="World"><outline text="BBC &amp; co" xmlUrl="https://bbc.example/rss" htmlUrl="https://bbc.example/"/></outline>
              <outline text="Dup" xmlUrl="https://plain.example/rss"/>
              <outline text="Bad" xmlUrl="javascript:alert(1)"/>
            </body></opml>"#
                .as_bytes(),
        )
        .unwrap();
    assert_eq!(report.added.len(), 2);
    assert_eq!(report.duplicates, ["https://plain.example/rss"]);
    assert_eq!(report.skipped.len(), 1);
    let exported = lib.export_opml().unwrap();
    let other = library();
    let again = other.import_opml(exported.as_bytes()).unwrap();
    assert_eq!(again.added.len(), 2);
    let feeds = other.feeds().unwrap();
    let bbc = feeds.iter().find(|f| f.url == "https://bbc.example/rss").unwrap();
    assert_eq!(bbc.title, "BBC & co");
    assert_eq!(bbc.folder.as_deref(), Some("World"));
    assert_eq!(bbc.site_url.as_deref(), Some("https://bbc.example/"));
    assert_eq!(other.folders().unwrap()[0].name, "World");
    assert!(lib.import_opml(b"this is not OPML").is_err());
}

#[tokio::test]
async fn rename_and_move_and_mark_all_read() {
    let server = Server::start();
    server.route("/m.xml", Route::xml(rss("Original", &[("a", "A", "x"), ("b", "B", "x")])));
    let lib = library();
    let f = lib.add_feed(&server.url("/m.xml"), &AddOptions::default()).await.unwrap().feed;
    let renamed = lib.rename_feed(&FeedRef::Id(f.id), Some("My name")).unwrap();
    assert_eq!(renamed.title, "My name");
    assert_eq!(lib.search("feed:\"my name\"", 10).unwrap().len(), 2);
    let moved = lib.move_feed(&FeedRef::Id(f.id), Some("Reading")).unwrap();
    assert_eq!(moved.folder.as_deref(), Some("Reading"));
    assert_eq!(lib.mark_all_read(&ArticleFilter { folder: Some("Reading".into()), ..Default::default() }).unwrap(), 2);
    assert_eq!(lib.feeds().unwrap()[0].unread, 0);
    assert!(lib.set_read(&[12345], true).is_err(), "unknown ids are an error");
}
