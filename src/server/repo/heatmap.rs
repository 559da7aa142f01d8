//! Per-unit sums of a wave's stored scores: one GROUP BY over the responses, rolled up in memory by
//! [`crate::domain::heatmap`].

use crate::domain::aggregation::{FavourableCount, GroupSums};
use crate::domain::breakdown::BreakdownBy;
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
    Ok(grouped_sums(db, wave_id, None).await?.into_iter().map(|((unit, _), sums)| (unit, sums)).collect())
}

/// Sums of each unit's own responses in a wave per value of a band column (`None` where the
/// respondent left the band empty).
pub async fn own_sums_by_band(
    db: &impl ConnectionTrait,
    wave_id: i32,
    band: Column,
) -> Result<HashMap<(i32, Option<String>), ScoreSums>, AppError> {
    grouped_sums(db, wave_id, Some(band)).await
}

async fn grouped_sums(
    db: &impl ConnectionTrait,
    wave_id: i32,
    band: Option<Column>,
) -> Result<HashMap<(i32, Option<String>), ScoreSums>, AppError> {
    let mut query = Query::select();
    query
        .from(response::Entity)
        .column(Column::UnitId)
        .expr_as(Func::count(Expr::col(Column::Id)), Alias::new("responses"))
        .and_where(Expr::col(Column::WaveId).eq(wave_id))
        .group_by_col(Column::UnitId);
    if let Some(band) = band {
        query.expr_as(Expr::col(band), Alias::new("band")).group_by_col(band);
    }
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
        let band_value: Option<String> = if band.is_some() { row.try_get("", "band")? } else { None };
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
        out.insert((unit_id, band_value), sums);
    }
    Ok(out)
}

/// The wave's unit tree as the heatmap needs it (the wave's root has no parent).
pub fn wave_tree(
    wave: &crate::server::entities::wave::Model,
    all: &[crate::server::entities::unit::Model],
    in_wave: &std::collections::HashSet<i32>,
) -> Vec<crate::domain::heatmap::HeatmapUnit> {
    all.iter()
        .filter(|u| in_wave.contains(&u.id))
        .map(|u| crate::domain::heatmap::HeatmapUnit {
            id: u.id,
            parent: u.parent_id.filter(|_| u.id != wave.root_unit_id),
            code: u.code.clone(),
            name: u.name.clone(),
            headcount: u.headcount.map(i64::from),
        })
        .collect()
}

/// Heatmap rows of a wave from `start` down, with suppression decided on the wave's whole tree.
pub async fn rows(
    db: &impl ConnectionTrait,
    wave: &crate::server::entities::wave::Model,
    all: &[crate::server::entities::unit::Model],
    in_wave: &std::collections::HashSet<i32>,
    start: i32,
    k: u32,
) -> Result<Vec<crate::domain::heatmap::HeatmapRow>, AppError> {
    let own = own_sums_of_wave(db, wave.id).await?;
    Ok(crate::domain::heatmap::build_heatmap(&wave_tree(wave, all, in_wave), &own, k, Some(start)))
}

/// The heatmap of wave `id` as an account with `scope` may see it (`Forbidden` outside the scope).
pub async fn wave_heatmap(
    db: &impl ConnectionTrait,
    id: i32,
    scope: Option<i32>,
) -> Result<crate::dto::HeatmapDto, AppError> {
    use crate::server::repo::{settings, waves};
    let (wave, all, in_wave, start) = waves::in_scope(db, id, scope).await?;
    let k = settings::min_group_size(db).await?;
    let rows = rows(db, &wave, &all, &in_wave, start, k).await?.into_iter().map(Into::into).collect();
    Ok(crate::dto::HeatmapDto { wave: waves::wave_ref(wave), min_group_size: k, rows })
}

/// The latest periodic wave of the same instrument that opened before `wave`.
async fn previous_wave(
    db: &impl ConnectionTrait,
    wave: &crate::server::entities::wave::Model,
) -> Result<Option<crate::server::entities::wave::Model>, AppError> {
    use crate::server::entities::wave as w;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    Ok(w::Entity::find()
        .filter(w::Column::Kind.eq("periodic"))
        .filter(w::Column::InstrumentId.eq(wave.instrument_id))
        .filter(w::Column::OpensOn.lt(wave.opens_on))
        .order_by_desc(w::Column::OpensOn)
        .one(db)
        .await?)
}

/// Every view of wave `id`'s heatmap that an account with `scope` may see: the rows, the difference
/// of each from the whole organisation, and its change since the previous wave of the instrument.
pub async fn wave_views(
    db: &impl ConnectionTrait,
    id: i32,
    scope: Option<i32>,
) -> Result<crate::dto::HeatmapViewsDto, AppError> {
    use crate::domain::heatmap::build_heatmap;
    use crate::domain::heatmap_views::{change_since, difference_from_organisation, headline};
    use crate::server::repo::{settings, waves};
    let (wave, all, in_wave, start) = waves::in_scope(db, id, scope).await?;
    let k = settings::min_group_size(db).await?;
    let tree = wave_tree(&wave, &all, &in_wave);
    let own = own_sums_of_wave(db, wave.id).await?;
    let current = build_heatmap(&tree, &own, k, Some(start));
    let whole = build_heatmap(&tree, &own, k, Some(wave.root_unit_id));
    let organisation = whole.first().filter(|r| r.reportable);
    let previous = previous_wave(db, &wave).await?;
    let before: HashMap<i32, crate::domain::heatmap::HeatmapRow> = match &previous {
        Some(p) => {
            let p_in_wave = crate::server::repo::units::subtree_ids(&all, Some(p.root_unit_id));
            let p_tree = wave_tree(p, &all, &p_in_wave);
            let p_own = own_sums_of_wave(db, p.id).await?;
            // Each wave decides its own suppression on its own whole tree.
            build_heatmap(&p_tree, &p_own, k, None).into_iter().map(|r| (r.unit_id, r)).collect()
        }
        None => HashMap::new(),
    };
    let difference = current.iter().map(|r| difference_from_organisation(r, organisation)).collect();
    let change = current.iter().map(|r| change_since(r, before.get(&r.unit_id))).collect();
    let organisation_name = all.iter().find(|u| u.id == wave.root_unit_id).map(|u| u.name.clone()).unwrap_or_default();
    let planned = crate::server::repo::action_plans::units_with_active_plans(db).await?;
    let active_plans = current.iter().filter(|r| planned.contains(&r.unit_id)).map(|r| r.code.clone()).collect();
    Ok(crate::dto::HeatmapViewsDto {
        organisation: organisation.map(headline).unwrap_or([None; 6]),
        organisation_name,
        heatmap: crate::dto::HeatmapDto {
            wave: waves::wave_ref(wave),
            min_group_size: k,
            rows: current.into_iter().map(Into::into).collect(),
        },
        previous: previous.map(waves::wave_ref),
        difference,
        change,
        category_bands: settings::category_bands(db).await?.to_text(),
        as_of: chrono::Utc::now().date_naive(),
        active_plans,
    })
}

/// The response column a breakdown groups by.
fn band_column(by: BreakdownBy) -> Column {
    match by {
        BreakdownBy::GradeBand => Column::GradeBand,
        BreakdownBy::TenureBand => Column::TenureBand,
        BreakdownBy::Role => Column::RoleKind,
    }
}

/// The heatmap of wave `id` broken down by `by`, as an account with `scope` may see it: after each
/// unit's row come its band rows (`band` set), each band under the filter rule and complementary
/// suppression ([`crate::domain::breakdown`]).
pub async fn wave_breakdown(
    db: &impl ConnectionTrait,
    id: i32,
    scope: Option<i32>,
    by: BreakdownBy,
) -> Result<crate::dto::HeatmapDto, AppError> {
    use crate::server::repo::{settings, waves};
    let (wave, all, in_wave, start) = waves::in_scope(db, id, scope).await?;
    let k = settings::min_group_size(db).await?;
    let codes = by.band_codes();
    let index_of = |band: &Option<String>| {
        // A value outside today's list (an older list) counts with the respondents who gave none.
        band.as_deref().and_then(|b| codes.iter().position(|c| *c == b)).unwrap_or(codes.len() - 1)
    };
    let mut own: HashMap<(i32, usize), ScoreSums> = HashMap::new();
    for ((unit, band), sums) in own_sums_by_band(db, wave.id, band_column(by)).await? {
        own.entry((unit, index_of(&band))).or_default().merge(&sums);
    }
    let tree = wave_tree(&wave, &all, &in_wave);
    let mut rows = Vec::new();
    for breakdown in crate::domain::heatmap::build_breakdown(&tree, &own, codes.len(), k, Some(start)) {
        rows.push(crate::dto::HeatmapRowDto::from(breakdown.unit));
        for (band_row, code) in breakdown.bands.into_iter().zip(&codes) {
            rows.push(crate::dto::HeatmapRowDto { band: Some(code.to_string()), ..band_row.into() });
        }
    }
    Ok(crate::dto::HeatmapDto { wave: waves::wave_ref(wave), min_group_size: k, rows })
}
