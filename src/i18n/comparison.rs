//! Texts of the workshop pages and the plain-language reading of a pre/post comparison.

use super::{Lang, fill};
use crate::domain::comparison::{Direction, Reading, SizeBand};

/// Every string of the workshop list, the comparison page and its exports, in one language.
pub struct ComparisonTexts {
    pub list_title: &'static str,
    pub list_lead: &'static str,
    pub list_empty: &'static str,
    pub held: &'static str,
    pub place: &'static str,
    pub then_test_on: &'static str,
    pub open_comparison: &'static str,
    pub back_to_list: &'static str,
    pub links_title: &'static str,
    pub pre_test: &'static str,
    pub post_test: &'static str,
    pub wave_open: &'static str,
    pub open_wave: &'static str,
    pub qr_enlarge: &'static str,
    pub close_wave: &'static str,
    pub new_title: &'static str,
    pub new_lead: &'static str,
    pub field_title: &'static str,
    pub field_from: &'static str,
    pub field_to: &'static str,
    pub field_place: &'static str,
    pub field_unit: &'static str,
    pub field_instrument: &'static str,
    pub field_unit_none: &'static str,
    pub field_then_test: &'static str,
    pub field_then_test_hint: &'static str,
    pub create: &'static str,
    pub wave_not_open: &'static str,
    pub runs: &'static str,
    pub participation_title: &'static str,
    pub n_pre: &'static str,
    pub n_post: &'static str,
    pub n_pairs: &'static str,
    pub match_rate: &'static str,
    pub below_k: &'static str,
    pub k_note: &'static str,
    pub table_title: &'static str,
    pub table_caption: &'static str,
    pub col_measure: &'static str,
    pub col_pre: &'static str,
    pub col_post: &'static str,
    pub col_pairs: &'static str,
    pub col_all: &'static str,
    pub col_diff_ci: &'static str,
    pub col_t_df: &'static str,
    pub col_p: &'static str,
    pub col_reading: &'static str,
    pub lo_index: &'static str,
    pub not_computable: &'static str,
    pub suppressed: &'static str,
    pub pairs_below_k: &'static str,
    pub chart_title: &'static str,
    pub chart_desc: &'static str,
    pub chart_legend_pre: &'static str,
    pub chart_legend_post: &'static str,
    pub shift_title: &'static str,
    pub shift_lead: &'static str,
    pub col_post_minus_then: &'static str,
    pub col_then_minus_pre: &'static str,
    pub items_title: &'static str,
    pub col_item: &'static str,
    pub col_change: &'static str,
    pub download_csv: &'static str,
    pub download_xlsx: &'static str,
    pub print: &'static str,
    pub method_note: &'static str,
    pub report_generated: &'static str,
    /// Column headers of the CSV and XLSX exports.
    pub export_headers: [&'static str; 15],
    /// Names of the four analyses: matched pairs, all pre vs all post, post − then, then − pre.
    pub analyses: [&'static str; 4],
    pub sheet_comparison: &'static str,
    pub sheet_items: &'static str,
    // Reading
    pub basis_pairs: &'static str,
    pub basis_all: &'static str,
    pub up: &'static str,
    pub down: &'static str,
    pub unchanged: &'static str,
    pub size_known: &'static str,
    pub size_unknown: &'static str,
    pub bands: [&'static str; 4],
    pub ci_excludes: &'static str,
    pub ci_includes: &'static str,
    pub ci_none: &'static str,
    pub small_sample: &'static str,
}

/// Bahasa Indonesia.
pub static COMPARISON_ID: ComparisonTexts = ComparisonTexts {
    list_title: "Pelatihan",
    list_lead: "Pra-tes dan pasca-tes setiap pelatihan, dengan perbandingan yang jujur: perubahan, besarnya, dan seberapa yakin kita.",
    list_empty: "Belum ada pelatihan.",
    held: "Tanggal",
    place: "Tempat",
    then_test_on: "dengan then-test",
    open_comparison: "Lihat perbandingan",
    back_to_list: "Semua pelatihan",
    links_title: "Tautan survei",
    pre_test: "Pra-tes",
    post_test: "Pasca-tes",
    wave_open: "sedang dibuka",
    open_wave: "Buka sekarang",
    qr_enlarge: "Buka kode QR dalam ukuran penuh, untuk ditayangkan di layar",
    close_wave: "Tutup sekarang",
    new_title: "Pelatihan baru",
    new_lead: "Pra-tes dan pasca-tes dibuat bersama pelatihan, masing-masing dengan tautan dan kode QR. Pra-tes dibuka 14 hari sebelum pelatihan, pasca-tes sampai 14 hari sesudahnya.",
    field_title: "Judul pelatihan",
    field_from: "Hari pertama",
    field_to: "Hari terakhir",
    field_place: "Tempat (boleh kosong)",
    field_unit: "Unit penyelenggara (boleh kosong)",
    field_instrument: "Instrumen",
    field_unit_none: "Tanpa unit: peserta dari seluruh organisasi",
    field_then_test: "Gunakan then-test",
    field_then_test_hint: "Di pasca-tes setiap butir ditanyakan dua kali: kondisi sekarang, dan kondisi sebelum pelatihan menurut penilaian ulang peserta.",
    create: "Buat pelatihan",
    wave_not_open: "tidak menerima jawaban",
    runs: "{from} s.d. {to}",
    participation_title: "Partisipasi",
    n_pre: "Jawaban pra-tes",
    n_post: "Jawaban pasca-tes",
    n_pairs: "Pasangan cocok",
    match_rate: "Tingkat pencocokan (pasangan / pasca-tes)",
    below_k: "< {k}",
    k_note: "Kelompok dengan kurang dari {k} jawaban tidak ditampilkan, agar tidak ada peserta yang dapat dikenali.",
    table_title: "Perbandingan pra dan pasca",
    table_caption: "Rata-rata pra dan pasca, pasangan cocok (uji t berpasangan) dan semua pra vs semua pasca (uji t Welch). Disiplin pada skala 1–5, indeks LO pada 0–100.",
    col_measure: "Ukuran",
    col_pre: "Pra",
    col_post: "Pasca",
    col_pairs: "Pasangan cocok",
    col_all: "Semua pra vs semua pasca",
    col_diff_ci: "Selisih (IK 95 %)",
    col_t_df: "t (df)",
    col_p: "p",
    col_reading: "Artinya",
    lo_index: "Indeks LO (0–100)",
    not_computable: "tidak dapat dihitung",
    suppressed: "disembunyikan (< k)",
    pairs_below_k: "pasangan < k",
    chart_title: "Pra → pasca per disiplin",
    chart_desc: "Diagram dumbbell: titik kosong rata-rata pra, titik penuh rata-rata pasca, pada skala 1–5. Angkanya ada di tabel di atas.",
    chart_legend_pre: "Pra",
    chart_legend_post: "Pasca",
    shift_title: "Then-test: pergeseran respons",
    shift_lead: "Setelah pelatihan peserta menilai ulang kondisi sebelum pelatihan (then). Then − pra memperkirakan pergeseran respons: seberapa jauh ukuran peserta sendiri berubah. Pasca − then adalah perubahan menurut ukuran yang baru.",
    col_post_minus_then: "Pasca − then",
    col_then_minus_pre: "Then − pra",
    items_title: "Perubahan per butir",
    col_item: "Butir",
    col_change: "Perubahan",
    download_csv: "Unduh CSV",
    download_xlsx: "Unduh XLSX",
    print: "Cetak laporan (A4)",
    method_note: "Pasangan dicocokkan lewat kode pasangan anonim. d_z = rata-rata selisih / SD selisih; g = Hedges' g dengan SD gabungan. Besar efek: < 0,2 dapat diabaikan, < 0,5 kecil, < 0,8 sedang, selebihnya besar.",
    report_generated: "Dibuat oleh Mawas",
    export_headers: [
        "ukuran",
        "analisis",
        "n_pra",
        "n_pasca",
        "n_pasangan",
        "rata_pra",
        "rata_pasca",
        "selisih",
        "ik95_bawah",
        "ik95_atas",
        "t",
        "df",
        "p",
        "besar_efek",
        "nilai_efek",
    ],
    analyses: [
        "pasangan cocok (pasca − pra)",
        "semua pra vs semua pasca (Welch)",
        "pasca − then",
        "then − pra (pergeseran respons)",
    ],
    sheet_comparison: "Perbandingan",
    sheet_items: "Butir",
    basis_pairs: "Dari {n} pasangan cocok",
    basis_all: "Dari semua pra vs semua pasca (kelompok terkecil {n})",
    up: "naik {diff} poin",
    down: "turun {diff} poin",
    unchanged: "tidak berubah",
    size_known: "efek {band} ({name} = {value})",
    size_unknown: "besar efek tidak dapat dihitung",
    bands: ["yang dapat diabaikan", "kecil", "sedang", "besar"],
    ci_excludes: "IK 95 % tidak memuat 0: perubahan ini kecil kemungkinannya hanya kebetulan.",
    ci_includes: "IK 95 % memuat 0: data ini belum menunjukkan perubahan yang jelas.",
    ci_none: "IK 95 % tidak dapat dihitung.",
    small_sample: "Hati-hati: sampel kecil (n = {n}).",
};

/// English.
pub static COMPARISON_EN: ComparisonTexts = ComparisonTexts {
    list_title: "Workshops",
    list_lead: "Each workshop's pre-test and post-test, compared honestly: what changed, by how much, and how sure we can be.",
    list_empty: "No workshops yet.",
    held: "Dates",
    place: "Place",
    then_test_on: "with then-test",
    open_comparison: "See the comparison",
    back_to_list: "All workshops",
    links_title: "Survey links",
    pre_test: "Pre-test",
    post_test: "Post-test",
    wave_open: "open now",
    open_wave: "Open now",
    qr_enlarge: "Open the QR code full size, to project on screen",
    close_wave: "Close now",
    new_title: "New workshop",
    new_lead: "The pre-test and post-test are created with the workshop, each with a link and a QR code. The pre-test opens 14 days before the workshop, the post-test runs until 14 days after it.",
    field_title: "Workshop title",
    field_from: "First day",
    field_to: "Last day",
    field_place: "Place (optional)",
    field_unit: "Organising unit (optional)",
    field_instrument: "Instrument",
    field_unit_none: "No unit: participants from the whole organisation",
    field_then_test: "Use the then-test",
    field_then_test_hint: "The post-test asks each item twice: now, and how participants now rate their state before the workshop.",
    create: "Create workshop",
    wave_not_open: "not taking answers",
    runs: "{from} to {to}",
    participation_title: "Participation",
    n_pre: "Pre-test responses",
    n_post: "Post-test responses",
    n_pairs: "Matched pairs",
    match_rate: "Pair matching rate (pairs / post-test)",
    below_k: "< {k}",
    k_note: "Groups with fewer than {k} responses are not shown, so that no participant can be recognised.",
    table_title: "Pre and post compared",
    table_caption: "Pre and post means, matched pairs (paired t-test) and all pre vs all post (Welch's t-test). Disciplines on the 1–5 scale, the LO index on 0–100.",
    col_measure: "Measure",
    col_pre: "Pre",
    col_post: "Post",
    col_pairs: "Matched pairs",
    col_all: "All pre vs all post",
    col_diff_ci: "Difference (95 % CI)",
    col_t_df: "t (df)",
    col_p: "p",
    col_reading: "What it means",
    lo_index: "LO index (0–100)",
    not_computable: "not computable",
    suppressed: "suppressed (< k)",
    pairs_below_k: "pairs < k",
    chart_title: "Pre → post by discipline",
    chart_desc: "Dumbbell chart: hollow dot the pre mean, filled dot the post mean, on the 1–5 scale. The numbers are in the table above.",
    chart_legend_pre: "Pre",
    chart_legend_post: "Post",
    shift_title: "Then-test: response shift",
    shift_lead: "After the workshop participants rated their starting point again (then). Then − pre estimates the response shift: how far their own yardstick moved. Post − then is the change measured with the new yardstick.",
    col_post_minus_then: "Post − then",
    col_then_minus_pre: "Then − pre",
    items_title: "Change per item",
    col_item: "Item",
    col_change: "Change",
    download_csv: "Download CSV",
    download_xlsx: "Download XLSX",
    print: "Print report (A4)",
    method_note: "Pairs are matched by the anonymous pairing code. d_z = mean difference / SD of differences; g = Hedges' g with the pooled SD. Effect size: < 0.2 negligible, < 0.5 small, < 0.8 medium, else large.",
    report_generated: "Made with Mawas",
    export_headers: [
        "measure",
        "analysis",
        "n_pre",
        "n_post",
        "n_pairs",
        "mean_pre",
        "mean_post",
        "difference",
        "ci95_low",
        "ci95_high",
        "t",
        "df",
        "p",
        "effect_size",
        "effect_value",
    ],
    analyses: [
        "matched pairs (post − pre)",
        "all pre vs all post (Welch)",
        "post − then",
        "then − pre (response shift)",
    ],
    sheet_comparison: "Comparison",
    sheet_items: "Items",
    basis_pairs: "From {n} matched pairs",
    basis_all: "From all pre vs all post (smaller group {n})",
    up: "up by {diff} points",
    down: "down by {diff} points",
    unchanged: "no change",
    size_known: "a {band} effect ({name} = {value})",
    size_unknown: "effect size not computable",
    bands: ["negligible", "small", "medium", "large"],
    ci_excludes: "The 95 % CI excludes 0: the change is unlikely to be chance alone.",
    ci_includes: "The 95 % CI includes 0: these data do not show a clear change.",
    ci_none: "The 95 % CI is not computable.",
    small_sample: "Caution: small sample (n = {n}).",
};

impl Lang {
    /// Texts of the workshop pages.
    pub fn comparison(self) -> &'static ComparisonTexts {
        match self {
            Lang::Id => &COMPARISON_ID,
            Lang::En => &COMPARISON_EN,
        }
    }

    /// A number with `decimals` places, with this language's decimal mark (Indonesian writes 3,45).
    pub fn num(self, x: f64, decimals: usize) -> String {
        let text = format!("{x:.decimals$}");
        let text = if text.starts_with('-') && text.trim_start_matches(['-', '0', '.']).is_empty() {
            text[1..].to_string()
        } else {
            text
        };
        match self {
            Lang::Id => text.replace('.', ","),
            Lang::En => text,
        }
    }

    /// A difference with its sign (a true minus sign), e.g. "+0,25", "−1,50", "0,00".
    pub fn signed(self, x: f64, decimals: usize) -> String {
        let text = self.num(x.abs(), decimals);
        let rounds_to_zero = text.trim_start_matches(['0', '.', ',']).is_empty();
        match () {
            _ if rounds_to_zero => text,
            _ if x > 0.0 => format!("+{text}"),
            _ => format!("−{text}"),
        }
    }

    /// A p value as journals print it: "< 0.001" below a thousandth, else three decimals.
    pub fn p_value(self, p: f64) -> String {
        if p < 0.001 { format!("< {}", self.num(0.001, 3)) } else { self.num(p, 3) }
    }

    /// The plain-language reading of one row: basis, direction, size, CI and a small-sample caution.
    pub fn reading(self, r: &Reading) -> String {
        let t = self.comparison();
        let n = r.n.to_string();
        let basis = fill(if r.from_pairs { t.basis_pairs } else { t.basis_all }, &[("n", &n)]);
        let diff = self.num(r.diff.abs(), 2);
        let direction = match r.direction {
            Direction::Up => fill(t.up, &[("diff", &diff)]),
            Direction::Down => fill(t.down, &[("diff", &diff)]),
            Direction::Unchanged => t.unchanged.to_string(),
        };
        let size = match (r.size, r.effect) {
            (Some(band), Some(effect)) => fill(
                t.size_known,
                &[
                    ("band", t.bands[band_index(band)]),
                    ("name", if r.from_pairs { "d_z" } else { "g" }),
                    ("value", &self.num(effect, 2)),
                ],
            ),
            _ => t.size_unknown.to_string(),
        };
        let ci = match r.ci_excludes_zero {
            Some(true) => t.ci_excludes,
            Some(false) => t.ci_includes,
            None => t.ci_none,
        };
        let mut text = format!("{basis}: {direction}, {size}. {ci}");
        if r.small_sample {
            text.push(' ');
            text.push_str(&fill(t.small_sample, &[("n", &n)]));
        }
        text
    }
}

fn band_index(band: SizeBand) -> usize {
    match band {
        SizeBand::Negligible => 0,
        SizeBand::Small => 1,
        SizeBand::Medium => 2,
        SizeBand::Large => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_the_languages_decimal_mark() {
        assert_eq!(Lang::Id.num(3.456, 2), "3,46");
        assert_eq!(Lang::En.num(3.456, 2), "3.46");
        assert_eq!(Lang::En.num(-0.001, 2), "0.00", "no negative zero");
        assert_eq!(Lang::Id.p_value(0.0004), "< 0,001");
        assert_eq!(Lang::En.p_value(0.0431), "0.043");
    }

    #[test]
    fn readings_name_direction_size_ci_and_caution() {
        let reading = Reading {
            from_pairs: true,
            direction: Direction::Up,
            diff: 0.35,
            effect: Some(1.5),
            size: Some(SizeBand::Large),
            ci_excludes_zero: Some(true),
            n: 8,
            small_sample: true,
        };
        assert_eq!(
            Lang::En.reading(&reading),
            "From 8 matched pairs: up by 0.35 points, a large effect (d_z = 1.50). The 95 % CI excludes 0: the change is unlikely to be chance alone. Caution: small sample (n = 8)."
        );
        assert_eq!(
            Lang::Id.reading(&reading),
            "Dari 8 pasangan cocok: naik 0,35 poin, efek besar (d_z = 1,50). IK 95 % tidak memuat 0: perubahan ini kecil kemungkinannya hanya kebetulan. Hati-hati: sampel kecil (n = 8)."
        );
        let unclear = Reading {
            from_pairs: false,
            direction: Direction::Down,
            diff: -0.1,
            effect: None,
            size: None,
            ci_excludes_zero: Some(false),
            n: 25,
            small_sample: false,
        };
        assert_eq!(
            Lang::En.reading(&unclear),
            "From all pre vs all post (smaller group 25): down by 0.10 points, effect size not computable. The 95 % CI includes 0: these data do not show a clear change."
        );
    }
}
