//! Admin-settable settings with the bounds of DESIGN.md §5.

use crate::error::AppError;
use crate::server::entities::setting;
use sea_orm::{ConnectionTrait, EntityTrait};

/// Default minimum group size k: five respondents make a single answer hard to single out.
pub const DEFAULT_MIN_GROUP_SIZE: u32 = 5;
/// Bounds of k: below 3 a group of two could read each other's answers; above 50 little is ever shown.
pub const MIN_GROUP_SIZE_RANGE: std::ops::RangeInclusive<u32> = 3..=50;

/// The minimum group size k in force, clamped to its bounds whatever the table holds.
pub async fn min_group_size(db: &impl ConnectionTrait) -> Result<u32, AppError> {
    let stored = setting::Entity::find_by_id("min_group_size".to_string()).one(db).await?;
    let k = stored.and_then(|s| s.value.parse::<u32>().ok()).unwrap_or(DEFAULT_MIN_GROUP_SIZE);
    Ok(k.clamp(*MIN_GROUP_SIZE_RANGE.start(), *MIN_GROUP_SIZE_RANGE.end()))
}
