//! The sanitizer's allow-list, as data. Anything not named here is removed:
//! unknown tags are unwrapped (their text stays), the tags in
//! [`DROP_WITH_CONTENT`] go with everything inside them, and attributes not
//! listed for their tag are dropped. Review changes here like a security
//! policy, because that is what this file is.

/// Tags that survive, with the attributes each may keep.
pub const TAGS: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("abbr", &[]),
    ("acronym", &[]),
    ("address", &[]),
    ("article", &[]),
    ("aside", &[]),
    ("audio", &["src", "controls", "preload"]),
    ("b", &[]),
    ("bdi", &[]),
    ("bdo", &[]),
    ("big", &[]),
    ("blockquote", &["cite"]),
    ("br", &[]),
    ("caption", &[]),
    ("center", &[]),
    ("cite", &[]),
    ("code", &[]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("dd", &[]),
    ("del", &["cite", "datetime"]),
    ("details", &["open"]),
    ("dfn", &[]),
    ("div", &[]),
    ("dl", &[]),
    ("dt", &[]),
    ("em", &[]),
    ("figcaption", &[]),
    ("figure", &[]),
    ("footer", &[]),
    ("h1", &[]),
    ("h2", &[]),
    ("h3", &[]),
    ("h4", &[]),
    ("h5", &[]),
    ("h6", &[]),
    ("header", &[]),
    ("hr", &[]),
    ("i", &[]),
    ("img", &["src", "srcset", "sizes", "alt", "width", "height"]),
    ("ins", &["cite", "datetime"]),
    ("kbd", &[]),
    ("li", &["value"]),
    ("mark", &[]),
    ("ol", &["start", "reversed", "type"]),
    ("p", &[]),
    ("picture", &[]),
    ("pre", &[]),
    ("q", &["cite"]),
    ("rp", &[]),
    ("rt", &[]),
    ("ruby", &[]),
    ("s", &[]),
    ("samp", &[]),
    ("section", &[]),
    ("small", &[]),
    ("source", &["src", "srcset", "sizes", "type", "media"]),
    ("span", &[]),
    ("strike", &[]),
    ("strong", &[]),
    ("sub", &[]),
    ("summary", &[]),
    ("sup", &[]),
    ("table", &[]),
    ("tbody", &[]),
    ("td", &["colspan", "rowspan", "headers"]),
    ("tfoot", &[]),
    ("th", &["colspan", "rowspan", "headers", "scope"]),
    ("thead", &[]),
    ("time", &["datetime"]),
    ("tr", &[]),
    ("track", &["src", "kind", "srclang", "label"]),
    ("tt", &[]),
    ("u", &[]),
    ("ul", &[]),
    ("var", &[]),
    ("video", &["src", "poster", "controls", "width", "height", "preload"]),
    ("wbr", &[]),
];

/// Attributes any allowed tag may keep.
pub const GENERIC_ATTRIBUTES: &[&str] = &["title", "lang", "dir"];

/// Removed together with their content: code, styles, embedded documents,
/// forms and the document-level tags that must never reach the reader.
pub const DROP_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "button", "select",
    "textarea", "input", "template", "noembed", "noframes", "svg", "math", "head", "title", "meta", "link", "base",
];

/// URL schemes allowed in any URL attribute. `data:` and `javascript:` are
/// not among them.
pub const URL_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Attributes that hold one URL (resolved against the article's base).
pub const URL_ATTRIBUTES: &[&str] = &["href", "src", "cite", "poster"];

/// Attributes that hold a list of image candidates (`url 2x, url 640w`).
pub const SRCSET_ATTRIBUTES: &[&str] = &["srcset"];

/// `rel` of every link: no window.opener, no Referer to the linked site.
pub const LINK_REL: &str = "noopener noreferrer";
