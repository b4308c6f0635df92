//! Parsing engine: LaTeX (our tree-sitter grammar) and Markdown
//! (tree-sitter-md) lowered to one format-neutral resume model whose text
//! pieces map back to exact source bytes.
//!
//! Invariants: no LSP, no IO; parsing never fails (a tree with errors still
//! yields a model); every [`Text`] maps back to the source it came from.

pub mod document;
mod entry_fields;
mod fields;
pub mod flatten;
pub mod latex;
pub mod line_index;
pub mod macros;
mod markdown;
pub mod model;
pub mod outline;
mod sections;
pub mod syntax_tree;
pub mod text;

pub use document::Document;
pub use fields::edit_distance;
pub use line_index::{Encoding, LineCol, LineIndex};
pub use macros::{ArgRole, MacroKind, MacroSpec, MacroTable, ParseOptions};
pub use model::{
    Bullet, BulletRef, Comment, Entry, Format, Resume, Section, SectionKind, SkillLine,
};
pub use syntax_tree::{Parsers, SyntaxTree};
pub use text::{Segment, Text};

/// Builds the resume model of `source` from scratch.
pub fn parse(source: &str, format: Format, options: &ParseOptions) -> Resume {
    let mut parsers = Parsers::default();
    let tree = parsers.parse(source, format, None);
    lower(source, &tree, options)
}

/// Builds the resume model from an already parsed tree.
pub fn lower(source: &str, tree: &SyntaxTree, options: &ParseOptions) -> Resume {
    match tree {
        SyntaxTree::Latex(t) => latex::lower(source, t, options),
        SyntaxTree::Markdown(t) => markdown::lower(source, t, options),
    }
}

/// Macro definitions (`\newcommand`, `\def`) of a LaTeX source: arities,
/// the macros each body calls and text macros, for reading the files a
/// document includes (see `ParseOptions::included`).
pub fn latex_definitions(source: &str) -> latex::Definitions {
    let tree = Parsers::default().parse(source, Format::Latex, None);
    match &tree {
        SyntaxTree::Latex(t) => latex::definitions(source, t),
        SyntaxTree::Markdown(_) => latex::Definitions::default(),
    }
}

/// Files named by `\input` / `\include` in a LaTeX source, as written.
pub fn latex_includes(source: &str) -> Vec<String> {
    let tree = Parsers::default().parse(source, Format::Latex, None);
    match &tree {
        SyntaxTree::Latex(t) => latex::includes(source, t),
        SyntaxTree::Markdown(_) => Vec::new(),
    }
}
