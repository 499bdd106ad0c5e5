//! The one error type IPC commands return. It serializes to
//! `{ "kind", "message" }` so the UI can branch on `kind`.

use serde::Serialize;
use tidings_core::ErrorKind;

#[derive(Debug, Serialize, specta::Type)]
pub struct CommandError {
    pub kind: ErrorKind,
    pub message: String,
}

impl From<tidings_core::Error> for CommandError {
    fn from(e: tidings_core::Error) -> Self {
        CommandError { kind: e.kind(), message: e.to_string() }
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
