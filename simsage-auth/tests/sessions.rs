//! Session handles, paging and retries against a local httpmock server.

use std::time::Duration;

use futures_util::TryStreamExt as _;
use httpmock::prelude::*;
use serde_json::{Value, json};
use simsage_auth::{Client, Error, ExposeSecret as _, RetryPolicy, SignIn};

const SESSION: &str = "SESSION-ID-7f3a";
const ORG: &str = "org-1";

fn sign_in_body() -> Value {
    json!({
        "session": { "id": SESSION, "userId": "u-1", "organisationId": "", "email": "admin@example.com",
                     "role": "admin", "lastAccess": 1_764_860_400_000_i64, "contextStack": [] },
        "user": { "id": "u-1", "email": "admin@example.com", "firstName": "Quinn", "surname": "Adeyemi" },
        "organisationList": [ { "id": ORG, "name": "Acme", "enabled": true } ],
        "version": "7.14.12"
    })
}

fn users(count: usize, offset: usize) -> Vec<Value> {
    (0..count).map(|i| json!({ "id": format!("user-{}", offset + i), "email": format!("u{}@example.com", offset + i) })).collect()
}

async fn signed_in(server: &MockServer) -> simsage_auth::Session {
    server
        .mock_async(|when, then| {
            when.method(POST).path("/api/auth/sign-in");
            then.status(200).json_body(sign_in_body());
        })
        .await;
    let client = Client::new(&server.base_url()).expect("client");
    client
        .session_with_password("admin@example.com", "pw")
        .await
        .expect("sign-in succeeds")
}

#[tokio::test]
async fn session_exposes_sign_in_information() {
    let server = MockServer::start_async().await;
    let session = signed_in(&server).await;
    let info = session.info();
    assert_eq!(info.user_id, "u-1");
    assert_eq!(info.email, "admin@example.com");
    assert_eq!(info.role, "admin");
    assert_eq!(info.last_access, 1_764_860_400_000);
    assert_eq!(info.time_out, None);
    assert_eq!(info.organisations.len(), 1);
    assert_eq!(info.organisations[0].name, "Acme");
    assert_eq!(session.session_id().expose_secret(), SESSION);
    assert!(matches!(session.sign_in_response(), SignIn::Password(_)));
}

#[tokio::test]
async fn session_debug_hides_session_id() {
    let server = MockServer::start_async().await;
    let session = signed_in(&server).await;
    let debug = format!("{session:?}");
    assert!(!debug.contains(SESSION), "{debug}");
    assert!(debug.contains("admin@example.com"), "{debug}");
    let raw = format!("{:?}", session.sign_in_response());
    assert!(!raw.contains(SESSION), "{raw}");
}

#[tokio::test]
async fn session_methods_send_session_header() {
    let server = MockServer::start_async().await;
    let session = signed_in(&server).await;
    let roles = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("/api/auth/myroles/{ORG}"))
                .header("session-id", SESSION);
            then.status(200).json_body(json!(["admin"]));
        })
        .await;
    let result = session.my_roles(ORG).await.expect("my_roles succeeds");
    assert_eq!(result, ["admin"]);
    roles.assert_async().await;
}

#[tokio::test]
async fn session_sign_out_consumes_handle() {
    let server = MockServer::start_async().await;
    let session = signed_in(&server).await;
    let sign_out = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path("/api/auth/sign-out")
                .header("session-id", SESSION)
                .header("api-version", "1");
            then.status(200)
                .json_body(json!({ "information": "signed out" }));
        })
        .await;
    let message = session
        .sign_out(Some(simsage_auth::types::ApiVersion::V1))
        .await
        .expect("sign-out");
    assert_eq!(message.information, "signed out");
    sign_out.assert_async().await;
}

#[tokio::test]
async fn jwt_sign_in_without_session_id_fails() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/api/auth/admin/authenticate/msal")
                .header("jwt", "eyJ.fake.jwt");
            then.status(200)
                .json_body(json!({ "timeOut": 3600, "session": {} }));
        })
        .await;
    let client = Client::new(&server.base_url()).expect("client");
    let error = client
        .session_with_admin_jwt("eyJ.fake.jwt")
        .await
        .expect_err("no session id");
    assert!(
        matches!(&error, Error::Decode { path, .. } if path == "session.id"),
        "{error:?}"
    );
}

async fn mock_page(
    server: &MockServer,
    page: usize,
    size: usize,
    users: Vec<Value>,
    count: usize,
) -> httpmock::Mock<'_> {
    server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!(
                    "/api/auth/users-paginated/{ORG}/{page}/{size}/null"
                ))
                .header("session-id", SESSION);
            then.status(200)
                .json_body(json!({ "userList": users, "userCount": count }));
        })
        .await
}

#[tokio::test]
async fn users_stream_stops_at_user_count() {
    let server = MockServer::start_async().await;
    let session = signed_in(&server).await;
    let first = mock_page(&server, 0, 2, users(2, 0), 4).await;
    let second = mock_page(&server, 1, 2, users(2, 2), 4).await;
    let third = mock_page(&server, 2, 2, users(2, 4), 4).await;
    let all: Vec<_> = session
        .users(ORG, "", 2)
        .try_collect()
        .await
        .expect("all pages");
    let ids: Vec<&str> = all.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["user-0", "user-1", "user-2", "user-3"]);
    first.assert_async().await;
    second.assert_async().await;
    assert_eq!(third.calls_async().await, 0, "no page after userCount");
}

#[tokio::test]
async fn users_stream_stops_on_short_page() {
    let server = MockServer::start_async().await;
    let session = signed_in(&server).await;
    mock_page(&server, 0, 3, users(3, 0), 100).await;
    mock_page(&server, 1, 3, users(1, 3), 100).await;
    let after = mock_page(&server, 2, 3, users(3, 4), 100).await;
    let all: Vec<_> = session
        .users(ORG, "", 3)
        .try_collect()
        .await
        .expect("pages");
    assert_eq!(all.len(), 4);
    assert_eq!(after.calls_async().await, 0, "no page after a short one");
}

#[tokio::test]
async fn users_stream_rejects_zero_page_size() {
    let server = MockServer::start_async().await;
    let session = signed_in(&server).await;
    let result: Result<Vec<_>, _> = session.users(ORG, "", 0).try_collect().await;
    assert!(
        matches!(
            result,
            Err(Error::InvalidParameter {
                parameter: "page_size",
                ..
            })
        ),
        "{result:?}"
    );
}

fn retrying_client(server: &MockServer) -> Client {
    let policy = RetryPolicy::default()
        .max_retries(2)
        .initial_backoff(Duration::from_millis(5))
        .max_backoff(Duration::from_millis(10));
    Client::builder()
        .base_url(server.base_url())
        .retry(policy)
        .build()
        .expect("client")
}

#[tokio::test]
async fn retry_repeats_idempotent_call_on_503() {
    let server = MockServer::start_async().await;
    let groups = server
        .mock_async(|when, then| {
            when.method(GET).path(format!("/api/auth/groups/{ORG}"));
            then.status(503)
                .body("<html>maintenance</html>")
                .header("content-type", "text/html");
        })
        .await;
    let error = retrying_client(&server)
        .get_groups(ORG, SESSION)
        .await
        .expect_err("still 503");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(
        groups.calls_async().await,
        3,
        "first attempt plus two retries"
    );
}

#[tokio::test]
async fn retry_never_repeats_sign_in() {
    let server = MockServer::start_async().await;
    let sign_in = server
        .mock_async(|when, then| {
            when.method(POST).path("/api/auth/sign-in");
            then.status(503).body("busy");
        })
        .await;
    let client = retrying_client(&server);
    let credentials = simsage_auth::types::CmSignInParameters {
        email: "a@example.com".into(),
        password: "pw".into(),
    };
    client.sign_in(&credentials).await.expect_err("503");
    assert_eq!(sign_in.calls_async().await, 1);
}

#[tokio::test]
async fn retry_never_repeats_get_sign_in_with_jwt() {
    let server = MockServer::start_async().await;
    let sign_in = server
        .mock_async(|when, then| {
            when.method(GET).path("/api/auth/admin/authenticate/msal");
            then.status(502).body("bad gateway");
        })
        .await;
    retrying_client(&server)
        .sign_in_admin_using_jwt_msal("eyJ.fake")
        .await
        .expect_err("502");
    assert_eq!(sign_in.calls_async().await, 1);
}

#[tokio::test]
async fn retry_is_off_by_default() {
    let server = MockServer::start_async().await;
    let groups = server
        .mock_async(|when, then| {
            when.method(GET).path(format!("/api/auth/groups/{ORG}"));
            then.status(503).body("busy");
        })
        .await;
    let client = Client::new(&server.base_url()).expect("client");
    client.get_groups(ORG, SESSION).await.expect_err("503");
    assert_eq!(groups.calls_async().await, 1);
}
