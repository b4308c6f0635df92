//! `unexpanded-acronym`: the first use of a jargon acronym that is not
//! spelled out at or before that point.

use std::sync::{Arc, LazyLock};

use resume_syntax::{Resume, Text};

use crate::analysis::acronyms::{
    find_acronyms, has_long_form, normalise_words, pluralize, AcronymUse, Dictionary,
};
use crate::analysis::rewrite::{article_for, edits_read_well, span_with};
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
The long form written bare anywhere before (`end-to-end tests` before
`E2E`) also counts as spelled out.
Acronyms everyone knows (`AI`, `API`, `SQL`, `AWS`, `GPU`, `CPU`, `DNS`,
`HTTP`, `PDF`, `URL`, `HTML`, `CSS`, `JSON`, `UI`, `UX`, `IT`, `HR`, `CEO`,
`PhD`, `GPA`, `CI/CD`, `iOS`, …) are never reported.
Tokens match whole and case-sensitively: `FAISS` is not a use of `AI`,
`HTML` is not a use of `ML`, `ml` (millilitres) is not `ML`; plurals count
(`LLMs`, `KPIs`), and so does a metric with a cut-off (`NDCG@10`).
The first use counts wherever it is: the summary, a bullet, a section
heading, an entry's title or technology list, a skills line, or a header
line without contact details. Organisations, locations and dates are names:
an acronym there is not a use, but a long form spelled out there counts.
An acronym inside a product name is part of the name, not a use: listed
names (`Prisma ORM`, `Core ML`, `Spring MVC`) and names glued to a dotted
word (`ASP.NET MVC`, `.NET MVC`).
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
(`LLMs` → `Large Language Models (LLMs)`), the markup around it and
escaping LaTeX characters such as `&`. It keeps the sentence English: `a`/`an`
before it follows the long form (`an SLA` → `a Service Level Agreement
(SLA)`), a noun that repeats the long form's last word is absorbed (`LLM
models` → `Large Language Models (LLMs)`), and a metric's cut-off stays
with it (`NDCG@10` → `… (NDCG@10)`). An acronym glued into a hyphenated
name (`LLM-as-a-judge`) gets no fix, and neither does any rewrite that
fails the check every prose fix passes (markup kept, articles agreeing, no
doubled words). It is unsafe: the dictionary gives the most common meaning,
which may not be the one the author means, and the longer phrase can push
a bullet onto another line, so it is offered in the editor but not applied
by `check --fix`.
"#,
};

/// A piece of the document's text, and whether an acronym there counts as
/// a use or only as a place where it may be spelled out.
struct Piece<'a> {
    text: &'a Text,
    counts: bool,
}

/// Every text of the resume in document order. The first use counts
/// wherever it is: a heading, a skills line, the summary, an entry's title
/// or technology list. Organisations and locations are names, and contact
/// lines are addresses: there a long form still counts as spelled out.
fn pieces<'a>(resume: &'a Resume) -> Vec<Piece<'a>> {
    let mut out: Vec<Piece<'a>> = Vec::new();
    let mut push = |text: &'a Text, counts: bool| out.push(Piece { text, counts });
    for t in &resume.header {
        let contact = t.as_str().contains(['@', '|', '·', '•']);
        push(t, !contact);
    }
    for s in &resume.sections {
        push(&s.heading, true);
        for p in &s.prose {
            push(p, true);
        }
        for k in &s.skills {
            if let Some(c) = &k.category {
                push(c, true);
            }
            push(&k.items, true);
        }
        let bullets = s
            .bullets
            .iter()
            .chain(s.entries.iter().flat_map(|e| e.bullets.iter()));
        for b in bullets {
            if let Some(l) = &b.lead {
                push(l, true);
            }
            push(&b.text, true);
        }
        for e in &s.entries {
            for t in [&e.title, &e.tech].into_iter().flatten() {
                push(t, true);
            }
            for t in [&e.organisation, &e.location, &e.dates]
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
    let mut seen = std::collections::HashSet::new();
    let pieces = pieces(ctx.resume);
    // Normalised words of each piece, made only when a first use needs to
    // look for a bare long form before it.
    let mut words: Vec<Option<String>> = vec![None; pieces.len()];
    for (i, piece) in pieces.iter().enumerate() {
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
            let expansion = dict.get(&u.acronym).unwrap_or_default();
            // A bare long form earlier in the document spells it out.
            let before_here = normalise_words(&plain[..u.range.start]);
            let earlier = (0..i).any(|k| {
                let w = words[k].get_or_insert_with(|| normalise_words(pieces[k].text.as_str()));
                has_long_form(w, expansion)
            });
            if earlier || has_long_form(&before_here, expansion) {
                continue;
            }
            if let Some(d) = diagnostic(ctx, text, u, expansion) {
                out.push(d);
            }
        }
    }
}

/// The finding for the bare use `u` in `text`, with its fix when the
/// rewrite reads as English.
fn diagnostic(
    ctx: &Context<'_>,
    text: &Text,
    u: &AcronymUse,
    expansion: &str,
) -> Option<Diagnostic> {
    let range = text.source_range(u.range.clone())?;
    let long = if u.plural {
        pluralize(expansion)
    } else {
        expansion.to_string()
    };
    let written = &text.as_str()[u.range.clone()];
    let spelled = format!("{long} ({written})");
    let fix = spell_out(ctx, text, u, expansion).map(|(title, edits)| Fix {
        title,
        edits,
        applicability: Applicability::Unsafe,
    });
    Some(META.diagnostic_with_fixes(
        range,
        format!(
            "`{written}` is not spelled out: write `{spelled}` at its first use so readers outside the field follow"
        ),
        fix.into_iter().collect(),
    ))
}

/// The edits that spell out the use `u` of `text`, with the fix title, or
/// `None` when no rewrite reads as English: the acronym glued into a
/// hyphenated name (`LLM-as-a-judge`) is left alone, a metric cut-off
/// stays with it (`NDCG@10` → `Normalized Discounted Cumulative Gain
/// (NDCG@10)`), a noun that repeats the long form's last word is absorbed
/// (`LLM models` → `Large Language Models (LLMs)`), and `a`/`an` before it
/// follows the long form (`an SLA` → `a Service Level Agreement (SLA)`).
fn spell_out(
    ctx: &Context<'_>,
    text: &Text,
    u: &AcronymUse,
    expansion: &str,
) -> Option<(String, Vec<Edit>)> {
    let plain = text.as_str();
    let format = ctx.resume.format;
    let after = &plain[u.range.end..];
    let before = &plain[..u.range.start];
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    // `LLM-as-a-judge`, `pre-LLM`: part of a compound word.
    if (after.starts_with('-') && glued(after[1..].chars().next()))
        || (before.ends_with('-') && glued(before[..before.len() - 1].chars().next_back()))
    {
        return None;
    }
    let mut end = u.range.end;
    // `NDCG@10`: the cut-off goes inside the brackets with the acronym.
    if let Some(k) = after.strip_prefix('@') {
        let n = k.len() - k.trim_start_matches(|c: char| c.is_alphanumeric()).len();
        if n == 0 {
            return None;
        }
        end += 1 + n;
    }
    let mut plural = u.plural;
    let mut written = plain[u.range.start..end].to_string();
    let mut edits: Vec<Edit> = Vec::new();
    // A noun after it that repeats the long form's last word.
    let last = expansion
        .rsplit([' ', '-'])
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let rest = &plain[end..];
    let next: String = rest
        .strip_prefix(' ')
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let next_lower = next.to_lowercase();
    if !next.is_empty() && end == u.range.end && !last.is_empty() {
        let plural_last = pluralize(&last);
        if next_lower == last || next_lower == plural_last {
            plural = plural || next_lower == plural_last;
            if plural && !u.plural {
                written.push('s');
            }
            let gone = end..end + 1 + next.len();
            edits.push(Edit {
                range: text.source_range(gone)?,
                new_text: String::new(),
            });
        }
    }
    let long = if plural {
        pluralize(expansion)
    } else {
        expansion.to_string()
    };
    let spelled = format!("{long} ({written})");
    edits.push(Edit {
        range: text.source_range(u.range.start..end)?,
        new_text: escape_for(format, &spelled),
    });
    // `a`/`an` before it agrees with the long form.
    let trimmed = before.trim_end_matches(' ');
    if trimmed.len() < before.len() {
        let word_start = trimmed.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        });
        let article = &trimmed[word_start..];
        if article.eq_ignore_ascii_case("a") || article.eq_ignore_ascii_case("an") {
            let want = article_for(long.split([' ', '-']).next().unwrap_or_default());
            if !article.eq_ignore_ascii_case(want) {
                let cased = if article.starts_with('A') {
                    let mut c = want.to_string();
                    c[..1].make_ascii_uppercase();
                    c
                } else {
                    want.to_string()
                };
                edits.push(Edit {
                    range: text.source_range(word_start..trimmed.len())?,
                    new_text: cased,
                });
            }
        }
    }
    // Every rewrite passes the one check: English kept, markup kept.
    let whole = span_with(text.source_span()?, &edits);
    if !edits_read_well(format, whole.start, ctx.source.get(whole)?, &edits) {
        return None;
    }
    Some((format!("Spell out as `{spelled}`"), edits))
}

#[cfg(test)]
mod tests {
    use resume_syntax::Format::{Latex, Markdown};

    use crate::config::AcronymPatch;
    use crate::testing::{check, check_fix, check_with_config, doc, experience, latex_doc};
    use crate::Config;

    /// One bullet of `format` with the text `t`.
    fn item(format: resume_syntax::Format, t: &str) -> String {
        match format {
            Markdown => format!("- {t}"),
            Latex => format!(r"\resumeItem{{{t}}}"),
        }
    }

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
    fn the_first_use_counts_wherever_it_is() {
        // A title, a skills line and the summary hold the first use; later
        // uses in bullets are not reported again.
        check(
            Markdown,
            &doc(
                Markdown,
                r"
                ## Summary

                Engineer who ships RAG systems.
                                   ^^^ information[unexpanded-acronym]

                ## Skills

                - **Areas**: SEO, CRM
                             ^^^ information[unexpanded-acronym]
                                  ^^^ information[unexpanded-acronym]

                ## Experience

                ### ML Engineer — Acme
                    ^^ information[unexpanded-acronym]: machine learning (ML)
                *Jan 2020 – Present*

                - Trained ML models at github.com/acme/ml and ml@acme.com
                - Grew SEO traffic 40% and moved CRM data for 3 teams with RAG
                ",
            ),
            &["unexpanded-acronym"],
        );
        check(
            Latex,
            &latex_doc(
                r"
                \section{Skills}
                \resumeSubHeadingListStart
                \item{\textbf{Data}{: Python, ETL, Airflow}}
                %                             ^^^ information[unexpanded-acronym]: extract, transform
                \resumeSubHeadingListEnd
                \section{Experience}
                \resumeSubHeadingListStart
                \resumeSubheading{Data Engineer}{Jan 2020 -- Present}{Acme}{Remote}
                \resumeItemListStart
                \resumeItem{Cut ETL runtime 40\% for 3 teams}
                \resumeItemListEnd
                \resumeSubHeadingListEnd
                ",
            ),
            &["unexpanded-acronym"],
        );
    }

    #[test]
    fn an_earlier_bare_long_form_spells_it_out() {
        for format in [Markdown, Latex] {
            let item = |t: &str| item(format, t);
            check(
                format,
                &experience(
                    format,
                    &[
                        item("Wrote end-to-end tests for 3 checkout flows"),
                        item("Ran the E2E suite nightly across 4 browsers"),
                        item("Tracked key performance indicators for 5 stores"),
                        item("Reported KPIs weekly to 2 directors"),
                    ]
                    .join("\n"),
                ),
                &["unexpanded-acronym"],
            );
        }
        // A long form after the first use does not spell it out.
        check(
            Markdown,
            &experience(
                Markdown,
                r"
                - Ran the E2E suite nightly across 4 browsers
                          ^^^ information[unexpanded-acronym]: end-to-end
                - Wrote end-to-end tests for 3 checkout flows
                ",
            ),
            &["unexpanded-acronym"],
        );
    }

    #[test]
    fn acronyms_inside_product_names_are_not_uses() {
        check(
            Markdown,
            &experience(
                Markdown,
                r"
                - Built 3 admin tools in ASP.NET MVC and .NET MVC with Prisma ORM
                - Shipped Core ML and Spring MVC models to 2 apps
                - Mapped tables with an ORM for 4 services
                                        ^^^ information[unexpanded-acronym]: object-relational
                ",
            ),
            &["unexpanded-acronym"],
        );
        check(
            Latex,
            &experience(
                Latex,
                r"
                \resumeItem{Built 3 admin tools in \textbf{ASP.NET MVC} with Prisma ORM}
                \resumeItem{Rebuilt the MVC layer of 2 apps}
                %                       ^^^ information[unexpanded-acronym]: model-view-controller
                ",
            ),
            &["unexpanded-acronym"],
        );
    }

    #[test]
    fn field_acronyms_and_metric_cut_offs_are_reported() {
        check(
            Markdown,
            &experience(
                Markdown,
                r"
                - Raised NDCG@10 by 4% with 3 rankers
                         ^^^^ information[unexpanded-acronym]: normalized discounted
                - Streamed CDC events and JWT logins to 2 CRUD apps
                           ^^^ information[unexpanded-acronym]: change data capture
                                          ^^^ information[unexpanded-acronym]: json web token
                                                          ^^^^ information[unexpanded-acronym]: create, read
                - Vectorised with SIMD, cut LCP 30%, ran FMEA on a PCB and MQTT
                                  ^^^^ information[unexpanded-acronym]: single instruction
                                            ^^^ information[unexpanded-acronym]: largest contentful
                                                         ^^^^ information[unexpanded-acronym]: failure mode
                                                                   ^^^ information[unexpanded-acronym]: printed circuit
                                                                           ^^^^ information[unexpanded-acronym]: message queuing
                - Served a GPU, CPU, PDF, URL, HTML, CSS, JSON, UI, UX and IT tool
                - Briefed the HR team, the CEO, a PhD and a GPA panel on AI and DNS
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
    fn a_use_in_a_title_is_the_first_use() {
        check(
            Markdown,
            &doc(
                Markdown,
                r"
                ## Experience

                ### SEO Lead — Brightwater
                    ^^^ information[unexpanded-acronym]: search engine optimization
                *Jan 2020 – Present*

                - Grew SEO traffic 40% with 3 writers; SEO audits ran monthly
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
    fn fixes_read_as_english() {
        for format in [Markdown, Latex] {
            let item = |t: &str| item(format, t);
            let fixes = [
                // The article follows the long form.
                (
                    "Built an SLA dashboard for 3 teams",
                    "Built a Service Level Agreement (SLA) dashboard for 3 teams",
                ),
                (
                    "Wrote a ETL job for 3 teams",
                    "Wrote an Extract, Transform, Load (ETL) job for 3 teams",
                ),
                // The long form's last noun is not doubled.
                (
                    "Fine-tuned LLM models for 3 teams",
                    "Fine-tuned Large Language Models (LLMs) for 3 teams",
                ),
                (
                    "Deployed an LLM model for 3 teams",
                    "Deployed a Large Language Model (LLM) for 3 teams",
                ),
                // A cut-off stays with the metric.
                (
                    "Raised NDCG@10 by 4%",
                    "Raised Normalized Discounted Cumulative Gain (NDCG@10) by 4%",
                ),
            ];
            for (before, after) in fixes {
                let esc = |s: &str| match format {
                    Markdown => s.to_string(),
                    Latex => s.replace('%', r"\%"),
                };
                check_fix(
                    format,
                    &experience(format, &item(&esc(before))),
                    "unexpanded-acronym",
                    &experience(format, &item(&esc(after))),
                );
            }
        }
        // Markup kept around and after the acronym.
        check_fix(
            Latex,
            &experience(
                Latex,
                r"\resumeItem{Built an \textbf{SLA} dashboard for 3 teams}",
            ),
            "unexpanded-acronym",
            &experience(
                Latex,
                r"\resumeItem{Built a \textbf{Service Level Agreement (SLA)} dashboard for 3 teams}",
            ),
        );
        check_fix(
            Markdown,
            &experience(Markdown, "- Fine-tuned **LLM** models for 3 teams"),
            "unexpanded-acronym",
            &experience(
                Markdown,
                "- Fine-tuned **Large Language Models (LLMs)** for 3 teams",
            ),
        );
    }

    #[test]
    fn no_fix_inside_a_compound_name_or_through_markup() {
        for (format, bullet) in [
            (
                Latex,
                r"\resumeItem{Scored 3 bots with \textbf{LLM-as-a-judge} evals}",
            ),
            (Markdown, "- Scored 3 bots with **LLM-as-a-judge** evals"),
            (Markdown, "- Scored 3 bots with pre-LLM baselines"),
            // Deleting the doubled noun would cut through its emphasis.
            (Markdown, "- Tuned LLM **models** for 3 teams"),
        ] {
            let source = crate::testing::strip(&experience(format, bullet));
            let resume = resume_syntax::parse(&source, format, &Default::default());
            let found: Vec<_> = crate::lint(&resume, &source, &Config::default())
                .into_iter()
                .filter(|d| d.code == "unexpanded-acronym")
                .collect();
            assert_eq!(found.len(), 1, "{bullet}");
            assert!(found[0].fixes.is_empty(), "{bullet}: {:?}", found[0].fixes);
        }
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
