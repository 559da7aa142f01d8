//! `POST /api/v1/workshops`: a workshop with its pre-test and post-test waves, for trainers.

use super::{ApiCaller, ApiError, ApiErrorBody, new_wave_slug, parse_day};
use crate::domain::Area;
use crate::domain::survey::{WorkshopProblem, check_new_workshop, workshop_windows};
use crate::dto::{ErrorDetail, WaveCreated};
use crate::error::AppError;
use crate::server::entities::{wave, workshop};
use crate::server::repo::{audit, instruments, units};
use crate::server::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use sea_orm::{ActiveModelTrait, Set, TransactionTrait};
use serde::{Deserialize, Serialize};

/// A new workshop, as `POST /api/v1/workshops` takes it.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct NewWorkshop {
    pub title: String,
    /// Instrument slug, e.g. `lo-25`.
    pub instrument: String,
    /// First day, `YYYY-MM-DD`.
    pub held_from: String,
    /// Last day, inclusive.
    pub held_to: String,
    /// Ask each post-test item twice: now, and looking back to before the workshop.
    #[serde(default)]
    pub then_test: bool,
    pub place: Option<String>,
    /// Code of the unit the workshop belongs to; participants may come from anywhere in it.
    /// Without it, anyone in the organisation may answer.
    pub unit: Option<String>,
}

/// The created workshop and the survey links of its two waves.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct WorkshopCreated {
    pub id: i32,
    pub pre_wave: WaveCreated,
    pub post_wave: WaveCreated,
}

/// Creates a workshop owned by the caller, with an open pre-test and post-test wave (trainers, admin).
#[utoipa::path(post, path = "/api/v1/workshops", request_body = NewWorkshop,
    responses((status = 200, body = WorkshopCreated), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn create_workshop(
    State(state): State<AppState>,
    caller: ApiCaller,
    body: Bytes,
) -> Result<Json<WorkshopCreated>, ApiError> {
    caller.require(Area::Trainer)?;
    let t = caller.lang.t();
    let fail = |e| caller.fail(e);
    let new: NewWorkshop =
        serde_json::from_slice(&body).map_err(|e| fail(AppError::invalid(format!("{}: {e}", t.err_bad_body))))?;
    let (held_from, held_to) = (parse_day(&new.held_from), parse_day(&new.held_to));
    let mut details: Vec<ErrorDetail> = check_new_workshop(&new.title, new.place.as_deref(), held_from, held_to)
        .into_iter()
        .map(|(field, problem)| ErrorDetail {
            row: None,
            field: field.into(),
            message: match problem {
                WorkshopProblem::TitleInvalid => t.wave_title_invalid,
                WorkshopProblem::PlaceTooLong => t.workshop_place_too_long,
                WorkshopProblem::DatesInvalid => t.workshop_dates_invalid,
            }
            .into(),
        })
        .collect();
    let instrument = instruments::published_by_slug(&state.db, new.instrument.trim()).await.map_err(fail)?;
    if instrument.is_none() {
        details.push(ErrorDetail { row: None, field: "instrument".into(), message: t.wave_instrument_unknown.into() });
    }
    let all = units::all(&state.db).await.map_err(fail)?;
    let unit = match new.unit.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        None => None,
        Some(code) => {
            let found = all.iter().find(|u| u.code == code && u.active);
            if found.is_none() {
                details.push(ErrorDetail { row: None, field: "unit".into(), message: t.bulk_unit_unknown.into() });
            }
            found
        }
    };
    // Participants of a workshop without a unit come from anywhere: the wave covers the whole tree.
    let root = unit.or_else(|| all.iter().find(|u| u.parent_id.is_none() && u.active));
    let (Some(instrument), Some(root), Some(held_from), Some(held_to), true) =
        (instrument, root, held_from, held_to, details.is_empty())
    else {
        if root.is_none() && details.is_empty() {
            details.push(ErrorDetail { row: None, field: "unit".into(), message: t.bulk_unit_unknown.into() });
        }
        return Err(fail(AppError::Invalid { message: t.err_invalid.into(), details }));
    };
    let windows = workshop_windows(held_from, held_to);
    let now = chrono::Utc::now();
    let title = new.title.trim().to_string();
    let wave_row =
        |kind: &str, prefix: &str, (opens, closes): (chrono::NaiveDate, chrono::NaiveDate)| wave::ActiveModel {
            slug: Set(new_wave_slug()),
            title: Set(format!("{prefix}: {title}")),
            instrument_id: Set(instrument.id),
            root_unit_id: Set(root.id),
            opens_on: Set(opens),
            closes_on: Set(closes),
            access: Set("open".into()),
            kind: Set(kind.into()),
            closed_early: Set(false),
            created_at: Set(now),
            ..Default::default()
        };
    let txn = state.db.begin().await.map_err(|e| fail(e.into()))?;
    let pre = wave_row("pre", "Pre-test", windows.pre).insert(&txn).await.map_err(|e| fail(e.into()))?;
    let post = wave_row("post", "Post-test", windows.post).insert(&txn).await.map_err(|e| fail(e.into()))?;
    let saved = workshop::ActiveModel {
        title: Set(title),
        place: Set(new.place.map(|p| p.trim().to_string()).filter(|p| !p.is_empty())),
        owner_id: Set(caller.user.id),
        unit_id: Set(unit.map(|u| u.id)),
        held_from: Set(held_from),
        held_to: Set(held_to),
        then_test: Set(new.then_test),
        pre_wave_id: Set(pre.id),
        post_wave_id: Set(post.id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| fail(e.into()))?;
    audit::record(&txn, now, Some(caller.user.id), "workshop.create", &format!("workshop {}", saved.id))
        .await
        .map_err(fail)?;
    txn.commit().await.map_err(|e| fail(e.into()))?;
    let created = |w: wave::Model| WaveCreated { id: w.id, url: format!("/s/{}", w.slug), slug: w.slug };
    Ok(Json(WorkshopCreated { id: saved.id, pre_wave: created(pre), post_wave: created(post) }))
}
