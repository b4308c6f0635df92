//! `tech-stack-overload`: a skills line or technology list with more than
//! ten items.

use std::ops::Range;

use resume_syntax::Text;

use crate::registry::{Category, FixAvailability, RuleMeta};
use crate::{Context, Diagnostic, Severity};

pub(crate) const META: RuleMeta = RuleMeta {
    code: "tech-stack-overload",
    default_severity: Severity::Information,
    category: Category::Clarity,
    fix: FixAvailability::None,
    summary: "a skills line or technology list with more than ten items",
    docs: r#"## What it catches
A skills category line, a project's technology list or a `Tech:` line that
names more than ten items.
It is reported as information, not a warning: a long list is a matter of
focus, not a mistake, and some roles (consulting, QA) legitimately name many
tools.
Items are counted at the top level: `AWS (EC2, S3, Lambda)` is one item.

## Why recruiters care
A recruiter reads a long list as a keyword dump and cannot tell which tools
you actually know well; the strongest items drown among the weakest.
Short, grouped lists tailored to the job are read in full.

## Example
```
Tools: Python, Go, Rust, Java, C++, Kotlin, Swift, Ruby, PHP, Perl, Scala, Haskell
```

## Better
```
Languages: Go, Python, Rust
Infrastructure: Kubernetes, Terraform, PostgreSQL
```
Keep the items you would be happy to be interviewed on and split the rest into categories.

## Fix safety
There is no automatic fix: choosing what to keep needs the author.
"#,
};

/// More items than this in one list is an overload.
const MAX_ITEMS: usize = 10;

/// Lead-ins of a technology line inside a bullet or paragraph.
const TECH_LEADS: &[&str] = &[
    "tech",
    "techs",
    "tech stack",
    "stack",
    "technologies",
    "technologies used",
    "technology",
    "tools",
    "tools used",
    "tooling",
    "built with",
    "environment",
    "skills used",
];

/// Whether a bullet's lead-in (`\resumeItem{Tech}{...}`) names a
/// technology list.
pub(crate) fn is_tech_lead(lead: &str) -> bool {
    let l = lead.trim().trim_end_matches(':').trim().to_lowercase();
    TECH_LEADS.contains(&l.as_str())
}

/// Top-level items of a list: split at commas, semicolons, `|`, `·`, `•`
/// outside parentheses and brackets; a leading `and`/`&` is dropped.
pub(crate) fn list_items(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let push = |from: usize, to: usize, out: &mut Vec<Range<usize>>| {
        let mut body = text[from..to].trim();
        for conj in ["and ", "& ", "or "] {
            if let Some(rest) = body.strip_prefix(conj) {
                body = rest.trim_start();
            }
        }
        let body = body.trim_end_matches('.').trim_end();
        if body.chars().any(char::is_alphanumeric) {
            // `body` is a slice of `text`: its offset is the pointer distance.
            let at = body.as_ptr() as usize - text.as_ptr() as usize;
            out.push(at..at + body.len());
        }
    };
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            ',' | ';' | '|' | '·' | '•' if depth == 0 => {
                push(start, i, &mut out);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    push(start, text.len(), &mut out);
    out
}

/// `Tech: a, b, c` → the plain range after the colon.
pub(crate) fn tech_line(text: &str) -> Option<Range<usize>> {
    let (lead, _) = text.split_once(':')?;
    let lead_l = lead.trim().trim_matches(['*', '_']).trim().to_lowercase();
    TECH_LEADS
        .contains(&lead_l.as_str())
        .then(|| lead.len() + 1..text.len())
}

fn check_list(text: &Text, plain: Range<usize>, out: &mut Vec<Diagnostic>) {
    let Some(list) = text.as_str().get(plain.clone()) else {
        return;
    };
    let items = list_items(list);
    if items.len() <= MAX_ITEMS {
        return;
    }
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        return;
    };
    let Some(range) = text.source_range(plain.start + first.start..plain.start + last.end) else {
        return;
    };
    out.push(META.diagnostic(
        range,
        format!(
            "{} items in one list: keep the 6 to 8 you would most like to be asked about, \
             or group them into categories of a few items each",
            items.len()
        ),
    ));
}

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for section in &ctx.resume.sections {
        for line in &section.skills {
            check_list(&line.items, 0..line.items.len(), out);
        }
        for entry in &section.entries {
            if let Some(tech) = &entry.tech {
                check_list(tech, 0..tech.len(), out);
            }
        }
        let bullets = section
            .bullets
            .iter()
            .chain(section.entries.iter().flat_map(|e| e.bullets.iter()));
        for bullet in bullets {
            let lead_is_tech = bullet.lead.as_ref().is_some_and(|l| {
                let l = l
                    .as_str()
                    .trim()
                    .trim_end_matches(':')
                    .trim()
                    .to_lowercase();
                TECH_LEADS.contains(&l.as_str())
            });
            if lead_is_tech {
                check_list(&bullet.text, 0..bullet.text.len(), out);
            } else if let Some(r) = tech_line(bullet.text.as_str()) {
                check_list(&bullet.text, r, out);
            }
        }
        for prose in &section.prose {
            if let Some(r) = tech_line(prose.as_str()) {
                check_list(prose, r, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use resume_syntax::Format::{Latex, Markdown};

    use super::list_items;
    use crate::testing::{check, doc, experience};

    const CODE: &[&str] = &["tech-stack-overload"];

    #[test]
    fn items_are_counted_at_the_top_level() {
        let text = "Rust, AWS (EC2, S3, Lambda), Go; and React | Vue";
        let items: Vec<&str> = list_items(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            items,
            ["Rust", "AWS (EC2, S3, Lambda)", "Go", "React", "Vue"]
        );
        assert!(list_items(" , ,").is_empty());
    }

    #[test]
    fn long_skills_lines_markdown() {
        check(
            Markdown,
            &doc(
                Markdown,
                r"
                ## Skills

                - **Languages:** Python, Go, Rust, Java, C++, Kotlin, Swift, Ruby, PHP, Perl, Scala
                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ information[tech-stack-overload]: 11 items
                - **Cloud:** AWS (EC2, S3, Lambda, RDS, SQS, SNS, IAM, ECS, EKS, VPC), GCP
                ",
            ),
            CODE,
        );
    }

    #[test]
    fn long_skills_lines_latex() {
        check(
            Latex,
            &doc(
                Latex,
                r"
                \section{Experience}
                \resumeSubheading{Engineer}{Jan 2020 -- Present}{Acme Corp}{Remote}
                \section{Technical Skills}
                \begin{itemize}[leftmargin=0.15in, label={}]
                \small{\item{
                \textbf{Languages}{: Python, Go, Rust, Java, C++, Kotlin, Swift, Ruby, PHP, Perl, Scala} \\
                %                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ information[tech-stack-overload]
                \textbf{Tools}{: Git, Docker, Terraform}
                }}
                \end{itemize}
                ",
            ),
            CODE,
        );
    }

    #[test]
    fn tech_lines_in_bullets() {
        check(
            Markdown,
            &experience(
                Markdown,
                r"
                - Tech: React, Redux, Node, Express, MongoDB, Redis, Docker, Nginx, Jest, Cypress, Sentry
                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ information[tech-stack-overload]
                - Tech: React, Node, MongoDB
                - Cut page load time by 40% with code splitting, lazy images, and caching
                ",
            ),
            CODE,
        );
        check(
            Latex,
            &experience(
                Latex,
                r"
                \resumeItem{Technologies: React, Redux, Node, Express, MongoDB, Redis, Docker, Nginx, Jest, Cypress, Sentry}
                %                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ information[tech-stack-overload]
                \resumeItem{Technologies: React, Node, MongoDB}
                ",
            ),
            CODE,
        );
    }

    #[test]
    fn project_tech_lists() {
        check(
            Latex,
            &doc(
                Latex,
                r"
                \section{Projects}
                \resumeSubHeadingListStart
                \resumeProjectHeading
                {\textbf{Atlas} $|$ \emph{Rust, Go, React, Vue, Svelte, Redis, Kafka, Flink, Spark, Airflow, dbt}}{2023}
                %                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ information[tech-stack-overload]
                \resumeItemListStart
                \resumeItem{Indexed 2M documents}
                \resumeItemListEnd
                \resumeSubHeadingListEnd
                ",
            ),
            CODE,
        );
    }
}
