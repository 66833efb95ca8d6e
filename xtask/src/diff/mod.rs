//! Structural diff between the old and the new `openapi.yaml`, with every change classified
//! for Rust callers (see [`crate::classify`]).

mod describe;
mod operations;
mod schemas;

use std::collections::HashSet;

use indexmap::IndexSet;

use crate::classify::{self, Verdict};
use crate::node::{Map, Node};
use crate::openapi;
use crate::pointer::Pointer;
use crate::refs;
use crate::report::{Change, ChangeKind, Item};
use crate::structure;

/// Lists the structural changes from `old` to `new`, two whole documents, in document order.
///
/// The list is empty exactly when the two structures are equal: a difference that no rule
/// describes is still reported, at the first pointer where the documents differ.
pub fn diff(old: &Node, new: &Node) -> Vec<Change> {
    let old = structure::strip(old);
    let new = structure::strip(new);
    let mut changes = Vec::new();
    diff_document_members(&old, &new, &mut changes);
    operations::diff(&old, &new, &mut changes);
    operations::diff_path_items(&old, &new, &mut changes);
    let mut in_request = request_schemas(&old);
    in_request.extend(request_schemas(&new));
    schemas::diff(&old, &new, &in_request, &mut changes);
    diff_other_components(&old, &new, &mut changes);
    if changes.is_empty() && old != new {
        let pointer = first_difference(&old, &new, Pointer::root());
        changes.push(change(
            Item::Location {
                pointer: pointer.to_string(),
            },
            ChangeKind::Changed {
                detail: "the structure differs here".to_owned(),
            },
            classify::other_difference(),
        ));
    }
    changes
}

fn change(item: Item, kind: ChangeKind, verdict: Verdict) -> Change {
    Change {
        item,
        kind,
        impact: verdict.impact,
        reason: verdict.reason,
    }
}

fn members(node: &Node) -> &Map {
    static EMPTY: std::sync::LazyLock<Map> = std::sync::LazyLock::new(Map::new);
    node.as_object().unwrap_or(&EMPTY)
}

/// Returns the keys of `new` in order, followed by the keys only `old` has.
fn union_keys<'a>(old: &'a Map, new: &'a Map) -> IndexSet<&'a String> {
    new.keys().chain(old.keys()).collect()
}

/// Describes how a value changed: `3.0.1 -> 3.0.3` for scalars, the changed members otherwise.
fn value_change(old: &Node, new: &Node) -> String {
    match (old, new) {
        (Node::Object(_), Node::Object(_)) => describe::differing_members(old, new),
        (Node::String(old), Node::String(new)) => format!("{old} -> {new}"),
        _ => "value changed".to_owned(),
    }
}

/// Compares the top-level members other than `paths` and `components`.
fn diff_document_members(old: &Node, new: &Node, changes: &mut Vec<Change>) {
    let (old, new) = (members(old), members(new));
    for key in union_keys(old, new) {
        if matches!(key.as_str(), "paths" | "components") {
            continue;
        }
        let kind = match (old.get(key), new.get(key)) {
            (None, Some(_)) => ChangeKind::Added { required: None },
            (Some(_), None) => ChangeKind::Removed,
            (Some(old_value), Some(new_value)) if old_value != new_value => ChangeKind::Changed {
                detail: value_change(old_value, new_value),
            },
            _ => continue,
        };
        let item = Item::Document { key: key.clone() };
        changes.push(change(item, kind, classify::document_member_changed(key)));
    }
}

/// Compares the component sections other than `schemas` entry by entry.
fn diff_other_components(old: &Node, new: &Node, changes: &mut Vec<Change>) {
    let empty = Node::Object(Map::new());
    let old = members(old.get("components").unwrap_or(&empty));
    let new = members(new.get("components").unwrap_or(&empty));
    for section in union_keys(old, new) {
        if section == "schemas" {
            continue;
        }
        let old_entries = members(old.get(section).unwrap_or(&empty));
        let new_entries = members(new.get(section).unwrap_or(&empty));
        for name in union_keys(old_entries, new_entries) {
            let (kind, verdict) = match (old_entries.get(name), new_entries.get(name)) {
                (None, Some(_)) => (
                    ChangeKind::Added { required: None },
                    classify::component_added(),
                ),
                (Some(_), None) => (ChangeKind::Removed, classify::component_changed()),
                (Some(old_entry), Some(new_entry)) if old_entry != new_entry => (
                    ChangeKind::Changed {
                        detail: value_change(old_entry, new_entry),
                    },
                    classify::component_changed(),
                ),
                _ => continue,
            };
            let item = Item::Component {
                section: section.clone(),
                name: name.clone(),
            };
            changes.push(change(item, kind, verdict));
        }
    }
}

/// Returns the names of the schemas that callers build for requests: every schema reachable
/// from a request body or a parameter.
fn request_schemas(document: &Node) -> HashSet<String> {
    let mut found = Vec::new();
    for (path, item) in members(document.get("paths").unwrap_or(&Node::Null)) {
        let path_pointer = Pointer::root().child("paths").child(path);
        if let Some(parameters) = item.get("parameters") {
            refs::collect_refs(parameters, &path_pointer, &mut found);
        }
        for (method, operation) in members(item) {
            if !openapi::is_method(method) {
                continue;
            }
            for key in ["requestBody", "parameters"] {
                if let Some(value) = operation.get(key) {
                    refs::collect_refs(value, &path_pointer.child(method), &mut found);
                }
            }
        }
    }
    reachable_schemas(
        document,
        found.into_iter().map(|use_| use_.target).collect(),
    )
}

/// Follows references from `targets` through the components of `document` and returns the
/// schema names reached.
fn reachable_schemas(document: &Node, mut targets: Vec<String>) -> HashSet<String> {
    let mut seen = HashSet::new();
    let mut schema_names = HashSet::new();
    while let Some(target) = targets.pop() {
        if !seen.insert(target.clone()) {
            continue;
        }
        let Some((section, name)) = refs::component_of_ref(&target) else {
            continue;
        };
        let component = document
            .get("components")
            .and_then(|components| components.get(&section))
            .and_then(|entries| entries.get(&name));
        let Some(component) = component else {
            continue;
        };
        if section == "schemas" {
            schema_names.insert(name);
        }
        let mut found = Vec::new();
        refs::collect_refs(component, &Pointer::root(), &mut found);
        targets.extend(found.into_iter().map(|use_| use_.target));
    }
    schema_names
}

/// Returns the pointer to the first place where `old` and `new` differ.
fn first_difference(old: &Node, new: &Node, pointer: Pointer) -> Pointer {
    match (old, new) {
        (Node::Object(old_map), Node::Object(new_map)) => {
            for key in union_keys(old_map, new_map) {
                match (old_map.get(key), new_map.get(key)) {
                    (Some(old_value), Some(new_value)) if old_value == new_value => {}
                    (Some(old_value), Some(new_value)) => {
                        return first_difference(old_value, new_value, pointer.child(key));
                    }
                    _ => return pointer.child(key),
                }
            }
            pointer
        }
        (Node::Array(old_items), Node::Array(new_items)) if old_items.len() == new_items.len() => {
            let differing = old_items
                .iter()
                .zip(new_items)
                .position(|(old_item, new_item)| old_item != new_item);
            match differing {
                Some(index) => {
                    first_difference(&old_items[index], &new_items[index], pointer.child(index))
                }
                None => pointer,
            }
        }
        _ => pointer,
    }
}
