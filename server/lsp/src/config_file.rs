//! `resume-lsp.toml`: finding, reading and validating the configuration file.
