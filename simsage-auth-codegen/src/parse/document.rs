//! Reads the text of an OpenAPI document into `openapiv3` types, with located errors.

use openapiv3::OpenAPI;

use crate::error::{Error, Pointer};

/// Parses YAML or JSON text (JSON is valid YAML) into an OpenAPI 3.0 document.
///
/// Errors carry the JSON pointer of the value that did not fit and, when the YAML parser
/// reports one, its line and column.
pub fn parse_document(text: &str) -> Result<OpenAPI, Error> {
    if text.trim().is_empty() {
        return Err(Error::Parse {
            pointer: "#".to_string(),
            location: None,
            message: "the document is empty".to_string(),
        });
    }
    crate::parse::depth::check_depth(text)?;
    let deserializer = serde_yaml::Deserializer::from_str(text);
    let spec: OpenAPI = serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let pointer = pointer_from_path(error.path());
        let inner = error.into_inner();
        Error::Parse {
            pointer: pointer.to_string(),
            location: inner.location().map(|l| (l.line(), l.column())),
            message: inner.to_string(),
        }
    })?;
    if !spec.openapi.starts_with("3.0.") {
        return Err(Error::unsupported(
            &Pointer::root().join("openapi"),
            format!(
                "OpenAPI version `{}` is not supported; the generator reads OpenAPI 3.0.x",
                spec.openapi
            ),
        ));
    }
    Ok(spec)
}

fn pointer_from_path(path: &serde_path_to_error::Path) -> Pointer {
    use serde_path_to_error::Segment;
    let mut pointer = Pointer::root();
    for segment in path.iter() {
        pointer = match segment {
            Segment::Seq { index } => pointer.index(*index),
            Segment::Map { key } => pointer.join(key),
            Segment::Enum { .. } | Segment::Unknown => pointer,
        };
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_error(text: &str) -> (String, String) {
        match parse_document(text) {
            Err(error) => (error.pointer().to_string(), error.to_string()),
            Ok(_) => panic!("expected an error for {text:?}"),
        }
    }

    #[test]
    fn empty_document_is_rejected() {
        let (pointer, message) = parse_error("  \n");
        assert_eq!(pointer, "#");
        assert!(message.contains("empty"), "{message}");
    }

    #[test]
    fn invalid_yaml_reports_line() {
        let error = parse_document("openapi: 3.0.1\ninfo: [unclosed\n").unwrap_err();
        match error {
            Error::Parse { location, .. } => assert!(location.is_some()),
            other => panic!("unexpected error {other:?}"),
        }
    }

    #[test]
    fn wrong_type_is_located() {
        let text = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: 5\n      responses: {}\n";
        let (pointer, _) = parse_error(text);
        assert_eq!(pointer, "#/paths/~1a/get/operationId");
    }

    #[test]
    fn openapi_31_is_unsupported() {
        let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n";
        let (pointer, message) = parse_error(text);
        assert_eq!(pointer, "#/openapi");
        assert!(message.contains("3.1.0"), "{message}");
    }
}
