//! The HTTP router: pages (with a login guard), server functions, REST API v1, static files.

use super::auth;
use super::rest;
use super::state::AppState;
use super::{
    assets, heatmap_export, invitation_pages, plan_export, posters, survey, unit_import_pages, workshop_export,
};
use crate::app::{App, shell};
use crate::domain::Area;
use crate::i18n::{LANG_COOKIE, Lang};
use axum::Router;
use axum::extract::{Path, Query, Request, State};
use axum::http::header::{LOCATION, REFERRER_POLICY, SET_COOKIE, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::collections::HashMap;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// Builds the whole application for the given state.
pub fn build_router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let context_state = state.clone();
    let shell_options = state.leptos_options.clone();
    Router::new()
        .merge(rest::routes())
        .merge(survey::routes(&state.config))
        .merge(assets::routes())
        .merge(posters::routes())
        .merge(unit_import_pages::routes())
        .merge(workshop_export::routes())
        .merge(heatmap_export::routes())
        .merge(plan_export::routes())
        .merge(invitation_pages::routes())
        .route("/lang/{code}", get(switch_language))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(context_state.clone()),
            move || shell(shell_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn_with_state(state.clone(), guard_pages))
        .layer(CompressionLayer::new())
        // On every answer: no MIME sniffing, no framing by another site (clickjacking), and no
        // Referer to other sites, so a personal survey link (`?t=…`) never leaks through a link on
        // the page; `same-origin` rather than `no-referrer` keeps the Origin header of our own posts.
        .layer(SetResponseHeaderLayer::if_not_present(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(SetResponseHeaderLayer::if_not_present(X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .with_state(state)
}

/// `/readyz`: 200 when the database answers, 503 when it does not (for a load balancer or systemd).
async fn ready(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => "ready".into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
    }
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

/// `/lang/{id|en}?next=/path`: remembers the language in a cookie for a year and goes back.
async fn switch_language(Path(code): Path<String>, Query(query): Query<HashMap<String, String>>) -> Response {
    let lang = Lang::parse(&code);
    let next = auth::safe_next_path(query.get("next").map(String::as_str)).unwrap_or_else(|| "/".into());
    let mut response = see_other(&next);
    let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.code());
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(SET_COOKIE, value);
    }
    response
}
