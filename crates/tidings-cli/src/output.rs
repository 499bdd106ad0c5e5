//! Writing to stdout: JSON for scripts, aligned text for people. A closed
//! pipe (`tidings list | head`) ends the program quietly.

use serde::Serialize;
use std::io::{self, IsTerminal, Write};

/// Standard output, locked, with broken pipes turned into a quiet exit.
pub struct Out {
    out: io::StdoutLock<'static>,
    pub terminal: bool,
}

impl Out {
    pub fn new() -> Out {
        Out { out: io::stdout().lock(), terminal: io::stdout().is_terminal() }
    }

    pub fn line(&mut self, s: impl AsRef<str>) {
        let result = writeln!(self.out, "{}", s.as_ref());
        handle(result);
    }

    pub fn json<T: Serialize + ?Sized>(&mut self, value: &T) {
        let result = serde_json::to_writer_pretty(&mut self.out, value)
            .map_err(io::Error::from)
            .and_then(|_| writeln!(self.out));
        handle(result);
    }

    pub fn raw(&mut self, s: &str) {
        handle(self.out.write_all(s.as_bytes()));
    }

    /// Rows as columns, each as wide as its widest cell (the last column is
    /// not padded).
    pub fn table(&mut self, header: &[&str], rows: &[Vec<String>]) {
        let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
        for row in rows {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(width(cell));
            }
        }
        let render = |cells: Vec<&str>| {
            let last = cells.len() - 1;
            cells
                .iter()
                .enumerate()
                .map(
                    |(i, c)| {
                        if i == last {
                            c.to_string()
                        } else {
                            format!("{}{}", c, " ".repeat(widths[i] - width(c)))
                        }
                    },
                )
                .collect::<Vec<_>>()
                .join("  ")
                .trim_end()
                .to_string()
        };
        self.line(render(header.to_vec()));
        for row in rows {
            self.line(render(row.iter().map(String::as_str).collect()));
        }
    }
}

fn handle(result: io::Result<()>) {
    if let Err(e) = result {
        if e.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("tidings: cannot write output: {e}");
        std::process::exit(1);
    }
}

/// Display width: CJK characters take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if tidings_core::store::fts::is_cjk(c) || ('\u{FF00}'..='\u{FFEF}').contains(&c) { 2 } else { 1 })
        .sum()
}

/// Cuts a cell to `max` columns.
pub fn clip(s: &str, max: usize) -> String {
    let mut w = 0;
    let mut out = String::new();
    for c in s.chars() {
        let cw = width(&c.to_string());
        if w + cw > max.saturating_sub(1) {
            out.push('…');
            return out;
        }
        w += cw;
        out.push(c);
    }
    out
}

/// The date part of an RFC 3339 time.
pub fn day(t: &Option<String>) -> String {
    t.as_deref().map(|s| s.get(..10).unwrap_or(s).to_string()).unwrap_or_else(|| "-".into())
}
