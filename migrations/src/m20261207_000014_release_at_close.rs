//! What release at close and typed-in responses need (docs/DESIGN.md §5): the day a wave's results were
//! first shown (a wave whose results were seen can no longer be reopened, or a second read would
//! give away whoever answered in between), and per (wave, unit) how many responses were typed in from
//! paper, so the heatmap and the unit page can say it. A response itself does not record how it
//! arrived (§5 lists what it stores), so this count lives only here: a rebuild of the sums from the
//! responses (bulk loads) starts it at 0, and responses stored before this migration count as online.

use super::m20260101_000003_waves::Wave;
use super::m20260101_000009_wave_unit_sums::{TABLE, rebuild_statements_of};
use super::m20261207_000013_wave_unit_answering::summed_columns as columns_before;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum WaveResults {
    ResultsShownOn,
}

/// Every summed column of `wave_unit_sum` today, with the SQL aggregate over `response` that fills
/// it, in table order.
pub fn summed_columns() -> Vec<(String, String)> {
    let mut columns = columns_before();
    // Typed as the other counts: PostgreSQL would read a bare 0 as a 4-byte integer.
    columns.push(("typed_in".to_string(), "CAST(0 AS BIGINT)".to_string()));
    columns
}

/// Statements that recompute the whole table from the responses (the same SQL on SQLite and
/// PostgreSQL): for bulk loads such as the demo seed and the benchmark fixture.
pub fn rebuild_statements() -> [String; 2] {
    rebuild_statements_of(&summed_columns())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Wave::Table)
                    .add_column(ColumnDef::new(WaveResults::ResultsShownOn).date().null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new(TABLE))
                    .add_column(ColumnDef::new(Alias::new("typed_in")).big_integer().not_null().default(0))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(Alias::new(TABLE)).drop_column(Alias::new("typed_in")).to_owned())
            .await?;
        manager.alter_table(Table::alter().table(Wave::Table).drop_column(WaveResults::ResultsShownOn).to_owned()).await
    }
}
