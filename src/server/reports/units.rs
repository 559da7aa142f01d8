//! The unit tree as HR manages it: the units in the caller's scope, checking and writing imports
//! all-or-nothing within that scope, editing one unit, and (de)activating a branch.

use crate::domain::UnitId;
use crate::domain::unit_tree::{ExistingUnit, RowError, UnitProblem, UnitRow, validate_unit_rows};
use crate::dto::{ErrorDetail, ManagedUnitDto, UnitDto};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::server::auth::AuthUser;
use crate::server::entities::unit;
use crate::server::repo::{audit, units, waves};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, TransactionSession, TransactionTrait};
use std::collections::{HashMap, HashSet};

/// Outcome of an upsert: counts written, or every bad row and nothing written.
pub enum UpsertOutcome {
    Written { inserted: u64, updated: u64 },
    Rejected(Vec<RowError>),
}

/// A unit in the import's columns, its parent named by code.
fn unit_dto(u: &unit::Model, code_of: &HashMap<UnitId, &str>) -> UnitDto {
    UnitDto {
        code: u.code.clone(),
        name: u.name.clone(),
        parent_code: u.parent_id.and_then(|p| code_of.get(&p).map(|c| c.to_string())),
        kind: u.kind.code().into(),
        headcount: u.headcount.map(i64::from),
    }
}

fn codes(all: &[unit::Model]) -> HashMap<UnitId, &str> {
    all.iter().map(|u| (u.id, u.code.as_str())).collect()
}

/// The units an account with this scope may see, as API rows.
pub async fn listed(db: &impl ConnectionTrait, scope: Option<UnitId>) -> Result<Vec<UnitDto>, AppError> {
    let all = units::all(db).await?;
    let visible = unit::tree(&all).subtree(scope);
    let code_of = codes(&all);
    Ok(all.iter().filter(|u| visible.contains(&u.id)).map(|u| unit_dto(u, &code_of)).collect())
}

/// The units an account with `scope` may manage, in tree order with their depth below the top of
/// the scope, inactive ones included.
pub async fn managed(db: &impl ConnectionTrait, scope: Option<UnitId>) -> Result<Vec<ManagedUnitDto>, AppError> {
    let all = units::all(db).await?;
    let visible = unit::tree(&all).subtree(scope);
    let code_of = codes(&all);
    let mut children: HashMap<Option<UnitId>, Vec<&unit::Model>> = HashMap::new();
    for u in all.iter().filter(|u| visible.contains(&u.id)) {
        children.entry(u.parent_id.filter(|p| visible.contains(p))).or_default().push(u);
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| a.name.cmp(&b.name));
    }
    let mut out = Vec::new();
    let mut stack: Vec<(&unit::Model, usize)> =
        children.get(&None).map(|roots| roots.iter().rev().map(|u| (*u, 0)).collect()).unwrap_or_default();
    while let Some((u, depth)) = stack.pop() {
        out.push(ManagedUnitDto { unit: unit_dto(u, &code_of), depth, active: u.active });
        if let Some(kids) = children.get(&Some(u.id)) {
            stack.extend(kids.iter().rev().map(|c| (*c, depth + 1)));
        }
    }
    Ok(out)
}

/// Validates `rows` as an upsert into the stored `all` by an account with `scope`.
fn validate_against(all: &[unit::Model], rows: &[UnitRow], scope: Option<UnitId>) -> Result<(), Vec<RowError>> {
    let code_of: HashMap<UnitId, String> = all.iter().map(|u| (u.id, u.code.clone())).collect();
    let existing: Vec<ExistingUnit> = all
        .iter()
        .map(|u| ExistingUnit { code: u.code.clone(), parent_code: u.parent_id.and_then(|p| code_of.get(&p).cloned()) })
        .collect();
    let visible: HashSet<String> =
        unit::tree(all).subtree(scope).into_iter().filter_map(|id| code_of.get(&id).cloned()).collect();
    let in_scope = |code: &str| scope.is_none() || (!code.is_empty() && visible.contains(code));
    validate_unit_rows(rows, &existing, in_scope)
}

/// What an upsert of `rows` would do, without writing: how many units it adds and how many it
/// changes, or every bad row.
pub async fn check(
    db: &impl ConnectionTrait,
    rows: &[UnitRow],
    scope: Option<UnitId>,
) -> Result<UpsertOutcome, AppError> {
    let all = units::all(db).await?;
    if let Err(errors) = validate_against(&all, rows, scope) {
        return Ok(UpsertOutcome::Rejected(errors));
    }
    let stored: HashSet<&str> = all.iter().map(|u| u.code.as_str()).collect();
    let updated = rows.iter().filter(|r| stored.contains(r.code.as_str())).count() as u64;
    Ok(UpsertOutcome::Written { inserted: rows.len() as u64 - updated, updated })
}

/// Validates `rows` against the stored tree and the caller's scope, then writes them all and an
/// audit entry for `actor` (none from the command line) in one transaction; if any row is bad
/// nothing is written. Waves that have not opened yet follow the new tree.
pub async fn upsert<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    rows: &[UnitRow],
    scope: Option<UnitId>,
    actor: Option<i32>,
    now: DateTime<Utc>,
) -> Result<UpsertOutcome, AppError> {
    let txn = db.begin().await?;
    let all = units::all(&txn).await?;
    if let Err(errors) = validate_against(&all, rows, scope) {
        return Ok(UpsertOutcome::Rejected(errors));
    }
    let (inserted, updated) = units::write_valid_rows(&txn, &all, rows).await?;
    audit::record(&txn, now, actor, "units.upsert", &format!("{inserted} inserted, {updated} updated")).await?;
    // Waves that have not opened yet follow the organisation; waves that have keep their snapshot.
    waves::resnapshot_upcoming(&txn, now.date_naive()).await?;
    txn.commit().await?;
    Ok(UpsertOutcome::Written { inserted, updated })
}

/// One unit's fields as the edit form posts them.
pub struct UnitEdit {
    pub name: String,
    pub parent_code: String,
    pub kind: String,
    pub headcount: String,
}

/// Changes a unit's name, parent, kind and headcount with the checks of an import (scope, cycles,
/// known kind). The top of the caller's own scope is not theirs to change.
pub async fn edit<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user: &AuthUser,
    code: &str,
    edit: UnitEdit,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let existing = units::by_code(db, code).await?.ok_or(AppError::NotFound)?;
    if user.scope_unit_id == Some(existing.id) {
        return Err(AppError::invalid(lang.units().top_of_scope));
    }
    let row = match edit.headcount.trim() {
        "" => Ok(None),
        text => text
            .parse::<i64>()
            .map(Some)
            .map_err(|_| vec![RowError { row: 1, field: "headcount", problem: UnitProblem::HeadcountInvalid }]),
    }
    .map(|headcount| UnitRow {
        code: existing.code.clone(),
        name: edit.name.trim().to_string(),
        parent_code: Some(edit.parent_code.trim()).filter(|p| !p.is_empty()).map(str::to_string),
        kind: edit.kind.trim().to_lowercase(),
        headcount,
    });
    let problems = match row {
        Ok(row) => match upsert(db, &[row], user.scope_unit_id, Some(user.id), now).await? {
            UpsertOutcome::Written { .. } => return Ok(()),
            UpsertOutcome::Rejected(errors) => errors,
        },
        Err(errors) => errors,
    };
    let details = problems
        .iter()
        .map(|e| ErrorDetail { row: None, field: e.field.into(), message: lang.unit_problem(&e.problem).into() })
        .collect();
    Err(AppError::Invalid { message: lang.t().err_invalid.into(), details })
}

/// Deactivates a unit with everything below it (a dissolved bidang takes its seksi along), or
/// reactivates the unit alone, under a parent that is active. History stays: responses keep their
/// unit, and past waves show it as before; only new answers and new waves leave it out.
pub async fn set_active<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user: &AuthUser,
    code: &str,
    active: bool,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    let txn = db.begin().await?;
    let all = units::all(&txn).await?;
    let target = all.iter().find(|u| u.code == code).ok_or(AppError::NotFound)?;
    let tree = unit::tree(&all);
    // The top of one's own scope stays: deactivating it would lock its HR users out of their work.
    if !tree.subtree(user.scope_unit_id).contains(&target.id) || user.scope_unit_id == Some(target.id) {
        return Err(AppError::Forbidden);
    }
    let changed: Vec<&unit::Model> = if active {
        let parent_active = target.parent_id.is_none_or(|p| all.iter().any(|u| u.id == p && u.active));
        if !parent_active {
            return Err(AppError::invalid(lang.units().parent_inactive));
        }
        vec![target]
    } else {
        let below = tree.subtree(Some(target.id));
        all.iter().filter(|u| below.contains(&u.id) && u.active).collect()
    };
    units::set_active(&txn, &changed, active).await?;
    let action = if active { "unit.activate" } else { "unit.deactivate" };
    audit::record(&txn, now, Some(user.id), action, &format!("unit {code} ({} units)", changed.len())).await?;
    txn.commit().await?;
    Ok(changed.len() as u64)
}
