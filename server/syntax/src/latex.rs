//! LaTeX → resume model, driven by the macro table.
//!
//! The grammar knows nothing about resumes: a `command` carries every group
//! that follows it. This module decides, from the macro table and the
//! `\newcommand` definitions in the file, how many of those groups are
//! arguments and what each one means, and recognises dates, locations, titles
//! and organisations by content as well as by position.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use tree_sitter::{Node, Tree};

use crate::entry_fields::{assign, skill_line, Fields, Piece};
use crate::macros::{ArgRole, MacroKind, MacroSpec, ParseOptions};
use crate::model::{Bullet, Comment, Entry, Format, Resume, Section, SectionKind, SkillLine};
use crate::text::Text;

/// Marks a hard break (`\\`, `\newline`, a blank line, `\item`) in lowered
/// text before whitespace is collapsed.
const BREAK: char = '\u{E000}';
const BREAK_STR: &str = "\u{E000}";
/// Marks a gap that pushes text apart on one line (`\hfill`, `&` in a
/// tabular): `\textbf{Acme} \hfill Jan 2020 -- Present` is two fields.
const FILL: char = '\u{E001}';
const FILL_STR: &str = "\u{E001}";

/// Macro definitions found in a LaTeX source: name (without backslash) →
/// number of arguments, plus the macros their bodies call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Definitions {
    /// Name → arity.
    pub arity: HashMap<String, usize>,
    /// Name → names of macros its body calls.
    pub calls: HashMap<String, Vec<String>>,
    /// Argument-less macros whose body is plain text
    /// (`\newcommand{\name}{Ada Park}`): name → that text.
    pub text: HashMap<String, String>,
}

/// Reads `\newcommand`, `\renewcommand`, `\providecommand` and `\def`
/// definitions from a parsed LaTeX tree.
pub fn definitions(source: &str, tree: &Tree) -> Definitions {
    let mut defs = Definitions::default();
    collect_definitions(source, tree.root_node(), &mut defs, None, &mut Vec::new());
    defs
}

/// Paths named by `\input{...}`, `\include{...}`, `\subfile{...}` and
/// `\import{dir}{file}` in a parsed LaTeX tree, as written (the caller
/// resolves them, inside the workspace only).
pub fn includes(source: &str, tree: &Tree) -> Vec<String> {
    include_commands(source, tree)
        .into_iter()
        .map(|c| c.path)
        .collect()
}

/// One command that pulls another file into the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncludeCommand {
    /// Source range of the whole command.
    pub range: Range<usize>,
    /// The file named, as written, joined to its directory for `\import`
    /// (`\import{sections/}{jobs}` → `sections/jobs`).
    pub path: String,
    /// Which command: `input`, `include`, `subfile`, `import`,
    /// `subimport`, `inputfrom` or `subinputfrom`.
    pub command: String,
}

/// The commands that include other files, in source order. Commands in
/// comments are not commands; an empty path is skipped.
pub fn include_commands(source: &str, tree: &Tree) -> Vec<IncludeCommand> {
    let mut out = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        if kind(node) == Kind::Command {
            let name = command_name(source, node);
            let args = groups(node);
            let path = match name {
                "input" | "include" | "subfile" | "includefrom" => args
                    .first()
                    .map(|g| inner_source(source, *g).trim().to_string()),
                "import" | "subimport" | "inputfrom" | "subinputfrom" if args.len() >= 2 => {
                    let dir = inner_source(source, args[0]).trim();
                    let file = inner_source(source, args[1]).trim();
                    (!file.is_empty()).then(|| {
                        if dir.is_empty() {
                            file.to_string()
                        } else {
                            format!("{}/{file}", dir.trim_end_matches('/'))
                        }
                    })
                }
                _ => None,
            };
            if let Some(path) = path.filter(|p| !p.is_empty()) {
                let end = args.last().map_or(node.end_byte(), |g| g.end_byte());
                out.push(IncludeCommand {
                    range: node.start_byte()..end,
                    path,
                    command: name.to_string(),
                });
                continue;
            }
        }
        let mut cursor = node.walk();
        let children: Vec<Node<'_>> = node.children(&mut cursor).collect();
        stack.extend(children.into_iter().rev());
    }
    out
}

/// Reads the definitions below `node`, depth first with one cursor (no
/// recursion, so nesting depth costs no call stack); a definition's body is
/// not searched for further definitions. With `comments`, also collects
/// every comment, in the same pass.
fn collect_definitions(
    source: &str,
    node: Node<'_>,
    defs: &mut Definitions,
    mut comments: Option<&mut Vec<Comment>>,
    spans: &mut Vec<Range<usize>>,
) {
    // Only nodes that hold a `%` or a definition's name can hold a comment
    // or a definition: the walk skips every other node's children.
    let marks = marks(source, comments.is_some());
    let has_mark = |r: Range<usize>| {
        let i = marks.partition_point(|m| *m < r.start);
        marks.get(i).is_some_and(|m| *m < r.end)
    };
    let mut cursor = node.walk();
    if !has_mark(node.byte_range()) || !cursor.goto_first_child() {
        return;
    }
    let mut depth = 1;
    // The definition the cursor is in, and its depth: it is read when the
    // cursor leaves it, with the node after it (found by the cursor, as
    // `Node::next_sibling` costs a walk down from the root).
    let mut pending: Option<(Node<'_>, usize)> = None;
    loop {
        let child = cursor.node();
        let mut descend = true;
        match kind(child) {
            Kind::Comment => {
                if let Some(out) = comments.as_deref_mut() {
                    let text = &source[child.byte_range()];
                    out.push(Comment {
                        range: child.byte_range(),
                        body: text.trim_start_matches('%').trim().to_string(),
                    });
                }
                descend = false;
            }
            Kind::Command if pending.is_none() && defines_command(command_name(source, child)) => {
                // Comments inside the definition are still wanted.
                descend = comments.is_some();
                pending = Some((child, depth));
            }
            _ => {}
        }
        if descend && has_mark(child.byte_range()) && cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        loop {
            let moved = cursor.goto_next_sibling();
            if let Some((definition, _)) = pending.filter(|(_, at)| *at == depth) {
                let next = moved.then(|| cursor.node());
                spans.push(
                    definition.start_byte()..next.map_or(definition.end_byte(), |n| n.end_byte()),
                );
                read_definition(source, definition, next, defs);
                pending = None;
            }
            if moved {
                break;
            }
            if !cursor.goto_parent() || depth <= 1 {
                return;
            }
            depth -= 1;
        }
    }
}

/// Sorted offsets of every backslash that opens a definition command
/// (`\newcommand`, `\def`, ...) and, with `comments`, of every `%`.
fn marks(source: &str, comments: bool) -> Vec<usize> {
    const NAMES: [&str; 5] = [
        "newcommand",
        "renewcommand",
        "providecommand",
        "def",
        "DeclareRobustCommand",
    ];
    source
        .bytes()
        .enumerate()
        .filter(|(i, b)| match b {
            b'%' => comments,
            b'\\' => NAMES
                .iter()
                .any(|n| source.as_bytes()[i + 1..].starts_with(n.as_bytes())),
            _ => false,
        })
        .map(|(i, _)| i)
        .collect()
}

fn read_definition(source: &str, cmd: Node<'_>, next: Option<Node<'_>>, defs: &mut Definitions) {
    let gs = groups(cmd);
    let opts = optionals(cmd);
    // \newcommand{\name}[n]{body}
    let (name, arity, body) = if let Some(first) = gs.first() {
        let inner = inner_source(source, *first)
            .trim()
            .trim_start_matches('\\')
            .to_string();
        let arity = opts
            .first()
            .and_then(|o| inner_source(source, *o).trim().parse::<usize>().ok())
            .unwrap_or(0);
        (inner, arity, gs.get(1).copied())
    } else if let Some(n) = next.filter(|n| kind(*n) == Kind::Command) {
        // \newcommand\name[n]{body}: the name is the next command and carries
        // the arity and the body as its own arguments. \def\name#1#2{body}.
        let name = command_name(source, n).to_string();
        let arity = optionals(n)
            .first()
            .and_then(|o| inner_source(source, *o).trim().parse::<usize>().ok())
            .unwrap_or_else(|| {
                let between = &source[n.end_byte().min(source.len())..];
                between
                    .split('{')
                    .next()
                    .map_or(0, |p| p.matches('#').count())
            });
        (name, arity, groups(n).first().copied())
    } else {
        return;
    };
    if name.is_empty() {
        return;
    }
    let mut calls = Vec::new();
    if let Some(b) = body {
        let mut stack = vec![b];
        while let Some(n) = stack.pop() {
            if kind(n) == Kind::Command {
                calls.push(command_name(source, n).to_string());
            }
            let mut c = n.walk();
            stack.extend(n.children(&mut c));
        }
    }
    if let Some(b) = body.filter(|_| arity == 0 && calls.is_empty()) {
        let t = inner_source(source, b).trim();
        if !t.is_empty() && !t.contains(['\\', '#', '{', '}', '%']) {
            defs.text.insert(name.clone(), t.to_string());
        }
    }
    defs.arity.insert(name.clone(), arity);
    defs.calls.insert(name, calls);
}

/// The name of a command without its backslash. The name token
/// (`\\[a-zA-Z@]+\*?`) opens the command node, so it is read from the
/// source without a field lookup.
fn command_name<'s>(source: &'s str, node: Node<'_>) -> &'s str {
    let r = node.byte_range();
    let bytes = &source.as_bytes()[r.clone()];
    let letters = bytes
        .iter()
        .skip(1)
        .take_while(|b| b.is_ascii_alphabetic() || **b == b'@')
        .count();
    let name = if kind(node) == Kind::Command && bytes.first() == Some(&b'\\') && letters > 0 {
        let star = usize::from(bytes.get(1 + letters) == Some(&b'*'));
        &source[r.start + 1..r.start + 1 + letters + star]
    } else {
        command_name_field(source, node)
    };
    debug_assert_eq!(name, command_name_field(source, node));
    name
}

fn command_name_field<'s>(source: &'s str, node: Node<'_>) -> &'s str {
    node.child_by_field_name("name")
        .map(|n| &source[n.byte_range()])
        .unwrap_or("")
        .trim_start_matches('\\')
}

fn groups(node: Node<'_>) -> Vec<Node<'_>> {
    children_in_field(node, kinds().argument_field)
}

fn optionals(node: Node<'_>) -> Vec<Node<'_>> {
    children_in_field(node, kinds().optional_field)
}

/// The children of `node` in a field, by field id.
fn children_in_field(node: Node<'_>, field: Option<std::num::NonZeroU16>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    if field.is_none() || node.child_count() == 0 {
        return out;
    }
    let mut c = node.walk();
    if c.goto_first_child() {
        loop {
            if c.field_id() == field {
                out.push(c.node());
            }
            if !c.goto_next_sibling() {
                break;
            }
        }
    }
    out
}

/// Source between a group's delimiters.
fn inner_source<'s>(source: &'s str, group: Node<'_>) -> &'s str {
    let r = inner_range(source, group);
    &source[r]
}

fn inner_range(source: &str, group: Node<'_>) -> Range<usize> {
    let r = group.byte_range();
    let s = &source[r.clone()];
    let start = if s.starts_with(['{', '[']) {
        r.start + 1
    } else {
        r.start
    };
    let end = if s.len() > 1 && s.ends_with(['}', ']']) && group.child_count() > 0 {
        let last = group.child(group.child_count() - 1);
        if last.is_some_and(|l| {
            !l.is_missing() && matches!(kind(l), Kind::CloseBrace | Kind::CloseBracket)
        }) {
            r.end - 1
        } else {
            r.end
        }
    } else {
        r.end
    };
    start..end.max(start)
}

/// How a macro is read in this document: the table's spec, adjusted by the
/// file's own definitions.
#[derive(Clone, Debug)]
struct Known {
    spec: MacroSpec,
    arity: usize,
    /// Read as an entry by content, not from the macro table.
    inferred: bool,
}

struct Lowering<'a> {
    source: &'a str,
    known: HashMap<String, Known>,
    resume: Resume,
    loose: Text,
    /// Source end of the last node added to `loose`.
    loose_end: Option<usize>,
    /// Whether the last node added to `loose` lays out a line.
    loose_line_command: bool,
    in_section: bool,
    /// The document has no section command at all (a part of a multi-file
    /// resume read alone): its first entry opens an implicit section.
    sectionless: bool,
    /// Commands (by name) and environments (`env:` + name) the document
    /// uses as section headings in place of `\section`.
    heading_macros: std::collections::HashSet<String>,
    /// A node already read (an environment's heading group).
    skip: Option<usize>,
    /// Macros the document defines with `\item` in their body.
    item_macros: std::collections::HashSet<String>,
    /// Argument-less macros the document defines as plain text.
    macro_text: HashMap<String, String>,
    /// Unknown commands read as entries (see `find_entry_macros`).
    entry_macros: std::collections::HashSet<String>,
    /// (section index, macro name) → the argument positions of title and
    /// organisation in the last entry whose vocabulary told them apart.
    order_hints: HashMap<(usize, String), (usize, usize)>,
    /// Whether the tree holds errors (whose recovery may differ between an
    /// incremental and a fresh parse).
    tree_has_error: bool,
}

/// What lowering reads from the whole of a document that most edits leave
/// as it is: the macro definitions and the comments. An open document keeps
/// it and, for an edit that cannot change them (see [`Scan::edit`]), skips
/// reading them again.
#[derive(Clone, Debug, Default)]
pub struct Scan {
    defs: Definitions,
    comments: Vec<Comment>,
    /// Source ranges of the definitions, each with the node after it (which
    /// `\newcommand\name[1]{...}` takes its name and body from).
    spans: Vec<Range<usize>>,
    /// Whether the source uses `\verb`, whose delimiters any character
    /// may be.
    verb: bool,
    /// Whether the scan matches the document.
    valid: bool,
    /// What was read from runs of body children, by their source text.
    chunks: Chunks,
}

/// What lowering read from runs of body children, kept across edits by the
/// exact source text of each run (see [`Lowering::walk_body`]).
///
/// The body is cut before every top-level child that opens a section. A run
/// from one such child up to the next reads the same wherever it sits: its
/// children parse the same (the grammar attaches no argument across a
/// section command), the walk enters it with no loose text and leaves it
/// after the section it opens has taken everything, and reading it looks at
/// nothing outside it but the document-wide context (definitions, options,
/// heading and entry macros) kept beside the memo. So a run read at one
/// offset gives the same sections at another with every offset moved.
#[derive(Clone, Debug, Default)]
struct Chunks {
    /// The definitions and options the entries were read with.
    known: Option<(Definitions, ParseOptions)>,
    /// The heading and entry macros the sections were read with.
    macros: Option<(HashSet<String>, HashSet<String>)>,
    runs: HashMap<Box<str>, Chunk, foldhash::fast::FixedState>,
}

/// What one run of body children gave.
#[derive(Clone, Debug, Default)]
struct Chunk {
    /// Unknown commands that a call in the run makes an entry by its date.
    entry_names: Vec<String>,
    /// The sections the run added, read with the run at `base`.
    sections: Option<ChunkSections>,
}

#[derive(Clone, Debug)]
struct ChunkSections {
    base: usize,
    sections: Vec<Section>,
    /// Whether the last section ran to the end of the source (no section
    /// followed it yet).
    open: bool,
}

impl Scan {
    /// Follows an edit that replaced the source bytes `old` (`removed`)
    /// with `inserted`, leaving `after`: the scan stays valid, its ranges
    /// moved, when the edit holds no character that can open or close a
    /// command, group, comment or math, does not change a command name, and
    /// touches no definition or comment.
    pub fn edit(&mut self, old: Range<usize>, removed: &str, inserted: &str, after: &str) {
        const STRUCTURAL: [char; 10] = ['\\', '%', '{', '}', '[', ']', '$', '#', '\n', '\r'];
        if !self.valid {
            return;
        }
        let touches = |r: &Range<usize>| r.start <= old.end && old.start <= r.end;
        let word = after
            .get(..old.start)
            .unwrap_or("")
            .trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '@' || c == '*');
        if self.verb
            || removed.contains(STRUCTURAL)
            || inserted.contains(STRUCTURAL)
            || word.ends_with('\\')
            || self.spans.iter().any(touches)
            || self.comments.iter().any(|c| touches(&c.range))
        {
            self.valid = false;
            return;
        }
        let end = old.start + inserted.len();
        let shift = |r: &mut Range<usize>| {
            if r.start >= old.end {
                *r = r.start - old.end + end..r.end - old.end + end;
            }
        };
        self.spans.iter_mut().for_each(shift);
        self.comments.iter_mut().for_each(|c| shift(&mut c.range));
    }

    /// Marks the scan as not matching the document.
    pub fn invalidate(&mut self) {
        self.valid = false;
    }
}

/// Lowers a parsed LaTeX document.
pub(crate) fn lower(source: &str, tree: &Tree, options: &ParseOptions) -> Resume {
    lower_with_scan(source, tree, options, &mut Scan::default())
}

/// Lowers a parsed LaTeX document, reusing `scan` when it is still valid
/// (and the tree has no errors, whose recovery an edit anywhere may change)
/// and refreshing it otherwise.
pub(crate) fn lower_with_scan(
    source: &str,
    tree: &Tree,
    options: &ParseOptions,
    scan: &mut Scan,
) -> Resume {
    let root = tree.root_node();
    let has_error = root.has_error();
    if !scan.valid || has_error {
        let mut fresh = Scan {
            verb: source.contains("\\verb"),
            // A scan of a tree with errors is not kept.
            valid: !has_error,
            ..Scan::default()
        };
        collect_definitions(
            source,
            root,
            &mut fresh.defs,
            Some(&mut fresh.comments),
            &mut fresh.spans,
        );
        fresh.chunks = std::mem::take(&mut scan.chunks);
        *scan = fresh;
    }
    let mut resume = Resume::empty(Format::Latex);
    resume.comments = scan.comments.clone();
    let mut defs = scan.defs.clone();
    defs.add_missing(&options.included);
    for (k, v) in &options.arities {
        defs.arity.entry(k.clone()).or_insert(*v);
    }
    let known = known_macros(&defs, options);

    let uses_resume_macro = uses_any(source, root, &known);
    let body = find_document_body(source, root).unwrap_or(root);

    let mut l = Lowering {
        source,
        known,
        resume,
        loose: Text::new(),
        loose_end: None,
        loose_line_command: false,
        in_section: false,
        heading_macros: Default::default(),
        skip: None,
        item_macros: defs
            .calls
            .iter()
            .filter(|(_, calls)| calls.iter().any(|c| c == "item"))
            .map(|(n, _)| n.clone())
            .collect(),
        order_hints: HashMap::new(),
        tree_has_error: has_error,
        macro_text: defs.text.clone(),
        entry_macros: Default::default(),
        sectionless: false,
    };
    l.heading_macros = l.find_heading_macros(body);
    l.sectionless = l.heading_macros.is_empty() && !has_section_command(source, body);
    // A tree with errors may read differently where the same text was read
    // before (recovery depends on the old tree): it is read afresh and the
    // memo is left for the next tree.
    if has_error {
        l.entry_macros = l.find_entry_macros(body);
        l.walk(body);
    } else {
        l.walk_body(body, &defs, options, &mut scan.chunks);
    }
    l.flush_loose();
    let mut resume = l.resume;
    let section_kinds: std::collections::HashSet<SectionKind> = resume
        .sections
        .iter()
        .map(|s| s.kind)
        .filter(|k| {
            matches!(
                k,
                SectionKind::Experience
                    | SectionKind::Education
                    | SectionKind::Skills
                    | SectionKind::Projects
            )
        })
        .collect();
    let is_resume = options
        .force_resume
        .unwrap_or(uses_resume_macro || section_kinds.len() >= 2);
    if !is_resume {
        let comments = std::mem::take(&mut resume.comments);
        resume = Resume::empty(Format::Latex);
        resume.comments = comments;
        return resume;
    }
    resume.is_resume = true;
    if let Some(last) = resume.sections.last_mut() {
        last.range.end = body.end_byte().max(last.range.start);
    }
    resume
}

fn known_macros(defs: &Definitions, options: &ParseOptions) -> HashMap<String, Known> {
    let mut known: HashMap<String, Known> = HashMap::new();
    for (name, spec) in options.macros.iter() {
        let arity = defs.arity.get(name).copied().unwrap_or(spec.roles.len());
        known.insert(
            name.to_string(),
            Known {
                spec: spec.clone(),
                arity,
                inferred: false,
            },
        );
    }
    // Macros defined in the file that wrap a known one inherit its meaning
    // (`\newcommand{\achievementItem}[1]{\resumeItem{#1}}`).
    for _ in 0..2 {
        for (name, calls) in &defs.calls {
            if known.contains_key(name) {
                continue;
            }
            let arity = defs.arity.get(name).copied().unwrap_or(0);
            if arity == 0 {
                continue;
            }
            let inherited = calls
                .iter()
                .filter_map(|c| known.get(c))
                .find(|k| k.spec.kind != MacroKind::Section)
                .cloned();
            if let Some(k) = inherited {
                let mut spec = k.spec.clone();
                if spec.kind == MacroKind::Entry && arity != spec.roles.len() {
                    spec = match arity {
                        2 => MacroSpec::new(MacroKind::SubEntry, &[ArgRole::Title, ArgRole::Dates]),
                        3 => MacroSpec::new(
                            MacroKind::Entry,
                            &[ArgRole::Organisation, ArgRole::Dates, ArgRole::Title],
                        ),
                        _ => spec,
                    };
                }
                known.insert(
                    name.clone(),
                    Known {
                        spec,
                        arity,
                        inferred: false,
                    },
                );
            }
        }
    }
    known
}

/// Whether the document calls a resume macro. Definitions are not calls: a
/// file of `\newcommand`s pulled in with `\input` is not a resume.
fn uses_any(source: &str, root: Node<'_>, known: &HashMap<String, Known>) -> bool {
    calls_any(source, root, |name| {
        known
            .get(name)
            .is_some_and(|k| k.spec.kind != MacroKind::Section)
    })
}

/// Whether the document calls a section command (`\section`, `\section*`,
/// `\resumeSection`, `\cvsection`, …) anywhere.
fn has_section_command(source: &str, root: Node<'_>) -> bool {
    (source.contains("section") || source.contains("Section"))
        && calls_any(source, root, |name| {
            name.to_ascii_lowercase().contains("section")
        })
}

/// Whether the document calls a command whose name `wanted` accepts,
/// outside definitions.
fn calls_any(source: &str, root: Node<'_>, wanted: impl Fn(&str) -> bool) -> bool {
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        // Children one at a time: the first call found ends the search, and
        // a document body has thousands of them.
        let mut c = n.walk();
        let mut more = c.goto_first_child();
        while more {
            let child = c.node();
            more = c.goto_next_sibling();
            if kind(child) == Kind::Command {
                let name = command_name(source, child);
                if is_definition(name) {
                    // `\newcommand\name[1]{...}`: the name and body follow.
                    if groups(child).is_empty() && more {
                        more = c.goto_next_sibling();
                    }
                    continue;
                }
                if wanted(name) {
                    return true;
                }
            }
            stack.push(child);
        }
    }
    false
}

fn env_name<'s>(source: &'s str, env: Node<'_>) -> &'s str {
    env.child_by_field_name("begin")
        .and_then(|b| b.child_by_field_name("name"))
        .map(|g| inner_source(source, g).trim())
        .unwrap_or("")
}

fn find_document_body<'t>(source: &str, root: Node<'t>) -> Option<Node<'t>> {
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if kind(n) == Kind::Environment && env_name(source, n) == "document" {
            return Some(n);
        }
        let mut c = n.walk();
        stack.extend(n.children(&mut c));
    }
    None
}

const BULLET_STOP: [&str; 6] = ["item", "section", "section*", "subsection", "end", "begin"];

/// How many structural nodes (environments, groups and arguments holding
/// entries or bullets) the walk reads nested in each other; deeper content
/// is loose text. No resume comes near; the bound keeps a pathological
/// input's cost linear.
const MAX_WALK_LEVEL: usize = 100;

/// How many heading or entry candidates (commands whose arguments are read
/// to tell whether they name a section or hold a date) a candidate may be
/// nested in and still be read. Real candidates are not nested at all; the
/// bound keeps the cost of reading them linear in the document.
const MAX_CANDIDATE_NESTING: usize = 8;

/// A step of the structural walk (see `Lowering::walk`).
enum WalkTask<'t> {
    /// Walk the children of a node, at a bullet depth and a nesting level.
    Walk {
        node: Node<'t>,
        depth: usize,
        level: usize,
    },
    /// Continue with the children of a node from `next` on.
    Children {
        children: Vec<Node<'t>>,
        next: usize,
        depth: usize,
        level: usize,
    },
    /// Add a node to the loose text.
    Loose(Node<'t>),
    /// Break the loose text at an offset (after a list).
    Break(usize),
}

impl Lowering<'_> {
    fn spec_of(&self, node: Node<'_>) -> Option<Known> {
        if kind(node) != Kind::Command {
            return None;
        }
        self.known.get(command_name(self.source, node)).cloned()
    }

    fn contains_structure(&self, node: Node<'_>) -> bool {
        // Commands and environments start with a backslash.
        if !self.source[node.byte_range()].contains('\\') {
            return false;
        }
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            if kind(n) == Kind::Command {
                let name = command_name(self.source, n);
                if self.known.contains_key(name) || name == "item" {
                    return true;
                }
            }
            if kind(n) == Kind::Environment && n != node {
                return true;
            }
            let mut c = n.walk();
            stack.extend(n.children(&mut c));
        }
        false
    }

    /// Walks structure: sections, entries, bullets; everything else is loose
    /// text of the current section.
    ///
    /// The walk keeps its own stack of tasks instead of recursing, so deep
    /// nesting costs heap, not call stack; past `MAX_WALK_LEVEL` nested
    /// structural nodes the rest is read as loose text, which also bounds
    /// the structure checks each node gets from the nodes around it.
    fn walk(&mut self, root: Node<'_>) {
        let mut tasks = vec![WalkTask::Walk {
            node: root,
            depth: 0,
            level: 0,
        }];
        self.run_tasks(&mut tasks);
    }

    /// Walks the body's children from `next` up to `end` (or past it, when
    /// an `\item` or a definition takes the siblings after it) as
    /// [`Lowering::walk`] walks them. Returns the index of the next child.
    fn walk_range<'t>(&mut self, children: &[Node<'t>], mut next: usize, end: usize) -> usize {
        let mut tasks = Vec::new();
        let mut after = Vec::new();
        while next < end {
            next = self.walk_child(children, next, 0, 1, &mut after);
            tasks.extend(after.drain(..).rev());
            self.run_tasks(&mut tasks);
        }
        next
    }

    /// Walks the body, taking the sections of each run of children that
    /// opens a section from `chunks` when the same run was read before, and
    /// keeping what it reads there for the next time.
    fn walk_body(
        &mut self,
        body: Node<'_>,
        defs: &Definitions,
        options: &ParseOptions,
        chunks: &mut Chunks,
    ) {
        let mut cursor = body.walk();
        let children: Vec<Node<'_>> = body.children(&mut cursor).collect();
        // Runs: [0, first section), then from each section on.
        let mut starts: Vec<usize> = vec![0];
        starts.extend((1..children.len()).filter(|&i| self.opens_section(children[i])));
        let runs: Vec<(usize, usize)> = starts
            .iter()
            .zip(starts.iter().skip(1).chain([&children.len()]))
            .map(|(&a, &b)| (a, b))
            .collect();
        let source = self.source;
        let text_of_run = |a: usize, b: usize| -> &str {
            let from = children.get(a).map_or(0, |n| n.start_byte());
            let to = match children.get(b) {
                Some(n) => n.start_byte(),
                None => children.last().map_or(from, |n| n.end_byte()),
            };
            &source[from..to.max(from)]
        };

        if chunks
            .known
            .as_ref()
            .is_none_or(|(d, o)| d != defs || o != options)
        {
            chunks.known = Some((defs.clone(), options.clone()));
            chunks.macros = None;
            chunks.runs.clear();
        }
        // Entry macros: the union of what each run's calls show.
        let mut old = std::mem::take(&mut chunks.runs);
        let mut entry_macros = HashSet::new();
        for &(a, b) in &runs {
            let text = text_of_run(a, b);
            if !chunks.runs.contains_key(text) {
                let chunk = match old.remove_entry(text) {
                    Some((key, chunk)) => (key, chunk),
                    None => {
                        let mut names = HashSet::new();
                        for &child in &children[a..b] {
                            self.entry_macros_in(child, &mut names);
                        }
                        let mut names: Vec<String> = names.into_iter().collect();
                        names.sort();
                        (
                            text.into(),
                            Chunk {
                                entry_names: names,
                                sections: None,
                            },
                        )
                    }
                };
                chunks.runs.insert(chunk.0, chunk.1);
            }
            if let Some(chunk) = chunks.runs.get(text) {
                entry_macros.extend(chunk.entry_names.iter().cloned());
            }
        }
        drop(old);
        self.entry_macros = entry_macros;
        let macros = (self.heading_macros.clone(), self.entry_macros.clone());
        if chunks.macros.as_ref() != Some(&macros) {
            chunks.macros = Some(macros);
            for chunk in chunks.runs.values_mut() {
                chunk.sections = None;
            }
        }

        let mut next = 0;
        for &(a, b) in &runs {
            if next >= b {
                // Taken by the run before (an `\item` reading on).
                continue;
            }
            let whole = next == a && a > 0;
            let base = children[a].start_byte();
            let text = text_of_run(a, b);
            if whole {
                if let Some(kept) = chunks.runs.get(text).and_then(|c| c.sections.as_ref()) {
                    if let Some(prev) = self.resume.sections.last_mut() {
                        prev.range.end = prev.range.end.min(base);
                    }
                    self.resume
                        .sections
                        .extend(kept.sections.iter().map(|s| s.moved(kept.base, base)));
                    if kept.open {
                        if let Some(last) = self.resume.sections.last_mut() {
                            last.range.end = self.source.len();
                        }
                    }
                    self.in_section = true;
                    next = b;
                    continue;
                }
            }
            let before = self.resume.sections.len();
            next = self.walk_range(&children, next, b);
            if next != b {
                continue;
            }
            // The section the next run opens would take the loose text
            // first.
            self.flush_loose();
            let opened = self
                .resume
                .sections
                .get(before)
                .is_some_and(|s| s.range.start == base);
            if whole && opened {
                let sections = self.resume.sections[before..].to_vec();
                let open = sections
                    .last()
                    .is_some_and(|s| s.range.end == self.source.len());
                if let Some(chunk) = chunks.runs.get_mut(text) {
                    chunk.sections = Some(ChunkSections {
                        base,
                        sections,
                        open,
                    });
                }
            }
        }
    }

    /// Whether a child of the body opens a section before anything else
    /// (and stops an `\item` before it).
    fn opens_section(&self, node: Node<'_>) -> bool {
        match kind(node) {
            Kind::Command => self.is_section_command(node) && !groups(node).is_empty(),
            Kind::Environment => self
                .heading_macros
                .contains(&format!("env:{}", env_name(self.source, node))),
            _ => false,
        }
    }

    /// Whether `node` calls a section macro of the table (or of the
    /// document's definitions).
    fn is_section_command(&self, node: Node<'_>) -> bool {
        kind(node) == Kind::Command
            && self
                .known
                .get(command_name(self.source, node))
                .is_some_and(|k| k.spec.kind == MacroKind::Section)
    }

    /// Runs the walk's tasks until none is left.
    fn run_tasks<'t>(&mut self, tasks: &mut Vec<WalkTask<'t>>) {
        let mut after = Vec::new();
        while let Some(task) = tasks.pop() {
            match task {
                WalkTask::Walk { node, depth, level } => {
                    if level > MAX_WALK_LEVEL {
                        self.add_loose(node);
                        continue;
                    }
                    let mut cursor = node.walk();
                    let children: Vec<Node<'_>> = node.children(&mut cursor).collect();
                    tasks.push(WalkTask::Children {
                        children,
                        next: 0,
                        depth,
                        level,
                    });
                }
                WalkTask::Children {
                    children,
                    mut next,
                    depth,
                    level,
                } => {
                    while next < children.len() && after.is_empty() {
                        next = self.walk_child(&children, next, depth, level + 1, &mut after);
                    }
                    if next < children.len() {
                        tasks.push(WalkTask::Children {
                            children,
                            next,
                            depth,
                            level,
                        });
                    }
                    tasks.extend(after.drain(..).rev());
                }
                WalkTask::Loose(node) => self.add_loose(node),
                WalkTask::Break(at) => self.loose_break(at),
            }
        }
    }

    /// Reads `children[i]` (and, for an `\item`, the siblings that make up
    /// the item); what must happen after nested nodes are walked goes to
    /// `after`, in order. Returns the index of the next child to read.
    fn walk_child<'t>(
        &mut self,
        children: &[Node<'t>],
        mut i: usize,
        depth: usize,
        level: usize,
        after: &mut Vec<WalkTask<'t>>,
    ) -> usize {
        let child = children[i];
        i += 1;
        if self.skip == Some(child.id()) {
            return i;
        }
        let walk = |node: Node<'t>, depth: usize| WalkTask::Walk { node, depth, level };
        match kind(child) {
            Kind::Comment | Kind::Begin | Kind::End | Kind::OpenBrace | Kind::CloseBrace => {}
            Kind::Command => {
                let name = command_name(self.source, child);
                if let Some(k) = self.spec_of(child) {
                    if let Some((inner, at)) = self.swallowing_bullet(child, &k, depth) {
                        // What the bullet's unclosed group swallowed is read
                        // as if the group had closed before it.
                        after.push(WalkTask::Children {
                            children: inner,
                            next: at,
                            depth,
                            level,
                        });
                        return i;
                    }
                    let excess = self.known_command(child, &k, depth);
                    for g in excess {
                        if self.contains_structure(g) {
                            after.push(walk(g, depth));
                        } else {
                            after.push(WalkTask::Loose(g));
                        }
                    }
                } else if name == "item" {
                    let mut parts = vec![child];
                    while i < children.len() {
                        let n = children[i];
                        let stop = match kind(n) {
                            Kind::Command => {
                                let nn = command_name(self.source, n);
                                BULLET_STOP.contains(&nn) || self.known.contains_key(nn)
                            }
                            // The brace that closes the group around
                            // `\small{\item{...}}` ends the item too.
                            Kind::Environment | Kind::OpenBrace | Kind::CloseBrace => true,
                            _ => false,
                        };
                        if stop {
                            break;
                        }
                        parts.push(n);
                        i += 1;
                    }
                    self.item(&parts, depth);
                } else if is_definition(name) {
                    // Skip the definition and a name given without braces.
                    if groups(child).is_empty() && i < children.len() {
                        i += 1;
                    }
                } else if takes_parameters(name) {
                    // `\titleformat{\section}{...}`, `\setlist{...}`:
                    // settings, not content (nothing to add, but the
                    // gap to the next text is measured from here).
                    self.add_loose(child);
                } else if self.heading_macros.contains(name) {
                    self.open_section(child, groups(child).first().copied());
                } else if self.in_listing_section()
                    && (self.item_macros.contains(name)
                        || groups(child).len() >= 2 && skip_args(name) == 0 && !is_formatting(name))
                {
                    // `\publication{A. Ng}{Fast Sketches}{2022}` (defined
                    // as `\item #1. #2, #3.`): one bullet per call.
                    self.flush_loose();
                    let text = self.plain(child, false);
                    self.push_bullet(child.byte_range(), None, text, depth);
                } else if self.in_skills_section()
                    && groups(child).len() >= 2
                    && skip_args(name) == 0
                    && !is_formatting(name)
                {
                    self.flush_loose();
                    self.skill_command(child);
                } else if let Some((k, args)) = self.inferred_entry(child) {
                    self.flush_loose();
                    self.entry(child, &k, &args);
                    // Long descriptions and bullet lists given as
                    // arguments belong to the entry.
                    for g in groups(child) {
                        if !args.contains(&g) {
                            if self.contains_structure(g) {
                                after.push(walk(g, depth));
                            } else {
                                after.push(WalkTask::Loose(g));
                            }
                        }
                    }
                } else if self.contains_structure(child) {
                    after.extend(groups(child).into_iter().map(|g| walk(g, depth)));
                } else {
                    self.add_loose(child);
                }
            }
            Kind::Environment => {
                let name = env_name(self.source, child);
                if self.heading_macros.contains(&format!("env:{name}")) {
                    let heading = env_heading_group(child);
                    self.open_section(child, heading);
                    self.skip = heading.map(|g| g.id());
                } else if let Some((k, args)) = self.inferred_env_entry(child) {
                    self.flush_loose();
                    self.entry(child, &k, &args);
                }
                let list = matches!(name, "itemize" | "enumerate" | "description");
                if list {
                    // A heading line before the list becomes its entry
                    // now, so the list is not read as nested.
                    self.flush_loose();
                }
                let nested = list && self.current_bullets_exist();
                if is_verbatim_env(name) {
                    return i;
                }
                if list {
                    self.loose_break(child.start_byte());
                }
                after.push(walk(child, if nested { depth + 1 } else { depth }));
                if list {
                    after.push(WalkTask::Break(child.end_byte()));
                }
            }
            Kind::Group => {
                if self.contains_structure(child) {
                    after.push(walk(child, depth));
                } else {
                    self.add_loose(child);
                }
            }
            Kind::Error => after.push(walk(child, depth)),
            _ => self.add_loose(child),
        }
        i
    }

    fn in_skills_section(&self) -> bool {
        self.resume
            .sections
            .last()
            .is_some_and(|s| s.kind == SectionKind::Skills)
    }

    /// `\skills{Languages}{Go, Rust}{Tools}{Git, Make}` in a Skills section:
    /// category and items in turn, or one line per argument.
    fn skill_command(&mut self, node: Node<'_>) {
        let texts: Vec<Text> = groups(node)
            .into_iter()
            .map(|g| self.plain(g, false))
            .filter(|t| !t.is_empty())
            .collect();
        let paired = texts.len().is_multiple_of(2)
            && texts
                .iter()
                .step_by(2)
                .all(|t| t.as_str().split_whitespace().count() <= 4 && !t.as_str().contains(','));
        let Some(section) = self.resume.sections.last_mut() else {
            return;
        };
        if paired {
            for pair in texts.chunks(2) {
                let (cat, items) = (&pair[0], &pair[1]);
                let range = match (cat.source_span(), items.source_span()) {
                    (Some(a), Some(b)) => a.start..b.end,
                    _ => node.byte_range(),
                };
                section.skills.push(SkillLine {
                    category: Some(cat.clone()),
                    items: items.trimmed_start_of(':'),
                    range,
                });
            }
        } else {
            for t in texts {
                let r = t.source_span().unwrap_or(node.byte_range());
                section.skills.push(skill_line(&t, r));
            }
        }
    }

    /// Whether the current section lists items rather than roles
    /// (publications, awards).
    fn in_listing_section(&self) -> bool {
        self.resume
            .sections
            .last()
            .is_some_and(|s| matches!(s.kind, SectionKind::Publications | SectionKind::Awards))
    }

    fn current_bullets_exist(&self) -> bool {
        self.resume.sections.last().is_some_and(|s| {
            s.entries
                .last()
                .map_or(!s.bullets.is_empty(), |e| !e.bullets.is_empty())
        })
    }

    fn loose_break(&mut self, at: usize) {
        if !self.loose.is_empty() {
            self.loose.push_replaced(BREAK_STR, at..at);
        }
    }

    fn add_loose(&mut self, node: Node<'_>) {
        if !self.loose.is_empty() {
            // The gap is measured from the end of the last node added, not
            // from its last character of text: `\textsc{Acme}, Leeds` has
            // no gap before the comma.
            let prev_end = self
                .loose_end
                .filter(|e| *e <= node.start_byte())
                .or_else(|| self.loose.source_span().map(|r| r.end))
                .unwrap_or(node.start_byte());
            if prev_end < node.start_byte() {
                let gap = &self.source[prev_end..node.start_byte()];
                // `\descript{Analyst}` on its own line after
                // `\runsubsection{Acme}`: one line per such command.
                let line_command = self.is_line_command(node) || self.loose_line_command;
                if line_command && gap.contains('\n') && gap.trim().is_empty() {
                    self.loose
                        .push_replaced(BREAK_STR, prev_end..node.start_byte());
                } else {
                    self.push_gap(prev_end..node.start_byte(), true);
                }
            }
        }
        let mut t = std::mem::take(&mut self.loose);
        self.text_of(node, &mut t, true);
        self.loose = t;
        self.loose_end = Some(node.end_byte());
        self.loose_line_command = self.is_line_command(node);
    }

    /// An unknown command with arguments that is not formatting
    /// (`\descript{..}`, `\location{..}`): such commands lay out lines.
    fn is_line_command(&self, node: Node<'_>) -> bool {
        if kind(node) != Kind::Command {
            return false;
        }
        let name = command_name(self.source, node);
        !groups(node).is_empty()
            && skip_args(name) == 0
            && !is_formatting(name)
            && !self.known.contains_key(name)
            && !self.macro_text.contains_key(name)
            && !matches!(name, "item" | "hfill" | "hfil" | "textcolor" | "color")
    }

    fn push_gap(&mut self, r: Range<usize>, breaks: bool) {
        let gap = &self.source[r.clone()];
        if breaks && gap.matches('\n').count() >= 2 {
            self.loose.push_replaced(BREAK_STR, r);
        } else if !gap.is_empty() && gap.trim().is_empty() {
            self.loose.push_verbatim(gap, r.start);
        } else if !gap.is_empty() {
            self.loose.push_replaced(" ", r);
        }
    }

    /// Files the loose text gathered since the last structural element.
    fn flush_loose(&mut self) {
        let loose = std::mem::take(&mut self.loose);
        self.loose_end = None;
        if loose
            .as_str()
            .trim_matches(|c: char| c.is_whitespace() || c == BREAK || c == FILL)
            .is_empty()
        {
            return;
        }
        let lines: Vec<Text> = loose
            .split(BREAK_STR)
            .into_iter()
            .filter(|p| p.as_str().chars().any(char::is_alphanumeric))
            .filter(|p| {
                let t = p
                    .as_str()
                    .trim_matches(|c: char| c.is_whitespace() || c == FILL);
                // `\itemsep -3pt`, `\pdfgentounicode=1`: settings.
                !is_dimension(t) && !is_assignment(t)
            })
            .collect();
        if !self.in_section {
            self.resume
                .header
                .extend(lines.iter().map(|l| unfill(l).collapse_whitespace()));
            return;
        }
        let Some(kind) = self.resume.sections.last().map(|s| s.kind) else {
            return;
        };
        if kind == SectionKind::Skills {
            let mut skills: Vec<SkillLine> = Vec::new();
            for line in lines.iter().flat_map(skill_lines_from) {
                // `\location{Databases:}` then the list on its own line.
                if let Some(prev) = skills.last_mut() {
                    if prev.category.is_some() && prev.items.is_empty() && line.category.is_none() {
                        prev.items = line.items;
                        prev.range.end = prev.range.end.max(line.range.end);
                        continue;
                    }
                    // `Java · Go \\ · Rust`: a line that opens with a
                    // separator continues the list above.
                    if line.category.is_none()
                        && !prev.items.is_empty()
                        && line.items.as_str().starts_with(['·', '•', ',', '|'])
                    {
                        let at = prev.range.end;
                        prev.items.push_replaced(" ", at..at);
                        prev.items.push_text(&line.items);
                        prev.range.end = prev.range.end.max(line.range.end);
                        continue;
                    }
                }
                skills.push(line);
            }
            if let Some(section) = self.resume.sections.last_mut() {
                section.skills.extend(skills);
            }
            return;
        }
        // `\textbf{Acme} \hfill Jan 2020 -- Present \\ \textit{Analyst}
        // \hfill Leeds, UK`: lines whose fields are pushed apart and hold a
        // date head an entry; a date-less spread line right after one adds
        // its fields to it.
        let mut heading: Vec<Vec<Text>> = Vec::new();
        // Short name lines waiting to see whether a date line follows
        // (`\runsubsection{Acme}` `\descript{| Analyst}` `\location{2019 | Leeds}`).
        let mut pending: Vec<Text> = Vec::new();
        for line in lines {
            let mut fields = spread_fields(&line);
            if fields.len() == 1 {
                let piped = pipe_fields(&fields[0]);
                if piped.len() >= 2
                    && piped
                        .iter()
                        .any(|f| crate::fields::looks_like_date(f.as_str()))
                {
                    fields = piped;
                }
            }
            let dated = fields.len() >= 2
                && fields.len() <= 4
                && fields
                    .iter()
                    .any(|f| crate::fields::looks_like_date(f.as_str()))
                && fields
                    .iter()
                    .all(|f| f.as_str().split_whitespace().count() <= 14);
            // A second line of the heading: spread fields, or one short
            // field that names a school, employer or role.
            let continues = heading.len() == 1
                && fields.len() <= 4
                && fields
                    .iter()
                    .all(|f| f.as_str().split_whitespace().count() <= 10)
                && (fields.len() >= 2
                    || fields.len() == 1 && crate::fields::has_vocabulary(fields[0].as_str()));
            // A date line with only a date and a place takes the name lines
            // just before it.
            let nameless = fields.iter().all(|f| {
                crate::fields::looks_like_date(f.as_str())
                    || crate::fields::looks_like_location(f.as_str())
            });
            let name_line = fields.len() == 1 && !line.as_str().contains(FILL) && {
                let t = fields[0].as_str().trim();
                t.split_whitespace().count() <= 8
                    && !t.ends_with('.')
                    && !t.contains(':')
                    && !crate::fields::looks_like_date(t)
            };
            if matches!(kind, SectionKind::Awards | SectionKind::Publications)
                && line.as_str().contains(FILL)
                && fields.len() >= 2
            {
                // `2019 & Dean's List, Harlow College \\`: an award row is
                // one item, whatever its length.
                self.push_spread_entry(std::mem::take(&mut heading));
                self.pending_to_prose(&mut pending);
                let text = unfill(&line).collapse_whitespace();
                let r = text.source_span().unwrap_or(0..0);
                self.push_bullet(r, None, text, 0);
            } else if kind != SectionKind::Summary && dated {
                self.push_spread_entry(std::mem::take(&mut heading));
                if nameless {
                    heading.extend(pending.drain(..).map(|p| vec![p]));
                } else {
                    self.pending_to_prose(&mut pending);
                }
                heading.push(fields);
            } else if continues {
                heading.push(fields);
            } else if kind == SectionKind::Projects && is_project_line(&fields) {
                // `\textbf{Kiln | \emph{Zig, SQLite}}` on its own line.
                self.push_spread_entry(std::mem::take(&mut heading));
                self.pending_to_prose(&mut pending);
                self.push_spread_entry(vec![fields]);
            } else if kind != SectionKind::Summary && name_line {
                self.push_spread_entry(std::mem::take(&mut heading));
                if pending.len() == 2 {
                    let first = pending.remove(0);
                    self.pending_to_prose(&mut vec![first]);
                }
                pending.push(fields[0].trimmed_start_of('|'));
            } else {
                self.push_spread_entry(std::mem::take(&mut heading));
                self.pending_to_prose(&mut pending);
                let line = unfill(&line).collapse_whitespace();
                if !self.degree_line(&line) {
                    if let Some(section) = self.resume.sections.last_mut() {
                        section.prose.push(line);
                    }
                }
            }
        }
        self.push_spread_entry(heading);
        self.pending_to_prose(&mut pending);
    }

    /// Name lines that no date line claimed are prose (or a degree line).
    fn pending_to_prose(&mut self, pending: &mut Vec<Text>) {
        for line in pending.drain(..) {
            if !self.degree_line(&line) {
                if let Some(section) = self.resume.sections.last_mut() {
                    section.prose.push(line);
                }
            }
        }
    }

    /// An entry from the spread lines of a heading (see `flush_loose`).
    fn push_spread_entry(&mut self, lines: Vec<Vec<Text>>) {
        if lines.is_empty() {
            return;
        }
        let projects = self
            .resume
            .sections
            .last()
            .is_some_and(|s| s.kind == SectionKind::Projects);
        let mut pieces = Vec::new();
        let mut name_and_tech = None;
        for (row, fields) in lines.iter().enumerate() {
            for (col, f) in fields.iter().enumerate() {
                if row == 0 && col == 0 && projects && f.as_str().contains('|') {
                    // `\textbf{Kiln} $|$ \emph{Zig, SQLite} \hfill 2022`.
                    name_and_tech = Some(split_name_and_tech(f, &[]));
                    continue;
                }
                let role = match (row, col) {
                    (0, 0) => ArgRole::Organisation,
                    (1, 0) => ArgRole::Title,
                    _ => ArgRole::Ignore,
                };
                // `Acme | Analyst`; commas stay (`Greenway College, Bristol`).
                let split = if f.as_str().contains('|') || f.as_str().contains(" at ") {
                    crate::entry_fields::split_heading(f, &[])
                } else {
                    vec![Piece {
                        text: f.clone(),
                        role,
                        bold: false,
                    }]
                };
                let one = split.len() <= 1;
                for p in split {
                    pieces.push(Piece {
                        role: if one { role } else { p.role },
                        ..p
                    });
                }
            }
        }
        let mut fields = assign(pieces);
        if let Some((name, tech)) = name_and_tech {
            if let Some(t) = fields.title.take() {
                fields.organisation.get_or_insert(t);
            }
            fields.title = Some(name);
            fields.tech = tech;
        }
        let start = lines
            .iter()
            .flatten()
            .filter_map(|t| t.source_span())
            .map(|r| r.start)
            .min()
            .unwrap_or(0);
        let end = lines
            .iter()
            .flatten()
            .filter_map(|t| t.source_span())
            .map(|r| r.end)
            .max()
            .unwrap_or(start);
        let Some(section) = self.resume.sections.last_mut() else {
            return;
        };
        section.entries.push(Entry {
            organisation: fields.organisation,
            title: fields.title,
            location: fields.location,
            dates: fields.dates,
            tech: fields.tech,
            heading_range: start..end,
            range: start..end,
            bullets: Vec::new(),
        });
    }

    /// Reads a command of the macro table; returns the groups past its
    /// arguments, which the caller reads as what follows the command.
    fn known_command<'t>(&mut self, node: Node<'t>, k: &Known, depth: usize) -> Vec<Node<'t>> {
        let mut args = groups(node);
        // Groups past the macro's arguments are content that follows it
        // (`\section{Education}` then `{\bf Degree} \hfill 2020` on the
        // next line). A bullet's second group on the same line is the
        // two-argument form called against a one-argument definition.
        let keep = match k.spec.kind {
            MacroKind::Bullet if args.len() >= 2 && k.arity < 2 => {
                // `\resumeItem{Lead}` then `{text}` on the next line is still
                // the two-argument form; a group after a blank line, or one
                // holding more structure, is not.
                let gap = &self.source[args[0].end_byte()..args[1].start_byte()];
                if gap.matches('\n').count() >= 2 || self.contains_structure(args[1]) {
                    1
                } else {
                    2
                }
            }
            _ => k.arity.max(1),
        };
        let excess = if args.len() > keep {
            args.split_off(keep)
        } else {
            Vec::new()
        };
        self.known_command_args(node, k, &args, depth);
        excess
    }

    /// A bullet whose last group holds the resume macros or `\item`s that
    /// follow it, because its closing brace is missing or comes only later
    /// (`\resumeItem{Built 3 services {for payments}` then more bullets and
    /// a stray `}`): reads the bullet from the text before the first of them
    /// and returns the group's children with the index of that one, to be
    /// read next.
    fn swallowing_bullet<'t>(
        &mut self,
        node: Node<'t>,
        k: &Known,
        depth: usize,
    ) -> Option<(Vec<Node<'t>>, usize)> {
        // In a tree with errors the group's extent depends on how the parse
        // recovered, which an edit elsewhere may change: read as it parsed.
        if k.spec.kind != MacroKind::Bullet || self.tree_has_error {
            return None;
        }
        let args = groups(node);
        if args.is_empty() || args.len() > 2 {
            return None;
        }
        let group = *args.last()?;
        let mut c = group.walk();
        let inner: Vec<Node<'t>> = group.children(&mut c).collect();
        let at = inner.iter().position(|n| {
            kind(*n) == Kind::Command && {
                let name = command_name(self.source, *n);
                name == "item" || self.known.contains_key(name)
            }
        })?;
        let cut = inner[at].start_byte();
        let text = self.plain(group, false).before_source(cut).trimmed();
        let lead = (args.len() == 2)
            .then(|| self.plain(args[0], false))
            .filter(|l| !l.is_empty());
        let range_end = text
            .source_span()
            .map_or(cut, |r| r.end)
            .max(node.start_byte());
        self.flush_loose();
        self.push_bullet(node.start_byte()..range_end, lead, text, depth);
        Some((inner, at))
    }

    fn known_command_args(&mut self, node: Node<'_>, k: &Known, args: &[Node<'_>], depth: usize) {
        match k.spec.kind {
            // `\titleformat{\section}{...}` names the command, it is no heading.
            MacroKind::Section if args.is_empty() => {}
            MacroKind::Section => self.open_section(node, args.first().copied()),
            MacroKind::Bullet => {
                self.flush_loose();
                let (lead, text) = match args.len() {
                    0 => (None, Text::new()),
                    1 => (None, self.plain(args[0], false)),
                    _ => {
                        let (a, b) = (self.plain(args[0], false), self.plain(args[1], false));
                        // `\resumeSubItem{Dean's List}{\rightInfo{May 2022}}`:
                        // text and a right-aligned date, no lead-in.
                        if crate::fields::looks_like_date(b.as_str())
                            && !crate::fields::looks_like_date(a.as_str())
                        {
                            (None, a)
                        } else {
                            (Some(a), b)
                        }
                    }
                };
                let lead = lead.filter(|l| !l.is_empty());
                self.push_bullet(node.byte_range(), lead, text, depth);
            }
            MacroKind::Entry | MacroKind::SubEntry | MacroKind::ProjectEntry => {
                self.flush_loose();
                self.entry(node, k, args);
            }
        }
    }

    /// A part of a multi-file resume read alone (`sections/experience.tex`)
    /// has entries but no section command: they open a section with no
    /// heading, of projects for a project heading and of experience
    /// otherwise, so their bullets are read as achievements.
    fn open_implicit_section(&mut self, node: Node<'_>, kind: MacroKind) {
        self.flush_loose();
        let kind = if kind == MacroKind::ProjectEntry {
            SectionKind::Projects
        } else {
            SectionKind::Experience
        };
        self.push_section(node.start_byte(), kind, Text::new());
    }

    /// Starts a section at `node` with the heading in `heading`.
    fn open_section(&mut self, node: Node<'_>, heading: Option<Node<'_>>) {
        self.flush_loose();
        let heading = heading.map(|g| self.plain(g, false)).unwrap_or_default();
        if let Some(prev) = self.resume.sections.last_mut() {
            prev.range.end = prev.range.end.min(node.start_byte());
        }
        let kind = SectionKind::from_heading(heading.as_str());
        self.push_section(node.start_byte(), kind, heading);
    }

    fn push_section(&mut self, start: usize, kind: SectionKind, heading: Text) {
        self.resume.sections.push(Section {
            kind,
            heading,
            range: start..self.source.len(),
            entries: Vec::new(),
            bullets: Vec::new(),
            skills: Vec::new(),
            prose: Vec::new(),
        });
        self.in_section = true;
    }

    /// Commands and environments that stand in for `\section` in a document
    /// that has no section command of the table: `\header{Education}`,
    /// `\begin{rSection}{Experience}`. A name counts when its single heading
    /// argument names at least two different kinds of resume section across
    /// the document.
    fn find_heading_macros(&self, body: Node<'_>) -> std::collections::HashSet<String> {
        // Most documents call `\section` at the top of the body: no need to
        // read the rest.
        let mut c = body.walk();
        let mut more = c.goto_first_child();
        while more {
            if self.is_section_command(c.node()) {
                return Default::default();
            }
            more = c.goto_next_sibling();
        }
        let mut kinds: HashMap<String, std::collections::HashSet<SectionKind>> = HashMap::new();
        // Each node with the number of candidates it is nested in.
        let mut stack = vec![(body, 0)];
        while let Some((n, inside)) = stack.pop() {
            let mut candidate = false;
            match kind(n) {
                Kind::Command => {
                    let name = command_name(self.source, n);
                    if let Some(k) = self.known.get(name) {
                        if k.spec.kind == MacroKind::Section {
                            return Default::default();
                        }
                        continue;
                    }
                    let gs = groups(n);
                    candidate = gs.len() == 1 && optionals(n).is_empty() && !is_formatting(name);
                    if candidate && inside < MAX_CANDIDATE_NESTING {
                        let kind = SectionKind::from_heading(self.plain(gs[0], false).as_str());
                        if kind != SectionKind::Other {
                            kinds.entry(name.to_string()).or_default().insert(kind);
                        }
                    }
                    if is_definition(name) {
                        continue;
                    }
                }
                Kind::Environment => {
                    if let Some(g) = env_heading_group(n) {
                        candidate = true;
                        if inside < MAX_CANDIDATE_NESTING {
                            let kind = SectionKind::from_heading(self.plain(g, false).as_str());
                            if kind != SectionKind::Other {
                                let name = format!("env:{}", env_name(self.source, n));
                                kinds.entry(name).or_default().insert(kind);
                            }
                        }
                    }
                }
                _ => {}
            }
            let inside = inside + usize::from(candidate);
            let mut c = n.walk();
            stack.extend(n.children(&mut c).map(|child| (child, inside)));
        }
        kinds
            .into_iter()
            .filter(|(_, k)| k.len() >= 2)
            .map(|(n, _)| n)
            .collect()
    }

    /// An unknown command read as an entry because one of its arguments is
    /// a date (`\employer{Acme}{Jan 2020 -- Present}{Analyst}{Leeds, UK}`):
    /// the spec for its text arguments, which are those arguments.
    fn inferred_entry<'t>(&self, node: Node<'t>) -> Option<(Known, Vec<Node<'t>>)> {
        if kind(node) != Kind::Command {
            return None;
        }
        let name = command_name(self.source, node);
        if skip_args(name) != 0 || is_formatting(name) || name == "item" {
            return None;
        }
        self.inferred_from(groups(node), self.entry_macros.contains(name))
    }

    /// Unknown commands that some call makes an entry by its date: their
    /// calls without a date are entries too (`\datedsubsection{Tiny Lisp}{}`).
    fn find_entry_macros(&self, body: Node<'_>) -> HashSet<String> {
        let mut out = HashSet::new();
        self.entry_macros_in(body, &mut out);
        out
    }

    /// Adds to `out` the unknown commands in `node` that a call makes an
    /// entry by its date.
    fn entry_macros_in(&self, node: Node<'_>, out: &mut HashSet<String>) {
        // Depth first with one cursor; `inside` is the number of candidates
        // the cursor's node is nested in, `insides` that of its ancestors.
        let mut cursor = node.walk();
        let mut inside = 0;
        let mut insides = Vec::new();
        loop {
            let n = cursor.node();
            let mut descend = true;
            let mut child_inside = inside;
            if kind(n) == Kind::Command {
                let name = command_name(self.source, n);
                if is_definition(name) {
                    descend = false;
                } else if !self.known.contains_key(name)
                    && skip_args(name) == 0
                    && !is_formatting(name)
                    && name != "item"
                {
                    let gs = groups(n);
                    if gs.len() >= 2 {
                        if !out.contains(name) && inside < MAX_CANDIDATE_NESTING {
                            let dated =
                                gs.iter()
                                    .filter(|g| !self.contains_structure(**g))
                                    .any(|g| {
                                        crate::fields::looks_like_date(
                                            self.plain(*g, false).as_str(),
                                        )
                                    });
                            if dated {
                                out.insert(name.to_string());
                            }
                        }
                        child_inside += 1;
                    }
                }
            }
            if descend && cursor.goto_first_child() {
                insides.push(inside);
                inside = child_inside;
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    return;
                }
                inside = insides.pop().unwrap_or(0);
            }
        }
    }

    /// The arguments of `\begin{rSubsection}{Acme}{2019 -- 2021}{Analyst}{}`
    /// read as an entry, as for commands.
    fn inferred_env_entry<'t>(&self, env: Node<'t>) -> Option<(Known, Vec<Node<'t>>)> {
        let name = env_name(self.source, env);
        if name.starts_with("tabular")
            || matches!(
                name,
                "minipage" | "multicols" | "list" | "array" | "tabu" | "longtable"
            )
        {
            return None;
        }
        let begin = env.child_by_field_name("begin")?;
        let mut c = begin.walk();
        let args: Vec<Node<'t>> = begin.children_by_field_name("argument", &mut c).collect();
        // The arguments of an unknown environment are its content even
        // without a date (`\begin{rSubsection}{Netflix clone}{Side project}`).
        let listing = self
            .resume
            .sections
            .last()
            .is_some_and(|s| matches!(s.kind, SectionKind::Skills | SectionKind::Summary));
        self.inferred_from(args, !listing)
    }

    fn inferred_from<'t>(
        &self,
        args: Vec<Node<'t>>,
        dateless_ok: bool,
    ) -> Option<(Known, Vec<Node<'t>>)> {
        if !self.in_section {
            return None;
        }
        let args: Vec<Node<'t>> = args
            .into_iter()
            .filter(|g| !self.contains_structure(*g))
            .collect();
        if args.len() < 2 {
            return None;
        }
        let texts: Vec<Text> = args.iter().map(|g| self.plain(*g, false)).collect();
        let dated = texts
            .iter()
            .any(|t| crate::fields::looks_like_date(t.as_str()));
        let named = texts.iter().any(|t| !t.is_empty());
        if !(dated || dateless_ok && named) {
            return None;
        }
        // Long arguments are descriptions, not heading fields.
        let args: Vec<Node<'t>> = args
            .into_iter()
            .zip(&texts)
            .filter(|(_, t)| t.as_str().split_whitespace().count() <= 30)
            .map(|(g, _)| g)
            .collect();
        let roles = vec![ArgRole::Ignore; args.len()];
        Some((
            Known {
                spec: MacroSpec::new(MacroKind::Entry, &roles),
                arity: args.len(),
                inferred: true,
            },
            args,
        ))
    }

    fn push_bullet(&mut self, range: Range<usize>, lead: Option<Text>, text: Text, depth: usize) {
        if !self.in_section {
            return;
        }
        let Some(section) = self.resume.sections.last_mut() else {
            return;
        };
        if section.kind == SectionKind::Skills {
            let line = match &lead {
                Some(l) => SkillLine {
                    category: Some(l.clone()),
                    items: text.trimmed_start_of(':'),
                    range,
                },
                None => skill_line(&text, range),
            };
            section.skills.push(line);
            return;
        }
        if section.kind == SectionKind::Summary && lead.is_none() {
            section.prose.push(text);
            return;
        }
        let bullet = Bullet {
            text,
            lead,
            range: range.clone(),
            depth,
        };
        match section.entries.last_mut() {
            Some(e) => {
                e.range.end = e.range.end.max(range.end);
                e.bullets.push(bullet);
            }
            None => section.bullets.push(bullet),
        }
    }

    /// Text of an `\item` and the nodes that follow it, with the spaces
    /// between them kept (`Ruby, Go` is two text nodes).
    fn item_text(&self, parts: &[Node<'_>], breaks: bool) -> Text {
        let mut text = Text::new();
        let first = parts[0];
        for g in groups(first) {
            self.text_of(g, &mut text, breaks);
            text.push_replaced(" ", g.end_byte()..g.end_byte());
        }
        let mut prev_end = first.end_byte();
        for p in &parts[1..] {
            if p.start_byte() > prev_end {
                let gap = &self.source[prev_end..p.start_byte()];
                if breaks && gap.matches('\n').count() >= 2 {
                    text.push_replaced(BREAK_STR, prev_end..p.start_byte());
                } else {
                    text.push_verbatim(gap, prev_end);
                }
            }
            self.text_of(*p, &mut text, breaks);
            prev_end = p.end_byte();
        }
        text
    }

    fn item(&mut self, parts: &[Node<'_>], depth: usize) {
        self.flush_loose();
        let first = parts[0];
        // `\item[Languages] Rust, Go` (description lists): the label is a
        // lead-in; `\item[--]` or `\item[$\bullet$]` only sets the marker.
        let label = optionals(first)
            .first()
            .map(|o| {
                let mut t = Text::new();
                self.children_text(*o, &mut t, false);
                let s = t.as_str();
                let inner = if s.starts_with('[') && s.ends_with(']') && s.len() >= 2 {
                    t.slice(1..s.len() - 1)
                } else {
                    t
                };
                inner.collapse_whitespace()
            })
            .filter(|l| l.as_str().chars().any(char::is_alphanumeric));
        let text = self.item_text(parts, false).collapse_whitespace();
        let end = parts.last().map_or(first.end_byte(), |p| p.end_byte());
        if text.is_empty() && label.is_none() {
            return;
        }
        let in_skills = self
            .resume
            .sections
            .last()
            .is_some_and(|s| s.kind == SectionKind::Skills);
        if in_skills {
            if let Some(category) = label {
                let items = text.trimmed_start_of(':');
                if let Some(s) = self.resume.sections.last_mut() {
                    s.skills.push(SkillLine {
                        category: Some(category),
                        items,
                        range: first.start_byte()..end,
                    });
                }
                return;
            }
            // `\item{\textbf{Languages}{: Python} \\ \textbf{Tools}{: Git}}`.
            let t = self.item_text(parts, true);
            for line in t.split(BREAK_STR) {
                if line.as_str().chars().any(char::is_alphanumeric) {
                    for mut skill in skill_lines_from(&line) {
                        if skill.range.is_empty() {
                            skill.range = first.start_byte()..end;
                        }
                        if let Some(s) = self.resume.sections.last_mut() {
                            s.skills.push(skill);
                        }
                    }
                }
            }
            return;
        }
        // `\small{\item{\textbf{Prize}: ... \\ \textbf{Talk}: ...}}` outside
        // Skills: the skills block layout reused for a list, one line each.
        if label.is_none() && groups(first).len() == 1 && parts.len() == 1 {
            let lines: Vec<Text> = self
                .item_text(parts, true)
                .split(BREAK_STR)
                .into_iter()
                .map(|l| unfill(&l).collapse_whitespace())
                .filter(|l| l.as_str().chars().any(char::is_alphanumeric))
                .collect();
            if lines.len() >= 2 {
                for line in lines {
                    let r = line.source_span().unwrap_or(first.start_byte()..end);
                    self.push_bullet(r, None, line, depth);
                }
                return;
            }
        }
        if label.is_none() && self.degree_line(&text) {
            return;
        }
        self.push_bullet(first.start_byte()..end, label, text, depth);
    }

    fn entry(&mut self, node: Node<'_>, k: &Known, args: &[Node<'_>]) {
        if !self.in_section && self.sectionless && self.resume.sections.is_empty() {
            self.open_implicit_section(node, k.spec.kind);
        }
        if !self.in_section {
            return;
        }
        let arity = k.arity.max(1);
        let mut roles: Vec<ArgRole> = (0..arity)
            .map(|i| k.spec.roles.get(i).copied().unwrap_or(ArgRole::Ignore))
            .collect();
        // A fork that takes more arguments than the table's macro
        // (`\resumeSubheading` with six) may order them differently: when
        // the date is neither where the table puts it nor in the location's
        // place (Jake's Education order swaps the two), every field is read
        // by its content alone.
        if arity > k.spec.roles.len() {
            let date_in_place = roles
                .iter()
                .zip(args)
                .filter(|(r, _)| matches!(r, ArgRole::Dates | ArgRole::Location))
                .any(|(_, g)| crate::fields::looks_like_date(self.plain(*g, false).as_str()));
            if !date_in_place {
                roles.fill(ArgRole::Ignore);
            }
        }
        let mut pieces = Vec::new();
        let mut tech = None;
        let mut name_title = None;
        for (i, g) in args.iter().take(arity).enumerate() {
            let role = roles[i];
            let text = self.plain(*g, false);
            // `{\href{...}{GitHub}}` where a location or date goes is a link,
            // not a field.
            let link_only = || {
                text.source_span().is_some_and(|span| {
                    link_ranges(self.source, *g)
                        .iter()
                        .any(|l| l.start <= span.start && span.end <= l.end)
                })
            };
            if (matches!(role, ArgRole::Location | ArgRole::Dates) || k.inferred && i > 0)
                && link_only()
            {
                continue;
            }
            if role == ArgRole::NameAndTech {
                let (name, t) = split_name_and_tech(&text, &link_ranges(self.source, *g));
                name_title = Some(name);
                tech = t.or(tech);
                continue;
            }
            let bold = has_bold(self.source, *g);
            if k.inferred {
                // No positions to go by: split `Title, Company` and the like.
                pieces.extend(
                    crate::entry_fields::split_heading(&text, &[])
                        .into_iter()
                        .map(|p| Piece { bold, ..p }),
                );
            } else {
                pieces.push(Piece { text, role, bold });
            }
        }
        let mut fields = if k.spec.kind == MacroKind::ProjectEntry {
            let mut f = Fields::default();
            for p in pieces {
                if crate::fields::looks_like_date(p.text.as_str()) && f.dates.is_none() {
                    f.dates = Some(p.text);
                }
            }
            f.title = name_title.filter(|t| !t.is_empty());
            f
        } else {
            let mut f = assign(pieces);
            self.keep_section_order(command_name(self.source, node), args, &mut f);
            self.project_name_first(args, &mut f);
            f
        };
        fields.tech = tech.or(fields.tech);
        // An inferred entry's argument that no field took (a one-line
        // description) stays as prose of the section, not lost.
        let mut leftover = Vec::new();
        if k.inferred {
            let used: Vec<usize> = [
                &fields.organisation,
                &fields.title,
                &fields.location,
                &fields.dates,
                &fields.tech,
            ]
            .into_iter()
            .flatten()
            .filter_map(|t| t.source_span().map(|r| r.start))
            .collect();
            for g in args {
                let r = g.byte_range();
                if !used.iter().any(|u| r.start <= *u && *u < r.end) {
                    let t = self.plain(*g, false);
                    let link_only = t.source_span().is_some_and(|span| {
                        link_ranges(self.source, *g)
                            .iter()
                            .any(|l| l.start <= span.start && span.end <= l.end)
                    });
                    if t.as_str().chars().any(char::is_alphanumeric)
                        && !link_only
                        && !crate::fields::looks_like_grade(t.as_str())
                    {
                        leftover.push(t);
                    }
                }
            }
        }
        let range = node.byte_range();
        let Some(section) = self.resume.sections.last_mut() else {
            return;
        };
        section.prose.extend(leftover);
        if k.spec.kind == MacroKind::SubEntry {
            if let Some(prev) = section.entries.last() {
                if fields.organisation.is_none() {
                    fields.organisation = prev.organisation.clone();
                }
                if fields.location.is_none() {
                    fields.location = prev.location.clone();
                }
            }
        }
        section.entries.push(Entry {
            organisation: fields.organisation,
            title: fields.title,
            location: fields.location,
            dates: fields.dates,
            tech: fields.tech,
            heading_range: range.clone(),
            range,
            bullets: Vec::new(),
        });
    }

    /// A degree or role line right under an entry that has no title yet
    /// (`\item[] \textit{B.Sc. Physics}`, `\textit{Master student} in
    /// Optics`, `\role{Research Intern}{(Python)}`) becomes its title.
    fn degree_line(&mut self, line: &Text) -> bool {
        let Some(section) = self.resume.sections.last_mut() else {
            return false;
        };
        if !matches!(
            section.kind,
            SectionKind::Education | SectionKind::Experience | SectionKind::Leadership
        ) || crate::fields::title_score(line.as_str()) <= 0
            || line.as_str().split_whitespace().count() > 12
            || !section.prose.is_empty() && section.entries.is_empty()
        {
            return false;
        }
        let Some(e) = section.entries.last_mut() else {
            return false;
        };
        if e.title.is_some() || !e.bullets.is_empty() {
            return false;
        }
        if let Some(r) = line.source_span() {
            if r.start < e.range.start {
                return false;
            }
            e.range.end = e.range.end.max(r.end);
        }
        e.title = Some(line.clone());
        true
    }

    /// In a Projects section the first argument names the project; a
    /// comma list in another name slot is its tech
    /// (`\resumeSubheading{Tiny Lisp}{Rust, WASM}{2023}`).
    fn project_name_first(&self, args: &[Node<'_>], f: &mut Fields) {
        if !self
            .resume
            .sections
            .last()
            .is_some_and(|s| s.kind == SectionKind::Projects)
        {
            return;
        }
        let first = |t: &Option<Text>| {
            t.as_ref()
                .and_then(|t| t.source_span())
                .zip(args.first())
                .is_some_and(|(span, g)| g.start_byte() <= span.start && span.start < g.end_byte())
        };
        if first(&f.organisation) && !first(&f.title) {
            std::mem::swap(&mut f.organisation, &mut f.title);
        }
        let tech_like = |o: &Text| {
            let t = o.as_str().trim();
            t.contains(", ") || t.starts_with('(') && t.ends_with(')')
        };
        if f.tech.is_none() && f.organisation.as_ref().is_some_and(tech_like) {
            f.tech = f.organisation.take();
        }
    }

    /// When nothing in the words tells title from organisation
    /// (`{Firmware Developer}{..}{Solar Car Student Team}{..}`), follows the
    /// order the same macro used in this section where the words did tell.
    fn keep_section_order(&mut self, name: &str, args: &[Node<'_>], f: &mut Fields) {
        let (Some(org), Some(title)) = (&f.organisation, &f.title) else {
            return;
        };
        let position = |t: &Text| {
            let at = t.source_span()?.start;
            args.iter()
                .position(|g| g.start_byte() <= at && at < g.end_byte())
        };
        let (Some(po), Some(pt)) = (position(org), position(title)) else {
            return;
        };
        let key = (self.resume.sections.len(), name.to_string());
        let (so, st) = (
            crate::fields::title_score(org.as_str()),
            crate::fields::title_score(title.as_str()),
        );
        if so != st {
            self.order_hints.insert(key, (pt, po));
        } else if self.order_hints.get(&key) == Some(&(po, pt)) {
            std::mem::swap(&mut f.organisation, &mut f.title);
        }
    }

    /// Plain text of a node with whitespace collapsed and breaks as spaces.
    fn plain(&self, node: Node<'_>, breaks: bool) -> Text {
        let mut t = Text::new();
        self.text_of(node, &mut t, breaks);
        if breaks {
            return t;
        }
        t.collapse_whitespace()
    }

    /// Appends the plain text of `node` to `out`.
    fn text_of(&self, node: Node<'_>, out: &mut Text, breaks: bool) {
        if let Some(frame) = self.open_text(node, out, breaks) {
            self.read_children(node, frame, out, breaks);
        }
    }

    /// Appends the text of `node`'s children and the gaps between them, as
    /// for a group (used for an optional argument, whose text is otherwise
    /// left out).
    fn children_text(&self, node: Node<'_>, out: &mut Text, breaks: bool) {
        let frame = self.children_frame(node);
        self.read_children(node, frame, out, breaks);
    }

    /// Reads the children of `root` (opened as `frame`) and everything below
    /// them depth first, with one tree cursor and a stack of open nodes in
    /// place of recursion, so nesting depth costs heap, not call stack.
    fn read_children(&self, root: Node<'_>, frame: TextFrame, out: &mut Text, breaks: bool) {
        let mut frames = vec![frame];
        let mut cursor = root.walk();
        let mut more = cursor.goto_first_child();
        loop {
            if !more {
                // The top node has no children left.
                if let Some(frame) = frames.pop() {
                    self.close_text(frame, out);
                }
                if frames.is_empty() || !cursor.goto_parent() {
                    return;
                }
                more = cursor.goto_next_sibling();
                continue;
            }
            let child = cursor.node();
            let argument = cursor.field_id() == kinds().argument_field;
            let Some(top) = frames.last_mut() else {
                return;
            };
            if self.enter_child(top, child, argument, out, breaks) {
                if let Some(frame) = self.open_text(child, out, breaks) {
                    if cursor.goto_first_child() {
                        frames.push(frame);
                        more = true;
                        continue;
                    }
                    self.close_text(frame, out);
                }
            }
            more = cursor.goto_next_sibling();
        }
    }

    /// Starts reading `node`: leaves are appended at once; a node read
    /// through its children gives the frame to read them with.
    fn open_text(&self, node: Node<'_>, out: &mut Text, breaks: bool) -> Option<TextFrame> {
        let src = self.source;
        let r = node.byte_range();
        match kind(node) {
            Kind::Text => out.push_verbatim(&src[r.clone()], r.start),
            Kind::Escape => {
                let s = &src[r.clone()];
                let c = &s[1..];
                let rep = match c {
                    "," | ";" | ":" | " " | "\n" => " ",
                    "-" | "/" | "!" | "@" => "",
                    _ if is_accent(c) => "",
                    _ => c,
                };
                out.push_replaced(rep, r);
            }
            Kind::Dash => {
                let rep = if src[r.clone()].len() >= 3 {
                    "—"
                } else {
                    "–"
                };
                out.push_replaced(rep, r);
            }
            Kind::Nbsp => out.push_replaced(" ", r),
            Kind::LineBreak => out.push_replaced(if breaks { BREAK_STR } else { " " }, r),
            Kind::Comment
            | Kind::Parameter
            | Kind::DisplayMath
            | Kind::OptionalArgument
            | Kind::Begin
            | Kind::End => {}
            Kind::AlignmentTab => out.push_replaced(if breaks { FILL_STR } else { " " }, r),
            Kind::InlineMath => {
                let rep = math_text(&src[r.clone()]);
                out.push_replaced(&rep, r);
            }
            Kind::Verb => {
                let s = &src[r.clone()];
                let body = s.trim_start_matches("\\verb").trim_start_matches('*');
                let inner: String = body.chars().skip(1).collect();
                let inner = inner
                    .strip_suffix(body.chars().next().unwrap_or('|'))
                    .unwrap_or(&inner);
                out.push_replaced(inner, r);
            }
            Kind::Command => return self.open_command(node, out, breaks),
            _ => return Some(self.children_frame(node)),
        }
        None
    }

    /// The frame that reads `node` as its children and the gaps between
    /// them (a group without its braces).
    fn children_frame(&self, node: Node<'_>) -> TextFrame {
        let inner = if kind(node) == Kind::Group {
            inner_range(self.source, node)
        } else {
            node.byte_range()
        };
        TextFrame::Children {
            at: inner.start,
            end: inner.end,
            accent: None,
        }
    }

    /// Whether to read `child` of the node `frame` reads; appends the gap
    /// before it, composes accents and skips what is no text.
    fn enter_child(
        &self,
        frame: &mut TextFrame,
        child: Node<'_>,
        argument: bool,
        out: &mut Text,
        breaks: bool,
    ) -> bool {
        let src = self.source;
        match frame {
            TextFrame::Args {
                skip,
                spaced,
                prev_end,
            } => {
                if !argument {
                    return false;
                }
                if *skip > 0 {
                    *skip -= 1;
                    return false;
                }
                if *spaced {
                    // `\employer{Acme}{Analyst}`: arguments that read as
                    // separate words stay separate; `\textbf{Tools}{: Git}`
                    // stays glued.
                    let next = inner_source(src, child).trim_start();
                    let mut chars = next.chars();
                    let (c0, c1) = (chars.next(), chars.next());
                    // `{: Git}`, `{, 2021}`, `{)}` attach to what precedes;
                    // `{.NET}` is a word.
                    let attaches = match c0 {
                        Some(':' | ',' | ';' | ')' | '!' | '?' | ']') => true,
                        Some('.') => !c1.is_some_and(char::is_alphanumeric),
                        None => true,
                        _ => false,
                    };
                    let reads_apart = !out.as_str().ends_with(char::is_whitespace)
                        && !out.is_empty()
                        && !attaches;
                    match *prev_end {
                        Some(end) if end == child.start_byte() && reads_apart => {
                            out.push_replaced(" ", end..end);
                        }
                        // `\textbf{Chat Bot} {Built a ...}`: the space between
                        // the groups is part of the text.
                        Some(end)
                            if end < child.start_byte()
                                && !out.as_str().ends_with(char::is_whitespace) =>
                        {
                            out.push_replaced(" ", end..child.start_byte());
                        }
                        _ => {}
                    }
                    *prev_end = Some(child.end_byte());
                }
                true
            }
            TextFrame::Children { at, end, accent } => {
                let kind = kind(child);
                if matches!(kind, Kind::OpenBrace | Kind::CloseBrace) {
                    return false;
                }
                let (cs, ce) = (child.start_byte(), child.end_byte());
                if cs > *at && cs <= *end {
                    let gap = &src[*at..cs];
                    if breaks && gap.matches('\n').count() >= 2 {
                        out.push_replaced(BREAK_STR, *at..cs);
                    } else {
                        out.push_verbatim(gap, *at);
                    }
                }
                if let Some((mark, ar)) = accent.take() {
                    // `\'e` or `\'{e}`: compose with the first letter that
                    // follows.
                    let s = &src[cs..ce];
                    let letter_at = if kind == Kind::Group { 1 } else { 0 };
                    if let Some(ch) = s[letter_at.min(s.len())..].chars().next() {
                        if let Some(composed) = compose(mark, ch) {
                            let letter_end = cs + letter_at + ch.len_utf8();
                            let consumed_end = if kind == Kind::Group { ce } else { letter_end };
                            out.push_replaced(&composed.to_string(), ar.start..consumed_end);
                            if kind == Kind::Text && letter_end < ce {
                                out.push_verbatim(&src[letter_end..ce], letter_end);
                            }
                            *at = ce;
                            return false;
                        }
                    }
                }
                if kind == Kind::Escape {
                    let c = &src[cs + 1..ce];
                    if is_accent(c) {
                        *accent = c.chars().next().map(|a| (a, cs..ce));
                        *at = ce;
                        return false;
                    }
                }
                *at = ce.max(*at);
                true
            }
        }
    }

    /// Finishes a node whose children were all read: the text after the
    /// last child.
    fn close_text(&self, frame: TextFrame, out: &mut Text) {
        if let TextFrame::Children { at, end, .. } = frame {
            if end > at {
                out.push_verbatim(&self.source[at..end], at);
            }
        }
    }

    /// Starts reading a command: a symbol or a macro defined as text is
    /// appended at once; the frame says which argument groups are read.
    fn open_command(&self, node: Node<'_>, out: &mut Text, breaks: bool) -> Option<TextFrame> {
        let src = self.source;
        let name = command_name(src, node);
        let r = node.byte_range();
        let all_groups = TextFrame::Args {
            skip: 0,
            spaced: false,
            prev_end: None,
        };
        let symbol = match name {
            "LaTeX" => Some("LaTeX"),
            "TeX" => Some("TeX"),
            "ldots" | "dots" | "textellipsis" => Some("…"),
            "textbar" | "vert" => Some("|"),
            "textasciitilde" | "sim" => Some("~"),
            "textendash" => Some("–"),
            "textemdash" => Some("—"),
            "textbullet" | "bullet" | "cdot" | "textperiodcentered" => Some("·"),
            "hfill" | "hfil" | "hfilll" => Some(if breaks { FILL_STR } else { " " }),
            "quad" | "qquad" | "enspace" | "space" => Some(" "),
            "times" | "texttimes" => Some("×"),
            "textdollar" => Some("$"),
            "textpercent" => Some("%"),
            "euro" | "texteuro" => Some("€"),
            "pounds" | "textsterling" => Some("£"),
            "approx" => Some("≈"),
            "textasciicircum" => Some("^"),
            "textquoteright" => Some("’"),
            "textquoteleft" => Some("‘"),
            "newline" | "linebreak" | "par" | "break" => Some(if breaks { BREAK_STR } else { " " }),
            _ => None,
        };
        // `\name` defined as `\newcommand{\name}{Ada Park}` reads as its text.
        let symbol = symbol.or_else(|| {
            self.macro_text
                .get(name)
                .filter(|_| !self.known.contains_key(name))
                .map(String::as_str)
        });
        if let Some(sym) = symbol {
            out.push_replaced(
                sym,
                r.start
                    ..node
                        .child_by_field_name("name")
                        .map_or(r.end, |n| n.end_byte()),
            );
            // A trailing `{}` after a symbol command renders nothing.
            return Some(all_groups);
        }
        if name == "item" {
            if breaks {
                out.push_replaced(BREAK_STR, r.start..r.start);
            }
            return Some(all_groups);
        }
        let skip = skip_args(name);
        if breaks && matches!(name, "hspace" | "hspace*" | "hskip") {
            // Horizontal space pushes fields apart like `\hfill`.
            out.push_replaced(FILL_STR, r.start..r.start);
            return None;
        }
        if skip == usize::MAX {
            // `\selectfont {...}`: groups after an argument-less command are
            // text; after `\vspace` and the like they are settings.
            return (!takes_parameters(name)).then_some(all_groups);
        }
        if name == "url" {
            if let Some(g) = groups(node).first() {
                let ir = inner_range(src, *g);
                out.push_verbatim(&src[ir.clone()], ir.start);
            }
            return None;
        }
        Some(TextFrame::Args {
            skip,
            spaced: true,
            prev_end: None,
        })
    }
}

/// A node whose children are being read for text.
enum TextFrame {
    /// Children and the gaps between them (groups, environments, ...).
    Children {
        /// Source read up to here.
        at: usize,
        /// End of the content (before a group's closing brace).
        end: usize,
        /// An accent escape waiting for the letter it goes on.
        accent: Option<(char, Range<usize>)>,
    },
    /// The argument groups of a command.
    Args {
        /// Leading groups that are no text, still to pass.
        skip: usize,
        /// Whether separate groups read as separate words.
        spaced: bool,
        /// End of the group read last.
        prev_end: Option<usize>,
    },
}

/// The node kinds of the LaTeX grammar the lowering tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Command,
    Group,
    Text,
    Escape,
    Dash,
    Nbsp,
    LineBreak,
    Comment,
    Parameter,
    DisplayMath,
    OptionalArgument,
    Begin,
    End,
    AlignmentTab,
    InlineMath,
    Verb,
    Environment,
    OpenBrace,
    CloseBrace,
    CloseBracket,
    Error,
    Other,
}

/// The kind of `node`, by its numeric kind id (no name lookup).
fn kind(node: Node<'_>) -> Kind {
    let id = node.kind_id();
    if id == u16::MAX {
        return Kind::Error;
    }
    kinds()
        .by_id
        .get(usize::from(id))
        .copied()
        .unwrap_or(Kind::Other)
}

/// Node kind and field ids of the LaTeX grammar, looked up once.
struct Kinds {
    /// Kind id → kind (by name, as `Node::kind` reads it).
    by_id: Vec<Kind>,
    argument_field: Option<std::num::NonZeroU16>,
    optional_field: Option<std::num::NonZeroU16>,
}

fn kinds() -> &'static Kinds {
    static KINDS: std::sync::OnceLock<Kinds> = std::sync::OnceLock::new();
    KINDS.get_or_init(|| {
        let language = tree_sitter::Language::new(tree_sitter_resume_latex::LANGUAGE);
        let by_id = (0..language.node_kind_count())
            .map(|id| {
                let name = u16::try_from(id)
                    .ok()
                    .and_then(|id| language.node_kind_for_id(id))
                    .unwrap_or("");
                match name {
                    "command" => Kind::Command,
                    "group" => Kind::Group,
                    "text" => Kind::Text,
                    "escape" => Kind::Escape,
                    "dash" => Kind::Dash,
                    "nbsp" => Kind::Nbsp,
                    "line_break" => Kind::LineBreak,
                    "comment" => Kind::Comment,
                    "parameter" => Kind::Parameter,
                    "display_math" => Kind::DisplayMath,
                    "optional_argument" => Kind::OptionalArgument,
                    "begin" => Kind::Begin,
                    "end" => Kind::End,
                    "alignment_tab" => Kind::AlignmentTab,
                    "inline_math" => Kind::InlineMath,
                    "verb" => Kind::Verb,
                    "environment" => Kind::Environment,
                    "{" => Kind::OpenBrace,
                    "}" => Kind::CloseBrace,
                    "]" => Kind::CloseBracket,
                    "ERROR" => Kind::Error,
                    _ => Kind::Other,
                }
            })
            .collect();
        Kinds {
            by_id,
            argument_field: language.field_id_for_name("argument"),
            optional_field: language.field_id_for_name("optional"),
        }
    })
}

/// Commands whose arguments are settings (`\titleformat`, `\usepackage`),
/// unlike argument-less commands whose following groups are content
/// (`\resumeItemListStart {\resumeItem{...}}`).
fn takes_parameters(name: &str) -> bool {
    skip_args(name) == usize::MAX
        && !matches!(
            name,
            "resumeSubHeadingListStart"
                | "resumeSubHeadingListEnd"
                | "resumeItemListStart"
                | "resumeItemListEnd"
                | "selectfont"
                | "newpage"
                | "clearpage"
                | "pagebreak"
                | "noindent"
                | "centering"
                | "raggedright"
                | "raggedbottom"
                | "maketitle"
                | "tableofcontents"
                | "nopagebreak"
                | "makeatletter"
                | "makeatother"
                | "columnbreak"
        )
}

/// `line` with every fill marker read as a space.
fn unfill(line: &Text) -> Text {
    let s = line.as_str();
    let mut out = Text::new();
    let mut at = 0;
    for (i, _) in s.match_indices(FILL) {
        out.push_text(&line.slice(at..i));
        let src = line.source_range(i..i + FILL.len_utf8()).unwrap_or(0..0);
        out.push_replaced(" ", src);
        at = i + FILL.len_utf8();
    }
    out.push_text(&line.slice(at..s.len()));
    out
}

/// `Name | tech` on a line of its own: a project heading without a date.
fn is_project_line(fields: &[Text]) -> bool {
    let [field] = fields else {
        return false;
    };
    let parts = pipe_fields(field);
    let t = field.as_str();
    (2..=3).contains(&parts.len())
        && parts[0].as_str().split_whitespace().count() <= 8
        && t.split_whitespace().count() <= 25
        && !t.trim_end().ends_with('.')
        && !parts
            .iter()
            .any(|p| crate::fields::looks_like_date(p.as_str()))
}

/// The fields of a one-field line split at `|` (`Sep 2019 | Leeds, UK`).
fn pipe_fields(field: &Text) -> Vec<Text> {
    field
        .split("|")
        .into_iter()
        .map(|f| f.collapse_whitespace())
        .filter(|f| f.as_str().chars().any(char::is_alphanumeric))
        .collect()
}

/// The fields of a line split at its fill markers, whitespace collapsed,
/// empty fields dropped.
fn spread_fields(line: &Text) -> Vec<Text> {
    line.split(FILL_STR)
        .into_iter()
        .map(|f| f.collapse_whitespace())
        .filter(|f| f.as_str().chars().any(char::is_alphanumeric))
        .collect()
}

/// A skills line; `Languages & Python, Go` (a tabular row) or
/// `\textbf{Tools} \hfill Git` reads the first field as the category when
/// no colon says otherwise.
/// Skill lines of one source line: `Languages: Go \hspace{1cm} Tools: Git`
/// spreads two categories across one line.
fn skill_lines_from(line: &Text) -> Vec<SkillLine> {
    let fields = spread_fields(line);
    let categorised = |f: &Text| {
        f.as_str()
            .find(':')
            .is_some_and(|i| i > 0 && f.as_str()[..i].split_whitespace().count() <= 4)
    };
    if fields.len() >= 2 && fields.iter().all(categorised) {
        return fields
            .iter()
            .map(|f| skill_line(f, f.source_span().unwrap_or(0..0)))
            .collect();
    }
    vec![skill_from_line(line)]
}

fn skill_from_line(line: &Text) -> SkillLine {
    let fields = spread_fields(line);
    let plain = unfill(line).collapse_whitespace();
    let range = plain.source_span().unwrap_or(0..0);
    if fields.len() == 2
        && !fields[0].as_str().contains(':')
        && !fields[1].as_str().starts_with(':')
        && fields[0].as_str().split_whitespace().count() <= 4
    {
        return SkillLine {
            category: Some(fields[0].clone()),
            items: fields[1].clone(),
            range,
        };
    }
    skill_line(&plain, range)
}

/// What is left of a TeX assignment (`=1`, `= 0.5in`).
fn is_assignment(s: &str) -> bool {
    s.strip_prefix('=').is_some_and(|v| {
        let v = v.trim();
        v.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.')
            && v.split_whitespace().count() == 1
    })
}

/// A bare TeX length (`-3pt`, `0.5em`), left over from `\itemsep -3pt`.
fn is_dimension(s: &str) -> bool {
    let s = s.trim().trim_start_matches(['-', '+']);
    let unit = s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    s.len() > unit.len()
        && matches!(
            unit.trim(),
            "pt" | "em" | "ex" | "mm" | "cm" | "in" | "bp" | "sp" | "pc" | "mu"
        )
}

fn is_definition(name: &str) -> bool {
    defines_command(name) || matches!(name, "newenvironment" | "renewenvironment")
}

/// Commands that define a macro.
fn defines_command(name: &str) -> bool {
    matches!(
        name,
        "newcommand"
            | "renewcommand"
            | "providecommand"
            | "newcommand*"
            | "renewcommand*"
            | "def"
            | "DeclareRobustCommand"
    )
}

/// Commands that style or box their argument: never headings or entries.
fn is_formatting(name: &str) -> bool {
    matches!(
        name,
        "textbf"
            | "textit"
            | "emph"
            | "underline"
            | "textsc"
            | "textsl"
            | "texttt"
            | "textmd"
            | "textup"
            | "textrm"
            | "textsf"
            | "textnormal"
            | "uppercase"
            | "MakeUppercase"
            | "lowercase"
            | "MakeLowercase"
            | "large"
            | "Large"
            | "LARGE"
            | "huge"
            | "Huge"
            | "small"
            | "footnotesize"
            | "scriptsize"
            | "tiny"
            | "normalsize"
            | "mbox"
            | "hbox"
            | "makebox"
            | "fbox"
            | "framebox"
            | "parbox"
            | "centerline"
            | "href"
            | "url"
            | "item"
            | "caption"
            | "title"
            | "author"
            | "date"
            | "name"
            | "subsection"
            | "subsection*"
            | "subsubsection"
            | "subsubsection*"
            | "paragraph"
            | "multicolumn"
            | "multirow"
            | "tabularx"
    )
}

/// The group right after `\begin{name}` that titles an environment
/// (`\begin{rSection}{Education}`).
fn env_heading_group(env: Node<'_>) -> Option<Node<'_>> {
    let begin = env.child_by_field_name("begin")?;
    let mut c = begin.walk();
    let first = begin.children_by_field_name("argument", &mut c).next();
    first
        .or_else(|| {
            // The node after `begin` (`Node::next_sibling` costs a walk
            // down from the root, so the environment's children are read).
            let mut c = env.walk();
            let next = env.children(&mut c).skip_while(|n| *n != begin).nth(1);
            next
        })
        .filter(|g| kind(*g) == Kind::Group)
}

fn is_verbatim_env(name: &str) -> bool {
    matches!(
        name,
        "comment" | "verbatim" | "lstlisting" | "minted" | "tikzpicture"
    )
}

/// How many leading arguments of a command are not text (`usize::MAX`: none
/// of them are).
fn skip_args(name: &str) -> usize {
    match name {
        "href" | "textcolor" | "colorbox" | "raisebox" | "hyperlink" | "fontsize" | "foreach" => 1,
        // `\multicolumn{2}{l}{text}`, `\multirow{2}{*}{text}`.
        "multicolumn" | "multirow" => 2,
        "fcolorbox" => 2,
        "vspace"
        | "vspace*"
        | "hspace"
        | "hspace*"
        | "setlength"
        | "addtolength"
        | "rule"
        | "vskip"
        | "hskip"
        | "color"
        | "definecolor"
        | "titleformat"
        | "titlespacing"
        | "usepackage"
        | "documentclass"
        | "pagestyle"
        | "thispagestyle"
        | "selectfont"
        | "fontfamily"
        | "fontseries"
        | "fontshape"
        | "includegraphics"
        | "label"
        | "ref"
        | "cite"
        | "input"
        | "include"
        | "newcommand"
        | "renewcommand"
        | "providecommand"
        | "def"
        | "setlist"
        | "geometry"
        | "hypersetup"
        | "pdfgentounicode"
        | "urlstyle"
        | "fancyhf"
        | "fancyhead"
        | "fancyfoot"
        | "renewenvironment"
        | "newenvironment"
        | "setcounter"
        | "addtocounter"
        | "linespread"
        | "setstretch"
        | "hyphenation"
        | "pagenumbering"
        | "bibliographystyle"
        | "bibliography"
        | "nocite"
        | "nobibliography"
        | "bibentry"
        | "citep"
        | "citet"
        | "footnote"
        | "phantom"
        | "hphantom"
        | "vphantom"
        | "enlargethispage"
        | "columnbreak"
        | "extracolsep"
        | "arraystretch"
        | "tabcolsep"
        | "small@"
        | "faIcon"
        | "fa"
        | "icon"
        | "begin"
        | "end"
        | "makeatletter"
        | "makeatother"
        | "resumeSubHeadingListStart"
        | "resumeSubHeadingListEnd"
        | "resumeItemListStart"
        | "resumeItemListEnd"
        | "newpage"
        | "clearpage"
        | "pagebreak"
        | "noindent"
        | "centering"
        | "raggedright"
        | "raggedbottom"
        | "maketitle"
        | "tableofcontents"
        | "nopagebreak" => usize::MAX,
        n if n.starts_with("fa")
            && n.len() > 2
            && n[2..].starts_with(|c: char| c.is_ascii_uppercase()) =>
        {
            usize::MAX
        }
        _ => 0,
    }
}

/// Source ranges of the links (`\href`, `\url`) inside `node`.
fn link_ranges(source: &str, node: Node<'_>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let s = &source[node.byte_range()];
    if !(s.contains("\\href") || s.contains("\\url") || s.contains("\\hyperlink")) {
        return out;
    }
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if kind(n) == Kind::Command
            && matches!(command_name(source, n), "href" | "url" | "hyperlink")
        {
            out.push(n.byte_range());
            continue;
        }
        let mut c = n.walk();
        stack.extend(n.children(&mut c));
    }
    out
}

/// Splits `name | tech | link` of a project heading: the first part is the
/// name; parts that are only link text (`\href{...}{GitHub}`) are left out
/// of the tech list.
fn split_name_and_tech(text: &Text, links: &[Range<usize>]) -> (Text, Option<Text>) {
    let s = text.as_str();
    let mut bounds = vec![0];
    bounds.extend(s.match_indices('|').map(|(i, _)| i));
    bounds.push(s.len());
    let parts: Vec<Range<usize>> = bounds
        .windows(2)
        .map(|w| if w[0] == 0 { 0..w[1] } else { w[0] + 1..w[1] })
        .collect();
    let name = text.slice(parts[0].clone()).trimmed();
    let is_link = |r: &Range<usize>| {
        let t = text.slice(r.clone()).trimmed();
        match t.source_span() {
            Some(span) => links
                .iter()
                .any(|l| l.start <= span.start && span.end <= l.end),
            None => true,
        }
    };
    let kept: Vec<&Range<usize>> = parts[1..]
        .iter()
        .filter(|r| !text.slice((*r).clone()).trimmed().is_empty() && !is_link(r))
        .collect();
    let tech = match (kept.first(), kept.last()) {
        (Some(a), Some(b)) => Some(text.slice(a.start..b.end).trimmed()),
        _ => None,
    };
    (name, tech)
}

fn has_bold(source: &str, node: Node<'_>) -> bool {
    let s = &source[node.byte_range()];
    if !(s.contains("\\textbf") || s.contains("\\bf")) {
        return false;
    }
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if kind(n) == Kind::Command
            && matches!(command_name(source, n), "textbf" | "bfseries" | "bf")
        {
            return true;
        }
        let mut c = n.walk();
        stack.extend(n.children(&mut c));
    }
    false
}

/// `\'`, `` \` ``, `\^`, `\"`, `\~`, `\=`, `\.`.
fn is_accent(c: &str) -> bool {
    matches!(c, "'" | "`" | "^" | "\"" | "~" | "=" | ".")
}

fn compose(accent: char, ch: char) -> Option<char> {
    let table: &[(char, &str, &str)] = &[
        ('\'', "aeiouyAEIOUYcnszCNSZ", "áéíóúýÁÉÍÓÚÝćńśźĆŃŚŹ"),
        ('`', "aeiouAEIOU", "àèìòùÀÈÌÒÙ"),
        ('^', "aeiouAEIOU", "âêîôûÂÊÎÔÛ"),
        ('"', "aeiouyAEIOU", "äëïöüÿÄËÏÖÜ"),
        ('~', "anoANO", "ãñõÃÑÕ"),
        ('=', "aeiouAEIOU", "āēīōūĀĒĪŌŪ"),
        ('.', "zZeE", "żŻėĖ"),
    ];
    let (_, from, to) = table.iter().find(|(a, _, _)| *a == accent)?;
    let idx = from.chars().position(|c| c == ch)?;
    to.chars().nth(idx)
}

/// A readable stand-in for inline math: symbols that carry meaning in prose
/// (`$\sim$40\%`, `3$\times$`, `$>$95\%`, `$|$`) become their characters;
/// other markup is dropped.
fn math_text(src: &str) -> String {
    let inner = src
        .trim_start_matches("\\(")
        .trim_end_matches("\\)")
        .trim_matches('$');
    let mut out = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let mut name = String::new();
                while let Some(&n) = chars.peek() {
                    if n.is_ascii_alphabetic() {
                        name.push(n);
                        chars.next();
                    } else {
                        break;
                    }
                }
                if name.is_empty() {
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                    continue;
                }
                let sym = match name.as_str() {
                    "times" => "×",
                    "sim" | "approx" => "~",
                    "le" | "leq" => "≤",
                    "ge" | "geq" => "≥",
                    "pm" => "±",
                    "cdot" | "bullet" => "·",
                    "rightarrow" | "to" | "Rightarrow" => "→",
                    "leftarrow" => "←",
                    "uparrow" => "↑",
                    "downarrow" => "↓",
                    "mid" | "vert" => "|",
                    "%" => "%",
                    "infty" => "∞",
                    "alpha" => "α",
                    "beta" => "β",
                    "mu" => "µ",
                    _ => "",
                };
                out.push_str(sym);
            }
            '{' | '}' | '^' | '_' => {}
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

impl Text {
    /// The text without a leading `sep` and whitespace.
    pub(crate) fn trimmed_start_of(&self, sep: char) -> Text {
        let s = self.as_str();
        let t = s.trim_start().trim_start_matches(sep).trim_start();
        self.slice(s.len() - t.len()..s.len()).trimmed()
    }
}

#[cfg(test)]
mod tests {
    use crate::{outline, parse, Format, ParseOptions};

    fn outline_of(src: &str) -> String {
        let resume = parse(src, Format::Latex, &ParseOptions::default());
        outline::render(&resume, src)
    }

    /// Outline lines without their `line:col` positions.
    fn lines(src: &str) -> Vec<String> {
        lines_with(src, &ParseOptions::default())
    }

    fn lines_with(src: &str, options: &ParseOptions) -> Vec<String> {
        outline::render(&parse(src, Format::Latex, options), src)
            .lines()
            .map(|l| {
                let t = l.trim_start();
                let indent = l.len() - t.len();
                let rest = t.split_once(' ').map_or(t, |(_, r)| r);
                let mut out = " ".repeat(indent);
                // Drop `@line:col` marks after field values.
                let mut chars = rest.chars().peekable();
                while let Some(c) = chars.next() {
                    if c == '@' && chars.peek().is_some_and(char::is_ascii_digit) {
                        while chars
                            .peek()
                            .is_some_and(|c| c.is_ascii_digit() || *c == ':')
                        {
                            chars.next();
                        }
                        continue;
                    }
                    out.push(c);
                }
                out
            })
            .collect()
    }

    #[test]
    fn closing_brace_of_small_item_group_stays_out_of_the_last_skill() {
        let src = "\\begin{document}\n\\section{Skills}\n\\begin{itemize}\n  \\small{\\item{\n    \\textbf{Stack}{: Elm, OCaml} \\\\\n    \\textbf{Infra}{: Nomad, Consul}\n  }}\n\\end{itemize}\n\\section{Experience}\n\\resumeSubheading{Quarry Labs}{2021 -- 2023}{Platform Engineer}{Remote}\n\\end{document}\n";
        let l = lines(src);
        assert!(
            l.contains(&"  skills \"Infra\": \"Nomad, Consul\"".to_string()),
            "{l:#?}"
        );
    }

    #[test]
    fn description_items_keep_spaces_and_labels() {
        let src = "\\begin{document}\n\\section{Experience}\n\\resumeSubheading{Quarry Labs}{2021 -- 2023}{Platform Engineer}{Remote}\n\\section{Skills}\n\\begin{description}\n  \\item[Stack] Elm, OCaml, Gleam\n  \\item[Infra] Nomad, Consul\n\\end{description}\n\\end{document}\n";
        let l = lines(src);
        assert!(
            l.contains(&"  skills \"Stack\": \"Elm, OCaml, Gleam\"".to_string()),
            "{l:#?}"
        );
        assert!(
            l.contains(&"  skills \"Infra\": \"Nomad, Consul\"".to_string()),
            "{l:#?}"
        );
    }

    #[test]
    fn project_link_labels_are_not_tech() {
        let src = "\\begin{document}\n\\section{Projects}\n\\resumeProjectHeading{\\textbf{Kiln} $|$ \\emph{Zig, SQLite} $|$ \\href{https://example.org/kiln}{Source}}{March 2022}\n\\resumeItemListStart\n\\resumeItem{Cut build times by 40\\%}\n\\resumeItemListEnd\n\\end{document}\n";
        let l = lines(src);
        assert!(
            l.contains(
                &"  entry title=\"Kiln\" dates=\"March 2022\" tech=\"Zig, SQLite\"".to_string()
            ),
            "{l:#?}"
        );
    }

    #[test]
    fn unknown_macro_with_a_date_is_an_entry_with_its_bullets() {
        let src = "\\input{defs}\n\\begin{document}\n\\section{Experience}\n\\role{Data Analyst, Ferrous Mining}{Feb 2020 -- Present}{Perth, Australia}{\n  \\item Cut haul planning time by 3 hours a week\n}\n\\role{Warden}{May 2018 -- Jan 2020}{\\href{https://example.org}{Site}}{\n  \\item Ran 12 safety drills\n}\n\\section{Education}\nx\n\\end{document}\n";
        let l = lines(src);
        assert_eq!(
            l[1..].to_vec(),
            [
                "  entry title=\"Data Analyst\" org=\"Ferrous Mining\" location=\"Perth, Australia\" dates=\"Feb 2020 – Present\"",
                "    bullet \"Cut haul planning time by 3 hours a week\"",
                "  entry org=\"Warden\" dates=\"May 2018 – Jan 2020\"",
                "    bullet \"Ran 12 safety drills\"",
                "section education \"Education\"",
                "  prose \"x\"",
            ],
            "{l:#?}"
        );
    }

    #[test]
    fn heading_commands_and_environments_stand_in_for_sections() {
        let src = "\\begin{document}\n\\banner{Education}\nOakridge Polytechnic \\hfill 2016 -- 2020\\\\\n\\banner{Work History}\n\\begin{itemize}\n\\item Sorted 200 parcels an hour\n\\end{itemize}\n\\end{document}\n";
        let l = lines(src);
        assert_eq!(l[0], "section education \"Education\"", "{l:#?}");
        assert!(
            l.contains(&"section experience \"Work History\"".to_string()),
            "{l:#?}"
        );
        let src = "\\begin{document}\n\\begin{cvblock}{Education}\nCalm under deadlines.\n\\end{cvblock}\n\\begin{cvblock}{Skills}\n\\item Welding, CAD\n\\end{cvblock}\n\\end{document}\n";
        let l = lines(src);
        assert_eq!(l[0], "section education \"Education\"", "{l:#?}");
        assert!(
            l.contains(&"section skills \"Skills\"".to_string()),
            "{l:#?}"
        );
        assert!(
            l.contains(&"  skills \"\": \"Welding, CAD\"".to_string()),
            "{l:#?}"
        );
    }

    #[test]
    fn a_one_argument_command_is_not_a_heading_beside_real_sections() {
        let src = "\\begin{document}\n\\section{Experience}\n\\note{Skills}\n\\note{Education}\n\\resumeSubheading{Quarry Labs}{2021 -- 2023}{Platform Engineer}{Remote}\n\\end{document}\n";
        let l = lines(src);
        assert_eq!(
            l.iter().filter(|x| x.starts_with("section")).count(),
            1,
            "{l:#?}"
        );
    }

    #[test]
    fn spread_lines_with_a_date_head_entries() {
        let src = "\\begin{document}\n\\section{Education}\n{\\bf Diploma in Horticulture} \\hfill {Sept 2015 - June 2017}\\\\\nGreenway College, Bristol\n\n\\section{Experience}\n\\textbf{Orchard Co-op} \\hfill Mar 2018 -- Present \\\\\n\\textit{Grower} \\hfill Taunton, UK\n\\begin{itemize}\n\\item Raised yield by 15\\%\n\\end{itemize}\n\\itemsep -2pt\n\\end{document}\n";
        let l = lines(src);
        assert_eq!(
            l,
            [
                "section education \"Education\"",
                "  entry title=\"Diploma in Horticulture\" org=\"Greenway College, Bristol\" dates=\"Sept 2015 - June 2017\"",
                "section experience \"Experience\"",
                "  entry title=\"Grower\" org=\"Orchard Co-op\" location=\"Taunton, UK\" dates=\"Mar 2018 – Present\"",
                "    bullet \"Raised yield by 15%\"",
            ],
            "{l:#?}"
        );
    }

    #[test]
    fn apostrophe_years_and_grades_in_jake_headings() {
        let src = "\\begin{document}\n\\section{Education}\n\\resumeSubheading{Harlow Institute of Art, Harlow, Essex}{Sept '19 -- June '23}{B.A. Illustration}{CGPA: 8.1/10}\n\\end{document}\n";
        let l = lines(src);
        assert_eq!(
            l[1],
            "  entry title=\"B.A. Illustration\" org=\"Harlow Institute of Art\" location=\"Harlow, Essex\" dates=\"Sept '19 – June '23\"",
            "{l:#?}"
        );
    }

    #[test]
    fn a_file_of_definitions_is_not_a_resume() {
        let src = "\\newcommand{\\resumeItem}[1]{\\item\\small{#1}}\n\\newcommand\\resumeSubheading[4]{\\item #1 \\hfill #2}\n\\titleformat{\\section}{\\scshape}{}{0em}{}\n\\pdfgentounicode=1\n";
        assert_eq!(outline_of(src), "not a resume\n");
    }

    #[test]
    fn publication_calls_in_a_publications_section_are_bullets() {
        let src = "\\input{defs}\n\\begin{document}\n\\section{Experience}\n\\resumeSubheading{Quarry Labs}{2021 -- 2023}{Platform Engineer}{Remote}\n\\section{Publications}\n\\begin{itemize}\n\\paper{R.~Okafor}{Sparse Lattices}{Tiling Workshop}{2020}\n\\end{itemize}\n\\end{document}\n";
        let l = lines(src);
        assert_eq!(
            l.last().map(String::as_str),
            Some("  bullet \"R. Okafor Sparse Lattices Tiling Workshop 2020\""),
            "{l:#?}"
        );
    }

    #[test]
    fn marker_items_after_a_spread_heading_are_not_nested() {
        let src = "\\begin{document}\n\\section{Experience}\n\\textbf{Kestrel Foods} \\hfill 2019 -- 2020 \\\\\n\\begin{itemize}\n\\item[--] Packed 90 orders a shift\n\\end{itemize}\n\\textbf{Lark Transit} \\hfill 2020 -- 2022 \\\\\n\\begin{itemize}\n\\item[--] Planned 4 bus routes\n\\end{itemize}\n\\section{Education}\nx\n\\end{document}\n";
        let l = lines(src);
        assert!(
            l.contains(&"    bullet \"Planned 4 bus routes\"".to_string()),
            "{l:#?}"
        );
    }

    #[test]
    fn title_and_organisation_follow_the_order_the_section_already_showed() {
        let src = "\\begin{document}\n\\section{Experience}\n\\resumeSubheading{Kitchen Manager}{2019 -- 2020}{Saffron Bistro}{Leeds, UK}\n\\resumeSubheading{Night Baker Intern}{2020 -- 2022}{Crumb Collective Student Team}{York, UK}\n\\section{Education}\nx\n\\end{document}\n";
        let l = lines(src);
        assert!(
            l.contains(&"  entry title=\"Night Baker Intern\" org=\"Crumb Collective Student Team\" location=\"York, UK\" dates=\"2020 – 2022\"".to_string()),
            "{l:#?}"
        );
    }

    #[test]
    fn two_argument_bullets_across_lines_and_right_aligned_dates() {
        let src = "\\begin{document}\n\\section{Experience}\n\\resumeSubheading{Saffron Bistro}{2019 -- 2020}{Line Cook}{Leeds, UK}\n\\resumeItemListStart\n\\resumeItem{Menus}\n  {Rewrote 3 seasonal menus}\n\\resumeItemListEnd\n\\section{Awards}\n\\resumeItemListStart\n\\resumeSubItem{Young Chef of the Year}{\\hfill{June 2021}}\n\\resumeItemListEnd\n\\end{document}\n";
        let l = lines(src);
        assert!(
            l.contains(&"    bullet [Menus] \"Rewrote 3 seasonal menus\"".to_string()),
            "{l:#?}"
        );
        assert!(
            l.contains(&"  bullet \"Young Chef of the Year\"".to_string()),
            "{l:#?}"
        );
    }

    #[test]
    fn bullets_a_brace_left_open_swallowed_stay_bullets() {
        let has_all = |src: &str, want: &[&str]| {
            let l = lines(src);
            for w in want {
                assert!(l.iter().any(|x| x == w), "{w}: {l:#?}");
            }
        };
        // Closed only by a stray brace after the list, as some forks leave it.
        let stray = "\\begin{document}\n\\section{Experience}\n\\resumeSubheading{Tern Labs}{2019 -- 2021}{Analyst}{Hull, UK}\n\\resumeItemListStart\n\\resumeItem{Priced 4 product lines {for retail}\n\\resumeItem{Helped run the audit}\n\\resumeItem{Led}{Cut returns by 9\\% in a year}\n\\resumeItemListEnd\n}\n\\section{Skills}\nGo\n\\end{document}\n";
        let bullets = [
            "    bullet \"Priced 4 product lines for retail\"",
            "    bullet \"Helped run the audit\"",
            "    bullet [Led] \"Cut returns by 9% in a year\"",
        ];
        has_all(stray, &bullets);
        // Never closed (a brace being typed): the same bullets.
        has_all(
            &stray.replace("\\resumeItemListEnd\n}\n", "\\resumeItemListEnd\n"),
            &bullets,
        );
        // A closed group inside a bullet is still its text.
        let closed = "\\begin{document}\n\\section{Experience}\n\\resumeItemListStart\n\\resumeItem{Ran {\\bf 3} labs}\n\\resumeItemListEnd\n\\end{document}\n";
        has_all(closed, &["  bullet \"Ran 3 labs\""]);
    }

    #[test]
    fn three_argument_forks_projects_and_degree_lines() {
        let src = "\\newcommand{\\resumeSubheading}[3]{\\item \\textbf{#1} #2 \\hfill #3}\n\\begin{document}\n\\section{Projects}\n\\begin{itemize}\n\\resumeSubheading{Loom Viewer}{Haskell, SDL}{2021}\n\\begin{itemize}\n\\item \\textbf{Weaving sim} {Rendered 40 patterns a second}\n\\end{itemize}\n\\end{itemize}\n\\section{Education}\n\\begin{itemize}\n\\resumeSubheading{Dunmore Academy}{Salalah, Oman}{May 2019}\n\\item[] \\textit{Bachelor of Arts in Textile Design}\n\\end{itemize}\n\\end{document}\n";
        let l = lines(src);
        assert_eq!(
            l,
            [
                "section projects \"Projects\"",
                "  entry title=\"Loom Viewer\" dates=\"2021\" tech=\"Haskell, SDL\"",
                "    bullet \"Weaving sim Rendered 40 patterns a second\"",
                "section education \"Education\"",
                "  entry title=\"Bachelor of Arts in Textile Design\" org=\"Dunmore Academy\" location=\"Salalah, Oman\" dates=\"May 2019\"",
            ],
            "{l:#?}"
        );
    }

    #[test]
    fn a_skills_style_item_block_elsewhere_is_one_bullet_per_line() {
        let src = "\\begin{document}\n\\section{Experience}\n\\resumeSubheading{Saffron Bistro}{2019 -- 2020}{Line Cook}{Leeds, UK}\n\\section{Awards}\n\\begin{itemize}\n\\small{\\item{\n\\textbf{Regional Bake-off: }{Second of 40 entrants} \\\\\n\\textbf{Kitchen Safety: }{Level 2 certificate} \\\\\n}}\n\\end{itemize}\n\\end{document}\n";
        let l = lines(src);
        assert_eq!(
            l[l.len() - 2..].to_vec(),
            [
                "  bullet \"Regional Bake-off: Second of 40 entrants\"",
                "  bullet \"Kitchen Safety: Level 2 certificate\"",
            ],
            "{l:#?}"
        );
    }

    #[test]
    fn custom_skill_commands_tabular_rows_and_role_lines() {
        let src = "\\begin{document}\n\\section{Experience}\n\\begin{tabular}{r|p{12cm}}\n\\textsc{2018-2020} & Glass Trainee at \\textsc{Kiln Co}, Hong Kong \\\\\n\\multicolumn{2}{c}{} \\\\\n\\end{tabular}\n\\datedsubsection{\\textbf{Loomworks}, Remote and Porto, Portugal}{2020 -- 2022}\n\\role{Pattern Analyst Intern}{(Python)}\n\\section{Skills}\n\\skills{Looms}{Jacquard, Dobby}{Yarns}{Merino, Alpaca}\n\\end{document}\n";
        let l = lines(src);
        assert_eq!(
            l,
            [
                "section experience \"Experience\"",
                "  entry title=\"Glass Trainee\" org=\"Kiln Co\" location=\"Hong Kong\" dates=\"2018-2020\"",
                "  entry title=\"Pattern Analyst Intern (Python)\" org=\"Loomworks\" location=\"Remote and Porto, Portugal\" dates=\"2020 – 2022\"",
                "section skills \"Skills\"",
                "  skills \"Looms\": \"Jacquard, Dobby\"",
                "  skills \"Yarns\": \"Merino, Alpaca\"",
            ],
            "{l:#?}"
        );
    }

    #[test]
    fn text_macros_defined_in_the_file_read_as_their_text() {
        let src = "\\newcommand{\\fullname}{Ada Park}\n\\begin{document}\n\\fontfamily{cmr}\\selectfont\n{\\textbf{\\fullname} \\\\\n}\n\\section{Experience}\n\\resumeSubheading{Quarry Labs}{2021 -- 2023}{Platform Engineer}{Remote}\n\\end{document}\n";
        let l = lines(src);
        assert_eq!(l[0], "header \"Ada Park\"", "{l:#?}");
    }

    #[test]
    fn entries_without_dates_from_entry_commands_and_environments() {
        let src = "\\begin{document}\n\\section{Experience}\n\\job{Kiln Co}{2019 -- 2021}\n\\section{Projects}\n\\job{Tiny Lisp}{(Rust)}\n\\begin{cvblock}{Loom Viewer}{Side project}\n\\item Drew 40 weave patterns\n\\end{cvblock}\n\\end{document}\n";
        let l = lines(src);
        assert_eq!(
            l[3..].to_vec(),
            [
                "  entry title=\"Tiny Lisp\" tech=\"(Rust)\"",
                "  entry title=\"Loom Viewer\" org=\"Side project\"",
                "    bullet \"Drew 40 weave patterns\"",
            ],
            "{l:#?}"
        );
    }

    #[test]
    fn stacked_one_argument_commands_head_entries() {
        let src = "\\begin{document}\n\\section{Experience}\n\\runsub{Kiln Co}\n\\descript{| Glaze Technician}\n\\location{Mar 2019 -- Present | Stoke, UK}\n\\begin{itemize}\n\\item Cut kiln failures by 30\\%\n\\end{itemize}\n\\section{Skills}\n\\location{Glazes:}\nAsh \\textbullet{} Celadon \\\\ \\textbullet{} Shino \\\\\n\\end{document}\n";
        let l = lines(src);
        assert_eq!(
            l,
            [
                "section experience \"Experience\"",
                "  entry title=\"Glaze Technician\" org=\"Kiln Co\" location=\"Stoke, UK\" dates=\"Mar 2019 – Present\"",
                "    bullet \"Cut kiln failures by 30%\"",
                "section skills \"Skills\"",
                "  skills \"Glazes\": \"Ash · Celadon · Shino\"",
            ],
            "{l:#?}"
        );
    }

    #[test]
    fn a_bold_name_and_tech_line_in_projects_is_an_entry() {
        let src = "\\begin{document}\n\\section{Projects}\n\\textbf{Kiln Monitor | \\emph{Zig, SQLite}} \\\\\nLogged 3 firings a day from a thermocouple.\n\\section{Education}\nx\n\\end{document}\n";
        let l = lines(src);
        assert_eq!(
            l[..3].to_vec(),
            [
                "section projects \"Projects\"",
                "  prose \"Logged 3 firings a day from a thermocouple.\"",
                "  entry title=\"Kiln Monitor\" tech=\"Zig, SQLite\"",
            ],
            "{l:#?}"
        );
    }

    #[test]
    fn award_table_rows_are_items() {
        let src = "\\begin{document}\n\\section{Experience}\n\\resumeSubheading{Kiln Co}{2019 -- 2021}{Glazer}{Stoke, UK}\n\\section{Awards}\n\\begin{tabular}{r|l}\n2019 & Best Glaze, Midlands Ceramics Fair \\\\\n2020 & Dean's List (awarded to the top five percent of the whole year group across all courses) \\\\\n\\end{tabular}\n\\end{document}\n";
        let l = lines(src);
        assert_eq!(
            l[l.len() - 2..].to_vec(),
            [
                "  bullet \"2019 Best Glaze, Midlands Ceramics Fair\"",
                "  bullet \"2020 Dean's List (awarded to the top five percent of the whole year group across all courses)\"",
            ],
            "{l:#?}"
        );
    }

    #[test]
    fn an_inferred_entry_keeps_an_argument_no_field_took_as_prose() {
        let src = "\\begin{document}\n\\section{Projects}\n\\begin{cvblock}{Loom Viewer}{Side project}{A viewer for weave drafts}{}\n\\item Drew 40 weave patterns\n\\end{cvblock}\n\\section{Experience}\nx\n\\end{document}\n";
        let l = lines(src);
        assert_eq!(
            l[1..4].to_vec(),
            [
                "  prose \"A viewer for weave drafts\"",
                "  entry title=\"Loom Viewer\" org=\"Side project\"",
                "    bullet \"Drew 40 weave patterns\"",
            ],
            "{l:#?}"
        );
    }

    #[test]
    fn two_skill_categories_spread_across_one_item() {
        let src = "\\begin{document}\n\\section{Experience}\n\\resumeSubheading{Kiln Co}{2019 -- 2021}{Glazer}{Stoke, UK}\n\\section{Skills}\n\\begin{itemize}\n\\item \\textbf{Glazes:} Ash, Shino \\hspace{1cm} \\textbf{Kilns:} Gas, Wood\n\\end{itemize}\n\\end{document}\n";
        let l = lines(src);
        assert_eq!(
            l[l.len() - 2..].to_vec(),
            [
                "  skills \"Glazes\": \"Ash, Shino\"",
                "  skills \"Kilns\": \"Gas, Wood\"",
            ],
            "{l:#?}"
        );
    }

    /// A fork whose entry macro takes six arguments, defined in a file
    /// beside the resume that it pulls in with `\input`/`\include`.
    #[test]
    fn six_argument_entry_macro_from_an_included_file() {
        let utils = "\\newcommand{\\resumeSubheading}[6]{\n  \\item\n  \\begin{tabular*}{0.97\\textwidth}[t]{l@{\\extracolsep{\\fill}}r}\n    \\textbf{#1} & #2 \\\\\n    \\textit{\\small#3} & \\textit{\\small #4} \\\\\n    \\textit{\\small#5} & \\textit{\\small #6} \\\\\n  \\end{tabular*}\n}\n\\newcommand{\\resumeItem}[1]{\\item\\small{#1}}\n";
        let body = "\\begin{document}\n\\section{Experience}\n\\resumeSubHeadingListStart\n\\resumeSubheading{Kestrel Freight}{Leeds, UK}{Route Planner}{Mar 2019 -- Present}{Logistics team}{}\n\\resumeItemListStart\n\\resumeItem{Cut empty miles by 12\\%}\n\\resumeItemListEnd\n\\resumeSubheading{Graduate Analyst}{Sep 2017 -- Feb 2019}{Lark Transit}{York, UK}{}{}\n\\resumeSubheading{Wren Couriers}{Dispatch Intern}{Depot team}{}{Hull, UK}{Jun 2016 -- Aug 2016}\n\\resumeSubHeadingListEnd\n\\section{Education}\n\\resumeSubHeadingListStart\n\\resumeSubheading{Harlow College}{Harlow, Essex}{B.Sc. Geography}{2014 -- 2017}{}{}\n\\resumeSubHeadingListEnd\n\\end{document}\n";
        for include in ["\\input{utils}", "\\include{utils}", "\\input{utils.tex}"] {
            let main = format!("\\documentclass{{article}}\n{include}\n{body}");
            let named = crate::latex_includes(&main);
            assert_eq!(named.len(), 1, "{named:?}");
            assert!(named[0].starts_with("utils"), "{named:?}");
            let options = ParseOptions {
                arities: crate::latex_definitions(utils).arity,
                ..ParseOptions::default()
            };
            assert_eq!(options.arities.get("resumeSubheading"), Some(&6));
            let l = lines_with(&main, &options);
            assert_eq!(
                l,
                [
                    "section experience \"Experience\"",
                    "  entry title=\"Route Planner\" org=\"Kestrel Freight\" location=\"Leeds, UK\" dates=\"Mar 2019 – Present\"",
                    "    bullet \"Cut empty miles by 12%\"",
                    "  entry title=\"Graduate Analyst\" org=\"Lark Transit\" location=\"York, UK\" dates=\"Sep 2017 – Feb 2019\"",
                    "  entry title=\"Dispatch Intern\" org=\"Wren Couriers\" location=\"Hull, UK\" dates=\"Jun 2016 – Aug 2016\"",
                    "section education \"Education\"",
                    "  entry title=\"B.Sc. Geography\" org=\"Harlow College\" location=\"Harlow, Essex\" dates=\"2014 – 2017\"",
                ],
                "{include}: {l:#?}"
            );
        }
    }
}
