//! One request being assembled, sent and decoded.

use std::fmt::Write as _;

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::runtime::decode::Received;
use crate::runtime::encode::{self, SegmentRules};
use crate::{Client, SecretString};

/// What a generated method knows about its operation at compile time.
pub(crate) struct Operation {
    /// The `operationId`.
    pub(crate) id: &'static str,
    /// The HTTP method.
    pub(crate) method: reqwest::Method,
    /// The path template, used in documentation and traces.
    #[allow(dead_code)]
    pub(crate) path: &'static str,
}

/// A request under construction.
pub(crate) struct Call<'a> {
    client: &'a Client,
    operation: &'static Operation,
    url: String,
    has_query: bool,
    headers: HeaderMap,
    body: Option<Vec<u8>>,
    secrets: Vec<&'a str>,
}

impl<'a> Call<'a> {
    pub(crate) fn new(client: &'a Client, operation: &'static Operation) -> Self {
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
    pub(crate) fn path_literal(&mut self, text: &str) {
        self.url.push_str(text);
    }

    /// Appends a string path value as one encoded segment.
    pub(crate) fn path_segment(
        &mut self,
        parameter: &'static str,
        value: &str,
        rules: SegmentRules,
    ) -> Result<(), Error> {
        encode::push_segment(&mut self.url, value, rules)
            .map_err(|reason| self.invalid(parameter, reason))
    }

    /// Appends a number or boolean path value.
    pub(crate) fn path_display(&mut self, value: impl std::fmt::Display) {
        // Writing to a String cannot fail.
        let _ = write!(self.url, "{value}");
    }

    /// Appends a query pair.
    #[allow(dead_code)]
    pub(crate) fn query(&mut self, name: &str, value: &str) {
        encode::push_query_pair(&mut self.url, !self.has_query, name, value);
        self.has_query = true;
    }

    /// Sets a header whose value is not secret.
    pub(crate) fn header(
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
    pub(crate) fn secret_header(
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
    pub(crate) fn scrub(&mut self, secret: &'a str) {
        self.secrets.push(secret);
    }

    /// Serializes the JSON request body.
    pub(crate) fn json_body<T: Serialize + ?Sized>(&mut self, body: &T) -> Result<(), Error> {
        let bytes = serde_json::to_vec(body).map_err(|error| {
            self.invalid(
                "body",
                format!("the body cannot be serialized as JSON: {error}"),
            )
        })?;
        self.body = Some(bytes);
        Ok(())
    }

    /// Sends the request and decodes a JSON response.
    pub(crate) async fn send_json<T: DeserializeOwned>(self) -> Result<T, Error> {
        self.send().await?.json()
    }

    /// Sends the request and returns the text of the response.
    #[allow(dead_code)]
    pub(crate) async fn send_text(self) -> Result<String, Error> {
        self.send().await?.text()
    }

    /// Sends the request and returns the text of the response as a secret.
    pub(crate) async fn send_secret_text(self) -> Result<SecretString, Error> {
        self.send().await?.text().map(SecretString::from)
    }

    /// Sends the request and ignores the body of a successful response.
    #[allow(dead_code)]
    pub(crate) async fn send_empty(self) -> Result<(), Error> {
        self.send().await?.empty()
    }

    async fn send(self) -> Result<Received<'a>, Error> {
        let operation = self.operation.id;
        let transport = |source| Error::Transport { operation, source };
        let mut request = self
            .client
            .http()
            .request(self.operation.method.clone(), self.url)
            .headers(self.headers)
            .header(ACCEPT, HeaderValue::from_static("application/json"));
        if let Some(body) = self.body {
            request = request
                .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                .body(body);
        }
        let response = request.send().await.map_err(transport)?;
        let status = response.status();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let body = response.bytes().await.map_err(transport)?;
        Ok(Received {
            operation,
            status,
            content_type,
            body,
            secrets: self.secrets,
        })
    }

    fn invalid(&self, parameter: &'static str, reason: String) -> Error {
        Error::InvalidParameter {
            operation: self.operation.id,
            parameter,
            reason,
        }
    }
}
