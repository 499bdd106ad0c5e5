// The IPC contract's one list: every command the window may call. `lib.rs`
// builds the invoke handler and the TypeScript bindings (ui/src/lib/bindings.ts)
// from it, `build.rs` one permission per command and the set the window's
// capability grants (`ipc-commands`). Both `include!` this file, so a command
// is added or removed here and nowhere else. Generic commands name the
// runtime they run on.
macro_rules! ipc_commands {
    ($then:ident) => {
        $then! {
            commands::list_feeds,
            commands::list_folders,
            commands::list_categories,
            commands::list_authors,
            commands::list_articles,
            commands::count_articles,
            commands::get_article,
            commands::search_articles,
            commands::set_read::<tauri::Wry>,
            commands::mark_all_read::<tauri::Wry>,
            commands::set_bookmarked::<tauri::Wry>,
            commands::add_feed::<tauri::Wry>,
            commands::remove_feed::<tauri::Wry>,
            commands::rename_feed::<tauri::Wry>,
            commands::move_feed::<tauri::Wry>,
            commands::import_opml::<tauri::Wry>,
            commands::export_opml,
            commands::refresh_feeds::<tauri::Wry>,
            commands::get_settings,
            commands::set_settings,
            commands::load_full_article::<tauri::Wry>,
            commands::set_full_text::<tauri::Wry>,
            commands::cache_info,
            commands::clear_image_cache::<tauri::Wry>,
            open_request::take_open_request,
            probe::probe_enabled,
            probe::probe_mark,
            probe::probe_report::<tauri::Wry>,
        }
    };
}
