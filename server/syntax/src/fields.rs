//! Recognising entry fields by what they look like: dates, locations, job
//! titles and organisations. Shared by the LaTeX and Markdown lowerings,
//! because real resumes put the same fields in different orders.

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const SEASONS: [&str; 6] = ["spring", "summer", "fall", "autumn", "winter", "season"];

const ONGOING: [&str; 6] = ["present", "current", "now", "today", "ongoing", "date"];

/// Words that may accompany a date without making it something else.
const DATE_FILLER: [&str; 10] = [
    "expected",
    "anticipated",
    "since",
    "to",
    "until",
    "till",
    "from",
    "graduated",
    "graduating",
    "est",
];

fn is_month_word(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    // No month name is longer than `september`.
    if w.len() < 3 || w.len() > 9 {
        return false;
    }
    let mut buf = [0u8; 9];
    let lower = &mut buf[..w.len()];
    lower.copy_from_slice(w.as_bytes());
    lower.make_ascii_lowercase();
    let Ok(w) = std::str::from_utf8(lower) else {
        return false;
    };
    MONTHS
        .iter()
        .any(|m| *m == w || m.starts_with(w) || w == "sept")
}

/// Optimal string alignment distance between two words: insertions,
/// deletions, substitutions and swaps of adjacent characters each count one.
pub fn edit_distance(a: &str, b: &str) -> usize {
    if a.is_ascii() && b.is_ascii() {
        osa_distance(a.as_bytes(), b.as_bytes())
    } else {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        osa_distance(&a, &b)
    }
}

/// Optimal string alignment distance over three rolling rows (on the stack
/// for words of up to 63 characters).
fn osa_distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    const STACK: usize = 64;
    let n = b.len();
    let mut stack = [0usize; 3 * STACK];
    let mut heap = Vec::new();
    let rows: &mut [usize] = if n < STACK {
        &mut stack[..3 * (n + 1)]
    } else {
        heap.resize(3 * (n + 1), 0);
        &mut heap
    };
    let (r0, rest) = rows.split_at_mut(n + 1);
    let (r1, r2) = rest.split_at_mut(n + 1);
    // Rows i - 2, i - 1 and i.
    let (mut before, mut prev, mut cur) = (r0, r1, r2);
    for (j, cell) in prev.iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=n {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(before[j - 2] + 1);
            }
            cur[j] = v;
        }
        let old = before;
        before = prev;
        prev = cur;
        cur = old;
    }
    prev[n]
}

/// Whether `w` is a misspelling of a month or ongoing word (`Febuary`,
/// `Marhc`, `Presnet`): same first letter, one edit away (two for long
/// words). Only consulted when a year anchors the field, so an ordinary word
/// next to a year is not mistaken for a date.
fn is_near_date_word(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    if w.len() < 4 || w.len() > 11 || !w.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let w = w.to_ascii_lowercase();
    MONTHS
        .iter()
        .chain(["present", "current", "ongoing"].iter())
        .any(|m| {
            let allowed = if m.len() >= 6 { 2 } else { 1 };
            m.as_bytes()[0] == w.as_bytes()[0] && edit_distance(&w, m) <= allowed
        })
}

fn is_year(w: &str) -> bool {
    let w = w.trim_start_matches('\'').trim_start_matches('’');
    let digits = w.chars().all(|c| c.is_ascii_digit());
    (digits && w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
        || (digits && w.len() == 2)
}

/// `'18`, `’22`: a two-digit year marked as one by its apostrophe.
fn is_apostrophe_year(w: &str) -> bool {
    let Some(rest) = w.strip_prefix('\'').or_else(|| w.strip_prefix('’')) else {
        return false;
    };
    rest.len() == 2 && rest.bytes().all(|b| b.is_ascii_digit())
}

fn is_numeric_date(w: &str) -> bool {
    // 01/2024, 1/2024, 2024-01, 2024/01, 01.2024
    let mut parts = w.split(['/', '-', '.']);
    let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    [a, b]
        .iter()
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        && (a.len() == 4 || b.len() == 4)
}

/// Whether `text` reads as a date or date range (`Jan 2020 – Present`,
/// `2018 -- 2022`, `Summer 2021`, `Expected May 2025`, `03/2016 – 08/2017`).
pub(crate) fn looks_like_date(text: &str) -> bool {
    let mut saw_anchor = false;
    let mut saw_full_year = false;
    let mut near_misses = 0;
    let mut words = 0;
    for raw in text.split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')') {
        let w = raw.trim_matches(|c: char| matches!(c, '–' | '—' | '-' | '~' | '|' | '·' | ':'));
        if w.is_empty() {
            continue;
        }
        words += 1;
        let lower = w.to_ascii_lowercase();
        let lower = lower.trim_end_matches('.');
        if is_year(w) && w.trim_start_matches(['\'', '’']).len() == 4
            || is_apostrophe_year(w)
            || is_numeric_date(w)
            || ONGOING.contains(&lower)
        {
            saw_full_year |= is_numeric_date(w) || w.len() == 4 && is_year(w);
            saw_anchor = true;
            continue;
        }
        // Ranges written without spaces: 2019–2023, Jan–Mar.
        if w.contains(['–', '—', '-']) {
            let all = w
                .split(['–', '—', '-'])
                .filter(|p| !p.is_empty())
                .all(|p| is_year(p) || is_month_word(p) || is_numeric_date(p));
            if all {
                saw_anchor |= w.split(['–', '—', '-']).any(|p| is_year(p) && p.len() == 4);
                continue;
            }
            return false;
        }
        if is_year(w)
            || is_month_word(w)
            || SEASONS.contains(&lower)
            || DATE_FILLER.contains(&lower)
        {
            continue;
        }
        if is_near_date_word(w) {
            near_misses += 1;
            continue;
        }
        return false;
    }
    saw_anchor && words > 0 && (near_misses == 0 || saw_full_year && near_misses < words)
}

/// US state and Canadian province codes.
const REGIONS: [&str; 64] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC", "ON", "QC", "BC", "AB", "MB", "NS", "NB", "SK", "PE", "NL", "UK", "US",
    "USA",
];

/// Whether `text` reads as a location (`Chicago, IL`, `Remote`,
/// `Berlin, Germany`, `New York, NY (Hybrid)`).
pub(crate) fn looks_like_location(text: &str) -> bool {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "remote"
            | "hybrid"
            | "on-site"
            | "onsite"
            | "online"
            | "virtual"
            | "worldwide"
            | "various"
            | "multiple locations"
    ) {
        return true;
    }
    let core = t.split('(').next().unwrap_or(t).trim();
    let parts: Vec<&str> = core.split(',').map(str::trim).collect();
    if parts.len() < 2 || parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
        return false;
    }
    let words = core.split_whitespace().count();
    if words > 6 {
        return false;
    }
    let capitalised = parts.iter().all(|p| {
        p.split_whitespace()
            .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()) || w.len() <= 3)
    });
    let last = parts[parts.len() - 1];
    capitalised
        && title_score(core) <= 0
        && (REGIONS.contains(&last)
            || COUNTRIES.contains(&last)
            || parts.len() == 3 && last.split_whitespace().count() <= 2)
        && !looks_like_date(core)
}

/// Countries that often end a location.
const COUNTRIES: &[&str] = &[
    "Germany",
    "France",
    "Canada",
    "India",
    "China",
    "Japan",
    "Spain",
    "Italy",
    "Netherlands",
    "Sweden",
    "Norway",
    "Denmark",
    "Finland",
    "Ireland",
    "Switzerland",
    "Austria",
    "Belgium",
    "Poland",
    "Portugal",
    "Brazil",
    "Mexico",
    "Argentina",
    "Australia",
    "Singapore",
    "Israel",
    "Nigeria",
    "Kenya",
    "Egypt",
    "Korea",
    "South Korea",
    "Vietnam",
    "Indonesia",
    "Pakistan",
    "United States",
    "United Kingdom",
    "England",
    "Scotland",
    "New Zealand",
    "UAE",
    "Taiwan",
    "Oman",
    "Qatar",
    "Saudi Arabia",
    "Bahrain",
    "Kuwait",
    "Bangladesh",
    "Sri Lanka",
    "Nepal",
    "Philippines",
    "Malaysia",
    "Thailand",
    "Hong Kong",
    "Russia",
    "Ukraine",
    "Turkey",
    "Greece",
    "Czech Republic",
    "Czechia",
    "Romania",
    "Hungary",
    "South Africa",
    "Ghana",
    "Chile",
    "Colombia",
    "Peru",
    "Estonia",
    "Morocco",
    "Tunisia",
    "Algeria",
    "Ethiopia",
    "Rwanda",
    "Uganda",
    "Tanzania",
    "Cameroon",
    "Senegal",
    "Jordan",
    "Lebanon",
    "Iran",
    "Iraq",
    "Iceland",
    "Luxembourg",
    "Latvia",
    "Lithuania",
    "Slovakia",
    "Slovenia",
    "Croatia",
    "Serbia",
    "Bulgaria",
    "Cyprus",
    "Malta",
    "Uruguay",
    "Ecuador",
    "Venezuela",
    "Costa Rica",
    "Panama",
    "Guatemala",
    "Cuba",
    "Jamaica",
    "USA",
    "UK",
    "Wales",
    "Northern Ireland",
    "Cambodia",
    "Myanmar",
    "Mongolia",
    "Kazakhstan",
    "Uzbekistan",
    "Georgia",
    "Armenia",
    "Azerbaijan",
];

const TITLE_WORDS: &[&str] = &[
    "engineer",
    "developer",
    "intern",
    "internship",
    "manager",
    "analyst",
    "scientist",
    "designer",
    "lead",
    "director",
    "consultant",
    "assistant",
    "associate",
    "specialist",
    "researcher",
    "officer",
    "coordinator",
    "architect",
    "administrator",
    "technician",
    "fellow",
    "president",
    "vice",
    "founder",
    "co-founder",
    "cofounder",
    "head",
    "tutor",
    "teaching",
    "instructor",
    "representative",
    "programmer",
    "strategist",
    "editor",
    "writer",
    "nurse",
    "accountant",
    "advisor",
    "member",
    "chair",
    "captain",
    "volunteer",
    "mentor",
    "student",
    "trainee",
    "apprentice",
    "bachelor",
    "master",
    "b.s.",
    "m.s.",
    // Trades, services, health, law and teaching.
    "operator",
    "driver",
    "clerk",
    "cashier",
    "teacher",
    "professor",
    "lecturer",
    "supervisor",
    "agent",
    "attorney",
    "paralegal",
    "pharmacist",
    "physician",
    "therapist",
    "chef",
    "mechanic",
    "electrician",
    "technologist",
    "recruiter",
    "auditor",
    "bookkeeper",
    "dispatcher",
    "receptionist",
    "secretary",
    "planner",
    "producer",
    "photographer",
    "journalist",
    "translator",
    "librarian",
    "coach",
    "counselor",
    "counsellor",
    "executive",
    "controller",
    "sre",
    "swe",
    "cto",
    "ceo",
    "vp",
    "maintainer",
    "contributor",
    "speaker",
    "organizer",
    "organiser",
    "host",
];

const ORG_WORDS: &[&str] = &[
    "inc",
    "inc.",
    "llc",
    "ltd",
    "corp",
    "corp.",
    "corporation",
    "company",
    "co.",
    "co",
    "university",
    "college",
    "institute",
    "school",
    "labs",
    "lab",
    "laboratory",
    "technologies",
    "group",
    "bank",
    "hospital",
    "foundation",
    "academy",
    "agency",
    "partners",
    "systems",
    "gmbh",
    "club",
    "society",
    "association",
    "council",
    "union",
    "committee",
];

/// Whether `text` holds a word of the title or organisation vocabulary
/// (`University`, `Engineer`).
pub(crate) fn has_vocabulary(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-'))
        .any(|w| TITLE_WORDS.contains(&w) || ORG_WORDS.contains(&w))
}

/// Words that name a school.
const SCHOOL_WORDS: [&str; 8] = [
    "university",
    "college",
    "institute",
    "polytechnic",
    "school",
    "academy",
    "conservatory",
    "universidad",
];

/// Where the campus of a school's name ends when `text` starts with one
/// (`University of Wisconsin, Madison`, `McGill University, Montreal`): a
/// school's name, a comma, and one to three capitalised words that name no
/// role or organisation and are not a region code, a country or a date. The
/// campus is part of the name. Returns the byte length of the name with its
/// campus, which either ends `text` or is followed by `, `.
pub(crate) fn school_with_campus_len(text: &str) -> Option<usize> {
    let i = text.find(", ")?;
    let head = &text[..i];
    let lower = head.to_lowercase();
    if !lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| SCHOOL_WORDS.contains(&w))
    {
        return None;
    }
    let start = i + 2;
    let end = text[start..].find(", ").map_or(text.len(), |j| start + j);
    let campus = text[start..end].trim();
    let words: Vec<&str> = campus.split_whitespace().collect();
    let capitalised = words.iter().all(|w| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\''))
    });
    let named = !words.is_empty() && words.len() <= 3 && capitalised;
    let place = REGIONS.contains(&campus) || COUNTRIES.contains(&campus);
    (named && !place && !has_vocabulary(campus) && !looks_like_date(campus)).then_some(end)
}

/// Whether `text` reads as a grade or score (`GPA: 3.8/4.0`, `CGPA 8.4`,
/// `91%`, `Percentage: 85`): entry headings put these where a location goes.
pub(crate) fn looks_like_grade(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words = lower.split(|c: char| !c.is_alphanumeric()).any(|w| {
        matches!(
            w,
            "gpa" | "cgpa" | "sgpa" | "cpi" | "spi" | "grade" | "percentage" | "score" | "marks"
        )
    });
    let digits = lower.chars().any(|c| c.is_ascii_digit());
    let fraction = lower.split_whitespace().any(|w| {
        let mut parts = w.trim_matches(|c: char| !c.is_ascii_digit()).split('/');
        let a = parts.next().unwrap_or("");
        let b = parts.next();
        b.is_some_and(|b| {
            !a.is_empty()
                && !b.is_empty()
                && a.chars().all(|c| c.is_ascii_digit() || c == '.')
                && b.chars().all(|c| c.is_ascii_digit() || c == '.')
                && (a.contains('.') || b.contains('.') || b == "10" || b == "100")
        })
    });
    let percent = lower.trim().ends_with('%') && lower.split_whitespace().count() <= 3;
    digits && (words || fraction || percent)
}

/// A score above zero means `text` reads like a job title or degree.
pub(crate) fn title_score(text: &str) -> i32 {
    let lower = text.to_lowercase();
    let mut score = 0;
    let mut last = "";
    for w in lower.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-')) {
        if TITLE_WORDS.contains(&w) {
            score += 2;
        }
        if ORG_WORDS.contains(&w) {
            score -= 2;
        }
        if !w.is_empty() {
            last = w;
        }
    }
    // The last word names what it is: a `Lab Assistant` is a person, a
    // `Research Lab` a place.
    if TITLE_WORDS.contains(&last) {
        score += 1;
    } else if ORG_WORDS.contains(&last) {
        score -= 1;
    }
    if lower.starts_with("b.")
        || lower.starts_with("m.")
        || lower.starts_with("ph") && lower.contains("d")
    {
        score += 1;
    }
    if lower.contains("bachelor") || lower.contains("master") || lower.contains("degree") {
        score += 2;
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        for d in [
            "Jan 2020 – Present",
            "Jan. 2020 -- Dec. 2021",
            "2018 – 2022",
            "June 2019 - Aug 2019",
            "Summer 2021",
            "Expected May 2025",
            "03/2016 – 08/2017",
            "2019–2023",
            "Sept 2021 to Now",
            "Aug 2018 – May 2022",
            "2024-01 – 2024-06",
            "May 2020",
            "Febuary 2020 -- Present",
            "Jun 2020 -- Marhc 2021",
            "Jan 2020 – Presnet",
            "August '18 -- June '22",
            "May ’19 – Aug ’19",
        ] {
            assert!(looks_like_date(d), "{d}");
        }
        for d in [
            "Chicago, IL",
            "Python 3.11",
            "NeurIPS 2024",
            "Software Engineer",
            "",
            "May",
            "github.com/x",
            "Marketing 2020",
            "Mayor",
            "Presnet",
            "Junk Febuary",
        ] {
            assert!(!looks_like_date(d), "{d}");
        }
    }

    #[test]
    fn locations() {
        for l in [
            "Chicago, IL",
            "Remote",
            "Berlin, Germany",
            "New York, NY (Hybrid)",
            "Montréal, QC",
            "Salalah, Oman",
        ] {
            assert!(looks_like_location(l), "{l}");
        }
        for l in [
            "Software Engineer",
            "Jan 2020 – Present",
            "Python, Go, Rust, SQL, Docker",
            "Charge Nurse, Cardiac ICU",
            "Acme, Widgets",
        ] {
            assert!(!looks_like_location(l), "{l}");
        }
    }

    #[test]
    fn grades() {
        for g in [
            "GPA: 3.7/4.0",
            "CGPA - 8.9",
            "Current SGPA: 9.1/10",
            "88%",
            "Percentage : 72",
        ] {
            assert!(looks_like_grade(g), "{g}");
        }
        for g in [
            "Austin, TX",
            "Remote",
            "Jan 2021 – Present",
            "Cut costs by 12%, saving time",
            "2/3 of the team",
        ] {
            assert!(!looks_like_grade(g), "{g}");
        }
    }

    #[test]
    fn titles_and_organisations() {
        assert!(title_score("Senior Software Engineer") > 0);
        assert!(title_score("B.S. in Mathematics") > 0);
        assert!(title_score("University of Vermont") < 0);
        assert!(title_score("Acme Labs") < 0);
        assert!(title_score("Student Chess Society") <= 0);
        assert_eq!(title_score("Lumen Freight"), 0);
    }
}
