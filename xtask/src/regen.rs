//! `cargo xtask regen`: read upstream, select, merge our text, diff, report and write.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::Error;
use crate::node::{Map, Node};
use crate::report::Report;
use crate::select::Selection;
use crate::{diff, document, fetch, merge, select, write, yaml};

/// Run mode: whether regen writes the spec, only reports, or checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Rewrite the spec when its content changes.
    Write,
    /// Print the report only.
    DryRun,
    /// Print the report only, and fail when the structure differs.
    Check,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegenOptions {
    /// The upstream description: a file path or an http(s) URL.
    pub from: String,
    /// The project's spec, read for our text and rewritten.
    pub spec: PathBuf,
    pub selection: Selection,
    pub mode: Mode,
    /// Time limit for fetching `from` when it is a URL.
    pub timeout: Duration,
}

impl RegenOptions {
    /// Creates options that write `spec` from `from` with the default selection and timeout.
    pub fn new(from: impl Into<String>, spec: impl Into<PathBuf>) -> Self {
        Self {
            from: from.into(),
            spec: spec.into(),
            selection: Selection::default(),
            mode: Mode::Write,
            timeout: fetch::DEFAULT_TIMEOUT,
        }
    }
}

/// Effect of a run on the spec file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecStatus {
    Written,
    /// The new content equals the file's current content, so the file was not touched.
    Unchanged,
    /// A dry run or check: nothing was written.
    NotWritten,
}

#[derive(Debug, Clone)]
pub struct Outcome {
    pub report: Report,
    pub spec: PathBuf,
    pub mode: Mode,
    pub status: SpecStatus,
}

impl Outcome {
    /// Returns whether a `--check` run found structural differences.
    pub fn check_failed(&self) -> bool {
        self.mode == Mode::Check && self.report.has_changes()
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        write!(formatter, "{}", self.report)?;
        writeln!(formatter)?;
        let spec = self.spec.display();
        match (self.mode, self.status) {
            (Mode::Check, _) if self.check_failed() => writeln!(
                formatter,
                "Check failed: {spec} differs in structure from upstream. Run `cargo xtask \
                 regen --from {}` to update it.",
                self.report.source
            ),
            (Mode::Check, _) => writeln!(
                formatter,
                "Check passed: {spec} matches the structure of upstream."
            ),
            (Mode::DryRun, _) => writeln!(formatter, "Dry run: {spec} was not written."),
            (Mode::Write, SpecStatus::Unchanged) => {
                writeln!(
                    formatter,
                    "{spec} is already up to date, so nothing was written."
                )
            }
            (Mode::Write, _) => writeln!(formatter, "Wrote {spec}."),
        }
    }
}

/// Runs regen. Writes nothing unless the mode is [`Mode::Write`] and every step succeeded.
pub fn regen(options: &RegenOptions) -> Result<Outcome, Error> {
    let text = fetch::read_source(&options.from, options.timeout)?;
    let upstream = document::load(&text, &options.from)?;
    let selected = select::select(&upstream, &options.selection, &options.from)?;
    let ours = read_spec(&options.spec)?;
    let merged = merge::merge(&selected.document, ours.as_ref());
    let old = ours.unwrap_or_else(|| Node::Object(Map::new()));
    let report = Report {
        source: options.from.clone(),
        upstream_version: upstream
            .get("info")
            .and_then(|info| info.get("version"))
            .and_then(Node::as_str)
            .map(str::to_owned),
        selection: options.selection.describe(),
        operation_count: selected.operation_count,
        schema_count: selected.schema_count,
        changes: diff::diff(&old, &merged.document),
        wording: merged.wording,
    };
    let status = match options.mode {
        Mode::Write => write_spec(&options.spec, &merged.document)?,
        Mode::DryRun | Mode::Check => SpecStatus::NotWritten,
    };
    Ok(Outcome {
        report,
        spec: options.spec.clone(),
        mode: options.mode,
        status,
    })
}

/// Reads and parses the current spec, or returns `None` when the file does not exist yet.
fn read_spec(path: &Path) -> Result<Option<Node>, Error> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(Error::Read {
                path: path.to_owned(),
                source,
            });
        }
    };
    document::parse(&text, &path.display().to_string()).map(Some)
}

fn write_spec(path: &Path, document: &Node) -> Result<SpecStatus, Error> {
    let text = yaml::render(document).map_err(|reason| Error::Render {
        path: path.to_owned(),
        reason,
    })?;
    if std::fs::read(path).is_ok_and(|current| current == text.as_bytes()) {
        return Ok(SpecStatus::Unchanged);
    }
    write::write_atomic(path, text.as_bytes())?;
    Ok(SpecStatus::Written)
}
