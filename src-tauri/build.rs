//! Generates Tauri's context and, from the command list below, one
//! `allow-<command>` permission per IPC command, so that the window's
//! capability (tauri.conf.json) grants exactly the commands the UI uses.

const COMMANDS: &[&str] = &[
    "list_feeds",
    "list_folders",
    "list_categories",
    "list_authors",
    "list_articles",
    "count_articles",
    "get_article",
    "search_articles",
    "set_read",
    "mark_all_read",
    "set_bookmarked",
    "add_feed",
    "remove_feed",
    "rename_feed",
    "move_feed",
    "import_opml",
    "export_opml",
    "refresh_feeds",
    "get_settings",
    "set_settings",
    "load_full_article",
    "set_full_text",
    "cache_info",
    "clear_image_cache",
    "take_open_request",
    "probe_enabled",
    "probe_mark",
    "probe_report",
];

fn main() {
    let attributes = tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri build step");
}
