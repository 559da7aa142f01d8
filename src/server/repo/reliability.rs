//! Complete cases of each discipline in a wave, for Cronbach's α.

use crate::domain::Discipline;
use crate::domain::LikertValue;
use crate::error::AppError;
use crate::server::entities::{answer, item, response};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ConnectionTrait, ExprTrait};
use std::collections::{HashMap, HashSet};

/// Responses whose answers are read per query (25 answer rows each).
const RESPONSES_PER_QUERY: usize = 500;

/// Scored item values (after reverse scoring) of every response in `units` that answered all five
/// items of a discipline, per discipline. Item order follows the instrument.
pub async fn complete_cases(
    db: &impl ConnectionTrait,
    wave_id: i32,
    units: &HashSet<i32>,
    scale_points: u8,
) -> Result<[Vec<[f64; 5]>; 5], AppError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
    let ids: Vec<i32> = response::Entity::find()
        .select_only()
        .column(response::Column::Id)
        .filter(response::Column::WaveId.eq(wave_id))
        .filter(response::Column::UnitId.is_in(units.iter().copied()))
        .order_by_asc(response::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    // (response, discipline) → values by position within the discipline
    let mut by_case: HashMap<(i32, usize), Vec<(i32, f64)>> = HashMap::new();
    // A range of responses per query: reading a large wave's answers in one result set held
    // hundreds of MB at once, and glibc's per-thread arenas kept that memory (bench/soak.sh).
    for chunk in ids.chunks(RESPONSES_PER_QUERY) {
        let (Some(first), Some(last)) = (chunk.first(), chunk.last()) else { continue };
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
                Expr::col((response::Entity, response::Column::Id))
                    .equals((answer::Entity, answer::Column::ResponseId)),
            )
            .inner_join(
                item::Entity,
                Expr::col((item::Entity, item::Column::Id)).equals((answer::Entity, answer::Column::ItemId)),
            )
            .and_where(Expr::col((response::Entity, response::Column::WaveId)).eq(wave_id))
            .and_where(Expr::col((answer::Entity, answer::Column::ResponseId)).gte(*first))
            .and_where(Expr::col((answer::Entity, answer::Column::ResponseId)).lte(*last));
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

/// Cronbach's α per discipline of wave `id` on complete cases of the units an account with `scope`
/// sees of it; α and n are shown only from k complete cases on.
pub async fn wave_alphas(
    db: &impl ConnectionTrait,
    id: i32,
    scope: Option<i32>,
) -> Result<crate::dto::ReliabilityDto, AppError> {
    use crate::domain::reliability::{LOW_ALPHA, cronbach_alpha};
    use crate::server::repo::{settings, units, waves};
    use sea_orm::EntityTrait;
    let (wave, all, _, start) = waves::in_scope(db, id, scope).await?;
    let visible = units::subtree_ids(&all, Some(start));
    let instrument = crate::server::entities::instrument::Entity::find_by_id(wave.instrument_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let scale_points = u8::try_from(instrument.scale_points).unwrap_or(5);
    let cases = complete_cases(db, wave.id, &visible, scale_points).await?;
    let k = settings::min_group_size(db).await?;
    let disciplines = Discipline::ALL
        .into_iter()
        .map(|d| {
            let complete = &cases[d.index()];
            let shown = complete.len() as u64 >= u64::from(k);
            let alpha = if shown { cronbach_alpha(complete) } else { None };
            let dto = crate::dto::AlphaDto {
                alpha,
                n_complete: shown.then_some(complete.len() as u64),
                low: alpha.is_some_and(|a| a < LOW_ALPHA),
            };
            (d.code().to_string(), dto)
        })
        .collect();
    Ok(crate::dto::ReliabilityDto { wave: waves::wave_ref(wave), min_group_size: k, disciplines })
}
