//! Per discipline, how many respondents answered at least one of its items, kept in `wave_unit_sum`
//! beside the favourable and answered item counts. Disclosure control (docs/DESIGN.md §5) decides every
//! figure on the people it rests on: % favourable counts answered items, and those can come from
//! respondents who have no score in the discipline, so neither the responses nor the discipline's n
//! is that figure's n. Existing rows are filled from the stored responses.

use super::m20260101_000009_wave_unit_sums::{DISCIPLINES, TABLE, columns_at_creation};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The column of discipline `d` this migration adds.
fn answering_column(d: &str) -> String {
    format!("{d}_answering")
}

/// The SQL aggregate over `response` that fills the column of discipline `d`.
fn answering_aggregate(d: &str) -> String {
    format!("COUNT(CASE WHEN answered_{d} > 0 THEN 1 END)")
}

/// The summed columns of `wave_unit_sum` as of this migration, with the SQL aggregate over `response`
/// that fills each, in table order (the application uses the latest migration's list).
pub fn summed_columns() -> Vec<(String, String)> {
    let mut columns = columns_at_creation();
    columns.extend(DISCIPLINES.iter().map(|d| (answering_column(d), answering_aggregate(d))));
    columns
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        for d in DISCIPLINES {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(TABLE))
                        .add_column(ColumnDef::new(Alias::new(answering_column(d))).big_integer().not_null().default(0))
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        for d in DISCIPLINES {
            db.execute_unprepared(&format!(
                "UPDATE {TABLE} SET {column} = (SELECT {aggregate} FROM response \
                 WHERE response.wave_id = {TABLE}.wave_id AND response.unit_id = {TABLE}.unit_id)",
                column = answering_column(d),
                aggregate = answering_aggregate(d),
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for d in DISCIPLINES {
            manager
                .alter_table(
                    Table::alter().table(Alias::new(TABLE)).drop_column(Alias::new(answering_column(d))).to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
