//! Build cost: lines of generated code, and the time to rebuild the client crate after a
//! change to the specification, against a progenitor client of the same specification.
//!
//! Method: two scratch crates under `target/bench-build-cost/`, each generating its client
//! in a build script from its own copy of `openapi.yaml`, as simsage-auth does:
//!
//! - `ours/` is a copy of the `simsage-auth` crate in a workspace with the repository's
//!   `Cargo.toml` and `Cargo.lock`; it uses the repository's `simsage-auth-codegen`.
//! - `progenitor/` is a crate whose build script runs progenitor-impl 0.15 and formats the
//!   tokens with prettyplease, as progenitor's `example-build` does, and which depends on
//!   `progenitor-client` 0.15 and the crates the generated code uses.
//!
//! After one untimed build of each, every round edits the description of
//! `getUsersPaginated` in both copies (so the doc comments of the generated code change)
//! and times `cargo build --lib` (dev profile, so incremental compilation is on) of each
//! crate, alternating. Each timed build reruns the build script and recompiles the client
//! crate, and nothing else; a build whose output lacks `Compiling PACKAGE` is an error.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::codegen::{self, Input};
use crate::harness::{self, Summary};
use crate::report::{Goal, Report};

/// Text in `openapi.yaml` after which each round appends its marker.
const EDIT_ANCHOR: &str = "together with a total user count.";

const PROGENITOR_MANIFEST: &str = r#"[package]
name = "progenitor-simsage-auth"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
progenitor-client = "0.15"
reqwest = { version = "0.13", default-features = false, features = ["rustls", "http2", "json", "query", "stream"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"

[build-dependencies]
progenitor-impl = "0.15"
openapiv3 = "2.2"
serde_yaml = "0.9"
syn = { version = "3", default-features = false, features = ["full", "parsing", "printing"] }
prettyplease = "0.3"
"#;

const PROGENITOR_BUILD_SCRIPT: &str = r#"fn main() {
    let spec_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi.yaml");
    println!("cargo::rerun-if-changed={}", spec_path.display());
    let text = std::fs::read_to_string(&spec_path).unwrap();
    let spec: openapiv3::OpenAPI = serde_yaml::from_str(&text).unwrap();
    let mut generator = progenitor_impl::Generator::new(&Default::default());
    let tokens = generator.generate_tokens(&spec).unwrap();
    let file = syn::parse2::<syn::File>(tokens).unwrap();
    let out = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("codegen.rs");
    std::fs::write(out, prettyplease::unparse(&file)).unwrap();
}
"#;

const PROGENITOR_LIB: &str = r#"#![allow(warnings)]
include!(concat!(env!("OUT_DIR"), "/codegen.rs"));
"#;

/// Reports the lines of generated code for `openapi.yaml`, and, when `rounds` is not
/// zero, the rebuild times.
pub fn run(workspace_root: &Path, rounds: usize, report: &mut Report) {
    report.section("4. Build cost");
    report_lines(workspace_root, report);
    if rounds == 0 {
        report.line("");
        report.line("Rebuild times: skipped in the quick run.");
        report.goal(Goal::unmeasured(
            "Rebuild after a spec change".to_string(),
            "none set; compared with progenitor",
            "skipped in the quick run",
        ));
        return;
    }
    match rebuild_times(workspace_root, rounds) {
        Ok((ours, progenitor)) => {
            let ratios = harness::paired_ratios(&ours, &progenitor);
            report.line("");
            report.line("| Rebuild after a description change (dev profile) | simsage-auth | progenitor client | simsage-auth / progenitor |");
            report.line("| --- | --- | --- | --- |");
            report.line(&format!(
                "| median (min–max) of {rounds} rounds | {} | {} | {} |",
                format_range(&ours),
                format_range(&progenitor),
                harness::format_ratio(&ratios)
            ));
            report.goal(Goal::reference(
                "Rebuild after a spec change, ours / progenitor".to_string(),
                Summary::of(&ratios).median,
                "no goal set",
            ));
        }
        Err(error) => {
            report.line("");
            report.line(&format!("Rebuild times: not measured: {error}"));
            report.goal(Goal::unmeasured(
                "Rebuild after a spec change".to_string(),
                "none set; compared with progenitor",
                &error,
            ));
        }
    }
}

fn report_lines(workspace_root: &Path, report: &mut Report) {
    let path = workspace_root.join("openapi.yaml");
    let input = Input {
        name: "openapi.yaml".to_string(),
        text: fs::read_to_string(&path).unwrap_or_default(),
        is_json: false,
    };
    let ours = codegen::catch_panic(|| codegen::generate_ours(&input.text));
    let progenitor = codegen::catch_panic(|| codegen::generate_progenitor(&input, true));
    report
        .line("| Generated code for openapi.yaml | simsage-auth-codegen | progenitor-impl 0.15 |");
    report.line("| --- | --- | --- |");
    let cell = |result: &Result<String, String>| match result {
        Ok(source) => format!(
            "{} lines, {:.0} kB",
            codegen::count_lines(source),
            source.len() as f64 / 1e3
        ),
        Err(error) => format!("fails: {}", codegen::table_safe(error)),
    };
    report.line(&format!(
        "| types and client methods: non-blank lines, size | {} | {} |",
        cell(&ours),
        cell(&progenitor)
    ));
    let doc_lines = |result: &Result<String, String>| match result {
        Ok(source) => source
            .lines()
            .filter(|line| {
                line.trim_start().starts_with("///") || line.trim_start().starts_with("//!")
            })
            .count()
            .to_string(),
        Err(_) => "n/a".to_string(),
    };
    report.line(&format!(
        "| of which doc comment lines, types and client | {} | {} |",
        doc_lines(&ours),
        doc_lines(&progenitor)
    ));
    let all_files = codegen::catch_panic(|| {
        simsage_auth_codegen::generate(&input.text)
            .map(|generated| {
                [
                    generated.types,
                    generated.client,
                    generated.session,
                    generated.blocking,
                    generated.mock,
                ]
                .join("\n")
            })
            .map_err(|error| error.to_string())
    });
    report.line(&format!(
        "| with the session, blocking and mock files, which progenitor does not generate | {} | n/a |",
        cell(&all_files)
    ));
}

fn format_range(samples: &[f64]) -> String {
    let summary = Summary::of(samples);
    format!(
        "{} ({}–{})",
        harness::format_seconds(summary.median),
        harness::format_seconds(summary.min),
        harness::format_seconds(summary.max)
    )
}

/// Paths of the two scratch crates.
struct Scratch {
    ours: PathBuf,
    progenitor: PathBuf,
}

fn rebuild_times(workspace_root: &Path, rounds: usize) -> Result<(Vec<f64>, Vec<f64>), String> {
    let scratch = prepare(workspace_root).map_err(|error| format!("preparing: {error}"))?;
    eprintln!("build cost: first builds (untimed; the first run compiles every dependency)");
    cargo_build(&scratch.ours, "simsage-auth")?;
    cargo_build(&scratch.progenitor, "progenitor-simsage-auth")?;

    let mut ours = Vec::with_capacity(rounds);
    let mut progenitor = Vec::with_capacity(rounds);
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    for round in 0..rounds {
        let marker = format!(" Revision {stamp}-{round}.");
        edit_spec(&scratch.ours.join("openapi.yaml"), &marker)?;
        edit_spec(&scratch.progenitor.join("openapi.yaml"), &marker)?;
        ours.push(cargo_build(&scratch.ours, "simsage-auth")?);
        progenitor.push(cargo_build(&scratch.progenitor, "progenitor-simsage-auth")?);
        eprintln!(
            "build cost: round {round}: ours {:.2} s, progenitor {:.2} s",
            ours[round], progenitor[round]
        );
    }
    Ok((ours, progenitor))
}

/// Writes both scratch crates, each with a fresh copy of `openapi.yaml`.
fn prepare(workspace_root: &Path) -> std::io::Result<Scratch> {
    let root = workspace_root.join("target/bench-build-cost");
    let ours = root.join("ours");
    let progenitor = root.join("progenitor");
    let spec = fs::read_to_string(workspace_root.join("openapi.yaml"))?;

    fs::create_dir_all(&ours)?;
    let codegen_path = workspace_root.join("simsage-auth-codegen");
    let manifest = fs::read_to_string(workspace_root.join("Cargo.toml"))?;
    fs::write(
        ours.join("Cargo.toml"),
        scratch_workspace_manifest(&manifest, &codegen_path),
    )?;
    fs::copy(workspace_root.join("Cargo.lock"), ours.join("Cargo.lock"))?;
    copy_dir(
        &workspace_root.join("simsage-auth"),
        &ours.join("simsage-auth"),
    )?;
    fs::write(ours.join("openapi.yaml"), &spec)?;

    fs::create_dir_all(progenitor.join("src"))?;
    fs::write(progenitor.join("Cargo.toml"), PROGENITOR_MANIFEST)?;
    fs::write(progenitor.join("build.rs"), PROGENITOR_BUILD_SCRIPT)?;
    fs::write(progenitor.join("src/lib.rs"), PROGENITOR_LIB)?;
    fs::write(progenitor.join("openapi.yaml"), &spec)?;
    Ok(Scratch { ours, progenitor })
}

/// Turns the repository's workspace manifest into one whose only member is
/// `simsage-auth` and whose generator dependency points back into the repository.
fn scratch_workspace_manifest(manifest: &str, codegen_path: &Path) -> String {
    manifest
        .lines()
        .filter(|line| !line.starts_with("exclude") && !line.starts_with("# The benchmark crate"))
        .map(|line| {
            if line.starts_with("members") {
                "members = [\"simsage-auth\"]".to_string()
            } else if line.starts_with("simsage-auth-codegen") {
                format!(
                    "simsage-auth-codegen = {{ path = {:?} }}",
                    codegen_path.display().to_string()
                )
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Appends `marker` to the description of `getUsersPaginated`.
fn edit_spec(path: &Path, marker: &str) -> Result<(), String> {
    let text = fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))?;
    let Some(at) = text.find(EDIT_ANCHOR) else {
        return Err(format!(
            "{} no longer contains {EDIT_ANCHOR:?}",
            path.display()
        ));
    };
    let line_end = text[at..]
        .find('\n')
        .map_or(text.len(), |offset| at + offset);
    let edited = format!("{}{EDIT_ANCHOR}{marker}{}", &text[..at], &text[line_end..]);
    fs::write(path, edited).map_err(|error| format!("{}: {error}", path.display()))
}

/// Runs `cargo build --lib -p PACKAGE` in `directory` and returns its wall-clock seconds.
fn cargo_build(directory: &Path, package: &str) -> Result<f64, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let started = Instant::now();
    let output = Command::new(cargo)
        .current_dir(directory)
        .env("CARGO_TARGET_DIR", directory.join("target"))
        .args(["build", "--lib", "-p", package])
        .output()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    let seconds = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if output.status.success() && !stderr.contains(&format!("Compiling {package} ")) {
        return Err(format!(
            "cargo build of {package} did not recompile it, so the spec edit did not reach it"
        ));
    }
    if !output.status.success() {
        let tail: Vec<&str> = stderr.lines().rev().take(15).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!(
            "cargo build of {package} failed: {}",
            codegen::table_safe(&tail.join(" / "))
        ));
    }
    Ok(seconds)
}
