//! The HTTP router: pages (with a login guard), server functions, REST API v1, static files.

use crate::app::{App, shell};
use crate::domain::Area;
use crate::error::AppError;
use crate::i18n::{LANG_COOKIE, Lang};
use crate::server::auth;
use crate::server::config::Config;
use crate::server::http::cookies::{lax, with_cookie};
use crate::server::http::listed_router::ListedRouter;
use crate::server::http::state::AppState;
use crate::server::http::{assets, csp, csrf};
use crate::server::rest;
use crate::server::{export, posters, respondent, uploads};
use axum::Router;
use axum::extract::{Path, Query, Request, State};
use axum::http::header::{CONTENT_SECURITY_POLICY, LOCATION, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::collections::HashMap;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};

/// Every route served by an axum handler (not by Leptos), listed.
pub fn http_routes(config: &Config) -> ListedRouter {
    use axum::http::Method;
    ListedRouter::default()
        .merge(rest::routes())
        .merge(respondent::routes(config))
        .merge(assets::routes())
        .merge(posters::routes())
        .merge(uploads::unit_pages::routes())
        .merge(export::workshops::routes())
        .merge(export::heatmap::routes())
        .merge(export::plans::routes())
        .merge(uploads::invitation_pages::routes())
        .route("/lang/{code}", &[Method::GET], get(switch_language))
        .route("/healthz", &[Method::GET], get(|| async { "ok" }))
        .route("/readyz", &[Method::GET], get(ready))
}

/// Builds the whole application for the given state.
pub fn build_router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let context_state = state.clone();
    let shell_options = state.leptos_options.clone();
    http_routes(&state.config)
        .into_router()
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                provide_context(context_state.clone());
                csp::set_for_page();
            },
            move || shell(shell_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(csp::set_for_page, shell))
        .layer(middleware::from_fn_with_state(state.clone(), guard_pages))
        .layer(middleware::from_fn(server_fn_error_status))
        .layer(middleware::from_fn(refuse_nul_characters))
        .layer(middleware::from_fn_with_state(state.clone(), csrf::refuse_cross_site))
        .layer(CompressionLayer::new())
        // On every answer: no MIME sniffing, no framing by another site (clickjacking), and no
        // Referer to other sites, so a personal survey link (`?t=…`) never leaks through a link on
        // the page; `same-origin` rather than `no-referrer` keeps the Origin header of our own posts.
        .layer(SetResponseHeaderLayer::if_not_present(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(SetResponseHeaderLayer::if_not_present(X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        // Pages rendered by Leptos carry their own policy with the nonce of their inline scripts;
        // every other answer (survey, posters' QR codes, exports, errors) gets it without one.
        .layer(SetResponseHeaderLayer::if_not_present(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&csp::policy(None)).expect("the policy is ASCII"),
        ))
        // Every request gets an id (or keeps the one the reverse proxy gave it), every log line of
        // the request carries it, and the answer returns it, so a user's report can be matched to
        // the log. Layers run outermost last: the id is set before the span opens.
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_request(())
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

/// The span of one request: its id, method and path. Never the query string, which holds personal
/// survey tokens (`?t=`), and never a header or body, which hold cookies and passwords.
fn request_span(request: &Request) -> tracing::Span {
    let id = request.extensions().get::<RequestId>().and_then(|id| id.header_value().to_str().ok()).unwrap_or("-");
    tracing::info_span!("request", id = %id, method = %request.method(), path = %request.uri().path())
}

/// How long a failed response write keeps `/readyz` at 503 when no later write worked.
const WRITE_FAILURE_WINDOW_MS: u64 = 10_000;

/// `/readyz`: 200 when the database takes a write, 503 when it does not (for a load balancer or
/// systemd): a database that answers reads but cannot store a response is not ready. Two signs: the
/// probe row cannot be rewritten, or storing respondents' answers failed within the last ten seconds
/// and nothing was stored since.
async fn ready(State(state): State<AppState>) -> Response {
    let not_ready = || (StatusCode::SERVICE_UNAVAILABLE, "database does not take writes").into_response();
    if state.responses.health().failing(crate::server::repo::responses::now_ms(), WRITE_FAILURE_WINDOW_MS) {
        tracing::warn!("readiness check: storing responses failed in the last seconds");
        return not_ready();
    }
    match crate::server::db::check_writable(&state.db).await {
        Ok(()) => "ready".into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check: the database does not take writes");
            not_ready()
        }
    }
}

/// Server functions answer every error with 500; this gives a refusal its own status (401, 403,
/// 404, 422, 429), so that logs, proxies and monitoring do not count a denied call as a server fault.
/// Only a 500 answer of a server function is read, so successful calls are not touched.
async fn server_fn_error_status(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let is_server_fn = path.starts_with("/api/") && !path.starts_with("/api/v1/");
    let response = next.run(request).await;
    if !is_server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = error.status();
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// Largest text body read by [`refuse_nul_characters`]: above the largest form any route accepts (an
/// import preview sent back to be applied, 4 MiB).
const MAX_TEXT_BODY_BYTES: usize = 8 * 1024 * 1024;

/// Refuses with 422 any request carrying a NUL character in its URL or in a text body (a form, JSON,
/// CSV), whatever the route. PostgreSQL cannot store or even compare text with NUL, so one that
/// reached a query failed with 500 there while SQLite stored it; validators refuse the other control
/// characters field by field with a message at the field. Multipart uploads (XLSX is binary) are
/// read by their own parsers.
async fn refuse_nul_characters(request: Request, next: Next) -> Response {
    let lang = crate::server::http::state::lang_of(request.headers());
    let refuse = || (StatusCode::UNPROCESSABLE_ENTITY, lang.t().text_control_characters).into_response();
    let has_encoded_nul = |text: &str| text.to_ascii_lowercase().contains("%00");
    if has_encoded_nul(request.uri().path()) || request.uri().query().is_some_and(has_encoded_nul) {
        return refuse();
    }
    let content_type = request
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    // How each kind of text body writes a NUL.
    let nul_written_as: &[u8] = if content_type.starts_with("application/x-www-form-urlencoded") {
        b"%00"
    } else if content_type.starts_with("application/json") {
        b"\\u0000"
    } else if content_type.starts_with("text/") {
        b"\0"
    } else if content_type.is_empty() && request.method() != axum::http::Method::GET {
        // Server functions read a body sent without a type as a form.
        b"%00"
    } else {
        return next.run(request).await;
    };
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_TEXT_BODY_BYTES).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let has_nul =
        bytes.contains(&0) || bytes.windows(nul_written_as.len()).any(|w| w.eq_ignore_ascii_case(nul_written_as));
    if has_nul {
        return refuse();
    }
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes))).await
}

fn see_other(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(LOCATION, value);
    }
    response
}

/// Sends a visitor who may not see an area's page to the login page before anything is rendered,
/// so pages behind a login work the same with JavaScript off.
async fn guard_pages(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let Some(area) = Area::of_path(&path) else {
        return next.run(request).await;
    };
    match auth::user_from_headers(&state.db, request.headers(), chrono::Utc::now()).await {
        Ok(Some(user)) if user.role.may_use(area) => next.run(request).await,
        Ok(Some(_)) => see_other(&format!("/login?denied=1&next={path}")),
        Ok(None) => see_other(&format!("/login?next={path}")),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// How long the language choice is remembered: a year.
const LANG_COOKIE_SECONDS: i64 = 365 * 24 * 3600;

/// `/lang/{id|en}?next=/path`: remembers the language in a cookie for a year and goes back.
async fn switch_language(Path(code): Path<String>, Query(query): Query<HashMap<String, String>>) -> Response {
    let lang = Lang::parse(&code);
    let next = auth::safe_next_path(query.get("next").map(String::as_str)).unwrap_or_else(|| "/".into());
    with_cookie(see_other(&next), lax(LANG_COOKIE, lang.code(), "/", LANG_COOKIE_SECONDS, false, false))
}
