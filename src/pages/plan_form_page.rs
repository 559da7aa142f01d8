//! `/hr/plans/new?unit=CODE&wave=ID` and `/hr/plans/{id}/edit`: the GROW form of an action plan.
//! The new form suggests a focus discipline and says why; the edit form carries the version it was
//! loaded with, so a save over someone else's newer change is refused instead of overwriting it.

use crate::api::plans::{CreatePlan, UpdatePlan, hr_plan, hr_plan_form};
use crate::components::PageTitle;
use crate::components::action_error::{error_in_url, form_errors};
use crate::display::raw_text::raw_text;
use crate::domain::Discipline;
use crate::domain::WaveId;
use crate::domain::action_plan::{MAX_GROW_CHARS, MAX_OWNER_CHARS, PlanStatus};
use crate::dto::{PlanDto, PlanFormDto};
use crate::i18n::{Lang, fill, use_lang};
use crate::pages::wave_heatmap_page::load_error;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// What the GROW fields show when the form opens.
#[derive(Clone, Debug, Default)]
struct GrowValues {
    focus: String,
    goal: String,
    reality: String,
    options: String,
    way_forward: String,
    owner_name: String,
    due_on: String,
}

/// The focus choice (with each discipline's mean when known) and the four GROW fields, each with its
/// guiding question tied to the field for screen readers.
fn grow_fields(values: GrowValues, means: [Option<f64>; 5], due_min: String, lang: Lang) -> impl IntoView {
    let p = lang.plans();
    let focus_options = Discipline::ALL
        .into_iter()
        .map(|d| {
            let label = match means[d.index()] {
                Some(m) => format!("{} ({})", lang.discipline(d), lang.num(m, 2)),
                None => lang.discipline(d).to_string(),
            };
            view! { <option value=d.code() selected=values.focus == d.code()>{label}</option> }
        })
        .collect_view();
    let max_grow = MAX_GROW_CHARS.to_string();
    let area = move |id: &'static str, label: &'static str, hint: &'static str, value: String| {
        let hint_id = format!("{id}-hint");
        view! {
            <label for=id>{label}</label>
            <p class="hint" id=hint_id.clone()>{hint}</p>
            <textarea id=id name=id rows="4" required maxlength=max_grow.clone() aria-describedby=hint_id>{raw_text(value)}</textarea>
        }
    };
    view! {
        <label for="focus">{p.focus_label}</label>
        <select id="focus" name="focus">{focus_options}</select>
        {area("goal", p.goal_label, p.goal_hint, values.goal)}
        {area("reality", p.reality_label, p.reality_hint, values.reality)}
        {area("options", p.options_label, p.options_hint, values.options)}
        {area("way_forward", p.way_label, p.way_hint, values.way_forward)}
        <label for="owner_name">{p.owner_label}</label>
        <input id="owner_name" name="owner_name" type="text" maxlength=MAX_OWNER_CHARS.to_string() value=values.owner_name />
        <label for="due_on">{p.due_label}</label>
        <input id="due_on" name="due_on" type="date" min=due_min value=values.due_on />
    }
}

/// The sentence that says which focus the form suggests and why.
fn suggestion_text(form: &PlanFormDto, lang: Lang) -> String {
    let p = lang.plans();
    match &form.suggestion {
        Some((code, reason, value)) => {
            let discipline = Discipline::parse(code).map(|d| lang.discipline(d)).unwrap_or_default();
            if reason == "drop" {
                let wave = form.previous_wave.as_ref().map(|w| w.title.clone()).unwrap_or_default();
                fill(
                    p.suggestion_drop,
                    &[("discipline", discipline), ("wave", &wave), ("value", &lang.signed(*value, 2))],
                )
            } else {
                fill(p.suggestion_lowest, &[("discipline", discipline), ("value", &lang.num(*value, 2))])
            }
        }
        None => p.suggestion_none.to_string(),
    }
}

fn new_form(form: PlanFormDto, create: ServerAction<CreatePlan>, lang: Lang) -> AnyView {
    let p = lang.plans();
    let url_error = error_in_url::<CreatePlan>();
    let error = move || create.value().get().and_then(|r| r.err()).or_else(url_error);
    let values = GrowValues {
        focus: form.suggestion.as_ref().map(|s| s.0.clone()).unwrap_or_else(|| Discipline::ALL[0].code().into()),
        ..Default::default()
    };
    view! {
        <h1>{p.new_title}</h1>
        <p class="meta">
            {p.unit_label}": "<strong>{form.unit_name.clone()}</strong>" "<span class="unit-code">{form.unit.clone()}</span>
            " · "{p.wave_label}": "{form.wave.title.clone()}
        </p>
        <p class="lead">{p.new_lead}</p>
        <p class="notice suggestion" id="focus-suggestion">{suggestion_text(&form, lang)}</p>
        {form_errors(error, lang)}
        <ActionForm action=create attr:class="stack-form plan-form">
            <input type="hidden" name="unit" value=form.unit.clone() />
            <input type="hidden" name="wave" value=form.wave.id.to_string() />
            {grow_fields(values, form.means, form.wave.opens_on.clone(), lang)}
            <button type="submit" class="button">{p.create}</button>
        </ActionForm>
    }
    .into_any()
}

/// The new-plan page of a unit and wave.
#[component]
pub fn NewPlanPage() -> impl IntoView {
    let lang = use_lang();
    let (t, p) = (lang.t(), lang.plans());
    let query = use_query_map();
    let key = move || {
        let q = query.read();
        (q.get("unit").unwrap_or_default(), q.get("wave").and_then(|w| w.parse::<WaveId>().ok()).unwrap_or(WaveId(0)))
    };
    let form = Resource::new(key, |(unit, wave)| hr_plan_form(unit, wave));
    let create = ServerAction::<CreatePlan>::new();
    view! {
        <PageTitle text=format!("{} · Mawas", p.new_title) />
        <section class="narrow">
            <p><a href=move || format!("/hr/units/{}", key().0)>{p.back_to_unit}</a></p>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match form.await {
                        Ok(form) => new_form(form, create, lang),
                        Err(e) => load_error(e, lang),
                    }
                })}
            </Suspense>
        </section>
    }
}

fn edit_form(plan: PlanDto, update: ServerAction<UpdatePlan>, lang: Lang) -> AnyView {
    let p = lang.plans();
    let url_error = error_in_url::<UpdatePlan>();
    let error = move || update.value().get().and_then(|r| r.err()).or_else(url_error);
    let values = GrowValues {
        focus: plan.focus.clone(),
        goal: plan.goal.clone(),
        reality: plan.reality.clone(),
        options: plan.options.clone(),
        way_forward: plan.way_forward.clone(),
        owner_name: plan.owner_name.clone().unwrap_or_default(),
        due_on: plan.due_on.map(|d| d.to_string()).unwrap_or_default(),
    };
    let statuses = PlanStatus::ALL
        .into_iter()
        .map(|s| view! { <option value=s.code() selected=plan.status == s>{p.statuses[s.index()]}</option> })
        .collect_view();
    view! {
        <p><a href=format!("/hr/plans/{}", plan.id)>{p.back_to_plan}</a></p>
        <h1>{p.edit_title}</h1>
        <p class="meta">
            {p.unit_label}": "<strong>{plan.unit_name.clone()}</strong>" "<span class="unit-code">{plan.unit.clone()}</span>
            " · "{p.wave_label}": "{plan.wave.title.clone()}
        </p>
        {form_errors(error, lang)}
        <ActionForm action=update attr:class="stack-form plan-form">
            <input type="hidden" name="id" value=plan.id.to_string() />
            <input type="hidden" name="version" value=plan.version.to_string() />
            <label for="status">{p.status_label}</label>
            <select id="status" name="status">{statuses}</select>
            {grow_fields(values, [None; 5], plan.wave.opens_on.clone(), lang)}
            <p class="hint">{p.version_note}</p>
            <button type="submit" class="button">{p.save}</button>
        </ActionForm>
    }
    .into_any()
}

/// The edit page of a plan.
#[component]
pub fn EditPlanPage() -> impl IntoView {
    let lang = use_lang();
    let (t, p) = (lang.t(), lang.plans());
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|i| i.parse::<i32>().ok()).unwrap_or_default();
    let plan = Resource::new(id, hr_plan);
    let update = ServerAction::<UpdatePlan>::new();
    view! {
        <PageTitle text=format!("{} · Mawas", p.edit_title) />
        <section class="narrow">
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match plan.await {
                        Ok(plan) => edit_form(plan, update, lang),
                        Err(e) => load_error(e, lang),
                    }
                })}
            </Suspense>
        </section>
    }
}
