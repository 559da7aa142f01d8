//! Integration tests of Mawas against a real database: SQLite by default, PostgreSQL when
//! `MAWAS_TEST_BACKEND=postgres`. Each test runs on its own fresh database; each file is one area.

mod accounts;
mod attacker;
mod authorization;
mod cli;
mod disclosure;
mod heatmap;
mod helpers;
mod hr_pages;
mod invitation_pages;
mod language;
mod malformed;
mod plans;
mod rest_api;
mod security;
mod sessions;
mod settings_and_waves;
mod setup;
/// The attacker's arithmetic, shared with the domain's property tests.
#[path = "../../src/domain/disclosure/audit.rs"]
mod span_audit;
mod submit;
mod survey_pages;
mod units_pages;
mod workshops;
