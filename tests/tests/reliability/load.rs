//! Many concurrent calls on one `Client`, and how many TCP connections they open.
//!
//! reqwest 0.13 over HTTP/1.1 (hyper-util's legacy pool) has no limit on connections per
//! host: a request that finds no idle connection opens a new one, so a burst of N
//! concurrent calls opens up to N connections. `pool_max_idle_per_host` bounds only the
//! connections kept open once the burst is over; the pool closes the rest as they are
//! returned. Callers that need a hard cap on connections limit their own concurrency,
//! for example with a `tokio::sync::Semaphore`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use simsage_auth::Client;

use crate::operations::success_body;
use crate::server::{Behaviour, ScriptedServer};
use crate::{loopback_http, within_hang_limit};

const CONCURRENT_CALLS: usize = 1_000;
const MAX_IDLE_PER_HOST: usize = 8;

/// Index of `getUsersPaginated` in `OPERATIONS`.
const GET_USERS_PAGINATED: usize = 5;

async fn start_user_list_server() -> ScriptedServer {
    ScriptedServer::start(Behaviour::json(
        200,
        &success_body(GET_USERS_PAGINATED, "s"),
    ))
    .await
}

fn pooled_client(server: &ScriptedServer) -> Client {
    let http = loopback_http(Duration::from_secs(30))
        .pool_max_idle_per_host(MAX_IDLE_PER_HOST)
        .build()
        .expect("reqwest client builds");
    Client::with_http_client(&server.base_url(), http).expect("loopback base URL is valid")
}

/// Runs `count` calls of `getUsersPaginated` at once and returns how many succeeded.
async fn concurrent_burst(client: &Client, count: usize) -> usize {
    let client = Arc::new(client.clone());
    let tasks: Vec<_> = (0..count)
        .map(|_| {
            let client = Arc::clone(&client);
            tokio::spawn(async move {
                client
                    .get_users_paginated("org-1", 0, 10, "", "session-1")
                    .await
            })
        })
        .collect();
    let mut succeeded = 0;
    for task in tasks {
        match task.await.expect("call task panicked") {
            Ok(page) => {
                assert_eq!(page.user_count, 1);
                succeeded += 1;
            }
            Err(error) => panic!("concurrent call failed: {error:?}"),
        }
    }
    succeeded
}

/// Waits up to 5 s for the server to see at most `limit` open connections.
async fn wait_for_open_at_most(server: &ScriptedServer, limit: usize) -> usize {
    let deadline = Instant::now() + Duration::from_secs(5);
    while server.open() > limit && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.open()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousand_concurrent_calls_succeed() {
    let server = start_user_list_server().await;
    let client = pooled_client(&server);

    let started = Instant::now();
    let succeeded = within_hang_limit(
        "1,000 concurrent calls",
        concurrent_burst(&client, CONCURRENT_CALLS),
    )
    .await;
    let elapsed = started.elapsed();
    let accepted = server.accepted();
    println!(
        "load: {succeeded} of {CONCURRENT_CALLS} concurrent calls succeeded in {elapsed:?}; \
         {accepted} TCP connections accepted, at most {} open at once",
        server.peak_open()
    );

    assert_eq!(succeeded, CONCURRENT_CALLS);
    assert_eq!(server.requests(), CONCURRENT_CALLS);
    // A request opens at most one connection, so more would mean reconnects.
    assert!(
        (1..=CONCURRENT_CALLS).contains(&accepted),
        "{accepted} connections for {CONCURRENT_CALLS} calls"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pool_keeps_at_most_max_idle_connections() {
    let server = start_user_list_server().await;
    let client = pooled_client(&server);

    within_hang_limit(
        "1,000 concurrent calls",
        concurrent_burst(&client, CONCURRENT_CALLS),
    )
    .await;
    let open_after_burst = wait_for_open_at_most(&server, MAX_IDLE_PER_HOST).await;
    assert!(
        open_after_burst <= MAX_IDLE_PER_HOST,
        "{open_after_burst} connections still open after the burst, \
         pool_max_idle_per_host is {MAX_IDLE_PER_HOST}"
    );

    // Sequential calls mostly reuse the idle connections. A call can still open one: when
    // the previous connection has not been returned to the pool yet, the client starts a
    // connect and uses whichever is ready first.
    let accepted_before = server.accepted();
    for _ in 0..200 {
        within_hang_limit(
            "sequential call",
            client.get_users_paginated("org-1", 0, 10, "", "session-1"),
        )
        .await
        .expect("sequential call succeeds");
    }
    let opened_sequential = server.accepted() - accepted_before;
    let open_after_sequential = wait_for_open_at_most(&server, MAX_IDLE_PER_HOST).await;
    assert!(
        open_after_sequential <= MAX_IDLE_PER_HOST,
        "{open_after_sequential} open"
    );

    // The caller can bound the connections in use by bounding its own concurrency.
    let semaphore = Arc::new(tokio::sync::Semaphore::new(MAX_IDLE_PER_HOST));
    let accepted_before = server.accepted();
    server.reset_peak_open();
    let tasks: Vec<_> = (0..CONCURRENT_CALLS)
        .map(|_| {
            let client = client.clone();
            let semaphore = Arc::clone(&semaphore);
            tokio::spawn(async move {
                let _permit = semaphore.acquire_owned().await.expect("semaphore open");
                client
                    .get_users_paginated("org-1", 0, 10, "", "session-1")
                    .await
            })
        })
        .collect();
    for task in tasks {
        within_hang_limit("limited call", task)
            .await
            .expect("call task panicked")
            .expect("limited call succeeds");
    }
    let opened_limited = server.accepted() - accepted_before;
    let peak_limited = server.peak_open();
    let open_after_limited = wait_for_open_at_most(&server, MAX_IDLE_PER_HOST).await;
    println!(
        "load: {open_after_burst} connections open after the burst; 200 sequential calls \
         opened {opened_sequential}; 1,000 calls limited to {MAX_IDLE_PER_HOST} at a time \
         opened {opened_limited}, at most {peak_limited} open at once"
    );
    assert!(
        open_after_limited <= MAX_IDLE_PER_HOST,
        "{open_after_limited} open"
    );
}
