//! The search language end to end: ranking, snippets, operators, filters,
//! CJK and diacritics.

use crate::util::library;
use tidings_core::{AddOptions, ArticleFilter};
use tidings_testkit::{Route, Server};

async fn searchable() -> (crate::util::TestLib, Server) {
    let server = Server::start();
    server.route(
        "/a.xml",
        Route::xml(
            r#"<rss version="2.0"><channel><title>Tech Daily</title>
            <item><guid>t1</guid><title>Rust in the kernel</title><author>a@x.example (Ann Lee)</author><category>Linux</category>
              <pubDate>Mon, 06 May 2024 10:00:00 GMT</pubDate><description>The kernel gains Rust drivers.</description></item>
            <item><guid>t2</guid><title>Database news</title><author>b@x.example (Bo Chen)</author><category>Databases</category>
              <pubDate>Tue, 07 May 2024 10:00:00 GMT</pubDate><description>A new database engine written in Rust. Kernel bypass too.</description></item>
            <item><guid>t3</guid><title>Café culture in Paris</title><category>Life</category>
              <pubDate>Wed, 08 May 2024 10:00:00 GMT</pubDate><description>Coffee &amp;lt;script&amp;gt; and croissants.</description></item>
            </channel></rss>"#,
        ),
    );
    server.route(
        "/b.xml",
        Route::xml(
            r#"<rss version="2.0"><channel><title>新华网</title>
            <item><guid>c1</guid><title>西部地区投资创新高</title><author>x@xinhua.example (Xinhua)</author><category>News</category>
              <pubDate>Thu, 23 May 2024 10:00:00 GMT</pubDate><description>在重庆举行的西部国际投资贸易洽谈会上签约项目创纪录。</description></item>
            <item><guid>c2</guid><title>東京の会議</title><pubDate>Fri, 24 May 2024 10:00:00 GMT</pubDate><description>日本語のニュースです。</description></item>
            </channel></rss>"#,
        ),
    );
    let lib = library();
    lib.add_feed(&server.url("/a.xml"), &AddOptions { folder: Some("Tech".into()), ..Default::default() })
        .await
        .unwrap();
    lib.add_feed(&server.url("/b.xml"), &AddOptions::default()).await.unwrap();
    (lib, server)
}

fn titles(lib: &tidings_core::Library, q: &str) -> Vec<String> {
    lib.search(q, 20).unwrap().into_iter().map(|a| a.title).collect()
}

#[tokio::test]
async fn words_rank_title_matches_first() {
    let (lib, _s) = searchable().await;
    assert_eq!(titles(&lib, "kernel"), ["Rust in the kernel", "Database news"]);
    assert_eq!(titles(&lib, "rust database"), ["Database news"]);
    assert_eq!(titles(&lib, "\"kernel bypass\""), ["Database news"]);
    assert_eq!(titles(&lib, "\"bypass kernel\""), Vec::<String>::new());
    assert_eq!(titles(&lib, "rust -database"), ["Rust in the kernel"]);
    let mut either = titles(&lib, "croissants OR drivers");
    either.sort();
    assert_eq!(either, ["Café culture in Paris", "Rust in the kernel"]);
    assert_eq!(titles(&lib, "datab*"), ["Database news"]);
}

#[tokio::test]
async fn case_and_diacritics_are_ignored() {
    let (lib, _s) = searchable().await;
    assert_eq!(titles(&lib, "cafe"), ["Café culture in Paris"]);
    assert_eq!(titles(&lib, "CAFÉ"), ["Café culture in Paris"]);
    assert_eq!(titles(&lib, "PARIS"), ["Café culture in Paris"]);
}

#[tokio::test]
async fn chinese_and_japanese_words_inside_runs() {
    let (lib, _s) = searchable().await;
    assert_eq!(titles(&lib, "西部"), ["西部地区投资创新高"]);
    assert_eq!(titles(&lib, "投资"), ["西部地区投资创新高"]);
    assert_eq!(titles(&lib, "重庆"), ["西部地区投资创新高"]);
    assert_eq!(titles(&lib, "会議"), ["東京の会議"]);
    assert_eq!(titles(&lib, "ニュース"), ["東京の会議"]);
    assert_eq!(titles(&lib, "西东"), Vec::<String>::new());
    let hit = &lib.search("投资", 5).unwrap()[0];
    assert!(hit.snippet.as_deref().unwrap().contains("<mark>投资</mark>"), "{:?}", hit.snippet);
}

#[tokio::test]
async fn filters_narrow_results() {
    let (lib, _s) = searchable().await;
    assert_eq!(titles(&lib, "rust author:ann"), ["Rust in the kernel"]);
    assert_eq!(titles(&lib, "rust category:databases"), ["Database news"]);
    assert_eq!(titles(&lib, "feed:新华网 会議"), ["東京の会議"]);
    assert_eq!(titles(&lib, "folder:tech rust").len(), 2);
    assert_eq!(titles(&lib, "rust after:2024-05-07"), ["Database news"]);
    assert_eq!(titles(&lib, "rust before:2024-05-07"), ["Rust in the kernel"]);
    let kernel = lib.search("kernel", 1).unwrap()[0].id;
    lib.set_bookmarked(&[kernel], true).unwrap();
    lib.set_read(&[kernel], true).unwrap();
    assert_eq!(titles(&lib, "rust is:bookmarked"), ["Rust in the kernel"]);
    assert_eq!(titles(&lib, "rust is:unread"), ["Database news"]);
    assert_eq!(titles(&lib, "is:bookmarked"), ["Rust in the kernel"], "filters alone list by date");
    assert_eq!(titles(&lib, "-rust feed:tech").len(), 1);
    // A name that matches nothing: no results, with words or without.
    assert_eq!(titles(&lib, "rust author:nobody"), Vec::<String>::new());
    assert_eq!(titles(&lib, "author:nobody"), Vec::<String>::new());
    assert_eq!(titles(&lib, "rust folder:nowhere"), Vec::<String>::new());
    assert_eq!(titles(&lib, "rust category:nothing"), Vec::<String>::new());
    assert_eq!(titles(&lib, "rust author:nobody author:ann"), ["Rust in the kernel"], "names of a kind are ORed");
    assert!(lib.search("after:someday", 5).is_err());
}

#[tokio::test]
async fn snippets_are_safe_html() {
    let (lib, _s) = searchable().await;
    let hit = &lib.search("croissants", 5).unwrap()[0];
    let snippet = hit.snippet.as_deref().unwrap();
    assert!(snippet.contains("<mark>croissants</mark>"), "{snippet}");
    // The article's text says "<script>" (escaped twice in the feed): the
    // snippet shows it as text, never as markup.
    assert!(snippet.contains("&lt;script&gt;"), "{snippet}");
    assert!(!snippet.contains("<script"));
    // The article list is unaffected by search.
    assert_eq!(lib.articles(&ArticleFilter::default()).unwrap().len(), 5);
}
