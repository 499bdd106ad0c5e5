//! Questions asked of the library: list filters (the flags of `tidings
//! list`, the sidebar's views) and the search language, both turned into SQL.

pub mod search;
pub mod snippet;

use rusqlite::types::Value;

/// A feed named by the user: its id, or its URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedRef {
    Id(i64),
    Url(String),
}

impl FeedRef {
    /// "42" is an id; anything else is a URL.
    pub fn parse(s: &str) -> FeedRef {
        match s.trim().parse::<i64>() {
            Ok(id) => FeedRef::Id(id),
            Err(_) => FeedRef::Url(s.trim().to_string()),
        }
    }
}

impl std::fmt::Display for FeedRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FeedRef::Id(id) => write!(f, "{id}"),
            FeedRef::Url(u) => f.write_str(u),
        }
    }
}

/// Which articles to list. Every field narrows the list; names match
/// exactly, ignoring case.
#[derive(Debug, Clone, Default)]
pub struct ArticleFilter {
    pub feed: Option<FeedRef>,
    pub folder: Option<String>,
    pub category: Option<String>,
    pub author: Option<String>,
    pub unread: bool,
    pub bookmarked: bool,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

/// A WHERE clause under construction, with its parameters.
#[derive(Debug, Default)]
pub struct Conditions {
    pub clauses: Vec<String>,
    pub params: Vec<Value>,
}

impl Conditions {
    /// Adds a condition whose `?` placeholders take `params` in order.
    pub fn push(&mut self, clause: &str, params: impl IntoIterator<Item = Value>) {
        let mut sql = String::with_capacity(clause.len() + 8);
        let mut params = params.into_iter();
        for c in clause.chars() {
            if c == '?' {
                self.params.push(params.next().unwrap_or(Value::Null));
                sql.push_str(&format!("?{}", self.params.len()));
            } else {
                sql.push(c);
            }
        }
        self.clauses.push(sql);
    }

    /// `WHERE a AND b` (or nothing).
    pub fn where_sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.clauses.join(" AND "))
        }
    }

    /// The next free parameter number.
    pub fn next_param(&self) -> usize {
        self.params.len() + 1
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

impl ArticleFilter {
    /// The conditions of this filter, on `articles a` joined with `feeds f`.
    pub fn conditions(&self) -> Conditions {
        let mut c = Conditions::default();
        match &self.feed {
            Some(FeedRef::Id(id)) => c.push("a.feed_id = ?", [Value::Integer(*id)]),
            Some(FeedRef::Url(url)) => c.push("a.feed_id = (SELECT id FROM feeds WHERE url = ?)", [text(url)]),
            None => {}
        }
        if let Some(folder) = &self.folder {
            c.push("f.folder_id = (SELECT id FROM folders WHERE name = ?)", [text(folder)]);
        }
        if let Some(category) = &self.category {
            c.push(
                "a.id IN (SELECT article_id FROM article_categories WHERE category_id = (SELECT id FROM categories WHERE name = ?))",
                [text(category)],
            );
        }
        if let Some(author) = &self.author {
            c.push("a.author_id = (SELECT id FROM authors WHERE name = ?)", [text(author)]);
        }
        if self.unread {
            c.push("a.read = 0", []);
        }
        if self.bookmarked {
            c.push("a.bookmarked = 1", []);
        }
        c
    }
}
