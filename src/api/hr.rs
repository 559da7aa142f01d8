//! HR analytics: waves and their heatmaps, limited to the caller's unit scope.

use crate::dto::{HeatmapViewsDto, UnitReportDto, WaveDto};
use crate::error::AppError;
use leptos::prelude::*;

/// The periodic waves whose unit tree overlaps the caller's scope, newest first (HR, admin).
#[server(endpoint = "hr_waves")]
pub async fn hr_waves() -> Result<Vec<WaveDto>, AppError> {
    use crate::domain::Area;
    use crate::server::auth::require_area;
    use crate::server::repo::waves;
    use crate::server::state::{app_state, request_user};

    let state = app_state()?;
    let user = require_area(request_user(&state).await?, Area::Hr)?;
    let list = waves::list_for(&state.db, user.scope_unit_id).await?;
    Ok(list.into_iter().filter(|w| w.kind == "periodic").collect())
}

/// The heatmap of a wave within the caller's scope with its difference and change views, every group
/// below k suppressed (HR, admin).
#[server(endpoint = "hr_wave_heatmap")]
pub async fn hr_wave_heatmap(id: i32) -> Result<HeatmapViewsDto, AppError> {
    use crate::domain::Area;
    use crate::server::auth::require_area;
    use crate::server::repo::heatmap;
    use crate::server::state::{app_state, request_user};

    let state = app_state()?;
    let user = require_area(request_user(&state).await?, Area::Hr)?;
    heatmap::wave_views(&state.db, id, user.scope_unit_id).await
}

/// One unit's report: its trend, and for `wave` (default: the latest periodic wave that covered it)
/// its profile, item splits and comments within the anonymity rules (HR in scope, admin).
#[server(endpoint = "hr_unit_report")]
pub async fn hr_unit_report(code: String, wave: Option<i32>) -> Result<UnitReportDto, AppError> {
    use crate::domain::Area;
    use crate::server::auth::require_area;
    use crate::server::repo::unit_report;
    use crate::server::state::{app_state, request_user};

    let state = app_state()?;
    let user = require_area(request_user(&state).await?, Area::Hr)?;
    unit_report::unit_report(&state.db, &code, wave, user.scope_unit_id).await
}

/// Cronbach's α per discipline of a wave within the caller's scope (HR, admin).
#[server(endpoint = "hr_wave_reliability")]
pub async fn hr_wave_reliability(id: i32) -> Result<crate::dto::ReliabilityDto, AppError> {
    use crate::domain::Area;
    use crate::server::auth::require_area;
    use crate::server::repo::reliability;
    use crate::server::state::{app_state, request_user};

    let state = app_state()?;
    let user = require_area(request_user(&state).await?, Area::Hr)?;
    reliability::wave_alphas(&state.db, id, user.scope_unit_id).await
}
