//! Helpers shared by the engine's integration tests.
#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};

use resume_syntax::{Format, Resume, Text};

/// Every example resume: the grammar's examples and the labelled dev set.
pub fn example_files() -> Vec<(PathBuf, Format)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = Vec::new();
    for dir in [
        root.join("grammar/examples"),
        root.join("../shared/dev-set"),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files {
            if let Some(format) = Format::from_path(&f.to_string_lossy()) {
                out.push((f, format));
            }
        }
    }
    out
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
