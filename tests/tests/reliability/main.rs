//! Reliability suite: load, transport faults and fuzzed responses.
//!
//! Every test talks to a scripted server that it starts on 127.0.0.1 (see `server.rs`).
//! The fuzz test runs `SIMSAGE_FUZZ_CASES` cases (2,000 by default); set
//! `SIMSAGE_FUZZ_CASES=100000` for the full run. The secrets suite is the `secret_scan` test
//! binary, which shares `operations.rs`, `server.rs` and `support.rs` with this one.

mod faults;
mod fuzz;
mod load;
mod operations;
mod server;
mod support;

use std::time::Duration;

use operations::{Inputs, OPERATIONS, call_operation, spec_operation_ids};
use support::{loopback_client, loopback_http, within_hang_limit};

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
