//! The library's rules that only its insides can show: where database work
//! runs, and how much opening an article reads.

use super::*;
use crate::view::Article;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

fn library() -> (Library, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    (Library::open(dir.path().join("tidings.db")).unwrap(), dir)
}

/// One article in a feed, with a category and an author.
fn one_article(lib: &Library) -> i64 {
    let xml = br#"<rss version="2.0"><channel><title>News</title><link>https://news.example/</link>
        <item><guid>a</guid><title>Hello</title><link>https://news.example/a</link><author>x@news.example (Xinhua)</author>
        <category>World</category><description>&lt;p&gt;Body&lt;/p&gt;</description></item></channel></rss>"#;
    let feed = crate::parse::parse_feed(xml, None, None).unwrap();
    let articles = crate::prepare::prepare_entries(&feed, None);
    lib.write(|tx| {
        let id = store::write::insert_feed(tx, "https://news.example/rss", None, None, 0)?.unwrap();
        let rec = store::write::FetchRecord { etag: None, last_modified: None, body_hash: None, moved_to: None };
        let mut index = store::write::SearchBatch::default();
        store::write::store_fetch(tx, id, Some((&feed, &articles)), Some(false), &rec, &mut index, 0)?;
        index.write(tx)
    })
    .unwrap();
    lib.articles(&crate::ArticleFilter::default()).unwrap()[0].id
}

/// The async methods send database work to the blocking pool: with every
/// reading connection busy (a slow query elsewhere), `add_feed` waits
/// without stopping the runtime's thread, so other tasks still run. (It
/// used to look the URL up on the runtime's thread, which then spun until
/// a connection came free.)
#[test]
fn async_methods_never_wait_for_the_database_on_the_runtime() {
    let (lib, _dir) = library();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let busy: Vec<Reader> = (0..READERS).map(|_| lib.reader()).collect();
    let ticks = AtomicUsize::new(0);
    let ticks_while_busy = std::thread::scope(|s| {
        // Another thread gives the connections back after 300 ms and notes
        // how often the runtime's other task ran meanwhile.
        let release = s.spawn(|| {
            std::thread::sleep(Duration::from_millis(300));
            let seen = ticks.load(Ordering::Relaxed);
            drop(busy);
            seen
        });
        runtime.block_on(async {
            let options = AddOptions::default();
            let add = lib.add_feed("http://127.0.0.1:9/feed", &options);
            let ticker = async {
                loop {
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    ticks.fetch_add(1, Ordering::Relaxed);
                }
            };
            tokio::select! {
                // Port 9 (discard) refuses: the add fails, after the lookup.
                added = add => assert!(added.is_err()),
                () = ticker => unreachable!(),
            }
        });
        release.join().unwrap()
    });
    assert!(ticks_while_busy >= 10, "the runtime stood still while the database was busy ({ticks_while_busy} ticks)");
}

/// A reader waits for a connection to come back (on a condition, not a
/// sleep loop) and gets it as soon as it does.
#[test]
fn a_reader_gets_the_first_connection_given_back() {
    let (lib, _dir) = library();
    let busy: Vec<Reader> = (0..READERS).map(|_| lib.reader()).collect();
    std::thread::scope(|s| {
        let waiting = s.spawn(|| {
            let conn = lib.reader();
            conn.query_row("SELECT 1", [], |r| r.get::<_, i64>(0)).unwrap()
        });
        std::thread::sleep(Duration::from_millis(50));
        assert!(!waiting.is_finished(), "all connections are busy");
        drop(busy);
        assert_eq!(waiting.join().unwrap(), 1);
    });
}

static STATEMENTS: AtomicUsize = AtomicUsize::new(0);

fn count_statement(_sql: &str) {
    STATEMENTS.fetch_add(1, Ordering::Relaxed);
}

/// Opening an article is one narrow query (it was three connections, the
/// whole article with its HTML, and the feed with its counts).
#[test]
fn opening_an_article_is_one_query() {
    let (lib, _dir) = library();
    let id = one_article(&lib);
    let full: Article = lib.article(id).unwrap();
    let mut readers: Vec<Reader> = (0..READERS).map(|_| lib.reader()).collect();
    for r in &mut readers {
        #[allow(deprecated)]
        r.trace(Some(count_statement));
    }
    drop(readers);
    STATEMENTS.store(0, Ordering::Relaxed);
    let meta = lib.article_meta(id).unwrap();
    assert_eq!(STATEMENTS.load(Ordering::Relaxed), 1);
    assert_eq!((meta.title.as_str(), meta.author.as_deref()), ("Hello", Some("Xinhua")));
    assert_eq!(meta.categories, full.categories);
    assert_eq!(meta.feed_title.as_deref(), Some("News"));
    assert_eq!(meta.site_url.as_deref(), Some("https://news.example/"));
    assert_eq!((meta.url, meta.published, meta.read), (full.url, full.published, false));
}
