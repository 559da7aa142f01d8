//! A counter that every change to the tables a survey page is built from moves on, by trigger, so an
//! app server can keep a wave's instrument, unit tree and settings in memory and know with one
//! primary-key read whether they are still current — also when another app server or the command
//! line made the change (issue 3: each query of a respondent flow costs a hand-off to the database).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Table name; one row, id 1.
pub const TABLE: &str = "revision";

/// Tables whose changes move the counter.
pub const WATCHED: [&str; 6] = ["wave", "instrument", "item", "workshop", "unit", "setting"];

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
        let db = manager.get_connection();
        db.execute_unprepared(&format!("INSERT INTO {TABLE} (id, n) VALUES (1, 0)")).await?;
        let bump = format!("UPDATE {TABLE} SET n = n + 1 WHERE id = 1");
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared(&format!(
                    "CREATE FUNCTION bump_revision() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {bump}; RETURN NULL; END $$"
                ))
                .await?;
                for table in WATCHED {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER bump_revision_{table} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} \
                         FOR EACH STATEMENT EXECUTE FUNCTION bump_revision()"
                    ))
                    .await?;
                }
            }
            _ => {
                // SQLite triggers take one event each, and fire per row: a bulk change moves the
                // counter more than once, which is as good.
                for table in WATCHED {
                    for event in ["INSERT", "UPDATE", "DELETE"] {
                        let name = format!("bump_revision_{table}_{}", event.to_lowercase());
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {bump}; END"
                        ))
                        .await?;
                    }
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                for table in WATCHED {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS bump_revision_{table} ON {table}")).await?;
                }
                db.execute_unprepared("DROP FUNCTION IF EXISTS bump_revision()").await?;
            }
            _ => {
                for table in WATCHED {
                    for event in ["insert", "update", "delete"] {
                        db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS bump_revision_{table}_{event}")).await?;
                    }
                }
            }
        }
        manager.drop_table(Table::drop().table(Alias::new(TABLE)).to_owned()).await
    }
}
