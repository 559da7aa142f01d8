//! Figures for the home page of each area, limited to the caller's role and scope.

use crate::domain::Area;
use crate::dto::AreaSummary;
use crate::error::AppError;
use leptos::prelude::*;

/// Counts for the home page of `area`; refuses callers who may not use it.
#[server(endpoint = "home_summary")]
pub async fn home_summary(area: Area) -> Result<AreaSummary, AppError> {
    use crate::domain::Role;
    use crate::server::entities::{app_user, wave, workshop};
    use crate::server::http::state::{Caller, caller};
    use crate::server::repo::{settings, units};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

    let Caller { state, user, .. } = caller(area).await?;
    let db = &state.db;
    let all_units = units::all(db).await?;
    let tree = crate::server::entities::unit::tree(&all_units);
    let in_scope = tree.subtree(user.scope_unit_id);
    // A wave concerns a scoped user when it runs inside their subtree or over a subtree containing it.
    let covers_scope = |root: i32| user.scope_unit_id.is_none_or(|scope| tree.covers(Some(root), scope));
    let waves = wave::Entity::find()
        .filter(wave::Column::Kind.eq("periodic"))
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
        Area::Hr => {
            Some(crate::server::reports::plans::overdue_count(db, &user, chrono::Utc::now().date_naive()).await?)
        }
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
