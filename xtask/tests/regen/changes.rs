//! The change report: every kind of change and its classification.

use xtask::node::Node;
use xtask::{ChangeKind, Impact, Mode, SemverBump};

use crate::{Scratch, fixture, insert, json, upstream_v1, write_upstream};

const USERS: &str = "listUsers (GET /api/auth/users/{organisationId}/{filter})";

fn added(required: Option<bool>) -> ChangeKind {
    ChangeKind::Added { required }
}

fn retyped(old: &str, new: &str) -> ChangeKind {
    ChangeKind::Retyped {
        old: old.to_owned(),
        new: new.to_owned(),
    }
}

/// Lists the changes as (item, kind, impact), the parts that tests compare.
fn summary(changes: &[xtask::Change]) -> Vec<(String, ChangeKind, Impact)> {
    changes
        .iter()
        .map(|change| (change.item.to_string(), change.kind.clone(), change.impact))
        .collect()
}

#[test]
fn v1_to_v2_changes_are_classified() {
    let scratch = Scratch::with_spec("ours-v1.yaml");
    let outcome = scratch.regen(&fixture("upstream-v2.json"), Mode::DryRun);
    let group = "saveGroup (PUT /api/auth/group)";
    let expected = vec![
        (
            format!("header parameter `session-id` of {group}"),
            ChangeKind::Removed,
            Impact::Breaking,
        ),
        (
            format!("response 500 of {group}"),
            added(None),
            Impact::Additive,
        ),
        (
            format!("path parameter `organisationId` of {USERS}"),
            retyped("string", "integer (int64)"),
            Impact::Breaking,
        ),
        (
            format!("path parameter `filter` of {USERS}"),
            ChangeKind::RequiredChanged { required: false },
            Impact::Breaking,
        ),
        (
            format!("query parameter `page` of {USERS}"),
            added(Some(true)),
            Impact::Breaking,
        ),
        (
            format!("header parameter `API-Version` of {USERS}"),
            added(Some(false)),
            Impact::Breaking,
        ),
        (
            format!("response 200 of {USERS}"),
            retyped(
                "application/json: UserList",
                "application/json: array of User",
            ),
            Impact::Breaking,
        ),
        (
            "operation groupInfo (POST /api/auth/group-info)".to_owned(),
            added(None),
            Impact::Additive,
        ),
        (
            "operation signOut (DELETE /api/auth/sign-out)".to_owned(),
            ChangeKind::Removed,
            Impact::Breaking,
        ),
        (
            "property Session.expires".to_owned(),
            ChangeKind::RequiredChanged { required: true },
            Impact::Breaking,
        ),
        (
            "property Group.owner".to_owned(),
            added(Some(true)),
            Impact::Breaking,
        ),
        (
            "property Member.role".to_owned(),
            added(Some(false)),
            Impact::Breaking,
        ),
        (
            "property User.id".to_owned(),
            retyped("string", "integer (int64)"),
            Impact::Breaking,
        ),
        (
            "property User.nickname".to_owned(),
            added(Some(false)),
            Impact::Additive,
        ),
        (
            "property User.name".to_owned(),
            ChangeKind::Removed,
            Impact::Breaking,
        ),
        ("schema GroupInfo".to_owned(), added(None), Impact::Additive),
        (
            "schema UserList".to_owned(),
            ChangeKind::Removed,
            Impact::Breaking,
        ),
    ];
    assert_eq!(summary(&outcome.report.changes), expected);
    assert_eq!(outcome.report.semver_bump(), SemverBump::Minor);
}

#[test]
fn classification_reasons_name_the_request_schema() {
    let scratch = Scratch::with_spec("ours-v1.yaml");
    let outcome = scratch.regen(&fixture("upstream-v2.json"), Mode::DryRun);
    let member_role = outcome
        .report
        .changes
        .iter()
        .find(|change| change.item.to_string() == "property Member.role")
        .unwrap();
    assert_eq!(
        member_role.reason,
        "Member is part of a request body, so struct literals that build it stop compiling"
    );
}

#[test]
fn report_text_ends_with_version_bump() {
    let scratch = Scratch::with_spec("ours-v1.yaml");
    let outcome = scratch.regen(&fixture("upstream-v2.json"), Mode::DryRun);
    let text = outcome.report.to_string();
    assert!(text.contains("Changes for Rust callers of simsage-auth (13 breaking, 4 additive):"));
    assert!(text.contains(
        "  breaking  property Group.owner added (required)\n            Group is part of a \
         request body, so struct literals that build it stop compiling\n"
    ));
    assert!(text.contains("Version bump: minor (breaking changes, crate is 0.x)\n"));
    assert!(text.contains("  new            property Group.owner\n"));
}

#[test]
fn additive_changes_need_patch_bump() {
    let mut upstream = upstream_v1();
    let session = ["components", "schemas", "Session", "properties"];
    insert(
        &mut upstream,
        &session,
        "device",
        json(r#"{"type": "string"}"#),
    );
    let audit = json(r#"{"type": "object", "properties": {"at": {"type": "string"}}}"#);
    insert(&mut upstream, &["components", "schemas"], "Audit", audit);
    let operation = json(
        r##"{"get": {"operationId": "audit", "responses": {"200": {"description": "d",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Audit"}}}}}}}"##,
    );
    insert(&mut upstream, &["paths"], "/api/auth/audit", operation);

    let sign_in_responses = ["paths", "/api/auth/sign-in", "post", "responses"];
    insert(
        &mut upstream,
        &sign_in_responses,
        "401",
        json(r#"{"description": "d"}"#),
    );

    let scratch = Scratch::with_spec("ours-v1.yaml");
    let outcome = scratch.regen(&write_upstream(&scratch, &upstream), Mode::DryRun);

    let expected = vec![
        (
            "response 401 of signIn (POST /api/auth/sign-in)".to_owned(),
            added(None),
            Impact::Additive,
        ),
        (
            "operation audit (GET /api/auth/audit)".to_owned(),
            added(None),
            Impact::Additive,
        ),
        (
            "property Session.device".to_owned(),
            added(Some(false)),
            Impact::Additive,
        ),
        ("schema Audit".to_owned(), added(None), Impact::Additive),
    ];
    assert_eq!(summary(&outcome.report.changes), expected);
    assert_eq!(outcome.report.semver_bump(), SemverBump::Patch);
    assert!(
        outcome
            .report
            .to_string()
            .contains("Version bump: patch (additive only)\n")
    );
}

#[test]
fn no_change_needs_no_bump() {
    let scratch = Scratch::with_spec("ours-v1.yaml");
    let outcome = scratch.regen(&fixture("upstream-v1.json"), Mode::DryRun);
    assert!(outcome.report.changes.is_empty());
    assert_eq!(outcome.report.semver_bump(), SemverBump::None);
}

fn document(json: serde_json::Value) -> Node {
    serde_json::from_value(json).unwrap()
}

/// Builds a document with one path whose only operation is `operation`.
fn with_operation(operation: serde_json::Value) -> Node {
    document(serde_json::json!({
        "openapi": "3.0.3",
        "paths": {"/api/auth/x": {"post": operation}},
    }))
}

fn header(name: &str, required: bool) -> serde_json::Value {
    serde_json::json!({"name": name, "in": "header", "required": required, "schema": {"type": "string"}})
}

fn diff_summary(old: &Node, new: &Node) -> Vec<(String, ChangeKind, Impact)> {
    summary(&xtask::diff::diff(old, new))
}

#[test]
fn parameter_reorder_is_breaking() {
    let old = with_operation(serde_json::json!({
        "operationId": "x", "parameters": [header("a", true), header("b", true)], "responses": {}}));
    let new = with_operation(serde_json::json!({
        "operationId": "x", "parameters": [header("b", true), header("a", true)], "responses": {}}));
    let expected = vec![(
        "operation x (POST /api/auth/x)".to_owned(),
        ChangeKind::Reordered {
            old: vec!["a".to_owned(), "b".to_owned()],
            new: vec!["b".to_owned(), "a".to_owned()],
        },
        Impact::Breaking,
    )];
    assert_eq!(diff_summary(&old, &new), expected);
}

#[test]
fn operation_id_change_is_breaking() {
    let old = with_operation(serde_json::json!({"operationId": "old", "responses": {}}));
    let new = with_operation(serde_json::json!({"operationId": "new", "responses": {}}));
    let expected = vec![(
        "operation new (POST /api/auth/x)".to_owned(),
        ChangeKind::Changed {
            detail: "operationId old -> new".to_owned(),
        },
        Impact::Breaking,
    )];
    assert_eq!(diff_summary(&old, &new), expected);
}

#[test]
fn request_body_changes_are_breaking() {
    let body = |schema: &str, required: bool| serde_json::json!({"content": {"application/json": {"schema": {"$ref": schema}}}, "required": required});
    let bare = with_operation(serde_json::json!({"operationId": "x", "responses": {}}));
    let with_a = with_operation(serde_json::json!({
        "operationId": "x", "requestBody": body("#/components/schemas/A", true), "responses": {}}));
    let with_b = with_operation(serde_json::json!({
        "operationId": "x", "requestBody": body("#/components/schemas/B", false), "responses": {}}));
    let item = "request body of x (POST /api/auth/x)".to_owned();
    assert_eq!(
        diff_summary(&bare, &with_a),
        vec![(item.clone(), added(Some(true)), Impact::Breaking)]
    );
    assert_eq!(
        diff_summary(&with_a, &bare),
        vec![(item.clone(), ChangeKind::Removed, Impact::Breaking)]
    );
    assert_eq!(
        diff_summary(&with_a, &with_b),
        vec![
            (
                item.clone(),
                ChangeKind::RequiredChanged { required: false },
                Impact::Breaking
            ),
            (
                item,
                retyped("application/json: A", "application/json: B"),
                Impact::Breaking
            ),
        ]
    );
}

#[test]
fn inline_object_properties_are_diffed() {
    let schema = |extra: serde_json::Value| {
        document(
            serde_json::json!({"paths": {}, "components": {"schemas": {"Outer": {
            "type": "object",
            "properties": {"inner": {"type": "object", "properties": extra}}}}}}),
        )
    };
    let old = schema(serde_json::json!({"a": {"type": "string"}}));
    let new = schema(serde_json::json!({"a": {"type": "string"}, "b": {"type": "boolean"}}));
    let expected = vec![(
        "property Outer.inner.b".to_owned(),
        added(Some(false)),
        Impact::Additive,
    )];
    assert_eq!(diff_summary(&old, &new), expected);
}

#[test]
fn unmodelled_difference_is_reported_with_pointer() {
    let schema = |required: serde_json::Value| {
        document(
            serde_json::json!({"paths": {}, "components": {"schemas": {"A": {
            "type": "object", "required": required,
            "properties": {"a": {"type": "string"}, "b": {"type": "string"}}}}}}),
        )
    };
    let old = schema(serde_json::json!(["a", "b"]));
    let new = schema(serde_json::json!(["b", "a"]));
    let changes = xtask::diff::diff(&old, &new);
    assert_eq!(changes.len(), 1);
    assert_eq!(
        changes[0].item.to_string(),
        "location /components/schemas/A/required/0"
    );
    assert_eq!(changes[0].impact, Impact::Breaking);
}

#[test]
fn text_and_extensions_are_not_changes() {
    let old = with_operation(serde_json::json!({
        "operationId": "x", "summary": "a", "x-sensitive": true, "responses": {}}));
    let new = with_operation(serde_json::json!({
        "operationId": "x", "description": "b", "responses": {}}));
    assert!(xtask::diff::diff(&old, &new).is_empty());
}
