//! Secrets never appear in `Debug` or `Display` output: not in errors, not in request or
//! response models, not in the one-time token and not in the client.
//!
//! The secrets come from `simsage_auth_tests::secrets`. The checks also look for fragments
//! of `SECRET_FRAGMENT_CHARS` characters, which catches a secret cut off at a length limit.
//! Logs are checked in `logs.rs`, a test binary of its own.
//!
//! Where the typed `then` can send the response (a `JsonMessage` error, JSON with status
//! 200 or a token), the test mocks its operation with the typed helper and asserts that
//! the request matched. A request that misses the mock gets httpmock's 404, whose error
//! contains no secret and would pass the checks. HTML pages, and bodies that several
//! operations share, come from `serve`.

use serde_json::json;
use simsage_auth::mock::MockServerExt;
use simsage_auth::types::{JsonMessage, SignInAdmin};
use simsage_auth::{Error, ExposeSecret};
use simsage_auth_tests::fixtures::{self, ids};
use simsage_auth_tests::raw_server::{RawRequest, RawResponse, RawServer};
use simsage_auth_tests::secrets::{
    ALL as ALL_SECRETS, JWT, OTT, PASSWORD, PASSWORD_HASH, RESET_ID, SESSION_ID, password_reset,
    proxy_page_echoing, sign_in_admin_with_secrets, sign_in_parameters, user_with_password,
};
use simsage_auth_tests::{
    assert_no_secrets, client_for, json, refused_base_url, serve, start_mock_server,
};

const ORGANISATION_ID: &str = ids::ORGANISATION_LOGISTICS;

/// Panics if the `Display` or `Debug` output of `error`, or of any error in its source
/// chain, contains a secret. `label` names the error in the panic message.
fn assert_error_hides_secrets(label: &str, error: &Error) {
    assert_no_secrets(
        &format!("{label}: Display"),
        &error.to_string(),
        &ALL_SECRETS,
    );
    assert_no_secrets(
        &format!("{label}: Debug"),
        &format!("{error:?}"),
        &ALL_SECRETS,
    );
    assert_no_secrets(
        &format!("{label}: alternate Debug"),
        &format!("{error:#?}"),
        &ALL_SECRETS,
    );
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        assert_no_secrets(
            &format!("{label}: source Display"),
            &cause.to_string(),
            &ALL_SECRETS,
        );
        assert_no_secrets(
            &format!("{label}: source Debug"),
            &format!("{cause:?}"),
            &ALL_SECRETS,
        );
        source = cause.source();
    }
}

// ---------------------------------------------------------------------------------------
// Errors built from server responses that echo a secret
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn api_error_scrubs_echoed_session_id() {
    let (server, client) = start_mock_server().await;
    let mock = server
        .mock_get_groups_async(|when, then| {
            when.organisation_id(ORGANISATION_ID).session_id(SESSION_ID);
            then.error(500, &format!("invalid session id {SESSION_ID}"));
        })
        .await;

    let error = client
        .get_groups(ORGANISATION_ID, SESSION_ID)
        .await
        .expect_err("a 500 response must be an error");

    mock.assert_async().await;

    assert!(
        matches!(error, Error::Api { .. }),
        "expected Error::Api, got {error:?}"
    );
    assert_error_hides_secrets("getGroups with an echoed session id", &error);
    let message = error.api_message().expect("Error::Api has a message");
    assert_no_secrets("api_message().error", &message.error, &ALL_SECRETS);
    assert!(
        message.error.starts_with("invalid session id "),
        "the rest of the server's message must be kept: {:?}",
        message.error
    );
}

#[tokio::test]
async fn api_error_scrubs_echoed_information() {
    let message = JsonMessage {
        information: format!("session {SESSION_ID} has expired"),
        version: "7.14.12".to_string(),
        ..JsonMessage::default()
    };
    let (server, client) = start_mock_server().await;
    let mock = server
        .mock_my_roles_async(|when, then| {
            when.organisation_id(ORGANISATION_ID).session_id(SESSION_ID);
            then.error_message(500, &message);
        })
        .await;

    let error = client
        .my_roles(ORGANISATION_ID, SESSION_ID)
        .await
        .expect_err("a 500 response must be an error");

    mock.assert_async().await;

    assert_error_hides_secrets("myRoles with an echoed session id", &error);
}

#[tokio::test]
async fn sign_in_error_scrubs_password() {
    let echo = format!(
        "invalid email address or password ({} / {PASSWORD})",
        ids::EMAIL_MORGAN
    );
    let (server, client) = start_mock_server().await;
    let mock = server
        .mock_sign_in_async(|when, then| {
            when.body(&sign_in_parameters());
            then.error(500, &echo);
        })
        .await;

    let error = client
        .sign_in(&sign_in_parameters())
        .await
        .expect_err("a 500 response must be an error");

    mock.assert_async().await;

    assert_error_hides_secrets("signIn with an echoed password", &error);
}

#[tokio::test]
async fn reset_password_error_scrubs_secrets() {
    let echo = format!("reset id {RESET_ID} is not valid for password {PASSWORD}");
    let (server, client) = start_mock_server().await;
    let mock = server
        .mock_reset_password_async(|when, then| {
            when.body(&password_reset());
            then.error(500, &echo);
        })
        .await;

    let error = client
        .reset_password(&password_reset())
        .await
        .expect_err("a 500 response must be an error");

    mock.assert_async().await;

    assert_error_hides_secrets("resetPassword with echoed secrets", &error);
}

#[tokio::test]
async fn update_user_html_scrubs_password() {
    let page = proxy_page_echoing(&format!("password={PASSWORD}"), 80);
    let (_server, client) = serve(502, "text/html", &page).await;

    let error = client
        .update_user(ORGANISATION_ID, SESSION_ID, &user_with_password())
        .await
        .expect_err("a 502 response must be an error");

    assert!(
        matches!(error, Error::UnexpectedBody { .. }),
        "expected Error::UnexpectedBody, got {error:?}"
    );
    assert_error_hides_secrets("updateUser with an echoed password", &error);
}

#[tokio::test]
async fn html_error_scrubs_echoed_jwt() {
    let page = proxy_page_echoing(&format!("token: {JWT}"), 60);
    let (_server, client) = serve(502, "text/html", &page).await;

    let error = client
        .sign_in_admin_using_jwt_msal(JWT)
        .await
        .expect_err("a 502 response must be an error");

    assert!(
        matches!(error, Error::UnexpectedBody { .. }),
        "expected Error::UnexpectedBody, got {error:?}"
    );
    assert_error_hides_secrets("signInAdminUsingJWTMsal with an echoed JWT", &error);
}

#[tokio::test]
async fn html_error_scrubs_jwt_cut_at_limit() {
    // The JWT starts 20 characters before the 200-character limit of `body_start`, so
    // only its beginning would be kept.
    let page = proxy_page_echoing(JWT, 180);
    let (_server, client) = serve(502, "text/html", &page).await;

    let error = client
        .sign_in_dms_using_jwt_msal(JWT, ORGANISATION_ID)
        .await
        .expect_err("a 502 response must be an error");

    assert_error_hides_secrets("signInDmsUsingJWTMsal with a JWT at the limit", &error);
}

#[tokio::test]
async fn html_error_scrubs_session_id_cut_at_limit() {
    let page = proxy_page_echoing(SESSION_ID, 190);
    let (_server, client) = serve(503, "text/html", &page).await;

    let error = client
        .get_ott(ORGANISATION_ID, SESSION_ID)
        .await
        .expect_err("a 503 response must be an error");

    assert_error_hides_secrets("getOTT with a session id at the limit", &error);
}

#[tokio::test]
async fn decode_error_hides_body_values() {
    let mut body = json(&sign_in_admin_with_secrets());
    body["timeOut"] = json!(SESSION_ID);
    let (server, client) = start_mock_server().await;
    let mock = server
        .mock_sign_in_admin_using_session_id_async(|when, then| {
            when.session_id(SESSION_ID);
            then.ok_json(body);
        })
        .await;

    let error = client
        .sign_in_admin_using_session_id(SESSION_ID)
        .await
        .expect_err("a string in place of a number must fail");

    mock.assert_async().await;

    assert!(
        matches!(error, Error::Decode { .. }),
        "expected Error::Decode, got {error:?}"
    );
    assert_error_hides_secrets("a Decode error over a secret value", &error);
}

#[tokio::test]
async fn decode_error_hides_value_with_expected_text() {
    // serde's message is `invalid type: string "<value>", expected i64`. A value that
    // itself contains ", expected" must still be left out completely.
    let mut body = json(&sign_in_admin_with_secrets());
    body["timeOut"] = json!(format!("0, expected {OTT}"));
    let (server, client) = start_mock_server().await;
    let mock = server
        .mock_sign_in_admin_using_session_id_async(|when, then| {
            when.session_id(SESSION_ID);
            then.ok_json(body);
        })
        .await;

    let error = client
        .sign_in_admin_using_session_id(SESSION_ID)
        .await
        .expect_err("a string in place of a number must fail");

    mock.assert_async().await;

    assert!(
        matches!(error, Error::Decode { .. }),
        "expected Error::Decode, got {error:?}"
    );
    assert_error_hides_secrets("a Decode error over a value with `, expected`", &error);
}

#[tokio::test]
async fn transport_error_hides_secrets() {
    let client = client_for(&refused_base_url());

    let error = client
        .get_groups(ORGANISATION_ID, SESSION_ID)
        .await
        .expect_err("a refused connection must fail");
    assert_error_hides_secrets("getGroups on a refused connection", &error);

    let error = client
        .sign_in_admin_using_jwt_msal(JWT)
        .await
        .expect_err("a refused connection must fail");
    assert_error_hides_secrets("signInAdminUsingJWTMsal on a refused connection", &error);

    let error = client
        .sign_in(&sign_in_parameters())
        .await
        .expect_err("a refused connection must fail");
    assert_error_hides_secrets("signIn on a refused connection", &error);
}

// ---------------------------------------------------------------------------------------
// Successful calls: response models and the one-time token
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn sign_in_response_debug_hides_session_id() {
    let mut body = json(fixtures::SIGN_IN);
    body["session"]["id"] = json!(SESSION_ID);
    let (server, client) = start_mock_server().await;
    let mock = server
        .mock_sign_in_async(|when, then| {
            when.body(&sign_in_parameters());
            then.ok_json(body);
        })
        .await;

    let signed_in = client
        .sign_in(&sign_in_parameters())
        .await
        .expect("signIn failed");

    mock.assert_async().await;

    assert_eq!(
        signed_in.session.id, SESSION_ID,
        "the session id must be decoded"
    );
    assert_no_secrets(
        "CmSessionVersion Debug",
        &format!("{signed_in:?}"),
        &ALL_SECRETS,
    );
    assert_no_secrets(
        "CmSession Debug",
        &format!("{:#?}", signed_in.session),
        &ALL_SECRETS,
    );
}

#[tokio::test]
async fn sign_in_admin_debug_hides_secrets() {
    let (server, client) = start_mock_server().await;
    let mock = server
        .mock_sign_in_admin_using_jwt_msal_async(|when, then| {
            when.jwt(JWT);
            then.ok_json(json(&sign_in_admin_with_secrets()));
        })
        .await;

    let signed_in: SignInAdmin = client
        .sign_in_admin_using_jwt_msal(JWT)
        .await
        .expect("signInAdminUsingJWTMsal failed");

    mock.assert_async().await;

    assert_eq!(
        signed_in.password, PASSWORD,
        "the password field must be decoded"
    );
    assert_eq!(
        signed_in.user.password_hash, PASSWORD_HASH,
        "user.passwordHash must be decoded"
    );
    assert_no_secrets("SignInAdmin Debug", &format!("{signed_in:?}"), &ALL_SECRETS);
    assert_no_secrets(
        "Session Debug",
        &format!("{:?}", signed_in.session),
        &ALL_SECRETS,
    );
    assert_no_secrets("User Debug", &format!("{:?}", signed_in.user), &ALL_SECRETS);
}

#[tokio::test]
async fn sign_in_commands_debug_hide_secrets() {
    let (_server, client) = serve(200, "application/json", &sign_in_admin_with_secrets()).await;

    let search = client
        .sign_in_search_using_jwt_msal(JWT, ORGANISATION_ID)
        .await
        .expect("signInSearchUsingJWTMsal failed");
    assert_no_secrets("SignInCmd Debug", &format!("{search:?}"), &ALL_SECRETS);

    let dms = client
        .sign_in_dms_using_jwt_msal(JWT, ORGANISATION_ID)
        .await
        .expect("signInDmsUsingJWTMsal failed");
    assert_no_secrets("SignInDmsCmd Debug", &format!("{dms:?}"), &ALL_SECRETS);
}

#[tokio::test]
async fn ott_debug_hides_token() {
    let (server, client) = start_mock_server().await;
    let mock = server
        .mock_get_ott_async(|when, then| {
            when.organisation_id(ORGANISATION_ID).session_id(SESSION_ID);
            then.ok(OTT);
        })
        .await;

    let token = client
        .get_ott(ORGANISATION_ID, SESSION_ID)
        .await
        .expect("getOTT failed");

    mock.assert_async().await;

    assert_eq!(
        token.expose_secret(),
        OTT,
        "expose_secret() must return the token"
    );
    assert_no_secrets("SecretString Debug", &format!("{token:?}"), &ALL_SECRETS);
}

// ---------------------------------------------------------------------------------------
// Request models and the client
// ---------------------------------------------------------------------------------------

#[test]
fn request_models_debug_hides_secrets() {
    let sign_in = sign_in_parameters();
    let reset = password_reset();
    let user = user_with_password();

    assert_no_secrets(
        "CmSignInParameters Debug",
        &format!("{sign_in:?}"),
        &ALL_SECRETS,
    );
    assert_no_secrets(
        "CmUserPasswordReset Debug",
        &format!("{reset:?}"),
        &ALL_SECRETS,
    );
    assert_no_secrets(
        "CmUserWithExtras Debug",
        &format!("{user:#?}"),
        &ALL_SECRETS,
    );
    assert!(
        format!("{sign_in:?}").contains(ids::EMAIL_MORGAN),
        "the email address is not secret and must stay visible in Debug"
    );
}

#[tokio::test]
async fn client_debug_hides_secrets_after_calls() {
    let (_server, client) = serve(200, "application/json", &sign_in_admin_with_secrets()).await;

    let _ = client.sign_in_admin_using_session_id(SESSION_ID).await;
    let _ = client.sign_in_admin_using_jwt_msal(JWT).await;
    let _ = client.sign_in(&sign_in_parameters()).await;
    let _ = client.reset_password(&password_reset()).await;

    assert_no_secrets("Client Debug", &format!("{client:?}"), &ALL_SECRETS);
    assert_no_secrets(
        "Client clone Debug",
        &format!("{:#?}", client.clone()),
        &ALL_SECRETS,
    );
}

// ---------------------------------------------------------------------------------------
// Redirects to another origin
// ---------------------------------------------------------------------------------------

/// Returns the request head and body as one text.
fn request_text(request: &RawRequest) -> String {
    format!(
        "{}\n\n{}",
        request.head_text(),
        String::from_utf8_lossy(&request.body)
    )
}

/// Starts a server at another origin (another port on 127.0.0.1) and a server that
/// redirects every request there with `status`.
async fn start_redirect(status: u16, path: &str) -> (RawServer, RawServer) {
    let other_origin = RawServer::start(RawResponse::ok_json(fixtures::SIGN_IN_ADMIN)).await;
    let location = format!("{}{path}", other_origin.base_url());
    let redirecting = RawServer::start(RawResponse::redirect(status, &location)).await;
    (redirecting, other_origin)
}

#[tokio::test]
async fn redirect_drops_session_header() {
    let (redirecting, other_origin) =
        start_redirect(302, "/api/auth/admin/authenticate/session-id").await;
    let client = client_for(&redirecting.base_url());

    let _ = client.sign_in_admin_using_session_id(SESSION_ID).await;

    assert_eq!(
        redirecting.requests().len(),
        1,
        "the redirecting server must receive the request"
    );
    for request in other_origin.requests() {
        assert_no_secrets(
            "a request that followed a redirect to another origin",
            &request_text(&request),
            &ALL_SECRETS,
        );
    }
}

#[tokio::test]
async fn redirect_drops_jwt_header() {
    let (redirecting, other_origin) =
        start_redirect(302, "/api/auth/admin/authenticate/msal").await;
    let client = client_for(&redirecting.base_url());

    let _ = client.sign_in_admin_using_jwt_msal(JWT).await;

    assert_eq!(
        redirecting.requests().len(),
        1,
        "the redirecting server must receive the request"
    );
    for request in other_origin.requests() {
        assert_no_secrets(
            "a request that followed a redirect to another origin",
            &request_text(&request),
            &ALL_SECRETS,
        );
    }
}

#[tokio::test]
async fn redirect_drops_password_body() {
    let (redirecting, other_origin) = start_redirect(307, "/api/auth/sign-in").await;
    let client = client_for(&redirecting.base_url());

    let _ = client.sign_in(&sign_in_parameters()).await;

    assert_eq!(
        redirecting.requests().len(),
        1,
        "the redirecting server must receive the request"
    );
    for request in other_origin.requests() {
        assert_no_secrets(
            "a request that followed a 307 redirect to another origin",
            &request_text(&request),
            &ALL_SECRETS,
        );
    }
}
