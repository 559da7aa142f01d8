//! `POST /api/v1/waves/{id}/responses`: paper questionnaires typed in later, or answers moved from
//! another tool (checked and stored by [`crate::server::reports::typed_in`]).

use super::{ApiCaller, ApiError, ApiErrorBody, wave_in_scope};
use crate::domain::Area;
use crate::domain::WaveId;
use crate::error::AppError;
use crate::server::http::state::AppState;
use crate::server::reports::typed_in::{BulkInserted, BulkResponse, store_typed_in};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};

/// Stores typed-in responses of a wave, all or nothing (HR and admin, units within their scope).
#[utoipa::path(post, path = "/api/v1/waves/{id}/responses", params(("id" = i32, Path)), request_body = Vec<BulkResponse>,
    responses((status = 200, body = BulkInserted), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn import_responses(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<WaveId>,
    body: Bytes,
) -> Result<Json<BulkInserted>, ApiError> {
    caller.require(Area::Hr)?;
    // Scope first, so a caller outside it learns nothing from the checks of the body.
    wave_in_scope(&state, &caller, id).await?;
    let t = caller.lang.t();
    let rows: Vec<BulkResponse> = serde_json::from_slice(&body)
        .map_err(|e| caller.fail(AppError::invalid(format!("{}: {e}", t.err_bad_body))))?;
    let stored = store_typed_in(&state.db, &caller.user, id, rows, caller.lang, chrono::Utc::now()).await;
    stored.map(|inserted| Json(BulkInserted { inserted })).map_err(|e| caller.fail(e))
}
