//! `unexpanded-acronym`: the first use of a jargon acronym that is not
//! spelled out at or before that point.

use std::sync::{Arc, LazyLock};

use resume_syntax::{Resume, SectionKind, Text};

use crate::analysis::acronyms::{find_acronyms, pluralize, Dictionary};
use crate::config::{AcronymPatch, Config};
use crate::escape::escape_for;
use crate::registry::{Category, FixAvailability, RuleMeta};
use crate::{Applicability, Context, Diagnostic, Edit, Fix, Severity};

pub(crate) const META: RuleMeta = RuleMeta {
    code: "unexpanded-acronym",
    default_severity: Severity::Information,
    category: Category::Clarity,
    fix: FixAvailability::Always,
    summary: "the first use of a jargon acronym that is never spelled out before it",
    docs: r#"## What it catches
The first use in the document of an acronym from the acronym dictionary
(`NLP`, `LLMs`, `RAG`, `CTR`, `NDCG`, `ETL`, `KPI`, `HIPAA`, `SEO`, about 170
terms from machine learning, software, data, cloud, business, finance and
healthcare) when it has not been spelled out at or before that point, either
as `long form (ACR)` or as `ACR (long form)`, in any letter case.
Only the first use is reported; once spelled out, later uses are fine.
Acronyms everyone knows (`API`, `SQL`, `AWS`, `GPU`, `HTTP`, `PDF`, `JSON`,
`CI/CD`, `iOS`, `HTML`, `PhD`, …) are never reported.
Tokens match whole and case-sensitively: `FAISS` is not a use of `AI`,
`HTML` is not a use of `ML`, `ml` (millilitres) is not `ML`; plurals count
(`LLMs`, `KPIs`).
Uses are counted in summary and other prose and in bullets, in document order.
The header (name and contact lines) is skipped unless a line there is a
sentence of eight words or more with no contact details (a summary written
before the first heading). Section headings, entry fields (titles,
organisations, technology lists) and skills lines are lists of names where
the acronym is the conventional form, so they are not reported, but a long
form spelled out there does count as spelled out.
Web addresses and e-mail addresses are skipped.
Acronyms are added (with their expansion) or silenced with the `acronyms`
configuration.

## Why recruiters care
The first reader of a resume is often a recruiter or an applicant tracking
system, not an expert in the field. An unexplained acronym is a word the
recruiter cannot match against the job description, and keyword searches
may use the long form. Spelling it out once costs a few words and serves
both readers.

## Example
```
- Built an NLP pipeline that tags 40K listings a day
```

## Better
```
- Built a Natural Language Processing (NLP) pipeline that tags 40K listings a day
```

## Fix safety
The fix replaces the acronym with `Long Form (ACR)`, keeping a plural
(`LLMs` → `Large Language Models (LLMs)`) and escaping LaTeX characters such
as `&`. It is unsafe: the dictionary gives the most common meaning, which may
not be the one the author means, and the longer phrase can push a bullet onto
another line, so it is offered in the editor but not applied by
`check --fix`.
"#,
};

/// A piece of the document's text, and whether an acronym there counts as
/// a use (prose, bullets) or only as a place where it may be spelled out.
struct Piece<'a> {
    text: &'a Text,
    counts: bool,
}

/// Every text of the resume in document order.
fn pieces<'a>(resume: &'a Resume) -> Vec<Piece<'a>> {
    let mut out: Vec<Piece<'a>> = Vec::new();
    let mut push = |text: &'a Text, counts: bool| out.push(Piece { text, counts });
    // The header is the name and contact lines; a sentence there is a
    // summary written before the first heading.
    for t in &resume.header {
        let words = t.as_str().split_whitespace().count();
        let contact = t.as_str().contains(['@', '|', '·', '•']);
        push(t, words >= 8 && !contact);
    }
    for s in &resume.sections {
        push(&s.heading, false);
        let lists = s.kind == SectionKind::Skills;
        for p in &s.prose {
            push(p, !lists);
        }
        for k in &s.skills {
            if let Some(c) = &k.category {
                push(c, false);
            }
            push(&k.items, false);
        }
        let bullets = s
            .bullets
            .iter()
            .chain(s.entries.iter().flat_map(|e| e.bullets.iter()));
        for b in bullets {
            if let Some(l) = &b.lead {
                push(l, !lists);
            }
            push(&b.text, !lists);
        }
        for e in &s.entries {
            for t in [&e.organisation, &e.title, &e.location, &e.dates, &e.tech]
                .into_iter()
                .flatten()
            {
                push(t, false);
            }
        }
    }
    // Each piece's offset once, not once per comparison.
    out.sort_by_cached_key(|p| p.text.source_offset(0).unwrap_or(usize::MAX));
    out
}

/// The dictionary without configured changes, built once.
static DEFAULT_DICTIONARY: LazyLock<Dictionary> =
    LazyLock::new(|| Dictionary::new(&Config::default()));

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let configured;
    let dict = if ctx.config.acronyms == AcronymPatch::default() {
        &*DEFAULT_DICTIONARY
    } else {
        configured = Dictionary::new(ctx.config);
        &configured
    };
    if dict.is_empty() {
        return;
    }
    let format = ctx.resume.format;
    let mut seen = std::collections::HashSet::new();
    for piece in pieces(ctx.resume) {
        let text = piece.text;
        let plain = text.as_str();
        // Shared, not copied: most texts' uses are only looked at.
        let found = ctx
            .memo
            .get("acronyms", plain, || Arc::new(find_acronyms(plain, dict)));
        for u in found.iter() {
            if seen.contains(&u.acronym) {
                continue;
            }
            if u.defines {
                seen.insert(u.acronym.clone());
                continue;
            }
            if !piece.counts {
                continue;
            }
            seen.insert(u.acronym.clone());
            let Some(range) = text.source_range(u.range.clone()) else {
                continue;
            };
            let expansion = dict.get(&u.acronym).unwrap_or_default();
            let long = if u.plural {
                pluralize(expansion)
            } else {
                expansion.to_string()
            };
            let written = &text.as_str()[u.range.clone()];
            let spelled = format!("{long} ({written})");
            let fix = Fix {
                title: format!("Spell out as `{spelled}`"),
                edits: vec![Edit {
                    range: range.clone(),
                    new_text: escape_for(format, &spelled),
                }],
                applicability: Applicability::Unsafe,
            };
            out.push(META.diagnostic_with_fixes(
                range,
                format!(
                    "`{written}` is not spelled out: write `{spelled}` at its first use so readers outside the field follow"
                ),
                vec![fix],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use resume_syntax::Format::{Latex, Markdown};

    use crate::config::AcronymPatch;
    use crate::testing::{check, check_fix, check_with_config, doc, experience};
    use crate::Config;

    #[test]
    fn first_bare_use_is_reported_once() {
        check(
            Markdown,
            &experience(
                Markdown,
                r"
                - Built an NLP tagger for 40K listings a day
                           ^^^ information[unexpanded-acronym]: natural language processing (NLP)
                - Tuned the NLP tagger and two LLMs for search
                                               ^^^^ information[unexpanded-acronym]: large language models (LLMs)
                - Moved the REST API and SQL jobs to AWS
                - Indexed vectors with FAISS and wrote HTML reports
                ",
            ),
            &["unexpanded-acronym"],
        );
    }

    #[test]
    fn spelled_out_acronyms_are_not_reported() {
        check(
            Markdown,
            &doc(
                Markdown,
                r"
                ## Summary

                Analyst who tracks key performance indicators (KPIs) and return on investment (ROI).

                ## Experience

                ### Analyst — Acme
                *Jan 2020 – Present*

                - Set KPI targets and an ROI model for 3 launches
                - Shipped an ETL (extract, transform, load) job; later sped up the ETL job 4x
                ",
            ),
            &["unexpanded-acronym"],
        );
    }

    #[test]
    fn summary_prose_counts_and_titles_and_skills_do_not() {
        check(
            Markdown,
            &doc(
                Markdown,
                r"
                ## Summary

                Engineer who ships RAG systems.
                                   ^^^ information[unexpanded-acronym]

                ## Experience

                ### ML Engineer — Acme
                *Jan 2020 – Present*

                - Trained ML models at github.com/acme/ml and ml@acme.com
                          ^^ information[unexpanded-acronym]

                ## Skills

                - **Areas**: SEO, CRM
                ",
            ),
            &["unexpanded-acronym"],
        );
    }

    #[test]
    fn a_summary_sentence_in_the_header_counts() {
        check(
            Markdown,
            r"
            # Alex Doe

            alex@example.com | NLP Engineer

            Engineer who builds NLP and search systems for marketplaces.
                                ^^^ information[unexpanded-acronym]

            ## Experience

            ### Engineer — Acme
            *Jan 2020 – Present*

            - Shipped NLP tagging for 3 products
            ",
            &["unexpanded-acronym"],
        );
    }

    #[test]
    fn known_acronyms_names_and_addresses_are_not_reported() {
        check(
            Markdown,
            &doc(
                Markdown,
                r"
                ## Experience

                ### Engineer — Zürich Labs
                *Jan 2020 – Present*

                - Served the REST API from AWS and GCP with CI/CD on GPU nodes
                - Exported CSV and PDF reports as JSON over HTTPS for the UI and iOS app
                - Trained GPT-4 and YOLOv8 models on A100s in the US and UK
                - Wrote docs at https://example.com/NLP/ETL and rag@example.com
                - Searched with FAISS and rendered HTML; dosed 5 ml of saline
                ",
            ),
            &["unexpanded-acronym"],
        );
    }

    #[test]
    fn first_use_is_reported_even_after_a_use_in_a_title() {
        check(
            Markdown,
            &doc(
                Markdown,
                r"
                ## Experience

                ### SEO Lead — Brightwater
                *Jan 2020 – Present*

                - Grew SEO traffic 40% with 3 writers; SEO audits ran monthly
                       ^^^ information[unexpanded-acronym]: search engine optimization
                - Rolled out a CRM (customer relationship management) for 20 reps
                - Moved CRM data nightly
                ",
            ),
            &["unexpanded-acronym"],
        );
    }

    #[test]
    fn latex_uses_and_spelled_out_forms() {
        check(
            Latex,
            &experience(
                Latex,
                r"
                \resumeItem{Added click-through rate (CTR) logging to \textbf{the} carousel}
                \resumeItem{Raised CTR 12\% and NDCG by 0.04}
                %                               ^^^^ information[unexpanded-acronym]: normalized discounted cumulative gain
                ",
            ),
            &["unexpanded-acronym"],
        );
    }

    #[test]
    fn configuration_adds_and_silences_acronyms() {
        let config = Config {
            acronyms: AcronymPatch {
                add: vec![("PLC".into(), "Programmable Logic Controller".into())],
                remove: vec!["NLP".into()],
            },
            ..Config::default()
        };
        check_with_config(
            Markdown,
            &experience(
                Markdown,
                r"
                - Wrote PLC logic and NLP rules
                        ^^^ information[unexpanded-acronym]: programmable logic controller
                ",
            ),
            &["unexpanded-acronym"],
            &config,
        );
    }

    #[test]
    fn fix_spells_out_and_keeps_the_plural() {
        check_fix(
            Markdown,
            &experience(Markdown, "- Fine-tuned **LLMs** for café support"),
            "unexpanded-acronym",
            &experience(
                Markdown,
                "- Fine-tuned **Large Language Models (LLMs)** for café support",
            ),
        );
        check_fix(
            Markdown,
            &experience(Markdown, "- Ran NLP on 3K notes"),
            "unexpanded-acronym",
            &experience(
                Markdown,
                "- Ran Natural Language Processing (NLP) on 3K notes",
            ),
        );
    }

    #[test]
    fn latex_fix_escapes_the_expansion() {
        check_fix(
            Latex,
            &experience(Latex, r"\resumeItem{Owned the P\&L for a 12-person café}"),
            "unexpanded-acronym",
            &experience(
                Latex,
                r"\resumeItem{Owned the Profit and Loss (P\&L) for a 12-person café}",
            ),
        );
        check_fix(
            Latex,
            &experience(Latex, r"\resumeItem{Led M\&A diligence for 3 deals}"),
            "unexpanded-acronym",
            &experience(
                Latex,
                r"\resumeItem{Led Mergers and Acquisitions (M\&A) diligence for 3 deals}",
            ),
        );
    }
}
