//! Reading the upstream description from a file or an http(s) URL.

use std::time::Duration;

use crate::error::Error;

/// Default time limit for fetching a URL, covering connect, request and body.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Returns whether `from` is fetched over HTTP rather than read from disk.
pub fn is_url(from: &str) -> bool {
    from.starts_with("http://") || from.starts_with("https://")
}

/// Reads `from`, a file path or an http(s) URL, as UTF-8 text.
pub fn read_source(from: &str, timeout: Duration) -> Result<String, Error> {
    if is_url(from) {
        fetch(from, timeout)
    } else {
        std::fs::read_to_string(from).map_err(|source| Error::Read {
            path: from.into(),
            source,
        })
    }
}

/// Fetches `url` with a GET request and returns the body of a 2xx response.
pub fn fetch(url: &str, timeout: Duration) -> Result<String, Error> {
    let shown = display_url(url);
    let fetch_error = |source: reqwest::Error| {
        if source.is_timeout() {
            Error::Timeout {
                url: shown.clone(),
                timeout,
            }
        } else {
            Error::Fetch {
                url: shown.clone(),
                source: source.without_url(),
            }
        }
    };
    let client = reqwest::blocking::Client::builder()
        .timeout(timeout)
        .build()
        .map_err(fetch_error)?;
    let response = client.get(url).send().map_err(fetch_error)?;
    let status = response.status();
    if !status.is_success() {
        return Err(Error::HttpStatus { url: shown, status });
    }
    response.text().map_err(fetch_error)
}

/// Returns `url` without user name and password, for messages.
fn display_url(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(mut parsed) if !parsed.username().is_empty() || parsed.password().is_some() => {
            // Both setters fail only for URLs that cannot have credentials.
            let _ = parsed.set_username("");
            let _ = parsed.set_password(None);
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_recognised_by_scheme() {
        assert!(is_url("https://example.invalid/api.json"));
        assert!(is_url("http://127.0.0.1:8080/api.json"));
        assert!(!is_url("../shared/upstream/api.json"));
        assert!(!is_url("ftp://example.invalid/api.json"));
    }

    #[test]
    fn credentials_are_hidden_in_messages() {
        assert_eq!(
            display_url("https://user:secret@example.invalid/api.json"),
            "https://example.invalid/api.json"
        );
    }
}
