//! `/`: what Mawas is, for whom, and how anonymity works.

use crate::components::PageTitle;
use crate::domain::Discipline;
use crate::i18n::use_lang;
use leptos::prelude::*;

/// The public landing page.
#[component]
pub fn LandingPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let disciplines = Discipline::ALL
        .into_iter()
        .map(|d| {
            view! {
                <li class="discipline-card" data-discipline=d.code()>
                    <h3>{lang.discipline(d)}</h3>
                    <p>{t.discipline_blurbs[d.index()]}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <PageTitle text=format!("Mawas · {}", t.app_tagline) />
        <section class="hero">
            <p class="eyebrow">{t.app_tagline}</p>
            <h1>{t.landing_title}</h1>
            <p class="lead">{t.landing_lead}</p>
            <a class="button" href="/login">{t.landing_cta_login}</a>
        </section>
        <section aria-labelledby="disciplines-title">
            <h2 id="disciplines-title">{t.landing_disciplines_title}</h2>
            <ul class="card-grid">{disciplines}</ul>
        </section>
        <section aria-labelledby="for-whom-title">
            <h2 id="for-whom-title">{t.landing_for_whom_title}</h2>
            <ul class="plain-list">
                <li>{t.landing_for_respondents}</li>
                <li>{t.landing_for_hr}</li>
                <li>{t.landing_for_trainers}</li>
            </ul>
        </section>
        <section class="callout" aria-labelledby="anonymity-title">
            <h2 id="anonymity-title">{t.landing_anonymity_title}</h2>
            <p>{t.landing_anonymity}</p>
        </section>
    }
}
