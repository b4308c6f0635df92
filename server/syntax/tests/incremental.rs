//! Thousands of random edits: after each one the incrementally updated
//! document must equal a document parsed from scratch (tree and model).

mod common;

use common::{example_files, Rng};
use resume_syntax::{Document, Format, ParseOptions};

const LATEX_SNIPPETS: &[&str] = &[
    "\\resumeItem{",
    "}",
    "{",
    "\\",
    "\\textbf{x}",
    "%",
    "\n",
    "\n\n",
    " ",
    "--",
    "$",
    "\\%",
    "\\section{Experience}",
    "\\resumeSubheading{A}{Jan 2020 -- Present}{B}{C}",
    "é",
    "😀",
    "–",
    "\\item ",
    "\\begin{itemize}",
    "\\end{itemize}",
    "[",
    "]",
    "\\href{u}{t}",
    "40\\%",
    "x",
];

const MARKDOWN_SNIPPETS: &[&str] = &[
    "- ",
    "* ",
    "**",
    "*",
    "_",
    "`",
    "\n",
    "\n\n",
    "## Experience\n",
    "### A — B\n",
    "# ",
    "é",
    "😀",
    "–",
    "[t](u)",
    "<!-- c -->",
    "> ",
    "  ",
    "1. ",
    "---\n",
    "Jan 2020 – Present",
    "x",
    "|",
];

fn char_boundary_at_or_before(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn run(seed: u64, text: &str, format: Format, edits: usize) {
    let snippets = match format {
        Format::Latex => LATEX_SNIPPETS,
        Format::Markdown => MARKDOWN_SNIPPETS,
    };
    let options = ParseOptions::default();
    let mut rng = Rng::new(seed);
    let mut doc = Document::new(text, format, 0, options.clone());
    for step in 0..edits {
        let len = doc.text().len();
        let start = char_boundary_at_or_before(doc.text(), rng.below(len + 1));
        let (end, insert) = match rng.below(4) {
            // Insert.
            0 | 1 => (start, snippets[rng.below(snippets.len())].to_string()),
            // Delete up to 40 bytes, possibly across lines and macros.
            2 => (
                char_boundary_at_or_before(doc.text(), start + rng.below(40)),
                String::new(),
            ),
            // Replace.
            _ => (
                char_boundary_at_or_before(doc.text(), start + rng.below(12)),
                snippets[rng.below(snippets.len())].to_string(),
            ),
        };
        doc.apply_edit(start..end, &insert);
        let fresh = Document::new(doc.text(), format, 0, options.clone());
        let (a, b) = (doc.tree().to_sexp(), fresh.tree().to_sexp());
        if a != b {
            let only_a: Vec<&str> = a.lines().filter(|l| !b.lines().any(|m| m == *l)).collect();
            let only_b: Vec<&str> = b.lines().filter(|l| !a.lines().any(|m| m == *l)).collect();
            panic!(
                "tree differs after edit {step} (seed {seed}) {start}..{end} {insert:?}\nincremental only: {only_a:#?}\nfresh only: {only_b:#?}\ntext: {:?}",
                doc.text()
            );
        }
        assert_eq!(
            doc.resume(),
            fresh.resume(),
            "model differs after edit {step} (seed {seed}) {start}..{end} {insert:?}"
        );
        assert_eq!(doc.rope().to_string(), doc.text());
    }
}

#[test]
fn random_edits_match_a_fresh_parse() {
    let files = example_files();
    assert!(!files.is_empty(), "no example resumes found");
    for (i, (path, format)) in files.iter().enumerate() {
        let text = std::fs::read_to_string(path).expect("example is UTF-8");
        run(0x5eed + i as u64, &text, *format, 400);
    }
}

#[test]
fn edits_past_the_end_are_clamped() {
    let mut doc = Document::new(
        "## Skills\n- a",
        Format::Markdown,
        0,
        ParseOptions::default(),
    );
    let applied = doc.apply_edit(50..90, "x");
    assert_eq!(applied, 13..13);
    assert_eq!(doc.text(), "## Skills\n- ax");
    // Inside a multi-byte character: moved back to its start.
    let mut doc = Document::new("é", Format::Markdown, 0, ParseOptions::default());
    doc.apply_edit(1..2, "e");
    assert_eq!(doc.text(), "e");
}

#[test]
fn multi_edit_batches_apply_in_order() {
    let mut doc = Document::new(
        "## Skills\n- a\n",
        Format::Markdown,
        0,
        ParseOptions::default(),
    );
    doc.apply_edits([(12..13, "Python"), (0..2, "###")]);
    assert_eq!(doc.text(), "### Skills\n- Python\n");
    let fresh = Document::new(doc.text(), Format::Markdown, 0, ParseOptions::default());
    assert_eq!(doc.resume(), fresh.resume());
}
