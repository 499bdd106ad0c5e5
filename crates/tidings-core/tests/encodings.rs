//! Every encoding family news feeds use, from the HTTP charset or the XML
//! prolog, stored correctly and searchable.

use crate::util::library;
use tidings_core::{AddOptions, ArticleFilter};
use tidings_testkit::{Route, Server};

fn doc(label: &str, title: &str, body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"{label}\"?><rss version=\"2.0\"><channel><title>{title}</title>\
         <item><guid>1</guid><title>{title}</title><description>{body}</description></item></channel></rss>"
    )
}

async fn check(
    encoding: &'static encoding_rs::Encoding,
    label: &str,
    via_http: bool,
    title: &str,
    body: &str,
    query: &str,
) {
    let text =
        if via_http { doc("utf-8", title, body).replace("encoding=\"utf-8\"", "") } else { doc(label, title, body) };
    let (bytes, _, unmappable) = encoding.encode(&text);
    assert!(!unmappable, "{label} can encode the sample");
    let server = Server::start();
    let content_type =
        if via_http { format!("application/rss+xml; charset={label}") } else { "application/rss+xml".into() };
    server.route("/enc.xml", Route::ok(bytes.into_owned(), &content_type));
    let lib = library();
    let added = lib.add_feed(&server.url("/enc.xml"), &AddOptions::default()).await.unwrap();
    assert_eq!(added.feed.title, title, "{label}");
    let a = &lib.articles(&ArticleFilter::default()).unwrap()[0];
    assert_eq!(a.summary, body, "{label}");
    assert_eq!(lib.search(query, 5).unwrap().len(), 1, "{label}: search {query}");
}

#[tokio::test]
async fn chinese_simplified() {
    check(encoding_rs::GBK, "gb2312", false, "西部新闻", "西部地区投资创新高", "西部").await;
    check(encoding_rs::GB18030, "GB18030", true, "西部新闻", "西部地区投资创新高", "投资").await;
}

#[tokio::test]
async fn chinese_traditional() {
    check(encoding_rs::BIG5, "big5", false, "臺灣新聞", "經濟成長率創新高", "經濟").await;
}

#[tokio::test]
async fn japanese() {
    check(encoding_rs::SHIFT_JIS, "Shift_JIS", false, "日本のニュース", "東京で新しい会議が開かれた", "会議").await;
    check(encoding_rs::EUC_JP, "euc-jp", true, "日本のニュース", "東京で新しい会議が開かれた", "東京").await;
}

#[tokio::test]
async fn korean() {
    check(encoding_rs::EUC_KR, "euc-kr", false, "한국 뉴스", "서울에서 회의가 열렸다", "서울").await;
}

#[tokio::test]
async fn western_and_cyrillic() {
    check(encoding_rs::WINDOWS_1252, "windows-1252", false, "Café “news”", "Résumé of the naïve café", "cafe").await;
    check(encoding_rs::WINDOWS_1252, "iso-8859-1", true, "Noticias", "Información económica", "economica").await;
    check(encoding_rs::ISO_8859_2, "iso-8859-2", false, "Wiadomości", "Zażółć gęślą jaźń", "gesla").await;
    check(encoding_rs::KOI8_R, "koi8-r", true, "Новости", "Экономика растёт", "экономика").await;
    check(encoding_rs::WINDOWS_1251, "windows-1251", false, "Новини", "Економіка зростає", "економіка").await;
}

#[tokio::test]
async fn utf16_with_bom() {
    let text = doc("utf-16", "Wide", "UTF-16 body 中文");
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let server = Server::start();
    server.route("/w.xml", Route::ok(bytes, "application/xml"));
    let lib = library();
    lib.add_feed(&server.url("/w.xml"), &AddOptions::default()).await.unwrap();
    assert_eq!(lib.articles(&ArticleFilter::default()).unwrap()[0].summary, "UTF-16 body 中文");
}

#[tokio::test]
async fn declared_utf8_that_is_windows_1252() {
    let text = doc("UTF-8", "Notícias", "Atualização");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    let server = Server::start();
    server.route("/lie.xml", Route::ok(bytes.into_owned(), "text/xml; charset=utf-8"));
    let lib = library();
    let added = lib.add_feed(&server.url("/lie.xml"), &AddOptions::default()).await.unwrap();
    assert_eq!(added.feed.title, "Notícias");
}
