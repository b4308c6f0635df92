//! An open document: rope, syntax tree(s), model and version, updated
//! incrementally.
//!
//! An edit is applied to the rope and the text, then to the old tree
//! (`Tree::edit` with byte offsets and row/column points), then the tree is
//! re-parsed with the old one so tree-sitter reuses everything outside the
//! edit, and finally the model is rebuilt from the new tree.

use std::ops::Range;
use std::sync::Arc;

use ropey::Rope;
use tree_sitter::{InputEdit, Point};

use crate::latex::Scan;
use crate::macros::ParseOptions;
use crate::markdown::Kept;
use crate::model::{Format, Resume};
use crate::syntax_tree::{Parsers, SyntaxTree};

/// An open document.
pub struct Document {
    format: Format,
    rope: Rope,
    text: String,
    version: i32,
    options: ParseOptions,
    parsers: Parsers,
    tree: SyntaxTree,
    resume: Arc<Resume>,
    /// LaTeX: the definitions and comments read last, kept across edits
    /// that cannot change them, and the sections read from each run of
    /// the body.
    scan: Scan,
    /// Markdown: the blocks and heading fields read from earlier versions.
    kept: Kept,
}

impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("format", &self.format)
            .field("version", &self.version)
            .field("len", &self.text.len())
            .finish()
    }
}

impl Document {
    /// Parses `text` from scratch.
    pub fn new(text: &str, format: Format, version: i32, options: ParseOptions) -> Document {
        let mut parsers = Parsers::default();
        let tree = parsers.parse(text, format, None);
        let mut scan = Scan::default();
        let mut kept = Kept::default();
        let resume = Arc::new(lower(text, &tree, &options, &mut scan, &mut kept));
        Document {
            format,
            rope: Rope::from_str(text),
            text: text.to_string(),
            version,
            options,
            parsers,
            tree,
            resume,
            scan,
            kept,
        }
    }

    /// Replaces the source bytes `range` with `new_text`, edits the tree and
    /// re-parses incrementally, then rebuilds the model. Out-of-range offsets
    /// are clamped to the document and moved back to a char boundary; the
    /// applied range is returned.
    pub fn apply_edit(&mut self, range: Range<usize>, new_text: &str) -> Range<usize> {
        let applied = self.edit_text(range, new_text);
        self.reparse();
        applied
    }

    /// Applies several edits (each in the coordinates of the text left by the
    /// previous one, as LSP sends them), then re-parses once.
    pub fn apply_edits<'a>(&mut self, edits: impl IntoIterator<Item = (Range<usize>, &'a str)>) {
        for (range, text) in edits {
            self.edit_text(range, text);
        }
        self.reparse();
    }

    /// Replaces the whole text (a full-document sync) and re-parses from
    /// scratch.
    pub fn replace_all(&mut self, text: &str) {
        self.rope = Rope::from_str(text);
        self.text = text.to_string();
        self.tree = self.parsers.parse(&self.text, self.format, None);
        self.scan.invalidate();
        self.relower();
    }

    fn edit_text(&mut self, range: Range<usize>, new_text: &str) -> Range<usize> {
        let len = self.text.len();
        let mut start = range.start.min(len);
        let mut end = range.end.min(len).max(start);
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let end = end.max(start);
        let start_position = self.point(start);
        let old_end_position = self.point(end);

        let cs = self.rope.byte_to_char(start);
        let ce = self.rope.byte_to_char(end);
        self.rope.remove(cs..ce);
        self.rope.insert(cs, new_text);
        let removed = self.text[start..end].to_string();
        self.text.replace_range(start..end, new_text);
        self.scan.edit(start..end, &removed, new_text, &self.text);

        let new_end_byte = start + new_text.len();
        let new_end_position = self.point(new_end_byte);
        self.tree.edit(&InputEdit {
            start_byte: start,
            old_end_byte: end,
            new_end_byte,
            start_position,
            old_end_position,
            new_end_position,
        });
        start..end
    }

    fn reparse(&mut self) {
        self.tree = self
            .parsers
            .parse(&self.text, self.format, Some(&self.tree));
        self.relower();
    }

    /// Rebuilds the model from the tree, with what was kept from earlier
    /// versions.
    fn relower(&mut self) {
        self.resume = Arc::new(lower(
            &self.text,
            &self.tree,
            &self.options,
            &mut self.scan,
            &mut self.kept,
        ));
    }

    /// Row and byte column of `offset` in the current text (the rope and the
    /// text agree at the time of the call).
    fn point(&self, offset: usize) -> Point {
        let line = self.rope.byte_to_line(offset);
        let line_start = self.rope.line_to_byte(line);
        Point {
            row: line,
            column: offset - line_start,
        }
    }

    /// Sets the version (from the editor).
    pub fn set_version(&mut self, version: i32) {
        self.version = version;
    }

    /// Replaces the parse options and rebuilds the model.
    pub fn set_options(&mut self, options: ParseOptions) {
        self.options = options;
        self.relower();
    }

    /// The parse options.
    pub fn options(&self) -> &ParseOptions {
        &self.options
    }

    /// The version.
    pub fn version(&self) -> i32 {
        self.version
    }

    /// The format.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The text as a rope.
    pub fn rope(&self) -> &Rope {
        &self.rope
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The syntax tree(s).
    pub fn tree(&self) -> &SyntaxTree {
        &self.tree
    }

    /// The resume model.
    pub fn resume(&self) -> &Resume {
        &self.resume
    }

    /// The resume model, shared (it is replaced, never changed, by edits).
    pub fn shared_resume(&self) -> Arc<Resume> {
        self.resume.clone()
    }
}

/// The model of `tree`, with what the document kept from earlier versions.
fn lower(
    source: &str,
    tree: &SyntaxTree,
    options: &ParseOptions,
    scan: &mut Scan,
    kept: &mut Kept,
) -> Resume {
    match tree {
        SyntaxTree::Latex(t) => crate::latex::lower_with_scan(source, t, options, scan),
        SyntaxTree::Markdown(t) => crate::markdown::lower_kept(source, t, options, kept),
    }
}
