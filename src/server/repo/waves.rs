//! Waves as seen from an account's unit scope.

use crate::domain::disclosure::Release;
use crate::error::AppError;
use crate::server::entities::{unit, wave, workshop};
use crate::server::repo::units;
use sea_orm::{ConnectionTrait, EntityTrait};
use std::collections::{HashMap, HashSet};

/// Loads a wave and decides which part of it an account with `scope` may see: all of it when it runs
/// inside the scope, the scope's subtree when the wave covers it, nothing otherwise (`Forbidden`).
/// Returns the wave, every unit, the ids of the wave's subtree and the unit the view starts at.
pub async fn in_scope(
    db: &impl ConnectionTrait,
    id: i32,
    scope: Option<i32>,
) -> Result<(wave::Model, Vec<unit::Model>, HashSet<i32>, i32), AppError> {
    let wave = wave::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let all = units_of(db, &wave).await?;
    let in_wave = units::subtree_ids(&all, Some(wave.root_unit_id));
    let start = units::visible_root(&all, wave.root_unit_id, scope).ok_or(AppError::Forbidden)?;
    if let Some(scope) = scope
        && wave.kind != "periodic"
    {
        let owners = workshop_units(db).await?;
        if !workshop_wave_in_scope(&owners, &units::subtree_ids(&all, Some(scope)), wave.id) {
            return Err(AppError::Forbidden);
        }
    }
    Ok((wave, all, in_wave, start))
}

/// The unit each workshop wave belongs to (its workshop's unit, if it names one), by wave id.
async fn workshop_units(db: &impl ConnectionTrait) -> Result<HashMap<i32, Option<i32>>, AppError> {
    let workshops = workshop::Entity::find().all(db).await?;
    Ok(workshops.into_iter().flat_map(|w| [(w.pre_wave_id, w.unit_id), (w.post_wave_id, w.unit_id)]).collect())
}

/// Whether a workshop wave belongs to a scoped account: its workshop's unit lies in the scope, as on
/// the workshop pages. A workshop wave's tree is the whole organisation (participants come from
/// anywhere), so the tree alone would show every OPD's training to every OPD.
fn workshop_wave_in_scope(owners: &HashMap<i32, Option<i32>>, scope_units: &HashSet<i32>, wave_id: i32) -> bool {
    owners.get(&wave_id).copied().flatten().is_some_and(|unit| scope_units.contains(&unit))
}

/// A new wave's slug: 12 random lower-case letters and digits, so survey links cannot be guessed.
pub fn new_slug() -> String {
    crate::server::auth::new_secret()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(12)
        .collect::<String>()
        .to_lowercase()
}

/// A wave as API answers name it.
pub fn wave_ref(wave: wave::Model) -> crate::dto::WaveRef {
    crate::dto::WaveRef {
        released: release_of(&wave, chrono::Utc::now().date_naive()) == Release::Results,
        id: wave.id,
        title: wave.title,
        opens_on: wave.opens_on.to_string(),
        closes_on: wave.closes_on.to_string(),
        breakdown: wave.breakdown_by,
    }
}

/// Copies the unit tree under `root` as it stands today into wave `wave_id`'s snapshot, replacing any
/// earlier copy (DESIGN.md §5, frozen population): at creation, and for a wave that has not opened yet
/// when the organisation changes.
pub async fn snapshot(db: &impl ConnectionTrait, wave_id: i32, root: i32) -> Result<(), AppError> {
    use migration::wave_units::{TABLE, snapshot_statement};
    db.execute_unprepared(&format!("DELETE FROM {TABLE} WHERE wave_id = {wave_id}")).await?;
    db.execute_unprepared(&snapshot_statement(wave_id, root)).await?;
    Ok(())
}

/// Takes a new snapshot of every wave that has not opened by `today`: the organisation changed, and
/// a later wave follows it.
pub async fn resnapshot_upcoming(db: &impl ConnectionTrait, today: chrono::NaiveDate) -> Result<(), AppError> {
    use sea_orm::{ColumnTrait, QueryFilter};
    for upcoming in wave::Entity::find().filter(wave::Column::OpensOn.gt(today)).all(db).await? {
        snapshot(db, upcoming.id, upcoming.root_unit_id).await?;
    }
    Ok(())
}

/// The units of `wave` as they were when it was made (codes, names, kinds, parents, headcounts), so
/// every figure and response rate of the wave stays the same whatever happens to the organisation
/// later. Today's ancestors of the wave's root come along, for scope checks only (they are outside
/// the wave's tree), and `active` is today's, since a closed unit takes no more answers. A wave made
/// without a snapshot (by an older version) gets one now.
pub async fn units_of(db: &impl ConnectionTrait, wave: &wave::Model) -> Result<Vec<unit::Model>, AppError> {
    use sea_orm::ExprTrait;
    use sea_orm::sea_query::{Alias, Expr, Query};
    let current = units::all(db).await?;
    let read = || {
        let mut query = Query::select();
        query
            .from(Alias::new(migration::wave_units::TABLE))
            .columns(["unit_id", "parent_id", "code", "name", "kind", "headcount"].map(Alias::new))
            .and_where(Expr::col(Alias::new("wave_id")).eq(wave.id))
            .order_by(Alias::new("unit_id"), sea_orm::Order::Asc);
        query
    };
    let mut rows = db.query_all(&read()).await?;
    if rows.is_empty() {
        snapshot(db, wave.id, wave.root_unit_id).await?;
        rows = db.query_all(&read()).await?;
    }
    let by_id: HashMap<i32, &unit::Model> = current.iter().map(|u| (u.id, u)).collect();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let id: i32 = row.try_get("", "unit_id")?;
        let parent_id: Option<i32> = row.try_get("", "parent_id")?;
        out.push(unit::Model {
            id,
            code: row.try_get("", "code")?,
            name: row.try_get("", "name")?,
            // The root keeps today's parent, so a scope above the wave still covers it.
            parent_id: if id == wave.root_unit_id { by_id.get(&id).and_then(|u| u.parent_id) } else { parent_id },
            kind: row.try_get("", "kind")?,
            headcount: row.try_get("", "headcount")?,
            active: by_id.get(&id).is_none_or(|u| u.active),
        });
    }
    let mut above = by_id.get(&wave.root_unit_id).and_then(|u| u.parent_id);
    let mut seen: HashSet<i32> = out.iter().map(|u| u.id).collect();
    while let Some(id) = above.filter(|id| seen.insert(*id)) {
        let Some(ancestor) = by_id.get(&id) else { break };
        out.push((*ancestor).clone());
        above = ancestor.parent_id;
    }
    Ok(out)
}

/// What staff may see of `wave` on `today`: participation while it is open, results once closed.
pub fn release_of(wave: &wave::Model, today: chrono::NaiveDate) -> Release {
    Release::of(crate::domain::survey::wave_phase(wave.opens_on, wave.closes_on, wave.closed_early, today))
}

/// The waves whose unit tree overlaps `scope` (all when `None`), newest first, with their survey paths.
pub async fn list_for(db: &impl ConnectionTrait, scope: Option<i32>) -> Result<Vec<crate::dto::WaveDto>, AppError> {
    use sea_orm::QueryOrder;
    let all = units::all(db).await?;
    let waves = wave::Entity::find().order_by_desc(wave::Column::OpensOn).all(db).await?;
    let instruments: std::collections::HashMap<i32, String> = crate::server::entities::instrument::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i.slug))
        .collect();
    let code_of: HashMap<i32, &str> = all.iter().map(|u| (u.id, u.code.as_str())).collect();
    let code_of = |id: i32| code_of.get(&id).map(|c| c.to_string()).unwrap_or_default();
    let scope_units = scope.map(|s| units::subtree_ids(&all, Some(s)));
    let owners = workshop_units(db).await?;
    let visible = |w: &wave::Model| match (scope, &scope_units) {
        (Some(_), Some(scope_units)) if w.kind != "periodic" => workshop_wave_in_scope(&owners, scope_units, w.id),
        (Some(scope), Some(scope_units)) => {
            scope_units.contains(&w.root_unit_id) || units::subtree_ids(&all, Some(w.root_unit_id)).contains(&scope)
        }
        _ => true,
    };
    Ok(waves
        .into_iter()
        .filter(|w| visible(w))
        .map(|w| crate::dto::WaveDto {
            url: format!("/s/{}", w.slug),
            instrument: instruments.get(&w.instrument_id).cloned().unwrap_or_default(),
            root_unit: code_of(w.root_unit_id),
            opens_on: w.opens_on.to_string(),
            closes_on: w.closes_on.to_string(),
            id: w.id,
            slug: w.slug,
            title: w.title,
            access: w.access,
            kind: w.kind,
        })
        .collect())
}

/// Creates a periodic wave over a unit subtree within `user`'s scope, with its audit record, in one
/// transaction. Every problem of the form is listed in the error's details, in `lang`.
pub async fn create(
    db: &sea_orm::DatabaseConnection,
    user: &crate::server::auth::AuthUser,
    new: crate::dto::NewWaveDto,
    lang: crate::i18n::Lang,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<crate::dto::WaveCreated, AppError> {
    use crate::domain::survey::{WaveProblem, check_new_wave, parse_day};
    use crate::dto::ErrorDetail;
    use crate::server::repo::{audit, instruments};
    use sea_orm::{ActiveModelTrait, Set, TransactionTrait};
    let t = lang.t();
    let (opens_on, closes_on) = (parse_day(&new.opens_on), parse_day(&new.closes_on));
    let mut details: Vec<ErrorDetail> = check_new_wave(&new.title, opens_on, closes_on, &new.access, &new.kind)
        .into_iter()
        .map(|(field, problem)| ErrorDetail {
            row: None,
            field: field.into(),
            message: match problem {
                WaveProblem::TitleInvalid => t.wave_title_invalid,
                WaveProblem::DatesInvalid => t.wave_dates_invalid,
                WaveProblem::AccessUnknown => t.wave_access_invalid,
                WaveProblem::KindNotPeriodic => t.wave_kind_invalid,
            }
            .into(),
        })
        .collect();
    let instrument = instruments::published_by_slug(db, new.instrument.trim()).await?;
    if instrument.is_none() {
        details.push(ErrorDetail { row: None, field: "instrument".into(), message: t.wave_instrument_unknown.into() });
    }
    let breakdown = crate::domain::breakdown::BreakdownBy::parse(new.breakdown.trim());
    if breakdown.is_none() {
        details.push(ErrorDetail { row: None, field: "breakdown".into(), message: t.wave_breakdown_invalid.into() });
    }
    let all = units::all(db).await?;
    let in_scope = units::subtree_ids(&all, user.scope_unit_id);
    let root = all.iter().find(|u| u.code == new.root_unit.trim() && u.active && in_scope.contains(&u.id));
    if root.is_none() {
        details.push(ErrorDetail { row: None, field: "root_unit".into(), message: t.wave_root_unknown.into() });
    }
    let (Some(instrument), Some(root), Some(opens_on), Some(closes_on), Some(breakdown), true) =
        (instrument, root, opens_on, closes_on, breakdown, details.is_empty())
    else {
        return Err(AppError::Invalid { message: t.err_invalid.into(), details });
    };
    let saved = wave::ActiveModel {
        slug: Set(new_slug()),
        title: Set(new.title.trim().to_string()),
        instrument_id: Set(instrument.id),
        root_unit_id: Set(root.id),
        opens_on: Set(opens_on),
        closes_on: Set(closes_on),
        access: Set(new.access),
        kind: Set(new.kind),
        closed_early: Set(false),
        created_at: Set(now),
        breakdown_by: Set(breakdown.code().into()),
        ..Default::default()
    };
    let txn = db.begin().await?;
    let saved = saved.insert(&txn).await?;
    snapshot(&txn, saved.id, saved.root_unit_id).await?;
    audit::record(&txn, now, Some(user.id), "wave.create", &format!("wave {}", saved.id)).await?;
    txn.commit().await?;
    Ok(crate::dto::WaveCreated { id: saved.id, url: format!("/s/{}", saved.slug), slug: saved.slug })
}

/// Whether `user` runs wave `w`: an admin, or HR whose scope holds the wave's whole tree.
fn may_manage(user: &crate::server::auth::AuthUser, all: &[unit::Model], w: &wave::Model) -> bool {
    use crate::domain::Role;
    w.kind == "periodic"
        && match user.role {
            Role::Admin => true,
            Role::Hr => units::subtree_ids(all, user.scope_unit_id).contains(&w.root_unit_id),
            _ => false,
        }
}

/// Closes a periodic wave now, or reopens it (its window then includes today), with an audit
/// record. Only admins and HR whose scope holds the whole wave may.
pub async fn set_open(
    db: &sea_orm::DatabaseConnection,
    user: &crate::server::auth::AuthUser,
    id: i32,
    open: bool,
    now: chrono::DateTime<chrono::Utc>,
    lang: crate::i18n::Lang,
) -> Result<(), AppError> {
    let found = wave::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let all = units::all(db).await?;
    if !may_manage(user, &all, &found) {
        return Err(AppError::Forbidden);
    }
    switch_open(db, found, open, user.id, now, &format!("wave {id}"), lang).await
}

/// Records the first day a closed wave's results were shown (a page, an export, the API): from then
/// on the wave is final and cannot be reopened (DESIGN.md §5). Writes once per wave.
pub async fn note_results_shown(
    db: &impl ConnectionTrait,
    shown: &wave::Model,
    today: chrono::NaiveDate,
) -> Result<(), AppError> {
    use sea_orm::{ColumnTrait, QueryFilter, sea_query::Expr};
    if shown.results_shown_on.is_some() || release_of(shown, today) != Release::Results {
        return Ok(());
    }
    wave::Entity::update_many()
        .col_expr(wave::Column::ResultsShownOn, Expr::value(today))
        .filter(wave::Column::Id.eq(shown.id))
        .filter(wave::Column::ResultsShownOn.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Closes `target` now or reopens it (moving its window to include today), with an audit record
/// saying `what`, in one transaction. A wave whose results were shown is not reopened: a second read
/// after more answers would give those answers away; HR extends the closing date while it runs.
pub async fn switch_open(
    db: &sea_orm::DatabaseConnection,
    target: wave::Model,
    open: bool,
    user_id: i32,
    now: chrono::DateTime<chrono::Utc>,
    what: &str,
    lang: crate::i18n::Lang,
) -> Result<(), AppError> {
    if open && target.results_shown_on.is_some() {
        return Err(AppError::invalid(lang.t().wave_final));
    }
    use crate::server::repo::audit;
    use sea_orm::{ActiveModelTrait, IntoActiveModel, Set, TransactionTrait};
    let today = now.date_naive();
    let (opens_on, closes_on) = (target.opens_on, target.closes_on);
    let mut change = target.into_active_model();
    change.closed_early = Set(!open);
    if open {
        change.opens_on = Set(opens_on.min(today));
        change.closes_on = Set(closes_on.max(today));
    }
    let txn = db.begin().await?;
    change.update(&txn).await?;
    audit::record(&txn, now, Some(user_id), if open { "wave.open" } else { "wave.close" }, what).await?;
    txn.commit().await?;
    Ok(())
}

/// HR's list of periodic waves in scope, newest first: phase, whether the caller may close or
/// reopen it, and participation of the caller's part of it (only when that group is reportable).
pub async fn overview(
    db: &impl ConnectionTrait,
    user: &crate::server::auth::AuthUser,
    today: chrono::NaiveDate,
) -> Result<Vec<crate::dto::HrWaveDto>, AppError> {
    use crate::domain::survey::{WavePhase, wave_phase};
    use crate::server::repo::{heatmap, settings};
    let listed = list_for(db, user.scope_unit_id).await?;
    let current = units::all(db).await?;
    let k = settings::min_group_size(db).await?;
    let mut out = Vec::new();
    for dto in listed.into_iter().filter(|w| w.kind == "periodic") {
        let Some(model) = wave::Entity::find_by_id(dto.id).one(db).await? else { continue };
        let all = units_of(db, &model).await?;
        let in_wave = units::subtree_ids(&all, Some(model.root_unit_id));
        let Some(start) = units::visible_root(&all, model.root_unit_id, user.scope_unit_id) else { continue };
        let top = heatmap::rows(db, &model, &all, &in_wave, start, k).await?.into_iter().next();
        let phase = match wave_phase(model.opens_on, model.closes_on, model.closed_early, today) {
            WavePhase::NotYetOpen => "upcoming",
            WavePhase::Open => "open",
            WavePhase::Closed => "closed",
        };
        out.push(crate::dto::HrWaveDto {
            phase: phase.into(),
            can_manage: may_manage(user, &current, &model),
            responses: top.as_ref().and_then(|r| r.n),
            response_rate: top.as_ref().and_then(|r| r.response_rate),
            min_group_size: k,
            wave: dto,
        });
    }
    Ok(out)
}
