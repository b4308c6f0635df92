//! Markdown → resume model, through tree-sitter-md's block and inline trees.

use std::ops::Range;

use crate::syntax_tree::MarkdownTree;
use tree_sitter::Node;

use crate::entry_fields::{assign, skill_line, split_heading, Fields, Piece};
use crate::fields::{looks_like_date, looks_like_location, school_with_campus_len, title_score};
use crate::macros::ParseOptions;
use crate::model::{Bullet, Comment, Entry, Format, Resume, Section, SectionKind, SkillLine};
use crate::text::{moved_range, Text};

/// A block of the document, flattened in source order.
#[derive(Clone)]
enum Block {
    Heading {
        level: usize,
        text: Text,
        range: Range<usize>,
    },
    Paragraph {
        /// One text per source line (whitespace collapsed inside the line).
        lines: Vec<Text>,
        /// Plain ranges (per line) that were bold.
        bold: Vec<Vec<Range<usize>>>,
        /// Whether a line is nothing but links (`[Code](…) | [Demo](…)`).
        links: Vec<bool>,
        range: Range<usize>,
    },
    Item {
        depth: usize,
        text: Text,
        bold_lead: Option<Range<usize>>,
        range: Range<usize>,
    },
}

/// Lowers a parsed Markdown document.
pub(crate) fn lower(source: &str, tree: &MarkdownTree, options: &ParseOptions) -> Resume {
    let mut resume = Resume::empty(Format::Markdown);
    let mut blocks = Vec::new();
    let root = tree.block_tree().root_node();
    let kept = !bypassed();
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        collect(
            (source, tree),
            root,
            kept.then_some(&mut *memo),
            &mut blocks,
            &mut resume.comments,
        );
    });
    inline_comments(source, tree, &mut resume.comments);
    let resume = lower_blocks(source, resume, blocks, options);
    if kept {
        MEMO.with(|memo| memo.borrow_mut().sweep());
    }
    resume
}

/// What an open document keeps between lowerings: the blocks and heading
/// fields it read (see [`Memo`]).
#[derive(Default)]
pub(crate) struct Kept(Memo);

/// Lowers a parsed Markdown document with the blocks `kept` from its
/// earlier versions, and keeps what it reads for the next one. (A plain
/// [`lower`] reads everything and keeps nothing.)
pub(crate) fn lower_kept(
    source: &str,
    tree: &MarkdownTree,
    options: &ParseOptions,
    kept: &mut Kept,
) -> Resume {
    /// Lends the document's memo to this thread for one lowering; takes it
    /// back even when the lowering panics.
    struct Lent<'a>(&'a mut Kept);
    impl Drop for Lent<'_> {
        fn drop(&mut self) {
            MEMO.with(|m| std::mem::swap(&mut *m.borrow_mut(), &mut self.0 .0));
            ACTIVE.with(|a| a.set(false));
        }
    }
    MEMO.with(|m| std::mem::swap(&mut *m.borrow_mut(), &mut kept.0));
    ACTIVE.with(|a| a.set(true));
    let _lent = Lent(kept);
    lower(source, tree, options)
}

/// Builds sections, entries and bullets from the blocks.
fn lower_blocks(
    source: &str,
    mut resume: Resume,
    mut blocks: Vec<Block>,
    options: &ParseOptions,
) -> Resume {
    // The kind each heading names (read once: large resumes have hundreds).
    let kinds: Vec<SectionKind> = blocks
        .iter()
        .map(|b| match b {
            Block::Heading { text, .. } => SectionKind::from_heading(text.as_str()),
            _ => SectionKind::Other,
        })
        .collect();
    // Lines set as headings sit at the level of the real section headings
    // (or are the sections when there are none).
    let real_level = blocks
        .iter()
        .zip(&kinds)
        .filter_map(|(b, kind)| match b {
            Block::Heading { level, .. }
                if *level != LINE_HEADING && *kind != SectionKind::Other =>
            {
                Some(*level)
            }
            _ => None,
        })
        .min();
    for b in &mut blocks {
        if let Block::Heading { level, .. } = b {
            if *level == LINE_HEADING {
                *level = real_level.unwrap_or(2);
            }
        }
    }
    let section_level = blocks
        .iter()
        .zip(&kinds)
        .filter_map(|(b, kind)| match b {
            Block::Heading { level, .. } if *kind != SectionKind::Other => Some(*level),
            _ => None,
        })
        .min();
    let is_resume = options.force_resume.unwrap_or(section_level.is_some());
    if !is_resume {
        return resume;
    }
    resume.is_resume = true;
    let section_level = section_level.unwrap_or(1);

    let mut sections: Vec<Section> = Vec::new();
    // The level of the heading the last entry came from, and the
    // organisation heading (`### Company` over `#### Title` headings) that
    // entries below it belong to.
    let mut entry_level: Option<usize> = None;
    let mut group: Option<Group> = None;
    // Whether the last entry of the section came from a heading (and may
    // still take details from the lines under it).
    let mut from_heading = false;
    // Whether the last entry of the section came from an item of an awards
    // list.
    let mut item_entry = false;
    // The last sub-heading of a skills section, with the number of skill
    // lines the section had then.
    let mut skills_heading: Option<(Text, usize)> = None;
    for (block, heading_kind) in blocks.into_iter().zip(kinds) {
        match block {
            Block::Heading { level, text, range } => {
                // The name may follow a title (`## Résumé` then `### Jane
                // Doe | Hanoi`): any heading before the first section that
                // names none is the header's.
                let name_heading = sections.is_empty() && heading_kind == SectionKind::Other;
                // `## Skills: Python, Go`, `#### Technical Skills: SQL, R`
                // under the name: a skills section of one line.
                let inline_skills = inline_skills(&text, range.clone())
                    .filter(|_| level <= section_level || sections.is_empty());
                // A new section: its heading (the whole text when `None`),
                // kind and skill lines.
                let opened = if let Some((heading, line)) = inline_skills {
                    Some((Some(heading), SectionKind::Skills, vec![line]))
                } else if level < section_level
                    || (sections.is_empty() && level > section_level)
                    || name_heading
                {
                    // The name: above the sections, or the first heading of
                    // the document at their level (`## Jane Doe`).
                    resume.header.push(text);
                    continue;
                } else if level == section_level {
                    Some((None, heading_kind, Vec::new()))
                } else {
                    None
                };
                if let Some((heading, kind, skills)) = opened {
                    let heading = heading.unwrap_or(text);
                    entry_level = None;
                    item_entry = false;
                    group = None;
                    skills_heading = None;
                    if let Some(s) = sections.last_mut() {
                        s.range.end = s.range.end.min(range.start);
                    }
                    sections.push(Section {
                        kind,
                        heading,
                        range: range.start..source.len(),
                        entries: Vec::new(),
                        bullets: Vec::new(),
                        skills,
                        prose: Vec::new(),
                    });
                } else if let Some(section) = sections
                    .last_mut()
                    .filter(|s| s.kind == SectionKind::Skills)
                {
                    // `### Programming & Development` inside Skills groups
                    // skill lines; a lone line under it is its list
                    // (`#### **Databases**` then `MongoDB, SQLite`).
                    skills_heading = Some((text, section.skills.len()));
                } else if let Some(section) = sections.last_mut() {
                    if group.as_ref().is_some_and(|g| level <= g.level) {
                        group = None;
                    }
                    if let Some(g) = bare_name_over(section, entry_level, level) {
                        group = Some(g);
                    }
                    let fields = heading_fields(&text, &[], section.kind, false);
                    let mut entry = new_entry(fields, range);
                    if let Some(g) = &group {
                        inherit(&mut entry, g);
                    }
                    section.entries.push(entry);
                    entry_level = Some(level);
                    item_entry = false;
                    from_heading = true;
                }
            }
            Block::Paragraph {
                lines,
                bold,
                links,
                range,
            } => {
                let Some(section) = sections.last_mut() else {
                    resume.header.extend(lines);
                    continue;
                };
                // A line of links under a project (`[Code](…) | [Demo](…)`)
                // names no field and says nothing.
                let (lines, bold): (Vec<Text>, Vec<Vec<Range<usize>>>) = lines
                    .into_iter()
                    .zip(bold)
                    .zip(&links)
                    .filter(|(_, only_links)| !**only_links)
                    .map(|(line, _)| line)
                    .unzip();
                // Technology lines go to the entry the paragraph leaves last.
                let (tech, (lines, bold)): (Vec<Text>, (Vec<Text>, Vec<_>)) =
                    if section.kind == SectionKind::Skills {
                        (Vec::new(), (lines, bold))
                    } else {
                        let (tech, rest): (Vec<_>, Vec<_>) = lines
                            .into_iter()
                            .zip(bold)
                            .partition(|(line, _)| tech_list(line).is_some());
                        (
                            tech.into_iter().map(|(l, _)| l).collect(),
                            rest.into_iter().unzip(),
                        )
                    };
                if lines.is_empty() {
                    for line in &tech {
                        if !took_tech(section, line) {
                            push_prose(section, std::slice::from_ref(line));
                        }
                    }
                    continue;
                }
                let heading_org = group.clone().or_else(|| {
                    entry_level?;
                    let last = section.entries.last()?;
                    Some(Group {
                        level: 0,
                        organisation: last.organisation.clone()?,
                        location: last.location.clone(),
                    })
                });
                let entries = section.entries.len();
                paragraph(
                    source,
                    section,
                    lines,
                    bold,
                    range,
                    heading_org.as_ref(),
                    from_heading,
                );
                from_heading &= section.entries.len() == entries;
                item_entry &= section.entries.len() == entries;
                for line in &tech {
                    if !took_tech(section, line) {
                        push_prose(section, std::slice::from_ref(line));
                    }
                }
                if let Some((heading, before)) = skills_heading.take() {
                    if section.skills.len() == before + 1
                        && section.skills[before].category.is_none()
                    {
                        section.skills[before].category = Some(heading);
                    }
                }
            }
            Block::Item {
                depth,
                text,
                bold_lead,
                range,
            } => {
                let Some(section) = sections.last_mut() else {
                    resume.header.push(text);
                    continue;
                };
                if section.kind == SectionKind::Skills {
                    skills_heading = None;
                    section.skills.push(skills_line(&text, range));
                    continue;
                }
                if took_tech(section, &text) {
                    continue;
                }
                // `- **Certified Kubernetes Administrator** – CNCF (2021)`:
                // an item of an awards list (not a bullet under an award
                // heading) that names an award with its issuer or date is an
                // entry, as the same line in a paragraph or a table row is.
                let awards_list = depth == 0
                    && section.kind == SectionKind::Awards
                    && (entry_level.is_none() || item_entry);
                if awards_list {
                    if let Some(entry) = award_item(&text, bold_lead.clone(), range.clone()) {
                        section.entries.push(entry);
                        item_entry = true;
                        from_heading = false;
                        continue;
                    }
                }
                let (lead, text) = split_lead(&text, bold_lead);
                let bullet = Bullet {
                    text,
                    lead,
                    range,
                    depth,
                };
                if awards_list && item_entry {
                    // A plain item among them is the section's, not the
                    // description of the award before it.
                    section.bullets.push(bullet);
                } else {
                    push_bullet(section, bullet);
                }
            }
        }
    }
    resume.sections = sections;
    resume
}

/// Whether `line` is the technology list of the section's last entry
/// (`Tech Stack: Rust, Postgres`, `*Technologies Used: Python, Dart*`,
/// `- **Key skills:** API Design, CI/CD`), which then takes it when it has
/// none yet.
fn took_tech(section: &mut Section, line: &Text) -> bool {
    if section.kind == SectionKind::Skills {
        return false;
    }
    let Some(entry) = section.entries.last_mut() else {
        return false;
    };
    let Some(items) = tech_list(line) else {
        return false;
    };
    if entry.tech.is_none() {
        entry.tech = Some(items);
    }
    true
}

/// The list after a technology label (`Tech:`, `Built with:`).
fn tech_list(line: &Text) -> Option<Text> {
    const LABELS: [&str; 14] = [
        "tech",
        "technologies",
        "technology",
        "tech stack",
        "stack",
        "tools",
        "built with",
        "key skills",
        "skills",
        "skills used",
        "environment",
        "technical environment",
        "tools & technologies",
        "tools and technologies",
    ];
    let s = line.as_str();
    let colon = s.find(':').filter(|i| *i <= 30)?;
    let label = s[..colon].trim().to_lowercase();
    let label = label.trim_end_matches(" used");
    let items = line.slice(colon + 1..s.len()).trimmed();
    let list = items.as_str().contains([',', '|', '/', '·', '•']);
    (LABELS.contains(&label) && list).then_some(items)
}

/// The section name and skill line of a heading that lists skills after a
/// colon (`Technical Skills: Python, SQL`).
fn inline_skills(text: &Text, range: Range<usize>) -> Option<(Text, SkillLine)> {
    let s = text.as_str();
    let colon = s.find(':')?;
    let name = s[..colon].trim_end();
    let items = text.slice(colon + 1..s.len()).trimmed();
    if items.is_empty()
        || name.split_whitespace().count() > 4
        || SectionKind::from_heading(name) != SectionKind::Skills
    {
        return None;
    }
    let line_range = items.source_span().unwrap_or(range);
    Some((
        text.slice(0..name.len()),
        SkillLine {
            category: None,
            items,
            range: line_range,
        },
    ))
}

/// An organisation heading with entries under it.
#[derive(Clone)]
struct Group {
    level: usize,
    organisation: Text,
    location: Option<Text>,
}

/// When a heading at `level` follows an entry heading at a higher level
/// that only names an organisation (`### Tucano Pay`, then `#### Staff
/// Engineer (2022 – Present)`), that entry is the organisation of the
/// entries below it: it is taken out and returned as a group.
fn bare_name_over(
    section: &mut Section,
    entry_level: Option<usize>,
    level: usize,
) -> Option<Group> {
    let above = entry_level.filter(|l| *l < level)?;
    let last = section.entries.last()?;
    if !last.bullets.is_empty() || (last.title.is_some() && last.organisation.is_some()) {
        return None;
    }
    let last = section.entries.pop()?;
    Some(Group {
        level: above,
        organisation: last.organisation.or(last.title)?,
        location: last.location,
    })
}

/// Gives an entry without an organisation the group's organisation (and its
/// location, when the entry names none).
fn inherit(entry: &mut Entry, group: &Group) {
    if entry.organisation.is_some() {
        return;
    }
    entry.organisation = Some(group.organisation.clone());
    if entry.location.is_none() {
        entry.location = group.location.clone();
    }
}

fn push_bullet(section: &mut Section, bullet: Bullet) {
    if let Some(entry) = section.entries.last_mut() {
        entry.range.end = entry.range.end.max(bullet.range.end);
        entry.bullets.push(bullet);
    } else {
        section.bullets.push(bullet);
    }
}

/// Characters that start a bullet typed (or pasted) as plain text.
const BULLET_GLYPHS: [char; 11] = ['•', '◦', '▪', '●', '■', '➢', '➤', '►', '✓', '✔', '·'];

/// The bullet text of a line that starts with a bullet glyph and a space.
fn glyph_bullet(line: &Text) -> Option<Text> {
    let s = line.as_str();
    let c = s.chars().next()?;
    if !BULLET_GLYPHS.contains(&c) || !s[c.len_utf8()..].starts_with(char::is_whitespace) {
        return None;
    }
    Some(line.slice(c.len_utf8()..s.len()).trimmed())
}

fn new_entry(f: Fields, range: Range<usize>) -> Entry {
    Entry {
        organisation: f.organisation,
        title: f.title,
        location: f.location,
        dates: f.dates,
        tech: f.tech,
        heading_range: range.clone(),
        range,
        bullets: Vec::new(),
    }
}

/// A paragraph inside a section: entry lines, detail lines, skills or prose.
fn paragraph(
    source: &str,
    section: &mut Section,
    lines: Vec<Text>,
    bold: Vec<Vec<Range<usize>>>,
    range: Range<usize>,
    heading_org: Option<&Group>,
    from_heading: bool,
) {
    // Lines typed as `• text` are bullets; lines before the first one are a
    // paragraph of their own, lines after one continue it.
    if let Some(first) = lines.iter().position(|l| glyph_bullet(l).is_some()) {
        if first > 0 {
            let head_range =
                range.start..lines[first - 1].source_span().map_or(range.end, |r| r.end);
            let (head, rest) = lines.split_at(first);
            paragraph(
                source,
                section,
                head.to_vec(),
                bold[..first].to_vec(),
                head_range,
                heading_org,
                from_heading,
            );
            return paragraph(
                source,
                section,
                rest.to_vec(),
                bold[first..].to_vec(),
                range,
                None,
                false,
            );
        }
        let mut current: Option<Bullet> = None;
        for line in &lines {
            let span = line.source_span().unwrap_or(range.clone());
            if let Some(text) = glyph_bullet(line) {
                if let Some(b) = current.take() {
                    push_bullet(section, b);
                }
                current = Some(Bullet {
                    text,
                    lead: None,
                    range: span,
                    depth: 0,
                });
            } else if let Some(b) = current.as_mut() {
                if let Some(prev) = b.text.source_span() {
                    b.text
                        .push_replaced(" ", prev.end..span.start.max(prev.end));
                }
                b.text.push_text(line);
                b.range.end = span.end;
            }
        }
        if let Some(b) = current {
            push_bullet(section, b);
        }
        return;
    }
    if section.kind == SectionKind::Skills {
        for line in &lines {
            let r = line.source_span().unwrap_or(range.clone());
            section.skills.push(skills_line(line, r));
        }
        return;
    }
    let first = &lines[0];
    let first_bold = &bold[0];
    let starts_bold = first_bold.first().is_some_and(|r| r.start == 0);
    let pieces = heading_pieces(first, first_bold);
    let has_date = pieces.iter().any(|p| looks_like_date(p.text.as_str()));
    let is_entry_line = (starts_bold && (pieces.len() >= 2 || has_date))
        || (has_date && pieces.len() >= 2 && first.len() < 160)
        || bold_name(section, (&lines, &bold), from_heading);
    // An organisation line under a heading that named the role and dates
    // (`### Platform Engineer (2021 – Present)` then `**Orchard Health**,
    // Boston, MA`); entry lines of their own never wait for one.
    // A line with its own dates under an entry that has dates is the next
    // entry (`**Dean's List** | 2019` then `**Hackathon Winner** | 2020`).
    // A place of its own (`*Rotterdam, NL*`) under an entry without one is
    // its location.
    let place = is_place(first.as_str());
    // A bold entry line after an entry line that named both sides is the
    // next entry (`**Rust Programming** - Learnwell` then `**Best Poster
    // Award** – Data Society | 2022`).
    let next_entry_line = is_entry_line && starts_bold && !from_heading;
    let entry_open = section.entries.last().is_some_and(|e| {
        e.bullets.is_empty()
            && !(has_date && e.dates.is_some())
            && !(next_entry_line && e.title.is_some() && e.organisation.is_some())
            && (e.dates.is_none()
                || e.title.is_none()
                || (from_heading && e.organisation.is_none())
                || (place && e.location.is_none()))
    });
    let detail = has_date || (pieces.len() <= 3 && reads_like_names(first, first_bold));
    if entry_open && detail && first.len() < 120 {
        // A detail line under an entry heading: `*Jan 2020 – Present*`,
        // `Software Engineer | Chicago, IL`.
        let kind = section.kind;
        let entry = section.entries.last_mut().expect("checked above");
        let details = take_details(source, entry, (&lines, &bold), 0, kind);
        entry.range.end = entry.range.end.max(lines_end(&lines[..details], &range));
        return rest_of_paragraph(source, section, (lines, bold), details, range, heading_org);
    }
    if is_entry_line {
        let mut entry = new_entry(
            heading_fields(first, first_bold, section.kind, false),
            range.clone(),
        );
        // `**Senior Engineer** | 2019 – 2022` under `### Company`.
        if let Some(g) = heading_org.filter(|_| entry.title.is_some()) {
            inherit(&mut entry, g);
        }
        let details = take_details(source, &mut entry, (&lines, &bold), 1, section.kind);
        if details < lines.len() {
            entry.range.end = lines_end(&lines[..details], &range);
            entry.heading_range.end = entry.range.end;
        }
        section.entries.push(entry);
        return rest_of_paragraph(source, section, (lines, bold), details, range, heading_org);
    }
    push_prose(section, &lines);
}

/// The entry an item of an awards list names, when it reads as names
/// rather than a sentence and has a date, or a bold name with its issuer
/// (`**AWS Certified Developer** – Amazon Web Services *(Sep 2022)*`,
/// `Certified Public Accountant, 2018`). A lead-in item (`**Dean's List:**
/// four terms`) stays a bullet.
fn award_item(text: &Text, bold_lead: Option<Range<usize>>, range: Range<usize>) -> Option<Entry> {
    let s = text.as_str();
    let bold: Vec<Range<usize>> = bold_lead.into_iter().collect();
    let starts_bold = bold.first().is_some_and(|r| r.start == 0);
    let lead_in = bold.first().is_some_and(|r| {
        s[..r.end].trim_end().ends_with(':') || s[r.end..].trim_start().starts_with(':')
    });
    if lead_in || s.len() >= 160 || s.ends_with('.') || !reads_like_names(text, &bold) {
        return None;
    }
    let pieces = heading_pieces(text, &bold);
    let has_date = pieces.iter().any(|p| looks_like_date(p.text.as_str()));
    if pieces.len() < 2 || !(has_date || starts_bold) {
        return None;
    }
    Some(new_entry(
        heading_fields(text, &bold, SectionKind::Awards, false),
        range,
    ))
}

/// `**Alumni Management System**` over `*TypeScript, Node.js*`, or alone
/// over the bullets: a short name set in bold on a line of its own heads an
/// entry when detail lines follow it, or in a section of entries whose
/// entries do not come from headings (there, a bold line is a sub-heading
/// inside an entry).
fn bold_name(
    section: &Section,
    (lines, bold): (&[Text], &[Vec<Range<usize>>]),
    from_heading: bool,
) -> bool {
    let s = lines[0].as_str();
    // `**McGill University**, Montreal`: the campus is part of the name.
    let campus_after = |end: usize| {
        school_with_campus_len(s) == Some(s.len()) && s.find(", ").is_some_and(|i| end >= i)
    };
    let all_bold = bold[0]
        .first()
        .is_some_and(|r| r.start == 0 && (r.end >= s.len() || campus_after(r.end)));
    if !all_bold || s.contains(':') || s.ends_with('.') || s.split_whitespace().count() > 8 {
        return false;
    }
    let details_follow = lines
        .get(1)
        .is_some_and(|l| line_has_date(l, &bold[1]) || reads_like_names(l, &bold[1]));
    let entry_section = matches!(
        section.kind,
        SectionKind::Experience
            | SectionKind::Projects
            | SectionKind::Education
            | SectionKind::Leadership
    );
    details_follow || (entry_section && (section.entries.is_empty() || !from_heading))
}

/// Fills `entry` from the lines of its paragraph from `from` on, up to the
/// first that reads as a sentence (`Built the billing system.`, the entry's
/// description) or that brings dates when the entry has its own (`B.S.
/// Biology | Lakeside College (2014 - 2018)` under `M.S. Ecology | Lakeside
/// College (2018 - 2020)`, the next entry). Returns where it stopped.
fn take_details(
    source: &str,
    entry: &mut Entry,
    (lines, bold): (&[Text], &[Vec<Range<usize>>]),
    from: usize,
    kind: SectionKind,
) -> usize {
    let mut at = from;
    while let Some(line) = lines.get(at) {
        let dated = line_has_date(line, &bold[at]);
        if dated && entry.dates.is_some() || !(dated || reads_like_names(line, &bold[at])) {
            break;
        }
        let named = entry.title.is_some();
        fill(source, entry, heading_fields(line, &bold[at], kind, named));
        at += 1;
    }
    at.max(1)
}

/// The lines of a paragraph after an entry's own (`done` of them): the
/// next entry, or a description.
fn rest_of_paragraph(
    source: &str,
    section: &mut Section,
    (mut lines, mut bold): (Vec<Text>, Vec<Vec<Range<usize>>>),
    done: usize,
    range: Range<usize>,
    heading_org: Option<&Group>,
) {
    if done >= lines.len() {
        return;
    }
    let rest_range = lines[done]
        .source_span()
        .map_or(range.clone(), |r| r.start..range.end);
    let rest = lines.split_off(done);
    let rest_bold = bold.split_off(done);
    paragraph(
        source,
        section,
        rest,
        rest_bold,
        rest_range,
        heading_org,
        false,
    );
}

/// Whether a piece of the line reads as a date.
fn line_has_date(line: &Text, bold: &[Range<usize>]) -> bool {
    heading_pieces(line, bold)
        .iter()
        .any(|p| looks_like_date(p.text.as_str()))
}

/// The source offset where the last of `lines` ends (the end of `range`
/// when there is none).
fn lines_end(lines: &[Text], range: &Range<usize>) -> usize {
    lines
        .last()
        .and_then(Text::source_span)
        .map_or(range.end, |r| r.end)
}

/// Lines of a paragraph as one piece of section prose, the line breaks
/// read as spaces.
fn push_prose(section: &mut Section, lines: &[Text]) {
    if lines.is_empty() {
        return;
    }
    let mut prose = Text::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            if let (Some(a), Some(b)) = (lines[i - 1].source_span(), line.source_span()) {
                prose.push_replaced(" ", a.end..b.start);
            }
        }
        prose.push_text(line);
    }
    section.prose.push(prose);
}

/// The entry fields of one heading line (`### Title — Company`,
/// `**Company** | Title | Jan 2020 – Present`, a detail line under a heading).
/// `named` says whether the entry already has its title (the line is a
/// detail line under it).
fn heading_fields(line: &Text, bold: &[Range<usize>], kind: SectionKind, named: bool) -> Fields {
    memo_line(
        |m| &mut m.fields,
        line,
        bold,
        Some(kind),
        named,
        moved_fields,
        || fields_of(heading_pieces(line, bold), line, kind, named),
    )
}

/// Splits a heading line into pieces, then puts back together the pieces a
/// comma split that cannot all be names: `Charge Nurse, Cardiac ICU — Mercy
/// Hospital` holds a title and an organisation, not three names, and a bold
/// run (`**College of Engineering, Pune**`) is one name.
fn heading_pieces(line: &Text, bold: &[Range<usize>]) -> Vec<Piece> {
    memo_line(
        |m| &mut m.pieces,
        line,
        bold,
        None,
        false,
        |p: &Vec<Piece>, from, to| moved_pieces(p, from, to),
        || read_heading_pieces(line, bold),
    )
}

fn read_heading_pieces(line: &Text, bold: &[Range<usize>]) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = split_heading(line, bold)
        .into_iter()
        .flat_map(|p| split_organisation_from_location(p, line, bold))
        .flat_map(split_location_in_parentheses)
        .filter_map(trim_separators)
        .collect();
    let is_name = |p: &Piece| {
        let s = p.text.as_str();
        !looks_like_date(s) && !looks_like_location(s)
    };
    let offsets = |pieces: &[Piece]| -> Vec<Option<Range<usize>>> {
        pieces
            .iter()
            .map(|p| plain_range_in(line, &p.text))
            .collect()
    };
    let mut i = 0;
    while i + 1 < pieces.len() {
        let ranges = offsets(&pieces);
        let (Some(a), Some(b)) = (ranges[i].clone(), ranges[i + 1].clone()) else {
            i += 1;
            continue;
        };
        let comma_between = a.end <= b.start && line.as_str()[a.end..b.start].trim() == ",";
        let names = pieces.iter().filter(|p| is_name(p)).count();
        let one_bold_run = bold.iter().any(|r| r.start <= a.start && b.end <= r.end);
        let both_names = is_name(&pieces[i]) && is_name(&pieces[i + 1]);
        if comma_between && both_names && (one_bold_run || names > 2) {
            let merged = line.slice(a.start..b.end);
            pieces[i] = Piece {
                text: merged,
                role: pieces[i].role,
                bold: pieces[i].bold || one_bold_run,
            };
            pieces.remove(i + 1);
        } else {
            i += 1;
        }
    }
    pieces
}

/// Removes separator punctuation a split left at the ends of a piece
/// (`- Mar 2017 - Dec 2019` from `Engineer - Acme - Mar 2017 - Dec 2019`).
fn trim_separators(p: Piece) -> Option<Piece> {
    let s = p.text.as_str();
    let is_sep =
        |c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '|' | '·' | '•' | ',');
    let start = s.len() - s.trim_start_matches(is_sep).len();
    let end = s.trim_end_matches(is_sep).len();
    if start >= end {
        return None;
    }
    Some(Piece {
        text: p.text.slice(start..end),
        ..p
    })
}

/// `Northwind (Berlin, Germany)`, `Kestrel Analytics (Remote)`: a location
/// in parentheses after a name is a piece of its own.
fn split_location_in_parentheses(p: Piece) -> Vec<Piece> {
    let s = p.text.as_str();
    let Some(open) = s.rfind('(').filter(|_| s.ends_with(')')) else {
        return vec![p];
    };
    let inner = &s[open + 1..s.len() - 1];
    let head = s[..open].trim_end();
    if head.is_empty() || !(looks_like_location(inner) || is_place(inner)) {
        return vec![p];
    }
    let head_text = p.text.slice(0..head.len());
    let inner_text = p.text.slice(open + 1..s.len() - 1).trimmed();
    vec![
        Piece {
            text: head_text,
            role: p.role,
            bold: p.bold,
        },
        Piece {
            text: inner_text,
            role: p.role,
            bold: p.bold,
        },
    ]
}

/// `Acme Corp, Denver, CO` reads as a location as a whole; when the part
/// before the first comma is plainly an organisation (`Corp`, `University`,
/// `Hospital`, ..., or set in bold: `**Orchard Health**, Boston, MA`) and the
/// rest is a place, they are two pieces.
fn split_organisation_from_location(p: Piece, line: &Text, bold: &[Range<usize>]) -> Vec<Piece> {
    let s = p.text.as_str();
    if !looks_like_location(s) || s.matches(", ").count() < 2 {
        return vec![p];
    }
    let Some(i) = s.find(", ") else {
        return vec![p];
    };
    let head_is_bold = plain_range_in(line, &p.text).is_some_and(|r| {
        bold.iter()
            .any(|b| b.start == r.start && b.end == r.start + i)
    });
    let names_an_organisation = title_score(&s[..i]) < 0 || head_is_bold;
    if !names_an_organisation || !is_place(&s[i + 2..]) {
        return vec![p];
    }
    let head = p.text.slice(0..i);
    let tail = p.text.slice(i + 2..s.len());
    vec![
        Piece {
            text: head,
            role: p.role,
            bold: p.bold,
        },
        Piece {
            text: tail,
            role: p.role,
            bold: p.bold,
        },
    ]
}

/// When nothing tells a title from an organisation (no job-title or
/// organisation words, no bold), a heading reads title first, as in
/// `### Systems Administrator - Fynbos Telecom`.
fn title_first_on_a_tie(mut f: Fields, bold_starts: &[usize]) -> Fields {
    let (Some(org), Some(title)) = (&f.organisation, &f.title) else {
        return f;
    };
    let (Some(o), Some(t)) = (org.source_span(), title.source_span()) else {
        return f;
    };
    let bold = |start: usize| bold_starts.contains(&start);
    if o.start < t.start
        && !bold(o.start)
        && !bold(t.start)
        && title_score(org.as_str()) == title_score(title.as_str())
    {
        std::mem::swap(&mut f.organisation, &mut f.title);
    }
    f
}

/// `**Python Programming** - Udemy`, `**Best Paper Award** – Data Society`:
/// in awards and certifications the name comes first and the issuer after
/// it, when their words do not say otherwise.
fn award_first(mut f: Fields) -> Fields {
    let (Some(org), Some(title)) = (&f.organisation, &f.title) else {
        return f;
    };
    let (Some(o), Some(t)) = (org.source_span(), title.source_span()) else {
        return f;
    };
    if o.start < t.start && title_score(org.as_str()) <= 0 && title_score(title.as_str()) <= 0 {
        std::mem::swap(&mut f.organisation, &mut f.title);
    }
    f
}

/// `Data Engineer, Northwind Traders, Austin, TX`: with no organisation
/// found, a location of three or more comma parts whose tail is a location
/// starts with the organisation.
fn organisation_from_location(mut f: Fields) -> Fields {
    if f.organisation.is_some() || f.title.is_none() {
        return f;
    }
    let Some(loc) = f.location.take() else {
        return f;
    };
    let s = loc.as_str();
    match s.find(", ") {
        Some(i) if s.matches(", ").count() >= 2 && is_place(&s[i + 2..]) => {
            f.organisation = Some(loc.slice(0..i).trimmed());
            f.location = Some(loc.slice(i + 2..s.len()).trimmed());
        }
        _ => f.location = Some(loc),
    }
    f
}

/// `Cape Town, WC`: a location, or a capitalised `City, Region` pair with a
/// short region.
fn is_place(s: &str) -> bool {
    if looks_like_location(s) {
        return true;
    }
    let parts: Vec<&str> = s.split(", ").collect();
    let capitalised = |p: &str| {
        p.split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    };
    parts.len() == 2
        && parts.iter().all(|p| !p.is_empty() && capitalised(p))
        && parts[1].split_whitespace().count() <= 2
        && title_score(s) <= 0
        // `McGill University, Montreal`: a school with its campus.
        && school_with_campus_len(s).is_none()
}

/// Assigns pieces to entry fields. In a projects section the first name is
/// the project (the title) and a list after it is the technology
/// (`Transit Explorer | Python, DuckDB`), as in LaTeX's
/// `\resumeProjectHeading{name | tech}{dates}`. On a detail line under a
/// named project (`named`), a list is the technology.
fn fields_of(pieces: Vec<Piece>, line: &Text, kind: SectionKind, named: bool) -> Fields {
    if kind != SectionKind::Projects {
        let bold_starts: Vec<usize> = pieces
            .iter()
            .filter(|p| p.bold)
            .filter_map(|p| p.text.source_span().map(|r| r.start))
            .collect();
        let f = title_first_on_a_tie(organisation_from_location(assign(pieces)), &bold_starts);
        return if kind == SectionKind::Awards {
            award_first(f)
        } else {
            f
        };
    }
    let mut dates = None;
    let mut names: Vec<Piece> = Vec::new();
    for p in pieces {
        if dates.is_none() && looks_like_date(p.text.as_str()) {
            dates = Some(p.text);
        } else {
            names.push(p);
        }
    }
    let piped = line.as_str().contains('|');
    if !piped && !named {
        names = dash_joined_name(names, line);
    }
    let mut f = Fields {
        dates,
        ..Fields::default()
    };
    for (i, p) in names.into_iter().enumerate() {
        let s = p.text.as_str();
        let is_list = s.contains(", ") || s.contains(" / ") || s.contains("; ");
        if i == 0 && !(named && is_list) {
            f.title = Some(p.text);
        } else if f.tech.is_none() && (is_list || piped || named) {
            f.tech = Some(p.text);
        } else if f.organisation.is_none() {
            f.organisation = Some(p.text);
        } else if f.location.is_none() && looks_like_location(s) {
            f.location = Some(p.text);
        }
    }
    f
}

/// `First Project - Rover`, `Capstone Project – Mars Rover`: in a projects
/// section two names joined by a dash are one project name (a label and the
/// name, or a name and what it is), not a project and an organisation, as a
/// project heading in LaTeX names no organisation either. A second part that
/// is a list (the technology), or that holds job-title or organisation words
/// (`Flood Maps – Kestrel University`), stays a piece of its own.
fn dash_joined_name(names: Vec<Piece>, line: &Text) -> Vec<Piece> {
    let [first, second] = &names[..] else {
        return names;
    };
    let s = second.text.as_str();
    let is_list = s.contains(", ") || s.contains(" / ") || s.contains("; ");
    if is_list || title_score(s) != 0 || looks_like_location(s) {
        return names;
    }
    let (Some(a), Some(b)) = (
        plain_range_in(line, &first.text),
        plain_range_in(line, &second.text),
    ) else {
        return names;
    };
    let between = line.as_str().get(a.end..b.start).unwrap_or("").trim();
    if a.end > b.start || !matches!(between, "-" | "–" | "—" | "--" | "---") {
        return names;
    }
    vec![Piece {
        text: line.slice(a.start..b.end),
        role: first.role,
        bold: first.bold,
    }]
}

/// Plain range of `part` (a slice of `line`) inside `line`, found through the
/// source map.
fn plain_range_in(line: &Text, part: &Text) -> Option<Range<usize>> {
    let src = part.source_span()?.start;
    let start = line
        .as_str()
        .char_indices()
        .map(|(i, _)| i)
        .find(|i| line.source_offset(*i) == Some(src))?;
    let end = start + part.len();
    (end <= line.len() && line.as_str().is_char_boundary(end)).then_some(start..end)
}

/// Removes `_emphasis_` delimiters the inline parser left in the text.
/// tree-sitter-md does not close `_` emphasis after a digit
/// (`_May 2021 – Aug 2021_`), so the underscores reach the plain text; a pair
/// of source underscores that opens at a word start and closes at a word end
/// is emphasis by CommonMark's rules and carries no text. Escaped `\_` and
/// underscores inside words (`snake_case`) stay.
fn strip_stray_underscores(t: &Text) -> Text {
    let s = t.as_str();
    if !s.contains('_') {
        return t.clone();
    }
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let is_source_underscore = |i: usize| {
        t.source_range(i..i + 1)
            .is_some_and(|r| r.end - r.start == 1)
    };
    let mut drop = Vec::new();
    let mut open: Option<usize> = None;
    for (k, &(i, c)) in chars.iter().enumerate() {
        if c != '_' || !is_source_underscore(i) {
            continue;
        }
        let prev = k.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(k + 1).map(|x| x.1);
        let opens = prev.is_none_or(|p| p.is_whitespace() || "([{\"“‘".contains(p))
            && next.is_some_and(|n| !n.is_whitespace() && n != '_');
        let closes = prev.is_some_and(|p| !p.is_whitespace() && p != '_')
            && next.is_none_or(|n| n.is_whitespace() || ".,;:!?)]}\"”’·|".contains(n));
        match open {
            Some(o) if closes => {
                drop.push(o);
                drop.push(i);
                open = None;
            }
            None if opens => open = Some(i),
            _ => {}
        }
    }
    if drop.is_empty() {
        return t.clone();
    }
    let mut out = Text::new();
    let mut at = 0;
    for d in drop {
        out.push_text(&t.slice(at..d));
        at = d + 1;
    }
    out.push_text(&t.slice(at..s.len()));
    out.collapse_whitespace()
}

/// Whether a line reads like names (`**Orchard Health**, Boston, MA`,
/// `Senior Staff Accountant`, `Kotlin, Jetpack Compose`) rather than a
/// sentence (`Kept the data platform running for 40 hospitals.`): it starts
/// bold, or most of its words are capitalised.
fn reads_like_names(line: &Text, bold: &[Range<usize>]) -> bool {
    if bold.first().is_some_and(|r| r.start == 0) {
        return true;
    }
    const SMALL: [&str; 12] = [
        "of", "and", "the", "for", "in", "at", "de", "da", "du", "von", "&", "on",
    ];
    let words: Vec<&str> = line
        .as_str()
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|' || c == '·')
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .filter(|w| !SMALL.contains(&w.to_lowercase().as_str()))
        .collect();
    if words.is_empty() || words.len() > 12 {
        return false;
    }
    let capitalised = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    capitalised * 2 >= words.len()
}

/// Fills the fields an entry lacks from a detail line under its heading.
fn fill(source: &str, entry: &mut Entry, f: Fields) {
    if entry.dates.is_none() {
        entry.dates = f.dates;
    }
    if entry.location.is_none() {
        entry.location = f.location;
    }
    if entry.tech.is_none() {
        entry.tech = f.tech;
    }
    // `**Fayoum University**, Faculty of Science` then `*Bachelor's Degree
    // in Physics*`: the name after the organisation's comma was part of it.
    if let (Some(old), Some(org), Some(new)) = (&entry.title, &entry.organisation, &f.title) {
        let (o, t) = org
            .source_span()
            .zip(old.source_span())
            .unwrap_or((0..0, 0..0));
        if title_score(new.as_str()) > 0
            && title_score(old.as_str()) <= 0
            && source
                .get(o.end..t.start)
                .is_some_and(|s| s.trim_matches(['*', '_']) == ", ")
        {
            let mut joined = org.clone();
            joined.push_replaced(", ", o.end..t.start);
            joined.push_text(old);
            entry.organisation = Some(joined);
            entry.title = None;
        }
    }
    // `**Kestrel Labs**` then `Software Engineer`: a title under a name
    // that is none makes that name the organisation.
    if entry.organisation.is_none() {
        if let (Some(old), Some(new)) = (&entry.title, &f.title) {
            if title_score(new.as_str()) > 0 && title_score(old.as_str()) <= 0 {
                entry.organisation = entry.title.take();
            }
        }
    }
    let mut names = [f.title, f.organisation].into_iter().flatten();
    if entry.title.is_none() {
        entry.title = names.next();
    }
    if entry.organisation.is_none() {
        entry.organisation = names.next();
    }
    if let Some(org) = names.next() {
        rejoin_title(source, entry, org);
    }
}

/// `### Master of Science, Computer Science` then `University of Helsinki,
/// 2018`: the heading's comma split made the field of study the
/// organisation. When the detail line names a plain organisation (`University`,
/// `Corp`, ...) and the entry's organisation does not read as one, the
/// heading's two parts are the title again and the detail line's name is the
/// organisation.
fn rejoin_title(source: &str, entry: &mut Entry, org: Text) {
    let (Some(title), Some(old)) = (&entry.title, &entry.organisation) else {
        return;
    };
    if title_score(org.as_str()) >= 0 || title_score(old.as_str()) < 0 {
        return;
    }
    let (Some(t), Some(o)) = (title.source_span(), old.source_span()) else {
        return;
    };
    if source.get(t.end..o.start) != Some(", ") {
        return;
    }
    let mut joined = title.clone();
    joined.push_verbatim(", ", t.end);
    joined.push_text(old);
    entry.title = Some(joined);
    entry.organisation = Some(org);
}

/// `**Lead:** text` or `**Lead** – text` → (lead, text).
fn split_lead(text: &Text, bold: Option<Range<usize>>) -> (Option<Text>, Text) {
    let Some(b) = bold else {
        return (None, text.clone());
    };
    let s = text.as_str();
    let lead = s[b.clone()].trim_end();
    let after = s[b.end..].trim_start();
    let colon_in = lead.ends_with(':');
    let colon_after = after.starts_with(':') || after.starts_with('–') || after.starts_with('—');
    if b.start != 0 || !(colon_in || colon_after) || lead.split_whitespace().count() > 6 {
        return (None, text.clone());
    }
    let lead_text = text.slice(0..b.end).trimmed();
    let lead_str = lead_text.as_str().trim_end_matches(':').trim_end();
    let lead_text = lead_text.slice(0..lead_str.len());
    let mut rest = b.end;
    let bytes = s.as_bytes();
    while rest < s.len() && (bytes[rest] == b' ' || bytes[rest] == b':') {
        rest += 1;
    }
    for dash in ["–", "—"] {
        if s[rest..].starts_with(dash) {
            rest += dash.len();
        }
    }
    (Some(lead_text), text.slice(rest..s.len()).trimmed())
}

/// The blocks of the top-level lists, paragraphs, headings and tables under
/// `node`, through `memo` when given.
fn collect(
    (source, tree): (&str, &MarkdownTree),
    node: Node<'_>,
    mut memo: Option<&mut Memo>,
    out: &mut Vec<Block>,
    comments: &mut Vec<Comment>,
) {
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        match child.kind() {
            "section" => collect((source, tree), child, memo.as_deref_mut(), out, comments),
            // Inside a quote, a block's structure depends on the quote
            // markers around it: read afresh.
            "block_quote" => collect((source, tree), child, None, out, comments),
            _ => match memo.as_deref_mut() {
                Some(memo) => memo_leaf(memo, source, child, out, comments, |out, comments| {
                    leaf(source, tree, child, out, comments)
                }),
                None => leaf(source, tree, child, out, comments),
            },
        }
    }
}

/// The blocks and comments of one block node that holds no sections.
fn leaf(
    source: &str,
    tree: &MarkdownTree,
    child: Node<'_>,
    out: &mut Vec<Block>,
    comments: &mut Vec<Comment>,
) {
    match child.kind() {
        "atx_heading" | "setext_heading" => {
            let level = heading_level(child);
            let text = child
                .child_by_field_name("heading_content")
                .or_else(|| {
                    first_child_of_kind(child, "paragraph")
                        .and_then(|p| first_child_of_kind(p, "inline"))
                })
                .map(|inline| {
                    let (full, _, links) = inline_text(source, tree, inline);
                    let text = strip_stray_underscores(&full.collapse_whitespace());
                    let links = rebase_bold(&full, &text, &links);
                    without_trailing_links(&text, &links)
                })
                .unwrap_or_default();
            out.push(Block::Heading {
                level,
                text: strip_heading_markup(&text),
                range: child.byte_range(),
            });
        }
        "paragraph" => {
            if let Some(inline) = first_child_of_kind(child, "inline") {
                let (text, bold, links) = inline_text(source, tree, inline);
                let mut lines = Vec::new();
                let mut bolds = Vec::new();
                let mut link_lines = Vec::new();
                let mut at = 0;
                for piece in text.as_str().split('\n') {
                    let range = at..at + piece.len();
                    let line = text.slice(range.clone());
                    let collapsed = strip_stray_underscores(&line.collapse_whitespace());
                    if !collapsed.is_empty() {
                        bolds.push(rebase_bold(&text, &collapsed, &bold));
                        let link_texts = rebase_bold(&text, &collapsed, &links);
                        link_lines.push(only_links(&collapsed, &link_texts));
                        lines.push(collapsed);
                    }
                    at = range.end + 1;
                }
                let lines = Lines {
                    lines,
                    bold: bolds,
                    links: link_lines,
                };
                paragraph_blocks(source, lines, child.byte_range(), out);
            }
        }
        "list" => collect_list(source, tree, child, 0, out, comments),
        "pipe_table" => table_rows(source, tree, child, out),
        "html_block" => html_comments(source, child.byte_range(), comments),
        _ => {}
    }
}

/// The level given to a line set as a section heading (`**EXPERIENCE**`)
/// until the level of the real section headings is known.
const LINE_HEADING: usize = usize::MAX;

/// A paragraph's lines as blocks: a line that is only a section name in
/// bold or capitals (`**Experience**`, `WORK HISTORY`), as resumes converted
/// from word processors write their headings, is a heading; the lines
/// between such headings are paragraphs.
fn paragraph_blocks(source: &str, lines: Lines, range: Range<usize>, out: &mut Vec<Block>) {
    let count = lines.lines.len();
    let mut run = Lines::default();
    let flush = |run: &mut Lines, out: &mut Vec<Block>| {
        if run.lines.is_empty() {
            return;
        }
        let start = run.lines[0].source_span().map_or(range.start, |r| r.start);
        let end = lines_end(&run.lines, &range);
        let whole = run.lines.len() == count;
        let run = std::mem::take(run);
        out.push(Block::Paragraph {
            lines: run.lines,
            bold: run.bold,
            links: run.links,
            range: if whole {
                trim_range(source, range.clone())
            } else {
                start..end.max(start)
            },
        });
    };
    for ((line, bold), links) in lines.lines.into_iter().zip(lines.bold).zip(lines.links) {
        if let Some(heading) = line_heading(&line, &bold) {
            flush(&mut run, out);
            let span = line.source_span().unwrap_or(range.clone());
            out.push(Block::Heading {
                level: LINE_HEADING,
                text: heading,
                range: span,
            });
        } else {
            run.lines.push(line);
            run.bold.push(bold);
            run.links.push(links);
        }
    }
    flush(&mut run, out);
}

/// The lines of a paragraph with what each holds.
#[derive(Default)]
struct Lines {
    lines: Vec<Text>,
    bold: Vec<Vec<Range<usize>>>,
    links: Vec<bool>,
}

/// Whether a line is only links and separators, and reads as links rather
/// than a linked name: two or more of them, or one whose text is a link
/// word or an address (`[GitHub](…)`, `[tide.example.com](…)`).
fn only_links(line: &Text, links: &[Range<usize>]) -> bool {
    let s = line.as_str();
    if links.is_empty() {
        return false;
    }
    let mut at = 0;
    for r in links {
        let between = s.get(at..r.start.max(at)).unwrap_or("");
        if !between.chars().all(is_link_separator) {
            return false;
        }
        at = at.max(r.end);
    }
    if !s[at.min(s.len())..].chars().all(is_link_separator) {
        return false;
    }
    const LINK_WORDS: &[&str] = &[
        "code",
        "demo",
        "github",
        "gitlab",
        "repo",
        "repository",
        "source",
        "website",
        "site",
        "live",
        "paper",
        "slides",
        "video",
        "app",
        "docs",
        "link",
        "preview",
        "blog",
        "report",
        "poster",
        "pdf",
        "notebook",
        "channel",
        "profile",
        "portfolio",
        "certificate",
        "credential",
        "here",
        "playlist",
        "article",
    ];
    let link_like = |r: &Range<usize>| {
        let t = s.get(r.clone()).unwrap_or("").trim();
        let lower = t.to_lowercase();
        let word = lower.trim_matches(|c: char| !c.is_alphanumeric());
        LINK_WORDS
            .iter()
            .any(|w| word == *w || word.split_whitespace().any(|x| x == *w))
            || t.contains("://")
            || (t.contains('.') || t.contains('/')) && !t.contains(' ')
    };
    links.len() >= 2 || links.iter().all(link_like)
}

/// A heading without the links it ends with (`### YouTube | 2020 --
/// Present | [Channel](…)`): they name no field.
fn without_trailing_links(text: &Text, links: &[Range<usize>]) -> Text {
    let s = text.as_str();
    let mut end = s.len();
    while let Some(sep) = s[..end].rfind(['|', '·', '—']) {
        let after = sep + s[sep..].chars().next().map_or(1, char::len_utf8);
        let tail = text.slice(after..end).trimmed();
        let Some(offset) = plain_range_in(text, &tail) else {
            break;
        };
        let tail_links: Vec<Range<usize>> = links
            .iter()
            .filter(|r| r.start >= offset.start && r.end <= offset.end)
            .map(|r| r.start - offset.start..r.end - offset.start)
            .collect();
        if tail.is_empty() || !only_links(&tail, &tail_links) {
            break;
        }
        end = sep;
    }
    if end == s.len() {
        text.clone()
    } else {
        text.slice(0..end).trimmed()
    }
}

fn is_link_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '|' | '·' | '•' | '-' | '–' | '—' | ',' | '/' | '(' | ')' | '[' | ']'
        )
}

/// The section name of a line that is only a section name, in bold or in
/// capitals.
fn line_heading(line: &Text, bold: &[Range<usize>]) -> Option<Text> {
    let s = line.as_str();
    let name = s.trim_end_matches(':').trim_end();
    // `**Full Stack Developer**` under the name is a role, not Skills.
    if name.split_whitespace().count() > 4
        || !SectionKind::is_known_heading(name)
        || title_score(name) > 0
    {
        return None;
    }
    let all_bold = bold.iter().any(|r| r.start == 0 && r.end >= name.len());
    let capitals = name.chars().any(char::is_alphabetic)
        && name
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    (all_bold || capitals).then(|| line.slice(0..name.len()))
}

fn collect_list(
    source: &str,
    tree: &MarkdownTree,
    list: Node<'_>,
    depth: usize,
    out: &mut Vec<Block>,
    comments: &mut Vec<Comment>,
) {
    let mut cursor = list.walk();
    for item in list.children(&mut cursor) {
        if item.kind() != "list_item" {
            continue;
        }
        let mut text = Text::new();
        let mut bold_lead = None;
        let mut c2 = item.walk();
        let mut nested = Vec::new();
        for part in item.children(&mut c2) {
            match part.kind() {
                "paragraph" if text.is_empty() => {
                    if let Some(inline) = first_child_of_kind(part, "inline") {
                        let (t, bold, _) = inline_text(source, tree, inline);
                        let collapsed = strip_stray_underscores(&t.collapse_whitespace());
                        let rebased = rebase_bold(&t, &collapsed, &bold);
                        bold_lead = rebased.into_iter().find(|r| r.start == 0);
                        text = collapsed;
                    }
                }
                "list" => nested.push(part),
                "html_block" => html_comments(source, part.byte_range(), comments),
                _ => {}
            }
        }
        let mut range = trim_range(source, item.byte_range());
        if let Some(first_nested) = nested.first() {
            range.end = range.end.min(first_nested.start_byte());
            range = trim_range(source, range);
        }
        if !text.is_empty() {
            out.push(Block::Item {
                depth,
                text,
                bold_lead,
                range,
            });
        }
        for n in nested {
            collect_list(source, tree, n, depth + 1, out, comments);
        }
    }
}

/// The body rows of a pipe table, one paragraph line per row with the cells
/// joined by ` | ` (mapped to the source between them), so a skills table
/// (`| Languages | Python, Go |`) reads like `Languages | Python, Go` and an
/// entry table like an entry line. The header row names the columns.
fn table_rows(source: &str, tree: &MarkdownTree, table: Node<'_>, out: &mut Vec<Block>) {
    let mut cursor = table.walk();
    for row in table.children(&mut cursor) {
        if row.kind() != "pipe_table_row" {
            continue;
        }
        let mut line = Text::new();
        let mut cells: Vec<(Text, Vec<Range<usize>>)> = Vec::new();
        let mut last_end: Option<usize> = None;
        let mut c2 = row.walk();
        for cell in row.children(&mut c2) {
            if cell.kind() != "pipe_table_cell" {
                continue;
            }
            let (t, bold, _) = inline_text(source, tree, cell);
            let text = strip_stray_underscores(&t.collapse_whitespace());
            if text.is_empty() {
                continue;
            }
            if let (Some(end), Some(span)) = (last_end, text.source_span()) {
                line.push_replaced(" | ", end..span.start.max(end));
            }
            last_end = text.source_span().map(|r| r.end);
            line.push_text(&text);
            cells.push((t, bold));
        }
        if line.is_empty() {
            continue;
        }
        let bold = cells
            .iter()
            .flat_map(|(t, b)| rebase_bold(t, &line, b))
            .collect();
        out.push(Block::Paragraph {
            lines: vec![line],
            bold: vec![bold],
            links: vec![false],
            range: trim_range(source, row.byte_range()),
        });
    }
}

/// A skills line: `Languages: Python, Go`, or a table row `Languages | Python, Go`.
fn skills_line(line: &Text, range: Range<usize>) -> SkillLine {
    let s = line.as_str();
    let colon = s.find(':').filter(|i| *i < 60);
    match s.find(" | ") {
        Some(i) if colon.is_none_or(|c| c > i) && i < 60 => SkillLine {
            category: Some(line.slice(0..i).trimmed()),
            items: line.slice(i + 3..s.len()).trimmed(),
            range,
        },
        _ => skill_line(line, range),
    }
}

fn trim_range(source: &str, r: Range<usize>) -> Range<usize> {
    let s = &source[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.start + s.trim_end().len();
    start..end.max(start)
}

fn first_child_of_kind<'t>(node: Node<'t>, kind: &str) -> Option<Node<'t>> {
    let mut cursor = node.walk();
    let found = node.children(&mut cursor).find(|c| c.kind() == kind);
    found
}

fn heading_level(node: Node<'_>) -> usize {
    let mut cursor = node.walk();
    for c in node.children(&mut cursor) {
        let k = c.kind();
        if let Some(n) = k
            .strip_prefix("atx_h")
            .and_then(|r| r.strip_suffix("_marker"))
        {
            return n.parse().unwrap_or(1);
        }
        if k == "setext_h1_underline" {
            return 1;
        }
        if k == "setext_h2_underline" {
            return 2;
        }
    }
    1
}

/// Removes closing `#`s of an ATX heading.
fn strip_heading_markup(t: &Text) -> Text {
    let s = t.as_str().trim_end_matches('#').trim_end();
    t.slice(0..s.len())
}

/// Maps bold ranges of `full` onto `sub` (a collapsed slice of it), through
/// source offsets.
fn rebase_bold(full: &Text, sub: &Text, bold: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for r in bold {
        let Some(src) = full.source_range(r.clone()) else {
            continue;
        };
        let mut start = None;
        let mut end = None;
        for (i, _) in sub.as_str().char_indices() {
            let Some(o) = sub.source_offset(i) else {
                continue;
            };
            if o >= src.start && o < src.end {
                if start.is_none() {
                    start = Some(i);
                }
                end = Some(i + sub.as_str()[i..].chars().next().map_or(1, char::len_utf8));
            }
        }
        if let (Some(s), Some(e)) = (start, end) {
            out.push(s..e);
        }
    }
    out
}

/// Comments inside paragraphs and bullets (`- Led the audit <!--
/// resume-lsp: disable-line weak-verb -->`): the inline parser reads them as
/// HTML tags. Added to the block-level comments in source order.
fn inline_comments(source: &str, tree: &MarkdownTree, comments: &mut Vec<Comment>) {
    let mut found = false;
    let holds_comment = |node: Range<usize>| source.get(node).is_none_or(|s| s.contains("<!--"));
    for inline in tree.inline_trees_where(holds_comment) {
        let mut cursor = inline.walk();
        'walk: loop {
            let node = cursor.node();
            if node.kind() == "html_tag"
                && source
                    .get(node.byte_range())
                    .is_some_and(|s| s.starts_with("<!--"))
            {
                html_comments(source, node.byte_range(), comments);
                found = true;
            } else if cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    break 'walk;
                }
            }
        }
    }
    if found {
        comments.sort_by_key(|c| (c.range.start, c.range.end));
        comments.dedup_by_key(|c| c.range.clone());
    }
}

fn html_comments(source: &str, range: Range<usize>, comments: &mut Vec<Comment>) {
    let s = &source[range.clone()];
    let mut at = 0;
    while let Some(i) = s[at..].find("<!--") {
        let start = at + i;
        let Some(j) = s[start + 4..].find("-->") else {
            break;
        };
        let end = start + 4 + j + 3;
        comments.push(Comment {
            range: range.start + start..range.start + end,
            body: s[start + 4..end - 3].trim().to_string(),
        });
        at = end;
    }
}

/// The plain text of an `inline` block node, plus the plain ranges that were
/// strong emphasis. Newlines are kept so callers can split lines.
fn inline_text(source: &str, tree: &MarkdownTree, inline: Node<'_>) -> InlineText {
    let mut text = Text::new();
    let mut marks = Marks::default();
    match tree.inline_tree(&inline) {
        Some(t) => walk_inline(
            source,
            t.root_node(),
            inline.byte_range(),
            &mut text,
            &mut marks,
        ),
        None => text.push_verbatim(&source[inline.byte_range()], inline.start_byte()),
    }
    (text, marks.bold, marks.links)
}

/// The plain text of inline content, its bold runs and its link texts.
type InlineText = (Text, Vec<Range<usize>>, Vec<Range<usize>>);

/// Plain ranges that were strong emphasis, and that were link texts.
#[derive(Default)]
struct Marks {
    bold: Vec<Range<usize>>,
    links: Vec<Range<usize>>,
}

/// One step of the inline walk.
enum Step<'t> {
    /// Walk a node's children, restricted to a byte range.
    Enter(Node<'t>, Range<usize>),
    /// Copy source text.
    Source(Range<usize>),
    /// Append text that stands for a source range.
    Replaced(String, Range<usize>),
    /// Copy source text verbatim (autolinks without their brackets).
    Verbatim(Range<usize>),
    /// A strong emphasis starts / ends here.
    BoldStart,
    BoldEnd,
    /// A link's text starts / ends here.
    LinkStart,
    LinkEnd,
}

/// Appends the plain text of `node` (restricted to `range`) to `out`.
///
/// The walk keeps its own stack instead of recursing, so emphasis nested
/// thousands deep cannot overflow the thread's stack.
fn walk_inline(
    source: &str,
    node: Node<'_>,
    range: Range<usize>,
    out: &mut Text,
    marks: &mut Marks,
) {
    let mut stack = vec![Step::Enter(node, range)];
    let mut bold_starts: Vec<usize> = Vec::new();
    let mut link_starts: Vec<usize> = Vec::new();
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(node, range) => {
                let steps = inline_steps(source, node, range);
                stack.extend(steps.into_iter().rev());
            }
            Step::Source(r) => push_source(source, r, out),
            Step::Replaced(s, r) => out.push_replaced(&s, r),
            Step::Verbatim(r) => out.push_verbatim(&source[r.clone()], r.start),
            Step::BoldStart => bold_starts.push(out.len()),
            Step::BoldEnd => {
                if let Some(start) = bold_starts.pop() {
                    marks.bold.push(start..out.len());
                }
            }
            Step::LinkStart => link_starts.push(out.len()),
            Step::LinkEnd => {
                if let Some(start) = link_starts.pop() {
                    marks.links.push(start..out.len());
                }
            }
        }
    }
}

/// The steps that produce the plain text of `node`'s children, in order.
fn inline_steps<'t>(source: &str, node: Node<'t>, range: Range<usize>) -> Vec<Step<'t>> {
    let mut steps = Vec::new();
    let mut at = range.start.max(node.start_byte());
    let end = range.end.min(node.end_byte());
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        let (cs, ce) = (child.start_byte(), child.end_byte());
        if cs > at {
            steps.push(Step::Source(at..cs.min(end)));
        }
        match child.kind() {
            "emphasis_delimiter"
            | "code_span_delimiter"
            | "link_destination"
            | "link_title"
            | "image"
            | "html_tag"
            | "link_label" => {
                let tag = source[cs..ce].to_ascii_lowercase();
                if child.kind() == "html_tag" && tag.starts_with("<br") {
                    // `<br>` breaks the line like a hard line break.
                    steps.push(Step::Replaced("\n".into(), cs..ce));
                }
            }
            "backslash_escape" => {
                let s = &source[cs..ce];
                steps.push(Step::Replaced(s[1..].to_string(), cs..ce));
            }
            "entity_reference" | "numeric_character_reference" => {
                steps.push(Step::Replaced(decode_entity(&source[cs..ce]), cs..ce));
            }
            "hard_line_break" => steps.push(Step::Replaced("\n".into(), cs..ce)),
            // tree-sitter-md reads `$500 million and $20 million` as
            // LaTeX math; resumes mean dollars.
            "latex_span_delimiter" => steps.push(Step::Source(cs..ce)),
            "uri_autolink" | "email_autolink" => {
                if ce - cs >= 2 {
                    steps.push(Step::Verbatim(cs + 1..ce - 1));
                }
            }
            "strong_emphasis" => {
                steps.push(Step::BoldStart);
                steps.push(Step::Enter(child, cs..ce));
                steps.push(Step::BoldEnd);
            }
            "inline_link"
            | "full_reference_link"
            | "collapsed_reference_link"
            | "shortcut_link" => {
                let mut c = child.walk();
                let link_text = child.children(&mut c).find(|n| n.kind() == "link_text");
                if let Some(lt) = link_text {
                    steps.push(Step::LinkStart);
                    steps.push(Step::Enter(lt, lt.byte_range()));
                    steps.push(Step::LinkEnd);
                }
            }
            _ => steps.push(Step::Enter(child, cs..ce)),
        }
        at = ce.max(at);
    }
    if end > at {
        steps.push(Step::Source(at..end));
    }
    steps
}

/// Copies source text, dropping block-continuation prefixes (`> `) that the
/// inline range skipped over is not needed: whitespace is collapsed later.
fn push_source(source: &str, r: Range<usize>, out: &mut Text) {
    if r.start < r.end && source.is_char_boundary(r.start) && source.is_char_boundary(r.end) {
        out.push_verbatim(&source[r.clone()], r.start);
    }
}

fn decode_entity(s: &str) -> String {
    match s {
        "&amp;" => "&".into(),
        "&lt;" => "<".into(),
        "&gt;" => ">".into(),
        "&quot;" => "\"".into(),
        "&apos;" => "'".into(),
        "&nbsp;" => " ".into(),
        "&ndash;" => "–".into(),
        "&mdash;" => "—".into(),
        _ => {
            let num = s.trim_start_matches("&#").trim_end_matches(';');
            let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
                u32::from_str_radix(hex, 16).ok()
            } else {
                num.parse().ok()
            };
            code.and_then(char::from_u32)
                .map(String::from)
                .unwrap_or_else(|| s.to_string())
        }
    }
}

thread_local! {
    /// The memo of the document [`lower_kept`] is lowering on this thread
    /// (the functions deep in the lowering reach it here).
    static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::default();
    /// Whether a [`lower_kept`] is running on this thread.
    static ACTIVE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Blocks and heading fields read before, by their exact source text, so a
/// one-character edit re-reads only the block it touched and the model is
/// rebuilt from the rest.
///
/// A block node directly under the document (or a heading's section) reads
/// the same wherever it sits: its tree and its inline trees depend only on
/// its own bytes and the column it starts at, and reading it looks at
/// nothing outside it. So a block read at one offset is the same block at
/// another with every source offset moved, and the model built from cached
/// blocks equals the one built from scratch. Blocks inside quotes are not
/// cached (their structure depends on the markers around them). Likewise
/// the fields of a heading line depend only on its text, its source map up
/// to a shift, its bold runs and the section kind.
#[derive(Default)]
struct Memo {
    leaves: Table<LeafKey, (Vec<Block>, Vec<Comment>)>,
    pieces: Table<LineKey, Vec<Piece>>,
    fields: Table<LineKey, Fields>,
}

impl Memo {
    /// Ends a lowering: drops what was not used for a while.
    fn sweep(&mut self) {
        self.leaves.sweep();
        self.pieces.sweep();
        self.fields.sweep();
    }
}

/// The memo of one kind of value: values by the hash of their key, each
/// with the source offset it was read at.
struct Table<K, V> {
    entries: std::collections::HashMap<u64, Vec<Memoed<K, V>>>,
    /// Lowerings so far; entries unused for [`Table::KEEP`] of them go.
    generation: u64,
    /// Source bytes the keys hold.
    bytes: usize,
}

impl<K, V> Default for Table<K, V> {
    fn default() -> Self {
        Table {
            entries: std::collections::HashMap::new(),
            generation: 0,
            bytes: 0,
        }
    }
}

struct Memoed<K, V> {
    key: K,
    /// Source offset the value was read at.
    at: usize,
    value: V,
    used: u64,
}

impl<K, V> Table<K, V> {
    /// Lowerings an entry survives unused (several documents may be read
    /// on one thread in turn).
    const KEEP: u64 = 8;
    /// Source bytes held at most; past this the table starts over.
    const MAX_BYTES: usize = 64 * 1024 * 1024;

    /// The value whose key `same` accepts, with the offset it was read at.
    fn get(&mut self, hash: u64, same: impl Fn(&K) -> bool) -> Option<(usize, &V)> {
        let generation = self.generation;
        let hit = self
            .entries
            .get_mut(&hash)?
            .iter_mut()
            .find(|e| same(&e.key))?;
        hit.used = generation;
        Some((hit.at, &hit.value))
    }

    fn insert(&mut self, hash: u64, key: K, bytes: usize, at: usize, value: V) {
        self.bytes += bytes;
        let used = self.generation;
        self.entries.entry(hash).or_default().push(Memoed {
            key,
            at,
            value,
            used,
        });
    }

    fn sweep(&mut self) {
        let generation = self.generation;
        if self.bytes > Self::MAX_BYTES {
            self.entries.clear();
        }
        let mut held = 0;
        self.entries.retain(|_, bucket| {
            bucket.retain(|e| e.used + Self::KEEP > generation);
            held += bucket.len();
            !bucket.is_empty()
        });
        if held == 0 {
            self.bytes = 0;
        }
        self.generation = generation + 1;
    }
}

/// A block node: its kind, the column it starts at and its source text.
struct LeafKey {
    kind: u16,
    column: usize,
    text: Box<str>,
}

/// A heading line: its text with the source map taken relative to its
/// start, its bold runs, and for fields the section kind and whether the
/// entry is named already.
struct LineKey {
    line: Text,
    bold: Vec<Range<usize>>,
    kind: Option<SectionKind>,
    named: bool,
}

fn hash_of(value: impl std::hash::Hash) -> u64 {
    use std::hash::BuildHasher;
    // Fast and fixed: keys are compared in full on a match, so a collision
    // costs a comparison, not a wrong block.
    foldhash::fast::FixedState::with_seed(0x5eed).hash_one(value)
}

/// Blocks longer than this are read afresh every time.
const MAX_LEAF: usize = 64 * 1024;

/// Appends the blocks and comments of the block node `node`, from the memo
/// or from `read`.
fn memo_leaf(
    memo: &mut Memo,
    source: &str,
    node: Node<'_>,
    out: &mut Vec<Block>,
    comments: &mut Vec<Comment>,
    read: impl FnOnce(&mut Vec<Block>, &mut Vec<Comment>),
) {
    let range = node.byte_range();
    let text = source.get(range.clone()).filter(|t| t.len() <= MAX_LEAF);
    let Some(text) = text.filter(|_| !bypassed()) else {
        return read(out, comments);
    };
    let kind = node.kind_id();
    let column = node.start_position().column;
    let hash = hash_of((kind, column, text));
    let same = |k: &LeafKey| k.kind == kind && k.column == column && &*k.text == text;
    if let Some((from, (blocks, found))) = memo.leaves.get(hash, same) {
        let to = range.start;
        out.extend(blocks.iter().map(|b| moved_block(b, from, to)));
        comments.extend(found.iter().map(|c| Comment {
            range: moved_range(&c.range, from, to),
            body: c.body.clone(),
        }));
        return;
    }
    let (blocks_at, comments_at) = (out.len(), comments.len());
    read(out, comments);
    let key = LeafKey {
        kind,
        column,
        text: text.into(),
    };
    let value = (out[blocks_at..].to_vec(), comments[comments_at..].to_vec());
    memo.leaves
        .insert(hash, key, text.len(), range.start, value);
}

/// Where a line's source map starts, and a hash of the line's text, map
/// (relative to that start) and `extra`.
fn line_hash(line: &Text, extra: impl std::hash::Hash) -> Option<(usize, u64)> {
    let base = line.segments().first()?.src.start;
    let map: Vec<(usize, usize, bool, usize, usize)> = line
        .segments()
        .iter()
        .map(|g| {
            (
                g.plain,
                g.len,
                g.verbatim,
                g.src.start.wrapping_sub(base),
                g.src.end.wrapping_sub(base),
            )
        })
        .collect();
    Some((base, hash_of((line.as_str(), map, extra))))
}

/// Whether two lines have the same text and the same source map up to a
/// shift.
fn same_shape(a: &Text, b: &Text) -> bool {
    let (sa, sb) = (a.segments(), b.segments());
    if a.as_str() != b.as_str() || sa.len() != sb.len() || sa.is_empty() {
        return false;
    }
    let (ba, bb) = (sa[0].src.start, sb[0].src.start);
    sa.iter().zip(sb).all(|(x, y)| {
        x.plain == y.plain
            && x.len == y.len
            && x.verbatim == y.verbatim
            && x.src.start.wrapping_sub(ba) == y.src.start.wrapping_sub(bb)
            && x.src.end.wrapping_sub(ba) == y.src.end.wrapping_sub(bb)
    })
}

/// `compute(line)` for a heading line, from `table` when the same line
/// (up to a shift) with the same bold runs, kind and `named` was read
/// before.
fn memo_line<V: Clone>(
    table: impl Fn(&mut Memo) -> &mut Table<LineKey, V>,
    line: &Text,
    bold: &[Range<usize>],
    kind: Option<SectionKind>,
    named: bool,
    moved: impl Fn(&V, usize, usize) -> V,
    compute: impl FnOnce() -> V,
) -> V {
    let Some((base, hash)) = line_hash(line, (bold, kind, named)).filter(|_| !bypassed()) else {
        return compute();
    };
    let same = |k: &LineKey| {
        k.bold == bold && k.kind == kind && k.named == named && same_shape(&k.line, line)
    };
    let found = MEMO.with(|m| {
        let mut m = m.borrow_mut();
        table(&mut m)
            .get(hash, same)
            .map(|(from, v)| moved(v, from, base))
    });
    if let Some(v) = found {
        return v;
    }
    let value = compute();
    MEMO.with(|m| {
        let key = LineKey {
            line: line.clone(),
            bold: bold.to_vec(),
            kind,
            named,
        };
        table(&mut m.borrow_mut()).insert(hash, key, line.len(), base, value.clone());
    });
    value
}

/// Whether this lowering reads everything afresh (no document lent its
/// memo).
fn bypassed() -> bool {
    !ACTIVE.with(std::cell::Cell::get)
}

fn moved_opt(t: &Option<Text>, from: usize, to: usize) -> Option<Text> {
    t.as_ref().map(|t| t.moved(from, to))
}

fn moved_fields(f: &Fields, from: usize, to: usize) -> Fields {
    Fields {
        organisation: moved_opt(&f.organisation, from, to),
        title: moved_opt(&f.title, from, to),
        location: moved_opt(&f.location, from, to),
        dates: moved_opt(&f.dates, from, to),
        tech: moved_opt(&f.tech, from, to),
    }
}

fn moved_pieces(pieces: &[Piece], from: usize, to: usize) -> Vec<Piece> {
    pieces
        .iter()
        .map(|p| Piece {
            text: p.text.moved(from, to),
            role: p.role,
            bold: p.bold,
        })
        .collect()
}

fn moved_block(b: &Block, from: usize, to: usize) -> Block {
    match b {
        Block::Heading { level, text, range } => Block::Heading {
            level: *level,
            text: text.moved(from, to),
            range: moved_range(range, from, to),
        },
        Block::Paragraph {
            lines,
            bold,
            links,
            range,
        } => Block::Paragraph {
            lines: lines.iter().map(|l| l.moved(from, to)).collect(),
            bold: bold.clone(),
            links: links.clone(),
            range: moved_range(range, from, to),
        },
        Block::Item {
            depth,
            text,
            bold_lead,
            range,
        } => Block::Item {
            depth: *depth,
            text: text.moved(from, to),
            bold_lead: bold_lead.clone(),
            range: moved_range(range, from, to),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::syntax_tree::{Parsers, SyntaxTree};

    /// The model of `source` read with nothing taken from the memo.
    fn afresh(source: &str) -> Resume {
        let tree = Parsers::default().parse(source, Format::Markdown, None);
        let SyntaxTree::Markdown(tree) = &tree else {
            unreachable!("a Markdown parse gives a Markdown tree")
        };
        // No document lends a memo: everything is read afresh.
        lower(source, tree, &ParseOptions::default())
    }

    fn markdown_examples() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut out = Vec::new();
        for dir in [root.join("tests/resumes"), root.join("tests/dev-set")] {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
            files.sort();
            for f in files {
                if f.extension().is_some_and(|e| e == "md") {
                    out.push(std::fs::read_to_string(f).expect("example is UTF-8"));
                }
            }
        }
        out
    }

    /// Pieces typed into the examples: markup that changes how a block
    /// reads, and blocks that repeat others at another offset.
    const TYPED: &[&str] = &[
        "**",
        "_",
        "\n\n",
        "- Led 3 teams\n",
        "### A — B\n",
        "é",
        "[t](u)",
        "<!-- c -->",
        "> ",
        "\n| a | b |\n|---|---|\n| c | d |\n",
        "**Acme** | Engineer | 2020\n",
        "x",
    ];

    /// Blocks memoised in `memo`.
    fn leaves(memo: &Memo) -> usize {
        memo.leaves.entries.values().map(Vec::len).sum()
    }

    #[test]
    fn a_document_keeps_its_own_memo_and_a_plain_lowering_keeps_none() {
        let text = &markdown_examples()[0];
        let tree = Parsers::default().parse(text, Format::Markdown, None);
        let SyntaxTree::Markdown(tree) = &tree else {
            unreachable!("a Markdown parse gives a Markdown tree")
        };
        let options = ParseOptions::default();
        let plain = lower(text, tree, &options);
        assert_eq!(MEMO.with(|m| leaves(&m.borrow())), 0);
        let mut kept = Kept::default();
        let first = lower_kept(text, tree, &options, &mut kept);
        assert_eq!(first, plain);
        assert!(leaves(&kept.0) > 0, "the document keeps the blocks it read");
        assert_eq!(
            MEMO.with(|m| leaves(&m.borrow())),
            0,
            "nothing stays on the thread"
        );
        assert_eq!(lower_kept(text, tree, &options, &mut kept), plain);
        assert!(!ACTIVE.with(std::cell::Cell::get));
    }

    #[test]
    fn edits_read_through_the_memo_equal_a_reading_afresh() {
        let examples = markdown_examples();
        assert!(examples.len() >= 5, "Markdown examples missing");
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut below = |n: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % n.max(1)
        };
        for text in examples {
            // Repeated blocks at other offsets come from the memo too.
            let text = format!("{text}\n{text}");
            let mut doc = Document::new(&text, Format::Markdown, 0, ParseOptions::default());
            assert_eq!(doc.resume(), &afresh(&text));
            for step in 0..60 {
                let len = doc.text().len();
                let mut start = below(len + 1);
                while !doc.text().is_char_boundary(start) {
                    start -= 1;
                }
                let mut end = (start + below(3) * below(20)).min(len);
                while !doc.text().is_char_boundary(end) {
                    end -= 1;
                }
                let insert = if below(3) == 0 {
                    ""
                } else {
                    TYPED[below(TYPED.len())]
                };
                doc.apply_edit(start..end, insert);
                assert_eq!(
                    doc.resume(),
                    &afresh(doc.text()),
                    "step {step}: {start}..{end} {insert:?}\n{}",
                    doc.text()
                );
            }
        }
    }
}
