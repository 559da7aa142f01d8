//! `/hr/plans/{id}`: one action plan: its GROW fields, status, dated progress notes and, once the
//! next wave of the same instrument has closed, the before/after of its focus discipline. Laid out
//! to print on A4 without the navigation and forms.

use crate::api::plans::{AddPlanNote, hr_plan};
use crate::components::PageTitle;
use crate::components::action_error::{error_in_url, form_errors};
use crate::domain::Discipline;
use crate::domain::action_plan::MAX_UPDATE_CHARS;
use crate::dto::PlanDto;
use crate::i18n::{Lang, fill, use_lang};
use crate::pages::plans_page::status_badges;
use crate::pages::wave_heatmap_page::load_error;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn before_after_section(plan: &PlanDto, focus: &str, lang: Lang) -> impl IntoView + use<> {
    let p = lang.plans();
    let text = match &plan.before_after {
        None => p.before_after_waiting.to_string(),
        Some(ba) => match ba.figures {
            Some((before, after)) => fill(
                p.before_after_text,
                &[
                    ("discipline", focus),
                    ("before", &lang.num(before, 2)),
                    ("wave_before", &plan.wave.title),
                    ("after", &lang.num(after, 2)),
                    ("wave_after", &ba.after_wave.title),
                ],
            ),
            None => p.before_after_hidden.to_string(),
        },
    };
    let change = plan.before_after.as_ref().and_then(|ba| ba.figures).map(|(before, after)| {
        let arrow = if after > before { "▲" } else if after < before { "▼" } else { "=" };
        view! { <p class="change-figure"><span aria-hidden="true">{arrow}" "</span>{lang.signed(after - before, 2)}</p> }
    });
    view! {
        <section class="before-after">
            <h2>{p.before_after_title}</h2>
            <p>{text}</p>
            {change}
        </section>
    }
}

fn progress_section(plan: &PlanDto, note: ServerAction<AddPlanNote>, lang: Lang) -> impl IntoView + use<> {
    let p = lang.plans();
    let url_error = error_in_url::<AddPlanNote>();
    let error = move || note.value().get().and_then(|r| r.err()).or_else(url_error);
    let notes = if plan.updates.is_empty() {
        view! { <p class="hint">{p.no_progress}</p> }.into_any()
    } else {
        let items = plan
            .updates
            .iter()
            .map(|u| {
                view! {
                    <li>
                        <p class="meta"><time datetime=u.on.to_string()>{lang.date(u.on)}</time>" · "{u.author.clone()}</p>
                        <p class="plan-text">{u.note.clone()}</p>
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="progress-notes">{items}</ol> }.into_any()
    };
    let id = plan.id.to_string();
    view! {
        <section id="progress">
            <h2>{p.progress_title}</h2>
            {notes}
            {plan.can_edit.then(move || view! {
                <div class="no-print">
                    {form_errors(error, lang)}
                    <ActionForm action=note attr:class="stack-form">
                        <input type="hidden" name="id" value=id />
                        <label for="note">{p.progress_label}</label>
                        <textarea id="note" name="note" rows="3" required maxlength=MAX_UPDATE_CHARS.to_string()></textarea>
                        <button type="submit" class="button button-secondary">{p.add_progress}</button>
                    </ActionForm>
                </div>
            })}
        </section>
    }
}

fn plan_view(plan: PlanDto, note: ServerAction<AddPlanNote>, lang: Lang) -> AnyView {
    let p = lang.plans();
    let focus = Discipline::parse(&plan.focus).map(|d| lang.discipline(d)).unwrap_or_default();
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        let _ = window().print();
    };
    // The print button needs JavaScript; without it the browser's own print command does the same.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let grow = [
        (p.goal_label, plan.goal.clone()),
        (p.reality_label, plan.reality.clone()),
        (p.options_label, plan.options.clone()),
        (p.way_label, plan.way_forward.clone()),
    ]
    .into_iter()
    .map(
        |(label, text)| view! { <section class="grow-field"><h2>{label}</h2><p class="plan-text">{text}</p></section> },
    )
    .collect_view();
    view! {
        <PageTitle text=format!("{} · {} · Mawas", p.list_title, plan.unit_name) />
        <article class="report plan-report">
            <p class="no-print"><a href="/hr/plans">{p.back_to_list}</a></p>
            <h1>{p.list_title}": "{plan.unit_name.clone()}" "<span class="unit-code">{plan.unit.clone()}</span></h1>
            <p class="meta">
                {status_badges(plan.status, plan.overdue, lang)}
                " · "{p.wave_label}": "{plan.wave.title.clone()}
                " · "{fill(p.created_on, &[("date", &lang.date(plan.created_on))])}
            </p>
            <dl class="plan-facts">
                <div><dt>{p.focus_label}</dt><dd>{focus}</dd></div>
                <div><dt>{p.owner_label.split(" (").next().unwrap_or(p.owner_label)}</dt>
                    <dd>{plan.owner_name.clone().unwrap_or_else(|| p.owner_none.into())}</dd></div>
                <div><dt>{p.due_label.split(" (").next().unwrap_or(p.due_label)}</dt>
                    <dd>{plan.due_on.map(|d| lang.date(d)).unwrap_or_else(|| p.due_none.into())}</dd></div>
            </dl>
            <p class="actions no-print">
                {plan.can_edit.then(|| view! { <a class="button" href=format!("/hr/plans/{}/edit", plan.id)>{p.edit}</a> })}
                <a class="button button-secondary" href=format!("/hr/units/{}?wave={}", plan.unit, plan.wave.id)>{p.unit_results}</a>
                <Show when=move || hydrated.get()>
                    <button type="button" class="button button-secondary" on:click=print>{p.print}</button>
                </Show>
            </p>
            {grow}
            {before_after_section(&plan, focus, lang)}
            {progress_section(&plan, note, lang)}
        </article>
    }
    .into_any()
}

/// The plan page.
#[component]
pub fn PlanPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let params = use_params_map();
    let note = ServerAction::<AddPlanNote>::new();
    let id = move || params.read().get("id").and_then(|i| i.parse::<i32>().ok()).unwrap_or_default();
    let plan = Resource::new(move || (id(), note.version().get()), |(id, _)| hr_plan(id));
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match plan.await {
                    Ok(plan) => plan_view(plan, note, lang),
                    Err(e) => load_error(e, lang),
                }
            })}
        </Suspense>
    }
}
