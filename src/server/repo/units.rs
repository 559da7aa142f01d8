//! The unit tree: listing, scope and all-or-nothing upserts.

use crate::domain::unit_tree::{ExistingUnit, RowError, UnitRow, validate_unit_rows};
use crate::dto::{ManagedUnitDto, UnitDto};
use crate::error::AppError;
use crate::server::entities::unit;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionSession,
    TransactionTrait,
};
use std::collections::{HashMap, HashSet};

/// All units, ordered by id (parents were created before their children).
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<unit::Model>, AppError> {
    Ok(unit::Entity::find().order_by_asc(unit::Column::Id).all(db).await?)
}

/// The units an account with this scope may see, as API rows.
pub async fn list_in_scope(db: &impl ConnectionTrait, scope: Option<i32>) -> Result<Vec<UnitDto>, AppError> {
    let units = all(db).await?;
    let visible = unit::tree(&units).subtree(scope);
    let code_of: HashMap<i32, &str> = units.iter().map(|u| (u.id, u.code.as_str())).collect();
    Ok(units
        .iter()
        .filter(|u| visible.contains(&u.id))
        .map(|u| UnitDto {
            code: u.code.clone(),
            name: u.name.clone(),
            parent_code: u.parent_id.and_then(|p| code_of.get(&p).map(|c| c.to_string())),
            kind: u.kind.clone(),
            headcount: u.headcount.map(i64::from),
        })
        .collect())
}

/// Finds a unit by code.
pub async fn by_code(db: &impl ConnectionTrait, code: &str) -> Result<Option<unit::Model>, AppError> {
    Ok(unit::Entity::find().filter(unit::Column::Code.eq(code)).one(db).await?)
}

/// Outcome of an upsert: counts written, or every bad row and nothing written.
pub enum UpsertOutcome {
    Written { inserted: u64, updated: u64 },
    Rejected(Vec<RowError>),
}

/// Validates `rows` as an upsert into the stored `units` by an account with `scope`.
fn validate_against(units: &[unit::Model], rows: &[UnitRow], scope: Option<i32>) -> Result<(), Vec<RowError>> {
    let code_of: HashMap<i32, String> = units.iter().map(|u| (u.id, u.code.clone())).collect();
    let existing: Vec<ExistingUnit> = units
        .iter()
        .map(|u| ExistingUnit { code: u.code.clone(), parent_code: u.parent_id.and_then(|p| code_of.get(&p).cloned()) })
        .collect();
    let visible: HashSet<String> =
        unit::tree(units).subtree(scope).into_iter().filter_map(|id| code_of.get(&id).cloned()).collect();
    let in_scope = |code: &str| scope.is_none() || (!code.is_empty() && visible.contains(code));
    validate_unit_rows(rows, &existing, in_scope)
}

/// What an upsert of `rows` would do, without writing: how many units it adds and how many it
/// changes, or every bad row.
pub async fn check(db: &impl ConnectionTrait, rows: &[UnitRow], scope: Option<i32>) -> Result<UpsertOutcome, AppError> {
    let units = all(db).await?;
    if let Err(errors) = validate_against(&units, rows, scope) {
        return Ok(UpsertOutcome::Rejected(errors));
    }
    let stored: HashSet<&str> = units.iter().map(|u| u.code.as_str()).collect();
    let updated = rows.iter().filter(|r| stored.contains(r.code.as_str())).count() as u64;
    Ok(UpsertOutcome::Written { inserted: rows.len() as u64 - updated, updated })
}

/// Validates `rows` against the stored tree and the caller's scope, then writes them all and an
/// audit entry for `actor` (none from the command line) in one transaction, parents before children; if any row is bad nothing
/// is written.
pub async fn upsert<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    rows: &[UnitRow],
    scope: Option<i32>,
    actor: Option<i32>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<UpsertOutcome, AppError> {
    let txn = db.begin().await?;
    let units = all(&txn).await?;
    if let Err(errors) = validate_against(&units, rows, scope) {
        return Ok(UpsertOutcome::Rejected(errors));
    }

    let mut id_of: HashMap<String, i32> = units.iter().map(|u| (u.code.clone(), u.id)).collect();
    let by_code: HashMap<&str, &unit::Model> = units.iter().map(|u| (u.code.as_str(), u)).collect();
    let (mut inserted, mut updated) = (0u64, 0u64);
    // Insert in an order where each parent exists before its children; parents may be new rows.
    let mut pending: Vec<&UnitRow> = rows.iter().collect();
    while !pending.is_empty() {
        let before = pending.len();
        let mut next = Vec::new();
        for row in pending {
            let parent_id = match row.parent_code.as_deref() {
                None => None,
                Some(p) => match id_of.get(p) {
                    Some(id) => Some(*id),
                    None => {
                        next.push(row);
                        continue;
                    }
                },
            };
            let headcount = row.headcount.map(|h| i32::try_from(h).unwrap_or(i32::MAX));
            if let Some(existing) = by_code.get(row.code.as_str()) {
                let mut active: unit::ActiveModel = (*existing).clone().into();
                active.name = Set(row.name.trim().to_string());
                active.parent_id = Set(parent_id);
                active.kind = Set(row.kind.clone());
                active.headcount = Set(headcount);
                active.update(&txn).await?;
                updated += 1;
            } else {
                let model = unit::ActiveModel {
                    code: Set(row.code.clone()),
                    name: Set(row.name.trim().to_string()),
                    parent_id: Set(parent_id),
                    kind: Set(row.kind.clone()),
                    headcount: Set(headcount),
                    active: Set(true),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
                id_of.insert(model.code.clone(), model.id);
                inserted += 1;
            }
        }
        if next.len() == before {
            return Err(AppError::internal("unit upsert could not order rows after validation"));
        }
        pending = next;
    }
    let what = format!("{inserted} inserted, {updated} updated");
    crate::server::repo::audit::record(&txn, now, actor, "units.upsert", &what).await?;
    // Waves that have not opened yet follow the organisation; waves that have keep their snapshot.
    crate::server::repo::waves::resnapshot_upcoming(&txn, now.date_naive()).await?;
    txn.commit().await?;
    Ok(UpsertOutcome::Written { inserted, updated })
}

/// The units an account with `scope` may manage, in tree order with their depth below the top of
/// the scope, inactive ones included.
pub async fn tree_in_scope(db: &impl ConnectionTrait, scope: Option<i32>) -> Result<Vec<ManagedUnitDto>, AppError> {
    let units = all(db).await?;
    let visible = unit::tree(&units).subtree(scope);
    let code_of: HashMap<i32, &str> = units.iter().map(|u| (u.id, u.code.as_str())).collect();
    let mut children: HashMap<Option<i32>, Vec<&unit::Model>> = HashMap::new();
    for u in units.iter().filter(|u| visible.contains(&u.id)) {
        let parent = u.parent_id.filter(|p| visible.contains(p));
        children.entry(parent).or_default().push(u);
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| a.name.cmp(&b.name));
    }
    let mut out = Vec::new();
    let mut stack: Vec<(&unit::Model, usize)> =
        children.get(&None).map(|roots| roots.iter().rev().map(|u| (*u, 0)).collect()).unwrap_or_default();
    while let Some((u, depth)) = stack.pop() {
        out.push(ManagedUnitDto {
            unit: UnitDto {
                code: u.code.clone(),
                name: u.name.clone(),
                parent_code: u.parent_id.and_then(|p| code_of.get(&p).map(|c| c.to_string())),
                kind: u.kind.clone(),
                headcount: u.headcount.map(i64::from),
            },
            depth,
            active: u.active,
        });
        if let Some(kids) = children.get(&Some(u.id)) {
            stack.extend(kids.iter().rev().map(|c| (*c, depth + 1)));
        }
    }
    Ok(out)
}

/// Deactivates a unit with everything below it (a dissolved bidang takes its seksi along), or
/// reactivates the unit alone, under a parent that is active. History stays: responses keep their
/// unit, and past waves show it as before; only new answers and new waves leave it out.
pub async fn set_active<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user: &crate::server::auth::AuthUser,
    code: &str,
    active: bool,
    lang: crate::i18n::Lang,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<u64, AppError> {
    let txn = db.begin().await?;
    let units = all(&txn).await?;
    let target = units.iter().find(|u| u.code == code).ok_or(AppError::NotFound)?;
    let tree = unit::tree(&units);
    let in_scope = tree.subtree(user.scope_unit_id);
    // The top of one's own scope stays: deactivating it would lock its HR users out of their work.
    if !in_scope.contains(&target.id) || user.scope_unit_id == Some(target.id) {
        return Err(AppError::Forbidden);
    }
    let changed: Vec<&unit::Model> = if active {
        let parent_active = target.parent_id.is_none_or(|p| units.iter().any(|u| u.id == p && u.active));
        if !parent_active {
            return Err(AppError::invalid(lang.units().parent_inactive));
        }
        vec![target]
    } else {
        let below = tree.subtree(Some(target.id));
        units.iter().filter(|u| below.contains(&u.id) && u.active).collect()
    };
    for u in &changed {
        let mut model: unit::ActiveModel = (*u).clone().into();
        model.active = Set(active);
        model.update(&txn).await?;
    }
    let action = if active { "unit.activate" } else { "unit.deactivate" };
    crate::server::repo::audit::record(
        &txn,
        now,
        Some(user.id),
        action,
        &format!("unit {code} ({} units)", changed.len()),
    )
    .await?;
    txn.commit().await?;
    Ok(changed.len() as u64)
}
