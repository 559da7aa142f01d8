//! Everything that runs only on the server, compiled only with the `ssr` feature. The rooms, and
//! which way they may use each other (never back up into `pages` or `components`):
//!
//! - `http`: the router, state, CSRF, CSP, rate limits, static assets and shared responses;
//! - `respondent`: the survey as server-rendered HTML, no wasm;
//! - `export` (CSV, XLSX, print downloads) and `uploads` (CSV/XLSX files HR sends);
//! - `posters`: QR codes and printable posters;
//! - `rest`: the REST API v1; `reports`: what an account may see (scope, disclosure, DTOs);
//! - `repo`: table access; `entities`: the tables;
//! - `auth`, `config`, `db`, `login_throttle`, `cli`, `seed`.

pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod entities;
pub mod export;
pub mod http;
pub mod login_throttle;
pub mod posters;
pub mod repo;
pub mod reports;
pub mod respondent;
pub mod rest;
pub mod seed;
pub mod uploads;
