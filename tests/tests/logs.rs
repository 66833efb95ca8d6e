//! The client's trace logs contain no secrets, on success or failure.
//!
//! This test has a binary of its own. tracing caches per call site whether any subscriber
//! is interested, and a test running in parallel on another thread without a subscriber
//! can make that cache drop the events of the thread-local subscriber used here.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use simsage_auth::{Client, RetryPolicy};
use simsage_auth_tests::fixtures::ids;
use simsage_auth_tests::secrets::{
    ALL as ALL_SECRETS, JWT, OTT, PASSWORD, RESET_ID, SESSION_ID, error_message, password_reset,
    proxy_page_echoing, sign_in_admin_with_secrets, sign_in_parameters,
};
use simsage_auth_tests::{assert_no_secrets, serve};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::fmt::format::FmtSpan;

const ORGANISATION_ID: &str = ids::ORGANISATION_LOGISTICS;

/// Collects everything a tracing subscriber writes.
#[derive(Clone, Default)]
struct LogBuffer {
    bytes: Arc<Mutex<Vec<u8>>>,
}

impl LogBuffer {
    fn text(&self) -> String {
        let bytes = self
            .bytes
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

impl std::io::Write for LogBuffer {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.bytes
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for LogBuffer {
    type Writer = LogBuffer;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn trace_logs_hide_secrets() {
    let logs = LogBuffer::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(FmtSpan::FULL)
        .with_writer(logs.clone())
        .finish();
    // `#[tokio::test]` runs on one thread, so a thread-local subscriber receives every event.
    let _guard = tracing::subscriber::set_default(subscriber);
    // Tests on other threads may have cached this thread's call sites as disabled.
    tracing::callsite::rebuild_interest_cache();

    let echo = error_message(&format!("rejected {SESSION_ID} {PASSWORD} {RESET_ID}"));
    let (_error_server, error_client) = serve(500, "application/json", &echo).await;
    let _ = error_client.sign_in(&sign_in_parameters()).await;
    let _ = error_client.reset_password(&password_reset()).await;
    let _ = error_client.get_groups(ORGANISATION_ID, SESSION_ID).await;

    let page = proxy_page_echoing(&format!("token: {JWT}"), 60);
    let (_proxy_server, proxy_client) = serve(502, "text/html", &page).await;
    let _ = proxy_client.sign_in_admin_using_jwt_msal(JWT).await;

    let (retry_server, _) = serve(503, "text/html", &page).await;
    let retry_client = Client::builder()
        .base_url(retry_server.base_url())
        .retry(
            RetryPolicy::default()
                .max_retries(2)
                .initial_backoff(Duration::from_millis(1))
                .max_backoff(Duration::from_millis(2)),
        )
        .build()
        .expect("a client with retries must build");
    let _ = retry_client.my_roles(ORGANISATION_ID, SESSION_ID).await;

    let (_ott_server, ott_client) = serve(200, "application/json", &format!("\"{OTT}\"")).await;
    let _ = ott_client.get_ott(ORGANISATION_ID, SESSION_ID).await;

    let (_admin_server, admin_client) =
        serve(200, "application/json", &sign_in_admin_with_secrets()).await;
    let _ = admin_client
        .sign_in_admin_using_session_id(SESSION_ID)
        .await;
    let _ = admin_client
        .get_groups(ORGANISATION_ID, "SECRET-SESSION-0001\r\nX-Injected: 1")
        .await;

    // httpmock logs its own handling of the requests, including their headers; only the
    // client side counts here.
    let text: String = logs
        .text()
        .lines()
        .filter(|line| !line.contains(" httpmock::"))
        .collect::<Vec<_>>()
        .join("\n");
    for operation in ["signIn", "signInAdminUsingJWTMsal", "myRoles", "getOTT"] {
        assert!(
            text.contains(&format!("operation=\"{operation}\"")),
            "the captured logs must mention {operation}, or the capture is not working:\n{text}"
        );
    }
    assert_no_secrets("the trace logs", &text, &ALL_SECRETS);
}
