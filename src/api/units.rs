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
    use crate::server::repo::units;

    let Caller { state, user, .. } = caller(Area::Hr).await?;
    units::tree_in_scope(&state.db, user.scope_unit_id).await
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
    use crate::domain::unit_tree::{RowError, UnitProblem, UnitRow};
    use crate::dto::ErrorDetail;
    use crate::server::http::state::{Caller, caller};
    use crate::server::repo::units;

    let Caller { state, user, lang } = caller(Area::Hr).await?;
    let existing = units::by_code(&state.db, &code).await?.ok_or(AppError::NotFound)?;
    if user.scope_unit_id == Some(existing.id) {
        return Err(AppError::invalid(lang.units().top_of_scope));
    }
    let mut problems: Vec<RowError> = Vec::new();
    let headcount = match headcount.trim() {
        "" => None,
        text => match text.parse::<i64>() {
            Ok(h) => Some(h),
            Err(_) => {
                problems.push(RowError { row: 1, field: "headcount", problem: UnitProblem::HeadcountInvalid });
                None
            }
        },
    };
    let parent = parent_code.trim();
    let row = UnitRow {
        code: existing.code.clone(),
        name: name.trim().to_string(),
        parent_code: (!parent.is_empty()).then(|| parent.to_string()),
        kind: kind.trim().to_lowercase(),
        headcount,
    };
    if problems.is_empty() {
        match units::upsert(&state.db, &[row], user.scope_unit_id, Some(user.id), chrono::Utc::now()).await? {
            units::UpsertOutcome::Written { .. } => {
                leptos_axum::redirect(&format!("/hr/units?saved={}", existing.code));
                return Ok(());
            }
            units::UpsertOutcome::Rejected(errors) => problems = errors,
        }
    }
    let details = problems
        .iter()
        .map(|e| ErrorDetail { row: None, field: e.field.into(), message: lang.unit_problem(&e.problem).into() })
        .collect();
    Err(AppError::Invalid { message: lang.t().err_invalid.into(), details })
}

/// Deactivates a unit with its subtree, or reactivates the unit (HR within scope, admin).
#[server(endpoint = "set_hr_unit_active")]
pub async fn set_hr_unit_active(code: String, active: bool) -> Result<(), AppError> {
    use crate::domain::Area;
    use crate::server::http::state::{Caller, caller};
    use crate::server::repo::units;

    let Caller { state, user, lang } = caller(Area::Hr).await?;
    units::set_active(&state.db, &user, &code, active, lang, chrono::Utc::now()).await?;
    leptos_axum::redirect(&format!("/hr/units/{code}/edit?status=changed"));
    Ok(())
}
