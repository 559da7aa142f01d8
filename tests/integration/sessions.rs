//! Logging in and out, sessions across servers, guards by role, CSRF, request ids and the audit log.

use super::helpers::with_app;
use mawas::domain::Role;

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
        use super::helpers::{get_request, send_via};
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
        use mawas::server::reports::admin::AUDIT_PAGE_SIZE;
        app.add_user("admin@x.id", Role::Admin, None).await;
        app.add_user("hr@x.id", Role::Hr, None).await;
        let hr = app.login("hr@x.id").await;
        for i in 0..60 {
            audit::record(&app.db, chrono::Utc::now(), None, "units.upsert", &format!("import {i}")).await.unwrap();
        }
        let admin = app.login("admin@x.id").await;

        let first = app.server_fn("/api/admin_audit_log", "", Some(&admin)).await.json();
        let entries = first["entries"].as_array().unwrap();
        assert_eq!(entries.len(), AUDIT_PAGE_SIZE as usize);
        assert_eq!(
            (entries[0]["action"].as_str(), entries[0]["account"].as_str()),
            (Some("login"), Some("admin@x.id"))
        );
        assert_eq!(entries[1]["target"], "import 59", "newest first");
        assert!(entries[1]["account"].is_null(), "the command line acts without an account");
        let older = first["older"].as_i64().expect("a second page");
        let second = app.server_fn("/api/admin_audit_log", &format!("before={older}"), Some(&admin)).await.json();
        let rest = second["entries"].as_array().unwrap();
        assert_eq!(rest.len(), 62 - AUDIT_PAGE_SIZE as usize, "60 imports and two logins in all");
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
