//! IPC commands: each unpacks its arguments, calls the core on the blocking
//! pool (the webview never waits on disk) and maps the error. They mirror
//! the CLI's commands. Article bodies are not here: they travel through
//! the `tidings:` scheme (article_scheme.rs), never through IPC.

use crate::error::{CommandError, CommandResult};
use crate::events;
use crate::state::AppState;
use tauri::{AppHandle, Emitter, Runtime, State};
use tidings_core::view::{Added, ArticleMeta, ArticleQuery, ArticleRow, Feed, ImportReport, NameCount, Settings};
use tidings_core::{FeedRef, Library, RefreshOptions, RefreshReport};

/// Runs `f` with the library on the blocking pool.
async fn with_library<T: Send + 'static, F: FnOnce(&Library) -> tidings_core::Result<T> + Send + 'static>(
    state: &AppState,
    f: F,
) -> CommandResult<T> {
    let library = state.library.clone();
    let asked = std::time::Instant::now();
    let result = tauri::async_runtime::spawn_blocking(move || {
        let started = asked.elapsed();
        let result = f(&library);
        // `TIDINGS_LOG=tidings_desktop=debug` shows each command's wait and run time.
        tracing::debug!(
            command = std::any::type_name::<F>(),
            waited_ms = started.as_secs_f64() * 1e3,
            ran_ms = (asked.elapsed() - started).as_secs_f64() * 1e3,
        );
        result
    })
    .await;
    result.map_err(|e| CommandError::from(tidings_core::Error::Task(e.to_string())))?.map_err(Into::into)
}

/// Tells the window what to re-query. Reading state is an articles change: the window
/// recounts its sidebar after one (at once when someone else made it, a moment later when
/// it was its own, whose counts it has already moved). Saying "feeds changed" for it too
/// made the window recount everything on every article opened: seven queries, 0.4 s of
/// reading at 100,000 articles, each time.
fn changed<R: Runtime>(app: &AppHandle<R>, feeds: bool) {
    if feeds {
        let _ = app.emit(events::FEEDS_CHANGED, ());
    }
    let _ = app.emit(events::ARTICLES_CHANGED, ());
}

#[tauri::command]
#[specta::specta]
pub async fn list_feeds(state: State<'_, AppState>) -> CommandResult<Vec<Feed>> {
    with_library(&state, |l| l.feeds()).await
}

#[tauri::command]
#[specta::specta]
pub async fn list_folders(state: State<'_, AppState>) -> CommandResult<Vec<NameCount>> {
    with_library(&state, |l| l.folders()).await
}

#[tauri::command]
#[specta::specta]
pub async fn list_categories(state: State<'_, AppState>) -> CommandResult<Vec<NameCount>> {
    with_library(&state, |l| l.categories()).await
}

#[tauri::command]
#[specta::specta]
pub async fn list_authors(state: State<'_, AppState>) -> CommandResult<Vec<NameCount>> {
    with_library(&state, |l| l.authors()).await
}

#[tauri::command]
#[specta::specta]
pub async fn list_articles(state: State<'_, AppState>, query: ArticleQuery) -> CommandResult<Vec<ArticleRow>> {
    with_library(&state, move |l| l.article_rows(&query.into())).await
}

#[tauri::command]
#[specta::specta]
pub async fn count_articles(state: State<'_, AppState>, query: ArticleQuery) -> CommandResult<i64> {
    with_library(&state, move |l| l.count_articles(&query.into())).await
}

#[tauri::command]
#[specta::specta]
pub async fn get_article(state: State<'_, AppState>, id: i64) -> CommandResult<ArticleMeta> {
    with_library(&state, move |l| l.article_meta(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn search_articles(
    state: State<'_, AppState>,
    query: String,
    limit: usize,
) -> CommandResult<Vec<ArticleRow>> {
    with_library(&state, move |l| l.search_rows(&query, limit.clamp(1, 1000))).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_read<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    ids: Vec<i64>,
    read: bool,
) -> CommandResult<usize> {
    let n = with_library(&state, move |l| l.set_read(&ids, read)).await?;
    changed(&app, false);
    Ok(n)
}

#[tauri::command]
#[specta::specta]
pub async fn mark_all_read<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    query: ArticleQuery,
) -> CommandResult<usize> {
    let n = with_library(&state, move |l| l.mark_all_read(&query.into())).await?;
    changed(&app, false);
    Ok(n)
}

#[tauri::command]
#[specta::specta]
pub async fn set_bookmarked<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    ids: Vec<i64>,
    bookmarked: bool,
) -> CommandResult<usize> {
    let n = with_library(&state, move |l| l.set_bookmarked(&ids, bookmarked)).await?;
    changed(&app, false);
    Ok(n)
}

#[tauri::command]
#[specta::specta]
pub async fn add_feed<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    url: String,
    folder: Option<String>,
) -> CommandResult<Added> {
    let added = state.library.add_feed(&url, &tidings_core::AddOptions { folder, full_text: None }).await?;
    changed(&app, true);
    Ok(added)
}

#[tauri::command]
#[specta::specta]
pub async fn remove_feed<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>, id: i64) -> CommandResult<Feed> {
    let feed = with_library(&state, move |l| l.remove_feed(&FeedRef::Id(id))).await?;
    changed(&app, true);
    Ok(feed)
}

#[tauri::command]
#[specta::specta]
pub async fn rename_feed<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    title: Option<String>,
) -> CommandResult<Feed> {
    let feed = with_library(&state, move |l| l.rename_feed(&FeedRef::Id(id), title.as_deref())).await?;
    changed(&app, true);
    Ok(feed)
}

#[tauri::command]
#[specta::specta]
pub async fn move_feed<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    folder: Option<String>,
) -> CommandResult<Feed> {
    let feed = with_library(&state, move |l| l.move_feed(&FeedRef::Id(id), folder.as_deref())).await?;
    changed(&app, true);
    Ok(feed)
}

/// Imports the OPML file at `path` (the file dialog's choice).
#[tauri::command]
#[specta::specta]
pub async fn import_opml<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> CommandResult<ImportReport> {
    let report = with_library(&state, move |l| {
        let bytes = std::fs::read(&path).map_err(|source| tidings_core::Error::Io { path: path.clone(), source })?;
        l.import_opml(&bytes)
    })
    .await?;
    changed(&app, true);
    Ok(report)
}

/// Writes every subscription as OPML to `path`; returns how many.
#[tauri::command]
#[specta::specta]
pub async fn export_opml(state: State<'_, AppState>, path: String) -> CommandResult<usize> {
    with_library(&state, move |l| {
        let opml = l.export_opml()?;
        std::fs::write(&path, opml).map_err(|source| tidings_core::Error::Io { path: path.clone(), source })?;
        Ok(l.feeds()?.len())
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn refresh_feeds<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    feed_id: Option<i64>,
) -> CommandResult<RefreshReport> {
    crate::refresh::run(&app, &state, feed_id.map(FeedRef::Id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn get_settings(state: State<'_, AppState>) -> CommandResult<Settings> {
    with_library(&state, |l| l.settings()).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_settings(state: State<'_, AppState>, settings: Settings) -> CommandResult<Settings> {
    with_library(&state, move |l| l.save_settings(settings)).await
}

/// The feed's "always fetch full text" setting.
#[tauri::command]
#[specta::specta]
pub async fn set_full_text<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
    on: bool,
) -> CommandResult<Feed> {
    let feed = with_library(&state, move |l| l.set_full_text(&FeedRef::Id(id), on)).await?;
    changed(&app, true);
    Ok(feed)
}

/// "Load full article": extracts the article's page now (if not done) and
/// caches its images; the reader then fetches the body again.
#[tauri::command]
#[specta::specta]
pub async fn load_full_article<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
) -> CommandResult<()> {
    let library = state.library.clone();
    library.full_text(id).await?;
    let limits = with_library(&state, |l| l.settings()).await?.cache_limits();
    library.cache_for_offline(limits).await?;
    changed(&app, false);
    Ok(())
}

/// The size of the image cache, for the settings.
#[tauri::command]
#[specta::specta]
pub async fn cache_info(state: State<'_, AppState>) -> CommandResult<tidings_core::CacheInfo> {
    with_library(&state, |l| l.cache_info()).await
}

/// "Clear cached images".
#[tauri::command]
#[specta::specta]
pub async fn clear_image_cache<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> CommandResult<()> {
    with_library(&state, |l| l.clear_image_cache()).await?;
    changed(&app, true);
    Ok(())
}

/// Used by tests and the refresh timer alike.
pub fn refresh_options(feed: Option<FeedRef>) -> RefreshOptions {
    RefreshOptions { feed, ..RefreshOptions::default() }
}
