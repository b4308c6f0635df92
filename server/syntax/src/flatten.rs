//! A resume split over several LaTeX files, read as one text.
//!
//! `\input`, `\include`, `\subfile` and `\import` are textual inclusion: the
//! PDF reads the included file where the command stands. [`flatten`] builds
//! that text from a root file and a loader the caller supplies (this crate
//! does no IO), and remembers which file and offset every byte came from, so
//! findings on the whole resume are reported on each part's own lines.

use std::ops::Range;

use crate::latex;
use crate::model::Format;
use crate::syntax_tree::{Parsers, SyntaxTree};

/// Deepest chain of includes followed.
pub const MAX_DEPTH: usize = 8;

/// Largest flattened text built; includes past it are left out.
pub const MAX_BYTES: usize = 8 << 20;

/// A run of the flattened text copied from one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Byte range in the flattened text.
    pub flat: Range<usize>,
    /// The file it comes from: an index the loader chose (0 is the root).
    pub file: usize,
    /// Byte offset in that file where the run starts.
    pub offset: usize,
}

/// The flattened text of a multi-file resume.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Flat {
    /// The whole resume as one LaTeX text.
    pub text: String,
    /// Where each byte of [`Flat::text`] came from, in order; the pieces
    /// cover the text without gaps.
    pub pieces: Vec<Piece>,
    /// How many include commands were replaced by a file's text.
    pub included: usize,
}

impl Flat {
    /// The file and file offset of a flattened offset. An offset on the
    /// border of two pieces belongs to the piece that starts there, unless
    /// `end` asks for the piece that ends there (the end of a range).
    pub fn locate(&self, pos: usize, end: bool) -> Option<(usize, usize)> {
        let i = self.piece_at(pos, end)?;
        let p = &self.pieces[i];
        Some((p.file, p.offset + (pos - p.flat.start)))
    }

    fn piece_at(&self, pos: usize, end: bool) -> Option<usize> {
        let i = if end {
            self.pieces.partition_point(|p| p.flat.end < pos)
        } else {
            self.pieces.partition_point(|p| p.flat.end <= pos)
        };
        let p = self.pieces.get(i)?;
        let inside = if end {
            p.flat.start < pos || (p.flat.start == pos && p.flat.is_empty())
        } else {
            p.flat.start <= pos
        };
        if inside && pos <= p.flat.end {
            Some(i)
        } else if !end && pos == self.text.len() {
            self.pieces.len().checked_sub(1)
        } else {
            None
        }
    }

    /// A flattened range as a range of one file. A range that runs on into
    /// the next piece is cut at the end of the piece it starts in; with
    /// `exact`, such a range gives `None` instead (for edits, which must not
    /// change a file they cannot see whole).
    pub fn map_range(&self, range: &Range<usize>, exact: bool) -> Option<(usize, Range<usize>)> {
        let i = self.piece_at(range.start, range.is_empty())?;
        let p = &self.pieces[i];
        let start = p.offset + (range.start - p.flat.start);
        if range.end <= p.flat.end {
            return Some((p.file, start..p.offset + (range.end - p.flat.start)));
        }
        if exact {
            return None;
        }
        Some((p.file, start..p.offset + p.flat.len()))
    }
}

/// Builds the flattened text of `root` (file 0). `load(from, path)` resolves
/// a path as written in file `from` and returns the included file's index
/// and text, or `None` to leave the command as it is (missing, outside the
/// workspace, not LaTeX). A file already being included further up the
/// chain is not included again, and chains stop at [`MAX_DEPTH`].
pub fn flatten(root: &str, mut load: impl FnMut(usize, &str) -> Option<(usize, String)>) -> Flat {
    let mut flat = Flat::default();
    let mut parsers = Parsers::default();
    let mut chain = vec![0];
    append(root, 0, 0, &mut flat, &mut parsers, &mut load, &mut chain);
    flat
}

/// The part of a `\subfile`'s text that the main document reads: the body
/// of its `document` environment, or the whole text when it has none.
pub fn subfile_body(text: &str) -> Range<usize> {
    const BEGIN: &str = "\\begin{document}";
    const END: &str = "\\end{document}";
    let Some(b) = text.find(BEGIN) else {
        return 0..text.len();
    };
    let start = b + BEGIN.len();
    let end = text[start..].find(END).map_or(text.len(), |e| start + e);
    start..end
}

/// Whether a text has a `\documentclass` line outside comments.
fn has_documentclass(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim_start();
        l.starts_with("\\documentclass")
    })
}

fn append(
    text: &str,
    file: usize,
    base: usize,
    flat: &mut Flat,
    parsers: &mut Parsers,
    load: &mut impl FnMut(usize, &str) -> Option<(usize, String)>,
    chain: &mut Vec<usize>,
) {
    let commands = if chain.len() <= MAX_DEPTH && text.contains('\\') {
        match parsers.parse(text, Format::Latex, None) {
            SyntaxTree::Latex(tree) => latex::include_commands(text, &tree),
            SyntaxTree::Markdown(_) => Vec::new(),
        }
    } else {
        Vec::new()
    };
    let mut at = 0;
    for command in commands {
        if flat.text.len() + (command.range.start - at) > MAX_BYTES {
            break;
        }
        let Some((index, included)) = load(file, &command.path) else {
            continue;
        };
        if chain.contains(&index) {
            continue;
        }
        let body = if command.command == "subfile" {
            subfile_body(&included)
        } else if has_documentclass(&included) {
            // A whole document `\input` elsewhere is not a part (it would
            // not build); its definitions are read separately.
            continue;
        } else {
            0..included.len()
        };
        if flat.text.len() + (command.range.start - at) + body.len() > MAX_BYTES {
            continue;
        }
        push(flat, &text[at..command.range.start], file, base + at);
        chain.push(index);
        append(
            &included[body.clone()],
            index,
            body.start,
            flat,
            parsers,
            load,
            chain,
        );
        chain.pop();
        flat.included += 1;
        at = command.range.end;
    }
    let rest = &text[at..];
    let rest = if flat.text.len() + rest.len() > MAX_BYTES {
        let mut cut = MAX_BYTES.saturating_sub(flat.text.len()).min(rest.len());
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        &rest[..cut]
    } else {
        rest
    };
    push(flat, rest, file, base + at);
}

fn push(flat: &mut Flat, text: &str, file: usize, offset: usize) {
    if text.is_empty() && !flat.pieces.is_empty() {
        return;
    }
    let start = flat.text.len();
    flat.text.push_str(text);
    flat.pieces.push(Piece {
        flat: start..flat.text.len(),
        file,
        offset,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Vec<(&'static str, &'static str)> {
        vec![
            (
                "main.tex",
                "\\begin{document}\n\\section{Experience}\n\\input{parts/jobs}\n\\section{Projects}\n\\include{parts/projects.tex}\n\\end{document}\n",
            ),
            ("parts/jobs.tex", "\\resumeItem{Built A}\n% \\input{parts/jobs}\n\\input{parts/nested}\n"),
            ("parts/nested.tex", "\\resumeItem{Nested}\n"),
            ("parts/projects.tex", "\\resumeItem{Project B}\n"),
        ]
    }

    fn build() -> (Flat, Vec<(&'static str, &'static str)>) {
        let fs = files();
        let root = fs[0].1;
        let flat = flatten(root, |_, path| {
            let name = if path.ends_with(".tex") {
                path.to_string()
            } else {
                format!("{path}.tex")
            };
            fs.iter()
                .position(|(n, _)| *n == name)
                .map(|i| (i, fs[i].1.to_string()))
        });
        (flat, fs)
    }

    #[test]
    fn includes_are_replaced_by_the_files_text() {
        let (flat, _) = build();
        assert_eq!(flat.included, 3);
        assert_eq!(
            flat.text,
            "\\begin{document}\n\\section{Experience}\n\\resumeItem{Built A}\n% \\input{parts/jobs}\n\\resumeItem{Nested}\n\n\n\\section{Projects}\n\\resumeItem{Project B}\n\n\\end{document}\n"
        );
        // The pieces cover the text in order, without gaps.
        let mut at = 0;
        for p in &flat.pieces {
            assert_eq!(p.flat.start, at);
            at = p.flat.end;
        }
        assert_eq!(at, flat.text.len());
    }

    #[test]
    fn every_byte_maps_back_to_its_file() {
        let (flat, fs) = build();
        for p in &flat.pieces {
            let src = fs[p.file].1;
            assert_eq!(
                &flat.text[p.flat.clone()],
                &src[p.offset..p.offset + p.flat.len()]
            );
        }
        let nested = flat.text.find("Nested").unwrap();
        assert_eq!(
            flat.map_range(&(nested..nested + 6), true),
            Some((2, 12..18))
        );
        let proj = flat.text.find("Project B").unwrap();
        assert_eq!(flat.locate(proj, false), Some((3, 12)));
        // A range over a border is cut (or refused when exact).
        let sec = flat.text.find("\\section{Projects}").unwrap();
        let across = sec..proj + 3;
        assert_eq!(flat.map_range(&across, true), None);
        let (file, r) = flat.map_range(&across, false).unwrap();
        assert_eq!(file, 0);
        assert_eq!(&fs[0].1[r], "\\section{Projects}\n");
    }

    #[test]
    fn cycles_and_missing_files_leave_the_command() {
        let flat = flatten("a \\input{self} b \\input{missing} c", |_, p| {
            (p == "self").then(|| (0, "loop".to_string()))
        });
        assert_eq!(flat.text, "a \\input{self} b \\input{missing} c");
        assert_eq!(flat.included, 0);
        // A file that includes itself through another stops at the repeat.
        let flat = flatten("\\input{b}", |_, p| match p {
            "b" => Some((1, "B \\input{c}".to_string())),
            "c" => Some((2, "C \\input{b}".to_string())),
            _ => None,
        });
        assert_eq!(flat.text, "B C \\input{b}");
    }

    #[test]
    fn subfiles_contribute_their_document_body() {
        let part =
            "\\documentclass[../main.tex]{subfiles}\n\\begin{document}\nBODY\n\\end{document}\n";
        let flat = flatten("x \\subfile{p} y", |_, _| Some((1, part.to_string())));
        assert_eq!(flat.text, "x \nBODY\n y");
        let b = flat.text.find("BODY").unwrap();
        assert_eq!(flat.locate(b, false), Some((1, part.find("BODY").unwrap())));
    }

    #[test]
    fn a_whole_document_is_not_a_part() {
        let flat = flatten("\\input{macros} x", |_, _| {
            Some((
                1,
                "\\documentclass{article}\n\\begin{document}y\\end{document}".into(),
            ))
        });
        assert_eq!(flat.included, 0);
        assert_eq!(flat.text, "\\input{macros} x");
    }

    #[test]
    fn import_joins_directory_and_file() {
        let flat = flatten("\\import{sections/}{jobs}", |_, p| {
            (p == "sections/jobs").then(|| (1, "J".to_string()))
        });
        assert_eq!(flat.text, "J");
    }
}
