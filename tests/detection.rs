//! Which files are resumes (SPEC §1): a paper next to a resume gets no
//! findings at all, a resume gets its full model and findings.

use std::path::Path;

use resume_rules::{lint, Config};
use resume_syntax::{parse, Format, ParseOptions, SectionKind};

const PAPER: &str = r"\documentclass[11pt]{article}
\usepackage{amsmath}
\title{Pruning Attention Heads Without Retraining}
\author{A. Writer}
\begin{document}
\maketitle
\begin{abstract}
We show that 40\% of attention heads can be removed with little loss.
\end{abstract}
\section{Introduction}
Transformers \cite{vaswani2017attention} spend most of their time in attention,
whose cost grows as $O(n^2)$ in the sequence length $n$.
Responsible for most of the latency, attention was handled by prior work \cite{child2019}.
\section{Method}
We score each head $h$ by
\begin{equation}
  s_h = \frac{1}{N} \sum_{i=1}^{N} \lVert a_{h,i} \rVert_2 ,
\end{equation}
and remove the heads with the lowest scores.
\begin{itemize}
  \item Worked on GPT-2 and BERT with NLP benchmarks.
  \item Used 3 seeds per setting.
\end{itemize}
\section{Results}
\begin{tabular}{lr}
  Model & Accuracy \\
  Pruned & 91.2 \\
\end{tabular}
Pruning cut latency by 28\% (Table~\ref{tab:main}).
\section{Related Work}
Synergy between passionate, results-driven teams is not studied here \cite{none}.
\bibliographystyle{plain}
\bibliography{refs}
\end{document}
";

#[test]
fn latex_paper_has_an_empty_model_and_no_findings() {
    let resume = parse(PAPER, Format::Latex, &ParseOptions::default());
    assert!(!resume.is_resume);
    assert!(resume.sections.is_empty());
    assert!(resume.header.is_empty());
    assert_eq!(resume.bullets().count(), 0);
    assert_eq!(lint(&resume, PAPER, &Config::default()), Vec::new());
}

#[test]
fn markdown_readme_has_no_findings() {
    let readme = "# tidewatch\n\nTide forecasts in your terminal.\n\n## Installation\n\n- Worked on Linux and macOS\n- `cargo install tidewatch`\n\n## Usage\n\nRun `tidewatch --port 4` for 3 days of tides.\n";
    let resume = parse(readme, Format::Markdown, &ParseOptions::default());
    assert!(!resume.is_resume);
    assert_eq!(lint(&resume, readme, &Config::default()), Vec::new());
}

#[test]
fn jake_resume_has_a_full_model_and_findings() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../grammar/examples/jake-software-engineer.tex");
    let source = std::fs::read_to_string(&path).expect("example exists");
    let resume = parse(&source, Format::Latex, &ParseOptions::default());
    assert!(resume.is_resume);
    let kinds: Vec<SectionKind> = resume.sections.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            SectionKind::Education,
            SectionKind::Experience,
            SectionKind::Projects,
            SectionKind::Skills
        ]
    );
    assert_eq!(resume.entries().count(), 7);
    assert!(resume
        .entries()
        .all(|(_, e)| e.title.is_some() && e.dates.is_some()));
    assert_eq!(resume.bullets().count(), 15);
    let findings = lint(&resume, &source, &Config::default());
    let codes: Vec<&str> = findings.iter().map(|d| d.code).collect();
    for code in ["weak-verb", "unquantified-bullet"] {
        assert!(codes.contains(&code), "no {code} in {codes:?}");
    }
}
