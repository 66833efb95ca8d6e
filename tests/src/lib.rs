//! Fixtures and helpers shared by the simsage-auth integration tests.
//!
//! Every server in these tests listens on 127.0.0.1: httpmock's [`MockServer`] for
//! request matching, and [`raw_server::RawServer`] where a test needs the request line
//! exactly as sent or the number of TCP connections.

pub mod fixtures;
pub mod raw_server;
pub mod secrets;

use std::sync::{Arc, Mutex};

use httpmock::MockServer;
use httpmock::prelude::HttpMockRequest;
use simsage_auth::Client;

/// Number of consecutive characters of a secret that count as a leak when found in text.
///
/// Eight characters are enough to recognise the test secrets, whose distinct parts are
/// longer, and short enough to catch a secret that was cut off at a length limit.
pub const SECRET_FRAGMENT_CHARS: usize = 8;

/// Builds a client for a server on 127.0.0.1, panicking if `Client::new` rejects the URL.
pub fn client_for(base_url: &str) -> Client {
    Client::new(base_url)
        .unwrap_or_else(|error| panic!("Client::new({base_url:?}) failed: {error}"))
}

/// Starts a mock server with no mocks yet, and returns it with a client for it. The server
/// stops when dropped.
pub async fn start_mock_server() -> (MockServer, Client) {
    let server = MockServer::start_async().await;
    let client = client_for(&server.base_url());
    (server, client)
}

/// Starts a mock server that responds to every request with `status`, `content_type` and
/// `body`, and returns it with a client for it. The server stops when dropped.
pub async fn serve(status: u16, content_type: &str, body: &str) -> (MockServer, Client) {
    let server = MockServer::start_async().await;
    server
        .mock_async(|_when, then| {
            then.status(status)
                .header("content-type", content_type)
                .body(body);
        })
        .await;
    let client = client_for(&server.base_url());
    (server, client)
}

/// Parses a fixture or test body as JSON, panicking with the text if it is not JSON.
pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|error| panic!("invalid JSON ({error}): {text}"))
}

/// Returns a URL on 127.0.0.1 at which nothing listens, so connecting to it is refused.
///
/// The port is taken from a listener that is closed again at once. Another process could
/// bind the same port in between, which is unlikely during a test run.
pub fn refused_base_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("binding a TCP listener on 127.0.0.1 failed");
    let address = listener
        .local_addr()
        .expect("the listener has no local address");
    drop(listener);
    format!("http://{address}")
}

/// Returns the first run of [`SECRET_FRAGMENT_CHARS`] consecutive characters of `secret`
/// that occurs in `text`, or the whole secret if it is shorter and occurs.
pub fn find_secret_fragment(text: &str, secret: &str) -> Option<String> {
    let characters: Vec<char> = secret.chars().collect();
    if characters.len() <= SECRET_FRAGMENT_CHARS {
        return text.contains(secret).then(|| secret.to_string());
    }
    characters
        .windows(SECRET_FRAGMENT_CHARS)
        .map(|window| window.iter().collect::<String>())
        .find(|fragment| text.contains(fragment.as_str()))
}

/// Panics if `text` contains any of `secrets`, in full or as a fragment of
/// [`SECRET_FRAGMENT_CHARS`] characters. `label` names the text in the panic message.
pub fn assert_no_secrets(label: &str, text: &str, secrets: &[&str]) {
    for secret in secrets {
        if let Some(fragment) = find_secret_fragment(text, secret) {
            panic!("{label} contains {fragment:?} from the secret {secret:?}:\n{text}");
        }
    }
}

/// Panics unless `secret` appears in `request` exactly once, as the whole value of the
/// header `header`, and nowhere else: not in the path or query, not in another header and
/// not in the body.
pub fn assert_secret_only_in_header(request: &HttpMockRequest, header: &str, secret: &str) {
    let target = request.uri_str();
    assert!(
        !target.contains(secret),
        "the request target {target:?} contains the secret sent in `{header}`"
    );

    let body = request.body_string();
    assert!(
        !body.contains(secret),
        "the request body contains the secret sent in `{header}`: {body}"
    );

    let mut matching_headers = 0;
    for (name, value) in request.headers_vec() {
        if name.eq_ignore_ascii_case(header) {
            matching_headers += 1;
            assert_eq!(value, secret, "the `{header}` header has the wrong value");
        } else {
            assert!(
                !value.contains(secret),
                "the header `{name}` contains the secret sent in `{header}`"
            );
        }
    }
    assert_eq!(
        matching_headers, 1,
        "the request must carry the `{header}` header exactly once"
    );
}

/// Requests that an httpmock mock has seen, recorded by a custom matcher.
///
/// httpmock's own matchers check the request. This log lets a test make further checks
/// with its own messages, such as that a secret appears in no other place.
#[derive(Clone, Default)]
pub struct RequestLog {
    requests: Arc<Mutex<Vec<HttpMockRequest>>>,
}

impl RequestLog {
    /// Creates an empty log.
    pub fn new() -> Self {
        Self::default()
    }

    /// Returns a matcher for `When::is_true` that records every request passed to it and
    /// matches all of them.
    pub fn recorder(&self) -> impl Fn(&HttpMockRequest) -> bool + Send + Sync + 'static {
        let requests = Arc::clone(&self.requests);
        move |request| {
            requests
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .push(request.clone());
            true
        }
    }

    /// Returns the last recorded request, and panics if there is none.
    pub fn last(&self) -> HttpMockRequest {
        self.requests
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .last()
            .cloned()
            .expect("the mock recorded no request")
    }
}
