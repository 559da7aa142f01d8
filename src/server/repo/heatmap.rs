//! Per-unit sums of a wave's stored scores, rolled up in memory by [`crate::domain::heatmap`]: read
//! from the sums kept per (wave, unit) in each submit transaction, or for breakdowns by band from one
//! GROUP BY over the wave's responses.

use crate::domain::aggregation::{FavourableCount, GroupSums};
use crate::domain::breakdown::BreakdownBy;
use crate::domain::heatmap::ScoreSums;
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
/// (DESIGN.md §5 lists what it stores), only the count per (wave, unit) does.
pub async fn add_to_sums(db: &impl ConnectionTrait, saved: &[(response::Model, bool)]) -> Result<(), AppError> {
    let mut by_unit: BTreeMap<(i32, i32), ScoreSums> = BTreeMap::new();
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
    wave_id: i32,
    unit_id: i32,
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
pub async fn own_sums_of_wave(db: &impl ConnectionTrait, wave_id: i32) -> Result<HashMap<i32, ScoreSums>, AppError> {
    let mut query = Query::select();
    query
        .from(Alias::new(TABLE))
        .column(Alias::new("unit_id"))
        .columns(summed_columns().into_iter().map(|(name, _)| Alias::new(name)))
        .and_where(Expr::col(Alias::new("wave_id")).eq(wave_id));
    let mut out = HashMap::new();
    for row in db.query_all(&query).await? {
        let unit_id: i32 = row.try_get("", "unit_id")?;
        out.insert(unit_id, sums_from_row(&row)?);
    }
    Ok(out)
}

/// How many responses a wave has from the given units so far, from the kept sums (no scan of the
/// responses, however many there are).
pub async fn responses_from(db: &impl ConnectionTrait, wave_id: i32, unit_ids: Vec<i32>) -> Result<u64, AppError> {
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
    wave_id: i32,
    band: Column,
) -> Result<HashMap<(i32, Option<String>), ScoreSums>, AppError> {
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
        let unit_id: i32 = row.try_get("", "unit_id")?;
        let band_value: Option<String> = row.try_get("", "band")?;
        out.insert((unit_id, band_value), sums_from_row(&row)?);
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
    let release = crate::server::repo::waves::release_of(wave, chrono::Utc::now().date_naive());
    Ok(crate::domain::heatmap::build_heatmap(&wave_tree(wave, all, in_wave), &own, k, Some(start), release))
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
    waves::note_results_shown(db, &wave, chrono::Utc::now().date_naive()).await?;
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
    let today = chrono::Utc::now().date_naive();
    let release = waves::release_of(&wave, today);
    waves::note_results_shown(db, &wave, today).await?;
    let current = build_heatmap(&tree, &own, k, Some(start), release);
    let whole = build_heatmap(&tree, &own, k, Some(wave.root_unit_id), release);
    let organisation = whole.first().filter(|r| r.reportable);
    let previous = previous_wave(db, &wave).await?;
    let before: HashMap<i32, crate::domain::heatmap::HeatmapRow> = match &previous {
        Some(p) => {
            let p_all = waves::units_of(db, p).await?;
            let p_in_wave = crate::server::repo::units::subtree_ids(&p_all, Some(p.root_unit_id));
            let p_tree = wave_tree(p, &p_all, &p_in_wave);
            let p_own = own_sums_of_wave(db, p.id).await?;
            // Each wave decides its own suppression on its own whole tree.
            build_heatmap(&p_tree, &p_own, k, None, waves::release_of(p, today))
                .into_iter()
                .map(|r| (r.unit_id, r))
                .collect()
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

/// The heatmap of wave `id` broken down by its dimension, as an account with `scope` may see it:
/// after each unit's row come its band rows (`band` set), each band group decided for each figure by
/// [`crate::domain::disclosure::shown_bands`]. Asking for another dimension (`by`) is refused in
/// `lang`: a wave shows one breakdown, or two could be crossed (DESIGN.md §5).
pub async fn wave_breakdown(
    db: &impl ConnectionTrait,
    id: i32,
    scope: Option<i32>,
    by: Option<BreakdownBy>,
    lang: crate::i18n::Lang,
) -> Result<crate::dto::HeatmapDto, AppError> {
    use crate::server::repo::{settings, waves};
    let (wave, all, in_wave, start) = waves::in_scope(db, id, scope).await?;
    let own = BreakdownBy::of_wave(&wave.breakdown_by);
    if by.is_some_and(|by| by != own) {
        let message = crate::i18n::fill(
            lang.breakdown().not_of_wave,
            &[("dimension", &lang.breakdown_dimension(own).to_lowercase())],
        );
        return Err(AppError::invalid(message));
    }
    let by = own;
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
    let release = waves::release_of(&wave, chrono::Utc::now().date_naive());
    waves::note_results_shown(db, &wave, chrono::Utc::now().date_naive()).await?;
    for breakdown in crate::domain::heatmap::build_breakdown(&tree, &own, codes.len(), k, Some(start), release) {
        rows.push(crate::dto::HeatmapRowDto::from(breakdown.unit));
        for (band_row, code) in breakdown.bands.into_iter().zip(&codes) {
            rows.push(crate::dto::HeatmapRowDto { band: Some(code.to_string()), ..band_row.into() });
        }
    }
    Ok(crate::dto::HeatmapDto { wave: waves::wave_ref(wave), min_group_size: k, rows })
}
