//! `resume-lsp rules` and `resume-lsp explain CODE`.

use std::io::Write;

use resume_rules::registry::FixAvailability;
use resume_rules::{RuleMeta, RULES};
use serde::Serialize;

use super::{OutputFormat, Status};

/// Lowercase name of a fix availability, as printed and in JSON.
pub fn fix_name(fix: FixAvailability) -> &'static str {
    match fix {
        FixAvailability::None => "none",
        FixAvailability::Sometimes => "sometimes",
        FixAvailability::Always => "always",
    }
}

/// The JSON description of one rule. The VS Code extension generates its
/// settings from these objects: keep the keys stable.
#[derive(Clone, Debug, Serialize)]
pub struct RuleJson {
    /// Kebab-case code.
    pub code: &'static str,
    /// Default severity.
    pub severity: &'static str,
    /// Category.
    pub category: &'static str,
    /// Fix availability: `none`, `sometimes`, `always`.
    pub fix: &'static str,
    /// One-line summary.
    pub summary: &'static str,
}

/// The JSON description of `meta`.
pub fn rule_json(meta: &RuleMeta) -> RuleJson {
    RuleJson {
        code: meta.code,
        severity: meta.default_severity.as_str(),
        category: meta.category.as_str(),
        fix: fix_name(meta.fix),
        summary: meta.summary,
    }
}

/// Lists every rule.
pub fn list(format: OutputFormat, out: &mut dyn Write, err: &mut dyn Write) -> Status {
    let metas: Vec<&RuleMeta> = RULES.iter().map(|r| &r.meta).collect();
    let written = match format {
        OutputFormat::Json => {
            let all: Vec<RuleJson> = metas.iter().map(|m| rule_json(m)).collect();
            serde_json::to_writer_pretty(&mut *out, &all)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out))
        }
        OutputFormat::Human => write_table(&metas, out),
    };
    match written {
        Ok(()) => Status::Clean,
        Err(e) => {
            let _ = writeln!(err, "error: cannot write the rule list: {e}");
            Status::Error
        }
    }
}

fn write_table(metas: &[&RuleMeta], out: &mut dyn Write) -> std::io::Result<()> {
    let header = ["code", "severity", "category", "fix", "summary"];
    let rows: Vec<[&str; 5]> = metas
        .iter()
        .map(|m| {
            [
                m.code,
                m.default_severity.as_str(),
                m.category.as_str(),
                fix_name(m.fix),
                m.summary,
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(cell);
                let pad = widths[i] - cell.chars().count() + 2;
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Prints the documentation of the rule `code`.
pub fn explain(code: &str, out: &mut dyn Write, err: &mut dyn Write) -> Status {
    let wanted = code.trim().to_ascii_lowercase();
    let Some(rule) = RULES.iter().find(|r| r.meta.code == wanted) else {
        let close = close_matches(&wanted);
        let hint = match close.as_slice() {
            [] => String::new(),
            [one] => format!("; did you mean `{one}`?"),
            many => format!(
                "; did you mean one of {}?",
                many.iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let _ = writeln!(
            err,
            "error: unknown rule `{code}`{hint}\nrun `resume-lsp rules` to list every rule"
        );
        return Status::Error;
    };
    let m = &rule.meta;
    let written = writeln!(
        out,
        "{} ({}, {}, fix: {})\n\n{}\n\n{}",
        m.code,
        m.default_severity.as_str(),
        m.category.as_str(),
        fix_name(m.fix),
        m.summary,
        m.docs.trim()
    );
    match written {
        Ok(()) => Status::Clean,
        Err(e) => {
            let _ = writeln!(err, "error: cannot write the documentation: {e}");
            Status::Error
        }
    }
}

/// Rule codes close to `code`: by edit distance, or sharing a word with it.
pub fn close_matches(code: &str) -> Vec<&'static str> {
    let mut scored: Vec<(usize, &'static str)> = RULES
        .iter()
        .map(|r| r.meta.code)
        .filter_map(|c| {
            let d = edit_distance(code, c);
            let limit = (c.len().max(code.len()) / 3).max(2);
            let shares_word = code
                .split(['-', '_', ' '])
                .filter(|w| w.len() >= 3)
                .any(|w| c.split('-').any(|cw| cw == w));
            let contains = code.len() >= 3 && (c.contains(code) || code.contains(c));
            (d <= limit || shares_word || contains).then_some((d, c))
        })
        .collect();
    scored.sort();
    scored.into_iter().take(5).map(|(_, c)| c).collect()
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("weak-verb", "weak-verb"), 0);
        assert_eq!(edit_distance("weak-verbs", "weak-verb"), 1);
        assert_eq!(edit_distance("wek-vreb", "weak-verb"), 3);
        assert_eq!(edit_distance("é", "e"), 1);
    }

    #[test]
    fn every_rule_has_stable_json_keys() {
        for rule in RULES {
            let v = serde_json::to_value(rule_json(&rule.meta)).unwrap();
            let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
            keys.sort_unstable();
            assert_eq!(keys, ["category", "code", "fix", "severity", "summary"]);
            assert!(v
                .as_object()
                .unwrap()
                .values()
                .all(|x| x.as_str().is_some_and(|s| !s.is_empty())));
        }
    }
}
