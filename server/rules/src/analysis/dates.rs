//! Entry dates: reading a date or date range, its style, and rewriting it in
//! another style.
//!
//! Everything here works on the plain text of an entry's date (LaTeX `--`
//! already read as `–`, `---` as `—`, escapes resolved). Every component
//! carries its plain byte span, so a rewrite replaces exactly the characters
//! that change and leaves the rest (spacing, commas, case) as written.
//!
//! A date's *style* has three components ([`DateStyle`]): the month form
//! ([`MonthForm`]), the range separator ([`Separator`]; its spacing is kept
//! for rewriting but never makes a date deviate) and
//! the word for an ongoing range ([`Ongoing`], with its capitalisation).
//! `May` is written the same abbreviated and in full, so it is compatible
//! with the short, short-with-period and full forms at once; likewise the
//! numeric months `10`–`12` are both padded and unpadded.
//!
//! Rendering for the source format: in LaTeX an en dash is written `--` and
//! an em dash `---`. In Markdown the separator is written exactly as the
//! style holds it: a document that uses `–` gets `–`, and one that types
//! `--` (for a converter that turns it into a dash) keeps `--`, since the
//! style is read from what the document itself uses.

use std::ops::Range;

use resume_syntax::{edit_distance, Format};

/// Month names: (abbreviation, full name), January first.
pub const MONTHS: [(&str, &str); 12] = [
    ("Jan", "January"),
    ("Feb", "February"),
    ("Mar", "March"),
    ("Apr", "April"),
    ("May", "May"),
    ("Jun", "June"),
    ("Jul", "July"),
    ("Aug", "August"),
    ("Sep", "September"),
    ("Oct", "October"),
    ("Nov", "November"),
    ("Dec", "December"),
];

const SEASONS: [&str; 5] = ["spring", "summer", "fall", "autumn", "winter"];

/// Words that may stand before a date without being part of it.
const PREFIXES: [&str; 16] = [
    "expected",
    "exp",
    "anticipated",
    "graduated",
    "graduating",
    "graduation",
    "grad",
    "since",
    "from",
    "started",
    "starting",
    "est",
    "estimated",
    "completed",
    "ended",
    "began",
];

/// Words that make a date-like text something else (`Mid 2020`, `Q1 2021`):
/// such texts are not read as dates and never reported as misspelled.
const NOT_MONTHS: [&str; 16] = [
    "early",
    "mid",
    "late",
    "end",
    "start",
    "beginning",
    "sem",
    "semester",
    "term",
    "quarter",
    "class",
    "year",
    "years",
    "yrs",
    "mos",
    "months",
];

/// How a month is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MonthForm {
    /// `Jan 2024`, `Sept 2024`.
    Short,
    /// `Jan. 2024`.
    ShortDot,
    /// `January 2024`.
    Long,
    /// `01/2024`.
    Numeric,
    /// `1/2024`.
    NumericUnpadded,
    /// `2024-01`.
    Iso,
    /// `Summer 2024`.
    Season,
    /// `2024`.
    Year,
}

impl MonthForm {
    /// Every form, in preference order for ties that nothing else breaks.
    pub const ALL: [MonthForm; 8] = [
        MonthForm::Short,
        MonthForm::ShortDot,
        MonthForm::Long,
        MonthForm::Numeric,
        MonthForm::NumericUnpadded,
        MonthForm::Iso,
        MonthForm::Season,
        MonthForm::Year,
    ];

    fn bit(self) -> u16 {
        1 << (self as u16)
    }

    /// How the form is described in messages.
    pub fn describe(self) -> &'static str {
        match self {
            MonthForm::Short => "abbreviated month",
            MonthForm::ShortDot => "abbreviated month with a period",
            MonthForm::Long => "full month name",
            MonthForm::Numeric => "numeric month",
            MonthForm::NumericUnpadded => "numeric month without a leading zero",
            MonthForm::Iso => "year-month",
            MonthForm::Season => "season and year",
            MonthForm::Year => "year only",
        }
    }

    /// Reads the configuration name of a form: `short`, `short-dot`, `long`,
    /// `numeric`, `numeric-unpadded`, `iso`, `season`, `year`.
    pub fn from_config(name: &str) -> Option<MonthForm> {
        Some(
            match name.trim().to_ascii_lowercase().replace('_', "-").as_str() {
                "short" | "abbreviated" | "jan" => MonthForm::Short,
                "short-dot" | "abbreviated-dot" | "jan." => MonthForm::ShortDot,
                "long" | "full" | "january" => MonthForm::Long,
                "numeric" | "01/2024" => MonthForm::Numeric,
                "numeric-unpadded" | "1/2024" => MonthForm::NumericUnpadded,
                "iso" | "2024-01" => MonthForm::Iso,
                "season" => MonthForm::Season,
                "year" | "year-only" => MonthForm::Year,
                _ => return None,
            },
        )
    }

    /// Whether the form names a month (so dates in it can be converted to
    /// any other month form).
    pub fn has_month(self) -> bool {
        !matches!(self, MonthForm::Season | MonthForm::Year)
    }

    fn is_word(self) -> bool {
        matches!(
            self,
            MonthForm::Short | MonthForm::ShortDot | MonthForm::Long
        )
    }
}

/// A set of month forms a written date is compatible with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub struct FormSet(u16);

impl FormSet {
    /// The set holding only `form`.
    pub fn only(form: MonthForm) -> FormSet {
        FormSet(form.bit())
    }

    /// Whether `form` is in the set.
    pub fn contains(self, form: MonthForm) -> bool {
        self.0 & form.bit() != 0
    }

    /// Forms in both sets.
    pub fn intersect(self, other: FormSet) -> FormSet {
        FormSet(self.0 & other.0)
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The forms in the set, in [`MonthForm::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = MonthForm> {
        MonthForm::ALL
            .into_iter()
            .filter(move |f| self.contains(*f))
    }

    fn with(self, form: MonthForm) -> FormSet {
        FormSet(self.0 | form.bit())
    }
}

/// Capitalisation of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Case {
    /// `Present`.
    Title,
    /// `present`.
    Lower,
    /// `PRESENT`.
    Upper,
}

impl Case {
    fn of(word: &str) -> Case {
        let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
            Case::Upper
        } else if letters.first().is_some_and(|c| c.is_lowercase()) {
            Case::Lower
        } else {
            Case::Title
        }
    }

    /// `word` (written in title case) in this case.
    fn apply(self, word: &str) -> String {
        match self {
            Case::Title => word.to_string(),
            Case::Lower => word.to_lowercase(),
            Case::Upper => word.to_uppercase(),
        }
    }
}

/// The word for an ongoing range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OngoingWord {
    /// `Present`.
    Present,
    /// `Current`.
    Current,
    /// `Now`.
    Now,
    /// `Today`.
    Today,
    /// `Ongoing`.
    Ongoing,
}

impl OngoingWord {
    fn from_lower(word: &str) -> Option<OngoingWord> {
        Some(match word {
            "present" => OngoingWord::Present,
            "current" => OngoingWord::Current,
            "now" => OngoingWord::Now,
            "today" => OngoingWord::Today,
            "ongoing" => OngoingWord::Ongoing,
            _ => return None,
        })
    }

    fn title(self) -> &'static str {
        match self {
            OngoingWord::Present => "Present",
            OngoingWord::Current => "Current",
            OngoingWord::Now => "Now",
            OngoingWord::Today => "Today",
            OngoingWord::Ongoing => "Ongoing",
        }
    }
}

/// An ongoing word as written: the word and its capitalisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ongoing {
    /// The word.
    pub word: OngoingWord,
    /// Its capitalisation.
    pub case: Case,
}

impl Ongoing {
    /// Reads an ongoing word as written (`Present`, `present`, `NOW`).
    pub fn parse(written: &str) -> Option<Ongoing> {
        let w = written.trim();
        Some(Ongoing {
            word: OngoingWord::from_lower(&w.to_lowercase())?,
            case: Case::of(w),
        })
    }

    /// The word as written.
    pub fn render(self) -> String {
        self.case.apply(self.word.title())
    }
}

/// The kind of a range separator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SepKind {
    /// `-` (also the Unicode hyphen and minus sign).
    Hyphen,
    /// `–` (LaTeX `--`).
    EnDash,
    /// `—` (LaTeX `---`).
    EmDash,
    /// `--` typed in Markdown.
    DoubleHyphen,
    /// `---` typed in Markdown.
    TripleHyphen,
    /// `to`.
    To,
    /// `until`.
    Until,
    /// `through`.
    Through,
}

impl SepKind {
    fn is_word(self) -> bool {
        matches!(self, SepKind::To | SepKind::Until | SepKind::Through)
    }

    /// The separator in the source format.
    pub fn render(self, format: Format) -> &'static str {
        match (self, format) {
            (SepKind::Hyphen, _) => "-",
            (SepKind::EnDash, Format::Latex) | (SepKind::DoubleHyphen, _) => "--",
            (SepKind::EmDash, Format::Latex) | (SepKind::TripleHyphen, _) => "---",
            (SepKind::EnDash, Format::Markdown) => "–",
            (SepKind::EmDash, Format::Markdown) => "—",
            (SepKind::To, _) => "to",
            (SepKind::Until, _) => "until",
            (SepKind::Through, _) => "through",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            SepKind::Hyphen => "hyphen",
            SepKind::EnDash => "en dash",
            SepKind::EmDash => "em dash",
            SepKind::DoubleHyphen => "`--`",
            SepKind::TripleHyphen => "`---`",
            SepKind::To => "`to`",
            SepKind::Until => "`until`",
            SepKind::Through => "`through`",
        }
    }
}

/// Whitespace around a separator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Spacing {
    /// `2020 – 2021`.
    Spaced,
    /// `2020–2021`.
    Tight,
    /// Space on one side only.
    Uneven,
}

/// A range separator with its spacing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Separator {
    /// Which separator.
    pub kind: SepKind,
    /// Whitespace around it (words are always spaced).
    pub spacing: Spacing,
}

impl SepKind {
    /// Reads a separator kind as configured: `–`, `-`, `—`, `--`, `---`,
    /// `to`, `until`, `through`, or a name (`en-dash`, `hyphen`, `em-dash`).
    /// `format` decides what `--` means: an en dash in LaTeX, two hyphens in
    /// Markdown. Spacing is not configured: it follows the document.
    pub fn from_config(value: &str, format: Format) -> Option<SepKind> {
        Some(match value.trim().to_ascii_lowercase().as_str() {
            "-" | "hyphen" => SepKind::Hyphen,
            "–" | "en-dash" | "endash" | "en dash" => SepKind::EnDash,
            "—" | "em-dash" | "emdash" | "em dash" => SepKind::EmDash,
            "--" if format == Format::Latex => SepKind::EnDash,
            "---" if format == Format::Latex => SepKind::EmDash,
            "--" => SepKind::DoubleHyphen,
            "---" => SepKind::TripleHyphen,
            "to" => SepKind::To,
            "until" => SepKind::Until,
            "through" => SepKind::Through,
            _ => return None,
        })
    }
}

impl Separator {
    /// The separator with its spacing in the source format.
    pub fn render(self, format: Format) -> String {
        let s = self.kind.render(format);
        if self.kind.is_word() || self.spacing != Spacing::Tight {
            format!(" {s} ")
        } else {
            s.to_string()
        }
    }

    /// Whether the separator is a word (`to`, `until`, `through`).
    pub fn kind_is_word(self) -> bool {
        self.kind.is_word()
    }

    /// The separator's name without its spacing.
    pub fn kind_name(self) -> &'static str {
        self.kind.describe()
    }

    /// How the separator is described in messages.
    pub fn describe(self) -> String {
        let base = self.kind.describe();
        match self.spacing {
            Spacing::Tight if !self.kind.is_word() => format!("{base} without spaces"),
            Spacing::Uneven if !self.kind.is_word() => format!("{base} with uneven spaces"),
            _ => base.to_string(),
        }
    }
}

/// A season.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Season {
    /// Spring.
    Spring,
    /// Summer.
    Summer,
    /// Fall or autumn.
    Fall,
    /// Winter.
    Winter,
}

/// What a point of a date says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointValue {
    /// A month (1–12) and year; the year is missing for the start of a range
    /// that shares the end's year (`Jun – Aug 2021`).
    Month {
        /// 1–12.
        month: u8,
        /// The year, when written.
        year: Option<u16>,
    },
    /// A season and year.
    Season {
        /// The season.
        season: Season,
        /// The year.
        year: u16,
    },
    /// A year alone.
    Year {
        /// The year.
        year: u16,
    },
    /// An ongoing word.
    Ongoing(Ongoing),
}

/// One end of a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Point {
    /// What it says.
    pub value: PointValue,
    /// Plain span of the whole point.
    pub span: Range<usize>,
    /// Plain span of the month word (with its period) or month number.
    pub month_span: Option<Range<usize>>,
    /// Month forms this point is compatible with (empty for an ongoing word).
    pub forms: FormSet,
    /// Whether the month was written `Sept`.
    pub sept: bool,
    /// Capitalisation of the month word.
    pub month_case: Case,
}

impl Point {
    /// Months since year 0 covered by the point, as an inclusive interval;
    /// `None` for an ongoing word.
    fn interval(&self, year_hint: Option<u16>) -> Option<(u32, u32)> {
        let m = |y: u16, month: u32| u32::from(y) * 12 + month;
        match self.value {
            PointValue::Month { month, year } => {
                let y = year.or(year_hint)?;
                let v = m(y, u32::from(month));
                Some((v, v))
            }
            PointValue::Season { season, year } => Some(match season {
                Season::Spring => (m(year, 3), m(year, 5)),
                Season::Summer => (m(year, 6), m(year, 8)),
                Season::Fall => (m(year, 9), m(year, 11)),
                Season::Winter => (m(year, 0), m(year, 12)),
            }),
            PointValue::Year { year } => Some((m(year, 1), m(year, 12))),
            PointValue::Ongoing(_) => None,
        }
    }
}

/// The end of a range: the separator and the end point.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RangeEnd {
    /// The separator.
    pub separator: Separator,
    /// Plain span of the separator itself (dash or word).
    pub separator_span: Range<usize>,
    /// Plain span from the end of the start point to the start of the end
    /// point (the separator with its whitespace).
    pub gap: Range<usize>,
    /// The end point.
    pub end: Point,
}

/// A readable date or date range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedDate {
    /// Plain span of the date (without a leading `Expected` or a trailing
    /// parenthesis).
    pub span: Range<usize>,
    /// The start, or the single date.
    pub start: Point,
    /// The rest of a range.
    pub range: Option<RangeEnd>,
}

impl ParsedDate {
    /// The month forms the whole date is compatible with: the forms every
    /// point shares (empty when its points are written in different forms).
    pub fn forms(&self) -> FormSet {
        let mut set = self.start.forms;
        if let Some(r) = &self.range {
            if !r.end.forms.is_empty() {
                set = set.intersect(r.end.forms);
            }
        }
        set
    }

    /// The separator of a range.
    pub fn separator(&self) -> Option<Separator> {
        self.range.as_ref().map(|r| r.separator)
    }

    /// The ongoing word of an open range.
    pub fn ongoing(&self) -> Option<Ongoing> {
        match self.range.as_ref()?.end.value {
            PointValue::Ongoing(o) => Some(o),
            _ => None,
        }
    }

    /// Whether this is a single date, not a range.
    pub fn is_single(&self) -> bool {
        self.range.is_none()
    }

    /// Whether the date is a single year (`2019`), a common way to give a
    /// graduation year whatever the other dates look like.
    pub fn is_single_year(&self) -> bool {
        self.is_single() && matches!(self.start.value, PointValue::Year { .. })
    }

    fn end_year(&self) -> Option<u16> {
        match self.range.as_ref()?.end.value {
            PointValue::Month { year, .. } => year,
            PointValue::Season { year, .. } | PointValue::Year { year } => Some(year),
            PointValue::Ongoing(_) => None,
        }
    }

    /// The start year of a yearless start (`Nov – Feb 2021` starts in 2020).
    fn start_year_hint(&self) -> Option<u16> {
        let end_year = self.end_year()?;
        if let (PointValue::Month { month: s, .. }, Some(r)) = (self.start.value, &self.range) {
            if let PointValue::Month { month: e, .. } = r.end.value {
                if s > e {
                    return end_year.checked_sub(1);
                }
            }
        }
        Some(end_year)
    }

    /// Whether a range ends before it starts.
    pub fn ends_before_start(&self) -> bool {
        let Some(r) = &self.range else {
            return false;
        };
        let (Some((s_lo, _)), Some((_, e_hi))) = (
            self.start.interval(self.start_year_hint()),
            r.end.interval(None),
        ) else {
            return false;
        };
        e_hi < s_lo
    }

    /// A key that grows with how recent the date is: its end (an ongoing
    /// range is the most recent of all).
    pub fn recency(&self) -> u32 {
        match &self.range {
            None => self.start.interval(None).map_or(0, |(_, hi)| hi),
            Some(r) => match r.end.value {
                PointValue::Ongoing(_) => u32::MAX,
                _ => r.end.interval(None).map_or(0, |(_, hi)| hi),
            },
        }
    }
}

/// Why a date-like text cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A word close to a month, season or ongoing word.
    Misspelled {
        /// Plain span of the word.
        span: Range<usize>,
        /// The word as written.
        written: String,
        /// The closest month or season names, spelled like the word
        /// (abbreviated or full, same capitalisation).
        suggestions: Vec<String>,
    },
    /// A numeric month outside 1–12.
    BadMonth {
        /// Plain span of the number.
        span: Range<usize>,
        /// The number.
        value: u32,
    },
}

/// The result of reading a date text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateParse {
    /// Not a date at all (empty, a link, a location): ignored by date rules.
    NotADate,
    /// A readable date.
    Date(ParsedDate),
    /// A date that cannot be read, with every problem found; `span` covers
    /// the date.
    Invalid {
        /// Plain span of the date.
        span: Range<usize>,
        /// What is wrong.
        problems: Vec<Problem>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    /// A word: lowercased letters, whether a period follows.
    Word(String, bool),
    /// Digits: value and digit count.
    Num(u32, usize),
    Slash,
    Comma,
    Colon,
    Dash(SepKind),
    Open,
    Other,
}

#[derive(Clone, Debug)]
struct Token {
    tok: Tok,
    span: Range<usize>,
    space_before: bool,
    space_after: bool,
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut space = false;
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            space = true;
            if let Some(last) = out.last_mut() {
                last.space_after = true;
            }
            continue;
        }
        let (tok, end) = if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            let mut has_digit = false;
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() {
                    has_digit |= d.is_ascii_digit();
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let word = text[i..end].to_lowercase();
            if has_digit {
                (Tok::Other, end)
            } else if let Some(&(j, '.')) = chars.peek() {
                chars.next();
                (Tok::Word(word, true), j + 1)
            } else {
                (Tok::Word(word, false), end)
            }
        } else if c.is_ascii_digit() {
            let mut end = i + 1;
            while let Some(&(j, d)) = chars.peek() {
                if d.is_ascii_digit() {
                    end = j + 1;
                    chars.next();
                } else {
                    break;
                }
            }
            let digits = &text[i..end];
            let value = if digits.len() > 6 {
                u32::MAX
            } else {
                digits.parse().unwrap_or(u32::MAX)
            };
            (Tok::Num(value, digits.len()), end)
        } else {
            let end = i + c.len_utf8();
            match c {
                '-' => {
                    let mut n = 1;
                    let mut end = end;
                    while let Some(&(j, '-')) = chars.peek() {
                        n += 1;
                        end = j + 1;
                        chars.next();
                    }
                    let kind = match n {
                        1 => SepKind::Hyphen,
                        2 => SepKind::DoubleHyphen,
                        3 => SepKind::TripleHyphen,
                        _ => {
                            out.push(Token {
                                tok: Tok::Other,
                                span: i..end,
                                space_before: space,
                                space_after: false,
                            });
                            space = false;
                            continue;
                        }
                    };
                    (Tok::Dash(kind), end)
                }
                '\u{2010}' | '\u{2011}' | '\u{2212}' => (Tok::Dash(SepKind::Hyphen), end),
                '–' | '\u{2012}' => (Tok::Dash(SepKind::EnDash), end),
                '—' | '\u{2015}' => (Tok::Dash(SepKind::EmDash), end),
                '/' => (Tok::Slash, end),
                ',' => (Tok::Comma, end),
                ':' => (Tok::Colon, end),
                '(' => (Tok::Open, end),
                _ => (Tok::Other, end),
            }
        };
        out.push(Token {
            tok,
            span: i..end,
            space_before: space,
            space_after: false,
        });
        space = false;
    }
    out
}

fn month_of(word: &str) -> Option<(u8, bool)> {
    // (month, written in full)
    if word == "sept" {
        return Some((9, false));
    }
    MONTHS.iter().enumerate().find_map(|(i, (short, long))| {
        let n = i as u8 + 1;
        if word == long.to_ascii_lowercase() {
            Some((n, true))
        } else if word == short.to_ascii_lowercase() {
            Some((n, false))
        } else {
            None
        }
    })
}

fn season_of(word: &str) -> Option<Season> {
    Some(match word {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "fall" | "autumn" => Season::Fall,
        "winter" => Season::Winter,
        _ => return None,
    })
}

fn year_of(tok: &Tok) -> Option<u16> {
    match *tok {
        Tok::Num(v, 4) if (1900..=2099).contains(&v) => Some(v as u16),
        _ => None,
    }
}

/// Month and season names within a small edit distance of `word` (a
/// lowercased word that is none of them), closest first, spelled in the
/// case of `written`.
fn suggestions(word: &str, written: &str) -> Vec<String> {
    let len = word.chars().count();
    if len < 3 || PREFIXES.contains(&word) || NOT_MONTHS.contains(&word) {
        return Vec::new();
    }
    let max = if len >= 7 { 2 } else { 1 };
    let mut candidates: Vec<(usize, usize, String)> = Vec::new();
    for (i, (short, long)) in MONTHS.iter().enumerate() {
        for name in [*short, *long] {
            candidates.push((
                edit_distance(word, &name.to_ascii_lowercase()),
                i,
                name.into(),
            ));
        }
    }
    for (i, s) in SEASONS.iter().enumerate() {
        let mut title = s.to_string();
        title[..1].make_ascii_uppercase();
        candidates.push((edit_distance(word, s), 100 + i, title));
    }
    let best = candidates.iter().map(|c| c.0).min().unwrap_or(usize::MAX);
    if best == 0 || best > max {
        return Vec::new();
    }
    let case = Case::of(written);
    let mut out: Vec<String> = Vec::new();
    let mut seen: Vec<usize> = Vec::new();
    for (dist, id, name) in candidates {
        // A short name one edit away from a short word is too loose
        // (`Dev` → `Dec` is likely, `Son` → `Jun` is not a date at all).
        if dist != best
            || seen.contains(&id)
            || (name.len() <= 3 && len <= 3 && !is_transposition(word, &name))
        {
            continue;
        }
        seen.push(id);
        out.push(case.apply(&name));
    }
    out
}

fn is_transposition(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    if a.len() != b.len() {
        return false;
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    diff.len() == 2
        && diff[1] == diff[0] + 1
        && a[diff[0]] == b[diff[1]]
        && a[diff[1]] == b[diff[0]]
}

struct Parser<'a> {
    text: &'a str,
    toks: Vec<Token>,
    i: usize,
    problems: Vec<Problem>,
}

impl Parser<'_> {
    fn peek(&self, k: usize) -> Option<&Token> {
        self.toks.get(self.i + k)
    }

    /// Reads one point; `None` when the tokens here are no date point.
    fn point(&mut self) -> Option<Point> {
        let t = self.peek(0)?.clone();
        let base = |value, span, month_span, forms| Point {
            value,
            span,
            month_span,
            forms,
            sept: false,
            month_case: Case::Title,
        };
        match &t.tok {
            Tok::Word(w, dot) => {
                if let Some(o) = OngoingWord::from_lower(w) {
                    if *dot {
                        return None;
                    }
                    self.i += 1;
                    let written = &self.text[t.span.clone()];
                    let o = Ongoing {
                        word: o,
                        case: Case::of(written),
                    };
                    return Some(base(
                        PointValue::Ongoing(o),
                        t.span.clone(),
                        None,
                        FormSet::default(),
                    ));
                }
                if let Some(season) = season_of(w) {
                    let year = year_of(&self.peek(1)?.tok)?;
                    let end = self.peek(1)?.span.end;
                    self.i += 2;
                    return Some(base(
                        PointValue::Season { season, year },
                        t.span.start..end,
                        None,
                        FormSet::only(MonthForm::Season),
                    ));
                }
                if month_of(w).is_none() && self.i > 0 {
                    if let Some(o) = self.misspelled_ongoing(&t, w) {
                        return Some(o);
                    }
                }
                let (month, full) = match month_of(w) {
                    Some(m) => m,
                    None => {
                        // A misspelled month needs a year after it to count.
                        let written = &self.text[t.span.clone()];
                        let written = written.trim_end_matches('.');
                        let next_is_year = self.peek(1).is_some_and(|n| {
                            year_of(&n.tok).is_some() || matches!(n.tok, Tok::Dash(_))
                        });
                        if !next_is_year {
                            return None;
                        }
                        let sugg = suggestions(w, written);
                        if sugg.is_empty() {
                            return None;
                        }
                        let span = t.span.start..t.span.start + written.len();
                        self.problems.push(Problem::Misspelled {
                            span,
                            written: written.to_string(),
                            suggestions: sugg,
                        });
                        (1, false)
                    }
                };
                let forms = if month == 5 && !*dot {
                    FormSet::only(MonthForm::Short)
                        .with(MonthForm::ShortDot)
                        .with(MonthForm::Long)
                } else if full {
                    FormSet::only(MonthForm::Long)
                } else if *dot {
                    FormSet::only(MonthForm::ShortDot)
                } else {
                    FormSet::only(MonthForm::Short)
                };
                self.i += 1;
                let mut end = t.span.end;
                if self.peek(0).is_some_and(|n| n.tok == Tok::Comma)
                    && self.peek(1).is_some_and(|n| year_of(&n.tok).is_some())
                {
                    self.i += 1;
                }
                let year = match self.peek(0) {
                    Some(n) => year_of(&n.tok).inspect(|_| end = n.span.end),
                    None => None,
                };
                if year.is_some() {
                    self.i += 1;
                }
                Some(Point {
                    value: PointValue::Month { month, year },
                    span: t.span.start..end,
                    month_span: Some(t.span.clone()),
                    forms,
                    sept: w == "sept",
                    month_case: Case::of(&self.text[t.span.clone()]),
                })
            }
            Tok::Num(v, digits) => {
                let v = *v;
                let digits = *digits;
                let next = self.peek(1).cloned();
                let after = self.peek(2).cloned();
                // 01/2024, 1/2024
                if digits <= 2
                    && next
                        .as_ref()
                        .is_some_and(|n| n.tok == Tok::Slash && !n.space_before)
                {
                    let a = after?;
                    let year = year_of(&a.tok)?;
                    if a.space_before {
                        return None;
                    }
                    self.i += 3;
                    let forms = if !(1..=12).contains(&v) {
                        self.problems.push(Problem::BadMonth {
                            span: t.span.clone(),
                            value: v,
                        });
                        FormSet::only(MonthForm::Numeric)
                    } else if digits == 1 {
                        FormSet::only(MonthForm::NumericUnpadded)
                    } else if v < 10 {
                        FormSet::only(MonthForm::Numeric)
                    } else {
                        FormSet::only(MonthForm::Numeric).with(MonthForm::NumericUnpadded)
                    };
                    return Some(base(
                        PointValue::Month {
                            month: v.clamp(1, 12) as u8,
                            year: Some(year),
                        },
                        t.span.start..a.span.end,
                        Some(t.span.clone()),
                        forms,
                    ));
                }
                let year = year_of(&t.tok)?;
                // 2024-01
                if let (Some(n), Some(a)) = (&next, &after) {
                    if n.tok == Tok::Dash(SepKind::Hyphen) && !n.space_before && !a.space_before {
                        if let Tok::Num(m, 2) = a.tok {
                            if (1..=12).contains(&m) {
                                self.i += 3;
                                return Some(base(
                                    PointValue::Month {
                                        month: m as u8,
                                        year: Some(year),
                                    },
                                    t.span.start..a.span.end,
                                    Some(a.span.clone()),
                                    FormSet::only(MonthForm::Iso),
                                ));
                            }
                            // `2019-20` and the like: not a date this reads.
                            return None;
                        }
                    }
                }
                self.i += 1;
                Some(base(
                    PointValue::Year { year },
                    t.span.clone(),
                    None,
                    FormSet::only(MonthForm::Year),
                ))
            }
            _ => None,
        }
    }

    /// An ongoing word with a typo (`Presnet`) ending a range.
    fn misspelled_ongoing(&mut self, t: &Token, w: &str) -> Option<Point> {
        let after_sep = self
            .i
            .checked_sub(1)
            .and_then(|k| self.toks.get(k))
            .is_some_and(|p| matches!(p.tok, Tok::Dash(_)) || matches!(&p.tok, Tok::Word(x, false) if matches!(x.as_str(), "to" | "until" | "through")));
        let last = self.peek(1).is_none_or(|n| n.tok == Tok::Open);
        let len = w.chars().count();
        if !after_sep || !last || len < 5 {
            return None;
        }
        let max = if len >= 7 { 2 } else { 1 };
        let word = [
            OngoingWord::Present,
            OngoingWord::Current,
            OngoingWord::Ongoing,
        ]
        .into_iter()
        .find(|o| edit_distance(w, &o.title().to_ascii_lowercase()) <= max)?;
        let written = &self.text[t.span.clone()];
        let written = written.trim_end_matches('.');
        let case = Case::of(written);
        self.problems.push(Problem::Misspelled {
            span: t.span.start..t.span.start + written.len(),
            written: written.to_string(),
            suggestions: vec![case.apply(word.title())],
        });
        self.i += 1;
        Some(Point {
            value: PointValue::Ongoing(Ongoing { word, case }),
            span: t.span.clone(),
            month_span: None,
            forms: FormSet::default(),
            sept: false,
            month_case: Case::Title,
        })
    }

    fn separator(&mut self) -> Option<(SepKind, Token)> {
        let t = self.peek(0)?.clone();
        let kind = match &t.tok {
            Tok::Dash(k) => *k,
            Tok::Word(w, false) => match w.as_str() {
                "to" | "till" => SepKind::To,
                "until" => SepKind::Until,
                "through" | "thru" => SepKind::Through,
                _ => return None,
            },
            _ => return None,
        };
        self.i += 1;
        Some((kind, t))
    }
}

/// Reads the plain text of an entry's date.
pub fn parse_date(text: &str) -> DateParse {
    let toks = tokenize(text);
    let mut p = Parser {
        text,
        toks,
        i: 0,
        problems: Vec::new(),
    };
    // Leading words such as `Expected` or `Since`.
    while let Some(Tok::Word(w, _)) = p.peek(0).map(|t| &t.tok) {
        if PREFIXES.contains(&w.as_str()) {
            p.i += 1;
            if p.peek(0).is_some_and(|t| t.tok == Tok::Colon) {
                p.i += 1;
            }
        } else {
            break;
        }
    }
    let Some(start) = p.point() else {
        return DateParse::NotADate;
    };
    let mut range = None;
    let sep_at = p.i;
    if let Some((kind, tok)) = p.separator() {
        match p.point() {
            Some(end) => {
                let spacing = if kind.is_word() {
                    Spacing::Spaced
                } else {
                    match (tok.space_before, tok.space_after) {
                        (true, true) => Spacing::Spaced,
                        (false, false) => Spacing::Tight,
                        _ => Spacing::Uneven,
                    }
                };
                range = Some(RangeEnd {
                    separator: Separator { kind, spacing },
                    separator_span: tok.span.clone(),
                    gap: start.span.end..end.span.start,
                    end,
                });
            }
            None => {
                p.i = sep_at;
            }
        }
    }
    // Whatever follows must be nothing or a parenthetical note.
    if let Some(t) = p.peek(0) {
        if t.tok != Tok::Open {
            return DateParse::NotADate;
        }
    }
    let date = ParsedDate {
        span: start.span.start..range.as_ref().map_or(start.span.end, |r| r.end.span.end),
        start,
        range,
    };
    if matches!(date.start.value, PointValue::Ongoing(_)) {
        return DateParse::NotADate;
    }
    let yearless = |pt: &Point| matches!(pt.value, PointValue::Month { year: None, .. });
    match &date.range {
        None if yearless(&date.start) => return DateParse::NotADate,
        Some(r) => {
            if yearless(&r.end) {
                return DateParse::NotADate;
            }
            if yearless(&date.start) && !matches!(r.end.value, PointValue::Month { .. }) {
                return DateParse::NotADate;
            }
        }
        None => {}
    }
    if !p.problems.is_empty() {
        return DateParse::Invalid {
            span: date.span,
            problems: p.problems,
        };
    }
    DateParse::Date(date)
}

/// A target style; `None` components are left as they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct DateStyle {
    /// Month form.
    pub month: Option<MonthForm>,
    /// Range separator.
    pub separator: Option<Separator>,
    /// Ongoing word.
    pub ongoing: Option<Ongoing>,
}

impl DateStyle {
    /// Whether `date` is written in this style. A single year (`2019`) is
    /// compatible with every style. Spacing around the separator is not part
    /// of the comparison (SPEC §4 names month form, separator and ongoing
    /// word); a rewrite for another reason writes the style's spacing.
    pub fn accepts(&self, date: &ParsedDate) -> bool {
        let month_ok = date.is_single_year() || self.month.is_none_or(|m| date.forms().contains(m));
        let sep_ok = match (self.separator, date.separator()) {
            (Some(want), Some(have)) => want.kind == have.kind,
            _ => true,
        };
        let ongoing_ok = match (self.ongoing, date.ongoing()) {
            (Some(want), Some(have)) => want == have,
            _ => true,
        };
        month_ok && sep_ok && ongoing_ok
    }

    /// The style in words: `abbreviated month, en dash, `Present``.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(m) = self.month {
            parts.push(m.describe().to_string());
        }
        if let Some(s) = self.separator {
            parts.push(s.describe());
        }
        if let Some(o) = self.ongoing {
            parts.push(format!("`{}`", o.render()));
        }
        parts.join(", ")
    }
}

/// Edits that rewrite a date in a style.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rewrite {
    /// Plain spans to replace, with replacement text in the source format,
    /// in order and not overlapping.
    pub edits: Vec<(Range<usize>, String)>,
    /// Whether the rewrite drops information (months written as years).
    pub lossy: bool,
}

fn month_word(point: &Point, month: u8, form: MonthForm) -> String {
    let (short, long) = MONTHS[usize::from(month.clamp(1, 12)) - 1];
    let word = match form {
        MonthForm::Long => long.to_string(),
        _ if month == 5 => "May".to_string(),
        MonthForm::ShortDot if point.sept => "Sept.".to_string(),
        MonthForm::ShortDot => format!("{short}."),
        _ if point.sept => "Sept".to_string(),
        _ => short.to_string(),
    };
    match point.month_case {
        Case::Upper => word.to_uppercase(),
        Case::Lower => word.to_lowercase(),
        Case::Title => word,
    }
}

/// Rewrites one point into `form`; `None` when that cannot be done.
fn rewrite_point(
    point: &Point,
    form: MonthForm,
    year_hint: Option<u16>,
    out: &mut Rewrite,
) -> Option<()> {
    if point.forms.is_empty() || point.forms.contains(form) {
        return Some(());
    }
    let (month, year) = match point.value {
        PointValue::Month { month, year } => (month, year),
        // A season or a year has no month to write.
        _ => return None,
    };
    let month_span = point.month_span.clone()?;
    let was_word = point.forms.iter().any(MonthForm::is_word);
    if form.is_word() && was_word {
        out.edits.push((month_span, month_word(point, month, form)));
        return Some(());
    }
    let y = year.or(year_hint)?;
    let text = match form {
        MonthForm::Short | MonthForm::ShortDot | MonthForm::Long => {
            format!("{} {y}", month_word(point, month, form))
        }
        MonthForm::Numeric => format!("{month:02}/{y}"),
        MonthForm::NumericUnpadded => format!("{month}/{y}"),
        MonthForm::Iso => format!("{y}-{month:02}"),
        MonthForm::Year => {
            year?;
            out.lossy = true;
            y.to_string()
        }
        MonthForm::Season => return None,
    };
    out.edits.push((point.span.clone(), text));
    Some(())
}

/// Rewrites `date` (read from the plain `text`) in `style`, for a document
/// in `format`. `None` when some component cannot be written in the style
/// (a year has no month, a month has no season).
pub fn rewrite(
    date: &ParsedDate,
    text: &str,
    style: &DateStyle,
    format: Format,
) -> Option<Rewrite> {
    let mut out = Rewrite::default();
    let hint = date.start_year_hint();
    if let Some(form) = style.month {
        if !date.is_single_year() {
            rewrite_point(&date.start, form, hint, &mut out)?;
        }
    }
    if let Some(r) = &date.range {
        if let Some(want) = style.separator {
            if want.kind != r.separator.kind {
                let want = if want.spacing == Spacing::Uneven {
                    Separator {
                        spacing: Spacing::Spaced,
                        ..want
                    }
                } else {
                    want
                };
                let same_spacing = want.spacing == r.separator.spacing
                    || (want.kind.is_word() && r.separator.spacing == Spacing::Spaced)
                    || (r.separator.kind.is_word() && want.spacing == Spacing::Spaced);
                if same_spacing {
                    out.edits.push((
                        r.separator_span.clone(),
                        want.kind.render(format).to_string(),
                    ));
                } else {
                    out.edits.push((r.gap.clone(), want.render(format)));
                }
            }
        }
        if let Some(form) = style.month {
            rewrite_point(&r.end, form, None, &mut out)?;
        }
        if let (Some(want), PointValue::Ongoing(have)) = (style.ongoing, r.end.value) {
            if want != have {
                out.edits.push((r.end.span.clone(), want.render()));
            }
        }
    }
    out.edits.sort_by_key(|e| (e.0.start, e.0.end));
    // Edits inside the month rewrite of a point are never produced twice, but
    // keep the list well-formed whatever happens.
    out.edits.dedup_by(|b, a| b.0.start < a.0.end);
    let _ = text;
    Some(out)
}

/// `text` with plain-span edits applied (for examples in messages).
pub fn apply_plain(text: &str, edits: &[(Range<usize>, String)]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for (r, s) in edits {
        if r.start < at
            || r.end > text.len()
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        out.push_str(&text[at..r.start]);
        out.push_str(s);
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> ParsedDate {
        match parse_date(text) {
            DateParse::Date(d) => d,
            other => panic!("`{text}` read as {other:?}"),
        }
    }

    fn invalid(text: &str) -> Vec<Problem> {
        match parse_date(text) {
            DateParse::Invalid { problems, .. } => problems,
            other => panic!("`{text}` read as {other:?}"),
        }
    }

    fn span<'a>(text: &'a str, r: &Range<usize>) -> &'a str {
        &text[r.clone()]
    }

    #[test]
    fn reads_month_forms() {
        let cases: [(&str, MonthForm); 12] = [
            ("Jan 2024", MonthForm::Short),
            ("jan 2024", MonthForm::Short),
            ("Sept 2024", MonthForm::Short),
            ("Jan. 2024", MonthForm::ShortDot),
            ("Sept. 2024", MonthForm::ShortDot),
            ("January 2024", MonthForm::Long),
            ("JANUARY 2024", MonthForm::Long),
            ("01/2024", MonthForm::Numeric),
            ("1/2024", MonthForm::NumericUnpadded),
            ("2024-01", MonthForm::Iso),
            ("Summer 2021", MonthForm::Season),
            ("2021", MonthForm::Year),
        ];
        for (text, form) in cases {
            let d = date(text);
            assert!(d.is_single(), "{text}");
            assert!(d.forms().contains(form), "{text}: {:?}", d.forms());
            assert_eq!(d.forms().iter().count(), 1, "{text}");
            assert_eq!(span(text, &d.span), text);
        }
        let d = date("September 2024");
        assert_eq!(
            d.start.value,
            PointValue::Month {
                month: 9,
                year: Some(2024)
            }
        );
        assert_eq!(date("12/2020").forms().iter().count(), 2);
    }

    #[test]
    fn may_is_short_and_long() {
        let f = date("May 2020").forms();
        assert!(f.contains(MonthForm::Short));
        assert!(f.contains(MonthForm::ShortDot));
        assert!(f.contains(MonthForm::Long));
        let f = date("May 2020 – June 2021").forms();
        assert_eq!(f, FormSet::only(MonthForm::Long));
        let f = date("May 2020 – Jun 2021").forms();
        assert_eq!(f, FormSet::only(MonthForm::Short));
    }

    #[test]
    fn reads_ranges_and_separators() {
        let text = "Jan 2024 – Present";
        let d = date(text);
        let r = d.range.as_ref().unwrap();
        assert_eq!(
            r.separator,
            Separator {
                kind: SepKind::EnDash,
                spacing: Spacing::Spaced
            }
        );
        assert_eq!(span(text, &r.separator_span), "–");
        assert_eq!(span(text, &r.gap), " – ");
        assert_eq!(span(text, &r.end.span), "Present");
        assert_eq!(
            d.ongoing(),
            Some(Ongoing {
                word: OngoingWord::Present,
                case: Case::Title
            })
        );
        assert_eq!(span(text, d.start.month_span.as_ref().unwrap()), "Jan");

        let cases = [
            ("2015-2019", SepKind::Hyphen, Spacing::Tight),
            ("2015 - 2019", SepKind::Hyphen, Spacing::Spaced),
            ("2015—2019", SepKind::EmDash, Spacing::Tight),
            ("Jan 2020 to Mar 2021", SepKind::To, Spacing::Spaced),
            ("Jan 2020 until now", SepKind::Until, Spacing::Spaced),
            (
                "Jan 2020 -- Present",
                SepKind::DoubleHyphen,
                Spacing::Spaced,
            ),
            ("Jan 2020 –Present", SepKind::EnDash, Spacing::Uneven),
            ("2024-01 – 2024-06", SepKind::EnDash, Spacing::Spaced),
            ("01/2020-06/2021", SepKind::Hyphen, Spacing::Tight),
        ];
        for (text, kind, spacing) in cases {
            let d = date(text);
            assert_eq!(d.separator(), Some(Separator { kind, spacing }), "{text}");
        }
        assert_eq!(
            date("Jan 2020 until now").ongoing().unwrap().case,
            Case::Lower
        );
        assert_eq!(
            date("2024-01 – 2024-06").forms(),
            FormSet::only(MonthForm::Iso)
        );
    }

    #[test]
    fn mixed_forms_share_nothing() {
        assert!(date("2019 – Jan 2021").forms().is_empty());
        assert!(date("Jan 2019 – March 2021").forms().is_empty());
        assert_eq!(
            date("2019 – Present").forms(),
            FormSet::only(MonthForm::Year)
        );
    }

    #[test]
    fn prefixes_suffixes_and_shared_years() {
        let text = "Expected May 2026";
        let d = date(text);
        assert_eq!(span(text, &d.span), "May 2026");
        let text = "Since: Jan 2020";
        assert_eq!(span(text, &date(text).span), "Jan 2020");
        let text = "Jan 2020 – Present (4 yrs)";
        assert_eq!(span(text, &date(text).span), "Jan 2020 – Present");
        let d = date("Jun – Aug 2019");
        assert_eq!(
            d.start.value,
            PointValue::Month {
                month: 6,
                year: None
            }
        );
        assert!(!d.ends_before_start());
        assert!(!date("Nov – Feb 2021").ends_before_start());
        assert_eq!(parse_date("May 5, 2020"), DateParse::NotADate);
    }

    #[test]
    fn not_dates() {
        for text in [
            "",
            "   ",
            "github.com/someone/project",
            "Remote",
            "Chicago, IL",
            "Python, Rust",
            "Present",
            "Jun",
            "Jan 2020 –",
            "Mid 2020 – Present",
            "Q1 2021",
            "2019-20",
            "Jan 2020 – Present | Remote",
            "Son 2020",
            "Version 2020",
        ] {
            assert_eq!(parse_date(text), DateParse::NotADate, "`{text}`");
        }
    }

    #[test]
    fn misspelled_months_are_invalid_with_suggestions() {
        let text = "Jnauary 2020";
        let p = invalid(text);
        assert_eq!(
            p,
            vec![Problem::Misspelled {
                span: 0..7,
                written: "Jnauary".into(),
                suggestions: vec!["January".into()]
            }]
        );
        let text = "Jun 2020 – Marhc 2021";
        match &invalid(text)[..] {
            [Problem::Misspelled {
                span: s,
                suggestions,
                ..
            }] => {
                assert_eq!(span(text, s), "Marhc");
                assert_eq!(suggestions, &vec!["March".to_string()]);
            }
            other => panic!("{other:?}"),
        }
        match &invalid("Febuary 2019 - Present")[..] {
            [Problem::Misspelled { suggestions, .. }] => {
                assert_eq!(suggestions, &vec!["February".to_string()])
            }
            other => panic!("{other:?}"),
        }
        match &invalid("Jna 2019")[..] {
            [Problem::Misspelled { suggestions, .. }] => {
                assert_eq!(suggestions, &vec!["Jan".to_string()])
            }
            other => panic!("{other:?}"),
        }
        match &invalid("Jan 2019 – Presnet")[..] {
            [Problem::Misspelled { suggestions, .. }] => {
                assert_eq!(suggestions, &vec!["Present".to_string()])
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(parse_date("Presnet 2019"), DateParse::NotADate);
        match &invalid("Sumer 2019")[..] {
            [Problem::Misspelled { suggestions, .. }] => {
                assert_eq!(suggestions, &vec!["Summer".to_string()])
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn impossible_months_are_invalid() {
        assert_eq!(
            invalid("13/2020"),
            vec![Problem::BadMonth {
                span: 0..2,
                value: 13
            }]
        );
        assert_eq!(
            invalid("01/2020 – 00/2021"),
            vec![Problem::BadMonth {
                span: 12..14,
                value: 0
            }]
        );
    }

    #[test]
    fn backwards_ranges() {
        assert!(date("Jun 2021 – Mar 2020").ends_before_start());
        assert!(date("2021 – 2019").ends_before_start());
        assert!(!date("2021 – 2021").ends_before_start());
        assert!(!date("Mar 2021 – Mar 2021").ends_before_start());
        assert!(!date("Jan 2020 – Present").ends_before_start());
        assert!(!date("Summer 2021 – Fall 2021").ends_before_start());
        assert!(date("Fall 2021 – Spring 2021").ends_before_start());
    }

    #[test]
    fn recency_orders_by_end() {
        assert!(date("Jan 2010 – Present").recency() > date("Jan 2020 – Dec 2024").recency());
        assert!(date("Jan 2020 – Dec 2024").recency() > date("Jan 2020 – Nov 2024").recency());
    }

    fn style(month: MonthForm, kind: SepKind, ongoing: Option<&str>) -> DateStyle {
        DateStyle {
            month: Some(month),
            separator: Some(Separator {
                kind,
                spacing: Spacing::Spaced,
            }),
            ongoing: ongoing.and_then(Ongoing::parse),
        }
    }

    fn rewritten(text: &str, st: &DateStyle, format: Format) -> Option<String> {
        let d = date(text);
        let r = rewrite(&d, text, st, format)?;
        Some(apply_plain(text, &r.edits))
    }

    #[test]
    fn rewrites_into_a_style() {
        use Format::{Latex, Markdown};
        let st = style(MonthForm::Short, SepKind::EnDash, Some("Present"));
        let cases = [
            ("June 2018 – August 2018", Latex, "Jun 2018 – Aug 2018"),
            ("June 2018 - August 2018", Latex, "Jun 2018 -- Aug 2018"),
            ("June 2018 - August 2018", Markdown, "Jun 2018 – Aug 2018"),
            ("03/2016 – 08/2017", Markdown, "Mar 2016 – Aug 2017"),
            ("3/2016 - 8/2017", Markdown, "Mar 2016 – Aug 2017"),
            ("2016-03 to 2017-08", Markdown, "Mar 2016 – Aug 2017"),
            ("Sept. 2019 – present", Markdown, "Sept 2019 – Present"),
            ("Jan 2019 – Current", Markdown, "Jan 2019 – Present"),
            ("Jan 2019-Present", Markdown, "Jan 2019 – Present"),
            ("Jan 2019–Present", Markdown, "Jan 2019–Present"),
            ("May 2019 - Present", Latex, "May 2019 -- Present"),
            ("Jun – August 2019", Markdown, "Jun – Aug 2019"),
            ("Expected May 2026", Markdown, "Expected May 2026"),
        ];
        for (text, format, want) in cases {
            assert_eq!(
                rewritten(text, &st, format).as_deref(),
                Some(want),
                "{text}"
            );
        }
        // Seasons keep their words; only the separator changes.
        let st = style(MonthForm::Season, SepKind::EmDash, None);
        assert_eq!(
            rewritten("Summer 2021 - Fall 2021", &st, Latex).as_deref(),
            Some("Summer 2021 --- Fall 2021")
        );
        assert_eq!(rewritten("Jun 2021 - Aug 2021", &st, Latex), None);
        // Year-only dates have no month to write.
        let st = style(MonthForm::Long, SepKind::Hyphen, None);
        assert_eq!(rewritten("2015 – 2019", &st, Markdown), None);
        assert_eq!(
            rewritten("Jan. 2015 – Dec. 2019", &st, Markdown).as_deref(),
            Some("January 2015 - December 2019")
        );
        // To numeric and to years (which drops months).
        let st = style(MonthForm::Numeric, SepKind::Hyphen, Some("Present"));
        assert_eq!(
            rewritten("Mar 2016 – Present", &st, Markdown).as_deref(),
            Some("03/2016 - Present")
        );
        let st = style(MonthForm::Year, SepKind::EnDash, None);
        let d = date("Mar 2016 – Aug 2017");
        let r = rewrite(&d, "Mar 2016 – Aug 2017", &st, Format::Markdown).unwrap();
        assert!(r.lossy);
        assert_eq!(apply_plain("Mar 2016 – Aug 2017", &r.edits), "2016 – 2017");
        // A tight style removes the spaces.
        let tight = DateStyle {
            month: None,
            separator: Some(Separator {
                kind: SepKind::EnDash,
                spacing: Spacing::Tight,
            }),
            ongoing: None,
        };
        assert_eq!(
            rewritten("2015 to 2019", &tight, Latex).as_deref(),
            Some("2015--2019")
        );
        assert_eq!(
            rewritten("2015 - 2019", &tight, Markdown).as_deref(),
            Some("2015–2019")
        );
    }

    #[test]
    fn style_acceptance() {
        let st = style(MonthForm::Short, SepKind::EnDash, Some("Present"));
        assert!(st.accepts(&date("Jan 2020 – Present")));
        assert!(st.accepts(&date("May 2020 – May 2021")));
        assert!(st.accepts(&date("Jan 2020")));
        assert!(st.accepts(&date("2019")));
        assert!(!st.accepts(&date("2015 – 2019")));
        assert!(!st.accepts(&date("Jan 2020 – present")));
        assert!(!st.accepts(&date("Jan 2020 - Dec 2021")));
        assert!(!st.accepts(&date("January 2020")));
        // Spacing alone is no deviation.
        assert!(st.accepts(&date("Jan 2020–Present")));
        assert_eq!(st.describe(), "abbreviated month, en dash, `Present`");
    }

    #[test]
    fn config_values() {
        assert_eq!(
            MonthForm::from_config("short-dot"),
            Some(MonthForm::ShortDot)
        );
        assert_eq!(MonthForm::from_config("nonsense"), None);
        assert_eq!(
            SepKind::from_config("--", Format::Latex),
            Some(SepKind::EnDash)
        );
        assert_eq!(
            SepKind::from_config("--", Format::Markdown),
            Some(SepKind::DoubleHyphen)
        );
        assert_eq!(
            SepKind::from_config(" to ", Format::Markdown),
            Some(SepKind::To)
        );
        assert_eq!(SepKind::from_config("~", Format::Markdown), None);
        assert_eq!(Ongoing::parse("current").unwrap().render(), "current");
    }

    #[test]
    fn every_slice_reads_and_rewrites_without_panicking() {
        let sample =
            "Exp. Sépt 2019 –– 13/2020 — Jnauary 2021 to présent (2 yrs) 2024-1 MAY 2020–NOW";
        let styles = [
            style(MonthForm::Numeric, SepKind::To, Some("Current")),
            style(MonthForm::Year, SepKind::EmDash, None),
            style(MonthForm::Iso, SepKind::Hyphen, Some("present")),
        ];
        let bounds: Vec<usize> = sample
            .char_indices()
            .map(|(i, _)| i)
            .chain([sample.len()])
            .collect();
        let mut dates = 0;
        for (n, &a) in bounds.iter().enumerate() {
            for &b in &bounds[n..] {
                let text = &sample[a..b];
                if let DateParse::Date(d) = parse_date(text) {
                    dates += 1;
                    assert!(text.get(d.span.clone()).is_some());
                    for st in &styles {
                        for format in [Format::Latex, Format::Markdown] {
                            if let Some(r) = rewrite(&d, text, st, format) {
                                let _ = apply_plain(text, &r.edits);
                            }
                        }
                    }
                }
            }
        }
        assert!(dates > 10, "only {dates} slices read as dates");
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "\u{0}",
            "–––",
            "9999999999999/2020",
            "é 2020",
            "Jan\u{301} 2020",
            "(",
            "2020 (",
            "-- --",
            "May. 2020",
            "/2020",
            "12/",
        ] {
            let _ = parse_date(text);
        }
        assert_eq!(edit_distance("", "jan"), 3);
    }
}
