//! The `Client` handle: clones share one connection pool, and `with_http_client` sends
//! through the given reqwest client.

use reqwest::header::{HeaderMap, HeaderValue};
use simsage_auth::{Client, Error};
use simsage_auth_tests::client_for;
use simsage_auth_tests::fixtures;
use simsage_auth_tests::raw_server::{RawResponse, RawServer};

/// Number of sequential calls in the connection-reuse test.
const SEQUENTIAL_CALLS: usize = 50;

#[test]
fn client_is_send_sync_clone() {
    fn assert_traits<T: Send + Sync + Clone + 'static>() {}
    assert_traits::<Client>();
}

#[tokio::test]
async fn clones_share_one_connection() {
    let server = RawServer::start(RawResponse::ok_json(fixtures::MY_ROLES)).await;
    let client = client_for(&server.base_url());

    for call in 0..SEQUENTIAL_CALLS {
        let clone = client.clone();
        let roles = clone
            .my_roles(
                fixtures::ids::ORGANISATION_LOGISTICS,
                fixtures::ids::SESSION_MORGAN,
            )
            .await
            .unwrap_or_else(|error| panic!("call {call} through a clone failed: {error}"));
        assert_eq!(
            roles,
            ["manager", "operator"],
            "call {call} must decode the roles"
        );
    }

    assert_eq!(
        server.requests().len(),
        SEQUENTIAL_CALLS,
        "every call must reach the server"
    );
    assert_eq!(
        server.connections(),
        1,
        "{SEQUENTIAL_CALLS} sequential calls through clones must reuse one keep-alive connection"
    );
}

#[tokio::test]
async fn new_sends_crate_user_agent() {
    let server = RawServer::start(RawResponse::ok_json(fixtures::VERSION)).await;
    let client = client_for(&server.base_url());

    client.version().await.expect("version_8 failed");

    let request = server.only_request();
    let user_agent = request.header("user-agent").unwrap_or_default();
    assert!(
        user_agent.starts_with("simsage-auth/"),
        "Client::new must send the user agent simsage-auth/<version>, got {user_agent:?}"
    );
}

#[tokio::test]
async fn with_http_client_uses_given_client() {
    let server = RawServer::start(RawResponse::ok_json(fixtures::VERSION)).await;
    let mut headers = HeaderMap::new();
    headers.insert(
        "x-request-source",
        HeaderValue::from_static("simsage-auth-tests"),
    );
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .user_agent("harbour-admin/2.3")
        .build()
        .expect("building a reqwest client failed");
    let client = Client::with_http_client(&server.base_url(), http)
        .expect("with_http_client must accept a 127.0.0.1 URL");

    client.version().await.expect("version_8 failed");

    let request = server.only_request();
    assert_eq!(
        request.header("x-request-source"),
        Some("simsage-auth-tests"),
        "the reqwest client's default header must be sent:\n{}",
        request.head_text()
    );
    assert_eq!(
        request.header("user-agent"),
        Some("harbour-admin/2.3"),
        "the reqwest client's user agent must be sent:\n{}",
        request.head_text()
    );
}

#[test]
fn base_url_is_normalised() {
    let client = client_for("http://127.0.0.1:8080/simsage/");
    assert_eq!(
        client.base_url(),
        "http://127.0.0.1:8080/simsage",
        "the trailing slash must be dropped"
    );
}

#[test]
fn bad_base_urls_rejected() {
    let cases = [
        ("no scheme", "127.0.0.1:8080"),
        ("another scheme", "ftp://127.0.0.1/"),
        ("a query", "http://127.0.0.1/?tenant=1"),
        ("a fragment", "http://127.0.0.1/#top"),
        ("credentials", "http://admin:hunter2@127.0.0.1/"),
        ("an empty string", ""),
    ];
    for (kind, url) in cases {
        let error = match Client::new(url) {
            Ok(client) => panic!("Client::new must reject a URL with {kind}, got {client:?}"),
            Err(error) => error,
        };
        assert!(
            matches!(
                error,
                Error::InvalidParameter {
                    parameter: "base_url",
                    ..
                }
            ),
            "a URL with {kind} must fail with InvalidParameter for base_url, got {error:?}"
        );
    }
}

#[test]
fn base_url_credentials_not_echoed() {
    let error = Client::new("http://admin:hunter2@127.0.0.1/")
        .expect_err("a URL with credentials must be rejected");

    let display = error.to_string();
    let debug = format!("{error:?}");
    assert!(
        !display.contains("hunter2"),
        "Display must not contain the password: {display}"
    );
    assert!(
        !debug.contains("hunter2"),
        "Debug must not contain the password: {debug}"
    );
}

#[test]
fn with_http_client_rejects_bad_url() {
    let error = Client::with_http_client("ftp://127.0.0.1/", reqwest::Client::new())
        .expect_err("an ftp URL must be rejected");

    assert!(
        matches!(
            error,
            Error::InvalidParameter {
                parameter: "base_url",
                ..
            }
        ),
        "with_http_client must reject the URL as an invalid base_url, got {error:?}"
    );
}
