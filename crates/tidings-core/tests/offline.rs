//! Offline reading in full: full text from article pages, images and icons
//! cached beside the library, limits, and retention.

use crate::util::{library, refresh};
use tidings_core::{AddOptions, ArticleFilter, Version};
use tidings_testkit::{Route, Server};

/// A real (tiny) PNG: the cache checks content, not names.
pub(crate) const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D,
    0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

fn page(title: &str) -> String {
    format!(
        r#"<!DOCTYPE html><html><head><title>{title}</title><script>track()</script></head><body>
        <header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a> <a href="/login">Log in</a></nav></header>
        <div class="advert">ADVERTISEMENT: Buy the new phone today!</div>
        <main><article><h1>{title}</h1>
          <p>A record high of 196 major projects were signed at the 6th Western China International Fair for Investment and Trade, which kicked off on May 23.</p>
          <p>The four-day event in southwest China's Chongqing Municipality marks the first fair of its kind after the symposium held in April.</p>
          <figure><img src="/img/chart.png" alt="Chart of signed projects"><figcaption>Projects signed, by year</figcaption></figure>
          <p>The fair sees the participation of more than 1,700 enterprises from 40 countries and regions, and from 27 provincial-level regions in China.</p>
          <p>The western region accounts for about two-thirds of the country's land area and boasts significant advantages in costs of production factors.</p>
        </article></main>
        <aside class="related">Most read today: something else entirely</aside>
        <footer>Copyright News Corp. Privacy policy. Terms of use.</footer></body></html>"#
    )
}

fn summary_feed(server: &Server) -> String {
    format!(
        r#"<rss version="2.0"><channel><title>Teasers</title><link>{site}</link>
        <item><guid>t1</guid><title>Western fair</title><link>{site}story/1</link><description>Record investments. Read more…</description></item>
        <item><guid>t2</guid><title>Second story</title><link>{site}story/2</link><description>Another teaser.</description></item>
        </channel></rss>"#,
        site = server.url("/")
    )
}

#[tokio::test]
async fn summary_only_feeds_get_their_full_text_from_the_page() {
    let server = Server::start();
    server.route("/teasers.xml", Route::xml(summary_feed(&server)));
    server.route("/story/1", Route::html(page("Western fair")));
    server.route("/story/2", Route::status(404));
    server.route("/img/chart.png", Route::ok(PNG.to_vec(), "image/png"));
    let lib = library();
    let added = lib.add_feed(&server.url("/teasers.xml"), &AddOptions::default()).await.unwrap();
    assert!(lib.feed(added.feed.id).unwrap().full_text, "short items switch full text on");
    let report = refresh(&lib).await;
    let copy = report.offline_copy.clone().expect("an offline copy was made");
    assert_eq!((copy.full_texts, copy.full_text_errors), (1, 1), "{copy:?}");
    let a = lib.articles(&ArticleFilter::default()).unwrap().into_iter().find(|a| a.title == "Western fair").unwrap();
    let meta = lib.article_meta(a.id).unwrap();
    assert!(meta.has_full_text);
    let full = lib.reader_html(a.id, Version::Best, "tidings://localhost/image/", false).unwrap();
    for kept in
        ["196 major projects", "1,700 enterprises", "Projects signed, by year", "<img src=\"tidings://localhost/image/"]
    {
        assert!(full.contains(kept), "{kept} missing from {full}");
    }
    for dropped in ["ADVERTISEMENT", "Most read", "Privacy policy", "Log in", "track()"] {
        assert!(!full.contains(dropped), "{dropped} kept in {full}");
    }
    // The feed's own version is still there.
    let feed_version = lib.reader_html(a.id, Version::Feed, "x/", false).unwrap();
    assert!(feed_version.contains("Record investments"));
    // The failed page is recorded on its article, and nothing else broke.
    let failed =
        lib.articles(&ArticleFilter::default()).unwrap().into_iter().find(|a| a.title == "Second story").unwrap();
    assert!(lib.article_meta(failed.id).unwrap().full_text_error.unwrap().contains("404"));
    assert_eq!(report.failed(), 0);
}

#[tokio::test]
async fn images_are_read_from_the_cache_when_the_server_is_gone() {
    let server = Server::start();
    let doc = format!(
        r#"<rss version="2.0"><channel><title>Pictures</title>
        <item><guid>p1</guid><title>With a picture</title><link>{base}p/1</link>
          <description><![CDATA[<p>Long enough text to count as a full article in a feed. {filler}</p><img src="/img/a.png" alt="A chart"><img src="/img/gone.png" alt="Lost picture"><img src="/pixel.gif" width="1" height="1"></p>]]></description></item>
        </channel></rss>"#,
        base = server.url("/"),
        filler = "Words about the western fair. ".repeat(30)
    );
    server.route("/pics.xml", Route::xml(doc));
    server.route("/img/a.png", Route::ok(PNG.to_vec(), "image/png"));
    server.route("/img/gone.png", Route::status(404));
    server.route("/pixel.gif", Route::ok(b"GIF89a....".to_vec(), "image/gif"));
    let lib = library();
    lib.add_feed(&server.url("/pics.xml"), &AddOptions::default()).await.unwrap();
    let report = refresh(&lib).await;
    assert_eq!(report.offline_copy.unwrap().images, 1);
    assert!(server.requests_to("/pixel.gif").is_empty(), "tracking pixels are never fetched");
    // The site has no favicon: asked once (site and feed share a host), not on every refresh.
    assert_eq!(server.requests_to("/favicon.ico").len(), 1);
    refresh(&lib).await;
    assert_eq!(server.requests_to("/favicon.ico").len(), 1);
    assert_eq!(server.requests_to("/img/gone.png").len(), 1);
    drop(server);
    let a = &lib.articles(&ArticleFilter::default()).unwrap()[0];
    let html = lib.reader_html(a.id, Version::Best, "tidings://localhost/image/", false).unwrap();
    let hash = html.split("tidings://localhost/image/").nth(1).unwrap().split('"').next().unwrap().to_string();
    let (bytes, mime) = lib.cached_image(&hash).unwrap();
    assert_eq!((bytes.as_slice(), mime.as_str()), (PNG, "image/png"));
    assert!(html.contains(r#"<span class="missing-image">Lost picture</span>"#), "{html}");
    assert!(!html.contains("127.0.0.1"), "no remote image left: {html}");
    // With remote images allowed, what is not cached points at the web.
    let remote = lib.reader_html(a.id, Version::Best, "tidings://localhost/image/", true).unwrap();
    assert!(remote.contains("/img/gone.png"));
    assert!(lib.cache_info().unwrap().bytes >= PNG.len() as u64);
}

#[tokio::test]
async fn bad_images_are_refused_without_harm() {
    let server = Server::start();
    let doc = format!(
        r#"<rss version="2.0"><channel><title>Bad</title>
        <item><guid>b1</guid><title>Bad pictures</title><description><![CDATA[<p>{filler}</p>
          <img src="{u}/fake.png" alt="Fake"><img src="{u}/huge.png" alt="Huge"><img src="{u}/elsewhere.png" alt="Elsewhere">
          <img src="{u}/svg.png" alt="Svg">]]></description></item></channel></rss>"#,
        u = server.url(""),
        filler = "Text. ".repeat(200)
    );
    server.route("/bad.xml", Route::xml(doc));
    server.route("/fake.png", Route::ok(b"<html>not an image</html>".to_vec(), "image/png"));
    let mut huge = PNG.to_vec();
    huge.resize(9 << 20, 0);
    server.route("/huge.png", Route::ok(huge, "image/png"));
    server.route("/elsewhere.png", Route::redirect(302, "file:///etc/passwd"));
    server.route(
        "/svg.png",
        Route::ok(b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec(), "image/svg+xml"),
    );
    let lib = library();
    lib.add_feed(&server.url("/bad.xml"), &AddOptions::default()).await.unwrap();
    let report = refresh(&lib).await;
    let copy = report.offline_copy.clone().unwrap();
    assert_eq!((copy.images, copy.image_errors), (0, 4), "{copy:?}");
    assert_eq!(lib.cache_info().unwrap().bytes, 0, "nothing stored");
    assert_eq!(report.failed(), 0, "bad images never fail a refresh");
}

#[tokio::test]
async fn retention_deletes_old_read_articles_and_their_images_but_not_bookmarks() {
    let server = Server::start();
    let item = |g: &str, img: &str| {
        format!(
            "<item><guid>{g}</guid><title>{g}</title><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate><description><![CDATA[<p>{}</p><img src=\"{}\" alt=\"{g}\">]]></description></item>",
            "Old news. ".repeat(80),
            server.url(img)
        )
    };
    let full = format!(
        "<rss version='2.0'><channel><title>Old</title>{}{}</channel></rss>",
        item("keep", "/k.png"),
        item("drop", "/d.gif")
    );
    server.route("/old.xml", Route::xml(full));
    server.route("/k.png", Route::ok(PNG.to_vec(), "image/png"));
    server.route("/d.gif", Route::ok(b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;".to_vec(), "image/gif"));
    let lib = library();
    // Retention off during refreshes, so that the explicit call below is measured.
    lib.save_settings(tidings_core::view::Settings { retention_days: 0, ..Default::default() }).unwrap();
    lib.add_feed(&server.url("/old.xml"), &AddOptions::default()).await.unwrap();
    refresh(&lib).await;
    let all = lib.articles(&ArticleFilter::default()).unwrap();
    let ids: Vec<i64> = all.iter().map(|a| a.id).collect();
    lib.set_read(&ids, true).unwrap();
    lib.set_bookmarked(&[all.iter().find(|a| a.title == "keep").unwrap().id], true).unwrap();
    // The feed drops both items; they are old and read.
    server.route("/old.xml", Route::xml("<rss version='2.0'><channel><title>Old</title></channel></rss>"));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    refresh(&lib).await;
    let before = lib.cache_info().unwrap().bytes;
    let done = lib.cleanup(30).unwrap();
    assert_eq!((done.articles, done.images), (1, 1), "{done:?}");
    let left = lib.articles(&ArticleFilter::default()).unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].title, "keep");
    assert!(lib.cache_info().unwrap().bytes < before);
    let html = lib.reader_html(left[0].id, Version::Best, "c/", false).unwrap();
    let hash = html.split("c/").nth(1).unwrap().split('"').next().unwrap();
    assert!(lib.cached_image(hash).is_some(), "the bookmark's image stays");
}

#[tokio::test]
async fn retention_keeps_read_articles_a_feed_still_has_while_it_answers_304() {
    let server = Server::start();
    let old = "<rss version='2.0'><channel><title>Quiet</title><item><guid>q1</guid><title>Still here</title>\
               <pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate><description>Old but current</description></item></channel></rss>";
    server.route("/quiet.xml", Route::xml(old).etag("\"q1\""));
    let lib = library();
    lib.save_settings(tidings_core::view::Settings { retention_days: 0, ..Default::default() }).unwrap();
    lib.add_feed(&server.url("/quiet.xml"), &AddOptions::default()).await.unwrap();
    let ids: Vec<i64> = lib.articles(&ArticleFilter::default()).unwrap().iter().map(|a| a.id).collect();
    lib.set_read(&ids, true).unwrap();
    // A later refresh, in a later second, that the server answers with 304.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let report = refresh(&lib).await;
    assert_eq!(report.feeds[0].outcome, tidings_core::Outcome::NotModified);
    let done = lib.cleanup(30).unwrap();
    assert_eq!(done.articles, 0, "the item is still in the feed: {done:?}");
    assert!(lib.article(ids[0]).unwrap().read);
}
