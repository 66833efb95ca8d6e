//! Rejects documents nested more deeply than any real API description.
//!
//! Deserializing into `openapiv3` types and generating code both recurse once per level
//! of nesting, so a deep enough document would overflow the stack, which aborts the
//! process rather than returning an error. Real descriptions stay far below the limit:
//! SimSage's whole API nests about 15 levels deep.

use serde_yaml::Value;

use crate::error::{Error, Pointer};

/// Maximum nesting of mappings and sequences in a document.
///
/// Measured in a debug build with 2 MiB of stack, the default of a Rust test thread: the
/// full generation of a 94-level document fits, and one of 124 levels overflows it.
pub(crate) const MAX_DEPTH: usize = 64;

/// Returns an error when `text` nests mappings and sequences more than [`MAX_DEPTH`] deep.
///
/// Text that is not valid YAML passes, so that the typed parse reports it with a line
/// and column, except when serde_yaml stops at its own recursion limit (128 levels).
pub(crate) fn check_depth(text: &str) -> Result<(), Error> {
    let value: Value = match serde_yaml::from_str(text) {
        Ok(value) => value,
        Err(error) if error.to_string().contains("recursion limit exceeded") => {
            return Err(too_deep(&Pointer::root()));
        }
        Err(_) => return Ok(()),
    };
    let mut stack: Vec<(&Value, Pointer, usize)> = vec![(&value, Pointer::root(), 0)];
    while let Some((node, pointer, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            return Err(too_deep(&pointer));
        }
        match node {
            Value::Mapping(mapping) => {
                for (key, child) in mapping {
                    stack.push((child, pointer.join(&key_text(key)), depth + 1));
                }
            }
            Value::Sequence(items) => {
                for (index, child) in items.iter().enumerate() {
                    stack.push((child, pointer.index(index), depth + 1));
                }
            }
            Value::Tagged(tagged) => stack.push((&tagged.value, pointer, depth)),
            _ => {}
        }
    }
    Ok(())
}

fn too_deep(pointer: &Pointer) -> Error {
    Error::unsupported(
        pointer,
        format!(
            "the document nests more than {MAX_DEPTH} levels deep here; flatten the schema by \
             moving nested objects under #/components/schemas"
        ),
    )
}

fn key_text(key: &Value) -> String {
    match key {
        Value::String(text) => text.clone(),
        other => serde_yaml::to_string(other)
            .map(|text| text.trim_end().to_string())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(levels: usize) -> String {
        let mut schema = "{ type: string }".to_string();
        for _ in 0..levels {
            schema = format!("{{ type: array, items: {schema} }}");
        }
        format!("components:\n  schemas:\n    A: {schema}\n")
    }

    #[test]
    fn shallow_document_passes() {
        assert!(check_depth(&nested(10)).is_ok());
    }

    #[test]
    fn deep_document_is_located() {
        let error = check_depth(&nested(MAX_DEPTH)).unwrap_err();
        assert!(
            error
                .pointer()
                .starts_with("#/components/schemas/A/items/items"),
            "{error}"
        );
        assert!(error.to_string().contains("64 levels"), "{error}");
    }

    #[test]
    fn beyond_yaml_limit_is_rejected() {
        let text = format!("{}1{}", "[".repeat(300), "]".repeat(300));
        assert_eq!(check_depth(&text).unwrap_err().pointer(), "#");
    }

    #[test]
    fn invalid_yaml_is_left_to_the_parser() {
        assert!(check_depth("a: [unclosed").is_ok());
    }
}
