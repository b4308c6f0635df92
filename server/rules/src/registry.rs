//! The one table of rules.
//!
//! A rule is declared once, in its own file under `rules/`: a
//! `pub(crate) const META: RuleMeta` (code, default severity, category, fix
//! availability, summary, docs) and a
//! `pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>)`.
//! Registering it takes one line in `rules/mod.rs` (`pub(crate) mod x;`) and
//! one line in [`RULES`] below (`x,`).
//!
//! Every rule's docs carry the sections listed in [`DOC_SECTIONS`], in that
//! order; a test fails on duplicate or malformed codes and on missing or
//! short docs.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::Context;

/// What kind of problem a rule finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    /// Bullets that lack evidence of impact.
    Impact,
    /// Word choice.
    Wording,
    /// Formatting and consistency.
    Format,
    /// Clarity for readers outside the field.
    Clarity,
}

impl Category {
    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Impact => "impact",
            Category::Wording => "wording",
            Category::Format => "format",
            Category::Clarity => "clarity",
        }
    }
}

/// Whether a rule offers fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixAvailability {
    /// Never.
    None,
    /// For some findings.
    Sometimes,
    /// For every finding.
    Always,
}

/// A rule's declaration.
#[derive(Clone, Copy, Debug)]
pub struct RuleMeta {
    /// Stable kebab-case code shown to users.
    pub code: &'static str,
    /// Severity when the configuration says nothing.
    pub default_severity: Severity,
    /// Category.
    pub category: Category,
    /// Fix availability.
    pub fix: FixAvailability,
    /// One line: what it catches.
    pub summary: &'static str,
    /// Markdown documentation with the headings of [`DOC_SECTIONS`], in order.
    pub docs: &'static str,
}

/// The headings every rule's docs must have, in this order.
pub const DOC_SECTIONS: [&str; 5] = [
    "## What it catches",
    "## Why recruiters care",
    "## Example",
    "## Better",
    "## Fix safety",
];

impl RuleMeta {
    /// A finding of this rule at `range` (source bytes) with the default
    /// severity (`lint` applies the configured one) and no fixes.
    pub fn diagnostic(&self, range: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code: self.code,
            severity: self.default_severity,
            message: message.into(),
            range,
            fixes: Vec::new(),
        }
    }

    /// Like [`RuleMeta::diagnostic`], with fixes (the preferred one first).
    pub fn diagnostic_with_fixes(
        &self,
        range: Range<usize>,
        message: impl Into<String>,
        fixes: Vec<Fix>,
    ) -> Diagnostic {
        Diagnostic {
            fixes,
            ..self.diagnostic(range, message)
        }
    }

    /// The body of one docs section (`heading` is one of [`DOC_SECTIONS`]),
    /// trimmed, or `None` when the docs lack it.
    pub fn doc_section(&self, heading: &str) -> Option<&'static str> {
        let docs = self.docs;
        let start = docs.find(heading)? + heading.len();
        let rest = &docs[start..];
        let end = rest.find("\n## ").unwrap_or(rest.len());
        Some(rest[..end].trim())
    }
}

/// A registered rule.
pub struct RegisteredRule {
    /// Its declaration.
    pub meta: RuleMeta,
    /// Its check.
    pub check: fn(&Context<'_>, &mut Vec<Diagnostic>),
}

/// Builds [`RULES`] from module names under `rules/`: each module declares
/// `META` and `check`.
macro_rules! register {
    ($($rule:ident,)*) => {
        &[$(RegisteredRule {
            meta: crate::rules::$rule::META,
            check: crate::rules::$rule::check,
        },)*]
    };
}

/// Every rule, in the order they run. To add a rule, append its module name.
#[rustfmt::skip]
pub static RULES: &[RegisteredRule] = register![
    unquantified_bullet,
    buzzword_stacking,
    tech_stack_overload,
    weak_verb,
    inconsistent_date_format,
    invalid_date,
    unexpanded_acronym,
];

/// Looks a rule up by code.
pub fn rule(code: &str) -> Option<&'static RegisteredRule> {
    RULES.iter().find(|r| r.meta.code == code)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn is_kebab_case(code: &str) -> bool {
        !code.is_empty()
            && code.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            })
            && code.starts_with(|c: char| c.is_ascii_lowercase())
    }

    #[test]
    fn codes_are_unique_and_kebab_case() {
        assert!(!RULES.is_empty(), "register at least one rule");
        let mut seen = HashSet::new();
        for r in RULES {
            let code = r.meta.code;
            assert!(is_kebab_case(code), "rule code `{code}` is not kebab-case");
            assert!(seen.insert(code), "rule code `{code}` is registered twice");
            assert!(rule(code).is_some_and(|found| found.meta.code == code));
        }
        assert!(rule("no-such-rule").is_none());
    }

    #[test]
    fn kebab_case_check_rejects_bad_codes() {
        for bad in [
            "",
            "Weak-verb",
            "weak_verb",
            "weak--verb",
            "-weak",
            "weak-",
            "weak verb",
        ] {
            assert!(!is_kebab_case(bad), "`{bad}` passed");
        }
        assert!(is_kebab_case("weak-verb"));
        assert!(is_kebab_case("utf8-check"));
    }

    #[test]
    fn every_rule_has_a_summary_and_full_docs() {
        for r in RULES {
            let m = &r.meta;
            let code = m.code;
            let summary = m.summary.trim();
            assert!(
                summary.len() >= 15 && !summary.contains('\n'),
                "`{code}`: the summary must be one line of at least 15 characters"
            );
            assert!(
                !summary.ends_with('.'),
                "`{code}`: the summary must not end with a period"
            );
            let mut last = 0;
            for heading in DOC_SECTIONS {
                let at = m
                    .docs
                    .find(heading)
                    .unwrap_or_else(|| panic!("`{code}`: docs lack the heading `{heading}`"));
                assert!(at >= last, "`{code}`: `{heading}` is out of order");
                last = at;
                let body = m.doc_section(heading).unwrap_or_default();
                let words = body.split_whitespace().count();
                assert!(
                    words >= 6,
                    "`{code}`: the `{heading}` section has {words} words; write at least 6"
                );
            }
        }
    }

    #[test]
    fn doc_sections_are_read_between_headings() {
        let meta = RuleMeta {
            code: "x",
            default_severity: Severity::Hint,
            category: Category::Wording,
            fix: FixAvailability::None,
            summary: "x",
            docs: "## What it catches\nOne.\n\n## Why recruiters care\nTwo.\n",
        };
        assert_eq!(meta.doc_section("## What it catches"), Some("One."));
        assert_eq!(meta.doc_section("## Why recruiters care"), Some("Two."));
        assert_eq!(meta.doc_section("## Example"), None);
        let d = meta.diagnostic(3..5, "m");
        assert_eq!((d.code, d.range, d.severity), ("x", 3..5, Severity::Hint));
    }
}
