//! The client handle: base URL plus a shared HTTP connection pool.

use std::sync::Arc;
use std::time::Duration;

use crate::error::Error;

/// How long [`Client::new`] waits for a TCP and TLS connection to be established.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long [`Client::new`] lets a whole call take, from sending to the last body byte.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// A client for the SimSage auth service.
///
/// Cloning is cheap: clones share one connection pool, so create one client and clone it
/// into each task. Each operation of the service is an async method; see the
/// [crate documentation](crate) for an overview.
///
/// ```
/// use simsage_auth::Client;
///
/// let client = Client::new("http://127.0.0.1:8080")?;
/// let for_another_task = client.clone();
/// assert_eq!(for_another_task.base_url(), "http://127.0.0.1:8080");
/// # Ok::<(), simsage_auth::Error>(())
/// ```
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: Arc<str>,
}

impl Client {
    /// SimSage's public training server.
    pub const DEFAULT_BASE_URL: &'static str = "https://training.simsage.ai";

    /// Creates a client for the server at `base_url`, such as `https://training.simsage.ai`.
    ///
    /// The HTTP client uses rustls, a connect timeout of [`DEFAULT_CONNECT_TIMEOUT`], a
    /// total timeout of [`DEFAULT_TIMEOUT`] per call and the user agent
    /// `simsage-auth/<version>`. Use [`Client::with_http_client`] to choose other settings.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidParameter`] when `base_url` is not an absolute `http` or `https` URL
    /// without query or fragment, or when the HTTP client cannot be initialised.
    pub fn new(base_url: &str) -> Result<Self, Error> {
        let http = reqwest::Client::builder()
            .connect_timeout(DEFAULT_CONNECT_TIMEOUT)
            .timeout(DEFAULT_TIMEOUT)
            .user_agent(concat!("simsage-auth/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|error| Error::InvalidParameter {
                operation: "Client::new",
                parameter: "base_url",
                reason: format!("the HTTP client could not be initialised: {error}"),
            })?;
        Self::with_http_client(base_url, http)
    }

    /// Creates a client that sends its requests through `http`, keeping its pool,
    /// timeouts, proxy and TLS settings.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidParameter`] when `base_url` is not an absolute `http` or `https` URL
    /// without query or fragment.
    pub fn with_http_client(base_url: &str, http: reqwest::Client) -> Result<Self, Error> {
        let base_url = normalize_base_url(base_url).map_err(|reason| Error::InvalidParameter {
            operation: "Client::new",
            parameter: "base_url",
            reason,
        })?;
        Ok(Client {
            http,
            base_url: base_url.into(),
        })
    }

    /// Returns the base URL that request paths are appended to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Returns the underlying HTTP client.
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

/// Checks that `base_url` is an absolute http(s) URL and drops trailing slashes.
fn normalize_base_url(base_url: &str) -> Result<String, String> {
    let url = reqwest::Url::parse(base_url)
        .map_err(|error| format!("{base_url:?} is not an absolute URL ({error}); pass one such as \"https://training.simsage.ai\""))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(format!(
            "{base_url:?} uses the scheme `{}`; use http or https",
            url.scheme()
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!(
            "{base_url:?} has a query or fragment; pass only scheme, host, port and path"
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("the base URL contains credentials; SimSage authenticates with a session id, so remove them".to_string());
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_is_normalized() {
        assert_eq!(
            normalize_base_url("https://training.simsage.ai/").as_deref(),
            Ok("https://training.simsage.ai")
        );
        assert_eq!(
            normalize_base_url("http://127.0.0.1:8080/simsage/").as_deref(),
            Ok("http://127.0.0.1:8080/simsage")
        );
    }

    #[test]
    fn invalid_base_urls_are_rejected() {
        for url in [
            "",
            "training.simsage.ai",
            "ftp://example.org",
            "https://h/?a=1",
            "https://h/#x",
        ] {
            assert!(normalize_base_url(url).is_err(), "{url:?} accepted");
        }
    }

    #[test]
    fn credentials_are_rejected_without_echo() {
        let error = normalize_base_url("https://user:hunter2@h/").unwrap_err();
        assert!(!error.contains("hunter2"), "{error}");
    }
}
