//! Connecting to SQLite (default) or PostgreSQL and migrating.

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::Connection;
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
///
/// A pooled connection that still counts an open transaction when it is handed out is closed and
/// replaced. That happens after a write fault: a full disk or an I/O error during a transaction makes
/// SQLite roll the transaction back by itself, the ROLLBACK sent when the failed transaction is
/// dropped then fails too, and sqlx keeps counting one open transaction on that connection. Reused,
/// its next "transaction" became a SAVEPOINT, and once a later statement failed the connection was
/// left inside a transaction that nothing ever committed: respondents were thanked for answers that
/// were gone after a restart.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut opts = ConnectOptions::new(url.to_string());
    opts.sqlx_logging(false).acquire_timeout(Duration::from_secs(10));
    if is_sqlite(url) {
        create_sqlite_parent_dir(url);
        opts.max_connections(8)
            .min_connections(1)
            .map_sqlx_sqlite_opts(|o| {
                o.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .busy_timeout(Duration::from_secs(10))
                    .foreign_keys(true)
            })
            .map_sqlx_sqlite_before_acquire(|conn, _| Box::pin(async move { Ok(!conn.is_in_transaction()) }));
    } else {
        // A request must never wait forever on a row another connection locked (for instance a
        // transaction whose rollback is still queued): after 30 s it fails and frees its connection.
        opts.max_connections(16)
            .min_connections(1)
            .map_sqlx_postgres_opts(|o| {
                o.options([("lock_timeout", "30s"), ("idle_in_transaction_session_timeout", "60s")])
            })
            .map_sqlx_postgres_before_acquire(|conn, _| Box::pin(async move { Ok(!conn.is_in_transaction()) }));
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

/// Proves that the database takes a write now: rewrites the probe row in a transaction of its own,
/// in this process's write turn on SQLite. A full disk, an unwritable WAL or a lost PostgreSQL
/// primary fail here while reads may still work.
pub async fn check_writable(db: &DatabaseConnection) -> Result<(), DbErr> {
    use sea_orm::TransactionTrait;
    let _turn = sqlite_write_turn(db).await;
    let txn = db.begin().await?;
    let table = migration::write_probe::TABLE;
    txn.execute_unprepared(&format!("UPDATE {table} SET n = n + 1 WHERE id = 1")).await?;
    txn.commit().await
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}
