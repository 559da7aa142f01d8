//! Failed logins counted per account and per client address, so nobody can try passwords at speed.
//! An account locks after a few failures, for the rest of a fixed window (a right password does
//! not help meanwhile, or the lock would tell a guesser when they are right); an address gets a
//! larger budget, since a whole office sits behind one NAT address. Counts live in the process: with
//! several app servers each keeps its own, which multiplies the budget by the number of servers.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long failures count, and how long a lock lasts at most.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Failed logins of one account within the window before it is locked.
pub const PER_ACCOUNT: u32 = 5;
/// Failed logins from one address within the window before it is refused.
pub const PER_ADDRESS: u32 = 30;

#[derive(Clone, Copy)]
struct Failures {
    since: Instant,
    count: u32,
}

/// The failure counts of one app server.
#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, Failures>>,
}

fn account_key(email: &str) -> String {
    format!("account:{}", email.trim().to_lowercase())
}

fn keys(email: &str, address: IpAddr) -> [(String, u32); 2] {
    [(account_key(email), PER_ACCOUNT), (format!("address:{address}"), PER_ADDRESS)]
}

impl LoginThrottle {
    /// How long the caller must wait before trying again, if the account or the address is over its
    /// budget now.
    pub fn wait(&self, email: &str, address: IpAddr, now: Instant) -> Option<Duration> {
        let failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        keys(email, address)
            .iter()
            .filter_map(|(key, limit)| {
                let f = failures.get(key)?;
                let elapsed = now.saturating_duration_since(f.since);
                (f.count >= *limit && elapsed < WINDOW).then(|| WINDOW - elapsed)
            })
            .max()
    }

    /// Counts a failed login against the account and the address.
    pub fn failed(&self, email: &str, address: IpAddr, now: Instant) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        // Forget windows that are over, so the map does not grow with every address ever seen.
        failures.retain(|_, f| now.saturating_duration_since(f.since) < WINDOW);
        for (key, _) in keys(email, address) {
            let f = failures.entry(key).or_insert(Failures { since: now, count: 0 });
            f.count += 1;
        }
    }

    /// A successful login clears the account's failures (the address keeps its count).
    pub fn succeeded(&self, email: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        failures.remove(&account_key(email));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFICE: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 7));

    #[test]
    fn an_account_locks_after_its_budget_for_the_rest_of_the_window() {
        let throttle = LoginThrottle::default();
        let start = Instant::now();
        for i in 0..PER_ACCOUNT {
            assert_eq!(throttle.wait("Sari@x.id", OFFICE, start), None, "attempt {i} is allowed");
            throttle.failed("Sari@x.id", OFFICE, start);
        }
        let later = start + Duration::from_secs(60);
        assert_eq!(throttle.wait(" sari@x.id", OFFICE, later), Some(WINDOW - Duration::from_secs(60)));
        assert_eq!(throttle.wait("budi@x.id", OFFICE, later), None, "colleagues at the same address go on");
        assert_eq!(throttle.wait("sari@x.id", OFFICE, start + WINDOW), None, "the window ends");
    }

    #[test]
    fn an_address_gets_a_larger_budget_across_accounts() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for i in 0..PER_ADDRESS {
            throttle.failed(&format!("user{i}@x.id"), OFFICE, now);
        }
        assert!(throttle.wait("new@x.id", OFFICE, now).is_some());
        assert_eq!(throttle.wait("new@x.id", IpAddr::from([10, 0, 0, 8]), now), None);
    }

    #[test]
    fn a_successful_login_clears_the_accounts_failures() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for _ in 0..PER_ACCOUNT - 1 {
            throttle.failed("sari@x.id", OFFICE, now);
        }
        throttle.succeeded("SARI@x.id");
        throttle.failed("sari@x.id", OFFICE, now);
        assert_eq!(throttle.wait("sari@x.id", OFFICE, now), None);
    }
}
