//! Reads the project's `x-` extensions, rejecting values of the wrong type.

use indexmap::IndexMap;
use serde_json::Value;

use crate::error::{Error, Pointer};

/// Reads a boolean extension; absent means `false`.
pub(crate) fn flag(
    extensions: &IndexMap<String, Value>,
    name: &str,
    pointer: &Pointer,
) -> Result<bool, Error> {
    match extensions.get(name) {
        None => Ok(false),
        Some(Value::Bool(value)) => Ok(*value),
        Some(other) => Err(Error::invalid(
            &pointer.join(name),
            format!("`{name}` must be true or false, not {other}"),
        )),
    }
}

/// Reads a string extension.
pub(crate) fn text(
    extensions: &IndexMap<String, Value>,
    name: &str,
    pointer: &Pointer,
) -> Result<Option<String>, Error> {
    match extensions.get(name) {
        None => Ok(None),
        Some(Value::String(value)) => Ok(Some(value.clone())),
        Some(other) => Err(Error::invalid(
            &pointer.join(name),
            format!("`{name}` must be a string, not {other}"),
        )),
    }
}
