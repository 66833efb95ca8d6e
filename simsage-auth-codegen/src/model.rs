//! The plain model between the two stages: what the client needs, with Rust names decided.
//!
//! [`crate::parse`] builds it from an `openapiv3::OpenAPI`; [`crate::emit`] turns it into
//! tokens. Neither the model nor the emitters refer to `openapiv3` types.

/// Everything the generated client consists of, in a deterministic order.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// Operations sorted by Rust method name.
    pub operations: Vec<Operation>,
    /// Named types sorted by Rust type name.
    pub types: Vec<TypeDef>,
    /// Operations left out because their path template and path parameters disagree,
    /// each as the error that describes it. Only
    /// [`Settings::with_skip_invalid_paths`](crate::Settings::with_skip_invalid_paths)
    /// leaves operations out; otherwise such an operation stops the generation.
    pub skipped: Vec<crate::Error>,
}

/// One HTTP operation, which becomes one client method.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The `operationId` from the document.
    pub id: String,
    /// Name of the generated method.
    pub rust_name: String,
    /// HTTP method.
    pub method: Method,
    /// Path template as written in the document, such as `/api/auth/groups/{organisationId}`.
    pub path: String,
    /// The path template split into literal text and parameters.
    pub path_parts: Vec<PathPart>,
    /// Parameters in the order the method takes them: required first in document order,
    /// then the request body, then optional parameters.
    pub params: Vec<Param>,
    /// Position in [`Operation::params`] before which the request body argument goes.
    pub body_position: usize,
    /// The request body, if the operation has one.
    pub body: Option<Body>,
    /// The successful response.
    pub success: Success,
    /// Status codes of the documented error responses, such as `500`.
    pub error_statuses: Vec<String>,
    /// Short summary for the first line of the method documentation.
    pub summary: Option<String>,
    /// Longer description.
    pub description: Option<String>,
    /// Index in [`Operation::params`] of the session-id header, when the operation has one.
    pub session_param: Option<usize>,
    /// Whether sending the request twice has the same effect as sending it once, so that
    /// it may be retried: true for GET, PUT, DELETE, HEAD and OPTIONS unless the document
    /// sets `x-idempotent: false` (sign-ins and token requests), false for POST and PATCH
    /// unless it sets `x-idempotent: true`.
    pub idempotent: bool,
    /// Whether a successful response carries a secret anywhere in it (a field marked
    /// `x-sensitive`, or a sensitive text body), so that none of it may be copied into an
    /// error message.
    pub secret_response: bool,
    /// Whether the operation ends the session it is called with (sign-out), so that the
    /// session handle's method consumes the handle.
    pub ends_session: bool,
}

/// HTTP methods an operation can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    /// `GET`
    Get,
    /// `PUT`
    Put,
    /// `POST`
    Post,
    /// `DELETE`
    Delete,
    /// `PATCH`
    Patch,
    /// `HEAD`
    Head,
    /// `OPTIONS`
    Options,
}

impl Method {
    /// Returns whether HTTP defines the method as idempotent (RFC 9110, section 9.2.2).
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post | Method::Patch)
    }

    /// Returns the method name as it appears on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
        }
    }
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Text sent as it is.
    Literal(String),
    /// The value of the path parameter at this index of [`Operation::params`].
    Param(usize),
}

/// Location of a parameter in the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// A segment of the path.
    Path,
    /// A query-string pair.
    Query,
    /// A request header.
    Header,
    /// A part of a `multipart/form-data` request body.
    Form,
}

/// The wire form of a query parameter that is not a plain string (OpenAPI `style` and
/// `explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `style: form`, `explode: true`, the default: `id=1&id=2`, and `a=1&b=2` for an object.
    Form,
    /// `style: form`, `explode: false`: `id=1,2`, and `p=a,1,b,2` for an object.
    FormUnexploded,
    /// `style: deepObject`: `p[a]=1&p[b]=2`.
    DeepObject,
}

/// A parameter of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Name on the wire (`session-id`).
    pub wire_name: String,
    /// Name of the method argument (`session_id`).
    pub rust_name: String,
    /// Location of the value in the request.
    pub location: Location,
    /// Whether the caller must pass it; optional parameters are `Option` arguments.
    pub required: bool,
    /// Type of the value. Path and header parameters are strings, numbers, booleans or
    /// enums. Query parameters may also be arrays, maps and structs. Form parts are
    /// scalars or files.
    pub ty: TypeRef,
    /// Whether the method takes the argument by reference (`&str`, `&T`) rather than by value.
    pub by_reference: bool,
    /// The wire form of a query parameter other than a plain string.
    pub query_style: QueryStyle,
    /// Whether the value is a secret (`x-sensitive: true`): its header is marked sensitive
    /// and the value is scrubbed from error messages.
    pub sensitive: bool,
    /// Segment sent for an empty path value (`x-empty-value`); without it, empty is an error.
    pub empty_value: Option<String>,
    /// Text that replaces `/` in a path value (`x-slash-replacement`); without it, `/` is an error.
    pub slash_replacement: Option<String>,
    /// Description from the document.
    pub description: Option<String>,
}

/// A JSON request body. A `multipart/form-data` body becomes [`Location::Form`] parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// Type serialized as JSON.
    pub ty: TypeRef,
    /// Whether the body must be sent; an optional body is an `Option` argument.
    pub required: bool,
    /// Wire names of top-level string fields of the body that hold secrets.
    pub secret_fields: Vec<String>,
    /// Description from the document.
    pub description: Option<String>,
}

/// The successful response of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Success {
    /// Status code, such as `200`.
    pub status: String,
    /// Decoding of the body.
    pub body: ResponseBody,
    /// The `Accept` header for a response that is not JSON, such as `image/jpeg, image/svg+xml`.
    pub accept: Option<String>,
    /// Description from the document.
    pub description: Option<String>,
}

/// Decoding of a successful response body into a Rust value.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponseBody {
    /// No content is documented: the method returns `()`.
    Empty,
    /// JSON decoded into the type.
    Json(TypeRef),
    /// A string schema: the body may be a JSON string or bare text.
    Text {
        /// Whether the text is a secret, returned as a `SecretString`.
        sensitive: bool,
    },
    /// A text media type other than JSON, such as `text/html`: the body as it is.
    RawText,
    /// Any other media type, such as `application/pdf` or `image/jpeg`: the body bytes.
    Bytes,
}

/// A Rust type used by a field, parameter or response.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum TypeRef {
    /// `String`
    String,
    /// `i32`
    I32,
    /// `i64`
    I64,
    /// `f32`
    F32,
    /// `f64`
    F64,
    /// `bool`
    Bool,
    /// `chrono::DateTime<chrono::FixedOffset>` for `format: date-time`, from the runtime's
    /// `date-time` feature.
    DateTime,
    /// The runtime's `Base64Bytes` for `format: byte`: bytes written as base64 in JSON.
    Base64,
    /// `serde_json::Value`, for free-form objects and schemas without a type.
    Json,
    /// The runtime's `FilePart`, for a `format: binary` part of a multipart body.
    File,
    /// `Vec<T>`
    Vec(Box<TypeRef>),
    /// `BTreeMap<String, T>`
    Map(Box<TypeRef>),
    /// `Box<T>`, for a field on a cycle of types that contain each other directly.
    Boxed(Box<TypeRef>),
    /// A generated type, by its Rust name.
    Named(String),
}

/// A generated type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeDef {
    /// A struct from an object schema.
    Struct(StructDef),
    /// An enum from a string enumeration.
    Enum(EnumDef),
    /// A tagged union from `oneOf` with a discriminator, or from a schema with a
    /// discriminator that other schemas extend through `allOf`.
    Union(UnionDef),
}

impl TypeDef {
    /// Returns the Rust name of the type.
    pub fn name(&self) -> &str {
        match self {
            TypeDef::Struct(s) => &s.name,
            TypeDef::Enum(e) => &e.name,
            TypeDef::Union(u) => &u.name,
        }
    }
}

/// A struct generated from an object schema.
#[derive(Debug, Clone, PartialEq)]
pub struct StructDef {
    /// Rust name (`CmOrganisation`).
    pub name: String,
    /// Name in the document (`CMOrganisation`).
    pub spec_name: String,
    /// Description from the document.
    pub description: Option<String>,
    /// Fields in document order; for `allOf`, the members' properties in member order.
    pub fields: Vec<Field>,
    /// Type of the values of properties not listed in `fields`, from a typed
    /// `additionalProperties`; they are kept in a flattened map.
    pub additional_properties: Option<TypeRef>,
}

impl StructDef {
    /// Returns whether any field contains a secret, which calls for a redacting `Debug`.
    pub fn has_sensitive_fields(&self) -> bool {
        self.fields.iter().any(|f| f.sensitive)
    }
}

/// A struct field generated from a schema property.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Name in JSON (`autoCreateSSOACLList`).
    pub wire_name: String,
    /// Rust name (`auto_create_sso_acl_list`).
    pub rust_name: String,
    /// Type of the value, without the `Option` of optional fields.
    pub ty: TypeRef,
    /// Whether the schema lists the property as required.
    pub required: bool,
    /// Whether the value is a secret (`x-sensitive: true`).
    pub sensitive: bool,
    /// Description from the document.
    pub description: Option<String>,
}

/// An enum generated from a string enumeration.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumDef {
    /// Rust name (`ApiVersion`).
    pub name: String,
    /// Name in the document (the schema or parameter name).
    pub spec_name: String,
    /// Description from the document.
    pub description: Option<String>,
    /// Variants in document order.
    pub variants: Vec<Variant>,
    /// Rust name of the catch-all variant (`Unknown`) that stands for a value this client
    /// does not know and for a missing or `null` value. Enums from schemas have one, so a
    /// new server value or a missing required field still decodes. Enums of parameters
    /// have none.
    pub catch_all: Option<String>,
}

/// A tagged union: the discriminator property selects the struct that the rest of the
/// JSON object decodes into.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionDef {
    /// Rust name.
    pub name: String,
    /// Name in the document, or the name the type is derived from for an inline schema.
    pub spec_name: String,
    /// Description from the document.
    pub description: Option<String>,
    /// The discriminator's `propertyName`, such as `type`.
    pub tag: String,
    /// Alternatives sorted by tag value.
    pub variants: Vec<UnionVariant>,
}

/// One alternative of a [`UnionDef`].
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// Value of the discriminator property: a key of the discriminator's `mapping`, or the
    /// schema name.
    pub tag_value: String,
    /// Rust name of the variant, which is also the name of the struct it holds.
    pub rust_name: String,
    /// The struct the variant holds, boxed when it contains the union again.
    pub ty: TypeRef,
}

/// One value of a string enumeration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// The string on the wire (`1`).
    pub wire_name: String,
    /// Rust name (`V1`).
    pub rust_name: String,
}
