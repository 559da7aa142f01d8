//! The audit log: who did what to which object, and when. Never respondent data.

use crate::error::AppError;
use crate::server::entities::audit_log;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

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
