//! Every example resume in `examples/` parses without ERROR or MISSING nodes.

use std::path::{Path, PathBuf};

fn new_parser() -> tree_sitter::Parser {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_resume_latex::LANGUAGE.into())
        .expect("the grammar's ABI is supported by the runtime");
    parser
}

fn example_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples/ exists")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "tex"))
        .collect();
    files.sort();
    files
}

/// The first ERROR or MISSING node in document order.
fn first_problem(node: tree_sitter::Node<'_>) -> Option<tree_sitter::Node<'_>> {
    if node.is_error() || node.is_missing() {
        return Some(node);
    }
    if !node.has_error() {
        return None;
    }
    let mut cursor = node.walk();
    let children: Vec<_> = node.children(&mut cursor).collect();
    children.into_iter().find_map(first_problem)
}

fn count_kind(node: tree_sitter::Node<'_>, kind: &str, source: &[u8], name: Option<&str>) -> usize {
    let mut count = 0;
    let mut cursor = node.walk();
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        if node.kind() == kind {
            let matches_name = name.is_none_or(|wanted| {
                node.child_by_field_name("name")
                    .and_then(|n| n.utf8_text(source).ok())
                    == Some(wanted)
            });
            if matches_name {
                count += 1;
            }
        }
        stack.extend(node.children(&mut cursor));
    }
    count
}

#[test]
fn examples_parse_without_errors() {
    let files = example_files();
    assert!(
        files.len() >= 6,
        "expected at least 6 example resumes, found {}",
        files.len()
    );
    let mut parser = new_parser();
    let mut problems = Vec::new();
    for path in &files {
        let source = std::fs::read(path).expect("example is readable");
        let tree = parser.parse(&source, None).expect("parse returns a tree");
        if let Some(node) = first_problem(tree.root_node()) {
            let pos = node.start_position();
            problems.push(format!(
                "{}:{}:{}: {} node ({})",
                path.display(),
                pos.row + 1,
                pos.column + 1,
                if node.is_missing() {
                    "MISSING"
                } else {
                    "ERROR"
                },
                node.to_sexp()
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "parse problems:\n{}",
        problems.join("\n")
    );
}

#[test]
fn examples_contain_resume_macros_as_commands() {
    let mut parser = new_parser();
    let mut resumes = 0;
    for path in example_files() {
        let source = std::fs::read(&path).expect("example is readable");
        let tree = parser.parse(&source, None).expect("parse returns a tree");
        let root = tree.root_node();
        let sections = count_kind(root, "command", &source, Some("\\section"));
        let documents = count_kind(root, "begin", &source, Some("{document}"));
        let items = count_kind(root, "command", &source, Some("\\resumeItem"))
            + count_kind(root, "command", &source, Some("\\item"));
        // A resume has a document body with sections and bullets; a file
        // pulled in with \input (macro definitions) has none of them and is
        // checked by the other test only.
        let is_fragment = documents == 0;
        if !is_fragment {
            assert_eq!(documents, 1, "{}: one document environment", path.display());
            assert!(
                sections >= 3,
                "{}: only {sections} \\section commands",
                path.display()
            );
            assert!(items >= 5, "{}: only {items} bullets", path.display());
            resumes += 1;
        }
    }
    assert!(resumes >= 6, "only {resumes} complete example resumes");
}

#[test]
fn problem_finder_reports_errors_and_missing_nodes() {
    let mut parser = new_parser();
    let stray = "\\section{Skills}\n\\resumeItem{Go}}\n";
    let tree = parser.parse(stray, None).unwrap();
    let node = first_problem(tree.root_node()).expect("a stray brace is an error");
    assert!(node.is_error());
    assert_eq!(
        (node.start_position().row, node.start_position().column),
        (1, 15)
    );

    let unclosed = "\\(x + y\n";
    let tree = parser.parse(unclosed, None).unwrap();
    let node = first_problem(tree.root_node()).expect("unclosed math is reported");
    assert!(node.is_missing());

    let clean = "\\section{Skills}\n\\resumeItem{Go}\n";
    let tree = parser.parse(clean, None).unwrap();
    assert!(first_problem(tree.root_node()).is_none());
}
