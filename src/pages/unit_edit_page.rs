//! `/hr/units/{code}/edit`: change a unit's name, parent, kind and headcount; deactivate it with
//! its subtree or activate it again. Both forms work without JavaScript.

use crate::api::units::{SetHrUnitActive, UpdateHrUnit, hr_units};
use crate::components::PageTitle;
use crate::components::action_error::{error_in_url, form_errors};
use crate::domain::unit_tree::UnitKind;
use crate::dto::ManagedUnitDto;
use crate::error::AppError;
use crate::i18n::{Lang, use_lang};
use crate::pages::wave_heatmap_page::load_error;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The units that may become the parent: everything in the list except the unit and its subtree.
fn parent_choices(list: &[ManagedUnitDto], code: &str) -> Vec<ManagedUnitDto> {
    let mut below: std::collections::HashSet<String> = [code.to_string()].into();
    // The list is in tree order, so a unit's descendants follow it until the depth returns.
    if let Some(at) = list.iter().position(|u| u.unit.code == code) {
        let depth = list[at].depth;
        below.extend(list[at + 1..].iter().take_while(|u| u.depth > depth).map(|u| u.unit.code.clone()));
    }
    list.iter().filter(|u| u.active && !below.contains(&u.unit.code)).cloned().collect()
}

fn edit_form(
    list: Vec<ManagedUnitDto>,
    code: String,
    update: ServerAction<UpdateHrUnit>,
    toggle: ServerAction<SetHrUnitActive>,
    lang: Lang,
) -> AnyView {
    let s = lang.units();
    let url_error = error_in_url::<UpdateHrUnit>();
    let toggle_url_error = error_in_url::<SetHrUnitActive>();
    let error = move || update.value().get().and_then(|r| r.err()).or_else(url_error);
    let toggle_error =
        move || toggle.value().get().and_then(|r| r.err()).or_else(toggle_url_error).map(|e| e.message(lang));
    let Some(unit) = list.iter().find(|u| u.unit.code == code).cloned() else {
        return crate::components::load_failure::load_failure(AppError::NotFound, lang);
    };
    // The top of a scoped list has its parent outside the scope: it cannot be edited from here.
    let top_of_scope = list.first().is_some_and(|top| top.unit.code == code) && unit.unit.parent_code.is_some();
    let parents = parent_choices(&list, &code)
        .into_iter()
        .map(|p| {
            let selected = unit.unit.parent_code.as_deref() == Some(p.unit.code.as_str());
            let label = format!("{}{} ({})", "\u{a0}\u{a0}".repeat(p.depth), p.unit.name, p.unit.code);
            view! { <option value=p.unit.code.clone() selected=selected>{label}</option> }
        })
        .collect_view();
    let kinds = UnitKind::ALL
        .into_iter()
        .map(|k| view! { <option value=k.code() selected=unit.unit.kind == k.code()>{lang.unit_kind(k.code())}</option> })
        .collect_view();
    let (name, heading) = (unit.unit.name.clone(), unit.unit.name.clone());
    let (code_for_update, code_for_toggle) = (code.clone(), code.clone());
    let form = if top_of_scope {
        view! { <p class="notice">{s.top_of_scope}</p> }.into_any()
    } else {
        view! {
            {form_errors(error, lang)}
            <ActionForm action=update attr:class="stack-form">
                <input type="hidden" name="code" value=code_for_update />
                <label for="name">{s.name_label}</label>
                <input id="name" name="name" type="text" required maxlength="200" value=name />
                <label for="parent_code">{s.parent_label}</label>
                <select id="parent_code" name="parent_code">
                    <option value="" selected=unit.unit.parent_code.is_none()>{s.no_parent}</option>
                    {parents}
                </select>
                <label for="kind">{s.kind_label}</label>
                <select id="kind" name="kind">{kinds}</select>
                <label for="headcount">{s.headcount_label}</label>
                <input id="headcount" name="headcount" type="number" min="0" max="1000000" inputmode="numeric"
                    value=unit.unit.headcount.map(|h| h.to_string()).unwrap_or_default() />
                <button type="submit" class="button">{s.save}</button>
            </ActionForm>
            <div class="card status-card">
                <p>{s.deactivate_hint}</p>
                {move || toggle_error().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                <ActionForm action=toggle attr:class="inline-form">
                    <input type="hidden" name="code" value=code_for_toggle />
                    <input type="hidden" name="active" value=if unit.active { "false" } else { "true" } />
                    <button type="submit" class="button button-secondary">
                        {if unit.active { s.deactivate } else { s.activate }}
                    </button>
                </ActionForm>
            </div>
        }
        .into_any()
    };
    view! {
        <h1>{s.edit_title} ": " {heading}</h1>
        <p class="meta">
            <span class="unit-code">{unit.unit.code.clone()}</span> " · "
            <span class=if unit.active { "badge badge-open" } else { "badge" }>{if unit.active { s.active } else { s.inactive }}</span>
        </p>
        {form}
    }
    .into_any()
}

/// The edit page.
#[component]
pub fn UnitEditPage() -> impl IntoView {
    let lang = use_lang();
    let (t, s) = (lang.t(), lang.units());
    let params = use_params_map();
    let query = use_query_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let update = ServerAction::<UpdateHrUnit>::new();
    let toggle = ServerAction::<SetHrUnitActive>::new();
    let units = Resource::new(move || toggle.version().get(), |_| hr_units());
    let changed = move || query.read().get("status").is_some();
    view! {
        <PageTitle text=format!("{} · Mawas", s.edit_title) />
        <section class="narrow">
            <p><a href="/hr/units">{s.back}</a></p>
            {move || changed().then(|| view! { <p class="notice" role="status">{s.status_changed}</p> })}
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match units.await {
                        Ok(list) => edit_form(list, code(), update, toggle, lang),
                        Err(e) => load_error(e, lang),
                    }
                })}
            </Suspense>
        </section>
    }
}
