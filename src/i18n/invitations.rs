//! Texts of HR's personal invitation page.

use super::Lang;

/// Every string of the invitation page and its refusal page, in one language.
pub struct InvitationTexts {
    pub link: &'static str,
    pub lead: &'static str,
    pub once: &'static str,
    pub people_label: &'static str,
    pub people_hint: &'static str,
    pub file_label: &'static str,
    pub file_hint: &'static str,
    pub format_legend: &'static str,
    pub format_xlsx: &'static str,
    pub format_csv: &'static str,
    pub format_html: &'static str,
    pub submit: &'static str,
    pub open_wave: &'static str,
    pub refused_title: &'static str,
    pub col_row: &'static str,
    pub col_field: &'static str,
    pub col_problem: &'static str,
    pub nothing_created: &'static str,
    pub back_to_form: &'static str,
}

const INVITATIONS_ID: InvitationTexts = InvitationTexts {
    link: "Undangan pribadi",
    lead: "Buat satu tautan pribadi untuk setiap pegawai yang diundang. Setiap tautan hanya bisa dipakai sekali.",
    once: "Tautan hanya ditampilkan sekali, dalam berkas yang Anda unduh sekarang. Mawas hanya menyimpan sandi tautan yang tidak bisa dibaca balik dan apakah sudah dipakai, tidak pernah nama, kontak, atau jawaban siapa.",
    people_label: "Daftar orang",
    people_hint: "Satu orang per baris: nama, e-mail, telepon, kode unit (e-mail dan telepon boleh kosong). Contoh: Sari Wulandari,sari@contoh.go.id,,DINKES.YANKES",
    file_label: "Atau unggah berkas CSV atau XLSX (kolom name, email, phone, unit)",
    file_hint: "Jika berkas dipilih, isian daftar di atas diabaikan.",
    format_legend: "Bentuk hasil",
    format_xlsx: "XLSX (Excel)",
    format_csv: "CSV",
    format_html: "Lembar cetak",
    submit: "Buat tautan pribadi",
    open_wave: "Periode ini terbuka untuk siapa saja yang punya tautan atau kode QR unit, jadi tidak perlu undangan pribadi. Buat periode dengan akses token untuk undangan pribadi.",
    refused_title: "Tidak ada tautan yang dibuat",
    col_row: "Baris",
    col_field: "Kolom",
    col_problem: "Masalah",
    nothing_created: "Perbaiki daftar, lalu kirim lagi. Tidak ada yang disimpan.",
    back_to_form: "Kembali ke formulir",
};

const INVITATIONS_EN: InvitationTexts = InvitationTexts {
    link: "Personal invitations",
    lead: "Create one personal link for every invited employee. Each link works once.",
    once: "The links are shown once, in the file you download now. Mawas keeps only an unreadable hash of each link and whether it was used, never names, contacts or whose answers are whose.",
    people_label: "People",
    people_hint: "One person per line: name, e-mail, phone, unit code (e-mail and phone may be empty). Example: Sari Wulandari,sari@example.go.id,,DINKES.YANKES",
    file_label: "Or upload a CSV or XLSX file (columns name, email, phone, unit)",
    file_hint: "When a file is chosen, the list above is ignored.",
    format_legend: "Result as",
    format_xlsx: "XLSX (Excel)",
    format_csv: "CSV",
    format_html: "Printable sheet",
    submit: "Create personal links",
    open_wave: "This wave is open to anyone with its link or a unit's QR code, so it needs no personal invitations. Create a wave with token access for personal invitations.",
    refused_title: "No links were created",
    col_row: "Row",
    col_field: "Column",
    col_problem: "Problem",
    nothing_created: "Correct the list and send it again. Nothing was stored.",
    back_to_form: "Back to the form",
};

impl Lang {
    /// Texts of the personal invitation page.
    pub fn invitations(self) -> &'static InvitationTexts {
        match self {
            Lang::Id => &INVITATIONS_ID,
            Lang::En => &INVITATIONS_EN,
        }
    }
}
