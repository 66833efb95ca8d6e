//! Path encoding and header checks, observed on the wire.
//!
//! These tests use `RawServer`, which records the request line byte for byte, rather than
//! httpmock, whose matchers see the request only after hyper has parsed it. That way the
//! expected paths below are exactly what SimSage would receive, and a rejected argument
//! can be checked to have opened no TCP connection at all.

use simsage_auth::Error;
use simsage_auth_tests::client_for;
use simsage_auth_tests::fixtures::{self, ids};
use simsage_auth_tests::raw_server::{RawResponse, RawServer};

const SESSION_ID: &str = ids::SESSION_MORGAN;
const ORGANISATION_ID: &str = ids::ORGANISATION_LOGISTICS;

/// Ordinary path values and the segments that must appear on the wire.
const SEGMENT_CASES: [(&str, &str); 14] = [
    ("Domain Users", "Domain%20Users"),
    ("a+b", "a%2Bb"),
    ("100%", "100%25"),
    ("what?", "what%3F"),
    ("#1", "%231"),
    ("Zoë", "Zo%C3%AB"),
    ("Finance & Audit", "Finance%20%26%20Audit"),
    ("a;b=c", "a%3Bb%3Dc"),
    ("x-y_z.w~", "x-y_z.w~"),
    ("%2F", "%252F"),
    ("%2e%2e", "%252e%252e"),
    ("...", "..."),
    ("a\\b", "a%5Cb"),
    ("日本", "%E6%97%A5%E6%9C%AC"),
];

/// Filter values and the segments that must appear on the wire.
const FILTER_CASES: [(&str, &str); 7] = [
    ("", "null"),
    ("a/b", "a%20b"),
    ("/", "%20"),
    ("Raman / Hale", "Raman%20%20%20Hale"),
    ("Zoë Lambert", "Zo%C3%AB%20Lambert"),
    ("a+b", "a%2Bb"),
    ("50%", "50%25"),
];

async fn start_server() -> RawServer {
    RawServer::start(RawResponse::ok_json(fixtures::GROUP_DELETED)).await
}

/// Returns the error of an operation that must fail, or panics naming `call`.
fn expect_invalid(result: Result<impl std::fmt::Debug, Error>, call: &str) -> Error {
    match result {
        Ok(value) => panic!("{call} must be rejected, but it returned {value:?}"),
        Err(error) => error,
    }
}

/// Panics unless `error` is `Error::InvalidParameter` for `operation` and `parameter`.
fn assert_invalid_parameter(error: &Error, operation: &str, parameter: &str, call: &str) {
    let Error::InvalidParameter {
        operation: actual_operation,
        parameter: actual_parameter,
        ..
    } = error
    else {
        panic!("{call} must fail with Error::InvalidParameter, got {error:?}");
    };
    assert_eq!(
        *actual_operation, operation,
        "{call} must name the operation"
    );
    assert_eq!(
        *actual_parameter, parameter,
        "{call} must name the parameter"
    );
    assert_eq!(error.status(), None, "{call} must have no HTTP status");
}

/// Panics if `server` accepted a connection or received a request.
fn assert_nothing_sent(server: &RawServer, call: &str) {
    assert_eq!(server.connections(), 0, "{call} must not open a connection");
    assert!(
        server.requests().is_empty(),
        "{call} must not send a request"
    );
}

// ---------------------------------------------------------------------------------------
// Path values that are sent
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn path_segment_encoding_table() {
    let server = start_server().await;
    let client = client_for(&server.base_url());

    for (value, _) in SEGMENT_CASES {
        let result = client
            .delete_group(ORGANISATION_ID, value, SESSION_ID)
            .await;
        assert!(
            result.is_ok(),
            "delete_group with the name {value:?} failed: {:?}",
            result.err()
        );
    }

    let requests = server.requests();
    assert_eq!(
        requests.len(),
        SEGMENT_CASES.len(),
        "every case must send one request"
    );
    for ((value, encoded), request) in SEGMENT_CASES.iter().zip(&requests) {
        let expected_line = format!("DELETE /api/auth/group/{ORGANISATION_ID}/{encoded} HTTP/1.1");
        assert_eq!(
            request.request_line, expected_line,
            "the name {value:?} must be sent as {encoded:?}"
        );
    }
}

#[tokio::test]
async fn filter_segment_encoding_table() {
    let server = start_server().await;
    let client = client_for(&server.base_url());

    for (value, _) in FILTER_CASES {
        // Only the request line is checked here, so the decoded page is ignored.
        let _ = client
            .get_users_paginated(ORGANISATION_ID, 2, 25, value, SESSION_ID)
            .await;
    }

    let requests = server.requests();
    assert_eq!(
        requests.len(),
        FILTER_CASES.len(),
        "every case must send one request"
    );
    for ((value, encoded), request) in FILTER_CASES.iter().zip(&requests) {
        let expected_target = format!("/api/auth/users-paginated/{ORGANISATION_ID}/2/25/{encoded}");
        assert_eq!(
            request.target, expected_target,
            "the filter {value:?} must be sent as {encoded:?}"
        );
    }
}

#[tokio::test]
async fn organisation_filter_slash_becomes_space() {
    let server = start_server().await;
    let client = client_for(&server.base_url());

    let _ = client
        .get_user_organisation_list("Harbour/Legal", SESSION_ID)
        .await;
    let _ = client.get_user_organisation_list("", SESSION_ID).await;

    let targets: Vec<String> = server
        .requests()
        .into_iter()
        .map(|request| request.target)
        .collect();
    assert_eq!(
        targets,
        [
            "/api/auth/user/organisations/Harbour%20Legal",
            "/api/auth/user/organisations/null",
        ],
        "a slash must be sent as %20 and an empty filter as null"
    );
}

#[tokio::test]
async fn space_is_never_plus() {
    let server = start_server().await;
    let client = client_for(&server.base_url());

    let _ = client
        .delete_group(ORGANISATION_ID, "Legal Reviewers", SESSION_ID)
        .await;

    let request = server.only_request();
    assert!(
        !request.target.contains('+'),
        "a space must not be sent as `+`: {}",
        request.target
    );
    assert!(
        request.target.ends_with("/Legal%20Reviewers"),
        "a space must be sent as %20: {}",
        request.target
    );
}

#[tokio::test]
async fn base_url_path_prefix_is_kept() {
    let server = start_server().await;
    let client = client_for(&format!("{}/simsage/", server.base_url()));

    let _ = client
        .delete_organisation(ids::ORGANISATION_ARCHIVE, SESSION_ID)
        .await;

    let request = server.only_request();
    assert_eq!(
        request.target,
        format!(
            "/simsage/api/auth/organisation/{}",
            ids::ORGANISATION_ARCHIVE
        ),
        "the base URL's path must prefix the operation's path, with one slash between"
    );
}

// ---------------------------------------------------------------------------------------
// Path values that are rejected before sending
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn slash_in_group_name_rejected() {
    let server = start_server().await;
    let client = client_for(&server.base_url());

    let result = client
        .delete_group(ORGANISATION_ID, "Legal/Reviewers", SESSION_ID)
        .await;

    let error = expect_invalid(result, "delete_group with a `/` in the name");
    assert_invalid_parameter(&error, "deleteGroup", "name", "delete_group");
    let display = error.to_string();
    assert!(
        display.contains("`name`"),
        "Display must name the parameter: {display}"
    );
    assert_nothing_sent(&server, "delete_group with a `/` in the name");
}

#[tokio::test]
async fn slash_in_ids_rejected() {
    let server = start_server().await;
    let client = client_for(&server.base_url());

    let result = client
        .remove_user_from_organisation("../admin", ORGANISATION_ID, SESSION_ID)
        .await;
    let error = expect_invalid(result, "remove_user_from_organisation");
    assert_invalid_parameter(
        &error,
        "removeUserFromOrganisation",
        "user_id",
        "remove_user_from_organisation with a `/` in user_id",
    );

    let result = client.my_roles("org/1", SESSION_ID).await;
    let error = expect_invalid(result, "my_roles");
    assert_invalid_parameter(
        &error,
        "myRoles",
        "organisation_id",
        "my_roles with a `/` in organisation_id",
    );

    assert_nothing_sent(&server, "a path value with `/`");
}

#[tokio::test]
async fn empty_path_value_rejected() {
    let server = start_server().await;
    let client = client_for(&server.base_url());

    let result = client.delete_group("", "Domain Users", SESSION_ID).await;
    let error = expect_invalid(result, "delete_group with an empty organisation_id");
    assert_invalid_parameter(
        &error,
        "deleteGroup",
        "organisation_id",
        "delete_group with an empty organisation_id",
    );

    let result = client.delete_group(ORGANISATION_ID, "", SESSION_ID).await;
    let error = expect_invalid(result, "delete_group with an empty name");
    assert_invalid_parameter(
        &error,
        "deleteGroup",
        "name",
        "delete_group with an empty name",
    );

    assert_nothing_sent(&server, "an empty path value");
}

#[tokio::test]
async fn dot_segments_rejected() {
    let server = start_server().await;
    let client = client_for(&server.base_url());

    for value in [".", ".."] {
        let call = format!("delete_group with the name {value:?}");
        let result = client
            .delete_group(ORGANISATION_ID, value, SESSION_ID)
            .await;
        let error = expect_invalid(result, &call);
        assert_invalid_parameter(&error, "deleteGroup", "name", &call);

        let call = format!("get_users_paginated with the filter {value:?}");
        let result = client
            .get_users_paginated(ORGANISATION_ID, 0, 10, value, SESSION_ID)
            .await;
        let error = expect_invalid(result, &call);
        assert_invalid_parameter(&error, "getUsersPaginated", "filter", &call);
    }

    assert_nothing_sent(&server, "a dot segment");
}

// ---------------------------------------------------------------------------------------
// Header values
// ---------------------------------------------------------------------------------------

/// Header values that HTTP cannot carry, each containing a recognisable secret.
const BAD_HEADER_VALUES: [(&str, &str); 7] = [
    ("CR", "SECRET-SESSION-0001\rX"),
    ("LF", "SECRET-SESSION-0001\nX-Injected: 1"),
    ("CR LF", "SECRET-SESSION-0001\r\nX-Injected: 1"),
    ("NUL", "SECRET-SESSION-0001\0"),
    ("tab", "SECRET-SESSION\t0001"),
    ("DEL", "SECRET-SESSION-0001\u{7f}"),
    ("leading LF", "\nSECRET-SESSION-0001"),
];

#[tokio::test]
async fn bad_session_id_rejected_unsent() {
    let server = start_server().await;
    let client = client_for(&server.base_url());

    for (kind, value) in BAD_HEADER_VALUES {
        let call = format!("get_groups with a {kind} in session_id");
        let result = client.get_groups(ORGANISATION_ID, value).await;

        let error = expect_invalid(result, &call);
        assert_invalid_parameter(&error, "getGroups", "session_id", &call);
        let display = error.to_string();
        let debug = format!("{error:?}");
        assert!(
            !display.contains("SECRET-SESSION"),
            "{call}: Display must not contain the value: {display}"
        );
        assert!(
            !debug.contains("SECRET-SESSION"),
            "{call}: Debug must not contain the value: {debug}"
        );
    }

    assert_nothing_sent(&server, "a session id with a control character");
}

#[tokio::test]
async fn bad_jwt_rejected_unsent() {
    let server = start_server().await;
    let client = client_for(&server.base_url());

    for (kind, value) in BAD_HEADER_VALUES {
        let call = format!("sign_in_admin_using_jwt_msal with a {kind} in jwt");
        let result = client.sign_in_admin_using_jwt_msal(value).await;

        let error = expect_invalid(result, &call);
        assert_invalid_parameter(&error, "signInAdminUsingJWTMsal", "jwt", &call);
        let display = error.to_string();
        let debug = format!("{error:?}");
        assert!(
            !display.contains("SECRET-SESSION"),
            "{call}: Display must not contain the value: {display}"
        );
        assert!(
            !debug.contains("SECRET-SESSION"),
            "{call}: Debug must not contain the value: {debug}"
        );
    }

    assert_nothing_sent(&server, "a JWT with a control character");
}

#[tokio::test]
async fn empty_session_id_rejected_unsent() {
    let server = start_server().await;
    let client = client_for(&server.base_url());

    let result = client.sign_out("", None).await;

    let error = expect_invalid(result, "sign_out with an empty session_id");
    assert_invalid_parameter(
        &error,
        "signOut",
        "session_id",
        "sign_out with an empty session_id",
    );
    assert_nothing_sent(&server, "sign_out with an empty session_id");
}

#[tokio::test]
async fn session_id_sent_verbatim() {
    let server = start_server().await;
    let client = client_for(&server.base_url());

    let _ = client
        .delete_group(ORGANISATION_ID, "Domain Users", SESSION_ID)
        .await;

    let request = server.only_request();
    assert_eq!(
        request.header_values("session-id"),
        [SESSION_ID],
        "the session id must be sent once, unchanged, in `session-id`:\n{}",
        request.head_text()
    );
    assert_eq!(
        request.header("accept"),
        Some("application/json"),
        "every request must accept JSON"
    );
    assert!(
        request.body.is_empty(),
        "a DELETE without a body parameter must send no body"
    );
}
