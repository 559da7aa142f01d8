//! Texts of the admin's audit log page.

use super::Lang;

/// Every string of the audit log page, in one language.
pub struct AuditTexts {
    pub title: &'static str,
    pub lead: &'static str,
    pub caption: &'static str,
    pub col_when: &'static str,
    pub col_who: &'static str,
    pub col_action: &'static str,
    pub col_target: &'static str,
    pub command_line: &'static str,
    pub empty: &'static str,
    pub older: &'static str,
    pub newest: &'static str,
    /// Words for the action codes the application records; an unknown code is shown as it is.
    pub actions: &'static [(&'static str, &'static str)],
}

const AUDIT_ID: AuditTexts = AuditTexts {
    title: "Log audit",
    lead: "Siapa melakukan apa, dan kapan: masuk, pengaturan, unit, gelombang, undangan, input kuesioner kertas, \
           rencana aksi. Jawaban responden tidak pernah dicatat di sini.",
    caption: "Catatan terbaru lebih dulu; waktu dalam UTC (WIB = UTC+7)",
    col_when: "Waktu (UTC)",
    col_who: "Akun",
    col_action: "Tindakan",
    col_target: "Objek",
    command_line: "baris perintah",
    empty: "Belum ada catatan.",
    older: "Catatan lebih lama",
    newest: "Kembali ke yang terbaru",
    actions: &[
        ("login", "Masuk"),
        ("settings.update", "Pengaturan diubah"),
        ("units.upsert", "Unit diimpor atau diubah"),
        ("unit.activate", "Unit diaktifkan"),
        ("unit.deactivate", "Unit dinonaktifkan"),
        ("wave.create", "Gelombang dibuat"),
        ("wave.open", "Gelombang dibuka"),
        ("wave.close", "Gelombang ditutup"),
        ("workshop.create", "Pelatihan dibuat"),
        ("invitations.create", "Undangan pribadi dibuat"),
        ("responses.import", "Kuesioner kertas dimasukkan"),
        ("plan.create", "Rencana aksi dibuat"),
        ("plan.update", "Rencana aksi diubah"),
        ("plan.status", "Status rencana aksi diubah"),
        ("plan.progress", "Catatan kemajuan ditambahkan"),
        ("user.create", "Akun dibuat"),
        ("user.password_link", "Tautan kata sandi dibuat"),
        ("user.password_set", "Kata sandi dibuat lewat tautan"),
        ("user.disable", "Akun dinonaktifkan"),
        ("user.enable", "Akun diaktifkan"),
    ],
};

const AUDIT_EN: AuditTexts = AuditTexts {
    title: "Audit log",
    lead: "Who did what, and when: logins, settings, units, waves, invitations, paper questionnaires, action plans. \
           Respondents' answers are never recorded here.",
    caption: "Newest first; times in UTC (WIB = UTC+7)",
    col_when: "Time (UTC)",
    col_who: "Account",
    col_action: "Action",
    col_target: "Object",
    command_line: "command line",
    empty: "Nothing recorded yet.",
    older: "Older entries",
    newest: "Back to the newest",
    actions: &[
        ("login", "Logged in"),
        ("settings.update", "Settings changed"),
        ("units.upsert", "Units imported or edited"),
        ("unit.activate", "Unit reactivated"),
        ("unit.deactivate", "Unit deactivated"),
        ("wave.create", "Wave created"),
        ("wave.open", "Wave reopened"),
        ("wave.close", "Wave closed"),
        ("workshop.create", "Workshop created"),
        ("invitations.create", "Personal invitations created"),
        ("responses.import", "Paper questionnaires entered"),
        ("plan.create", "Action plan created"),
        ("plan.update", "Action plan edited"),
        ("plan.status", "Action plan status changed"),
        ("plan.progress", "Progress note added"),
        ("user.create", "Account created"),
        ("user.password_link", "Password link made"),
        ("user.password_set", "Password chosen with a link"),
        ("user.disable", "Account disabled"),
        ("user.enable", "Account enabled"),
    ],
};

impl AuditTexts {
    /// The words for an action code, or the code itself when it has none.
    pub fn action<'a>(&self, code: &'a str) -> &'a str {
        self.actions.iter().find(|(c, _)| *c == code).map_or(code, |(_, words)| words)
    }
}

impl Lang {
    /// Texts of the audit log page.
    pub fn audit(self) -> &'static AuditTexts {
        match self {
            Lang::Id => &AUDIT_ID,
            Lang::En => &AUDIT_EN,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_name_the_same_actions_and_unknown_codes_show_as_they_are() {
        let codes = |t: &AuditTexts| t.actions.iter().map(|(c, _)| *c).collect::<Vec<_>>();
        assert_eq!(codes(&AUDIT_ID), codes(&AUDIT_EN));
        assert_eq!(Lang::Id.audit().action("wave.close"), "Gelombang ditutup");
        assert_eq!(Lang::En.audit().action("something.new"), "something.new");
    }
}
