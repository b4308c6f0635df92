//! `weak-verb`: a bullet that leads with, or is built on, a weak phrase
//! (`responsible for`, `helped`, `worked on`, …), with rewrites that use a
//! strong verb.

use std::ops::Range;
use std::sync::LazyLock;

use resume_syntax::{Format, Text};

use crate::analysis::rewrite::{edits_read_well, span_with};
use crate::analysis::verbs::{
    base_of_past, gerund_base, is_base_verb, is_gerund, past_tense, third_person,
};
use crate::escape::escape_for;
use crate::memo::{PlacedKey, SourceReads};
use crate::registry::{Category, FixAvailability, RuleMeta};
use crate::{Applicability, Config, Context, Diagnostic, Edit, Fix, Severity};

pub(crate) const META: RuleMeta = RuleMeta {
    code: "weak-verb",
    default_severity: Severity::Warning,
    category: Category::Wording,
    fix: FixAvailability::Sometimes,
    summary: "a bullet built on a weak phrase such as `responsible for` or `helped`",
    docs: r#"## What it catches
An achievement bullet (experience, projects, leadership) whose main verb is a
weak phrase: `worked on`/`worked with`, `responsible for`, `in charge of`, `took part in`,
`helped`, `assisted`, `participated in`, `involved in`/`with`, `tasked with`,
`duties included`, `responsibilities included`, `handled`, `used`/`utilized`, `did`,
`made`.
The phrase counts when it opens the bullet or a later sentence of it, when it
follows an auxiliary (`Was responsible for`), or when it is the main verb after
a lead-in clause that starts with a preposition or conjunction
(`During the audit, handled …`, `As captain, participated in …`).
The same words elsewhere are not the bullet's verb and are left alone:
participles and relative clauses (`a tool used by 40 teams`,
`a report that finance used`, `interns who worked on …`,
`squads responsible for …`), compound adjectives (`made-to-order`),
`using`, and nouns such as `help center` or `helpdesk`.
Summary prose is not checked: a summary describes the person, and its verbs are
not the opening verbs recruiters scan in a bullet list.
Phrases can be added or silenced with the `weak_verbs` configuration.

## Why recruiters care
The opening verb is the first word a recruiter reads in each bullet.
Weak phrases describe a duty or a presence, not an action with an outcome:
`responsible for` says what the job description was, `helped` and `assisted`
hide what you did yourself, and `used` puts the tool before the result.

## Example
```
- Responsible for training new hires on the returns process
- Helped define the onboarding flow for the mobile app
- Used Python to automate the weekly sales report
```

## Better
```
- Trained 12 new hires on the returns process, cutting errors by a third
- Defined the onboarding flow for the mobile app, lifting activation 18%
- Automated the weekly sales report with Python, saving 4 hours a week
```

## Fix safety
Each finding offers up to five rewrites (usually two or more) that replace
the phrase in place, keeping its capitalisation and tense
(`responsible for training` → `trained`, `helped define` → `defined`,
`used X to build Y` → `built Y with X`, `was responsible for` → `owned`).
A gerund joined after the object becomes a verb too
(`responsible for hiring 6 interns and running 2 workshops` →
`hired 6 interns and ran 2 workshops`); when such a gerund may be a noun
(`… and reporting to the VP`), no rewrite turns the gerunds into verbs.
A gerund with an object is kept only by rewrites that end in `of` or `to`
(`took charge of tuning the ranker`), never as the object of another verb
(`owned managing 5 vendors`).
Every rewrite is unsafe: a stronger verb changes the claim the bullet makes
(`helped define` and `defined` are different statements), so only the author
can choose, and `check --fix` never applies them.
Inserted words are escaped for LaTeX documents.
A moved tool keeps its markup and link (`used [Go](https://go.dev) to cut
latency 40%` → `cut latency 40% with [Go](https://go.dev)`), and the clause it
moves behind keeps the signs glued to its last word (`40%`, `1M+`); when
emphasis or a command spans the words a rewrite would move or delete, that
rewrite is not offered.
"#,
};

/// What must follow a weak phrase for a lexicon row to apply.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Next {
    Any,
    Gerund,
    Verb,
    ToVerb,
    ObjectVerb,
    Causative,
    ToClause,
    Word(&'static str),
    Topic(Vec<&'static str>),
}

/// Whether the phrase's first word is a verb with tenses or the phrase is
/// fixed and takes an auxiliary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Verb,
    Adj,
}

/// One row of `data/weak_phrases.tsv`.
#[derive(Debug)]
struct Row {
    phrase: &'static str,
    kind: Kind,
    next: Next,
    rewrites: Vec<&'static str>,
}

/// A surface form of a phrase: its words and its tense.
#[derive(Debug)]
struct Form {
    words: Vec<String>,
    /// The lexicon phrase (lowercase, past form).
    phrase: &'static str,
    kind: Kind,
    tense: Tense,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tense {
    Past,
    /// Base form: `Work on`, `Help`.
    Base,
    /// Third person: `Works on`, `Helps`.
    Third,
}

struct Lexicon {
    rows: Vec<Row>,
    forms: Vec<Form>,
}

const DATA: &str = include_str!("../../data/weak_phrases.tsv");

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| parse_lexicon(DATA));

fn parse_lexicon(data: &'static str) -> Lexicon {
    let mut rows = Vec::new();
    for line in data.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&'static str> = line.split('\t').collect();
        let [phrase, kind, next, rewrites] = cols[..] else {
            continue;
        };
        let kind = if kind == "adj" { Kind::Adj } else { Kind::Verb };
        let next = match next {
            "*" => Next::Any,
            "gerund" => Next::Gerund,
            "verb" => Next::Verb,
            "to-verb" => Next::ToVerb,
            "object-verb" => Next::ObjectVerb,
            "causative" => Next::Causative,
            "to-clause" => Next::ToClause,
            other => {
                if let Some(w) = other.strip_prefix("word:") {
                    Next::Word(w)
                } else if let Some(list) = other.strip_prefix("topic:") {
                    Next::Topic(list.split(',').map(str::trim).collect())
                } else {
                    continue;
                }
            }
        };
        rows.push(Row {
            phrase,
            kind,
            next,
            rewrites: rewrites.split('|').map(str::trim).collect(),
        });
    }
    let mut forms: Vec<Form> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for row in &rows {
        if !seen.insert(row.phrase) {
            continue;
        }
        forms.extend(forms_of(row.phrase, row.kind));
    }
    // Longest forms first, so `assisted with` wins over `assisted`.
    forms.sort_by_key(|f| std::cmp::Reverse(f.words.len()));
    Lexicon { rows, forms }
}

fn forms_of(phrase: &'static str, kind: Kind) -> Vec<Form> {
    let words: Vec<String> = phrase.split_whitespace().map(str::to_string).collect();
    let mut out = vec![Form {
        words: words.clone(),
        phrase,
        kind,
        tense: Tense::Past,
    }];
    if kind == Kind::Adj {
        return out;
    }
    // The verb is the first word, except in `duties included`.
    let vi = usize::from(
        words
            .first()
            .is_some_and(|w| w == "duties" || w == "responsibilities"),
    );
    // `Do` and `Does` open questions and instructions far more often than
    // bullets: only `did` is recognised.
    let Some(base) = words
        .get(vi)
        .filter(|w| *w != "did")
        .and_then(|w| base_of_past(w))
    else {
        return out;
    };
    for (form, tense) in [
        (base.clone(), Tense::Base),
        (third_person(&base), Tense::Third),
    ] {
        let mut w = words.clone();
        w[vi] = form;
        out.push(Form {
            words: w,
            phrase,
            kind,
            tense,
        });
    }
    out
}

/// The strong verbs (base form) the lexicon suggests for a weak phrase in
/// general, for hover text and explanations: `responsible for` → `own`,
/// `manage`, `lead`, …; empty when the phrase is not in the lexicon. Accepts
/// any tense and case of the phrase (`Works on`, `was responsible for`).
pub fn stronger_verbs(phrase: &str) -> Vec<&'static str> {
    let lower = phrase.to_lowercase();
    let words: Vec<&str> = lower
        .split_whitespace()
        .skip_while(|w| AUXILIARIES.contains(w))
        .collect();
    let lex = &*LEXICON;
    let Some(form) = lex
        .forms
        .iter()
        .find(|f| f.words.iter().map(String::as_str).eq(words.iter().copied()))
    else {
        return Vec::new();
    };
    lex.rows
        .iter()
        .filter(|r| r.phrase == form.phrase && r.next == Next::Any)
        .flat_map(|r| r.rewrites.iter().copied())
        .collect()
}

/// Number of lexicon rows (phrase + context mappings).
#[cfg(test)]
fn lexicon_rows() -> usize {
    LEXICON.rows.len()
}

const AUXILIARIES: &[&str] = &[
    "was", "were", "am", "is", "are", "been", "be", "have", "has", "had",
];

/// Words that open a lead-in clause before the bullet's verb
/// (`During the audit, handled …`).
const LEAD_INS: &[&str] = &[
    "after",
    "across",
    "alongside",
    "amid",
    "as",
    "at",
    "before",
    "besides",
    "between",
    "beyond",
    "by",
    "despite",
    "during",
    "following",
    "for",
    "from",
    "given",
    "in",
    "inside",
    "once",
    "on",
    "over",
    "since",
    "through",
    "throughout",
    "to",
    "under",
    "until",
    "upon",
    "when",
    "whenever",
    "where",
    "while",
    "with",
    "within",
    "without",
    "working",
    "amidst",
    "per",
    "post",
    "pre",
    "later",
    "initially",
    "early",
    "first",
    "then",
    "previously",
    "subsequently",
    "together",
    "partnering",
    "reporting",
];

/// Whether a clause opening with `w` is a lead-in before the verb:
/// a preposition or conjunction (`During`, `As`), an adverb (`Weekly,`), or
/// a prefixed word (`Post-merger,`).
fn is_lead_in(w: &str) -> bool {
    LEAD_INS.contains(&w)
        || is_adverb(w)
        || ["post-", "pre-", "mid-"].iter().any(|p| w.starts_with(p))
}

/// Nouns that turn `help`/`use` into a compound noun (`help center`).
const NOUN_AFTER: &[(&str, &[&str])] = &[
    (
        "help",
        &[
            "desk", "center", "centre", "line", "page", "pages", "docs", "articles", "article",
            "text", "menu", "button", "ticket", "tickets",
        ],
    ),
    ("use", &["case", "cases"]),
    ("handle", &["time", "times", "rate"]),
];

/// A word of plain text.
#[derive(Clone, Debug)]
struct Tok {
    range: Range<usize>,
    lower: String,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '&' | '/' | '+' | '.')
}

/// Splits `text` into words; a word keeps inner hyphens and apostrophes
/// (`made-to-order` is one word) and loses trailing punctuation.
fn tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let push = |out: &mut Vec<Tok>, s: usize, e: usize| {
        let word = &text[s..e];
        let trimmed = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        let lead = word.len()
            - word
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        if trimmed.len() > lead {
            out.push(Tok {
                range: s + lead..s + trimmed.len(),
                lower: text[s + lead..s + trimmed.len()].to_lowercase(),
            });
        }
    };
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            push(&mut out, s, i);
        }
    }
    if let Some(s) = start {
        push(&mut out, s, text.len());
    }
    out
}

/// The text between two tokens (or before the first).
fn gap<'t>(text: &'t str, toks: &[Tok], i: usize) -> &'t str {
    let start = if i == 0 { 0 } else { toks[i - 1].range.end };
    let end = toks.get(i).map_or(text.len(), |t| t.range.start);
    text.get(start..end).unwrap_or("")
}

/// A plain-text rewrite step.
#[derive(Clone, Debug, PartialEq, Eq)]
enum PlainEdit {
    /// Replace a plain range with new words.
    Replace(Range<usize>, String),
    /// Remove the source behind a plain range as one span, markup and all;
    /// refused when the span would leave markup unbalanced.
    Remove(Range<usize>),
    /// Insert `before`, then the whole source behind plain range `from`
    /// (markup, escapes and links included), just after the plain byte
    /// before `at` and the markup closers that close what the text from
    /// plain offset `after` up to there opened.
    Copy {
        at: usize,
        after: usize,
        before: String,
        from: Range<usize>,
    },
}

/// A rewrite of a finding in plain-text terms.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Rewrite {
    /// The new opening words, for the title.
    label: String,
    edits: Vec<PlainEdit>,
}

/// A weak phrase found in plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Finding {
    /// Plain range of the phrase (auxiliary included).
    range: Range<usize>,
    /// The phrase as written.
    written: String,
    /// Whether it opens the bullet.
    opener: bool,
    rewrites: Vec<Rewrite>,
}

fn is_adverb(w: &str) -> bool {
    (w.len() > 4
        && w.ends_with("ly")
        && !matches!(w, "supply" | "apply" | "rely" | "fly" | "reply"))
        || matches!(w, "also" | "then" | "later")
}

/// Token indices where the bullet's main verb may start: the first word,
/// the first word of a later sentence, and the word after a lead-in clause.
fn verb_starts(text: &str, toks: &[Tok]) -> Vec<(usize, bool)> {
    let mut out = Vec::new();
    let mut clause_start = 0;
    for i in 0..toks.len() {
        let g = gap(text, toks, i);
        let sentence = i == 0
            || (g.contains(['.', '!', '?', ';'])
                && text[toks[i].range.clone()]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase));
        // `Payments revamp: handled …`: a short title before a colon.
        let titled = clause_start == 0
            && i <= 6
            && (g.contains(':') || g.contains(" — ") || g.contains(" – "))
            && !g.contains("//");
        if sentence || titled {
            out.push((i, i == 0 || titled));
            clause_start = i;
            continue;
        }
        if g.contains(',') && is_lead_in(&toks[clause_start].lower) && i - clause_start <= 12 {
            out.push((i, false));
            if is_lead_in(&toks[i].lower) {
                clause_start = i;
            }
        }
    }
    out
}

/// Finds weak phrases in the plain text of a bullet. `silenced` holds
/// lowercase lexicon phrases (or surface forms) the user turned off; `extra`
/// holds user phrases reported without rewrites.
fn find(text: &str, silenced: &[String], extra: &[String]) -> Vec<Finding> {
    let toks = tokens(text);
    let lex = &*LEXICON;
    let mut out = Vec::new();
    for (start, opener) in verb_starts(text, &toks) {
        if let Some(f) = match_at(text, &toks, start, opener, lex, silenced, extra) {
            if out
                .last()
                .is_none_or(|p: &Finding| p.range.end <= f.range.start)
            {
                out.push(f);
            }
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn match_at(
    text: &str,
    toks: &[Tok],
    start: usize,
    opener: bool,
    lex: &Lexicon,
    silenced: &[String],
    extra: &[String],
) -> Option<Finding> {
    let mut i = start;
    if opener && toks.get(i).is_some_and(|t| t.lower == "i") {
        i += 1;
    }
    let skip_adverbs = |i: &mut usize| {
        let mut n = 0;
        while n < 2 && toks.get(*i).is_some_and(|t| is_adverb(&t.lower)) {
            *i += 1;
            n += 1;
        }
    };
    skip_adverbs(&mut i);
    // Auxiliaries: `was`, `has been`, `is`.
    let mut aux: Option<(usize, Tense)> = None;
    let aux_start = i;
    while let Some(t) = toks.get(i) {
        let tense = match t.lower.as_str() {
            "was" | "were" | "had" => Tense::Past,
            "am" | "is" | "are" | "has" | "have" => Tense::Base,
            "been" | "be" => aux.map_or(Tense::Past, |(_, t)| t),
            _ => break,
        };
        aux = Some((aux_start, tense));
        i += 1;
        if i - aux_start > 2 {
            return None;
        }
    }
    skip_adverbs(&mut i);
    let head = i;
    // Longest matching form; an adverb may sit between its first two words
    // (`worked closely with`).
    for form in &lex.forms {
        let Some(end) = match_form(toks, head, &form.words) else {
            continue;
        };
        if aux.is_some() && form.kind == Kind::Verb {
            // `was used`, `has worked on`: passives and perfects are left alone.
            continue;
        }
        if form.kind == Kind::Adj && aux.is_none() && !(opener || head == start) {
            continue;
        }
        if silenced.iter().any(|s| {
            s == form.phrase
                || s.split_whitespace()
                    .eq(form.words.iter().map(String::as_str))
        }) {
            return None;
        }
        if !plausible(text, toks, head, end, form) {
            return None;
        }
        let from = aux.map_or(head, |(a, _)| a);
        let tense = aux.map_or(form.tense, |(_, t)| t);
        let range = toks[from].range.start..toks[end - 1].range.end;
        let rewrites = rewrites(text, toks, range.clone(), end, form, tense, lex);
        return Some(Finding {
            written: text[toks[head].range.start..toks[end - 1].range.end].to_string(),
            range,
            opener,
            rewrites,
        });
    }
    for phrase in extra {
        let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
        if let Some(end) = match_form(toks, head, &words) {
            let from = aux.map_or(head, |(a, _)| a);
            return Some(Finding {
                range: toks[from].range.start..toks[end - 1].range.end,
                written: text[toks[head].range.start..toks[end - 1].range.end].to_string(),
                opener,
                rewrites: Vec::new(),
            });
        }
    }
    None
}

/// Matches `words` at token `at`, allowing one adverb after the first word.
/// Returns the token index after the match.
fn match_form(toks: &[Tok], at: usize, words: &[String]) -> Option<usize> {
    let mut i = at;
    for (k, w) in words.iter().enumerate() {
        if k == 1
            && toks
                .get(i)
                .is_some_and(|t| is_adverb(&t.lower) && t.lower != *w)
        {
            i += 1;
        }
        if toks.get(i)?.lower != *w {
            return None;
        }
        i += 1;
    }
    Some(i)
}

/// Rejects matches where the words are not a weak verb: passives
/// (`used by`), compound nouns (`help center`), `made of`.
fn plausible(text: &str, toks: &[Tok], head: usize, end: usize, form: &Form) -> bool {
    let next = toks.get(end).map(|t| t.lower.as_str());
    let next_gap = gap(text, toks, end);
    let attached = !next_gap.contains([',', '.', ';', ':', '(', ')']);
    let first = form.words[0].as_str();
    if form.words.len() == 1 && attached {
        if next == Some("by")
            && matches!(
                first,
                "used" | "utilized" | "utilised" | "made" | "handled" | "helped" | "assisted"
            )
        {
            return false;
        }
        if first == "made" && matches!(next, Some("of" | "from" | "up" | "to" | "in")) {
            return false;
        }
        // `used to` + verb: a past habit, not the tool verb.
        if first == "used" && next == Some("to") {
            return false;
        }
        // `Use of`, `Help of`: nouns.
        if matches!(form.tense, Tense::Base) && next == Some("of") {
            return false;
        }
        if let Some((_, nouns)) = NOUN_AFTER.iter().find(|(w, _)| *w == toks[head].lower) {
            if next.is_some_and(|n| nouns.contains(&n)) {
                return false;
            }
        }
    }
    // A phrase that is the whole bullet is a heading, not a verb.
    end < toks.len()
}

/// Which lexicon row applies, with the number of following tokens its
/// rewrites replace and, for `object-verb`, the verb's token.
struct Applied<'r> {
    row: &'r Row,
    /// Token index of the verb the rewrite consumes or moves, if any.
    verb_tok: Option<usize>,
    /// Tokens after the phrase that `{verb}` rewrites replace.
    consumed: usize,
    /// For a gerund: the later gerunds joined to it that `{verb}` rewrites
    /// turn into verbs too, or `None` when one of them may be a noun, so a
    /// `{verb}` rewrite would leave it ungrammatical.
    joined: Option<Vec<usize>>,
}

fn choose_row<'r>(
    text: &str,
    toks: &[Tok],
    end: usize,
    form: &Form,
    lex: &'r Lexicon,
) -> Option<Applied<'r>> {
    let next = toks.get(end);
    let attached = |i: usize| !gap(text, toks, i).contains([',', '.', ';', ':', '(', ')']);
    // `designing and testing` is rewritten as a pair; longer lists are not.
    let coordinated = |i: usize| {
        let pair = toks
            .get(i + 1)
            .is_some_and(|t| matches!(t.lower.as_str(), "and" | "or"))
            && toks
                .get(i + 2)
                .is_some_and(|t| gerund_base(&t.lower).is_some());
        !pair
            && (toks
                .get(i + 1)
                .is_some_and(|t| matches!(t.lower.as_str(), "and" | "or" | "&"))
                || gap(text, toks, i + 1).contains(','))
    };
    for row in lex.rows.iter().filter(|r| r.phrase == form.phrase) {
        let applied = |verb_tok, consumed| {
            Some(Applied {
                row,
                verb_tok,
                consumed,
                joined: Some(Vec::new()),
            })
        };
        let hit = match &row.next {
            Next::Any => applied(None, 0),
            Next::Gerund => match next {
                Some(t)
                    if attached(end)
                        && gerund_base(&t.lower).is_some()
                        && !coordinated(end)
                        && takes_object(text, toks, end) =>
                {
                    Some(Applied {
                        row,
                        verb_tok: Some(end),
                        consumed: 1,
                        joined: joined_gerunds(text, toks, end),
                    })
                }
                _ => None,
            },
            Next::Verb => match next {
                Some(t) if attached(end) && is_bare_verb(&t.lower) => applied(Some(end), 1),
                _ => None,
            },
            Next::ToVerb => match (next, toks.get(end + 1)) {
                (Some(t), Some(v))
                    if t.lower == "to" && attached(end) && is_bare_verb(&v.lower) =>
                {
                    applied(Some(end + 1), 2)
                }
                _ => None,
            },
            Next::ObjectVerb | Next::Causative => (1..=4)
                .map(|k| end + k)
                .take_while(|&i| i < toks.len() && attached(i))
                .find(|&i| {
                    is_bare_verb(&toks[i].lower)
                        && !DETERMINERS.contains(&toks[i - 1].lower.as_str())
                        && toks[end..i]
                            .iter()
                            .all(|t| !is_bare_verb(&t.lower) && t.lower != "to")
                        && is_object_start(&toks[end].lower)
                        && (row.next == Next::ObjectVerb || compares(&toks[i + 1..]))
                })
                .and_then(|i| applied(Some(i), 0)),
            Next::ToClause => (end + 1..toks.len().min(end + 8))
                .take_while(|&i| attached(i))
                .find(|&i| {
                    toks[i].lower == "to"
                        && toks.get(i + 1).is_some_and(|v| is_bare_verb(&v.lower))
                        && attached(i + 1)
                })
                .and_then(|i| applied(Some(i + 1), 0)),
            Next::Word(w) => match next {
                Some(t) if attached(end) && t.lower == *w => applied(None, 1),
                _ => None,
            },
            Next::Topic(words) => (end..toks.len().min(end + 4))
                .take_while(|&i| attached(i))
                .find(|&i| {
                    let w = toks[i].lower.as_str();
                    words.contains(&w)
                })
                .and_then(|_| applied(None, 0)),
        };
        if hit.is_some() {
            return hit;
        }
    }
    None
}

const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "our", "their", "my", "its", "his", "her",
    "each", "every", "new", "your",
];

/// Whether a comparison follows within three words (`load 3x faster`,
/// `run more reliably`).
fn compares(after: &[Tok]) -> bool {
    after.iter().take(3).any(|t| {
        let w = t.lower.as_str();
        matches!(
            w,
            "more" | "less" | "faster" | "slower" | "easier" | "cheaper" | "safer"
        ) || (w.len() > 4 && w.ends_with("er") && !w.ends_with("eer"))
    })
}

/// The later gerunds of the clause joined to the gerund at `g` by `and`,
/// `or` or `&` after its object (`onboarding 4 hires and running 3 audits`),
/// with the gerunds listed before them after commas (`…, running 3 audits
/// and writing docs`): a rewrite that makes `g` a verb makes them verbs
/// too. Gerunds after one that belongs to a phrase inside the clause
/// (`cutting costs by renegotiating contracts and consolidating vendors`)
/// are that phrase's, and a gerund joined to another gerund is a noun
/// (`billing and coding`). `None` when a joined gerund takes no object
/// (`and onboarding`, `and reporting to the CFO`): it may be a noun, and
/// neither reading can be rewritten safely.
fn joined_gerunds(text: &str, toks: &[Tok], g: usize) -> Option<Vec<usize>> {
    let pair = toks
        .get(g + 1)
        .is_some_and(|t| matches!(t.lower.as_str(), "and" | "or"))
        && toks.get(g + 2).is_some_and(|t| is_gerund(&t.lower));
    let mut joined = Vec::new();
    let mut listed = Vec::new();
    // A gerund inside the clause that is not joined to `g` (`by
    // renegotiating`): gerunds joined after it may be its own.
    let mut nested = false;
    for i in g + if pair { 3 } else { 1 }..toks.len() {
        let before = gap(text, toks, i);
        if ends_clause(&before.replace(',', "")) {
            break;
        }
        if !is_gerund(&toks[i].lower) {
            continue;
        }
        let conj = toks[i - 1].lower.as_str();
        let joiner = if matches!(conj, "and" | "or") && !before.contains(',') {
            Some(i.checked_sub(2)?)
        } else if before.contains('&') {
            Some(i - 1)
        } else {
            None
        };
        match joiner {
            Some(j) if j > g && !toks[j].lower.ends_with("ing") => {
                if nested || !takes_verb_object(text, toks, i) {
                    return None;
                }
                joined.push(i);
            }
            // Joined to a gerund or a noun in `-ing`: a noun pair
            // (`billing and coding`).
            Some(_) => {}
            None if before.contains(',') => listed.push(i),
            None => nested = true,
        }
    }
    if let Some(&last) = joined.last() {
        for &i in listed.iter().filter(|&&i| i < last) {
            if !takes_verb_object(text, toks, i) {
                return None;
            }
            joined.push(i);
        }
    }
    joined.sort_unstable();
    Some(joined)
}

/// Whether the gerund at `g` is followed by an object that only a verb
/// takes: a determiner, a number or a plural (`running 3 audits`, `writing
/// the specs`, `hiring engineers`), not a noun it may modify (`staffing
/// plan`).
fn takes_verb_object(text: &str, toks: &[Tok], g: usize) -> bool {
    if !takes_object(text, toks, g) {
        return false;
    }
    let Some(w) = toks.get(g + 1).map(|t| t.lower.as_str()) else {
        return false;
    };
    DETERMINERS.contains(&w)
        || matches!(
            w,
            "all" | "both" | "several" | "multiple" | "many" | "it" | "them" | "two" | "three"
        )
        || w.starts_with(|c: char| c.is_ascii_digit())
        || (w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("is"))
}

/// Whether the gerund at `g` (or the pair `g and h`) reads as a verb with
/// an object (`training 14 cashiers`) rather than a noun (`messaging
/// across the line`, `onboarding.`): something follows it that is not a
/// preposition.
fn takes_object(text: &str, toks: &[Tok], g: usize) -> bool {
    let pair = toks
        .get(g + 1)
        .is_some_and(|t| matches!(t.lower.as_str(), "and" | "or"));
    let after = if pair { g + 3 } else { g + 1 };
    let Some(t) = toks.get(after) else {
        return false;
    };
    if gap(text, toks, after).contains([',', '.', ';', ':', '(', ')']) {
        return false;
    }
    !matches!(
        t.lower.as_str(),
        "across"
            | "for"
            | "of"
            | "in"
            | "on"
            | "at"
            | "with"
            | "within"
            | "to"
            | "from"
            | "by"
            | "during"
            | "through"
            | "throughout"
            | "under"
            | "over"
            | "among"
            | "between"
    )
}

/// Words that cannot open the object in `helped X verb`.
fn is_object_start(w: &str) -> bool {
    !matches!(
        w,
        "with" | "in" | "on" | "to" | "for" | "at" | "by" | "from" | "of"
    )
}

/// A bare (base-form) verb, excluding words that read as nouns or
/// determiners right after a weak phrase.
fn is_bare_verb(w: &str) -> bool {
    is_base_verb(w) && !matches!(w, "the" | "a" | "an" | "data" | "work")
}

fn inflect(base: &str, tense: Tense) -> String {
    match tense {
        Tense::Past => past_tense(base),
        Tense::Base => base.to_string(),
        Tense::Third => third_person(base),
    }
}

/// Gives `s` the capitalisation of `like`: all caps, capitalised, or lower.
fn match_case(s: &str, like: &str) -> String {
    let letters: Vec<char> = like.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return s.to_uppercase();
    }
    if like.chars().next().is_some_and(char::is_uppercase) {
        let mut c = s.chars();
        return c
            .next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default();
    }
    s.to_string()
}

fn rewrites(
    text: &str,
    toks: &[Tok],
    range: Range<usize>,
    end: usize,
    form: &Form,
    tense: Tense,
    lex: &Lexicon,
) -> Vec<Rewrite> {
    let Some(applied) = choose_row(text, toks, end, form, lex) else {
        return Vec::new();
    };
    let written = &text[range.clone()];
    let verb_base = applied.verb_tok.and_then(|i| {
        let w = &toks[i].lower;
        gerund_base(w).or_else(|| is_base_verb(w).then(|| w.clone()))
    });
    // A phrase that takes a gerund (`responsible for`, `worked on`) followed
    // by one used as a verb with an object (`managing 5 vendors`): a
    // rewrite must turn the gerund into the verb or end in a preposition
    // that takes it (`took charge of managing 5 vendors`); `owned managing
    // 5 vendors` is not English.
    let verbal_gerund = lex
        .rows
        .iter()
        .any(|r| r.phrase == form.phrase && r.next == Next::Gerund)
        && toks.get(end).is_some_and(|t| is_gerund(&t.lower))
        && !gap(text, toks, end).contains([',', '.', ';', ':', '(', ')'])
        && takes_object(text, toks, end);
    let mut out: Vec<Rewrite> = Vec::new();
    for template in &applied.row.rewrites {
        let rewrite = if *template == "{reorder}" {
            reorder(
                text,
                toks,
                range.clone(),
                applied.verb_tok,
                verb_base.as_deref(),
                tense,
            )
        } else {
            let uses_verb = template.contains("{verb}") || template.contains("{base}");
            if uses_verb && (verb_base.is_none() || applied.joined.is_none()) {
                continue;
            }
            if verbal_gerund
                && !uses_verb
                && !template.ends_with(" of")
                && !template.ends_with(" to")
            {
                continue;
            }
            let base = verb_base.clone().unwrap_or_default();
            let mut words = template.split_whitespace();
            let head = words.next().unwrap_or_default();
            let head = if head == "{verb}" {
                inflect(&base, tense)
            } else {
                inflect(head, tense)
            };
            let mut insert_to = false;
            let mut rest: Vec<String> = Vec::new();
            for w in words {
                match w {
                    "+to" => insert_to = true,
                    "{base}" => rest.push(base.clone()),
                    "{verb}" => rest.push(inflect(&base, tense)),
                    w => rest.push(w.to_string()),
                }
            }
            let new_words = std::iter::once(head)
                .chain(rest)
                .collect::<Vec<_>>()
                .join(" ");
            let new_words = match_case(&new_words, written);
            let replace_end =
                if uses_verb || applied.consumed > 0 && matches!(applied.row.next, Next::Word(_)) {
                    toks[end + applied.consumed - 1].range.end
                } else {
                    range.end
                };
            let mut edits = vec![PlainEdit::Replace(
                range.start..replace_end,
                new_words.clone(),
            )];
            // The second gerund of a pair: `designing and testing` → `designed and tested`.
            if uses_verb && matches!(applied.row.next, Next::Gerund) {
                let second = applied.verb_tok.map(|v| v + 2).and_then(|i| toks.get(i));
                let joined = applied
                    .verb_tok
                    .and_then(|v| toks.get(v + 1))
                    .is_some_and(|t| matches!(t.lower.as_str(), "and" | "or"));
                if let (true, Some(t)) = (joined, second) {
                    if let Some(b) = gerund_base(&t.lower) {
                        edits.push(PlainEdit::Replace(t.range.clone(), inflect(&b, tense)));
                    }
                }
                // Later gerunds joined to it: `… and running 3 audits` → `… and ran 3 audits`.
                for &i in applied.joined.iter().flatten() {
                    if let Some(b) = gerund_base(&toks[i].lower) {
                        edits.push(PlainEdit::Replace(
                            toks[i].range.clone(),
                            inflect(&b, tense),
                        ));
                    }
                }
            }
            if insert_to {
                let Some(v) = applied.verb_tok else { continue };
                let at = toks[v].range.start;
                edits.push(PlainEdit::Replace(at..at, "to ".to_string()));
            }
            Some(Rewrite {
                label: new_words,
                edits,
            })
        };
        if let Some(r) = rewrite {
            if !out.iter().any(|o| o.label == r.label) {
                out.push(r);
            }
        }
        if out.len() == 5 {
            break;
        }
    }
    out
}

/// `Used Go to build a gateway` → `Built a gateway with Go`.
fn reorder(
    text: &str,
    toks: &[Tok],
    range: Range<usize>,
    verb_tok: Option<usize>,
    verb_base: Option<&str>,
    tense: Tense,
) -> Option<Rewrite> {
    let v = verb_tok?;
    let base = verb_base?;
    // `to` sits just before the verb; the tool is everything from the
    // phrase to it, punctuation included (`.NET`, `"Go"`).
    let to = toks.get(v.checked_sub(1)?)?;
    let between = text.get(range.end..to.range.start)?;
    let tool_start = range.end + (between.len() - between.trim_start().len());
    let tool_text = between.trim();
    if tool_text.is_empty() {
        return None;
    }
    let tool = tool_start..tool_start + tool_text.len();
    // The verb's object runs to the end of the clause.
    let mut last = v;
    while last + 1 < toks.len() && !ends_clause(gap(text, toks, last + 1)) {
        last += 1;
    }
    let verb_end = toks[v].range.end;
    let clause_end = clause_tail(text, verb_end, toks[last].range.end);
    let new_verb = match_case(&inflect(base, tense), &text[range.clone()]);
    let label = format!("{new_verb} … with {tool_text}");
    Some(Rewrite {
        label,
        edits: vec![
            PlainEdit::Replace(range.clone(), new_verb),
            PlainEdit::Remove(range.end..verb_end),
            PlainEdit::Copy {
                at: clause_end,
                after: verb_end,
                before: " with ".to_string(),
                from: tool,
            },
        ],
    })
}

/// Whether the text between two words ends the clause they are in.
fn ends_clause(gap: &str) -> bool {
    gap.contains([',', ';', '.', ':', '!', '?', '(', ')', '[', ']', '—', '…'])
        || gap.contains(" – ")
        || gap.contains(" - ")
}

/// Where a clause whose last word ends at `end` really ends: after the
/// signs glued to that word that belong to it (`40%`, `1M+`, `99.9%+`,
/// a closing quote opened in the clause), before sentence punctuation.
/// `from` is where the clause starts.
fn clause_tail(text: &str, from: usize, mut end: usize) -> usize {
    for c in text[end..].chars() {
        let clause = &text[from..end];
        let keep = match c {
            c if c.is_whitespace() => false,
            '.' | ',' | ';' | ':' | '!' | '?' | '…' | '(' | ')' | '[' | ']' | '{' | '}' | '<'
            | '>' | '—' | '–' => false,
            '"' => clause.matches('"').count() % 2 == 1,
            '”' => clause.matches('“').count() > clause.matches('”').count(),
            '»' => clause.matches('«').count() > clause.matches('»').count(),
            _ => true,
        };
        if !keep {
            break;
        }
        end += c.len_utf8();
    }
    end
}

/// The message for `f`, whose example rewrites are the `offered` ones.
fn message(f: &Finding, offered: &[&Rewrite]) -> String {
    let what = if f.opener { "weak opener" } else { "weak verb" };
    let mut examples: Vec<String> = offered
        .iter()
        .filter(|r| !r.label.contains('…'))
        .take(3)
        .map(|r| format!("`{}`", r.label))
        .collect();
    if examples.is_empty() {
        examples = stronger_verbs(&f.written)
            .iter()
            .take(3)
            .map(|v| format!("`{}`", match_case(&past_tense(v), "X")))
            .collect();
    }
    if examples.is_empty() {
        format!(
            "{what} `{}`: lead with a strong verb that says what you did — then add the result",
            f.written
        )
    } else {
        format!(
            "{what} `{}`: lead with what you did, e.g. {} — then add the result",
            f.written,
            examples.join(", ")
        )
    }
}

/// Turns plain edits on `text` into source edits, or `None` when a range
/// does not map cleanly.
fn source_edits(
    text: &Text,
    source: &SourceReads<'_>,
    format: Format,
    edits: &[PlainEdit],
) -> Option<Vec<Edit>> {
    let mut out = Vec::new();
    for e in edits {
        match e {
            PlainEdit::Replace(r, new) => {
                out.extend(replace_keeping_markup(
                    text,
                    source,
                    r.clone(),
                    &escape_for(format, new),
                )?);
            }
            PlainEdit::Remove(r) => {
                let span = removable_span(r.clone(), text, source, format)?;
                out.push(Edit {
                    range: span,
                    new_text: String::new(),
                });
            }
            PlainEdit::Copy {
                at,
                after,
                before,
                from,
            } => {
                // The source between the neighbours of `from`, so markup
                // around the copied words (`*dbt*`, `\textbf{Excel}`,
                // `[Go](https://go.dev)`) comes along whole.
                let start = match from.start.checked_sub(1) {
                    Some(p) => text.source_range(p..from.start)?.end,
                    None => text.source_range(from.clone())?.start,
                };
                let end = if from.end < text.len() {
                    text.source_range(from.end..from.end + 1)?.start
                } else {
                    text.source_range(from.clone())?.end
                };
                let raw = source.get(start..end.max(start))?;
                let lead = raw.len() - raw.trim_start().len();
                let copied = raw.trim();
                let span = start + lead..start + lead + copied.len();
                if copied.is_empty() || !balanced(&marks(text, source, format, span)?) {
                    return None;
                }
                let at = insertion_point(text, source, format, *after, *at)?;
                out.push(Edit {
                    range: at..at,
                    new_text: format!("{}{copied}", escape_for(format, before)),
                });
            }
        }
    }
    // Edits must not overlap.
    let mut sorted: Vec<&Edit> = out.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    if sorted.windows(2).any(|w| w[0].range.end > w[1].range.start) {
        return None;
    }
    Some(out)
}

/// The source span to delete for plain range `r`, markup inside it
/// included: from the source of its first byte (or just after the byte
/// before it) to the source of its last byte (or up to the byte after it),
/// whichever first leaves the markup in the span balanced; `None` when no
/// choice does (the span cuts through emphasis, a command or a link).
fn removable_span(
    r: Range<usize>,
    text: &Text,
    source: &SourceReads<'_>,
    format: Format,
) -> Option<Range<usize>> {
    if r.is_empty() {
        return None;
    }
    let mut starts = vec![text.source_offset(r.start)?];
    if r.start > 0 {
        starts.push(text.source_range(r.start - 1..r.start)?.end);
    }
    let mut ends = vec![text.source_range(r.end - 1..r.end)?.end];
    if r.end < text.len() {
        ends.push(text.source_offset(r.end)?);
    }
    for &s in &starts {
        for &e in &ends {
            if s < e && balanced(&marks(text, source, format, s..e)?) {
                return Some(s..e);
            }
        }
    }
    None
}

/// Where to insert text after the plain byte before `at`: just after its
/// source, then past the markup closers that close what the source from
/// plain offset `from` up to there opened (`\textbf{1M+}`, `**40%**`,
/// `[docs](https://x.io)`), so the insertion lands after that markup and
/// inside any markup opened before `from` (the bullet's own `\resumeItem{`).
fn insertion_point(
    text: &Text,
    source: &SourceReads<'_>,
    format: Format,
    from: usize,
    at: usize,
) -> Option<usize> {
    let mut pos = text.source_range(at.checked_sub(1)?..at)?.end;
    let start = text.source_offset(from.min(at - 1))?;
    let mut open: Vec<Mark> = Vec::new();
    for m in marks(text, source, format, start..pos)? {
        match m {
            Mark::Close(k) => {
                if let Some(i) = open.iter().rposition(|o| o.closes_with(&k)) {
                    open.truncate(i);
                }
            }
            Mark::Delim(c, n, can_open, can_close) => {
                let top = open.last();
                if can_close && top == Some(&Mark::Delim(c, n, true, false)) {
                    open.pop();
                } else if can_open {
                    open.push(Mark::Delim(c, n, true, false));
                }
            }
            Mark::Toggle(k) => {
                if open.last() == Some(&Mark::Toggle(k.clone())) {
                    open.pop();
                } else {
                    open.push(Mark::Toggle(k));
                }
            }
            m @ Mark::Open(_) => open.push(m),
        }
    }
    let limit = if at < text.len() {
        text.source_offset(at)?
    } else {
        usize::MAX
    };
    while let Some(top) = open.pop() {
        let Some(len) = closer_len(source, format, &top, pos) else {
            break;
        };
        if pos + len > limit {
            break;
        }
        pos += len;
    }
    Some(pos)
}

/// The length of the source at `pos` that closes `open`, if it does.
fn closer_len(source: &SourceReads<'_>, format: Format, open: &Mark, pos: usize) -> Option<usize> {
    let exact = |s: &str| source.is(pos..pos + s.len(), s).then_some(s.len());
    match (format, open) {
        (Format::Latex, Mark::Open(k)) if k == "{" => exact("}"),
        (Format::Latex, Mark::Open(k)) if k == "[" => exact("]"),
        (Format::Markdown, Mark::Open(k)) if k == "[" => {
            exact("]")?;
            // `](destination)`, with balanced parentheses inside.
            if source.char_after(pos + 1)? != Some('(') {
                return Some(1);
            }
            let mut depth = 0usize;
            let mut i = pos + 1;
            while i < pos + 4096 {
                let c = source.char_after(i)??;
                i += c.len_utf8();
                match c {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i - pos);
                        }
                    }
                    '\n' => return None,
                    _ => {}
                }
            }
            None
        }
        (Format::Markdown, Mark::Open(k)) if k == "<" => exact(">"),
        (Format::Markdown, Mark::Open(k)) => {
            let tag = k.strip_prefix('<')?;
            let close = format!("</{tag}>");
            source
                .get(pos..pos + close.len())
                .filter(|s| s.eq_ignore_ascii_case(&close))
                .map(str::len)
        }
        (_, Mark::Toggle(k)) => exact(k),
        (Format::Markdown, Mark::Delim(c, n, _, _)) => {
            let run = c.to_string().repeat(*n);
            exact(&run)?;
            (source.char_after(pos + n)? != Some(*c)).then_some(*n)
        }
        _ => None,
    }
}

/// A piece of markup that matters for balance.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Mark {
    /// `{`, `[`, `\begin` (`env`), `<b>` (`<b`), `<` of an autolink.
    Open(String),
    /// The closer of the opener of that key.
    Close(String),
    /// A delimiter that opens and closes alike: `$`, a backtick run.
    Toggle(String),
    /// A Markdown emphasis run: character, length, whether it can open and
    /// whether it can close.
    Delim(char, usize, bool, bool),
}

impl Mark {
    fn closes_with(&self, key: &str) -> bool {
        matches!(self, Mark::Open(k) if k == key)
    }
}

/// The markup in source span `span`: the parts no plain byte of `text`
/// comes from, read as openers and closers.
fn marks(
    text: &Text,
    source: &SourceReads<'_>,
    format: Format,
    span: Range<usize>,
) -> Option<Vec<Mark>> {
    let s = source.get(span.clone())?;
    // Markup pieces, relative to the span.
    let mut pieces: Vec<Range<usize>> = Vec::new();
    let mut at = span.start;
    for seg in text.segments() {
        if seg.src.end <= at {
            continue;
        }
        if seg.src.start >= span.end {
            break;
        }
        if seg.src.start > at {
            pieces.push(at - span.start..seg.src.start - span.start);
        }
        at = at.max(seg.src.end);
    }
    if at < span.end {
        pieces.push(at - span.start..span.end - span.start);
    }
    let mut out = Vec::new();
    for p in pieces {
        let piece = s.get(p.clone())?;
        match format {
            Format::Latex => latex_marks(piece, &mut out),
            Format::Markdown => markdown_marks(s, p, &mut out),
        }
    }
    Some(out)
}

fn latex_marks(piece: &str, out: &mut Vec<Mark>) {
    let mut chars = piece.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                let name: String = piece[i + 1..]
                    .chars()
                    .take_while(char::is_ascii_alphabetic)
                    .collect();
                match name.as_str() {
                    "" => {
                        chars.next();
                    }
                    "begin" => out.push(Mark::Open("env".into())),
                    "end" => out.push(Mark::Close("env".into())),
                    _ => {}
                }
                for _ in 0..name.len() {
                    chars.next();
                }
            }
            '{' => out.push(Mark::Open("{".into())),
            '}' => out.push(Mark::Close("{".into())),
            '[' => out.push(Mark::Open("[".into())),
            ']' => out.push(Mark::Close("[".into())),
            '$' => out.push(Mark::Toggle("$".into())),
            '%' => while chars.next_if(|&(_, c)| c != '\n').is_some() {},
            _ => {}
        }
    }
}

/// Markdown markup in `s[p]`; the characters of `s` around the piece tell
/// whether an emphasis run opens or closes.
fn markdown_marks(s: &str, p: Range<usize>, out: &mut Vec<Mark>) {
    let piece = &s[p.clone()];
    let mut i = 0;
    while let Some(c) = piece[i..].chars().next() {
        match c {
            '[' => {
                out.push(Mark::Open("[".into()));
                i += 1;
            }
            ']' => {
                out.push(Mark::Close("[".into()));
                i += 1;
                // The destination of a link is not markup to balance.
                if piece[i..].starts_with('(') {
                    let mut depth = 0usize;
                    for (k, c) in piece[i..].char_indices() {
                        match c {
                            '(' => depth += 1,
                            ')' => {
                                depth -= 1;
                                if depth == 0 {
                                    i += k + 1;
                                    break;
                                }
                            }
                            _ => {}
                        }
                    }
                    if depth > 0 {
                        out.push(Mark::Open("(".into()));
                        i = piece.len();
                    }
                }
            }
            '<' => match piece[i..].find('>') {
                Some(k) => {
                    let tag = &piece[i + 1..i + k];
                    if let Some(name) = tag.strip_prefix('/') {
                        out.push(Mark::Close(format!("<{}", name.trim().to_lowercase())));
                    } else if !tag.ends_with('/') {
                        let name: String = tag
                            .chars()
                            .take_while(char::is_ascii_alphanumeric)
                            .collect();
                        out.push(Mark::Open(format!("<{}", name.to_lowercase())));
                    }
                    i += k + 1;
                }
                None => {
                    out.push(Mark::Open("<".into()));
                    i += 1;
                }
            },
            '>' => {
                out.push(Mark::Close("<".into()));
                i += 1;
            }
            '*' | '_' | '~' | '`' => {
                let n = piece[i..].chars().take_while(|&d| d == c).count();
                if c == '`' {
                    out.push(Mark::Toggle("`".repeat(n)));
                } else {
                    let before = s[..p.start + i].chars().next_back();
                    let after = s[p.start + i + n..].chars().next();
                    let solid = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace());
                    out.push(Mark::Delim(c, n, solid(after), solid(before)));
                }
                i += n;
            }
            c => i += c.len_utf8(),
        }
    }
}

/// Whether every opener in `marks` is closed, in order, inside them.
fn balanced(marks: &[Mark]) -> bool {
    let mut open: Vec<&Mark> = Vec::new();
    for m in marks {
        match m {
            Mark::Open(_) => open.push(m),
            Mark::Close(k) => {
                if !open.pop().is_some_and(|o| o.closes_with(k)) {
                    return false;
                }
            }
            Mark::Toggle(_) => {
                if open.last() == Some(&m) {
                    open.pop();
                } else {
                    open.push(m);
                }
            }
            Mark::Delim(c, n, can_open, can_close) => {
                let closes = *can_close
                    && matches!(open.last(), Some(Mark::Delim(d, k, _, _)) if d == c && k == n);
                if closes {
                    open.pop();
                } else if *can_open {
                    open.push(m);
                } else {
                    return false;
                }
            }
        }
    }
    open.is_empty()
}

/// Source edits that replace plain range `r` with `new`, leaving markup
/// around or between its words in place: the first run of words whose
/// source is contiguous is replaced, later words are deleted together with
/// the space before them and any emphasis or command that held only them.
/// When the first run is plain and one later word is all that an emphasis
/// or command holds (`Helped \textbf{reduce}`), the new words go inside
/// that markup instead (`\textbf{Reduced}`), so the emphasis is kept.
fn replace_keeping_markup(
    text: &Text,
    source: &SourceReads<'_>,
    r: Range<usize>,
    new: &str,
) -> Option<Vec<Edit>> {
    let src = text.source_range(r.clone())?;
    let plain = text.as_str().get(r.clone())?;
    if source.get(src.clone())? == plain || r.is_empty() {
        return Some(vec![Edit {
            range: src,
            new_text: new.to_string(),
        }]);
    }
    // Words of the plain range with their source ranges.
    let mut words: Vec<Range<usize>> = Vec::new();
    for t in tokens(plain) {
        let pr = r.start + t.range.start..r.start + t.range.end;
        words.push(text.source_range(pr)?);
    }
    let first = words.first().cloned()?;
    // The first group: words whose source is contiguous with plain spaces.
    let mut group_end = first.end;
    let mut k = 1;
    while k < words.len() {
        let between = source.get(group_end..words[k].start)?;
        if !between.chars().all(char::is_whitespace) {
            break;
        }
        group_end = words[k].end;
        k += 1;
    }
    // The source span of the markup that holds only `w`, widened from it.
    let wrapper = |w: &Range<usize>| -> Option<Range<usize>> {
        let mut del = w.clone();
        loop {
            let before = source.char_before(del.start)?;
            let after = source.char_after(del.end)?;
            match (before, after) {
                (Some(b @ ('*' | '_')), Some(a)) if a == b => {
                    del = del.start - 1..del.end + 1;
                }
                (Some('{'), Some('}')) => {
                    let (name, before_name) = source.letters_before(del.start - 1)?;
                    if before_name == Some('\\') && name < del.start - 1 {
                        del = name - 1..del.end + 1;
                    } else {
                        del = del.start - 1..del.end + 1;
                    }
                }
                _ => break,
            }
        }
        Some(del)
    };
    if k + 1 == words.len() {
        let last = &words[k];
        let held = wrapper(last)?;
        let first_plain = wrapper(&(first.start..group_end))? == (first.start..group_end);
        if held != *last && first_plain {
            return Some(vec![
                Edit {
                    range: first.start..held.start,
                    new_text: String::new(),
                },
                Edit {
                    range: last.clone(),
                    new_text: new.to_string(),
                },
            ]);
        }
    }
    let mut edits = vec![Edit {
        range: first.start..group_end,
        new_text: new.to_string(),
    }];
    for w in &words[k..] {
        // Widen over markup that holds only this word: `*x*`, `**x**`, `\textbf{x}`.
        let mut del = wrapper(w)?;
        if source.char_before(del.start)? == Some(' ') {
            del.start -= 1;
        }
        if del.start < group_end {
            return None;
        }
        edits.push(Edit {
            range: del,
            new_text: String::new(),
        });
    }
    Some(edits)
}

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let (silenced, extra) = config_lists(ctx.config);
    let tag = ctx.resume.format as u8;
    let mut key = PlacedKey::new(tag);
    for b in ctx.resume.bullets() {
        if !b.is_achievement() {
            continue;
        }
        // The findings depend on the bullet's text and source map and on the
        // source its fixes read: kept by those, moved to where the bullet is.
        key.reset(tag);
        key.text(&b.bullet.text);
        ctx.memo
            .placed("weak-verb-bullets", &key, ctx.source, out, |reads| {
                check_bullet(ctx, &b.bullet.text, reads, &silenced, &extra)
            });
    }
}

fn check_bullet(
    ctx: &Context<'_>,
    text: &Text,
    source: &SourceReads<'_>,
    silenced: &[String],
    extra: &[String],
) -> Vec<Diagnostic> {
    let format = ctx.resume.format;
    let text = text.collapse_whitespace();
    let plain = text.as_str();
    let found = ctx
        .memo
        .get("weak-phrases", plain, || find(plain, silenced, extra));
    let mut out = Vec::new();
    // The bullet's source, which every rewrite is checked against.
    let span = text.source_span();
    for f in found {
        let Some(range) = text.source_range(f.range.clone()) else {
            continue;
        };
        let (offered, fixes): (Vec<&Rewrite>, Vec<Fix>) = f
            .rewrites
            .iter()
            .filter_map(|r| {
                let edits = source_edits(&text, source, format, &r.edits)?;
                let whole = span_with(span.clone()?, &edits);
                if !edits_read_well(format, whole.start, source.get(whole)?, &edits) {
                    return None;
                }
                let fix = Fix {
                    title: format!("Rewrite `{}` as `{}`", f.written, r.label),
                    edits,
                    applicability: Applicability::Unsafe,
                };
                Some((r, fix))
            })
            .unzip();
        out.push(META.diagnostic_with_fixes(range, message(&f, &offered), fixes));
    }
    out
}

fn config_lists(config: &Config) -> (Vec<String>, Vec<String>) {
    let lower = |v: &[String]| {
        v.iter()
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty())
            .collect()
    };
    (
        lower(&config.weak_verbs.remove),
        lower(&config.weak_verbs.add),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::check_spans;

    fn spans(text: &str) -> Vec<Range<usize>> {
        find(text, &[], &[]).into_iter().map(|f| f.range).collect()
    }

    /// The first rewrite applied to the plain text.
    fn first_rewrite(text: &str) -> String {
        let f = find(text, &[], &[]).into_iter().next().expect("a finding");
        let r = f.rewrites.first().expect("a rewrite");
        apply_plain(text, &r.edits)
    }

    fn all_rewrites(text: &str) -> Vec<String> {
        let f = find(text, &[], &[]).into_iter().next().expect("a finding");
        f.rewrites
            .iter()
            .map(|r| apply_plain(text, &r.edits))
            .collect()
    }

    fn apply_plain(text: &str, edits: &[PlainEdit]) -> String {
        let mut edits: Vec<(Range<usize>, String)> = edits
            .iter()
            .map(|e| match e {
                PlainEdit::Replace(r, s) => (r.clone(), s.clone()),
                PlainEdit::Remove(r) => (r.clone(), String::new()),
                PlainEdit::Copy {
                    at, before, from, ..
                } => (*at..*at, format!("{before}{}", &text[from.clone()])),
            })
            .collect();
        edits.sort_by_key(|e| std::cmp::Reverse(e.0.start));
        let mut s = text.to_string();
        for (r, new) in edits {
            s.replace_range(r, &new);
        }
        s
    }

    #[test]
    fn lexicon_is_large_and_well_formed() {
        assert!(lexicon_rows() >= 60, "{} rows", lexicon_rows());
        for row in &LEXICON.rows {
            assert!(
                (2..=5).contains(&row.rewrites.len()),
                "`{}` {:?} has {} rewrites",
                row.phrase,
                row.next,
                row.rewrites.len()
            );
        }
        // Every phrase has a fallback row.
        for row in &LEXICON.rows {
            assert!(
                LEXICON
                    .rows
                    .iter()
                    .any(|r| r.phrase == row.phrase && r.next == Next::Any),
                "`{}` has no `*` row",
                row.phrase
            );
        }
    }

    #[test]
    fn weak_openers_are_found() {
        check_spans(
            spans,
            r"
            Responsible for the quarterly close
            ^^^^^^^^^^^^^^^
            Worked on a billing service in Rust
            ^^^^^^^^^
            Worked closely with finance on the annual plan
            ^^^^^^^^^^^^^^^^^^^
            Helped design the new checkout flow
            ^^^^^^
            Assisted with the migration to Postgres
            ^^^^^^^^^^^^^
            Utilized Terraform to provision staging
            ^^^^^^^^
            Did code reviews for the mobile team
            ^^^
            Made a scheduling tool for nurses
            ^^^^
            Duties included payroll and invoicing
            ^^^^^^^^^^^^^^^
            Was responsible for the vendor contracts
            ^^^^^^^^^^^^^^^^^^^
            Was actively involved in hiring
            ^^^^^^^^^^^^^^^^^^^^^^^^
            Actively participated in design reviews
                     ^^^^^^^^^^^^^^^
            Handle inbound calls for the clinic
            ^^^^^^
            Works with sales on renewal pricing
            ^^^^^^^^^^
            I worked on the data platform
              ^^^^^^^^^
            Was heavily involved with vendor selection
            ^^^^^^^^^^^^^^^^^^^^^^^^^
            Responsibilities include triage and on-call
            ^^^^^^^^^^^^^^^^^^^^^^^^
            Took part in a 48-hour hackathon
            ^^^^^^^^^^^^
            ",
        );
    }

    #[test]
    fn weak_verbs_after_a_lead_in_clause_are_found() {
        check_spans(
            spans,
            r"
            During the spring audit, handled document requests from examiners
                                     ^^^^^^^
            As club treasurer, was responsible for dues collection
                               ^^^^^^^^^^^^^^^^^^^
            With two interns, made a prototype of the kiosk
                              ^^^^
            In 2022, during the rollout, assisted in training store staff
                                         ^^^^^^^^^^^
            Shipped the billing export. Used Kafka for the event bus
                                        ^^^^
            Weekly, did inventory counts for 3 stores
                    ^^^
            Post-merger, worked with HR on payroll
                         ^^^^^^^^^^^
            Payments revamp — handled the vendor audit
                              ^^^^^^^
            Payments revamp: Worked on the refund flow
                             ^^^^^^^^^
            ",
        );
    }

    #[test]
    fn other_uses_of_the_words_are_not_weak_verbs() {
        check_spans(
            spans,
            r"
            Built a lint tool used by 40 teams across the company
            Wrote a report that finance used for forecasting
            Mentored students who worked on the robotics entry
            Led 4 squads responsible for search and discovery
            Sold used bikes at a weekend market
            Scaled made-to-order production for a bakery
            Automated invoice matching using Python
            Rebuilt the help center search in Elasticsearch
            Staffed the helpdesk for a 300-person office
            Used by 12 clinics to book appointments
            Help desk support for 3 offices
            Use of Terraform cut setup time 40%
            Handle time fell 20% after the macro rollout
            Used to lead the weekly standup
            Use cases for the pricing engine were documented
            Shipped offline mode, used daily by field staff
            Responsible for
            Designed and made a set of onboarding guides
            ",
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            " ",
            "Used",
            "Used to",
            "Helped 的 team",
            "Responsible for —",
            "Was was was responsible for it",
            "Used (Go) to build",
            "Used Go to",
            "Helped, helped, helped",
            "Made-",
            "I",
            "Assisted in",
            "¿Used Go to build it?",
            "Worked on 🚀 launch",
        ] {
            for f in find(text, &[], &[]) {
                assert!(text.get(f.range.clone()).is_some(), "{text}");
                for r in &f.rewrites {
                    let _ = apply_plain(text, &r.edits);
                }
            }
        }
    }

    #[test]
    fn gerunds_become_past_tense_verbs() {
        assert_eq!(
            first_rewrite("Responsible for training new cashiers"),
            "Trained new cashiers"
        );
        assert_eq!(
            first_rewrite("Responsible for leading standups"),
            "Led standups"
        );
        assert_eq!(
            first_rewrite("Responsible for building the CI"),
            "Built the CI"
        );
        assert_eq!(
            first_rewrite("Responsible for running the lab"),
            "Ran the lab"
        );
        assert_eq!(
            first_rewrite("Responsible for writing the specs"),
            "Wrote the specs"
        );
        assert_eq!(
            first_rewrite("Responsible for making the menus"),
            "Made the menus"
        );
        assert_eq!(
            first_rewrite("Responsible for teaching algebra"),
            "Taught algebra"
        );
        assert_eq!(
            first_rewrite("Responsible for planning sprints"),
            "Planned sprints"
        );
        assert_eq!(
            first_rewrite("Responsible for managing vendors"),
            "Managed vendors"
        );
        assert_eq!(
            first_rewrite("Responsible for deploying releases"),
            "Deployed releases"
        );
        assert_eq!(
            first_rewrite("Responsible for copying records"),
            "Copied records"
        );
        assert_eq!(
            first_rewrite("Was responsible for onboarding hires"),
            "Onboarded hires"
        );
        assert_eq!(
            first_rewrite("Tasked with rewriting the parser"),
            "Rewrote the parser"
        );
        assert_eq!(
            first_rewrite("Assisted in running focus groups"),
            "Ran focus groups"
        );
        assert_eq!(
            first_rewrite("After the merger, worked on merging two ledgers"),
            "After the merger, merged two ledgers"
        );
    }

    #[test]
    fn noun_gerunds_are_not_rewritten_as_verbs() {
        assert_eq!(
            first_rewrite("Responsible for positioning and messaging across the product line"),
            "Owned positioning and messaging across the product line"
        );
        assert_eq!(
            first_rewrite("Responsible for onboarding for 3 teams"),
            "Led onboarding for 3 teams"
        );
    }

    #[test]
    fn coordinated_gerunds_keep_the_phrase_rewrite() {
        assert_eq!(
            first_rewrite("Responsible for designing and testing the API"),
            "Designed and tested the API"
        );
        assert_eq!(
            first_rewrite("Responsible for designing, testing, and shipping it"),
            "Owned designing, testing, and shipping it"
        );
    }

    #[test]
    fn helped_with_a_verb_drops_helped() {
        assert_eq!(first_rewrite("Helped design the logo"), "Designed the logo");
        assert_eq!(
            first_rewrite("Helped the ops group roll out alerts"),
            "Enabled the ops group to roll out alerts"
        );
        assert_eq!(first_rewrite("Helped to cut costs"), "Cut costs");
        assert_eq!(first_rewrite("helped write the grant"), "wrote the grant");
        assert_eq!(
            all_rewrites("Helped tutors plan lessons"),
            vec![
                "Enabled tutors to plan lessons",
                "Coached tutors to plan lessons",
                "Guided tutors to plan lessons"
            ]
        );
    }

    #[test]
    fn used_x_to_y_is_rewritten_around_y() {
        assert_eq!(
            first_rewrite("Used Go and gRPC to build a metrics gateway"),
            "Built a metrics gateway with Go and gRPC"
        );
        assert_eq!(
            first_rewrite("Utilized dbt to model the sales data, saving hours"),
            "Modeled the sales data with dbt, saving hours"
        );
        let all = all_rewrites("Used Go to build a gateway");
        assert_eq!(all[1], "Applied Go to build a gateway");
        assert!(all.len() >= 3 && all.len() <= 5);
    }

    #[test]
    fn tense_and_case_are_kept() {
        assert_eq!(
            first_rewrite("Handle payroll for 40 staff"),
            "Process payroll for 40 staff"
        );
        assert_eq!(
            first_rewrite("Handles payroll for 40 staff"),
            "Processes payroll for 40 staff"
        );
        assert_eq!(
            first_rewrite("Is responsible for the budget"),
            "Manage the budget"
        );
        assert_eq!(first_rewrite("MADE the slides"), "DESIGNED the slides");
        assert_eq!(
            first_rewrite("Made sure every invoice matched"),
            "Ensured every invoice matched"
        );
        assert_eq!(
            first_rewrite("Made the search page load 3x faster"),
            "Enabled the search page to load 3x faster"
        );
        assert_eq!(
            first_rewrite("Made a plan for 3 sites"),
            "Built a plan for 3 sites"
        );
        assert_eq!(
            first_rewrite("Worked with legal on the privacy policy"),
            "Partnered with legal on the privacy policy"
        );
    }

    #[test]
    fn every_finding_offers_two_to_five_rewrites() {
        for text in [
            "Worked on the search team to improve ranking",
            "Responsible for a regional budget",
            "Assisted 30 customers per shift",
            "Participated in a regional hackathon",
            "Involved in requirements gathering",
            "Did weekly inventory counts",
            "Handled cash deposits",
            "Made wireframes for the app",
            "Duties included grading and tutoring",
        ] {
            let n = all_rewrites(text).len();
            assert!((2..=5).contains(&n), "{text}: {n} rewrites");
        }
    }

    #[test]
    fn stronger_verbs_are_listed_for_any_tense() {
        assert_eq!(stronger_verbs("Responsible for")[..2], ["own", "manage"]);
        assert_eq!(
            stronger_verbs("was responsible for"),
            stronger_verbs("responsible for")
        );
        assert_eq!(stronger_verbs("works on"), stronger_verbs("worked on"));
        assert!(stronger_verbs("shipped").is_empty());
    }

    /// A LaTeX-like source map built by hand: `pieces` are (source,
    /// plain) pairs; equal strings are verbatim.
    fn mapped(pieces: &[(&str, &str)]) -> (String, Text) {
        let mut source = String::new();
        let mut text = Text::new();
        for (src, plain) in pieces {
            let at = source.len();
            source.push_str(src);
            if src == plain {
                text.push_verbatim(plain, at);
            } else if !plain.is_empty() {
                text.push_replaced(plain, at..at + src.len());
            }
        }
        (source, text)
    }

    fn fix_source(source: &str, text: &Text, format: Format, rewrite: usize) -> String {
        let f = find(text.as_str(), &[], &[])
            .into_iter()
            .next()
            .expect("a finding");
        let reads = crate::memo::SourceReads::new(source);
        let edits = source_edits(text, &reads, format, &f.rewrites[rewrite].edits)
            .unwrap_or_else(|| panic!("no edits for {:?} in {source}", f.rewrites[rewrite]));
        crate::apply_edits(source, &edits)
    }

    #[test]
    fn source_edits_keep_latex_markup_and_escape() {
        let (source, text) = mapped(&[
            (r"\resumeItem{\textbf{", ""),
            ("Responsible for", "Responsible for"),
            ("}", ""),
            (" building the R", " building the R"),
            (r"\&", "&"),
            ("D portal", "D portal"),
            ("}", ""),
        ]);
        assert_eq!(text.as_str(), "Responsible for building the R&D portal");
        assert_eq!(
            fix_source(&source, &text, Format::Latex, 0),
            r"\resumeItem{\textbf{Built} the R\&D portal}"
        );
        let (source, text) = mapped(&[
            (r"\resumeItem{", ""),
            ("Used ", "Used "),
            (r"\textbf{", ""),
            ("Excel", "Excel"),
            ("}", ""),
            (" macros to reconcile 40", " macros to reconcile 40"),
            (r"\%", "%"),
            (" of statements", " of statements"),
            ("}", ""),
        ]);
        assert_eq!(
            fix_source(&source, &text, Format::Latex, 0),
            r"\resumeItem{Reconciled 40\% of statements with \textbf{Excel} macros}"
        );
        let (source, text) = mapped(&[
            (r"\resumeItem{", ""),
            ("Helped ", "Helped "),
            (r"\emph{", ""),
            ("write", "write"),
            ("}", ""),
            (" the café menu", " the café menu"),
            ("}", ""),
        ]);
        assert_eq!(
            fix_source(&source, &text, Format::Latex, 0),
            r"\resumeItem{\emph{Wrote} the café menu}"
        );
    }

    /// One Experience bullet whose text is `pieces` (source, plain) read
    /// at `at` of `source`, as [`mapped`] reads them.
    fn one_bullet(source: &str, at: usize, pieces: &[(&str, &str)]) -> resume_syntax::Resume {
        use resume_syntax::{Bullet, Resume, Section, SectionKind};
        let (_, text) = mapped(pieces);
        let mut r = Resume::empty(Format::Latex);
        r.is_resume = true;
        r.sections.push(Section {
            kind: SectionKind::Experience,
            heading: Text::new(),
            range: 0..source.len(),
            entries: Vec::new(),
            bullets: vec![Bullet {
                text: text.moved(0, at),
                lead: None,
                range: 0..source.len(),
                depth: 0,
            }],
            skills: Vec::new(),
            prose: Vec::new(),
        });
        r
    }

    #[test]
    fn kept_findings_are_reused_only_where_the_source_they_read_is_the_same() {
        // The same plain text and source map in both; only the source
        // outside the map differs, and with it the fix (`\textbf{leading}`
        // is a command to delete whole, `xtextbf{leading}` is not).
        let pieces = [
            (r"\resumeItem{", ""),
            ("Responsible for ", "Responsible for "),
            (r"\textbf{", ""),
            ("leading", "leading"),
            ("}", ""),
            (" the team", " the team"),
            ("}", ""),
        ];
        let command = mapped(&pieces).0;
        let letters = command.replacen(r"\textbf", "xtextbf", 1);
        let moved = format!("%\n{command}");
        let config = Config::default();
        let mut cache = crate::LintCache::default();
        let mut fixes = Vec::new();
        for (source, at) in [(&command, 0), (&letters, 0), (&moved, 2), (&command, 0)] {
            let resume = one_bullet(source, at, &pieces);
            let fresh = crate::lint(&resume, source, &config);
            let cached = crate::lint_cached(&resume, source, &config, &mut cache);
            assert_eq!(cached, fresh, "in {source}");
            let d = fresh
                .iter()
                .find(|d| d.code == META.code)
                .expect("a finding");
            fixes.push(crate::apply_edits(source, &d.fixes[0].edits));
        }
        assert_eq!(fixes[0], r"\resumeItem{\textbf{Led} the team}");
        assert_ne!(fixes[1], r"\resumeItem{\textbf{Led} the team}");
        assert_eq!(fixes[2], "%\n\\resumeItem{\\textbf{Led} the team}");
    }

    #[test]
    fn config_silences_and_adds_phrases() {
        assert!(find("Used Rust to build a CLI", &["used".into()], &[]).is_empty());
        let f = find("Pitched in on the launch", &[], &["pitched in on".into()]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].range, 0..13);
        assert!(f[0].rewrites.is_empty());
    }
}
#[cfg(test)]
mod model_tests {
    use resume_syntax::Format::{Latex, Markdown};

    use crate::testing::{check, check_fix, check_fix_titled, experience};

    #[test]
    fn markdown_bullets() {
        check(
            Markdown,
            &experience(
                Markdown,
                r"
                - Responsible for the nightly build
                  ^^^^^^^^^^^^^^^ warning[weak-verb]: weak opener `Responsible for`
                - During the launch, handled vendor escalations
                                     ^^^^^^^ warning[weak-verb]: weak verb `handled`
                - Cut build time by 40% with remote caching
                - Built a lint tool used by 12 teams
                ",
            ),
            &["weak-verb"],
        );
    }

    #[test]
    fn markdown_false_positives() {
        check(
            Markdown,
            &experience(
                Markdown,
                r"
                - Shipped a CLI used by 30 teams across the company
                - Built a Looker view that finance used for forecasting
                - Mentored 4 interns who worked on the search relevance project
                - Led 3 squads responsible for checkout and payments
                - Sold used cars at a dealership with 20 staff
                - Scaled made-to-order production to 50 orders a week
                - Cut cloud spend 30% using spot instances
                - Rebuilt the help center search, cutting tickets 15%
                - Ran the helpdesk for 120 staff
                - Trained GPT-4 and YOLOv8 models on A100 nodes
                ",
            ),
            &["weak-verb"],
        );
    }

    #[test]
    fn markdown_emphasis_and_non_ascii_before_the_phrase() {
        check(
            Markdown,
            &experience(
                Markdown,
                r"
                - **Responsible for** the café's ordering system
                    ^^^^^^^^^^^^^^^ warning[weak-verb]: `Responsible for`
                - During the « Zürich » rollout, helped migrate 3 services
                                                 ^^^^^^ warning[weak-verb]
                - Während des Audits: *handled* 40 requests
                                       ^^^^^^^ warning[weak-verb]
                ",
            ),
            &["weak-verb"],
        );
    }

    #[test]
    fn non_achievement_sections_are_not_checked() {
        check(
            Markdown,
            &crate::testing::doc(
                Markdown,
                r"
                ## Education

                ### B.S. Biology — State University
                *2016 – 2020*

                - Worked on a thesis about soil bacteria

                ## Skills

                - Used daily: Python, R
                ",
            ),
            &["weak-verb"],
        );
    }

    #[test]
    fn markdown_fixes_keep_tense_and_case() {
        check_fix(
            Markdown,
            &experience(
                Markdown,
                "- Helped the ops group roll out alerts to 5 regions",
            ),
            "weak-verb",
            &experience(
                Markdown,
                "- Enabled the ops group to roll out alerts to 5 regions",
            ),
        );
        check_fix(
            Markdown,
            &experience(Markdown, "- Handle refunds and returns for 3 stores"),
            "weak-verb",
            &experience(Markdown, "- Process refunds and returns for 3 stores"),
        );
        check_fix(
            Markdown,
            &experience(
                Markdown,
                "- After the Zürich merger, worked on merging two ledgers",
            ),
            "weak-verb",
            &experience(Markdown, "- After the Zürich merger, merged two ledgers"),
        );
        check_fix(
            Markdown,
            &experience(Markdown, "- Used *dbt* to model sales data for 4 teams"),
            "weak-verb",
            &experience(Markdown, "- Modeled sales data for 4 teams with *dbt*"),
        );
        check_fix_titled(
            Markdown,
            &experience(Markdown, "- Was responsible for the Q3 budget of $2M"),
            "weak-verb",
            "oversaw",
            &experience(Markdown, "- Oversaw the Q3 budget of $2M"),
        );
    }

    #[test]
    fn every_fix_is_unsafe_and_there_are_two_to_five() {
        let source = crate::testing::strip(&experience(
            Markdown,
            "- Responsible for training 9 cashiers\n- Made slides for 3 pitches\n",
        ));
        let resume = resume_syntax::parse(&source, Markdown, &Default::default());
        let found: Vec<_> = crate::lint(&resume, &source, &crate::Config::default())
            .into_iter()
            .filter(|d| d.code == "weak-verb")
            .collect();
        assert_eq!(found.len(), 2);
        for d in found {
            assert!((2..=5).contains(&d.fixes.len()), "{:?}", d.fixes);
            assert!(d
                .fixes
                .iter()
                .all(|f| f.applicability == crate::Applicability::Unsafe));
        }
    }

    #[test]
    fn latex_false_positives() {
        check(
            Latex,
            &experience(
                Latex,
                r"
                \resumeItem{Shipped offline sync, used daily by 300 field crews}
                \resumeItem{Designed a \textbf{feature store} now used by every model}
                \resumeItem{Cut \$40K of spend using reserved instances}
                \resumeItem{Benchmarked Llama 2 against Mistral 7B for R\&D}
                ",
            ),
            &["weak-verb"],
        );
    }

    #[test]
    fn latex_bullets() {
        check(
            Latex,
            &experience(
                Latex,
                r"
                \resumeItem{Was responsible for \textbf{vendor} contracts}
                %           ^^^^^^^^^^^^^^^^^^^ warning[weak-verb]: e.g. `Owned`
                \resumeItem{Helped design the R\&D intake form}
                %           ^^^^^^ warning[weak-verb]: `Designed`
                \resumeItem{Shipped a tool that finance used weekly}
                \resumeItem{Grew revenue 12\% using price tests}
                ",
            ),
            &["weak-verb"],
        );
    }

    #[test]
    fn fixes_land_on_source_bytes() {
        check_fix(
            Markdown,
            &experience(Markdown, "- Responsible for training 14 new cashiers"),
            "weak-verb",
            &experience(Markdown, "- Trained 14 new cashiers"),
        );
        check_fix(
            Markdown,
            &experience(Markdown, "- **Responsible for** leading the café rollout"),
            "weak-verb",
            &experience(Markdown, "- **Led** the café rollout"),
        );
        check_fix(
            Markdown,
            &experience(Markdown, "- _Responsible for_ leading the café rollout"),
            "weak-verb",
            &experience(Markdown, "- _Led_ the café rollout"),
        );
        check_fix(
            Markdown,
            &experience(Markdown, "- Café pilot: helped write the menu"),
            "weak-verb",
            &experience(Markdown, "- Café pilot: wrote the menu"),
        );
    }

    #[test]
    fn latex_fixes_land_on_source_bytes() {
        check_fix(
            Latex,
            &experience(
                Latex,
                r"\resumeItem{\textbf{Responsible for} building the R\&D portal}",
            ),
            "weak-verb",
            &experience(Latex, r"\resumeItem{\textbf{Built} the R\&D portal}"),
        );
        check_fix(
            Latex,
            &experience(
                Latex,
                r"\resumeItem{Used \textbf{Excel} macros to reconcile 40\% of statements}",
            ),
            "weak-verb",
            &experience(
                Latex,
                r"\resumeItem{Reconciled 40\% of statements with \textbf{Excel} macros}",
            ),
        );
        check_fix_titled(
            Latex,
            &experience(Latex, r"\resumeItem{Was responsible for the Q\_3 budget}"),
            "weak-verb",
            "managed",
            &experience(Latex, r"\resumeItem{Managed the Q\_3 budget}"),
        );
    }
    /// The fix titles of the `weak-verb` finding on the one bullet of an
    /// Experience fixture.
    fn fix_titles(format: resume_syntax::Format, bullet: &str) -> Vec<String> {
        let source = crate::testing::strip(&experience(format, bullet));
        let resume = resume_syntax::parse(&source, format, &Default::default());
        crate::lint(&resume, &source, &crate::Config::default())
            .into_iter()
            .filter(|d| d.code == "weak-verb")
            .flat_map(|d| d.fixes.into_iter().map(|f| f.title))
            .collect()
    }

    /// Applies the first fix to each one-bullet fixture and compares.
    fn check_first_fixes(cases: &[(resume_syntax::Format, &str, &str)]) {
        for &(format, before, after) in cases {
            check_fix(
                format,
                &experience(format, before),
                "weak-verb",
                &experience(format, after),
            );
        }
    }

    #[test]
    fn emphasis_on_the_word_that_becomes_the_verb_stays_on_the_verb() {
        check_first_fixes(&[
            (
                Markdown,
                "- Responsible for *leading* the café rollout",
                "- *Led* the café rollout",
            ),
            (
                Markdown,
                "- Helped **reduce** churn by 15%",
                "- **Reduced** churn by 15%",
            ),
            (
                Latex,
                r"\resumeItem{Helped \textbf{reduce} churn by 15\%}",
                r"\resumeItem{\textbf{Reduced} churn by 15\%}",
            ),
        ]);
    }

    #[test]
    fn reorder_keeps_signs_glued_to_the_clause_end() {
        check_first_fixes(&[
            (
                Markdown,
                "- Used Rust to trim p95 latency by 35%",
                "- Trimmed p95 latency by 35% with Rust",
            ),
            (
                Markdown,
                "- Used Kafka to process 2M+ events, cutting lag 3x",
                "- Processed 2M+ events with Kafka, cutting lag 3x",
            ),
            (
                Markdown,
                "- Utilized Figma to redesign \"Atlas\".",
                "- Redesigned \"Atlas\" with Figma.",
            ),
            (
                Latex,
                r"\resumeItem{Used Terraform to hit 99.95\% uptime}",
                r"\resumeItem{Hit 99.95\% uptime with Terraform}",
            ),
            (
                Latex,
                r"\resumeItem{Used Spark to process 10TB+}",
                r"\resumeItem{Processed 10TB+ with Spark}",
            ),
        ]);
    }

    #[test]
    fn reorder_moves_the_tool_with_its_markup_and_link() {
        check_first_fixes(&[
            (
                Markdown,
                "- Used [Airflow](https://airflow.apache.org) to schedule 80 jobs a day",
                "- Scheduled 80 jobs a day with [Airflow](https://airflow.apache.org)",
            ),
            (
                Markdown,
                "- Used `pandas` to clean 4 years of sales data",
                "- Cleaned 4 years of sales data with `pandas`",
            ),
            (
                Markdown,
                "- Used Go to port **12 tools**",
                "- Ported **12 tools** with Go",
            ),
            (
                Latex,
                r"\resumeItem{Used \href{https://redis.io}{Redis} to serve 30\% of reads}",
                r"\resumeItem{Served 30\% of reads with \href{https://redis.io}{Redis}}",
            ),
            (
                Latex,
                r"\resumeItem{Used \emph{Rust} to serve 5K+}",
                r"\resumeItem{Served 5K+ with \emph{Rust}}",
            ),
            (
                Latex,
                r"\resumeItem{Used C\# to port \textbf{12 tools}, saving 5\%}",
                r"\resumeItem{Ported \textbf{12 tools} with C\#, saving 5\%}",
            ),
        ]);
    }

    #[test]
    fn reorder_is_not_offered_through_markup_it_would_break() {
        for (format, bullet) in [
            (Markdown, "- **Used Go** to build a pricing API"),
            (Markdown, "- Used **Go to** build a pricing API"),
            (
                Markdown,
                "- Used [Go to](https://go.dev) build a pricing API",
            ),
            (
                Latex,
                r"\resumeItem{\textbf{Used Go} to build a pricing API}",
            ),
            (
                Latex,
                r"\resumeItem{Used \textbf{Go to} build a pricing API}",
            ),
            (
                Latex,
                r"\resumeItem{Used Go to \textbf{build a} pricing API}",
            ),
        ] {
            let titles = fix_titles(format, bullet);
            assert!(!titles.is_empty(), "{bullet}: no fixes at all");
            assert!(
                titles.iter().all(|t| !t.contains('…')),
                "{bullet}: {titles:?}"
            );
        }
    }
    #[test]
    fn gerunds_joined_after_the_object_become_verbs_too() {
        check_first_fixes(&[
            (
                Markdown,
                "- Responsible for hiring 6 interns and running 2 workshops",
                "- Hired 6 interns and ran 2 workshops",
            ),
            (
                Markdown,
                "- Responsible for building and testing the app and writing 3 guides",
                "- Built and tested the app and wrote 3 guides",
            ),
            (
                Markdown,
                "- Worked on tagging 40 SKUs, cleaning the catalog, and updating 3 feeds",
                "- Tagged 40 SKUs, cleaned the catalog, and updated 3 feeds",
            ),
            (
                Latex,
                r"\resumeItem{Tasked with auditing 12 vendors \& drafting the RFP}",
                r"\resumeItem{Audited 12 vendors \& drafted the RFP}",
            ),
            (
                Latex,
                r"\resumeItem{Is responsible for planning sprints and \textbf{running} demos}",
                r"\resumeItem{Plan sprints and \textbf{run} demos}",
            ),
        ]);
    }

    #[test]
    fn gerunds_that_are_not_joined_verbs_are_left_alone() {
        check_first_fixes(&[
            // A participle after a comma gives the result.
            (
                Markdown,
                "- Responsible for onboarding 6 hires, cutting ramp time 30%",
                "- Onboarded 6 hires, cutting ramp time 30%",
            ),
            // Gerunds joined to each other inside the object are nouns.
            (
                Markdown,
                "- Responsible for training nurses on charting and scheduling",
                "- Trained nurses on charting and scheduling",
            ),
        ]);
    }

    #[test]
    fn no_verb_rewrite_when_a_joined_gerund_may_be_a_noun() {
        for (bullet, verb) in [
            // No object after it: a noun or an intransitive verb.
            (
                "- Responsible for hiring 6 interns and reporting to the VP",
                "Hired",
            ),
            (
                "- Responsible for pricing 40 SKUs and forecasting",
                "Priced",
            ),
            // It may belong to the gerund after `by`.
            (
                "- Responsible for cutting rent by renegotiating leases and closing 2 sites",
                "Cut",
            ),
            // It may modify the noun after it.
            (
                "- Responsible for drafting the budget and staffing plan",
                "Drafted",
            ),
        ] {
            let titles = fix_titles(Markdown, bullet);
            assert!(!titles.is_empty(), "{bullet}: no fixes");
            assert!(
                titles.iter().all(|t| !t.ends_with(&format!("`{verb}`"))),
                "{bullet}: {titles:?}"
            );
        }
    }

    #[test]
    fn a_gerund_with_an_object_is_not_the_object_of_another_verb() {
        for (format, bullet, kept, dropped) in [
            (
                Markdown,
                "- Duties included auditing 9 branches",
                &["`Audited`"][..],
                &["`Owned`", "`Managed`"][..],
            ),
            (
                Markdown,
                "- Worked on tuning the ranker",
                &["`Tuned`", "`Took charge of`"][..],
                &["`Took on`"][..],
            ),
            (
                Markdown,
                "- Assisted in moving 3 labs to a new site",
                &["`Moved`", "`Contributed to`"][..],
                &["`Supported`"][..],
            ),
            // A gerund used as a noun still takes any verb.
            (
                Markdown,
                "- Duties included scheduling for 4 clinics",
                &["`Owned`", "`Managed`"][..],
                &[][..],
            ),
            (
                Latex,
                r"\resumeItem{Helped with \emph{sorting} 2K returns}",
                &["`Sorted`", "`Contributed to`"][..],
                &["`Supported`"][..],
            ),
        ] {
            let titles = fix_titles(format, bullet);
            for k in kept {
                assert!(
                    titles.iter().any(|t| t.ends_with(k)),
                    "{bullet}: {titles:?}"
                );
            }
            for d in dropped {
                assert!(
                    titles.iter().all(|t| !t.ends_with(d)),
                    "{bullet}: {titles:?}"
                );
            }
        }
    }
}
