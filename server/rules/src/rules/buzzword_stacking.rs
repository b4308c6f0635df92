//! `buzzword-stacking`: prose that strings buzzwords together instead of
//! giving evidence.

use std::sync::LazyLock;

use resume_syntax::{SectionKind, Text};

use crate::analysis::buzzwords::{find_stacking, Lexicon, Reason};
use crate::config::WordListPatch;
use crate::registry::{Category, FixAvailability, RuleMeta};
use crate::{Context, Diagnostic, Severity};

pub(crate) const META: RuleMeta = RuleMeta {
    code: "buzzword-stacking",
    default_severity: Severity::Warning,
    category: Category::Wording,
    fix: FixAvailability::None,
    summary: "a run of buzzwords, hype terms or self-descriptors instead of evidence",
    docs: r#"## What it catches
Summary prose or a bullet that stacks buzzwords instead of evidence:
three or more hype terms in one coordinated list (`LLM, GenAI and RAG`),
or three or more buzzwords and empty self-descriptors (`results-driven`,
`passionate`, `team player`, `synergy`) in one sentence that states no metric.
Skills lines are lists by design and are not checked.

## Why recruiters care
Every applicant can call themselves passionate and results-driven, so
recruiters skip those words; a run of them signals that there is little
concrete to say. A list of trending terms without a result reads as keyword
stuffing to a human reader.

## Example
```
Results-driven, detail-oriented self-starter passionate about cutting-edge AI
```

## Better
```
Backend engineer who cut checkout errors by 30% by rebuilding the payment retries
```
Name one concrete thing you built or changed and what it achieved.

## Fix safety
There is no automatic fix: replacing adjectives with evidence needs the author.
"#,
};

/// The lexicon without configured changes, built once.
static DEFAULT_LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::default);

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let configured;
    let lexicon = if ctx.config.buzzwords == WordListPatch::default() {
        &*DEFAULT_LEXICON
    } else {
        configured = Lexicon::new(&ctx.config.buzzwords);
        &configured
    };
    for section in &ctx.resume.sections {
        // Skills lines are lists by design (`tech-stack-overload` covers them).
        if section.kind == SectionKind::Skills {
            continue;
        }
        let bullets = section
            .bullets
            .iter()
            .chain(section.entries.iter().flat_map(|e| e.bullets.iter()))
            .map(|b| &b.text);
        for text in section.prose.iter().chain(bullets) {
            check_text(ctx, text, lexicon, out);
        }
    }
}

fn check_text(ctx: &Context<'_>, text: &Text, lexicon: &Lexicon, out: &mut Vec<Diagnostic>) {
    let plain = text.as_str();
    let stacks = ctx
        .memo
        .get("buzzword-stacks", plain, || find_stacking(plain, lexicon));
    for stack in stacks {
        let Some(range) = text.source_range(stack.range.clone()) else {
            continue;
        };
        let terms: Vec<&str> = stack
            .terms
            .iter()
            .filter_map(|r| plain.get(r.clone()))
            .collect();
        let list = terms.join(", ");
        let message = match stack.reason {
            Reason::HypeList => format!(
                "{} hype terms stacked in one list ({list}): name what you built with them \
                 and what it achieved, e.g. `cut ticket handling time 30% with a retrieval assistant`",
                stack.list_len
            ),
            Reason::Descriptors => format!(
                "buzzwords instead of evidence ({list}): replace them with one concrete \
                 achievement and its result, e.g. `grew qualified leads 40% in two quarters`"
            ),
            Reason::Both => format!(
                "buzzwords and a list of {} hype terms instead of evidence ({list}): replace \
                 them with one concrete achievement and its result, e.g. `cut ticket handling \
                 time 30% with a retrieval assistant`",
                stack.list_len
            ),
        };
        out.push(META.diagnostic(range, message));
    }
}

#[cfg(test)]
mod tests {
    use resume_syntax::Format::{Latex, Markdown};

    use crate::config::WordListPatch;
    use crate::testing::{check, check_with_config, doc, experience};
    use crate::Config;

    const CODE: &[&str] = &["buzzword-stacking"];

    #[test]
    fn hype_lists_in_bullets() {
        check(
            Markdown,
            &experience(
                Markdown,
                r"
                - Delivered GenAI, RAG, and LLM tools that answered 9K questions a day
                            ^^^^^^^^^^^^^^^^^^^ warning[buzzword-stacking]: 3 hype terms
                - Shipped an LLM summarizer and a RAG search page
                ",
            ),
            CODE,
        );
        check(
            Latex,
            &experience(
                Latex,
                r"
                \resumeItem{Built an \textbf{AI-powered}, blockchain-backed, IoT-ready tracker}
                %                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[buzzword-stacking]: hype terms
                \resumeItem{Fine-tuned an LLM for RAG answers, lifting accuracy by 14\%}
                ",
            ),
            CODE,
        );
    }

    #[test]
    fn descriptor_runs_in_summaries_and_bullets() {
        check(
            Markdown,
            &doc(
                Markdown,
                r"
                ## Summary

                Passionate, results-driven marketer and team player. Grew revenue 30% in a year.
                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[buzzword-stacking]: buzzwords instead of evidence

                ## Experience

                ### Marketer — Acme Corp
                *Jan 2020 – Present*

                - Detail-oriented self-starter who brings synergy to launches
                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[buzzword-stacking]
                - Detail-oriented self-starter who ran 12 launches with synergy
                ",
            ),
            CODE,
        );
        check(
            Latex,
            &experience(
                Latex,
                r"
                \resumeItem{Dynamic, strategic \& forward-thinking leader}
                %           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[buzzword-stacking]
                \resumeItem{Built dynamic pricing for strategic accounts on a dedicated server}
                ",
            ),
            CODE,
        );
    }

    #[test]
    fn lists_and_descriptors_in_one_sentence_are_one_finding() {
        check(
            Markdown,
            &doc(
                Markdown,
                r"
                ## Summary

                Passionate team player and results-driven expert in LLM, GenAI, and RAG.
                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[buzzword-stacking]: a list of 3 hype terms
                ",
            ),
            CODE,
        );
    }

    #[test]
    fn skills_lines_are_not_stacking() {
        check(
            Markdown,
            &doc(
                Markdown,
                r"
                ## Skills

                - **AI:** LLM, RAG, GenAI, blockchain, web3
                ",
            ),
            CODE,
        );
    }

    #[test]
    fn configuration_is_honoured() {
        let config = Config {
            buzzwords: WordListPatch {
                add: vec!["ubercool".into()],
                remove: vec!["passionate".into()],
            },
            ..Config::default()
        };
        check_with_config(
            Markdown,
            &experience(
                Markdown,
                r"
                - Passionate, results-driven team player
                - Ubercool, results-driven team player
                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning[buzzword-stacking]
                ",
            ),
            CODE,
            &config,
        );
    }
}
