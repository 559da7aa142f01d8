//! Storing a response: one transaction (on SQLite, shared with the responses that arrived with it) for
//! the nonce, the response with its scores, and its answers. A repeated form (double tap, retry after a
//! timeout) carries the same nonce and stores nothing new.

use crate::domain::UnitId;
use crate::domain::WaveId;
use crate::domain::scoring::score_response;
use crate::domain::submission::{InstrumentItem, ValidSubmission};
use crate::domain::survey::{WaveAccess, WavePhase, wave_phase};
use crate::domain::{Discipline, LikertValue};
use crate::error::AppError;
use crate::server::auth::hash_secret;
use crate::server::entities::{answer, invitation, response, submission_nonce, unit, wave};
use crate::server::repo::sums::ScoredResponse;
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};
use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::{mpsc, oneshot};

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
    /// A token wave was answered without an invitation, or with a token of another wave.
    TokenInvalid,
    /// The invitation was already used for an earlier response.
    TokenUsed,
}

/// Whether a wave takes answers on `today`.
pub fn is_open(wave: &wave::Model, today: NaiveDate) -> bool {
    wave_phase(wave.opens_on, wave.closes_on, wave.closed_early, today) == WavePhase::Open
}

/// One validated response on its way to the database, with what the transaction checks.
pub struct Submission<'a> {
    pub wave: &'a wave::Model,
    pub unit_id: UnitId,
    pub items: &'a [InstrumentItem],
    pub valid: &'a ValidSubmission,
    /// Random value of the form, so the same form sent twice is stored once.
    pub nonce: &'a str,
    /// The personal invitation token, required for a token wave.
    pub token: Option<&'a str>,
    /// Ids of the active units of the wave's tree, when the caller keeps them; read here otherwise.
    pub eligible_units: Option<&'a HashSet<UnitId>>,
    pub today: NaiveDate,
    pub scale_points: u8,
}

/// A checked submission, owned so that it can wait for the writer.
#[derive(Clone, Debug)]
pub struct PendingResponse {
    pub wave_id: WaveId,
    pub unit_id: UnitId,
    pub items: Vec<InstrumentItem>,
    pub valid: ValidSubmission,
    pub nonce_hash: String,
    /// Hash of the invitation token, on a token wave.
    pub token_hash: Option<String>,
    pub today: NaiveDate,
    pub scale_points: u8,
}

/// What the writer answers for one response.
pub type SubmitResult = Result<Result<SubmitOutcome, SubmitRefusal>, AppError>;

/// Most responses committed together: twice the busiest concurrency benchmarked (32); a larger batch
/// would only make its first respondent wait longer.
const MAX_BATCH: usize = 64;

/// Responses waiting for the SQLite writer; senders wait when it is full.
const QUEUE_CAPACITY: usize = 1024;

/// Stores respondents' submissions. On PostgreSQL each submission is its own transaction. On SQLite,
/// whose one writer makes every commit wait for the previous commit's fsync, one task stores them:
/// whatever queued while a commit was on its way to disk goes into the next transaction together (see
/// [`store_together`]), and every respondent is answered after the one fsync that made theirs durable.
#[derive(Clone)]
pub struct ResponseWriter {
    db: DatabaseConnection,
    queue: Option<mpsc::Sender<(PendingResponse, oneshot::Sender<SubmitResult>)>>,
    health: Arc<WriteHealth>,
}

/// When storing responses last failed and last worked, for the readiness check. On a full disk
/// SQLite can still make a small write that fits in space its WAL already holds (the check's own
/// probe row), while every batch of responses fails: the respondents' writes are what tell.
#[derive(Debug, Default)]
pub struct WriteHealth {
    /// Milliseconds since the Unix epoch; 0 for never.
    last_failure: AtomicU64,
    last_success: AtomicU64,
}

impl WriteHealth {
    fn record(&self, stored: bool, now_ms: u64) {
        let last = if stored { &self.last_success } else { &self.last_failure };
        last.fetch_max(now_ms, Ordering::Relaxed);
    }

    /// Whether storing a response failed within the last `window_ms` and nothing was stored since.
    pub fn failing(&self, now_ms: u64, window_ms: u64) -> bool {
        let failure = self.last_failure.load(Ordering::Relaxed);
        failure > 0
            && now_ms.saturating_sub(failure) < window_ms
            && failure >= self.last_success.load(Ordering::Relaxed)
    }
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

impl ResponseWriter {
    /// A writer for the database; on SQLite starts its task on the current Tokio runtime.
    pub fn new(db: DatabaseConnection) -> Self {
        let health = Arc::new(WriteHealth::default());
        let queue = (db.get_database_backend() == DatabaseBackend::Sqlite).then(|| {
            let (sender, receiver) = mpsc::channel(QUEUE_CAPACITY);
            tokio::spawn(write_in_batches(db.clone(), receiver, Arc::clone(&health)));
            sender
        });
        ResponseWriter { db, queue, health }
    }

    /// How storing responses went lately.
    pub fn health(&self) -> &WriteHealth {
        &self.health
    }

    /// Stores one response if the wave is open, the unit is an active unit of the wave's tree, the
    /// form's nonce was not used before and, on a token wave, the invitation is unused; the invitation
    /// is marked used in the same transaction, so two concurrent submits with one token store one
    /// response. Stores the day, never the time, and nothing that links the response to the token.
    pub async fn submit(&self, submission: &Submission<'_>) -> SubmitResult {
        let pending = match checked(&self.db, submission).await? {
            Ok(pending) => pending,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let Some(queue) = &self.queue else {
            let outcome = store_one(&self.db, &pending).await;
            self.health.record(outcome.is_ok(), now_ms());
            return outcome;
        };
        let (reply, answer) = oneshot::channel();
        queue.send((pending, reply)).await.map_err(|_| AppError::internal("the response writer has stopped"))?;
        answer.await.map_err(|_| AppError::internal("the response writer dropped a response"))?
    }
}

/// The checks that need no write, and the submission made ready for storing.
async fn checked(
    db: &impl ConnectionTrait,
    submission: &Submission<'_>,
) -> Result<Result<PendingResponse, SubmitRefusal>, AppError> {
    let Submission { wave, unit_id, items, valid, nonce, token, eligible_units, today, scale_points } = *submission;
    if nonce.trim().is_empty() || nonce.chars().count() > MAX_NONCE_CHARS {
        return Ok(Err(SubmitRefusal::NonceInvalid));
    }
    if !is_open(wave, today) {
        return Ok(Err(SubmitRefusal::WaveNotOpen));
    }
    let token_hash = match (wave.access, token) {
        (WaveAccess::Token, Some(token)) if !token.trim().is_empty() => Some(hash_secret(token.trim())),
        (WaveAccess::Token, _) => return Ok(Err(SubmitRefusal::TokenInvalid)),
        (WaveAccess::Open, _) => None,
    };
    let eligible = match eligible_units {
        Some(ids) => ids.contains(&unit_id),
        None => eligible_unit_ids(&unit::Entity::find().all(db).await?, wave).contains(&unit_id),
    };
    if !eligible {
        return Ok(Err(SubmitRefusal::UnitNotInWave));
    }
    Ok(Ok(PendingResponse {
        wave_id: wave.id,
        unit_id,
        items: items.to_vec(),
        valid: valid.clone(),
        nonce_hash: hash_secret(nonce),
        token_hash,
        today,
        scale_points,
    }))
}

/// Ids of the units a wave takes answers for: the active units of its tree.
pub fn eligible_unit_ids(units: &[unit::Model], wave: &wave::Model) -> HashSet<UnitId> {
    let in_wave = unit::tree(units).subtree(Some(wave.root_unit_id));
    units.iter().filter(|u| u.active && in_wave.contains(&u.id)).map(|u| u.id).collect()
}

/// The SQLite writer's loop: takes everything that is waiting (up to `MAX_BATCH`) and stores it together.
async fn write_in_batches(
    db: DatabaseConnection,
    mut queue: mpsc::Receiver<(PendingResponse, oneshot::Sender<SubmitResult>)>,
    health: Arc<WriteHealth>,
) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let (pending, replies): (Vec<_>, Vec<_>) = batch.drain(..).unzip();
        let outcomes = store_together(&db, &pending).await;
        // One response that stored is proof enough that the database writes.
        health.record(outcomes.iter().any(Result::is_ok), now_ms());
        for (reply, outcome) in replies.into_iter().zip(outcomes) {
            // A respondent who left before the answer came still has their response stored.
            let _ = reply.send(outcome);
        }
    }
}

/// Stores several responses in one transaction. A refusal (a replayed nonce, a used token) changes
/// nothing for its response and does not touch the others. When a statement fails, the transaction is
/// undone and each response is tried again in a transaction of its own, so that one bad response does
/// not cost the others theirs; when a commit fails, its respondents get the error, so nobody is thanked
/// for a response that was not kept.
pub async fn store_together(db: &DatabaseConnection, batch: &[PendingResponse]) -> Vec<SubmitResult> {
    let _turn = crate::server::db::sqlite_write_turn(db).await;
    match store_in_one_transaction(db, batch).await {
        Ok(outcomes) => outcomes.into_iter().map(Ok).collect(),
        Err(e) if batch.len() == 1 => vec![Err(e)],
        Err(e) => {
            tracing::warn!(error = %e, responses = batch.len(), "a batch of responses failed; storing them one by one");
            let mut outcomes = Vec::with_capacity(batch.len());
            for pending in batch {
                outcomes.push(store_one(db, pending).await);
            }
            outcomes
        }
    }
}

/// Stores one response in a transaction of its own.
async fn store_one(db: &DatabaseConnection, pending: &PendingResponse) -> SubmitResult {
    let mut outcomes = store_in_one_transaction(db, std::slice::from_ref(pending)).await?;
    Ok(outcomes.remove(0))
}

/// Claims each response's nonce and invitation, stores the claimed ones and commits.
async fn store_in_one_transaction(
    db: &DatabaseConnection,
    batch: &[PendingResponse],
) -> Result<Vec<Result<SubmitOutcome, SubmitRefusal>>, AppError> {
    let txn = db.begin().await?;
    let mut outcomes = Vec::with_capacity(batch.len());
    let mut claimed = Vec::with_capacity(batch.len());
    for pending in batch {
        let outcome = claim(&txn, pending).await?;
        if outcome == Ok(SubmitOutcome::Stored) {
            claimed.push(pending.scored());
        }
        outcomes.push(outcome);
    }
    store_scored(&txn, &claimed).await?;
    txn.commit().await?;
    Ok(outcomes)
}

/// Claims the form's nonce and, on a token wave, the invitation, for a response about to be stored in
/// the same transaction (`Stored`). A replayed nonce or a refused invitation leaves the database as it
/// was. The nonce goes in first: a copy of the same form finds it there, whichever transaction wrote it.
async fn claim(txn: &impl ConnectionTrait, pending: &PendingResponse) -> SubmitResult {
    let nonce = submission_nonce::ActiveModel {
        nonce: Set(pending.nonce_hash.clone()),
        wave_id: Set(pending.wave_id),
        used_on: Set(pending.today),
    };
    let inserted = submission_nonce::Entity::insert(nonce)
        .on_conflict(OnConflict::column(submission_nonce::Column::Nonce).do_nothing().to_owned())
        .exec_without_returning(txn)
        .await?;
    if inserted == 0 {
        return Ok(Ok(SubmitOutcome::AlreadySubmitted));
    }
    if let Some(token_hash) = &pending.token_hash
        && let Err(refusal) = claim_invitation(txn, pending.wave_id, token_hash).await?
    {
        submission_nonce::Entity::delete_by_id(pending.nonce_hash.clone()).exec(txn).await?;
        return Ok(Err(refusal));
    }
    Ok(Ok(SubmitOutcome::Stored))
}

impl PendingResponse {
    fn scored(&self) -> ScoredResponse<'_> {
        ScoredResponse {
            wave_id: self.wave_id,
            unit_id: self.unit_id,
            day: self.today,
            items: &self.items,
            valid: &self.valid,
            scale_points: self.scale_points,
            typed_in: false,
        }
    }
}

/// Answer rows per INSERT: four columns each stay under SQLite's 32,766 bound parameters.
const ANSWERS_PER_INSERT: usize = 5_000;

/// Inserts validated responses with their scores and answers and adds them to the sums kept per
/// (wave, unit), inside the caller's transaction: every path that stores a response goes through here,
/// so the heatmap and α never miss one. One INSERT per response; then, whatever the number of
/// responses, one upsert per (wave, unit) and table of sums and the answers in as few INSERTs as the
/// parameter limit allows.
pub async fn store_scored(txn: &impl ConnectionTrait, responses: &[ScoredResponse<'_>]) -> Result<(), AppError> {
    let mut saved = Vec::with_capacity(responses.len());
    for r in responses {
        let row = scored_row(r.wave_id, r.unit_id, r.day, r.items, r.valid, r.scale_points);
        saved.push((row.insert(txn).await?, r.typed_in));
    }
    crate::server::repo::sums::scores::add_to_sums(txn, &saved).await?;
    crate::server::repo::sums::alpha::add_to_sums(txn, responses).await?;
    let mut rows = Vec::new();
    for (s, r) in saved.iter().zip(responses) {
        rows.extend(answer_rows(s.0.id, r.items, r.valid));
    }
    while !rows.is_empty() {
        let rest = rows.split_off(rows.len().min(ANSWERS_PER_INSERT));
        answer::Entity::insert_many(std::mem::replace(&mut rows, rest)).exec(txn).await?;
    }
    Ok(())
}

/// Marks an unused invitation of the wave as used. The conditional UPDATE is what makes concurrent
/// submits safe: the database lets exactly one of them change the row from unused to used.
async fn claim_invitation(
    txn: &impl ConnectionTrait,
    wave_id: WaveId,
    token_hash: &str,
) -> Result<Result<(), SubmitRefusal>, AppError> {
    let updated = invitation::Entity::update_many()
        .col_expr(invitation::Column::Used, Expr::value(true))
        .filter(invitation::Column::WaveId.eq(wave_id))
        .filter(invitation::Column::TokenHash.eq(token_hash))
        .filter(invitation::Column::Used.eq(false))
        .exec(txn)
        .await?;
    if updated.rows_affected == 1 {
        return Ok(Ok(()));
    }
    let exists = invitation::Entity::find()
        .filter(invitation::Column::WaveId.eq(wave_id))
        .filter(invitation::Column::TokenHash.eq(token_hash))
        .one(txn)
        .await?
        .is_some();
    Ok(Err(if exists { SubmitRefusal::TokenUsed } else { SubmitRefusal::TokenInvalid }))
}

/// The state of an invitation token of a wave, for the survey page before anything is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvitationState {
    Unused,
    Used,
    Unknown,
}

/// Looks up an invitation token of a wave.
pub async fn invitation_state(
    db: &impl ConnectionTrait,
    wave_id: WaveId,
    token: &str,
) -> Result<InvitationState, AppError> {
    let found = invitation::Entity::find()
        .filter(invitation::Column::WaveId.eq(wave_id))
        .filter(invitation::Column::TokenHash.eq(hash_secret(token.trim())))
        .one(db)
        .await?;
    Ok(match found {
        Some(i) if i.used => InvitationState::Used,
        Some(_) => InvitationState::Unused,
        None => InvitationState::Unknown,
    })
}

/// The row of a response on `day`, with the scores and favourable counts the domain computes from its
/// answers (`valid.answers` aligned with `items`).
pub fn scored_row(
    wave_id: WaveId,
    unit_id: UnitId,
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

#[cfg(test)]
mod tests {
    use super::WriteHealth;

    #[test]
    fn a_recent_failure_counts_until_a_write_works_or_the_window_passes() {
        let health = WriteHealth::default();
        assert!(!health.failing(1_000, 10_000), "nothing happened yet");
        health.record(false, 5_000);
        assert!(health.failing(6_000, 10_000));
        assert!(!health.failing(15_000, 10_000), "the window has passed");
        health.record(true, 7_000);
        assert!(!health.failing(8_000, 10_000), "a later write worked");
        health.record(false, 9_000);
        assert!(health.failing(9_500, 10_000));
    }
}
