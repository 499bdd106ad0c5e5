//! Full text ("reader view"): the main content of an article's web page,
//! extracted locally with dom_smoothie (a port of Mozilla's Readability) —
//! no third-party service ever sees what the user reads. The result is raw
//! HTML: callers sanitize it like feed content before storing it.

use url::Url;

use crate::limits::{PAGE_BYTES, PAGE_ELEMENTS};

/// The main content of `page` (as HTML, relative URLs resolved against
/// `page_url`), or why there is none.
pub fn main_content(page: &str, page_url: &Url) -> Result<String, String> {
    if page.len() as u64 > PAGE_BYTES {
        return Err(format!("the page is larger than {} MiB", PAGE_BYTES >> 20));
    }
    let config = dom_smoothie::Config { max_elements_to_parse: PAGE_ELEMENTS, ..Default::default() };
    let mut readability = dom_smoothie::Readability::new(page, Some(page_url.as_str()), Some(config))
        .map_err(|e| format!("cannot read the page: {e}"))?;
    let article = readability.parse().map_err(|e| format!("no article found in the page: {e}"))?;
    let html = article.content.to_string();
    if html.trim().is_empty() {
        return Err("no article found in the page".into());
    }
    Ok(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_article_and_drops_the_page_around_it() {
        let page = format!(
            r#"<html><head><title>Story</title></head><body>
            <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
            <div class="ad">Buy now! Limited offer!</div>
            <article><h1>Story</h1>{}
              <figure><img src="/img/chart.png" alt="Chart of investments"><figcaption>Investments by year</figcaption></figure>
            </article>
            <aside class="sidebar">Most read: other things</aside>
            <footer>© News Corp · Privacy · Terms</footer></body></html>"#,
            "<p>A record high of 196 major projects were signed at the fair, with projects from twelve countries and regions to be established in the western region.</p>".repeat(6)
        );
        let url = Url::parse("https://news.example/2024/story.html").unwrap();
        let html = main_content(&page, &url).unwrap();
        assert!(html.contains("196 major projects"));
        assert!(html.contains("https://news.example/img/chart.png"), "{html}");
        assert!(html.contains("Investments by year"));
        for gone in ["Buy now", "Most read", "Privacy", ">Sport<"] {
            assert!(!html.contains(gone), "{gone} in {html}");
        }
    }
}
