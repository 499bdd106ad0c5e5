//! Every limit the engine puts on what it is given, in one place.
//!
//! Feeds, OPML files and web pages come from sites Tidings does not
//! control. Each limit below says what it bounds and why the figure is what
//! it is; each has a test at the limit and one past it. A document that
//! breaks a limit gets a clear error for that feed (or is cut short with a
//! warning), never a crash, and never slows the other feeds.
//!
//! Sections: what is downloaded, what is parsed, what is kept on disk.

// ---------------------------------------------------------------------------
// Downloads
// ---------------------------------------------------------------------------

/// A feed's body after decompression. The largest real feeds we know of (a
/// podcast with ten years of episodes) are about 5 MiB; 16 MiB leaves room
/// and still bounds a gzip bomb to what fits comfortably in memory.
pub const FEED_BYTES: u64 = 16 << 20;

/// An article page fetched for its full text. Readability keeps a DOM of the
/// page in memory (several times the HTML's size); 4 MiB of HTML is far
/// beyond any real article page.
pub const PAGE_BYTES: u64 = 4 << 20;

/// A site's icon: icons are a few KiB, 1 MiB is generous.
pub const ICON_BYTES: u64 = 1 << 20;

// ---------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------

/// Elements readability looks at in one page.
pub const PAGE_ELEMENTS: usize = 20_000;

// ---------------------------------------------------------------------------
// Disk
// ---------------------------------------------------------------------------
