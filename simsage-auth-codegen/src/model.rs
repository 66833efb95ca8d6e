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
    /// says `x-idempotent: false` (sign-ins and token requests), false for POST and PATCH
    /// unless it says `x-idempotent: true`.
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

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// A segment of the path.
    Path,
    /// A query-string pair.
    Query,
    /// A request header.
    Header,
}

/// A parameter of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Name on the wire (`session-id`).
    pub wire_name: String,
    /// Name of the method argument (`session_id`).
    pub rust_name: String,
    /// Where the value travels.
    pub location: Location,
    /// Whether the caller must pass it; optional parameters are `Option` arguments.
    pub required: bool,
    /// Type of the value. Parameters are scalars: strings, numbers, booleans or enums.
    pub ty: TypeRef,
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

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// Type serialized as JSON.
    pub ty: TypeRef,
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
    /// How the body is decoded.
    pub body: ResponseBody,
    /// Description from the document.
    pub description: Option<String>,
}

/// How a successful response body becomes a Rust value.
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
    /// `Vec<T>`
    Vec(Box<TypeRef>),
    /// `BTreeMap<String, T>`
    Map(Box<TypeRef>),
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
}

impl TypeDef {
    /// Returns the Rust name of the type.
    pub fn name(&self) -> &str {
        match self {
            TypeDef::Struct(s) => &s.name,
            TypeDef::Enum(e) => &e.name,
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
    /// Fields in document order.
    pub fields: Vec<Field>,
}

impl StructDef {
    /// Returns whether any field holds a secret, which calls for a redacting `Debug`.
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
}

/// One value of a string enumeration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// The string on the wire (`1`).
    pub wire_name: String,
    /// Rust name (`V1`).
    pub rust_name: String,
}
