//! Options for generating a client into a crate other than `simsage-auth`.

/// Options of [`generate_with`](crate::generate_with). The defaults generate the code of
/// `simsage-auth` itself.
///
/// ```
/// let settings = simsage_auth_codegen::Settings::new()
///     .with_runtime_path("::simsage_auth::__private")
///     .with_source_name("simsage-api-docs.json")
///     .with_skip_invalid_paths(true);
/// assert_eq!(settings.runtime_path(), "::simsage_auth::__private");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    runtime_path: String,
    source_name: String,
    skip_invalid_paths: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            runtime_path: "crate::runtime".to_string(),
            source_name: "openapi.yaml".to_string(),
            skip_invalid_paths: false,
        }
    }
}

impl Settings {
    /// Returns the default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the Rust path of the runtime module that generated code calls. Default:
    /// `crate::runtime`.
    ///
    /// A crate other than `simsage-auth` passes `::simsage_auth::__private`, defines its
    /// own `Client` that dereferences to `simsage_auth::Client`, and re-exports
    /// `simsage_auth::{Error, SecretString}` at its root. An invalid path is reported by
    /// [`generate_with`](crate::generate_with).
    pub fn with_runtime_path(mut self, path: impl Into<String>) -> Self {
        self.runtime_path = path.into();
        self
    }

    /// Sets the file name that the first line of each generated file names as its
    /// source. Default: `openapi.yaml`.
    pub fn with_source_name(mut self, name: impl Into<String>) -> Self {
        self.source_name = name.into();
        self
    }

    /// Sets whether an operation whose path template and path parameters disagree is
    /// left out (listed in [`Generated::skipped`](crate::Generated::skipped)) rather than
    /// stopping the generation. Default: `false`.
    pub fn with_skip_invalid_paths(mut self, skip: bool) -> Self {
        self.skip_invalid_paths = skip;
        self
    }

    /// Returns the runtime path.
    pub fn runtime_path(&self) -> &str {
        &self.runtime_path
    }

    /// Returns the source file name.
    pub fn source_name(&self) -> &str {
        &self.source_name
    }

    /// Returns whether operations with invalid paths are left out.
    pub fn skip_invalid_paths(&self) -> bool {
        self.skip_invalid_paths
    }
}
