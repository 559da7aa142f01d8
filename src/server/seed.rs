//! Deterministic demo data: Kabupaten Sukamaju with 26 OPD and their divisions, three periodic
//! waves over 18 months plus one open wave, two workshops with pre/post tests, and demo accounts.
//! Results differ by unit and move over time in believable ways; a few units are too small to report.

use super::entities::{answer, unit, wave, workshop};
use super::repo::{instruments, responses, users};
use crate::domain::lo25;
use crate::domain::pairing::code_from_indices;
use crate::domain::scoring::ItemKey;
use crate::domain::submission::{InstrumentItem, ValidSubmission};
use crate::domain::survey::{WaveAccess, WaveKind};
use crate::domain::unit_tree::UnitKind;
use crate::domain::{LikertValue, Role};
use crate::domain::{UnitId, WaveId};
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set, TransactionSession,
    TransactionTrait,
};

/// Demo accounts: e-mail, password, role, display name, scope unit code.
pub const DEMO_ACCOUNTS: [(&str, &str, Role, &str, Option<&str>); 5] = [
    ("admin@mawas.local", "admin-mawas-2026", Role::Admin, "Admin Mawas", None),
    ("hr@mawas.local", "hr-mawas-2026", Role::Hr, "Rina (BKPSDM)", None),
    ("hr.dinkes@mawas.local", "hr-dinkes-2026", Role::Hr, "Dedi (Dinas Kesehatan)", Some("DINKES")),
    ("trainer@mawas.local", "trainer-mawas-2026", Role::Trainer, "Sari (Widyaiswara)", None),
    ("trainer2@mawas.local", "trainer2-mawas-2026", Role::Trainer, "Bambang (Fasilitator)", None),
];

/// Prints how to log in with the demo accounts at `base_url`.
pub fn print_logins(base_url: &str) {
    println!("Demo logins ({base_url}/login):");
    for (email, password, role, _, scope) in DEMO_ACCOUNTS {
        let scope = scope.map(|s| format!(", scope {s}")).unwrap_or_default();
        println!("  {:<8} {email:<24} password: {password}{scope}", role.code());
    }
}

/// The survey path of the periodic wave open on `today`, if any, to point a demo user at.
pub async fn open_survey_path(db: &impl ConnectionTrait, today: NaiveDate) -> Result<Option<String>, AppError> {
    let open = wave::Entity::find()
        .filter(wave::Column::Kind.eq(WaveKind::Periodic))
        .filter(wave::Column::ClosedEarly.eq(false))
        .filter(wave::Column::OpensOn.lte(today))
        .filter(wave::Column::ClosesOn.gte(today))
        .one(db)
        .await?;
    Ok(open.map(|w| format!("/s/{}", w.slug)))
}

/// Whether the database has no units yet (a fresh install).
pub async fn is_empty(db: &impl ConnectionTrait) -> Result<bool, AppError> {
    Ok(unit::Entity::find().count(db).await? == 0)
}

/// OPD of the demo Pemda: code, name, and names of three divisions besides the Sekretariat.
const OPDS: [(&str, &str, [&str; 3]); 26] = [
    ("SETDA", "Sekretariat Daerah", ["Bagian Organisasi", "Bagian Hukum", "Bagian Perekonomian"]),
    ("SETWAN", "Sekretariat DPRD", ["Bagian Persidangan", "Bagian Keuangan", "Bagian Fasilitasi Penganggaran"]),
    ("INSPEKTORAT", "Inspektorat Daerah", ["Irban I", "Irban II", "Irban Investigasi"]),
    (
        "BAPPEDA",
        "Badan Perencanaan Pembangunan Daerah",
        ["Bidang Perencanaan Ekonomi", "Bidang Sosial Budaya", "Bidang Infrastruktur Wilayah"],
    ),
    (
        "BKPSDM",
        "Badan Kepegawaian dan Pengembangan SDM",
        ["Bidang Pengadaan dan Informasi", "Bidang Mutasi dan Promosi", "Bidang Pengembangan Kompetensi"],
    ),
    (
        "BPKAD",
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        ["Bidang Anggaran", "Bidang Perbendaharaan", "Bidang Aset"],
    ),
    ("BAPENDA", "Badan Pendapatan Daerah", ["Bidang Pendataan", "Bidang Penagihan", "Bidang Pengembangan Pendapatan"]),
    ("DISDIK", "Dinas Pendidikan", ["Bidang Pembinaan SD", "Bidang Pembinaan SMP", "Bidang PAUD dan Kesetaraan"]),
    (
        "DINKES",
        "Dinas Kesehatan",
        ["Bidang Kesehatan Masyarakat", "Bidang Pencegahan dan Pengendalian Penyakit", "Bidang Pelayanan Kesehatan"],
    ),
    (
        "DPUPR",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        ["Bidang Bina Marga", "Bidang Sumber Daya Air", "Bidang Tata Ruang"],
    ),
    (
        "DINSOS",
        "Dinas Sosial",
        ["Bidang Rehabilitasi Sosial", "Bidang Perlindungan Sosial", "Bidang Pemberdayaan Sosial"],
    ),
    (
        "DUKCAPIL",
        "Dinas Kependudukan dan Pencatatan Sipil",
        ["Bidang Pelayanan Pendaftaran Penduduk", "Bidang Pencatatan Sipil", "Bidang Pengelolaan Informasi"],
    ),
    (
        "DPMPTSP",
        "Dinas Penanaman Modal dan PTSP",
        ["Bidang Pelayanan Perizinan", "Bidang Promosi Investasi", "Bidang Pengaduan"],
    ),
    ("DISHUB", "Dinas Perhubungan", ["Bidang Lalu Lintas", "Bidang Angkutan", "Bidang Sarana Prasarana"]),
    (
        "DLH",
        "Dinas Lingkungan Hidup",
        ["Bidang Pengelolaan Sampah", "Bidang Pengendalian Pencemaran", "Bidang Pertamanan"],
    ),
    (
        "DISKOMINFO",
        "Dinas Komunikasi dan Informatika",
        ["Bidang Aplikasi Informatika", "Bidang Informasi Publik", "Bidang Statistik dan Persandian"],
    ),
    (
        "DISTAN",
        "Dinas Pertanian dan Ketahanan Pangan",
        ["Bidang Tanaman Pangan", "Bidang Hortikultura", "Bidang Ketahanan Pangan"],
    ),
    (
        "DISKANLA",
        "Dinas Perikanan",
        ["Bidang Perikanan Budidaya", "Bidang Perikanan Tangkap", "Bidang Pengolahan Hasil"],
    ),
    (
        "DISKOPUKM",
        "Dinas Koperasi dan UKM",
        ["Bidang Kelembagaan Koperasi", "Bidang Pemberdayaan UKM", "Bidang Pengawasan Koperasi"],
    ),
    ("DISPAR", "Dinas Pariwisata dan Kebudayaan", ["Bidang Destinasi Wisata", "Bidang Pemasaran", "Bidang Kebudayaan"]),
    (
        "SATPOLPP",
        "Satuan Polisi Pamong Praja",
        ["Bidang Penegakan Perda", "Bidang Ketertiban Umum", "Bidang Perlindungan Masyarakat"],
    ),
    (
        "BPBD",
        "Badan Penanggulangan Bencana Daerah",
        [
            "Bidang Pencegahan dan Kesiapsiagaan",
            "Bidang Kedaruratan dan Logistik",
            "Bidang Rehabilitasi dan Rekonstruksi",
        ],
    ),
    ("RSUD", "RSUD Sukamaju", ["Bidang Pelayanan Medik", "Bidang Keperawatan", "Bidang Penunjang"]),
    (
        "KEC.SUKAMAJU",
        "Kecamatan Sukamaju",
        ["Seksi Pemerintahan", "Seksi Pelayanan Umum", "Seksi Kesejahteraan Sosial"],
    ),
    (
        "KEC.CIBENING",
        "Kecamatan Cibening",
        ["Seksi Pemerintahan", "Seksi Pelayanan Umum", "Seksi Ketenteraman dan Ketertiban"],
    ),
    (
        "KEC.MEKARSARI",
        "Kecamatan Mekarsari",
        ["Seksi Pemerintahan", "Seksi Pelayanan Umum", "Seksi Pemberdayaan Masyarakat"],
    ),
];

/// Extra units below some divisions: parent code, code, name, kind, headcount (before scaling).
/// The headcounts of 3 and 4 make units that can never be reported alone with k = 5.
const EXTRA_UNITS: [(&str, &str, &str, UnitKind, i32); 12] = [
    ("DINKES", "DINKES.PKM1", "UPT Puskesmas Sukamaju", UnitKind::Upt, 34),
    ("DINKES", "DINKES.PKM2", "UPT Puskesmas Cibening", UnitKind::Upt, 27),
    ("DINKES", "DINKES.LAB", "UPT Laboratorium Kesehatan Daerah", UnitKind::Upt, 4),
    ("DINKES.B2", "DINKES.B2.S1", "Seksi Surveilans dan Imunisasi", UnitKind::Seksi, 9),
    ("DINKES.B2", "DINKES.B2.S2", "Seksi Pengendalian Penyakit Menular", UnitKind::Seksi, 8),
    ("DISDIK", "DISDIK.KORWIL1", "UPT Korwil Pendidikan Sukamaju", UnitKind::Upt, 14),
    ("DISDIK", "DISDIK.KORWIL2", "UPT Korwil Pendidikan Mekarsari", UnitKind::Upt, 12),
    ("DISDIK.B1", "DISDIK.B1.S1", "Seksi Kurikulum SD", UnitKind::Seksi, 7),
    ("DISKOMINFO.B3", "DISKOMINFO.B3.S1", "Seksi Persandian", UnitKind::Seksi, 3),
    ("DPUPR.B1", "DPUPR.B1.S1", "Seksi Jalan dan Jembatan", UnitKind::Seksi, 16),
    ("DPUPR.B1", "DPUPR.B1.S2", "Seksi Preservasi Jalan", UnitKind::Seksi, 11),
    ("BKPSDM.B3", "BKPSDM.B3.TIM", "Tim Kerja Pengembangan Kompetensi ASN", UnitKind::Tim, 6),
];

/// Comments respondents leave, in their own words.
const COMMENTS: [&str; 20] = [
    "Rapat koordinasi antarbidang sebaiknya rutin, bukan hanya saat ada masalah.",
    "Kami jarang diajak menyusun target unit, tiba-tiba sudah ada di DPA.",
    "Pimpinan sekarang lebih terbuka menerima masukan, semoga berlanjut.",
    "Pelatihan sering tidak sesuai kebutuhan tugas sehari-hari.",
    "Berbagi pengetahuan masih bergantung pada orang tertentu saja.",
    "Data antar-OPD sulit didapat, masing-masing menyimpan sendiri.",
    "Kesalahan masih dicari siapa yang salah, bukan apa yang bisa diperbaiki.",
    "Inovasi pelayanan di unit kami mulai terasa manfaatnya bagi masyarakat.",
    "Beban kerja tinggi sehingga tidak ada waktu untuk belajar hal baru.",
    "Visi instansi perlu dijelaskan lebih konkret untuk pekerjaan kami.",
    "SOP lama masih dipakai walaupun sudah tidak sesuai kondisi lapangan.",
    "Forum diskusi mingguan di bidang kami sangat membantu.",
    "Perlu mentoring untuk pegawai baru agar cepat memahami alur layanan.",
    "Koordinasi dengan kecamatan sudah lebih baik sejak ada grup kerja bersama.",
    "Kami ingin lebih banyak belajar dari daerah lain yang berhasil.",
    "Keputusan sering diambil tanpa melihat dampaknya ke bidang lain.",
    "Evaluasi program lebih fokus pada serapan anggaran daripada hasil.",
    "Suasana kerja mendukung untuk menyampaikan pendapat.",
    "Mohon hasil survei ini benar-benar ditindaklanjuti.",
    "Perlu kejelasan pembagian tugas antara tim kerja dan struktural.",
];

/// A unit as the generator sees it.
struct DemoUnit {
    id: UnitId,
    code: String,
    opd_index: usize,
    /// Staff who answer directly in this unit (not in its children), before scaling.
    direct_staff: i32,
    /// Persistent culture of the unit per discipline, on the 1–5 scale.
    base: [f64; 5],
}

struct Generator {
    rng: StdRng,
    items: Vec<InstrumentItem>,
}

impl Generator {
    fn normal(&mut self) -> f64 {
        // Box–Muller: enough for believable demo answers.
        let u1: f64 = self.rng.random::<f64>().max(1e-12);
        let u2: f64 = self.rng.random::<f64>();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }

    /// Answers of one respondent whose true level per discipline is `level`; about 3 % left blank.
    fn answers(&mut self, level: [f64; 5]) -> Vec<Option<LikertValue>> {
        let person = 0.35 * self.normal();
        let keys: Vec<ItemKey> = self.items.iter().map(|i| i.key).collect();
        keys.into_iter()
            .map(|key| {
                if self.rng.random_bool(0.03) {
                    return None;
                }
                let agreement =
                    (level[key.discipline.index()] + person + 0.75 * self.normal()).round().clamp(1.0, 5.0) as i64;
                let answered = if key.reverse { 6 - agreement } else { agreement };
                LikertValue::parse(answered, lo25::SCALE_POINTS).ok()
            })
            .collect()
    }

    /// A submission of the given answers; bands, comment and pairing code default to none.
    fn submission(&self, answers: Vec<Option<LikertValue>>) -> ValidSubmission {
        ValidSubmission {
            answers,
            then_answers: Vec::new(),
            grade_band: None,
            tenure_band: None,
            role_kind: None,
            comment: None,
            pairing_code: None,
        }
    }

    fn pick(&mut self, options: &[(&str, f64)]) -> Option<String> {
        if self.rng.random_bool(0.25) {
            return None;
        }
        let mut x: f64 = self.rng.random::<f64>();
        for (code, weight) in options {
            if x < *weight {
                return Some(code.to_string());
            }
            x -= weight;
        }
        options.last().map(|(c, _)| c.to_string())
    }

    fn slug(&mut self) -> String {
        (0..12)
            .map(|_| crate::domain::pairing::ALPHABET[self.rng.random_range(0..32)] as char)
            .collect::<String>()
            .to_lowercase()
    }

    fn pairing_code(&mut self) -> String {
        code_from_indices(std::array::from_fn(|_| self.rng.random_range(0..32u8)))
    }
}

/// One response to store.
struct NewResponse {
    wave_id: WaveId,
    unit_id: UnitId,
    day: NaiveDate,
    submission: ValidSubmission,
}

async fn insert_responses(
    db: &impl ConnectionTrait,
    items: &[InstrumentItem],
    batch: Vec<NewResponse>,
) -> Result<u64, AppError> {
    let mut answer_rows = Vec::new();
    let count = batch.len() as u64;
    for r in batch {
        let saved = responses::scored_row(r.wave_id, r.unit_id, r.day, items, &r.submission, lo25::SCALE_POINTS)
            .insert(db)
            .await?;
        answer_rows.extend(responses::answer_rows(saved.id, items, &r.submission));
    }
    // 4 columns × 5,000 rows stays under SQLite's 32,766 bound parameters per statement.
    let mut rows = answer_rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(5_000).collect();
        answer::Entity::insert_many(chunk).exec(db).await?;
    }
    Ok(count)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn at(date: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_hms_opt(8, 0, 0).unwrap_or_default())
}

async fn insert_unit(
    db: &impl ConnectionTrait,
    code: &str,
    name: &str,
    parent: Option<UnitId>,
    kind: UnitKind,
    headcount: i32,
) -> Result<UnitId, AppError> {
    let saved = unit::ActiveModel {
        code: Set(code.into()),
        name: Set(name.into()),
        parent_id: Set(parent),
        kind: Set(kind),
        headcount: Set(Some(headcount)),
        active: Set(true),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(saved.id)
}

#[expect(clippy::too_many_arguments, reason = "one call site per wave kind; a struct would only rename the arguments")]
async fn insert_wave(
    db: &impl ConnectionTrait,
    g: &mut Generator,
    title: &str,
    instrument_id: i32,
    root: UnitId,
    opens: NaiveDate,
    closes: NaiveDate,
    kind: WaveKind,
) -> Result<WaveId, AppError> {
    let saved = wave::ActiveModel {
        slug: Set(g.slug()),
        title: Set(title.into()),
        instrument_id: Set(instrument_id),
        root_unit_id: Set(root),
        opens_on: Set(opens),
        closes_on: Set(closes),
        access: Set(WaveAccess::Open),
        kind: Set(kind),
        closed_early: Set(false),
        created_at: Set(at(opens)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    crate::server::repo::waves::snapshot(db, saved.id, saved.root_unit_id).await?;
    Ok(saved.id)
}

/// Loads the demo into an empty database and returns a one-line summary. `scale` multiplies
/// headcounts and respondents of the periodic waves.
pub async fn seed_demo<C: ConnectionTrait + TransactionTrait>(db: &C, scale: u32) -> Result<String, AppError> {
    if !is_empty(db).await? {
        return Err(AppError::invalid(
            "the database already has units; seed-demo loads into an empty database (use a new DATABASE_URL)",
        ));
    }
    let scale = i32::try_from(scale.max(1)).unwrap_or(1);
    let txn = db.begin().await?;
    let instrument_id = instruments::ensure_lo25(&txn, at(day(2025, 1, 2))).await?;
    let items = instruments::instrument_items(&txn, instrument_id).await?;
    let mut g = Generator { rng: StdRng::seed_from_u64(20_260_101), items };

    // Organisation tree.
    let root = insert_unit(&txn, "KAB", "Pemerintah Kabupaten Sukamaju", None, UnitKind::Pemda, 8 * scale).await?;
    let discipline_offset = [0.35, -0.05, 0.10, 0.0, -0.30];
    let mut units: Vec<DemoUnit> =
        vec![DemoUnit { id: root, code: "KAB".into(), opd_index: 0, direct_staff: 8, base: [3.5; 5] }];
    let mut opd_ids = Vec::new();
    for (opd_index, (code, name, divisions)) in OPDS.iter().enumerate() {
        let opd_effect = 0.28 * g.normal();
        let direct = g.rng.random_range(5..=9);
        let opd_id = insert_unit(&txn, code, name, Some(root), UnitKind::Opd, direct * scale).await?;
        opd_ids.push(opd_id);
        let base_for =
            |g: &mut Generator| std::array::from_fn(|d| 3.3 + opd_effect + discipline_offset[d] + 0.15 * g.normal());
        let base = base_for(&mut g);
        units.push(DemoUnit { id: opd_id, code: code.to_string(), opd_index, direct_staff: direct, base });
        let kind = if code.starts_with("KEC.") { UnitKind::Seksi } else { UnitKind::Bidang };
        let sekretariat = if code.starts_with("KEC.") { "Sekretariat Kecamatan" } else { "Sekretariat" };
        for (j, division) in std::iter::once(&sekretariat).chain(divisions.iter()).enumerate() {
            let staff = g.rng.random_range(10..=26);
            let div_code = if j == 0 { format!("{code}.SEK") } else { format!("{code}.B{j}") };
            let kind = if j == 0 { UnitKind::Bidang } else { kind };
            let id = insert_unit(&txn, &div_code, division, Some(opd_id), kind, staff * scale).await?;
            let base = base_for(&mut g);
            units.push(DemoUnit { id, code: div_code, opd_index, direct_staff: staff, base });
        }
    }
    for (parent_code, code, name, kind, staff) in EXTRA_UNITS {
        let Some((parent_id, opd_index, parent_base)) =
            units.iter().find(|u| u.code == parent_code).map(|u| (u.id, u.opd_index, u.base))
        else {
            continue;
        };
        let id = insert_unit(&txn, code, name, Some(parent_id), kind, staff * scale).await?;
        let base = std::array::from_fn(|d| parent_base[d] + 0.2 * g.normal());
        units.push(DemoUnit { id, code: code.into(), opd_index, direct_staff: staff, base });
    }
    // Headcounts of parents include their descendants, as HR records them.
    let all = super::repo::units::all(&txn).await?;
    let tree = unit::tree(&all);
    for u in &all {
        let total: i32 = units.iter().filter(|d| tree.covers(Some(u.id), d.id)).map(|d| d.direct_staff * scale).sum();
        let mut active: unit::ActiveModel = u.clone().into();
        active.headcount = Set(Some(total));
        active.update(&txn).await?;
    }

    // Accounts.
    for (email, password, role, name, scope) in DEMO_ACCOUNTS {
        let scope_unit_id = scope.and_then(|code| units.iter().find(|u| u.code == code).map(|u| u.id));
        users::create(
            &txn,
            users::NewUser { email, display_name: name, password, role, scope_unit_id },
            at(day(2025, 1, 2)),
        )
        .await?
        .ok_or_else(|| AppError::internal("the demo loads into an empty database"))?;
    }

    // Periodic waves: each OPD follows its own trend (improving, flat or declining).
    let trend_per_opd: Vec<f64> = (0..OPDS.len())
        .map(|_| match g.rng.random_range(0..20) {
            0..=5 => 0.20,
            6..=14 => 0.0,
            _ => -0.17,
        })
        .collect();
    let waves = [
        ("Survei Organisasi Pembelajar Semester I 2025", day(2025, 5, 5), day(2025, 5, 30)),
        ("Survei Organisasi Pembelajar Semester II 2025", day(2025, 11, 3), day(2025, 11, 28)),
        ("Survei Organisasi Pembelajar Semester I 2026", day(2026, 5, 4), day(2026, 5, 29)),
    ];
    let mut total = 0u64;
    for (w, (title, opens, closes)) in waves.iter().enumerate() {
        let wave_id =
            insert_wave(&txn, &mut g, title, instrument_id, root, *opens, *closes, WaveKind::Periodic).await?;
        let span = (*closes - *opens).num_days().max(1);
        let mut batch = Vec::new();
        for u in &units {
            let rate = g.rng.random_range(0.6..0.95);
            let n = ((u.direct_staff * scale) as f64 * rate).round() as i32;
            let drift = trend_per_opd[u.opd_index] * w as f64;
            let level: [f64; 5] = std::array::from_fn(|d| u.base[d] + drift);
            for _ in 0..n {
                let answers = g.answers(level);
                let comment =
                    g.rng.random_bool(0.12).then(|| COMMENTS[g.rng.random_range(0..COMMENTS.len())].to_string());
                let bands = [
                    g.pick(&[("I", 0.02), ("II", 0.2), ("III", 0.55), ("IV", 0.1), ("PPPK", 0.13)]),
                    g.pick(&[("lt2", 0.12), ("2to5", 0.2), ("6to10", 0.23), ("gt10", 0.45)]),
                    g.pick(&[("struktural", 0.15), ("fungsional", 0.35), ("pelaksana", 0.5)]),
                ];
                let day = *opens + chrono::Duration::days(g.rng.random_range(0..=span));
                // Every band is drawn, so the demo stays the same, but only the waves' dimension (grade) is
                // kept: a wave stores no band it never shows.
                let [grade_band, _, _] = bands;
                let submission = ValidSubmission { grade_band, comment, ..g.submission(answers) };
                batch.push(NewResponse { wave_id, unit_id: u.id, day, submission });
                if batch.len() >= 500 {
                    total += insert_responses(&txn, &g.items, std::mem::take(&mut batch)).await?;
                }
            }
        }
        total += insert_responses(&txn, &g.items, batch).await?;
    }
    insert_wave(
        &txn,
        &mut g,
        "Survei Organisasi Pembelajar Semester II 2026",
        instrument_id,
        root,
        day(2026, 11, 2),
        day(2027, 1, 29),
        WaveKind::Periodic,
    )
    .await?;

    // Workshops with a real effect on some disciplines; about three in four participants keep their code.
    let trainer = users::by_email(&txn, "trainer@mawas.local").await?.map(|u| u.id).unwrap_or_default();
    let workshops = [
        (
            "Pelatihan Berpikir Sistem bagi Pejabat Pengawas",
            "BPSDM Provinsi, Aula Utama",
            day(2026, 3, 9),
            day(2026, 3, 12),
            true,
            30,
            [0.1, 0.25, 0.1, 0.3, 0.6],
            Some("BKPSDM"),
        ),
        (
            "Lokakarya Pembelajaran Tim Lintas OPD",
            "Aula Bappeda",
            day(2026, 8, 17),
            day(2026, 8, 18),
            false,
            24,
            [0.0, 0.1, 0.05, 0.45, 0.15],
            None,
        ),
    ];
    for (title, place, from, to, then_test, participants, effect, unit_code) in workshops {
        let pre =
            insert_wave(&txn, &mut g, &format!("Pre-test: {title}"), instrument_id, root, from, from, WaveKind::Pre)
                .await?;
        let post =
            insert_wave(&txn, &mut g, &format!("Post-test: {title}"), instrument_id, root, to, to, WaveKind::Post)
                .await?;
        workshop::ActiveModel {
            title: Set(title.into()),
            place: Set(Some(place.into())),
            owner_id: Set(trainer),
            unit_id: Set(unit_code.and_then(|c| units.iter().find(|u| u.code == c).map(|u| u.id))),
            held_from: Set(from),
            held_to: Set(to),
            then_test: Set(then_test),
            pre_wave_id: Set(pre),
            post_wave_id: Set(post),
            created_at: Set(at(from)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let mut batch = Vec::new();
        for _ in 0..participants {
            let unit_id = opd_ids[g.rng.random_range(0..opd_ids.len())];
            let start: [f64; 5] = std::array::from_fn(|d| 3.2 + discipline_offset[d] + 0.3 * g.normal());
            let code = g.rng.random_bool(0.75).then(|| g.pairing_code());
            let before = g.answers(start);
            let submission = ValidSubmission { pairing_code: code.clone(), ..g.submission(before) };
            batch.push(NewResponse { wave_id: pre, unit_id, day: from, submission });
            if g.rng.random_bool(0.9) {
                let after: [f64; 5] = std::array::from_fn(|d| start[d] + effect[d]);
                let answers = g.answers(after);
                // Looking back after the workshop, people rate their starting point a little lower (response shift).
                let then_answers = if then_test {
                    let shifted: [f64; 5] = std::array::from_fn(|d| start[d] - 0.2);
                    g.answers(shifted)
                } else {
                    Vec::new()
                };
                let submission = ValidSubmission { pairing_code: code, then_answers, ..g.submission(answers) };
                batch.push(NewResponse { wave_id: post, unit_id, day: to, submission });
            }
        }
        total += insert_responses(&txn, &g.items, batch).await?;
    }
    // The responses went in without their per-unit sums: one GROUP BY fills them all.
    crate::server::repo::sums::scores::rebuild_sums(&txn).await?;
    txn.commit().await?;
    Ok(format!(
        "demo data loaded: {} units, 4 periodic waves, 2 workshops, {total} responses (scale {scale})",
        units.len()
    ))
}
