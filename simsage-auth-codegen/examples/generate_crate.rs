//! Generates a standalone client crate from an OpenAPI description, on top of the
//! `simsage-auth` runtime.
//!
//! ```sh
//! cargo run -p simsage-auth-codegen --example generate_crate -- \
//!     --spec simsage-api-docs.json --out target/whole-api-check \
//!     [--skip-invalid-paths] [--test tests/fixtures/features_behaviour.rs]
//! ```
//!
//! The crate has its own `Client`, which dereferences to `simsage_auth::Client`, and its
//! own `types` module. It depends on `simsage-auth` by path, with the Cargo features the
//! spec needs, and gets a copy of the workspace's `Cargo.lock`, so that it builds with the
//! same dependency versions. `.ci/whole-api-check.sh` builds and lints it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use simsage_auth_codegen::{Generated, Settings};

const USAGE: &str = "usage: generate_crate --spec <PATH> --out <DIR> [--skip-invalid-paths] [--test <FILE>]\n\n\
     --spec PATH            OpenAPI 3.0 description, YAML or JSON\n\
     --out DIR              directory of the crate to write; created if missing\n\
     --skip-invalid-paths   leave out operations whose path template and path parameters\n\
     \x20                      disagree, and list each one on stderr\n\
     --test FILE            copy FILE into the crate as tests/behaviour.rs, with tokio and\n\
     \x20                      httpmock as dev-dependencies";

struct Options {
    spec: PathBuf,
    out: PathBuf,
    skip_invalid_paths: bool,
    test: Option<PathBuf>,
}

fn main() -> ExitCode {
    let options = match parse_arguments(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn parse_arguments(mut arguments: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut spec = None;
    let mut out = None;
    let mut skip_invalid_paths = false;
    let mut test = None;
    while let Some(argument) = arguments.next() {
        match argument.as_str() {
            "--spec" => spec = arguments.next().map(PathBuf::from),
            "--out" => out = arguments.next().map(PathBuf::from),
            "--skip-invalid-paths" => skip_invalid_paths = true,
            "--test" => test = arguments.next().map(PathBuf::from),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Options {
        spec: spec.ok_or("missing --spec")?,
        out: out.ok_or("missing --out")?,
        skip_invalid_paths,
        test,
    })
}

fn run(options: &Options) -> Result<(), String> {
    let text = std::fs::read_to_string(&options.spec)
        .map_err(|error| format!("cannot read {}: {error}", options.spec.display()))?;
    let source_name = options
        .spec
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    // The crate has no session type, and its `Client` defines only `new`. A generated
    // method may share a name with a method of `simsage_auth::Client`, which the crate's
    // `Client` dereferences to, because the crate's own method then takes precedence.
    let settings = Settings {
        session_header: None,
        sign_out_operation: None,
        reserved_methods: vec!["new".to_string()],
        ..Settings::default()
    }
    .with_runtime_path("::simsage_auth::__private")
    .with_source_name(source_name)
    .with_skip_invalid_paths(options.skip_invalid_paths);
    let generated = simsage_auth_codegen::generate_with(&text, &settings)
        .map_err(|error| format!("{}: {error}", options.spec.display()))?;
    for skipped in &generated.skipped {
        eprintln!("left out (--skip-invalid-paths): {skipped}");
    }
    write_crate(&options.out, &generated, options.test.as_deref())?;
    eprintln!(
        "wrote {} ({} types, {} methods, features: {})",
        options.out.display(),
        generated.types.matches("\npub struct ").count()
            + generated.types.matches("\npub enum ").count(),
        generated.client.matches("pub async fn ").count(),
        generated.runtime_features.join(", ")
    );
    Ok(())
}

fn write_crate(out: &Path, generated: &Generated, test: Option<&Path>) -> Result<(), String> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let workspace = workspace.canonicalize().map_err(|error| {
        format!(
            "cannot find the workspace at {}: {error}",
            workspace.display()
        )
    })?;
    let runtime = workspace.join("simsage-auth");
    let features = generated
        .runtime_features
        .iter()
        .map(|feature| format!("{feature:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    // The same versions and features as the workspace, so that the build reuses its
    // compiled dependencies.
    let dev_dependencies = if test.is_some() {
        "\n[dev-dependencies]\n\
         httpmock = \"0.9\"\n\
         tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\", \"time\"] }\n"
    } else {
        ""
    };
    let manifest = format!(
        "[package]\n\
         name = \"simsage-generated-client\"\n\
         version = \"0.0.0\"\n\
         edition = \"2024\"\n\
         publish = false\n\n\
         [dependencies]\n\
         simsage-auth = {{ path = {runtime:?}, features = [{features}] }}\n\
         reqwest = {{ version = \"0.13\", default-features = false }}\n\
         serde = {{ version = \"1\", features = [\"derive\"] }}\n\
         serde_json = \"1\"\n\
         {dev_dependencies}\n\
         # Not part of the simsage-auth workspace.\n\
         [workspace]\n",
        runtime = runtime.display().to_string(),
    );
    let files = [
        ("Cargo.toml", manifest),
        ("src/lib.rs", LIB_RS.to_string()),
        ("src/types.rs", generated.types.clone()),
        ("src/client.rs", generated.client.clone()),
    ];
    std::fs::create_dir_all(out.join("src"))
        .map_err(|error| format!("cannot create {}: {error}", out.display()))?;
    for (name, contents) in files {
        let path = out.join(name);
        std::fs::write(&path, contents)
            .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    }
    if let Some(test) = test {
        std::fs::create_dir_all(out.join("tests"))
            .map_err(|error| format!("cannot create {}/tests: {error}", out.display()))?;
        std::fs::copy(test, out.join("tests/behaviour.rs"))
            .map_err(|error| format!("cannot copy {}: {error}", test.display()))?;
    }
    let lock = workspace.join("Cargo.lock");
    std::fs::copy(&lock, out.join("Cargo.lock"))
        .map_err(|error| format!("cannot copy {}: {error}", lock.display()))?;
    Ok(())
}

/// The hand-written root of the generated crate.
const LIB_RS: &str = r#"//! A SimSage client generated by simsage-auth-codegen on top of the simsage-auth runtime.

#![deny(warnings, missing_docs)]

pub use simsage_auth::{Error, SecretString};

/// A client for the generated operations, sharing simsage-auth's connection handling.
#[derive(Clone, Debug)]
pub struct Client(simsage_auth::Client);

impl Client {
    /// Creates a client for the server at `base_url`, as `simsage_auth::Client::new` does.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidParameter`] when `base_url` is not an absolute http or https URL.
    pub fn new(base_url: &str) -> Result<Self, Error> {
        simsage_auth::Client::new(base_url).map(Client)
    }
}

impl std::ops::Deref for Client {
    type Target = simsage_auth::Client;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

/// Models of the requests and responses.
pub mod types;

include!("client.rs");
"#;
