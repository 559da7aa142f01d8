//! Complete-case sums for Cronbach's α per (wave, unit), kept in each submit transaction (migration
//! `wave_unit_alpha_sums`): α of any scope reads one row per unit, whatever the number of answers.

use super::ScoredResponse;
use crate::domain::Discipline;
use crate::domain::reliability::{AlphaSums, ITEMS, complete_cases_of_response};
use crate::domain::{UnitId, WaveId};
use crate::error::AppError;
use migration::wave_unit_alpha_sums::{TABLE, discipline_columns, summed_columns};
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{ConnectionTrait, ExprTrait, QueryResult};
use std::collections::{BTreeMap, HashMap};

/// A sum for SQL.
fn signed(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The values of `sums` in the column order of `discipline_columns`.
fn sum_values(sums: &AlphaSums) -> impl Iterator<Item = sea_orm::Value> {
    std::iter::once(sums.n)
        .chain(sums.item_sum)
        .chain(sums.item_sum_sq)
        .chain([sums.total_sum, sums.total_sum_sq])
        .map(|x| signed(x).into())
}

/// Reads discipline `d`'s sums from a row of the table.
fn sums_from_row(row: &QueryResult, d: Discipline) -> Result<AlphaSums, AppError> {
    let v = discipline_columns(d.code())
        .iter()
        .map(|column| Ok(u64::try_from(row.try_get::<i64>("", column)?).unwrap_or(0)))
        .collect::<Result<Vec<u64>, AppError>>()?;
    Ok(AlphaSums {
        n: v[0],
        item_sum: std::array::from_fn(|j| v[1 + j]),
        item_sum_sq: std::array::from_fn(|j| v[1 + ITEMS + j]),
        total_sum: v[1 + 2 * ITEMS],
        total_sum_sq: v[2 + 2 * ITEMS],
    })
}

/// Adds the complete cases of just-stored responses to their (wave, unit) rows, one statement per
/// (wave, unit) in key order, in the transaction that stored them. A unit none of whose responses has
/// a complete case gets no row.
pub async fn add_to_sums(db: &impl ConnectionTrait, stored: &[ScoredResponse<'_>]) -> Result<(), AppError> {
    let mut by_unit: BTreeMap<(WaveId, UnitId), [AlphaSums; 5]> = BTreeMap::new();
    for response in stored {
        let keys = response.items.iter().map(|i| i.key);
        let cases = complete_cases_of_response(keys, &response.valid.answers, response.scale_points);
        if cases.iter().all(Option::is_none) {
            continue;
        }
        let sums = by_unit.entry((response.wave_id, response.unit_id)).or_default();
        for (sum, case) in sums.iter_mut().zip(cases) {
            if let Some(case) = case {
                sum.add(&AlphaSums::of_case(case));
            }
        }
    }
    for ((wave_id, unit_id), sums) in by_unit {
        let values = sums.iter().flat_map(sum_values).collect();
        crate::server::repo::sums::scores::add_to_row(db, TABLE, wave_id, unit_id, &summed_columns(), values).await?;
    }
    Ok(())
}

/// Complete-case sums per discipline of each unit's own responses in a wave.
pub(crate) async fn sums_per_unit(
    db: &impl ConnectionTrait,
    wave_id: WaveId,
) -> Result<HashMap<UnitId, [AlphaSums; 5]>, AppError> {
    let mut query = Query::select();
    query
        .from(Alias::new(TABLE))
        .column(Alias::new("unit_id"))
        .columns(summed_columns().into_iter().map(Alias::new))
        .and_where(Expr::col(Alias::new("wave_id")).eq(wave_id));
    let mut out = HashMap::new();
    for row in db.query_all(&query).await? {
        let unit_id: UnitId = row.try_get("", "unit_id")?;
        let mut sums = [AlphaSums::default(); 5];
        for d in Discipline::ALL {
            sums[d.index()] = sums_from_row(&row, d)?;
        }
        out.insert(unit_id, sums);
    }
    Ok(out)
}
