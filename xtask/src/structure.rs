//! The structure of a document: everything except prose, samples, extensions and the
//! top-level metadata (`info`, `servers`, `tags`, `externalDocs`).
//!
//! Two documents with equal structure generate the same Rust API; `--check` compares them.

use crate::node::{Map, Node};
use crate::openapi;

/// Returns `document` without `description`, `summary`, `example`, `examples`, `x-*`
/// members and the top-level metadata.
pub fn strip(document: &Node) -> Node {
    match document {
        Node::Object(map) => Node::Object(strip_object(map, true)),
        other => strip_value(other),
    }
}

fn strip_value(node: &Node) -> Node {
    match node {
        Node::Object(map) => Node::Object(strip_object(map, false)),
        Node::Array(items) => Node::Array(items.iter().map(strip_value).collect()),
        scalar => scalar.clone(),
    }
}

fn strip_object(map: &Map, top_level: bool) -> Map {
    let mut stripped = Map::new();
    for (key, value) in map {
        let prose_or_sample =
            openapi::is_text(key) || openapi::is_example(key) || openapi::is_extension(key);
        if prose_or_sample || (top_level && openapi::is_document_metadata(key)) {
            continue;
        }
        let stripped_value = if openapi::is_data(key) {
            value.clone()
        } else if let (true, Some(entries)) = (openapi::is_name_map(key), value.as_object()) {
            let entries = entries
                .iter()
                .map(|(name, entry)| (name.clone(), strip_value(entry)))
                .collect();
            Node::Object(entries)
        } else {
            strip_value(value)
        };
        stripped.insert(key.clone(), stripped_value);
    }
    stripped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(json: &str) -> Node {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn prose_samples_and_extensions_are_removed() {
        let stripped = strip(&node(
            r#"{"openapi": "3.0.1", "info": {"title": "t"}, "servers": [],
                "paths": {"/a": {"get": {"summary": "s", "description": "d",
                  "x-sensitive": true, "operationId": "a", "responses": {}}}}}"#,
        ));
        let expected = node(
            r#"{"openapi": "3.0.1", "paths": {"/a": {"get": {"operationId": "a", "responses": {}}}}}"#,
        );
        assert_eq!(stripped, expected);
    }

    #[test]
    fn properties_named_like_keywords_stay() {
        let stripped = strip(&node(
            r#"{"components": {"schemas": {"A": {"properties": {
                "description": {"type": "string", "description": "d"},
                "example": {"type": "integer", "example": 1}}}}}}"#,
        ));
        let expected = node(
            r#"{"components": {"schemas": {"A": {"properties": {
                "description": {"type": "string"}, "example": {"type": "integer"}}}}}}"#,
        );
        assert_eq!(stripped, expected);
    }

    #[test]
    fn literal_data_is_kept_whole() {
        let stripped = strip(&node(
            r#"{"default": {"description": "kept"}, "enum": ["x-a"]}"#,
        ));
        let expected = node(r#"{"default": {"description": "kept"}, "enum": ["x-a"]}"#);
        assert_eq!(stripped, expected);
    }

    #[test]
    fn nested_servers_are_structure() {
        let stripped = strip(&node(r#"{"paths": {"/a": {"servers": [{"url": "u"}]}}}"#));
        assert_eq!(
            stripped,
            node(r#"{"paths": {"/a": {"servers": [{"url": "u"}]}}}"#)
        );
    }
}
