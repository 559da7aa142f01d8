//! Password rules people can live with: at least [`MIN_CHARS`] characters, not among the passwords
//! attackers try first, and not built on the person's own name or e-mail. Strength is estimated with
//! zxcvbn (dictionaries of common passwords, names, words, keyboard walks, dates and repeats), not a
//! hand-kept list. The check runs on the server only, so the wasm bundle carries no dictionary.

/// Fewest characters of a password, not counting whitespace, so ten spaces are no password.
pub const MIN_CHARS: usize = 10;

/// Shortest part of a name or e-mail that a password may not contain: shorter parts ("Ir", "st")
/// would refuse good passwords by chance.
#[cfg(feature = "ssr")]
const MIN_PERSONAL_PART_CHARS: usize = 3;

/// Why a password is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    /// Fewer than [`MIN_CHARS`] characters that are not whitespace.
    TooShort,
    /// A control character (a NUL cannot even be stored by every tool that handles passwords).
    ControlCharacter,
    /// It contains the person's name or (part of) their e-mail address.
    ContainsPersonalInfo,
    /// Among the first guesses of an attacker: a common password, a word with digits, a keyboard walk.
    TooGuessable,
    /// The two entries differ.
    Mismatch,
}

/// The parts of a person's name and e-mail that a password may not contain, lower-cased.
#[cfg(feature = "ssr")]
fn personal_parts(name: &str, email: &str) -> Vec<String> {
    let local = email.split('@').next().unwrap_or_default();
    name.split(|c: char| !c.is_alphanumeric())
        .chain(local.split(|c: char| !c.is_alphanumeric()))
        .chain(std::iter::once(local))
        .map(str::to_lowercase)
        .filter(|part| part.chars().count() >= MIN_PERSONAL_PART_CHARS)
        .collect()
}

/// What every stored password must be: long enough and free of control characters. Accounts made
/// by the demo seed and by tests meet only this; people choosing a password meet [`check`] as well.
pub fn check_storable(password: &str) -> Result<(), PasswordProblem> {
    if super::text::has_forbidden_control(password, false) {
        return Err(PasswordProblem::ControlCharacter);
    }
    if password.chars().filter(|c| !c.is_whitespace()).count() < MIN_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    Ok(())
}

/// Checks a new password (typed twice) that the person with `name` and `email` chooses.
#[cfg(feature = "ssr")]
pub fn check(password: &str, repeated: &str, name: &str, email: &str) -> Result<(), PasswordProblem> {
    if password != repeated {
        return Err(PasswordProblem::Mismatch);
    }
    check_storable(password)?;
    let parts = personal_parts(name, email);
    let lowered = password.to_lowercase();
    if parts.iter().any(|part| lowered.contains(part.as_str())) {
        return Err(PasswordProblem::ContainsPersonalInfo);
    }
    let inputs: Vec<&str> = parts.iter().map(String::as_str).collect();
    // Score 3: more than 10^8 guesses. With argon2id and the login throttle that is out of reach of an
    // online attacker and costly offline, while a phrase of three ordinary words passes.
    if zxcvbn::zxcvbn(password, &inputs).score() < zxcvbn::Score::Three {
        return Err(PasswordProblem::TooGuessable);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_does_not_count_towards_a_password() {
        assert_eq!(check_storable("          "), Err(PasswordProblem::TooShort));
        assert_eq!(check_storable(" a b c d e f g h i "), Err(PasswordProblem::TooShort));
        assert_eq!(check_storable("correct horse battery"), Ok(()));
        assert_eq!(check_storable("0123456789"), Ok(()));
        assert_eq!(check_storable("0123456789\u{0}"), Err(PasswordProblem::ControlCharacter));
    }

    #[cfg(feature = "ssr")]
    fn check_for_siti(password: &str) -> Result<(), PasswordProblem> {
        check(password, password, "Siti Rahayu", "siti.rahayu@bkpsdm.go.id")
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn passwords_people_choose_well_pass() {
        for good in ["kopi susu di pagi hari", "Bandung-hujan-sore", "tujuh ekor kucing oranye", "Gx7#pL2qWz9!"] {
            assert_eq!(check_for_siti(good), Ok(()), "{good}");
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn short_common_and_personal_passwords_are_refused() {
        assert_eq!(check_for_siti("Ab3$xY9!"), Err(PasswordProblem::TooShort), "8 characters");
        assert_eq!(check_for_siti("password123"), Err(PasswordProblem::TooGuessable));
        assert_eq!(check_for_siti("qwertyuiop"), Err(PasswordProblem::TooGuessable));
        assert_eq!(check_for_siti("1234567890"), Err(PasswordProblem::TooGuessable));
        assert_eq!(check_for_siti("Rahayu2026!!"), Err(PasswordProblem::ContainsPersonalInfo), "the name");
        assert_eq!(check_for_siti("xx-SITI.RAHAYU-xx"), Err(PasswordProblem::ContainsPersonalInfo), "the e-mail");
        assert_eq!(
            check("kopi susu di pagi hari", "kopi susu di pagi", "Siti", "s@x.id"),
            Err(PasswordProblem::Mismatch)
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn short_parts_of_a_name_do_not_refuse_by_chance() {
        // "Ir." and "Wu" are shorter than three characters.
        assert_eq!(check("kebun irama wulan", "kebun irama wulan", "Ir. Wu", "wu@x.id"), Ok(()));
    }
}
