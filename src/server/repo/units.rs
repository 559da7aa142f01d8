//! The unit table: reading the tree and writing rows already validated against it.

use crate::domain::UnitId;
use crate::domain::unit_tree::{UnitKind, UnitRow};
use crate::error::AppError;
use crate::server::entities::unit;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::HashMap;

/// All units, ordered by id (parents were created before their children).
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<unit::Model>, AppError> {
    Ok(unit::Entity::find().order_by_asc(unit::Column::Id).all(db).await?)
}

/// Finds a unit by code.
pub async fn by_code(db: &impl ConnectionTrait, code: &str) -> Result<Option<unit::Model>, AppError> {
    Ok(unit::Entity::find().filter(unit::Column::Code.eq(code)).one(db).await?)
}

/// Writes `rows`, already validated against the stored units `all`, parents before children (a
/// parent may be a new row too); returns how many were inserted and how many updated.
pub async fn write_valid_rows(
    db: &impl ConnectionTrait,
    all: &[unit::Model],
    rows: &[UnitRow],
) -> Result<(u64, u64), AppError> {
    let mut id_of: HashMap<String, UnitId> = all.iter().map(|u| (u.code.clone(), u.id)).collect();
    let by_code: HashMap<&str, &unit::Model> = all.iter().map(|u| (u.code.as_str(), u)).collect();
    let (mut inserted, mut updated) = (0u64, 0u64);
    let mut pending: Vec<&UnitRow> = rows.iter().collect();
    while !pending.is_empty() {
        let before = pending.len();
        let mut next = Vec::new();
        for row in pending {
            let parent_id = match row.parent_code.as_deref() {
                None => None,
                Some(p) => match id_of.get(p) {
                    Some(id) => Some(*id),
                    None => {
                        next.push(row);
                        continue;
                    }
                },
            };
            let headcount = row.headcount.map(|h| i32::try_from(h).unwrap_or(i32::MAX));
            let kind = UnitKind::parse(&row.kind).ok_or_else(|| AppError::internal("unit kind passed validation"))?;
            if let Some(existing) = by_code.get(row.code.as_str()) {
                let mut active: unit::ActiveModel = (*existing).clone().into();
                active.name = Set(row.name.trim().to_string());
                active.parent_id = Set(parent_id);
                active.kind = Set(kind);
                active.headcount = Set(headcount);
                active.update(db).await?;
                updated += 1;
            } else {
                let model = unit::ActiveModel {
                    code: Set(row.code.clone()),
                    name: Set(row.name.trim().to_string()),
                    parent_id: Set(parent_id),
                    kind: Set(kind),
                    headcount: Set(headcount),
                    active: Set(true),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                id_of.insert(model.code.clone(), model.id);
                inserted += 1;
            }
        }
        if next.len() == before {
            return Err(AppError::internal("unit upsert could not order rows after validation"));
        }
        pending = next;
    }
    Ok((inserted, updated))
}

/// Marks `changed` active or inactive.
pub async fn set_active(db: &impl ConnectionTrait, changed: &[&unit::Model], active: bool) -> Result<(), AppError> {
    for u in changed {
        let mut model: unit::ActiveModel = (*u).clone().into();
        model.active = Set(active);
        model.update(db).await?;
    }
    Ok(())
}
