//! Emits the methods that forward to the async client: those of the session handle and,
//! for the `blocking` feature, those of the blocking client and blocking session.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::client::method_aliases;
use crate::emit::docs::{doc, sentence};
use crate::emit::request;
use crate::emit::signature::{Receiver, Signature, signature};
use crate::emit::types::ident;
use crate::model::{Api, Operation};

/// Emits `impl crate::Session` with a method per operation that takes a session id.
pub(crate) fn session(api: &Api) -> TokenStream {
    let methods = session_operations(api).map(|operation| {
        let Signature { names, typed, output } = signature(operation, Receiver::Session);
        let name = ident(&operation.rust_name);
        let names = with_session_id(operation, names, quote! { self.id() });
        let (receiver, docs) = if operation.ends_session {
            (quote! { self }, forward_docs(operation, Forward::Session, "signs out and consumes the session"))
        } else {
            (quote! { &self }, forward_docs(operation, Forward::Session, ""))
        };
        let aliases = attributes(operation, typed.len());
        quote! {
            #docs
            #aliases
            pub async fn #name(#receiver, #(#typed),*) -> ::std::result::Result<#output, crate::Error> {
                self.client().#name(#(#names),*).await
            }
        }
    });
    quote! {
        impl crate::Session {
            #(#methods)*
        }
    }
}

/// Emits `impl crate::blocking::Client` and `impl crate::blocking::Session`.
pub(crate) fn blocking(api: &Api) -> TokenStream {
    let client_methods = api.operations.iter().map(|operation| {
        let Signature {
            names,
            typed,
            output,
        } = signature(operation, Receiver::Shared);
        let name = ident(&operation.rust_name);
        let id = &operation.id;
        let docs = forward_docs(operation, Forward::BlockingClient, "");
        let aliases = attributes(operation, typed.len());
        quote! {
            #docs
            #aliases
            pub fn #name(&self, #(#typed),*) -> ::std::result::Result<#output, crate::Error> {
                self.runner.run(#id, self.inner.#name(#(#names),*))
            }
        }
    });
    let session_methods = session_operations(api).map(|operation| {
        let Signature {
            names,
            typed,
            output,
        } = signature(operation, Receiver::Session);
        let name = ident(&operation.rust_name);
        let id = &operation.id;
        let aliases = attributes(operation, typed.len());
        if operation.ends_session {
            let docs = forward_docs(
                operation,
                Forward::BlockingSession,
                "signs out and consumes the session",
            );
            quote! {
                #docs
                #aliases
                pub fn #name(self, #(#typed),*) -> ::std::result::Result<#output, crate::Error> {
                    let Self { inner, runner } = self;
                    runner.run(#id, inner.#name(#(#names),*))
                }
            }
        } else {
            let docs = forward_docs(operation, Forward::BlockingSession, "");
            quote! {
                #docs
                #aliases
                pub fn #name(&self, #(#typed),*) -> ::std::result::Result<#output, crate::Error> {
                    self.runner.run(#id, self.inner.#name(#(#names),*))
                }
            }
        }
    });
    quote! {
        impl crate::blocking::Client {
            #(#client_methods)*
        }

        impl crate::blocking::Session {
            #(#session_methods)*
        }
    }
}

/// Returns the search aliases and lint allowances of a method with `arguments` arguments.
fn attributes(operation: &Operation, arguments: usize) -> TokenStream {
    let aliases = method_aliases(operation);
    let allowances = request::lint_allowances(arguments);
    quote! { #aliases #allowances }
}

fn session_operations(api: &Api) -> impl Iterator<Item = &Operation> {
    api.operations.iter().filter(|o| o.session_param.is_some())
}

/// Inserts `session_id` where the client method expects the session id.
fn with_session_id(
    operation: &Operation,
    mut names: Vec<TokenStream>,
    session_id: TokenStream,
) -> Vec<TokenStream> {
    if let Some(index) = operation.session_param {
        // `names` lacks the session id and may hold the body before it.
        let body_before = operation.body.is_some() && operation.body_position <= index;
        let position = index + usize::from(body_before);
        names.insert(position.min(names.len()), session_id);
    }
    names
}

/// The kinds of forwarding methods.
#[derive(Clone, Copy)]
enum Forward {
    Session,
    BlockingClient,
    BlockingSession,
}

/// Documentation of a forwarding method: the operation's summary and a link to the
/// method it calls, which documents arguments and errors.
fn forward_docs(operation: &Operation, kind: Forward, note: &str) -> TokenStream {
    let summary = operation
        .summary
        .as_deref()
        .map(sentence)
        .unwrap_or_else(|| format!("Calls the `{}` operation.", operation.id));
    let name = &operation.rust_name;
    let target = match kind {
        Forward::Session => {
            format!("Calls [`Client::{name}`](crate::Client::{name}) with this session's id")
        }
        Forward::BlockingClient => format!(
            "Blocking form of [`Client::{name}`](crate::Client::{name}), which documents the arguments and errors"
        ),
        Forward::BlockingSession => format!(
            "Blocking form of [`Session::{name}`](crate::Session::{name}), which documents the arguments and errors"
        ),
    };
    let note = if note.is_empty() {
        String::new()
    } else {
        format!("; it {note}")
    };
    doc(&format!("{summary}\n\n{target}{note}."))
}
