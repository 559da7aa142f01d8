//! Per-unit sums of a wave's stored scores: one GROUP BY over the responses, rolled up in memory by
//! [`crate::domain::heatmap`].

use crate::domain::aggregation::{FavourableCount, GroupSums};
use crate::domain::heatmap::ScoreSums;
use crate::error::AppError;
use crate::server::entities::response::{self, Column};
use sea_orm::sea_query::{Alias, Expr, Func, Query};
use sea_orm::{ConnectionTrait, ExprTrait, QueryResult};
use std::collections::HashMap;

/// Score, favourable and answered columns of each discipline, in `Discipline::ALL` order.
const DISCIPLINE_COLUMNS: [(Column, Column, Column); 5] = [
    (Column::ScorePersonalMastery, Column::FavourablePersonalMastery, Column::AnsweredPersonalMastery),
    (Column::ScoreMentalModels, Column::FavourableMentalModels, Column::AnsweredMentalModels),
    (Column::ScoreSharedVision, Column::FavourableSharedVision, Column::AnsweredSharedVision),
    (Column::ScoreTeamLearning, Column::FavourableTeamLearning, Column::AnsweredTeamLearning),
    (Column::ScoreSystemsThinking, Column::FavourableSystemsThinking, Column::AnsweredSystemsThinking),
];

/// A count from SQL, where it arrives as a signed integer.
fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

fn score_sums(row: &QueryResult, prefix: &str) -> Result<GroupSums, AppError> {
    let n: i64 = row.try_get("", &format!("{prefix}_n"))?;
    let sum: Option<f64> = row.try_get("", &format!("{prefix}_s"))?;
    let sum_sq: Option<f64> = row.try_get("", &format!("{prefix}_q"))?;
    Ok(GroupSums { n: count(n), sum: sum.unwrap_or(0.0), sum_sq: sum_sq.unwrap_or(0.0) })
}

/// Sums of each unit's own responses in a wave (units without responses are absent).
pub async fn own_sums_of_wave(db: &impl ConnectionTrait, wave_id: i32) -> Result<HashMap<i32, ScoreSums>, AppError> {
    let mut query = Query::select();
    query
        .from(response::Entity)
        .column(Column::UnitId)
        .expr_as(Func::count(Expr::col(Column::Id)), Alias::new("responses"))
        .and_where(Expr::col(Column::WaveId).eq(wave_id))
        .group_by_col(Column::UnitId);
    let mut add_score = |column: Column, prefix: String| {
        query
            .expr_as(Func::count(Expr::col(column)), Alias::new(format!("{prefix}_n")))
            .expr_as(Func::sum(Expr::col(column)), Alias::new(format!("{prefix}_s")))
            .expr_as(Func::sum(Expr::col(column).mul(Expr::col(column))), Alias::new(format!("{prefix}_q")));
    };
    for (i, (score, _, _)) in DISCIPLINE_COLUMNS.iter().enumerate() {
        add_score(*score, format!("d{i}"));
    }
    add_score(Column::LoIndex, "lo".into());
    for (i, (_, favourable, answered)) in DISCIPLINE_COLUMNS.iter().enumerate() {
        query
            .expr_as(Func::sum(Expr::col(*favourable)), Alias::new(format!("f{i}")))
            .expr_as(Func::sum(Expr::col(*answered)), Alias::new(format!("a{i}")));
    }
    let mut out = HashMap::new();
    for row in db.query_all(&query).await? {
        let unit_id: i32 = row.try_get("", "unit_id")?;
        let responses: i64 = row.try_get("", "responses")?;
        let mut sums = ScoreSums { responses: count(responses), ..Default::default() };
        for i in 0..5 {
            sums.disciplines[i] = score_sums(&row, &format!("d{i}"))?;
            let favourable: Option<i64> = row.try_get("", &format!("f{i}"))?;
            let answered: Option<i64> = row.try_get("", &format!("a{i}"))?;
            sums.favourable[i] =
                FavourableCount { favourable: count(favourable.unwrap_or(0)), answered: count(answered.unwrap_or(0)) };
        }
        sums.lo_index = score_sums(&row, "lo")?;
        out.insert(unit_id, sums);
    }
    Ok(out)
}
