//! Helpers shared by the engine's integration tests.
#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};

use resume_syntax::{Format, ParseOptions, Resume, Text};

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every example resume: the grammar's examples, the Markdown resumes of
/// `tests/resumes` and the labelled dev set.
pub fn example_files() -> Vec<(PathBuf, Format)> {
    let root = repo_root();
    let mut out = project_examples();
    let dev_set = root.join("tests/dev-set");
    let Ok(entries) = std::fs::read_dir(&dev_set) else {
        return out;
    };
    let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    for f in files {
        if let Some(format) = Format::from_path(&f.to_string_lossy()) {
            out.push((f, format));
        }
    }
    out
}

/// The example resumes that belong to the project (grammar/examples and
/// tests/resumes), in a stable order. Unlike the dev set, their text may be
/// copied into snapshots.
pub fn project_examples() -> Vec<(PathBuf, Format)> {
    let root = repo_root();
    let mut out = Vec::new();
    for dir in [root.join("grammar/examples"), root.join("tests/resumes")] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for f in files {
            if let Some(format) = Format::from_path(&f.to_string_lossy()) {
                out.push((f, format));
            }
        }
    }
    out
}

/// The file name of `path`, for messages and snapshot names.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Parse options for an example file: the defaults plus the arities of
/// macros defined in the LaTeX files it `\input`s from its own directory, as
/// the command line reads them.
pub fn options_for(path: &Path, source: &str) -> ParseOptions {
    let mut options = ParseOptions::default();
    let Some(dir) = path.parent() else {
        return options;
    };
    for name in resume_syntax::latex_includes(source) {
        let file = if Path::new(&name).extension().is_none() {
            dir.join(format!("{name}.tex"))
        } else {
            dir.join(&name)
        };
        if let Ok(text) = std::fs::read_to_string(&file) {
            for (macro_name, arity) in resume_syntax::latex_definitions(&text).arity {
                options.arities.entry(macro_name).or_insert(arity);
            }
        }
    }
    options
}

/// Reads and parses an example file.
pub fn parse_file(path: &Path, format: Format) -> (String, Resume) {
    let source = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let resume = resume_syntax::parse(&source, format, &options_for(path, &source));
    (source, resume)
}

/// Every text piece of a model.
pub fn all_texts(resume: &Resume) -> Vec<&Text> {
    let mut out: Vec<&Text> = resume.header.iter().collect();
    for s in &resume.sections {
        out.push(&s.heading);
        out.extend(s.prose.iter());
        for k in &s.skills {
            out.extend(k.category.iter());
            out.push(&k.items);
        }
        for b in &s.bullets {
            out.push(&b.text);
            out.extend(b.lead.iter());
        }
        for e in &s.entries {
            for t in [&e.organisation, &e.title, &e.location, &e.dates, &e.tech] {
                out.extend(t.iter());
            }
            for b in &e.bullets {
                out.push(&b.text);
                out.extend(b.lead.iter());
            }
        }
    }
    out
}

/// Small deterministic PRNG (xorshift64*), so tests need no extra crates
/// and every failure reproduces from its seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}
