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
//! which let the code live in another crate and call `simsage-auth`'s runtime there.
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
mod settings;

pub use emit::Generated;
pub use error::{Error, Pointer};
pub use model::Api;
pub use settings::Settings;

/// Generates the client source for the OpenAPI document in `spec` (YAML or JSON text)
/// with the default [`Settings`], which produce the code of `simsage-auth`.
pub fn generate(spec: &str) -> Result<Generated, Error> {
    generate_with(spec, &Settings::default())
}

/// Generates the client source for the OpenAPI document in `spec` with `settings`.
pub fn generate_with(spec: &str, settings: &Settings) -> Result<Generated, Error> {
    let document = parse::parse_document(spec)?;
    let api = parse::build_model_with(&document, settings)?;
    emit::emit_with(&api, settings)
}
