//! The respondent's survey pages as plain HTML: picker, form, refusals, thanks, invitations and pairing.

use super::helpers::{Reply, TestApp, with_app};
use chrono::{Duration, Utc};
use mawas::domain::WaveId;
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

async fn wave_slug(app: &TestApp, id: WaveId) -> String {
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
        // The wave keeps the units it opened with (docs/DESIGN.md §5), so only the title changes.
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
        token_wave.access = Set(mawas::domain::survey::WaveAccess::Token);
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
        let config =
            Config { submit_limit: Some(SubmitLimit { per_minute: 1, burst: 2 }), ..Config::for_database("unused") };
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
        let token = app.token_for(app.add_user("hr.dinkes@x.id", mawas::domain::Role::Hr, Some(dinkes)).await).await;
        let csv = "name;email;phone;unit\nSiti Rahma;siti@x.id;;DINKES\n=HYPERLINK(\"x\");;0812;DINKES\n";
        let open = app.api("POST", &path, Some(&token), "text/csv", csv).await;
        assert_eq!(open.status.as_u16(), 422, "an open wave takes no invitations");

        let mut token_wave = wave::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().into_active_model();
        token_wave.access = Set(mawas::domain::survey::WaveAccess::Token);
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
        let json = app.api("POST", &path, Some(&token), "application/json", r#"[{"name":"B","unit":"DINKES"}]"#).await;
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
            side.kind = Set(kind.parse().unwrap());
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
            post(&app, &pre_slug, &all_answers("2", &format!("u=KAB&nonce={nonce}&pairing_code={code}")), None).await;
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
