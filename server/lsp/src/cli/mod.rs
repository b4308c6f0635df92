//! Command line: `check`, `rules`, `explain`, `outline`, `serve`.
//!
//! Invariant: in serve mode nothing but the language server writes to stdout
//! (stdout is the LSP transport). Command-line output goes through explicit
//! writers handed down from [`main`], never through `print!`.

pub mod check;
mod config;
mod files;
pub mod outline;
pub mod rules;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

pub use check::{check_paths, lint_source, CheckOptions, Status};

/// Output format of `check` and `rules`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// `path:line:col: severity[code]: message`, one finding a line.
    #[default]
    Human,
    /// One JSON document with LSP conventions (0-based lines, UTF-16 columns).
    Json,
}

/// Language server and linter for resumes written in LaTeX or Markdown.
///
/// With no command, speaks the Language Server Protocol on stdio.
#[derive(Debug, Parser)]
#[command(name = "resume-lsp", version, about, long_about = None)]
pub struct Cli {
    /// What to do (default: serve).
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    transport: TransportArgs,
}

/// Arguments editors add when they start a language server over stdio
/// (`vscode-languageclient` passes `--stdio`, some pass the client's process
/// id). stdio is the only transport, so they are accepted and ignored.
#[derive(Debug, Default, clap::Args)]
pub struct TransportArgs {
    #[arg(long, hide = true, global = true)]
    stdio: bool,
    #[arg(
        long = "clientProcessId",
        alias = "client-process-id",
        hide = true,
        global = true,
        value_name = "PID"
    )]
    client_process_id: Option<String>,
}

/// A subcommand.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Speak the Language Server Protocol on stdin/stdout (the default).
    Serve,
    /// Lint resume files and directories (.tex, .md, .markdown).
    #[command(
        after_help = "Exit status: 0 when nothing at warning or above is found, \
                      1 when something is (0 with --exit-zero), 2 on a usage, configuration or file error.\n\
                      Configuration: the nearest resume-lsp.toml above each file."
    )]
    Check {
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        /// Apply safe fixes in place, then report what remains.
        #[arg(long)]
        fix: bool,
        /// Also mention skipped files (documents that are not resumes).
        #[arg(short, long)]
        verbose: bool,
        /// Exit 0 even when findings are reported (errors still exit 2).
        #[arg(long)]
        exit_zero: bool,
        /// Files or directories to lint; directories are searched recursively.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// List every rule with its code, default severity, category and fix availability.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
    },
    /// Print a rule's documentation.
    Explain {
        /// The rule's code, e.g. weak-verb.
        #[arg(value_name = "CODE")]
        code: String,
    },
    /// Print the resume model of a file as a tree (sections, entries, bullets).
    Outline {
        /// The file to show.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

/// Runs the command line with the process arguments.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // Help and version go to stdout with status 0; usage errors go to
            // stderr with status 2.
            let _ = err.print();
            return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
        }
    };
    match cli.command {
        None | Some(Command::Serve) => serve(),
        Some(command) => {
            let stdout = std::io::stdout();
            let stderr = std::io::stderr();
            let mut out = stdout.lock();
            let mut err = stderr.lock();
            let status = run(command, &mut out, &mut err);
            let _ = out.flush();
            status.into()
        }
    }
}

/// Runs one non-serve command, writing results to `out` and messages to `err`.
pub fn run(command: Command, out: &mut dyn Write, err: &mut dyn Write) -> Status {
    match command {
        Command::Serve => {
            let _ = writeln!(
                err,
                "error: `serve` cannot run inside another command; run `resume-lsp serve`"
            );
            Status::Error
        }
        Command::Check {
            format,
            fix,
            verbose,
            exit_zero,
            paths,
        } => {
            let options = CheckOptions {
                format,
                fix,
                verbose,
            };
            match check_paths(&paths, &options, out, err) {
                Status::Findings if exit_zero => Status::Clean,
                status => status,
            }
        }
        Command::Rules { format } => rules::list(format, out, err),
        Command::Explain { code } => rules::explain(&code, out, err),
        Command::Outline { file } => outline::outline_path(&file, out, err),
    }
}

fn serve() -> ExitCode {
    crate::lsp::serve_stdio()
}
