//! `/hr/waves/{id}/invitations`: HR types or uploads the people to invite to a token wave and gets
//! their personal links back as XLSX, CSV or a printable sheet. The form posts to a plain handler
//! (`server::invitation_pages`) that answers with the file, so it works without JavaScript.

use crate::api::hr::hr_waves;
use crate::components::PageTitle;
use crate::domain::WaveId;
use crate::domain::survey::WaveAccess;
use crate::dto::HrWaveDto;
use crate::error::AppError;
use crate::i18n::{Lang, use_lang};
use crate::pages::wave_heatmap_page::load_error;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn invitation_form(wave: HrWaveDto, lang: Lang) -> AnyView {
    let i = lang.invitations();
    let id = wave.wave.id;
    let heading = view! { <h1>{i.link}": "{wave.wave.title.clone()}</h1> };
    if wave.wave.access != WaveAccess::Token {
        return view! { {heading}<p class="notice" role="status">{i.open_wave}</p> }.into_any();
    }
    let format = |value: &'static str, label: &'static str, checked: bool| {
        let id = format!("format-{value}");
        view! {
            <div class="check">
                <input type="radio" id=id.clone() name="format" value=value checked=checked />
                <label for=id>{label}</label>
            </div>
        }
    };
    view! {
        {heading}
        <p class="lead">{i.lead}</p>
        <p class="notice">{i.once}</p>
        <form method="post" action=format!("/hr/waves/{id}/invitations") enctype="multipart/form-data" class="stack-form">
            <label for="people">{i.people_label}</label>
            <p class="hint" id="people-hint">{i.people_hint}</p>
            <textarea id="people" name="people" rows="8" aria-describedby="people-hint"></textarea>
            <label for="file">{i.file_label}</label>
            <p class="hint" id="file-hint">{i.file_hint}</p>
            <input id="file" name="file" type="file" accept=".csv,.xlsx,text/csv" aria-describedby="file-hint" />
            <fieldset class="format-choice">
                <legend>{i.format_legend}</legend>
                {format("xlsx", i.format_xlsx, true)}
                {format("csv", i.format_csv, false)}
                {format("html", i.format_html, false)}
            </fieldset>
            <button type="submit" class="button">{i.submit}</button>
        </form>
    }
    .into_any()
}

/// The invitation page of a wave.
#[component]
pub fn InvitationsPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|i| i.parse::<WaveId>().ok()).unwrap_or(WaveId(0));
    let waves = Resource::new(|| (), |_| hr_waves());
    view! {
        <PageTitle text=format!("{} · Mawas", lang.invitations().link) />
        <section class="narrow">
            <p><a href="/hr/waves">{lang.hr().back_to_waves}</a></p>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match waves.await {
                        Ok(list) => match list.into_iter().find(|w| w.wave.id == id()) {
                            Some(wave) => invitation_form(wave, lang),
                            None => crate::components::load_failure::load_failure(AppError::NotFound, lang),
                        },
                        Err(e) => load_error(e, lang),
                    }
                })}
            </Suspense>
        </section>
    }
}
