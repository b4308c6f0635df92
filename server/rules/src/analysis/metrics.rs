//! Metric detection: where a plain-text sentence states a measured quantity.
//!
//! A metric (SPEC §4) is a percentage, an amount of money, a multiplier, a
//! count with a magnitude or of things, a duration or latency, a rate, a rank,
//! a score, a physical measure, or a number word (`two`, `a dozen`,
//! `doubled`, `halved`, `in half`, `two-thirds`, `two-fold`).
//!
//! Not metrics: years (`2024`, `FY2023`, `'22`), version numbers
//! (`Python 3.12`, `Ubuntu 20.04 to 22.04`), digits or number words that are
//! part of a name (`GPT-4o`, `S3`, `ResNet-50`, `Llama 2`, `Mistral 7B`,
//! `ISO 27001`, `401(k)`, `10-K`, `Six Sigma`, `5 Whys`), frequency words
//! (`weekly`) and vague amounts (`dozens of`, `high-volume`).
//!
//! The detector works on words separated by whitespace. Each word with a
//! digit is classified by its shape (`40%`, `$1.2M`, `3x`, `840ms`, `2,400`,
//! `1st`, `4.8/5`, `40-page`, `S3`, `VGG-16`) and, for bare numbers, by its
//! neighbours: a number right after a name (`Node 14`, `iOS 17`, `RTX 4090`)
//! is part of the name, a number after a lowercase word (`to 14`, `across 48`)
//! is a count, and a four-digit number between 1900 and 2099 is a year unless
//! it counts a plural noun.

use std::ops::Range;

/// Byte ranges of the metrics in `text`, in order and non-overlapping.
pub fn find_metrics(text: &str) -> Vec<Range<usize>> {
    let words = split_words(text);
    let mut class = vec![Class::Plain; words.len()];
    mark_named_numbers(&words, &mut class);
    for i in 0..words.len() {
        if class[i] == Class::Plain {
            class[i] = classify(&words, &class, i);
        }
    }
    let mut spans: Vec<Range<usize>> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if class[i] == Class::Metric {
            spans.push(w.core.clone());
        }
    }
    spans.extend(number_word_phrases(&words, &class));
    spans.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for r in spans {
        match out.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Whether `text` states at least one metric.
pub fn has_metric(text: &str) -> bool {
    !find_metrics(text).is_empty()
}

/// A whitespace-separated word with its punctuation trimmed off.
#[derive(Debug)]
struct Word<'a> {
    /// The word without surrounding punctuation.
    text: &'a str,
    /// Byte range of `text` in the input.
    core: Range<usize>,
    /// Punctuation (or a quote) was trimmed before the word.
    lead_punct: bool,
    /// The word was preceded by an apostrophe (`'22`).
    apostrophe: bool,
    /// Punctuation was trimmed after the word (`,`, `.`, `)`, `:`).
    trail_punct: bool,
    /// The trailing punctuation ends a sentence or clause (`.`, `!`, `?`, `:`, `;`).
    ends_clause: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// Not decided yet, or no number in it.
    Plain,
    /// A measured quantity.
    Metric,
    /// A number that is a year, a version or part of a name.
    Name,
}

const LEAD_TRIM: &[char] = &[
    '"', '\'', '“', '‘', '’', '(', '[', '{', '<', '>', '~', '≈', '≤', '≥', '*', '_', '`',
];
const TRAIL_TRIM: &[char] = &[
    '.', ',', ';', ':', '!', '?', ')', ']', '}', '"', '\'', '”', '’', '*', '_', '`',
];

fn split_words(text: &str) -> Vec<Word<'_>> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                if let Some(w) = make_word(text, s, i) {
                    words.push(w);
                }
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    words
}

fn make_word(text: &str, start: usize, end: usize) -> Option<Word<'_>> {
    let raw = &text[start..end];
    let lead = raw.trim_start_matches(LEAD_TRIM);
    let apostrophe = {
        let skipped = &raw[..raw.len() - lead.len()];
        skipped.ends_with('\'') || skipped.ends_with('’')
    };
    // Keep a closing parenthesis that belongs to the word (`401(k)`).
    let mut core = lead.trim_end_matches(TRAIL_TRIM);
    if core.contains('(') && lead[core.len()..].starts_with(')') {
        core = &lead[..core.len() + 1];
    }
    if core.is_empty() {
        return None;
    }
    let s = start + (raw.len() - lead.len());
    let trail = &lead[core.len()..];
    Some(Word {
        text: core,
        core: s..s + core.len(),
        lead_punct: s > start,
        apostrophe,
        trail_punct: !trail.is_empty(),
        ends_clause: trail.contains(['.', '!', '?', ':', ';']),
    })
}

/// Numbers and number words that are names, matched as whole words,
/// case-insensitively.
const NAMED_NUMBERS: &[&[&str]] = &[
    &["5", "whys"],
    &["five", "whys"],
    &["six", "sigma"],
    &["fortune", "500"],
    &["fortune", "100"],
    &["fortune", "50"],
    &["big", "4"],
    &["big", "four"],
    &["big", "three"],
    &["24/7"],
    &["24x7"],
    &["24×7"],
    &["1:1"],
    &["1:1s"],
    &["1-on-1"],
    &["1-on-1s"],
    &["one-on-one"],
    &["one-on-ones"],
    &["401(k)"],
    &["401k"],
    &["403(b)"],
    &["403b"],
    &["457(b)"],
    &["0-to-1"],
    &["zero-to-one"],
    &["360-degree"],
    &["catch-22"],
    &["web", "2.0"],
    &["web", "3.0"],
    &["industry", "4.0"],
    &["covid-19"],
    &["g20"],
];

fn mark_named_numbers(words: &[Word<'_>], class: &mut [Class]) {
    for (i, _) in words.iter().enumerate() {
        for phrase in NAMED_NUMBERS {
            let n = phrase.len();
            if i + n > words.len() {
                continue;
            }
            let matched = phrase
                .iter()
                .zip(&words[i..i + n])
                .all(|(p, w)| w.text.eq_ignore_ascii_case(p));
            // A multi-word name must not be broken by punctuation.
            let joined = words[i..i + n - 1].iter().all(|w| !w.trail_punct);
            if matched && joined {
                for c in &mut class[i..i + n] {
                    *c = Class::Name;
                }
            }
        }
    }
}

/// Attached units that make a number a measure (`840ms`, `5GB`, `60fps`).
const UNITS: &[&str] = &[
    "%", "x", "×", "ms", "μs", "us", "ns", "s", "sec", "secs", "min", "mins", "h", "hr", "hrs",
    "wk", "wks", "mo", "mos", "yr", "yrs", "kb", "mb", "gb", "tb", "pb", "kbps", "mbps", "gbps",
    "tbps", "fps", "rps", "qps", "tps", "ops", "hz", "khz", "mhz", "ghz", "kg", "mg", "lb", "lbs",
    "oz", "km", "cm", "mm", "ft", "mi", "ml", "l", "kw", "kwh", "mw", "mwh", "°c", "°f", "pts",
    "pt", "bps", "pp", "k", "m", "b", "bn", "mn", "t",
];

/// Attached magnitudes: a number with one of these is a metric unless it
/// follows a name (`Mistral 7B`).
const MAGNITUDES: &[&str] = &["k", "m", "b", "bn", "mn", "t"];

const CURRENCY: &[char] = &['$', '€', '£', '¥', '₹', '₩', '₪', '₺', '₱', '₦', '₫', '₽'];

/// Currency codes and abbreviations written before an amount, attached
/// (`R1.4M`, `Rs.50,000`, `USD5M`, `A$2M`) or as a word of their own
/// (`USD 2M`, `EUR 40,000`, `Rs 5 lakh`).
const CURRENCY_CODES: &[&str] = &[
    "usd", "eur", "gbp", "inr", "rs", "rs.", "inr.", "r", "zar", "aud", "cad", "nzd", "sgd", "hkd",
    "chf", "jpy", "cny", "rmb", "krw", "sek", "nok", "dkk", "pln", "czk", "huf", "brl", "mxn",
    "aed", "sar", "qar", "egp", "ngn", "kes", "ghs", "idr", "myr", "thb", "vnd", "pkr", "bdt",
    "lkr", "npr", "ils", "rub", "uah", "ron", "clp", "cop", "ars",
];

/// Whether `word` (lowercase) is an amount with a currency code or a
/// lettered dollar sign attached: `r1.4m`, `rs.50,000`, `usd5m`, `a$2m`,
/// `nz$300k`. A bare code and number such as `R2` (a product name) is not
/// money; the amount must carry a magnitude, a thousands comma or decimals.
fn attached_currency(lw: &str) -> bool {
    if let Some(dollar) = lw.find('$') {
        let prefix = &lw[..dollar];
        if (1..=3).contains(&prefix.len())
            && prefix.bytes().all(|b| b.is_ascii_lowercase())
            && lw[dollar + 1..].starts_with(|c: char| c.is_ascii_digit())
        {
            return true;
        }
    }
    let digits = lw.find(|c: char| c.is_ascii_digit()).unwrap_or(lw.len());
    let (code, amount) = lw.split_at(digits);
    if code.is_empty() || !CURRENCY_CODES.contains(&code) {
        return false;
    }
    let Some((num, suffix)) = split_number(amount) else {
        return false;
    };
    let unit = suffix.trim_end_matches('+');
    if !suffix.is_empty() && !MAGNITUDES.contains(&unit) && unit != "l" && unit != "cr" {
        return false;
    }
    !unit.is_empty() || num.contains(',') || (num.contains('.') && code.len() > 1)
}

/// Nouns that, joined to a number by a hyphen, name a technique rather than
/// count things (`two-factor`, `3-tier`, `64-bit`).
const TECHNIQUE_NOUNS: &[&str] = &[
    "factor",
    "tier",
    "phase",
    "tower",
    "way",
    "sided",
    "pointer",
    "stage",
    "step",
    "statement",
    "bit",
    "body",
    "gram",
    "dimensional",
    "point",
    "shot",
    "hop",
    "pass",
    "class",
    "armed",
    "tailed",
    "layered",
    "layer",
    "axis",
    "core",
    "pin",
];

/// Lowercase words after which a number is a label, not a quantity.
const DESIGNATORS: &[&str] = &[
    "version",
    "v",
    "ver",
    "release",
    "tier",
    "level",
    "phase",
    "stage",
    "grade",
    "round",
    "season",
    "chapter",
    "figure",
    "fig",
    "section",
    "rev",
    "revision",
    "gen",
    "generation",
    "series",
    "type",
    "form",
    "room",
    "route",
    "floor",
    "no",
    "number",
    "class",
    "cohort",
    "sprint",
    "iteration",
    "milestone",
    "wave",
    "api",
    "python",
    "node",
    "java",
    "ubuntu",
    "debian",
    "windows",
    "android",
    "ios",
    "macos",
    "postgres",
    "postgresql",
    "mysql",
    "kubernetes",
    "react",
    "angular",
    "vue",
    "php",
    "ruby",
    "rails",
    "django",
    "spring",
    "scala",
    "swift",
    "kotlin",
    "go",
    "rust",
    "gcc",
    "cuda",
    "tensorflow",
    "pytorch",
    "excel",
    "office",
    "oracle",
    "sql",
    "jdk",
    "lts",
    "es",
    "ecmascript",
    "html",
    "css",
    "http",
    "tls",
    "ssl",
    "ipv",
    "wcag",
    "iso",
    "pci",
    "llama",
    "gpt",
    "claude",
    "gemini",
    "mistral",
    "phi",
    "qwen",
];

/// Names of measures: a number right after one is a score (`AUC 0.92`).
const METRIC_NAMES: &[&str] = &[
    "auc",
    "roc",
    "rmse",
    "mse",
    "mae",
    "mape",
    "f1",
    "f1-score",
    "bleu",
    "rouge",
    "ndcg",
    "mrr",
    "map",
    "iou",
    "accuracy",
    "precision",
    "recall",
    "nps",
    "csat",
    "roi",
    "roas",
    "arr",
    "mrr",
    "gpa",
    "sat",
    "act",
    "gre",
    "gmat",
    "lsat",
    "mcat",
    "wer",
    "cer",
    "psnr",
    "ssim",
    "fid",
    "elo",
    "dau",
    "mau",
    "wau",
    "uptime",
    "ctr",
    "cvr",
    "ltv",
    "cac",
    "p50",
    "p90",
    "p95",
    "p99",
    "latency",
    "score",
];

/// Capitalised words that do not make the next number part of a name.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "for", "by", "from", "with", "and", "or", "across", "over",
    "under", "on", "at", "than", "about", "nearly", "almost", "around", "up", "top", "into", "per",
    "within", "after", "before", "all", "only", "some", "each", "every", "than",
];

fn lower(s: &str) -> String {
    s.to_lowercase()
}

fn is_year(s: &str) -> bool {
    s.len() == 4
        && s.bytes().all(|b| b.is_ascii_digit())
        && matches!(s.parse::<u32>(), Ok(1900..=2099))
}

/// `1,234`, `12`, `3.5`, `1.2.3`: digits with thousands commas or dots.
fn is_plain_number(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && !s.ends_with(['.', ','])
        && !s.contains(",,")
        && !s.contains("..")
}

/// Splits `40%`, `3.5x`, `840ms`, `1M+` into number and suffix.
fn split_number(s: &str) -> Option<(&str, &str)> {
    let end = s
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .map_or(s.len(), |(i, _)| i);
    let mut num = &s[..end];
    while num.ends_with(['.', ',']) {
        num = &num[..num.len() - 1];
    }
    if num.is_empty() || !num.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((num, &s[num.len()..]))
}

#[derive(Debug, PartialEq, Eq)]
enum Shape {
    /// No digit.
    NoDigit,
    /// A measure whatever its neighbours: money, `%`, `3x`, `840ms`, `40+`,
    /// `1st`, `4.8/5`, `5–6`, `40-page`.
    Strong,
    /// A number with a magnitude (`60K`, `7B`): a metric unless after a name.
    Magnitude,
    /// A number alone: decided by its neighbours.
    Bare,
    /// A year, a version or a name (`S3`, `VGG-16`, `2019–2023`, `3D`).
    Name,
    /// An ordinal (`3rd`): a rank unless it qualifies a noun (`3rd-party`).
    Ordinal,
}

fn shape(word: &str) -> Shape {
    if !word.chars().any(|c| c.is_ascii_digit()) {
        return Shape::NoDigit;
    }
    // Hyphens other than U+002D (`31,653‑record` with a non-breaking
    // hyphen) read like the ASCII one.
    if word.contains(['\u{2010}', '\u{2011}']) {
        return shape(&word.replace(['\u{2010}', '\u{2011}'], "-"));
    }
    let lw = lower(word);
    // Currency: `$38K`, `€1.2M`, `US$5M`, `-$3`, `R1.4M`, `A$2M`.
    let body = lw.trim_start_matches(['+', '-', '−', '±']);
    if body.starts_with(CURRENCY) || attached_currency(body) {
        return Shape::Strong;
    }
    if let Some(rest) = body.strip_prefix('#') {
        if rest.chars().all(|c| c.is_ascii_digit()) {
            return Shape::Strong;
        }
    }
    if word.starts_with('+') && split_number(&word[1..]).is_some() {
        return Shape::Strong;
    }
    // Ranges: `5–6`, `3-4`, `2019–2023`.
    for dash in ['–', '—', '-'] {
        if let Some((a, b)) = lw.split_once(dash) {
            let a_num = split_number(a).is_some_and(|(_, s)| s.is_empty() || UNITS.contains(&s));
            let b_num = split_number(b).is_some_and(|(_, s)| s.is_empty() || UNITS.contains(&s));
            if a_num && b_num {
                return if is_year(a) || is_year(b.trim_end_matches(char::is_alphabetic)) {
                    Shape::Name
                } else {
                    Shape::Strong
                };
            }
        }
    }
    // Fractions and ratios: `4.8/5`, `9/10`, `3:1`.
    for sep in ['/', ':'] {
        if let Some((a, b)) = lw.split_once(sep) {
            if is_plain_number(a) && is_plain_number(b) {
                let date = is_year(b) || (sep == ':' && b.len() == 2);
                return if date { Shape::Name } else { Shape::Strong };
            }
        }
    }
    // Hyphen compounds.
    if let Some((a, b)) = word.split_once('-') {
        let a_digits = split_number(a).is_some_and(|(_, s)| s.is_empty());
        if a_digits && !b.is_empty() {
            let noun = b.split('-').next().unwrap_or(b);
            if noun.chars().all(|c| c.is_lowercase()) {
                return if noun == "fold" || !TECHNIQUE_NOUNS.contains(&noun) {
                    Shape::Strong
                } else {
                    Shape::Name
                };
            }
            return Shape::Name; // `10-K`, `3-D`, `2-FA`
        }
        if a.chars().any(char::is_alphabetic) && !a.chars().any(|c| c.is_ascii_digit()) {
            // `VGG-16`, `top-1`, `day-7`, `GPT-4o`, `COVID-19`: a name.
            return Shape::Name;
        }
        // `3D-printed`, `A100-based`: the name inside decides;
        // `3rd-party`, `4th-year` qualify a noun.
        if split_number(a).is_some() {
            return match shape(a) {
                Shape::Ordinal => Shape::Name,
                other => other,
            };
        }
        return Shape::Name;
    }
    let Some((num, suffix)) = split_number(word) else {
        return Shape::Name; // starts with a letter: `S3`, `EC2`, `YOLOv8`, `FY2023`
    };
    if num.matches('.').count() > 1 {
        return Shape::Name; // `1.2.3`
    }
    let suffix_l = lower(suffix);
    let suffix_l = suffix_l.as_str();
    if suffix.is_empty() {
        return Shape::Bare;
    }
    if suffix_l.starts_with('(') {
        return Shape::Name; // `401(k)`
    }
    // `10^6` (math written out), `1e6`.
    let exponent = suffix_l
        .strip_prefix('^')
        .or_else(|| suffix_l.strip_prefix('e'))
        .is_some_and(|e| {
            let e = e.trim_start_matches(['{', '-']).trim_end_matches('}');
            !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
        });
    if exponent {
        return Shape::Strong;
    }
    if matches!(suffix_l, "st" | "nd" | "rd" | "th") {
        return Shape::Ordinal;
    }
    let (unit, plus) = match suffix_l.strip_suffix('+') {
        Some(u) => (u, true),
        None => (suffix_l, false),
    };
    if unit.is_empty() && plus {
        return Shape::Strong;
    }
    // `5G`, `3D`, `2FA`: capitals that are not a magnitude or a data size.
    let capitals = unit.len() == suffix.len() - usize::from(plus)
        && suffix.chars().all(|c| c.is_ascii_uppercase() || c == '+');
    if capitals
        && !MAGNITUDES.contains(&unit)
        && !matches!(unit, "x" | "kb" | "mb" | "gb" | "tb" | "pb")
    {
        return Shape::Name;
    }
    if MAGNITUDES.contains(&unit) && !plus {
        return Shape::Magnitude;
    }
    if UNITS.contains(&unit) || unit.starts_with('%') {
        return Shape::Strong;
    }
    // `3x` written `3X`, `10×`.
    if unit == "x" {
        return Shape::Strong;
    }
    Shape::Name
}

fn is_capitalised(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(char::is_uppercase)
}

/// Has an uppercase letter after the first character (`iOS`, `RTX`,
/// `OAuth`, `PCI-DSS`, `Wi-Fi`).
fn is_mixed_or_caps(s: &str) -> bool {
    s.chars().skip(1).any(char::is_uppercase)
}

fn sentence_start(words: &[Word<'_>], i: usize) -> bool {
    i == 0 || words[i - 1].ends_clause
}

/// Whether words i-1 and i are adjacent without punctuation between them.
fn joined(words: &[Word<'_>], i: usize) -> bool {
    i > 0 && !words[i - 1].trail_punct && !words[i].lead_punct
}

/// Whether the word after `i` is a plural lowercase noun (`2000 users`).
fn counts_plural_noun(words: &[Word<'_>], i: usize) -> bool {
    let Some(next) = words.get(i + 1) else {
        return false;
    };
    if words[i].trail_punct || next.lead_punct {
        return false;
    }
    let t = next.text;
    t.len() > 3
        && t.chars().all(|c| c.is_lowercase() || c == '-')
        && t.ends_with('s')
        && !t.ends_with("ss")
        && !t.ends_with("us")
        && !t.ends_with("is")
}

/// Whether the word before `i` makes a number at `i` part of a name.
fn after_name(words: &[Word<'_>], class: &[Class], i: usize) -> Option<bool> {
    if !joined(words, i) {
        return None;
    }
    let prev = &words[i - 1];
    let lp = lower(prev.text);
    if METRIC_NAMES.contains(&lp.as_str()) {
        return Some(false);
    }
    // `USD 2M`, `ZAR 40,000`, `Rs 5,000`: a currency code written in
    // capitals (or `Rs`) before an amount.
    let code_form = prev.text.chars().all(|c| c.is_ascii_uppercase()) || prev.text == "Rs";
    if code_form && CURRENCY_CODES.contains(&lp.as_str()) {
        return Some(false);
    }
    if class[i - 1] == Class::Name {
        return Some(true); // `Llama 2 13B`
    }
    if prev.text.chars().any(|c| c.is_ascii_digit()) && shape(prev.text) == Shape::Name {
        return Some(true); // `GPT-4 32K`
    }
    if DESIGNATORS.contains(&lp.as_str()) {
        return Some(true);
    }
    if is_mixed_or_caps(prev.text) {
        return Some(true);
    }
    if is_capitalised(prev.text)
        && !sentence_start(words, i - 1)
        && !FUNCTION_WORDS.contains(&lp.as_str())
    {
        return Some(true);
    }
    Some(false)
}

const CONNECTORS: &[&str] = &["to", "and", "or", "through", "vs", "→", "->", "–", "-", "&"];

/// `Ubuntu 20.04 to 22.04`, `Windows 10 and 11`: a bare number coordinated
/// with a version of the same shape is a version too.
fn continues_version(words: &[Word<'_>], class: &[Class], i: usize) -> bool {
    let same_shape = |a: &str, b: &str| {
        !a.contains(',') && !b.contains(',') && a.matches('.').count() == b.matches('.').count()
    };
    let w = &words[i];
    if counts_plural_noun(words, i) {
        return false;
    }
    // `X to Y` / `X and Y` / `X, Y`.
    if i >= 2 && CONNECTORS.contains(&lower(words[i - 1].text).as_str()) && joined(words, i) {
        let v = &words[i - 2];
        if class[i - 2] == Class::Name && !v.trail_punct && same_shape(v.text, w.text) {
            return true;
        }
    }
    if i >= 1 && words[i - 1].trail_punct && !words[i - 1].ends_clause {
        let v = &words[i - 1];
        if class[i - 1] == Class::Name && same_shape(v.text, w.text) && v.text.len() <= 6 {
            return true;
        }
    }
    false
}

fn classify(words: &[Word<'_>], class: &[Class], i: usize) -> Class {
    let w = &words[i];
    match shape(w.text) {
        Shape::NoDigit => Class::Plain,
        Shape::Strong => Class::Metric,
        Shape::Name => Class::Name,
        Shape::Ordinal => {
            let next = words.get(i + 1).map(|n| lower(n.text)).unwrap_or_default();
            let qualifier = matches!(
                next.as_str(),
                "party"
                    | "year"
                    | "grade"
                    | "gen"
                    | "generation"
                    | "edition"
                    | "floor"
                    | "century"
                    | "semester"
                    | "quarter"
                    | "amendment"
                    | "anniversary"
            ) && !w.trail_punct;
            if qualifier {
                Class::Name
            } else {
                Class::Metric
            }
        }
        Shape::Magnitude => {
            if after_name(words, class, i) == Some(true) {
                Class::Name
            } else {
                Class::Metric
            }
        }
        Shape::Bare => {
            let t = w.text;
            if w.apostrophe && t.len() == 2 {
                return Class::Name; // `'22`
            }
            // A unit word after the number makes it a measure whatever
            // comes before (`AWS 30 percent`).
            let next = words.get(i + 1).map(|n| lower(n.text)).unwrap_or_default();
            if !w.trail_punct
                && matches!(
                    next.as_str(),
                    "%" | "percent" | "per" | "x" | "×" | "times" | "bps" | "pp"
                )
            {
                return Class::Metric;
            }
            if is_year(t) && !counts_plural_noun(words, i) {
                return Class::Name;
            }
            if t.contains(',') {
                return Class::Metric;
            }
            if after_name(words, class, i) == Some(true) {
                return Class::Name;
            }
            if sentence_start(words, i) && is_mixed_or_caps(t) {
                return Class::Name;
            }
            if continues_version(words, class, i) {
                return Class::Name;
            }
            Class::Metric
        }
    }
}

const NUMBER_WORDS: &[&str] = &[
    "zero",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "dozen",
];

const CHANGE_WORDS: &[&str] = &[
    "doubled",
    "doubling",
    "tripled",
    "tripling",
    "quadrupled",
    "quadrupling",
    "quintupled",
    "halved",
    "halving",
    "twofold",
    "threefold",
    "fourfold",
    "fivefold",
    "tenfold",
    "hundredfold",
];

const FRACTIONS: &[&str] = &[
    "half", "halves", "third", "thirds", "quarter", "quarters", "fourth", "fourths", "fifth",
    "fifths", "tenth", "tenths",
];

/// Number words and phrases: `two`, `a dozen`, `doubled`, `in half`,
/// `two-thirds`, `two-fold`, `twice as`.
fn number_word_phrases(words: &[Word<'_>], class: &[Class]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if class[i] != Class::Plain {
            continue;
        }
        let lw = lower(w.text);
        let lw = lw.as_str();
        let next = words
            .get(i + 1)
            .filter(|_| !w.trail_punct)
            .map(|n| lower(n.text))
            .unwrap_or_default();
        let prev = (i > 0 && joined(words, i)).then(|| lower(words[i - 1].text));
        let prev = prev.as_deref().unwrap_or("");
        // Capitalised number words in mid-sentence are names (`Lean Six Sigma`).
        let name_like = is_capitalised(w.text) && !sentence_start(words, i);
        if CHANGE_WORDS.contains(&lw) {
            out.push(w.core.clone());
            continue;
        }
        if let Some((a, b)) = lw.split_once('-') {
            let a_is_number = NUMBER_WORDS.contains(&a) && a != "dozen";
            if a_is_number && !name_like {
                let b_first = b.split('-').next().unwrap_or(b);
                let counts = b_first == "fold"
                    || FRACTIONS.contains(&b_first)
                    || (!TECHNIQUE_NOUNS.contains(&b_first)
                        && b_first.chars().all(char::is_alphabetic));
                if counts {
                    out.push(w.core.clone());
                }
            } else if (a == "one" || a == "a") && FRACTIONS.contains(&b) {
                out.push(w.core.clone()); // `one-third`, `one-half`
            }
            continue;
        }
        if NUMBER_WORDS.contains(&lw) && !name_like {
            if lw == "dozen" && next == "of" {
                continue;
            }
            if matches!(lw, "hundred" | "thousand" | "million" | "billion")
                && !matches!(prev, "a" | "one")
                && !NUMBER_WORDS.contains(&prev)
            {
                continue; // `hundreds of` is vague; `a hundred` counts
            }
            let start = if matches!(prev, "a" | "half") && lw == "dozen" {
                words[i - 1].core.start
            } else {
                w.core.start
            };
            out.push(start..w.core.end);
            continue;
        }
        if lw == "twice" && matches!(next.as_str(), "as" | "the") {
            out.push(w.core.start..words[i + 1].core.end);
            continue;
        }
        if lw == "half" {
            let phrase =
                matches!(prev, "in" | "by" | "to") || matches!(next.as_str(), "the" | "of" | "a");
            if phrase {
                let start = if matches!(prev, "in" | "by" | "to") {
                    words[i - 1].core.start
                } else {
                    w.core.start
                };
                out.push(start..w.core.end);
            }
            continue;
        }
        // `by a third`, `nearly a quarter of the budget`; not `in a quarter`
        // (time) or `a third party`.
        if matches!(lw, "third" | "quarter" | "fifth") && prev == "a" {
            let before = if i >= 2 && joined(words, i - 1) {
                lower(words[i - 2].text)
            } else {
                String::new()
            };
            let temporal = matches!(
                before.as_str(),
                "in" | "per" | "each" | "every" | "this" | "next" | "last" | "one" | "within"
            );
            let other_sense = matches!(
                next.as_str(),
                "party" | "parties" | "time" | "round" | "place" | "century" | "year"
            );
            if !temporal && !other_sense {
                out.push(words[i - 1].core.start..w.core.end);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::check_spans;

    #[test]
    fn percentages_money_and_multipliers() {
        check_spans(
            find_metrics,
            r"
            Trimmed checkout errors by 27% in the spring release
                                       ^^^
            Lowered churn 9 percent with a win-back sequence
                          ^
            Closed $2.5M in renewals and saved €40K on licences
                   ^^^^^                       ^^^^
            Invoiced £900 per month for hosting
                     ^^^^
            Made the parser 6x faster and the indexer 12× faster
                            ^^                        ^^^
            Raised throughput 3.5X after profiling the hot loop
                              ^^^^
            Signed up 50K+ users and 1M+ page views
                      ^^^^           ^^^
            Grew coverage from 61.5% to 90%
                               ^^^^^    ^^^
            ",
        );
    }

    #[test]
    fn counts_durations_rates_ranks_and_scores() {
        check_spans(
            find_metrics,
            r"
            Mentored 4 interns and reviewed 1,250 pull requests
                     ^                      ^^^^^
            Shrank the nightly build from 14 hours to 3.5 hours
                                          ^^          ^^^
            Served requests at 180ms p99 and 2,000 requests/second
                               ^^^^^         ^^^^^
            Placed 2nd of 31 teams at a regional hackathon
                   ^^^    ^^
            Ranked in the top 5% of the cohort
                              ^^
            Reached an F1 of 0.87 and a 4.6/5 user rating
                             ^^^^       ^^^^^
            Edited a 60-page handbook for a 24-bed ward
                     ^^^^^^^                ^^^^^^
            Kept the cold room at 4 °C and pumped 30 L/min
                                  ^               ^^
            Cut close from 9 business days to 5
                           ^                  ^
            Trained 3–4 new hires per quarter
                    ^^^
            Ranked #2 on the internal leaderboard
                   ^^
            Scored AUC 0.91 on the holdout set
                       ^^^^
            Saved the team 120+ hours
                           ^^^^
            Deployed 2000 sensors across the plant
                     ^^^^
            ",
        );
    }

    #[test]
    fn number_words() {
        check_spans(
            find_metrics,
            r"
            Hired two designers and a dozen contractors
                  ^^^               ^^^^^^^
            Doubled signups and halved the refund queue
            ^^^^^^^             ^^^^^^
            Halving build times freed the team for feature work
            ^^^^^^^
            Cut the backlog in half and trimmed two-thirds of alerts
                            ^^^^^^^             ^^^^^^^^^^
            Achieved a two-fold speedup and a threefold saving
                       ^^^^^^^^               ^^^^^^^^^
            Made queries twice as fast after the index rebuild
                         ^^^^^^^^
            Tripled weekly active users, quadrupling retention
            ^^^^^^^                      ^^^^^^^^^^^
            Coached six analysts over three quarters
                    ^^^               ^^^^^
            Reached a million downloads in a year
                      ^^^^^^^
            Reduced the tickets by a third with a new form
                                   ^^^^^^^
            Cut bounce rate by nearly a quarter and shipped in a quarter
                                      ^^^^^^^^^
            Signed a third party and a third-party vendor
            ",
        );
    }

    #[test]
    fn years_and_versions_are_not_metrics() {
        check_spans(
            find_metrics,
            r"
            Presented a poster at NeurIPS 2024
            Exceeded targets in FY2023 and through Q3 2024
            Ran the 2021 and 2022 intern cohorts
            Joined in '22 as the first data hire
            Migrated services from Java 8 to Java 17
            Moved the fleet from Debian 11 to 12 and Ubuntu 20.04 to 22.04
            Upgraded to Python 3.11 and Node 18
            Added OAuth 2.0 sign-in to the iOS 17 app
            Tested on Kubernetes 1.28 clusters
            Served 2019–2023 as treasurer
            Wrote docs for version 2 of the API
            ",
        );
    }

    #[test]
    fn digits_in_names_are_not_metrics() {
        check_spans(
            find_metrics,
            r"
            Stored model artefacts in S3 and ran jobs on EC2
            Fine-tuned GPT-4o and GPT-3.5 for ticket routing
            Trained YOLOv8 and ResNet-50 on CIFAR-10 crops
            Benchmarked Mistral 7B against Llama 2 13B
            Rendered scenes on an RTX 4090 and A100 GPUs
            Taught CS230 and CHEM 201 recitations
            Upgraded laptops to Windows 11
            Audited controls for ISO 27001 and SOX 404
            Tested 5G modems and Wi-Fi 6 routers
            Printed 3D fixtures with Web3 branding
            Administered 401(k) enrollment and drafted the 10-K
            Ran a 5 Whys review and earned a Six Sigma belt
            Coded encounters with ICD-10 and exchanged HL7 messages
            Patched Log4j and shipped i18n support with 2FA
            Improved top-1 accuracy on day-7 retention data
            Built 3D-printed jigs and a two-factor login flow
            Hosted weekly 1:1s and a 24/7 on-call rotation
            Finished my 3rd-party integration with a 64-bit build
            Served static assets from Cloudflare R2 and PHP 8.2
            Moved logs to R2 buckets on PHP8.1 hosts
            Read a 9-axis IMU over I2C on a 4-layer board with an 8-core SoC and a 40-pin header
            ",
        );
    }

    #[test]
    fn currency_codes_and_non_ascii_hyphens() {
        check_spans(
            find_metrics,
            r"
            Negotiated supplier terms saving R1.4M a year
                                             ^^^^^
            Recovered USD 2M of unbilled usage and ZAR 40,000 in fees
                          ^^                           ^^^^^^
            Cut hosting spend by A$300K and Rs.50,000 a month
                                 ^^^^^^     ^^^^^^^^^
            Cleaned a 31,653‑record donor file before the migration
                      ^^^^^^^^^^^^^
            Wrote a 12‐page runbook for the pager rotation
                    ^^^^^^^
            ",
        );
    }

    #[test]
    fn vague_and_frequency_words_are_not_metrics() {
        check_spans(
            find_metrics,
            r"
            Ran weekly syncs and quarterly reviews
            Shipped within weeks for a high-volume store
            Answered hundreds of tickets and dozens of emails
            Built one of the first internal tools
            Tracked NDCG and recall on every release
            ",
        );
    }

    #[test]
    fn everyday_bullets() {
        check_spans(
            find_metrics,
            r"
            Managed cloud infrastructure across 3 regions
                                                ^
            Reduced P1 incidents by 30%
                                    ^^^
            Built the storefront in Next.js 14 with server components
            Upgraded from React 17 to 18 without downtime
            Scaled the service to 10 million users
                                  ^^
            Trained GPT-2 on 8 GPUs for a week
                             ^
            Achieved 99.99% uptime over a year
                     ^^^^^^
            Cut MTTR from 4h to 30m
                          ^^    ^^^
            Onboarded 3 Fortune 500 clients
                      ^
            Implemented HTTP/2 and TLS 1.3 on the edge proxies
            Reached #1 on Product Hunt
                    ^^
            Cut costs by USD 40,000 a year
                             ^^^^^^
            Coordinated a 3-day conference for 200 attendees
                          ^^^^^                ^^^
            Achieved a 3.9 GPA while working
                       ^^^
            Lifted conversion from 1.8 to 2.6 percent
                                   ^^^    ^^^
            Handled Tier 1 support in Phase 2 of the rollout
            Scored 1520 on the SAT
                   ^^^^
            Led a two-person team through a three-day outage
                  ^^^^^^^^^^                ^^^^^^^^^
            Answered a few hundred emails and millions of pings
            Ported 2 apps to iOS 16
                   ^
            Fine-tuned Llama-3-8B with QLoRA on a single A10G
            Grew revenue 2.5 times in a year
                         ^^^
            Held twice-weekly office hours
            Served 10^6 requests and stored 1e9 rows
                   ^^^^                     ^^^
            ",
        );
    }

    #[test]
    fn has_metric_is_true_only_with_a_metric() {
        assert!(has_metric("Cut costs by 12%"));
        assert!(!has_metric("Cut costs with Python 3.12"));
        assert!(!has_metric(""));
        assert!(!has_metric("   "));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "$",
            "%",
            "-",
            "--",
            "1-",
            "-1",
            "1/",
            "/1",
            "é1",
            "1é",
            "(((",
            "401(",
            "1,",
            ",1",
            "′22",
            "x".repeat(3).as_str(),
            "1..2",
            "#",
            "#x",
            "1-on",
        ] {
            let _ = find_metrics(text);
        }
    }
}
