//! Complete cases of each discipline in a wave, for Cronbach's α.

use crate::domain::Discipline;
use crate::domain::LikertValue;
use crate::error::AppError;
use crate::server::entities::{answer, item, response};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ConnectionTrait, ExprTrait};
use std::collections::{HashMap, HashSet};

/// Scored item values (after reverse scoring) of every response in `units` that answered all five
/// items of a discipline, per discipline. Item order follows the instrument.
pub async fn complete_cases(
    db: &impl ConnectionTrait,
    wave_id: i32,
    units: &HashSet<i32>,
    scale_points: u8,
) -> Result<[Vec<[f64; 5]>; 5], AppError> {
    let mut query = Query::select();
    query
        .column((answer::Entity, answer::Column::ResponseId))
        .column((answer::Entity, answer::Column::Value))
        .column((item::Entity, item::Column::Discipline))
        .column((item::Entity, item::Column::Reverse))
        .column((item::Entity, item::Column::Position))
        .column((response::Entity, response::Column::UnitId))
        .from(answer::Entity)
        .inner_join(
            response::Entity,
            Expr::col((response::Entity, response::Column::Id)).equals((answer::Entity, answer::Column::ResponseId)),
        )
        .inner_join(
            item::Entity,
            Expr::col((item::Entity, item::Column::Id)).equals((answer::Entity, answer::Column::ItemId)),
        )
        .and_where(Expr::col((response::Entity, response::Column::WaveId)).eq(wave_id));
    // (response, discipline) → values by position within the discipline
    let mut by_case: HashMap<(i32, usize), Vec<(i32, f64)>> = HashMap::new();
    for row in db.query_all(&query).await? {
        let unit_id: i32 = row.try_get("", "unit_id")?;
        if !units.contains(&unit_id) {
            continue;
        }
        let discipline: String = row.try_get("", "discipline")?;
        let Some(d) = Discipline::parse(&discipline) else { continue };
        let value: i16 = row.try_get("", "value")?;
        let Ok(value) = LikertValue::parse(i64::from(value), scale_points) else { continue };
        let reverse: bool = row.try_get("", "reverse")?;
        let position: i32 = row.try_get("", "position")?;
        let response_id: i32 = row.try_get("", "response_id")?;
        by_case
            .entry((response_id, d.index()))
            .or_default()
            .push((position, f64::from(value.scored(reverse, scale_points))));
    }
    let mut cases: [Vec<[f64; 5]>; 5] = Default::default();
    for ((_, d), mut values) in by_case {
        if values.len() == 5 {
            values.sort_by_key(|(position, _)| *position);
            cases[d].push(std::array::from_fn(|j| values[j].1));
        }
    }
    Ok(cases)
}
