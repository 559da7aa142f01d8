//! Score sums per (wave, unit): written in each submit transaction, read by the heatmap, the
//! breakdown and the live confidentiality sentence, so a view reads one row per unit.

use crate::domain::aggregation::{FavourableCount, GroupSums};
use crate::domain::heatmap::ScoreSums;
use crate::domain::{UnitId, WaveId};
use crate::error::AppError;
use crate::server::entities::response::{self, Column};
use migration::wave_unit_sums::{DISCIPLINES, MEASURES, TABLE, rebuild_statements, summed_columns};
use sea_orm::sea_query::{Alias, Expr, OnConflict, Query};
use sea_orm::{ConnectionTrait, ExprTrait, QueryResult};
use std::collections::{BTreeMap, HashMap};

/// A count from SQL, where it arrives as a signed integer.
fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// A count for SQL.
fn signed(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Reads the sums named as in the `wave_unit_sum` table (`responses`, `{measure}_n`, `_sum`,
/// `_sum_sq`, `{discipline}_favourable`, `_answered`, `_answering`) from a row of that table or of a GROUP BY.
fn sums_from_row(row: &QueryResult) -> Result<ScoreSums, AppError> {
    let score_sums = |measure: &str| -> Result<GroupSums, AppError> {
        let n: Option<i64> = row.try_get("", &format!("{measure}_n"))?;
        let sum: Option<f64> = row.try_get("", &format!("{measure}_sum"))?;
        let sum_sq: Option<f64> = row.try_get("", &format!("{measure}_sum_sq"))?;
        Ok(GroupSums { n: count(n.unwrap_or(0)), sum: sum.unwrap_or(0.0), sum_sq: sum_sq.unwrap_or(0.0) })
    };
    let responses: i64 = row.try_get("", "responses")?;
    let typed_in: Option<i64> = row.try_get("", "typed_in")?;
    let mut sums =
        ScoreSums { responses: count(responses), typed_in: count(typed_in.unwrap_or(0)), ..Default::default() };
    for (i, d) in DISCIPLINES.iter().enumerate() {
        sums.disciplines[i] = score_sums(d)?;
        let favourable: Option<i64> = row.try_get("", &format!("{d}_favourable"))?;
        let answered: Option<i64> = row.try_get("", &format!("{d}_answered"))?;
        let answering: Option<i64> = row.try_get("", &format!("{d}_answering"))?;
        sums.favourable[i] = FavourableCount {
            favourable: count(favourable.unwrap_or(0)),
            answered: count(answered.unwrap_or(0)),
            respondents: count(answering.unwrap_or(0)),
        };
    }
    sums.lo_index = score_sums(MEASURES[5])?;
    Ok(sums)
}

/// The values of `sums` in the column order of `migration::wave_unit_sums::summed_columns`.
fn sum_values(sums: &ScoreSums) -> Vec<sea_orm::Value> {
    let mut values = vec![signed(sums.responses).into()];
    for s in sums.disciplines.iter().chain(std::iter::once(&sums.lo_index)) {
        values.extend([signed(s.n).into(), s.sum.into(), s.sum_sq.into()]);
    }
    for f in &sums.favourable {
        values.extend([signed(f.favourable).into(), signed(f.answered).into()]);
    }
    values.extend(sums.favourable.iter().map(|f| signed(f.respondents).into()));
    values.push(signed(sums.typed_in).into());
    values
}

/// The sums one stored response adds to its unit.
fn sums_of_response(saved: &response::Model, typed_in: bool) -> ScoreSums {
    let one = |score: Option<f64>| match score {
        Some(x) => GroupSums { n: 1, sum: x, sum_sq: x * x },
        None => GroupSums::default(),
    };
    let counted = |favourable: i16, answered: i16| FavourableCount {
        favourable: u64::try_from(favourable).unwrap_or(0),
        answered: u64::try_from(answered).unwrap_or(0),
        respondents: u64::from(answered > 0),
    };
    ScoreSums {
        responses: 1,
        typed_in: u64::from(typed_in),
        disciplines: [
            one(saved.score_personal_mastery),
            one(saved.score_mental_models),
            one(saved.score_shared_vision),
            one(saved.score_team_learning),
            one(saved.score_systems_thinking),
        ],
        lo_index: one(saved.lo_index),
        favourable: [
            counted(saved.favourable_personal_mastery, saved.answered_personal_mastery),
            counted(saved.favourable_mental_models, saved.answered_mental_models),
            counted(saved.favourable_shared_vision, saved.answered_shared_vision),
            counted(saved.favourable_team_learning, saved.answered_team_learning),
            counted(saved.favourable_systems_thinking, saved.answered_systems_thinking),
        ],
    }
}

/// Adds just-stored responses to their (wave, unit) sums, one statement per (wave, unit) in key order.
/// Call it in the transaction that stored them, so the sums never count a response that is not there
/// or miss one that is.
/// Each response comes with whether it was typed in from paper: the response itself does not say
/// (docs/DESIGN.md §5 lists what it stores), only the count per (wave, unit) does.
pub async fn add_to_sums(db: &impl ConnectionTrait, saved: &[(response::Model, bool)]) -> Result<(), AppError> {
    let mut by_unit: BTreeMap<(WaveId, UnitId), ScoreSums> = BTreeMap::new();
    for (response, typed_in) in saved {
        by_unit.entry((response.wave_id, response.unit_id)).or_default().merge(&sums_of_response(response, *typed_in));
    }
    let summed: Vec<String> = summed_columns().into_iter().map(|(name, _)| name).collect();
    for ((wave_id, unit_id), sums) in by_unit {
        add_to_row(db, TABLE, wave_id, unit_id, &summed, sum_values(&sums)).await?;
    }
    Ok(())
}

/// Adds `values` to the `columns` of the (wave, unit) row of a table of sums, creating the row when it
/// is the unit's first: one statement, atomic on both databases.
pub async fn add_to_row(
    db: &impl ConnectionTrait,
    table: &str,
    wave_id: WaveId,
    unit_id: UnitId,
    columns: &[String],
    values: Vec<sea_orm::Value>,
) -> Result<(), AppError> {
    let table = Alias::new(table);
    let mut row: Vec<sea_orm::Value> = vec![wave_id.into(), unit_id.into()];
    row.extend(values);
    let mut insert = Query::insert();
    insert
        .into_table(table.clone())
        .columns(["wave_id", "unit_id"].into_iter().chain(columns.iter().map(String::as_str)).map(Alias::new))
        .values(row.into_iter().map(Expr::val))
        .map_err(AppError::internal)?
        .on_conflict(
            OnConflict::columns([Alias::new("wave_id"), Alias::new("unit_id")])
                .values(columns.iter().map(|c| {
                    let column = Alias::new(c.as_str());
                    (
                        column.clone(),
                        Expr::col((table.clone(), column.clone())).add(Expr::col((Alias::new("excluded"), column))),
                    )
                }))
                .to_owned(),
        );
    db.execute(&insert).await?;
    Ok(())
}

/// Recomputes every (wave, unit) sum from the stored responses, after a bulk load that inserted
/// responses without [`add_to_sums`] (the demo seed, the benchmark fixture), with the sums behind α.
pub async fn rebuild_sums(db: &impl ConnectionTrait) -> Result<(), AppError> {
    for statement in rebuild_statements().into_iter().chain(migration::wave_unit_alpha_sums::rebuild_statements()) {
        db.execute_unprepared(&statement).await?;
    }
    Ok(())
}

/// Sums of each unit's own responses in a wave (units without responses are absent), read from the
/// sums kept per (wave, unit): at most one row per unit whatever the number of responses.
pub async fn own_sums_of_wave(
    db: &impl ConnectionTrait,
    wave_id: WaveId,
) -> Result<HashMap<UnitId, ScoreSums>, AppError> {
    let mut query = Query::select();
    query
        .from(Alias::new(TABLE))
        .column(Alias::new("unit_id"))
        .columns(summed_columns().into_iter().map(|(name, _)| Alias::new(name)))
        .and_where(Expr::col(Alias::new("wave_id")).eq(wave_id));
    let mut out = HashMap::new();
    for row in db.query_all(&query).await? {
        let unit_id: UnitId = row.try_get("", "unit_id")?;
        out.insert(unit_id, sums_from_row(&row)?);
    }
    Ok(out)
}

/// How many responses a wave has from the given units so far, from the kept sums (no scan of the
/// responses, however many there are).
pub async fn responses_from(
    db: &impl ConnectionTrait,
    wave_id: WaveId,
    unit_ids: Vec<UnitId>,
) -> Result<u64, AppError> {
    let mut query = Query::select();
    // The cast keeps the type the same on both databases: PostgreSQL sums a BIGINT into a NUMERIC.
    query
        .from(Alias::new(TABLE))
        .expr_as(Expr::cust("CAST(COALESCE(SUM(responses), 0) AS BIGINT)"), Alias::new("answered"))
        .and_where(Expr::col(Alias::new("wave_id")).eq(wave_id))
        .and_where(Expr::col(Alias::new("unit_id")).is_in(unit_ids));
    let answered: i64 = match db.query_one(&query).await? {
        Some(row) => row.try_get("", "answered")?,
        None => 0,
    };
    Ok(count(answered))
}

/// Sums of each unit's own responses in a wave per value of a band column (`None` where the
/// respondent left the band empty): one GROUP BY over the wave's responses.
pub async fn own_sums_by_band(
    db: &impl ConnectionTrait,
    wave_id: WaveId,
    band: Column,
) -> Result<HashMap<(UnitId, Option<String>), ScoreSums>, AppError> {
    let mut query = Query::select();
    query
        .from(response::Entity)
        .column(Column::UnitId)
        .expr_as(Expr::col(band), Alias::new("band"))
        .and_where(Expr::col(Column::WaveId).eq(wave_id))
        .group_by_col(Column::UnitId)
        .group_by_col(band);
    for (name, aggregate) in summed_columns() {
        query.expr_as(Expr::cust(aggregate), Alias::new(name));
    }
    let mut out = HashMap::new();
    for row in db.query_all(&query).await? {
        let unit_id: UnitId = row.try_get("", "unit_id")?;
        let band_value: Option<String> = row.try_get("", "band")?;
        out.insert((unit_id, band_value), sums_from_row(&row)?);
    }
    Ok(out)
}
