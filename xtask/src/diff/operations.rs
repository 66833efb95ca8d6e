//! Diff of operations: added and removed operations, and for operations in both documents
//! their operationId, parameters, request body, responses and other members.

use indexmap::IndexMap;

use super::{change, describe, members, union_keys};
use crate::classify;
use crate::merge::operation_ref;
use crate::node::Node;
use crate::openapi;
use crate::report::{Change, ChangeKind, Item, OperationRef};

/// An operation with the parameters it inherits from its path item.
struct Operation<'a> {
    reference: OperationRef,
    node: &'a Node,
    /// Effective parameters in order, keyed by `in` and `name` (or by `$ref`).
    parameters: IndexMap<(String, String), &'a Node>,
}

type OperationKey = (String, String);

pub(super) fn diff(old: &Node, new: &Node, changes: &mut Vec<Change>) {
    let old_operations = operations(old);
    let new_operations = operations(new);
    for (key, new_operation) in &new_operations {
        match old_operations.get(key) {
            None => changes.push(change(
                Item::Operation(new_operation.reference.clone()),
                ChangeKind::Added { required: None },
                classify::operation_added(),
            )),
            Some(old_operation) => diff_operation(old_operation, new_operation, changes),
        }
    }
    for (key, old_operation) in &old_operations {
        if !new_operations.contains_key(key) {
            changes.push(change(
                Item::Operation(old_operation.reference.clone()),
                ChangeKind::Removed,
                classify::operation_removed(),
            ));
        }
    }
}

/// Lists the operations of a document in order, keyed by path and method.
fn operations(document: &Node) -> IndexMap<OperationKey, Operation<'_>> {
    let mut found = IndexMap::new();
    for (path, item) in members(document.get("paths").unwrap_or(&Node::Null)) {
        let inherited = item.get("parameters");
        for (method, node) in members(item) {
            if !openapi::is_method(method) {
                continue;
            }
            let operation = Operation {
                reference: operation_ref(path, method, node),
                node,
                parameters: effective_parameters(inherited, node.get("parameters")),
            };
            found.insert((path.clone(), method.clone()), operation);
        }
    }
    found
}

/// Combines path-level and operation-level parameters. An operation-level parameter replaces
/// the path-level one with the same `in` and `name`.
fn effective_parameters<'a>(
    inherited: Option<&'a Node>,
    own: Option<&'a Node>,
) -> IndexMap<(String, String), &'a Node> {
    let mut parameters = IndexMap::new();
    for parameter in own.and_then(Node::as_array).unwrap_or_default() {
        parameters.insert(parameter_key(parameter), parameter);
    }
    for parameter in inherited.and_then(Node::as_array).unwrap_or_default() {
        parameters
            .entry(parameter_key(parameter))
            .or_insert(parameter);
    }
    parameters
}

fn parameter_key(parameter: &Node) -> (String, String) {
    let text = |key: &str| {
        parameter
            .get(key)
            .and_then(Node::as_str)
            .unwrap_or("")
            .to_owned()
    };
    match parameter.get("$ref").and_then(Node::as_str) {
        Some(target) => ("$ref".to_owned(), target.to_owned()),
        None => (text("in"), text("name")),
    }
}

fn diff_operation(old: &Operation, new: &Operation, changes: &mut Vec<Change>) {
    if old.node == new.node {
        return;
    }
    let reference = &new.reference;
    if old.reference.operation_id != new.reference.operation_id {
        let show = |id: &Option<String>| id.clone().unwrap_or_else(|| "(none)".to_owned());
        changes.push(change(
            Item::Operation(reference.clone()),
            ChangeKind::Changed {
                detail: format!(
                    "operationId {} -> {}",
                    show(&old.reference.operation_id),
                    show(&new.reference.operation_id)
                ),
            },
            classify::operation_renamed(),
        ));
    }
    diff_parameters(reference, &old.parameters, &new.parameters, changes);
    diff_request_body(
        reference,
        old.node.get("requestBody"),
        new.node.get("requestBody"),
        changes,
    );
    diff_responses(
        reference,
        old.node.get("responses"),
        new.node.get("responses"),
        changes,
    );
    diff_other_members(reference, old.node, new.node, changes);
}

fn parameter_item(operation: &OperationRef, key: &(String, String)) -> Item {
    Item::Parameter {
        operation: operation.clone(),
        location: key.0.clone(),
        name: key.1.clone(),
    }
}

fn is_required(node: &Node) -> bool {
    node.get("required").and_then(Node::as_bool) == Some(true)
}

fn diff_parameters(
    operation: &OperationRef,
    old: &IndexMap<(String, String), &Node>,
    new: &IndexMap<(String, String), &Node>,
    changes: &mut Vec<Change>,
) {
    for (key, new_parameter) in new {
        let item = parameter_item(operation, key);
        let Some(old_parameter) = old.get(key) else {
            let required = is_required(new_parameter);
            let kind = ChangeKind::Added {
                required: Some(required),
            };
            changes.push(change(item, kind, classify::parameter_added(required)));
            continue;
        };
        diff_parameter(item, old_parameter, new_parameter, changes);
    }
    for key in old.keys().filter(|key| !new.contains_key(*key)) {
        let item = parameter_item(operation, key);
        changes.push(change(
            item,
            ChangeKind::Removed,
            classify::parameter_removed(),
        ));
    }
    let old_order: Vec<&(String, String)> =
        old.keys().filter(|key| new.contains_key(*key)).collect();
    let new_order: Vec<&(String, String)> =
        new.keys().filter(|key| old.contains_key(*key)).collect();
    if old_order != new_order {
        let names = |order: Vec<&(String, String)>| order.iter().map(|key| key.1.clone()).collect();
        let kind = ChangeKind::Reordered {
            old: names(old_order),
            new: names(new_order),
        };
        changes.push(change(
            Item::Operation(operation.clone()),
            kind,
            classify::parameters_reordered(),
        ));
    }
}

fn diff_parameter(item: Item, old: &Node, new: &Node, changes: &mut Vec<Change>) {
    if old == new {
        return;
    }
    let (old_required, new_required) = (is_required(old), is_required(new));
    if old_required != new_required {
        let kind = ChangeKind::RequiredChanged {
            required: new_required,
        };
        changes.push(change(
            item.clone(),
            kind,
            classify::parameter_required_changed(),
        ));
    }
    let (old_schema, new_schema) = (old.get("schema"), new.get("schema"));
    if old_schema != new_schema {
        let show =
            |schema: Option<&Node>| schema.map_or_else(|| "none".to_owned(), describe::schema);
        let kind = ChangeKind::Retyped {
            old: show(old_schema),
            new: show(new_schema),
        };
        changes.push(change(item.clone(), kind, classify::parameter_retyped()));
    }
    let rest = |node: &Node| without(node, &["required", "schema"]);
    let (old_rest, new_rest) = (rest(old), rest(new));
    if old_rest != new_rest {
        let kind = ChangeKind::Changed {
            detail: describe::differing_members(&old_rest, &new_rest),
        };
        changes.push(change(item, kind, classify::parameter_changed()));
    }
}

/// Returns a copy of object `node` without the members `keys`.
fn without(node: &Node, keys: &[&str]) -> Node {
    let kept = members(node)
        .iter()
        .filter(|(key, _)| !keys.contains(&key.as_str()))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    Node::Object(kept)
}

fn diff_request_body(
    operation: &OperationRef,
    old: Option<&Node>,
    new: Option<&Node>,
    changes: &mut Vec<Change>,
) {
    let item = Item::RequestBody {
        operation: operation.clone(),
    };
    let (old, new) = match (old, new) {
        (None, None) => return,
        (None, Some(new)) => {
            let kind = ChangeKind::Added {
                required: Some(is_required(new)),
            };
            changes.push(change(item, kind, classify::request_body_added()));
            return;
        }
        (Some(_), None) => {
            changes.push(change(
                item,
                ChangeKind::Removed,
                classify::request_body_removed(),
            ));
            return;
        }
        (Some(old), Some(new)) if old == new => return,
        (Some(old), Some(new)) => (old, new),
    };
    if is_required(old) != is_required(new) {
        let kind = ChangeKind::RequiredChanged {
            required: is_required(new),
        };
        changes.push(change(
            item.clone(),
            kind,
            classify::request_body_required_changed(),
        ));
    }
    let (old_content, new_content) = (describe::content(old), describe::content(new));
    if old_content != new_content {
        let kind = ChangeKind::Retyped {
            old: old_content,
            new: new_content,
        };
        changes.push(change(item, kind, classify::request_body_retyped()));
    } else if without(old, &["required"]) != without(new, &["required"]) {
        let kind = ChangeKind::Changed {
            detail: describe::differing_members(old, new),
        };
        changes.push(change(item, kind, classify::request_body_changed()));
    }
}

fn diff_responses(
    operation: &OperationRef,
    old: Option<&Node>,
    new: Option<&Node>,
    changes: &mut Vec<Change>,
) {
    let old = members(old.unwrap_or(&Node::Null));
    let new = members(new.unwrap_or(&Node::Null));
    for status in union_keys(old, new) {
        let kind = match (old.get(status), new.get(status)) {
            (None, Some(_)) => ChangeKind::Added { required: None },
            (Some(_), None) => ChangeKind::Removed,
            (Some(old_response), Some(new_response)) if old_response != new_response => {
                response_change(old_response, new_response)
            }
            _ => continue,
        };
        let item = Item::Response {
            operation: operation.clone(),
            status: status.clone(),
        };
        changes.push(change(item, kind, classify::response_changed(status)));
    }
}

fn response_change(old: &Node, new: &Node) -> ChangeKind {
    let (old_content, new_content) = (describe::content(old), describe::content(new));
    if old_content != new_content {
        ChangeKind::Retyped {
            old: old_content,
            new: new_content,
        }
    } else {
        ChangeKind::Changed {
            detail: describe::differing_members(old, new),
        }
    }
}

/// Compares the operation members that the functions above do not cover.
fn diff_other_members(operation: &OperationRef, old: &Node, new: &Node, changes: &mut Vec<Change>) {
    const COVERED: [&str; 4] = ["operationId", "parameters", "requestBody", "responses"];
    let (old, new) = (members(old), members(new));
    for key in union_keys(old, new) {
        if COVERED.contains(&key.as_str()) {
            continue;
        }
        let Some(detail) = member_change(old.get(key), new.get(key)) else {
            continue;
        };
        changes.push(change(
            Item::Operation(operation.clone()),
            ChangeKind::Changed {
                detail: format!("`{key}` {detail}"),
            },
            classify::operation_member_changed(key),
        ));
    }
}

/// Returns `added`, `removed` or `changed` for a member that differs, `None` when equal.
fn member_change(old: Option<&Node>, new: Option<&Node>) -> Option<&'static str> {
    match (old, new) {
        (None, Some(_)) => Some("added"),
        (Some(_), None) => Some("removed"),
        (Some(old), Some(new)) if old != new => Some("changed"),
        _ => None,
    }
}

/// Compares the members of path items in both documents other than operations and
/// `parameters`, which the operations' effective parameters already cover.
pub(super) fn diff_path_items(old: &Node, new: &Node, changes: &mut Vec<Change>) {
    let old_paths = members(old.get("paths").unwrap_or(&Node::Null));
    let new_paths = members(new.get("paths").unwrap_or(&Node::Null));
    for (path, new_item) in new_paths {
        let Some(old_item) = old_paths.get(path) else {
            continue;
        };
        let (old_members, new_members) = (members(old_item), members(new_item));
        for key in union_keys(old_members, new_members) {
            if openapi::is_method(key) || key == "parameters" {
                continue;
            }
            let Some(detail) = member_change(old_members.get(key), new_members.get(key)) else {
                continue;
            };
            changes.push(change(
                Item::PathItem { path: path.clone() },
                ChangeKind::Changed {
                    detail: format!("`{key}` {detail}"),
                },
                classify::path_item_changed(),
            ));
        }
    }
}
