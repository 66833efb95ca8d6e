//! The client handle and its builder: base URL, HTTP settings and retry policy.

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::error::Error;
use crate::retry::RetryPolicy;

/// Default time to wait for a TCP and TLS connection to be established.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Default time a whole call may take, from sending the request to the last body byte.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// Default limit on the size of a response body: 64 MiB, about 200,000 users in one page.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;

/// Name given to errors that [`ClientBuilder::build`] returns.
const BUILD: &str = "ClientBuilder::build";

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
    retry: Option<RetryPolicy>,
    max_response_bytes: usize,
}

impl Client {
    /// SimSage's public training server.
    pub const DEFAULT_BASE_URL: &'static str = "https://training.simsage.ai";

    /// Creates a client for the server at `base_url`, such as `https://training.simsage.ai`,
    /// with the defaults of [`ClientBuilder`].
    ///
    /// # Errors
    ///
    /// [`Error::InvalidParameter`] when `base_url` is not an absolute `http` or `https` URL
    /// without query or fragment, or when the HTTP client cannot be initialised.
    pub fn new(base_url: &str) -> Result<Self, Error> {
        Self::builder().base_url(base_url).build()
    }

    /// Returns a builder for a client with other timeouts, headers or retries.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Creates a client that sends its requests through `http`, keeping its pool,
    /// timeouts, proxy, TLS and redirect settings.
    ///
    /// Build `http` with `.redirect(reqwest::redirect::Policy::none())`: reqwest's default
    /// policy follows redirects and would send the `session-id` and `jwt` headers, and on
    /// 307 or 308 a sign-in body with its password, to the host a redirect names.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidParameter`] when `base_url` is not an absolute `http` or `https` URL
    /// without query or fragment.
    pub fn with_http_client(base_url: &str, http: reqwest::Client) -> Result<Self, Error> {
        Self::builder().base_url(base_url).http_client(http).build()
    }

    /// Returns the base URL that request paths are appended to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Returns the underlying HTTP client.
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// Returns the largest response body the client reads, in bytes.
    pub fn max_response_bytes(&self) -> usize {
        self.max_response_bytes
    }

    /// Returns the retry policy, if retries are enabled.
    pub fn retry_policy(&self) -> Option<&RetryPolicy> {
        self.retry.as_ref()
    }
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`].
///
/// Setters take values and never fail; [`ClientBuilder::build`] reports any invalid
/// setting.
///
/// ```
/// use std::time::Duration;
/// use simsage_auth::{Client, RetryPolicy};
///
/// let client = Client::builder()
///     .base_url("http://127.0.0.1:8080")
///     .connect_timeout(Duration::from_secs(3))
///     .timeout(Duration::from_secs(20))
///     .user_agent("user-sync/2.1")
///     .default_header("x-request-source", "user-sync")
///     .retry(RetryPolicy::default())
///     .build()?;
/// assert_eq!(client.base_url(), "http://127.0.0.1:8080");
/// # Ok::<(), simsage_auth::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct ClientBuilder {
    base_url: String,
    connect_timeout: Duration,
    timeout: Duration,
    user_agent: String,
    default_headers: Vec<(String, String)>,
    retry: Option<RetryPolicy>,
    max_response_bytes: usize,
    http: Option<reqwest::Client>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            base_url: Client::DEFAULT_BASE_URL.to_string(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            user_agent: concat!("simsage-auth/", env!("CARGO_PKG_VERSION")).to_string(),
            default_headers: Vec::new(),
            retry: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            http: None,
        }
    }
}

impl ClientBuilder {
    /// Sets the server URL. Default: [`Client::DEFAULT_BASE_URL`].
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// Sets how long to wait for a connection. Default: [`DEFAULT_CONNECT_TIMEOUT`] (10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sets how long a whole call may take. Default: [`DEFAULT_TIMEOUT`] (60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the `User-Agent` header. Default: `simsage-auth/<crate version>`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Adds a header sent with every request. Default: none.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// Retries idempotent calls that fail with a connect error or HTTP 502, 503 or 504.
    /// Default: no retries.
    ///
    /// Sign-ins, one-time tokens, password resets and other calls that are not idempotent
    /// are never retried.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Sets the largest response body the client reads, in bytes; a larger one fails with
    /// [`Error::ResponseTooLarge`] instead of filling memory. Default:
    /// [`DEFAULT_MAX_RESPONSE_BYTES`] (64 MiB).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Sends requests through an existing `reqwest::Client`, whose own timeouts, user
    /// agent, headers, TLS and redirect settings then apply instead of this builder's.
    ///
    /// Clients built by this builder follow no redirects, because reqwest would send the
    /// `session-id` and `jwt` headers to the redirect target; a client passed here should
    /// use `reqwest::redirect::Policy::none()` for the same reason.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Creates the client.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidParameter`] naming the setting when the base URL is not an absolute
    /// `http` or `https` URL without query or fragment, a timeout is zero, the user agent
    /// or a default header is not a valid HTTP header, the retry policy is out of range, or
    /// the TLS backend cannot be initialised.
    pub fn build(self) -> Result<Client, Error> {
        let base_url =
            normalize_base_url(&self.base_url).map_err(|reason| invalid("base_url", reason))?;
        if let Some(retry) = &self.retry {
            retry
                .validate()
                .map_err(|reason| invalid("retry", reason))?;
        }
        let http = match self.http {
            Some(http) => http,
            None => build_http(
                &self.connect_timeout,
                &self.timeout,
                &self.user_agent,
                &self.default_headers,
            )?,
        };
        if self.max_response_bytes == 0 {
            return Err(invalid(
                "max_response_bytes",
                "the limit is zero; pass a positive number of bytes".to_string(),
            ));
        }
        Ok(Client {
            http,
            base_url: base_url.into(),
            retry: self.retry,
            max_response_bytes: self.max_response_bytes,
        })
    }
}

fn build_http(
    connect_timeout: &Duration,
    timeout: &Duration,
    user_agent: &str,
    default_headers: &[(String, String)],
) -> Result<reqwest::Client, Error> {
    if connect_timeout.is_zero() {
        return Err(invalid(
            "connect_timeout",
            "the timeout is zero; pass a positive Duration".to_string(),
        ));
    }
    if timeout.is_zero() {
        return Err(invalid(
            "timeout",
            "the timeout is zero; pass a positive Duration".to_string(),
        ));
    }
    let user_agent = HeaderValue::from_str(user_agent).map_err(|_| {
        invalid(
            "user_agent",
            format!("{user_agent:?} is not a valid header value; use visible ASCII"),
        )
    })?;
    let mut headers = HeaderMap::new();
    for (name, value) in default_headers {
        let header_name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
            invalid(
                "default_header",
                format!("{name:?} is not a valid header name"),
            )
        })?;
        let header_value = HeaderValue::from_str(value).map_err(|_| {
            invalid(
                "default_header",
                format!("the value of header {name:?} contains characters HTTP cannot carry"),
            )
        })?;
        headers.append(header_name, header_value);
    }
    // Redirects are not followed: reqwest would carry the `session-id` and `jwt` headers,
    // and on 307/308 a sign-in body with its password, to whatever host `Location` names.
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(*connect_timeout)
        .timeout(*timeout)
        .user_agent(user_agent)
        .default_headers(headers)
        .build()
        .map_err(|error| {
            invalid(
                "http_client",
                format!("the HTTP client could not be initialised: {error}"),
            )
        })
}

fn invalid(parameter: &'static str, reason: String) -> Error {
    Error::InvalidParameter {
        operation: BUILD,
        parameter,
        reason,
    }
}

/// Checks that `base_url` is an absolute http(s) URL and drops trailing slashes.
fn normalize_base_url(base_url: &str) -> Result<String, String> {
    let url = reqwest::Url::parse(base_url).map_err(|error| {
        format!("{base_url:?} is not an absolute URL ({error}); pass one such as \"https://training.simsage.ai\"")
    })?;
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
        return Err(
            "the base URL contains credentials; SimSage authenticates with a session id, so remove them".to_string(),
        );
    }
    #[cfg(not(any(feature = "rustls", feature = "native-tls")))]
    if url.scheme() == "https" {
        return Err(
            "https needs a TLS backend; enable the `rustls` or `native-tls` feature".to_string(),
        );
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

    fn build_error(builder: ClientBuilder) -> (&'static str, String) {
        match builder.build() {
            Err(Error::InvalidParameter {
                parameter, reason, ..
            }) => (parameter, reason),
            other => panic!("expected InvalidParameter, got {other:?}"),
        }
    }

    #[test]
    fn builder_reports_invalid_settings() {
        let base = Client::builder().base_url("http://127.0.0.1:1");
        assert_eq!(
            build_error(base.clone().timeout(Duration::ZERO)).0,
            "timeout"
        );
        assert_eq!(
            build_error(base.clone().connect_timeout(Duration::ZERO)).0,
            "connect_timeout"
        );
        assert_eq!(
            build_error(base.clone().user_agent("bad\nagent")).0,
            "user_agent"
        );
        assert_eq!(
            build_error(base.clone().default_header("bad name", "v")).0,
            "default_header"
        );
        assert_eq!(
            build_error(base.clone().default_header("x-ok", "v\r\n")).0,
            "default_header"
        );
        assert_eq!(
            build_error(base.retry(RetryPolicy::default().max_retries(100))).0,
            "retry"
        );
        assert_eq!(
            build_error(Client::builder().base_url("nope")).0,
            "base_url"
        );
    }

    #[test]
    fn builder_defaults_build() {
        let client = Client::builder()
            .base_url("http://127.0.0.1:1/")
            .build()
            .expect("defaults are valid");
        assert_eq!(client.base_url(), "http://127.0.0.1:1");
        assert!(client.retry_policy().is_none());
    }
}
