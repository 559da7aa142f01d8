//! Audit log (who did what, when; never respondent data) and settings with their defaults:
//! minimum group size k = 5 and comment threshold 5 (docs/DESIGN.md §5).

use super::m20260101_000005_accounts::AppUser;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    UserId,
    Action,
    Target,
    Details,
}

#[derive(DeriveIden)]
enum Setting {
    Table,
    Key,
    Value,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(integer_null(AuditLog::UserId))
                    .col(string_len(AuditLog::Action, 64))
                    .col(string_len(AuditLog::Target, 200))
                    .col(text_null(AuditLog::Details))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_audit_user")
                            .from(AuditLog::Table, AuditLog::UserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_audit_at").table(AuditLog::Table).col(AuditLog::At).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Setting::Table)
                    .col(string_len(Setting::Key, 64).primary_key())
                    .col(string_len(Setting::Value, 200))
                    .to_owned(),
            )
            .await?;
        let defaults = Query::insert()
            .into_table(Setting::Table)
            .columns([Setting::Key, Setting::Value])
            .values_panic(["min_group_size".into(), "5".into()])
            .values_panic(["comment_threshold".into(), "5".into()])
            .to_owned();
        manager.exec_stmt(defaults).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Setting::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(AuditLog::Table).to_owned()).await
    }
}
