//! Validating a respondent's submission before anything is stored (docs/DESIGN.md §4, §5, §8): every item
//! belongs to the instrument, every value is a point of the scale, bands come from their lists, the
//! comment fits, and a typed pairing code passes its check character. All problems are reported at once.

use super::breakdown::{BreakdownBy, GRADE_BANDS, ROLE_KINDS, TENURE_BANDS};
use super::likert::LikertValue;
use super::pairing::parse_code;
use super::scoring::ItemKey;
use std::collections::HashMap;

/// Longest comment kept: room for a paragraph, too short to paste a document that identifies someone.
pub const MAX_COMMENT_CHARS: usize = 2_000;

/// An item of the wave's instrument, by code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstrumentItem {
    pub id: i32,
    pub code: String,
    pub key: ItemKey,
}

/// A submission as it arrives: strings from a form or JSON, nothing trusted yet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawSubmission {
    /// (item code, value) pairs; an item may be missing (unanswered) but not repeated.
    pub answers: Vec<(String, String)>,
    /// Retrospective "before the workshop" answers of a then-test.
    pub then_answers: Vec<(String, String)>,
    pub grade_band: Option<String>,
    pub tenure_band: Option<String>,
    pub role_kind: Option<String>,
    pub comment: Option<String>,
    pub pairing_code: Option<String>,
}

impl ValidSubmission {
    /// Drops every band but the one of the wave's breakdown dimension: a wave shows no other (two
    /// could be crossed, docs/DESIGN.md §5), so it stores no other either. Called after validation, so a
    /// malformed band is still refused rather than quietly dropped.
    pub fn keep_only_band_of(&mut self, by: BreakdownBy) {
        if by != BreakdownBy::GradeBand {
            self.grade_band = None;
        }
        if by != BreakdownBy::TenureBand {
            self.tenure_band = None;
        }
        if by != BreakdownBy::Role {
            self.role_kind = None;
        }
    }
}

/// The field a [`SubmissionProblem::TooFewAnswers`] is reported on: the answers as a whole.
pub const TOO_FEW_ANSWERS_FIELD: &str = "answers";

/// What is wrong with one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SubmissionProblem {
    UnknownItem,
    RepeatedItem,
    ValueOutOfScale,
    UnknownBand,
    CommentTooLong,
    /// A control character other than a line break or tab in the comment.
    CommentControlCharacter,
    PairingCodeInvalid,
    /// No discipline has enough answers for a score (the 60 % rule): such a response carries no
    /// information, and empty forms would let anyone probe how many colleagues answered (docs/DESIGN.md §5).
    TooFewAnswers,
}

/// A problem with a named field (an item code, `grade_band`, `comment`, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubmissionError {
    pub field: String,
    pub problem: SubmissionProblem,
}

/// A submission that may be stored: answers aligned with the instrument's items.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidSubmission {
    /// One entry per instrument item, in instrument order; `None` when unanswered.
    pub answers: Vec<Option<LikertValue>>,
    pub then_answers: Vec<Option<LikertValue>>,
    pub grade_band: Option<String>,
    pub tenure_band: Option<String>,
    pub role_kind: Option<String>,
    pub comment: Option<String>,
    pub pairing_code: Option<String>,
}

impl ValidSubmission {
    /// How many items were left unanswered.
    pub fn unanswered(&self) -> usize {
        self.answers.iter().filter(|a| a.is_none()).count()
    }
}

fn blank_to_none(value: &Option<String>) -> Option<String> {
    value.as_ref().map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

fn parse_answers(
    items: &[InstrumentItem],
    raw: &[(String, String)],
    scale_points: u8,
    errors: &mut Vec<SubmissionError>,
) -> Vec<Option<LikertValue>> {
    let position: HashMap<&str, usize> = items.iter().enumerate().map(|(i, item)| (item.code.as_str(), i)).collect();
    let mut answers = vec![None; items.len()];
    let mut seen = vec![false; items.len()];
    for (code, value) in raw {
        let value = value.trim();
        let Some(&i) = position.get(code.as_str()) else {
            errors.push(SubmissionError { field: code.clone(), problem: SubmissionProblem::UnknownItem });
            continue;
        };
        if std::mem::replace(&mut seen[i], true) {
            errors.push(SubmissionError { field: code.clone(), problem: SubmissionProblem::RepeatedItem });
            continue;
        }
        if value.is_empty() {
            continue;
        }
        match value.parse::<i64>().ok().and_then(|v| LikertValue::parse(v, scale_points).ok()) {
            Some(v) => answers[i] = Some(v),
            None => errors.push(SubmissionError { field: code.clone(), problem: SubmissionProblem::ValueOutOfScale }),
        }
    }
    answers
}

/// Checks a raw submission against the instrument's items. `expects_pairing_code` is true for
/// workshop waves, where a typed code must pass its check character.
pub fn validate_submission(
    items: &[InstrumentItem],
    raw: &RawSubmission,
    scale_points: u8,
    expects_pairing_code: bool,
) -> Result<ValidSubmission, Vec<SubmissionError>> {
    let mut errors = Vec::new();
    let answers = parse_answers(items, &raw.answers, scale_points, &mut errors);
    let scores = super::scoring::score_response(items.iter().map(|i| i.key).zip(answers.iter().copied()), scale_points);
    if errors.is_empty() && scores.disciplines.iter().all(Option::is_none) {
        errors.push(SubmissionError { field: TOO_FEW_ANSWERS_FIELD.into(), problem: SubmissionProblem::TooFewAnswers });
    }
    let then_answers = parse_answers(items, &raw.then_answers, scale_points, &mut errors);
    let mut band = |field: &str, value: &Option<String>, allowed: &[&str]| {
        let value = blank_to_none(value);
        if value.as_deref().is_some_and(|v| !allowed.contains(&v)) {
            errors.push(SubmissionError { field: field.into(), problem: SubmissionProblem::UnknownBand });
            return None;
        }
        value
    };
    let grade_band = band("grade_band", &raw.grade_band, &GRADE_BANDS);
    let tenure_band = band("tenure_band", &raw.tenure_band, &TENURE_BANDS);
    let role_kind = band("role_kind", &raw.role_kind, &ROLE_KINDS);
    let comment = blank_to_none(&raw.comment);
    if comment.as_ref().is_some_and(|c| c.chars().count() > MAX_COMMENT_CHARS) {
        errors.push(SubmissionError { field: "comment".into(), problem: SubmissionProblem::CommentTooLong });
    } else if comment.as_ref().is_some_and(|c| super::text::has_forbidden_control(c, true)) {
        errors.push(SubmissionError { field: "comment".into(), problem: SubmissionProblem::CommentControlCharacter });
    }
    let pairing_code = match blank_to_none(&raw.pairing_code) {
        Some(typed) if expects_pairing_code => match parse_code(&typed) {
            Some(code) => Some(code),
            None => {
                errors.push(SubmissionError {
                    field: "pairing_code".into(),
                    problem: SubmissionProblem::PairingCodeInvalid,
                });
                None
            }
        },
        _ => None,
    };
    if errors.is_empty() {
        Ok(ValidSubmission { answers, then_answers, grade_band, tenure_band, role_kind, comment, pairing_code })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Discipline;
    use crate::domain::lo25;
    use crate::domain::pairing::code_from_indices;
    use proptest::prelude::*;

    fn lo25_items() -> Vec<InstrumentItem> {
        lo25::ITEMS
            .iter()
            .enumerate()
            .map(|(i, it)| InstrumentItem {
                id: i as i32 + 1,
                code: it.code.into(),
                key: ItemKey { discipline: it.discipline, reverse: it.reverse },
            })
            .collect()
    }

    fn all_answered(value: &str) -> RawSubmission {
        RawSubmission {
            answers: lo25::ITEMS.iter().map(|i| (i.code.to_string(), value.to_string())).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn a_response_without_any_discipline_that_meets_the_60_percent_rule_is_refused() {
        let refused = |raw: &RawSubmission| {
            validate_submission(&lo25_items(), raw, 5, false).err().map(|e| e.into_iter().map(|e| e.problem).collect())
        };
        let too_few = Some(vec![SubmissionProblem::TooFewAnswers]);
        assert_eq!(refused(&RawSubmission::default()), too_few, "an empty form");
        // Two answers in every discipline: 10 answers, yet no discipline has 3 of 5.
        let two_each = RawSubmission {
            answers: lo25::ITEMS
                .iter()
                .filter(|i| i.code.ends_with('1') || i.code.ends_with('2'))
                .map(|i| (i.code.to_string(), "4".to_string()))
                .collect(),
            ..Default::default()
        };
        assert_eq!(refused(&two_each), too_few);
        let three_of_one = RawSubmission {
            answers: ["PM1", "PM2", "PM3"].iter().map(|c| (c.to_string(), "2".to_string())).collect(),
            ..Default::default()
        };
        assert_eq!(refused(&three_of_one), None, "one discipline with a score is enough");
    }

    #[test]
    fn a_complete_submission_is_accepted_with_blanks_as_missing() {
        let mut raw = all_answered("4");
        raw.answers[3].1 = " ".into();
        raw.grade_band = Some("III".into());
        raw.tenure_band = Some("".into());
        raw.comment = Some("  Rapat koordinasi perlu rutin.  ".into());
        let valid = validate_submission(&lo25_items(), &raw, 5, false).unwrap();
        assert_eq!(valid.answers.len(), 25);
        assert_eq!(valid.unanswered(), 1);
        assert_eq!(valid.grade_band.as_deref(), Some("III"));
        assert_eq!(valid.tenure_band, None);
        assert_eq!(valid.comment.as_deref(), Some("Rapat koordinasi perlu rutin."));
        assert_eq!(lo25_items()[0].key.discipline, Discipline::PersonalMastery);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut raw = all_answered("3");
        raw.answers[0].1 = "6".into();
        raw.answers[1].1 = "tiga".into();
        raw.answers.push(("XX9".into(), "3".into()));
        raw.answers.push(("PM3".into(), "2".into()));
        raw.role_kind = Some("kepala".into());
        raw.comment = Some("x".repeat(MAX_COMMENT_CHARS + 1));
        raw.pairing_code = Some("ABCDEFG".into());
        let errors = validate_submission(&lo25_items(), &raw, 5, true).unwrap_err();
        let fields: Vec<(&str, SubmissionProblem)> =
            errors.iter().map(|e| (e.field.as_str(), e.problem.clone())).collect();
        assert_eq!(
            fields,
            vec![
                ("PM1", SubmissionProblem::ValueOutOfScale),
                ("PM2", SubmissionProblem::ValueOutOfScale),
                ("XX9", SubmissionProblem::UnknownItem),
                ("PM3", SubmissionProblem::RepeatedItem),
                ("role_kind", SubmissionProblem::UnknownBand),
                ("comment", SubmissionProblem::CommentTooLong),
                ("pairing_code", SubmissionProblem::PairingCodeInvalid),
            ]
        );
    }

    #[test]
    fn a_pairing_code_is_kept_only_where_the_wave_pairs() {
        let code = code_from_indices([1, 2, 3, 4, 5, 6]);
        let raw = RawSubmission { pairing_code: Some(code.to_lowercase()), ..all_answered("5") };
        assert_eq!(validate_submission(&lo25_items(), &raw, 5, true).unwrap().pairing_code, Some(code));
        assert_eq!(validate_submission(&lo25_items(), &raw, 5, false).unwrap().pairing_code, None);
    }

    proptest! {
        #[test]
        fn garbage_never_panics_and_accepted_values_are_on_the_scale(
            pairs in proptest::collection::vec(("[A-Z]{2}[0-9]", "\\PC{0,6}"), 0..40),
            comment in proptest::option::of("\\PC{0,50}"),
        ) {
            let raw = RawSubmission { answers: pairs, comment, ..Default::default() };
            if let Ok(valid) = validate_submission(&lo25_items(), &raw, 5, false) {
                for v in valid.answers.iter().flatten() {
                    prop_assert!((1..=5).contains(&v.get()));
                }
            }
        }
    }
}
