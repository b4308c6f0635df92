//! Shared helpers for the end-to-end tests.
//!
//! [`scoring`] measures rules against labelled data: the development set in
//! `tests/dev-set` (a copy of the shared development set; see its README) and the project's own labelled bullets
//! in `tests/labelled/bullets.tsv`.

pub mod scoring;
