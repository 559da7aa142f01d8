//! Per-(wave, unit) sums from which Cronbach's α of each discipline follows, kept up to date in each
//! submit transaction like `wave_unit_sum`: the heatmap page computed α from every answer of the wave
//! on each view, which the soak (bench/soak.sh) showed slowing to a few views a minute on a large wave.
//! Per discipline: complete cases, each item's sum and sum of squares (items numbered 1–5 in instrument
//! order within the discipline), and the sum and sum of squares of the case totals, over the responses
//! that answered all five items of the discipline; values after reverse scoring. Existing responses are
//! summed in when the table is created.

use super::m20260101_000009_wave_unit_sums::{DISCIPLINES, keyed_by_wave_and_unit};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Table name.
pub const TABLE: &str = "wave_unit_alpha_sum";

/// Items per discipline the sums are kept for.
pub const ITEMS: usize = 5;

/// Column names of discipline `d`, in the order of the domain's `AlphaSums`: complete cases, item
/// sums, item sums of squares, total sum, total sum of squares.
pub fn discipline_columns(d: &str) -> Vec<String> {
    let mut out = vec![format!("{d}_complete")];
    out.extend((1..=ITEMS).map(|j| format!("{d}_item{j}_sum")));
    out.extend((1..=ITEMS).map(|j| format!("{d}_item{j}_sum_sq")));
    out.push(format!("{d}_total_sum"));
    out.push(format!("{d}_total_sum_sq"));
    out
}

/// Every summed column, disciplines in `DISCIPLINES` order.
pub fn summed_columns() -> Vec<String> {
    DISCIPLINES.iter().flat_map(|d| discipline_columns(d)).collect()
}

/// Statements that recompute the whole table from the stored answers (the same SQL on SQLite and
/// PostgreSQL): for bulk loads such as the demo seed, and for the migration itself. The item number
/// within a discipline comes from a window function, which both databases evaluate once per item.
pub fn rebuild_statements() -> [String; 2] {
    let scored = "CASE WHEN it.flip > 0 THEN it.flip - a.value ELSE a.value END";
    let slots: Vec<String> =
        (1..=ITEMS).map(|j| format!("SUM(CASE WHEN it.slot = {j} THEN {scored} ELSE 0 END) AS x{j}")).collect();
    let mut sums = Vec::new();
    for d in DISCIPLINES {
        let when = |expr: &str| format!("SUM(CASE WHEN c.discipline = '{d}' THEN {expr} ELSE 0 END)");
        sums.push(when("1"));
        sums.extend((1..=ITEMS).map(|j| when(&format!("c.x{j}"))));
        sums.extend((1..=ITEMS).map(|j| when(&format!("c.x{j} * c.x{j}"))));
        sums.push(when("c.t"));
        sums.push(when("c.t * c.t"));
    }
    [
        format!("DELETE FROM {TABLE}"),
        format!(
            "INSERT INTO {TABLE} (wave_id, unit_id, {columns}) \
             SELECT c.wave_id, c.unit_id, {sums} FROM ( \
               SELECT r.wave_id, r.unit_id, it.discipline, {slots}, SUM({scored}) AS t \
               FROM answer a \
               JOIN response r ON r.id = a.response_id \
               JOIN ( \
                 SELECT i.id, i.discipline, \
                   ROW_NUMBER() OVER (PARTITION BY i.instrument_id, i.discipline ORDER BY i.position) AS slot, \
                   COUNT(*) OVER (PARTITION BY i.instrument_id, i.discipline) AS of_discipline, \
                   CASE WHEN i.reverse THEN n.scale_points + 1 ELSE 0 END AS flip \
                 FROM item i JOIN instrument n ON n.id = i.instrument_id \
               ) it ON it.id = a.item_id \
               WHERE it.of_discipline = {ITEMS} \
               GROUP BY r.id, r.wave_id, r.unit_id, it.discipline \
               HAVING COUNT(*) = {ITEMS} \
             ) c GROUP BY c.wave_id, c.unit_id",
            columns = summed_columns().join(", "),
            sums = sums.join(", "),
            slots = slots.join(", "),
        ),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut table = keyed_by_wave_and_unit(TABLE);
        for name in summed_columns() {
            table.col(ColumnDef::new(Alias::new(name.as_str())).big_integer().not_null().default(0));
        }
        manager.create_table(table.to_owned()).await?;
        let db = manager.get_connection();
        for statement in rebuild_statements() {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Alias::new(TABLE)).to_owned()).await
    }
}
