//! Code actions (quick fixes, fix-all, fix all dates, suppression comments)
//! and hover.
//!
//! Quick fixes are the fixes of the findings in the latest snapshot that the
//! diagnostics the client sends back stand for (same code and range, or,
//! for a diagnostic of older text, same code under the requested range);
//! fix-all, fix all dates and hover read the latest snapshot.

use std::collections::{HashMap, HashSet};

use resume_syntax::{Encoding, Format};
use tower_lsp_server::lsp_types::{
    self as lsp, CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    DocumentChanges, Hover, HoverContents, MarkupContent, MarkupKind, NumberOrString, OneOf,
    OptionalVersionedTextDocumentIdentifier, Position, TextDocumentEdit, TextEdit, Uri,
    WorkspaceEdit,
};

use super::convert::{self, SOURCE};
use super::document::Snapshot;
use super::position;

/// The fix-all kind.
pub(crate) fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.resume-lsp")
}

/// The kind of the action that rewrites every date in the document in the
/// majority style. It is not under `source.fixAll`, so an editor that runs
/// `source.fixAll` on save runs only the fix-all, which already carries
/// these rewrites.
pub(crate) fn fix_dates_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixDates.resume-lsp")
}

/// The rule whose safe fixes the fix-all-dates action gathers.
const DATE_CODE: &str = "inconsistent-date-format";

/// Whether an action of `kind` was asked for.
fn wanted(only: &Option<Vec<CodeActionKind>>, kind: &CodeActionKind) -> bool {
    match only {
        None => true,
        Some(kinds) => kinds.iter().any(|k| {
            kind.as_str() == k.as_str() || kind.as_str().starts_with(&format!("{}.", k.as_str()))
        }),
    }
}

fn workspace_edit(
    uri: &Uri,
    version: Option<i32>,
    edits: Vec<TextEdit>,
    doc_changes: bool,
) -> WorkspaceEdit {
    if doc_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version,
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..Default::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..Default::default()
        }
    }
}

fn overlaps(a: &lsp::Range, b: &lsp::Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

fn code_of(d: &lsp::Diagnostic) -> Option<&str> {
    match &d.code {
        Some(NumberOrString::String(s)) => Some(s),
        _ => None,
    }
}

/// The suppression comment line for `code` in `format`.
pub(crate) fn disable_comment(format: Format, code: &str) -> String {
    match format {
        Format::Latex => format!("% resume-lsp: disable-next-line {code}"),
        Format::Markdown => format!("<!-- resume-lsp: disable-next-line {code} -->"),
    }
}

/// Every code action for a request.
pub(crate) fn code_actions(
    snap: &Snapshot,
    uri: &Uri,
    params: &CodeActionParams,
    format: Format,
    enc: Encoding,
    doc_changes: bool,
) -> Vec<CodeActionOrCommand> {
    let only = &params.context.only;
    let mut out = Vec::new();
    let asked = {
        let (start, _) = position::offset(&snap.index, &snap.text, params.range.start, enc);
        let (end, _) = position::offset(&snap.index, &snap.text, params.range.end, enc);
        start..end.max(start)
    };
    let mut diagnostics: Vec<lsp::Diagnostic> = params
        .context
        .diagnostics
        .iter()
        .filter(|d| d.source.as_deref() == Some(SOURCE))
        .cloned()
        .collect();
    if diagnostics.is_empty() {
        // Only the findings near the range are converted (a large resume
        // has a thousand, and editors ask on every cursor move).
        let near = snap
            .found
            .iter()
            .filter(|f| f.range.start <= asked.end && asked.start <= f.range.end);
        diagnostics = convert::diagnostics(near, &snap.text, &snap.index, enc)
            .into_iter()
            .filter(|d| overlaps(&d.range, &params.range))
            .collect();
    }

    // The edits of the fix-all-dates action, gathered at most once per
    // request whichever kinds carry it.
    let mut dates: Option<(Vec<TextEdit>, usize)> = None;
    let mut dates_offered = false;
    if wanted(only, &CodeActionKind::QUICKFIX) {
        let mut disabled: HashSet<(String, u32)> = HashSet::new();
        let mut offered: HashSet<usize> = HashSet::new();
        let mut date_diagnostics: Vec<lsp::Diagnostic> = Vec::new();
        for d in &diagnostics {
            if code_of(d) == Some(DATE_CODE) {
                date_diagnostics.push(d.clone());
            }
            if let Some(i) = finding_of(snap, d, &asked, enc).filter(|i| offered.insert(*i)) {
                let fixes = &snap.found[i].fixes;
                let preferred = fixes
                    .iter()
                    .position(|f| f.applicability == resume_rules::Applicability::Safe);
                for (i, fix) in fixes.iter().enumerate() {
                    out.push(CodeActionOrCommand::CodeAction(CodeAction {
                        title: fix.title.clone(),
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![d.clone()]),
                        edit: Some(workspace_edit(
                            uri,
                            Some(snap.version),
                            convert::edits(fix, &snap.text, &snap.index, enc),
                            doc_changes,
                        )),
                        command: None,
                        is_preferred: Some(preferred == Some(i)),
                        disabled: None,
                        data: None,
                    }));
                }
            }
            let Some(code) = code_of(d) else { continue };
            if code == resume_rules::suppression::UNKNOWN_RULE_CODE {
                continue;
            }
            let line = d.range.start.line;
            if !disabled.insert((code.to_string(), line)) {
                continue;
            }
            let indent = snap
                .index
                .line_range(&snap.text, line as usize)
                .map(|r| {
                    let l = &snap.text[r];
                    l[..l.len() - l.trim_start().len()].to_string()
                })
                .unwrap_or_default();
            let at = Position::new(line, 0);
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Disable {code} for this line"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d.clone()]),
                edit: Some(workspace_edit(
                    uri,
                    Some(snap.version),
                    vec![TextEdit {
                        range: lsp::Range::new(at, at),
                        new_text: format!("{indent}{}\n", disable_comment(format, code)),
                    }],
                    doc_changes,
                )),
                command: None,
                is_preferred: Some(false),
                disabled: None,
                data: None,
            }));
        }
        // Next to a date finding, the rewrite of every date is offered too
        // (once per request, not once per finding), when it does more than
        // the finding's own fix.
        if !date_diagnostics.is_empty() {
            let (edits, count) = dates.get_or_insert_with(|| fix_dates_edits(snap, enc));
            if *count >= 2 {
                dates_offered = true;
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix_dates_title(*count),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(date_diagnostics),
                    edit: Some(workspace_edit(
                        uri,
                        Some(snap.version),
                        edits.clone(),
                        doc_changes,
                    )),
                    command: None,
                    is_preferred: Some(false),
                    disabled: None,
                    data: None,
                }));
            }
        }
    }

    // The same rewrites as a source action, unless the quick fix above
    // already carries them in this answer.
    let kind = fix_dates_kind();
    if !dates_offered && wanted(only, &kind) {
        let (edits, count) = dates.get_or_insert_with(|| fix_dates_edits(snap, enc));
        if *count >= 1 {
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix_dates_title(*count),
                kind: Some(kind),
                diagnostics: None,
                edit: Some(workspace_edit(
                    uri,
                    Some(snap.version),
                    std::mem::take(edits),
                    doc_changes,
                )),
                command: None,
                is_preferred: None,
                disabled: None,
                data: None,
            }));
        }
    }

    let kind = fix_all_kind();
    if wanted(only, &kind) {
        let edits = fix_all_edits(snap, enc);
        if !edits.is_empty() {
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: "Fix all safe resume-lsp problems".to_string(),
                kind: Some(kind),
                diagnostics: None,
                edit: Some(workspace_edit(uri, Some(snap.version), edits, doc_changes)),
                command: None,
                is_preferred: None,
                disabled: None,
                data: None,
            }));
        }
    }
    out
}

/// The finding of `snap` that a diagnostic the client sent back stands
/// for: the one of its code with its range. A diagnostic of older text
/// (published before the last edits, not yet replaced in the editor) has
/// none there, so it stands for the finding of its code under the
/// requested range `asked` (bytes of the current text), if there is one.
/// Either way the fixes are those of the current text.
fn finding_of(
    snap: &Snapshot,
    d: &lsp::Diagnostic,
    asked: &std::ops::Range<usize>,
    enc: Encoding,
) -> Option<usize> {
    let code = code_of(d)?;
    let (start, _) = position::offset(&snap.index, &snap.text, d.range.start, enc);
    let (end, _) = position::offset(&snap.index, &snap.text, d.range.end, enc);
    let same_code = |f: &resume_rules::Diagnostic| f.code == code;
    snap.found
        .iter()
        .position(|f| same_code(f) && f.range == (start..end))
        .or_else(|| {
            snap.found.iter().position(|f| {
                same_code(f) && f.range.start <= asked.end && asked.start <= f.range.end
            })
        })
}

/// The first safe fix of a finding, if any.
fn safe_fix(d: &resume_rules::Diagnostic) -> Option<&resume_rules::Fix> {
    d.fixes
        .iter()
        .find(|f| f.applicability == resume_rules::Applicability::Safe && !f.edits.is_empty())
}

/// The title of the fix-all-dates action for `count` dates.
fn fix_dates_title(count: usize) -> String {
    if count == 1 {
        "Fix 1 date in the document".to_string()
    } else {
        format!("Fix all {count} dates in the document")
    }
}

/// The edits of every date finding's safe fix, without overlaps, and how
/// many dates they rewrite. Rewrites that lose information (months as bare
/// years) are unsafe and left out.
fn fix_dates_edits(snap: &Snapshot, enc: Encoding) -> (Vec<TextEdit>, usize) {
    let fixes: Vec<&resume_rules::Fix> = snap
        .found
        .iter()
        .filter(|d| d.code == DATE_CODE)
        .filter_map(safe_fix)
        .collect();
    let count = fixes.len();
    (merged_edits(snap, fixes, enc), count)
}

/// The edits of every finding's first safe fix, without overlaps.
fn fix_all_edits(snap: &Snapshot, enc: Encoding) -> Vec<TextEdit> {
    merged_edits(snap, snap.found.iter().filter_map(safe_fix), enc)
}

/// The edits of `fixes` in source order, without overlaps, as LSP edits.
fn merged_edits<'a>(
    snap: &Snapshot,
    fixes: impl IntoIterator<Item = &'a resume_rules::Fix>,
    enc: Encoding,
) -> Vec<TextEdit> {
    let mut edits: Vec<&resume_rules::Edit> =
        fixes.into_iter().flat_map(|f| f.edits.iter()).collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut kept: Vec<&resume_rules::Edit> = Vec::new();
    for e in edits {
        if e.range.end > snap.text.len() || e.range.start > e.range.end {
            continue;
        }
        if kept
            .last()
            .is_some_and(|k| k.range.end > e.range.start || k.range == e.range)
        {
            continue;
        }
        kept.push(e);
    }
    kept.into_iter()
        .map(|e| TextEdit {
            range: position::range(&snap.index, &snap.text, e.range.clone(), enc),
            new_text: e.new_text.clone(),
        })
        .collect()
}

/// The word around byte `offset`: letters, digits, `-`, `'`.
fn word_at(text: &str, offset: usize) -> Option<std::ops::Range<usize>> {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '\'';
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = offset
        + text[offset..]
            .char_indices()
            .find(|(_, c)| !is_word(*c))
            .map_or(text.len() - offset, |(i, _)| i);
    (end > start).then_some(start..end)
}

/// The words before and after a word range, if any, on the same line.
fn neighbours(
    text: &str,
    w: &std::ops::Range<usize>,
) -> (
    Option<std::ops::Range<usize>>,
    Option<std::ops::Range<usize>>,
) {
    let before = text[..w.start].trim_end_matches([' ', '\t']);
    let prev = (before.len() < w.start && !before.is_empty())
        .then(|| word_at(text, before.len().saturating_sub(1)))
        .flatten()
        .filter(|r| r.end == before.len());
    let after_start =
        w.end + (text[w.end..].len() - text[w.end..].trim_start_matches([' ', '\t']).len());
    let next = (after_start > w.end && after_start < text.len())
        .then(|| word_at(text, after_start))
        .flatten();
    (prev, next)
}

fn stronger(phrase: &str) -> Option<String> {
    let verbs = resume_rules::stronger_verbs(phrase);
    if verbs.is_empty() {
        return None;
    }
    Some(
        verbs
            .iter()
            .take(6)
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", "),
    )
}

fn looks_like_acronym(word: &str) -> bool {
    let core = word.strip_suffix('s').unwrap_or(word);
    core.len() >= 2
        && core
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// Hover at `pos`: the findings under the cursor explained, else an
/// acronym's expansion, else stronger verbs for a weak phrase.
pub(crate) fn hover(snap: &Snapshot, pos: Position, enc: Encoding) -> Option<Hover> {
    let text = &snap.text;
    let (offset, _) = position::offset(&snap.index, text, pos, enc);
    let under: Vec<&resume_rules::Diagnostic> = snap
        .found
        .iter()
        .filter(|d| {
            (d.range.start <= offset && offset < d.range.end)
                || (d.range.start == d.range.end && d.range.start == offset)
        })
        .collect();
    let mut parts = Vec::new();
    let mut range = None;
    for d in &under {
        let mut s = format!("**{}** ({})  \n{}", d.code, d.severity.as_str(), d.message);
        if let Some(rule) = resume_rules::rule(d.code) {
            s.push_str(&format!("\n\n{}", rule.meta.summary));
            if let Some(better) = rule.meta.doc_section("## Better") {
                s.push_str(&format!("\n\n**What good looks like**\n\n{better}"));
            }
        }
        let flagged = text.get(d.range.clone()).unwrap_or("");
        if d.code == "weak-verb" {
            if let Some(list) = stronger(flagged) {
                s.push_str(&format!("\n\nStronger verbs: {list}"));
            }
        }
        if d.code == "unexpanded-acronym" {
            let word = flagged.trim();
            if let Some(e) = resume_rules::expansion(word, &snap.config.rules) {
                s.push_str(&format!("\n\n**{word}**: {e}"));
            }
        }
        range = Some(position::range(&snap.index, text, d.range.clone(), enc));
        parts.push(s);
    }
    if parts.is_empty() {
        let w = word_at(text, offset)?;
        let word = &text[w.clone()];
        if looks_like_acronym(word) {
            if let Some(e) = resume_rules::expansion(word, &snap.config.rules) {
                parts.push(format!("**{word}**: {e}"));
                range = Some(position::range(&snap.index, text, w.clone(), enc));
            }
        }
        if parts.is_empty() {
            let (prev, next) = neighbours(text, &w);
            let mut candidates = Vec::new();
            if let Some(n) = &next {
                candidates.push(w.start..n.end);
            }
            if let Some(p) = &prev {
                candidates.push(p.start..w.end);
            }
            candidates.push(w.clone());
            for c in candidates {
                let phrase = &text[c.clone()];
                if let Some(list) = stronger(phrase) {
                    parts.push(format!(
                        "**{phrase}** is a weak phrase; stronger verbs: {list}"
                    ));
                    range = Some(position::range(&snap.index, text, c, enc));
                    break;
                }
            }
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_neighbours() {
        let t = "Responsible for NLP work";
        let w = word_at(t, 2).unwrap();
        assert_eq!(&t[w.clone()], "Responsible");
        let (p, n) = neighbours(t, &w);
        assert!(p.is_none());
        assert_eq!(&t[n.unwrap()], "for");
        let w = word_at(t, 17).unwrap();
        assert_eq!(&t[w.clone()], "NLP");
        let (p, n) = neighbours(t, &w);
        assert_eq!(&t[p.unwrap()], "for");
        assert_eq!(&t[n.unwrap()], "work");
        assert!(word_at("  ", 1).is_none());
        // Offsets inside a character move to its start.
        assert_eq!(word_at("é–😀", 3), Some(0..2));
        assert!(word_at("–😀", 4).is_none());
        assert!(looks_like_acronym("LLMs"));
        assert!(!looks_like_acronym("Led"));
    }

    #[test]
    fn comment_syntax_per_format() {
        assert_eq!(
            disable_comment(Format::Latex, "weak-verb"),
            "% resume-lsp: disable-next-line weak-verb"
        );
        assert_eq!(
            disable_comment(Format::Markdown, "weak-verb"),
            "<!-- resume-lsp: disable-next-line weak-verb -->"
        );
    }
}
