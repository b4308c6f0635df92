//! The concrete syntax trees of a document and their incremental update.

use std::ops::Range as ByteRange;

use tree_sitter::{InputEdit, Node, Parser, Point, Range, Tree};

use crate::model::Format;

/// The tree(s) of one document.
#[derive(Clone)]
pub enum SyntaxTree {
    /// LaTeX: one tree from our grammar.
    Latex(Tree),
    /// Markdown: a block tree plus inline trees.
    Markdown(MarkdownTree),
}

/// One inline tree of a Markdown document: the inline content of one block
/// node, parsed with the inline grammar over the ranges that make it up.
#[derive(Clone)]
struct InlineTree {
    /// Byte range of the block `inline` node it belongs to.
    node: ByteRange<usize>,
    /// The included ranges it was parsed over.
    ranges: Vec<Range>,
    /// The tree as parsed: its positions are those of a document where its
    /// first range started at `at`. Edits before it only move it, and it is
    /// moved when read (see [`InlineTree::tree`]), so an edit costs nothing
    /// for the inline trees after it.
    tree: Tree,
    at: (usize, Point),
    /// Whether an edit since the parse touched the node (or its first line,
    /// shifting its columns).
    dirty: bool,
}

impl InlineTree {
    /// Where the first range starts now.
    fn start(&self) -> (usize, Point) {
        start_of(&self.ranges).unwrap_or(self.at)
    }

    /// The tree with its positions in the current document. An edit that
    /// leaves a tree clean lies wholly before it, on earlier lines, so the
    /// edits since the parse add up to one that replaces everything before
    /// the tree.
    fn tree(&self) -> Tree {
        let mut tree = self.tree.clone();
        let now = self.start();
        if now != self.at {
            tree.edit(&InputEdit {
                start_byte: 0,
                old_end_byte: self.at.0,
                new_end_byte: now.0,
                start_position: Point::new(0, 0),
                old_end_position: self.at.1,
                new_end_position: now.1,
            });
        }
        tree
    }
}

/// A Markdown document: the block tree plus one inline tree per inline node,
/// ordered by position.
///
/// The block tree is re-parsed incrementally. An inline tree is reused only
/// when its block node kept the same range and included ranges and no edit
/// touched it; every other inline node is parsed from scratch. (Incremental
/// re-parsing of the inline grammar can disagree with a fresh parse, e.g. for
/// emphasis around code spans, so it is never used.)
#[derive(Clone)]
pub struct MarkdownTree {
    block: Tree,
    inlines: Vec<InlineTree>,
}

impl MarkdownTree {
    /// The block tree.
    pub fn block_tree(&self) -> &Tree {
        &self.block
    }

    /// The inline tree of a block `inline` (or `pipe_table_cell`) node.
    pub fn inline_tree(&self, node: &Node<'_>) -> Option<Tree> {
        let range = node.byte_range();
        let i = self
            .inlines
            .binary_search_by(|t| (t.node.start, t.node.end).cmp(&(range.start, range.end)))
            .ok()?;
        Some(self.inlines[i].tree())
    }

    /// All inline trees in document order.
    pub fn inline_trees(&self) -> impl Iterator<Item = Tree> + '_ {
        self.inlines.iter().map(InlineTree::tree)
    }

    /// The inline trees, in document order, of the block nodes whose byte
    /// range `keep` accepts.
    pub fn inline_trees_where<'a>(
        &'a self,
        keep: impl Fn(ByteRange<usize>) -> bool + 'a,
    ) -> impl Iterator<Item = Tree> + 'a {
        self.inlines
            .iter()
            .filter(move |t| keep(t.node.clone()))
            .map(InlineTree::tree)
    }

    fn edit(&mut self, edit: &InputEdit) {
        self.block.edit(edit);
        for inline in &mut self.inlines {
            // An edit after the inline content leaves it as it is.
            if edit.start_byte > inline.node.end {
                continue;
            }
            let first_row = inline.ranges.first().map_or(0, |r| r.start_point.row);
            if edit.old_end_byte >= inline.node.start || edit.old_end_position.row >= first_row {
                // Parsed afresh on the next parse.
                inline.dirty = true;
            }
            inline.node = shift(inline.node.clone(), edit);
            for r in &mut inline.ranges {
                let shifted = shift(r.start_byte..r.end_byte, edit);
                r.start_byte = shifted.start;
                r.end_byte = shifted.end;
                r.start_point = shift_point(r.start_point, edit);
                r.end_point = shift_point(r.end_point, edit);
            }
        }
    }
}

/// A point after an edit that ends at or before it.
fn shift_point(p: Point, edit: &InputEdit) -> Point {
    if p < edit.old_end_position {
        return p;
    }
    if p.row == edit.old_end_position.row {
        Point {
            row: edit.new_end_position.row,
            column: p.column - edit.old_end_position.column + edit.new_end_position.column,
        }
    } else {
        Point {
            row: p.row - edit.old_end_position.row + edit.new_end_position.row,
            column: p.column,
        }
    }
}

/// A byte range after an edit; ranges the edit touches come out changed
/// (and their trees report changes, so they are never reused).
fn shift(r: ByteRange<usize>, edit: &InputEdit) -> ByteRange<usize> {
    let map = |b: usize| {
        if b <= edit.start_byte {
            b
        } else if b >= edit.old_end_byte {
            b - edit.old_end_byte + edit.new_end_byte
        } else {
            edit.new_end_byte
        }
    };
    map(r.start)..map(r.end)
}

/// Parsers for Markdown's two grammars.
struct MarkdownParser {
    block: Parser,
    inline: Parser,
}

impl Default for MarkdownParser {
    fn default() -> Self {
        let mut block = Parser::new();
        block
            .set_language(&tree_sitter_md::LANGUAGE.into())
            .expect("the Markdown block grammar matches the tree-sitter runtime");
        let mut inline = Parser::new();
        inline
            .set_language(&tree_sitter_md::INLINE_LANGUAGE.into())
            .expect("the Markdown inline grammar matches the tree-sitter runtime");
        MarkdownParser { block, inline }
    }
}

impl MarkdownParser {
    fn parse(&mut self, source: &str, old: Option<&MarkdownTree>) -> MarkdownTree {
        let block = self
            .block
            .parse(source, old.map(|o| &o.block))
            .or_else(|| self.block.parse(source, None))
            .expect("parsing without a timeout or cancellation flag always yields a tree");
        // After an edit, only the block nodes in the ranges whose structure
        // changed, or around an inline node the edit touched, are walked:
        // everywhere else the block tree reused the old nodes, so the old
        // inline trees (already moved by the edit) stay as they are.
        let regions: Option<Vec<ByteRange<usize>>> = old.map(|o| {
            let mut regions: Vec<ByteRange<usize>> = o
                .block
                .changed_ranges(&block)
                .map(|r| r.start_byte..r.end_byte)
                .collect();
            regions.extend(o.inlines.iter().filter(|t| t.dirty).map(|t| t.node.clone()));
            regions
        });
        let touched = |r: ByteRange<usize>| {
            regions
                .as_ref()
                .is_none_or(|rs| rs.iter().any(|g| g.start <= r.end && r.start <= g.end))
        };
        let mut inlines: Vec<InlineTree> = match (old, &regions) {
            (Some(o), Some(_)) => o
                .inlines
                .iter()
                .filter(|t| !t.dirty && !touched(t.node.clone()))
                .cloned()
                .collect(),
            _ => Vec::new(),
        };
        let kept = inlines.len();
        // Depth-first, children in order: inline nodes come out sorted.
        let mut cursor = block.walk();
        'walk: loop {
            let node = cursor.node();
            let kind = node.kind();
            let inline = kind == "inline" || kind == "pipe_table_cell";
            let skip = !touched(node.byte_range());
            if inline && !skip {
                let ranges = inline_ranges(node);
                let reused = old.and_then(|o| {
                    let r = node.byte_range();
                    let i = o
                        .inlines
                        .binary_search_by(|t| (t.node.start, t.node.end).cmp(&(r.start, r.end)))
                        .ok()?;
                    let t = &o.inlines[i];
                    (!t.dirty && t.ranges == ranges).then(|| (t.tree.clone(), t.at))
                });
                let start = start_of(&ranges).unwrap_or((0, Point::new(0, 0)));
                let tree = match reused {
                    Some(t) => Some(t),
                    None => self
                        .inline
                        .set_included_ranges(&ranges)
                        .ok()
                        .and_then(|()| self.inline.parse(source, None))
                        .map(|t| (t, start)),
                };
                if let Some((tree, at)) = tree {
                    inlines.push(InlineTree {
                        node: node.byte_range(),
                        ranges,
                        tree,
                        at,
                        dirty: false,
                    });
                }
            }
            if !inline && !skip && cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    break 'walk;
                }
            }
        }
        drop(cursor);
        // The trees read now first: of two trees for one node, the sort
        // (stable) and the dedup keep the one read now.
        inlines.rotate_left(kept);
        inlines.sort_by_key(|t| (t.node.start, t.node.end));
        inlines.dedup_by_key(|t| (t.node.start, t.node.end));
        MarkdownTree { block, inlines }
    }
}

/// Where the first of `ranges` starts.
fn start_of(ranges: &[Range]) -> Option<(usize, Point)> {
    ranges.first().map(|r| (r.start_byte, r.start_point))
}

/// The ranges of an inline node minus its named children (block
/// continuation markers such as a quote's `>` on later lines).
fn inline_ranges(node: Node<'_>) -> Vec<Range> {
    let mut range = node.range();
    let mut ranges = Vec::new();
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        let r = child.range();
        ranges.push(Range {
            start_byte: range.start_byte,
            start_point: range.start_point,
            end_byte: r.start_byte,
            end_point: r.start_point,
        });
        range.start_byte = r.end_byte;
        range.start_point = r.end_point;
    }
    ranges.push(range);
    ranges
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
                SyntaxTree::Markdown(self.markdown.parse(source, old))
            }
        }
    }
}
