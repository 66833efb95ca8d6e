//! Request throughput on loopback: `get_users_paginated` against the same request written
//! by hand with reqwest and serde_json, and against a raw TCP client.
//!
//! All three send the same request to one in-process server on 127.0.0.1, which sends the
//! same bytes, a page of 10 users, in response to every request over kept-alive
//! connections.
//! The generated client and the hand-written call share one `reqwest::Client`, so their
//! settings and connection pool are identical. The raw client writes the request bytes
//! and reads the known response length, and shows what the server and the loopback
//! stack cost per request; the rest of each client's time is its own.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use reqwest::header::{ACCEPT, HeaderValue};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::runtime::Runtime;

use crate::fixtures::{self, plain};
use crate::harness::{self, Plan, Summary};
use crate::report::{Goal, Report};

const ORGANISATION_ID: &str = "c276f883-e0c8-43ae-9119-df8b7df9c574";
const SESSION_ID: &str = "2c7a4ba2-0a49-4d38-9a39-5a1f0c2f4c11";
pub const CONCURRENCY: usize = 64;

/// Requests per sample.
#[derive(Debug, Clone, Copy)]
pub struct Load {
    pub sequential: usize,
    /// Requests per task in the concurrent runs; each sample sends this times [`CONCURRENCY`].
    pub per_task: usize,
}

/// One throughput sample.
#[derive(Debug, Clone, Copy)]
struct Rate {
    per_second: f64,
    /// CPU time of the whole process (clients, server and runtime) per request.
    cpu_per_request: f64,
}

/// Runs `requests` requests through `run` on `runtime` and measures them.
fn measure<Fut: Future<Output = ()>>(runtime: &Runtime, requests: usize, run: Fut) -> Rate {
    let cpu_start = harness::process_cpu_seconds();
    let started = Instant::now();
    runtime.block_on(run);
    let wall = started.elapsed().as_secs_f64();
    let cpu = match (cpu_start, harness::process_cpu_seconds()) {
        (Some(start), Some(end)) => end - start,
        _ => wall,
    };
    Rate {
        per_second: requests as f64 / wall,
        cpu_per_request: cpu / requests as f64,
    }
}

/// Starts a server on 127.0.0.1 that sends `response` for each request head it reads.
async fn start_fixed_server(response: Arc<[u8]>) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binding 127.0.0.1:0 failed");
    let address = listener.local_addr().expect("listener address");
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            tokio::spawn(serve(stream, Arc::clone(&response)));
        }
    });
    address
}

/// Sends the response for every request head on the connection; the requests have no body.
async fn serve(mut stream: TcpStream, response: Arc<[u8]>) {
    let _ = stream.set_nodelay(true);
    let mut buffer = vec![0u8; 16 * 1024];
    let mut filled = 0;
    loop {
        match stream.read(&mut buffer[filled..]).await {
            Ok(0) | Err(_) => return,
            Ok(n) => filled += n,
        }
        let mut consumed = 0;
        while let Some(end) = find_head_end(&buffer[consumed..filled]) {
            consumed += end;
            if stream.write_all(&response).await.is_err() {
                return;
            }
        }
        buffer.copy_within(consumed..filled, 0);
        filled -= consumed;
        if filled == buffer.len() {
            return;
        }
    }
}

/// Returns the length of the first request head in `bytes`, if complete.
fn find_head_end(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .map(|at| at + 4)
}

fn response_bytes(body: &str) -> Vec<u8> {
    let mut bytes = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    bytes.extend_from_slice(body.as_bytes());
    bytes
}

/// The three clients under test, sharing one server.
struct Contenders {
    generated: simsage_auth::Client,
    http: reqwest::Client,
    url: String,
    raw_request: Arc<[u8]>,
    response_length: usize,
    address: SocketAddr,
}

impl Contenders {
    async fn generated_call(&self) {
        let page = self
            .generated
            .get_users_paginated(ORGANISATION_ID, 0, 10, "", SESSION_ID)
            .await
            .expect("generated call succeeds");
        std::hint::black_box(page);
    }

    /// Sends the same request as a programmer would write it with reqwest and serde_json.
    async fn hand_written_call(&self) {
        let response = self
            .http
            .get(&self.url)
            .header("session-id", SESSION_ID)
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .send()
            .await
            .expect("hand-written call succeeds");
        assert!(response.status().is_success());
        let body = response.bytes().await.expect("body arrives");
        let page: plain::UserList = serde_json::from_slice(&body).expect("body decodes");
        std::hint::black_box(page);
    }

    async fn raw_calls(&self, stream: &mut TcpStream, count: usize) {
        let mut buffer = vec![0u8; self.response_length];
        for _ in 0..count {
            stream
                .write_all(&self.raw_request)
                .await
                .expect("raw write");
            stream.read_exact(&mut buffer).await.expect("raw read");
        }
    }
}

/// Makes `count` sequential calls of `call`.
async fn sequential<F, Fut>(count: usize, mut call: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = ()>,
{
    for _ in 0..count {
        call().await;
    }
}

/// Runs [`CONCURRENCY`] tasks making `per_task` calls each.
async fn concurrent(contenders: &Arc<Contenders>, per_task: usize, generated: bool) {
    let tasks: Vec<_> = (0..CONCURRENCY)
        .map(|_| {
            let contenders = Arc::clone(contenders);
            tokio::spawn(async move {
                for _ in 0..per_task {
                    if generated {
                        contenders.generated_call().await;
                    } else {
                        contenders.hand_written_call().await;
                    }
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("call task panicked");
    }
}

/// Runs `per_task` raw requests on each of the [`CONCURRENCY`] connections at once.
async fn concurrent_raw(
    contenders: &Arc<Contenders>,
    streams: &mut Vec<TcpStream>,
    per_task: usize,
) {
    let tasks: Vec<_> = streams
        .drain(..)
        .map(|mut stream| {
            let contenders = Arc::clone(contenders);
            tokio::spawn(async move {
                contenders.raw_calls(&mut stream, per_task).await;
                stream
            })
        })
        .collect();
    for task in tasks {
        streams.push(task.await.expect("raw task panicked"));
    }
}

async fn raw_connection(address: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect(address).await.expect("raw connect");
    stream.set_nodelay(true).expect("set TCP_NODELAY");
    stream
}

/// Starts the server and builds the three clients; returns them with the body size.
fn setup(runtime: &Runtime) -> (Arc<Contenders>, usize) {
    let body = fixtures::user_list_json(10);
    let response: Arc<[u8]> = response_bytes(&body).into();
    let response_length = response.len();
    let address = runtime.block_on(start_fixed_server(response));
    let base_url = format!("http://{address}");

    let http = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("reqwest client builds");
    let generated = simsage_auth::Client::with_http_client(&base_url, http.clone())
        .expect("loopback base URL is valid");
    let url = format!("{base_url}/api/auth/users-paginated/{ORGANISATION_ID}/0/10/null");
    let raw_request = format!(
        "GET /api/auth/users-paginated/{ORGANISATION_ID}/0/10/null HTTP/1.1\r\n\
         accept: application/json\r\nsession-id: {SESSION_ID}\r\nhost: {address}\r\n\r\n"
    );
    let contenders = Arc::new(Contenders {
        generated,
        http,
        url,
        raw_request: raw_request.into_bytes().into(),
        response_length,
        address,
    });
    (contenders, body.len())
}

/// Makes `tasks × per_task` calls with one contender only, so that a profiler attached to
/// the process records no other client. `contender` is `generated` or `hand-written`.
pub fn profile(contender: &str, tasks: usize, per_task: usize) -> Result<(), String> {
    let generated = match contender {
        "generated" => true,
        "hand-written" => false,
        other => {
            return Err(format!(
                "unknown contender {other:?}; use generated or hand-written"
            ));
        }
    };
    let runtime = Runtime::new().expect("tokio runtime starts");
    let (contenders, _) = setup(&runtime);
    let rate = measure(&runtime, tasks * per_task, async {
        let handles: Vec<_> = (0..tasks)
            .map(|_| {
                let contenders = Arc::clone(&contenders);
                tokio::spawn(async move {
                    for _ in 0..per_task {
                        if generated {
                            contenders.generated_call().await;
                        } else {
                            contenders.hand_written_call().await;
                        }
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.await.expect("call task panicked");
        }
    });
    eprintln!(
        "{contender}: {} requests, {:.0} per second, {} CPU per request",
        tasks * per_task,
        rate.per_second,
        harness::format_seconds(rate.cpu_per_request)
    );
    Ok(())
}

pub fn run(plan: Plan, load: Load, report: &mut Report) {
    report.section("2. Request throughput on loopback");
    let runtime = Runtime::new().expect("tokio runtime starts");
    let (contenders, body_length) = setup(&runtime);
    let response_length = contenders.response_length;

    report.line(&format!(
        "Response: a page of 10 users, {} bytes of JSON ({response_length} bytes with headers). \
         Server, clients and the tokio runtime ({} worker threads) share this machine's cores. \
         Each sample sends {} sequential requests, or {CONCURRENCY} tasks × {} requests.",
        body_length,
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        load.sequential,
        load.per_task,
    ));
    report.line("");
    report.line("| Mode | simsage-auth | hand-written reqwest + serde_json | raw TCP client | simsage-auth / hand-written |");
    report.line("| --- | --- | --- | --- | --- |");

    // Sequential.
    let mut raw_stream = runtime.block_on(raw_connection(contenders.address));
    let requests = load.sequential;
    let sequential_samples = {
        let mut generated = || {
            measure(
                &runtime,
                requests,
                sequential(requests, || contenders.generated_call()),
            )
        };
        let mut hand_written = || {
            measure(
                &runtime,
                requests,
                sequential(requests, || contenders.hand_written_call()),
            )
        };
        let mut raw = || {
            measure(
                &runtime,
                requests,
                contenders.raw_calls(&mut raw_stream, requests),
            )
        };
        harness::interleave(plan, &mut [&mut generated, &mut hand_written, &mut raw])
    };
    add_row(report, "sequential", &sequential_samples);

    // Concurrent.
    let mut streams = runtime.block_on(async {
        let mut streams = Vec::with_capacity(CONCURRENCY);
        for _ in 0..CONCURRENCY {
            streams.push(raw_connection(contenders.address).await);
        }
        streams
    });
    let requests = CONCURRENCY * load.per_task;
    let concurrent_samples = {
        let mut generated = || {
            measure(
                &runtime,
                requests,
                concurrent(&contenders, load.per_task, true),
            )
        };
        let mut hand_written = || {
            measure(
                &runtime,
                requests,
                concurrent(&contenders, load.per_task, false),
            )
        };
        let mut raw = || {
            measure(
                &runtime,
                requests,
                concurrent_raw(&contenders, &mut streams, load.per_task),
            )
        };
        harness::interleave(plan, &mut [&mut generated, &mut hand_written, &mut raw])
    };
    add_row(
        report,
        &format!("{CONCURRENCY} concurrent"),
        &concurrent_samples,
    );
    report.line("");
    report.line(
        "Throughput in requests per second: median (interquartile range). Ratios are the median \
         of per-round ratios; above 1 means simsage-auth is faster. CPU time per request is the \
         whole process's (clients, server and runtime), so the raw client's figure is what the \
         server and the loopback stack cost; the difference to it is the client's own cost.",
    );
    report.line("");
    report.line("| Mode | mean CPU per request: simsage-auth | hand-written | raw TCP client | client's own CPU, simsage-auth / hand-written |");
    report.line("| --- | --- | --- | --- | --- |");
    cpu_row(report, "sequential", &sequential_samples);
    cpu_row(
        report,
        &format!("{CONCURRENCY} concurrent"),
        &concurrent_samples,
    );
}

fn add_row(report: &mut Report, mode: &str, samples: &[Vec<Rate>]) {
    let rates: Vec<Vec<f64>> = samples
        .iter()
        .map(|rates| rates.iter().map(|rate| rate.per_second).collect())
        .collect();
    let ratios = harness::paired_ratios(&rates[0], &rates[1]);
    report.line(&format!(
        "| {mode} | {} | {} | {} | {} |",
        rate_cell(&rates[0]),
        rate_cell(&rates[1]),
        rate_cell(&rates[2]),
        harness::format_ratio(&ratios)
    ));
    report.goal(Goal::at_least(
        format!("Throughput, {mode}"),
        Summary::of(&ratios).median,
        0.98,
        "of the hand-written throughput",
    ));
}

/// Reports CPU time per request, and the clients' own share of it.
///
/// The means over all rounds are used, not per-round ratios, because the kernel may
/// account CPU time in whole scheduler ticks.
fn cpu_row(report: &mut Report, mode: &str, samples: &[Vec<Rate>]) {
    let mean = |rates: &[Rate]| {
        rates.iter().map(|rate| rate.cpu_per_request).sum::<f64>() / rates.len() as f64
    };
    let generated = mean(&samples[0]);
    let hand_written = mean(&samples[1]);
    let raw = mean(&samples[2]);
    report.line(&format!(
        "| {mode} | {} | {} | {} | {:.3} |",
        harness::format_seconds(generated),
        harness::format_seconds(hand_written),
        harness::format_seconds(raw),
        (generated - raw) / (hand_written - raw)
    ));
}

fn rate_cell(samples: &[f64]) -> String {
    let summary = Summary::of(samples);
    format!(
        "{:.0} ({:.0}–{:.0})",
        summary.median, summary.p25, summary.p75
    )
}
