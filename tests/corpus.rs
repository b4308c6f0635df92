//! Every example resume of the project (grammar/examples/*.tex,
//! tests/resumes/*.md) with its findings drawn under the source line they
//! point at, as insta snapshots. A change in any rule's findings on a whole
//! resume shows up here as a readable diff.

use std::path::{Path, PathBuf};

use resume_rules::{lint, Config, Diagnostic};
use resume_syntax::{Format, ParseOptions};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The project's example resumes, in a stable order.
fn examples() -> Vec<(PathBuf, Format)> {
    let mut out = Vec::new();
    for dir in ["grammar/examples", "tests/resumes"] {
        let dir = repo_root().join(dir);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for f in files {
            if let Some(format) = Format::from_path(&f.to_string_lossy()) {
                out.push((f, format));
            }
        }
    }
    out
}

/// Parse options with the arities of macros defined in the files a LaTeX
/// document `\input`s from its own directory, as the command line reads them.
fn options_for(path: &Path, source: &str) -> ParseOptions {
    let mut options = ParseOptions::default();
    let dir = path.parent().expect("example files live in a directory");
    for name in resume_syntax::latex_includes(source) {
        let file = if Path::new(&name).extension().is_none() {
            dir.join(format!("{name}.tex"))
        } else {
            dir.join(&name)
        };
        if let Ok(text) = std::fs::read_to_string(&file) {
            for (macro_name, arity) in resume_syntax::latex_definitions(&text).arity {
                options.arities.entry(macro_name).or_insert(arity);
            }
        }
    }
    options
}

/// The source with line numbers; under each line, one caret line per
/// finding that starts on it: carets under the characters it covers on that
/// line, then `severity[code]: message`.
fn render(source: &str, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    let mut line_start = 0;
    let lines: Vec<&str> = source.split('\n').collect();
    let width = lines.len().to_string().len();
    for (n, raw) in lines.iter().enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let line_end = line_start + line.len();
        out.push_str(&format!("{:>width$} | {line}\n", n + 1).replace(" | \n", " |\n"));
        for d in diagnostics
            .iter()
            .filter(|d| d.range.start >= line_start && d.range.start <= line_end)
        {
            let col = source[line_start..d.range.start].chars().count();
            let end = d.range.end.min(line_end).max(d.range.start);
            let len = source[d.range.start..end].chars().count().max(1);
            let more = if d.range.end > line_end {
                let last = source[..d.range.end].matches('\n').count() + 1;
                format!(" (to line {last})")
            } else {
                String::new()
            };
            let message = d.message.split_whitespace().collect::<Vec<_>>().join(" ");
            out.push_str(&format!(
                "{:>width$} | {}{} {}[{}]: {message}{more}\n",
                "",
                " ".repeat(col),
                "^".repeat(len),
                d.severity.as_str(),
                d.code,
            ));
        }
        line_start += raw.len() + 1;
    }
    out
}

fn findings_of(path: &Path, format: Format) -> (String, Vec<Diagnostic>) {
    let source = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let resume = resume_syntax::parse(&source, format, &options_for(path, &source));
    let diagnostics = lint(&resume, &source, &Config::default());
    (source, diagnostics)
}

#[test]
fn every_example_resume_with_its_findings() {
    let files = examples();
    assert!(files.len() >= 12, "examples found: {}", files.len());
    let mut resumes_with_findings = 0;
    let mut changed = Vec::new();
    for (path, format) in files {
        let (source, diagnostics) = findings_of(&path, format);
        for d in &diagnostics {
            assert!(
                d.range.start <= d.range.end
                    && d.range.end <= source.len()
                    && source.is_char_boundary(d.range.start)
                    && source.is_char_boundary(d.range.end),
                "{}: bad range {:?}",
                path.display(),
                d.range
            );
        }
        if !diagnostics.is_empty() {
            resumes_with_findings += 1;
        }
        let name = path
            .file_name()
            .expect("a file")
            .to_string_lossy()
            .into_owned();
        let rendered = render(&source, &diagnostics);
        // Every changed snapshot is written before the test fails, so one
        // `cargo insta review` shows them all.
        let checked = std::panic::catch_unwind(|| {
            insta::assert_snapshot!(name.clone(), rendered);
        });
        if checked.is_err() {
            changed.push(name);
        }
    }
    assert!(changed.is_empty(), "findings changed in {changed:?}");
    assert!(
        resumes_with_findings >= 10,
        "only {resumes_with_findings} example resumes have findings"
    );
}

#[test]
fn carets_sit_under_the_characters_of_the_finding() {
    let source = "## Experience\n\n### Engineer — Café Ünal\n*2020 – 2022*\n\n- Responsible for the café's 3 ovens\n";
    let d = Diagnostic {
        code: "weak-verb",
        severity: resume_rules::Severity::Warning,
        message: "leads with\na weak phrase".to_string(),
        range: source.find("Responsible for").unwrap()..source.find(" the café").unwrap(),
        fixes: Vec::new(),
    };
    let rendered = render(source, &[d]);
    assert!(
        rendered.contains(
            "6 | - Responsible for the café's 3 ovens\n  |   ^^^^^^^^^^^^^^^ warning[weak-verb]: leads with a weak phrase\n"
        ),
        "{rendered}"
    );
}
