//! `multipart/form-data` request bodies (RFC 7578), encoded into plain bytes.
//!
//! The body is complete after each part: a new part replaces the closing delimiter and
//! writes it again. Plain bytes, unlike a `reqwest::multipart::Form`, can be cloned, so
//! a request with a form can be sent again like any other.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue};

/// A file sent as one part of a `multipart/form-data` request, such as a document upload.
///
/// ```
/// use simsage_auth::FilePart;
///
/// let file = FilePart::new("report.pdf", b"%PDF-1.7".to_vec()).with_content_type("application/pdf");
/// assert_eq!(file.file_name(), "report.pdf");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    file_name: String,
    content_type: Option<String>,
    bytes: Bytes,
}

impl FilePart {
    /// Creates a part with the file name the server receives and the file's content.
    ///
    /// Without [`FilePart::with_content_type`], the part is sent as
    /// `application/octet-stream`.
    pub fn new(file_name: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        FilePart {
            file_name: file_name.into(),
            content_type: None,
            bytes: bytes.into(),
        }
    }

    /// Sets the media type of the part, such as `application/pdf`.
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// Returns the file name.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// Returns the content.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

const MEDIA_TYPE: &str = "multipart/form-data; boundary=";

/// Appends a file part to `body`, starting the form (and its `Content-Type` header) when
/// this is the first part.
pub(crate) fn append_file(
    body: &mut Option<Vec<u8>>,
    headers: &mut HeaderMap,
    name: &str,
    file: &FilePart,
) -> Result<(), String> {
    let content_type = file
        .content_type
        .as_deref()
        .unwrap_or("application/octet-stream");
    if content_type.is_empty() || content_type.chars().any(|c| c.is_ascii_control()) {
        return Err(format!(
            "the media type {content_type:?} of file {:?} cannot be sent; pass one such as \
             \"application/pdf\"",
            file.file_name
        ));
    }
    let head = format!(
        "Content-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {content_type}\r\n",
        escape(name),
        escape(&file.file_name)
    );
    append_part(body, headers, &head, &file.bytes)
}

/// Appends a text part to `body`, starting the form when this is the first part.
pub(crate) fn append_text(
    body: &mut Option<Vec<u8>>,
    headers: &mut HeaderMap,
    name: &str,
    value: &str,
) -> Result<(), String> {
    let head = format!(
        "Content-Disposition: form-data; name=\"{}\"\r\n",
        escape(name)
    );
    append_part(body, headers, &head, value.as_bytes())
}

fn append_part(
    body: &mut Option<Vec<u8>>,
    headers: &mut HeaderMap,
    head: &str,
    content: &[u8],
) -> Result<(), String> {
    let boundary = match headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix(MEDIA_TYPE))
    {
        Some(boundary) => boundary.to_string(),
        None => {
            let boundary = new_boundary();
            let value = HeaderValue::from_str(&format!("{MEDIA_TYPE}{boundary}"))
                .map_err(|_| "the form boundary is not a valid header value".to_string())?;
            headers.insert(CONTENT_TYPE, value);
            boundary
        }
    };
    if contains(content, boundary.as_bytes()) {
        return Err(
            "the part contains the form's random boundary; send the request again".to_string(),
        );
    }
    let closing = format!("--{boundary}--\r\n");
    let bytes = body.get_or_insert_with(Vec::new);
    if bytes.ends_with(closing.as_bytes()) {
        bytes.truncate(bytes.len() - closing.len());
    }
    bytes.extend_from_slice(format!("--{boundary}\r\n{head}\r\n").as_bytes());
    bytes.extend_from_slice(content);
    bytes.extend_from_slice(b"\r\n");
    bytes.extend_from_slice(closing.as_bytes());
    Ok(())
}

/// Escapes `"`, CR and LF in a name or file name as `%22`, `%0D` and `%0A`, as browsers
/// do, so that the value stays inside its quoted header parameter.
fn escape(text: &str) -> String {
    text.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Returns a boundary of 32 hex digits from the process's random hash keys and a counter.
fn new_boundary() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let state = RandomState::new();
    let high = state.hash_one(count);
    let low = state.hash_one((count, high));
    format!("simsage-{high:016x}{low:016x}")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> (Vec<u8>, String) {
        let mut body = None;
        let mut headers = HeaderMap::new();
        let file =
            FilePart::new("a \"b\".txt", b"file content".to_vec()).with_content_type("text/plain");
        append_file(&mut body, &mut headers, "file", &file).unwrap();
        append_text(&mut body, &mut headers, "pages", "2").unwrap();
        let content_type = headers[CONTENT_TYPE].to_str().unwrap().to_string();
        (body.unwrap(), content_type)
    }

    #[test]
    fn form_has_parts_and_closing() {
        let (body, content_type) = form();
        let boundary = content_type
            .strip_prefix(MEDIA_TYPE)
            .expect("multipart media type");
        let text = String::from_utf8(body).unwrap();
        let expected = format!(
            "--{boundary}\r\n\
             Content-Disposition: form-data; name=\"file\"; filename=\"a %22b%22.txt\"\r\n\
             Content-Type: text/plain\r\n\r\n\
             file content\r\n\
             --{boundary}\r\n\
             Content-Disposition: form-data; name=\"pages\"\r\n\r\n\
             2\r\n\
             --{boundary}--\r\n"
        );
        assert_eq!(text, expected);
    }

    #[test]
    fn boundaries_differ() {
        assert_ne!(new_boundary(), new_boundary());
        assert_eq!(new_boundary().len(), "simsage-".len() + 32);
    }

    #[test]
    fn control_characters_in_media_type_are_rejected() {
        let mut body = None;
        let mut headers = HeaderMap::new();
        let file = FilePart::new("a", b"x".to_vec()).with_content_type("text/plain\r\nX: y");
        assert!(append_file(&mut body, &mut headers, "file", &file).is_err());
        assert!(body.is_none());
    }

    #[test]
    fn debug_shows_length_not_content() {
        let file = FilePart::new("a.txt", b"secret".to_vec());
        let debug = format!("{file:?}");
        assert!(debug.contains("len: 6"), "{debug}");
        assert!(!debug.contains("secret"), "{debug}");
    }
}
