//! `POST /api/v1/waves/{id}/responses`: paper questionnaires typed in later, or answers moved from
//! another tool. Every row is checked like a respondent's form; one bad row and nothing is stored.

use super::{ApiCaller, ApiError, ApiErrorBody, wave_in_scope};
use crate::domain::Area;
use crate::domain::pairing::is_imported_code;
use crate::domain::submission::{RawSubmission, SubmissionProblem, ValidSubmission, validate_submission};
use crate::domain::survey::parse_day;
use crate::dto::ErrorDetail;
use crate::error::AppError;
use crate::i18n::{Lang, fill};
use crate::server::entities::instrument;
use crate::server::http::state::AppState;
use crate::server::repo::instruments;
use crate::server::repo::responses::store_scored;
use crate::server::repo::sums::ScoredResponse;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use sea_orm::{EntityTrait, TransactionTrait};
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
    rows: &[(i32, chrono::NaiveDate, ValidSubmission)],
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

/// Stores typed-in responses of a wave, all or nothing (HR and admin, units within their scope).
#[utoipa::path(post, path = "/api/v1/waves/{id}/responses", params(("id" = i32, Path)), request_body = Vec<BulkResponse>,
    responses((status = 200, body = BulkInserted), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn import_responses(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i32>,
    body: Bytes,
) -> Result<Json<BulkInserted>, ApiError> {
    caller.require(Area::Hr)?;
    let (wave, all, in_wave, start) = wave_in_scope(&state, &caller, id).await?;
    let lang = caller.lang;
    let t = lang.t();
    let fail = |e| caller.fail(e);
    let rows: Vec<BulkResponse> =
        serde_json::from_slice(&body).map_err(|e| fail(AppError::invalid(format!("{}: {e}", t.err_bad_body))))?;
    if rows.len() > MAX_ROWS {
        return Err(fail(AppError::invalid(fill(t.bulk_too_many, &[("max", &MAX_ROWS.to_string())]))));
    }
    let instrument = instrument::Entity::find_by_id(wave.instrument_id)
        .one(&state.db)
        .await
        .map_err(|e| fail(e.into()))?
        .ok_or_else(|| fail(AppError::NotFound))?;
    let scale_points = u8::try_from(instrument.scale_points).unwrap_or(5);
    let items = instruments::instrument_items(&state.db, instrument.id).await.map_err(fail)?;
    let allowed = crate::server::entities::unit::tree(&all).subtree(Some(start));
    let today = chrono::Utc::now().date_naive();
    // Typed-in answers only while the wave runs: a closed wave's results are final, and answers with
    // known values added after a read would move a small unit's figures by a known amount.
    if crate::domain::survey::wave_phase(wave.opens_on, wave.closes_on, wave.closed_early, today)
        != crate::domain::survey::WavePhase::Open
    {
        return Err(fail(AppError::invalid(t.bulk_wave_not_open)));
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
        return Err(fail(AppError::Invalid { message: t.err_invalid.into(), details }));
    }

    let _turn = crate::server::db::sqlite_write_turn(&state.db).await;
    let txn = state.db.begin().await.map_err(|e| fail(e.into()))?;
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
    store_scored(&txn, &scored).await.map_err(fail)?;
    crate::server::repo::audit::record(
        &txn,
        chrono::Utc::now(),
        Some(caller.user.id),
        "responses.import",
        &format!("wave {}: {} responses typed in ({})", wave.id, valid_rows.len(), per_unit_counts(&valid_rows, &all)),
    )
    .await
    .map_err(fail)?;
    txn.commit().await.map_err(|e| fail(e.into()))?;
    Ok(Json(BulkInserted { inserted: valid_rows.len() }))
}
