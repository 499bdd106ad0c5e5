//! Refreshing from the window: by command, at start and on a timer. Progress
//! goes to the UI as events; two refreshes never overlap.

use crate::error::CommandResult;
use crate::events;
use crate::state::AppState;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tidings_core::{FeedRef, RefreshReport};

/// Refreshes all feeds (or one), emitting progress and the report.
pub async fn run<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    feed: Option<FeedRef>,
) -> CommandResult<RefreshReport> {
    let _one_at_a_time = state.refreshing.lock().await;
    let emitter = app.clone();
    let progress = move |p: tidings_core::RefreshProgress| {
        let _ = emitter.emit(events::REFRESH_PROGRESS, &p);
    };
    let report = state.library.refresh(&crate::commands::refresh_options(feed), &progress).await?;
    crate::memory::give_back(&state.library);
    // Again once the window has re-read the library in answer to the events below.
    let library = state.library.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(Duration::from_secs(5)).await;
        crate::memory::give_back(&library);
    });
    let _ = app.emit(events::REFRESH_FINISHED, &report);
    let _ = app.emit(events::FEEDS_CHANGED, ());
    let _ = app.emit(events::ARTICLES_CHANGED, ());
    Ok(report)
}

/// Refreshes shortly after start, then every `refresh_minutes` (a setting,
/// read again each time; 0 turns the timer off). When a refresh finds the
/// network gone, it does not retry in a loop: it waits, checking quietly
/// every half minute whether a feed's host answers, and refreshes as soon
/// as one does. The UI says "Offline" once, from the report.
pub fn start_timer<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        // Let the window paint the cached library first.
        tokio::time::sleep(Duration::from_secs(2)).await;
        let auto = std::env::var_os("TIDINGS_NO_AUTO_REFRESH").is_none();
        loop {
            let state = app.state::<AppState>();
            let library = state.library.clone();
            let minutes = tauri::async_runtime::spawn_blocking(move || library.settings())
                .await
                .ok()
                .and_then(Result::ok)
                .map_or(30, |s| s.refresh_minutes);
            let mut offline = false;
            if minutes > 0 && auto {
                match run(&app, &state, None).await {
                    Ok(report) => offline = report.offline,
                    Err(e) => tracing::warn!("automatic refresh: {}", e.message),
                }
            }
            let wait = Duration::from_secs(if minutes == 0 { 60 } else { u64::from(minutes) * 60 });
            if offline {
                let start = tokio::time::Instant::now();
                while start.elapsed() < wait && !state.library.network_available().await {
                    tokio::time::sleep(Duration::from_secs(30)).await;
                }
                continue;
            }
            tokio::time::sleep(wait).await;
        }
    });
}
