//! `resume-lsp.toml`: finding, reading and validating the configuration file
//! (SPEC §8), shared by the language server and the command line.
//!
//! ```toml
//! resume = true                      # lint this directory's files as resumes
//! job_description = "job.txt"        # accepted; reserved for `jd-keyword`
//!
//! [rules]
//! weak-verb = "error"                # off, hint, information (info), warning, error
//! unquantified-bullet = "off"
//!
//! [buzzwords]
//! add = ["rockstar"]
//! remove = ["expert"]
//!
//! [weak-verbs]
//! add = ["oversaw"]
//! remove = ["used"]
//!
//! [acronyms]
//! add = { SRE = "Site Reliability Engineering" }
//! remove = ["CTR"]
//!
//! [dates]
//! month = "short"                    # short, short-dot, long, numeric, iso, year
//! separator = "–"                    # "–" (or "--"), "-", "—" (or "---"), "to"
//! ongoing = "Present"
//!
//! [macros.resumeJob]
//! kind = "entry"                     # section, bullet, entry, sub-entry, project
//! args = ["title", "dates", "organisation", "location"]
//! ```
//!
//! Everything here is pure except [`find_config_file`], [`load_for`] and
//! [`load_file`], which read the file system. Editor settings use the same
//! schema ([`ConfigLayer::from_json`]) and override the file ([`ConfigLayer::merge`]).

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use resume_rules::config::{AcronymPatch, DateStylePreference, WordListPatch};
use resume_rules::{Config, RuleLevel, Severity};
use resume_syntax::latex::Definitions;
use resume_syntax::{ArgRole, MacroKind, MacroSpec, MacroTable, ParseOptions};
use serde::Deserialize;

/// The configuration file's name.
pub const FILE_NAME: &str = "resume-lsp.toml";

/// One layer of configuration as written (file or editor settings), before
/// validation.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigLayer {
    /// Forces files under this configuration to be (or not be) resumes.
    pub resume: Option<bool>,
    /// Path of a job description, relative to the configuration file.
    #[serde(alias = "job_description", alias = "jobDescription")]
    pub job_description: Option<String>,
    /// Rule code → level name.
    #[serde(default)]
    pub rules: BTreeMap<String, String>,
    /// Buzzword list changes.
    pub buzzwords: Option<WordsLayer>,
    /// Weak phrase list changes.
    #[serde(alias = "weak_verbs", alias = "weakVerbs")]
    pub weak_verbs: Option<WordsLayer>,
    /// Acronym dictionary changes.
    pub acronyms: Option<AcronymsLayer>,
    /// Preferred date style.
    #[serde(alias = "date-style", alias = "date_style", alias = "dateStyle")]
    pub dates: Option<DatesLayer>,
    /// Macro name (without backslash) → meaning.
    #[serde(default)]
    pub macros: BTreeMap<String, MacroLayer>,
}

/// Additions and removals for a word list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordsLayer {
    /// Words or phrases added.
    #[serde(default)]
    pub add: Vec<String>,
    /// Words or phrases silenced.
    #[serde(default)]
    pub remove: Vec<String>,
}

/// Acronym additions (acronym → expansion) and silenced acronyms.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcronymsLayer {
    /// Acronym → expansion.
    #[serde(default)]
    pub add: BTreeMap<String, String>,
    /// Acronyms never reported.
    #[serde(default)]
    pub remove: Vec<String>,
}

/// Preferred date style.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatesLayer {
    /// Month form.
    pub month: Option<String>,
    /// Range separator.
    pub separator: Option<String>,
    /// Word for an ongoing range.
    pub ongoing: Option<String>,
}

/// One macro of the macro table.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MacroLayer {
    /// `section`, `bullet`, `entry`, `sub-entry` or `project`.
    pub kind: String,
    /// Argument roles by position.
    #[serde(default, alias = "roles")]
    pub args: Vec<String>,
}

/// Top-level keys of [`ConfigLayer`], for lenient reading of editor settings.
const LAYER_KEYS: &[&str] = &[
    "resume",
    "job-description",
    "job_description",
    "jobDescription",
    "rules",
    "buzzwords",
    "weak-verbs",
    "weak_verbs",
    "weakVerbs",
    "acronyms",
    "dates",
    "date-style",
    "date_style",
    "dateStyle",
    "macros",
];

/// Section names under which editors may nest our settings.
const SETTINGS_SECTIONS: &[&str] = &["resume-lsp", "resumeLsp", "resume_lsp"];

impl ConfigLayer {
    /// Reads editor settings (`initializationOptions`, the `settings` of
    /// `workspace/didChangeConfiguration`, a `workspace/configuration`
    /// answer). The object may be nested under `resume-lsp`/`resumeLsp`;
    /// keys this schema does not know (`trace`, …) are ignored. `null` is an
    /// empty layer.
    pub fn from_json(value: &serde_json::Value) -> Result<ConfigLayer, String> {
        let mut value = value;
        if let Some(obj) = value.as_object() {
            for section in SETTINGS_SECTIONS {
                if let Some(inner) = obj.get(*section) {
                    value = inner;
                    break;
                }
            }
        }
        match value {
            serde_json::Value::Null => Ok(ConfigLayer::default()),
            serde_json::Value::Object(obj) => {
                let known: serde_json::Map<String, serde_json::Value> = obj
                    .iter()
                    .filter(|(k, v)| LAYER_KEYS.contains(&k.as_str()) && !v.is_null())
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                serde_json::from_value(serde_json::Value::Object(known))
                    .map_err(|e| format!("invalid resume-lsp settings: {e}"))
            }
            _ => Err("invalid resume-lsp settings: expected an object".to_string()),
        }
    }

    /// This layer with `over` on top: scalars and per-rule levels of `over`
    /// win, word lists and macro tables are combined.
    pub fn merge(&self, over: &ConfigLayer) -> ConfigLayer {
        let mut out = self.clone();
        if over.resume.is_some() {
            out.resume = over.resume;
        }
        if over.job_description.is_some() {
            out.job_description.clone_from(&over.job_description);
        }
        for (k, v) in &over.rules {
            out.rules.insert(k.clone(), v.clone());
        }
        out.buzzwords = merge_words(&out.buzzwords, &over.buzzwords);
        out.weak_verbs = merge_words(&out.weak_verbs, &over.weak_verbs);
        if let Some(a) = &over.acronyms {
            let mut base = out.acronyms.take().unwrap_or_default();
            base.add.extend(a.add.clone());
            base.remove.extend(a.remove.iter().cloned());
            out.acronyms = Some(base);
        }
        if let Some(d) = &over.dates {
            let mut base = out.dates.take().unwrap_or_default();
            if d.month.is_some() {
                base.month.clone_from(&d.month);
            }
            if d.separator.is_some() {
                base.separator.clone_from(&d.separator);
            }
            if d.ongoing.is_some() {
                base.ongoing.clone_from(&d.ongoing);
            }
            out.dates = Some(base);
        }
        for (k, v) in &over.macros {
            out.macros.insert(k.clone(), v.clone());
        }
        out
    }
}

fn merge_words(base: &Option<WordsLayer>, over: &Option<WordsLayer>) -> Option<WordsLayer> {
    match (base, over) {
        (b, None) => b.clone(),
        (None, Some(o)) => Some(o.clone()),
        (Some(b), Some(o)) => {
            let mut w = b.clone();
            w.add.extend(o.add.iter().cloned());
            w.remove.extend(o.remove.iter().cloned());
            Some(w)
        }
    }
}

/// A problem in a configuration: what is wrong, and where when known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigProblem {
    /// What is wrong and what to do (lowercase, no trailing period).
    pub message: String,
    /// Byte range in the file, when the problem has a place.
    pub range: Option<Range<usize>>,
    /// 1-based line of the start of `range` (1 when unknown).
    pub line: usize,
    /// 1-based column in characters of the start of `range` (1 when unknown).
    pub column: usize,
}

impl ConfigProblem {
    fn new(message: impl Into<String>, range: Option<Range<usize>>, text: &str) -> ConfigProblem {
        let (line, column) = match &range {
            Some(r) => line_column(text, r.start),
            None => (1, 1),
        };
        ConfigProblem {
            message: message.into(),
            range,
            line,
            column,
        }
    }
}

/// 1-based line and character column of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

/// A configuration file that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The file.
    pub path: PathBuf,
    /// What is wrong with it.
    pub problem: ConfigProblem,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.problem.line,
            self.problem.column,
            self.problem.message
        )
    }
}

impl std::error::Error for ConfigError {}

/// A usable configuration.
#[derive(Clone, Debug, Default)]
pub struct LoadedConfig {
    /// The file it came from; `None` for built-in defaults.
    pub path: Option<PathBuf>,
    /// The layer as written, for merging editor settings on top.
    pub layer: ConfigLayer,
    /// What the rules read.
    pub rules: Config,
    /// How to build the model.
    pub parse: ParseOptions,
    /// The job description file, resolved against the configuration's
    /// directory (accepted, not yet used by any rule).
    pub job_description: Option<PathBuf>,
    /// Problems that did not stop the configuration from loading (unknown
    /// rule codes).
    pub warnings: Vec<ConfigProblem>,
}

/// The nearest `resume-lsp.toml` at or above `start` (a file or directory).
pub fn find_config_file(start: &Path) -> Option<PathBuf> {
    let mut dir = if start.is_dir() {
        Some(start)
    } else {
        start.parent()
    };
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

/// The configuration that applies to `path` (a resume file or a directory):
/// the nearest `resume-lsp.toml` walking up, or the defaults when there is
/// none.
pub fn load_for(path: &Path) -> Result<LoadedConfig, ConfigError> {
    match find_config_file(path) {
        Some(file) => load_file(&file),
        None => Ok(LoadedConfig::default()),
    }
}

/// Reads and validates one configuration file.
pub fn load_file(path: &Path) -> Result<LoadedConfig, ConfigError> {
    let bytes = std::fs::read(path).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        problem: ConfigProblem::new(
            format!("cannot read the configuration file ({e}); check that it is readable"),
            None,
            "",
        ),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
        ConfigError {
            path: path.to_path_buf(),
            problem: ConfigProblem::new(
                "the configuration file is not valid UTF-8; save it as UTF-8",
                Some(at..at + 1),
                &text,
            ),
        }
    })?;
    parse_config(&text, path)
}

/// Spans of values whose meaning is checked after deserialising.
#[derive(Default, Deserialize)]
struct Spans {
    #[serde(default)]
    rules: BTreeMap<String, toml::Spanned<toml::Value>>,
    #[serde(default)]
    macros: BTreeMap<String, toml::Spanned<toml::Value>>,
    #[serde(default)]
    dates: Option<toml::Spanned<toml::Value>>,
}

/// Parses and validates the text of a configuration file at `path` (used
/// to resolve relative paths and in messages).
pub fn parse_config(text: &str, path: &Path) -> Result<LoadedConfig, ConfigError> {
    let err = |problem: ConfigProblem| ConfigError {
        path: path.to_path_buf(),
        problem,
    };
    let layer: ConfigLayer = toml::from_str(text).map_err(|e| {
        let message = format!(
            "{}; fix the file or delete it",
            e.message().trim_end_matches('.')
        );
        err(ConfigProblem::new(message, e.span(), text))
    })?;
    let spans: Spans = toml::from_str(text).unwrap_or_default();
    let span_of = |place: &Place| -> Option<Range<usize>> {
        match place {
            Place::Rule(code) => spans.rules.get(code).map(|s| s.span()),
            Place::Macro(name) => spans.macros.get(name).map(|s| s.span()),
            Place::Dates => spans.dates.as_ref().map(|s| s.span()),
            Place::None => None,
        }
    };
    let mut loaded = build(&layer, path.parent())
        .map_err(|(message, place)| err(ConfigProblem::new(message, span_of(&place), text)))?;
    loaded.path = Some(path.to_path_buf());
    loaded.warnings = unknown_rule_codes(&layer)
        .into_iter()
        .map(|(message, place)| ConfigProblem::new(message, span_of(&place), text))
        .collect();
    Ok(loaded)
}

/// Where a problem sits, for locating it in the file.
enum Place {
    Rule(String),
    Macro(String),
    Dates,
    None,
}

/// Warnings for rule codes no rule has (they may belong to a newer version).
fn unknown_rule_codes(layer: &ConfigLayer) -> Vec<(String, Place)> {
    layer
        .rules
        .keys()
        .filter(|code| resume_rules::rule(code).is_none() && code.as_str() != UNKNOWN_RULE_CODE)
        .map(|code| {
            (
                format!("unknown rule code `{code}`; run `resume-lsp rules` to list the codes"),
                Place::Rule(code.clone()),
            )
        })
        .collect()
}

/// The code of the finding for an unknown code in a suppression comment.
const UNKNOWN_RULE_CODE: &str = "unknown-rule-code";

/// Validates a layer (possibly merged from several) into a configuration.
/// `base_dir` resolves a relative job description path.
pub fn build_layer(layer: &ConfigLayer, base_dir: Option<&Path>) -> Result<LoadedConfig, String> {
    build(layer, base_dir).map_err(|(m, _)| m)
}

fn build(layer: &ConfigLayer, base_dir: Option<&Path>) -> Result<LoadedConfig, (String, Place)> {
    let mut rules = Config::default();
    for (code, level) in &layer.rules {
        let parsed = parse_level(level).ok_or_else(|| {
            (
                format!(
                    "unknown level `{level}` for rule `{code}`; use off, hint, information, warning or error"
                ),
                Place::Rule(code.clone()),
            )
        })?;
        rules.rules.insert(code.clone(), parsed);
    }
    if let Some(w) = &layer.buzzwords {
        rules.buzzwords = words(w);
    }
    if let Some(w) = &layer.weak_verbs {
        rules.weak_verbs = words(w);
    }
    if let Some(a) = &layer.acronyms {
        rules.acronyms = AcronymPatch {
            add: a
                .add
                .iter()
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .collect(),
            remove: a.remove.iter().map(|s| s.trim().to_string()).collect(),
        };
    }
    if let Some(d) = &layer.dates {
        rules.date_style = dates(d).map_err(|m| (m, Place::Dates))?;
    }
    let mut macros = MacroTable::default();
    for (name, m) in &layer.macros {
        let spec = macro_spec(name, m).map_err(|msg| (msg, Place::Macro(name.clone())))?;
        macros.insert(name, spec);
    }
    if layer
        .macros
        .keys()
        .any(|n| n.trim_start_matches('\\').is_empty())
    {
        return Err((
            "a macro name is empty; write it without the backslash, e.g. `[macros.resumeJob]`"
                .into(),
            Place::None,
        ));
    }
    let parse = ParseOptions {
        macros,
        force_resume: layer.resume,
        ..ParseOptions::default()
    };
    let job_description = layer.job_description.as_ref().map(|p| {
        let p = PathBuf::from(p);
        match base_dir {
            Some(dir) if p.is_relative() => dir.join(p),
            _ => p,
        }
    });
    Ok(LoadedConfig {
        path: None,
        layer: layer.clone(),
        rules,
        parse,
        job_description,
        warnings: Vec::new(),
    })
}

fn parse_level(level: &str) -> Option<RuleLevel> {
    let l = level.trim().to_ascii_lowercase();
    if l == "off" || l == "none" || l == "disabled" {
        return Some(RuleLevel::Off);
    }
    Severity::parse(&l).map(RuleLevel::On)
}

fn words(w: &WordsLayer) -> WordListPatch {
    let clean = |v: &Vec<String>| {
        v.iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    WordListPatch {
        add: clean(&w.add),
        remove: clean(&w.remove),
    }
}

fn dates(d: &DatesLayer) -> Result<DateStylePreference, String> {
    use resume_rules::analysis::dates::{MonthForm, SepKind};
    use resume_syntax::Format;
    let month = match &d.month {
        Some(m) if MonthForm::from_config(m).is_none() => {
            return Err(format!(
                "unknown month form `{}` in [dates]; use short, short-dot, long, numeric, numeric-unpadded, iso, season or year",
                m.trim()
            ))
        }
        m => m.as_ref().map(|m| m.trim().to_string()),
    };
    let separator = match &d.separator {
        Some(s)
            if SepKind::from_config(s, Format::Latex).is_none()
                && SepKind::from_config(s, Format::Markdown).is_none() =>
        {
            return Err(format!(
                "unknown date separator `{}` in [dates]; use \"–\" (or \"--\"), \"-\", \"—\" (or \"---\") or \"to\"",
                s.trim()
            ))
        }
        s => s.as_ref().map(|s| s.trim().to_string()),
    };
    let ongoing = d
        .ongoing
        .as_ref()
        .map(|o| o.trim().to_string())
        .filter(|o| !o.is_empty());
    Ok(DateStylePreference {
        month,
        separator,
        ongoing,
    })
}

fn macro_spec(name: &str, m: &MacroLayer) -> Result<MacroSpec, String> {
    let kind = match m.kind.trim().to_ascii_lowercase().replace('_', "-").as_str() {
        "section" => MacroKind::Section,
        "bullet" | "item" => MacroKind::Bullet,
        "entry" | "heading" => MacroKind::Entry,
        "sub-entry" | "subentry" | "sub-heading" => MacroKind::SubEntry,
        "project" | "project-entry" | "project-heading" => MacroKind::ProjectEntry,
        other => {
            return Err(format!(
                "unknown kind `{other}` for macro `{name}`; use section, bullet, entry, sub-entry or project"
            ))
        }
    };
    let mut roles = Vec::with_capacity(m.args.len());
    for arg in &m.args {
        let role = match arg.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "organisation" | "organization" | "org" | "company" | "school" => {
                ArgRole::Organisation
            }
            "title" | "role" | "degree" | "name" => ArgRole::Title,
            "location" | "place" => ArgRole::Location,
            "dates" | "date" => ArgRole::Dates,
            "name-and-tech" | "name-tech" | "project" => ArgRole::NameAndTech,
            "lead" => ArgRole::Lead,
            "text" | "heading" => ArgRole::Text,
            "ignore" | "skip" | "link" | "url" => ArgRole::Ignore,
            other => {
                return Err(format!(
                    "unknown argument role `{other}` for macro `{name}`; use organisation, title, location, dates, name-and-tech, lead, text or ignore"
                ))
            }
        };
        roles.push(role);
    }
    if roles.is_empty() {
        roles = match kind {
            MacroKind::Section | MacroKind::Bullet => vec![ArgRole::Text],
            MacroKind::Entry => vec![
                ArgRole::Organisation,
                ArgRole::Dates,
                ArgRole::Title,
                ArgRole::Location,
            ],
            MacroKind::SubEntry => vec![ArgRole::Title, ArgRole::Dates],
            MacroKind::ProjectEntry => vec![ArgRole::NameAndTech, ArgRole::Dates],
        };
    }
    Ok(MacroSpec::new(kind, &roles))
}

/// Largest included file read for macro definitions.
const MAX_INCLUDE_BYTES: u64 = 2 << 20;

/// Macro definitions (arities, the macros their bodies call, text macros)
/// in the files a LaTeX document at `doc_path` includes with
/// `\input`/`\include` (for [`ParseOptions::included`]). Only files inside
/// the document's directory tree are read; missing, unreadable or huge files
/// are skipped. Follows includes one level deep; a macro defined in several
/// included files keeps the definition of the first.
pub fn include_definitions(doc_path: &Path, source: &str) -> Definitions {
    let mut out = Definitions::default();
    let Some(dir) = doc_path.parent() else {
        return out;
    };
    let Ok(root) = dir.canonicalize() else {
        return out;
    };
    for name in resume_syntax::latex_includes(source) {
        let mut candidates = vec![dir.join(&name)];
        if Path::new(&name).extension().is_none() {
            candidates.insert(0, dir.join(format!("{name}.tex")));
        }
        let Some(file) = candidates
            .into_iter()
            .filter_map(|c| c.canonicalize().ok())
            .find(|c| c.starts_with(&root) && c.is_file())
        else {
            continue;
        };
        if std::fs::metadata(&file).map_or(true, |m| m.len() > MAX_INCLUDE_BYTES) {
            continue;
        }
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        out.add_missing(&resume_syntax::latex_definitions(&text));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<LoadedConfig, ConfigError> {
        parse_config(text, Path::new("/cfg/resume-lsp.toml"))
    }

    #[test]
    fn full_file_is_read() {
        let c = parse(
            r#"
resume = true
job_description = "jd.txt"

[rules]
weak-verb = "error"
unquantified-bullet = "off"

[buzzwords]
add = ["rockstar"]
remove = ["expert"]

[weak-verbs]
add = ["oversaw"]

[acronyms]
add = { SRE = "Site Reliability Engineering" }
remove = ["CTR"]

[dates]
month = "long"
separator = "--"
ongoing = "Present"

[macros.resumeJob]
kind = "entry"
args = ["title", "dates", "organisation", "location"]
"#,
        )
        .unwrap();
        assert_eq!(
            c.rules.rules.get("weak-verb"),
            Some(&RuleLevel::On(Severity::Error))
        );
        assert_eq!(
            c.rules.rules.get("unquantified-bullet"),
            Some(&RuleLevel::Off)
        );
        assert_eq!(c.rules.buzzwords.add, vec!["rockstar"]);
        assert_eq!(c.rules.buzzwords.remove, vec!["expert"]);
        assert_eq!(c.rules.weak_verbs.add, vec!["oversaw"]);
        assert_eq!(
            c.rules.acronyms.add,
            vec![(
                "SRE".to_string(),
                "Site Reliability Engineering".to_string()
            )]
        );
        assert_eq!(c.rules.date_style.separator.as_deref(), Some("--"));
        assert_eq!(c.rules.date_style.month.as_deref(), Some("long"));
        assert_eq!(c.parse.force_resume, Some(true));
        let spec = c.parse.macros.get("resumeJob").unwrap();
        assert_eq!(spec.kind, MacroKind::Entry);
        assert_eq!(spec.roles[0], ArgRole::Title);
        assert!(c.parse.macros.get("resumeItem").is_some(), "defaults kept");
        assert_eq!(c.job_description, Some(PathBuf::from("/cfg/jd.txt")));
        assert!(c.warnings.is_empty());
    }

    #[test]
    fn syntax_errors_have_a_line_and_column() {
        let e = parse("[rules]\nweak-verb = \"error\n").unwrap_err();
        assert_eq!(e.problem.line, 2, "{e}");
        assert!(e.problem.range.is_some());
        let e = parse("[ruels]\nweak-verb = \"error\"\n").unwrap_err();
        assert!(e.problem.message.contains("ruels"), "{e}");
        assert_eq!((e.problem.line, e.problem.column), (1, 2), "{e}");
    }

    #[test]
    fn bad_values_point_at_the_value() {
        let e = parse("[rules]\n\nweak-verb = \"loud\"\n").unwrap_err();
        assert!(e.problem.message.contains("loud"));
        assert_eq!((e.problem.line, e.problem.column), (3, 13), "{e}");
        let e = parse("[macros.x]\nkind = \"widget\"\n").unwrap_err();
        assert!(e.problem.message.contains("widget"), "{e}");
        let e = parse("[dates]\nmonth = \"lunar\"\n").unwrap_err();
        assert_eq!(e.problem.line, 1, "{e}");
        assert!(e.to_string().starts_with("/cfg/resume-lsp.toml:1:"));
    }

    #[test]
    fn unknown_rule_codes_warn() {
        let c = parse("[rules]\nno-such-rule = \"off\"\n").unwrap();
        assert_eq!(c.warnings.len(), 1);
        assert_eq!(c.warnings[0].line, 2);
    }

    #[test]
    fn settings_override_the_file() {
        let file =
            parse("[rules]\nweak-verb = \"error\"\nunquantified-bullet = \"off\"\n").unwrap();
        let settings = ConfigLayer::from_json(&serde_json::json!({
            "resumeLsp": {"rules": {"weak-verb": "hint"}, "trace": {"server": "off"}}
        }))
        .unwrap();
        let merged = build_layer(&file.layer.merge(&settings), None).unwrap();
        assert_eq!(
            merged.rules.rules.get("weak-verb"),
            Some(&RuleLevel::On(Severity::Hint))
        );
        assert_eq!(
            merged.rules.rules.get("unquantified-bullet"),
            Some(&RuleLevel::Off)
        );
        assert!(ConfigLayer::from_json(&serde_json::json!({"rules": 3})).is_err());
        assert_eq!(
            ConfigLayer::from_json(&serde_json::Value::Null).unwrap(),
            ConfigLayer::default()
        );
    }

    #[test]
    fn files_are_found_walking_up() {
        let root = std::env::temp_dir().join(format!("resume-lsp-cfg-{}", std::process::id()));
        let deep = root.join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(root.join(FILE_NAME), "[rules]\nweak-verb = \"off\"\n").unwrap();
        let c = load_for(&deep.join("resume.md")).unwrap();
        assert_eq!(c.path, Some(root.join(FILE_NAME)));
        assert_eq!(c.rules.rules.get("weak-verb"), Some(&RuleLevel::Off));
        std::fs::write(root.join(FILE_NAME), [b'[', 0xff, b']']).unwrap();
        assert!(load_for(&deep.join("resume.md")).is_err());
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn include_definitions_read_inputs_inside_the_directory_only() {
        let root = std::env::temp_dir().join(format!("resume-lsp-inc-{}", std::process::id()));
        let dir = root.join("cv");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("macros.tex"),
            "\\newcommand{\\resumeItem}[2]{\\item #1: #2}\n\
             \\newcommand{\\bulletpoint}[1]{\\resumeItem{#1}}\n\
             \\newcommand{\\employer}{Acme Corp}\n",
        )
        .unwrap();
        std::fs::write(dir.join("more.tex"), "\\newcommand{\\employer}{Other}\n").unwrap();
        std::fs::write(
            root.join("outside.tex"),
            "\\newcommand{\\outsideMacro}[3]{#1}\n",
        )
        .unwrap();
        let source = "\\input{macros}\n\\input{more}\n\\input{../outside}\n\\input{missing}\n";
        let defs = include_definitions(&dir.join("resume.tex"), source);
        assert_eq!(defs.arity.get("resumeItem"), Some(&2), "{defs:?}");
        assert_eq!(defs.arity.get("bulletpoint"), Some(&1), "{defs:?}");
        assert_eq!(
            defs.calls.get("bulletpoint"),
            Some(&vec!["resumeItem".to_string()]),
            "{defs:?}"
        );
        assert_eq!(
            defs.text.get("employer").map(String::as_str),
            Some("Acme Corp"),
            "the first included file wins: {defs:?}"
        );
        assert!(!defs.arity.contains_key("outsideMacro"));
        std::fs::remove_dir_all(&root).unwrap();
    }
}
