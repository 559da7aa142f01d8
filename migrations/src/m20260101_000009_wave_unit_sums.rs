//! Per-(wave, unit) sums of the stored response scores, kept up to date in each submit transaction,
//! so a heatmap reads at most one row per unit whatever the number of responses (issue 4: a GROUP BY
//! over a million responses takes about a second and a half on SQLite). Only additive figures are
//! kept — counts, sums, sums of squares, favourable and answered item counts — which is all the
//! heatmap needs (docs/DESIGN.md §4). Existing responses are summed in when the table is created.

use super::m20260101_000001_units::Unit;
use super::m20260101_000003_waves::Wave;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Table name.
pub const TABLE: &str = "wave_unit_sum";

/// The five disciplines in `Discipline::ALL` order; a response stores `score_{d}`, `favourable_{d}`
/// and `answered_{d}` for each.
pub const DISCIPLINES: [&str; 5] =
    ["personal_mastery", "mental_models", "shared_vision", "team_learning", "systems_thinking"];

/// The six measures with a mean: the disciplines, then the LO index. Each has `{m}_n` (responses
/// with a score), `{m}_sum` and `{m}_sum_sq` here.
pub const MEASURES: [&str; 6] =
    ["personal_mastery", "mental_models", "shared_vision", "team_learning", "systems_thinking", "lo_index"];

/// The response column that holds measure `m`'s score.
fn score_column(m: &str) -> String {
    if m == "lo_index" { m.to_string() } else { format!("score_{m}") }
}

/// The summed columns this migration creates, with the SQL aggregate over `response` that fills each,
/// in table order. Frozen: later migrations add columns (`wave_unit_answering` has the current list).
pub fn columns_at_creation() -> Vec<(String, String)> {
    let mut out = vec![("responses".to_string(), "COUNT(id)".to_string())];
    for m in MEASURES {
        let score = score_column(m);
        out.push((format!("{m}_n"), format!("COUNT({score})")));
        out.push((format!("{m}_sum"), format!("COALESCE(SUM({score}), 0.0)")));
        out.push((format!("{m}_sum_sq"), format!("COALESCE(SUM({score} * {score}), 0.0)")));
    }
    for d in DISCIPLINES {
        out.push((format!("{d}_favourable"), format!("COALESCE(SUM(favourable_{d}), 0)")));
        out.push((format!("{d}_answered"), format!("COALESCE(SUM(answered_{d}), 0)")));
    }
    out
}

/// Statements that recompute the `columns` of the whole table from the responses (the same SQL on
/// SQLite and PostgreSQL).
pub fn rebuild_statements_of(columns: &[(String, String)]) -> [String; 2] {
    let names: Vec<&str> = columns.iter().map(|(name, _)| name.as_str()).collect();
    let aggregates: Vec<&str> = columns.iter().map(|(_, aggregate)| aggregate.as_str()).collect();
    [
        format!("DELETE FROM {TABLE}"),
        format!(
            "INSERT INTO {TABLE} (wave_id, unit_id, {}) SELECT wave_id, unit_id, {} FROM response GROUP BY wave_id, unit_id",
            names.join(", "),
            aggregates.join(", ")
        ),
    ]
}

/// A table of sums with one row per (wave, unit): the key and its foreign keys (`fk_{name}_wave`,
/// removed with the wave, and `fk_{name}_unit`); the caller adds the summed columns.
pub fn keyed_by_wave_and_unit(name: &str) -> TableCreateStatement {
    Table::create()
        .table(Alias::new(name))
        .col(ColumnDef::new(Alias::new("wave_id")).integer().not_null())
        .col(ColumnDef::new(Alias::new("unit_id")).integer().not_null())
        .primary_key(Index::create().col(Alias::new("wave_id")).col(Alias::new("unit_id")))
        .foreign_key(
            ForeignKey::create()
                .name(format!("fk_{name}_wave"))
                .from(Alias::new(name), Alias::new("wave_id"))
                .to(Wave::Table, Wave::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .foreign_key(
            ForeignKey::create()
                .name(format!("fk_{name}_unit"))
                .from(Alias::new(name), Alias::new("unit_id"))
                .to(Unit::Table, Unit::Id),
        )
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = keyed_by_wave_and_unit(TABLE);
        for (name, _) in columns_at_creation() {
            let mut column = ColumnDef::new(Alias::new(name.as_str()));
            if name.ends_with("_sum") || name.ends_with("_sum_sq") {
                column.double();
            } else {
                column.big_integer();
            }
            table.col(column.not_null().default(0));
        }
        manager.create_table(table.to_owned()).await?;
        let db = manager.get_connection();
        for statement in rebuild_statements_of(&columns_at_creation()) {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Alias::new(TABLE)).to_owned()).await
    }
}
