//! The format-neutral resume model.
//!
//! Both LaTeX and Markdown are lowered to these types. Every piece of text is a
//! [`Text`] that maps back to exact source bytes; every node carries the source
//! byte range it was read from. Rules read only this model.

use std::ops::Range;

use crate::text::{moved_range, Text};

/// The source language of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// LaTeX, usually Jake's resume template or one of its forks.
    Latex,
    /// Markdown (CommonMark plus the usual extensions).
    Markdown,
}

impl Format {
    /// Guesses the format from a file name's extension.
    pub fn from_path(path: &str) -> Option<Format> {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".tex") || lower.ends_with(".latex") {
            Some(Format::Latex)
        } else if lower.ends_with(".md") || lower.ends_with(".markdown") {
            Some(Format::Markdown)
        } else {
            None
        }
    }

    /// How a line comment starts and ends in this format (for suppression
    /// comments and other inserted notes).
    pub fn comment_delimiters(self) -> (&'static str, &'static str) {
        match self {
            Format::Latex => ("% ", ""),
            Format::Markdown => ("<!-- ", " -->"),
        }
    }
}

/// What a section is about, recognised from its heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SectionKind {
    /// Summary, profile, objective, about.
    Summary,
    /// Work, professional, research or industry experience.
    Experience,
    /// Projects and personal or academic project work.
    Projects,
    /// Education and coursework.
    Education,
    /// Skills and technologies.
    Skills,
    /// Publications, papers, talks.
    Publications,
    /// Leadership, activities, volunteering, extracurriculars.
    Leadership,
    /// Awards, honours, achievements, certifications.
    Awards,
    /// Anything else.
    Other,
}

impl SectionKind {
    /// Every kind, for documentation and tests.
    pub const ALL: [SectionKind; 9] = [
        SectionKind::Summary,
        SectionKind::Experience,
        SectionKind::Projects,
        SectionKind::Education,
        SectionKind::Skills,
        SectionKind::Publications,
        SectionKind::Leadership,
        SectionKind::Awards,
        SectionKind::Other,
    ];

    /// Lowercase name, as printed by `resume-lsp outline`.
    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::Summary => "summary",
            SectionKind::Experience => "experience",
            SectionKind::Projects => "projects",
            SectionKind::Education => "education",
            SectionKind::Skills => "skills",
            SectionKind::Publications => "publications",
            SectionKind::Leadership => "leadership",
            SectionKind::Awards => "awards",
            SectionKind::Other => "other",
        }
    }

    /// Whether bullets in this section are achievement bullets (SPEC §4):
    /// experience, projects, leadership and similar, not skills or education.
    pub fn has_achievements(self) -> bool {
        matches!(
            self,
            SectionKind::Experience | SectionKind::Projects | SectionKind::Leadership
        )
    }

    /// Recognises a section heading (`Work Experience`, `TECHNICAL SKILLS`,
    /// `Projects & Research`, `Professional Summary`, ...).
    pub fn from_heading(heading: &str) -> SectionKind {
        crate::sections::classify(heading)
    }

    /// Whether `heading` is a recognised resume section heading (anything but
    /// [`SectionKind::Other`]).
    pub fn is_known_heading(heading: &str) -> bool {
        Self::from_heading(heading) != SectionKind::Other
    }
}

/// A parsed resume.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resume {
    /// Source language.
    pub format: Format,
    /// Whether the document looks like a resume (SPEC §1). A document that is
    /// not a resume has no sections.
    pub is_resume: bool,
    /// Lines before the first section (name, contact line), as plain text.
    pub header: Vec<Text>,
    /// Sections in document order.
    pub sections: Vec<Section>,
    /// Every comment in the document: LaTeX `% ...` or Markdown `<!-- ... -->`.
    pub comments: Vec<Comment>,
}

impl Resume {
    /// An empty model (not a resume).
    pub fn empty(format: Format) -> Resume {
        Resume {
            format,
            is_resume: false,
            header: Vec::new(),
            sections: Vec::new(),
            comments: Vec::new(),
        }
    }

    /// Every entry with its section, in document order.
    pub fn entries(&self) -> impl Iterator<Item = (&Section, &Entry)> {
        self.sections
            .iter()
            .flat_map(|s| s.entries.iter().map(move |e| (s, e)))
    }

    /// Every bullet with its section and entry, in document order (bullets
    /// that sit directly under a section come before the section's entries
    /// only when they precede them in the source).
    pub fn bullets(&self) -> impl Iterator<Item = BulletRef<'_>> {
        self.sections.iter().flat_map(|section| {
            let mut refs: Vec<BulletRef<'_>> = section
                .bullets
                .iter()
                .map(|bullet| BulletRef {
                    section,
                    entry: None,
                    bullet,
                })
                .chain(section.entries.iter().flat_map(move |entry| {
                    entry.bullets.iter().map(move |bullet| BulletRef {
                        section,
                        entry: Some(entry),
                        bullet,
                    })
                }))
                .collect();
            refs.sort_by_key(|r| r.bullet.range.start);
            refs
        })
    }
}

/// A bullet together with where it sits.
#[derive(Clone, Copy, Debug)]
pub struct BulletRef<'a> {
    /// The section holding the bullet.
    pub section: &'a Section,
    /// The entry holding the bullet, if any.
    pub entry: Option<&'a Entry>,
    /// The bullet.
    pub bullet: &'a Bullet,
}

impl BulletRef<'_> {
    /// Whether this is an achievement bullet (SPEC §4).
    pub fn is_achievement(&self) -> bool {
        self.section.kind.has_achievements()
    }
}

/// A comment in the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// Source range of the whole comment, delimiters included.
    pub range: Range<usize>,
    /// The comment body without delimiters, trimmed.
    pub body: String,
}

/// A section of the resume.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// What the section is about.
    pub kind: SectionKind,
    /// The heading as plain text.
    pub heading: Text,
    /// Source range from the heading to the end of the section.
    pub range: Range<usize>,
    /// Entries (jobs, schools, projects) in order.
    pub entries: Vec<Entry>,
    /// Bullets that sit directly under the section, outside any entry.
    pub bullets: Vec<Bullet>,
    /// Skill category lines (`Languages: Python, Go`).
    pub skills: Vec<SkillLine>,
    /// Free prose paragraphs (summaries, objective statements).
    pub prose: Vec<Text>,
}

/// An entry: a job, a school, a project.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Entry {
    /// The organisation (company, school, lab).
    pub organisation: Option<Text>,
    /// The role, degree or project name.
    pub title: Option<Text>,
    /// The location.
    pub location: Option<Text>,
    /// The date or date range, as written.
    pub dates: Option<Text>,
    /// A technology list attached to the entry (`Project | Rust, React`).
    pub tech: Option<Text>,
    /// Source range of the entry heading (the macro call or heading lines).
    pub heading_range: Range<usize>,
    /// Source range from the heading to the end of its last bullet.
    pub range: Range<usize>,
    /// Bullets in order.
    pub bullets: Vec<Bullet>,
}

/// One bullet point.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bullet {
    /// The bullet's text as plain text.
    pub text: Text,
    /// A lead-in title (`\resumeItem{title}{text}`, `**Title**: text`).
    pub lead: Option<Text>,
    /// Source range of the whole bullet, markup included.
    pub range: Range<usize>,
    /// Nesting depth: 0 for a top-level bullet.
    pub depth: usize,
}

/// A line of a skills section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkillLine {
    /// The category (`Languages`), when the line has one.
    pub category: Option<Text>,
    /// The items after the category.
    pub items: Text,
    /// Source range of the whole line.
    pub range: Range<usize>,
}

impl Section {
    /// The same section read at another place: every source offset moved
    /// from `from` to `to` (see [`Text::moved`]).
    pub fn moved(&self, from: usize, to: usize) -> Section {
        Section {
            kind: self.kind,
            heading: self.heading.moved(from, to),
            range: moved_range(&self.range, from, to),
            entries: self.entries.iter().map(|e| e.moved(from, to)).collect(),
            bullets: self.bullets.iter().map(|b| b.moved(from, to)).collect(),
            skills: self.skills.iter().map(|s| s.moved(from, to)).collect(),
            prose: self.prose.iter().map(|t| t.moved(from, to)).collect(),
        }
    }
}

impl Entry {
    /// The same entry with every source offset moved from `from` to `to`.
    pub fn moved(&self, from: usize, to: usize) -> Entry {
        let text = |t: &Option<Text>| t.as_ref().map(|t| t.moved(from, to));
        Entry {
            organisation: text(&self.organisation),
            title: text(&self.title),
            location: text(&self.location),
            dates: text(&self.dates),
            tech: text(&self.tech),
            heading_range: moved_range(&self.heading_range, from, to),
            range: moved_range(&self.range, from, to),
            bullets: self.bullets.iter().map(|b| b.moved(from, to)).collect(),
        }
    }
}

impl Bullet {
    /// The same bullet with every source offset moved from `from` to `to`.
    pub fn moved(&self, from: usize, to: usize) -> Bullet {
        Bullet {
            text: self.text.moved(from, to),
            lead: self.lead.as_ref().map(|t| t.moved(from, to)),
            range: moved_range(&self.range, from, to),
            depth: self.depth,
        }
    }
}

impl SkillLine {
    /// The same line with every source offset moved from `from` to `to`.
    pub fn moved(&self, from: usize, to: usize) -> SkillLine {
        SkillLine {
            category: self.category.as_ref().map(|t| t.moved(from, to)),
            items: self.items.moved(from, to),
            range: moved_range(&self.range, from, to),
        }
    }
}
