//! Generates the client methods and models from the workspace's `openapi.yaml`.
//!
//! A spec the generator cannot handle stops the build with the generator's message,
//! which names the offending item by JSON pointer.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let spec_path = manifest_dir.join("..").join("openapi.yaml");
    println!("cargo::rerun-if-changed={}", spec_path.display());
    println!("cargo::rerun-if-changed=build.rs");
    match generate(&spec_path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            println!("cargo::error={message}");
            ExitCode::FAILURE
        }
    }
}

/// Fails when the spec needs a runtime feature that is off, which would otherwise show up
/// as unresolved paths in the generated code.
fn check_features(spec_path: &std::path::Path, features: &[&str]) -> Result<(), String> {
    for feature in features {
        let variable = format!(
            "CARGO_FEATURE_{}",
            feature.to_ascii_uppercase().replace('-', "_")
        );
        if std::env::var_os(&variable).is_none() {
            return Err(format!(
                "{} needs the `{feature}` feature of simsage-auth; enable it in \
                 simsage-auth/Cargo.toml",
                spec_path.display()
            ));
        }
    }
    Ok(())
}

fn generate(spec_path: &std::path::Path) -> Result<(), String> {
    let spec = std::fs::read_to_string(spec_path)
        .map_err(|error| format!("cannot read {}: {error}", spec_path.display()))?;
    let generated = simsage_auth_codegen::generate(&spec)
        .map_err(|error| format!("{}: {error}", spec_path.display()))?;
    check_features(spec_path, &generated.runtime_features)?;
    let out_dir = PathBuf::from(
        std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set; run the build through cargo")?,
    );
    let files = [
        ("types.rs", &generated.types),
        ("client.rs", &generated.client),
        ("session.rs", &generated.session),
        ("blocking.rs", &generated.blocking),
        ("mock.rs", &generated.mock),
    ];
    for (name, contents) in files {
        let path = out_dir.join(name);
        std::fs::write(&path, contents)
            .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    }
    Ok(())
}
