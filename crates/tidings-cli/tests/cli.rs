//! The `tidings` binary against its contract (BRIEF.md): commands, flags,
//! `--json` shapes, exit codes, stdout/stderr discipline. Feeds come from a
//! real server on 127.0.0.1; the library is a real file.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use tidings_testkit::{Route, Server};

struct Cli {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

impl Cli {
    fn new() -> Cli {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("lib.db");
        Cli { _dir: dir, db }
    }

    fn dir(&self) -> &Path {
        self._dir.path()
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_tidings"));
        c.arg("--db").arg(&self.db).args(args).env_remove("TIDINGS_DB").stdin(Stdio::null());
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().unwrap()
    }

    /// Runs with --json, asserts success and a single JSON document on stdout.
    fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.run(&all);
        assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!("{args:?}: stdout is not one JSON document ({e}): {}", String::from_utf8_lossy(&out.stdout))
        })
    }
}

fn feed_server() -> Server {
    let s = Server::start();
    s.route(
        "/news.xml",
        Route::xml(
            r#"<?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>World News</title><link>https://news.example/</link>
            <item><guid>w1</guid><title>Record-breaking investments highlight growing potential of western China</title>
              <link>https://news.example/1</link><author>desk@xinhua.example (Xinhua)</author><category>News</category>
              <comments>https://news.example/1#comments</comments><pubDate>Thu, 23 May 2024 10:00:00 GMT</pubDate>
              <enclosure url="https://news.example/1.mp3" type="audio/mpeg" length="1234"/>
              <description><![CDATA[<p>西部地区投资 record.</p><script>document.title='pwned'</script><img src="/i.png" onerror="x()">]]></description></item>
            <item><guid>w2</guid><title>Café opens</title><link>https://news.example/2</link><dc:creator>Xinhua</dc:creator><category>Life</category>
              <pubDate>Fri, 24 May 2024 10:00:00 GMT</pubDate><description>Coffee.</description></item>
            </channel></rss>"#,
        ),
    );
    s.route(
        "/tech.xml",
        Route::xml(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Tech</title><link href="https://tech.example/"/>
            <entry><id>t1</id><title>Rust news</title><link href="https://tech.example/1"/><author><name>Ann</name><email>ann@tech.example</email></author>
            <updated>2024-05-25T10:00:00Z</updated><category term="Programming"/><content type="html">&lt;p&gt;Rust 2024&lt;/p&gt;</content></entry></feed>"#,
        ),
    );
    s.route(
        "/home",
        Route::html(r#"<html><head><link rel="alternate" type="application/rss+xml" href="/news.xml"></head></html>"#),
    );
    s.route("/page", Route::html("<html><body>nothing</body></html>"));
    s
}

#[test]
fn subscribe_list_show_and_json_shapes() {
    let s = feed_server();
    let cli = Cli::new();
    let added = cli.json(&["add", &s.url("/home"), "--folder", "World"]);
    assert_eq!(added["feed"]["url"], s.url("/news.xml"), "discovered from the page");
    assert_eq!(added["new"], 2);
    cli.json(&["add", &s.url("/tech.xml")]);

    let feeds = cli.json(&["feeds"]);
    let feeds = feeds.as_array().unwrap();
    assert_eq!(feeds.len(), 2);
    for key in ["id", "url", "title", "site_url", "folder", "unread", "total", "status", "last_error"] {
        assert!(feeds[0].get(key).is_some(), "feeds[] has {key}");
    }
    let news = feeds.iter().find(|f| f["title"] == "World News").unwrap();
    assert_eq!(
        (news["folder"].as_str(), news["unread"].as_i64(), news["total"].as_i64(), news["status"].as_str()),
        (Some("World"), Some(2), Some(2), Some("ok"))
    );

    let list = cli.json(&["list"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[0]["title"], "Rust news", "newest first");
    let keys = [
        "id",
        "feed_id",
        "feed_title",
        "guid",
        "url",
        "title",
        "author",
        "author_email",
        "author_url",
        "published",
        "updated",
        "categories",
        "summary",
        "content_html",
        "comments_url",
        "enclosures",
        "read",
        "bookmarked",
    ];
    for key in keys {
        assert!(list[0].get(key).is_some(), "article has {key}");
    }
    let china = list.iter().find(|a| a["guid"] == "w1").unwrap();
    let id = china["id"].as_i64().unwrap().to_string();
    let shown = cli.json(&["show", &id]);
    assert_eq!(shown["author"], "Xinhua");
    assert_eq!(shown["author_email"], "desk@xinhua.example");
    assert_eq!(shown["categories"], serde_json::json!(["News"]));
    assert_eq!(shown["comments_url"], "https://news.example/1#comments");
    assert_eq!(shown["published"], "2024-05-23T10:00:00Z");
    assert_eq!(shown["enclosures"][0]["url"], "https://news.example/1.mp3");
    assert_eq!(shown["enclosures"][0]["length"], 1234);
    let html = shown["content_html"].as_str().unwrap();
    assert!(html.contains("西部地区投资") && !html.contains("script") && !html.contains("onerror"), "{html}");
    assert!(html.contains(&s.url("/i.png")), "relative image made absolute: {html}");

    // Filters of list.
    assert_eq!(cli.json(&["list", "--author", "Xinhua"]).as_array().unwrap().len(), 2);
    assert_eq!(cli.json(&["list", "--category", "programming"]).as_array().unwrap().len(), 1);
    assert_eq!(cli.json(&["list", "--folder", "World"]).as_array().unwrap().len(), 2);
    assert_eq!(cli.json(&["list", "--feed", &s.url("/tech.xml")]).as_array().unwrap().len(), 1);
    assert_eq!(cli.json(&["list", "--limit", "1"]).as_array().unwrap().len(), 1);

    let authors = cli.json(&["authors"]);
    assert!(authors.as_array().unwrap().iter().any(|a| a["name"] == "Xinhua" && a["count"] == 2));
    let cats = cli.json(&["categories"]);
    assert!(cats.as_array().unwrap().iter().any(|c| c["name"] == "News" && c["count"] == 1));
    let folders = cli.json(&["folders"]);
    assert_eq!(folders[0]["name"], "World");
    assert_eq!(folders[0]["count"], 2);

    // Human output is a table, and --json may come after the command too.
    let table = cli.run(&["list"]);
    assert!(String::from_utf8_lossy(&table.stdout).contains("Café opens"));
    let after: Value = serde_json::from_slice(&cli.run(&["feeds", "--json"]).stdout).unwrap();
    assert_eq!(after.as_array().unwrap().len(), 2);
}

#[test]
fn reading_state_bookmarks_and_search() {
    let s = feed_server();
    let cli = Cli::new();
    cli.json(&["add", &s.url("/news.xml")]);
    let ids: Vec<String> = cli.json(&["list"]).as_array().unwrap().iter().map(|a| a["id"].to_string()).collect();
    assert_eq!(cli.json(&["read", &ids[0]])["changed"], 1);
    assert_eq!(cli.json(&["list", "--unread"]).as_array().unwrap().len(), 1);
    cli.json(&["unread", &ids[0]]);
    assert_eq!(cli.json(&["read", "--all", "--feed", &s.url("/news.xml")])["changed"], 2);
    assert_eq!(cli.json(&["list", "--unread"]).as_array().unwrap().len(), 0);
    cli.json(&["bookmark", &ids[1]]);
    let marked = cli.json(&["list", "--bookmarked"]);
    assert_eq!(marked.as_array().unwrap().len(), 1);
    assert_eq!(marked[0]["bookmarked"], true);
    cli.json(&["unbookmark", &ids[1]]);
    assert_eq!(cli.json(&["list", "--bookmarked"]).as_array().unwrap().len(), 0);

    let hits = cli.json(&["search", "西部"]);
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert!(hits[0]["snippet"].as_str().unwrap().contains("<mark>西部</mark>"));
    assert_eq!(cli.json(&["search", "cafe"])[0]["title"], "Café opens");
    assert_eq!(cli.json(&["search", "author:xinhua", "-cafe"]).as_array().unwrap().len(), 1);
    assert_eq!(cli.json(&["search", "nothing-matches-this"]).as_array().unwrap().len(), 0);
}

#[test]
fn exit_codes_and_error_messages() {
    let s = feed_server();
    let cli = Cli::new();
    let out = cli.run(&["show", "42"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains("article not found"));

    let out = cli.run(&["add", &s.url("/page")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no feed found"));
    assert_eq!(cli.json(&["feeds"]).as_array().unwrap().len(), 0, "nothing stored");

    for bad in [vec!["frobnicate"], vec!["list", "--limit", "many"], vec!["show"], vec!["read"]] {
        assert_eq!(cli.run(&bad).status.code(), Some(2), "{bad:?} is bad usage");
    }
    let out = cli.run(&["--json", "show", "42"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "errors never go to stdout");
}

#[test]
fn refresh_reports_each_feed_and_fails_when_one_fails() {
    let s = feed_server();
    let cli = Cli::new();
    cli.json(&["add", &s.url("/news.xml")]);
    cli.json(&["add", &s.url("/tech.xml")]);
    s.route("/tech.xml", Route::status(500));
    let out = cli.run(&["--json", "refresh", "--jobs", "4"]);
    assert_eq!(out.status.code(), Some(1), "a failed feed fails the run");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let feeds = report["feeds"].as_array().unwrap();
    assert_eq!(feeds.len(), 2);
    assert!(feeds.iter().any(|f| f["outcome"] == "error" && f["error"].as_str().unwrap().contains("HTTP 500")));
    assert!(feeds.iter().any(|f| f["outcome"] == "not_modified" || f["outcome"] == "updated"));
    let listed = cli.json(&["feeds"]);
    let tech = listed.as_array().unwrap().iter().find(|f| f["url"] == s.url("/tech.xml")).unwrap().clone();
    assert_eq!(tech["status"], "error");
    assert!(tech["last_error"].as_str().unwrap().contains("500"));

    let one = cli.run(&["--json", "refresh", "--feed", &s.url("/news.xml")]);
    assert_eq!(one.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&one.stdout).unwrap();
    assert_eq!(report["feeds"].as_array().unwrap().len(), 1);
}

#[test]
fn opml_import_export_and_remove() {
    let s = feed_server();
    let cli = Cli::new();
    let opml = cli.dir().join("in.opml");
    std::fs::write(
        &opml,
        format!(
            r#"<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
            <outline text="World"><outline text="World News" type="rss" xmlUrl="{}"/></outline>
            <outline text="Tech" type="rss" xmlUrl="{}"/>
            <outline text="Local file" type="rss" xmlUrl="file:///etc/passwd"/>
            </body></opml>"#,
            s.url("/news.xml"),
            s.url("/tech.xml")
        ),
    )
    .unwrap();
    let report = cli.json(&["import", opml.to_str().unwrap()]);
    assert_eq!(report["added"].as_array().unwrap().len(), 2);
    assert_eq!(report["skipped"].as_array().unwrap().len(), 1);
    assert!(s.requests().is_empty(), "import fetches nothing");
    let again = cli.json(&["import", opml.to_str().unwrap()]);
    assert_eq!(again["duplicates"].as_array().unwrap().len(), 2);

    let out_file = cli.dir().join("out.opml");
    cli.run(&["export", "-o", out_file.to_str().unwrap()]);
    let exported = std::fs::read_to_string(&out_file).unwrap();
    assert!(
        exported.contains("<opml version=\"2.0\">")
            && exported.contains("text=\"World\"")
            && exported.contains(&s.url("/tech.xml"))
    );
    let stdout = String::from_utf8(cli.run(&["export"]).stdout).unwrap();
    let without_date = |t: &str| t.lines().filter(|l| !l.contains("<dateCreated>")).collect::<Vec<_>>().join("\n");
    assert_eq!(without_date(&stdout), without_date(&exported), "stdout and -o FILE give the same OPML");

    cli.run(&["refresh"]);
    let first = cli.json(&["list", "--feed", &s.url("/news.xml")])[0]["id"].to_string();
    cli.json(&["bookmark", &first]);
    let removed = cli.json(&["remove", &s.url("/news.xml")]);
    assert_eq!(removed["title"], "World News");
    assert_eq!(cli.json(&["feeds"]).as_array().unwrap().len(), 1);
    let kept = cli.json(&["list", "--bookmarked"]);
    assert_eq!(kept.as_array().unwrap().len(), 1, "bookmarks outlive their feed");
    assert_eq!(cli.run(&["remove", "999"]).status.code(), Some(1));
}

#[test]
fn inspect_needs_no_library() {
    let s = feed_server();
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["inspect", "--json", &s.url("/tech.xml")])
        .env("TIDINGS_DB", dir.path().join("never-created.db"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], "atom10");
    assert_eq!(v["title"], "Tech");
    assert_eq!(v["entries"][0]["author"], "Ann");
    assert_eq!(v["entries"][0]["updated"], "2024-05-25T10:00:00Z");
    for key in ["format", "title", "site_url", "language", "updated", "entries"] {
        assert!(v.get(key).is_some());
    }
    assert!(!dir.path().join("never-created.db").exists());
    let bad = Command::new(env!("CARGO_BIN_EXE_tidings")).args(["inspect", &s.url("/page")]).output().unwrap();
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn db_from_environment_and_quiet_broken_pipe() {
    let s = feed_server();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.db");
    let run =
        |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_tidings")).args(args).env("TIDINGS_DB", &db).output().unwrap();
    assert!(run(&["add", &s.url("/news.xml")]).status.success());
    assert!(db.exists(), "$TIDINGS_DB names the library");
    // A reader that stops early (like `head`) is not an error.
    let mut child = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["list"])
        .env("TIDINGS_DB", &db)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success() || out.status.code() == Some(0), "{:?}", out.status);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn full_text_feed_settings_and_cleanup() {
    let s = Server::start();
    s.route(
        "/teasers.xml",
        Route::xml(format!(
            r#"<rss version="2.0"><channel><title>Teasers</title>
            <item><guid>t1</guid><title>Story</title><link>{}</link><description>Short teaser.</description></item></channel></rss>"#,
            s.url("/story")
        )),
    );
    s.route(
        "/story",
        Route::html(format!(
            "<html><body><nav>Home World Sport</nav><article><h1>Story</h1>{}</article><footer>Privacy policy</footer></body></html>",
            "<p>The full story has many long paragraphs about the western fair and its record investments in the region.</p>".repeat(6)
        )),
    );
    let cli = Cli::new();
    let added = cli.json(&["add", &s.url("/teasers.xml"), "--full-text"]);
    let id = added["feed"]["id"].to_string();
    assert_eq!(added["feed"]["full_text"], true);
    let off = cli.json(&["feed", &id, "--full-text", "off"]);
    assert_eq!(off["full_text"], false);
    let on = cli.json(&["feed", &s.url("/teasers.xml"), "--full-text", "on"]);
    assert_eq!(on["full_text"], true);
    assert_eq!(cli.run(&["feed", &id, "--full-text", "maybe"]).status.code(), Some(2));

    let article = cli.json(&["list"])[0]["id"].to_string();
    let shown = cli.json(&["show", &article, "--full"]);
    let html = shown["content_html"].as_str().unwrap();
    assert!(html.contains("record investments in the region") && !html.contains("Privacy policy"), "{html}");
    // Offline now: the extracted text was stored.
    drop(s);
    let again = cli.json(&["show", &article, "--full"]);
    assert_eq!(again["content_html"], shown["content_html"]);
    let text = cli.run(&["show", &article]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("Short teaser."), "without --full: the feed's version");

    let cleaned = cli.json(&["cleanup", "--days", "30"]);
    assert_eq!(cleaned["articles"], 0, "unread articles are kept");
}
