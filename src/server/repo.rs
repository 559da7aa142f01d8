//! Data access: free async functions over a connection that read and write tables and return
//! entities, domain values or errors. Scope checks, disclosure and DTOs belong to `reports`.

pub mod action_plans;
pub mod answers;
pub mod audit;
pub mod instruments;
pub mod password_links;
pub mod responses;
pub mod revision;
pub mod settings;
pub mod sums;
pub mod units;
pub mod users;
pub mod waves;
