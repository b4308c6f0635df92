//! Input no resume should have: broken LaTeX, random bytes, empty files,
//! Windows line endings, byte order marks, macros half typed, edits past the
//! end, a 10 MB file. Parsing never panics, and whatever model comes out
//! still maps onto the source exactly.

mod common;

use std::ops::Range;
use std::time::{Duration, Instant};

use common::{all_texts, file_name, parse_file, project_examples, Rng};
use resume_syntax::{outline, parse, Document, Format, ParseOptions, Resume};

const FORMATS: [Format; 2] = [Format::Latex, Format::Markdown];

fn fits(source: &str, r: &Range<usize>) -> bool {
    r.start <= r.end
        && r.end <= source.len()
        && source.is_char_boundary(r.start)
        && source.is_char_boundary(r.end)
}

/// Every range of the model lies inside `source` on character boundaries,
/// and every text maps back.
fn assert_sound(source: &str, resume: &Resume, what: &str) {
    for t in all_texts(resume) {
        for seg in t.segments() {
            assert!(fits(source, &seg.src), "{what}: segment {seg:?} of {t:?}");
        }
        if !t.is_empty() {
            let span = t.source_span().expect("a non-empty text maps back");
            assert!(fits(source, &span), "{what}: span {span:?}");
        }
    }
    for s in &resume.sections {
        assert!(fits(source, &s.range), "{what}: section {:?}", s.range);
        for b in &s.bullets {
            assert!(fits(source, &b.range), "{what}: bullet {:?}", b.range);
        }
        for k in &s.skills {
            assert!(fits(source, &k.range), "{what}: skill line {:?}", k.range);
        }
        for e in &s.entries {
            assert!(fits(source, &e.range), "{what}: entry {:?}", e.range);
            assert!(fits(source, &e.heading_range), "{what}: heading");
            for b in &e.bullets {
                assert!(fits(source, &b.range), "{what}: bullet {:?}", b.range);
            }
        }
    }
    for c in &resume.comments {
        assert!(fits(source, &c.range), "{what}: comment {:?}", c.range);
    }
    // The outline walks every position through the line index.
    let rendered = outline::render(resume, source);
    assert_eq!(rendered.starts_with("not a resume"), !resume.is_resume);
}

fn parse_default(source: &str, format: Format) -> Resume {
    parse(source, format, &ParseOptions::default())
}

#[test]
fn empty_file_is_not_a_resume() {
    for format in FORMATS {
        for source in ["", "\n", "   \n\t\n", "\r\n"] {
            let resume = parse_default(source, format);
            assert!(!resume.is_resume, "{format:?} {source:?}");
            assert!(resume.sections.is_empty());
            assert_eq!(outline::render(&resume, source), "not a resume\n");
        }
    }
}

#[test]
fn unbalanced_braces_still_give_a_model() {
    let source = "\\section{Experience}\n\\resumeSubheading{Acme}{Jan 2020 -- Present}{Engineer}{Oslo, Norway}\n\\resumeItemListStart\n\\resumeItem{Cut {build time by 40\\%\n\\resumeItem{Wrote the {release} checklist}}\n\\resumeItemListEnd\n}}}\n\\section{Skills\n\\textbf{Languages}{: Rust, Go\n";
    let resume = parse_default(source, Format::Latex);
    assert_sound(source, &resume, "unbalanced braces");
    assert!(resume.is_resume);
    assert_eq!(resume.sections[0].kind.as_str(), "experience");
    let entry = &resume.sections[0].entries[0];
    assert_eq!(entry.organisation.as_ref().unwrap().as_str(), "Acme");
    assert!(!entry.bullets.is_empty(), "{entry:?}");
}

#[test]
fn a_lone_open_bullet_macro_does_not_panic() {
    for source in [
        "\\resumeItem{",
        "\\resumeItem{x",
        "\\resumeItem{}",
        "\\resumeItem",
    ] {
        let resume = parse_default(source, Format::Latex);
        assert_sound(source, &resume, source);
    }
}

#[test]
fn half_typed_macros_and_markup_do_not_panic() {
    let latex = [
        "\\section{Exp",
        "\\section{Experience}\n\\resumeSubheading{Acme}{Jan 20",
        "\\section{Experience}\n\\resumeSubheading{Acme}{Jan 2020}{",
        "\\section{Experience}\n\\resumeIt",
        "\\section{Experience}\n\\resumeItem{Led \\textbf{",
        "\\section{Experience}\n\\resumeItem{See \\href{https://exa",
        "\\section{Experience}\n\\resumeItem{Cut 40\\",
        "\\section{Experience}\n\\resumeItem{a}{",
        "\\section{Experience}\n\\begin{itemize}\n\\item Led $x",
        "\\section{Experience}\n\\resumeProjectHeading{\\textbf{X} $|$ \\emph{Rust",
        "\\newcommand{\\resumeItem}[",
        "\\section{Experience}\n\\resumeItem{%",
    ];
    for source in latex {
        let resume = parse_default(source, Format::Latex);
        assert_sound(source, &resume, source);
    }
    let markdown = [
        "## Experience\n- **Led",
        "## Experience\n- Built [the site](",
        "## Experience\n### ",
        "## Experience\n### Engineer —",
        "## Experience\n**Acme** |",
        "## Experience\n- `code",
        "## Experience\n- <!-- open comment",
        "## Skills\n**Languages:**",
        "---\ntitle: x\n",
        "## Experience\n_Jan 2020 – ",
        "## Experience\n- &am",
    ];
    for source in markdown {
        let resume = parse_default(source, Format::Markdown);
        assert_sound(source, &resume, source);
    }
}

#[test]
fn a_megabyte_of_random_bytes_parses() {
    let mut rng = Rng::new(0xbad_b17e5);
    let bytes: Vec<u8> = (0..1 << 20).map(|_| rng.next() as u8).collect();
    let source = String::from_utf8_lossy(&bytes).into_owned();
    for format in FORMATS {
        let resume = parse_default(&source, format);
        assert_sound(&source, &resume, "random bytes");
    }
    // Random bytes mixed with resume syntax reach deeper into the lowering.
    let pieces = [
        "\\section{Experience}\n",
        "\\resumeItem{",
        "}",
        "## Experience\n",
        "- ",
        "**",
        "\n",
        "Jan 2020 – Present",
        "|",
    ];
    let mut mixed = String::new();
    while mixed.len() < 1 << 20 {
        if rng.below(3) == 0 {
            mixed.push_str(pieces[rng.below(pieces.len())]);
        } else {
            let n = 1 + rng.below(40);
            let chunk: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
            mixed.push_str(&String::from_utf8_lossy(&chunk));
        }
    }
    for format in FORMATS {
        let resume = parse_default(&mixed, format);
        assert_sound(&mixed, &resume, "mixed random bytes");
    }
}

/// The plain strings of a model, in order.
fn plain_strings(resume: &Resume) -> Vec<String> {
    all_texts(resume).iter().map(|t| t.to_string()).collect()
}

#[test]
fn crlf_line_endings_give_the_same_model_with_right_ranges() {
    for (path, format) in project_examples() {
        let (lf, lf_model) = parse_file(&path, format);
        let crlf = lf.replace('\n', "\r\n");
        let crlf_model = parse_default(&crlf, format);
        let name = file_name(&path);
        // Same input as the LF file, apart from include arities.
        let lf_default = parse_default(&lf, format);
        assert_eq!(
            plain_strings(&lf_default),
            plain_strings(&crlf_model),
            "{name}: CRLF changes the model"
        );
        assert_eq!(lf_model.is_resume, crlf_model.is_resume);
        assert_sound(&crlf, &crlf_model, &name);
        for t in all_texts(&crlf_model) {
            assert!(!t.as_str().contains('\r'), "{name}: {t:?} keeps a CR");
            for (i, word) in t.as_str().split(' ').scan(0, |at, w| {
                let start = *at;
                *at += w.len() + 1;
                Some((start, w))
            }) {
                if word.is_empty() {
                    continue;
                }
                let range = t.source_range(i..i + word.len()).expect("maps back");
                let source = &crlf[range];
                if t.segments()
                    .iter()
                    .any(|s| s.verbatim && s.plain <= i && i + word.len() <= s.plain + s.len)
                {
                    assert_eq!(source, word, "{name}: word maps elsewhere");
                }
            }
        }
    }
}

#[test]
fn byte_order_mark_is_not_part_of_the_first_line() {
    for (path, format) in project_examples() {
        let (source, _) = parse_file(&path, format);
        let plain = parse_default(&source, format);
        let with_bom = format!("\u{feff}{source}");
        let bom_model = parse_default(&with_bom, format);
        let name = file_name(&path);
        assert_sound(&with_bom, &bom_model, &name);
        assert_eq!(
            plain_strings(&plain),
            plain_strings(&bom_model),
            "{name}: a byte order mark changes the model"
        );
    }
}

#[test]
fn document_edits_past_the_end_are_clamped() {
    let source = "## Experience\n\n### Engineer — Acme\n*2020 – 2022*\n\n- Built a café 🚀\n";
    let mut doc = Document::new(source, Format::Markdown, 1, ParseOptions::default());
    let len = source.len();
    assert_eq!(doc.apply_edit(len + 10..len + 50, "!"), len..len);
    assert_eq!(doc.text(), format!("{source}!"));
    // A range that starts past the end and ends before its start.
    let len = doc.text().len();
    assert_eq!(doc.apply_edit(len + 5..2, ""), len..len);
    // Both ends inside the emoji: moved back to its first byte.
    let emoji = doc.text().find('🚀').unwrap();
    let applied = doc.apply_edit(emoji + 1..emoji + 3, "x");
    assert_eq!(applied, emoji..emoji);
    assert!(doc.text().contains("x🚀"));
    // A batch with out-of-range edits, then the model equals a fresh one.
    doc.apply_edits([
        (usize::MAX - 1..usize::MAX, "\n- Led 3 teams\n"),
        (0..0, ""),
    ]);
    let fresh = Document::new(doc.text(), Format::Markdown, 1, ParseOptions::default());
    assert_eq!(doc.resume(), fresh.resume());
    assert_eq!(doc.resume().bullets().count(), 2);
    assert_sound(doc.text(), doc.resume(), "edited document");
}

#[test]
fn latex_document_edits_past_the_end_are_clamped() {
    let source = "\\section{Experience}\n\\resumeItem{Built a café}\n";
    let mut doc = Document::new(source, Format::Latex, 1, ParseOptions::default());
    doc.apply_edit(1_000..2_000, "\\resumeItem{Led 3 teams}");
    assert!(doc.text().ends_with("\\resumeItem{Led 3 teams}"));
    let e = doc.text().find('é').unwrap();
    doc.apply_edit(e + 1..e + 1, "x");
    assert!(doc.text().contains("cafxé"), "{}", doc.text());
    let fresh = Document::new(doc.text(), Format::Latex, 1, ParseOptions::default());
    assert_eq!(doc.resume(), fresh.resume());
    assert_sound(doc.text(), doc.resume(), "edited LaTeX document");
}

/// Parses on a thread with a 2 MiB stack, the size of a tokio worker's.
fn parse_on_a_small_stack(source: String, format: Format) -> Resume {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || parse_default(&source, format))
        .expect("thread starts")
        .join()
        .expect("parsing does not panic")
}

#[test]
fn deeply_nested_markdown_fits_a_worker_thread_stack() {
    // Deep enough that one stack frame per level would need more than 2 MiB
    // in a debug build.
    let n = 8_000;
    let cases = [
        format!("## Experience\n\n{}x\n", "- ".repeat(n)),
        format!("## Experience\n\n{}x\n", "> ".repeat(n)),
        format!("## Experience\n\n- {}x{}\n", "**".repeat(n), "**".repeat(n)),
        format!(
            "## Experience\n\n- {}x{}\n",
            "*a ".repeat(n),
            " a*".repeat(n)
        ),
        format!(
            "## Experience\n\n- {}x{}\n",
            "[a".repeat(n),
            "](u)".repeat(n)
        ),
    ];
    for source in cases {
        let resume = parse_on_a_small_stack(source.clone(), Format::Markdown);
        assert_sound(&source, &resume, "nested Markdown");
        assert!(resume.is_resume);
    }
}

#[test]
fn deeply_nested_latex_fits_a_worker_thread_stack() {
    for n in [3_000, 10_000] {
        let open_close = |open: &str, close: &str| (open.repeat(n), close.repeat(n));
        let (braces, closes) = open_close("{", "}");
        let (bold, _) = open_close("\\textbf{", "}");
        let (unknown, _) = open_close("\\foo{", "}");
        let (pairs, pair_closes) = open_close("\\job{2020}{", "}");
        let cases = [
            format!("\\section{{Experience}}\n\\resumeItem{{{braces}x{closes}}}\n"),
            format!("\\section{{Experience}}\n\\resumeItem{{{bold}x{closes}}}\n"),
            format!(
                "\\section{{Experience}}\n{}",
                "\\begin{itemize}\n\\item a\n".repeat(n)
            ),
            format!("\\section{{Experience}}\n{braces}\\item x{closes}\n"),
            format!("\\section{{Experience}}\n{unknown}\\resumeItem{{x}}{closes}\n"),
            format!("\\section{{Experience}}\n{pairs}x{pair_closes}\n"),
            format!("\\newcommand{{\\a}}[1]{{{braces}\\item #1{closes}}}\n\\section{{Skills}}\n"),
        ];
        for source in cases {
            let started = Instant::now();
            let resume = parse_on_a_small_stack(source.clone(), Format::Latex);
            let took = started.elapsed();
            assert_sound(&source, &resume, "nested LaTeX");
            eprintln!("{n} levels: {took:?} for {:?}", &source[..40]);
            // Linear work takes a few seconds at most in a debug build on a
            // busy machine; quadratic work on 10 000 levels takes minutes.
            assert!(
                took < Duration::from_secs(60),
                "{n} levels took {took:?}: {}",
                &source[..40]
            );
        }
    }
}

#[test]
fn deeply_nested_latex_keeps_its_text_and_bullets() {
    let n = 3_000;
    let source = format!(
        "\\section{{Experience}}\n\\resumeItem{{{}Cut costs by 20\\%{}}}\n{}",
        "\\textbf{".repeat(n),
        "}".repeat(n),
        "\\begin{itemize}\n\\item Led 3 teams\n".repeat(n)
    );
    let resume = parse_on_a_small_stack(source.clone(), Format::Latex);
    assert!(resume.is_resume);
    let bullets: Vec<String> = resume
        .bullets()
        .map(|b| b.bullet.text.to_string())
        .collect();
    assert_eq!(bullets[0], "Cut costs by 20%");
    // Nested lists past the walk's nesting bound still keep their words.
    assert!(bullets.len() > 90, "{}", bullets.len());
    assert!(
        bullets[1..].iter().all(|b| b.contains("Led 3 teams")),
        "{:?}",
        &bullets[..3]
    );
}

/// A document with a deeply nested part still edits incrementally to the
/// same model as a fresh parse, on a worker-sized stack.
#[test]
fn deeply_nested_latex_edits_on_a_worker_thread_stack() {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            let n = 3_000;
            let source = format!(
                "\\section{{Experience}}\n\\resumeItem{{{}x{}}}\n",
                "{".repeat(n),
                "}".repeat(n)
            );
            let mut doc = Document::new(&source, Format::Latex, 1, ParseOptions::default());
            let at = source.find('x').expect("has an x");
            doc.apply_edit(at..at, "Led ");
            doc.apply_edit(n / 2..n / 2 + 1, "");
            let fresh = Document::new(doc.text(), Format::Latex, 1, ParseOptions::default());
            assert_eq!(doc.resume(), fresh.resume());
            assert_sound(doc.text(), doc.resume(), "edited nested LaTeX");
        })
        .expect("thread starts")
        .join()
        .expect("editing does not panic");
}

/// A resume of about `bytes` bytes: the example's body repeated, each
/// copy's sections and entries intact (LaTeX keeps one preamble and one
/// `\end{document}`).
fn big_resume(path: &std::path::Path, format: Format, bytes: usize) -> String {
    let (source, _) = parse_file(path, format);
    let (head, body, tail) = match format {
        Format::Markdown => ("", source.as_str(), ""),
        Format::Latex => {
            let start = source.find("\\begin{document}").expect("has a body") + 16;
            let end = source.rfind("\\end{document}").expect("has an end");
            (&source[..start], &source[start..end], &source[end..])
        }
    };
    let mut out = String::with_capacity(bytes + source.len());
    out.push_str(head);
    while out.len() < bytes {
        out.push_str(body);
        out.push('\n');
    }
    out.push_str(tail);
    out
}

#[test]
fn a_ten_megabyte_file_parses_in_bounded_time() {
    // Debug builds are slow; the bound only catches runaway (quadratic)
    // behaviour. A release build takes about 10 s for 10 MB of Markdown and
    // 3 s for 10 MB of LaTeX (outline included).
    let examples = project_examples();
    let (md_path, _) = examples
        .iter()
        .find(|(p, _)| file_name(p) == "designer-nonascii-lead-ins.md")
        .expect("example exists");
    let (tex_path, _) = examples
        .iter()
        .find(|(p, _)| file_name(p) == "jake-software-engineer.tex")
        .expect("example exists");
    for (path, format) in [(md_path, Format::Markdown), (tex_path, Format::Latex)] {
        let source = big_resume(path, format, 10 << 20);
        let started = Instant::now();
        let resume = parse_default(&source, format);
        let took = started.elapsed();
        assert!(
            took < Duration::from_secs(120),
            "{format:?}: 10 MB took {took:?}"
        );
        assert!(resume.is_resume);
        assert!(
            resume.bullets().count() > 10_000,
            "{format:?}: {} bullets",
            resume.bullets().count()
        );
        eprintln!("{format:?}: parsed {} bytes in {took:?}", source.len());
    }
}
