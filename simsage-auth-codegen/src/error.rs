//! Errors that the generator reports for a specification it cannot turn into Rust.

/// A problem in the OpenAPI document, located by a JSON pointer.
///
/// The pointer addresses the offending item in the document, for example
/// `#/components/schemas/CMGroup/properties/userIdList`, so the message can be acted
/// on without reading generated code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The text is not valid YAML or JSON, or does not have the shape of an OpenAPI document.
    #[error("{pointer}: {message}")]
    Parse {
        /// JSON pointer to the value that could not be read (`#` for the whole document).
        pointer: String,
        /// Line and column in the text, when the parser reports them.
        location: Option<(usize, usize)>,
        /// What the parser expected.
        message: String,
    },
    /// The document is valid OpenAPI, but uses something the generator cannot translate.
    #[error("{pointer}: {message}")]
    Unsupported {
        /// JSON pointer to the item.
        pointer: String,
        /// What is unsupported, and what to use instead when there is an alternative.
        message: String,
    },
    /// The document contradicts itself, for example a `$ref` to a missing schema.
    #[error("{pointer}: {message}")]
    Invalid {
        /// JSON pointer to the item.
        pointer: String,
        /// What is wrong.
        message: String,
    },
    /// Two items map to the same Rust name.
    #[error("{first} and {second} both map to the Rust name `{rust_name}`; rename one of them")]
    NameClash {
        /// The Rust name both items would get.
        rust_name: String,
        /// JSON pointer to the first item, in document order.
        first: String,
        /// JSON pointer to the second item.
        second: String,
    },
    /// A [`Settings`](crate::Settings) value is invalid.
    #[error("invalid setting `{setting}`: {message}")]
    InvalidSetting {
        /// The setting, such as `runtime_path`.
        setting: &'static str,
        /// What is wrong with its value.
        message: String,
    },
    /// The generated code did not parse as Rust. This is a bug in the generator.
    #[error("generated code for {item} does not parse as Rust ({message}); please report this")]
    Internal {
        /// The item being emitted.
        item: String,
        /// The parser's message.
        message: String,
    },
}

impl Error {
    pub(crate) fn unsupported(pointer: &Pointer, message: impl Into<String>) -> Self {
        Error::Unsupported {
            pointer: pointer.to_string(),
            message: message.into(),
        }
    }

    pub(crate) fn invalid(pointer: &Pointer, message: impl Into<String>) -> Self {
        Error::Invalid {
            pointer: pointer.to_string(),
            message: message.into(),
        }
    }

    /// Returns the JSON pointer of the item the error is about (the first one for a clash).
    pub fn pointer(&self) -> &str {
        match self {
            Error::Parse { pointer, .. }
            | Error::Unsupported { pointer, .. }
            | Error::Invalid { pointer, .. } => pointer,
            Error::NameClash { first, .. } => first,
            Error::Internal { .. } | Error::InvalidSetting { .. } => "#",
        }
    }
}

/// A JSON pointer (RFC 6901) into the OpenAPI document, rendered with a leading `#`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pointer(String);

impl Pointer {
    /// The pointer to the whole document.
    pub fn root() -> Self {
        Pointer(String::new())
    }

    /// Returns a pointer to `token` inside this one, escaping `~` and `/` as RFC 6901 requires.
    pub fn join(&self, token: &str) -> Self {
        let mut out = String::with_capacity(self.0.len() + token.len() + 1);
        out.push_str(&self.0);
        out.push('/');
        for ch in token.chars() {
            match ch {
                '~' => out.push_str("~0"),
                '/' => out.push_str("~1"),
                other => out.push(other),
            }
        }
        Pointer(out)
    }

    /// Returns a pointer to element `index` of the array this pointer addresses.
    pub fn index(&self, index: usize) -> Self {
        self.join(&index.to_string())
    }
}

impl std::fmt::Display for Pointer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_slash_and_tilde() {
        let pointer = Pointer::root()
            .join("paths")
            .join("/api/auth/sign-in")
            .join("a~b");
        assert_eq!(pointer.to_string(), "#/paths/~1api~1auth~1sign-in/a~0b");
    }

    #[test]
    fn root_pointer_is_hash() {
        assert_eq!(Pointer::root().to_string(), "#");
    }

    #[test]
    fn error_display_starts_with_pointer() {
        let pointer = Pointer::root().join("components").join("schemas").join("X");
        let error = Error::invalid(&pointer, "bad");
        assert_eq!(error.to_string(), "#/components/schemas/X: bad");
        assert_eq!(error.pointer(), "#/components/schemas/X");
    }
}
