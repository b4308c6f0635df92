//! `invalid-date`: an entry date that cannot be read or cannot be true.
//!
//! Reads each entry's date with [`crate::analysis::dates`]: a misspelled
//! month (`Jnauary 2020`), a numeric month outside 1–12 (`13/2020`) or a range
//! that ends before it starts (`Jun 2021 – Mar 2020`). When the parser did not
//! recognise an entry's date at all (a misspelled month can hide it), the
//! entry's other fields are read too, for misspelled words only.

use resume_syntax::Text;

use crate::analysis::dates::{parse_date, DateParse, Problem};
use crate::registry::{Category, FixAvailability, RuleMeta};
use crate::{Applicability, Context, Diagnostic, Edit, Fix, Severity};

pub(crate) const META: RuleMeta = RuleMeta {
    code: "invalid-date",
    default_severity: Severity::Warning,
    category: Category::Format,
    fix: FixAvailability::Sometimes,
    summary: "an entry date that cannot be read or ends before it starts",
    docs: r#"## What it catches
An entry date a reader (or an applicant tracking system) cannot make sense of:
a misspelled month or ongoing word (`Jnauary 2020`, `Jun 2020 – Marhc 2021`,
`Jan 2020 – Presnet`), a numeric month
that does not exist (`13/2020`, `00/2021`), or a range that ends before it
starts (`Jun 2021 – Mar 2020`).

## Why recruiters care
Dates are how a recruiter reconstructs your timeline, and tracking systems
parse them to compute years of experience. A typo in a month can make the
system drop the whole entry's dates, and a backwards range reads as a
careless mistake or, worse, as an attempt to blur a gap.

## Example
```
Data Analyst             Jnauary 2020 -- Jun 2019
```

## Better
```
Data Analyst             January 2019 -- June 2020
```

## Fix safety
For a misspelled month or ongoing word the quick fix replaces the word with
the closest correct spelling (or offers each of the equally close ones). It is unsafe: the
closest spelling is usually, but not always, the intended month. Impossible
months and backwards ranges have no fix, since only the author knows the
real dates.
"#,
};

/// The plain text of one part of a date, trimmed.
fn part(text: &Text, span: std::ops::Range<usize>) -> String {
    text.as_str()
        .get(span)
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn report_problems(
    text: &Text,
    problems: &[Problem],
    misspellings_only: bool,
    out: &mut Vec<Diagnostic>,
) {
    for p in problems {
        match p {
            Problem::Misspelled {
                span,
                written,
                suggestions,
            } => {
                let Some(range) = text.source_range(span.clone()) else {
                    continue;
                };
                let names: Vec<String> = suggestions.iter().map(|s| format!("`{s}`")).collect();
                let message = match names.len() {
                    1 => format!("`{written}` is misspelled: write {}", names[0]),
                    _ => format!(
                        "`{written}` is misspelled: write one of {}",
                        names.join(", ")
                    ),
                };
                let fixes = suggestions
                    .iter()
                    .map(|s| Fix {
                        title: format!("Replace with `{s}`"),
                        edits: vec![Edit {
                            range: range.clone(),
                            new_text: s.clone(),
                        }],
                        applicability: Applicability::Unsafe,
                    })
                    .collect();
                out.push(META.diagnostic_with_fixes(range, message, fixes));
            }
            Problem::BadMonth { span, value } if !misspellings_only => {
                let Some(range) = text.source_range(span.clone()) else {
                    continue;
                };
                out.push(META.diagnostic(
                    range,
                    format!("`{value}` is not a month: write a month number from 1 to 12"),
                ));
            }
            Problem::BadMonth { .. } => {}
        }
    }
}

/// Characters a date is written with, for widening a date the parser cut
/// short.
fn is_date_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ' ' | '\t' | '.' | '-' | '–' | '—' | '/' | '~')
}

/// When the parser kept only part of a date (a misspelled month it did not
/// recognise, as in `Jnauary 2020 – Present` read as `2020 – Present`), the
/// whole date as written around it, if that is an unreadable date.
pub(crate) fn widened_invalid(ctx: &Context<'_>, text: &Text) -> Option<(Text, Vec<Problem>)> {
    let source = ctx.source;
    let span = text.source_span()?;
    let src = source.get(span.clone())?;
    let _ = src;
    let before = source.get(..span.start)?;
    let after = source.get(span.end..)?;
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_date_char(*c))
        .last()
        .map_or(span.start, |(i, _)| i);
    let end = span.end
        + after
            .char_indices()
            .take_while(|(_, c)| is_date_char(*c))
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
    if start == span.start && end == span.end {
        return None;
    }
    let wide = Text::verbatim(source, start..end);
    match date_of(ctx, wide.as_str()) {
        DateParse::Invalid { problems, .. } => Some((wide, problems)),
        _ => None,
    }
}

/// [`parse_date`], remembered between runs.
pub(crate) fn date_of(ctx: &Context<'_>, text: &str) -> DateParse {
    ctx.memo.get("date", text, || parse_date(text))
}

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (_, entry) in ctx.resume.entries() {
        match &entry.dates {
            Some(text) => {
                let parsed = date_of(ctx, text.as_str());
                if matches!(parsed, DateParse::Date(_) | DateParse::NotADate) {
                    if let Some((wide, problems)) = widened_invalid(ctx, text) {
                        report_problems(&wide, &problems, true, out);
                        continue;
                    }
                }
                match parsed {
                    DateParse::Invalid { problems, .. } => {
                        report_problems(text, &problems, false, out)
                    }
                    DateParse::Date(date) if date.ends_before_start() => {
                        let Some(r) = date.range.as_ref() else {
                            continue;
                        };
                        let Some(range) = text.source_range(date.span.clone()) else {
                            continue;
                        };
                        let start = part(text, date.start.span.clone());
                        let end = part(text, r.end.span.clone());
                        out.push(META.diagnostic(
                        range,
                        format!(
                            "this date range ends before it starts (`{end}` is earlier than `{start}`): put the start date first and check the years"
                        ),
                    ));
                    }
                    _ => {}
                }
            }
            None => {
                for text in [&entry.organisation, &entry.title, &entry.location]
                    .into_iter()
                    .flatten()
                {
                    if let DateParse::Invalid { problems, .. } = date_of(ctx, text.as_str()) {
                        report_problems(text, &problems, true, out);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use resume_syntax::Format::{Latex, Markdown};

    use crate::testing::{check, check_fix, doc};

    const CODE: &str = "invalid-date";

    fn md(entries: &str) -> String {
        doc(Markdown, &format!("## Experience\n\n{entries}"))
    }

    fn tex(entries: &str) -> String {
        doc(
            Latex,
            &format!(
                "\\section{{Experience}}\n\\resumeSubHeadingListStart\n{entries}\\resumeSubHeadingListEnd"
            ),
        )
    }

    #[test]
    fn misspelled_months_markdown() {
        check(
            Markdown,
            &md(r"
### Analyst — Northwind
*Jnauary 2020 – Present*
 ^^^^^^^ warning[invalid-date]: write `January`

- Built 3 dashboards

### Intern — Northwind
*Jun 2019 – Agust 2019*
            ^^^^^ warning[invalid-date]: `Agust` is misspelled: write `August`

- Built 2 reports
"),
            &[CODE],
        );
    }

    #[test]
    fn misspelled_month_in_a_pipe_line_is_not_a_style_finding() {
        let fixture = md(r"
**Northwind** | Analyst | Jnauary 2020 – Present
                          ^^^^^^^ warning[invalid-date]: write `January`

- Built 3 dashboards

**Contoso** | Intern | Jun 2019 – Aug 2019

- Built 2 reports

**Fabrikam** | Intern | Jun 2018 – Aug 2018

- Built 4 reports
");
        check(Markdown, &fixture, &[CODE, "inconsistent-date-format"]);
    }

    #[test]
    fn misspelled_months_latex() {
        check(
            Latex,
            &tex(r"\resumeSubheading
  {Analyst}{Jun 2020 -- Marhc 2021}
%                       ^^^^^ warning[invalid-date]: write `March`
  {Northwind}{Chicago, IL}
"),
            &[CODE],
        );
    }

    #[test]
    fn impossible_months_and_backwards_ranges() {
        check(
            Markdown,
            &md(r"
### Analyst — Northwind
*13/2020 – 02/2021*
 ^^ warning[invalid-date]: `13` is not a month

- Built 3 dashboards

### Intern — Northwind
*Jun 2021 – Mar 2020*
 ^^^^^^^^^^^^^^^^^^^ warning[invalid-date]: ends before it starts (`Mar 2020` is earlier than `Jun 2021`)

- Built 2 reports
"),
            &[CODE],
        );
        check(
            Latex,
            &tex(r"\resumeSubheading
  {Analyst}{2021 -- 2019}
%           ^^^^^^^^^^^^ warning[invalid-date]: ends before it starts
  {Northwind}{Chicago, IL}
"),
            &[CODE],
        );
    }

    #[test]
    fn valid_dates_are_clean() {
        check(
            Markdown,
            &md(r"
### Analyst — Northwind
*May 2020 – Present*

- Built 3 dashboards

### Intern — Northwind
*Jun – Aug 2019*

- Built 2 reports

### Tutor — Northwind
*Nov – Feb 2019*

- Taught 12 students

### Student — Some University
*Expected May 2026*
"),
            &[CODE],
        );
        check(
            Latex,
            &tex(r"\resumeSubheading
  {Analyst}{Sept. 2019 -- Dec. 2019}
  {Northwind}{Chicago, IL}
\resumeSubheading
  {Intern}{Summer 2019}
  {Northwind}{Chicago, IL}
\resumeProjectHeading
  {\textbf{Atlas 2020} $|$ \emph{Rust}}{\href{https://example.com/atlas}{example.com/atlas}}
"),
            &[CODE],
        );
    }

    #[test]
    fn fix_suggests_the_month() {
        check_fix(
            Latex,
            &tex(r"\resumeSubheading
  {Analyst}{Febuary 2020 -- Present}
  {Northwind}{Chicago, IL}
"),
            CODE,
            &tex(r"\resumeSubheading
  {Analyst}{February 2020 -- Present}
  {Northwind}{Chicago, IL}
"),
        );
        check_fix(
            Markdown,
            &md("### Analyst — Northwind\n*jnauary 2020 – present*\n\n- Built 3 dashboards\n"),
            CODE,
            &md("### Analyst — Northwind\n*january 2020 – present*\n\n- Built 3 dashboards\n"),
        );
        check_fix(
            Markdown,
            &md("### Analyst — Northwind\n*Jan 2020 – Presnet*\n\n- Built 3 dashboards\n"),
            CODE,
            &md("### Analyst — Northwind\n*Jan 2020 – Present*\n\n- Built 3 dashboards\n"),
        );
    }
}
