//! The command line as clap sees it. These types stay in the CLI: `main.rs`
//! turns them into calls on `tidings_core::Library`.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Tidings, a news reader: subscribe to feeds, refresh them, read, bookmark
/// and search articles — the same library as the desktop app.
#[derive(Debug, Parser)]
#[command(name = "tidings", version, about, long_about = None, max_term_width = 100)]
#[command(after_help = "The library is --db FILE, else $TIDINGS_DB, else the desktop app's own library.\n\
Exit status: 0 on success, 1 on failure, 2 on bad usage.")]
pub struct Cli {
    /// The library file (SQLite) to use
    #[arg(long, global = true, value_name = "FILE", env = "TIDINGS_DB")]
    pub db: Option<PathBuf>,

    /// Print one JSON document on stdout instead of text for people
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Subscribe to a feed URL, or to the feed a site URL links to, and fetch it once
    Add {
        /// A feed URL or a site URL
        url: String,
        /// Put the feed in this folder (created if needed)
        #[arg(long, value_name = "NAME")]
        folder: Option<String>,
        /// Fetch each article's page for its full text (default: on for feeds whose items are short)
        #[arg(long)]
        full_text: bool,
    },
    /// Show a feed's settings, or change them
    Feed {
        /// The feed's id or URL
        feed: String,
        /// Fetch each article's page for its full text, for reading offline
        #[arg(long, value_name = "on|off", value_parser = ["on", "off"])]
        full_text: Option<String>,
    },
    /// Unsubscribe from a feed; its bookmarked articles are kept
    Remove {
        /// The feed's id or URL
        feed: String,
    },
    /// Give a feed your own title (an empty title restores the feed's)
    Rename {
        /// The feed's id or URL
        feed: String,
        title: String,
    },
    /// Move a feed into a folder (no folder: out of any folder)
    Move {
        /// The feed's id or URL
        feed: String,
        folder: Option<String>,
    },
    /// Subscribe to every feed of an OPML file, keeping its folders (fetches nothing)
    Import {
        /// The OPML file
        file: PathBuf,
    },
    /// Write all subscriptions with their folders as OPML 2.0
    Export {
        /// Write to this file instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Fetch all feeds (or one) now, in parallel
    Refresh {
        /// Only this feed (id or URL)
        #[arg(long, value_name = "FEED")]
        feed: Option<String>,
        /// Feeds fetched at once
        #[arg(long, value_name = "N", default_value_t = tidings_core::refresh::DEFAULT_JOBS)]
        jobs: usize,
        /// Store the feeds' text only: no full texts, images or icons for offline reading
        #[arg(long)]
        text_only: bool,
    },
    /// Delete read articles older than the retention period (bookmarks are kept) and unused cached images
    Cleanup {
        /// Keep read articles this many days (default: the app's setting, 90)
        #[arg(long, value_name = "N")]
        days: Option<u32>,
    },
    /// List subscriptions with their counts and status
    Feeds,
    /// List folders with their article counts
    Folders,
    /// List categories with their article counts
    Categories,
    /// List authors with their article counts
    Authors,
    /// List articles, newest first
    List(ListArgs),
    /// Show one article in full
    Show {
        /// The article's id
        article: i64,
        /// Print the content as plain text rather than sanitized HTML
        #[arg(long)]
        text: bool,
        /// The full text from the article's page (extracted now if it was not yet)
        #[arg(long)]
        full: bool,
    },
    /// Mark articles read (or every article matching the filters, with --all)
    Read {
        /// Article ids
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        articles: Vec<i64>,
        /// Mark every article that matches the filters below
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        filters: FilterArgs,
    },
    /// Mark articles unread
    Unread {
        #[arg(required = true)]
        articles: Vec<i64>,
    },
    /// Bookmark articles (bookmarks are kept forever)
    Bookmark {
        #[arg(required = true)]
        articles: Vec<i64>,
    },
    /// Remove bookmarks
    Unbookmark {
        #[arg(required = true)]
        articles: Vec<i64>,
    },
    /// Full-text search, best match first
    #[command(after_help = "QUERY: words (all must match), \"a phrase\", -word, OR, word*, and the filters\n\
feed:, folder:, author:, category:, is:unread, is:read, is:bookmarked, after:YYYY-MM-DD, before:YYYY-MM-DD.\n\
Case and diacritics are ignored; Chinese and Japanese words are found inside unsegmented text.")]
    Search {
        /// The query (several words are joined with spaces; `-word` excludes)
        #[arg(required = true)]
        query: Vec<String>,
        /// At most this many results
        #[arg(long, value_name = "N", default_value_t = 50)]
        limit: usize,
    },
    /// Parse a feed from a URL or a file without subscribing: the feed as Tidings understands it
    Inspect {
        /// A feed URL or a local file
        source: String,
    },
}

/// Which articles: the filters of `list` and `read --all`.
#[derive(Debug, Args, Default)]
pub struct FilterArgs {
    /// Only this feed (id or URL)
    #[arg(long, value_name = "FEED")]
    pub feed: Option<String>,
    /// Only feeds in this folder
    #[arg(long, value_name = "NAME")]
    pub folder: Option<String>,
    /// Only articles in this category
    #[arg(long, value_name = "NAME")]
    pub category: Option<String>,
    /// Only articles by this author
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
    /// Only unread articles
    #[arg(long)]
    pub unread: bool,
    /// Only bookmarked articles
    #[arg(long)]
    pub bookmarked: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filters: FilterArgs,
    /// At most this many articles
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

impl FilterArgs {
    pub fn to_filter(&self) -> tidings_core::ArticleFilter {
        tidings_core::ArticleFilter {
            feed: self.feed.as_deref().map(tidings_core::FeedRef::parse),
            folder: self.folder.clone(),
            category: self.category.clone(),
            author: self.author.clone(),
            unread: self.unread,
            bookmarked: self.bookmarked,
            limit: None,
            offset: None,
        }
    }
}

/// Marks a search word that starts with `-` so that clap takes it as a value.
const NEGATION_MARK: char = '\u{1f}';

/// The command line with `search`'s `-word` terms protected from clap, which
/// would otherwise read them as unknown flags; `--limit`, `--json`, `--db`
/// and `--help` after the query still work. [`Cli::unprotect`] undoes it.
pub fn protect_search_negations(args: impl IntoIterator<Item = std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let mut out = Vec::new();
    let mut in_search = false;
    let mut takes_value = false;
    for arg in args {
        let s = arg.to_string_lossy().into_owned();
        if in_search && !takes_value && s.starts_with('-') && s.len() > 1 && !is_search_option(&s) {
            out.push(format!("{NEGATION_MARK}{s}").into());
            continue;
        }
        if !in_search && !takes_value && s == "search" {
            in_search = true;
        }
        takes_value = !takes_value && (s == "--limit" || s == "--db");
        out.push(arg);
    }
    out
}

fn is_search_option(s: &str) -> bool {
    let name = s.split('=').next().unwrap_or(s);
    matches!(name, "--limit" | "--json" | "--db" | "-h" | "--help" | "--")
}

impl Cli {
    /// Undoes [`protect_search_negations`] on the parsed query.
    pub fn unprotect(word: &str) -> &str {
        word.strip_prefix(NEGATION_MARK).unwrap_or(word)
    }
}
