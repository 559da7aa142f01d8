//! Admin-settable settings with the bounds of DESIGN.md §5.

use crate::error::AppError;
use crate::server::entities::setting;
use sea_orm::{ConnectionTrait, EntityTrait};

/// Default minimum group size k: five respondents make a single answer hard to single out.
pub const DEFAULT_MIN_GROUP_SIZE: u32 = 5;
use crate::domain::settings::{MAX_COMMENT_THRESHOLD, MIN_GROUP_SIZE_RANGE};

/// The minimum group size k in force, clamped to its bounds whatever the table holds.
pub async fn min_group_size(db: &impl ConnectionTrait) -> Result<u32, AppError> {
    let stored = setting::Entity::find_by_id("min_group_size".to_string()).one(db).await?;
    let k = stored.and_then(|s| s.value.parse::<u32>().ok()).unwrap_or(DEFAULT_MIN_GROUP_SIZE);
    Ok(k.clamp(*MIN_GROUP_SIZE_RANGE.start(), *MIN_GROUP_SIZE_RANGE.end()))
}

/// The comment threshold in force: never below k, whatever the table holds.
pub async fn comment_threshold(db: &impl ConnectionTrait) -> Result<u32, AppError> {
    let k = min_group_size(db).await?;
    let stored = setting::Entity::find_by_id("comment_threshold".to_string()).one(db).await?;
    let kc = stored.and_then(|s| s.value.parse::<u32>().ok()).unwrap_or(DEFAULT_MIN_GROUP_SIZE);
    Ok(kc.clamp(k, MAX_COMMENT_THRESHOLD.max(k)))
}

/// Stores both thresholds; the caller has validated them.
pub async fn save(db: &impl ConnectionTrait, min_group_size: u32, comment_threshold: u32) -> Result<(), AppError> {
    use sea_orm::{ActiveModelTrait, Set};
    for (key, value) in [("min_group_size", min_group_size), ("comment_threshold", comment_threshold)] {
        setting::ActiveModel { key: Set(key.into()), value: Set(value.to_string()) }.update(db).await?;
    }
    Ok(())
}
