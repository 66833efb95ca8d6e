//! One request being assembled, sent and decoded.

use std::fmt::Write as _;
use std::time::Instant;

use bytes::{Bytes, BytesMut};
use reqwest::StatusCode;
use tracing::Instrument as _;

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::runtime::decode::Received;
use crate::runtime::encode::{self, SegmentRules};
use crate::runtime::query::{self, QueryStyle};
use crate::{Client, SecretString};

/// Facts about an operation that a generated method fixes at compile time.
pub struct Operation {
    /// The `operationId`.
    pub id: &'static str,
    /// The HTTP method.
    pub method: reqwest::Method,
    /// The path template, recorded in traces instead of the path with its values.
    pub path: &'static str,
    /// Whether the call may be retried.
    pub idempotent: bool,
    /// Whether a successful response carries secrets, such as a session id.
    pub secret_response: bool,
}

/// A request under construction.
pub struct Call<'a> {
    client: &'a Client,
    operation: &'static Operation,
    url: String,
    has_query: bool,
    headers: HeaderMap,
    body: Option<Vec<u8>>,
    secrets: Vec<&'a str>,
}

impl<'a> Call<'a> {
    /// Starts a request for `operation` to the server of `client`.
    pub fn new(client: &'a Client, operation: &'static Operation) -> Self {
        let base = client.base_url();
        let mut url = String::with_capacity(base.len() + operation.path.len() + 32);
        url.push_str(base);
        Call {
            client,
            operation,
            url,
            has_query: false,
            headers: HeaderMap::new(),
            body: None,
            secrets: Vec::new(),
        }
    }

    /// Appends literal path text from the template.
    pub fn path_literal(&mut self, text: &str) {
        self.url.push_str(text);
    }

    /// Appends a string path value as one encoded segment.
    pub fn path_segment(
        &mut self,
        parameter: &'static str,
        value: &str,
        rules: SegmentRules,
    ) -> Result<(), Error> {
        encode::push_segment(&mut self.url, value, rules)
            .map_err(|reason| self.invalid(parameter, reason))
    }

    /// Appends a number or boolean path value.
    pub fn path_display(&mut self, value: impl std::fmt::Display) {
        // Writing to a String cannot fail.
        let _ = write!(self.url, "{value}");
    }

    /// Appends a query pair.
    #[allow(dead_code)]
    pub fn query(&mut self, name: &str, value: &str) {
        encode::push_query_pair(&mut self.url, !self.has_query, name, value);
        self.has_query = true;
    }

    /// Appends a query parameter of any serializable type, written as `style` prescribes.
    ///
    /// `name` is the parameter's wire name and `parameter` its argument name for errors.
    pub fn query_value<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        parameter: &'static str,
        style: QueryStyle,
        value: &T,
    ) -> Result<(), Error> {
        let pairs = query::encoded_pairs(name, style, value)
            .map_err(|reason| self.invalid(parameter, reason))?;
        for (name, value) in pairs {
            self.url.push(if self.has_query { '&' } else { '?' });
            self.url.push_str(&name);
            self.url.push('=');
            self.url.push_str(&value);
            self.has_query = true;
        }
        Ok(())
    }

    /// Sets the `Accept` header, for operations whose response is not JSON.
    ///
    /// `media_types` must be a valid header value, such as `image/jpeg, image/svg+xml`.
    /// The generator checks this, because an invalid value panics here.
    pub fn accept(&mut self, media_types: &'static str) {
        self.headers
            .insert(ACCEPT, HeaderValue::from_static(media_types));
    }

    /// Sets a header whose value is not secret.
    pub fn header(
        &mut self,
        name: &'static str,
        parameter: &'static str,
        value: &str,
    ) -> Result<(), Error> {
        let value =
            encode::header_value(value, false).map_err(|reason| self.invalid(parameter, reason))?;
        self.headers.insert(HeaderName::from_static(name), value);
        Ok(())
    }

    /// Sets a header that carries a secret: marked sensitive, and scrubbed from errors.
    pub fn secret_header(
        &mut self,
        name: &'static str,
        parameter: &'static str,
        value: &'a str,
    ) -> Result<(), Error> {
        let header =
            encode::header_value(value, true).map_err(|reason| self.invalid(parameter, reason))?;
        self.headers.insert(HeaderName::from_static(name), header);
        self.secrets.push(value);
        Ok(())
    }

    /// Registers a secret from the request body so that it is scrubbed from errors.
    pub fn scrub(&mut self, secret: &'a str) {
        self.secrets.push(secret);
    }

    /// Serializes the JSON request body.
    pub fn json_body<T: Serialize + ?Sized>(&mut self, body: &T) -> Result<(), Error> {
        let bytes = serde_json::to_vec(body).map_err(|error| {
            self.invalid(
                "body",
                format!("the body cannot be serialized as JSON: {error}"),
            )
        })?;
        self.body = Some(bytes);
        Ok(())
    }

    /// Adds a file part to the `multipart/form-data` body; `name` is the part's name.
    #[cfg(feature = "multipart")]
    pub fn multipart_file(
        &mut self,
        name: &'static str,
        file: &crate::runtime::FilePart,
    ) -> Result<(), Error> {
        crate::runtime::multipart::append_file(&mut self.body, &mut self.headers, name, file)
            .map_err(|reason| self.invalid(name, reason))
    }

    /// Adds a text part to the `multipart/form-data` body; `name` is the part's name.
    #[cfg(feature = "multipart")]
    pub fn multipart_text(
        &mut self,
        name: &'static str,
        value: impl std::fmt::Display,
    ) -> Result<(), Error> {
        let value = value.to_string();
        crate::runtime::multipart::append_text(&mut self.body, &mut self.headers, name, &value)
            .map_err(|reason| self.invalid(name, reason))
    }

    /// Sends the request and decodes a JSON response.
    pub async fn send_json<T: DeserializeOwned>(self) -> Result<T, Error> {
        self.send().await?.json()
    }

    /// Sends the request and returns the text of the response.
    #[allow(dead_code)]
    pub async fn send_text(self) -> Result<String, Error> {
        self.send().await?.text()
    }

    /// Sends the request and returns the text of the response as a secret.
    pub async fn send_secret_text(self) -> Result<SecretString, Error> {
        self.send().await?.non_empty_text().map(SecretString::from)
    }

    /// Sends the request and returns the body as UTF-8 text, as it is (HTML included).
    pub async fn send_raw_text(self) -> Result<String, Error> {
        self.send().await?.raw_text()
    }

    /// Sends the request and returns the body bytes, for binary responses.
    pub async fn send_bytes(self) -> Result<bytes::Bytes, Error> {
        self.send().await?.bytes()
    }

    /// Sends the request and ignores the body of a successful response.
    #[allow(dead_code)]
    pub async fn send_empty(self) -> Result<(), Error> {
        self.send().await?.empty()
    }

    /// Sends the request, retrying when the client's policy allows it, and reads the body.
    ///
    /// One tracing span covers the call, with the operation id, method and path template
    /// (never the values, headers or bodies), the status and the elapsed time.
    async fn send(self) -> Result<Received<'a>, Error> {
        let operation = self.operation;
        let span = tracing::debug_span!(
            "simsage_auth",
            operation = operation.id,
            method = %operation.method,
            path = operation.path,
            status = tracing::field::Empty,
            elapsed_ms = tracing::field::Empty,
        );
        let started = Instant::now();
        let result = self.send_with_retries().instrument(span.clone()).await;
        let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        span.record("elapsed_ms", elapsed_ms);
        match &result {
            Ok(received) => {
                span.record("status", received.status.as_u16());
                tracing::debug!(parent: &span, status = received.status.as_u16(), elapsed_ms, "call finished");
            }
            Err(error) => tracing::debug!(parent: &span, %error, elapsed_ms, "call failed"),
        }
        result
    }

    async fn send_with_retries(self) -> Result<Received<'a>, Error> {
        let policy = self
            .client
            .retry_policy()
            .filter(|_| self.operation.idempotent)
            .copied();
        let Some(policy) = policy else {
            let received = send_once(
                self.client,
                self.operation,
                self.url,
                self.headers,
                self.body,
            )
            .await?;
            return Ok(Received {
                secrets: self.secrets,
                ..received
            });
        };
        let mut retry = 0;
        loop {
            let attempt = send_once(
                self.client,
                self.operation,
                self.url.clone(),
                self.headers.clone(),
                self.body.clone(),
            )
            .await;
            let reason = match &attempt {
                Err(Error::Transport { source, .. }) if source.is_connect() => {
                    "connect error".to_string()
                }
                Ok(received) if RETRY_STATUSES.contains(&received.status) => {
                    received.status.to_string()
                }
                _ => {
                    return attempt.map(|received| Received {
                        secrets: self.secrets,
                        ..received
                    });
                }
            };
            if retry >= policy.retries() {
                return attempt.map(|received| Received {
                    secrets: self.secrets,
                    ..received
                });
            }
            retry += 1;
            let backoff = policy.backoff(retry);
            tracing::debug!(retry, %reason, backoff_ms = backoff.as_millis() as u64, "retrying");
            tokio::time::sleep(backoff).await;
        }
    }

    fn invalid(&self, parameter: &'static str, reason: String) -> Error {
        Error::InvalidParameter {
            operation: self.operation.id,
            parameter,
            reason,
        }
    }
}

/// Statuses after which an idempotent call is retried: gateway errors and overload.
const RETRY_STATUSES: [StatusCode; 3] = [
    StatusCode::BAD_GATEWAY,
    StatusCode::SERVICE_UNAVAILABLE,
    StatusCode::GATEWAY_TIMEOUT,
];

/// Sends one request and reads the whole response body.
async fn send_once(
    client: &Client,
    operation: &'static Operation,
    url: String,
    headers: HeaderMap,
    body: Option<Vec<u8>>,
) -> Result<Received<'static>, Error> {
    let transport = |source| Error::Transport {
        operation: operation.id,
        source,
    };
    let mut headers = headers;
    add_default_headers(&mut headers, body.is_some());
    let mut request = client
        .http()
        .request(operation.method.clone(), url)
        .headers(headers);
    if let Some(body) = body {
        request = request.body(body);
    }
    let response = request.send().await.map_err(transport)?;
    let status = response.status();
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let body = read_body(response, client.max_response_bytes(), operation.id).await?;
    Ok(Received {
        operation: operation.id,
        status,
        content_type,
        body,
        secrets: Vec::new(),
        secret_response: operation.secret_response,
    })
}

/// Sets `Accept` and, when there is a body, `Content-Type` to JSON, unless the call set
/// them: `Call::accept` for other responses, a multipart form for its own body.
fn add_default_headers(headers: &mut HeaderMap, has_body: bool) {
    let json = HeaderValue::from_static("application/json");
    headers.entry(ACCEPT).or_insert_with(|| json.clone());
    if has_body {
        headers.entry(CONTENT_TYPE).or_insert(json);
    }
}

/// Reads the whole body, failing once it grows past `limit` bytes.
///
/// A body that arrives in one chunk, as small responses do, is returned without a copy.
async fn read_body(
    mut response: reqwest::Response,
    limit: usize,
    operation: &'static str,
) -> Result<Bytes, Error> {
    let status = response.status();
    let too_large = || Error::ResponseTooLarge {
        operation,
        status,
        limit,
    };
    if response
        .content_length()
        .is_some_and(|length| length > limit as u64)
    {
        return Err(too_large());
    }
    let transport = |source| Error::Transport { operation, source };
    let mut first: Option<Bytes> = None;
    let mut rest = BytesMut::new();
    let mut total = 0usize;
    while let Some(chunk) = response.chunk().await.map_err(transport)? {
        total = total.saturating_add(chunk.len());
        if total > limit {
            return Err(too_large());
        }
        match first.take() {
            None if rest.is_empty() => first = Some(chunk),
            previous => {
                if let Some(previous) = previous {
                    rest.extend_from_slice(&previous);
                }
                rest.extend_from_slice(&chunk);
            }
        }
    }
    Ok(first.unwrap_or_else(|| rest.freeze()))
}
