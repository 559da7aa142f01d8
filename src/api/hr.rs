//! HR analytics: waves and their heatmaps, limited to the caller's unit scope.

use crate::domain::WaveId;
use crate::dto::{FormOptions, HeatmapViewsDto, HrWaveDto, UnitReportDto};
use crate::error::AppError;
use leptos::prelude::*;

/// The periodic waves whose unit tree overlaps the caller's scope, newest first, with their phase
/// and participation (HR, admin).
#[server(endpoint = "hr_waves")]
pub async fn hr_waves() -> Result<Vec<HrWaveDto>, AppError> {
    use crate::domain::Area;
    use crate::server::http::state::{Caller, caller};

    let Caller { state, user, .. } = caller(Area::Hr).await?;
    crate::server::reports::waves::overview(&state.db, &user, chrono::Utc::now().date_naive()).await
}

/// Instruments and units (of the caller's scope) for the new-wave form (HR, admin).
#[server(endpoint = "hr_wave_form_options")]
pub async fn hr_wave_form_options() -> Result<FormOptions, AppError> {
    use crate::domain::Area;
    use crate::server::http::state::{Caller, caller};

    let Caller { state, user, lang } = caller(Area::Hr).await?;
    crate::server::reports::waves::form_options(&state.db, user.scope_unit_id, lang).await
}

/// Creates a periodic wave from the form and opens its heatmap (HR, admin).
#[server(endpoint = "create_hr_wave")]
pub async fn create_hr_wave(
    title: String,
    instrument: String,
    root_unit: String,
    opens_on: String,
    closes_on: String,
    access: String,
    breakdown: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::Area;
    use crate::dto::NewWaveDto;
    use crate::server::http::state::{Caller, caller};

    let Caller { state, user, lang } = caller(Area::Hr).await?;
    let breakdown = breakdown.unwrap_or_else(crate::dto::default_breakdown);
    let new = NewWaveDto {
        title,
        instrument,
        root_unit,
        opens_on,
        closes_on,
        access,
        kind: crate::domain::survey::WaveKind::Periodic.code().into(),
        breakdown,
    };
    let created = crate::server::reports::waves::create(&state.db, &user, new, lang, chrono::Utc::now()).await?;
    leptos_axum::redirect(&format!("/hr/waves/{}", created.id));
    Ok(())
}

/// Closes a periodic wave now (`open = false`) or reopens it, then back to the wave list.
#[server(endpoint = "set_hr_wave_open")]
pub async fn set_hr_wave_open(id: WaveId, open: bool) -> Result<(), AppError> {
    use crate::domain::Area;
    use crate::server::http::state::{Caller, caller};

    let Caller { state, user, lang } = caller(Area::Hr).await?;
    crate::server::reports::waves::set_open(&state.db, &user, id, open, chrono::Utc::now(), lang).await?;
    leptos_axum::redirect("/hr/waves");
    Ok(())
}

/// The heatmap of a wave within the caller's scope with its difference and change views, every group
/// below k suppressed (HR, admin).
#[server(endpoint = "hr_wave_heatmap")]
pub async fn hr_wave_heatmap(id: WaveId) -> Result<HeatmapViewsDto, AppError> {
    use crate::domain::Area;
    use crate::server::http::state::{Caller, caller};

    let Caller { state, user, .. } = caller(Area::Hr).await?;
    crate::server::reports::heatmap::wave_views(&state.db, id, user.scope_unit_id).await
}

/// The heatmap of a wave broken down by its one dimension (`by` empty, or naming that dimension):
/// each unit's row then its band rows, each band group decided by the disclosure rules (HR in scope,
/// admin).
#[server(endpoint = "hr_wave_breakdown")]
pub async fn hr_wave_breakdown(id: WaveId, by: String) -> Result<crate::dto::HeatmapDto, AppError> {
    use crate::domain::Area;
    use crate::domain::breakdown::BreakdownBy;
    use crate::server::http::state::{Caller, caller};

    let Caller { state, user, lang } = caller(Area::Hr).await?;
    let by = match by.as_str() {
        "" => None,
        code => Some(BreakdownBy::parse(code).ok_or_else(|| AppError::invalid(lang.t().wave_breakdown_invalid))?),
    };
    crate::server::reports::heatmap::wave_breakdown(&state.db, id, user.scope_unit_id, by, lang).await
}

/// One unit's report: its trend, and for `wave` (default: the latest periodic wave that covered it)
/// its profile, item splits and comments within the anonymity rules (HR in scope, admin).
#[server(endpoint = "hr_unit_report")]
pub async fn hr_unit_report(code: String, wave: Option<WaveId>) -> Result<UnitReportDto, AppError> {
    use crate::domain::Area;
    use crate::server::http::state::{Caller, caller};

    let Caller { state, user, .. } = caller(Area::Hr).await?;
    let mut report =
        crate::server::reports::unit_report::unit_report(&state.db, &code, wave, user.scope_unit_id).await?;
    report.plans = crate::server::reports::plans::of_unit(&state.db, &user, &code, report.as_of).await?;
    Ok(report)
}

/// Cronbach's α per discipline of a wave within the caller's scope (HR, admin).
#[server(endpoint = "hr_wave_reliability")]
pub async fn hr_wave_reliability(id: WaveId) -> Result<crate::dto::ReliabilityDto, AppError> {
    use crate::domain::Area;
    use crate::server::http::state::{Caller, caller};

    let Caller { state, user, .. } = caller(Area::Hr).await?;
    crate::server::reports::reliability::wave_alphas(&state.db, id, user.scope_unit_id).await
}
