//! Choice of style for string scalars: plain, quoted, folded or literal.

use std::fmt::Write as _;

use super::MAX_WIDTH;

/// Renders a single-line string as a plain, single-quoted or double-quoted scalar.
/// Folded and literal blocks are chosen by the caller.
pub(super) fn render_inline(text: &str) -> String {
    if needs_double_quotes(text) {
        double_quoted(text)
    } else if is_plain_safe(text) {
        text.to_owned()
    } else if text.starts_with('#') {
        format!("'{}'", text.replace('\'', "''"))
    } else {
        double_quoted(text)
    }
}

fn needs_double_quotes(text: &str) -> bool {
    text.is_empty()
        || text.starts_with([' ', '\t'])
        || text.ends_with([' ', '\t'])
        || text.chars().any(needs_escape)
        || resolves_to_non_string(text)
}

fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}')
}

/// Returns whether a plain scalar with this text reads back as this string.
fn is_plain_safe(text: &str) -> bool {
    const INDICATORS: &[char] = &[
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@',
        '`',
    ];
    !text.starts_with(INDICATORS)
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
}

/// Returns whether YAML 1.1 or 1.2 resolves a plain scalar with this text to null, a
/// boolean, a number or a timestamp. Quoting these keeps them strings for every parser.
fn resolves_to_non_string(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "yes",
        "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N",
    ];
    WORDS.contains(&text) || is_number(text) || looks_like_timestamp(text)
}

fn is_number(text: &str) -> bool {
    let body = text.strip_prefix(['+', '-']).unwrap_or(text);
    let lower = body.to_ascii_lowercase();
    if lower == ".inf" || lower == ".nan" {
        return true;
    }
    let radix_digits = [("0x", 16), ("0o", 8), ("0b", 2)]
        .into_iter()
        .find_map(|(prefix, radix)| Some((lower.strip_prefix(prefix)?, radix)));
    if let Some((digits, radix)) = radix_digits {
        return !digits.is_empty() && digits.chars().all(|c| c == '_' || c.is_digit(radix));
    }
    if body.contains(':') {
        return is_sexagesimal(body);
    }
    is_decimal(body)
}

/// Matches `1_000`, `1.5`, `.5`, `1.`, `6.02e23`, `1E-3`.
fn is_decimal(body: &str) -> bool {
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(position) => (&body[..position], Some(&body[position + 1..])),
        None => (body, None),
    };
    let exponent_ok = exponent.is_none_or(|exponent| {
        let digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
    });
    let dots = mantissa.matches('.').count();
    let mantissa_ok = dots <= 1
        && mantissa.chars().any(|c| c.is_ascii_digit())
        && mantissa
            .chars()
            .all(|c| c.is_ascii_digit() || c == '_' || c == '.')
        && !mantissa.starts_with('_');
    exponent_ok && mantissa_ok
}

/// Matches YAML 1.1 base-60 numbers such as `12:30` or `1:20:30.5`.
fn is_sexagesimal(body: &str) -> bool {
    body.split(':').all(|part| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_digit() || c == '_' || c == '.')
    })
}

/// Matches strings that start like a YAML 1.1 timestamp (`2024-01-31`).
fn looks_like_timestamp(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 8
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4] == b'-'
        && bytes[5].is_ascii_digit()
}

pub(super) fn double_quoted(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            '\r' => quoted.push_str("\\r"),
            c if needs_escape(c) => {
                let _ = write!(quoted, "\\u{:04X}", u32::from(c));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// Renders a long single-line string as ` >-` plus wrapped lines, or `None` when folding
/// would change it (leading or trailing spaces, control characters). A string that fits on
/// one line below its key still becomes a one-line block, which keeps the key's line short.
pub(super) fn folded_block(text: &str, indent: usize) -> Option<String> {
    if needs_double_quotes(text) {
        return None;
    }
    let lines = wrap(text, MAX_WIDTH.saturating_sub(indent));
    let mut block = String::from(" >-\n");
    for line in lines {
        block.extend(std::iter::repeat_n(' ', indent));
        block.push_str(line);
        block.push('\n');
    }
    Some(block)
}

/// Splits `text` greedily into lines of at most `width` characters. Lines break only at a
/// single space between two non-space characters, so folding the lines back with one space
/// each restores `text`.
fn wrap(text: &str, width: usize) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut last_break = None;
    let mut previous = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut line_chars = 0;
    for (index, &(offset, c)) in chars.iter().enumerate() {
        let next = chars.get(index + 1).map(|&(_, next)| next);
        let breakable =
            c == ' ' && previous.is_some_and(|p: char| p != ' ') && next.is_some_and(|n| n != ' ');
        if breakable {
            if line_chars > width
                && let Some(break_at) = last_break
            {
                lines.push(&text[start..break_at]);
                start = break_at + 1;
                line_chars = text[start..offset].chars().count();
            }
            last_break = Some(offset);
        }
        line_chars += 1;
        previous = Some(c);
    }
    if line_chars > width
        && let Some(break_at) = last_break.filter(|&at| at >= start)
    {
        lines.push(&text[start..break_at]);
        start = break_at + 1;
    }
    lines.push(&text[start..]);
    lines
}

/// Renders a string with line breaks as a literal block, or `None` when the literal style
/// cannot carry it (control characters, a first line that starts with a space, or more than
/// one trailing line break).
pub(super) fn literal_block(text: &str, indent: usize) -> Option<String> {
    let has_control = text.chars().any(|c| c != '\n' && needs_escape(c));
    let first_content = text.lines().find(|line| !line.is_empty());
    let indented_start = first_content.is_some_and(|line| line.starts_with([' ', '\t']));
    if has_control || indented_start || text.ends_with("\n\n") || first_content.is_none() {
        return None;
    }
    let (body, header) = match text.strip_suffix('\n') {
        Some(body) => (body, " |\n"),
        None => (text, " |-\n"),
    };
    let mut block = String::from(header);
    for line in body.split('\n') {
        if !line.is_empty() {
            block.extend(std::iter::repeat_n(' ', indent));
            block.push_str(line);
        }
        block.push('\n');
    }
    Some(block)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_is_greedy_and_reversible() {
        let text = "aa bb cc dd ee";
        let lines = wrap(text, 5);
        assert_eq!(lines, ["aa bb", "cc dd", "ee"]);
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn wrap_keeps_overlong_words_whole() {
        assert_eq!(wrap("abcdefgh ij", 3), ["abcdefgh", "ij"]);
    }

    #[test]
    fn non_string_scalars_are_detected() {
        for text in [
            "1_000",
            ".5",
            "-1.5e3",
            "0o17",
            "0b101",
            ".Inf",
            "+.nan",
            "190:20:30",
            "Off",
            "~",
        ] {
            assert!(resolves_to_non_string(text), "{text}");
        }
        for text in [
            "7.14.12",
            "3.0.1",
            "1.2.3-beta",
            "e3",
            "version",
            "0x",
            "12:ab",
        ] {
            assert!(!resolves_to_non_string(text), "{text}");
        }
    }
}
