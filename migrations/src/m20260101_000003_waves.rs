//! Survey waves over a unit subtree, and personal invitations. An invitation holds only the hash of
//! its token and whether it was used: nothing links it to a response.

use super::m20260101_000001_units::Unit;
use super::m20260101_000002_instruments::Instrument;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Wave {
    Table,
    Id,
    Slug,
    Title,
    InstrumentId,
    RootUnitId,
    OpensOn,
    ClosesOn,
    Access,
    Kind,
    ClosedEarly,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Invitation {
    Table,
    Id,
    WaveId,
    TokenHash,
    Used,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Wave::Table)
                    .col(pk_auto(Wave::Id))
                    .col(string_len_uniq(Wave::Slug, 64))
                    .col(string_len(Wave::Title, 200))
                    .col(integer(Wave::InstrumentId))
                    .col(integer(Wave::RootUnitId))
                    .col(date(Wave::OpensOn))
                    .col(date(Wave::ClosesOn))
                    .col(string_len(Wave::Access, 16))
                    .col(string_len(Wave::Kind, 16))
                    .col(boolean(Wave::ClosedEarly).default(false))
                    .col(timestamp_with_time_zone(Wave::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_wave_instrument")
                            .from(Wave::Table, Wave::InstrumentId)
                            .to(Instrument::Table, Instrument::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_wave_root_unit")
                            .from(Wave::Table, Wave::RootUnitId)
                            .to(Unit::Table, Unit::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_wave_instrument_opens")
                    .table(Wave::Table)
                    .col(Wave::InstrumentId)
                    .col(Wave::OpensOn)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Invitation::Table)
                    .col(pk_auto(Invitation::Id))
                    .col(integer(Invitation::WaveId))
                    .col(string_len_uniq(Invitation::TokenHash, 64))
                    .col(boolean(Invitation::Used).default(false))
                    .col(timestamp_with_time_zone(Invitation::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_invitation_wave")
                            .from(Invitation::Table, Invitation::WaveId)
                            .to(Wave::Table, Wave::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Invitation::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Wave::Table).to_owned()).await
    }
}
