//! The posted survey form read into a [`RawSubmission`], and validation problems turned into the
//! form's field errors: pure functions, tested here.

use super::survey::Survey;
use crate::domain::submission::{
    MAX_COMMENT_CHARS, RawSubmission, SubmissionError, SubmissionProblem, TOO_FEW_ANSWERS_FIELD,
};
use crate::i18n::{Lang, fill};
use crate::server::entities::item;
use crate::server::respondent::view::{FieldError, FormValues};
use std::collections::HashSet;

/// The form fields as sent, in order; a field sent twice is kept twice so validation can refuse it.
pub(super) struct PostedForm {
    pub(super) unit: Option<String>,
    pub(super) token: Option<String>,
    pub(super) nonce: String,
    pub(super) raw: RawSubmission,
}

pub(super) fn read_form(body: &[u8], then_test: bool) -> Option<PostedForm> {
    let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(body).ok()?;
    let mut seen = HashSet::new();
    let mut form = PostedForm { unit: None, token: None, nonce: String::new(), raw: RawSubmission::default() };
    for (name, value) in fields {
        if let Some(code) = name.strip_prefix("a_") {
            form.raw.answers.push((code.to_string(), value));
            continue;
        }
        if let Some(code) = name.strip_prefix("then_") {
            // Retrospective answers count only where the workshop asks for them.
            if then_test {
                form.raw.then_answers.push((code.to_string(), value));
            }
            continue;
        }
        // Any other field counts once: the first copy wins, later copies are ignored.
        if !seen.insert(name.clone()) {
            continue;
        }
        match name.as_str() {
            "u" => form.unit = Some(value),
            "t" => form.token = Some(value),
            "nonce" => form.nonce = value,
            "grade_band" => form.raw.grade_band = Some(value),
            "tenure_band" => form.raw.tenure_band = Some(value),
            "role_kind" => form.raw.role_kind = Some(value),
            "comment" => form.raw.comment = Some(value),
            "pairing_code" => form.raw.pairing_code = Some(value),
            _ => {}
        }
    }
    Some(form)
}

pub(super) fn field_errors(lang: Lang, survey: &Survey, errors: &[SubmissionError]) -> Vec<FieldError> {
    let s = lang.survey();
    let max = MAX_COMMENT_CHARS.to_string();
    errors
        .iter()
        .map(|e| {
            let position = survey.items.iter().position(|i| i.code == e.field);
            let (anchor, label) = match e.field.as_str() {
                "grade_band" => ("f_grade_band".to_string(), s.grade_label.to_string()),
                "tenure_band" => ("f_tenure_band".to_string(), s.tenure_label.to_string()),
                "role_kind" => ("f_role_kind".to_string(), s.role_label.to_string()),
                "comment" => ("comment".to_string(), s.comment_label.to_string()),
                "pairing_code" => ("pairing_code".to_string(), s.pairing_label.to_string()),
                TOO_FEW_ANSWERS_FIELD => (
                    survey.items.first().map_or("survey-form".to_string(), |i| format!("q_{}", i.code)),
                    s.error_too_few_label.to_string(),
                ),
                code => match position {
                    Some(p) => (format!("q_{code}"), format!("{}. {}", p + 1, short(&survey.items[p], lang))),
                    None => ("survey-form".to_string(), code.chars().take(40).collect()),
                },
            };
            let message = match e.problem {
                SubmissionProblem::ValueOutOfScale => s.error_value.to_string(),
                SubmissionProblem::UnknownItem => s.error_unknown_item.to_string(),
                SubmissionProblem::RepeatedItem => s.error_repeated.to_string(),
                SubmissionProblem::UnknownBand => s.error_band.to_string(),
                SubmissionProblem::CommentTooLong => fill(s.error_comment, &[("max", &max)]),
                SubmissionProblem::CommentControlCharacter => lang.t().text_control_characters.to_string(),
                SubmissionProblem::PairingCodeInvalid => s.error_pairing.to_string(),
                SubmissionProblem::TooFewAnswers => s.error_too_few_answers.to_string(),
            };
            FieldError { anchor, label, message }
        })
        .collect()
}

pub(super) fn short(item: &item::Model, lang: Lang) -> String {
    let text = if lang == Lang::En { &item.text_en } else { &item.text_id };
    let mut short: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        short.push('…');
    }
    short
}

/// The values to show again in a refused form. Unknown item codes are dropped: they have no field.
pub(super) fn kept_values(raw: &RawSubmission) -> FormValues {
    FormValues {
        answers: raw.answers.clone(),
        then_answers: raw.then_answers.clone(),
        grade_band: raw.grade_band.clone().unwrap_or_default(),
        tenure_band: raw.tenure_band.clone().unwrap_or_default(),
        role_kind: raw.role_kind.clone().unwrap_or_default(),
        comment: raw.comment.clone().unwrap_or_default(),
    }
}
