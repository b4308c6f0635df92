//! The configuration that applies to a file on the command line: the nearest
//! `resume-lsp.toml` walking up from the file, read once per run.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use std::borrow::Cow;

use resume_rules::Config;
use resume_syntax::{Format, ParseOptions};

use crate::config_file;

/// Rule configuration and parse options for one file.
#[derive(Clone, Debug, Default)]
pub(crate) struct FileConfig {
    /// What the rules read.
    pub(crate) rules: Config,
    /// How to build the model.
    pub(crate) parse: ParseOptions,
    /// Whether these are defaults standing in for a configuration file that
    /// cannot be used (`--fix` then leaves the file alone).
    pub(crate) broken: bool,
}

/// A problem with a configuration file, reported once per run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    /// The file cannot be used; the defaults apply instead.
    Error(String),
    /// The file was used, with something ignored.
    Warning(String),
}

/// Configuration files read so far, by path.
#[derive(Default)]
pub(crate) struct ConfigCache {
    files: HashMap<PathBuf, Arc<FileConfig>>,
    /// Directory → the configuration file that applies to its files.
    dirs: HashMap<PathBuf, Option<PathBuf>>,
    defaults: Arc<FileConfig>,
}

impl ConfigCache {
    /// The configuration for `path`, and the problems of its configuration
    /// file the first time that file is read.
    pub(crate) fn for_file(&mut self, path: &Path) -> (Arc<FileConfig>, Vec<Problem>) {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let found = match absolute.parent() {
            Some(dir) => self
                .dirs
                .entry(dir.to_path_buf())
                .or_insert_with(|| config_file::find_config_file(&absolute))
                .clone(),
            None => config_file::find_config_file(&absolute),
        };
        let Some(file) = found else {
            return (self.defaults.clone(), Vec::new());
        };
        if let Some(cfg) = self.files.get(&file) {
            return (cfg.clone(), Vec::new());
        }
        let mut problems = Vec::new();
        let cfg = match config_file::load_file(&file) {
            Ok(loaded) => {
                for w in &loaded.warnings {
                    problems.push(Problem::Warning(format!(
                        "{}:{}:{}: {}",
                        file.display(),
                        w.line,
                        w.column,
                        one_line(&w.message)
                    )));
                }
                Arc::new(FileConfig {
                    rules: loaded.rules,
                    parse: loaded.parse,
                    broken: false,
                })
            }
            Err(e) => {
                problems.push(Problem::Error(format!(
                    "{}; the defaults are used until it is fixed",
                    one_line(&e.to_string())
                )));
                Arc::new(FileConfig {
                    broken: true,
                    ..FileConfig::default()
                })
            }
        };
        self.files.insert(file, cfg.clone());
        (cfg, problems)
    }
}

/// Collapses whitespace runs (newlines included) to single spaces.
pub(crate) fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The parse options for one document: `base` plus, for LaTeX that
/// `\input`s other files, the definitions of the macros those files define.
pub(crate) fn with_includes<'a>(
    base: &'a ParseOptions,
    path: &Path,
    format: Format,
    source: &str,
) -> Cow<'a, ParseOptions> {
    if format != Format::Latex || !(source.contains("\\input") || source.contains("\\include")) {
        return Cow::Borrowed(base);
    }
    let defs = config_file::include_definitions(path, source);
    if defs == resume_syntax::latex::Definitions::default() {
        return Cow::Borrowed(base);
    }
    let mut options = base.clone();
    Arc::make_mut(&mut options.included).add_missing(&defs);
    Cow::Owned(options)
}
