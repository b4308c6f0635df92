//! `resume-lsp outline FILE`: the resume model as an indented tree, the
//! debugging view of the engine.

use std::fmt::Write as _;
use std::io::Write;
use std::ops::Range;
use std::path::Path;

use resume_syntax::flatten::Flat;
use resume_syntax::{Bullet, Encoding, Entry, Format, LineIndex, Resume, Section, Text};

use super::config::{with_includes, ConfigCache, Problem};
use super::files;
use super::Status;
use crate::project::{self, Project};

/// Prints the outline of the file at `path`.
pub fn outline_path(path: &Path, out: &mut dyn Write, err: &mut dyn Write) -> Status {
    let Some(format) = files::format_of(path) else {
        let _ = writeln!(
            err,
            "error: {}: not a resume source file; name it .tex, .md or .markdown",
            path.display()
        );
        return Status::Error;
    };
    let source = match files::read_source(path) {
        Ok(source) => source,
        Err(msg) => {
            let _ = writeln!(err, "error: {msg}");
            return Status::Error;
        }
    };
    let (cfg, problems) = ConfigCache::default().for_file(path);
    let mut status = Status::Clean;
    for problem in problems {
        match problem {
            Problem::Error(msg) => {
                let _ = writeln!(err, "error: {msg}");
                status = Status::Error;
            }
            Problem::Warning(msg) => {
                let _ = writeln!(err, "warning: {msg}");
            }
        }
    }
    let rendered = std::panic::catch_unwind(|| {
        if let Some((project, own)) = project_of(path, format, &source.text) {
            let resume = resume_syntax::parse(&project.flat.text, format, &cfg.parse);
            return resume
                .is_resume
                .then(|| render_project(&resume, &project, own));
        }
        let options = with_includes(&cfg.parse, path, format, &source.text);
        let resume = resume_syntax::parse(&source.text, format, &options);
        resume.is_resume.then(|| render(&resume, &source.text))
    });
    let text = match rendered {
        Ok(Some(text)) => text,
        Ok(None) => format!("not a resume: {}\n", path.display()),
        Err(_) => {
            let _ = writeln!(
                err,
                "error: {}: internal error while parsing this file; please report it with the file attached",
                path.display()
            );
            return Status::Error;
        }
    };
    match out.write_all(text.as_bytes()) {
        Ok(()) => status,
        Err(e) => {
            let _ = writeln!(err, "error: cannot write the outline: {e}");
            Status::Error
        }
    }
}

/// The multi-file resume `path` belongs to (as its root or as a part), with
/// the index of `path` among its files.
fn project_of(path: &Path, format: Format, text: &str) -> Option<(Project, usize)> {
    if format != Format::Latex {
        return None;
    }
    let read: project::Reader<'_> = &project::read_disk;
    let project = Project::load(path, read).or_else(|| {
        project::find_root(path, text, read).and_then(|root| Project::load(&root, read))
    })?;
    let own = project.index_of(path)?;
    Some((project, own))
}

/// Renders the model of `source` as an indented tree with 1-based
/// `line:col` positions (columns in characters).
pub fn render(resume: &Resume, source: &str) -> String {
    render_with(
        resume,
        Renderer {
            source,
            index: LineIndex::new(source),
            files: None,
        },
    )
}

/// Renders the model of a multi-file resume: positions in the file at
/// index `own` read `line:col`, positions in its other files
/// `path:line:col` (relative to the directory of `own`).
pub fn render_project(resume: &Resume, project: &Project, own: usize) -> String {
    let base = project.files[own].parent().map(Path::to_path_buf);
    let files = project
        .files
        .iter()
        .zip(&project.texts)
        .enumerate()
        .map(|(i, (path, text))| {
            let shown = if i == own {
                None
            } else {
                let rel = base
                    .as_deref()
                    .and_then(|b| relative(path, b))
                    .unwrap_or_else(|| path.display().to_string());
                Some(rel)
            };
            (shown, text.as_str(), LineIndex::new(text))
        })
        .collect();
    render_with(
        resume,
        Renderer {
            source: &project.flat.text,
            index: LineIndex::new(&project.flat.text),
            files: Some((&project.flat, files)),
        },
    )
}

/// `path` relative to `base`, going up with `..` where needed.
fn relative(path: &Path, base: &Path) -> Option<String> {
    let mut up = 0;
    let mut dir = base;
    loop {
        if let Ok(rest) = path.strip_prefix(dir) {
            let mut out = "../".repeat(up);
            out.push_str(&rest.to_string_lossy());
            return Some(out);
        }
        dir = dir.parent()?;
        up += 1;
    }
}

fn render_with(resume: &Resume, r: Renderer<'_>) -> String {
    let mut out = String::new();
    for line in &resume.header {
        if line.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{} header {}", r.pos_text(line, None), quote(line));
    }
    for section in &resume.sections {
        r.section(section, &mut out);
    }
    out
}

/// One file of a multi-file resume: its name as shown (`None` for the file
/// outlined), its text and line index.
type ShownFile<'a> = (Option<String>, &'a str, LineIndex);

struct Renderer<'a> {
    source: &'a str,
    index: LineIndex,
    /// For a multi-file resume: where each byte of `source` came from.
    files: Option<(&'a Flat, Vec<ShownFile<'a>>)>,
}

/// A piece of a section, for ordering by source position.
enum Piece<'a> {
    Entry(&'a Entry),
    Bullet(&'a Bullet),
    Skills(&'a resume_syntax::SkillLine),
    Prose(&'a Text),
}

impl Renderer<'_> {
    fn pos(&self, offset: usize) -> String {
        if let Some((flat, files)) = &self.files {
            if let Some((file, at)) = flat.locate(offset, false) {
                let (shown, text, index) = &files[file];
                let p = index.position(text, at, Encoding::Chars);
                return match shown {
                    Some(name) => format!("{name}:{}:{}", p.line + 1, p.col + 1),
                    None => format!("{}:{}", p.line + 1, p.col + 1),
                };
            }
        }
        let p = self.index.position(self.source, offset, Encoding::Chars);
        format!("{}:{}", p.line + 1, p.col + 1)
    }

    /// Position of a text's first source byte, or of `fallback`'s start.
    fn pos_text(&self, text: &Text, fallback: Option<&Range<usize>>) -> String {
        let offset = text
            .source_span()
            .map(|r| r.start)
            .or(fallback.map(|r| r.start))
            .unwrap_or(0);
        self.pos(offset)
    }

    fn section(&self, section: &Section, out: &mut String) {
        let _ = writeln!(
            out,
            "{} section {} {}",
            self.pos(section.range.start),
            section.kind.as_str(),
            quote(&section.heading)
        );
        let mut pieces: Vec<(usize, Piece<'_>)> = Vec::new();
        pieces.extend(
            section
                .entries
                .iter()
                .map(|e| (e.heading_range.start, Piece::Entry(e))),
        );
        pieces.extend(
            section
                .bullets
                .iter()
                .map(|b| (b.range.start, Piece::Bullet(b))),
        );
        pieces.extend(
            section
                .skills
                .iter()
                .map(|s| (s.range.start, Piece::Skills(s))),
        );
        pieces.extend(section.prose.iter().map(|p| {
            (
                p.source_span().map_or(section.range.start, |r| r.start),
                Piece::Prose(p),
            )
        }));
        pieces.sort_by_key(|(at, _)| *at);
        for (_, piece) in pieces {
            match piece {
                Piece::Entry(entry) => self.entry(entry, out),
                Piece::Bullet(bullet) => self.bullet(bullet, 1, out),
                Piece::Skills(line) => {
                    let mut s = format!("  {} skills", self.pos(line.range.start));
                    if let Some(category) = &line.category {
                        let _ = write!(s, " category={}", quote(category));
                    }
                    let _ = writeln!(out, "{s} {}", quote(&line.items));
                }
                Piece::Prose(text) => {
                    let _ = writeln!(
                        out,
                        "  {} prose {}",
                        self.pos_text(text, Some(&section.range)),
                        quote(text)
                    );
                }
            }
        }
    }

    fn entry(&self, entry: &Entry, out: &mut String) {
        let mut s = format!("  {} entry", self.pos(entry.heading_range.start));
        let fields = [
            ("title", &entry.title),
            ("org", &entry.organisation),
            ("location", &entry.location),
            ("dates", &entry.dates),
            ("tech", &entry.tech),
        ];
        for (name, value) in fields {
            if let Some(value) = value {
                let _ = write!(s, " {name}={}", quote(value));
            }
        }
        let _ = writeln!(out, "{s}");
        for bullet in &entry.bullets {
            self.bullet(bullet, 2, out);
        }
    }

    fn bullet(&self, bullet: &Bullet, level: usize, out: &mut String) {
        let indent = "  ".repeat(level + bullet.depth);
        let mut s = format!(
            "{indent}{} bullet",
            self.pos_text(&bullet.text, Some(&bullet.range))
        );
        if let Some(lead) = &bullet.lead {
            let _ = write!(s, " lead={}", quote(lead));
        }
        let _ = writeln!(out, "{s} {}", quote(&bullet.text));
    }
}

/// A text as a double-quoted string with escapes for quotes, backslashes and
/// control characters.
fn quote(text: &Text) -> String {
    format!("{:?}", text.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use resume_syntax::{Format, SectionKind};

    #[test]
    fn renders_positions_in_characters() {
        let source = "# Zoë Ng\n\n## Expérience\n\n- Built 😀 a thing\n";
        let heading_at = source.find("Expérience").unwrap();
        let bullet_at = source.find("Built").unwrap();
        let mut bullet_text = Text::new();
        bullet_text.push_verbatim("Built 😀 a thing", bullet_at);
        let resume = Resume {
            format: Format::Markdown,
            is_resume: true,
            header: vec![Text::verbatim(source, 2..2 + "Zoë Ng".len())],
            sections: vec![Section {
                kind: SectionKind::Experience,
                heading: Text::verbatim(source, heading_at..heading_at + "Expérience".len()),
                range: heading_at - 3..source.len(),
                entries: vec![Entry {
                    title: Some(Text::verbatim(source, heading_at..heading_at + 3)),
                    heading_range: heading_at..heading_at + 3,
                    ..Entry::default()
                }],
                bullets: vec![],
                skills: vec![],
                prose: vec![],
            }],
            comments: vec![],
        };
        let mut with_bullet = resume.clone();
        with_bullet.sections[0].entries[0].bullets.push(Bullet {
            text: bullet_text,
            lead: None,
            range: bullet_at - 2..source.len() - 1,
            depth: 0,
        });
        assert_eq!(
            render(&with_bullet, source),
            "1:3 header \"Zoë Ng\"\n\
             3:1 section experience \"Expérience\"\n  \
             3:4 entry title=\"Exp\"\n    \
             5:3 bullet \"Built 😀 a thing\"\n"
        );
    }
}
