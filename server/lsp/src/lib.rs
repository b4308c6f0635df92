//! resume-lsp: the language server and the command-line linter.
//!
//! This is the only crate that knows the protocol, files and processes; the
//! engine (`resume-syntax`) and the rules (`resume-rules`) stay pure.
//!
//! Invariant: stdout is the LSP transport. Nothing in this crate prints to
//! stdout with `print!`; command-line output goes through explicit writers.

#![deny(clippy::print_stdout)]

pub mod cli;
pub mod config_file;
pub mod lsp;
pub mod project;
