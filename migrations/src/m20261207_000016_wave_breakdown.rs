//! Each wave is broken down by one dimension only (docs/DESIGN.md §5): the breakdowns by grade and by
//! kind of position of one wave, held together, are two cuts across the same people, and where a
//! combination of bands is empty one band minus the other is the answers of a few people (a unit's
//! grade I minus its tenure 2–5 years is its grade-I people with under 2 years when nobody of another
//! grade has 2–5 years). Existing waves keep the breakdown the pages offered first: by grade.

use super::m20260101_000003_waves::Wave;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum WaveBreakdown {
    BreakdownBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Wave::Table)
                    .add_column(ColumnDef::new(WaveBreakdown::BreakdownBy).string().not_null().default("grade_band"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Wave::Table).drop_column(WaveBreakdown::BreakdownBy).to_owned()).await
    }
}
