//! Multi-file LaTeX resumes (SPEC §2): a main file that `\input`s,
//! `\include`s, `\subfile`s or `\import`s its parts is one resume.
//!
//! [`Project::load`] reads a root with its parts into one flattened text
//! (`resume_syntax::flatten`), following includes inside the root's
//! directory tree only. [`find_root`] finds the root of a part opened or
//! checked alone: its `% !TEX root = …` line, or a `.tex` file in its
//! directory or the two above it that includes it. [`Project::split`] puts
//! the findings on the flattened text back on each file's own bytes.

use std::fs;
use std::path::{Path, PathBuf};

use resume_rules::{Diagnostic, Fix};
use resume_syntax::flatten::{flatten, Flat};

/// Largest file read as a part or a candidate root.
const MAX_FILE_BYTES: u64 = 2 << 20;

/// How many directories above a part are searched for its root.
const ROOT_SEARCH_UP: usize = 2;

/// How many `.tex` files are read at most while searching for a root.
const ROOT_SEARCH_FILES: usize = 400;

/// A root file with the parts it includes.
#[derive(Clone, Debug)]
pub struct Project {
    /// Every file of the resume, root first, as canonical paths; an index
    /// here is the file index of [`Flat`].
    pub files: Vec<PathBuf>,
    /// Each file's text as read.
    pub texts: Vec<String>,
    /// The resume as one text.
    pub flat: Flat,
}

/// The text of a file: from `open` (an editor's unsaved buffer) or disk.
pub type Reader<'a> = &'a dyn Fn(&Path) -> Option<String>;

/// Reads a file from disk as UTF-8 (a byte-order mark is dropped), if it is
/// small enough.
pub fn read_disk(path: &Path) -> Option<String> {
    let meta = fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_FILE_BYTES {
        return None;
    }
    let text = String::from_utf8(fs::read(path).ok()?).ok()?;
    Some(
        text.strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text),
    )
}

/// Resolves an include path as LaTeX does: relative to the root's directory
/// (the directory the document is built in), then to the including file's;
/// `.tex` is added when the name has no extension. Only files inside
/// `boundary` count.
fn resolve(name: &str, root_dir: &Path, from_dir: &Path, boundary: &Path) -> Option<PathBuf> {
    let name = name.trim();
    if name.is_empty() || name.contains(['#', '\\']) {
        return None;
    }
    let mut candidates = Vec::new();
    for dir in [root_dir, from_dir] {
        if Path::new(name).extension().is_none() {
            candidates.push(dir.join(format!("{name}.tex")));
        }
        candidates.push(dir.join(name));
    }
    candidates
        .into_iter()
        .filter_map(|c| c.canonicalize().ok())
        .find(|c| c.starts_with(boundary) && c.is_file() && is_latex(c))
}

fn is_latex(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tex") || e.eq_ignore_ascii_case("latex"))
}

impl Project {
    /// Reads `root` with every part it includes (inside the root's directory
    /// tree). `None` when the root includes no readable file: a single-file
    /// resume.
    pub fn load(root: &Path, read: Reader<'_>) -> Option<Project> {
        let root = root.canonicalize().ok()?;
        let root_dir = root.parent()?.to_path_buf();
        let text = read(&root)?;
        if !text.contains("\\input")
            && !text.contains("\\include")
            && !text.contains("\\subfile")
            && !text.contains("import")
        {
            return None;
        }
        let mut files = vec![root.clone()];
        let mut texts = vec![text];
        let root_text = texts[0].clone();
        let flat = flatten(&root_text, |from, name| {
            let from_dir = files[from].parent()?.to_path_buf();
            let path = resolve(name, &root_dir, &from_dir, &root_dir)?;
            if let Some(i) = files.iter().position(|f| *f == path) {
                return Some((i, texts[i].clone()));
            }
            let text = read(&path)?;
            files.push(path);
            texts.push(text.clone());
            Some((files.len() - 1, text))
        });
        if flat.included == 0 {
            return None;
        }
        Some(Project { files, texts, flat })
    }

    /// The index of `path` among the project's files.
    pub fn index_of(&self, path: &Path) -> Option<usize> {
        let path = path.canonicalize().ok()?;
        self.files.iter().position(|f| *f == path)
    }

    /// The findings on the flattened text, put on each file's own bytes:
    /// one list per file of [`Project::files`]. A finding keeps the part of
    /// its range in the file it starts in; a fix whose edits leave that
    /// file is dropped.
    pub fn split(&self, diagnostics: Vec<Diagnostic>) -> Vec<Vec<Diagnostic>> {
        let mut out: Vec<Vec<Diagnostic>> = vec![Vec::new(); self.files.len()];
        for mut d in diagnostics {
            let Some((file, range)) = self.flat.map_range(&d.range, false) else {
                continue;
            };
            d.range = range;
            d.fixes = d
                .fixes
                .into_iter()
                .filter_map(|fix| self.map_fix(fix, file))
                .collect();
            out[file].push(d);
        }
        out
    }

    fn map_fix(&self, mut fix: Fix, file: usize) -> Option<Fix> {
        for edit in &mut fix.edits {
            let (f, range) = self.flat.map_range(&edit.range, true)?;
            if f != file {
                return None;
            }
            edit.range = range;
        }
        Some(fix)
    }
}

/// The root named by a `% !TEX root = path` line near the top of a part
/// (TeXShop, TeXstudio and VS Code's LaTeX Workshop read the same line).
pub fn magic_root(part: &Path, text: &str) -> Option<PathBuf> {
    for line in text.lines().take(20) {
        let line = line.trim_start();
        let Some(comment) = line.strip_prefix('%') else {
            continue;
        };
        let comment = comment.trim_start();
        let lower = comment.to_ascii_lowercase();
        let Some(rest) = lower.strip_prefix("!tex root") else {
            continue;
        };
        let value = comment[comment.len() - rest.len()..]
            .trim_start()
            .strip_prefix('=')?
            .trim();
        if value.is_empty() {
            return None;
        }
        let path = part.parent()?.join(value);
        return path.canonicalize().ok().filter(|p| p.is_file());
    }
    None
}

/// The root of a part opened or checked alone: its magic line, or the first
/// `.tex` file (by path) in its directory or up to two directories above,
/// whose project includes it. `None` when the file is a root itself or
/// nothing includes it.
pub fn find_root(part: &Path, text: &str, read: Reader<'_>) -> Option<PathBuf> {
    let part = part.canonicalize().ok()?;
    if let Some(root) = magic_root(&part, text) {
        return (root != part).then_some(root);
    }
    if text.contains("\\documentclass") {
        return None;
    }
    let stem = part.file_stem()?.to_string_lossy().into_owned();
    let mut dir = part.parent()?.to_path_buf();
    let mut budget = ROOT_SEARCH_FILES;
    for _ in 0..=ROOT_SEARCH_UP {
        let mut candidates: Vec<PathBuf> = fs::read_dir(&dir)
            .ok()?
            .flatten()
            .map(|e| e.path())
            .filter(|p| is_latex(p) && *p != part)
            .collect();
        candidates.sort();
        for candidate in candidates {
            if budget == 0 {
                return None;
            }
            budget -= 1;
            let Some(candidate_text) = read(&candidate) else {
                continue;
            };
            // Cheap test first: the candidate names the part somewhere.
            if !candidate_text.contains(stem.as_str()) {
                continue;
            }
            if let Some(project) = Project::load(&candidate, read) {
                if project.files[1..].contains(&part) {
                    return Some(project.files[0].clone());
                }
            }
        }
        if !dir.pop() {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use resume_rules::{Applicability, Edit, Severity};

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("resume-lsp-project-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("sections")).unwrap();
        dir
    }

    #[test]
    fn magic_line_names_the_root() {
        let dir = scratch("magic");
        fs::write(dir.join("cv.tex"), "\\documentclass{article}").unwrap();
        let part = dir.join("sections/a.tex");
        fs::write(&part, "% !TEX root = ../cv.tex\n\\resumeItem{x}").unwrap();
        let text = fs::read_to_string(&part).unwrap();
        assert_eq!(
            find_root(&part, &text, &read_disk),
            Some(dir.join("cv.tex").canonicalize().unwrap())
        );
        // Without the line, nothing includes it.
        fs::write(&part, "\\resumeItem{x}").unwrap();
        assert_eq!(find_root(&part, "\\resumeItem{x}", &read_disk), None);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_part_finds_the_file_that_includes_it_and_findings_go_home() {
        let dir = scratch("split");
        fs::write(
            dir.join("main.tex"),
            "\\documentclass{article}\n\\begin{document}\n\\section{Experience}\n\\input{sections/exp}\n\\end{document}\n",
        )
        .unwrap();
        fs::write(dir.join("other.tex"), "\\documentclass{article}").unwrap();
        let part = dir.join("sections/exp.tex");
        fs::write(&part, "\\resumeItem{Helped the team}\n").unwrap();
        let root = find_root(&part, "\\resumeItem{Helped the team}\n", &read_disk).unwrap();
        assert_eq!(root, dir.join("main.tex").canonicalize().unwrap());
        let project = Project::load(&root, &read_disk).unwrap();
        assert_eq!(project.files.len(), 2);
        assert_eq!(project.index_of(&part), Some(1));
        let at = project.flat.text.find("Helped").unwrap();
        let edit = |r: std::ops::Range<usize>| Edit {
            range: r,
            new_text: "Led".into(),
        };
        let d = Diagnostic {
            code: "weak-verb",
            severity: Severity::Warning,
            message: "m".into(),
            range: at..at + 6,
            fixes: vec![
                Fix {
                    title: "inside".into(),
                    applicability: Applicability::Safe,
                    edits: vec![edit(at..at + 6)],
                },
                Fix {
                    title: "across".into(),
                    applicability: Applicability::Safe,
                    edits: vec![edit(0..at + 6)],
                },
            ],
        };
        let split = project.split(vec![d]);
        assert!(split[0].is_empty());
        assert_eq!(split[1].len(), 1);
        let d = &split[1][0];
        assert_eq!(d.range, 12..18);
        assert_eq!(&project.texts[1][d.range.clone()], "Helped");
        assert_eq!(d.fixes.len(), 1, "the fix that leaves the part is dropped");
        assert_eq!(d.fixes[0].edits[0].range, 12..18);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn includes_outside_the_root_directory_are_not_read() {
        let dir = scratch("outside");
        fs::write(dir.join("secret.tex"), "\\resumeItem{secret}").unwrap();
        let root = dir.join("sections/main.tex");
        fs::write(&root, "\\input{../secret}\n\\input{/etc/hostname}").unwrap();
        assert!(Project::load(&root, &read_disk).is_none());
        fs::remove_dir_all(&dir).unwrap();
    }
}
