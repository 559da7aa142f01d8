//! Waves as seen from an account's unit scope.

use crate::error::AppError;
use crate::server::entities::{unit, wave};
use crate::server::repo::units;
use sea_orm::{ConnectionTrait, EntityTrait};
use std::collections::HashSet;

/// Loads a wave and decides which part of it an account with `scope` may see: all of it when it runs
/// inside the scope, the scope's subtree when the wave covers it, nothing otherwise (`Forbidden`).
/// Returns the wave, every unit, the ids of the wave's subtree and the unit the view starts at.
pub async fn in_scope(
    db: &impl ConnectionTrait,
    id: i32,
    scope: Option<i32>,
) -> Result<(wave::Model, Vec<unit::Model>, HashSet<i32>, i32), AppError> {
    let wave = wave::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let all = units::all(db).await?;
    let in_wave = units::subtree_ids(&all, Some(wave.root_unit_id));
    let start = units::visible_root(&all, wave.root_unit_id, scope).ok_or(AppError::Forbidden)?;
    Ok((wave, all, in_wave, start))
}
