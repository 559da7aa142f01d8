//! Load generator for the respondent's journey (issue 3, docs/PERFORMANCE.md): drives complete
//! flows against a running server, each on a fresh connection as a new phone would: GET the survey
//! page, then POST a complete valid response with the page's nonce. Also measures POST-only
//! submissions and, for comparison in the same run, direct inserts through the data layer.
//!
//! `mawas-loadgen --base http://127.0.0.1:3900 --path '/s/SLUG?u=DINKES' --concurrency 1,8,32 --seconds 10`

use clap::Parser;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{Request, StatusCode};
use hyper_util::rt::TokioIo;
use mawas::domain::{UnitId, WaveId};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::net::TcpStream;

#[derive(Parser, Debug)]
#[command(about = "Drives respondent flows against a running Mawas server and reports flows/s, p50 and p99")]
struct Args {
    /// Server address, e.g. http://127.0.0.1:3900
    #[arg(long)]
    base: String,
    /// Survey path with a pre-bound unit, e.g. /s/SLUG?u=DINKES
    #[arg(long)]
    path: String,
    /// Concurrency levels to run one after another.
    #[arg(long, value_delimiter = ',', default_value = "1,8,32")]
    concurrency: Vec<usize>,
    /// Seconds per level.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Also run POST-only submissions (a nonce made up by the client, no GET).
    #[arg(long)]
    post_only: bool,
    /// Also time single-transaction inserts straight into this database (no HTTP), for comparison.
    #[arg(long)]
    direct_database: Option<String>,
    /// Crash test: POST-only submissions at the first concurrency level, each with the comment
    /// `crash-N`, appending the comment of every acknowledged one (HTTP 200) to this file.
    #[arg(long)]
    crash_acknowledged: Option<std::path::PathBuf>,
    /// Crash test check: compare this database with `--crash-acknowledged` for wave `--wave-id`
    /// instead of sending anything. Exits 1 if an acknowledged response is missing or half-written.
    #[arg(long, requires = "crash_acknowledged")]
    verify_database: Option<String>,
    #[arg(long, default_value_t = WaveId(0))]
    wave_id: WaveId,
    /// Soak: for `--seconds`, respondents (the first concurrency level) and `--hr-workers` HR officers
    /// with this session cookie, who open `--hr-paths` in turn; a progress line every minute. Exits 1
    /// on any error.
    #[arg(long)]
    soak_hr_cookie: Option<String>,
    #[arg(long, default_value_t = 2)]
    hr_workers: usize,
    #[arg(long, value_delimiter = ',')]
    hr_paths: Vec<String>,
    /// Respondents answer for these unit codes in turn (each flow the next one) instead of the `u=` of
    /// `--path`, as a real survey spreads over the units of a wave.
    #[arg(long, value_delimiter = ',')]
    units: Vec<String>,
}

/// The item codes of LO-25 with one fixed answer each: a complete, valid form.
fn answers() -> String {
    mawas::domain::lo25::ITEMS.iter().map(|i| format!("a_{}=4", i.code)).collect::<Vec<_>>().join("&")
}

struct Target {
    host: String,
    post_path: String,
    /// Units answered for in turn; the path of flow n is `post_path?u=units[n % len]`.
    units: Vec<String>,
}

impl Target {
    fn unit(&self, n: u64) -> &str {
        self.units.get(n as usize % self.units.len().max(1)).map_or("", String::as_str)
    }
}

/// An error with the chain of its causes: hyper's "operation was canceled" alone does not say whether
/// the connection was closed or reset, or by which side.
fn with_causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        text.push_str(&format!(": {inner}"));
        cause = inner.source();
    }
    text
}

async fn send(
    sender: &mut hyper::client::conn::http1::SendRequest<Full<Bytes>>,
    request: Request<Full<Bytes>>,
) -> Result<(StatusCode, Duration, Bytes), String> {
    let started = Instant::now();
    // A kept-alive connection takes the next request only once its task has finished the previous
    // exchange; sent before that, hyper refuses it as "operation was canceled: connection was not
    // ready" without writing a byte (the soak's rare errors under full CPU).
    sender.ready().await.map_err(|e| with_causes(&e))?;
    let response = sender.send_request(request).await.map_err(|e| with_causes(&e))?;
    let head = started.elapsed();
    let status = response.status();
    let body = response.into_body().collect().await.map_err(|e| with_causes(&e))?.to_bytes();
    Ok((status, head, body))
}

/// One respondent: a new connection, GET, POST. Returns the time to the GET's first byte.
async fn flow(target: &Target, answers: &str, with_get: bool, n: u64) -> Result<Duration, String> {
    flow_with(target, answers, with_get, n, "").await
}

async fn flow_with(target: &Target, answers: &str, with_get: bool, n: u64, extra: &str) -> Result<Duration, String> {
    let stream = TcpStream::connect(&target.host).await.map_err(|e| e.to_string())?;
    stream.set_nodelay(true).ok();
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.map_err(|e| e.to_string())?;
    tokio::spawn(connection);
    let mut ttfb = Duration::ZERO;
    let nonce = if with_get {
        let get = Request::get(format!("{}?u={}", target.post_path, target.unit(n)))
            .header("host", &target.host)
            .body(Full::default())
            .map_err(|e| e.to_string())?;
        let (status, head, body) = send(&mut sender, get).await?;
        if status != StatusCode::OK {
            return Err(format!("GET {status}"));
        }
        ttfb = head;
        let text = String::from_utf8_lossy(&body);
        let at = text.find("name=\"nonce\" value=\"").ok_or("no nonce in the page")? + 20;
        text[at..].split('"').next().unwrap_or_default().to_string()
    } else {
        format!("loadgen-{}-{n}", std::process::id())
    };
    let form = format!("{answers}&u={}&nonce={nonce}{extra}", target.unit(n));
    let post = Request::post(&target.post_path)
        .header("host", &target.host)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Full::new(Bytes::from(form)))
        .map_err(|e| e.to_string())?;
    let (status, _, _) = send(&mut sender, post).await?;
    if status != StatusCode::OK {
        return Err(format!("POST {status}"));
    }
    Ok(ttfb)
}

struct Level {
    done: usize,
    errors: usize,
    latencies: Vec<Duration>,
    ttfbs: Vec<Duration>,
    elapsed: Duration,
}

async fn run_level(target: Arc<Target>, concurrency: usize, seconds: u64, with_get: bool) -> Level {
    let answers = Arc::new(answers());
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|w| {
            let (target, answers, stop) = (Arc::clone(&target), Arc::clone(&answers), Arc::clone(&stop));
            tokio::spawn(async move {
                let (mut latencies, mut ttfbs, mut errors) = (Vec::new(), Vec::new(), 0usize);
                let mut n = (w as u64) << 32;
                while !stop.load(Ordering::Relaxed) {
                    n += 1;
                    let t0 = Instant::now();
                    match flow(&target, &answers, with_get, n).await {
                        Ok(ttfb) => {
                            latencies.push(t0.elapsed());
                            ttfbs.push(ttfb);
                        }
                        Err(e) => {
                            errors += 1;
                            if errors <= 3 {
                                eprintln!("flow failed: {e}");
                            }
                        }
                    }
                }
                (latencies, ttfbs, errors)
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let mut level = Level { done: 0, errors: 0, latencies: Vec::new(), ttfbs: Vec::new(), elapsed: Duration::ZERO };
    for w in workers {
        if let Ok((latencies, ttfbs, errors)) = w.await {
            level.done += latencies.len();
            level.errors += errors;
            level.latencies.extend(latencies);
            level.ttfbs.extend(ttfbs);
        }
    }
    level.elapsed = started.elapsed();
    level
}

fn percentile(values: &mut [Duration], p: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort();
    let rank = ((p / 100.0) * values.len() as f64).ceil().max(1.0) as usize - 1;
    values[rank.min(values.len() - 1)].as_secs_f64() * 1000.0
}

/// Single-transaction inserts of a complete response through the data layer, one after another.
async fn direct_inserts(url: &str, seconds: u64) -> Result<f64, String> {
    use mawas::domain::submission::{RawSubmission, validate_submission};
    use mawas::server::entities::{answer, wave};
    use mawas::server::repo::{instruments, responses};
    use sea_orm::{ActiveModelTrait, EntityTrait, TransactionTrait};
    let db = mawas::server::db::connect(url).await.map_err(|e| e.to_string())?;
    let wave = wave::Entity::find().one(&db).await.map_err(|e| e.to_string())?.ok_or("no wave")?;
    let items = instruments::instrument_items(&db, wave.instrument_id).await.map_err(|e| e.to_string())?;
    let raw = RawSubmission {
        answers: items.iter().map(|i| (i.code.clone(), "4".to_string())).collect(),
        ..Default::default()
    };
    let valid = validate_submission(&items, &raw, 5, false).map_err(|e| format!("{e:?}"))?;
    let today = chrono::Utc::now().date_naive();
    let started = Instant::now();
    let mut n = 0u64;
    while started.elapsed() < Duration::from_secs(seconds) {
        let txn = db.begin().await.map_err(|e| e.to_string())?;
        let saved = responses::scored_row(wave.id, wave.root_unit_id, today, &items, &valid, 5)
            .insert(&txn)
            .await
            .map_err(|e| e.to_string())?;
        answer::Entity::insert_many(responses::answer_rows(saved.id, &items, &valid))
            .exec(&txn)
            .await
            .map_err(|e| e.to_string())?;
        txn.commit().await.map_err(|e| e.to_string())?;
        n += 1;
    }
    Ok(n as f64 / started.elapsed().as_secs_f64())
}

/// POST-only submissions marked `crash-N` until `seconds` pass; every acknowledged mark is appended
/// to `file` as soon as the answer arrives, so a server killed mid-run loses nothing from the list.
async fn crash_run(
    target: Arc<Target>,
    concurrency: usize,
    seconds: u64,
    file: &std::path::Path,
) -> Result<(), String> {
    use std::io::Write;
    let log = std::fs::OpenOptions::new().create(true).append(true).open(file).map_err(|e| e.to_string())?;
    let log = Arc::new(std::sync::Mutex::new(log));
    let answers = Arc::new(answers());
    let started = Instant::now();
    let run = std::process::id();
    let workers: Vec<_> = (0..concurrency)
        .map(|w| {
            let (target, answers, log) = (Arc::clone(&target), Arc::clone(&answers), Arc::clone(&log));
            tokio::spawn(async move {
                let (mut acknowledged, mut failed) = (0u64, 0u64);
                let mut n = (w as u64) << 32;
                while started.elapsed() < Duration::from_secs(seconds) {
                    n += 1;
                    let mark = format!("crash-{run}-{n}");
                    match flow_with(&target, &answers, false, n, &format!("&comment={mark}")).await {
                        Ok(_) => {
                            acknowledged += 1;
                            if let Ok(mut log) = log.lock() {
                                let _ = writeln!(log, "{mark}");
                            }
                        }
                        Err(_) => {
                            // The server is down (killed on purpose): do not spin.
                            failed += 1;
                            tokio::time::sleep(Duration::from_millis(20)).await;
                        }
                    }
                }
                (acknowledged, failed)
            })
        })
        .collect();
    let (mut acknowledged, mut failed) = (0, 0);
    for w in workers {
        if let Ok((a, f)) = w.await {
            acknowledged += a;
            failed += f;
        }
    }
    println!("acknowledged {acknowledged}, failed {failed}");
    Ok(())
}

/// What a soak counted so far.
#[derive(Default)]
struct SoakCounts {
    flows: AtomicU64,
    views: AtomicU64,
    errors: AtomicU64,
}

impl SoakCounts {
    fn failed(&self, what: &str) {
        if self.errors.fetch_add(1, Ordering::Relaxed) < 5 {
            eprintln!("soak: {what}");
        }
    }

    fn line(&self) -> String {
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed);
        format!("{} respondent flows, {} HR views, {} errors", get(&self.flows), get(&self.views), get(&self.errors))
    }
}

/// One HR officer: one kept-alive connection, opening each path in turn until `stop`.
async fn hr_officer(
    target: Arc<Target>,
    cookie: Arc<String>,
    paths: Arc<Vec<String>>,
    counts: Arc<SoakCounts>,
    stop: Arc<AtomicBool>,
) {
    'connect: while !stop.load(Ordering::Relaxed) {
        let Ok(stream) = TcpStream::connect(&target.host).await else {
            counts.failed("HR connect");
            tokio::time::sleep(Duration::from_millis(100)).await;
            continue;
        };
        let Ok((mut sender, connection)) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await else {
            counts.failed("HR handshake");
            continue;
        };
        tokio::spawn(connection);
        for path in paths.iter().cycle() {
            if stop.load(Ordering::Relaxed) {
                break 'connect;
            }
            let request = Request::get(path.as_str())
                .header("host", &target.host)
                .header("cookie", cookie.as_str())
                .header("accept-encoding", "br")
                .body(Full::default())
                .expect("a request");
            match send(&mut sender, request).await {
                Ok((StatusCode::OK, _, _)) => {
                    counts.views.fetch_add(1, Ordering::Relaxed);
                }
                Ok((status, _, _)) => counts.failed(&format!("GET {path}: {status}")),
                Err(e) => {
                    counts.failed(&format!("GET {path}: {e}"));
                    continue 'connect;
                }
            }
        }
    }
}

/// Respondents and HR officers together for `seconds`, with a progress line every minute.
async fn soak(target: Arc<Target>, args: &Args, cookie: String) -> Result<(), String> {
    let counts = Arc::new(SoakCounts::default());
    let stop = Arc::new(AtomicBool::new(false));
    let answers = Arc::new(answers());
    let mut tasks = Vec::new();
    for w in 0..args.concurrency.first().copied().unwrap_or(8) {
        let (target, answers, counts, stop) =
            (Arc::clone(&target), Arc::clone(&answers), Arc::clone(&counts), Arc::clone(&stop));
        tasks.push(tokio::spawn(async move {
            let mut n = (w as u64) << 32;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                match flow(&target, &answers, true, n).await {
                    Ok(_) => {
                        counts.flows.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(e) => counts.failed(&format!("respondent flow: {e}")),
                }
            }
        }));
    }
    let (cookie, paths) = (Arc::new(cookie), Arc::new(args.hr_paths.clone()));
    for _ in 0..args.hr_workers {
        let officer = hr_officer(
            Arc::clone(&target),
            Arc::clone(&cookie),
            Arc::clone(&paths),
            Arc::clone(&counts),
            Arc::clone(&stop),
        );
        tasks.push(tokio::spawn(officer));
    }
    let started = Instant::now();
    let total = Duration::from_secs(args.seconds);
    while started.elapsed() < total {
        tokio::time::sleep(Duration::from_secs(60).min(total.saturating_sub(started.elapsed()))).await;
        println!("{:>5.0} s: {}", started.elapsed().as_secs_f64(), counts.line());
    }
    stop.store(true, Ordering::Relaxed);
    for task in tasks {
        let _ = task.await;
    }
    println!("soak of {} s: {}", args.seconds, counts.line());
    if counts.errors.load(Ordering::Relaxed) == 0 { Ok(()) } else { Err("the soak saw errors".into()) }
}

/// After a crash and restart: every acknowledged response is stored once with its 25 answers and
/// scores, no response of the wave is half-written, and the per-unit sums count exactly the
/// responses that are there.
async fn verify(url: &str, wave_id: WaveId, file: &std::path::Path) -> Result<bool, String> {
    use mawas::server::entities::{answer, response};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    use std::collections::HashMap;
    let acknowledged: Vec<String> =
        std::fs::read_to_string(file).map_err(|e| e.to_string())?.lines().map(str::to_string).collect();
    let db = mawas::server::db::connect(url).await.map_err(|e| e.to_string())?;
    let stored = response::Entity::find()
        .filter(response::Column::WaveId.eq(wave_id))
        .all(&db)
        .await
        .map_err(|e| e.to_string())?;
    let mut by_comment: HashMap<&str, usize> = HashMap::new();
    for r in &stored {
        *by_comment.entry(r.comment.as_deref().unwrap_or("")).or_default() += 1;
    }
    let lost = acknowledged.iter().filter(|m| !by_comment.contains_key(m.as_str())).count();
    let doubled = by_comment.values().filter(|&&n| n > 1).count();
    let ids: Vec<i32> = stored.iter().map(|r| r.id).collect();
    let mut answers: HashMap<i32, usize> = HashMap::new();
    for chunk in ids.chunks(10_000) {
        for a in answer::Entity::find()
            .filter(answer::Column::ResponseId.is_in(chunk.to_vec()))
            .all(&db)
            .await
            .map_err(|e| e.to_string())?
        {
            *answers.entry(a.response_id).or_default() += 1;
        }
    }
    let half_written = stored.iter().filter(|r| answers.get(&r.id) != Some(&25) || r.lo_index.is_none()).count();
    let sums = mawas::server::repo::sums::scores::own_sums_of_wave(&db, wave_id).await.map_err(|e| e.to_string())?;
    let mut per_unit: HashMap<UnitId, u64> = HashMap::new();
    for r in &stored {
        *per_unit.entry(r.unit_id).or_default() += 1;
    }
    let sums_agree =
        sums.len() == per_unit.len() && per_unit.iter().all(|(u, n)| sums.get(u).is_some_and(|s| s.responses == *n));
    println!(
        "acknowledged {}, stored {}, acknowledged lost {lost}, stored twice {doubled}, half-written {half_written}, sums agree {sums_agree}",
        acknowledged.len(),
        stored.len()
    );
    Ok(lost == 0 && doubled == 0 && half_written == 0 && sums_agree)
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let args = Args::parse();
    if let (Some(url), Some(file)) = (&args.verify_database, &args.crash_acknowledged) {
        return if verify(url, args.wave_id, file).await? { Ok(()) } else { Err("crash check failed".into()) };
    }
    let host = args.base.trim_start_matches("http://").trim_end_matches('/').to_string();
    let unit = args.path.split("u=").nth(1).unwrap_or("").split('&').next().unwrap_or("").to_string();
    let post_path = args.path.split('?').next().unwrap_or(&args.path).to_string();
    let units = if args.units.is_empty() { vec![unit] } else { args.units.clone() };
    let target = Arc::new(Target { host, post_path, units });
    if let Some(cookie) = args.soak_hr_cookie.clone() {
        return soak(target, &args, cookie).await;
    }
    if let Some(file) = &args.crash_acknowledged {
        return crash_run(target, args.concurrency.first().copied().unwrap_or(32), args.seconds, file).await;
    }
    let mut modes = vec![("GET + POST", true)];
    if args.post_only {
        modes.push(("POST only", false));
    }
    println!("| flow | concurrency | flows/s | p50 ms | p99 ms | GET TTFB p50 ms | errors |");
    println!("|---|---|---|---|---|---|---|");
    for (name, with_get) in modes {
        for &c in &args.concurrency {
            let mut level = run_level(Arc::clone(&target), c, args.seconds, with_get).await;
            let rate = level.done as f64 / level.elapsed.as_secs_f64();
            let ttfb = if with_get { format!("{:.2}", percentile(&mut level.ttfbs, 50.0)) } else { "—".into() };
            println!(
                "| {name} | {c} | {rate:.0} | {:.1} | {:.1} | {ttfb} | {} |",
                percentile(&mut level.latencies, 50.0),
                percentile(&mut level.latencies, 99.0),
                level.errors
            );
        }
    }
    if let Some(url) = args.direct_database {
        let rate = direct_inserts(&url, args.seconds).await?;
        println!("\ndirect single-transaction inserts (response + 25 answers, no HTTP): {rate:.0}/s");
    }
    Ok(())
}
