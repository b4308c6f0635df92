//! The one check every prose rewrite passes before a rule offers it
//! (`weak-verb`, `unexpanded-acronym`): the text after the rewrite must
//! read as English at least as well as the text before it, and keep its
//! markup.
//!
//! The check compares the source of the rewritten piece before and after
//! the edits, so it holds for any way a rule builds its edits:
//! - markup is kept: the same LaTeX commands, braces, emphasis marks and
//!   links, in the same number;
//! - `a`/`an` agree with the word after them;
//! - no doubled word (`the the`) and no word doubled by its stem next to
//!   it (`Developed Backend Development`, `Large Language Models (LLMs)
//!   models`);
//! - coordinated verbs change together: when a rewrite turns a bare verb
//!   into the past tense (`Helped collect` → `Collected`), a bare verb
//!   coordinated with it (`…, aggregate, and upload`) may not stay bare.
//!
//! Each test counts faults after the rewrite against faults before it, so
//! a fault the author wrote elsewhere in the piece does not block a fix.

use std::ops::Range;

use resume_syntax::Format;

use crate::{apply_edits, Edit};

use crate::analysis::verbs::is_base_verb;

/// Whether rewriting the source `before` into `after` (the same piece of
/// a `format` document) keeps its markup and reads as English.
pub fn reads_well(format: Format, before: &str, after: &str) -> bool {
    // The same markup, wherever a rewrite moved it.
    let (mut was, mut is) = (marks(format, before), marks(format, after));
    was.sort_unstable();
    is.sort_unstable();
    if was != is {
        return false;
    }
    let old = words(&plain(format, before));
    let new = words(&plain(format, after));
    article_faults(&new) <= article_faults(&old)
        && doubled(&new) <= doubled(&old)
        && !verbs_left_behind(&old, &new)
}

/// Whether `edits` leave the source `whole`, which starts at
/// `whole_start`, reading as English with its markup: the one check every
/// rewrite passes. `whole` must cover the edits (a piece's source span
/// widened over them, so markup closed just after the text is in it).
pub fn edits_read_well(format: Format, whole_start: usize, whole: &str, edits: &[Edit]) -> bool {
    let end = whole_start + whole.len();
    if edits
        .iter()
        .any(|e| e.range.start < whole_start || e.range.end > end)
    {
        return false;
    }
    let local: Vec<Edit> = edits
        .iter()
        .map(|e| Edit {
            range: e.range.start - whole_start..e.range.end - whole_start,
            new_text: e.new_text.clone(),
        })
        .collect();
    reads_well(format, whole, &apply_edits(whole, &local))
}

/// The source span of a piece of text widened to cover `edits`.
pub fn span_with(span: Range<usize>, edits: &[Edit]) -> Range<usize> {
    let start = edits
        .iter()
        .map(|e| e.range.start)
        .fold(span.start, usize::min);
    let end = edits.iter().map(|e| e.range.end).fold(span.end, usize::max);
    start..end
}

/// The markup of a source piece, in order: LaTeX command names and braces;
/// Markdown emphasis runs, code ticks and link brackets.
fn marks(format: Format, s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match format {
            Format::Latex => match c {
                b'\\' => {
                    let name: String = s[i + 1..]
                        .chars()
                        .take_while(char::is_ascii_alphabetic)
                        .collect();
                    if name.is_empty() {
                        // An escape (`\%`) is text, not markup.
                        i += 2;
                        continue;
                    }
                    i += 1 + name.len();
                    out.push(name);
                    continue;
                }
                b'{' | b'}' => out.push((c as char).to_string()),
                _ => {}
            },
            Format::Markdown => match c {
                b'\\' => {
                    i += 2;
                    continue;
                }
                b'*' | b'`' | b'[' => {
                    let run = b[i..].iter().take_while(|&&x| x == c).count();
                    out.push(s[i..i + run].to_string());
                    i += run;
                    continue;
                }
                b'_' => {
                    // Emphasis only at a word boundary, not in `snake_case`.
                    let left = i > 0 && b[i - 1].is_ascii_alphanumeric();
                    let right = b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric);
                    if !(left && right) {
                        out.push("_".into());
                    }
                }
                b']' if b.get(i + 1) == Some(&b'(') => out.push("](".into()),
                _ => {}
            },
        }
        i += 1;
    }
    out
}

/// The words a reader sees in a source piece: markup dropped, escapes
/// resolved, link targets left out.
fn plain(format: Format, s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (format, c) {
            (Format::Latex, '\\') => match chars.peek() {
                Some(n) if n.is_ascii_alphabetic() => {
                    while chars.peek().is_some_and(char::is_ascii_alphabetic) {
                        chars.next();
                    }
                }
                Some(_) => out.extend(chars.next()),
                None => {}
            },
            (Format::Latex, '{' | '}' | '$') => {}
            (Format::Latex, '~') => out.push(' '),
            (Format::Markdown, '*' | '`' | '[') => {}
            (Format::Markdown, ']') if chars.peek() == Some(&'(') => {
                for n in chars.by_ref() {
                    if n == ')' {
                        break;
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Words (letters, digits, inner apostrophes and hyphens) as written, with
/// whether punctuation other than a space or bracket came before each.
fn words(s: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut punct = false;
    for c in s.chars() {
        if c.is_alphanumeric() || (!cur.is_empty() && matches!(c, '\'' | '’' | '-')) {
            cur.push(c);
        } else {
            if !cur.is_empty() {
                out.push((std::mem::take(&mut cur), punct));
                punct = false;
            }
            // Brackets do not part words: `Models (LLMs) models`.
            if !c.is_whitespace() && !matches!(c, '(' | ')') {
                punct = true;
            }
        }
    }
    if !cur.is_empty() {
        out.push((cur, punct));
    }
    out
}

/// The article a word takes by its sound: `an` before a vowel sound
/// (`an SLA`, `an hour`, `an ETL job`), `a` before a consonant sound (`a
/// Service`, `a unified`, `a one-off`).
pub fn article_for(word: &str) -> &'static str {
    let lower = word.to_lowercase();
    let Some(first) = lower.chars().next() else {
        return "a";
    };
    // A word written in capitals is read letter by letter.
    let letters = word.chars().count() > 1
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
        && !["NASA", "NATO", "SaaS", "OKR"].contains(&word);
    if letters {
        return if "aefhilmnorsx8".contains(first) {
            "an"
        } else {
            "a"
        };
    }
    if first.is_ascii_digit() {
        return if lower.starts_with('8') || lower.starts_with("11") || lower.starts_with("18") {
            "an"
        } else {
            "a"
        };
    }
    const CONSONANT_SOUND: &[&str] = &[
        "uni", "use", "usa", "usu", "uti", "ure", "uro", "eu", "one", "once", "ubi",
    ];
    const VOWEL_SOUND: &[&str] = &["hour", "honest", "honor", "honour", "heir"];
    if VOWEL_SOUND.iter().any(|p| lower.starts_with(p)) {
        return "an";
    }
    if CONSONANT_SOUND.iter().any(|p| lower.starts_with(p)) {
        return "a";
    }
    if "aeiou".contains(first) {
        "an"
    } else {
        "a"
    }
}

/// `a`/`an` before a word of the other sound.
fn article_faults(ws: &[(String, bool)]) -> usize {
    ws.windows(2)
        .filter(|w| {
            let a = w[0].0.to_lowercase();
            (a == "a" || a == "an") && !w[1].1 && article_for(&w[1].0) != a
        })
        .count()
}

/// A crude stem: the word without a plural or verb ending, cut to six
/// letters (`development`, `developed`, `develops` → `develo`).
fn stem(w: &str) -> Option<String> {
    // Short words (`with`, `from`, `data`) repeat in plain English.
    if w.chars().count() < 5 || w.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let lower = w.to_lowercase();
    let w = match lower.strip_suffix('s') {
        Some(s) if !s.ends_with('s') => s,
        _ => &lower,
    };
    Some(w.chars().take(6).collect())
}

/// Words repeated next to each other (`the the`), and content words
/// whose stem is repeated within the next three words with no punctuation
/// between (`Developed Backend Development`).
fn doubled(ws: &[(String, bool)]) -> usize {
    let mut n = 0;
    for (i, (w, _)) in ws.iter().enumerate() {
        if let Some((next, punct)) = ws.get(i + 1) {
            if next.eq_ignore_ascii_case(w) && !punct {
                n += 1;
                continue;
            }
        }
        let Some(s) = stem(w) else { continue };
        for (next, punct) in ws.iter().skip(i + 1).take(3) {
            if *punct {
                break;
            }
            if stem(next).as_deref() == Some(&s) {
                n += 1;
                break;
            }
        }
    }
    n
}

/// A bare verb of `old` turned into the past tense in `new`, while a
/// bare verb coordinated with it (after a comma or `and`/`or`, before the
/// next preposition-free run ends) stays bare.
fn verbs_left_behind(old: &[(String, bool)], new: &[(String, bool)]) -> bool {
    let lower = |ws: &[(String, bool)]| -> Vec<(String, bool)> {
        ws.iter().map(|(w, p)| (w.to_lowercase(), *p)).collect()
    };
    let (old, new) = (&lower(old)[..], &lower(new)[..]);
    let old_bare: Vec<&str> = old
        .iter()
        .map(|(w, _)| w.as_str())
        .filter(|w| is_base_verb(w))
        .collect();
    // A bare verb of `old` right after a word the rewrite removed
    // (`Helped collect`) that `new` has in the past tense (`Collected`).
    let dropped = |b: &str| {
        old.windows(2)
            .any(|p| p[1].0 == b && !p[1].1 && !new.iter().any(|(n, _)| *n == p[0].0))
    };
    let Some(pos) = new.iter().position(|(w, _)| {
        is_base_verb_past(w).is_some_and(|b| old_bare.contains(&b.as_str()) && dropped(&b))
            && !old.iter().any(|(o, _)| o == w)
    }) else {
        return false;
    };
    // Bare verbs coordinated after it: `, aggregate, and then upload`.
    let rest = &new[pos + 1..];
    rest.iter().enumerate().any(|(i, (w, punct))| {
        if !is_base_verb(w) || w.ends_with("ing") {
            return false;
        }
        let prev = i.checked_sub(1).map(|p| rest[p].0.as_str());
        let joined = *punct || matches!(prev, Some("and" | "or" | "then"));
        let noun_before = matches!(prev, Some("the" | "a" | "an" | "to" | "of"));
        joined && !noun_before && old.iter().any(|(o, _)| o == w)
    })
}

/// The base of a regular or irregular past-tense word, when it is one of
/// the known verbs.
fn is_base_verb_past(w: &str) -> Option<String> {
    crate::analysis::verbs::base_of_past(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use resume_syntax::Format::{Latex, Markdown};

    #[test]
    fn articles_follow_the_sound() {
        for (w, a) in [
            ("SLA", "an"),
            ("Service", "a"),
            ("ETL", "an"),
            ("hour", "an"),
            ("unified", "a"),
            ("API", "an"),
            ("KPI", "a"),
            ("one-off", "a"),
            ("8-core", "an"),
            ("end-to-end", "an"),
            ("NASA", "a"),
        ] {
            assert_eq!(article_for(w), a, "{w}");
        }
    }

    #[test]
    fn rewrites_that_read_well_pass() {
        assert!(reads_well(
            Markdown,
            "- Built an SLA dashboard",
            "- Built a Service Level Agreement (SLA) dashboard"
        ));
        assert!(reads_well(
            Latex,
            r"\resumeItem{Helped \textbf{reduce} churn by 15\%}",
            r"\resumeItem{Cut \textbf{churn} by 15\%}"
        ));
        assert!(reads_well(
            Markdown,
            "- Fine-tuned LLM models for search",
            "- Fine-tuned Large Language Models (LLMs) for search"
        ));
        // A fault the author wrote is not the rewrite's.
        assert!(reads_well(
            Markdown,
            "- Worked on a API for the the team",
            "- Built a API for the the team"
        ));
        assert!(reads_well(
            Markdown,
            "- Helped collect, clean, and upload data",
            "- Collected, cleaned, and uploaded data"
        ));
    }

    #[test]
    fn rewrites_that_break_english_or_markup_fail() {
        // The article no longer agrees.
        assert!(!reads_well(
            Markdown,
            "- Built an SLA dashboard",
            "- Built an Service Level Agreement (SLA) dashboard"
        ));
        // A doubled noun.
        assert!(!reads_well(
            Markdown,
            "- Fine-tuned LLM models",
            "- Fine-tuned Large Language Model (LLM) models"
        ));
        assert!(!reads_well(
            Markdown,
            "- Worked on Backend Development",
            "- Developed Backend Development"
        ));
        // Markup dropped.
        assert!(!reads_well(
            Latex,
            r"\resumeItem{Helped \textbf{reduce} churn by 15\%}",
            r"\resumeItem{Reduced churn by 15\%}"
        ));
        assert!(!reads_well(
            Markdown,
            "- Helped **reduce** churn",
            "- Reduced churn"
        ));
        // A word of the rewrite repeated close by.
        assert!(reads_well(
            Markdown,
            "- Assisted analysts with load forecasting",
            "- Partnered with analysts with load forecasting"
        ));
        // Coordinated verbs left behind.
        assert!(!reads_well(
            Markdown,
            "- Helped collect with Python scrapers, aggregate, and then upload the data",
            "- Collected with Python scrapers, aggregate, and then upload the data"
        ));
    }
}
