//! `/trainer/workshops/{id}` (and `/hr/workshops/{id}`): a workshop's links, participation and its
//! pre/post comparison, laid out so that printing it gives a one-page A4 report.

use crate::api::workshops::{SetWorkshopWave, load_workshop_report};
use crate::components::PageTitle;
use crate::components::dumbbell::{Dumbbell, DumbbellChart};
use crate::domain::Area;
use crate::domain::comparison::{MeasureComparison, PairedStats, WelchStats, read_measure};
use crate::dto::WorkshopReport;
use crate::error::AppError;
use crate::i18n::{Lang, fill, use_lang};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;

/// The workshop page.
#[component]
pub fn WorkshopPage(area: Area) -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0);
    let toggle = ServerAction::<SetWorkshopWave>::new();
    let report = Resource::new(move || (id(), toggle.version().get()), |(id, _)| load_workshop_report(id));
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match report.await {
                    Ok(report) => report_view(report, area, lang, toggle).into_any(),
                    Err(AppError::Unauthorized) => {
                        view! { <Redirect path=format!("/login?next={}/workshops", area.path()) /> }.into_any()
                    }
                    Err(e) => view! {
                        <p><a href=format!("{}/workshops", area.path())>{lang.comparison().back_to_list}</a></p>
                        {crate::components::load_failure::load_failure(e, lang)}
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

fn report_view(report: WorkshopReport, area: Area, lang: Lang, toggle: ServerAction<SetWorkshopWave>) -> impl IntoView {
    let c = lang.comparison();
    let k = report.comparison.min_group_size;
    let k_text = k.to_string();
    let count = move |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_else(|| fill(c.below_k, &[("k", &k_text)]));
    let comparison = &report.comparison;
    let export = |ext: &str| format!("{}/workshops/{}/comparison.{ext}", area.path(), report.id);
    let dates = fill(c.runs, &[("from", &lang.date(report.held_from)), ("to", &lang.date(report.held_to))]);
    let rows: Vec<(String, MeasureComparison, usize)> =
        std::iter::once((c.lo_index.to_string(), comparison.lo_index.clone(), 1))
            .chain(comparison.disciplines.iter().map(|(d, m)| (lang.discipline(*d).to_string(), m.clone(), 2)))
            .collect();
    let chart: Vec<Dumbbell> = comparison
        .disciplines
        .iter()
        .map(|(d, m)| Dumbbell { discipline: *d, pre: m.mean_pre, post: m.mean_post })
        .collect();
    let match_rate = comparison.pair_match_rate.map(|r| format!("{} %", lang.num(r * 100.0, 0)));
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        let _ = window().print();
    };
    // The print button needs JavaScript; without it the browser's own print command does the same.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    view! {
        <PageTitle text=format!("{} · Mawas", report.title) />
        <article class="report">
            <p class="no-print"><a href=format!("{}/workshops", area.path())>{c.back_to_list}</a></p>
            <h1>{report.title.clone()}</h1>
            <p class="meta">
                {dates}
                {report.place.clone().map(|p| format!(" · {p}"))}
                {report.then_test.then(|| format!(" · {}", c.then_test_on))}
            </p>
            <p class="actions no-print">
                <a class="button" href=export("xlsx") download>{c.download_xlsx}</a>
                <a class="button button-secondary" href=export("csv") download>{c.download_csv}</a>
                <Show when=move || hydrated.get()>
                    <button type="button" class="button button-secondary" on:click=print>{c.print}</button>
                </Show>
            </p>
            <section class="no-print">
                <h2 id="links-title">{c.links_title}</h2>
                <div class="wave-links">
                    {wave_link(&report, false, area, lang, toggle).into_any()}
                    {wave_link(&report, true, area, lang, toggle).into_any()}
                </div>
            </section>
            <section>
                <h2 id="participation-title">{c.participation_title}</h2>
                <dl class="stats">
                    <div><dt>{c.n_pre}</dt><dd>{count(comparison.n_pre)}</dd></div>
                    <div><dt>{c.n_post}</dt><dd>{count(comparison.n_post)}</dd></div>
                    <div><dt>{c.n_pairs}</dt><dd>{count(comparison.n_pairs)}</dd></div>
                    <div><dt>{c.match_rate}</dt><dd>{match_rate.unwrap_or_else(|| "–".into())}</dd></div>
                </dl>
                <p class="hint">{fill(c.k_note, &[("k", &k.to_string())])}</p>
            </section>
            <section>
                <h2 id="table-title">{c.table_title}</h2>
                {comparison_table(&rows, lang).into_any()}
                <h3>{c.col_reading}</h3>
                {readings_list(&rows, lang).into_any()}
            </section>
            <section>
                <h2 id="chart-title">{c.chart_title}</h2>
                {view! { <DumbbellChart rows=chart lang id="dumbbell" /> }.into_any()}
            </section>
            {report.then_test.then(|| shift_table(&rows, lang).into_any())}
            <section class="items-section">
                <h2 id="items-title">{c.items_title}</h2>
                {items_table(&report, lang).into_any()}
            </section>
            <p class="hint">{c.method_note}</p>
            <p class="print-only hint">{c.report_generated}</p>
        </article>
    }
}

fn wave_link(
    report: &WorkshopReport,
    post_test: bool,
    area: Area,
    lang: Lang,
    toggle: ServerAction<SetWorkshopWave>,
) -> impl IntoView + use<> {
    let c = lang.comparison();
    let (wave, label, which) =
        if post_test { (&report.post_wave, c.post_test, "post") } else { (&report.pre_wave, c.pre_test, "pre") };
    let status = if wave.open_now { c.wave_open } else { c.wave_not_open };
    let runs = fill(c.runs, &[("from", &lang.date(wave.opens_on)), ("to", &lang.date(wave.closes_on))]);
    let qr = format!("{}/workshops/{}/qr/{which}.svg", area.path(), report.id);
    let qr_href = qr.clone();
    let open_now = wave.open_now;
    let id = report.id.to_string();
    let switch = report.can_manage.then(|| {
        view! {
            <ActionForm action=toggle>
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="which" value=which />
                <input type="hidden" name="open" value=if open_now { "false" } else { "true" } />
                <button type="submit" class="button button-secondary">
                    {if open_now { c.close_wave } else { c.open_wave }}
                </button>
            </ActionForm>
        }
    });
    view! {
        <div class="wave-link card">
            <h3>{label} " " <span class={if open_now { "badge badge-open" } else { "badge" }}>{status}</span></h3>
            <p class="meta">{runs}</p>
            <a href=qr_href class="qr-link" title=c.qr_enlarge>
                <img src=qr alt=format!("QR: {}", wave.url) width="160" height="160" loading="lazy" />
            </a>
            <p><a href=wave.path.clone() class="link-break">{wave.url.clone()}</a></p>
            {switch}
        </div>
    }
}

/// "0,35 (0,16 – 0,54)" or the reason there is no figure.
fn diff_with_ci(lang: Lang, diff: f64, ci: Option<(f64, f64)>, decimals: usize) -> String {
    match ci {
        Some((low, high)) => {
            format!("{} ({} – {})", signed(lang, diff, decimals), lang.num(low, decimals), lang.num(high, decimals))
        }
        None => format!("{} ({})", signed(lang, diff, decimals), lang.comparison().not_computable),
    }
}

fn signed(lang: Lang, x: f64, decimals: usize) -> String {
    let text = lang.num(x, decimals);
    if x > 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') { format!("+{text}") } else { text }
}

fn t_df(lang: Lang, t: Option<f64>, df: Option<f64>) -> String {
    match t.zip(df) {
        Some((t, df)) => format!("{} ({})", lang.num(t, 2), lang.num(df, if df.fract() == 0.0 { 0 } else { 1 })),
        None => lang.comparison().not_computable.into(),
    }
}

fn effect(lang: Lang, name: &str, value: Option<f64>) -> String {
    value.map(|v| format!("{name} = {}", lang.num(v, 2))).unwrap_or_else(|| lang.comparison().not_computable.into())
}

fn p_text(lang: Lang, p: Option<f64>) -> String {
    p.map(|p| lang.p_value(p)).unwrap_or_else(|| lang.comparison().not_computable.into())
}

fn paired_cells(lang: Lang, stats: Option<&PairedStats>, decimals: usize) -> AnyView {
    let c = lang.comparison();
    match stats {
        Some(s) => view! {
            <td class="num">{s.n}</td>
            <td class="num">{diff_with_ci(lang, s.mean_diff, s.ci, decimals)}</td>
            <td class="num">{t_df(lang, s.t, Some(s.df as f64))}</td>
            <td class="num">{p_text(lang, s.p)}</td>
            <td class="num">{effect(lang, "d_z", s.dz)}</td>
        }
        .into_any(),
        None => view! { <td colspan="5" class="suppressed">{c.pairs_below_k}</td> }.into_any(),
    }
}

fn unpaired_cells(lang: Lang, stats: Option<&WelchStats>, decimals: usize) -> AnyView {
    match stats {
        Some(s) => view! {
            <td class="num">{diff_with_ci(lang, s.diff, s.ci, decimals)}</td>
            <td class="num">{t_df(lang, s.t, s.df)}</td>
            <td class="num">{p_text(lang, s.p)}</td>
            <td class="num">{effect(lang, "g", s.g)}</td>
        }
        .into_any(),
        None => view! { <td colspan="4" class="suppressed">{lang.comparison().suppressed}</td> }.into_any(),
    }
}

fn mean_cell(lang: Lang, mean: Option<f64>, decimals: usize) -> impl IntoView + use<> {
    match mean {
        Some(m) => view! { <td class="num">{lang.num(m, decimals)}</td> }.into_any(),
        None => view! { <td class="suppressed">{lang.comparison().suppressed}</td> }.into_any(),
    }
}

fn comparison_table(rows: &[(String, MeasureComparison, usize)], lang: Lang) -> impl IntoView + use<> {
    let c = lang.comparison();
    let body = rows
        .iter()
        .map(|(name, m, decimals)| {
            view! {
                <tr>
                    <th scope="row">{name.clone()}</th>
                    {mean_cell(lang, m.mean_pre, *decimals)}
                    {mean_cell(lang, m.mean_post, *decimals)}
                    {paired_cells(lang, m.paired.as_ref(), *decimals)}
                    {unpaired_cells(lang, m.unpaired.as_ref(), *decimals)}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="table-title">
            <table class="comparison">
                <caption>{c.table_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col" rowspan="2">{c.col_measure}</th>
                        <th scope="col" rowspan="2">{c.col_pre}</th>
                        <th scope="col" rowspan="2">{c.col_post}</th>
                        <th scope="colgroup" colspan="5">{c.col_pairs}</th>
                        <th scope="colgroup" colspan="4">{c.col_all}</th>
                    </tr>
                    <tr>
                        <th scope="col">"n"</th>
                        <th scope="col">{c.col_diff_ci}</th>
                        <th scope="col">{c.col_t_df}</th>
                        <th scope="col">{c.col_p}</th>
                        <th scope="col">"d_z"</th>
                        <th scope="col">{c.col_diff_ci}</th>
                        <th scope="col">{c.col_t_df}</th>
                        <th scope="col">{c.col_p}</th>
                        <th scope="col">"g"</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

fn readings_list(rows: &[(String, MeasureComparison, usize)], lang: Lang) -> impl IntoView + use<> {
    let c = lang.comparison();
    let items = rows
        .iter()
        .map(|(name, m, _)| {
            let reading = read_measure(m).map(|r| lang.reading(&r)).unwrap_or_else(|| c.suppressed.into());
            view! { <li><strong>{name.clone()}</strong> " — " {reading}</li> }
        })
        .collect_view();
    view! { <ul class="readings">{items}</ul> }
}

fn shift_table(rows: &[(String, MeasureComparison, usize)], lang: Lang) -> impl IntoView + use<> {
    let c = lang.comparison();
    let cell = move |s: Option<&PairedStats>, decimals: usize| match s {
        Some(s) => view! {
            <td class="num">{s.n}</td>
            <td class="num">{diff_with_ci(lang, s.mean_diff, s.ci, decimals)}</td>
            <td class="num">{p_text(lang, s.p)}</td>
        }
        .into_any(),
        None => view! { <td colspan="3" class="suppressed">{c.suppressed}</td> }.into_any(),
    };
    let body = rows
        .iter()
        .map(|(name, m, decimals)| {
            view! {
                <tr>
                    <th scope="row">{name.clone()}</th>
                    {cell(m.post_minus_then.as_ref(), *decimals)}
                    {cell(m.then_minus_pre.as_ref(), *decimals)}
                </tr>
            }
        })
        .collect_view();
    view! {
        <section>
            <h2 id="shift-title">{c.shift_title}</h2>
            <p>{c.shift_lead}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="shift-title">
                <table class="comparison">
                    <thead>
                        <tr>
                            <th scope="col" rowspan="2">{c.col_measure}</th>
                            <th scope="colgroup" colspan="3">{c.col_post_minus_then}</th>
                            <th scope="colgroup" colspan="3">{c.col_then_minus_pre}</th>
                        </tr>
                        <tr>
                            <th scope="col">"n"</th>
                            <th scope="col">{c.col_diff_ci}</th>
                            <th scope="col">{c.col_p}</th>
                            <th scope="col">"n"</th>
                            <th scope="col">{c.col_diff_ci}</th>
                            <th scope="col">{c.col_p}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
}

fn items_table(report: &WorkshopReport, lang: Lang) -> impl IntoView + use<> {
    let c = lang.comparison();
    let body = report
        .comparison
        .items
        .iter()
        .map(|item| {
            let change = item.diff().map(|d| signed(lang, d, 2)).unwrap_or_else(|| c.suppressed.into());
            // Bar from the middle: half the width is one scale point of change.
            let bar = item.diff().map(|d| {
                let width = (d.abs().min(2.0) * 25.0).max(1.0);
                let style = if d >= 0.0 {
                    format!("left:50%;width:{width:.1}%")
                } else {
                    format!("left:{:.1}%;width:{width:.1}%", 50.0 - width)
                };
                view! { <span class="shift-bar" aria-hidden="true"><span class={if d >= 0.0 { "shift-up" } else { "shift-down" }} style=style></span></span> }
            });
            view! {
                <tr>
                    <th scope="row">{item.code.clone()}</th>
                    <td>{lang.discipline(item.discipline)}</td>
                    {mean_cell(lang, item.mean_pre, 2)}
                    {mean_cell(lang, item.mean_post, 2)}
                    <td class="num">{change}{bar}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="items-title">
            <table class="items">
                <thead>
                    <tr>
                        <th scope="col">{c.col_item}</th>
                        <th scope="col">{c.col_measure}</th>
                        <th scope="col">{c.col_pre}</th>
                        <th scope="col">{c.col_post}</th>
                        <th scope="col">{c.col_change}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
