//! Regeneration against SimSage's published API descriptions 7.11.4 to 7.14.12.
//!
//! The descriptions are not part of this repository. The tests read them from
//! `shared/upstream/` beside the workspace root and print a note and pass when that folder is
//! absent.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use xtask::node::Node;
use xtask::{ChangeKind, Impact, Mode, Outcome, RegenOptions, SemverBump, SpecStatus};

const UPSTREAM_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/upstream");
const COMMITTED_SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi.yaml");

/// Returns the path of the description of `version`, or `None` (after printing why) when
/// the upstream folder is absent.
fn upstream(version: &str) -> Option<String> {
    if !Path::new(UPSTREAM_DIR).is_dir() {
        // Written to the stream directly: the test harness captures `eprintln!` output of
        // passing tests, and this note must stay visible.
        let _ = writeln!(
            std::io::stderr(),
            "skipped: {UPSTREAM_DIR} does not exist, so SimSage's published descriptions \
             are unavailable"
        );
        return None;
    }
    Some(format!("{UPSTREAM_DIR}/simsage-api-docs-{version}.json"))
}

fn regen(from: &str, spec: &Path, mode: Mode) -> Outcome {
    let options = RegenOptions {
        mode,
        ..RegenOptions::new(from, spec)
    };
    xtask::regen(&options).unwrap()
}

/// Copies the committed spec into a temporary directory.
fn copy_of_committed_spec() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("openapi.yaml");
    std::fs::copy(COMMITTED_SPEC, &spec).unwrap();
    (dir, spec)
}

/// Lists the changes as sorted (item, kind, impact) strings.
fn changes(outcome: &Outcome) -> Vec<(String, String, Impact)> {
    let mut listed: Vec<(String, String, Impact)> = outcome
        .report
        .changes
        .iter()
        .map(|change| {
            (
                change.item.to_string(),
                change.kind.to_string(),
                change.impact,
            )
        })
        .collect();
    listed.sort();
    listed
}

fn expected(entries: &[(&str, ChangeKind, Impact)]) -> Vec<(String, String, Impact)> {
    let mut listed: Vec<(String, String, Impact)> = entries
        .iter()
        .map(|(item, kind, impact)| ((*item).to_owned(), kind.to_string(), *impact))
        .collect();
    listed.sort();
    listed
}

const GROUP_EDIT_INFO: &str =
    "operation groupEditInfo (POST /api/auth/group-edit-info/{organisationId})";
const SESSION_ID_SIGN_IN: &str =
    "operation signInAdminUsingSessionId (GET /api/auth/admin/authenticate/session-id)";
const REQUIRED: ChangeKind = ChangeKind::Added {
    required: Some(true),
};
const ADDED: ChangeKind = ChangeKind::Added { required: None };

#[test]
fn check_passes_on_committed_spec() {
    let Some(latest) = upstream("7.14.12") else {
        return;
    };
    let outcome = regen(&latest, Path::new(COMMITTED_SPEC), Mode::Check);
    assert!(!outcome.check_failed(), "{}", outcome.report);
    assert_eq!(outcome.report.operation_count, 23);
    assert_eq!(outcome.report.schema_count, 26);
}

#[test]
fn committed_spec_is_regen_output() {
    let Some(latest) = upstream("7.14.12") else {
        return;
    };
    let (_dir, spec) = copy_of_committed_spec();
    let outcome = regen(&latest, &spec, Mode::Write);
    assert_eq!(
        outcome.status,
        SpecStatus::Unchanged,
        "regen rewrites the committed spec; run `cargo xtask regen --from {latest}` and commit \
         the result, so that later upstream changes touch only their own lines"
    );
}

#[test]
fn committed_spec_needs_no_wording() {
    let Some(latest) = upstream("7.14.12") else {
        return;
    };
    let outcome = regen(&latest, Path::new(COMMITTED_SPEC), Mode::DryRun);
    assert!(outcome.report.wording.is_empty(), "{}", outcome.report);
}

#[test]
fn upgrade_path_reports_exactly_the_published_changes() {
    let Some(first) = upstream("7.11.4") else {
        return;
    };
    let (_dir, spec) = copy_of_committed_spec();

    let to_7_11 = regen(&first, &spec, Mode::Write);
    let removed = ChangeKind::Removed;
    let breaking = Impact::Breaking;
    let additive = Impact::Additive;
    assert_eq!(
        changes(&to_7_11),
        expected(&[
            (GROUP_EDIT_INFO, removed.clone(), breaking),
            (SESSION_ID_SIGN_IN, removed.clone(), breaking),
            ("schema CMGroupEditInfo", removed.clone(), breaking),
            ("property CMGroup.originalName", removed.clone(), breaking),
            (
                "property CMUser.jwtMatchNameValueCSV",
                removed.clone(),
                breaking
            ),
            (
                "property CMUserWithExtras.jwtMatchNameValueCSV",
                removed.clone(),
                breaking
            ),
            (
                "property User.jwtMatchNameValueCSV",
                removed.clone(),
                breaking
            ),
            (
                "property CMPasswordResetRequest.resetUrl",
                removed.clone(),
                breaking
            ),
            ("property SignInAdmin.sharedSecretSalt", removed, breaking),
        ])
    );

    let to_7_12 = regen(&upstream("7.12.19").unwrap(), &spec, Mode::Write);
    assert_eq!(
        changes(&to_7_12),
        expected(&[
            ("property CMUser.jwtMatchNameValueCSV", REQUIRED, additive),
            (
                "property CMUserWithExtras.jwtMatchNameValueCSV",
                REQUIRED,
                breaking
            ),
            ("property User.jwtMatchNameValueCSV", REQUIRED, additive),
            (
                "property CMPasswordResetRequest.resetUrl",
                REQUIRED,
                breaking
            ),
            ("property SignInAdmin.sharedSecretSalt", REQUIRED, additive),
        ])
    );
    assert_eq!(to_7_12.report.semver_bump(), SemverBump::Minor);

    let to_7_13 = regen(&upstream("7.13.31").unwrap(), &spec, Mode::Write);
    assert_eq!(
        changes(&to_7_13),
        expected(&[(SESSION_ID_SIGN_IN, ADDED, additive)])
    );
    assert_eq!(to_7_13.report.semver_bump(), SemverBump::Patch);

    let to_7_14 = regen(&upstream("7.14.12").unwrap(), &spec, Mode::Write);
    assert_eq!(
        changes(&to_7_14),
        expected(&[
            (GROUP_EDIT_INFO, ADDED, additive),
            ("schema CMGroupEditInfo", ADDED, additive),
            ("property CMGroup.originalName", REQUIRED, breaking),
        ])
    );
    assert_eq!(to_7_14.report.semver_bump(), SemverBump::Minor);

    assert_ends_like_committed(&spec);
}

/// Pointer prefixes of the items that the upgrade path removes and adds back, which come
/// back with upstream's text instead of ours.
const READDED: [&str; 9] = [
    "/paths/~1api~1auth~1group-edit-info~1{organisationId}",
    "/paths/~1api~1auth~1admin~1authenticate~1session-id",
    "/components/schemas/CMGroupEditInfo",
    "/components/schemas/CMGroup/properties/originalName",
    "/components/schemas/CMUser/properties/jwtMatchNameValueCSV",
    "/components/schemas/CMUserWithExtras/properties/jwtMatchNameValueCSV",
    "/components/schemas/User/properties/jwtMatchNameValueCSV",
    "/components/schemas/CMPasswordResetRequest/properties/resetUrl",
    "/components/schemas/SignInAdmin/properties/sharedSecretSalt",
];

/// Checks that the regenerated spec has the committed structure and keeps our text,
/// extensions and metadata everywhere outside the re-added items.
fn assert_ends_like_committed(spec: &Path) {
    let committed = parse(Path::new(COMMITTED_SPEC));
    let regenerated = parse(spec);
    assert!(xtask::diff::diff(&committed, &regenerated).is_empty());
    assert_eq!(regenerated.get("info"), committed.get("info"));
    assert_eq!(regenerated.get("servers"), committed.get("servers"));

    let mut ours = Vec::new();
    collect_owned_values(&committed, String::new(), &mut ours);
    let mut after = Vec::new();
    collect_owned_values(&regenerated, String::new(), &mut after);
    let surviving: Vec<&(String, Node)> = ours
        .iter()
        .filter(|(pointer, _)| !READDED.iter().any(|prefix| pointer.starts_with(prefix)))
        .collect();
    assert!(
        surviving.len() > 300,
        "only {} texts and extensions found",
        surviving.len()
    );
    for (pointer, value) in surviving {
        let found = after
            .iter()
            .find(|(other, _)| other == pointer)
            .map(|(_, value)| value);
        assert_eq!(found, Some(value), "at {pointer}");
    }
}

fn parse(path: &Path) -> Node {
    let text = std::fs::read_to_string(path).unwrap();
    xtask::document::parse(&text, &path.display().to_string()).unwrap()
}

/// Collects (pointer, value) for every scalar `description`, `summary` and `x-*` member.
fn collect_owned_values(node: &Node, pointer: String, out: &mut Vec<(String, Node)>) {
    match node {
        Node::Object(map) => {
            for (key, value) in map {
                let child = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                let owned = key == "description" || key == "summary" || key.starts_with("x-");
                if owned && !matches!(value, Node::Object(_) | Node::Array(_)) {
                    out.push((child, value.clone()));
                } else {
                    collect_owned_values(value, child, out);
                }
            }
        }
        Node::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                collect_owned_values(item, format!("{pointer}/{index}"), out);
            }
        }
        _ => {}
    }
}
