//! What one heatmap cell shows in each view (text and colours), shared by the page and the XLSX
//! export so that both say the same thing.

use super::heat_colour::{cell_colours, difference_colours};
use crate::domain::Discipline;
use crate::domain::heatmap_views::{CategoryBands, lo_index_on_scale};
use crate::dto::{HeatmapRowDto, HeatmapViewsDto};
use crate::i18n::Lang;

/// The four ways of reading the heatmap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeatMode {
    Absolute,
    Difference,
    Change,
    Band,
}

impl HeatMode {
    pub const ALL: [HeatMode; 4] = [HeatMode::Absolute, HeatMode::Difference, HeatMode::Change, HeatMode::Band];

    /// The mode's name in links (`?mode=…`).
    pub fn key(self) -> &'static str {
        match self {
            HeatMode::Absolute => "absolute",
            HeatMode::Difference => "difference",
            HeatMode::Change => "change",
            HeatMode::Band => "band",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.key() == key)
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// The six headline figures of a row: LO index, then the disciplines in `Discipline::ALL` order.
pub fn row_headline(row: &HeatmapRowDto) -> [Option<f64>; 6] {
    let mut out = [row.lo_index; 6];
    for d in Discipline::ALL {
        out[d.index() + 1] = row.disciplines.get(d.code()).cloned().flatten().map(|c| c.mean);
    }
    out
}

/// The figure a mode shows for row `row` (index into the heatmap's rows) and column `figure`
/// (0 = LO index, 1..=5 disciplines); the band view shows the absolute figure named.
pub fn mode_figure(mode: HeatMode, views: &HeatmapViewsDto, row: usize, figure: usize) -> Option<f64> {
    match mode {
        HeatMode::Absolute | HeatMode::Band => row_headline(&views.heatmap.rows[row])[figure],
        HeatMode::Difference => views.difference.get(row).and_then(|d| d[figure]),
        HeatMode::Change => views.change.get(row).and_then(|d| d[figure]),
    }
}

/// A cell as shown: its text and its background and text colours.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownCell {
    pub text: String,
    pub background: String,
    pub colour: &'static str,
}

/// Text and colours of `value` in column `figure` under `mode`.
pub fn shown_cell(mode: HeatMode, value: f64, figure: usize, bands: &CategoryBands, lang: Lang) -> ShownCell {
    let is_lo = figure == 0;
    let decimals = if is_lo { 1 } else { 2 };
    // Differences of the LO index are 25 times those of a mean (index = 25 × (mean − 1)).
    let per_point = if is_lo { 25.0 } else { 1.0 };
    let on_scale = if is_lo { lo_index_on_scale(value) } else { value };
    let ((background, colour), text) = match mode {
        HeatMode::Absolute => (cell_colours(on_scale, 5.0), lang.num(value, decimals)),
        HeatMode::Difference => (difference_colours(value / per_point, 1.0), lang.signed(value, decimals)),
        HeatMode::Change => {
            let text = lang.signed(value, decimals);
            let arrow = match text.chars().next() {
                Some('+') => "▲ ",
                Some('−') => "▼ ",
                _ => "= ",
            };
            (difference_colours(value / per_point, 0.5), format!("{arrow}{text}"))
        }
        HeatMode::Band => {
            let all = bands.bands();
            let band = bands.band_of(on_scale);
            let top = all.iter().rev().find(|b| b.from > band.from).map_or(5.0, |b| b.from);
            (cell_colours((band.from + top) / 2.0, 5.0), format!("{} {}", band.label, lang.num(value, decimals)))
        }
    };
    ShownCell { text, background, colour }
}

/// Lower and upper bound of each band, highest first, for legends: "4,21–5,00".
pub fn band_ranges(bands: &CategoryBands, lang: Lang) -> Vec<(String, String, String, &'static str)> {
    let all = bands.bands();
    all.iter()
        .enumerate()
        .map(|(i, band)| {
            let upper = if i == 0 { 5.0 } else { all[i - 1].from - 0.01 };
            let top = if i == 0 { 5.0 } else { all[i - 1].from };
            let (background, colour) = cell_colours((band.from + top) / 2.0, 5.0);
            let range = format!("{}–{}", lang.num(band.from, 2), lang.num(upper, 2));
            (range, band.label.clone(), background, colour)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_view_writes_its_number_in_the_cell() {
        let bands = CategoryBands::standard();
        assert_eq!(shown_cell(HeatMode::Absolute, 3.456, 1, &bands, Lang::Id).text, "3,46");
        assert_eq!(shown_cell(HeatMode::Absolute, 61.26, 0, &bands, Lang::En).text, "61.3");
        assert_eq!(shown_cell(HeatMode::Difference, -0.254, 2, &bands, Lang::Id).text, "−0,25");
        assert_eq!(shown_cell(HeatMode::Change, 0.3, 2, &bands, Lang::En).text, "▲ +0.30");
        assert_eq!(shown_cell(HeatMode::Change, -2.0, 0, &bands, Lang::En).text, "▼ −2.0");
        assert_eq!(shown_cell(HeatMode::Change, 0.001, 3, &bands, Lang::En).text, "= 0.00");
        assert_eq!(shown_cell(HeatMode::Band, 3.62, 4, &bands, Lang::Id).text, "Baik 3,62");
        assert_eq!(
            shown_cell(HeatMode::Band, 75.0, 0, &bands, Lang::Id).text,
            "Baik 75,0",
            "LO 75 is 4.0 on the scale"
        );
    }

    #[test]
    fn the_lo_index_is_coloured_like_the_mean_it_stands_for() {
        let bands = CategoryBands::standard();
        let lo = shown_cell(HeatMode::Absolute, 50.0, 0, &bands, Lang::Id);
        let mean = shown_cell(HeatMode::Absolute, 3.0, 1, &bands, Lang::Id);
        assert_eq!(lo.background, mean.background);
        let lo = shown_cell(HeatMode::Difference, 12.5, 0, &bands, Lang::Id);
        let mean = shown_cell(HeatMode::Difference, 0.5, 1, &bands, Lang::Id);
        assert_eq!(lo.background, mean.background);
    }

    #[test]
    fn band_legends_cover_one_to_five_without_gaps() {
        let ranges = band_ranges(&CategoryBands::standard(), Lang::En);
        let texts: Vec<&str> = ranges.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(texts, ["4.21–5.00", "3.41–4.20", "2.61–3.40", "1.81–2.60", "1.00–1.80"]);
    }
}
