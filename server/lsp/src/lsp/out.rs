//! The server's output stream: the frames tower-lsp-server writes
//! (responses, requests, log messages) and the diagnostics the document
//! workers serialize themselves, written in the order they are queued by
//! one writer.
//!
//! A thousand diagnostics are a third of a megabyte of JSON. Sent through
//! `Client::publish_diagnostics` they are first turned into a
//! `serde_json::Value` tree and then into text on the async runtime; a
//! worker instead serializes them straight from the protocol types, on its
//! blocking thread, and queues the finished frame here. Frames are never
//! interleaved: tower's output is cut into whole frames at its
//! `Content-Length` headers before it is queued.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use serde::Serialize;
use tokio::io::{AsyncWrite, AsyncWriteExt};
use tokio::sync::{mpsc, oneshot};

/// Something for the writer.
enum Item {
    Frame(Vec<u8>),
    /// Write everything queued before, flush, then stop.
    Stop(oneshot::Sender<()>),
}

/// Queues frames for the writer. Cheap to clone.
#[derive(Clone)]
pub(crate) struct Outbox {
    tx: mpsc::UnboundedSender<Item>,
}

impl Outbox {
    /// An outbox and the writer that drains it into `output` (to be polled
    /// until [`Outbox::stop`]).
    pub(crate) fn new<O: AsyncWrite>(output: O) -> (Outbox, impl std::future::Future<Output = ()>) {
        let (tx, rx) = mpsc::unbounded_channel();
        (Outbox { tx }, write_all(output, rx))
    }

    /// The writer tower-lsp-server's transport writes to.
    pub(crate) fn transport(&self) -> TransportOut {
        TransportOut {
            pending: Vec::new(),
            outbox: self.clone(),
        }
    }

    /// Queues one framed message. After [`Outbox::stop`] it is dropped.
    pub(crate) fn send(&self, frame: Vec<u8>) {
        let _ = self.tx.send(Item::Frame(frame));
    }

    /// Waits until everything queued so far is written and flushed, then
    /// ends the writer.
    pub(crate) async fn stop(&self) {
        let (done, wait) = oneshot::channel();
        if self.tx.send(Item::Stop(done)).is_ok() {
            let _ = wait.await;
        }
    }
}

/// A JSON-RPC notification.
#[derive(Serialize)]
struct Notification<'a, P> {
    jsonrpc: &'static str,
    method: &'a str,
    params: &'a P,
}

/// The framed bytes of a notification (`Content-Length` header and body).
pub(crate) fn notification<P: Serialize>(method: &str, params: &P) -> serde_json::Result<Vec<u8>> {
    let body = serde_json::to_vec(&Notification {
        jsonrpc: "2.0",
        method,
        params,
    })?;
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(&body);
    Ok(frame)
}

async fn write_all<O: AsyncWrite>(output: O, mut rx: mpsc::UnboundedReceiver<Item>) {
    let mut output = std::pin::pin!(output);
    let mut broken = false;
    while let Some(item) = rx.recv().await {
        match item {
            Item::Frame(frame) => {
                if broken {
                    continue;
                }
                let mut done = output.write_all(&frame).await;
                if done.is_ok() && rx.is_empty() {
                    done = output.flush().await;
                }
                // A closed output (the client went away): keep draining so
                // senders never block, write nothing more.
                broken = done.is_err();
            }
            Item::Stop(done) => {
                if !broken {
                    let _ = output.flush().await;
                }
                let _ = done.send(());
                return;
            }
        }
    }
}

/// What tower-lsp-server writes to: bytes are gathered until they make a
/// whole frame, which is then queued.
pub(crate) struct TransportOut {
    pending: Vec<u8>,
    outbox: Outbox,
}

impl TransportOut {
    /// Queues every whole frame in `pending`.
    fn queue_frames(&mut self) {
        while let Some(len) = frame_len(&self.pending) {
            let rest = self.pending.split_off(len);
            let frame = std::mem::replace(&mut self.pending, rest);
            self.outbox.send(frame);
        }
    }
}

/// The length (header included) of the frame at the start of `buf`, when
/// all of it is there. A header without a usable `Content-Length` makes
/// the whole header a frame of its own, so nothing is ever held back.
fn frame_len(buf: &[u8]) -> Option<usize> {
    let end = buf.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let header = std::str::from_utf8(&buf[..end]).ok();
    let body = header.and_then(|h| {
        h.lines().find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())
                .flatten()
        })
    });
    match body {
        Some(n) if buf.len() >= end + n => Some(end + n),
        Some(_) => None,
        None => Some(end),
    }
}

impl AsyncWrite for TransportOut {
    fn poll_write(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.pending.extend_from_slice(buf);
        self.queue_frames();
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            self.outbox.send(rest);
        }
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_cut_at_their_content_length() {
        let a = b"Content-Length: 2\r\n\r\n{}".to_vec();
        let b = b"content-length:7\r\nContent-Type: x\r\n\r\n[1,2,3]".to_vec();
        let mut both = a.clone();
        both.extend_from_slice(&b);
        assert_eq!(frame_len(&both), Some(a.len()));
        assert_eq!(frame_len(&b), Some(b.len()));
        // Incomplete header or body: wait for more.
        assert_eq!(frame_len(b"Content-Length: 2\r\n"), None);
        assert_eq!(frame_len(b"Content-Length: 2\r\n\r\n{"), None);
        // No length: the header goes on its own.
        assert_eq!(frame_len(b"X: 1\r\n\r\n{}"), Some(8));
    }

    #[tokio::test]
    async fn transport_bytes_and_queued_frames_come_out_whole_and_in_order() {
        let (client, mut server_side) = tokio::io::duplex(1 << 16);
        let (outbox, writer) = Outbox::new(client);
        let writer = tokio::spawn(writer);
        let mut transport = outbox.transport();
        // A frame written in pieces, with a queued frame arriving between
        // the pieces: the queued one must not land inside it.
        transport
            .write_all(b"Content-Length: 7\r\n\r\n[1,")
            .await
            .unwrap();
        let note = notification("n", &serde_json::json!({"a": 1})).unwrap();
        outbox.send(note.clone());
        transport.write_all(b"2,3]").await.unwrap();
        outbox.stop().await;
        writer.await.unwrap();
        drop(outbox);
        drop(transport);
        let mut out = Vec::new();
        tokio::io::AsyncReadExt::read_to_end(&mut server_side, &mut out)
            .await
            .unwrap();
        let mut expected = note;
        expected.extend_from_slice(b"Content-Length: 7\r\n\r\n[1,2,3]");
        assert_eq!(
            String::from_utf8_lossy(&out),
            String::from_utf8_lossy(&expected)
        );
    }
}
