//! Matching of array elements and ordering of object members during a merge.

use crate::node::{Map, Node};

/// Finds the counterpart of an upstream array element in `ours`: by `$ref`, by `name` and
/// `in` (parameters), or else by index.
pub(super) fn matching_element<'a>(
    element: &Node,
    ours: &'a [Node],
    index: usize,
) -> Option<&'a Node> {
    let Node::Object(map) = element else {
        return None;
    };
    let identity = |node: &Node| {
        (
            node.get("$ref").and_then(Node::as_str).map(str::to_owned),
            node.get("name").and_then(Node::as_str).map(str::to_owned),
            node.get("in").and_then(Node::as_str).map(str::to_owned),
        )
    };
    if map.contains_key("$ref") || map.contains_key("name") {
        let expected = identity(element);
        return ours
            .iter()
            .find(|candidate| identity(candidate) == expected);
    }
    ours.get(index)
        .filter(|candidate| candidate.as_object().is_some())
}

/// Orders merged members: keys that `ours` has keep `ours`' order, and each other key goes
/// right after the key that precedes it in `merged` (upstream order).
pub(super) fn order_members(merged: Map, ours: Option<&Map>) -> Map {
    let Some(ours) = ours else {
        return merged;
    };
    let mut order: Vec<&String> = ours
        .keys()
        .filter(|key| merged.contains_key(*key))
        .collect();
    let upstream_order: Vec<&String> = merged.keys().collect();
    for (index, key) in upstream_order.iter().enumerate() {
        if order.contains(key) {
            continue;
        }
        let position = upstream_order[..index]
            .iter()
            .rev()
            .find_map(|previous| order.iter().position(|placed| placed == previous))
            .map_or(0, |found| found + 1);
        order.insert(position, key);
    }
    let order: Vec<String> = order.into_iter().cloned().collect();
    let mut merged = merged;
    let mut ordered = Map::with_capacity(merged.len());
    for key in order {
        if let Some(value) = merged.shift_remove(&key) {
            ordered.insert(key, value);
        }
    }
    ordered
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(json: &str) -> Map {
        match serde_json::from_str(json).unwrap() {
            Node::Object(map) => map,
            _ => panic!("not an object"),
        }
    }

    fn keys(map: &Map) -> Vec<&str> {
        map.keys().map(String::as_str).collect()
    }

    #[test]
    fn ours_order_is_kept() {
        let merged = map(r#"{"type": 1, "properties": 2, "description": 3}"#);
        let ours = map(r#"{"description": 0, "type": 0, "properties": 0}"#);
        let ordered = order_members(merged, Some(&ours));
        assert_eq!(keys(&ordered), ["description", "type", "properties"]);
    }

    #[test]
    fn new_key_follows_its_upstream_predecessor() {
        let merged = map(r#"{"type": 1, "format": 2, "description": 3}"#);
        let ours = map(r#"{"description": 0, "type": 0}"#);
        let ordered = order_members(merged, Some(&ours));
        assert_eq!(keys(&ordered), ["description", "type", "format"]);
    }

    #[test]
    fn new_first_key_goes_first() {
        let merged = map(r#"{"required": 1, "type": 2}"#);
        let ours = map(r#"{"type": 0}"#);
        assert_eq!(
            keys(&order_members(merged, Some(&ours))),
            ["required", "type"]
        );
    }

    #[test]
    fn parameters_match_by_name_and_location() {
        let ours: Vec<Node> = serde_json::from_str(
            r#"[{"name": "a", "in": "query", "x": 1}, {"name": "a", "in": "header", "x": 2}]"#,
        )
        .unwrap();
        let upstream: Node = serde_json::from_str(r#"{"name": "a", "in": "header"}"#).unwrap();
        let found = matching_element(&upstream, &ours, 0);
        assert_eq!(found.and_then(|node| node.get("x")), ours[1].get("x"));
    }

    #[test]
    fn other_elements_match_by_index() {
        let ours: Vec<Node> = serde_json::from_str(r#"[{"type": "string"}, 5]"#).unwrap();
        let upstream: Node = serde_json::from_str(r#"{"type": "integer"}"#).unwrap();
        assert_eq!(matching_element(&upstream, &ours, 0), Some(&ours[0]));
        assert_eq!(matching_element(&upstream, &ours, 1), None);
    }
}
