//! Heatmap benchmark at scale (issue 4, docs/PERFORMANCE.md): loads the demo into an empty database,
//! adds synthetic responses to one wave until it holds `--responses`, then times, in process and
//! with the release build's code, what the heatmap page and its exports compute on the server.
//!
//! `mawas-heatbench --database 'sqlite:///tmp/hb/h.db?mode=rwc' --responses 1000000 --repeat 21`
//!
//! The synthetic responses are scored like submitted forms but stored without their item answers:
//! the heatmap never reads answers, and leaving them out keeps a million-response fixture to minutes.

use clap::Parser;
use mawas::domain::breakdown::BreakdownBy;
use mawas::domain::lo25;
use mawas::domain::submission::{InstrumentItem, RawSubmission, validate_submission};
use mawas::domain::{UnitId, WaveId};
use mawas::server::entities::response;
use mawas::server::repo::{instruments, responses};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait};
use std::time::{Duration, Instant};

#[derive(Parser, Debug)]
#[command(about = "Times the heatmap, its views, XLSX export and a breakdown over a wave with many responses")]
struct Args {
    /// Database URL (an empty database is seeded with the demo first).
    #[arg(long, env = "DATABASE_URL")]
    database: String,
    /// Wave to fill and time (the demo's first periodic wave is 1).
    #[arg(long, default_value_t = WaveId(1))]
    wave: WaveId,
    /// Responses the wave should hold before timing.
    #[arg(long, default_value_t = 100_000)]
    responses: u64,
    /// Timed runs of each measurement (the first extra run warms up and is not counted).
    #[arg(long, default_value_t = 21)]
    repeat: usize,
}

fn fail(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// A synthetic response of `unit_id`: every item answered around the unit's own level, scored by
/// the same code as a submitted form.
fn synthetic(
    rng: &mut StdRng,
    wave: &mawas::server::entities::wave::Model,
    unit_id: UnitId,
    level: f64,
    items: &[InstrumentItem],
) -> Result<response::ActiveModel, String> {
    let answers = items
        .iter()
        .map(|item| {
            let answer = (level + rng.random_range(-1.6..1.6)).round().clamp(1.0, 5.0);
            (item.code.clone(), answer.to_string())
        })
        .collect();
    let grade_band = Some(["I", "II", "III", "IV"][rng.random_range(0..4)].to_string());
    let raw = RawSubmission { answers, grade_band, ..Default::default() };
    let valid = validate_submission(items, &raw, lo25::SCALE_POINTS, false).map_err(|e| format!("{e:?}"))?;
    Ok(responses::scored_row(wave.id, unit_id, wave.opens_on, items, &valid, lo25::SCALE_POINTS))
}

/// Adds responses to the wave until it holds `target`, spread over its units, then rebuilds the
/// per-unit sums once (as the demo seed does).
async fn fill(db: &sea_orm::DatabaseConnection, wave_id: WaveId, target: u64) -> Result<u64, String> {
    let have = response::Entity::find()
        .filter(sea_orm::ColumnTrait::eq(&response::Column::WaveId, wave_id))
        .count(db)
        .await
        .map_err(fail)?;
    if have >= target {
        return Ok(have);
    }
    let (wave, all, in_wave, _) =
        mawas::server::reports::scope::wave_in_scope(db, wave_id, None).await.map_err(fail)?;
    let units: Vec<UnitId> = all.iter().filter(|u| in_wave.contains(&u.id)).map(|u| u.id).collect();
    let items = instruments::instrument_items(db, wave.instrument_id).await.map_err(fail)?;
    let mut rng = StdRng::seed_from_u64(4);
    let levels: Vec<f64> = units.iter().map(|_| rng.random_range(2.6..4.2)).collect();
    let started = Instant::now();
    let txn = db.begin().await.map_err(fail)?;
    let mut added = 0u64;
    // 27 bound values a row × 1,000 rows stays under SQLite's 32,766 parameters per statement.
    while have + added < target {
        let batch = (target - have - added).min(1_000);
        let rows = (0..batch)
            .map(|_| {
                let u = rng.random_range(0..units.len());
                synthetic(&mut rng, &wave, units[u], levels[u], &items)
            })
            .collect::<Result<Vec<_>, _>>()?;
        response::Entity::insert_many(rows).exec(&txn).await.map_err(fail)?;
        added += batch;
    }
    mawas::server::repo::sums::scores::rebuild_sums(&txn).await.map_err(fail)?;
    txn.commit().await.map_err(fail)?;
    println!("added {added} responses to wave {wave_id} in {:.1} s", started.elapsed().as_secs_f64());
    Ok(have + added)
}

/// p50 and max of `repeat` timed runs after one warm-up run.
async fn time<F, Fut>(repeat: usize, mut run: F) -> Result<(Duration, Duration), String>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<(), String>>,
{
    run().await?;
    let mut times = Vec::with_capacity(repeat);
    for _ in 0..repeat {
        let started = Instant::now();
        run().await?;
        times.push(started.elapsed());
    }
    times.sort();
    Ok((times[times.len() / 2], times[times.len() - 1]))
}

fn report(what: &str, (p50, max): (Duration, Duration)) {
    println!("{what:<58} p50 {:>9.2} ms   max {:>9.2} ms", p50.as_secs_f64() * 1e3, max.as_secs_f64() * 1e3);
}

async fn run(args: Args) -> Result<(), String> {
    let db = mawas::server::db::connect(&args.database).await.map_err(fail)?;
    mawas::server::db::migrate(&db).await.map_err(fail)?;
    if mawas::server::entities::unit::Entity::find().count(&db).await.map_err(fail)? == 0 {
        println!("{}", mawas::server::seed::seed_demo(&db, 1).await.map_err(fail)?);
    }
    let n = fill(&db, args.wave, args.responses).await?;
    let wave = args.wave;
    println!("wave {wave}: {n} responses; {} timed runs each", args.repeat);
    let repeat = args.repeat;
    let db = &db;

    let own = mawas::server::repo::sums::scores::own_sums_of_wave(db, wave).await.map_err(fail)?;
    println!("per-unit sums read: {} rows", own.len());
    report(
        "per-unit sums (wave_unit_sum)",
        time(repeat, || async {
            mawas::server::repo::sums::scores::own_sums_of_wave(db, wave).await.map(drop).map_err(fail)
        })
        .await?,
    );
    report(
        "GET /api/v1/waves/{id}/heatmap body (wave_heatmap)",
        time(repeat, || async {
            mawas::server::reports::heatmap::wave_heatmap(db, wave, None).await.map(drop).map_err(fail)
        })
        .await?,
    );
    report(
        "heatmap page data: 3 modes + previous wave (wave_views)",
        time(repeat, || async {
            mawas::server::reports::heatmap::wave_views(db, wave, None).await.map(drop).map_err(fail)
        })
        .await?,
    );
    report(
        "XLSX export: wave_views + workbook",
        time(repeat, || async {
            let views = mawas::server::reports::heatmap::wave_views(db, wave, None).await.map_err(fail)?;
            let bytes = mawas::server::export::heatmap::xlsx_bytes(&views, mawas::i18n::Lang::Id).map_err(fail)?;
            if bytes.is_empty() { Err("empty workbook".to_string()) } else { Ok(()) }
        })
        .await?,
    );
    // The breakdown still groups the wave's responses by band: its cost grows with the responses.
    let breakdown_repeat = repeat.min(5);
    report(
        &format!("breakdown by grade band ({breakdown_repeat} runs)"),
        time(breakdown_repeat, || async {
            mawas::server::reports::heatmap::wave_breakdown(
                db,
                wave,
                None,
                Some(BreakdownBy::GradeBand),
                mawas::i18n::Lang::Id,
            )
            .await
            .map(drop)
            .map_err(fail)
        })
        .await?,
    );
    // What the heatmap did before the sums table: one GROUP BY over the wave's responses.
    let group_by = format!(
        "SELECT unit_id, {} FROM response WHERE wave_id = {wave} GROUP BY unit_id",
        migration::wave_unit_sums::summed_columns().into_iter().map(|(_, a)| a).collect::<Vec<_>>().join(", ")
    );
    report(
        &format!("for comparison: GROUP BY over the responses ({breakdown_repeat} runs)"),
        time(breakdown_repeat, || async { db.query_all_raw(sql(db, &group_by)).await.map(drop).map_err(fail) }).await?,
    );
    Ok(())
}

fn sql(db: &sea_orm::DatabaseConnection, text: &str) -> sea_orm::Statement {
    sea_orm::Statement::from_string(db.get_database_backend(), text)
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match run(Args::parse()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mawas-heatbench: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
