//! The one table of rules: code, default severity, category, fix availability
//! and documentation, declared once per rule.

use crate::diagnostic::{Diagnostic, Severity};
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
    /// Markdown documentation: what it catches, why it matters, example,
    /// better version, fix safety.
    pub docs: &'static str,
}

/// A registered rule.
pub struct RegisteredRule {
    /// Its declaration.
    pub meta: RuleMeta,
    /// Its check.
    pub check: fn(&Context<'_>, &mut Vec<Diagnostic>),
}

/// Every rule, in the order they run.
pub static RULES: &[RegisteredRule] = &[];

/// Looks a rule up by code.
pub fn rule(code: &str) -> Option<&'static RegisteredRule> {
    RULES.iter().find(|r| r.meta.code == code)
}
