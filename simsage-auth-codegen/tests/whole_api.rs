//! Runs the generator on whole documents: SimSage's published descriptions, when they are
//! present beside the workspace, and reordered copies of the fixtures, which must
//! generate the same code.
//!
//! `.ci/whole-api-check.sh` compiles what the generator writes for the whole API; these
//! tests only generate, so they stay fast.

use std::path::{Path, PathBuf};

use serde_yaml::Value;
use simsage_auth_codegen::{Generated, Settings};

fn workspace_file(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

/// Returns SimSage's published descriptions from the upstream directory beside the
/// workspace, or none when that directory is absent.
fn upstream_specs() -> Vec<PathBuf> {
    let directory = workspace_file("../shared/upstream");
    let Ok(entries) = std::fs::read_dir(&directory) else {
        eprintln!(
            "{} not found; skipping the upstream descriptions",
            directory.display()
        );
        return Vec::new();
    };
    let mut specs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    specs.sort();
    specs
}

#[test]
fn whole_api_generates_with_one_skipped_operation() {
    let path = workspace_file("../shared/upstream/simsage-api-docs-7.14.12.json");
    if !path.exists() {
        eprintln!("{} not found; skipping", path.display());
        return;
    }
    let spec = read(&path);
    let pointer = "#/paths/~1api~1dataproject~1reset~1{organisationId}/post";

    let error = simsage_auth_codegen::generate(&spec).unwrap_err();
    assert_eq!(error.pointer(), pointer, "{error}");

    let settings = Settings::default().with_skip_invalid_paths(true);
    let generated = simsage_auth_codegen::generate_with(&spec, &settings).expect("generates");
    let skipped: Vec<&str> = generated.skipped.iter().map(|e| e.pointer()).collect();
    assert_eq!(skipped, [pointer]);
    assert_eq!(generated.client.matches("pub async fn ").count(), 191);
    assert_eq!(
        generated.runtime_features,
        ["base64", "date-time", "multipart"]
    );
}

#[test]
fn every_upstream_version_generates() {
    let settings = Settings::default().with_skip_invalid_paths(true);
    for path in upstream_specs() {
        let generated = simsage_auth_codegen::generate_with(&read(&path), &settings)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        for skipped in &generated.skipped {
            eprintln!("{}: left out {skipped}", path.display());
        }
        assert!(generated.skipped.len() <= 1, "{}", path.display());
    }
}

/// The entries of a YAML mapping, in document order.
type Entries = Vec<(Value, Value)>;

/// A way to reorder the entries of a mapping.
type Order = fn(&mut Entries);

fn reversed(entries: &mut Entries) {
    entries.reverse();
}

fn rotated(entries: &mut Entries) {
    let middle = entries.len() / 2;
    entries.rotate_left(middle);
}

/// Puts the entries of the mapping at `keys` in `document` in `order`.
fn reorder(document: &mut Value, keys: &[&str], order: impl Fn(&mut Entries)) {
    let mut node = &mut *document;
    for key in keys {
        match node.get_mut(*key) {
            Some(next) => node = next,
            None => return,
        }
    }
    let Value::Mapping(mapping) = node else {
        return;
    };
    let mut entries: Entries = std::mem::take(mapping).into_iter().collect();
    order(&mut entries);
    mapping.extend(entries);
}

fn generate(text: &str) -> Generated {
    let settings = Settings::default().with_skip_invalid_paths(true);
    simsage_auth_codegen::generate_with(text, &settings).expect("generates")
}

#[test]
fn reordering_paths_and_schemas_keeps_code() {
    let mut specs = vec![
        workspace_file("openapi.yaml"),
        workspace_file("simsage-auth-codegen/tests/fixtures/features.yaml"),
    ];
    specs.extend(upstream_specs().into_iter().rev().take(1));
    let orders: [(&str, Order); 2] = [("reversed", reversed), ("rotated", rotated)];
    for path in specs {
        let text = read(&path);
        let expected = generate(&text);
        for (name, order) in orders {
            let mut document: Value = serde_yaml::from_str(&text).expect("spec is YAML");
            reorder(&mut document, &["paths"], order);
            reorder(&mut document, &["components", "schemas"], order);
            let reordered = serde_yaml::to_string(&document).expect("serializes");
            assert_ne!(reordered, text);
            let actual = generate(&reordered);
            assert!(
                actual == expected,
                "{} {name}: the generated code depends on the document order",
                path.display()
            );
        }
    }
}
