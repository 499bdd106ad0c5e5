//! The one error type IPC commands return. It serializes to
//! `{ "kind", "message" }` so the UI can branch on `kind`.

use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct CommandError {
    pub kind: String,
    pub message: String,
}

impl From<tidings_core::Error> for CommandError {
    fn from(e: tidings_core::Error) -> Self {
        CommandError { kind: e.kind().to_string(), message: e.to_string() }
    }
}

impl CommandError {
    pub fn internal(message: impl std::fmt::Display) -> Self {
        CommandError { kind: "internal".into(), message: message.to_string() }
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
