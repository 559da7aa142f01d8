//! `/hr/units/{code}[?wave=ID]`: one unit's results: its five-discipline profile against the
//! organisation, its trend over waves, how each item's answers split, and its comments, each shown
//! only as far as the anonymity rules allow.

use super::wave_heatmap_page::load_error;
use crate::api::hr::hr_unit_report;
use crate::components::PageTitle;
use crate::components::trend_chart::{TrendChart, TrendColumn};
use crate::domain::Discipline;
use crate::domain::WaveId;
use crate::dto::{ItemSplitDto, UnitReportDto};
use crate::i18n::{Lang, fill, use_lang};
use crate::pages::plans_page::status_badges;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The unit page.
#[component]
pub fn UnitPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let code = params.read().get("code").unwrap_or_default();
        let wave = query.read().get("wave").and_then(|w| w.parse::<WaveId>().ok());
        (code, wave)
    };
    let report = Resource::new(key, |(code, wave)| hr_unit_report(code, wave));
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match report.await {
                    Ok(report) => unit_view(report, lang).into_any(),
                    Err(e) => load_error(e, lang),
                }
            })}
        </Suspense>
    }
}

/// The six headline figures of the unit: LO index, then the disciplines.
fn unit_figures(report: &UnitReportDto) -> [Option<f64>; 6] {
    let Some(row) = report.figures.as_ref().filter(|r| r.reportable) else { return [None; 6] };
    crate::display::heat_cells::row_headline(row)
}

/// "n = 23 · 5 typed in from paper": how many answered, and how many of them HR typed in.
fn respondents_line(report: &UnitReportDto, lang: Lang) -> Option<impl IntoView + use<>> {
    let row = report.figures.as_ref()?;
    let typed = row.typed_in.filter(|t| *t > 0).map(|t| lang.hr().typed_in_note.replace("{n}", &t.to_string()));
    let text = match typed {
        Some(typed) => format!("n = {} · {typed}", row.n?),
        None => format!("n = {}", row.n?),
    };
    Some(view! { <p class="meta">{text}</p> })
}

fn profile_table(report: &UnitReportDto, lang: Lang) -> AnyView {
    let u = lang.unit();
    let unit = unit_figures(report);
    let names = lang.measure_names();
    // A figure hidden on its own n reads "< k", as everywhere (docs/DESIGN.md §5).
    let hidden = format!("< {}", report.min_group_size);
    let rows = (0..6)
        .map(|i| {
            let decimals = if i == 0 { 1 } else { 2 };
            let bar = unit[i].map(|v| {
                let width = if i == 0 { v } else { (v - 1.0) / 4.0 * 100.0 };
                let org = report.organisation[i].map(|o| if i == 0 { o } else { (o - 1.0) / 4.0 * 100.0 });
                view! {
                    <span class="profile-bar" aria-hidden="true">
                        <span class="profile-fill" style=format!("width:{:.1}%", width.clamp(0.0, 100.0))></span>
                        {org.map(|o| view! { <span class="profile-org" style=format!("left:{:.1}%", o.clamp(0.0, 100.0))></span> })}
                    </span>
                }
            });
            let difference = unit[i].zip(report.organisation[i]).map(|(a, b)| lang.signed(a - b, decimals));
            view! {
                <tr>
                    <th scope="row">{names[i]}</th>
                    <td class="num">{unit[i].map(|v| lang.num(v, decimals)).unwrap_or_else(|| hidden.clone())}</td>
                    <td class="profile-cell">{bar}</td>
                    <td class="num">{report.organisation[i].map(|v| lang.num(v, decimals)).unwrap_or_else(|| hidden.clone())}</td>
                    <td class="num">{difference.unwrap_or_else(|| "–".into())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="profile">
                <caption>{u.profile_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{u.col_measure}</th>
                        <th scope="col">{u.col_unit}</th>
                        <th scope="col"><span class="visually-hidden">{u.col_unit}</span></th>
                        <th scope="col">{u.col_organisation}</th>
                        <th scope="col">{u.col_difference}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

fn trend_section(report: &UnitReportDto, lang: Lang) -> AnyView {
    let u = lang.unit();
    let k = report.min_group_size;
    let names = lang.measure_names();
    let points = &report.trend.waves;
    let columns: Vec<TrendColumn> = points
        .iter()
        .map(|p| {
            let figures = crate::display::heat_cells::row_headline(&p.figures);
            let shown = p.figures.reportable;
            TrendColumn {
                label: p.wave.opens_on.get(..7).unwrap_or(&p.wave.opens_on).to_string(),
                means: std::array::from_fn(|i| figures[i + 1].filter(|_| shown)),
            }
        })
        .collect();
    let reported = points.iter().filter(|p| p.figures.reportable).count();
    // The unit's own plans mark the wave they were based on; plans of units below it do not.
    let planned = |wave_id: WaveId| report.plans.iter().any(|plan| plan.unit == report.unit && plan.wave_id == wave_id);
    let plan_marks: Vec<usize> =
        points.iter().enumerate().filter(|(_, p)| planned(p.wave.id)).map(|(i, _)| i).collect();
    let has_marks = !plan_marks.is_empty();
    let chart = (reported >= 2).then(|| {
        view! {
            <TrendChart columns=columns plan_marks=plan_marks lang=lang title=u.trend_title description=u.trend_chart />
        }
    });
    let heads = names.iter().map(|n| view! { <th scope="col">{*n}</th> }).collect_view();
    let rows = points
        .iter()
        .map(|p| {
            let figures = crate::display::heat_cells::row_headline(&p.figures);
            let cells = (0..6)
                .map(|i| {
                    let text = match (p.figures.reportable, figures[i]) {
                        (false, _) => format!("< {k}"),
                        (true, Some(v)) => lang.num(v, if i == 0 { 1 } else { 2 }),
                        (true, None) => format!("< {k}"),
                    };
                    view! { <td class="num">{text}</td> }
                })
                .collect_view();
            let mark = planned(p.wave.id)
                .then(|| view! { " "<span class="badge badge-plan">{lang.plans().chart_marker}</span> });
            view! { <tr><th scope="row">{p.wave.title.clone()}{mark}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <section>
            <h2>{u.trend_title}</h2>
            {chart}
            {(reported < 2).then(|| view! { <p class="hint">{u.trend_single}</p> })}
            {has_marks.then(|| view! { <p class="hint">{lang.plans().trend_plan_note}</p> })}
            <div class="table-scroll">
                <table class="trend-table">
                    <caption>{u.trend_caption.replace("< k", &format!("< {k}"))}</caption>
                    <thead><tr><th scope="col">{u.col_wave}</th>{heads}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

fn item_row(item: &ItemSplitDto, lang: Lang) -> AnyView {
    let u = lang.unit();
    let text = match lang {
        Lang::Id => item.text_id.clone(),
        Lang::En => item.text_en.clone(),
    };
    let (Some(shares), Some(answered)) = (item.shares, item.answered) else {
        return view! { <li class="item-split"><p>{text}</p><p class="hint">"–"</p></li> }.into_any();
    };
    let percent = |s: f64| format!("{} %", lang.num(s * 100.0, 0));
    let segments = [("split-unfavourable", u.unfavourable), ("split-neutral", u.neutral), ("split-favourable", u.favourable)]
        .into_iter()
        .zip(shares)
        .filter(|(_, share)| *share > 0.0)
        .map(|((class, _), share)| {
            view! { <span class=class style=format!("width:{:.1}%", share * 100.0)>{(share >= 0.1).then(|| percent(share))}</span> }
        })
        .collect_view();
    let summary = format!(
        "{} {} · {} {} · {} {} · {} {}",
        u.unfavourable,
        percent(shares[0]),
        u.neutral,
        percent(shares[1]),
        u.favourable,
        percent(shares[2]),
        answered,
        u.answered
    );
    view! {
        <li class="item-split">
            <p><span class="unit-code">{item.code.clone()}</span>" "{text}</p>
            <div class="split-bar" aria-hidden="true">{segments}</div>
            <p class="hint">{summary}</p>
        </li>
    }
    .into_any()
}

fn items_section(report: &UnitReportDto, lang: Lang) -> AnyView {
    let u = lang.unit();
    let groups = Discipline::ALL
        .into_iter()
        .map(|d| {
            let items =
                report.items.iter().filter(|i| i.discipline == d.code()).map(|i| item_row(i, lang)).collect_view();
            view! { <h3>{lang.discipline(d)}</h3><ul class="item-splits">{items}</ul> }
        })
        .collect_view();
    view! {
        <section>
            <h2>{u.items_title}</h2>
            <p class="hint">{u.items_lead}</p>
            <p class="split-legend" aria-hidden="true">
                <span class="split-unfavourable swatch"></span>{u.unfavourable}" "
                <span class="split-neutral swatch"></span>{u.neutral}" "
                <span class="split-favourable swatch"></span>{u.favourable}
            </p>
            {groups}
        </section>
    }
    .into_any()
}

fn comments_section(report: &UnitReportDto, lang: Lang) -> AnyView {
    let u = lang.unit();
    let body = match &report.comments {
        None => {
            view! { <p class="hint">{fill(u.comments_hidden, &[("kc", &report.comment_threshold.to_string())])}</p> }
                .into_any()
        }
        Some(comments) if comments.is_empty() => view! { <p class="hint">{u.comments_none}</p> }.into_any(),
        Some(comments) => {
            let items = comments.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view();
            view! { <p class="hint">{u.comments_lead}</p><ul class="comments">{items}</ul> }.into_any()
        }
    };
    view! { <section><h2>{u.comments_title}</h2>{body}</section> }.into_any()
}

/// The plans of the unit and the units below it, and the link to start one on the shown wave.
fn plans_section(report: &UnitReportDto, lang: Lang) -> AnyView {
    let p = lang.plans();
    let create = report.wave.as_ref().map(|w| {
        let href = format!("/hr/plans/new?unit={}&wave={}", report.unit, w.id);
        view! { <p class="no-print"><a class="button" href=href>{p.new_from_unit}</a></p> }
    });
    let list = if report.plans.is_empty() {
        view! { <p class="hint">{p.unit_plans_empty}</p> }.into_any()
    } else {
        let items = report
            .plans
            .iter()
            .map(|plan| {
                let focus = Discipline::parse(&plan.focus).map(|d| lang.discipline(d)).unwrap_or_default();
                let below = (plan.unit != report.unit).then(|| format!(" · {}", plan.unit_name));
                view! {
                    <li>
                        <a href=format!("/hr/plans/{}", plan.id)>{focus}{below}</a>" "
                        {status_badges(plan.status, plan.overdue, lang)}
                        <span class="meta">" · "{plan.wave_title.clone()}</span>
                        <span class="plan-goal">{plan.goal.clone()}</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="plan-list">{items}</ul> }.into_any()
    };
    view! {
        <section id="plans" class="unit-plans">
            <h2>{p.unit_plans_title}</h2>
            {list}
            {create}
        </section>
    }
    .into_any()
}

fn unit_view(report: UnitReportDto, lang: Lang) -> impl IntoView {
    let u = lang.unit();
    let wave_options = report
        .waves
        .iter()
        .map(|w| {
            let selected = report.wave.as_ref().is_some_and(|c| c.id == w.id);
            view! { <option value=w.id.to_string() selected=selected>{format!("{} ({})", w.title, w.opens_on)}</option> }
        })
        .collect_view();
    let reportable = report.figures.as_ref().is_some_and(|f| f.reportable);
    let heatmap_link = report.wave.as_ref().map(|w| format!("/hr/waves/{}", w.id));
    let top = view! {
        <PageTitle text=format!("{} · Mawas", report.name) />
        <p class="no-print">
            {match heatmap_link {
                Some(href) => view! { <a href=href>{u.back_to_heatmap}</a> }.into_any(),
                None => view! { <a href="/hr/waves">{lang.hr().back_to_waves}</a> }.into_any(),
            }}
        </p>
        <p class="print-only meta">
            {format!("{} · {} · {} {}", report.organisation_name, report.wave.as_ref().map(|w| w.title.clone()).unwrap_or_default(), lang.hr().printed_on, lang.date(report.as_of))}
        </p>
        <h1>{report.name.clone()}" "<span class="unit-code">{report.unit.clone()}</span></h1>
        {report.parent_name.clone().map(|p| view! { <p class="meta">{u.part_of}" "{p}</p> })}
    }
    .into_any();
    if report.wave.is_none() {
        return view! { <article class="report">{top}<p>{u.no_wave}</p></article> }.into_any();
    }
    let picker = view! {
        <form method="get" class="inline-form no-print">
            <label for="wave">{u.wave_label}</label>
            <select id="wave" name="wave">{wave_options}</select>
            <button type="submit" class="button button-secondary">{u.show}</button>
        </form>
    }
    .into_any();
    let released = report.wave.as_ref().is_some_and(|w| w.released);
    let figures = if reportable && !released {
        let n = report.figures.as_ref().and_then(|f| f.n).unwrap_or_default();
        view! {
            <p class="notice" role="status">{lang.hr().results_after_close}</p>
            <p>{format!("n = {n}")}</p>
        }
        .into_any()
    } else if reportable {
        view! {
            <section>
                <h2>{u.profile_title}</h2>
                {respondents_line(&report, lang)}
                {profile_table(&report, lang)}
            </section>
            {items_section(&report, lang)}
            {comments_section(&report, lang)}
        }
        .into_any()
    } else {
        view! { <p class="notice" role="status">{u.hidden.replace(" k ", &format!(" {} ", report.min_group_size))}</p> }
            .into_any()
    };
    view! {
        <article class="report unit-report">
            {top}
            {picker}
            {figures}
            {trend_section(&report, lang)}
            {plans_section(&report, lang)}
        </article>
    }
    .into_any()
}
