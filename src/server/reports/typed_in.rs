//! Paper questionnaires typed in later, or answers moved from another tool: every row is checked like
//! a respondent's form, within the caller's scope and while the wave runs; one bad row and nothing
//! is stored.

use crate::domain::UnitId;
use crate::domain::WaveId;
use crate::domain::pairing::is_imported_code;
use crate::domain::submission::{RawSubmission, SubmissionProblem, ValidSubmission, validate_submission};
use crate::domain::survey::{WavePhase, parse_day, wave_phase};
use crate::dto::ErrorDetail;
use crate::error::AppError;
use crate::i18n::{Lang, fill};
use crate::server::auth::AuthUser;
use crate::server::repo::responses::store_scored;
use crate::server::repo::sums::ScoredResponse;
use crate::server::repo::{audit, instruments};
use chrono::{DateTime, Utc};
use sea_orm::{DatabaseConnection, TransactionTrait};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Most rows one request may carry: a whole OPD's paper forms, small enough for one transaction.
pub const MAX_ROWS: usize = 5_000;

/// One typed-in questionnaire.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkResponse {
    /// Code of the respondent's unit.
    pub unit: String,
    /// Day the questionnaire was filled in (`YYYY-MM-DD`), within the wave; today when missing.
    pub submitted_on: Option<String>,
    /// 4–32 characters of `A-Z 0-9 -`.
    pub pairing_code: Option<String>,
    /// The bands: only the one of the wave's breakdown dimension is stored (a wave shows no other,
    /// docs/DESIGN.md §5); the others are dropped.
    pub grade_band: Option<String>,
    pub tenure_band: Option<String>,
    pub role: Option<String>,
    /// Item code → value on the instrument's scale.
    #[schema(value_type = BTreeMap<String, i64>)]
    pub answers: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    #[schema(value_type = Option<BTreeMap<String, i64>>)]
    pub then_answers: BTreeMap<String, serde_json::Value>,
    pub comment: Option<String>,
}

/// How many responses were stored.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BulkInserted {
    pub inserted: usize,
}

fn value_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        // Anything else can never be a point of the scale; validation names it.
        _ => "invalid".into(),
    }
}

fn problem_message(lang: Lang, problem: &SubmissionProblem) -> String {
    let s = lang.survey();
    match problem {
        SubmissionProblem::ValueOutOfScale => s.error_value.into(),
        SubmissionProblem::UnknownItem => s.error_unknown_item.into(),
        SubmissionProblem::RepeatedItem => s.error_repeated.into(),
        SubmissionProblem::UnknownBand => s.error_band.into(),
        SubmissionProblem::CommentTooLong => {
            fill(s.error_comment, &[("max", &crate::domain::submission::MAX_COMMENT_CHARS.to_string())])
        }
        SubmissionProblem::CommentControlCharacter => lang.t().text_control_characters.into(),
        SubmissionProblem::PairingCodeInvalid => lang.t().bulk_pairing_invalid.into(),
        SubmissionProblem::TooFewAnswers => lang.survey().error_too_few_answers.into(),
    }
}

/// "CODE ×n" per unit, in code order: the audit record of a typed-in batch says where answers went.
fn per_unit_counts(
    rows: &[(UnitId, chrono::NaiveDate, ValidSubmission)],
    all: &[crate::server::entities::unit::Model],
) -> String {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for (unit_id, _, _) in rows {
        if let Some(unit) = all.iter().find(|u| u.id == *unit_id) {
            *counts.entry(unit.code.as_str()).or_default() += 1;
        }
    }
    counts.iter().map(|(code, n)| format!("{code} ×{n}")).collect::<Vec<_>>().join(", ")
}

/// Stores typed-in `rows` of wave `wave_id` for `user`, all or nothing, with an audit record that says
/// how many went to which unit; returns how many were stored.
pub async fn store_typed_in(
    db: &DatabaseConnection,
    user: &AuthUser,
    wave_id: WaveId,
    rows: Vec<BulkResponse>,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let (wave, all, in_wave, start) = super::scope::wave_in_scope(db, wave_id, user.scope_unit_id).await?;
    let t = lang.t();
    if rows.len() > MAX_ROWS {
        return Err(AppError::invalid(fill(t.bulk_too_many, &[("max", &MAX_ROWS.to_string())])));
    }
    let instrument = instruments::by_id(db, wave.instrument_id).await?.ok_or(AppError::NotFound)?;
    let scale_points = u8::try_from(instrument.scale_points).unwrap_or(5);
    let items = instruments::instrument_items(db, instrument.id).await?;
    let allowed = crate::server::entities::unit::tree(&all).subtree(Some(start));
    let today = now.date_naive();
    // Typed-in answers only while the wave runs: a closed wave's results are final, and answers with
    // known values added after a read would move a small unit's figures by a known amount.
    if wave_phase(wave.opens_on, wave.closes_on, wave.closed_early, today) != WavePhase::Open {
        return Err(AppError::invalid(t.bulk_wave_not_open));
    }

    let mut details = Vec::new();
    let mut valid_rows = Vec::new();
    for (i, row) in rows.into_iter().enumerate() {
        let mut problem = |field: &str, message: String| {
            details.push(ErrorDetail { row: Some(i + 1), field: field.into(), message });
        };
        let unit = all
            .iter()
            .find(|u| u.code == row.unit.trim() && u.active)
            .filter(|u| in_wave.contains(&u.id) && allowed.contains(&u.id));
        if unit.is_none() {
            problem("unit", t.bulk_unit_unknown.into());
        }
        let day = match row.submitted_on.as_deref() {
            None => Some(today),
            Some(text) => parse_day(text),
        }
        .filter(|d| wave.opens_on <= *d && *d <= wave.closes_on && *d <= today);
        if day.is_none() {
            problem("submitted_on", t.bulk_day_invalid.into());
        }
        let pairing_code = row.pairing_code.map(|c| c.trim().to_string()).filter(|c| !c.is_empty());
        if pairing_code.as_deref().is_some_and(|c| !is_imported_code(c)) {
            problem("pairing_code", t.bulk_pairing_invalid.into());
        }
        let raw = RawSubmission {
            answers: row.answers.iter().map(|(code, v)| (code.clone(), value_text(v))).collect(),
            then_answers: row.then_answers.iter().map(|(code, v)| (code.clone(), value_text(v))).collect(),
            grade_band: row.grade_band,
            tenure_band: row.tenure_band,
            role_kind: row.role,
            comment: row.comment,
            pairing_code: None,
        };
        match validate_submission(&items, &raw, scale_points, false) {
            Ok(mut valid) => {
                valid.keep_only_band_of(wave.breakdown_by);
                if let (Some(unit), Some(day)) = (unit, day) {
                    valid.pairing_code = pairing_code;
                    valid_rows.push((unit.id, day, valid));
                }
            }
            Err(errors) => {
                for e in errors {
                    let field = if e.field == "role_kind" { "role".to_string() } else { e.field };
                    problem(&field, problem_message(lang, &e.problem));
                }
            }
        }
    }
    if !details.is_empty() {
        return Err(AppError::Invalid { message: t.err_invalid.into(), details });
    }

    let _turn = crate::server::db::sqlite_write_turn(db).await;
    let txn = db.begin().await?;
    let scored: Vec<ScoredResponse> = valid_rows
        .iter()
        .map(|(unit_id, day, valid)| ScoredResponse {
            wave_id: wave.id,
            unit_id: *unit_id,
            day: *day,
            items: &items,
            valid,
            scale_points,
            typed_in: true,
        })
        .collect();
    store_scored(&txn, &scored).await?;
    audit::record(
        &txn,
        now,
        Some(user.id),
        "responses.import",
        &format!("wave {}: {} responses typed in ({})", wave.id, valid_rows.len(), per_unit_counts(&valid_rows, &all)),
    )
    .await?;
    txn.commit().await?;
    Ok(valid_rows.len())
}
