//! REST API v1 under `/api/v1`, authenticated by bearer tokens that carry their user's role and
//! scope. Errors are `{"error", "message", "details"}` with the message in the caller's language.

use crate::domain::Area;
use crate::dto::{ErrorDetail, InstrumentDto, UnitDto, UnitsUpserted};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::server::auth::{self, AuthUser};
use crate::server::repo::{audit, instruments, units};
use crate::server::state::AppState;
use crate::server::unit_import;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::{HeaderMap, StatusCode, header::CONTENT_TYPE, request::Parts};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
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
        let status = match self.error {
            AppError::Unauthorized | AppError::LoginFailed => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Transport(_) => StatusCode::BAD_REQUEST,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        };
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
    paths(openapi_json, get_instrument, list_units, put_units),
    components(schemas(ApiErrorBody, ErrorDetail, InstrumentDto, crate::dto::ItemDto, UnitDto, UnitsUpserted)),
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
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(openapi_json))
        .route("/api/v1/instruments/{slug}", get(get_instrument))
        .route("/api/v1/units", get(list_units).put(put_units))
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
    match instruments::dto_by_slug(&state.db, &slug).await {
        Ok(Some(dto)) => Ok(Json(dto)),
        Ok(None) => Err(caller.fail(AppError::NotFound)),
        Err(e) => Err(caller.fail(e)),
    }
}

/// The units the caller may see: the whole tree, or their scope's subtree.
#[utoipa::path(get, path = "/api/v1/units", responses((status = 200, body = Vec<UnitDto>), (status = 401, body = ApiErrorBody)))]
async fn list_units(State(state): State<AppState>, caller: ApiCaller) -> Result<Json<Vec<UnitDto>>, ApiError> {
    units::list_in_scope(&state.db, caller.user.scope_unit_id).await.map(Json).map_err(|e| caller.fail(e))
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
        let parsed = unit_import::parse_csv(&body)
            .map_err(|e| caller.fail(AppError::invalid(format!("{}: {e}", lang.t().err_bad_body))))?;
        (parsed.rows, parsed.errors)
    } else {
        let dtos: Vec<UnitDto> = serde_json::from_slice(&body)
            .map_err(|e| caller.fail(AppError::invalid(format!("{}: {e}", lang.t().err_bad_body))))?;
        (unit_import::rows_from_dtos(dtos), Vec::new())
    };
    if row_errors.is_empty() {
        match units::upsert(&state.db, &rows, caller.user.scope_unit_id).await.map_err(|e| caller.fail(e))? {
            units::UpsertOutcome::Written { inserted, updated } => {
                let target = format!("{inserted} inserted, {updated} updated");
                audit::record(&state.db, chrono::Utc::now(), Some(caller.user.id), "units.upsert", &target)
                    .await
                    .map_err(|e| caller.fail(e))?;
                return Ok(Json(UnitsUpserted { inserted, updated }));
            }
            units::UpsertOutcome::Rejected(errors) => row_errors = errors,
        }
    }
    let details = row_errors
        .iter()
        .map(|e| ErrorDetail { row: Some(e.row), field: e.field.into(), message: lang.unit_problem(&e.problem).into() })
        .collect();
    Err(caller.fail(AppError::Invalid { message: lang.t().err_invalid.into(), details }))
}
