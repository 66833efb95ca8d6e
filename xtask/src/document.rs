//! Parsing of JSON or YAML text into a [`Node`] and the check that it is OpenAPI 3.0.x.

use crate::error::Error;
use crate::node::Node;
use crate::pointer::Pointer;

/// Parses `text` and checks that it is an OpenAPI 3.0.x document with a `paths` object.
/// `origin` names the input (a path or URL) in error messages.
pub fn load(text: &str, origin: &str) -> Result<Node, Error> {
    let document = parse(text, origin)?;
    validate_openapi_30(&document, origin)?;
    Ok(document)
}

/// Parses JSON when the text starts with `{` or `[`, YAML otherwise.
pub fn parse(text: &str, origin: &str) -> Result<Node, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.trim_start().chars().next();
    if matches!(first, Some('{' | '[')) {
        parse_json(text, origin)
    } else {
        parse_yaml(text, origin)
    }
}

fn parse_json(text: &str, origin: &str) -> Result<Node, Error> {
    serde_json::from_str(text).map_err(|error| {
        let (line, column) = (error.line(), error.column());
        let message = error.to_string();
        let suffix = format!(" at line {line} column {column}");
        Error::Parse {
            origin: origin.to_owned(),
            format: "JSON",
            line,
            column,
            message: message.strip_suffix(&suffix).unwrap_or(&message).to_owned(),
        }
    })
}

fn parse_yaml(text: &str, origin: &str) -> Result<Node, Error> {
    serde_yaml::from_str(text).map_err(|error| {
        let (line, column) = error
            .location()
            .map_or((0, 0), |location| (location.line(), location.column()));
        let message = error.to_string();
        let located = format!(" at line {line} column {column}");
        Error::Parse {
            origin: origin.to_owned(),
            format: "YAML",
            line,
            column,
            message: message.replacen(&located, "", 1),
        }
    })
}

/// Checks the fields that the rest of the tool relies on: `openapi` is `3.0.x`, `paths` is
/// an object, and `components` with its sections, where present, are objects.
pub fn validate_openapi_30(document: &Node, origin: &str) -> Result<(), Error> {
    let invalid = |pointer: Pointer, reason: String| Error::NotOpenApi30 {
        origin: origin.to_owned(),
        pointer,
        reason,
    };
    let root = Pointer::root();
    let Some(map) = document.as_object() else {
        let reason = format!(
            "the top level is {}, expected an object",
            document.type_phrase()
        );
        return Err(invalid(root, reason));
    };
    if let Some(swagger) = map.get("swagger") {
        let reason = format!(
            "it declares `swagger: {}` (Swagger 2.0), so convert it to OpenAPI 3.0 first",
            scalar_text(swagger)
        );
        return Err(invalid(root.child("swagger"), reason));
    }
    check_version(map.get("openapi"), &root)
        .map_err(|(pointer, reason)| invalid(pointer, reason))?;
    check_object(map.get("paths"), &root.child("paths"), true)
        .map_err(|(pointer, reason)| invalid(pointer, reason))?;
    let components = root.child("components");
    check_object(map.get("components"), &components, false)
        .map_err(|(pointer, reason)| invalid(pointer, reason))?;
    if let Some(sections) = map.get("components").and_then(Node::as_object) {
        for (name, section) in sections {
            if !name.starts_with("x-") {
                check_object(Some(section), &components.child(name), true)
                    .map_err(|(pointer, reason)| invalid(pointer, reason))?;
            }
        }
    }
    Ok(())
}

type Invalid = (Pointer, String);

fn check_version(version: Option<&Node>, root: &Pointer) -> Result<(), Invalid> {
    let pointer = root.child("openapi");
    match version {
        None => Err((root.clone(), "the `openapi` field is missing".to_owned())),
        Some(Node::String(text)) if is_version_30(text) => Ok(()),
        Some(Node::String(text)) => Err((
            pointer,
            format!("`openapi` is \"{text}\", but only versions 3.0.0 to 3.0.x are supported"),
        )),
        Some(other) => Err((
            pointer,
            format!(
                "`openapi` is {}, expected a version string such as \"3.0.1\"",
                other.type_phrase()
            ),
        )),
    }
}

fn is_version_30(text: &str) -> bool {
    text.strip_prefix("3.0.")
        .is_some_and(|patch| !patch.is_empty() && patch.chars().all(|c| c.is_ascii_digit()))
}

fn check_object(value: Option<&Node>, pointer: &Pointer, required: bool) -> Result<(), Invalid> {
    let name = pointer.tokens().last().map_or("", String::as_str);
    match value {
        None if required => Err((pointer.clone(), format!("`{name}` is missing"))),
        None | Some(Node::Object(_)) => Ok(()),
        Some(other) => Err((
            pointer.clone(),
            format!("`{name}` is {}, expected an object", other.type_phrase()),
        )),
    }
}

fn scalar_text(node: &Node) -> String {
    match node {
        Node::String(text) => text.clone(),
        Node::Number(number) => number.to_string(),
        other => other.type_name().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(result: Result<Node, Error>) -> String {
        result.unwrap_err().to_string()
    }

    #[test]
    fn json_syntax_error_has_line_and_column() {
        let error = message(load("{\"openapi\": \"3.0.1\",\n \"paths\" {}}", "in.json"));
        assert_eq!(
            error,
            "invalid JSON in in.json at line 2, column 10: expected `:`"
        );
    }

    #[test]
    fn yaml_syntax_error_has_line_and_column() {
        let error = message(load("openapi: 3.0.1\npaths: [1,\n", "in.yaml"));
        assert!(
            error.starts_with("invalid YAML in in.yaml at line 3, column 1: "),
            "{error}"
        );
    }

    #[test]
    fn swagger_2_is_rejected() {
        let error = message(load("{\"swagger\": \"2.0\", \"paths\": {}}", "in.json"));
        assert_eq!(
            error,
            "in.json is not an OpenAPI 3.0.x document: it declares `swagger: 2.0` (Swagger 2.0), \
             so convert it to OpenAPI 3.0 first (at /swagger)"
        );
    }

    #[test]
    fn openapi_31_is_rejected() {
        let error = message(load("openapi: 3.1.0\npaths: {}\n", "in.yaml"));
        assert_eq!(
            error,
            "in.yaml is not an OpenAPI 3.0.x document: `openapi` is \"3.1.0\", but only versions \
             3.0.0 to 3.0.x are supported (at /openapi)"
        );
    }

    #[test]
    fn numeric_openapi_field_is_rejected() {
        let error = message(load("openapi: 3.0\npaths: {}\n", "in.yaml"));
        assert!(error.contains("`openapi` is a number"), "{error}");
    }

    #[test]
    fn missing_paths_is_rejected() {
        let error = message(load("openapi: 3.0.3\n", "in.yaml"));
        assert!(error.ends_with("`paths` is missing (at /paths)"), "{error}");
    }

    #[test]
    fn non_object_schemas_section_is_rejected() {
        let error = message(load(
            "openapi: 3.0.3\npaths: {}\ncomponents:\n  schemas: []\n",
            "in.yaml",
        ));
        assert!(
            error.ends_with("`schemas` is an array, expected an object (at /components/schemas)"),
            "{error}"
        );
    }

    #[test]
    fn scalar_document_is_rejected() {
        let error = message(load("just text\n", "in.yaml"));
        assert!(error.contains("the top level is a string"), "{error}");
    }

    #[test]
    fn byte_order_mark_is_skipped() {
        let node = load("\u{feff}{\"openapi\": \"3.0.0\", \"paths\": {}}", "in.json").unwrap();
        assert_eq!(node.get("openapi").and_then(Node::as_str), Some("3.0.0"));
    }
}
