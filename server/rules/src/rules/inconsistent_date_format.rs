//! `inconsistent-date-format`: entry dates written in different styles.
//!
//! Every entry date that reads as a date ([`crate::analysis::dates`]) votes
//! for its style, component by component: month form, range separator (with
//! its spacing) and ongoing word (with its capitalisation). The style with
//! the most votes wins each component; `May` votes for the abbreviated and
//! the full forms at once. A tie goes to the style of the most recent entry
//! (by end date; an ongoing range is the most recent). `Config::date_style`
//! overrides the vote component by component. A single year (`2019`, a
//! common way to give a graduation year) never deviates and never votes.

use std::ops::Range;

use resume_syntax::{Format, Text};

use crate::analysis::dates::{
    apply_plain, rewrite, DateParse, DateStyle, FormSet, MonthForm, Ongoing, ParsedDate, SepKind,
    Separator, Spacing,
};
use crate::registry::{Category, FixAvailability, RuleMeta};
use crate::rules::invalid_date::{date_of, widened_invalid};
use crate::{Applicability, Context, Diagnostic, Edit, Fix, Severity};

pub(crate) const META: RuleMeta = RuleMeta {
    code: "inconsistent-date-format",
    default_severity: Severity::Warning,
    category: Category::Format,
    fix: FixAvailability::Sometimes,
    summary: "an entry date written in a different style from the other dates",
    docs: r#"## What it catches
An entry date whose style differs from the rest of the resume.
A date's style is its month form (`Jan 2024`, `Jan. 2024`, `January 2024`,
`01/2024`, `2024-01`, a season, or the year alone), its range separator
(en dash, hyphen, em dash, `to`, with or without spaces) and its word for an
ongoing role (`Present`, `Current`, `Now`, and how it is capitalised).
The style used by most dates wins each of these; on a tie, the most recent
entry's style wins. `May` is the same abbreviated and in full, so it fits
either form. A single year such as a graduation year is never reported.
Set `date_style` in `resume-lsp.toml` to choose the style instead.

## Why recruiters care
A resume is read in a few seconds, and dates are what the eye scans down the
right-hand edge. Mixed styles (`Jan 2024 - Present` above `2019 – 2023`)
look careless, make the timeline harder to follow, and suggest the document
was pasted together from several sources.

## Example
```
Search Engineer          Feb 2023 -- Present
Software Engineer        Aug 2021 -- Jan 2023
Research Assistant       2019 - 2021
Intern                   June 2018 -- August 2018
```

## Better
```
Search Engineer          Feb 2023 -- Present
Software Engineer        Aug 2021 -- Jan 2023
Research Assistant       Sep 2019 -- Jul 2021
Intern                   Jun 2018 -- Aug 2018
```

## Fix safety
The quick fix rewrites the date in the winning style and keeps its meaning:
months stay months, `Current` becomes `Present`, `--` is written for an en
dash in LaTeX and the dash character itself in Markdown (or `--` when the
document types dashes that way). It is safe, and so is the editor's source
action that fixes every date in the document at once ("Fix all N dates in
the document", which gathers the safe rewrites). Rewriting months as bare
years drops information, so that fix is unsafe and left out of that action.
A year or a season cannot be turned into a month, so such dates get no fix.
"#,
};

/// One entry date that reads as a date.
struct Found<'a> {
    text: &'a Text,
    date: ParsedDate,
}

/// The winning value of one component and whether a tie was broken.
struct Pick<T> {
    value: Option<T>,
    tie: bool,
}

/// Picks the value with most support; ties go to the most recent date.
/// `supports(date)` lists the values a date supports (empty: no vote).
fn pick<T: Copy + PartialEq>(
    dates: &[&Found<'_>],
    supports: impl Fn(&ParsedDate) -> Vec<T>,
) -> Pick<T> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    for f in dates {
        for v in supports(&f.date) {
            match counts.iter_mut().find(|(c, _)| *c == v) {
                Some((_, n)) => *n += 1,
                None => counts.push((v, 1)),
            }
        }
    }
    let Some(best) = counts.iter().map(|c| c.1).max() else {
        return Pick {
            value: None,
            tie: false,
        };
    };
    let mut tied: Vec<T> = counts.iter().filter(|c| c.1 == best).map(|c| c.0).collect();
    if tied.len() == 1 {
        return Pick {
            value: Some(tied[0]),
            tie: false,
        };
    }
    // Most recent first; among equally recent dates, document order.
    let mut by_recency: Vec<&&Found<'_>> = dates.iter().collect();
    by_recency.sort_by_key(|f| std::cmp::Reverse(f.date.recency()));
    let all_tied = tied.clone();
    for f in by_recency {
        let s = supports(&f.date);
        let narrowed: Vec<T> = tied.iter().copied().filter(|v| s.contains(v)).collect();
        if !narrowed.is_empty() && narrowed.len() < tied.len() {
            tied = narrowed;
        }
        if tied.len() == 1 {
            break;
        }
    }
    let winner = tied[0];
    // The tie matters when some voter supports a tied value but not the winner.
    let tie = dates.iter().any(|f| {
        let s = supports(&f.date);
        !s.contains(&winner) && s.iter().any(|v| all_tied.contains(v))
    });
    Pick {
        value: Some(winner),
        tie,
    }
}

fn month_votes(d: &ParsedDate) -> Vec<MonthForm> {
    if d.is_single_year() {
        return Vec::new();
    }
    let forms: FormSet = d.forms();
    forms.iter().collect()
}

/// The style every date should follow, and whether a tie decided it.
fn majority(dates: &[&Found<'_>], ctx: &Context<'_>) -> (DateStyle, bool, bool) {
    let format = ctx.resume.format;
    let pref = &ctx.config.date_style;
    let month = pick(dates, month_votes);
    let sep = pick(dates, |d| {
        d.separator().map(|s| s.kind).into_iter().collect()
    });
    // Spacing never makes a date deviate; rewrites use the most common one.
    let spaced = dates
        .iter()
        .filter_map(|f| f.date.separator())
        .filter(|s| !s.kind_is_word())
        .fold((0usize, 0usize), |(sp, t), s| match s.spacing {
            Spacing::Tight => (sp, t + 1),
            _ => (sp + 1, t),
        });
    let spacing = if spaced.1 > spaced.0 {
        Spacing::Tight
    } else {
        Spacing::Spaced
    };
    let ongoing = pick(dates, |d| d.ongoing().into_iter().collect());
    let mut configured = false;
    let mut style = DateStyle {
        month: month.value,
        separator: sep.value.map(|kind| Separator { kind, spacing }),
        ongoing: ongoing.value,
    };
    let mut tie = month.tie || sep.tie || ongoing.tie;
    if let Some(m) = pref.month.as_deref().and_then(MonthForm::from_config) {
        style.month = Some(m);
        configured = true;
        tie &= !month.tie;
    }
    if let Some(kind) = pref
        .separator
        .as_deref()
        .and_then(|s| SepKind::from_config(s, format))
    {
        style.separator = Some(Separator { kind, spacing });
        configured = true;
        tie = month.tie || ongoing.tie;
    }
    if let Some(o) = pref.ongoing.as_deref().and_then(Ongoing::parse) {
        style.ongoing = Some(o);
        configured = true;
        tie = (month.tie && pref.month.is_none()) || (sep.tie && pref.separator.is_none());
    }
    (style, tie, configured)
}

fn source_edits(text: &Text, edits: &[(Range<usize>, String)]) -> Option<Vec<Edit>> {
    edits
        .iter()
        .map(|(r, s)| {
            Some(Edit {
                range: text.source_range(r.clone())?,
                new_text: s.clone(),
            })
        })
        .collect()
}

/// The date as the source writes it, with `edits` (plain spans, source
/// replacement text) applied.
fn source_example(
    ctx: &Context<'_>,
    found: &Found<'_>,
    edits: &[(Range<usize>, String)],
) -> Option<String> {
    let span = found.text.source_range(found.date.span.clone())?;
    let src = ctx.source.get(span.clone())?;
    let mut shifted = Vec::new();
    for e in source_edits(found.text, edits)? {
        if e.range.start < span.start || e.range.end > span.end {
            return None;
        }
        shifted.push((
            e.range.start - span.start..e.range.end - span.start,
            e.new_text,
        ));
    }
    Some(apply_plain(src, &shifted))
}

/// What differs between `date` and `style`, in words.
fn differences(date: &ParsedDate, style: &DateStyle) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(want) = style.month {
        let forms = date.forms();
        if !date.is_single_year() && !forms.contains(want) {
            let have = forms
                .iter()
                .next()
                .map_or("mixed month forms", MonthForm::describe);
            out.push(format!("{have} instead of {}", want.describe()));
        }
    }
    if let (Some(want), Some(have)) = (style.separator, date.separator()) {
        if want.kind != have.kind {
            out.push(format!(
                "{} instead of {}",
                have.kind_name(),
                want.kind_name()
            ));
        }
    }
    if let (Some(want), Some(have)) = (style.ongoing, date.ongoing()) {
        if want != have {
            out.push(format!(
                "`{}` instead of `{}`",
                have.render(),
                want.render()
            ));
        }
    }
    out
}

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let found: Vec<Found<'_>> = ctx
        .resume
        .entries()
        .filter_map(|(_, e)| e.dates.as_ref())
        .filter_map(|text| match date_of(ctx, text.as_str()) {
            // A date the parser cut short around a misspelled month is
            // `invalid-date`'s finding, not a style.
            DateParse::Date(_) if widened_invalid(ctx, text).is_some() => None,
            DateParse::Date(date) => Some(Found { text, date }),
            _ => None,
        })
        .collect();
    if found.len() < 2 && ctx.config.date_style == Default::default() {
        return;
    }
    let refs: Vec<&Found<'_>> = found.iter().collect();
    let (style, tie, configured) = majority(&refs, ctx);
    let format: Format = ctx.resume.format;
    let conforming: Vec<&Found<'_>> = found
        .iter()
        .filter(|f| !f.date.is_single_year() && style.accepts(&f.date))
        .collect();
    let example = conforming
        .iter()
        .max_by_key(|f| f.date.recency())
        .and_then(|f| source_example(ctx, f, &[]));

    struct Finding {
        range: Range<usize>,
        message: String,
        fix: Option<Fix>,
    }
    let mut findings: Vec<Finding> = Vec::new();
    for f in &found {
        if style.accepts(&f.date) {
            continue;
        }
        let Some(range) = f.text.source_range(f.date.span.clone()) else {
            continue;
        };
        let rewritten = rewrite(&f.date, f.text.as_str(), &style, format)
            .filter(|r| !r.edits.is_empty())
            .and_then(|r| {
                let edits = source_edits(f.text, &r.edits)?;
                let shown = source_example(ctx, f, &r.edits)?;
                Some((r.lossy, edits, shown))
            });
        let mut desc_style = style;
        if f.date.ongoing().is_none() {
            desc_style.ongoing = None;
        }
        if f.date.separator().is_none() {
            desc_style.separator = None;
        }
        let shown = rewritten
            .as_ref()
            .map(|r| r.2.clone())
            .or_else(|| example.clone());
        let how = match &shown {
            Some(s) => format!("use `{s}` ({})", desc_style.describe()),
            None => format!("use {}", desc_style.describe()),
        };
        let why = if configured {
            " as configured for this resume".to_string()
        } else {
            match conforming.len() {
                0 => String::new(),
                1 => " like the other date".to_string(),
                n => format!(" like the other {n} dates"),
            }
        };
        let tie_note = if tie {
            "; the styles are tied, so the most recent entry's style wins"
        } else {
            ""
        };
        let diff = differences(&f.date, &style);
        let diff = if diff.is_empty() {
            String::new()
        } else {
            format!(" ({})", diff.join(", "))
        };
        let message =
            format!("date style differs from the rest of the resume{diff}: {how}{why}{tie_note}");
        let fix = rewritten.map(|(lossy, edits, shown)| Fix {
            title: format!("Rewrite as `{shown}`"),
            edits,
            applicability: if lossy {
                Applicability::Unsafe
            } else {
                Applicability::Safe
            },
        });
        findings.push(Finding {
            range,
            message,
            fix,
        });
    }
    // Each finding carries only the rewrite of its own date. The action
    // that fixes every date at once gathers the safe ones where it is
    // offered (the language server's `source.fixDates.resume-lsp`), so the
    // findings stay linear in the number of dates.
    for f in findings {
        let fixes: Vec<Fix> = f.fix.into_iter().collect();
        out.push(META.diagnostic_with_fixes(f.range, f.message, fixes));
    }
}

#[cfg(test)]
mod tests {
    use resume_syntax::Format::{Latex, Markdown};

    use crate::config::DateStylePreference;
    use crate::testing::{check, check_fix, check_with_config, doc};
    use crate::Config;

    const CODE: &str = "inconsistent-date-format";

    fn is_annotation(line: &str) -> bool {
        let t = line.trim_start();
        t.starts_with('^') || t.starts_with("<!--") || t.starts_with('%')
    }

    /// Groups `lines` into dates, each with the annotation lines after it.
    fn groups<'a>(lines: &[&'a str]) -> Vec<(&'a str, String)> {
        let mut out: Vec<(&str, String)> = Vec::new();
        for line in lines {
            match out.last_mut() {
                Some(last) if is_annotation(line) => {
                    last.1.push_str(line);
                    last.1.push('\n');
                }
                _ => out.push((line, String::new())),
            }
        }
        out
    }

    /// A Markdown resume with one entry per date; annotation lines after a
    /// date mark findings on its line (`*date*`, so the date starts at
    /// column 1).
    fn md(lines: &[&str]) -> String {
        let mut body = String::from("## Experience\n\n");
        for (i, (d, notes)) in groups(lines).into_iter().enumerate() {
            body.push_str(&format!(
                "### Engineer {i} — Company {i}\n*{d}*\n{notes}\n- Shipped a tool used by {i}0 teams\n\n"
            ));
        }
        doc(Markdown, &body)
    }

    /// A LaTeX resume with one `\resumeSubheading` per date, written on the
    /// line `  {Engineer N}{date}` (the date starts at column 15).
    fn tex(lines: &[&str]) -> String {
        let mut body = String::from("\\section{Experience}\n\\resumeSubHeadingListStart\n");
        for (i, (d, notes)) in groups(lines).into_iter().enumerate() {
            body.push_str(&format!(
                "\\resumeSubheading\n  {{Engineer {i}}}{{{d}}}\n{notes}  {{Company {i}}}{{Chicago, IL}}\n\
                 \\resumeItemListStart\n  \\resumeItem{{Shipped a tool used by {i}0 teams}}\n\\resumeItemListEnd\n"
            ));
        }
        body.push_str("\\resumeSubHeadingListEnd");
        doc(Latex, &body)
    }

    #[test]
    fn markdown_year_only_and_full_months_deviate() {
        check(
            Markdown,
            &md(&[
                "Feb 2023 – Present",
                "Aug 2021 – Jan 2023",
                "2015 – 2019",
                " ^^^^^^^^^^^ warning[inconsistent-date-format]: abbreviated month, en dash) like the other 3 dates",
                "June 2018 – August 2018",
                " ^^^^^^^^^^^^^^^^^^^^^^^ warning[inconsistent-date-format]: use `Jun 2018 – Aug 2018`",
                "Oct 2017 – Dec 2017",
            ]),
            &[CODE],
        );
    }

    #[test]
    fn latex_hyphen_and_numeric_months_deviate() {
        check(
            Latex,
            &tex(&[
                "Feb 2023 -- Present",
                "Aug 2021 -- Jan 2023",
                "03/2019 -- 07/2021",
                "%              ^^^^^^^^^^^^^^^^^^ warning[inconsistent-date-format]: use `Mar 2019 -- Jul 2021`",
                "Jun 2018 - Aug 2018",
                "%              ^^^^^^^^^^^^^^^^^^^ warning[inconsistent-date-format]: en dash",
            ]),
            &[CODE],
        );
    }

    #[test]
    fn consistent_resumes_are_clean() {
        check(
            Markdown,
            &md(&[
                "Feb 2023 – Present",
                "Aug 2021 – Jan 2023",
                "Jun 2018 – Aug 2018",
            ]),
            &[CODE],
        );
        check(
            Latex,
            &tex(&[
                "Mar. 2022 -- Present",
                "Jan. 2021 -- Feb. 2022",
                "Aug. 2019 -- Dec. 2019",
            ]),
            &[CODE],
        );
        check(
            Latex,
            &tex(&["2021 -- 2023", "2019 -- 2021", "2015 -- 2019"]),
            &[CODE],
        );
        check(
            Markdown,
            &md(&["Fall 2021 – Spring 2022", "Summer 2021 – Fall 2021"]),
            &[CODE],
        );
        // Spacing around the dash is not part of the style.
        check(
            Markdown,
            &md(&[
                "Feb 2023 – Present",
                "Aug 2021–Jan 2023",
                "Jun 2018 – Aug 2018",
            ]),
            &[CODE],
        );
    }

    #[test]
    fn may_single_dates_and_graduation_years_are_not_deviations() {
        // `May` fits both the abbreviated and the full form.
        check(
            Markdown,
            &md(&[
                "Feb 2023 – Present",
                "May 2021 – Jan 2023",
                "Sep 2019 – May 2021",
            ]),
            &[CODE],
        );
        check(
            Latex,
            &tex(&[
                "January 2023 -- Present",
                "May 2021 -- December 2022",
                "May 2019 -- May 2020",
            ]),
            &[CODE],
        );
        // A single month-year or a lone graduation year has no separator to disagree on.
        check(
            Latex,
            &tex(&[
                "Feb 2023 -- Present",
                "Aug 2021 -- Jan 2023",
                "May 2021",
                "2019",
            ]),
            &[CODE],
        );
    }

    #[test]
    fn entries_without_dates_are_ignored() {
        // A project heading whose second argument is a link, and years in titles.
        let source = doc(
            Latex,
            r"
            \section{Projects}
            \resumeSubHeadingListStart
            \resumeProjectHeading
              {\textbf{Atlas 2020} $|$ \emph{Rust}}{\href{https://example.com/atlas}{example.com/atlas}}
              \resumeItemListStart
                \resumeItem{Indexed 2 million pages for the 2021 survey}
              \resumeItemListEnd
            \resumeProjectHeading
              {\textbf{Beacon} $|$ \emph{Go}}{Jan 2022 -- Present}
              \resumeItemListStart
                \resumeItem{Served 40 teams}
              \resumeItemListEnd
            \resumeProjectHeading
              {\textbf{Comet} $|$ \emph{Go}}{Mar 2021 -- Dec 2021}
              \resumeItemListStart
                \resumeItem{Served 30 teams}
              \resumeItemListEnd
            \resumeSubHeadingListEnd
            ",
        );
        check(Latex, &source, &[CODE]);
    }

    #[test]
    fn ongoing_word_and_its_case() {
        check(
            Markdown,
            &md(&[
                "Feb 2023 – Present",
                "Aug 2021 – Present",
                "Jan 2020 – present",
                " ^^^^^^^^^^^^^^^^^^ warning[inconsistent-date-format]: use `Jan 2020 – Present`",
                "Mar 2019 – Current",
                " ^^^^^^^^^^^^^^^^^^ warning[inconsistent-date-format]: `Present`",
            ]),
            &[CODE],
        );
    }

    #[test]
    fn ties_go_to_the_most_recent_entry() {
        check(
            Markdown,
            &md(&[
                "2014 - 2016",
                " ^^^^^^^^^^^ warning[inconsistent-date-format]: the most recent entry's style wins",
                "Jan 2021 – Present",
                "Mar 2017 – Dec 2020",
                "2012 - 2014",
                " ^^^^^^^^^^^ warning[inconsistent-date-format]: tied",
            ]),
            &[CODE],
        );
    }

    #[test]
    fn configured_style_wins() {
        let config = Config {
            date_style: DateStylePreference {
                month: Some("long".into()),
                separator: None,
                ongoing: None,
            },
            ..Config::default()
        };
        check_with_config(
            Markdown,
            &md(&[
                "Feb 2023 – Present",
                " ^^^^^^^^^^^^^^^^^^ warning[inconsistent-date-format]: use `February 2023 – Present` (full month name, en dash, `Present`) as configured",
                "May 2021 – Jan 2023",
                " ^^^^^^^^^^^^^^^^^^^ warning[inconsistent-date-format]: `May 2021 – January 2023`",
            ]),
            &[CODE],
            &config,
        );
    }

    #[test]
    fn configured_separator_and_ongoing_word() {
        let config = Config {
            date_style: DateStylePreference {
                month: None,
                separator: Some("to".into()),
                ongoing: Some("Current".into()),
            },
            ..Config::default()
        };
        check_with_config(
            Markdown,
            &md(&[
                "Feb 2023 – Present",
                " ^^^^^^^^^^^^^^^^^^ warning[inconsistent-date-format]: use `Feb 2023 to Current` (abbreviated month, `to`, `Current`) as configured",
                "Aug 2021 to Jan 2023",
            ]),
            &[CODE],
            &config,
        );
    }

    #[test]
    fn fixes_latex_dashes_and_months() {
        check_fix(
            Latex,
            &tex(&[
                "Feb 2023 -- Present",
                "Aug 2021 -- Jan 2023",
                "Jun 2018 - Aug 2018",
                "June 2017 -- August 2017",
                "2016-03 -- 2017-01",
            ]),
            CODE,
            &tex(&[
                "Feb 2023 -- Present",
                "Aug 2021 -- Jan 2023",
                "Jun 2018 -- Aug 2018",
                "Jun 2017 -- Aug 2017",
                "Mar 2016 -- Jan 2017",
            ]),
        );
    }

    #[test]
    fn fixes_markdown_dashes_numeric_months_and_ongoing_words() {
        check_fix(
            Markdown,
            &md(&[
                "Feb 2023 – Present",
                "Aug 2021 – Jan 2023",
                "Sep 2019 – Jul 2021",
                "03/2016 – 08/2017",
                "Jun 2014 - Feb 2016",
                "Jan 2013 to current",
            ]),
            CODE,
            &md(&[
                "Feb 2023 – Present",
                "Aug 2021 – Jan 2023",
                "Sep 2019 – Jul 2021",
                "Mar 2016 – Aug 2017",
                "Jun 2014 – Feb 2016",
                "Jan 2013 – Present",
            ]),
        );
    }

    #[test]
    fn fixes_toward_full_names_numeric_and_seasons() {
        check_fix(
            Markdown,
            &md(&[
                "January 2023 - Present",
                "March 2021 - December 2022",
                "Aug 2019 – Feb 2021",
            ]),
            CODE,
            &md(&[
                "January 2023 - Present",
                "March 2021 - December 2022",
                "August 2019 - February 2021",
            ]),
        );
        check_fix(
            Latex,
            &tex(&[
                "01/2023 -- Present",
                "03/2021 -- 12/2022",
                "Aug. 2019 -- Feb. 2021",
            ]),
            CODE,
            &tex(&[
                "01/2023 -- Present",
                "03/2021 -- 12/2022",
                "08/2019 -- 02/2021",
            ]),
        );
        check_fix(
            Latex,
            &tex(&[
                "Fall 2022 -- Spring 2023",
                "Summer 2021 -- Fall 2021",
                "Spring 2020 - Summer 2020",
            ]),
            CODE,
            &tex(&[
                "Fall 2022 -- Spring 2023",
                "Summer 2021 -- Fall 2021",
                "Spring 2020 -- Summer 2020",
            ]),
        );
    }

    #[test]
    fn fixing_every_finding_rewrites_every_date() {
        check_fix(
            Latex,
            &tex(&[
                "Feb 2023 -- Present",
                "Aug 2021 -- Jan 2023",
                "Oct 2019 -- Jul 2021",
                "Jun 2018 - Aug 2018",
                "September 2017 -- December 2017",
            ]),
            CODE,
            &tex(&[
                "Feb 2023 -- Present",
                "Aug 2021 -- Jan 2023",
                "Oct 2019 -- Jul 2021",
                "Jun 2018 -- Aug 2018",
                "Sep 2017 -- Dec 2017",
            ]),
        );
    }

    /// A LaTeX model built by hand (independent of the LaTeX lowering):
    /// one entry per `{dates}` group of `source`, with `--` read as `–`,
    /// `---` as `—` and `~` as a space, as the lowering does.
    fn hand_model(source: &str) -> resume_syntax::Resume {
        use resume_syntax::{Entry, Resume, Section, SectionKind, Text};
        let mut entries = Vec::new();
        let mut at = 0;
        while let Some(open) = source[at..].find("{") {
            let start = at + open + 1;
            let Some(len) = source[start..].find('}') else {
                break;
            };
            let end = start + len;
            let mut t = Text::new();
            let mut i = start;
            while i < end {
                let rest = &source[i..end];
                if rest.starts_with("---") {
                    t.push_replaced("—", i..i + 3);
                    i += 3;
                } else if rest.starts_with("--") {
                    t.push_replaced("–", i..i + 2);
                    i += 2;
                } else if rest.starts_with('~') {
                    t.push_replaced(" ", i..i + 1);
                    i += 1;
                } else {
                    let c = rest.chars().next().unwrap_or(' ');
                    t.push_verbatim(&source[i..i + c.len_utf8()], i);
                    i += c.len_utf8();
                }
            }
            entries.push(Entry {
                dates: Some(t),
                heading_range: start..end,
                range: start..end,
                ..Entry::default()
            });
            at = end + 1;
        }
        let mut r = Resume::empty(Latex);
        r.is_resume = true;
        r.sections.push(Section {
            kind: SectionKind::Experience,
            heading: Text::new(),
            range: 0..source.len(),
            entries,
            bullets: Vec::new(),
            skills: Vec::new(),
            prose: Vec::new(),
        });
        r
    }

    fn hand_lint(source: &str) -> Vec<crate::Diagnostic> {
        crate::lint(&hand_model(source), source, &Config::default())
            .into_iter()
            .filter(|d| d.code == CODE)
            .collect()
    }

    #[test]
    fn latex_source_mapping_without_the_lowering() {
        let source = "{Feb 2023 -- Present}\n{Aug 2021 -- Jan 2023}\n{Oct 2019 -- Jul~2021}\n\
                      {Jun 2018 - Aug 2018}\n{June 2017 --- August 2017}\n{2015 -- 2017}\n";
        let found = hand_lint(source);
        let texts: Vec<&str> = found.iter().map(|d| &source[d.range.clone()]).collect();
        assert_eq!(
            texts,
            [
                "Jun 2018 - Aug 2018",
                "June 2017 --- August 2017",
                "2015 -- 2017"
            ]
        );
        assert!(
            found[0].message.contains("use `Jun 2018 -- Aug 2018`"),
            "{}",
            found[0].message
        );
        assert!(
            found[0].message.contains("hyphen instead of en dash"),
            "{}",
            found[0].message
        );
        assert!(found[2]
            .message
            .contains("year only instead of abbreviated month"));
        assert!(
            found[2].message.contains("`Feb 2023 -- Present`"),
            "{}",
            found[2].message
        );
        // No rewrite of its own: a year has no month to write.
        assert!(found[2].fixes.is_empty());
        // Every finding carries only the rewrite of its own date; the safe
        // rewrites together fix every date that can be fixed.
        assert!(found.iter().all(|d| d.fixes.len() <= 1));
        let all: Vec<crate::Edit> = found
            .iter()
            .flat_map(|d| &d.fixes)
            .filter(|f| f.applicability == crate::Applicability::Safe)
            .flat_map(|f| f.edits.iter().cloned())
            .collect();
        assert_eq!(
            crate::apply_edits(source, &all),
            "{Feb 2023 -- Present}\n{Aug 2021 -- Jan 2023}\n{Oct 2019 -- Jul~2021}\n\
             {Jun 2018 -- Aug 2018}\n{Jun 2017 -- Aug 2017}\n{2015 -- 2017}\n"
        );
    }

    #[test]
    fn fixes_are_linear_in_the_number_of_dates() {
        // 200 dates with a hyphen among 201 with an en dash: every finding
        // carries the edits of its own date only, never a copy of the
        // document-wide rewrite.
        let mut lines: Vec<String> = Vec::new();
        for i in 0..401 {
            let year = 2000 + i % 24;
            let sep = if i % 2 == 0 { "–" } else { "-" };
            lines.push(format!("Jan {year} {sep} Dec {year}"));
        }
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let source = md(&refs);
        let resume = resume_syntax::parse(&source, Markdown, &Default::default());
        let found: Vec<crate::Diagnostic> = crate::lint(&resume, &source, &Config::default())
            .into_iter()
            .filter(|d| d.code == CODE)
            .collect();
        assert_eq!(found.len(), 200);
        let edits: usize = found
            .iter()
            .flat_map(|d| &d.fixes)
            .map(|f| f.edits.len())
            .sum();
        assert!(
            (200..=3 * 200).contains(&edits),
            "{edits} edits across 200 findings"
        );
        let fixed = crate::apply_edits(
            &source,
            &found
                .iter()
                .flat_map(|d| d.fixes[0].edits.iter().cloned())
                .collect::<Vec<_>>(),
        );
        assert!(!fixed.contains(" - Dec"));
    }

    #[test]
    fn lossy_rewrites_are_unsafe_and_left_out_of_fix_all() {
        let source = "{2021 -- 2023}\n{2019 -- 2021}\n{Mar 2017 -- Jun 2019}\n{2015 -- 2017}\n";
        let found = hand_lint(source);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].fixes.len(), 1);
        assert_eq!(
            found[0].fixes[0].applicability,
            crate::Applicability::Unsafe
        );
        assert_eq!(
            crate::apply_edits(source, &found[0].fixes[0].edits),
            "{2021 -- 2023}\n{2019 -- 2021}\n{2017 -- 2019}\n{2015 -- 2017}\n"
        );
    }
}
