//! Connecting to SQLite (default) or PostgreSQL and migrating.

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, DbErr};
use std::time::Duration;

/// Whether a database URL names SQLite.
pub fn is_sqlite(url: &str) -> bool {
    url.starts_with("sqlite:")
}

/// Opens a connection pool. For SQLite: WAL so readers never block the one writer; synchronous=FULL
/// so an acknowledged response survives a power cut, not only a process crash; a busy timeout so
/// concurrent submits queue instead of failing; a small pool, since SQLite writes one at a time.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut opts = ConnectOptions::new(url.to_string());
    opts.sqlx_logging(false).acquire_timeout(Duration::from_secs(10));
    if is_sqlite(url) {
        create_sqlite_parent_dir(url);
        opts.max_connections(8).min_connections(1).map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        });
    } else {
        // A request must never wait forever on a row another connection locked (for instance a
        // transaction whose rollback is still queued): after 30 s it fails and frees its connection.
        opts.max_connections(16).min_connections(1).map_sqlx_postgres_opts(|o| {
            o.options([("lock_timeout", "30s"), ("idle_in_transaction_session_timeout", "60s")])
        });
    }
    Database::connect(opts).await
}

/// Submissions of this process waiting for SQLite's one writer slot.
static SQLITE_WRITER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Waits for this process's turn to write on SQLite; `None` (no wait) on PostgreSQL, which locks
/// rows. SQLite lets one connection write and makes the others sleep and retry under the busy
/// timeout, sleeps that grow to 100 ms: concurrent submits had a p99 of 200–400 ms (bench/survey.sh).
/// Queued here, each takes the slot the moment the previous one commits. Hold the guard from before
/// `begin` until after `commit`.
pub async fn sqlite_write_turn(db: &impl ConnectionTrait) -> Option<tokio::sync::MutexGuard<'static, ()>> {
    match db.get_database_backend() {
        DatabaseBackend::Sqlite => Some(SQLITE_WRITER.lock().await),
        _ => None,
    }
}

/// SQLite creates the file but not its folder (`data/` on a fresh clone).
fn create_sqlite_parent_dir(url: &str) {
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let path = path.split('?').next().unwrap_or("");
    if path.is_empty() || path.starts_with(":memory:") {
        return;
    }
    if let Some(parent) = std::path::Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()) {
        let _ = std::fs::create_dir_all(parent);
    }
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}
