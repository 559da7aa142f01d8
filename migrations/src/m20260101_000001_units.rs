//! The organisation tree: Pemda → OPD → bidang/seksi/UPT/tim.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Unit {
    Table,
    Id,
    Code,
    Name,
    ParentId,
    Kind,
    Headcount,
    Active,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Unit::Table)
                    .col(pk_auto(Unit::Id))
                    .col(string_len_uniq(Unit::Code, 32))
                    .col(string_len(Unit::Name, 200))
                    .col(integer_null(Unit::ParentId))
                    .col(string_len(Unit::Kind, 16))
                    .col(integer_null(Unit::Headcount))
                    .col(boolean(Unit::Active).default(true))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_unit_parent")
                            .from(Unit::Table, Unit::ParentId)
                            .to(Unit::Table, Unit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_unit_parent").table(Unit::Table).col(Unit::ParentId).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Unit::Table).to_owned()).await
    }
}
