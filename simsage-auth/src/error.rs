//! The error type of every client call.

use std::fmt;

use reqwest::StatusCode;

use crate::types::JsonMessage;

/// Why a call to SimSage failed.
///
/// Variants follow the stage that failed: checking the arguments, sending the request,
/// or reading the response. None of them contains a password, session id, JWT, one-time
/// token or reset id: the values of secret arguments are never copied into an error, and
/// text taken from a response has those values replaced by `<redacted>`.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// SimSage returned an error status and a `JsonMessage` body, whose `error` field
    /// contains the reason, such as `invalid session id`.
    Api {
        /// The operation id, such as `signIn`.
        operation: &'static str,
        /// The HTTP status, usually 500.
        status: StatusCode,
        /// The message the server sent.
        message: Box<JsonMessage>,
    },
    /// The response body was neither what the operation returns nor a `JsonMessage`, for
    /// example an HTML error page from a proxy in front of SimSage.
    UnexpectedBody {
        /// The operation id.
        operation: &'static str,
        /// The HTTP status.
        status: StatusCode,
        /// The `Content-Type` header, if the response had a readable one.
        content_type: Option<String>,
        /// At most the first 200 characters of the body, with the request's secrets replaced
        /// by `<redacted>`. The body of a 2xx response is withheld when it is a JSON object
        /// or array, or when the operation returns secrets, because it can carry secrets
        /// that the request did not contain.
        body_start: String,
    },
    /// The request could not be sent or the response could not be received: connection
    /// refused, DNS failure, TLS failure, timeout, or a connection closed mid-body.
    Transport {
        /// The operation id.
        operation: &'static str,
        /// The underlying error; see [`reqwest::Error::is_timeout`] and
        /// [`reqwest::Error::is_connect`], also available as [`Error::is_timeout`] and
        /// [`Error::is_connect`].
        source: reqwest::Error,
    },
    /// The response was JSON but did not match the type the operation returns.
    Decode {
        /// The operation id.
        operation: &'static str,
        /// The HTTP status.
        status: StatusCode,
        /// The Rust type the body was decoded into, such as `CmUserList`.
        target: String,
        /// Path of the value that did not fit, such as `userList[3].roles`; `.` for the root.
        path: String,
        /// What did not fit, with values from the body left out.
        source: DecodeError,
    },
    /// The response body was larger than the client's limit
    /// ([`ClientBuilder::max_response_bytes`](crate::ClientBuilder::max_response_bytes)),
    /// so reading stopped there.
    ResponseTooLarge {
        /// The operation id.
        operation: &'static str,
        /// The HTTP status.
        status: StatusCode,
        /// The limit in bytes.
        limit: usize,
    },
    /// A method of the blocking client was called from inside an async runtime, where
    /// blocking would stall the runtime. No request was sent; use the async client there.
    BlockingInAsyncContext {
        /// The operation id.
        operation: &'static str,
    },
    /// An argument cannot be sent as given. No request was sent.
    InvalidParameter {
        /// The operation id, or the constructor that rejected a setting.
        operation: &'static str,
        /// The argument's name in the method signature, such as `organisation_id`.
        parameter: &'static str,
        /// What is wrong with the value and how to fix it.
        reason: String,
    },
}

impl Error {
    /// Returns the id of the operation that failed, such as `getUsersPaginated`.
    pub fn operation(&self) -> &'static str {
        match self {
            Error::Api { operation, .. }
            | Error::UnexpectedBody { operation, .. }
            | Error::Transport { operation, .. }
            | Error::Decode { operation, .. }
            | Error::InvalidParameter { operation, .. }
            | Error::BlockingInAsyncContext { operation }
            | Error::ResponseTooLarge { operation, .. } => operation,
        }
    }

    /// Returns the HTTP status of the response, when one arrived.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api { status, .. }
            | Error::UnexpectedBody { status, .. }
            | Error::Decode { status, .. }
            | Error::ResponseTooLarge { status, .. } => Some(*status),
            Error::Transport { source, .. } => source.status(),
            Error::InvalidParameter { .. } | Error::BlockingInAsyncContext { .. } => None,
        }
    }

    /// Returns the server's `JsonMessage` for an [`Error::Api`].
    pub fn api_message(&self) -> Option<&JsonMessage> {
        match self {
            Error::Api { message, .. } => Some(message),
            _ => None,
        }
    }

    /// Returns whether the call timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Transport { source, .. } if source.is_timeout())
    }

    /// Returns whether the connection to the server could not be established.
    pub fn is_connect(&self) -> bool {
        matches!(self, Error::Transport { source, .. } if source.is_connect())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api {
                operation,
                status,
                message,
            } => {
                write!(f, "{operation}: SimSage returned {status}")?;
                let reason = if message.error.is_empty() {
                    &message.information
                } else {
                    &message.error
                };
                if !reason.is_empty() {
                    write!(f, ": {reason}")?;
                }
                Ok(())
            }
            Error::UnexpectedBody {
                operation,
                status,
                content_type,
                body_start,
            } => {
                let content_type = content_type.as_deref().unwrap_or("no content type");
                if body_start.is_empty() {
                    write!(
                        f,
                        "{operation}: SimSage returned {status} with an empty body ({content_type})"
                    )
                } else {
                    write!(
                        f,
                        "{operation}: SimSage returned {status} with an unexpected body ({content_type}): {body_start:?}"
                    )
                }
            }
            Error::Transport { operation, source } => {
                let what = if source.is_timeout() {
                    "the request to SimSage timed out"
                } else if source.is_connect() {
                    "could not connect to SimSage"
                } else if source.is_body() || source.is_decode() {
                    "the response from SimSage could not be read"
                } else {
                    "the request to SimSage failed"
                };
                write!(f, "{operation}: {what}")
            }
            Error::Decode {
                operation,
                status,
                target,
                path,
                ..
            } => write!(
                f,
                "{operation}: the {status} response does not match {target} at `{path}`"
            ),
            Error::InvalidParameter {
                operation,
                parameter,
                reason,
            } => {
                write!(f, "{operation}: invalid `{parameter}`: {reason}")
            }
            Error::ResponseTooLarge {
                operation,
                status,
                limit,
            } => write!(
                f,
                "{operation}: SimSage returned {status} with a body larger than the limit of {limit} bytes"
            ),
            Error::BlockingInAsyncContext { operation } => write!(
                f,
                "{operation}: the blocking client was called inside an async runtime; use the async client there"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport { source, .. } => Some(source),
            Error::Decode { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// What did not fit when a response body was decoded.
///
/// The message is the JSON parser's, with any value from the body left out, because a
/// body can hold a session id or a password hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    message: String,
    line: usize,
    column: usize,
}

impl DecodeError {
    pub(crate) fn from_json(error: &serde_json::Error) -> Self {
        DecodeError {
            message: redact_values(&error.to_string()),
            line: error.line(),
            column: error.column(),
        }
    }

    pub(crate) fn from_message(message: String) -> Self {
        DecodeError {
            message,
            line: 0,
            column: 0,
        }
    }

    /// Returns the parser's message without the body's values, such as
    /// `invalid type: string, expected i32 at line 1 column 20`.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Returns the line of the body, starting at 1, where decoding stopped (0 if unknown).
    pub fn line(&self) -> usize {
        self.line
    }

    /// Returns the column, starting at 1, where decoding stopped.
    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DecodeError {}

/// Removes the quoted value from serde's `invalid type: string "...", expected ...`
/// style messages, keeping the kind of value and what was expected.
fn redact_values(message: &str) -> String {
    const PREFIXES: [&str; 3] = ["invalid type: ", "invalid value: ", "unknown variant "];
    for prefix in PREFIXES {
        let Some(rest) = message.strip_prefix(prefix) else {
            continue;
        };
        let Some(expected_at) = rest.rfind(", expected") else {
            continue;
        };
        let kind = rest[..expected_at]
            .split(['"', '`'])
            .next()
            .unwrap_or("")
            .trim();
        return format!("{prefix}{kind}{}", &rest[expected_at..])
            .replace(" , expected", ", expected");
    }
    message.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_values_keeps_kind_and_expectation() {
        let error = serde_json::from_str::<i32>("\"secret-value\"").unwrap_err();
        let redacted = redact_values(&error.to_string());
        assert!(!redacted.contains("secret-value"), "{redacted}");
        assert!(
            redacted.starts_with("invalid type: string, expected i32"),
            "{redacted}"
        );
    }

    #[test]
    fn redact_values_handles_backticked_numbers() {
        let error = serde_json::from_str::<String>("123456789").unwrap_err();
        let redacted = redact_values(&error.to_string());
        assert!(!redacted.contains("123456789"), "{redacted}");
        assert!(
            redacted.starts_with("invalid type: integer, expected a string"),
            "{redacted}"
        );
    }

    #[test]
    fn redact_values_leaves_syntax_errors() {
        let error = serde_json::from_str::<i32>("{").unwrap_err();
        assert_eq!(redact_values(&error.to_string()), error.to_string());
    }
}
