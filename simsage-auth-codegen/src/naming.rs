//! Turns names from the OpenAPI document into Rust identifiers.
//!
//! Words are split at separators, at lower-to-upper case changes and at the end of an
//! upper-case run, so `autoCreateSSOACLList` reads as `auto`, `create`, `SSOACL`, `List`.
//! An upper-case run that is a concatenation of well-known acronyms is split further
//! (`SSOACL` becomes `SSO` and `ACL`), which gives `auto_create_sso_acl_list` rather
//! than `auto_create_ssoacl_list`.

/// Acronyms that may appear glued together in an upper-case run.
const ACRONYMS: &[&str] = &[
    "ACL", "API", "CM", "CSV", "DMS", "HTML", "HTTP", "ID", "IP", "JSON", "JWT", "KB", "MSAL",
    "OTT", "SSO", "URL", "UUID", "XML",
];

/// Words that cannot be Rust identifiers as they are: strict, reserved and 2024-edition keywords.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Splits `name` into words, dropping every character that is not ASCII alphanumeric.
pub fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    for chunk in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        split_chunk(chunk, &mut words);
    }
    words
}

/// Splits one run of alphanumeric characters at case changes.
fn split_chunk(chunk: &str, words: &mut Vec<String>) {
    let chars: Vec<char> = chunk.chars().collect();
    let mut start = 0;
    for i in 1..chars.len() {
        let prev = chars[i - 1];
        let current = chars[i];
        let next_is_lower = chars.get(i + 1).is_some_and(|c| c.is_ascii_lowercase());
        let lower_to_upper =
            (prev.is_ascii_lowercase() || prev.is_ascii_digit()) && current.is_ascii_uppercase();
        let run_ends = prev.is_ascii_uppercase() && current.is_ascii_uppercase() && next_is_lower;
        if lower_to_upper || run_ends {
            push_word(&chars[start..i], words);
            start = i;
        }
    }
    if start < chars.len() {
        push_word(&chars[start..], words);
    }
}

fn push_word(chars: &[char], words: &mut Vec<String>) {
    let word: String = chars.iter().collect();
    let is_upper_run = word.len() > 3 && word.chars().all(|c| c.is_ascii_uppercase());
    match split_acronyms(&word).filter(|_| is_upper_run) {
        Some(parts) => words.extend(parts),
        None => words.push(word),
    }
}

/// Splits an upper-case run into known acronyms, or returns `None` if it is not made of them.
///
/// Greedy and iterative: at each position the longest matching acronym is taken, which
/// splits every run SimSage uses (`SSOACL`, `JWT`, `KB`) and cannot exhaust the stack on a
/// long name.
fn split_acronyms(run: &str) -> Option<Vec<String>> {
    let mut parts = Vec::new();
    let mut rest = run;
    while !rest.is_empty() {
        let acronym = ACRONYMS
            .iter()
            .filter(|a| rest.starts_with(**a))
            .max_by_key(|a| a.len())?;
        parts.push((*acronym).to_string());
        rest = &rest[acronym.len()..];
    }
    Some(parts)
}

/// Returns the snake_case identifier for `name`, or `None` when it has no ASCII letters
/// or digits.
///
/// A leading digit gets a `_` prefix and a keyword gets a `_` suffix (`async` becomes
/// `async_`), because raw identifiers cannot spell `self` or `crate`.
pub fn snake_case(name: &str) -> Option<String> {
    let words = words(name);
    if words.is_empty() {
        return None;
    }
    let joined = words
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    Some(escape(joined, "_"))
}

/// Returns the UpperCamelCase identifier for `name`, or `None` when it has no ASCII letters
/// or digits.
///
/// Acronyms become words (`CMOrganisation` becomes `CmOrganisation`), and a leading digit
/// gets `prefix` in front so that `1` can become the enum variant `V1`.
pub fn upper_camel_case(name: &str, prefix: &str) -> Option<String> {
    let words = words(name);
    if words.is_empty() {
        return None;
    }
    let mut joined = String::new();
    for word in &words {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            joined.push(first.to_ascii_uppercase());
            joined.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    Some(escape(joined, prefix))
}

fn escape(mut ident: String, digit_prefix: &str) -> String {
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert_str(0, digit_prefix);
    }
    if KEYWORDS.contains(&ident.as_str()) {
        ident.push('_');
    }
    ident
}

/// Drops the `_<digits>` suffix that springdoc appends to repeated operation ids.
///
/// SimSage's services each have an operation named `version`; springdoc names the one of
/// the auth service `version_8`. Returns `None` when there is no such suffix.
pub fn strip_dedup_suffix(operation_id: &str) -> Option<&str> {
    let (stem, digits) = operation_id.rsplit_once('_')?;
    let is_suffix =
        !stem.is_empty() && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    is_suffix.then_some(stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_table() {
        let cases = [
            ("autoCreateSSOACLList", "auto_create_sso_acl_list"),
            ("autoCreateSSODomainList", "auto_create_sso_domain_list"),
            ("autoCreateSSOUsers", "auto_create_sso_users"),
            ("jwtMatchNameValueCSV", "jwt_match_name_value_csv"),
            ("operatorKBList", "operator_kb_list"),
            ("isReturnResult", "is_return_result"),
            ("signInSearchUsingJWTMsal", "sign_in_search_using_jwt_msal"),
            (
                "signInAdminUsingSessionId",
                "sign_in_admin_using_session_id",
            ),
            ("getOTT", "get_ott"),
            ("version_8", "version_8"),
            ("session-id", "session_id"),
            ("API-Version", "api_version"),
            ("base64Text", "base64_text"),
            ("async", "async_"),
            ("self", "self_"),
            ("type", "type_"),
            ("9lives", "_9lives"),
            ("HTTPServer", "http_server"),
            ("ABCD", "abcd"),
        ];
        for (input, expected) in cases {
            assert_eq!(
                snake_case(input).as_deref(),
                Some(expected),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn upper_camel_case_table() {
        let cases = [
            ("CMOrganisation", "CmOrganisation"),
            ("CMUserWithExtras", "CmUserWithExtras"),
            ("JsonMessage", "JsonMessage"),
            ("SignInDmsCmd", "SignInDmsCmd"),
            ("API-Version", "ApiVersion"),
            ("1", "V1"),
            ("Self", "Self_"),
            ("user list", "UserList"),
        ];
        for (input, expected) in cases {
            assert_eq!(
                upper_camel_case(input, "V").as_deref(),
                Some(expected),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn names_without_letters_are_rejected() {
        assert_eq!(snake_case("$$"), None);
        assert_eq!(snake_case(""), None);
        assert_eq!(upper_camel_case("-", "V"), None);
    }

    #[test]
    fn dedup_suffix_is_stripped() {
        assert_eq!(strip_dedup_suffix("version_8"), Some("version"));
        assert_eq!(strip_dedup_suffix("version"), None);
        assert_eq!(strip_dedup_suffix("_8"), None);
        assert_eq!(strip_dedup_suffix("get_users"), None);
    }
}
