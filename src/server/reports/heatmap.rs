//! The heatmap of a wave, its views (difference, change, bands) and its breakdown, as an account's
//! scope may see them, every figure through the disclosure control.

use crate::domain::UnitId;
use crate::domain::WaveId;
use crate::domain::breakdown::BreakdownBy;
use crate::domain::heatmap::ScoreSums;
use crate::error::AppError;
use crate::server::entities::response::Column;
use crate::server::repo::sums::scores::{own_sums_by_band, own_sums_of_wave};
use sea_orm::ConnectionTrait;
use std::collections::HashMap;

/// The wave's unit tree as the heatmap needs it (the wave's root has no parent).
pub fn wave_tree(
    wave: &crate::server::entities::wave::Model,
    all: &[crate::server::entities::unit::Model],
    in_wave: &std::collections::HashSet<UnitId>,
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
    in_wave: &std::collections::HashSet<UnitId>,
    start: UnitId,
    k: u32,
) -> Result<Vec<crate::domain::heatmap::HeatmapRow>, AppError> {
    let own = own_sums_of_wave(db, wave.id).await?;
    let release = crate::server::repo::waves::release_of(wave, chrono::Utc::now().date_naive());
    Ok(crate::domain::heatmap::build_heatmap(&wave_tree(wave, all, in_wave), &own, k, Some(start), release))
}

/// The heatmap of wave `id` as an account with `scope` may see it (`Forbidden` outside the scope).
pub async fn wave_heatmap(
    db: &impl ConnectionTrait,
    id: WaveId,
    scope: Option<UnitId>,
) -> Result<crate::dto::HeatmapDto, AppError> {
    use crate::server::repo::{settings, waves};
    let (wave, all, in_wave, start) = crate::server::reports::scope::wave_in_scope(db, id, scope).await?;
    let k = settings::min_group_size(db).await?;
    let rows = rows(db, &wave, &all, &in_wave, start, k).await?.into_iter().map(Into::into).collect();
    waves::note_results_shown(db, &wave, chrono::Utc::now().date_naive()).await?;
    Ok(crate::dto::HeatmapDto { wave: crate::server::reports::wave_ref(wave), min_group_size: k, rows })
}

/// The latest periodic wave of the same instrument that opened before `wave`.
async fn previous_wave(
    db: &impl ConnectionTrait,
    wave: &crate::server::entities::wave::Model,
) -> Result<Option<crate::server::entities::wave::Model>, AppError> {
    use crate::server::entities::wave as w;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    Ok(w::Entity::find()
        .filter(w::Column::Kind.eq(crate::domain::survey::WaveKind::Periodic))
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
    id: WaveId,
    scope: Option<UnitId>,
) -> Result<crate::dto::HeatmapViewsDto, AppError> {
    use crate::domain::heatmap::build_heatmap;
    use crate::domain::heatmap_views::{change_since, difference_from_organisation, headline};
    use crate::server::repo::{settings, waves};
    let (wave, all, in_wave, start) = crate::server::reports::scope::wave_in_scope(db, id, scope).await?;
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
    let before: HashMap<UnitId, crate::domain::heatmap::HeatmapRow> = match &previous {
        Some(p) => {
            let p_all = waves::units_of(db, p).await?;
            let p_in_wave = crate::server::entities::unit::tree(&p_all).subtree(Some(p.root_unit_id));
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
            wave: crate::server::reports::wave_ref(wave),
            min_group_size: k,
            rows: current.into_iter().map(Into::into).collect(),
        },
        previous: previous.map(crate::server::reports::wave_ref),
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
/// `lang`: a wave shows one breakdown, or two could be crossed (docs/DESIGN.md §5).
pub async fn wave_breakdown(
    db: &impl ConnectionTrait,
    id: WaveId,
    scope: Option<UnitId>,
    by: Option<BreakdownBy>,
    lang: crate::i18n::Lang,
) -> Result<crate::dto::HeatmapDto, AppError> {
    use crate::server::repo::{settings, waves};
    let (wave, all, in_wave, start) = crate::server::reports::scope::wave_in_scope(db, id, scope).await?;
    let own = wave.breakdown_by;
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
    let mut own: HashMap<(UnitId, usize), ScoreSums> = HashMap::new();
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
    Ok(crate::dto::HeatmapDto { wave: crate::server::reports::wave_ref(wave), min_group_size: k, rows })
}
