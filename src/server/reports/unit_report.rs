//! One unit's results for HR: its trend over the periodic waves, and for one wave its profile
//! against the organisation, how each item's answers split and its comments, each behind the
//! anonymity rules of docs/DESIGN.md §5.

use super::heatmap::{rows, wave_tree};
use crate::domain::UnitId;
use crate::domain::WaveId;
use crate::domain::disclosure::{Release, comments_shown, shown_units};
use crate::domain::heatmap::build_heatmap;
use crate::domain::heatmap_views::headline;
use crate::domain::item_distribution::ItemSplit;
use crate::domain::unit_tree::TreeShape;
use crate::dto::{ItemSplitDto, TrendDto, TrendPointDto, UnitReportDto};
use crate::error::AppError;
use crate::server::entities::{instrument, item, response, unit, wave};
use crate::server::repo::sums::scores::own_sums_of_wave;
use crate::server::repo::{answers, settings, units, waves};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{HashMap, HashSet};

/// The unit with `code` if an account with `scope` may see it (`NotFound` / `Forbidden`).
async fn unit_in_scope(
    db: &impl ConnectionTrait,
    code: &str,
    scope: Option<UnitId>,
) -> Result<(unit::Model, Vec<unit::Model>), AppError> {
    let all = units::all(db).await?;
    let unit = all.iter().find(|u| u.code == code).cloned().ok_or(AppError::NotFound)?;
    if !unit::tree(&all).covers(scope, unit.id) {
        return Err(AppError::Forbidden);
    }
    Ok((unit, all))
}

/// The periodic waves whose tree held `unit`, oldest first, each with its own units (its snapshot).
async fn periodic_waves_of(
    db: &impl ConnectionTrait,
    unit: &unit::Model,
) -> Result<Vec<(wave::Model, Vec<unit::Model>)>, AppError> {
    let periodic = wave::Entity::find()
        .filter(wave::Column::Kind.eq(crate::domain::survey::WaveKind::Periodic))
        .order_by_asc(wave::Column::OpensOn)
        .all(db)
        .await?;
    let mut out = Vec::new();
    for w in periodic {
        let all = waves::units_of(db, &w).await?;
        if unit::tree(&all).covers(Some(w.root_unit_id), unit.id) {
            out.push((w, all));
        }
    }
    Ok(out)
}

/// A unit's figures in every periodic wave that covered it, oldest first.
pub async fn unit_trend(db: &impl ConnectionTrait, code: &str, scope: Option<UnitId>) -> Result<TrendDto, AppError> {
    let (unit, _) = unit_in_scope(db, code, scope).await?;
    let k = settings::min_group_size(db).await?;
    let covering = periodic_waves_of(db, &unit).await?;
    trend_of(db, &unit, &covering, k).await
}

/// The trend of `unit` over the waves `covering` it, each read on its own units.
async fn trend_of(
    db: &impl ConnectionTrait,
    unit: &unit::Model,
    covering: &[(wave::Model, Vec<unit::Model>)],
    k: u32,
) -> Result<TrendDto, AppError> {
    let mut points = Vec::new();
    for (wave, all) in covering {
        let in_wave = unit::tree(all).subtree(Some(wave.root_unit_id));
        if let Some(row) = rows(db, wave, all, &in_wave, unit.id, k).await?.into_iter().next() {
            waves::note_results_shown(db, wave, chrono::Utc::now().date_naive()).await?;
            points.push(TrendPointDto { wave: crate::server::reports::wave_ref(wave.clone()), figures: row.into() });
        }
    }
    Ok(TrendDto { unit: unit.code.clone(), name: unit.name.clone(), min_group_size: k, waves: points })
}

/// The unit's report for one wave (`wave_id`, or the latest periodic wave that covered it).
pub async fn unit_report(
    db: &impl ConnectionTrait,
    code: &str,
    wave_id: Option<WaveId>,
    scope: Option<UnitId>,
) -> Result<UnitReportDto, AppError> {
    use rand::seq::SliceRandom;
    let (unit, all) = unit_in_scope(db, code, scope).await?;
    let k = settings::min_group_size(db).await?;
    let comment_threshold = settings::comment_threshold(db).await?;
    let covering = periodic_waves_of(db, &unit).await?;
    let trend = trend_of(db, &unit, &covering, k).await?;
    let chosen = match wave_id {
        Some(id) => Some(covering.iter().find(|(w, _)| w.id == id).cloned().ok_or(AppError::NotFound)?),
        None => covering.last().cloned(),
    };
    let parent_name = unit.parent_id.and_then(|p| all.iter().find(|u| u.id == p)).map(|u| u.name.clone());
    let mut report = UnitReportDto {
        unit: unit.code.clone(),
        name: unit.name.clone(),
        parent_name,
        min_group_size: k,
        comment_threshold,
        waves: covering.iter().map(|(w, _)| crate::server::reports::wave_ref(w.clone())).collect(),
        wave: None,
        figures: None,
        organisation: [None; 6],
        organisation_name: String::new(),
        trend,
        items: Vec::new(),
        comments: None,
        as_of: chrono::Utc::now().date_naive(),
        plans: Vec::new(),
    };
    let Some((wave, all)) = chosen else { return Ok(report) };
    let unit_tree = unit::tree(&all);
    let in_wave = unit_tree.subtree(Some(wave.root_unit_id));
    let tree = wave_tree(&wave, &all, &in_wave);
    let own = own_sums_of_wave(db, wave.id).await?;
    let release = waves::release_of(&wave, chrono::Utc::now().date_naive());
    let row = build_heatmap(&tree, &own, k, Some(unit.id), release).into_iter().next();
    let organisation = build_heatmap(&tree, &own, k, Some(wave.root_unit_id), release).into_iter().next();
    report.organisation = organisation.as_ref().filter(|r| r.reportable).map(headline).unwrap_or([None; 6]);
    report.organisation_name = organisation.map(|r| r.name).unwrap_or_default();
    let shown_n = row.as_ref().filter(|r| r.reportable).and_then(|r| r.n);
    report.figures = row.map(Into::into);
    report.wave = Some(crate::server::reports::wave_ref(wave.clone()));
    let Some(n) = shown_n.filter(|_| release == Release::Results) else { return Ok(report) };

    let group: HashSet<UnitId> = unit_tree.subtree(Some(unit.id)).intersection(&in_wave).copied().collect();
    let shape = TreeShape::new(tree.iter().map(|u| (u.id, u.parent)));
    let instrument = instrument::Entity::find_by_id(wave.instrument_id).one(db).await?.ok_or(AppError::NotFound)?;
    let scale_points = u8::try_from(instrument.scale_points).unwrap_or(5);
    let items = item::Entity::find()
        .filter(item::Column::InstrumentId.eq(instrument.id))
        .order_by_asc(item::Column::Position)
        .all(db)
        .await?;
    // Each item's split rests on the people who answered it, decided on the whole wave (docs/DESIGN.md §5).
    let answered = answers::answered_per_unit_and_item(db, wave.id).await?;
    let item_shown: HashSet<i32> = items
        .iter()
        .filter(|i| shown_units(&shape, |u| answered.get(&(u, i.id)).copied().unwrap_or(0), k).contains(&unit.id))
        .map(|i| i.id)
        .collect();
    let mut splits: HashMap<i32, ItemSplit> = HashMap::new();
    let reverse: HashMap<i32, bool> = items.iter().map(|i| (i.id, i.reverse)).collect();
    for (item_id, value, count) in answers::counts_by_value(db, wave.id, &group).await? {
        let split = splits.entry(item_id).or_default();
        split.add(
            value,
            u64::try_from(count).unwrap_or(0),
            reverse.get(&item_id).copied().unwrap_or(false),
            scale_points,
        );
    }
    report.items = items
        .into_iter()
        .map(|i| {
            let split = splits.get(&i.id).copied().unwrap_or_default();
            let shown = item_shown.contains(&i.id);
            ItemSplitDto {
                code: i.code,
                discipline: i.discipline,
                text_id: i.text_id,
                text_en: i.text_en,
                answered: Some(split.answered()).filter(|_| shown),
                shares: split.shares().filter(|_| shown),
            }
        })
        .collect();

    // Comments can come from anyone who answered, so the comment set is decided on the responses, with
    // the comment threshold in place of k: every residual of it holds 0 or at least that many people.
    let own_responses = |u: UnitId| own.get(&u).map_or(0, |s| s.responses);
    let comment_groups = shown_units(&shape, own_responses, comment_threshold.max(k));
    if comments_shown(n, k, comment_threshold) && comment_groups.contains(&unit.id) {
        let mut comments: Vec<String> = response::Entity::find()
            .select_only()
            .column(response::Column::Comment)
            .filter(response::Column::WaveId.eq(wave.id))
            .filter(response::Column::UnitId.is_in(group.iter().copied()))
            .filter(response::Column::Comment.is_not_null())
            .into_tuple::<Option<String>>()
            .all(db)
            .await?
            .into_iter()
            .flatten()
            .filter(|c| !c.trim().is_empty())
            .collect();
        // Shuffled on every request, so the order says nothing about who answered when.
        comments.shuffle(&mut rand::rng());
        report.comments = Some(comments);
    }
    Ok(report)
}
