//! The `resume-lsp` binary: a language server on stdio by default, a
//! command-line linter with `check`.

#![deny(clippy::print_stdout)]

fn main() -> std::process::ExitCode {
    resume_lsp::cli::main()
}
