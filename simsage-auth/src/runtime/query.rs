//! Writes query parameters that are not plain strings: numbers, booleans, enums, arrays
//! and objects, following OpenAPI 3.0's `style` and `explode` rules.

use percent_encoding::utf8_percent_encode;
use serde::Serialize;
use serde_json::Value;

use crate::runtime::encode::SEGMENT;

/// The wire form of a query parameter, after OpenAPI's `style` and `explode`.
///
/// A scalar is always `name=value`. A `null` value or member is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `style: form` with `explode: true`, OpenAPI's default for query parameters: an
    /// array repeats the name (`id=1&id=2`), and each member of an object becomes its own
    /// pair (`a=1&b=x`), without the parameter name.
    Form,
    /// `style: form` with `explode: false`: an array is `id=1,2`, and an object is
    /// `point=a,1,b,x`.
    FormUnexploded,
    /// `style: deepObject`: each member of an object is `point[a]=1&point[b]=x`, with the
    /// brackets percent-encoded.
    DeepObject,
}

/// Returns the percent-encoded `(name, value)` pairs for `value`, or why it cannot be sent.
pub(crate) fn encoded_pairs<T: Serialize + ?Sized>(
    name: &str,
    style: QueryStyle,
    value: &T,
) -> Result<Vec<(String, String)>, String> {
    let value = serde_json::to_value(value)
        .map_err(|error| format!("the value cannot be written as a query parameter: {error}"))?;
    let mut pairs = Vec::new();
    match value {
        Value::Null => {}
        Value::Array(items) => array_pairs(name, style, &items, &mut pairs)?,
        Value::Object(members) => object_pairs(name, style, &members, &mut pairs)?,
        scalar => pairs.push((encode(name), encode(&scalar_text(&scalar)?))),
    }
    Ok(pairs)
}

fn array_pairs(
    name: &str,
    style: QueryStyle,
    items: &[Value],
    pairs: &mut Vec<(String, String)>,
) -> Result<(), String> {
    let texts = items
        .iter()
        .filter(|item| !item.is_null())
        .map(scalar_text)
        .collect::<Result<Vec<_>, _>>()?;
    match style {
        QueryStyle::Form => {
            pairs.extend(texts.iter().map(|text| (encode(name), encode(text))));
        }
        QueryStyle::FormUnexploded => {
            let joined = texts
                .iter()
                .map(|t| encode(t))
                .collect::<Vec<_>>()
                .join(",");
            pairs.push((encode(name), joined));
        }
        QueryStyle::DeepObject => {
            return Err("an array cannot be sent with the deepObject style".to_string());
        }
    }
    Ok(())
}

fn object_pairs(
    name: &str,
    style: QueryStyle,
    members: &serde_json::Map<String, Value>,
    pairs: &mut Vec<(String, String)>,
) -> Result<(), String> {
    let mut unexploded = Vec::new();
    for (key, member) in members {
        if member.is_null() {
            continue;
        }
        let text = scalar_text(member).map_err(|reason| format!("member `{key}`: {reason}"))?;
        match style {
            QueryStyle::Form => pairs.push((encode(key), encode(&text))),
            QueryStyle::FormUnexploded => {
                unexploded.push(encode(key));
                unexploded.push(encode(&text));
            }
            QueryStyle::DeepObject => {
                pairs.push((encode(&format!("{name}[{key}]")), encode(&text)));
            }
        }
    }
    if style == QueryStyle::FormUnexploded && !unexploded.is_empty() {
        pairs.push((encode(name), unexploded.join(",")));
    }
    Ok(())
}

/// Returns the text of a string, number or boolean. Nested arrays and objects have no
/// query form in OpenAPI 3.0, so they are an error.
fn scalar_text(value: &Value) -> Result<String, String> {
    match value {
        Value::String(text) => Ok(text.clone()),
        Value::Number(number) => Ok(number.to_string()),
        Value::Bool(flag) => Ok(flag.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => Err(
            "nested arrays and objects cannot be sent as query parameters; pass strings, numbers or booleans"
                .to_string(),
        ),
    }
}

fn encode(text: &str) -> String {
    utf8_percent_encode(text, SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn query<T: Serialize + ?Sized>(style: QueryStyle, value: &T) -> Result<String, String> {
        let pairs = encoded_pairs("p", style, value)?;
        Ok(pairs
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("&"))
    }

    fn object() -> BTreeMap<&'static str, Option<&'static str>> {
        BTreeMap::from([("a", Some("1 2")), ("b", Some("x&y")), ("c", None)])
    }

    #[test]
    fn scalars_are_name_value_pairs() {
        assert_eq!(query(QueryStyle::Form, &7).as_deref(), Ok("p=7"));
        assert_eq!(query(QueryStyle::Form, &true).as_deref(), Ok("p=true"));
        assert_eq!(
            query(QueryStyle::DeepObject, "a b").as_deref(),
            Ok("p=a%20b")
        );
        assert_eq!(
            query(QueryStyle::Form, &Option::<i32>::None).as_deref(),
            Ok("")
        );
    }

    #[test]
    fn form_explodes_objects_and_arrays() {
        assert_eq!(
            query(QueryStyle::Form, &object()).as_deref(),
            Ok("a=1%202&b=x%26y")
        );
        assert_eq!(query(QueryStyle::Form, &[1, 2]).as_deref(), Ok("p=1&p=2"));
    }

    #[test]
    fn unexploded_form_joins_with_commas() {
        assert_eq!(
            query(QueryStyle::FormUnexploded, &object()).as_deref(),
            Ok("p=a,1%202,b,x%26y")
        );
        assert_eq!(
            query(QueryStyle::FormUnexploded, &["a,b", "c"]).as_deref(),
            Ok("p=a%2Cb,c")
        );
    }

    #[test]
    fn deep_object_brackets_member_names() {
        assert_eq!(
            query(QueryStyle::DeepObject, &object()).as_deref(),
            Ok("p%5Ba%5D=1%202&p%5Bb%5D=x%26y")
        );
        assert!(query(QueryStyle::DeepObject, &[1]).is_err());
    }

    #[test]
    fn nested_values_are_rejected() {
        let nested = BTreeMap::from([("a", vec![1])]);
        let error = query(QueryStyle::Form, &nested).unwrap_err();
        assert!(error.starts_with("member `a`"), "{error}");
    }
}
