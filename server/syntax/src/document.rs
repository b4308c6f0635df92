//! An open document: rope, syntax tree(s), model and version, updated
//! incrementally.

use std::ops::Range;

use ropey::Rope;

use crate::macros::ParseOptions;
use crate::model::{Format, Resume};

/// An open document.
pub struct Document {
    format: Format,
    rope: Rope,
    text: String,
    version: i32,
    options: ParseOptions,
    resume: Resume,
}

impl Document {
    /// Parses `text` from scratch.
    pub fn new(text: &str, format: Format, version: i32, options: ParseOptions) -> Document {
        let resume = crate::parse(text, format, &options);
        Document {
            format,
            rope: Rope::from_str(text),
            text: text.to_string(),
            version,
            options,
            resume,
        }
    }

    /// Replaces the source bytes `range` with `new_text` and re-parses
    /// incrementally. Out-of-range offsets are clamped to the document and
    /// moved back to the previous char boundary; the applied range is
    /// returned.
    pub fn apply_edit(&mut self, range: Range<usize>, new_text: &str) -> Range<usize> {
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
        let cs = self.rope.byte_to_char(start);
        let ce = self.rope.byte_to_char(end);
        self.rope.remove(cs..ce);
        self.rope.insert(cs, new_text);
        self.text.replace_range(start..end, new_text);
        self.resume = crate::parse(&self.text, self.format, &self.options);
        start..end
    }

    /// Sets the version (from the editor).
    pub fn set_version(&mut self, version: i32) {
        self.version = version;
    }

    /// Replaces the parse options and rebuilds the model.
    pub fn set_options(&mut self, options: ParseOptions) {
        self.options = options;
        self.resume = crate::parse(&self.text, self.format, &self.options);
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

    /// The resume model.
    pub fn resume(&self) -> &Resume {
        &self.resume
    }
}
