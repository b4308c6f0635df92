//! Linter configuration as plain data.
//!
//! Reading `resume-lsp.toml` (IO and TOML) happens in the `resume-lsp` crate;
//! this crate only sees the result.

use std::collections::HashMap;

use crate::diagnostic::Severity;

/// A rule's configured level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleLevel {
    /// The rule does not run.
    Off,
    /// The rule runs with this severity.
    On(Severity),
}

/// Additions to and removals from one word list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordListPatch {
    /// Entries added to the built-in list.
    pub add: Vec<String>,
    /// Entries removed from (silenced in) the built-in list.
    pub remove: Vec<String>,
}

/// Acronym additions: acronym → expansion, and acronyms silenced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AcronymPatch {
    /// Extra acronyms with their expansions.
    pub add: Vec<(String, String)>,
    /// Acronyms never reported.
    pub remove: Vec<String>,
}

/// Preferred date style, overriding the document's majority.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateStylePreference {
    /// Month form: `short` (`Jan`), `short-dot` (`Jan.`), `long` (`January`),
    /// `numeric` (`01/2024`), `iso` (`2024-01`), `year` (year only).
    pub month: Option<String>,
    /// Range separator as written in plain text: `–`, `-`, `—` or `to`.
    pub separator: Option<String>,
    /// Word for an ongoing range: `Present`, `Current`, `Now`.
    pub ongoing: Option<String>,
}

/// Everything the rules read besides the model.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// Per-rule level keyed by rule code; rules not named keep their default.
    pub rules: HashMap<String, RuleLevel>,
    /// Buzzwords and self-descriptors.
    pub buzzwords: WordListPatch,
    /// Weak phrases.
    pub weak_verbs: WordListPatch,
    /// Acronyms.
    pub acronyms: AcronymPatch,
    /// Preferred date style.
    pub date_style: DateStylePreference,
}

impl Config {
    /// The level of `code`, given its default severity.
    pub fn level(&self, code: &str, default: Severity) -> RuleLevel {
        self.rules
            .get(code)
            .copied()
            .unwrap_or(RuleLevel::On(default))
    }
}
