//! Storing responses: the submit path, its refusals, group commit, and the sums kept per (wave, unit).

use super::helpers::{TestApp, with_app};
use chrono::Utc;
use mawas::domain::lo25;
use mawas::domain::scoring::score_response;
use mawas::domain::submission::{InstrumentItem, RawSubmission, ValidSubmission, validate_submission};
use mawas::domain::{UnitId, WaveId};
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
    unit_id: UnitId,
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

async fn wave_model(app: &TestApp, id: WaveId) -> wave::Model {
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

        let first = app.responses.submit(&form(&wave, dinkes, &items, &valid, "form-nonce-1", today)).await.unwrap();
        assert_eq!(first, Ok(SubmitOutcome::Stored));
        let again = app.responses.submit(&form(&wave, dinkes, &items, &valid, "form-nonce-1", today)).await.unwrap();
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
        super::heatmap::assert_sums_match_responses(&app, wave.id).await;

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
            "a response stores only what docs/DESIGN.md §5 allows: no name, NIP, token, IP, agent or time"
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

        let mut inactive = unit::Entity::find_by_id(dinkes).one(&app.db).await.unwrap().unwrap().into_active_model();
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
        let pending = |nonce: &str, unit_id: UnitId, value: &str| PendingResponse {
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
        let codes =
            |outcomes: Vec<SubmitResult>| -> Vec<_> { outcomes.into_iter().map(|o| o.map_err(|e| e.code())).collect() };

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
        super::heatmap::assert_sums_match_responses(&app, wave_id).await;

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
        super::heatmap::assert_sums_match_responses(&app, wave_id).await;
    })
    .await;
}
