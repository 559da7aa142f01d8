//! The audit log: who did what to which object, and when. Never respondent data.

use crate::dto::{AuditEntryDto, AuditPageDto};
use crate::error::AppError;
use crate::server::entities::{app_user, audit_log};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::collections::HashMap;

/// Entries on one page of the admin's audit view.
pub const PAGE_SIZE: u64 = 50;

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

/// The newest `PAGE_SIZE` entries older than entry `before` (all when `None`), each with the e-mail
/// of the account that acted.
pub async fn page(db: &impl ConnectionTrait, before: Option<i32>) -> Result<AuditPageDto, AppError> {
    let mut query = audit_log::Entity::find().order_by_desc(audit_log::Column::Id).limit(PAGE_SIZE + 1);
    if let Some(before) = before {
        query = query.filter(audit_log::Column::Id.lt(before));
    }
    let mut rows = query.all(db).await?;
    let older = (rows.len() as u64 > PAGE_SIZE).then(|| {
        rows.truncate(PAGE_SIZE as usize);
        rows.last().map(|r| r.id)
    });
    let mut ids: Vec<i32> = rows.iter().filter_map(|r| r.user_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let emails: HashMap<i32, String> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect();
    let entries = rows
        .into_iter()
        .map(|r| AuditEntryDto {
            at: r.at,
            account: r.user_id.map(|id| emails.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))),
            action: r.action,
            target: r.target,
        })
        .collect();
    Ok(AuditPageDto { entries, older: older.flatten() })
}
