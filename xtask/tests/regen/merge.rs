//! Keeping the project's text, extensions and metadata, wording needs, and determinism.

use xtask::node::Node;
use xtask::{Item, Mode, SpecStatus, WordingReason};

use crate::{
    Scratch, at, fixture, fixture_text, insert, json, text_at, upstream_v1, write_upstream,
};

const USERS: &str = "/api/auth/users/{organisationId}/{filter}";

/// Runs regen from upstream v2 on a copy of our v1 spec and returns the result.
fn upgraded() -> (Scratch, xtask::Outcome) {
    let scratch = Scratch::with_spec("ours-v1.yaml");
    let outcome = scratch.regen(&fixture("upstream-v2.json"), Mode::Write);
    (scratch, outcome)
}

#[test]
fn our_descriptions_are_kept() {
    let (scratch, _) = upgraded();
    let spec = scratch.spec_node();
    let sign_in = ["paths", "/api/auth/sign-in", "post"];
    assert_eq!(
        text_at(&spec, &[&sign_in[..], &["summary"]].concat()),
        "Our wording for sign in."
    );
    assert_eq!(
        text_at(
            &spec,
            &[&sign_in[..], &["requestBody", "description"]].concat()
        ),
        "Our wording for the sign-in body."
    );
    assert_eq!(
        text_at(
            &spec,
            &["paths", USERS, "get", "parameters", "1", "description"]
        ),
        "Our wording for a text filter."
    );
    assert_eq!(
        text_at(
            &spec,
            &[
                "components",
                "schemas",
                "User",
                "properties",
                "id",
                "description"
            ]
        ),
        "Our wording for the user id.",
        "a retyped property keeps our text"
    );
    assert_eq!(
        text_at(
            &spec,
            &[
                "components",
                "schemas",
                "Session",
                "properties",
                "user",
                "description"
            ]
        ),
        "Our wording for the session's user.",
        "text beside a $ref is kept"
    );
}

#[test]
fn our_extensions_are_kept() {
    let (scratch, _) = upgraded();
    let spec = scratch.spec_node();
    let filter = at(&spec, &["paths", USERS, "get", "parameters", "1"]);
    assert_eq!(
        filter.get("x-empty-value").and_then(Node::as_str),
        Some("null")
    );
    assert_eq!(
        filter.get("x-slash-replacement").and_then(Node::as_str),
        Some(" ")
    );
    let password = at(
        &spec,
        &[
            "components",
            "schemas",
            "SignInRequest",
            "properties",
            "password",
        ],
    );
    assert_eq!(
        password.get("x-sensitive").and_then(Node::as_bool),
        Some(true)
    );
    let text = scratch.spec_text();
    assert!(text.contains("x-empty-value: \"null\"\n"), "{text}");
    assert!(text.contains("x-slash-replacement: \" \"\n"), "{text}");
}

#[test]
fn our_metadata_is_kept() {
    let (scratch, _) = upgraded();
    let spec = scratch.spec_node();
    assert_eq!(text_at(&spec, &["info", "title"]), "Fixture auth API");
    assert_eq!(
        text_at(&spec, &["servers", "0", "url"]),
        "http://127.0.0.1:8080"
    );
    assert!(spec.get("tags").is_none(), "our spec has no top-level tags");
}

#[test]
fn new_items_take_upstream_text() {
    let (scratch, _) = upgraded();
    let spec = scratch.spec_node();
    assert_eq!(
        text_at(&spec, &["paths", "/api/auth/group-info", "post", "summary"]),
        "upstream: group info"
    );
    assert_eq!(
        text_at(
            &spec,
            &[
                "components",
                "schemas",
                "Group",
                "properties",
                "owner",
                "description"
            ]
        ),
        "upstream: the owner"
    );
}

#[test]
fn wording_lists_new_copied_and_missing_text() {
    let (_, outcome) = upgraded();
    let listed: Vec<(String, WordingReason)> = outcome
        .report
        .wording
        .iter()
        .map(|need| (need.item.to_string(), need.reason))
        .collect();
    let users = format!("listUsers (GET {USERS})");
    let group_info = "groupInfo (POST /api/auth/group-info)";
    let expected = vec![
        (
            "response 500 of saveGroup (PUT /api/auth/group)".to_owned(),
            WordingReason::New,
        ),
        (
            format!("query parameter `page` of {users}"),
            WordingReason::New,
        ),
        (
            format!("header parameter `API-Version` of {users}"),
            WordingReason::New,
        ),
        (format!("operation {group_info}"), WordingReason::New),
        (format!("request body of {group_info}"), WordingReason::New),
        (format!("response 200 of {group_info}"), WordingReason::New),
        (
            "property Message.information".to_owned(),
            WordingReason::UpstreamText,
        ),
        ("property Group.owner".to_owned(), WordingReason::New),
        ("property Member.role".to_owned(), WordingReason::New),
        ("property User.nickname".to_owned(), WordingReason::New),
        ("property Contact.phone".to_owned(), WordingReason::Missing),
        ("schema GroupInfo".to_owned(), WordingReason::New),
        (
            "property GroupInfo.groupName".to_owned(),
            WordingReason::New,
        ),
    ];
    assert_eq!(listed, expected);
}

#[test]
fn wording_needs_persist_until_written() {
    let (scratch, _) = upgraded();
    let again = scratch.regen(&fixture("upstream-v2.json"), Mode::DryRun);
    let owner = Item::Property {
        schema: "Group".to_owned(),
        name: "owner".to_owned(),
    };
    let need = again.report.wording.iter().find(|need| need.item == owner);
    assert_eq!(
        need.map(|need| need.reason),
        Some(WordingReason::UpstreamText)
    );
}

#[test]
fn our_member_order_is_kept() {
    let (scratch, _) = upgraded();
    let spec = scratch.spec_node();
    let group = at(&spec, &["components", "schemas", "Group"]);
    let keys: Vec<&String> = group.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["description", "required", "type", "properties"]);
}

#[test]
fn unchanged_upstream_leaves_our_file_byte_identical() {
    let scratch = Scratch::with_spec("ours-v1.yaml");
    let outcome = scratch.regen(&fixture("upstream-v1.json"), Mode::Write);
    assert_eq!(outcome.status, SpecStatus::Unchanged);
    assert_eq!(scratch.spec_text(), fixture_text("ours-v1.yaml"));
    assert!(outcome.report.changes.is_empty());
}

#[test]
fn second_run_is_byte_identical() {
    let (scratch, first) = upgraded();
    assert_eq!(first.status, SpecStatus::Written);
    let after_first = scratch.spec_text();
    let second = scratch.regen(&fixture("upstream-v2.json"), Mode::Write);
    assert_eq!(second.status, SpecStatus::Unchanged);
    assert_eq!(scratch.spec_text(), after_first);
    assert!(second.report.changes.is_empty());
}

#[test]
fn upstream_change_touches_only_its_lines() {
    let mut upstream = upstream_v1();
    let code = json(r#"{"type": "integer", "format": "int32", "description": "upstream: a code"}"#);
    insert(
        &mut upstream,
        &["components", "schemas", "Message", "properties"],
        "code",
        code,
    );
    let scratch = Scratch::with_spec("ours-v1.yaml");
    let source = write_upstream(&scratch, &upstream);
    scratch.regen(&source, Mode::Write);

    let before = fixture_text("ours-v1.yaml");
    let after = scratch.spec_text();
    let before: Vec<&str> = before.lines().collect();
    let after: Vec<&str> = after.lines().collect();
    let first_difference = before
        .iter()
        .zip(&after)
        .take_while(|(b, a)| b == a)
        .count();
    let inserted = &after[first_difference..first_difference + 4];
    assert_eq!(
        inserted,
        [
            "        code:",
            "          type: integer",
            "          format: int32",
            "          description: \"upstream: a code\""
        ]
    );
    assert_eq!(&after[first_difference + 4..], &before[first_difference..]);
}

#[test]
fn first_run_takes_upstream_metadata() {
    let scratch = Scratch::new();
    let outcome = scratch.regen(&fixture("upstream-v1.json"), Mode::Write);
    let spec = scratch.spec_node();
    assert_eq!(text_at(&spec, &["info", "title"]), "Fixture API");
    assert_eq!(
        text_at(&spec, &["servers", "0", "url"]),
        "http://127.0.0.1:9"
    );
    let info = Item::Document {
        key: "info".to_owned(),
    };
    let info_need = outcome.report.wording.iter().find(|need| need.item == info);
    assert_eq!(info_need.map(|need| need.reason), Some(WordingReason::New));
    let operations_listed = outcome
        .report
        .wording
        .iter()
        .filter(|need| matches!(need.item, Item::Operation(_)))
        .count();
    assert_eq!(operations_listed, 4);
}
