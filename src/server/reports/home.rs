//! The counts on each area's home page, limited to the caller's role and scope.

use crate::domain::UnitId;
use crate::domain::survey::WaveKind;
use crate::domain::{Area, Role};
use crate::dto::AreaSummary;
use crate::error::AppError;
use crate::server::auth::AuthUser;
use crate::server::entities::{app_user, unit, wave, workshop};
use crate::server::repo::{settings, units};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// Counts for the home page of `area`, which the caller has already been admitted to.
pub async fn summary(db: &impl ConnectionTrait, user: &AuthUser, area: Area) -> Result<AreaSummary, AppError> {
    let all_units = units::all(db).await?;
    let tree = unit::tree(&all_units);
    let in_scope = tree.subtree(user.scope_unit_id);
    // A wave concerns a scoped user when it runs inside their subtree or over a subtree containing it.
    let covers_scope = |root: UnitId| user.scope_unit_id.is_none_or(|scope| tree.covers(Some(root), scope));
    let waves = wave::Entity::find()
        .filter(wave::Column::Kind.eq(WaveKind::Periodic))
        .all(db)
        .await?
        .into_iter()
        .filter(|w| in_scope.contains(&w.root_unit_id) || covers_scope(w.root_unit_id))
        .count();
    let workshops = match user.role {
        Role::Trainer => workshop::Entity::find().filter(workshop::Column::OwnerId.eq(user.id)).count(db).await?,
        _ => workshop::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .filter(|w| user.scope_unit_id.is_none() || w.unit_id.is_some_and(|u| in_scope.contains(&u)))
            .count() as u64,
    };
    let users = match user.role {
        Role::Admin => Some(app_user::Entity::find().count(db).await?),
        _ => None,
    };
    let overdue_plans = match area {
        Area::Hr => Some(super::plans::overdue_count(db, user, chrono::Utc::now().date_naive()).await?),
        _ => None,
    };
    Ok(AreaSummary {
        overdue_plans,
        units_in_scope: in_scope.len() as u64,
        waves: waves as u64,
        workshops,
        users,
        min_group_size: settings::min_group_size(db).await?,
    })
}
