//! The audit log: who did what to which object, and when. Never respondent data.

use crate::error::AppError;
use crate::server::entities::audit_log;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

/// Records one action.
pub async fn record(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    user_id: Option<i32>,
    action: &str,
    target: &str,
) -> Result<(), AppError> {
    audit_log::ActiveModel {
        at: Set(now),
        user_id: Set(user_id),
        action: Set(action.into()),
        target: Set(target.into()),
        details: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The newest `limit` entries older than entry `before` (all when `None`), newest first.
pub async fn newest(
    db: &impl ConnectionTrait,
    before: Option<i32>,
    limit: u64,
) -> Result<Vec<audit_log::Model>, AppError> {
    let mut query = audit_log::Entity::find().order_by_desc(audit_log::Column::Id).limit(limit);
    if let Some(before) = before {
        query = query.filter(audit_log::Column::Id.lt(before));
    }
    Ok(query.all(db).await?)
}
