//! Everything that runs only on the server: configuration, database, authentication, the REST API,
//! the router and the command line. Compiled only with the `ssr` feature.

pub mod assets;
pub mod auth;
pub mod cli;
pub mod config;
pub mod csp;
pub mod csrf;
pub mod db;
pub mod entities;
pub mod heatmap_export;
pub mod invitation_pages;
pub mod listed_router;
pub mod login_throttle;
pub mod plan_export;
pub mod posters;
pub mod rate_limit;
pub mod repo;
pub mod rest;
pub mod router;
pub mod seed;
pub mod spreadsheet_csv;
pub mod state;
pub mod survey;
pub mod unit_import;
pub mod unit_import_pages;
pub mod workshop_export;
pub mod xlsx_upload;
