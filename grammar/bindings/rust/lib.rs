//! Tree-sitter grammar for LaTeX as resumes use it.
//!
//! The grammar covers generic LaTeX structure: commands with their optional
//! and required arguments, groups, environments, comments, inline and display
//! math, escapes, line breaks, dashes and text. It knows nothing about macro
//! arity: every `{...}` and `[...]` that follows a command name is attached to
//! it, and the consumer decides how many arguments a macro takes.
//!
//! ```
//! let mut parser = tree_sitter::Parser::new();
//! parser
//!     .set_language(&tree_sitter_resume_latex::LANGUAGE.into())
//!     .expect("the grammar's ABI is supported by the runtime");
//! let tree = parser.parse(r"\resumeItem{Cut costs by 40\%}", None).unwrap();
//! assert_eq!(tree.root_node().child(0).unwrap().kind(), "command");
//! ```

use tree_sitter_language::LanguageFn;

extern "C" {
    fn tree_sitter_resume_latex() -> *const ();
}

/// The tree-sitter [`LanguageFn`] for this grammar.
#[allow(unsafe_code)]
pub const LANGUAGE: LanguageFn = unsafe { LanguageFn::from_raw(tree_sitter_resume_latex) };

/// The content of the `node-types.json` file for this grammar.
pub const NODE_TYPES: &str = include_str!("../../src/node-types.json");

/// The syntax highlighting query for this grammar.
pub const HIGHLIGHTS_QUERY: &str = include_str!("../../queries/highlights.scm");

#[cfg(test)]
mod tests {
    #[test]
    fn loads_the_grammar() {
        let mut parser = tree_sitter::Parser::new();
        parser
            .set_language(&super::LANGUAGE.into())
            .expect("the grammar's ABI is supported by the runtime");
        let tree = parser.parse(r"\section{Skills}", None).unwrap();
        assert!(!tree.root_node().has_error());
        assert_eq!(tree.root_node().kind(), "source_file");
    }
}
