//! Checks the code generated for the project's `openapi.yaml` against the committed snapshot.
//!
//! Every change to the generator or the spec shows up in review as a diff of
//! `tests/snapshots/`. Run with `UPDATE_SNAPSHOTS=1` to rewrite the snapshot after an
//! intended change.

use std::path::{Path, PathBuf};

fn workspace_file(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative)
}

fn check_snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    if expected != actual {
        let first_difference = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} is out of date (first difference at line {}); \
             rerun with UPDATE_SNAPSHOTS=1 and review the diff",
            path.display(),
            first_difference + 1
        );
    }
}

#[test]
fn generated_code_matches_snapshot() {
    let spec = std::fs::read_to_string(workspace_file("openapi.yaml")).expect("read openapi.yaml");
    let generated = simsage_auth_codegen::generate(&spec).expect("openapi.yaml generates");
    check_snapshot("types.rs", &generated.types);
    check_snapshot("client.rs", &generated.client);
    check_snapshot("session.rs", &generated.session);
    check_snapshot("blocking.rs", &generated.blocking);
    check_snapshot("mock.rs", &generated.mock);
}

#[test]
fn generation_is_deterministic() {
    let spec = std::fs::read_to_string(workspace_file("openapi.yaml")).expect("read openapi.yaml");
    let first = simsage_auth_codegen::generate(&spec).expect("first run");
    let second = simsage_auth_codegen::generate(&spec).expect("second run");
    assert_eq!(first, second);
}
