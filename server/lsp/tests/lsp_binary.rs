//! The built `resume-lsp` binary over real stdio pipes: diagnostics, a code
//! action round trip, and exit codes.

mod lsp_support;

use lsp_support::*;
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_resume-lsp");
const URI: &str = "file:///tmp/resume-lsp-binary-test/nowhere/resume.md";

#[test]
fn binary_round_trip_and_clean_exit() {
    let mut c = Client::binary(BIN, &[]);
    let r = c.start();
    assert_eq!(r["capabilities"]["textDocumentSync"]["change"], 2);
    c.open(URI, "markdown", 3, RESUME_MD);
    let msg = c.diagnostics_message(URI, Some(3));
    assert_eq!(msg["params"]["version"], 3);
    let diags = msg["params"]["diagnostics"].as_array().unwrap().clone();
    let weak = diags
        .iter()
        .find(|d| d["code"] == "weak-verb")
        .expect("weak-verb on the `Responsible for` bullet")
        .clone();
    let line = weak["range"]["start"]["line"].clone();

    let actions = c.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": weak["range"],
               "context": {"diagnostics": [weak], "only": ["quickfix"]}}),
    );
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| !a["title"].as_str().unwrap().starts_with("Disable"))
        .expect("a rewrite")
        .clone();
    let fixed = apply_text_edits(RESUME_MD, &action_edits(&fix, URI), true);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 4}, "contentChanges": [{"text": fixed}]}),
    );
    let after = c.diagnostics(URI, Some(4));
    assert!(
        after
            .iter()
            .all(|d| !(d["code"] == "weak-verb" && d["range"]["start"]["line"] == line)),
        "{after:#?}"
    );
    c.shutdown_and_exit();
    assert_eq!(c.exit_code(), Some(0));
}

#[test]
fn binary_serve_subcommand_exit_without_shutdown_is_1() {
    let mut c = Client::binary(BIN, &["serve"]);
    c.start();
    c.notify("exit", Value::Null);
    assert_eq!(c.exit_code(), Some(1));
}
