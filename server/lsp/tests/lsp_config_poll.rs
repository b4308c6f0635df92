//! Clients that do not watch files for the server (Neovim on Linux by
//! default) still get their documents re-linted when `resume-lsp.toml`
//! changes, appears or goes away: the server looks at the config files
//! itself, every 2 s.

mod lsp_support;

use lsp_support::*;
use resume_lsp::lsp::ServeOptions;
use serde_json::{json, Value};

/// Waits for a publication for `uri` whose weak-verb findings are there
/// (`true`) or not (`false`).
fn wait_weak_verb(c: &mut Client, uri: &str, present: bool) -> Option<Value> {
    c.wait_for(TIMEOUT, |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["diagnostics"].as_array().is_some_and(|d| {
                !d.is_empty() && d.iter().any(|d| d["code"] == "weak-verb") == present
            })
    })
}

#[test]
fn config_changes_are_seen_without_file_watching() {
    let dir = temp_dir("cfgpoll");
    let config = dir.join("resume-lsp.toml");
    std::fs::write(&config, "[rules]\nweak-verb = \"off\"\n").unwrap();
    let uri = format!("file://{}/resume.md", dir.display());
    let mut c = Client::in_process(ServeOptions::default());
    // No `workspace.didChangeWatchedFiles` capability.
    c.initialize(json!({}), Value::Null);
    c.open(&uri, "markdown", 1, RESUME_MD);
    let diags = c.diagnostics(&uri, Some(1));
    assert!(with_weak_verb(&diags).is_empty());
    assert!(diags.iter().any(|d| d["code"] == "unquantified-bullet"));

    // Changed: the rule comes back, at the configured severity.
    c.clear_log();
    std::fs::write(&config, "[rules]\nweak-verb = \"error\"\n# on\n").unwrap();
    let found = wait_weak_verb(&mut c, &uri, true).expect("re-linted after the change");
    let diags = found["params"]["diagnostics"].as_array().unwrap().clone();
    assert!(with_weak_verb(&diags).iter().all(|d| d["severity"] == 1));

    // Removed: defaults again (weak-verb is a warning).
    c.clear_log();
    std::fs::remove_file(&config).unwrap();
    let found = c
        .wait_for(TIMEOUT, |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri.as_str()
                && m["params"]["diagnostics"].as_array().is_some_and(|d| {
                    d.iter()
                        .any(|d| d["code"] == "weak-verb" && d["severity"] == 2)
                })
        })
        .expect("re-linted after the file went away");
    assert!(found["params"]["diagnostics"].as_array().is_some());

    // Created again: seen too.
    c.clear_log();
    std::fs::write(&config, "[rules]\nweak-verb = \"off\"\n").unwrap();
    assert!(
        wait_weak_verb(&mut c, &uri, false).is_some(),
        "re-linted after the file came back"
    );
    c.shutdown_and_exit();
    let _ = std::fs::remove_dir_all(&dir);
}

fn with_weak_verb(diags: &[Value]) -> Vec<&Value> {
    diags.iter().filter(|d| d["code"] == "weak-verb").collect()
}
