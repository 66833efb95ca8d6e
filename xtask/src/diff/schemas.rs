//! Diff of component schemas: added and removed schemas, and for schemas in both documents
//! their properties (added, removed, retyped, changed between required and optional) and
//! other keywords. Properties of inline object schemas are compared recursively.

use std::collections::HashSet;

use super::{change, describe, members, union_keys};
use crate::classify;
use crate::node::Node;
use crate::report::{Change, ChangeKind, Item};

pub(super) fn diff(
    old: &Node,
    new: &Node,
    in_request: &HashSet<String>,
    changes: &mut Vec<Change>,
) {
    let schemas = |document: &Node| {
        document
            .get("components")
            .and_then(|components| components.get("schemas"))
            .cloned()
            .unwrap_or(Node::Null)
    };
    let (old_schemas, new_schemas) = (schemas(old), schemas(new));
    let (old_schemas, new_schemas) = (members(&old_schemas), members(&new_schemas));
    for name in union_keys(old_schemas, new_schemas) {
        let item = Item::Schema { name: name.clone() };
        match (old_schemas.get(name), new_schemas.get(name)) {
            (None, Some(_)) => changes.push(change(
                item,
                ChangeKind::Added { required: None },
                classify::schema_added(),
            )),
            (Some(_), None) => {
                changes.push(change(
                    item,
                    ChangeKind::Removed,
                    classify::schema_removed(),
                ));
            }
            (Some(old_schema), Some(new_schema)) => {
                let owner = Owner {
                    schema: name,
                    path: None,
                    in_request: in_request.contains(name),
                };
                diff_schema(&owner, old_schema, new_schema, changes);
            }
            (None, None) => {}
        }
    }
}

/// The schema whose properties are being compared, or a property with an inline object
/// schema inside it (`path` is then the dotted property path).
struct Owner<'a> {
    schema: &'a str,
    path: Option<String>,
    /// Whether callers build this schema for a request body or parameter.
    in_request: bool,
}

impl Owner<'_> {
    fn item(&self) -> Item {
        match &self.path {
            None => Item::Schema {
                name: self.schema.to_owned(),
            },
            Some(path) => Item::Property {
                schema: self.schema.to_owned(),
                name: path.clone(),
            },
        }
    }

    fn property_path(&self, property: &str) -> String {
        match &self.path {
            None => property.to_owned(),
            Some(path) => format!("{path}.{property}"),
        }
    }

    fn property_item(&self, property: &str) -> Item {
        Item::Property {
            schema: self.schema.to_owned(),
            name: self.property_path(property),
        }
    }

    fn nested(&self, property: &str) -> Owner<'_> {
        Owner {
            schema: self.schema,
            path: Some(self.property_path(property)),
            in_request: self.in_request,
        }
    }
}

fn has_properties(schema: &Node) -> bool {
    schema.get("properties").and_then(Node::as_object).is_some()
}

/// Compares two versions of the schema (or inline object) that `owner` names.
fn diff_schema(owner: &Owner, old: &Node, new: &Node, changes: &mut Vec<Change>) {
    if old == new {
        return;
    }
    if has_properties(old) && has_properties(new) {
        diff_properties(owner, old, new, changes);
        diff_other_keywords(owner, old, new, changes);
        return;
    }
    let (old_type, new_type) = (describe::schema(old), describe::schema(new));
    let kind = if old_type != new_type {
        ChangeKind::Retyped {
            old: old_type,
            new: new_type,
        }
    } else {
        ChangeKind::Changed {
            detail: describe::differing_members(old, new),
        }
    };
    let verdict = match owner.path {
        None => classify::schema_changed(),
        Some(_) => classify::property_retyped(),
    };
    changes.push(change(owner.item(), kind, verdict));
}

fn required_names(schema: &Node) -> HashSet<&str> {
    let names = schema
        .get("required")
        .and_then(Node::as_array)
        .unwrap_or_default();
    names.iter().filter_map(Node::as_str).collect()
}

fn diff_properties(owner: &Owner, old: &Node, new: &Node, changes: &mut Vec<Change>) {
    let (old_required, new_required) = (required_names(old), required_names(new));
    let old_properties = members(old.get("properties").unwrap_or(&Node::Null));
    let new_properties = members(new.get("properties").unwrap_or(&Node::Null));
    for name in union_keys(old_properties, new_properties) {
        let item = owner.property_item(name);
        let now_required = new_required.contains(name.as_str());
        match (old_properties.get(name), new_properties.get(name)) {
            (None, Some(_)) => {
                let kind = ChangeKind::Added {
                    required: Some(now_required),
                };
                let verdict = classify::property_added(owner.schema, owner.in_request);
                changes.push(change(item, kind, verdict));
            }
            (Some(_), None) => {
                changes.push(change(
                    item,
                    ChangeKind::Removed,
                    classify::property_removed(),
                ));
            }
            (Some(old_property), Some(new_property)) => {
                if old_required.contains(name.as_str()) != now_required {
                    let kind = ChangeKind::RequiredChanged {
                        required: now_required,
                    };
                    changes.push(change(item, kind, classify::property_required_changed()));
                }
                diff_schema(&owner.nested(name), old_property, new_property, changes);
            }
            (None, None) => {}
        }
    }
}

/// Compares the keywords of an object schema other than `properties` and `required`.
fn diff_other_keywords(owner: &Owner, old: &Node, new: &Node, changes: &mut Vec<Change>) {
    let rest = |schema: &Node| -> Node {
        let other_keywords = members(schema)
            .iter()
            .filter(|(key, _)| key.as_str() != "properties" && key.as_str() != "required")
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect();
        Node::Object(other_keywords)
    };
    let (old_rest, new_rest) = (rest(old), rest(new));
    if old_rest != new_rest {
        let kind = ChangeKind::Changed {
            detail: describe::differing_members(&old_rest, &new_rest),
        };
        changes.push(change(owner.item(), kind, classify::schema_changed()));
    }
}
