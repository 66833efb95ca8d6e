//! Request steps that only some operations need: optional JSON bodies, multipart parts,
//! query parameters that are not plain strings, and the `Accept` header of responses
//! that are not JSON.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::types::{ident, type_tokens};
use crate::model::{Body, Location, Param, QueryStyle, Success, TypeRef};

/// Returns the request body argument: `body: &T`, or `body: Option<&T>` when optional.
pub(crate) fn body_argument(body: &Body) -> TokenStream {
    let ty = type_tokens(&body.ty);
    if body.required {
        quote! { body: &#ty }
    } else {
        quote! { body: ::std::option::Option<&#ty> }
    }
}

/// Emits the statements that serialize an optional JSON body when it is `Some`.
pub(crate) fn optional_body_step(body: &Body) -> TokenStream {
    let secrets = body.secret_fields.iter().map(|field| {
        let field = ident(field);
        quote! { call.scrub(&body.#field); }
    });
    quote! {
        if let ::std::option::Option::Some(body) = body {
            #(#secrets)*
            call.json_body(body)?;
        }
    }
}

/// Emits the statement that adds a query parameter other than a plain string.
pub(crate) fn query_value_step(param: &Param) -> TokenStream {
    let name = ident(&param.rust_name);
    let label = &param.rust_name;
    let wire = &param.wire_name;
    let style = match param.query_style {
        QueryStyle::Form => quote! { crate::runtime::QueryStyle::Form },
        QueryStyle::FormUnexploded => quote! { crate::runtime::QueryStyle::FormUnexploded },
        QueryStyle::DeepObject => quote! { crate::runtime::QueryStyle::DeepObject },
    };
    let value = if param.by_reference {
        quote! { #name }
    } else {
        quote! { &#name }
    };
    quote! { call.query_value(#wire, #label, #style, #value)?; }
}

/// Emits the statement that adds a part to a multipart body.
pub(crate) fn form_part_step(param: &Param) -> TokenStream {
    let name = ident(&param.rust_name);
    let wire = &param.wire_name;
    if param.ty == TypeRef::File {
        quote! { call.multipart_file(#wire, #name)?; }
    } else {
        quote! { call.multipart_text(#wire, #name)?; }
    }
}

/// Emits the statement that sets the `Accept` header, for responses that are not JSON.
pub(crate) fn accept_step(success: &Success) -> TokenStream {
    match &success.accept {
        Some(media_types) => quote! { call.accept(#media_types); },
        None => TokenStream::new(),
    }
}

/// Returns whether the runtime can reject the parameter's value before sending.
pub(crate) fn can_reject(param: &Param) -> bool {
    match param.location {
        Location::Path => param.ty == TypeRef::String,
        Location::Header => true,
        Location::Query => param.ty != TypeRef::String,
        Location::Form => param.ty == TypeRef::File,
    }
}

/// Clippy's default `too_many_arguments` limit, which counts `self`.
const CLIPPY_MAX_ARGUMENTS: usize = 7;

/// Returns the lint allowances of a method with `arguments` arguments besides `self`.
///
/// A method takes one argument per parameter of its operation, so a long parameter list
/// is the API's shape rather than a design choice of the generated code.
pub(crate) fn lint_allowances(arguments: usize) -> TokenStream {
    if arguments + 1 > CLIPPY_MAX_ARGUMENTS {
        quote! { #[allow(clippy::too_many_arguments)] }
    } else {
        TokenStream::new()
    }
}
