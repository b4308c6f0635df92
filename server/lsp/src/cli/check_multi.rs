//! `check` on multi-file resumes (SPEC §2): a root and the parts it
//! includes are linted as one text; each file's findings are reported on its
//! own path and lines.

use std::collections::HashSet;
use std::io::Write;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};

use resume_rules::{apply_edits, Config, Diagnostic};
use resume_syntax::{Format, ParseOptions};

use super::super::config::ConfigCache;
use super::super::files::{self, Item, Target};
use super::{
    choose_safe_edits, lint_source, report_problems, CheckOptions, FileReport, Status, Totals,
    MAX_FIX_ROUNDS,
};
use crate::project::{self, Project};

/// Which files of the run were already reported through their project.
pub(super) struct ProjectRun {
    /// Canonical paths of the LaTeX files named by the run.
    targets: HashSet<PathBuf>,
    /// Canonical paths already reported with a project.
    done: HashSet<PathBuf>,
}

/// How to check one file.
pub(super) enum Claim {
    /// Reported already, with its project.
    Done,
    /// Lint the project; report the files listed (canonical paths).
    Project(Box<Project>, Vec<PathBuf>),
    /// A single-file document.
    Alone,
}

impl ProjectRun {
    pub(super) fn new(items: &[Item]) -> ProjectRun {
        let targets = items
            .iter()
            .filter_map(|i| match i {
                Item::File(t) if t.format == Format::Latex => t.path.canonicalize().ok(),
                _ => None,
            })
            .collect();
        ProjectRun {
            targets,
            done: HashSet::new(),
        }
    }

    pub(super) fn claim(&mut self, target: &Target) -> Claim {
        if target.format != Format::Latex {
            return Claim::Alone;
        }
        let Ok(canonical) = target.path.canonicalize() else {
            return Claim::Alone;
        };
        if self.done.contains(&canonical) {
            return Claim::Done;
        }
        let Some(text) = project::read_disk(&canonical) else {
            return Claim::Alone;
        };
        let read: project::Reader<'_> = &project::read_disk;
        let loaded = Project::load(&canonical, read).or_else(|| {
            project::find_root(&canonical, &text, read).and_then(|root| Project::load(&root, read))
        });
        let Some(project) = loaded else {
            return Claim::Alone;
        };
        if project.index_of(&canonical).is_none() {
            return Claim::Alone;
        }
        // The whole resume when its root was named; else the parts named.
        let shown: Vec<PathBuf> = if self.targets.contains(&project.files[0]) {
            project.files.clone()
        } else {
            project
                .files
                .iter()
                .filter(|f| self.targets.contains(*f))
                .cloned()
                .collect()
        };
        self.done.extend(shown.iter().cloned());
        Claim::Project(Box::new(project), shown)
    }
}

/// Lints a multi-file resume and reports the files in `shown`, in project
/// order. With `--fix`, safe fixes are applied to those files only.
pub(super) fn check_project(
    project: &Project,
    shown: &[PathBuf],
    options: &CheckOptions,
    configs: &mut ConfigCache,
    err: &mut dyn Write,
    totals: &mut Totals,
) -> Vec<FileReport> {
    let root = &project.files[0];
    totals.files += shown.len();
    let (cfg, problems) = configs.for_file(root);
    report_problems(problems, err, totals);
    let fix = options.fix && !cfg.broken;
    let shown_index: Vec<usize> = shown.iter().filter_map(|p| project.index_of(p)).collect();
    let linted = std::panic::catch_unwind(AssertUnwindSafe(|| {
        lint_project(project, &shown_index, fix, &cfg.rules, &cfg.parse)
    }));
    let Ok((is_resume, texts, per_file, fixed)) = linted else {
        let _ = writeln!(
            err,
            "error: {}: internal error while linting this resume; please report it with the files attached",
            root.display()
        );
        totals.errors += 1;
        totals.raise(Status::Error);
        return Vec::new();
    };
    if !is_resume {
        totals.skipped += shown.len();
        if options.verbose {
            let _ = writeln!(
                err,
                "note: {}: skipped, not a resume (no resume macros or section headings found in it or the files it includes)",
                root.display()
            );
        }
        return Vec::new();
    }
    let mut reports = Vec::new();
    for i in shown_index {
        let mut file_fixed = fix.then_some(fixed[i]);
        if fixed[i] > 0 {
            let path = &project.files[i];
            if let Err(msg) = files::write_atomic(path, &files::encode(&texts[i], false)) {
                let _ = writeln!(err, "error: {msg}");
                totals.write_errors += 1;
                totals.raise(Status::Error);
                file_fixed = Some(0);
            }
        }
        totals.resumes += 1;
        let report = FileReport {
            path: display_path(&project.files[i]),
            text: texts[i].clone(),
            diagnostics: per_file[i].clone(),
            fixed: file_fixed,
        };
        totals.record(&report);
        reports.push(report);
    }
    reports
}

/// A path as shown to the user: relative to the working directory when it
/// lies below it.
fn display_path(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| cwd.canonicalize().ok())
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

/// Lints a project, applying safe fixes to the files in `fixable` when
/// `fix` is set. Returns whether it is a resume, each file's final text, its
/// findings and how many fixes were applied to it.
fn lint_project(
    project: &Project,
    fixable: &[usize],
    fix: bool,
    rules: &Config,
    parse: &ParseOptions,
) -> (bool, Vec<String>, Vec<Vec<Diagnostic>>, Vec<usize>) {
    let mut current = project.clone();
    let mut fixed = vec![0; project.files.len()];
    let (resume, diagnostics) = lint_source(&current.flat.text, Format::Latex, rules, parse);
    let mut per_file = current.split(diagnostics);
    if !resume.is_resume || !fix {
        return (resume.is_resume, current.texts, per_file, fixed);
    }
    for _ in 0..MAX_FIX_ROUNDS {
        let mut texts = current.texts.clone();
        let mut any = false;
        for &i in fixable {
            let (edits, count) = choose_safe_edits(&texts[i], &per_file[i]);
            if count == 0 {
                continue;
            }
            let next = apply_edits(&texts[i], &edits);
            if next != texts[i] {
                texts[i] = next;
                fixed[i] += count;
                any = true;
            }
        }
        if !any {
            break;
        }
        let files = current.files.clone();
        let read = |p: &Path| files.iter().position(|f| f == p).map(|i| texts[i].clone());
        let Some(next) = Project::load(&files[0], &read) else {
            break;
        };
        current = next;
        let (_, diagnostics) = lint_source(&current.flat.text, Format::Latex, rules, parse);
        per_file = current.split(diagnostics);
    }
    (true, current.texts, per_file, fixed)
}
