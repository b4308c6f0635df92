//! Benchmarks of the command line: full lint time of one two-page resume
//! (parse + model + every rule) and throughput of `check` over 1,000 resumes.
//!
//! Inputs: every `grammar/examples/*.tex` of the repository, the dev-set
//! resume `d1.tex` (directory from `RESUME_LSP_DEV_SET`, default
//! `tests/dev-set` of the repository) when present, and a generated
//! resume so the benchmark always has an input.

use std::fs;
use std::path::{Path, PathBuf};

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use resume_lsp::cli::check::{check_paths, lint_source, CheckOptions};
use resume_lsp::cli::OutputFormat;
use resume_rules::Config;
use resume_syntax::{Format, ParseOptions};

/// A generated two-page LaTeX resume in Jake's template.
fn generated_resume(seed: usize) -> String {
    let mut s = String::from(
        "\\documentclass[letterpaper,11pt]{article}\n\
         \\newcommand{\\resumeItem}[1]{\\item\\small{#1}}\n\
         \\begin{document}\n\
         \\begin{center}\\textbf{\\Huge Ada Quinn} \\\\ \\href{mailto:ada@example.com}{ada@example.com}\\end{center}\n\
         \\section{Experience}\n\\resumeSubHeadingListStart\n",
    );
    let verbs = [
        "Built",
        "Led",
        "Worked on",
        "Responsible for",
        "Designed",
        "Helped",
    ];
    for job in 0..6 {
        s.push_str(&format!(
            "  \\resumeSubheading{{Engineer {job}}}{{Jan {y} -- Dec {y2}}}{{Company {seed}-{job}}}{{Austin, TX}}\n  \\resumeItemListStart\n",
            y = 2010 + job,
            y2 = 2011 + job,
        ));
        for b in 0..6 {
            let verb = verbs[(seed + job + b) % verbs.len()];
            s.push_str(&format!(
                "    \\resumeItem{{{verb} the \\textbf{{ingest}} pipeline for NLP models, cutting cost by {p}\\% -- with RAG and LLM tooling}}\n",
                p = 5 + b * 7,
            ));
        }
        s.push_str("  \\resumeItemListEnd\n");
    }
    s.push_str(
        "\\resumeSubHeadingListEnd\n\\section{Technical Skills}\n\
         \\textbf{Languages}{: Python, Go, Rust, SQL} \\\\\n\\end{document}\n",
    );
    s
}

fn inputs() -> Vec<(String, String)> {
    let mut out = vec![("generated".to_string(), generated_resume(0))];
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../grammar/examples");
    if let Ok(read) = fs::read_dir(&examples) {
        let mut paths: Vec<PathBuf> = read
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "tex"))
            .collect();
        paths.sort();
        for p in paths {
            if let Ok(text) = fs::read_to_string(&p) {
                let name = p
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                out.push((name, text));
            }
        }
    }
    let dev_set = std::env::var_os("RESUME_LSP_DEV_SET")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/dev-set"));
    if let Ok(text) = fs::read_to_string(dev_set.join("d1.tex")) {
        out.push(("d1.tex".to_string(), text));
    }
    out
}

fn lint_one(c: &mut Criterion) {
    let config = Config::default();
    let options = ParseOptions::default();
    let mut group = c.benchmark_group("lint");
    for (name, text) in inputs() {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(&name), &text, |b, text| {
            b.iter(|| lint_source(black_box(text), Format::Latex, &config, &options))
        });
    }
    group.finish();
}

/// A fresh directory under the system temp dir.
fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("resume-lsp-bench-{tag}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create a temporary directory");
    dir
}

fn check_many(c: &mut Criterion) {
    const N: usize = 1000;
    let dir = temp_dir("many");
    let bases = inputs();
    for i in 0..N {
        let (_, base) = &bases[i % bases.len()];
        // Vary the text so no two files are identical.
        let text = base.replacen("\\section{", &format!("% copy {i}\n\\section{{"), 1);
        let sub = dir.join(format!("group{:02}", i % 20));
        fs::create_dir_all(&sub).expect("create a subdirectory");
        fs::write(sub.join(format!("resume{i:04}.tex")), text).expect("write a resume");
    }
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    group.throughput(Throughput::Elements(N as u64));
    let paths = vec![dir.clone()];
    for format in [OutputFormat::Human, OutputFormat::Json] {
        let options = CheckOptions {
            format,
            fix: false,
            verbose: false,
        };
        group.bench_function(format!("{N}-resumes-{format:?}").to_lowercase(), |b| {
            b.iter(|| {
                let mut out = std::io::sink();
                let mut err = std::io::sink();
                check_paths(&paths, &options, &mut out, &mut err)
            })
        });
    }
    group.finish();
    let _ = fs::remove_dir_all(&dir);
}

criterion_group!(benches, lint_one, check_many);
criterion_main!(benches);
