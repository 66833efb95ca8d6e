//! Emits the models: one struct per object schema, one enum per string enumeration, one
//! internally tagged enum per union.
//!
//! Required properties become plain fields that decode a missing or `null` value as the
//! type's empty value (the server omits fields it lists as required), and are always
//! serialized. Optional properties become `Option` fields that are left out of requests
//! when `None`.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::emit::docs::{doc, paragraphs, sentence};
use crate::model::{Api, EnumDef, Field, StructDef, TypeDef, TypeRef, UnionDef};

/// Emits every type of `api`.
pub(crate) fn types(api: &Api) -> TokenStream {
    let items = api.types.iter().map(|def| match def {
        TypeDef::Struct(def) => struct_def(def),
        TypeDef::Enum(def) => enum_def(def),
        TypeDef::Union(def) => union_def(def),
    });
    quote! { #(#items)* }
}

/// Returns the tokens of a type reference, with every path written in full.
pub(crate) fn type_tokens(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote! { ::std::string::String },
        TypeRef::I32 => quote! { i32 },
        TypeRef::I64 => quote! { i64 },
        TypeRef::F32 => quote! { f32 },
        TypeRef::F64 => quote! { f64 },
        TypeRef::Bool => quote! { bool },
        TypeRef::DateTime => {
            quote! { crate::runtime::chrono::DateTime<crate::runtime::chrono::FixedOffset> }
        }
        TypeRef::Base64 => quote! { crate::runtime::Base64Bytes },
        TypeRef::Json => quote! { ::serde_json::Value },
        TypeRef::File => quote! { crate::runtime::FilePart },
        TypeRef::Boxed(inner) => {
            let inner = type_tokens(inner);
            quote! { ::std::boxed::Box<#inner> }
        }
        TypeRef::Vec(item) => {
            let item = type_tokens(item);
            quote! { ::std::vec::Vec<#item> }
        }
        TypeRef::Map(value) => {
            let value = type_tokens(value);
            quote! { ::std::collections::BTreeMap<::std::string::String, #value> }
        }
        TypeRef::Named(name) => {
            let name = ident(name);
            quote! { crate::types::#name }
        }
    }
}

pub(crate) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

fn alias(rust_name: &str, spec_name: &str) -> TokenStream {
    if rust_name == spec_name {
        TokenStream::new()
    } else {
        quote! { #[doc(alias = #spec_name)] }
    }
}

fn struct_def(def: &StructDef) -> TokenStream {
    let name = ident(&def.name);
    let summary = def
        .description
        .as_deref()
        .map(sentence)
        .unwrap_or_else(|| format!("The `{}` schema.", def.spec_name));
    let docs = doc(&summary);
    let alias = alias(&def.name, &def.spec_name);
    let fields = def.fields.iter().map(field);
    let additional = def
        .additional_properties
        .as_ref()
        .map(additional_properties_field);
    let derive_debug = if def.has_sensitive_fields() {
        TokenStream::new()
    } else {
        quote! { Debug, }
    };
    let debug_impl = if def.has_sensitive_fields() {
        redacting_debug(def)
    } else {
        TokenStream::new()
    };
    quote! {
        #docs
        #alias
        #[derive(#derive_debug Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(default)]
        pub struct #name {
            #(#fields)*
            #additional
        }
        #debug_impl
    }
}

fn field(field: &Field) -> TokenStream {
    let name = ident(&field.rust_name);
    let wire = &field.wire_name;
    let ty = type_tokens(&field.ty);
    let mut text = field
        .description
        .as_deref()
        .map(sentence)
        .unwrap_or_default();
    if field.rust_name != field.wire_name {
        text = paragraphs([text.as_str(), &format!("JSON name: `{wire}`.")]);
    }
    if text.is_empty() {
        text = format!("The `{wire}` property.");
    }
    let docs = doc(&text);
    let rename = if field.rust_name == field.wire_name {
        TokenStream::new()
    } else {
        quote! { rename = #wire, }
    };
    // The container's `#[serde(default)]` fills in missing fields; `null` needs the helper.
    if field.required {
        quote! {
            #docs
            #[serde(#rename deserialize_with = "crate::runtime::null_as_default")]
            pub #name: #ty,
        }
    } else {
        quote! {
            #docs
            #[serde(#rename skip_serializing_if = "::std::option::Option::is_none")]
            pub #name: ::std::option::Option<#ty>,
        }
    }
}

/// Emits a `Debug` implementation that prints sensitive fields as `<redacted>`.
fn redacting_debug(def: &StructDef) -> TokenStream {
    let name = ident(&def.name);
    let label = &def.name;
    let fields = def.fields.iter().map(|field| {
        let rust = ident(&field.rust_name);
        let label = &field.rust_name;
        match (field.sensitive, field.required) {
            (false, _) => quote! { .field(#label, &self.#rust) },
            (true, true) => quote! { .field(#label, &crate::runtime::Redacted) },
            (true, false) => {
                quote! { .field(#label, &self.#rust.as_ref().map(|_| crate::runtime::Redacted)) }
            }
        }
    });
    let additional = def.additional_properties.as_ref().map(|_| {
        quote! { .field("additional_properties", &self.additional_properties) }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#label)
                    #(#fields)*
                    #additional
                    .finish()
            }
        }
    }
}

fn enum_def(def: &EnumDef) -> TokenStream {
    let name = ident(&def.name);
    let summary = def
        .description
        .as_deref()
        .map(sentence)
        .unwrap_or_else(|| format!("Values of `{}`.", def.spec_name));
    let docs = doc(&summary);
    let alias = alias(&def.name, &def.spec_name);
    let variants = def.variants.iter().map(|variant| {
        let rust = ident(&variant.rust_name);
        let wire = &variant.wire_name;
        let docs = doc(&format!("The value `{wire}`."));
        quote! {
            #docs
            #[serde(rename = #wire)]
            #rust,
        }
    });
    let mut arms: Vec<TokenStream> = def
        .variants
        .iter()
        .map(|variant| {
            let rust = ident(&variant.rust_name);
            let wire = &variant.wire_name;
            quote! { Self::#rust => #wire, }
        })
        .collect();
    let (derive_default, catch_all, as_str_docs) = match &def.catch_all {
        None => (
            TokenStream::new(),
            TokenStream::new(),
            doc("Returns the value as it is sent on the wire."),
        ),
        Some(catch_all) => {
            let rust = ident(catch_all);
            arms.push(quote! { Self::#rust => "", });
            let variant = quote! {
                /// A value this client does not know, or a missing or `null` value in a
                /// response. It cannot be sent: serializing it fails.
                #[default]
                #[serde(other, skip_serializing)]
                #rust,
            };
            let as_str_docs = doc(&format!(
                "Returns the value as it is sent on the wire, or `\"\"` for `{catch_all}`."
            ));
            (quote! { Default, }, variant, as_str_docs)
        }
    };
    quote! {
        #docs
        #alias
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, #derive_default ::serde::Serialize, ::serde::Deserialize)]
        pub enum #name {
            #(#variants)*
            #catch_all
        }

        impl #name {
            #as_str_docs
            pub const fn as_str(self) -> &'static str {
                match self {
                    #(#arms)*
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// Emits the map field that keeps the properties described by `additionalProperties`.
fn additional_properties_field(value: &TypeRef) -> TokenStream {
    let value = type_tokens(value);
    quote! {
        /// Properties other than the fields above, as `additionalProperties` describes them.
        #[serde(flatten)]
        pub additional_properties: ::std::collections::BTreeMap<::std::string::String, #value>,
    }
}

/// Emits a union as an internally tagged enum: the discriminator property selects the
/// variant, and the other properties of the JSON object fill the variant's struct.
fn union_def(def: &UnionDef) -> TokenStream {
    let name = ident(&def.name);
    let tag = &def.tag;
    let summary = def
        .description
        .as_deref()
        .map(sentence)
        .unwrap_or_else(|| format!("The `{}` schema.", def.spec_name));
    let text = paragraphs([
        summary.as_str(),
        &format!("The JSON property `{tag}` selects the variant."),
    ]);
    let docs = doc(&text);
    let alias = alias(&def.name, &def.spec_name);
    let variants = def.variants.iter().map(|variant| {
        let rust = ident(&variant.rust_name);
        let value = &variant.tag_value;
        let ty = type_tokens(&variant.ty);
        let docs = doc(&format!("`{tag}` is `{value}`."));
        quote! {
            #docs
            #[serde(rename = #value)]
            #rust(#ty),
        }
    });
    quote! {
        #docs
        #alias
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(tag = #tag)]
        pub enum #name {
            #(#variants)*
        }
    }
}
