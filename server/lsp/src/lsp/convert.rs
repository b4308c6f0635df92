//! Engine types → protocol types: diagnostics (fixes stay in the snapshot),
//! document symbols and folding ranges.

use resume_rules::Severity;
use resume_syntax::{Encoding, LineIndex, Resume, Text};
use tower_lsp_server::lsp_types::{
    self as lsp, DiagnosticSeverity, DocumentSymbol, FoldingRange, FoldingRangeKind,
    NumberOrString, SymbolKind, TextEdit,
};

use super::position;

/// The `source` of every diagnostic.
pub(crate) const SOURCE: &str = "resume-lsp";

pub(crate) fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// Converts engine findings of `text` to protocol diagnostics. They carry
/// no `data`: a large resume has a thousand findings, and `codeAction`
/// finds the fixes in the snapshot by code and range.
pub(crate) fn diagnostics<'a>(
    found: impl IntoIterator<Item = &'a resume_rules::Diagnostic>,
    text: &str,
    index: &LineIndex,
    enc: Encoding,
) -> Vec<lsp::Diagnostic> {
    found
        .into_iter()
        .map(|d| lsp::Diagnostic {
            range: position::range(index, text, d.range.clone(), enc),
            severity: Some(severity(d.severity)),
            code: Some(NumberOrString::String(d.code.to_string())),
            code_description: None,
            source: Some(SOURCE.to_string()),
            message: d.message.clone(),
            related_information: None,
            tags: None,
            data: None,
        })
        .collect()
}

/// The protocol edits of a fix.
pub(crate) fn edits(
    fix: &resume_rules::Fix,
    text: &str,
    index: &LineIndex,
    enc: Encoding,
) -> Vec<TextEdit> {
    fix.edits
        .iter()
        .map(|e| TextEdit {
            range: position::range(index, text, e.range.clone(), enc),
            new_text: e.new_text.clone(),
        })
        .collect()
}

fn source_range(t: &Text) -> Option<std::ops::Range<usize>> {
    if t.is_empty() {
        None
    } else {
        t.source_range(0..t.len())
    }
}

fn short(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        s
    } else {
        let cut: String = s.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

fn name_or(s: String, fallback: &str) -> String {
    if s.trim().is_empty() {
        fallback.to_string()
    } else {
        s
    }
}

/// The outline: sections → entries (title, organisation, dates) → bullets.
#[allow(deprecated)]
pub(crate) fn symbols(
    resume: &Resume,
    text: &str,
    index: &LineIndex,
    enc: Encoding,
) -> Vec<DocumentSymbol> {
    let range = |r: std::ops::Range<usize>| position::range(index, text, r, enc);
    let clamp = |outer: &std::ops::Range<usize>, inner: std::ops::Range<usize>| {
        let start = inner.start.clamp(outer.start, outer.end);
        start..inner.end.clamp(start, outer.end)
    };
    resume
        .sections
        .iter()
        .map(|section| {
            let whole = section.range.clone();
            let heading = source_range(&section.heading)
                .map(|r| clamp(&whole, r))
                .unwrap_or(whole.start..whole.start);
            let bullet_symbol = |b: &resume_syntax::Bullet, outer: &std::ops::Range<usize>| {
                let r = clamp(outer, b.range.clone());
                DocumentSymbol {
                    name: name_or(short(b.text.as_str(), 60), "(empty bullet)"),
                    detail: None,
                    kind: SymbolKind::STRING,
                    tags: None,
                    deprecated: None,
                    range: range(r.clone()),
                    selection_range: range(r),
                    children: None,
                }
            };
            let mut children: Vec<(usize, DocumentSymbol)> = section
                .bullets
                .iter()
                .map(|b| (b.range.start, bullet_symbol(b, &whole)))
                .collect();
            for entry in &section.entries {
                let er = clamp(&whole, entry.range.clone());
                let hr = clamp(&er, entry.heading_range.clone());
                let title = entry.title.as_ref().map(|t| short(t.as_str(), 60));
                let org = entry.organisation.as_ref().map(|t| short(t.as_str(), 60));
                let dates = entry.dates.as_ref().map(|t| short(t.as_str(), 40));
                let name = match (&title, &org) {
                    (Some(t), Some(o)) if !t.is_empty() && !o.is_empty() => format!("{t} — {o}"),
                    (Some(t), _) if !t.is_empty() => t.clone(),
                    (_, Some(o)) if !o.is_empty() => o.clone(),
                    _ => "(entry)".to_string(),
                };
                let bullets: Vec<DocumentSymbol> = entry
                    .bullets
                    .iter()
                    .map(|b| bullet_symbol(b, &er))
                    .collect();
                children.push((
                    entry.range.start,
                    DocumentSymbol {
                        name,
                        detail: dates.filter(|d| !d.is_empty()),
                        kind: SymbolKind::OBJECT,
                        tags: None,
                        deprecated: None,
                        range: range(er),
                        selection_range: range(hr),
                        children: Some(bullets),
                    },
                ));
            }
            children.sort_by_key(|(start, _)| *start);
            DocumentSymbol {
                name: name_or(short(section.heading.as_str(), 60), "(section)"),
                detail: Some(section.kind.as_str().to_string()),
                kind: SymbolKind::NAMESPACE,
                tags: None,
                deprecated: None,
                range: range(whole),
                selection_range: range(heading),
                children: Some(children.into_iter().map(|(_, s)| s).collect()),
            }
        })
        .collect()
}

/// Folding ranges per section and entry (multi-line ones only).
pub(crate) fn folding(resume: &Resume, text: &str, index: &LineIndex) -> Vec<FoldingRange> {
    let mut out = Vec::new();
    let mut push = |r: &std::ops::Range<usize>| {
        let start = index.position(text, r.start, Encoding::Utf8).line;
        // A range ending right after a newline ends on the previous line.
        let end_at = if r.end > r.start && text.as_bytes().get(r.end - 1) == Some(&b'\n') {
            r.end - 1
        } else {
            r.end
        };
        let end = index.position(text, end_at, Encoding::Utf8).line;
        if end > start {
            out.push(FoldingRange {
                start_line: start,
                start_character: None,
                end_line: end,
                end_character: None,
                kind: Some(FoldingRangeKind::Region),
                collapsed_text: None,
            });
        }
    };
    for section in &resume.sections {
        push(&section.range);
        for entry in &section.entries {
            push(&entry.range);
        }
    }
    out
}
