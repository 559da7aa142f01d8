//! The workshop comparison: the API agrees with the domain on the demo data, only the right people
//! see a workshop, small groups are suppressed, and the exports and pages carry the same figures.

use super::helpers::{TestApp, with_app};
use chrono::Utc;
use mawas::domain::WaveId;
use mawas::domain::comparison::{ItemValues, Measures, WorkshopResponse, compare_workshop};
use mawas::domain::scoring::{ItemKey, score_response};
use mawas::domain::{Discipline, LikertValue, Role, lo25};
use mawas::dto::{WorkshopReport, WorkshopWave};
use mawas::server::entities::{answer, item, response, wave, workshop};
use mawas::server::seed;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use serde_json::Value;
use std::collections::HashMap;

/// Asserts two JSON values are equal, numbers within 1e-9 (sums may run in another order).
fn assert_json_close(got: &Value, want: &Value, path: &str) {
    match (got, want) {
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
            assert!((a - b).abs() < 1e-9, "{path}: {a} vs {b}");
        }
        (Value::Object(a), Value::Object(b)) => {
            assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "{path}");
            for (key, value) in a {
                assert_json_close(value, &b[key], &format!("{path}.{key}"));
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{path}");
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                assert_json_close(x, y, &format!("{path}[{i}]"));
            }
        }
        _ => assert_eq!(got, want, "{path}"),
    }
}

/// The comparison computed straight from the rows with the domain functions, independent of the
/// repository's loading code.
async fn expected_comparison(app: &TestApp, w: &workshop::Model, k: u64) -> WorkshopReport {
    let items = item::Entity::find().all(&app.db).await.unwrap();
    let key_of = |item_id: i32| {
        let item = items.iter().find(|i| i.id == item_id).unwrap();
        (item.code.clone(), ItemKey { discipline: Discipline::parse(&item.discipline).unwrap(), reverse: item.reverse })
    };
    let mut item_values: Vec<ItemValues> = lo25::ITEMS
        .iter()
        .map(|i| ItemValues { code: i.code.into(), discipline: i.discipline, pre: vec![], post: vec![] })
        .collect();
    let mut sides: [Vec<WorkshopResponse>; 2] = Default::default();
    for (side, wave_id) in [w.pre_wave_id, w.post_wave_id].into_iter().enumerate() {
        for r in response::Entity::find().filter(response::Column::WaveId.eq(wave_id)).all(&app.db).await.unwrap() {
            let answers =
                answer::Entity::find().filter(answer::Column::ResponseId.eq(r.id)).all(&app.db).await.unwrap();
            let mut then: HashMap<String, LikertValue> = HashMap::new();
            for a in &answers {
                let (code, key) = key_of(a.item_id);
                let scored = LikertValue::parse(a.value.into(), 5).unwrap().scored(key.reverse, 5);
                let slot = item_values.iter_mut().find(|v| v.code == code).unwrap();
                if side == 0 { &mut slot.pre } else { &mut slot.post }.push(f64::from(scored));
                if let Some(t) = a.then_value {
                    then.insert(code, LikertValue::parse(t.into(), 5).unwrap());
                }
            }
            let then = (!then.is_empty()).then(|| {
                let keys = lo25::ITEMS
                    .iter()
                    .map(|i| (ItemKey { discipline: i.discipline, reverse: i.reverse }, then.get(i.code).copied()));
                let s = score_response(keys, 5);
                Measures { lo_index: s.lo_index, disciplines: s.disciplines }
            });
            let now = Measures {
                lo_index: r.lo_index,
                disciplines: [
                    r.score_personal_mastery,
                    r.score_mental_models,
                    r.score_shared_vision,
                    r.score_team_learning,
                    r.score_systems_thinking,
                ],
            };
            sides[side].push(WorkshopResponse { code: r.pairing_code.clone(), now, then });
        }
    }
    let any_wave = WorkshopWave {
        id: WaveId(0),
        path: String::new(),
        url: String::new(),
        opens_on: w.held_from,
        closes_on: w.held_to,
        open_now: false,
    };
    WorkshopReport {
        id: w.id,
        title: w.title.clone(),
        place: w.place.clone(),
        held_from: w.held_from,
        held_to: w.held_to,
        then_test: w.then_test,
        can_manage: false,
        pre_wave: any_wave.clone(),
        post_wave: any_wave,
        comparison: compare_workshop(&sides[0], &sides[1], &item_values, k),
    }
}

#[tokio::test]
async fn the_comparison_api_equals_the_domain_computation_on_the_demo_workshops() {
    with_app(|app| async move {
        seed::seed_demo(&app.db, 1).await.expect("seed");
        let token = app.token_for_email("trainer@mawas.local").await;
        let workshops = workshop::Entity::find().all(&app.db).await.unwrap();
        for w in &workshops {
            let reply = app.api_get(&format!("/api/v1/workshops/{}/comparison", w.id), &token).await;
            assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
            let got = reply.json();
            let want = serde_json::to_value(expected_comparison(&app, w, 5).await.to_dto()).unwrap();
            assert_json_close(&got, &want, "comparison");
            // The demo is built to be reportable: pairs and both sides above k, with real effects.
            assert!(got["n_pairs"].as_u64().unwrap() >= 5, "{got}");
            let st = &got["disciplines"]["systems_thinking"];
            for key in ["n", "mean_diff", "sd_diff", "t", "df", "p", "ci_low", "ci_high", "dz"] {
                assert!(!st["paired"][key].is_null(), "paired.{key} of {}", w.title);
            }
            for key in ["n_pre", "n_post", "diff", "t", "df", "p", "ci_low", "ci_high", "g"] {
                assert!(!st["unpaired"][key].is_null(), "unpaired.{key} of {}", w.title);
            }
            assert_eq!(got["then_test"].as_bool(), Some(w.then_test));
            assert_eq!(got["lo_index"]["then_minus_pre"].is_null(), !w.then_test, "{}", w.title);
            assert_eq!(got["items"].as_array().unwrap().len(), 25);
        }
        assert!(workshops.iter().any(|w| w.then_test), "the demo has a then-test workshop");
    })
    .await;
}

#[tokio::test]
async fn only_the_owner_hr_in_scope_and_admins_see_a_workshop() {
    with_app(|app| async move {
        seed::seed_demo(&app.db, 1).await.expect("seed");
        let w =
            workshop::Entity::find().filter(workshop::Column::ThenTest.eq(true)).one(&app.db).await.unwrap().unwrap();
        let unit_of_workshop = w.unit_id.expect("the then-test demo workshop belongs to a unit");
        let other_unit = app.add_unit("LAIN", None, "pemda").await;
        app.add_user("hr-in@x.id", Role::Hr, Some(unit_of_workshop)).await;
        app.add_user("hr-out@x.id", Role::Hr, Some(other_unit)).await;
        let path = format!("/api/v1/workshops/{}/comparison", w.id);
        let status_for = |email: &'static str| {
            let app = app.clone();
            let path = path.clone();
            async move { app.api_get(&path, &app.token_for_email(email).await).await.status.as_u16() }
        };
        assert_eq!(status_for("trainer@mawas.local").await, 200);
        assert_eq!(status_for("trainer2@mawas.local").await, 403, "another trainer's workshop");
        assert_eq!(status_for("hr-in@x.id").await, 200);
        assert_eq!(status_for("hr-out@x.id").await, 403, "HR outside the workshop's unit");
        assert_eq!(app.api("GET", &path, None, "application/json", "").await.status.as_u16(), 401);
        assert_eq!(status_for("trainer@mawas.local").await, 200);
        let missing =
            app.api_get("/api/v1/workshops/9999/comparison", &app.token_for_email("trainer@mawas.local").await).await;
        assert_eq!(missing.status.as_u16(), 404);

        // The same rule behind the pages, the server function and the downloads.
        app.add_user("trainer3@x.id", Role::Trainer, None).await;
        let stranger = app.login("trainer3@x.id").await;
        let export = app.get(&format!("/trainer/workshops/{}/comparison.xlsx", w.id), Some(&stranger)).await;
        assert_eq!(export.status.as_u16(), 403);
        let qr = app.get(&format!("/trainer/workshops/{}/qr/pre.svg", w.id), Some(&stranger)).await;
        assert_eq!(qr.status.as_u16(), 403);
        let server_fn = app.server_fn("/api/load_workshop_report", &format!("id={}", w.id), Some(&stranger)).await;
        assert!(server_fn.status.is_client_error() || server_fn.status.is_server_error(), "{}", server_fn.status);
        assert!(!server_fn.body.contains("mean_diff"));
        let page = app.get(&format!("/trainer/workshops/{}", w.id), Some(&stranger)).await;
        assert!(!page.body.contains("d_z ="), "no figures on a refused page");
        let list = app.server_fn("/api/my_workshops", "", Some(&stranger)).await;
        assert_eq!(list.json(), serde_json::json!([]), "a trainer lists only their own workshops");
    })
    .await;
}

/// A workshop with `pre` pre-test and `post` post-test responses, the first `pairs` of each sharing a code.
async fn small_workshop(app: &TestApp, pre: usize, post: usize, pairs: usize) -> (i32, String) {
    let root = app.add_unit("KAB", None, "pemda").await;
    let trainer = app.add_user("trainer@x.id", Role::Trainer, None).await;
    let admin = app.add_user("admin@x.id", Role::Admin, None).await;
    let admin_token = app.token_for(admin).await;
    let (pre_wave, post_wave) = (app.add_wave("Pre", root).await, app.add_wave("Post", root).await);
    for (id, kind, count, offset) in [(pre_wave, "pre", pre, 0), (post_wave, "post", post, 1)] {
        let mut w = wave::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().into_active_model();
        w.kind = Set(kind.parse().unwrap());
        w.update(&app.db).await.unwrap();
        let rows: Vec<Value> = (0..count)
            .map(|i| {
                let code =
                    if i < pairs { format!("PESERTA-{i:02}") } else { format!("{}-ONLY-{i:02}", kind.to_uppercase()) };
                let answers: serde_json::Map<String, Value> = lo25::ITEMS
                    .iter()
                    .map(|item| (item.code.to_string(), Value::from(2 + ((i + offset + item.code.len()) % 3) as i64)))
                    .collect();
                serde_json::json!({"unit": "KAB", "pairing_code": code, "answers": answers})
            })
            .collect();
        let reply = app
            .api(
                "POST",
                &format!("/api/v1/waves/{id}/responses"),
                Some(&admin_token),
                "application/json",
                &Value::from(rows).to_string(),
            )
            .await;
        assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
        app.close_wave(id).await;
    }
    let today = Utc::now().date_naive();
    let saved = workshop::ActiveModel {
        title: Set("Pelatihan kecil".into()),
        owner_id: Set(trainer),
        held_from: Set(today),
        held_to: Set(today),
        then_test: Set(false),
        pre_wave_id: Set(pre_wave),
        post_wave_id: Set(post_wave),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    (saved.id, app.token_for(trainer).await)
}

#[tokio::test]
async fn groups_below_k_are_suppressed_everywhere() {
    with_app(|app| async move {
        // k = 5: four pre-test responses, six post-test, four pairs.
        let (id, token) = small_workshop(&app, 4, 6, 4).await;
        let got = app.api_get(&format!("/api/v1/workshops/{id}/comparison"), &token).await.json();
        assert_eq!(got["min_group_size"], 5);
        assert!(got["n_pre"].is_null() && got["n_pairs"].is_null() && got["pair_match_rate"].is_null(), "{got}");
        assert_eq!(got["n_post"], 6);
        for measure in [&got["lo_index"], &got["disciplines"]["team_learning"]] {
            assert!(measure["paired"].is_null() && measure["unpaired"].is_null() && measure["mean_pre"].is_null());
            assert!(measure["mean_post"].is_number(), "the post side alone has k");
        }
        assert!(got["items"].as_array().unwrap().iter().all(|i| i["mean_pre"].is_null() && i["mean_post"].is_number()));

        let csv = app.api_get(&format!("/api/v1/workshops/{id}/comparison?format=csv"), &token).await;
        assert_eq!(csv.status.as_u16(), 200);
        assert!(csv.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
        let lo_line = csv.body.lines().nth(1).unwrap();
        assert!(lo_line.starts_with("Indeks LO (0–100),pasangan cocok"), "{lo_line}");
        assert!(!lo_line.chars().any(|c| c.is_ascii_digit() && c != '0' && c != '1'), "no figure: {lo_line}");
        let bad = app.api_get(&format!("/api/v1/workshops/{id}/comparison?format=pdf"), &token).await;
        assert_eq!(bad.status.as_u16(), 422);
    })
    .await;
}

#[tokio::test]
async fn at_exactly_k_the_figures_are_shown_and_the_exports_and_page_carry_them() {
    with_app(|app| async move {
        // Five pairs and five post-tests without a pre-test: every remainder holds k people.
        let (id, token) = small_workshop(&app, 5, 10, 5).await;
        let got = app.api_get(&format!("/api/v1/workshops/{id}/comparison"), &token).await.json();
        assert_eq!(
            (got["n_pre"].as_u64(), got["n_post"].as_u64(), got["n_pairs"].as_u64()),
            (Some(5), Some(10), Some(5))
        );
        let match_rate = got["pair_match_rate"].as_f64().unwrap();
        assert!((match_rate - 5.0 / 10.0).abs() < 1e-12);
        let paired = &got["lo_index"]["paired"];
        assert_eq!(paired["n"], 5);
        assert!(got["lo_index"]["unpaired"]["t"].is_number(), "{got}");

        let xlsx = app.api_get(&format!("/api/v1/workshops/{id}/comparison?format=xlsx"), &token).await;
        assert_eq!(xlsx.status.as_u16(), 200);
        assert!(xlsx.body.starts_with("PK"), "an XLSX is a zip file");

        let cookie = app.login("trainer@x.id").await;
        let page = app.get(&format!("/trainer/workshops/{id}"), Some(&cookie)).await;
        assert_eq!(page.status.as_u16(), 200);
        assert!(page.body.contains("Pelatihan kecil") && page.body.contains("<svg"), "title and chart");
        assert!(page.body.contains("Dari 5 pasangan cocok"), "the reading, from the pairs");
        assert!(page.body.contains("Hati-hati: sampel kecil"), "the small-sample caution");
        let csv = app.get(&format!("/trainer/workshops/{id}/comparison.csv"), Some(&cookie)).await;
        assert_eq!(csv.status.as_u16(), 200);
        let mean_diff = paired["mean_diff"].as_f64().unwrap();
        let lo_line = csv.body.lines().nth(1).unwrap();
        assert!(lo_line.contains(&format!("{mean_diff:.6}")), "the CSV carries the API's figure: {lo_line}");
        let qr = app.get(&format!("/trainer/workshops/{id}/qr/post.svg"), Some(&cookie)).await;
        assert!(qr.status.is_success() && qr.body.contains("<svg"));
    })
    .await;
}

#[tokio::test]
async fn the_creation_form_and_the_open_close_buttons_work_without_javascript_and_only_for_the_trainer() {
    with_app(|app| async move {
        app.add_unit("KAB", None, "pemda").await;
        app.add_user("trainer@x.id", Role::Trainer, None).await;
        app.add_user("other@x.id", Role::Trainer, None).await;
        app.add_user("hr@x.id", Role::Hr, None).await;
        let trainer = app.login("trainer@x.id").await;
        let referer = "http://localhost/trainer/workshops/new";

        let bad = "title=Berpikir+Sistem&held_from=2026-12-10&held_to=2026-12-01&place=&unit=";
        let refused = app.post_form("/api/create_workshop", bad, Some(&trainer), referer).await;
        assert!(refused.location().is_some_and(|l| l.contains("__err")), "{:?}", refused.location());
        assert_eq!((app.count("workshop").await, app.count("wave").await), (0, 0), "a refused form changes nothing");

        let good = "title=Berpikir+Sistem&held_from=2026-12-01&held_to=2026-12-03&place=Aula&unit=KAB&then_test=on&instrument=lo-25";
        let created = app.post_form("/api/create_workshop", good, Some(&trainer), referer).await;
        let stored = workshop::Entity::find().one(&app.db).await.unwrap().expect("created");
        assert_eq!(created.location(), Some(format!("/trainer/workshops/{}", stored.id).as_str()));
        assert!(stored.then_test && stored.unit_id.is_some() && stored.place.as_deref() == Some("Aula"));
        let hr_form = app.post_form("/api/create_workshop", good, Some(&app.login("hr@x.id").await), referer).await;
        assert!(hr_form.location().is_some_and(|l| l.contains("__err")), "HR does not run workshops");
        assert_eq!(app.count("workshop").await, 1);

        let close = format!("id={}&which=pre&open=false", stored.id);
        let page = format!("http://localhost/trainer/workshops/{}", stored.id);
        let pre_closed =
            || async { wave::Entity::find_by_id(stored.pre_wave_id).one(&app.db).await.unwrap().unwrap().closed_early };
        app.post_form("/api/set_workshop_wave", &close, Some(&app.login("other@x.id").await), &page).await;
        app.post_form("/api/set_workshop_wave", &close, Some(&app.login("hr@x.id").await), &page).await;
        assert!(!pre_closed().await, "only the workshop's trainer (or an admin) closes its waves");
        let closed = app.post_form("/api/set_workshop_wave", &close, Some(&trainer), &page).await;
        assert_eq!(closed.location(), Some(format!("/trainer/workshops/{}", stored.id).as_str()));
        assert!(pre_closed().await);
        let reopen = format!("id={}&which=pre&open=true", stored.id);
        app.post_form("/api/set_workshop_wave", &reopen, Some(&trainer), &page).await;
        let pre = wave::Entity::find_by_id(stored.pre_wave_id).one(&app.db).await.unwrap().unwrap();
        let today = Utc::now().date_naive();
        assert!(!pre.closed_early && pre.opens_on <= today && today <= pre.closes_on, "reopened today: {pre:?}");
    })
    .await;
}
