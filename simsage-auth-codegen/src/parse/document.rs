//! Reads the text of an OpenAPI document into `openapiv3` types, with located errors.
//!
//! openapiv3 reads many objects through a serde buffer: `#[serde(flatten)]` for `x-`
//! extensions, the untagged `ReferenceOr`, and `Parameter`, which is tagged by `in`.
//! serde_path_to_error cannot see inside a buffer, so its path stops at the outermost
//! buffered object; an error anywhere under `paths` is reported at `#/paths`. When that
//! happens, [`deepest_failure`] reads the failing object again, item by item along the
//! table in [`Kind::children`], and reports the deepest item that does not deserialize.

use openapiv3::{
    Components, Encoding, Header, Info, MediaType, OpenAPI, Parameter, PathItem, Paths,
    RequestBody, Response, Responses, Schema, Server, StatusCode,
};
use serde_yaml::Value;

use crate::error::{Error, Pointer};

/// The maximum nesting of items (path items, operations, responses, schemas, ...) that
/// the document may have, counted in steps of [`Kind::children`] from the root.
///
/// openapiv3 2.2 deserializes a `ReferenceOr` that fails a second time to build its
/// message, so rejecting a broken schema takes about four times longer with each
/// enclosing level. With a release build on one AMD EPYC core, a broken array item 16
/// levels deep took 0.16 s to reject, and one 20 levels deep took 2 s.
const MAX_NESTING: usize = 16;

/// An error from deserializing with serde_path_to_error over YAML.
type ReadError = serde_path_to_error::Error<serde_yaml::Error>;

/// Parses YAML or JSON text (JSON is valid YAML) into an OpenAPI 3.0 document.
///
/// Errors carry the JSON pointer of the deepest item that did not deserialize. A YAML
/// syntax error, and an error that serde_path_to_error locates without help, also carry
/// the line and column that the YAML parser reports.
pub fn parse_document(text: &str) -> Result<OpenAPI, Error> {
    // serde_yaml 0.9 rejects text that starts with a byte order mark, reporting "more
    // than one document".
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root = read_yaml(text)?;
    check_root(&root)?;
    check_numbers(&root, &Pointer::root())?;
    check_nesting(&Node::root(&root))?;
    check_path_keys(&root)?;

    // The typed parse reads the text rather than `root`: read from text, serde_yaml
    // accepts a plain scalar such as `version: 1.0` where a string is expected.
    let deserializer = serde_yaml::Deserializer::from_str(text);
    serde_path_to_error::deserialize(deserializer).map_err(|error| located_error(&root, error))
}

/// Keys a path item may have besides `x-` extensions (OpenAPI 3.0.3, Path Item Object).
const PATH_ITEM_KEYS: &[&str] = &[
    "$ref",
    "summary",
    "description",
    "get",
    "put",
    "post",
    "delete",
    "options",
    "head",
    "patch",
    "trace",
    "servers",
    "parameters",
];

/// Rejects keys under `paths` that openapiv3 would drop without a word: a path that does
/// not start with `/` and a misspelled method such as `gett`, each of which would make an
/// operation disappear from the client.
fn check_path_keys(root: &Value) -> Result<(), Error> {
    let Some(paths) = root.get("paths").and_then(Value::as_mapping) else {
        return Ok(());
    };
    let paths_pointer = Pointer::root().join("paths");
    for (key, item) in paths {
        let path = scalar_text(key).unwrap_or_default();
        let item_pointer = paths_pointer.join(&path);
        if !path.starts_with('/') && !path.starts_with("x-") {
            return Err(parse_error_at(
                &item_pointer,
                format!("path `{path}` does not start with `/`; write it as `/{path}`"),
            ));
        }
        let Some(item) = item.as_mapping() else {
            continue;
        };
        for field in item.keys().filter_map(scalar_text) {
            if !field.starts_with("x-") && !PATH_ITEM_KEYS.contains(&field.as_str()) {
                return Err(parse_error_at(
                    &item_pointer.join(&field),
                    format!(
                        "`{field}` is not an HTTP method or a path item field; expected one of {}",
                        PATH_ITEM_KEYS.join(", ")
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn parse_error_at(pointer: &Pointer, message: String) -> Error {
    Error::Parse {
        pointer: pointer.to_string(),
        location: None,
        message,
    }
}

/// Parses the text as untyped YAML, which reports syntax errors with their position.
///
/// Text of only whitespace, only comments, or only `null` is an empty document.
fn read_yaml(text: &str) -> Result<Value, Error> {
    let empty = || parse_error_at(&Pointer::root(), "the document is empty".to_string());
    if text.trim().is_empty() {
        return Err(empty());
    }
    let deserializer = serde_yaml::Deserializer::from_str(text);
    let root: Value = serde_path_to_error::deserialize(deserializer).map_err(text_error)?;
    if root.is_null() {
        return Err(empty());
    }
    Ok(root)
}

/// Builds the error for a failure while deserializing the text, keeping the position
/// that the YAML parser reports.
fn text_error(error: ReadError) -> Error {
    let pointer = extend_pointer(Pointer::root(), error.path());
    // serde_yaml starts its message with its own rendering of the path, which repeats
    // the pointer.
    let path_prefix = format!("{}: ", error.path());
    let inner = error.into_inner();
    let message = inner.to_string();
    Error::Parse {
        pointer: pointer.to_string(),
        location: inner.location().map(|l| (l.line(), l.column())),
        message: message
            .strip_prefix(&path_prefix)
            .unwrap_or(&message)
            .to_string(),
    }
}

/// Rejects a document that is not a mapping or that declares a version other than 3.0.x.
fn check_root(root: &Value) -> Result<(), Error> {
    let Some(mapping) = root.as_mapping() else {
        return Err(parse_error_at(
            &Pointer::root(),
            format!(
                "the document is {}, but an OpenAPI document is a mapping (a JSON object) \
                 with `openapi`, `info` and `paths`",
                describe(root)
            ),
        ));
    };
    if let (None, Some(swagger)) = (mapping.get("openapi"), mapping.get("swagger")) {
        let version = scalar_text(swagger).unwrap_or_else(|| "2.0".to_string());
        return Err(Error::unsupported(
            &Pointer::root().join("swagger"),
            format!(
                "this is a Swagger {version} document, but the generator reads OpenAPI 3.0.x; \
                 convert it to OpenAPI 3.0 first"
            ),
        ));
    }
    match mapping.get("openapi").and_then(scalar_text) {
        Some(version) if !version.starts_with("3.0.") => Err(Error::unsupported(
            &Pointer::root().join("openapi"),
            format!(
                "OpenAPI version `{version}` is not supported; the generator reads OpenAPI 3.0.x \
                 (for example `openapi: 3.0.3`)"
            ),
        )),
        _ => Ok(()),
    }
}

/// Returns the text of a string, number or boolean.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// Names the YAML type of a value, with its article, for messages.
fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a sequence (a JSON array)",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

/// Rejects `.nan`, `.inf` and `-.inf`, which JSON cannot represent.
///
/// openapiv3 2.2 panics on them in most optional fields under a `ReferenceOr`, such as a
/// schema's `minimum` or `description`. To build the message for the failed field, it
/// deserializes the item again from a `serde_json::Value`, where the number has become
/// `null`. That attempt succeeds, and an `expect` fails.
/// Recursion is bounded by serde_yaml, which rejects YAML nested more than 128 levels.
fn check_numbers(value: &Value, pointer: &Pointer) -> Result<(), Error> {
    match value {
        Value::Number(number) if !number.is_finite() => Err(parse_error_at(
            pointer,
            format!(
                "`{number}` is not a finite number, and an OpenAPI document must be \
                 representable as JSON"
            ),
        )),
        Value::Sequence(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(index, item)| check_numbers(item, &pointer.index(index))),
        Value::Mapping(mapping) => mapping.iter().try_for_each(|(key, item)| {
            let token = scalar_text(key).unwrap_or_default();
            check_numbers(item, &pointer.join(&token))
        }),
        Value::Tagged(tagged) => check_numbers(&tagged.value, pointer),
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => Ok(()),
    }
}

/// Rejects items nested deeper than [`MAX_NESTING`], before the typed parse can take
/// exponential time on them.
fn check_nesting(node: &Node<'_>) -> Result<(), Error> {
    if node.depth > MAX_NESTING {
        return Err(Error::unsupported(
            &node.pointer,
            format!(
                "items nest more than {MAX_NESTING} levels deep here, counting path items, \
                 operations, responses, media types and schemas; define inner schemas under \
                 #/components/schemas and refer to them with $ref"
            ),
        ));
    }
    for child in node.children() {
        check_nesting(&child)?;
    }
    Ok(())
}

/// Builds the error for a failed typed parse, drilling down from where
/// serde_path_to_error stopped when that is the start of a serde buffer.
fn located_error(root: &Value, error: ReadError) -> Error {
    let reported = extend_pointer(Pointer::root(), error.path());
    let drilled = node_at(root, &reported)
        .filter(|node| node.kind.hides_path())
        .and_then(|node| deepest_failure(&node));
    match drilled {
        // NOTE: the YAML parser's position belongs to the outer buffered object, not to
        // the item found here, so the error carries no line and column.
        Some(failure) => parse_error_at(&failure.pointer, failure.message),
        None => text_error(error),
    }
}

/// Appends a serde_path_to_error path to a pointer.
fn extend_pointer(mut pointer: Pointer, path: &serde_path_to_error::Path) -> Pointer {
    use serde_path_to_error::Segment;
    for segment in path.iter() {
        pointer = match segment {
            Segment::Seq { index } => pointer.index(*index),
            Segment::Map { key } => pointer.join(key),
            Segment::Enum { .. } | Segment::Unknown => pointer,
        };
    }
    pointer
}

/// Finds the item of the table that sits exactly at `pointer`.
fn node_at<'a>(root: &'a Value, pointer: &Pointer) -> Option<Node<'a>> {
    let target = pointer.to_string();
    let mut node = Node::root(root);
    while node.pointer != *pointer {
        node = node
            .children()
            .into_iter()
            .find(|child| is_within(&target, &child.pointer.to_string()))?;
    }
    Some(node)
}

/// Returns whether pointer `inner` equals `outer` or addresses something inside it.
fn is_within(inner: &str, outer: &str) -> bool {
    inner
        .strip_prefix(outer)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Returns the failure of the deepest item under `node` that does not deserialize, or
/// `None` when `node` deserializes.
fn deepest_failure(node: &Node<'_>) -> Option<Failure> {
    let failure = node.check()?;
    if node.depth < MAX_NESTING
        && let Some(deeper) = node.children().iter().find_map(deepest_failure)
    {
        return Some(deeper);
    }
    Some(failure)
}

/// An item that did not deserialize, and serde's message about it.
struct Failure {
    pointer: Pointer,
    message: String,
}

/// One item of the document: its kind, its value and where it sits.
struct Node<'a> {
    kind: Kind,
    value: &'a Value,
    pointer: Pointer,
    /// Number of table steps from the document root.
    depth: usize,
}

impl<'a> Node<'a> {
    fn root(value: &'a Value) -> Self {
        Node {
            kind: Kind::Document,
            value,
            pointer: Pointer::root(),
            depth: 0,
        }
    }

    /// Deserializes the item as its kind, and locates the failure if that fails.
    fn check(&self) -> Option<Failure> {
        let error = self.kind.check(self.value).err()?;
        Some(Failure {
            pointer: extend_pointer(self.pointer.clone(), error.path()),
            message: error.into_inner().to_string(),
        })
    }

    /// Returns the items that [`Kind::children`] lists, in document order.
    fn children(&self) -> Vec<Node<'a>> {
        let mut children = Vec::new();
        let Some(mapping) = self.value.as_mapping() else {
            return children;
        };
        for (key, value) in mapping {
            let Some(token) = scalar_text(key) else {
                continue;
            };
            let pointer = self.pointer.join(&token);
            for &(step, kind) in self.kind.children() {
                for (value, pointer) in step.select(key, value, &pointer) {
                    children.push(Node {
                        kind,
                        value,
                        pointer,
                        depth: self.depth + 1,
                    });
                }
            }
        }
        children
    }
}

/// The position of a child item inside its parent's mapping.
#[derive(Clone, Copy)]
enum Step {
    /// The value of one key. A `null` value is skipped because openapiv3 reads it as an
    /// absent optional field.
    Field(&'static str),
    /// Each element of the sequence under one key.
    Elements(&'static str),
    /// Each value of the mapping under one key.
    Entries(&'static str),
    /// Each value of the parent's own mapping whose key passes the test.
    Keys(fn(&Value) -> bool),
}

impl Step {
    /// Returns the values, with their pointers, that this step selects from one entry
    /// of the parent's mapping. `pointer` addresses the entry.
    fn select<'a>(
        self,
        key: &Value,
        value: &'a Value,
        pointer: &Pointer,
    ) -> Vec<(&'a Value, Pointer)> {
        match self {
            Step::Field(name) if key.as_str() == Some(name) && !value.is_null() => {
                vec![(value, pointer.clone())]
            }
            Step::Elements(name) if key.as_str() == Some(name) => value
                .as_sequence()
                .into_iter()
                .flatten()
                .enumerate()
                .map(|(index, element)| (element, pointer.index(index)))
                .collect(),
            Step::Entries(name) if key.as_str() == Some(name) => value
                .as_mapping()
                .into_iter()
                .flatten()
                .filter_map(|(key, entry)| Some((entry, pointer.join(&scalar_text(key)?))))
                .collect(),
            Step::Keys(test) if test(key) => vec![(value, pointer.clone())],
            _ => Vec::new(),
        }
    }
}

/// The kinds of item that the drill-down reads one at a time, each named after the
/// openapiv3 type it deserializes as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Document,
    Info,
    Server,
    Components,
    Paths,
    /// `ReferenceOr<PathItem>`.
    PathItem,
    Operation,
    /// `ReferenceOr<Parameter>`.
    Parameter,
    /// `ReferenceOr<RequestBody>`.
    RequestBody,
    Responses,
    /// `ReferenceOr<Response>`.
    Response,
    /// `ReferenceOr<Header>`.
    Header,
    MediaType,
    Encoding,
    /// `ReferenceOr<Schema>`, which reads the same as `ReferenceOr<Box<Schema>>`.
    Schema,
    /// `AdditionalProperties`: `true`, `false` or a schema.
    AdditionalProperties,
}

const SCHEMA_CHILDREN: &[(Step, Kind)] = &[
    (Step::Entries("properties"), Kind::Schema),
    (Step::Field("items"), Kind::Schema),
    (
        Step::Field("additionalProperties"),
        Kind::AdditionalProperties,
    ),
    (Step::Elements("allOf"), Kind::Schema),
    (Step::Elements("oneOf"), Kind::Schema),
    (Step::Elements("anyOf"), Kind::Schema),
    (Step::Field("not"), Kind::Schema),
];

const PARAMETER_CHILDREN: &[(Step, Kind)] = &[
    (Step::Field("schema"), Kind::Schema),
    (Step::Entries("content"), Kind::MediaType),
];

impl Kind {
    /// Returns where the items inside this kind sit, matching the fields that openapiv3
    /// deserializes as those kinds.
    fn children(self) -> &'static [(Step, Kind)] {
        match self {
            Kind::Document => &[
                (Step::Field("info"), Kind::Info),
                (Step::Elements("servers"), Kind::Server),
                (Step::Field("paths"), Kind::Paths),
                (Step::Field("components"), Kind::Components),
            ],
            Kind::Components => &[
                (Step::Entries("schemas"), Kind::Schema),
                (Step::Entries("responses"), Kind::Response),
                (Step::Entries("parameters"), Kind::Parameter),
                (Step::Entries("requestBodies"), Kind::RequestBody),
                (Step::Entries("headers"), Kind::Header),
            ],
            Kind::Paths => &[(Step::Keys(is_path), Kind::PathItem)],
            Kind::PathItem => &[
                (Step::Field("get"), Kind::Operation),
                (Step::Field("put"), Kind::Operation),
                (Step::Field("post"), Kind::Operation),
                (Step::Field("delete"), Kind::Operation),
                (Step::Field("options"), Kind::Operation),
                (Step::Field("head"), Kind::Operation),
                (Step::Field("patch"), Kind::Operation),
                (Step::Field("trace"), Kind::Operation),
                (Step::Elements("servers"), Kind::Server),
                (Step::Elements("parameters"), Kind::Parameter),
            ],
            Kind::Operation => &[
                (Step::Elements("parameters"), Kind::Parameter),
                (Step::Field("requestBody"), Kind::RequestBody),
                (Step::Field("responses"), Kind::Responses),
                (Step::Elements("servers"), Kind::Server),
            ],
            Kind::Parameter | Kind::Header => PARAMETER_CHILDREN,
            Kind::RequestBody => &[(Step::Entries("content"), Kind::MediaType)],
            Kind::Responses => &[
                (Step::Field("default"), Kind::Response),
                (Step::Keys(is_status_code), Kind::Response),
            ],
            Kind::Response => &[
                (Step::Entries("headers"), Kind::Header),
                (Step::Entries("content"), Kind::MediaType),
            ],
            Kind::MediaType => &[
                (Step::Field("schema"), Kind::Schema),
                (Step::Entries("encoding"), Kind::Encoding),
            ],
            Kind::Encoding => &[(Step::Entries("headers"), Kind::Header)],
            Kind::Schema | Kind::AdditionalProperties => SCHEMA_CHILDREN,
            Kind::Info | Kind::Server => &[],
        }
    }

    /// Returns whether openapiv3 reads this kind through a serde buffer, which hides
    /// the path inside it from serde_path_to_error.
    fn hides_path(self) -> bool {
        match self {
            Kind::Paths
            | Kind::PathItem
            | Kind::Parameter
            | Kind::RequestBody
            | Kind::Responses
            | Kind::Response
            | Kind::Header
            | Kind::Schema
            | Kind::AdditionalProperties => true,
            Kind::Document
            | Kind::Info
            | Kind::Server
            | Kind::Components
            | Kind::Operation
            | Kind::MediaType
            | Kind::Encoding => false,
        }
    }

    /// Returns whether openapiv3 reads this kind as `ReferenceOr<T>` (or, for
    /// `additionalProperties`, as a schema that may be a reference).
    fn allows_reference(self) -> bool {
        match self {
            Kind::PathItem
            | Kind::Parameter
            | Kind::RequestBody
            | Kind::Response
            | Kind::Header
            | Kind::Schema
            | Kind::AdditionalProperties => true,
            Kind::Document
            | Kind::Info
            | Kind::Server
            | Kind::Components
            | Kind::Paths
            | Kind::Operation
            | Kind::Responses
            | Kind::MediaType
            | Kind::Encoding => false,
        }
    }

    /// Deserializes `value` as this kind.
    ///
    /// A `ReferenceOr<T>` is a reference when the value has a string `$ref`, and is read
    /// as `T` otherwise. Reading `T` directly keeps the path inside it, which openapiv3's
    /// `ReferenceOr` drops when it rebuilds the message. Reading from a `Value` is strict
    /// (`1.0` is not a string), as reading from a serde buffer is, so the result matches
    /// the typed parse inside the kinds that hide paths.
    fn check(self, value: &Value) -> Result<(), ReadError> {
        use serde_path_to_error::deserialize as read;
        if self.allows_reference() && is_reference(value) {
            return Ok(());
        }
        match self {
            Kind::Document => read::<_, OpenAPI>(value).map(drop),
            Kind::Info => read::<_, Info>(value).map(drop),
            Kind::Server => read::<_, Server>(value).map(drop),
            Kind::Components => read::<_, Components>(value).map(drop),
            Kind::Paths => read::<_, Paths>(value).map(drop),
            Kind::PathItem => read::<_, PathItem>(value).map(drop),
            Kind::Operation => read::<_, openapiv3::Operation>(value).map(drop),
            Kind::Parameter => read::<_, Parameter>(value).map(drop),
            Kind::RequestBody => read::<_, RequestBody>(value).map(drop),
            Kind::Responses => read::<_, Responses>(value).map(drop),
            Kind::Response => read::<_, Response>(value).map(drop),
            Kind::Header => read::<_, Header>(value).map(drop),
            Kind::MediaType => read::<_, MediaType>(value).map(drop),
            Kind::Encoding => read::<_, Encoding>(value).map(drop),
            Kind::AdditionalProperties if value.is_bool() => Ok(()),
            Kind::Schema | Kind::AdditionalProperties => read::<_, Schema>(value).map(drop),
        }
    }
}

/// Returns whether openapiv3 reads a value as `ReferenceOr::Reference`: a mapping whose
/// `$ref` is a string, whatever its other keys.
fn is_reference(value: &Value) -> bool {
    value
        .as_mapping()
        .and_then(|mapping| mapping.get("$ref"))
        .is_some_and(Value::is_string)
}

/// Returns whether a key of `paths` names a path: openapiv3 reads string keys that
/// start with `/` as path items and skips the others.
fn is_path(key: &Value) -> bool {
    key.as_str().is_some_and(|key| key.starts_with('/'))
}

/// Returns whether a key of `responses` is a status code such as `200` or `4XX`.
/// openapiv3 reads the values of these keys as responses and skips the other keys.
fn is_status_code(key: &Value) -> bool {
    serde_yaml::from_value::<StatusCode>(key.clone()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_error(text: &str) -> (String, String) {
        match parse_document(text) {
            Err(error) => (error.pointer().to_string(), error.to_string()),
            Ok(_) => panic!("expected an error for {text:?}"),
        }
    }

    #[test]
    fn path_without_slash_is_rejected() {
        let text = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  api/x:\n    get:\n      responses: {}\n";
        let (pointer, message) = parse_error(text);
        assert_eq!(pointer, "#/paths/api~1x");
        assert!(message.contains("does not start with `/`"), "{message}");
    }

    #[test]
    fn misspelled_method_is_rejected() {
        let text = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    gett:\n      responses: {}\n";
        let (pointer, message) = parse_error(text);
        assert_eq!(pointer, "#/paths/~1x/gett");
        assert!(message.contains("not an HTTP method"), "{message}");
    }

    #[test]
    fn empty_document_is_rejected() {
        let (pointer, message) = parse_error("  \n");
        assert_eq!(pointer, "#");
        assert!(message.contains("empty"), "{message}");
    }

    #[test]
    fn invalid_yaml_reports_line() {
        let error = parse_document("openapi: 3.0.1\ninfo: [unclosed\n").unwrap_err();
        match error {
            Error::Parse { location, .. } => assert!(location.is_some()),
            other => panic!("unexpected error {other:?}"),
        }
    }

    #[test]
    fn wrong_type_is_located() {
        let text = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: 5\n      responses: {}\n";
        let (pointer, _) = parse_error(text);
        assert_eq!(pointer, "#/paths/~1a/get/operationId");
    }

    #[test]
    fn serde_yaml_path_is_not_repeated() {
        let text = "openapi: 3.0.1\ninfo: {title: [t], version: '1'}\npaths: {}\n";
        let (pointer, message) = parse_error(text);
        assert_eq!(pointer, "#/info/title");
        assert!(
            message.starts_with("#/info/title: invalid type"),
            "{message}"
        );
    }

    #[test]
    fn reference_needs_string_ref() {
        let reference: Value = serde_yaml::from_str("{$ref: '#/a', description: d}").unwrap();
        let number: Value = serde_yaml::from_str("{$ref: 5}").unwrap();
        assert!(is_reference(&reference));
        assert!(!is_reference(&number));
    }

    #[test]
    fn node_at_stops_outside_table() {
        let root: Value =
            serde_yaml::from_str("paths: {/a: {get: {operationId: x}}}\ninfo: {title: t}").unwrap();
        let operation = Pointer::root().join("paths").join("/a").join("get");
        let node = node_at(&root, &operation).map(|node| node.kind);
        assert_eq!(node, Some(Kind::Operation));
        let title = Pointer::root().join("info").join("title");
        assert!(node_at(&root, &title).is_none());
    }

    #[test]
    fn openapi_31_is_unsupported() {
        let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n";
        let (pointer, message) = parse_error(text);
        assert_eq!(pointer, "#/openapi");
        assert!(message.contains("3.1.0"), "{message}");
    }
}
