//! Settings (k), the wave list, paper questionnaires typed in, and workshop creation.

use super::helpers::with_app;
use mawas::domain::lo25;
use mawas::domain::scoring::score_response;
use mawas::domain::{LikertValue, Role};
use mawas::server::entities::{response, wave, workshop};

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

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
        super::heatmap::assert_sums_match_responses(&app, wave).await;
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
        assert_eq!(created["pre_wave"]["id"].as_i64(), Some(i64::from(stored.pre_wave_id.0)));
        let pre = wave::Entity::find_by_id(stored.pre_wave_id).one(&app.db).await.unwrap().unwrap();
        let post = wave::Entity::find_by_id(stored.post_wave_id).one(&app.db).await.unwrap().unwrap();
        assert_eq!((pre.kind.code(), post.kind.code()), ("pre", "post"));
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
