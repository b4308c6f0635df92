//! What a rule reports: a diagnostic with its fixes, in source byte offsets.

use std::ops::Range;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// A hint, shown faintly.
    Hint,
    /// Information.
    Information,
    /// A warning: the default for most rules.
    Warning,
    /// An error.
    Error,
}

impl Severity {
    /// Lowercase name as printed by the command line and accepted in config.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Information => "information",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses a severity name (`error`, `warning`, `info`/`information`, `hint`).
    pub fn parse(name: &str) -> Option<Severity> {
        match name.trim().to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "information" | "info" => Some(Severity::Information),
            "hint" => Some(Severity::Hint),
            _ => None,
        }
    }
}

/// Whether a fix may be applied without a human looking (ruff's applicability).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Applicability {
    /// Keeps meaning; `check --fix` and fix-all apply it.
    Safe,
    /// Likely right but changes wording; offered in the editor only.
    Unsafe,
    /// A suggestion shown to the user, never applied automatically.
    DisplayOnly,
}

impl Applicability {
    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

/// One text replacement in source byte offsets.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    /// Source byte range to replace.
    pub range: Range<usize>,
    /// Replacement text, already escaped for the source format.
    pub new_text: String,
}

/// A fix: a title and the edits that carry it out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, shown in the editor's quick-fix menu.
    pub title: String,
    /// Non-overlapping edits, in source order.
    pub edits: Vec<Edit>,
    /// Whether it may be applied automatically.
    pub applicability: Applicability,
}

/// A finding of one rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's kebab-case code.
    pub code: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// What is wrong and what good looks like.
    pub message: String,
    /// Source byte range the finding covers.
    pub range: Range<usize>,
    /// Fixes, the preferred one first.
    pub fixes: Vec<Fix>,
}

/// Applies edits to `source`. Edits must not overlap; they are applied from
/// the end so earlier offsets stay valid. Overlapping edits after the first
/// are skipped. Returns the new text.
pub fn apply_edits(source: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut kept: Vec<&Edit> = Vec::with_capacity(sorted.len());
    for e in sorted {
        if e.range.end > source.len()
            || e.range.start > e.range.end
            || !source.is_char_boundary(e.range.start)
            || !source.is_char_boundary(e.range.end)
        {
            continue;
        }
        if kept.last().is_some_and(|k| k.range.end > e.range.start) {
            continue;
        }
        kept.push(e);
    }
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for e in kept {
        out.push_str(&source[at..e.range.start]);
        out.push_str(&e.new_text);
        at = e.range.end;
    }
    out.push_str(&source[at..]);
    out
}
