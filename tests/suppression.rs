//! Suppression comments work where people put them: after the bullet they
//! silence, on the same line, in both formats.

use resume_rules::{lint, Config};
use resume_syntax::{parse, Format, ParseOptions};

fn codes(source: &str, format: Format) -> Vec<&'static str> {
    let resume = parse(source, format, &ParseOptions::default());
    lint(&resume, source, &Config::default())
        .into_iter()
        .map(|d| d.code)
        .collect()
}

#[test]
fn markdown_trailing_comment_silences_its_line() {
    let plain = "## Experience\n\n### Engineer — Acme — 2020 – 2022\n\n- Worked on the billing system for 3 banks\n";
    assert!(codes(plain, Format::Markdown).contains(&"weak-verb"));
    let silenced = "## Experience\n\n### Engineer — Acme — 2020 – 2022\n\n- Worked on the billing system for 3 banks <!-- resume-lsp: disable-line weak-verb -->\n";
    assert!(
        !codes(silenced, Format::Markdown).contains(&"weak-verb"),
        "{:?}",
        codes(silenced, Format::Markdown)
    );
}

#[test]
fn latex_trailing_comment_silences_its_line() {
    let plain = "\\section{Experience}\n\\resumeSubheading{Acme}{2020 -- 2022}{Engineer}{Oslo, Norway}\n\\resumeItemListStart\n\\resumeItem{Worked on the billing system for 3 banks}\n\\resumeItemListEnd\n";
    assert!(codes(plain, Format::Latex).contains(&"weak-verb"));
    let silenced = plain.replace(
        "3 banks}\n",
        "3 banks} % resume-lsp: disable-line weak-verb\n",
    );
    assert!(!codes(&silenced, Format::Latex).contains(&"weak-verb"));
}

#[test]
fn markdown_comment_line_silences_the_next_bullet() {
    let silenced = "## Experience\n\n### Engineer — Acme — 2020 – 2022\n\n- Built 3 payment services\n<!-- resume-lsp: disable-next-line weak-verb -->\n- Worked on the billing system for 3 banks\n- Helped the support team with 40 tickets a week\n";
    let found = codes(silenced, Format::Markdown);
    assert_eq!(
        found.iter().filter(|c| **c == "weak-verb").count(),
        1,
        "only the unsilenced `Helped` bullet: {found:?}"
    );
}
