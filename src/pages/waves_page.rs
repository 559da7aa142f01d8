//! `/hr/waves`: the periodic survey waves in the caller's scope, with their heatmaps and posters.

use crate::api::hr::{SetHrWaveOpen, hr_waves};
use crate::components::PageTitle;
use crate::domain::survey::{WaveAccess, WavePhase, parse_day};
use crate::dto::HrWaveDto;
use crate::error::AppError;
use crate::i18n::{Lang, fill, use_lang};
use leptos::prelude::*;
use leptos_router::components::Redirect;

fn period(lang: Lang, from: &str, to: &str) -> String {
    let day = |text: &str| parse_day(text).map(|d| lang.date(d)).unwrap_or_else(|| text.to_string());
    fill(lang.comparison().runs, &[("from", &day(from)), ("to", &day(to))])
}

/// One wave's card: period, phase, participation, links and the close / reopen button.
fn wave_card(w: HrWaveDto, lang: Lang, toggle: ServerAction<SetHrWaveOpen>) -> impl IntoView {
    let h = lang.hr();
    let wave = w.wave;
    let access = if wave.access == WaveAccess::Token { h.access_token } else { h.access_open };
    let phase_index = w.phase.index();
    let participation = match (w.responses, w.response_rate) {
        (Some(n), rate) => fill(
            h.participation,
            &[
                ("n", &n.to_string()),
                ("rate", &rate.map(|r| format!("{} %", lang.num(r * 100.0, 0))).unwrap_or_else(|| "–".into())),
            ],
        ),
        (None, _) => fill(h.participation_hidden, &[("k", &w.min_group_size.to_string())]),
    };
    let running = w.phase == WavePhase::Open;
    let id = wave.id.to_string();
    let switch = w.can_manage.then(|| {
        view! {
            <ActionForm action=toggle attr:class="inline-form">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="open" value=if running { "false" } else { "true" } />
                <button type="submit" class="button button-secondary">{if running { h.close_wave } else { h.reopen_wave }}</button>
            </ActionForm>
        }
    });
    view! {
        <li class="card">
            <h2><a href=format!("/hr/waves/{}", wave.id)>{wave.title.clone()}</a></h2>
            <p class="meta">
                <span class=if running { "badge badge-open" } else { "badge" }>{h.phases[phase_index]}</span>
                " " {period(lang, &wave.opens_on, &wave.closes_on)} " · " {access} " · " {wave.root_unit.clone()}
            </p>
            <p>{participation}</p>
            // A div, not a p: a form inside a p is closed early by the HTML parser and breaks hydration.
            <div class="actions">
                <a class="button" href=format!("/hr/waves/{}", wave.id)>{h.heatmap_link}</a>
                <a class="button button-secondary" href=format!("/hr/waves/{}/posters", wave.id)>{h.posters_link}</a>
                {(wave.access == WaveAccess::Token).then(|| view! {
                    <a class="button button-secondary" href=format!("/hr/waves/{}/invitations", wave.id)>{lang.invitations().link}</a>
                })}
                <a class="button button-secondary" href=wave.url.clone()>{h.survey_link}</a>
                {switch}
            </div>
        </li>
    }
}

/// The list of waves.
#[component]
pub fn WavesPage() -> impl IntoView {
    let lang = use_lang();
    let (t, h) = (lang.t(), lang.hr());
    let toggle = ServerAction::<SetHrWaveOpen>::new();
    let waves = Resource::new(move || toggle.version().get(), |_| hr_waves());
    view! {
        <PageTitle text=format!("{} · Mawas", h.waves_title) />
        <p><a href="/hr">{t.nav_hr}</a></p>
        <h1>{h.waves_title}</h1>
        <p class="lead">{h.waves_lead}</p>
        <p><a class="button" href="/hr/waves/new">{h.new_wave}</a></p>
        {move || toggle.value().get().and_then(|r| r.err()).map(|e| view! { <p class="error" role="alert">{e.message(lang)}</p> })}
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match waves.await {
                    Ok(list) if list.is_empty() => view! { <p class="notice">{h.waves_empty}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="card-list">
                            {list.into_iter().map(|w| wave_card(w, lang, toggle)).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(AppError::Unauthorized | AppError::Forbidden) => {
                        view! { <Redirect path="/login?denied=1&next=/hr/waves" /> }.into_any()
                    }
                    Err(e) => crate::components::load_failure::load_failure(e, lang),
                }
            })}
        </Suspense>
    }
}
