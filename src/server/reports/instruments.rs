//! Instruments as the REST API shows them.

use crate::dto::{InstrumentDto, ItemDto};
use crate::error::AppError;
use crate::server::repo::instruments;
use sea_orm::ConnectionTrait;

/// A published instrument with its items in presentation order; `NotFound` for any other slug.
pub async fn by_slug(db: &impl ConnectionTrait, slug: &str) -> Result<InstrumentDto, AppError> {
    let found = instruments::published_by_slug(db, slug).await?.ok_or(AppError::NotFound)?;
    let items = instruments::items(db, found.id).await?;
    Ok(InstrumentDto {
        slug: found.slug,
        version: found.version,
        scale_points: i32::from(found.scale_points),
        items: items
            .into_iter()
            .map(|i| ItemDto {
                code: i.code,
                discipline: i.discipline,
                reverse: i.reverse,
                text_id: i.text_id,
                text_en: i.text_en,
            })
            .collect(),
    })
}
