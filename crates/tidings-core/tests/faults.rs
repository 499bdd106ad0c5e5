//! Every fault of the fetch step: recorded on its feed, never stopping or
//! slowing the others, never touching bookmarks.

use crate::util::{library, refresh, rss};
use std::time::Duration;
use tidings_core::{AddOptions, ArticleFilter, Outcome};
use tidings_testkit::{Route, Server};

const GOOD: &str = "/good.xml";

/// A server with one healthy feed, and a library subscribed to it and to
/// `bad_path`, whose route the test sets.
async fn setup(bad: Route) -> (crate::util::TestLib, Server) {
    let server = Server::start();
    server
        .route(GOOD, Route::xml(rss("Good", &[("g1", "Good one", "<p>fine</p>"), ("g2", "Good two", "<p>fine</p>")])));
    server.route("/bad.xml", Route::xml(rss("Bad", &[("b1", "Bad one", "<p>was fine once</p>")])));
    let lib = library();
    lib.add_feed(&server.url(GOOD), &AddOptions::default()).await.expect("add good");
    lib.add_feed(&server.url("/bad.xml"), &AddOptions::default()).await.expect("add bad");
    let bad_article =
        lib.articles(&ArticleFilter::default()).unwrap().into_iter().find(|a| a.title == "Bad one").unwrap();
    lib.set_bookmarked(&[bad_article.id], true).unwrap();
    server.route("/bad.xml", bad);
    (lib, server)
}

fn bad_feed(lib: &tidings_core::Library) -> tidings_core::view::Feed {
    lib.feeds().unwrap().into_iter().find(|f| f.url.ends_with("/bad.xml")).expect("bad feed still subscribed")
}

fn assert_bookmark_kept(lib: &tidings_core::Library) {
    let kept = lib.articles(&ArticleFilter { bookmarked: true, ..Default::default() }).unwrap();
    assert_eq!(kept.len(), 1, "the bookmark survives");
    assert_eq!(kept[0].title, "Bad one");
}

async fn check_error(bad: Route, expect_in_error: &str) {
    let (lib, server) = setup(bad).await;
    server.route(
        GOOD,
        Route::xml(rss("Good", &[("g1", "Good one", "x"), ("g2", "Good two", "x"), ("g3", "Good three", "x")])),
    );
    let report = refresh(&lib).await;
    let good = report.feeds.iter().find(|f| f.url.ends_with(GOOD)).unwrap();
    assert_eq!(good.outcome, Outcome::Updated, "the healthy feed is refreshed");
    assert_eq!(good.new, 1);
    let bad = report.feeds.iter().find(|f| f.url.ends_with("/bad.xml")).unwrap();
    assert_eq!(bad.outcome, Outcome::Error);
    let msg = bad.error.clone().unwrap();
    assert!(msg.contains(expect_in_error), "{msg:?} should mention {expect_in_error:?}");
    let feed = bad_feed(&lib);
    assert_eq!(feed.status, tidings_core::view::FeedStatus::Error);
    assert!(feed.last_error.unwrap().contains(expect_in_error));
    assert_bookmark_kept(&lib);
}

#[tokio::test]
async fn server_error_is_recorded_on_its_feed() {
    check_error(Route::status(500), "HTTP 500").await;
}

#[tokio::test]
async fn slow_server_times_out_without_slowing_others() {
    // The library under test times out after 2 s; the server would answer after 60.
    check_error(Route::xml("<rss/>").delay(Duration::from_secs(60)), "timed out").await;
}

#[tokio::test]
async fn redirect_loop_is_cut() {
    let (lib, server) = setup(Route::redirect(302, "/loop-b")).await;
    server.route("/loop-b", Route::redirect(302, "/bad.xml"));
    let report = refresh(&lib).await;
    let bad = report.feeds.iter().find(|f| f.url.ends_with("/bad.xml")).unwrap();
    assert!(bad.error.as_deref().unwrap().contains("too many redirects"), "{:?}", bad.error);
    assert!(server.requests_to("/loop-b").len() <= 3);
    assert_bookmark_kept(&lib);
}

#[tokio::test]
async fn redirect_to_another_scheme_is_refused() {
    check_error(Route::redirect(301, "file:///etc/passwd"), "forbidden location").await;
}

#[tokio::test]
async fn oversized_body_is_cut_off() {
    let big = format!("<rss version=\"2.0\"><channel><title>{}</title></channel></rss>", "x".repeat(17 << 20));
    check_error(Route::xml(big), "larger than").await;
}

#[tokio::test]
async fn gzip_bomb_is_cut_off() {
    // 1 GiB of spaces, about 1 MB on the wire.
    check_error(Route::gzip_bomb(1 << 30), "larger than").await;
}

#[tokio::test]
async fn endless_body_is_cut_off() {
    check_error(Route::endless(), "larger than").await;
}

#[tokio::test]
async fn html_page_is_not_a_feed() {
    check_error(Route::html("<!DOCTYPE html><html><body><p>Moved</p></body></html>"), "not a feed").await;
}

#[tokio::test]
async fn dead_server_is_a_network_error() {
    let (lib, server) = setup(Route::status(200)).await;
    drop(server);
    let report = refresh(&lib).await;
    assert!(report.feeds.iter().all(|f| f.outcome == Outcome::Error));
    assert!(report.offline, "every failure was the network");
    assert_eq!(bad_feed(&lib).status, tidings_core::view::FeedStatus::Error);
    assert_eq!(lib.articles(&ArticleFilter::default()).unwrap().len(), 3, "nothing cached is lost");
    assert_bookmark_kept(&lib);
}

#[tokio::test]
async fn truncated_xml_keeps_what_was_readable() {
    let full = rss("Bad", &[("b1", "Bad one", "x"), ("b2", "Bad two", "x"), ("b3", "Bad three", "x")]);
    let cut = &full[..full.find("Bad three").unwrap()];
    let (lib, _server) = setup(Route::xml(cut.to_string())).await;
    let report = refresh(&lib).await;
    let bad = report.feeds.iter().find(|f| f.url.ends_with("/bad.xml")).unwrap();
    assert_eq!(bad.outcome, Outcome::Updated);
    let titles: Vec<String> = lib.articles(&ArticleFilter::default()).unwrap().into_iter().map(|a| a.title).collect();
    assert!(titles.contains(&"Bad two".to_string()), "{titles:?}");
    assert_bookmark_kept(&lib);
}

#[tokio::test]
async fn too_many_requests_postpones_the_feed() {
    let (lib, server) = setup(Route::status(429).header("retry-after", "3600")).await;
    let report = refresh(&lib).await;
    let bad = report.feeds.iter().find(|f| f.url.ends_with("/bad.xml")).unwrap();
    assert_eq!(bad.outcome, Outcome::Postponed);
    assert!(bad.retry_after.is_some());
    assert!(bad_feed(&lib).retry_after.is_some());
    let before = server.requests_to("/bad.xml").len();
    let again = refresh(&lib).await;
    assert_eq!(again.feeds.iter().find(|f| f.url.ends_with("/bad.xml")).unwrap().outcome, Outcome::Postponed);
    assert_eq!(server.requests_to("/bad.xml").len(), before, "no request before Retry-After");
    assert_eq!(again.failed(), 0, "postponing is not a failure");
    assert_bookmark_kept(&lib);
}

#[tokio::test]
async fn service_unavailable_with_retry_after_postpones() {
    let (lib, _server) = setup(Route::status(503).header("retry-after", "120")).await;
    let report = refresh(&lib).await;
    assert_eq!(report.feeds.iter().find(|f| f.url.ends_with("/bad.xml")).unwrap().outcome, Outcome::Postponed);
}

#[tokio::test]
async fn gone_feed_is_never_fetched_again() {
    let (lib, server) = setup(Route::status(410)).await;
    let report = refresh(&lib).await;
    assert_eq!(report.feeds.iter().find(|f| f.url.ends_with("/bad.xml")).unwrap().outcome, Outcome::Gone);
    assert_eq!(bad_feed(&lib).status, tidings_core::view::FeedStatus::Gone);
    let before = server.requests_to("/bad.xml").len();
    refresh(&lib).await;
    assert_eq!(server.requests_to("/bad.xml").len(), before);
    assert_bookmark_kept(&lib);
}

#[tokio::test]
async fn permanent_redirect_moves_the_subscription_temporary_does_not() {
    let (lib, server) = setup(Route::redirect(301, "/moved.xml")).await;
    server.route("/moved.xml", Route::xml(rss("Bad", &[("b1", "Bad one", "x")])));
    refresh(&lib).await;
    let moved = lib.feeds().unwrap().into_iter().find(|f| f.title == "Bad").unwrap();
    assert!(moved.url.ends_with("/moved.xml"), "{}", moved.url);

    server.route("/moved.xml", Route::redirect(302, "/elsewhere.xml"));
    server.route("/elsewhere.xml", Route::xml(rss("Bad", &[("b1", "Bad one", "x")])));
    refresh(&lib).await;
    let still = lib.feeds().unwrap().into_iter().find(|f| f.title == "Bad").unwrap();
    assert!(still.url.ends_with("/moved.xml"), "302 keeps the URL: {}", still.url);
    assert_eq!(still.status, tidings_core::view::FeedStatus::Ok);
}

#[tokio::test]
async fn conditional_get_and_304_write_nothing() {
    let server = Server::start();
    let body = rss("Cond", &[("c1", "One", "x")]);
    server.route("/c.xml", Route::xml(body).etag("\"v1\"").header("last-modified", "Wed, 01 May 2024 10:00:00 GMT"));
    let lib = library();
    lib.add_feed(&server.url("/c.xml"), &AddOptions::default()).await.unwrap();
    let id = lib.articles(&ArticleFilter::default()).unwrap()[0].id;
    lib.set_read(&[id], true).unwrap();
    let report = refresh(&lib).await;
    assert_eq!(report.feeds[0].outcome, Outcome::NotModified);
    let last = server.requests_to("/c.xml").pop().unwrap();
    assert_eq!(last.headers.get("if-none-match").map(String::as_str), Some("\"v1\""));
    assert_eq!(last.headers.get("if-modified-since").map(String::as_str), Some("Wed, 01 May 2024 10:00:00 GMT"));
    assert!(last.headers.get("user-agent").unwrap().starts_with("Tidings/"));
    assert!(last.headers.get("accept-encoding").unwrap().contains("gzip"));
    assert!(lib.article(id).unwrap().read);
}

#[tokio::test]
async fn gzip_bodies_are_decoded() {
    let server = Server::start();
    server.route("/z.xml", Route::gzip(rss("Zipped", &[("z1", "Compressed", "x")]).as_bytes(), "application/rss+xml"));
    let lib = library();
    let added = lib.add_feed(&server.url("/z.xml"), &AddOptions::default()).await.unwrap();
    assert_eq!(added.feed.title, "Zipped");
    assert_eq!(added.new, 1);
}
