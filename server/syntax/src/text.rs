//! Plain text with an exact map back to source bytes.
//!
//! Every piece of text in the resume model is a [`Text`]: the plain words a
//! reader sees (LaTeX escapes resolved, markup removed) plus, for every plain
//! byte, the source byte range it came from. Rules work on the plain string and
//! translate their findings back with [`Text::source_range`].

use std::ops::Range;

/// One run of plain text and where it came from.
///
/// A verbatim segment maps plain bytes one to one onto source bytes
/// (`src.len() == len`). A replaced segment maps all of its plain bytes onto
/// the whole of `src` (`\%` → `%`, `--` → `–`, a newline plus indentation → one
/// space).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Start of the segment in the plain string.
    pub plain: usize,
    /// Length of the segment in the plain string, in bytes.
    pub len: usize,
    /// Source byte range.
    pub src: Range<usize>,
    /// Whether plain bytes map one to one onto source bytes.
    pub verbatim: bool,
}

/// Plain text plus a source map.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    text: String,
    segments: Vec<Segment>,
}

impl Text {
    /// An empty text.
    pub fn new() -> Self {
        Self::default()
    }

    /// Text copied verbatim from `source[range]`.
    pub fn verbatim(source: &str, range: Range<usize>) -> Self {
        let mut t = Self::new();
        t.push_verbatim(&source[range.clone()], range.start);
        t
    }

    /// The plain string.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The segments of the source map, in plain order.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Length of the plain string in bytes.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Whether the plain string is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Appends `s`, which is exactly the source text starting at `src_start`.
    pub fn push_verbatim(&mut self, s: &str, src_start: usize) {
        if s.is_empty() {
            return;
        }
        let plain = self.text.len();
        if let Some(last) = self.segments.last_mut() {
            if last.verbatim && last.src.end == src_start && last.plain + last.len == plain {
                last.len += s.len();
                last.src.end += s.len();
                self.text.push_str(s);
                return;
            }
        }
        self.text.push_str(s);
        self.segments.push(Segment {
            plain,
            len: s.len(),
            src: src_start..src_start + s.len(),
            verbatim: true,
        });
    }

    /// Appends `s`, which stands for the whole source range `src`.
    pub fn push_replaced(&mut self, s: &str, src: Range<usize>) {
        if s.is_empty() {
            return;
        }
        let plain = self.text.len();
        self.text.push_str(s);
        self.segments.push(Segment {
            plain,
            len: s.len(),
            src,
            verbatim: false,
        });
    }

    /// Appends another text (with its map).
    pub fn push_text(&mut self, other: &Text) {
        for seg in &other.segments {
            let piece = &other.text[seg.plain..seg.plain + seg.len];
            if seg.verbatim {
                self.push_verbatim(piece, seg.src.start);
            } else {
                self.push_replaced(piece, seg.src.clone());
            }
        }
    }

    /// Whether the plain text ends with whitespace (or is empty).
    pub fn ends_with_space(&self) -> bool {
        self.text
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace)
    }

    /// Removes leading and trailing whitespace, keeping the map exact.
    pub fn trimmed(&self) -> Text {
        let start = self.text.len() - self.text.trim_start().len();
        let end = self.text.trim_end().len();
        if start >= end {
            return Text::new();
        }
        self.slice(start..end)
    }

    /// The sub-text covering `plain` (byte offsets on char boundaries).
    pub fn slice(&self, plain: Range<usize>) -> Text {
        let mut out = Text::new();
        if plain.start >= plain.end {
            return out;
        }
        let mut from = 0;
        out.push_part(self, plain, &mut from);
        out
    }

    /// Appends the part of `other` covering `plain`, exactly as
    /// `push_text(&other.slice(plain))` would. `from` is the index of a
    /// segment of `other` at or before the part; it is moved forward so
    /// parts taken left to right skip the segments already passed.
    fn push_part(&mut self, other: &Text, plain: Range<usize>, from: &mut usize) {
        let segs = &other.segments;
        let mut k = *from
            + segs[(*from).min(segs.len())..]
                .partition_point(|seg| seg.plain + seg.len <= plain.start);
        *from = k;
        while let Some(seg) = segs.get(k) {
            if seg.plain >= plain.end {
                break;
            }
            let s = seg.plain.max(plain.start);
            let e = (seg.plain + seg.len).min(plain.end);
            if s < e {
                let piece = &other.text[s..e];
                if seg.verbatim {
                    self.push_verbatim(piece, seg.src.start + (s - seg.plain));
                } else {
                    self.push_replaced(piece, seg.src.clone());
                }
            }
            k += 1;
        }
    }

    fn segment_at(&self, plain: usize) -> Option<&Segment> {
        let idx = self
            .segments
            .partition_point(|seg| seg.plain + seg.len <= plain);
        self.segments.get(idx)
    }

    /// Source offset where the plain byte `plain` starts.
    pub fn source_offset(&self, plain: usize) -> Option<usize> {
        let seg = self.segment_at(plain)?;
        Some(if seg.verbatim {
            seg.src.start + (plain - seg.plain)
        } else {
            seg.src.start
        })
    }

    /// Source offset just after the plain byte `plain`.
    fn source_end_of(&self, plain: usize) -> Option<usize> {
        let seg = self.segment_at(plain)?;
        Some(if seg.verbatim {
            seg.src.start + (plain - seg.plain) + 1
        } else {
            seg.src.end
        })
    }

    /// Maps a plain byte range back to the source byte range that produced it.
    ///
    /// An empty range maps to the empty source range at its start (or at the
    /// end of the text when it is at the end).
    pub fn source_range(&self, plain: Range<usize>) -> Option<Range<usize>> {
        if plain.start > plain.end || plain.end > self.text.len() {
            return None;
        }
        if plain.start == plain.end {
            let at = if plain.start == self.text.len() {
                self.segments.last().map(|s| s.src.end)?
            } else {
                self.source_offset(plain.start)?
            };
            return Some(at..at);
        }
        let start = self.source_offset(plain.start)?;
        let end = self.source_end_of(plain.end - 1)?;
        Some(start..end.max(start))
    }

    /// Collapses every whitespace run that is not a single space (newlines,
    /// indentation, tabs, double spaces) into one space mapped to the whole
    /// run, and trims both ends.
    pub fn collapse_whitespace(&self) -> Text {
        let mut out = Text::new();
        let s = self.text.as_str();
        // Leading and trailing whitespace would be trimmed off the result.
        let mut i = s.len() - s.trim_start().len();
        let end = s.trim_end().len();
        let mut from = 0;
        while i < end {
            let rest = &s[i..end];
            let ws = rest.len() - rest.trim_start().len();
            if ws > 0 {
                if &rest[..ws] == " " {
                    out.push_part(self, i..i + 1, &mut from);
                } else if let Some(src) = self.source_range(i..i + ws) {
                    out.push_replaced(" ", src);
                }
                i += ws;
            } else {
                let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
                out.push_part(self, i..i + word, &mut from);
                i += word;
            }
        }
        out
    }

    /// Splits at every occurrence of `sep` (plain text), keeping maps.
    pub fn split(&self, sep: &str) -> Vec<Text> {
        let mut out = Vec::new();
        let mut at = 0;
        let mut from = 0;
        let mut part = |range: Range<usize>| {
            let mut t = Text::new();
            if range.start < range.end {
                t.push_part(self, range, &mut from);
            }
            t
        };
        for (i, _) in self.text.match_indices(sep) {
            out.push(part(at..i));
            at = i + sep.len();
        }
        out.push(part(at..self.text.len()));
        out
    }

    /// The source range covered by the whole text.
    pub fn source_span(&self) -> Option<Range<usize>> {
        self.source_range(0..self.text.len())
    }

    /// The part of the text read from source bytes before `offset` (a
    /// replaced segment that reaches past it is left out whole).
    pub fn before_source(&self, offset: usize) -> Text {
        let end = self
            .segments
            .iter()
            .find(|seg| seg.src.end > offset)
            .map_or(self.text.len(), |seg| {
                if seg.verbatim && seg.src.start < offset {
                    seg.plain + (offset - seg.src.start)
                } else {
                    seg.plain
                }
            });
        self.slice(0..end)
    }

    /// The same text read at another place: every source offset moved from
    /// `from` to `to` (a text read at offset `from` of a run of source bytes
    /// that now starts at `to`).
    pub fn moved(&self, from: usize, to: usize) -> Text {
        let mut out = self.clone();
        if from != to {
            for seg in &mut out.segments {
                seg.src = moved_range(&seg.src, from, to);
            }
        }
        out
    }
}

/// `offset`, read in a run of source bytes at `from`, in the same run now
/// at `to`.
pub(crate) fn moved(offset: usize, from: usize, to: usize) -> usize {
    offset.wrapping_sub(from).wrapping_add(to)
}

/// [`moved`] for both ends of a range.
pub(crate) fn moved_range(r: &Range<usize>, from: usize, to: usize) -> Range<usize> {
    moved(r.start, from, to)..moved(r.end, from, to)
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Cut cost 40\% -- fast` read into plain text.
    fn cut_cost() -> (&'static str, Text) {
        let src = r"Cut cost 40\% -- fast";
        let mut t = Text::new();
        t.push_verbatim("Cut cost 40", 0);
        t.push_replaced("%", 11..13);
        t.push_verbatim(" ", 13);
        t.push_replaced("–", 14..16);
        t.push_verbatim(" fast", 16);
        (src, t)
    }

    #[test]
    fn verbatim_and_replaced_pieces_map_back() {
        let (src, t) = cut_cost();
        assert_eq!(t.as_str(), "Cut cost 40% – fast");
        let p = t.as_str().find("40%").unwrap();
        let r = t.source_range(p..p + 3).unwrap();
        assert_eq!(&src[r], r"40\%");
        let p = t.as_str().find('–').unwrap();
        let r = t.source_range(p..p + '–'.len_utf8()).unwrap();
        assert_eq!(&src[r], "--");
        assert_eq!(&src[t.source_span().unwrap()], src);
    }

    /// The straightforward collapse: every word and single space sliced out
    /// and appended, the result trimmed.
    fn collapse_reference(t: &Text) -> Text {
        let mut out = Text::new();
        let s = t.as_str();
        let mut i = 0;
        while i < s.len() {
            let rest = &s[i..];
            let ws = rest.len() - rest.trim_start().len();
            if ws > 0 {
                if &rest[..ws] == " " {
                    out.push_text(&t.slice(i..i + 1));
                } else if let Some(src) = t.source_range(i..i + ws) {
                    out.push_replaced(" ", src);
                }
                i += ws;
            } else {
                let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
                out.push_text(&t.slice(i..i + word));
                i += word;
            }
        }
        out.trimmed()
    }

    #[test]
    fn collapse_matches_slicing_word_by_word() {
        let mut t = Text::new();
        t.push_verbatim("  Cut  cost\n\t by ", 0);
        t.push_replaced("%", 20..22);
        t.push_replaced(" ", 22..24);
        t.push_verbatim("é😀 x", 24);
        t.push_replaced("LaTeX", 40..46);
        t.push_verbatim(" \n", 46);
        t.push_replaced(" ", 48..49);
        t.push_verbatim("end   ", 49);
        for text in [
            t.clone(),
            Text::new(),
            Text::verbatim("   ", 0..3),
            Text::verbatim(" a b\n\nc ", 0..8),
        ] {
            let fast = text.collapse_whitespace();
            assert_eq!(fast, collapse_reference(&text), "{:?}", text.as_str());
            for sep in [" ", "x", "\n"] {
                let parts: Vec<Text> = text.split(sep);
                let mut at = 0;
                for (k, p) in parts.iter().enumerate() {
                    let next = text.as_str()[at..].find(sep).map_or(text.len(), |i| at + i);
                    assert_eq!(p, &text.slice(at..next), "part {k} of {:?}", text.as_str());
                    at = next + sep.len();
                }
            }
        }
        assert_eq!(
            t.collapse_whitespace().as_str(),
            "Cut cost by % é😀 xLaTeX end"
        );
    }

    #[test]
    fn before_source_cuts_at_a_source_offset() {
        let (src, t) = cut_cost();
        assert_eq!(&src[18..], "ast");
        assert_eq!(t.before_source(4).as_str(), "Cut ");
        assert_eq!(t.before_source(4).source_span(), Some(0..4));
        // Inside a replaced segment: the whole segment is left out.
        assert_eq!(t.before_source(12).as_str(), "Cut cost 40");
        assert_eq!(t.before_source(13).as_str(), "Cut cost 40%");
        assert_eq!(t.before_source(18).as_str(), "Cut cost 40% – f");
        assert_eq!(t.before_source(99).as_str(), t.as_str());
    }

    #[test]
    fn slice_and_trim_keep_the_map() {
        let src = "  héllo world  ";
        let t = Text::verbatim(src, 0..src.len());
        let tr = t.trimmed();
        assert_eq!(tr.as_str(), "héllo world");
        assert_eq!(&src[tr.source_span().unwrap()], "héllo world");
        let w = tr.slice(7..12);
        assert_eq!(w.as_str(), "world");
        assert_eq!(&src[w.source_span().unwrap()], "world");
        assert_eq!(t.source_range(3..3), Some(3..3));
        assert_eq!(t.source_range(0..99), None);
    }
}
