//! One isolated app per test: a fresh SQLite file, or a fresh PostgreSQL database when
//! `MAWAS_TEST_BACKEND=postgres` (URL from `MAWAS_TEST_POSTGRES_URL`), driven in-process.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use chrono::Utc;
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use mawas::domain::Role;
use mawas::domain::{UnitId, WaveId};
use mawas::server::config::Config;
use mawas::server::entities::{invitation, unit, wave};
use mawas::server::http::{router, state::AppState};
use mawas::server::repo::responses::ResponseWriter;
use mawas::server::repo::{instruments, users};
use mawas::server::{auth, db};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Database, DatabaseConnection, Set, Statement};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;
use tower::ServiceExt;

static NEXT_DB: AtomicU32 = AtomicU32::new(0);
/// Longest a single integration test may take; the slowest take about 20 s on two cores.
const TEST_TIME_LIMIT: Duration = Duration::from_secs(300);

/// Where a test's database lives, so it can be removed afterwards.
enum Backend {
    Sqlite(std::path::PathBuf),
    Postgres { admin_url: String, name: String },
}

/// An isolated application with its own database.
pub struct TestApp {
    pub db: DatabaseConnection,
    pub router: Router,
    /// The router's response writer.
    pub responses: ResponseWriter,
    backend: Backend,
    url: String,
}

/// A finished HTTP exchange.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// The body as sent, for downloads such as XLSX.
    pub bytes: Vec<u8>,
}

impl Reply {
    pub fn location(&self) -> Option<&str> {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok())
    }

    /// `name=value` of a cookie the reply sets.
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with(&format!("{name}=")))
            .map(String::from)
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

pub fn backend_is_postgres() -> bool {
    std::env::var("MAWAS_TEST_BACKEND").is_ok_and(|b| b == "postgres")
}

/// Sends a request through a router (this app's or a [`TestApp::second_server`]).
pub async fn send_via(router: &Router, mut request: Request<Body>) -> Reply {
    // Every HTTP/1.1 request names its host; the cross-site check compares Origin with it.
    if !request.headers().contains_key(header::HOST) {
        request.headers_mut().insert(header::HOST, header::HeaderValue::from_static("localhost"));
    }
    let response = router.clone().oneshot(request).await.expect("router never fails");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned(), bytes: bytes.to_vec() }
}

/// A GET with an optional cookie.
pub fn get_request(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::get(path);
    if let Some(c) = cookie {
        request = request.header(header::COOKIE, c);
    }
    request.body(Body::empty()).expect("request")
}

/// Runs `test` against a fresh app and removes its database afterwards, even when the test panics.
pub async fn with_app<F, Fut>(test: F)
where
    F: FnOnce(Arc<TestApp>) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    hear_every_callsite();
    let app = Arc::new(TestApp::new().await);
    // A test that hangs fails on its own instead of holding CI until its time limit.
    let outcome = tokio::time::timeout(TEST_TIME_LIMIT, tokio::spawn(test(app.clone()))).await;
    app.cleanup().await;
    match outcome {
        Err(_) => panic!("the test did not finish within {} s", TEST_TIME_LIMIT.as_secs()),
        Ok(Err(e)) => std::panic::resume_unwind(e.into_panic()),
        Ok(Ok(())) => {}
    }
}

/// Gives every thread a subscriber that keeps nothing but makes tracing ask each time. Tracing decides
/// once per log statement, on the first thread that reaches it, whether anyone listens; a test thread
/// without a subscriber answered "never" for the whole process, and the log test, which listens on its
/// own thread, then heard nothing from that statement (tokio-rs/tracing#2743, seen in full PostgreSQL
/// runs). Not a `Registry`: a span of the log test's subscriber closed on another thread makes that
/// thread's default close the span's parent, and a registry that never saw it panics.
fn hear_every_callsite() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = tracing::subscriber::set_global_default(AskEachTime);
    });
}

struct AskEachTime;

impl tracing::Subscriber for AskEachTime {
    fn register_callsite(&self, _: &'static tracing::Metadata<'static>) -> tracing::subscriber::Interest {
        tracing::subscriber::Interest::sometimes()
    }
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        false
    }
    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, _: &tracing::Event<'_>) {}
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

impl TestApp {
    async fn new() -> Self {
        let n = NEXT_DB.fetch_add(1, Ordering::SeqCst);
        let (url, backend) = if backend_is_postgres() {
            let admin_url = std::env::var("MAWAS_TEST_POSTGRES_URL")
                .expect("MAWAS_TEST_BACKEND=postgres needs MAWAS_TEST_POSTGRES_URL");
            let name = format!("mawas_test_{}_{n}_{}", std::process::id(), Utc::now().timestamp_micros());
            let admin = Database::connect(&admin_url).await.expect("connect to PostgreSQL");
            admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create test database");
            admin.close().await.ok();
            let (base, _) = admin_url.rsplit_once('/').expect("PostgreSQL URL with a database name");
            (format!("{base}/{name}"), Backend::Postgres { admin_url, name })
        } else {
            let dir = std::env::temp_dir().join("mawas-tests");
            std::fs::create_dir_all(&dir).expect("temp dir");
            let path = dir.join(format!("t{}_{n}.db", std::process::id()));
            let _ = std::fs::remove_file(&path);
            (format!("sqlite://{}?mode=rwc", path.display()), Backend::Sqlite(path))
        };
        let db = db::connect(&url).await.expect("connect");
        db::migrate(&db).await.expect("migrate");
        instruments::ensure_lo25(&db, Utc::now()).await.expect("install LO-25");
        let leptos_options = LeptosOptions::builder().output_name("mawas").build();
        let state = AppState::new(db.clone(), Config::for_database(&url), leptos_options);
        TestApp { responses: state.responses.clone(), router: router::build_router(state), db, backend, url }
    }

    /// A second app server on the same database, with its own connection pool as another process
    /// would have (closed by the database cleanup).
    pub async fn second_server(&self) -> Router {
        let db = db::connect(&self.url).await.expect("connect the second server");
        let leptos_options = LeptosOptions::builder().output_name("mawas").build();
        router::build_router(AppState::new(db, Config::for_database(&self.url), leptos_options))
    }

    /// A new connection pool on the same database, as another process (or the server after a
    /// restart) would open: it sees only what was committed.
    pub async fn fresh_connection(&self) -> DatabaseConnection {
        db::connect(&self.url).await.expect("connect again")
    }

    /// The same database behind a router built from another configuration.
    pub fn router_with(&self, config: Config) -> Router {
        let leptos_options = LeptosOptions::builder().output_name("mawas").build();
        router::build_router(AppState::new(self.db.clone(), config, leptos_options))
    }

    async fn cleanup(&self) {
        // Closing waits for every connection to come back; a leaked one must not hang the suite,
        // but it is reported so that it gets found.
        let (size, idle) = self.pool_state();
        if size != idle {
            eprintln!("cleanup: {} of {size} connections still checked out", size - idle);
        }
        if tokio::time::timeout(Duration::from_secs(15), self.db.clone().close()).await.is_err() {
            eprintln!("cleanup: the pool did not close within 15 s");
        }
        match &self.backend {
            Backend::Sqlite(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Backend::Postgres { admin_url, name } => {
                if let Ok(admin) = Database::connect(admin_url).await {
                    let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
                }
            }
        }
    }

    /// Connections of the pool and how many of them are idle.
    fn pool_state(&self) -> (usize, usize) {
        match &self.backend {
            Backend::Sqlite(_) => {
                let pool = self.db.get_sqlite_connection_pool();
                (pool.size() as usize, pool.num_idle())
            }
            Backend::Postgres { .. } => {
                let pool = self.db.get_postgres_connection_pool();
                (pool.size() as usize, pool.num_idle())
            }
        }
    }

    /// Sends a request through the whole router.
    pub async fn send(&self, request: Request<Body>) -> Reply {
        send_via(&self.router, request).await
    }

    /// GET with optional cookie.
    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        self.send(get_request(path, cookie)).await
    }

    /// A form post as a browser without JavaScript sends it.
    pub async fn post_form(&self, path: &str, form: &str, cookie: Option<&str>, referer: &str) -> Reply {
        let mut request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::REFERER, referer);
        if let Some(c) = cookie {
            request = request.header(header::COOKIE, c);
        }
        self.send(request.body(Body::from(form.to_string())).expect("request")).await
    }

    /// An API call with a bearer token.
    pub async fn api(&self, method: &str, path: &str, token: Option<&str>, content_type: &str, body: &str) -> Reply {
        let mut request = Request::builder().method(method).uri(path).header(header::CONTENT_TYPE, content_type);
        if let Some(t) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        self.send(request.body(Body::from(body.to_string())).expect("request")).await
    }

    /// Adds a unit named `Unit {code}` and returns its id.
    pub async fn add_unit(&self, code: &str, parent: Option<UnitId>, kind: &str) -> UnitId {
        self.add_named_unit(code, &format!("Unit {code}"), parent, kind).await
    }

    /// Adds a unit with the given name and returns its id.
    pub async fn add_named_unit(&self, code: &str, name: &str, parent: Option<UnitId>, kind: &str) -> UnitId {
        unit::ActiveModel {
            code: Set(code.into()),
            name: Set(name.into()),
            parent_id: Set(parent),
            kind: Set(kind.parse().expect("a unit kind")),
            headcount: Set(Some(20)),
            active: Set(true),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .expect("insert unit")
        .id
    }

    /// Adds an open periodic LO-25 wave over the subtree of `root`.
    /// An unused personal invitation to a wave, stored as the server stores it (the token's hash).
    pub async fn add_invitation(&self, wave_id: WaveId, token: &str) {
        invitation::ActiveModel {
            wave_id: Set(wave_id),
            token_hash: Set(auth::hash_secret(token)),
            used: Set(false),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .expect("insert invitation");
    }

    /// Closes a wave now, as HR's "close now" does: its results are released (docs/DESIGN.md §5).
    pub async fn close_wave(&self, id: WaveId) {
        use sea_orm::EntityTrait;
        let mut model: wave::ActiveModel = wave::Entity::find_by_id(id).one(&self.db).await.unwrap().unwrap().into();
        model.closed_early = Set(true);
        model.update(&self.db).await.expect("close wave");
    }

    pub async fn add_wave(&self, title: &str, root: UnitId) -> WaveId {
        let instrument = instruments::published_by_slug(&self.db, "lo-25").await.expect("query").expect("LO-25");
        let today = Utc::now().date_naive();
        let saved = wave::ActiveModel {
            slug: Set(auth::new_secret()[..12].to_lowercase()),
            title: Set(title.into()),
            instrument_id: Set(instrument.id),
            root_unit_id: Set(root),
            opens_on: Set(today),
            closes_on: Set(today + chrono::Duration::days(14)),
            access: Set(mawas::domain::survey::WaveAccess::Open),
            kind: Set(mawas::domain::survey::WaveKind::Periodic),
            closed_early: Set(false),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .expect("insert wave");
        mawas::server::repo::waves::snapshot(&self.db, saved.id, root).await.expect("snapshot");
        saved.id
    }

    /// Calls a server function with a form body, as the hydrated app does, and returns its reply.
    pub async fn server_fn(&self, path: &str, form: &str, cookie: Option<&str>) -> Reply {
        let mut request = Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(c) = cookie {
            request = request.header(header::COOKIE, c);
        }
        self.send(request.body(Body::from(form.to_string())).expect("request")).await
    }

    /// Adds an account with password `password-123`.
    pub async fn add_user(&self, email: &str, role: Role, scope: Option<UnitId>) -> i32 {
        let new = users::NewUser { email, display_name: email, password: "password-123", role, scope_unit_id: scope };
        users::create(&self.db, new, Utc::now()).await.expect("user").expect("a new e-mail").id
    }

    /// Logs in through the login server function and returns the session cookie.
    pub async fn login(&self, email: &str) -> String {
        let reply = self
            .post_form("/api/login", &format!("email={email}&password=password-123"), None, "http://localhost/login")
            .await;
        reply
            .set_cookie(auth::SESSION_COOKIE)
            .and_then(|c| c.split(';').next().map(String::from))
            .unwrap_or_else(|| panic!("no session cookie for {email}: {}", reply.status))
    }

    /// A new API token for an account.
    pub async fn token_for(&self, user_id: i32) -> String {
        auth::create_api_token(&self.db, user_id, "test", Utc::now()).await.expect("token")
    }

    /// A new API token for the account with this e-mail (for example a demo account).
    pub async fn token_for_email(&self, email: &str) -> String {
        let user =
            users::by_email(&self.db, email).await.expect("query").unwrap_or_else(|| panic!("no account {email}"));
        self.token_for(user.id).await
    }

    /// The oldest periodic wave.
    pub async fn first_periodic_wave(&self) -> wave::Model {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        wave::Entity::find()
            .filter(wave::Column::Kind.eq("periodic"))
            .order_by_asc(wave::Column::OpensOn)
            .one(&self.db)
            .await
            .expect("query")
            .expect("a periodic wave")
    }

    /// A GET of the REST API with a bearer token.
    pub async fn api_get(&self, path: &str, token: &str) -> Reply {
        self.api("GET", path, Some(token), "application/json", "").await
    }

    /// Counts rows of a table.
    pub async fn count(&self, table: &str) -> i64 {
        let backend = self.db.get_database_backend();
        let row = self
            .db
            .query_one_raw(Statement::from_string(backend, format!("SELECT COUNT(*) AS n FROM {table}")))
            .await
            .expect("count")
            .expect("row");
        row.try_get::<i64>("", "n").expect("n")
    }
}
