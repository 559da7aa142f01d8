//! Configuration from the environment (docs/DESIGN.md §8); nothing secret lives in the repository.

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
    /// Survey submissions one client address may send: a burst, refilled at a steady rate.
    /// `None` switches the limit off (`MAWAS_SUBMIT_PER_MINUTE=0`, for benchmarks).
    pub submit_limit: Option<SubmitLimit>,
    /// Address of the site as respondents reach it (`MAWAS_PUBLIC_URL`, e.g. `https://mawas.example.go.id`),
    /// used in QR codes and invitation links; without it the request's own host is used.
    pub public_url: Option<String>,
    /// Reverse proxies whose `X-Forwarded-For` is believed (`MAWAS_TRUSTED_PROXIES`, comma-separated IPs).
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

/// A per-address budget of survey submissions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SubmitLimit {
    pub per_minute: u32,
    pub burst: u32,
}

impl SubmitLimit {
    /// A whole office behind one NAT address: 300 people of an OPD answering in the same ten minutes
    /// need 300 submissions; 100 at once plus 60 a minute allows 700 in ten minutes, while one
    /// script still cannot send more than one a second for long.
    pub const DEFAULT: SubmitLimit = SubmitLimit { per_minute: 60, burst: 100 };
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
            submit_limit: submit_limit(
                std::env::var("MAWAS_SUBMIT_PER_MINUTE").ok().as_deref(),
                std::env::var("MAWAS_SUBMIT_BURST").ok().as_deref(),
            ),
            public_url: std::env::var("MAWAS_PUBLIC_URL")
                .ok()
                .map(|u| u.trim().trim_end_matches('/').to_string())
                .filter(|u| !u.is_empty()),
            trusted_proxies: std::env::var("MAWAS_TRUSTED_PROXIES")
                .map(|v| v.split(',').filter_map(|ip| ip.trim().parse().ok()).collect())
                .unwrap_or_default(),
        }
    }

    /// Settings for tests: the given database, no demo data.
    pub fn for_database(database_url: &str) -> Self {
        Config {
            database_url: database_url.to_string(),
            secure_cookies: false,
            demo_on_first_start: false,
            session_hours: 12,
            submit_limit: Some(SubmitLimit::DEFAULT),
            public_url: None,
            trusted_proxies: Vec::new(),
        }
    }
}

/// The submission limit from its two settings; a rate of 0 switches it off, anything unreadable
/// keeps the default so a typo never removes the protection.
fn submit_limit(per_minute: Option<&str>, burst: Option<&str>) -> Option<SubmitLimit> {
    let per_minute = per_minute.and_then(|v| v.trim().parse::<u32>().ok()).unwrap_or(SubmitLimit::DEFAULT.per_minute);
    if per_minute == 0 {
        return None;
    }
    let burst =
        burst.and_then(|v| v.trim().parse::<u32>().ok()).filter(|b| *b > 0).unwrap_or(SubmitLimit::DEFAULT.burst);
    Some(SubmitLimit { per_minute, burst })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_submission_limit_defaults_switches_off_at_zero_and_ignores_typos() {
        assert_eq!(submit_limit(None, None), Some(SubmitLimit::DEFAULT));
        assert_eq!(submit_limit(Some("0"), Some("5")), None);
        assert_eq!(submit_limit(Some("30"), Some("10")), Some(SubmitLimit { per_minute: 30, burst: 10 }));
        assert_eq!(submit_limit(Some("lots"), Some("-1")), Some(SubmitLimit::DEFAULT));
    }
}
