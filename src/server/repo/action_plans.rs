//! The action plan tables, where a report needs them outside the plans' own pages.

use crate::domain::UnitId;
use crate::domain::action_plan::PlanStatus;
use crate::error::AppError;
use crate::server::entities::action_plan;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// Ids of the units with an active plan (planned or in progress), for the heatmap's marker.
pub async fn units_with_active_plans(db: &impl ConnectionTrait) -> Result<std::collections::HashSet<UnitId>, AppError> {
    let active = PlanStatus::ALL.into_iter().filter(|s| s.is_active());
    Ok(action_plan::Entity::find()
        .filter(action_plan::Column::Status.is_in(active))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.unit_id)
        .collect())
}
