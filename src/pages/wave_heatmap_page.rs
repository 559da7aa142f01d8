//! `/hr/waves/{id}`: the unit heatmap of a wave in four views (scores, difference from the
//! organisation, change since the previous wave, category), every group below k shown as "< k".
//! View, sort order and opened units live in the query string, so every control is a plain link
//! that works without JavaScript and can be bookmarked or sent to a colleague.

use crate::api::hr::{hr_wave_heatmap, hr_wave_reliability};
use crate::components::PageTitle;
use crate::display::heat_cells::{HeatMode, band_ranges, mode_figure, row_headline, shown_cell};
use crate::display::heat_colour::{cell_colours, difference_colours};
use crate::domain::Discipline;
use crate::domain::WaveId;
use crate::domain::heatmap_views::CategoryBands;
use crate::dto::{HeatmapRowDto, HeatmapViewsDto, ReliabilityDto};
use crate::error::AppError;
use crate::i18n::{Lang, fill, use_lang};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

/// What the query string asks for.
#[derive(Clone, Debug, PartialEq)]
struct ViewState {
    mode: HeatMode,
    sort: Option<String>,
    ascending: bool,
    /// Units opened beyond the default; `None` = every unit open.
    open: Option<Vec<String>>,
}

impl ViewState {
    /// The query string of this state.
    fn href(&self) -> String {
        let mut parts = vec![format!("mode={}", self.mode.key())];
        if let Some(key) = &self.sort {
            parts.push(format!("sort={key}&dir={}", if self.ascending { "asc" } else { "desc" }));
        }
        match &self.open {
            None => parts.push("open=all".into()),
            Some(codes) if !codes.is_empty() => parts.push(format!("open={}", codes.join(","))),
            Some(_) => {}
        }
        format!("?{}", parts.join("&"))
    }
}

/// The heatmap page.
#[component]
pub fn WaveHeatmapPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<WaveId>().ok()).unwrap_or(WaveId(0));
    let heatmap = Resource::new(id, hr_wave_heatmap);
    let reliability = Resource::new(id, hr_wave_reliability);
    let query = use_query_map();
    let state = move || {
        let q = query.read();
        ViewState {
            mode: q.get("mode").and_then(|m| HeatMode::parse(&m)).unwrap_or(HeatMode::Absolute),
            sort: q.get("sort").filter(|k| is_sort_key(k)),
            ascending: q.get("dir").as_deref() == Some("asc"),
            open: match q.get("open") {
                Some(all) if all == "all" => None,
                Some(codes) => Some(codes.split(',').filter(|c| !c.is_empty()).map(String::from).collect()),
                None => Some(Vec::new()),
            },
        }
    };
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match heatmap.await {
                    Ok(views) => heatmap_view(views, lang, state()).into_any(),
                    Err(e) => load_error(e, lang),
                }
            })}
        </Suspense>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move { reliability.await.ok().map(|r| reliability_panel(r, lang)) })}
        </Suspense>
    }
}

/// Cronbach's α per discipline with a plain warning where it is below 0.6.
fn reliability_panel(r: ReliabilityDto, lang: Lang) -> AnyView {
    let h = lang.hr();
    let k = r.min_group_size;
    let rows = Discipline::ALL
        .into_iter()
        .map(|d| {
            let alpha = r.disciplines.get(d.code());
            let (value, complete, verdict) = match alpha {
                Some(a) if a.alpha.is_some() => (
                    lang.num(a.alpha.unwrap_or_default(), 2),
                    a.n_complete.map(|n| n.to_string()).unwrap_or_default(),
                    if a.low { h.alpha_low } else { h.alpha_ok }.to_string(),
                ),
                Some(a) if a.n_complete.is_some() => {
                    ("–".into(), a.n_complete.map(|n| n.to_string()).unwrap_or_default(), String::new())
                }
                _ => (format!("< {k}"), format!("< {k}"), h.alpha_hidden.replace(" k ", &format!(" {k} "))),
            };
            let low = alpha.is_some_and(|a| a.low);
            view! {
                <tr class=if low { "alpha-low" } else { "" }>
                    <th scope="row">{lang.discipline(d)}</th>
                    <td class="num">{value}</td>
                    <td class="num">{complete}</td>
                    <td>{if low { view! { <strong>{verdict}</strong> }.into_any() } else { verdict.into_any() }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="reliability">
            <h2>{h.reliability_title}</h2>
            <p class="hint">{h.reliability_lead.replace(" k ", &format!(" {k} "))}</p>
            <div class="table-scroll">
                <table class="trend-table">
                    <thead>
                        <tr>
                            <th scope="col">{h.col_discipline}</th>
                            <th scope="col">{h.col_alpha}</th>
                            <th scope="col">{h.col_complete}</th>
                            <th scope="col"><span class="visually-hidden">{h.reliability_title}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

/// What an HR page shows when its data cannot be loaded: the login page for a visitor whose
/// session ended, else the reason and the way back to the wave list.
pub fn load_error(error: AppError, lang: Lang) -> AnyView {
    match error {
        AppError::Unauthorized => view! { <Redirect path="/login?next=/hr/waves" /> }.into_any(),
        e => view! {
            <p><a href="/hr/waves">{lang.hr().back_to_waves}</a></p>
            {crate::components::load_failure::load_failure(e, lang)}
        }
        .into_any(),
    }
}

/// Columns one can sort by: the unit name, n, response rate, LO index and each discipline.
fn is_sort_key(key: &str) -> bool {
    matches!(key, "unit" | "n" | "rate" | "lo") || Discipline::parse(key).is_some()
}

/// Column of a sort key among the six headline figures.
fn figure_of(key: &str) -> Option<usize> {
    match key {
        "lo" => Some(0),
        code => Discipline::parse(code).map(|d| d.index() + 1),
    }
}

/// Siblings ordered by a column as the current view shows it; hidden rows ("< k") and empty cells
/// always last, whichever the direction.
fn sorted_rows(views: &HeatmapViewsDto, state: &ViewState) -> Vec<usize> {
    let indices: Vec<usize> = (0..views.heatmap.rows.len()).collect();
    let Some(key) = state.sort.as_deref() else { return indices };
    let rows = &views.heatmap.rows;
    let value = |i: usize| match key {
        "n" => rows[i].n.map(|n| n as f64),
        "rate" => rows[i].response_rate,
        other => figure_of(other).and_then(|f| mode_figure(state.mode, views, i, f)),
    };
    let order = |a: &usize, b: &usize| {
        let by_value = if key == "unit" {
            rows[*a].name.cmp(&rows[*b].name)
        } else {
            match (value(*a), value(*b)) {
                (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
                (Some(_), None) => return Ordering::Less,
                (None, Some(_)) => return Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
        };
        if state.ascending { by_value } else { by_value.reverse() }
    };
    crate::domain::heatmap::sort_siblings(indices, |i| rows[*i].depth, order)
}

/// Which rows are open (their children shown) and which are visible: the first row (the top of the
/// caller's scope) is always open, so the level below it shows by default; deeper levels open on
/// request.
fn visibility(rows: &[HeatmapRowDto], open: &Option<Vec<String>>) -> (HashSet<String>, HashSet<String>) {
    let top_depth = rows.iter().map(|r| r.depth).min().unwrap_or(0);
    let parents: HashSet<&str> = rows.iter().filter_map(|r| r.parent.as_deref()).collect();
    let opened: HashSet<String> = rows
        .iter()
        .filter(|r| parents.contains(r.unit.as_str()))
        .filter(|r| r.depth == top_depth || open.as_ref().is_none_or(|codes| codes.contains(&r.unit)))
        .map(|r| r.unit.clone())
        .collect();
    let parent_of: HashMap<&str, &str> =
        rows.iter().filter_map(|r| r.parent.as_deref().map(|p| (r.unit.as_str(), p))).collect();
    let known: HashSet<&str> = rows.iter().map(|r| r.unit.as_str()).collect();
    let visible = rows
        .iter()
        .filter(|r| {
            std::iter::successors(parent_of.get(r.unit.as_str()).copied(), |p| parent_of.get(p).copied())
                .take_while(|p| known.contains(p))
                .all(|p| opened.contains(p))
        })
        .map(|r| r.unit.clone())
        .collect();
    (opened, visible)
}

/// A column header that sorts by its column: descending first for figures, A–Z first for names.
fn sort_header(label: &'static str, key: &'static str, state: &ViewState) -> impl IntoView + use<> {
    let active = state.sort.as_deref() == Some(key);
    let ascending_next = if active { !state.ascending } else { key == "unit" };
    let href = ViewState { sort: Some(key.into()), ascending: ascending_next, ..state.clone() }.href();
    let (aria, mark) = match (active, state.ascending) {
        (false, _) => ("none", ""),
        (true, true) => ("ascending", " ▲"),
        (true, false) => ("descending", " ▼"),
    };
    view! { <th scope="col" aria-sort=aria><a href=href class="sort-link">{label}<span aria-hidden="true">{mark}</span></a></th> }
}

/// The row header: the unit's name and code, indented by depth, with an open/close link when it
/// has units below it.
fn row_header(
    row: &HeatmapRowDto,
    wave: WaveId,
    opened: &HashSet<String>,
    has_children: bool,
    state: &ViewState,
    planned: bool,
    lang: Lang,
) -> AnyView {
    let h = lang.hr();
    let indent = format!("padding-left:{:.1}rem", 0.4 + row.depth as f64 * 1.1);
    let toggle = has_children.then(|| {
        let is_open = opened.contains(&row.unit);
        let codes: Vec<String> = if is_open {
            opened.iter().filter(|c| **c != row.unit).cloned().collect()
        } else {
            opened.iter().cloned().chain([row.unit.clone()]).collect()
        };
        let mut codes = codes;
        codes.sort();
        let href = format!("{}#u-{}", ViewState { open: Some(codes), ..state.clone() }.href(), row.unit);
        let label = format!("{}: {}", if is_open { h.collapse } else { h.expand }, row.name);
        view! {
            <a class="tree-toggle no-print" href=href aria-expanded=if is_open { "true" } else { "false" } aria-label=label>
                <span aria-hidden="true">{if is_open { "▾" } else { "▸" }}</span>
            </a>
        }
    });
    view! {
        <th scope="row" id=format!("u-{}", row.unit) style=indent>
            {toggle}
            {if row.reportable {
                view! { <a class="unit-link unit-name" href=format!("/hr/units/{}?wave={wave}", row.unit)>{row.name.clone()}</a> }.into_any()
            } else {
                view! { <span class="unit-name">{row.name.clone()}</span> }.into_any()
            }}
            " "
            <span class="unit-code">{row.unit.clone()}</span>
            {planned.then(|| {
                let label = lang.plans().heatmap_marker;
                view! { " "<span class="badge badge-plan" title=label aria-label=label>{lang.plans().chart_marker}</span> }
            })}
        </th>
    }
    .into_any()
}

fn row_view(
    views: &HeatmapViewsDto,
    index: usize,
    state: &ViewState,
    bands: &CategoryBands,
    opened: &HashSet<String>,
    has_children: bool,
    lang: Lang,
) -> AnyView {
    let row = &views.heatmap.rows[index];
    let k = views.heatmap.min_group_size;
    let planned = views.active_plans.contains(&row.unit);
    let header = row_header(row, views.heatmap.wave.id, opened, has_children, state, planned, lang);
    let cells: Vec<AnyView> = if row.reportable {
        let mut cells = vec![
            view! {
                <td class="num">
                    {row.n.map(|n| n.to_string()).unwrap_or_default()}
                    {row.typed_in.filter(|t| *t > 0).map(|t| view! { <br /><small class="typed-in">{lang.hr().typed_in_note.replace("{n}", &t.to_string())}</small> })}
                </td>
            }
            .into_any(),
            view! { <td class="num">{row.response_rate.map(|r| format!("{} %", lang.num(r * 100.0, 0))).unwrap_or_else(|| "–".into())}</td> }.into_any(),
        ];
        let own = row_headline(row);
        for (figure, own) in own.into_iter().enumerate() {
            cells.push(match mode_figure(state.mode, views, index, figure) {
                Some(value) => {
                    let cell = shown_cell(state.mode, value, figure, bands, lang);
                    view! { <td class="num heat" style=format!("background:{};color:{}", cell.background, cell.colour)>{cell.text}</td> }
                        .into_any()
                }
                // A figure hidden on its own n reads "< k" like a hidden row (docs/DESIGN.md §5); "–" is a
                // figure that does not exist, such as a change without a previous wave.
                None if own.is_none() => view! { <td class="suppressed">{format!("< {k}")}</td> }.into_any(),
                None => view! { <td class="num">"–"</td> }.into_any(),
            });
        }
        cells
    } else {
        (0..8).map(|_| view! { <td class="suppressed">{format!("< {k}")}</td> }.into_any()).collect()
    };
    view! { <tr>{header}{cells}</tr> }.into_any()
}

/// The legend of the current view: what the colours mean and where they are cut.
fn legend(views: &HeatmapViewsDto, state: &ViewState, bands: &CategoryBands, lang: Lang) -> AnyView {
    let h = lang.hr();
    let swatches = |items: Vec<(String, String, &'static str)>| {
        items
            .into_iter()
            .map(|(text, background, colour)| view! { <li style=format!("background:{background};color:{colour}")>{text}</li> })
            .collect_view()
    };
    let steps = |full: f64| {
        [-1.0, -0.5, 0.0, 0.5, 1.0]
            .map(|f: f64| {
                let (background, colour) = difference_colours(f * full, full);
                (lang.signed(f * full, 2), background, colour)
            })
            .to_vec()
    };
    match state.mode {
        HeatMode::Absolute => {
            let items = (1..=5)
                .map(|v| {
                    let (background, colour) = cell_colours(f64::from(v), 5.0);
                    (v.to_string(), background, colour)
                })
                .collect();
            view! {
                <ul class="legend-scale" aria-hidden="true">{swatches(items)}</ul>
                <p class="hint">{h.legend_text}</p>
            }
            .into_any()
        }
        HeatMode::Difference => {
            let org = match views.organisation[0] {
                Some(lo) => format!("{} {}", lang.hr().col_lo, lang.num(lo, 1)),
                None => String::new(),
            };
            let note = if views.organisation.iter().all(Option::is_none) {
                h.organisation_hidden.to_string()
            } else {
                fill(h.legend_difference, &[("org", &format!("{}, {org}", views.organisation_name))])
            };
            view! {
                <ul class="legend-scale" aria-hidden="true">{swatches(steps(1.0))}</ul>
                <p class="hint">{note}</p>
            }
            .into_any()
        }
        HeatMode::Change => {
            let note = match &views.previous {
                Some(previous) => fill(h.legend_change, &[("wave", &previous.title)]),
                None => h.no_previous.to_string(),
            };
            view! {
                <ul class="legend-scale" aria-hidden="true">{swatches(steps(0.5))}</ul>
                <p class="hint">{note}</p>
            }
            .into_any()
        }
        HeatMode::Band => {
            let items = band_ranges(bands, lang)
                .into_iter()
                .map(|(range, label, background, colour)| view! {
                    <li style=format!("background:{background};color:{colour}")><strong>{label}</strong>" "{range}</li>
                })
                .collect_view();
            view! {
                <ul class="legend-bands">{items}</ul>
                <p class="hint">{h.legend_bands}</p>
            }
            .into_any()
        }
    }
}

fn heatmap_view(views: HeatmapViewsDto, lang: Lang, state: ViewState) -> impl IntoView {
    let h = lang.hr();
    let k = views.heatmap.min_group_size;
    let id = views.heatmap.wave.id;
    let bands = CategoryBands::parse_or_standard(&views.category_bands);
    let (opened, visible) = visibility(&views.heatmap.rows, &state.open);
    let parents: HashSet<String> = views.heatmap.rows.iter().filter_map(|r| r.parent.clone()).collect();
    let rows = sorted_rows(&views, &state)
        .into_iter()
        .filter(|i| visible.contains(&views.heatmap.rows[*i].unit))
        .map(|i| {
            let has_children = parents.contains(&views.heatmap.rows[i].unit);
            row_view(&views, i, &state, &bands, &opened, has_children, lang)
        })
        .collect_view();
    let tabs = HeatMode::ALL
        .into_iter()
        .map(|mode| {
            let href = ViewState { mode, ..state.clone() }.href();
            let current = (mode == state.mode).then_some("page");
            view! { <li><a href=href aria-current=current>{h.modes[mode.index()]}</a></li> }
        })
        .collect_view();
    let headers = Discipline::ALL.into_iter().map(|d| sort_header(lang.discipline(d), d.code(), &state)).collect_view();
    let all_open = ViewState { open: None, ..state.clone() }.href();
    let all_closed = ViewState { open: Some(Vec::new()), ..state.clone() }.href();
    let day = |iso: &str| iso.parse::<chrono::NaiveDate>().map(|d| lang.date(d)).unwrap_or_else(|_| iso.to_string());
    let period = format!("{} – {}", day(&views.heatmap.wave.opens_on), day(&views.heatmap.wave.closes_on));
    // One dimension per wave (docs/DESIGN.md §5): two breakdowns of the same people could be crossed.
    let breakdown = views.heatmap.wave.breakdown;
    let breakdown_href = format!("/hr/waves/{id}/breakdown?by={}", breakdown.code());
    let today = views.as_of;
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        let _ = window().print();
    };
    let caption = format!("{} ({})", h.heatmap_caption, h.modes[state.mode.index()]);
    let top = view! {
        <PageTitle text=format!("{} · Mawas", views.heatmap.wave.title) />
        <p class="no-print"><a href="/hr/waves">{h.back_to_waves}</a></p>
        <p class="print-only meta">{format!("{} · {} {}", views.organisation_name, h.printed_on, lang.date(today))}</p>
        <h1>{views.heatmap.wave.title.clone()}</h1>
        <p class="meta">{views.organisation_name.clone()} " · " {period}</p>
        <p class="lead no-print">{h.heatmap_lead}</p>
        {(!views.heatmap.wave.released).then(|| view! { <p class="notice" role="status">{h.results_after_close}</p> })}
        <nav class="mode-tabs no-print" aria-label=h.modes_label><ul>{tabs}</ul></nav>
        <nav class="breakdown-links no-print" aria-label=lang.breakdown().by_label>
            <span>{lang.breakdown().by_label} ": "</span>
            <ul><li><a href=breakdown_href>{lang.breakdown_dimension(breakdown)}</a></li></ul>
        </nav>
        <p class="actions no-print">
            <a class="button" href=format!("/hr/waves/{id}/heatmap.xlsx") download>{h.download_xlsx}</a>
            <a class="button button-secondary" href=format!("/hr/waves/{id}/heatmap.csv") download>{h.download_csv}</a>
            <Show when=move || hydrated.get()>
                <button type="button" class="button button-secondary" on:click=print>{h.print}</button>
            </Show>
        </p>
    }
    .into_any();
    let legend = view! {
        <div class="legend">
            <strong>{h.legend_title} " – " {h.modes[state.mode.index()]} ": "</strong>
            {legend(&views, &state, &bands, lang)}
            {(!views.active_plans.is_empty()).then(|| {
                let p = lang.plans();
                view! {
                    <p class="hint">
                        <span class="badge badge-plan">{p.chart_marker}</span>" = "{p.heatmap_marker}" · "
                        <a href="/hr/plans">{p.list_title}</a>
                    </p>
                }
            })}
        </div>
        <p class="tree-links no-print">
            <a href=all_open>{h.expand_all}</a>
            " · "
            <a href=all_closed>{h.collapse_all}</a>
        </p>
    }
    .into_any();
    let head = view! {
        <tr>
            {sort_header(h.col_unit, "unit", &state)}
            {sort_header(h.col_n, "n", &state)}
            {sort_header(h.col_rate, "rate", &state)}
            {sort_header(h.col_lo, "lo", &state)}
            {headers}
        </tr>
    }
    .into_any();
    view! {
        <article class="report heatmap-report">
            {top}
            {legend}
            <div class="table-scroll" tabindex="0" role="region" aria-label=caption.clone()>
                <table class="heatmap">
                    <caption>{caption.clone()}</caption>
                    <thead>{head}</thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="hint">{h.suppressed_note.replace("< k", &format!("< {k}"))}</p>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(unit: &str, parent: Option<&str>, depth: usize) -> HeatmapRowDto {
        HeatmapRowDto {
            unit: unit.into(),
            name: unit.into(),
            parent: parent.map(String::from),
            depth,
            reportable: true,
            typed_in: None,
            n: Some(5),
            response_rate: None,
            lo_index: None,
            disciplines: Default::default(),
            band: None,
        }
    }

    #[test]
    fn the_level_below_the_top_shows_and_deeper_levels_open_on_request() {
        let rows = vec![
            row("KAB", None, 0),
            row("DINKES", Some("KAB"), 1),
            row("BID1", Some("DINKES"), 2),
            row("SEKSI", Some("BID1"), 3),
            row("DISDIK", Some("KAB"), 1),
        ];
        let shown = |open: Option<Vec<String>>| {
            let (_, visible) = visibility(&rows, &open);
            let mut v: Vec<String> = visible.into_iter().collect();
            v.sort();
            v
        };
        assert_eq!(shown(Some(vec![])), ["DINKES", "DISDIK", "KAB"]);
        assert_eq!(shown(Some(vec!["DINKES".into()])), ["BID1", "DINKES", "DISDIK", "KAB"]);
        assert_eq!(
            shown(Some(vec!["BID1".into()])),
            ["DINKES", "DISDIK", "KAB"],
            "a closed parent hides its opened child"
        );
        assert_eq!(shown(None).len(), 5);
        // A scoped view starts lower: its top is open, its children show.
        let scoped = &rows[1..4];
        let (_, visible) = visibility(scoped, &Some(vec![]));
        assert!(visible.contains("BID1") && !visible.contains("SEKSI"));
    }

    #[test]
    fn links_keep_the_rest_of_the_view() {
        let state = ViewState {
            mode: HeatMode::Change,
            sort: Some("lo".into()),
            ascending: false,
            open: Some(vec!["A".into()]),
        };
        assert_eq!(state.href(), "?mode=change&sort=lo&dir=desc&open=A");
        assert_eq!(ViewState { open: None, sort: None, ..state }.href(), "?mode=change&open=all");
    }
}
