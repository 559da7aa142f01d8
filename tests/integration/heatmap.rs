//! The heatmap, α and trends against direct computations, and the sums kept per (wave, unit).

use super::helpers::with_app;
use mawas::domain::Discipline;
use mawas::domain::{UnitId, WaveId};
use mawas::server::entities::{answer, item, response, unit, wave};
use mawas::server::seed;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// Asserts that the per-(wave, unit) sums the heatmap reads equal the sums of the stored responses,
/// computed here in Rust from the rows: every stored response counted once, nothing else.
pub(crate) async fn assert_sums_match_responses(app: &super::helpers::TestApp, wave_id: WaveId) {
    use mawas::domain::GroupSums;
    let kept = mawas::server::repo::sums::scores::own_sums_of_wave(&app.db, wave_id).await.unwrap();
    let stored = response::Entity::find().filter(response::Column::WaveId.eq(wave_id)).all(&app.db).await.unwrap();
    let mut by_unit: HashMap<UnitId, Vec<&response::Model>> = HashMap::new();
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
    mawas::server::repo::sums::scores::rebuild_sums(&app.db).await.unwrap();
    assert_eq!(kept, alpha_sum_rows(app, wave_id).await, "α sums kept at submit vs rebuilt from the answers");
}

/// Every row of the α sums of a wave, as (unit, values in column order).
async fn alpha_sum_rows(app: &super::helpers::TestApp, wave_id: WaveId) -> Vec<(UnitId, Vec<i64>)> {
    use migration::wave_unit_alpha_sums::{TABLE, summed_columns};
    use sea_orm::ConnectionTrait;
    let columns = summed_columns();
    let sql = format!("SELECT unit_id, {} FROM {TABLE} WHERE wave_id = {wave_id} ORDER BY unit_id", columns.join(", "));
    let rows = app.db.query_all_raw(sea_orm::Statement::from_string(app.db.get_database_backend(), sql)).await.unwrap();
    rows.iter()
        .map(|row| {
            let values = columns.iter().map(|c| row.try_get::<i64>("", c).unwrap()).collect();
            (row.try_get::<UnitId>("", "unit_id").unwrap(), values)
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
        let subtree = mawas::server::entities::unit::tree(&all_units).subtree(Some(dinkes.id));
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
        let mut per_unit: HashMap<UnitId, usize> = HashMap::new();
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
