//! The change report: what regen changed in `openapi.yaml` and what that means for callers.

use std::fmt;

/// An operation, identified by method and path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OperationRef {
    /// Upper-case HTTP method, such as `POST`.
    pub method: String,
    pub path: String,
    pub operation_id: Option<String>,
}

impl fmt::Display for OperationRef {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        match &self.operation_id {
            Some(id) => write!(formatter, "{id} ({} {})", self.method, self.path),
            None => write!(formatter, "{} {}", self.method, self.path),
        }
    }
}

/// A part of the document that a change or a wording need refers to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Item {
    /// A top-level member other than `paths` and `components`, such as `openapi` or `info`.
    Document {
        key: String,
    },
    /// The place of a difference that no other item describes, as a JSON pointer.
    Location {
        pointer: String,
    },
    /// A path item's own members (not its operations).
    PathItem {
        path: String,
    },
    Operation(OperationRef),
    Parameter {
        operation: OperationRef,
        /// The parameter's `in`: `path`, `query`, `header` or `cookie`.
        location: String,
        name: String,
    },
    RequestBody {
        operation: OperationRef,
    },
    Response {
        operation: OperationRef,
        status: String,
    },
    Schema {
        name: String,
    },
    /// A property of a component schema. Names of nested inline properties are joined with `.`.
    Property {
        schema: String,
        name: String,
    },
    /// A component outside `components/schemas`, such as a security scheme.
    Component {
        section: String,
        name: String,
    },
}

impl fmt::Display for Item {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Item::Document { key } => write!(formatter, "top-level `{key}`"),
            Item::Location { pointer } => write!(formatter, "location {pointer}"),
            Item::PathItem { path } => write!(formatter, "path item {path}"),
            Item::Operation(operation) => write!(formatter, "operation {operation}"),
            Item::Parameter {
                operation,
                location,
                name,
            } => write!(formatter, "{location} parameter `{name}` of {operation}"),
            Item::RequestBody { operation } => write!(formatter, "request body of {operation}"),
            Item::Response { operation, status } => {
                write!(formatter, "response {status} of {operation}")
            }
            Item::Schema { name } => write!(formatter, "schema {name}"),
            Item::Property { schema, name } => write!(formatter, "property {schema}.{name}"),
            Item::Component { section, name } => {
                write!(formatter, "component {section}/{name}")
            }
        }
    }
}

/// Kind of change to an item between the old and the new `openapi.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    /// The item is new. `required` is set for parameters, properties and request bodies.
    Added {
        required: Option<bool>,
    },
    Removed,
    /// The item's type changed; `old` and `new` are short type descriptions.
    Retyped {
        old: String,
        new: String,
    },
    /// A parameter, property or request body changed between required and optional.
    RequiredChanged {
        required: bool,
    },
    /// The order of an operation's parameters changed.
    Reordered {
        old: Vec<String>,
        new: Vec<String>,
    },
    /// Any other structural change, described in words.
    Changed {
        detail: String,
    },
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        match self {
            ChangeKind::Added { required: None } => formatter.write_str("added"),
            ChangeKind::Added {
                required: Some(true),
            } => formatter.write_str("added (required)"),
            ChangeKind::Added {
                required: Some(false),
            } => formatter.write_str("added (optional)"),
            ChangeKind::Removed => formatter.write_str("removed"),
            ChangeKind::Retyped { old, new } => write!(formatter, "retyped: {old} -> {new}"),
            ChangeKind::RequiredChanged { required: true } => {
                formatter.write_str("changed from optional to required")
            }
            ChangeKind::RequiredChanged { required: false } => {
                formatter.write_str("changed from required to optional")
            }
            ChangeKind::Reordered { old, new } => write!(
                formatter,
                "reordered: {} -> {}",
                old.join(", "),
                new.join(", ")
            ),
            ChangeKind::Changed { detail } => write!(formatter, "changed: {detail}"),
        }
    }
}

/// Effect of a change on Rust code that uses `simsage-auth`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    /// Existing caller code still compiles and behaves the same.
    Additive,
    /// Some existing caller code stops compiling or changes meaning.
    Breaking,
}

impl fmt::Display for Impact {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.pad(match self {
            Impact::Additive => "additive",
            Impact::Breaking => "breaking",
        })
    }
}

/// One structural change with its classification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub item: Item,
    pub kind: ChangeKind,
    pub impact: Impact,
    /// Reason for the impact, in terms of the generated Rust API.
    pub reason: String,
}

/// Reason an item needs the project's own wording, ordered from least to most specific.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum WordingReason {
    /// The item lacks its `description` (operations: `summary` or `description`).
    Missing,
    /// The item existed, but some of its text was copied from upstream now or is still
    /// identical to upstream's.
    UpstreamText,
    /// The item is new in `openapi.yaml`, so it carries upstream's text, or none.
    New,
}

/// An item whose `description` or `summary` the project still has to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordingNeed {
    pub item: Item,
    pub reason: WordingReason,
}

/// The semver bump that `simsage-auth` needs after a regen. The crate is 0.x, where Cargo
/// treats `0.MINOR` as the compatibility boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SemverBump {
    /// No structural change.
    None,
    /// Additive changes only.
    Patch,
    /// At least one breaking change.
    Minor,
}

impl fmt::Display for SemverBump {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(match self {
            SemverBump::None => "none (no structural changes)",
            SemverBump::Patch => "patch (additive only)",
            SemverBump::Minor => "minor (breaking changes, crate is 0.x)",
        })
    }
}

/// Everything regen found, for people (through `Display`) and for tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The input as given on the command line.
    pub source: String,
    /// `info.version` of the upstream document, if it has one.
    pub upstream_version: Option<String>,
    /// Description of the selection, such as `paths under /api/auth/`.
    pub selection: String,
    pub operation_count: usize,
    pub schema_count: usize,
    /// Structural changes from the old `openapi.yaml` to the new one, in document order.
    pub changes: Vec<Change>,
    pub wording: Vec<WordingNeed>,
}

impl Report {
    pub fn semver_bump(&self) -> SemverBump {
        match self.changes.iter().map(|change| change.impact).max() {
            None => SemverBump::None,
            Some(Impact::Additive) => SemverBump::Patch,
            Some(Impact::Breaking) => SemverBump::Minor,
        }
    }

    pub fn has_changes(&self) -> bool {
        !self.changes.is_empty()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        let version = self
            .upstream_version
            .as_deref()
            .unwrap_or("(no info.version)");
        writeln!(formatter, "Upstream: {} (version {version})", self.source)?;
        writeln!(
            formatter,
            "Selected: {} operations ({}), {} schemas",
            self.operation_count, self.selection, self.schema_count
        )?;
        writeln!(formatter)?;
        write_changes(formatter, &self.changes)?;
        writeln!(formatter)?;
        write_wording(formatter, &self.wording)?;
        writeln!(formatter)?;
        writeln!(formatter, "Version bump: {}", self.semver_bump())?;
        writeln!(
            formatter,
            "  simsage-auth is 0.x, and Cargo treats 0.MINOR as the compatibility boundary, so \
             a breaking change needs a minor bump and additive changes need a patch bump."
        )
    }
}

fn write_changes(formatter: &mut fmt::Formatter, changes: &[Change]) -> fmt::Result {
    if changes.is_empty() {
        return writeln!(formatter, "Changes: none (the structure matches upstream).");
    }
    let breaking = changes
        .iter()
        .filter(|change| change.impact == Impact::Breaking)
        .count();
    writeln!(
        formatter,
        "Changes for Rust callers of simsage-auth ({} breaking, {} additive):",
        breaking,
        changes.len() - breaking
    )?;
    for change in changes {
        writeln!(
            formatter,
            "  {:<9} {} {}",
            change.impact, change.item, change.kind
        )?;
        writeln!(formatter, "            {}", change.reason)?;
    }
    Ok(())
}

fn write_wording(formatter: &mut fmt::Formatter, wording: &[WordingNeed]) -> fmt::Result {
    if wording.is_empty() {
        return writeln!(formatter, "Needs our wording: nothing.");
    }
    writeln!(
        formatter,
        "Needs our wording ({}): write our own summary/description in openapi.yaml for:",
        wording.len()
    )?;
    for need in wording {
        let reason = match need.reason {
            WordingReason::New => "new",
            WordingReason::UpstreamText => "upstream text",
            WordingReason::Missing => "no description",
        };
        writeln!(formatter, "  {reason:<14} {}", need.item)?;
    }
    Ok(())
}
