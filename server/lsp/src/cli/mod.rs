//! Command line: `check`, `rules`, `explain`, `outline`, `serve`.
