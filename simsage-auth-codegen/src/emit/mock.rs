//! Emits typed httpmock helpers: a `MockServerExt` trait with a pair of methods per
//! operation, and a `When` and a `Then` wrapper type per operation.
//!
//! The output is included in the `mock` module of simsage-auth, next to the hand-written
//! helpers it calls (`crate::mock::path_pattern`, `crate::mock::respond_json` and the
//! others). Path and header values go through the same `crate::runtime` encoding as the
//! client methods, with the same `SegmentRules` per parameter.

use std::collections::BTreeMap;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use crate::emit::client::segment_rules;
use crate::emit::docs::doc;
use crate::emit::types::{ident, type_tokens};
use crate::error::{Error, Pointer};
use crate::model::{Api, Location, Operation, Param, ResponseBody, TypeRef};
use crate::naming;

/// Name of the method that returns the wrapped httpmock `When` or `Then`.
const INTO_INNER: &str = "into_inner";

/// Emits the mock helpers of `api`.
pub(crate) fn mock(api: &Api) -> Result<TokenStream, Error> {
    let names = api
        .operations
        .iter()
        .map(Names::new)
        .collect::<Result<Vec<_>, _>>()?;
    check_names(api, &names)?;
    let declarations = api
        .operations
        .iter()
        .zip(&names)
        .map(|(operation, names)| trait_declarations(operation, names));
    let implementations = names.iter().map(trait_implementations);
    let wrappers = api
        .operations
        .iter()
        .zip(&names)
        .map(|(operation, names)| wrappers(operation, names))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(quote! {
        /// Typed mocks of SimSage's auth operations on an httpmock
        /// [`MockServer`](::httpmock::MockServer).
        ///
        /// For each method of [`Client`](crate::Client) there are two methods, named after it:
        /// `mock_<method>` and `mock_<method>_async`, like httpmock's `mock` and `mock_async`.
        /// Their closure receives the operation's `When` and `Then` types. The trait is
        /// sealed: only `MockServer` implements it.
        pub trait MockServerExt: crate::mock::sealed::Sealed {
            #(#declarations)*
        }

        impl MockServerExt for ::httpmock::MockServer {
            #(#implementations)*
        }

        #(#wrappers)*
    })
}

/// Identifiers generated for one operation.
struct Names {
    mock: Ident,
    mock_async: Ident,
    when: Ident,
    then: Ident,
}

impl Names {
    fn new(operation: &Operation) -> Result<Self, Error> {
        let stem = naming::upper_camel_case(&operation.rust_name, "Op").ok_or_else(|| {
            Error::invalid(
                &operation_pointer(operation),
                format!(
                    "method name `{}` has no letters or digits",
                    operation.rust_name
                ),
            )
        })?;
        Ok(Names {
            mock: ident(&format!("mock_{}", operation.rust_name)),
            mock_async: ident(&format!("mock_{}_async", operation.rust_name)),
            when: ident(&format!("{stem}When")),
            then: ident(&format!("{stem}Then")),
        })
    }
}

fn operation_pointer(operation: &Operation) -> Pointer {
    Pointer::root()
        .join("paths")
        .join(&operation.path)
        .join(&operation.method.as_str().to_ascii_lowercase())
}

/// Rejects operations whose generated names would collide, such as `mock_x_async` for
/// an operation `x` and `mock_<y>` for an operation `y` named `x_async`, or a parameter
/// named like the `into_inner` method of the `When` type.
fn check_names(api: &Api, names: &[Names]) -> Result<(), Error> {
    let mut taken: BTreeMap<String, &Operation> = BTreeMap::new();
    for (operation, names) in api.operations.iter().zip(names) {
        for name in [&names.mock, &names.mock_async, &names.when] {
            if let Some(other) = taken.insert(name.to_string(), operation) {
                return Err(Error::NameClash {
                    rust_name: name.to_string(),
                    first: operation_pointer(other).to_string(),
                    second: operation_pointer(operation).to_string(),
                });
            }
        }
        if operation.params.iter().any(|p| p.rust_name == INTO_INNER) {
            return Err(Error::invalid(
                &operation_pointer(operation).join("parameters"),
                format!(
                    "a parameter maps to the name `{INTO_INNER}`, which the generated mock \
                     helpers use for their escape hatch; rename the parameter"
                ),
            ));
        }
    }
    Ok(())
}

fn trait_declarations(operation: &Operation, names: &Names) -> TokenStream {
    let Names {
        mock,
        mock_async,
        when,
        then,
    } = names;
    let sync_docs = doc(&format!(
        "Creates a mock of `{} {}` (operation `{}`), which [`Client::{}`](crate::Client::{}) calls.\n\n\
         `config` receives [`{when}`], which already expects the method and the path, and \
         [`{then}`] for the response.",
        operation.method.as_str(),
        operation.path,
        operation.id,
        operation.rust_name,
        operation.rust_name,
    ));
    let async_docs = doc(&format!(
        "Creates a mock of `{} {}` (operation `{}`) asynchronously; see [`{mock}`](Self::{mock}).",
        operation.method.as_str(),
        operation.path,
        operation.id,
    ));
    quote! {
        #sync_docs
        fn #mock<F>(&self, config: F) -> ::httpmock::Mock<'_>
        where
            F: ::std::ops::FnOnce(#when, #then);

        #async_docs
        fn #mock_async<F>(&self, config: F) -> impl ::std::future::Future<Output = ::httpmock::Mock<'_>>
        where
            F: ::std::ops::FnOnce(#when, #then);
    }
}

fn trait_implementations(names: &Names) -> TokenStream {
    let Names {
        mock,
        mock_async,
        when,
        then,
    } = names;
    quote! {
        fn #mock<F>(&self, config: F) -> ::httpmock::Mock<'_>
        where
            F: ::std::ops::FnOnce(#when, #then),
        {
            self.mock(|when, then| config(#when::new(when), #then(then)))
        }

        fn #mock_async<F>(&self, config: F) -> impl ::std::future::Future<Output = ::httpmock::Mock<'_>>
        where
            F: ::std::ops::FnOnce(#when, #then),
        {
            self.mock_async(|when, then| config(#when::new(when), #then(then)))
        }
    }
}

fn wrappers(operation: &Operation, names: &Names) -> Result<TokenStream, Error> {
    let when = when_type(operation, &names.when);
    let then = then_type(operation, &names.then)?;
    Ok(quote! {
        #when
        #then
    })
}

fn when_type(operation: &Operation, name: &Ident) -> TokenStream {
    let method = ident(operation.method.as_str());
    let path = &operation.path;
    let has_path_params = operation
        .params
        .iter()
        .any(|p| p.location == Location::Path);
    let expect_path = if has_path_params {
        quote! { .path_matches(crate::mock::path_pattern(Self::PATH, ::std::option::Option::None)) }
    } else {
        quote! { .path(Self::PATH) }
    };
    let type_docs = doc(&when_docs(operation, has_path_params));
    let setters = operation
        .params
        .iter()
        .filter(|param| has_setter(param))
        .map(|param| setter(operation, param));
    let body = body_setter(operation);
    quote! {
        #type_docs
        pub struct #name(::httpmock::When);

        impl #name {
            /// The path template, with each parameter in braces.
            const PATH: &'static str = #path;

            fn new(when: ::httpmock::When) -> Self {
                Self(when.method(::httpmock::Method::#method) #expect_path)
            }

            #(#setters)*
            #body

            /// Returns httpmock's `When`, to add constraints that this type has no method for.
            pub fn into_inner(self) -> ::httpmock::When {
                self.0
            }
        }
    }
}

fn when_docs(operation: &Operation, has_path_params: bool) -> String {
    let template = if has_path_params {
        " and the path template, with each path parameter matching any single segment until \
         its setter is called"
    } else {
        " and the path"
    };
    format!(
        "Request expectations of a mock of `{} {}` (operation `{}`).\n\n\
         It starts out expecting the method{template}. Each setter adds one constraint, as \
         httpmock's own methods do, and encodes its value as \
         [`Client::{}`](crate::Client::{}) sends it.",
        operation.method.as_str(),
        operation.path,
        operation.id,
        operation.rust_name,
        operation.rust_name,
    )
}

/// Returns whether a parameter gets a setter: strings and scalars passed by value
/// (numbers, booleans, enums). Form parts and structured query values have none, because
/// httpmock matches them only through the raw body or query; `into_inner` gives access.
fn has_setter(param: &Param) -> bool {
    param.location != Location::Form && (param.ty == TypeRef::String || !param.by_reference)
}

/// Emits the method that expects the value of one parameter.
fn setter(operation: &Operation, param: &Param) -> TokenStream {
    let name = ident(&param.rust_name);
    let argument = match &param.ty {
        TypeRef::String => quote! { &str },
        other => type_tokens(other),
    };
    let docs = doc(&setter_docs(operation, param));
    let body = match param.location {
        Location::Path => path_setter_body(operation, param),
        Location::Header => header_setter_body(operation, param),
        Location::Query | Location::Form => query_setter_body(param),
    };
    quote! {
        #docs
        pub fn #name(self, value: #argument) -> Self {
            #body
        }
    }
}

fn path_setter_body(operation: &Operation, param: &Param) -> TokenStream {
    let id = &operation.id;
    let label = &param.rust_name;
    let wire = &param.wire_name;
    let segment = match &param.ty {
        TypeRef::String => {
            let rules = segment_rules(param);
            quote! { crate::mock::encoded_segment(#id, #label, value, #rules) }
        }
        TypeRef::Named(_) => quote! {
            crate::mock::encoded_segment(#id, #label, value.as_str(), crate::runtime::SegmentRules::STRICT)
        },
        _ => quote! { value.to_string() },
    };
    quote! {
        let segment = #segment;
        let pattern = crate::mock::path_pattern(Self::PATH, ::std::option::Option::Some((#wire, &segment)));
        Self(self.0.path_matches(pattern))
    }
}

fn header_setter_body(operation: &Operation, param: &Param) -> TokenStream {
    let id = &operation.id;
    let label = &param.rust_name;
    // The client sends lowercase names; httpmock compares header names case-insensitively.
    let wire = param.wire_name.to_ascii_lowercase();
    match &param.ty {
        TypeRef::String => quote! {
            crate::mock::check_header_value(#id, #label, value);
            Self(self.0.header(#wire, value))
        },
        TypeRef::Named(_) => quote! { Self(self.0.header(#wire, value.as_str())) },
        _ => quote! { Self(self.0.header(#wire, value.to_string())) },
    }
}

fn query_setter_body(param: &Param) -> TokenStream {
    let wire = &param.wire_name;
    match &param.ty {
        TypeRef::String => quote! { Self(self.0.query_param(#wire, value)) },
        TypeRef::Named(_) => quote! { Self(self.0.query_param(#wire, value.as_str())) },
        _ => quote! { Self(self.0.query_param(#wire, value.to_string())) },
    }
}

fn setter_docs(operation: &Operation, param: &Param) -> String {
    let wire = &param.wire_name;
    let mut text = match param.location {
        Location::Path => format!("Expects `value` in the path segment `{{{wire}}}`."),
        Location::Header => format!("Expects `value` in the `{wire}` header."),
        Location::Query | Location::Form => {
            format!("Expects `value` as the query parameter `{wire}`.")
        }
    };
    if param.location == Location::Path && param.ty == TypeRef::String {
        if let Some(empty) = &param.empty_value {
            text.push_str(&format!(" An empty value is expected as `{empty}`."));
        }
        match param.slash_replacement.as_deref() {
            Some(" ") => text.push_str(" Each `/` is expected as a space (`%20`)."),
            Some(replacement) => text.push_str(&format!(
                " Each `/` is expected as `{replacement}`, encoded."
            )),
            None => {}
        }
    }
    if !param.required {
        let absent = match param.location {
            Location::Header => format!("header_missing(\"{}\")", wire.to_ascii_lowercase()),
            _ => format!("query_param_missing(\"{wire}\")"),
        };
        text.push_str(&format!(
            "\n\nThe client sends this parameter only when the argument is `Some`. To expect \
             its absence, call `{INTO_INNER}` and then httpmock's `{absent}`."
        ));
    }
    let checked = param.ty == TypeRef::String && param.location != Location::Query;
    if checked {
        text.push_str(&format!(
            "\n\n# Panics\n\nWhen [`Client::{}`](crate::Client::{}) rejects the value, because \
             the client then sends no request for the mock to match.",
            operation.rust_name, operation.rust_name
        ));
    }
    text
}

fn body_setter(operation: &Operation) -> TokenStream {
    let Some(body) = &operation.body else {
        return TokenStream::new();
    };
    let ty = borrowed_type(&body.ty);
    quote! {
        /// Expects the JSON request body to equal `value`, serialized as the client sends it.
        pub fn body(self, value: #ty) -> Self {
            Self(self.0.json_body_obj(value))
        }
    }
}

/// Returns the borrowed form of a type as an argument: `&str` for strings, a slice for
/// vectors, and a reference otherwise.
fn borrowed_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote! { &str },
        TypeRef::Vec(item) => {
            let item = type_tokens(item);
            quote! { &[#item] }
        }
        other => {
            let ty = type_tokens(other);
            quote! { &#ty }
        }
    }
}

fn then_type(operation: &Operation, name: &Ident) -> Result<TokenStream, Error> {
    let status: u16 = operation.success.status.parse().map_err(|_| {
        Error::invalid(
            &operation_pointer(operation).join("responses"),
            format!(
                "the success status `{}` is not a number",
                operation.success.status
            ),
        )
    })?;
    let type_docs = doc(&format!(
        "Response of a mock of `{} {}` (operation `{}`).\n\n\
         Call one of [`ok`](Self::ok) or [`error`](Self::error), or configure httpmock's \
         `Then` through [`{INTO_INNER}`](Self::{INTO_INNER}).",
        operation.method.as_str(),
        operation.path,
        operation.id,
    ));
    let ok = ok_methods(&operation.success.body, status);
    Ok(quote! {
        #type_docs
        pub struct #name(::httpmock::Then);

        impl #name {
            #ok

            /// Responds with `status` and a `JsonMessage` whose `error` is `message`, as SimSage
            /// rejects a call (it uses status `500`). The other fields of the message are empty.
            /// The client returns such a response as [`Error::Api`](crate::Error::Api).
            pub fn error(self, status: u16, message: &str) -> Self {
                Self(crate::mock::respond_error(self.0, status, message))
            }

            /// Responds with `status` and `message` as the JSON body, for an error response
            /// with every field of the `JsonMessage` chosen, such as the server's `version`.
            pub fn error_message(self, status: u16, message: &crate::types::JsonMessage) -> Self {
                Self(crate::mock::respond_json(self.0, status, message))
            }

            /// Returns httpmock's `Then`, to build a response that this type has no method for.
            pub fn into_inner(self) -> ::httpmock::Then {
                self.0
            }
        }
    })
}

fn ok_methods(body: &ResponseBody, status: u16) -> TokenStream {
    let status_literal = Literal::u16_unsuffixed(status);
    match body {
        ResponseBody::Empty => {
            let docs = doc(&format!("Responds with status `{status}` and no body."));
            quote! {
                #docs
                pub fn ok(self) -> Self {
                    Self(self.0.status(#status_literal))
                }
            }
        }
        ResponseBody::Json(ty) => {
            let ty = borrowed_type(ty);
            let ok_docs = doc(&format!(
                "Responds with status `{status}` and `value` as the JSON body."
            ));
            let raw_docs = doc(&format!(
                "Responds with status `{status}` and the JSON `value`, which need not fit the \
                 response type.\n\n\
                 Use it for payloads that the typed model cannot express, such as the fields \
                 that the real server leaves out, sends as `null` or adds."
            ));
            quote! {
                #ok_docs
                pub fn ok(self, value: #ty) -> Self {
                    Self(crate::mock::respond_json(self.0, #status_literal, value))
                }

                #raw_docs
                pub fn ok_json(self, value: ::serde_json::Value) -> Self {
                    Self(crate::mock::respond_json(self.0, #status_literal, &value))
                }
            }
        }
        ResponseBody::Text { .. } => {
            let docs = doc(&format!(
                "Responds with status `{status}` and `value` as a JSON string. For a bare-text \
                 body, which the client accepts too, call `{INTO_INNER}` and httpmock's `body`."
            ));
            quote! {
                #docs
                pub fn ok(self, value: &str) -> Self {
                    Self(crate::mock::respond_json(self.0, #status_literal, value))
                }
            }
        }
        ResponseBody::RawText => {
            let docs = doc(&format!(
                "Responds with status `{status}` and `value` as the body."
            ));
            quote! {
                #docs
                pub fn ok(self, value: &str) -> Self {
                    Self(self.0.status(#status_literal).body(value))
                }
            }
        }
        ResponseBody::Bytes => {
            let docs = doc(&format!(
                "Responds with status `{status}` and `value` as the body."
            ));
            quote! {
                #docs
                pub fn ok(self, value: &[u8]) -> Self {
                    Self(self.0.status(#status_literal).body(value))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::tests::api;
    use crate::model::{Method, PathPart, QueryStyle, Success};

    /// Returns the formatted output on one line, with the breaks prettyplease adds in long
    /// expressions undone, so that assertions can be written as single-line Rust.
    fn mock_source(api: &Api) -> String {
        let tokens = mock(api).expect("emits");
        let file: syn::File = syn::parse2(tokens).expect("parses as Rust");
        prettyplease::unparse(&file)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace("( ", "(")
            .replace(", )", ")")
            .replace(" )", ")")
            .replace(" .", ".")
    }

    fn param(wire: &str, rust: &str, location: Location, ty: TypeRef) -> Param {
        let by_reference = ty == TypeRef::String;
        Param {
            wire_name: wire.to_string(),
            rust_name: rust.to_string(),
            location,
            required: true,
            ty,
            sensitive: false,
            empty_value: None,
            slash_replacement: None,
            description: None,
            by_reference,
            query_style: QueryStyle::Form,
        }
    }

    #[test]
    fn trait_has_sync_and_async_methods() {
        let source = mock_source(&api());
        assert!(source.contains("pub trait MockServerExt: crate::mock::sealed::Sealed"));
        assert!(
            source.contains("fn mock_sign_in_filtered<F>(&self, config: F)"),
            "{source}"
        );
        assert!(
            source.contains("fn mock_sign_in_filtered_async<F>("),
            "{source}"
        );
        assert!(source.contains("F: ::std::ops::FnOnce(SignInFilteredWhen, SignInFilteredThen)"));
        assert!(source.contains("impl MockServerExt for ::httpmock::MockServer"));
    }

    #[test]
    fn when_expects_method_and_path_template() {
        let source = mock_source(&api());
        assert!(source.contains("pub struct SignInFilteredWhen(::httpmock::When);"));
        assert!(source.contains("const PATH: &'static str = \"/api/auth/sign-in/{filter}\";"));
        assert!(
            source.contains("when.method(::httpmock::Method::POST)"),
            "{source}"
        );
        assert!(
            source.contains("crate::mock::path_pattern(Self::PATH, ::std::option::Option::None)")
        );
    }

    #[test]
    fn path_setter_uses_client_segment_rules() {
        let source = mock_source(&api());
        assert!(
            source.contains("pub fn filter(self, value: &str) -> Self"),
            "{source}"
        );
        assert!(source.contains("crate::mock::encoded_segment("), "{source}");
        assert!(source.contains("empty: ::std::option::Option::Some(\"null\")"));
        assert!(source.contains("slash: ::std::option::Option::Some(\" \")"));
        assert!(source.contains("::std::option::Option::Some((\"filter\", &segment))"));
    }

    #[test]
    fn header_setter_checks_and_lowercases() {
        let source = mock_source(&api());
        assert!(source.contains("pub fn session_id(self, value: &str) -> Self"));
        assert!(source.contains(
            "crate::mock::check_header_value(\"signInFiltered\", \"session_id\", value);"
        ));
        assert!(
            source.contains("self.0.header(\"session-id\", value)"),
            "{source}"
        );
    }

    #[test]
    fn body_setter_takes_typed_body() {
        let source = mock_source(&api());
        assert!(source.contains("pub fn body(self, value: &crate::types::CmCredentials) -> Self"));
        assert!(source.contains("self.0.json_body_obj(value)"));
    }

    #[test]
    fn then_has_typed_ok_raw_ok_and_error() {
        let source = mock_source(&api());
        assert!(source.contains("pub struct SignInFilteredThen(::httpmock::Then);"));
        assert!(source.contains("pub fn ok(self, value: &crate::types::CmCredentials) -> Self"));
        assert!(
            source.contains("crate::mock::respond_json(self.0, 200, value)"),
            "{source}"
        );
        assert!(source.contains("pub fn ok_json(self, value: ::serde_json::Value) -> Self"));
        assert!(source.contains("pub fn error(self, status: u16, message: &str) -> Self"));
        assert!(source.contains(
            "pub fn error_message(self, status: u16, message: &crate::types::JsonMessage) -> Self"
        ));
        assert!(source.contains("pub fn into_inner(self) -> ::httpmock::Then"));
    }

    #[test]
    fn operation_without_path_params_expects_exact_path() {
        let mut api = api();
        let operation = &mut api.operations[0];
        operation.path = "/api/auth/sign-in".to_string();
        operation.path_parts = vec![PathPart::Literal(operation.path.clone())];
        operation.params.remove(0);
        operation.body_position = 1;
        let source = mock_source(&api);
        assert!(source.contains(".path(Self::PATH)"), "{source}");
        assert!(!source.contains("path_pattern"), "{source}");
    }

    #[test]
    fn other_parameter_types_are_formatted() {
        let mut api = api();
        let operation = &mut api.operations[0];
        operation
            .params
            .push(param("page", "page", Location::Path, TypeRef::I32));
        operation
            .params
            .push(param("q", "query", Location::Query, TypeRef::String));
        operation.params.push(param(
            "API-Version",
            "api_version",
            Location::Header,
            TypeRef::Named("ApiVersion".to_string()),
        ));
        let source = mock_source(&api);
        assert!(
            source.contains("pub fn page(self, value: i32) -> Self"),
            "{source}"
        );
        assert!(
            source.contains("let segment = value.to_string();"),
            "{source}"
        );
        assert!(
            source.contains("self.0.query_param(\"q\", value)"),
            "{source}"
        );
        assert!(
            source.contains("value: crate::types::ApiVersion"),
            "{source}"
        );
        assert!(
            source.contains("self.0.header(\"api-version\", value.as_str())"),
            "{source}"
        );
    }

    #[test]
    fn text_and_empty_responses_get_matching_ok() {
        let mut api = api();
        api.operations[0].success.body = ResponseBody::Text { sensitive: true };
        let source = mock_source(&api);
        assert!(
            source.contains("pub fn ok(self, value: &str) -> Self"),
            "{source}"
        );
        assert!(!source.contains("ok_json"), "{source}");

        api.operations[0].success = Success {
            status: "204".to_string(),
            body: ResponseBody::Empty,
            accept: None,
            description: None,
        };
        let source = mock_source(&api);
        assert!(source.contains("pub fn ok(self) -> Self"), "{source}");
        assert!(source.contains("self.0.status(204)"), "{source}");
    }

    #[test]
    fn vector_response_is_taken_as_slice() {
        let mut api = api();
        api.operations[0].success.body =
            ResponseBody::Json(TypeRef::Vec(Box::new(TypeRef::String)));
        let source = mock_source(&api);
        assert!(
            source.contains("pub fn ok(self, value: &[::std::string::String]) -> Self"),
            "{source}"
        );
    }

    #[test]
    fn async_suffix_clash_is_rejected() {
        let mut api = api();
        let mut second = api.operations[0].clone();
        second.rust_name = "sign_in_filtered_async".to_string();
        second.method = Method::Get;
        api.operations.push(second);
        let error = mock(&api).unwrap_err();
        assert!(
            matches!(error, Error::NameClash { ref rust_name, .. } if rust_name == "mock_sign_in_filtered_async"),
            "{error}"
        );
    }

    #[test]
    fn wrapper_type_clash_is_rejected() {
        let mut api = api();
        let mut second = api.operations[0].clone();
        api.operations[0].rust_name = "sign_in2".to_string();
        second.rust_name = "sign_in_2".to_string();
        second.method = Method::Get;
        api.operations.push(second);
        let error = mock(&api).unwrap_err();
        assert!(
            matches!(error, Error::NameClash { ref rust_name, .. } if rust_name == "SignIn2When"),
            "{error}"
        );
    }

    #[test]
    fn parameter_named_into_inner_is_rejected() {
        let mut api = api();
        api.operations[0].params[1].rust_name = INTO_INNER.to_string();
        let error = mock(&api).unwrap_err();
        assert!(error.to_string().contains("into_inner"), "{error}");
        assert!(
            error
                .pointer()
                .starts_with("#/paths/~1api~1auth~1sign-in~1{filter}/post"),
            "{error}"
        );
    }
}
