//! Collection of `$ref` uses inside a part of an OpenAPI document.

use crate::node::Node;
use crate::openapi;
use crate::pointer::Pointer;

/// One `$ref` value and where it occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefUse {
    /// The reference as written, such as `#/components/schemas/CMGroup`.
    pub target: String,
    /// Pointer to the object that contains the `$ref`.
    pub at: Pointer,
}

/// Appends every reference inside `node`, an OpenAPI object located at `at`, to `out`.
///
/// References inside sample values (`example`, `examples`), literal data (`default`, `enum`)
/// and extensions are not followed, because they are data, not references. Discriminator
/// mapping values count as schema references, where a bare name `X` means
/// `#/components/schemas/X`.
pub fn collect_refs(node: &Node, at: &Pointer, out: &mut Vec<RefUse>) {
    match node {
        Node::Object(map) => {
            for (key, value) in map {
                let child = at.child(key);
                if key == "$ref" {
                    if let Some(target) = value.as_str() {
                        out.push(RefUse {
                            target: target.to_owned(),
                            at: at.clone(),
                        });
                    }
                } else if openapi::is_example(key)
                    || openapi::is_data(key)
                    || openapi::is_extension(key)
                {
                    continue;
                } else if key == "discriminator" {
                    collect_mapping_refs(value, &child, out);
                } else if openapi::is_name_map(key) && value.as_object().is_some() {
                    collect_name_map_refs(value, &child, out);
                } else {
                    collect_refs(value, &child, out);
                }
            }
        }
        Node::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                collect_refs(item, &at.child(index), out);
            }
        }
        _ => {}
    }
}

fn collect_name_map_refs(map: &Node, at: &Pointer, out: &mut Vec<RefUse>) {
    for (name, value) in map.as_object().into_iter().flatten() {
        collect_refs(value, &at.child(name), out);
    }
}

fn collect_mapping_refs(discriminator: &Node, at: &Pointer, out: &mut Vec<RefUse>) {
    let mapping = discriminator.get("mapping").and_then(Node::as_object);
    for (name, value) in mapping.into_iter().flatten() {
        let Some(target) = value.as_str() else {
            continue;
        };
        let target = if target.contains('/') || target.starts_with('#') {
            target.to_owned()
        } else {
            format!("#/components/schemas/{target}")
        };
        out.push(RefUse {
            target,
            at: at.child("mapping").child(name),
        });
    }
}

/// Splits `#/components/<section>/<name>` into section and name (unescaped).
pub fn component_of_ref(target: &str) -> Option<(String, String)> {
    let pointer = Pointer::from_local_ref(target)?;
    match pointer.tokens() {
        [components, section, name] if components == "components" => {
            Some((section.clone(), name.clone()))
        }
        _ => None,
    }
}

/// Returns the schema name of a `#/components/schemas/<name>` reference.
pub fn schema_name_of_ref(target: &str) -> Option<String> {
    match component_of_ref(target) {
        Some((section, name)) if section == "schemas" => Some(name),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(json: &str) -> Vec<String> {
        let node: Node = serde_json::from_str(json).unwrap();
        let mut out = Vec::new();
        collect_refs(&node, &Pointer::root(), &mut out);
        out.into_iter().map(|use_| use_.target).collect()
    }

    #[test]
    fn refs_are_found_in_nested_keywords() {
        let found = targets(
            r##"{"allOf": [{"$ref": "#/components/schemas/A"}],
                "properties": {"b": {"items": {"$ref": "#/components/schemas/B"}}},
                "additionalProperties": {"$ref": "#/components/schemas/C"}}"##,
        );
        assert_eq!(
            found,
            [
                "#/components/schemas/A",
                "#/components/schemas/B",
                "#/components/schemas/C"
            ]
        );
    }

    #[test]
    fn examples_and_data_are_not_followed() {
        let found = targets(
            r##"{"example": {"$ref": "#/components/schemas/A"},
                "default": {"$ref": "#/components/schemas/B"},
                "x-extra": {"$ref": "#/components/schemas/C"}}"##,
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn property_named_example_is_followed() {
        let found = targets(r##"{"properties": {"example": {"$ref": "#/components/schemas/A"}}}"##);
        assert_eq!(found, ["#/components/schemas/A"]);
    }

    #[test]
    fn discriminator_mapping_names_schemas() {
        let found = targets(
            r##"{"discriminator": {"propertyName": "kind",
                 "mapping": {"a": "#/components/schemas/A", "b": "B"}}}"##,
        );
        assert_eq!(found, ["#/components/schemas/A", "#/components/schemas/B"]);
    }

    #[test]
    fn component_of_ref_splits_section_and_name() {
        assert_eq!(
            component_of_ref("#/components/schemas/A~1B"),
            Some(("schemas".to_owned(), "A/B".to_owned()))
        );
        assert_eq!(component_of_ref("#/components/schemas"), None);
        assert_eq!(component_of_ref("#/paths/x"), None);
    }
}
