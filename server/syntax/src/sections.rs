//! Section heading recognition.

use crate::model::SectionKind;

/// Classifies a heading by its words.
pub(crate) fn classify(heading: &str) -> SectionKind {
    let h: String = heading
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    let words: Vec<&str> = h.split_whitespace().collect();
    let has = |w: &str| words.contains(&w);
    let starts = |p: &str| words.iter().any(|x| x.starts_with(p));
    if words.is_empty() {
        return SectionKind::Other;
    }
    if has("summary") || has("profile") || has("objective") || has("about") || has("overview") {
        return SectionKind::Summary;
    }
    if starts("publication") || has("papers") || has("talks") || has("patents") {
        return SectionKind::Publications;
    }
    if starts("education") || has("academic") && !starts("project") || starts("coursework") {
        return SectionKind::Education;
    }
    if starts("skill")
        || has("technologies")
        || has("tools")
        || has("competencies")
        || has("stack")
        || has("languages") && words.len() <= 2
    {
        return SectionKind::Skills;
    }
    if starts("project") || has("open") && has("source") || has("opensource") {
        return SectionKind::Projects;
    }
    // `Research Interests`: a statement of interests, not roles.
    if starts("interest") && !starts("experience") {
        return SectionKind::Other;
    }
    if starts("experience")
        || has("employment")
        || has("work")
        || starts("internship")
        || has("career")
        || has("research")
        || has("positions")
        || has("history")
        || has("background") && has("professional")
    {
        return SectionKind::Experience;
    }
    if starts("leadership")
        || starts("activit")
        || starts("volunteer")
        || starts("extracurricular")
        || has("involvement")
        || has("service")
        || has("organizations")
        || has("community")
    {
        return SectionKind::Leadership;
    }
    if starts("award")
        || starts("honor")
        || starts("honour")
        || starts("achievement")
        || starts("certification")
        || starts("certificate")
        || has("accomplishments")
    {
        return SectionKind::Awards;
    }
    SectionKind::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usual_headings_and_variants() {
        let cases = [
            ("Experience", SectionKind::Experience),
            ("WORK EXPERIENCE", SectionKind::Experience),
            ("Professional Experience", SectionKind::Experience),
            ("Research Experience", SectionKind::Experience),
            ("Employment History", SectionKind::Experience),
            ("Internships", SectionKind::Experience),
            ("Projects", SectionKind::Projects),
            ("Personal Projects", SectionKind::Projects),
            ("Academic Projects", SectionKind::Projects),
            ("Education", SectionKind::Education),
            ("Technical Skills", SectionKind::Skills),
            ("Skills & Interests", SectionKind::Skills),
            ("Languages", SectionKind::Skills),
            ("Summary", SectionKind::Summary),
            ("Professional Summary", SectionKind::Summary),
            ("Objective", SectionKind::Summary),
            ("Publications", SectionKind::Publications),
            ("Leadership", SectionKind::Leadership),
            ("Leadership & Activities", SectionKind::Leadership),
            ("Volunteering", SectionKind::Leadership),
            ("Honors and Awards", SectionKind::Awards),
            ("Certifications", SectionKind::Awards),
            ("Educational Background", SectionKind::Education),
            ("Professional Background", SectionKind::Experience),
            ("Open Source", SectionKind::Projects),
            ("Open-Source Contributions", SectionKind::Projects),
            ("Technical Background", SectionKind::Other),
            ("Hobbies", SectionKind::Other),
            ("Research Interests", SectionKind::Other),
            ("Interests", SectionKind::Other),
            ("", SectionKind::Other),
        ];
        for (h, k) in cases {
            assert_eq!(classify(h), k, "{h}");
        }
    }
}
