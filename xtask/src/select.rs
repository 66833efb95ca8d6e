//! Selection of the auth operations and every component they reach from an upstream document.

use std::collections::{HashSet, VecDeque};

use indexmap::IndexSet;

use crate::error::Error;
use crate::node::{Map, Node};
use crate::openapi;
use crate::pointer::Pointer;
use crate::refs::{self, RefUse};

/// Path prefix of SimSage's auth operations, the default selection.
pub const DEFAULT_PREFIX: &str = "/api/auth/";

/// Filters that choose the operations regen takes from the upstream document. When both are
/// set, an operation must pass both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// An operation is selected when its path starts with this text.
    pub prefix: Option<String>,
    /// An operation is selected when its `tags` list contains this tag.
    pub tag: Option<String>,
}

impl Default for Selection {
    fn default() -> Self {
        Self {
            prefix: Some(DEFAULT_PREFIX.to_owned()),
            tag: None,
        }
    }
}

impl Selection {
    fn prefix_matches(&self, path: &str) -> bool {
        self.prefix
            .as_deref()
            .is_none_or(|prefix| path.starts_with(prefix))
    }

    fn matches(&self, path: &str, operation: &Node) -> bool {
        let prefix_matches = self.prefix_matches(path);
        let tag_matches = self.tag.as_deref().is_none_or(|tag| {
            operation
                .get("tags")
                .and_then(Node::as_array)
                .is_some_and(|tags| tags.iter().any(|t| t.as_str() == Some(tag)))
        });
        prefix_matches && tag_matches
    }

    /// Describes the selection for messages, such as `paths under /api/auth/`.
    pub fn describe(&self) -> String {
        match (&self.prefix, &self.tag) {
            (Some(prefix), Some(tag)) => format!("paths under {prefix} with tag `{tag}`"),
            (Some(prefix), None) => format!("paths under {prefix}"),
            (None, Some(tag)) => format!("tag `{tag}`"),
            (None, None) => "all paths".to_owned(),
        }
    }
}

/// The selected part of an upstream document: a complete OpenAPI document that contains only
/// the selected operations and the components they reach, still with upstream's text.
#[derive(Debug, Clone)]
pub struct Selected {
    pub document: Node,
    pub operation_count: usize,
    pub schema_count: usize,
}

/// A component addressed as `#/components/<section>/<name>`.
type ComponentKey = (String, String);

/// Selects operations and the transitive closure of the components they reference.
///
/// Errors when no operation matches, when a reference points to a component that does not
/// exist, and when a reference leaves `#/components/` (other documents or other parts).
pub fn select(upstream: &Node, selection: &Selection, origin: &str) -> Result<Selected, Error> {
    let (paths, operation_count) = select_paths(upstream, selection, origin)?;
    if operation_count == 0 {
        return Err(Error::NoOperations {
            origin: origin.to_owned(),
            selection: selection.describe(),
        });
    }
    let mut reached = reach_components(upstream, &paths, origin)?;
    add_security_schemes(upstream, &paths, origin, &mut reached)?;
    let schema_count = reached
        .iter()
        .filter(|(section, _)| section == "schemas")
        .count();
    let document = build_document(upstream, paths, &reached);
    Ok(Selected {
        document,
        operation_count,
        schema_count,
    })
}

/// Returns the selected path items, each with only its selected operations, and their count.
fn select_paths(
    upstream: &Node,
    selection: &Selection,
    origin: &str,
) -> Result<(Map, usize), Error> {
    let mut selected = Map::new();
    let mut count = 0;
    let paths_pointer = Pointer::root().child("paths");
    for (path, item) in upstream
        .get("paths")
        .and_then(Node::as_object)
        .into_iter()
        .flatten()
    {
        // Paths outside the prefix are skipped unread, so that a flaw there does not matter.
        if !selection.prefix_matches(path) {
            continue;
        }
        let pointer = paths_pointer.child(path);
        let item_map = expect_object(item, &pointer, "path item", origin)?;
        if let Some(target) = item_map.get("$ref").and_then(Node::as_str) {
            return Err(Error::UnsupportedRef {
                origin: origin.to_owned(),
                target: target.to_owned(),
                pointer,
            });
        }
        let mut selected_item = Map::new();
        let mut selected_operations = 0;
        for (key, value) in item_map {
            if !openapi::is_method(key) {
                selected_item.insert(key.clone(), value.clone());
                continue;
            }
            expect_object(value, &pointer.child(key), "operation", origin)?;
            if selection.matches(path, value) {
                selected_item.insert(key.clone(), value.clone());
                selected_operations += 1;
            }
        }
        if selected_operations > 0 {
            selected.insert(path.clone(), Node::Object(selected_item));
            count += selected_operations;
        }
    }
    Ok((selected, count))
}

/// Returns `node` as an object, or an error that calls it `kind` ("operation").
fn expect_object<'a>(
    node: &'a Node,
    pointer: &Pointer,
    kind: &str,
    origin: &str,
) -> Result<&'a Map, Error> {
    node.as_object().ok_or_else(|| Error::NotOpenApi30 {
        origin: origin.to_owned(),
        pointer: pointer.clone(),
        reason: format!("the {kind} is {}, expected an object", node.type_phrase()),
    })
}

/// Follows references breadth-first from the selected paths and returns every component
/// reached, in the order first reached.
fn reach_components(
    upstream: &Node,
    paths: &Map,
    origin: &str,
) -> Result<IndexSet<ComponentKey>, Error> {
    let mut queue = VecDeque::new();
    for (path, item) in paths {
        let mut found = Vec::new();
        refs::collect_refs(
            item,
            &Pointer::root().child("paths").child(path),
            &mut found,
        );
        queue.extend(found);
    }
    let mut reached = IndexSet::new();
    while let Some(use_) = queue.pop_front() {
        let key = resolve_component(upstream, &use_, origin)?;
        if reached.contains(&key) {
            continue;
        }
        let (section, name) = &key;
        if let Some(component) = component(upstream, section, name) {
            let at = Pointer::from_tokens(["components", section.as_str(), name.as_str()]);
            let mut found = Vec::new();
            refs::collect_refs(component, &at, &mut found);
            queue.extend(found);
        }
        reached.insert(key);
    }
    Ok(reached)
}

fn resolve_component(upstream: &Node, use_: &RefUse, origin: &str) -> Result<ComponentKey, Error> {
    let Some((section, name)) = refs::component_of_ref(&use_.target) else {
        return Err(Error::UnsupportedRef {
            origin: origin.to_owned(),
            target: use_.target.clone(),
            pointer: use_.at.clone(),
        });
    };
    if component(upstream, &section, &name).is_none() {
        return Err(Error::MissingRef {
            origin: origin.to_owned(),
            target: use_.target.clone(),
            pointer: use_.at.clone(),
        });
    }
    Ok((section, name))
}

fn component<'a>(upstream: &'a Node, section: &str, name: &str) -> Option<&'a Node> {
    upstream.get("components")?.get(section)?.get(name)
}

/// Adds the security schemes that the document-level `security` and the selected operations'
/// `security` lists name. Those lists name schemes directly instead of through `$ref`.
fn add_security_schemes(
    upstream: &Node,
    paths: &Map,
    origin: &str,
    reached: &mut IndexSet<ComponentKey>,
) -> Result<(), Error> {
    let mut uses = Vec::new();
    if let Some(security) = upstream.get("security") {
        uses.push((security, Pointer::root().child("security")));
    }
    for (path, item) in paths {
        for (method, operation) in item.as_object().into_iter().flatten() {
            if let (true, Some(security)) = (openapi::is_method(method), operation.get("security"))
            {
                let pointer = Pointer::from_tokens(["paths", path.as_str(), method.as_str()]);
                uses.push((security, pointer.child("security")));
            }
        }
    }
    for (security, pointer) in uses {
        for requirement in security.as_array().into_iter().flatten() {
            for name in requirement
                .as_object()
                .into_iter()
                .flatten()
                .map(|(name, _)| name)
            {
                if component(upstream, "securitySchemes", name).is_none() {
                    return Err(Error::MissingRef {
                        origin: origin.to_owned(),
                        target: format!("#/components/securitySchemes/{name}"),
                        pointer,
                    });
                }
                reached.insert(("securitySchemes".to_owned(), name.clone()));
            }
        }
    }
    Ok(())
}

/// Builds the selected document in upstream's member order.
fn build_document(upstream: &Node, paths: Map, reached: &IndexSet<ComponentKey>) -> Node {
    let used_tags = used_tags(&paths);
    let mut document = Map::new();
    let mut paths = Some(paths);
    for (key, value) in upstream.as_object().into_iter().flatten() {
        match key.as_str() {
            "paths" => {
                document.insert(key.clone(), Node::Object(paths.take().unwrap_or_default()));
            }
            "components" => {
                if let Some(components) = select_components(value, reached) {
                    document.insert(key.clone(), components);
                }
            }
            "tags" => {
                if let Some(tags) = select_tags(value, &used_tags) {
                    document.insert(key.clone(), tags);
                }
            }
            _ => {
                document.insert(key.clone(), value.clone());
            }
        }
    }
    Node::Object(document)
}

fn used_tags(paths: &Map) -> HashSet<String> {
    let operations = paths
        .values()
        .filter_map(Node::as_object)
        .flat_map(|item| item.iter())
        .filter(|(key, _)| openapi::is_method(key))
        .map(|(_, operation)| operation);
    operations
        .filter_map(|operation| operation.get("tags").and_then(Node::as_array))
        .flatten()
        .filter_map(Node::as_str)
        .map(str::to_owned)
        .collect()
}

fn select_components(components: &Node, reached: &IndexSet<ComponentKey>) -> Option<Node> {
    let mut selected = Map::new();
    for (section, entries) in components.as_object().into_iter().flatten() {
        if openapi::is_extension(section) {
            selected.insert(section.clone(), entries.clone());
            continue;
        }
        let reached_entries: Map = entries
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(name, _)| reached.contains(&(section.clone(), (*name).clone())))
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect();
        if !reached_entries.is_empty() {
            selected.insert(section.clone(), Node::Object(reached_entries));
        }
    }
    (!selected.is_empty()).then_some(Node::Object(selected))
}

fn select_tags(tags: &Node, used: &HashSet<String>) -> Option<Node> {
    let selected_tags: Vec<Node> = tags
        .as_array()
        .into_iter()
        .flatten()
        .filter(|tag| {
            tag.get("name")
                .and_then(Node::as_str)
                .is_some_and(|name| used.contains(name))
        })
        .cloned()
        .collect();
    (!selected_tags.is_empty()).then_some(Node::Array(selected_tags))
}
