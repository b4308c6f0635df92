//! Malformed input from the client (SPEC §9): every bad frame or message
//! gets its JSON-RPC error, and the server keeps answering requests and
//! publishing diagnostics, in process and as the built binary.

mod lsp_support;

use lsp_support::*;
use resume_lsp::lsp::ServeOptions;
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_resume-lsp");
const URI: &str = "file:///tmp/resume-lsp-transport-test/nowhere/resume.md";

fn framed(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Bad input, the error code it must get and the id it must be answered with.
fn cases() -> Vec<(&'static str, Vec<u8>, i64, Value)> {
    let didopen_cut = br#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDo"#;
    vec![
        (
            // Announces more than it sends; the next frame follows at once.
            "truncated body",
            [
                b"Content-Length: 500\r\n\r\n".as_slice(),
                didopen_cut.as_slice(),
            ]
            .concat(),
            -32700,
            Value::Null,
        ),
        ("array body", framed(b"[]"), -32600, Value::Null),
        ("number body", framed(b"42"), -32600, Value::Null),
        (
            "invalid UTF-8",
            framed(b"{\"jsonrpc\":\"2.0\",\"method\":\"x\xff\xfe\"}"),
            -32700,
            Value::Null,
        ),
        (
            "lone surrogate",
            framed(br#"{"jsonrpc":"2.0","id":77,"method":"hover","params":"\ud800"}"#),
            -32700,
            Value::Null,
        ),
        (
            "missing jsonrpc",
            framed(br#"{"id":78,"method":"textDocument/hover","params":{}}"#),
            -32600,
            json!(78),
        ),
        (
            "non-numeric Content-Length",
            b"Content-Length: lots\r\n\r\n{}".to_vec(),
            -32700,
            Value::Null,
        ),
        (
            "no Content-Length",
            b"Content-Type: application/json\r\n\r\n{}".to_vec(),
            -32700,
            Value::Null,
        ),
        (
            "body without a header",
            br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#.to_vec(),
            -32700,
            Value::Null,
        ),
        (
            "announces less than it sends",
            [
                b"Content-Length: 9\r\n\r\n".as_slice(),
                br#"{"jsonrpc":"2.0","method":"initialized"}"#.as_slice(),
            ]
            .concat(),
            -32700,
            Value::Null,
        ),
        (
            "$/ request",
            framed(br#"{"jsonrpc":"2.0","id":79,"method":"$/resume-lsp/unknown","params":{}}"#),
            -32601,
            json!(79),
        ),
    ]
}

fn survives_every_bad_input(mut c: Client) {
    c.start();
    c.open(URI, "markdown", 1, RESUME_MD);
    c.diagnostics(URI, Some(1));
    let mut version = 1;
    for (name, bytes, code, id) in cases() {
        c.clear_log();
        c.send_raw(bytes);
        // Still serving: an edit is linted and a request is answered (a
        // truncated body is only known to be one when the next frame comes).
        version += 1;
        let text = RESUME_MD.replace("Responsible for", &format!("Responsible for {version}"));
        c.change(URI, version, json!([{ "text": text }]));
        let diags = c.diagnostics(URI, Some(version.into()));
        assert!(codes(&diags).contains(&"weak-verb".to_string()), "{name}");
        let symbols = c.call(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        );
        assert!(!symbols.as_array().unwrap().is_empty(), "{name}");
        let is_answer =
            |m: &Value| m.get("method").is_none() && m["error"]["code"] == code && m["id"] == id;
        let found = if id.is_null() {
            c.wait_for(TIMEOUT, is_answer)
        } else {
            let r = c.response(id.as_i64().unwrap());
            is_answer(&r).then_some(r)
        };
        assert!(found.is_some(), "{name}: no error {code} for id {id}");
        // The problem is logged for the user, except a `$/` request.
        if code != -32601 {
            assert!(
                c.wait_for(TIMEOUT, |m| m["method"] == "window/logMessage"
                    && m["params"]["message"]
                        .as_str()
                        .is_some_and(|t| t.contains("bad input")))
                    .is_some(),
                "{name}: not logged"
            );
        }
    }
    // `$/` notifications are still accepted silently.
    c.notify("$/setTrace", json!({"value": "off"}));
    c.shutdown_and_exit();
    assert_eq!(c.exit_code(), Some(0));
}

#[test]
fn in_process_server_survives_every_bad_input() {
    survives_every_bad_input(Client::in_process(ServeOptions::default()));
}

#[test]
fn binary_survives_every_bad_input() {
    survives_every_bad_input(Client::binary(BIN, &[]));
}

#[test]
fn binary_survives_bad_input_before_initialize() {
    let mut c = Client::binary(BIN, &[]);
    c.send_raw(framed(b"[]"));
    c.send_raw(b"Content-Length: x\r\n\r\n".to_vec());
    c.start();
    c.open(URI, "markdown", 1, RESUME_MD);
    assert!(!c.diagnostics(URI, Some(1)).is_empty());
    c.shutdown_and_exit();
    assert_eq!(c.exit_code(), Some(0));
}
