//! Latency benchmark of the language server binary over real stdio pipes.
//!
//! ```text
//! cargo build --release -p resume-lsp --bin resume-lsp --example lsp_bench
//! target/release/examples/lsp_bench [--n 200] [--bin target/release/resume-lsp]
//! ```
//!
//! For a 2-page resume and one 50× larger, in Markdown and in LaTeX (Jake's
//! template, `grammar/examples/jake-software-engineer.tex`, whose body is
//! repeated for the large one), it starts the server, times `initialize`,
//! opens the document, then sends N single-character edits one at a time
//! (inside the first `Responsible for` bullet) and measures each edit's
//! time to the `publishDiagnostics` of that version. Prints a table with
//! p50/p95/p99/max, the initialize time of that server and the median of
//! five more starts, the time from open to the first diagnostics and the
//! server's peak RSS (`VmHWM` from /proc/<pid>/status).
//! `--only md` or `--only tex` runs one format.

#[path = "../tests/lsp_support/mod.rs"]
mod lsp_support;

use std::time::{Duration, Instant};

use lsp_support::Client;
use serde_json::json;

fn two_page_resume() -> String {
    let mut s = String::from(
        "# Alex Rivera\n\nalex@example.com · +1 555 0100 · github.com/alexr · Seattle, WA\n\n## Summary\n\nBackend engineer with six years building payment and data systems that handle 2M requests a day.\n\n## Experience\n\n",
    );
    let jobs = [
        (
            "Senior Software Engineer",
            "Fabrikam Payments",
            "Mar 2022 – Present",
        ),
        (
            "Software Engineer",
            "Northwind Logistics",
            "Jun 2019 – Feb 2022",
        ),
        (
            "Software Engineer Intern",
            "Contoso Health",
            "May 2018 – Aug 2018",
        ),
        (
            "Research Assistant",
            "State University Systems Lab",
            "Sep 2016 – May 2018",
        ),
    ];
    let bullets = [
        "Responsible for the ledger service that settles card payments for merchants",
        "Cut p99 checkout latency from 900ms to 250ms by batching fraud checks",
        "Led a team of 4 engineers migrating 30 cron jobs to an event queue",
        "Built an internal dashboard used by the support team every day",
        "Worked on the NLP pipeline that tags incoming tickets by topic",
        "Reduced cloud spend by 18% by right-sizing database instances",
    ];
    for (title, org, dates) in jobs {
        s.push_str(&format!("### {title}, {org} — {dates}\n\n"));
        for b in bullets {
            s.push_str(&format!("- {b}\n"));
        }
        s.push('\n');
    }
    s.push_str("## Projects\n\n### Ledger Lint | Rust, SQLite — 2023\n\n- Wrote a checker that flags unbalanced journal entries in 3 open-source ledgers\n- Helped maintainers triage issues and review pull requests\n\n");
    s.push_str("## Education\n\n### B.Sc. Computer Science, State University — Sep 2014 – May 2018\n\n- Coursework: Distributed Systems, Databases, Machine Learning\n\n");
    s.push_str("## Skills\n\n- Languages: Rust, Go, Python, SQL\n- Infrastructure: Postgres, Kafka, Kubernetes, Terraform\n");
    s
}

fn large_resume(base: &str) -> String {
    let (head, rest) = base.split_at(base.find("## Experience").unwrap());
    let (experience, tail) = rest.split_at(rest.find("## Projects").unwrap());
    let body = &experience["## Experience\n\n".len()..];
    let mut s = format!("{head}## Experience\n\n");
    for _ in 0..50 {
        s.push_str(body);
    }
    s.push_str(tail);
    s
}

const JAKE: &str = include_str!("../../../grammar/examples/jake-software-engineer.tex");

/// Jake's template with the body between `\begin{document}` and
/// `\end{document}` repeated `times` times.
fn latex_resume(times: usize) -> String {
    let begin = JAKE.find("\\begin{document}").unwrap() + "\\begin{document}".len();
    let end = JAKE.find("\\end{document}").unwrap();
    let mut s = JAKE[..begin].to_string();
    for _ in 0..times {
        s.push_str(&JAKE[begin..end]);
    }
    s.push_str(&JAKE[end..]);
    s
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

/// Line and column (in characters) where the edits go: inside the first
/// `Responsible for` bullet, at the end of its text.
fn edit_point(text: &str) -> (usize, usize) {
    let line = text
        .lines()
        .position(|l| l.contains("Responsible for"))
        .unwrap_or(0);
    let l = text.lines().nth(line).unwrap_or("");
    let end = if l.trim_end().ends_with('}') {
        l.rfind('}').unwrap_or(l.len())
    } else {
        l.len()
    };
    (line, l[..end].chars().count())
}

fn run(bin: &str, format: &str, name: &str, text: &str, n: usize) {
    let mut c = Client::binary(bin, &[]);
    let init_start = Instant::now();
    c.initialize(json!({}), serde_json::Value::Null);
    let init = init_start.elapsed();
    // `initialize` of this run's server (the first start may read the
    // binary from disk) and the median of five more starts.
    let mut starts: Vec<Duration> = (0..5)
        .map(|_| {
            let mut c = Client::binary(bin, &[]);
            let t = Instant::now();
            c.initialize(json!({}), serde_json::Value::Null);
            let t = t.elapsed();
            c.shutdown_and_exit();
            t
        })
        .collect();
    starts.sort();
    let (uri, language) = match format {
        "LaTeX" => ("file:///tmp/resume-lsp-bench/resume.tex", "latex"),
        _ => ("file:///tmp/resume-lsp-bench/resume.md", "markdown"),
    };
    c.open(uri, language, 0, text);
    let open_start = Instant::now();
    let first = c.diagnostics_message(uri, Some(0));
    let open = open_start.elapsed();
    let publish_kb = serde_json::to_string(&first).map_or(0, |s| s.len()) / 1024;
    let findings = first["params"]["diagnostics"]
        .as_array()
        .map_or(0, Vec::len);

    // Insert a character at the end of the first `Responsible for` bullet,
    // then delete it, alternately.
    let (line, col) = edit_point(text);
    let mut times = Vec::with_capacity(n);
    for i in 0..n {
        let version = i as i32 + 1;
        let change = if i % 2 == 0 {
            json!({"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col}}, "text": "x"})
        } else {
            json!({"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col + 1}}, "text": ""})
        };
        let sent = Instant::now();
        c.change(uri, version, json!([change]));
        c.diagnostics(uri, Some(version as i64));
        let arrived = c
            .log
            .iter()
            .rev()
            .find(|(_, m)| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["version"] == version
            })
            .map(|(at, _)| *at)
            .unwrap_or_else(Instant::now);
        times.push(arrived.saturating_duration_since(sent));
        c.clear_log();
    }
    let rss = c.pid().and_then(peak_rss_kb);
    c.shutdown_and_exit();
    let code = c.exit_code();
    times.sort();
    if code != Some(0) {
        eprintln!("{format} {name}: the server exited with {code:?}");
    }
    println!(
        "| {format} | {name} | {} KB | {findings} findings, {publish_kb} KB | {n} | {} | {} | {} | {} | {} | {} | {} | {} |",
        text.len() / 1024,
        ms(percentile(&times, 0.50)),
        ms(percentile(&times, 0.95)),
        ms(percentile(&times, 0.99)),
        ms(*times.last().unwrap_or(&Duration::ZERO)),
        ms(init),
        ms(percentile(&starts, 0.5)),
        ms(open),
        rss.map_or("n/a".to_string(), |kb| format!(
            "{:.1} MB",
            kb as f64 / 1024.0
        )),
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut n = 200usize;
    let mut bin = std::env::current_exe()
        .ok()
        .and_then(|p| Some(p.parent()?.parent()?.join("resume-lsp")))
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "resume-lsp".into());
    let mut only = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--n" => n = args.next().and_then(|v| v.parse().ok()).unwrap_or(n),
            "--bin" => bin = args.next().unwrap_or(bin),
            "--only" => only = args.next(),
            _ => {
                eprintln!("usage: lsp_bench [--n N] [--bin PATH] [--only md|tex]");
                std::process::exit(2);
            }
        }
    }
    let small = two_page_resume();
    let large = large_resume(&small);
    println!("| format | document | size | publishDiagnostics | edits | p50 ms | p95 ms | p99 ms | max ms | initialize ms | initialize median of 5 ms | open→diagnostics ms | peak RSS |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    if only.as_deref() != Some("tex") {
        run(&bin, "Markdown", "2-page resume", &small, n);
        run(&bin, "Markdown", "50× resume", &large, n);
    }
    if only.as_deref() != Some("md") {
        run(&bin, "LaTeX", "2-page resume", JAKE, n);
        run(&bin, "LaTeX", "50× resume", &latex_resume(50), n);
    }
}
