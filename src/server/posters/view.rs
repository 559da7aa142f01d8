//! Printable A4 posters of a wave, one per unit, each with the QR code of the unit's survey link.
//! Server-rendered only: a page that exists to be printed needs no WebAssembly.

use crate::i18n::Lang;
use leptos::prelude::*;

/// One poster: the unit, its link and the QR code of that link as inline SVG.
#[derive(Clone, Debug)]
pub struct PosterView {
    pub unit_name: String,
    pub url: String,
    pub qr_svg: String,
    pub svg_href: String,
}

/// The posters page: a short explanation and print button on screen, then one A4 page per unit.
/// `lang` is the reader's language for the screen part; the posters are always in Bahasa Indonesia,
/// the language of the office walls they hang on.
pub fn posters_body(
    lang: Lang,
    wave_title: String,
    period: String,
    posters: Vec<PosterView>,
    next_page: Option<String>,
) -> AnyView {
    let s = lang.survey();
    let on_wall = Lang::Id.survey();
    let pages: Vec<_> = posters
        .into_iter()
        .map(|p| {
            let title = wave_title.clone();
            let period = period.clone();
            view! {
                <section class="poster" lang="id">
                    <p class="eyebrow">{on_wall.poster_eyebrow}</p>
                    <h2 class="poster-title">{title}</h2>
                    <p class="poster-unit">{p.unit_name}</p>
                    <div class="poster-qr" inner_html=p.qr_svg></div>
                    <p class="poster-scan">{on_wall.poster_scan}</p>
                    <p class="poster-url">{on_wall.poster_or_open} " " <a href=p.url.clone()>{p.url.clone()}</a></p>
                    <p class="poster-period">{period}</p>
                    <p class="poster-anonymous">{on_wall.poster_anonymous}</p>
                    <p class="screen-only">
                        <a href=p.svg_href download>
                            "SVG"
                        </a>
                    </p>
                </section>
            }
        })
        .collect();
    view! {
        <div class="screen-only">
            <p class="lead">{s.posters_lead}</p>
            // Hidden until survey.js gives it its click handler: with JavaScript off it would do nothing.
            <p data-print-row hidden>
                <button type="button" class="button" data-print>
                    {s.posters_print}
                </button>
            </p>
        </div>
        {pages}
        {next_page.map(|href| view! { <p class="screen-only"><a class="button" href=href>{s.posters_next_page}</a></p> })}
    }
    .into_any()
}
