//! The respondent's survey at `/s/{slug}`: a GET that shows the right page for the wave, the link and
//! the unit, and a plain form POST that validates, stores in one transaction and thanks. Both work
//! without JavaScript; a refused form comes back rendered with the answers kept, which a server-function
//! redirect could not do.

use super::auth::{self, cookie_value, new_secret};
use super::config::Config;
use super::entities::{instrument, item, unit, wave, workshop};
use super::listed_router::ListedRouter;
use super::repo::responses::{self, ACCESS_TOKEN, InvitationState, Submission, SubmitOutcome, SubmitRefusal};
use super::repo::{instruments, settings, waves};
use super::state::{AppState, lang_of};
use super::{assets, rate_limit};
use crate::domain::Discipline;
use crate::domain::breakdown::BreakdownBy;
use crate::domain::pairing::{RANDOM_CHARS, code_from_indices, parse_code};
use crate::domain::submission::{
    MAX_COMMENT_CHARS, RawSubmission, SubmissionError, SubmissionProblem, TOO_FEW_ANSWERS_FIELD, validate_submission,
};
use crate::domain::survey::{Confidentiality, WavePhase, confidentiality, wave_phase};
use crate::domain::unit_tree::MAX_DEPTH;
use crate::error::AppError;
use crate::i18n::{Lang, fill};
use crate::pages::take_survey_page::{
    FieldError, FormUnit, FormValues, FormView, ItemView, NoticeView, PairingField, SectionView, SurveyFrame,
    ThanksView, UnitChoice, UnitLevel, UnitLink, UnitOption, form_body, notice_body, picker_body, render_document,
    thanks_body,
};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::Utc;
use rand::Rng;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Routes of the respondent's survey, with submissions limited per client address.
pub fn routes(config: &Config) -> ListedRouter {
    use axum::http::Method;
    ListedRouter::default()
        .route("/s/{slug}", &[Method::GET, Method::POST], get(show_survey).post(answer_survey))
        .map(|routes| rate_limit::limit_posts(routes, config.submit_limit, &config.trusted_proxies))
}

/// Cookie that keeps a workshop's pairing code on the respondent's device between pre and post test.
fn pairing_cookie_name(workshop_id: i32) -> String {
    format!("mawas_pair_{workshop_id}")
}

/// How long the device remembers a pairing code: longer than any workshop runs.
const PAIRING_COOKIE_SECONDS: u32 = 90 * 24 * 3600;

#[derive(Debug, Default, Deserialize)]
pub struct SurveyQuery {
    u: Option<String>,
    t: Option<String>,
    /// The unit whose level the picker of a large organisation shows.
    #[serde(rename = "in")]
    within: Option<String>,
    /// A search of the picker by unit name or code.
    q: Option<String>,
}

/// Where the unit picker is: the level shown (`None`: the wave's top) and a search, if any.
#[derive(Debug, Default)]
struct PickerPlace {
    within: Option<String>,
    query: Option<String>,
}

/// Units a wave may have before its picker goes level by level: one list of a few hundred options
/// (about 40 KB) still loads quickly on a slow phone; 20,000 would be megabytes.
const FULL_PICKER_MAX_UNITS: usize = 400;

/// Search results shown at most.
const MAX_SEARCH_RESULTS: usize = 50;

/// Which side of a workshop a wave is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WorkshopSide {
    Pre,
    Post { then_test: bool },
}

/// A wave with everything its pages need.
struct Survey {
    wave: wave::Model,
    scale_points: u8,
    items: Vec<item::Model>,
    workshop: Option<(workshop::Model, WorkshopSide)>,
    /// Active units of the wave's subtree.
    units: Vec<unit::Model>,
    /// `units` by code and each unit's children in name order, built once with the survey.
    index: UnitIndex,
    /// Ids of `units`, handed to `submit` so it does not read the tree again.
    eligible_units: HashSet<i32>,
    k: u32,
    /// Empty forms as rendered, by (language, unit code, confidentiality sentence), with
    /// [`NONCE_MARK`] where each visit's nonce goes; kept as long as the survey is.
    fresh_forms: std::sync::Mutex<HashMap<(Lang, String, String), Arc<str>>>,
}

/// Stands in a kept form for the nonce each visit gets: plain ASCII that escaping leaves alone and
/// that nothing else on the page contains.
const NONCE_MARK: &str = "mawas-nonce-slot-5f0c9e";

/// Surveys as read from the database, kept while the revision counter stands still: a respondent's
/// GET and POST then read one counter row instead of the wave, instrument, items, units and k.
#[derive(Default)]
pub struct SurveyCache {
    kept: std::sync::Mutex<KeptSurveys>,
}

#[derive(Default)]
struct KeptSurveys {
    revision: i64,
    by_slug: HashMap<String, Arc<Survey>>,
}

/// More waves than a deployment keeps open at once; past it the cache starts again.
const MAX_KEPT_SURVEYS: usize = 1_000;

/// Empty forms kept per survey (about 37 KB each, so at most about 37 MB): a wave of a few hundred
/// units fits; a larger tree starts its forms again when it is reached, rendering them anew.
const MAX_KEPT_FORMS: usize = 1_000;

impl SurveyCache {
    fn get(&self, revision: i64, slug: &str) -> Option<Arc<Survey>> {
        let kept = self.kept.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if kept.revision == revision { kept.by_slug.get(slug).cloned() } else { None }
    }

    fn put(&self, revision: i64, slug: &str, survey: Arc<Survey>) {
        let mut kept = self.kept.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if kept.revision != revision || kept.by_slug.len() >= MAX_KEPT_SURVEYS {
            *kept = KeptSurveys { revision, by_slug: HashMap::new() };
        }
        kept.by_slug.insert(slug.to_string(), survey);
    }
}

impl Survey {
    /// The survey of `slug`, from the cache when nothing it is built from changed since it was read.
    /// The counter is read before the tables, so a change that lands in between makes the next
    /// request read again rather than keep old data under the new counter.
    async fn load(state: &AppState, slug: &str) -> Result<Option<Arc<Survey>>, AppError> {
        let revision = crate::server::repo::revision::current(&state.db).await?;
        if let Some(survey) = state.surveys.get(revision, slug) {
            return Ok(Some(survey));
        }
        let Some(survey) = Self::read(state, slug).await?.map(Arc::new) else { return Ok(None) };
        state.surveys.put(revision, slug, Arc::clone(&survey));
        Ok(Some(survey))
    }

    async fn read(state: &AppState, slug: &str) -> Result<Option<Survey>, AppError> {
        let Some(wave) = wave::Entity::find().filter(wave::Column::Slug.eq(slug)).one(&state.db).await? else {
            return Ok(None);
        };
        let Some(instrument) = instrument::Entity::find_by_id(wave.instrument_id).one(&state.db).await? else {
            return Ok(None);
        };
        let items = instruments::items(&state.db, instrument.id).await?;
        // Only workshop waves belong to a workshop: a periodic wave skips the query.
        let workshop = if wave.kind == "periodic" {
            None
        } else {
            workshop::Entity::find()
                .filter(
                    Condition::any()
                        .add(workshop::Column::PreWaveId.eq(wave.id))
                        .add(workshop::Column::PostWaveId.eq(wave.id)),
                )
                .one(&state.db)
                .await?
                .map(|w| {
                    let side = if w.pre_wave_id == wave.id {
                        WorkshopSide::Pre
                    } else {
                        WorkshopSide::Post { then_test: w.then_test }
                    };
                    (w, side)
                })
        };
        let all = waves::units_of(&state.db, &wave).await?;
        let eligible_units = responses::eligible_unit_ids(&all, &wave);
        let units: Vec<unit::Model> = all.into_iter().filter(|u| eligible_units.contains(&u.id)).collect();
        let index = UnitIndex::new(&units);
        let k = settings::min_group_size(&state.db).await?;
        let scale_points = u8::try_from(instrument.scale_points).unwrap_or(5);
        Ok(Some(Survey {
            wave,
            scale_points,
            items,
            workshop,
            units,
            index,
            eligible_units,
            k,
            fresh_forms: Default::default(),
        }))
    }

    fn side(&self) -> Option<WorkshopSide> {
        self.workshop.as_ref().map(|(_, side)| *side)
    }

    fn then_test(&self) -> bool {
        matches!(self.side(), Some(WorkshopSide::Post { then_test: true }))
    }

    /// The wave's one breakdown dimension, the only band the form asks for and stores.
    fn breakdown(&self) -> BreakdownBy {
        BreakdownBy::of_wave(&self.wave.breakdown_by)
    }

    fn unit_by_code(&self, code: &str) -> Option<&unit::Model> {
        let code = code.trim();
        self.index
            .by_code
            .get(code)
            .or_else(|| self.index.by_code.get(&code.to_ascii_uppercase()))
            .map(|i| &self.units[*i])
            .or_else(|| self.units.iter().find(|u| u.code.eq_ignore_ascii_case(code)))
    }

    fn phase(&self) -> WavePhase {
        wave_phase(self.wave.opens_on, self.wave.closes_on, self.wave.closed_early, Utc::now().date_naive())
    }

    fn period(&self, lang: Lang) -> String {
        fill(
            lang.survey().runs_from_to,
            &[("from", &lang.date(self.wave.opens_on)), ("to", &lang.date(self.wave.closes_on))],
        )
    }

    fn lead(&self, lang: Lang) -> String {
        let s = lang.survey();
        let text = match self.side() {
            None => s.lead,
            Some(WorkshopSide::Pre) => s.lead_workshop_pre,
            Some(WorkshopSide::Post { .. }) => s.lead_workshop_post,
        };
        fill(text, &[("n", &self.items.len().to_string())])
    }

    fn sections(&self, lang: Lang) -> Vec<SectionView> {
        Discipline::ALL
            .iter()
            .filter_map(|d| {
                let items: Vec<ItemView> = self
                    .items
                    .iter()
                    .filter(|i| i.discipline == d.code())
                    .map(|i| ItemView {
                        code: i.code.clone(),
                        text: if lang == Lang::En { i.text_en.clone() } else { i.text_id.clone() },
                    })
                    .collect();
                (!items.is_empty()).then(|| SectionView { title: lang.discipline(*d).to_string(), items })
            })
            .collect()
    }

    /// The picker's options: the wave's root on top, then one group per unit directly below it
    /// (the OPD level of a Pemda-wide wave), each listing its subtree indented by depth. A wave of
    /// more than [`FULL_PICKER_MAX_UNITS`] units shows one level at a time, with a search.
    fn unit_choice(
        &self,
        visit: &Visit,
        place: &PickerPlace,
        selected: Option<String>,
        error: Option<String>,
    ) -> UnitChoice {
        if self.units.len() > FULL_PICKER_MAX_UNITS {
            return self.unit_level(visit, place, selected, error);
        }
        let root = self.wave.root_unit_id;
        let option = |u: &unit::Model, depth: usize| {
            let indent = "\u{a0}\u{a0}\u{a0}".repeat(depth);
            let marker = if depth > 0 { "· " } else { "" };
            UnitOption { code: u.code.clone(), label: format!("{indent}{marker}{}", u.name) }
        };
        let top = self.index.position.get(&root).map(|i| option(&self.units[*i], 0)).into_iter().collect();
        let groups = self
            .index
            .children_of(root)
            .map(|head| {
                let mut options = Vec::new();
                // A work list instead of recursion: depth-first, children in name order.
                let mut todo = vec![(head, 0usize)];
                while let Some((i, depth)) = todo.pop() {
                    let u = &self.units[i];
                    options.push(option(u, depth));
                    let children: Vec<usize> = self.index.children_of(u.id).collect();
                    todo.extend(children.into_iter().rev().map(|c| (c, depth + 1)));
                }
                (self.units[head].name.clone(), options)
            })
            .collect();
        UnitChoice { top, groups, selected, error, level: None }
    }

    /// The picker of a large organisation: the units of one level (or the units a search finds), the
    /// way back up, and links to the levels below.
    fn unit_level(
        &self,
        visit: &Visit,
        place: &PickerPlace,
        selected: Option<String>,
        error: Option<String>,
    ) -> UnitChoice {
        let lang = visit.lang;
        let root = self.wave.root_unit_id;
        let query = place.query.as_deref().map(str::trim).filter(|q| !q.is_empty()).unwrap_or("");
        let link = |i: usize| UnitLink {
            label: self.units[i].name.clone(),
            href: visit.level_href(Some(&self.units[i].code)),
        };
        let option = |i: usize| UnitOption { code: self.units[i].code.clone(), label: self.units[i].name.clone() };
        let mut level =
            UnitLevel { action: visit.level_href(None), query: query.chars().take(60).collect(), ..Default::default() };
        if !query.is_empty() {
            let needle = query.to_lowercase();
            let mut found: Vec<usize> = (0..self.units.len())
                .filter(|i| {
                    let u = &self.units[*i];
                    u.name.to_lowercase().contains(&needle) || u.code.to_lowercase().contains(&needle)
                })
                .take(MAX_SEARCH_RESULTS + 1)
                .collect();
            if found.len() > MAX_SEARCH_RESULTS {
                found.truncate(MAX_SEARCH_RESULTS);
                level.cut_at = Some(MAX_SEARCH_RESULTS);
            }
            level.nothing_found = found.is_empty();
            found.sort_by(|a, b| self.units[*a].name.cmp(&self.units[*b].name));
            let options = found
                .iter()
                .map(|i| {
                    let u = &self.units[*i];
                    let parent = u.parent_id.and_then(|p| self.index.position.get(&p)).map(|p| &self.units[*p].name);
                    let label = match parent {
                        Some(parent) if u.id != root => format!("{} — {parent}", u.name),
                        _ => u.name.clone(),
                    };
                    UnitOption { code: u.code.clone(), label }
                })
                .collect();
            let groups = vec![(lang.survey().unit_search_results.to_string(), options)];
            return UnitChoice { top: vec![], groups, selected, error, level: Some(level) };
        }
        let here = place
            .within
            .as_deref()
            .and_then(|code| self.unit_by_code(code))
            .and_then(|u| self.index.position.get(&u.id).copied())
            .or_else(|| self.index.position.get(&root).copied());
        let Some(here) = here else { return UnitChoice { selected, error, level: Some(level), ..Default::default() } };
        // The way up to the wave's root, top first; shown below the top only.
        let mut trail = vec![here];
        let mut at = here;
        while self.units[at].id != root && trail.len() <= MAX_DEPTH {
            let Some(parent) = self.units[at].parent_id.and_then(|p| self.index.position.get(&p)) else { break };
            at = *parent;
            trail.push(at);
        }
        if trail.len() > 1 {
            level.trail = trail.into_iter().rev().map(link).collect();
        }
        let children: Vec<usize> = self.index.children_of(self.units[here].id).collect();
        level.open =
            children.iter().filter(|c| self.index.has_children(self.units[**c].id)).map(|c| link(*c)).collect();
        let options = children.into_iter().map(option).collect();
        let groups = vec![(self.units[here].name.clone(), options)];
        UnitChoice { top: vec![option(here)], groups, selected, error, level: Some(level) }
    }
}

/// The active units of a wave looked up by code and by parent, built once per survey: the picker and
/// every submit use it, and a scan of 20,000 units per request would cost milliseconds.
#[derive(Default)]
struct UnitIndex {
    by_code: HashMap<String, usize>,
    position: HashMap<i32, usize>,
    /// Children of each unit, in name order (positions in `units`).
    children: HashMap<i32, Vec<usize>>,
}

impl UnitIndex {
    fn new(units: &[unit::Model]) -> Self {
        let mut children: HashMap<i32, Vec<usize>> = HashMap::new();
        for (i, u) in units.iter().enumerate() {
            if let Some(parent) = u.parent_id {
                children.entry(parent).or_default().push(i);
            }
        }
        for list in children.values_mut() {
            list.sort_by(|a, b| units[*a].name.cmp(&units[*b].name));
        }
        UnitIndex {
            by_code: units.iter().enumerate().map(|(i, u)| (u.code.clone(), i)).collect(),
            position: units.iter().enumerate().map(|(i, u)| (u.id, i)).collect(),
            children,
        }
    }

    fn children_of(&self, id: i32) -> impl Iterator<Item = usize> + '_ {
        self.children.get(&id).into_iter().flatten().copied()
    }

    /// Ids of `id` and every unit below it.
    fn subtree(&self, units: &[unit::Model], id: i32) -> Vec<i32> {
        let mut found = Vec::new();
        let mut todo: Vec<usize> = self.position.get(&id).copied().into_iter().collect();
        while let Some(i) = todo.pop() {
            found.push(units[i].id);
            todo.extend(self.children_of(units[i].id));
        }
        found
    }

    fn has_children(&self, id: i32) -> bool {
        self.children.get(&id).is_some_and(|c| !c.is_empty())
    }
}

/// Everything about one request that the pages need besides the wave.
struct Visit {
    lang: Lang,
    slug: String,
    token: Option<String>,
}

impl Visit {
    fn new(headers: &HeaderMap, slug: &str, token: Option<String>) -> Visit {
        let token = token.map(|t| t.trim().to_string()).filter(|t| !t.is_empty() && t.len() <= 128);
        Visit { lang: lang_of(headers), slug: slug.to_string(), token }
    }

    fn href(&self, unit: Option<&str>) -> String {
        self.survey_path_with("u", unit)
    }

    /// The picker of a large organisation at the level of `within` (the wave's top when `None`).
    fn level_href(&self, within: Option<&str>) -> String {
        self.survey_path_with("in", within)
    }

    /// The survey's path with `key=value` (when given) and the visit's invitation token.
    fn survey_path_with(&self, key: &str, value: Option<&str>) -> String {
        let mut query: Vec<(&str, &str)> = value.map(|v| (key, v)).into_iter().collect();
        if let Some(t) = &self.token {
            query.push(("t", t));
        }
        let query = serde_urlencoded::to_string(&query).unwrap_or_default();
        if query.is_empty() { format!("/s/{}", self.slug) } else { format!("/s/{}?{query}", self.slug) }
    }

    fn frame(&self, title: &str, unit: Option<&str>) -> SurveyFrame {
        let next = serde_urlencoded::to_string([("next", self.href(unit))]).unwrap_or_default();
        SurveyFrame {
            lang: self.lang,
            title: title.to_string(),
            switch_href: format!("/lang/{}?{next}", self.lang.other().code()),
            stylesheet_href: assets::STYLESHEET.href(),
            script_href: assets::SURVEY_SCRIPT.href(),
            body_class: "survey",
        }
    }

    fn draft_key(&self, unit: Option<&str>) -> String {
        format!("mawas-draft:{}:{}", self.slug, unit.unwrap_or(""))
    }
}

/// An HTML page that no cache keeps.
pub fn html_no_store(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    // Answers and tokens must not linger in shared caches or the back-forward cache of a shared phone.
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn notice(
    visit: &Visit,
    status: StatusCode,
    title: &str,
    heading: &str,
    body: &str,
    period: Option<String>,
) -> Response {
    let view = NoticeView { heading: heading.to_string(), body: body.to_string(), period };
    html_no_store(status, render_document(visit.frame(title, None), notice_body(view)))
}

fn not_found(visit: &Visit) -> Response {
    let s = visit.lang.survey();
    notice(visit, StatusCode::NOT_FOUND, s.not_found_title, s.not_found_title, s.not_found_body, None)
}

/// The notice for a wave that does not take answers today, if it does not.
fn phase_notice(visit: &Visit, survey: &Survey, status: StatusCode) -> Option<Response> {
    let s = visit.lang.survey();
    let (heading, body) = match survey.phase() {
        WavePhase::Open => return None,
        WavePhase::NotYetOpen => (s.not_yet_title, s.not_yet_body),
        WavePhase::Closed => (s.closed_title, s.closed_body),
    };
    Some(notice(visit, status, &survey.wave.title, heading, body, Some(survey.period(visit.lang))))
}

/// The notice for an invitation problem, if there is one.
async fn invitation_notice(state: &AppState, visit: &Visit, survey: &Survey) -> Result<Option<Response>, AppError> {
    if survey.wave.access != ACCESS_TOKEN {
        return Ok(None);
    }
    let s = visit.lang.survey();
    let found = match &visit.token {
        None => None,
        Some(token) => Some(responses::invitation_state(&state.db, survey.wave.id, token).await?),
    };
    let (status, heading, body) = match found {
        Some(InvitationState::Unused) => return Ok(None),
        None => (StatusCode::FORBIDDEN, s.invitation_only_title, s.invitation_only_body),
        Some(InvitationState::Unknown) => {
            (StatusCode::FORBIDDEN, s.invitation_unknown_title, s.invitation_unknown_body)
        }
        Some(InvitationState::Used) => (StatusCode::CONFLICT, s.invitation_used_title, s.invitation_used_body),
    };
    Ok(Some(notice(visit, status, &survey.wave.title, heading, body, None)))
}

/// The live confidentiality sentence for a unit: counts its subtree's responses so far, never shows them.
async fn unit_status(state: &AppState, lang: Lang, survey: &Survey, unit: &unit::Model) -> Result<String, AppError> {
    let s = lang.survey();
    let subtree = survey.index.subtree(&survey.units, unit.id);
    let answered = crate::server::repo::heatmap::responses_from(&state.db, survey.wave.id, subtree).await?;
    let headcount = unit.headcount.and_then(|h| u32::try_from(h).ok());
    let parent = unit
        .parent_id
        .and_then(|p| survey.index.position.get(&p))
        .map(|p| survey.units[*p].name.clone())
        .unwrap_or_else(|| s.the_level_above.to_string());
    let text = match confidentiality(answered, headcount, survey.k) {
        Confidentiality::ReportedOnItsOwn => s.status_reported,
        Confidentiality::OwnOnceEnoughAnswer => s.status_once_enough,
        Confidentiality::OnlyWithParent => s.status_only_parent,
    };
    Ok(fill(text, &[("unit", &unit.name), ("k", &survey.k.to_string()), ("parent", &parent)]))
}

fn drawn_pairing_code() -> String {
    let mut indices = [0u8; RANDOM_CHARS];
    rand::rng().fill(&mut indices);
    code_from_indices(indices)
}

/// The pairing field of a fresh form: a drawn code before the workshop, the device's code after it.
fn pairing_field(survey: &Survey, headers: &HeaderMap) -> PairingField {
    match &survey.workshop {
        None => PairingField::None,
        Some((_, WorkshopSide::Pre)) => PairingField::Drawn(drawn_pairing_code()),
        Some((w, WorkshopSide::Post { .. })) => {
            let remembered = cookie_value(headers, &pairing_cookie_name(w.id)).and_then(|c| parse_code(&c));
            PairingField::Typed { from_device: remembered.is_some(), value: remembered.unwrap_or_default() }
        }
    }
}

struct FormInput {
    unit: Result<unit::Model, Option<String>>,
    pairing: PairingField,
    values: FormValues,
    errors: Vec<FieldError>,
}

async fn form_page(
    state: &AppState,
    visit: &Visit,
    survey: &Survey,
    input: FormInput,
    status: StatusCode,
) -> Result<Response, AppError> {
    let status_text = match &input.unit {
        Ok(unit) => Some(unit_status(state, visit.lang, survey, unit).await?),
        Err(_) => None,
    };
    Ok(html_no_store(status, form_html(visit, survey, input, status_text, new_secret())))
}

/// Seconds a respondent is asked to wait before sending a form again that could not be stored.
const RETRY_AFTER_SECONDS: &str = "60";

/// The form with its answers when the database did not store them: 503, so that nobody (person,
/// proxy or monitor) takes it for success; without the live sentence, which would need the database.
fn unsaved_form_page(visit: &Visit, survey: &Survey, input: FormInput, nonce: String) -> Response {
    let mut response = html_no_store(StatusCode::SERVICE_UNAVAILABLE, form_html(visit, survey, input, None, nonce));
    response.headers_mut().insert(axum::http::header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER_SECONDS));
    response
}

/// A fresh form of a unit, the most asked-for page: rendered once per (language, unit, live
/// confidentiality sentence) and kept with the survey, each visit getting its own nonce. Only for
/// periodic waves without a personal token, whose empty form holds nothing else that varies.
async fn fresh_form_page(
    state: &AppState,
    visit: &Visit,
    survey: &Survey,
    unit: unit::Model,
) -> Result<Response, AppError> {
    let status_text = unit_status(state, visit.lang, survey, &unit).await?;
    let key = (visit.lang, unit.code.clone(), status_text.clone());
    let kept = survey.fresh_forms.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(&key).cloned();
    let html = match kept {
        Some(html) => html,
        None => {
            let input = FormInput {
                unit: Ok(unit),
                pairing: PairingField::None,
                values: FormValues::default(),
                errors: vec![],
            };
            let html: Arc<str> = form_html(visit, survey, input, Some(status_text), NONCE_MARK.to_string()).into();
            let mut forms = survey.fresh_forms.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if forms.len() >= MAX_KEPT_FORMS {
                forms.clear();
            }
            forms.insert(key, Arc::clone(&html));
            html
        }
    };
    Ok(html_no_store(StatusCode::OK, html.replacen(NONCE_MARK, &new_secret(), 1)))
}

fn form_html(visit: &Visit, survey: &Survey, input: FormInput, status_text: Option<String>, nonce: String) -> String {
    let lang = visit.lang;
    let s = lang.survey();
    let (unit, unit_code) = match input.unit {
        Ok(unit) => {
            let code = unit.code.clone();
            let change_href = visit.href(None);
            let status = status_text.unwrap_or_default();
            (FormUnit::Chosen { code: unit.code, name: unit.name, change_href, status }, Some(code))
        }
        Err(selected) => {
            let choice = survey.unit_choice(visit, &PickerPlace::default(), selected, Some(s.unit_invalid.to_string()));
            (FormUnit::Choose(choice), None)
        }
    };
    let form = FormView {
        action: visit.href(None),
        token: visit.token.clone(),
        nonce,
        draft_key: visit.draft_key(unit_code.as_deref()),
        lead: survey.lead(lang),
        period: survey.period(lang),
        k: survey.k,
        unit,
        sections: survey.sections(lang),
        scale_points: survey.scale_points,
        then_test: survey.then_test(),
        breakdown: survey.breakdown(),
        pairing: input.pairing,
        values: input.values,
        errors: input.errors,
        max_comment_chars: MAX_COMMENT_CHARS,
    };
    render_document(visit.frame(&survey.wave.title, unit_code.as_deref()), form_body(lang, form))
}

fn page_result(result: Result<Response, AppError>, lang: Lang) -> Response {
    result.unwrap_or_else(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.message(lang)).into_response())
}

/// `GET /s/{slug}[?u=UNIT][&t=TOKEN]`.
async fn show_survey(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<SurveyQuery>,
    headers: HeaderMap,
) -> Response {
    let visit = Visit::new(&headers, &slug, query.t.clone());
    let lang = visit.lang;
    let place = PickerPlace { within: query.within, query: query.q };
    page_result(show(&state, &visit, query.u, &place, &headers).await, lang)
}

async fn show(
    state: &AppState,
    visit: &Visit,
    unit_code: Option<String>,
    place: &PickerPlace,
    headers: &HeaderMap,
) -> Result<Response, AppError> {
    let Some(survey) = Survey::load(state, &visit.slug).await? else {
        return Ok(not_found(visit));
    };
    if let Some(page) = phase_notice(visit, &survey, StatusCode::OK) {
        return Ok(page);
    }
    if let Some(page) = invitation_notice(state, visit, &survey).await? {
        return Ok(page);
    }
    let lang = visit.lang;
    let unit_code = unit_code.map(|c| c.trim().to_string()).filter(|c| !c.is_empty());
    let unit = unit_code.as_deref().and_then(|c| survey.unit_by_code(c)).cloned();
    let Some(unit) = unit else {
        let error = unit_code.is_some().then(|| lang.survey().unit_invalid.to_string());
        let choice = survey.unit_choice(visit, place, None, error);
        let body = picker_body(lang, survey.lead(lang), survey.period(lang), visit.token.clone(), choice);
        return Ok(html_no_store(StatusCode::OK, render_document(visit.frame(&survey.wave.title, None), body)));
    };
    if visit.token.is_none() && survey.workshop.is_none() {
        return fresh_form_page(state, visit, &survey, unit).await;
    }
    let input = FormInput {
        unit: Ok(unit),
        pairing: pairing_field(&survey, headers),
        values: FormValues::default(),
        errors: vec![],
    };
    form_page(state, visit, &survey, input, StatusCode::OK).await
}

/// The form fields as sent, in order; a field sent twice is kept twice so validation can refuse it.
struct PostedForm {
    unit: Option<String>,
    token: Option<String>,
    nonce: String,
    raw: RawSubmission,
}

fn read_form(body: &[u8], then_test: bool) -> Option<PostedForm> {
    let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(body).ok()?;
    let mut seen = HashSet::new();
    let mut form = PostedForm { unit: None, token: None, nonce: String::new(), raw: RawSubmission::default() };
    for (name, value) in fields {
        if let Some(code) = name.strip_prefix("a_") {
            form.raw.answers.push((code.to_string(), value));
            continue;
        }
        if let Some(code) = name.strip_prefix("then_") {
            // Retrospective answers count only where the workshop asks for them.
            if then_test {
                form.raw.then_answers.push((code.to_string(), value));
            }
            continue;
        }
        // Any other field counts once: the first copy wins, later copies are ignored.
        if !seen.insert(name.clone()) {
            continue;
        }
        match name.as_str() {
            "u" => form.unit = Some(value),
            "t" => form.token = Some(value),
            "nonce" => form.nonce = value,
            "grade_band" => form.raw.grade_band = Some(value),
            "tenure_band" => form.raw.tenure_band = Some(value),
            "role_kind" => form.raw.role_kind = Some(value),
            "comment" => form.raw.comment = Some(value),
            "pairing_code" => form.raw.pairing_code = Some(value),
            _ => {}
        }
    }
    Some(form)
}

fn field_errors(lang: Lang, survey: &Survey, errors: &[SubmissionError]) -> Vec<FieldError> {
    let s = lang.survey();
    let max = MAX_COMMENT_CHARS.to_string();
    errors
        .iter()
        .map(|e| {
            let position = survey.items.iter().position(|i| i.code == e.field);
            let (anchor, label) = match e.field.as_str() {
                "grade_band" => ("f_grade_band".to_string(), s.grade_label.to_string()),
                "tenure_band" => ("f_tenure_band".to_string(), s.tenure_label.to_string()),
                "role_kind" => ("f_role_kind".to_string(), s.role_label.to_string()),
                "comment" => ("comment".to_string(), s.comment_label.to_string()),
                "pairing_code" => ("pairing_code".to_string(), s.pairing_label.to_string()),
                TOO_FEW_ANSWERS_FIELD => (
                    survey.items.first().map_or("survey-form".to_string(), |i| format!("q_{}", i.code)),
                    s.error_too_few_label.to_string(),
                ),
                code => match position {
                    Some(p) => (format!("q_{code}"), format!("{}. {}", p + 1, short(&survey.items[p], lang))),
                    None => ("survey-form".to_string(), code.chars().take(40).collect()),
                },
            };
            let message = match e.problem {
                SubmissionProblem::ValueOutOfScale => s.error_value.to_string(),
                SubmissionProblem::UnknownItem => s.error_unknown_item.to_string(),
                SubmissionProblem::RepeatedItem => s.error_repeated.to_string(),
                SubmissionProblem::UnknownBand => s.error_band.to_string(),
                SubmissionProblem::CommentTooLong => fill(s.error_comment, &[("max", &max)]),
                SubmissionProblem::CommentControlCharacter => lang.t().text_control_characters.to_string(),
                SubmissionProblem::PairingCodeInvalid => s.error_pairing.to_string(),
                SubmissionProblem::TooFewAnswers => s.error_too_few_answers.to_string(),
            };
            FieldError { anchor, label, message }
        })
        .collect()
}

fn short(item: &item::Model, lang: Lang) -> String {
    let text = if lang == Lang::En { &item.text_en } else { &item.text_id };
    let mut short: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        short.push('…');
    }
    short
}

/// The values to show again in a refused form. Unknown item codes are dropped: they have no field.
fn kept_values(raw: &RawSubmission) -> FormValues {
    FormValues {
        answers: raw.answers.clone(),
        then_answers: raw.then_answers.clone(),
        grade_band: raw.grade_band.clone().unwrap_or_default(),
        tenure_band: raw.tenure_band.clone().unwrap_or_default(),
        role_kind: raw.role_kind.clone().unwrap_or_default(),
        comment: raw.comment.clone().unwrap_or_default(),
    }
}

/// `POST /s/{slug}`: the form's answers.
async fn answer_survey(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lang = lang_of(&headers);
    page_result(answer(&state, &slug, &headers, &body).await, lang)
}

async fn answer(state: &AppState, slug: &str, headers: &HeaderMap, body: &[u8]) -> Result<Response, AppError> {
    let bare = Visit::new(headers, slug, None);
    let Some(survey) = Survey::load(state, slug).await? else {
        return Ok(not_found(&bare));
    };
    let Some(mut posted) = read_form(body, survey.then_test()) else {
        let s = bare.lang.survey();
        return Ok(notice(
            &bare,
            StatusCode::BAD_REQUEST,
            &survey.wave.title,
            s.errors_title,
            s.error_form_expired,
            None,
        ));
    };
    let visit = Visit::new(headers, slug, posted.token.clone());
    let lang = visit.lang;
    if let Some(page) = phase_notice(&visit, &survey, StatusCode::CONFLICT) {
        return Ok(page);
    }
    if let Some(page) = invitation_notice(state, &visit, &survey).await? {
        return Ok(page);
    }
    // Before the workshop the code is drawn by the server; a missing or damaged one is drawn again.
    if survey.side() == Some(WorkshopSide::Pre) && posted.raw.pairing_code.as_deref().and_then(parse_code).is_none() {
        posted.raw.pairing_code = Some(drawn_pairing_code());
    }
    let pairing = match survey.side() {
        None => PairingField::None,
        Some(WorkshopSide::Pre) => PairingField::Drawn(posted.raw.pairing_code.clone().unwrap_or_default()),
        Some(WorkshopSide::Post { .. }) => {
            PairingField::Typed { value: posted.raw.pairing_code.clone().unwrap_or_default(), from_device: false }
        }
    };
    let unit = posted.unit.as_deref().and_then(|c| survey.unit_by_code(c)).cloned().ok_or(posted.unit.clone());
    let items = instruments::as_instrument_items(&survey.items);
    let validated = validate_submission(&items, &posted.raw, survey.scale_points, survey.workshop.is_some());
    let values = kept_values(&posted.raw);
    let (unit, mut valid) = match (unit, validated) {
        (Ok(unit), Ok(valid)) => (unit, valid),
        (unit, validated) => {
            let errors = validated.err().map(|e| field_errors(lang, &survey, &e)).unwrap_or_default();
            let input = FormInput { unit, pairing, values, errors };
            return form_page(state, &visit, &survey, input, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    valid.keep_only_band_of(survey.breakdown());
    let submission = Submission {
        wave: &survey.wave,
        unit_id: unit.id,
        items: &items,
        valid: &valid,
        nonce: &posted.nonce,
        token: visit.token.as_deref(),
        eligible_units: Some(&survey.eligible_units),
        today: Utc::now().date_naive(),
        scale_points: survey.scale_points,
    };
    let s = lang.survey();
    let outcome = match state.responses.submit(&submission).await {
        Ok(outcome) => outcome,
        Err(_) => {
            // Not stored (the cause is logged): the answers go back with the same nonce, so sending the
            // form again stores it once even if this commit did reach the disk after all.
            let errors = vec![FieldError {
                anchor: "survey-form".into(),
                label: s.submit.into(),
                message: s.error_not_saved.into(),
            }];
            let input = FormInput { unit: Ok(unit), pairing, values, errors };
            return Ok(unsaved_form_page(&visit, &survey, input, posted.nonce.clone()));
        }
    };
    match outcome {
        Ok(SubmitOutcome::Stored | SubmitOutcome::AlreadySubmitted) => {}
        Err(SubmitRefusal::WaveNotOpen) => {
            let (heading, body) = (s.closed_title, s.closed_body);
            return Ok(notice(
                &visit,
                StatusCode::CONFLICT,
                &survey.wave.title,
                heading,
                body,
                Some(survey.period(lang)),
            ));
        }
        Err(SubmitRefusal::UnitNotInWave) => {
            let input = FormInput { unit: Err(Some(unit.code)), pairing, values, errors: vec![] };
            return form_page(state, &visit, &survey, input, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
        Err(SubmitRefusal::NonceInvalid) => {
            let errors = vec![FieldError {
                anchor: "survey-form".into(),
                label: s.submit.into(),
                message: s.error_form_expired.into(),
            }];
            let input = FormInput { unit: Ok(unit), pairing, values, errors };
            return form_page(state, &visit, &survey, input, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
        Err(SubmitRefusal::TokenInvalid) => {
            let (heading, body) = (s.invitation_unknown_title, s.invitation_unknown_body);
            return Ok(notice(&visit, StatusCode::FORBIDDEN, &survey.wave.title, heading, body, None));
        }
        Err(SubmitRefusal::TokenUsed) => {
            let (heading, body) = (s.invitation_used_title, s.invitation_used_body);
            return Ok(notice(&visit, StatusCode::CONFLICT, &survey.wave.title, heading, body, None));
        }
    }
    let pairing_code = match &survey.workshop {
        Some((w, WorkshopSide::Pre)) => valid.pairing_code.clone().map(|code| (w.id, code)),
        _ => None,
    };
    let thanks = ThanksView {
        pairing_code: pairing_code.as_ref().map(|(_, code)| code.clone()),
        draft_key: visit.draft_key(Some(&unit.code)),
    };
    let mut response = html_no_store(
        StatusCode::OK,
        render_document(visit.frame(&survey.wave.title, None), thanks_body(lang, thanks)),
    );
    if let Some((workshop_id, code)) = pairing_code {
        let secure = if auth::is_https(headers) { "; Secure" } else { "" };
        let cookie = format!(
            "{}={code}; Path=/s/; Max-Age={PAIRING_COOKIE_SECONDS}; HttpOnly; SameSite=Lax{secure}",
            pairing_cookie_name(workshop_id)
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(SET_COOKIE, value);
        }
    }
    Ok(response)
}
