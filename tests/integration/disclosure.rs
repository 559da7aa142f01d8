//! Disclosure control (DESIGN.md §5) through the real API and reports: each attack class of issue 18
//! as a test, with responses typed in so every count is known. Each names the figure an attacker
//! would subtract and checks that it is not there.

use super::helpers::{TestApp, with_app};
use mawas::domain::{Role, lo25};
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

/// Types the rows into the wave as HR of the whole tree would.
async fn type_in(app: &TestApp, token: &str, wave: i32, rows: &[String]) {
    let body = format!("[{}]", rows.join(","));
    let reply =
        app.api("POST", &format!("/api/v1/waves/{wave}/responses"), Some(token), "application/json", &body).await;
    assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
}

/// The heatmap rows of a wave as the API gives them to `token`, by unit code (`?query` appended).
async fn heatmap(app: &TestApp, token: &str, wave: i32, query: &str) -> Vec<Value> {
    let reply = app.api_get(&format!("/api/v1/waves/{wave}/heatmap{query}"), token).await;
    assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
    reply.json()["rows"].as_array().unwrap().clone()
}

fn by_unit(rows: &[Value]) -> HashMap<String, Value> {
    rows.iter().map(|r| (r["unit"].as_str().unwrap().to_string(), r.clone())).collect()
}

/// A tree KAB → each (code, parent code) in order, a wave over it and an HR token for all of it.
async fn tree(app: &TestApp, units: &[(&str, &str)]) -> (i32, String, HashMap<String, i32>) {
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
        type_in(&app, &token, wave, &rows).await;
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
        type_in(&app, &token, wave, &rows).await;
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
        type_in(&app, &token, wave, &rows).await;
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
        type_in(&app, &token, wave, &rows).await;
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

#[tokio::test]
async fn a_figure_resting_on_fewer_than_k_people_is_hidden_even_in_a_shown_unit() {
    with_app(|app| async move {
        let units = [("A", "KAB"), ("B", "KAB")];
        let (wave, token, _) = tree(&app, &units).await;
        // A: 5 responses, only one of them answers personal mastery; B: 10 complete.
        let mut rows = vec![full("A", 2, None)];
        rows.extend(times(4, only("A", &["MM", "SV", "TL", "ST"], 4)));
        rows.extend(times(10, full("B", 4, None)));
        type_in(&app, &token, wave, &rows).await;
        let shown = by_unit(&heatmap(&app, &token, wave, "").await);
        let a = &shown["A"];
        assert_eq!(a["reportable"], true, "5 responses");
        assert!(a["disciplines"]["personal_mastery"].is_null(), "one person's personal mastery");
        assert!(a["lo_index"].is_null(), "one person has all five");
        assert!(!a["disciplines"]["mental_models"].is_null(), "five people's mental models");
        assert!(shown["B"]["disciplines"]["personal_mastery"].is_null(), "KAB − B would be A's one person");
        assert!(!shown["KAB"]["disciplines"]["personal_mastery"].is_null(), "11 people");

        let report = mawas::server::repo::unit_report::unit_report(&app.db, "A", Some(wave), None).await.unwrap();
        let split = |code: &str| report.items.iter().find(|i| i.code == code).unwrap();
        assert_eq!((split("PM1").answered, split("PM1").shares), (None, None), "answered by one person");
        assert_eq!(split("MM1").answered, Some(5));
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
        type_in(&app, &token, wave, &rows).await;
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
        type_in(&app, &token, wave, &rows).await;
        let report =
            |code: &'static str| mawas::server::repo::unit_report::unit_report(&app.db, code, Some(wave), None);
        let p = report("P").await.unwrap();
        let c = report("C").await.unwrap();
        // B is empty: if C's comments were shown, P's minus C's would be A's one comment.
        assert!(c.comments.is_none(), "C's comments would give A's away");
        assert!(p.comments.as_ref().is_some_and(|list| list.len() == 9), "11 people behind P's comments");
    })
    .await;
}
