//! Points generated code at the runtime module of another crate.
//!
//! Emitters always write runtime paths as `crate::runtime::...`, in code and in the
//! strings of serde attributes such as `deserialize_with = "crate::runtime::..."`.
//! [`rebase`] rewrites that prefix to the path from the settings.

use proc_macro2::{Group, Literal, TokenStream, TokenTree};
use syn::visit_mut::{self, VisitMut};

use crate::error::Error;

/// The prefix emitters write.
const DEFAULT: &str = "crate::runtime";

/// Parses the runtime path from the settings.
pub(crate) fn parse(path: &str) -> Result<syn::Path, Error> {
    let invalid = |message: String| Error::InvalidSetting {
        setting: "runtime_path",
        message,
    };
    let parsed: syn::Path = syn::parse_str(path)
        .map_err(|error| invalid(format!("`{path}` is not a Rust path: {error}")))?;
    let has_arguments = parsed
        .segments
        .iter()
        .any(|segment| !segment.arguments.is_none());
    if has_arguments || parsed.segments.is_empty() {
        return Err(invalid(format!(
            "`{path}` must be a plain module path such as `::simsage_auth::__private`"
        )));
    }
    Ok(parsed)
}

/// Replaces the `crate::runtime` prefix of every path and serde path string in `file`.
pub(crate) fn rebase(file: &mut syn::File, runtime: &syn::Path) {
    let text = quote::quote!(#runtime).to_string().replace(' ', "");
    if text == DEFAULT {
        return;
    }
    let mut visitor = Rebase {
        runtime,
        runtime_text: text,
    };
    visitor.visit_file_mut(file);
}

struct Rebase<'a> {
    runtime: &'a syn::Path,
    runtime_text: String,
}

impl VisitMut for Rebase<'_> {
    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        let is_runtime = path.leading_colon.is_none()
            && path.segments.len() > 2
            && path.segments[0].ident == "crate"
            && path.segments[1].ident == "runtime";
        if is_runtime {
            let rest: Vec<syn::PathSegment> = path.segments.iter().skip(2).cloned().collect();
            let mut rebased = self.runtime.clone();
            rebased.segments.extend(rest);
            *path = rebased;
        }
        visit_mut::visit_path_mut(self, path);
    }

    fn visit_meta_list_mut(&mut self, list: &mut syn::MetaList) {
        // Attribute arguments are raw tokens to syn, so their string literals are
        // rewritten token by token.
        list.tokens = self.rebase_tokens(std::mem::take(&mut list.tokens));
        visit_mut::visit_meta_list_mut(self, list);
    }
}

impl Rebase<'_> {
    fn rebase_tokens(&self, tokens: TokenStream) -> TokenStream {
        tokens
            .into_iter()
            .map(|token| match token {
                TokenTree::Group(group) => {
                    let mut rebased =
                        Group::new(group.delimiter(), self.rebase_tokens(group.stream()));
                    rebased.set_span(group.span());
                    TokenTree::Group(rebased)
                }
                TokenTree::Literal(literal) => TokenTree::Literal(self.rebase_literal(literal)),
                other => other,
            })
            .collect()
    }

    fn rebase_literal(&self, literal: Literal) -> Literal {
        let Ok(string) = syn::parse2::<syn::LitStr>(TokenTree::Literal(literal.clone()).into())
        else {
            return literal;
        };
        match string.value().strip_prefix("crate::runtime::") {
            Some(rest) => {
                let mut rebased = Literal::string(&format!("{}::{rest}", self.runtime_text));
                rebased.set_span(literal.span());
                rebased
            }
            None => literal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rebased(source: &str, runtime: &str) -> String {
        let mut file: syn::File = syn::parse_str(source).expect("test source parses");
        rebase(&mut file, &parse(runtime).expect("runtime path parses"));
        prettyplease::unparse(&file)
    }

    #[test]
    fn code_paths_are_rebased() {
        let output = rebased(
            "fn f() { let c = crate::runtime::Call::new(); }",
            "::simsage_auth::__private",
        );
        assert!(
            output.contains("::simsage_auth::__private::Call::new()"),
            "{output}"
        );
    }

    #[test]
    fn serde_path_strings_are_rebased() {
        let output = rebased(
            "struct S { #[serde(deserialize_with = \"crate::runtime::null_as_default\")] a: u8 }",
            "::simsage_auth::__private",
        );
        assert!(
            output.contains("\"::simsage_auth::__private::null_as_default\""),
            "{output}"
        );
    }

    #[test]
    fn other_paths_are_kept() {
        let output = rebased("fn f() -> crate::types::A { todo!() }", "::x::rt");
        assert!(output.contains("crate::types::A"), "{output}");
    }

    #[test]
    fn invalid_paths_are_rejected() {
        for path in ["", "a b", "a::<T>", "1x"] {
            assert!(parse(path).is_err(), "{path:?} accepted");
        }
    }
}
