//! Buzzwords, hype terms and empty self-descriptors, and where a sentence
//! stacks them (`buzzword-stacking`).
//!
//! The word list lives in `data/buzzwords.tsv` (embedded, parsed once); the
//! configuration can add and silence entries. Two kinds of stacking are found,
//! sentence by sentence:
//!
//! - a coordinated list (commas, `and`, `or`, `&`, slashes) of three or more
//!   items that each carry a hype term or buzzword
//!   (`GenAI, RAG, and LLM platform`), with or without a metric;
//! - three or more buzzwords or self-descriptors in a sentence that states no
//!   metric (`Results-driven, passionate team player`).

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use crate::analysis::metrics::has_metric;
use crate::config::WordListPatch;

/// What a term is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A trending technology term (`GenAI`, `blockchain`, `AI-powered`).
    Hype,
    /// Vague business language (`synergy`, `best-in-class`).
    Buzzword,
    /// An empty self-descriptor (`results-driven`, `team player`).
    SelfDescriptor,
}

/// Where a term counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Position {
    /// Wherever it appears.
    Any,
    /// Only where it describes a person (`dedicated team player`, not
    /// `dedicated server`).
    Descriptor,
}

/// One entry of the word list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// Lowercase text.
    pub text: String,
    /// Kind.
    pub kind: Kind,
    /// Where it counts.
    pub position: Position,
}

/// Parses the word-list table: `term kind position`, tab-separated, `#`
/// comments and a header row. Malformed rows are skipped.
pub fn parse_table(tsv: &str) -> Vec<Term> {
    let mut out = Vec::new();
    for line in tsv.lines() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 3 || f[0] == "term" {
            continue;
        }
        let kind = match f[1] {
            "hype" => Kind::Hype,
            "buzzword" => Kind::Buzzword,
            "self" => Kind::SelfDescriptor,
            _ => continue,
        };
        let position = match f[2] {
            "any" => Position::Any,
            "descriptor" => Position::Descriptor,
            _ => continue,
        };
        let text = f[0].trim().to_ascii_lowercase();
        if !text.is_empty() {
            out.push(Term {
                text,
                kind,
                position,
            });
        }
    }
    out
}

const TABLE: &str = include_str!("../../data/buzzwords.tsv");

static BUILTIN: LazyLock<Vec<Term>> = LazyLock::new(|| parse_table(TABLE));

/// The built-in word list.
pub fn builtin_terms() -> &'static [Term] {
    &BUILTIN
}

/// First parts of hyphenated hype compounds (`AI-powered`).
const HYPE_PREFIXES: &[&str] = &[
    "ai",
    "genai",
    "ml",
    "llm",
    "gpt",
    "blockchain",
    "crypto",
    "web3",
    "iot",
    "cloud",
    "quantum",
    "metaverse",
    "nft",
    "data",
    "algorithm",
];

/// Last parts of hyphenated hype compounds.
const HYPE_SUFFIXES: &[&str] = &[
    "powered",
    "driven",
    "first",
    "enabled",
    "based",
    "ready",
    "native",
    "centric",
    "infused",
    "backed",
    "integrated",
    "augmented",
    "led",
    "focused",
    "forward",
    "fueled",
    "fuelled",
];

/// Nouns a self-descriptor may qualify (`strategic thinker`).
const PERSON_NOUNS: &[&str] = &[
    "leader",
    "professional",
    "engineer",
    "developer",
    "manager",
    "marketer",
    "designer",
    "analyst",
    "nurse",
    "educator",
    "teacher",
    "storyteller",
    "communicator",
    "learner",
    "thinker",
    "solver",
    "individual",
    "person",
    "achiever",
    "contributor",
    "specialist",
    "consultant",
    "advisor",
    "adviser",
    "executive",
    "strategist",
    "scientist",
    "researcher",
    "accountant",
    "recruiter",
    "student",
    "graduate",
    "builder",
    "creator",
    "innovator",
    "player",
    "hire",
    "candidate",
    "worker",
    "collaborator",
    "operator",
    "technologist",
    "architect",
    "administrator",
    "coordinator",
    "associate",
    "director",
    "officer",
    "representative",
    "salesperson",
    "writer",
    "editor",
    "producer",
    "founder",
    "entrepreneur",
    "mentor",
    "coach",
    "clinician",
    "physician",
    "therapist",
    "pharmacist",
    "technician",
    "attorney",
    "lawyer",
    "paralegal",
    "planner",
    "organizer",
    "mindset",
    "attitude",
    "personality",
    "self-starter",
    "go-getter",
    "evangelist",
    "influencer",
    "visionary",
    "expert",
    "generalist",
    "owner",
    "partner",
    "teammate",
    "problem-solver",
];

/// A word list: the built-in one with the configuration applied.
#[derive(Clone, Debug)]
pub struct Lexicon {
    /// Terms, longest first.
    terms: Vec<Term>,
    /// Silenced terms (lowercase), also applied to hype compounds.
    removed: HashSet<String>,
    /// Indices into `terms` by first byte, longest first.
    by_first: HashMap<u8, Vec<usize>>,
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::new(&WordListPatch::default())
    }
}

/// A term found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermMatch {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Kind of the term.
    pub kind: Kind,
    /// Where it counts.
    pub position: Position,
}

/// Why a run is stacking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// A coordinated list of three or more hype terms or buzzwords.
    HypeList,
    /// Three or more buzzwords or self-descriptors in a sentence without a
    /// metric.
    Descriptors,
    /// Both in one sentence.
    Both,
}

/// A stacked run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stack {
    /// Byte range from the first to the last stacked term.
    pub range: Range<usize>,
    /// Why it is stacking.
    pub reason: Reason,
    /// The stacked terms.
    pub terms: Vec<Range<usize>>,
    /// How many terms the coordinated list holds (0 without a list).
    pub list_len: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

impl Lexicon {
    /// The built-in list with `patch` applied: added entries count as
    /// buzzwords anywhere; removed entries (any case) are never reported.
    pub fn new(patch: &WordListPatch) -> Lexicon {
        let removed: HashSet<String> = patch
            .remove
            .iter()
            .map(|t| t.trim().to_ascii_lowercase())
            .filter(|t| !t.is_empty())
            .collect();
        let mut terms: Vec<Term> = builtin_terms()
            .iter()
            .filter(|t| !removed.contains(&t.text))
            .cloned()
            .collect();
        for add in &patch.add {
            let text = add.trim().to_ascii_lowercase();
            if text.is_empty() || removed.contains(&text) || terms.iter().any(|t| t.text == text) {
                continue;
            }
            terms.push(Term {
                text,
                kind: Kind::Buzzword,
                position: Position::Any,
            });
        }
        terms.sort_by(|a, b| b.text.len().cmp(&a.text.len()).then(a.text.cmp(&b.text)));
        let mut by_first: HashMap<u8, Vec<usize>> = HashMap::new();
        for (i, t) in terms.iter().enumerate() {
            if let Some(&b) = t.text.as_bytes().first() {
                by_first.entry(b).or_default().push(i);
            }
        }
        Lexicon {
            terms,
            removed,
            by_first,
        }
    }

    /// Every term in `text`, in order, without overlaps (longer terms win).
    pub fn find(&self, text: &str) -> Vec<TermMatch> {
        // ASCII lowercasing keeps byte offsets; whitespace runs match a space.
        let norm: String = text
            .chars()
            .map(|c| {
                if c.is_whitespace() && c.is_ascii() {
                    ' '
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
        let mut found: Vec<TermMatch> = Vec::new();
        let mut prev_word = false;
        for (at, c) in norm.char_indices() {
            let word_start = c.is_alphanumeric() && !prev_word;
            prev_word = is_word_char(c);
            if !word_start || !c.is_ascii() {
                continue;
            }
            let Some(bucket) = self.by_first.get(&(c as u8)) else {
                continue;
            };
            for &t in bucket {
                let term = &self.terms[t];
                if !norm[at..].starts_with(term.text.as_str()) {
                    continue;
                }
                let mut end = at + term.text.len();
                let rest = &norm[end..];
                let after = rest.chars().next();
                if after == Some('s') && !rest[1..].starts_with(is_word_char) {
                    end += 1;
                } else if after.is_some_and(is_word_char) {
                    continue;
                }
                found.push(TermMatch {
                    range: at..end,
                    kind: term.kind,
                    position: term.position,
                });
                break; // terms are longest first
            }
        }
        found.extend(self.hype_compounds(&norm));
        found.sort_by(|a, b| {
            a.range
                .start
                .cmp(&b.range.start)
                .then(b.range.end.cmp(&a.range.end))
        });
        let mut out: Vec<TermMatch> = Vec::with_capacity(found.len());
        for m in found {
            if out.last().is_some_and(|l| m.range.start < l.range.end) {
                continue;
            }
            out.push(m);
        }
        out
    }

    /// `AI-powered`, `blockchain-enabled`, `Web3-ready`.
    fn hype_compounds(&self, norm: &str) -> Vec<TermMatch> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in norm
            .char_indices()
            .chain(std::iter::once((norm.len(), ' ')))
        {
            if is_word_char(c) {
                start.get_or_insert(i);
                continue;
            }
            let Some(s) = start.take() else { continue };
            let word = norm[s..i].trim_matches('-');
            let s = s + (norm[s..i].len() - norm[s..i].trim_start_matches('-').len());
            let Some((first, rest)) = word.split_once('-') else {
                continue;
            };
            let last = rest.rsplit('-').next().unwrap_or(rest);
            if HYPE_PREFIXES.contains(&first)
                && HYPE_SUFFIXES.contains(&last)
                && !self.removed.contains(word)
                && !self.removed.contains(first)
            {
                out.push(TermMatch {
                    range: s..s + word.len(),
                    kind: Kind::Hype,
                    position: Position::Any,
                });
            }
        }
        out
    }
}

/// Sentence ranges of `text`: a sentence ends at `.`, `!` or `?` followed by
/// whitespace, or at a blank line; boundaries inside `protect` are skipped.
fn sentences(text: &str, protect: &[TermMatch]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let end_mark = matches!(c, '.' | '!' | '?')
            && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace());
        let blank = c == '\n'
            && text[i + 1..]
                .trim_start_matches([' ', '\t'])
                .starts_with('\n');
        // `protect` is sorted by start and free of overlaps.
        let k = protect.partition_point(|m| m.range.end <= i);
        let protected = protect.get(k).is_some_and(|m| m.range.contains(&i));
        if (end_mark || blank) && !protected {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out.retain(|r| !text[r.clone()].trim().is_empty());
    out
}

fn words_in(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Whether the term at `m` describes a person: followed by punctuation, a
/// conjunction, the end of the sentence, another term, or a person noun.
fn is_descriptor(text: &str, sentence: &Range<usize>, m: &TermMatch, all: &[TermMatch]) -> bool {
    let rest = &text[m.range.end..sentence.end];
    let trimmed = rest.trim_start();
    let Some(first) = trimmed.chars().next() else {
        return true;
    };
    if matches!(first, ',' | ';' | ':' | '.' | '!' | '?' | ')' | '&' | '/') {
        return true;
    }
    let next_at = m.range.end + (rest.len() - trimmed.len());
    if all.iter().any(|o| o.range.start == next_at) {
        return true;
    }
    let word: String = trimmed
        .chars()
        .take_while(|&c| is_word_char(c))
        .collect::<String>()
        .to_lowercase();
    if matches!(word.as_str(), "and" | "or" | "but") {
        return true;
    }
    let singular = word.strip_suffix('s').unwrap_or(&word);
    PERSON_NOUNS.contains(&word.as_str()) || PERSON_NOUNS.contains(&singular)
}

/// A list item: text between separators, with the terms inside it.
struct Item {
    range: Range<usize>,
    terms: Vec<Range<usize>>,
}

/// Splits a sentence into list items at commas, slashes, `and`, `or`, `&`,
/// never inside a term.
fn items(text: &str, sentence: &Range<usize>, terms: &[TermMatch]) -> Vec<Item> {
    let inside = |i: usize| terms.iter().any(|m| m.range.start <= i && i < m.range.end);
    let mut cuts: Vec<Range<usize>> = Vec::new();
    let s = &text[sentence.clone()];
    let mut word_start: Option<usize> = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let abs = sentence.start + i;
        if c.is_whitespace() {
            if let Some(ws) = word_start.take() {
                let w = s[ws..i].to_ascii_lowercase();
                if matches!(w.as_str(), "and" | "or" | "&" | "+") && !inside(sentence.start + ws) {
                    cuts.push(sentence.start + ws..abs);
                }
            }
            continue;
        }
        if word_start.is_none() {
            word_start = Some(i);
        }
        if matches!(c, ',' | ';' | '/' | '|') && !inside(abs) {
            cuts.push(abs..abs + c.len_utf8());
        }
    }
    let mut out = Vec::new();
    let mut at = sentence.start;
    for cut in cuts
        .into_iter()
        .chain(std::iter::once(sentence.end..sentence.end))
    {
        if cut.start > at && !text[at..cut.start].trim().is_empty() {
            let range = at..cut.start;
            let item_terms = terms
                .iter()
                .filter(|m| m.range.start >= range.start && m.range.end <= range.end)
                .map(|m| m.range.clone())
                .collect();
            out.push(Item {
                range,
                terms: item_terms,
            });
        }
        at = at.max(cut.end);
    }
    out
}

/// The longest coordinated run of items carrying hype terms or buzzwords:
/// the first item ends with one, middle items are short and carry one, the
/// last item starts with one. Returns the terms of the run when it has three
/// items or more.
fn hype_list(text: &str, items: &[Item]) -> Option<Vec<Range<usize>>> {
    let ends_with = |it: &Item| {
        it.terms
            .iter()
            .rev()
            .find(|t| words_in(&text[t.end..it.range.end]) <= 1)
            .map(|t| {
                // Every term in the last three words of the item.
                let mut ts: Vec<Range<usize>> = it
                    .terms
                    .iter()
                    .filter(|u| u.start >= t.start || words_in(&text[u.end..t.start]) <= 1)
                    .cloned()
                    .collect();
                ts.sort_by_key(|r| r.start);
                ts
            })
    };
    let short = |it: &Item| !it.terms.is_empty() && words_in(&text[it.range.clone()]) <= 4;
    let starts_with = |it: &Item| {
        it.terms
            .iter()
            .find(|t| words_in(&text[it.range.start..t.start]) <= 1)
            .cloned()
    };
    let mut best: Option<Vec<Range<usize>>> = None;
    let mut best_len = 0;
    for i in 0..items.len() {
        let Some(mut run_terms) =
            ends_with(&items[i]).or_else(|| short(&items[i]).then(|| items[i].terms.clone()))
        else {
            continue;
        };
        let mut len = 1;
        let mut j = i + 1;
        while j < items.len() && short(&items[j]) {
            run_terms.extend(items[j].terms.iter().cloned());
            len += 1;
            j += 1;
        }
        if j < items.len() {
            if let Some(t) = starts_with(&items[j]) {
                run_terms.push(t);
                len += 1;
            }
        }
        if len >= 3 && len > best_len {
            best_len = len;
            best = Some(run_terms);
        }
    }
    best
}

/// The stacked runs of `text`, one per sentence at most.
pub fn find_stacking(text: &str, lexicon: &Lexicon) -> Vec<Stack> {
    let all = lexicon.find(text);
    let mut out = Vec::new();
    for sentence in sentences(text, &all) {
        let from = all.partition_point(|m| m.range.start < sentence.start);
        let to = all.partition_point(|m| m.range.start < sentence.end);
        let here_owned: Vec<TermMatch> = all[from..to]
            .iter()
            .filter(|m| m.range.end <= sentence.end)
            .cloned()
            .collect();
        let counted: Vec<TermMatch> = here_owned
            .iter()
            .filter(|m| {
                m.position == Position::Any || is_descriptor(text, &sentence, m, &here_owned)
            })
            .cloned()
            .collect();
        let listable: Vec<TermMatch> = counted
            .iter()
            .filter(|m| m.kind != Kind::SelfDescriptor)
            .cloned()
            .collect();
        let list = hype_list(text, &items(text, &sentence, &listable));
        let descriptors: Vec<Range<usize>> = counted
            .iter()
            .filter(|m| m.kind != Kind::Hype)
            .map(|m| m.range.clone())
            .collect();
        let stacked_descriptors = descriptors.len() >= 3 && !has_metric(&text[sentence.clone()]);
        let list_len = list.as_ref().map_or(0, Vec::len);
        let (reason, mut terms) = match (list, stacked_descriptors) {
            (Some(mut l), true) => {
                l.extend(descriptors);
                (Reason::Both, l)
            }
            (Some(l), false) => (Reason::HypeList, l),
            (None, true) => (Reason::Descriptors, descriptors),
            (None, false) => continue,
        };
        terms.sort_by_key(|r| r.start);
        terms.dedup();
        let (Some(first), Some(last)) = (terms.first(), terms.last()) else {
            continue;
        };
        out.push(Stack {
            range: first.start..last.end,
            reason,
            terms,
            list_len,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::check_spans;

    fn stacks(text: &str) -> Vec<Range<usize>> {
        find_stacking(text, &Lexicon::default())
            .into_iter()
            .map(|s| s.range)
            .collect()
    }

    #[test]
    fn the_table_is_large_and_fully_parsed() {
        let rows = TABLE
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count()
            - 1;
        assert_eq!(
            builtin_terms().len(),
            rows,
            "every row of buzzwords.tsv must parse"
        );
        assert!(rows >= 150, "{rows} entries");
        let mut seen = HashSet::new();
        for t in builtin_terms() {
            assert!(seen.insert(t.text.clone()), "duplicate entry `{}`", t.text);
        }
        for kind in [Kind::Hype, Kind::Buzzword, Kind::SelfDescriptor] {
            assert!(builtin_terms().iter().filter(|t| t.kind == kind).count() >= 30);
        }
    }

    #[test]
    fn terms_match_whole_words_and_compounds() {
        let lex = Lexicon::default();
        let text = "An AI-powered, passionate team players' tool, not a FAISS or HTML one";
        let found: Vec<&str> = lex
            .find(text)
            .iter()
            .map(|m| &text[m.range.clone()])
            .collect();
        assert_eq!(found, ["AI-powered", "passionate", "team players"]);
    }

    #[test]
    fn hype_lists_stack_with_or_without_a_metric() {
        check_spans(
            stacks,
            r"
            Delivered next-gen GenAI, agentic AI, RAG, and LLM solutions for banks
                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
            Built a GenAI, RAG, and LLM service answering 20K questions a day
                    ^^^^^^^^^^^^^^^^^^^
            Launched an AI-first, Web3-ready, cloud-native wallet
                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
            Focused on AI/ML/IoT products for farms
                       ^^^^^^^^^
            Shipped best-in-class, world-class, customer-centric portals
                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
            ",
        );
    }

    #[test]
    fn descriptor_runs_without_a_metric_stack() {
        check_spans(
            stacks,
            r"
            Results-driven, passionate self-starter who loves synergy
            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
            Developed innovative, data-driven, customer-centric solutions
                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
            Dynamic, strategic, forward-thinking leader
            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
            Calm analyst. Dedicated, motivated team player with a proven track record.
                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
            ",
        );
    }

    #[test]
    fn controls_do_not_stack() {
        check_spans(
            stacks,
            r"
            Shipped an LLM summarizer and a RAG search page
            Fine-tuned an LLM for RAG answers, lifting accuracy by 14%
            Built pipelines with Airflow, dbt, and BigQuery
            Team player and self-starter who rebuilt the slotting plan
            Passionate, results-driven, detail-oriented coach of 40 athletes
            Built dynamic pricing dashboards for strategic accounts on a dedicated server
            Wrote unit, integration, and load tests
            Used AI, then shipped it
            Worked with data scientists, ML engineers, and AI researchers
            Integrated OpenAI, Anthropic, and Gemini APIs into the help desk
            Led a dynamic, fast-paced team of passionate volunteers
            Wrote state-of-the-art results into a reliable, dedicated report
            ",
        );
    }

    #[test]
    fn configuration_adds_and_silences_terms() {
        let patch = WordListPatch {
            add: vec!["Rockstar Energy".into(), "ubercool".into()],
            remove: vec!["Passionate".into(), "ai-powered".into()],
        };
        let lex = Lexicon::new(&patch);
        let text = "Passionate, ubercool, results-driven team player";
        let found: Vec<&str> = lex
            .find(text)
            .iter()
            .map(|m| &text[m.range.clone()])
            .collect();
        assert_eq!(found, ["ubercool", "results-driven", "team player"]);
        assert!(lex.find("AI-powered").is_empty());
        assert_eq!(find_stacking(text, &lex).len(), 1);
        let quiet = Lexicon::new(&WordListPatch {
            add: Vec::new(),
            remove: vec!["team player".into()],
        });
        assert!(find_stacking("Passionate, results-driven team player", &quiet).is_empty());
    }

    #[test]
    fn long_and_random_input_is_handled() {
        // A small deterministic generator over a mix of ASCII, markup and
        // multi-byte characters.
        let alphabet: Vec<char> = "aZ09 ,./-&%$€×–'\n\té漢🙂synergyAI".chars().collect();
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut text = String::new();
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        let lex = Lexicon::default();
        for s in find_stacking(&text, &lex) {
            assert!(text.get(s.range.clone()).is_some());
        }
        let _ = crate::analysis::metrics::find_metrics(&text);
        let big = "Passionate, results-driven team player. ".repeat(5_000);
        assert_eq!(find_stacking(&big, &lex).len(), 5_000);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            ",,,",
            "and and and",
            "AI",
            "é, ü, ß",
            "a/b/c/d",
            "synergy.",
            "-ai-",
        ] {
            let _ = find_stacking(text, &Lexicon::default());
        }
    }
}
