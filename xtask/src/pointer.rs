//! JSON pointers (RFC 6901) that locate problems and changes inside a document.

use std::fmt;

/// A JSON pointer kept as unescaped reference tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Pointer {
    tokens: Vec<String>,
}

impl Pointer {
    /// Returns the pointer to the whole document (the empty string).
    pub fn root() -> Self {
        Self::default()
    }

    /// Builds a pointer from unescaped tokens.
    pub fn from_tokens<I, S>(tokens: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self {
            tokens: tokens.into_iter().map(Into::into).collect(),
        }
    }

    /// Returns this pointer extended by one token, such as a member name or an array index.
    pub fn child(&self, token: impl fmt::Display) -> Self {
        let mut tokens = self.tokens.clone();
        tokens.push(token.to_string());
        Self { tokens }
    }

    /// Parses a `$ref` value of the form `#/a/b` into a pointer into the same document.
    /// Returns `None` for references to other documents and for malformed fragments.
    pub fn from_local_ref(reference: &str) -> Option<Self> {
        let fragment = reference.strip_prefix('#')?;
        if fragment.is_empty() {
            return Some(Self::root());
        }
        let rest = fragment.strip_prefix('/')?;
        let tokens = rest
            .split('/')
            .map(|token| token.replace("~1", "/").replace("~0", "~"));
        Some(Self::from_tokens(tokens))
    }

    pub fn tokens(&self) -> &[String] {
        &self.tokens
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        if self.tokens.is_empty() {
            return formatter.write_str("/ (document root)");
        }
        for token in &self.tokens {
            write!(
                formatter,
                "/{}",
                token.replace('~', "~0").replace('/', "~1")
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_escapes_slash_and_tilde() {
        let pointer = Pointer::root().child("paths").child("/api/auth/x~y");
        assert_eq!(pointer.to_string(), "/paths/~1api~1auth~1x~0y");
    }

    #[test]
    fn local_ref_is_unescaped() {
        let pointer = Pointer::from_local_ref("#/components/schemas/A~1B~0C").unwrap();
        assert_eq!(pointer.tokens(), ["components", "schemas", "A/B~C"]);
    }

    #[test]
    fn external_ref_is_not_local() {
        assert_eq!(
            Pointer::from_local_ref("other.yaml#/components/schemas/A"),
            None
        );
        assert_eq!(Pointer::from_local_ref("#components"), None);
    }

    #[test]
    fn root_displays_as_document_root() {
        assert_eq!(Pointer::root().to_string(), "/ (document root)");
    }
}
