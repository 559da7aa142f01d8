//! Rencana Aksi on the GROW model, with dated progress updates and an optimistic-lock version.

use super::m20260101_000001_units::Unit;
use super::m20260101_000003_waves::Wave;
use super::m20260101_000005_accounts::AppUser;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ActionPlan {
    Table,
    Id,
    UnitId,
    WaveId,
    FocusDiscipline,
    Goal,
    Reality,
    Options,
    WayForward,
    OwnerName,
    DueOn,
    Status,
    Version,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ActionPlanUpdate {
    Table,
    Id,
    PlanId,
    AuthorId,
    Note,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ActionPlan::Table)
                    .col(pk_auto(ActionPlan::Id))
                    .col(integer(ActionPlan::UnitId))
                    .col(integer(ActionPlan::WaveId))
                    .col(string_len(ActionPlan::FocusDiscipline, 32))
                    .col(text(ActionPlan::Goal))
                    .col(text(ActionPlan::Reality))
                    .col(text(ActionPlan::Options))
                    .col(text(ActionPlan::WayForward))
                    .col(string_len_null(ActionPlan::OwnerName, 120))
                    .col(date_null(ActionPlan::DueOn))
                    .col(string_len(ActionPlan::Status, 16))
                    .col(integer(ActionPlan::Version).default(1))
                    .col(integer(ActionPlan::CreatedBy))
                    .col(timestamp_with_time_zone(ActionPlan::CreatedAt))
                    .col(timestamp_with_time_zone(ActionPlan::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_plan_unit")
                            .from(ActionPlan::Table, ActionPlan::UnitId)
                            .to(Unit::Table, Unit::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_plan_wave")
                            .from(ActionPlan::Table, ActionPlan::WaveId)
                            .to(Wave::Table, Wave::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_plan_creator")
                            .from(ActionPlan::Table, ActionPlan::CreatedBy)
                            .to(AppUser::Table, AppUser::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_plan_unit").table(ActionPlan::Table).col(ActionPlan::UnitId).to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ActionPlanUpdate::Table)
                    .col(pk_auto(ActionPlanUpdate::Id))
                    .col(integer(ActionPlanUpdate::PlanId))
                    .col(integer(ActionPlanUpdate::AuthorId))
                    .col(text(ActionPlanUpdate::Note))
                    .col(timestamp_with_time_zone(ActionPlanUpdate::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_plan_update_plan")
                            .from(ActionPlanUpdate::Table, ActionPlanUpdate::PlanId)
                            .to(ActionPlan::Table, ActionPlan::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_plan_update_author")
                            .from(ActionPlanUpdate::Table, ActionPlanUpdate::AuthorId)
                            .to(AppUser::Table, AppUser::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ActionPlanUpdate::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(ActionPlan::Table).to_owned()).await
    }
}
