//! Binary values that JSON carries as base64 text (`format: byte`).

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::{DecodePaddingMode, general_purpose};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Standard alphabet, and `=` padding optional when decoding.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Bytes that travel in JSON as a base64 string (OpenAPI `format: byte`).
///
/// Serializes with the standard alphabet and `=` padding, as Java's `Base64` and
/// Jackson write it, and decodes with or without padding. `Debug` shows only the length.
///
/// ```
/// use simsage_auth::Base64Bytes;
///
/// let value: Base64Bytes = serde_json::from_str("\"aGk=\"")?;
/// assert_eq!(value.0, b"hi");
/// assert_eq!(serde_json::to_string(&value)?, "\"aGk=\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Base64Bytes(pub Vec<u8>);

impl fmt::Debug for Base64Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Base64Bytes({} bytes)", self.0.len())
    }
}

impl From<Vec<u8>> for Base64Bytes {
    fn from(bytes: Vec<u8>) -> Self {
        Base64Bytes(bytes)
    }
}

impl Serialize for Base64Bytes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&general_purpose::STANDARD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Base64Bytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        LENIENT
            .decode(text.trim())
            .map(Base64Bytes)
            .map_err(|error| serde::de::Error::custom(format!("invalid base64: {error}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_with_padding() {
        let value = Base64Bytes(vec![0, 255, 1]);
        let json = serde_json::to_string(&value).unwrap();
        assert_eq!(json, "\"AP8B\"");
        assert_eq!(serde_json::from_str::<Base64Bytes>(&json).unwrap(), value);
        let padded = serde_json::to_string(&Base64Bytes(b"hi".to_vec())).unwrap();
        assert_eq!(padded, "\"aGk=\"");
    }

    #[test]
    fn decodes_without_padding() {
        let value: Base64Bytes = serde_json::from_str("\"aGk\"").unwrap();
        assert_eq!(value.0, b"hi");
    }

    #[test]
    fn invalid_text_is_an_error() {
        let error = serde_json::from_str::<Base64Bytes>("\"***\"").unwrap_err();
        assert!(error.to_string().contains("invalid base64"), "{error}");
    }

    #[test]
    fn debug_hides_content() {
        assert_eq!(
            format!("{:?}", Base64Bytes(vec![1, 2])),
            "Base64Bytes(2 bytes)"
        );
    }
}
