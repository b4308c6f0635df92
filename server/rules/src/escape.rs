//! Escaping inserted text for the source format.
//!
//! Fixes compute replacement text in plain words; before it goes into the
//! source it must be written the way the format spells those characters.

use resume_syntax::Format;

/// `text` written so that it reads as itself in a `format` document.
///
/// LaTeX: `%`, `$`, `&`, `#` and `_` get a backslash (`\%`); braces become
/// `\{`/`\}`, a backslash `\textbackslash{}`, `~` `\textasciitilde{}` and `^`
/// `\textasciicircum{}`. Markdown text is returned unchanged: replacement
/// words never start a line, so block markers cannot arise, and inline
/// punctuation in resume prose is kept as the user typed it elsewhere.
pub fn escape_for(format: Format, text: &str) -> String {
    match format {
        Format::Markdown => text.to_string(),
        Format::Latex => {
            let mut out = String::with_capacity(text.len() + 4);
            for c in text.chars() {
                match c {
                    '%' | '$' | '&' | '#' | '_' | '{' | '}' => {
                        out.push('\\');
                        out.push(c);
                    }
                    '\\' => out.push_str("\\textbackslash{}"),
                    '~' => out.push_str("\\textasciitilde{}"),
                    '^' => out.push_str("\\textasciicircum{}"),
                    _ => out.push(c),
                }
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latex_specials_get_backslashes() {
        assert_eq!(
            escape_for(Format::Latex, "R&D at 40% for $5 #1 a_b"),
            r"R\&D at 40\% for \$5 \#1 a\_b"
        );
        assert_eq!(escape_for(Format::Latex, "{x}"), r"\{x\}");
        assert_eq!(escape_for(Format::Latex, r"a\b"), r"a\textbackslash{}b");
        assert_eq!(escape_for(Format::Latex, "Café – ok"), "Café – ok");
    }

    #[test]
    fn markdown_text_is_kept() {
        assert_eq!(escape_for(Format::Markdown, "R&D 40% $5"), "R&D 40% $5");
    }
}
