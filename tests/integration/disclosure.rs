//! Disclosure control (docs/DESIGN.md §5) through the real API and reports: each attack class of issue 18
//! as a test, with responses typed in so every count is known. Each names the figure an attacker
//! would subtract and checks that it is not there.

use super::helpers::{TestApp, with_app};
use mawas::domain::{Role, lo25};
use mawas::domain::{UnitId, WaveId};
use serde_json::Value;
use std::collections::HashMap;

/// One typed-in response of `unit` answering every item with `value`, with an optional grade band.
fn full(unit: &str, value: u8, grade: Option<&str>) -> String {
    let answers: Vec<String> = lo25::ITEMS.iter().map(|i| format!("\"{}\": {value}", i.code)).collect();
    let grade = grade.map(|g| format!(r#","grade_band":"{g}""#)).unwrap_or_default();
    format!(r#"{{"unit":"{unit}","answers":{{{}}}{grade}}}"#, answers.join(","))
}

/// One typed-in response of `unit` answering only the items whose code starts with one of `prefixes`.
fn only(unit: &str, prefixes: &[&str], value: u8) -> String {
    let answers: Vec<String> = lo25::ITEMS
        .iter()
        .filter(|i| prefixes.iter().any(|p| i.code.starts_with(p)))
        .map(|i| format!("\"{}\": {value}", i.code))
        .collect();
    format!(r#"{{"unit":"{unit}","answers":{{{}}}}}"#, answers.join(","))
}

/// `n` copies of a row.
fn times(n: usize, row: String) -> Vec<String> {
    vec![row; n]
}

/// Types the rows into the open wave as HR of the whole tree would.
async fn type_in(app: &TestApp, token: &str, wave: WaveId, rows: &[String]) {
    let body = format!("[{}]", rows.join(","));
    let reply =
        app.api("POST", &format!("/api/v1/waves/{wave}/responses"), Some(token), "application/json", &body).await;
    assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
}

/// Types the rows in, then closes the wave so its results are released.
async fn type_in_and_close(app: &TestApp, token: &str, wave: WaveId, rows: &[String]) {
    type_in(app, token, wave, rows).await;
    app.close_wave(wave).await;
}

/// The heatmap rows of a wave as the API gives them to `token`, by unit code (`?query` appended).
async fn heatmap(app: &TestApp, token: &str, wave: WaveId, query: &str) -> Vec<Value> {
    let reply = app.api_get(&format!("/api/v1/waves/{wave}/heatmap{query}"), token).await;
    assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
    reply.json()["rows"].as_array().unwrap().clone()
}

fn by_unit(rows: &[Value]) -> HashMap<String, Value> {
    rows.iter().map(|r| (r["unit"].as_str().unwrap().to_string(), r.clone())).collect()
}

/// A tree KAB → each (code, parent code) in order, a wave over it and an HR token for all of it.
async fn tree(app: &TestApp, units: &[(&str, &str)]) -> (WaveId, String, HashMap<String, UnitId>) {
    let mut ids = HashMap::new();
    ids.insert("KAB".to_string(), app.add_unit("KAB", None, "pemda").await);
    for (code, parent) in units {
        let id = app.add_unit(code, Some(ids[*parent]), "opd").await;
        ids.insert(code.to_string(), id);
    }
    let wave = app.add_wave("Survei", ids["KAB"]).await;
    let token = app.token_for(app.add_user("hr@x.id", Role::Hr, None).await).await;
    (wave, token, ids)
}

#[tokio::test]
async fn an_empty_unit_neither_lets_a_small_sibling_out_nor_hides_a_big_one() {
    with_app(|app| async move {
        let units = [("P", "KAB"), ("A", "P"), ("B", "P"), ("C", "P"), ("Q", "KAB"), ("D", "Q"), ("E", "Q")];
        let (wave, token, _) = tree(&app, &units).await;
        let mut rows = times(3, full("A", 2, None));
        rows.extend(times(12, full("C", 4, None)));
        rows.extend(times(12, full("E", 4, None)));
        type_in_and_close(&app, &token, wave, &rows).await;
        let shown = by_unit(&heatmap(&app, &token, wave, "").await);
        assert_eq!(shown["P"]["n"], 15);
        assert_eq!(shown["A"]["reportable"], false, "3 people");
        // B has nobody: it does not count as a second hidden sibling, so C must go, or P − C = A.
        assert_eq!(shown["C"]["reportable"], false, "P − C would be A's 3 people");
        assert!(shown["C"]["lo_index"].is_null());
        // Q's only other child D has nobody: there is nothing to protect, so E is shown.
        assert_eq!(shown["E"]["reportable"], true, "hidden only to protect an empty unit");
        assert_eq!(shown["E"]["n"], 12);
    })
    .await;
}

#[tokio::test]
async fn two_small_siblings_are_counted_as_people_not_as_groups() {
    with_app(|app| async move {
        let units = [("P", "KAB"), ("A", "P"), ("B", "P"), ("C", "P"), ("D", "P")];
        let (wave, token, _) = tree(&app, &units).await;
        let mut rows = times(2, full("A", 1, None));
        rows.extend(times(2, full("B", 2, None)));
        rows.extend(times(9, full("C", 4, None)));
        rows.extend(times(8, full("D", 5, None)));
        type_in_and_close(&app, &token, wave, &rows).await;
        let shown = by_unit(&heatmap(&app, &token, wave, "").await);
        let n = |code: &str| shown[code]["n"].as_u64();
        assert_eq!(n("P"), Some(21));
        // Two hidden groups used to be enough; 2 + 2 people are not: P − C − D would be A ∪ B.
        assert!(n("C").is_none() || n("D").is_none(), "C {:?}, D {:?}", n("C"), n("D"));
        assert_eq!(n("C"), Some(9), "D, the smaller, goes");
    })
    .await;
}

#[tokio::test]
async fn a_hidden_complement_with_people_of_its_own_does_not_let_them_out() {
    with_app(|app| async move {
        let units = [("P", "KAB"), ("A", "P"), ("B", "P"), ("B1", "B"), ("B2", "B")];
        let (wave, token, _) = tree(&app, &units).await;
        let mut rows = times(3, full("A", 1, None));
        rows.push(full("B", 1, None));
        rows.extend(times(6, full("B1", 4, None)));
        rows.extend(times(6, full("B2", 5, None)));
        type_in_and_close(&app, &token, wave, &rows).await;
        let shown = by_unit(&heatmap(&app, &token, wave, "").await);
        assert_eq!(shown["P"]["n"], 16);
        assert_eq!(shown["B"]["reportable"], false, "P − B would be A's 3");
        // B is hidden, yet P − B1 − B2 would be A's 3 and B's own 1: one of B1, B2 goes too.
        let b1 = shown["B1"]["reportable"] == true;
        let b2 = shown["B2"]["reportable"] == true;
        assert!(!(b1 && b2), "P − B1 − B2 = 4 people");
        assert!(b1 || b2, "16 − 6 = 10 holds");
    })
    .await;
}

#[tokio::test]
async fn a_breakdown_never_leaves_a_few_people_of_a_band_to_subtraction() {
    with_app(|app| async move {
        let units = [("A", "KAB")];
        let (wave, token, _) = tree(&app, &units).await;
        // A: 10 in grade III and 2 in grade IV; KAB itself: 6 in grade III.
        let mut rows = times(10, full("A", 4, Some("III")));
        rows.extend(times(2, full("A", 1, Some("IV"))));
        rows.extend(times(6, full("KAB", 3, Some("III"))));
        type_in_and_close(&app, &token, wave, &rows).await;
        let rows = heatmap(&app, &token, wave, "?breakdown=grade_band").await;
        let band = |unit: &str, band: &str| {
            rows.iter().find(|r| r["unit"] == unit && r["band"] == band).unwrap()["n"].as_u64()
        };
        let unit_n =
            |unit: &str| rows.iter().find(|r| r["unit"] == unit && r.get("band").is_none()).unwrap()["n"].as_u64();
        assert_eq!((unit_n("KAB"), unit_n("A")), (Some(18), Some(12)));
        assert_eq!(band("A", "IV"), None, "2 people");
        assert_eq!(band("A", "III"), None, "A − A∩III = the 2 of grade IV");
        assert_eq!(band("KAB", "III"), None, "KAB − KAB∩III = the 2 of grade IV");
        // Whatever is shown, no band of A can be worked out: A∩III is never derivable.
        for b in ["I", "II", "PPPK", "not_given"] {
            assert_eq!(band("A", b), None, "empty bands show nothing");
        }
    })
    .await;
}

/// The (grade, tenure) bands stored with a wave's responses.
async fn stored_bands(app: &TestApp, wave: WaveId) -> std::collections::BTreeSet<(Option<String>, Option<String>)> {
    use mawas::server::entities::response;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let rows = response::Entity::find().filter(response::Column::WaveId.eq(wave)).all(&app.db).await.unwrap();
    rows.into_iter().map(|r| (r.grade_band, r.tenure_band)).collect()
}

#[tokio::test]
async fn a_wave_shows_one_breakdown_because_two_crossed_give_people_away() {
    with_app(|app| async move {
        let (wave, token, _) = tree(&app, &[]).await;
        // KAB: grade I with under 2 years: 2; grade I with 2–5 years: 5; grade II with under 2 years: 5.
        // By grade, I = 7 and II = 5; by tenure, under 2 = 7 and 2–5 = 5, all at least k = 5. Crossed,
        // grade I − tenure 2–5 (nobody of grade II has 2–5 years) is the 2 of grade I under 2 years.
        let with_tenure = |grade: &str, tenure: &str| {
            full("KAB", 3, Some(grade)).replacen('}', &format!(r#"}},"tenure_band":"{tenure}""#), 1)
        };
        let mut rows = times(2, with_tenure("I", "lt2"));
        rows.extend(times(5, with_tenure("I", "2to5")));
        rows.extend(times(5, with_tenure("II", "lt2")));
        type_in_and_close(&app, &token, wave, &rows).await;
        let by_grade = heatmap(&app, &token, wave, "?breakdown=grade_band").await;
        let shown: Vec<&str> = by_grade.iter().filter(|r| !r["n"].is_null()).filter_map(|r| r["band"].as_str()).collect();
        assert_eq!(shown, ["I", "II"], "the wave's own dimension shows both bands");
        let by_tenure = app.api_get(&format!("/api/v1/waves/{wave}/heatmap?breakdown=tenure_band"), &token).await;
        assert_eq!(by_tenure.status.as_u16(), 422, "{}", by_tenure.body);
        assert!(by_tenure.body.contains("golongan"), "says which dimension the wave has: {}", by_tenure.body);
        app.add_user("hr-page@x.id", Role::Hr, None).await;
        let cookie = app.login("hr-page@x.id").await;
        let page = app.server_fn("/api/hr_wave_breakdown", &format!("id={wave}&by=role"), Some(&cookie)).await;
        assert_eq!(page.status.as_u16(), 422, "{}", page.body);
        let own = app.server_fn("/api/hr_wave_breakdown", &format!("id={wave}&by="), Some(&cookie)).await;
        assert_eq!(own.json()["wave"]["breakdown"], "grade_band");
        let html = app.get(&format!("/hr/waves/{wave}/breakdown"), Some(&cookie)).await;
        assert!(html.body.contains("dirinci menurut golongan saja"), "the page says why there is one dimension");
        assert!(!html.body.contains("by=tenure_band") && !html.body.contains("by=role"), "no link to another");

        // The dimension is chosen when the wave is created, and only one of the three.
        let today = chrono::Utc::now().date_naive();
        let new = |breakdown: &str| {
            let closes = today + chrono::Duration::days(14);
            format!(
                r#"{{"title":"Kedua","instrument":"lo-25","root_unit":"KAB","opens_on":"{today}","closes_on":"{closes}","breakdown":"{breakdown}"}}"#
            )
        };
        let refused = app.api("POST", "/api/v1/waves", Some(&token), "application/json", &new("religion")).await;
        assert_eq!(refused.status.as_u16(), 422, "{}", refused.body);
        assert_eq!(refused.json()["details"][0]["field"], "breakdown");
        let created = app.api("POST", "/api/v1/waves", Some(&token), "application/json", &new("tenure_band")).await;
        let second = WaveId(created.json()["id"].as_i64().unwrap() as i32);
        let grade = app.api_get(&format!("/api/v1/waves/{second}/heatmap?breakdown=grade_band"), &token).await;
        assert_eq!(grade.status.as_u16(), 422, "{}", grade.body);
        let tenure = app.api_get(&format!("/api/v1/waves/{second}/heatmap?breakdown=tenure_band"), &token).await;
        assert_eq!(tenure.status.as_u16(), 200, "{}", tenure.body);

        // A wave stores and asks for its own band only: the others would never be shown.
        type_in(&app, &token, second, &[with_tenure("III", "gt10")]).await;
        let first_bands = stored_bands(&app, wave).await;
        assert!(first_bands.iter().all(|(grade, tenure)| grade.is_some() && tenure.is_none()), "{first_bands:?}");
        assert_eq!(stored_bands(&app, second).await, [(None, Some("gt10".to_string()))].into());
        let slug = {
            use sea_orm::EntityTrait;
            mawas::server::entities::wave::Entity::find_by_id(second).one(&app.db).await.unwrap().unwrap().slug
        };
        let form = app.get(&format!("/s/{slug}?u=KAB"), None).await.body;
        assert!(form.contains(r#"name="tenure_band""#) && !form.contains(r#"name="grade_band""#), "one band asked");
    })
    .await;
}

#[tokio::test]
async fn a_figure_resting_on_fewer_than_k_people_is_hidden_even_in_a_shown_unit() {
    with_app(|app| async move {
        let units = [("A", "KAB"), ("B", "KAB")];
        let (wave, token, _) = tree(&app, &units).await;
        // A: 5 responses, only one of them answers personal mastery; B: 10 complete.
        let mut rows = vec![full("A", 2, None)];
        rows.extend(times(4, only("A", &["MM", "SV", "TL", "ST"], 4)));
        rows.extend(times(10, full("B", 4, None)));
        type_in_and_close(&app, &token, wave, &rows).await;
        let shown = by_unit(&heatmap(&app, &token, wave, "").await);
        let a = &shown["A"];
        assert_eq!(a["reportable"], true, "5 responses");
        assert!(a["disciplines"]["personal_mastery"].is_null(), "one person's personal mastery");
        assert!(a["lo_index"].is_null(), "one person has all five");
        assert!(!a["disciplines"]["mental_models"].is_null(), "five people's mental models");
        assert!(shown["B"]["disciplines"]["personal_mastery"].is_null(), "KAB − B would be A's one person");
        assert!(!shown["KAB"]["disciplines"]["personal_mastery"].is_null(), "11 people");

        let report = mawas::server::reports::unit_report::unit_report(&app.db, "A", Some(wave), None).await.unwrap();
        let split = |code: &str| report.items.iter().find(|i| i.code == code).unwrap();
        assert_eq!((split("PM1").answered, split("PM1").shares), (None, None), "answered by one person");
        assert_eq!(split("MM1").answered, Some(5));

        // On the pages every row is shown, and the hidden figures read "< 5" like a hidden row.
        app.add_user("hr-page@x.id", Role::Hr, None).await;
        let cookie = app.login("hr-page@x.id").await;
        let page = app.get(&format!("/hr/waves/{wave}"), Some(&cookie)).await.body;
        assert_eq!(
            page.matches(r#"<td class="suppressed">&lt; 5</td>"#).count(),
            4,
            "PM and LO of A, and of B (KAB − B)"
        );
        let unit = app.get(&format!("/hr/units/A?wave={wave}"), Some(&cookie)).await.body;
        assert!(unit.contains(r#"<td class="num">&lt; 5</td>"#), "A's profile");
    })
    .await;
}

#[tokio::test]
async fn alpha_of_one_scope_and_of_the_whole_organisation_do_not_give_a_hidden_unit_away() {
    with_app(|app| async move {
        let units = [("A", "KAB"), ("B", "KAB")];
        let (wave, token, ids) = tree(&app, &units).await;
        let mut rows = times(3, full("A", 2, None));
        // Varied answers so α exists.
        for i in 0..10u8 {
            let answers: Vec<String> = lo25::ITEMS
                .iter()
                .enumerate()
                .map(|(j, it)| format!("\"{}\": {}", it.code, 1 + (i + j as u8 % 2) % 5))
                .collect();
            rows.push(format!(r#"{{"unit":"B","answers":{{{}}}}}"#, answers.join(",")));
        }
        type_in_and_close(&app, &token, wave, &rows).await;
        let scoped = app.token_for(app.add_user("hr.b@x.id", Role::Hr, Some(ids["B"])).await).await;
        let path = format!("/api/v1/waves/{wave}/reliability");
        let whole = app.api_get(&path, &token).await.json();
        let part = app.api_get(&path, &scoped).await.json();
        let n = |body: &Value| body["disciplines"]["team_learning"]["n_complete"].as_u64();
        // 13 − 10 = A's 3 complete cases, if both were shown.
        assert!(n(&whole).is_none() || n(&part).is_none(), "whole {:?}, B {:?}", n(&whole), n(&part));
        assert_eq!(n(&whole), Some(13));
    })
    .await;
}

#[tokio::test]
async fn comments_of_a_small_unit_cannot_be_read_off_its_parent() {
    with_app(|app| async move {
        let units = [("P", "KAB"), ("A", "P"), ("B", "P"), ("C", "P")];
        let (wave, token, _) = tree(&app, &units).await;
        let said = |unit: &str, text: &str| full(unit, 3, None).replacen('}', &format!(r#"}},"comment":"{text}""#), 1);
        let mut rows = vec![said("A", "atasan saya tidak mau mendengar")];
        rows.extend(times(2, full("A", 3, None)));
        rows.extend(times(8, said("C", "baik")));
        type_in_and_close(&app, &token, wave, &rows).await;
        let report =
            |code: &'static str| mawas::server::reports::unit_report::unit_report(&app.db, code, Some(wave), None);
        let p = report("P").await.unwrap();
        let c = report("C").await.unwrap();
        // B is empty: if C's comments were shown, P's minus C's would be A's one comment.
        assert!(c.comments.is_none(), "C's comments would give A's away");
        assert!(p.comments.as_ref().is_some_and(|list| list.len() == 9), "11 people behind P's comments");
    })
    .await;
}

#[tokio::test]
async fn an_open_wave_shows_participation_only_and_a_wave_whose_results_were_read_stays_closed() {
    with_app(|app| async move {
        let units = [("A", "KAB"), ("B", "KAB")];
        let (wave, token, _) = tree(&app, &units).await;
        let said = full("A", 2, Some("III")).replacen('}', r#"},"comment":"atasan saya tidak mau mendengar""#, 1);
        let mut rows = times(6, said);
        rows.extend(times(6, full("B", 4, Some("III"))));
        type_in(&app, &token, wave, &rows).await;
        // Budi's link was used: a read before and after his answer must not give it away.
        let open = by_unit(&heatmap(&app, &token, wave, "").await);
        assert_eq!(open["A"]["n"], 6, "participation is shown");
        assert!(open["A"]["lo_index"].is_null(), "no score while the wave runs");
        assert!(open["A"]["disciplines"].as_object().unwrap().values().all(Value::is_null));
        let bands = heatmap(&app, &token, wave, "?breakdown=grade_band").await;
        assert!(bands.iter().filter(|r| r.get("band").is_some()).all(|r| r["n"].is_null()), "no breakdown");
        let alpha = app.api_get(&format!("/api/v1/waves/{wave}/reliability"), &token).await.json();
        assert!(alpha["disciplines"]["team_learning"]["n_complete"].is_null(), "no α");
        let report = mawas::server::reports::unit_report::unit_report(&app.db, "A", Some(wave), None).await.unwrap();
        assert!(report.comments.is_none() && report.items.iter().all(|i| i.shares.is_none()), "no comments, no items");
        assert!(!report.wave.unwrap().released);

        let hr = app.login("hr@x.id").await;
        let page = app.get(&format!("/hr/waves/{wave}"), Some(&hr)).await.body;
        assert!(page.contains("hanya jumlah responden"), "the page says why");

        // Closed: the results are out, and reading them makes the wave final.
        app.close_wave(wave).await;
        let closed = by_unit(&heatmap(&app, &token, wave, "").await);
        assert!(closed["A"]["lo_index"].is_number());
        let reopen = app.server_fn("/api/set_hr_wave_open", &format!("id={wave}&open=true"), Some(&hr)).await;
        assert!(!reopen.status.is_success() && !reopen.status.is_redirection(), "{}", reopen.status);
        assert!(reopen.body.contains("tidak dapat dibuka lagi"), "{}", reopen.body);
        let stored = mawas::server::reports::scope::wave_in_scope(&app.db, wave, None).await.unwrap().0;
        assert!(stored.closed_early && stored.results_shown_on.is_some());
    })
    .await;
}

#[tokio::test]
async fn a_wave_closed_by_mistake_reopens_while_nobody_has_read_its_results() {
    with_app(|app| async move {
        let (wave, token, _) = tree(&app, &[("A", "KAB")]).await;
        type_in_and_close(&app, &token, wave, &times(6, full("A", 3, None))).await;
        let hr = app.login("hr@x.id").await;
        let reopen = app.server_fn("/api/set_hr_wave_open", &format!("id={wave}&open=true"), Some(&hr)).await;
        assert!(reopen.status.is_success() || reopen.status.is_redirection(), "{}", reopen.body);
        assert!(!mawas::server::reports::scope::wave_in_scope(&app.db, wave, None).await.unwrap().0.closed_early);
    })
    .await;
}

#[tokio::test]
async fn answers_that_carry_no_score_and_answers_typed_into_a_closed_wave_are_refused() {
    with_app(|app| async move {
        let (wave, token, _) = tree(&app, &[("A", "KAB")]).await;
        let path = format!("/api/v1/waves/{wave}/responses");
        // Padding: empty paper forms would lift a unit of 2 to 5 and show the 2 real people.
        type_in(&app, &token, wave, &times(2, full("A", 1, None))).await;
        let empty = format!("[{}]", times(3, r#"{"unit":"A","answers":{}}"#.to_string()).join(","));
        let refused = app.api("POST", &path, Some(&token), "application/json", &empty).await;
        assert_eq!(refused.status.as_u16(), 422, "{}", refused.body);
        assert_eq!(refused.json()["details"][0]["field"], "answers");
        let thin = format!("[{}]", only("A", &["PM1", "PM2", "MM1", "MM2"], 4));
        assert_eq!(app.api("POST", &path, Some(&token), "application/json", &thin).await.status.as_u16(), 422);
        assert_eq!(app.count("response").await, 2);

        // Three real paper forms while the wave runs are taken, counted per unit and audited.
        type_in(&app, &token, wave, &times(3, full("A", 5, None))).await;
        use sea_orm::EntityTrait;
        let audit: Vec<String> = mawas::server::entities::audit_log::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.target)
            .collect();
        assert!(audit.iter().any(|d| d.contains("A ×3")), "{audit:?}");
        app.close_wave(wave).await;
        let shown = by_unit(&heatmap(&app, &token, wave, "").await);
        assert_eq!((shown["A"]["n"].as_u64(), shown["A"]["typed_in"].as_u64()), (Some(5), Some(5)));
        let hr = app.login("hr@x.id").await;
        let unit_page = app.get(&format!("/hr/units/A?wave={wave}"), Some(&hr)).await.body;
        assert!(unit_page.contains("n = 5 · 5 diketik dari kertas"), "the unit page says it too");

        // The wave is closed: final, also for paper.
        let late = format!("[{}]", full("A", 5, None));
        let refused = app.api("POST", &path, Some(&token), "application/json", &late).await;
        assert_eq!(refused.status.as_u16(), 422);
        assert!(refused.body.contains("selama gelombang berjalan"), "{}", refused.body);
        assert_eq!(app.count("response").await, 5);
    })
    .await;
}

#[tokio::test]
async fn an_empty_survey_form_is_refused_so_the_confidentiality_sentence_cannot_be_probed() {
    with_app(|app| async move {
        let (wave, _, _) = tree(&app, &[("A", "KAB")]).await;
        let slug = mawas::server::reports::scope::wave_in_scope(&app.db, wave, None).await.unwrap().0.slug;
        let router = app.router_with(mawas::server::config::Config {
            submit_limit: None,
            ..mawas::server::config::Config::for_database("unused")
        });
        for n in 0..6 {
            let request = axum::http::Request::post(format!("/s/{slug}"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(axum::body::Body::from(format!("u=A&nonce=probe{n}")))
                .unwrap();
            let reply = super::helpers::send_via(&router, request).await;
            assert_eq!(reply.status.as_u16(), 422, "an empty form");
            assert!(reply.body.contains("paling sedikit 3 dari 5"), "the form says why");
        }
        assert_eq!(app.count("response").await, 0);
    })
    .await;
}

#[tokio::test]
async fn a_workshop_shows_no_figure_before_its_post_test_closes_and_no_pairs_that_single_out_one_person() {
    use mawas::server::entities::{wave, workshop};
    use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
    with_app(|app| async move {
        let root = app.add_unit("KAB", None, "pemda").await;
        let trainer = app.add_user("trainer@x.id", Role::Trainer, None).await;
        let admin = app.token_for(app.add_user("admin@x.id", Role::Admin, None).await).await;
        let (pre, post) = (app.add_wave("Pre", root).await, app.add_wave("Post", root).await);
        for (id, kind) in [(pre, "pre"), (post, "post")] {
            let mut w = wave::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().into_active_model();
            w.kind = Set(kind.parse().unwrap());
            w.update(&app.db).await.unwrap();
        }
        let coded = |code: &str, value: u8| {
            full("KAB", value, None).replacen('}', &format!(r#"}},"pairing_code":"{code}""#), 1)
        };
        // Six pre-tests, five of them come back: all pre-tests − the pairs' pre-test mean = the sixth.
        let pre_rows: Vec<String> = (0..6).map(|i| coded(&format!("PESERTA-{i}"), 2 + (i % 3) as u8)).collect();
        let post_rows: Vec<String> = (0..5).map(|i| coded(&format!("PESERTA-{i}"), 3 + (i % 2) as u8)).collect();
        type_in(&app, &admin, pre, &pre_rows).await;
        type_in(&app, &admin, post, &post_rows).await;
        let today = chrono::Utc::now();
        let saved = workshop::ActiveModel {
            title: Set("Pelatihan".into()),
            owner_id: Set(trainer),
            held_from: Set(today.date_naive()),
            held_to: Set(today.date_naive()),
            then_test: Set(false),
            pre_wave_id: Set(pre),
            post_wave_id: Set(post),
            created_at: Set(today),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
        let token = app.token_for(trainer).await;
        let path = format!("/api/v1/workshops/{}/comparison", saved.id);
        let running = app.api_get(&path, &token).await.json();
        assert_eq!((running["n_pre"].as_u64(), running["n_post"].as_u64()), (Some(6), Some(5)), "counts only");
        assert!(running["lo_index"]["mean_pre"].is_null() && running["lo_index"]["paired"].is_null(), "{running}");
        assert!(running["items"].as_array().unwrap().iter().all(|i| i["mean_pre"].is_null()));

        app.close_wave(pre).await;
        app.close_wave(post).await;
        let closed = app.api_get(&path, &token).await.json();
        assert!(closed["lo_index"]["mean_pre"].is_number() && closed["lo_index"]["mean_post"].is_number());
        assert!(closed["lo_index"]["paired"].is_null(), "6 − 5 pairs = one person's pre-test");
        assert!(closed["lo_index"]["unpaired"].is_object());
    })
    .await;
}

#[tokio::test]
async fn a_wave_keeps_its_tree_and_headcounts_when_the_organisation_changes_after_it_opened() {
    use mawas::server::entities::unit;
    use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
    with_app(|app| async move {
        let units = [("A", "KAB"), ("B", "KAB"), ("C", "KAB")];
        let (wave, token, ids) = tree(&app, &units).await;
        let mut rows = times(3, full("A", 1, None));
        rows.extend(times(10, full("B", 4, None)));
        rows.extend(times(10, full("C", 3, None)));
        type_in_and_close(&app, &token, wave, &rows).await;
        let read = || async {
            let json = app.api_get(&format!("/api/v1/waves/{wave}/heatmap"), &token).await.body;
            let csv = app.api_get(&format!("/api/v1/waves/{wave}/heatmap?format=csv"), &token).await.body;
            (json, csv)
        };
        let before = read().await;
        assert!(before.0.contains("\"unit\":\"A\""));

        // A (3 people) moves under B, B is renamed, C's headcount changes: B − (B without A) would be A.
        let mut a = unit::Entity::find_by_id(ids["A"]).one(&app.db).await.unwrap().unwrap().into_active_model();
        a.parent_id = Set(Some(ids["B"]));
        a.update(&app.db).await.unwrap();
        let mut b = unit::Entity::find_by_id(ids["B"]).one(&app.db).await.unwrap().unwrap().into_active_model();
        b.name = Set("Bidang Baru".into());
        b.update(&app.db).await.unwrap();
        let mut c = unit::Entity::find_by_id(ids["C"]).one(&app.db).await.unwrap().unwrap().into_active_model();
        c.headcount = Set(Some(400));
        c.update(&app.db).await.unwrap();
        app.add_unit("D", Some(ids["KAB"]), "opd").await;

        let after = read().await;
        assert_eq!(before.0, after.0, "the heatmap of a wave is frozen");
        assert_eq!(before.1, after.1, "and so is its CSV, response rates included");
        // A later wave follows today's organisation.
        let later = app.add_wave("Berikutnya", ids["KAB"]).await;
        let rows = heatmap(&app, &token, later, "").await;
        let b_row = rows.iter().find(|r| r["unit"] == "A").unwrap();
        assert_eq!(b_row["parent"], "B");
        assert!(rows.iter().any(|r| r["unit"] == "D"));
    })
    .await;
}
