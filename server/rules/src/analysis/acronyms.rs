//! Acronyms: the dictionary of field jargon with expansions, the list of
//! acronyms everyone knows, and finding acronym tokens in plain text
//! together with whether they are spelled out there (`long form (ACR)` or
//! `ACR (long form)`).

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use crate::config::Config;

const DICTIONARY: &str = include_str!("../../data/acronyms.tsv");
const KNOWN: &str = include_str!("../../data/acronyms_known.txt");
const PRODUCTS: &str = include_str!("../../data/acronym_products.txt");

static BUILTIN: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    DICTIONARY
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (a, e) = l.split_once('\t')?;
            let (a, e) = (a.trim(), e.trim());
            (!a.is_empty() && !e.is_empty()).then_some((a, e))
        })
        .collect()
});

static BUILTIN_KNOWN: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    KNOWN
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Product names that hold a dictionary acronym, as word lists.
static BUILTIN_PRODUCTS: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    PRODUCTS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split_whitespace().collect())
        .collect()
});

/// The acronyms to report, with expansions, after configuration: the
/// built-in dictionary minus the universally known list, plus
/// `acronyms.add`, minus `acronyms.remove`.
#[derive(Clone, Debug)]
pub struct Dictionary {
    entries: HashMap<String, String>,
}

impl Dictionary {
    /// The dictionary for `config`.
    pub fn new(config: &Config) -> Dictionary {
        let mut entries: HashMap<String, String> = BUILTIN
            .iter()
            .filter(|(a, _)| !BUILTIN_KNOWN.contains(*a))
            .map(|(a, e)| (a.to_string(), e.to_string()))
            .collect();
        for (a, e) in &config.acronyms.add {
            let (a, e) = (a.trim(), e.trim());
            if !a.is_empty() && !e.is_empty() {
                entries.insert(a.to_string(), e.to_string());
            }
        }
        for a in &config.acronyms.remove {
            let a = a.trim();
            entries.retain(|k, _| !k.eq_ignore_ascii_case(a));
        }
        Dictionary { entries }
    }

    /// The expansion of an acronym exactly as written (`NLP`), if it is to
    /// be reported.
    pub fn get(&self, acronym: &str) -> Option<&str> {
        self.entries.get(acronym).map(String::as_str)
    }

    /// Number of acronyms.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the dictionary is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The dictionary acronym behind `token` and whether `token` is its
    /// plural (`LLMs` → `LLM`, true).
    pub fn lookup<'t>(&self, token: &'t str) -> Option<(&'t str, bool)> {
        if self.entries.contains_key(token) {
            return Some((token, false));
        }
        let stem = token.strip_suffix('s')?;
        (stem.chars().count() >= 2
            && stem
                .chars()
                .last()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            && self.entries.contains_key(stem))
        .then_some((stem, true))
    }
}

/// Whether `acronym` is on the universally known list (`API`, `SQL`, …).
pub fn is_known(acronym: &str) -> bool {
    BUILTIN_KNOWN.contains(acronym)
        || acronym
            .strip_suffix('s')
            .is_some_and(|s| BUILTIN_KNOWN.contains(s))
}

/// The expansion of an acronym for hover text: `NLP` → `Natural Language
/// Processing`, `LLMs` → `Large Language Models`. Honours the configured
/// additions; acronyms silenced in the configuration still expand.
pub fn expansion(acronym: &str, config: &Config) -> Option<String> {
    let acronym = acronym.trim();
    let added = |a: &str| {
        config
            .acronyms
            .add
            .iter()
            .find(|(k, _)| k.trim() == a)
            .map(|(_, e)| e.trim().to_string())
    };
    let find = |a: &str| added(a).or_else(|| BUILTIN.get(a).map(|e| e.to_string()));
    if let Some(e) = find(acronym) {
        return Some(e);
    }
    let stem = acronym.strip_suffix('s')?;
    find(stem).map(|e| pluralize(&e))
}

/// Puts the last word of an expansion in the plural: `Large Language
/// Model` → `Large Language Models`.
pub fn pluralize(expansion: &str) -> String {
    let cut = expansion.rfind([' ', '-']).map_or(0, |i| i + 1);
    let (head, last) = expansion.split_at(cut);
    let lower = last.to_lowercase();
    let b = lower.as_bytes();
    let plural = if lower.ends_with('s') && !lower.ends_with("ss") {
        last.to_string()
    } else if ["ss", "x", "ch", "sh", "z"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        format!("{last}es")
    } else if lower.ends_with('y') && b.len() >= 2 && !b"aeiou".contains(&b[b.len() - 2]) {
        format!("{}ies", &last[..last.len() - 1])
    } else {
        format!("{last}s")
    };
    format!("{head}{plural}")
}

/// One dictionary acronym found in plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AcronymUse {
    /// Plain byte range of the token as written (`LLMs`).
    pub range: Range<usize>,
    /// The dictionary acronym (`LLM`).
    pub acronym: String,
    /// Whether the token is the plural.
    pub plural: bool,
    /// Whether this occurrence spells the acronym out (`long form (ACR)`
    /// or `ACR (long form)`).
    pub defines: bool,
}

/// Whitespace-separated chunks that are addresses, not words.
fn is_address(chunk: &str) -> bool {
    // Every address form below has one of these.
    if !chunk.bytes().any(|b| matches!(b, b'.' | b'@' | b':')) {
        return false;
    }
    let lower = chunk.to_ascii_lowercase();
    // An e-mail address has a domain with a dot after the `@`; `NDCG@10`
    // and `@handle` are not addresses.
    let email = chunk.split_once('@').is_some_and(|(user, domain)| {
        !user.is_empty() && domain.contains('.') && domain.starts_with(char::is_alphanumeric)
    });
    if email || lower.contains("://") || lower.starts_with("www.") {
        return true;
    }
    // `github.com/alex`, `alex.dev`
    let core = lower.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '/');
    let domain = core.split('/').next().unwrap_or("");
    let tlds = [
        "com", "org", "net", "io", "dev", "ai", "edu", "co", "me", "app", "gov", "ca", "uk", "de",
    ];
    domain.contains('.')
        && domain
            .rsplit('.')
            .next()
            .is_some_and(|tld| tlds.contains(&tld))
        && domain.split('.').all(|p| !p.is_empty())
}

/// Word tokens of `text` outside addresses: runs of letters and digits,
/// with `&` inside (`R&D`, `P&L`) and `/` joining two parts when the joined
/// form is itself an acronym (`CI/CD`, `A/B`).
fn tokens(text: &str, joined_ok: impl Fn(&str) -> bool) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut chunk_start = 0;
    for chunk in text.split_inclusive(char::is_whitespace) {
        let start = chunk_start;
        chunk_start += chunk.len();
        if is_address(chunk.trim()) {
            continue;
        }
        let mut tok: Option<usize> = None;
        let mut chars = chunk.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let inner_amp = c == '&'
                && tok.is_some()
                && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
            if c.is_alphanumeric() || inner_amp {
                tok.get_or_insert(start + i);
            } else if let Some(s) = tok.take() {
                out.push(s..start + i);
            }
        }
        if let Some(s) = tok {
            out.push(s..start + chunk.len());
        }
    }
    // Join `X/Y` pairs that form a known acronym.
    let mut joined: Vec<Range<usize>> = Vec::with_capacity(out.len());
    for r in out {
        if let Some(prev) = joined.last_mut() {
            if prev.end + 1 == r.start
                && text.get(prev.end..r.start) == Some("/")
                && text.get(prev.start..r.end).is_some_and(&joined_ok)
            {
                prev.end = r.end;
                continue;
            }
        }
        joined.push(r);
    }
    joined
}

const STOPWORDS: &[&str] = &[
    "of", "and", "for", "the", "to", "in", "on", "a", "an", "&", "as", "per", "with", "from", "by",
    "at", "or",
];

/// Normalises a long form for comparison: lowercase words, hyphens and
/// slashes as spaces, punctuation dropped.
fn normalise(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '/' || c == '–')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&'))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `words` (the long form, normalised) spell `acronym`: its
/// expansion, or words whose initials give its letters (small words may be
/// skipped). With `at_end`, the long form may be preceded by other words.
fn spells(words: &str, acronym: &str, expansion: &str, at_end: bool) -> bool {
    let exp = normalise(expansion);
    let exp_plural = normalise(&pluralize(expansion));
    if !exp.is_empty() {
        for e in [&exp, &exp_plural] {
            if words == e.as_str() || (at_end && words.ends_with(&format!(" {e}"))) {
                return true;
            }
        }
    }
    let letters: Vec<char> = acronym
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    if letters.len() < 2 {
        return false;
    }
    let ws: Vec<&str> = words.split(' ').filter(|w| !w.is_empty()).collect();
    let mut li = letters.len();
    let mut wi = ws.len();
    while li > 0 && wi > 0 {
        let w = ws[wi - 1];
        if w.starts_with(letters[li - 1]) {
            li -= 1;
            wi -= 1;
        } else if STOPWORDS.contains(&w) {
            wi -= 1;
        } else {
            return false;
        }
    }
    li == 0 && (at_end || wi == 0)
}

/// Whether the token at `r` is part of a product name: a listed name
/// (`Prisma ORM`, `Core ML`) or a name glued to a dotted word (`ASP.NET
/// MVC`, `.NET MVC`).
fn in_product_name(text: &str, r: &Range<usize>) -> bool {
    let token = &text[r.clone()];
    let before: Vec<&str> = text[..r.start].split_whitespace().rev().take(3).collect();
    let after: Vec<&str> = text[r.end..].split_whitespace().take(3).collect();
    // Only a space between the token and its neighbours.
    let spaced_before = text[..r.start].ends_with(' ');
    let spaced_after = text[r.end..].starts_with(' ');
    if spaced_before {
        if let Some(prev) = before.first() {
            let dotted = prev
                .char_indices()
                .any(|(i, c)| c == '.' && prev[i + 1..].starts_with(char::is_alphabetic));
            if dotted && !prev.contains("..") && !prev.ends_with('.') {
                return true;
            }
        }
    }
    let clean = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    BUILTIN_PRODUCTS.iter().any(|name| {
        name.iter().enumerate().any(|(k, w)| {
            if *w != token {
                return false;
            }
            let head = &name[..k];
            let tail = &name[k + 1..];
            (head.is_empty() || spaced_before)
                && (tail.is_empty() || spaced_after)
                && head.len() <= before.len()
                && tail.len() <= after.len()
                && head
                    .iter()
                    .rev()
                    .zip(&before)
                    .all(|(h, b)| clean(b) == *h && b.ends_with(h))
                && tail
                    .iter()
                    .zip(&after)
                    .all(|(t, a)| clean(a) == *t && a.starts_with(t))
        })
    })
}

/// Whether the normalised text `words` holds the long form of `acronym`
/// as whole words (`end to end tests` for `E2E`): a bare long form spells
/// the acronym out for later uses.
pub fn has_long_form(words: &str, expansion: &str) -> bool {
    let padded = format!(" {words} ");
    [normalise(expansion), normalise(&pluralize(expansion))]
        .iter()
        .filter(|e| e.contains(' '))
        .any(|e| padded.contains(&format!(" {e} ")))
}

/// [`normalise`], for callers that compare long forms with
/// [`has_long_form`].
pub fn normalise_words(s: &str) -> String {
    normalise(s)
}

/// The dictionary acronyms in `text`, in order, each with whether that
/// occurrence spells it out.
pub fn find_acronyms(text: &str, dict: &Dictionary) -> Vec<AcronymUse> {
    let joinable = |s: &str| dict.get(s).is_some() || is_known(s);
    let mut out = Vec::new();
    for r in tokens(text, joinable) {
        let token = &text[r.clone()];
        if is_known(token) || in_product_name(text, &r) {
            continue;
        }
        let Some((acronym, plural)) = dict.lookup(token) else {
            continue;
        };
        let expansion = dict.get(acronym).unwrap_or_default();
        let before = &text[..r.start];
        let after = &text[r.end..];
        // `long form (ACR)`
        let in_parens = before.trim_end().ends_with('(') && after.trim_start().starts_with(')');
        let mut defines = false;
        if in_parens {
            let open = before.trim_end().len() - 1;
            let head = &text[..open];
            // The long form lies in the same clause.
            let clause_start = head
                .rfind(['(', ')', ',', ';', ':', '.', '•', '|', '·'])
                .map_or(0, |i| i + 1);
            defines = spells(&normalise(&head[clause_start..]), acronym, expansion, true);
        }
        // `ACR (long form)`
        if !defines {
            let rest = after.trim_start();
            if let Some(inner) = rest.strip_prefix('(') {
                if let Some(close) = inner.find(')') {
                    defines = spells(&normalise(&inner[..close]), acronym, expansion, false);
                }
            }
        }
        out.push(AcronymUse {
            range: r,
            acronym: acronym.to_string(),
            plural,
            defines,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::AcronymPatch;
    use crate::testing::check_spans;

    fn dict() -> Dictionary {
        Dictionary::new(&Config::default())
    }

    fn bare(text: &str) -> Vec<Range<usize>> {
        find_acronyms(text, &dict())
            .into_iter()
            .filter(|u| !u.defines)
            .map(|u| u.range)
            .collect()
    }

    fn defined(text: &str) -> Vec<Range<usize>> {
        find_acronyms(text, &dict())
            .into_iter()
            .filter(|u| u.defines)
            .map(|u| u.range)
            .collect()
    }

    #[test]
    fn data_files_are_large_and_consistent() {
        assert!(BUILTIN.len() >= 150, "{} acronyms", BUILTIN.len());
        assert!(BUILTIN_KNOWN.len() >= 40);
        for (a, e) in BUILTIN.iter() {
            assert!(a.chars().any(|c| c.is_uppercase()), "`{a}`");
            assert!(
                e.split_whitespace().count() >= 2 || e.contains('-'),
                "`{a}`: `{e}`"
            );
            assert!(
                !BUILTIN_KNOWN.contains(a),
                "`{a}` is both in the dictionary and known"
            );
        }
        for k in [
            "API", "SQL", "AWS", "GCP", "GPU", "CPU", "HTTP", "PDF", "JSON", "REST", "CI/CD", "US",
            "UI", "iOS", "CSV", "HTML", "CSS", "URL", "AI", "DNS", "UX", "IT", "HR", "CEO", "PhD",
            "GPA",
        ] {
            assert!(BUILTIN_KNOWN.contains(k), "`{k}` should be known");
        }
        for d in [
            "ML", "NLP", "LLM", "RAG", "CTR", "NDCG", "ATS", "ETL", "KPI", "SLA", "ROI", "EHR",
            "HIPAA", "SEO", "CRM", "OKR",
        ] {
            assert!(BUILTIN.contains_key(d), "`{d}` should be in the dictionary");
        }
    }

    #[test]
    fn whole_tokens_only() {
        check_spans(
            bare,
            r"
            Indexed 2M vectors with FAISS for an AI search tool over DNS logs
            Indexed 2M vectors with FAISS for an NLP search tool
                                                 ^^^
            Wrote HTML emails and trained an ML ranker
                                             ^^
            Cut ETL-job runtime and tuned LLMs for RAG, NLP and KPIs
                ^^^                       ^^^^     ^^^  ^^^     ^^^^
            Ran A/B tests behind the CI/CD gate with the REST API in AWS
            Ported the iOS app; mailed me at nlp.team@example.com or ml.example.com/ai
            Scored 0.8 ml of saline, Ai and Nlp stay lowercase
            The LLM's context window; P&L and R&D
                ^^^                   ^^^
            ",
        );
    }

    #[test]
    fn spelled_out_forms_define_the_acronym() {
        check_spans(
            defined,
            r"
            Built a natural language processing (NLP) tagger
                                                 ^^^
            Raised click-through rate (CTR) on the carousel
                                       ^^^
            Modelled Return on Investment (ROI) for the cell
                                           ^^^
            Fine-tuned large language models (LLMs) for triage
                                              ^^^^
            Moved the ETL (extract, transform, load) jobs to Airflow
                      ^^^
            Migrated to Software as a Service (SaaS) billing
                                               ^^^^
            Shipped an NLP (natural language processing) tagger
                       ^^^
            ",
        );
        // Parentheses that do not spell the acronym are a bare use.
        assert_eq!(bare("Shipped a tagger (NLP) for listings"), vec![18..21]);
        assert_eq!(bare("Logged clicks (CTR, dwell) per slot"), vec![15..18]);
    }

    #[test]
    fn configuration_adds_and_silences() {
        let config = Config {
            acronyms: AcronymPatch {
                add: vec![("PLC".into(), "Programmable Logic Controller".into())],
                remove: vec!["nlp".into()],
            },
            ..Config::default()
        };
        let d = Dictionary::new(&config);
        let found: Vec<String> = find_acronyms("Wrote PLC ladder logic and NLP rules", &d)
            .into_iter()
            .map(|u| u.acronym)
            .collect();
        assert_eq!(found, ["PLC"]);
        assert_eq!(
            expansion("PLC", &config).as_deref(),
            Some("Programmable Logic Controller")
        );
    }

    #[test]
    fn expansions_for_hover() {
        let c = Config::default();
        assert_eq!(
            expansion("NLP", &c).as_deref(),
            Some("Natural Language Processing")
        );
        assert_eq!(
            expansion("LLMs", &c).as_deref(),
            Some("Large Language Models")
        );
        assert_eq!(
            expansion("KPIs", &c).as_deref(),
            Some("Key Performance Indicators")
        );
        assert_eq!(expansion("XYZ", &c), None);
        assert_eq!(pluralize("Bill of Lading Entry"), "Bill of Lading Entries");
        assert_eq!(
            pluralize("Directed Acyclic Graph"),
            "Directed Acyclic Graphs"
        );
        assert_eq!(
            pluralize("Mergers and Acquisitions"),
            "Mergers and Acquisitions"
        );
    }
}
