//! Integration tests of Mawas against a real database: SQLite by default, PostgreSQL when
//! `MAWAS_TEST_BACKEND=postgres`. Each test runs on its own fresh database.

mod attacker;
mod authorization;
mod disclosure;
mod helpers;
mod hr_pages;
mod invitation_pages;
mod malformed;
mod plans;
mod security;
/// The attacker's arithmetic, shared with the domain's property tests.
#[path = "../../src/domain/disclosure/audit.rs"]
mod span_audit;
mod units_pages;
mod workshops;

use helpers::with_app;
use mawas::domain::lo25;
use mawas::domain::scoring::score_response;
use mawas::domain::{Discipline, LikertValue, Role};
use mawas::server::entities::{answer, item, response, unit, wave, workshop};
use mawas::server::seed;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

// ---------- migrations ----------

#[tokio::test]
async fn migrations_revert_completely_and_apply_again() {
    with_app(|app| async move {
        assert!(app.count("response").await == 0);
        Migrator::down(&app.db, None).await.expect("down");
        let manager = migration::SchemaManager::new(&app.db);
        for table in [
            "unit",
            "instrument",
            "item",
            "wave",
            "invitation",
            "response",
            "answer",
            "app_user",
            "user_session",
            "api_token",
            "workshop",
            "action_plan",
            "action_plan_update",
            "audit_log",
            "setting",
            "wave_unit_sum",
        ] {
            assert!(!manager.has_table(table).await.expect("has_table"), "{table} survived the down migration");
        }
        Migrator::up(&app.db, None).await.expect("up again");
        assert!(manager.has_table("response").await.expect("has_table"));
        assert_eq!(app.count("setting").await, 2, "defaults for k and the comment threshold");
    })
    .await;
}

// ---------- demo data ----------

#[tokio::test]
async fn seed_demo_produces_the_promised_shape_and_stores_scores_the_domain_computes() {
    with_app(|app| async move {
        let summary = seed::seed_demo(&app.db, 1).await.expect("seed");
        assert!(summary.contains("responses"));
        let units = unit::Entity::find().all(&app.db).await.unwrap();
        let count_kind = |kinds: &[&str]| units.iter().filter(|u| kinds.contains(&u.kind.as_str())).count();
        assert_eq!(count_kind(&["pemda"]), 1);
        assert!(count_kind(&["opd"]) >= 25, "at least 25 OPD");
        assert!(count_kind(&["bidang", "seksi"]) >= 100, "at least 100 bidang/seksi");

        let periodic = wave::Entity::find()
            .filter(wave::Column::Kind.eq("periodic"))
            .order_by_asc(wave::Column::OpensOn)
            .all(&app.db)
            .await
            .unwrap();
        assert!(periodic.len() >= 3);
        let span = periodic[periodic.len() - 2].closes_on - periodic[0].opens_on;
        assert!(span.num_days() >= 365, "closed waves span more than a year: {span}");

        let responses = app.count("response").await;
        assert!(responses >= 5_000, "{responses} responses");
        let workshops = workshop::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(workshops.len(), 2);
        for w in &workshops {
            let pre = response::Entity::find()
                .filter(response::Column::WaveId.eq(w.pre_wave_id))
                .count(&app.db)
                .await
                .unwrap();
            let post = response::Entity::find()
                .filter(response::Column::WaveId.eq(w.post_wave_id))
                .count(&app.db)
                .await
                .unwrap();
            assert!(pre >= 20 && post >= 15, "workshop {} has {pre} pre and {post} post", w.title);
        }
        let paired =
            response::Entity::find().filter(response::Column::PairingCode.is_not_null()).count(&app.db).await.unwrap();
        assert!(paired > 20);
        let comments =
            response::Entity::find().filter(response::Column::Comment.is_not_null()).count(&app.db).await.unwrap();
        assert!(comments > 100);

        // Some units are too small to be reported alone (fewer than 5 answers in a wave).
        let first_wave = periodic[0].id;
        let rows = response::Entity::find().filter(response::Column::WaveId.eq(first_wave)).all(&app.db).await.unwrap();
        let mut per_unit: HashMap<i32, usize> = HashMap::new();
        for r in &rows {
            *per_unit.entry(r.unit_id).or_default() += 1;
        }
        assert!(per_unit.values().any(|n| *n < 5), "no unit below k");

        // Stored scores equal the domain's computation from the stored answers.
        let items: HashMap<i32, item::Model> =
            item::Entity::find().all(&app.db).await.unwrap().into_iter().map(|i| (i.id, i)).collect();
        for r in rows.iter().take(40) {
            let answers =
                answer::Entity::find().filter(answer::Column::ResponseId.eq(r.id)).all(&app.db).await.unwrap();
            let by_item: HashMap<i32, i16> = answers.iter().map(|a| (a.item_id, a.value)).collect();
            let scores = score_response(
                items.values().map(|i| {
                    let key = mawas::server::repo::instruments::item_key(i).unwrap();
                    (key, by_item.get(&i.id).map(|v| LikertValue::parse(i64::from(*v), lo25::SCALE_POINTS).unwrap()))
                }),
                lo25::SCALE_POINTS,
            );
            assert_eq!(r.score_systems_thinking, scores.of(Discipline::SystemsThinking));
            assert_eq!(r.score_personal_mastery, scores.of(Discipline::PersonalMastery));
            assert_eq!(r.lo_index, scores.lo_index);
            assert_eq!(i64::from(r.favourable_team_learning), scores.favourable[3].favourable as i64);
            assert_eq!(i64::from(r.answered_systems_thinking), scores.favourable[4].answered as i64);
        }
        assert!(seed::seed_demo(&app.db, 1).await.is_err(), "a second seed into the same database is refused");
    })
    .await;
}

#[tokio::test]
async fn the_same_seed_gives_the_same_data() {
    with_app(|app| async move {
        seed::seed_demo(&app.db, 1).await.expect("seed");
        let first: Vec<Option<f64>> = response::Entity::find()
            .order_by_asc(response::Column::Id)
            .select_only()
            .column(response::Column::LoIndex)
            .into_tuple()
            .all(&app.db)
            .await
            .unwrap();
        // The expected count and first scores are properties of the fixed seed.
        let again = with_fresh_seed().await;
        assert_eq!(first.len(), again.len());
        assert_eq!(first[..50], again[..50]);
    })
    .await;
}

async fn with_fresh_seed() -> Vec<Option<f64>> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    with_app(|app| async move {
        seed::seed_demo(&app.db, 1).await.expect("seed");
        let scores = response::Entity::find()
            .order_by_asc(response::Column::Id)
            .select_only()
            .column(response::Column::LoIndex)
            .into_tuple()
            .all(&app.db)
            .await
            .unwrap();
        let _ = tx.send(scores);
    })
    .await;
    rx.await.expect("scores")
}

// ---------- login, sessions, guards ----------

#[tokio::test]
async fn logging_in_starts_a_session_and_lands_on_the_role_home() {
    with_app(|app| async move {
        app.add_user("rina@bkpsdm.go.id", Role::Hr, None).await;
        let reply = app
            .post_form("/api/login", "email=Rina%40bkpsdm.go.id&password=password-123", None, "http://localhost/login")
            .await;
        assert_eq!(reply.status.as_u16(), 302, "{}", reply.body);
        assert_eq!(reply.location(), Some("/hr"));
        let cookie = reply.set_cookie("mawas_session").expect("session cookie");
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
        let session = cookie.split(';').next().unwrap().to_string();
        let home = app.get("/hr", Some(&session)).await;
        assert_eq!(home.status.as_u16(), 200);
        assert!(home.body.contains("Analitik SDM"), "HR home in Bahasa Indonesia");
        assert!(home.body.contains("rina@bkpsdm.go.id"), "the navigation names the account");
        assert_eq!(app.count("audit_log").await, 1, "the login is audited");
    })
    .await;
}

#[tokio::test]
async fn an_account_locks_after_five_failed_logins_even_for_the_right_password() {
    with_app(|app| async move {
        app.add_user("sari@bpsdm.go.id", Role::Hr, None).await;
        app.add_user("budi@bpsdm.go.id", Role::Hr, None).await;
        let attempt = |email: &'static str, password: &'static str| {
            let app = app.clone();
            async move { app.server_fn("/api/login", &format!("email={email}&password={password}"), None).await }
        };
        for _ in 0..mawas::server::login_throttle::PER_ACCOUNT {
            let wrong = attempt("sari%40bpsdm.go.id", "nope-nope-nope").await;
            assert!(wrong.body.contains("LoginFailed"), "{}", wrong.body);
        }
        let locked = attempt("sari%40bpsdm.go.id", "password-123").await;
        assert!(locked.body.contains("TooManyAttempts"), "the right password waits too: {}", locked.body);
        assert!(locked.set_cookie("mawas_session").is_none());
        assert_eq!(app.count("user_session").await, 0);
        let message = mawas::error::AppError::TooManyAttempts { minutes: 15 }.message(mawas::i18n::Lang::Id);
        assert_eq!(message, "Terlalu banyak percobaan masuk yang gagal. Demi keamanan, coba lagi dalam 15 menit.");

        let colleague = attempt("budi%40bpsdm.go.id", "password-123").await;
        assert!(
            colleague.set_cookie("mawas_session").is_some(),
            "another account from the same address: {}",
            colleague.body
        );
    })
    .await;
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_fail_alike() {
    with_app(|app| async move {
        app.add_user("sari@bpsdm.go.id", Role::Trainer, None).await;
        let wrong_password = app
            .post_form("/api/login", "email=sari%40bpsdm.go.id&password=nope-nope-nope", None, "http://localhost/login")
            .await;
        let unknown_email = app
            .post_form(
                "/api/login",
                "email=nobody%40bpsdm.go.id&password=nope-nope-nope",
                None,
                "http://localhost/login",
            )
            .await;
        for reply in [&wrong_password, &unknown_email] {
            assert_eq!(reply.status.as_u16(), 302);
            assert!(reply.set_cookie("mawas_session").is_none());
            assert!(
                reply.location().unwrap().starts_with("http://localhost/login?"),
                "back to the form with the error"
            );
        }
        assert_eq!(wrong_password.location(), unknown_email.location(), "the error does not say which part was wrong");
        assert_eq!(app.count("user_session").await, 0);
    })
    .await;
}

#[tokio::test]
async fn pages_behind_a_login_send_visitors_and_wrong_roles_to_the_login_page() {
    with_app(|app| async move {
        app.add_user("trainer@x.id", Role::Trainer, None).await;
        app.add_user("admin@x.id", Role::Admin, None).await;
        let anonymous = app.get("/hr", None).await;
        assert_eq!(anonymous.status.as_u16(), 303);
        assert_eq!(anonymous.location(), Some("/login?next=/hr"));
        let trainer = app.login("trainer@x.id").await;
        let denied = app.get("/admin", Some(&trainer)).await;
        assert_eq!(denied.location(), Some("/login?denied=1&next=/admin"));
        assert_eq!(app.get("/hr/anything", Some(&trainer)).await.status.as_u16(), 303);
        assert_eq!(app.get("/trainer", Some(&trainer)).await.status.as_u16(), 200);
        let admin = app.login("admin@x.id").await;
        for path in ["/admin", "/hr", "/trainer"] {
            assert_eq!(app.get(path, Some(&admin)).await.status.as_u16(), 200, "admin opens {path}");
        }
    })
    .await;
}

#[tokio::test]
async fn the_navigation_shows_only_what_the_role_may_use() {
    with_app(|app| async move {
        app.add_user("trainer@x.id", Role::Trainer, None).await;
        let trainer = app.login("trainer@x.id").await;
        let page = app.get("/trainer", Some(&trainer)).await;
        assert!(page.body.contains(r#"href="/trainer""#));
        assert!(!page.body.contains(r#"href="/hr""#), "a trainer sees no HR link");
        assert!(!page.body.contains(r#"href="/admin""#), "a trainer sees no admin link");
    })
    .await;
}

#[tokio::test]
async fn a_server_function_refuses_a_role_that_may_not_use_the_area() {
    with_app(|app| async move {
        app.add_user("trainer@x.id", Role::Trainer, None).await;
        let trainer = app.login("trainer@x.id").await;
        let reply = app.server_fn("/api/home_summary", "area=Hr", Some(&trainer)).await;
        assert!(!reply.status.is_success());
        assert!(reply.body.contains("Forbidden"), "{}", reply.body);
        assert!(!reply.body.contains("units_in_scope"), "nothing is revealed");
        let anonymous = app.server_fn("/api/home_summary", "area=Trainer", None).await;
        assert!(anonymous.body.contains("Unauthorized"), "{}", anonymous.body);
    })
    .await;
}

#[tokio::test]
async fn home_figures_of_a_scoped_hr_user_count_only_their_subtree_and_the_waves_covering_it() {
    with_app(|app| async move {
        let root = app.add_unit("KAB", None, "pemda").await;
        let dinkes = app.add_unit("DINKES", Some(root), "opd").await;
        app.add_unit("DINKES.B1", Some(dinkes), "bidang").await;
        let disdik = app.add_unit("DISDIK", Some(root), "opd").await;
        app.add_wave("Seluruh Pemda", root).await;
        app.add_wave("Hanya Dinkes", dinkes).await;
        app.add_wave("Hanya Disdik", disdik).await;
        app.add_user("hr.dinkes@x.id", Role::Hr, Some(dinkes)).await;
        app.add_user("hr@x.id", Role::Hr, None).await;

        let scoped = app.login("hr.dinkes@x.id").await;
        let figures = app.server_fn("/api/home_summary", "area=Hr", Some(&scoped)).await.json();
        assert_eq!(figures["units_in_scope"], 2);
        assert_eq!(figures["waves"], 2, "the Pemda-wide wave and the Dinkes wave, not the Disdik one");
        assert_eq!(figures["users"], serde_json::Value::Null, "only admins see the number of accounts");
        assert_eq!(figures["min_group_size"], 5);

        let everyone = app.login("hr@x.id").await;
        let figures = app.server_fn("/api/home_summary", "area=Hr", Some(&everyone)).await.json();
        assert_eq!(figures["units_in_scope"], 4);
        assert_eq!(figures["waves"], 3);
    })
    .await;
}

#[tokio::test]
async fn logging_out_ends_the_session_on_the_server() {
    with_app(|app| async move {
        app.add_user("hr@x.id", Role::Hr, None).await;
        let session = app.login("hr@x.id").await;
        assert_eq!(app.get("/hr", Some(&session)).await.status.as_u16(), 200);
        let reply = app.post_form("/api/logout", "", Some(&session), "http://localhost/hr").await;
        assert_eq!(reply.location(), Some("/"));
        assert!(reply.set_cookie("mawas_session").unwrap().contains("Max-Age=0"));
        assert_eq!(app.get("/hr", Some(&session)).await.status.as_u16(), 303, "the old cookie is worthless");
        assert_eq!(app.count("user_session").await, 0);
    })
    .await;
}

#[tokio::test]
async fn a_session_works_across_two_app_servers_and_logging_out_on_one_ends_it_on_both() {
    with_app(|app| async move {
        use helpers::{get_request, send_via};
        app.add_user("hr@x.id", Role::Hr, None).await;
        let other = app.second_server().await;
        let session = app.login("hr@x.id").await;
        assert_eq!(send_via(&other, get_request("/hr", Some(&session))).await.status.as_u16(), 200);
        let logout = axum::http::Request::post("/api/logout")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html")
            .header("referer", "http://localhost/hr")
            .header("cookie", &session)
            .body(axum::body::Body::empty())
            .unwrap();
        assert_eq!(send_via(&other, logout).await.location(), Some("/"));
        assert_eq!(app.get("/hr", Some(&session)).await.status.as_u16(), 303, "ended on the first server too");
    })
    .await;
}

#[tokio::test]
async fn a_state_changing_request_from_another_site_is_refused_and_changes_nothing() {
    with_app(|app| async move {
        let root = app.add_unit("OPD1", None, "opd").await;
        let wave_id = app.add_wave("Survei", root).await;
        let slug = app.first_periodic_wave().await.slug;
        app.add_user("hr@x.id", Role::Hr, None).await;
        let session = app.login("hr@x.id").await;
        let audited = app.count("audit_log").await;
        let forged = |path: &str, form: &str, cookie: Option<&str>| {
            let mut request = axum::http::Request::post(path)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("origin", "https://evil.example")
                .header("sec-fetch-site", "cross-site");
            if let Some(c) = cookie {
                request = request.header("cookie", c);
            }
            request.body(axum::body::Body::from(form.to_string())).unwrap()
        };

        let login = app.send(forged("/api/login", "email=hr%40x.id&password=password-123", None)).await;
        assert_eq!(login.status.as_u16(), 403);
        assert!(login.set_cookie("mawas_session").is_none());
        assert!(login.body.contains("Permintaan ditolak"), "said in Bahasa Indonesia: {}", login.body);
        let logout = app.send(forged("/api/logout", "", Some(&session))).await;
        assert_eq!(logout.status.as_u16(), 403);
        assert_eq!(app.get("/hr", Some(&session)).await.status.as_u16(), 200, "the session survives");
        let closing =
            app.send(forged("/api/set_hr_wave_open", &format!("id={wave_id}&open=false"), Some(&session))).await;
        assert_eq!(closing.status.as_u16(), 403);
        let answer = app.send(forged(&format!("/s/{slug}"), "unit=1&i1=5", None)).await;
        assert_eq!(answer.status.as_u16(), 403);
        assert_eq!(app.count("response").await, 0);
        assert_eq!(app.count("user_session").await, 1);
        assert_eq!(app.count("audit_log").await, audited, "nothing was done, so nothing was audited");
        assert!(!app.first_periodic_wave().await.closed_early);

        // The same call from our own origin goes through.
        let mut own = forged("/api/set_hr_wave_open", &format!("id={wave_id}&open=false"), Some(&session));
        own.headers_mut().insert("origin", "http://localhost".parse().unwrap());
        own.headers_mut().insert("sec-fetch-site", "same-origin".parse().unwrap());
        let allowed = app.send(own).await;
        assert!(allowed.status.is_success() || allowed.status.is_redirection(), "{}", allowed.status);
        assert!(app.first_periodic_wave().await.closed_early);
    })
    .await;
}

/// Collects everything the log writes, for tests that read the log.
#[derive(Clone, Default)]
struct CapturedLog(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for CapturedLog {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for CapturedLog {
    type Writer = CapturedLog;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn every_log_line_of_a_request_carries_its_id_and_a_login_never_logs_the_password() {
    let log = CapturedLog::default();
    // The most verbose level an operator could choose, in the JSON format of production. The test
    // runs on one thread, so this thread's subscriber sees the whole request.
    let subscriber = tracing_subscriber::fmt()
        .json()
        .with_max_level(tracing::Level::TRACE)
        .with_current_span(true)
        .with_writer(log.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let (tx, rx) = tokio::sync::oneshot::channel();
    with_app(|app| async move {
        app.add_user("hr@x.id", Role::Hr, None).await;
        let wrong = app
            .post_form("/api/login", "email=hr%40x.id&password=Wrong-Secret-77", None, "http://localhost/login")
            .await;
        let right =
            app.post_form("/api/login", "email=hr%40x.id&password=password-123", None, "http://localhost/login").await;
        assert!(right.set_cookie("mawas_session").is_some());
        let ids: Vec<String> = [wrong, right]
            .iter()
            .map(|reply| {
                reply.headers.get("x-request-id").expect("the answer names its request").to_str().unwrap().into()
            })
            .collect();
        assert_ne!(ids[0], ids[1]);
        tx.send(ids).unwrap();
    })
    .await;
    let ids = rx.await.unwrap();
    let text = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    for id in &ids {
        let lines: Vec<&str> = text.lines().filter(|l| l.contains(id.as_str())).collect();
        assert!(
            lines.iter().any(|l| l.contains("/api/login") && l.contains("\"status\":302")),
            "the request's answer is logged with its id, path and status: {lines:?}"
        );
    }
    assert!(!text.contains("Wrong-Secret-77") && !text.contains("password-123"), "a password was logged");
}

#[tokio::test]
async fn the_admin_reads_the_audit_log_page_by_page_and_no_one_else_can() {
    with_app(|app| async move {
        use mawas::server::repo::audit;
        app.add_user("admin@x.id", Role::Admin, None).await;
        app.add_user("hr@x.id", Role::Hr, None).await;
        let hr = app.login("hr@x.id").await;
        for i in 0..60 {
            audit::record(&app.db, chrono::Utc::now(), None, "units.upsert", &format!("import {i}")).await.unwrap();
        }
        let admin = app.login("admin@x.id").await;

        let first = app.server_fn("/api/admin_audit_log", "", Some(&admin)).await.json();
        let entries = first["entries"].as_array().unwrap();
        assert_eq!(entries.len(), audit::PAGE_SIZE as usize);
        assert_eq!(
            (entries[0]["action"].as_str(), entries[0]["account"].as_str()),
            (Some("login"), Some("admin@x.id"))
        );
        assert_eq!(entries[1]["target"], "import 59", "newest first");
        assert!(entries[1]["account"].is_null(), "the command line acts without an account");
        let older = first["older"].as_i64().expect("a second page");
        let second = app.server_fn("/api/admin_audit_log", &format!("before={older}"), Some(&admin)).await.json();
        let rest = second["entries"].as_array().unwrap();
        assert_eq!(rest.len(), 62 - audit::PAGE_SIZE as usize, "60 imports and two logins in all");
        assert_eq!(rest.last().unwrap()["target"], "hr@x.id", "the oldest entry is the first login");
        assert!(second["older"].is_null());

        let page = app.get("/admin/audit", Some(&admin)).await;
        assert_eq!(page.status.as_u16(), 200);
        for text in ["Log audit", "Masuk", "admin@x.id", "baris perintah", "import 59", "?before="] {
            assert!(page.body.contains(text), "{text} on the page");
        }

        let denied = app.server_fn("/api/admin_audit_log", "", Some(&hr)).await;
        assert!(!denied.status.is_success() && denied.body.contains("Forbidden"), "{}", denied.body);
        assert!(!denied.body.contains("import") && !denied.body.contains("@x.id"), "{}", denied.body);
        assert!(app.server_fn("/api/admin_audit_log", "", None).await.body.contains("Unauthorized"));
        assert_eq!(app.get("/admin/audit", Some(&hr)).await.status.as_u16(), 303);
    })
    .await;
}

// ---------- language ----------

#[tokio::test]
async fn the_landing_page_is_indonesian_and_the_switch_to_english_persists() {
    with_app(|app| async move {
        let page = app.get("/", None).await;
        assert_eq!(page.status.as_u16(), 200);
        assert!(page.body.contains(r#"<html lang="id""#));
        assert!(page.body.contains("Melihat organisasi kita dengan jujur"));
        let switch = app.get("/lang/en?next=/login", None).await;
        assert_eq!(switch.location(), Some("/login"));
        let cookie = switch.set_cookie("mawas_lang").expect("language cookie");
        assert!(cookie.contains("Max-Age=31536000"));
        let english = app.get("/", Some(cookie.split(';').next().unwrap())).await;
        assert!(english.body.contains(r#"<html lang="en""#));
        assert!(english.body.contains("Looking at our organisation honestly"));
        assert_eq!(app.get("/lang/en?next=https://evil.example", None).await.location(), Some("/"), "no open redirect");
    })
    .await;
}

// ---------- REST API ----------

#[tokio::test]
async fn readiness_checks_the_database_and_every_answer_carries_the_security_headers() {
    with_app(|app| async move {
        let ready = app.get("/readyz", None).await;
        assert_eq!((ready.status.as_u16(), ready.body.as_str()), (200, "ready"));
        for path in ["/", "/login", "/api/v1/waves", "/readyz"] {
            let reply = app.get(path, None).await;
            let header = |name: &str| reply.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
            assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
            assert_eq!(header("referrer-policy"), "same-origin", "{path}");
            assert_eq!(header("x-frame-options"), "DENY", "{path}");
            assert!(header("content-security-policy").contains("frame-ancestors 'none'"), "{path}");
        }
        // A Leptos page's inline scripts carry the nonce its policy names, and no inline script lacks it.
        let landing = app.get("/", None).await;
        let policy = landing.headers.get("content-security-policy").unwrap().to_str().unwrap().to_string();
        let nonce = policy.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect("a nonce");
        let inline_scripts: Vec<&str> =
            landing.body.split("<script").skip(1).filter(|tag| !tag.trim_start().starts_with("src")).collect();
        assert!(!inline_scripts.is_empty(), "the hydration script is inline");
        for tag in inline_scripts {
            assert!(tag.contains(&format!("nonce=\"{nonce}\"")), "an inline script without the nonce: {tag}");
        }
        assert_ne!(
            app.get("/", None).await.headers.get("content-security-policy").unwrap().to_str().unwrap(),
            policy,
            "a new nonce for every answer"
        );
        app.db.clone().close().await.unwrap();
        let closed = app.get("/readyz", None).await;
        assert_eq!(closed.status.as_u16(), 503, "a closed database is not ready: {}", closed.body);
    })
    .await;
}

#[tokio::test]
async fn the_api_needs_a_valid_bearer_token() {
    with_app(|app| async move {
        let hr = app.add_user("hr@x.id", Role::Hr, None).await;
        let none = app.api("GET", "/api/v1/units", None, "application/json", "").await;
        assert_eq!(none.status.as_u16(), 401);
        assert_eq!(none.json()["error"], "unauthorized");
        assert_eq!(none.json()["message"], "Silakan masuk terlebih dahulu.");
        let wrong = app.api("GET", "/api/v1/units", Some("mawas_not-a-token"), "application/json", "").await;
        assert_eq!(wrong.status.as_u16(), 401);
        let token = app.token_for(hr).await;
        let ok = app.api_get("/api/v1/units", &token).await;
        assert_eq!(ok.status.as_u16(), 200, "{}", ok.body);
        assert_eq!(app.count("api_token").await, 1);
        let stored: String =
            mawas::server::entities::api_token::Entity::find().one(&app.db).await.unwrap().unwrap().token_hash;
        assert_ne!(stored, token, "only the hash is stored");
    })
    .await;
}

#[tokio::test]
async fn the_instrument_endpoint_serves_lo25_with_its_items() {
    with_app(|app| async move {
        let user = app.add_user("trainer@x.id", Role::Trainer, None).await;
        let token = app.token_for(user).await;
        let reply = app.api_get("/api/v1/instruments/lo-25", &token).await;
        assert_eq!(reply.status.as_u16(), 200);
        let body = reply.json();
        assert_eq!(body["slug"], "lo-25");
        assert_eq!(body["scale_points"], 5);
        let items = body["items"].as_array().unwrap();
        assert_eq!(items.len(), 25);
        assert_eq!(items[0]["code"], "PM1");
        assert_eq!(items[24]["code"], "ST5");
        assert_eq!(items[24]["discipline"], "systems_thinking");
        assert!(items.iter().filter(|i| i["reverse"] == true).count() >= 5);
        let missing = app.api_get("/api/v1/instruments/nope", &token).await;
        assert_eq!(missing.status.as_u16(), 404);
    })
    .await;
}

#[tokio::test]
async fn a_units_import_with_a_bad_row_writes_nothing_and_lists_every_problem() {
    with_app(|app| async move {
        let hr = app.add_user("hr@x.id", Role::Hr, None).await;
        let token = app.token_for(hr).await;
        let body = r#"[
            {"code":"KAB","name":"Kabupaten Contoh","parent_code":null,"kind":"pemda","headcount":null},
            {"code":"DINKES","name":"Dinas Kesehatan","parent_code":"KAB","kind":"opd","headcount":120},
            {"code":"DINKES.B1","name":"","parent_code":"DINKES","kind":"bidang","headcount":-4},
            {"code":"X","name":"Unit X","parent_code":"NOWHERE","kind":"opd","headcount":3}
        ]"#;
        let reply = app.api("PUT", "/api/v1/units", Some(&token), "application/json", body).await;
        assert_eq!(reply.status.as_u16(), 422, "{}", reply.body);
        let details = reply.json()["details"].as_array().unwrap().clone();
        let problems: Vec<(u64, String)> = details.iter().map(|d| (d["row"].as_u64().unwrap(), d["field"].as_str().unwrap().to_string())).collect();
        assert_eq!(problems, vec![(3, "name".into()), (3, "headcount".into()), (4, "parent_code".into())]);
        assert_eq!(details[0]["message"], "Nama unit wajib diisi.");
        assert_eq!(app.count("unit").await, 0, "nothing written");

        let csv = "code,name,parent_code,kind,headcount\nKAB,Kabupaten Contoh,,pemda,\nDINKES,Dinas Kesehatan,KAB,opd,120\nDINKES.B1,Bidang P2P,DINKES,bidang,18\n";
        let ok = app.api("PUT", "/api/v1/units", Some(&token), "text/csv", csv).await;
        assert_eq!(ok.status.as_u16(), 200, "{}", ok.body);
        assert_eq!(ok.json()["inserted"], 3);
        let listed = app.api_get("/api/v1/units", &token).await.json();
        assert_eq!(listed.as_array().unwrap().len(), 3);
        assert_eq!(listed[2]["parent_code"], "DINKES");

        let english = app
            .send(
                axum::http::Request::put("/api/v1/units")
                    .header("authorization", format!("Bearer {token}"))
                    .header("accept-language", "en-US,en;q=0.9")
                    .header("content-type", "application/json")
                    .body(axum::body::Body::from(r#"[{"code":"B","name":"B","parent_code":"KAB","kind":"dinas","headcount":1}]"#))
                    .unwrap(),
            )
            .await;
        assert_eq!(english.json()["details"][0]["message"], "The unit kind must be one of: pemda, opd, bidang, seksi, upt, tim, other.");
    })
    .await;
}

#[tokio::test]
async fn a_scoped_hr_user_sees_and_writes_only_their_subtree_and_a_trainer_writes_nothing() {
    with_app(|app| async move {
        let root = app.add_unit("KAB", None, "pemda").await;
        let dinkes = app.add_unit("DINKES", Some(root), "opd").await;
        app.add_unit("DINKES.B1", Some(dinkes), "bidang").await;
        app.add_unit("DISDIK", Some(root), "opd").await;
        let scoped = app.add_user("hr.dinkes@x.id", Role::Hr, Some(dinkes)).await;
        let token = app.token_for(scoped).await;
        let listed = app.api_get("/api/v1/units", &token).await.json();
        let codes: Vec<&str> = listed.as_array().unwrap().iter().map(|u| u["code"].as_str().unwrap()).collect();
        assert_eq!(codes, vec!["DINKES", "DINKES.B1"]);

        let outside = app
            .api(
                "PUT",
                "/api/v1/units",
                Some(&token),
                "application/json",
                r#"[{"code":"DISDIK.B1","name":"Bidang SD","parent_code":"DISDIK","kind":"bidang","headcount":9}]"#,
            )
            .await;
        assert_eq!(outside.status.as_u16(), 422);
        assert_eq!(outside.json()["details"][0]["message"], "Unit ini di luar cakupan Anda.");
        let inside = app
            .api(
                "PUT",
                "/api/v1/units",
                Some(&token),
                "application/json",
                r#"[{"code":"DINKES.B2","name":"Bidang Yankes","parent_code":"DINKES","kind":"bidang","headcount":9}]"#,
            )
            .await;
        assert_eq!(inside.status.as_u16(), 200, "{}", inside.body);

        let trainer = app.add_user("t@x.id", Role::Trainer, None).await;
        let trainer_token = app.token_for(trainer).await;
        let refused = app.api("PUT", "/api/v1/units", Some(&trainer_token), "application/json", "[]").await;
        assert_eq!(refused.status.as_u16(), 403);
        assert_eq!(app.count("unit").await, 5);
    })
    .await;
}

#[tokio::test]
async fn the_openapi_document_lists_every_endpoint() {
    with_app(|app| async move {
        let reply = app.get("/api/v1/openapi.json", None).await;
        assert_eq!(reply.status.as_u16(), 200);
        let doc = reply.json();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        for path in
            ["/api/v1/openapi.json", "/api/v1/instruments/{slug}", "/api/v1/units", "/api/v1/waves/{id}/heatmap"]
        {
            assert!(doc["paths"][path].is_object(), "{path} missing");
        }
        assert!(doc["paths"]["/api/v1/units"]["put"].is_object());
        assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    })
    .await;
}

// ---------- command line ----------

fn mawas(args: &[&str], database: &std::path::Path, stdin: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mawas"))
        .args(args)
        .env("DATABASE_URL", format!("sqlite://{}?mode=rwc", database.display()))
        .env("RUST_LOG", "error")
        .env("LANG", "C")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run mawas");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    child.wait_with_output().expect("mawas finished")
}

#[test]
fn the_command_line_imports_units_creates_accounts_and_fails_with_one_clear_line() {
    let dir = std::env::temp_dir().join(format!("mawas-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let database = dir.join("cli.db");
    let stderr = |o: &std::process::Output| String::from_utf8_lossy(&o.stderr).trim().to_string();

    let missing = mawas(&["import-units", "/nonexistent/units.csv"], &database, "");
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(stderr(&missing).lines().count(), 1, "{}", stderr(&missing));
    assert!(stderr(&missing).starts_with("mawas: error: cannot read /nonexistent/units.csv"));

    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "code,name,parent_code,kind,headcount\nKAB,Kabupaten,,pemda,\nX,,KAB,dinas,\n").unwrap();
    let refused = mawas(&["import-units", bad.to_str().unwrap()], &database, "");
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("row 2, name"), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("row 2, kind"), "{}", stderr(&refused));

    let good = dir.join("good.csv");
    std::fs::write(
        &good,
        "code,name,parent_code,kind,headcount\nKAB,Kabupaten,,pemda,\nDINKES,Dinas Kesehatan,KAB,opd,40\n",
    )
    .unwrap();
    let imported = mawas(&["import-units", good.to_str().unwrap()], &database, "");
    assert!(imported.status.success(), "{}", stderr(&imported));
    assert!(String::from_utf8_lossy(&imported.stdout).contains("2 new"));

    let short = mawas(&["create-user", "--email", "a@b.id", "--role", "hr"], &database, "short\n");
    assert_eq!(short.status.code(), Some(1));
    assert!(stderr(&short).contains("at least 10 characters"));
    let unknown_scope =
        mawas(&["create-user", "--email", "a@b.id", "--role", "hr", "--scope", "NOPE"], &database, "long-enough-pw\n");
    assert!(stderr(&unknown_scope).contains("unknown unit code: NOPE"));
    let created = mawas(
        &["create-user", "--email", "a@b.id", "--role", "hr", "--scope", "DINKES"],
        &database,
        "long-enough-pw\n",
    );
    assert!(created.status.success(), "{}", stderr(&created));
    let token = mawas(&["create-api-token", "--email", "a@b.id"], &database, "");
    assert!(String::from_utf8_lossy(&token.stdout).trim().starts_with("mawas_"));

    let wrong_role = mawas(&["create-user", "--email", "a@b.id", "--role", "boss"], &database, "");
    assert_eq!(wrong_role.status.code(), Some(2), "clap refuses an unknown role");

    // A backup is a database of its own with everything in it, and never overwrites a file.
    let copy = dir.join("copy.db");
    let backup = mawas(&["backup", copy.to_str().unwrap()], &database, "");
    assert!(backup.status.success(), "{}", stderr(&backup));
    let from_copy = mawas(&["create-api-token", "--email", "a@b.id"], &copy, "");
    assert!(from_copy.status.success(), "the account is in the copy: {}", stderr(&from_copy));
    let again = mawas(&["backup", copy.to_str().unwrap()], &database, "");
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"), "{}", stderr(&again));
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------- heatmap ----------

/// Asserts that the per-(wave, unit) sums the heatmap reads equal the sums of the stored responses,
/// computed here in Rust from the rows: every stored response counted once, nothing else.
async fn assert_sums_match_responses(app: &helpers::TestApp, wave_id: i32) {
    use mawas::domain::GroupSums;
    let kept = mawas::server::repo::heatmap::own_sums_of_wave(&app.db, wave_id).await.unwrap();
    let stored = response::Entity::find().filter(response::Column::WaveId.eq(wave_id)).all(&app.db).await.unwrap();
    let mut by_unit: HashMap<i32, Vec<&response::Model>> = HashMap::new();
    for r in &stored {
        by_unit.entry(r.unit_id).or_default().push(r);
    }
    assert_eq!(kept.len(), by_unit.len(), "one row of sums per unit with responses");
    let close =
        |a: &GroupSums, b: &GroupSums| a.n == b.n && (a.sum - b.sum).abs() < 1e-9 && (a.sum_sq - b.sum_sq).abs() < 1e-6;
    for (unit, rows) in by_unit {
        let sums = &kept[&unit];
        assert_eq!(sums.responses, rows.len() as u64, "unit {unit}");
        let scores: [Vec<Option<f64>>; 6] = [
            rows.iter().map(|r| r.score_personal_mastery).collect(),
            rows.iter().map(|r| r.score_mental_models).collect(),
            rows.iter().map(|r| r.score_shared_vision).collect(),
            rows.iter().map(|r| r.score_team_learning).collect(),
            rows.iter().map(|r| r.score_systems_thinking).collect(),
            rows.iter().map(|r| r.lo_index).collect(),
        ];
        let kept_scores: Vec<&GroupSums> = sums.disciplines.iter().chain([&sums.lo_index]).collect();
        for (measure, values) in scores.iter().enumerate() {
            let expected = GroupSums::of(values.iter().flatten().copied());
            assert!(
                close(kept_scores[measure], &expected),
                "unit {unit}, measure {measure}: {:?} vs {expected:?}",
                kept_scores[measure]
            );
        }
        let favourable: u64 = rows.iter().map(|r| r.favourable_team_learning as u64).sum();
        let answered: u64 = rows.iter().map(|r| r.answered_team_learning as u64).sum();
        assert_eq!((sums.favourable[3].favourable, sums.favourable[3].answered), (favourable, answered), "unit {unit}");
        let answering = rows.iter().filter(|r| r.answered_team_learning > 0).count() as u64;
        assert_eq!(sums.favourable[3].respondents, answering, "unit {unit}: people behind % favourable");
    }
    // The sums behind α, kept at each submit, equal those the SQL rebuild computes from the answers.
    let kept = alpha_sum_rows(app, wave_id).await;
    mawas::server::repo::heatmap::rebuild_sums(&app.db).await.unwrap();
    assert_eq!(kept, alpha_sum_rows(app, wave_id).await, "α sums kept at submit vs rebuilt from the answers");
}

/// Every row of the α sums of a wave, as (unit, values in column order).
async fn alpha_sum_rows(app: &helpers::TestApp, wave_id: i32) -> Vec<(i32, Vec<i64>)> {
    use migration::wave_unit_alpha_sums::{TABLE, summed_columns};
    use sea_orm::ConnectionTrait;
    let columns = summed_columns();
    let sql = format!("SELECT unit_id, {} FROM {TABLE} WHERE wave_id = {wave_id} ORDER BY unit_id", columns.join(", "));
    let rows = app.db.query_all_raw(sea_orm::Statement::from_string(app.db.get_database_backend(), sql)).await.unwrap();
    rows.iter()
        .map(|row| {
            let values = columns.iter().map(|c| row.try_get::<i64>("", c).unwrap()).collect();
            (row.try_get::<i32>("", "unit_id").unwrap(), values)
        })
        .collect()
}

#[tokio::test]
async fn the_heatmap_equals_a_direct_computation_and_hides_small_groups_within_scope() {
    with_app(|app| async move {
        seed::seed_demo(&app.db, 1).await.expect("seed");
        let wave = app.first_periodic_wave().await;
        let token = app.token_for_email("hr@mawas.local").await;
        let reply = app.api_get(&format!("/api/v1/waves/{}/heatmap", wave.id), &token).await;
        assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
        let body = reply.json();
        assert_eq!(body["min_group_size"], 5);
        let rows = body["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 143, "every unit of the wave's tree");
        assert_eq!(rows[0]["unit"], "KAB");
        // The seed stores responses in bulk and fills the sums with one GROUP BY.
        for wave in wave::Entity::find().all(&app.db).await.unwrap() {
            assert_sums_match_responses(&app, wave.id).await;
        }

        // Direct computation for Dinas Kesehatan: all responses of its subtree in this wave.
        let all_units = unit::Entity::find().all(&app.db).await.unwrap();
        let dinkes = all_units.iter().find(|u| u.code == "DINKES").unwrap();
        let subtree = mawas::server::repo::units::subtree_ids(&all_units, Some(dinkes.id));
        let responses: Vec<response::Model> = response::Entity::find()
            .filter(response::Column::WaveId.eq(wave.id))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .filter(|r| subtree.contains(&r.unit_id))
            .collect();
        let row = rows.iter().find(|r| r["unit"] == "DINKES").unwrap();
        assert_eq!(row["reportable"], true);
        assert_eq!(row["n"].as_u64().unwrap(), responses.len() as u64);
        let st: Vec<f64> = responses.iter().filter_map(|r| r.score_systems_thinking).collect();
        let expected = mawas::domain::GroupSums::of(st.iter().copied()).figures().unwrap();
        let cell = &row["disciplines"]["systems_thinking"];
        assert!((cell["mean"].as_f64().unwrap() - expected.mean).abs() < 1e-9);
        assert!((cell["sd"].as_f64().unwrap() - expected.sd.unwrap()).abs() < 1e-9);
        assert!((cell["ci_low"].as_f64().unwrap() - expected.ci_low.unwrap()).abs() < 1e-9);
        let fav: i64 = responses.iter().map(|r| i64::from(r.favourable_systems_thinking)).sum();
        let answered: i64 = responses.iter().map(|r| i64::from(r.answered_systems_thinking)).sum();
        assert!((cell["favourable"].as_f64().unwrap() - fav as f64 / answered as f64).abs() < 1e-12);
        let lo: Vec<f64> = responses.iter().filter_map(|r| r.lo_index).collect();
        assert!((row["lo_index"].as_f64().unwrap() - lo.iter().sum::<f64>() / lo.len() as f64).abs() < 1e-9);

        // A unit with fewer than k answers shows no figure at all, not even n.
        let mut per_unit: HashMap<i32, usize> = HashMap::new();
        for r in response::Entity::find().filter(response::Column::WaveId.eq(wave.id)).all(&app.db).await.unwrap() {
            *per_unit.entry(r.unit_id).or_default() += 1;
        }
        let small = all_units
            .iter()
            .find(|u| {
                per_unit.get(&u.id).copied().unwrap_or(0) < 5 && !all_units.iter().any(|c| c.parent_id == Some(u.id))
            })
            .unwrap();
        let hidden = rows.iter().find(|r| r["unit"] == small.code.as_str()).unwrap();
        assert_eq!(hidden["reportable"], false);
        for field in ["n", "response_rate", "lo_index"] {
            assert!(hidden[field].is_null(), "{field} of {} is {}", small.code, hidden[field]);
        }
        assert!(hidden["disciplines"].as_object().unwrap().values().all(serde_json::Value::is_null));
        for r in rows.iter().filter(|r| r["reportable"] == true) {
            assert!(r["n"].as_u64().unwrap() >= 5);
        }

        // The CSV export carries the same rows and figures, and nothing for a hidden row.
        let csv = app.api_get(&format!("/api/v1/waves/{}/heatmap?format=csv", wave.id), &token).await;
        assert_eq!(csv.status.as_u16(), 200);
        assert!(csv.headers.get("content-type").unwrap().to_str().unwrap().starts_with("text/csv"));
        let mut lines = csv.body.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        assert_eq!(header[..7], ["unit", "name", "parent", "depth", "band", "reportable", "n"]);
        let lines: Vec<&str> = lines.collect();
        assert_eq!(lines.len(), rows.len());
        let dinkes_line = lines.iter().find(|l| l.starts_with("DINKES,")).unwrap();
        let st_mean = header.iter().position(|h| *h == "systems_thinking_mean").unwrap();
        let cells: Vec<&str> = dinkes_line.split(',').collect();
        assert_eq!(cells[6], row["n"].to_string());
        assert!((cells[st_mean].parse::<f64>().unwrap() - expected.mean).abs() < 1e-4);
        let hidden_line: Vec<&str> =
            lines.iter().find(|l| l.starts_with(&format!("{},", small.code))).unwrap().split(',').collect();
        assert_eq!(hidden_line[5], "false");
        assert!(hidden_line[6..].iter().all(|c| c.is_empty()), "{hidden_line:?}");
        let bad = app.api_get(&format!("/api/v1/waves/{}/heatmap?format=pdf", wave.id), &token).await;
        assert_eq!(bad.status.as_u16(), 422);

        // Scope: the Dinas Kesehatan HR user sees only that subtree; trainers and visitors see nothing.
        let scoped_token = app.token_for_email("hr.dinkes@mawas.local").await;
        let scoped_rows =
            app.api_get(&format!("/api/v1/waves/{}/heatmap", wave.id), &scoped_token).await.json()["rows"]
                .as_array()
                .unwrap()
                .clone();
        assert_eq!(scoped_rows.len(), subtree.len());
        assert_eq!(scoped_rows[0]["unit"], "DINKES");
        assert_eq!(scoped_rows[0]["n"], row["n"]);
        let disdik = all_units.iter().find(|u| u.code == "DISDIK").unwrap();
        let disdik_wave = app.add_wave("Hanya Disdik", disdik.id).await;
        let refused = app.api_get(&format!("/api/v1/waves/{disdik_wave}/heatmap"), &scoped_token).await;
        assert_eq!(refused.status.as_u16(), 403);
        assert!(!refused.body.contains("DISDIK"), "a refusal reveals nothing");
        let trainer_token = app.token_for_email("trainer@mawas.local").await;
        assert_eq!(
            app.api_get(&format!("/api/v1/waves/{}/heatmap", wave.id), &trainer_token).await.status.as_u16(),
            403
        );
        assert_eq!(
            app.api("GET", &format!("/api/v1/waves/{}/heatmap", wave.id), None, "application/json", "")
                .await
                .status
                .as_u16(),
            401
        );
        assert_eq!(app.api_get("/api/v1/waves/99999/heatmap", &token).await.status.as_u16(), 404);
    })
    .await;
}

#[tokio::test]
async fn reliability_is_cronbachs_alpha_over_complete_cases_of_the_visible_units() {
    with_app(|app| async move {
        seed::seed_demo(&app.db, 1).await.expect("seed");
        let wave = app.first_periodic_wave().await;
        let token = app.token_for_email("hr@mawas.local").await;
        let reply = app.api_get(&format!("/api/v1/waves/{}/reliability", wave.id), &token).await;
        assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
        let body = reply.json();

        // Direct computation for team learning: responses with all five TL items answered.
        let items: HashMap<i32, item::Model> =
            item::Entity::find().all(&app.db).await.unwrap().into_iter().map(|i| (i.id, i)).collect();
        let responses =
            response::Entity::find().filter(response::Column::WaveId.eq(wave.id)).all(&app.db).await.unwrap();
        let mut cases: Vec<[f64; 5]> = Vec::new();
        for r in &responses {
            let answers =
                answer::Entity::find().filter(answer::Column::ResponseId.eq(r.id)).all(&app.db).await.unwrap();
            let mut tl: Vec<(i32, f64)> = answers
                .iter()
                .filter_map(|a| {
                    let item = &items[&a.item_id];
                    (item.discipline == "team_learning").then(|| {
                        (item.position, if item.reverse { 6.0 - f64::from(a.value) } else { f64::from(a.value) })
                    })
                })
                .collect();
            if tl.len() == 5 {
                tl.sort_by_key(|x| x.0);
                cases.push(std::array::from_fn(|j| tl[j].1));
            }
        }
        let expected = mawas::domain::reliability::cronbach_alpha(&cases).unwrap();
        let tl = &body["disciplines"]["team_learning"];
        assert_eq!(tl["n_complete"].as_u64().unwrap(), cases.len() as u64);
        assert!((tl["alpha"].as_f64().unwrap() - expected).abs() < 1e-9);
        assert!(expected > 0.6, "the demo's items hang together: {expected}");
        assert_eq!(tl["low"], false);
        for d in Discipline::ALL {
            assert!(body["disciplines"][d.code()]["alpha"].is_number(), "{}", d.code());
        }

        // A scoped user gets α over their own subtree only; a unit below k gets nothing.
        let scoped_token = app.token_for_email("hr.dinkes@mawas.local").await;
        let scoped_body = app.api_get(&format!("/api/v1/waves/{}/reliability", wave.id), &scoped_token).await.json();
        let scoped_n = scoped_body["disciplines"]["team_learning"]["n_complete"].as_u64().unwrap();
        assert!(scoped_n < cases.len() as u64 && scoped_n >= 5);
        let trainer_token = app.token_for_email("trainer@mawas.local").await;
        assert_eq!(
            app.api_get(&format!("/api/v1/waves/{}/reliability", wave.id), &trainer_token).await.status.as_u16(),
            403
        );
    })
    .await;
}

#[tokio::test]
async fn a_units_trend_shows_each_periodic_wave_as_the_heatmap_does_and_respects_scope() {
    with_app(|app| async move {
        seed::seed_demo(&app.db, 1).await.expect("seed");
        let token = app.token_for_email("hr@mawas.local").await;
        let trend = app.api_get("/api/v1/units/DINKES/trend", &token).await;
        assert_eq!(trend.status.as_u16(), 200, "{}", trend.body);
        let trend = trend.json();
        let points = trend["waves"].as_array().unwrap();
        assert_eq!(points.len(), 4, "three closed waves and the open one");
        let dates: Vec<&str> = points.iter().map(|p| p["wave"]["opens_on"].as_str().unwrap()).collect();
        let mut sorted = dates.clone();
        sorted.sort();
        assert_eq!(dates, sorted, "oldest first");
        for point in &points[..3] {
            let id = point["wave"]["id"].as_i64().unwrap();
            let heatmap = app.api_get(&format!("/api/v1/waves/{id}/heatmap"), &token).await.json();
            let row = heatmap["rows"].as_array().unwrap().iter().find(|r| r["unit"] == "DINKES").unwrap().clone();
            assert_eq!(point["figures"], row, "trend and heatmap agree for wave {id}");
        }
        assert_eq!(points[3]["figures"]["reportable"], false, "the open wave has no answers yet");

        let scoped_token = app.token_for_email("hr.dinkes@mawas.local").await;
        assert_eq!(app.api_get("/api/v1/units/DINKES.B1/trend", &scoped_token).await.status.as_u16(), 200);
        let refused = app.api_get("/api/v1/units/DISDIK/trend", &scoped_token).await;
        assert_eq!(refused.status.as_u16(), 403);
        assert!(!refused.body.contains("Dinas Pendidikan"));
        assert_eq!(app.api_get("/api/v1/units/NOPE/trend", &token).await.status.as_u16(), 404);
    })
    .await;
}

// ---------- settings ----------

#[tokio::test]
async fn an_admin_changes_k_within_bounds_and_every_report_follows() {
    with_app(|app| async move {
        let root = app.add_unit("KAB", None, "pemda").await;
        let wave = app.add_wave("Survei", root).await;
        let admin = app.add_user("admin@x.id", Role::Admin, None).await;
        app.add_user("hr@x.id", Role::Hr, None).await;
        let admin_session = app.login("admin@x.id").await;

        let page = app.get("/admin/settings", Some(&admin_session)).await;
        assert_eq!(page.status.as_u16(), 200);
        assert!(
            page.body.contains("Batas minimum kelompok (k)") && page.body.contains(r#"value="5""#),
            "current k shown"
        );

        let refused = app
            .post_form(
                "/api/save_admin_settings",
                "min_group_size=2&comment_threshold=5",
                Some(&admin_session),
                "http://localhost/admin/settings",
            )
            .await;
        assert!(refused.location().unwrap().contains("__err="), "back to the form with the error");
        let too_low_kc = app
            .server_fn("/api/save_admin_settings", "min_group_size=8&comment_threshold=5", Some(&admin_session))
            .await;
        assert!(too_low_kc.body.contains("tidak lebih kecil dari k"), "{}", too_low_kc.body);
        assert_eq!(app.count("audit_log").await, 1, "only the login is audited so far: nothing changed");

        let saved = app
            .post_form(
                "/api/save_admin_settings",
                "min_group_size=10&comment_threshold=12",
                Some(&admin_session),
                "http://localhost/admin/settings",
            )
            .await;
        assert_eq!(saved.location(), Some("/admin/settings?saved=1"));
        assert_eq!(app.count("audit_log").await, 2);
        let token = app.token_for(admin).await;
        let heatmap = app.api_get(&format!("/api/v1/waves/{wave}/heatmap"), &token).await.json();
        assert_eq!(heatmap["min_group_size"], 10, "the heatmap uses the new k");

        let hr = app.login("hr@x.id").await;
        let forbidden =
            app.server_fn("/api/save_admin_settings", "min_group_size=3&comment_threshold=3", Some(&hr)).await;
        assert!(forbidden.body.contains("Forbidden"), "{}", forbidden.body);
        assert_eq!(app.get("/admin/settings", Some(&hr)).await.status.as_u16(), 303);
        let figures = app.server_fn("/api/admin_settings", "", Some(&admin_session)).await.json();
        assert_eq!((figures["min_group_size"].as_u64(), figures["comment_threshold"].as_u64()), (Some(10), Some(12)));
    })
    .await;
}

#[tokio::test]
async fn the_wave_list_shows_hr_only_waves_that_touch_their_scope_with_survey_links() {
    with_app(|app| async move {
        let root = app.add_unit("KAB", None, "pemda").await;
        let dinkes = app.add_unit("DINKES", Some(root), "opd").await;
        let disdik = app.add_unit("DISDIK", Some(root), "opd").await;
        app.add_wave("Seluruh Kabupaten", root).await;
        app.add_wave("Dinkes saja", dinkes).await;
        app.add_wave("Disdik saja", disdik).await;
        let scoped = app.token_for(app.add_user("hr.dinkes@x.id", Role::Hr, Some(dinkes)).await).await;
        let listed = app.api_get("/api/v1/waves", &scoped).await.json();
        let mut titles: Vec<&str> = listed.as_array().unwrap().iter().map(|w| w["title"].as_str().unwrap()).collect();
        titles.sort();
        assert_eq!(titles, ["Dinkes saja", "Seluruh Kabupaten"]);
        let first = &listed[0];
        assert_eq!(first["url"].as_str().unwrap(), format!("/s/{}", first["slug"].as_str().unwrap()));
        assert_eq!(first["instrument"], "lo-25");
        let everyone = app.token_for(app.add_user("hr@x.id", Role::Hr, None).await).await;
        assert_eq!(app.api_get("/api/v1/waves", &everyone).await.json().as_array().unwrap().len(), 3);
        let bad = r#"{"title":" ","instrument":"lo-99","root_unit":"DISDIK","opens_on":"2026-12-01","closes_on":"2026-11-01","access":"public"}"#;
        let refused = app.api("POST", "/api/v1/waves", Some(&scoped), "application/json", bad).await;
        assert_eq!(refused.status.as_u16(), 422);
        let details = refused.json()["details"].clone();
        let fields: Vec<&str> = details.as_array().unwrap().iter().map(|d| d["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["title", "closes_on", "access", "instrument", "root_unit"], "DISDIK is outside the scope");
        assert_eq!(app.count("wave").await, 3);
        let good = r#"{"title":"Survei Dinkes 2027","instrument":"lo-25","root_unit":"DINKES","opens_on":"2027-01-04","closes_on":"2027-01-29"}"#;
        let created = app.api("POST", "/api/v1/waves", Some(&scoped), "application/json", good).await.json();
        assert_eq!(created["url"].as_str().unwrap(), format!("/s/{}", created["slug"].as_str().unwrap()));
        assert_eq!(app.count("wave").await, 4);
        assert_eq!(app.count("audit_log").await, 1, "the creation is audited");

        let trainer = app.token_for(app.add_user("t@x.id", Role::Trainer, None).await).await;
        assert_eq!(app.api("POST", "/api/v1/waves", Some(&trainer), "application/json", good).await.status.as_u16(), 403);
        let refused = app.api_get("/api/v1/waves", &trainer).await;
        assert_eq!(refused.status.as_u16(), 403);
        assert!(!refused.body.contains("Dinkes"), "a refusal names nothing");
    })
    .await;
}

#[tokio::test]
async fn paper_questionnaires_are_typed_in_all_or_nothing_within_the_callers_scope() {
    with_app(|app| async move {
        let root = app.add_unit("KAB", None, "pemda").await;
        let dinkes = app.add_unit("DINKES", Some(root), "opd").await;
        app.add_unit("DINKES.B1", Some(dinkes), "bidang").await;
        app.add_unit("DISDIK", Some(root), "opd").await;
        let wave = app.add_wave("Survei", root).await;
        let today = chrono::Utc::now().date_naive().to_string();
        let token = app.token_for(app.add_user("hr.dinkes@x.id", Role::Hr, Some(dinkes)).await).await;
        let answers: Vec<String> = lo25::ITEMS.iter().map(|i| format!("\"{}\": 4", i.code)).collect();
        let answers = answers.join(",");
        let good = format!(
            r#"[{{"unit":"DINKES.B1","submitted_on":"{today}","pairing_code":"P-017","role":"fungsional","answers":{{{answers}}},"comment":"Dari kertas"}},
                {{"unit":"DINKES","answers":{{"PM1":5,"PM2":"4","PM3":3}}}}]"#
        );
        let bad = format!(
            r#"[{{"unit":"DINKES","answers":{{{answers}}}}},
                {{"unit":"DISDIK","submitted_on":"1999-01-01","pairing_code":"p 1","role":"boss","answers":{{"PM1":6,"XX9":3,"PM2":2.5}}}}]"#
        );
        let path = format!("/api/v1/waves/{wave}/responses");
        let refused = app.api("POST", &path, Some(&token), "application/json", &bad).await;
        assert_eq!(refused.status.as_u16(), 422, "{}", refused.body);
        let details = refused.json()["details"].clone();
        let listed: Vec<(u64, &str)> = details
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["row"].as_u64().unwrap(), d["field"].as_str().unwrap()))
            .collect();
        assert_eq!(
            listed,
            [(2, "unit"), (2, "submitted_on"), (2, "pairing_code"), (2, "PM1"), (2, "PM2"), (2, "XX9"), (2, "role")]
        );
        assert_eq!(app.count("response").await, 0, "one bad row and nothing is stored");
        assert_eq!(app.count("wave_unit_sum").await, 0, "nor summed");

        let stored = app.api("POST", &path, Some(&token), "application/json", &good).await;
        assert_eq!(stored.status.as_u16(), 200, "{}", stored.body);
        assert_eq!(stored.json()["inserted"], 2);
        assert_eq!(app.count("answer").await, 28);
        assert_sums_match_responses(&app, wave).await;
        let row = response::Entity::find()
            .filter(response::Column::PairingCode.eq("P-017"))
            .one(&app.db)
            .await
            .unwrap()
            .expect("the typed pairing code is kept as it was");
        // The wave is broken down by grade, so the kind of position typed in is checked, then not kept.
        assert_eq!((row.role_kind.as_deref(), row.comment.as_deref()), (None, Some("Dari kertas")));
        let instrument = mawas::server::repo::instruments::published_by_slug(&app.db, "lo-25").await.unwrap().unwrap();
        let items = mawas::server::repo::instruments::instrument_items(&app.db, instrument.id).await.unwrap();
        let expected = score_response(items.iter().map(|i| (i.key, LikertValue::parse(4, 5).ok())), 5);
        assert_eq!(row.lo_index, expected.lo_index, "scored at entry like a form");

        let trainer = app.token_for(app.add_user("t@x.id", Role::Trainer, None).await).await;
        assert_eq!(app.api("POST", &path, Some(&trainer), "application/json", &good).await.status.as_u16(), 403);
    })
    .await;
}

#[tokio::test]
async fn a_trainer_creates_a_workshop_with_open_pre_and_post_waves() {
    with_app(|app| async move {
        let root = app.add_unit("KAB", None, "pemda").await;
        app.add_unit("BKPSDM", Some(root), "opd").await;
        let trainer = app.token_for(app.add_user("t@x.id", Role::Trainer, None).await).await;
        let today = chrono::Utc::now().date_naive();
        let body = format!(
            r#"{{"title":"Pelatihan Berpikir Sistem","instrument":"lo-25","held_from":"{today}","held_to":"{today}","then_test":true,"place":"Aula","unit":"BKPSDM"}}"#
        );
        let created = app.api("POST", "/api/v1/workshops", Some(&trainer), "application/json", &body).await;
        assert_eq!(created.status.as_u16(), 200, "{}", created.body);
        let created = created.json();
        let stored = workshop::Entity::find().one(&app.db).await.unwrap().unwrap();
        assert!(stored.then_test);
        assert_eq!(created["pre_wave"]["id"].as_i64(), Some(i64::from(stored.pre_wave_id)));
        let pre = wave::Entity::find_by_id(stored.pre_wave_id).one(&app.db).await.unwrap().unwrap();
        let post = wave::Entity::find_by_id(stored.post_wave_id).one(&app.db).await.unwrap().unwrap();
        assert_eq!((pre.kind.as_str(), post.kind.as_str()), ("pre", "post"));
        assert!(pre.opens_on <= today && today <= pre.closes_on && post.opens_on <= today && today <= post.closes_on);
        let page = app.get(&format!("{}?u=BKPSDM", created["pre_wave"]["url"].as_str().unwrap()), None).await;
        assert!(page.body.contains("name=\"pairing_code\""), "the pre-test draws a pairing code");

        let bad = r#"{"title":"","instrument":"lo-25","held_from":"2026-12-02","held_to":"2026-12-01","unit":"NOPE"}"#;
        let refused = app.api("POST", "/api/v1/workshops", Some(&trainer), "application/json", bad).await;
        assert_eq!(refused.status.as_u16(), 422);
        assert_eq!(refused.json()["details"].as_array().unwrap().len(), 3);
        let hr = app.token_for(app.add_user("hr@x.id", Role::Hr, None).await).await;
        assert_eq!(app.api("POST", "/api/v1/workshops", Some(&hr), "application/json", &body).await.status.as_u16(), 403);
        assert_eq!(app.count("workshop").await, 1);
    })
    .await;
}

// ---------- storing responses ----------

mod submit {
    use super::helpers::{TestApp, with_app};
    use chrono::Utc;
    use mawas::domain::lo25;
    use mawas::domain::scoring::score_response;
    use mawas::domain::submission::{InstrumentItem, RawSubmission, ValidSubmission, validate_submission};
    use mawas::server::entities::{response, unit, wave};
    use mawas::server::repo::instruments;
    use mawas::server::repo::responses::{Submission, SubmitOutcome, SubmitRefusal};
    use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Iterable, Set};
    use std::sync::Arc;

    async fn lo25_items(app: &TestApp) -> Vec<InstrumentItem> {
        let instrument = instruments::published_by_slug(&app.db, "lo-25").await.unwrap().unwrap();
        instruments::instrument_items(&app.db, instrument.id).await.unwrap()
    }

    fn answers(items: &[InstrumentItem], value: &str) -> ValidSubmission {
        let raw = RawSubmission {
            answers: items.iter().map(|i| (i.code.clone(), value.to_string())).collect(),
            grade_band: Some("III".into()),
            comment: Some("Koordinasi antarbidang perlu rutin.".into()),
            ..Default::default()
        };
        validate_submission(items, &raw, lo25::SCALE_POINTS, false).unwrap()
    }

    fn form<'a>(
        wave: &'a wave::Model,
        unit_id: i32,
        items: &'a [InstrumentItem],
        valid: &'a ValidSubmission,
        nonce: &'a str,
        today: chrono::NaiveDate,
    ) -> Submission<'a> {
        Submission {
            wave,
            unit_id,
            items,
            valid,
            nonce,
            token: None,
            eligible_units: None,
            today,
            scale_points: lo25::SCALE_POINTS,
        }
    }

    async fn wave_model(app: &TestApp, id: i32) -> wave::Model {
        wave::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap()
    }

    #[tokio::test]
    async fn a_response_is_stored_once_with_the_domain_scores_and_nothing_identifying() {
        with_app(|app| async move {
            let root = app.add_unit("KAB", None, "pemda").await;
            let dinkes = app.add_unit("DINKES", Some(root), "opd").await;
            let wave = wave_model(&app, app.add_wave("Survei", root).await).await;
            let items = lo25_items(&app).await;
            let valid = answers(&items, "4");
            let today = Utc::now().date_naive();

            let first =
                app.responses.submit(&form(&wave, dinkes, &items, &valid, "form-nonce-1", today)).await.unwrap();
            assert_eq!(first, Ok(SubmitOutcome::Stored));
            let again =
                app.responses.submit(&form(&wave, dinkes, &items, &valid, "form-nonce-1", today)).await.unwrap();
            assert_eq!(again, Ok(SubmitOutcome::AlreadySubmitted));
            assert_eq!(app.count("response").await, 1);
            assert_eq!(app.count("answer").await, 25);

            // A double tap from many connections at once still stores one response.
            let app2 = app.clone();
            let tasks: Vec<_> = (0..8)
                .map(|_| {
                    let (app, wave, items, valid) = (Arc::clone(&app2), wave.clone(), items.clone(), valid.clone());
                    tokio::spawn(async move {
                        app.responses.submit(&form(&wave, dinkes, &items, &valid, "form-nonce-2", today)).await.unwrap()
                    })
                })
                .collect();
            let mut stored = 0;
            for t in tasks {
                if t.await.unwrap() == Ok(SubmitOutcome::Stored) {
                    stored += 1;
                }
            }
            assert_eq!(stored, 1);
            assert_eq!(app.count("response").await, 2);
            let other = answers(&items, "2");
            app.responses.submit(&form(&wave, root, &items, &other, "form-nonce-3", today)).await.unwrap().unwrap();
            super::assert_sums_match_responses(&app, wave.id).await;

            let row = response::Entity::find().one(&app.db).await.unwrap().unwrap();
            let expected = score_response(items.iter().zip(&valid.answers).map(|(i, v)| (i.key, *v)), 5);
            assert_eq!(row.score_team_learning, expected.disciplines[3]);
            assert_eq!(row.lo_index, expected.lo_index);
            assert_eq!(row.submitted_on, today, "the day only");
            let columns: Vec<String> = response::Column::iter().map(|c| format!("{c:?}")).collect();
            let allowed = [
                "Id",
                "WaveId",
                "UnitId",
                "SubmittedOn",
                "GradeBand",
                "TenureBand",
                "RoleKind",
                "PairingCode",
                "ScorePersonalMastery",
                "ScoreMentalModels",
                "ScoreSharedVision",
                "ScoreTeamLearning",
                "ScoreSystemsThinking",
                "LoIndex",
                "FavourablePersonalMastery",
                "AnsweredPersonalMastery",
                "FavourableMentalModels",
                "AnsweredMentalModels",
                "FavourableSharedVision",
                "AnsweredSharedVision",
                "FavourableTeamLearning",
                "AnsweredTeamLearning",
                "FavourableSystemsThinking",
                "AnsweredSystemsThinking",
                "Comment",
            ];
            assert_eq!(
                columns, allowed,
                "a response stores only what DESIGN.md §5 allows: no name, NIP, token, IP, agent or time"
            );
        })
        .await;
    }

    #[tokio::test]
    async fn a_closed_wave_a_unit_outside_it_or_an_inactive_unit_stores_nothing() {
        with_app(|app| async move {
            let root = app.add_unit("KAB", None, "pemda").await;
            let dinkes = app.add_unit("DINKES", Some(root), "opd").await;
            let disdik = app.add_unit("DISDIK", Some(root), "opd").await;
            let wave = wave_model(&app, app.add_wave("Survei Dinkes", dinkes).await).await;
            let items = lo25_items(&app).await;
            let valid = answers(&items, "2");
            let today = Utc::now().date_naive();

            let outside = app.responses.submit(&form(&wave, disdik, &items, &valid, "n-a", today)).await.unwrap();
            assert_eq!(outside, Err(SubmitRefusal::UnitNotInWave));
            let after = app
                .responses
                .submit(&form(&wave, dinkes, &items, &valid, "n-b", wave.closes_on.succ_opt().unwrap()))
                .await
                .unwrap();
            assert_eq!(after, Err(SubmitRefusal::WaveNotOpen));
            let before = app
                .responses
                .submit(&form(&wave, dinkes, &items, &valid, "n-c", wave.opens_on.pred_opt().unwrap()))
                .await
                .unwrap();
            assert_eq!(before, Err(SubmitRefusal::WaveNotOpen));
            let no_nonce = app.responses.submit(&form(&wave, dinkes, &items, &valid, " ", today)).await.unwrap();
            assert_eq!(no_nonce, Err(SubmitRefusal::NonceInvalid));

            let mut closed = wave.clone().into_active_model();
            closed.closed_early = Set(true);
            let closed = closed.update(&app.db).await.unwrap();
            assert_eq!(
                app.responses.submit(&form(&closed, dinkes, &items, &valid, "n-d", today)).await.unwrap(),
                Err(SubmitRefusal::WaveNotOpen)
            );

            let mut inactive =
                unit::Entity::find_by_id(dinkes).one(&app.db).await.unwrap().unwrap().into_active_model();
            inactive.active = Set(false);
            inactive.update(&app.db).await.unwrap();
            assert_eq!(
                app.responses.submit(&form(&wave, dinkes, &items, &valid, "n-e", today)).await.unwrap(),
                Err(SubmitRefusal::UnitNotInWave)
            );

            assert_eq!(app.count("response").await, 0);
            assert_eq!(app.count("answer").await, 0);
            assert_eq!(app.count("submission_nonce").await, 0, "a refused form leaves no trace");
            assert_eq!(app.count("wave_unit_sum").await, 0);
        })
        .await;
    }

    #[tokio::test]
    async fn responses_committed_together_refuse_or_fail_one_by_one() {
        use mawas::server::auth::hash_secret;
        use mawas::server::repo::responses::{PendingResponse, SubmitResult, store_together};
        with_app(|app| async move {
            let root = app.add_unit("KAB", None, "pemda").await;
            let dinkes = app.add_unit("DINKES", Some(root), "opd").await;
            let wave_id = app.add_wave("Survei", root).await;
            app.add_invitation(wave_id, "tok-1").await;
            let items = lo25_items(&app).await;
            let pending = |nonce: &str, unit_id: i32, value: &str| PendingResponse {
                wave_id,
                unit_id,
                items: items.clone(),
                valid: answers(&items, value),
                nonce_hash: hash_secret(nonce),
                token_hash: None,
                today: Utc::now().date_naive(),
                scale_points: lo25::SCALE_POINTS,
            };
            let with_token =
                |nonce: &str| PendingResponse { token_hash: Some(hash_secret("tok-1")), ..pending(nonce, dinkes, "3") };
            let codes = |outcomes: Vec<SubmitResult>| -> Vec<_> {
                outcomes.into_iter().map(|o| o.map_err(|e| e.code())).collect()
            };

            let together = [
                pending("n-1", dinkes, "4"),
                pending("n-1", dinkes, "4"),
                with_token("n-2"),
                with_token("n-3"),
                pending("n-4", root, "2"),
            ];
            let outcomes = codes(store_together(&app.db, &together).await);
            assert_eq!(outcomes[0], Ok(Ok(SubmitOutcome::Stored)));
            assert_eq!(outcomes[1], Ok(Ok(SubmitOutcome::AlreadySubmitted)), "the same form twice in one batch");
            assert_eq!(outcomes[2], Ok(Ok(SubmitOutcome::Stored)));
            assert_eq!(outcomes[3], Ok(Err(SubmitRefusal::TokenUsed)), "one invitation twice in one batch");
            assert_eq!(outcomes[4], Ok(Ok(SubmitOutcome::Stored)));
            assert_eq!(app.count("response").await, 3);
            assert_eq!(app.count("answer").await, 75);
            assert_eq!(app.count("submission_nonce").await, 3, "the refused form left no nonce");
            super::assert_sums_match_responses(&app, wave_id).await;

            // An item that is not in the database: its answers break a foreign key, which undoes the
            // batch; the others are stored one by one.
            let mut broken = pending("n-broken", dinkes, "1");
            broken.items[0].id = 999_999;
            let outcomes =
                codes(store_together(&app.db, &[pending("n-5", dinkes, "5"), broken, pending("n-6", root, "1")]).await);
            assert_eq!(outcomes[0], Ok(Ok(SubmitOutcome::Stored)));
            assert!(outcomes[1].is_err(), "{:?}", outcomes[1]);
            assert_eq!(outcomes[2], Ok(Ok(SubmitOutcome::Stored)), "a failure before it does not undo it");
            assert_eq!(app.count("response").await, 5);
            assert_eq!(app.count("answer").await, 125);
            assert_eq!(app.count("submission_nonce").await, 5, "the failed form left no nonce");
            super::assert_sums_match_responses(&app, wave_id).await;
        })
        .await;
    }
}

// ---------- the respondent's survey pages ----------

mod survey_pages {
    use super::helpers::{Reply, TestApp, with_app};
    use chrono::{Duration, Utc};
    use mawas::domain::lo25;
    use mawas::server::entities::{answer, invitation, response, wave, workshop};
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
    use std::sync::Arc;

    /// The value of a hidden or text input in a rendered page.
    fn input_value(page: &str, name: &str) -> Option<String> {
        let at = page.find(&format!("name=\"{name}\""))?;
        let tag_start = page[..at].rfind('<')?;
        let tag = &page[tag_start..tag_start + page[tag_start..].find('>')?];
        let value = tag.split("value=\"").nth(1)?;
        Some(value[..value.find('"')?].to_string())
    }

    /// A complete form body: every LO-25 item answered with `value`, plus `extra` fields.
    fn all_answers(value: &str, extra: &str) -> String {
        let answers: Vec<String> = lo25::ITEMS.iter().map(|i| format!("a_{}={value}", i.code)).collect();
        format!("{}&{extra}", answers.join("&"))
    }

    async fn wave_slug(app: &TestApp, id: i32) -> String {
        wave::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().slug
    }

    async fn post(app: &TestApp, slug: &str, body: &str, cookie: Option<&str>) -> Reply {
        app.post_form(&format!("/s/{slug}"), body, cookie, "").await
    }

    async fn nothing_stored(app: &TestApp) {
        assert_eq!(app.count("response").await, 0);
        assert_eq!(app.count("answer").await, 0);
        assert_eq!(app.count("submission_nonce").await, 0);
    }

    #[tokio::test]
    async fn a_respondent_answers_from_a_unit_link_once_even_when_the_form_is_sent_twice() {
        with_app(|app| async move {
            let root = app.add_unit("KAB", None, "pemda").await;
            app.add_unit("DINKES", Some(root), "opd").await;
            let slug = wave_slug(&app, app.add_wave("Survei Semester II", root).await).await;

            let page = app.get(&format!("/s/{slug}?u=DINKES"), None).await;
            assert_eq!(page.status.as_u16(), 200);
            assert!(page.body.contains("Saya tahu dengan jelas apa yang ingin saya capai"), "items in Bahasa");
            assert!(page.body.contains("Sangat tidak setuju"), "scale labelled in words");
            assert!(page.body.contains("baru dilaporkan tersendiri setelah sedikitnya 5 orang"), "live status");
            assert_eq!(page.headers["cache-control"], "no-store");
            let nonce = input_value(&page.body, "nonce").expect("nonce");

            let body = all_answers("4", &format!("u=DINKES&nonce={nonce}&grade_band=III&comment=Rapat+rutin"));
            let thanks = post(&app, &slug, &body, None).await;
            assert_eq!(thanks.status.as_u16(), 200, "{}", thanks.body);
            assert!(thanks.body.contains("Terima kasih"));
            let again = post(&app, &slug, &body, None).await;
            assert!(again.body.contains("Terima kasih"), "a resent form thanks again");
            assert_eq!(app.count("response").await, 1);
            assert_eq!(app.count("answer").await, 25);
            let row = response::Entity::find().one(&app.db).await.unwrap().unwrap();
            assert_eq!((row.grade_band.as_deref(), row.comment.as_deref()), (Some("III"), Some("Rapat rutin")));
            assert_eq!(row.pairing_code, None, "a periodic wave has no pairing code");

            let english = app.get(&format!("/s/{slug}?u=DINKES"), Some("mawas_lang=en")).await;
            assert!(english.body.contains("Strongly disagree") && english.body.contains("I know clearly"));
        })
        .await;
    }

    #[tokio::test]
    async fn without_a_unit_the_picker_lists_unit_names_of_the_wave_only() {
        with_app(|app| async move {
            let root = app.add_unit("KAB", None, "pemda").await;
            let dinkes = app.add_unit("DINKES", Some(root), "opd").await;
            app.add_unit("DINKES.B1", Some(dinkes), "bidang").await;
            app.add_unit("DISDIK", Some(root), "opd").await;
            let slug = wave_slug(&app, app.add_wave("Survei Dinkes", dinkes).await).await;

            let picker = app.get(&format!("/s/{slug}"), None).await;
            assert!(picker.body.contains("<select"), "{}", picker.body);
            assert!(picker.body.contains("value=\"DINKES.B1\"") && picker.body.contains("Unit DINKES.B1"));
            assert!(!picker.body.contains("DISDIK"), "units outside the wave are not offered");
            let wrong = app.get(&format!("/s/{slug}?u=DISDIK"), None).await;
            assert!(wrong.body.contains("Pilih unit kerja Anda dari daftar"), "{}", wrong.body);
        })
        .await;
    }

    #[tokio::test]
    async fn a_bad_form_comes_back_with_every_problem_and_the_answers_kept_and_changes_nothing() {
        with_app(|app| async move {
            let root = app.add_unit("KAB", None, "pemda").await;
            app.add_unit("DINKES", Some(root), "opd").await;
            app.add_unit("DISDIK", Some(root), "opd").await;
            app.add_unit("ELSEWHERE", None, "other").await;
            let slug = wave_slug(&app, app.add_wave("Survei", root).await).await;

            let tampered =
                all_answers("4", "u=DINKES&nonce=n1&a_PM1=9&grade_band=X&comment=Baik").replacen("a_PM1=4&", "", 1);
            let reply = post(&app, &slug, &tampered, None).await;
            assert_eq!(reply.status.as_u16(), 422);
            assert!(reply.body.contains("Pilih salah satu pilihan yang tersedia"), "{}", reply.body);
            assert!(reply.body.contains("href=\"#q_PM1\""), "the summary links to the statement");
            assert!(reply.body.contains("Pilih salah satu dari daftar"), "the band is named");
            assert!(reply.body.contains("id=\"a_PM2_4\" name=\"a_PM2\" value=\"4\" checked"), "answers kept");
            assert!(reply.body.contains(">Baik</textarea>"), "the comment is kept");
            assert!(input_value(&reply.body, "nonce").is_some_and(|n| n != "n1"), "a fresh form nonce");

            let long_comment = format!("comment={}", "a".repeat(2_001));
            let reply = post(&app, &slug, &all_answers("3", &format!("u=DINKES&nonce=n2&{long_comment}")), None).await;
            assert_eq!(reply.status.as_u16(), 422);
            assert!(reply.body.contains("Komentar paling banyak 2000 karakter"), "{}", reply.body);

            for unit in ["DISDIKX", "", "ELSEWHERE"] {
                let reply = post(&app, &slug, &all_answers("3", &format!("u={unit}&nonce=n3")), None).await;
                assert_eq!(reply.status.as_u16(), 422, "unit {unit}");
                assert!(reply.body.contains("Pilih unit kerja Anda dari daftar"), "unit {unit}");
            }
            let no_nonce = post(&app, &slug, &all_answers("3", "u=DINKES"), None).await;
            assert_eq!(no_nonce.status.as_u16(), 422);
            assert!(no_nonce.body.contains("Muat ulang halaman"));
            let garbage = app.post_form(&format!("/s/{slug}"), "%FF%FE=%C3%28", None, "").await;
            assert!(garbage.status.is_client_error(), "{}", garbage.status);
            nothing_stored(&app).await;
        })
        .await;
    }

    #[tokio::test]
    async fn a_survey_kept_in_memory_follows_changes_made_by_another_process() {
        use mawas::server::entities::unit;
        use mawas::server::repo::revision;
        use sea_orm::ConnectionTrait;
        with_app(|app| async move {
            let root = app.add_unit("KAB", None, "pemda").await;
            let id = app.add_wave("Survei", root).await;
            let slug = wave_slug(&app, id).await;
            let nonce_of = |body: &str| body.split("name=\"nonce\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
            let first = app.get(&format!("/s/{slug}?u=KAB"), None).await;
            assert!(first.body.contains("<form") && first.body.contains("KAB"), "{}", first.body);
            // The empty form is rendered once and kept; each visit still gets a nonce of its own.
            let second = app.get(&format!("/s/{slug}?u=KAB"), None).await;
            let (a, b) = (nonce_of(&first.body), nonce_of(&second.body));
            assert!(a != b && a.len() >= 16, "{a} / {b}");
            assert_eq!(first.body.replace(&a, ""), second.body.replace(&b, ""), "the same page around the nonce");
            assert!(!second.body.contains("nonce-slot"), "the stand-in never reaches a visitor");

            // Another process (here the test's own connection, not the app) renames the wave and the
            // unit, then closes the wave: the triggers move the counter and this server reads again.
            // The wave keeps the units it opened with (DESIGN.md §5), so only the title changes.
            let mut retitled = wave::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().into_active_model();
            retitled.title = Set("Survei Baru".into());
            retitled.update(&app.db).await.unwrap();
            let mut renamed = unit::Entity::find_by_id(root).one(&app.db).await.unwrap().unwrap().into_active_model();
            renamed.name = Set("Kabupaten Baru".into());
            renamed.update(&app.db).await.unwrap();
            let page = app.get(&format!("/s/{slug}?u=KAB"), None).await;
            assert!(page.body.contains("Survei Baru"), "the new title, not the kept one: {}", page.body);
            assert!(!page.body.contains("Kabupaten Baru"), "the wave's own unit names");
            let form_nonce = nonce_of(&page.body);
            let mut closed = wave::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().into_active_model();
            closed.closed_early = Set(true);
            closed.update(&app.db).await.unwrap();
            let reply = post(&app, &slug, &all_answers("4", &format!("u=KAB&nonce={form_nonce}")), None).await;
            assert_eq!(reply.status.as_u16(), 409, "a wave closed elsewhere takes nothing: {}", reply.body);
            nothing_stored(&app).await;

            // Every table a survey is built from moves the counter, on both databases.
            let trainer = app.token_for(app.add_user("t@x.id", mawas::domain::Role::Trainer, None).await).await;
            let today = Utc::now().date_naive();
            let body = format!(
                r#"{{"title":"Pelatihan","instrument":"lo-25","held_from":"{today}","held_to":"{today}","then_test":false,"place":"Aula","unit":"KAB"}}"#
            );
            let created = app.api("POST", "/api/v1/workshops", Some(&trainer), "application/json", &body).await;
            assert_eq!(created.status.as_u16(), 200, "{}", created.body);
            app.db
                .execute_unprepared("INSERT INTO setting (key, value) VALUES ('written_by_the_test', '1')")
                .await
                .unwrap();
            for table in migration::revision::WATCHED {
                let before = revision::current(&app.db).await.unwrap();
                let column = if table == "setting" { "value" } else { "id" };
                app.db.execute_unprepared(&format!("UPDATE {table} SET {column} = {column}")).await.unwrap();
                assert!(revision::current(&app.db).await.unwrap() > before, "an update of {table} moves the counter");
            }
        })
        .await;
    }

    #[tokio::test]
    async fn a_closed_or_not_yet_open_wave_says_when_it_runs_and_takes_nothing() {
        with_app(|app| async move {
            let root = app.add_unit("KAB", None, "pemda").await;
            let id = app.add_wave("Survei Lama", root).await;
            let slug = wave_slug(&app, id).await;
            let today = Utc::now().date_naive();
            let mut past = wave::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().into_active_model();
            past.opens_on = Set(today - Duration::days(30));
            past.closes_on = Set(today - Duration::days(2));
            past.update(&app.db).await.unwrap();

            let page = app.get(&format!("/s/{slug}?u=KAB"), None).await;
            assert_eq!(page.status.as_u16(), 200);
            assert!(page.body.contains("Survei sudah ditutup") && page.body.contains("Periode survei:"));
            assert!(!page.body.contains("<form"), "no form on a closed wave");
            let reply = post(&app, &slug, &all_answers("4", "u=KAB&nonce=n1"), None).await;
            assert_eq!(reply.status.as_u16(), 409);

            let mut future = wave::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().into_active_model();
            future.opens_on = Set(today + Duration::days(3));
            future.closes_on = Set(today + Duration::days(30));
            future.update(&app.db).await.unwrap();
            let page = app.get(&format!("/s/{slug}"), Some("mawas_lang=en")).await;
            assert!(page.body.contains("not open yet"), "{}", page.body);
            assert_eq!(app.get("/s/no-such-wave", None).await.status.as_u16(), 404);
            nothing_stored(&app).await;
        })
        .await;
    }

    #[tokio::test]
    async fn an_invitation_answers_once_even_when_sent_concurrently_and_is_not_stored_with_the_response() {
        with_app(|app| async move {
            let root = app.add_unit("KAB", None, "pemda").await;
            let id = app.add_wave("Survei Undangan", root).await;
            let slug = wave_slug(&app, id).await;
            let mut token_wave = wave::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().into_active_model();
            token_wave.access = Set("token".into());
            token_wave.update(&app.db).await.unwrap();
            app.add_invitation(id, "tok-123").await;

            assert_eq!(app.get(&format!("/s/{slug}?u=KAB"), None).await.status.as_u16(), 403);
            assert_eq!(app.get(&format!("/s/{slug}?u=KAB&t=wrong"), None).await.status.as_u16(), 403);
            let form = app.get(&format!("/s/{slug}?u=KAB&t=tok-123"), None).await;
            assert_eq!(form.status.as_u16(), 200);
            assert_eq!(input_value(&form.body, "t").as_deref(), Some("tok-123"));
            assert_eq!(post(&app, &slug, &all_answers("4", "u=KAB&nonce=x"), None).await.status.as_u16(), 403);

            let shared = Arc::clone(&app);
            let tasks: Vec<_> = (0..6)
                .map(|i| {
                    let (app, slug) = (Arc::clone(&shared), slug.clone());
                    tokio::spawn(async move {
                        post(&app, &slug, &all_answers("5", &format!("u=KAB&t=tok-123&nonce=n{i}")), None).await.status
                    })
                })
                .collect();
            let mut thanked = 0;
            for task in tasks {
                if task.await.unwrap().as_u16() == 200 {
                    thanked += 1;
                }
            }
            assert_eq!(thanked, 1, "one invitation, one response");
            assert_eq!(app.count("response").await, 1);
            let used = invitation::Entity::find().one(&app.db).await.unwrap().unwrap();
            assert!(used.used);
            let page = app.get(&format!("/s/{slug}?t=tok-123"), None).await;
            assert_eq!(page.status.as_u16(), 409);
            assert!(page.body.contains("Undangan ini sudah dipakai"));
        })
        .await;
    }

    #[tokio::test]
    async fn submissions_over_the_address_limit_get_a_friendly_429_and_store_nothing() {
        use axum::body::Body;
        use axum::extract::ConnectInfo;
        use axum::http::{Request, header};
        use mawas::server::config::{Config, SubmitLimit};
        use tower::ServiceExt;
        with_app(|app| async move {
            let root = app.add_unit("KAB", None, "pemda").await;
            let slug = wave_slug(&app, app.add_wave("Survei", root).await).await;
            let config = Config {
                submit_limit: Some(SubmitLimit { per_minute: 1, burst: 2 }),
                ..Config::for_database("unused")
            };
            let router = app.router_with(config);
            let send = |from: &str, nonce: &str, forwarded: Option<&str>| {
                let mut request = Request::post(format!("/s/{slug}"))
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .extension(ConnectInfo(format!("{from}:40000").parse::<std::net::SocketAddr>().unwrap()));
                if let Some(f) = forwarded {
                    request = request.header("x-forwarded-for", f);
                }
                let request = request.body(Body::from(all_answers("4", &format!("u=KAB&nonce={nonce}")))).unwrap();
                router.clone().oneshot(request)
            };
            assert_eq!(send("203.0.113.5", "a", None).await.unwrap().status().as_u16(), 200);
            assert_eq!(send("203.0.113.5", "b", None).await.unwrap().status().as_u16(), 200);
            let over = send("203.0.113.5", "c", None).await.unwrap();
            assert_eq!(over.status().as_u16(), 429);
            assert!(over.headers().contains_key(header::RETRY_AFTER));
            let spoofed = send("203.0.113.5", "d", Some("198.51.100.77")).await.unwrap();
            assert_eq!(spoofed.status().as_u16(), 429, "X-Forwarded-For from an untrusted peer is ignored");
            assert_eq!(send("203.0.113.6", "e", None).await.unwrap().status().as_u16(), 200, "another address");
            assert_eq!(app.count("response").await, 3);
            let page = router
                .clone()
                .oneshot(
                    Request::get(format!("/s/{slug}?u=KAB"))
                        .extension(ConnectInfo("203.0.113.5:40000".parse::<std::net::SocketAddr>().unwrap()))
                        .body(Body::empty())
                        .unwrap(),
                )
                .await
                .unwrap();
            assert_eq!(page.status().as_u16(), 200, "reading the survey is never limited");
        })
        .await;
    }

    #[tokio::test]
    async fn hr_prints_qr_posters_only_for_the_units_of_their_scope() {
        with_app(|app| async move {
            let root = app.add_unit("KAB", None, "pemda").await;
            let dinkes = app.add_unit("DINKES", Some(root), "opd").await;
            app.add_unit("DINKES.B1", Some(dinkes), "bidang").await;
            app.add_unit("DISDIK", Some(root), "opd").await;
            let id = app.add_wave("Survei Semester II", root).await;
            let slug = wave_slug(&app, id).await;
            app.add_user("hr.dinkes@x.id", mawas::domain::Role::Hr, Some(dinkes)).await;
            let hr = app.login("hr.dinkes@x.id").await;

            let page = app.get(&format!("/hr/waves/{id}/posters"), Some(&hr)).await;
            assert_eq!(page.status.as_u16(), 200, "{}", page.body);
            assert_eq!(page.body.matches("class=\"poster\"").count(), 2, "DINKES and DINKES.B1 only");
            assert!(page.body.contains("Unit DINKES.B1") && !page.body.contains("Unit DISDIK"));
            assert!(page.body.contains(&format!("/s/{slug}?u=DINKES.B1")));
            assert!(page.body.contains("<svg") && page.body.contains("Pindai kode QR"));
            assert!(
                page.body.contains("<p data-print-row hidden><button type=\"button\" data-print"),
                "the print button stays hidden until the script can make it print: {}",
                page.body
            );
            let one = app.get(&format!("/hr/waves/{id}/posters?unit=DINKES"), Some(&hr)).await;
            assert_eq!(one.body.matches("class=\"poster\"").count(), 1);
            assert_eq!(app.get(&format!("/hr/waves/{id}/posters?unit=DISDIK"), Some(&hr)).await.status.as_u16(), 404);

            let qr = app.get(&format!("/hr/waves/{id}/qr/DINKES.svg"), Some(&hr)).await;
            assert_eq!(qr.status.as_u16(), 200);
            assert_eq!(qr.headers["content-type"], "image/svg+xml");
            assert!(qr.body.starts_with("<?xml") && qr.body.contains("<svg"));
            assert_eq!(app.get(&format!("/hr/waves/{id}/qr/DISDIK.svg"), Some(&hr)).await.status.as_u16(), 404);

            app.add_user("t@x.id", mawas::domain::Role::Trainer, None).await;
            let trainer = app.login("t@x.id").await;
            assert_eq!(app.get(&format!("/hr/waves/{id}/qr/DINKES.svg"), Some(&trainer)).await.status.as_u16(), 303);
            assert_eq!(app.get(&format!("/hr/waves/{id}/posters"), None).await.status.as_u16(), 303);
        })
        .await;
    }

    #[tokio::test]
    async fn hr_gets_personal_links_once_and_each_answers_once_without_the_name_being_stored() {
        with_app(|app| async move {
            let root = app.add_unit("KAB", None, "pemda").await;
            let dinkes = app.add_unit("DINKES", Some(root), "opd").await;
            app.add_unit("DISDIK", Some(root), "opd").await;
            let id = app.add_wave("Survei Undangan", root).await;
            let path = format!("/api/v1/waves/{id}/invitations");
            let token =
                app.token_for(app.add_user("hr.dinkes@x.id", mawas::domain::Role::Hr, Some(dinkes)).await).await;
            let csv = "name;email;phone;unit\nSiti Rahma;siti@x.id;;DINKES\n=HYPERLINK(\"x\");;0812;DINKES\n";
            let open = app.api("POST", &path, Some(&token), "text/csv", csv).await;
            assert_eq!(open.status.as_u16(), 422, "an open wave takes no invitations");

            let mut token_wave = wave::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().into_active_model();
            token_wave.access = Set("token".into());
            token_wave.update(&app.db).await.unwrap();
            let bad = r#"[{"name":"A","unit":"DISDIK"},{"name":" ","unit":"DINKES"}]"#;
            let refused = app.api("POST", &path, Some(&token), "application/json", bad).await;
            assert_eq!(refused.status.as_u16(), 422);
            assert_eq!(refused.json()["details"].as_array().unwrap().len(), 2);
            assert_eq!(app.count("invitation").await, 0);

            let sheet = app.api("POST", &format!("{path}?format=csv"), Some(&token), "text/csv", csv).await;
            assert_eq!(sheet.status.as_u16(), 200, "{}", sheet.body);
            assert_eq!(sheet.headers["cache-control"], "no-store");
            assert!(sheet.body.contains("'=HYPERLINK"), "a formula-looking name is made inert: {}", sheet.body);
            let links: Vec<&str> = sheet.body.lines().skip(1).map(|l| l.rsplit(',').next().unwrap()).collect();
            assert_eq!(links.len(), 2);
            assert!(links.iter().all(|l| l.contains("t=") && l.contains("u=DINKES")), "{links:?}");
            assert_eq!(app.count("invitation").await, 2);

            let first = &links[0][links[0].find("/s/").unwrap()..];
            let form = app.get(first, None).await;
            assert_eq!(form.status.as_u16(), 200);
            assert!(form.body.contains("Unit DINKES"), "the link pre-selects the unit");
            let t = input_value(&form.body, "t").unwrap();
            let slug = wave_slug(&app, id).await;
            let body = all_answers("3", &format!("u=DINKES&t={t}&nonce=n1"));
            assert_eq!(post(&app, &slug, &body, None).await.status.as_u16(), 200);
            let again = all_answers("3", &format!("u=DINKES&t={t}&nonce=n2"));
            assert_eq!(post(&app, &slug, &again, None).await.status.as_u16(), 409, "one answer per link");
            assert_eq!(app.count("response").await, 1);

            let xlsx = app.api("POST", &format!("{path}?format=xlsx"), Some(&token), "text/csv", csv).await;
            assert!(xlsx.headers["content-type"].to_str().unwrap().contains("spreadsheetml"));
            let html = app.api("POST", &format!("{path}?format=html"), Some(&token), "text/csv", csv).await;
            assert!(html.body.contains("<table") && html.body.contains("Siti Rahma"));
            let json =
                app.api("POST", &path, Some(&token), "application/json", r#"[{"name":"B","unit":"DINKES"}]"#).await;
            assert!(json.json()[0]["link"].as_str().unwrap().contains("t="));
        })
        .await;
    }

    #[tokio::test]
    async fn a_pre_test_gives_a_pairing_code_that_the_post_test_takes_with_its_then_answers() {
        with_app(|app| async move {
            let root = app.add_unit("KAB", None, "pemda").await;
            let trainer = app.add_user("trainer@x.id", mawas::domain::Role::Trainer, None).await;
            let pre = app.add_wave("Pre-test", root).await;
            let post_wave = app.add_wave("Post-test", root).await;
            for (id, kind) in [(pre, "pre"), (post_wave, "post")] {
                let mut side = wave::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().into_active_model();
                side.kind = Set(kind.into());
                side.update(&app.db).await.unwrap();
            }
            let today = Utc::now().date_naive();
            let saved = workshop::ActiveModel {
                title: Set("Pelatihan Berpikir Sistem".into()),
                owner_id: Set(trainer),
                held_from: Set(today),
                held_to: Set(today),
                then_test: Set(true),
                pre_wave_id: Set(pre),
                post_wave_id: Set(post_wave),
                created_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(&app.db)
            .await
            .unwrap();
            let (pre_slug, post_slug) = (wave_slug(&app, pre).await, wave_slug(&app, post_wave).await);

            let form = app.get(&format!("/s/{pre_slug}?u=KAB"), None).await;
            let code = input_value(&form.body, "pairing_code").expect("a drawn code");
            assert_eq!(mawas::domain::pairing::parse_code(&code).as_deref(), Some(code.as_str()));
            let nonce = input_value(&form.body, "nonce").unwrap();
            let thanks =
                post(&app, &pre_slug, &all_answers("2", &format!("u=KAB&nonce={nonce}&pairing_code={code}")), None)
                    .await;
            assert!(thanks.body.contains(&code), "the thank-you page shows the code");
            let cookie = thanks.set_cookie(&format!("mawas_pair_{}", saved.id)).expect("the device keeps the code");
            assert!(cookie.contains("HttpOnly") && cookie.contains("Path=/s/"), "{cookie}");
            let cookie = cookie.split(';').next().unwrap().to_string();

            let post_form = app.get(&format!("/s/{post_slug}?u=KAB"), Some(&cookie)).await;
            assert_eq!(input_value(&post_form.body, "pairing_code").as_deref(), Some(code.as_str()), "pre-filled");
            assert!(post_form.body.contains("name=\"then_PM1\""), "the then-test asks each item twice");
            let without_cookie = app.get(&format!("/s/{post_slug}?u=KAB"), None).await;
            assert_eq!(input_value(&without_cookie.body, "pairing_code").as_deref(), Some(""));

            let mut wrong = code.clone().into_bytes();
            wrong[0] = if wrong[0] == b'A' { b'B' } else { b'A' };
            let wrong = String::from_utf8(wrong).unwrap();
            let then: Vec<String> = lo25::ITEMS.iter().map(|i| format!("then_{}=1", i.code)).collect();
            let body = |c: &str, nonce: &str| {
                all_answers("4", &format!("u=KAB&nonce={nonce}&pairing_code={c}&{}", then.join("&")))
            };
            let refused = post(&app, &post_slug, &body(&wrong, "p1"), None).await;
            assert_eq!(refused.status.as_u16(), 422);
            assert!(refused.body.contains("karakter pemeriksanya"), "{}", refused.body);
            assert_eq!(app.count("response").await, 1);

            let typed = format!("{}-{}", code[..3].to_lowercase(), &code[3..]);
            assert_eq!(post(&app, &post_slug, &body(&typed, "p2"), None).await.status.as_u16(), 200);
            let stored = response::Entity::find()
                .filter(response::Column::WaveId.eq(post_wave))
                .one(&app.db)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(stored.pairing_code.as_deref(), Some(code.as_str()), "the typed code pairs with the pre-test");
            let then_values: Vec<Option<i16>> = answer::Entity::find()
                .filter(answer::Column::ResponseId.eq(stored.id))
                .all(&app.db)
                .await
                .unwrap()
                .into_iter()
                .map(|a| a.then_value)
                .collect();
            assert_eq!(then_values, vec![Some(1); 25]);
        })
        .await;
    }
}
