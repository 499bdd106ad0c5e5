//! Integration tests of the engine: a real SQLite file, real HTTP servers on
//! 127.0.0.1, no network. One binary, one module per area.

mod util;

mod discover;
mod encodings;
mod faults;
mod layout;
mod library;
mod offline;
mod regression;
mod search;
