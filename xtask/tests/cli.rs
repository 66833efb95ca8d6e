//! The `xtask` binary: output streams and exit codes (0 success, 1 check failed, 2 error).

use std::path::Path;
use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Creates a temporary directory with a copy of our v1 spec.
fn scratch_spec() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("openapi.yaml");
    std::fs::copy(fixture("ours-v1.yaml"), &spec).unwrap();
    let spec = spec.to_str().unwrap().to_owned();
    (dir, spec)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(path)).unwrap()
}

#[test]
fn help_exits_zero() {
    let output = xtask(&["--help"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).starts_with("Usage: cargo xtask regen --from <PATH|URL>"));
}

#[test]
fn usage_error_exits_two() {
    let output = xtask(&[]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.starts_with("error: missing command\n\nUsage: "),
        "{message}"
    );
}

#[test]
fn write_exits_zero() {
    let (_dir, spec) = scratch_spec();
    let output = xtask(&[
        "regen",
        "--from",
        &fixture("upstream-v2.json"),
        "--spec",
        &spec,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let printed = stdout(&output);
    assert!(printed.contains("Version bump: minor (breaking changes, crate is 0.x)\n"));
    assert!(printed.ends_with(&format!("Wrote {spec}.\n")), "{printed}");
    assert_ne!(read(&spec), read(&fixture("ours-v1.yaml")));
}

#[test]
fn failed_check_exits_one_and_writes_nothing() {
    let (_dir, spec) = scratch_spec();
    let output = xtask(&[
        "regen",
        "--from",
        &fixture("upstream-v2.json"),
        "--spec",
        &spec,
        "--check",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let printed = stdout(&output);
    assert!(
        printed.contains("Changes for Rust callers of simsage-auth (13 breaking, 4 additive):")
    );
    assert!(printed.contains("Check failed: "), "{printed}");
    assert_eq!(read(&spec), read(&fixture("ours-v1.yaml")));
}

#[test]
fn passed_check_exits_zero() {
    let (_dir, spec) = scratch_spec();
    let output = xtask(&[
        "regen",
        "--from",
        &fixture("upstream-v1.yaml"),
        "--spec",
        &spec,
        "--check",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("Check passed: "));
}

#[test]
fn dry_run_exits_zero_and_writes_nothing() {
    let (_dir, spec) = scratch_spec();
    let output = xtask(&[
        "regen",
        "--from",
        &fixture("upstream-v2.json"),
        "--spec",
        &spec,
        "--dry-run",
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).ends_with(&format!("Dry run: {spec} was not written.\n")));
    assert_eq!(read(&spec), read(&fixture("ours-v1.yaml")));
}

#[test]
fn error_exits_two_with_cause_and_no_panic() {
    let (dir, spec) = scratch_spec();
    let missing = dir.path().join("absent.json");
    let missing = missing.to_str().unwrap();
    let output = xtask(&["regen", "--from", missing, "--spec", &spec]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.starts_with(&format!("error: cannot read {missing}\n  caused by: ")),
        "{message}"
    );
    assert!(!message.contains("panicked"), "{message}");
    assert!(stdout(&output).is_empty());
}

#[test]
fn invalid_timeout_exits_two() {
    let output = xtask(&["regen", "--from", "x.json", "--timeout", "-1"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("error: invalid --timeout `-1`"));
}
