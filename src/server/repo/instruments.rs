//! Instruments and their items, including installing the built-in LO-25.

use crate::domain::discipline::Discipline;
use crate::domain::lo25;
use crate::domain::scoring::ItemKey;
use crate::error::AppError;
use crate::server::entities::{instrument, item};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionSession,
    TransactionTrait,
};

/// Installs Mawas LO-25 (published) if it is not there yet; returns its id. Idempotent.
pub async fn ensure_lo25<C: ConnectionTrait + TransactionTrait>(db: &C, now: DateTime<Utc>) -> Result<i32, AppError> {
    let existing = instrument::Entity::find()
        .filter(instrument::Column::Slug.eq(lo25::SLUG))
        .filter(instrument::Column::Version.eq(lo25::VERSION))
        .one(db)
        .await?;
    if let Some(found) = existing {
        return Ok(found.id);
    }
    let txn = db.begin().await?;
    let created = instrument::ActiveModel {
        slug: Set(lo25::SLUG.into()),
        version: Set(lo25::VERSION),
        title_id: Set(lo25::TITLE_ID.into()),
        title_en: Set(lo25::TITLE_EN.into()),
        scale_points: Set(i16::from(lo25::SCALE_POINTS)),
        published: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let items = lo25::ITEMS.iter().enumerate().map(|(i, it)| item::ActiveModel {
        instrument_id: Set(created.id),
        code: Set(it.code.into()),
        discipline: Set(it.discipline.code().into()),
        reverse: Set(it.reverse),
        position: Set(i as i32 + 1),
        text_id: Set(it.text_id.into()),
        text_en: Set(it.text_en.into()),
        ..Default::default()
    });
    item::Entity::insert_many(items).exec(&txn).await?;
    txn.commit().await?;
    Ok(created.id)
}

/// The newest published version of an instrument by slug.
pub async fn published_by_slug(db: &impl ConnectionTrait, slug: &str) -> Result<Option<instrument::Model>, AppError> {
    Ok(instrument::Entity::find()
        .filter(instrument::Column::Slug.eq(slug))
        .filter(instrument::Column::Published.eq(true))
        .order_by_desc(instrument::Column::Version)
        .one(db)
        .await?)
}

/// Items of an instrument in presentation order.
pub async fn items(db: &impl ConnectionTrait, instrument_id: i32) -> Result<Vec<item::Model>, AppError> {
    Ok(item::Entity::find()
        .filter(item::Column::InstrumentId.eq(instrument_id))
        .order_by_asc(item::Column::Position)
        .all(db)
        .await?)
}

/// What scoring needs of an item; `None` for an unknown discipline code.
pub fn item_key(item: &item::Model) -> Option<ItemKey> {
    Some(ItemKey { discipline: Discipline::parse(&item.discipline)?, reverse: item.reverse })
}

/// An instrument by id.
pub async fn by_id(db: &impl ConnectionTrait, id: i32) -> Result<Option<instrument::Model>, AppError> {
    use sea_orm::EntityTrait;
    Ok(instrument::Entity::find_by_id(id).one(db).await?)
}

/// Items of an instrument as submission validation needs them, in presentation order.
pub async fn instrument_items(
    db: &impl ConnectionTrait,
    instrument_id: i32,
) -> Result<Vec<crate::domain::submission::InstrumentItem>, AppError> {
    Ok(as_instrument_items(&items(db, instrument_id).await?))
}

/// Already loaded items as submission validation needs them; items of an unknown discipline are left out.
pub fn as_instrument_items(items: &[item::Model]) -> Vec<crate::domain::submission::InstrumentItem> {
    items
        .iter()
        .filter_map(|i| {
            Some(crate::domain::submission::InstrumentItem { id: i.id, code: i.code.clone(), key: item_key(i)? })
        })
        .collect()
}

/// The published instruments, by slug.
pub async fn published(db: &impl ConnectionTrait) -> Result<Vec<instrument::Model>, AppError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    Ok(instrument::Entity::find()
        .filter(instrument::Column::Published.eq(true))
        .order_by_asc(instrument::Column::Slug)
        .all(db)
        .await?)
}
