//! Texts of HR's breakdown page (a wave's results by grade, years of service or kind of position).

use super::Lang;
use crate::domain::breakdown::{BAND_NOT_GIVEN, BreakdownBy};

/// Every string of the breakdown page, in one language.
pub struct BreakdownTexts {
    pub title: &'static str,
    pub lead: &'static str,
    pub by_label: &'static str,
    /// Grade, years of service, kind of position (the order of `BreakdownBy::ALL`).
    pub dimensions: [&'static str; 3],
    pub col_group: &'static str,
    pub not_given: &'static str,
    pub caption: &'static str,
    pub rule: &'static str,
    pub open_unit: &'static str,
    pub up: &'static str,
    pub heatmap_link: &'static str,
    pub whole_unit: &'static str,
    /// Why the page offers one dimension; `{dimension}` is the wave's.
    pub one_dimension: &'static str,
    /// A request for another dimension than the wave's.
    pub not_of_wave: &'static str,
}

const BREAKDOWN_ID: BreakdownTexts = BreakdownTexts {
    title: "Rincian hasil",
    lead: "Hasil setiap unit dirinci menurut keterangan yang diisi responden: golongan, masa kerja, atau jenis jabatan, satu saja per gelombang.",
    by_label: "Rinci menurut",
    dimensions: ["Golongan", "Masa kerja", "Jenis jabatan"],
    col_group: "Unit / kelompok",
    not_given: "Tidak diisi",
    caption: "Rata-rata skala 1–5 per disiplin dan indeks LO (0–100) per kelompok.",
    rule: "Sebuah kelompok hanya ditampilkan bila kelompok itu dan sisa unitnya masing-masing paling sedikit {k} jawaban. Kelompok lain ikut ditandai \"< {k}\" bila angkanya bisa dihitung dengan pengurangan, supaya jawaban siapa pun tidak dapat ditebak.",
    open_unit: "Rinci unit di bawahnya",
    up: "Naik ke",
    heatmap_link: "Kembali ke peta panas",
    whole_unit: "Seluruh unit",
    one_dimension: "Gelombang ini dirinci menurut {dimension} saja, sesuai pilihan saat gelombang dibuat: dua rincian atas orang yang sama bisa dipotong silang dan membuka jawaban beberapa orang.",
    not_of_wave: "Gelombang ini hanya dirinci menurut {dimension}: dua rincian atas orang yang sama bisa dipotong silang dan membuka jawaban beberapa orang.",
};

const BREAKDOWN_EN: BreakdownTexts = BreakdownTexts {
    title: "Breakdown",
    lead: "Each unit's results split by what the respondents gave: grade, years of service or kind of position, one of them per wave.",
    by_label: "Break down by",
    dimensions: ["Grade", "Years of service", "Kind of position"],
    col_group: "Unit / group",
    not_given: "Not given",
    caption: "Mean on the 1–5 scale per discipline and LO index (0–100) per group.",
    rule: "A group is shown only when it and the rest of its unit each have at least {k} responses. Other groups are marked \"< {k}\" too where subtraction would give their figures away, so nobody's answers can be guessed.",
    open_unit: "Break down the units below",
    up: "Up to",
    heatmap_link: "Back to the heatmap",
    whole_unit: "Whole unit",
    one_dimension: "This wave is broken down by {dimension} only, as chosen when it was created: two breakdowns of the same people can be crossed and reveal a few people's answers.",
    not_of_wave: "This wave is broken down by {dimension} only: two breakdowns of the same people can be crossed and reveal a few people's answers.",
};

impl Lang {
    /// Texts of the breakdown page.
    pub fn breakdown(self) -> &'static BreakdownTexts {
        match self {
            Lang::Id => &BREAKDOWN_ID,
            Lang::En => &BREAKDOWN_EN,
        }
    }

    /// The name of a breakdown dimension.
    pub fn breakdown_dimension(self, by: BreakdownBy) -> &'static str {
        let index = BreakdownBy::ALL.iter().position(|b| *b == by).unwrap_or(0);
        self.breakdown().dimensions[index]
    }

    /// The label of a band code as the survey offered it, or "not given".
    pub fn band_label(self, by: BreakdownBy, code: &str) -> &'static str {
        let s = self.survey();
        let labels: &[&'static str] = match by {
            BreakdownBy::GradeBand => &s.grade_options,
            BreakdownBy::TenureBand => &s.tenure_options,
            BreakdownBy::Role => &s.role_options,
        };
        match by.bands().iter().position(|b| *b == code) {
            Some(i) if code != BAND_NOT_GIVEN => labels[i],
            _ => self.breakdown().not_given,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_band_code_has_a_label_in_both_languages() {
        for by in BreakdownBy::ALL {
            for code in by.band_codes() {
                for lang in [Lang::Id, Lang::En] {
                    assert!(!lang.band_label(by, code).is_empty());
                }
            }
        }
        assert_eq!(Lang::Id.band_label(BreakdownBy::GradeBand, "III"), "Golongan III");
        assert_eq!(Lang::En.band_label(BreakdownBy::Role, "not_given"), "Not given");
    }
}
