//! A document linted through one `LintCache` across random edits finds
//! exactly what a lint from scratch finds after every edit.

use std::path::{Path, PathBuf};

use resume_rules::{lint, lint_cached, Config, LintCache};
use resume_syntax::{Document, Format, ParseOptions};

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn resumes() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = Vec::new();
    for dir in [
        root.join("tests/resumes"),
        root.join("tests/dev-set"),
        root.join("grammar/examples"),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if name != "README.md" && Format::from_path(name).is_some() {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The character boundary at or before `at`.
fn floor(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A random edit: typing a character, deleting a few, duplicating or
/// deleting a line (which moves every later bullet), or changing markup.
fn edit(rng: &mut Rng, text: &str) -> (std::ops::Range<usize>, String) {
    const TYPED: [&str; 16] = [
        "x",
        "e",
        " ",
        "1",
        "%",
        "*",
        "_",
        "{",
        "}",
        "\\",
        "\n",
        "-",
        "&",
        "é",
        "Responsible for ",
        "helped ",
    ];
    let at = floor(text, rng.below(text.len() + 1));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
    match rng.below(8) {
        0..=2 => (at..at, TYPED[rng.below(TYPED.len())].to_string()),
        3 | 4 => {
            let end = floor(text, at + 1 + rng.below(3));
            (at..end.max(at), String::new())
        }
        5 => (
            line_start..line_start,
            text[line_start..line_end].to_string(),
        ),
        6 => (line_start..line_end, String::new()),
        _ => {
            // Wrap a word in emphasis or a LaTeX command.
            let word_end = text[at..]
                .find(|c: char| !c.is_alphanumeric())
                .map_or(text.len(), |i| at + i);
            let wrap = ["**", "_", "\\textbf{", "\\emph{"][rng.below(4)];
            let close = if wrap.ends_with('{') { "}" } else { wrap };
            (
                at..word_end,
                format!("{wrap}{}{close}", &text[at..word_end]),
            )
        }
    }
}

#[test]
fn cached_lint_equals_a_fresh_lint_across_random_edits() {
    let paths = resumes();
    assert!(paths.len() >= 10, "resumes to edit: {paths:?}");
    let config = Config::default();
    let mut compared = 0;
    for (n, path) in paths.iter().enumerate() {
        let source = std::fs::read_to_string(path).unwrap();
        let format = Format::from_path(&path.to_string_lossy()).unwrap();
        let mut doc = Document::new(&source, format, 0, ParseOptions::default());
        let mut cache = LintCache::default();
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (n as u64 + 1));
        for step in 0..100 {
            if step > 0 {
                let (range, new_text) = edit(&mut rng, doc.text());
                doc.apply_edit(range, &new_text);
            }
            let cached = lint_cached(doc.resume(), doc.text(), &config, &mut cache);
            let fresh = lint(doc.resume(), doc.text(), &config);
            if cached != fresh {
                let at = cached.iter().zip(&fresh).position(|(c, f)| c != f);
                let at = at.unwrap_or(cached.len().min(fresh.len()));
                panic!(
                    "{} after {step} edits: cached and fresh findings differ at #{at}\n\
                     cached: {:?}\nfresh: {:?}",
                    path.display(),
                    cached.get(at),
                    fresh.get(at),
                );
            }
            compared += fresh.len();
        }
    }
    assert!(compared > 1000, "only {compared} findings compared");
}
