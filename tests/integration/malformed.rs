//! Malformed input: thousands of generated survey forms, unit imports and invitation lists, each with
//! at least one real defect among hostile noise (huge strings, broken UTF-8, SQL and HTML, negative
//! and huge numbers, repeated and unknown fields). None may fail the server (5xx or a panic) and none
//! may store anything.
//!
//! The cases come from proptest strategies drawn with a fixed seed, so a failure names its case and
//! repeats; they are sent one by one through the whole router, which proptest's synchronous runner
//! cannot drive, so there is no shrinking: the failing case is printed whole instead.

use super::helpers::{TestApp, with_app};
use super::invitation_pages::send_form;
use mawas::domain::Role;
use mawas::server::config::Config;
use mawas::server::entities::wave;
use mawas::server::repo::instruments;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};

const SURVEY_CASES: usize = 8_000;
const UNIT_IMPORT_CASES: usize = 1_000;
const INVITATION_CASES: usize = 1_000;

fn draw<T>(strategy: impl Strategy<Value = T>, n: usize) -> Vec<T> {
    let mut runner = TestRunner::deterministic();
    (0..n).map(|_| strategy.new_tree(&mut runner).expect("a case").current()).collect()
}

/// Text an attacker or a broken client might send in any field.
fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("'; DROP TABLE response; --".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("\"><img src=x onerror=alert(1)>".to_string()),
        Just("=HYPERLINK(\"http://evil.example\")".to_string()),
        Just("-1".to_string()),
        Just("99999999999999999999999".to_string()),
        Just("1e309".to_string()),
        Just("NaN".to_string()),
        Just(String::new()),
        Just("\u{0}\u{1b}[31m\r\n".to_string()),
        "\\PC{0,60}",
        any::<i64>().prop_map(|n| n.to_string()),
        (1usize..20_000).prop_map(|n| "ß".repeat(n)),
    ]
}

/// A value no five-point item accepts: outside 1..=5, or not a whole number at all.
fn off_scale_value() -> impl Strategy<Value = String> {
    prop_oneof![
        (i64::MIN..=0).prop_map(|n| n.to_string()),
        (6..=i64::MAX).prop_map(|n| n.to_string()),
        "[a-zA-Z<>'\";%.,]{1,30}",
        Just("3.5".to_string()),
        Just("1e0".to_string()),
        Just("99999999999999999999999999".to_string()),
    ]
}

#[derive(Clone, Debug)]
enum SurveyDefect {
    UnitMissing,
    UnitUnknown(String),
    OffScale { item: usize, value: String },
    UnknownItem(String),
    RepeatedItem(usize),
    BandUnknown { field: &'static str, value: String },
    CommentTooLong(usize),
}

#[derive(Clone, Debug)]
struct SurveyCase {
    defect: SurveyDefect,
    answered: Vec<(usize, u8)>,
    nonce: String,
    comment: Option<String>,
    noise: Vec<(String, String)>,
    duplicate_fields: bool,
    broken_utf8: bool,
}

fn survey_case(items: usize) -> impl Strategy<Value = SurveyCase> {
    let defect = prop_oneof![
        Just(SurveyDefect::UnitMissing),
        "[A-Za-z0-9<>' .;-]{0,40}".prop_map(|c| SurveyDefect::UnitUnknown(format!("ZZ{c}"))),
        (0..items, off_scale_value()).prop_map(|(item, value)| SurveyDefect::OffScale { item, value }),
        "[A-Za-z0-9_]{1,12}".prop_map(|c| SurveyDefect::UnknownItem(format!("ZZ{c}"))),
        (0..items).prop_map(SurveyDefect::RepeatedItem),
        (prop::sample::select(vec!["grade_band", "tenure_band", "role_kind"]), "\\PC{1,30}")
            .prop_map(|(field, v)| SurveyDefect::BandUnknown { field, value: format!("zz{v}") }),
        (2_001usize..50_000).prop_map(SurveyDefect::CommentTooLong),
    ];
    let noise_field =
        (prop_oneof!["[a-z_]{1,12}", "\\PC{0,30}", Just("u".to_string()), Just("t".to_string())], hostile_text());
    (
        defect,
        prop::collection::vec((0..items, 1u8..=5), 0..=items),
        "\\PC{1,80}",
        prop::option::of(hostile_text().prop_map(|t| t.chars().take(2_000).collect::<String>())),
        prop::collection::vec(noise_field, 0..6),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(defect, answered, nonce, comment, noise, duplicate_fields, broken_utf8)| SurveyCase {
            defect,
            answered,
            nonce,
            comment,
            noise,
            duplicate_fields,
            broken_utf8,
        })
}

fn encode(pairs: &[(String, String)]) -> String {
    serde_urlencoded::to_string(pairs).expect("pairs of strings encode")
}

impl SurveyCase {
    fn body(&self, unit: &str, codes: &[String]) -> Vec<u8> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        match &self.defect {
            SurveyDefect::UnitMissing => {}
            SurveyDefect::UnitUnknown(code) => pairs.push(("u".into(), code.clone())),
            _ => pairs.push(("u".into(), unit.into())),
        }
        pairs.push(("nonce".into(), self.nonce.clone()));
        let mut seen = std::collections::HashSet::new();
        for (item, value) in &self.answered {
            if seen.insert(*item) {
                pairs.push((format!("a_{}", codes[*item]), value.to_string()));
            }
        }
        match &self.defect {
            SurveyDefect::OffScale { item, value } => {
                pairs.retain(|(name, _)| *name != format!("a_{}", codes[*item]));
                pairs.push((format!("a_{}", codes[*item]), value.clone()));
            }
            SurveyDefect::UnknownItem(code) => pairs.push((format!("a_{code}"), "3".into())),
            SurveyDefect::RepeatedItem(item) => {
                pairs.push((format!("a_{}", codes[*item]), "2".into()));
                pairs.push((format!("a_{}", codes[*item]), "4".into()));
            }
            SurveyDefect::BandUnknown { field, value } => pairs.insert(0, ((*field).into(), value.clone())),
            SurveyDefect::CommentTooLong(n) => pairs.insert(0, ("comment".into(), "k".repeat(*n))),
            SurveyDefect::UnitMissing | SurveyDefect::UnitUnknown(_) => {}
        }
        if let Some(comment) = &self.comment {
            pairs.push(("comment".into(), comment.clone()));
        }
        // Noise never names the unit or an answer, which would change the defect under test.
        for (name, value) in &self.noise {
            if !name.starts_with("a_") && !name.starts_with("then_") && name != "u" {
                pairs.push((name.clone(), value.clone()));
            }
        }
        if self.duplicate_fields {
            let copies: Vec<_> = pairs.iter().filter(|(n, _)| !n.starts_with("a_")).cloned().collect();
            pairs.extend(copies);
        }
        let mut body = encode(&pairs).into_bytes();
        if self.broken_utf8 {
            body.extend_from_slice(b"&comment=%FF%FE%C3%28&\xff\xfe=\xc3\x28");
        }
        body
    }
}

async fn assert_nothing_stored(app: &TestApp, tables: &[&str], case: &(dyn std::fmt::Debug + Sync)) {
    for table in tables {
        assert_eq!(app.count(table).await, 0, "{table} got a row from {case:?}");
    }
}

#[tokio::test]
async fn malformed_survey_forms_never_fail_the_server_and_store_nothing() {
    with_app(|app| async move {
        let root = app.add_unit("OPD1", None, "opd").await;
        app.add_unit("OPD1.A", Some(root), "bidang").await;
        app.add_wave("Survei", root).await;
        let slug = app.first_periodic_wave().await.slug;
        let instrument = instruments::published_by_slug(&app.db, "lo-25").await.unwrap().unwrap();
        let codes: Vec<String> =
            instruments::instrument_items(&app.db, instrument.id).await.unwrap().into_iter().map(|i| i.code).collect();
        // The submission limit is another test's subject; here it would answer 429 before parsing.
        let router = app.router_with(Config { submit_limit: None, ..Config::for_database("unused") });
        let path = format!("/s/{slug}");
        for case in draw(survey_case(codes.len()), SURVEY_CASES) {
            let body = case.body("OPD1.A", &codes);
            let request = axum::http::Request::post(&path)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(axum::body::Body::from(body))
                .unwrap();
            let reply = super::helpers::send_via(&router, request).await;
            assert!(reply.status.is_client_error(), "{} for {case:?}", reply.status);
            assert_nothing_stored(&app, &["response", "submission_nonce"], &case).await;
        }
        // A complete form through the same router is taken, so the refusals above came from the defects.
        let mut pairs = vec![("u".to_string(), "OPD1.A".to_string()), ("nonce".to_string(), "clean".to_string())];
        pairs.extend(codes.iter().map(|c| (format!("a_{c}"), "4".to_string())));
        let request = axum::http::Request::post(&path)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(encode(&pairs)))
            .unwrap();
        let reply = super::helpers::send_via(&router, request).await;
        assert!(reply.status.is_success() || reply.status.is_redirection(), "{}", reply.status);
        assert_eq!(app.count("response").await, 1);
    })
    .await;
}

#[derive(Clone, Debug)]
enum UnitDefect {
    CodeInvalid(String),
    NameMissing,
    NameTooLong(usize),
    KindUnknown(String),
    HeadcountInvalid(String),
    ParentUnknown(String),
    CodeRepeated,
    NotCsv(Vec<u8>),
}

fn unit_defect() -> impl Strategy<Value = UnitDefect> {
    prop_oneof![
        "[<>'\";=/ ]{1,3}".prop_map(|c| UnitDefect::CodeInvalid(format!("A{c}B"))),
        Just(UnitDefect::NameMissing),
        (201usize..5_000).prop_map(UnitDefect::NameTooLong),
        "[a-z<>']{1,12}".prop_map(|k| UnitDefect::KindUnknown(format!("zz{k}"))),
        prop_oneof![
            (i64::MIN..0).prop_map(|n| n.to_string()),
            "[a-zA-Z]{1,8}",
            Just("1e9".to_string()),
            Just("99999999999999999999".to_string())
        ]
        .prop_map(UnitDefect::HeadcountInvalid),
        "[A-Z]{3,8}".prop_map(|p| UnitDefect::ParentUnknown(format!("ZZ{p}"))),
        Just(UnitDefect::CodeRepeated),
        prop::collection::vec(any::<u8>(), 0..400).prop_map(UnitDefect::NotCsv),
    ]
}

fn csv_field(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

fn units_csv(defect: &UnitDefect, noise: &str) -> Vec<u8> {
    if let UnitDefect::NotCsv(bytes) = defect {
        return bytes.clone();
    }
    let (mut code, mut name, mut parent, mut kind, mut headcount) =
        ("NEW1".to_string(), csv_field(noise), "ROOT".to_string(), "bidang".to_string(), "12".to_string());
    match defect {
        UnitDefect::CodeInvalid(c) => code = csv_field(c),
        UnitDefect::NameMissing => name = String::new(),
        UnitDefect::NameTooLong(n) => name = "n".repeat(*n),
        UnitDefect::KindUnknown(k) => kind = csv_field(k),
        UnitDefect::HeadcountInvalid(h) => headcount = h.clone(),
        UnitDefect::ParentUnknown(p) => parent = p.clone(),
        UnitDefect::CodeRepeated | UnitDefect::NotCsv(_) => {}
    }
    let mut text = format!(
        "code,name,parent_code,kind,headcount\nOK1,Valid,ROOT,bidang,5\n{code},{name},{parent},{kind},{headcount}\n"
    );
    if matches!(defect, UnitDefect::CodeRepeated) {
        text.push_str("OK1,Again,ROOT,bidang,5\n");
    }
    text.into_bytes()
}

#[tokio::test]
async fn malformed_unit_imports_and_invitation_lists_never_fail_the_server_and_store_nothing() {
    with_app(|app| async move {
        let root = app.add_unit("ROOT", None, "pemda").await;
        app.add_unit("OPD1", Some(root), "opd").await;
        let id = app.add_wave("Undangan", root).await;
        let mut token_wave = wave::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().into_active_model();
        token_wave.access = Set(mawas::domain::survey::WaveAccess::Token);
        token_wave.update(&app.db).await.unwrap();
        app.add_user("hr@x.id", Role::Hr, None).await;
        let hr = app.login("hr@x.id").await;
        let units_before = app.count("unit").await;
        let audited = app.count("audit_log").await;

        for (defect, noise) in draw((unit_defect(), hostile_text()), UNIT_IMPORT_CASES) {
            let csv = units_csv(&defect, &noise.chars().take(100).collect::<String>());
            let form = encode(&[("rows".to_string(), String::from_utf8_lossy(&csv).into_owned())]);
            let apply = app.post_form("/hr/units/import/apply", &form, Some(&hr), "").await;
            assert!(apply.status.is_client_error() || apply.status.is_success(), "{} for {defect:?}", apply.status);
            assert_eq!(app.count("unit").await, units_before, "a unit was written from {defect:?}");
        }

        // One person per line: name, e-mail, phone, unit code; every list has one bad line.
        let bad_line = prop_oneof![
            hostile_text().prop_map(|name| format!("{},,,ZZNOUNIT", name.replace(['\n', '\r', ','], " "))),
            Just(",,,OPD1".to_string()),
            (201usize..3_000).prop_map(|n| format!("{},,,OPD1", "n".repeat(n))),
            "[^\\n]{0,200}".prop_map(|line| format!("{line},,,,,,,,")),
        ];
        let list = (prop::collection::vec("[A-Za-z ]{1,20}", 0..5), bad_line, any::<bool>());
        for (good, bad, as_file) in draw(list, INVITATION_CASES) {
            let mut lines: Vec<String> = good.iter().map(|name| format!("{name},,,OPD1")).collect();
            lines.push(bad.clone());
            let text = lines.join("\n");
            let (people, file) = if as_file { ("", text.as_bytes()) } else { (text.as_str(), &b""[..]) };
            let reply = send_form(&app, id, Some(&hr), people, file, "csv").await;
            assert!(reply.status.is_client_error(), "{} for {bad:?}", reply.status);
            assert_eq!(app.count("invitation").await, 0, "an invitation was stored from {bad:?}");
        }
        assert_eq!(app.count("audit_log").await, audited, "nothing done, nothing audited");
    })
    .await;
}

#[tokio::test]
async fn a_script_in_a_comment_or_a_unit_name_shows_as_text_on_the_unit_page_and_in_the_xlsx() {
    with_app(|app| async move {
        use calamine::{Data, Reader, Xlsx};
        use mawas::domain::lo25;
        let script = "<script>alert(\"x\")</script>";
        let root = app.add_unit("OPD1", None, "opd").await;
        // `</title>` first: leptos_meta does not escape the title (components/page_title.rs).
        let name = format!("</title>{script} Bidang");
        app.add_named_unit("OPD1.A", &name, Some(root), "bidang").await;
        let wave = app.add_wave("Survei", root).await;
        let admin = app.add_user("admin@x.id", Role::Admin, None).await;
        let token = app.token_for(admin).await;
        // Enough answers that the unit and its comments are shown (k and the comment threshold are 5).
        let rows: Vec<serde_json::Value> = (0..6)
            .map(|_| {
                let answers: serde_json::Map<String, serde_json::Value> =
                    lo25::ITEMS.iter().map(|i| (i.code.to_string(), serde_json::Value::from(4))).collect();
                serde_json::json!({"unit": "OPD1.A", "comment": script, "answers": answers})
            })
            .collect();
        let body = serde_json::Value::from(rows).to_string();
        let stored =
            app.api("POST", &format!("/api/v1/waves/{wave}/responses"), Some(&token), "application/json", &body).await;
        assert_eq!(stored.status.as_u16(), 200, "{}", stored.body);

        let session = app.login("admin@x.id").await;
        let page = app.get("/hr/units/OPD1.A", Some(&session)).await;
        assert_eq!(page.status.as_u16(), 200);
        assert!(page.body.contains("&lt;script&gt;alert"), "the comment and the name are escaped");
        if let Some(at) = page.body.find("<script>alert") {
            panic!("runs as a script: …{}…", &page.body[at.saturating_sub(300)..(at + 200).min(page.body.len())]);
        }

        let xlsx = app.get(&format!("/hr/waves/{wave}/heatmap.xlsx"), Some(&session)).await;
        assert_eq!(xlsx.status.as_u16(), 200);
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(xlsx.bytes)).expect("an XLSX file");
        let sheet = book.worksheet_range_at(0).expect("a sheet").expect("readable");
        assert!(
            sheet.used_cells().any(|(_, _, cell)| matches!(cell, Data::String(s) if *s == name)),
            "the unit name is a text cell, exactly as typed"
        );
    })
    .await;
}
