//! Translations: Bahasa Indonesia first, English second. Each language is one `Texts` value, so a
//! string missing in either language is a compile error rather than a blank on a page.
//! (Chosen over leptos_i18n: no build-time JSON, no extra macros, and the same type serves the
//! server's API messages and the pages.)

use crate::domain::discipline::Discipline;
use crate::domain::unit_tree::UnitProblem;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

mod accounts;
mod audit;
mod breakdown;
mod comparison;
mod hr;
mod invitations;
mod plans;
mod survey;
mod unit;
mod units;
pub use accounts::AccountTexts;
pub use audit::AuditTexts;
pub use breakdown::BreakdownTexts;
pub use comparison::ComparisonTexts;
pub use invitations::InvitationTexts;
pub use plans::PlanTexts;
pub use survey::{SURVEY_EN, SURVEY_ID, SurveyTexts, fill};
pub use unit::UnitTexts;
pub use units::UnitsTexts;

/// Cookie that keeps the chosen language.
pub const LANG_COOKIE: &str = "mawas_lang";

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    /// Code used in the cookie, URLs and `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// Parses a code; anything unknown is Bahasa Indonesia, the default.
    pub fn parse(code: &str) -> Lang {
        if code.trim().eq_ignore_ascii_case("en") { Lang::En } else { Lang::Id }
    }

    /// The language named first in an `Accept-Language` header, if it is one of ours.
    pub fn from_accept_language(header: &str) -> Lang {
        let first = header.split(',').next().unwrap_or("").trim().to_ascii_lowercase();
        if first.starts_with("en") { Lang::En } else { Lang::Id }
    }

    /// The other language, for the switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::Id => Lang::En,
            Lang::En => Lang::Id,
        }
    }

    /// All texts of this language.
    pub fn t(self) -> &'static Texts {
        match self {
            Lang::Id => &ID,
            Lang::En => &EN,
        }
    }

    /// Texts of the respondent's survey pages.
    pub fn survey(self) -> &'static SurveyTexts {
        match self {
            Lang::Id => &SURVEY_ID,
            Lang::En => &SURVEY_EN,
        }
    }

    /// A day as people write it in this language: "2 November 2026".
    pub fn date(self, day: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let month = self.survey().months[day.month0() as usize];
        format!("{} {month} {}", day.day(), day.year())
    }

    /// Name of a discipline.
    pub fn discipline(self, d: Discipline) -> &'static str {
        self.t().disciplines[d.index()]
    }

    /// Explains a unit-import problem.
    pub fn unit_problem(self, p: &UnitProblem) -> &'static str {
        let t = self.t();
        match p {
            UnitProblem::CodeInvalid => t.unit_code_invalid,
            UnitProblem::CodeDuplicated => t.unit_code_duplicated,
            UnitProblem::NameMissing => t.unit_name_missing,
            UnitProblem::NameTooLong => t.unit_name_too_long,
            UnitProblem::NameControlCharacter => t.text_control_characters,
            UnitProblem::TooDeep => t.unit_too_deep,
            UnitProblem::TooMany => t.unit_too_many,
            UnitProblem::KindUnknown => t.unit_kind_unknown,
            UnitProblem::HeadcountInvalid => t.unit_headcount_invalid,
            UnitProblem::ParentUnknown => t.unit_parent_unknown,
            UnitProblem::ParentIsSelf => t.unit_parent_self,
            UnitProblem::Cycle => t.unit_cycle,
            UnitProblem::OutsideScope => t.unit_outside_scope,
        }
    }
}

/// The language of the current page, provided once by the app shell.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// Every user-visible string of the interface in one language.
pub struct Texts {
    pub app_tagline: &'static str,
    pub switch_to: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_hr: &'static str,
    pub nav_trainer: &'static str,
    pub nav_admin: &'static str,
    pub nav_login: &'static str,
    pub nav_logout: &'static str,
    pub signed_in_as: &'static str,
    pub landing_title: &'static str,
    pub landing_lead: &'static str,
    pub landing_disciplines_title: &'static str,
    pub landing_for_whom_title: &'static str,
    pub landing_for_respondents: &'static str,
    pub landing_for_hr: &'static str,
    pub landing_for_trainers: &'static str,
    pub landing_anonymity_title: &'static str,
    pub landing_anonymity: &'static str,
    pub landing_cta_login: &'static str,
    pub discipline_blurbs: [&'static str; 5],
    pub disciplines: [&'static str; 5],
    pub login_title: &'static str,
    pub login_lead: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub login_submit: &'static str,
    pub login_failed: &'static str,
    pub login_too_many: &'static str,
    pub login_missing: &'static str,
    pub login_denied: &'static str,
    pub cross_site_title: &'static str,
    pub cross_site_body: &'static str,
    pub cross_site_home: &'static str,
    pub role_admin: &'static str,
    pub role_hr: &'static str,
    pub role_trainer: &'static str,
    pub home_admin_title: &'static str,
    pub home_admin_lead: &'static str,
    pub home_hr_title: &'static str,
    pub home_hr_lead: &'static str,
    pub home_trainer_title: &'static str,
    pub home_trainer_lead: &'static str,
    pub scope_all: &'static str,
    pub scope_label: &'static str,
    pub stat_units: &'static str,
    pub stat_waves: &'static str,
    pub stat_workshops: &'static str,
    pub stat_users: &'static str,
    pub stat_k: &'static str,
    pub not_found_title: &'static str,
    pub not_found_lead: &'static str,
    pub loading: &'static str,
    pub err_unauthorized: &'static str,
    pub err_forbidden: &'static str,
    pub err_not_found: &'static str,
    pub err_invalid: &'static str,
    pub err_internal: &'static str,
    pub err_bad_body: &'static str,
    pub unit_code_invalid: &'static str,
    pub unit_code_duplicated: &'static str,
    pub unit_name_missing: &'static str,
    pub unit_name_too_long: &'static str,
    pub unit_kind_unknown: &'static str,
    pub unit_headcount_invalid: &'static str,
    pub unit_parent_unknown: &'static str,
    pub unit_parent_self: &'static str,
    pub unit_cycle: &'static str,
    pub unit_outside_scope: &'static str,
    pub unit_too_deep: &'static str,
    pub unit_too_many: &'static str,
    pub text_control_characters: &'static str,
    pub settings_title: &'static str,
    pub settings_lead: &'static str,
    pub settings_k_label: &'static str,
    pub settings_kc_label: &'static str,
    pub settings_save: &'static str,
    pub settings_saved: &'static str,
    pub settings_k_invalid: &'static str,
    pub settings_kc_invalid: &'static str,
    pub wave_title_invalid: &'static str,
    pub wave_dates_invalid: &'static str,
    pub wave_access_invalid: &'static str,
    pub wave_breakdown_invalid: &'static str,
    pub wave_kind_invalid: &'static str,
    pub wave_instrument_unknown: &'static str,
    pub wave_root_unknown: &'static str,
    pub bulk_unit_unknown: &'static str,
    pub bulk_pairing_invalid: &'static str,
    pub bulk_wave_not_open: &'static str,
    pub wave_final: &'static str,
    pub bulk_day_invalid: &'static str,
    pub bulk_too_many: &'static str,
    pub invitations_title: &'static str,
    pub invitations_sheet_lead: &'static str,
    pub invitations_col_name: &'static str,
    pub invitations_col_unit: &'static str,
    pub invitations_col_link: &'static str,
    pub invitations_open_wave: &'static str,
    pub invitations_name_invalid: &'static str,
    pub invitations_contact_too_long: &'static str,
    pub invitations_nobody: &'static str,
    pub workshop_place_too_long: &'static str,
    pub workshop_dates_invalid: &'static str,
}

/// Bahasa Indonesia, the default.
pub static ID: Texts = Texts {
    app_tagline: "Asesmen mandiri organisasi pembelajar",
    switch_to: "English",
    skip_to_content: "Langsung ke isi",
    nav_label: "Navigasi utama",
    nav_home: "Beranda",
    nav_hr: "Analitik SDM",
    nav_trainer: "Pelatihan",
    nav_admin: "Administrasi",
    nav_login: "Masuk",
    nav_logout: "Keluar",
    signed_in_as: "Masuk sebagai",
    landing_title: "Melihat organisasi kita dengan jujur",
    landing_lead: "Mawas membantu pemerintah daerah mengukur seberapa jauh unit-unitnya menjadi organisasi pembelajar, berdasarkan lima disiplin Peter Senge. Pegawai mengisi asesmen singkat secara anonim, BKPSDM melihat peta hasil per unit dari waktu ke waktu, pelatih membandingkan sebelum dan sesudah pelatihan, dan unit menyusun Rencana Aksi.",
    landing_disciplines_title: "Lima disiplin yang diukur",
    landing_for_whom_title: "Untuk siapa",
    landing_for_respondents: "Pegawai ASN: membuka tautan atau memindai kode QR, menjawab sekitar 25 pernyataan dalam 5–8 menit dari ponsel, tanpa akun dan tanpa identitas.",
    landing_for_hr: "BKPSDM dan pimpinan unit: peta panas unit × disiplin, tren antarperiode, komentar, ekspor Excel, dan Rencana Aksi.",
    landing_for_trainers: "Widyaiswara dan fasilitator: pre-test dan post-test pelatihan dengan statistik yang jujur dan laporan satu halaman.",
    landing_anonymity_title: "Anonimitas yang tidak bisa diakali",
    landing_anonymity: "Jawaban tidak pernah disimpan bersama nama, NIP, e-mail, alamat IP, atau jam pengisian. Hasil sebuah kelompok baru ditampilkan bila jumlah responden mencapai batas minimum (bawaan 5), dan kelompok kecil juga dilindungi dari pengurangan antarkelompok.",
    landing_cta_login: "Masuk untuk SDM, pelatih, dan admin",
    discipline_blurbs: [
        "Terus memperjelas apa yang penting, melihat kenyataan dengan jujur, dan mengembangkan kompetensi.",
        "Menguji asumsi di balik cara kerja dan berani mengubah rutinitas ketika bukti menuntut.",
        "Gambaran masa depan layanan yang sungguh dimiliki bersama, bukan sekadar dipatuhi.",
        "Berpikir bersama: dialog, membahas kesalahan secara terbuka, belajar lintas unit, bukan ego sektoral.",
        "Melihat pekerjaan sebagai bagian dari rantai layanan, mencari akar masalah, dan memikirkan dampak bagi unit lain.",
    ],
    disciplines: ["Penguasaan Pribadi", "Model Mental", "Visi Bersama", "Pembelajaran Tim", "Berpikir Sistem"],
    login_title: "Masuk",
    login_lead: "Untuk analis SDM, pelatih, dan admin. Responden tidak perlu akun.",
    email: "E-mail",
    password: "Kata sandi",
    login_submit: "Masuk",
    login_failed: "E-mail atau kata sandi salah.",
    login_too_many: "Terlalu banyak percobaan masuk yang gagal. Demi keamanan, coba lagi dalam {minutes} menit.",
    login_missing: "Isi e-mail dan kata sandi.",
    login_denied: "Akun Anda tidak dapat membuka halaman itu. Masuk dengan akun lain.",
    cross_site_title: "Permintaan ditolak",
    cross_site_body: "Formulir ini dikirim dari situs lain, jadi Mawas tidak menjalankannya. Buka Mawas langsung \
                      dan ulangi dari sana.",
    cross_site_home: "Ke beranda Mawas",
    role_admin: "Admin",
    role_hr: "Analis SDM",
    role_trainer: "Pelatih",
    home_admin_title: "Administrasi",
    home_admin_lead: "Pengguna dan peran, instrumen, pengaturan batas minimum kelompok, dan log audit.",
    home_hr_title: "Analitik SDM",
    home_hr_lead: "Periode survei, peta panas unit, tren, komentar, dan Rencana Aksi dalam cakupan Anda.",
    home_trainer_title: "Pelatihan",
    home_trainer_lead: "Pelatihan Anda dengan pre-test dan post-test, dan perbandingan hasilnya.",
    scope_all: "Seluruh organisasi",
    scope_label: "Cakupan",
    stat_units: "Unit dalam cakupan",
    stat_waves: "Periode survei",
    stat_workshops: "Pelatihan",
    stat_users: "Pengguna",
    stat_k: "Batas minimum kelompok (k)",
    not_found_title: "Halaman tidak ditemukan",
    not_found_lead: "Alamat ini tidak ada di Mawas.",
    loading: "Memuat…",
    err_unauthorized: "Silakan masuk terlebih dahulu.",
    err_forbidden: "Anda tidak berwenang untuk ini.",
    err_not_found: "Data tidak ditemukan.",
    err_invalid: "Ada isian yang perlu diperbaiki.",
    err_internal: "Terjadi kesalahan di server. Coba lagi sebentar lagi.",
    err_bad_body: "Isi permintaan tidak dapat dibaca.",
    unit_code_invalid: "Kode harus 1–32 karakter: huruf, angka, titik, tanda hubung, atau garis bawah.",
    unit_code_duplicated: "Kode ini muncul lebih dari sekali.",
    unit_name_missing: "Nama unit wajib diisi.",
    unit_name_too_long: "Nama unit paling banyak 200 karakter.",
    unit_kind_unknown: "Jenis unit harus salah satu dari: pemda, opd, bidang, seksi, upt, tim, other.",
    unit_headcount_invalid: "Jumlah pegawai harus bilangan bulat 0 atau lebih.",
    unit_parent_unknown: "Kode induk tidak dikenal.",
    unit_parent_self: "Unit tidak boleh menjadi induk dirinya sendiri.",
    unit_cycle: "Susunan induk membentuk lingkaran.",
    unit_outside_scope: "Unit ini di luar cakupan Anda.",
    unit_too_deep: "Unit ini terlalu dalam: pohon unit paling banyak 12 tingkat (Pemda di Indonesia biasanya 4–6).",
    unit_too_many: "Terlalu banyak unit: paling banyak 20.000 unit seluruhnya.",
    text_control_characters: "Teks ini berisi karakter kontrol (misalnya NUL atau escape) yang tidak dapat disimpan. Hapus karakter itu lalu coba lagi.",
    settings_title: "Pengaturan anonimitas",
    settings_lead: "Batas ini berlaku untuk setiap tampilan, ekspor, dan API. Batas yang lebih tinggi melindungi lebih banyak kelompok kecil, tetapi lebih banyak unit tidak akan tampil sendiri.",
    settings_k_label: "Batas minimum kelompok (k), 3–50",
    settings_kc_label: "Batas minimum untuk menampilkan komentar, dari k sampai 100",
    settings_save: "Simpan",
    settings_saved: "Pengaturan disimpan.",
    settings_k_invalid: "Batas minimum kelompok harus bilangan bulat dari 3 sampai 50.",
    settings_kc_invalid: "Batas komentar harus bilangan bulat, tidak lebih kecil dari k dan paling banyak 100.",
    wave_title_invalid: "Judul wajib diisi, paling banyak 200 karakter.",
    wave_dates_invalid: "Tanggal buka dan tutup wajib diisi (YYYY-MM-DD), dan tanggal tutup tidak boleh sebelum tanggal buka.",
    wave_access_invalid: "Akses harus open (siapa saja dengan tautan) atau token (undangan pribadi).",
    wave_breakdown_invalid: "Rincian harus grade_band (golongan), tenure_band (masa kerja) atau role (jenis jabatan).",
    wave_kind_invalid: "Di sini hanya periode berkala (periodic); pre-test dan post-test dibuat bersama pelatihannya.",
    wave_instrument_unknown: "Instrumen tidak dikenal atau belum diterbitkan.",
    wave_root_unknown: "Unit induk tidak dikenal atau di luar cakupan Anda.",
    bulk_unit_unknown: "Unit tidak dikenal, tidak aktif, atau di luar periode survei ini atau cakupan Anda.",
    wave_final: "Hasil gelombang ini sudah dibaca, jadi gelombang tidak dapat dibuka lagi: bacaan kedua setelah jawaban baru akan membuka jawaban itu. Buat gelombang baru.",
    bulk_wave_not_open: "Jawaban dari kertas hanya dapat dimasukkan selama gelombang berjalan; gelombang yang sudah ditutup bersifat final.",
    bulk_pairing_invalid: "Kode pasangan harus 4–32 karakter: huruf besar A–Z, angka, atau tanda hubung.",
    bulk_day_invalid: "Tanggal pengisian harus YYYY-MM-DD, di dalam periode survei, dan tidak di masa depan.",
    bulk_too_many: "Paling banyak {max} baris per permintaan; kirim dalam beberapa bagian.",
    invitations_title: "Undangan pribadi",
    invitations_sheet_lead: "Setiap tautan hanya dapat dipakai sekali dan hanya ditampilkan sekarang: Mawas tidak menyimpan nama, kontak, atau tautan ini. Bagikan kepada orangnya saja.",
    invitations_col_name: "Nama",
    invitations_col_unit: "Unit",
    invitations_col_link: "Tautan pribadi",
    invitations_open_wave: "Periode ini terbuka untuk siapa saja dengan tautan; undangan pribadi hanya untuk periode dengan akses token.",
    invitations_name_invalid: "Nama wajib diisi, paling banyak 200 karakter.",
    invitations_contact_too_long: "E-mail dan telepon paling banyak 200 karakter.",
    invitations_nobody: "Daftar kosong: tulis paling sedikit satu orang.",
    workshop_place_too_long: "Tempat paling banyak 200 karakter.",
    workshop_dates_invalid: "Tanggal mulai dan selesai wajib diisi (YYYY-MM-DD), dan tanggal selesai tidak boleh sebelum tanggal mulai.",
};

/// English.
pub static EN: Texts = Texts {
    app_tagline: "Learning-organization self-assessment",
    switch_to: "Bahasa Indonesia",
    skip_to_content: "Skip to content",
    nav_label: "Main navigation",
    nav_home: "Home",
    nav_hr: "HR analytics",
    nav_trainer: "Workshops",
    nav_admin: "Administration",
    nav_login: "Log in",
    nav_logout: "Log out",
    signed_in_as: "Signed in as",
    landing_title: "Looking at our organisation honestly",
    landing_lead: "Mawas helps local governments measure how far their units have become learning organizations, built on Peter Senge's five disciplines. Employees answer a short anonymous assessment, the HR agency sees unit results over time, trainers compare before and after a workshop, and units write action plans.",
    landing_disciplines_title: "The five disciplines measured",
    landing_for_whom_title: "Who it is for",
    landing_for_respondents: "Civil servants: open a link or scan a QR code, answer about 25 statements in 5–8 minutes on a phone, with no account and no identity.",
    landing_for_hr: "HR agency and unit heads: heatmap of units × disciplines, trends between waves, comments, Excel export and action plans.",
    landing_for_trainers: "Trainers and facilitators: workshop pre-test and post-test with honest statistics and a one-page report.",
    landing_anonymity_title: "Anonymity that cannot be tricked",
    landing_anonymity: "Answers are never stored with a name, NIP, e-mail, IP address or time of day. A group's results are shown only when it reaches the minimum size (5 by default), and small groups are also protected against subtracting one group from another.",
    landing_cta_login: "Log in for HR, trainers and admins",
    discipline_blurbs: [
        "Keep clarifying what matters, see current reality honestly, and keep growing competence.",
        "Test the assumptions behind how work is done and change routines when evidence says so.",
        "A picture of the future of the service that people genuinely share, rather than comply with.",
        "Thinking together: dialogue, open discussion of mistakes, learning across units instead of guarding turf.",
        "See work as part of the whole service chain, look for root causes, and consider the effect on other units.",
    ],
    disciplines: ["Personal Mastery", "Mental Models", "Shared Vision", "Team Learning", "Systems Thinking"],
    login_title: "Log in",
    login_lead: "For HR analysts, trainers and admins. Respondents need no account.",
    email: "E-mail",
    password: "Password",
    login_submit: "Log in",
    login_failed: "Wrong e-mail or password.",
    login_too_many: "Too many failed login attempts. For safety, try again in {minutes} minutes.",
    login_missing: "Enter your e-mail and password.",
    login_denied: "Your account cannot open that page. Log in with another account.",
    cross_site_title: "Request refused",
    cross_site_body: "This form was sent from another website, so Mawas did not carry it out. Open Mawas directly \
                      and try again from there.",
    cross_site_home: "Go to the Mawas home page",
    role_admin: "Admin",
    role_hr: "HR analyst",
    role_trainer: "Trainer",
    home_admin_title: "Administration",
    home_admin_lead: "Users and roles, instruments, the minimum group size setting, and the audit log.",
    home_hr_title: "HR analytics",
    home_hr_lead: "Survey waves, the unit heatmap, trends, comments and action plans within your scope.",
    home_trainer_title: "Workshops",
    home_trainer_lead: "Your workshops with their pre-test and post-test, and how the results compare.",
    scope_all: "Whole organisation",
    scope_label: "Scope",
    stat_units: "Units in scope",
    stat_waves: "Survey waves",
    stat_workshops: "Workshops",
    stat_users: "Users",
    stat_k: "Minimum group size (k)",
    not_found_title: "Page not found",
    not_found_lead: "This address does not exist in Mawas.",
    loading: "Loading…",
    err_unauthorized: "Please log in first.",
    err_forbidden: "You are not allowed to do this.",
    err_not_found: "Not found.",
    err_invalid: "Some fields need fixing.",
    err_internal: "Something went wrong on the server. Please try again shortly.",
    err_bad_body: "The request body could not be read.",
    unit_code_invalid: "The code must be 1–32 characters: letters, digits, dot, hyphen or underscore.",
    unit_code_duplicated: "This code appears more than once.",
    unit_name_missing: "The unit name is required.",
    unit_name_too_long: "The unit name may have at most 200 characters.",
    unit_kind_unknown: "The unit kind must be one of: pemda, opd, bidang, seksi, upt, tim, other.",
    unit_headcount_invalid: "The headcount must be a whole number, 0 or more.",
    unit_parent_unknown: "Unknown parent code.",
    unit_parent_self: "A unit cannot be its own parent.",
    unit_cycle: "The parent chain loops back on itself.",
    unit_outside_scope: "This unit is outside your scope.",
    unit_too_deep: "This unit lies too deep: the unit tree has at most 12 levels (an Indonesian Pemda usually has 4–6).",
    unit_too_many: "Too many units: at most 20,000 units in all.",
    text_control_characters: "This text contains a control character (such as NUL or escape) that cannot be stored. Remove it and try again.",
    settings_title: "Anonymity settings",
    settings_lead: "These thresholds apply to every page, export and API answer. A higher threshold protects more small groups, but more units will not be shown on their own.",
    settings_k_label: "Minimum group size (k), 3–50",
    settings_kc_label: "Minimum responses before comments are shown, from k to 100",
    settings_save: "Save",
    settings_saved: "Settings saved.",
    settings_k_invalid: "The minimum group size must be a whole number from 3 to 50.",
    settings_kc_invalid: "The comment threshold must be a whole number, not below k and at most 100.",
    wave_title_invalid: "A title is required, at most 200 characters.",
    wave_dates_invalid: "Opening and closing dates are required (YYYY-MM-DD), and the closing date may not be before the opening date.",
    wave_access_invalid: "Access must be open (anyone with the link) or token (personal invitations).",
    wave_breakdown_invalid: "The breakdown must be grade_band (grade), tenure_band (years of service) or role (kind of position).",
    wave_kind_invalid: "Only periodic waves are created here; pre-tests and post-tests are created with their workshop.",
    wave_instrument_unknown: "Unknown or unpublished instrument.",
    wave_root_unknown: "Unknown root unit, or outside your scope.",
    bulk_unit_unknown: "Unknown or inactive unit, or outside this wave or your scope.",
    wave_final: "This wave's results have been read, so it cannot be reopened: a second read after new answers would reveal them. Create a new wave.",
    bulk_wave_not_open: "Paper answers can only be typed in while the wave runs; a closed wave is final.",
    bulk_pairing_invalid: "A pairing code has 4–32 characters: capital letters A–Z, digits or hyphens.",
    bulk_day_invalid: "The day must be YYYY-MM-DD, within the survey period and not in the future.",
    bulk_too_many: "At most {max} rows per request; send them in several parts.",
    invitations_title: "Personal invitations",
    invitations_sheet_lead: "Each link works once and is shown only now: Mawas does not keep the names, contacts or links. Share each link with its person only.",
    invitations_col_name: "Name",
    invitations_col_unit: "Unit",
    invitations_col_link: "Personal link",
    invitations_open_wave: "This wave is open to anyone with the link; personal invitations are only for waves with token access.",
    invitations_name_invalid: "A name is required, at most 200 characters.",
    invitations_contact_too_long: "E-mail and phone may have at most 200 characters.",
    invitations_nobody: "The list is empty: write at least one person.",
    workshop_place_too_long: "The place may have at most 200 characters.",
    workshop_dates_invalid: "First and last day are required (YYYY-MM-DD), and the last day may not be before the first.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bahasa_indonesia_is_the_default_and_english_is_recognised() {
        assert_eq!(Lang::default(), Lang::Id);
        assert_eq!(Lang::parse("en"), Lang::En);
        assert_eq!(Lang::parse("fr"), Lang::Id);
        assert_eq!(Lang::from_accept_language("en-GB,en;q=0.9"), Lang::En);
        assert_eq!(Lang::from_accept_language("id-ID,id;q=0.9,en;q=0.8"), Lang::Id);
    }

    #[test]
    fn dates_are_written_with_the_month_name_of_the_language() {
        let day = chrono::NaiveDate::from_ymd_opt(2027, 1, 29).unwrap();
        assert_eq!(Lang::Id.date(day), "29 Januari 2027");
        assert_eq!(Lang::En.date(day), "29 January 2027");
    }

    #[test]
    fn the_two_languages_differ_where_they_should() {
        assert_ne!(ID.landing_title, EN.landing_title);
        assert_eq!(Lang::Id.discipline(Discipline::SystemsThinking), "Berpikir Sistem");
        assert_eq!(Lang::En.discipline(Discipline::SystemsThinking), "Systems Thinking");
    }
}
