//! Texts of HR's unit page.

use super::Lang;

/// Every string of the unit page, in one language.
pub struct UnitTexts {
    pub wave_label: &'static str,
    pub show: &'static str,
    pub no_wave: &'static str,
    pub part_of: &'static str,
    pub profile_title: &'static str,
    pub profile_caption: &'static str,
    pub col_measure: &'static str,
    pub col_unit: &'static str,
    pub col_organisation: &'static str,
    pub col_difference: &'static str,
    pub hidden: &'static str,
    pub trend_title: &'static str,
    pub trend_caption: &'static str,
    pub trend_chart: &'static str,
    pub trend_single: &'static str,
    pub col_wave: &'static str,
    pub items_title: &'static str,
    pub items_lead: &'static str,
    pub unfavourable: &'static str,
    pub neutral: &'static str,
    pub favourable: &'static str,
    pub answered: &'static str,
    pub comments_title: &'static str,
    pub comments_lead: &'static str,
    pub comments_hidden: &'static str,
    pub comments_none: &'static str,
    pub back_to_heatmap: &'static str,
}

/// Bahasa Indonesia.
pub static UNIT_ID: UnitTexts = UnitTexts {
    wave_label: "Gelombang",
    show: "Tampilkan",
    no_wave: "Unit ini belum tercakup dalam gelombang survei berkala.",
    part_of: "bagian dari",
    profile_title: "Profil lima disiplin",
    profile_caption: "Rata-rata unit (skala 1–5; indeks LO 0–100) dibandingkan dengan seluruh organisasi.",
    col_measure: "Ukuran",
    col_unit: "Unit ini",
    col_organisation: "Organisasi",
    col_difference: "Selisih",
    hidden: "Unit ini belum mencapai k jawaban (atau disembunyikan agar kelompok kecil lain tidak dapat dihitung ulang) pada gelombang ini, jadi tidak ada angka, sebaran butir, atau komentar yang ditampilkan.",
    trend_title: "Tren antar gelombang",
    trend_caption: "Rata-rata setiap disiplin dan indeks LO unit ini pada setiap gelombang berkala; < k berarti kelompok terlalu kecil pada gelombang itu.",
    trend_chart: "Grafik garis rata-rata lima disiplin per gelombang; angka lengkap ada pada tabel di bawahnya.",
    trend_single: "Tren muncul setelah unit ini dilaporkan pada dua gelombang atau lebih.",
    col_wave: "Gelombang",
    items_title: "Sebaran jawaban per butir",
    items_lead: "Bagian jawaban tidak mendukung (1–2), netral (3) dan mendukung (4–5) untuk setiap butir, setelah butir negatif dibalik.",
    unfavourable: "Tidak mendukung",
    neutral: "Netral",
    favourable: "Mendukung",
    answered: "dijawab",
    comments_title: "Komentar",
    comments_lead: "Ditulis apa adanya oleh responden, diacak setiap kali halaman dibuka, tanpa tanggal.",
    comments_hidden: "Komentar hanya ditampilkan bila unit memiliki paling sedikit {kc} jawaban.",
    comments_none: "Belum ada komentar.",
    back_to_heatmap: "Kembali ke peta panas",
};

/// English.
pub static UNIT_EN: UnitTexts = UnitTexts {
    wave_label: "Wave",
    show: "Show",
    no_wave: "No periodic survey wave has covered this unit yet.",
    part_of: "part of",
    profile_title: "Five-discipline profile",
    profile_caption: "The unit's means (1–5 scale; LO index 0–100) against the whole organisation.",
    col_measure: "Measure",
    col_unit: "This unit",
    col_organisation: "Organisation",
    col_difference: "Difference",
    hidden: "This unit has fewer than k responses in this wave (or is hidden so that another small group cannot be worked out), so no figures, item splits or comments are shown.",
    trend_title: "Trend over waves",
    trend_caption: "The unit's mean of each discipline and its LO index in every periodic wave; < k means the group was too small in that wave.",
    trend_chart: "Line chart of the five discipline means per wave; the full figures are in the table below it.",
    trend_single: "The trend appears once this unit is reported in two or more waves.",
    col_wave: "Wave",
    items_title: "Answers per item",
    items_lead: "Share of unfavourable (1–2), neutral (3) and favourable (4–5) answers to each item, after reverse-worded items are turned round.",
    unfavourable: "Unfavourable",
    neutral: "Neutral",
    favourable: "Favourable",
    answered: "answered",
    comments_title: "Comments",
    comments_lead: "As respondents wrote them, shuffled each time the page opens, without dates.",
    comments_hidden: "Comments are shown only when the unit has at least {kc} responses.",
    comments_none: "No comments yet.",
    back_to_heatmap: "Back to the heatmap",
};

impl Lang {
    /// Texts of the unit page.
    pub fn unit(self) -> &'static UnitTexts {
        match self {
            Lang::Id => &UNIT_ID,
            Lang::En => &UNIT_EN,
        }
    }
}
