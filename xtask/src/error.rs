//! Errors of `cargo xtask`, each naming the input and the place in it that failed.

use std::error::Error as _;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Duration;

use crate::pointer::Pointer;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A JSON or YAML syntax error, or a value that JSON cannot represent.
    #[error("invalid {format} in {origin}{}: {message}", location_suffix(*line, *column))]
    Parse {
        origin: String,
        format: &'static str,
        /// 1-based line, 0 when the parser reported none.
        line: usize,
        /// 1-based column, 0 when the parser reported none.
        column: usize,
        message: String,
    },

    #[error("{origin} is not an OpenAPI 3.0.x document: {reason} (at {pointer})")]
    NotOpenApi30 {
        origin: String,
        pointer: Pointer,
        reason: String,
    },

    #[error("{origin} has no operations that match {selection} (at /paths)")]
    NoOperations { origin: String, selection: String },

    #[error("{origin}: `$ref` target {target} does not exist (referenced at {pointer})")]
    MissingRef {
        origin: String,
        target: String,
        pointer: Pointer,
    },

    #[error(
        "{origin}: `$ref` {target} at {pointer} is not supported, because only references of \
         the form #/components/<section>/<name> inside the same document are followed"
    )]
    UnsupportedRef {
        origin: String,
        target: String,
        pointer: Pointer,
    },

    #[error("fetching {url} failed: HTTP {status}")]
    HttpStatus {
        url: String,
        status: reqwest::StatusCode,
    },

    #[error(
        "fetching {url} timed out after {} s (raise --timeout if the server is slow)",
        timeout.as_secs_f64()
    )]
    Timeout { url: String, timeout: Duration },

    #[error("fetching {url} failed")]
    Fetch {
        url: String,
        #[source]
        source: reqwest::Error,
    },

    #[error("cannot write {}, so it was left unchanged", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The YAML emitter produced text that does not parse back to the same document.
    /// This is a bug in the emitter, and nothing is written when it happens.
    #[error("rendering {} as YAML failed: {reason}", path.display())]
    Render { path: PathBuf, reason: String },
}

fn location_suffix(line: usize, column: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(" at line {line}, column {column}")
    }
}

/// Formats an error followed by each of its causes on its own `caused by:` line.
pub fn render_chain(error: &Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        // `write!` into a String cannot fail.
        let _ = write!(text, "\n  caused by: {cause}");
        source = cause.source();
    }
    text
}
