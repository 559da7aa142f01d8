//! Rules for the text people type: no control characters in any stored field, and passwords that are
//! more than whitespace.
//!
//! Why control characters are refused rather than stripped: PostgreSQL cannot store NUL in text at
//! all (the insert fails), and the others (bell, escape, bidi overrides aside) only ever arrive from
//! copy-paste accidents or from someone probing; a clear message is better than silently changed text.

/// Shortest password accepted for an account, counted without whitespace, so ten spaces are no password.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Whether `text` holds a character that no stored field accepts: a control character, except line
/// breaks and tabs where the field takes several lines (comments, plan fields, notes).
pub fn has_forbidden_control(text: &str, multiline: bool) -> bool {
    text.chars().any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')))
}

/// Why a new password is not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    /// Fewer than [`MIN_PASSWORD_CHARS`] characters that are not whitespace.
    TooShort,
    /// A control character (a NUL cannot even be stored by every tool that handles passwords).
    ControlCharacter,
}

/// Checks a password someone chooses.
pub fn check_new_password(password: &str) -> Result<(), PasswordProblem> {
    if has_forbidden_control(password, false) {
        return Err(PasswordProblem::ControlCharacter);
    }
    if password.chars().filter(|c| !c.is_whitespace()).count() < MIN_PASSWORD_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    Ok(())
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

    #[test]
    fn whitespace_does_not_count_towards_a_password() {
        assert_eq!(check_new_password("          "), Err(PasswordProblem::TooShort));
        assert_eq!(check_new_password(" a b c d e f g h i "), Err(PasswordProblem::TooShort));
        assert_eq!(check_new_password("correct horse battery"), Ok(()));
        assert_eq!(check_new_password("0123456789"), Ok(()));
        assert_eq!(check_new_password("0123456789\u{0}"), Err(PasswordProblem::ControlCharacter));
    }
}
