//! Text-level analyses shared by rules: pure functions over plain strings,
//! independent of the resume model and of the source format.

pub mod acronyms;
pub mod buzzwords;
pub mod dates;
pub mod metrics;
pub mod rewrite;
pub mod verbs;
