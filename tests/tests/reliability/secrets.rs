//! Runs every operation through success and failure paths with recognisable secret
//! values, and scans all `Debug` and `Display` output for them.
//!
//! The `tracing` output of every call, captured at `TRACE` level, is scanned too.
//! [`assert_no_secrets`] takes plain strings, so other captured output can be scanned the
//! same way.

use std::error::Error as _;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use simsage_auth::{Client, Error};

use crate::operations::{Inputs, OPERATIONS, call_operation, request_bodies_debug, success_body};
use crate::server::{Behaviour, ScriptedServer, response_bytes};
use crate::{loopback_client, within_hang_limit};

const SESSION_ID: &str = "SessionSecret4f1d";
const JWT: &str = "JwtSecret9a7b";
const PASSWORD: &str = "PasswordSecret2c8e";
const RESET_ID: &str = "ResetIdSecret6b3a";
/// A secret that only the server sends: session ids, password hashes, salts, tokens.
const RESPONSE_SECRET: &str = "ResponseSecret0d5f";

const ALL_SECRETS: [&str; 5] = [SESSION_ID, JWT, PASSWORD, RESET_ID, RESPONSE_SECRET];

fn secret_inputs() -> Inputs {
    Inputs {
        session_id: SESSION_ID.into(),
        jwt: JWT.into(),
        password: PASSWORD.into(),
        reset_id: RESET_ID.into(),
    }
}

/// Returns the secrets that operation `index` sends, which a server may echo back.
fn sent_secrets(index: usize) -> Vec<&'static str> {
    match OPERATIONS[index].0 {
        "resetPassword" => vec![RESET_ID, PASSWORD],
        "signIn" => vec![PASSWORD],
        "updateUser" => vec![SESSION_ID, PASSWORD],
        "signInAdminUsingJWTMsal"
        | "signInDmsUsingJWTMsal"
        | "signInEvolveUsingJWTMsal"
        | "signInSearchUsingJWTMsal" => vec![JWT],
        "resetPasswordRequest" | "version_8" => Vec::new(),
        _ => vec![SESSION_ID],
    }
}

/// Returns one line per secret found in `outputs`: which output, which secret, and the
/// text around it.
pub fn find_secrets(outputs: &[String], secrets: &[&str]) -> Vec<String> {
    let mut findings = Vec::new();
    for (position, output) in outputs.iter().enumerate() {
        for secret in secrets {
            if let Some(at) = output.find(secret) {
                let before: String = output[..at].chars().rev().take(60).collect();
                let before: String = before.chars().rev().collect();
                let after: String = output[at..].chars().take(secret.len() + 60).collect();
                findings.push(format!(
                    "output {position} contains the secret {secret:?}: ...{before}{after}..."
                ));
            }
        }
    }
    findings
}

/// Asserts that no string in `outputs` contains any of `secrets`; `context` names the
/// scenario in the failure message.
pub fn assert_no_secrets(context: &str, outputs: &[String], secrets: &[&str]) {
    let findings = find_secrets(outputs, secrets);
    assert!(findings.is_empty(), "{context}: {}", findings.join("; "));
}

/// Returns the `Display` and `Debug` output of a result, including the error's sources.
fn outputs_of(result: &Result<String, Error>) -> Vec<String> {
    let error = match result {
        Ok(debug) => return vec![debug.clone()],
        Err(error) => error,
    };
    let mut outputs = vec![
        error.to_string(),
        format!("{error:?}"),
        format!("{error:#?}"),
    ];
    let mut source = error.source();
    while let Some(cause) = source {
        outputs.push(cause.to_string());
        outputs.push(format!("{cause:?}"));
        source = cause.source();
    }
    outputs
}

/// What one scenario produced: per operation its id and result, and the tracing output
/// of all calls at `TRACE` level.
struct Run {
    results: Vec<(&'static str, Result<String, Error>)>,
    tracing: String,
}

/// Serializes the runs that capture tracing output, so that each capture holds only its
/// own calls.
static CAPTURE_TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A `tracing` writer that appends to a shared buffer.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .expect("capture lock poisoned")
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Calls every operation against a server with `behaviour`, capturing the tracing output
/// of the calls.
///
/// The tests run on tokio's current-thread runtime, so the subscriber that
/// `set_default` installs on this thread also receives the events of hyper's tasks.
/// reqwest logs through the `log` crate, which this subscriber does not capture.
async fn run_all(
    behaviour: impl Fn(usize) -> Behaviour,
    timeout: Duration,
    inputs: &Inputs,
) -> Run {
    // A call site that another test hits first, on a thread without a subscriber, can be
    // cached as disabled for every thread. A global subscriber that accepts everything and
    // writes nowhere keeps every call site enabled; the first run installs it.
    let sink = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(std::io::sink)
        .finish();
    let _ = tracing::subscriber::set_global_default(sink);
    let _turn = CAPTURE_TURN.lock().await;
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    // Tests on other threads may have cached this thread's call sites as disabled.
    tracing::callsite::rebuild_interest_cache();

    let server = ScriptedServer::start(Behaviour::Silent).await;
    let client = loopback_client(&server.base_url(), timeout);
    let mut results = Vec::new();
    for (index, (operation_id, _)) in OPERATIONS.iter().enumerate() {
        server.set_behaviour(behaviour(index));
        let result = within_hang_limit(operation_id, call_operation(&client, index, inputs)).await;
        results.push((*operation_id, result));
    }
    let tracing =
        String::from_utf8_lossy(&captured.0.lock().expect("capture lock poisoned")).into_owned();
    Run { results, tracing }
}

fn scan(scenario: &str, run: &Run) {
    assert!(
        run.tracing.contains("simsage_auth"),
        "{scenario}: no tracing output was captured"
    );
    assert_no_secrets(
        &format!("{scenario}, tracing output"),
        std::slice::from_ref(&run.tracing),
        &ALL_SECRETS,
    );
    for (operation_id, result) in &run.results {
        assert_no_secrets(
            &format!("{scenario}, {operation_id}"),
            &outputs_of(result),
            &ALL_SECRETS,
        );
    }
}

/// Text that echoes every secret the operation sent, as a careless server might.
fn echo(index: usize) -> String {
    let sent = sent_secrets(index);
    format!("rejected {} for this request", sent.join(" and "))
}

#[tokio::test]
async fn success_outputs_hide_secrets() {
    let run = run_all(
        |index| Behaviour::json(200, &success_body(index, RESPONSE_SECRET)),
        Duration::from_secs(10),
        &secret_inputs(),
    )
    .await;
    for (operation_id, result) in &run.results {
        assert!(result.is_ok(), "{operation_id}: {result:?}");
    }
    scan("success", &run);
}

#[tokio::test]
async fn api_error_outputs_hide_secrets() {
    let run = run_all(
        |index| {
            let message = serde_json::json!({
                "error": echo(index),
                "information": echo(index),
                "version": "7.14.12",
                "time": 0,
            });
            Behaviour::json(500, &message.to_string())
        },
        Duration::from_secs(10),
        &secret_inputs(),
    )
    .await;
    for (operation_id, result) in &run.results {
        assert!(
            matches!(result, Err(Error::Api { .. })),
            "{operation_id}: {result:?}"
        );
        // The message itself survives, with the secrets replaced.
        let display = result.as_ref().unwrap_err().to_string();
        assert!(display.contains("rejected"), "{operation_id}: {display}");
    }
    scan("500 JsonMessage", &run);
}

#[tokio::test]
async fn unexpected_body_outputs_hide_secrets() {
    let run = run_all(
        |index| {
            let page = format!("<html><body>502 Bad Gateway: {}</body></html>", echo(index));
            Behaviour::respond(502, Some("text/html"), page.as_bytes())
        },
        Duration::from_secs(10),
        &secret_inputs(),
    )
    .await;
    for (operation_id, result) in &run.results {
        assert!(
            matches!(result, Err(Error::UnexpectedBody { .. })),
            "{operation_id}: {result:?}"
        );
    }
    scan("502 HTML", &run);
}

#[tokio::test]
async fn successful_body_of_wrong_type_hides_secrets() {
    // The success body with secrets the request did not contain, sent as HTML: the client
    // cannot decode it, and must not copy it into the error either.
    let run = run_all(
        |index| {
            let body = success_body(index, RESPONSE_SECRET);
            Behaviour::respond(200, Some("text/html"), body.as_bytes())
        },
        Duration::from_secs(10),
        &secret_inputs(),
    )
    .await;
    for (operation_id, result) in &run.results {
        // getOTT reads a JSON string whatever the content type.
        let expected = if *operation_id == "getOTT" {
            result.is_ok()
        } else {
            matches!(result, Err(Error::UnexpectedBody { .. }))
        };
        assert!(expected, "{operation_id}: {result:?}");
    }
    scan("200 success body as HTML", &run);
}

#[tokio::test]
async fn decode_error_outputs_hide_secrets() {
    // A JSON string where the model expects an object or array: serde's message would
    // quote it. For getOTT, whose response is a string, the value is returned instead.
    let run = run_all(
        |_| Behaviour::json(200, &format!("\"{RESPONSE_SECRET} {SESSION_ID}\"")),
        Duration::from_secs(10),
        &secret_inputs(),
    )
    .await;
    for (operation_id, result) in &run.results {
        if *operation_id == "getOTT" {
            assert!(result.is_ok(), "{operation_id}: {result:?}");
        } else {
            assert!(
                matches!(result, Err(Error::Decode { .. })),
                "{operation_id}: {result:?}"
            );
        }
    }
    scan("200 JSON string", &run);

    // Secrets in the place of a number, inside an array, and in a body cut short.
    let bodies = [
        format!(
            r#"{{"time":"{RESPONSE_SECRET}","userCount":"{RESPONSE_SECRET}","session":{{"lastAccess":"{SESSION_ID}"}},"enabled":"{PASSWORD}"}}"#
        ),
        format!(r#"[1, "{RESPONSE_SECRET}", {{"id": ["{SESSION_ID}"]}}]"#),
        format!(r#"{{"session":{{"id":"{SESSION_ID}"#),
    ];
    for body in bodies {
        let run = run_all(
            |_| Behaviour::json(200, &body),
            Duration::from_secs(10),
            &secret_inputs(),
        )
        .await;
        scan(&format!("200 body {body}"), &run);
    }
}

#[tokio::test]
async fn transport_error_outputs_hide_secrets() {
    let cut_off = |index: usize| {
        let body = success_body(index, RESPONSE_SECRET);
        let mut bytes = response_bytes(200, Some("application/json"), &[], body.as_bytes());
        bytes.truncate(bytes.len() - body.len() / 2);
        Behaviour::raw_then_close(bytes)
    };
    let run = run_all(cut_off, Duration::from_secs(10), &secret_inputs()).await;
    for (operation_id, result) in &run.results {
        assert!(
            matches!(result, Err(Error::Transport { .. })),
            "{operation_id}: {result:?}"
        );
    }
    scan("body cut off", &run);

    let run = run_all(
        |_| Behaviour::Silent,
        Duration::from_millis(50),
        &secret_inputs(),
    )
    .await;
    for (operation_id, result) in &run.results {
        let timed_out = result.as_ref().is_err_and(Error::is_timeout);
        assert!(timed_out, "{operation_id}: {result:?}");
    }
    scan("timeout", &run);
}

#[tokio::test]
async fn invalid_secret_arguments_are_not_echoed() {
    // Header values with a line break are rejected before sending; the error must not
    // quote them.
    let inputs = Inputs {
        session_id: format!("{SESSION_ID}\r\nx-injected: 1"),
        jwt: format!("{JWT}\n"),
        ..secret_inputs()
    };
    let run = run_all(
        |index| Behaviour::json(200, &success_body(index, RESPONSE_SECRET)),
        Duration::from_secs(10),
        &inputs,
    )
    .await;
    for (index, (operation_id, result)) in run.results.iter().enumerate() {
        let sends_header = sent_secrets(index)
            .iter()
            .any(|secret| [SESSION_ID, JWT].contains(secret));
        if sends_header {
            assert!(
                matches!(result, Err(Error::InvalidParameter { .. })),
                "{operation_id}: {result:?}"
            );
        }
    }
    scan("invalid header value", &run);
}

#[test]
fn request_bodies_and_client_hide_secrets() {
    let mut outputs = request_bodies_debug(&secret_inputs());
    let client = Client::new("http://127.0.0.1:9").expect("valid base URL");
    outputs.push(format!("{client:?}"));
    assert_no_secrets("request bodies", &outputs, &ALL_SECRETS);
}

#[test]
fn scan_finds_a_planted_secret() {
    let outputs = vec![
        "nothing here".to_string(),
        format!("session {SESSION_ID} expired"),
    ];
    let findings = find_secrets(&outputs, &ALL_SECRETS);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert!(
        findings[0].starts_with("output 1 contains"),
        "{}",
        findings[0]
    );
}
