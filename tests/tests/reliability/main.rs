//! Reliability and security suite: load, transport faults, fuzzed responses and secrets.
//!
//! Every test talks to a scripted server that it starts on 127.0.0.1 (see `server.rs`).
//! The fuzz test runs `SIMSAGE_FUZZ_CASES` cases (2,000 by default); set
//! `SIMSAGE_FUZZ_CASES=100000` for the full run.

mod faults;
mod fuzz;
mod load;
mod operations;
mod secrets;
mod server;

use std::future::Future;
use std::time::Duration;

use simsage_auth::Client;

use operations::{Inputs, OPERATIONS, call_operation, spec_operation_ids};

/// Upper bound on any single call in this suite; reaching it means the client hung.
const HANG_LIMIT: Duration = Duration::from_secs(20);

/// Builds a reqwest client for loopback tests: no proxy from the environment, so every
/// request goes to the 127.0.0.1 server, and the given total timeout per call.
fn loopback_http(timeout: Duration) -> reqwest::ClientBuilder {
    reqwest::Client::builder().no_proxy().timeout(timeout)
}

/// Builds a [`Client`] for `base_url` with a total timeout per call.
fn loopback_client(base_url: &str, timeout: Duration) -> Client {
    let http = loopback_http(timeout)
        .build()
        .expect("reqwest client builds");
    Client::with_http_client(base_url, http).expect("loopback base URL is valid")
}

/// Awaits `future`, failing the test if it takes longer than [`HANG_LIMIT`].
async fn within_hang_limit<F: Future>(what: &str, future: F) -> F::Output {
    match tokio::time::timeout(HANG_LIMIT, future).await {
        Ok(output) => output,
        Err(_) => panic!("{what} did not finish within {HANG_LIMIT:?}"),
    }
}

#[test]
fn operation_table_matches_spec() {
    let mut table: Vec<String> = OPERATIONS.iter().map(|(id, _)| id.to_string()).collect();
    table.sort();
    assert_eq!(table, spec_operation_ids());
}

#[tokio::test]
async fn call_operation_reaches_each_operation() {
    // A port with no listener: every call fails at connect, after its arguments passed.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let base_url = format!("http://{}", listener.local_addr().expect("local address"));
    drop(listener);
    let client = loopback_client(&base_url, Duration::from_secs(5));

    for (index, (operation_id, _)) in OPERATIONS.iter().enumerate() {
        let result = within_hang_limit(
            operation_id,
            call_operation(&client, index, &Inputs::plain()),
        )
        .await;
        let error = result.expect_err("nothing listens on the port");
        assert_eq!(error.operation(), *operation_id, "index {index}");
        assert!(error.is_connect(), "{operation_id}: {error:?}");
    }
}
