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
    Ok(optional_flag(extensions, name, pointer)?.unwrap_or(false))
}

/// Reads a boolean extension that may be absent.
pub(crate) fn optional_flag(
    extensions: &IndexMap<String, Value>,
    name: &str,
    pointer: &Pointer,
) -> Result<Option<bool>, Error> {
    match extensions.get(name) {
        None => Ok(None),
        Some(Value::Bool(value)) => Ok(Some(*value)),
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
