//! Emits one `impl crate::Client` block with an async method per operation.
//!
//! Each method describes its request through `crate::runtime::Call`: path pieces, headers,
//! query pairs and body, each checked before anything is sent, then one `send_*` call that
//! also decodes the response.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::{doc, paragraphs, sentence};
use crate::emit::request;
use crate::emit::signature::{Receiver, Signature, signature};
use crate::emit::types::ident;
use crate::model::{Api, Location, Operation, Param, PathPart, ResponseBody, TypeRef};

/// Emits the client methods of `api`.
pub(crate) fn client(api: &Api) -> TokenStream {
    let methods = api.operations.iter().map(method);
    quote! {
        impl crate::Client {
            #(#methods)*
        }
    }
}

fn method(operation: &Operation) -> TokenStream {
    let docs = doc(&method_docs(operation));
    let id = &operation.id;
    let name = ident(&operation.rust_name);
    let Signature {
        typed: arguments,
        output,
        ..
    } = signature(operation, Receiver::Shared);
    let http_method = ident(operation.method.as_str());
    let path = &operation.path;
    let path_steps = operation
        .path_parts
        .iter()
        .map(|part| path_step(operation, part));
    let other_steps = operation
        .params
        .iter()
        .filter(|p| p.location != Location::Path)
        .map(param_step);
    let body_step = body_step(operation);
    let accept_step = request::accept_step(&operation.success);
    let send = send_call(&operation.success.body);
    let aliases = method_aliases(operation);
    let allowances = request::lint_allowances(arguments.len());
    let idempotent = operation.idempotent;
    let secret_response = operation.secret_response;
    quote! {
        #docs
        #aliases
        #allowances
        pub async fn #name(&self, #(#arguments),*) -> ::std::result::Result<#output, crate::Error> {
            static OPERATION: crate::runtime::Operation = crate::runtime::Operation {
                id: #id,
                method: ::reqwest::Method::#http_method,
                path: #path,
                idempotent: #idempotent,
                secret_response: #secret_response,
            };
            let mut call = crate::runtime::Call::new(self, &OPERATION);
            #(#path_steps)*
            #(#other_steps)*
            #body_step
            #accept_step
            #send
        }
    }
}

pub(crate) fn method_aliases(operation: &Operation) -> TokenStream {
    let id = &operation.id;
    if operation.rust_name == operation.id {
        TokenStream::new()
    } else {
        quote! { #[doc(alias = #id)] }
    }
}

fn path_step(operation: &Operation, part: &PathPart) -> TokenStream {
    match part {
        PathPart::Literal(text) => quote! { call.path_literal(#text); },
        PathPart::Param(index) => {
            let param = &operation.params[*index];
            let name = ident(&param.rust_name);
            let label = &param.rust_name;
            match &param.ty {
                TypeRef::String => {
                    let rules = segment_rules(param);
                    quote! { call.path_segment(#label, #name, #rules)?; }
                }
                TypeRef::Named(_) => {
                    quote! { call.path_segment(#label, #name.as_str(), crate::runtime::SegmentRules::STRICT)?; }
                }
                _ => quote! { call.path_display(#name); },
            }
        }
    }
}

pub(crate) fn segment_rules(param: &Param) -> TokenStream {
    if param.empty_value.is_none() && param.slash_replacement.is_none() {
        return quote! { crate::runtime::SegmentRules::STRICT };
    }
    let empty = option_str(param.empty_value.as_deref());
    let slash = option_str(param.slash_replacement.as_deref());
    quote! { crate::runtime::SegmentRules { empty: #empty, slash: #slash } }
}

fn option_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(value) => quote! { ::std::option::Option::Some(#value) },
        None => quote! { ::std::option::Option::None },
    }
}

/// Emits the statement that adds a header or query parameter to the call.
fn param_step(param: &Param) -> TokenStream {
    let name = ident(&param.rust_name);
    let label = &param.rust_name;
    // `HeaderName::from_static` takes lowercase names; HTTP header names are case-insensitive.
    let wire = match param.location {
        Location::Header => param.wire_name.to_ascii_lowercase(),
        _ => param.wire_name.clone(),
    };
    let value = match &param.ty {
        TypeRef::String => quote! { #name },
        TypeRef::Named(_) => quote! { #name.as_str() },
        _ => quote! { &#name.to_string() },
    };
    let add = match (param.location, param.sensitive) {
        (Location::Header, true) => quote! { call.secret_header(#wire, #label, #value)?; },
        (Location::Header, false) => quote! { call.header(#wire, #label, #value)?; },
        (Location::Query, _) if param.ty != TypeRef::String => request::query_value_step(param),
        (Location::Form, _) => request::form_part_step(param),
        (_, _) => quote! { call.query(#wire, #value); },
    };
    if param.required {
        add
    } else {
        quote! {
            if let ::std::option::Option::Some(#name) = #name {
                #add
            }
        }
    }
}

fn body_step(operation: &Operation) -> TokenStream {
    let Some(body) = &operation.body else {
        return TokenStream::new();
    };
    if !body.required {
        return request::optional_body_step(body);
    }
    let secrets = body.secret_fields.iter().map(|field| {
        let field = ident(field);
        quote! { call.scrub(&body.#field); }
    });
    quote! {
        #(#secrets)*
        call.json_body(body)?;
    }
}

fn send_call(body: &ResponseBody) -> TokenStream {
    match body {
        ResponseBody::Empty => quote! { call.send_empty().await },
        ResponseBody::Json(_) => quote! { call.send_json().await },
        ResponseBody::Text { sensitive: false } => quote! { call.send_text().await },
        ResponseBody::Text { sensitive: true } => quote! { call.send_secret_text().await },
        ResponseBody::RawText => quote! { call.send_raw_text().await },
        ResponseBody::Bytes => quote! { call.send_bytes().await },
    }
}

pub(crate) fn method_docs(operation: &Operation) -> String {
    let summary = operation
        .summary
        .as_deref()
        .map(sentence)
        .unwrap_or_else(|| format!("Calls the `{}` operation.", operation.id));
    let description = operation
        .description
        .as_deref()
        .map(sentence)
        .unwrap_or_default();
    let request = format!(
        "Sends `{} {}` (operation `{}`).",
        operation.method.as_str(),
        operation.path,
        operation.id
    );
    let arguments = arguments_docs(operation);
    let success = success_docs(operation);
    let errors = errors_docs(operation);
    paragraphs([
        summary.as_str(),
        description.as_str(),
        request.as_str(),
        arguments.as_str(),
        success.as_str(),
        errors.as_str(),
    ])
}

fn arguments_docs(operation: &Operation) -> String {
    let mut lines: Vec<String> = operation.params.iter().map(param_doc).collect();
    if let Some(body) = &operation.body {
        let description = body
            .description
            .as_deref()
            .map(sentence)
            .unwrap_or_default();
        let optional = if body.required { "" } else { " when `Some`" };
        let line = format!("- `body`: {description} Sent as the JSON request body{optional}.");
        lines.insert(operation.body_position, line.replace(":  ", ": "));
    }
    if lines.is_empty() {
        return String::new();
    }
    format!("# Arguments\n\n{}", lines.join("\n"))
}

fn param_doc(param: &Param) -> String {
    let description = param
        .description
        .as_deref()
        .map(sentence)
        .unwrap_or_default();
    let wire = &param.wire_name;
    let mut placement = match param.location {
        Location::Path => format!("Sent as the path segment `{{{wire}}}`"),
        Location::Query => format!("Sent as the query parameter `{wire}`"),
        Location::Header => format!("Sent in the `{wire}` header"),
        Location::Form => format!("Sent as the part `{wire}` of the multipart/form-data body"),
    };
    if !param.required {
        placement.push_str(" when `Some`");
    }
    placement.push('.');
    if param.location == Location::Path && param.ty == TypeRef::String {
        placement.push_str(&path_rules_doc(param));
    }
    let line = format!("- `{}`: {description} {placement}", param.rust_name);
    line.replace(":  ", ": ")
}

fn path_rules_doc(param: &Param) -> String {
    let empty = match &param.empty_value {
        Some(segment) => format!(" An empty value is sent as `{segment}`."),
        None => " It must not be empty.".to_string(),
    };
    let slash = match &param.slash_replacement {
        Some(replacement) if replacement == " " => " Each `/` is sent as a space.".to_string(),
        Some(replacement) => format!(" Each `/` is sent as `{replacement}`."),
        None => " It must not contain `/`.".to_string(),
    };
    format!("{empty}{slash}")
}

fn success_docs(operation: &Operation) -> String {
    let status = &operation.success.status;
    let description = operation
        .success
        .description
        .as_deref()
        .map(sentence)
        .unwrap_or_default();
    let extra = match &operation.success.body {
        ResponseBody::Text { .. } => {
            " The body may be a JSON string or bare text; both are accepted."
        }
        ResponseBody::RawText => " The body is returned as text, as it is.",
        ResponseBody::Bytes => " The body is returned as bytes, as it is.",
        _ => "",
    };
    format!("# Returns\n\nOn `{status}`: {description}{extra}").replace(":  ", ": ")
}

fn errors_docs(operation: &Operation) -> String {
    let statuses = operation
        .error_statuses
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let api = if statuses.is_empty() {
        "- [`Error::Api`](crate::Error::Api) when SimSage returns an error status and a `JsonMessage` body.".to_string()
    } else {
        format!(
            "- [`Error::Api`](crate::Error::Api) when SimSage returns an error status \
             (documented: {statuses}) and a `JsonMessage` body; its `error` text is in the message."
        )
    };
    let mut lines = vec![api];
    let checked: Vec<String> = operation
        .params
        .iter()
        .filter(|p| request::can_reject(p))
        .map(|p| format!("`{}`", p.rust_name))
        .collect();
    if !checked.is_empty() {
        lines.push(format!(
            "- [`Error::InvalidParameter`](crate::Error::InvalidParameter) when {} cannot be sent \
             as given; no request is sent then.",
            join_or(&checked)
        ));
    }
    lines.push(
        "- [`Error::Transport`](crate::Error::Transport), \
         [`Error::UnexpectedBody`](crate::Error::UnexpectedBody) or \
         [`Error::Decode`](crate::Error::Decode) when the exchange fails or the response \
         cannot be read; see [`Error`](crate::Error)."
            .to_string(),
    );
    format!("# Errors\n\n{}", lines.join("\n"))
}

/// Joins names as "`a`", "`a` or `b`", "`a`, `b` or `c`".
fn join_or(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}
