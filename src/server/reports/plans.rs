//! Rencana Aksi: creating, changing (with an optimistic version check), following and listing
//! action plans of the units in the caller's scope. Every change writes its audit entry in the
//! same transaction.

use crate::domain::Discipline;
use crate::domain::UnitId;
use crate::domain::WaveId;
use crate::domain::action_plan::{
    FocusReason, MAX_UPDATE_CHARS, PlanDraft, ValidPlan, before_after, is_overdue, suggest_focus, validate_plan,
};
use crate::domain::survey::WaveKind;
use crate::dto::{
    BeforeAfterDto, ErrorDetail, PlanDto, PlanFormDto, PlanListDto, PlanSummaryDto, PlanUpdateDto, TrendDto,
};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::server::auth::AuthUser;
use crate::server::entities::{action_plan, action_plan_update, app_user, unit, wave};
use crate::server::repo::{audit, units};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionSession,
    TransactionTrait,
};
use std::collections::HashMap;

/// Filters of the plan list; empty means all.
#[derive(Clone, Debug, Default)]
pub struct PlanFilter {
    pub opd: Option<String>,
    pub status: Option<String>,
    pub focus: Option<String>,
    pub overdue: bool,
}

fn invalid(lang: Lang, problems: Vec<(&'static str, crate::domain::action_plan::PlanProblem)>) -> AppError {
    let details = problems
        .into_iter()
        .map(|(field, p)| ErrorDetail { row: None, field: field.into(), message: lang.plan_problem(p).into() })
        .collect();
    AppError::Invalid { message: lang.t().err_invalid.into(), details }
}

/// The top unit below the organisation on the way up from `id` (the unit itself when it is one).
fn opd_of(all: &[unit::Model], id: UnitId) -> Option<&unit::Model> {
    let by_id: HashMap<UnitId, &unit::Model> = all.iter().map(|u| (u.id, u)).collect();
    let mut at = by_id.get(&id).copied()?;
    for _ in 0..all.len() {
        match at.parent_id.and_then(|p| by_id.get(&p).copied()) {
            Some(parent) if parent.parent_id.is_some() => at = parent,
            _ => return Some(at),
        }
    }
    Some(at)
}

/// The unit with `code` within the caller's scope.
async fn unit_in_scope(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    code: &str,
) -> Result<(unit::Model, Vec<unit::Model>), AppError> {
    let all = units::all(db).await?;
    let unit = all.iter().find(|u| u.code == code).cloned().ok_or(AppError::NotFound)?;
    if !unit::tree(&all).covers(user.scope_unit_id, unit.id) {
        return Err(AppError::Forbidden);
    }
    Ok((unit, all))
}

/// A plan whose unit lies in the caller's scope.
async fn plan_in_scope(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    id: i32,
) -> Result<(action_plan::Model, Vec<unit::Model>), AppError> {
    let plan = action_plan::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let all = units::all(db).await?;
    if !unit::tree(&all).covers(user.scope_unit_id, plan.unit_id) {
        return Err(AppError::Forbidden);
    }
    Ok((plan, all))
}

/// The point of `wave_id` in a unit's trend and the one before it.
fn points_around(trend: &TrendDto, wave_id: WaveId) -> Option<(usize, Option<usize>)> {
    let at = trend.waves.iter().position(|p| p.wave.id == wave_id)?;
    Some((at, at.checked_sub(1)))
}

fn discipline_means(figures: &crate::dto::HeatmapRowDto) -> [Option<f64>; 5] {
    std::array::from_fn(|i| figures.disciplines.get(Discipline::ALL[i].code()).cloned().flatten().map(|c| c.mean))
}

/// The new-plan form of a unit and wave: the unit's means and the suggested focus.
pub async fn form(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    code: &str,
    wave_id: WaveId,
) -> Result<PlanFormDto, AppError> {
    let (unit, _) = unit_in_scope(db, user, code).await?;
    let trend = crate::server::reports::unit_report::unit_trend(db, code, user.scope_unit_id).await?;
    let (at, before) = points_around(&trend, wave_id).ok_or(AppError::NotFound)?;
    let means = discipline_means(&trend.waves[at].figures);
    let previous = before.map(|b| discipline_means(&trend.waves[b].figures));
    let changes: [Option<f64>; 5] =
        std::array::from_fn(|i| previous.and_then(|p| p[i]).zip(means[i]).map(|(before, now)| now - before));
    let suggestion = suggest_focus(means, changes).map(|s| match s.reason {
        FocusReason::Lowest { mean } => (s.discipline.code().to_string(), "lowest".to_string(), mean),
        FocusReason::LargestDrop { change } => (s.discipline.code().to_string(), "drop".to_string(), change),
    });
    Ok(PlanFormDto {
        unit: unit.code,
        unit_name: unit.name,
        wave: trend.waves[at].wave.clone(),
        means,
        suggestion,
        previous_wave: before.map(|b| trend.waves[b].wave.clone()),
    })
}

/// Creates a plan for a unit and one of the periodic waves that covered it; returns its id.
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user: &AuthUser,
    code: &str,
    wave_id: WaveId,
    draft: &PlanDraft,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let (unit, _) = unit_in_scope(db, user, code).await?;
    let wave = wave::Entity::find_by_id(wave_id).one(db).await?.ok_or(AppError::NotFound)?;
    let in_wave = crate::server::repo::waves::units_of(db, &wave).await?;
    if wave.kind != WaveKind::Periodic || !unit::tree(&in_wave).covers(Some(wave.root_unit_id), unit.id) {
        return Err(AppError::NotFound);
    }
    let plan = validate_plan(draft, wave.opens_on).map_err(|p| invalid(lang, p))?;
    let txn = db.begin().await?;
    let saved = action_plan::ActiveModel {
        unit_id: Set(unit.id),
        wave_id: Set(wave.id),
        version: Set(1),
        created_by: Set(user.id),
        created_at: Set(now),
        ..fields(plan, now)
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, now, Some(user.id), "plan.create", &format!("plan {} for unit {}", saved.id, unit.code))
        .await?;
    txn.commit().await?;
    Ok(saved.id)
}

/// The columns a form sets.
fn fields(plan: ValidPlan, now: DateTime<Utc>) -> action_plan::ActiveModel {
    action_plan::ActiveModel {
        focus_discipline: Set(plan.focus.code().into()),
        goal: Set(plan.goal),
        reality: Set(plan.reality),
        options: Set(plan.options),
        way_forward: Set(plan.way_forward),
        owner_name: Set(plan.owner_name),
        due_on: Set(plan.due_on),
        status: Set(plan.status),
        updated_at: Set(now),
        ..Default::default()
    }
}

/// Changes a plan if nobody changed it since the caller loaded `version`; otherwise nothing is
/// written and the caller is told to reload, so one person's edit never silently replaces another's.
pub async fn update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user: &AuthUser,
    id: i32,
    version: i32,
    draft: &PlanDraft,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let (plan, _) = plan_in_scope(db, user, id).await?;
    let wave = wave::Entity::find_by_id(plan.wave_id).one(db).await?.ok_or(AppError::NotFound)?;
    let valid = validate_plan(draft, wave.opens_on).map_err(|p| invalid(lang, p))?;
    let status_changed = valid.status != plan.status;
    let txn = db.begin().await?;
    let mut change = fields(valid, now);
    change.version = Set(version + 1);
    // The version check and the write are one statement, so two concurrent saves cannot both pass.
    let written = action_plan::Entity::update_many()
        .set(change)
        .filter(action_plan::Column::Id.eq(id))
        .filter(action_plan::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if written.rows_affected != 1 {
        return Err(AppError::invalid(lang.plans().conflict));
    }
    let action = if status_changed { "plan.status" } else { "plan.update" };
    audit::record(&txn, now, Some(user.id), action, &format!("plan {id} version {}", version + 1)).await?;
    txn.commit().await?;
    Ok(())
}

/// Adds a dated progress note.
pub async fn add_note<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user: &AuthUser,
    id: i32,
    note: &str,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    plan_in_scope(db, user, id).await?;
    let note = note.trim();
    use crate::domain::action_plan::PlanProblem;
    let problem = if note.is_empty() {
        Some(PlanProblem::Missing)
    } else if note.chars().count() > MAX_UPDATE_CHARS {
        Some(PlanProblem::TooLong)
    } else if crate::domain::text::has_forbidden_control(note, true) {
        Some(PlanProblem::ControlCharacter)
    } else {
        None
    };
    if let Some(problem) = problem {
        return Err(invalid(lang, vec![("note", problem)]));
    }
    let txn = db.begin().await?;
    action_plan_update::ActiveModel {
        plan_id: Set(id),
        author_id: Set(user.id),
        note: Set(note.to_string()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    action_plan::Entity::update_many()
        .col_expr(action_plan::Column::UpdatedAt, Expr::value(now))
        .filter(action_plan::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    audit::record(&txn, now, Some(user.id), "plan.progress", &format!("plan {id}")).await?;
    txn.commit().await?;
    Ok(())
}

/// One plan with its progress notes and, once a later wave has closed, the before/after of its focus.
pub async fn detail(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    id: i32,
    today: NaiveDate,
) -> Result<PlanDto, AppError> {
    let (plan, all) = plan_in_scope(db, user, id).await?;
    let unit = all.iter().find(|u| u.id == plan.unit_id).cloned().ok_or(AppError::NotFound)?;
    let notes = action_plan_update::Entity::find()
        .filter(action_plan_update::Column::PlanId.eq(id))
        .order_by_asc(action_plan_update::Column::CreatedAt)
        .all(db)
        .await?;
    let authors: HashMap<i32, String> =
        app_user::Entity::find().all(db).await?.into_iter().map(|u| (u.id, u.display_name)).collect();
    let trend = crate::server::reports::unit_report::unit_trend(db, &unit.code, user.scope_unit_id).await?;
    let focus = Discipline::parse(&plan.focus_discipline).unwrap_or(Discipline::PersonalMastery);
    let point = trend.waves.iter().position(|p| p.wave.id == plan.wave_id);
    let wave_ref = match point {
        Some(at) => trend.waves[at].wave.clone(),
        None => crate::server::reports::wave_ref(
            wave::Entity::find_by_id(plan.wave_id).one(db).await?.ok_or(AppError::NotFound)?,
        ),
    };
    let before_after_dto = point.and_then(|at| {
        let today_text = today.format("%Y-%m-%d").to_string();
        let later = trend.waves[at + 1..].iter().find(|p| p.wave.closes_on < today_text)?;
        let mean = |figures: &crate::dto::HeatmapRowDto| discipline_means(figures)[focus.index()];
        Some(BeforeAfterDto {
            after_wave: later.wave.clone(),
            figures: before_after(mean(&trend.waves[at].figures), mean(&later.figures)),
        })
    });
    let status = plan.status;
    Ok(PlanDto {
        id: plan.id,
        unit: unit.code,
        unit_name: unit.name,
        wave: wave_ref,
        focus: plan.focus_discipline.clone(),
        goal: plan.goal,
        reality: plan.reality,
        options: plan.options,
        way_forward: plan.way_forward,
        owner_name: plan.owner_name,
        due_on: plan.due_on,
        status,
        overdue: is_overdue(status, plan.due_on, today),
        version: plan.version,
        created_on: plan.created_at.date_naive(),
        updates: notes
            .into_iter()
            .map(|n| PlanUpdateDto {
                on: n.created_at.date_naive(),
                author: authors.get(&n.author_id).cloned().unwrap_or_default(),
                note: n.note,
            })
            .collect(),
        before_after: before_after_dto,
        can_edit: true,
    })
}

/// The plans of the caller's scope, newest first, narrowed by `filter`, each with its stored row.
async fn visible_plans(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    filter: &PlanFilter,
    today: NaiveDate,
) -> Result<(Vec<(PlanSummaryDto, action_plan::Model)>, Vec<unit::Model>), AppError> {
    let all = units::all(db).await?;
    let visible = unit::tree(&all).subtree(user.scope_unit_id);
    let waves: HashMap<WaveId, String> =
        wave::Entity::find().all(db).await?.into_iter().map(|w| (w.id, w.title)).collect();
    let plans = action_plan::Entity::find()
        .order_by_desc(action_plan::Column::CreatedAt)
        .order_by_desc(action_plan::Column::Id)
        .all(db)
        .await?;
    let by_id: HashMap<UnitId, &unit::Model> = all.iter().map(|u| (u.id, u)).collect();
    let rows = plans
        .into_iter()
        .filter(|p| visible.contains(&p.unit_id))
        .filter_map(|p| {
            let unit = by_id.get(&p.unit_id)?;
            let opd = opd_of(&all, p.unit_id).map(|o| o.code.clone()).unwrap_or_default();
            let status = p.status;
            let summary = PlanSummaryDto {
                id: p.id,
                unit: unit.code.clone(),
                unit_name: unit.name.clone(),
                opd,
                wave_id: p.wave_id,
                wave_title: waves.get(&p.wave_id).cloned().unwrap_or_default(),
                focus: p.focus_discipline.clone(),
                status,
                due_on: p.due_on,
                overdue: is_overdue(status, p.due_on, today),
                goal: p.goal.clone(),
            };
            Some((summary, p))
        })
        .filter(|(s, _)| filter.opd.as_deref().is_none_or(|o| o.is_empty() || s.opd == o))
        .filter(|(s, _)| filter.status.as_deref().is_none_or(|st| st.is_empty() || s.status.code() == st))
        .filter(|(s, _)| filter.focus.as_deref().is_none_or(|f| f.is_empty() || s.focus == f))
        .filter(|(s, _)| !filter.overdue || s.overdue)
        .collect();
    Ok((rows, all))
}

/// The plans of the caller's scope, newest first, narrowed by `filter`, with the OPDs to filter by.
pub async fn list(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    filter: &PlanFilter,
    today: NaiveDate,
) -> Result<PlanListDto, AppError> {
    let (rows, all) = visible_plans(db, user, filter, today).await?;
    let visible = unit::tree(&all).subtree(user.scope_unit_id);
    let by_id: HashMap<UnitId, &unit::Model> = all.iter().map(|u| (u.id, u)).collect();
    let mut opds: Vec<(String, String)> = all
        .iter()
        .filter(|u| visible.contains(&u.id))
        .filter(|u| u.parent_id.and_then(|p| by_id.get(&p)).is_some_and(|parent| parent.parent_id.is_none()))
        .map(|u| (u.code.clone(), u.name.clone()))
        .collect();
    opds.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(PlanListDto { plans: rows.into_iter().map(|(summary, _)| summary).collect(), opds })
}

/// A plan in full with its progress notes ("date: note"), oldest first, for the XLSX export.
pub struct PlanExportRow {
    pub summary: PlanSummaryDto,
    pub plan: action_plan::Model,
    pub notes: Vec<String>,
}

/// Every plan of the caller's scope narrowed by `filter`, in full, for the XLSX export.
pub async fn export_rows(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    filter: &PlanFilter,
    today: NaiveDate,
) -> Result<Vec<PlanExportRow>, AppError> {
    let plans = visible_plans(db, user, filter, today).await?.0;
    let mut notes: HashMap<i32, Vec<String>> = HashMap::new();
    for n in action_plan_update::Entity::find()
        .filter(action_plan_update::Column::PlanId.is_in(plans.iter().map(|(s, _)| s.id)))
        .order_by_asc(action_plan_update::Column::CreatedAt)
        .all(db)
        .await?
    {
        notes.entry(n.plan_id).or_default().push(format!("{}: {}", n.created_at.date_naive(), n.note));
    }
    Ok(plans
        .into_iter()
        .map(|(summary, plan)| PlanExportRow { notes: notes.remove(&plan.id).unwrap_or_default(), summary, plan })
        .collect())
}

/// The plans of one unit (and the units below it) in the caller's scope.
pub async fn of_unit(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    code: &str,
    today: NaiveDate,
) -> Result<Vec<PlanSummaryDto>, AppError> {
    let (unit, all) = unit_in_scope(db, user, code).await?;
    let below = unit::tree(&all).subtree(Some(unit.id));
    let codes: std::collections::HashSet<String> =
        all.iter().filter(|u| below.contains(&u.id)).map(|u| u.code.clone()).collect();
    let listed = list(db, user, &PlanFilter::default(), today).await?;
    Ok(listed.plans.into_iter().filter(|p| codes.contains(&p.unit)).collect())
}

/// Active plans past their due date in the scope.
pub async fn overdue_count(db: &impl ConnectionTrait, user: &AuthUser, today: NaiveDate) -> Result<u64, AppError> {
    let filter = PlanFilter { overdue: true, ..Default::default() };
    Ok(list(db, user, &filter, today).await?.plans.len() as u64)
}
