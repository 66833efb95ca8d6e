//! A minimal HTTP/1.1 server on 127.0.0.1 that records each request as it arrived.
//!
//! httpmock parses requests before its matchers see them. This server keeps the request
//! line byte for byte, so tests can check the exact percent-encoded path on the wire, and
//! it counts TCP connections, so tests can check connection reuse.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

/// Maximum size of a request head that the server accepts.
const MAX_HEAD_BYTES: usize = 64 * 1024;

/// One request as it arrived on the wire.
#[derive(Debug, Clone)]
pub struct RawRequest {
    /// The request line without its line break, such as `GET /api/auth/version HTTP/1.1`.
    pub request_line: String,
    /// The method from the request line.
    pub method: String,
    /// The request target from the request line: the path and query exactly as sent.
    pub target: String,
    /// The header fields in the order sent, with names as sent.
    pub headers: Vec<(String, String)>,
    /// The body, read according to `Content-Length`.
    pub body: Vec<u8>,
}

impl RawRequest {
    /// Returns the values of every header field named `name`, compared case-insensitively.
    pub fn header_values(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(field, _)| field.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
            .collect()
    }

    /// Returns the value of the header field named `name` if it was sent exactly once.
    pub fn header(&self, name: &str) -> Option<&str> {
        match self.header_values(name).as_slice() {
            [value] => Some(value),
            _ => None,
        }
    }

    /// Returns the whole request head as text: request line, then one `name: value` line
    /// per header field.
    pub fn head_text(&self) -> String {
        let mut text = self.request_line.clone();
        for (name, value) in &self.headers {
            text.push('\n');
            text.push_str(name);
            text.push_str(": ");
            text.push_str(value);
        }
        text
    }
}

/// The response that the server sends to every request.
#[derive(Debug, Clone)]
pub struct RawResponse {
    /// Status code, such as 200.
    pub status: u16,
    /// Reason phrase, such as `OK`.
    pub reason: &'static str,
    /// Value of the `Content-Type` header.
    pub content_type: &'static str,
    /// Further header fields, such as `Location`.
    pub headers: Vec<(String, String)>,
    /// Body, sent with a matching `Content-Length`.
    pub body: String,
}

impl RawResponse {
    /// Builds a `200 OK` response with a JSON body.
    pub fn ok_json(body: &str) -> Self {
        RawResponse {
            status: 200,
            reason: "OK",
            content_type: "application/json",
            headers: Vec::new(),
            body: body.to_string(),
        }
    }

    /// Builds a redirect with `status`, such as 302 or 307, to `location`.
    pub fn redirect(status: u16, location: &str) -> Self {
        RawResponse {
            status,
            reason: "Redirect",
            content_type: "text/plain",
            headers: vec![("location".to_string(), location.to_string())],
            body: String::new(),
        }
    }

    fn to_bytes(&self) -> Vec<u8> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\ncontent-type: {}\r\ncontent-length: {}\r\n",
            self.status,
            self.reason,
            self.content_type,
            self.body.len()
        );
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(self.body.as_bytes());
        bytes
    }
}

/// What the server does after reading a request.
#[derive(Debug, Clone)]
enum Behaviour {
    /// Send the response and keep the connection open for the next request.
    Respond(RawResponse),
    /// Record the request and never respond, so that clients time out.
    Silent,
}

#[derive(Debug, Default)]
struct Log {
    connections: usize,
    requests: Vec<RawRequest>,
}

/// A running server. It stops when dropped.
pub struct RawServer {
    address: SocketAddr,
    log: Arc<Mutex<Log>>,
    accept_task: JoinHandle<()>,
}

impl RawServer {
    /// Starts a server that responds to every request with `response` and keeps
    /// connections alive.
    pub async fn start(response: RawResponse) -> Self {
        Self::start_with(Behaviour::Respond(response)).await
    }

    /// Starts a server that reads requests but never responds to them.
    pub async fn start_silent() -> Self {
        Self::start_with(Behaviour::Silent).await
    }

    async fn start_with(behaviour: Behaviour) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binding a TCP listener on 127.0.0.1 failed");
        let address = listener
            .local_addr()
            .expect("the listener has no local address");
        let log = Arc::new(Mutex::new(Log::default()));
        let accept_task = tokio::spawn(accept_loop(listener, behaviour, Arc::clone(&log)));
        RawServer {
            address,
            log,
            accept_task,
        }
    }

    /// Returns the URL to pass to `Client::new`, such as `http://127.0.0.1:41234`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Returns the number of TCP connections accepted so far.
    pub fn connections(&self) -> usize {
        self.lock().connections
    }

    /// Returns the requests received so far, oldest first.
    pub fn requests(&self) -> Vec<RawRequest> {
        self.lock().requests.clone()
    }

    /// Returns the only request received so far, and panics with the list otherwise.
    pub fn only_request(&self) -> RawRequest {
        let requests = self.requests();
        match requests.as_slice() {
            [request] => request.clone(),
            _ => panic!(
                "expected exactly one request, but the server received {}: {:#?}",
                requests.len(),
                requests
            ),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Log> {
        self.log
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        // Aborting the accept task drops its JoinSet, which aborts every connection task.
        self.accept_task.abort();
    }
}

async fn accept_loop(listener: TcpListener, behaviour: Behaviour, log: Arc<Mutex<Log>>) {
    let mut connections = JoinSet::new();
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            return;
        };
        log.lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .connections += 1;
        connections.spawn(serve_connection(
            stream,
            behaviour.clone(),
            Arc::clone(&log),
        ));
    }
}

/// Reads requests from one connection until the client closes it.
async fn serve_connection(mut stream: TcpStream, behaviour: Behaviour, log: Arc<Mutex<Log>>) {
    let mut buffer = Vec::new();
    while let Some(request) = read_request(&mut stream, &mut buffer).await {
        log.lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .requests
            .push(request);
        match &behaviour {
            Behaviour::Respond(response) => {
                if stream.write_all(&response.to_bytes()).await.is_err() {
                    return;
                }
            }
            Behaviour::Silent => {}
        }
    }
}

/// Reads one request from `stream`. `buffer` keeps bytes that arrived after it, which
/// belong to the next request. Returns `None` when the connection closes or the request
/// cannot be parsed.
async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<RawRequest> {
    let head_end = loop {
        if let Some(position) = find(buffer, b"\r\n\r\n") {
            break position;
        }
        if buffer.len() > MAX_HEAD_BYTES || !read_more(stream, buffer).await {
            return None;
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let body_start = head_end + 4;

    let mut lines = head.split("\r\n");
    let request_line = lines.next()?.to_string();
    let mut parts = request_line.split(' ');
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.to_string(), value.trim().to_string()))
        .collect();

    let content_length = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.parse::<usize>().ok())
        .unwrap_or(0);
    while buffer.len() < body_start + content_length {
        if !read_more(stream, buffer).await {
            return None;
        }
    }
    let body = buffer[body_start..body_start + content_length].to_vec();
    buffer.drain(..body_start + content_length);

    Some(RawRequest {
        request_line,
        method,
        target,
        headers,
        body,
    })
}

/// Appends what the peer sent next to `buffer`. Returns false on end of stream or error.
async fn read_more(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> bool {
    let mut chunk = [0_u8; 4096];
    match stream.read(&mut chunk).await {
        Ok(0) | Err(_) => false,
        Ok(read) => {
            buffer.extend_from_slice(&chunk[..read]);
            true
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}
