//! Multi-file LaTeX resumes on the command line (SPEC §2): a main file that
//! `\input`s its parts is one resume; findings carry each part's own path
//! and line; a part checked alone is read in the context of its root.
//!
//! The resume is the synthetic replica in `tests/resumes/multi-file/`,
//! copied to a temporary directory.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_resume-lsp");

fn replica() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/resumes/multi-file");
    copy_dir(&src, dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap().flatten() {
        let p = entry.path();
        let target = to.join(entry.file_name());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            fs::copy(&p, &target).unwrap();
        }
    }
}

/// Runs the binary in `dir`, so paths print relative to it.
fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run resume-lsp")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// `path:line:col: severity[code]` heads of the human output.
fn heads(o: &Output) -> Vec<String> {
    stdout(o)
        .lines()
        .map(|l| l.splitn(5, ':').take(4).collect::<Vec<_>>().join(":"))
        .collect()
}

fn line_of(dir: &Path, file: &str, needle: &str) -> usize {
    let text = fs::read_to_string(dir.join(file)).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn the_root_reports_every_part_on_its_own_path_and_line() {
    let dir = replica();
    let o = run(dir.path(), &["check", "main.tex"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let heads = heads(&o);
    let responsible = line_of(dir.path(), "sections/experience.tex", "Responsible for");
    let helped = line_of(dir.path(), "sections/projects.tex", "Helped users");
    assert!(
        heads.contains(&format!(
            "sections/experience.tex:{responsible}:21: warning[weak-verb]"
        )),
        "{heads:#?}"
    );
    assert!(
        heads.contains(&format!(
            "sections/projects.tex:{helped}:25: warning[weak-verb]"
        )),
        "{heads:#?}"
    );
    // Nothing is reported on the root's \input lines, and nothing twice.
    assert!(
        heads.iter().all(|h| !h.starts_with("main.tex")),
        "{heads:#?}"
    );
    let mut unique = heads.clone();
    unique.dedup();
    assert_eq!(unique.len(), heads.len());
}

#[test]
fn cross_file_date_styles_are_compared_across_parts() {
    // The parts alone each use one style; only the whole resume mixes them.
    let dir = replica();
    let o = run(dir.path(), &["check", "main.tex"]);
    let dates: Vec<String> = heads(&o)
        .into_iter()
        .filter(|h| h.ends_with("[inconsistent-date-format]"))
        .collect();
    assert!(!dates.is_empty(), "{}", stdout(&o));
    let o = run(dir.path(), &["check", "sections/projects.tex"]);
    assert!(
        stdout(&o).contains("inconsistent-date-format"),
        "a part alone is compared with its root's other dates:\n{}",
        stdout(&o)
    );
}

#[test]
fn a_part_checked_alone_gets_its_findings_only() {
    let dir = replica();
    let whole = heads(&run(dir.path(), &["check", "main.tex"]));
    let o = run(dir.path(), &["check", "sections/experience.tex"]);
    let part = heads(&o);
    assert!(!part.is_empty());
    assert!(part
        .iter()
        .all(|h| h.starts_with("sections/experience.tex:")));
    let expected: Vec<String> = whole
        .into_iter()
        .filter(|h| h.starts_with("sections/experience.tex:"))
        .collect();
    assert_eq!(part, expected);
}

#[test]
fn a_directory_reports_each_finding_once() {
    let dir = replica();
    let whole = heads(&run(dir.path(), &["check", "main.tex"]));
    let o = run(dir.path(), &["check", "."]);
    let mut all: Vec<String> = heads(&o)
        .into_iter()
        .map(|h| h.trim_start_matches("./").to_string())
        .collect();
    let mut expected = whole;
    all.sort();
    expected.sort();
    assert_eq!(all, expected);
}

#[test]
fn json_lists_each_part_as_a_file() {
    let dir = replica();
    let o = run(dir.path(), &["check", "--format", "json", "main.tex"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    for part in ["sections/experience.tex", "sections/projects.tex"] {
        assert!(paths.contains(&part), "{paths:?}");
    }
    let exp = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "sections/experience.tex")
        .unwrap();
    let line = line_of(dir.path(), "sections/experience.tex", "Responsible for") - 1;
    assert!(exp["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["code"] == "weak-verb" && d["range"]["start"]["line"] == line));
}

#[test]
fn fix_rewrites_the_parts_and_leaves_the_root_alone() {
    let dir = replica();
    let root_before = fs::read_to_string(dir.path().join("main.tex")).unwrap();
    let before: Vec<String> = ["sections/education.tex", "sections/projects.tex"]
        .iter()
        .map(|p| fs::read_to_string(dir.path().join(p)).unwrap())
        .collect();
    let o = run(dir.path(), &["check", "--fix", "main.tex"]);
    assert!(o.status.code().unwrap() < 2);
    assert_eq!(
        fs::read_to_string(dir.path().join("main.tex")).unwrap(),
        root_before
    );
    let after: Vec<String> = ["sections/education.tex", "sections/projects.tex"]
        .iter()
        .map(|p| fs::read_to_string(dir.path().join(p)).unwrap())
        .collect();
    assert_ne!(before, after, "the date fixes land in the parts");
    // The fixed resume has no date finding left.
    let o = run(dir.path(), &["check", "main.tex"]);
    assert!(
        !stdout(&o).contains("inconsistent-date-format"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_part_with_no_root_is_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/resumes/multi-file/sections/experience.tex");
    let part: PathBuf = dir.path().join("experience.tex");
    fs::copy(src, &part).unwrap();
    let o = run(dir.path(), &["outline", "experience.tex"]);
    let out = stdout(&o);
    assert!(out.contains(" section experience "), "{out}");
    assert!(out.contains("bullet \"Responsible for"), "{out}");
    let o = run(dir.path(), &["check", "experience.tex"]);
    assert!(stdout(&o).contains("warning[weak-verb]"));
}

#[test]
fn outline_of_a_part_shows_the_whole_resume_with_file_positions() {
    let dir = replica();
    let o = run(dir.path(), &["outline", "sections/experience.tex"]);
    let out = stdout(&o);
    // The section heading lives in the root, the entries in the part.
    assert!(out.contains("../main.tex:"), "{out}");
    assert!(out.contains("section experience \"Experience\""), "{out}");
    let line = line_of(dir.path(), "sections/experience.tex", "Responsible for");
    assert!(
        out.contains(&format!("    {line}:21 bullet \"Responsible for")),
        "{out}"
    );
    assert!(out.contains("projects.tex:"), "{out}");
}

#[test]
fn includes_outside_the_main_file_s_directory_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("cv")).unwrap();
    fs::write(
        dir.path().join("secret.tex"),
        "\\resumeItem{Helped with secrets}\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("cv/main.tex"),
        "\\section{Experience}\n\\input{../secret}\n",
    )
    .unwrap();
    let o = run(&dir.path().join("cv"), &["check", "main.tex"]);
    assert!(!stdout(&o).contains("secret"), "{}", stdout(&o));
}
