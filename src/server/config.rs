//! Configuration from the environment (DESIGN.md §8); nothing secret lives in the repository.

/// Where the database lives when `DATABASE_URL` is not set: a SQLite file under `data/`.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/mawas.db?mode=rwc";

/// Settings read once at start.
#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    /// Mark cookies `Secure`; set `MAWAS_SECURE_COOKIES=1` when served over https.
    pub secure_cookies: bool,
    /// Load the demo data when the database has no units yet (`MAWAS_DEMO=1`, used by the run command).
    pub demo_on_first_start: bool,
    /// How long a login lasts.
    pub session_hours: i64,
}

impl Config {
    /// Reads `DATABASE_URL`, `MAWAS_SECURE_COOKIES`, `MAWAS_DEMO` and `MAWAS_SESSION_HOURS`.
    pub fn from_env() -> Self {
        let flag = |name: &str| std::env::var(name).is_ok_and(|v| matches!(v.as_str(), "1" | "true" | "yes"));
        Config {
            database_url: std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.to_string()),
            secure_cookies: flag("MAWAS_SECURE_COOKIES"),
            demo_on_first_start: flag("MAWAS_DEMO"),
            session_hours: std::env::var("MAWAS_SESSION_HOURS")
                .ok()
                .and_then(|v| v.parse().ok())
                .filter(|h| *h > 0)
                .unwrap_or(12),
        }
    }

    /// Settings for tests: the given database, no demo data.
    pub fn for_database(database_url: &str) -> Self {
        Config {
            database_url: database_url.to_string(),
            secure_cookies: false,
            demo_on_first_start: false,
            session_hours: 12,
        }
    }
}
