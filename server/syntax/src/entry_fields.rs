//! Assigning entry fields (organisation, title, location, dates) to pieces of
//! text by content first and position second.

use crate::fields::{
    has_vocabulary, looks_like_date, looks_like_grade, looks_like_location, school_with_campus_len,
    title_score,
};
use crate::macros::ArgRole;
use std::ops::Range;

use crate::model::SkillLine;
use crate::text::Text;

/// Entry fields found in a heading.
#[derive(Clone, Debug, Default)]
pub(crate) struct Fields {
    pub(crate) organisation: Option<Text>,
    pub(crate) title: Option<Text>,
    pub(crate) location: Option<Text>,
    pub(crate) dates: Option<Text>,
    pub(crate) tech: Option<Text>,
}

/// One piece with the role its position suggests and whether it was
/// emphasised as a name (bold in Markdown, `\textbf` in LaTeX).
#[derive(Clone, Debug)]
pub(crate) struct Piece {
    pub(crate) text: Text,
    pub(crate) role: ArgRole,
    pub(crate) bold: bool,
}

/// Assigns roles: dates and locations by what they look like, then title vs
/// organisation by vocabulary, falling back to the positional role.
pub(crate) fn assign(pieces: Vec<Piece>) -> Fields {
    let mut f = Fields::default();
    let mut rest: Vec<Piece> = Vec::new();
    let mut date_role = None;
    for p in pieces {
        let s = p.text.as_str().trim();
        if s.is_empty() {
            continue;
        }
        if f.dates.is_none() && looks_like_date(s) {
            date_role = Some(p.role);
            f.dates = Some(p.text);
        } else if f.location.is_none()
            && looks_like_location(s)
            && p.role != ArgRole::Title
            // `{Lakeside College, Leeds, England}` in the organisation slot,
            // `Trainee at Kiln Co, Hong Kong`: the employer with its town,
            // not a bare place.
            && p.role != ArgRole::Organisation
        {
            f.location = Some(p.text);
        } else {
            rest.push(p);
        }
    }
    // Positional roles that turned out not to hold a date or location.
    let mut named: Vec<Piece> = Vec::new();
    for p in rest {
        match p.role {
            ArgRole::Dates | ArgRole::Location
                if p.text.as_str().contains("http") || looks_like_grade(p.text.as_str()) => {}
            ArgRole::Dates | ArgRole::Location => {
                // Jake's Education order puts the location where the date
                // goes and the date where the location goes.
                let swapped = p.role == ArgRole::Dates && date_role == Some(ArgRole::Location);
                if f.location.is_none()
                    && (p.role == ArgRole::Location && named.len() >= 2 || swapped)
                {
                    f.location = Some(p.text);
                } else {
                    named.push(Piece {
                        role: ArgRole::Ignore,
                        ..p
                    });
                }
            }
            _ => named.push(p),
        }
    }
    let mut org: Option<Piece> = None;
    let mut title: Option<Piece> = None;
    let mut loose: Vec<Piece> = Vec::new();
    for p in named {
        match p.role {
            ArgRole::Organisation if org.is_none() => org = Some(p),
            ArgRole::Title if title.is_none() => title = Some(p),
            _ => loose.push(p),
        }
    }
    for p in loose {
        if title.is_none() && (title_score(p.text.as_str()) > 0 || org.is_some()) {
            title = Some(p);
        } else if org.is_none() {
            org = Some(p);
        } else if title.is_none() {
            title = Some(p);
        } else if f.location.is_none() && looks_like_location(p.text.as_str()) {
            f.location = Some(p.text);
        }
    }
    if let (Some(o), Some(t)) = (&org, &title) {
        let (so, st) = (title_score(o.text.as_str()), title_score(t.text.as_str()));
        let bold_says_swap = t.bold && !o.bold;
        if so > st || (so == st && bold_says_swap) {
            std::mem::swap(&mut org, &mut title);
        }
    } else if let (Some(o), None) = (&org, &title) {
        if title_score(o.text.as_str()) > 0 && !o.bold {
            title = org.take();
        }
    } else if let (None, Some(t)) = (&org, &title) {
        if title_score(t.text.as_str()) < 0 || t.bold && title_score(t.text.as_str()) <= 0 {
            org = title.take();
        }
    }
    f.organisation = org.map(|p| p.text);
    f.title = title.map(|p| p.text);
    // `Kiln Co, Hong Kong` named as the organisation: the place after the
    // first comma is the location when there is no other.
    if f.location.is_none() {
        if let Some(o) = f.organisation.take() {
            let s = o.as_str();
            match s.find(", ") {
                Some(i) if looks_like_location(s) && !has_vocabulary(&s[i + 2..]) => {
                    f.organisation = Some(o.slice(0..i).trimmed());
                    f.location = Some(o.slice(i + 2..s.len()).trimmed());
                }
                _ => f.organisation = Some(o),
            }
        }
    }
    // `{Kestrel Tools, Remote and Oslo, Norway}`: an entry names someone;
    // with nothing else to name, the first part of a three-part place is
    // the organisation.
    if f.organisation.is_none() && f.title.is_none() {
        if let Some(loc) = f.location.take() {
            let s = loc.as_str();
            match s.find(", ") {
                Some(i) if s.matches(", ").count() >= 2 => {
                    f.organisation = Some(loc.slice(0..i).trimmed());
                    f.location = Some(loc.slice(i + 2..s.len()).trimmed());
                }
                _ => f.location = Some(loc),
            }
        }
    }
    f
}

/// Splits a one-line entry heading (`Title — Company | Chicago, IL | Jan 2020
/// – Present`, `Company, Title (2019 – 2021)`) into pieces. `bold` marks plain
/// byte ranges that were emphasised in the source.
pub(crate) fn split_heading(line: &Text, bold: &[std::ops::Range<usize>]) -> Vec<Piece> {
    let mut parts: Vec<Text> = vec![line.clone()];
    for sep in ["|", " · ", " • ", " — ", " -- ", " --- ", "—", " @"] {
        parts = parts
            .into_iter()
            .flat_map(|p| {
                if looks_like_date(p.as_str().trim()) {
                    vec![p]
                } else {
                    p.split(sep)
                }
            })
            .collect();
    }
    let mut out: Vec<Text> = Vec::new();
    for p in parts {
        let p = p.trimmed();
        if p.is_empty() {
            continue;
        }
        let (head, date) = split_trailing_date(&p);
        if let Some(d) = date {
            out.extend(split_plain_part(&head));
            out.push(d);
        } else {
            out.extend(split_plain_part(&p));
        }
    }
    out.into_iter()
        .filter(|t| !t.is_empty())
        .map(|t| {
            let start = line_offset(line, &t);
            let is_bold = bold
                .iter()
                .any(|r| start.is_some_and(|s| r.start <= s && s + t.len() <= r.end + 1));
            // `Title @ Company`: the at sign names the employer.
            let l = line.as_str();
            let role = match start {
                Some(s)
                    if l.get(..s).is_some_and(|b| {
                        let b = b.trim_end();
                        b.ends_with('@') || b.ends_with(" at")
                    }) =>
                {
                    ArgRole::Organisation
                }
                Some(s)
                    if l.get(s + t.len()..)
                        .is_some_and(|a| a.trim_start().starts_with('@')) =>
                {
                    ArgRole::Title
                }
                _ => ArgRole::Ignore,
            };
            Piece {
                text: t,
                role,
                bold: is_bold,
            }
        })
        .collect()
}

/// Plain offset of `part` inside `line`, found through the source map.
fn line_offset(line: &Text, part: &Text) -> Option<usize> {
    let src = part.source_span()?.start;
    (0..line.len())
        .filter(|i| line.as_str().is_char_boundary(*i))
        .find(|i| line.source_offset(*i) == Some(src))
}

/// Splits off a date at the end of `t` (`Acme Corp Jan 2020 – Present`,
/// `Acme (2019 – 2021)`), returning the head and the date.
fn split_trailing_date(t: &Text) -> (Text, Option<Text>) {
    let s = t.as_str();
    if looks_like_date(s) {
        return (Text::new(), Some(t.clone()));
    }
    // Try each word boundary from the left; the first suffix that is a date
    // is the longest one.
    let boundaries: Vec<usize> = s
        .char_indices()
        .filter(|(i, c)| (c.is_whitespace() || *c == '(' || *c == ',') && *i > 0)
        .map(|(i, c)| i + c.len_utf8())
        .collect();
    for b in boundaries {
        let suffix = s[b..]
            .trim()
            .trim_start_matches('(')
            .trim_end_matches(')')
            .trim();
        if !suffix.is_empty() && looks_like_date(suffix) {
            let b = b + s[b..].find(suffix).unwrap_or(0);
            let head = t.slice(0..b).trimmed();
            let head_str = head
                .as_str()
                .trim_end_matches(['(', ',', '-', '–', '—'])
                .trim_end();
            let head = head.slice(0..head_str.len());
            let start = b;
            let end = start + suffix.len();
            return (head, Some(t.slice(start..end)));
        }
    }
    (t.clone(), None)
}

/// Splits a part that holds no date: `Title – Company`, `Title at Company`,
/// `Company, City, ST`.
fn split_plain_part(t: &Text) -> Vec<Text> {
    let s = t.as_str();
    // `University of Wisconsin, Madison`: a school with its campus is one
    // name; a place after the campus is its location.
    if let Some(n) = school_with_campus_len(s) {
        if n == s.len() {
            return vec![t.clone()];
        }
        if looks_like_location(&s[n + 2..]) {
            return vec![t.slice(0..n).trimmed(), t.slice(n + 2..s.len()).trimmed()];
        }
    }
    if looks_like_location(s) {
        // `Lakeside University, Leeds, UK`: a school or employer with its
        // town, not a bare place.
        if let Some(i) = s.find(", ") {
            // `B.A. Economics, University of California, Berkeley`: a
            // degree or role before a school with its campus.
            let school = school_with_campus_len(&s[i + 2..]) == Some(s.len() - i - 2);
            if has_vocabulary(&s[..i]) && looks_like_location(&s[i + 2..])
                || school && title_score(&s[..i]) > 0
            {
                return vec![t.slice(0..i).trimmed(), t.slice(i + 2..s.len()).trimmed()];
            }
        }
        return vec![t.clone()];
    }
    for sep in [" – ", " - ", " at "] {
        if let Some(i) = s.find(sep) {
            if sep == " at " && title_score(&s[..i]) <= 0 {
                continue;
            }
            return vec![
                t.slice(0..i).trimmed(),
                t.slice(i + sep.len()..s.len()).trimmed(),
            ];
        }
    }
    if let Some(i) = s.find(", ") {
        let rest = &s[i + 2..];
        if looks_like_location(rest) || looks_like_location(&s[i..].replacen(", ", "", 1)) {
            return vec![t.slice(0..i).trimmed(), t.slice(i + 2..s.len()).trimmed()];
        }
        if !rest.contains(", ") && (title_score(&s[..i]) != 0 || title_score(rest) != 0) {
            return vec![t.slice(0..i).trimmed(), t.slice(i + 2..s.len()).trimmed()];
        }
    }
    vec![t.clone()]
}

/// `Languages: Python, Go` → category + items.
pub(crate) fn skill_line(text: &Text, range: Range<usize>) -> SkillLine {
    let s = text.as_str();
    match s.find(':') {
        Some(i) if i < 60 => SkillLine {
            category: Some(text.slice(0..i).trimmed()),
            items: text.slice(i + 1..s.len()).trimmed(),
            range,
        },
        _ => SkillLine {
            category: None,
            items: text.clone(),
            range,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(roles: &[(&str, ArgRole)]) -> Vec<Piece> {
        let mut src = String::new();
        let mut out = Vec::new();
        for (s, r) in roles {
            let start = src.len();
            src.push_str(s);
            out.push(Piece {
                text: Text::verbatim(&src, start..src.len()),
                role: *r,
                bold: false,
            });
            src.push(' ');
        }
        out
    }

    fn show(f: &Fields) -> [String; 4] {
        let g = |t: &Option<Text>| t.as_ref().map(|t| t.to_string()).unwrap_or_default();
        [g(&f.organisation), g(&f.title), g(&f.location), g(&f.dates)]
    }

    #[test]
    fn jake_orders_and_fork_order() {
        use ArgRole::*;
        let jake_exp = pieces(&[
            ("Search Relevance Engineer", Organisation),
            ("Feb 2023 -- Present", Dates),
            ("Lumen Freight", Title),
            ("Chicago, IL", Location),
        ]);
        assert_eq!(
            show(&assign(jake_exp)),
            [
                "Lumen Freight",
                "Search Relevance Engineer",
                "Chicago, IL",
                "Feb 2023 -- Present"
            ]
        );
        let jake_edu = pieces(&[
            ("University of Vermont", Organisation),
            ("Burlington, VT", Dates),
            ("B.S. in Mathematics", Title),
            ("2015 - 2019", Location),
        ]);
        assert_eq!(
            show(&assign(jake_edu)),
            [
                "University of Vermont",
                "B.S. in Mathematics",
                "Burlington, VT",
                "2015 - 2019"
            ]
        );
    }

    #[test]
    fn school_with_town_and_a_grade_in_the_location_slot() {
        use ArgRole::*;
        let edu = pieces(&[
            ("Lakeside Institute of Design, Portland, OR", Organisation),
            ("Sept '17 -- June '21", Dates),
            ("B.A. in Industrial Design", Title),
            ("Portland, Oregon", Location),
        ]);
        assert_eq!(
            show(&assign(edu)),
            [
                "Lakeside Institute of Design, Portland, OR",
                "B.A. in Industrial Design",
                "Portland, Oregon",
                "Sept '17 -- June '21"
            ]
        );
        let graded = pieces(&[
            ("Northfield Polytechnic", Organisation),
            ("May 2024", Dates),
            ("Diploma in Surveying", Title),
            ("CGPA: 8.7/10", Location),
        ]);
        assert_eq!(
            show(&assign(graded)),
            [
                "Northfield Polytechnic",
                "Diploma in Surveying",
                "",
                "May 2024"
            ]
        );
    }

    #[test]
    fn jake_education_order_keeps_a_town_the_vocabulary_does_not_know() {
        use ArgRole::*;
        let edu = pieces(&[
            ("Kestrel Polytechnic", Organisation),
            ("Tromsø, Troms", Dates),
            ("B.Eng. Naval Architecture", Title),
            ("Aug 2019 -- 2023", Location),
        ]);
        assert_eq!(
            show(&assign(edu)),
            [
                "Kestrel Polytechnic",
                "B.Eng. Naval Architecture",
                "Tromsø, Troms",
                "Aug 2019 -- 2023"
            ]
        );
    }

    #[test]
    fn an_at_sign_before_the_company_splits_with_or_without_a_space() {
        for src in [
            "Glassblower @Kiln Works (Mar 2020 - Present)",
            "Glassblower @ Kiln Works (Mar 2020 - Present)",
        ] {
            let line = Text::verbatim(src, 0..src.len());
            let f = assign(split_heading(&line, &[]));
            assert_eq!(
                show(&f),
                ["Kiln Works", "Glassblower", "", "Mar 2020 - Present"],
                "{src}"
            );
        }
    }

    #[test]
    fn the_employer_after_at_keeps_its_town_as_the_location() {
        let src = "Glass Trainee at Kiln Co, Hong Kong";
        let line = Text::verbatim(src, 0..src.len());
        let f = assign(split_heading(&line, &[]));
        assert_eq!(show(&f), ["Kiln Co", "Glass Trainee", "Hong Kong", ""]);
    }

    #[test]
    fn a_lone_three_part_place_starts_with_the_organisation() {
        let f = assign(pieces(&[
            ("Kestrel Tools, Remote and Oslo, Norway", ArgRole::Ignore),
            ("Mar 2021 -- Present", ArgRole::Ignore),
        ]));
        assert_eq!(
            show(&f),
            [
                "Kestrel Tools",
                "",
                "Remote and Oslo, Norway",
                "Mar 2021 -- Present"
            ]
        );
    }

    #[test]
    fn a_school_with_its_town_splits_into_organisation_and_location() {
        let src = "Harrowgate College, Leeds, UK | 2016 – 2019";
        let line = Text::verbatim(src, 0..src.len());
        let f = assign(split_heading(&line, &[]));
        assert_eq!(
            show(&f),
            ["Harrowgate College", "", "Leeds, UK", "2016 – 2019"]
        );
    }

    #[test]
    fn markdown_heading_lines() {
        let src = "Senior Data Analyst — Harbor Health | Boston, MA | Mar 2019 – Present";
        let line = Text::verbatim(src, 0..src.len());
        let f = assign(split_heading(&line, &[]));
        assert_eq!(
            show(&f),
            [
                "Harbor Health",
                "Senior Data Analyst",
                "Boston, MA",
                "Mar 2019 – Present"
            ]
        );
        let src = "Acme Corp, Software Engineer (Jan 2020 – Dec 2021)";
        let line = Text::verbatim(src, 0..src.len());
        let f = assign(split_heading(&line, &[]));
        assert_eq!(
            show(&f),
            ["Acme Corp", "Software Engineer", "", "Jan 2020 – Dec 2021"]
        );
    }
}
