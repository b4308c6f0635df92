//! Inline suppression comments (SPEC §8).
//!
//! A comment whose body starts with `resume-lsp:` is a directive:
//!
//! - `resume-lsp: disable-next-line <code>[, <code>…]` silences findings that
//!   start on the line after the comment;
//! - `resume-lsp: disable-line <code>…` silences findings that start on the
//!   comment's own line (a trailing `% …` in LaTeX);
//! - `resume-lsp: disable <code>…` … `resume-lsp: enable <code>…` silences
//!   findings that start between the two comments (or to the end of the
//!   document when there is no `enable`).
//!
//! `all` (or no code at all) stands for every rule; text after ` -- ` is a
//! free-form reason. Codes no rule has, and directives this module does not
//! know, are reported as [`UNKNOWN_RULE_CODE`] findings at the offending word.
//! Pure: reads only the model's comments and the source text.

use std::ops::Range;

use resume_syntax::{Comment, Resume};

use crate::config::{Config, RuleLevel};
use crate::diagnostic::{Diagnostic, Severity};

/// The code of the finding for an unknown code or directive in a suppression
/// comment.
pub const UNKNOWN_RULE_CODE: &str = "unknown-rule-code";

/// Directive prefix in a comment body.
pub const PREFIX: &str = "resume-lsp:";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    DisableNextLine,
    DisableLine,
    Disable,
    Enable,
}

/// One parsed directive.
#[derive(Debug)]
struct Directive {
    action: Action,
    /// Codes named; empty means every rule.
    codes: Vec<String>,
    /// Source range of the comment.
    range: Range<usize>,
}

/// One word of a directive with its source range.
struct Word<'a> {
    text: &'a str,
    range: Range<usize>,
}

/// Removes suppressed findings from `diagnostics` and adds findings for
/// unknown codes and directives. The result is not sorted.
pub fn apply(
    resume: &Resume,
    source: &str,
    config: &Config,
    diagnostics: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let directives: Vec<Directive> = resume
        .comments
        .iter()
        .filter_map(|c| parse(c, source, &mut problems))
        .collect();
    let mut out = if directives.is_empty() {
        diagnostics
    } else {
        let lines = LineStarts::new(source);
        diagnostics
            .into_iter()
            .filter(|d| !suppressed(d, &directives, &lines))
            .collect()
    };
    if let RuleLevel::On(severity) = config.level(UNKNOWN_RULE_CODE, Severity::Warning) {
        out.extend(problems.into_iter().map(|(range, message)| Diagnostic {
            code: UNKNOWN_RULE_CODE,
            severity,
            message,
            range,
            fixes: Vec::new(),
        }));
    }
    out
}

/// Reads a directive from a comment; problems (unknown codes or actions) go
/// to `problems` as (source range, message).
fn parse(
    comment: &Comment,
    source: &str,
    problems: &mut Vec<(Range<usize>, String)>,
) -> Option<Directive> {
    let body = comment.body.trim();
    let rest = body
        .strip_prefix("resume-lsp")?
        .trim_start()
        .strip_prefix(':')?;
    // Where the body sits in the source, to give words exact ranges.
    let comment_src = source.get(comment.range.clone()).unwrap_or("");
    let body_start = comment_src.find(body).map(|i| comment.range.start + i);
    let rest_offset = body.len() - rest.len();
    let mut words = Vec::new();
    let mut offset = 0;
    for piece in rest.split_inclusive(|c: char| c.is_whitespace() || c == ',') {
        let text = piece.trim_end_matches(|c: char| c.is_whitespace() || c == ',');
        if !text.is_empty() {
            let start = rest_offset + offset;
            let range = match body_start {
                Some(b) => b + start..b + start + text.len(),
                None => comment.range.clone(),
            };
            words.push(Word { text, range });
        }
        offset += piece.len();
    }
    let mut words = words.into_iter();
    let first = words.next()?;
    let action = match first.text.to_ascii_lowercase().as_str() {
        "disable-next-line" => Action::DisableNextLine,
        "disable-line" => Action::DisableLine,
        "disable" => Action::Disable,
        "enable" => Action::Enable,
        other => {
            problems.push((
                first.range,
                format!(
                    "unknown suppression directive `{other}`; use disable-next-line, disable-line, disable or enable"
                ),
            ));
            return None;
        }
    };
    let mut codes = Vec::new();
    let mut all = false;
    for word in words {
        if word.text == "--" {
            break;
        }
        let code = word.text.to_ascii_lowercase();
        if code == "all" {
            all = true;
        } else if crate::registry::rule(&code).is_some() || code == UNKNOWN_RULE_CODE {
            codes.push(code);
        } else {
            problems.push((
                word.range,
                format!(
                    "unknown rule code `{}` in a suppression comment; run `resume-lsp rules` to list the codes",
                    word.text
                ),
            ));
            // Keep it so the intent (this code only) is not widened to `all`.
            codes.push(code);
        }
    }
    if all {
        codes.clear();
    }
    Some(Directive {
        action,
        codes,
        range: comment.range.clone(),
    })
}

fn names(directive: &Directive, code: &str) -> bool {
    directive.codes.is_empty() || directive.codes.iter().any(|c| c == code)
}

fn suppressed(d: &Diagnostic, directives: &[Directive], lines: &LineStarts) -> bool {
    if d.code == UNKNOWN_RULE_CODE {
        return false;
    }
    let line = lines.line_of(d.range.start);
    // Region state: the last directive before the finding that names its
    // code (or every code) decides.
    let mut disabled = false;
    for dir in directives {
        match dir.action {
            Action::DisableNextLine => {
                let end_line = lines.line_of(dir.range.end.saturating_sub(1).max(dir.range.start));
                if end_line + 1 == line && names(dir, d.code) {
                    return true;
                }
            }
            Action::DisableLine => {
                if lines.line_of(dir.range.start) == line && names(dir, d.code) {
                    return true;
                }
            }
            Action::Disable | Action::Enable => {
                if dir.range.end <= d.range.start && names(dir, d.code) {
                    disabled = dir.action == Action::Disable;
                }
            }
        }
    }
    disabled
}

/// Line starts, for line numbers of byte offsets.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(text: &str) -> LineStarts {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineStarts(starts)
    }

    fn line_of(&self, offset: usize) -> usize {
        self.0.partition_point(|s| *s <= offset).saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use resume_syntax::{parse as parse_source, Format, ParseOptions};

    use super::*;

    /// A fake finding of a real rule at the first occurrence of `needle`.
    fn finding(source: &str, code: &'static str, needle: &str) -> Diagnostic {
        let start = source.find(needle).expect("needle in source");
        Diagnostic {
            code,
            severity: Severity::Warning,
            message: "m".into(),
            range: start..start + needle.len(),
            fixes: Vec::new(),
        }
    }

    fn real_code() -> &'static str {
        crate::RULES[0].meta.code
    }

    fn other_code() -> Option<&'static str> {
        crate::RULES.get(1).map(|r| r.meta.code)
    }

    fn run(source: &str, format: Format, needles: &[&str]) -> Vec<Diagnostic> {
        let resume = parse_source(source, format, &ParseOptions::default());
        let code = real_code();
        let found = needles.iter().map(|n| finding(source, code, n)).collect();
        apply(&resume, source, &Config::default(), found)
    }

    fn kept(out: &[Diagnostic], source: &str) -> Vec<String> {
        out.iter()
            .filter(|d| d.code != UNKNOWN_RULE_CODE)
            .map(|d| source[d.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn disable_next_line_in_markdown() {
        let code = real_code();
        let src = format!(
            "## Experience\n\n<!-- resume-lsp: disable-next-line {code} -->\n- Alpha one\n- Beta two\n"
        );
        let out = run(&src, Format::Markdown, &["Alpha", "Beta"]);
        assert_eq!(kept(&out, &src), vec!["Beta"]);
    }

    #[test]
    fn disable_next_line_in_latex() {
        let code = real_code();
        let src = format!(
            "\\section{{Experience}}\n  % resume-lsp: disable-next-line {code}\n  \\resumeItem{{Alpha one}}\n  \\resumeItem{{Beta two}}\n"
        );
        let out = run(&src, Format::Latex, &["Alpha", "Beta"]);
        assert_eq!(kept(&out, &src), vec!["Beta"]);
    }

    #[test]
    fn other_codes_are_not_silenced() {
        let Some(other) = other_code() else { return };
        let src = format!(
            "## Experience\n\n<!-- resume-lsp: disable-next-line {other} -->\n- Alpha one\n"
        );
        let out = run(&src, Format::Markdown, &["Alpha"]);
        assert_eq!(kept(&out, &src), vec!["Alpha"]);
    }

    #[test]
    fn regions_and_all() {
        let code = real_code();
        let src = format!(
            "## Experience\n\n- Alpha\n<!-- resume-lsp: disable {code} -->\n- Beta\n- Gamma\n<!-- resume-lsp: enable {code} -->\n- Delta\n<!-- resume-lsp: disable all -- reason -->\n- Epsilon\n"
        );
        let out = run(
            &src,
            Format::Markdown,
            &["Alpha", "Beta", "Gamma", "Delta", "Epsilon"],
        );
        assert_eq!(kept(&out, &src), vec!["Alpha", "Delta"]);
        assert!(out.iter().all(|d| d.code != UNKNOWN_RULE_CODE), "{out:?}");
    }

    #[test]
    fn unknown_codes_are_reported_at_the_word() {
        let code = real_code();
        let src = format!(
            "## Experience\n\n<!-- resume-lsp: disable-next-line {code}, no-such-rule -->\n- Alpha\n- Beta\n"
        );
        let out = run(&src, Format::Markdown, &["Alpha", "Beta"]);
        assert_eq!(kept(&out, &src), vec!["Beta"]);
        let unknown: Vec<_> = out.iter().filter(|d| d.code == UNKNOWN_RULE_CODE).collect();
        assert_eq!(unknown.len(), 1, "{out:?}");
        assert_eq!(&src[unknown[0].range.clone()], "no-such-rule");
        assert_eq!(unknown[0].severity, Severity::Warning);

        let src = "## Experience\n\n<!-- resume-lsp: disabel all -->\n- Alpha\n";
        let out = run(src, Format::Markdown, &["Alpha"]);
        let unknown: Vec<_> = out.iter().filter(|d| d.code == UNKNOWN_RULE_CODE).collect();
        assert_eq!(unknown.len(), 1);
        assert_eq!(&src[unknown[0].range.clone()], "disabel");
        assert_eq!(kept(&out, src), vec!["Alpha"]);
    }

    #[test]
    fn ordinary_comments_change_nothing() {
        let src = "## Experience\n\n<!-- resume-lsp is great -->\n- Alpha\n";
        let out = run(src, Format::Markdown, &["Alpha"]);
        assert_eq!(kept(&out, src), vec!["Alpha"]);
        assert_eq!(out.len(), 1);
    }
}
