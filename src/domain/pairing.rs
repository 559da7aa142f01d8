//! Anonymous pairing codes for workshop pre/post tests: six random characters from an alphabet
//! without look-alikes (no 0/O, 1/I) plus one check character, so a mistyped code is caught
//! before it silently pairs with a stranger's answers.

/// 32 characters that cannot be confused when read aloud or copied from a phone screen.
pub const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/// Random characters of a code, before the check character: 32⁶ ≈ 1.07 billion codes.
pub const RANDOM_CHARS: usize = 6;

fn value_of(c: char) -> Option<usize> {
    let upper = c.to_ascii_uppercase() as u32;
    ALPHABET.iter().position(|&a| u32::from(a) == upper)
}

/// Check character (Luhn mod 32): catches every single-character error and every swap of two
/// neighbouring characters.
pub fn check_char(body: &str) -> Option<char> {
    let n = ALPHABET.len();
    let mut factor = 2;
    let mut sum = 0;
    for c in body.chars().rev() {
        let mut addend = factor * value_of(c)?;
        factor = if factor == 2 { 1 } else { 2 };
        addend = addend / n + addend % n;
        sum += addend;
    }
    Some(ALPHABET[(n - sum % n) % n] as char)
}

/// A full code from six random alphabet positions (each taken mod 32).
pub fn code_from_indices(indices: [u8; RANDOM_CHARS]) -> String {
    let body: String = indices.iter().map(|i| ALPHABET[usize::from(*i) % ALPHABET.len()] as char).collect();
    let check = check_char(&body).unwrap_or('2');
    format!("{body}{check}")
}

/// Normalises a typed code (upper case, spaces and dashes removed) and checks it; `None` if wrong.
pub fn parse_code(typed: &str) -> Option<String> {
    let code: String =
        typed.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect();
    if code.chars().count() != RANDOM_CHARS + 1 {
        return None;
    }
    let (body, check) = code.split_at(RANDOM_CHARS);
    (check_char(body)? == check.chars().next()?).then_some(code)
}

/// Whether a code brought in by bulk entry is acceptable: trainers may use their own participant
/// codes there, 4–32 characters of `A-Z 0-9 -` (docs/DESIGN.md §8), without our check character.
pub fn is_imported_code(code: &str) -> bool {
    (4..=32).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    #[test]
    fn imported_codes_are_4_to_32_upper_case_letters_digits_or_hyphens() {
        assert!(is_imported_code("P-017"));
        assert!(is_imported_code(&"A".repeat(32)));
        assert!(!is_imported_code("AB1"));
        assert!(!is_imported_code(&"A".repeat(33)));
        assert!(!is_imported_code("p-017"));
        assert!(!is_imported_code("P 017"));
    }

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_generated_code_parses_and_typing_is_forgiving() {
        let code = code_from_indices([0, 5, 10, 15, 20, 31]);
        assert_eq!(code.len(), 7);
        assert_eq!(parse_code(&code), Some(code.clone()));
        let typed = format!(" {}-{} ", code[..3].to_lowercase(), &code[3..]);
        assert_eq!(parse_code(&typed), Some(code));
        assert_eq!(parse_code("ABC"), None);
        assert_eq!(parse_code("0OOOOOO"), None);
    }

    proptest! {
        #[test]
        fn any_single_changed_character_is_caught(indices in proptest::array::uniform6(0u8..32), pos in 0usize..7, delta in 1usize..32) {
            let code = code_from_indices(indices);
            let mut chars: Vec<char> = code.chars().collect();
            let v = value_of(chars[pos]).unwrap();
            chars[pos] = ALPHABET[(v + delta) % 32] as char;
            let changed: String = chars.into_iter().collect();
            prop_assert_eq!(parse_code(&changed), None);
        }
    }
}
