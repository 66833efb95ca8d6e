//! Fetching the upstream description from a local httpmock server (127.0.0.1 only).

use std::time::{Duration, Instant};

use httpmock::prelude::*;
use xtask::error::render_chain;
use xtask::{Error, Mode, RegenOptions, SpecStatus};

use crate::{Scratch, fixture_text, options};

const DOCS_PATH: &str = "/v3/api-docs";

fn serve<'a>(server: &'a MockServer, status: u16, body: &str) -> httpmock::Mock<'a> {
    server.mock(|when, then| {
        when.method(GET).path(DOCS_PATH);
        then.status(status).body(body);
    })
}

#[test]
fn fetches_json_over_http() {
    let server = MockServer::start();
    let mock = serve(&server, 200, &fixture_text("upstream-v1.json"));
    let scratch = Scratch::with_spec("ours-v1.yaml");
    let outcome = scratch.regen(&server.url(DOCS_PATH), Mode::Write);
    mock.assert();
    assert_eq!(outcome.report.operation_count, 4);
    assert_eq!(outcome.status, SpecStatus::Unchanged);
    assert_eq!(outcome.report.source, server.url(DOCS_PATH));
}

#[test]
fn fetches_yaml_over_http() {
    let server = MockServer::start();
    let yaml = xtask::yaml::to_yaml(
        &xtask::document::parse(&fixture_text("upstream-v2.json"), "v2").unwrap(),
    );
    let mock = serve(&server, 200, &yaml);
    let scratch = Scratch::with_spec("ours-v1.yaml");
    let outcome = scratch.regen(&server.url(DOCS_PATH), Mode::DryRun);
    mock.assert();
    assert_eq!(outcome.report.changes.len(), 17);
}

#[test]
fn http_404_names_status_and_url() {
    let server = MockServer::start();
    let url = server.url("/missing");
    let scratch = Scratch::with_spec("ours-v1.yaml");
    let error = xtask::regen(&options(&url, &scratch.spec(), Mode::Write)).unwrap_err();
    assert!(matches!(error, Error::HttpStatus { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        format!("fetching {url} failed: HTTP 404 Not Found")
    );
    assert_eq!(scratch.spec_text(), fixture_text("ours-v1.yaml"));
}

#[test]
fn http_500_names_status_and_url() {
    let server = MockServer::start();
    serve(&server, 500, "<html>upstream is down</html>");
    let url = server.url(DOCS_PATH);
    let scratch = Scratch::with_spec("ours-v1.yaml");
    let error = xtask::regen(&options(&url, &scratch.spec(), Mode::Write)).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("fetching {url} failed: HTTP 500 Internal Server Error")
    );
}

#[test]
fn slow_server_times_out() {
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(GET).path(DOCS_PATH);
        then.status(200)
            .body(fixture_text("upstream-v1.json"))
            .delay(Duration::from_secs(5));
    });
    let url = server.url(DOCS_PATH);
    let scratch = Scratch::with_spec("ours-v1.yaml");
    let regen_options = RegenOptions {
        timeout: Duration::from_millis(300),
        ..options(&url, &scratch.spec(), Mode::Write)
    };
    let started = Instant::now();
    let error = xtask::regen(&regen_options).unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "took {:?}",
        started.elapsed()
    );
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        format!("fetching {url} timed out after 0.3 s (raise --timeout if the server is slow)")
    );
    assert_eq!(scratch.spec_text(), fixture_text("ours-v1.yaml"));
}

#[test]
fn refused_connection_is_reported_with_cause() {
    // Bind and release a port so that nothing listens on it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}{DOCS_PATH}");
    let scratch = Scratch::with_spec("ours-v1.yaml");
    let error = xtask::regen(&options(&url, &scratch.spec(), Mode::Write)).unwrap_err();
    let rendered = render_chain(&error);
    assert!(
        rendered.starts_with(&format!("fetching {url} failed\n  caused by: ")),
        "{rendered}"
    );
}

#[test]
fn invalid_body_names_url() {
    let server = MockServer::start();
    serve(&server, 200, "{\"openapi\": ");
    let url = server.url(DOCS_PATH);
    let scratch = Scratch::with_spec("ours-v1.yaml");
    let error = xtask::regen(&options(&url, &scratch.spec(), Mode::Write)).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with(&format!("invalid JSON in {url} at line 1")),
        "{error}"
    );
}

#[test]
fn https_urls_are_supported() {
    // Nothing listens on the port, so the request fails while connecting. Without a TLS
    // backend, reqwest 0.13 fails earlier with "invalid URL, scheme is not http".
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("https://127.0.0.1:{port}{DOCS_PATH}");
    let scratch = Scratch::with_spec("ours-v1.yaml");
    let error = xtask::regen(&options(&url, &scratch.spec(), Mode::Write)).unwrap_err();
    let rendered = render_chain(&error);
    assert!(matches!(error, Error::Fetch { .. }), "{rendered}");
    assert!(!rendered.contains("scheme is not http"), "{rendered}");
}
