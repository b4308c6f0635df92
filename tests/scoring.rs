//! Scores rules against labelled data.
//!
//! Two kinds of labelled data, both described in `tests/dev-set/README.md`:
//!
//! - bullet tables (`bullets.tsv`): one bullet per row with three labels.
//!   Each row is placed as the only bullet under an Experience entry (a
//!   Markdown `- text` line, or `\resumeItem{text}` in a LaTeX skeleton when
//!   its note starts with `latex:`), linted, and compared:
//!   `unquantified-bullet` must fire exactly when `quantified` is `n`,
//!   `weak-verb` exactly when `weak_verb` is not `-` and with a range that
//!   contains the labelled phrase, `buzzword-stacking` exactly when
//!   `buzzword_stacking` is `y`;
//! - whole resumes (`dN.tex`/`dN.md` with `dN.expected.tsv`): findings are
//!   keyed by (1-based line, code); every other (line, code) pair of a scored
//!   code is a false alarm.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use resume_rules::{lint, Config, Diagnostic};
use resume_syntax::{parse, Format, ParseOptions};

/// The five mission rules of SPEC §4.
pub const MISSION_CODES: [&str; 5] = [
    "unquantified-bullet",
    "weak-verb",
    "buzzword-stacking",
    "inconsistent-date-format",
    "unexpanded-acronym",
];

/// The codes a bullet table labels.
pub const BULLET_CODES: [&str; 3] = ["unquantified-bullet", "weak-verb", "buzzword-stacking"];

/// The shared development set.
pub fn dev_set_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/dev-set"))
}

/// The project's own labelled bullets.
pub fn own_bullets_path() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/labelled/bullets.tsv"))
}

/// One row of a bullet table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BulletRow {
    /// Row id (`b001`).
    pub id: String,
    /// Source text of the bullet.
    pub text: String,
    /// Whether the bullet has a metric.
    pub quantified: bool,
    /// The weak phrase as written, if any.
    pub weak_verb: Option<String>,
    /// Whether the bullet stacks buzzwords.
    pub stacking: bool,
    /// Why the row is hard, or `-`.
    pub note: String,
}

impl BulletRow {
    /// Whether the text is LaTeX source (note starts with `latex:`).
    pub fn is_latex(&self) -> bool {
        self.note.starts_with("latex:")
    }

    /// Whether `code` should fire on this row.
    pub fn expects(&self, code: &str) -> bool {
        match code {
            "unquantified-bullet" => !self.quantified,
            "weak-verb" => self.weak_verb.is_some(),
            "buzzword-stacking" => self.stacking,
            _ => false,
        }
    }
}

fn yes_no(field: &str, what: &str, line: usize) -> Result<bool, String> {
    match field {
        "y" => Ok(true),
        "n" => Ok(false),
        other => Err(format!(
            "line {line}: `{what}` must be `y` or `n`, found `{other}`"
        )),
    }
}

/// Parses a bullet table (header `id text quantified weak_verb
/// buzzword_stacking note`, tab-separated).
pub fn parse_bullets(tsv: &str) -> Result<Vec<BulletRow>, String> {
    let mut rows = Vec::new();
    let mut lines = tsv.lines().enumerate();
    let header = lines.next().map(|(_, h)| h).unwrap_or_default();
    if header.split('\t').collect::<Vec<_>>()
        != [
            "id",
            "text",
            "quantified",
            "weak_verb",
            "buzzword_stacking",
            "note",
        ]
    {
        return Err(format!("unexpected header `{header}`: use `id\\ttext\\tquantified\\tweak_verb\\tbuzzword_stacking\\tnote`"));
    }
    for (n, line) in lines {
        let n = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 6 {
            return Err(format!(
                "line {n}: expected 6 tab-separated fields, found {}",
                f.len()
            ));
        }
        let weak = f[3].trim();
        if f[1].trim().is_empty() {
            return Err(format!("line {n}: empty text"));
        }
        let weak_verb = (weak != "-").then(|| weak.to_string());
        if let Some(w) = &weak_verb {
            if !f[1].contains(w.as_str()) {
                return Err(format!(
                    "line {n}: weak phrase `{w}` does not occur in the text"
                ));
            }
        }
        rows.push(BulletRow {
            id: f[0].to_string(),
            text: f[1].to_string(),
            quantified: yes_no(f[2], "quantified", n)?,
            weak_verb,
            stacking: yes_no(f[4], "buzzword_stacking", n)?,
            note: f[5].to_string(),
        });
    }
    Ok(rows)
}

/// Reads and parses a bullet table.
pub fn read_bullets(path: &Path) -> Result<Vec<BulletRow>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    parse_bullets(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// A Markdown resume whose only bullet is `- {text}`; returns the source and
/// the source range of `text`.
pub fn markdown_bullet_doc(text: &str) -> (String, Range<usize>) {
    let head = "# Alex Doe\n\nalex@example.com\n\n## Experience\n\n### Engineer — Acme Corp\n*Jan 2020 – Present*\n\n- ";
    let source = format!("{head}{text}\n");
    (source, head.len()..head.len() + text.len())
}

/// A LaTeX resume in Jake's template whose only bullet is
/// `\resumeItem{text}`; returns the source and the source range of `text`.
pub fn latex_bullet_doc(text: &str) -> (String, Range<usize>) {
    let head = "\\documentclass[letterpaper,11pt]{article}\n\
\\usepackage[hidelinks]{hyperref}\n\
\\begin{document}\n\
\\begin{center}\n    \\textbf{\\Huge Alex Doe} \\\\ alex@example.com\n\\end{center}\n\n\
\\section{Experience}\n\\resumeSubHeadingListStart\n\
\\resumeSubheading\n  {Engineer}{Jan 2020 -- Present}\n  {Acme Corp}{Remote}\n\
\\resumeItemListStart\n\\resumeItem{";
    let tail = "}\n\\resumeItemListEnd\n\\resumeSubHeadingListEnd\n\\end{document}\n";
    let source = format!("{head}{text}{tail}");
    (source, head.len()..head.len() + text.len())
}

/// Lints `source` and keeps the findings of `codes`.
pub fn lint_source(source: &str, format: Format, codes: &[&str]) -> Vec<Diagnostic> {
    let resume = parse(source, format, &ParseOptions::default());
    lint(&resume, source, &Config::default())
        .into_iter()
        .filter(|d| codes.contains(&d.code))
        .collect()
}

/// Whether an outcome was right.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// Expected and found.
    TruePositive,
    /// Found but not expected: a false alarm.
    FalsePositive,
    /// Expected but not found: a miss.
    FalseNegative,
}

/// One finding or miss, with enough text to tune a rule.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Outcome {
    /// The rule code.
    pub code: String,
    /// Right or wrong.
    pub verdict: Verdict,
    /// Where: `bullets.tsv b012` or `d1.tex:123`.
    pub place: String,
    /// The bullet or line text (and the message for false alarms).
    pub text: String,
}

/// Counts for one rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
}

impl Counts {
    /// TP / (TP + FP); 1 when nothing fired.
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }

    /// TP / (TP + FN); 1 when nothing was expected.
    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
}

/// The outcomes of one scoring run.
#[derive(Clone, Debug, Default)]
pub struct Score {
    /// Every true positive, false positive and false negative.
    pub outcomes: Vec<Outcome>,
}

impl Score {
    /// Counts for `code`.
    pub fn counts(&self, code: &str) -> Counts {
        let mut c = Counts::default();
        for o in self.outcomes.iter().filter(|o| o.code == code) {
            match o.verdict {
                Verdict::TruePositive => c.tp += 1,
                Verdict::FalsePositive => c.fp += 1,
                Verdict::FalseNegative => c.fn_ += 1,
            }
        }
        c
    }

    /// Adds another score's outcomes.
    pub fn merge(&mut self, other: &Score) {
        self.outcomes.extend(other.outcomes.iter().cloned());
    }

    /// The misses and false alarms of `code`.
    pub fn errors<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Outcome> + 'a {
        self.outcomes
            .iter()
            .filter(move |o| o.code == code && o.verdict != Verdict::TruePositive)
    }

    /// A table with one row per code: TP, FP, FN, precision, recall.
    pub fn table(&self, codes: &[&str]) -> String {
        let mut out = format!(
            "{:<26} {:>4} {:>4} {:>4} {:>9} {:>7}\n",
            "rule", "TP", "FP", "FN", "precision", "recall"
        );
        for code in codes {
            let c = self.counts(code);
            let _ = writeln!(
                out,
                "{:<26} {:>4} {:>4} {:>4} {:>9.3} {:>7.3}",
                code,
                c.tp,
                c.fp,
                c.fn_,
                c.precision(),
                c.recall()
            );
        }
        out
    }

    /// The misses and false alarms of `codes`, one per line.
    pub fn error_list(&self, codes: &[&str]) -> String {
        let mut out = String::new();
        for code in codes {
            for o in self.errors(code) {
                let kind = match o.verdict {
                    Verdict::FalseNegative => "miss",
                    _ => "false alarm",
                };
                let _ = writeln!(out, "{code} {kind} {}: {}", o.place, o.text);
            }
        }
        out
    }
}

fn outcome(code: &str, verdict: Verdict, place: String, text: String) -> Outcome {
    Outcome {
        code: code.to_string(),
        verdict,
        place,
        text,
    }
}

/// Scores `codes` (among [`BULLET_CODES`]) on a bullet table; `name` labels
/// the places in the outcomes.
pub fn score_bullet_rows(rows: &[BulletRow], name: &str, codes: &[&str]) -> Score {
    let mut score = Score::default();
    for row in rows {
        let (source, span, format) = if row.is_latex() {
            let (s, r) = latex_bullet_doc(&row.text);
            (s, r, Format::Latex)
        } else {
            let (s, r) = markdown_bullet_doc(&row.text);
            (s, r, Format::Markdown)
        };
        let found: Vec<Diagnostic> = lint_source(&source, format, codes)
            .into_iter()
            .filter(|d| d.range.start < span.end && d.range.end > span.start)
            .collect();
        let place = format!("{name} {}", row.id);
        for &code in codes.iter().filter(|c| BULLET_CODES.contains(c)) {
            let mine: Vec<&Diagnostic> = found.iter().filter(|d| d.code == code).collect();
            let expected = row.expects(code);
            // weak-verb must cover the labelled phrase.
            let right: Vec<&&Diagnostic> = match (&row.weak_verb, code) {
                (Some(phrase), "weak-verb") => {
                    let at = row.text.find(phrase.as_str()).unwrap_or(0) + span.start;
                    let want = at..at + phrase.len();
                    mine.iter()
                        .filter(|d| d.range.start <= want.start && d.range.end >= want.end)
                        .collect()
                }
                _ => mine.iter().collect(),
            };
            let text = &row.text;
            if expected {
                if right.is_empty() {
                    score.outcomes.push(outcome(
                        code,
                        Verdict::FalseNegative,
                        place.clone(),
                        text.clone(),
                    ));
                } else {
                    score.outcomes.push(outcome(
                        code,
                        Verdict::TruePositive,
                        place.clone(),
                        text.clone(),
                    ));
                }
                for d in mine
                    .iter()
                    .filter(|d| !right.iter().any(|r| std::ptr::eq(**r, **d)))
                {
                    let what = source.get(d.range.clone()).unwrap_or("?");
                    score.outcomes.push(outcome(
                        code,
                        Verdict::FalsePositive,
                        place.clone(),
                        format!("{text}  [range `{what}`: {}]", d.message),
                    ));
                }
            } else if let Some(d) = mine.first() {
                let what = source.get(d.range.clone()).unwrap_or("?");
                score.outcomes.push(outcome(
                    code,
                    Verdict::FalsePositive,
                    place.clone(),
                    format!("{text}  [range `{what}`: {}]", d.message),
                ));
            }
        }
    }
    score
}

/// Scores `codes` on the bullet table at `path`.
pub fn score_bullets(path: &Path, codes: &[&str]) -> Result<Score, String> {
    let rows = read_bullets(path)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(score_bullet_rows(&rows, &name, codes))
}

/// One expected finding of a whole resume.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedFinding {
    /// 1-based line where it starts.
    pub line: usize,
    /// Rule code.
    pub code: String,
    /// Source text where it starts.
    pub excerpt: String,
}

/// Parses a `dN.expected.tsv` (header `line code excerpt`).
pub fn parse_expected(tsv: &str) -> Result<Vec<ExpectedFinding>, String> {
    let mut out = Vec::new();
    let mut lines = tsv.lines().enumerate();
    let header = lines.next().map(|(_, h)| h).unwrap_or_default();
    if header.split('\t').collect::<Vec<_>>() != ["line", "code", "excerpt"] {
        return Err(format!(
            "unexpected header `{header}`: use `line\\tcode\\texcerpt`"
        ));
    }
    for (n, l) in lines {
        if l.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() != 3 {
            return Err(format!(
                "line {}: expected 3 fields, found {}",
                n + 1,
                f.len()
            ));
        }
        let line = f[0]
            .parse()
            .map_err(|_| format!("line {}: `{}` is not a line number", n + 1, f[0]))?;
        out.push(ExpectedFinding {
            line,
            code: f[1].to_string(),
            excerpt: f[2].to_string(),
        });
    }
    Ok(out)
}

/// The resumes of the dev set: (document path, expected-findings path).
pub fn resume_files(dir: &Path) -> Result<Vec<(PathBuf, PathBuf)>, String> {
    let mut out = Vec::new();
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    let mut names: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    names.sort();
    for path in names {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if let Some(stem) = name.strip_suffix(".expected.tsv") {
            let doc = ["tex", "md"]
                .iter()
                .map(|ext| dir.join(format!("{stem}.{ext}")))
                .find(|p| p.exists())
                .ok_or_else(|| format!("{name} has no {stem}.tex or {stem}.md next to it"))?;
            out.push((doc, path.clone()));
        }
    }
    Ok(out)
}

fn line_of(source: &str, offset: usize) -> usize {
    let offset = offset.min(source.len());
    source.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Scores `codes` (among [`MISSION_CODES`]) on one resume and its expected
/// findings.
pub fn score_resume(doc: &Path, expected: &Path, codes: &[&str]) -> Result<Score, String> {
    let source =
        std::fs::read_to_string(doc).map_err(|e| format!("cannot read {}: {e}", doc.display()))?;
    let tsv = std::fs::read_to_string(expected)
        .map_err(|e| format!("cannot read {}: {e}", expected.display()))?;
    let expected = parse_expected(&tsv).map_err(|e| format!("{}: {e}", expected.display()))?;
    let format = Format::from_path(&doc.to_string_lossy())
        .ok_or_else(|| format!("{}: not a .tex or .md file", doc.display()))?;
    let name = doc
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lines: Vec<&str> = source.lines().collect();
    let line_text = |l: usize| lines.get(l.wrapping_sub(1)).map_or("", |s| s.trim());

    let want: BTreeSet<(usize, &str)> = expected
        .iter()
        .filter(|e| codes.contains(&e.code.as_str()))
        .map(|e| (e.line, e.code.as_str()))
        .collect();
    let found = lint_source(&source, format, codes);
    let mut got: BTreeSet<(usize, &str)> = BTreeSet::new();
    let mut score = Score::default();
    for d in &found {
        let key = (line_of(&source, d.range.start), d.code);
        if !got.insert(key) {
            continue;
        }
        let place = format!("{name}:{}", key.0);
        if want.contains(&key) {
            score.outcomes.push(outcome(
                d.code,
                Verdict::TruePositive,
                place,
                line_text(key.0).to_string(),
            ));
        } else {
            let what = source.get(d.range.clone()).unwrap_or("?");
            score.outcomes.push(outcome(
                d.code,
                Verdict::FalsePositive,
                place,
                format!("{}  [range `{what}`: {}]", line_text(key.0), d.message),
            ));
        }
    }
    for e in &expected {
        if codes.contains(&e.code.as_str()) && !got.contains(&(e.line, e.code.as_str())) {
            score.outcomes.push(outcome(
                &e.code,
                Verdict::FalseNegative,
                format!("{name}:{}", e.line),
                format!("{}  [expected at `{}`]", line_text(e.line), e.excerpt),
            ));
        }
    }
    Ok(score)
}

/// Scores `codes` on every resume of `dir`.
pub fn score_resumes(dir: &Path, codes: &[&str]) -> Result<Score, String> {
    let mut score = Score::default();
    for (doc, expected) in resume_files(dir)? {
        score.merge(&score_resume(&doc, &expected, codes)?);
    }
    Ok(score)
}

/// Every score the project tracks.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// The dev set's bullet table.
    pub dev_bullets: Score,
    /// The dev set's whole resumes.
    pub dev_resumes: Score,
    /// The project's own labelled bullets.
    pub own_bullets: Score,
}

impl Report {
    /// Everything together.
    pub fn combined(&self) -> Score {
        let mut all = self.dev_bullets.clone();
        all.merge(&self.dev_resumes);
        all.merge(&self.own_bullets);
        all
    }
}

/// Scores `codes` on the dev set and the project's own labelled bullets.
pub fn score_all(codes: &[&str]) -> Result<Report, String> {
    let dev = dev_set_dir();
    Ok(Report {
        dev_bullets: score_bullets(&dev.join("bullets.tsv"), codes)?,
        dev_resumes: score_resumes(&dev, codes)?,
        own_bullets: score_bullets(&own_bullets_path(), codes)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullet_rows_parse_and_check_their_labels() {
        let tsv = "id\ttext\tquantified\tweak_verb\tbuzzword_stacking\tnote\n\
x1\tHelped ship 3 apps\ty\tHelped\tn\t-\n\
x2\tBuilt \\textbf{it}\tn\t-\tn\tlatex: bold\n";
        let rows = parse_bullets(tsv).unwrap();
        assert_eq!(rows.len(), 2);
        assert!(rows[0].expects("weak-verb") && !rows[0].expects("unquantified-bullet"));
        assert!(rows[1].is_latex() && rows[1].expects("unquantified-bullet"));
        let bad =
            "id\ttext\tquantified\tweak_verb\tbuzzword_stacking\tnote\nx\tHi\tmaybe\t-\tn\t-\n";
        assert!(parse_bullets(bad).is_err());
        let missing =
            "id\ttext\tquantified\tweak_verb\tbuzzword_stacking\tnote\nx\tHi\tn\tUsed\tn\t-\n";
        assert!(parse_bullets(missing).is_err());
    }

    #[test]
    fn skeletons_place_the_text_exactly() {
        let (md, r) = markdown_bullet_doc("Cut 40% of cost");
        assert_eq!(&md[r], "Cut 40% of cost");
        let (tex, r) = latex_bullet_doc("Cut 40\\% of cost");
        assert_eq!(&tex[r.clone()], "Cut 40\\% of cost");
        assert!(tex[..r.start].ends_with("\\resumeItem{"));
    }

    #[test]
    fn counts_compute_precision_and_recall() {
        let mut s = Score::default();
        for (v, n) in [
            (Verdict::TruePositive, 3),
            (Verdict::FalsePositive, 1),
            (Verdict::FalseNegative, 2),
        ] {
            for _ in 0..n {
                s.outcomes.push(outcome("x", v, "p".into(), "t".into()));
            }
        }
        let c = s.counts("x");
        assert_eq!((c.tp, c.fp, c.fn_), (3, 1, 2));
        assert!((c.precision() - 0.75).abs() < 1e-9);
        assert!((c.recall() - 0.6).abs() < 1e-9);
        assert_eq!(s.errors("x").count(), 3);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
    }
}
