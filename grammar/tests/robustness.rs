//! Bad input never panics and always yields a tree; damage stays local.

fn new_parser() -> tree_sitter::Parser {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_resume_latex::LANGUAGE.into())
        .expect("the grammar's ABI is supported by the runtime");
    parser
}

/// A small deterministic generator (xorshift64*), so the test needs no
/// extra dependency and every run sees the same bytes.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

fn parse(source: &[u8]) -> tree_sitter::Tree {
    new_parser()
        .parse(source, None)
        .expect("parse returns a tree")
}

/// Texts of every node of `kind` whose `name` field reads `name`.
fn named_nodes<'a>(
    tree: &tree_sitter::Tree,
    source: &'a [u8],
    kind: &str,
    name: &str,
) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut cursor = tree.walk();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        if node.kind() == kind
            && node
                .child_by_field_name("name")
                .and_then(|n| n.utf8_text(source).ok())
                == Some(name)
        {
            out.push(node.utf8_text(source).unwrap());
        }
        stack.extend(node.children(&mut cursor));
    }
    out.sort_by_key(|text| text.as_ptr() as usize);
    out
}

/// Input that is mostly junk may come back with an ERROR root; anything
/// else must be a `source_file`. Either way the tree covers the input.
fn assert_covers(tree: &tree_sitter::Tree, len: usize) {
    let root = tree.root_node();
    assert!(
        root.kind() == "source_file" || root.kind() == "ERROR",
        "unexpected root {}",
        root.kind()
    );
    assert!(root.start_byte() <= root.end_byte());
    assert_eq!(root.end_byte(), len);
}

#[test]
fn random_bytes_yield_a_tree() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let bytes: Vec<u8> = (0..1 << 20).map(|_| (rng.next() >> 56) as u8).collect();
    let tree = parse(&bytes);
    assert_covers(&tree, bytes.len());
}

#[test]
fn random_latex_fragments_yield_a_tree() {
    // Random sequences of LaTeX-significant pieces hit far more grammar
    // states than random bytes do.
    const PIECES: &[&str] = &[
        "\\resumeItem",
        "{",
        "}",
        "[",
        "]",
        "$",
        "$$",
        "\\(",
        "\\)",
        "\\[",
        "\\]",
        "\\begin",
        "\\end",
        "{itemize}",
        "%",
        "\n",
        "\n\n",
        " ",
        "\\\\",
        "\\%",
        "--",
        "~",
        "#1",
        "&",
        "\\verb|",
        "|",
        "text",
        "é",
        "\\",
        "\r\n",
        "\u{feff}",
        "{comment}",
        "{lstlisting}",
    ];
    let mut rng = XorShift(42);
    for round in 0..200 {
        let mut source = String::new();
        for _ in 0..(rng.next() % 400) {
            source.push_str(PIECES[(rng.next() % PIECES.len() as u64) as usize]);
        }
        let tree = parse(source.as_bytes());
        assert_eq!(tree.root_node().end_byte(), source.len(), "round {round}");
        assert_covers(&tree, source.len());
    }
}

#[test]
fn degenerate_inputs_yield_a_tree() {
    let many_opens = "\\resumeItem{".repeat(5_000);
    let many_closes = "}".repeat(5_000);
    let deep = format!("{}x{}", "{".repeat(3_000), "}".repeat(3_000));
    // Blank lines inside groups make the scanner look ahead for `}`.
    let long_group = format!("{{{}}}", "x\n\n".repeat(2_000));
    let nested_paragraphs = format!("{}{}", "{\n\n".repeat(500), "x\n\n".repeat(2_000));
    let dollars = "$ x\n".repeat(5_000);
    let inputs: Vec<&str> = vec![
        "",
        "\\resumeItem{",
        &many_opens,
        &many_closes,
        "{{{{",
        "}}}}",
        "{]}[}",
        &deep,
        &long_group,
        &nested_paragraphs,
        &dollars,
        "\\",
        "$",
        "$$",
        "\\begin",
        "\\begin{",
        "\\end",
        "\\verb|",
        "%",
    ];
    for input in inputs {
        if input.is_empty() {
            let tree = parse(b"");
            assert_eq!(tree.root_node().kind(), "source_file");
            assert_eq!(tree.root_node().child_count(), 0);
            continue;
        }
        let tree = parse(input.as_bytes());
        assert_covers(&tree, input.len());
    }
}

#[test]
fn crlf_line_endings_parse_like_lf() {
    let lf = "\\resumeSubheading\n  {Acme}{2020 -- 2021}%\n  {Engineer}{Remote}\n\n\\resumeItem{Shipped it}\n";
    let crlf = lf.replace('\n', "\r\n");
    let lf_tree = parse(lf.as_bytes());
    let crlf_tree = parse(crlf.as_bytes());
    assert!(!crlf_tree.root_node().has_error());
    assert_eq!(
        lf_tree.root_node().to_sexp(),
        crlf_tree.root_node().to_sexp()
    );
    // The blank line still stops argument attachment.
    assert_eq!(crlf_tree.root_node().named_child_count(), 2);
    // A comment does not take the carriage return.
    let source = "% note\r\n\\item x\r\n";
    let tree = parse(source.as_bytes());
    let comment = tree.root_node().named_child(0).unwrap();
    assert_eq!(comment.kind(), "comment");
    assert_eq!(comment.utf8_text(source.as_bytes()).unwrap(), "% note");
}

#[test]
fn utf8_bom_does_not_break_the_first_command() {
    let source = "\u{feff}\\section{Experience}\n\\resumeItem{Shipped it}\n";
    let tree = parse(source.as_bytes());
    let root = tree.root_node();
    assert!(!root.has_error(), "{}", root.to_sexp());
    // The byte order mark is whitespace, not text.
    let first = root.named_child(0).unwrap();
    assert_eq!(first.kind(), "command");
    assert_eq!(first.start_byte(), "\u{feff}".len());
    let sections = named_nodes(&tree, source.as_bytes(), "command", "\\section");
    assert_eq!(sections, vec!["\\section{Experience}"]);
}

#[test]
fn later_bullets_survive_an_unbalanced_brace() {
    let source = "\\resumeItemListStart\n\
                  \\resumeItem{Built {a parser for invoices}\n\
                  \\resumeItem{Cut costs by 30\\%}\n\
                  \\resumeItemListEnd\n";
    let tree = parse(source.as_bytes());
    let items = named_nodes(&tree, source.as_bytes(), "command", "\\resumeItem");
    assert!(
        items.contains(&"\\resumeItem{Cut costs by 30\\%}"),
        "{items:?} in {}",
        tree.root_node().to_sexp()
    );
    let ends = named_nodes(&tree, source.as_bytes(), "command", "\\resumeItemListEnd");
    assert_eq!(ends.len(), 1);
}

#[test]
fn later_commands_survive_a_stray_dollar_and_a_half_typed_macro() {
    let source = "\\resumeItem{Saved $40K a year}\n\\resu\n\\resumeItem{Led 4 engineers}\n";
    let tree = parse(source.as_bytes());
    assert!(
        !tree.root_node().has_error(),
        "{}",
        tree.root_node().to_sexp()
    );
    let items = named_nodes(&tree, source.as_bytes(), "command", "\\resumeItem");
    assert_eq!(
        items,
        vec![
            "\\resumeItem{Saved $40K a year}",
            "\\resumeItem{Led 4 engineers}"
        ]
    );
}

#[test]
fn highlights_query_compiles() {
    let language: tree_sitter::Language = tree_sitter_resume_latex::LANGUAGE.into();
    let query = tree_sitter::Query::new(&language, tree_sitter_resume_latex::HIGHLIGHTS_QUERY)
        .expect("highlights.scm compiles");
    assert!(query.capture_names().contains(&"function"));
    assert!(query.capture_names().contains(&"comment"));
}

#[test]
fn highlights_query_captures_the_main_nodes() {
    use tree_sitter::StreamingIterator as _;
    let language: tree_sitter::Language = tree_sitter_resume_latex::LANGUAGE.into();
    let query = tree_sitter::Query::new(&language, tree_sitter_resume_latex::HIGHLIGHTS_QUERY)
        .expect("highlights.scm compiles");
    let source = "\\begin{itemize} % list\n\\item Cut costs by 40\\% -- $x$\n\\end{itemize}\n";
    let tree = parse(source.as_bytes());
    let mut cursor = tree_sitter::QueryCursor::new();
    let mut captures = cursor.captures(&query, tree.root_node(), source.as_bytes());
    let mut seen = Vec::new();
    while let Some((m, index)) = captures.next() {
        let capture = m.captures()[*index];
        let name = query.capture_names()[capture.index as usize];
        seen.push((
            name.to_string(),
            capture
                .node
                .utf8_text(source.as_bytes())
                .unwrap()
                .to_string(),
        ));
    }
    for expected in [
        ("keyword", "\\begin"),
        ("module", "itemize"),
        ("comment", "% list"),
        ("function", "\\item"),
        ("string.escape", "\\%"),
        ("punctuation.delimiter", "--"),
        ("markup.math", "$x$"),
        ("keyword", "\\end"),
    ] {
        assert!(
            seen.iter().any(|(n, t)| n == expected.0 && t == expected.1),
            "missing capture {expected:?} in {seen:?}"
        );
    }
}

#[test]
fn node_types_lists_the_public_node_names() {
    for name in [
        "source_file",
        "command",
        "command_name",
        "group",
        "optional_argument",
        "environment",
        "begin",
        "end",
        "comment",
        "inline_math",
        "display_math",
        "escape",
        "line_break",
        "dash",
        "nbsp",
        "verb",
        "parameter",
        "alignment_tab",
        "text",
    ] {
        assert!(
            tree_sitter_resume_latex::NODE_TYPES.contains(&format!("\"type\": \"{name}\"")),
            "node-types.json lacks {name}"
        );
    }
}

#[test]
fn incremental_reparse_matches_a_fresh_parse() {
    let old = "\\resumeItem{Built a parser}\n\\resumeItem{Wrote docs}\n";
    let mut parser = new_parser();
    let mut tree = parser.parse(old, None).unwrap();
    // Delete the first closing brace, then type it back.
    let pos = old.find('}').unwrap();
    let new = format!("{}{}", &old[..pos], &old[pos + 1..]);
    tree.edit(&tree_sitter::InputEdit {
        start_byte: pos,
        old_end_byte: pos + 1,
        new_end_byte: pos,
        start_position: tree_sitter::Point::new(0, pos),
        old_end_position: tree_sitter::Point::new(0, pos + 1),
        new_end_position: tree_sitter::Point::new(0, pos),
    });
    let edited = parser.parse(&new, Some(&tree)).unwrap();
    let fresh = parser.parse(&new, None).unwrap();
    assert_eq!(edited.root_node().to_sexp(), fresh.root_node().to_sexp());
}

/// Random edits to every example, re-parsed incrementally, give the same tree
/// as a fresh parse (the external scanner looks ahead for `$` and blank
/// lines, so this checks that its lookahead is tracked).
#[test]
fn random_incremental_edits_match_fresh_parses() {
    const SNIPPETS: &[&str] = &[
        "$",
        "{",
        "}",
        "\n\n",
        "\n",
        "%",
        "\\",
        "\\resumeItem{x}",
        "[",
        "]",
        "\\begin{itemize}",
        "\\end{itemize}",
        " ",
        "--",
        "\\$",
        "é",
        "\\begin{comment}",
        "\\end{comment}",
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut rng = XorShift(7);
    let mut parser = new_parser();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in files {
        let mut text = std::fs::read_to_string(&path).unwrap();
        let mut tree = parser.parse(&text, None).unwrap();
        for step in 0..60 {
            // Pick a char-boundary range to replace.
            let len = text.len();
            let mut start = (rng.next() % (len as u64 + 1)) as usize;
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + (rng.next() % 8) as usize).min(len);
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let insert = if matches!(rng.next() % 3, 0) {
                ""
            } else {
                SNIPPETS[(rng.next() % SNIPPETS.len() as u64) as usize]
            };
            let point = |s: &str, byte: usize| {
                let before = &s[..byte];
                let row = before.matches('\n').count();
                let col = byte - before.rfind('\n').map_or(0, |i| i + 1);
                tree_sitter::Point::new(row, col)
            };
            let start_position = point(&text, start);
            let old_end_position = point(&text, end);
            text.replace_range(start..end, insert);
            let new_end = start + insert.len();
            tree.edit(&tree_sitter::InputEdit {
                start_byte: start,
                old_end_byte: end,
                new_end_byte: new_end,
                start_position,
                old_end_position,
                new_end_position: point(&text, new_end),
            });
            let edited = parser.parse(&text, Some(&tree)).unwrap();
            let fresh = parser.parse(&text, None).unwrap();
            assert_eq!(
                edited.root_node().to_sexp(),
                fresh.root_node().to_sexp(),
                "{} step {step}: incremental parse differs",
                path.display()
            );
            tree = edited;
        }
    }
}
