//! End-to-end tests of the `resume-lsp` binary's command line, run on
//! temporary directories.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_resume-lsp");

// ---------------------------------------------------------------------------
// Helpers

/// A temporary directory removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("resume-lsp-cli-{}-{tag}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&path, contents).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        make_writable(&self.0);
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn make_writable(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o755));
        if let Ok(read) = fs::read_dir(dir) {
            for entry in read.flatten() {
                let p = entry.path();
                if p.is_dir() {
                    make_writable(&p);
                } else {
                    let _ = fs::set_permissions(&p, fs::Permissions::from_mode(0o644));
                }
            }
        }
    }
}

fn run<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::new(BIN)
        .args(args)
        .output()
        .expect("run resume-lsp")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally")
}

fn json(o: &Output) -> Value {
    serde_json::from_str(&stdout(o))
        .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}):\n{}", stdout(o)))
}

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// A LaTeX resume in Jake's template exercising `\textbf`, `\href`, `\%`,
/// `--`, accented names and emoji, with weak phrases, unquantified bullets,
/// an unexpanded acronym and mixed date styles.
const LATEX_RESUME: &str = r"\documentclass[letterpaper,11pt]{article}
\newcommand{\resumeItem}[1]{\item\small{#1}}
\begin{document}
\begin{center}
  \textbf{\Huge Zoë Ñúñez-Åberg} \\ \href{mailto:zoe@example.com}{zoe@example.com} $|$ 😀
\end{center}

\section{Experience}
  \resumeSubHeadingListStart
    \resumeSubheading{Platform Engineer}{Mar 2022 -- Present}{Café Ødegård 😀 Labs}{Montréal, QC}
      \resumeItemListStart
        \resumeItem{Responsible for the \textbf{billing} service used by the café team}
        \resumeItem{Cut invoice errors by 35\% with a 😀 reconciliation job -- written in Go}
        \resumeItem{Led a rewrite of the \href{https://example.com/ingest}{ingest pipeline} with an NLP tagger}
        \resumeItem{Helped with the onboarding docs for new hires}
      \resumeItemListEnd
    \resumeSubheading{Software Engineer}{Jun 2019 - Dec 2021}{Brïght Öx Systems}{Québec, QC}
      \resumeItemListStart
        \resumeItem{Worked on the search backend for the internal wiki}
        \resumeItem{Reduced build times from 14 minutes to 3 minutes across 12 services}
      \resumeItemListEnd
    \resumeSubheading{Software Intern}{May 2018 -- Aug 2018}{Nørd Analytics}{Oslo}
      \resumeItemListStart
        \resumeItem{Shipped 4 dashboards tracking 😀 2M daily events for the sales team}
      \resumeItemListEnd
  \resumeSubHeadingListEnd

\section{Technical Skills}
  \textbf{Languages}{: Python, Go, Rust, SQL} \\
\end{document}
";

/// The same kind of resume in Markdown.
const MARKDOWN_RESUME: &str = "# Zoë Ñúñez-Åberg\n\
zoe@example.com · 😀\n\
\n\
## Experience\n\
\n\
### Platform Engineer — Café Ødegård Labs\n\
*Mar 2022 – Present*\n\
\n\
- Responsible for the **billing** service used by the café team\n\
- Cut invoice errors by 35% with a 😀 reconciliation job written in Go\n\
- Led a rewrite of the [ingest pipeline](https://example.com) with an NLP tagger\n\
\n\
### Software Engineer — Brïght Öx Systems\n\
*Jun 2019 - Dec 2021*\n\
\n\
- Worked on the search backend for the internal wiki\n\
- Reduced build times from 14 minutes to 3 minutes across 12 services\n\
\n\
## Skills\n\
\n\
- **Languages:** Python, Go, Rust, SQL\n";

const NOT_A_RESUME: &str = r"\documentclass{article}
\title{On the Convergence of Things}
\begin{document}
\maketitle
\section{Introduction}
We worked on a proof that was responsible for several results.
\end{document}
";

/// Byte offset of a (line, column) position where the column counts code
/// units of `width` (1 for characters, `len_utf16` for UTF-16).
fn offset_of(text: &str, line: usize, col: usize, utf16: bool) -> usize {
    let mut start = 0;
    for _ in 0..line {
        start += text[start..].find('\n').expect("line exists") + 1;
    }
    let mut units = 0;
    for (i, ch) in text[start..].char_indices() {
        if units == col {
            return start + i;
        }
        assert!(units < col, "column inside a character");
        units += if utf16 { ch.len_utf16() } else { 1 };
        if ch == '\n' {
            break;
        }
    }
    assert_eq!(units, col, "column past the end of line {line}");
    text[start..].find('\n').map_or(text.len(), |n| start + n)
}

/// One parsed human line: path, 1-based line, 1-based column, severity, code,
/// message.
fn parse_human(line: &str) -> (String, usize, usize, String, String, String) {
    // path:line:col: severity[code]: message — the path may contain colons,
    // so split from the severity bracket.
    let open = line.find('[').expect("severity[code]");
    let head = &line[..open];
    let (loc, severity) = head.rsplit_once(": ").expect("location: severity");
    let mut parts = loc.rsplitn(3, ':');
    let col: usize = parts.next().unwrap().parse().expect("column");
    let ln: usize = parts.next().unwrap().parse().expect("line");
    let path = parts.next().unwrap().to_string();
    let close = line[open..].find("]: ").expect("]: ") + open;
    let code = line[open + 1..close].to_string();
    let message = line[close + 3..].to_string();
    (path, ln, col, severity.to_string(), code, message)
}

/// Codes of every registered rule, from `rules --format json`.
fn rule_codes() -> Vec<String> {
    let o = run(["rules", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    json(&o)
        .as_array()
        .expect("an array")
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect()
}

// ---------------------------------------------------------------------------
// Arguments

#[test]
fn help_and_version_succeed() {
    let o = run(["--help"]);
    assert_eq!(code(&o), 0);
    let help = stdout(&o);
    for word in ["check", "rules", "explain", "outline", "serve"] {
        assert!(help.contains(word), "help lacks {word}:\n{help}");
    }
    let o = run(["--version"]);
    assert_eq!(code(&o), 0);
    assert_eq!(
        stdout(&o).trim(),
        format!("resume-lsp {}", env!("CARGO_PKG_VERSION"))
    );
    let o = run(["check", "--help"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("--fix"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["check"],
        vec!["frobnicate"],
        vec!["check", "--format", "xml", "x.tex"],
        vec!["explain"],
        vec!["outline"],
    ] {
        let o = run(&args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?} wrote to stdout");
        assert!(!stderr(&o).is_empty());
    }
}

// ---------------------------------------------------------------------------
// serve

/// Frames JSON-RPC messages the way LSP clients do.
fn frame(messages: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    for m in messages {
        out.extend_from_slice(format!("Content-Length: {}\r\n\r\n{m}", m.len()).as_bytes());
    }
    out
}

/// Reads one LSP frame body from `r`.
fn read_frame(r: &mut impl std::io::BufRead) -> Option<Value> {
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
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            len = Some(n.trim().parse::<usize>().ok()?);
        } else {
            assert!(
                line.starts_with("Content-Type: "),
                "not an LSP header: {line:?}"
            );
        }
    }
    let mut body = vec![0; len.expect("a Content-Length header")];
    r.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("a JSON body"))
}

/// Runs one LSP session like an editor: initialize, wait for the answer,
/// initialized, shutdown, wait, exit. Returns every message the server sent
/// and the exit code. Every byte on stdout must belong to a frame.
#[cfg(unix)]
fn lsp_session(args: &[&str]) -> (Vec<Value>, i32, String) {
    use std::io::{BufReader, Read, Write};
    use std::process::Stdio;
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Kill the server if the session hangs.
    let pid = child.id();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watch = done.clone();
    std::thread::spawn(move || {
        for _ in 0..300 {
            std::thread::sleep(std::time::Duration::from_millis(100));
            if watch.load(Ordering::SeqCst) {
                return;
            }
        }
        let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
    });
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut messages = Vec::new();
    let mut wait_for = |id: u64, messages: &mut Vec<Value>| loop {
        let m = read_frame(&mut stdout).unwrap_or_else(|| panic!("no response {id}"));
        let found = m["id"] == id;
        messages.push(m);
        if found {
            break;
        }
    };
    stdin
        .write_all(&frame(&[
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
        ]))
        .unwrap();
    wait_for(1, &mut messages);
    stdin
        .write_all(&frame(&[
            r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
            r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#,
        ]))
        .unwrap();
    wait_for(2, &mut messages);
    stdin
        .write_all(&frame(&[r#"{"jsonrpc":"2.0","method":"exit"}"#]))
        .unwrap();
    drop(stdin);
    while let Some(m) = read_frame(&mut stdout) {
        messages.push(m);
    }
    let mut rest = Vec::new();
    stdout.read_to_end(&mut rest).unwrap();
    assert!(rest.is_empty(), "stray bytes on stdout: {rest:?}");
    let status = child.wait().unwrap();
    done.store(true, Ordering::SeqCst);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (messages, status.code().unwrap_or(-1), err)
}

#[cfg(unix)]
#[test]
fn serve_speaks_only_lsp_on_stdout() {
    // No arguments, `serve`, and the `--stdio` flag editors add all serve.
    for args in [
        &[][..],
        &["serve"][..],
        &["--stdio"][..],
        &["serve", "--stdio"][..],
    ] {
        let (messages, status, err) = lsp_session(args);
        let init = messages.iter().find(|m| m["id"] == 1).unwrap();
        assert!(init["result"]["capabilities"].is_object(), "{init}");
        assert!(messages.iter().all(|m| m["jsonrpc"] == "2.0"));
        assert_eq!(status, 0, "{args:?}: {err}");
    }
}

// ---------------------------------------------------------------------------
// check: exit codes and bad input

#[test]
fn missing_path_is_an_error_naming_it() {
    let dir = TempDir::new("missing");
    let good = dir.write("good.md", MARKDOWN_RESUME);
    let missing = dir.path().join("nope.tex");
    let o = run(["check".to_string(), s(&missing), s(&good)]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains(&s(&missing)), "{err}");
    assert!(err.contains("no such file"), "{err}");
    // The other file was still checked.
    let o2 = run(["check".to_string(), s(&good)]);
    assert_eq!(stdout(&o), stdout(&o2));
}

#[test]
fn non_utf8_file_is_reported_and_others_continue() {
    let dir = TempDir::new("utf8");
    let mut bad = MARKDOWN_RESUME.as_bytes().to_vec();
    bad.extend_from_slice(b"\n- Caf\xE9 latin-1 bytes \xFF\xFE\n");
    let bad = dir.write("a-bad.md", bad);
    let good = dir.write("b-good.md", MARKDOWN_RESUME);
    let o = run(["check", "--format", "json", &s(dir.path())]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains(&s(&bad)) && err.contains("UTF-8"), "{err}");
    let v = json(&o);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["path"], s(&good));
}

#[test]
fn unsupported_extension_named_explicitly_is_an_error() {
    let dir = TempDir::new("ext");
    let txt = dir.write("resume.txt", MARKDOWN_RESUME);
    let o = run(["check".to_string(), s(&txt)]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains(&s(&txt)));
    assert!(stderr(&o).contains(".tex, .md or .markdown"));
    // In a directory walk such files are ignored.
    let o = run(["check".to_string(), s(dir.path())]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn non_resume_tex_is_skipped() {
    let dir = TempDir::new("paper");
    let paper = dir.write("paper.tex", NOT_A_RESUME);
    let o = run(["check".to_string(), s(&paper)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    assert!(!stderr(&o).contains("paper.tex"));
    let o = run(["check".to_string(), "--verbose".into(), s(&paper)]);
    assert_eq!(code(&o), 0);
    assert!(stderr(&o).contains(&s(&paper)), "{}", stderr(&o));
    assert!(stderr(&o).contains("not a resume"));
    let o = run(["check".to_string(), "--format=json".into(), s(&paper)]);
    assert_eq!(code(&o), 0);
    let v = json(&o);
    assert_eq!(v["files"][0]["path"], s(&paper));
    assert_eq!(v["files"][0]["diagnostics"], Value::Array(vec![]));
}

#[test]
fn clean_resume_exits_0_and_findings_exit_1() {
    let dir = TempDir::new("exit");
    let clean = dir.write(
        "clean.md",
        "# Ada\n\n## Experience\n\n### Engineer — Acme\n*Jan 2020 – Present*\n\n\
         - Cut p99 latency from 400ms to 90ms for 3 services by caching hot keys\n\
         - Led 4 engineers to ship a billing system processing $2M a month\n\n\
         ## Skills\n\n\
         Tools: Docker, Podman, Terraform, Ansible, Jenkins, Git, Linux, Bash, Redis, Kafka, \
         Spark, Airflow\n",
    );
    let o = run(["check".to_string(), s(&clean)]);
    let out = stdout(&o);
    // Only findings below warning (information, hint) keep the exit status 0.
    let warnings = out
        .lines()
        .filter(|l| l.contains(": warning[") || l.contains(": error["))
        .count();
    assert_eq!(code(&o), if warnings > 0 { 1 } else { 0 }, "{out}");
    assert_eq!(warnings, 0, "a clean resume has findings:\n{out}");

    for (name, text) in [("weak.md", MARKDOWN_RESUME), ("weak.tex", LATEX_RESUME)] {
        let weak = dir.write(name, text);
        let o = run(["check".to_string(), s(&weak)]);
        assert_eq!(code(&o), 1, "{name}: {}\n{}", stdout(&o), stderr(&o));
        assert!(stderr(&o).contains("warning"), "{}", stderr(&o));
    }
}

// ---------------------------------------------------------------------------
// check: output formats

/// Checks that the human and JSON outputs describe the same findings and that
/// each position is right: human columns count characters (1-based), JSON
/// columns count UTF-16 code units (0-based), and both point at one byte.
fn assert_outputs_agree(path: &Path, source: &str) -> Vec<(usize, String, String)> {
    let human = run(["check".to_string(), s(path)]);
    let machine = run([
        "check".to_string(),
        "--format".into(),
        "json".into(),
        s(path),
    ]);
    assert_eq!(code(&human), code(&machine));
    let v = json(&machine);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["path"], s(path));
    let diags = files[0]["diagnostics"].as_array().unwrap();
    let lines: Vec<String> = stdout(&human).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), diags.len(), "human:\n{}", stdout(&human));
    let mut found = Vec::new();
    for (line, d) in lines.iter().zip(diags) {
        let (p, ln, col, severity, code_, message) = parse_human(line);
        assert_eq!(p, s(path));
        assert_eq!(severity, d["severity"].as_str().unwrap());
        assert_eq!(code_, d["code"].as_str().unwrap());
        assert_eq!(
            message,
            d["message"]
                .as_str()
                .unwrap()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        );
        let start = &d["range"]["start"];
        let jl = start["line"].as_u64().unwrap() as usize;
        let jc = start["character"].as_u64().unwrap() as usize;
        assert_eq!(ln, jl + 1);
        let by_chars = offset_of(source, ln - 1, col - 1, false);
        let by_utf16 = offset_of(source, jl, jc, true);
        assert_eq!(by_chars, by_utf16, "{line}");
        let end = &d["range"]["end"];
        let end_offset = offset_of(
            source,
            end["line"].as_u64().unwrap() as usize,
            end["character"].as_u64().unwrap() as usize,
            true,
        );
        assert!(end_offset >= by_chars, "{line}");
        for key in ["code", "severity", "message", "range", "fixes"] {
            assert!(d.get(key).is_some(), "diagnostic lacks {key}: {d}");
        }
        for fix in d["fixes"].as_array().unwrap() {
            assert!(fix["title"].as_str().is_some_and(|t| !t.is_empty()));
            assert!(["safe", "unsafe", "display-only"]
                .contains(&fix["applicability"].as_str().unwrap()));
            for edit in fix["edits"].as_array().unwrap() {
                assert!(edit["newText"].is_string());
                assert!(edit["range"]["start"]["line"].is_u64());
                assert!(edit["range"]["end"]["character"].is_u64());
            }
        }
        found.push((by_chars, code_, source[by_chars..end_offset].to_string()));
    }
    found
}

fn assert_found(found: &[(usize, String, String)], code_: &str, source: &str, needle: &str) {
    let at = source
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in source"));
    assert!(
        found.iter().any(|(o, c, _)| c == code_ && *o == at),
        "no {code_} at {needle:?} (byte {at}); found {found:#?}"
    );
}

#[test]
fn latex_findings_are_placed_exactly() {
    let dir = TempDir::new("latex");
    let path = dir.write("résumé 😀.tex", LATEX_RESUME);
    let found = assert_outputs_agree(&path, LATEX_RESUME);
    let codes = rule_codes();
    if codes.iter().any(|c| c == "weak-verb") {
        assert_found(&found, "weak-verb", LATEX_RESUME, "Responsible for the");
        assert_found(&found, "weak-verb", LATEX_RESUME, "Worked on the search");
    }
    if codes.iter().any(|c| c == "unexpanded-acronym") {
        assert_found(&found, "unexpanded-acronym", LATEX_RESUME, "NLP tagger");
    }
    if codes.iter().any(|c| c == "inconsistent-date-format") {
        assert_found(
            &found,
            "inconsistent-date-format",
            LATEX_RESUME,
            "Jun 2019 - Dec 2021",
        );
    }
    assert!(codes.iter().any(|c| c == "unquantified-bullet"));
    // The unquantified bullets, and only those, are reported, each on its line.
    let unquantified: Vec<&(usize, String, String)> = found
        .iter()
        .filter(|f| f.1 == "unquantified-bullet")
        .collect();
    for needle in [
        "Responsible for the",
        "Led a rewrite",
        "Helped with",
        "Worked on the search",
    ] {
        let line = LATEX_RESUME[..LATEX_RESUME.find(needle).unwrap()]
            .matches('\n')
            .count();
        assert!(
            unquantified
                .iter()
                .any(|(o, _, _)| LATEX_RESUME[..*o].matches('\n').count() == line),
            "no unquantified-bullet on the line of {needle:?}: {found:#?}"
        );
    }
    for needle in ["Cut invoice", "Reduced build", "Shipped 4"] {
        let line = LATEX_RESUME[..LATEX_RESUME.find(needle).unwrap()]
            .matches('\n')
            .count();
        assert!(
            !unquantified
                .iter()
                .any(|(o, _, _)| LATEX_RESUME[..*o].matches('\n').count() == line),
            "quantified bullet {needle:?} reported: {found:#?}"
        );
    }
}

#[test]
fn markdown_findings_are_placed_exactly() {
    let dir = TempDir::new("md");
    let path = dir.write("cv.markdown", MARKDOWN_RESUME);
    let found = assert_outputs_agree(&path, MARKDOWN_RESUME);
    let codes = rule_codes();
    if codes.iter().any(|c| c == "weak-verb") {
        assert_found(&found, "weak-verb", MARKDOWN_RESUME, "Responsible for the");
    }
    if codes.iter().any(|c| c == "unexpanded-acronym") {
        assert_found(&found, "unexpanded-acronym", MARKDOWN_RESUME, "NLP tagger");
    }
    if codes.iter().any(|c| c == "inconsistent-date-format") {
        assert_found(
            &found,
            "inconsistent-date-format",
            MARKDOWN_RESUME,
            "Jun 2019 - Dec 2021",
        );
    }
    assert!(
        found.iter().any(|f| f.1 == "unquantified-bullet"),
        "{found:#?}"
    );
}

#[test]
fn bom_and_crlf_are_handled() {
    let dir = TempDir::new("crlf");
    let crlf = MARKDOWN_RESUME.replace('\n', "\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(crlf.as_bytes());
    let path = dir.write("cv.md", &bytes);
    let plain = dir.write("plain.md", MARKDOWN_RESUME);
    let a = json(&run(["check", "--format", "json", &s(&path)]));
    let b = json(&run(["check", "--format", "json", &s(&plain)]));
    // Same findings at the same positions: the BOM is not a character of the
    // first line and `\r` is not part of any line's content.
    let strip = |v: &Value| {
        v["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["code"].clone(), d["range"].clone()))
            .collect::<Vec<_>>()
    };
    assert!(!strip(&b).is_empty());
    assert_eq!(strip(&a), strip(&b));
}

#[test]
fn json_output_is_one_object_for_many_files() {
    let dir = TempDir::new("jsonmany");
    dir.write("a.tex", LATEX_RESUME);
    dir.write("b.md", MARKDOWN_RESUME);
    dir.write("c.tex", NOT_A_RESUME);
    let o = run(["check", "--format", "json", &s(dir.path())]);
    assert_eq!(code(&o), 1);
    let v = json(&o);
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = ["a.tex", "b.md", "c.tex"]
        .iter()
        .map(|n| s(&dir.path().join(n)))
        .collect();
    assert_eq!(paths, expected);
    assert_eq!(v.as_object().unwrap().len(), 1);
}

// ---------------------------------------------------------------------------
// check: directories

#[test]
fn directory_with_2000_files_is_walked_in_order() {
    let dir = TempDir::new("many");
    let mut expected = Vec::new();
    for i in 0..2000 {
        let name = format!("d{:02}/r{:04}.md", i % 17, i);
        let body = format!(
            "# Person {i}\n\n## Experience\n\n- Led {n} engineers to cut costs by {p}%\n",
            n = i % 9 + 2,
            p = i % 50 + 1
        );
        expected.push(s(&dir.write(&name, body)));
    }
    // Skipped: hidden directories, node_modules, target; non-resume extensions.
    dir.write(".git/x.md", MARKDOWN_RESUME);
    dir.write("node_modules/pkg/readme.md", MARKDOWN_RESUME);
    dir.write("target/doc/y.md", MARKDOWN_RESUME);
    dir.write("d00/notes.txt", "plain text");
    expected.sort();
    let o = run(["check", "--format", "json", &s(dir.path())]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    let paths: Vec<String> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths.len(), 2000);
    assert_eq!(paths, expected);
    // Human mode prints nothing for clean files and says how many it checked.
    let o = run(["check", &s(dir.path())]);
    assert_eq!(code(&o), 0);
    assert!(stderr(&o).contains("2000 resumes"), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn symlinks_and_repeated_paths_are_checked_once() {
    let dir = TempDir::new("links");
    let real = dir.write("real/cv.md", MARKDOWN_RESUME);
    std::os::unix::fs::symlink(&real, dir.path().join("alias.md")).unwrap();
    // A link back up the tree must not loop.
    std::os::unix::fs::symlink(dir.path(), dir.path().join("real/loop")).unwrap();
    let o = run([
        "check".to_string(),
        "--format=json".into(),
        s(dir.path()),
        s(&real),
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v = json(&o);
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, [s(&dir.path().join("alias.md"))]);
}

// ---------------------------------------------------------------------------
// check --fix

fn safe_fix_count(v: &Value) -> usize {
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap())
        .filter(|d| {
            d["fixes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["applicability"] == "safe")
        })
        .count()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn fix_applies_safe_fixes_and_keeps_permissions() {
    for (name, source) in [("cv.md", MARKDOWN_RESUME), ("cv.tex", LATEX_RESUME)] {
        check_fix_round_trip(name, source);
    }
}

fn check_fix_round_trip(name: &str, source: &str) {
    let dir = TempDir::new("fix");
    let crlf = source.replace('\n', "\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(crlf.as_bytes());
    let path = dir.write(name, &bytes);
    #[cfg(unix)]
    set_mode(&path, 0o640);
    let before = json(&run(["check", "--format", "json", &s(&path)]));
    let safe = safe_fix_count(&before);
    // The test resumes carry a date in a minority style, which has a safe fix.
    assert!(safe > 0, "{name}: no safe fix offered: {before:#}");
    let o = run(["check", "--fix", &s(&path)]);
    assert_eq!(code(&o), 1, "{name}: {}", stderr(&o));
    let after_bytes = fs::read(&path).unwrap();
    assert_ne!(after_bytes, bytes, "{name}");
    assert!(after_bytes.starts_with(b"\xEF\xBB\xBF"), "{name}: BOM lost");
    let text = String::from_utf8(after_bytes[3..].to_vec()).expect("still UTF-8");
    assert_eq!(
        text.matches("\r\n").count(),
        text.matches('\n').count(),
        "{name}: line endings changed"
    );
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o640, "{name}");
    let err = stderr(&o);
    assert!(
        err.contains(&format!("fixed {safe} finding")),
        "{name}: {err}"
    );
    // The human report after fixing lists what remains, at the new positions.
    let again_human = run(["check", &s(&path)]);
    assert_eq!(stdout(&o), stdout(&again_human), "{name}");
    // The fixed file is still a resume, the fixed findings are gone and the
    // others remain.
    let again = json(&run(["check", "--format", "json", &s(&path)]));
    assert_eq!(safe_fix_count(&again), 0, "{name}: {again:#}");
    let left = again["files"][0]["diagnostics"].as_array().unwrap().len();
    let was = before["files"][0]["diagnostics"].as_array().unwrap().len();
    assert_eq!(left, was - safe, "{name}: {again:#}");
    // Only the edits of the safe fixes were made.
    let expected = apply_safe_edits(&crlf, &before);
    assert_eq!(text, expected, "{name}");
    // No temporary files are left behind.
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, [name]);
    // A second run has nothing left to fix.
    let o = run(["check", "--fix", &s(&path)]);
    assert!(stderr(&o).contains("fixed 0 findings"), "{}", stderr(&o));
    assert_eq!(fs::read(&path).unwrap(), after_bytes);
}

/// Applies the first safe fix of each diagnostic of a JSON report to `text`
/// (no overlaps expected in the test resumes).
fn apply_safe_edits(text: &str, report: &Value) -> String {
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for d in report["files"][0]["diagnostics"].as_array().unwrap() {
        let Some(fix) = d["fixes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["applicability"] == "safe")
        else {
            continue;
        };
        for e in fix["edits"].as_array().unwrap() {
            let at = |p: &Value| {
                offset_of(
                    text,
                    p["line"].as_u64().unwrap() as usize,
                    p["character"].as_u64().unwrap() as usize,
                    true,
                )
            };
            edits.push((
                at(&e["range"]["start"]),
                at(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            ));
        }
    }
    edits.sort();
    let mut out = String::new();
    let mut pos = 0;
    for (start, end, new) in edits {
        assert!(start >= pos, "overlapping safe edits");
        out.push_str(&text[pos..start]);
        out.push_str(&new);
        pos = end;
    }
    out.push_str(&text[pos..]);
    out
}

#[cfg(unix)]
#[test]
fn fix_in_read_only_places_changes_nothing() {
    for (name, text) in [("cv.md", MARKDOWN_RESUME), ("cv.tex", LATEX_RESUME)] {
        read_only_fix_fails(name, text);
    }
}

#[cfg(unix)]
fn read_only_fix_fails(name: &str, text: &str) {
    // A read-only directory: the temporary file cannot be created.
    let dir = TempDir::new("ro-dir");
    let p = dir.write(name, text);
    let report = json(&run(["check", "--format", "json", &s(&p)]));
    assert!(
        safe_fix_count(&report) > 0,
        "{name}: nothing to fix: {report:#}"
    );
    set_mode(dir.path(), 0o555);
    let o = run(["check", "--fix", &s(&p)]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains(&s(&p)), "{}", stderr(&o));
    assert!(stderr(&o).contains("read-only"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&p).unwrap(), text);
    // The findings are still reported.
    assert!(!stdout(&o).is_empty());
    set_mode(dir.path(), 0o755);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);

    // A read-only file in a writable directory.
    let dir = TempDir::new("ro-file");
    let p = dir.write(name, text);
    set_mode(&p, 0o444);
    let o = run(["check", "--fix", &s(&p)]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("read-only"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&p).unwrap(), text);
    assert_eq!(mode(&p), 0o444);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

// ---------------------------------------------------------------------------
// configuration

fn codes_and_severities(v: &Value) -> Vec<(String, String)> {
    v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn configuration_file_is_found_walking_up() {
    let dir = TempDir::new("config");
    let cv = dir.write("sub/deeper/cv.md", MARKDOWN_RESUME);
    let before = codes_and_severities(&json(&run(["check", "--format", "json", &s(&cv)])));
    assert!(before.iter().any(|(c, _)| c == "weak-verb"), "{before:?}");
    assert!(before
        .iter()
        .any(|(c, sev)| c == "unquantified-bullet" && sev == "warning"));
    dir.write(
        "resume-lsp.toml",
        "[rules]\nweak-verb = \"off\"\nunquantified-bullet = \"information\"\n",
    );
    let after = codes_and_severities(&json(&run(["check", "--format", "json", &s(&cv)])));
    assert!(!after.iter().any(|(c, _)| c == "weak-verb"), "{after:?}");
    let unquantified: Vec<&String> = after
        .iter()
        .filter(|(c, _)| c == "unquantified-bullet")
        .map(|(_, sev)| sev)
        .collect();
    assert!(!unquantified.is_empty());
    assert!(unquantified.iter().all(|sev| *sev == "information"));
    // A relative path walks up from the working directory too.
    let o = Command::new(BIN)
        .args(["check", "--format", "json", "cv.md"])
        .current_dir(dir.path().join("sub/deeper"))
        .output()
        .unwrap();
    assert_eq!(codes_and_severities(&json(&o)), after);
}

#[test]
fn unusable_configuration_is_an_error_and_defaults_apply() {
    let dir = TempDir::new("badconfig");
    let cv = dir.write("cv.md", MARKDOWN_RESUME);
    let defaults = codes_and_severities(&json(&run(["check", "--format", "json", &s(&cv)])));
    let toml = dir.write("resume-lsp.toml", "[rules\nweak-verb = 3\n");
    let o = run(["check", "--format", "json", &s(&cv)]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains(&s(&toml)), "{err}");
    assert!(err.contains("defaults"), "{err}");
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error: ")).count(),
        1,
        "{err}"
    );
    assert_eq!(codes_and_severities(&json(&o)), defaults);
    // --fix leaves files alone while their configuration is unusable.
    let o = run(["check", "--fix", &s(&cv)]);
    assert_eq!(code(&o), 2);
    assert_eq!(fs::read_to_string(&cv).unwrap(), MARKDOWN_RESUME);

    // An unknown rule code is a warning: the rest of the file applies.
    dir.write(
        "resume-lsp.toml",
        "[rules]\nno-such-rule = \"off\"\nweak-verb = \"off\"\n",
    );
    let o = run(["check", "--format", "json", &s(&cv)]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("no-such-rule"), "{}", stderr(&o));
    assert!(!codes_and_severities(&json(&o))
        .iter()
        .any(|(c, _)| c == "weak-verb"));
}

// ---------------------------------------------------------------------------
// rules, explain

#[test]
fn rules_lists_every_rule_in_both_formats() {
    let o = run(["rules", "--format", "json"]);
    assert_eq!(code(&o), 0);
    let v = json(&o);
    let rules = v.as_array().unwrap();
    assert!(!rules.is_empty());
    let mut codes = std::collections::HashSet::new();
    for r in rules {
        let obj = r.as_object().unwrap();
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["category", "code", "fix", "severity", "summary"]);
        assert!(
            ["error", "warning", "information", "hint"].contains(&r["severity"].as_str().unwrap())
        );
        assert!(["none", "sometimes", "always"].contains(&r["fix"].as_str().unwrap()));
        assert!(!r["summary"].as_str().unwrap().is_empty());
        assert!(codes.insert(r["code"].as_str().unwrap().to_string()));
    }
    let o = run(["rules"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("code"));
    assert_eq!(lines.len(), rules.len() + 1);
    for (line, r) in lines[1..].iter().zip(rules) {
        assert!(line.starts_with(r["code"].as_str().unwrap()), "{line}");
        assert!(line.ends_with(r["summary"].as_str().unwrap()), "{line}");
    }
}

#[test]
fn explain_prints_docs_and_suggests_close_codes() {
    for c in rule_codes() {
        let o = run(["explain", &c]);
        assert_eq!(code(&o), 0, "{c}");
        let out = stdout(&o);
        assert!(out.starts_with(&format!("{c} (")), "{out}");
        assert!(out.lines().count() > 3, "{out}");
    }
    let real = rule_codes().into_iter().next().unwrap();
    let typo = format!("{}x", &real[..real.len() - 1]);
    let o = run(["explain", &typo]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains(&format!("`{typo}`")), "{err}");
    assert!(err.contains(&format!("`{real}`")), "{err}");
    assert!(o.stdout.is_empty());
    let o = run(["explain", "zzzz"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("resume-lsp rules"));
}

// ---------------------------------------------------------------------------
// outline

fn assert_outline_shape(out: &str) {
    for line in out.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let (pos, rest) = trimmed.split_once(' ').expect("position then kind");
        // `line:col`, or `path:line:col` in another file of a multi-file
        // resume.
        let mut parts = pos.rsplitn(3, ':');
        let (c, l) = (parts.next().expect("col"), parts.next().expect("line:col"));
        assert!(
            l.parse::<usize>().unwrap() >= 1 && c.parse::<usize>().unwrap() >= 1,
            "{line}"
        );
        let kind = rest.split(' ').next().unwrap();
        match kind {
            "header" | "section" => assert_eq!(indent, 0, "{line}"),
            "entry" | "skills" | "prose" => assert_eq!(indent, 2, "{line}"),
            "bullet" => assert!(indent >= 2 && indent % 2 == 0, "{line}"),
            _ => panic!("unknown piece: {line}"),
        }
    }
}

#[test]
fn outline_shows_the_model_with_positions() {
    let dir = TempDir::new("outline");
    let p = dir.write("cv.tex", LATEX_RESUME);
    let o = run(["outline".to_string(), s(&p)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert_outline_shape(&out);
    let line_col = |needle: &str| {
        let at = LATEX_RESUME.find(needle).unwrap();
        let line = LATEX_RESUME[..at].matches('\n').count() + 1;
        let start = LATEX_RESUME[..at].rfind('\n').map_or(0, |i| i + 1);
        format!("{line}:{}", LATEX_RESUME[start..at].chars().count() + 1)
    };
    assert!(
        out.contains(&format!(
            "{} section experience \"Experience\"",
            line_col("\\section{Experience}")
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "{} entry",
            line_col("\\resumeSubheading{Platform")
        )),
        "{out}"
    );
    assert!(out.contains("org=\"Café Ødegård 😀 Labs\""), "{out}");
    assert!(out.contains("dates=\"Mar 2022 – Present\""), "{out}");
    assert!(
        out.contains(&format!(
            "    {} bullet \"Cut invoice errors by 35% with a 😀 reconciliation job – written in Go\"",
            line_col("Cut invoice")
        )),
        "{out}"
    );
    assert!(out.contains("section skills"), "{out}");
}

#[test]
fn outline_of_markdown() {
    let dir = TempDir::new("outline-md");
    let md = dir.write("cv.md", MARKDOWN_RESUME);
    let o = run(["outline".to_string(), s(&md)]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert_outline_shape(&out);
    assert!(
        out.contains("4:1 section experience \"Experience\""),
        "{out}"
    );
    assert!(
        out.contains("entry title=\"Platform Engineer\" org=\"Café Ødegård Labs\" dates=\"Mar 2022 – Present\""),
        "{out}"
    );
    assert!(
        out.contains(
            "10:3 bullet \"Cut invoice errors by 35% with a 😀 reconciliation job written in Go\""
        ),
        "{out}"
    );
}

#[test]
fn macro_arities_come_from_input_files() {
    let dir = TempDir::new("input");
    dir.write(
        "defs.tex",
        "\\newcommand{\\resumeItem}[2]{\\item\\textbf{#1}: #2}\n",
    );
    let cv = dir.write(
        "cv.tex",
        "\\documentclass{article}\n\\input{defs}\n\\begin{document}\n\
         \\section{Experience}\n\
         \\resumeSubheading{Acme}{Jan 2020 -- Present}{Engineer}{Austin, TX}\n\
         \\resumeItemListStart\n\
         \\resumeItem{Search}{Cut query latency by 40\\% for 3 teams}\n\
         \\resumeItemListEnd\n\\end{document}\n",
    );
    let o = run(["outline".to_string(), s(&cv)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("bullet lead=\"Search\" \"Cut query latency by 40% for 3 teams\""),
        "{out}"
    );
}

#[test]
fn definitions_in_input_files_read_like_inline_ones() {
    let defs = "\\newcommand{\\bulletpoint}[1]{\\resumeItem{#1}}\
                \\newcommand{\\employer}{Acme Corp}\n";
    let main = |preamble: &str| {
        format!(
            "\\documentclass{{article}}\n{preamble}\\begin{{document}}\n\
             \\section{{Experience}}\n\
             \\resumeSubHeadingListStart\n\
             \\resumeSubheading{{\\employer}}{{Jan 2020 -- Present}}{{Engineer}}{{Austin, TX}}\n\
             \\resumeItemListStart\n\
             \\bulletpoint{{Responsible for the billing service}}\n\
             \\bulletpoint{{Cut query latency by 40\\% for 3 teams}}\n\
             \\resumeItemListEnd\n\
             \\resumeSubHeadingListEnd\n\\end{{document}}\n"
        )
    };
    let inline = TempDir::new("defs-inline");
    let inline_cv = inline.write("main.tex", main(defs));
    let included = TempDir::new("defs-input");
    included.write("defs.tex", defs);
    let included_cv = included.write("main.tex", main("\\input{defs}\n"));
    let outputs = |dir: &TempDir, cv: &Path| {
        let outline = run(["outline".to_string(), s(cv)]);
        assert_eq!(code(&outline), 0, "{}", stderr(&outline));
        let check = run(["check".to_string(), "--format=json".into(), s(cv)]);
        assert!(code(&check) < 2, "{}", stderr(&check));
        let dir = s(dir.path());
        // The included file is a part of the resume: it is listed too, with
        // no findings of its own.
        let mut report = json(&check);
        report["files"]
            .as_array_mut()
            .unwrap()
            .retain(|f| !f["path"].as_str().unwrap().ends_with("defs.tex"));
        (
            stdout(&outline).replace(&dir, "DIR"),
            report.to_string().replace(&dir, "DIR"),
        )
    };
    let (outline, check) = outputs(&included, &included_cv);
    assert!(
        outline.contains("bullet \"Responsible for the billing service\""),
        "{outline}"
    );
    assert!(outline.contains("org=\"Acme Corp\""), "{outline}");
    assert!(check.contains("Responsible for"), "{check}");
    assert_eq!((outline, check), outputs(&inline, &inline_cv));
}

#[test]
fn outline_of_a_non_resume_and_bad_paths() {
    let dir = TempDir::new("outline-bad");
    let paper = dir.write("paper.tex", NOT_A_RESUME);
    let o = run(["outline".to_string(), s(&paper)]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), format!("not a resume: {}\n", s(&paper)));
    let o = run(["outline".to_string(), s(&dir.path().join("missing.md"))]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("missing.md"));
    let bin = dir.write("junk.md", b"## Experience\n- \xFF\xFE\x00junk\n");
    let o = run(["outline".to_string(), s(&bin)]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("UTF-8"));
}

#[test]
fn outline_and_check_never_fail_on_examples_and_dev_set() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in [root.join("grammar/examples"), root.join("tests/dev-set")] {
        if let Ok(read) = fs::read_dir(&dir) {
            files.extend(
                read.flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "tex" || e == "md")),
            );
        }
    }
    files.sort();
    for file in &files {
        let o = run(["outline".to_string(), s(file)]);
        assert_eq!(code(&o), 0, "{}: {}", file.display(), stderr(&o));
        let out = stdout(&o);
        if !out.starts_with("not a resume: ") {
            assert_outline_shape(&out);
        }
        let o = run(["check".to_string(), "--format=json".into(), s(file)]);
        assert!(code(&o) < 2, "{}: {}", file.display(), stderr(&o));
        json(&o);
    }
    // The dev-set resumes are resumes.
    for name in ["d1.tex", "d2.tex", "d3.md", "d4.md"] {
        let p = root.join("tests/dev-set").join(name);
        if p.exists() {
            let out = stdout(&run(["outline".to_string(), s(&p)]));
            assert!(out.contains(" section experience "), "{name}:\n{out}");
            assert!(out.contains(" bullet "), "{name}:\n{out}");
        }
    }
}

#[test]
fn exit_zero_reports_findings_and_exits_zero() {
    let dir = TempDir::new("exitzero");
    let file = dir.write("a.tex", LATEX_RESUME);
    let plain = run(["check".to_string(), s(&file)]);
    assert_eq!(code(&plain), 1, "{}", stderr(&plain));
    let o = run(["check".to_string(), "--exit-zero".into(), s(&file)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), stdout(&plain), "the same findings are printed");
    // Errors still exit 2.
    let missing = dir.path().join("missing.tex");
    let o = run(["check".to_string(), "--exit-zero".into(), s(&missing)]);
    assert_eq!(code(&o), 2);
}
