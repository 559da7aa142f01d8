//! The wave table and each wave's snapshot of the unit tree (table `wave_unit`).

use crate::domain::disclosure::Release;
use crate::domain::{UnitId, WaveId};
use crate::error::AppError;
use crate::server::entities::{unit, wave};
use sea_orm::{ConnectionTrait, EntityTrait};
use std::collections::{HashMap, HashSet};

/// A new wave's slug: 12 random lower-case letters and digits, so survey links cannot be guessed.
pub fn new_slug() -> String {
    crate::server::auth::new_secret()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(12)
        .collect::<String>()
        .to_lowercase()
}

/// Copies the unit tree under `root` as it stands today into wave `wave_id`'s snapshot, replacing any
/// earlier copy (docs/DESIGN.md §5, frozen population): at creation, and for a wave that has not opened yet
/// when the organisation changes.
pub async fn snapshot(db: &impl ConnectionTrait, wave_id: WaveId, root: UnitId) -> Result<(), AppError> {
    use migration::wave_units::{TABLE, snapshot_statement};
    db.execute_unprepared(&format!("DELETE FROM {TABLE} WHERE wave_id = {wave_id}")).await?;
    db.execute_unprepared(&snapshot_statement(wave_id.0, root.0)).await?;
    Ok(())
}

/// Takes a new snapshot of every wave that has not opened by `today`: the organisation changed, and
/// a later wave follows it.
pub async fn resnapshot_upcoming(db: &impl ConnectionTrait, today: chrono::NaiveDate) -> Result<(), AppError> {
    use sea_orm::{ColumnTrait, QueryFilter};
    for upcoming in wave::Entity::find().filter(wave::Column::OpensOn.gt(today)).all(db).await? {
        snapshot(db, upcoming.id, upcoming.root_unit_id).await?;
    }
    Ok(())
}

/// The wave of a survey link.
pub async fn by_slug(db: &impl ConnectionTrait, slug: &str) -> Result<Option<wave::Model>, AppError> {
    use sea_orm::{ColumnTrait, QueryFilter};
    Ok(wave::Entity::find().filter(wave::Column::Slug.eq(slug)).one(db).await?)
}

/// The workshop a pre- or post-test wave belongs to, if any.
pub async fn workshop_of(
    db: &impl ConnectionTrait,
    wave_id: WaveId,
) -> Result<Option<crate::server::entities::workshop::Model>, AppError> {
    use crate::server::entities::workshop;
    use sea_orm::{ColumnTrait, Condition, QueryFilter};
    let either =
        Condition::any().add(workshop::Column::PreWaveId.eq(wave_id)).add(workshop::Column::PostWaveId.eq(wave_id));
    Ok(workshop::Entity::find().filter(either).one(db).await?)
}

/// The units of `wave` as they were when it was made (codes, names, kinds, parents, headcounts), so
/// every figure and response rate of the wave stays the same whatever happens to the organisation
/// later. Today's ancestors of the wave's root come along, for scope checks only (they are outside
/// the wave's tree), and `active` is today's, since a closed unit takes no more answers. A wave made
/// without a snapshot (by an older version) gets one now.
pub async fn units_of(db: &impl ConnectionTrait, wave: &wave::Model) -> Result<Vec<unit::Model>, AppError> {
    use sea_orm::ExprTrait;
    use sea_orm::sea_query::{Alias, Expr, Query};
    let current = unit::Entity::find().all(db).await?;
    let read = || {
        let mut query = Query::select();
        query
            .from(Alias::new(migration::wave_units::TABLE))
            .columns(["unit_id", "parent_id", "code", "name", "kind", "headcount"].map(Alias::new))
            .and_where(Expr::col(Alias::new("wave_id")).eq(wave.id))
            .order_by(Alias::new("unit_id"), sea_orm::Order::Asc);
        query
    };
    let mut rows = db.query_all(&read()).await?;
    if rows.is_empty() {
        snapshot(db, wave.id, wave.root_unit_id).await?;
        rows = db.query_all(&read()).await?;
    }
    let by_id: HashMap<UnitId, &unit::Model> = current.iter().map(|u| (u.id, u)).collect();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let id: UnitId = row.try_get("", "unit_id")?;
        let parent_id: Option<UnitId> = row.try_get("", "parent_id")?;
        out.push(unit::Model {
            id,
            code: row.try_get("", "code")?,
            name: row.try_get("", "name")?,
            // The root keeps today's parent, so a scope above the wave still covers it.
            parent_id: if id == wave.root_unit_id { by_id.get(&id).and_then(|u| u.parent_id) } else { parent_id },
            kind: row.try_get("", "kind")?,
            headcount: row.try_get("", "headcount")?,
            active: by_id.get(&id).is_none_or(|u| u.active),
        });
    }
    let mut above = by_id.get(&wave.root_unit_id).and_then(|u| u.parent_id);
    let mut seen: HashSet<UnitId> = out.iter().map(|u| u.id).collect();
    while let Some(id) = above.filter(|id| seen.insert(*id)) {
        let Some(ancestor) = by_id.get(&id) else { break };
        out.push((*ancestor).clone());
        above = ancestor.parent_id;
    }
    Ok(out)
}

/// What staff may see of `wave` on `today`: participation while it is open, results once closed.
pub fn release_of(wave: &wave::Model, today: chrono::NaiveDate) -> Release {
    Release::of(crate::domain::survey::wave_phase(wave.opens_on, wave.closes_on, wave.closed_early, today))
}

/// Records the first day a closed wave's results were shown (a page, an export, the API): from then
/// on the wave is final and cannot be reopened (docs/DESIGN.md §5). Writes once per wave.
pub async fn note_results_shown(
    db: &impl ConnectionTrait,
    shown: &wave::Model,
    today: chrono::NaiveDate,
) -> Result<(), AppError> {
    use sea_orm::{ColumnTrait, QueryFilter, sea_query::Expr};
    if shown.results_shown_on.is_some() || release_of(shown, today) != Release::Results {
        return Ok(());
    }
    wave::Entity::update_many()
        .col_expr(wave::Column::ResultsShownOn, Expr::value(today))
        .filter(wave::Column::Id.eq(shown.id))
        .filter(wave::Column::ResultsShownOn.is_null())
        .exec(db)
        .await?;
    Ok(())
}
