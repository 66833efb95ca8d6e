//! Integration tests of `regen` on small upstream-like fixtures in `tests/fixtures/`.

mod changes;
mod errors;
mod fetch;
mod merge;
mod modes;
mod select;

use std::path::{Path, PathBuf};

use xtask::node::Node;
use xtask::{Mode, Outcome, RegenOptions};

/// Returns the path of a file in `tests/fixtures/`.
pub fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

/// A temporary directory that contains the spec file of one test.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Default for Scratch {
    fn default() -> Self {
        Self::new()
    }
}

impl Scratch {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A scratch directory whose `openapi.yaml` is a copy of the fixture `name`.
    pub fn with_spec(name: &str) -> Self {
        let scratch = Self::new();
        std::fs::write(scratch.spec(), fixture_text(name)).unwrap();
        scratch
    }

    pub fn spec(&self) -> PathBuf {
        self.dir.path().join("openapi.yaml")
    }

    pub fn spec_text(&self) -> String {
        std::fs::read_to_string(self.spec()).unwrap()
    }

    pub fn spec_node(&self) -> Node {
        xtask::document::parse(&self.spec_text(), "openapi.yaml").unwrap()
    }

    /// Runs regen from `from` on this directory's spec.
    pub fn regen(&self, from: &str, mode: Mode) -> Outcome {
        run(from, &self.spec(), mode)
    }

    /// Lists the files in the directory, to spot leftover temporary files.
    pub fn file_names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

pub fn options(from: &str, spec: &Path, mode: Mode) -> RegenOptions {
    RegenOptions {
        mode,
        ..RegenOptions::new(from, spec)
    }
}

pub fn run(from: &str, spec: &Path, mode: Mode) -> Outcome {
    xtask::regen(&options(from, spec, mode)).unwrap()
}

/// Follows a path of member names and array indexes (as text) from `node`.
pub fn at<'a>(node: &'a Node, path: &[&str]) -> &'a Node {
    let mut current = node;
    for step in path {
        current = match current {
            Node::Array(items) => &items[step.parse::<usize>().unwrap()],
            _ => current
                .get(step)
                .unwrap_or_else(|| panic!("no member `{step}` on the way to {path:?}")),
        };
    }
    current
}

/// Follows a path of member names from `node` for editing, creating no members.
pub fn at_mut<'a>(node: &'a mut Node, path: &[&str]) -> &'a mut Node {
    let mut current = node;
    for step in path {
        current = match current {
            Node::Object(map) => map
                .get_mut(*step)
                .unwrap_or_else(|| panic!("no member `{step}` on the way to {path:?}")),
            _ => panic!("`{step}` is not below an object"),
        };
    }
    current
}

/// Parses JSON text into a node, keeping member order.
pub fn json(text: &str) -> Node {
    serde_json::from_str(text).unwrap()
}

/// Inserts `value` as member `key` at the end of the object at `path`.
pub fn insert(document: &mut Node, path: &[&str], key: &str, value: Node) {
    match at_mut(document, path) {
        Node::Object(map) => {
            map.insert(key.to_owned(), value);
        }
        _ => panic!("{path:?} is not an object"),
    }
}

/// Writes `document` as the upstream file of `scratch` (YAML keeps member order) and returns
/// its path.
pub fn write_upstream(scratch: &Scratch, document: &Node) -> String {
    let path = scratch.dir.path().join("upstream.yaml");
    std::fs::write(&path, xtask::yaml::to_yaml(document)).unwrap();
    path.to_str().unwrap().to_owned()
}

pub fn upstream_v1() -> Node {
    xtask::document::parse(&fixture_text("upstream-v1.json"), "upstream-v1.json").unwrap()
}

/// Returns the string at `path` below `node`.
pub fn text_at<'a>(node: &'a Node, path: &[&str]) -> &'a str {
    at(node, path)
        .as_str()
        .unwrap_or_else(|| panic!("{path:?} is not a string"))
}
