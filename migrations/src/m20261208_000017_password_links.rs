//! Accounts managed without a shell: one-time set-password links (only their hash is stored; a link
//! works once, for 72 hours) and each account's last login, for the admin's list of users.

use super::m20260101_000005_accounts::AppUser;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PasswordLink {
    Table,
    Id,
    UserId,
    TokenHash,
    CreatedBy,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum LastLogin {
    LastLoginAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PasswordLink::Table)
                    .col(pk_auto(PasswordLink::Id))
                    .col(integer(PasswordLink::UserId))
                    .col(string_len_uniq(PasswordLink::TokenHash, 64))
                    .col(integer_null(PasswordLink::CreatedBy))
                    .col(timestamp_with_time_zone(PasswordLink::CreatedAt))
                    .col(timestamp_with_time_zone(PasswordLink::ExpiresAt))
                    .col(timestamp_with_time_zone_null(PasswordLink::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_password_link_user")
                            .from(PasswordLink::Table, PasswordLink::UserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AppUser::Table)
                    .add_column(ColumnDef::new(LastLogin::LastLoginAt).timestamp_with_time_zone().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(AppUser::Table).drop_column(LastLogin::LastLoginAt).to_owned())
            .await?;
        manager.drop_table(Table::drop().table(PasswordLink::Table).to_owned()).await
    }
}
