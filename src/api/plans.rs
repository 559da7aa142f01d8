//! Rencana Aksi: server functions of the plan pages (HR within scope, admin).

use crate::domain::WaveId;
use crate::domain::action_plan::PlanDraft;
use crate::dto::{PlanDto, PlanFormDto, PlanListDto, PlanSummaryDto};
use crate::error::AppError;
use leptos::prelude::*;

/// The plans of the caller's scope, narrowed by OPD code, status, focus discipline and overdue.
#[server(endpoint = "hr_plans")]
pub async fn hr_plans(opd: String, status: String, focus: String, overdue: bool) -> Result<PlanListDto, AppError> {
    use crate::domain::Area;
    use crate::server::http::state::{Caller, caller};
    use crate::server::reports::plans::{PlanFilter, list};

    let Caller { state, user, .. } = caller(Area::Hr).await?;
    let filter = PlanFilter { opd: Some(opd), status: Some(status), focus: Some(focus), overdue };
    list(&state.db, &user, &filter, chrono::Utc::now().date_naive()).await
}

/// The plans of a unit and the units below it.
#[server(endpoint = "hr_unit_plans")]
pub async fn hr_unit_plans(code: String) -> Result<Vec<PlanSummaryDto>, AppError> {
    use crate::domain::Area;
    use crate::server::http::state::{Caller, caller};

    let Caller { state, user, .. } = caller(Area::Hr).await?;
    crate::server::reports::plans::of_unit(&state.db, &user, &code, chrono::Utc::now().date_naive()).await
}

/// What the new-plan form of a unit and wave needs, with the suggested focus.
#[server(endpoint = "hr_plan_form")]
pub async fn hr_plan_form(unit: String, wave: WaveId) -> Result<PlanFormDto, AppError> {
    use crate::domain::Area;
    use crate::server::http::state::{Caller, caller};

    let Caller { state, user, .. } = caller(Area::Hr).await?;
    crate::server::reports::plans::form(&state.db, &user, &unit, wave).await
}

/// One plan with its progress notes and before/after.
#[server(endpoint = "hr_plan")]
pub async fn hr_plan(id: i32) -> Result<PlanDto, AppError> {
    use crate::domain::Area;
    use crate::server::http::state::{Caller, caller};

    let Caller { state, user, .. } = caller(Area::Hr).await?;
    crate::server::reports::plans::detail(&state.db, &user, id, chrono::Utc::now().date_naive()).await
}

/// Creates a plan and opens it. The form posts the plan's fields flat beside `unit` and `wave`.
#[server(endpoint = "create_plan")]
pub async fn create_plan(unit: String, wave: WaveId, #[server(flatten)] draft: PlanDraft) -> Result<(), AppError> {
    use crate::domain::Area;
    use crate::server::http::state::{Caller, caller};

    let Caller { state, user, lang } = caller(Area::Hr).await?;
    let draft = PlanDraft { status: String::new(), ..draft };
    let id =
        crate::server::reports::plans::create(&state.db, &user, &unit, wave, &draft, lang, chrono::Utc::now()).await?;
    leptos_axum::redirect(&format!("/hr/plans/{id}"));
    Ok(())
}

/// Saves a changed plan if `version` is still the stored one, then back to the plan.
#[server(endpoint = "update_plan")]
pub async fn update_plan(id: i32, version: i32, #[server(flatten)] draft: PlanDraft) -> Result<(), AppError> {
    use crate::domain::Area;
    use crate::server::http::state::{Caller, caller};

    let Caller { state, user, lang } = caller(Area::Hr).await?;
    crate::server::reports::plans::update(&state.db, &user, id, version, &draft, lang, chrono::Utc::now()).await?;
    leptos_axum::redirect(&format!("/hr/plans/{id}"));
    Ok(())
}

/// Adds a dated progress note to a plan.
#[server(endpoint = "add_plan_note")]
pub async fn add_plan_note(id: i32, note: String) -> Result<(), AppError> {
    use crate::domain::Area;
    use crate::server::http::state::{Caller, caller};

    let Caller { state, user, lang } = caller(Area::Hr).await?;
    crate::server::reports::plans::add_note(&state.db, &user, id, &note, lang, chrono::Utc::now()).await?;
    leptos_axum::redirect(&format!("/hr/plans/{id}#progress"));
    Ok(())
}
