//! Byte offsets ↔ line/column positions, in UTF-8 or UTF-16 code units.
//!
//! Built once per text; each conversion is a binary search over line starts
//! plus a scan of one line, never a rescan of the whole text.

/// How columns are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// Columns in UTF-8 bytes.
    Utf8,
    /// Columns in UTF-16 code units (the LSP default).
    Utf16,
    /// Columns in Unicode scalar values (for human output).
    Chars,
}

/// A zero-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    /// Zero-based line.
    pub line: u32,
    /// Zero-based column in the chosen encoding.
    pub col: u32,
}

/// Line starts of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    /// Indexes `text`. Lines end at `\n`; a `\r` before it belongs to the
    /// line's end, not its content.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// Number of lines (a text ending in a newline has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte range of line `line` without its line break, or `None` past the
    /// last line.
    pub fn line_range(&self, text: &str, line: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.starts.get(line)?;
        let mut end = self.starts.get(line + 1).map_or(self.len, |n| n - 1);
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Some(start..end.max(start))
    }

    /// The position of byte `offset` (clamped to the text and moved back to a
    /// char boundary).
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> LineCol {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|s| *s <= offset) - 1;
        let start = self.starts[line];
        let col = count(&text[start..offset], enc);
        LineCol {
            line: line as u32,
            col: col as u32,
        }
    }

    /// The byte offset of a position. Lines past the end clamp to the end of
    /// the text; columns past the end of a line clamp to the line's end; a
    /// column inside a character (UTF-16 surrogate half) moves to its start.
    /// Returns the offset and whether clamping happened.
    pub fn offset(&self, text: &str, pos: LineCol, enc: Encoding) -> (usize, bool) {
        let Some(range) = self.line_range(text, pos.line as usize) else {
            return (text.len(), true);
        };
        let line = &text[range.clone()];
        let mut units = 0usize;
        for (i, ch) in line.char_indices() {
            if units >= pos.col as usize {
                return (range.start + i, units > pos.col as usize);
            }
            units += unit_len(ch, enc);
            if units > pos.col as usize {
                return (range.start + i, true);
            }
        }
        (range.end, units != pos.col as usize)
    }
}

fn unit_len(ch: char, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf8 => ch.len_utf8(),
        Encoding::Utf16 => ch.len_utf16(),
        Encoding::Chars => 1,
    }
}

fn count(s: &str, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf8 => s.len(),
        Encoding::Utf16 => s.chars().map(char::len_utf16).sum(),
        Encoding::Chars => s.chars().count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_in_each_encoding() {
        let text = "ab\nxé–😀y\r\nlast";
        let idx = LineIndex::new(text);
        let y = text.find('y').unwrap();
        assert_eq!(
            idx.position(text, y, Encoding::Utf8),
            LineCol { line: 1, col: 10 }
        );
        assert_eq!(
            idx.position(text, y, Encoding::Utf16),
            LineCol { line: 1, col: 5 }
        );
        assert_eq!(
            idx.position(text, y, Encoding::Chars),
            LineCol { line: 1, col: 4 }
        );
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Chars] {
            let p = idx.position(text, y, enc);
            assert_eq!(idx.offset(text, p, enc), (y, false));
        }
        assert_eq!(idx.line_range(text, 1), Some(3..text.find('\r').unwrap()));
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let text = "ab\n😀\n";
        let idx = LineIndex::new(text);
        assert_eq!(
            idx.offset(text, LineCol { line: 0, col: 99 }, Encoding::Utf16),
            (2, true)
        );
        assert_eq!(
            idx.offset(text, LineCol { line: 9, col: 0 }, Encoding::Utf16),
            (text.len(), true)
        );
        // Inside a surrogate pair: moved to the character's start.
        assert_eq!(
            idx.offset(text, LineCol { line: 1, col: 1 }, Encoding::Utf16),
            (3, true)
        );
        assert_eq!(idx.position(text, 999, Encoding::Utf16).line, 2);
        assert_eq!(
            idx.position(text, 4, Encoding::Utf8),
            LineCol { line: 1, col: 0 }
        );
    }
}
