//! Reading the library: subscriptions, lists, articles, search, and the
//! reading state (read, bookmarked) the user changes.

use super::Library;
use crate::error::{Error, Result};
use crate::query::{ArticleFilter, FeedRef};
use crate::store::{self, read, write};
use crate::view::{Article, ArticleMeta, ArticleRow, Feed, NameCount};

impl Library {
    pub fn feeds(&self) -> Result<Vec<Feed>> {
        read::feeds(&self.reader())
    }

    pub fn feed(&self, id: i64) -> Result<Feed> {
        read::feed(&self.reader(), id)
    }

    /// A feed named by id or URL (a URL by its identity: `…/feed/` finds
    /// `…/feed`).
    pub fn find_feed(&self, feed: &FeedRef) -> Result<Feed> {
        let conn = self.reader();
        read::feed(&conn, read::find_feed(&conn, feed)?)
    }

    pub fn folders(&self) -> Result<Vec<NameCount>> {
        read::folders(&self.reader())
    }

    pub fn categories(&self) -> Result<Vec<NameCount>> {
        read::categories(&self.reader())
    }

    pub fn authors(&self) -> Result<Vec<NameCount>> {
        read::authors(&self.reader())
    }

    /// Articles, newest first.
    pub fn articles(&self, filter: &ArticleFilter) -> Result<Vec<Article>> {
        read::articles(&self.reader(), filter)
    }

    pub fn article(&self, id: i64) -> Result<Article> {
        read::article(&self.reader(), id)
    }

    /// Full-text search, best match first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Article>> {
        read::search(&self.reader(), query, limit)
    }

    /// Search results as list rows.
    pub fn search_rows(&self, query: &str, limit: usize) -> Result<Vec<ArticleRow>> {
        Ok(self.search(query, limit)?.into_iter().map(ArticleRow::from).collect())
    }

    /// Rows of the article list (no content), newest first.
    pub fn article_rows(&self, filter: &ArticleFilter) -> Result<Vec<ArticleRow>> {
        read::article_rows(&self.reader(), filter)
    }

    /// How many articles a filter matches (limit and offset ignored).
    pub fn count_articles(&self, filter: &ArticleFilter) -> Result<i64> {
        read::count_articles(&self.reader(), filter)
    }

    /// The reader's header data for an article: one narrow query.
    pub fn article_meta(&self, id: i64) -> Result<ArticleMeta> {
        read::article_meta(&self.reader(), id)
    }

    /// An article's sanitized HTML body.
    pub fn article_content(&self, id: i64) -> Result<String> {
        read::article_content(&self.reader(), id)
    }

    /// Marks articles read or unread; returns how many changed.
    pub fn set_read(&self, ids: &[i64], read: bool) -> Result<usize> {
        self.require_articles(ids)?;
        self.write(|tx| write::set_read(tx, ids, read, store::now()))
    }

    /// Marks every article matching the filter read.
    pub fn mark_all_read(&self, filter: &ArticleFilter) -> Result<usize> {
        let filter = ArticleFilter { unread: true, limit: None, offset: None, ..filter.clone() };
        let ids = read::article_ids(&self.reader(), &filter)?;
        self.set_read(&ids, true)
    }

    /// Adds or removes bookmarks; returns how many changed.
    pub fn set_bookmarked(&self, ids: &[i64], bookmarked: bool) -> Result<usize> {
        self.require_articles(ids)?;
        self.write(|tx| write::set_bookmarked(tx, ids, bookmarked, store::now()))
    }

    fn require_articles(&self, ids: &[i64]) -> Result<()> {
        match read::missing_article(&self.reader(), ids)? {
            Some(id) => Err(Error::NotFound { what: "article", name: id.to_string() }),
            None => Ok(()),
        }
    }
}
