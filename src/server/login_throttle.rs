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
    /// Counts an attempt as failed before its password is checked, or says how long the caller must
    /// wait when the account or the address is over its budget. Counting first is what makes a burst
    /// of parallel guesses stop at the budget: each takes its place before any is verified.
    pub fn begin_attempt(&self, email: &str, address: IpAddr, now: Instant) -> Result<(), Duration> {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        // Forget windows that are over, so the map does not grow with every address ever seen.
        failures.retain(|_, f| now.saturating_duration_since(f.since) < WINDOW);
        let keys = keys(email, address);
        let wait = keys
            .iter()
            .filter_map(|(key, limit)| {
                let f = failures.get(key)?;
                (f.count >= *limit).then(|| WINDOW.saturating_sub(now.saturating_duration_since(f.since)))
            })
            .max();
        if let Some(wait) = wait {
            return Err(wait);
        }
        for (key, _) in keys {
            failures.entry(key).or_insert(Failures { since: now, count: 0 }).count += 1;
        }
        Ok(())
    }

    /// A successful login clears the account's failures and takes its own attempt back from the address.
    pub fn succeeded(&self, email: &str, address: IpAddr) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        failures.remove(&account_key(email));
        if let Some(f) = failures.get_mut(&format!("address:{address}")) {
            f.count = f.count.saturating_sub(1);
        }
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
            assert_eq!(throttle.begin_attempt("Sari@x.id", OFFICE, start), Ok(()), "attempt {i} is allowed");
        }
        let later = start + Duration::from_secs(60);
        assert_eq!(throttle.begin_attempt(" sari@x.id", OFFICE, later), Err(WINDOW - Duration::from_secs(60)));
        assert_eq!(throttle.begin_attempt("budi@x.id", OFFICE, later), Ok(()), "colleagues at the same address go on");
        assert_eq!(throttle.begin_attempt("sari@x.id", OFFICE, start + WINDOW), Ok(()), "the window ends");
    }

    #[test]
    fn parallel_attempts_beyond_the_budget_are_refused_before_any_is_checked() {
        let throttle = std::sync::Arc::new(LoginThrottle::default());
        let now = Instant::now();
        let allowed: u32 = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..100)
                .map(|_| {
                    let throttle = &throttle;
                    scope.spawn(move || u32::from(throttle.begin_attempt("sari@x.id", OFFICE, now).is_ok()))
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap_or(0)).sum()
        });
        assert_eq!(allowed, PER_ACCOUNT);
    }

    #[test]
    fn an_address_gets_a_larger_budget_across_accounts() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for i in 0..PER_ADDRESS {
            assert!(throttle.begin_attempt(&format!("user{i}@x.id"), OFFICE, now).is_ok());
        }
        assert!(throttle.begin_attempt("new@x.id", OFFICE, now).is_err());
        assert_eq!(throttle.begin_attempt("new@x.id", IpAddr::from([10, 0, 0, 8]), now), Ok(()));
    }

    #[test]
    fn a_successful_login_clears_the_accounts_failures_and_its_own_attempt() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for _ in 0..PER_ACCOUNT {
            assert!(throttle.begin_attempt("sari@x.id", OFFICE, now).is_ok());
        }
        throttle.succeeded("SARI@x.id", OFFICE);
        assert_eq!(throttle.begin_attempt("sari@x.id", OFFICE, now), Ok(()));
        // PER_ACCOUNT attempts, one of them successful, plus the one just made.
        let failures = throttle.failures.lock().unwrap_or_else(|e| e.into_inner());
        assert_eq!(failures[&format!("address:{OFFICE}")].count, PER_ACCOUNT);
    }
}
