//! `resume-lsp check`: lint files and directories, optionally apply safe fixes.

use std::io::Write;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use resume_rules::{apply_edits, lint, Applicability, Config, Diagnostic, Edit, Fix, Severity};
use resume_syntax::{Encoding, Format, LineIndex, ParseOptions, Resume};
use serde::Serialize;

use super::config::{one_line, with_includes, ConfigCache, Problem};
use super::files::{self, Item, Target};
use super::OutputFormat;

// Multi-file resumes: a child module, so it shares the report types.
#[path = "check_multi.rs"]
mod multi;
use multi::{check_project, Claim, ProjectRun};

/// How many lint-and-fix rounds `--fix` runs at most.
pub const MAX_FIX_ROUNDS: usize = 5;

/// Options of `check`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CheckOptions {
    /// Output format.
    pub format: OutputFormat,
    /// Apply safe fixes in place.
    pub fix: bool,
    /// Mention skipped files.
    pub verbose: bool,
}

/// Outcome of a command, ordered by how bad it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Nothing at warning or above (exit 0).
    Clean,
    /// Findings at warning or above (exit 1).
    Findings,
    /// A usage or I/O error (exit 2).
    Error,
}

impl Status {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Status::Clean => 0,
            Status::Findings => 1,
            Status::Error => 2,
        }
    }
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(status.code())
    }
}

/// Parses and lints one source text.
pub fn lint_source(
    source: &str,
    format: Format,
    config: &Config,
    options: &ParseOptions,
) -> (Resume, Vec<Diagnostic>) {
    let resume = resume_syntax::parse(source, format, options);
    let diagnostics = lint(&resume, source, config);
    (resume, diagnostics)
}

/// Result of [`fix_source`].
#[derive(Clone, Debug)]
pub struct FixOutcome {
    /// Whether the document is a resume.
    pub is_resume: bool,
    /// Findings on the original text.
    pub before: Vec<Diagnostic>,
    /// The text after fixing (equal to the input when nothing was fixed).
    pub text: String,
    /// Findings that remain on [`FixOutcome::text`].
    pub after: Vec<Diagnostic>,
    /// How many fixes were applied.
    pub fixed: usize,
}

/// Applies safe fixes repeatedly (at most [`MAX_FIX_ROUNDS`] rounds) until
/// nothing changes. Each diagnostic contributes at most its first safe fix; a
/// fix whose edits overlap an edit already chosen in the round waits for the
/// next round.
pub fn fix_source(
    source: &str,
    format: Format,
    config: &Config,
    options: &ParseOptions,
) -> FixOutcome {
    let (resume, before) = lint_source(source, format, config, options);
    let mut outcome = FixOutcome {
        is_resume: resume.is_resume,
        after: before.clone(),
        before,
        text: source.to_string(),
        fixed: 0,
    };
    if !resume.is_resume {
        return outcome;
    }
    for _ in 0..MAX_FIX_ROUNDS {
        let (edits, count) = choose_safe_edits(&outcome.text, &outcome.after);
        if count == 0 {
            break;
        }
        let next = apply_edits(&outcome.text, &edits);
        if next == outcome.text {
            break;
        }
        outcome.fixed += count;
        outcome.text = next;
        let (_, diagnostics) = lint_source(&outcome.text, format, config, options);
        outcome.after = diagnostics;
    }
    outcome
}

/// The first safe fix of a diagnostic, if any.
pub fn safe_fix(diagnostic: &Diagnostic) -> Option<&Fix> {
    diagnostic
        .fixes
        .iter()
        .find(|f| f.applicability == Applicability::Safe && !f.edits.is_empty())
}

/// Picks non-overlapping edits from the first safe fix of each diagnostic.
/// Returns the edits and how many fixes they carry out.
fn choose_safe_edits(text: &str, diagnostics: &[Diagnostic]) -> (Vec<Edit>, usize) {
    let mut chosen: Vec<Edit> = Vec::new();
    let mut count = 0;
    for fix in diagnostics.iter().filter_map(safe_fix) {
        let valid = fix.edits.iter().all(|e| {
            e.range.start <= e.range.end
                && e.range.end <= text.len()
                && text.is_char_boundary(e.range.start)
                && text.is_char_boundary(e.range.end)
        });
        let pairwise_ok = fix
            .edits
            .iter()
            .enumerate()
            .all(|(i, a)| fix.edits[i + 1..].iter().all(|b| !overlaps(a, b)));
        let clashes = fix
            .edits
            .iter()
            .any(|e| chosen.iter().any(|c| overlaps(c, e)));
        if valid && pairwise_ok && !clashes {
            chosen.extend(fix.edits.iter().cloned());
            count += 1;
        }
    }
    (chosen, count)
}

/// Whether two edits touch the same text (two insertions at one point count
/// as overlapping, since their order would be ambiguous).
fn overlaps(a: &Edit, b: &Edit) -> bool {
    let (a, b) = (&a.range, &b.range);
    (a.start < b.end && b.start < a.end)
        || a.start == b.start
        || (a.is_empty() && b.contains(&a.start))
        || (b.is_empty() && a.contains(&b.start))
}

/// The status findings give: [`Status::Findings`] when any is a warning or
/// an error, else [`Status::Clean`] (information and hints do not fail).
pub fn status_of(diagnostics: &[Diagnostic]) -> Status {
    if diagnostics.iter().any(|d| d.severity >= Severity::Warning) {
        Status::Findings
    } else {
        Status::Clean
    }
}

/// Totals over a run.
#[derive(Debug, Default)]
struct Totals {
    files: usize,
    resumes: usize,
    skipped: usize,
    files_with_findings: usize,
    by_severity: [usize; 4],
    fixable: usize,
    fixed: usize,
    files_fixed: usize,
    errors: usize,
    write_errors: usize,
    config_errors: usize,
    status: Option<Status>,
}

impl Totals {
    fn raise(&mut self, status: Status) {
        self.status = Some(self.status.map_or(status, |s| s.max(status)));
    }

    fn findings(&self) -> usize {
        self.by_severity.iter().sum()
    }

    /// Counts the findings and fixes of one resume file's report.
    fn record(&mut self, report: &FileReport) {
        if let Some(n) = report.fixed.filter(|n| *n > 0) {
            self.fixed += n;
            self.files_fixed += 1;
        }
        if !report.diagnostics.is_empty() {
            self.files_with_findings += 1;
        }
        for d in &report.diagnostics {
            self.by_severity[severity_slot(d.severity)] += 1;
            if safe_fix(d).is_some() {
                self.fixable += 1;
            }
        }
        self.raise(status_of(&report.diagnostics));
    }
}

fn severity_slot(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Information => 2,
        Severity::Hint => 3,
    }
}

/// Lints `paths` (files and directories) and writes the report to `out`;
/// errors, notes and the summary go to `err`.
pub fn check_paths(
    paths: &[PathBuf],
    options: &CheckOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Status {
    let mut totals = Totals::default();
    let json = options.format == OutputFormat::Json;
    if json {
        let _ = write!(out, "{{\"files\":[");
    }
    let mut first = true;
    let mut configs = ConfigCache::default();
    let items = files::collect(paths);
    let mut projects = ProjectRun::new(&items);
    for item in items {
        match item {
            Item::Error(msg) => {
                let _ = writeln!(err, "error: {msg}");
                totals.errors += 1;
                totals.raise(Status::Error);
            }
            Item::Note(msg) => {
                let _ = writeln!(err, "warning: {msg}");
            }
            Item::File(target) => {
                let reports = match projects.claim(&target) {
                    Claim::Done => Vec::new(),
                    Claim::Project(project, shown) => {
                        check_project(&project, &shown, options, &mut configs, err, &mut totals)
                    }
                    Claim::Alone => check_file(&target, options, &mut configs, err, &mut totals)
                        .into_iter()
                        .collect(),
                };
                for report in reports {
                    if json {
                        if !first {
                            let _ = write!(out, ",");
                        }
                        first = false;
                        let _ = serde_json::to_writer(&mut *out, &report.to_json());
                    } else {
                        report.write_human(out);
                    }
                }
            }
        }
    }
    if json {
        let _ = writeln!(out, "]}}");
    } else {
        write_summary(&totals, options, err);
    }
    let _ = out.flush();
    totals.status.unwrap_or(Status::Clean)
}

/// Prints the problems of a configuration file and counts its errors.
fn report_problems(problems: Vec<Problem>, err: &mut dyn Write, totals: &mut Totals) {
    for problem in problems {
        match problem {
            Problem::Error(msg) => {
                let _ = writeln!(err, "error: {msg}");
                totals.config_errors += 1;
                totals.raise(Status::Error);
            }
            Problem::Warning(msg) => {
                let _ = writeln!(err, "warning: {msg}");
            }
        }
    }
}

/// What one file produced.
struct FileReport {
    path: PathBuf,
    text: String,
    diagnostics: Vec<Diagnostic>,
    fixed: Option<usize>,
}

fn check_file(
    target: &Target,
    options: &CheckOptions,
    configs: &mut ConfigCache,
    err: &mut dyn Write,
    totals: &mut Totals,
) -> Option<FileReport> {
    let path = &target.path;
    let source = match files::read_source(path) {
        Ok(source) => source,
        Err(msg) => {
            let _ = writeln!(err, "error: {msg}");
            totals.errors += 1;
            totals.raise(Status::Error);
            return None;
        }
    };
    totals.files += 1;
    let (cfg, problems) = configs.for_file(path);
    report_problems(problems, err, totals);
    let rules = &cfg.rules;
    let parse = &*with_includes(&cfg.parse, path, target.format, &source.text);
    if options.fix && cfg.broken {
        let _ = writeln!(
            err,
            "note: {}: not fixed because its configuration file cannot be used",
            path.display()
        );
    }
    let fix = options.fix && !cfg.broken;
    // A bug in a rule must not stop the other files from being checked.
    let linted = std::panic::catch_unwind(AssertUnwindSafe(|| {
        if fix {
            Ok(fix_source(&source.text, target.format, rules, parse))
        } else {
            Err(lint_source(&source.text, target.format, rules, parse))
        }
    }));
    let Ok(linted) = linted else {
        let _ = writeln!(
            err,
            "error: {}: internal error while linting this file; please report it with the file attached",
            path.display()
        );
        totals.errors += 1;
        totals.raise(Status::Error);
        return None;
    };
    let (is_resume, text, diagnostics, fixed) = match linted {
        Ok(outcome) => {
            if outcome.fixed > 0 && outcome.text != source.text {
                match files::write_atomic(path, &files::encode(&outcome.text, source.bom)) {
                    Ok(()) => (
                        outcome.is_resume,
                        outcome.text,
                        outcome.after,
                        Some(outcome.fixed),
                    ),
                    Err(msg) => {
                        let _ = writeln!(err, "error: {msg}");
                        totals.write_errors += 1;
                        totals.raise(Status::Error);
                        (outcome.is_resume, source.text, outcome.before, Some(0))
                    }
                }
            } else {
                (outcome.is_resume, source.text, outcome.after, Some(0))
            }
        }
        Err((resume, diagnostics)) => (resume.is_resume, source.text, diagnostics, None),
    };
    if !is_resume {
        totals.skipped += 1;
        if options.verbose {
            let _ = writeln!(
                err,
                "note: {}: skipped, not a resume (no resume macros or section headings found)",
                path.display()
            );
        }
        return (options.format == OutputFormat::Json).then(|| FileReport {
            path: path.clone(),
            text,
            diagnostics: Vec::new(),
            fixed,
        });
    }
    totals.resumes += 1;
    let report = FileReport {
        path: path.clone(),
        text,
        diagnostics,
        fixed,
    };
    totals.record(&report);
    Some(report)
}

impl FileReport {
    fn write_human(&self, out: &mut dyn Write) {
        let index = LineIndex::new(&self.text);
        let shown = self.path.display();
        for d in &self.diagnostics {
            let pos = index.position(&self.text, d.range.start, Encoding::Chars);
            let _ = writeln!(
                out,
                "{shown}:{}:{}: {}[{}]: {}",
                pos.line + 1,
                pos.col + 1,
                d.severity.as_str(),
                d.code,
                one_line(&d.message)
            );
        }
    }

    fn to_json(&self) -> JsonFile<'_> {
        let index = LineIndex::new(&self.text);
        let range = |r: &std::ops::Range<usize>| {
            let start = index.position(&self.text, r.start, Encoding::Utf16);
            let end = index.position(&self.text, r.end, Encoding::Utf16);
            JsonRange {
                start: JsonPosition {
                    line: start.line,
                    character: start.col,
                },
                end: JsonPosition {
                    line: end.line,
                    character: end.col,
                },
            }
        };
        let diagnostics = self
            .diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                code: d.code,
                severity: d.severity.as_str(),
                message: &d.message,
                range: range(&d.range),
                fixes: d
                    .fixes
                    .iter()
                    .map(|f| JsonFix {
                        title: &f.title,
                        applicability: f.applicability.as_str(),
                        edits: f
                            .edits
                            .iter()
                            .map(|e| JsonEdit {
                                range: range(&e.range),
                                new_text: &e.new_text,
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        JsonFile {
            path: path_string(&self.path),
            diagnostics,
            fixed: self.fixed,
        }
    }
}

// The JSON report, with LSP conventions: 0-based lines, UTF-16 columns,
// `newText`. Field order is the order printed.

#[derive(Serialize)]
struct JsonFile<'a> {
    path: String,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed: Option<usize>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    range: JsonRange,
    fixes: Vec<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    applicability: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    range: JsonRange,
    #[serde(rename = "newText")]
    new_text: &'a str,
}

#[derive(Serialize)]
struct JsonRange {
    start: JsonPosition,
    end: JsonPosition,
}

#[derive(Serialize)]
struct JsonPosition {
    line: u32,
    character: u32,
}

fn path_string(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn write_summary(totals: &Totals, options: &CheckOptions, err: &mut dyn Write) {
    let findings = totals.findings();
    let mut line = if findings == 0 {
        format!(
            "no findings in {}",
            plural(totals.resumes, "resume", "resumes")
        )
    } else {
        let names = ["error", "warning", "information", "hint"];
        let parts: Vec<String> = totals
            .by_severity
            .iter()
            .zip(names)
            .filter(|(n, _)| **n > 0)
            .map(|(n, name)| {
                if name == "information" {
                    format!("{n} information")
                } else {
                    plural(*n, name, &format!("{name}s"))
                }
            })
            .collect();
        format!(
            "{} ({}) in {} of {}",
            plural(findings, "finding", "findings"),
            parts.join(", "),
            totals.files_with_findings,
            plural(totals.resumes, "resume", "resumes")
        )
    };
    if totals.skipped > 0 {
        line.push_str(&format!(
            "; {} skipped (not {})",
            plural(totals.skipped, "file", "files"),
            if totals.skipped == 1 {
                "a resume"
            } else {
                "resumes"
            }
        ));
    }
    if totals.errors > 0 {
        line.push_str(&format!(
            "; {} could not be checked",
            plural(totals.errors, "path", "paths")
        ));
    }
    if totals.write_errors > 0 {
        line.push_str(&format!(
            "; {} could not be fixed",
            plural(totals.write_errors, "file", "files")
        ));
    }
    if totals.config_errors > 0 {
        line.push_str(&format!(
            "; {} unusable",
            plural(
                totals.config_errors,
                "configuration file",
                "configuration files"
            )
        ));
    }
    let _ = writeln!(err, "{line}");
    if options.fix {
        let _ = writeln!(
            err,
            "fixed {} in {}",
            plural(totals.fixed, "finding", "findings"),
            plural(totals.files_fixed, "file", "files")
        );
    } else if totals.fixable > 0 {
        let _ = writeln!(
            err,
            "{} can be fixed automatically; run again with --fix",
            plural(totals.fixable, "finding", "findings")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(range: std::ops::Range<usize>, text: &str) -> Edit {
        Edit {
            range,
            new_text: text.to_string(),
        }
    }

    fn diag(fixes: Vec<Fix>) -> Diagnostic {
        Diagnostic {
            code: "weak-verb",
            severity: Severity::Warning,
            message: "m".into(),
            range: 0..1,
            fixes,
        }
    }

    fn fix(edits: Vec<Edit>, applicability: Applicability) -> Fix {
        Fix {
            title: "t".into(),
            edits,
            applicability,
        }
    }

    #[test]
    fn only_first_safe_non_overlapping_fixes_are_chosen() {
        let text = "abcdefghij";
        let diagnostics = vec![
            diag(vec![
                fix(vec![edit(0..2, "X")], Applicability::Unsafe),
                fix(vec![edit(0..3, "Y")], Applicability::Safe),
                fix(vec![edit(5..6, "Z")], Applicability::Safe),
            ]),
            diag(vec![fix(vec![edit(2..4, "W")], Applicability::Safe)]),
            diag(vec![fix(
                vec![edit(8..9, "V"), edit(9..10, "U")],
                Applicability::Safe,
            )]),
            diag(vec![fix(vec![edit(20..30, "out")], Applicability::Safe)]),
        ];
        let (edits, count) = choose_safe_edits(text, &diagnostics);
        assert_eq!(count, 2);
        assert_eq!(apply_edits(text, &edits), "YdefghVU");
    }

    #[test]
    fn only_warnings_and_errors_fail() {
        let mut d = diag(vec![]);
        assert_eq!(status_of(&[]), Status::Clean);
        for (severity, status) in [
            (Severity::Hint, Status::Clean),
            (Severity::Information, Status::Clean),
            (Severity::Warning, Status::Findings),
            (Severity::Error, Status::Findings),
        ] {
            d.severity = severity;
            assert_eq!(status_of(std::slice::from_ref(&d)), status);
        }
        assert_eq!(Status::Clean.code(), 0);
        assert_eq!(Status::Findings.code(), 1);
        assert_eq!(Status::Error.code(), 2);
        assert!(Status::Error > Status::Findings && Status::Findings > Status::Clean);
    }

    #[test]
    fn insertions_at_one_point_overlap() {
        assert!(overlaps(&edit(3..3, "a"), &edit(3..3, "b")));
        assert!(overlaps(&edit(3..3, "a"), &edit(2..5, "b")));
        assert!(!overlaps(&edit(0..3, "a"), &edit(3..5, "b")));
    }
}
