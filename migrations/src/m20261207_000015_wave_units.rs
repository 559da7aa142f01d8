//! The frozen population of each wave (docs/DESIGN.md §5): its unit tree (codes, names, kinds, parents,
//! headcounts) as it stood when the wave was made, so that later edits of the organisation change
//! later waves only. Without it, moving a unit of 3 under a sibling and reading a closed wave again
//! gave those 3 people as the difference, and editing a headcount rewrote old response rates.
//! Existing waves are snapshotted from today's tree: the best that can be known of their past.

use super::m20260101_000001_units::Unit;
use super::m20260101_000003_waves::Wave;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Table name.
pub const TABLE: &str = "wave_unit";

/// The statement that copies the subtree of unit `root` as it is today into the snapshot of wave
/// `wave_id` (the root without a parent). Recursive, with UNION so a parent loop in old data ends.
/// The same SQL on SQLite and PostgreSQL.
pub fn snapshot_statement(wave_id: i32, root: i32) -> String {
    format!(
        "INSERT INTO {TABLE} (wave_id, unit_id, parent_id, code, name, kind, headcount) \
         WITH RECURSIVE below(id) AS (SELECT {root} UNION SELECT u.id FROM unit u JOIN below ON u.parent_id = below.id) \
         SELECT {wave_id}, u.id, CASE WHEN u.id = {root} THEN NULL ELSE u.parent_id END, u.code, u.name, u.kind, u.headcount \
         FROM unit u JOIN below ON below.id = u.id"
    )
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let name = Alias::new(TABLE);
        let column = |c: &str| ColumnDef::new(Alias::new(c));
        manager
            .create_table(
                Table::create()
                    .table(name.clone())
                    .col(column("wave_id").integer().not_null())
                    .col(column("unit_id").integer().not_null())
                    .col(column("parent_id").integer().null())
                    .col(column("code").string_len(64).not_null())
                    .col(column("name").string_len(200).not_null())
                    .col(column("kind").string_len(32).not_null())
                    .col(column("headcount").integer().null())
                    .primary_key(Index::create().col(Alias::new("wave_id")).col(Alias::new("unit_id")))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_wave_unit_wave")
                            .from(name.clone(), Alias::new("wave_id"))
                            .to(Wave::Table, Wave::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_wave_unit_unit")
                            .from(name.clone(), Alias::new("unit_id"))
                            .to(Unit::Table, Unit::Id),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let waves = db
            .query_all_raw(Statement::from_string(db.get_database_backend(), "SELECT id, root_unit_id FROM wave"))
            .await?;
        for wave in waves {
            let (id, root): (i32, i32) = (wave.try_get("", "id")?, wave.try_get("", "root_unit_id")?);
            db.execute_unprepared(&snapshot_statement(id, root)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Alias::new(TABLE)).to_owned()).await
    }
}
