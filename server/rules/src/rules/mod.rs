//! One module per rule. Each declares `pub(crate) const META: RuleMeta` and
//! `pub(crate) fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>)`, and is
//! listed once in `registry::RULES`.

pub(crate) mod buzzword_stacking;
pub(crate) mod inconsistent_date_format;
pub(crate) mod invalid_date;
pub(crate) mod tech_stack_overload;
pub(crate) mod unexpanded_acronym;
pub(crate) mod unquantified_bullet;
pub(crate) mod weak_verb;
