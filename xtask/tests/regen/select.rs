//! Selection of operations by prefix and tag, and of the schemas they reach.

use xtask::node::Node;
use xtask::select::{self, Selection};

use crate::{Scratch, at, fixture, fixture_text};

fn upstream_v1() -> Node {
    xtask::document::load(&fixture_text("upstream-v1.json"), "upstream-v1.json").unwrap()
}

fn keys(node: &Node) -> Vec<&str> {
    node.as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect()
}

fn selection(prefix: Option<&str>, tag: Option<&str>) -> Selection {
    Selection {
        prefix: prefix.map(str::to_owned),
        tag: tag.map(str::to_owned),
    }
}

#[test]
fn default_prefix_selects_auth_paths() {
    let selected = select::select(&upstream_v1(), &Selection::default(), "v1").unwrap();
    let paths = keys(at(&selected.document, &["paths"]));
    assert_eq!(
        paths,
        [
            "/api/auth/sign-in",
            "/api/auth/group",
            "/api/auth/users/{organisationId}/{filter}",
            "/api/auth/sign-out"
        ]
    );
    assert_eq!(selected.operation_count, 4);
}

#[test]
fn schemas_reached_through_every_kind_of_ref() {
    let selected = select::select(&upstream_v1(), &Selection::default(), "v1").unwrap();
    let schemas = keys(at(&selected.document, &["components", "schemas"]));
    // Upstream order. The comments name the way each schema is reached.
    let expected = [
        "Message",       // response
        "SignInRequest", // request body
        "Session",       // response
        "SortOrder",     // parameter schema
        "Group",         // request body
        "Member",        // array items
        "UserList",      // response
        "User",          // property and array items
        "Role",          // array items inside User
        "Attribute",     // additionalProperties
        "TextValue",     // oneOf
        "NumberValue",   // oneOf
        "Profile",       // allOf
        "Contact",       // anyOf
    ];
    assert_eq!(schemas, expected);
    assert_eq!(selected.schema_count, expected.len());
}

#[test]
fn unreferenced_and_other_schemas_are_left_out() {
    let selected = select::select(&upstream_v1(), &Selection::default(), "v1").unwrap();
    let schemas = at(&selected.document, &["components", "schemas"]);
    assert!(
        schemas.get("Widget").is_none(),
        "Widget is used only by /api/other/"
    );
    assert!(
        schemas.get("Unused").is_none(),
        "Unused is referenced nowhere"
    );
}

#[test]
fn tag_selects_tagged_operations_on_any_path() {
    let selected = select::select(&upstream_v1(), &selection(None, Some("auth")), "v1").unwrap();
    let paths = keys(at(&selected.document, &["paths"]));
    assert_eq!(
        paths,
        [
            "/api/auth/sign-in",
            "/api/auth/group",
            "/api/auth/users/{organisationId}/{filter}",
            "/api/status/ping"
        ]
    );
}

#[test]
fn prefix_and_tag_both_apply() {
    let chosen = selection(Some("/api/auth/"), Some("session"));
    let selected = select::select(&upstream_v1(), &chosen, "v1").unwrap();
    assert_eq!(
        keys(at(&selected.document, &["paths"])),
        ["/api/auth/sign-out"]
    );
    assert_eq!(
        keys(at(&selected.document, &["components", "schemas"])),
        ["Message"]
    );
}

#[test]
fn custom_prefix_selects_other_paths() {
    let chosen = selection(Some("/api/other/"), None);
    let selected = select::select(&upstream_v1(), &chosen, "v1").unwrap();
    assert_eq!(
        keys(at(&selected.document, &["paths"])),
        ["/api/other/widgets"]
    );
    assert_eq!(
        keys(at(&selected.document, &["components", "schemas"])),
        ["Widget"]
    );
}

#[test]
fn only_used_tags_are_kept() {
    let selected = select::select(&upstream_v1(), &Selection::default(), "v1").unwrap();
    let tags: Vec<&str> = at(&selected.document, &["tags"])
        .as_array()
        .unwrap()
        .iter()
        .map(|tag| tag.get("name").and_then(Node::as_str).unwrap())
        .collect();
    assert_eq!(tags, ["auth", "session"]);
}

#[test]
fn examples_are_dropped_from_output() {
    let scratch = Scratch::new();
    scratch.regen(&fixture("upstream-v1.json"), xtask::Mode::Write);
    let text = scratch.spec_text();
    assert!(
        !text.contains("example"),
        "output still has an example:\n{text}"
    );
    let spec = scratch.spec_node();
    let group_properties = at(&spec, &["components", "schemas", "Group", "properties"]);
    assert!(
        group_properties.get("description").is_some(),
        "a property named `description` is structure, not text"
    );
}

#[test]
fn json_and_yaml_inputs_give_same_output() {
    let from_json = Scratch::new();
    from_json.regen(&fixture("upstream-v1.json"), xtask::Mode::Write);
    let from_yaml = Scratch::new();
    from_yaml.regen(&fixture("upstream-v1.yaml"), xtask::Mode::Write);
    assert_eq!(from_json.spec_text(), from_yaml.spec_text());
}
