//! The resume rule engine.
//!
//! Rules are pure functions of the resume model ([`resume_syntax::Resume`]),
//! the source text (only to build exact edits) and the [`Config`]. This crate
//! knows nothing about LSP, files or processes.
//!
//! Each rule lives in one file under `rules/` with its documentation, logic
//! and tests, and is registered with one line in [`registry`]. Text-level
//! analyses shared by rules (metric detection, word lists) live in
//! [`analysis`]; rule tests use the caret fixtures of `testing`.

pub mod analysis;
pub mod config;
pub mod diagnostic;
pub mod escape;
pub mod registry;
pub(crate) mod rules;
#[cfg(test)]
pub(crate) mod testing;

pub use config::{Config, RuleLevel};
pub use diagnostic::{apply_edits, Applicability, Diagnostic, Edit, Fix, Severity};
pub use analysis::acronyms::expansion;
pub use rules::weak_verb::stronger_verbs;
pub use registry::{rule, Category, FixAvailability, RegisteredRule, RuleMeta, RULES};

use resume_syntax::Resume;

/// What a rule sees.
pub struct Context<'a> {
    /// The resume model.
    pub resume: &'a Resume,
    /// The source text the model was built from.
    pub source: &'a str,
    /// The configuration.
    pub config: &'a Config,
}

/// Runs every enabled rule and returns the findings sorted by position.
pub fn lint(resume: &Resume, source: &str, config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if !resume.is_resume {
        return out;
    }
    let ctx = Context {
        resume,
        source,
        config,
    };
    for rule in RULES {
        let severity = match config.level(rule.meta.code, rule.meta.default_severity) {
            RuleLevel::Off => continue,
            RuleLevel::On(s) => s,
        };
        let start = out.len();
        (rule.check)(&ctx, &mut out);
        for d in &mut out[start..] {
            d.severity = severity;
        }
    }
    out.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });
    out
}
