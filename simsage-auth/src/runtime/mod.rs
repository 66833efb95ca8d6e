//! Support code that the generated client methods call.
//!
//! A generated method describes its request step by step on a [`Call`]: literal path
//! pieces, encoded path values, headers, query pairs and a JSON body. Every step that can
//! reject an argument does so before anything is sent. The `send_*` methods then send the
//! request and decode the response.

mod call;
mod decode;
mod encode;

pub(crate) use call::{Call, Operation};
pub(crate) use encode::SegmentRules;
#[cfg(feature = "mock")]
pub(crate) use encode::{header_value, push_segment};

use std::fmt;

use serde::{Deserialize, Deserializer};

/// Decodes a value that the server may send as `null` as the type's empty value.
///
/// Generated structs use this for every property the spec lists as required, together
/// with `#[serde(default)]` for properties that are missing altogether.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// Stands in for a secret in `Debug` output.
pub(crate) struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}
