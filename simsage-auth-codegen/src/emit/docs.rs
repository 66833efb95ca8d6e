//! Doc-comment attributes.

use proc_macro2::TokenStream;
use quote::quote;

/// Returns one `#[doc = "..."]` attribute per line of `text`, which prettyplease prints as `///`.
///
/// A code fence without a language is marked `text`, so that code quoted in a spec
/// description does not become a doctest.
pub(crate) fn doc(text: &str) -> TokenStream {
    let mut in_fence = false;
    let lines = text.trim_end().lines().map(|line| {
        let line = if line.trim_start().starts_with("```") {
            let bare = line.trim() == "```";
            let opens = !in_fence;
            in_fence = !in_fence;
            if bare && opens {
                line.replacen("```", "```text", 1)
            } else {
                line.to_string()
            }
        } else {
            line.to_string()
        };
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {}", line.trim_end())
        };
        quote! { #[doc = #line] }
    });
    quote! { #(#lines)* }
}

/// Joins paragraphs with blank lines, skipping empty ones.
pub(crate) fn paragraphs<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Ends `text` with a period unless it already ends with punctuation.
pub(crate) fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '!', '?', ':']) || text.ends_with("```") || text.is_empty() {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_emits_one_attribute_per_line() {
        let tokens = doc("First line.\n\nSecond line.").to_string();
        assert_eq!(tokens.matches("doc").count(), 3, "{tokens}");
    }

    #[test]
    fn bare_code_fence_becomes_text() {
        let tokens = doc("Example:\n```\nlet x = 1;\n```").to_string();
        assert!(tokens.contains("```text"), "{tokens}");
        assert_eq!(tokens.matches("```text").count(), 1, "{tokens}");
    }

    #[test]
    fn sentence_adds_missing_period() {
        assert_eq!(sentence("Deletes a group"), "Deletes a group.");
        assert_eq!(sentence("Deletes a group."), "Deletes a group.");
    }

    #[test]
    fn paragraphs_skip_empty_parts() {
        assert_eq!(paragraphs(["a", " ", "b"]), "a\n\nb");
    }
}
