//! Source maps of the model: every plain range of every text maps back to
//! source bytes that say the same thing once markup and escapes are
//! resolved, and plain words with no markup inside map to themselves.

mod common;

use std::ops::Range;

use common::{all_texts, example_files, file_name, parse_file, Rng};
use resume_syntax::{parse, Format, ParseOptions, Text};

/// The letters and digits of `s`, the part of a text no markup can change.
fn alphanumerics(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Removes what markup adds to the source but not to the plain text: LaTeX
/// command names and `%` comments, the URL of `\href{url}`, Markdown link
/// destinations, HTML comments and character references.
fn resolve(source: &str, format: Format) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < source.len() {
        let rest = &source[i..];
        if rest.starts_with("<!--") {
            i += rest.find("-->").map_or(rest.len(), |j| j + 3);
            continue;
        }
        match format {
            Format::Latex => {
                if let Some(after) = rest.strip_prefix("\\href{") {
                    i += 6 + after.find('}').map_or(after.len(), |j| j + 1);
                    continue;
                }
                if let Some(after) = rest.strip_prefix('\\') {
                    let name = after.bytes().take_while(u8::is_ascii_alphabetic).count();
                    if name > 0 {
                        i += 1 + name;
                        continue;
                    }
                    // `\%`, `\&`: the escaped character stays.
                    if let Some(c) = after.chars().next() {
                        out.push(c);
                        i += 1 + c.len_utf8();
                    } else {
                        i += 1;
                    }
                    continue;
                }
                if rest.starts_with('%') {
                    i += rest.find('\n').unwrap_or(rest.len());
                    continue;
                }
            }
            Format::Markdown => {
                if rest.starts_with("](") {
                    i += rest.find(')').map_or(rest.len(), |j| j + 1);
                    continue;
                }
                if rest.starts_with('&') {
                    if let Some(j) = rest.find(';').filter(|j| *j <= 10) {
                        let entity = &rest[1..j];
                        if entity
                            .trim_start_matches('#')
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric())
                        {
                            i += j + 1;
                            continue;
                        }
                    }
                }
            }
        }
        let c = rest.chars().next().expect("not at the end");
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// Whether every plain byte of `range` comes from one verbatim run of the
/// source, so the source slice must equal the plain slice.
fn is_verbatim(text: &Text, range: &Range<usize>) -> bool {
    text.segments()
        .iter()
        .any(|seg| seg.verbatim && seg.plain <= range.start && range.end <= seg.plain + seg.len)
}

fn char_boundaries(s: &str) -> Vec<usize> {
    s.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect()
}

/// Checks one plain range of `text`; returns a description of what is
/// wrong.
fn check_range(source: &str, format: Format, text: &Text, plain: Range<usize>) -> Option<String> {
    let p = &text.as_str()[plain.clone()];
    let Some(src) = text.source_range(plain.clone()) else {
        return Some(format!("{p:?} ({plain:?}) does not map back"));
    };
    if src.end > source.len()
        || src.start > src.end
        || !source.is_char_boundary(src.start)
        || !source.is_char_boundary(src.end)
    {
        return Some(format!("{p:?} maps to a bad source range {src:?}"));
    }
    let s = &source[src.clone()];
    if is_verbatim(text, &plain) && s != p {
        return Some(format!("verbatim {p:?} maps to {s:?}"));
    }
    if alphanumerics(&resolve(s, format)) != alphanumerics(p) {
        return Some(format!("{p:?} maps to {s:?}"));
    }
    None
}

#[test]
fn every_word_and_random_range_of_every_example_maps_back() {
    let files = example_files();
    assert!(files.len() >= 10, "examples found: {}", files.len());
    let mut checked = 0;
    let mut failures = Vec::new();
    for (n, (path, format)) in files.iter().enumerate() {
        let (source, resume) = parse_file(path, *format);
        let mut rng = Rng::new(0xa11ce + n as u64);
        for text in all_texts(&resume) {
            let s = text.as_str();
            let mut ranges: Vec<Range<usize>> = Vec::new();
            let mut at = 0;
            for word in s.split(char::is_whitespace) {
                if !word.is_empty() {
                    ranges.push(at..at + word.len());
                }
                at += word.len() + 1;
            }
            let bounds = char_boundaries(s);
            for _ in 0..20 {
                let a = bounds[rng.below(bounds.len())];
                let b = bounds[rng.below(bounds.len())];
                if a != b {
                    ranges.push(a.min(b)..a.max(b));
                }
            }
            if !s.is_empty() {
                ranges.push(0..s.len());
            }
            for r in ranges {
                checked += 1;
                if let Some(problem) = check_range(&source, *format, text, r) {
                    failures.push(format!("{}: {problem}", file_name(path)));
                }
            }
        }
    }
    assert!(checked > 5_000, "only {checked} ranges checked");
    assert!(
        failures.is_empty(),
        "{} of {checked} ranges map wrong:\n{}",
        failures.len(),
        failures[..failures.len().min(40)].join("\n")
    );
}

#[test]
fn source_offsets_never_go_backwards_within_a_text() {
    for (path, format) in example_files() {
        let (_, resume) = parse_file(&path, format);
        for text in all_texts(&resume) {
            let mut last = 0;
            for (i, _) in text.as_str().char_indices() {
                let o = text.source_offset(i).expect("every plain byte maps");
                assert!(
                    o >= last,
                    "{}: {:?} goes back at plain byte {i}",
                    file_name(&path),
                    text.as_str()
                );
                last = o;
            }
        }
    }
}

/// The source text that `needle` (found in the only bullet of `source`)
/// maps back to.
fn source_of(source: &str, format: Format, needle: &str) -> String {
    let resume = parse(source, format, &ParseOptions::default());
    let bullet = resume
        .bullets()
        .next()
        .unwrap_or_else(|| panic!("no bullet in {source:?}"))
        .bullet;
    let text = &bullet.text;
    let at = text
        .as_str()
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {:?}", text.as_str()));
    let range = text.source_range(at..at + needle.len()).expect("maps back");
    source[range].to_string()
}

const MARKDOWN_BULLET: &str = "## Experience\n\n### Engineer — Café Ünal\n*2020 – 2022*\n\n- Cut costs by **40%** with [Airflow](https://airflow.example.com) and `dbt` for the café – “quoted” 🚀 \\*starred\\* &amp; more\n";

#[test]
fn markdown_markup_maps_to_the_characters_it_wraps() {
    let src = MARKDOWN_BULLET;
    let f = Format::Markdown;
    assert_eq!(source_of(src, f, "40%"), "40%");
    assert_eq!(source_of(src, f, "by 40% with"), "by **40%** with");
    assert_eq!(source_of(src, f, "Airflow"), "Airflow");
    assert_eq!(
        source_of(src, f, "with Airflow and"),
        "with [Airflow](https://airflow.example.com) and"
    );
    assert_eq!(source_of(src, f, "dbt"), "dbt");
    assert_eq!(source_of(src, f, "and dbt for"), "and `dbt` for");
    assert_eq!(source_of(src, f, "*starred*"), "\\*starred\\*");
    assert_eq!(source_of(src, f, "&"), "&amp;");
}

#[test]
fn markdown_non_ascii_maps_byte_exact() {
    let src = MARKDOWN_BULLET;
    let f = Format::Markdown;
    for needle in ["café", "–", "“quoted”", "🚀", "café – “quoted” 🚀"] {
        assert_eq!(source_of(src, f, needle), needle);
    }
    let resume = parse(src, f, &ParseOptions::default());
    let org = resume.sections[0].entries[0].organisation.as_ref().unwrap();
    assert_eq!(org.as_str(), "Café Ünal");
    assert_eq!(&src[org.source_span().unwrap()], "Café Ünal");
}

const LATEX_BULLET: &str = "\\section{Experience}\n\\resumeSubheading{Café Ünal}{Jan 2020 -- Present}{Engineer}{Lyon, France}\n\\resumeItemListStart\n\\resumeItem{Cut cost 40\\% -- with \\textbf{Rust} and \\href{https://x.example.io}{the site} for the café “q” 🚀}\n\\resumeItemListEnd\n";

#[test]
fn latex_markup_and_escapes_map_to_their_source() {
    let src = LATEX_BULLET;
    let f = Format::Latex;
    assert_eq!(source_of(src, f, "40%"), "40\\%");
    assert_eq!(source_of(src, f, "–"), "--");
    assert_eq!(source_of(src, f, "40% – with"), "40\\% -- with");
    assert_eq!(source_of(src, f, "Rust"), "Rust");
    assert_eq!(
        source_of(src, f, "with Rust and"),
        "with \\textbf{Rust} and"
    );
    assert_eq!(source_of(src, f, "the site"), "the site");
    assert_eq!(
        source_of(src, f, "and the site for"),
        "and \\href{https://x.example.io}{the site} for"
    );
    for needle in ["café", "“q”", "🚀"] {
        assert_eq!(source_of(src, f, needle), needle);
    }
}

#[test]
fn latex_entry_fields_map_through_dashes_and_non_ascii() {
    let resume = parse(LATEX_BULLET, Format::Latex, &ParseOptions::default());
    let entry = &resume.sections[0].entries[0];
    let dates = entry.dates.as_ref().unwrap();
    assert_eq!(dates.as_str(), "Jan 2020 – Present");
    assert_eq!(
        &LATEX_BULLET[dates.source_span().unwrap()],
        "Jan 2020 -- Present"
    );
    let org = entry.organisation.as_ref().unwrap();
    assert_eq!(&LATEX_BULLET[org.source_span().unwrap()], "Café Ünal");
}

#[test]
fn empty_and_out_of_range_plain_ranges() {
    let resume = parse(MARKDOWN_BULLET, Format::Markdown, &ParseOptions::default());
    let text = &resume.bullets().next().unwrap().bullet.text;
    let len = text.len();
    assert_eq!(text.source_range(len..len + 1), None);
    let end = text.source_range(len..len).unwrap();
    assert_eq!(end.start, end.end);
    assert!(end.end <= MARKDOWN_BULLET.len());
    #[allow(clippy::reversed_empty_ranges)]
    let backwards = text.source_range(3..1);
    assert_eq!(backwards, None);
}
