//! A plain-text rendering of the resume model with source positions: the
//! debugging view of the engine and the shape of its snapshot tests.

use std::fmt::Write;

use crate::line_index::{Encoding, LineIndex};
use crate::model::{Entry, Resume};
use crate::text::Text;

/// Renders the model as an indented tree with 1-based `line:col` (columns in
/// characters) of each piece.
pub fn render(resume: &Resume, source: &str) -> String {
    let index = LineIndex::new(source);
    let pos = |offset: usize| {
        let p = index.position(source, offset, Encoding::Chars);
        format!("{}:{}", p.line + 1, p.col + 1)
    };
    let at = |t: &Text| {
        t.source_span()
            .map_or_else(|| "-".to_string(), |r| pos(r.start))
    };
    let mut out = String::new();
    if !resume.is_resume {
        out.push_str("not a resume\n");
        return out;
    }
    for h in &resume.header {
        let _ = writeln!(out, "{} header {:?}", at(h), h.as_str());
    }
    for s in &resume.sections {
        let _ = writeln!(
            out,
            "{} section {} {:?}",
            pos(s.range.start),
            s.kind.as_str(),
            s.heading.as_str()
        );
        for p in &s.prose {
            let _ = writeln!(out, "  {} prose {:?}", at(p), p.as_str());
        }
        for k in &s.skills {
            let cat = k.category.as_ref().map_or("", |c| c.as_str());
            let _ = writeln!(
                out,
                "  {} skills {:?}: {:?}",
                pos(k.range.start),
                cat,
                k.items.as_str()
            );
        }
        for b in &s.bullets {
            bullet_line(&mut out, "  ", &pos(b.range.start), b);
        }
        for e in &s.entries {
            entry_line(&mut out, &pos(e.heading_range.start), e, &at);
            for b in &e.bullets {
                bullet_line(&mut out, "    ", &pos(b.range.start), b);
            }
        }
    }
    out
}

fn entry_line(out: &mut String, pos: &str, e: &Entry, at: &dyn Fn(&Text) -> String) {
    let _ = write!(out, "  {pos} entry");
    for (name, f) in [
        ("title", &e.title),
        ("org", &e.organisation),
        ("location", &e.location),
        ("dates", &e.dates),
        ("tech", &e.tech),
    ] {
        if let Some(t) = f {
            let _ = write!(out, " {name}={:?}@{}", t.as_str(), at(t));
        }
    }
    out.push('\n');
}

fn bullet_line(out: &mut String, indent: &str, pos: &str, b: &crate::model::Bullet) {
    let pad = "  ".repeat(b.depth);
    match &b.lead {
        Some(l) => {
            let _ = writeln!(
                out,
                "{indent}{pad}{pos} bullet [{}] {:?}",
                l.as_str(),
                b.text.as_str()
            );
        }
        None => {
            let _ = writeln!(out, "{indent}{pad}{pos} bullet {:?}", b.text.as_str());
        }
    }
}
