//! Support code that the generated client methods call.
//!
//! A generated method describes its request step by step on a [`Call`]: literal path
//! pieces, encoded path values, headers, query pairs and a JSON body. Every step that can
//! reject an argument does so before anything is sent. The `send_*` methods then send the
//! request and decode the response.
//!
//! The crate re-exports this module as the hidden `__private` module, so that a client
//! generated into another crate (see the generator's `Settings::with_runtime_path`) can
//! call it. It is not a stable API for hand-written code.

#[cfg(feature = "base64")]
mod base64_bytes;
mod call;
mod decode;
mod encode;
#[cfg(feature = "multipart")]
mod multipart;
mod nullable;
mod query;

#[cfg(feature = "base64")]
pub use base64_bytes::Base64Bytes;
pub use bytes::Bytes;
pub use call::{Call, Operation};
#[cfg(feature = "date-time")]
pub use chrono;
pub use encode::SegmentRules;
#[cfg(feature = "mock")]
pub(crate) use encode::{header_value, push_segment};
#[cfg(feature = "multipart")]
pub use multipart::FilePart;
pub use nullable::null_as_default;
pub use query::QueryStyle;

use std::fmt;

/// Stands in for a secret in `Debug` output.
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}
