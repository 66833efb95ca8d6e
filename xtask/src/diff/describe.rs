//! Short descriptions of schemas, parameters and bodies for the change report.

use crate::node::Node;
use crate::refs;

/// Describes a schema in a few words: `string`, `integer (int64)`, `array of CMGroup`.
pub fn schema(node: &Node) -> String {
    if let Some(target) = node.get("$ref").and_then(Node::as_str) {
        return refs::schema_name_of_ref(target).unwrap_or_else(|| target.to_owned());
    }
    let mut text = base_type(node);
    if let Some(values) = node.get("enum").and_then(Node::as_array) {
        let values: Vec<String> = values.iter().map(scalar).collect();
        text.push_str(&format!(" enum [{}]", values.join(", ")));
    }
    for flag in ["nullable", "readOnly", "writeOnly"] {
        if node.get(flag).and_then(Node::as_bool) == Some(true) {
            text.push_str(", ");
            text.push_str(flag);
        }
    }
    text
}

fn base_type(node: &Node) -> String {
    let format = node.get("format").and_then(Node::as_str);
    match (node.get("type").and_then(Node::as_str), format) {
        (Some("array"), _) => match node.get("items") {
            Some(items) => format!("array of {}", schema(items)),
            None => "array".to_owned(),
        },
        (Some("object"), _) if node.get("properties").is_none() => {
            match node.get("additionalProperties") {
                Some(values @ Node::Object(_)) => format!("map of {}", schema(values)),
                _ => "object".to_owned(),
            }
        }
        (Some("object"), _) => "inline object".to_owned(),
        (Some(name), Some(format)) => format!("{name} ({format})"),
        (Some(name), None) => name.to_owned(),
        (None, _) => composition(node).unwrap_or_else(|| "any".to_owned()),
    }
}

fn composition(node: &Node) -> Option<String> {
    ["allOf", "oneOf", "anyOf"].into_iter().find_map(|key| {
        let parts = node.get(key)?.as_array()?;
        let parts: Vec<String> = parts.iter().map(schema).collect();
        Some(format!("{key} [{}]", parts.join(", ")))
    })
}

fn scalar(node: &Node) -> String {
    match node {
        Node::String(text) => format!("\"{text}\""),
        Node::Number(number) => number.to_string(),
        Node::Bool(value) => value.to_string(),
        Node::Null => "null".to_owned(),
        other => other.type_name().to_owned(),
    }
}

/// Describes the content of a request body or response: `application/json: CMGroup`.
pub fn content(node: &Node) -> String {
    let Some(content) = node.get("content").and_then(Node::as_object) else {
        return "no content".to_owned();
    };
    let parts: Vec<String> = content
        .iter()
        .map(|(media_type, entry)| match entry.get("schema") {
            Some(found) => format!("{media_type}: {}", schema(found)),
            None => media_type.clone(),
        })
        .collect();
    if parts.is_empty() {
        "no content".to_owned()
    } else {
        parts.join("; ")
    }
}

/// Lists the members of two objects whose values differ, for a `changed:` line.
pub fn differing_members(old: &Node, new: &Node) -> String {
    let (Some(old), Some(new)) = (old.as_object(), new.as_object()) else {
        return "value".to_owned();
    };
    let mut keys: Vec<&String> = new
        .keys()
        .filter(|key| old.get(*key) != new.get(*key))
        .collect();
    keys.extend(old.keys().filter(|key| !new.contains_key(*key)));
    let keys: Vec<String> = keys.into_iter().map(|key| format!("`{key}`")).collect();
    format!("{} changed", keys.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn describe(json: &str) -> String {
        schema(&serde_json::from_str(json).unwrap())
    }

    #[test]
    fn schema_descriptions() {
        assert_eq!(describe(r#"{"type": "string"}"#), "string");
        assert_eq!(
            describe(r#"{"type": "integer", "format": "int64"}"#),
            "integer (int64)"
        );
        assert_eq!(
            describe(r##"{"type": "array", "items": {"$ref": "#/components/schemas/G"}}"##),
            "array of G"
        );
        assert_eq!(
            describe(r#"{"type": "object", "additionalProperties": {"type": "string"}}"#),
            "map of string"
        );
        assert_eq!(
            describe(r#"{"type": "string", "enum": ["1"]}"#),
            "string enum [\"1\"]"
        );
        assert_eq!(
            describe(r#"{"type": "boolean", "writeOnly": true}"#),
            "boolean, writeOnly"
        );
        assert_eq!(
            describe(r##"{"allOf": [{"$ref": "#/components/schemas/A"}]}"##),
            "allOf [A]"
        );
    }

    #[test]
    fn differing_members_lists_changed_and_removed() {
        let old = serde_json::from_str(r#"{"a": 1, "b": 2, "c": 3}"#).unwrap();
        let new = serde_json::from_str(r#"{"a": 1, "b": 5, "d": 4}"#).unwrap();
        assert_eq!(differing_members(&old, &new), "`b`, `d`, `c` changed");
    }
}
