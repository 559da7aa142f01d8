//! Database schema of Mawas, one reversible change per file. Runs at start and with `mawas migrate`,
//! on SQLite and PostgreSQL.

pub use sea_orm_migration::prelude::*;

mod m20260101_000001_units;
mod m20260101_000002_instruments;
mod m20260101_000003_waves;
mod m20260101_000004_responses;
mod m20260101_000005_accounts;
mod m20260101_000006_workshops;
mod m20260101_000007_action_plans;
mod m20260101_000008_audit_settings;
mod m20260101_000009_wave_unit_sums;
mod m20261202_000010_wave_unit_alpha_sums;
mod m20261202_000011_revision;
mod m20261207_000012_write_probe;
mod m20261207_000013_wave_unit_answering;
mod m20261207_000014_release_at_close;
mod m20261207_000015_wave_units;
mod m20261207_000016_wave_breakdown;
mod m20261208_000017_password_links;

/// Names and rebuild SQL of the per-(wave, unit) score sums, shared with the application.
pub mod wave_unit_sums {
    pub use super::m20260101_000009_wave_unit_sums::{DISCIPLINES, MEASURES, TABLE};
    pub use super::m20261207_000014_release_at_close::{rebuild_statements, summed_columns};
}

/// Names and rebuild SQL of the per-(wave, unit) sums behind Cronbach's α, shared with the application.
pub mod wave_unit_alpha_sums {
    pub use super::m20261202_000010_wave_unit_alpha_sums::{
        ITEMS, TABLE, discipline_columns, rebuild_statements, summed_columns,
    };
}

/// The counter that changes to waves, instruments, units, workshops and settings move on.
pub mod revision {
    pub use super::m20261202_000011_revision::{TABLE, WATCHED};
}

/// Each wave's unit tree as it stood when the wave was made.
pub mod wave_units {
    pub use super::m20261207_000015_wave_units::{TABLE, snapshot_statement};
}

/// The row `/readyz` rewrites to prove the database takes writes.
pub mod write_probe {
    pub use super::m20261207_000012_write_probe::TABLE;
}

/// Applies and reverts every migration in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20260101_000001_units::Migration),
            Box::new(m20260101_000002_instruments::Migration),
            Box::new(m20260101_000003_waves::Migration),
            Box::new(m20260101_000004_responses::Migration),
            Box::new(m20260101_000005_accounts::Migration),
            Box::new(m20260101_000006_workshops::Migration),
            Box::new(m20260101_000007_action_plans::Migration),
            Box::new(m20260101_000008_audit_settings::Migration),
            Box::new(m20260101_000009_wave_unit_sums::Migration),
            Box::new(m20261202_000010_wave_unit_alpha_sums::Migration),
            Box::new(m20261202_000011_revision::Migration),
            Box::new(m20261207_000012_write_probe::Migration),
            Box::new(m20261207_000013_wave_unit_answering::Migration),
            Box::new(m20261207_000014_release_at_close::Migration),
            Box::new(m20261207_000015_wave_units::Migration),
            Box::new(m20261207_000016_wave_breakdown::Migration),
            Box::new(m20261208_000017_password_links::Migration),
        ]
    }
}
