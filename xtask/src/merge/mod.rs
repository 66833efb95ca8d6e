//! Merging of upstream structure with the project's own text from the current `openapi.yaml`.
//!
//! The output takes its structure from upstream and, for every object that `openapi.yaml`
//! already has, its `description`, `summary` and `x-*` extensions from `openapi.yaml`. The
//! top-level metadata (`info`, `servers`, `tags`, `externalDocs`) also comes from
//! `openapi.yaml`, and from upstream only when there is no `openapi.yaml` yet. Upstream
//! `example` and `examples` are dropped everywhere.
//!
//! Objects are matched by position in the tree: members by key, entries of name maps
//! (`paths`, `properties`, `responses`, …) by name, parameters by `name` and `in`, other
//! array elements by `$ref`, by `name` or by index.
//!
//! Member order: name-map entries follow upstream order, because that order is structure
//! (paths, properties, status codes). The keywords of an object keep the order they have in
//! `openapi.yaml`, and a keyword new upstream goes after the keyword that precedes it
//! upstream. So a second run over the same input changes nothing, and an upstream change
//! touches only the lines it concerns.

use std::collections::HashMap;

use indexmap::IndexSet;

mod order;
mod place;

use crate::node::{Map, Node};
use crate::openapi;
use crate::report::{Item, WordingNeed, WordingReason};

use order::{matching_element, order_members};
pub use place::operation_ref;
use place::{Place, carries_prose};

/// The merged document and the items that still need the project's wording.
#[derive(Debug, Clone)]
pub struct Merged {
    pub document: Node,
    pub wording: Vec<WordingNeed>,
}

/// Merges the selected upstream document with `ours`, the current `openapi.yaml` if any.
pub fn merge(upstream: &Node, ours: Option<&Node>) -> Merged {
    let mut merger = Merger::default();
    let document = merger.merge_value(upstream, ours, &Place::Root, false);
    Merged {
        document,
        wording: merger.into_wording(),
    }
}

/// Returns the text members that the project writes for `item`.
fn expected_text(item: &Item) -> &'static [&'static str] {
    match item {
        Item::Operation(_) => &["summary", "description"],
        Item::Parameter { .. }
        | Item::RequestBody { .. }
        | Item::Response { .. }
        | Item::Schema { .. }
        | Item::Property { .. } => &["description"],
        Item::Document { .. }
        | Item::Location { .. }
        | Item::PathItem { .. }
        | Item::Component { .. } => &[],
    }
}

#[derive(Default)]
struct Merger {
    /// Items in document order, so that the wording list reads top to bottom.
    items: IndexSet<Item>,
    reasons: HashMap<Item, WordingReason>,
}

impl Merger {
    /// Records a wording need. Of several reasons for one item, the most specific is kept.
    fn record(&mut self, item: Item, reason: WordingReason) {
        self.items.insert(item.clone());
        let entry = self.reasons.entry(item).or_insert(reason);
        *entry = (*entry).max(reason);
    }

    fn into_wording(self) -> Vec<WordingNeed> {
        let Merger { items, mut reasons } = self;
        items
            .into_iter()
            .filter_map(|item| {
                let reason = reasons.remove(&item)?;
                Some(WordingNeed { item, reason })
            })
            .collect()
    }

    /// Merges `upstream` with its counterpart in `ours`. `item_new` is true when the item that
    /// contains this value is missing from `ours`.
    fn merge_value(
        &mut self,
        upstream: &Node,
        ours: Option<&Node>,
        place: &Place,
        item_new: bool,
    ) -> Node {
        let item_new = match place {
            Place::Item { item, root: true } => {
                self.items.insert(item.clone());
                if ours.is_none() && carries_prose(item) {
                    self.record(item.clone(), WordingReason::New);
                }
                ours.is_none()
            }
            _ => item_new,
        };
        let merged = match upstream {
            Node::Object(map) => {
                let ours_map = ours.and_then(Node::as_object);
                Node::Object(self.merge_object(map, ours_map, place, item_new))
            }
            Node::Array(items) => {
                let ours_items = ours.and_then(Node::as_array).unwrap_or_default();
                Node::Array(self.merge_array(items, ours_items, place, item_new))
            }
            scalar => scalar.clone(),
        };
        if let (Place::Item { item, root: true }, Node::Object(members)) = (place, &merged)
            && expected_text(item)
                .iter()
                .any(|key| !members.contains_key(*key))
        {
            self.record(item.clone(), WordingReason::Missing);
        }
        merged
    }

    fn merge_object(
        &mut self,
        upstream: &Map,
        ours: Option<&Map>,
        place: &Place,
        item_new: bool,
    ) -> Map {
        let mut merged = Map::new();
        for (key, value) in upstream {
            if openapi::is_example(key) {
                continue;
            }
            if place.owns(key) {
                if ours.is_none() {
                    self.record_upstream_text(place, key, item_new);
                    merged.insert(key.clone(), value.clone());
                }
                continue;
            }
            let ours_value = ours.and_then(|map| map.get(key));
            let merged_value = if openapi::is_data(key) {
                value.clone()
            } else if openapi::is_name_map(key) && value.as_object().is_some() {
                self.merge_name_map(value, ours_value, place, key, item_new)
            } else if let Node::Array(items) = value {
                let ours_items = ours_value.and_then(Node::as_array).unwrap_or_default();
                Node::Array(self.merge_array_member(items, ours_items, place, key, item_new))
            } else {
                self.merge_value(value, ours_value, &place.member(key, value), item_new)
            };
            merged.insert(key.clone(), merged_value);
        }
        if let Some(ours) = ours {
            self.take_owned_members(upstream, ours, place, &mut merged);
        }
        order_members(merged, ours)
    }

    /// Records that upstream's text under member `key` went into the output.
    fn record_upstream_text(&mut self, place: &Place, key: &str, item_new: bool) {
        let reason = if item_new {
            WordingReason::New
        } else {
            WordingReason::UpstreamText
        };
        if matches!(place, Place::Root) {
            // Upstream's metadata is used only when there is no `openapi.yaml`.
            if openapi::is_document_metadata(key) {
                let key = key.to_owned();
                self.record(Item::Document { key }, WordingReason::New);
            }
        } else if openapi::is_text(key) {
            self.record(place.report_item(), reason);
        }
    }

    /// Copies the members that the project words (text, extensions, top-level metadata)
    /// from `ours`, and records text that is still identical to upstream's.
    fn take_owned_members(&mut self, upstream: &Map, ours: &Map, place: &Place, merged: &mut Map) {
        for (key, value) in ours {
            if !place.owns(key) {
                continue;
            }
            if openapi::is_text(key) && upstream.get(key) == Some(value) {
                self.record(place.report_item(), WordingReason::UpstreamText);
            }
            merged.insert(key.clone(), value.clone());
        }
    }

    fn merge_name_map(
        &mut self,
        upstream: &Node,
        ours: Option<&Node>,
        place: &Place,
        key: &str,
        item_new: bool,
    ) -> Node {
        let mut merged = Map::new();
        for (name, value) in upstream.as_object().into_iter().flatten() {
            let ours_value = ours.and_then(|map| map.get(name));
            let entry_place = place.entry(key, name);
            merged.insert(
                name.clone(),
                self.merge_value(value, ours_value, &entry_place, item_new),
            );
        }
        Node::Object(merged)
    }

    /// Merges an array member `key` whose elements are placed by [`Place::element`].
    fn merge_array_member(
        &mut self,
        upstream: &[Node],
        ours: &[Node],
        place: &Place,
        key: &str,
        item_new: bool,
    ) -> Vec<Node> {
        let mut merged = Vec::with_capacity(upstream.len());
        for (index, element) in upstream.iter().enumerate() {
            let ours_element = matching_element(element, ours, index);
            let element_place = place.element(key, element);
            merged.push(self.merge_value(element, ours_element, &element_place, item_new));
        }
        merged
    }

    /// Merges an array that is not an object member: a name-map entry or an element of
    /// another array. Its elements belong to the enclosing item.
    fn merge_array(
        &mut self,
        upstream: &[Node],
        ours: &[Node],
        place: &Place,
        item_new: bool,
    ) -> Vec<Node> {
        let within = Place::within(place.report_item());
        upstream
            .iter()
            .enumerate()
            .map(|(index, element)| {
                let ours_element = matching_element(element, ours, index);
                self.merge_value(element, ours_element, &within, item_new)
            })
            .collect()
    }
}
