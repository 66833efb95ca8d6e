//! Async client for the authentication and user-administration API of
//! [SimSage](https://simsage.ai), an enterprise search platform.
//!
//! The client covers the 23 operations under `/api/auth/`: signing in (password,
//! Microsoft MSAL JWT, or an existing session id), organisations, users, groups, CSV user
//! import and password resets. Methods and models are generated at build time from the
//! crate's OpenAPI description, so they follow the server's API one to one: one async
//! method per operation, named after its `operationId` in snake_case.
//!
//! # Example
//!
//! ```no_run
//! use simsage_auth::{Client, types::CmSignInParameters};
//!
//! # async fn run() -> Result<(), simsage_auth::Error> {
//! let client = Client::new("https://training.simsage.ai")?;
//! let signed_in = client
//!     .sign_in(&CmSignInParameters {
//!         email: "admin@example.com".into(),
//!         password: "correct horse battery staple".into(),
//!     })
//!     .await?;
//! let session_id = &signed_in.session.id;
//!
//! for organisation in client.get_user_organisation_list("", session_id).await? {
//!     let page = client
//!         .get_users_paginated(&organisation.id, 0, 10, "", session_id)
//!         .await?;
//!     println!("{}: {} users", organisation.name, page.user_count);
//! }
//!
//! client.sign_out(session_id, None).await?;
//! # Ok(())
//! # }
//! ```
//!
//! # Sessions and secrets
//!
//! Sign-in operations return a session whose id the other operations take as their
//! `session_id` argument; it travels in the `session-id` header, and MSAL tokens travel in
//! the `jwt` header. Both headers are marked sensitive. The `Debug` output of models
//! prints passwords, password hashes, reset ids and session ids as `<redacted>`, the
//! one-time token of [`Client::get_ott`] is a [`SecretString`], and no [`Error`] contains
//! any of these values.
//!
//! # Errors
//!
//! Every method returns [`Error`], split by the stage that failed. When SimSage rejects a
//! call it answers with HTTP 500 and a `JsonMessage`; the error then reads like
//! `getGroups: SimSage returned 500 Internal Server Error: invalid session id`,
//! and [`Error::api_message`] returns the whole message. Other variants cover arguments
//! that cannot be sent (nothing is sent then), transport failures and timeouts,
//! non-JSON bodies such as a proxy's HTML error page, and JSON of the wrong shape.
//!
//! # How values are sent
//!
//! - Path values are percent-encoded as path segments: a space is `%20`, and `+`, `%`,
//!   `?`, `#`, `;` and non-ASCII characters are encoded too.
//! - SimSage rejects an encoded slash (`%2F`) in a path, so a path value that contains
//!   `/` is rejected with [`Error::InvalidParameter`], except in search filters, where
//!   each `/` is sent as a space as SimSage's own admin client does. The values `.` and
//!   `..` are rejected because URL normalization would remove them.
//! - An empty path value is rejected, except an empty search filter, which is sent as
//!   the segment `null` that SimSage reads as "no filter".
//! - Header values must be non-empty and free of control characters (CR, LF, tab, NUL,
//!   DEL); anything else is rejected before sending.
//!
//! # How responses are read
//!
//! The server leaves out fields that its description lists as required, and sends `null`
//! in some of them. Required fields are therefore plain fields (`String`, `bool`, `Vec`,
//! ...) that decode a missing or `null` value as the type's empty value, while
//! properties the description marks optional are `Option` fields. Requests always send
//! every required field, and leave out optional fields that are `None`. Unknown fields
//! in responses are ignored. See [`types`] for the models.
//!
//! # Sessions and paging
//!
//! [`Client::session_with_password`] and the other `session_with_*` constructors sign in
//! and return a [`Session`], whose methods send the session id for you and whose
//! [`Session::info`] contains the user, organisations and `lastAccess`/`timeOut` values the
//! server returned. [`Client::users`] and [`Session::users`] return every user of an
//! organisation as a `Stream`, fetching pages as it is read.
//!
//! # Configuration
//!
//! [`Client::builder`] sets the base URL, connect and request timeouts, user agent, extra
//! headers and an opt-in [`RetryPolicy`] for idempotent calls; [`ClientBuilder::build`]
//! reports invalid settings.
//!
//! # Tracing
//!
//! Each call runs in a `tracing` span named `simsage_auth` at the DEBUG level, with the
//! fields `operation`, `method`, `path` (the template, such as
//! `/api/auth/groups/{organisationId}`), `status` and `elapsed_ms`, and ends with one DEBUG
//! event; retries add one event each. Argument values, headers and bodies are never
//! recorded. To see them, install a subscriber, for example
//! `tracing_subscriber::fmt().with_env_filter("simsage_auth=debug").init()`.
//!
//! # Cargo features
//!
//! - `rustls` (default): TLS through rustls, with no system libraries needed.
//! - `native-tls`: TLS through the platform's library (OpenSSL on Linux); disable the
//!   default features to use it alone.
//! - `blocking`: the `blocking` module, with a client for programs without an async
//!   runtime.
//! - `mock`: the module `simsage_auth::mock`, with typed
//!   [httpmock](https://docs.rs/httpmock/0.9) helpers for tests of code that calls SimSage.
//!   Each operation gets `mock_*` methods on `httpmock::MockServer` that expect its
//!   parameters and body encoded as the client sends them, and respond with its typed
//!   response or a SimSage error. It adds `httpmock` and `regex` as dependencies, so
//!   enable it under `[dev-dependencies]`.
//!
//! The auth operations need none of the next three. They serve clients generated by
//! `simsage-auth-codegen` into other crates, from SimSage services whose descriptions use
//! more of OpenAPI:
//!
//! - `date-time`: `format: date-time` values as `chrono::DateTime<chrono::FixedOffset>`.
//! - `base64`: `format: byte` values inside JSON as `Base64Bytes`.
//! - `multipart`: `multipart/form-data` uploads with `FilePart`.

#![deny(missing_docs)]

#[cfg(feature = "blocking")]
pub mod blocking;
mod client;
mod error;
#[cfg(feature = "mock")]
pub mod mock;
mod paging;
mod retry;
mod runtime;
mod session;
pub mod types;

pub use client::{
    Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT,
};
pub use error::{DecodeError, Error};
pub use retry::RetryPolicy;
pub use secrecy::{ExposeSecret, SecretString};
pub use session::{Session, SessionInfo, SessionOrganisation, SignIn};

#[cfg(feature = "base64")]
pub use runtime::Base64Bytes;
#[cfg(feature = "multipart")]
pub use runtime::FilePart;

/// The runtime that generated client methods call, for clients generated into another
/// crate with the generator's `Settings::with_runtime_path`. Not a stable API.
#[doc(hidden)]
pub mod __private {
    pub use crate::runtime::*;
}

include!(concat!(env!("OUT_DIR"), "/client.rs"));
