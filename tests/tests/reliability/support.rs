//! Client and timeout helpers shared by the reliability and secrets test binaries.

use std::future::Future;
use std::time::Duration;

use simsage_auth::Client;

/// Upper bound on any single call in this suite; reaching it means the client hung.
pub const HANG_LIMIT: Duration = Duration::from_secs(20);

/// Builds a reqwest client for loopback tests: no proxy from the environment, so every
/// request goes to the 127.0.0.1 server, and the given total timeout per call.
pub fn loopback_http(timeout: Duration) -> reqwest::ClientBuilder {
    reqwest::Client::builder().no_proxy().timeout(timeout)
}

/// Builds a [`Client`] for `base_url` with a total timeout per call.
pub fn loopback_client(base_url: &str, timeout: Duration) -> Client {
    let http = loopback_http(timeout)
        .build()
        .expect("reqwest client builds");
    Client::with_http_client(base_url, http).expect("loopback base URL is valid")
}

/// Awaits `future`, failing the test if it takes longer than [`HANG_LIMIT`].
pub async fn within_hang_limit<F: Future>(what: &str, future: F) -> F::Output {
    match tokio::time::timeout(HANG_LIMIT, future).await {
        Ok(output) => output,
        Err(_) => panic!("{what} did not finish within {HANG_LIMIT:?}"),
    }
}
