//! The generated httpmock helpers of the `mock` feature, driven by the real client.
//!
//! Every test starts its own httpmock server on 127.0.0.1 and checks both sides: that
//! the client's request matches (or, where intended, misses) the typed expectations, and
//! that the typed responses decode into what the client returns.

#![cfg(feature = "mock")]

use httpmock::MockServer;
use serde_json::json;
use simsage_auth::mock::MockServerExt;
use simsage_auth::types::{ApiVersion, CmGroup, CmGroupList, CmImportUsers, JsonMessage};
use simsage_auth::{Client, Error, ExposeSecret};

const ORGANISATION_ID: &str = "c3f1a2b4-5d6e-4f70-8a9b-0c1d2e3f4a5b";
const SESSION_ID: &str = "5e0f3a5c-2b7d-4c1e-9a55-7d3c1f0b8e21";

fn client(server: &MockServer) -> Client {
    Client::new(&server.base_url()).expect("the mock server URL is valid")
}

fn group(name: &str) -> CmGroup {
    CmGroup {
        organisation_id: ORGANISATION_ID.to_string(),
        name: name.to_string(),
        original_name: name.to_string(),
        user_id_list: vec!["7a1c0000-3b2d-4e5f-8a6b-9c0d1e2f3a4b".to_string()],
    }
}

fn deleted() -> JsonMessage {
    JsonMessage {
        information: "group deleted".to_string(),
        ..JsonMessage::default()
    }
}

/// The example of the README's "Mocking SimSage in your tests", kept identical to it.
#[tokio::test]
async fn readme_example_lists_groups() {
    let server = MockServer::start_async().await;
    let groups = server.mock_get_groups(|when, then| {
        when.organisation_id("org-1").session_id("s-1");
        then.ok(&CmGroupList {
            group_list: vec![CmGroup {
                name: "Editors".into(),
                ..CmGroup::default()
            }],
            ..CmGroupList::default()
        });
    });

    let client = Client::new(&server.base_url()).unwrap();
    let list = client.get_groups("org-1", "s-1").await.unwrap();

    assert_eq!(list.group_list[0].name, "Editors");
    groups.assert();
}

#[tokio::test]
async fn typed_ok_round_trips() {
    let server = MockServer::start_async().await;
    let expected = CmGroupList {
        group_list: vec![group("Editors"), group("Legal Reviewers")],
        ..CmGroupList::default()
    };
    let mock = server.mock_get_groups(|when, then| {
        when.organisation_id(ORGANISATION_ID).session_id(SESSION_ID);
        then.ok(&expected);
    });

    let groups = client(&server)
        .get_groups(ORGANISATION_ID, SESSION_ID)
        .await
        .expect("the mock answers");

    assert_eq!(groups, expected);
    mock.assert();
}

#[tokio::test]
async fn other_session_id_misses() {
    let server = MockServer::start_async().await;
    let mock = server.mock_get_groups(|when, then| {
        when.session_id(SESSION_ID);
        then.ok(&CmGroupList::default());
    });

    let error = client(&server)
        .get_groups(ORGANISATION_ID, "another-session")
        .await
        .expect_err("no mock matches");

    assert_eq!(mock.calls(), 0);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404), "{error}");
}

#[tokio::test]
async fn error_becomes_api_error() {
    let server = MockServer::start_async().await;
    let mock = server.mock_my_roles(|when, then| {
        when.organisation_id(ORGANISATION_ID);
        then.error(500, "invalid session id");
    });

    let error = client(&server)
        .my_roles(ORGANISATION_ID, SESSION_ID)
        .await
        .expect_err("the mock rejects the call");

    assert!(matches!(error, Error::Api { .. }), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
    let message = error.api_message().expect("a JsonMessage");
    assert_eq!(message.error, "invalid session id");
    assert_eq!(message.information, "");
    mock.assert();
}

/// Path values that percent-encoding changes, each with the segment the client sends.
const ENCODED_NAMES: [(&str, &str); 6] = [
    ("Domain Users", "Domain%20Users"),
    ("a+b", "a%2Bb"),
    ("Zoë", "Zo%C3%AB"),
    ("100%", "100%25"),
    ("what?#1", "what%3F%231"),
    ("a;b", "a%3Bb"),
];

#[tokio::test]
async fn path_values_match_client_encoding() {
    let server = MockServer::start_async().await;
    let client = client(&server);
    for (name, segment) in ENCODED_NAMES {
        // A raw mock first shows that httpmock matches the path percent-encoded, as sent.
        let mut raw = server.mock(|when, then| {
            when.path(format!("/api/auth/group/{ORGANISATION_ID}/{segment}"));
            then.status(200).json_body_obj(&deleted());
        });
        client
            .delete_group(ORGANISATION_ID, name, SESSION_ID)
            .await
            .unwrap_or_else(|error| panic!("raw mock, name {name:?}: {error}"));
        assert_eq!(raw.calls(), 1, "name {name:?}");
        raw.delete();

        let mut typed = server.mock_delete_group(|when, then| {
            when.organisation_id(ORGANISATION_ID)
                .name(name)
                .session_id(SESSION_ID);
            then.ok(&deleted());
        });
        let message = client
            .delete_group(ORGANISATION_ID, name, SESSION_ID)
            .await
            .unwrap_or_else(|error| panic!("typed mock, name {name:?}: {error}"));
        assert_eq!(message.information, "group deleted", "name {name:?}");
        assert_eq!(typed.calls(), 1, "name {name:?}");
        typed.delete();
    }
}

#[tokio::test]
async fn plus_is_not_read_as_space() {
    let server = MockServer::start_async().await;
    let mock = server.mock_delete_group(|when, then| {
        when.name("a b");
        then.ok(&deleted());
    });

    let result = client(&server)
        .delete_group(ORGANISATION_ID, "a+b", SESSION_ID)
        .await;

    assert!(result.is_err(), "{result:?}");
    assert_eq!(mock.calls(), 0);
}

#[tokio::test]
async fn empty_filter_expects_null() {
    let server = MockServer::start_async().await;
    let mock = server.mock_get_user_organisation_list(|when, then| {
        when.filter("").session_id(SESSION_ID);
        then.ok(&[]);
    });

    let organisations = client(&server)
        .get_user_organisation_list("", SESSION_ID)
        .await
        .expect("the mock answers");

    assert!(organisations.is_empty());
    mock.assert();
}

#[tokio::test]
async fn filter_slash_is_expected_as_space() {
    let server = MockServer::start_async().await;
    let mock = server.mock_get_user_organisation_list(|when, then| {
        when.filter("Acme/Legal");
        then.ok(&[]);
    });

    let client = client(&server);
    client
        .get_user_organisation_list("Acme Legal", SESSION_ID)
        .await
        .expect("a space matches the expected slash");
    client
        .get_user_organisation_list("Acme/Legal", SESSION_ID)
        .await
        .expect("the client sends the slash as a space too");

    mock.assert_calls(2);
}

#[tokio::test]
async fn unset_path_parameters_match_any_segment() {
    let server = MockServer::start_async().await;
    let second_page = server.mock_get_users_paginated(|when, then| {
        when.page(1).page_size(5);
        then.ok_json(json!({ "userList": [], "userCount": 13 }));
    });

    let client = client(&server);
    let page = client
        .get_users_paginated(ORGANISATION_ID, 1, 5, "ada", SESSION_ID)
        .await
        .expect("organisation and filter may be anything");
    let other_page = client
        .get_users_paginated(ORGANISATION_ID, 2, 5, "", SESSION_ID)
        .await;

    assert_eq!(page.user_count, 13);
    assert!(other_page.is_err(), "{other_page:?}");
    second_page.assert_calls(1);
}

#[tokio::test]
async fn setting_both_page_parameters_distinguishes_them() {
    let server = MockServer::start_async().await;
    let mock = server.mock_get_users_paginated(|when, then| {
        when.page(5).page_size(1);
        then.ok_json(json!({ "userList": [], "userCount": 0 }));
    });

    let result = client(&server)
        .get_users_paginated(ORGANISATION_ID, 1, 5, "", SESSION_ID)
        .await;

    assert!(result.is_err(), "{result:?}");
    assert_eq!(mock.calls(), 0);
}

#[tokio::test]
async fn body_must_equal_typed_value() {
    let server = MockServer::start_async().await;
    let editors = group("Editors");
    let mock = server.mock_save_group(|when, then| {
        when.session_id(SESSION_ID).body(&editors);
        then.ok(&JsonMessage {
            information: "group saved".to_string(),
            ..JsonMessage::default()
        });
    });

    let client = client(&server);
    let saved = client
        .save_group(SESSION_ID, &editors)
        .await
        .expect("the same body matches");
    let other = client.save_group(SESSION_ID, &group("Reviewers")).await;

    assert_eq!(saved.information, "group saved");
    assert!(other.is_err(), "{other:?}");
    mock.assert_calls(1);
}

#[tokio::test]
async fn optional_header_is_expected_when_set() {
    let server = MockServer::start_async().await;
    let import = CmImportUsers {
        organisation_id: ORGANISATION_ID.to_string(),
        file_type: "csv".to_string(),
        base64_text: "ZW1haWwK".to_string(),
    };
    let mock = server.mock_import_users_and_groups(|when, then| {
        when.session_id(SESSION_ID)
            .api_version(ApiVersion::V1)
            .body(&import);
        then.ok(&JsonMessage::default());
    });

    let client = client(&server);
    client
        .import_users_and_groups(SESSION_ID, &import, Some(ApiVersion::V1))
        .await
        .expect("the header matches");
    let without_header = client
        .import_users_and_groups(SESSION_ID, &import, None)
        .await;

    assert!(without_header.is_err(), "{without_header:?}");
    mock.assert_calls(1);
}

#[tokio::test]
async fn into_inner_adds_raw_constraints() {
    let server = MockServer::start_async().await;
    let mock = server.mock_sign_out(|when, then| {
        when.session_id(SESSION_ID)
            .into_inner()
            .header_missing("api-version");
        then.ok(&JsonMessage::default());
    });

    let client = client(&server);
    client
        .sign_out(SESSION_ID, None)
        .await
        .expect("no API-Version header is sent");
    let with_header = client.sign_out(SESSION_ID, Some(ApiVersion::V1)).await;

    assert!(with_header.is_err(), "{with_header:?}");
    mock.assert_calls(1);
}

#[tokio::test]
async fn text_response_becomes_secret() {
    let server = MockServer::start_async().await;
    let mock = server.mock_get_ott(|when, then| {
        when.organisation_id(ORGANISATION_ID).session_id(SESSION_ID);
        then.ok("one-time-token");
    });

    let token = client(&server)
        .get_ott(ORGANISATION_ID, SESSION_ID)
        .await
        .expect("the mock answers");

    assert_eq!(token.expose_secret(), "one-time-token");
    mock.assert();
}

#[tokio::test]
async fn ok_json_sends_fields_the_model_lacks() {
    let server = MockServer::start_async().await;
    let mock = server.mock_get_user_organisation_list(|when, then| {
        when.session_id(SESSION_ID);
        then.ok_json(json!([{ "id": ORGANISATION_ID, "name": "Acme Research", "enabled": true }]));
    });

    let organisations = client(&server)
        .get_user_organisation_list("", SESSION_ID)
        .await
        .expect("entries with only id, name and enabled decode");

    assert_eq!(organisations.len(), 1);
    assert_eq!(organisations[0].name, "Acme Research");
    assert!(organisations[0].enabled);
    mock.assert();
}

#[tokio::test]
async fn async_variant_creates_mock() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_my_roles_async(|when, then| {
            when.organisation_id(ORGANISATION_ID).session_id(SESSION_ID);
            then.ok(&["admin".to_string(), "manager".to_string()]);
        })
        .await;

    let roles = client(&server)
        .my_roles(ORGANISATION_ID, SESSION_ID)
        .await
        .expect("the mock answers");

    assert_eq!(roles, ["admin", "manager"]);
    mock.assert_async().await;
}

#[test]
#[should_panic(expected = "deleteGroup mock: invalid name")]
fn value_client_rejects_panics() {
    let server = MockServer::start();
    server.mock_delete_group(|when, then| {
        when.name("a/b");
        then.ok(&deleted());
    });
}

#[test]
#[should_panic(expected = "getGroups mock: invalid session_id")]
fn empty_header_value_panics() {
    let server = MockServer::start();
    server.mock_get_groups(|when, then| {
        when.session_id("");
        then.ok(&CmGroupList::default());
    });
}
