//! Tracing output of a call: one span with the operation, method, path template, status
//! and elapsed time, and no values, bodies or secrets.

use std::io::Write;
use std::sync::{Arc, Mutex};

use httpmock::prelude::*;
use serde_json::json;
use simsage_auth::Client;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn call_emits_span_without_secrets() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/api/auth/groups/ORG-VALUE-9");
            then.status(200)
                .json_body(json!({ "groupList": [{ "name": "BODY-VALUE-3" }], "userList": [] }));
        })
        .await;
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    // Tests on other threads may have cached this thread's call sites as disabled.
    tracing::callsite::rebuild_interest_cache();

    let client = Client::new(&server.base_url()).expect("client");
    client
        .get_groups("ORG-VALUE-9", "SECRET-SESSION-42")
        .await
        .expect("groups");

    let output = String::from_utf8(captured.0.lock().expect("lock").clone()).expect("utf-8");
    assert!(output.contains("operation=\"getGroups\""), "{output}");
    assert!(
        output.contains("path=\"/api/auth/groups/{organisationId}\""),
        "{output}"
    );
    assert!(output.contains("method=GET"), "{output}");
    assert!(output.contains("status=200"), "{output}");
    assert!(output.contains("elapsed_ms="), "{output}");
    for value in ["SECRET-SESSION-42", "ORG-VALUE-9", "BODY-VALUE-3"] {
        assert!(!output.contains(value), "{value} leaked: {output}");
    }
}
