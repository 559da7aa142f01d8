//! Texts of accounts: choosing a password with a one-time link, and what the account commands say.

use super::Lang;
use crate::domain::password::PasswordProblem;

/// Every string about accounts, in one language.
pub struct AccountTexts {
    pub set_password_title: &'static str,
    /// Before the account's e-mail: "Choose the password of".
    pub set_password_for: &'static str,
    pub set_password_rules: &'static str,
    pub new_password_label: &'static str,
    pub repeat_password_label: &'static str,
    pub set_password_submit: &'static str,
    pub link_unusable: &'static str,
    pub link_unusable_hint: &'static str,
    pub password_too_short: &'static str,
    pub password_control_character: &'static str,
    pub password_personal: &'static str,
    pub password_guessable: &'static str,
    pub password_mismatch: &'static str,
    pub account_exists: &'static str,
    pub account_unknown: &'static str,
    pub last_admin: &'static str,
    pub password_saved: &'static str,
    pub forgot_summary: &'static str,
    pub forgot_text: &'static str,
    pub users_title: &'static str,
    pub users_lead: &'static str,
    pub filter_text_label: &'static str,
    pub filter_role_label: &'static str,
    pub filter_status_label: &'static str,
    pub any: &'static str,
    pub status_active: &'static str,
    pub status_disabled: &'static str,
    pub filter_submit: &'static str,
    pub col_name: &'static str,
    pub col_email: &'static str,
    pub col_scope: &'static str,
    pub col_last_login: &'static str,
    pub never: &'static str,
    pub whole_organisation: &'static str,
    pub users_empty: &'static str,
    pub users_caption: &'static str,
}

const ACCOUNTS_ID: AccountTexts = AccountTexts {
    set_password_title: "Buat kata sandi",
    set_password_for: "Kata sandi baru untuk",
    set_password_rules: "Minimal 10 karakter. Frasa beberapa kata mudah diingat dan sulit ditebak, misalnya \
                         \u{201c}kopi susu di pagi hari\u{201d}. Jangan memakai nama atau alamat e-mail Anda.",
    new_password_label: "Kata sandi baru",
    repeat_password_label: "Ulangi kata sandi",
    set_password_submit: "Simpan kata sandi",
    link_unusable: "Tautan ini tidak berlaku lagi.",
    link_unusable_hint: "Tautan hanya bisa dipakai sekali dan berlaku 72 jam. Mintalah tautan baru kepada admin.",
    password_too_short: "Kata sandi perlu minimal 10 karakter selain spasi.",
    password_control_character: "Kata sandi tidak boleh memuat karakter kendali.",
    password_personal: "Kata sandi tidak boleh memuat nama atau alamat e-mail Anda.",
    password_guessable: "Kata sandi ini terlalu mudah ditebak (kata umum, urutan tombol, atau angka berurutan). \
                         Cobalah frasa beberapa kata.",
    password_mismatch: "Kedua kata sandi tidak sama.",
    account_exists: "Sudah ada akun dengan e-mail ini. Untuk kata sandi baru pakai `mawas reset-password`, \
                     untuk menonaktifkan pakai `mawas disable-user`.",
    account_unknown: "Tidak ada akun dengan e-mail ini.",
    last_admin: "Ini admin aktif terakhir: aktifkan admin lain dulu.",
    password_saved: "Kata sandi tersimpan. Silakan masuk dengan kata sandi baru.",
    forgot_summary: "Lupa kata sandi?",
    forgot_text: "Hubungi admin Mawas di instansi Anda. Admin akan memberi tautan sekali pakai (berlaku 72 jam) \
                  untuk membuat kata sandi baru; admin sendiri tidak pernah melihat kata sandi Anda.",
    users_title: "Pengguna dan peran",
    users_lead: "Akun staf: peran, cakupan unit, status, dan kapan terakhir masuk. Kata sandi tidak pernah terlihat di sini.",
    filter_text_label: "Nama atau e-mail",
    filter_role_label: "Peran",
    filter_status_label: "Status",
    any: "Semua",
    status_active: "Aktif",
    status_disabled: "Nonaktif",
    filter_submit: "Saring",
    col_name: "Nama",
    col_email: "E-mail",
    col_scope: "Cakupan",
    col_last_login: "Terakhir masuk",
    never: "belum pernah",
    whole_organisation: "seluruh organisasi",
    users_empty: "Tidak ada akun yang cocok.",
    users_caption: "Akun",
};

const ACCOUNTS_EN: AccountTexts = AccountTexts {
    set_password_title: "Choose a password",
    set_password_for: "New password for",
    set_password_rules: "At least 10 characters. A phrase of a few words is easy to remember and hard to guess, \
                         such as \u{201c}coffee with milk at dawn\u{201d}. Do not use your name or e-mail address.",
    new_password_label: "New password",
    repeat_password_label: "Repeat the password",
    set_password_submit: "Save password",
    link_unusable: "This link no longer works.",
    link_unusable_hint: "A link works once and for 72 hours. Ask your admin for a new one.",
    password_too_short: "The password needs at least 10 characters that are not spaces.",
    password_control_character: "The password must not contain control characters.",
    password_personal: "The password must not contain your name or e-mail address.",
    password_guessable: "This password is too easy to guess (a common word, a keyboard row or a run of digits). \
                         Try a phrase of a few words.",
    password_mismatch: "The two passwords differ.",
    account_exists: "An account with this e-mail exists. For a new password use `mawas reset-password`, to \
                     disable it use `mawas disable-user`.",
    account_unknown: "No account has this e-mail.",
    last_admin: "This is the last active admin: enable another admin first.",
    password_saved: "Your password is saved. Log in with the new password.",
    forgot_summary: "Forgot your password?",
    forgot_text: "Ask the Mawas admin of your agency. They will give you a one-time link (valid for 72 hours) \
                  to choose a new password; the admin never sees your password.",
    users_title: "Users and roles",
    users_lead: "Staff accounts: role, unit scope, status and last login. Passwords are never shown here.",
    filter_text_label: "Name or e-mail",
    filter_role_label: "Role",
    filter_status_label: "Status",
    any: "Any",
    status_active: "Active",
    status_disabled: "Disabled",
    filter_submit: "Filter",
    col_name: "Name",
    col_email: "E-mail",
    col_scope: "Scope",
    col_last_login: "Last login",
    never: "never",
    whole_organisation: "whole organisation",
    users_empty: "No account matches.",
    users_caption: "Accounts",
};

impl Lang {
    /// Texts about accounts.
    pub fn accounts(self) -> &'static AccountTexts {
        match self {
            Lang::Id => &ACCOUNTS_ID,
            Lang::En => &ACCOUNTS_EN,
        }
    }

    /// Explains why a new password is refused.
    pub fn password_problem(self, problem: PasswordProblem) -> &'static str {
        let a = self.accounts();
        match problem {
            PasswordProblem::TooShort => a.password_too_short,
            PasswordProblem::ControlCharacter => a.password_control_character,
            PasswordProblem::ContainsPersonalInfo => a.password_personal,
            PasswordProblem::TooGuessable => a.password_guessable,
            PasswordProblem::Mismatch => a.password_mismatch,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::password::MIN_CHARS;

    #[test]
    fn the_length_in_the_texts_is_the_rule() {
        for lang in [Lang::Id, Lang::En] {
            assert!(lang.accounts().password_too_short.contains(&MIN_CHARS.to_string()));
            assert!(lang.accounts().set_password_rules.contains(&MIN_CHARS.to_string()));
        }
    }
}
