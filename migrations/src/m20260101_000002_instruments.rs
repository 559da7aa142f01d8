//! Versioned questionnaires and their items; a published instrument is never edited.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Instrument {
    Table,
    Id,
    Slug,
    Version,
    TitleId,
    TitleEn,
    ScalePoints,
    Published,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum Item {
    Table,
    Id,
    InstrumentId,
    Code,
    Discipline,
    Reverse,
    Position,
    TextId,
    TextEn,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Instrument::Table)
                    .col(pk_auto(Instrument::Id))
                    .col(string_len(Instrument::Slug, 64))
                    .col(integer(Instrument::Version))
                    .col(string_len(Instrument::TitleId, 200))
                    .col(string_len(Instrument::TitleEn, 200))
                    .col(small_integer(Instrument::ScalePoints))
                    .col(boolean(Instrument::Published).default(false))
                    .col(timestamp_with_time_zone(Instrument::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_instrument_slug_version")
                    .table(Instrument::Table)
                    .col(Instrument::Slug)
                    .col(Instrument::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Item::Table)
                    .col(pk_auto(Item::Id))
                    .col(integer(Item::InstrumentId))
                    .col(string_len(Item::Code, 16))
                    .col(string_len(Item::Discipline, 32))
                    .col(boolean(Item::Reverse))
                    .col(integer(Item::Position))
                    .col(text(Item::TextId))
                    .col(text(Item::TextEn))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_item_instrument")
                            .from(Item::Table, Item::InstrumentId)
                            .to(Instrument::Table, Instrument::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_item_instrument_code")
                    .table(Item::Table)
                    .col(Item::InstrumentId)
                    .col(Item::Code)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Item::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Instrument::Table).to_owned()).await
    }
}
