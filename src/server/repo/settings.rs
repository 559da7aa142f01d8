//! Admin-settable settings with the bounds of docs/DESIGN.md §5.

use crate::error::AppError;
use crate::server::entities::setting;
use sea_orm::{ConnectionTrait, EntityTrait};

/// Default minimum group size k: five respondents make a single answer hard to single out.
pub const DEFAULT_MIN_GROUP_SIZE: u32 = 5;
use crate::domain::heatmap_views::CategoryBands;
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

/// The category bands of the heatmap's band view: the stored definition, or the standard one when
/// none is stored or it no longer parses.
pub async fn category_bands(db: &impl ConnectionTrait) -> Result<CategoryBands, AppError> {
    let stored = setting::Entity::find_by_id(CATEGORY_BANDS_KEY.to_string()).one(db).await?;
    Ok(stored.map_or_else(CategoryBands::standard, |s| CategoryBands::parse_or_standard(&s.value)))
}

/// Stores the category bands (inserted the first time).
pub async fn save_category_bands(db: &impl ConnectionTrait, bands: &CategoryBands) -> Result<(), AppError> {
    use sea_orm::sea_query::OnConflict;
    let row =
        setting::ActiveModel { key: sea_orm::Set(CATEGORY_BANDS_KEY.into()), value: sea_orm::Set(bands.to_text()) };
    setting::Entity::insert(row)
        .on_conflict(OnConflict::column(setting::Column::Key).update_column(setting::Column::Value).to_owned())
        .exec(db)
        .await?;
    Ok(())
}

const CATEGORY_BANDS_KEY: &str = "category_bands";
