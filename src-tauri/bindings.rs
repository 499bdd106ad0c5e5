//! The window's TypeScript bindings, generated from the Rust types by
//! tauri-specta: `ui/src/lib/bindings.ts` holds every boundary type of
//! `tidings_core::view` and one typed wrapper per command of `ipc.rs`. The
//! test `bindings_are_current` fails when the file is stale; run it with
//! `TIDINGS_WRITE_BINDINGS=1` to write the file anew.

use crate::{commands, open_request, probe};
use tidings_core::view::{RefreshProgress, SETTINGS_RANGES};

include!("ipc.rs");

macro_rules! with_commands {
    ($($module:ident :: $name:ident $(:: < $runtime:path >)?),* $(,)?) => {
        tauri_specta::Builder::<tauri::Wry>::new()
            .commands(tauri_specta::collect_commands![$($module :: $name $(:: < $runtime >)?),*])
    };
}

/// The command list with the types the commands use, plus what the window
/// needs beyond them (the refresh events' payload, the settings' ranges).
pub fn builder() -> tauri_specta::Builder<tauri::Wry> {
    ipc_commands!(with_commands)
        .typ::<RefreshProgress>()
        .constant("SETTINGS_RANGES", SETTINGS_RANGES)
        // Commands reject as `invoke` does, with the `CommandError`.
        .error_handling(tauri_specta::ErrorHandlingMode::Throw)
        // Ids and counts are far below 2^53.
        .dangerously_cast_bigints_to_number()
        // One shape per type (the window both receives and sends these).
        .disable_serde_phases()
}

/// The generated file's language settings.
#[cfg(test)]
pub fn typescript() -> specta_typescript::Typescript {
    specta_typescript::Typescript::default()
        .header("// Generated from the Rust types by src-tauri/bindings.rs (tauri-specta): do not edit.\n// `TIDINGS_WRITE_BINDINGS=1 cargo test -p tidings-desktop bindings` writes it anew.\n")
}

#[cfg(test)]
mod tests {
    #[test]
    fn bindings_are_current() {
        let committed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings.ts");
        let fresh = std::env::temp_dir().join(format!("tidings-bindings-{}.ts", std::process::id()));
        super::builder().export(super::typescript(), &fresh).expect("the bindings export");
        let generated = std::fs::read_to_string(&fresh).expect("the exported bindings");
        let _ = std::fs::remove_file(&fresh);
        if std::env::var_os("TIDINGS_WRITE_BINDINGS").is_some() {
            std::fs::write(&committed, &generated).expect("ui/src/lib/bindings.ts");
            return;
        }
        let current = std::fs::read_to_string(&committed).unwrap_or_default();
        assert!(
            current == generated,
            "ui/src/lib/bindings.ts is stale: run `TIDINGS_WRITE_BINDINGS=1 cargo test -p tidings-desktop bindings`"
        );
    }
}
