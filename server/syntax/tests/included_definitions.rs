//! Macro definitions handed in through `ParseOptions::included` (as read from
//! the files a LaTeX resume `\input`s) read the same as the definitions
//! written in the resume itself.

use std::sync::Arc;

use resume_syntax::{latex_definitions, parse, Document, Format, ParseOptions, Resume};

/// A wrapper of a known bullet macro and a text macro used as an employer.
const DEFS: &str = "\\newcommand{\\bulletpoint}[1]{\\resumeItem{#1}}\n\
                    \\newcommand{\\employer}{Acme Corp}\n\
                    \\newcommand{\\resumeItem}[1]{\\item\\small{#1}}\n";

const BODY: &str = "\\begin{document}\n\
    \\section{Experience}\n\
    \\resumeSubHeadingListStart\n\
    \\resumeSubheading{\\employer}{Jan 2020 -- Present}{Platform Engineer}{Austin, TX}\n\
    \\resumeItemListStart\n\
    \\bulletpoint{Cut query latency by 40\\% for 3 teams}\n\
    \\bulletpoint{Responsible for the billing service}\n\
    \\resumeItemListEnd\n\
    \\resumeSubHeadingListEnd\n\
    \\section{Education}\n\
    \\resumeSubHeadingListStart\n\
    \\resumeSubheading{Harlow College}{2014 -- 2017}{B.Sc. Geography}{Harlow, UK}\n\
    \\resumeSubHeadingListEnd\n\
    \\end{document}\n";

/// The resume with `preamble` before its body.
fn resume(preamble: &str) -> String {
    format!("\\documentclass{{article}}\n{preamble}{BODY}")
}

/// `\input{defs}` padded with spaces to the length of `DEFS`, so every
/// offset of the body is the same as with the definitions inline.
fn input_line() -> String {
    let input = "\\input{defs}";
    format!("{input}{}\n", " ".repeat(DEFS.len() - input.len() - 1))
}

fn included(defs: &str) -> ParseOptions {
    ParseOptions {
        included: Arc::new(latex_definitions(defs)),
        ..ParseOptions::default()
    }
}

fn bullets(r: &Resume) -> Vec<String> {
    r.sections
        .iter()
        .flat_map(|s| &s.entries)
        .flat_map(|e| &e.bullets)
        .map(|b| b.text.as_str().to_string())
        .collect()
}

#[test]
fn included_definitions_read_like_inline_ones() {
    let inline = parse(&resume(DEFS), Format::Latex, &ParseOptions::default());
    let source = resume(&input_line());
    assert_eq!(source.len(), resume(DEFS).len());
    let through_options = parse(&source, Format::Latex, &included(DEFS));
    assert!(inline.is_resume);
    assert_eq!(
        bullets(&inline),
        [
            "Cut query latency by 40% for 3 teams",
            "Responsible for the billing service"
        ],
        "{inline:#?}"
    );
    let org = inline.sections[0].entries[0].organisation.as_ref();
    assert_eq!(org.map(|t| t.as_str()), Some("Acme Corp"));
    assert_eq!(through_options, inline);

    // An open document edited after the definitions were handed in reads the
    // same as a parse from scratch.
    let mut doc = Document::new(&source, Format::Latex, 1, included(DEFS));
    assert_eq!(doc.resume(), &inline);
    let at = source.find("billing").unwrap();
    doc.apply_edit(at..at, "new ");
    let edited = resume(DEFS).replacen("billing", "new billing", 1);
    assert_eq!(
        doc.resume(),
        &parse(&edited, Format::Latex, &ParseOptions::default())
    );
}

#[test]
fn the_document_s_own_definitions_win_over_included_ones() {
    let own = "\\newcommand{\\employer}{Acme Corp}\n";
    let other = "\\newcommand{\\employer}[1]{\\textbf{#1}}\n\
                 \\newcommand{\\bulletpoint}[1]{\\resumeItem{#1}}\n";
    let source = resume(own);
    let with_other = parse(&source, Format::Latex, &included(other));
    let org = with_other.sections[0].entries[0].organisation.as_ref();
    assert_eq!(org.map(|t| t.as_str()), Some("Acme Corp"));
    assert_eq!(
        bullets(&with_other),
        [
            "Cut query latency by 40% for 3 teams",
            "Responsible for the billing service"
        ]
    );
    // A macro defined in both keeps the document's whole definition; one
    // only the included file defines is added whole.
    let mut merged = latex_definitions(own);
    merged.add_missing(&latex_definitions(other));
    assert_eq!(
        merged.text.get("employer").map(String::as_str),
        Some("Acme Corp")
    );
    assert_eq!(merged.arity.get("employer"), Some(&0));
    assert_eq!(
        merged.calls.get("bulletpoint"),
        Some(&vec!["resumeItem".to_string()])
    );
    assert_eq!(merged.arity.len(), 2, "{merged:?}");
}
