//! Workshops: a training event owning a pre-test wave and a post-test wave.

use super::m20260101_000001_units::Unit;
use super::m20260101_000003_waves::Wave;
use super::m20260101_000005_accounts::AppUser;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Workshop {
    Table,
    Id,
    Title,
    Place,
    OwnerId,
    UnitId,
    HeldFrom,
    HeldTo,
    ThenTest,
    PreWaveId,
    PostWaveId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Workshop::Table)
                    .col(pk_auto(Workshop::Id))
                    .col(string_len(Workshop::Title, 200))
                    .col(string_len_null(Workshop::Place, 200))
                    .col(integer(Workshop::OwnerId))
                    .col(integer_null(Workshop::UnitId))
                    .col(date(Workshop::HeldFrom))
                    .col(date(Workshop::HeldTo))
                    .col(boolean(Workshop::ThenTest).default(false))
                    .col(integer_uniq(Workshop::PreWaveId))
                    .col(integer_uniq(Workshop::PostWaveId))
                    .col(timestamp_with_time_zone(Workshop::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_workshop_owner")
                            .from(Workshop::Table, Workshop::OwnerId)
                            .to(AppUser::Table, AppUser::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_workshop_unit")
                            .from(Workshop::Table, Workshop::UnitId)
                            .to(Unit::Table, Unit::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_workshop_pre_wave")
                            .from(Workshop::Table, Workshop::PreWaveId)
                            .to(Wave::Table, Wave::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_workshop_post_wave")
                            .from(Workshop::Table, Workshop::PostWaveId)
                            .to(Wave::Table, Wave::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_workshop_owner").table(Workshop::Table).col(Workshop::OwnerId).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Workshop::Table).to_owned()).await
    }
}
