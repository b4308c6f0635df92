//! The server's input stream: frames are read here, checked, and only
//! well-formed JSON-RPC 2.0 messages reach tower-lsp-server, whose own
//! reader stops for good at the first message it cannot decode.
//!
//! A client may send anything (SPEC §9). What this module does with it:
//! - a frame whose header has no usable `Content-Length` (missing, not a
//!   number, too large), or bytes that are not a header at all: a parse
//!   error (-32700, id `null`) is answered and logged once, and reading
//!   resumes at the next `Content-Length` header;
//! - a body that stops short, because the next header arrives before the
//!   announced length is reached: the same, and the next frame is read
//!   from that header (a valid JSON text can never hold a raw
//!   `Content-Length: N` CR LF: raw line ends are not allowed in strings
//!   and the words are not JSON outside them);
//! - a body that is not UTF-8 or not JSON (a lone surrogate `"\ud800"`
//!   included): a parse error (-32700, id `null`);
//! - JSON that is not a JSON-RPC 2.0 request, notification or response
//!   (`[]`, `42`, no `"jsonrpc": "2.0"`, a method that is not a string, an
//!   id that is neither an integer nor a string): an invalid request
//!   (-32600, with the message's id when it has a usable one, else `null`);
//! - a request whose method starts with `$/`: method not found (-32601);
//!   tower-lsp-server would drop it unanswered.
//!
//! Errors are written through the [`Outbox`], as whole frames, and also go
//! to standard error. Good messages are framed again and written into a
//! pipe that tower-lsp-server reads.

use std::borrow::Cow;

use serde::Deserialize as _;
use serde_json::{json, Value};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tower_lsp_server::jsonrpc::{Request, Response};

use super::out::{self, Outbox};

/// The largest body accepted. Bigger frames are skipped as framing errors
/// (the largest resume is well under a megabyte; the document-size limit
/// of the engine is far below this).
pub(crate) const MAX_BODY: usize = 64 << 20;

/// A header block longer than this without its blank line is not a header.
const MAX_HEADER: usize = 8 << 10;

/// What one step of reading found.
#[derive(Debug, PartialEq)]
pub(crate) enum Event<'a> {
    /// A checked message: its body, to hand to the server.
    Message {
        body: &'a [u8],
        /// `exit`: nothing after it is read.
        exit: bool,
    },
    /// Something to answer with an error response, and log.
    Reject {
        id: Value,
        code: i64,
        message: String,
    },
}

/// The framing state: bytes read but not yet consumed.
#[derive(Default)]
pub(crate) struct Framer {
    buf: Vec<u8>,
    /// Where the unconsumed bytes start.
    pos: usize,
    /// How far the current body was already searched for a header.
    scanned: usize,
    /// After an error: bytes up to the next header are skipped silently.
    resyncing: bool,
}

/// Where `Content-Length` header names start in `bytes` (any letter case),
/// followed by `:`, optional blanks, digits, optional blanks and CR LF.
fn header_at(bytes: &[u8], from: usize) -> Option<usize> {
    const NAME: &[u8] = b"content-length";
    let mut i = from;
    while i + NAME.len() <= bytes.len() {
        let rel = memchr::memchr2(b'c', b'C', &bytes[i..])?;
        let at = i + rel;
        let rest = &bytes[at..];
        if rest.len() >= NAME.len() && rest[..NAME.len()].eq_ignore_ascii_case(NAME) {
            let mut j = NAME.len();
            let blank = |b: u8| b == b' ' || b == b'\t';
            if rest.get(j) == Some(&b':') {
                j += 1;
                while rest.get(j).copied().is_some_and(blank) {
                    j += 1;
                }
                let digits = j;
                while rest.get(j).is_some_and(u8::is_ascii_digit) {
                    j += 1;
                }
                if j > digits {
                    while rest.get(j).copied().is_some_and(blank) {
                        j += 1;
                    }
                    if rest.get(j) == Some(&b'\r') && rest.get(j + 1) == Some(&b'\n') {
                        return Some(at);
                    }
                }
            }
        }
        i = at + 1;
    }
    None
}

/// A header block read from the start of `bytes`.
enum Header {
    /// More bytes are needed.
    Partial,
    /// The body length and the header's length.
    Ok(usize, usize),
    /// Not a usable header; why.
    Bad(String),
}

fn parse_header(bytes: &[u8]) -> Header {
    let Some(end) = memchr::memmem::find(bytes, b"\r\n\r\n") else {
        return if bytes.len() > MAX_HEADER {
            Header::Bad(format!("no header end in the first {MAX_HEADER} bytes"))
        } else {
            Header::Partial
        };
    };
    if end > MAX_HEADER {
        return Header::Bad(format!("a header longer than {MAX_HEADER} bytes"));
    }
    let Ok(text) = std::str::from_utf8(&bytes[..end]) else {
        return Header::Bad("a header that is not UTF-8".into());
    };
    let mut length = None;
    for line in text.split("\r\n") {
        let Some((name, value)) = line.split_once(':') else {
            return Header::Bad(format!("a header line without a colon: {line:?}"));
        };
        let name = name.trim();
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return Header::Bad(format!("a bad header name: {name:?}"));
        }
        if name.eq_ignore_ascii_case("content-length") {
            match value.trim().parse::<usize>() {
                Ok(n) if n <= MAX_BODY => length = Some(n),
                Ok(n) => {
                    return Header::Bad(format!(
                        "Content-Length {n} is over the limit of {MAX_BODY} bytes"
                    ))
                }
                Err(_) => return Header::Bad(format!("Content-Length {:?}", value.trim())),
            }
        }
    }
    match length {
        Some(n) => Header::Ok(n, end + 4),
        None => Header::Bad("a header without Content-Length".into()),
    }
}

fn parse_error(message: String) -> Event<'static> {
    Event::Reject {
        id: Value::Null,
        code: -32700,
        message,
    }
}

/// Checks one body: an [`Event::Message`] when tower-lsp-server can decode
/// it, otherwise the error it deserves.
pub(crate) fn check(body: &[u8]) -> Event<'_> {
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        Err(e) => return parse_error(format!("Parse error: the message is not UTF-8 ({e})")),
    };
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return parse_error(format!("Parse error: {e}")),
    };
    let invalid = |id: Value, why: &str| Event::Reject {
        id,
        code: -32600,
        message: format!("Invalid request: {why}"),
    };
    let Some(object) = value.as_object() else {
        let what = match &value {
            Value::Array(_) => "a batch (an array); LSP sends one message per frame",
            _ => "the message is not a JSON object",
        };
        return invalid(Value::Null, what);
    };
    // The id to answer with: only one the client can match.
    let id = match object.get("id") {
        Some(id @ Value::String(_)) => id.clone(),
        Some(id @ Value::Number(n)) if n.is_i64() => id.clone(),
        Some(Value::Null) | None => Value::Null,
        Some(_) => return invalid(Value::Null, "`id` is neither an integer nor a string"),
    };
    if object.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return invalid(id, "`jsonrpc` must be \"2.0\"");
    }
    match object.get("method") {
        Some(Value::String(method)) => {
            if Request::deserialize(&value).is_err() {
                return invalid(id, "not a JSON-RPC request or notification");
            }
            if method.starts_with("$/") && object.contains_key("id") {
                return Event::Reject {
                    id,
                    code: -32601,
                    message: format!("Method not found: {method}"),
                };
            }
            Event::Message {
                body,
                exit: method == "exit",
            }
        }
        Some(_) => invalid(id, "`method` must be a string"),
        None => {
            if Response::deserialize(&value).is_err() {
                return invalid(
                    id,
                    "neither a request (no `method`) nor a response (an `id` and one of `result`, `error`)",
                );
            }
            Event::Message { body, exit: false }
        }
    }
}

impl Framer {
    /// Adds bytes read from the client.
    pub(crate) fn push(&mut self, bytes: &[u8]) {
        if self.pos > 0 && self.pos >= self.buf.len() / 2 {
            self.buf.drain(..self.pos);
            self.scanned = self.scanned.saturating_sub(self.pos);
            self.pos = 0;
        }
        self.buf.extend_from_slice(bytes);
    }

    /// The next event from the bytes pushed so far, `None` when more bytes
    /// are needed. `eof`: no more bytes will come, so whatever is left is
    /// reported.
    pub(crate) fn next(&mut self, eof: bool) -> Option<Event<'_>> {
        loop {
            match self.step(eof)? {
                Step::Again => {}
                Step::Reject(why) => return Some(parse_error(format!("Parse error: {why}"))),
                Step::Body(start, end) => {
                    let event = check(&self.buf[start..end]);
                    // The tail of a body longer than announced is skipped
                    // quietly.
                    self.resyncing = matches!(event, Event::Reject { code: -32700, .. });
                    return Some(event);
                }
            }
        }
    }

    /// A parse error, unless one was already reported for the bytes being
    /// skipped.
    fn reject(&mut self, why: String) -> Option<Step> {
        if std::mem::replace(&mut self.resyncing, true) {
            Some(Step::Again)
        } else {
            Some(Step::Reject(why))
        }
    }

    fn step(&mut self, eof: bool) -> Option<Step> {
        // Blank lines between frames are tolerated.
        while self.pos < self.buf.len() && matches!(self.buf[self.pos], b'\r' | b'\n') {
            self.pos += 1;
        }
        let rest = &self.buf[self.pos..];
        if rest.is_empty() {
            return None;
        }
        let (len, head) = match parse_header(rest) {
            Header::Ok(len, head) => (len, head),
            Header::Partial if !eof => return None,
            Header::Partial => {
                self.pos = self.buf.len();
                return self.reject("the input ends inside a header".into());
            }
            Header::Bad(why) => {
                // Resynchronise at the next header; keep a tail that may be
                // the start of one.
                let skip = match header_at(rest, 1) {
                    Some(at) => at,
                    None if eof => rest.len(),
                    None => rest.len().saturating_sub(64).max(1),
                };
                self.pos += skip;
                self.scanned = 0;
                return self.reject(why);
            }
        };
        self.resyncing = false;
        let body_start = self.pos + head;
        let available = self.buf.len() - body_start;
        // A header inside the announced body: the body stopped short.
        let have = available.min(len);
        let from = self
            .scanned
            .max(body_start)
            .saturating_sub(64)
            .max(body_start);
        if let Some(at) = header_at(&self.buf[..body_start + have], from) {
            self.pos = at;
            self.scanned = 0;
            return Some(Step::Reject(format!(
                "the body ends after {} of its {len} bytes, where the next header starts",
                at - body_start
            )));
        }
        if available < len {
            self.scanned = body_start + have;
            if eof {
                self.pos = self.buf.len();
                return self.reject(format!(
                    "the input ends after {available} of the body's {len} bytes"
                ));
            }
            return None;
        }
        self.pos = body_start + len;
        self.scanned = 0;
        Some(Step::Body(body_start, body_start + len))
    }
}

/// One step of [`Framer::next`].
enum Step {
    /// Bytes were skipped quietly; look again.
    Again,
    /// A framing error.
    Reject(String),
    /// A whole body, to check.
    Body(usize, usize),
}

/// The frame of an error response.
fn error_frame(id: &Value, code: i64, message: &str) -> Vec<u8> {
    let body = json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}});
    frame(&serde_json::to_vec(&body).unwrap_or_default())
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(body);
    frame
}

/// Reads `input` until end of input, `exit`, or until the server stops
/// reading `server`; hands good messages to `server` and answers the rest
/// through `outbox`.
pub(crate) async fn pump<I, S>(mut input: I, mut server: S, outbox: Outbox)
where
    I: AsyncRead + Unpin,
    S: AsyncWrite + Unpin,
{
    let mut framer = Framer::default();
    let mut chunk = vec![0u8; 64 << 10];
    let mut eof = false;
    loop {
        while let Some(event) = framer.next(eof) {
            match event {
                Event::Message { body, exit } => {
                    if server.write_all(&frame(body)).await.is_err() {
                        return;
                    }
                    if exit {
                        let _ = server.shutdown().await;
                        return;
                    }
                }
                Event::Reject { id, code, message } => {
                    let logged: Cow<str> = if id.is_null() {
                        Cow::Borrowed(&message)
                    } else {
                        Cow::Owned(format!("{message} (request {id})"))
                    };
                    eprintln!("resume-lsp: {logged}");
                    if code != -32601 {
                        let log = out::notification(
                            "window/logMessage",
                            &json!({"type": 1, "message": format!("resume-lsp: bad input from the client: {logged}")}),
                        );
                        if let Ok(log) = log {
                            outbox.send(log);
                        }
                    }
                    outbox.send(error_frame(&id, code, &message));
                }
            }
        }
        if eof {
            let _ = server.shutdown().await;
            return;
        }
        match input.read(&mut chunk).await {
            Ok(0) | Err(_) => eof = true,
            Ok(n) => framer.push(&chunk[..n]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &str) -> Vec<u8> {
        frame(body.as_bytes())
    }

    /// Every event for `input`, as (code or 0 for a message, body or id).
    fn events(input: &[u8]) -> Vec<(i64, String)> {
        let mut f = Framer::default();
        // Byte by byte, to exercise partial reads.
        let mut out = Vec::new();
        for b in input {
            f.push(std::slice::from_ref(b));
            while let Some(e) = f.next(false) {
                out.push(describe(e));
            }
        }
        while let Some(e) = f.next(true) {
            out.push(describe(e));
        }
        out
    }

    fn describe(e: Event<'_>) -> (i64, String) {
        match e {
            Event::Message { body, .. } => (0, String::from_utf8_lossy(body).into_owned()),
            Event::Reject { id, code, .. } => (code, id.to_string()),
        }
    }

    const GOOD: &str = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;

    #[test]
    fn good_frames_pass_whole() {
        let note = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let mut input = framed(GOOD);
        input.extend(b"\r\n");
        input.extend(framed(note));
        input.extend(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length:  2 \r\n\r\n{}");
        assert_eq!(
            events(&input),
            vec![(0, GOOD.into()), (0, note.into()), (-32600, "null".into())]
        );
    }

    #[test]
    fn bad_bodies_get_their_error_and_reading_goes_on() {
        let cases: &[(&[u8], i64, &str)] = &[
            (b"[]", -32600, "null"),
            (b"42", -32600, "null"),
            (b"\xff\xfe{}", -32700, "null"),
            (
                br#"{"jsonrpc":"2.0","id":1,"method":"x\ud800"}"#,
                -32700,
                "null",
            ),
            (br#"{"id":3,"method":"shutdown"}"#, -32600, "3"),
            (
                br#"{"jsonrpc":"1.0","id":"a","method":"shutdown"}"#,
                -32600,
                "\"a\"",
            ),
            (br#"{"jsonrpc":"2.0","id":4,"method":7}"#, -32600, "4"),
            (
                br#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#,
                -32600,
                "null",
            ),
            (br#"{"jsonrpc":"2.0","id":5}"#, -32600, "5"),
            (
                br#"{"jsonrpc":"2.0","id":6,"method":"$/progress"}"#,
                -32601,
                "6",
            ),
            (b"{\"jsonrpc\":", -32700, "null"),
        ];
        for (body, code, id) in cases {
            let mut input = frame(body);
            input.extend(framed(GOOD));
            assert_eq!(
                events(&input),
                vec![(*code, id.to_string()), (0, GOOD.into())],
                "{}",
                String::from_utf8_lossy(body)
            );
        }
        // `$/` notifications pass (`$/cancelRequest`); responses pass.
        let cancel = r#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#;
        let response = r#"{"jsonrpc":"2.0","id":9,"result":null}"#;
        let mut input = framed(cancel);
        input.extend(framed(response));
        assert_eq!(
            events(&input),
            vec![(0, cancel.into()), (0, response.into())]
        );
    }

    #[test]
    fn framing_errors_resynchronise_at_the_next_header() {
        let bad_headers: &[&[u8]] = &[
            b"Content-Length: abc\r\n\r\n{}",
            b"Content-Length: -4\r\n\r\n{}",
            b"Content-Type: text/plain\r\n\r\n{}",
            b"Content-Length: 99999999999999999999999\r\n\r\n",
            b"garbage garbage\r\n",
            b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"shutdown\"}",
        ];
        for bad in bad_headers {
            let mut input = bad.to_vec();
            input.extend(framed(GOOD));
            let got = events(&input);
            assert_eq!(
                got.last(),
                Some(&(0, GOOD.into())),
                "{}",
                String::from_utf8_lossy(bad)
            );
            assert_eq!(got.len(), 2, "one error, then the message: {got:?}");
            assert_eq!(got[0], (-32700, "null".into()));
        }
        // A body shorter than announced: cut at the next header.
        let mut input = b"Content-Length: 60\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"".to_vec();
        input.extend(framed(GOOD));
        assert_eq!(
            events(&input),
            vec![(-32700, "null".into()), (0, GOOD.into())]
        );
        // A body longer than announced: its tail is skipped.
        let mut input =
            b"Content-Length: 10\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}".to_vec();
        input.extend(framed(GOOD));
        assert_eq!(
            events(&input),
            vec![(-32700, "null".into()), (0, GOOD.into())]
        );
        // The input ends inside a frame.
        assert_eq!(
            events(b"Content-Length: 10\r\n\r\n{\""),
            vec![(-32700, "null".into())]
        );
        assert_eq!(
            events(b"Content-Length: 10\r\n"),
            vec![(-32700, "null".into())]
        );
    }

    #[test]
    fn a_header_inside_a_json_string_is_not_a_header() {
        // Escaped line ends in a string are JSON; only raw ones end a body.
        let body =
            r#"{"jsonrpc":"2.0","method":"n","params":{"text":"Content-Length: 5\r\n\r\n"}}"#;
        assert_eq!(events(&framed(body)), vec![(0, body.into())]);
    }
}
