//! `/trainer/workshops/new`: a workshop with its pre-test and post-test waves.

use crate::api::workshops::{CreateWorkshop, workshop_form_options};
use crate::components::PageTitle;
use crate::components::action_error::{error_in_url, form_errors};
use crate::i18n::use_lang;
use leptos::prelude::*;

/// The creation form; it works without JavaScript (the server function redirects).
#[component]
pub fn NewWorkshopPage() -> impl IntoView {
    let lang = use_lang();
    let (t, c) = (lang.t(), lang.comparison());
    let create = ServerAction::<CreateWorkshop>::new();
    let options = Resource::new(|| (), |_| workshop_form_options());
    let url_error = error_in_url::<CreateWorkshop>();
    let error = move || create.value().get().and_then(|r| r.err()).or_else(url_error);
    view! {
        <PageTitle text=format!("{} · Mawas", c.new_title) />
        <section class="narrow">
            <p><a href="/trainer/workshops">{c.back_to_list}</a></p>
            <h1>{c.new_title}</h1>
            <p class="lead">{c.new_lead}</p>
            {form_errors(error, lang)}
            <ActionForm action=create attr:class="stack-form">
                <label for="title">{c.field_title}</label>
                <input id="title" name="title" type="text" required maxlength="200" autocomplete="off" />
                <label for="held_from">{c.field_from}</label>
                <input id="held_from" name="held_from" type="date" required />
                <label for="held_to">{c.field_to}</label>
                <input id="held_to" name="held_to" type="date" required />
                <label for="place">{c.field_place}</label>
                <input id="place" name="place" type="text" maxlength="200" />
                <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                    {move || Suspend::new(async move {
                        let choices = options.await.ok();
                        let (instruments, units) = choices.map(|o| (o.instruments, o.units)).unwrap_or_default();
                        let instruments = instruments.into_iter().map(|(slug, title)| {
                            view! { <option value=slug>{title}</option> }
                        }).collect_view();
                        let units = units.into_iter().map(|u| {
                            view! { <option value=u.code.clone()>{format!("{} ({})", u.name, u.code)}</option> }
                        }).collect_view();
                        view! {
                            <label for="instrument">{c.field_instrument}</label>
                            <select id="instrument" name="instrument">{instruments}</select>
                            <label for="unit">{c.field_unit}</label>
                            <select id="unit" name="unit">
                                <option value="">{c.field_unit_none}</option>
                                {units}
                            </select>
                        }
                    })}
                </Suspense>
                <p class="check">
                    <input id="then_test" name="then_test" type="checkbox" value="on" aria-describedby="then-test-hint" />
                    <label for="then_test">{c.field_then_test}</label>
                </p>
                <p id="then-test-hint" class="hint">{c.field_then_test_hint}</p>
                <button type="submit" class="button">{c.create}</button>
            </ActionForm>
        </section>
    }
}
