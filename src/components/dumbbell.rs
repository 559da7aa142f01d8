//! Dumbbell chart of pre → post means per discipline, as inline SVG. The table beside it carries
//! the same numbers for screen readers, so the SVG is one labelled image.

use crate::domain::Discipline;
use crate::i18n::Lang;
use leptos::prelude::*;

/// One row of the chart: a discipline and its two means on the 1–5 scale (either may be suppressed).
#[derive(Clone, Debug, PartialEq)]
pub struct Dumbbell {
    pub discipline: Discipline,
    pub pre: Option<f64>,
    pub post: Option<f64>,
}

const WIDTH: f64 = 480.0;
const LABEL_WIDTH: f64 = 150.0;
const ROW_HEIGHT: f64 = 40.0;
const TOP: f64 = 34.0;
const RIGHT: f64 = 24.0;

/// x of a value on the 1..=5 scale.
fn x_of(value: f64) -> f64 {
    LABEL_WIDTH + (value.clamp(1.0, 5.0) - 1.0) / 4.0 * (WIDTH - LABEL_WIDTH - RIGHT)
}

/// The chart, titled and described for assistive technology.
#[component]
pub fn DumbbellChart(rows: Vec<Dumbbell>, lang: Lang, id: &'static str) -> impl IntoView {
    let t = lang.comparison();
    let height = TOP + ROW_HEIGHT * rows.len() as f64 + 8.0;
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let ticks = (1..=5)
        .map(|v| {
            let x = x_of(f64::from(v));
            view! {
                <line x1=x x2=x y1=TOP - 6.0 y2=height - 8.0 class="chart-grid" />
                <text x=x y=TOP - 12.0 text-anchor="middle" class="chart-tick">{v.to_string()}</text>
            }
        })
        .collect_view();
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let y = TOP + ROW_HEIGHT * i as f64 + ROW_HEIGHT / 2.0;
            let line = row.pre.zip(row.post).map(|(pre, post)| {
                view! { <line x1=x_of(pre) x2=x_of(post) y1=y y2=y class="chart-bar" /> }
            });
            let pre = row.pre.map(|v| view! { <circle cx=x_of(v) cy=y r="7" class="chart-pre" /> });
            let post = row.post.map(|v| view! { <circle cx=x_of(v) cy=y r="7" class="chart-post" /> });
            let value = row
                .post
                .or(row.pre)
                .map(|v| view! { <text x=x_of(v) y=y - 12.0 text-anchor="middle" class="chart-value">{lang.num(v, 2)}</text> });
            view! {
                <text x="0" y=y + 5.0 class="chart-label">{lang.discipline(row.discipline)}</text>
                {line}{pre}{post}{value}
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby=labelled_by
                preserveAspectRatio="xMinYMin meet">
                <title id=title_id>{t.chart_title}</title>
                <desc id=desc_id>{t.chart_desc}</desc>
                {ticks}
                {bars}
            </svg>
            <figcaption class="chart-legend">
                <span><span class="legend-pre" aria-hidden="true"></span>{t.chart_legend_pre}</span>
                <span><span class="legend-post" aria-hidden="true"></span>{t.chart_legend_post}</span>
            </figcaption>
        </figure>
    }
}
