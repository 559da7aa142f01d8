//! `/hr/waves/{id}/breakdown?by=grade_band|tenure_band|role&unit=CODE`: one unit and the units
//! right below it, each split into the bands its respondents gave, every hidden group as "< k".
//! A wave has one breakdown dimension, chosen when it was created (docs/DESIGN.md §5); `by` may name it
//! or be left out. All controls are links, so the page works without JavaScript.

use crate::api::hr::hr_wave_breakdown;
use crate::components::PageTitle;
use crate::display::heat_cells::{HeatMode, row_headline, shown_cell};
use crate::domain::Discipline;
use crate::domain::WaveId;
use crate::domain::breakdown::BreakdownBy;
use crate::domain::heatmap_views::CategoryBands;
use crate::dto::{HeatmapDto, HeatmapRowDto};
use crate::i18n::{Lang, fill, use_lang};
use crate::pages::wave_heatmap_page::load_error;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The breakdown page.
#[component]
pub fn WaveBreakdownPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<WaveId>().ok()).unwrap_or(WaveId(0));
    let by = move || query.read().get("by").unwrap_or_default();
    let unit = move || query.read().get("unit");
    let data = Resource::new(move || (id(), by()), |(id, by)| hr_wave_breakdown(id, by));
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(map) => {
                        let by = map.wave.breakdown;
                        breakdown_view(map, by, unit(), lang)
                    }
                    Err(e) => load_error(e, lang),
                }
            })}
        </Suspense>
    }
}

fn href(wave: WaveId, by: BreakdownBy, unit: &str) -> String {
    format!("/hr/waves/{wave}/breakdown?by={}&unit={unit}", by.code())
}

/// The rows of one unit: its own row, then its band rows.
fn unit_rows(map: &HeatmapDto, code: &str) -> Vec<HeatmapRowDto> {
    map.rows.iter().filter(|r| r.unit == code).cloned().collect()
}

fn figures_cells(row: &HeatmapRowDto, k: u32, lang: Lang) -> AnyView {
    if !row.reportable {
        return (0..7).map(|_| view! { <td class="suppressed">{format!("< {k}")}</td> }).collect_view().into_any();
    }
    let bands = CategoryBands::standard();
    let n = view! { <td class="num">{row.n.map(|n| n.to_string()).unwrap_or_default()}</td> };
    let figures = row_headline(row)
        .into_iter()
        .enumerate()
        .map(|(figure, value)| match value {
            Some(value) => {
                let cell = shown_cell(HeatMode::Absolute, value, figure, &bands, lang);
                view! { <td class="num heat" style=format!("background:{};color:{}", cell.background, cell.colour)>{cell.text}</td> }
                    .into_any()
            }
            None => view! { <td class="suppressed">{format!("< {k}")}</td> }.into_any(),
        })
        .collect_view();
    view! { {n}{figures} }.into_any()
}

/// A unit's block: a row for the whole unit (linking further down when it has units below), then
/// one row per band.
fn unit_block(map: &HeatmapDto, code: &str, by: BreakdownBy, has_children: bool, lang: Lang) -> AnyView {
    let b = lang.breakdown();
    let k = map.min_group_size;
    let rows = unit_rows(map, code);
    let Some((whole, bands)) = rows.split_first() else { return ().into_any() };
    let name = if has_children {
        let label = format!("{}: {}", b.open_unit, whole.name);
        view! { <a href=href(map.wave.id, by, code) aria-label=label>{whole.name.clone()}</a> }.into_any()
    } else {
        view! { <span>{whole.name.clone()}</span> }.into_any()
    };
    let band_rows = bands
        .iter()
        .map(|row| {
            let label = lang.band_label(by, row.band.as_deref().unwrap_or_default());
            view! {
                <tr class="band-row">
                    <th scope="row" class="band-name">{label}</th>
                    {figures_cells(row, k, lang)}
                </tr>
            }
        })
        .collect_view();
    view! {
        <tbody>
            <tr class="unit-row">
                <th scope="row">{name} " " <span class="unit-code">{code.to_string()}</span>
                    <span class="visually-hidden">{format!(" ({})", b.whole_unit)}</span></th>
                {figures_cells(whole, k, lang)}
            </tr>
            {band_rows}
        </tbody>
    }
    .into_any()
}

fn breakdown_view(map: HeatmapDto, by: BreakdownBy, unit: Option<String>, lang: Lang) -> AnyView {
    let b = lang.breakdown();
    let h = lang.hr();
    let wave = map.wave.id;
    let units: Vec<&HeatmapRowDto> = map.rows.iter().filter(|r| r.band.is_none()).collect();
    let Some(top) = units.first() else { return ().into_any() };
    let focus = unit.and_then(|c| units.iter().find(|r| r.unit == c).copied()).unwrap_or(top);
    let has_children = |code: &str| units.iter().any(|r| r.parent.as_deref() == Some(code));
    let children: Vec<&HeatmapRowDto> =
        units.iter().filter(|r| r.parent.as_deref() == Some(&focus.unit)).copied().collect();
    let up = focus
        .parent
        .as_deref()
        .and_then(|p| units.iter().find(|r| r.unit == p))
        .map(|parent| view! { <p class="no-print">{b.up} " " <a href=href(wave, by, &parent.unit)>{parent.name.clone()}</a></p> });
    let mut blocks = vec![unit_block(&map, &focus.unit, by, false, lang)];
    blocks.extend(children.iter().map(|c| unit_block(&map, &c.unit, by, has_children(&c.unit), lang)));
    let headers =
        Discipline::ALL.into_iter().map(|d| view! { <th scope="col">{lang.discipline(d)}</th> }).collect_view();
    let caption = format!("{} – {}: {}", b.title, lang.breakdown_dimension(by), focus.name);
    let k = map.min_group_size.to_string();
    view! {
        <PageTitle text=format!("{} · {} · Mawas", b.title, map.wave.title) />
        <article class="report breakdown-report">
            <p class="no-print"><a href=format!("/hr/waves/{wave}")>{b.heatmap_link}</a></p>
            <h1>{b.title} ": " {map.wave.title.clone()}</h1>
            <p class="lead">{b.lead}</p>
            <p class="hint">{fill(b.one_dimension, &[("dimension", &lang.breakdown_dimension(by).to_lowercase())])}</p>
            {up}
            <p class="hint">{fill(b.rule, &[("k", &k)])}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=caption.clone()>
                <table class="heatmap breakdown">
                    <caption>{caption.clone()} <span class="caption-note">{b.caption}</span></caption>
                    <thead>
                        <tr>
                            <th scope="col">{b.col_group}</th>
                            <th scope="col">{h.col_n}</th>
                            <th scope="col">{h.col_lo}</th>
                            {headers}
                        </tr>
                    </thead>
                    {blocks}
                </table>
            </div>
        </article>
    }
    .into_any()
}
