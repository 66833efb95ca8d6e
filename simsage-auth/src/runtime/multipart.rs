//! `multipart/form-data` request bodies.

use std::fmt;

use bytes::Bytes;

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

/// The parts of a form, kept as owned values so that the request can be built again.
#[derive(Default)]
pub(crate) struct FormParts {
    parts: Vec<(&'static str, Part)>,
}

enum Part {
    Text(String),
    File(FilePart),
}

impl FormParts {
    pub(crate) fn push_text(&mut self, name: &'static str, value: String) {
        self.parts.push((name, Part::Text(value)));
    }

    pub(crate) fn push_file(&mut self, name: &'static str, file: &FilePart) {
        self.parts.push((name, Part::File(file.clone())));
    }

    /// Builds the reqwest form, or returns `None` when there are no parts.
    pub(crate) fn to_form(&self) -> Option<reqwest::multipart::Form> {
        if self.parts.is_empty() {
            return None;
        }
        let mut form = reqwest::multipart::Form::new();
        for (name, part) in &self.parts {
            form = match part {
                Part::Text(value) => form.text(*name, value.clone()),
                Part::File(file) => form.part(*name, file_part(file)),
            };
        }
        Some(form)
    }
}

fn file_part(file: &FilePart) -> reqwest::multipart::Part {
    let part =
        reqwest::multipart::Part::stream(file.bytes.clone()).file_name(file.file_name.clone());
    let content_type = file
        .content_type
        .as_deref()
        .unwrap_or("application/octet-stream");
    // An invalid media type falls back to the part without one, which reqwest sends as
    // application/octet-stream.
    match part.mime_str(content_type) {
        Ok(part) => part,
        Err(_) => {
            reqwest::multipart::Part::stream(file.bytes.clone()).file_name(file.file_name.clone())
        }
    }
}
