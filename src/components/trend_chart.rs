//! A unit's five discipline means over waves as an inline SVG line chart. Each discipline has its
//! own colour (ColorBrewer Dark2) and its own marker, so colour is never the only cue; the table
//! under the chart carries the numbers for screen readers, so the SVG is one labelled image.

use crate::domain::Discipline;
use crate::i18n::Lang;
use leptos::prelude::*;

/// One wave of the chart: its short label and the five means (absent where hidden).
#[derive(Clone, Debug, PartialEq)]
pub struct TrendColumn {
    pub label: String,
    pub means: [Option<f64>; 5],
}

const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 36.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

fn y_of(mean: f64) -> f64 {
    TOP + (5.0 - mean.clamp(1.0, 5.0)) / 4.0 * (HEIGHT - TOP - BOTTOM)
}

fn x_of(i: usize, columns: usize) -> f64 {
    if columns <= 1 {
        return (LEFT + WIDTH - RIGHT) / 2.0;
    }
    LEFT + i as f64 / (columns - 1) as f64 * (WIDTH - LEFT - RIGHT)
}

fn colour(d: Discipline) -> String {
    format!("#{:x}", colorous::DARK2[d.index()])
}

/// The marker of a discipline at (x, y).
fn marker(d: Discipline, x: f64, y: f64) -> AnyView {
    let fill = colour(d);
    match d.index() {
        0 => view! { <circle cx=x cy=y r="5" fill=fill /> }.into_any(),
        1 => view! { <rect x=x - 4.5 y=y - 4.5 width="9" height="9" fill=fill /> }.into_any(),
        2 => view! { <polygon points=format!("{x},{} {},{} {},{}", y - 6.0, x - 5.5, y + 4.5, x + 5.5, y + 4.5) fill=fill /> }.into_any(),
        3 => view! { <polygon points=format!("{x},{} {},{y} {x},{} {},{y}", y - 6.0, x + 6.0, y + 6.0, x - 6.0) fill=fill /> }.into_any(),
        _ => view! { <path d=format!("M{} {}L{} {}M{} {}L{} {}", x - 5.0, y - 5.0, x + 5.0, y + 5.0, x - 5.0, y + 5.0, x + 5.0, y - 5.0) stroke=fill stroke-width="2.5" /> }
            .into_any(),
    }
}

/// The chart, titled and described for assistive technology, with its legend.
#[component]
pub fn TrendChart(
    columns: Vec<TrendColumn>,
    /// Columns an action plan of the unit was based on: a dashed line with a short label.
    #[prop(optional)]
    plan_marks: Vec<usize>,
    lang: Lang,
    title: &'static str,
    description: &'static str,
) -> impl IntoView {
    let n = columns.len();
    let grid = (1..=5)
        .map(|v| {
            let y = y_of(f64::from(v));
            view! {
                <line x1=LEFT x2=WIDTH - RIGHT y1=y y2=y class="chart-grid" />
                <text x=LEFT - 10.0 y=y + 4.0 text-anchor="end" class="chart-tick">{v.to_string()}</text>
            }
        })
        .collect_view();
    let labels = columns
        .iter()
        .enumerate()
        .map(|(i, c)| view! { <text x=x_of(i, n) y=HEIGHT - 14.0 text-anchor="middle" class="chart-tick">{c.label.clone()}</text> })
        .collect_view();
    let marks = plan_marks
        .into_iter()
        .filter(|i| *i < n)
        .map(|i| {
            let x = x_of(i, n);
            view! {
                <line x1=x x2=x y1=TOP y2=HEIGHT - BOTTOM class="chart-plan" />
                <text x=x + 3.0 y=TOP + 10.0 class="chart-plan-label">{lang.plans().chart_marker}</text>
            }
        })
        .collect_view();
    let series = Discipline::ALL
        .into_iter()
        .map(|d| {
            let points: Vec<(f64, f64)> = columns
                .iter()
                .enumerate()
                .filter_map(|(i, c)| c.means[d.index()].map(|m| (x_of(i, n), y_of(m))))
                .collect();
            // A line joins only neighbouring waves that are both shown; a hidden wave breaks it.
            let mut path = String::new();
            let mut previous_shown = false;
            for (i, c) in columns.iter().enumerate() {
                match c.means[d.index()] {
                    Some(m) => {
                        path.push_str(&format!(
                            "{}{:.1} {:.1}",
                            if previous_shown { "L" } else { "M" },
                            x_of(i, n),
                            y_of(m)
                        ));
                        previous_shown = true;
                    }
                    None => previous_shown = false,
                }
            }
            let markers = points.into_iter().map(|(x, y)| marker(d, x, y)).collect_view();
            view! {
                <path d=path fill="none" stroke=colour(d) stroke-width="2.5" />
                {markers}
            }
        })
        .collect_view();
    let legend = Discipline::ALL
        .into_iter()
        .map(|d| {
            view! {
                <li>
                    <svg width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true">{marker(d, 0.0, 0.0)}</svg>
                    " "{lang.discipline(d)}
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="chart trend-chart">
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-labelledby="trend-title trend-desc"
                preserveAspectRatio="xMidYMid meet">
                <title id="trend-title">{title}</title>
                <desc id="trend-desc">{description}</desc>
                {grid}{labels}{marks}{series}
            </svg>
            <ul class="chart-legend trend-legend" aria-hidden="true">{legend}</ul>
        </figure>
    }
}
