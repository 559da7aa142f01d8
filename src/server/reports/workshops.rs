//! Workshops as their trainers, HR and admins may see them, and the responses their comparison needs.

use crate::domain::comparison::{ItemValues, Measures, WorkshopComparison, WorkshopResponse, compare_workshop};
use crate::domain::survey::{
    WaveAccess, WaveKind, WavePhase, WorkshopProblem, check_new_workshop, parse_day, wave_phase, workshop_windows,
};
use crate::domain::unit_tree::TreeShape;
use crate::domain::{ItemKey, LikertValue, Role, score_response};
use crate::dto::{ErrorDetail, NewWorkshop, WorkshopReport, WorkshopSummary, WorkshopWave};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::server::auth::AuthUser;
use crate::server::entities::{answer, instrument, response, unit, wave, workshop};
use crate::server::repo::{audit, instruments, settings, units, waves};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use std::collections::HashMap;

/// Whether `user` may see `workshop`: trainers their own, HR those of units in their scope (all when
/// unscoped), admins every one.
pub fn may_see(user: &AuthUser, workshop: &workshop::Model, tree: &TreeShape) -> bool {
    match user.role {
        Role::Admin => true,
        Role::Trainer => workshop.owner_id == user.id,
        Role::Hr => match user.scope_unit_id {
            None => true,
            Some(scope) => workshop.unit_id.is_some_and(|u| tree.covers(Some(scope), u)),
        },
    }
}

/// The workshops `user` may see, newest first.
pub async fn visible_to(db: &impl ConnectionTrait, user: &AuthUser) -> Result<Vec<workshop::Model>, AppError> {
    let tree = unit::tree(&units::all(db).await?);
    let mut query =
        workshop::Entity::find().order_by_desc(workshop::Column::HeldFrom).order_by_desc(workshop::Column::Id);
    if user.role == Role::Trainer {
        query = query.filter(workshop::Column::OwnerId.eq(user.id));
    }
    Ok(query.all(db).await?.into_iter().filter(|w| may_see(user, w, &tree)).collect())
}

/// One workshop with its two waves, or `NotFound` / `Forbidden`.
pub async fn find_for(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    id: i32,
) -> Result<(workshop::Model, wave::Model, wave::Model), AppError> {
    let found = workshop::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if !may_see(user, &found, &unit::tree(&units::all(db).await?)) {
        return Err(AppError::Forbidden);
    }
    let pre = wave::Entity::find_by_id(found.pre_wave_id).one(db).await?.ok_or(AppError::NotFound)?;
    let post = wave::Entity::find_by_id(found.post_wave_id).one(db).await?.ok_or(AppError::NotFound)?;
    Ok((found, pre, post))
}

fn stored_measures(r: &response::Model) -> Measures {
    Measures {
        lo_index: r.lo_index,
        disciplines: [
            r.score_personal_mastery,
            r.score_mental_models,
            r.score_shared_vision,
            r.score_team_learning,
            r.score_systems_thinking,
        ],
    }
}

/// The comparison of a workshop under the current k: stored scores for "now", the then-test scored
/// from `answer.then_value` with the same rules, and item means from the answers.
pub async fn comparison(
    db: &impl ConnectionTrait,
    found: &workshop::Model,
    pre_wave: &wave::Model,
) -> Result<WorkshopComparison, AppError> {
    let k = u64::from(settings::min_group_size(db).await?);
    let scale_points = instrument::Entity::find_by_id(pre_wave.instrument_id)
        .one(db)
        .await?
        .map(|i| i.scale_points as u8)
        .ok_or(AppError::NotFound)?;
    let items = instruments::items(db, pre_wave.instrument_id).await?;
    // Each scorable item once, in instrument order: its key and its slot in `item_values`.
    let mut item_values: Vec<ItemValues> = Vec::new();
    let mut item_of: HashMap<i32, (ItemKey, usize)> = HashMap::new();
    for item in &items {
        if let Some(key) = instruments::item_key(item) {
            item_of.insert(item.id, (key, item_values.len()));
            item_values.push(ItemValues {
                code: item.code.clone(),
                discipline: key.discipline,
                pre: Vec::new(),
                post: Vec::new(),
            });
        }
    }
    let responses = response::Entity::find()
        .filter(response::Column::WaveId.is_in([found.pre_wave_id, found.post_wave_id]))
        .order_by_asc(response::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = responses.iter().map(|r| r.id).collect();
    let mut answers: HashMap<i32, Vec<answer::Model>> = HashMap::new();
    for chunk in ids.chunks(500) {
        for a in answer::Entity::find().filter(answer::Column::ResponseId.is_in(chunk.to_vec())).all(db).await? {
            answers.entry(a.response_id).or_default().push(a);
        }
    }
    let scored = |raw: i16, key: ItemKey| {
        LikertValue::parse(i64::from(raw), scale_points)
            .ok()
            .map(|v| (v, f64::from(v.scored(key.reverse, scale_points))))
    };
    let (mut pre, mut post) = (Vec::new(), Vec::new());
    for r in &responses {
        let is_pre = r.wave_id == found.pre_wave_id;
        let own = answers.get(&r.id).map(Vec::as_slice).unwrap_or_default();
        let mut then_values: HashMap<i32, LikertValue> = HashMap::new();
        for a in own {
            let Some(&(key, slot)) = item_of.get(&a.item_id) else { continue };
            if let Some((_, value)) = scored(a.value, key) {
                let side = if is_pre { &mut item_values[slot].pre } else { &mut item_values[slot].post };
                side.push(value);
            }
            if let Some((then, _)) = a.then_value.and_then(|raw| scored(raw, key)) {
                then_values.insert(a.item_id, then);
            }
        }
        let then = (!is_pre && found.then_test && !then_values.is_empty()).then(|| {
            let scores = score_response(
                items.iter().filter_map(|item| {
                    item_of.get(&item.id).map(|(key, _)| (*key, then_values.get(&item.id).copied()))
                }),
                scale_points,
            );
            Measures { lo_index: scores.lo_index, disciplines: scores.disciplines }
        });
        let entry = WorkshopResponse { code: r.pairing_code.clone(), now: stored_measures(r), then };
        if is_pre { pre.push(entry) } else { post.push(entry) }
    }
    Ok(compare_workshop(&pre, &post, &item_values, k))
}

fn workshop_wave(w: &wave::Model, today: chrono::NaiveDate) -> WorkshopWave {
    WorkshopWave {
        id: w.id,
        path: format!("/s/{}", w.slug),
        url: format!("/s/{}", w.slug),
        opens_on: w.opens_on,
        closes_on: w.closes_on,
        open_now: wave_phase(w.opens_on, w.closes_on, w.closed_early, today) == WavePhase::Open,
    }
}

/// Everything the workshop pages, exports and the API show of one workshop `user` may see.
pub async fn report(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    id: i32,
    today: chrono::NaiveDate,
) -> Result<WorkshopReport, AppError> {
    let (found, pre, post) = find_for(db, user, id).await?;
    let mut comparison = comparison(db, &found, &pre).await?;
    if crate::server::repo::waves::release_of(&post, today) == crate::domain::disclosure::Release::Results {
        crate::server::repo::waves::note_results_shown(db, &pre, today).await?;
        crate::server::repo::waves::note_results_shown(db, &post, today).await?;
    } else {
        comparison = comparison.participation_only();
    }
    Ok(WorkshopReport {
        can_manage: user.role == Role::Admin || found.owner_id == user.id,
        id: found.id,
        title: found.title,
        place: found.place,
        held_from: found.held_from,
        held_to: found.held_to,
        then_test: found.then_test,
        pre_wave: workshop_wave(&pre, today),
        post_wave: workshop_wave(&post, today),
        comparison,
    })
}

/// The list entry of a workshop.
pub fn summary(w: &workshop::Model) -> WorkshopSummary {
    WorkshopSummary {
        id: w.id,
        title: w.title.clone(),
        place: w.place.clone(),
        held_from: w.held_from,
        held_to: w.held_to,
        then_test: w.then_test,
    }
}

/// Creates a workshop owned by `owner` with its open pre-test and post-test waves, in one
/// transaction with its audit record. Every problem of `new` is reported at once, in `lang`.
pub async fn create(
    db: &DatabaseConnection,
    owner: &AuthUser,
    new: &NewWorkshop,
    lang: Lang,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(workshop::Model, wave::Model, wave::Model), AppError> {
    let t = lang.t();
    let (held_from, held_to) = (parse_day(&new.held_from), parse_day(&new.held_to));
    let mut details: Vec<ErrorDetail> = check_new_workshop(&new.title, new.place.as_deref(), held_from, held_to)
        .into_iter()
        .map(|(field, problem)| ErrorDetail {
            row: None,
            field: field.into(),
            message: match problem {
                WorkshopProblem::TitleInvalid => t.wave_title_invalid,
                WorkshopProblem::PlaceTooLong => t.workshop_place_too_long,
                WorkshopProblem::DatesInvalid => t.workshop_dates_invalid,
            }
            .into(),
        })
        .collect();
    let instrument = instruments::published_by_slug(db, new.instrument.trim()).await?;
    if instrument.is_none() {
        details.push(ErrorDetail { row: None, field: "instrument".into(), message: t.wave_instrument_unknown.into() });
    }
    let all = units::all(db).await?;
    let unit = match new.unit.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        None => None,
        Some(code) => {
            let found = all.iter().find(|u| u.code == code && u.active);
            if found.is_none() {
                details.push(ErrorDetail { row: None, field: "unit".into(), message: t.bulk_unit_unknown.into() });
            }
            found
        }
    };
    // Participants of a workshop without a unit come from anywhere: the wave covers the whole tree.
    let root = unit.or_else(|| all.iter().find(|u| u.parent_id.is_none() && u.active));
    let (Some(instrument), Some(root), Some(held_from), Some(held_to), true) =
        (instrument, root, held_from, held_to, details.is_empty())
    else {
        if root.is_none() && details.is_empty() {
            details.push(ErrorDetail { row: None, field: "unit".into(), message: t.bulk_unit_unknown.into() });
        }
        return Err(AppError::Invalid { message: t.err_invalid.into(), details });
    };
    let windows = workshop_windows(held_from, held_to);
    let title = new.title.trim().to_string();
    let wave_row =
        |kind: WaveKind, prefix: &str, (opens, closes): (chrono::NaiveDate, chrono::NaiveDate)| wave::ActiveModel {
            slug: Set(waves::new_slug()),
            title: Set(format!("{prefix}: {title}")),
            instrument_id: Set(instrument.id),
            root_unit_id: Set(root.id),
            opens_on: Set(opens),
            closes_on: Set(closes),
            access: Set(WaveAccess::Open),
            kind: Set(kind),
            closed_early: Set(false),
            created_at: Set(now),
            ..Default::default()
        };
    let txn = db.begin().await?;
    let pre = wave_row(WaveKind::Pre, "Pre-test", windows.pre).insert(&txn).await?;
    let post = wave_row(WaveKind::Post, "Post-test", windows.post).insert(&txn).await?;
    crate::server::repo::waves::snapshot(&txn, pre.id, pre.root_unit_id).await?;
    crate::server::repo::waves::snapshot(&txn, post.id, post.root_unit_id).await?;
    let saved = workshop::ActiveModel {
        title: Set(title),
        place: Set(new.place.as_deref().map(|p| p.trim().to_string()).filter(|p| !p.is_empty())),
        owner_id: Set(owner.id),
        unit_id: Set(unit.map(|u| u.id)),
        held_from: Set(held_from),
        held_to: Set(held_to),
        then_test: Set(new.then_test),
        pre_wave_id: Set(pre.id),
        post_wave_id: Set(post.id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, now, Some(owner.id), "workshop.create", &format!("workshop {}", saved.id)).await?;
    txn.commit().await?;
    Ok((saved, pre, post))
}

/// Opens or closes one of a workshop's waves now. Only its trainer and admins may: HR reads
/// workshops but does not run them. Opening moves the window to include today.
pub async fn set_wave_open(
    db: &DatabaseConnection,
    user: &AuthUser,
    workshop_id: i32,
    post_test: bool,
    open: bool,
    now: chrono::DateTime<chrono::Utc>,
    lang: crate::i18n::Lang,
) -> Result<(), AppError> {
    let (found, pre, post) = find_for(db, user, workshop_id).await?;
    if !(user.role == Role::Admin || found.owner_id == user.id) {
        return Err(AppError::Forbidden);
    }
    let target = if post_test { post } else { pre };
    let what = format!("wave {} of workshop {workshop_id}", target.id);
    crate::server::reports::waves::switch_open(db, target, open, user.id, now, &what, lang).await
}
