//! `--check`, `--dry-run` and atomic writes.

use std::path::Path;

use xtask::{Error, Mode, SpecStatus};

use crate::{Scratch, fixture, fixture_text, options};

fn modified_time(path: &Path) -> std::time::SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn check_passes_when_structure_matches() {
    let scratch = Scratch::with_spec("ours-v1.yaml");
    let outcome = scratch.regen(&fixture("upstream-v1.json"), Mode::Check);
    assert!(!outcome.check_failed());
    assert_eq!(outcome.status, SpecStatus::NotWritten);
    assert!(outcome.to_string().contains("Check passed: "));
}

#[test]
fn check_fails_and_writes_nothing_when_structure_differs() {
    let scratch = Scratch::with_spec("ours-v1.yaml");
    let before = modified_time(&scratch.spec());
    let outcome = scratch.regen(&fixture("upstream-v2.json"), Mode::Check);
    assert!(outcome.check_failed());
    assert_eq!(outcome.report.changes.len(), 17);
    assert_eq!(outcome.status, SpecStatus::NotWritten);
    assert_eq!(scratch.spec_text(), fixture_text("ours-v1.yaml"));
    assert_eq!(modified_time(&scratch.spec()), before);
    assert_eq!(scratch.file_names(), ["openapi.yaml"]);
    let printed = outcome.to_string();
    assert!(printed.contains("Check failed: "), "{printed}");
    assert!(
        printed.contains("Version bump: minor"),
        "the report is printed too"
    );
}

#[test]
fn check_ignores_text_extensions_and_metadata() {
    let edited = fixture_text("ours-v1.yaml")
        .replace("Our wording for sign in.", "Reworded.")
        .replace("          x-sensitive: true\n", "")
        .replace("title: Fixture auth API", "title: Renamed");
    let scratch = Scratch::new();
    std::fs::write(scratch.spec(), edited).unwrap();
    let outcome = scratch.regen(&fixture("upstream-v1.json"), Mode::Check);
    assert!(!outcome.check_failed(), "{}", outcome.report);
}

#[test]
fn check_fails_without_a_spec() {
    let scratch = Scratch::new();
    let outcome = scratch.regen(&fixture("upstream-v1.json"), Mode::Check);
    assert!(outcome.check_failed());
    assert!(!scratch.spec().exists());
}

#[test]
fn dry_run_writes_nothing() {
    let scratch = Scratch::with_spec("ours-v1.yaml");
    let outcome = scratch.regen(&fixture("upstream-v2.json"), Mode::DryRun);
    assert_eq!(outcome.status, SpecStatus::NotWritten);
    assert_eq!(scratch.spec_text(), fixture_text("ours-v1.yaml"));
    assert_eq!(scratch.file_names(), ["openapi.yaml"]);
    assert!(outcome.to_string().contains("Dry run: "));
}

#[test]
fn dry_run_report_matches_write() {
    let dry = Scratch::with_spec("ours-v1.yaml");
    let dry_outcome = dry.regen(&fixture("upstream-v2.json"), Mode::DryRun);

    let written = Scratch::with_spec("ours-v1.yaml");
    let write_outcome = written.regen(&fixture("upstream-v2.json"), Mode::Write);
    assert_eq!(write_outcome.status, SpecStatus::Written);
    assert_eq!(dry_outcome.report, write_outcome.report);
}

fn write_error(spec: &Path) -> Error {
    xtask::regen(&options(&fixture("upstream-v1.json"), spec, Mode::Write)).unwrap_err()
}

#[test]
fn missing_directory_fails_without_creating_it() {
    let scratch = Scratch::new();
    let spec = scratch.dir.path().join("missing").join("openapi.yaml");
    let error = write_error(&spec);
    assert!(matches!(error, Error::Write { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        format!("cannot write {}, so it was left unchanged", spec.display())
    );
    assert!(!scratch.dir.path().join("missing").exists());
}

#[test]
fn parent_that_is_a_file_fails() {
    let scratch = Scratch::new();
    let blocker = scratch.dir.path().join("blocker");
    std::fs::write(&blocker, "not a directory").unwrap();
    let error = write_error(&blocker.join("openapi.yaml"));
    assert!(matches!(error, Error::Read { .. }), "{error:?}");
    assert_eq!(
        std::fs::read_to_string(&blocker).unwrap(),
        "not a directory"
    );
}

#[test]
fn spec_that_is_a_directory_is_untouched() {
    let scratch = Scratch::new();
    std::fs::create_dir(scratch.spec()).unwrap();
    std::fs::write(scratch.spec().join("keep.txt"), "kept").unwrap();
    let error = write_error(&scratch.spec());
    assert!(matches!(error, Error::Read { .. }), "{error:?}");
    assert_eq!(
        std::fs::read_to_string(scratch.spec().join("keep.txt")).unwrap(),
        "kept"
    );
    assert_eq!(scratch.file_names(), ["openapi.yaml"]);
}

#[test]
fn failed_rename_removes_temporary_file() {
    // The target is a non-empty directory, so the rename fails after the temporary file
    // was written in full.
    let scratch = Scratch::new();
    let target = scratch.dir.path().join("target");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("keep.txt"), "kept").unwrap();
    let result = xtask::write::write_atomic(&target, b"new content");
    assert!(matches!(result, Err(Error::Write { .. })), "{result:?}");
    assert_eq!(
        std::fs::read_to_string(target.join("keep.txt")).unwrap(),
        "kept"
    );
    assert_eq!(scratch.file_names(), ["target"]);
}

#[cfg(unix)]
#[test]
fn read_only_directory_leaves_spec_untouched() {
    use std::io::Write as _;
    use std::os::unix::fs::PermissionsExt as _;
    let scratch = Scratch::with_spec("ours-v1.yaml");
    let directory = scratch.dir.path();
    std::fs::set_permissions(directory, std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = directory.join("probe");
    if std::fs::write(&probe, "").is_ok() {
        std::fs::remove_file(&probe).unwrap();
        std::fs::set_permissions(directory, std::fs::Permissions::from_mode(0o755)).unwrap();
        // Written to the stream directly, because the harness captures `eprintln!`.
        let _ = writeln!(
            std::io::stderr(),
            "skipped: this process can write to read-only directories (it runs as root)"
        );
        return;
    }
    let result = xtask::regen(&options(
        &fixture("upstream-v2.json"),
        &scratch.spec(),
        Mode::Write,
    ));
    std::fs::set_permissions(directory, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(matches!(result, Err(Error::Write { .. })), "{result:?}");
    assert_eq!(scratch.spec_text(), fixture_text("ours-v1.yaml"));
    assert_eq!(scratch.file_names(), ["openapi.yaml"]);
}

#[test]
fn successful_write_leaves_no_temporary_file() {
    let scratch = Scratch::with_spec("ours-v1.yaml");
    scratch.regen(&fixture("upstream-v2.json"), Mode::Write);
    assert_eq!(scratch.file_names(), ["openapi.yaml"]);
}

#[cfg(unix)]
#[test]
fn permissions_of_existing_spec_are_kept() {
    use std::os::unix::fs::PermissionsExt as _;
    let scratch = Scratch::with_spec("ours-v1.yaml");
    std::fs::set_permissions(scratch.spec(), std::fs::Permissions::from_mode(0o640)).unwrap();
    scratch.regen(&fixture("upstream-v2.json"), Mode::Write);
    let mode = std::fs::metadata(scratch.spec())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o640);
}

#[cfg(unix)]
#[test]
fn new_spec_is_world_readable() {
    use std::os::unix::fs::PermissionsExt as _;
    let scratch = Scratch::new();
    scratch.regen(&fixture("upstream-v1.json"), Mode::Write);
    let mode = std::fs::metadata(scratch.spec())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o644);
}
