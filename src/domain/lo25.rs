//! The built-in instrument **Mawas LO-25**: five items per discipline, written for this project in
//! Bahasa Indonesia and English. Reverse-worded items (`reverse: true`) keep acquiescent respondents
//! ("agree to everything") from inflating scores; every discipline has at least one.

use super::discipline::Discipline;

/// Slug of the built-in instrument in URLs and the API.
pub const SLUG: &str = "lo-25";
/// Version of the built-in instrument; a changed text means a new version, never an edit.
pub const VERSION: i32 = 1;
/// Points of its agreement scale.
pub const SCALE_POINTS: u8 = 5;
/// Title in Bahasa Indonesia.
pub const TITLE_ID: &str = "Mawas LO-25: Asesmen Mandiri Organisasi Pembelajar";
/// Title in English.
pub const TITLE_EN: &str = "Mawas LO-25: Learning Organization Self-Assessment";

/// One item of the instrument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lo25Item {
    pub code: &'static str,
    pub discipline: Discipline,
    pub reverse: bool,
    pub text_id: &'static str,
    pub text_en: &'static str,
}

const fn item(
    code: &'static str,
    discipline: Discipline,
    reverse: bool,
    text_id: &'static str,
    text_en: &'static str,
) -> Lo25Item {
    Lo25Item { code, discipline, reverse, text_id, text_en }
}

use Discipline::{
    MentalModels as MM, PersonalMastery as PM, SharedVision as SV, SystemsThinking as ST, TeamLearning as TL,
};

/// The 25 items in presentation order.
pub const ITEMS: [Lo25Item; 25] = [
    item(
        "PM1",
        PM,
        false,
        "Saya tahu dengan jelas apa yang ingin saya capai dalam pekerjaan saya tahun ini.",
        "I know clearly what I want to achieve in my work this year.",
    ),
    item(
        "PM2",
        PM,
        false,
        "Saya menilai kemampuan saya sendiri secara jujur, termasuk kekurangannya.",
        "I assess my own abilities honestly, including where they fall short.",
    ),
    item(
        "PM3",
        PM,
        false,
        "Saya meluangkan waktu untuk mempelajari hal baru yang berguna bagi tugas saya.",
        "I make time to learn new things that are useful for my duties.",
    ),
    item(
        "PM4",
        PM,
        false,
        "Ketika hasil kerja saya belum sesuai harapan, saya mencari cara untuk memperbaikinya.",
        "When my work falls short of what I hoped, I look for ways to improve it.",
    ),
    item(
        "PM5",
        PM,
        true,
        "Saya merasa kompetensi saya sudah cukup dan tidak perlu dikembangkan lagi.",
        "I feel my competence is already sufficient and needs no further development.",
    ),
    item(
        "MM1",
        MM,
        false,
        "Di unit saya, kami biasa mempertanyakan mengapa suatu pekerjaan dilakukan dengan cara tertentu.",
        "In my unit we routinely ask why a task is done the way it is.",
    ),
    item(
        "MM2",
        MM,
        true,
        "Di unit saya, alasan \"sudah dari dulu begini\" cukup untuk menolak usulan perubahan.",
        "In my unit, \"it has always been done this way\" is enough to turn down a proposal for change.",
    ),
    item(
        "MM3",
        MM,
        false,
        "Saya tetap terbuka ketika pendapat saya dibantah dengan data atau pengalaman orang lain.",
        "I stay open when my view is challenged with data or with other people's experience.",
    ),
    item(
        "MM4",
        MM,
        false,
        "Kami mengubah prosedur kerja ketika bukti menunjukkan cara lama kurang berhasil.",
        "We change work procedures when evidence shows the old way is not working well.",
    ),
    item(
        "MM5",
        MM,
        true,
        "Atasan di unit saya jarang bersedia mendengar pandangan yang berbeda dari pandangannya.",
        "Supervisors in my unit are rarely willing to hear views that differ from their own.",
    ),
    item(
        "SV1",
        SV,
        false,
        "Saya memahami gambaran masa depan layanan yang ingin dicapai instansi saya.",
        "I understand the picture of the future service my agency is working towards.",
    ),
    item(
        "SV2",
        SV,
        false,
        "Saya tahu bagaimana pekerjaan saya sehari-hari mendukung tujuan instansi.",
        "I know how my daily work supports the agency's goals.",
    ),
    item(
        "SV3",
        SV,
        false,
        "Tujuan unit kami disusun dengan melibatkan pegawai, bukan hanya ditetapkan dari atas.",
        "Our unit's goals are set with staff involvement, not only handed down from above.",
    ),
    item(
        "SV4",
        SV,
        false,
        "Saya sungguh peduli pada tercapainya visi instansi, bukan sekadar menjalankan perintah.",
        "I genuinely care about reaching the agency's vision, not merely following orders.",
    ),
    item(
        "SV5",
        SV,
        true,
        "Bagi saya, visi instansi hanya slogan di dinding yang tidak berkaitan dengan pekerjaan saya.",
        "To me, the agency's vision is just a slogan on the wall with no bearing on my work.",
    ),
    item(
        "TL1",
        TL,
        false,
        "Dalam rapat tim, setiap orang dapat menyampaikan pendapat dengan leluasa.",
        "In team meetings, everyone can speak their mind freely.",
    ),
    item(
        "TL2",
        TL,
        false,
        "Kesalahan dalam pekerjaan dibahas secara terbuka untuk dipelajari bersama, bukan untuk mencari siapa yang salah.",
        "Mistakes at work are discussed openly to learn from together, not to find someone to blame.",
    ),
    item(
        "TL3",
        TL,
        false,
        "Rekan kerja saya berbagi pengetahuan dan pengalaman tanpa perlu diminta.",
        "My colleagues share knowledge and experience without being asked.",
    ),
    item(
        "TL4",
        TL,
        false,
        "Tim kami belajar dari unit atau instansi lain yang menangani pekerjaan serupa.",
        "Our team learns from other units or agencies that handle similar work.",
    ),
    item(
        "TL5",
        TL,
        true,
        "Unit-unit di instansi saya cenderung menyimpan informasi untuk kepentingannya sendiri.",
        "Units in my agency tend to keep information to themselves.",
    ),
    item(
        "ST1",
        ST,
        false,
        "Saya memahami bagaimana pekerjaan unit saya memengaruhi layanan yang diterima masyarakat.",
        "I understand how my unit's work affects the service citizens receive.",
    ),
    item(
        "ST2",
        ST,
        false,
        "Ketika muncul masalah, kami mencari akar penyebabnya, bukan hanya mengatasi gejalanya.",
        "When a problem arises, we look for its root cause, not only treat the symptoms.",
    ),
    item(
        "ST3",
        ST,
        false,
        "Sebelum mengambil keputusan, kami mempertimbangkan dampaknya bagi unit lain.",
        "Before making a decision, we consider its effect on other units.",
    ),
    item(
        "ST4",
        ST,
        false,
        "Kami memperhatikan akibat jangka panjang dari suatu kebijakan, tidak hanya hasil cepatnya.",
        "We pay attention to a policy's long-term consequences, not only its quick results.",
    ),
    item(
        "ST5",
        ST,
        true,
        "Selama tugas unit saya selesai, apa yang terjadi di unit lain bukan urusan saya.",
        "As long as my unit's tasks are done, what happens in other units is not my concern.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_items_per_discipline_with_codes_in_order_and_a_reverse_item_each() {
        for d in Discipline::ALL {
            let items: Vec<_> = ITEMS.iter().filter(|i| i.discipline == d).collect();
            assert_eq!(items.len(), 5, "{d:?}");
            let codes: Vec<_> = items.iter().map(|i| i.code.to_string()).collect();
            let expected: Vec<_> = (1..=5).map(|n| format!("{}{n}", d.item_prefix())).collect();
            assert_eq!(codes, expected);
            assert!(items.iter().any(|i| i.reverse), "{d:?} needs a reverse item");
            assert!(items.iter().all(|i| !i.text_id.is_empty() && !i.text_en.is_empty()));
        }
    }
}
