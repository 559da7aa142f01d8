//! The other ways HR reads a heatmap row besides its absolute figures: the difference from the whole
//! organisation, the change since the previous wave (only where the unit is reportable in both,
//! docs/DESIGN.md §5) and a named category band of the mean, as HR knows from IKM and IP ASN.

use super::heatmap::HeatmapRow;

/// The six headline figures of a row in column order: LO index (0–100), then the five discipline
/// means (1–5) in `Discipline::ALL` order. `None` where nothing may be shown.
pub type Headline = [Option<f64>; 6];

/// The headline figures of a row; all `None` for a row that is not reportable.
pub fn headline(row: &HeatmapRow) -> Headline {
    let mut out = [None; 6];
    if !row.reportable {
        return out;
    }
    out[0] = row.lo_index.map(|f| f.mean);
    for (i, cell) in row.disciplines.iter().enumerate() {
        out[i + 1] = cell.map(|c| c.figures.mean);
    }
    out
}

/// `row − reference` figure by figure, where both are shown.
fn minus(row: &Headline, reference: &Headline) -> Headline {
    std::array::from_fn(|i| match (row[i], reference[i]) {
        (Some(a), Some(b)) => Some(a - b),
        _ => None,
    })
}

/// How far a row lies from the whole organisation (the wave's root); nothing for a hidden row or
/// when the organisation itself is not reportable.
pub fn difference_from_organisation(row: &HeatmapRow, organisation: Option<&HeatmapRow>) -> Headline {
    match organisation {
        Some(org) => minus(&headline(row), &headline(org)),
        None => [None; 6],
    }
}

/// The change of a unit since the previous wave: only where the unit is reportable in both waves,
/// so a change can never reveal a group that one of the waves hides.
pub fn change_since(current: &HeatmapRow, previous: Option<&HeatmapRow>) -> Headline {
    match previous {
        Some(before) if before.reportable && current.reportable => minus(&headline(current), &headline(before)),
        _ => [None; 6],
    }
}

/// The LO index (0–100) on the 1–5 scale it was computed from, so one set of bands serves both.
pub fn lo_index_on_scale(lo_index: f64) -> f64 {
    1.0 + lo_index / 25.0
}

/// One named band: every mean from `from` up to the next band's start.
#[derive(Clone, Debug, PartialEq)]
pub struct CategoryBand {
    pub from: f64,
    pub label: String,
}

/// Named bands over the 1–5 mean, highest first.
#[derive(Clone, Debug, PartialEq)]
pub struct CategoryBands(Vec<CategoryBand>);

/// Why a band definition was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BandProblem {
    /// A line is not `from=label` with a number from 1 to 5 and a label of 1–40 characters.
    Line(usize),
    /// Two bands start at the same value.
    Duplicate(usize),
    /// Fewer than two bands, more than seven, or none starting at 1.
    Shape,
}

impl CategoryBands {
    /// Five bands of equal width 0.8 over 1–5, the usual split of a five-point mean in Indonesian
    /// survey reports (1.00–1.80 … 4.21–5.00).
    pub fn standard() -> Self {
        Self::parse(DEFAULT_BANDS).expect("the standard bands parse")
    }

    /// Parses one band per line (or separated by `;`) as `from=label`, e.g. `4.21=Sangat Baik`.
    /// The lowest band must start at 1 so every mean has a band.
    pub fn parse(text: &str) -> Result<Self, BandProblem> {
        let mut bands = Vec::new();
        for (i, line) in text.split(['\n', ';']).map(str::trim).filter(|l| !l.is_empty()).enumerate() {
            let (from, label) = line.split_once('=').ok_or(BandProblem::Line(i + 1))?;
            let from: f64 = from.trim().replace(',', ".").parse().map_err(|_| BandProblem::Line(i + 1))?;
            let label = label.trim();
            if !(1.0..=5.0).contains(&from)
                || label.is_empty()
                || label.chars().count() > 40
                || super::text::has_forbidden_control(label, false)
            {
                return Err(BandProblem::Line(i + 1));
            }
            if bands.iter().any(|b: &CategoryBand| (b.from - from).abs() < 1e-9) {
                return Err(BandProblem::Duplicate(i + 1));
            }
            bands.push(CategoryBand { from, label: label.to_string() });
        }
        bands.sort_by(|a, b| b.from.total_cmp(&a.from));
        let starts_at_one = bands.last().is_some_and(|b| (b.from - 1.0).abs() < 1e-9);
        if !(2..=7).contains(&bands.len()) || !starts_at_one {
            return Err(BandProblem::Shape);
        }
        Ok(Self(bands))
    }

    /// The bands a stored definition describes, or the standard ones when it no longer parses.
    pub fn parse_or_standard(text: &str) -> Self {
        Self::parse(text).unwrap_or_else(|_| Self::standard())
    }

    /// The bands, highest first.
    pub fn bands(&self) -> &[CategoryBand] {
        &self.0
    }

    /// The band of a mean on the 1–5 scale.
    pub fn band_of(&self, mean: f64) -> &CategoryBand {
        self.0.iter().find(|b| mean >= b.from - 1e-9).unwrap_or_else(|| self.0.last().expect("at least two bands"))
    }

    /// The definition as it is stored and edited: one `from=label` per line, highest first.
    pub fn to_text(&self) -> String {
        self.0.iter().map(|b| format!("{:.2}={}", b.from, b.label)).collect::<Vec<_>>().join("\n")
    }
}

/// The standard definition (see [`CategoryBands::standard`]).
pub const DEFAULT_BANDS: &str = "4.21=Sangat Baik\n3.41=Baik\n2.61=Cukup\n1.81=Kurang\n1.00=Sangat Kurang";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::aggregation::GroupSums;
    use crate::domain::heatmap::DisciplineCell;
    use proptest::prelude::*;

    fn row(reportable: bool, lo: f64, means: [f64; 5]) -> HeatmapRow {
        let figures = |v: f64| GroupSums::of([v, v, v, v, v]).figures().unwrap();
        HeatmapRow {
            unit_id: crate::domain::UnitId(1),
            code: "A".into(),
            name: "A".into(),
            parent_code: None,
            depth: 1,
            reportable,
            n: reportable.then_some(5),
            typed_in: None,
            response_rate: None,
            lo_index: reportable.then(|| figures(lo)),
            disciplines: means.map(|m| reportable.then(|| DisciplineCell { figures: figures(m), favourable: None })),
        }
    }

    #[test]
    fn differences_and_changes_are_figure_by_figure() {
        let unit = row(true, 60.0, [3.0, 3.5, 4.0, 2.5, 3.2]);
        let org = row(true, 55.0, [3.2, 3.5, 3.6, 3.0, 3.2]);
        let diff = difference_from_organisation(&unit, Some(&org));
        let expected = [5.0, -0.2, 0.0, 0.4, -0.5, 0.0];
        for (got, want) in diff.iter().zip(expected) {
            assert!((got.unwrap() - want).abs() < 1e-9, "{got:?} vs {want}");
        }
        let change = change_since(&unit, Some(&org));
        assert!((change[0].unwrap() - 5.0).abs() < 1e-9);
    }

    #[test]
    fn a_change_needs_the_unit_reportable_in_both_waves() {
        let shown = row(true, 60.0, [3.0; 5]);
        let hidden = row(false, 0.0, [0.0; 5]);
        assert_eq!(change_since(&shown, Some(&hidden)), [None; 6], "hidden before");
        assert_eq!(change_since(&hidden, Some(&shown)), [None; 6], "hidden now");
        assert_eq!(change_since(&shown, None), [None; 6], "not in the previous wave");
        assert_eq!(difference_from_organisation(&hidden, Some(&shown)), [None; 6]);
        assert_eq!(difference_from_organisation(&shown, None), [None; 6], "organisation hidden");
    }

    #[test]
    fn the_standard_bands_split_one_to_five_in_equal_steps() {
        let bands = CategoryBands::standard();
        let label = |m: f64| bands.band_of(m).label.clone();
        assert_eq!(label(5.0), "Sangat Baik");
        assert_eq!(label(4.21), "Sangat Baik");
        assert_eq!(label(4.2), "Baik");
        assert_eq!(label(3.41), "Baik");
        assert_eq!(label(3.0), "Cukup");
        assert_eq!(label(1.81), "Kurang");
        assert_eq!(label(1.8), "Sangat Kurang");
        assert_eq!(label(1.0), "Sangat Kurang");
        assert_eq!(label(lo_index_on_scale(100.0)), "Sangat Baik");
        assert_eq!(label(lo_index_on_scale(0.0)), "Sangat Kurang");
        assert_eq!(CategoryBands::parse(&bands.to_text()), Ok(bands));
    }

    #[test]
    fn band_definitions_are_checked_line_by_line() {
        let four = CategoryBands::parse("3,5 = Baik; 1=Kurang\n4.2=Sangat Baik;2.5=Cukup").unwrap();
        assert_eq!(
            four.bands().iter().map(|b| b.label.as_str()).collect::<Vec<_>>(),
            ["Sangat Baik", "Baik", "Cukup", "Kurang"]
        );
        assert_eq!(CategoryBands::parse("4=Baik\nbaik"), Err(BandProblem::Line(2)));
        assert_eq!(CategoryBands::parse("6=Luar biasa\n1=Kurang"), Err(BandProblem::Line(1)));
        assert_eq!(CategoryBands::parse("4=\n1=Kurang"), Err(BandProblem::Line(1)));
        assert_eq!(CategoryBands::parse("4=Baik\n4.0=Bagus\n1=Kurang"), Err(BandProblem::Duplicate(2)));
        assert_eq!(
            CategoryBands::parse("4=Baik\n2=Kurang"),
            Err(BandProblem::Shape),
            "a mean of 1.5 would have no band"
        );
        assert_eq!(CategoryBands::parse("1=Semua"), Err(BandProblem::Shape));
    }

    proptest! {
        #[test]
        fn every_mean_has_exactly_the_highest_band_it_reaches(mean in 1.0f64..=5.0) {
            let bands = CategoryBands::standard();
            let band = bands.band_of(mean);
            prop_assert!(mean >= band.from - 1e-9);
            for higher in bands.bands().iter().filter(|b| b.from > band.from) {
                prop_assert!(mean < higher.from);
            }
        }
    }
}
