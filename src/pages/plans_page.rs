//! `/hr/plans`: the action plans of the caller's scope, filtered by OPD, status, focus discipline
//! and overdue through a plain GET form, so the filters work with JavaScript off.

use crate::api::plans::hr_plans;
use crate::components::PageTitle;
use crate::domain::Discipline;
use crate::domain::action_plan::PlanStatus;
use crate::dto::{PlanListDto, PlanSummaryDto};
use crate::i18n::{Lang, use_lang};
use crate::pages::wave_heatmap_page::load_error;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The list's filters as they stand in the URL.
#[derive(Clone, Debug, Default, PartialEq)]
struct Filters {
    opd: String,
    status: String,
    focus: String,
    overdue: bool,
}

impl Filters {
    fn query(&self) -> String {
        let mut parts = Vec::new();
        for (key, value) in [("opd", &self.opd), ("status", &self.status), ("focus", &self.focus)] {
            // Codes of units, statuses and disciplines are URL-safe; anything else is dropped.
            if !value.is_empty() && value.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)) {
                parts.push(format!("{key}={value}"));
            }
        }
        if self.overdue {
            parts.push("overdue=1".into());
        }
        if parts.is_empty() { String::new() } else { format!("?{}", parts.join("&")) }
    }
}

/// A plan's status as a badge, with "overdue" next to it when it is.
pub fn status_badges(status: PlanStatus, overdue: bool, lang: Lang) -> impl IntoView + use<> {
    let p = lang.plans();
    let class = match status {
        PlanStatus::InProgress => "badge badge-open",
        PlanStatus::Done => "badge badge-done",
        PlanStatus::Planned | PlanStatus::Dropped => "badge",
    };
    view! {
        <span class=class>{lang.plan_status(status)}</span>
        {overdue.then(|| view! { " " <span class="badge badge-overdue">{p.overdue}</span> })}
    }
}

fn plan_row(plan: PlanSummaryDto, lang: Lang) -> impl IntoView {
    let focus = Discipline::parse(&plan.focus).map(|d| lang.discipline(d)).unwrap_or_default();
    let due = plan.due_on.map(|d| lang.date(d)).unwrap_or_else(|| "–".into());
    view! {
        <tr>
            <th scope="row">
                <a href=format!("/hr/plans/{}", plan.id)>{plan.unit_name.clone()}</a>
                " "<span class="unit-code">{plan.unit.clone()}</span>
                <span class="plan-goal">{plan.goal.clone()}</span>
            </th>
            <td>{focus}</td>
            <td>{status_badges(plan.status, plan.overdue, lang)}</td>
            <td>{due}</td>
            <td>{plan.wave_title.clone()}</td>
        </tr>
    }
}

fn filter_form(list: &PlanListDto, filters: &Filters, lang: Lang) -> impl IntoView + use<> {
    let p = lang.plans();
    let opds = list
        .opds
        .iter()
        .map(|(code, name)| view! { <option value=code.clone() selected=filters.opd == *code>{name.clone()}</option> })
        .collect_view();
    let statuses = PlanStatus::ALL
        .into_iter()
        .map(|s| view! { <option value=s.code() selected=filters.status == s.code()>{p.statuses[s.index()]}</option> })
        .collect_view();
    let disciplines = Discipline::ALL
        .into_iter()
        .map(|d| view! { <option value=d.code() selected=filters.focus == d.code()>{lang.discipline(d)}</option> })
        .collect_view();
    view! {
        <form method="get" action="/hr/plans" class="filter-form no-print">
            <div>
                <label for="opd">{p.filter_opd}</label>
                <select id="opd" name="opd"><option value="">{p.filter_all}</option>{opds}</select>
            </div>
            <div>
                <label for="status">{p.col_status}</label>
                <select id="status" name="status"><option value="">{p.filter_all}</option>{statuses}</select>
            </div>
            <div>
                <label for="focus">{p.col_focus}</label>
                <select id="focus" name="focus"><option value="">{p.filter_all}</option>{disciplines}</select>
            </div>
            <div class="check">
                <input id="overdue" name="overdue" type="checkbox" value="1" checked=filters.overdue />
                <label for="overdue">{p.filter_overdue}</label>
            </div>
            <button type="submit" class="button button-secondary">{p.apply_filter}</button>
        </form>
    }
}

fn list_view(list: PlanListDto, filters: Filters, lang: Lang) -> AnyView {
    let p = lang.plans();
    let export = format!("/hr/plans/plans.xlsx{}", filters.query());
    let count = list.plans.len();
    let filter_form = filter_form(&list, &filters, lang);
    let table = if list.plans.is_empty() {
        view! { <p class="notice" role="status">{p.empty}</p> }.into_any()
    } else {
        let rows = list.plans.into_iter().map(|plan| plan_row(plan, lang)).collect_view();
        view! {
            <div class="table-scroll">
                <table class="plans-table">
                    <caption>{format!("{} ({count})", p.list_title)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{p.col_unit}</th>
                            <th scope="col">{p.col_focus}</th>
                            <th scope="col">{p.col_status}</th>
                            <th scope="col">{p.col_due}</th>
                            <th scope="col">{p.col_wave}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        {filter_form}
        <p class="actions no-print"><a class="button button-secondary" href=export download>{p.download_xlsx}</a></p>
        {table}
        <p class="hint">{p.how_to_create}</p>
    }
    .into_any()
}

/// The plan list page.
#[component]
pub fn PlansPage() -> impl IntoView {
    let lang = use_lang();
    let (t, p) = (lang.t(), lang.plans());
    let query = use_query_map();
    let filters = move || {
        let q = query.read();
        Filters {
            opd: q.get("opd").unwrap_or_default(),
            status: q.get("status").unwrap_or_default(),
            focus: q.get("focus").unwrap_or_default(),
            overdue: q.get("overdue").is_some_and(|v| v == "1" || v == "on" || v == "true"),
        }
    };
    let plans = Resource::new(filters, |f| hr_plans(f.opd, f.status, f.focus, f.overdue));
    view! {
        <PageTitle text=format!("{} · Mawas", p.list_title) />
        <p class="no-print"><a href="/hr">{t.nav_hr}</a></p>
        <h1>{p.list_title}</h1>
        <p class="lead">{p.list_lead}</p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match plans.await {
                    Ok(list) => list_view(list, filters(), lang),
                    Err(e) => load_error(e, lang),
                }
            })}
        </Suspense>
    }
}
