//! Waves as an account sees and runs them: the list, creating one, closing and reopening, and the
//! overview of the latest results.

use super::scope::{may_manage, workshop_units, workshop_wave_in_scope};
use crate::domain::UnitId;
use crate::domain::WaveId;
use crate::domain::survey::WaveKind;
use crate::error::AppError;
use crate::server::entities::{unit, wave};
use crate::server::repo::units;
use crate::server::repo::waves::{new_slug, snapshot, units_of};
use sea_orm::{ConnectionTrait, EntityTrait};
use std::collections::HashMap;

/// The waves whose unit tree overlaps `scope` (all when `None`), newest first, with their survey paths.
pub async fn list_for(db: &impl ConnectionTrait, scope: Option<UnitId>) -> Result<Vec<crate::dto::WaveDto>, AppError> {
    use sea_orm::QueryOrder;
    let all = units::all(db).await?;
    let waves = wave::Entity::find().order_by_desc(wave::Column::OpensOn).all(db).await?;
    let instruments: std::collections::HashMap<i32, String> = crate::server::entities::instrument::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i.slug))
        .collect();
    let code_of: HashMap<UnitId, &str> = all.iter().map(|u| (u.id, u.code.as_str())).collect();
    let code_of = |id: UnitId| code_of.get(&id).map(|c| c.to_string()).unwrap_or_default();
    let tree = unit::tree(&all);
    let scope_units = scope.map(|s| tree.subtree(Some(s)));
    let owners = workshop_units(db).await?;
    let visible = |w: &wave::Model| match (scope, &scope_units) {
        (Some(_), Some(scope_units)) if w.kind != WaveKind::Periodic => {
            workshop_wave_in_scope(&owners, scope_units, w.id)
        }
        (Some(scope), Some(scope_units)) => {
            scope_units.contains(&w.root_unit_id) || tree.covers(Some(w.root_unit_id), scope)
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
    use crate::domain::survey::{WaveAccess, WaveProblem, check_new_wave, parse_day};
    use crate::dto::ErrorDetail;
    use crate::server::repo::{audit, instruments};
    use sea_orm::{ActiveModelTrait, Set, TransactionTrait};
    let t = lang.t();
    let (opens_on, closes_on) = (parse_day(&new.opens_on), parse_day(&new.closes_on));
    let access = WaveAccess::parse(&new.access);
    let kind = WaveKind::parse(&new.kind);
    let mut details: Vec<ErrorDetail> = check_new_wave(&new.title, opens_on, closes_on, access, kind)
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
    let in_scope = unit::tree(&all).subtree(user.scope_unit_id);
    let root = all.iter().find(|u| u.code == new.root_unit.trim() && u.active && in_scope.contains(&u.id));
    if root.is_none() {
        details.push(ErrorDetail { row: None, field: "root_unit".into(), message: t.wave_root_unknown.into() });
    }
    let (Some(instrument), Some(root), Some(opens_on), Some(closes_on), Some(breakdown), Some(access), true) =
        (instrument, root, opens_on, closes_on, breakdown, access, details.is_empty())
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
        access: Set(access),
        kind: Set(WaveKind::Periodic),
        closed_early: Set(false),
        created_at: Set(now),
        breakdown_by: Set(breakdown),
        ..Default::default()
    };
    let txn = db.begin().await?;
    let saved = saved.insert(&txn).await?;
    snapshot(&txn, saved.id, saved.root_unit_id).await?;
    audit::record(&txn, now, Some(user.id), "wave.create", &format!("wave {}", saved.id)).await?;
    txn.commit().await?;
    Ok(crate::dto::WaveCreated { id: saved.id, url: format!("/s/{}", saved.slug), slug: saved.slug })
}

/// Closes a periodic wave now, or reopens it (its window then includes today), with an audit
/// record. Only admins and HR whose scope holds the whole wave may.
pub async fn set_open(
    db: &sea_orm::DatabaseConnection,
    user: &crate::server::auth::AuthUser,
    id: WaveId,
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
    use crate::domain::survey::wave_phase;
    use crate::server::repo::settings;
    let listed = list_for(db, user.scope_unit_id).await?;
    let current = units::all(db).await?;
    let k = settings::min_group_size(db).await?;
    let mut out = Vec::new();
    for dto in listed.into_iter().filter(|w| w.kind == WaveKind::Periodic) {
        let Some(model) = wave::Entity::find_by_id(dto.id).one(db).await? else { continue };
        let all = units_of(db, &model).await?;
        let tree = unit::tree(&all);
        let in_wave = tree.subtree(Some(model.root_unit_id));
        let Some(start) = tree.visible_root(model.root_unit_id, user.scope_unit_id) else { continue };
        let top = crate::server::reports::heatmap::rows(db, &model, &all, &in_wave, start, k).await?.into_iter().next();
        let phase = wave_phase(model.opens_on, model.closes_on, model.closed_early, today);
        out.push(crate::dto::HrWaveDto {
            phase,
            can_manage: may_manage(user, &current, &model),
            responses: top.as_ref().and_then(|r| r.n),
            response_rate: top.as_ref().and_then(|r| r.response_rate),
            min_group_size: k,
            wave: dto,
        });
    }
    Ok(out)
}

/// What the wave and workshop forms offer: each published instrument as `(slug, title)` in the
/// caller's language and the units of the scope, by name.
pub async fn form_options(
    db: &impl ConnectionTrait,
    scope: Option<UnitId>,
    lang: crate::i18n::Lang,
) -> Result<crate::dto::FormOptions, AppError> {
    let mut units = super::units::listed(db, scope).await?;
    units.sort_by(|a, b| a.name.cmp(&b.name));
    let instruments = crate::server::repo::instruments::published(db)
        .await?
        .into_iter()
        .map(|i| {
            let title = match lang {
                crate::i18n::Lang::Id => i.title_id,
                crate::i18n::Lang::En => i.title_en,
            };
            (i.slug, title)
        })
        .collect();
    Ok(crate::dto::FormOptions { instruments, units })
}
