//! Rules for the text people type: no control characters in any stored field (passwords have their
//! own rules in `domain::password`).
//!
//! Why control characters are refused rather than stripped: PostgreSQL cannot store NUL in text at
//! all (the insert fails), and the others (bell, escape, bidi overrides aside) only ever arrive from
//! copy-paste accidents or from someone probing; a clear message is better than silently changed text.

/// Whether `text` holds a character that no stored field accepts: a control character, except line
/// breaks and tabs where the field takes several lines (comments, plan fields, notes).
pub fn has_forbidden_control(text: &str, multiline: bool) -> bool {
    text.chars().any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_but_line_breaks_only_where_lines_are_allowed() {
        assert!(!has_forbidden_control("Dinas Kesehatan — Bidang P2P", false));
        assert!(has_forbidden_control("Dinas\u{0}Kesehatan", false));
        assert!(has_forbidden_control("bell\u{7}", true));
        assert!(has_forbidden_control("esc\u{1b}[31m", true));
        assert!(has_forbidden_control("del\u{7f}", true));
        assert!(has_forbidden_control("two\nlines", false));
        assert!(!has_forbidden_control("two\r\nlines\tand a tab", true));
    }
}
