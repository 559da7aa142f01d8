//! HR's unit management: the tree in the caller's scope, editing one unit, (de)activating it.
//! Imports go through `server::unit_import_pages`, which reads uploaded files.

use crate::dto::ManagedUnitDto;
use crate::error::AppError;
use leptos::prelude::*;

/// The units the caller may manage, in tree order, inactive ones included (HR, admin).
#[server(endpoint = "hr_units")]
pub async fn hr_units() -> Result<Vec<ManagedUnitDto>, AppError> {
    use crate::domain::Area;
    use crate::server::http::state::{Caller, caller};

    let Caller { state, user, .. } = caller(Area::Hr).await?;
    crate::server::reports::units::managed(&state.db, user.scope_unit_id).await
}

/// Changes a unit's name, parent, kind and headcount with the checks of an import (scope, cycles,
/// known kind), then back to the list (HR within scope, admin).
#[server(endpoint = "update_hr_unit")]
pub async fn update_hr_unit(
    code: String,
    name: String,
    parent_code: String,
    kind: String,
    headcount: String,
) -> Result<(), AppError> {
    use crate::domain::Area;
    use crate::server::http::state::{Caller, caller};
    use crate::server::reports::units::{UnitEdit, edit};

    let Caller { state, user, lang } = caller(Area::Hr).await?;
    let changes = UnitEdit { name, parent_code, kind, headcount };
    edit(&state.db, &user, &code, changes, lang, chrono::Utc::now()).await?;
    leptos_axum::redirect(&format!("/hr/units?saved={code}"));
    Ok(())
}

/// Deactivates a unit with its subtree, or reactivates the unit (HR within scope, admin).
#[server(endpoint = "set_hr_unit_active")]
pub async fn set_hr_unit_active(code: String, active: bool) -> Result<(), AppError> {
    use crate::domain::Area;
    use crate::server::http::state::{Caller, caller};

    let Caller { state, user, lang } = caller(Area::Hr).await?;
    crate::server::reports::units::set_active(&state.db, &user, &code, active, lang, chrono::Utc::now()).await?;
    leptos_axum::redirect(&format!("/hr/units/{code}/edit?status=changed"));
    Ok(())
}
