//! A scripted HTTP/1.1 server on 127.0.0.1 whose reply can be changed between requests.
//!
//! Unlike httpmock, it sends any bytes it is given, including malformed status lines,
//! wrong `Content-Length` headers and truncated bodies, and it counts the TCP
//! connections it accepts.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// Largest request head or body the server reads; the client under test sends far less.
const MAX_REQUEST_BYTES: usize = 1 << 20;

/// What the server does with each request it reads.
#[derive(Debug, Clone)]
pub enum Behaviour {
    /// Writes the bytes as the whole response, then closes the connection if `close` is set
    /// and otherwise waits for the next request on it.
    Reply { bytes: Arc<[u8]>, close: bool },
    /// Sends no response; the connection stays open until the client closes it.
    Silent,
}

impl Behaviour {
    /// Builds a complete response with a correct `Content-Length`, kept alive.
    pub fn respond(status: u16, content_type: Option<&str>, body: &[u8]) -> Self {
        Behaviour::Reply {
            bytes: response_bytes(status, content_type, &[], body).into(),
            close: false,
        }
    }

    /// Builds a JSON response with a correct `Content-Length`, kept alive.
    pub fn json(status: u16, body: &str) -> Self {
        Self::respond(status, Some("application/json"), body.as_bytes())
    }

    /// Sends `bytes` exactly as given and then closes the connection.
    pub fn raw_then_close(bytes: impl Into<Vec<u8>>) -> Self {
        Behaviour::Reply {
            bytes: bytes.into().into(),
            close: true,
        }
    }
}

/// Builds a response with a correct `Content-Length` and the given extra header lines.
pub fn response_bytes(
    status: u16,
    content_type: Option<&str>,
    extra_headers: &[(&str, &str)],
    body: &[u8],
) -> Vec<u8> {
    let reason = reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|status| status.canonical_reason())
        .unwrap_or("Unknown");
    let mut head = format!("HTTP/1.1 {status} {reason}\r\n");
    if let Some(content_type) = content_type {
        head.push_str(&format!("content-type: {content_type}\r\n"));
    }
    for (name, value) in extra_headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// Connection and request counts, shared with the connection tasks.
#[derive(Default)]
struct Counters {
    accepted: AtomicUsize,
    open: AtomicUsize,
    peak_open: AtomicUsize,
    requests: AtomicUsize,
}

/// A running server. Dropping it stops accepting; open connections end with the runtime.
pub struct ScriptedServer {
    address: SocketAddr,
    behaviour: Arc<Mutex<Behaviour>>,
    counters: Arc<Counters>,
    accept_task: JoinHandle<()>,
}

impl ScriptedServer {
    /// Binds an ephemeral port on 127.0.0.1 and starts accepting connections.
    pub async fn start(behaviour: Behaviour) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binding 127.0.0.1:0 failed");
        let address = listener.local_addr().expect("listener has no address");
        let behaviour = Arc::new(Mutex::new(behaviour));
        let counters = Arc::new(Counters::default());
        let accept_task = tokio::spawn(accept_loop(
            listener,
            Arc::clone(&behaviour),
            Arc::clone(&counters),
        ));
        ScriptedServer {
            address,
            behaviour,
            counters,
            accept_task,
        }
    }

    /// Returns `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Replaces the behaviour for every request read from now on.
    pub fn set_behaviour(&self, behaviour: Behaviour) {
        *self.behaviour.lock().expect("behaviour lock poisoned") = behaviour;
    }

    /// Returns the number of TCP connections accepted so far.
    pub fn accepted(&self) -> usize {
        self.counters.accepted.load(Ordering::SeqCst)
    }

    /// Returns the number of connections that the client has not closed yet.
    pub fn open(&self) -> usize {
        self.counters.open.load(Ordering::SeqCst)
    }

    /// Returns the largest number of connections open at once since the start or the
    /// last [`ScriptedServer::reset_peak_open`].
    pub fn peak_open(&self) -> usize {
        self.counters.peak_open.load(Ordering::SeqCst)
    }

    /// Starts a new peak measurement at the current number of open connections.
    pub fn reset_peak_open(&self) {
        self.counters.peak_open.store(self.open(), Ordering::SeqCst);
    }

    /// Returns the number of complete requests read so far.
    pub fn requests(&self) -> usize {
        self.counters.requests.load(Ordering::SeqCst)
    }
}

impl Drop for ScriptedServer {
    fn drop(&mut self) {
        self.accept_task.abort();
    }
}

async fn accept_loop(
    listener: TcpListener,
    behaviour: Arc<Mutex<Behaviour>>,
    counters: Arc<Counters>,
) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        counters.accepted.fetch_add(1, Ordering::SeqCst);
        let open = counters.open.fetch_add(1, Ordering::SeqCst) + 1;
        counters.peak_open.fetch_max(open, Ordering::SeqCst);
        let behaviour = Arc::clone(&behaviour);
        let counters = Arc::clone(&counters);
        tokio::spawn(async move {
            serve_connection(stream, &behaviour, &counters).await;
            counters.open.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

async fn serve_connection(
    mut stream: TcpStream,
    behaviour: &Mutex<Behaviour>,
    counters: &Counters,
) {
    let _ = stream.set_nodelay(true);
    let mut buffer = Vec::with_capacity(4096);
    while read_request(&mut stream, &mut buffer).await {
        counters.requests.fetch_add(1, Ordering::SeqCst);
        let current = behaviour.lock().expect("behaviour lock poisoned").clone();
        match current {
            Behaviour::Silent => {
                // Wait for the client to give up; never write a byte.
                let mut sink = [0u8; 1024];
                while matches!(stream.read(&mut sink).await, Ok(n) if n > 0) {}
                return;
            }
            Behaviour::Reply { bytes, close } => {
                if stream.write_all(&bytes).await.is_err() {
                    return;
                }
                if close {
                    let _ = stream.shutdown().await;
                    return;
                }
            }
        }
    }
}

/// Reads one request (head and `Content-Length` body) and removes it from `buffer`.
///
/// Returns false when the client closed the connection or sent something unreadable.
async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> bool {
    let mut chunk = [0u8; 8192];
    loop {
        if let Some(head_end) = find(buffer, b"\r\n\r\n") {
            let total = head_end + 4 + content_length(&buffer[..head_end]);
            if total > MAX_REQUEST_BYTES {
                return false;
            }
            while buffer.len() < total {
                match stream.read(&mut chunk).await {
                    Ok(0) | Err(_) => return false,
                    Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                }
            }
            buffer.drain(..total);
            return true;
        }
        if buffer.len() > MAX_REQUEST_BYTES {
            return false;
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return false,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// Returns the request's `Content-Length`, or 0 when it has none.
fn content_length(head: &[u8]) -> usize {
    let head = String::from_utf8_lossy(head);
    head.lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse().ok())
        .unwrap_or(0)
}
