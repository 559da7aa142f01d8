//! Rencana Aksi: the suggested focus, the create/update/status flow with its audit entries, the
//! optimistic version check, scope refusals, and the before/after that appears only where the unit
//! is reportable in both waves.

use super::helpers::{TestApp, with_app};
use chrono::{Duration, Utc};
use mawas::domain::Role;
use mawas::domain::WaveId;
use mawas::domain::lo25;
use mawas::server::entities::{action_plan, wave};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

/// Moves a wave to run from `opens` to `closes` days from today (negative: in the past).
pub(crate) async fn set_dates(app: &TestApp, id: WaveId, opens: i64, closes: i64) {
    let today = Utc::now().date_naive();
    let mut model: wave::ActiveModel = wave::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().into();
    model.opens_on = Set(today + Duration::days(opens));
    model.closes_on = Set(today + Duration::days(closes));
    model.update(&app.db).await.unwrap();
}

/// Enters `n` paper responses for `unit` on day `day` (from today) that score `mastery` on personal
/// mastery and 4 on every other discipline (reverse-worded items answered the other way round). Paper
/// answers are taken only while a wave runs, so a wave in the past is opened around the call and its
/// dates put back after, as if the answers had been typed in back then.
pub(crate) async fn enter(app: &TestApp, token: &str, wave: WaveId, unit: &str, n: usize, mastery: u8, day: i64) {
    let before = wave::Entity::find_by_id(wave).one(&app.db).await.unwrap().unwrap();
    let today = Utc::now().date_naive();
    let mut running: wave::ActiveModel = before.clone().into();
    running.opens_on = Set(before.opens_on.min(today + Duration::days(day)));
    running.closes_on = Set(before.closes_on.max(today));
    running.closed_early = Set(false);
    running.update(&app.db).await.unwrap();
    let on = (Utc::now().date_naive() + Duration::days(day)).to_string();
    let answers: Vec<String> = lo25::ITEMS
        .iter()
        .map(|i| {
            let score = if i.code.starts_with("PM") { mastery } else { 4 };
            format!("\"{}\": {}", i.code, if i.reverse { 6 - score } else { score })
        })
        .collect();
    let row = format!(r#"{{"unit":"{unit}","submitted_on":"{on}","answers":{{{}}}}}"#, answers.join(","));
    let body = format!("[{}]", vec![row; n].join(","));
    let reply =
        app.api("POST", &format!("/api/v1/waves/{wave}/responses"), Some(token), "application/json", &body).await;
    assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
    let mut back: wave::ActiveModel = before.clone().into();
    back.opens_on = Set(before.opens_on);
    back.closes_on = Set(before.closes_on);
    back.closed_early = Set(before.closed_early);
    back.update(&app.db).await.unwrap();
}

pub(crate) fn plan_form(unit: &str, wave: WaveId, due_on: &str) -> String {
    serde_urlencoded::to_string([
        ("unit", unit),
        ("wave", &wave.to_string()),
        ("focus", "personal_mastery"),
        ("goal", "Setiap pegawai punya rencana belajar pribadi."),
        ("reality", "Penguasaan pribadi terendah; komentar menyebut beban kerja."),
        ("options", "1. Coaching bulanan\n2. Jam belajar mingguan"),
        ("way_forward", "Kepala bidang menjadwalkan coaching mulai Januari."),
        ("owner_name", "Kepala Bidang Pelayanan"),
        ("due_on", due_on),
    ])
    .unwrap()
}

fn update_form(id: i32, version: i32, goal: &str, status: &str) -> String {
    serde_urlencoded::to_string([
        ("id", id.to_string().as_str()),
        ("version", &version.to_string()),
        ("focus", "personal_mastery"),
        ("goal", goal),
        ("reality", "Penguasaan pribadi terendah."),
        ("options", "1. Coaching\n2. Jam belajar"),
        ("way_forward", "Coaching mulai Januari."),
        ("owner_name", ""),
        ("due_on", ""),
        ("status", status),
    ])
    .unwrap()
}

async fn stored_plan(app: &TestApp, id: i32) -> action_plan::Model {
    action_plan::Entity::find_by_id(id).one(&app.db).await.unwrap().expect("the plan")
}

#[tokio::test]
async fn a_plan_is_created_changed_followed_and_refused_outside_its_scope() {
    with_app(|app| async move {
        let root = app.add_unit("KAB", None, "pemda").await;
        let dinkes = app.add_unit("DINKES", Some(root), "opd").await;
        let disdik = app.add_unit("DISDIK", Some(root), "opd").await;
        let admin = app.token_for(app.add_user("admin@x.id", Role::Admin, None).await).await;
        let first = app.add_wave("Semester I", root).await;
        set_dates(&app, first, -200, -170).await;
        enter(&app, &admin, first, "DINKES", 6, 2, -180).await;
        enter(&app, &admin, first, "DISDIK", 6, 4, -180).await;
        app.add_user("hr-dinkes@x.id", Role::Hr, Some(dinkes)).await;
        app.add_user("hr-disdik@x.id", Role::Hr, Some(disdik)).await;
        app.add_user("trainer@x.id", Role::Trainer, None).await;
        let cookie = app.login("hr-dinkes@x.id").await;

        // The lowest reportable discipline is suggested, with its mean.
        let form = app.server_fn("/api/hr_plan_form", &format!("unit=DINKES&wave={first}"), Some(&cookie)).await;
        assert_eq!(form.status.as_u16(), 200, "{}", form.body);
        assert_eq!(form.json()["suggestion"], serde_json::json!(["personal_mastery", "lowest", 2.0]));
        let page = app.get(&format!("/hr/plans/new?unit=DINKES&wave={first}"), Some(&cookie)).await;
        assert!(page.body.contains("Saran: Penguasaan Pribadi"), "{}", page.body);

        // A due date before the wave opened is refused with the field named, and nothing is written.
        let audits = app.count("audit_log").await;
        let too_early = (Utc::now().date_naive() - Duration::days(365)).to_string();
        let refused = app.server_fn("/api/create_plan", &plan_form("DINKES", first, &too_early), Some(&cookie)).await;
        assert!(!refused.status.is_success(), "{}", refused.body);
        assert!(refused.body.contains("due_on") && refused.body.contains("Tenggat"), "{}", refused.body);
        assert_eq!((app.count("action_plan").await, app.count("audit_log").await), (0, audits));

        // Created with JavaScript off: the form posts and the browser lands on the plan.
        let due = (Utc::now().date_naive() + Duration::days(60)).to_string();
        let created = app
            .post_form(
                "/api/create_plan",
                &plan_form("DINKES", first, &due),
                Some(&cookie),
                "http://localhost/hr/plans/new",
            )
            .await;
        assert_eq!(created.status.as_u16(), 302, "{}", created.body);
        let plan = action_plan::Entity::find().one(&app.db).await.unwrap().expect("one plan");
        assert_eq!(created.location(), Some(format!("/hr/plans/{}", plan.id).as_str()));
        assert_eq!((plan.version, plan.status.code(), plan.unit_id), (1, "planned", dinkes));
        assert_eq!(app.count("audit_log").await, audits + 1);

        // Another OPD's HR, a trainer and a stranger see nothing of it and change nothing.
        let other = app.login("hr-disdik@x.id").await;
        let trainer = app.login("trainer@x.id").await;
        for (who, expected) in
            [(Some(other.as_str()), "Forbidden"), (Some(trainer.as_str()), "Forbidden"), (None, "Unauthorized")]
        {
            let read = app.server_fn("/api/hr_plan", &format!("id={}", plan.id), who).await;
            assert!(read.body.contains(expected) && !read.body.contains("coaching"), "{}", read.body);
            let write = app.server_fn("/api/update_plan", &update_form(plan.id, 1, "Diambil alih", "done"), who).await;
            assert!(write.body.contains(expected), "{}", write.body);
            let create = app.server_fn("/api/create_plan", &plan_form("DINKES", first, &due), who).await;
            assert!(create.body.contains(expected), "{}", create.body);
            let list = app.server_fn("/api/hr_plans", "opd=&status=&focus=&overdue=false", who).await;
            assert!(!list.body.contains("rencana belajar"), "{}", list.body);
        }
        assert_eq!(stored_plan(&app, plan.id).await.version, 1);

        // Two people edit the same version: the first save wins, the second is told to reload.
        let saved = app
            .server_fn("/api/update_plan", &update_form(plan.id, 1, "Tujuan baru", "in_progress"), Some(&cookie))
            .await;
        assert!(saved.status.is_success() || saved.status.is_redirection(), "{}", saved.body);
        let late =
            app.server_fn("/api/update_plan", &update_form(plan.id, 1, "Tujuan lain", "done"), Some(&cookie)).await;
        assert!(!late.status.is_success() && late.body.contains("sudah diubah orang lain"), "{}", late.body);
        let now = stored_plan(&app, plan.id).await;
        assert_eq!((now.version, now.goal.as_str(), now.status.code()), (2, "Tujuan baru", "in_progress"));
        assert_eq!(now.due_on, None, "an emptied due date is removed");

        let note = app
            .server_fn("/api/add_plan_note", &format!("id={}&note=Coaching+pertama+selesai", plan.id), Some(&cookie))
            .await;
        assert!(note.status.is_success() || note.status.is_redirection(), "{}", note.body);
        let empty_note = app.server_fn("/api/add_plan_note", &format!("id={}&note=+", plan.id), Some(&cookie)).await;
        assert!(!empty_note.status.is_success(), "{}", empty_note.body);
        let detail = app.server_fn("/api/hr_plan", &format!("id={}", plan.id), Some(&cookie)).await.json();
        assert_eq!(detail["updates"][0]["note"], "Coaching pertama selesai");
        assert_eq!(detail["before_after"], serde_json::Value::Null, "no later wave has closed yet");

        let actions: Vec<String> = mawas::server::entities::audit_log::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.action)
            .filter(|a| a.starts_with("plan."))
            .collect();
        assert_eq!(actions, ["plan.create", "plan.status", "plan.progress"]);

        // The list filters, the unit page and the heatmap show the plan; the XLSX holds it.
        let in_progress =
            app.server_fn("/api/hr_plans", "opd=DINKES&status=in_progress&focus=&overdue=false", Some(&cookie)).await;
        assert_eq!(in_progress.json()["plans"].as_array().unwrap().len(), 1, "{}", in_progress.body);
        let done = app.server_fn("/api/hr_plans", "opd=&status=done&focus=&overdue=false", Some(&cookie)).await;
        assert_eq!(done.json()["plans"].as_array().unwrap().len(), 0);
        let unit_page = app.get(&format!("/hr/units/DINKES?wave={first}"), Some(&cookie)).await.body;
        assert!(unit_page.contains(&format!("/hr/plans/{}", plan.id)) && unit_page.contains("Tujuan baru"));
        let heatmap = app.get(&format!("/hr/waves/{first}"), Some(&cookie)).await.body;
        assert!(heatmap.contains("aria-label=\"Ada Rencana Aksi aktif\""), "the heatmap marks the unit");
        let xlsx = app.get("/hr/plans/plans.xlsx", Some(&cookie)).await;
        assert_eq!(xlsx.status.as_u16(), 200);
        let other_xlsx = app.get("/hr/plans/plans.xlsx", Some(&other)).await;
        assert_eq!(other_xlsx.status.as_u16(), 200);
        assert!(other_xlsx.body.len() < xlsx.body.len(), "the other OPD's export has no plan row");
    })
    .await;
}

async fn before_after(app: &TestApp, id: i32, cookie: &str) -> serde_json::Value {
    app.server_fn("/api/hr_plan", &format!("id={id}"), Some(cookie)).await.json()["before_after"].clone()
}

#[tokio::test]
async fn the_before_after_appears_only_once_the_unit_is_reportable_in_both_waves() {
    with_app(|app| async move {
        let root = app.add_unit("KAB", None, "pemda").await;
        app.add_unit("DINKES", Some(root), "opd").await;
        app.add_unit("DISDIK", Some(root), "opd").await;
        let admin = app.token_for(app.add_user("admin@x.id", Role::Admin, None).await).await;
        app.add_user("hr@x.id", Role::Hr, None).await;
        let cookie = app.login("hr@x.id").await;
        let first = app.add_wave("Semester I", root).await;
        set_dates(&app, first, -200, -170).await;
        enter(&app, &admin, first, "DINKES", 6, 2, -180).await;
        enter(&app, &admin, first, "DISDIK", 6, 4, -180).await;
        let due = (Utc::now().date_naive() + Duration::days(30)).to_string();
        app.server_fn("/api/create_plan", &plan_form("DINKES", first, &due), Some(&cookie)).await;
        let plan = action_plan::Entity::find().one(&app.db).await.unwrap().expect("one plan");

        // The next wave runs; DISDIK has 2 answers, so DINKES is hidden too (KAB − DINKES = DISDIK).
        let second = app.add_wave("Semester II", root).await;
        set_dates(&app, second, -30, 5).await;
        enter(&app, &admin, second, "DINKES", 6, 4, -10).await;
        enter(&app, &admin, second, "DISDIK", 2, 4, -10).await;
        assert_eq!(before_after(&app, plan.id, &cookie).await, serde_json::Value::Null, "the next wave is still open");
        set_dates(&app, second, -30, -1).await;
        let hidden = before_after(&app, plan.id, &cookie).await;
        assert_eq!(hidden["after_wave"]["title"], "Semester II");
        assert_eq!(hidden["figures"], serde_json::Value::Null, "hidden in the second wave: no figure");
        let page = app.get(&format!("/hr/plans/{}", plan.id), Some(&cookie)).await.body;
        assert!(page.contains("Belum dapat dibandingkan"), "{page}");

        // Once DISDIK reaches k, both waves are reportable and the figures show.
        set_dates(&app, second, -30, 5).await;
        enter(&app, &admin, second, "DISDIK", 4, 4, -10).await;
        set_dates(&app, second, -30, -1).await;
        assert_eq!(before_after(&app, plan.id, &cookie).await["figures"], serde_json::json!([2.0, 4.0]));
        let page = app.get(&format!("/hr/plans/{}", plan.id), Some(&cookie)).await.body;
        assert!(page.contains("Penguasaan Pribadi: 2,00 pada Semester I, 4,00 pada Semester II"), "{page}");
    })
    .await;
}
