//! The resume model of every example, as the outline renders it: sections,
//! entries with their fields, bullets, skills and prose, each with its
//! position. Every snapshot was checked by eye against its source; a change
//! to one is a change in what the engine reads from a real resume.

mod common;

use std::path::Path;

use common::{file_name, parse_file, project_examples, repo_root};
use resume_syntax::{outline, parse, Format, ParseOptions, Resume, SectionKind};

fn outline_of(relative: &str) -> String {
    let path = repo_root().join(relative);
    let format = Format::from_path(relative).expect("example has a known extension");
    let (source, resume) = parse_file(&path, format);
    outline::render(&resume, &source)
}

/// One snapshot test per example file, and the list of files they cover.
macro_rules! outline_snapshots {
    ($($test:ident => $file:literal,)*) => {
        const SNAPSHOTTED: &[&str] = &[$($file),*];
        $(
            #[test]
            fn $test() {
                insta::assert_snapshot!(stringify!($test), outline_of($file));
            }
        )*
    };
}

outline_snapshots! {
    latex_custom_macros_leadership => "grammar/examples/custom-macros-leadership.tex",
    latex_fork_data_scientist => "grammar/examples/fork-data-scientist.tex",
    latex_jake_software_engineer => "grammar/examples/jake-software-engineer.tex",
    latex_ml_researcher => "grammar/examples/ml-researcher.tex",
    latex_new_grad_compact => "grammar/examples/new-grad-compact.tex",
    latex_product_manager_summary => "grammar/examples/product-manager-summary.tex",
    markdown_accountant_company_date_title => "tests/resumes/accountant-company-date-title.md",
    markdown_backend_engineer_italic_dates => "tests/resumes/backend-engineer-italic-dates.md",
    markdown_data_analyst_dates_in_headings => "tests/resumes/data-analyst-dates-in-headings.md",
    markdown_designer_nonascii_lead_ins => "tests/resumes/designer-nonascii-lead-ins.md",
    markdown_engineering_manager_grouped_roles => "tests/resumes/engineering-manager-grouped-roles.md",
    markdown_fullstack_mixed_markup => "tests/resumes/fullstack-mixed-markup.md",
    markdown_marketing_bold_company_pipes => "tests/resumes/marketing-bold-company-pipes.md",
    markdown_operations_analyst_bold_line_headings => "tests/resumes/operations-analyst-bold-line-headings.md",
    markdown_platform_engineer_html_and_rules => "tests/resumes/platform-engineer-html-and-rules.md",
    markdown_research_scientist_level_one_sections => "tests/resumes/research-scientist-level-one-sections.md",
    markdown_site_reliability_tables_and_dashes => "tests/resumes/site-reliability-tables-and-dashes.md",
}

/// Files that are not resumes: their model must be empty.
const NOT_RESUMES: &[&str] = &["grammar/examples/macros.tex"];

#[test]
fn every_example_is_snapshotted_or_not_a_resume() {
    let root = repo_root();
    let mut uncovered = Vec::new();
    for (path, _) in project_examples() {
        let relative = path
            .strip_prefix(&root)
            .expect("examples live in the repository")
            .to_string_lossy()
            .replace('\\', "/");
        let covered =
            SNAPSHOTTED.contains(&relative.as_str()) || NOT_RESUMES.contains(&relative.as_str());
        if !covered {
            uncovered.push(relative);
        }
    }
    assert!(
        uncovered.is_empty(),
        "add an outline snapshot for {uncovered:?}"
    );
    assert!(
        SNAPSHOTTED.iter().filter(|f| f.ends_with(".md")).count() >= 5,
        "at least five Markdown resumes are snapshotted"
    );
}

#[test]
fn markdown_experience_entries_have_title_organisation_and_dates() {
    // Independent of the snapshots: every experience entry of the Markdown
    // examples names a title, an organisation and dates, and every bullet
    // keeps its full text (no markup left over).
    for (path, format) in project_examples() {
        if format != Format::Markdown {
            continue;
        }
        let (_, resume) = parse_file(&path, format);
        let name = file_name(&path);
        assert!(resume.is_resume, "{name} is a resume");
        let entries: Vec<_> = resume
            .entries()
            .filter(|(s, _)| s.kind == SectionKind::Experience)
            .collect();
        assert!(entries.len() >= 2, "{name}: experience entries");
        for (_, e) in entries {
            for (field, value) in [
                ("title", &e.title),
                ("organisation", &e.organisation),
                ("dates", &e.dates),
            ] {
                assert!(value.is_some(), "{name}: entry without {field}: {e:?}");
            }
        }
        for b in resume.bullets() {
            let text = b.bullet.text.as_str();
            assert!(
                !text.contains("**") && !text.contains("](") && !text.starts_with(['-', '*', '+']),
                "{name}: markup left in bullet {text:?}"
            );
        }
    }
}

fn md(source: &str) -> Resume {
    parse(source, Format::Markdown, &ParseOptions::default())
}

/// (title, organisation, location, dates, tech) of every entry.
fn fields(resume: &Resume) -> Vec<[String; 5]> {
    let s = |t: &Option<resume_syntax::Text>| t.as_ref().map(|t| t.to_string()).unwrap_or_default();
    resume
        .entries()
        .map(|(_, e)| {
            [
                s(&e.title),
                s(&e.organisation),
                s(&e.location),
                s(&e.dates),
                s(&e.tech),
            ]
        })
        .collect()
}

/// The heading and kind of every section.
fn section_kinds(resume: &Resume) -> Vec<(&str, SectionKind)> {
    resume
        .sections
        .iter()
        .map(|s| (s.heading.as_str(), s.kind))
        .collect()
}

/// The prose of section `i`.
fn prose(resume: &Resume, i: usize) -> Vec<&str> {
    resume.sections[i]
        .prose
        .iter()
        .map(|p| p.as_str())
        .collect()
}

fn row(fields: [&str; 5]) -> [String; 5] {
    fields.map(str::to_string)
}

#[test]
fn markdown_title_with_a_comma_keeps_the_organisation_after_the_dash() {
    let resume = md("## Experience\n\n### Staff Nurse, Oncology Ward — Bayside General\n*Feb 2019 – Present*\n\n- Cared for 6 patients per shift\n");
    assert_eq!(
        fields(&resume),
        [row([
            "Staff Nurse, Oncology Ward",
            "Bayside General",
            "",
            "Feb 2019 – Present",
            ""
        ])]
    );
}

#[test]
fn markdown_comma_split_stays_when_it_yields_a_location() {
    let resume = md("## Experience\n\n### Software Engineer, Acme Corp, Denver, CO — 2019 – 2021\n\n- Shipped 3 services\n");
    assert_eq!(
        fields(&resume),
        [row([
            "Software Engineer",
            "Acme Corp",
            "Denver, CO",
            "2019 – 2021",
            ""
        ])]
    );
}

#[test]
fn markdown_bold_name_with_a_comma_is_one_name() {
    let resume = md("## Education\n\n**Institute of Technology, Kanpur** — M.Tech. in Mechanical Engineering\n*2015 – 2017*\n");
    assert_eq!(
        fields(&resume),
        [row([
            "M.Tech. in Mechanical Engineering",
            "Institute of Technology, Kanpur",
            "",
            "2015 – 2017",
            ""
        ])]
    );
}

#[test]
fn markdown_underscore_emphasis_around_a_date_range_is_markup() {
    // tree-sitter-md leaves `_..._` unparsed when the closing underscore
    // follows a digit; the underscores must not reach the model.
    let resume = md("## Experience\n\n### Analyst @ Northfield Bank\n_Mar 2018 – Jun 2020_ · Leeds, UK\n\n- Built 4 risk reports\n");
    assert_eq!(
        fields(&resume),
        [row([
            "Analyst",
            "Northfield Bank",
            "Leeds, UK",
            "Mar 2018 – Jun 2020",
            ""
        ])]
    );
}

#[test]
fn markdown_underscores_inside_words_and_escaped_stay() {
    let resume = md("## Projects\n\n- Wrote the snake_case linter and the \\_private helpers\n");
    let bullet = &resume.sections[0].bullets[0];
    assert_eq!(
        bullet.text.as_str(),
        "Wrote the snake_case linter and the _private helpers"
    );
}

#[test]
fn markdown_project_heading_has_a_name_and_a_tech_list() {
    let resume = md("## Projects\n\n### Tide Tables | Elixir, Phoenix, PostGIS\n\n- Served 5,000 tide forecasts a day\n\n**pgsnap** | Go | 2021\n\n- Cut backup restore time by 70%\n\n### Orbit Viewer\n*Three.js, WebGL* · 2020\n\n- Rendered 2,000 satellites at 60 fps\n");
    assert_eq!(
        fields(&resume),
        [
            row(["Tide Tables", "", "", "", "Elixir, Phoenix, PostGIS"]),
            row(["pgsnap", "", "", "2021", "Go"]),
            row(["Orbit Viewer", "", "", "2020", "Three.js, WebGL"]),
        ]
    );
}

#[test]
fn markdown_project_heading_with_a_dash_names_one_project() {
    let resume = md("## Projects\n\n### Second Project - Harbor Drone\n\n- Flew 40 survey missions\n\n### Thesis Project – Kelp Mapper (2022)\n\n- Mapped 12 km of coastline\n\n**Winter Project** — Sled Tracker\n\n### Flood Maps – Lakeside University\n\n### Loom Notes - Rust, SQLite\n");
    assert_eq!(
        fields(&resume),
        [
            row(["Second Project - Harbor Drone", "", "", "", ""]),
            row(["Thesis Project – Kelp Mapper", "", "", "2022", ""]),
            row(["Winter Project — Sled Tracker", "", "", "", ""]),
            // An organisation or a technology list after the dash stays one.
            row(["Flood Maps", "Lakeside University", "", "", ""]),
            row(["Loom Notes", "", "", "", "Rust, SQLite"]),
        ]
    );
}

#[test]
fn markdown_hyphen_separated_heading_keeps_the_dates_clean() {
    let resume = md("## Experience\n\n### Web Developer - Quayside Print - Apr 2016 - Sep 2018\n\n- Built 9 shop sites\n");
    assert_eq!(
        fields(&resume),
        [row([
            "Web Developer",
            "Quayside Print",
            "",
            "Apr 2016 - Sep 2018",
            ""
        ])]
    );
}

#[test]
fn markdown_heading_without_title_words_reads_title_first() {
    let resume = md("## Experience\n\n### Systems Administrator — Karoo Telecom\n*2017 – 2021*\n\n- Patched 300 hosts\n");
    assert_eq!(
        fields(&resume),
        [row([
            "Systems Administrator",
            "Karoo Telecom",
            "",
            "2017 – 2021",
            ""
        ])]
    );
}

#[test]
fn markdown_organisation_is_not_swallowed_by_the_location() {
    let resume = md("## Experience\n\n***Support Technician***, Harbour Traders, Durban, KZN\\\n2015 – 2017\n\n- Closed 40 tickets a day\n");
    assert_eq!(
        fields(&resume),
        [row([
            "Support Technician",
            "Harbour Traders",
            "Durban, KZN",
            "2015 – 2017",
            ""
        ])]
    );
}

#[test]
fn markdown_skills_table_rows_are_skill_lines() {
    let source =
        "## Skills\n\n| Area | Tools |\n|---|---|\n| Data | **SQL**, dbt |\n| Cloud | GCP |\n";
    let resume = md(source);
    let skills: Vec<(String, String)> = resume.sections[0]
        .skills
        .iter()
        .map(|k| {
            (
                k.category.as_ref().unwrap().to_string(),
                k.items.to_string(),
            )
        })
        .collect();
    assert_eq!(
        skills,
        [
            ("Data".to_string(), "SQL, dbt".to_string()),
            ("Cloud".to_string(), "GCP".to_string())
        ]
    );
    // From the first plain character to the last: the opening `**` is
    // outside, the closing one inside.
    let items = &resume.sections[0].skills[0].items;
    assert_eq!(&source[items.source_span().unwrap()], "SQL**, dbt");
}

#[test]
fn markdown_role_headings_under_a_company_heading_share_its_organisation() {
    let source = "## Experience\n\n### Quokka Games\nPerth, WA\n\n#### Lead Developer (2021 – Present)\n\n- Shipped 2 titles\n\n#### Developer (2018 – 2021)\n\n- Fixed 300 bugs\n\n### Wombat Studio — Test Engineer — 2016 – 2018\n\n- Filed 900 reports\n";
    let resume = md(source);
    assert_eq!(
        fields(&resume),
        [
            row([
                "Lead Developer",
                "Quokka Games",
                "Perth, WA",
                "2021 – Present",
                ""
            ]),
            row(["Developer", "Quokka Games", "Perth, WA", "2018 – 2021", ""]),
            row(["Test Engineer", "Wombat Studio", "", "2016 – 2018", ""]),
        ]
    );
    let org = resume.sections[0].entries[1].organisation.as_ref().unwrap();
    assert_eq!(&source[org.source_span().unwrap()], "Quokka Games");
}

#[test]
fn markdown_bold_role_lines_under_a_company_heading_share_its_organisation() {
    let resume = md("## Education\n\n### Lakeside University\n\n**M.A. History** | 2016 – 2018\n\n**B.A. History** | 2012 – 2016\n");
    assert_eq!(
        fields(&resume),
        [
            row(["M.A. History", "Lakeside University", "", "2016 – 2018", ""]),
            row(["B.A. History", "Lakeside University", "", "2012 – 2016", ""]),
        ]
    );
}

#[test]
fn markdown_glyph_lines_are_bullets() {
    let source = "## Experience\n\n### Analyst — Kelp Bank — 2019 – 2021\n\n• Built 3 credit models\n• Wrote the model review checklist,\n  used by 4 teams\n";
    let resume = md(source);
    let bullets: Vec<&str> = resume.bullets().map(|b| b.bullet.text.as_str()).collect();
    assert_eq!(
        bullets,
        [
            "Built 3 credit models",
            "Wrote the model review checklist, used by 4 teams"
        ]
    );
    let b = resume.bullets().nth(1).unwrap().bullet;
    assert!(source[b.range.clone()].ends_with("used by 4 teams"));
    assert!(resume.sections[0].prose.is_empty());
}

#[test]
fn markdown_school_campus_after_a_comma_stays_in_the_organisation() {
    let resume = md("## Education\n\n### University of Northmoor, Eastbrook — B.S. Geology — 2015 – 2019\n\n### University of Northmoor, Eastbrook, WI — M.S. Geology — 2019 – 2021\n\n**Harlow University, Westfield**, Westfield, OR\nB.A. History | 2011 – 2015\n\n**B.A. Music**, Carrow College, Fenwick | 2008 – 2012\n\n**Pellam Institute**, Marlow\nB.Eng. Mechanical | 2006 – 2008\n\n### M.Ed. Teaching\nSouthby University, Greyton | 2004 – 2006\n\n## Experience\n\n### Analyst — Kiln Co, Denver, CO — 2020 – 2022\n");
    assert_eq!(
        fields(&resume),
        [
            row([
                "B.S. Geology",
                "University of Northmoor, Eastbrook",
                "",
                "2015 – 2019",
                ""
            ]),
            // A town with its state code is a place, not a campus.
            row([
                "M.S. Geology",
                "University of Northmoor",
                "Eastbrook, WI",
                "2019 – 2021",
                ""
            ]),
            row([
                "B.A. History",
                "Harlow University, Westfield",
                "Westfield, OR",
                "2011 – 2015",
                ""
            ]),
            row([
                "B.A. Music",
                "Carrow College, Fenwick",
                "",
                "2008 – 2012",
                ""
            ]),
            row([
                "B.Eng. Mechanical",
                "Pellam Institute, Marlow",
                "",
                "2006 – 2008",
                ""
            ]),
            row([
                "M.Ed. Teaching",
                "Southby University, Greyton",
                "",
                "2004 – 2006",
                ""
            ]),
            row(["Analyst", "Kiln Co", "Denver, CO", "2020 – 2022", ""]),
        ]
    );
}

#[test]
fn markdown_html_line_break_separates_fields() {
    let resume = md("## Education\n\n### B.Sc. Physics, University of Otago<br>2012 – 2015\n");
    assert_eq!(
        fields(&resume),
        [row([
            "B.Sc. Physics",
            "University of Otago",
            "",
            "2012 – 2015",
            ""
        ])]
    );
}

#[test]
fn markdown_name_heading_at_section_level_is_the_header() {
    let resume = md("## Rosa Quispe\nrosa@example.pe · Lima, Peru\n\n## Experience\n\n### Analyst — Inca Rail — 2020 – 2023\n\n- Priced 40 routes\n");
    let header: Vec<&str> = resume.header.iter().map(|t| t.as_str()).collect();
    assert_eq!(header, ["Rosa Quispe", "rosa@example.pe · Lima, Peru"]);
    assert_eq!(resume.sections.len(), 1);
    assert_eq!(resume.sections[0].kind, SectionKind::Experience);
}

#[test]
fn markdown_entry_line_with_its_own_organisation_inherits_nothing() {
    let resume = md("## Experience\n\n### Acme Corp\nEngineer · 2020 – 2022 · Remote\n\n- Built 3 APIs\n\n**Engineer**, *Bluebird Inc* — 2017 – 2019\n\n- Wrote 20 tests\n");
    assert_eq!(
        fields(&resume),
        [
            row(["Engineer", "Acme Corp", "Remote", "2020 – 2022", ""]),
            row(["Engineer", "Bluebird Inc", "", "2017 – 2019", ""]),
        ]
    );
}

#[test]
fn markdown_organisation_line_under_a_role_heading_fills_the_entry() {
    let resume = md("## Experience\n\n### Nurse Educator <span class=\"date\">2019 – 2023</span>\n**Riverside Clinic**, Tacoma, WA\n\nTrains new staff on the wards.\n\n- Ran 30 workshops\n");
    assert_eq!(
        fields(&resume),
        [row([
            "Nurse Educator",
            "Riverside Clinic",
            "Tacoma, WA",
            "2019 – 2023",
            ""
        ])]
    );
    assert_eq!(prose(&resume, 0), ["Trains new staff on the wards."]);
}

#[test]
fn markdown_sentence_under_a_project_heading_stays_prose() {
    let resume = md("## Projects\n\n### Tide Tables\nA tide app for sailors who hate ads.\n\n- Served 5,000 forecasts a day\n");
    assert_eq!(fields(&resume), [row(["Tide Tables", "", "", "", ""])]);
    assert_eq!(
        resume.sections[0].prose[0].as_str(),
        "A tide app for sailors who hate ads."
    );
}

#[test]
fn markdown_dated_bold_lines_are_separate_entries() {
    let resume = md("## Awards\n\n**Dean's List** | 2019\n\n**Regional Chess Champion** | 2020\n");
    let dates: Vec<String> = fields(&resume).into_iter().map(|f| f[3].clone()).collect();
    assert_eq!(dates, ["2019", "2020"]);
}

#[test]
fn markdown_bold_or_capital_lines_naming_a_section_are_headings() {
    let resume = md("**Lena Fischer**\n\n**WORK EXPERIENCE**\n\n**Elbe Freight** | Dispatcher | 2019 – 2023\n- Planned 80 routes a day\n\nEDUCATION\n\n**TU Dresden** | B.Sc. Logistics | 2015 – 2019\n\n**Skills:**\nExcel, SAP\n");
    assert_eq!(
        section_kinds(&resume),
        [
            ("WORK EXPERIENCE", SectionKind::Experience),
            ("EDUCATION", SectionKind::Education),
            ("Skills", SectionKind::Skills),
        ]
    );
    assert_eq!(resume.header[0].as_str(), "Lena Fischer");
    assert_eq!(resume.sections[0].entries[0].bullets.len(), 1);
    assert_eq!(resume.sections[2].skills[0].items.as_str(), "Excel, SAP");
}

#[test]
fn markdown_bold_lead_in_lines_are_not_headings() {
    let resume = md("## Skills\n\n**Languages:** Python, Go\n**Projects** | none yet\n");
    assert_eq!(resume.sections.len(), 1);
    assert_eq!(resume.sections[0].skills.len(), 2);
}

#[test]
fn markdown_comments_inside_bullets_and_paragraphs_are_comments() {
    let source = "## Experience\n\n<!-- block comment -->\n\n- Worked on billing <!-- resume-lsp: disable-line weak-verb -->\n\nLed <!-- inline --> audits.\n";
    let resume = md(source);
    let bodies: Vec<&str> = resume.comments.iter().map(|c| c.body.as_str()).collect();
    assert_eq!(
        bodies,
        [
            "block comment",
            "resume-lsp: disable-line weak-verb",
            "inline"
        ]
    );
    for c in &resume.comments {
        let text = &source[c.range.clone()];
        assert!(text.starts_with("<!--") && text.ends_with("-->"), "{text}");
    }
    let bullet = resume.bullets().next().unwrap().bullet;
    assert_eq!(bullet.text.as_str(), "Worked on billing");
}

#[test]
fn markdown_degree_with_a_field_keeps_the_school_from_the_next_line() {
    let resume =
        md("## Education\n\n### Master of Science, Computer Science\nUniversity of Tartu, 2018\n");
    assert_eq!(
        fields(&resume),
        [row([
            "Master of Science, Computer Science",
            "University of Tartu",
            "",
            "2018",
            ""
        ])]
    );
}

#[test]
fn markdown_location_in_parentheses_is_the_location() {
    let resume = md("## Experience\n\n### Fjord Analytics (Bergen, Norway) — Data Engineer — 2018 – 2019\n\n- Wrote 5 pipelines\n\n### Data Analyst — Skerry Labs (Remote) — 2016 – 2018\n\n- Built 4 reports\n");
    assert_eq!(
        fields(&resume),
        [
            row([
                "Data Engineer",
                "Fjord Analytics",
                "Bergen, Norway",
                "2018 – 2019",
                ""
            ]),
            row(["Data Analyst", "Skerry Labs", "Remote", "2016 – 2018", ""]),
        ]
    );
}

#[test]
fn latex_paper_is_not_a_resume() {
    let paper = "\\documentclass{article}\n\\begin{document}\n\\title{Sparse Attention Revisited}\n\\maketitle\n\\section{Introduction}\nAttention costs $O(n^2)$ \\cite{vaswani2017}.\n\\section{Method}\nWe prune heads with\n\\begin{equation}\n  s_i = \\sum_j a_{ij}\n\\end{equation}\n\\section{Results}\n\\begin{itemize}\n  \\item Accuracy drops by 0.3\\%\n\\end{itemize}\n\\end{document}\n";
    let resume = parse(paper, Format::Latex, &ParseOptions::default());
    assert!(!resume.is_resume);
    assert!(resume.sections.is_empty());
    assert!(resume.header.is_empty());
}

#[test]
fn markdown_readme_is_not_a_resume() {
    let readme = "# fastcsv\n\n## Installation\n\n- `cargo add fastcsv`\n\n## Usage\n\nRead a file with `fastcsv::read`.\n";
    let resume = md(readme);
    assert!(!resume.is_resume);
    assert!(resume.sections.is_empty());
}

#[test]
fn jake_resume_has_the_full_model() {
    let path = repo_root().join("grammar/examples/jake-software-engineer.tex");
    let (_, resume) = parse_file(Path::new(&path), Format::Latex);
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
    assert_eq!(resume.header[0].as_str(), "Priya Raman");
    let experience = &resume.sections[1];
    assert_eq!(experience.entries.len(), 3);
    let first = &experience.entries[0];
    assert_eq!(
        first.title.as_ref().unwrap().as_str(),
        "Software Engineer II"
    );
    assert_eq!(
        first.organisation.as_ref().unwrap().as_str(),
        "Cobalt Freight Systems"
    );
    assert_eq!(first.location.as_ref().unwrap().as_str(), "Chicago, IL");
    assert_eq!(
        first.dates.as_ref().unwrap().as_str(),
        "June 2022 – Present"
    );
    assert_eq!(first.bullets.len(), 5);
    assert_eq!(
        first.bullets[0].text.as_str(),
        "Rebuilt the shipment-tracking ingestion path in Go, cutting p99 event latency from 900ms to 140ms"
    );
    let projects = &resume.sections[2];
    assert_eq!(projects.entries.len(), 2);
    assert_eq!(
        projects.entries[0].tech.as_ref().unwrap().as_str(),
        "Rust, SQLite, WebAssembly"
    );
    assert_eq!(resume.sections[3].skills.len(), 4);
    assert_eq!(resume.bullets().filter(|b| b.is_achievement()).count(), 15);
}

// LaTeX regressions first seen on the examples.

#[test]
fn latex_last_skill_line_has_no_closing_brace() {
    let path = repo_root().join("grammar/examples/jake-software-engineer.tex");
    let (_, resume) = parse_file(&path, Format::Latex);
    let skills = &resume.sections[3].skills;
    assert_eq!(skills[3].items.as_str(), "pandas, NumPy, tokio, serde");
}

#[test]
fn latex_research_interests_is_not_experience() {
    let path = repo_root().join("grammar/examples/ml-researcher.tex");
    let (_, resume) = parse_file(&path, Format::Latex);
    assert_ne!(resume.sections[0].kind, SectionKind::Experience);
}

#[test]
fn latex_arguments_of_unknown_macros_are_separated() {
    let path = repo_root().join("grammar/examples/ml-researcher.tex");
    let (_, resume) = parse_file(&path, Format::Latex);
    let publications = resume
        .sections
        .iter()
        .find(|s| s.kind == SectionKind::Publications)
        .unwrap();
    let text: String = publications
        .prose
        .iter()
        .chain(publications.bullets.iter().map(|b| &b.text))
        .map(|t| t.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!text.contains("KrügerCheap"), "{text}");
}

#[test]
fn latex_document_defined_entry_macro_is_an_entry() {
    let path = repo_root().join("grammar/examples/new-grad-compact.tex");
    let (_, resume) = parse_file(&path, Format::Latex);
    let experience = &resume.sections[1];
    assert_eq!(experience.entries.len(), 2);
    assert_eq!(
        experience.entries[0].title.as_ref().unwrap().as_str(),
        "Firmware Engineering Intern"
    );
    assert_eq!(experience.entries[1].bullets.len(), 3);
    assert!(experience.entries[1].bullets.iter().all(|b| b.depth == 0));
    assert_eq!(
        resume.sections[2].entries[0]
            .tech
            .as_ref()
            .unwrap()
            .as_str(),
        "C, STM32, KiCad"
    );
}

#[test]
fn latex_file_of_definitions_is_not_a_resume() {
    for file in NOT_RESUMES {
        let path = repo_root().join(file);
        let (source, resume) = parse_file(&path, Format::Latex);
        assert!(source.contains("\\newcommand"), "{file} defines macros");
        assert!(!resume.is_resume, "{file}");
        assert!(resume.sections.is_empty() && resume.header.is_empty());
    }
}

#[test]
fn markdown_sentence_lines_under_an_entry_line_are_its_description() {
    let source = "## Experience\n\n**Harbor Logistics** | Dispatcher | 2016 – 2019\nPlanned the night routes for the port.\nTrained four new dispatchers.\n\n### Crane Operator, Dockside Co — 2014 – 2016\n*Rotterdam, NL*\nMoved containers between ships and trucks.\n";
    let resume = md(source);
    assert_eq!(
        fields(&resume),
        [
            row(["Dispatcher", "Harbor Logistics", "", "2016 – 2019", ""]),
            row([
                "Crane Operator",
                "Dockside Co",
                "Rotterdam, NL",
                "2014 – 2016",
                ""
            ]),
        ]
    );
    assert_eq!(
        prose(&resume, 0),
        [
            "Planned the night routes for the port. Trained four new dispatchers.",
            "Moved containers between ships and trucks."
        ]
    );
    let first = &resume.sections[0].entries[0];
    assert_eq!(
        &source[first.range.clone()],
        "**Harbor Logistics** | Dispatcher | 2016 – 2019"
    );
}

#[test]
fn markdown_dollar_amounts_are_text_not_math() {
    let source = "## Experience\n\n### Analyst, Fenwick Bank — 2019 – 2023\n\n- Priced $500 million and $20 million bond issues\n- Saved \\$40K a year\n";
    let resume = md(source);
    let bullets: Vec<&str> = resume.bullets().map(|b| b.bullet.text.as_str()).collect();
    assert_eq!(
        bullets,
        [
            "Priced $500 million and $20 million bond issues",
            "Saved $40K a year"
        ]
    );
    let text = &resume.sections[0].entries[0].bullets[0].text;
    for amount in ["$500 million", "$20 million"] {
        let at = text.as_str().find(amount).expect("amount kept");
        let range = text.source_range(at..at + amount.len()).expect("mapped");
        assert_eq!(&source[range], amount);
    }
}

#[test]
fn markdown_line_of_links_under_a_project_is_not_a_field() {
    let resume = md("## Projects\n\n### Tide Tables\n[Code](https://example.com/tide) | [Demo](https://tide.example.com)\n\n- Served 5,000 forecasts a day\n\n**Loom Notes** | Rust, SQLite | 2023\n[GitHub](https://example.com/loom)\n\n## Experience\n\n### Software Engineer (2020 – 2022)\n[Acme Corp](https://acme.example.com), Austin, TX\n");
    assert_eq!(
        fields(&resume),
        [
            row(["Tide Tables", "", "", "", ""]),
            row(["Loom Notes", "", "", "2023", "Rust, SQLite"]),
            // A linked name is still the name.
            row([
                "Software Engineer",
                "Acme Corp",
                "Austin, TX",
                "2020 – 2022",
                ""
            ]),
        ]
    );
    assert!(resume.sections.iter().all(|s| s.prose.is_empty()));
}

#[test]
fn markdown_entry_lines_without_a_blank_line_between_are_separate_entries() {
    let resume = md("## Education\nM.Sc. Marine Ecology | Lakeside College (Sept. 2019 - Jun. 2021)\nB.Sc. Biology| Northgate University (2015 - 2019)\nThesis on kelp forest recovery after storms.\n\n## Experience\n\n### Vinewood Labs\nField Technician | 2018 – 2019\nLab Assistant | 2017 – 2018\n");
    assert_eq!(
        fields(&resume),
        [
            row([
                "M.Sc. Marine Ecology",
                "Lakeside College",
                "",
                "Sept. 2019 - Jun. 2021",
                ""
            ]),
            row([
                "B.Sc. Biology",
                "Northgate University",
                "",
                "2015 - 2019",
                ""
            ]),
            row(["Field Technician", "Vinewood Labs", "", "2018 – 2019", ""]),
            row(["Lab Assistant", "Vinewood Labs", "", "2017 – 2018", ""]),
        ]
    );
    assert_eq!(
        prose(&resume, 0),
        ["Thesis on kelp forest recovery after storms."]
    );
}

#[test]
fn markdown_bold_name_on_its_own_line_heads_an_entry() {
    let resume = md("## Education\n\n**Harbourside Polytechnic**  \nPort Elin, Norway  \n*Applied Marine Engineering Programme*  \n2019 – 2022  \n- Built a tidal turbine model with 4 classmates\n\n## Projects\n\n**Tide Clock Firmware**  \n*C, FreeRTOS*  \n- Cut wake-ups by 60% on a coin cell\n\n**Kelp Counter**\n- Counted 12,000 fronds from drone photos\n\n## Experience\n\n**Fjordline Ferries**  \nDeck Engineer  \n2022 – Present\n\n- Kept 3 engines running through the winter timetable\n");
    assert_eq!(
        fields(&resume),
        [
            row([
                "Applied Marine Engineering Programme",
                "Harbourside Polytechnic",
                "Port Elin, Norway",
                "2019 – 2022",
                ""
            ]),
            row(["Tide Clock Firmware", "", "", "", "C, FreeRTOS"]),
            row(["Kelp Counter", "", "", "", ""]),
            row([
                "Deck Engineer",
                "Fjordline Ferries",
                "",
                "2022 – Present",
                ""
            ]),
        ]
    );
    let bullets: Vec<usize> = resume.entries().map(|(_, e)| e.bullets.len()).collect();
    assert_eq!(bullets, [1, 1, 1, 1]);
    assert!(resume.sections.iter().all(|s| s.prose.is_empty()));
}

#[test]
fn markdown_bold_line_inside_an_entry_from_a_heading_is_not_an_entry() {
    let resume = md("## Experience\n\n### Deck Engineer, Fjordline Ferries — 2022 – Present\n\n**Winter refit**\n\n- Kept 3 engines running through the winter timetable\n");
    assert_eq!(resume.entries().count(), 1);
    assert_eq!(resume.sections[0].entries[0].bullets.len(), 1);
}

#[test]
fn markdown_links_ending_a_heading_name_no_field() {
    let resume = md("## Activities\n\n### Podcast Host | Jun 2020 -- Present | [Channel](https://example.com/c)\n\n- Published 80 episodes\n\n### Open Source Maintainer | 2019 -- Present | [GitHub](https://example.com/g) · [Docs](https://example.com/d)\n\n- Merged 300 pull requests\n\n### Meetup Speaker | 2021 -- Present | Various\n\n- Gave 6 talks\n");
    assert_eq!(
        fields(&resume),
        [
            row(["Podcast Host", "", "", "Jun 2020 -- Present", ""]),
            row(["Open Source Maintainer", "", "", "2019 -- Present", ""]),
            row(["Meetup Speaker", "", "Various", "2021 -- Present", ""]),
        ]
    );
}

#[test]
fn markdown_bold_role_under_the_name_is_not_a_section() {
    let resume = md("# Dana Reyes\n\n**Full Stack Developer**\n\n## Experience\n\n### Developer at **Corvid Labs**\n*May 2021 - Present*\n\n- Shipped 4 releases\n");
    let headings: Vec<&str> = resume.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings, ["Experience"]);
    let header: Vec<&str> = resume.header.iter().map(|h| h.as_str()).collect();
    assert_eq!(header, ["Dana Reyes", "Full Stack Developer"]);
}

#[test]
fn markdown_name_heading_after_a_title_heading_is_the_header() {
    let resume = md("## Curriculum Vitae\n\n### MAI LINH | HANOI\n\nBuilder of small shops.\n\n### EXPERIENCE\n\n- Ran 3 stores\n");
    let header: Vec<&str> = resume.header.iter().map(|h| h.as_str()).collect();
    assert_eq!(
        header,
        [
            "Curriculum Vitae",
            "MAI LINH | HANOI",
            "Builder of small shops."
        ]
    );
    assert_eq!(resume.sections.len(), 1);
    assert_eq!(resume.sections[0].kind, SectionKind::Experience);
}

#[test]
fn markdown_skills_sub_headings_group_lines_and_name_a_lone_list() {
    let resume = md("## Skills\n\n### Programming\n\n- **Web**: React, Vue\n\n#### **Databases**  \nPostgreSQL, SQLite\n\n#### Tools\n\n- Docker\n- Terraform\n");
    assert_eq!(resume.entries().count(), 0);
    let lines: Vec<(String, &str)> = resume.sections[0]
        .skills
        .iter()
        .map(|k| {
            let cat = k
                .category
                .as_ref()
                .map(|c| c.to_string())
                .unwrap_or_default();
            (cat, k.items.as_str())
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("Web".to_string(), "React, Vue"),
            ("Databases".to_string(), "PostgreSQL, SQLite"),
            (String::new(), "Docker"),
            (String::new(), "Terraform"),
        ]
    );
}

#[test]
fn markdown_faculty_after_the_school_stays_with_it_when_a_degree_follows() {
    let source = "## Education\n\n**Tamsin University**, Faculty of Natural Sciences  \n*Bachelor's Degree in Physics*  \n*September 2016 - May 2020*\n";
    let resume = md(source);
    assert_eq!(
        fields(&resume),
        [row([
            "Bachelor's Degree in Physics",
            "Tamsin University, Faculty of Natural Sciences",
            "",
            "September 2016 - May 2020",
            ""
        ])]
    );
    let org = resume.sections[0].entries[0].organisation.as_ref().unwrap();
    let range = org.source_span().unwrap();
    assert_eq!(
        &source[range],
        "Tamsin University**, Faculty of Natural Sciences"
    );
}

#[test]
fn markdown_award_names_come_before_their_issuer() {
    let resume = md("## Licenses & Certifications\n\n**Rust Programming** - Learnwell\n\n**Best Poster Award** – Data Society | 2022\n");
    assert_eq!(
        fields(&resume),
        [
            row(["Rust Programming", "Learnwell", "", "", ""]),
            row(["Best Poster Award", "Data Society", "", "2022", ""]),
        ]
    );
}

#[test]
fn markdown_certification_items_are_entries_with_their_dates() {
    let resume = md("## Experience\n\n### Welder — Kiln Co — Jan 2020 – Present\n\n- Joined 400 pipe sections\n\n## Certifications\n\n- **Certified Pipe Inspector** – Northgate Welding Board *(Apr 2021)*\n- **Rigging Level 2** - Harbor Safety Council (2019)\n  - Passed with 96 of 100\n- Forklift Operator Licence, Mar 2018\n- **Languages:** Welsh, Basque\n- Finished third of 30 welders at the county fair (2017)\n\n## Awards\n\n### Apprentice of the Year — Kiln Co — 2016\n\n- Chosen from 12 apprentices\n");
    assert_eq!(
        fields(&resume),
        [
            row(["Welder", "Kiln Co", "", "Jan 2020 – Present", ""]),
            row([
                "Certified Pipe Inspector",
                "Northgate Welding Board",
                "",
                "Apr 2021",
                ""
            ]),
            row(["Rigging Level 2", "Harbor Safety Council", "", "2019", ""]),
            row(["Forklift Operator Licence", "", "", "Mar 2018", ""]),
            row(["Apprentice of the Year", "Kiln Co", "", "2016", ""]),
        ]
    );
    let certifications = &resume.sections[1];
    assert_eq!(certifications.entries[1].bullets.len(), 1);
    // A lead-in item and a sentence stay bullets of the section.
    let bullets: Vec<&str> = certifications
        .bullets
        .iter()
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(
        bullets,
        [
            "Welsh, Basque",
            "Finished third of 30 welders at the county fair (2017)"
        ]
    );
    // Bullets under an award heading stay its bullets.
    assert_eq!(resume.sections[2].entries[0].bullets.len(), 1);
    assert!(resume
        .bullets()
        .all(|b| !b.is_achievement() || b.section.kind == SectionKind::Experience));
}

#[test]
fn markdown_heading_listing_skills_after_a_colon_is_a_skills_section() {
    let resume = md("# Data Analyst\n\n#### Technical Skills: Python, SQL, Tableau\n\n## Experience\n\n### Analyst, Fenwick Bank — 2019 – 2023\n\n- Built 12 dashboards\n\n## Tools: Excel, Looker\n");
    assert_eq!(
        section_kinds(&resume),
        [
            ("Technical Skills", SectionKind::Skills),
            ("Experience", SectionKind::Experience),
            ("Tools", SectionKind::Skills),
        ]
    );
    let items: Vec<&str> = resume
        .sections
        .iter()
        .flat_map(|s| s.skills.iter().map(|k| k.items.as_str()))
        .collect();
    assert_eq!(items, ["Python, SQL, Tableau", "Excel, Looker"]);
    let header: Vec<&str> = resume.header.iter().map(|h| h.as_str()).collect();
    assert_eq!(header, ["Data Analyst"]);
}

#[test]
fn markdown_technology_lines_are_the_entry_tech() {
    let resume = md("## Projects\n\n### Tide Clock\n*Technologies Used: C, FreeRTOS, KiCad*\n\n- Cut wake-ups by 60% on a coin cell\n\n## Experience\n\n### Platform Engineer, Quarry Analytics — 2021 – Present\n\n- Cut deploy time from 20 to 6 minutes\n- **Key skills:** API Design, CI/CD, Mentoring\n\n## Skills\n\n- Tools: Docker, Terraform\n");
    let tech: Vec<String> = fields(&resume).into_iter().map(|f| f[4].clone()).collect();
    assert_eq!(tech, ["C, FreeRTOS, KiCad", "API Design, CI/CD, Mentoring"]);
    let bullets: Vec<&str> = resume.bullets().map(|b| b.bullet.text.as_str()).collect();
    assert_eq!(
        bullets,
        [
            "Cut wake-ups by 60% on a coin cell",
            "Cut deploy time from 20 to 6 minutes"
        ]
    );
    assert!(resume.sections[0].prose.is_empty());
    assert_eq!(resume.sections[2].skills.len(), 1);
}

#[test]
fn markdown_technology_line_in_an_entry_paragraph_is_that_entry_tech() {
    let resume = md("## Projects\n\n**Tide Clock** | 2023\nTech: C, FreeRTOS\n\n**Kelp Counter** | 2022\nBuilt with: Python, OpenCV\n\n## Summary\n\nTech: Rust, Go\n");
    let tech: Vec<String> = fields(&resume).into_iter().map(|f| f[4].clone()).collect();
    assert_eq!(tech, ["C, FreeRTOS", "Python, OpenCV"]);
    assert_eq!(prose(&resume, 1), ["Tech: Rust, Go"]);
}
