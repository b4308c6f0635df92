//! Caret fixtures for rule tests.
//!
//! A fixture is resume source with annotation lines that mark where findings
//! are expected. Annotation lines are removed before parsing.
//!
//! ```text
//! \resumeItem{Responsible for the build system}
//! %           ^^^^^^^^^^^^^^^ warning[weak-verb]: responsible for
//! ```
//!
//! ```text
//! - Responsible for the build system
//!   ^^^^^^^^^^^^^^^ warning[weak-verb]
//! <!--               ^^^^^ warning[other-rule]: message part -->
//! ```
//!
//! # Annotation syntax
//!
//! - An annotation line is a line whose first non-blank characters are a run
//!   of carets `^`, optionally after a comment opener: `%` (LaTeX) or `<!--`
//!   (Markdown, with an optional closing `-->`). Either form works in both
//!   formats. Use the bare form when the carets must start left of the opener
//!   (a Markdown bullet's text starts at column 2).
//! - The carets' character columns (not bytes) mark a range on the closest
//!   preceding non-annotation line.
//! - After the carets comes a label: `severity[code]`, optionally followed by
//!   `: text`, which the finding's message must contain (ignoring case).
//! - Several findings on one line: put several annotation lines under it, or
//!   several caret runs (separated by spaces) on one annotation line, which
//!   then share the label written after the last run.
//! - A range over several lines: annotate its first line with the label and
//!   each later line with carets and the label `...`; the range runs from the
//!   first caret of the first annotation to the last caret of the last one.
//!   A range that ends just after the last character of a line ends there, a
//!   range that must include the line break is not expressible (no rule needs
//!   one).
//! - Fixtures and skeleton arguments are de-indented (common leading
//!   whitespace removed, a leading line break and a trailing blank line
//!   dropped), so they can be written indented in the test.
//!
//! # Usage
//!
//! ```ignore
//! use crate::testing::{check, check_fix, experience};
//! use resume_syntax::Format::{Latex, Markdown};
//!
//! check(Markdown, &experience(Markdown, r"
//!     - Responsible for the build system
//!       ^^^^^^^^^^^^^^^ warning[weak-verb]: responsible for
//!     - Cut build time by 40%
//! "), &["weak-verb"]);
//! check(Latex, &experience(Latex, r"
//!     \resumeItem{Cut build time by 40\%}
//! "), &["weak-verb"]); // no findings expected
//! check_fix(Markdown, &experience(Markdown, "- Responsible for training models"),
//!     "weak-verb", &experience(Markdown, "- Trained models"));
//! ```
//!
//! Text-level analyses are tested without parsing with [`check_spans`]: every
//! non-annotation line is one input, its annotations the expected spans.

// Not every rule uses every helper.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::ops::Range;

use resume_syntax::{parse, Format, ParseOptions, Resume};

use crate::{apply_edits, lint, rule, Config, Diagnostic, Edit, Severity};

/// One expected finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Annotation {
    /// Byte range in the stripped source.
    pub(crate) range: Range<usize>,
    /// Index of the stripped source line the range starts on.
    pub(crate) line: usize,
    /// Expected severity, when the label has one.
    pub(crate) severity: Option<Severity>,
    /// Expected rule code, when the label has one.
    pub(crate) code: Option<String>,
    /// Text the message must contain, when given.
    pub(crate) message: Option<String>,
}

/// A fixture with its annotation lines removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fixture {
    /// The source without annotation lines.
    pub(crate) source: String,
    /// Expected findings, in fixture order.
    pub(crate) annotations: Vec<Annotation>,
}

/// Removes common indentation, one leading line break and a trailing
/// whitespace-only line.
pub(crate) fn trim_indent(text: &str) -> String {
    let text = text.strip_prefix('\n').unwrap_or(text);
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            out.push_str(if line.ends_with('\n') { "\n" } else { "" });
        } else {
            out.push_str(&line[indent.min(line.len())..]);
        }
    }
    out
}

/// The caret runs of an annotation line as (first caret column, caret
/// count), plus the label after the last run, or `None` when `line` is not an
/// annotation line.
fn annotation_parts(line: &str) -> Option<(Vec<(usize, usize)>, &str)> {
    let trimmed = line.trim_start();
    let rest = trimmed
        .strip_prefix("<!--")
        .or_else(|| trimmed.strip_prefix('%'))
        .unwrap_or(trimmed);
    if !rest.trim_start().starts_with('^') {
        return None;
    }
    let mut at = line.len() - rest.trim_start().len();
    let mut runs = Vec::new();
    loop {
        let count = line[at..].chars().take_while(|&c| c == '^').count();
        runs.push((line[..at].chars().count(), count));
        at += count;
        let next = line[at..].trim_start_matches(' ');
        if !next.starts_with('^') {
            break;
        }
        at = line.len() - next.len();
    }
    let label = line[at..].trim();
    let label = label.strip_suffix("-->").unwrap_or(label).trim();
    Some((runs, label))
}

/// Parses `severity[code]: text`.
fn parse_label(label: &str) -> (Option<Severity>, Option<String>, Option<String>) {
    if label.is_empty() {
        return (None, None, None);
    }
    let parsed = label.split_once('[').and_then(|(sev, rest)| {
        let severity = Severity::parse(sev)?;
        let (code, after) = rest.split_once(']')?;
        let message = after
            .trim()
            .strip_prefix(':')
            .map(|m| m.trim().to_string())
            .filter(|m| !m.is_empty());
        if !after.trim().is_empty() && message.is_none() {
            return None;
        }
        Some((Some(severity), Some(code.trim().to_string()), message))
    });
    parsed.unwrap_or_else(|| {
        panic!("annotation label `{label}` must look like `warning[code]` or `warning[code]: text`")
    })
}

/// Byte offset of character column `col` in `line` (`col` may equal the
/// line's length in characters).
fn byte_of_col(line: &str, col: usize) -> Option<usize> {
    line.char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(line.len()))
        .nth(col)
}

/// Splits a fixture into source and annotations.
pub(crate) fn parse_fixture(fixture: &str) -> Fixture {
    let fixture = trim_indent(fixture);
    let mut source = String::with_capacity(fixture.len());
    // (start offset, text without line break) of the last source line.
    let mut last: Option<(usize, usize, String)> = None;
    let mut annotations: Vec<Annotation> = Vec::new();
    for (n, raw) in fixture.split_inclusive('\n').enumerate() {
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let line = line.strip_suffix('\r').unwrap_or(line);
        let Some((runs, label)) = annotation_parts(line) else {
            let line_no = source.matches('\n').count();
            last = Some((source.len(), line_no, line.to_string()));
            source.push_str(raw);
            continue;
        };
        let (start, target_line, target) = last.as_ref().unwrap_or_else(|| {
            panic!(
                "fixture line {}: an annotation needs a line above it",
                n + 1
            )
        });
        for (col, count) in runs {
            let (Some(s), Some(e)) = (byte_of_col(target, col), byte_of_col(target, col + count))
            else {
                panic!(
                    "fixture line {}: the carets reach past the end of the line above ({} characters)",
                    n + 1,
                    target.chars().count()
                );
            };
            let range = start + s..start + e;
            if label == "..." {
                let prev = annotations.last_mut().unwrap_or_else(|| {
                    panic!(
                        "fixture line {}: `...` continues an annotation, but there is none",
                        n + 1
                    )
                });
                assert!(
                    prev.line < *target_line,
                    "fixture line {}: `...` must continue an annotation from an earlier line",
                    n + 1
                );
                prev.range.end = range.end;
                continue;
            }
            let (severity, code, message) = parse_label(label);
            annotations.push(Annotation {
                range,
                line: *target_line,
                severity,
                code,
                message,
            });
        }
    }
    Fixture {
        source,
        annotations,
    }
}

/// The source of a fixture without its annotation lines.
pub(crate) fn strip(fixture: &str) -> String {
    parse_fixture(fixture).source
}

const MD_HEADER: &str = "# Alex Doe\n\nalex@example.com\n\n";

/// A Markdown resume: a name line, then `body` (de-indented).
pub(crate) fn md_doc(body: &str) -> String {
    format!("{MD_HEADER}{}", trim_indent(body))
}

/// A Markdown resume with one Experience entry whose bullets are `bullets`
/// (de-indented, written as `- text` lines, annotation lines allowed).
pub(crate) fn md_experience(bullets: &str) -> String {
    md_doc(&format!(
        "## Experience\n\n### Engineer — Acme Corp\n*Jan 2020 – Present*\n\n{}",
        trim_indent(bullets)
    ))
}

const LATEX_PREAMBLE: &str = "\\documentclass[letterpaper,11pt]{article}\n\
\\usepackage[hidelinks]{hyperref}\n\
\\begin{document}\n\
\\begin{center}\n    \\textbf{\\Huge Alex Doe} \\\\ alex@example.com\n\\end{center}\n\n";

/// A LaTeX resume in Jake's template: preamble, then `body` (de-indented),
/// then `\end{document}`.
pub(crate) fn latex_doc(body: &str) -> String {
    format!("{LATEX_PREAMBLE}{}\n\\end{{document}}\n", trim_indent(body))
}

/// A LaTeX resume with one Experience entry whose bullets are `items`
/// (de-indented `\resumeItem{...}` lines, annotation lines allowed).
pub(crate) fn latex_experience(items: &str) -> String {
    latex_doc(&format!(
        "\\section{{Experience}}\n\\resumeSubHeadingListStart\n\
\\resumeSubheading\n  {{Engineer}}{{Jan 2020 -- Present}}\n  {{Acme Corp}}{{Remote}}\n\
\\resumeItemListStart\n{}\\resumeItemListEnd\n\\resumeSubHeadingListEnd",
        with_newline(trim_indent(items))
    ))
}

/// The Experience skeleton of `format` around `bullets`.
pub(crate) fn experience(format: Format, bullets: &str) -> String {
    match format {
        Format::Markdown => md_experience(bullets),
        Format::Latex => latex_experience(bullets),
    }
}

/// The document skeleton of `format` around `body`.
pub(crate) fn doc(format: Format, body: &str) -> String {
    match format {
        Format::Markdown => md_doc(body),
        Format::Latex => latex_doc(body),
    }
}

fn with_newline(mut s: String) -> String {
    if !s.is_empty() && !s.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// Parses `source`, failing the test when it is not a resume with sections.
fn parse_resume(format: Format, source: &str) -> Resume {
    let resume = parse(source, format, &ParseOptions::default());
    assert!(
        resume.is_resume && !resume.sections.is_empty(),
        "the fixture did not parse as a resume with sections ({format:?}); source:\n{source}"
    );
    resume
}

fn assert_registered(code: &str) {
    assert!(
        rule(code).is_some(),
        "rule `{code}` is not registered: add it to RULES"
    );
}

/// Asserts that the findings of `codes` in `fixture` are exactly its
/// annotations (range, code, severity, and message text when given).
pub(crate) fn check(format: Format, fixture: &str, codes: &[&str]) {
    check_with_config(format, fixture, codes, &Config::default());
}

/// [`check`] with a configuration.
pub(crate) fn check_with_config(format: Format, fixture: &str, codes: &[&str], config: &Config) {
    assert!(!codes.is_empty(), "name the rule codes to check");
    for code in codes {
        assert_registered(code);
    }
    let fx = parse_fixture(fixture);
    for a in &fx.annotations {
        let code = a.code.as_deref().unwrap_or_else(|| {
            panic!("every annotation needs a label such as `warning[code]` in check()")
        });
        assert!(
            codes.contains(&code),
            "an annotation names `{code}`, which is not among the checked codes {codes:?}"
        );
    }
    let resume = parse_resume(format, &fx.source);
    let actual: Vec<Diagnostic> = lint(&resume, &fx.source, config)
        .into_iter()
        .filter(|d| codes.contains(&d.code))
        .collect();

    let mut unmatched: Vec<Option<&Diagnostic>> = actual.iter().map(Some).collect();
    let mut missing = Vec::new();
    for a in &fx.annotations {
        let found = unmatched.iter_mut().find(|slot| {
            slot.is_some_and(|d| {
                d.range == a.range
                    && Some(d.code) == a.code.as_deref()
                    && a.severity.is_none_or(|s| s == d.severity)
                    && a.message
                        .as_ref()
                        .is_none_or(|m| d.message.to_lowercase().contains(&m.to_lowercase()))
            })
        });
        match found {
            Some(slot) => *slot = None,
            None => missing.push(a),
        }
    }
    let unexpected: Vec<&Diagnostic> = unmatched.into_iter().flatten().collect();
    if missing.is_empty() && unexpected.is_empty() {
        return;
    }
    let mut report = String::new();
    for a in &missing {
        let _ = writeln!(
            report,
            "missing: {}[{}] at {:?} `{}`{}",
            a.severity.map_or("?", Severity::as_str),
            a.code.as_deref().unwrap_or("?"),
            a.range,
            fx.source.get(a.range.clone()).unwrap_or("<bad range>"),
            a.message
                .as_ref()
                .map(|m| format!(" with message containing `{m}`"))
                .unwrap_or_default()
        );
    }
    for d in &unexpected {
        let _ = writeln!(
            report,
            "unexpected: {}[{}] at {:?} `{}`: {}",
            d.severity.as_str(),
            d.code,
            d.range,
            fx.source.get(d.range.clone()).unwrap_or("<bad range>"),
            d.message
        );
    }
    panic!(
        "findings differ from the annotations\n{report}\nactual findings rendered as a fixture:\n{}",
        render(format, &fx.source, &actual)
    );
}

/// Renders `source` with `diagnostics` as annotation lines (the syntax
/// [`parse_fixture`] reads).
pub(crate) fn render(format: Format, source: &str, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    let mut offset = 0;
    let lines: Vec<&str> = source.split_inclusive('\n').collect();
    let (opener, closer) = match format {
        Format::Latex => ("%", ""),
        Format::Markdown => ("<!--", " -->"),
    };
    let caret_line = |col: usize, len: usize, label: &str| {
        let width = opener.chars().count();
        let (lead, close) = if col > width {
            (format!("{opener}{}", " ".repeat(col - width)), closer)
        } else {
            (" ".repeat(col), "")
        };
        format!("{lead}{} {label}{close}\n", "^".repeat(len.max(1)))
    };
    for raw in &lines {
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        out.push_str(line);
        out.push('\n');
        let line_end = offset + line.len();
        for d in diagnostics {
            let r = &d.range;
            let starts_here = r.start >= offset && r.start <= line_end;
            let continues_here = r.start < offset && r.end > offset;
            if !starts_here && !continues_here {
                continue;
            }
            let s = r.start.max(offset) - offset;
            let e = r.end.min(line_end).max(r.start.max(offset)) - offset;
            let (Some(sp), Some(ep)) = (line.get(..s), line.get(s..e)) else {
                continue;
            };
            let label = if starts_here {
                format!("{}[{}]: {}", d.severity.as_str(), d.code, d.message)
            } else {
                "...".to_string()
            };
            out.push_str(&caret_line(sp.chars().count(), ep.chars().count(), &label));
        }
        offset += raw.len();
    }
    out
}

/// Applies the first fix of every finding of `code` in `before` and compares
/// the result with `after` (annotation lines are stripped from both).
pub(crate) fn check_fix(format: Format, before: &str, code: &str, after: &str) {
    fix_and_compare(format, before, code, None, after);
}

/// Like [`check_fix`], applying in every finding of `code` the fix whose
/// title contains `title` (ignoring case).
pub(crate) fn check_fix_titled(format: Format, before: &str, code: &str, title: &str, after: &str) {
    fix_and_compare(format, before, code, Some(title), after);
}

fn fix_and_compare(format: Format, before: &str, code: &str, title: Option<&str>, after: &str) {
    assert_registered(code);
    let source = strip(before);
    let resume = parse_resume(format, &source);
    let found: Vec<Diagnostic> = lint(&resume, &source, &Config::default())
        .into_iter()
        .filter(|d| d.code == code)
        .collect();
    assert!(!found.is_empty(), "no `{code}` finding in:\n{source}");
    let mut edits: Vec<Edit> = Vec::new();
    for d in &found {
        let fix = match title {
            None => d.fixes.first(),
            Some(t) => d
                .fixes
                .iter()
                .find(|f| f.title.to_lowercase().contains(&t.to_lowercase())),
        };
        if let Some(fix) = fix {
            edits.extend(fix.edits.iter().cloned());
        }
    }
    let titles: Vec<&str> = found
        .iter()
        .flat_map(|d| d.fixes.iter().map(|f| f.title.as_str()))
        .collect();
    assert!(
        !edits.is_empty(),
        "no matching fix among the `{code}` findings; fix titles: {titles:?}"
    );
    let fixed = apply_edits(&source, &edits);
    let expected = strip(after);
    assert!(
        fixed == expected,
        "the fixed text differs\n--- expected\n{expected}\n--- actual\n{fixed}"
    );
}

/// Checks a text-level analysis: every non-annotation line of `fixture` is
/// one input to `f`, and the byte ranges `f` returns for it must be exactly
/// the ranges of its annotations (labels are ignored). Blank lines are
/// skipped.
pub(crate) fn check_spans(f: impl Fn(&str) -> Vec<Range<usize>>, fixture: &str) {
    let fx = parse_fixture(fixture);
    let mut failures = String::new();
    let mut offset = 0;
    for (n, raw) in fx.source.split_inclusive('\n').enumerate() {
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let start = offset;
        offset += raw.len();
        if line.trim().is_empty() {
            continue;
        }
        let expected: Vec<Range<usize>> = fx
            .annotations
            .iter()
            .filter(|a| a.line == n)
            .map(|a| a.range.start - start..a.range.end - start)
            .collect();
        let actual = f(line);
        if actual != expected {
            let show = |rs: &[Range<usize>]| {
                rs.iter()
                    .map(|r| format!("`{}`", line.get(r.clone()).unwrap_or("<bad range>")))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let _ = writeln!(
                failures,
                "{line}\n    expected [{}]\n    actual   [{}]",
                show(&expected),
                show(&actual)
            );
        }
    }
    assert!(failures.is_empty(), "spans differ:\n{failures}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_point_at_the_line_above() {
        let fx = parse_fixture(
            r"
            \resumeItem{Responsible for the build system}
            %           ^^^^^^^^^^^^^^^ warning[weak-verb]: responsible for
            %                                     ^^^^^^ information[other]
            next line
            ",
        );
        assert_eq!(
            fx.source,
            "\\resumeItem{Responsible for the build system}\nnext line\n"
        );
        assert_eq!(fx.annotations.len(), 2);
        let a = &fx.annotations[0];
        assert_eq!(&fx.source[a.range.clone()], "Responsible for");
        assert_eq!(a.severity, Some(Severity::Warning));
        assert_eq!(a.code.as_deref(), Some("weak-verb"));
        assert_eq!(a.message.as_deref(), Some("responsible for"));
        let b = &fx.annotations[1];
        assert_eq!(&fx.source[b.range.clone()], "system");
        assert_eq!(b.severity, Some(Severity::Information));
        assert_eq!(b.message, None);
    }

    #[test]
    fn markdown_and_bare_forms_and_character_columns() {
        let fx = parse_fixture(
            "- Réduit le coût de 40 %\n  ^^^^^^ warning[x]\n<!--        ^^^^ hint[y]: a b -->\n",
        );
        assert_eq!(fx.source, "- Réduit le coût de 40 %\n");
        assert_eq!(&fx.source[fx.annotations[0].range.clone()], "Réduit");
        assert_eq!(&fx.source[fx.annotations[1].range.clone()], "coût");
        assert_eq!(fx.annotations[1].message.as_deref(), Some("a b"));
    }

    #[test]
    fn multi_line_ranges_continue_with_dots() {
        let fx = parse_fixture(
            "
            \\resumeItem{Built a thing that
            %           ^^^^^^^^^^^^^^^^^^ warning[x]
              spans lines}
            % ^^^^^^^^^^^ ...
            ",
        );
        let a = &fx.annotations[0];
        assert_eq!(
            &fx.source[a.range.clone()],
            "Built a thing that\n  spans lines"
        );
    }

    #[test]
    #[should_panic(expected = "past the end")]
    fn carets_past_the_line_end_fail() {
        parse_fixture("short\n  ^^^^^^^^ warning[x]\n");
    }

    #[test]
    #[should_panic(expected = "must look like")]
    fn malformed_labels_fail() {
        parse_fixture("some text\n^^^^ weak-verb\n");
    }

    #[test]
    fn skeletons_keep_columns() {
        let md = md_experience(
            "
            - Responsible for it
              ^^^^^^^^^^^ warning[x]
            ",
        );
        let fx = parse_fixture(&md);
        assert!(fx.source.contains("## Experience\n"));
        assert_eq!(&fx.source[fx.annotations[0].range.clone()], "Responsible");
        let tex = latex_experience(
            r"
            \resumeItem{Responsible for it}
            %           ^^^^^^^^^^^ warning[x]
            ",
        );
        let fx = parse_fixture(&tex);
        assert!(fx.source.contains("\\section{Experience}"));
        assert!(fx
            .source
            .contains("\\resumeItem{Responsible for it}\n\\resumeItemListEnd"));
        assert_eq!(&fx.source[fx.annotations[0].range.clone()], "Responsible");
    }

    #[test]
    fn render_round_trips_through_the_parser() {
        let source = "- Cut cost\n- Grew revenue by\n  a lot\n";
        let d = |range: Range<usize>| Diagnostic {
            code: "x",
            severity: Severity::Warning,
            message: "msg".into(),
            range,
            fixes: Vec::new(),
        };
        let diags = vec![d(2..5), d(13..36), d(6..10)];
        let rendered = render(Format::Markdown, source, &diags);
        let fx = parse_fixture(&rendered);
        assert_eq!(fx.source, source);
        let ranges: Vec<_> = fx.annotations.iter().map(|a| a.range.clone()).collect();
        assert_eq!(ranges, vec![2..5, 6..10, 13..36]);
    }

    #[test]
    fn check_spans_compares_each_line() {
        let words = |s: &str| -> Vec<Range<usize>> {
            s.match_indices("ab").map(|(i, m)| i..i + m.len()).collect()
        };
        check_spans(words, "xx ab ab\n   ^^ ^^\nnone here\n");
        let wrong = std::panic::catch_unwind(|| check_spans(words, "ab\nno ab\n"));
        assert!(wrong.is_err());
    }
}
