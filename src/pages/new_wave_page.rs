//! `/hr/waves/new`: a periodic wave over a unit subtree of the caller's scope.

use crate::api::hr::{CreateHrWave, hr_wave_form_options};
use crate::components::PageTitle;
use crate::components::action_error::{error_in_url, form_errors};
use crate::domain::breakdown::BreakdownBy;
use crate::domain::survey::WaveAccess;
use crate::i18n::use_lang;
use leptos::prelude::*;

/// The creation form; it works without JavaScript (the server function redirects to the heatmap).
#[component]
pub fn NewWavePage() -> impl IntoView {
    let lang = use_lang();
    let (t, h) = (lang.t(), lang.hr());
    let create = ServerAction::<CreateHrWave>::new();
    let options = Resource::new(|| (), |_| hr_wave_form_options());
    let url_error = error_in_url::<CreateHrWave>();
    let error = move || create.value().get().and_then(|r| r.err()).or_else(url_error);
    let breakdowns = BreakdownBy::ALL
        .into_iter()
        .map(|by| view! { <option value=by.code()>{lang.breakdown_dimension(by)}</option> })
        .collect_view();
    view! {
        <PageTitle text=format!("{} · Mawas", h.new_wave) />
        <section class="narrow">
            <p><a href="/hr/waves">{h.back_to_waves}</a></p>
            <h1>{h.new_wave}</h1>
            <p class="lead">{h.new_wave_lead}</p>
            {form_errors(error, lang)}
            <ActionForm action=create attr:class="stack-form">
                <label for="title">{h.field_title}</label>
                <input id="title" name="title" type="text" required maxlength="200" autocomplete="off" />
                <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                    {move || Suspend::new(async move {
                        let (instruments, units) = options.await.ok().map(|o| (o.instruments, o.units)).unwrap_or_default();
                        let instruments = instruments
                            .into_iter()
                            .map(|(slug, title)| view! { <option value=slug>{title}</option> })
                            .collect_view();
                        let units = units
                            .into_iter()
                            .map(|u| view! { <option value=u.code.clone()>{format!("{} ({})", u.name, u.code)}</option> })
                            .collect_view();
                        view! {
                            <label for="instrument">{h.field_instrument}</label>
                            <select id="instrument" name="instrument">{instruments}</select>
                            <label for="root_unit">{h.field_root}</label>
                            <select id="root_unit" name="root_unit" aria-describedby="root-hint">{units}</select>
                            <p id="root-hint" class="hint">{h.field_root_hint}</p>
                        }
                    })}
                </Suspense>
                <label for="opens_on">{h.field_opens}</label>
                <input id="opens_on" name="opens_on" type="date" required />
                <label for="closes_on">{h.field_closes}</label>
                <input id="closes_on" name="closes_on" type="date" required />
                <fieldset>
                    <legend>{h.field_access}</legend>
                    <p class="check">
                        <input id="access-open" name="access" type="radio" value=WaveAccess::Open.code() checked />
                        <label for="access-open">{h.access_open_hint}</label>
                    </p>
                    <p class="check">
                        <input id="access-token" name="access" type="radio" value=WaveAccess::Token.code() />
                        <label for="access-token">{h.access_token_hint}</label>
                    </p>
                </fieldset>
                <label for="breakdown">{h.field_breakdown}</label>
                <select id="breakdown" name="breakdown" aria-describedby="breakdown-hint">{breakdowns}</select>
                <p id="breakdown-hint" class="hint">{h.field_breakdown_hint}</p>
                <button type="submit" class="button">{h.create_wave}</button>
            </ActionForm>
        </section>
    }
}
