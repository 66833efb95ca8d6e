//! Support code that the generated client methods call.
//!
//! A generated method describes its request step by step on a [`Call`]: literal path
//! pieces, encoded path values, headers, query pairs and a JSON body. Every step that can
//! reject an argument does so before anything is sent. The `send_*` methods then send the
//! request and decode the response.

mod call;
mod decode;
mod encode;
mod nullable;

pub(crate) use call::{Call, Operation};
pub(crate) use encode::SegmentRules;
#[cfg(feature = "mock")]
pub(crate) use encode::{header_value, push_segment};
pub(crate) use nullable::null_as_default;

use std::fmt;

/// Stands in for a secret in `Debug` output.
pub(crate) struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}
