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
mod memo;
pub mod registry;
pub(crate) mod rules;
pub mod suppression;
#[cfg(test)]
pub(crate) mod testing;

pub use analysis::acronyms::expansion;
pub use config::{Config, RuleLevel};
pub use diagnostic::{apply_edits, Applicability, Diagnostic, Edit, Fix, Severity};
pub use memo::LintCache;
pub use registry::{rule, Category, FixAvailability, RegisteredRule, RuleMeta, RULES};
pub use rules::weak_verb::stronger_verbs;

use resume_syntax::Resume;

/// What a rule sees.
pub struct Context<'a> {
    /// The resume model.
    pub resume: &'a Resume,
    /// The source text the model was built from.
    pub source: &'a str,
    /// The configuration.
    pub config: &'a Config,
    /// Analysis results shared by the rules and kept between runs.
    pub(crate) memo: &'a memo::Memo,
}

/// Runs every enabled rule and returns the findings sorted by position.
///
/// A rule that panics loses its own findings but not the others'; findings
/// whose range (or a fix's edit) does not fit `source` on character
/// boundaries are dropped, so callers never see a bad offset.
pub fn lint(resume: &Resume, source: &str, config: &Config) -> Vec<Diagnostic> {
    lint_cached(resume, source, config, &mut LintCache::default())
}

/// [`lint`], reusing the analysis results `cache` kept from earlier runs
/// (over earlier versions of the same document): the findings are the same,
/// and only texts that changed are analysed again.
pub fn lint_cached(
    resume: &Resume,
    source: &str,
    config: &Config,
    cache: &mut LintCache,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if !resume.is_resume {
        return out;
    }
    let memo = cache.start(config);
    let ctx = Context {
        resume,
        source,
        config,
        memo,
    };
    for rule in RULES {
        let severity = match config.level(rule.meta.code, rule.meta.default_severity) {
            RuleLevel::Off => continue,
            RuleLevel::On(s) => s,
        };
        let mut found = Vec::new();
        let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            (rule.check)(&ctx, &mut found);
        }));
        if ran.is_err() {
            continue;
        }
        for mut d in found {
            if !fits(source, &d.range) {
                continue;
            }
            d.fixes
                .retain(|f| f.edits.iter().all(|e| fits(source, &e.range)));
            d.severity = severity;
            out.push(d);
        }
    }
    memo.finish();
    let mut out = suppression::apply(resume, source, config, out);
    out.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });
    out
}

fn fits(source: &str, range: &std::ops::Range<usize>) -> bool {
    range.start <= range.end
        && range.end <= source.len()
        && source.is_char_boundary(range.start)
        && source.is_char_boundary(range.end)
}

#[cfg(test)]
mod tests {
    use resume_syntax::{parse, Format, ParseOptions};

    use super::*;
    use crate::testing::{md_experience, strip};

    fn run(config: &Config) -> Vec<Diagnostic> {
        let source = strip(&md_experience("- Rewrote the export job in Go"));
        let resume = parse(&source, Format::Markdown, &ParseOptions::default());
        lint(&resume, &source, config)
    }

    #[test]
    fn configured_levels_apply() {
        let found = run(&Config::default());
        let d = found
            .iter()
            .find(|d| d.code == "unquantified-bullet")
            .expect("a finding with the default config");
        assert_eq!(d.severity, Severity::Warning);

        let mut config = Config::default();
        config
            .rules
            .insert("unquantified-bullet".into(), RuleLevel::On(Severity::Error));
        let found = run(&config);
        assert!(found
            .iter()
            .any(|d| d.code == "unquantified-bullet" && d.severity == Severity::Error));

        config
            .rules
            .insert("unquantified-bullet".into(), RuleLevel::Off);
        assert!(!run(&config).iter().any(|d| d.code == "unquantified-bullet"));
    }

    #[test]
    fn cached_runs_find_what_fresh_runs_find() {
        let config = Config::default();
        let mut cache = LintCache::default();
        let bullets = [
            "- Responsible for the NLP pipeline, synergy-driven and innovative",
            "- Cut costs by 40% across 3 teams",
            "- Worked on the API gateway",
        ];
        for round in 0..4 {
            let mut list = bullets.to_vec();
            list.rotate_left(round % bullets.len());
            if round == 2 {
                list[0] = "- Helped with onboarding docs";
            }
            let source = strip(&md_experience(&list.join("\n")));
            let resume = parse(&source, Format::Markdown, &ParseOptions::default());
            let fresh = lint(&resume, &source, &config);
            assert!(!fresh.is_empty());
            assert_eq!(lint_cached(&resume, &source, &config, &mut cache), fresh);
        }
    }

    #[test]
    fn documents_that_are_not_resumes_get_nothing() {
        let source = "Just a note with no resume sections. Responsible for nothing.";
        let resume = parse(source, Format::Markdown, &ParseOptions::default());
        assert!(lint(&resume, source, &Config::default()).is_empty());
    }

    #[test]
    fn ranges_must_fit_the_source() {
        let s = "héllo";
        assert!(fits(s, &(0..1)));
        assert!(!fits(s, &(0..2)), "inside a character");
        assert!(!fits(s, &(3..99)));
        #[allow(clippy::reversed_empty_ranges)]
        let backwards = 4..3;
        assert!(!fits(s, &backwards));
    }
}
