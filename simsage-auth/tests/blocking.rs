//! The blocking client against a local httpmock server.
#![cfg(feature = "blocking")]

use httpmock::prelude::*;
use serde_json::json;
use simsage_auth::Error;
use simsage_auth::blocking::Client;

const SESSION: &str = "BLOCKING-SESSION-1";

fn sign_in(server: &MockServer) {
    server.mock(|when, then| {
        when.method(POST)
            .path("/api/auth/sign-in")
            .json_body(json!({ "email": "a@example.com", "password": "pw" }));
        then.status(200).json_body(json!({
            "session": { "id": SESSION, "role": "admin" },
            "user": { "id": "u-1", "email": "a@example.com" },
            "organisationList": [],
            "version": "7.14.12"
        }));
    });
}

#[test]
fn blocking_session_lists_users_and_signs_out() {
    let server = MockServer::start();
    sign_in(&server);
    for (page, ids) in [(0, vec!["a", "b"]), (1, vec!["c"])] {
        let users: Vec<_> = ids.iter().map(|id| json!({ "id": id })).collect();
        server.mock(|when, then| {
            when.method(GET)
                .path(format!("/api/auth/users-paginated/org-1/{page}/2/null"))
                .header("session-id", SESSION);
            then.status(200)
                .json_body(json!({ "userList": users, "userCount": 3 }));
        });
    }
    let sign_out = server.mock(|when, then| {
        when.method(DELETE)
            .path("/api/auth/sign-out")
            .header("session-id", SESSION);
        then.status(200).json_body(json!({ "information": "bye" }));
    });

    let client = Client::new(&server.base_url()).expect("client");
    let session = client
        .session_with_password("a@example.com", "pw")
        .expect("sign-in");
    let ids: Vec<String> = session
        .users("org-1", "", 2)
        .map(|user| user.map(|u| u.id))
        .collect::<Result<_, _>>()
        .expect("all pages");
    assert_eq!(ids, ["a", "b", "c"]);
    let message = session.sign_out(None).expect("sign-out");
    assert_eq!(message.information, "bye");
    sign_out.assert();
}

#[test]
fn blocking_errors_match_async_errors() {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(GET).path("/api/auth/groups/org-1");
        then.status(500)
            .json_body(json!({ "error": "invalid session id" }));
    });
    let client = Client::new(&server.base_url()).expect("client");
    let error = client.get_groups("org-1", "stale").expect_err("500");
    assert!(matches!(error, Error::Api { .. }), "{error:?}");
    assert!(
        error
            .to_string()
            .contains("SimSage returned 500 Internal Server Error: invalid session id"),
        "{error}"
    );
}

#[test]
fn blocking_call_inside_runtime_is_rejected() {
    let client = Client::new("http://127.0.0.1:9").expect("client");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let error = runtime
        .block_on(async { client.my_roles("org-1", "s") })
        .expect_err("inside a runtime");
    assert!(
        matches!(
            error,
            Error::BlockingInAsyncContext {
                operation: "myRoles"
            }
        ),
        "{error:?}"
    );
}

#[test]
fn blocking_client_drops_inside_runtime() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let client = Client::new("http://127.0.0.1:9").expect("client");
        let session_less = client.clone();
        drop(client);
        drop(session_less);
    });
}
