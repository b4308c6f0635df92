//! `unquantified-bullet`: an achievement bullet with no metric.

use std::ops::Range;

use resume_syntax::Bullet;

use super::tech_stack_overload::{is_tech_lead, tech_line};
use crate::analysis::metrics::has_metric;
use crate::memo::{PlacedKey, SourceReads};
use crate::registry::{Category, FixAvailability, RuleMeta};
use crate::{Context, Diagnostic, Severity};

pub(crate) const META: RuleMeta = RuleMeta {
    code: "unquantified-bullet",
    default_severity: Severity::Warning,
    category: Category::Impact,
    fix: FixAvailability::None,
    summary: "an achievement bullet that states no measured result",
    docs: r#"## What it catches
An achievement bullet (experience, projects, leadership) that contains no metric:
no percentage, money amount, multiplier, count of things, duration, rate, rank,
score, physical measure or number word such as `doubled` or `a dozen`.
Years, version numbers and digits that belong to a name (`GPT-4`, `S3`,
`ResNet-50`, `Python 3.12`) do not count as metrics.

## Why recruiters care
Recruiters skim a bullet in a few seconds and look for the size of the result.
A number tells them how big the problem was and how much you moved it;
a bullet without one reads like a job description rather than an achievement.

## Example
```
- Rewrote the invoice export job in Go
```

## Better
```
- Rewrote the invoice export job in Go, cutting its run time from 40 to 6 minutes
```
Good metrics are before/after pairs, percentages, money, counts of users,
teams or systems, and durations.

## Fix safety
There is no automatic fix: only the author knows the real numbers.
"#,
};

const MESSAGE: &str = "this achievement bullet states no measured result: add a number that shows \
scale or impact, such as a percentage, time or money saved, or how many users, items or people it \
affected (`cut build time from 20 to 8 minutes`)";

/// [`has_metric`], remembered between runs.
fn metric_in(ctx: &Context<'_>, text: &str) -> bool {
    ctx.memo.get("has-metric", text, || has_metric(text))
}

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let tag = ctx.resume.format as u8;
    let mut key = PlacedKey::new(tag);
    for b in ctx.resume.bullets() {
        if !b.is_achievement() {
            continue;
        }
        // The finding depends on the bullet alone (and the source around
        // its text): kept by that, moved to where the bullet is.
        key.reset(tag);
        key.text(&b.bullet.text);
        key.optional_text(b.bullet.lead.as_ref());
        key.range(&b.bullet.range);
        ctx.memo
            .placed("unquantified-bullets", &key, ctx.source, out, |reads| {
                check_bullet(ctx, b.bullet, reads).into_iter().collect()
            });
    }
}

fn check_bullet(
    ctx: &Context<'_>,
    bullet: &Bullet,
    source: &SourceReads<'_>,
) -> Option<Diagnostic> {
    let text = bullet.text.trimmed();
    // A half-typed bullet (`- `, `\resumeItem{}`) is not a finding yet.
    if !text.as_str().chars().any(char::is_alphabetic) {
        return None;
    }
    // A technology or coursework line is a list, not an achievement.
    if is_list_line(text.as_str())
        || bullet
            .lead
            .as_ref()
            .is_some_and(|l| is_tech_lead(l.as_str()))
    {
        return None;
    }
    let lead_has_metric = bullet
        .lead
        .as_ref()
        .is_some_and(|l| metric_in(ctx, l.as_str()));
    if lead_has_metric || metric_in(ctx, text.as_str()) {
        return None;
    }
    let range = text.source_span()?;
    let range = balanced(source, range, &bullet.range);
    Some(META.diagnostic(range, MESSAGE))
}

/// `Tech: Rust, Go`, `Relevant coursework: ...`: a labelled list.
fn is_list_line(text: &str) -> bool {
    if tech_line(text).is_some() {
        return true;
    }
    text.split_once(':').is_some_and(|(label, _)| {
        let label = label.trim().trim_matches(['*', '_']).trim().to_lowercase();
        matches!(
            label.as_str(),
            "coursework"
                | "relevant coursework"
                | "courses"
                | "skills"
                | "languages"
                | "frameworks"
                | "keywords"
                | "certifications"
        )
    })
}

/// Widens `range` over markup that closes inside it (`\textbf{Go` →
/// `\textbf{Go}`) and over emphasis wrapped around all of it
/// (`**Shipped it**`), staying inside `limit`.
fn balanced(
    source: &SourceReads<'_>,
    mut range: Range<usize>,
    limit: &Range<usize>,
) -> Range<usize> {
    let Some(text) = source.get(range.clone()) else {
        return range;
    };
    let mut depth = text
        .matches('{')
        .count()
        .saturating_sub(text.matches('}').count());
    while depth > 0 && range.end < limit.end && source.is(range.end..range.end + 1, "}") {
        range.end += 1;
        depth -= 1;
    }
    for mark in ["**", "__", "*", "_", "`"] {
        let before = range.start.checked_sub(mark.len());
        let opens = before.is_some_and(|b| b >= limit.start && source.is(b..range.start, mark));
        let closes = range.end + mark.len() <= limit.end
            && source.is(range.end..range.end + mark.len(), mark);
        if let (true, true, Some(b)) = (opens, closes, before) {
            range = b..range.end + mark.len();
            break;
        }
    }
    range
}

#[cfg(test)]
mod tests {
    use resume_syntax::Format::{Latex, Markdown};

    use crate::testing::{check, doc, experience};

    const CODE: &[&str] = &["unquantified-bullet"];

    #[test]
    fn flags_bullets_without_a_metric_markdown() {
        check(
            Markdown,
            &experience(
                Markdown,
                r"
                - Rewrote the invoice export job in Go
                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[unquantified-bullet]: no measured result
                - Cut the invoice export time from 40 to 6 minutes
                - Moved **search** to [OpenSearch](https://example.com) on EC2
                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[unquantified-bullet]
                ",
            ),
            CODE,
        );
    }

    #[test]
    fn flags_bullets_without_a_metric_latex() {
        check(
            Latex,
            &experience(
                Latex,
                r"
                \resumeItem{Rewrote the invoice export job in \textbf{Go}}
                %           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[unquantified-bullet]: percentage
                \resumeItem{Cut the invoice export cost by 40\% and \$3K a month}
                \resumeItem{Upgraded the fleet to Ubuntu 22.04 and Python 3.12}
                %           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[unquantified-bullet]
                ",
            ),
            CODE,
        );
    }

    #[test]
    fn technology_lines_are_not_achievements() {
        check(
            Markdown,
            &experience(
                Markdown,
                r"
                - Tech: Rust, Go, Postgres
                - **Technologies:** Kafka, Flink
                ",
            ),
            CODE,
        );
        check(
            Latex,
            &experience(
                Latex,
                r"
                \resumeItem{Tech Stack: Rust, Go, Postgres}
                ",
            ),
            CODE,
        );
    }

    #[test]
    fn the_range_covers_markup_around_the_text() {
        check(
            Markdown,
            &experience(
                Markdown,
                r"
                - **Rewrote the invoice export job in Go**
                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[unquantified-bullet]
                ",
            ),
            CODE,
        );
        check(
            Latex,
            &experience(
                Latex,
                r"
                \resumeItem{\emph{Rewrote the export job in \textbf{Go}}}
                %                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[unquantified-bullet]
                ",
            ),
            CODE,
        );
    }

    #[test]
    fn quantified_bullets_pass_in_both_formats() {
        check(
            Markdown,
            &experience(
                Markdown,
                r"
                - Doubled signups with a referral programme
                - Led two engineers through a database migration
                - Placed 3rd of 40 teams at a regional hackathon
                - Served 1.2M requests a day at 80ms p95 latency
                - Reached an F1 of 0.91 on the held-out set
                ",
            ),
            CODE,
        );
        check(
            Latex,
            &experience(
                Latex,
                r"
                \resumeItem{Closed \textbf{\$1.4M} in new business}
                \resumeItem{Cut review time from 3--4 days to 1 day}
                \resumeItem{Halved on-call pages by tuning alert thresholds}
                ",
            ),
            CODE,
        );
    }

    #[test]
    fn names_years_and_versions_do_not_count_as_metrics() {
        check(
            Markdown,
            &experience(
                Markdown,
                r"
                - Trained a ResNet-50 baseline on CIFAR-10 with an A100
                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[unquantified-bullet]
                - Presented the ranking work at NeurIPS 2024
                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[unquantified-bullet]
                ",
            ),
            CODE,
        );
    }

    #[test]
    fn only_achievement_sections_are_checked() {
        check(
            Markdown,
            &doc(
                Markdown,
                r"
                ## Education

                ### B.S. Computer Science — State University
                *Sep 2016 – May 2020*

                - Coursework: compilers, databases, operating systems

                ## Skills

                - Languages: Rust, Go, Python
                ",
            ),
            CODE,
        );
        check(
            Latex,
            &doc(
                Latex,
                r"
                \section{Education}
                \resumeSubHeadingListStart
                \resumeSubheading{State University}{Boston, MA}{B.S. Computer Science}{Sep 2016 -- May 2020}
                \resumeItemListStart
                \resumeItem{Coursework: compilers, databases, operating systems}
                \resumeItemListEnd
                \resumeSubHeadingListEnd
                ",
            ),
            CODE,
        );
    }

    #[test]
    fn projects_and_leadership_bullets_are_checked() {
        check(
            Markdown,
            &doc(
                Markdown,
                r"
                ## Projects

                ### Tide Chart — personal project
                *2023*

                - Built a tide prediction app in Kotlin
                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[unquantified-bullet]
                - Published it to 3,000 sailors
                ",
            ),
            CODE,
        );
    }
}
