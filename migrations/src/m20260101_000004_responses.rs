//! Responses and their answers. A response keeps only what docs/DESIGN.md §5 allows: unit, wave, day,
//! optional bands, optional pairing code, stored scores (with favourable/answered item counts per
//! discipline, so % favourable adds up like the scores) and an optional comment; never who or when
//! to the second. Submission nonces sit in their own table with no link to the response.

use super::m20260101_000001_units::Unit;
use super::m20260101_000002_instruments::Item;
use super::m20260101_000003_waves::Wave;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Response {
    Table,
    Id,
    WaveId,
    UnitId,
    SubmittedOn,
    GradeBand,
    TenureBand,
    RoleKind,
    PairingCode,
    ScorePersonalMastery,
    ScoreMentalModels,
    ScoreSharedVision,
    ScoreTeamLearning,
    ScoreSystemsThinking,
    LoIndex,
    FavourablePersonalMastery,
    AnsweredPersonalMastery,
    FavourableMentalModels,
    AnsweredMentalModels,
    FavourableSharedVision,
    AnsweredSharedVision,
    FavourableTeamLearning,
    AnsweredTeamLearning,
    FavourableSystemsThinking,
    AnsweredSystemsThinking,
    Comment,
}

#[derive(DeriveIden)]
enum Answer {
    Table,
    ResponseId,
    ItemId,
    Value,
    ThenValue,
}

#[derive(DeriveIden)]
enum SubmissionNonce {
    Table,
    Nonce,
    WaveId,
    UsedOn,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Response::Table)
                    .col(pk_auto(Response::Id))
                    .col(integer(Response::WaveId))
                    .col(integer(Response::UnitId))
                    .col(date(Response::SubmittedOn))
                    .col(string_len_null(Response::GradeBand, 8))
                    .col(string_len_null(Response::TenureBand, 8))
                    .col(string_len_null(Response::RoleKind, 16))
                    .col(string_len_null(Response::PairingCode, 32))
                    .col(double_null(Response::ScorePersonalMastery))
                    .col(double_null(Response::ScoreMentalModels))
                    .col(double_null(Response::ScoreSharedVision))
                    .col(double_null(Response::ScoreTeamLearning))
                    .col(double_null(Response::ScoreSystemsThinking))
                    .col(double_null(Response::LoIndex))
                    .col(small_integer(Response::FavourablePersonalMastery))
                    .col(small_integer(Response::AnsweredPersonalMastery))
                    .col(small_integer(Response::FavourableMentalModels))
                    .col(small_integer(Response::AnsweredMentalModels))
                    .col(small_integer(Response::FavourableSharedVision))
                    .col(small_integer(Response::AnsweredSharedVision))
                    .col(small_integer(Response::FavourableTeamLearning))
                    .col(small_integer(Response::AnsweredTeamLearning))
                    .col(small_integer(Response::FavourableSystemsThinking))
                    .col(small_integer(Response::AnsweredSystemsThinking))
                    .col(text_null(Response::Comment))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_response_wave")
                            .from(Response::Table, Response::WaveId)
                            .to(Wave::Table, Wave::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_response_unit")
                            .from(Response::Table, Response::UnitId)
                            .to(Unit::Table, Unit::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_response_wave_unit")
                    .table(Response::Table)
                    .col(Response::WaveId)
                    .col(Response::UnitId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_response_wave_pairing")
                    .table(Response::Table)
                    .col(Response::WaveId)
                    .col(Response::PairingCode)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Answer::Table)
                    .col(integer(Answer::ResponseId))
                    .col(integer(Answer::ItemId))
                    .col(small_integer(Answer::Value))
                    .col(small_integer_null(Answer::ThenValue))
                    .primary_key(Index::create().col(Answer::ResponseId).col(Answer::ItemId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_answer_response")
                            .from(Answer::Table, Answer::ResponseId)
                            .to(Response::Table, Response::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_answer_item")
                            .from(Answer::Table, Answer::ItemId)
                            .to(Item::Table, Item::Id),
                    )
                    .check(Expr::col(Answer::Value).between(1, 9))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SubmissionNonce::Table)
                    .col(string_len(SubmissionNonce::Nonce, 64).primary_key())
                    .col(integer(SubmissionNonce::WaveId))
                    .col(date(SubmissionNonce::UsedOn))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_nonce_wave")
                            .from(SubmissionNonce::Table, SubmissionNonce::WaveId)
                            .to(Wave::Table, Wave::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SubmissionNonce::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Answer::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Response::Table).to_owned()).await
    }
}
