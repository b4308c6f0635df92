//! A tiny LSP client for tests and the benchmark: Content-Length framing,
//! request/response matching, notification capture with timeouts, automatic
//! answers to server requests. Works over the in-process server (tokio
//! duplex pipes) or the built binary (real stdio pipes).

#![allow(dead_code, unreachable_pub)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// Default wait for anything.
pub const TIMEOUT: Duration = Duration::from_secs(20);

type Out = Arc<dyn Fn(Vec<u8>) + Send + Sync>;

/// Frames a message.
pub fn frame(msg: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(msg).unwrap();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend(body);
    out
}

/// Reads one framed message; `None` at end of input.
pub fn read_frame(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// Handles one message from the server: answers server requests with
/// `null` and forwards everything (with its arrival time).
fn dispatch(msg: Value, out: &Out, tx: &Sender<(Instant, Value)>) {
    if msg.get("method").is_some() && msg.get("id").is_some() {
        let answer = json!({"jsonrpc": "2.0", "id": msg["id"].clone(), "result": Value::Null});
        out(frame(&answer));
    }
    let _ = tx.send((Instant::now(), msg));
}

/// How the server runs.
enum Backend {
    InProcess {
        runtime: Option<tokio::runtime::Runtime>,
        server: Option<tokio::task::JoinHandle<bool>>,
    },
    Process {
        child: Child,
    },
}

/// A client connected to one server.
pub struct Client {
    out: Out,
    rx: Receiver<(Instant, Value)>,
    /// Notifications and server requests received so far, with arrival times.
    pub log: Vec<(Instant, Value)>,
    responses: HashMap<i64, Value>,
    next_id: i64,
    backend: Backend,
}

impl Client {
    /// Starts the in-process server over tokio duplex pipes.
    pub fn in_process(options: resume_lsp::lsp::ServeOptions) -> Client {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let (client_w, server_r) = tokio::io::duplex(1 << 20);
        let (server_w, client_r) = tokio::io::duplex(1 << 20);
        let server = runtime.spawn(resume_lsp::lsp::serve_with(server_r, server_w, options));
        let (wtx, mut wrx) = tokio::sync::mpsc::unbounded_channel::<Vec<u8>>();
        runtime.spawn(async move {
            use tokio::io::AsyncWriteExt;
            let mut w = client_w;
            while let Some(bytes) = wrx.recv().await {
                if w.write_all(&bytes).await.is_err() {
                    break;
                }
            }
        });
        let out: Out = Arc::new(move |bytes| {
            let _ = wtx.send(bytes);
        });
        let (tx, rx) = channel();
        let reader_out = out.clone();
        // Bridge the async reader to a blocking frame parser.
        let (btx, brx) = std::sync::mpsc::channel::<Vec<u8>>();
        runtime.spawn(async move {
            use tokio::io::AsyncReadExt;
            let mut r = client_r;
            let mut buf = vec![0u8; 1 << 16];
            loop {
                match r.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if btx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        std::thread::spawn(move || {
            let mut reader = BufReader::new(ChannelReader {
                rx: brx,
                buf: Vec::new(),
                pos: 0,
            });
            while let Some(msg) = read_frame(&mut reader) {
                dispatch(msg, &reader_out, &tx);
            }
        });
        Client {
            out,
            rx,
            log: Vec::new(),
            responses: HashMap::new(),
            next_id: 1,
            backend: Backend::InProcess {
                runtime: Some(runtime),
                server: Some(server),
            },
        }
    }

    /// Starts the built binary with `args` over real stdio pipes.
    pub fn binary(path: &str, args: &[&str]) -> Client {
        let mut child = Command::new(path)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(if std::env::var_os("RESUME_LSP_TIMING").is_some() {
                Stdio::inherit()
            } else {
                Stdio::null()
            })
            .spawn()
            .expect("the resume-lsp binary starts");
        let stdin = Mutex::new(child.stdin.take().unwrap());
        let stdout = child.stdout.take().unwrap();
        let out: Out = Arc::new(move |bytes| {
            if let Ok(mut w) = stdin.lock() {
                let _ = w.write_all(&bytes);
                let _ = w.flush();
            }
        });
        let (tx, rx) = channel();
        let reader_out = out.clone();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(msg) = read_frame(&mut reader) {
                dispatch(msg, &reader_out, &tx);
            }
        });
        Client {
            out,
            rx,
            log: Vec::new(),
            responses: HashMap::new(),
            next_id: 1,
            backend: Backend::Process { child },
        }
    }

    /// The server's process id (binary only).
    pub fn pid(&self) -> Option<u32> {
        match &self.backend {
            Backend::Process { child } => Some(child.id()),
            Backend::InProcess { .. } => None,
        }
    }

    /// Sends raw bytes.
    pub fn send_raw(&self, bytes: Vec<u8>) {
        (self.out)(bytes);
    }

    /// Sends a notification.
    pub fn notify(&self, method: &str, params: Value) {
        (self.out)(frame(
            &json!({"jsonrpc": "2.0", "method": method, "params": params}),
        ));
    }

    /// Sends a request without waiting; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        let mut msg = json!({"jsonrpc": "2.0", "id": id, "method": method});
        if !params.is_null() {
            msg["params"] = params;
        }
        (self.out)(frame(&msg));
        id
    }

    fn pump(&mut self, deadline: Instant) -> bool {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.rx.recv_timeout(left) {
            Ok((at, msg)) => {
                let is_response = msg.get("method").is_none();
                if is_response {
                    // Error answers to messages without a usable id (id
                    // `null`) are logged like notifications.
                    match msg.get("id").and_then(Value::as_i64) {
                        Some(id) => {
                            self.responses.insert(id, msg);
                        }
                        None => self.log.push((at, msg)),
                    }
                } else {
                    self.log.push((at, msg));
                }
                true
            }
            Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => false,
        }
    }

    /// Waits for the response to request `id` (the whole message).
    pub fn response(&mut self, id: i64) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(r) = self.responses.remove(&id) {
                return r;
            }
            assert!(self.pump(deadline), "no response to request {id}");
        }
    }

    /// Sends a request and waits for its whole response message.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(id)
    }

    /// Sends a request and returns its `result`, failing on an error.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let r = self.request(method, params);
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    /// Waits until a logged message satisfies `pred`; returns the first one.
    pub fn wait_for(&mut self, timeout: Duration, pred: impl Fn(&Value) -> bool) -> Option<Value> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some((_, m)) = self.log.iter().find(|(_, m)| pred(m)) {
                return Some(m.clone());
            }
            if !self.pump(deadline) {
                return None;
            }
        }
    }

    /// Lets messages arrive for `d`.
    pub fn drain_for(&mut self, d: Duration) {
        let deadline = Instant::now() + d;
        while self.pump(deadline) {}
    }

    /// Initializes with `capabilities` and `options`; returns the result.
    pub fn initialize(&mut self, capabilities: Value, options: Value) -> Value {
        let mut params = json!({"processId": null, "rootUri": null, "capabilities": capabilities});
        if !options.is_null() {
            params["initializationOptions"] = options;
        }
        let result = self.call("initialize", params);
        self.notify("initialized", json!({}));
        result
    }

    /// Initializes with default (UTF-16, push) capabilities.
    pub fn start(&mut self) -> Value {
        self.initialize(json!({}), Value::Null)
    }

    /// Opens a document.
    pub fn open(&self, uri: &str, language: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}),
        );
    }

    /// Sends incremental changes.
    pub fn change(&self, uri: &str, version: i32, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// The latest diagnostics published for `uri` once one with version
    /// `>= version` (any version when `None`) has arrived.
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        self.diagnostics_message(uri, version)["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Like [`Client::diagnostics`], the whole notification.
    pub fn diagnostics_message(&mut self, uri: &str, version: Option<i64>) -> Value {
        let matches = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && version
                    .is_none_or(|v| m["params"]["version"].as_i64().is_some_and(|got| got >= v))
        };
        let found = self.wait_for(TIMEOUT, matches);
        assert!(
            found.is_some(),
            "no diagnostics for {uri} at version {version:?}"
        );
        // The latest for this URI.
        self.log
            .iter()
            .rev()
            .find(|(_, m)| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
            })
            .map(|(_, m)| m.clone())
            .unwrap()
    }

    /// Forgets logged messages.
    pub fn clear_log(&mut self) {
        self.log.clear();
    }

    /// Sends `shutdown` (expecting success) then `exit`.
    pub fn shutdown_and_exit(&mut self) {
        let r = self.request("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "shutdown failed: {r}");
        self.notify("exit", Value::Null);
    }

    /// Waits for the server to stop and returns whether it ended cleanly
    /// (in-process) or its exit code (binary, as `code == 0`); `None` on a
    /// timeout. See also [`Client::exit_code`].
    pub fn exit_code(&mut self) -> Option<i32> {
        match &mut self.backend {
            Backend::InProcess { runtime, server } => {
                let handle = server.take()?;
                let clean = runtime
                    .as_ref()?
                    .block_on(async { tokio::time::timeout(TIMEOUT, handle).await })
                    .ok()?
                    .ok()?;
                Some(if clean { 0 } else { 1 })
            }
            Backend::Process { child } => {
                let deadline = Instant::now() + TIMEOUT;
                loop {
                    if let Some(status) = child.try_wait().ok()? {
                        return status.code();
                    }
                    if Instant::now() > deadline {
                        let _ = child.kill();
                        return None;
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
            }
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        match &mut self.backend {
            Backend::Process { child } => {
                if child.try_wait().ok().flatten().is_none() {
                    let _ = child.kill();
                    let _ = child.wait();
                }
            }
            Backend::InProcess { runtime, .. } => {
                if let Some(rt) = runtime.take() {
                    rt.shutdown_background();
                }
            }
        }
    }
}

/// A `Read` over chunks arriving on a channel.
struct ChannelReader {
    rx: Receiver<Vec<u8>>,
    buf: Vec<u8>,
    pos: usize,
}

impl Read for ChannelReader {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.pos >= self.buf.len() {
            match self.rx.recv() {
                Ok(chunk) => {
                    self.buf = chunk;
                    self.pos = 0;
                }
                Err(_) => return Ok(0),
            }
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Column of byte `offset` of `line` in UTF-16 code units.
pub fn utf16_col(line: &str, offset: usize) -> usize {
    line[..offset].chars().map(char::len_utf16).sum()
}

/// Byte offset of an LSP position (`utf16` or UTF-8 columns) in `text`.
pub fn offset_of(text: &str, line: usize, character: usize, utf16: bool) -> usize {
    let mut start = 0;
    for _ in 0..line {
        start += text[start..]
            .find('\n')
            .map_or(text.len() - start, |i| i + 1);
    }
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let mut units = 0;
    for (i, ch) in text[start..end].char_indices() {
        if units >= character {
            return start + i;
        }
        units += if utf16 { ch.len_utf16() } else { ch.len_utf8() };
    }
    end
}

/// Applies LSP text edits (non-overlapping, same version) to `text`.
pub fn apply_text_edits(text: &str, edits: &[Value], utf16: bool) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let r = &e["range"];
            let pos = |p: &Value| {
                offset_of(
                    text,
                    p["line"].as_u64().unwrap() as usize,
                    p["character"].as_u64().unwrap() as usize,
                    utf16,
                )
            };
            (
                pos(&r["start"]),
                pos(&r["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (s, e, t) in spans {
        out.replace_range(s..e, &t);
    }
    out
}

/// The text edits of a code action's workspace edit for `uri`.
pub fn action_edits(action: &Value, uri: &str) -> Vec<Value> {
    let edit = &action["edit"];
    if let Some(changes) = edit["changes"][uri].as_array() {
        return changes.clone();
    }
    edit["documentChanges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["textDocument"]["uri"] == uri)
        .flat_map(|d| d["edits"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// Codes of a diagnostics list.
pub fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

/// An empty scratch directory for one test (per process, so runs in
/// parallel do not meet).
#[allow(dead_code)]
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("resume-lsp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A 2-page Markdown resume used by several tests and the benchmark.
pub const RESUME_MD: &str = "# Jordan Example

jordan@example.com · github.com/jordan

## Experience

### Backend Engineer, Northwind Labs — Jan 2021 – Present

- Responsible for the billing service and its on-call rotation
- Cut checkout latency by 40% by caching tax lookups
- Led the NLP search revamp for the support team

### Software Intern, Contoso — June 2019 - Aug 2019

- Built an internal dashboard for warehouse staff
- Reduced nightly batch time from 6 hours to 2 hours

## Education

### B.Sc. Computer Science, State University — 2015 – 2019

## Skills

- Languages: Python, Go, SQL
";
