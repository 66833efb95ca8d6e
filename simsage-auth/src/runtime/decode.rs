//! Turns a received response into a value or an [`Error`].

use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use crate::error::{DecodeError, Error};
use crate::types::JsonMessage;

/// Number of characters of an unexpected body kept in [`Error::UnexpectedBody`].
const BODY_START_CHARS: usize = 200;

/// Bytes of an unexpected body that are decoded and scrubbed before the cut: enough for
/// 200 characters of up to 4 bytes each, plus room for a secret that crosses the cut.
const BODY_START_BYTES: usize = BODY_START_CHARS * 4 + 4096;

/// Text that replaces the body of a 2xx response in [`Error::UnexpectedBody`] when it may
/// carry secrets.
const WITHHELD_BODY: &str = "<body of a successful response withheld: it may carry secrets>";

/// A response read in full, with what is needed to decode it and to report failures.
pub(crate) struct Received<'a> {
    pub(crate) operation: &'static str,
    pub(crate) status: StatusCode,
    pub(crate) content_type: Option<String>,
    pub(crate) body: bytes::Bytes,
    /// Values to replace with `<redacted>` in any text copied into an error.
    pub(crate) secrets: Vec<&'a str>,
    /// Whether a successful response of this operation carries secrets (a session id or a
    /// one-time token), so that none of its body may be copied into an error.
    pub(crate) secret_response: bool,
}

impl Received<'_> {
    /// Decodes a JSON body into `T`.
    pub(crate) fn json<T: DeserializeOwned>(self) -> Result<T, Error> {
        self.check_success()?;
        if !self.looks_like_json() {
            return Err(self.unexpected_body());
        }
        serde_json::from_slice(&self.body).map_err(|_| self.decode_error::<T>())
    }

    /// Decodes a body that is a JSON string or bare text.
    pub(crate) fn text(self) -> Result<String, Error> {
        self.check_success()?;
        let trimmed = self.body.trim_ascii();
        if trimmed.starts_with(b"\"") {
            return serde_json::from_slice(trimmed).map_err(|_| self.decode_error::<String>());
        }
        // A JSON object or array is no token, whatever its content type.
        if trimmed.is_empty()
            || self.is_html()
            || trimmed.starts_with(b"{")
            || trimmed.starts_with(b"[")
        {
            return Err(self.unexpected_body());
        }
        match std::str::from_utf8(trimmed) {
            Ok(text) if text != "null" => Ok(text.to_string()),
            _ => Err(self.unexpected_body()),
        }
    }

    /// Decodes a text body that must not be empty, such as a one-time token.
    pub(crate) fn non_empty_text(self) -> Result<String, Error> {
        let operation = self.operation;
        let status = self.status;
        let content_type = self.content_type.clone();
        let text = self.text()?;
        if text.is_empty() {
            return Err(Error::UnexpectedBody {
                operation,
                status,
                content_type,
                body_start: String::new(),
            });
        }
        Ok(text)
    }

    /// Returns the body of a successful response as it is, for binary content.
    pub(crate) fn bytes(self) -> Result<bytes::Bytes, Error> {
        self.check_success()?;
        Ok(self.body)
    }

    /// Returns the body of a successful response as text, without looking for JSON.
    ///
    /// Unlike [`Received::text`], this accepts HTML, because it serves operations that
    /// document a `text/html` response.
    pub(crate) fn raw_text(self) -> Result<String, Error> {
        self.check_success()?;
        match std::str::from_utf8(&self.body) {
            Ok(text) => Ok(text.to_string()),
            Err(_) => Err(self.unexpected_body()),
        }
    }

    /// Accepts any successful response, ignoring its body.
    pub(crate) fn empty(self) -> Result<(), Error> {
        self.check_success()
    }

    fn check_success(&self) -> Result<(), Error> {
        if self.status.is_success() {
            return Ok(());
        }
        if self.looks_like_json()
            && self.body.trim_ascii_start().starts_with(b"{")
            && let Ok(mut message) = serde_json::from_slice::<JsonMessage>(&self.body)
        {
            message.error = scrub(&message.error, &self.secrets);
            message.information = scrub(&message.information, &self.secrets);
            message.version = scrub(&message.version, &self.secrets);
            return Err(Error::Api {
                operation: self.operation,
                status: self.status,
                message: Box::new(message),
            });
        }
        Err(self.unexpected_body())
    }

    fn is_html(&self) -> bool {
        self.content_type
            .as_deref()
            .is_some_and(|c| c.trim_start().to_ascii_lowercase().starts_with("text/html"))
    }

    /// Returns whether the body can be JSON: not HTML by content type, and starting with a
    /// character that can begin a JSON value.
    fn looks_like_json(&self) -> bool {
        if self.is_html() {
            return false;
        }
        matches!(
            self.body.trim_ascii_start().first(),
            Some(b'{' | b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n')
        )
    }

    fn unexpected_body(&self) -> Error {
        // A successful response can carry secrets that the request did not contain, such as
        // a new session id, a password hash or a one-time token, which scrubbing cannot find.
        // Such a body is left out when the operation is known to return secrets, and for any
        // JSON object or array, whatever its content type.
        let looks_structured = matches!(self.body.trim_ascii_start().first(), Some(b'{' | b'['));
        let body_start = if self.status.is_success()
            && !self.body.is_empty()
            && (self.secret_response || looks_structured)
        {
            WITHHELD_BODY.to_string()
        } else if self.status.is_redirection() {
            "<a redirect, which the client does not follow; use the URL it points to as the base URL>"
                .to_string()
        } else {
            // Scrub before cutting, so that a secret crossing the cut is still found whole.
            let head = &self.body[..self.body.len().min(BODY_START_BYTES)];
            let text = scrub(&String::from_utf8_lossy(head), &self.secrets);
            text.chars().take(BODY_START_CHARS).collect()
        };
        Error::UnexpectedBody {
            operation: self.operation,
            status: self.status,
            content_type: self.content_type.clone(),
            body_start,
        }
    }

    /// Decodes the body again, tracking the path, to report where it does not fit `T`.
    ///
    /// Only failed responses pay for the path tracking.
    fn decode_error<T: DeserializeOwned>(&self) -> Error {
        let mut deserializer = serde_json::Deserializer::from_slice(&self.body);
        let (path, source) = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
            Err(error) => {
                let path = error.path().to_string();
                (path, DecodeError::from_json(error.inner()))
            }
            Ok(_) => match deserializer.end() {
                Err(error) => (".".to_string(), DecodeError::from_json(&error)),
                Ok(()) => (
                    ".".to_string(),
                    DecodeError::from_message("the body could not be decoded".to_string()),
                ),
            },
        };
        Error::Decode {
            operation: self.operation,
            status: self.status,
            target: short_type_name::<T>(),
            path,
            source,
        }
    }
}

/// Replaces each secret in `text` with `<redacted>`: as sent, JSON-escaped (as a server
/// echoing a request body writes it) and percent-encoded (as it appears in a URL).
pub(crate) fn scrub(text: &str, secrets: &[&str]) -> String {
    let mut text = text.to_string();
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        for form in secret_forms(secret) {
            if text.contains(form.as_str()) {
                text = text.replace(form.as_str(), "<redacted>");
            }
        }
    }
    text
}

fn secret_forms(secret: &str) -> Vec<String> {
    let mut forms = vec![secret.to_string()];
    if let Ok(quoted) = serde_json::to_string(secret) {
        forms.push(quoted[1..quoted.len() - 1].to_string());
    }
    forms.push(
        percent_encoding::utf8_percent_encode(secret, percent_encoding::NON_ALPHANUMERIC)
            .to_string(),
    );
    forms.push(
        percent_encoding::utf8_percent_encode(secret, crate::runtime::encode::SEGMENT).to_string(),
    );
    forms.retain(|form| !form.is_empty());
    forms.sort_by_key(|form| std::cmp::Reverse(form.len()));
    forms.dedup();
    forms
}

/// Returns the type name without module paths: `Vec<CmOrganisation>` rather than
/// `alloc::vec::Vec<simsage_auth::types::CmOrganisation>`.
fn short_type_name<T>() -> String {
    strip_module_paths(std::any::type_name::<T>())
}

fn strip_module_paths(full: &str) -> String {
    let mut out = String::with_capacity(full.len());
    let mut word = String::new();
    for ch in full.chars() {
        if ch.is_alphanumeric() || ch == '_' || ch == ':' {
            word.push(ch);
        } else {
            out.push_str(word.rsplit("::").next().unwrap_or(""));
            word.clear();
            out.push(ch);
        }
    }
    out.push_str(word.rsplit("::").next().unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn received(status: StatusCode, content_type: &str, body: &'static [u8]) -> Received<'static> {
        Received {
            operation: "getOTT",
            status,
            content_type: Some(content_type.to_string()),
            body: bytes::Bytes::from_static(body),
            secrets: vec!["known-secret"],
            secret_response: false,
        }
    }

    fn body_start(error: Error) -> String {
        match error {
            Error::UnexpectedBody { body_start, .. } => body_start,
            other => panic!("expected Error::UnexpectedBody, got {other:?}"),
        }
    }

    #[test]
    fn successful_json_body_is_withheld() {
        for content_type in ["application/json", "text/html"] {
            let response = received(StatusCode::OK, content_type, b" {\"ott\":\"token-value\"}");
            assert_eq!(body_start(response.unexpected_body()), WITHHELD_BODY);
        }
        let array = received(StatusCode::OK, "text/html", b"[\"token-value\"]");
        assert_eq!(body_start(array.unexpected_body()), WITHHELD_BODY);
    }

    #[test]
    fn failed_or_non_json_body_is_scrubbed_excerpt() {
        let failed = received(
            StatusCode::BAD_GATEWAY,
            "application/json",
            b"{\"x\":\"known-secret\"}",
        );
        assert_eq!(
            body_start(failed.unexpected_body()),
            "{\"x\":\"<redacted>\"}"
        );
        let page = received(StatusCode::OK, "text/html", b"<html>known-secret</html>");
        assert_eq!(
            body_start(page.unexpected_body()),
            "<html><redacted></html>"
        );
    }

    #[test]
    fn module_paths_are_stripped() {
        assert_eq!(
            strip_module_paths("alloc::vec::Vec<simsage_auth::types::CmOrganisation>"),
            "Vec<CmOrganisation>"
        );
        assert_eq!(strip_module_paths("alloc::string::String"), "String");
    }

    #[test]
    fn scrub_finds_escaped_and_encoded_forms() {
        let secret = "pa\"ss\nword é";
        let echoed = format!(
            "body {} url {}",
            serde_json::to_string(secret).unwrap(),
            "pa%22ss%0Aword%20%C3%A9"
        );
        let scrubbed = scrub(&echoed, &[secret]);
        assert!(!scrubbed.contains("ss\\nword"), "{scrubbed}");
        assert!(!scrubbed.contains("ss%0Aword"), "{scrubbed}");
        assert_eq!(scrubbed.matches("<redacted>").count(), 2, "{scrubbed}");
    }

    #[test]
    fn scrub_replaces_every_occurrence() {
        assert_eq!(
            scrub("bad id abc, abc", &["abc"]),
            "bad id <redacted>, <redacted>"
        );
        assert_eq!(scrub("nothing", &[""]), "nothing");
    }
}
