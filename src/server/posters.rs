//! QR codes and printable A4 posters of a wave's per-unit survey links, for HR within their scope.

pub mod view;

use super::entities::{unit, wave};
use crate::domain::WaveId;
use crate::error::AppError;
use crate::i18n::{Lang, fill};
use crate::server::auth::AuthUser;
use crate::server::http::assets;
use crate::server::http::document::{DocumentFrame, render_document};
use crate::server::http::listed_router::ListedRouter;
use crate::server::http::respond::{public_base, refusal};
use crate::server::http::signed_in::{Hr, SignedIn};
use crate::server::http::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use qrcode::QrCode;
use qrcode::render::svg;
use serde::Deserialize;
use view::{PosterView, posters_body};

/// Routes of the posters page and the QR images.
pub fn routes() -> ListedRouter {
    use axum::http::Method;
    ListedRouter::default().route("/hr/waves/{id}/posters", &[Method::GET], get(posters_page)).route(
        "/hr/waves/{id}/qr/{file}",
        &[Method::GET],
        get(qr_image),
    )
}

/// The link of a unit's survey, as its QR code carries it.
pub fn unit_link(base: &str, wave: &wave::Model, unit_code: &str) -> String {
    let query = serde_urlencoded::to_string([("u", unit_code)]).unwrap_or_default();
    format!("{base}/s/{}?{query}", wave.slug)
}

/// SVG of a QR code with a quiet zone, scalable to any print size.
pub fn qr_svg(text: &str) -> Result<String, AppError> {
    let code = QrCode::new(text.as_bytes()).map_err(AppError::internal)?;
    Ok(code.render::<svg::Color>().min_dimensions(240, 240).quiet_zone(true).build())
}

/// The wave and the units of it that the signed-in HR account may see, in tree order.
async fn wave_units(
    state: &AppState,
    user: &AuthUser,
    id: WaveId,
) -> Result<(wave::Model, Vec<unit::Model>), AppError> {
    let (wave, all, _, start) = crate::server::reports::scope::wave_in_scope(&state.db, id, user.scope_unit_id).await?;
    let visible = unit::tree(&all).subtree(Some(start));
    let mut shown: Vec<unit::Model> = all.into_iter().filter(|u| u.active && visible.contains(&u.id)).collect();
    shown.sort_by(|a, b| a.code.cmp(&b.code));
    Ok((wave, shown))
}

#[derive(Debug, Deserialize)]
pub struct PosterQuery {
    /// One unit's poster only.
    unit: Option<String>,
    /// Which page of posters, from 1.
    page: Option<usize>,
}

/// Posters on one page: a QR code and its poster are about 1.5 KB of HTML each, and the page is
/// rendered in memory; 20,000 at once were 225 MB and took the server to 1.5 GB. The demo's 143
/// units fit one page.
const POSTERS_PER_PAGE: usize = 200;

/// `GET /hr/waves/{id}/posters[?unit=CODE]`: A4 posters, one per unit in the caller's scope.
async fn posters_page(
    State(state): State<AppState>,
    Path(id): Path<WaveId>,
    Query(query): Query<PosterQuery>,
    SignedIn { user, lang, .. }: SignedIn<Hr>,
    headers: HeaderMap,
) -> Response {
    let result = async {
        let (wave, shown) = wave_units(&state, &user, id).await?;
        let base = public_base(&state, &headers);
        let wanted = query.unit.as_deref().map(str::trim).filter(|c| !c.is_empty());
        let page = query.page.unwrap_or(1).max(1);
        let chosen: Vec<&unit::Model> = shown.iter().filter(|u| wanted.is_none_or(|c| c == u.code)).collect();
        let next_page = (chosen.len() > page.saturating_mul(POSTERS_PER_PAGE))
            .then(|| format!("/hr/waves/{}/posters?page={}", wave.id, page + 1));
        let mut posters = Vec::new();
        for u in chosen.into_iter().skip((page - 1).saturating_mul(POSTERS_PER_PAGE)).take(POSTERS_PER_PAGE) {
            let url = unit_link(&base, &wave, &u.code);
            let svg_href = format!("/hr/waves/{}/qr/{}.svg", wave.id, u.code);
            posters.push(PosterView { unit_name: u.name.clone(), qr_svg: qr_svg(&url)?, url, svg_href });
        }
        if posters.is_empty() {
            return Err(AppError::NotFound);
        }
        let id_texts = Lang::Id.survey();
        let period = fill(
            id_texts.runs_from_to,
            &[("from", &Lang::Id.date(wave.opens_on)), ("to", &Lang::Id.date(wave.closes_on))],
        );
        let next = serde_urlencoded::to_string([("next", format!("/hr/waves/{id}/posters"))]).unwrap_or_default();
        let frame = DocumentFrame {
            lang,
            title: format!("{}: {}", lang.survey().posters_title, wave.title),
            switch_href: format!("/lang/{}?{next}", lang.other().code()),
            stylesheet_href: assets::STYLESHEET.href(),
            script_href: assets::SURVEY_SCRIPT.href(),
            body_class: "posters",
        };
        Ok(render_document(frame, posters_body(lang, wave.title.clone(), period, posters, next_page)))
    }
    .await;
    match result {
        Ok(page) => {
            let mut response = page.into_response();
            response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
            response
        }
        Err(e) => refusal(e, lang),
    }
}

/// `GET /hr/waves/{id}/qr/{CODE}.svg`: the QR code of one unit's survey link.
async fn qr_image(
    State(state): State<AppState>,
    Path((id, file)): Path<(WaveId, String)>,
    SignedIn { user, lang, .. }: SignedIn<Hr>,
    headers: HeaderMap,
) -> Response {
    let result = async {
        let code = file.strip_suffix(".svg").ok_or(AppError::NotFound)?;
        let (wave, shown) = wave_units(&state, &user, id).await?;
        let unit = shown.iter().find(|u| u.code == code).ok_or(AppError::NotFound)?;
        qr_svg(&unit_link(&public_base(&state, &headers), &wave, &unit.code))
    }
    .await;
    match result {
        Ok(svg) => ([(CONTENT_TYPE, "image/svg+xml"), (CACHE_CONTROL, "private, max-age=3600")], svg).into_response(),
        Err(e) => refusal(e, lang),
    }
}
