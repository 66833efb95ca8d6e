//! Checks and encodes path values and header values.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::HeaderValue;

/// Characters percent-encoded in a path segment: all but RFC 3986's unreserved characters.
///
/// Encoding every reserved character keeps `+`, `;`, `?`, `#` and `%` literal for Spring,
/// which would otherwise read `;` as the start of matrix parameters.
pub(crate) const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Rules for turning a string path value into a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SegmentRules {
    /// Segment sent in place of an empty value; `None` rejects an empty value.
    pub empty: Option<&'static str>,
    /// Text sent in place of each `/`; `None` rejects a value that contains `/`.
    pub slash: Option<&'static str>,
}

impl SegmentRules {
    /// Rejects empty values and values containing `/`.
    pub const STRICT: SegmentRules = SegmentRules {
        empty: None,
        slash: None,
    };
}

/// Appends `value` to `path` as one percent-encoded segment, or explains why it cannot be sent.
pub(crate) fn push_segment(
    path: &mut String,
    value: &str,
    rules: SegmentRules,
) -> Result<(), String> {
    if value.is_empty() {
        let Some(segment) = rules.empty else {
            return Err("the value is empty, and an empty path segment does not match any SimSage route; pass a non-empty value".to_string());
        };
        path.extend(utf8_percent_encode(segment, SEGMENT));
        return Ok(());
    }
    if value == "." || value == ".." {
        return Err(format!(
            "the value {value:?} would be removed from the URL as a dot segment; pass another value"
        ));
    }
    if value.contains('/') {
        let Some(replacement) = rules.slash else {
            return Err(format!(
                "the value {value:?} contains `/`, which SimSage cannot receive in a path segment \
                 (the server rejects the encoded form %2F); remove the slash"
            ));
        };
        let replaced = value.replace('/', replacement);
        path.extend(utf8_percent_encode(&replaced, SEGMENT));
        return Ok(());
    }
    path.extend(utf8_percent_encode(value, SEGMENT));
    Ok(())
}

/// Appends `name=value` to a query string, percent-encoding both.
pub(crate) fn push_query_pair(url: &mut String, first: bool, name: &str, value: &str) {
    url.push(if first { '?' } else { '&' });
    url.extend(utf8_percent_encode(name, SEGMENT));
    url.push('=');
    url.extend(utf8_percent_encode(value, SEGMENT));
}

/// Builds a header value, rejecting values that HTTP cannot carry.
///
/// The reason never contains the value, because header values include session ids and JWTs.
pub(crate) fn header_value(value: &str, sensitive: bool) -> Result<HeaderValue, String> {
    if value.is_empty() {
        return Err(
            "the value is empty; pass the value SimSage expects in this header".to_string(),
        );
    }
    if value.trim() != value {
        return Err(
            "the value has leading or trailing whitespace, which HTTP strips from headers; trim it"
                .to_string(),
        );
    }
    if let Some(position) = value.chars().position(|c| !c.is_ascii()) {
        return Err(format!(
            "the value contains a non-ASCII character at character {position}; HTTP headers carry ASCII text, so pass the value SimSage issued"
        ));
    }
    if let Some(position) = value.chars().position(|c| c.is_ascii_control()) {
        return Err(format!(
            "the value contains a control character (CR, LF, tab or similar) at character {position}, \
             which an HTTP header cannot carry; remove it"
        ));
    }
    let mut header = HeaderValue::from_str(value).map_err(|_| {
        "the value cannot be sent as an HTTP header; use visible ASCII characters".to_string()
    })?;
    header.set_sensitive(sensitive);
    Ok(header)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(value: &str, rules: SegmentRules) -> Result<String, String> {
        let mut path = String::new();
        push_segment(&mut path, value, rules).map(|()| path)
    }

    #[test]
    fn segment_encoding_table() {
        let cases = [
            ("Domain Users", "Domain%20Users"),
            ("a+b", "a%2Bb"),
            ("100%", "100%25"),
            ("what?", "what%3F"),
            ("#1", "%231"),
            ("a;b", "a%3Bb"),
            ("Zoë", "Zo%C3%AB"),
            ("x-y_z.w~", "x-y_z.w~"),
        ];
        for (value, expected) in cases {
            assert_eq!(
                encode(value, SegmentRules::STRICT).as_deref(),
                Ok(expected),
                "value {value:?}"
            );
        }
    }

    #[test]
    fn strict_rules_reject_empty_and_slash() {
        assert!(encode("", SegmentRules::STRICT).is_err());
        let error = encode("a/b", SegmentRules::STRICT).unwrap_err();
        assert!(error.contains("\"a/b\""), "{error}");
    }

    #[test]
    fn filter_rules_map_empty_and_slash() {
        let rules = SegmentRules {
            empty: Some("null"),
            slash: Some(" "),
        };
        assert_eq!(encode("", rules).as_deref(), Ok("null"));
        assert_eq!(encode("a/b", rules).as_deref(), Ok("a%20b"));
    }

    #[test]
    fn dot_segments_are_rejected() {
        assert!(encode(".", SegmentRules::STRICT).is_err());
        assert!(encode("..", SegmentRules::STRICT).is_err());
    }

    #[test]
    fn header_rejects_control_characters_without_echoing() {
        for value in ["abc\r\nx: y", "abc\n", "a\tb", "a\u{7f}", "a\0"] {
            let error = header_value(value, true).unwrap_err();
            assert!(!error.contains("abc"), "{error}");
        }
        assert!(header_value("", false).is_err());
    }

    #[test]
    fn header_marks_sensitive_values() {
        assert!(header_value("secret", true).unwrap().is_sensitive());
        assert!(!header_value("1", false).unwrap().is_sensitive());
    }
}
