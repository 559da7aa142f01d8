//! REST API v1 under `/api/v1`, authenticated by bearer tokens that carry their user's role and
//! scope. Errors are `{"error", "message", "details"}` with the message in the caller's language.

mod bulk_responses;
pub(crate) mod invitations;
mod workshops;

use crate::domain::Area;
use crate::domain::Discipline;
use crate::domain::{UnitId, WaveId};
use crate::dto::{
    AlphaDto, CellDto, ErrorDetail, HeatmapDto, HeatmapRowDto, InstrumentDto, ReliabilityDto, TrendDto, TrendPointDto,
    UnitDto, UnitsUpserted, WaveRef,
};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::server::auth::{self, AuthUser};
use crate::server::entities::wave;
use crate::server::http::listed_router::ListedRouter;
use crate::server::http::respond::{FileKind, download};
use crate::server::http::state::AppState;
use crate::server::reports::units::{self as unit_reports, UpsertOutcome};
use crate::server::uploads::unit_list;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::{HeaderMap, header::CONTENT_TYPE, request::Parts};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;
use utoipa::OpenApi;

/// Body of every API error.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiErrorBody {
    pub error: String,
    pub message: String,
    pub details: Vec<ErrorDetail>,
}

/// An [`AppError`] answered in the caller's language.
pub struct ApiError {
    error: AppError,
    lang: Lang,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.error.status();
        let details = match &self.error {
            AppError::Invalid { details, .. } => details.clone(),
            _ => Vec::new(),
        };
        let body = ApiErrorBody { error: self.error.code().into(), message: self.error.message(self.lang), details };
        (status, Json(body)).into_response()
    }
}

/// Language of an API caller: `Accept-Language`, Bahasa Indonesia unless English comes first.
pub fn api_lang(headers: &HeaderMap) -> Lang {
    headers.get("accept-language").and_then(|v| v.to_str().ok()).map(Lang::from_accept_language).unwrap_or_default()
}

/// The caller of an API endpoint, authenticated by bearer token.
pub struct ApiCaller {
    pub user: AuthUser,
    pub lang: Lang,
}

impl ApiCaller {
    fn fail(&self, error: AppError) -> ApiError {
        ApiError { error, lang: self.lang }
    }

    fn require(&self, area: Area) -> Result<(), ApiError> {
        auth::require_area(Some(self.user.clone()), area).map(|_| ()).map_err(|e| self.fail(e))
    }
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let lang = api_lang(&parts.headers);
        let token = auth::bearer_token(&parts.headers).ok_or(ApiError { error: AppError::Unauthorized, lang })?;
        match auth::user_for_api_token(&state.db, &token).await {
            Ok(Some(user)) => Ok(ApiCaller { user, lang }),
            Ok(None) => Err(ApiError { error: AppError::Unauthorized, lang }),
            Err(error) => Err(ApiError { error, lang }),
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Mawas API", version = "1", description = "Learning-organization self-assessments. Authenticate with `Authorization: Bearer TOKEN` (`mawas create-api-token`)."),
    paths(openapi_json, get_instrument, list_units, put_units, list_waves, create_wave, bulk_responses::import_responses, invitations::create_invitations, workshops::create_workshop, workshops::workshop_comparison, wave_heatmap, wave_reliability, unit_trend),
    components(schemas(ApiErrorBody, ErrorDetail, InstrumentDto, crate::dto::ItemDto, UnitDto, UnitsUpserted, crate::dto::WaveDto, crate::dto::NewWaveDto, crate::dto::WaveCreated, crate::server::reports::typed_in::BulkResponse, crate::server::reports::typed_in::BulkInserted, crate::server::reports::invitations::Invitee, crate::server::reports::invitations::InvitationLink, crate::dto::NewWorkshop, workshops::WorkshopCreated, crate::dto::ComparisonDto, crate::dto::MeasureComparisonDto, crate::dto::PairedDto, crate::dto::UnpairedDto, crate::dto::ItemShiftDto, HeatmapDto, HeatmapRowDto, CellDto, WaveRef, ReliabilityDto, AlphaDto, TrendDto, TrendPointDto)),
    modifiers(&BearerAuth),
    security(("bearer" = []))
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The OpenAPI 3 document of the REST API.
pub fn openapi() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// Routes of REST API v1.
pub fn routes() -> ListedRouter {
    use axum::http::Method as M;
    use axum::routing::post;
    ListedRouter::default()
        .route("/api/v1/openapi.json", &[M::GET], get(openapi_json))
        .route("/api/v1/instruments/{slug}", &[M::GET], get(get_instrument))
        .route("/api/v1/units", &[M::GET, M::PUT], get(list_units).put(put_units))
        .route("/api/v1/waves", &[M::GET, M::POST], get(list_waves).post(create_wave))
        .route("/api/v1/waves/{id}/responses", &[M::POST], post(bulk_responses::import_responses))
        .route("/api/v1/waves/{id}/invitations", &[M::POST], post(invitations::create_invitations))
        .route("/api/v1/waves/{id}/heatmap", &[M::GET], get(wave_heatmap))
        .route("/api/v1/waves/{id}/reliability", &[M::GET], get(wave_reliability))
        .route("/api/v1/units/{code}/trend", &[M::GET], get(unit_trend))
        .route("/api/v1/workshops", &[M::POST], post(workshops::create_workshop))
        .route("/api/v1/workshops/{id}/comparison", &[M::GET], get(workshops::workshop_comparison))
}

/// The OpenAPI document (public, so clients can discover the API before they have a token).
#[utoipa::path(get, path = "/api/v1/openapi.json", security(()), responses((status = 200, description = "OpenAPI 3 document")))]
async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(openapi())
}

/// An instrument with its items; the built-in one is `lo-25`.
#[utoipa::path(get, path = "/api/v1/instruments/{slug}", params(("slug" = String, Path)),
    responses((status = 200, body = InstrumentDto), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn get_instrument(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
) -> Result<Json<InstrumentDto>, ApiError> {
    crate::server::reports::instruments::by_slug(&state.db, &slug).await.map(Json).map_err(|e| caller.fail(e))
}

/// The units the caller may see: the whole tree, or their scope's subtree.
#[utoipa::path(get, path = "/api/v1/units", responses((status = 200, body = Vec<UnitDto>), (status = 401, body = ApiErrorBody)))]
async fn list_units(State(state): State<AppState>, caller: ApiCaller) -> Result<Json<Vec<UnitDto>>, ApiError> {
    unit_reports::listed(&state.db, caller.user.scope_unit_id).await.map(Json).map_err(|e| caller.fail(e))
}

/// The waves whose unit tree overlaps the caller's scope, newest first (HR and admin).
#[utoipa::path(get, path = "/api/v1/waves", responses((status = 200, body = Vec<crate::dto::WaveDto>), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
async fn list_waves(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<Vec<crate::dto::WaveDto>>, ApiError> {
    caller.require(Area::Hr)?;
    crate::server::reports::waves::list_for(&state.db, caller.user.scope_unit_id)
        .await
        .map(Json)
        .map_err(|e| caller.fail(e))
}

/// Creates a periodic wave over a unit subtree within the caller's scope (HR and admin).
#[utoipa::path(post, path = "/api/v1/waves", request_body = crate::dto::NewWaveDto,
    responses((status = 200, body = crate::dto::WaveCreated), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn create_wave(
    State(state): State<AppState>,
    caller: ApiCaller,
    body: Bytes,
) -> Result<Json<crate::dto::WaveCreated>, ApiError> {
    caller.require(Area::Hr)?;
    let new: crate::dto::NewWaveDto = serde_json::from_slice(&body)
        .map_err(|e| caller.fail(AppError::invalid(format!("{}: {e}", caller.lang.t().err_bad_body))))?;
    let created = crate::server::reports::waves::create(&state.db, &caller.user, new, caller.lang, chrono::Utc::now())
        .await
        .map_err(|e| caller.fail(e))?;
    Ok(Json(created))
}

/// Upserts units from a JSON list or `text/csv` with the header code,name,parent_code,kind,headcount.
/// All or nothing: any bad row and nothing is written, every bad row is listed in `details`.
#[utoipa::path(put, path = "/api/v1/units",
    request_body(content = Vec<UnitDto>, description = "JSON list, or text/csv with the same columns"),
    responses((status = 200, body = UnitsUpserted), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn put_units(
    State(state): State<AppState>,
    caller: ApiCaller,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<UnitsUpserted>, ApiError> {
    caller.require(Area::Hr)?;
    let lang = caller.lang;
    let is_csv = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/csv"));
    let (rows, mut row_errors) = if is_csv {
        let parsed = unit_list::parse_csv(&body)
            .map_err(|e| caller.fail(AppError::invalid(format!("{}: {e}", lang.t().err_bad_body))))?;
        (parsed.rows, parsed.errors)
    } else {
        let dtos: Vec<UnitDto> = serde_json::from_slice(&body)
            .map_err(|e| caller.fail(AppError::invalid(format!("{}: {e}", lang.t().err_bad_body))))?;
        (unit_list::rows_from_dtos(dtos), Vec::new())
    };
    if row_errors.is_empty() {
        let written =
            unit_reports::upsert(&state.db, &rows, caller.user.scope_unit_id, Some(caller.user.id), chrono::Utc::now())
                .await
                .map_err(|e| caller.fail(e))?;
        match written {
            UpsertOutcome::Written { inserted, updated } => {
                return Ok(Json(UnitsUpserted { inserted, updated }));
            }
            UpsertOutcome::Rejected(errors) => row_errors = errors,
        }
    }
    let details = row_errors
        .iter()
        .map(|e| ErrorDetail { row: Some(e.row), field: e.field.into(), message: lang.unit_problem(&e.problem).into() })
        .collect();
    Err(caller.fail(AppError::Invalid { message: lang.t().err_invalid.into(), details }))
}

/// Query of the heatmap endpoint.
#[derive(serde::Deserialize, utoipa::IntoParams)]
struct HeatmapQuery {
    /// `json` (default) or `csv`.
    format: Option<String>,
    /// The wave's breakdown dimension (`grade_band`, `tenure_band` or `role`; any other of the three
    /// is refused, docs/DESIGN.md §5): after each unit, one row per band (`band` set), each under the
    /// disclosure rules; respondents who left the band empty are the band `not_given`.
    breakdown: Option<String>,
}

/// The unit heatmap of a wave within the caller's scope, every figure through the anonymity rules.
/// With `?format=csv` the same rows as CSV, hidden figures as empty cells.
#[utoipa::path(get, path = "/api/v1/waves/{id}/heatmap", params(("id" = i32, Path), HeatmapQuery),
    responses((status = 200, body = HeatmapDto, content_type = "application/json"), (status = 200, body = String, content_type = "text/csv"),
        (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn wave_heatmap(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<WaveId>,
    axum::extract::Query(query): axum::extract::Query<HeatmapQuery>,
) -> Result<Response, ApiError> {
    caller.require(Area::Hr)?;
    let scope = caller.user.scope_unit_id;
    let map = match query.breakdown.as_deref() {
        None | Some("") => crate::server::reports::heatmap::wave_heatmap(&state.db, id, scope).await,
        Some(code) => match crate::domain::breakdown::BreakdownBy::parse(code) {
            Some(by) => {
                crate::server::reports::heatmap::wave_breakdown(&state.db, id, scope, Some(by), caller.lang).await
            }
            None => Err(AppError::invalid(caller.lang.t().wave_breakdown_invalid)),
        },
    }
    .map_err(|e| caller.fail(e))?;
    match query.format.as_deref() {
        Some("csv") => {
            let csv = heatmap_csv(&map.rows).map_err(|e| caller.fail(e))?;
            Ok(download(FileKind::Csv, &format!("heatmap-wave-{}.csv", map.wave.id), csv))
        }
        None | Some("json") => Ok(Json(map).into_response()),
        Some(_) => Err(caller.fail(AppError::invalid("format: json | csv"))),
    }
}

/// The heatmap rows as CSV: one line per unit, a column per figure; a hidden row has empty figures.
fn heatmap_csv(rows: &[HeatmapRowDto]) -> Result<Vec<u8>, AppError> {
    let mut writer = crate::server::export::csv::SafeCsv::default();
    let mut header: Vec<String> =
        ["unit", "name", "parent", "depth", "band", "reportable", "n", "typed_in", "response_rate", "lo_index"]
            .map(String::from)
            .to_vec();
    for d in Discipline::ALL {
        for figure in ["mean", "sd", "ci_low", "ci_high", "favourable"] {
            header.push(format!("{}_{figure}", d.code()));
        }
    }
    writer.row(&header)?;
    let number = |x: Option<f64>| x.map(|v| format!("{v:.4}")).unwrap_or_default();
    for row in rows {
        let mut record = vec![
            row.unit.clone(),
            row.name.clone(),
            row.parent.clone().unwrap_or_default(),
            row.depth.to_string(),
            row.band.clone().unwrap_or_default(),
            row.reportable.to_string(),
            row.n.map(|n| n.to_string()).unwrap_or_default(),
            row.typed_in.map(|n| n.to_string()).unwrap_or_default(),
            number(row.response_rate),
            number(row.lo_index),
        ];
        for d in Discipline::ALL {
            let cell = row.disciplines.get(d.code()).cloned().flatten();
            record.push(number(cell.as_ref().map(|c| c.mean)));
            record.push(number(cell.as_ref().and_then(|c| c.sd)));
            record.push(number(cell.as_ref().and_then(|c| c.ci_low)));
            record.push(number(cell.as_ref().and_then(|c| c.ci_high)));
            record.push(number(cell.as_ref().and_then(|c| c.favourable)));
        }
        writer.row(&record)?;
    }
    writer.into_bytes()
}

/// Loads a wave for an HR caller and the part of it their scope shows ([`crate::server::reports::scope::wave_in_scope`]).
async fn wave_in_scope(
    state: &AppState,
    caller: &ApiCaller,
    id: WaveId,
) -> Result<(wave::Model, Vec<crate::server::entities::unit::Model>, std::collections::HashSet<UnitId>, UnitId), ApiError>
{
    caller.require(Area::Hr)?;
    crate::server::reports::scope::wave_in_scope(&state.db, id, caller.user.scope_unit_id)
        .await
        .map_err(|e| caller.fail(e))
}

/// Cronbach's α per discipline of a wave, on complete cases within the caller's view of the wave.
#[utoipa::path(get, path = "/api/v1/waves/{id}/reliability", params(("id" = i32, Path)),
    responses((status = 200, body = ReliabilityDto), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn wave_reliability(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<WaveId>,
) -> Result<Json<ReliabilityDto>, ApiError> {
    caller.require(Area::Hr)?;
    let alphas = crate::server::reports::reliability::wave_alphas(&state.db, id, caller.user.scope_unit_id)
        .await
        .map_err(|e| caller.fail(e))?;
    Ok(Json(alphas))
}

/// A unit's figures in every periodic wave that covered it, oldest first.
#[utoipa::path(get, path = "/api/v1/units/{code}/trend", params(("code" = String, Path)),
    responses((status = 200, body = TrendDto), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn unit_trend(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(code): Path<String>,
) -> Result<Json<TrendDto>, ApiError> {
    caller.require(Area::Hr)?;
    let trend = crate::server::reports::unit_report::unit_trend(&state.db, &code, caller.user.scope_unit_id)
        .await
        .map_err(|e| caller.fail(e))?;
    Ok(Json(trend))
}
