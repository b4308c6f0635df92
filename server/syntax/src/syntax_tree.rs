//! The concrete syntax trees of a document and their incremental update.

use tree_sitter::{InputEdit, Parser, Tree};
use tree_sitter_md::{MarkdownParser, MarkdownTree};

use crate::model::Format;

/// The tree(s) of one document.
#[derive(Clone)]
pub enum SyntaxTree {
    /// LaTeX: one tree from our grammar.
    Latex(Tree),
    /// Markdown: a block tree plus inline trees.
    Markdown(MarkdownTree),
}

impl std::fmt::Debug for SyntaxTree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_sexp())
    }
}

impl SyntaxTree {
    /// Applies an edit to the tree(s) so the next parse can reuse them.
    pub fn edit(&mut self, edit: &InputEdit) {
        match self {
            SyntaxTree::Latex(t) => t.edit(edit),
            SyntaxTree::Markdown(t) => t.edit(edit),
        }
    }

    /// An S-expression of the whole tree (block and inline trees for
    /// Markdown), for tests and debugging.
    pub fn to_sexp(&self) -> String {
        match self {
            SyntaxTree::Latex(t) => t.root_node().to_sexp(),
            SyntaxTree::Markdown(t) => {
                let mut s = t.block_tree().root_node().to_sexp();
                let mut inlines: Vec<(std::ops::Range<usize>, String)> = t
                    .inline_trees()
                    .iter()
                    .map(|i| (i.root_node().byte_range(), i.root_node().to_sexp()))
                    .collect();
                inlines.sort_by_key(|(r, _)| (r.start, r.end));
                for (range, sexp) in inlines {
                    s.push('\n');
                    s.push_str(&sexp);
                    s.push_str(&format!(" @{range:?}"));
                }
                s
            }
        }
    }

    /// Whether the tree holds ERROR or MISSING nodes.
    pub fn has_error(&self) -> bool {
        match self {
            SyntaxTree::Latex(t) => t.root_node().has_error(),
            SyntaxTree::Markdown(t) => t.block_tree().root_node().has_error(),
        }
    }
}

/// Parsers for both formats, reused across parses.
pub struct Parsers {
    latex: Parser,
    markdown: MarkdownParser,
}

impl Default for Parsers {
    fn default() -> Self {
        let mut latex = Parser::new();
        latex
            .set_language(&tree_sitter_resume_latex::LANGUAGE.into())
            .expect("the bundled LaTeX grammar matches the tree-sitter runtime");
        Parsers {
            latex,
            markdown: MarkdownParser::default(),
        }
    }
}

impl Parsers {
    /// Parses `source`, reusing `old` (already edited) when given.
    pub fn parse(&mut self, source: &str, format: Format, old: Option<&SyntaxTree>) -> SyntaxTree {
        match format {
            Format::Latex => {
                let old = match old {
                    Some(SyntaxTree::Latex(t)) => Some(t),
                    _ => None,
                };
                let tree = self
                    .latex
                    .parse(source, old)
                    .or_else(|| self.latex.parse(source, None))
                    .expect("parsing without a timeout or cancellation flag always yields a tree");
                SyntaxTree::Latex(tree)
            }
            Format::Markdown => {
                let old = match old {
                    Some(SyntaxTree::Markdown(t)) => Some(t),
                    _ => None,
                };
                let tree = self
                    .markdown
                    .parse(source.as_bytes(), old)
                    .or_else(|| self.markdown.parse(source.as_bytes(), None))
                    .expect("parsing without a timeout or cancellation flag always yields a tree");
                SyntaxTree::Markdown(tree)
            }
        }
    }
}
