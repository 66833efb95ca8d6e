//! A deterministic YAML emitter for [`Node`] trees, in the layout of `openapi.yaml`.
//!
//! Layout rules, chosen so that a diff shows only what changed:
//! - Block style with two spaces per level. A sequence under a key is indented by two spaces.
//! - A string is plain when YAML reads it back as the same string. Other strings are
//!   double-quoted: those YAML would read as another type (`"200"`, `"null"`, `"1"`, `"yes"`),
//!   those with leading or trailing spaces or control characters, and those that start with
//!   an indicator or contain `: ` or ` #`. The exception is a string that starts with `#`
//!   and needs no escapes, such as a `$ref` value: it is single-quoted.
//! - A single-line string whose line would exceed [`MAX_WIDTH`] columns becomes a folded
//!   block scalar (`>-`), wrapped greedily at single spaces so that no line exceeds
//!   [`MAX_WIDTH`], unless a word alone is longer.
//! - A string with line breaks becomes a literal block scalar (`|` or `|-`).
//!
//! [`render`] parses its own output back and fails if the result differs from the input.

mod scalar;

use std::fmt::Write as _;

use crate::node::{Map, Node};
use scalar::{double_quoted, folded_block, literal_block, render_inline};

/// Maximum line length, in characters, before a string is folded.
pub const MAX_WIDTH: usize = 98;

/// Renders `node` as YAML text and checks that the text parses back to the same tree.
pub fn render(node: &Node) -> Result<String, String> {
    let text = to_yaml(node);
    let parsed: Node = serde_yaml::from_str(&text)
        .map_err(|error| format!("the emitted YAML does not parse: {error}"))?;
    if !identical(&parsed, node) {
        return Err("the emitted YAML parses to a different document".to_owned());
    }
    Ok(text)
}

/// Renders `node` as YAML text without checking it.
pub fn to_yaml(node: &Node) -> String {
    let mut out = String::new();
    match node {
        Node::Object(map) if !map.is_empty() => write_map(&mut out, map, 0, false),
        Node::Array(items) if !items.is_empty() => write_sequence(&mut out, items, 0),
        scalar => {
            write_scalar(&mut out, scalar, 0, 0);
            // `write_scalar` starts with the separating space that follows a key.
            out.remove(0);
        }
    }
    out
}

/// Compares two trees including the order of object members.
fn identical(left: &Node, right: &Node) -> bool {
    match (left, right) {
        (Node::Object(left), Node::Object(right)) => {
            left.len() == right.len()
                && left.iter().zip(right).all(
                    |((left_key, left_value), (right_key, right_value))| {
                        left_key == right_key && identical(left_value, right_value)
                    },
                )
        }
        (Node::Array(left), Node::Array(right)) => {
            left.len() == right.len() && left.iter().zip(right).all(|(l, r)| identical(l, r))
        }
        _ => left == right,
    }
}

fn indent_to(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// Writes the members of `map` at `indent`. With `continues_line`, the first member goes on
/// the current line, right after a sequence dash.
fn write_map(out: &mut String, map: &Map, indent: usize, continues_line: bool) {
    for (index, (key, value)) in map.iter().enumerate() {
        if index > 0 || !continues_line {
            indent_to(out, indent);
        }
        let key_text = render_key(key);
        out.push_str(&key_text);
        out.push(':');
        match value {
            Node::Object(members) if !members.is_empty() => {
                out.push('\n');
                write_map(out, members, indent + 2, false);
            }
            Node::Array(items) if !items.is_empty() => {
                out.push('\n');
                write_sequence(out, items, indent + 2);
            }
            scalar => {
                let used = indent + key_text.chars().count() + 1;
                write_scalar(out, scalar, used, indent + 2);
            }
        }
    }
}

fn write_sequence(out: &mut String, items: &[Node], indent: usize) {
    for item in items {
        indent_to(out, indent);
        out.push('-');
        match item {
            Node::Object(members) if !members.is_empty() => {
                out.push(' ');
                write_map(out, members, indent + 2, true);
            }
            Node::Array(nested) if !nested.is_empty() => {
                out.push('\n');
                write_sequence(out, nested, indent + 2);
            }
            scalar => write_scalar(out, scalar, indent + 1, indent + 2),
        }
    }
}

/// Writes a space, the scalar and a line break. `used` is the number of columns already
/// used on the line; `block_indent` is the indentation of block scalar content.
fn write_scalar(out: &mut String, node: &Node, used: usize, block_indent: usize) {
    let text = match node {
        Node::Null => "null".to_owned(),
        Node::Bool(value) => value.to_string(),
        Node::Number(number) => number.to_string(),
        Node::String(text) => return write_string(out, text, used, block_indent),
        Node::Object(_) => "{}".to_owned(),
        Node::Array(_) => "[]".to_owned(),
    };
    let _ = writeln!(out, " {text}");
}

fn write_string(out: &mut String, text: &str, used: usize, block_indent: usize) {
    if text.contains('\n') {
        match literal_block(text, block_indent) {
            Some(block) => out.push_str(&block),
            None => {
                let _ = writeln!(out, " {}", double_quoted(text));
            }
        }
        return;
    }
    let inline = render_inline(text);
    let fits = used + 1 + inline.chars().count() <= MAX_WIDTH;
    if !fits && let Some(block) = folded_block(text, block_indent) {
        out.push_str(&block);
        return;
    }
    let _ = writeln!(out, " {inline}");
}

fn render_key(key: &str) -> String {
    if key.contains('\n') || key == "<<" {
        double_quoted(key)
    } else {
        render_inline(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(json: &str) -> String {
        let node: Node = serde_json::from_str(json).unwrap();
        render(&node).unwrap()
    }

    #[test]
    fn special_strings_stay_quoted() {
        let text = yaml(
            r##"{"a": "null", "b": " ", "c": "1", "d": "#/components/schemas/A",
                "e": "yes", "f": "", "g": "1e3", "h": "0x1F", "i": "12:30", "j": "a: b",
                "k": "2024-01-31", "l": "3.0.1", "m": "x #y", "n": "it's"}"##,
        );
        let expected = "a: \"null\"\nb: \" \"\nc: \"1\"\nd: '#/components/schemas/A'\n\
                        e: \"yes\"\nf: \"\"\ng: \"1e3\"\nh: \"0x1F\"\ni: \"12:30\"\nj: \"a: b\"\n\
                        k: \"2024-01-31\"\nl: 3.0.1\nm: \"x #y\"\n\"n\": it's\n";
        assert_eq!(text, expected);
    }

    #[test]
    fn numeric_keys_are_double_quoted() {
        assert_eq!(
            yaml(r#"{"200": {"description": "ok"}}"#),
            "\"200\":\n  description: ok\n"
        );
    }

    #[test]
    fn sequences_are_indented_under_keys() {
        let text = yaml(r#"{"tags": ["auth"], "parameters": [{"name": "a", "in": "path"}]}"#);
        assert_eq!(
            text,
            "tags:\n  - auth\nparameters:\n  - name: a\n    in: path\n"
        );
    }

    #[test]
    fn empty_collections_are_flow_style() {
        assert_eq!(
            yaml(r#"{"a": {}, "b": [], "c": [{}, []]}"#),
            "a: {}\nb: []\nc:\n  - {}\n  - []\n"
        );
    }

    #[test]
    fn long_strings_are_folded_within_width() {
        let words = "word ".repeat(40);
        let long = words.trim_end();
        let json = format!(r#"{{"info": {{"description": "{long}"}}}}"#);
        let text = yaml(&json);
        assert!(
            text.starts_with("info:\n  description: >-\n    word word"),
            "{text}"
        );
        for line in text.lines() {
            assert!(line.chars().count() <= MAX_WIDTH, "{line:?} is too long");
        }
        let lines: Vec<&str> = text.lines().collect();
        // Greedy filling: another word would not fit on any line but the last.
        for line in &lines[2..lines.len() - 1] {
            assert!(line.chars().count() + " word".len() > MAX_WIDTH, "{line:?}");
        }
    }

    #[test]
    fn line_of_exactly_max_width_stays_plain() {
        let value = "x".repeat(MAX_WIDTH - "key: ".len() - 2) + " y";
        let text = yaml(&format!(r#"{{"key": "{value}"}}"#));
        assert_eq!(text, format!("key: {value}\n"));
        assert_eq!(text.trim_end().chars().count(), MAX_WIDTH);
    }

    #[test]
    fn double_spaces_are_never_a_fold_point() {
        let value = format!("{}  {}", "a".repeat(60), "b".repeat(60));
        let text = yaml(&format!(r#"{{"key": "{value}"}}"#));
        assert_eq!(text, format!("key: >-\n  {value}\n"));
    }

    #[test]
    fn multi_line_strings_are_literal_blocks() {
        let text = yaml(r#"{"a": "one\ntwo", "b": "one\n\ntwo\n"}"#);
        assert_eq!(text, "a: |-\n  one\n  two\nb: |\n  one\n\n  two\n");
    }

    #[test]
    fn awkward_multi_line_strings_are_double_quoted() {
        let text = yaml(r#"{"a": "  indented\nnext", "b": "end\n\n", "c": "tab\there\nx"}"#);
        assert_eq!(
            text,
            "a: \"  indented\\nnext\"\nb: \"end\\n\\n\"\nc: \"tab\\there\\nx\"\n"
        );
    }

    #[test]
    fn scalars_of_other_types_are_plain() {
        assert_eq!(
            yaml(r#"{"a": true, "b": 1.5, "c": -3, "d": null}"#),
            "a: true\nb: 1.5\nc: -3\nd: null\n"
        );
    }
}
