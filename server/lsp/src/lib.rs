//! resume-lsp: the language server and the command-line linter.
//!
//! This is the only crate that knows the protocol, files and processes; the
//! engine (`resume-syntax`) and the rules (`resume-rules`) stay pure.

pub mod cli;
pub mod config_file;
pub mod lsp;
