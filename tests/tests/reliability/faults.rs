//! Transport faults and malformed responses, each mapped to one typed error.
//!
//! Every call runs under `within_hang_limit`, so a hang fails the test instead of
//! blocking the suite.

use std::time::{Duration, Instant};

use simsage_auth::{Client, Error};

use crate::operations::{Inputs, OPERATIONS, call_operation, success_body};
use crate::server::{Behaviour, ScriptedServer, response_bytes};
use crate::{loopback_client, within_hang_limit};

/// Index of `getUsersPaginated` in `OPERATIONS`.
const GET_USERS_PAGINATED: usize = 5;

const TEN_MEGABYTES: usize = 10 * 1024 * 1024;

async fn get_users(client: &Client) -> Result<simsage_auth::types::CmUserList, Error> {
    within_hang_limit(
        "getUsersPaginated",
        client.get_users_paginated("org-1", 0, 10, "", "session-1"),
    )
    .await
}

/// Starts a server with `behaviour` and calls `getUsersPaginated` once.
async fn get_users_from(behaviour: Behaviour) -> Result<simsage_auth::types::CmUserList, Error> {
    let server = ScriptedServer::start(behaviour).await;
    let client = loopback_client(&server.base_url(), Duration::from_secs(10));
    get_users(&client).await
}

/// Asserts that `error` is a transport error that is neither a timeout nor a connect error.
fn assert_read_failure(error: &Error) {
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert!(!error.is_timeout(), "{error:?}");
    assert!(!error.is_connect(), "{error:?}");
    assert!(error.status().is_none(), "{error:?}");
}

#[tokio::test]
async fn silent_server_times_out() {
    let limit = Duration::from_millis(300);
    let server = ScriptedServer::start(Behaviour::Silent).await;
    let client = loopback_client(&server.base_url(), limit);

    let started = Instant::now();
    let error = get_users(&client).await.expect_err("server never answers");
    let elapsed = started.elapsed();

    assert!(error.is_timeout(), "{error:?}");
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert!(
        elapsed >= limit,
        "timed out after {elapsed:?}, before {limit:?}"
    );
    // One second of slack for a loaded CI machine.
    assert!(
        elapsed < limit + Duration::from_secs(1),
        "timed out after {elapsed:?}, limit {limit:?}"
    );
    assert_eq!(
        error.to_string(),
        "getUsersPaginated: the request to SimSage timed out"
    );
}

#[tokio::test]
async fn connection_closed_mid_body_is_transport_error() {
    let body = success_body(GET_USERS_PAGINATED, "s");
    let mut bytes = response_bytes(200, Some("application/json"), &[], body.as_bytes());
    bytes.truncate(bytes.len() - body.len() / 2);
    let error = get_users_from(Behaviour::raw_then_close(bytes))
        .await
        .expect_err("body is cut off");
    assert_read_failure(&error);
    assert_eq!(
        error.to_string(),
        "getUsersPaginated: the response from SimSage could not be read"
    );
}

#[tokio::test]
async fn connection_closed_mid_head_is_transport_error() {
    let error = get_users_from(Behaviour::raw_then_close(
        &b"HTTP/1.1 200 OK\r\ncontent-ty"[..],
    ))
    .await
    .expect_err("head is cut off");
    assert_read_failure(&error);
}

#[tokio::test]
async fn non_http_reply_is_transport_error() {
    let error = get_users_from(Behaviour::raw_then_close(&b"SSH-2.0-OpenSSH_9.6\r\n"[..]))
        .await
        .expect_err("reply is not HTTP");
    assert_read_failure(&error);
}

#[tokio::test]
async fn truncated_json_is_decode_error() {
    let body = success_body(GET_USERS_PAGINATED, "s");
    let truncated = &body[..body.len() / 2];
    let error = get_users_from(Behaviour::json(200, truncated))
        .await
        .expect_err("JSON is truncated");
    let Error::Decode {
        status,
        target,
        source,
        ..
    } = &error
    else {
        panic!("expected Error::Decode, got {error:?}");
    };
    assert_eq!(status.as_u16(), 200);
    assert_eq!(target, "CmUserList");
    assert!(
        source.message().starts_with("EOF while parsing"),
        "{source}"
    );
}

#[tokio::test]
async fn content_length_beyond_body_is_transport_error() {
    let body = success_body(GET_USERS_PAGINATED, "s");
    let head = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len() + 100
    );
    let error = get_users_from(Behaviour::raw_then_close(format!("{head}{body}")))
        .await
        .expect_err("body is shorter than its Content-Length");
    assert_read_failure(&error);
}

#[tokio::test]
async fn content_length_short_of_body_is_decode_error() {
    // The client reads only Content-Length bytes, so it decodes truncated JSON.
    let body = success_body(GET_USERS_PAGINATED, "s");
    let head = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len() - 10
    );
    let error = get_users_from(Behaviour::raw_then_close(format!("{head}{body}")))
        .await
        .expect_err("Content-Length cuts the JSON short");
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
}

#[tokio::test]
async fn client_recovers_after_short_content_length() {
    // The bytes past Content-Length stay on the kept-alive connection. The next call must
    // not read them as its response: it gets the right response or a transport error.
    let server = ScriptedServer::start(Behaviour::Silent).await;
    let client = loopback_client(&server.base_url(), Duration::from_secs(5));
    let body = success_body(GET_USERS_PAGINATED, "s");
    let head = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len() - 10
    );
    server.set_behaviour(Behaviour::Reply {
        bytes: format!("{head}{body}").into_bytes().into(),
        close: false,
    });
    let first = get_users(&client).await;
    assert!(matches!(first, Err(Error::Decode { .. })), "{first:?}");

    server.set_behaviour(Behaviour::json(200, &body));
    for attempt in 0..3 {
        match get_users(&client).await {
            Ok(page) => assert_eq!(page.user_count, 1),
            Err(error) => assert!(
                matches!(error, Error::Transport { .. }),
                "attempt {attempt}: {error:?}"
            ),
        }
    }
    let last = get_users(&client)
        .await
        .expect("a fresh connection answers");
    assert_eq!(last.user_count, 1);
}

#[tokio::test]
async fn empty_200_is_unexpected_body_for_every_operation() {
    let server =
        ScriptedServer::start(Behaviour::respond(200, Some("application/json"), b"")).await;
    let client = loopback_client(&server.base_url(), Duration::from_secs(10));
    for (index, (operation_id, _)) in OPERATIONS.iter().enumerate() {
        let result = within_hang_limit(
            operation_id,
            call_operation(&client, index, &Inputs::plain()),
        )
        .await;
        let error = result.expect_err("an empty body is not a value");
        let Error::UnexpectedBody {
            status, body_start, ..
        } = &error
        else {
            panic!("{operation_id}: expected Error::UnexpectedBody, got {error:?}");
        };
        assert_eq!(status.as_u16(), 200, "{operation_id}");
        assert!(body_start.is_empty(), "{operation_id}: {body_start:?}");
        assert!(
            error.to_string().contains("with an empty body"),
            "{operation_id}: {error}"
        );
    }
}

#[tokio::test]
async fn gzip_garbage_is_unexpected_body() {
    // simsage-auth builds reqwest without its `gzip` feature, so reqwest passes the
    // encoded bytes through undecoded, and they do not look like JSON.
    let garbage = [
        0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x13, 0x37,
    ];
    let bytes = response_bytes(
        200,
        Some("application/json"),
        &[("content-encoding", "gzip")],
        &garbage,
    );
    let error = get_users_from(Behaviour::Reply {
        bytes: bytes.into(),
        close: false,
    })
    .await
    .expect_err("garbage is not JSON");
    let Error::UnexpectedBody {
        status,
        content_type,
        ..
    } = &error
    else {
        panic!("expected Error::UnexpectedBody, got {error:?}");
    };
    assert_eq!(status.as_u16(), 200);
    assert_eq!(content_type.as_deref(), Some("application/json"));
}

#[tokio::test]
async fn ten_megabyte_html_is_unexpected_body() {
    let mut page = b"<html><body>".to_vec();
    page.resize(TEN_MEGABYTES, b'x');
    let error = get_users_from(Behaviour::respond(502, Some("text/html"), &page))
        .await
        .expect_err("HTML is not a user list");
    let Error::UnexpectedBody { body_start, .. } = &error else {
        panic!("expected Error::UnexpectedBody, got {error:?}");
    };
    assert_eq!(body_start.chars().count(), 200);
    assert!(error.to_string().len() < 400, "{}", error.to_string().len());
    assert!(format!("{error:?}").len() < 600);
}

#[tokio::test]
async fn ten_megabyte_wrong_shape_is_decode_error() {
    let users = ten_megabyte_user_array();
    let body = format!(r#"{{"userList":{users},"userCount":"many"}}"#);
    let error = get_users_from(Behaviour::json(200, &body))
        .await
        .expect_err("userCount is not a number");
    let Error::Decode { path, .. } = &error else {
        panic!("expected Error::Decode, got {error:?}");
    };
    assert_eq!(path, "userCount");
    assert!(format!("{error:?}").len() < 600);
}

#[tokio::test]
async fn ten_megabyte_valid_json_decodes() {
    // 10 MB is below the client's default response limit of 64 MiB.
    let users = ten_megabyte_user_array();
    let count = users.matches("\"email\"").count();
    let body = format!(r#"{{"userList":{users},"userCount":{count}}}"#);
    let page = get_users_from(Behaviour::json(200, &body))
        .await
        .expect("large valid body decodes");
    assert_eq!(page.user_list.len(), count);
}

#[tokio::test]
async fn body_over_limit_is_response_too_large() {
    let limit = 1024 * 1024;
    let users = ten_megabyte_user_array();
    let body = format!(r#"{{"userList":{users},"userCount":1}}"#);
    let server = ScriptedServer::start(Behaviour::json(200, &body)).await;
    let http = crate::loopback_http(Duration::from_secs(10))
        .build()
        .expect("reqwest client builds");
    let client = Client::builder()
        .base_url(server.base_url())
        .http_client(http)
        .max_response_bytes(limit)
        .build()
        .expect("client builds");

    let error = get_users(&client)
        .await
        .expect_err("body exceeds the limit");
    let Error::ResponseTooLarge {
        status,
        limit: reported,
        ..
    } = &error
    else {
        panic!("expected Error::ResponseTooLarge, got {error:?}");
    };
    assert_eq!(status.as_u16(), 200);
    assert_eq!(*reported, limit);
}

/// Returns a JSON array of users that is at least 10 MB long.
fn ten_megabyte_user_array() -> String {
    let mut users = String::with_capacity(TEN_MEGABYTES + 1024);
    users.push('[');
    let mut index = 0;
    while users.len() < TEN_MEGABYTES {
        if index > 0 {
            users.push(',');
        }
        users.push_str(&format!(
            r#"{{"id":"user-{index}","email":"user{index}@example.com","firstName":"First","surname":"Last","roles":[{{"organisationId":"org-1","role":"dms"}}]}}"#
        ));
        index += 1;
    }
    users.push(']');
    users
}
