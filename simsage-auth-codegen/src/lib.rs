//! Generates the `simsage-auth` client from an OpenAPI 3.0 description.
//!
//! Generation runs in two stages with a plain model between them:
//!
//! 1. [`parse`] reads the document ([`parse::parse_document`]) and builds an [`Api`]
//!    of operations and types with their Rust names ([`parse::build_model`]).
//! 2. [`emit`] turns the model into tokens, checks them with `syn` and formats them
//!    with prettyplease.
//!
//! Problems in the document come back as an [`Error`] that names the offending item by
//! JSON pointer; the generator does not panic on any input. A fuzz test checks this on
//! mutated specs.
//!
//! [`generate`] writes the code of `simsage-auth`. [`generate_with`] takes [`Settings`],
//! which also let the code live in another crate and call `simsage-auth`'s runtime there.
//!
//! ```
//! let spec = r#"
//! openapi: 3.0.1
//! info: { title: demo, version: "1" }
//! paths:
//!   /api/auth/version:
//!     get:
//!       operationId: version
//!       responses:
//!         "200":
//!           description: The version.
//!           content:
//!             application/json:
//!               schema: { type: string }
//! "#;
//! let generated = simsage_auth_codegen::generate(spec)?;
//! assert!(generated.client.contains("pub async fn version("));
//! # Ok::<(), simsage_auth_codegen::Error>(())
//! ```

#![deny(missing_docs)]

pub mod emit;
mod error;
pub mod model;
pub mod naming;
pub mod parse;

pub use emit::Generated;
pub use error::{Error, Pointer};
pub use model::Api;

/// Methods that `simsage-auth` writes by hand on `Client`, `Session` and their blocking
/// forms, next to the generated ones.
const SIMSAGE_AUTH_METHODS: &[&str] = &[
    "as_async",
    "base_url",
    "builder",
    "client",
    "from_async",
    "from_builder",
    "http",
    "id",
    "info",
    "new",
    "retry_policy",
    "session",
    "session_id",
    "session_with_admin_jwt",
    "session_with_dms_jwt",
    "session_with_evolve_jwt",
    "session_with_id",
    "session_with_password",
    "session_with_search_jwt",
    "sign_in_response",
    "users",
    "with_http_client",
];

/// Choices that the OpenAPI document cannot express. The defaults generate the code of
/// `simsage-auth` itself.
///
/// ```
/// let settings = simsage_auth_codegen::Settings::default()
///     .with_runtime_path("::simsage_auth::__private")
///     .with_source_name("simsage-api-docs.json")
///     .with_skip_invalid_paths(true);
/// assert_eq!(settings.runtime_path, "::simsage_auth::__private");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Header that carries the session id; operations with this required header get a
    /// method on the session handle that fills it in. `None` generates no session methods.
    pub session_header: Option<String>,
    /// `operationId` of the operation that ends a session; its session method consumes
    /// the handle.
    pub sign_out_operation: Option<String>,
    /// Method names that the hand-written client and session types already define; an
    /// operation whose method would get one of these names is reported as an error.
    pub reserved_methods: Vec<String>,
    /// Rust path of the runtime module that generated code calls: `crate::runtime` in
    /// `simsage-auth`. A crate other than `simsage-auth` uses `::simsage_auth::__private`,
    /// defines its own `Client` that dereferences to `simsage_auth::Client`, and
    /// re-exports `simsage_auth::{Error, SecretString}`. [`generate_with`] reports an
    /// invalid path.
    pub runtime_path: String,
    /// File name that the first line of each generated file names as its source.
    pub source_name: String,
    /// Whether an operation whose path template and path parameters disagree is left out
    /// and listed in [`Generated::skipped`] rather than stopping the generation.
    pub skip_invalid_paths: bool,
}

impl Default for Settings {
    /// Returns SimSage's choices: the `session-id` header and the `signOut` operation.
    fn default() -> Self {
        Settings {
            session_header: Some("session-id".to_string()),
            sign_out_operation: Some("signOut".to_string()),
            reserved_methods: SIMSAGE_AUTH_METHODS.iter().map(|m| m.to_string()).collect(),
            runtime_path: "crate::runtime".to_string(),
            source_name: "openapi.yaml".to_string(),
            skip_invalid_paths: false,
        }
    }
}

impl Settings {
    /// Sets [`Settings::runtime_path`].
    pub fn with_runtime_path(mut self, path: impl Into<String>) -> Self {
        self.runtime_path = path.into();
        self
    }

    /// Sets [`Settings::source_name`].
    pub fn with_source_name(mut self, name: impl Into<String>) -> Self {
        self.source_name = name.into();
        self
    }

    /// Sets [`Settings::skip_invalid_paths`].
    pub fn with_skip_invalid_paths(mut self, skip: bool) -> Self {
        self.skip_invalid_paths = skip;
        self
    }
}

/// Generates the client source for the OpenAPI document in `spec` (YAML or JSON text),
/// with SimSage's [`Settings`].
pub fn generate(spec: &str) -> Result<Generated, Error> {
    generate_with(spec, &Settings::default())
}

/// Generates the client source for the OpenAPI document in `spec` with `settings`.
pub fn generate_with(spec: &str, settings: &Settings) -> Result<Generated, Error> {
    let document = parse::parse_document(spec)?;
    let api = parse::build_model(&document, settings)?;
    emit::emit_with(&api, settings)
}
