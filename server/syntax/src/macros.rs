//! The LaTeX macro table: which macros carry resume meaning (SPEC §3).
//!
//! Kept as data so the configuration file can extend it. Argument roles given
//! here are defaults: the LaTeX lowering also recognises dates and locations
//! by content, because real resumes call the same macro in different orders.

use std::collections::HashMap;

use crate::latex::Definitions;

/// What a macro means in a resume.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MacroKind {
    /// Starts a section; its first argument is the heading.
    Section,
    /// A bullet; its argument is the text (with two arguments: lead, text).
    Bullet,
    /// An entry heading with organisation, title, location and dates.
    Entry,
    /// An entry continuing the previous organisation (title, dates).
    SubEntry,
    /// A project heading (`name | tech`, dates).
    ProjectEntry,
}

/// The role of one macro argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArgRole {
    /// Organisation, school, lab.
    Organisation,
    /// Role, degree or project name.
    Title,
    /// Location.
    Location,
    /// Date or date range.
    Dates,
    /// `name | tech` of a project heading.
    NameAndTech,
    /// Bullet lead-in.
    Lead,
    /// Bullet or heading text.
    Text,
    /// Not part of the model (links, spacing).
    Ignore,
}

/// How to read one macro.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MacroSpec {
    /// What the macro means.
    pub kind: MacroKind,
    /// Default argument roles by position; the length is the default arity.
    pub roles: Vec<ArgRole>,
}

impl MacroSpec {
    /// A spec from a kind and roles.
    pub fn new(kind: MacroKind, roles: &[ArgRole]) -> MacroSpec {
        MacroSpec {
            kind,
            roles: roles.to_vec(),
        }
    }
}

/// Macro name (without backslash) → spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MacroTable {
    map: HashMap<String, MacroSpec>,
}

impl Default for MacroTable {
    fn default() -> Self {
        Self::jake()
    }
}

impl MacroTable {
    /// An empty table.
    pub fn empty() -> MacroTable {
        MacroTable {
            map: HashMap::new(),
        }
    }

    /// The minimum table of SPEC §3 plus common fork names.
    pub fn jake() -> MacroTable {
        use ArgRole::*;
        use MacroKind::*;
        let mut t = MacroTable::empty();
        for name in ["section", "section*", "resumeSection", "cvsection"] {
            t.insert(name, MacroSpec::new(Section, &[Text]));
        }
        for name in [
            "resumeItem",
            "resumeSubItem",
            "achievementItem",
            "resumeItemNH",
        ] {
            t.insert(name, MacroSpec::new(Bullet, &[Text]));
        }
        for name in [
            "resumeSubheading",
            "resumeSubheadingV",
            "resumeQuadHeading",
            "resumeSubHeading",
        ] {
            t.insert(
                name,
                MacroSpec::new(Entry, &[Organisation, Dates, Title, Location]),
            );
        }
        for name in [
            "resumeSubSubheading",
            "resumeSubSubHeading",
            "resumeQuadHeadingChild",
        ] {
            t.insert(name, MacroSpec::new(SubEntry, &[Title, Dates]));
        }
        for name in ["resumeProjectHeading", "resumeProject"] {
            t.insert(name, MacroSpec::new(ProjectEntry, &[NameAndTech, Dates]));
        }
        t
    }

    /// Adds or replaces a macro.
    pub fn insert(&mut self, name: &str, spec: MacroSpec) {
        self.map
            .insert(name.trim_start_matches('\\').to_string(), spec);
    }

    /// Looks a macro up by name (without backslash).
    pub fn get(&self, name: &str) -> Option<&MacroSpec> {
        self.map.get(name)
    }

    /// Whether the table knows `name`.
    pub fn contains(&self, name: &str) -> bool {
        self.map.contains_key(name)
    }

    /// Every macro with its spec.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &MacroSpec)> {
        self.map.iter().map(|(n, s)| (n.as_str(), s))
    }

    /// Names of all macros of a kind other than `Section` (used for resume
    /// detection: `\section` alone does not make a resume).
    pub fn resume_macro_names(&self) -> impl Iterator<Item = &str> {
        self.map
            .iter()
            .filter(|(_, s)| s.kind != MacroKind::Section)
            .map(|(n, _)| n.as_str())
    }
}

/// Options for building the model.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// The macro table.
    pub macros: MacroTable,
    /// Forces the document to be (or not be) treated as a resume, as a
    /// configuration file may say.
    pub force_resume: Option<bool>,
    /// Macro arities read from files the document includes (`\input`), which
    /// the caller reads; definitions in the document itself win.
    pub arities: std::collections::HashMap<String, usize>,
    /// Whole macro definitions (arities, the macros their bodies call, text
    /// macros) read from files the document includes, which the caller reads;
    /// a macro the document defines itself keeps its own definition. Shared,
    /// so comparing options that were cloned from one another is cheap.
    pub included: std::sync::Arc<Definitions>,
}

impl Definitions {
    /// Adds every macro `other` defines that `self` does not define, with its
    /// arity, calls and text: a macro defined in both keeps `self`'s whole
    /// definition.
    pub fn add_missing(&mut self, other: &Definitions) {
        let defines = |d: &Definitions, name: &str| {
            d.arity.contains_key(name) || d.calls.contains_key(name) || d.text.contains_key(name)
        };
        let missing: std::collections::HashSet<&String> = other
            .arity
            .keys()
            .chain(other.calls.keys())
            .chain(other.text.keys())
            .filter(|name| !defines(self, name))
            .collect();
        for name in missing {
            if let Some(arity) = other.arity.get(name) {
                self.arity.insert(name.clone(), *arity);
            }
            if let Some(calls) = other.calls.get(name) {
                self.calls.insert(name.clone(), calls.clone());
            }
            if let Some(text) = other.text.get(name) {
                self.text.insert(name.clone(), text.clone());
            }
        }
    }
}
