//! `POST /api/v1/workshops`: a workshop with its pre-test and post-test waves, for trainers.

use super::{ApiCaller, ApiError, ApiErrorBody};
use crate::domain::Area;
use crate::dto::{NewWorkshop, WaveCreated};
use crate::error::AppError;
use crate::server::entities::wave;
use crate::server::http::state::AppState;
use crate::server::reports::workshops;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

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
    let fail = |e| caller.fail(e);
    let new: NewWorkshop = serde_json::from_slice(&body)
        .map_err(|e| fail(AppError::invalid(format!("{}: {e}", caller.lang.t().err_bad_body))))?;
    let (saved, pre, post) =
        workshops::create(&state.db, &caller.user, &new, caller.lang, chrono::Utc::now()).await.map_err(fail)?;
    let created = |w: wave::Model| WaveCreated { id: w.id, url: format!("/s/{}", w.slug), slug: w.slug };
    Ok(Json(WorkshopCreated { id: saved.id, pre_wave: created(pre), post_wave: created(post) }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ComparisonQuery {
    /// `json` (default), `csv` or `xlsx`.
    format: Option<String>,
}

/// The pre/post comparison of a workshop the caller may see (their own for trainers, units in scope
/// for HR, all for admins), with every group below k suppressed.
#[utoipa::path(get, path = "/api/v1/workshops/{id}/comparison", params(("id" = i32, Path), ComparisonQuery),
    responses((status = 200, body = crate::dto::ComparisonDto), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
pub async fn workshop_comparison(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i32>,
    Query(query): Query<ComparisonQuery>,
) -> Result<Response, ApiError> {
    let fail = |e| caller.fail(e);
    let format = query.format.unwrap_or_else(|| "json".into());
    if !matches!(format.as_str(), "json" | "csv" | "xlsx") {
        return Err(fail(AppError::invalid("format: json | csv | xlsx")));
    }
    let report = workshops::report(&state.db, &caller.user, id, chrono::Utc::now().date_naive()).await.map_err(fail)?;
    match format.as_str() {
        "json" => Ok(Json(report.to_dto()).into_response()),
        ext => crate::server::export::workshops::download(&report, caller.lang, ext).map_err(fail),
    }
}
