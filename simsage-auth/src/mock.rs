//! Typed [httpmock](https://docs.rs/httpmock/0.9) helpers for mocking SimSage's auth API
//! in tests; available with the `mock` Cargo feature.
//!
//! [`MockServerExt`] adds two methods per operation to [`httpmock::MockServer`], named
//! after the [`Client`](crate::Client) method they stand in for: `mock_get_groups` and
//! `mock_get_groups_async` mock what [`Client::get_groups`](crate::Client::get_groups)
//! calls. Like httpmock's `mock`, they take a closure that receives two typed builders:
//!
//! - The `When` type (such as [`GetGroupsWhen`]) starts out expecting the operation's HTTP
//!   method and path template, in which each path parameter matches any single segment.
//!   It has one setter per parameter, which expects the value in its path segment, header
//!   or query parameter, and `body` for the JSON request body.
//! - The `Then` type (such as [`GetGroupsThen`]) sets the response. `ok` sends the success
//!   status and a typed body, and `ok_json` sends the success status and any JSON, for
//!   payloads that the typed model cannot express. `error` and `error_message` send a
//!   status and a `JsonMessage`, the way SimSage rejects a call.
//! - `into_inner` on either returns httpmock's own `When` or `Then` for everything else.
//!
//! ```
//! use simsage_auth::mock::MockServerExt;
//! use simsage_auth::types::{CmGroup, CmGroupList};
//! use simsage_auth::{Client, Error};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Error> {
//! let server = httpmock::MockServer::start_async().await;
//! let groups = server.mock_get_groups(|when, then| {
//!     when.organisation_id("org-1").session_id("s-1");
//!     then.ok(&CmGroupList {
//!         group_list: vec![CmGroup { name: "Editors".into(), ..CmGroup::default() }],
//!         ..CmGroupList::default()
//!     });
//! });
//! let expired = server.mock_get_groups(|when, then| {
//!     when.session_id("expired");
//!     then.error(500, "invalid session id");
//! });
//!
//! let client = Client::new(&server.base_url())?;
//! let list = client.get_groups("org-1", "s-1").await?;
//! assert_eq!(list.group_list[0].name, "Editors");
//! let error = client.get_groups("org-1", "expired").await.unwrap_err();
//! assert_eq!(error.api_message().unwrap().error, "invalid session id");
//!
//! groups.assert();
//! expired.assert();
//! # Ok(())
//! # }
//! ```
//!
//! # How requests are matched
//!
//! - httpmock compares the request path as sent, percent-encoded. Path setters therefore
//!   encode their value exactly as the client does: a space is expected as `%20`, `+` as
//!   `%2B`, non-ASCII characters as their UTF-8 bytes in `%XX` form, and an empty search
//!   filter as the segment `null`. Header setters expect the value unchanged.
//! - Each setter adds one constraint, as httpmock's own methods do, so calling a setter
//!   twice with different values matches no request.
//! - A setter panics when the client would reject the value (an empty or `.` path value,
//!   a `/` outside a search filter, a header value with control characters), because the
//!   client then sends no request for the mock to match.
//! - httpmock tries mocks in the order they were created and serves the first that
//!   matches, so create specific mocks before catch-all ones.

use serde::Serialize;

use crate::runtime::SegmentRules;

include!(concat!(env!("OUT_DIR"), "/mock.rs"));

mod sealed {
    /// Restricts [`super::MockServerExt`] to httpmock's `MockServer`, so that new
    /// operations can add trait methods without breaking implementations elsewhere.
    pub trait Sealed {}

    impl Sealed for httpmock::MockServer {}
}

/// Returns a regular expression that matches the percent-encoded paths of `template`.
///
/// Each `{name}` in the template matches any single non-empty segment, except the
/// parameter named in `fixed`, which must be exactly the given encoded segment.
fn path_pattern(template: &str, fixed: Option<(&str, &str)>) -> String {
    let mut pattern = String::from("^");
    let mut rest = template;
    while let Some((literal, after_brace)) = rest.split_once('{') {
        let Some((name, after_name)) = after_brace.split_once('}') else {
            break;
        };
        pattern.push_str(&regex::escape(literal));
        match fixed {
            Some((fixed_name, segment)) if fixed_name == name => {
                pattern.push_str(&regex::escape(segment));
            }
            _ => pattern.push_str("[^/]+"),
        }
        rest = after_name;
    }
    pattern.push_str(&regex::escape(rest));
    pattern.push('$');
    pattern
}

/// Encodes a path value as the client sends it.
///
/// # Panics
///
/// When the client rejects the value, naming the operation and parameter.
fn encoded_segment(operation: &str, parameter: &str, value: &str, rules: SegmentRules) -> String {
    let mut segment = String::new();
    if let Err(reason) = crate::runtime::push_segment(&mut segment, value, rules) {
        panic!(
            "{operation} mock: invalid {parameter}: {reason}. The client sends no request \
             with this value, so a mock expecting it can never match"
        );
    }
    segment
}

/// Checks that the client can send `value` as a header value.
///
/// # Panics
///
/// When the client rejects the value, naming the operation and parameter. The message
/// leaves out the value, as the client's own error does, because headers carry secrets.
fn check_header_value(operation: &str, parameter: &str, value: &str) {
    if let Err(reason) = crate::runtime::header_value(value, false) {
        panic!(
            "{operation} mock: invalid {parameter}: {reason}. The client sends no request \
             with this value, so a mock expecting it can never match"
        );
    }
}

/// Sets `status`, a JSON content type and `body` serialized as JSON.
fn respond_json<T: Serialize + ?Sized>(
    then: httpmock::Then,
    status: u16,
    body: &T,
) -> httpmock::Then {
    then.status(status)
        .header("content-type", "application/json")
        .json_body_obj(body)
}

/// Sets `status` and a `JsonMessage` body whose `error` is `message`.
fn respond_error(then: httpmock::Then, status: u16, message: &str) -> httpmock::Then {
    let body = crate::types::JsonMessage {
        error: message.to_string(),
        ..crate::types::JsonMessage::default()
    };
    respond_json(then, status, &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "/api/auth/users-paginated/{organisationId}/{page}/{pageSize}/{filter}";

    #[test]
    fn template_without_fixed_parameter_matches_any_segments() {
        assert_eq!(
            path_pattern(TEMPLATE, None),
            r"^/api/auth/users\-paginated/[^/]+/[^/]+/[^/]+/[^/]+$"
        );
    }

    #[test]
    fn fixed_parameter_is_escaped() {
        assert_eq!(
            path_pattern(TEMPLATE, Some(("page", "1.5"))),
            r"^/api/auth/users\-paginated/[^/]+/1\.5/[^/]+/[^/]+$"
        );
        assert_eq!(
            path_pattern(
                "/api/auth/groups/{organisationId}",
                Some(("organisationId", "a%20b"))
            ),
            "^/api/auth/groups/a%20b$"
        );
    }

    #[test]
    fn template_without_parameters_is_literal() {
        assert_eq!(
            path_pattern("/api/auth/sign-in", None),
            r"^/api/auth/sign\-in$"
        );
    }

    #[test]
    fn unclosed_brace_stays_literal() {
        assert_eq!(path_pattern("/a/{b", None), r"^/a/\{b$");
    }

    #[test]
    fn segments_are_encoded_like_the_client() {
        let filter = SegmentRules {
            empty: Some("null"),
            slash: Some(" "),
        };
        assert_eq!(encoded_segment("op", "filter", "", filter), "null");
        assert_eq!(encoded_segment("op", "filter", "a/b", filter), "a%20b");
        assert_eq!(
            encoded_segment("op", "name", "Zoë+1", SegmentRules::STRICT),
            "Zo%C3%AB%2B1"
        );
    }

    #[test]
    #[should_panic(expected = "deleteGroup mock: invalid name")]
    fn rejected_segment_panics() {
        encoded_segment("deleteGroup", "name", "a/b", SegmentRules::STRICT);
    }

    #[test]
    #[should_panic(expected = "getGroups mock: invalid session_id")]
    fn rejected_header_value_panics() {
        check_header_value("getGroups", "session_id", "s-1\r\nx: y");
    }
}
