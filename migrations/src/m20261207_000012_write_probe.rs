//! One row that `/readyz` rewrites to prove the database takes writes: a full disk or an unwritable
//! WAL leaves reads working, so a read-only check said "ready" while every submit failed.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Table name; one row, id 1.
pub const TABLE: &str = "write_probe";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Alias::new(TABLE))
                    .col(ColumnDef::new(Alias::new("id")).integer().not_null().primary_key())
                    .col(ColumnDef::new(Alias::new("n")).big_integer().not_null().default(0))
                    .to_owned(),
            )
            .await?;
        manager.get_connection().execute_unprepared(&format!("INSERT INTO {TABLE} (id, n) VALUES (1, 0)")).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Alias::new(TABLE)).to_owned()).await
    }
}
