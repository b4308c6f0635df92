//! End-to-end tests of the language server, in process over tokio duplex
//! pipes.

mod lsp_support;

use std::time::Duration;

use lsp_support::*;
use resume_lsp::lsp::ServeOptions;
use serde_json::{json, Value};

const URI: &str = "file:///tmp/resume-lsp-tests/nowhere/resume.md";

fn client() -> Client {
    let mut c = Client::in_process(ServeOptions::default());
    c.start();
    c
}

fn with_code<'a>(diags: &'a [Value], code: &str) -> Vec<&'a Value> {
    diags.iter().filter(|d| d["code"] == code).collect()
}

fn line_of(d: &Value) -> u64 {
    d["range"]["start"]["line"].as_u64().unwrap()
}

/// The fields of diagnostics that runs must agree on.
fn comparable(diags: &[Value]) -> Vec<Value> {
    diags
        .iter()
        .map(|d| {
            json!({"range": d["range"], "code": d["code"], "message": d["message"], "severity": d["severity"]})
        })
        .collect()
}

#[test]
fn initialize_advertises_capabilities_and_negotiates_encoding() {
    let mut c = Client::in_process(ServeOptions::default());
    let r = c.initialize(json!({}), Value::Null);
    let caps = &r["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["documentSymbolProvider"], true);
    assert_eq!(caps["foldingRangeProvider"], true);
    assert_eq!(caps["diagnosticProvider"]["identifier"], "resume-lsp");
    let kinds: Vec<&str> = caps["codeActionProvider"]["codeActionKinds"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(kinds.contains(&"quickfix") && kinds.contains(&"source.fixAll.resume-lsp"));
    assert!(kinds.contains(&"source.fixDates.resume-lsp"));
    assert_eq!(r["serverInfo"]["name"], "resume-lsp");

    let mut c = Client::in_process(ServeOptions::default());
    let r = c.initialize(
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
        Value::Null,
    );
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-8");
}

#[test]
fn open_publishes_diagnostics_with_version_and_close_clears_them() {
    let mut c = client();
    c.open(URI, "markdown", 7, RESUME_MD);
    let msg = c.diagnostics_message(URI, Some(7));
    assert_eq!(msg["params"]["version"], 7);
    let diags = msg["params"]["diagnostics"].as_array().unwrap().clone();
    let weak = with_code(&diags, "weak-verb");
    assert_eq!(weak.len(), 1, "{diags:#?}");
    assert_eq!(line_of(weak[0]), 8);
    assert_eq!(weak[0]["range"]["start"]["character"], 2);
    assert_eq!(weak[0]["source"], "resume-lsp");
    assert_eq!(weak[0]["severity"], 2);
    assert!(weak[0]["message"]
        .as_str()
        .unwrap()
        .contains("Responsible for"));
    assert!(
        weak[0].get("data").is_none(),
        "fixes come from codeAction, not with every diagnostic"
    );
    let unquantified = with_code(&diags, "unquantified-bullet");
    assert!(unquantified.iter().any(|d| line_of(d) == 8));
    assert!(
        !unquantified.iter().any(|d| line_of(d) == 9),
        "the 40% bullet is quantified"
    );

    // Pull diagnostics agree with the pushed ones.
    let pulled = c.call(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(pulled["kind"], "full");
    assert_eq!(pulled["items"].as_array().unwrap(), &diags);
    let id = pulled["resultId"].clone();
    let again = c.call(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": URI}, "previousResultId": id}),
    );
    assert_eq!(again["kind"], "unchanged");

    c.clear_log();
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    );
    let cleared = c.diagnostics(URI, None);
    assert!(cleared.is_empty());
}

/// A tiny deterministic generator (no external randomness in tests).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn random_incremental_edits_end_like_a_fresh_open() {
    let mut findings = 0;
    for seed in [0x9E37_79B9_7F4A_7C15, 0x2545_F491_4F6C_DD1D, 42] {
        findings += random_edits(seed);
    }
    assert!(findings > 0, "the edited resumes still have findings");
}

/// Runs 500 random edits; returns how many findings the final text has.
fn random_edits(seed: u64) -> usize {
    let mut c = client();
    let mut text = RESUME_MD.to_string();
    c.open(URI, "markdown", 0, &text);
    c.diagnostics(URI, Some(0));
    let pieces = [
        "a",
        "e",
        " ",
        "\n",
        "- ",
        "é",
        "–",
        "😀",
        "Responsible for ",
        "40% ",
        "## Projects\n",
        "\\",
        "*",
        "`",
        "NLP ",
        "Jan 2020 – Present",
    ];
    let mut rng = Rng(seed);
    for version in 1..=500 {
        let chars: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let ai = rng.below(chars.len());
        let a = chars[ai];
        // A quarter of the edits delete one to three characters.
        let b = if rng.below(4) == 0 {
            chars[(ai + 1 + rng.below(3)).min(chars.len() - 1)]
        } else {
            a
        };
        let (start, end) = (a, b);
        let insert = if rng.below(4) == 0 {
            ""
        } else {
            pieces[rng.below(pieces.len())]
        };
        let pos = |off: usize| {
            let line = text[..off].matches('\n').count();
            let line_start = text[..off].rfind('\n').map_or(0, |i| i + 1);
            json!({"line": line, "character": utf16_col(&text[line_start..], off - line_start)})
        };
        let range = json!({"start": pos(start), "end": pos(end)});
        text.replace_range(start..end, insert);
        c.change(URI, version, json!([{"range": range, "text": insert}]));
    }
    let edited = c.diagnostics(URI, Some(500));
    // Published versions never go backwards, and the burst was coalesced
    // into no more publications than edits.
    let versions: Vec<i64> = c
        .log
        .iter()
        .filter(|(_, m)| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == URI
        })
        .map(|(_, m)| m["params"]["version"].as_i64().unwrap())
        .collect();
    assert!(versions.windows(2).all(|w| w[0] <= w[1]), "{versions:?}");
    assert_eq!(versions.last(), Some(&500));
    assert!(versions.len() <= 501);
    let fresh_uri = "file:///tmp/resume-lsp-tests/nowhere/fresh.md";
    c.open(fresh_uri, "markdown", 1, &text);
    let fresh = c.diagnostics(fresh_uri, Some(1));
    assert_eq!(comparable(&edited), comparable(&fresh));
    // The edits were applied exactly: the server's text equals ours, as
    // seen through symbols.
    let s1 = c.call(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    let s2 = c.call(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": fresh_uri}}),
    );
    assert_eq!(s1, s2);
    edited.len()
}

#[test]
fn columns_follow_the_negotiated_encoding() {
    let line = "- Responsible for the café – 😀 rollout";
    let text = RESUME_MD.replace(
        "- Responsible for the billing service and its on-call rotation",
        line,
    );
    for utf8 in [false, true] {
        let mut c = Client::in_process(ServeOptions::default());
        let caps = if utf8 {
            json!({"general": {"positionEncodings": ["utf-8"]}})
        } else {
            json!({})
        };
        c.initialize(caps, Value::Null);
        c.open(URI, "markdown", 1, &text);
        let diags = c.diagnostics(URI, Some(1));
        let unq = with_code(&diags, "unquantified-bullet")
            .into_iter()
            .find(|d| line_of(d) == 8)
            .cloned()
            .expect("unquantified bullet on the edited line");
        let end = if utf8 {
            line.len()
        } else {
            utf16_col(line, line.len())
        };
        assert_eq!(unq["range"]["end"]["character"], end, "utf8={utf8}");
        assert_eq!(unq["range"]["start"]["character"], 2);

        // Incoming: delete the emoji and its space, insert `ü` after `é`.
        let emoji = line.find('😀').unwrap();
        let col = |off: usize| {
            if utf8 {
                off
            } else {
                utf16_col(line, off)
            }
        };
        let after_e = line.find('é').unwrap() + 'é'.len_utf8();
        let changes = json!([
            {"range": {"start": {"line": 8, "character": col(emoji)},
                       "end": {"line": 8, "character": col(emoji + '😀'.len_utf8() + 1)}}, "text": ""},
            {"range": {"start": {"line": 8, "character": col(after_e)},
                       "end": {"line": 8, "character": col(after_e)}}, "text": "ü"},
        ]);
        c.change(URI, 2, changes);
        let diags = c.diagnostics(URI, Some(2));
        let expected_line = "- Responsible for the caféü – rollout";
        let end = if utf8 {
            expected_line.len()
        } else {
            utf16_col(expected_line, expected_line.len())
        };
        let unq = with_code(&diags, "unquantified-bullet")
            .into_iter()
            .find(|d| line_of(d) == 8)
            .cloned()
            .unwrap();
        assert_eq!(unq["range"]["end"]["character"], end, "utf8={utf8}");
        // And the hover at the `ü` position sees the same text.
        let s = c.call(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        );
        let bullets = s[0]["children"][0]["children"].as_array().unwrap();
        assert_eq!(bullets[0]["name"], &expected_line[2..]);
    }
}

fn quickfixes(c: &mut Client, uri: &str, diag: &Value) -> Vec<Value> {
    let r = c.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diag["range"],
               "context": {"diagnostics": [diag], "only": ["quickfix"]}}),
    );
    r.as_array().cloned().unwrap_or_default()
}

#[test]
fn code_action_round_trip_removes_the_finding() {
    let mut c = client();
    c.open(URI, "markdown", 1, RESUME_MD);
    let diags = c.diagnostics(URI, Some(1));
    let weak = with_code(&diags, "weak-verb")[0].clone();
    let actions = quickfixes(&mut c, URI, &weak);
    let fix = actions
        .iter()
        .find(|a| !a["title"].as_str().unwrap().starts_with("Disable"))
        .expect("a rewrite quick fix")
        .clone();
    assert_eq!(fix["kind"], "quickfix");
    assert!(actions
        .iter()
        .any(|a| a["title"] == "Disable weak-verb for this line"));
    let edits = action_edits(&fix, URI);
    assert!(!edits.is_empty());
    let new_text = apply_text_edits(RESUME_MD, &edits, true);
    assert_ne!(new_text, RESUME_MD);
    // Send the edits back as incremental changes, last first.
    let mut sorted = edits.clone();
    sorted.sort_by_key(|e| {
        std::cmp::Reverse((
            e["range"]["start"]["line"].as_u64(),
            e["range"]["start"]["character"].as_u64(),
        ))
    });
    let changes: Vec<Value> = sorted
        .iter()
        .map(|e| json!({"range": e["range"], "text": e["newText"]}))
        .collect();
    c.change(URI, 2, Value::Array(changes));
    let after = c.diagnostics(URI, Some(2));
    assert!(
        with_code(&after, "weak-verb")
            .iter()
            .all(|d| line_of(d) != 8),
        "{after:#?}"
    );
}

#[test]
fn quick_fixes_of_diagnostics_of_older_text_follow_the_finding() {
    let mut c = client();
    c.open(URI, "markdown", 1, RESUME_MD);
    let diags = c.diagnostics(URI, Some(1));
    let weak = with_code(&diags, "weak-verb")[0].clone();
    let rewrites = |actions: &[Value]| {
        actions
            .iter()
            .filter(|a| !a["title"].as_str().unwrap().starts_with("Disable"))
            .count()
    };
    let current = rewrites(&quickfixes(&mut c, URI, &weak));
    assert!(current >= 1);
    // Once the text changed (a line added above), the old diagnostic's
    // range means other text: asked there, no rewrite is offered for it.
    c.change(
        URI,
        2,
        json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "\n"}]),
    );
    let moved = c.diagnostics(URI, Some(2));
    assert_eq!(rewrites(&quickfixes(&mut c, URI, &weak)), 0);
    let weak2 = with_code(&moved, "weak-verb")[0].clone();
    // Asked where the finding now is (the editor has not shown the new
    // diagnostics yet), the old diagnostic gets the current fixes.
    let r = c.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": weak2["range"],
               "context": {"diagnostics": [weak], "only": ["quickfix"]}}),
    );
    let late = r.as_array().cloned().unwrap_or_default();
    assert_eq!(rewrites(&late), current, "{late:#?}");
    let late_fix = late
        .iter()
        .find(|a| !a["title"].as_str().unwrap().starts_with("Disable"))
        .unwrap();
    assert_eq!(
        action_edits(late_fix, URI)[0]["range"]["start"]["line"],
        line_of(&weak2)
    );
    let actions = quickfixes(&mut c, URI, &weak2);
    assert_eq!(rewrites(&actions), current);
    let fix = actions
        .iter()
        .find(|a| a["isPreferred"] == true || !a["title"].as_str().unwrap().starts_with("Disable"))
        .unwrap();
    let edits = action_edits(fix, URI);
    assert_eq!(edits[0]["range"]["start"]["line"], line_of(&weak2));
}

#[test]
fn code_actions_without_diagnostics_use_the_findings_under_the_cursor() {
    let mut c = client();
    c.open(URI, "markdown", 1, RESUME_MD);
    let diags = c.diagnostics(URI, Some(1));
    let weak = with_code(&diags, "weak-verb")[0].clone();
    let ask = |c: &mut Client, line: u64, character: u64| {
        let at = json!({"line": line, "character": character});
        c.call(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": {"start": at, "end": at},
                   "context": {"diagnostics": [], "only": ["quickfix"]}}),
        )
        .as_array()
        .cloned()
        .unwrap_or_default()
    };
    let start = &weak["range"]["start"];
    let inside = ask(
        &mut c,
        start["line"].as_u64().unwrap(),
        start["character"].as_u64().unwrap() + 3,
    );
    assert!(
        inside
            .iter()
            .any(|a| a["title"].as_str().unwrap().starts_with("Rewrite")),
        "{inside:#?}"
    );
    // A blank line holds no finding and gets no action.
    let blank = RESUME_MD.lines().position(str::is_empty).unwrap() as u64;
    assert!(ask(&mut c, blank, 0).is_empty());
}

#[test]
fn disable_for_this_line_inserts_a_comment_that_suppresses() {
    let mut c = client();
    let text = RESUME_MD.replace(
        "- Responsible for the billing",
        "  - Responsible for the billing",
    );
    c.open(URI, "markdown", 1, &text);
    let diags = c.diagnostics(URI, Some(1));
    let weak = with_code(&diags, "weak-verb")[0].clone();
    let actions = quickfixes(&mut c, URI, &weak);
    let disable = actions
        .iter()
        .find(|a| a["title"] == "Disable weak-verb for this line")
        .unwrap();
    let edits = action_edits(disable, URI);
    assert_eq!(
        edits[0]["newText"],
        "  <!-- resume-lsp: disable-next-line weak-verb -->\n"
    );
    let new_text = apply_text_edits(&text, &edits, true);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": new_text}]}),
    );
    let after = c.diagnostics(URI, Some(2));
    assert!(with_code(&after, "weak-verb").is_empty(), "{after:#?}");
    assert!(!with_code(&after, "unquantified-bullet").is_empty());
}

/// How many of `diags` have a preferred (safe) quick fix.
fn safe_fix_count(c: &mut Client, uri: &str, diags: &[Value]) -> usize {
    diags
        .iter()
        .filter(|d| {
            quickfixes(c, uri, d)
                .iter()
                .any(|a| a["isPreferred"] == true)
        })
        .count()
}

#[test]
fn fix_all_applies_every_safe_fix() {
    let mut c = client();
    c.open(URI, "markdown", 1, RESUME_MD);
    let diags = c.diagnostics(URI, Some(1));
    let safe = safe_fix_count(&mut c, URI, &diags);
    assert!(safe >= 1, "the fixture has a safe date fix: {diags:#?}");
    let r = c.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI},
               "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let actions = r.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{r:#}");
    assert_eq!(actions[0]["kind"], "source.fixAll.resume-lsp");
    let new_text = apply_text_edits(RESUME_MD, &action_edits(&actions[0], URI), true);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": new_text}]}),
    );
    let after = c.diagnostics(URI, Some(2));
    let safe_after = safe_fix_count(&mut c, URI, &after);
    assert!(safe_after < safe, "{after:#?}");
    // Only quick fixes asked for: no fix-all.
    let r = c.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI},
               "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    assert!(r
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["kind"] == "quickfix"));
}

/// A Markdown resume with one entry per date.
fn dated_resume(dates: &[&str]) -> String {
    let mut s = String::from("# Jane Doe\n\n## Experience\n\n");
    for (i, d) in dates.iter().enumerate() {
        s.push_str(&format!(
            "### Engineer {i} — Company {i}\n*{d}*\n\n- Shipped a tool used by {i}0 teams\n\n"
        ));
    }
    s
}

/// The code actions of kind `only` for the start of the document, with no
/// diagnostics in the request.
fn actions_of_kind(c: &mut Client, uri: &str, only: &str) -> Vec<Value> {
    let at = json!({"line": 0, "character": 0});
    let r = c.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": at, "end": at},
               "context": {"diagnostics": [], "only": [only]}}),
    );
    r.as_array().cloned().unwrap_or_default()
}

#[test]
fn fix_all_dates_is_one_source_action() {
    let mut c = client();
    let text = dated_resume(&[
        "Feb 2023 – Present",
        "Aug 2021 - Jan 2023",
        "Oct 2019 – Jul 2021",
        "Jun 2018 - Aug 2018",
        "Jan 2017 – May 2018",
        "Mar 2016 - Dec 2016",
        "Jan 2015 – Feb 2016",
    ]);
    c.open(URI, "markdown", 1, &text);
    let diags = c.diagnostics(URI, Some(1));
    let dates = with_code(&diags, "inconsistent-date-format");
    assert_eq!(dates.len(), 3, "{diags:#?}");

    // A date's quick fixes rewrite that date only, and the rewrite of every
    // date is offered once next to them.
    let actions = quickfixes(&mut c, URI, dates[0]);
    let own = actions
        .iter()
        .find(|a| a["isPreferred"] == true)
        .expect("a rewrite of the date");
    assert_eq!(action_edits(own, URI).len(), 1, "{own:#}");
    let all: Vec<&Value> = actions
        .iter()
        .filter(|a| a["title"] == "Fix all 3 dates in the document")
        .collect();
    assert_eq!(all.len(), 1, "{actions:#?}");

    // Source actions: one that fixes every date, of its own kind.
    let r = actions_of_kind(&mut c, URI, "source");
    let fix_dates: Vec<&Value> = r
        .iter()
        .filter(|a| a["kind"] == "source.fixDates.resume-lsp")
        .collect();
    assert_eq!(fix_dates.len(), 1, "{r:#?}");
    assert_eq!(fix_dates[0]["title"], "Fix all 3 dates in the document");
    let edits = action_edits(fix_dates[0], URI);
    assert_eq!(edits.len(), 3, "{edits:#?}");
    // Asked for `source.fixAll` (as on save), the dates action stays out:
    // the fix-all already carries its rewrites.
    let r = actions_of_kind(&mut c, URI, "source.fixAll");
    assert!(r.iter().all(|a| a["kind"] == "source.fixAll.resume-lsp"));

    let new_text = apply_text_edits(&text, &edits, true);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": new_text}]}),
    );
    let after = c.diagnostics(URI, Some(2));
    assert!(
        with_code(&after, "inconsistent-date-format").is_empty(),
        "{after:#?}"
    );
    assert!(!new_text.contains(" - "), "{new_text}");
}

fn hover_text(c: &mut Client, uri: &str, line: u32, character: u32) -> String {
    let r = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
    );
    r["contents"]["value"].as_str().unwrap_or("").to_string()
}

#[test]
fn hover_explains_findings_acronyms_and_weak_verbs() {
    let mut c = client();
    c.open(URI, "markdown", 1, RESUME_MD);
    c.diagnostics(URI, Some(1));
    let h = hover_text(&mut c, URI, 8, 4);
    assert!(h.contains("weak-verb"), "{h}");
    assert!(h.contains("What good looks like"), "{h}");
    assert!(h.contains("Stronger verbs"), "{h}");
    // `NLP` on line 10.
    let col = RESUME_MD.lines().nth(10).unwrap().find("NLP").unwrap() as u32;
    let h = hover_text(&mut c, URI, 10, col + 1);
    assert!(h.contains("Natural Language Processing"), "{h}");
    // Plain text with nothing to say.
    let r = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 2, "character": 1}}),
    );
    assert!(r.is_null(), "{r}");
}

#[test]
fn symbols_and_folding_follow_the_model() {
    let mut c = client();
    c.open(URI, "markdown", 1, RESUME_MD);
    let s = c.call(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    let sections: Vec<&str> = s
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert_eq!(sections, ["Experience", "Education", "Skills"]);
    let job = &s[0]["children"][0];
    assert_eq!(job["name"], "Backend Engineer — Northwind Labs");
    assert_eq!(job["detail"], "Jan 2021 – Present");
    assert_eq!(job["children"].as_array().unwrap().len(), 3);
    assert_eq!(job["range"]["start"]["line"], 6);
    let f = c.call(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": URI}}),
    );
    let starts: Vec<u64> = f
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["startLine"].as_u64().unwrap())
        .collect();
    assert!(
        starts.contains(&4) && starts.contains(&6) && starts.contains(&12),
        "{f:#}"
    );
}

#[test]
fn config_file_changes_relint_open_documents() {
    let dir = temp_dir("cfg");
    let config = dir.join("resume-lsp.toml");
    std::fs::write(&config, "[rules]\nweak-verb = \"off\"\n").unwrap();
    let uri = format!("file://{}/resume.md", dir.display());
    let config_uri = format!("file://{}", config.display());
    let mut c = Client::in_process(ServeOptions::default());
    c.initialize(
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
        Value::Null,
    );
    let reg = c.wait_for(TIMEOUT, |m| m["method"] == "client/registerCapability");
    assert!(reg.is_some_and(
        |r| r["params"]["registrations"][0]["method"] == "workspace/didChangeWatchedFiles"
    ));
    c.open(&uri, "markdown", 1, RESUME_MD);
    let diags = c.diagnostics(&uri, Some(1));
    assert!(with_code(&diags, "weak-verb").is_empty());
    assert!(!with_code(&diags, "unquantified-bullet").is_empty());

    std::fs::write(&config, "[rules]\nweak-verb = \"error\"\n").unwrap();
    c.clear_log();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    );
    let found = c.wait_for(TIMEOUT, |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri.as_str()
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().any(|d| d["code"] == "weak-verb"))
    });
    let found = found.expect("re-linted after the config change");
    let weak: Vec<&Value> = found["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "weak-verb")
        .collect();
    assert_eq!(weak[0]["severity"], 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn malformed_config_is_reported_and_defaults_are_kept() {
    let dir = temp_dir("badcfg");
    let config = dir.join("resume-lsp.toml");
    std::fs::write(
        &config,
        "[rules]\nweak-verb = \"error\"\nunquantified-bullet = off\n",
    )
    .unwrap();
    let uri = format!("file://{}/resume.md", dir.display());
    let config_uri = format!("file://{}", config.display());
    let mut c = client();
    c.open(&uri, "markdown", 1, RESUME_MD);
    let diags = c.diagnostics(&uri, Some(1));
    // Defaults: weak-verb at its default severity, unquantified-bullet on.
    let weak = with_code(&diags, "weak-verb");
    assert_eq!(weak[0]["severity"], 2);
    assert!(!with_code(&diags, "unquantified-bullet").is_empty());
    let cfg = c.diagnostics(&config_uri, None);
    assert_eq!(cfg.len(), 1, "{cfg:#?}");
    assert_eq!(cfg[0]["severity"], 1);
    assert_eq!(cfg[0]["range"]["start"]["line"], 2);
    let shown = c.wait_for(TIMEOUT, |m| m["method"] == "window/showMessage");
    let shown = shown.expect("a message is shown");
    assert_eq!(shown["params"]["type"], 1);
    assert!(shown["params"]["message"]
        .as_str()
        .unwrap()
        .contains("resume-lsp.toml:3:"));

    // Fixed: the config diagnostic is cleared and the file applies.
    std::fs::write(&config, "[rules]\nweak-verb = \"error\"\n").unwrap();
    c.clear_log();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    );
    assert!(c.diagnostics(&config_uri, None).is_empty());
    let found = c.wait_for(TIMEOUT, |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri.as_str()
            && m["params"]["diagnostics"].as_array().is_some_and(|d| {
                d.iter()
                    .any(|d| d["code"] == "weak-verb" && d["severity"] == 1)
            })
    });
    assert!(found.is_some());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn editor_settings_override_and_change() {
    let mut c = Client::in_process(ServeOptions::default());
    c.initialize(json!({}), json!({"rules": {"weak-verb": "off"}}));
    c.open(URI, "markdown", 1, RESUME_MD);
    let diags = c.diagnostics(URI, Some(1));
    assert!(with_code(&diags, "weak-verb").is_empty());
    assert!(!with_code(&diags, "unquantified-bullet").is_empty());
    c.clear_log();
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"resumeLsp": {"rules": {"weak-verb": "hint"}}}}),
    );
    let found = c
        .wait_for(TIMEOUT, |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|d| d.iter().any(|d| d["code"] == "weak-verb"))
        })
        .expect("re-linted with the new settings");
    let weak: Vec<&Value> = found["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "weak-verb")
        .collect();
    assert_eq!(weak[0]["severity"], 4);
}

#[test]
fn suppression_comments_silence_and_unknown_codes_are_reported() {
    let mut c = client();
    let text = RESUME_MD.replace(
        "- Responsible for the billing",
        "<!-- resume-lsp: disable-next-line weak-verb, not-a-rule -->\n- Responsible for the billing",
    ) + "\n## Projects\n\n- Responsible for the team wiki\n";
    c.open(URI, "markdown", 1, &text);
    let diags = c.diagnostics(URI, Some(1));
    let weak = with_code(&diags, "weak-verb");
    assert_eq!(weak.len(), 1, "{diags:#?}");
    assert!(
        line_of(weak[0]) > 20,
        "only the unsuppressed bullet: {weak:#?}"
    );
    let unknown = with_code(&diags, "unknown-rule-code");
    assert_eq!(unknown.len(), 1);
    assert_eq!(line_of(unknown[0]), 8);
    assert_eq!(unknown[0]["severity"], 2);
    let line = text.lines().nth(8).unwrap();
    let start = unknown[0]["range"]["start"]["character"].as_u64().unwrap() as usize;
    assert!(line[start..].starts_with("not-a-rule"));
}

#[test]
fn lifecycle_shutdown_then_exit_is_clean() {
    let mut c = client();
    c.shutdown_and_exit();
    assert_eq!(c.exit_code(), Some(0));
}

#[test]
fn lifecycle_exit_without_shutdown_fails() {
    let mut c = client();
    c.notify("exit", Value::Null);
    assert_eq!(c.exit_code(), Some(1));
}

#[test]
fn requests_after_shutdown_and_unknown_methods_are_errors() {
    let mut c = client();
    let r = c.request("resume-lsp/noSuchMethod", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    let r = c.request("shutdown", Value::Null);
    assert!(r.get("error").is_none());
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(r["error"]["code"], -32600, "{r}");
    c.notify("exit", Value::Null);
    assert_eq!(c.exit_code(), Some(0));
}

#[test]
fn cancelled_requests_are_answered_and_the_server_keeps_serving() {
    let mut c = client();
    c.open(URI, "markdown", 1, RESUME_MD);
    let id = c.send_request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": URI}}),
    );
    c.notify("$/cancelRequest", json!({"id": id}));
    let r = c.response(id);
    assert!(
        r.get("result").is_some() || r["error"]["code"] == -32800,
        "{r}"
    );
    let d = c.diagnostics(URI, Some(1));
    assert!(!d.is_empty());
}

fn panic_on_marker(text: &str) {
    if text.contains("PANIC-IN-RULE") {
        panic!("simulated rule panic");
    }
}

#[test]
fn panics_are_caught_and_the_server_keeps_serving() {
    let mut c = Client::in_process(ServeOptions {
        lint_hook: Some(panic_on_marker),
        panic_request: true,
    });
    c.start();
    let r = c.request("resume-lsp/panic", json!({}));
    assert_eq!(r["error"]["code"], -32603, "{r}");
    assert!(r["error"]["message"]
        .as_str()
        .unwrap()
        .contains("requested panic"));

    let text = format!("{RESUME_MD}\n<!-- PANIC-IN-RULE -->\n");
    c.open(URI, "markdown", 1, &text);
    let diags = c.diagnostics(URI, Some(1));
    assert!(
        !with_code(&diags, "weak-verb").is_empty(),
        "rules still ran one by one"
    );
    let logged = c.wait_for(TIMEOUT, |m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("simulated rule panic"))
    });
    assert!(logged.is_some());
    let h = hover_text(&mut c, URI, 8, 4);
    assert!(h.contains("weak-verb"));
}

#[test]
fn positions_past_the_end_are_clamped_and_logged() {
    let mut c = client();
    c.open(URI, "markdown", 1, "## Experience\n\n- Led a team\n");
    c.diagnostics(URI, Some(1));
    // Past the end of a line, and past the end of the document.
    c.change(
        URI,
        2,
        json!([
            {"range": {"start": {"line": 2, "character": 500}, "end": {"line": 2, "character": 900}},
             "text": " of four"},
            {"range": {"start": {"line": 99, "character": 0}, "end": {"line": 120, "character": 3}},
             "text": "- Responsible for hiring\n"}
        ]),
    );
    let diags = c.diagnostics(URI, Some(2));
    let weak = with_code(&diags, "weak-verb");
    assert_eq!(weak.len(), 1, "{diags:#?}");
    assert_eq!(line_of(weak[0]), 3);
    let logged = c.wait_for(TIMEOUT, |m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("clamped"))
    });
    assert!(logged.is_some());
    let s = c.call(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    let bullets: Vec<&str> = s[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["name"].as_str().unwrap())
        .collect();
    assert_eq!(bullets, ["Led a team of four", "Responsible for hiring"]);
    // Hover far outside the document answers without a crash.
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 4000, "character": 4000}}),
    );
    assert!(r.get("error").is_none());
}

#[test]
fn huge_documents_do_not_block_other_requests() {
    let mut c = client();
    let mut big = String::from("## Experience\n\n");
    while big.len() < 10_000_000 {
        big.push_str("- Responsible for the quarterly report, café – 😀\n");
    }
    c.open(URI, "markdown", 1, &big);
    // A small document is served while the huge one is being processed.
    let small = "file:///tmp/resume-lsp-tests/nowhere/small.md";
    let started = std::time::Instant::now();
    c.open(small, "markdown", 1, RESUME_MD);
    let d = c.diagnostics(small, Some(1));
    assert!(!d.is_empty());
    let r = c.request("resume-lsp/noSuchMethod", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    assert!(started.elapsed() < Duration::from_secs(15));
}

#[test]
fn pull_clients_get_no_pushed_diagnostics() {
    let mut c = Client::in_process(ServeOptions::default());
    c.initialize(
        json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}}),
        Value::Null,
    );
    c.open(URI, "markdown", 1, RESUME_MD);
    let pulled = c.call(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": URI}}),
    );
    let items = pulled["items"].as_array().unwrap();
    assert!(items.iter().any(|d| d["code"] == "weak-verb"), "{pulled:#}");
    c.drain_for(Duration::from_millis(200));
    assert!(c
        .log
        .iter()
        .all(|(_, m)| m["method"] != "textDocument/publishDiagnostics"));
}

#[test]
fn invalid_initialization_options_are_shown_and_ignored() {
    let mut c = Client::in_process(ServeOptions::default());
    c.initialize(json!({}), json!({"rules": {"weak-verb": "loud"}}));
    let shown = c
        .wait_for(TIMEOUT, |m| m["method"] == "window/showMessage")
        .expect("a message is shown");
    assert!(shown["params"]["message"]
        .as_str()
        .unwrap()
        .contains("loud"));
    c.open(URI, "markdown", 1, RESUME_MD);
    let diags = c.diagnostics(URI, Some(1));
    assert_eq!(with_code(&diags, "weak-verb")[0]["severity"], 2);
}

const RESUME_TEX: &str = r"\documentclass[letterpaper,11pt]{article}
\newcommand{\resumeItem}[1]{\item\small{#1}}
\newcommand{\resumeSubheading}[4]{\item #1 #2 #3 #4}
\begin{document}
\section{Experience}
  \resumeSubHeadingListStart
    \resumeSubheading
      {Northwind Labs}{Jan 2021 -- Present}
      {Backend Engineer}{Seattle, WA}
      \resumeItemListStart
        \resumeItem{Responsible for the billing service and its on-call rotation}
        \resumeItem{Cut checkout latency by 40\% by caching tax lookups}
      \resumeItemListEnd
  \resumeSubHeadingListEnd
\end{document}
";

#[test]
fn latex_resume_gets_findings_and_latex_suppression_comments() {
    let uri = "file:///tmp/resume-lsp-tests/nowhere/resume.tex";
    let mut c = client();
    c.open(uri, "latex", 1, RESUME_TEX);
    let diags = c.diagnostics(uri, Some(1));
    let weak = with_code(&diags, "weak-verb");
    assert_eq!(weak.len(), 1, "{diags:#?}");
    assert_eq!(line_of(weak[0]), 10);
    let col = RESUME_TEX
        .lines()
        .nth(10)
        .unwrap()
        .find("Responsible")
        .unwrap();
    assert_eq!(weak[0]["range"]["start"]["character"], col);
    let actions = quickfixes(&mut c, uri, weak[0]);
    let disable = actions
        .iter()
        .find(|a| a["title"] == "Disable weak-verb for this line")
        .unwrap();
    let edits = action_edits(disable, uri);
    assert_eq!(
        edits[0]["newText"],
        "        % resume-lsp: disable-next-line weak-verb\n"
    );
    let new_text = apply_text_edits(RESUME_TEX, &edits, true);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": new_text}]}),
    );
    let after = c.diagnostics(uri, Some(2));
    assert!(with_code(&after, "weak-verb").is_empty(), "{after:#?}");

    // A LaTeX document that is not a resume gets no diagnostics.
    let paper = "file:///tmp/resume-lsp-tests/nowhere/paper.tex";
    c.open(
        paper,
        "latex",
        1,
        "\\documentclass{article}\n\\begin{document}\n\\section{Introduction}\nWe were responsible for the proof.\n\\end{document}\n",
    );
    assert!(c.diagnostics(paper, Some(1)).is_empty());
}

#[test]
fn junk_input_is_served_without_a_crash() {
    let mut c = client();
    let mut rng = Rng(7);
    let alphabet: Vec<char> = "\u{0}\u{1}\u{7f}\t\r\n{}[]\\%$&#_^~*`<>!-–—😀é# "
        .chars()
        .collect();
    let junk: String = (0..4000)
        .map(|_| alphabet[rng.below(alphabet.len())])
        .collect();
    for (i, (uri, lang)) in [
        ("file:///tmp/resume-lsp-tests/nowhere/junk.md", "markdown"),
        ("file:///tmp/resume-lsp-tests/nowhere/junk.tex", "latex"),
    ]
    .into_iter()
    .enumerate()
    {
        c.open(uri, lang, 1, &junk);
        c.diagnostics(uri, Some(1));
        c.change(
            uri,
            2,
            json!([{"range": {"start": {"line": 3, "character": 1}, "end": {"line": 40, "character": 2}}, "text": "\\resumeItem{"}]),
        );
        c.diagnostics(uri, Some(2));
        let s = c.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        );
        assert!(s.get("error").is_none(), "{i}: {s}");
    }
    let r = c.request("resume-lsp/noSuchMethod", json!({}));
    assert_eq!(r["error"]["code"], -32601);
}

#[test]
fn hover_lists_stronger_verbs_even_when_the_rule_is_off() {
    let mut c = Client::in_process(ServeOptions::default());
    c.initialize(json!({}), json!({"rules": {"weak-verb": "off"}}));
    c.open(URI, "markdown", 1, RESUME_MD);
    let diags = c.diagnostics(URI, Some(1));
    assert!(with_code(&diags, "weak-verb").is_empty());
    // On `Responsible`, outside any weak-verb finding (other findings on
    // the line are explained first, so hover the word in a quantified line).
    let text = RESUME_MD.replace(
        "- Cut checkout latency by 40% by caching tax lookups",
        "- Helped cut checkout latency by 40% by caching tax lookups",
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": text}]}),
    );
    c.diagnostics(URI, Some(2));
    let h = hover_text(&mut c, URI, 9, 4);
    assert!(h.contains("weak phrase"), "{h}");
    assert!(h.contains("stronger verbs"), "{h}");
}
