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

/// A new wave's slug: 12 random lower-case letters and digits, so survey links cannot be guessed.
pub fn new_slug() -> String {
    crate::server::auth::new_secret()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(12)
        .collect::<String>()
        .to_lowercase()
}

/// A wave as API answers name it.
pub fn wave_ref(wave: wave::Model) -> crate::dto::WaveRef {
    crate::dto::WaveRef {
        id: wave.id,
        title: wave.title,
        opens_on: wave.opens_on.to_string(),
        closes_on: wave.closes_on.to_string(),
    }
}

/// The waves whose unit tree overlaps `scope` (all when `None`), newest first, with their survey paths.
pub async fn list_for(db: &impl ConnectionTrait, scope: Option<i32>) -> Result<Vec<crate::dto::WaveDto>, AppError> {
    use sea_orm::QueryOrder;
    let all = units::all(db).await?;
    let waves = wave::Entity::find().order_by_desc(wave::Column::OpensOn).all(db).await?;
    let instruments: std::collections::HashMap<i32, String> = crate::server::entities::instrument::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i.slug))
        .collect();
    let code_of = |id: i32| all.iter().find(|u| u.id == id).map(|u| u.code.clone()).unwrap_or_default();
    let overlaps = |root: i32| match scope {
        None => true,
        Some(scope) => {
            units::subtree_ids(&all, Some(root)).contains(&scope)
                || units::subtree_ids(&all, Some(scope)).contains(&root)
        }
    };
    Ok(waves
        .into_iter()
        .filter(|w| overlaps(w.root_unit_id))
        .map(|w| crate::dto::WaveDto {
            url: format!("/s/{}", w.slug),
            instrument: instruments.get(&w.instrument_id).cloned().unwrap_or_default(),
            root_unit: code_of(w.root_unit_id),
            opens_on: w.opens_on.to_string(),
            closes_on: w.closes_on.to_string(),
            id: w.id,
            slug: w.slug,
            title: w.title,
            access: w.access,
            kind: w.kind,
        })
        .collect())
}
