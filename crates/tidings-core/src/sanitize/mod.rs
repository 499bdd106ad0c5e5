//! Feed HTML is hostile until it has been through here. Sanitizing happens
//! once, at ingest, with ammonia and the allow-list in [`allow`]; nothing
//! after the store ever sees raw feed HTML.

pub mod allow;
mod html;

pub use html::sanitize_html;
