//! Decoding of required properties that the server may send as `null`.

use std::any::{Any, TypeId};
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Unexpected, Visitor};

/// Decodes a value that the server may send as `null` as the type's empty value.
///
/// Generated structs use this for every property the spec lists as required, together
/// with `#[serde(default)]` for properties that are missing altogether.
///
/// `String`, `i32`, `i64` and `bool`, most of the fields, are read by one visitor that
/// also accepts `null`, through `deserialize_any`. Other types go through `Option<T>`,
/// which costs a second look at the next token of every value: for a page of users that
/// made decoding about 4% slower than plain derives (callgrind, see `BENCHMARKS.md`).
/// `deserialize_any` needs a self-describing format, which JSON is.
pub fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default + 'static,
{
    let id = TypeId::of::<T>();
    if id == TypeId::of::<String>() {
        return deserializer.deserialize_any(NullableString).map(same_type);
    }
    if id == TypeId::of::<i32>() {
        return deserializer
            .deserialize_any(NullableInt::<i32>::VISITOR)
            .map(same_type);
    }
    if id == TypeId::of::<i64>() {
        return deserializer
            .deserialize_any(NullableInt::<i64>::VISITOR)
            .map(same_type);
    }
    if id == TypeId::of::<bool>() {
        return deserializer.deserialize_any(NullableBool).map(same_type);
    }
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// Returns `value` as `T`; the caller has checked that `T` and `U` are the same type.
///
/// The compiler optimizes the `Any` round trip away, so this is a move.
fn same_type<T: 'static, U: 'static>(value: U) -> T {
    let mut slot = Some(value);
    let slot = (&mut slot as &mut dyn Any)
        .downcast_mut::<Option<T>>()
        .expect("null_as_default checked that the types are equal");
    slot.take().expect("the slot was filled above")
}

/// Reads a string or `null`, with the same messages as `String`'s own visitor.
struct NullableString;

impl Visitor<'_> for NullableString {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<String, E> {
        Ok(value.to_owned())
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<String, E> {
        Ok(value)
    }

    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Ok(String::new())
    }

    fn visit_none<E: de::Error>(self) -> Result<String, E> {
        Ok(String::new())
    }
}

/// Reads an integer of type `T` or `null`, rejecting out-of-range values and floats as
/// serde's visitor for `T` does.
struct NullableInt<T> {
    name: &'static str,
    marker: std::marker::PhantomData<T>,
}

impl NullableInt<i32> {
    const VISITOR: Self = NullableInt {
        name: "i32",
        marker: std::marker::PhantomData,
    };
}

impl NullableInt<i64> {
    const VISITOR: Self = NullableInt {
        name: "i64",
        marker: std::marker::PhantomData,
    };
}

impl<T> Visitor<'_> for NullableInt<T>
where
    T: TryFrom<i64> + TryFrom<u64> + Default,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
        T::try_from(value).map_err(|_| E::invalid_value(Unexpected::Signed(value), &self))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
        T::try_from(value).map_err(|_| E::invalid_value(Unexpected::Unsigned(value), &self))
    }

    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        Ok(T::default())
    }

    fn visit_none<E: de::Error>(self) -> Result<T, E> {
        Ok(T::default())
    }
}

/// Reads a boolean or `null`.
struct NullableBool;

impl Visitor<'_> for NullableBool {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<bool, E> {
        Ok(value)
    }

    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_none<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, Default, PartialEq, Deserialize)]
    #[serde(default)]
    struct Fields {
        #[serde(deserialize_with = "super::null_as_default")]
        text: String,
        #[serde(deserialize_with = "super::null_as_default")]
        small: i32,
        #[serde(deserialize_with = "super::null_as_default")]
        large: i64,
        #[serde(deserialize_with = "super::null_as_default")]
        flag: bool,
        #[serde(deserialize_with = "super::null_as_default")]
        list: Vec<String>,
    }

    fn decode(json: &str) -> Result<Fields, String> {
        serde_json::from_str(json).map_err(|error| error.to_string())
    }

    #[test]
    fn values_decode() {
        let fields = decode(
            r#"{"text":"a\"b","small":-7,"large":9007199254740993,"flag":true,"list":["x"]}"#,
        )
        .unwrap();
        assert_eq!(fields.text, "a\"b");
        assert_eq!(fields.small, -7);
        assert_eq!(fields.large, 9_007_199_254_740_993);
        assert!(fields.flag);
        assert_eq!(fields.list, ["x"]);
    }

    #[test]
    fn nulls_decode_as_empty_values() {
        let fields =
            decode(r#"{"text":null,"small":null,"large":null,"flag":null,"list":null}"#).unwrap();
        assert_eq!(fields, Fields::default());
    }

    #[test]
    fn wrong_types_give_serde_messages() {
        let cases = [
            (
                r#"{"text":5}"#,
                "invalid type: integer `5`, expected a string",
            ),
            (
                r#"{"small":1.5}"#,
                "invalid type: floating point `1.5`, expected i32",
            ),
            (
                r#"{"small":3000000000}"#,
                "invalid value: integer `3000000000`, expected i32",
            ),
            (
                r#"{"small":"1"}"#,
                "invalid type: string \"1\", expected i32",
            ),
            (
                r#"{"flag":"yes"}"#,
                "invalid type: string \"yes\", expected a boolean",
            ),
            (
                r#"{"list":"x"}"#,
                "invalid type: string \"x\", expected a sequence",
            ),
        ];
        for (json, expected) in cases {
            let error = decode(json).unwrap_err();
            assert!(error.starts_with(expected), "{json}: {error}");
        }
    }
}
