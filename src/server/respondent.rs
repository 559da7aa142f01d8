//! The respondent's survey at `/s/{slug}`: a GET that shows the right page for the wave, the link and
//! the unit, and a plain form POST that validates, stores in one transaction and thanks. Both work
//! without JavaScript; a refused form comes back rendered with the answers kept, which a server-function
//! redirect could not do.

mod form;
mod picker;
pub mod survey;
pub mod view;
mod visit;

use crate::domain::pairing::{RANDOM_CHARS, code_from_indices, parse_code};
use crate::domain::submission::{MAX_COMMENT_CHARS, validate_submission};
use crate::domain::survey::{Confidentiality, WaveAccess, WavePhase, confidentiality};
use crate::error::AppError;
use crate::i18n::{Lang, fill};
use crate::server::auth::{self, new_secret};
use crate::server::config::Config;
use crate::server::entities::unit;
use crate::server::http::cookies;
use crate::server::http::document::render_document;
use crate::server::http::listed_router::ListedRouter;
use crate::server::http::rate_limit;
use crate::server::http::respond::html_no_store;
use crate::server::http::state::{AppState, lang_of};
use crate::server::repo::instruments;
use crate::server::repo::responses::{self, InvitationState, Submission, SubmitOutcome, SubmitRefusal};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::Utc;
use form::{field_errors, kept_values, read_form};
use picker::PickerPlace;
use rand::Rng;
use serde::Deserialize;
use std::sync::Arc;
use survey::{MAX_KEPT_FORMS, NONCE_MARK, Survey, WorkshopSide};
use view::{
    FieldError, FormUnit, FormValues, FormView, NoticeView, PairingField, ThanksView, form_body, notice_body,
    picker_body, thanks_body,
};
use visit::Visit;

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
const PAIRING_COOKIE_SECONDS: i64 = 90 * 24 * 3600;

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
    if survey.wave.access != WaveAccess::Token {
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
    let answered = crate::server::repo::sums::scores::responses_from(&state.db, survey.wave.id, subtree).await?;
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
            let remembered = cookies::value_of(headers, &pairing_cookie_name(w.id)).and_then(|c| parse_code(&c));
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
    let Some(survey) = Survey::load(&state.db, &state.surveys, &visit.slug).await? else {
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
    let Some(survey) = Survey::load(&state.db, &state.surveys, slug).await? else {
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
        let name = pairing_cookie_name(workshop_id);
        let cookie = cookies::lax(&name, &code, "/s/", PAIRING_COOKIE_SECONDS, true, auth::is_https(headers));
        response = cookies::with_cookie(response, cookie);
    }
    Ok(response)
}
