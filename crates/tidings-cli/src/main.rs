//! `tidings`: the headless face of the Tidings engine. Each command is a
//! few lines over `tidings_core::Library`; this file only turns arguments
//! into calls and results into output.

mod args;
mod output;

use anyhow::{Context, Result};
use args::{Cli, Command};
use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use output::{clip, day, Out};
use std::io::IsTerminal;
use std::process::ExitCode;
use tidings_core::view::{Article, Changed, Exported, ExportedOpml, FeedStatus, NameCount};
use tidings_core::{ArticleFilter, FeedRef, Library, Outcome, RefreshOptions, RefreshProgress};

/// jemalloc instead of the system's allocator. A refresh allocates on the
/// parse threads what the writer thread frees (every article's text), which
/// glibc's malloc does slowly; with jemalloc a cold refresh of 1,000 feeds
/// takes about a tenth less CPU at the same peak memory (docs/PERFORMANCE.md).
/// Only Rust's allocations: SQLite keeps the system's malloc, which measured
/// no faster under jemalloc and used 20 MB more. Not on Windows, where
/// jemalloc is not at home (it does not build with MSVC).
#[cfg(not(windows))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = Cli::parse_from(args::protect_search_negations(std::env::args_os()));
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("TIDINGS_LOG").unwrap_or_else(|_| "warn".into()))
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("tidings: cannot start: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            // The whole chain on one line.
            let msg = e.chain().map(|c| c.to_string()).collect::<Vec<_>>().join(": ");
            eprintln!("tidings: {msg}");
            ExitCode::from(1)
        }
    }
}

fn open(cli: &Cli) -> Result<Library> {
    let path = cli.db.clone().unwrap_or_else(tidings_core::default_library_path);
    Library::open(&path).with_context(|| format!("cannot open the library {}", path.display()))
}

async fn run(cli: Cli) -> Result<ExitCode> {
    let mut out = Out::new();
    let json = cli.json;
    if let Command::Inspect { source } = &cli.command {
        // Needs no library.
        let feed = tidings_core::inspect(source).await?;
        if json {
            out.json(&feed);
        } else {
            print_inspected(&mut out, &feed);
        }
        return Ok(ExitCode::SUCCESS);
    }
    let lib = open(&cli)?;
    match cli.command {
        Command::Add { url, folder, full_text } => {
            let options = tidings_core::AddOptions { folder, full_text: full_text.then_some(true) };
            let added = lib.add_feed(&url, &options).await?;
            if json {
                out.json(&added);
            } else if added.already_subscribed {
                out.line(format!(
                    "Already subscribed to {} (feed {}): {}",
                    added.feed.title, added.feed.id, added.feed.url
                ));
            } else {
                out.line(format!(
                    "Subscribed to {} (feed {}): {}, {} articles",
                    added.feed.title, added.feed.id, added.feed.url, added.new
                ));
            }
        }
        Command::Remove { feed } => {
            let removed = lib.remove_feed(&FeedRef::parse(&feed))?;
            if json {
                out.json(&removed);
            } else {
                out.line(format!(
                    "Unsubscribed from {} (feed {}); bookmarked articles are kept",
                    removed.title, removed.id
                ));
            }
        }
        Command::Feed { feed, full_text } => {
            let feed = FeedRef::parse(&feed);
            let f = match full_text.as_deref() {
                Some(v) => lib.set_full_text(&feed, v == "on")?,
                None => lib.find_feed(&feed)?,
            };
            if json {
                out.json(&f);
            } else {
                out.line(format!("{} (feed {})", f.title, f.id));
                out.line(format!("  url:        {}", f.url));
                out.line(format!("  folder:     {}", f.folder.as_deref().unwrap_or("-")));
                out.line(format!("  full text:  {}", if f.full_text { "on" } else { "off" }));
                out.line(format!(
                    "  status:     {}{}",
                    f.status,
                    f.last_error.as_deref().map(|e| format!(" ({e})")).unwrap_or_default()
                ));
            }
        }
        Command::Cleanup { days } => {
            let days = match days {
                Some(d) => d,
                None => lib.settings()?.retention_days,
            };
            let done = lib.cleanup(days)?;
            if json {
                out.json(&done);
            } else {
                out.line(format!(
                    "Deleted {} read articles older than {days} days and {} unused images",
                    done.articles, done.images
                ));
            }
        }
        Command::Rename { feed, title } => {
            let f = lib.rename_feed(&FeedRef::parse(&feed), Some(&title))?;
            if json {
                out.json(&f);
            } else {
                out.line(format!("Feed {} is now {}", f.id, f.title));
            }
        }
        Command::Move { feed, folder } => {
            let f = lib.move_feed(&FeedRef::parse(&feed), folder.as_deref())?;
            if json {
                out.json(&f);
            } else {
                out.line(format!("{} is now in {}", f.title, f.folder.as_deref().unwrap_or("no folder")));
            }
        }
        Command::Import { file } => {
            let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let report = lib.import_opml(&bytes)?;
            if json {
                out.json(&report);
            } else {
                out.line(format!(
                    "Imported {} feeds ({} already subscribed, {} entries skipped); run `tidings refresh` to fetch them",
                    report.added.len(),
                    report.duplicates.len(),
                    report.skipped.len()
                ));
                for s in &report.skipped {
                    out.line(format!("  skipped {}: {}", s.entry, s.reason));
                }
            }
        }
        Command::Export { output } => {
            let opml = lib.export_opml()?;
            match output {
                Some(path) => {
                    std::fs::write(&path, &opml).with_context(|| format!("cannot write {}", path.display()))?;
                    let feeds = lib.feeds()?.len();
                    if json {
                        out.json(&Exported { file: path.display().to_string(), feeds });
                    } else {
                        out.line(format!("Wrote {feeds} feeds to {}", path.display()));
                    }
                }
                None if json => out.json(&ExportedOpml { opml }),
                None => out.raw(&opml),
            }
        }
        Command::Refresh { feed, jobs, text_only } => {
            return refresh(&lib, &mut out, json, feed, jobs, !text_only).await
        }
        Command::Feeds => {
            let feeds = lib.feeds()?;
            if json {
                out.json(&feeds);
            } else {
                let rows = feeds
                    .iter()
                    .map(|f| {
                        vec![
                            f.id.to_string(),
                            clip(&f.title, 40),
                            f.folder.clone().unwrap_or_default(),
                            f.unread.to_string(),
                            f.total.to_string(),
                            match &f.last_error {
                                Some(e) if f.status != FeedStatus::Ok => format!("{}: {}", f.status, clip(e, 60)),
                                _ => f.status.to_string(),
                            },
                        ]
                    })
                    .collect::<Vec<_>>();
                out.table(&["ID", "TITLE", "FOLDER", "UNREAD", "TOTAL", "STATUS"], &rows);
            }
        }
        Command::Folders => names(&mut out, json, "FOLDER", lib.folders()?),
        Command::Categories => names(&mut out, json, "CATEGORY", lib.categories()?),
        Command::Authors => names(&mut out, json, "AUTHOR", lib.authors()?),
        Command::List(args) => {
            let filter = ArticleFilter { limit: args.limit, ..args.filters.to_filter() };
            let articles = lib.articles(&filter)?;
            if json {
                out.json(&articles);
            } else {
                article_table(&mut out, &articles);
            }
        }
        Command::Show { article, text, full } => {
            let mut a = lib.article(article)?;
            // Images read from the cache (file:// URLs), so the article reads offline.
            let version = if full {
                lib.full_text(article).await?;
                tidings_core::Version::Best
            } else {
                tidings_core::Version::Feed
            };
            a.content_html = lib.article_html_with_local_images(article, version)?;
            if json {
                out.json(&a);
            } else {
                print_article(&mut out, &a, text);
            }
        }
        Command::Read { articles, all, filters } => {
            let changed = if all { lib.mark_all_read(&filters.to_filter())? } else { lib.set_read(&articles, true)? };
            changed_line(&mut out, json, changed, "marked read");
        }
        Command::Unread { articles } => changed_line(&mut out, json, lib.set_read(&articles, false)?, "marked unread"),
        Command::Bookmark { articles } => {
            changed_line(&mut out, json, lib.set_bookmarked(&articles, true)?, "bookmarked")
        }
        Command::Unbookmark { articles } => {
            changed_line(&mut out, json, lib.set_bookmarked(&articles, false)?, "no longer bookmarked")
        }
        Command::Search { query, limit } => {
            let query: Vec<&str> = query.iter().map(|w| Cli::unprotect(w)).collect();
            let hits = lib.search(&query.join(" "), limit)?;
            if json {
                out.json(&hits);
            } else {
                for a in &hits {
                    out.line(format!(
                        "{:>6}  {}  {}  {}",
                        a.id,
                        day(&a.published),
                        clip(a.feed_title.as_deref().unwrap_or(""), 24),
                        a.title
                    ));
                    if let Some(s) = &a.snippet {
                        out.line(format!("        {}", render_snippet(s, out.terminal)));
                    }
                }
                if hits.is_empty() {
                    out.line("No articles match.");
                }
            }
        }
        Command::Inspect { .. } => unreachable!("handled above"),
    }
    Ok(ExitCode::SUCCESS)
}

async fn refresh(
    lib: &Library,
    out: &mut Out,
    json: bool,
    feed: Option<String>,
    jobs: usize,
    offline_copy: bool,
) -> Result<ExitCode> {
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{spinner} {wide_bar} {pos}/{len} feeds {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    });
    let progress = |p: RefreshProgress| {
        if let Some(bar) = &bar {
            match p {
                RefreshProgress::Started { total } => bar.set_length(total as u64),
                RefreshProgress::FeedDone { done, feed, .. } => {
                    bar.set_position(done as u64);
                    bar.set_message(clip(&feed.title, 30));
                }
                RefreshProgress::Finished { .. } => bar.finish_and_clear(),
            }
        }
    };
    let options = RefreshOptions { feed: feed.as_deref().map(FeedRef::parse), jobs, offline_copy };
    let report = lib.refresh(&options, &progress).await?;
    if json {
        out.json(&report);
    } else {
        for f in &report.feeds {
            let line = match f.outcome {
                Outcome::Updated => format!("ok           {:>4} new  {}", f.new, f.title),
                Outcome::NotModified => format!("not modified           {}", f.title),
                Outcome::Error => format!("error                  {}: {}", f.title, f.error.as_deref().unwrap_or("")),
                Outcome::Gone => format!("gone                   {}: {}", f.title, f.error.as_deref().unwrap_or("")),
                Outcome::Postponed => format!(
                    "postponed              {}: the server asked to wait until {}",
                    f.title,
                    f.retry_after.as_deref().unwrap_or("later")
                ),
            };
            out.line(line);
        }
        out.line(format!(
            "{} feeds refreshed: {} new articles, {} failed{}",
            report.feeds.len(),
            report.new_articles(),
            report.failed(),
            if report.offline { " (the network seems to be down)" } else { "" }
        ));
        if let Some(c) = &report.offline_copy {
            out.line(format!(
                "for offline reading: {} full texts ({} failed), {} images ({} MiB, {} failed)",
                c.full_texts,
                c.full_text_errors,
                c.images,
                c.image_bytes >> 20,
                c.image_errors
            ));
        }
        // After the articles were stored: worth saying, not worth failing for.
        let offline_failures = report.offline_copy.iter().flat_map(|c| c.failed.iter());
        for problem in report.after_store_errors.iter().chain(offline_failures) {
            eprintln!("tidings: warning: {problem}");
        }
    }
    Ok(if report.failed() > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn names(out: &mut Out, json: bool, header: &str, names: Vec<NameCount>) {
    if json {
        out.json(&names);
    } else {
        let rows: Vec<Vec<String>> =
            names.iter().map(|n| vec![n.count.to_string(), n.unread.to_string(), n.name.clone()]).collect();
        out.table(&["ARTICLES", "UNREAD", header], &rows);
    }
}

fn changed_line(out: &mut Out, json: bool, changed: usize, what: &str) {
    if json {
        out.json(&Changed { changed });
    } else {
        out.line(format!("{changed} {} {what}", if changed == 1 { "article" } else { "articles" }));
    }
}

fn article_table(out: &mut Out, articles: &[Article]) {
    let rows = articles
        .iter()
        .map(|a| {
            let flags = format!("{}{}", if a.read { " " } else { "●" }, if a.bookmarked { "★" } else { " " });
            vec![
                a.id.to_string(),
                day(&a.published),
                flags,
                clip(a.feed_title.as_deref().unwrap_or(""), 24),
                clip(&a.title, 80),
            ]
        })
        .collect::<Vec<_>>();
    out.table(&["ID", "DATE", "", "FEED", "TITLE"], &rows);
}

fn print_article(out: &mut Out, a: &Article, as_text: bool) {
    out.line(&a.title);
    let mut meta = Vec::new();
    if let Some(f) = &a.feed_title {
        meta.push(format!("Feed:       {f}"));
    }
    if let Some(author) = &a.author {
        let contact =
            a.author_email.as_deref().or(a.author_url.as_deref()).map(|c| format!(" <{c}>")).unwrap_or_default();
        meta.push(format!("Author:     {author}{contact}"));
    }
    if let Some(p) = &a.published {
        meta.push(format!("Published:  {p}"));
    }
    if !a.categories.is_empty() {
        meta.push(format!("Categories: {}", a.categories.join(", ")));
    }
    if let Some(u) = &a.url {
        meta.push(format!("Link:       {u}"));
    }
    if let Some(c) = &a.comments_url {
        meta.push(format!("Comments:   {c}"));
    }
    for e in &a.enclosures {
        meta.push(format!("Enclosure:  {} ({})", e.url, e.mime_type.as_deref().unwrap_or("unknown type")));
    }
    for m in meta {
        out.line(m);
    }
    out.line("");
    if as_text {
        out.line(tidings_core::parse::html_to_text(&a.content_html));
    } else {
        out.line(&a.content_html);
    }
}

/// A snippet for a terminal: matches in bold, HTML escapes undone.
fn render_snippet(s: &str, terminal: bool) -> String {
    if !terminal {
        return s.to_string();
    }
    let text = s.replace("<mark>", "\x1b[1m").replace("</mark>", "\x1b[0m");
    tidings_core::parse::html_to_text(&text)
}

fn print_inspected(out: &mut Out, f: &tidings_core::view::InspectedFeed) {
    out.line(format!("Format:   {}", f.format));
    out.line(format!("Title:    {}", f.title.as_deref().unwrap_or("-")));
    out.line(format!("Site:     {}", f.site_url.as_deref().unwrap_or("-")));
    out.line(format!("Language: {}", f.language.as_deref().unwrap_or("-")));
    out.line(format!("Updated:  {}", f.updated.as_deref().unwrap_or("-")));
    out.line(format!("Encoding: {}", f.encoding));
    for w in &f.warnings {
        out.line(format!("Warning:  {w}"));
    }
    out.line(format!("{} entries:", f.entries.len()));
    let rows = f
        .entries
        .iter()
        .map(|e| {
            vec![
                day(&e.published.clone().or(e.updated.clone())),
                clip(e.author.as_deref().unwrap_or(""), 20),
                clip(&e.title, 60),
                e.url.clone().unwrap_or_default(),
            ]
        })
        .collect::<Vec<_>>();
    out.table(&["DATE", "AUTHOR", "TITLE", "LINK"], &rows);
}
