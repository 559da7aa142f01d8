//! Storing a response: one transaction for the nonce, the response with its scores, and its answers.
//! A repeated form (double tap, retry after a timeout) carries the same nonce and stores nothing new.

use crate::domain::scoring::score_response;
use crate::domain::submission::{InstrumentItem, ValidSubmission};
use crate::domain::{Discipline, LikertValue};
use crate::error::AppError;
use crate::server::auth::hash_secret;
use crate::server::entities::{answer, response, submission_nonce, unit, wave};
use crate::server::repo::units::subtree_ids;
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set, SqlErr, TransactionSession, TransactionTrait};

/// Longest form nonce accepted.
pub const MAX_NONCE_CHARS: usize = 128;

/// What happened to a valid submission.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubmitOutcome {
    Stored,
    /// The same form was submitted before; nothing new was stored.
    AlreadySubmitted,
}

/// Why a valid submission cannot be stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubmitRefusal {
    WaveNotOpen,
    UnitNotInWave,
    NonceInvalid,
}

/// Whether a wave takes answers on `today`.
pub fn is_open(wave: &wave::Model, today: NaiveDate) -> bool {
    !wave.closed_early && wave.opens_on <= today && today <= wave.closes_on
}

/// Stores one response of `wave` for `unit_id` if the wave is open, the unit is an active unit of
/// the wave's tree and the form's `nonce` was not used before. Stores the day, never the time.
#[expect(clippy::too_many_arguments, reason = "each argument is a distinct fact the one transaction needs")]
pub async fn submit<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    wave: &wave::Model,
    unit_id: i32,
    items: &[InstrumentItem],
    valid: &ValidSubmission,
    nonce: &str,
    today: NaiveDate,
    scale_points: u8,
) -> Result<Result<SubmitOutcome, SubmitRefusal>, AppError> {
    if nonce.trim().is_empty() || nonce.chars().count() > MAX_NONCE_CHARS {
        return Ok(Err(SubmitRefusal::NonceInvalid));
    }
    if !is_open(wave, today) {
        return Ok(Err(SubmitRefusal::WaveNotOpen));
    }
    let units = unit::Entity::find().all(db).await?;
    let in_wave = subtree_ids(&units, Some(wave.root_unit_id));
    if !in_wave.contains(&unit_id) || !units.iter().any(|u| u.id == unit_id && u.active) {
        return Ok(Err(SubmitRefusal::UnitNotInWave));
    }

    let txn = db.begin().await?;
    // The nonce goes in first: a concurrent copy of the same form fails on its primary key here.
    let claimed =
        submission_nonce::ActiveModel { nonce: Set(hash_secret(nonce)), wave_id: Set(wave.id), used_on: Set(today) }
            .insert(&txn)
            .await;
    match claimed {
        Ok(_) => {}
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            txn.rollback().await?;
            return Ok(Ok(SubmitOutcome::AlreadySubmitted));
        }
        Err(e) => return Err(e.into()),
    }
    let saved = scored_row(wave.id, unit_id, today, items, valid, scale_points).insert(&txn).await?;
    let rows = answer_rows(saved.id, items, valid);
    if !rows.is_empty() {
        answer::Entity::insert_many(rows).exec(&txn).await?;
    }
    txn.commit().await?;
    Ok(Ok(SubmitOutcome::Stored))
}

/// The row of a response on `day`, with the scores and favourable counts the domain computes from its
/// answers (`valid.answers` aligned with `items`).
pub fn scored_row(
    wave_id: i32,
    unit_id: i32,
    day: NaiveDate,
    items: &[InstrumentItem],
    valid: &ValidSubmission,
    scale_points: u8,
) -> response::ActiveModel {
    let scores = score_response(items.iter().zip(&valid.answers).map(|(item, value)| (item.key, *value)), scale_points);
    // At most a handful of items per discipline, so the counts always fit a small integer.
    let fav = |d: Discipline| scores.favourable[d.index()].favourable as i16;
    let ans = |d: Discipline| scores.favourable[d.index()].answered as i16;
    response::ActiveModel {
        wave_id: Set(wave_id),
        unit_id: Set(unit_id),
        submitted_on: Set(day),
        grade_band: Set(valid.grade_band.clone()),
        tenure_band: Set(valid.tenure_band.clone()),
        role_kind: Set(valid.role_kind.clone()),
        pairing_code: Set(valid.pairing_code.clone()),
        score_personal_mastery: Set(scores.of(Discipline::PersonalMastery)),
        score_mental_models: Set(scores.of(Discipline::MentalModels)),
        score_shared_vision: Set(scores.of(Discipline::SharedVision)),
        score_team_learning: Set(scores.of(Discipline::TeamLearning)),
        score_systems_thinking: Set(scores.of(Discipline::SystemsThinking)),
        lo_index: Set(scores.lo_index),
        favourable_personal_mastery: Set(fav(Discipline::PersonalMastery)),
        answered_personal_mastery: Set(ans(Discipline::PersonalMastery)),
        favourable_mental_models: Set(fav(Discipline::MentalModels)),
        answered_mental_models: Set(ans(Discipline::MentalModels)),
        favourable_shared_vision: Set(fav(Discipline::SharedVision)),
        answered_shared_vision: Set(ans(Discipline::SharedVision)),
        favourable_team_learning: Set(fav(Discipline::TeamLearning)),
        answered_team_learning: Set(ans(Discipline::TeamLearning)),
        favourable_systems_thinking: Set(fav(Discipline::SystemsThinking)),
        answered_systems_thinking: Set(ans(Discipline::SystemsThinking)),
        comment: Set(valid.comment.clone()),
        ..Default::default()
    }
}

/// Answer rows of a stored response: one per answered item, with its then-test answer if any.
pub fn answer_rows(response_id: i32, items: &[InstrumentItem], valid: &ValidSubmission) -> Vec<answer::ActiveModel> {
    let value = |v: &Option<LikertValue>| v.map(|v| i16::from(v.get()));
    items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            Some(answer::ActiveModel {
                response_id: Set(response_id),
                item_id: Set(item.id),
                value: Set(value(&valid.answers[i])?),
                then_value: Set(valid.then_answers.get(i).and_then(value)),
            })
        })
        .collect()
}
