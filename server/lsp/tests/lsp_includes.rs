//! The language server reads the macro definitions of the files a LaTeX
//! resume `\input`s, so the resume gets the same findings as with the
//! definitions written inline.

mod lsp_support;

use lsp_support::*;
use resume_lsp::lsp::ServeOptions;
use serde_json::{json, Value};

/// A wrapper of a known bullet macro and a text macro used as a school,
/// on one line.
const DEFS: &str =
    "\\newcommand{\\point}[1]{\\resumeItem{#1}}\\newcommand{\\school}{Harlow College}\n";

fn resume(preamble: &str) -> String {
    let lines = [
        "\\documentclass{article}",
        "\\begin{document}",
        "\\section{Education}",
        "\\resumeSubheading{\\school}{2014 -- 2017}{B.Sc. Geography}{Harlow, UK}",
        "\\section{Projects}",
        "\\resumeProjectHeading{Route Planner | Rust}{2019}",
        "\\begin{itemize}",
        "  \\point{Responsible for the routing service}",
        "  \\point{Cut empty miles by 12\\% across 40 vans}",
        "\\end{itemize}",
        "\\end{document}",
    ];
    format!("{}\n{preamble}{}\n", lines[0], lines[1..].join("\n"))
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("resume-lsp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The fields of diagnostics that both documents must agree on.
fn comparable(diags: &[Value]) -> Vec<Value> {
    diags
        .iter()
        .map(|d| json!({"range": d["range"], "code": d["code"], "message": d["message"]}))
        .collect()
}

#[test]
fn definitions_in_input_files_give_the_findings_of_inline_ones() {
    let inline_dir = temp_dir("defs-inline");
    let included_dir = temp_dir("defs-input");
    std::fs::write(included_dir.join("defs.tex"), DEFS).unwrap();
    let inline_text = resume(DEFS);
    let included_text = resume("\\input{defs}\n");
    std::fs::write(inline_dir.join("main.tex"), &inline_text).unwrap();
    std::fs::write(included_dir.join("main.tex"), &included_text).unwrap();
    let inline_uri = format!("file://{}/main.tex", inline_dir.display());
    let included_uri = format!("file://{}/main.tex", included_dir.display());

    let mut c = Client::in_process(ServeOptions::default());
    c.start();
    c.open(&inline_uri, "latex", 1, &inline_text);
    let inline = c.diagnostics(&inline_uri, Some(1));
    c.open(&included_uri, "latex", 1, &included_text);
    let included = c.diagnostics(&included_uri, Some(1));
    assert!(
        included.iter().any(|d| d["code"] == "weak-verb"),
        "{included:#?}"
    );
    assert_eq!(comparable(&included), comparable(&inline));

    // The bullets are still read after an edit.
    c.change(
        &included_uri,
        2,
        json!([{"range": {"start": {"line": 8, "character": 29}, "end": {"line": 8, "character": 29}}, "text": "new "}]),
    );
    let edited = c.diagnostics(&included_uri, Some(2));
    assert!(
        edited.iter().any(|d| d["code"] == "weak-verb"),
        "{edited:#?}"
    );
    let _ = std::fs::remove_dir_all(&inline_dir);
    let _ = std::fs::remove_dir_all(&included_dir);
}
