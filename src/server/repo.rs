//! Data access: free async functions over a connection, each returning domain or DTO values.

pub mod action_plans;
pub mod audit;
pub mod heatmap;
pub mod instruments;
pub mod reliability;
pub mod responses;
pub mod revision;
pub mod settings;
pub mod unit_report;
pub mod units;
pub mod users;
pub mod waves;
pub mod workshops;
