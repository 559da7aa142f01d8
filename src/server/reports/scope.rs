//! Which waves an account may see and run: the scope rules of every wave view, in one place.

use crate::domain::survey::WaveKind;
use crate::domain::{UnitId, WaveId};
use crate::error::AppError;
use crate::server::entities::{unit, wave, workshop};
use crate::server::repo::waves::units_of;
use sea_orm::{ConnectionTrait, EntityTrait};
use std::collections::{HashMap, HashSet};

/// Loads a wave and decides which part of it an account with `scope` may see: all of it when it runs
/// inside the scope, the scope's subtree when the wave covers it, nothing otherwise (`Forbidden`).
/// Returns the wave, every unit, the ids of the wave's subtree and the unit the view starts at.
pub async fn wave_in_scope(
    db: &impl ConnectionTrait,
    id: WaveId,
    scope: Option<UnitId>,
) -> Result<(wave::Model, Vec<unit::Model>, HashSet<UnitId>, UnitId), AppError> {
    let wave = wave::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let all = units_of(db, &wave).await?;
    let tree = unit::tree(&all);
    let in_wave = tree.subtree(Some(wave.root_unit_id));
    let start = tree.visible_root(wave.root_unit_id, scope).ok_or(AppError::Forbidden)?;
    if let Some(scope) = scope
        && wave.kind != WaveKind::Periodic
    {
        let owners = workshop_units(db).await?;
        if !workshop_wave_in_scope(&owners, &tree.subtree(Some(scope)), wave.id) {
            return Err(AppError::Forbidden);
        }
    }
    Ok((wave, all, in_wave, start))
}

/// The unit each workshop wave belongs to (its workshop's unit, if it names one), by wave id.
pub async fn workshop_units(db: &impl ConnectionTrait) -> Result<HashMap<WaveId, Option<UnitId>>, AppError> {
    let workshops = workshop::Entity::find().all(db).await?;
    Ok(workshops.into_iter().flat_map(|w| [(w.pre_wave_id, w.unit_id), (w.post_wave_id, w.unit_id)]).collect())
}

/// Whether a workshop wave belongs to a scoped account: its workshop's unit lies in the scope, as on
/// the workshop pages. A workshop wave's tree is the whole organisation (participants come from
/// anywhere), so the tree alone would show every OPD's training to every OPD.
pub fn workshop_wave_in_scope(
    owners: &HashMap<WaveId, Option<UnitId>>,
    scope_units: &HashSet<UnitId>,
    wave_id: WaveId,
) -> bool {
    owners.get(&wave_id).copied().flatten().is_some_and(|unit| scope_units.contains(&unit))
}

/// Whether `user` runs wave `w`: an admin, or HR whose scope holds the wave's whole tree.
pub fn may_manage(user: &crate::server::auth::AuthUser, all: &[unit::Model], w: &wave::Model) -> bool {
    use crate::domain::Role;
    w.kind == WaveKind::Periodic
        && match user.role {
            Role::Admin => true,
            Role::Hr => unit::tree(all).covers(user.scope_unit_id, w.root_unit_id),
            _ => false,
        }
}
