//! Argument lists and return types shared by the client, session and blocking methods.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::request;
use crate::emit::types::{ident, type_tokens};
use crate::model::{Operation, Param, ResponseBody, TypeRef};

/// Which arguments a method takes besides its receiver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Receiver {
    /// A client method: every parameter is an argument.
    Shared,
    /// A session method: the session-id parameter comes from the session.
    Session,
}

/// The pieces of a method signature.
pub(crate) struct Signature {
    /// Argument names in order, for forwarding a call.
    pub(crate) names: Vec<TokenStream>,
    /// Arguments with their types, for the declaration.
    pub(crate) typed: Vec<TokenStream>,
    /// The success type.
    pub(crate) output: TokenStream,
}

/// Returns the signature of `operation`'s method for `receiver`.
pub(crate) fn signature(operation: &Operation, receiver: Receiver) -> Signature {
    let mut names = Vec::new();
    let mut typed = Vec::new();
    for (index, param) in operation.params.iter().enumerate() {
        if index == operation.body_position {
            push_body(operation, &mut names, &mut typed);
        }
        if receiver == Receiver::Session && operation.session_param == Some(index) {
            continue;
        }
        let name = ident(&param.rust_name);
        typed.push(argument(param));
        names.push(quote! { #name });
    }
    if operation.body_position >= operation.params.len() {
        push_body(operation, &mut names, &mut typed);
    }
    Signature {
        names,
        typed,
        output: output_type(&operation.success.body),
    }
}

fn push_body(operation: &Operation, names: &mut Vec<TokenStream>, typed: &mut Vec<TokenStream>) {
    if let Some(body) = &operation.body {
        typed.push(request::body_argument(body));
        names.push(quote! { body });
    }
}

fn argument(param: &Param) -> TokenStream {
    let name = ident(&param.rust_name);
    let ty = match &param.ty {
        TypeRef::String => quote! { &str },
        other if param.by_reference => {
            let ty = type_tokens(other);
            quote! { &#ty }
        }
        other => type_tokens(other),
    };
    if param.required {
        quote! { #name: #ty }
    } else {
        quote! { #name: ::std::option::Option<#ty> }
    }
}

fn output_type(body: &ResponseBody) -> TokenStream {
    match body {
        ResponseBody::Empty => quote! { () },
        ResponseBody::Json(ty) => type_tokens(ty),
        ResponseBody::Text { sensitive: false } => quote! { ::std::string::String },
        ResponseBody::Text { sensitive: true } => quote! { crate::SecretString },
        ResponseBody::RawText => quote! { ::std::string::String },
        ResponseBody::Bytes => quote! { crate::runtime::Bytes },
    }
}
