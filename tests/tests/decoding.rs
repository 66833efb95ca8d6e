//! How responses become values or errors: the server's omissions, extra fields and
//! `null`s, error bodies, proxy pages, bodies of the wrong shape and failed connections.
//!
//! A JSON body with status 200 comes from the operation's typed mock, which sends any JSON
//! through `ok_json`, and the test asserts that the client's request matched that mock.
//! Other bodies, such as error statuses, HTML, plain text and truncated JSON, come from
//! `serve`, which sends the text unchanged in reply to every request.

use std::error::Error as _;
use std::time::Duration;

use serde_json::json;
use simsage_auth::mock::MockServerExt;
use simsage_auth::types::JsonMessage;
use simsage_auth::{Client, Error};
use simsage_auth_tests::fixtures::{self, ids};
use simsage_auth_tests::raw_server::RawServer;
use simsage_auth_tests::{client_for, json, refused_base_url, serve, start_mock_server};

const SESSION_ID: &str = ids::SESSION_MORGAN;
const ORGANISATION_ID: &str = ids::ORGANISATION_LOGISTICS;

// ---------------------------------------------------------------------------------------
// What the server leaves out, adds or sends as null
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn organisation_list_decodes_minimal_entries() {
    let (server, client) = start_mock_server().await;
    let mock = server
        .mock_get_user_organisation_list_async(|when, then| {
            when.filter("").session_id(SESSION_ID);
            then.ok_json(json(fixtures::ORGANISATIONS));
        })
        .await;

    let organisations = client
        .get_user_organisation_list("", SESSION_ID)
        .await
        .expect("entries with only id, name and enabled must decode");

    mock.assert_async().await;

    assert_eq!(organisations.len(), 3, "all three entries must decode");
    let first = &organisations[0];
    assert_eq!(first.id, ORGANISATION_ID, "id must be decoded");
    assert_eq!(first.name, "Harbour Logistics", "name must be decoded");
    assert!(first.enabled, "enabled must be decoded as true");
    assert!(
        !first.auto_create_sso_users,
        "a missing autoCreateSSOUsers must decode as false"
    );
    assert!(
        first.auto_create_sso_domain_list.is_empty(),
        "a missing autoCreateSSODomainList must decode as empty"
    );
    assert!(
        first.auto_create_sso_acl_list.is_empty(),
        "a missing autoCreateSSOACLList must decode as empty"
    );
    assert!(
        first.auto_create_sso_role_list.is_empty(),
        "a missing autoCreateSSORoleList must decode as empty"
    );
}

#[tokio::test]
async fn sign_in_ignores_context_stack() {
    let credentials = simsage_auth::types::CmSignInParameters {
        email: ids::EMAIL_MORGAN.to_string(),
        password: "correct horse battery staple".to_string(),
    };
    let (server, client) = start_mock_server().await;
    let mock = server
        .mock_sign_in_async(|when, then| {
            when.body(&credentials);
            then.ok_json(json(fixtures::SIGN_IN));
        })
        .await;

    let signed_in = client
        .sign_in(&credentials)
        .await
        .expect("a session with an undeclared contextStack must decode");

    mock.assert_async().await;

    assert_eq!(
        signed_in.session.id,
        ids::SESSION_MORGAN,
        "session.id must be decoded next to the unknown field"
    );
    assert_eq!(
        signed_in.session.last_access, 1733332980000,
        "session.lastAccess must be decoded"
    );
    assert_eq!(
        signed_in.session.organisation_id, "",
        "an empty session.organisationId must stay empty"
    );
}

#[tokio::test]
async fn sign_in_ignores_unknown_top_level_fields() {
    let mut body = json(fixtures::SIGN_IN);
    body["licence"] = json!({ "expires": 1767139200000_i64, "seats": 250 });
    body["user"]["lastSignIn"] = json!(null);
    let (server, client) = start_mock_server().await;
    let mock = server
        .mock_sign_in_async(|when, then| {
            when.body(&Default::default());
            then.ok_json(body);
        })
        .await;

    let signed_in = client
        .sign_in(&Default::default())
        .await
        .expect("unknown fields at any level must be ignored");

    mock.assert_async().await;

    assert_eq!(
        signed_in.user.email,
        ids::EMAIL_MORGAN,
        "user.email must be decoded next to the unknown field"
    );
}

#[tokio::test]
async fn users_page_null_strings_decode_empty() {
    let (server, client) = start_mock_server().await;
    let mock = server
        .mock_get_users_paginated_async(|when, then| {
            when.organisation_id(ORGANISATION_ID)
                .page(0)
                .page_size(4)
                .filter("")
                .session_id(SESSION_ID);
            then.ok_json(json(fixtures::USERS_PAGE_0));
        })
        .await;

    let page = client
        .get_users_paginated(ORGANISATION_ID, 0, 4, "", SESSION_ID)
        .await
        .expect("null in required strings must decode");

    mock.assert_async().await;

    let service_account = &page.user_list[3];
    assert_eq!(
        service_account.id,
        ids::USER_IMPORT_BOT,
        "userList[3] must be the service account"
    );
    assert_eq!(
        service_account.surname, "",
        "a null surname must decode as an empty string"
    );
    assert_eq!(
        service_account.jwt_match_name_value_csv, "",
        "a null jwtMatchNameValueCSV must decode as an empty string"
    );
    assert_eq!(
        service_account.first_name, "Import",
        "the fields next to the nulls must be decoded"
    );
}

#[tokio::test]
async fn groups_missing_original_name_decodes_empty() {
    let (server, client) = start_mock_server().await;
    let mock = server
        .mock_get_groups_async(|when, then| {
            when.organisation_id(ORGANISATION_ID).session_id(SESSION_ID);
            then.ok_json(json(fixtures::GROUPS));
        })
        .await;

    let groups = client
        .get_groups(ORGANISATION_ID, SESSION_ID)
        .await
        .expect("groups without originalName must decode");

    mock.assert_async().await;

    for group in &groups.group_list {
        assert_eq!(
            group.original_name, "",
            "the missing originalName of {:?} must decode as empty",
            group.name
        );
    }
}

#[tokio::test]
async fn null_lists_and_objects_decode_empty() {
    let body = json!({
        "userList": [{
            "id": ids::USER_PRIYA,
            "email": "priya.raman@example.com",
            "firstName": "Priya",
            "surname": "Raman",
            "roles": null,
            "operatorKBList": null,
            "groupList": null,
            "jwtMatchNameValueCSV": ""
        }],
        "userCount": null
    });
    let (server, client) = start_mock_server().await;
    let mock = server
        .mock_get_users_paginated_async(|when, then| {
            when.organisation_id(ORGANISATION_ID)
                .page(0)
                .page_size(10)
                .filter("")
                .session_id(SESSION_ID);
            then.ok_json(body);
        })
        .await;

    let page = client
        .get_users_paginated(ORGANISATION_ID, 0, 10, "", SESSION_ID)
        .await
        .expect("null lists and a null number must decode");

    mock.assert_async().await;

    let user = &page.user_list[0];
    assert!(user.roles.is_empty(), "null roles must decode as empty");
    assert!(
        user.operator_kb_list.is_empty(),
        "a null operatorKBList must decode as empty"
    );
    assert!(
        user.group_list.is_empty(),
        "a null groupList must decode as empty"
    );
    assert_eq!(page.user_count, 0, "a null userCount must decode as 0");
}

// ---------------------------------------------------------------------------------------
// Error statuses
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn json_message_500_is_api_error() {
    let (_server, client) = serve(500, "application/json", fixtures::ERROR_INVALID_SESSION).await;

    let error = client
        .get_users_paginated(ORGANISATION_ID, 0, 10, "", SESSION_ID)
        .await
        .expect_err("a 500 response must be an error");

    assert!(
        matches!(error, Error::Api { .. }),
        "expected Error::Api, got {error:?}"
    );
    let display = error.to_string();
    assert!(
        display.contains("SimSage returned 500 Internal Server Error: invalid session id"),
        "Display must contain the status and the server's reason: {display}"
    );
    assert!(
        display.contains("getUsersPaginated"),
        "Display must name the operation: {display}"
    );
    assert_eq!(
        error.operation(),
        "getUsersPaginated",
        "operation() must return the operation id"
    );
    assert_eq!(
        error.status().map(|status| status.as_u16()),
        Some(500),
        "status() must return 500"
    );
    let expected = JsonMessage {
        error: "invalid session id".to_string(),
        information: String::new(),
        version: "7.14.12".to_string(),
        time: 1733333333000,
    };
    assert_eq!(
        error.api_message(),
        Some(&expected),
        "api_message() must return the parsed JsonMessage"
    );
}

#[tokio::test]
async fn json_message_401_is_api_error() {
    let body =
        r#"{"error":"access denied","information":"","version":"7.14.12","time":1733333333000}"#;
    let (_server, client) = serve(401, "application/json", body).await;

    let error = client
        .my_roles(ORGANISATION_ID, SESSION_ID)
        .await
        .expect_err("a 401 response must be an error");

    assert!(
        matches!(error, Error::Api { .. }),
        "expected Error::Api, got {error:?}"
    );
    assert_eq!(
        error.status().map(|status| status.as_u16()),
        Some(401),
        "status() must return 401"
    );
    assert_eq!(
        error.api_message().map(|message| message.error.as_str()),
        Some("access denied"),
        "api_message() must carry the server's reason"
    );
}

#[tokio::test]
async fn json_message_with_information_only() {
    let body = r#"{"error":"","information":"session expired, please sign in again","version":"7.14.12","time":0}"#;
    let (_server, client) = serve(500, "application/json", body).await;

    let error = client
        .get_groups(ORGANISATION_ID, SESSION_ID)
        .await
        .expect_err("a 500 response must be an error");

    let display = error.to_string();
    assert!(
        display.ends_with(
            "SimSage returned 500 Internal Server Error: session expired, please sign in again"
        ),
        "Display must fall back to the information text when error is empty: {display}"
    );
}

#[tokio::test]
async fn proxy_502_html_is_unexpected_body() {
    let (_server, client) = serve(502, "text/html", fixtures::PROXY_502_HTML).await;

    let error = client
        .get_groups(ORGANISATION_ID, SESSION_ID)
        .await
        .expect_err("a 502 response must be an error");

    let Error::UnexpectedBody {
        operation,
        status,
        content_type,
        body_start,
    } = &error
    else {
        panic!("expected Error::UnexpectedBody, got {error:?}");
    };
    assert_eq!(*operation, "getGroups", "the operation must be named");
    assert_eq!(status.as_u16(), 502, "the status must be 502");
    assert_eq!(
        content_type.as_deref(),
        Some("text/html"),
        "the content type must be kept"
    );
    let expected_start: String = fixtures::PROXY_502_HTML.chars().take(200).collect();
    assert_eq!(
        body_start, &expected_start,
        "body_start must be the first 200 characters of the page"
    );
    assert!(
        error.api_message().is_none(),
        "an HTML page has no JsonMessage"
    );
    let display = error.to_string();
    assert!(
        display.contains("502 Bad Gateway"),
        "Display must contain the status: {display}"
    );
    assert!(
        display.contains("text/html"),
        "Display must contain the content type: {display}"
    );
}

#[tokio::test]
async fn plain_text_503_is_unexpected_body() {
    let (_server, client) = serve(503, "text/plain", "upstream connect error").await;

    let error = client
        .version()
        .await
        .expect_err("a 503 response must be an error");

    let Error::UnexpectedBody {
        status, body_start, ..
    } = &error
    else {
        panic!("expected Error::UnexpectedBody, got {error:?}");
    };
    assert_eq!(status.as_u16(), 503, "the status must be 503");
    assert_eq!(
        body_start, "upstream connect error",
        "a short body must be kept whole"
    );
}

#[tokio::test]
async fn json_error_of_other_shape_is_unexpected_body() {
    let body = r#"[{"message":"rate limit exceeded"}]"#;
    let (_server, client) = serve(429, "application/json", body).await;

    let error = client
        .version()
        .await
        .expect_err("a 429 response must be an error");

    assert!(
        matches!(&error, Error::UnexpectedBody { status, .. } if status.as_u16() == 429),
        "a JSON body that is not a JsonMessage must be Error::UnexpectedBody with status 429, got {error:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Successful statuses with bodies that do not fit
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn wrong_field_type_is_decode_error() {
    let mut body = json(fixtures::USERS_PAGE_0);
    body["userList"][1]["email"] = json!(42);
    let (server, client) = start_mock_server().await;
    let mock = server
        .mock_get_users_paginated_async(|when, then| {
            when.organisation_id(ORGANISATION_ID)
                .page(0)
                .page_size(4)
                .filter("")
                .session_id(SESSION_ID);
            then.ok_json(body);
        })
        .await;

    let error = client
        .get_users_paginated(ORGANISATION_ID, 0, 4, "", SESSION_ID)
        .await
        .expect_err("a number in place of a string must fail");

    mock.assert_async().await;

    let Error::Decode {
        operation,
        status,
        target,
        path,
        source,
    } = &error
    else {
        panic!("expected Error::Decode, got {error:?}");
    };
    assert_eq!(
        *operation, "getUsersPaginated",
        "the operation must be named"
    );
    assert_eq!(status.as_u16(), 200, "the status must be 200");
    assert_eq!(target, "CmUserList", "the target type must be named");
    assert_eq!(
        path, "userList[1].email",
        "the path must lead to the bad field"
    );
    assert!(
        source.message().starts_with("invalid type: integer"),
        "the source must describe the bad value: {}",
        source.message()
    );
    assert!(
        source.line() >= 1,
        "the source must carry a line number, got {}",
        source.line()
    );
    let display = error.to_string();
    assert!(
        display.contains("CmUserList") && display.contains("`userList[1].email`"),
        "Display must contain the target type and the path: {display}"
    );
    assert!(
        error.source().is_some(),
        "std::error::Error::source() must return the DecodeError"
    );
}

#[tokio::test]
async fn wrong_top_level_shape_is_decode_error() {
    let (server, client) = start_mock_server().await;
    let mock = server
        .mock_get_user_organisation_list_async(|when, then| {
            when.filter("").session_id(SESSION_ID);
            then.ok_json(json(fixtures::SIGN_IN));
        })
        .await;

    let error = client
        .get_user_organisation_list("", SESSION_ID)
        .await
        .expect_err("an object in place of a list must fail");

    mock.assert_async().await;

    let Error::Decode { target, path, .. } = &error else {
        panic!("expected Error::Decode, got {error:?}");
    };
    assert_eq!(
        target, "Vec<CmOrganisation>",
        "the target type must be named without module paths"
    );
    assert_eq!(path, ".", "a mismatch at the root must have the path `.`");
}

#[tokio::test]
async fn truncated_json_is_decode_error() {
    let truncated = &fixtures::GROUPS[..fixtures::GROUPS.len() / 2];
    let (_server, client) = serve(200, "application/json", truncated).await;

    let error = client
        .get_groups(ORGANISATION_ID, SESSION_ID)
        .await
        .expect_err("a truncated body must fail");

    assert!(
        matches!(error, Error::Decode { .. }),
        "expected Error::Decode, got {error:?}"
    );
}

#[tokio::test]
async fn empty_200_body_is_unexpected_body() {
    let (_server, client) = serve(200, "application/json", "").await;

    let error = client
        .get_groups(ORGANISATION_ID, SESSION_ID)
        .await
        .expect_err("an empty body must fail");

    let Error::UnexpectedBody {
        status, body_start, ..
    } = &error
    else {
        panic!("expected Error::UnexpectedBody, got {error:?}");
    };
    assert_eq!(status.as_u16(), 200, "the status must be 200");
    assert_eq!(body_start, "", "body_start must be empty");
    let display = error.to_string();
    assert!(
        display.contains("empty body"),
        "Display must say that the body is empty: {display}"
    );
}

#[tokio::test]
async fn html_200_is_unexpected_body() {
    let page = "<html><body>Sign in to continue</body></html>";
    let (_server, client) = serve(200, "text/html;charset=UTF-8", page).await;

    let error = client
        .my_roles(ORGANISATION_ID, SESSION_ID)
        .await
        .expect_err("an HTML page must fail");

    assert!(
        matches!(&error, Error::UnexpectedBody { body_start, .. } if body_start == page),
        "expected Error::UnexpectedBody with the page, got {error:?}"
    );
}

#[tokio::test]
async fn ott_html_is_unexpected_body() {
    let (_server, client) = serve(200, "text/html", fixtures::PROXY_502_HTML).await;

    let error = client
        .get_ott(ORGANISATION_ID, SESSION_ID)
        .await
        .expect_err("an HTML page must not be taken as a token");

    assert!(
        matches!(error, Error::UnexpectedBody { .. }),
        "expected Error::UnexpectedBody, got {error:?}"
    );
}

#[tokio::test]
async fn ott_empty_body_is_unexpected_body() {
    let (_server, client) = serve(200, "text/plain", "  \n").await;

    let error = client
        .get_ott(ORGANISATION_ID, SESSION_ID)
        .await
        .expect_err("a blank body must not be taken as a token");

    assert!(
        matches!(error, Error::UnexpectedBody { .. }),
        "expected Error::UnexpectedBody, got {error:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Transport failures
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn refused_connection_is_transport_error() {
    let client = client_for(&refused_base_url());

    let error = client
        .my_roles(ORGANISATION_ID, SESSION_ID)
        .await
        .expect_err("a refused connection must fail");

    assert!(
        matches!(error, Error::Transport { .. }),
        "expected Error::Transport, got {error:?}"
    );
    assert!(error.is_connect(), "is_connect() must be true: {error:?}");
    assert!(!error.is_timeout(), "is_timeout() must be false: {error:?}");
    assert_eq!(error.status(), None, "no status arrived");
    assert_eq!(error.operation(), "myRoles", "the operation must be named");
    let display = error.to_string();
    assert!(
        display.contains("could not connect"),
        "Display must say that the connection failed: {display}"
    );
}

#[tokio::test]
async fn silent_server_is_timeout_error() {
    let server = RawServer::start_silent().await;
    let http = reqwest::Client::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .expect("building a reqwest client failed");
    let client = Client::with_http_client(&server.base_url(), http)
        .expect("with_http_client must accept a 127.0.0.1 URL");

    let error = client
        .version()
        .await
        .expect_err("a server that never answers must time out");

    assert!(error.is_timeout(), "is_timeout() must be true: {error:?}");
    assert!(!error.is_connect(), "is_connect() must be false: {error:?}");
    assert_eq!(
        server.requests().len(),
        1,
        "the request must have reached the server"
    );
}
