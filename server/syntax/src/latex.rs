//! LaTeX → resume model, driven by the macro table.
//!
//! The grammar knows nothing about resumes: a `command` carries every group
//! that follows it. This module decides, from the macro table and the
//! `\newcommand` definitions in the file, how many of those groups are
//! arguments and what each one means, and recognises dates, locations, titles
//! and organisations by content as well as by position.

use std::collections::HashMap;
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

/// Macro definitions found in a LaTeX source: name (without backslash) →
/// number of arguments, plus the macros their bodies call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Definitions {
    /// Name → arity.
    pub arity: HashMap<String, usize>,
    /// Name → names of macros its body calls.
    pub calls: HashMap<String, Vec<String>>,
}

/// Reads `\newcommand`, `\renewcommand`, `\providecommand` and `\def`
/// definitions from a parsed LaTeX tree.
pub fn definitions(source: &str, tree: &Tree) -> Definitions {
    let mut defs = Definitions::default();
    collect_definitions(source, tree.root_node(), &mut defs);
    defs
}

/// Paths named by `\input{...}` and `\include{...}` in a parsed LaTeX tree,
/// as written (the caller resolves them, inside the workspace only).
pub fn includes(source: &str, tree: &Tree) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        if node.kind() == "command" {
            let name = command_name(source, node);
            if matches!(name, "input" | "include" | "subfile") {
                if let Some(g) = groups(node).first() {
                    let s = inner_source(source, *g).trim().to_string();
                    if !s.is_empty() {
                        out.push(s);
                    }
                }
            }
        }
        let mut cursor = node.walk();
        let children: Vec<Node<'_>> = node.children(&mut cursor).collect();
        stack.extend(children.into_iter().rev());
    }
    out
}

fn collect_definitions(source: &str, node: Node<'_>, defs: &mut Definitions) {
    let mut cursor = node.walk();
    let children: Vec<Node<'_>> = node.children(&mut cursor).collect();
    for (i, child) in children.iter().enumerate() {
        if child.kind() == "command" {
            let name = command_name(source, *child);
            if matches!(
                name,
                "newcommand"
                    | "renewcommand"
                    | "providecommand"
                    | "newcommand*"
                    | "renewcommand*"
                    | "def"
                    | "DeclareRobustCommand"
            ) {
                read_definition(source, *child, children.get(i + 1).copied(), defs);
                continue;
            }
        }
        collect_definitions(source, *child, defs);
    }
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
    } else if let Some(n) = next.filter(|n| n.kind() == "command") {
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
            if n.kind() == "command" {
                calls.push(command_name(source, n).to_string());
            }
            let mut c = n.walk();
            stack.extend(n.children(&mut c));
        }
    }
    defs.arity.insert(name.clone(), arity);
    defs.calls.insert(name, calls);
}

fn command_name<'s>(source: &'s str, node: Node<'_>) -> &'s str {
    node.child_by_field_name("name")
        .map(|n| &source[n.byte_range()])
        .unwrap_or("")
        .trim_start_matches('\\')
}

fn groups(node: Node<'_>) -> Vec<Node<'_>> {
    let mut c = node.walk();
    node.children_by_field_name("argument", &mut c).collect()
}

fn optionals(node: Node<'_>) -> Vec<Node<'_>> {
    let mut c = node.walk();
    node.children_by_field_name("optional", &mut c).collect()
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
        if last.is_some_and(|l| !l.is_missing() && matches!(l.kind(), "}" | "]")) {
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
}

struct Lowering<'a> {
    source: &'a str,
    known: HashMap<String, Known>,
    resume: Resume,
    loose: Text,
    in_section: bool,
}

/// Lowers a parsed LaTeX document.
pub(crate) fn lower(source: &str, tree: &Tree, options: &ParseOptions) -> Resume {
    let root = tree.root_node();
    let mut defs = definitions(source, tree);
    for (k, v) in &options.arities {
        defs.arity.entry(k.clone()).or_insert(*v);
    }
    let known = known_macros(&defs, options);
    let mut resume = Resume::empty(Format::Latex);
    collect_comments(source, root, &mut resume.comments);

    let uses_resume_macro = uses_any(source, root, &known);
    let body = find_document_body(source, root).unwrap_or(root);

    let mut l = Lowering {
        source,
        known,
        resume,
        loose: Text::new(),
        in_section: false,
    };
    l.walk(body, 0);
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
                known.insert(name.clone(), Known { spec, arity });
            }
        }
    }
    known
}

fn uses_any(source: &str, root: Node<'_>, known: &HashMap<String, Known>) -> bool {
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if n.kind() == "command" {
            let name = command_name(source, n);
            if known
                .get(name)
                .is_some_and(|k| k.spec.kind != MacroKind::Section)
            {
                return true;
            }
        }
        let mut c = n.walk();
        stack.extend(n.children(&mut c));
    }
    false
}

fn collect_comments(source: &str, root: Node<'_>, out: &mut Vec<Comment>) {
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if n.kind() == "comment" {
            let text = &source[n.byte_range()];
            out.push(Comment {
                range: n.byte_range(),
                body: text.trim_start_matches('%').trim().to_string(),
            });
            continue;
        }
        let mut c = n.walk();
        let children: Vec<Node<'_>> = n.children(&mut c).collect();
        stack.extend(children.into_iter().rev());
    }
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
        if n.kind() == "environment" && env_name(source, n) == "document" {
            return Some(n);
        }
        let mut c = n.walk();
        stack.extend(n.children(&mut c));
    }
    None
}

const BULLET_STOP: [&str; 6] = ["item", "section", "section*", "subsection", "end", "begin"];

impl Lowering<'_> {
    fn spec_of(&self, node: Node<'_>) -> Option<Known> {
        if node.kind() != "command" {
            return None;
        }
        self.known.get(command_name(self.source, node)).cloned()
    }

    fn contains_structure(&self, node: Node<'_>) -> bool {
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            if n.kind() == "command" {
                let name = command_name(self.source, n);
                if self.known.contains_key(name) || name == "item" {
                    return true;
                }
            }
            if n.kind() == "environment" && n != node {
                return true;
            }
            let mut c = n.walk();
            stack.extend(n.children(&mut c));
        }
        false
    }

    /// Walks structure: sections, entries, bullets; everything else is loose
    /// text of the current section.
    fn walk(&mut self, node: Node<'_>, depth: usize) {
        let mut cursor = node.walk();
        let children: Vec<Node<'_>> = node.children(&mut cursor).collect();
        let mut i = 0;
        while i < children.len() {
            let child = children[i];
            i += 1;
            match child.kind() {
                "comment" | "begin" | "end" | "{" | "}" => {}
                "command" => {
                    let name = command_name(self.source, child);
                    if let Some(k) = self.spec_of(child) {
                        self.known_command(child, &k, depth);
                    } else if name == "item" {
                        let mut parts = vec![child];
                        while i < children.len() {
                            let n = children[i];
                            let stop = match n.kind() {
                                "command" => {
                                    let nn = command_name(self.source, n);
                                    BULLET_STOP.contains(&nn) || self.spec_of(n).is_some()
                                }
                                "environment" => true,
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
                    } else if self.contains_structure(child) {
                        for g in groups(child) {
                            self.walk(g, depth);
                        }
                    } else {
                        self.add_loose(child);
                    }
                }
                "environment" => {
                    let name = env_name(self.source, child);
                    let list = matches!(name, "itemize" | "enumerate" | "description");
                    let nested = list && self.current_bullets_exist();
                    if is_verbatim_env(name) {
                        continue;
                    }
                    if list {
                        self.loose_break(child.start_byte());
                    }
                    self.walk(child, if nested { depth + 1 } else { depth });
                    if list {
                        self.loose_break(child.end_byte());
                    }
                }
                "group" => {
                    if self.contains_structure(child) {
                        self.walk(child, depth);
                    } else {
                        self.add_loose(child);
                    }
                }
                "ERROR" => self.walk(child, depth),
                _ => self.add_loose(child),
            }
        }
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
            let prev_end = self
                .loose
                .source_span()
                .map_or(node.start_byte(), |r| r.end);
            if prev_end < node.start_byte() {
                self.push_gap(prev_end..node.start_byte(), true);
            }
        }
        let mut t = std::mem::take(&mut self.loose);
        self.text_of(node, &mut t, true);
        self.loose = t;
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
        if loose
            .as_str()
            .trim_matches(|c: char| c.is_whitespace() || c == BREAK)
            .is_empty()
        {
            return;
        }
        let pieces: Vec<Text> = loose
            .split(BREAK_STR)
            .into_iter()
            .map(|p| p.collapse_whitespace())
            .filter(|p| p.as_str().chars().any(char::is_alphanumeric))
            .collect();
        if !self.in_section {
            self.resume.header.extend(pieces);
            return;
        }
        let Some(section) = self.resume.sections.last_mut() else {
            return;
        };
        if section.kind == SectionKind::Skills {
            for p in pieces {
                let r = p.source_span().unwrap_or(0..0);
                section.skills.push(skill_line(&p, r));
            }
        } else {
            section.prose.extend(pieces);
        }
    }

    fn known_command(&mut self, node: Node<'_>, k: &Known, depth: usize) {
        let args = groups(node);
        match k.spec.kind {
            MacroKind::Section => {
                self.flush_loose();
                let heading = args
                    .first()
                    .map(|g| self.plain(*g, false))
                    .unwrap_or_default();
                if let Some(prev) = self.resume.sections.last_mut() {
                    prev.range.end = prev.range.end.min(node.start_byte());
                }
                self.resume.sections.push(Section {
                    kind: SectionKind::from_heading(heading.as_str()),
                    heading,
                    range: node.start_byte()..self.source.len(),
                    entries: Vec::new(),
                    bullets: Vec::new(),
                    skills: Vec::new(),
                    prose: Vec::new(),
                });
                self.in_section = true;
            }
            MacroKind::Bullet => {
                self.flush_loose();
                let (lead, text) = match args.len() {
                    0 => (None, Text::new()),
                    1 => (None, self.plain(args[0], false)),
                    _ if k.arity >= 2 || args.len() >= 2 => {
                        (Some(self.plain(args[0], false)), self.plain(args[1], false))
                    }
                    _ => (None, self.plain(args[0], false)),
                };
                let lead = lead.filter(|l| !l.is_empty());
                self.push_bullet(node.byte_range(), lead, text, depth);
            }
            MacroKind::Entry | MacroKind::SubEntry | MacroKind::ProjectEntry => {
                self.flush_loose();
                self.entry(node, k, &args);
            }
        }
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

    fn item(&mut self, parts: &[Node<'_>], depth: usize) {
        self.flush_loose();
        let mut text = Text::new();
        let first = parts[0];
        for g in groups(first) {
            self.text_of(g, &mut text, false);
            text.push_replaced(" ", g.end_byte()..g.end_byte());
        }
        let mut prev_end = first.end_byte();
        for p in &parts[1..] {
            if p.start_byte() > prev_end {
                let gap = &self.source[prev_end..p.start_byte()];
                text.push_verbatim(gap, prev_end);
            }
            self.text_of(*p, &mut text, false);
            prev_end = p.end_byte();
        }
        let text = text.collapse_whitespace();
        let end = parts.last().map_or(first.end_byte(), |p| p.end_byte());
        if text.is_empty() {
            return;
        }
        let in_skills = self
            .resume
            .sections
            .last()
            .is_some_and(|s| s.kind == SectionKind::Skills);
        if in_skills {
            // `\item{\textbf{Languages}{: Python} \\ \textbf{Tools}{: Git}}`.
            let mut t = Text::new();
            for p in parts {
                self.text_of(*p, &mut t, true);
            }
            for line in t.split(BREAK_STR) {
                let line = line.collapse_whitespace();
                if line.as_str().chars().any(char::is_alphanumeric) {
                    let r = line.source_span().unwrap_or(first.start_byte()..end);
                    if let Some(s) = self.resume.sections.last_mut() {
                        s.skills.push(skill_line(&line, r));
                    }
                }
            }
            return;
        }
        self.push_bullet(first.start_byte()..end, None, text, depth);
    }

    fn entry(&mut self, node: Node<'_>, k: &Known, args: &[Node<'_>]) {
        if !self.in_section {
            return;
        }
        let arity = k.arity.max(1);
        let roles: Vec<ArgRole> = (0..arity)
            .map(|i| k.spec.roles.get(i).copied().unwrap_or(ArgRole::Ignore))
            .collect();
        let mut pieces = Vec::new();
        let mut tech = None;
        let mut name_title = None;
        for (i, g) in args.iter().take(arity).enumerate() {
            let role = roles[i];
            let text = self.plain(*g, false);
            if role == ArgRole::NameAndTech {
                let s = text.as_str();
                match s.find('|') {
                    Some(p) => {
                        name_title = Some(text.slice(0..p).trimmed());
                        let t = text.slice(p + 1..s.len()).trimmed();
                        if !t.is_empty() {
                            tech = Some(t);
                        }
                    }
                    None => name_title = Some(text),
                }
                continue;
            }
            let bold = has_bold(self.source, *g);
            pieces.push(Piece { text, role, bold });
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
            assign(pieces)
        };
        fields.tech = tech;
        let range = node.byte_range();
        let Some(section) = self.resume.sections.last_mut() else {
            return;
        };
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
        let src = self.source;
        let r = node.byte_range();
        match node.kind() {
            "text" => out.push_verbatim(&src[r.clone()], r.start),
            "escape" => {
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
            "dash" => {
                let rep = if src[r.clone()].len() >= 3 {
                    "—"
                } else {
                    "–"
                };
                out.push_replaced(rep, r);
            }
            "nbsp" => out.push_replaced(" ", r),
            "line_break" => out.push_replaced(if breaks { BREAK_STR } else { " " }, r),
            "comment" | "parameter" | "display_math" | "optional_argument" | "begin" | "end" => {}
            "alignment_tab" => out.push_replaced(" ", r),
            "inline_math" => {
                let rep = math_text(&src[r.clone()]);
                out.push_replaced(&rep, r);
            }
            "verb" => {
                let s = &src[r.clone()];
                let body = s.trim_start_matches("\\verb").trim_start_matches('*');
                let inner: String = body.chars().skip(1).collect();
                let inner = inner
                    .strip_suffix(body.chars().next().unwrap_or('|'))
                    .unwrap_or(&inner);
                out.push_replaced(inner, r);
            }
            "command" => self.command_text(node, out, breaks),
            _ => self.children_text(node, out, breaks),
        }
    }

    fn children_text(&self, node: Node<'_>, out: &mut Text, breaks: bool) {
        let src = self.source;
        let mut cursor = node.walk();
        let children: Vec<Node<'_>> = node.children(&mut cursor).collect();
        let inner = if node.kind() == "group" {
            inner_range(src, node)
        } else {
            node.byte_range()
        };
        let mut at = inner.start;
        let mut pending_accent: Option<(char, Range<usize>)> = None;
        for child in children {
            if matches!(child.kind(), "{" | "}") {
                continue;
            }
            let (cs, ce) = (child.start_byte(), child.end_byte());
            if cs > at && cs <= inner.end {
                let gap = &src[at..cs];
                if breaks && gap.matches('\n').count() >= 2 {
                    out.push_replaced(BREAK_STR, at..cs);
                } else {
                    out.push_verbatim(gap, at);
                }
            }
            if let Some((accent, ar)) = pending_accent.take() {
                // `\'e` or `\'{e}`: compose with the first letter that follows.
                let s = &src[cs..ce];
                let letter_at = if child.kind() == "group" { 1 } else { 0 };
                if let Some(ch) = s[letter_at.min(s.len())..].chars().next() {
                    if let Some(composed) = compose(accent, ch) {
                        let letter_end = cs + letter_at + ch.len_utf8();
                        let consumed_end = if child.kind() == "group" {
                            ce
                        } else {
                            letter_end
                        };
                        out.push_replaced(&composed.to_string(), ar.start..consumed_end);
                        if child.kind() == "text" && letter_end < ce {
                            out.push_verbatim(&src[letter_end..ce], letter_end);
                        }
                        at = ce;
                        continue;
                    }
                }
            }
            if child.kind() == "escape" {
                let c = &src[cs + 1..ce];
                if is_accent(c) && ce == child.end_byte() {
                    pending_accent = c.chars().next().map(|a| (a, cs..ce));
                    at = ce;
                    continue;
                }
            }
            self.text_of(child, out, breaks);
            at = ce.max(at);
        }
        if inner.end > at {
            let gap = &src[at..inner.end];
            out.push_verbatim(gap, at);
        }
    }

    fn command_text(&self, node: Node<'_>, out: &mut Text, breaks: bool) {
        let src = self.source;
        let name = command_name(src, node);
        let r = node.byte_range();
        let gs = groups(node);
        let symbol = match name {
            "LaTeX" => Some("LaTeX"),
            "TeX" => Some("TeX"),
            "ldots" | "dots" | "textellipsis" => Some("…"),
            "textbar" | "vert" => Some("|"),
            "textasciitilde" | "sim" => Some("~"),
            "textendash" => Some("–"),
            "textemdash" => Some("—"),
            "textbullet" | "bullet" | "cdot" | "textperiodcentered" => Some("·"),
            "quad" | "qquad" | "enspace" | "hfill" | "hfil" | "space" => Some(" "),
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
        if let Some(sym) = symbol {
            out.push_replaced(
                sym,
                r.start
                    ..node
                        .child_by_field_name("name")
                        .map_or(r.end, |n| n.end_byte()),
            );
            // A trailing `{}` after a symbol command renders nothing.
            for g in gs {
                self.text_of(g, out, breaks);
            }
            return;
        }
        if name == "item" {
            if breaks {
                out.push_replaced(BREAK_STR, r.start..r.start);
            }
            for g in gs {
                self.text_of(g, out, breaks);
            }
            return;
        }
        let skip = skip_args(name);
        if skip == usize::MAX {
            return;
        }
        if name == "url" {
            if let Some(g) = gs.first() {
                let ir = inner_range(src, *g);
                out.push_verbatim(&src[ir.clone()], ir.start);
            }
            return;
        }
        for g in gs.into_iter().skip(skip) {
            self.text_of(g, out, breaks);
        }
    }
}

fn is_definition(name: &str) -> bool {
    matches!(
        name,
        "newcommand"
            | "renewcommand"
            | "providecommand"
            | "newcommand*"
            | "renewcommand*"
            | "def"
            | "DeclareRobustCommand"
            | "newenvironment"
            | "renewenvironment"
    )
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

fn has_bold(source: &str, node: Node<'_>) -> bool {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if n.kind() == "command" && matches!(command_name(source, n), "textbf" | "bfseries" | "bf")
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
