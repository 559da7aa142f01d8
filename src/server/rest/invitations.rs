//! `POST /api/v1/waves/{id}/invitations`: personal survey links for a token wave. HR sends a list of
//! people (name, optional e-mail and phone, unit) and gets the links back once, as JSON, CSV, XLSX or a
//! printable sheet (see [`crate::server::reports::invitations`] for what is stored).

use super::{ApiCaller, ApiError, ApiErrorBody, wave_in_scope};
use crate::domain::WaveId;
use crate::error::AppError;
use crate::server::export::invitations::links_response;
use crate::server::http::respond::public_base;
use crate::server::http::state::AppState;
use crate::server::reports::invitations::{InvitationLink, Invitee, invitable_wave, issue};
use crate::server::uploads::invitation_list::read_people;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct InvitationQuery {
    /// `json` (default), `csv`, `xlsx`, or `html` (a printable sheet).
    format: Option<String>,
}

/// Creates one personal link per person of a token wave (HR and admin, units within their scope).
/// All or nothing; the links are shown once, in the requested format.
#[utoipa::path(post, path = "/api/v1/waves/{id}/invitations", params(("id" = i32, Path), InvitationQuery),
    request_body(content = Vec<Invitee>, description = "JSON list, or text/csv with the header name,email,phone,unit"),
    responses((status = 200, body = Vec<InvitationLink>), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody),
        (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
pub async fn create_invitations(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<WaveId>,
    Query(query): Query<InvitationQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    // Scope and the wave's access first, so a caller outside it learns nothing from the checks of the
    // body, and nobody makes the server read a file for a wave that takes no invitations.
    wave_in_scope(&state, &caller, id).await?;
    let t = caller.lang.t();
    let fail = |e| caller.fail(e);
    invitable_wave(&state.db, &caller.user, id, caller.lang).await.map_err(fail)?;
    let format = query.format.unwrap_or_else(|| "json".into());
    if !matches!(format.as_str(), "json" | "csv" | "xlsx" | "html") {
        return Err(fail(AppError::invalid("format: json | csv | xlsx | html")));
    }
    let people =
        read_people(&headers, &body).map_err(|e| fail(AppError::invalid(format!("{}: {e}", t.err_bad_body))))?;
    let base = public_base(&state, &headers);
    let (wave, links) = issue(&state.db, &caller.user, id, people, &base, caller.lang).await.map_err(fail)?;
    links_response(&format, &wave, links, caller.lang).map_err(fail)
}
