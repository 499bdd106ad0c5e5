//! The offline cache: images (and feed icons) stored next to the library,
//! content-addressed, so that an article reads the same on a plane as at
//! home. This module holds the pieces that need no database: the files,
//! what counts as an image, and finding and rewriting images in sanitized
//! article HTML.

use crate::parse::xml::unescape_lenient;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Limits of the image cache. All settable (the desktop app's settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheLimits {
    /// Largest single image kept.
    pub per_image: u64,
    /// Most image bytes kept for one article.
    pub per_article: u64,
    /// Most images kept for one article.
    pub images_per_article: usize,
    /// Size of the whole cache; past it, new images are not downloaded.
    pub total: u64,
}

impl Default for CacheLimits {
    fn default() -> Self {
        CacheLimits { per_image: 8 << 20, per_article: 32 << 20, images_per_article: 40, total: 2 << 30 }
    }
}

/// Content-addressed files under one directory.
#[derive(Debug, Clone)]
pub struct FileCache {
    dir: PathBuf,
}

impl FileCache {
    /// The cache of the library at `db`: a directory beside it
    /// (`tidings.db` → `tidings.cache/`).
    pub fn beside(db: &Path) -> FileCache {
        let db = std::path::absolute(db).unwrap_or_else(|_| db.to_path_buf());
        FileCache { dir: db.with_extension("cache") }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path_of(&self, hash: &str) -> Option<PathBuf> {
        // Hashes are ours (hex); anything else never names a file.
        if hash.len() < 8 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        Some(self.dir.join(&hash[..2]).join(hash))
    }

    /// Stores `bytes`; returns their content address.
    pub fn store(&self, bytes: &[u8]) -> std::io::Result<String> {
        let mut h = twox_hash::XxHash3_128::default();
        h.write(bytes);
        let hash = format!("{:032x}", h.finish_128());
        let Some(path) = self.path_of(&hash) else { return Err(std::io::Error::other("bad hash")) };
        if path.exists() {
            return Ok(hash);
        }
        let parent = path.parent().unwrap_or(&self.dir);
        std::fs::create_dir_all(parent)?;
        // Written aside, then renamed: a crash never leaves half a file
        // under a content address.
        let tmp = parent.join(format!(".{hash}.tmp"));
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_data()?;
        std::fs::rename(&tmp, &path)?;
        Ok(hash)
    }

    /// A `file://` URL of a cached file.
    pub fn file_url(&self, hash: &str) -> Option<String> {
        url::Url::from_file_path(self.path_of(hash)?).ok().map(String::from)
    }

    pub fn read(&self, hash: &str) -> Option<Vec<u8>> {
        std::fs::read(self.path_of(hash)?).ok()
    }

    pub fn remove(&self, hash: &str) {
        if let Some(p) = self.path_of(hash) {
            let _ = std::fs::remove_file(p);
        }
    }

    /// Bytes on disk.
    pub fn size(&self) -> u64 {
        fn walk(dir: &Path) -> u64 {
            let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
            entries
                .flatten()
                .map(|e| match e.file_type() {
                    Ok(t) if t.is_dir() => walk(&e.path()),
                    Ok(_) => e.metadata().map(|m| m.len()).unwrap_or(0),
                    Err(_) => 0,
                })
                .sum()
        }
        walk(&self.dir)
    }

    /// Removes every file.
    pub fn clear(&self) -> std::io::Result<()> {
        match std::fs::remove_dir_all(&self.dir) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// The image type of `bytes`, judged by their content, never by a name or
/// a header. SVG is not among them: it can carry scripts.
pub fn sniff_image(bytes: &[u8]) -> Option<&'static str> {
    let b = bytes;
    if b.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if b.len() >= 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        Some("image/webp")
    } else if b.len() >= 12 && &b[4..8] == b"ftyp" && (&b[8..12] == b"avif" || &b[8..12] == b"avis") {
        Some("image/avif")
    } else if b.starts_with(b"BM") && b.len() > 26 {
        Some("image/bmp")
    } else if b.starts_with(&[0, 0, 1, 0]) && b.len() > 22 {
        Some("image/x-icon")
    } else {
        None
    }
}

/// An `<img>` tag of sanitized HTML: where it is and its attributes.
struct ImgTag {
    start: usize,
    end: usize,
    attrs: Vec<(String, String)>,
}

impl ImgTag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// A 1×1 (or 0×0) image: a tracking pixel, never worth a download.
    fn is_pixel(&self) -> bool {
        let small = |a: &str| self.attr(a).and_then(|v| v.trim().parse::<u32>().ok()).is_some_and(|n| n <= 1);
        small("width") && small("height")
    }

    /// The image to show: `src`, else the first `srcset` candidate.
    fn source(&self) -> Option<String> {
        self.attr("src")
            .map(str::to_string)
            .or_else(|| self.attr("srcset")?.split(',').next()?.split_whitespace().next().map(str::to_string))
            .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
    }
}

/// The `<img>` tags of sanitized HTML. The sanitizer's serializer writes
/// tags one way only (lower-case names, double-quoted escaped values), so a
/// scan is exact here; it is not meant for HTML from the wild.
fn img_tags(html: &str) -> Vec<ImgTag> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = html[from..].find("<img") {
        let start = from + at;
        let Some(close) = html[start..].find('>') else { break };
        let end = start + close + 1;
        let inner = &html[start + 4..end - 1];
        let mut attrs = Vec::new();
        let mut rest = inner.trim_start();
        while let Some(eq) = rest.find('=') {
            let name = rest[..eq].trim().to_ascii_lowercase();
            let after = rest[eq + 1..].trim_start();
            let Some(value_part) = after.strip_prefix('"') else { break };
            let Some(q) = value_part.find('"') else { break };
            attrs.push((name, unescape_lenient(&value_part[..q], &HashMap::new()).into_owned()));
            rest = value_part[q + 1..].trim_start();
        }
        out.push(ImgTag { start, end, attrs });
        from = end;
    }
    out
}

/// The images an article shows (tracking pixels left out), in order.
pub fn image_urls(html: &str) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    img_tags(html)
        .into_iter()
        .filter(|t| !t.is_pixel())
        .filter_map(|t| t.source())
        .filter(|u| seen.insert(u.clone()))
        .collect()
}

/// The article HTML with each image pointed at `replace(url)`: a cached
/// copy, or (when the user allows remote images) the original. An image
/// with nowhere to come from becomes its alt text.
pub fn rewrite_images(html: &str, replace: impl Fn(&str) -> Option<String>) -> String {
    let tags = img_tags(html);
    if tags.is_empty() {
        return html.to_string();
    }
    let esc = crate::parse::html_escape;
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for t in tags {
        out.push_str(&html[at..t.start]);
        at = t.end;
        let new_src = if t.is_pixel() { None } else { t.source().and_then(|u| replace(&u)) };
        match new_src {
            Some(src) => {
                out.push_str(&format!("<img src=\"{}\"", esc(&src)));
                for (k, v) in &t.attrs {
                    // srcset and sizes point at the web; the cached copy is one file.
                    if !matches!(k.as_str(), "src" | "srcset" | "sizes") {
                        out.push_str(&format!(" {k}=\"{}\"", esc(v)));
                    }
                }
                out.push('>');
            }
            None => {
                if let Some(alt) = t.attr("alt").map(str::trim).filter(|a| !a.is_empty()) {
                    out.push_str(&format!("<span class=\"missing-image\">{}</span>", esc(alt)));
                }
            }
        }
    }
    out.push_str(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_recognised_by_content() {
        assert_eq!(sniff_image(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff_image(b"\xff\xd8\xff\xe0....JFIF"), Some("image/jpeg"));
        assert_eq!(sniff_image(b"GIF89a...."), Some("image/gif"));
        assert_eq!(sniff_image(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniff_image(b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>"), None);
        assert_eq!(sniff_image(b"<html><body>not an image</body></html>"), None);
    }

    #[test]
    fn finds_and_rewrites_images() {
        let html = r#"<p>x</p><img src="https://a.example/1.png" alt="One &amp; only"><img src="https://t.example/p.gif" width="1" height="1" alt=""><img srcset="https://a.example/2.jpg 2x" alt="Two"><img src="https://a.example/3.png" alt="Three">"#;
        assert_eq!(image_urls(html), ["https://a.example/1.png", "https://a.example/2.jpg", "https://a.example/3.png"]);
        let out = rewrite_images(html, |u| {
            (u != "https://a.example/3.png").then(|| format!("tidings://localhost/image/{}", u.len()))
        });
        assert!(out.contains(r#"<img src="tidings://localhost/image/23" alt="One &amp; only">"#), "{out}");
        assert!(!out.contains("t.example"), "tracking pixel dropped: {out}");
        assert!(!out.contains("srcset"), "{out}");
        assert!(out.contains(r#"<span class="missing-image">Three</span>"#), "{out}");
    }

    #[test]
    fn files_are_content_addressed() {
        let dir = tempfile::tempdir().unwrap();
        let cache = FileCache::beside(&dir.path().join("lib.db"));
        let a = cache.store(b"same bytes").unwrap();
        assert_eq!(cache.store(b"same bytes").unwrap(), a);
        assert_eq!(cache.read(&a).as_deref(), Some(&b"same bytes"[..]));
        assert!(cache.read("../../etc/passwd").is_none());
        assert_eq!(cache.size(), 10);
        cache.clear().unwrap();
        assert!(cache.read(&a).is_none());
    }
}
