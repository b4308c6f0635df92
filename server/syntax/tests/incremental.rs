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
    "• ",
    "<br>",
    "#### Lead (2020 – 2021)\n",
    "| a | b |\n|---|---|\n| c | d |\n",
    "_2019 – 2021_",
];

fn char_boundary_at_or_before(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Applies `edits` random edits; returns how many left a tree that differs
/// from a fresh parse after error recovery.
/// Pieces that change how whole runs of a LaTeX body read: section
/// commands, a heading environment used for two kinds of section, an
/// unknown command that a date makes an entry, a definition.
const LATEX_CONTEXT_SNIPPETS: &[&str] = &[
    "\\section{Projects}\n",
    "\\begin{rSection}{Education}\n",
    "\\end{rSection}\n",
    "\\begin{rSection}{Experience}\n\\item Ran 3 labs\n\\end{rSection}\n",
    "\\job{Acme}{Jan 2020 -- 2021}\n",
    "\\job{Tiny Lisp}{}\n",
    "\\newcommand{\\job}[2]{#1}\n",
    "\\item Cut build time by 40\\%\n",
    "\\resumeItem{Wrote 2 parsers}\n",
    "\\resumeSubheading{Kiln Co}{2019 -- 2021}{Glazer}{Stoke, UK}\n",
    "\n",
    "x",
];

fn run(seed: u64, text: &str, format: Format, edits: usize) -> usize {
    let snippets = match format {
        Format::Latex => LATEX_SNIPPETS,
        Format::Markdown => MARKDOWN_SNIPPETS,
    };
    run_with(seed, text, format, edits, snippets)
}

fn run_with(seed: u64, text: &str, format: Format, edits: usize, snippets: &[&str]) -> usize {
    let options = ParseOptions::default();
    let mut rng = Rng::new(seed);
    let mut doc = Document::new(text, format, 0, options.clone());
    let mut recovered_differently = 0;
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
        // Error recovery depends on the parse history: around a syntax error
        // an incremental parse may recover differently from a fresh one
        // (`{\resumeItem{{}\a[e{}}}S\%e{-` after replacing 1..10 with
        // `\resumeItem{` keeps the unclosed `[` open in one tree and closes
        // it with a MISSING `]` in the other). Such trees must still give the
        // same model; error-free trees must be identical.
        let recovered = doc.tree().has_error() || fresh.tree().has_error();
        if a != b && recovered {
            recovered_differently += 1;
        } else if a != b {
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
    recovered_differently
}

/// FNV-1a of a file name.
fn seed_of(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[test]
fn random_edits_match_a_fresh_parse() {
    let files = example_files();
    assert!(!files.is_empty(), "no example resumes found");
    let mut edits = 0;
    let mut recovered_differently = 0;
    for (path, format) in &files {
        let text = std::fs::read_to_string(path).expect("example is UTF-8");
        // Seeded by the file name, so adding an example does not change the
        // edits every other example gets.
        recovered_differently += run(seed_of(&common::file_name(path)), &text, *format, 400);
        edits += 400;
    }
    // Differences after error recovery stay rare, so the tree check keeps
    // its teeth.
    assert!(
        recovered_differently * 1000 <= edits,
        "{recovered_differently} of {edits} edits left a tree unlike a fresh parse"
    );
    eprintln!("{recovered_differently} of {edits} edits recovered from errors differently");
}

/// LaTeX bodies written twice, so the same runs of sections sit at two
/// offsets, then edited with pieces that change which macros open sections
/// or head entries: the sections an open document keeps from earlier
/// versions must still give the model a fresh parse gives.
#[test]
fn kept_sections_match_a_fresh_parse() {
    let mut edits = 0;
    let mut recovered_differently = 0;
    for (path, format) in example_files() {
        if format != Format::Latex {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("example is UTF-8");
        let (Some(begin), Some(end)) =
            (text.find("\\begin{document}"), text.find("\\end{document}"))
        else {
            continue;
        };
        let begin = begin + "\\begin{document}".len();
        let body = &text[begin..end];
        let doubled = format!("{}{body}{body}{}", &text[..begin], &text[end..]);
        let seed = seed_of(&common::file_name(&path)) ^ 0x5eed;
        recovered_differently += run_with(seed, &doubled, format, 150, LATEX_CONTEXT_SNIPPETS);
        recovered_differently += run_with(seed, &doubled, format, 150, LATEX_SNIPPETS);
        edits += 300;
    }
    assert!(edits >= 1500, "LaTeX examples missing");
    assert!(
        recovered_differently * 1000 <= edits,
        "{recovered_differently} of {edits} edits left a tree unlike a fresh parse"
    );
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

/// Letter and space edits at every position of a resume with definitions,
/// comments and commands one letter away from a definition: the document
/// keeps its definitions and comments across edits that cannot change them,
/// and must still equal a fresh parse after each one.
#[test]
fn letter_edits_everywhere_keep_definitions_and_comments_right() {
    let source = "\\documentclass{article}\n% resume-lsp: disable-next-line weak-verb\n\\newcommand{\\fullname}{Ada Park}\n\\newcommand\\resumeItem[1]{\\item\\small{#1}}\n\\de{x} \\defx\\role{Lead}{x}\n\\def\\job#1#2{#1 #2}\n\\begin{document}\n{\\fullname} % name\n\\section{Experience}\n\\resumeSubheading{Kiln Co}{2019 -- 2021}{Glazer}{Stoke, UK}\n\\resumeItemListStart\n\\resumeItem{Used kilns to fire 40 pots}% trailing\n\\role{Dispatch Lead}{Mar 2020 -- Present}\n\\resumeItemListEnd\n\\end{document}\n";
    let options = ParseOptions::default();
    let boundaries: Vec<usize> = (0..=source.len())
        .filter(|i| source.is_char_boundary(*i))
        .collect();
    for insert in ["f", " ", "x1"] {
        let mut doc = Document::new(source, Format::Latex, 0, options.clone());
        for &at in &boundaries {
            doc.apply_edit(at..at, insert);
            let fresh = Document::new(doc.text(), Format::Latex, 0, options.clone());
            assert_eq!(
                doc.resume(),
                fresh.resume(),
                "after inserting {insert:?} at {at}"
            );
            doc.apply_edit(at..at + insert.len(), "");
            assert_eq!(doc.text(), source);
            let fresh = Document::new(source, Format::Latex, 0, options.clone());
            assert_eq!(
                doc.resume(),
                fresh.resume(),
                "after removing {insert:?} at {at}"
            );
        }
    }
    // Removing one byte anywhere (letters join names, e.g. `\de{x} \defx`).
    let mut doc = Document::new(source, Format::Latex, 0, options.clone());
    for &at in &boundaries[..boundaries.len() - 1] {
        let removed = source[at..at + 1].to_string();
        doc.apply_edit(at..at + 1, "");
        let fresh = Document::new(doc.text(), Format::Latex, 0, options.clone());
        assert_eq!(
            doc.resume(),
            fresh.resume(),
            "after removing {removed:?} at {at}"
        );
        doc.apply_edit(at..at, &removed);
        assert_eq!(doc.text(), source);
    }
    let fresh = Document::new(source, Format::Latex, 0, options.clone());
    assert_eq!(doc.resume(), fresh.resume());
}

/// A date typed into one section makes an unknown command an entry
/// command; a dateless call of it in a section read before (and kept) must
/// then read as an entry too, and stop reading as one when the date goes.
#[test]
fn an_entry_command_made_by_a_date_elsewhere_rereads_kept_sections() {
    let source = "\\begin{document}\n\\section{Experience}\n\\job{Acme}{Lead}\n\\begin{itemize}\n\\item Ran 3 kilns\n\\end{itemize}\n\\section{Projects}\n\\job{Tiny Lisp}{Rust}\n\\begin{itemize}\n\\item Wrote 2 parsers\n\\end{itemize}\n\\end{document}\n";
    let options = ParseOptions::default();
    let mut doc = Document::new(source, Format::Latex, 0, options.clone());
    let entries =
        |doc: &Document| -> usize { doc.resume().sections.iter().map(|s| s.entries.len()).sum() };
    assert_eq!(entries(&doc), 0, "no call has a date yet");
    let at = source.find("{Lead}").expect("fixture") + "{Lead}".len();
    doc.apply_edit(at..at, "{Jan 2020 -- 2021}");
    let fresh = Document::new(doc.text(), Format::Latex, 0, options.clone());
    assert_eq!(doc.resume(), fresh.resume());
    assert_eq!(
        entries(&doc),
        2,
        "both calls are entries once one has a date"
    );
    doc.apply_edit(at..at + "{Jan 2020 -- 2021}".len(), "");
    assert_eq!(doc.text(), source);
    assert_eq!(
        doc.resume(),
        Document::new(source, Format::Latex, 0, options).resume()
    );
    assert_eq!(entries(&doc), 0);
}
