//! Order-preserving document tree that the parsers build and every later stage reads.
//!
//! Mapping keys are always strings: a YAML key such as `200:` becomes the string `"200"`, as
//! OpenAPI requires. Equality of two objects ignores key order, like equality of JSON objects.

use std::fmt;

use indexmap::IndexMap;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// Members of an object, in document order.
pub type Map = IndexMap<String, Node>;

/// A JSON-compatible value parsed from a JSON or YAML document.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Node>),
    Object(Map),
}

impl Node {
    /// Returns the member `key` when `self` is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_object().and_then(|map| map.get(key))
    }

    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Node::Object(map) => Some(map),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node]> {
        match self {
            Node::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Node::Bool(value) => Some(*value),
            _ => None,
        }
    }

    /// Returns the JSON name of the value's type, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "boolean",
            Node::Number(_) => "number",
            Node::String(_) => "string",
            Node::Array(_) => "array",
            Node::Object(_) => "object",
        }
    }

    /// Returns the JSON name of the value's type with its indefinite article ("an object").
    pub fn type_phrase(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Number(_) => "a number",
            Node::String(_) => "a string",
            Node::Array(_) => "an array",
            Node::Object(_) => "an object",
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a JSON-compatible value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Node, E> {
        Ok(Node::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Node, E> {
        Ok(Node::Number(value.into()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Node, E> {
        Ok(Node::Number(value.into()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Node, E> {
        serde_json::Number::from_f64(value)
            .map(Node::Number)
            .ok_or_else(|| E::custom(format!("number {value} cannot be represented in JSON")))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Node, E> {
        Ok(Node::String(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Node, E> {
        Ok(Node::String(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Node, A::Error> {
        let mut map = Map::new();
        while let Some(MapKey(key)) = access.next_key()? {
            if map.contains_key(&key) {
                return Err(de::Error::custom(format!("duplicate key `{key}`")));
            }
            let value = access.next_value()?;
            map.insert(key, value);
        }
        Ok(Node::Object(map))
    }
}

/// A mapping key read as text, whatever scalar type the parser saw.
struct MapKey(String);

impl<'de> Deserialize<'de> for MapKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(MapKeyVisitor)
    }
}

struct MapKeyVisitor;

impl Visitor<'_> for MapKeyVisitor {
    type Value = MapKey;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a string, number or boolean mapping key")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<MapKey, E> {
        Ok(MapKey(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<MapKey, E> {
        Ok(MapKey(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<MapKey, E> {
        Ok(MapKey(value.to_string()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<MapKey, E> {
        Ok(MapKey(value.to_string()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<MapKey, E> {
        Ok(MapKey(value.to_string()))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<MapKey, E> {
        Ok(MapKey(value.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_integer_keys_become_strings() {
        let node: Node = serde_yaml::from_str("responses:\n  200:\n    description: ok\n").unwrap();
        let responses = node.get("responses").and_then(Node::as_object).unwrap();
        assert_eq!(responses.keys().collect::<Vec<_>>(), ["200"]);
    }

    #[test]
    fn json_member_order_is_kept() {
        let node: Node = serde_json::from_str(r#"{"b": 1, "a": 2, "c": 3}"#).unwrap();
        let keys: Vec<_> = node.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["b", "a", "c"]);
    }

    #[test]
    fn duplicate_keys_are_rejected() {
        let error = serde_json::from_str::<Node>(r#"{"a": 1, "a": 2}"#).unwrap_err();
        assert!(error.to_string().contains("duplicate key `a`"), "{error}");
    }

    #[test]
    fn object_equality_ignores_order() {
        let first: Node = serde_json::from_str(r#"{"a": 1, "b": 2}"#).unwrap();
        let second: Node = serde_json::from_str(r#"{"b": 2, "a": 1}"#).unwrap();
        assert_eq!(first, second);
    }
}
