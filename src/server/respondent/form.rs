//! The posted survey form read into a [`RawSubmission`], and validation problems turned into the
//! form's field errors: pure functions (reading the form is tested here, the errors through the pages).

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_kept_in_order_and_a_repeated_answer_is_kept_twice_for_validation() {
        let form = read_form(b"u=DINKES&a_PM1=4&a_PM2=5&a_PM1=1&nonce=n1&comment=Baik", false).unwrap();
        assert_eq!(form.unit.as_deref(), Some("DINKES"));
        assert_eq!(form.nonce, "n1");
        let answers: Vec<(&str, &str)> = form.raw.answers.iter().map(|(c, v)| (c.as_str(), v.as_str())).collect();
        assert_eq!(answers, [("PM1", "4"), ("PM2", "5"), ("PM1", "1")]);
        assert_eq!(form.raw.comment.as_deref(), Some("Baik"));
    }

    #[test]
    fn any_other_field_counts_once_and_the_first_copy_wins() {
        let form = read_form(b"u=A&u=B&grade_band=III&grade_band=IV&t=tok&nonce=x&nonce=y&unknown=1", false).unwrap();
        assert_eq!((form.unit.as_deref(), form.token.as_deref(), form.nonce.as_str()), (Some("A"), Some("tok"), "x"));
        assert_eq!(form.raw.grade_band.as_deref(), Some("III"));
    }

    #[test]
    fn then_test_answers_count_only_where_the_workshop_asks_for_them() {
        let body = b"a_PM1=4&then_PM1=2&pairing_code=ABCD-EFGH";
        assert!(read_form(body, false).unwrap().raw.then_answers.is_empty());
        let asked = read_form(body, true).unwrap();
        assert_eq!(asked.raw.then_answers, vec![("PM1".to_string(), "2".to_string())]);
        assert_eq!(asked.raw.pairing_code.as_deref(), Some("ABCD-EFGH"));
    }

    #[test]
    fn a_body_that_is_no_form_answers_nothing_and_a_refused_form_keeps_what_was_typed() {
        let json = read_form(br#"{"a_PM1":"4"}"#, false).unwrap();
        assert!(json.raw.answers.is_empty() && json.unit.is_none(), "JSON is not a form");
        let form = read_form(b"a_PM1=9&tenure_band=lt2&comment=%3Cb%3E", false).unwrap();
        let kept = kept_values(&form.raw);
        assert_eq!(kept.answers, vec![("PM1".to_string(), "9".to_string())]);
        assert_eq!((kept.tenure_band.as_str(), kept.comment.as_str(), kept.grade_band.as_str()), ("lt2", "<b>", ""));
    }
}
