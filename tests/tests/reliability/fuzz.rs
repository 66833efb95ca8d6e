//! Fuzzes the response handling of all 23 operations with generated status lines,
//! headers, framings and bodies.
//!
//! `SIMSAGE_FUZZ_CASES` sets the number of cases (default 2,000) and `SIMSAGE_FUZZ_SEED`
//! the seed in hexadecimal (default fixed, so a plain run is repeatable). Case `i` depends only on the
//! seed and `i`, so a failure message names everything needed to replay it. Cases run in
//! several lanes, each with its own server and client, and within a lane one after
//! another over kept-alive connections.
//!
//! Each case checks that the call returns within its limit and without a panic. It also
//! checks that the result fits the response. A value comes only with a 2xx status,
//! `Error::Api` only with a non-2xx status and `Error::Decode` only with a 2xx status. An
//! error carries the status that was sent, and `Error::Transport` comes only when the
//! framing of the response was broken.

use std::sync::Arc;
use std::time::{Duration, Instant};

use simsage_auth::{Client, Error};

use crate::loopback_http;
use crate::operations::{Inputs, OPERATIONS, call_operation, success_body};
use crate::server::{Behaviour, ScriptedServer};

const DEFAULT_CASES: usize = 2_000;
const DEFAULT_SEED: u64 = 0x5349_4d53_4147_4531;
const LANES: usize = 4;

/// Limit on one case; the client's own timeout is lower, so reaching it means a hang.
const CASE_LIMIT: Duration = Duration::from_secs(10);
const CLIENT_TIMEOUT: Duration = Duration::from_secs(5);

/// JSON names of the models' fields, so that random objects hit real fields.
const FIELD_NAMES: [&str; 24] = [
    "userList",
    "userCount",
    "id",
    "email",
    "session",
    "user",
    "organisationList",
    "groupList",
    "error",
    "information",
    "version",
    "time",
    "password",
    "roles",
    "sharedSecretSalt",
    "contextStack",
    "nameValue",
    "passwordHash",
    "enabled",
    "returnResult",
    "lastAccess",
    "userIdList",
    "operatorKBList",
    "async",
];

/// SplitMix64: small, fast and good enough to pick test inputs.
struct Rng(u64);

impl Rng {
    fn for_case(seed: u64, case: usize) -> Self {
        let mut rng = Rng(seed ^ (case as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        rng.next_u64();
        rng
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Returns a number in `0..bound`.
    fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound as u64) as usize
    }

    fn percent(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn byte(&mut self) -> u8 {
        self.next_u64() as u8
    }
}

/// One generated response.
struct Case {
    operation: usize,
    status: u16,
    bytes: Vec<u8>,
    /// The server closes the connection after the response, because its framing leaves
    /// the connection unusable.
    close: bool,
    /// The status line and framing are valid HTTP/1.1, so a transport error is a bug.
    well_formed: bool,
    summary: String,
}

/// How the body is delimited on the wire.
#[derive(Debug, Clone, Copy)]
enum Framing {
    ContentLength,
    Chunked,
    BrokenChunked,
    UntilClose,
    LengthTooLong,
    LengthTooShort,
    ConflictingLengths,
    NotHttp,
}

fn generate_case(seed: u64, index: usize) -> Case {
    let mut rng = Rng::for_case(seed, index);
    let operation = index % OPERATIONS.len();
    let status = generate_status(&mut rng);
    let (body_kind, body) = generate_body(&mut rng, operation);
    let framing = match rng.below(100) {
        0..=79 => Framing::ContentLength,
        80..=84 => Framing::Chunked,
        85..=86 => Framing::BrokenChunked,
        87..=90 => Framing::UntilClose,
        91..=93 => Framing::LengthTooLong,
        94..=96 => Framing::LengthTooShort,
        97..=98 => Framing::ConflictingLengths,
        _ => Framing::NotHttp,
    };

    let mut head = format!("HTTP/1.1 {status} ").into_bytes();
    head.extend(generate_reason(&mut rng, status));
    head.extend_from_slice(b"\r\n");
    let content_type = generate_content_type(&mut rng);
    if let Some(content_type) = &content_type {
        head.extend_from_slice(b"content-type: ");
        head.extend_from_slice(content_type);
        head.extend_from_slice(b"\r\n");
    }
    for _ in 0..rng.below(4) {
        head.extend(generate_header(&mut rng));
    }

    let mut close = false;
    let mut well_formed = true;
    let mut payload = Vec::new();
    match framing {
        Framing::ContentLength => {
            head.extend(format!("content-length: {}\r\n", body.len()).bytes());
            payload.extend_from_slice(&body);
        }
        Framing::Chunked => {
            head.extend_from_slice(b"transfer-encoding: chunked\r\n");
            payload = chunked(&mut rng, &body, true);
        }
        Framing::BrokenChunked => {
            head.extend_from_slice(b"transfer-encoding: chunked\r\n");
            payload = chunked(&mut rng, &body, false);
            close = true;
            well_formed = false;
        }
        Framing::UntilClose => {
            payload.extend_from_slice(&body);
            close = true;
        }
        Framing::LengthTooLong => {
            let length = body.len() + 1 + rng.below(1000);
            head.extend(format!("content-length: {length}\r\n").bytes());
            payload.extend_from_slice(&body);
            close = true;
            well_formed = false;
        }
        Framing::LengthTooShort => {
            // The client reads a prefix of the body, which is well-formed HTTP.
            let length = rng.below(body.len().max(1));
            head.extend(format!("content-length: {length}\r\n").bytes());
            payload.extend_from_slice(&body);
            close = true;
        }
        Framing::ConflictingLengths => {
            let length = body.len();
            head.extend(
                format!(
                    "content-length: {length}\r\ncontent-length: {}\r\n",
                    length + 7
                )
                .bytes(),
            );
            payload.extend_from_slice(&body);
            close = true;
            well_formed = false;
        }
        Framing::NotHttp => {
            let length = 1 + rng.below(64);
            head = random_bytes(&mut rng, length);
            close = true;
            well_formed = false;
        }
    }
    // Bodies of 204 and 304 responses are not read, so their bytes would be taken for
    // the next response on the connection.
    if matches!(status, 204 | 304) {
        close = true;
    }
    // Without this header the client could pool the connection that the server is about
    // to close, and the next case would fail on it.
    if close {
        head.extend_from_slice(b"connection: close\r\n");
    }
    head.extend_from_slice(b"\r\n");
    let mut bytes = head;
    bytes.extend(payload);

    Case {
        operation,
        status,
        bytes,
        close,
        well_formed,
        summary: format!(
            "case {index} (seed {seed:#x}): {} status {status}, {framing:?} framing, \
             {body_kind} body of {} bytes, content type {:?}",
            OPERATIONS[operation].0,
            body.len(),
            content_type.map(|value| String::from_utf8_lossy(&value).into_owned()),
        ),
    }
}

fn generate_status(rng: &mut Rng) -> u16 {
    const UNCOMMON: [u16; 16] = [
        201, 202, 204, 206, 301, 302, 304, 400, 401, 403, 404, 409, 429, 502, 503, 504,
    ];
    // 1xx is left out: the client waits for the final response after an interim one.
    match rng.below(100) {
        0..=39 => 200,
        40..=59 => 500,
        60..=69 => rng.pick(&UNCOMMON),
        70..=94 => 200 + rng.below(400) as u16,
        _ => 600 + rng.below(400) as u16,
    }
}

fn generate_reason(rng: &mut Rng, status: u16) -> Vec<u8> {
    match rng.below(10) {
        0 => Vec::new(),
        1 => (0..rng.below(20))
            .map(|_| 0x20 + rng.below(0x5f) as u8)
            .collect(),
        2 => (0..rng.below(10)).map(|_| 0x80 | rng.byte()).collect(),
        _ => reqwest::StatusCode::from_u16(status)
            .ok()
            .and_then(|status| status.canonical_reason())
            .unwrap_or("Unknown")
            .as_bytes()
            .to_vec(),
    }
}

fn generate_content_type(rng: &mut Rng) -> Option<Vec<u8>> {
    const TYPES: [&str; 8] = [
        "application/json",
        "application/json;charset=UTF-8",
        "application/json",
        "text/html; charset=utf-8",
        "text/plain",
        "application/problem+json",
        "",
        "TEXT/HTML",
    ];
    match rng.below(10) {
        0 => None,
        1 => Some((0..rng.below(30)).map(|_| 0x80 | rng.byte()).collect()),
        _ => Some(rng.pick(&TYPES).as_bytes().to_vec()),
    }
}

fn generate_header(rng: &mut Rng) -> Vec<u8> {
    const NAMES: [&str; 7] = [
        "x-request-id",
        "server",
        "set-cookie",
        "cache-control",
        "content-encoding",
        "x-frame-options",
        "vary",
    ];
    const ENCODINGS: [&str; 5] = ["gzip", "br", "deflate", "identity", "x-garbage"];
    let name = if rng.percent(20) {
        let letters: String = (0..1 + rng.below(12))
            .map(|_| (b'a' + rng.below(26) as u8) as char)
            .collect();
        format!("x-{letters}")
    } else {
        rng.pick(&NAMES).to_string()
    };
    let value: Vec<u8> = if name == "content-encoding" {
        rng.pick(&ENCODINGS).as_bytes().to_vec()
    } else {
        (0..rng.below(40))
            .map(|_| 0x21 + rng.below(0x5e) as u8)
            .collect()
    };
    let mut line = name.into_bytes();
    line.extend_from_slice(b": ");
    line.extend(value);
    line.extend_from_slice(b"\r\n");
    line
}

/// Returns the body's kind, for the case summary, and its bytes.
fn generate_body(rng: &mut Rng, operation: usize) -> (&'static str, Vec<u8>) {
    match rng.below(20) {
        0..=4 => ("valid", success_body(operation, "fuzz-secret").into_bytes()),
        5..=6 => {
            let body = format!(
                r#"{{"error":{},"information":{},"version":"7.14.12","time":{}}}"#,
                random_json_string(rng),
                random_json_string(rng),
                rng.next_u64() as i64
            );
            ("JsonMessage", body.into_bytes())
        }
        7..=9 => {
            let mut body = String::new();
            random_json(rng, 4, &mut body);
            ("random JSON", body.into_bytes())
        }
        10..=13 => (
            "mutated",
            mutate(rng, success_body(operation, "fuzz-secret").into_bytes()),
        ),
        14 => {
            let length = rng.below(300);
            ("random bytes", random_bytes(rng, length))
        }
        15 => (
            "HTML",
            b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>".to_vec(),
        ),
        16 => ("empty", Vec::new()),
        17 => {
            if rng.percent(50) {
                ("JSON string", random_json_string(rng).into_bytes())
            } else {
                ("bare text", b"ott-7f0c2d".to_vec())
            }
        }
        18 => ("deep nesting", deep_nesting(rng)),
        _ => ("replaced value", replace_value(rng, operation)),
    }
}

fn random_bytes(rng: &mut Rng, length: usize) -> Vec<u8> {
    (0..length).map(|_| rng.byte()).collect()
}

fn random_json_string(rng: &mut Rng) -> String {
    const PIECES: [&str; 10] = [
        "a", "é", "\\n", "\\\"", "\\u0000", "\\ud800", "<", "💥", " ", "\\\\",
    ];
    let mut text = String::from("\"");
    for _ in 0..rng.below(12) {
        text.push_str(rng.pick(&PIECES));
    }
    text.push('"');
    text
}

fn random_json(rng: &mut Rng, depth: usize, out: &mut String) {
    let kinds = if depth == 0 { 5 } else { 7 };
    match rng.below(kinds) {
        0 => out.push_str("null"),
        1 => out.push_str(if rng.percent(50) { "true" } else { "false" }),
        2 => {
            const NUMBERS: [&str; 8] = [
                "0",
                "-1",
                "2147483648",
                "9223372036854775808",
                "1.5",
                "1e400",
                "-0",
                "12345678901234567890123",
            ];
            out.push_str(rng.pick(&NUMBERS));
        }
        3 => out.push_str(&random_json_string(rng)),
        4 => out.push_str("\"fuzz-secret\""),
        5 => {
            out.push('[');
            for item in 0..rng.below(4) {
                if item > 0 {
                    out.push(',');
                }
                random_json(rng, depth - 1, out);
            }
            out.push(']');
        }
        _ => {
            out.push('{');
            for item in 0..rng.below(5) {
                if item > 0 {
                    out.push(',');
                }
                out.push('"');
                out.push_str(rng.pick(&FIELD_NAMES));
                out.push_str("\":");
                random_json(rng, depth - 1, out);
            }
            out.push('}');
        }
    }
}

/// Truncates, flips, inserts or deletes bytes of a valid body.
fn mutate(rng: &mut Rng, mut body: Vec<u8>) -> Vec<u8> {
    const INSERTS: &[u8] = b"{}[]\",:-0123456789eE.\\ntfu\0";
    for _ in 0..1 + rng.below(3) {
        if body.is_empty() {
            break;
        }
        let position = rng.below(body.len());
        match rng.below(4) {
            0 => body.truncate(position),
            1 => body[position] = rng.byte(),
            2 => body.insert(position, rng.pick(INSERTS)),
            _ => {
                let end = (position + 1 + rng.below(16)).min(body.len());
                body.drain(position..end);
            }
        }
    }
    body
}

/// Replaces one field value of the valid body with a random JSON value.
fn replace_value(rng: &mut Rng, operation: usize) -> Vec<u8> {
    let body = success_body(operation, "fuzz-secret");
    let fields: Vec<usize> = body.match_indices("\":").map(|(at, _)| at + 2).collect();
    if fields.is_empty() {
        return body.into_bytes();
    }
    let start = fields[rng.below(fields.len())];
    let end = value_end(body.as_bytes(), start);
    let mut replacement = String::new();
    random_json(rng, 2, &mut replacement);
    format!("{}{replacement}{}", &body[..start], &body[end..]).into_bytes()
}

/// Returns the index just past the JSON value that starts at `start`.
fn value_end(bytes: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (offset, &byte) in bytes[start..].iter().enumerate() {
        if in_string {
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => {
                    in_string = false;
                    if depth == 0 {
                        return start + offset + 1;
                    }
                }
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' if depth == 0 => return start + offset,
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return start + offset + 1;
                }
            }
            b',' if depth == 0 => return start + offset,
            _ => {}
        }
    }
    bytes.len()
}

fn deep_nesting(rng: &mut Rng) -> Vec<u8> {
    let depth = 50 + rng.below(5_000);
    let (open, close) = if rng.percent(50) {
        ("[", "]")
    } else {
        ("{\"userList\":", "}")
    };
    let mut body = open.repeat(depth);
    if rng.percent(50) {
        body.push_str("null");
        body.push_str(&close.repeat(depth));
    }
    body.into_bytes()
}

/// Encodes `body` in chunks; a broken encoding gets a wrong size and no last chunk.
fn chunked(rng: &mut Rng, body: &[u8], valid: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let size = (1 + rng.below(64)).min(rest.len());
        let (chunk, tail) = rest.split_at(size);
        let declared = if valid { size } else { size + 3 };
        out.extend(format!("{declared:x}\r\n").bytes());
        out.extend_from_slice(chunk);
        out.extend_from_slice(b"\r\n");
        rest = tail;
    }
    if valid {
        out.extend_from_slice(b"0\r\n\r\n");
    } else if body.is_empty() {
        out.extend_from_slice(b"zz\r\n");
    }
    out
}

/// Outcome counts of a fuzz run.
#[derive(Debug, Default)]
struct Tally {
    ok: usize,
    api: usize,
    unexpected_body: usize,
    decode: usize,
    transport: usize,
    ok_per_operation: [usize; 23],
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.ok += other.ok;
        self.api += other.api;
        self.unexpected_body += other.unexpected_body;
        self.decode += other.decode;
        self.transport += other.transport;
        for (total, lane) in self.ok_per_operation.iter_mut().zip(other.ok_per_operation) {
            *total += lane;
        }
    }
}

/// Checks the result of one case against the response that was sent.
fn check_outcome(case: &Case, result: &Result<String, Error>, tally: &mut Tally) {
    let summary = &case.summary;
    let success = (200..300).contains(&case.status);
    let error = match result {
        Ok(_) => {
            assert!(success, "{summary}: returned a value for a non-2xx status");
            tally.ok += 1;
            tally.ok_per_operation[case.operation] += 1;
            return;
        }
        Err(error) => error,
    };

    // Formatting must not panic either.
    let display = error.to_string();
    let debug = format!("{error:?}");
    assert!(!display.is_empty(), "{summary}");
    assert!(!debug.is_empty(), "{summary}");
    assert_eq!(error.operation(), OPERATIONS[case.operation].0, "{summary}");

    match error {
        Error::Api { status, .. } => {
            assert!(!success, "{summary}: Error::Api for a 2xx status");
            assert_eq!(status.as_u16(), case.status, "{summary}");
            tally.api += 1;
        }
        Error::UnexpectedBody { status, .. } => {
            assert_eq!(status.as_u16(), case.status, "{summary}");
            tally.unexpected_body += 1;
        }
        Error::Decode { status, .. } => {
            assert!(success, "{summary}: Error::Decode for a non-2xx status");
            assert_eq!(status.as_u16(), case.status, "{summary}");
            tally.decode += 1;
        }
        Error::Transport { .. } => {
            assert!(!error.is_timeout(), "{summary}: timed out: {error:?}");
            assert!(
                !case.well_formed,
                "{summary}: transport error for a well-formed response: {error:?}"
            );
            tally.transport += 1;
        }
        other => panic!("{summary}: unexpected error {other:?}"),
    }
}

async fn run_lane(lane: usize, cases: usize, seed: u64) -> Tally {
    let server = ScriptedServer::start(Behaviour::Silent).await;
    let http = loopback_http(CLIENT_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("reqwest client builds");
    let client = Client::with_http_client(&server.base_url(), http).expect("valid base URL");
    let inputs = Arc::new(Inputs::plain());
    let mut tally = Tally::default();

    for index in (lane..cases).step_by(LANES) {
        let case = generate_case(seed, index);
        server.set_behaviour(Behaviour::Reply {
            bytes: case.bytes.clone().into(),
            close: case.close,
        });
        let client = client.clone();
        let inputs = Arc::clone(&inputs);
        let operation = case.operation;
        let call = tokio::spawn(async move { call_operation(&client, operation, &inputs).await });
        let result = match tokio::time::timeout(CASE_LIMIT, call).await {
            Ok(Ok(result)) => result,
            Ok(Err(join_error)) => panic!("{}: the call panicked: {join_error}", case.summary),
            Err(_) => panic!("{}: no result within {CASE_LIMIT:?}", case.summary),
        };
        check_outcome(&case, &result, &mut tally);
    }
    tally
}

fn env_number<T: std::str::FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(text) => text
            .trim()
            .replace(['_', ','], "")
            .parse()
            .unwrap_or_else(|_| panic!("{name}={text:?} is not a valid number")),
        Err(_) => default,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fuzzed_responses_never_panic_or_hang() {
    let cases: usize = env_number("SIMSAGE_FUZZ_CASES", DEFAULT_CASES);
    let seed = match std::env::var("SIMSAGE_FUZZ_SEED") {
        Ok(text) => u64::from_str_radix(text.trim().trim_start_matches("0x"), 16)
            .unwrap_or_else(|_| panic!("SIMSAGE_FUZZ_SEED={text:?} is not a hexadecimal number")),
        Err(_) => DEFAULT_SEED,
    };

    let started = Instant::now();
    let lanes: Vec<_> = (0..LANES)
        .map(|lane| tokio::spawn(run_lane(lane, cases, seed)))
        .collect();
    let mut tally = Tally::default();
    for lane in lanes {
        match lane.await {
            Ok(lane_tally) => tally.add(&lane_tally),
            Err(error) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
            Err(error) => panic!("fuzz lane failed: {error}"),
        }
    }
    let elapsed = started.elapsed();
    println!(
        "fuzz: {cases} cases in {:.2} s ({:.0} cases/s), seed {seed:#x}: {} values, \
         {} Api, {} UnexpectedBody, {} Decode, {} Transport",
        elapsed.as_secs_f64(),
        cases as f64 / elapsed.as_secs_f64(),
        tally.ok,
        tally.api,
        tally.unexpected_body,
        tally.decode,
        tally.transport,
    );

    let total = tally.ok + tally.api + tally.unexpected_body + tally.decode + tally.transport;
    assert_eq!(total, cases);
    if cases >= DEFAULT_CASES {
        // Enough cases to reach every outcome and a successful decode of every operation.
        for (name, count) in [
            ("values", tally.ok),
            ("Api", tally.api),
            ("UnexpectedBody", tally.unexpected_body),
            ("Decode", tally.decode),
            ("Transport", tally.transport),
        ] {
            assert!(count > 0, "no case produced {name}: {tally:?}");
        }
        for (index, count) in tally.ok_per_operation.iter().enumerate() {
            assert!(*count > 0, "{} never decoded a value", OPERATIONS[index].0);
        }
    }
}
