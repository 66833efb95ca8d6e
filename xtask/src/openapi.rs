//! OpenAPI 3.0 vocabulary shared by selection, merging, stripping and diffing.

/// Path item members that are operations, in the order OpenAPI 3.0 lists them.
pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Members that hold prose, which `openapi.yaml` words itself.
pub const TEXT_KEYS: [&str; 2] = ["description", "summary"];

/// Top-level members that describe the document rather than the API. `openapi.yaml` words
/// them itself, so they are not structure.
pub const DOCUMENT_METADATA_KEYS: [&str; 4] = ["info", "servers", "tags", "externalDocs"];

/// Members that hold sample values, which regen drops from the output.
pub const EXAMPLE_KEYS: [&str; 2] = ["example", "examples"];

/// Members whose value is literal data (not OpenAPI objects), copied without looking inside.
pub const DATA_KEYS: [&str; 3] = ["default", "enum", "const"];

/// Members whose value is a map from names chosen by the document author (property names,
/// status codes, media types, paths) to OpenAPI objects, or to strings for `mapping` and
/// `scopes`. Inside such a map a key such as `example` or `description` is a name, not a
/// keyword.
pub const NAME_MAP_KEYS: [&str; 15] = [
    "paths",
    "properties",
    "responses",
    "content",
    "headers",
    "encoding",
    "links",
    "callbacks",
    "schemas",
    "parameters",
    "requestBodies",
    "securitySchemes",
    "variables",
    "mapping",
    "scopes",
];

pub fn is_method(key: &str) -> bool {
    METHODS.contains(&key)
}

pub fn is_text(key: &str) -> bool {
    TEXT_KEYS.contains(&key)
}

pub fn is_document_metadata(key: &str) -> bool {
    DOCUMENT_METADATA_KEYS.contains(&key)
}

pub fn is_example(key: &str) -> bool {
    EXAMPLE_KEYS.contains(&key)
}

pub fn is_data(key: &str) -> bool {
    DATA_KEYS.contains(&key)
}

/// Returns whether `key` is a specification extension (`x-…`).
pub fn is_extension(key: &str) -> bool {
    key.starts_with("x-")
}

/// Returns whether the member `key` contains a name map when its value is an object. The
/// `parameters` member is a name map only under `components`. Elsewhere it is an array and
/// this function is not consulted.
pub fn is_name_map(key: &str) -> bool {
    NAME_MAP_KEYS.contains(&key)
}

/// Returns whether a response status code denotes success (`200`, `204`, `2XX`).
pub fn is_success_status(status: &str) -> bool {
    status.starts_with('2')
}
