//! Counts over the item answers of a wave (table `answer` joined to its responses), for item splits.

use crate::domain::{UnitId, WaveId};
use crate::error::AppError;
use crate::server::entities::{answer, response};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QuerySelect, Select};
use std::collections::{HashMap, HashSet};

/// The answers of wave `wave_id`'s responses, selecting nothing yet and counting them as `n`.
fn counted_answers_of_wave(wave_id: WaveId) -> Select<answer::Entity> {
    answer::Entity::find()
        .select_only()
        .expr_as(Func::count(Expr::col((answer::Entity, answer::Column::ResponseId))), "n")
        .join(
            JoinType::InnerJoin,
            answer::Entity::belongs_to(response::Entity)
                .from(answer::Column::ResponseId)
                .to(response::Column::Id)
                .into(),
        )
        .filter(response::Column::WaveId.eq(wave_id))
}

/// Answers per (item, raw value) of the responses of `unit_ids` in a wave.
pub async fn counts_by_value(
    db: &impl ConnectionTrait,
    wave_id: WaveId,
    unit_ids: &HashSet<UnitId>,
) -> Result<Vec<(i32, i64, i64)>, AppError> {
    let rows: Vec<(i64, i32, i16)> = counted_answers_of_wave(wave_id)
        .column(answer::Column::ItemId)
        .column(answer::Column::Value)
        .filter(response::Column::UnitId.is_in(unit_ids.iter().copied()))
        .group_by(answer::Column::ItemId)
        .group_by(answer::Column::Value)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(n, item, value)| (item, i64::from(value), n)).collect())
}

/// How many answered each item in each unit's own responses of a wave, by (unit, item): the n of
/// each item split.
pub async fn answered_per_unit_and_item(
    db: &impl ConnectionTrait,
    wave_id: WaveId,
) -> Result<HashMap<(UnitId, i32), u64>, AppError> {
    let rows: Vec<(i64, UnitId, i32)> = counted_answers_of_wave(wave_id)
        .column_as(response::Column::UnitId, "unit_id")
        .column(answer::Column::ItemId)
        .group_by(response::Column::UnitId)
        .group_by(answer::Column::ItemId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(n, unit, item)| ((unit, item), u64::try_from(n).unwrap_or(0))).collect())
}
