//! Runs the tree-sitter corpus in `test/corpus/` without the tree-sitter CLI.
//!
//! The file format and the comparison follow `tree-sitter test`: a header of
//! `=` lines around the test name (optionally followed by attribute lines such
//! as `:skip` or `:error`), the input, the longest line of `-` characters, and
//! the expected S-expression. Comment lines starting with `;` are dropped from
//! the expected output, whitespace is collapsed, and fields are compared only
//! when the expected output names at least one.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

struct Case {
    file: PathBuf,
    name: String,
    input: String,
    expected: String,
    skip: bool,
    error: bool,
}

fn is_rule_line(line: &str, ch: char) -> bool {
    let line = line.trim_end_matches(['\r', '\n']);
    line.len() >= 3 && line.chars().all(|c| c == ch)
}

/// Splits `text` into lines that keep their line ending, with start offsets.
fn lines_with_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        out.push((start, line));
        start += line.len();
    }
    out
}

fn parse_corpus_file(path: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(path).expect("corpus file is readable UTF-8");
    let lines = lines_with_offsets(&text);

    // Headers: a `===` line, one or more name/attribute lines, a `===` line.
    struct Header {
        start: usize,
        end: usize,
        name: String,
        skip: bool,
        error: bool,
    }
    let mut headers = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if is_rule_line(lines[i].1, '=') {
            let mut j = i + 1;
            while j < lines.len() && !is_rule_line(lines[j].1, '=') {
                j += 1;
            }
            if j < lines.len() && j > i + 1 {
                let mut name = String::new();
                let (mut skip, mut error, mut seen_marker) = (false, false, false);
                for (_, line) in &lines[i + 1..j] {
                    let trimmed = line.trim();
                    match trimmed.split('(').next().unwrap_or("") {
                        ":skip" => (seen_marker, skip) = (true, true),
                        ":error" => (seen_marker, error) = (true, true),
                        ":fail-fast" | ":platform" | ":language" | ":cst" => seen_marker = true,
                        _ if !seen_marker => name.push_str(line),
                        _ => {}
                    }
                }
                headers.push(Header {
                    start: lines[i].0,
                    end: lines[j].0 + lines[j].1.len(),
                    name: name.trim_end().to_string(),
                    skip,
                    error: error && !skip,
                });
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }

    let mut cases = Vec::new();
    for (k, header) in headers.iter().enumerate() {
        let body_end = headers.get(k + 1).map_or(text.len(), |h| h.start);
        let body = &text[header.end..body_end];
        // The longest divider line separates input from expected output.
        let divider = lines_with_offsets(body)
            .into_iter()
            .filter(|(_, line)| is_rule_line(line, '-'))
            .max_by_key(|(_, line)| line.len());
        let Some((div_start, div_line)) = divider else {
            panic!(
                "{}: test {:?} has no divider line",
                path.display(),
                header.name
            );
        };
        let mut input = body[..div_start].to_string();
        input.pop(); // the newline before the divider
        let expected_raw = &body[div_start + div_line.len()..];
        let expected = expected_raw
            .lines()
            .filter(|line| !line.trim_start().starts_with(';'))
            .collect::<Vec<_>>()
            .join("\n");
        cases.push(Case {
            file: path.to_path_buf(),
            name: header.name.clone(),
            input,
            expected: normalize_sexp(&expected),
            skip: header.skip,
            error: header.error,
        });
    }
    cases
}

fn normalize_sexp(sexp: &str) -> String {
    sexp.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" )", ")")
}

/// Whether `sexp` names a field (` name: (` in the CLI's terms).
fn has_fields(sexp: &str) -> bool {
    sexp.split(' ').zip(sexp.split(' ').skip(1)).any(|(a, b)| {
        a.len() > 1
            && a.ends_with(':')
            && a[..a.len() - 1]
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_')
            && b.starts_with('(')
    })
}

fn strip_fields(sexp: &str) -> String {
    let mut out = Vec::new();
    for word in sexp.split(' ') {
        let is_field = word.len() > 1
            && word.ends_with(':')
            && word[..word.len() - 1]
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_');
        if !is_field {
            out.push(word);
        }
    }
    out.join(" ")
}

fn corpus_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("test/corpus exists")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    files
}

fn new_parser() -> tree_sitter::Parser {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_resume_latex::LANGUAGE.into())
        .expect("the grammar's ABI is supported by the runtime");
    parser
}

#[test]
fn corpus_matches_expected_trees() {
    let mut parser = new_parser();
    let mut checked = 0;
    let mut failures = String::new();
    let files = corpus_files();
    assert!(!files.is_empty(), "no corpus files found");
    for file in files {
        let known_failures = file.file_name().is_some_and(|n| n == "failing.txt");
        for case in parse_corpus_file(&file) {
            if case.skip {
                continue;
            }
            let tree = parser
                .parse(&case.input, None)
                .expect("parse returns a tree");
            let root = tree.root_node();
            checked += 1;
            // Cases in failing.txt document known gaps: they must parse, but
            // their trees are not compared.
            if known_failures {
                continue;
            }
            if case.error {
                if !root.has_error() {
                    let _ = writeln!(
                        failures,
                        "\n{} / {}: expected a parse error, got none",
                        case.file.display(),
                        case.name
                    );
                }
                continue;
            }
            let mut actual = normalize_sexp(&root.to_sexp());
            if !has_fields(&case.expected) {
                actual = strip_fields(&actual);
            }
            if actual != case.expected {
                let _ = writeln!(
                    failures,
                    "\n{} / {}:\n  expected: {}\n  actual:   {}",
                    case.file.display(),
                    case.name,
                    case.expected,
                    actual
                );
            }
        }
    }
    assert!(checked >= 40, "only {checked} corpus cases found");
    assert!(failures.is_empty(), "corpus mismatches:{failures}");
}

#[test]
fn corpus_reader_follows_the_cli_format() {
    let dir = std::env::temp_dir().join(format!("resume-latex-corpus-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("sample.txt");
    std::fs::write(
        &path,
        "=====\nFirst\n=====\n\\foo\n\n---\n\n; a comment\n(source_file\n  (command name: (command_name)))\n\n\
         =====\nSecond\n:error\n=====\n{\n---------\n-----\n(source_file)\n",
    )
    .unwrap();
    let cases = parse_corpus_file(&path);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(cases.len(), 2);
    assert_eq!(cases[0].name, "First");
    assert_eq!(cases[0].input, "\\foo\n");
    assert_eq!(
        cases[0].expected,
        "(source_file (command name: (command_name)))"
    );
    assert!(!cases[0].error);
    assert_eq!(cases[1].name, "Second");
    assert!(cases[1].error);
    // The longest divider wins, so the shorter one belongs to the output.
    assert_eq!(cases[1].input, "{");
    assert_eq!(cases[1].expected, "----- (source_file)");
    assert!(has_fields(&cases[0].expected));
    assert!(!has_fields("(source_file (command (command_name)))"));
    assert_eq!(
        strip_fields("(command name: (command_name))"),
        "(command (command_name))"
    );
}
