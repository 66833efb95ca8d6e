//! Responses and arguments that try to make the client leak a secret or exhaust memory.

use httpmock::prelude::*;
use serde_json::json;
use simsage_auth::types::{CmSignInParameters, CmUserPasswordReset};
use simsage_auth::{Client, Error, ExposeSecret as _};

const PASSWORD: &str = "pa\"ss\\word\n-SECRET";

fn client(server: &MockServer) -> Client {
    Client::new(&server.base_url()).expect("client")
}

#[tokio::test]
async fn echoed_escaped_password_is_scrubbed() {
    let server = MockServer::start_async().await;
    let echoed = format!(
        "bad request: {}",
        serde_json::to_string(PASSWORD).expect("json")
    );
    server
        .mock_async(|when, then| {
            when.method(POST).path("/api/auth/sign-in");
            then.status(500)
                .json_body(json!({ "error": echoed, "version": PASSWORD }));
        })
        .await;
    let credentials = CmSignInParameters {
        email: "a@example.com".into(),
        password: PASSWORD.into(),
    };
    let error = client(&server)
        .sign_in(&credentials)
        .await
        .expect_err("500");
    for output in [error.to_string(), format!("{error:?}")] {
        assert!(!output.contains("word"), "password leaked: {output}");
        assert!(output.contains("<redacted>"), "{output}");
    }
}

#[tokio::test]
async fn percent_encoded_reset_id_is_scrubbed() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/api/auth/reset-password");
            then.status(502)
                .header("content-type", "text/html")
                .body("<p>/reset?id=r%C3%A9set%20id-9&x</p>");
        })
        .await;
    let reset = CmUserPasswordReset {
        email: "a@example.com".into(),
        reset_id: "réset id-9".into(),
        password: "new".into(),
    };
    let error = client(&server)
        .reset_password(&reset)
        .await
        .expect_err("502");
    assert!(!format!("{error:?}").contains("set%20id-9"), "{error:?}");
}

#[tokio::test]
async fn mislabelled_sign_in_body_is_withheld() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/api/auth/sign-in");
            then.status(200)
                .header("content-type", "text/html")
                .body(r#"{"session":{"id":"SESSION-SECRET-7f3a"}}"#);
        })
        .await;
    let credentials = CmSignInParameters {
        email: "a@example.com".into(),
        password: "pw".into(),
    };
    let error = client(&server)
        .sign_in(&credentials)
        .await
        .expect_err("html");
    assert!(matches!(error, Error::UnexpectedBody { .. }), "{error:?}");
    assert!(
        !format!("{error:?} {error}").contains("SESSION-SECRET"),
        "{error:?}"
    );
}

#[tokio::test]
async fn one_time_token_must_be_non_empty_text() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(PUT).path("/api/auth/ott/org-1");
            then.status(200)
                .header("content-type", "application/json")
                .body("null");
        })
        .await;
    let result = client(&server).get_ott("org-1", "s-1").await;
    assert!(
        matches!(result, Err(Error::UnexpectedBody { .. })),
        "null accepted: {:?}",
        result.map(|t| t.expose_secret().len())
    );
    mock.delete_async().await;
    server
        .mock_async(|when, then| {
            when.method(PUT).path("/api/auth/ott/org-1");
            then.status(200)
                .header("content-type", "application/json")
                .body("\"\"");
        })
        .await;
    let result = client(&server).get_ott("org-1", "s-1").await;
    assert!(
        matches!(result, Err(Error::UnexpectedBody { .. })),
        "empty token accepted"
    );
}

#[tokio::test]
async fn oversized_body_is_rejected() {
    let server = MockServer::start_async().await;
    let body = format!("[\"{}\"]", "x".repeat(4096));
    server
        .mock_async(|when, then| {
            when.method(GET).path("/api/auth/myroles/org-1");
            then.status(200)
                .header("content-type", "application/json")
                .body(body);
        })
        .await;
    let client = Client::builder()
        .base_url(server.base_url())
        .max_response_bytes(1024)
        .build()
        .expect("client");
    let error = client
        .my_roles("org-1", "s-1")
        .await
        .expect_err("too large");
    assert!(
        matches!(error, Error::ResponseTooLarge { limit: 1024, .. }),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .contains("larger than the limit of 1024 bytes"),
        "{error}"
    );
}

#[tokio::test]
async fn redirect_is_reported_not_followed() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/api/auth/groups/org-1");
            then.status(302)
                .header("location", "http://127.0.0.1:9/elsewhere");
        })
        .await;
    let error = client(&server)
        .get_groups("org-1", "s-1")
        .await
        .expect_err("302");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(302));
    assert!(error.to_string().contains("does not follow"), "{error}");
}

#[tokio::test]
async fn non_ascii_and_padded_headers_are_rejected() {
    let server = MockServer::start_async().await;
    let any = server
        .mock_async(|when, then| {
            when.any_request();
            then.status(200).json_body(json!([]));
        })
        .await;
    for session_id in ["sessión", "abc\u{2028}", " padded", "padded "] {
        let error = client(&server)
            .my_roles("org-1", session_id)
            .await
            .expect_err(session_id);
        assert!(
            matches!(
                error,
                Error::InvalidParameter {
                    parameter: "session_id",
                    ..
                }
            ),
            "{error:?}"
        );
        assert!(
            !format!("{error:?}").contains(session_id.trim()),
            "{error:?}"
        );
    }
    assert_eq!(
        any.calls_async().await,
        0,
        "a rejected header value was sent"
    );
}
