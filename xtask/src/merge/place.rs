//! Positions in the document during a merge, and the report item each position belongs to.

use crate::node::Node;
use crate::openapi;
use crate::report::{Item, OperationRef};

/// Where in the document a value sits, which decides how its members are matched and which
/// item of the report its text belongs to.
#[derive(Debug, Clone)]
pub(super) enum Place {
    Root,
    Components,
    PathItem(String),
    /// Inside a reportable item; `root` is true for the item's own object.
    Item {
        item: Item,
        root: bool,
    },
}

impl Place {
    pub(super) fn within(item: Item) -> Self {
        Place::Item { item, root: false }
    }

    pub(super) fn item_root(item: Item) -> Self {
        Place::Item { item, root: true }
    }

    /// Returns the report item that text found at this place belongs to.
    pub(super) fn report_item(&self) -> Item {
        match self {
            Place::Root | Place::Components => Item::Document {
                key: "(root)".to_owned(),
            },
            Place::PathItem(path) => Item::PathItem { path: path.clone() },
            Place::Item { item, .. } => item.clone(),
        }
    }

    /// Returns whether members named `key` are the project's to word at this place.
    pub(super) fn owns(&self, key: &str) -> bool {
        openapi::is_text(key)
            || openapi::is_extension(key)
            || (matches!(self, Place::Root) && openapi::is_document_metadata(key))
    }

    /// Returns the place of an object or array stored under member `key`.
    pub(super) fn member(&self, key: &str, value: &Node) -> Place {
        match self {
            Place::Root if key == "components" => Place::Components,
            Place::Root => Place::item_root(Item::Document {
                key: key.to_owned(),
            }),
            Place::PathItem(path) if openapi::is_method(key) => {
                Place::item_root(Item::Operation(operation_ref(path, key, value)))
            }
            Place::Item {
                item: Item::Operation(operation),
                root: true,
            } if key == "requestBody" => Place::item_root(Item::RequestBody {
                operation: operation.clone(),
            }),
            _ => Place::within(self.report_item()),
        }
    }

    /// Returns the place of entry `name` of the name map stored under member `key`.
    pub(super) fn entry(&self, key: &str, name: &str) -> Place {
        match (self, key) {
            (Place::Root, "paths") => Place::PathItem(name.to_owned()),
            (Place::Components, "schemas") => Place::item_root(Item::Schema {
                name: name.to_owned(),
            }),
            (Place::Components, section) => Place::item_root(Item::Component {
                section: section.to_owned(),
                name: name.to_owned(),
            }),
            (
                Place::Item {
                    item: Item::Operation(operation),
                    root: true,
                },
                "responses",
            ) => Place::item_root(Item::Response {
                operation: operation.clone(),
                status: name.to_owned(),
            }),
            (Place::Item { item, .. }, "properties") => match property_item(item, name) {
                Some(property) => Place::item_root(property),
                None => Place::within(item.clone()),
            },
            _ => Place::within(self.report_item()),
        }
    }

    /// Returns the place of an element of the array stored under member `key`.
    pub(super) fn element(&self, key: &str, element: &Node) -> Place {
        let name = element.get("name").and_then(Node::as_str);
        match (self, key, name) {
            (
                Place::Item {
                    item: Item::Operation(operation),
                    root: true,
                },
                "parameters",
                Some(name),
            ) => Place::item_root(Item::Parameter {
                operation: operation.clone(),
                location: element
                    .get("in")
                    .and_then(Node::as_str)
                    .unwrap_or("")
                    .to_owned(),
                name: name.to_owned(),
            }),
            _ => self.member(key, element),
        }
    }
}

/// Returns the report item of property `name` inside a schema or property, or `None` when
/// `item` is neither.
fn property_item(item: &Item, name: &str) -> Option<Item> {
    match item {
        Item::Schema { name: schema } => Some(Item::Property {
            schema: schema.clone(),
            name: name.to_owned(),
        }),
        Item::Property {
            schema,
            name: parent,
        } => Some(Item::Property {
            schema: schema.clone(),
            name: format!("{parent}.{name}"),
        }),
        _ => None,
    }
}

/// Returns whether the report lists `item` as needing wording when it is new. Document-level
/// members and path items are listed only when they bring upstream text.
pub(super) fn carries_prose(item: &Item) -> bool {
    !matches!(item, Item::Document { .. } | Item::PathItem { .. })
}

/// Builds the reference to the operation under `method` of path `path`.
pub fn operation_ref(path: &str, method: &str, operation: &Node) -> OperationRef {
    OperationRef {
        method: method.to_ascii_uppercase(),
        path: path.to_owned(),
        operation_id: operation
            .get("operationId")
            .and_then(Node::as_str)
            .map(str::to_owned),
    }
}
