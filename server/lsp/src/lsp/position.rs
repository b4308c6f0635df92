//! LSP positions ↔ byte offsets in the negotiated encoding.
//!
//! Incoming edits are converted against the server's shadow rope (cheap per
//! keystroke, no rescan of the text); outgoing ranges go through a
//! [`LineIndex`] built once per linted version. Both clamp positions past the
//! end of a line or of the document and say so.

use resume_syntax::{Encoding, LineCol, LineIndex};
use ropey::Rope;
use tower_lsp_server::lsp_types::{Position, Range};

/// Byte offset of `pos` in `rope`, and whether it had to be clamped. Lines
/// end at `\n`; a `\r` before it is not part of the line's content.
pub(crate) fn rope_offset(rope: &Rope, pos: Position, enc: Encoding) -> (usize, bool) {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return (rope.len_bytes(), true);
    }
    let start = rope.line_to_byte(line);
    let slice = rope.line(line);
    let mut end = slice.len_bytes();
    if end > 0 && slice.byte(end - 1) == b'\n' {
        end -= 1;
        if end > 0 && slice.byte(end - 1) == b'\r' {
            end -= 1;
        }
    }
    let want = pos.character as usize;
    let mut units = 0usize;
    let mut byte = 0usize;
    for ch in slice.byte_slice(..end).chars() {
        if units >= want {
            return (start + byte, units > want);
        }
        units += match enc {
            Encoding::Utf8 => ch.len_utf8(),
            Encoding::Utf16 => ch.len_utf16(),
            Encoding::Chars => 1,
        };
        if units > want {
            // Inside a character (a surrogate half or a UTF-8 continuation
            // byte): move to its start.
            return (start + byte, true);
        }
        byte += ch.len_utf8();
    }
    (start + end, units != want)
}

/// The LSP position of byte `offset` of `text`.
pub(crate) fn position(index: &LineIndex, text: &str, offset: usize, enc: Encoding) -> Position {
    let LineCol { line, col } = index.position(text, offset, enc);
    Position::new(line, col)
}

/// The LSP range of a byte range of `text`.
pub(crate) fn range(
    index: &LineIndex,
    text: &str,
    bytes: std::ops::Range<usize>,
    enc: Encoding,
) -> Range {
    Range::new(
        position(index, text, bytes.start, enc),
        position(index, text, bytes.end.max(bytes.start), enc),
    )
}

/// Byte offset of an LSP position in `text`, and whether it was clamped.
pub(crate) fn offset(index: &LineIndex, text: &str, pos: Position, enc: Encoding) -> (usize, bool) {
    index.offset(
        text,
        LineCol {
            line: pos.line,
            col: pos.character,
        },
        enc,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rope_and_line_index_agree() {
        let text = "ab\r\nxé–😀y\n\nlast line😀";
        let rope = Rope::from_str(text);
        let index = LineIndex::new(text);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Chars] {
            for line in 0..6 {
                for character in 0..14 {
                    let pos = Position::new(line, character);
                    assert_eq!(
                        rope_offset(&rope, pos, enc),
                        offset(&index, text, pos, enc),
                        "{pos:?} {enc:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn utf16_and_utf8_columns() {
        let text = "é–😀x";
        let rope = Rope::from_str(text);
        let x = text.find('x').unwrap();
        assert_eq!(
            rope_offset(&rope, Position::new(0, 4), Encoding::Utf16),
            (x, false)
        );
        assert_eq!(
            rope_offset(&rope, Position::new(0, 9), Encoding::Utf8),
            (x, false)
        );
        assert_eq!(
            rope_offset(&rope, Position::new(0, 3), Encoding::Utf16),
            (5, true)
        );
        assert_eq!(
            rope_offset(&rope, Position::new(7, 0), Encoding::Utf16),
            (text.len(), true)
        );
        assert_eq!(
            rope_offset(&rope, Position::new(0, 99), Encoding::Utf16),
            (text.len(), true)
        );
    }
}
