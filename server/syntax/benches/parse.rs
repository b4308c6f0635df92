//! Parsing benchmarks: parse + model from scratch, and a one-character edit
//! applied to an open [`Document`] (incremental re-parse + model), for a
//! two-page LaTeX resume, a two-page Markdown resume and 50× larger versions
//! of both.
//!
//! ```text
//! cargo bench -p resume-syntax --bench parse -- --warm-up-time 1 --measurement-time 3
//! ```

use std::path::Path;

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use resume_syntax::{parse, Document, Format, ParseOptions};

/// Jake's template resume of the repository (a generated one when the file
/// is missing).
fn latex_resume() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../grammar/examples/jake-software-engineer.tex");
    std::fs::read_to_string(path).unwrap_or_else(|_| generated_latex())
}

fn generated_latex() -> String {
    let mut s = String::from(
        "\\documentclass{article}\n\\begin{document}\n\\section{Experience}\n\\resumeSubHeadingListStart\n",
    );
    for job in 0..4 {
        s.push_str(&format!(
            "\\resumeSubheading{{Engineer}}{{Jan {y} -- Dec {y}}}{{Company {job}}}{{Austin, TX}}\n\\resumeItemListStart\n",
            y = 2015 + job
        ));
        for b in 0..5 {
            s.push_str(&format!(
                "\\resumeItem{{Shipped the billing export, cutting run time by {p}\\%}}\n",
                p = 10 + b
            ));
        }
        s.push_str("\\resumeItemListEnd\n");
    }
    s.push_str("\\resumeSubHeadingListEnd\n\\section{Education}\n\\end{document}\n");
    s
}

/// A two-page Markdown resume.
fn markdown_resume() -> String {
    let mut s = String::from(
        "# Jordan Vale\n\njordan@example.com · github.com/jvale · Denver, CO\n\n## Summary\n\nPlatform engineer who keeps build and deploy pipelines fast for teams of 40 developers.\n\n## Experience\n\n",
    );
    let jobs = [
        ("Staff Engineer", "Quarry Analytics", "Feb 2021 – Present"),
        ("Senior Engineer", "Lumen Freight", "Jul 2018 – Jan 2021"),
        ("Engineer", "Oakridge Media", "Aug 2016 – Jun 2018"),
        ("Intern", "Civic Data Lab", "May 2015 – Aug 2015"),
    ];
    let bullets = [
        "Responsible for the artifact cache shared by every CI runner",
        "Cut median build time from 14 to 6 minutes by splitting test shards",
        "Led the move of 25 services from VMs to containers",
        "Built a **release checklist** bot used on every deploy",
        "Worked on the *search indexer* that feeds the public catalogue",
        "Reduced storage cost by 22% by expiring stale build outputs",
    ];
    for (title, org, dates) in jobs {
        s.push_str(&format!("### {title}, {org} — {dates}\n\n"));
        for b in bullets {
            s.push_str(&format!("- {b}\n"));
        }
        s.push('\n');
    }
    s.push_str("## Projects\n\n### Tally | Rust, Postgres — 2022\n\n- Wrote a budget tracker with 300 monthly users\n\n");
    s.push_str(
        "## Education\n\n### B.S. Computer Engineering, Front Range University — 2012 – 2016\n\n",
    );
    s.push_str("## Skills\n\n- Languages: Rust, Go, Python\n- Tools: Bazel, Docker, Terraform\n");
    s
}

/// `text` with the part from `from` up to `to` repeated 50 times.
fn fifty_times(text: &str, from: &str, to: &str) -> String {
    let (Some(a), Some(b)) = (text.find(from), text.find(to)) else {
        return text.repeat(50);
    };
    let mut s = text[..a].to_string();
    for _ in 0..50 {
        s.push_str(&text[a..b]);
    }
    s.push_str(&text[b..]);
    s
}

struct Input {
    name: &'static str,
    format: Format,
    text: String,
    /// Where the one-character edit goes: the end of a bullet line.
    edit_at: usize,
}

fn inputs() -> Vec<Input> {
    let latex = latex_resume();
    let latex_large = fifty_times(&latex, "\\section{Experience}", "\\section{Projects}");
    let md = markdown_resume();
    let md_large = fifty_times(&md, "### ", "## Projects");
    let at = |text: &str, needle: &str| {
        text.find(needle)
            .and_then(|i| text[i..].find('\n').map(|j| i + j))
            .unwrap_or(text.len() / 2)
    };
    let li = |t: &str| at(t, "Responsible for");
    vec![
        Input {
            name: "latex-2-page",
            format: Format::Latex,
            edit_at: li(&latex) - 1,
            text: latex,
        },
        Input {
            name: "latex-50x",
            format: Format::Latex,
            edit_at: li(&latex_large) - 1,
            text: latex_large,
        },
        Input {
            name: "markdown-2-page",
            format: Format::Markdown,
            edit_at: li(&md),
            text: md,
        },
        Input {
            name: "markdown-50x",
            format: Format::Markdown,
            edit_at: li(&md_large),
            text: md_large,
        },
    ]
}

fn full_parse(c: &mut Criterion) {
    let options = ParseOptions::default();
    let mut group = c.benchmark_group("parse");
    for input in inputs() {
        group.throughput(Throughput::Bytes(input.text.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(input.name),
            &input,
            |b, input| b.iter(|| parse(black_box(&input.text), input.format, &options)),
        );
    }
    group.finish();
}

fn one_char_edit(c: &mut Criterion) {
    let mut group = c.benchmark_group("edit");
    for input in inputs() {
        let mut doc = Document::new(&input.text, input.format, 0, ParseOptions::default());
        assert!(
            doc.resume().is_resume,
            "{} must read as a resume",
            input.name
        );
        let at = input.edit_at;
        let mut inserted = false;
        group.bench_function(BenchmarkId::from_parameter(input.name), |b| {
            b.iter(|| {
                // Insert a character, then delete it, so the text stays put.
                if inserted {
                    doc.apply_edit(at..at + 1, "");
                } else {
                    doc.apply_edit(at..at, "x");
                }
                inserted = !inserted;
                black_box(doc.resume().sections.len())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, full_parse, one_char_edit);
criterion_main!(benches);
