//! `/hr/waves`: the periodic survey waves in the caller's scope, with their heatmaps and posters.

use crate::api::hr::hr_waves;
use crate::domain::survey::parse_day;
use crate::error::AppError;
use crate::i18n::{Lang, fill, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

fn period(lang: Lang, from: &str, to: &str) -> String {
    let day = |text: &str| parse_day(text).map(|d| lang.date(d)).unwrap_or_else(|| text.to_string());
    fill(lang.comparison().runs, &[("from", &day(from)), ("to", &day(to))])
}

/// The list of waves.
#[component]
pub fn WavesPage() -> impl IntoView {
    let lang = use_lang();
    let (t, h) = (lang.t(), lang.hr());
    let waves = Resource::new(|| (), |_| hr_waves());
    view! {
        <Title text=format!("{} · Mawas", h.waves_title) />
        <p><a href="/hr">{t.nav_hr}</a></p>
        <h1>{h.waves_title}</h1>
        <p class="lead">{h.waves_lead}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match waves.await {
                    Ok(list) if list.is_empty() => view! { <p class="notice">{h.waves_empty}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="card-list">
                            {list.into_iter().map(|w| {
                                let access = if w.access == "token" { h.access_token } else { h.access_open };
                                view! {
                                    <li class="card">
                                        <h2><a href=format!("/hr/waves/{}", w.id)>{w.title.clone()}</a></h2>
                                        <p class="meta">{period(lang, &w.opens_on, &w.closes_on)} " · " {access} " · " {w.root_unit.clone()}</p>
                                        <p class="actions">
                                            <a class="button" href=format!("/hr/waves/{}", w.id)>{h.heatmap_link}</a>
                                            <a class="button button-secondary" href=format!("/hr/waves/{}/posters", w.id)>{h.posters_link}</a>
                                            <a class="button button-secondary" href=w.url.clone()>{h.survey_link}</a>
                                        </p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(AppError::Unauthorized | AppError::Forbidden) => {
                        view! { <Redirect path="/login?denied=1&next=/hr/waves" /> }.into_any()
                    }
                    Err(e) => view! { <p class="error" role="alert">{e.message(lang)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
